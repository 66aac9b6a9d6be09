import {
  CONTROL_IDS,
  getControl,
  isControlId,
  markdownCell,
  markdownCode,
  markdownHeading,
  plural,
  requirementOf,
  SovereignLzError,
  terminalText,
  type Language,
  type LocalizedText,
  type Severity,
} from '../../core';
import type { FindingStatus } from '../normalize/model';
import { READABLE_JSON_SCHEMA_VERSIONS } from './report-json';
import { reportWords, type ReportWords } from './report-words';

/**
 * The comparison of two compliance results (`sovereign-lz diff OLD NEW`): per control, the
 * findings NEW has and OLD had not, those OLD had and NEW has not, those whose status, severity
 * or message changed, the suppressions added and removed, and the resources with findings
 * added and removed; then its three reports (text, Markdown, JSON). Pure: the CLI reads.
 *
 * A finding's identity is its control, rule, file, resource and construct path, never its
 * message: messages quote values, which change from one run to the next.
 */

/** The version of the diff's JSON contract (its own, not the compliance report's). */
export const DIFF_SCHEMA_VERSION = 1;

/** The formats of `sovereign-lz diff --format`. */
export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;

/** A diff format. */
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** True if `value` is a diff format. */
export function isDiffFormat(value: unknown): value is DiffFormat {
  return typeof value === 'string' && (DIFF_FORMATS as readonly string[]).includes(value);
}

/** A finding as the diff reads it: a CheckResult's finding and a JSON report's finding both are one. */
export interface DiffFinding {
  readonly control: string;
  readonly rule: string;
  readonly status: FindingStatus;
  readonly severity: Severity;
  readonly resource: string;
  readonly file: string;
  readonly path?: string | null;
  readonly message: string;
  readonly suppressed: boolean;
  readonly justification?: string | null;
}

/** One side of a diff: a CheckResult, a JSON report (`jsonReport(result)`), or {@link parseDiffInput}'s result. */
export interface DiffInput {
  readonly profile: string;
  readonly findings: readonly DiffFinding[];
  /** The checks that passed (a result, or a report of schema 2); absent in a report of schema 1. */
  readonly passes?: readonly DiffResourceOf[];
}

/** A resource a check judged, under its control. */
export interface DiffResourceOf {
  readonly control: string;
  readonly file: string;
  readonly resource: string;
}

/** What happened to a finding between OLD and NEW. */
export type DiffChange = 'new' | 'fixed' | 'changed' | 'suppression-added' | 'suppression-removed';

/** A finding's state on one side. */
export interface DiffState {
  readonly status: FindingStatus;
  readonly severity: Severity;
  readonly message: string;
  readonly suppressed: boolean;
  readonly justification: string | null;
}

/** One difference: a finding's identity and its state before (OLD) and after (NEW); `null` where it is absent. */
export interface DiffEntry {
  readonly change: DiffChange;
  readonly control: string;
  readonly rule: string;
  readonly file: string;
  readonly resource: string;
  readonly path: string | null;
  readonly before: DiffState | null;
  readonly after: DiffState | null;
  /** NEW has it as an unsuppressed error, and OLD had not (absent, suppressed, or of a lower severity): the exit 1. */
  readonly newError: boolean;
}

/** A resource named by findings. */
export interface DiffResource {
  readonly file: string;
  readonly resource: string;
}

/** The differences of one control. */
export interface ControlDiff {
  readonly control: string;
  readonly new: readonly DiffEntry[];
  readonly fixed: readonly DiffEntry[];
  readonly changed: readonly DiffEntry[];
  readonly suppressionsAdded: readonly DiffEntry[];
  readonly suppressionsRemoved: readonly DiffEntry[];
  /**
   * Resources the control judged (a finding or a pass) in NEW and not in OLD; when a side has no
   * passes (a report of schema 1), resources with a finding of the control (see `resources`).
   */
  readonly resourcesAdded: readonly DiffResource[];
  readonly resourcesRemoved: readonly DiffResource[];
}

/** The counts of a diff; resources are counted once each over every control. */
export interface DiffSummary {
  readonly new: number;
  readonly fixed: number;
  readonly changed: number;
  readonly suppressionsAdded: number;
  readonly suppressionsRemoved: number;
  readonly resourcesAdded: number;
  readonly resourcesRemoved: number;
  readonly newErrors: number;
}

