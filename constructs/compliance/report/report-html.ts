import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import { CONTROLS, requirementOf, SovereignLzError, type Language, type Severity } from '../../core';
import { formatEvidence } from '../judge/evidence';
import type { CheckResult, Finding, Pass } from '../normalize/model';
import { inputsOf } from './report-json';
import { toolVersion } from './report-sarif';
import { reportWords, type ReportStatus, type ReportWords } from './report-words';

/**
 * The HTML report: one self-contained file (inline CSS and script, no request of any kind) that
 * a reviewer opens from a USB stick or prints to PDF as an annex. A header (verdict, profile,
 * tool, language, inputs with their SHA-256; a date only when `SOURCE_DATE_EPOCH` is set, so
 * that the same result gives the same bytes), then one row per finding and per check that
 * passed, filterable and sortable by script; without script every row shows.
 *
 * Every value goes through the `html` tag below, which escapes with escape-html whatever is
 * not a fragment the tag itself built: escaping is the default and cannot be forgotten. The
 * words, verdict and version are the Markdown report's (report-words.ts, `toolVersion`).
 */

/** Options of the HTML report. */
export interface HtmlReportOptions {
  /**
   * The version named in the header.
   * @default - the version of the sovereign-lz package
   */
  readonly toolVersion?: string;
  /**
   * Seconds since 1970-01-01 UTC, shown as the report's date; give `undefined` for no date.
   * @default - process.env.SOURCE_DATE_EPOCH (no date when unset)
   */
  readonly sourceDateEpoch?: string;
}

/** HTML built by the `html` tag: the only text written unescaped. */
class Fragment {
  constructor(readonly text: string) {}
}

type Value = Fragment | string | number | false | null | undefined | readonly Value[];

/**
 * Control characters and bidirectional overrides become U+FFFD before escaping: invisible, they
 * would hide or reorder what a reviewer reads. Tab, LF and CR stay (whitespace in HTML).
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Fragment) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value).replace(UNPRINTABLE, '\uFFFD'));
}

/**
 * The literal parts of each template without the source's indentation (a formatter indents the
 * markup; HTML collapses it anyway), computed once per template.
 */
const unindented = new WeakMap<TemplateStringsArray, readonly string[]>();

/** A fragment whose interpolations are escaped unless they are fragments themselves (or lists of them). */
function html(strings: TemplateStringsArray, ...values: readonly Value[]): Fragment {
  let parts = unindented.get(strings);
  if (!parts) unindented.set(strings, (parts = strings.map((s) => s.replace(/\n[ \t]+/g, '\n'))));
  let out = parts[0];
  values.forEach((value, i) => (out += render(value) + parts[i + 1]));
  return new Fragment(out);
}

/**
 * The stack or site a file belongs to: cdktf's `stacks/NAME/cdk.tf.json` gives NAME, a template
 * `DIR/NAME.template.json` gives NAME, any other file its name without extension; `''` for none.
 *
 * @example
 * stackOfFile('aws/Records.template.json'); // 'Records'
 * stackOfFile('kubernetes/stacks/ma-casablanca-1/cdk.tf.json'); // 'ma-casablanca-1'
 */
export function stackOfFile(file: string): string {
  if (!file) return '';
  const parts = file.split('/');
  const name = parts[parts.length - 1];
  if (name === 'cdk.tf.json' && parts.length > 1) return parts[parts.length - 2];
  return name.replace(/(\.template)?\.(tf\.json|json|ya?ml)$/i, '') || name;
}

/** The status of a row: a suppressed finding shows as suppressed, as in the Markdown report. */
type RowStatus = Exclude<ReportStatus, 'not-applicable'>;

/** Rows sort (and filters list statuses) in this order: what needs work first. */
const STATUS_ORDER: readonly RowStatus[] = ['fail', 'cannot-prove', 'suppressed', 'not-assessed', 'pass'];
const SEVERITY_ORDER: readonly (Severity | 'none')[] = ['error', 'warning', 'info', 'none'];
const CONTROL_ORDER = CONTROLS.map((c) => c.id as string);

