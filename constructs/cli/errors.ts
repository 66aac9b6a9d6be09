import { exitCodeOf, SovereignLzError, terminalText } from '../core';

/**
 * Prints an error as every command does, and returns its exit code (core's `exitCodeOf`: 1
 * for a refused construct or declaration that breaks rules of the profile, 2 for bad usage or
 * input): a SovereignLzError as its message; anything else (an error of the user's app, such as
 * aws-cdk-lib's own validation, or a bug of ours) as its message, with the stack trace only
 * when SOVEREIGN_LZ_DEBUG is set. `oneLine` folds multi-line messages for commands whose
 * contract is one line on stderr.
 */
export function reportError(e: unknown, write: (text: string) => void, { oneLine = false } = {}): number {
  const raw = e instanceof Error ? e.message : String(e);
  const message = oneLine
    ? raw
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('; ')
    : raw;
  // Messages quote ids and paths from the input: no escape sequence of theirs reaches the terminal.
  write(`sovereign-lz: ${terminalText(message, { singleLine: oneLine })}\n`);
  if (!(e instanceof SovereignLzError)) {
    if (process.env.SOVEREIGN_LZ_DEBUG) write(`${(e as Error)?.stack}\n`);
    else write('(set SOVEREIGN_LZ_DEBUG=1 for the stack trace)\n');
  }
  return exitCodeOf(e);
}
