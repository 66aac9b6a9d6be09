import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI as a user runs it: the compiled bin (npm test builds first, see `pretest`).
const root = join(__dirname, '..', '..');
const bin = join(root, 'lib', 'constructs', 'cli', 'main.js');

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SOVEREIGN_LZ_DEBUG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-cli-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

test('--help lists the synth command and exits 0', () => {
  const r = cli(['--help']);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('Usage: sovereign-lz');
  expect(r.stdout).toContain('synth');
});

test('--version prints the package version', () => {
  const r = cli(['--version']);
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
});

test('fails with exit 2 and one clear line on an unknown flag', () => {
  const r = cli(['synth', '--frobnicate']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("error: unknown option '--frobnicate'");
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test('fails with exit 2 naming the known examples on an unknown one, and writes nothing', () => {
  const r = cli(['synth', 'atlantis', '--out', join(work, 'out')]);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^sovereign-lz: unknown example 'atlantis': use one of .*morocco-public-sector/m);
  expect(existsSync(join(work, 'out'))).toBe(false);
});

test('suggests the example meant by a misspelt name', () => {
  const r = cli(['synth', 'moroco-public-sector', '--out', join(work, 'out')]);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(
    /^sovereign-lz: unknown example 'moroco-public-sector' \(did you mean 'morocco-public-sector'\?\): use one of /m,
  );
});

test('synth --help lists what APP may be, each with an example', () => {
  const r = cli(['synth', '--help']);
  expect(r.status).toBe(0);
  const inputs = r.stdout.slice(r.stdout.indexOf('\nInputs: APP'));
  for (const example of [
    'sovereign-lz synth eu-regulated --out out-example',
    'sovereign-lz synth zone.yaml --out out',
    'sovereign-lz synth dist/zone.js --out out',
    'npx tsc && sovereign-lz synth dist/zone.js',
  ]) {
    expect(inputs).toContain(`\n      $ ${example}\n`);
  }
});

test('refuses a TypeScript app module with exit 2 and what to do, writing nothing', () => {
  const app = join(work, 'zone.ts');
  writeFileSync(
    app,
    "import type { SynthContext } from 'sovereign-lz';\nexport const build = (c: SynthContext) => c;\n",
  );
  const r = cli(['synth', app, '--out', join(work, 'out')]);
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n').pop()).toMatch(
    new RegExp(
      `^sovereign-lz: ${app.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: a TypeScript module, which Node cannot run as it is \\(.+\\): compile it first \\(tsc\\) and give the \\.js`,
    ),
  );
  expect(existsSync(join(work, 'out'))).toBe(false);
});

test('fails with exit 2 on an app module without build()', () => {
  const app = join(work, 'app.js');
  writeFileSync(app, 'exports.nothing = 1;\n');
  const r = cli(['synth', app, '--out', join(work, 'out')]);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`${app}: an app module must export a function 'build'`);
});

test('a failing synth leaves the previous output intact and no temporary directory', () => {
  const out = join(work, 'out');
  mkdirSync(out);
  // An earlier output, marked as the synth marks it (an unmarked directory would be refused).
  writeFileSync(join(out, '.sovereign-lz-output.json'), '{"tool":"sovereign-lz","format":1}\n');
  writeFileSync(join(out, 'profile.json'), '{"previous": true}\n');
  const app = join(work, 'bad-app.js');
  // A construct error from the library, as a user's app would raise it.
  writeFileSync(
    app,
    `const { App } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});
const { SovereignStack } = require(${JSON.stringify(join(root, 'lib', 'constructs', 'aws'))});
exports.build = ({ awsOutdir }) => {
  const app = new App({ outdir: awsOutdir });
  new SovereignStack(app, 'Records', { env: { region: 'eu-west-3' }, profile: 'morocco', classification: 'sensitive' });
  return { aws: app };
};
`,
  );
  const r = cli(['synth', app, '--out', out]);
  // A rule of the profile is broken (RES-1): exit 1, as the same breach found in artifacts.
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(
    "sovereign-lz: [Records] RES-1: level 'sensitive' may not be hosted in AWS region 'eu-west-3'",
  );
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(readFileSync(join(out, 'profile.json'), 'utf8')).toBe('{"previous": true}\n');
  expect(
    spawnSync('ls', ['-A', work], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((f) => f.includes('tmp')),
  ).toEqual([]);
});

test('a synthesized landing zone that breaks the law is written with its reports, and synth exits 1 naming the findings', () => {
  const app = join(work, 'raw-app.js');
  // An escape hatch: a raw, unencrypted bucket in a sovereign stack.
  writeFileSync(
    app,
    `const { App } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});
const s3 = require(${JSON.stringify(require.resolve('aws-cdk-lib/aws-s3'))});
const { SovereignStack } = require(${JSON.stringify(join(root, 'lib', 'constructs', 'aws'))});
const { morocco } = require(${JSON.stringify(join(root, 'lib', 'constructs', 'core'))});
exports.build = ({ awsOutdir }) => {
  const app = new App({ outdir: awsOutdir });
  const stack = new SovereignStack(app, 'Raw', { env: { region: 'eu-west-3' }, profile: morocco, classification: 'internal' });
  new s3.Bucket(stack, 'Plain');
  return { profile: morocco, aws: app };
};
`,
  );
  const out = join(work, 'out');
  const r = cli(['synth', app, '--out', out]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('breaks');
  expect(r.stderr).toMatch(/ENC-1\/s3-bucket-cmk .*aws\/Raw\.template\.json {2}Raw\/Plain\/Resource/);
  const report = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8'));
  expect(report.summary.errors).toBeGreaterThan(0);
  expect(existsSync(join(out, 'aws', 'manifest.json'))).toBe(true);
});

test('fails with exit 2 when the AWS app needs context lookups it cannot do without AWS, instead of writing placeholders', () => {
  const app = join(work, 'lookup-app.js');
  // A VPC in a stack with an explicit account: aws-cdk-lib asks AWS for its availability zones.
  writeFileSync(
    app,
    `const { App } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});
const { SegmentedVpc, SovereignStack } = require(${JSON.stringify(join(root, 'lib', 'constructs', 'aws'))});
const { morocco } = require(${JSON.stringify(join(root, 'lib', 'constructs', 'core'))});
exports.build = ({ awsOutdir }) => {
  const app = new App({ outdir: awsOutdir });
  const stack = new SovereignStack(app, 'Net', { env: { account: '111111111111', region: 'eu-west-3' }, profile: morocco, classification: 'internal' });
  new SegmentedVpc(stack, 'Vpc');
  return { profile: morocco, aws: app };
};
`,
  );
  const out = join(work, 'lookups');
  const r = cli(['synth', app, '--out', out]);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(
    'the AWS app needs context lookups that sovereign-lz synth does not perform (no AWS access): availability-zones:account=111111111111:region=eu-west-3',
  );
  expect(existsSync(out)).toBe(false);
});
