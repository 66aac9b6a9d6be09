import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as sarif from 'sarif';
import { CONTROL_IDS, getControl, isControlId, requirementOf, type Severity } from '../../core';
import type { CheckResult, Finding, RuleInfo } from '../normalize/model';
import { reportWords, type ReportWords } from './report-words';

/**
 * The SARIF 2.1.0 report, for code-scanning UIs: one `reportingDescriptor` per rule that ran
 * (id `CONTROL/slug`, help with the remediation and the profile's legal source), one result
 * per finding with the artifact's relative URI, the line where the resource starts (when the
 * reader knew it) and a logical location (the logical id or address and the construct path).
 * Suppressed findings carry `suppressions` with their justification; `cannot-prove` and
 * `not-assessed` keep their status in `properties.status` and in the message. Texts are in the
 * language of the result (`run.language`); ids and property names are never translated. No
 * timestamps: the same result gives the same bytes.
 */

/** The JSON schema the report follows (OASIS SARIF 2.1.0, errata 01). */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The tool name in `tool.driver.name`. */
export const SARIF_TOOL_NAME = 'sovereign-lz';

/** The key of the results' `partialFingerprints`, stable across runs. */
export const SARIF_FINGERPRINT_KEY = 'sovereignLz/v1';

/** The `uriBaseId` of artifact locations: paths are relative to the directory the check ran in. */
export const SARIF_URI_BASE_ID = '%SRCROOT%';

/**
 * The top of a SARIF log. The full types are those of `@types/sarif` (`Log`); they are not
 * part of this package's API, so that users need not install them.
 */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly object[];
}

/** Options of the SARIF report. */
export interface SarifReportOptions {
  /**
   * The version written in `tool.driver.version`.
   * @default - the version of the sovereign-lz package
   */
  readonly toolVersion?: string;
}

let cachedVersion: string | undefined;

/** The version of the sovereign-lz package (from its package.json, found above this module). */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    cachedVersion = '0.0.0';
    for (let dir = __dirname; ; dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === SARIF_TOOL_NAME && pkg.version) {
          cachedVersion = pkg.version;
          break;
        }
      }
      if (dirname(dir) === dir) break;
    }
  }
  return cachedVersion;
}

