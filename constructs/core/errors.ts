import { controlOf } from './controls';
import { currentLanguage, localize, type Language, type LocalizedText } from './i18n';

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

/**
 * The code of a refused construct or declaration whose every problem names a control of the
 * catalog (a sensitive workload in Paris): a rule of the profile is broken, as a finding in the
 * artifacts would say, and the CLI exits 1. Any other problem (a malformed CIDR) is bad input:
 * exit 2.
 */
export const RULE_BROKEN = 'RULE_BROKEN';

/** {@link RULE_BROKEN} if every problem names a control of the catalog, else `otherwise`. */
export function problemsCode(problems: readonly { readonly rule: string }[], otherwise: string): string {
  return problems.length > 0 && problems.every((p) => controlOf(p.rule) !== undefined) ? RULE_BROKEN : otherwise;
}

/**
 * The exit code of an error, the same for every command: 1 when it says a rule of the profile
 * is broken ({@link RULE_BROKEN}), 2 for anything else (usage, unreadable or invalid input).
 */
export function exitCodeOf(error: unknown): 1 | 2 {
  return error instanceof SovereignLzError && error.code === RULE_BROKEN ? 1 : 2;
}

/** A problem found while validating props or a declaration. */
export interface ValidationProblem {
  /** The control or rule the problem breaks, e.g. `RES-1` or `PROPS`. */
  readonly rule: string;
  /** What is wrong: a plain string (English), or the text in every language. */
  readonly message: string | LocalizedText;
  /** The legal source, e.g. `L05-20 Art. 11`. */
  readonly source?: string;
  /** What to do instead: a plain string (English), or the text in every language. */
  readonly remedy?: string | LocalizedText;
}

/** Formats one problem as `RULE: message (source). remedy`, in `language`. */
export function formatProblem(problem: ValidationProblem, language: Language = currentLanguage()): string {
  let text = `${problem.rule}: ${localize(problem.message, language)}`;
  if (problem.source) text += ` (${problem.source})`;
  const remedy = problem.remedy === undefined ? '' : localize(problem.remedy, language);
  if (remedy) text += `. ${remedy}`;
  return text;
}

/**
 * Raised at construction time when a construct's props break a rule. The message names
 * the construct path and lists every problem of the construct at once. Its code is
 * {@link RULE_BROKEN} when every problem names a control, else `CONSTRUCT_INVALID`.
 */
export class ConstructValidationError extends SovereignLzError {
  /** The construct path, e.g. `MoroccoLz/Citizens/Records`. */
  public readonly path: string;
  /** Every problem found. */
  public readonly problems: readonly ValidationProblem[];

  /** The message is written in `language` (`SOVEREIGN_LZ_LANG`, else English). */
  constructor(path: string, problems: readonly ValidationProblem[], language: Language = currentLanguage()) {
    const lines = problems.map((problem) => formatProblem(problem, language));
    const header = language === 'fr' ? `${lines.length} problèmes :` : `${lines.length} problems:`;
    const message = lines.length === 1 ? `[${path}] ${lines[0]}` : `[${path}] ${header}\n  - ${lines.join('\n  - ')}`;
    super(problemsCode(problems, 'CONSTRUCT_INVALID'), message);
    this.name = 'ConstructValidationError';
    this.path = path;
    this.problems = problems;
  }
}