interface Row {
  readonly control: string;
  readonly status: RowStatus;
  readonly severity: Severity | 'none';
  readonly file: string;
  readonly line?: number;
  readonly resource: string;
  readonly path?: string;
  readonly rule: string;
  readonly evidence?: Finding['evidence'];
  readonly message: Fragment;
}

function findingRow(f: Finding, words: ReportWords): Row {
  const status: RowStatus = f.suppressed ? 'suppressed' : f.status;
  const fix = words.fix.charAt(0).toUpperCase() + words.fix.slice(1);
  const message = f.suppressed
    ? html`<span class="why">${words.justification}${f.justification ?? ''}</span><br />${words.finding}${f.message}
        (${f.source})`
    : html`${f.message}<br /><span class="fix">${fix}${f.remediation} (${f.source})</span>`;
  return { ...f, status, message };
}

function passRow(p: Pass, titles: ReadonlyMap<string, string>): Row {
  return { ...p, status: 'pass', severity: 'none', message: html`${titles.get(p.rule) ?? p.rule}` };
}

/** Findings first, the most urgent status first (stable: the result's order within a status), then passes. */
function rowsOf(result: CheckResult, words: ReportWords): Row[] {
  const titles = new Map(result.rules.map((r) => [r.id, r.title]));
  const findings = result.findings
    .map((f) => findingRow(f, words))
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  return [...findings, ...result.passes.map((p) => passRow(p, titles))];
}

/** A sort key that compares as text in the wanted order. */
function rank(order: readonly string[], value: string): string {
  return String(order.indexOf(value)).padStart(3, '0');
}

function evidenceCell(evidence: Finding['evidence']): Fragment {
  const pairs = Object.entries(evidence ?? {});
  if (!pairs.length) return html``;
  return html`<ul class="ev">
    ${pairs.map(
      // One pair at a time through the Markdown report's formatter: `name=value`, lists joined with commas.
      ([name, value]) => html`<li><code>${formatEvidence({ [name]: value })}</code></li>`,
    )}
  </ul>`;
}

/** Text that may wrap after `/`, `.`, `_`, `:` or `-` (paths and ids) rather than inside a word. */
function breakable(text: string): Fragment {
  return html`${text.split(/(?<=[/._:-])/).map((part, i) => html`${i > 0 && html`<wbr />`}${part}`)}`;
}

function tableRow(row: Row, index: number, words: ReportWords, language: Language): Fragment {
  const control = CONTROLS.find((c) => c.id === row.control);
  const stack = stackOfFile(row.file);
  const where = row.file ? `${row.file}${row.line ? `:${row.line}` : ''}` : '';
  const subject = row.resource
    ? html`<code>${breakable(row.resource)}</code>`
    : row.file
      ? words.template
      : words.wholeInput;
  const severity = row.severity === 'none' ? words.none : words.severity[row.severity];
  return html`<tr
    data-control="${row.control}"
    data-status="${row.status}"
    data-severity="${row.severity}"
    data-stack="${stack}"
    data-resource="${row.resource}"
    data-path="${row.path ?? ''}"
    data-rule="${row.rule}"
    data-order="${index}"
  >
    <td data-key="${rank(CONTROL_ORDER, row.control)}" title="${control ? requirementOf(control, language) : ''}">
      ${row.control}
    </td>
    <td data-key="${rank(STATUS_ORDER, row.status)}">
      <span class="badge st-${row.status}">${words.status[row.status]}</span>
    </td>
    <td data-key="${rank(SEVERITY_ORDER, row.severity)}" class="sev-${row.severity}">${severity}</td>
    <td data-key="${stack.toLowerCase()}">
      ${stack || words.wholeInput}${where && html`<small>${breakable(where)}</small>`}
    </td>
    <td data-key="${row.resource.toLowerCase()}">
      ${subject}${row.path && html`<small>${breakable(row.path)}</small>`}
    </td>
    <td><code>${breakable(row.rule)}</code></td>
    <td>${evidenceCell(row.evidence)}</td>
    <td class="msg">${row.message}</td>
  </tr> `;
}