/** What one side holds. */
export interface DiffSide {
  readonly profile: string;
  readonly findings: number;
  /** Unsuppressed error findings. */
  readonly errors: number;
}

/** The comparison of two results. */
export interface ComplianceDiff {
  readonly old: DiffSide;
  readonly new: DiffSide;
  readonly summary: DiffSummary;
  /**
   * What the resources added and removed are: `judged` (by a finding or a pass) when both sides
   * list their passes, else `with-findings`.
   */
  readonly resources: 'judged' | 'with-findings';
  /** The controls with a difference, in catalog order (controls the catalog does not know last, by id). */
  readonly controls: readonly ControlDiff[];
}

// Code-unit order, not localeCompare: the same bytes whatever the machine's locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stateOf(f: DiffFinding): DiffState {
  return {
    status: f.status,
    severity: f.severity,
    message: f.message,
    suppressed: f.suppressed,
    justification: f.justification ?? null,
  };
}

function identityOf(f: DiffFinding): string {
  return JSON.stringify([f.control, f.rule, f.file, f.resource, f.path ?? '']);
}

function stateKey(f: DiffFinding): string {
  return JSON.stringify([f.message, f.status, f.severity, f.suppressed, f.justification ?? '']);
}

function isOpenError(s: DiffState | null): boolean {
  return s !== null && !s.suppressed && s.severity === 'error';
}

/**
 * Pairs the findings of one identity, OLD with NEW: first those in the same state (unchanged),
 * then those with the same message, then the rest in order. Linear (maps of queues), as a
 * hostile report may hold thousands of findings of one identity.
 */
function pairUp(
  olds: readonly DiffFinding[],
  news: readonly DiffFinding[],
): { pairs: [DiffFinding, DiffFinding][]; olds: DiffFinding[]; news: DiffFinding[] } {
  const pairs: [DiffFinding, DiffFinding][] = [];
  let restOld = [...olds];
  let restNew = [...news];
  for (const keyOf of [stateKey, (f: DiffFinding) => f.message, () => '']) {
    const queues = new Map<string, { items: DiffFinding[]; next: number }>();
    for (const o of restOld) {
      const key = keyOf(o);
      const queue = queues.get(key) ?? { items: [], next: 0 };
      queue.items.push(o);
      queues.set(key, queue);
    }
    const used = new Set<DiffFinding>();
    const unmatched: DiffFinding[] = [];
    for (const n of restNew) {
      const queue = queues.get(keyOf(n));
      if (queue && queue.next < queue.items.length) {
        const o = queue.items[queue.next++];
        used.add(o);
        pairs.push([o, n]);
      } else unmatched.push(n);
    }
    restOld = restOld.filter((o) => !used.has(o));
    restNew = unmatched;
  }
  return { pairs, olds: restOld, news: restNew };
}

function entry(change: DiffChange, f: DiffFinding, before: DiffFinding | null, after: DiffFinding | null): DiffEntry {
  const b = before && stateOf(before);
  const a = after && stateOf(after);
  return {
    change,
    control: f.control,
    rule: f.rule,
    file: f.file,
    resource: f.resource,
    path: f.path ?? null,
    before: b,
    after: a,
    newError: isOpenError(a) && !isOpenError(b),
  };
}

function compareEntries(x: DiffEntry, y: DiffEntry): number {
  return (
    compare(x.file, y.file) ||
    compare(x.resource, y.resource) ||
    compare(x.rule, y.rule) ||
    compare(x.path ?? '', y.path ?? '') ||
    compare(JSON.stringify([x.before, x.after]), JSON.stringify([y.before, y.after]))
  );
}

/** The `(file, resource)` pairs findings name, as keys; template- and input-wide findings name none. */
function resourceKeys(findings: readonly DiffResourceOf[]): Set<string> {
  return new Set(findings.filter((f) => f.resource !== '').map((f) => JSON.stringify([f.file, f.resource])));
}

