import { CONTROLS, requirementOf, terminalText } from '../../core';
import { notAssessedType } from '../judge/engine';
import type { CheckResult, Finding } from '../normalize/model';
import { reportWords, type ReportWords } from './report-words';

/**
 * The human report: findings grouped by control in catalog order, each with its location,
 * message, remediation and legal source; suppressed findings shown with their
 * justification; resources no rule knows listed once at the end; a summary line. In the
 * language of the result (`result.language`).
 *
 * Every value of the result goes through core's `terminalText` on one line before it is
 * printed (and coloured): no escape sequence or control character but the report's own colours.
 */

/** Options of the text report. */
export interface TextReportOptions {
  /**
   * Colour the severities with ANSI escapes (for a TTY).
   * @default false
   */
  readonly color?: boolean;
}

const ANSI = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, green: 32 } as const;

function painter(color: boolean): (code: keyof typeof ANSI, text: string) => string {
  return (code, text) => (color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text);
}

/** A value of the result as the terminal may show it, on one line. */
function shown(text: string): string {
  return terminalText(text, { singleLine: true });
}

function where(f: Finding, words: ReportWords): string {
  const file = f.file ? shown(f.file) : words.wholeInput;
  const resource = f.resource ? `  ${shown(f.resource)}` : f.file ? `  ${words.template}` : '';
  return `${file}${resource}${f.path ? ` [${shown(f.path)}]` : ''}`;
}

/** The text report of a result. */
export function formatText(result: CheckResult, options: TextReportOptions = {}): string {
  const paint = painter(options.color ?? false);
  const language = result.language ?? 'en';
  const words = reportWords(language);
  const lines: string[] = [];
  const judged = result.findings.filter((f) => f.status !== 'not-assessed');
  for (const control of CONTROLS) {
    const findings = judged.filter((f) => f.control === control.id);
    if (!findings.length) continue;
    lines.push(paint('bold', `${control.id}  ${requirementOf(control, language)}`));
    for (const f of findings) {
      const severity = words.severity[f.severity];
      const label = f.suppressed
        ? paint('gray', words.suppressedLabel(severity))
        : paint(f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'blue', severity);
      const status = f.status === 'cannot-prove' ? ` (${words.cannotProve})` : '';
      lines.push(`  ${label}${status}  ${shown(f.rule)}  ${where(f, words)}`);
      lines.push(`      ${shown(f.message)}`);
      if (f.suppressed) lines.push(paint('gray', `      ${words.justification}${shown(`${f.justification}`)}`));
      else lines.push(`      ${words.fix}${shown(f.remediation)} (${shown(f.source)})`);
    }
    lines.push('');
  }
  const notAssessed = result.findings.filter((f) => f.status === 'not-assessed');
  if (notAssessed.length) {
    const byType = new Map<string, string[]>();
    for (const f of notAssessed) {
      const type = shown(notAssessedType(f));
      byType.set(type, [...(byType.get(type) ?? []), shown(f.resource)]);
    }
    lines.push(paint('bold', words.notAssessedHeading(notAssessed.length)));
    for (const [type, ids] of [...byType].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? `, … (${words.more(ids.length - 5)})` : '');
      lines.push(`  ${type} ×${ids.length}: ${shown}`);
    }
    lines.push('');
  }
  if (result.noData?.length) {
    lines.push(paint('gray', words.noDataHeading(result.noData.length)));
    for (const t of result.noData) lines.push(paint('gray', `  ${shown(t.type)} ×${t.resources}: ${shown(t.reason)}`));
    lines.push('');
  }
  for (const s of result.skipped) {
    lines.push(paint('gray', `${words.skipped} ${shown(s.file)}${words.colon}${shown(s.reason)}`));
  }
  if (result.skipped.length) lines.push('');
  const s = result.summary;
  lines.push(words.summary(shown(result.profile), s));
  lines.push(
    s.errors
      ? paint('red', `${words.failed}${words.colon}${words.failedDetail(s.errors)}`)
      : paint('green', `${words.passed}${words.colon}${words.passedDetail}`),
  );
  return `${lines.join('\n')}\n`;
}