/** A select of one filter: `''` keeps every row, `=VALUE` the rows whose attribute is VALUE. */
function filter(
  name: string,
  label: string,
  options: readonly (readonly [string, string])[],
  words: ReportWords,
): Fragment {
  return html`<label
    >${label}
    <select name="${name}">
      <option value="">${words.html.all}</option>
      ${options.map(([value, text]) => html`<option value="=${value}">${text}</option>`)}
    </select></label
  > `;
}

function filters(rows: readonly Row[], words: ReportWords): Fragment {
  const c = words.html.columns;
  const present = <T extends string>(order: readonly T[], values: readonly T[]) =>
    order.filter((v) => values.includes(v));
  const stacks = [...new Set(rows.map((r) => stackOfFile(r.file)))].sort();
  return html`<form id="filters" class="filters" role="search" hidden>
    <h2>${words.html.filters}</h2>
    ${filter(
      'control',
      c.control,
      present(
        CONTROL_ORDER,
        rows.map((r) => r.control),
      ).map((id) => [id, id]),
      words,
    )}${filter(
      'status',
      c.status,
      present(
        STATUS_ORDER,
        rows.map((r) => r.status),
      ).map((s) => [s, words.status[s]]),
      words,
    )}${filter(
      'severity',
      c.severity,
      present(
        SEVERITY_ORDER,
        rows.map((r) => r.severity),
      ).map((s) => [s, s === 'none' ? words.none : words.severity[s]]),
      words,
    )}${filter(
      'stack',
      c.stack,
      stacks.map((s) => [s, s || words.wholeInput]),
      words,
    )}<label>${words.html.searchResource} <input type="search" name="resource" autocomplete="off" /></label>
    <button type="reset">${words.html.reset}</button>
    <p class="count">
      ${words.html.rowsShown} <output id="shown">${rows.length}</output> / ${rows.length}. ${words.html.sortHint}
    </p>
  </form> `;
}

/** `SOURCE_DATE_EPOCH` as an ISO 8601 UTC date-time; undefined when unset or empty. */
function reproducibleDate(epoch: string | undefined): string | undefined {
  if (epoch === undefined || epoch.trim() === '') return undefined;
  const seconds = /^\d+$/.test(epoch.trim()) ? Number(epoch) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds * 1000 > 8.64e15) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `SOURCE_DATE_EPOCH '${epoch}' is not a number of seconds since 1970-01-01 UTC`,
    );
  }
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function header(result: CheckResult, options: HtmlReportOptions, words: ReportWords, language: Language): Fragment {
  const m = words.markdown;
  const h = words.html;
  const s = result.summary;
  const profile = result.effectiveProfile;
  const colon = words.colon.trimEnd();
  const date = reproducibleDate('sourceDateEpoch' in options ? options.sourceDateEpoch : process.env.SOURCE_DATE_EPOCH);
  const inputs = inputsOf(result);
  const verdict = s.errors
    ? html`<p class="verdict failed"><strong>${words.failed}</strong>${words.colon}${words.failedDetail(s.errors)}</p>`
    : html`<p class="verdict passed"><strong>${words.passed}</strong>${words.colon}${words.passedDetail}</p>`;
  return html`<header>
    <h1>${m.title}</h1>
    ${verdict}
    <dl class="meta">
      <dt>${m.profile}${colon}</dt>
      <dd>${profile.name} (<code>${profile.id}</code>)</dd>
      <dt>${m.tool}${colon}</dt>
      <dd>sovereign-lz ${options.toolVersion ?? toolVersion()}</dd>
      <dt>${h.language}${colon}</dt>
      <dd>${h.languageName} (<code>${language}</code>)</dd>
      ${
        date &&
        html`<dt>${h.date}${colon}</dt>
          <dd><time datetime="${date}">${date}</time></dd> `
      }
      <dt>${m.inputs} (${inputs.length})${colon}</dt>
      <dd>
        <table class="inputs">
          <tbody>
            ${inputs.map(
              ({ file, sha256 }) =>
                html`<tr>
                  <td><code>${file}</code></td>
                  <td>${sha256 ? html`<code class="sha">sha256:${sha256}</code>` : html`<em>${m.noDigest}</em>`}</td>
                </tr> `,
            )}
          </tbody>
        </table>
      </dd>
      ${
        result.skipped.length > 0 &&
        html`<dt>${m.skipped} (${result.skipped.length})${colon}</dt>
          <dd>${result.skipped.map((k, i) => html`${i > 0 && ', '}<code>${k.file}</code> (${k.reason})`)}</dd> `
      }
    </dl>
    <table class="summary">
      <caption>
        ${m.summaryHeading}
      </caption>
      <thead>
        <tr>
          ${m.summaryColumns.map((c) => html`<th scope="col">${c}</th>`)}
        </tr>
      </thead>
      <tbody>
        <tr>
          ${[s.resources, s.passed, s.errors, s.warnings, s.suppressed, s.notAssessed].map((n) => html`<td>${n}</td>`)}
        </tr>
      </tbody>
    </table>
  </header> `;
}