function level(severity: Severity): sarif.Result.level {
  return severity === 'info' ? 'note' : severity;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** `ENC-1/s3-bucket-cmk` → `Enc1S3BucketCmk`: a Pascal-case identifier for `reportingDescriptor.name`. */
export function sarifRuleName(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

/** A relative path as a URI reference: each segment percent-encoded. */
function uriOf(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function catalogIndex(ruleId: string): number {
  const control = ruleId.split('/')[0];
  return isControlId(control) ? CONTROL_IDS.indexOf(control) : CONTROL_IDS.length;
}

/** The rules to describe: those that ran, and any a finding names, in catalog order then by id. */
function rulesOf(result: CheckResult): RuleInfo[] {
  const byId = new Map(result.rules.map((r) => [r.id, r]));
  for (const f of result.findings) {
    if (!byId.has(f.rule)) {
      byId.set(f.rule, {
        id: f.rule,
        control: f.control,
        title: f.rule,
        description: f.rule,
        remediation: f.remediation,
      });
    }
  }
  return [...byId.values()].sort(
    (a, b) => catalogIndex(a.id) - catalogIndex(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function descriptor(rule: RuleInfo, result: CheckResult, words: ReportWords): sarif.ReportingDescriptor {
  const control = getControl(rule.control);
  const setting = result.effectiveProfile.controls[rule.control];
  const requirement = requirementOf(control, result.language ?? 'en');
  const { colon } = words;
  const { remediation, source, control: controlWord } = words.sarif;
  return {
    id: rule.id,
    name: sarifRuleName(rule.id),
    shortDescription: { text: sentence(rule.title) },
    fullDescription: { text: sentence(rule.description) },
    help: {
      text: `${sentence(rule.remediation)} ${source}${colon}${setting.source} (${control.id}${colon}${requirement}).`,
      markdown: `**${remediation}${colon.trimEnd()}** ${sentence(rule.remediation)}\n\n**${source}${colon.trimEnd()}** ${setting.source}\n\n**${controlWord} ${control.id}${colon.trimEnd()}** ${requirement}`,
    },
    defaultConfiguration:
      setting.severity === 'off' ? { enabled: false, level: 'none' } : { level: level(setting.severity) },
    properties: {
      control: control.id,
      requirement,
      source: setting.source,
      tags: ['sovereignty', 'compliance', control.category, control.id],
    },
  };
}

function logicalLocation(f: Finding): sarif.LogicalLocation | undefined {
  if (!f.resource) return undefined;
  if (!f.file) return { name: f.resource, fullyQualifiedName: f.resource, kind: 'object' };
  return { name: f.resource, fullyQualifiedName: f.path ?? f.resource, kind: 'resource' };
}

/** The message, naming the resource and (but for JUR-1's manual checks) a status other than `fail`. */
function messageOf(f: Finding, words: ReportWords): string {
  const status =
    f.control === 'JUR-1'
      ? ''
      : f.status === 'cannot-prove'
        ? `${words.cannotProve}${words.colon}`
        : f.status === 'not-assessed'
          ? `${words.notAssessed}${words.colon}`
          : '';
  const subject = f.resource ? `${f.resource}${f.path ? ` [${f.path}]` : ''}${words.colon}` : '';
  return `${subject}${status}${f.message}`;
}

function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The SARIF 2.1.0 log of a result. */
export function sarifReport(result: CheckResult, options: SarifReportOptions = {}): SarifLog {
  const words = reportWords(result.language ?? 'en');
  const rules = rulesOf(result);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifactIndex = new Map(result.inputs.map((file, i) => [file, i]));
  const digests = new Map((result.inputDigests ?? []).map((d) => [d.file, d.sha256]));
  const artifacts: sarif.Artifact[] = result.inputs.map((file) => ({
    location: { uri: uriOf(file), uriBaseId: SARIF_URI_BASE_ID },
    ...(digests.has(file) ? { hashes: { 'sha-256': digests.get(file) as string } } : {}),
  }));
  const artifactLocation = (file: string): sarif.ArtifactLocation => {
    let index = artifactIndex.get(file);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(file, index);
      artifacts.push({ location: { uri: uriOf(file), uriBaseId: SARIF_URI_BASE_ID } });
    }
    return { uri: uriOf(file), uriBaseId: SARIF_URI_BASE_ID, index };
  };
  // A finding about the whole input (e.g. no region-deny policy anywhere) has no file; code
  // scanning rejects results without a location, so it points at the first input.
  const wholeInputFile = result.inputs[0];
  const occurrences = new Map<string, number>();

  const results: sarif.Result[] = result.findings.map((f) => {
    const key = [f.rule, f.file, f.resource].join('\u0000');
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const file = f.file || wholeInputFile;
    const logical = logicalLocation(f);
    // The line of the resource in its own file (not for the first input a whole-input finding points at).
    const region = f.file && f.line !== undefined ? { region: { startLine: f.line } } : {};
    const location: sarif.Location = {
      ...(file ? { physicalLocation: { artifactLocation: artifactLocation(file), ...region } } : {}),
      ...(logical ? { logicalLocations: [logical] } : {}),
    };
    return {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: level(f.severity),
      message: { text: messageOf(f, words) },
      locations: Object.keys(location).length ? [location] : [],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint([f.rule, f.file, f.resource, String(occurrence)]) },
      ...(f.suppressed
        ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.justification ?? '' }] }
        : {}),
      properties: {
        control: f.control,
        status: f.status,
        severity: f.severity,
        source: f.source,
        remediation: f.remediation,
        scope: f.resource ? (f.file ? 'resource' : 'input') : f.file ? 'template' : 'input',
        ...(f.path ? { constructPath: f.path } : {}),
        ...(f.evidence ? { evidence: f.evidence } : {}),
      },
    };
  });

  const run: sarif.Run = {
    tool: {
      driver: {
        name: SARIF_TOOL_NAME,
        version: options.toolVersion ?? toolVersion(),
        semanticVersion: options.toolVersion ?? toolVersion(),
        rules: rules.map((r) => descriptor(r, result, words)),
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        ...(result.skipped.length
          ? {
              toolExecutionNotifications: result.skipped.map((s) => ({
                level: 'note' as const,
                message: { text: `${words.skipped} ${s.file}${words.colon}${s.reason}` },
                locations: [
                  { physicalLocation: { artifactLocation: { uri: uriOf(s.file), uriBaseId: SARIF_URI_BASE_ID } } },
                ],
              })),
            }
          : {}),
      },
    ],
    artifacts,
    results,
    language: words.sarif.tag,
    columnKind: 'utf16CodeUnits',
    properties: {
      profile: result.profile,
      profileName: result.effectiveProfile.name,
      summary: { ...result.summary },
    },
  };
  const log: sarif.Log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  return log as SarifLog;
}

/** The SARIF report of a result, as text (pretty, with a final newline). */
export function formatSarif(result: CheckResult, options: SarifReportOptions = {}): string {
  return `${JSON.stringify(sarifReport(result, options), null, 2)}\n`;
}