function resourcesOnlyIn(a: ReadonlySet<string>, b: ReadonlySet<string>): DiffResource[] {
  return [...a]
    .filter((k) => !b.has(k))
    .map((k) => JSON.parse(k) as [string, string])
    .sort(([f1, r1], [f2, r2]) => compare(f1, f2) || compare(r1, r2))
    .map(([file, resource]) => ({ file, resource }));
}

function controlOrder(a: string, b: string): number {
  const rank = (id: string) => (isControlId(id) ? CONTROL_IDS.indexOf(id) : CONTROL_IDS.length);
  return rank(a) - rank(b) || compare(a, b);
}

function sideOf(input: DiffInput): DiffSide {
  return {
    profile: input.profile,
    findings: input.findings.length,
    errors: input.findings.filter((f) => !f.suppressed && f.severity === 'error').length,
  };
}

/**
 * Compares two results. A finding of NEW whose identity OLD lacks is `new` (or
 * `suppression-added` when it comes suppressed); one of OLD that NEW lacks is `fixed` (or
 * `suppression-removed`); a pair whose `suppressed` flips is a suppression added or removed; a
 * pair whose status, severity or message differs is `changed`. A difference of justification
 * alone is none. The result depends on the findings only, not on their order.
 */
export function diffResults(oldResult: DiffInput, newResult: DiffInput): ComplianceDiff {
  const groups = new Map<string, { olds: DiffFinding[]; news: DiffFinding[] }>();
  const sorted = (findings: readonly DiffFinding[]) =>
    findings
      .map((f) => ({ f, id: identityOf(f), state: stateKey(f) }))
      .sort((x, y) => compare(x.id, y.id) || compare(x.state, y.state));
  for (const { f, id } of sorted(oldResult.findings)) {
    const group = groups.get(id) ?? { olds: [], news: [] };
    group.olds.push(f);
    groups.set(id, group);
  }
  for (const { f, id } of sorted(newResult.findings)) {
    const group = groups.get(id) ?? { olds: [], news: [] };
    group.news.push(f);
    groups.set(id, group);
  }
  const entries: DiffEntry[] = [];
  for (const group of groups.values()) {
    const { pairs, olds, news } = pairUp(group.olds, group.news);
    for (const [o, n] of pairs) {
      if (o.suppressed !== n.suppressed) {
        entries.push(entry(n.suppressed ? 'suppression-added' : 'suppression-removed', n, o, n));
      } else if (o.status !== n.status || o.severity !== n.severity || o.message !== n.message) {
        entries.push(entry('changed', n, o, n));
      }
    }
    for (const n of news) entries.push(entry(n.suppressed ? 'suppression-added' : 'new', n, null, n));
    for (const o of olds) entries.push(entry(o.suppressed ? 'suppression-removed' : 'fixed', o, o, null));
  }
  entries.sort(compareEntries);
  // One pass each over entries and findings, by control: a hand-made report may name many.
  const byControl = <T extends { readonly control: string }>(items: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const list = map.get(item.control);
      if (list) list.push(item);
      else map.set(item.control, [item]);
    }
    return map;
  };
  // Resources per control: judged ones when both sides list their passes, else those with findings.
  const judged = oldResult.passes !== undefined && newResult.passes !== undefined;
  const subjects = (side: DiffInput): readonly DiffResourceOf[] =>
    judged ? [...side.findings, ...(side.passes ?? [])] : side.findings;
  const [oldSubjects, newSubjects] = [subjects(oldResult), subjects(newResult)];
  const [entriesBy, oldBy, newBy] = [byControl(entries), byControl(oldSubjects), byControl(newSubjects)];
  const controls: ControlDiff[] = [];
  for (const control of [...new Set([...oldBy.keys(), ...newBy.keys()])].sort(controlOrder)) {
    const of = (change: DiffChange) => (entriesBy.get(control) ?? []).filter((e) => e.change === change);
    const before = resourceKeys(oldBy.get(control) ?? []);
    const after = resourceKeys(newBy.get(control) ?? []);
    const diff: ControlDiff = {
      control,
      new: of('new'),
      fixed: of('fixed'),
      changed: of('changed'),
      suppressionsAdded: of('suppression-added'),
      suppressionsRemoved: of('suppression-removed'),
      resourcesAdded: resourcesOnlyIn(after, before),
      resourcesRemoved: resourcesOnlyIn(before, after),
    };
    if (entriesOf(diff).length || diff.resourcesAdded.length || diff.resourcesRemoved.length) controls.push(diff);
  }
  const before = resourceKeys(oldSubjects);
  const after = resourceKeys(newSubjects);
  const sum = (pick: (c: ControlDiff) => readonly unknown[]) => controls.reduce((n, c) => n + pick(c).length, 0);
  return {
    old: sideOf(oldResult),
    new: sideOf(newResult),
    summary: {
      new: sum((c) => c.new),
      fixed: sum((c) => c.fixed),
      changed: sum((c) => c.changed),
      suppressionsAdded: sum((c) => c.suppressionsAdded),
      suppressionsRemoved: sum((c) => c.suppressionsRemoved),
      resourcesAdded: [...after].filter((k) => !before.has(k)).length,
      resourcesRemoved: [...before].filter((k) => !after.has(k)).length,
      newErrors: entries.filter((e) => e.newError).length,
    },
    resources: judged ? 'judged' : 'with-findings',
    controls,
  };
}

