import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SovereignLzError } from '../../constructs/core';

/** The CLI as a user runs it: the compiled bin (`npm test` builds first, see `pretest`). */
export const root = join(__dirname, '..', '..');
export const bin = join(root, 'lib', 'constructs', 'cli', 'main.js');

/** What a run of the CLI gave. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const env = { ...process.env, SOVEREIGN_LZ_DEBUG: '', NO_COLOR: '1' };

/** Runs the CLI in `cwd` and waits for it. */
export function cli(args: readonly string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI in `cwd` without blocking, so that several runs share the two cores. */
export function cliAsync(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, encoding: 'utf8', env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** Runs `jobs` with at most `limit` at a time; results in the order of `jobs`. */
export async function pool<T>(jobs: ReadonlyArray<() => Promise<T>>, limit = 4): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/**
 * The lines of stderr that report the error: without synth's progress line
 * (`sovereign-lz: synthesizing APP …`) and commander's hint after a usage error
 * (`(run sovereign-lz … --help for usage)`).
 */
export function errorLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line !== '')
    .filter(
      (line) =>
        !/^sovereign-lz: (synthesizing|synthèse de) .* …$/.test(line) &&
        !/^\(run sovereign-lz.* --help for usage\)$/.test(line),
    );
}

/** The code and message of the SovereignLzError `fn` throws (fails the test if it throws anything else, or nothing). */
export function libraryError(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof SovereignLzError) return { code: e.code, message: e.message };
    throw new Error(`expected a SovereignLzError, got ${String((e as Error)?.stack ?? e)}`);
  }
  throw new Error('expected a SovereignLzError, but nothing was thrown');
}

/** A deterministic stream of bytes (mulberry32), for binary garbage with a fixed seed. */
export function seededBytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}
