import { runCheck, type CheckCommandOptions } from '../../../constructs/cli/check';

/** `sovereign-lz check` in-process, in `dir`, capturing its exit code, stdout and stderr. */
export function runCheckIn(
  dir: string,
  paths: string[],
  options: CheckCommandOptions = {},
  color = false,
): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCheck(paths, options, { stdout: (t) => (out += t), stderr: (t) => (err += t), color, cwd: dir });
  return { code, out, err };
}