/** The entries of a control, in the reports' order: new, fixed, changed, suppressions added, removed. */
function entriesOf(c: ControlDiff): DiffEntry[] {
  return [...c.new, ...c.fixed, ...c.changed, ...c.suppressionsAdded, ...c.suppressionsRemoved];
}

/** The exit code of a diff, as every command gives it: 1 when NEW has a new unsuppressed error, else 0. */
export function diffExitCode(diff: ComplianceDiff): 0 | 1 {
  return diff.summary.newErrors ? 1 : 0;
}

const STATUSES: readonly string[] = ['fail', 'cannot-prove', 'not-assessed'];
const SEVERITIES: readonly string[] = ['error', 'warning', 'info'];

/** Why a parsed document is not a compliance report of schema 1, or undefined if it is one. */
function reportProblem(doc: unknown): string | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(doc)) return 'not a JSON object';
  if (!READABLE_JSON_SCHEMA_VERSIONS.includes(doc.schemaVersion as number)) {
    return typeof doc.schemaVersion === 'number' ? `schemaVersion ${doc.schemaVersion}` : 'no schemaVersion';
  }
  if (typeof doc.profile !== 'string') return 'no profile';
  if (!Array.isArray(doc.findings)) return 'no findings list';
  for (const [i, f] of doc.findings.entries()) {
    const at = `finding ${i + 1}`;
    if (!isObject(f)) return `${at} is not an object`;
    for (const key of ['control', 'rule', 'resource', 'file', 'message'] as const) {
      if (typeof f[key] !== 'string') return `${at} has no string '${key}'`;
    }
    if (!STATUSES.includes(f.status as string)) return `${at} has no status ${STATUSES.join(', ')}`;
    if (!SEVERITIES.includes(f.severity as string)) return `${at} has no severity ${SEVERITIES.join(', ')}`;
    if (typeof f.suppressed !== 'boolean') return `${at} has no boolean 'suppressed'`;
    for (const key of ['path', 'justification'] as const) {
      if (f[key] !== undefined && f[key] !== null && typeof f[key] !== 'string') {
        return `${at} has a '${key}' that is not a string`;
      }
    }
  }
  if (doc.schemaVersion !== 1 && !Array.isArray(doc.passes)) return 'no passes list';
  for (const [i, p] of (doc.schemaVersion === 1 ? [] : (doc.passes as unknown[])).entries()) {
    const at = `pass ${i + 1}`;
    if (!isObject(p)) return `${at} is not an object`;
    for (const key of ['control', 'rule', 'resource', 'file'] as const) {
      if (typeof p[key] !== 'string') return `${at} has no string '${key}'`;
    }
  }
  return undefined;
}

/**
 * A parsed `compliance.json` (the JSON report of `sovereign-lz check --format json`, schema 1
 * or 2) as one side of a diff. Throws a one-line {@link SovereignLzError} (`INPUT_INVALID`) naming
 * `shown` (the file as messages show it) and what is wrong, never quoting the file's values.
 */
