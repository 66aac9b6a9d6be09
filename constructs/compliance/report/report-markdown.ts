import {
  CONTROLS,
  markdownCell,
  markdownCode,
  markdownHeading,
  requirementOf,
  type Control,
  type Severity,
} from '../../core';
import { notAssessedType } from '../judge/engine';
import { formatEvidence, type Evidence } from '../judge/evidence';
import type { CheckResult, Finding, Pass, RuleInfo } from '../normalize/model';
import { inputsOf } from './report-json';
import { toolVersion } from './report-sarif';
import { reportWords, type ReportWords } from './report-words';

/**
 * The Markdown report: the evidence matrix an auditor or a DGSSI review reads. A header (the
 * profile, the tool, the inputs, the verdict; no date, so that the same input gives the same
 * bytes), a summary per control, then for every control of the catalog, in order, its
 * requirement, the profile's legal source, its findings (fail, cannot-prove, suppressed with
 * its justification) with what was observed, then its passes per rule (a count, and the
 * resources with their observed values collapsed), and the rules that did not apply; then the
 * network paths, the resources no rule knows, the manual checks (JUR-1 attestations) and the
 * inputs with their SHA-256. In the language of the result
 * (`result.language`): headings, column names, statuses and the summary; ids never.
 *
 * Every value of the result (messages, ids, paths, the profile's texts) goes through core's
 * Markdown encoders (output-encoding.ts): `markdownCell` for text, `markdownCode` for ids and
 * paths, `markdownHeading` in headings.
 */

/** The status of a cell of the evidence matrix. */
export type EvidenceStatus = 'fail' | 'cannot-prove' | 'suppressed' | 'pass' | 'not-applicable';

/** A row of the evidence matrix: one rule's verdict on one resource (or template, or the whole input). */
export interface EvidenceRow {
  readonly control: Control['id'];
  readonly rule: string;
  readonly resource: string;
  readonly file: string;
  readonly path?: string;
  readonly status: EvidenceStatus;
  /** The severity of a finding; absent for a pass or a check that does not apply. */
  readonly severity?: Severity;
  /** What was found (a finding's message), or the rule's title for a pass or a check that does not apply. */
  readonly evidence: string;
  /** The remediation of an open finding. */
  readonly remediation?: string;
  /** The source of a finding when it differs from the control's (e.g. a figure's source). */
  readonly source?: string;
  /** The justification of a suppressed finding. */
  readonly justification?: string;
  /** The facts the rule observed (absent for a check that does not apply). */
  readonly observed?: Evidence;
}

/** Options of the Markdown report. */
export interface MarkdownReportOptions {
  /**
   * The version named in the header.
   * @default - the version of the sovereign-lz package
   */
  readonly toolVersion?: string;
}

const STATUS_ORDER: readonly EvidenceStatus[] = ['fail', 'cannot-prove', 'suppressed', 'pass', 'not-applicable'];

/**
 * Escapes text for a Markdown table cell or list item: inline syntax, `|`, and line breaks (as
 * `<br>`). The same as core's {@link markdownCell}, which it is.
 */
export function escapeMarkdown(text: string): string {
  return markdownCell(text);
}

/** A code span (in a table cell unless `inTable` is false), or escaped text where a code span cannot hold the value. */
function code(text: string, inTable = true): string {
  return markdownCode(text, inTable ? 'cell' : 'inline');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rowOfFinding(f: Finding, controlSource: string): EvidenceRow {
  const base = {
    control: f.control,
    rule: f.rule,
    resource: f.resource,
    file: f.file,
    ...(f.path ? { path: f.path } : {}),
    severity: f.severity,
    evidence: f.message,
    ...(f.source !== controlSource ? { source: f.source } : {}),
    ...(f.evidence ? { observed: f.evidence } : {}),
  };
  if (f.suppressed) return { ...base, status: 'suppressed', justification: f.justification ?? '' };
  return { ...base, status: f.status === 'fail' ? 'fail' : 'cannot-prove', remediation: f.remediation };
}

function rowOfCheck(p: Pass, status: 'pass' | 'not-applicable', rules: ReadonlyMap<string, RuleInfo>): EvidenceRow {
  return {
    control: p.control,
    rule: p.rule,
    resource: p.resource,
    file: p.file,
    ...(p.path ? { path: p.path } : {}),
    status,
    evidence: rules.get(p.rule)?.title ?? p.rule,
    ...(p.evidence ? { observed: p.evidence } : {}),
  };
}

/**
 * The rows of the evidence matrix, per control, sorted by file, resource, rule and status.
 * Not-assessed resources are not rows: the report lists them apart.
 */
export function evidenceMatrix(result: CheckResult): ReadonlyMap<Control['id'], readonly EvidenceRow[]> {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const sources = result.effectiveProfile.controls;
  const rows: EvidenceRow[] = [
    ...result.findings
      .filter((f) => f.status !== 'not-assessed')
      .map((f) => rowOfFinding(f, sources[f.control].source)),
    ...result.passes.map((p) => rowOfCheck(p, 'pass', rules)),
    ...result.notApplicable.map((p) => rowOfCheck(p, 'not-applicable', rules)),
  ];
  rows.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      compare(a.resource, b.resource) ||
      compare(a.rule, b.rule) ||
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      compare(a.evidence, b.evidence),
  );
  const matrix = new Map<Control['id'], EvidenceRow[]>(CONTROLS.map((c) => [c.id, []]));
  for (const row of rows) matrix.get(row.control)?.push(row);
  return matrix;
}