const STYLE = `
:root { color-scheme: light; --line: #d0d4da; --muted: #5b6470; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.25rem 1.5rem; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d232b; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
code { font: .92em/1.3 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
small { display: block; color: var(--muted); font-size: .82em; }
.verdict { display: inline-block; margin: 0 0 .75rem; padding: .35rem .75rem; border-radius: 4px; font-size: 1.05rem; }
.verdict.failed { background: #fde8e8; color: #8a1212; border: 1px solid #e3a3a3; }
.verdict.passed { background: #e6f4ea; color: #14532d; border: 1px solid #9fd3ae; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; min-width: 0; }
table { border-collapse: collapse; }
.inputs td { padding: 0 1rem 0 0; vertical-align: top; overflow-wrap: anywhere; }
.sha { color: var(--muted); font-size: .8em; }
.summary caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
.summary th, .summary td { border: 1px solid var(--line); padding: .2rem .6rem; }
.summary td { text-align: right; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; padding: .75rem; margin: 1rem 0; background: #f4f6f8; border: 1px solid var(--line); border-radius: 4px; }
.filters[hidden] { display: none; }
.filters h2 { flex-basis: 100%; margin: 0; font-size: 1rem; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .15rem; }
.filters select, .filters input, .filters button { font: inherit; color: #1d232b; max-width: 22em; }
.filters .count { flex-basis: 100%; margin: 0; font-size: .85rem; color: var(--muted); }
.rows { width: 100%; }
.rows th, .rows td { border-bottom: 1px solid var(--line); padding: .35rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
/* Control, status and severity keep their width; the other columns share the rest, the long texts the most. */
.rows th:nth-child(-n+3), .rows td:nth-child(-n+3) { white-space: nowrap; }
.rows td:nth-child(4) { min-width: 7em; } .rows td:nth-child(5), .rows td:nth-child(6) { min-width: 8em; }
.rows td:nth-child(7) { width: 22%; min-width: 9em; } .rows td:nth-child(8) { width: 26%; min-width: 14em; }
.rows thead th { position: sticky; top: 0; background: #e9edf1; font-size: .85rem; z-index: 1; }
.rows th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; text-align: left; cursor: pointer; }
.rows th[aria-sort="ascending"] button::after { content: " \\25B2"; font-size: .75em; }
.rows th[aria-sort="descending"] button::after { content: " \\25BC"; font-size: .75em; }
.rows tbody tr:hover { background: #f7f9fb; }
.badge { display: inline-block; white-space: nowrap; padding: 0 .35rem; border-radius: 3px; font-size: .85em; font-weight: 600; border: 1px solid transparent; }
.st-fail { background: #fde8e8; color: #8a1212; border-color: #e3a3a3; }
.st-cannot-prove { background: #fff4d6; color: #6b4a00; border-color: #e6c66b; }
.st-suppressed { background: #eceff3; color: #444c56; border-color: #c5ccd5; }
.st-not-assessed { background: #ede7f6; color: #4a2a80; border-color: #c3b2e3; }
.st-pass { background: #e6f4ea; color: #14532d; border-color: #9fd3ae; }
.sev-error { color: #8a1212; font-weight: 600; } .sev-none { color: var(--muted); }
.ev { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 .8em; }
.ev code { font-size: .82em; }
.fix, .why { color: var(--muted); }
.no-rows { color: var(--muted); font-style: italic; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { padding: 0; font-size: 8.5pt; }
  *, *::before, *::after { color: #000 !important; background: #fff !important; box-shadow: none !important; }
  .filters, .no-rows { display: none !important; }
  .rows tbody tr[hidden] { display: table-row !important; }
  .rows thead { display: table-header-group; }
  .rows thead th { position: static; border-bottom: 1.5pt solid #000; }
  .rows tr { break-inside: avoid; page-break-inside: avoid; }
  .rows th[aria-sort] button::after { content: none; }
  .badge, .verdict, .summary th, .summary td, .rows td { border-color: #000 !important; }
  .verdict { border-width: 1.5pt; }
}
`;

