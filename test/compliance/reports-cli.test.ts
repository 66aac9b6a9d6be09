import { App } from 'aws-cdk-lib';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedBucket } from '../../constructs/aws/encrypted-bucket';
import { SovereignKey } from '../../constructs/aws/sovereign-key';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { checkCommand, type CheckCommandOptions } from '../../constructs/cli/check';
import { runCheckIn } from './helpers/run-check';
import { checkPaths } from '../../constructs/compliance/check';
import { formatJson } from '../../constructs/compliance/report/report-json';
import { formatMarkdown } from '../../constructs/compliance/report/report-markdown';
import { formatSarif } from '../../constructs/compliance/report/report-sarif';
import { formatReport, REPORT_FILES, writeReports } from '../../constructs/compliance/report/reports';
import { SovereignLzError } from '../../constructs/core';
import { template } from './helpers/judge';
import { COMPLIANT, sarifValidator, VIOLATING, VIOLATING_EXTRA } from './helpers/report-fixtures';

const validate = sarifValidator();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slz-reports-'));
  writeFileSync(join(dir, 'ok.json'), JSON.stringify(template(COMPLIANT)));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(template(VIOLATING, VIOLATING_EXTRA)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (paths: string[], options: CheckCommandOptions = {}) => runCheckIn(dir, paths, options, true);

describe('sovereign-lz check --format sarif', () => {
  test('exit 0 and valid SARIF for a compliant template', () => {
    const { code, out, err } = run(['ok.json'], { format: 'sarif', region: 'eu-west-3' });
    expect([code, err]).toEqual([0, '']);
    const log = JSON.parse(out);
    expect(validate(log)).toEqual([]);
    expect(log.runs[0].results.filter((r: any) => r.level === 'error')).toEqual([]);
    expect(out).not.toContain('\u001b[');
  });

  test('exit 1 and valid SARIF naming the violations for a violating template', () => {
    const { code, out } = run(['bad.json'], { format: 'sarif', region: 'eu-west-3' });
    expect(code).toBe(1);
    const log = JSON.parse(out);
    expect(validate(log)).toEqual([]);
    const errors = log.runs[0].results.filter((r: any) => r.level === 'error' && !r.suppressions);
    expect(errors.map((r: any) => r.ruleId)).toEqual(
      expect.arrayContaining(['KEY-2/kms-rotation', 'NET-1/open-ingress']),
    );
    expect(errors[0].locations[0].physicalLocation.artifactLocation.uri).toBe('bad.json');
  });
});

describe('sovereign-lz check --format markdown', () => {
  test('exit 1 with the evidence matrix on stdout: the failing control row names the resource', () => {
    const { code, out } = run(['bad.json'], { format: 'markdown', region: 'eu-west-3' });
    expect(code).toBe(1);
    expect(out).toMatch(/^# Compliance evidence matrix\n/);
    expect(out).toContain('| `Key` | `bad.json` | `S/Key/Resource` | `KEY-2/kms-rotation` | **fail (error)** |');
    expect(out).toContain('justification: logged by the SIEM agent \\| see runbook<br>section 4');
    expect(out).not.toContain('\u001b[');
  });

  test('exit 0 for a compliant template', () => {
    const { code, out } = run(['ok.json'], { format: 'markdown', region: 'eu-west-3' });
    expect(code).toBe(0);
    expect(out).toContain('**PASSED**');
  });
});

test('--output writes markdown and sarif files, the same bytes on every run', () => {
  for (const [format, file] of [
    ['markdown', 'report.md'],
    ['sarif', 'report.sarif'],
  ]) {
    const first = run(['bad.json'], { format, output: file, region: 'eu-west-3' });
    expect(first.code).toBe(1);
    expect(first.out).toBe('');
    expect(first.err).toContain(`wrote ${file}`);
    const bytes = readFileSync(join(dir, file), 'utf8');
    expect(run(['bad.json'], { format, output: file, region: 'eu-west-3' }).code).toBe(1);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(bytes);
    expect(run(['bad.json'], { format, region: 'eu-west-3' }).out).toBe(bytes);
  }
  expect(validate(JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')))).toEqual([]);
});

test('an unknown format is a usage error naming the five formats; nothing is written', () => {
  const { code, out, err } = run(['ok.json'], { format: 'pdf', output: 'never.pdf' });
  expect([code, out]).toEqual([2, '']);
  expect(err).toBe("sovereign-lz: --format 'pdf' is unknown: use text, json, markdown, sarif, html\n");
  expect(existsSync(join(dir, 'never.pdf'))).toBe(false);
});

test('the commander subcommand accepts --format sarif and hands the exit code over', async () => {
  let exit = -1;
  let out = '';
  const io = { stdout: (t: string) => (out += t), stderr: () => undefined, color: false, cwd: dir };
  await checkCommand((code) => (exit = code), io).parseAsync(
    ['bad.json', '--format', 'sarif', '--region', 'eu-west-3'],
    {
      from: 'user',
    },
  );
  expect(exit).toBe(1);
  expect(JSON.parse(out).version).toBe('2.1.0');
});

test('formatReport renders each format; only text is ever coloured', () => {
  const result = checkPaths(['bad.json'], { cwd: dir, region: 'eu-west-3' });
  expect(formatReport(result, 'text', { color: true })).toContain('\u001b[');
  expect(formatReport(result, 'json', { color: true })).toBe(formatJson(result));
  expect(formatReport(result, 'markdown', { color: true })).toBe(formatMarkdown(result));
  expect(formatReport(result, 'sarif', { color: true })).toBe(formatSarif(result));
});

describe('writeReports', () => {
  test('writes compliance.json, .md, .sarif and .html into a directory, creating it', () => {
    const result = checkPaths(['bad.json'], { cwd: dir, region: 'eu-west-3' });
    const target = join(dir, 'out', 'nested');
    const written = writeReports(result, target);
    expect(written).toEqual({
      json: join(target, 'compliance.json'),
      markdown: join(target, 'compliance.md'),
      sarif: join(target, 'compliance.sarif'),
      html: join(target, 'compliance.html'),
    });
    expect(readdirSync(target).sort()).toEqual(Object.values(REPORT_FILES).sort());
    expect(readFileSync(written.json, 'utf8')).toBe(formatJson(result));
    expect(readFileSync(written.markdown, 'utf8')).toBe(formatMarkdown(result));
    expect(readFileSync(written.sarif, 'utf8')).toBe(formatSarif(result));
  });

  test('fails with a one-line error naming the directory when it cannot be created', () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    const result = checkPaths(['ok.json'], { cwd: dir, region: 'eu-west-3' });
    expect(() => writeReports(result, join(dir, 'a-file', 'reports'))).toThrow(SovereignLzError);
    expect(() => writeReports(result, join(dir, 'a-file', 'reports'))).toThrow(
      /a-file\/reports: cannot create the report directory: ENOTDIR$/,
    );
  });

  test("the reports of a cloud assembly built with the library's constructs are valid and name construct paths", () => {
    const assembly = join(dir, 'cdk.out');
    const app = new App({ outdir: assembly, builtinCloudFormationValidation: false });
    const stack = new SovereignStack(app, 'Records', {
      env: { account: '111111111111', region: 'eu-west-3' },
      profile: 'morocco',
      classification: 'internal',
    });
    new EncryptedBucket(stack, 'Archive', { encryptionKey: new SovereignKey(stack, 'Key').key });
    app.synth();
    const result = checkPaths(['cdk.out'], { cwd: dir });
    const written = writeReports(result, join(dir, 'assembly-reports'));
    const log = JSON.parse(readFileSync(written.sarif, 'utf8'));
    expect(validate(log)).toEqual([]);
    expect(log.runs[0].artifacts.map((a: any) => a.location.uri)).toContain('cdk.out/Records.template.json');
    const md = readFileSync(written.markdown, 'utf8');
    expect(md).toContain('- **Inputs (1):** `cdk.out/Records.template.json`');
    // The bucket's pass, folded under its rule, with the key it was observed to use.
    expect(md).toMatch(/\*\*`ENC-1\/s3-bucket-cmk` .*: 1 pass\*\*/);
    expect(md).toMatch(
      /^\| `Archive\w*` \| `cdk\.out\/Records\.template\.json` \| `Records\/Archive\/Resource\/Resource` \| keyHolder=customer; key=\S+/m,
    );
    expect(formatSarif(checkPaths(['cdk.out'], { cwd: dir }))).toBe(readFileSync(written.sarif, 'utf8'));
  });
});