/** The verdict of a control: the worst status of its rows; `not-applicable` when it has none. */
function verdictOf(rows: readonly EvidenceRow[]): EvidenceStatus {
  return STATUS_ORDER.find((s) => rows.some((r) => r.status === s)) ?? 'not-applicable';
}

function count(rows: readonly EvidenceRow[], status: EvidenceStatus): number {
  return rows.filter((r) => r.status === status).length;
}

function subjectCell(row: { resource: string; file: string }, words: ReportWords): string {
  if (row.resource) return code(row.resource);
  return row.file ? words.template : words.wholeInput;
}

function statusCell(row: EvidenceRow, words: ReportWords): string {
  const status = words.status[row.status];
  const text = row.severity ? `${status} (${words.severity[row.severity]})` : status;
  return row.status === 'fail' || row.status === 'cannot-prove' ? `**${text}**` : text;
}

function evidenceCell(row: EvidenceRow, words: ReportWords): string {
  const source = row.source ? ` (${row.source})` : '';
  if (row.status === 'suppressed') {
    return `${words.justification}${markdownCell(row.justification ?? '')}${words.semicolon}${words.finding}${markdownCell(row.evidence)}${markdownCell(source)}`;
  }
  if (row.remediation !== undefined) {
    const fix = words.fix.charAt(0).toUpperCase() + words.fix.slice(1);
    return `${markdownCell(row.evidence)}. ${fix}${markdownCell(row.remediation)}${markdownCell(source)}`;
  }
  return markdownCell(row.evidence);
}

/** A Markdown table row. */
function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function header(result: CheckResult, options: MarkdownReportOptions, words: ReportWords, lines: string[]): void {
  const profile = result.effectiveProfile;
  const s = result.summary;
  const m = words.markdown;
  // `**Profile:** value`, `**Profil :** valeur`.
  const label = (text: string) => `**${text}${words.colon.trimEnd()}**`;
  const verdict = s.errors
    ? `**${words.failed}**${words.colon}${words.failedDetail(s.errors)}`
    : `**${words.passed}**${words.colon}${words.passedDetail}`;
  lines.push(`# ${m.title}`, '');
  lines.push(`- ${label(m.profile)} ${markdownCell(profile.name)}${words.colon}${code(profile.id, false)}`);
  lines.push(`- ${label(m.tool)} sovereign-lz ${markdownCell(options.toolVersion ?? toolVersion())}`);
  const inputs = result.inputs.map((f) => code(f, false)).join(', ') || words.none;
  lines.push(`- ${label(`${m.inputs} (${result.inputs.length})`)} ${inputs}`);
  if (result.skipped.length) {
    const skipped = result.skipped.map((k) => `${code(k.file, false)} (${markdownCell(k.reason)})`).join(', ');
    lines.push(`- ${label(`${m.skipped} (${result.skipped.length})`)} ${skipped}`);
  }
  lines.push(`- ${label(m.verdict)} ${verdict}`, '');
}

function summary(
  result: CheckResult,
  matrix: ReadonlyMap<Control['id'], readonly EvidenceRow[]>,
  words: ReportWords,
  lines: string[],
): void {
  const s = result.summary;
  const m = words.markdown;
  const language = result.language ?? 'en';
  lines.push(`## ${m.summaryHeading}`, '');
  lines.push(tableRow(m.summaryColumns));
  lines.push('|---:|---:|---:|---:|---:|---:|');
  lines.push(`| ${s.resources} | ${s.passed} | ${s.errors} | ${s.warnings} | ${s.suppressed} | ${s.notAssessed} |`, '');
  lines.push(tableRow([...m.controlColumns, ...STATUS_ORDER.map((st) => words.status[st])]));
  lines.push('|---|---|---|---:|---:|---:|---:|---:|');
  for (const control of CONTROLS) {
    const rows = matrix.get(control.id) ?? [];
    const off = result.effectiveProfile.controls[control.id].severity === 'off';
    const verdict = off ? `${words.status['not-applicable']} (${m.off})` : words.status[verdictOf(rows)];
    const counts = STATUS_ORDER.map((st) => count(rows, st)).join(' | ');
    lines.push(`| ${control.id} | ${markdownCell(requirementOf(control, language))} | ${verdict} | ${counts} |`);
  }
  lines.push('');
}

