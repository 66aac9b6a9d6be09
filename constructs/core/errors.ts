/**
 * Errors raised by sovereign-lz for bad input: props, profiles, files.
 *
 * Each carries a message that a person can act on; the CLI prints `message` on one line
 * and exits with code 2, never a stack trace.
 */
export class SovereignLzError extends Error {
  /** A stable machine-readable code, e.g. `PROFILE_INVALID`. */
  public readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'SovereignLzError';
    this.code = code;
  }
}

/** A problem found while validating props or a declaration. */
export interface ValidationProblem {
  /** The control or rule the problem breaks, e.g. `RES-1` or `PROPS`. */
  readonly rule: string;
  /** What is wrong. */
  readonly message: string;
  /** The legal source, e.g. `L05-20 Art. 11`. */
  readonly source?: string;
  /** What to do instead. */
  readonly remedy?: string;
}

/** Formats one problem as `RULE: message (source). remedy`. */
export function formatProblem(problem: ValidationProblem): string {
  let text = `${problem.rule}: ${problem.message}`;
  if (problem.source) text += ` (${problem.source})`;
  if (problem.remedy) text += `. ${problem.remedy}`;
  return text;
}

/**
 * Raised at construction time when a construct's props break a rule. The message names
 * the construct path and lists every problem of the construct at once.
 */
export class ConstructValidationError extends SovereignLzError {
  /** The construct path, e.g. `MoroccoLz/Citizens/Records`. */
  public readonly path: string;
  /** Every problem found. */
  public readonly problems: readonly ValidationProblem[];

  constructor(path: string, problems: readonly ValidationProblem[]) {
    const lines = problems.map(formatProblem);
    const message =
      lines.length === 1 ? `[${path}] ${lines[0]}` : `[${path}] ${lines.length} problems:\n  - ${lines.join('\n  - ')}`;
    super('CONSTRUCT_INVALID', message);
    this.name = 'ConstructValidationError';
    this.path = path;
    this.problems = problems;
  }
}
