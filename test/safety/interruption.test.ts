import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_MARKER } from '../../constructs/cli/output-dir';
import { bin } from '../reliability/cli';

// A synth interrupted by Ctrl-C, SIGTERM or a hang-up removes its temporary directory and
// exits 128 + the signal's number; the old output stays intact. SIGKILL cannot be caught: the
// next run into the same directory removes what the killed run left, and restores the old
// output first if the kill fell between its two renames.

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-int-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const env = { ...process.env, SOVEREIGN_LZ_DEBUG: '', NO_COLOR: '1' };

/** An earlier output, marked as ours, whose content the test can recognise. */
function oldOutput(dir: string): void {
  mkdirSync(join(dir, 'aws'), { recursive: true });
  writeFileSync(join(dir, OUTPUT_MARKER), '{"tool":"sovereign-lz","version":"0.0.1","format":1}\n');
  writeFileSync(join(dir, 'profile.json'), '{"old": true}\n');
}

const siblings = (): string[] => readdirSync(work).filter((n) => n.includes('.tmp-'));

/** A process id that is certainly gone: a child that has exited. */
function deadPid(): number {
  const child = spawnSync('true');
  return child.pid ?? 999_999;
}

/** Starts `synth minimal --out out`, sends `signal` once its staging directory exists, and resolves with how it ended. */
function interrupt(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'synth', 'minimal', '--out', 'out'], {
      cwd: work,
      env,
      stdio: 'ignore',
    });
    let sent = false;
    const poll = setInterval(() => {
      if (!sent && siblings().length) {
        sent = true;
        child.kill(signal);
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (code, got) => {
      clearInterval(poll);
      if (!sent) reject(new Error(`the synth ended (${code}) before its staging directory was seen`));
      else resolve({ code, signal: got });
    });
  });
}

test.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const)('%s removes the temporary directory, exits %i and leaves the old output intact', async (signal, code) => {
  oldOutput(join(work, 'out'));
  const ended = await interrupt(signal);
  expect(ended).toEqual({ code, signal: null });
  expect(siblings()).toEqual([]);
  expect(readFileSync(join(work, 'out', 'profile.json'), 'utf8')).toBe('{"old": true}\n');
});

test('SIGKILL leaves the temporary directory; the next run removes it', async () => {
  oldOutput(join(work, 'out'));
  const ended = await interrupt('SIGKILL');
  expect(ended.signal).toBe('SIGKILL');
  expect(siblings()).toHaveLength(1);
  // The next run, even one that fails (a declaration that does not exist), cleans up first.
  const next = spawnSync(process.execPath, [bin, 'synth', 'missing.yaml', '--out', 'out'], {
    cwd: work,
    env,
    encoding: 'utf8',
  });
  expect(next.status).toBe(2);
  expect(siblings()).toEqual([]);
  expect(readFileSync(join(work, 'out', 'profile.json'), 'utf8')).toBe('{"old": true}\n');
});

test('a kill between the two renames: the next run restores the old output from .previous, then removes the rest', () => {
  const pid = deadPid();
  // The killed run had renamed the old output aside and not yet renamed its new one into place.
  oldOutput(join(work, `.out.tmp-${pid}-AbC123.previous`));
  mkdirSync(join(work, `.out.tmp-${pid}-AbC123`));
  writeFileSync(join(work, `.out.tmp-${pid}-AbC123`, 'profile.json'), '{"half": true}\n');
  const next = spawnSync(process.execPath, [bin, 'synth', 'missing.yaml', '--out', 'out'], {
    cwd: work,
    env,
    encoding: 'utf8',
  });
  expect(next.status).toBe(2);
  expect(readFileSync(join(work, 'out', 'profile.json'), 'utf8')).toBe('{"old": true}\n');
  expect(siblings()).toEqual([]);
});

test("a running synth's temporary directory is left alone, and so is any other name", () => {
  oldOutput(join(work, 'out'));
  const live = `.out.tmp-${process.pid}-XyZ789`;
  mkdirSync(join(work, live));
  mkdirSync(join(work, '.out.tmp-notours'));
  mkdirSync(join(work, `.other.tmp-${deadPid()}-AbC123`));
  spawnSync(process.execPath, [bin, 'synth', 'missing.yaml', '--out', 'out'], { cwd: work, env });
  const left = siblings();
  expect(left).toHaveLength(3);
  expect(left).toEqual(
    expect.arrayContaining([live, '.out.tmp-notours', expect.stringMatching(/^\.other\.tmp-\d+-AbC123$/)]),
  );
});
