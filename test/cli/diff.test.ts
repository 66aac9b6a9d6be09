import { CommanderError } from 'commander';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffCommand, runDiff, type DiffCommandOptions } from '../../constructs/cli/diff';
import { formatJson } from '../../constructs/compliance/report/report-json';
import { judge, ENCRYPTED_BUCKET, KEY, template, type CfnResource } from '../compliance/helpers/judge';

// `sovereign-lz diff OLD NEW` run in-process (the compiled lib/ may be older than the sources),
// on compliance.json files written by the JSON report of two check results.

const encrypted = ENCRYPTED_BUCKET;
const unencrypted: CfnResource = { Type: 'AWS::S3::Bucket' };
const report = (bucket: CfnResource, language: 'en' | 'fr' = 'en') =>
  formatJson(judge(template({ ...KEY, B: bucket }), { language }));

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-diff-'));
  // OLD as a synth output directory, NEW as a file.
  mkdirSync(join(work, 'old'));
  writeFileSync(join(work, 'old', 'compliance.json'), report(encrypted));
  writeFileSync(join(work, 'new.json'), report(unencrypted));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function diff(oldPath: string, newPath: string, options: DiffCommandOptions = {}) {
  let out = '';
  let err = '';
  const code = runDiff(oldPath, newPath, options, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    cwd: work,
  });
  return { code, out, err };
}

test('a bucket that loses its encryption: exit 1, the new ENC-1 error named, nothing on stderr', () => {
  const r = diff('old', 'new.json');
  expect(r.code).toBe(1);
  expect(r.err).toBe('');
  expect(r.out.split('\n')[0]).toBe("Compliance diff: old/compliance.json → new.json, profile 'morocco'");
  expect(r.out).toMatch(/^ {2}new +error {2}ENC-1\/s3-bucket-cmk {2}S\.template\.json {2}B$/m);
  expect(r.out).toMatch(/\nFAILED: 1 new unsuppressed error\n$/);
});

test('the other way round: a fixed finding, exit 0', () => {
  const r = diff('new.json', 'old');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^ {2}fixed +error {2}ENC-1\/s3-bucket-cmk/m);
  expect(r.out).toMatch(/\nPASSED: no new unsuppressed error\n$/);
});

test('the same input twice (a directory and its compliance.json): nothing new, exit 0', () => {
  const r = diff('old', 'old/compliance.json');
  expect(r.code).toBe(0);
  expect(r.out).toContain('\nNo change in findings.\n');
  expect(diff('new.json', 'new.json').code).toBe(0);
});

test('--format json and markdown; the same inputs give byte-identical output', () => {
  const json = diff('old', 'new.json', { format: 'json' });
  expect(json.code).toBe(1);
  const doc = JSON.parse(json.out);
  expect(doc).toMatchObject({
    schemaVersion: 1,
    old: { source: 'old/compliance.json', profile: 'morocco' },
    new: { source: 'new.json', profile: 'morocco' },
    summary: { new: 1, newErrors: 1 },
  });
  expect(doc.controls.map((c: { control: string }) => c.control)).toEqual(['ENC-1']);
  expect(diff('old', 'new.json', { format: 'json' }).out).toBe(json.out);
  const md = diff('old', 'new.json', { format: 'markdown' });
  expect(md.code).toBe(1);
  expect(md.out).toMatch(/^\*\*FAILED\*\*: 1 new unsuppressed error\. /);
  expect(md.out).toContain('| **new** | `ENC-1/s3-bucket-cmk` | `B` | `S.template.json` | **error** |');
  expect(diff('old', 'new.json', { format: 'markdown' }).out).toBe(md.out);
});

test('a hostile message in the Markdown and text output: no escape sequence, the pipe escaped', () => {
  const doc = JSON.parse(report(unencrypted));
  const enc = doc.findings.find((f: { rule: string }) => f.rule === 'ENC-1/s3-bucket-cmk');
  enc.message = '\u001b[2J\u001b[31mpwned | col\u001b[0m\nnext line';
  enc.resource = 'B|C';
  writeFileSync(join(work, 'hostile.json'), JSON.stringify(doc));
  const md = diff('old', 'hostile.json', { format: 'markdown' });
  expect(md.code).toBe(1);
  expect(md.out).not.toContain('\u001b');
  const row = md.out.split('\n').find((l) => l.startsWith('| **new**'))!;
  expect(row.split(/(?<!\\)\|/).slice(1, -1)).toHaveLength(6);
  expect(row).toContain('`B\\|C`');
  expect(row).toContain('pwned \\| col \\[0m<br>next line');
  const text = diff('old', 'hostile.json');
  expect(text.out).not.toContain('\u001b');
  expect(text.out).toContain('      pwned | col next line\n');
});

test('--lang fr: the words in French with their plurals, the messages as their run wrote them', () => {
  writeFileSync(join(work, 'old-fr.json'), report(encrypted, 'fr'));
  writeFileSync(join(work, 'new-fr.json'), report(unencrypted, 'fr'));
  const r = diff('old-fr.json', 'new-fr.json', { lang: 'fr' });
  expect(r.code).toBe(1);
  expect(r.out.split('\n')[0]).toBe("Comparaison de conformité : old-fr.json → new-fr.json, profil 'morocco'");
  expect(r.out).toMatch(/^ {2}nouveau +erreur {2}ENC-1\/s3-bucket-cmk/m);
  expect(r.out).toContain('les données sont chiffrées avec une clé gérée par le fournisseur');
  expect(r.out).toContain('1 nouveau constat, 0 corrigé, 0 modifié, 0 dérogation ajoutée, 0 dérogation retirée');
  expect(r.out).toMatch(/\nÉCHEC : 1 nouvelle erreur sans dérogation\n$/);
});

