import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * The child process of one measurement: `node -r lib/bench/rusage.js lib/bench/worker.js
 * '<job JSON>'`. It does one job, times its phases with performance.now(), and writes
 * `{ phases, … }` to the file named by BENCH_RESULT_FILE. Modules are loaded inside the jobs
 * (timed as the `load` phase), so that each process loads only what its job needs; the
 * harness measures the whole process from outside (wall time) and through rusage.js (peak RSS).
 *
 * Every synthesis runs as `sovereign-lz synth` runs it: with the AWS CDK CLI's context (set by
 * the harness in CDK_CONTEXT_JSON), aws-cdk-lib's built-in CloudFormation validator as the
 * harness sets it (CDK_VALIDATION), and no stack traces captured into the cloud assembly
 * (Error.stackTraceLimit = 0, cdktf's token traces unformatted). Ours and bare run under the
 * same settings.
 */

/** A job for one child process. */
export type Job =
  /** Build and synthesize the generated zone with sovereign-lz (both worlds); then `check` it if asked. */
  | { readonly kind: 'ours'; readonly n: number; readonly out: string; readonly check: boolean }
  /** The same resources with bare aws-cdk-lib and cdktf (bare.ts). */
  | { readonly kind: 'bare'; readonly n: number; readonly out: string }
  /**
   * sovereign-lz's AWS app of the zone, synthesized (AWS only) with cdk-nag's AwsSolutions and
   * NIST 800-53 R5 packs registered as validation plugins (`plugins`: their time inside the
   * synthesis is the phase `nagInSynth`), or without them, then their rules evaluated stack by
   * stack through `validateScope` (`scope`: phase `nagEvaluate`), or neither (`off`).
   */
  | { readonly kind: 'nag'; readonly n: number; readonly out: string; readonly mode: 'plugins' | 'scope' | 'off' }
  /** sovereign-lz's checker on paths, as `sovereign-lz check` runs it; records the files it read. */
  | { readonly kind: 'check'; readonly paths: readonly string[]; readonly profile?: string; readonly cwd: string }
  /** The floor: readFileSync + JSON.parse of each file. */
  | { readonly kind: 'floor'; readonly files: readonly string[] };

/** What a job reports. */
export interface JobResult {
  /** Milliseconds by phase, in order. */
  readonly phases: Record<string, number>;
  /** Unsuppressed error findings of a check (a lawful zone has none). */
  readonly errors?: number;
  /** Resources the checker read. */
  readonly checkedResources?: number;
  /** Files the checker read (the floor's input). */
  readonly filesRead?: readonly string[];
  /** cdk-nag: violations found, by severity (with validateScope) or whether synthesis failed validation (plugins). */
  readonly nag?: Record<string, number>;
}

class Phases {
  readonly phases: Record<string, number> = {};
  private last = performance.now();

  mark(name: string): void {
    const now = performance.now();
    this.phases[name] = (this.phases[name] ?? 0) + (now - this.last);
    this.last = now;
  }
}

/**
 * Runs `fn` as `sovereign-lz synth` runs an app (constructs/cli/synth.ts, asCdkCli): no stack
 * traces captured into the assembly, and the traces cdktf captures for every token left
 * unformatted.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 0;
  Error.prepareStackTrace = (error: unknown) => (error instanceof Error ? String(error) : '');
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
}

async function ours(job: Extract<Job, { kind: 'ours' }>): Promise<JobResult> {
  const t = new Phases();
  const { LandingZone } = await import('../constructs/landing-zone/landing-zone');
  const { serializeProfile } = await import('../constructs/core');
  const { generateLandingZone } = await import('./generate');
  t.mark('load');
  const zone = withoutStackTraces(() => new LandingZone(generateLandingZone(job.n)));
  t.mark('declare');
  const built = withoutStackTraces(() =>
    zone.build({ awsOutdir: join(job.out, 'aws'), kubernetesOutdir: join(job.out, 'kubernetes') }),
  );
  t.mark('construct');
  withoutStackTraces(() => built.aws.synth());
  t.mark('synthAws');
  withoutStackTraces(() => built.kubernetes?.synth());
  writeFileSync(join(job.out, 'profile.json'), serializeProfile(zone.profile));
  t.mark('synthKubernetes');
  if (!job.check) return { phases: t.phases };
  const { checkPaths } = await import('../constructs/compliance/check');
  t.mark('loadCheck');
  const result = checkPaths([job.out], { cwd: job.out });
  t.mark('check');
  return { phases: t.phases, ...summarize(result) };
}

async function bare(job: Extract<Job, { kind: 'bare' }>): Promise<JobResult> {
  const t = new Phases();
  const { buildBareAws, buildBareKubernetes } = await import('./bare');
  t.mark('load');
  const aws = withoutStackTraces(() => buildBareAws(job.n, join(job.out, 'aws')));
  const kubernetes = withoutStackTraces(() => buildBareKubernetes(job.n, join(job.out, 'kubernetes')));
  t.mark('construct');
  withoutStackTraces(() => aws.synth());
  t.mark('synthAws');
  withoutStackTraces(() => kubernetes.synth());
  t.mark('synthKubernetes');
  return { phases: t.phases };
}

async function nag(job: Extract<Job, { kind: 'nag' }>): Promise<JobResult> {
  const t = new Phases();
  const { LandingZone } = await import('../constructs/landing-zone/landing-zone');
  const { generateLandingZone } = await import('./generate');
  const { Stack, Validations } = await import('aws-cdk-lib');
  const { AwsSolutionsChecks, NIST80053R5Checks } = await import('cdk-nag');
  t.mark('load');
  const built = withoutStackTraces(() =>
    new LandingZone(generateLandingZone(job.n)).build({
      awsOutdir: join(job.out, 'aws'),
      kubernetesOutdir: join(job.out, 'kubernetes'),
    }),
  );
  const app = built.aws;
  // As plugins, the packs run inside app.synth(): their `validate` is timed, so that their
  // cost is measured in the same process rather than as a difference between two processes.
  let inSynth = 0;
  if (job.mode === 'plugins') {
    const packs = [new AwsSolutionsChecks(app), new NIST80053R5Checks(app)];
    for (const pack of packs) {
      const validate = pack.validate.bind(pack);
      pack.validate = (context) => {
        const started = performance.now();
        try {
          return validate(context);
        } finally {
          inSynth += performance.now() - started;
        }
      };
    }
    Validations.of(app).addPlugins(...packs);
  }
  t.mark('construct');
  let failed = 0;
  try {
    withoutStackTraces(() => app.synth());
  } catch (e) {
    // cdk-nag's plugins fail the synthesis on an unacknowledged violation; the time is what counts.
    if (!/validation failed/i.test(String((e as Error).message))) throw e;
    failed = 1;
  }
  t.mark('synthAws');
  if (job.mode === 'plugins') {
    t.phases.synthAws -= inSynth;
    t.phases.nagInSynth = inSynth;
    return { phases: t.phases, nag: { validationFailed: failed } };
  }
  if (job.mode === 'off') return { phases: t.phases };
  const counts: Record<string, number> = {};
  const stacks = app.node.findAll().filter((c) => Stack.isStack(c));
  for (const pack of [new AwsSolutionsChecks(), new NIST80053R5Checks()]) {
    for (const stack of stacks) {
      for (const v of pack.validateScope(stack).violations) {
        const severity = String(v.severity ?? 'unknown').toLowerCase();
        counts[severity] = (counts[severity] ?? 0) + 1;
      }
    }
  }
  t.mark('nagEvaluate');
  return { phases: t.phases, nag: counts };
}

async function check(job: Extract<Job, { kind: 'check' }>): Promise<JobResult> {
  const t = new Phases();
  // Record what the checker reads (the floor reads the same files).
  const read = new Set<string>();
  const { checkPaths } = await import('../constructs/compliance/check');
  t.mark('load');
  const result = checkPaths(job.paths, {
    cwd: job.cwd,
    profile: job.profile,
    onRead: (file) => {
      if (file.endsWith('.json')) read.add(resolve(file));
    },
  });
  t.mark('check');
  // The share of the path model (NET-6, NET-7, the report's matrices): the same input read
  // again (its own phase), then the model computed on it cold, as the check computed it.
  const { readInputs } = await import('../constructs/compliance/read/read-inputs');
  const { networkPaths } = await import('../constructs/compliance/reachability/network-paths');
  const input = readInputs(job.paths, { cwd: job.cwd });
  t.mark('pathsRead');
  networkPaths(input);
  t.mark('paths');
  return {
    phases: t.phases,
    ...summarize(result),
    filesRead: [...read].filter((f) => !f.includes('node_modules')).sort(),
  };
}

function floor(job: Extract<Job, { kind: 'floor' }>): JobResult {
  const t = new Phases();
  let keys = 0;
  for (const file of job.files) keys += Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).length;
  t.mark('parse');
  return { phases: t.phases, checkedResources: keys };
}

function summarize(result: {
  readonly summary: { readonly resources: number };
  readonly findings: readonly { readonly severity: string; readonly suppressed?: boolean }[];
}): Pick<JobResult, 'errors' | 'checkedResources'> {
  return {
    errors: result.findings.filter((f) => f.severity === 'error' && !f.suppressed).length,
    checkedResources: result.summary.resources,
  };
}

async function run(job: Job): Promise<JobResult> {
  switch (job.kind) {
    case 'ours':
      return ours(job);
    case 'bare':
      return bare(job);
    case 'nag':
      return nag(job);
    case 'check':
      return check(job);
    case 'floor':
      return floor(job);
  }
}

if (require.main === module) {
  const output = process.env.BENCH_RESULT_FILE;
  run(JSON.parse(process.argv[2]) as Job).then(
    (result) => {
      if (output) writeFileSync(output, JSON.stringify(result));
    },
    (e: unknown) => {
      process.stderr.write(`bench worker: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
