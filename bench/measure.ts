import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Job, JobResult } from './worker';

/**
 * Runs measured child processes: whole-process wall time from spawn to exit (measured here),
 * peak RSS and CPU time from the child itself (rusage.js, preloaded), and the job's own phase
 * timings (worker.js). Statistics over repeated runs: median, min and max.
 */

/** The compiled bench directory (lib/bench), where worker.js and rusage.js live. */
export const BENCH_DIR = __dirname;
/** The CLI entry point (`bin` of package.json). */
export const CLI = join(__dirname, '..', 'constructs', 'cli', 'main.js');

/** One run of one child process. */
export interface Sample {
  readonly wallMs: number;
  /** Peak resident set size of the process, MiB (absent for processes run without rusage.js, e.g. npx). */
  readonly peakRssMiB?: number;
  /** User + system CPU time, ms. */
  readonly cpuMs?: number;
  readonly exitCode: number | null;
  /** True if the run was stopped at its time limit. */
  readonly timedOut: boolean;
  /** The job's report (worker runs). */
  readonly result?: JobResult;
}

/** Median, min and max of a figure over the runs. */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Options of one child process. */
export interface RunOptions {
  /** Environment added to the harness's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The working directory. @default the harness's */
  readonly cwd?: string;
  /** Stop the process after this long. @default 15 minutes */
  readonly timeoutMs?: number;
  /** Preload rusage.js (node processes only). @default true */
  readonly rusage?: boolean;
  /** Exit codes that are not failures. @default [0] */
  readonly okExitCodes?: readonly number[];
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Median (mean of the middle two for an even count), min and max. */
export function stats(values: readonly number[]): Stats {
  if (!values.length) throw new Error('stats of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

/** Runs `command args` once and measures it. Throws if it fails (unless timed out). */
export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<Sample> {
  const scratch = mkdtempSync(join(tmpdir(), 'sovereign-lz-bench-run-'));
  const rusageFile = join(scratch, 'rusage.json');
  const resultFile = join(scratch, 'result.json');
  const withRusage = options.rusage ?? true;
  const argv = withRusage ? ['-r', join(BENCH_DIR, 'rusage.js'), ...args] : [...args];
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_RESULT_FILE: resultFile };
  if (withRusage) env.BENCH_RUSAGE_FILE = rusageFile;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return new Promise<Sample>((resolvePromise, reject) => {
    let stderr = '';
    let timedOut = false;
    const started = performance.now();
    const child = spawn(command, argv, { env, cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      options.timeoutMs ?? 15 * 60_000,
    );
    child.on('error', (e) => {
      clearTimeout(timer);
      rmSync(scratch, { recursive: true, force: true });
      reject(e);
    });
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      try {
        const ok = timedOut || (code !== null && (options.okExitCodes ?? [0]).includes(code));
        if (!ok) {
          reject(new Error(`${command} ${args.join(' ').slice(0, 300)} exited with ${code}:\n${stderr}`));
          return;
        }
        const usage = existsSync(rusageFile)
          ? (JSON.parse(readFileSync(rusageFile, 'utf8')) as {
              maxRssKiB: number;
              userMicros: number;
              systemMicros: number;
            })
          : undefined;
        const result = existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, 'utf8')) as JobResult) : undefined;
        resolvePromise({
          wallMs: round(wallMs),
          peakRssMiB: usage ? round(usage.maxRssKiB / 1024) : undefined,
          cpuMs: usage ? round((usage.userMicros + usage.systemMicros) / 1000) : undefined,
          exitCode: code,
          timedOut,
          result,
        });
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
}

/** Runs a worker job in a fresh node process. */
export function runJob(job: Job, options: RunOptions = {}): Promise<Sample> {
  return runProcess(process.execPath, [join(BENCH_DIR, 'worker.js'), JSON.stringify(job)], options);
}

/** Statistics of several samples: wall time, peak RSS, CPU, and each phase of the job. */
export interface SampleStats {
  readonly runs: number;
  readonly wallMs: Stats;
  readonly peakRssMiB?: Stats;
  readonly cpuMs?: Stats;
  readonly phasesMs?: Record<string, Stats>;
}

export function sampleStats(samples: readonly Sample[]): SampleStats {
  const defined = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);
  const rss = defined(samples.map((s) => s.peakRssMiB));
  const cpu = defined(samples.map((s) => s.cpuMs));
  const phases: Record<string, Stats> = {};
  const names = samples[0]?.result ? Object.keys(samples[0].result.phases) : [];
  for (const name of names) {
    phases[name] = stats(defined(samples.map((s) => s.result?.phases[name])));
  }
  return {
    runs: samples.length,
    wallMs: stats(samples.map((s) => s.wallMs)),
    ...(rss.length ? { peakRssMiB: stats(rss) } : {}),
    ...(cpu.length ? { cpuMs: stats(cpu) } : {}),
    ...(names.length ? { phasesMs: phases } : {}),
  };
}
