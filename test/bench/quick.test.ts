import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NPX_COMMAND, type BenchResults, type Measured } from '../../bench/results';

// `npm run bench -- --quick` (N = 10, one run of each measurement) inside the suite, so that
// the benchmark harness cannot rot: every measurement path runs and reports positive figures.
// No timing is asserted: the figures depend on the machine and its load (docs/performance.md).

const RUN = resolve(__dirname, '..', '..', 'lib', 'bench', 'run.js');

function expectMeasured(m: Measured, phases: readonly string[] = []): void {
  expect(m.runs).toBeGreaterThanOrEqual(1);
  for (const s of [m.wallMs, m.peakRssMiB!, m.cpuMs!]) {
    expect(s.median).toBeGreaterThan(0);
    expect(s.min).toBeLessThanOrEqual(s.median);
    expect(s.max).toBeGreaterThanOrEqual(s.median);
  }
  for (const p of phases) expect(m.phasesMs?.[p]?.median).toBeGreaterThan(0);
}

describe('bench --quick', () => {
  let dir: string;
  let results: BenchResults;
  let table: string;

  beforeAll(() => {
    if (!existsSync(RUN)) throw new Error(`${RUN} is missing: build the benchmarks first (tsc -p tsconfig.bench.json)`);
    dir = mkdtempSync(join(tmpdir(), 'bench-quick-'));
    const out = join(dir, 'results.json');
    table = execFileSync(process.execPath, [RUN, '--quick', '--out', out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('writes every section, in a fixed key order', () => {
    expect(Object.keys(results)).toEqual([
      'schema',
      'mode',
      'environment',
      'settings',
      'scale',
      'growth',
      'overhead',
      'cdkNag',
      'floor',
      'coldStart',
      'cliSynth',
      'targets',
    ]);
    expect(results.mode).toBe('quick');
    expect(results.settings.sizes).toEqual([10]);
    expect(results.settings.cdkValidation).toMatch(/OFF/);
  });

  test('scale: a lawful zone of 10 workloads in both worlds, synthesized and checked', () => {
    expect(results.scale).toHaveLength(1);
    const [s] = results.scale;
    expect(s.n).toBe(10);
    expect(s.errors).toBe(0);
    expect(s.workloads.cloud).toBeGreaterThan(0);
    expect(s.workloads.site).toBeGreaterThan(0);
    expect(s.artifacts.cloudformation.resources).toBeGreaterThan(0);
    expect(s.artifacts.terraform.resources).toBeGreaterThan(0);
    expect(s.artifacts.cloudformation.largest!.resources).toBeLessThanOrEqual(500);
    expect(s.artifacts.bytes).toBeGreaterThan(0);
    expectMeasured(s.synthAndCheck, ['load', 'construct', 'synthAws', 'synthKubernetes', 'check']);
    expectMeasured(s.synthAndCheckValidatorOn, ['synthAws', 'check']);
  });

  test('overhead: the bare frameworks synthesize the same resources', () => {
    const [o] = results.overhead;
    expect(o.resources.ours).toBe(o.resources.bare);
    expect(o.countDifferences).toEqual({});
    expectMeasured(o.ours, ['construct', 'synthAws']);
    expectMeasured(o.bare, ['construct', 'synthAws']);
    expect(o.ratio.wall).toBeGreaterThan(0);
    expect(o.ratio.inProcess).toBeGreaterThan(0);
    expect(o.ratio.cpu).toBeGreaterThan(0);
  });

  test('cdk-nag: both packs ran on the AWS app, as plugins and through validateScope', () => {
    const [g] = results.cdkNag;
    expect(g.awsResources).toBe(results.scale[0].artifacts.cloudformation.resources);
    expectMeasured(g.synthWithPlugins, ['synthAws', 'nagInSynth']);
    expectMeasured(g.synthThenValidateScope, ['synthAws', 'nagEvaluate']);
    expectMeasured(g.oursCheck, ['check']);
    expect(g.nagEvaluateMs.median).toBeGreaterThan(0);
    expect(g.nagInSynthMs.median).toBeGreaterThan(0);
    expect(g.ratio.evaluate).toBeGreaterThan(0);
    expect(g.ratio.plugins).toBeGreaterThan(0);
  });

  test('floor: JSON.parse of the files the check read', () => {
    const [f] = results.floor;
    expect(f.files).toBeGreaterThan(results.scale[0].artifacts.cloudformation.stacks);
    expect(f.bytes).toBeGreaterThan(0);
    expectMeasured(f.check, ['check']);
    expectMeasured(f.floor, ['parse']);
    expect(f.ratio).toBeGreaterThan(0);
  });

  test('cold start and the CLI end to end', () => {
    expect(results.coldStart.map((c) => c.command)).toEqual([
      'node -e 0 (the floor: Node.js itself)',
      'sovereign-lz --help',
      'sovereign-lz check ONE.template.json --region eu-west-3 --profile profile.json',
      'npm --version (the floor of npx: npm itself)',
      NPX_COMMAND,
    ]);
    for (const c of results.coldStart.slice(0, 3)) expectMeasured(c.measured!);
    // npm and npx report no peak RSS (they start other processes); npx may be unavailable
    // offline, and then the reason is recorded instead.
    for (const c of results.coldStart.slice(3)) expect(c.measured?.wallMs.median ?? c.skipped).toBeTruthy();
    const [cli] = results.cliSynth;
    expect(cli.timedOut).toBe(0);
    expectMeasured(cli.measured);
  });

  test('targets: each evaluated, or marked as not measured in quick mode', () => {
    expect(results.targets.map((t) => t.id)).toEqual([
      'scale-time',
      'scale-memory',
      'growth',
      'overhead',
      'checker-vs-cdk-nag',
      'checker-vs-floor',
      'cold-help',
      'cold-help-node',
      'cold-check',
    ]);
    for (const t of results.targets.filter((x) => x.id.startsWith('scale') || x.id === 'growth'))
      expect(t.met).toBeUndefined();
    for (const t of results.targets.filter((x) => x.value !== undefined)) expect(typeof t.met).toBe('boolean');
  });

  test('prints the table', () => {
    for (const heading of ['Scale', 'Overhead over the bare frameworks', 'cdk-nag', 'floor', 'Cold start', 'Targets']) {
      expect(table).toContain(heading);
    }
  });
});
