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
 * the construct path and lists every problem of the construct at once.
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
    super('CONSTRUCT_INVALID', message);
    this.name = 'ConstructValidationError';
    this.path = path;
    this.problems = problems;
  }
}