function controlSection(
  control: Control,
  rows: readonly EvidenceRow[],
  result: CheckResult,
  words: ReportWords,
  lines: string[],
): void {
  const m = words.markdown;
  const setting = result.effectiveProfile.controls[control.id];
  lines.push(`### ${control.id}${words.colon}${markdownHeading(requirementOf(control, result.language ?? 'en'))}`, '');
  const verdict = words.status[setting.severity === 'off' ? 'not-applicable' : verdictOf(rows)];
  const severity = setting.severity === 'off' ? m.off : words.severity[setting.severity];
  lines.push(m.controlLine(markdownCell(setting.source), code(result.profile, false), severity, verdict), '');
  if (setting.severity === 'off') {
    lines.push(m.turnedOff(control.id), '');
    return;
  }
  if (control.id === 'JUR-1') {
    lines.push(m.manualChecksPointer, '');
    return;
  }
  if (!rows.length) {
    lines.push(m.noResource, '');
    return;
  }
  const findings = rows.filter((r) => r.status !== 'pass' && r.status !== 'not-applicable');
  if (findings.length) {
    lines.push(tableRow(m.evidenceColumns));
    lines.push('|---|---|---|---|---|---|---|');
    for (const row of findings) {
      lines.push(
        `| ${subjectCell(row, words)} | ${row.file ? code(row.file) : ''} | ${row.path ? code(row.path) : ''} | ${code(row.rule)} | ${statusCell(row, words)} | ${observedCell(row)} | ${evidenceCell(row, words)} |`,
      );
    }
    lines.push('');
  }
  passesByRule(rows, result, words, lines);
  const notApplicable = countByRule(rows.filter((r) => r.status === 'not-applicable'));
  if (notApplicable.length) {
    lines.push(m.notApplicableLine(notApplicable.map(([rule, n]) => `${code(rule, false)} (${n})`).join(', ')), '');
  }
}

/** The observed facts of a row, `name=value; …`, for a table cell. */
function observedCell(row: EvidenceRow): string {
  return markdownCell(formatEvidence(row.observed));
}

/** Rules and their counts of rows, in rule order. */
function countByRule(rows: readonly EvidenceRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.rule, (counts.get(row.rule) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => compare(a, b));
}

/**
 * A control's passes, per rule: a line with the rule, its title and the count, then the
 * resources with what was observed, collapsed (`<details>`: GitHub, GitLab and most renderers
 * fold it; others show the table).
 */
function passesByRule(rows: readonly EvidenceRow[], result: CheckResult, words: ReportWords, lines: string[]): void {
  const m = words.markdown;
  const titles = new Map(result.rules.map((r) => [r.id, r.title]));
  const passes = rows.filter((r) => r.status === 'pass');
  for (const [rule] of countByRule(passes)) {
    const own = passes.filter((r) => r.rule === rule);
    lines.push(`**${m.passesLine(code(rule, false), markdownCell(titles.get(rule) ?? ''), own.length)}**`, '');
    lines.push('<details>', `<summary>${markdownCell(m.passesDetails(own.length))}</summary>`, '');
    lines.push(tableRow(m.passColumns), '|---|---|---|---|');
    for (const row of own) {
      lines.push(
        `| ${subjectCell(row, words)} | ${row.file ? code(row.file) : ''} | ${row.path ? code(row.path) : ''} | ${observedCell(row)} |`,
      );
    }
    lines.push('', '</details>', '');
  }
}

