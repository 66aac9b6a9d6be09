import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planCommand, runPlan } from '../../constructs/cli/plan';

// `sovereign-lz plan [OUT]` on a synth output of the Morocco example (synthesized once by the
// compiled CLI), run in-process with its output captured.
const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'slz-plan-cli-'));
const out = join(work, 'out');
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(root, 'lib/constructs/cli/main.js'), 'synth', '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
});

function io() {
  const captured = { stdout: '', stderr: '' };
  return {
    captured,
    io: {
      stdout: (t: string) => (captured.stdout += t),
      stderr: (t: string) => (captured.stderr += t),
      cwd: work,
    },
  };
}

test('prints the plan of a synth output (default OUT: out) and exits 0, writing nothing', async () => {
  for (const f of ['plan.json', 'plan.md', 'plan.svg']) rmSync(join(out, f), { force: true });
  const { captured, io: plainIo } = io();
  let code: number | undefined;
  await planCommand((c) => (code = c), plainIo).parseAsync([], { from: 'user' });
  expect(code).toBe(0);
  expect(captured.stderr).toBe('');
  const lines = captured.stdout.split('\n');
  expect(lines[0]).toBe(
    "Deployment plan of out/ under profile 'morocco-public-sector': 11 units, 272 resources, 0 errors, 0 warnings, 6 suppressed",
  );
  expect(lines.filter((l) => /^ ?\d+\. /.test(l)).map((l) => l.trim().split(/\s+/)[1])).toEqual([
    'LogArchive',
    'OrganizationTrail',
    'Organization',
    'StackSetTemplates/AccountBaseline',
    'StackSetTemplates/AccountAccess',
    'NetworkEuWest3',
    'NetworkEuSouth2',
    'CitizenPortal',
    'Records',
    'Analytics',
    'ma-casablanca-1',
  ]);
  expect(captured.stdout).toContain('    $ npx cdk deploy --app out/aws Organization\n');
  expect(captured.stdout).toContain('    $ tofu -chdir=out/kubernetes/stacks/ma-casablanca-1 init && tofu');
  // The StackSet template: who deploys it instead of a command.
  const template = lines.findIndex((l) => l.startsWith(' 4. StackSetTemplates/AccountBaseline '));
  expect(lines.slice(template + 1, template + 3)).toEqual([
    '    every account the StackSet morocco-public-sector-baseline targets, in eu-south-2, eu-west-3 — abroad',
    '    deployed by the StackSet morocco-public-sector-baseline of unit Organization',
  ]);
  expect(lines[template + 3]).toMatch(/^ 5\. StackSetTemplates\/AccountAccess /);
  expect(captured.stdout).toContain('cluster ma-casablanca-1 on site ma-casablanca-1 (MA) — national territory');
  expect(['plan.json', 'plan.md', 'plan.svg'].filter((f) => existsSync(join(out, f)))).toEqual([]);
});

test('--format json prints plan.json; --write also writes the three files', async () => {
  const dir = join(work, 'written');
  cpSync(out, dir, { recursive: true });
  const { captured, io: plainIo } = io();
  expect(await runPlan('written', { format: 'json', write: true }, plainIo)).toBe(0);
  const units = JSON.parse(captured.stdout).units;
  expect(units).toHaveLength(11);
  expect(units[3]).toMatchObject({
    id: 'StackSetTemplates/AccountBaseline',
    deployedBy: { unit: 'Organization', stackSet: 'morocco-public-sector-baseline' },
    commands: [],
  });
  expect(captured.stderr).toBe('sovereign-lz: wrote written/plan.json, written/plan.md, written/plan.svg\n');
  expect(readFileSync(join(dir, 'plan.json'), 'utf8')).toBe(captured.stdout);
  expect(readFileSync(join(dir, 'plan.svg'), 'utf8')).toMatch(/^<svg/);
  expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toContain('```mermaid');
});

test('exits 1 when the compliance check of the output found errors, still printing the plan', async () => {
  const dir = join(work, 'failing');
  cpSync(out, dir, { recursive: true });
  const file = join(dir, 'compliance.json');
  const report = JSON.parse(readFileSync(file, 'utf8'));
  report.findings.push({
    ...report.findings[0],
    file: 'aws/Records.template.json',
    severity: 'error',
    suppressed: false,
  });
  writeFileSync(file, JSON.stringify(report));
  const { captured, io: plainIo } = io();
  expect(await runPlan('failing', {}, plainIo)).toBe(1);
  expect(captured.stdout).toMatch(/ 9\. Records .* fails \(1 error, 0 warnings, 1 suppressed\)/);
});

test.each([
  [
    'a directory that is not a synth output',
    'empty',
    /^sovereign-lz: empty: not a synth output \(it needs profile\.json/,
  ],
  [
    'a missing directory',
    'nowhere',
    /^sovereign-lz: nowhere: no such directory \(run sovereign-lz synth --out nowhere\)/,
  ],
  ['an output without compliance.json', 'no-report', /^sovereign-lz: no-report: not a synth output/],
  [
    'a compliance.json that is not the report',
    'bad-report',
    /^sovereign-lz: bad-report\/compliance\.json: not a compliance report of schemaVersion 2 \(run sovereign-lz synth again\)/,
  ],
])('exits 2 with one line on %s', async (_what, name, message) => {
  mkdirSync(join(work, 'empty'), { recursive: true });
  if (name === 'no-report' && !existsSync(join(work, name))) {
    cpSync(out, join(work, name), { recursive: true });
    rmSync(join(work, name, 'compliance.json'));
  }
  if (name === 'bad-report' && !existsSync(join(work, name))) {
    cpSync(out, join(work, name), { recursive: true });
    writeFileSync(join(work, name, 'compliance.json'), '{"schemaVersion": 2}');
  }
  const { captured, io: plainIo } = io();
  expect(await runPlan(name, {}, plainIo)).toBe(2);
  expect(captured.stderr).toMatch(message);
  expect(captured.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(captured.stdout).toBe('');
});

test('exits 2 on an unknown format', async () => {
  const { captured, io: plainIo } = io();
  expect(await runPlan('out', { format: 'yaml' }, plainIo)).toBe(2);
  expect(captured.stderr).toBe("sovereign-lz: --format 'yaml' is unknown: use text, json, markdown\n");
});
