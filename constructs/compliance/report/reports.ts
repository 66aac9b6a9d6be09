import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SovereignLzError } from '../../core';
import type { CheckResult } from '../normalize/model';
import { formatHtml } from './report-html';
import { formatJson } from './report-json';
import { formatMarkdown } from './report-markdown';
import { formatSarif } from './report-sarif';
import { formatText } from './report-text';

/**
 * Every report of a result by format, and the files a synth output carries beside its
 * artifacts (`compliance.json`, `compliance.md`, `compliance.sarif`, `compliance.html`).
 */

/** The formats of `sovereign-lz check --format`. */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif', 'html'] as const;

/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** True if `value` is a report format. */
export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Options of {@link formatReport}. */
export interface FormatReportOptions {
  /**
   * Colour the text report with ANSI escapes (the other formats never are).
   * @default false
   */
  readonly color?: boolean;
}

/** The report of a result in one format, as text ending with a newline. */
export function formatReport(result: CheckResult, format: ReportFormat, options: FormatReportOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(result, { color: options.color ?? false });
    case 'json':
      return formatJson(result);
    case 'markdown':
      return formatMarkdown(result);
    case 'sarif':
      return formatSarif(result);
    case 'html':
      return formatHtml(result);
  }
}

/** The file names of the reports a synth output carries. */
export const REPORT_FILES = {
  json: 'compliance.json',
  markdown: 'compliance.md',
  sarif: 'compliance.sarif',
  html: 'compliance.html',
} as const;

/** The absolute paths of the reports {@link writeReports} wrote. */
export interface WrittenReports {
  readonly json: string;
  readonly markdown: string;
  readonly sarif: string;
  readonly html: string;
}

/**
 * Writes `text` to `file` through a temporary sibling, so that a failure leaves nothing
 * half-written. Throws a one-line {@link SovereignLzError} (`OUTPUT_UNWRITABLE`) naming `shownAs`.
 */
export function writeReportFile(file: string, text: string, shownAs: string = file): void {
  const target = resolve(file);
  let staging: string | undefined;
  try {
    staging = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
    writeFileSync(join(staging, 'report'), text);
    renameSync(join(staging, 'report'), target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : code;
    throw new SovereignLzError(
      'OUTPUT_UNWRITABLE',
      `${shownAs}: cannot write the report: ${reason ?? (e as Error).message}`,
    );
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Writes the JSON, Markdown, SARIF and HTML reports of `result` into `dir` (created if missing)
 * as `compliance.json`, `compliance.md`, `compliance.sarif` and `compliance.html`: what
 * `npm run synth` puts beside the artifacts. All four are rendered before any is written (the
 * HTML report dated only when `SOURCE_DATE_EPOCH` is set).
 *
 * @example
 * const result = checkPaths([outDir]);
 * writeReports(result, outDir);
 * if (result.summary.errors) process.exitCode = 1;
 */
export function writeReports(result: CheckResult, dir: string): WrittenReports {
  const texts = {
    json: formatJson(result),
    markdown: formatMarkdown(result),
    sarif: formatSarif(result),
    html: formatHtml(result),
  };
  const target = resolve(dir);
  try {
    mkdirSync(target, { recursive: true });
  } catch (e) {
    throw new SovereignLzError(
      'OUTPUT_UNWRITABLE',
      `${dir}: cannot create the report directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const written = {
    json: join(target, REPORT_FILES.json),
    markdown: join(target, REPORT_FILES.markdown),
    sarif: join(target, REPORT_FILES.sarif),
    html: join(target, REPORT_FILES.html),
  };
  for (const kind of ['json', 'markdown', 'sarif', 'html'] as const) {
    writeReportFile(written[kind], texts[kind], join(dir, REPORT_FILES[kind]));
  }
  return written;
}