// Filters and sorting; the page is complete without it (the form stays hidden, every row shows).
const SCRIPT = `
(() => {
  'use strict';
  const form = document.getElementById('filters');
  const table = document.getElementById('rows');
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const selects = Array.from(form.querySelectorAll('select'));
  const search = form.elements.namedItem('resource');
  const shown = document.getElementById('shown');
  const noRows = document.getElementById('no-rows');
  function apply() {
    const text = search.value.trim().toLowerCase();
    let n = 0;
    for (const row of rows) {
      const d = row.dataset;
      const keep =
        selects.every((s) => s.value === '' || s.value === '=' + d[s.name]) &&
        (text === '' || (d.resource + ' ' + d.path).toLowerCase().includes(text));
      row.hidden = !keep;
      if (keep) n++;
    }
    shown.textContent = String(n);
    noRows.hidden = n > 0;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('reset', () => setTimeout(apply, 0));
  form.hidden = false;
  // A click sorts by the column, a second one reverses; ties keep the report's order.
  const heads = Array.from(table.tHead.rows[0].cells);
  heads.forEach((th, col) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = (row) => row.cells[col].dataset.key ?? row.cells[col].textContent.trim().toLowerCase();
      const sorted = rows.slice().sort((a, b) => {
        const x = key(a);
        const y = key(b);
        const c = x < y ? -1 : x > y ? 1 : 0;
        return (ascending ? c : -c) || Number(a.dataset.order) - Number(b.dataset.order);
      });
      body.append(...sorted);
    });
  });
})();
`;

/** A CSP source for an inline block: only these exact bytes may run or apply. */
function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * No fetch of any kind (`default-src 'none'`), and only the report's own style and script: an
 * injected tag, had escaping failed, would neither load nor run.
 */
const CSP = `default-src 'none'; style-src ${hashSource(STYLE)}; script-src ${hashSource(SCRIPT)}; base-uri 'none'; form-action 'none'`;

// Built apart from the page's template: the hashes cover the elements' exact text, which a
// formatter must not indent.
const STYLE_ELEMENT = new Fragment(`<style>${STYLE}</style>`);
const SCRIPT_ELEMENT = new Fragment(`<script>${SCRIPT}</script>`);

/** The HTML report of a result, in the result's language. */
export function formatHtml(result: CheckResult, options: HtmlReportOptions = {}): string {
  const language = result.language ?? 'en';
  const words = reportWords(language);
  const c = words.html.columns;
  const rows = rowsOf(result, words);
  const columns = [c.control, c.status, c.severity, c.stack, c.resource, c.rule, c.evidence, c.message];
  const page = html`<!DOCTYPE html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${CSP}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="sovereign-lz ${options.toolVersion ?? toolVersion()}" />
        <title>
          ${words.markdown.title} · ${result.effectiveProfile.id} ·
          ${result.summary.errors ? words.failed : words.passed}
        </title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        ${header(result, options, words, language)}
        <main>
          <h2>${words.html.rowsHeading} (${rows.length})</h2>
          ${filters(rows, words)}
          <table id="rows" class="rows">
            <thead>
              <tr>
                ${columns.map((label) => html`<th scope="col">${label}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${rows.map((row, i) => tableRow(row, i, words, language))}
            </tbody>
          </table>
          <p id="no-rows" class="no-rows" hidden>${words.html.noRowMatches}</p>
        </main>
        ${SCRIPT_ELEMENT}
      </body>
    </html> `;
  return page.text;
}
