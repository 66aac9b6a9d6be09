import { CONTROLS } from '../core';
import { notAssessedType } from './engine';
import type { CheckResult, Finding } from './model';

/**
 * The human report: findings grouped by control in catalog order, each with its location,
 * message, remediation and legal source; suppressed findings shown with their
 * justification; resources no rule knows listed once at the end; a summary line.
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

function where(f: Finding): string {
  const file = f.file || '(whole input)';
  const resource = f.resource ? `  ${f.resource}` : f.file ? '  (template)' : '';
  return `${file}${resource}${f.path ? ` [${f.path}]` : ''}`;
}

/** The text report of a result. */
export function formatText(result: CheckResult, options: TextReportOptions = {}): string {
  const paint = painter(options.color ?? false);
  const lines: string[] = [];
  const judged = result.findings.filter((f) => f.status !== 'not-assessed');
  for (const control of CONTROLS) {
    const findings = judged.filter((f) => f.control === control.id);
    if (!findings.length) continue;
    lines.push(paint('bold', `${control.id}  ${control.requirement}`));
    for (const f of findings) {
      const label = f.suppressed
        ? paint('gray', `suppressed ${f.severity}`)
        : paint(f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'blue', f.severity);
      const status = f.status === 'cannot-prove' ? ' (cannot prove)' : '';
      lines.push(`  ${label}${status}  ${f.rule}  ${where(f)}`);
      lines.push(`      ${f.message}`);
      if (f.suppressed) lines.push(paint('gray', `      justification: ${f.justification}`));
      else lines.push(`      fix: ${f.remediation} (${f.source})`);
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
    lines.push(paint('bold', `Not assessed: no rule knows these types, review them by hand (${notAssessed.length})`));
    for (const [type, ids] of [...byType].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? `, … (${ids.length - 5} more)` : '');
      lines.push(`  ${type} ×${ids.length}: ${shown}`);
    }
    lines.push('');
  }
  for (const s of result.skipped) lines.push(paint('gray', `skipped ${s.file}: ${s.reason}`));
  if (result.skipped.length) lines.push('');
  const s = result.summary;
  lines.push(
    `profile '${result.profile}': ${s.resources} resources, ${s.passed} checks passed, ${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed, ${s.notAssessed} not assessed`,
  );
  lines.push(
    s.errors
      ? paint('red', `FAILED: ${s.errors} unsuppressed error${s.errors === 1 ? '' : 's'}`)
      : paint('green', 'PASSED: no unsuppressed error'),
  );
  return `${lines.join('\n')}\n`;
}