test('--output writes the diff atomically, says so on stderr, and refuses an input as output', () => {
  const r = diff('old', 'new.json', { format: 'markdown', output: 'diff.md' });
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toBe(
    'sovereign-lz: wrote diff.md: 1 new unsuppressed error; 1 new finding, 0 fixed, 0 changed, 0 suppressions added, 0 suppressions removed; 0 resources judged added, 0 removed\n',
  );
  expect(readFileSync(join(work, 'diff.md'), 'utf8')).toBe(diff('old', 'new.json', { format: 'markdown' }).out);
  expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  const before = readFileSync(join(work, 'new.json'), 'utf8');
  const refused = diff('old', 'new.json', { output: './new.json' });
  expect(refused.code).toBe(2);
  expect(refused.err).toBe(
    'sovereign-lz: --output ./new.json: refused: it is an input of this run; write the diff to another file. Nothing was changed\n',
  );
  expect(readFileSync(join(work, 'new.json'), 'utf8')).toBe(before);
  expect(diff('old', 'new.json', { output: 'old/compliance.json' }).code).toBe(2);
});

describe('bad input: exit 2, one line on stderr naming the file and what to do, nothing written', () => {
  const GIVE =
    'give a synth output directory (holding compliance.json) or a compliance.json written by sovereign-lz check --format json';
  test.each([
    ['a missing path', () => 'missing.json', `sovereign-lz: missing.json: no such file or directory: ${GIVE}\n`],
    [
      'a directory without compliance.json',
      () => {
        mkdirSync(join(work, 'empty'));
        return 'empty';
      },
      `sovereign-lz: empty: a directory without compliance.json: ${GIVE}\n`,
    ],
    [
      'a template, not a report',
      () => {
        writeFileSync(join(work, 'template.json'), JSON.stringify(template({ B: unencrypted })));
        return 'template.json';
      },
      'sovereign-lz: template.json: not a compliance report of schemaVersion 1 or 2 (no schemaVersion): give a synth output directory or the compliance.json of sovereign-lz check --format json\n',
    ],
    [
      'a report of another schema version',
      () => {
        writeFileSync(join(work, 'v3.json'), JSON.stringify({ ...JSON.parse(report(encrypted)), schemaVersion: 3 }));
        return 'v3.json';
      },
      'sovereign-lz: v3.json: not a compliance report of schemaVersion 1 or 2 (schemaVersion 3): give a synth output directory or the compliance.json of sovereign-lz check --format json\n',
    ],
    [
      'a report with a malformed finding',
      () => {
        const doc = JSON.parse(report(encrypted));
        delete doc.findings[1].suppressed;
        writeFileSync(join(work, 'bad.json'), JSON.stringify(doc));
        return 'bad.json';
      },
      "sovereign-lz: bad.json: not a compliance report of schemaVersion 1 or 2 (finding 2 has no boolean 'suppressed'): give a synth output directory or the compliance.json of sovereign-lz check --format json\n",
    ],
    [
      'text that is not JSON',
      () => {
        writeFileSync(join(work, 'broken.json'), '{"schemaVersion": 1,\n');
        return 'broken.json';
      },
      /^sovereign-lz: broken\.json:2:1: not valid JSON: [^\n]*\n$/,
    ],
  ])('%s, as OLD or as NEW', (_, make, expected) => {
    const bad = make();
    for (const args of [
      [bad, 'new.json'],
      ['old', bad],
    ] as const) {
      const r = diff(args[0], args[1], { output: 'never.md' });
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      if (typeof expected === 'string') expect(r.err).toBe(expected);
      else expect(r.err).toMatch(expected);
      expect(existsSync(join(work, 'never.md'))).toBe(false);
    }
  });

  test('an unknown format or language, a bad --max-file-size, a report over it', () => {
    expect(diff('old', 'new.json', { format: 'sarif' })).toEqual({
      code: 2,
      out: '',
      err: "sovereign-lz: --format 'sarif' is unknown: use text, markdown, json\n",
    });
    expect(diff('old', 'new.json', { lang: 'de' }).err).toBe(
      "sovereign-lz: --lang: unknown language 'de'; use one of en, fr\n",
    );
    expect(diff('old', 'new.json', { maxFileSize: 'lots' }).code).toBe(2);
    const tiny = diff('old', 'new.json', { maxFileSize: '0.001' });
    expect(tiny.code).toBe(2);
    expect(tiny.err).toMatch(/^sovereign-lz: old\/compliance\.json: [^\n]* over the limit of 1\.0 KiB [^\n]*\n$/);
  });
});

test('the commander subcommand hands the exit code over; a missing argument is a usage error', async () => {
  let exit = -1;
  const io = { stdout: () => undefined, stderr: () => undefined, cwd: work };
  await diffCommand((code) => (exit = code), io).parseAsync(['old', 'new.json', '--format', 'json'], { from: 'user' });
  expect(exit).toBe(1);
  const command = diffCommand(() => undefined, io).configureOutput({ writeErr: () => undefined });
  const error = await command.parseAsync(['old'], { from: 'user' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CommanderError);
  expect((error as CommanderError).exitCode).not.toBe(0);
});
