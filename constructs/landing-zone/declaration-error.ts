import { currentLanguage, localize, problemsCode, SovereignLzError, type Language, type LocalizedText } from '../core';

/** A problem of a landing-zone declaration, located by its JSON pointer (e.g. `/workloads/2/site`). */
export interface DeclarationProblem {
  /** Where in the declaration, as a JSON pointer. */
  readonly pointer: string;
  /** The control or rule it breaks, e.g. `RES-1`, `NET-4` or `DECLARATION`. */
  readonly rule: string;
  readonly message: LocalizedText;
  /** The legal source, when a law decides. */
  readonly source?: string;
  /** What to do instead. */
  readonly remedy?: LocalizedText;
}

/** `{ en, fr }`, for brevity where messages are built. */
export function text(en: string, fr: string): LocalizedText {
  return { en, fr };
}

/** `/workloads/2/site` → `workloads[2].site`: how a TypeScript user reads the path. */
export function declarationPath(pointer: string): string {
  if (!pointer) return '(declaration)';
  return pointer
    .slice(1)
    .split('/')
    .map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

/** One problem on one line: `LOCATION: RULE: message (source). remedy`. */
export function formatDeclarationProblem(
  problem: DeclarationProblem,
  location: string,
  language: Language = currentLanguage(),
): string {
  let line = `${location}: ${problem.rule}: ${localize(problem.message, language)}`;
  if (problem.source) line += ` (${problem.source})`;
  if (problem.remedy) line += `. ${localize(problem.remedy, language)}`;
  return line;
}

/**
 * A landing-zone declaration that cannot be built: every problem at once, each naming where
 * it is (the declaration path, or `file:line:col` for a declaration file). Its code is
 * `RULE_BROKEN` when every problem names a control of the catalog, else `DECLARATION_INVALID`.
 */
export class DeclarationError extends SovereignLzError {
  public readonly problems: readonly DeclarationProblem[];

  constructor(
    problems: readonly DeclarationProblem[],
    locate: (pointer: string) => string = declarationPath,
    language: Language = currentLanguage(),
  ) {
    const lines = problems.map((p) => formatDeclarationProblem(p, locate(p.pointer), language));
    const head =
      language === 'fr'
        ? `la déclaration de la zone d'atterrissage est invalide (${lines.length} problème${lines.length > 1 ? 's' : ''})`
        : `the landing-zone declaration is invalid (${lines.length} problem${lines.length > 1 ? 's' : ''})`;
    super(
      problemsCode(problems, 'DECLARATION_INVALID'),
      lines.length === 1 ? lines[0] : `${head}:\n  - ${lines.join('\n  - ')}`,
    );
    this.name = 'DeclarationError';
    this.problems = problems;
  }
}
