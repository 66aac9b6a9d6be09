import { CONTROLS, requirementOf } from '../core';
import { notAssessedType } from './engine';
import type { CheckResult, Finding } from './model';
import { reportWords, type ReportWords } from './report-words';

/**
 * The human report: findings grouped by control in catalog order, each with its location,
 * message, remediation and legal source; suppressed findings shown with their
 * justification; resources no rule knows listed once at the end; a summary line. In the
 * language of the result (`result.language`).
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

function where(f: Finding, words: ReportWords): string {
  const file = f.file || words.wholeInput;
  const resource = f.resource ? `  ${f.resource}` : f.file ? `  ${words.template}` : '';
  return `${file}${resource}${f.path ? ` [${f.path}]` : ''}`;
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
      lines.push(`  ${label}${status}  ${f.rule}  ${where(f, words)}`);
      lines.push(`      ${f.message}`);
      if (f.suppressed) lines.push(paint('gray', `      ${words.justification}${f.justification}`));
      else lines.push(`      ${words.fix}${f.remediation} (${f.source})`);
    }
    lines.push('');
  }
  const notAssessed = result.findings.filter((f) => f.status === 'not-assessed');
  if (notAssessed.length) {
    const byType = new Map<string, string[]>();
    for (const f of notAssessed) {
      const type = notAssessedType(f);
      byType.set(type, [...(byType.get(type) ?? []), f.resource]);
    }
    lines.push(paint('bold', words.notAssessedHeading(notAssessed.length)));
    for (const [type, ids] of [...byType].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? `, … (${words.more(ids.length - 5)})` : '');
      lines.push(`  ${type} ×${ids.length}: ${shown}`);
    }
    lines.push('');
  }
  for (const s of result.skipped) lines.push(paint('gray', `${words.skipped} ${s.file}${words.colon}${s.reason}`));
  if (result.skipped.length) lines.push('');
  const s = result.summary;
  lines.push(words.summary(result.profile, s));
  lines.push(
    s.errors
      ? paint('red', `${words.failed}${words.colon}${words.failedDetail(s.errors)}`)
      : paint('green', `${words.passed}${words.colon}${words.passedDetail}`),
  );
  return `${lines.join('\n')}\n`;
}
