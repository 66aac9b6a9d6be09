import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseProfile } from 'sovereign-lz/core';
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
  const stacks = (dir: string) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    // Nothing left to look up (availability zones…): no dummy value in a template.
    expect(manifest.missing).toBeUndefined();
    type Artifact = { type: string; environment?: string; displayName?: string };
    return Object.entries(manifest.artifacts as Record<string, Artifact>)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack' || a.type === 'cdk:cloud-assembly')
      .map(([id, a]) => `${a.displayName ?? id} ${a.environment ?? a.type}`);
  };
  expect(stacks(join(first, 'aws'))).toEqual([
    'assembly-StackSetTemplates cdk:cloud-assembly',
    'LogArchive aws://222222222222/eu-west-3',
    'OrganizationTrail aws://111111111111/eu-west-3',
    'Organization aws://111111111111/eu-west-3',
    'NetworkEuWest3 aws://444444444444/eu-west-3',
    'NetworkEuSouth2 aws://444444444444/eu-south-2',
    'CitizenPortal aws://555555555555/eu-west-3',
    'Records aws://666666666666/eu-west-3',
    'Analytics aws://666666666666/eu-south-2',
  ]);
  // The template of the baseline StackSet, in its nested assembly: no account, the StackSet gives them.
  expect(stacks(join(first, 'aws', 'assembly-StackSetTemplates'))).toEqual([
    'StackSetTemplates/AccountBaseline aws://unknown-account/eu-west-3',
    'StackSetTemplates/AccountAccess aws://unknown-account/eu-west-3',
  ]);
  const tf = JSON.parse(readFileSync(join(first, 'kubernetes', 'stacks', 'ma-casablanca-1', 'cdk.tf.json'), 'utf8'));
  expect(Object.keys(tf.resource)).toEqual(
    expect.arrayContaining(['kubernetes_namespace_v1', 'kubernetes_deployment_v1']),
  );
  expect(tf.terraform.backend).toEqual({ local: { path: 'terraform.ma-casablanca-1.tfstate' } });
  expect(firstRun.stdout).toContain('kubernetes/stacks/ma-casablanca-1/cdk.tf.json');
  const profile = parseProfile(readFileSync(join(first, 'profile.json'), 'utf8'), 'profile.json');
  expect(profile).toEqual(JSON.parse(JSON.stringify(publicSectorProfile)));
});

test('writes the compliance reports of what it synthesized: compliant under its profile', () => {
  expect(firstRun.stdout).toMatch(
    /compliance\.json, compliance\.md, compliance\.sarif, compliance\.html: \d+ resources, \d+ checks passed, 0 errors/,
  );
  const report = JSON.parse(readFileSync(join(first, 'compliance.json'), 'utf8'));
  expect(report.schemaVersion).toBe(2);
  expect(report.profile).toBe('morocco-public-sector');
  expect(report.summary.errors).toBe(0);
  expect(report.summary.passed).toBeGreaterThan(100);
  // Paths are relative to the output directory, wherever it lives.
  expect(report.findings.filter((f: { file: string }) => f.file.startsWith('/'))).toEqual([]);
  expect(readFileSync(join(first, 'compliance.md'), 'utf8')).toContain('**Verdict:** **PASSED**');
  expect(JSON.parse(readFileSync(join(first, 'compliance.sarif'), 'utf8')).version).toBe('2.1.0');
  expect(readFileSync(join(first, 'compliance.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
});

test('writes the deployment plan in order, and `sovereign-lz plan` reads it back', () => {
  expect(firstRun.stdout).toContain('plan.json, plan.md, plan.svg: 11 deployment units in order');
  const plan = JSON.parse(readFileSync(join(first, 'plan.json'), 'utf8'));
  expect(plan.units.map((u: { id: string }) => u.id)).toEqual([
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
  expect(readFileSync(join(first, 'plan.svg'), 'utf8')).toMatch(/^<svg|^<\?xml/);
  const r = spawnSync(process.execPath, [join(root, 'lib/constructs/cli/main.js'), 'plan', first], {
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('11. ma-casablanca-1');
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
  expect(r.stderr).not.toContain('no credentials');
  expect(r.status).toBe(0);
  const templates = files(out).filter((f) => f.endsWith('.template.json'));
  // Every template, the StackSet's in the nested assembly included.
  expect(templates).toEqual(files(join(first, 'aws')).filter((f) => f.endsWith('.template.json')));
  expect(templates).toHaveLength(10);
  expect(templates).toContain('assembly-StackSetTemplates/StackSetTemplatesAccountBaseline551BE847.template.json');
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
  const stack = 'stacks/ma-casablanca-1/cdk.tf.json';
  expect(readFileSync(join(out, stack), 'utf8')).toBe(readFileSync(join(first, 'kubernetes', stack), 'utf8'));
});
