import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';
import { toolVersion } from '../compliance/report/report-sarif';
import { readBoundedFile, SovereignLzError } from '../core';

/**
 * Ownership of `sovereign-lz synth`'s output directory. The synth replaces its output as a
 * whole, so it must never take a directory it did not write: a mistyped `--out .`, `--out docs`
 * or an unset `--out "$OUTDIR"` once deleted a user's project. The rules:
 *
 * - a directory is replaced only when it is absent, empty, or marked as ours (the marker file
 *   {@link OUTPUT_MARKER}, or the exact top-level layout of an output written before the marker
 *   existed); anything else is refused and nothing is touched;
 * - whatever the marker says, never an empty path, `/`, the home directory, the working
 *   directory or one of its ancestors, nor a directory holding the app being synthesized;
 * - paths are compared by their real paths, so a symbolic link or `..` cannot dodge a rule.
 *
 * The replacement goes through two siblings, `.OUT.tmp-PID-XXXXXX` (the new output) and
 * `.OUT.tmp-PID-XXXXXX.previous` (the old one, for the instant between two renames). A run
 * killed outright leaves them behind; the next run into the same directory removes those
 * whose process is gone, after restoring the old output if the kill fell between the renames.
 */

/** The file that marks a directory as a synth output. */
export const OUTPUT_MARKER = '.sovereign-lz-output.json';

/** The version of the output layout the marker records. */
export const OUTPUT_FORMAT = 1;

/** What the marker holds: the tool, its version and the layout's version. */
export function outputMarker(): string {
  return `${JSON.stringify({ tool: 'sovereign-lz', version: toolVersion(), format: OUTPUT_FORMAT })}\n`;
}

/** What a synth writes at the top of its output (before the marker existed, too). */
const OUTPUT_ENTRIES = new Set([
  'aws',
  'kubernetes',
  'profile.json',
  'landing-zone.json',
  'compliance.json',
  'compliance.md',
  'compliance.sarif',
  'compliance.html',
  'evidence-manifest.json',
  'plan.json',
  'plan.md',
  'plan.svg',
]);

function refuse(shown: string, why: string, what: string): never {
  throw new SovereignLzError('OUTPUT_REFUSED', `--out ${shown}: refused: ${why}; ${what}. Nothing was changed`);
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return join(realpathSync(existing), ...missing.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return absolute;
      missing.push(basename(existing));
      existing = parent;
    }
  }
}

/** True if `inner` is `outer` or lies under it (both real, absolute paths). */
export function isWithin(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  const prefix = outer.endsWith(sep) ? outer : `${outer}${sep}`;
  return inner.startsWith(prefix);
}

/** A small JSON file of the directory, read with bounds (a FIFO planted there must not hang the synth). */
function readSmallJson(file: string): unknown {
  const text = readBoundedFile(file, { maxBytes: 1024 * 1024, unreadableCode: 'OUTPUT_REFUSED', limitText: '' });
  return JSON.parse(text.toString('utf8'));
}

/** True if `dir` is marked, or has exactly the top-level layout of an earlier synth's output. */
function isOurs(dir: string, entries: readonly string[]): boolean {
  if (entries.includes(OUTPUT_MARKER)) {
    try {
      const marker = readSmallJson(join(dir, OUTPUT_MARKER)) as { tool?: unknown };
      return marker.tool === 'sovereign-lz';
    } catch {
      return false;
    }
  }
  if (!entries.every((e) => OUTPUT_ENTRIES.has(e))) return false;
  if (!entries.includes('profile.json')) return false;
  if (!existsSync(join(dir, 'aws', 'manifest.json')) && !existsSync(join(dir, 'kubernetes', 'manifest.json'))) {
    return false;
  }
  try {
    const report = readSmallJson(join(dir, 'compliance.json')) as { schemaVersion?: unknown };
    return report.schemaVersion !== undefined;
  } catch {
    return false;
  }
}

/** Options of {@link claimOutputDir}. */
export interface ClaimOptions {
  /** Files the synth reads (the app module, the declaration): a directory holding one is never replaced. */
  readonly protect?: readonly string[];
  /** The working directory: neither it nor an ancestor is ever replaced. @default process.cwd() */
  readonly cwd?: string;
}

/**
 * Checks that the synth may replace `outDir` (see the rules above) and returns its real path.
 * Throws `OUTPUT_REFUSED` (one line: why, and what to do) and touches nothing otherwise.
 */
