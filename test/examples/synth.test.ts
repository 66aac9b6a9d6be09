import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseProfile } from '../../constructs/core';
import { publicSectorProfile } from '../../examples/morocco-public-sector/profile';

// End to end: the main job as `npm run synth` runs it (the compiled CLI), twice, and the same
// example through the AWS CDK CLI as `npx cdk synth` runs it.
const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'slz-synth-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function files(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f), base) : [relative(base, join(dir, f))]))
    .sort();
}

function synth(out: string) {
  const r = spawnSync(process.execPath, [join(root, 'lib/constructs/cli/main.js'), 'synth', '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.stderr).not.toContain('Error');
  expect(r.status).toBe(0);
  return r;
}

const first = join(work, 'first');
const second = join(work, 'second');
let firstRun: ReturnType<typeof synth>;

beforeAll(() => {
  firstRun = synth(first);
  synth(second);
});

test('writes the cloud assembly and the effective profile, and says so', () => {
  expect(firstRun.stdout).toContain("synthesized morocco-public-sector under profile 'morocco-public-sector'");
  const manifest = JSON.parse(readFileSync(join(first, 'aws', 'manifest.json'), 'utf8'));
  const stacks = Object.entries(manifest.artifacts as Record<string, { type: string; environment: string }>)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([id, a]) => `${id} ${a.environment}`);
  expect(stacks).toEqual([
    'Organization aws://unknown-account/eu-west-3',
    'LogArchive aws://unknown-account/eu-west-3',
    'Network aws://unknown-account/eu-west-3',
    'CitizenPortal aws://unknown-account/eu-west-3',
    'Records aws://unknown-account/eu-west-3',
    'Analytics aws://unknown-account/eu-south-2',
  ]);
  const tf = JSON.parse(readFileSync(join(first, 'kubernetes', 'stacks', 'casablanca', 'cdk.tf.json'), 'utf8'));
  expect(Object.keys(tf.resource)).toEqual(
    expect.arrayContaining(['kubernetes_namespace_v1', 'kubernetes_deployment_v1']),
  );
  expect(firstRun.stdout).toContain('kubernetes/stacks/casablanca/cdk.tf.json');
  const profile = parseProfile(readFileSync(join(first, 'profile.json'), 'utf8'), 'profile.json');
  expect(profile).toEqual(JSON.parse(JSON.stringify(publicSectorProfile)));
});

test('writes the compliance reports of what it synthesized: compliant under its profile', () => {
  expect(firstRun.stdout).toMatch(
    /compliance\.json, compliance\.md, compliance\.sarif: \d+ resources, \d+ checks passed, 0 errors/,
  );
  const report = JSON.parse(readFileSync(join(first, 'compliance.json'), 'utf8'));
  expect(report.schemaVersion).toBe(1);
  expect(report.profile).toBe('morocco-public-sector');
  expect(report.summary.errors).toBe(0);
  expect(report.summary.passed).toBeGreaterThan(100);
  // Paths are relative to the output directory, wherever it lives.
  expect(report.findings.filter((f: { file: string }) => f.file.startsWith('/'))).toEqual([]);
  expect(readFileSync(join(first, 'compliance.md'), 'utf8')).toContain('**Verdict:** **PASSED**');
  expect(JSON.parse(readFileSync(join(first, 'compliance.sarif'), 'utf8')).version).toBe('2.1.0');
});

test('writes the deployment plan in order, and `sovereign-lz plan` reads it back', () => {
  expect(firstRun.stdout).toContain('plan.json, plan.md, plan.svg: 7 deployment units in order');
  const plan = JSON.parse(readFileSync(join(first, 'plan.json'), 'utf8'));
  expect(plan.units.map((u: { id: string }) => u.id)).toEqual([
    'Organization',
    'LogArchive',
    'Network',
    'CitizenPortal',
    'Records',
    'Analytics',
    'casablanca',
  ]);
  expect(readFileSync(join(first, 'plan.svg'), 'utf8')).toMatch(/^<svg|^<\?xml/);
  const r = spawnSync(process.execPath, [join(root, 'lib/constructs/cli/main.js'), 'plan', first], {
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('7. casablanca');
});

test('every resource carries its construct path, for findings to cite', () => {
  const template = JSON.parse(readFileSync(join(first, 'aws', 'Records.template.json'), 'utf8'));
  for (const [id, r] of Object.entries(template.Resources as Record<string, { Metadata?: Record<string, string> }>)) {
    expect([id, r.Metadata?.['aws:cdk:path']?.startsWith('Records/')]).toEqual([id, true]);
  }
});

test('two runs write byte-identical files, with no local path in them', () => {
  const names = files(first);
  expect(names).toEqual(files(second));
  expect(names.length).toBeGreaterThan(15);
  for (const name of names) {
    const content = readFileSync(join(first, name));
    expect([name, content.equals(readFileSync(join(second, name)))]).toEqual([name, true]);
    expect([name, content.includes(root)]).toEqual([name, false]);
  }
});

test('`cdk synth` (cdk.json, honouring the output directory) writes the same templates without credentials', () => {
  const out = join(work, 'cdk');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/aws-cdk/bin/cdk'), 'synth', '--quiet', '--no-notices', '--build', '', '-o', out],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' },
    },
  );
  expect(r.status).toBe(0);
  const templates = files(out).filter((f) => f.endsWith('.template.json'));
  expect(templates).toHaveLength(6);
  for (const t of templates) {
    expect([t, readFileSync(join(out, t), 'utf8')]).toEqual([t, readFileSync(join(first, 'aws', t), 'utf8')]);
  }
});

test('`cdktf synth` (cdktf.json) writes the same Terraform stack without a Terraform binary', () => {
  const out = join(work, 'cdktf');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/cdktf-cli/bundle/bin/cdktf'), 'synth', '--output', out],
    {
      cwd: root,
      encoding: 'utf8',
      // A PATH with node but without /usr/local/bin, where a terraform binary may sit.
      env: { ...process.env, CHECKPOINT_DISABLE: '1', PATH: `${dirname(process.execPath)}:/usr/bin:/bin` },
    },
  );
  expect(r.status).toBe(0);
  const stack = 'stacks/casablanca/cdk.tf.json';
  expect(readFileSync(join(out, stack), 'utf8')).toBe(readFileSync(join(first, 'kubernetes', stack), 'utf8'));
});
