import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { countArtifacts, countDifferences } from './artifacts';
import { childEnv, npmInstall, pack, writeConsumerProject } from './consumer-project';
import { CLI, runJob, runProcess, sampleStats, type Sample } from './measure';
import { formatReport } from './report';
import {
  growthOf,
  NPX_COMMAND,
  ratioOf,
  targetsOf,
  type BenchResults,
  type CliSynthResult,
  type CommandResult,
  type FloorResult,
  type Measured,
  type NagResult,
  type OverheadResult,
  type ScaleResult,
} from './results';
import { zoneShape } from './shape';

/**
 * `npm run bench`: measures sovereign-lz as a landing zone grows — scale, overhead over the
 * bare frameworks, the checker against cdk-nag and against a JSON.parse floor, cold start —
 * each run in a fresh child process, repeated (median, min–max), side by side in one run.
 * Prints a table and writes bench/results.json. `--quick`: N = 10 only, one run each, every
 * measurement path still exercised (the jest suite runs it, so that the harness cannot rot).
 * See docs/performance.md.
 *
 * Options: --quick, --sizes 10,100,1000, --runs K (every size), --out FILE, --keep (keep the
 * synthesized outputs, printed at the end).
 */

/** The repository root (lib/bench/run.js → ../..). */
const ROOT = resolve(__dirname, '..', '..');

/** The context `sovereign-lz synth` (like `cdk synth`) gives an app: construct paths in metadata, no version reporting. */
const CDK_CLI_CONTEXT = JSON.stringify({
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': false,
});

/** The environment of a synthesis; `validator`: aws-cdk-lib's built-in CloudFormation validator. */
function synthEnv(validator: boolean): Record<string, string | undefined> {
  return { CDK_CONTEXT_JSON: CDK_CLI_CONTEXT, CDK_VALIDATION: validator ? undefined : 'false' };
}

export interface BenchOptions {
  /** N = 10 only, one run of each measurement. */
  readonly quick?: boolean;
  /** @default [10, 100, 1000] (quick: [10]) */
  readonly sizes?: readonly number[];
  /** Runs of each measurement at every size. @default 5 below N = 1000, 3 from it (quick: 1) */
  readonly runs?: number;
  /** Where to write the results. @default bench/results.json (quick: none) */
  readonly out?: string;
  /** Keep the synthesized outputs. @default false */
  readonly keep?: boolean;
  /** Progress lines. @default stderr */
  readonly log?: (line: string) => void;
}