function notAssessed(result: CheckResult, words: ReportWords, lines: string[]): void {
  const m = words.markdown;
  const findings = result.findings
    .filter((f) => f.status === 'not-assessed')
    .map((f) => ({ type: notAssessedType(f), f }))
    .sort((a, b) => compare(a.type, b.type) || compare(a.f.file, b.f.file) || compare(a.f.resource, b.f.resource));
  lines.push(`## ${m.notAssessedHeading}`, '');
  if (!findings.length) lines.push(m.allAssessed, '');
  else {
    lines.push(m.notAssessedIntro(findings.length), '');
    lines.push(tableRow(m.notAssessedColumns));
    lines.push('|---|---|---|---|');
    for (const { type, f } of findings) {
      lines.push(`| ${code(type)} | ${code(f.resource)} | ${code(f.file)} | ${f.path ? code(f.path) : ''} |`);
    }
    lines.push('');
  }
  if (result.noData?.length) {
    lines.push(`### ${words.noDataHeading(result.noData.length)}`, '', m.noDataIntro, '');
    lines.push(tableRow(m.noDataColumns), '|---|---:|---|');
    for (const t of result.noData) lines.push(`| ${code(t.type)} | ${t.resources} | ${markdownCell(t.reason)} |`);
    lines.push('');
  }
}

/** The rows of a path matrix the Markdown report shows (undeclared first); the JSON report has them all. */
const MAX_PATH_ROWS = 200;

/** The path matrices of NET-6 and NET-7: per VPC template and per cluster, undeclared paths first. */
function networkPaths(result: CheckResult, words: ReportWords, lines: string[]): void {
  if (!result.paths?.length) return;
  const m = words.markdown;
  const verdict = (v: string) => m.pathVerdicts[v] ?? v;
  lines.push(`## ${m.pathsHeading}`, '', m.pathsIntro, '');
  for (const matrix of result.paths) {
    // Bold lines, not headings: the report's third-level headings are the controls'.
    lines.push(`**${markdownCell(matrix.name)}** · ${code(matrix.file, false)}`, '');
    if (!matrix.rows.length) lines.push(m.noPaths, '');
    else {
      lines.push(tableRow(m.pathColumns), '|---|---|---|---|---|---|---|');
      for (const r of matrix.rows.slice(0, MAX_PATH_ROWS))
        lines.push(
          `| ${code(r.from)} | ${code(r.to)} | ${markdownCell(r.protocol)} | ${code(r.ports)} | ${verdict(r.verdict)} | ${r.reason ? markdownCell(r.reason) : ''} | ${r.by.map((b) => code(b)).join(', ')} |`,
        );
      lines.push('');
      if (matrix.rows.length > MAX_PATH_ROWS) lines.push(m.morePaths(matrix.rows.length - MAX_PATH_ROWS), '');
    }
    if (matrix.flows.length) {
      lines.push(tableRow(m.flowColumns), '|---|---|---|');
      for (const f of matrix.flows)
        lines.push(`| ${code(f.flow)} | ${verdict(f.verdict)} | ${markdownCell(f.detail)} |`);
      lines.push('');
    }
  }
}

/** The files read with their SHA-256: what an auditor compares with the artifacts they were given. */
function inputDigests(result: CheckResult, words: ReportWords, lines: string[]): void {
  const m = words.markdown;
  const inputs = inputsOf(result);
  if (!inputs.length) return;
  lines.push(`## ${m.inputsHeading}`, '', tableRow(m.inputColumns), '|---|---|');
  for (const input of inputs) lines.push(`| ${code(input.file)} | ${input.sha256 ? code(input.sha256) : m.noDigest} |`);
  lines.push('');
}

function manualChecks(result: CheckResult, words: ReportWords, lines: string[]): void {
  const m = words.markdown;
  const profile = result.effectiveProfile;
  lines.push(`## ${m.manualChecksHeading}`, '');
  if (profile.controls['JUR-1'].severity === 'off') {
    lines.push(m.turnedOff('JUR-1'), '');
    return;
  }
  if (!profile.attestations.length) {
    lines.push(m.noAttestation, '');
    return;
  }
  lines.push(tableRow(m.attestationColumns));
  lines.push('|---|---|---|---|');
  for (const a of profile.attestations) {
    const status = a.reference ? `${m.attested}${words.colon}${markdownCell(a.reference)}` : m.open;
    lines.push(`| ${code(a.id)} | ${markdownCell(a.description)} | ${markdownCell(a.source)} | ${status} |`);
  }
  lines.push('');
}

/** The Markdown report (evidence matrix) of a result, in the result's language. */
export function formatMarkdown(result: CheckResult, options: MarkdownReportOptions = {}): string {
  const words = reportWords(result.language ?? 'en');
  const matrix = evidenceMatrix(result);
  const lines: string[] = [];
  header(result, options, words, lines);
  summary(result, matrix, words, lines);
  lines.push(`## ${words.markdown.controlsHeading}`, '');
  for (const control of CONTROLS) controlSection(control, matrix.get(control.id) ?? [], result, words, lines);
  networkPaths(result, words, lines);
  notAssessed(result, words, lines);
  manualChecks(result, words, lines);
  inputDigests(result, words, lines);
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