export function claimOutputDir(outDir: string, options: ClaimOptions = {}): string {
  const shown = outDir === '' ? "''" : outDir;
  if (outDir.trim() === '') {
    refuse(shown, 'the path is empty (an unset variable?)', 'give the output directory, e.g. --out out');
  }
  const cwd = realPathOf(options.cwd ?? process.cwd());
  const target = realPathOf(resolve(options.cwd ?? process.cwd(), outDir));
  if (target === parse(target).root) refuse(shown, 'it is the root directory', 'give a directory of its own');
  const home = realPathOf(homedir());
  if (target === home) refuse(shown, 'it is the home directory', 'give a directory of its own, e.g. --out out');
  if (isWithin(cwd, target)) {
    refuse(
      shown,
      target === cwd ? 'it is the working directory' : 'it holds the working directory',
      'give a directory of its own, e.g. --out out',
    );
  }
  for (const file of options.protect ?? []) {
    if (isWithin(realPathOf(file), target)) {
      refuse(shown, `it holds ${file}, which this synth reads`, 'give a directory of its own, e.g. --out out');
    }
  }
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return target;
  }
  if (!stat.isDirectory()) {
    refuse(shown, 'it is not a directory', 'give a directory, absent or written by sovereign-lz synth');
  }
  const entries = readdirSync(target);
  if (entries.length && !isOurs(target, entries)) {
    const shownEntries = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
    refuse(
      shown,
      `it is not a sovereign-lz output (it holds ${shownEntries})`,
      `give an absent or empty directory, or one written by sovereign-lz synth (marked by ${OUTPUT_MARKER})`,
    );
  }
  return target;
}

/** The siblings of a target that a run leaves while it replaces it: `.OUT.tmp-PID-XXXXXX[.previous]`. */
function siblingPattern(target: string): RegExp {
  const base = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${base}\\.tmp-(\\d+)-[A-Za-z0-9]{6}(\\.previous)?$`);
}

/** True if process `pid` runs (a process of another user counts as running). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what killed runs left beside `target`: temporary siblings whose process is gone.
 * If `target` is missing and such a run left the old output as `….previous` (it was killed
 * between its two renames), that copy is first renamed back into place. Siblings of running
 * processes (a concurrent synth) are left alone.
 */
export function recoverInterrupted(target: string): void {
  const parent = dirname(target);
  const pattern = siblingPattern(target);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const stale = names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((s): s is { name: string; match: RegExpExecArray } => s.match !== null && !isRunning(Number(s.match[1])));
  if (!existsSync(target)) {
    // The newest old output, if several runs were killed.
    const previous = stale
      .filter((s) => s.match[2])
      .map((s) => ({ ...s, mtime: statSync(join(parent, s.name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime)[0];
    if (previous) renameSync(join(parent, previous.name), target);
  }
  for (const s of stale) rmSync(join(parent, s.name), { recursive: true, force: true });
}

/** Temporary directories of this process's synths, removed if a signal ends the process. */
const pending = new Set<string>();

/** A new, empty staging directory beside `target`, named for this process (see {@link recoverInterrupted}). */
export function createStaging(target: string): string {
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-${process.pid}-`));
  pending.add(staging);
  return staging;
}

/** Removes a staging directory (after a failure). */
export function discardStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
  pending.delete(staging);
}

/**
 * Marks `staging` as ours and swaps it into `target`: the old output (if any) is renamed to
 * `STAGING.previous`, the new one into place, then the old one removed. Between the two renames
 * only `….previous` holds the old output; {@link recoverInterrupted} restores it if a kill
 * lands there. The target is claimed again just before, in case it changed during the synth.
 */
export function replaceOutput(staging: string, target: string, claim: () => void): void {
  writeFileSync(join(staging, OUTPUT_MARKER), outputMarker());
  claim();
  const previous = existsSync(target) ? `${staging}.previous` : undefined;
  if (previous) renameSync(target, previous);
  renameSync(staging, target);
  pending.delete(staging);
  if (previous) rmSync(previous, { recursive: true, force: true });
}

/**
 * Removes every staging directory of this process: what a signal handler calls before the
 * process exits. (The two renames of {@link replaceOutput} are synchronous: no handler runs
 * between them, so the old output is always in place when this runs.)
 */
export function abandonPendingOutputs(): void {
  for (const dir of pending) rmSync(dir, { recursive: true, force: true });
  pending.clear();
}