export function parseDiffInput(doc: unknown, shown: string): DiffInput {
  const problem = reportProblem(doc);
  if (problem !== undefined) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${shown}: not a compliance report of schemaVersion ${READABLE_JSON_SCHEMA_VERSIONS.join(' or ')} (${problem}): give a synth output directory or the compliance.json of sovereign-lz check --format json`,
    );
  }
  const report = doc as { profile: string; findings: Record<string, unknown>[]; passes?: Record<string, string>[] };
  return {
    profile: report.profile,
    ...(report.passes
      ? { passes: report.passes.map((p) => ({ control: p.control, file: p.file, resource: p.resource })) }
      : {}),
    findings: report.findings.map((f) => ({
      control: f.control as string,
      rule: f.rule as string,
      status: f.status as FindingStatus,
      severity: f.severity as Severity,
      resource: f.resource as string,
      file: f.file as string,
      path: typeof f.path === 'string' ? f.path : null,
      message: f.message as string,
      suppressed: f.suppressed as boolean,
      justification: typeof f.justification === 'string' ? f.justification : null,
    })),
  };
}

/** Options of the diff's reports. */
export interface DiffReportOptions {
  /**
   * The language of the words of the text and Markdown reports (findings' messages stay in the
   * language of their run; the JSON report has no words of its own).
   * @default 'en'
   */
  readonly language?: Language;
  /** OLD and NEW as the reports name them (e.g. the paths given). @default - not named */
  readonly sources?: { readonly old: string; readonly new: string };
}

// The diff's words, both languages side by side; a count's noun takes the language's plural
// rule (core's `plural`: in French 0 and 1 take the singular, in English only 1).
type Forms = { readonly [L in Language]: readonly [one: string, other: string] };

function counted(n: number, forms: Forms, language: Language): string {
  const [one, other] = forms[language];
  return plural(n, one, other, language);
}

const CHANGE_LABELS: Readonly<Record<DiffChange, LocalizedText>> = {
  new: { en: 'new', fr: 'nouveau' },
  fixed: { en: 'fixed', fr: 'corrigé' },
  changed: { en: 'changed', fr: 'modifié' },
  'suppression-added': { en: 'suppression added', fr: 'dérogation ajoutée' },
  'suppression-removed': { en: 'suppression removed', fr: 'dérogation retirée' },
};

const COUNTS = {
  findings: { en: ['finding', 'findings'], fr: ['constat', 'constats'] },
  openErrors: {
    en: ['unsuppressed error', 'unsuppressed errors'],
    fr: ['erreur sans dérogation', 'erreurs sans dérogation'],
  },
  newErrors: {
    en: ['new unsuppressed error', 'new unsuppressed errors'],
    fr: ['nouvelle erreur sans dérogation', 'nouvelles erreurs sans dérogation'],
  },
  new: { en: ['new finding', 'new findings'], fr: ['nouveau constat', 'nouveaux constats'] },
  fixed: { en: ['fixed', 'fixed'], fr: ['corrigé', 'corrigés'] },
  changed: { en: ['changed', 'changed'], fr: ['modifié', 'modifiés'] },
  suppressionsAdded: {
    en: ['suppression added', 'suppressions added'],
    fr: ['dérogation ajoutée', 'dérogations ajoutées'],
  },
  suppressionsRemoved: {
    en: ['suppression removed', 'suppressions removed'],
    fr: ['dérogation retirée', 'dérogations retirées'],
  },
  resourcesAdded: {
    en: ['resource with findings added', 'resources with findings added'],
    fr: ['ressource avec constats en plus', 'ressources avec constats en plus'],
  },
  judgedAdded: {
    en: ['resource judged added', 'resources judged added'],
    fr: ['ressource jugée en plus', 'ressources jugées en plus'],
  },
  resourcesRemoved: { en: ['removed', 'removed'], fr: ['en moins', 'en moins'] },
} as const satisfies Record<string, Forms>;

const TEXT = {
  title: { en: 'Compliance diff', fr: 'Comparaison de conformité' },
  profile: { en: 'profile', fr: 'profil' },
  before: { en: 'before', fr: 'avant' },
  after: { en: 'after', fr: 'après' },
  noChange: { en: 'No change in findings.', fr: 'Aucun changement dans les constats.' },
  noNewError: { en: 'no new unsuppressed error', fr: 'aucune nouvelle erreur sans dérogation' },
  resourcesAdded: { en: 'Resources with findings added', fr: 'Ressources avec constats en plus' },
  resourcesRemoved: { en: 'Resources with findings removed', fr: 'Ressources avec constats en moins' },
  judgedAdded: { en: 'Resources judged added', fr: 'Ressources jugées en plus' },
  judgedRemoved: { en: 'Resources judged removed', fr: 'Ressources jugées en moins' },
} as const satisfies Record<string, LocalizedText>;

const COLUMNS: { readonly [L in Language]: readonly string[] } = {
  en: ['change', 'rule', 'resource', 'file', 'severity', 'finding'],
  fr: ['changement', 'règle', 'ressource', 'fichier', 'sévérité', 'constat'],
};

/** `N new findings, N fixed, …; N resources with findings added, N removed`, in `language`. */
function summaryLine(diff: ComplianceDiff, words: ReportWords, language: Language): string {
  const s = diff.summary;
  const c = (n: number, forms: Forms) => counted(n, forms, language);
  const added = diff.resources === 'judged' ? COUNTS.judgedAdded : COUNTS.resourcesAdded;
  return (
    [
      c(s.new, COUNTS.new),
      c(s.fixed, COUNTS.fixed),
      c(s.changed, COUNTS.changed),
      c(s.suppressionsAdded, COUNTS.suppressionsAdded),
      c(s.suppressionsRemoved, COUNTS.suppressionsRemoved),
    ].join(', ') + `${words.semicolon}${c(s.resourcesAdded, added)}, ${c(s.resourcesRemoved, COUNTS.resourcesRemoved)}`
  );
}

/** The verdict after its label: the count of new unsuppressed errors, or that there is none. */
function verdictDetail(diff: ComplianceDiff, language: Language): string {
  return diff.summary.newErrors
    ? counted(diff.summary.newErrors, COUNTS.newErrors, language)
    : TEXT.noNewError[language];
}

/**
 * The diff in one line, in `language`: the new unsuppressed errors (or that there is none), then
 * the counts: `1 new unsuppressed error; 2 new findings, 1 fixed, …`.
 */
export function formatDiffSummary(diff: ComplianceDiff, language: Language = 'en'): string {
  const words = reportWords(language);
  return `${verdictDetail(diff, language)}${words.semicolon}${summaryLine(diff, words, language)}`;
}

/** `N findings, N unsuppressed errors` of one side. */
function sideLine(side: DiffSide, language: Language): string {
  return `${counted(side.findings, COUNTS.findings, language)}, ${counted(side.errors, COUNTS.openErrors, language)}`;
}

function requirementLine(control: string, language: Language): string | undefined {
  return isControlId(control) ? requirementOf(getControl(control), language) : undefined;
}

/** A state in words: `error`, `warning (cannot prove)`, `suppressed error`. */
function stateWords(s: DiffState, words: ReportWords): string {
  const severity = words.severity[s.severity];
  const status =
    s.status === 'cannot-prove'
      ? ` (${words.cannotProve})`
      : s.status === 'not-assessed'
        ? ` (${words.notAssessed})`
        : '';
  return `${s.suppressed ? words.suppressedLabel(severity) : severity}${status}`;
}

/** The state of an entry: NEW's, or OLD's for what NEW lacks; `before → after` when they differ. */
function entryState(e: DiffEntry, words: ReportWords): string {
  const before = e.before && stateWords(e.before, words);
  const after = e.after && stateWords(e.after, words);
  if (before && after && before !== after) return `${before} → ${after}`;
  return (after ?? before) as string;
}

/** A value of an input as the terminal may show it, on one line. */
function shown(text: string): string {
  return terminalText(text, { singleLine: true });
}

function textWhere(e: DiffEntry, words: ReportWords): string {
  const file = e.file ? shown(e.file) : words.wholeInput;
  const resource = e.resource ? `  ${shown(e.resource)}` : e.file ? `  ${words.template}` : '';
  return `${file}${resource}${e.path ? ` [${shown(e.path)}]` : ''}`;
}

function textHeader(
  diff: ComplianceDiff,
  options: DiffReportOptions,
  words: ReportWords,
  language: Language,
): string[] {
  const sources = options.sources ? `${shown(options.sources.old)} → ${shown(options.sources.new)}, ` : '';
  const profile =
    diff.old.profile === diff.new.profile
      ? `'${shown(diff.new.profile)}'`
      : `'${shown(diff.old.profile)}' → '${shown(diff.new.profile)}'`;
  return [
    `${TEXT.title[language]}${words.colon}${sources}${TEXT.profile[language]} ${profile}`,
    `  ${TEXT.before[language]}${words.colon}${sideLine(diff.old, language)}`,
    `  ${TEXT.after[language]}${words.colon}${sideLine(diff.new, language)}`,
    '',
  ];
}

/**
 * The diff for people: per control in catalog order, each difference with its change, state,
 * rule and place, the message (before and after when it changed) and the justification of a
 * suppression; the resources with findings added and removed; the counts and the verdict.
 * Every value of the inputs goes through core's `terminalText` on one line.
 */
export function formatDiffText(diff: ComplianceDiff, options: DiffReportOptions = {}): string {
  const language = options.language ?? 'en';
  const words = reportWords(language);
  const lines = textHeader(diff, options, words, language);
  const width = Math.max(...Object.values(CHANGE_LABELS).map((l) => l[language].length));
  for (const c of diff.controls) {
    const requirement = requirementLine(c.control, language);
    lines.push(requirement ? `${c.control}  ${requirement}` : shown(c.control));
    for (const e of entriesOf(c)) {
      const label = CHANGE_LABELS[e.change][language].padEnd(width);
      lines.push(`  ${label}  ${entryState(e, words)}  ${shown(e.rule)}  ${textWhere(e, words)}`);
      if (e.before && e.after && e.before.message !== e.after.message) {
        lines.push(`      ${TEXT.before[language]}${words.colon}${shown(e.before.message)}`);
        lines.push(`      ${TEXT.after[language]}${words.colon}${shown(e.after.message)}`);
      } else {
        lines.push(`      ${shown((e.after ?? e.before)!.message)}`);
      }
      const suppressed =
        e.change === 'suppression-added' ? e.after : e.change === 'suppression-removed' ? e.before : null;
      if (suppressed?.justification) lines.push(`      ${words.justification}${shown(suppressed.justification)}`);
    }
    const resources = (rs: readonly DiffResource[]) =>
      rs.map((r) => `${shown(r.resource)}${r.file ? ` (${shown(r.file)})` : ''}`).join(', ');
    if (c.resourcesAdded.length) {
      lines.push(
        `  ${TEXT[diff.resources === 'judged' ? 'judgedAdded' : 'resourcesAdded'][language]}${words.colon}${resources(c.resourcesAdded)}`,
      );
    }
    if (c.resourcesRemoved.length) {
      lines.push(
        `  ${TEXT[diff.resources === 'judged' ? 'judgedRemoved' : 'resourcesRemoved'][language]}${words.colon}${resources(c.resourcesRemoved)}`,
      );
    }
    lines.push('');
  }
  if (!diff.controls.length) lines.push(TEXT.noChange[language], '');
  lines.push(summaryLine(diff, words, language));
  const verdict = diff.summary.newErrors ? words.failed : words.passed;
  lines.push(`${verdict}${words.colon}${verdictDetail(diff, language)}`);
  return `${lines.join('\n')}\n`;
}

function markdownRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function markdownFinding(e: DiffEntry, words: ReportWords): string {
  const message =
    e.before && e.after && e.before.message !== e.after.message
      ? `${markdownCell(e.before.message)}<br>→ ${markdownCell(e.after.message)}`
      : markdownCell((e.after ?? e.before)!.message);
  const suppressed = e.change === 'suppression-added' ? e.after : e.change === 'suppression-removed' ? e.before : null;
  return suppressed?.justification
    ? `${message}<br>${words.justification}${markdownCell(suppressed.justification)}`
    : message;
}

/**
 * The diff for a merge-request comment: the verdict and the counts on one line, the inputs and
 * their counts, then per control in catalog order a table of its differences (new, fixed,
 * changed, suppressions added and removed) and the resources with findings added and removed.
 * Every value of the inputs goes through core's Markdown encoders.
 */
export function formatDiffMarkdown(diff: ComplianceDiff, options: DiffReportOptions = {}): string {
  const language = options.language ?? 'en';
  const words = reportWords(language);
  const verdict = diff.summary.newErrors ? words.failed : words.passed;
  const lines = [
    `**${verdict}**${words.colon}${verdictDetail(diff, language)}. ${summaryLine(diff, words, language)}.`,
    '',
  ];
  const sources = options.sources
    ? `${markdownCode(options.sources.old, 'inline')} → ${markdownCode(options.sources.new, 'inline')}, `
    : '';
  const profile =
    diff.old.profile === diff.new.profile
      ? markdownCode(diff.new.profile, 'inline')
      : `${markdownCode(diff.old.profile, 'inline')} → ${markdownCode(diff.new.profile, 'inline')}`;
  lines.push(
    `${TEXT.title[language]}${words.colon}${sources}${TEXT.profile[language]} ${profile}. ` +
      `${TEXT.before[language].replace(/^./, (ch) => ch.toUpperCase())}${words.colon}${sideLine(diff.old, language)}${words.semicolon}` +
      `${TEXT.after[language]}${words.colon}${sideLine(diff.new, language)}.`,
    '',
  );
  if (!diff.controls.length) lines.push(TEXT.noChange[language], '');
  for (const c of diff.controls) {
    const requirement = requirementLine(c.control, language);
    lines.push(
      requirement
        ? `### ${c.control}${words.colon}${markdownHeading(requirement)}`
        : `### ${markdownHeading(c.control)}`,
      '',
    );
    const entries = entriesOf(c);
    if (entries.length) {
      lines.push(markdownRow(COLUMNS[language]), '|---|---|---|---|---|---|');
      for (const e of entries) {
        const change = CHANGE_LABELS[e.change][language];
        const subject = e.resource ? markdownCode(e.resource) : e.file ? words.template : words.wholeInput;
        const state = markdownCell(entryState(e, words));
        lines.push(
          markdownRow([
            e.change === 'new' ? `**${change}**` : change,
            markdownCode(e.rule),
            e.path ? `${subject}<br>${markdownCode(e.path)}` : subject,
            e.file ? markdownCode(e.file) : '',
            e.newError ? `**${state}**` : state,
            markdownFinding(e, words),
          ]),
        );
      }
      lines.push('');
    }
    const resources = (rs: readonly DiffResource[]) =>
      rs
        .map((r) => `${markdownCode(r.resource, 'inline')}${r.file ? ` (${markdownCode(r.file, 'inline')})` : ''}`)
        .join(', ');
    if (c.resourcesAdded.length) {
      lines.push(
        `${TEXT[diff.resources === 'judged' ? 'judgedAdded' : 'resourcesAdded'][language]}${words.colon}${resources(c.resourcesAdded)}`,
        '',
      );
    }
    if (c.resourcesRemoved.length) {
      lines.push(
        `${TEXT[diff.resources === 'judged' ? 'judgedRemoved' : 'resourcesRemoved'][language]}${words.colon}${resources(c.resourcesRemoved)}`,
        '',
      );
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * The diff for machines: `{"schemaVersion": 1, "old", "new", "summary", "resources", "controls"}`
 * (`resources`: `judged` or `with-findings`, an addition older readers ignore), `old` and
 * `new` with their `source` (as given, or null), `profile`, `findings` and `errors`; each
 * control with its entries (`change`, `control`, `rule`, `file`, `resource`, `path`, `before`,
 * `after`, `newError`) and resources. Data: values are as the inputs hold them.
 */
export function formatDiffJson(diff: ComplianceDiff, options: DiffReportOptions = {}): string {
  const doc = {
    schemaVersion: DIFF_SCHEMA_VERSION,
    old: { source: options.sources?.old ?? null, ...diff.old },
    new: { source: options.sources?.new ?? null, ...diff.new },
    summary: diff.summary,
    resources: diff.resources,
    controls: diff.controls,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The diff in one format, as text ending with a newline. */
export function formatDiff(diff: ComplianceDiff, format: DiffFormat, options: DiffReportOptions = {}): string {
  switch (format) {
    case 'text':
      return formatDiffText(diff, options);
    case 'markdown':
      return formatDiffMarkdown(diff, options);
    case 'json':
      return formatDiffJson(diff, options);
  }
}
