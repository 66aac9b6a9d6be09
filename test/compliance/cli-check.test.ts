import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand, type CheckCommandOptions } from '../../constructs/cli/check';
import { runCheckIn } from './helpers/run-check';

let dir: string;
const COMPLIANT = {
  Resources: {
    Key: {
      Type: 'AWS::KMS::Key',
      Properties: {
        EnableKeyRotation: true,
        Tags: [{ Key: 'sovereign-lz.io/classification', Value: 'internal' }],
      },
    },
  },
};
const VIOLATING = { Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } } } };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slz-cli-'));
  writeFileSync(join(dir, 'ok.json'), JSON.stringify(COMPLIANT));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(VIOLATING));
  writeFileSync(join(dir, 'broken.json'), '{"Resources": ');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (paths: string[], options: CheckCommandOptions = {}) => runCheckIn(dir, paths, options, false);

test('exit 0 when no unsuppressed error (region assumed with --region)', () => {
  const { code, out, err } = run(['ok.json'], { region: 'eu-west-3' });
  expect(err).toBe('');
  expect(out).toContain('PASSED');
  expect(code).toBe(0);
});

test('exit 1 when at least one error, with the JSON contract on stdout', () => {
  const { code, out } = run(['bad.json'], { format: 'json', classification: 'internal', region: 'eu-west-3' });
  expect(code).toBe(1);
  const report = JSON.parse(out) as { schemaVersion: number; findings: Array<{ rule: string }> };
  expect(report.schemaVersion).toBe(2);
  expect(report.findings.map((f) => f.rule)).toContain('KEY-2/kms-rotation');
});

test.each([
  [['broken.json'], {}, /^sovereign-lz: broken\.json:1:\d+: not valid JSON: .*\n$/],
  [['missing.json'], {}, /^sovereign-lz: missing\.json: no such file or directory\n$/],
  [['ok.json'], { profile: 'atlantis' }, /^sovereign-lz: unknown profile 'atlantis'/],
  [['ok.json'], { profile: 'nope.json' }, /^sovereign-lz: nope\.json: cannot read the profile file: no such file\n$/],
  [['ok.json'], { format: 'xml' }, /--format 'xml' is unknown/],
  [['ok.json'], { classification: 'top-secret' }, /--classification 'top-secret' is not a level/],
  [['ok.json'], { region: 'paris' }, /--region 'paris' is not an AWS region code/],
])('exit 2 with one line on stderr and nothing on stdout: %j %j', (paths, options, expected) => {
  const { code, out, err } = run(paths, options as CheckCommandOptions);
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err).toMatch(expected);
  expect(err.trim().split('\n')).toHaveLength(1);
});

test('--output writes the report atomically and nothing when the input is bad', () => {
  const { code, err } = run(['bad.json'], { format: 'json', output: 'report.json' });
  expect(code).toBe(1);
  expect(err).toContain('wrote report.json');
  expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).schemaVersion).toBe(2);
  expect(run(['broken.json'], { output: 'never.json' }).code).toBe(2);
  expect(existsSync(join(dir, 'never.json'))).toBe(false);
});

test('the commander subcommand hands the exit code over', async () => {
  let exit = -1;
  const io = { stdout: () => undefined, stderr: () => undefined, color: false, cwd: dir };
  await checkCommand((code) => (exit = code), io).parseAsync(['bad.json', '--region', 'eu-west-3'], { from: 'user' });
  expect(exit).toBe(1);
});