function packageVersion(name: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function fresh(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

const phase = (m: Measured, name: string) => m.phasesMs?.[name]?.median ?? 0;
const sumPhases = (m: Measured, names: readonly string[]) => names.reduce((sum, n) => sum + phase(m, n), 0);

/** Runs the benchmarks and returns the results (and writes them if `out` is set). */
export async function runBench(options: BenchOptions = {}): Promise<BenchResults> {
  const quick = options.quick ?? false;
  const sizes = options.sizes ?? (quick ? [10] : [10, 100, 1000]);
  const runsFor = (n: number) => options.runs ?? (quick ? 1 : n >= 1000 ? 3 : 5);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const work = mkdtempSync(join(tmpdir(), 'sovereign-lz-bench-'));
  const loadBefore = loadavg();
  const started = Date.now();
  const scale: ScaleResult[] = [];
  const overhead: OverheadResult[] = [];
  const cdkNag: NagResult[] = [];
  const floor: FloorResult[] = [];
  const cliSynth: CliSynthResult[] = [];
  let oneTemplate: { template: string; profile: string } | undefined;

  try {
    for (const n of sizes) {
      const runs = runsFor(n);
      const dir = (name: string) => join(work, `n${n}`, name);
      const s: Record<string, Sample[]> = {
        scale: [],
        validatorOn: [],
        ours: [],
        bare: [],
        plugins: [],
        scope: [],
        check: [],
        floor: [],
        checkAws: [],
      };
      // Runs interleaved, so that a change of machine load affects every configuration alike.
      for (let r = 1; r <= runs; r++) {
        log(`N = ${n}, run ${r}/${runs}: synth + check`);
        s.scale.push(await runJob({ kind: 'ours', n, out: fresh(dir('ours')), check: true }, { env: synthEnv(false) }));
        log(`N = ${n}, run ${r}/${runs}: synth + check, validator on`);
        s.validatorOn.push(
          await runJob({ kind: 'ours', n, out: fresh(dir('validator-on')), check: true }, { env: synthEnv(true) }),
        );
        log(`N = ${n}, run ${r}/${runs}: synth (sovereign-lz)`);
        s.ours.push(
          await runJob({ kind: 'ours', n, out: fresh(dir('ours-synth')), check: false }, { env: synthEnv(false) }),
        );
        log(`N = ${n}, run ${r}/${runs}: synth (bare aws-cdk-lib + cdktf)`);
        s.bare.push(await runJob({ kind: 'bare', n, out: fresh(dir('bare')) }, { env: synthEnv(false) }));
        log(`N = ${n}, run ${r}/${runs}: AWS synth with cdk-nag plugins`);
        s.plugins.push(
          await runJob({ kind: 'nag', n, out: fresh(dir('nag')), mode: 'plugins' }, { env: synthEnv(false) }),
        );
        log(`N = ${n}, run ${r}/${runs}: AWS synth, then cdk-nag validateScope`);
        s.scope.push(await runJob({ kind: 'nag', n, out: fresh(dir('nag')), mode: 'scope' }, { env: synthEnv(false) }));
      }
      const out = dir('ours');
      const profile = join(out, 'profile.json');
      for (let r = 1; r <= runs; r++) {
        log(`N = ${n}, run ${r}/${runs}: check, JSON.parse floor, check of the AWS assembly`);
        s.check.push(await runJob({ kind: 'check', paths: [out], cwd: out }));
        const files = s.check[0].result?.filesRead ?? [];
        s.floor.push(await runJob({ kind: 'floor', files }));
        s.checkAws.push(await runJob({ kind: 'check', paths: [join(out, 'aws')], profile, cwd: out }));
      }
      const ours = countArtifacts(out);
      const bare = countArtifacts(dir('bare'));
      const { byType: _byType, ...artifacts } = ours;
      const errors = Math.max(
        ...s.scale.map((x) => x.result?.errors ?? 0),
        ...s.check.map((x) => x.result?.errors ?? 0),
      );
      const cloudWorkloads = zoneShape(n).workloads.filter(
        (w) => w.site === undefined && w.classification !== 'sensitive',
      ).length;
      scale.push({
        n,
        workloads: { cloud: cloudWorkloads, site: n - cloudWorkloads },
        artifacts,
        synthAndCheck: sampleStats(s.scale),
        synthAndCheckValidatorOn: sampleStats(s.validatorOn),
        errors,
      });

      const oursStats = sampleStats(s.ours);
      const bareStats = sampleStats(s.bare);
      const inProcess = ['declare', 'construct', 'synthAws', 'synthKubernetes'];
      overhead.push({
        n,
        resources: { ours: ours.resources, bare: bare.resources },
        countDifferences: countDifferences(ours, bare),
        artifactBytes: { ours: countArtifacts(dir('ours-synth')).bytes, bare: bare.bytes },
        ours: oursStats,
        bare: bareStats,
        ratio: {
          wall: ratioOf(oursStats.wallMs.median, bareStats.wallMs.median),
          inProcess: ratioOf(sumPhases(oursStats, inProcess), sumPhases(bareStats, inProcess)),
          cpu: ratioOf(oursStats.cpuMs!.median, bareStats.cpuMs!.median),
        },
      });

      const plugins = sampleStats(s.plugins);
      const scope = sampleStats(s.scope);
      const checkAws = sampleStats(s.checkAws);
      const nagEvaluateMs = scope.phasesMs!.nagEvaluate;
      const nagInSynthMs = plugins.phasesMs!.nagInSynth;
      cdkNag.push({
        n,
        awsResources: ours.cloudformation.resources,
        synthWithPlugins: plugins,
        synthThenValidateScope: scope,
        nagEvaluateMs,
        nagInSynthMs,
        nagViolations: s.scope[0].result?.nag ?? {},
        oursCheck: checkAws,
        ratio: {
          evaluate: ratioOf(nagEvaluateMs.median, phase(checkAws, 'check')),
          plugins: ratioOf(nagInSynthMs.median, phase(checkAws, 'check')),
        },
      });

      const files = s.check[0].result?.filesRead ?? [];
      const checkStats = sampleStats(s.check);
      const floorStats = sampleStats(s.floor);
      floor.push({
        n,
        files: files.length,
        bytes: files.reduce((sum, f) => sum + statSync(f).size, 0),
        check: checkStats,
        floor: floorStats,
        ratio: ratioOf(phase(checkStats, 'check'), phase(floorStats, 'parse')),
      });

      // `sovereign-lz synth` end to end: reports and plan included, validator on (its default).
      const timeLimitMs = n >= 1000 ? 180_000 : 600_000;
      const cliRuns = n >= 1000 ? 1 : runs;
      const cli: Sample[] = [];
      for (let r = 1; r <= cliRuns; r++) {
        log(`N = ${n}, run ${r}/${cliRuns}: sovereign-lz synth (CLI, reports and plan)`);
        cli.push(
          await runProcess(process.execPath, [CLI, 'synth', join(__dirname, 'app.js'), '--out', dir('cli')], {
            env: { BENCH_N: String(n), CDK_VALIDATION: undefined, CDK_CONTEXT_JSON: undefined },
            timeoutMs: timeLimitMs,
          }),
        );
      }
      cliSynth.push({
        n,
        command: `BENCH_N=${n} sovereign-lz synth lib/bench/app.js --out OUT`,
        measured: sampleStats(cli),
        timedOut: cli.filter((x) => x.timedOut).length,
        timeLimitMs,
      });

      oneTemplate ??= { template: join(out, 'aws', 'Rec0001.template.json'), profile };
      for (const name of ['validator-on', 'ours-synth', 'nag', 'cli']) {
        if (!options.keep) rmSync(dir(name), { recursive: true, force: true });
      }
    }

    const coldStart = await measureColdStart(quick ? 1 : 10, oneTemplate!, join(work, 'consumer'), log);
    const results: BenchResults = {
      schema: 1,
      mode: quick ? 'quick' : 'full',
      environment: {
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
        loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
        loadAverageAfter: loadavg().map((l) => Math.round(l * 100) / 100),
        packages: {
          'aws-cdk-lib': packageVersion('aws-cdk-lib'),
          cdktf: packageVersion('cdktf'),
          '@cdktf/provider-kubernetes': packageVersion('@cdktf/provider-kubernetes'),
          'cdk-nag': packageVersion('cdk-nag'),
        },
        date: new Date().toISOString(),
        durationS: Math.round((Date.now() - started) / 1000),
      },
      settings: {
        sizes,
        runs: Object.fromEntries(sizes.map((n) => [String(n), runsFor(n)])),
        cdkValidation:
          "aws-cdk-lib's built-in CloudFormation validator is OFF (CDK_VALIDATION=false) in every measurement except synthAndCheckValidatorOn and cliSynth, where it is ON (its default)",
        stackTraces:
          "off during construction and synthesis (Error.stackTraceLimit = 0, cdktf's token traces unformatted), as sovereign-lz synth does",
        cdkContext: JSON.parse(CDK_CLI_CONTEXT) as unknown,
        statistic: 'median of the runs, with min and max; each run a fresh node process',
      },
      scale,
      growth: growthOf(scale),
      overhead,
      cdkNag,
      floor,
      coldStart,
      cliSynth,
      targets: targetsOf(scale, overhead, cdkNag, floor, coldStart),
    };
    const out = options.out ?? (quick ? undefined : join(ROOT, 'bench', 'results.json'));
    if (out) {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    }
    return results;
  } finally {
    if (options.keep) log(`outputs kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A project that installed sovereign-lz as a consumer does (the packed tarball and its peers,
 * offline from the npm cache at the versions of package-lock.json): where `npx sovereign-lz`
 * runs for its users. In this repository npx is slower for a reason of its own: the build
 * rewrites the package's directory after `npm ci`, so npm finds its record of node_modules out
 * of date and reads the whole tree again (about 1.5 s).
 */
async function consumerProject(dir: string, log: (line: string) => void): Promise<string> {
  const repo = resolve(__dirname, '..', '..');
  mkdirSync(join(dir, 'app'), { recursive: true });
  const pkg = pack(repo, dir);
  writeConsumerProject(repo, join(dir, 'app'), pkg, ['aws-cdk-lib', 'constructs']);
  log(
    `cold start: installed sovereign-lz into ${join(dir, 'app')} in ${(await npmInstall(join(dir, 'app'))).toFixed(1)} s`,
  );
  return join(dir, 'app');
}

async function measureColdStart(
  runs: number,
  one: { template: string; profile: string },
  consumerDir: string,
  log: (line: string) => void,
): Promise<CommandResult[]> {
  const node = process.execPath;
  const commands: {
    command: string;
    file: string;
    args: string[];
    rusage: boolean;
    cwd?: () => Promise<string>;
  }[] = [
    { command: 'node -e 0 (the floor: Node.js itself)', file: node, args: ['-e', '0'], rusage: true },
    { command: 'sovereign-lz --help', file: node, args: [CLI, '--help'], rusage: true },
    {
      command: 'sovereign-lz check ONE.template.json --region eu-west-3 --profile profile.json',
      file: node,
      args: [CLI, 'check', one.template, '--region', 'eu-west-3', '--profile', one.profile],
      rusage: true,
    },
    { command: 'npm --version (the floor of npx: npm itself)', file: 'npm', args: ['--version'], rusage: false },
    {
      command: NPX_COMMAND,
      file: 'npx',
      args: ['--offline', 'sovereign-lz', '--help'],
      rusage: false,
      cwd: () => consumerProject(consumerDir, log),
    },
  ];
  const out: CommandResult[] = [];
  for (const c of commands) {
    log(`cold start: ${c.command} × ${runs}`);
    try {
      const cwd = c.cwd ? await c.cwd() : undefined;
      // Without what `npm run bench` exports about this repository (consumer-project.ts, childEnv).
      const kept = childEnv();
      const env = Object.fromEntries(Object.keys(process.env).map((k) => [k, kept[k]]));
      const samples: Sample[] = [];
      for (let r = 0; r < runs; r++) {
        samples.push(await runProcess(c.file, c.args, { rusage: c.rusage, cwd, env, timeoutMs: 60_000 }));
      }
      out.push({ command: c.command, measured: sampleStats(samples) });
    } catch (e) {
      out.push({
        command: c.command,
        skipped: String((e as Error).message)
          .split('\n')
          .slice(0, 3)
          .join(' '),
      });
    }
  }
  return out;
}
function parseArgs(argv: readonly string[]): BenchOptions {
  const options: { -readonly [K in keyof BenchOptions]: BenchOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--sizes') options.sizes = value().split(',').map(Number);
    else if (arg === '--runs') options.runs = Number(value());
    else if (arg === '--out') options.out = resolve(value());
    else throw new Error(`unknown option ${arg} (use --quick, --sizes 10,100, --runs K, --out FILE, --keep)`);
  }
  if (options.sizes?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes: positive integers');
  if (options.runs !== undefined && !(Number.isInteger(options.runs) && options.runs >= 1))
    throw new Error('--runs: a positive integer');
  return options;
}

if (require.main === module) {
  (async () => {
    const options = parseArgs(process.argv.slice(2));
    const results = await runBench(options);
    process.stdout.write(formatReport(results));
    const out = options.out ?? (options.quick ? undefined : join(ROOT, 'bench', 'results.json'));
    if (out) process.stdout.write(`\nresults: ${out}\n`);
  })().catch((e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
