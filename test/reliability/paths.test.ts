import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import { formatReport } from '../../constructs/compliance/report/reports';
import { readInputs } from '../../constructs/compliance/read/read-inputs';
import { cli, cliAsync, pool } from './cli';

// Large directories and odd paths: a thousand templates are all read, in a stable order;
// names with spaces, accents and Arabic letters are read and shown intact, relative to the
// working directory, in every report; `synth --out` writes into such a directory. The readers
// are synchronous (one file after another, in sorted order): concurrency here means several
// runs at once over the same files, which must agree byte for byte.
const dir = mkdtempSync(join(tmpdir(), 'slz-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), content);
}

/** A small template: a key (rotation off in every third) and a queue encrypted with it. */
function small(i: number): string {
  const tags = [{ Key: 'sovereign-lz.io/classification', Value: 'internal' }];
  return JSON.stringify({
    Resources: {
      [`Key${i}`]: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: i % 3 !== 0, Tags: tags } },
      [`Queue${i}`]: {
        Type: 'AWS::SQS::Queue',
        Properties: { KmsMasterKeyId: { 'Fn::GetAtt': [`Key${i}`, 'Arn'] }, Tags: tags },
      },
    },
  });
}

const FILES = 1000;
const manyName = (i: number) =>
  `many/${String(Math.floor(i / 100)).padStart(2, '0')}/t-${String(i).padStart(4, '0')}.json`;

const ODD = ['dossier avec espaces/modèle été.json', 'سجل.yaml', 'データ/図 1 ✓.template.json'];

beforeAll(() => {
  // Written in a shuffled order, so that the order read is the readers' own.
  const order = Array.from({ length: FILES }, (_, i) => (i * 7919) % FILES);
  for (const i of order) write(manyName(i), small(i));
  write(ODD[0], small(1));
  write(ODD[1], 'Resources:\n  Journal:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 30\n');
  write(ODD[2], small(3));
});

describe('a directory of 1,000 templates', () => {
  test('every template is read, in sorted order, and judged', () => {
    const input = readInputs(['many'], { cwd: dir });
    expect(input.templates.map((t) => t.file)).toEqual(Array.from({ length: FILES }, (_, i) => manyName(i)));
    const result = checkPaths(['many'], { cwd: dir, region: 'eu-west-3' });
    expect(result.summary.resources).toBe(2 * FILES);
    expect(result.findings.filter((f) => f.rule === 'KEY-2/kms-rotation')).toHaveLength(Math.ceil(FILES / 3));
  });

  test('four runs at once over the same files agree byte for byte, with the in-process check', async () => {
    const expected = formatReport(checkPaths(['many'], { cwd: dir, region: 'eu-west-3' }), 'json');
    const runs = await pool(
      [0, 1, 2, 3].map(
        (i) => () =>
          cliAsync(
            [
              'check',
              'many',
              '--region',
              'eu-west-3',
              '--format',
              'json',
              ...(i % 2 ? [] : ['--output', 'shared.json']),
            ],
            dir,
          ),
      ),
    );
    for (const [i, run] of runs.entries()) {
      expect([i, run.status]).toEqual([i, 1]);
      if (i % 2) expect(run.stdout).toBe(expected);
    }
    // Two runs wrote the same report file at once: it is whole (written aside, then renamed).
    expect(readFileSync(join(dir, 'shared.json'), 'utf8')).toBe(expected);
  });
});

describe('paths with spaces, accents, Arabic and Japanese letters', () => {
  test('are read and shown relative and intact in every report', async () => {
    const [text, json, markdown, sarif] = await pool(
      ['text', 'json', 'markdown', 'sarif'].map(
        (format) => () => cliAsync(['check', ...ODD, '--region', 'eu-west-3', '--format', format], dir),
      ),
    );
    for (const run of [text, json, markdown, sarif]) expect([run.status, run.stderr]).toEqual([1, '']);
    const findings = JSON.parse(json.stdout).findings as Array<{ file: string; rule: string }>;
    expect([...new Set(findings.map((f) => f.file).filter(Boolean))].sort()).toEqual([...ODD].sort());
    expect(findings).toContainEqual(expect.objectContaining({ file: 'سجل.yaml', rule: 'LOG-2/log-group-retention' }));
    for (const name of ODD) {
      expect([name, text.stdout.includes(name)]).toEqual([name, true]);
      expect([name, markdown.stdout.includes(name)]).toEqual([name, true]);
    }
    // SARIF names artifacts by URI: percent-encoded, relative to the working directory.
    const uris = new Set(
      JSON.parse(sarif.stdout).runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri) as string[],
    );
    for (const name of ODD) {
      const uri = name.split('/').map(encodeURIComponent).join('/');
      expect([name, uris.has(uri), decodeURIComponent(uri)]).toEqual([name, true, name]);
    }
    expect(json.stdout).not.toContain(dir);
  });

  test('synth --out writes into such a directory, and check reads it back', () => {
    const out = 'sortie été/مخرجات';
    const synth = cli(['synth', 'minimal', '--out', out], dir);
    expect(synth.status).toBe(0);
    expect(synth.stdout).toContain(`into ${out}/ in `);
    for (const file of ['profile.json', 'aws/manifest.json', 'compliance.json', 'compliance.sarif', 'plan.md']) {
      expect([file, existsSync(join(dir, out, file))]).toEqual([file, true]);
    }
    // The deployment commands quote the directory for the shell.
    expect(readFileSync(join(dir, out, 'plan.md'), 'utf8')).toContain(`--app '${out}/aws'`);
    const report = JSON.parse(readFileSync(join(dir, out, 'compliance.json'), 'utf8'));
    expect(report.summary.errors).toBe(0);
    expect(report.findings.filter((f: { file: string }) => f.file.startsWith('/') || f.file.includes(dir))).toEqual([]);
    const check = cli(['check', out, '--format', 'json'], dir);
    expect([check.status, check.stderr]).toEqual([0, '']);
    const files = JSON.parse(check.stdout).findings.map((f: { file: string }) => f.file) as string[];
    expect(files.filter((f) => f !== '' && !f.startsWith(`${out}/aws/`))).toEqual([]);
  });
});
