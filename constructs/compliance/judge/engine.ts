import {
  absoluteRuleSource,
  getControl,
  isAtLeast,
  isSuppressionExpired,
  suppressionCovers,
  todayUtc,
  type ClassificationLevel,
  type ControlId,
  type JurisdictionProfile,
  type Language,
  type LocalizedText,
  type Severity,
} from '../../core';
import type {
  CheckInput,
  CheckResult,
  Finding,
  Pass,
  ReadSuppression,
  Resource,
  RuleInfo,
  Summary,
  Template,
} from '../normalize/model';
import { judgeWithParameters } from '../read/cfn-parameters';
import { whyUnread } from '../read/cloudformation';
import type { LocatedPass, LocatedProblem, Outcome, Problem, ResourceRule, Rule, RuleContext } from './rule';
import type { Evidence } from './evidence';
import { noDataType } from '../rules/no-data-types';
import { networkPaths, type PathMatrix } from '../reachability/network-paths';

/**
 * The engine: runs every rule in one pass over the resources (at the parameters' defaults and
 * allowed values, see cfn-parameters.ts), gives each problem the profile's severity and source,
 * applies suppressions (never to an absolute rule), reports what the reader could not read as
 * `JUR-1/unread`, counts the types that hold no data once per type, reports the other types no
 * rule knows as `not-assessed`, and sorts the findings by file, resource and rule.
 */

/** Options of a run of the engine. */
export interface EngineOptions {
  /**
   * Today's date (`YYYY-MM-DD`), after which expired suppressions no longer hold.
   * @default - today in UTC
   */
  readonly today?: string;
  /**
   * The language of the findings' messages and remediations, and of the reports of the
   * result (`en` or `fr`). Ids, keys, rule ids and file paths are never translated.
   * @default 'en'
   */
  readonly language?: Language;
}

/** The rule under which resources of a type no rule knows are reported as manual checks. */
export const NOT_ASSESSED_RULE = 'JUR-1/not-assessed';

/**
 * The rule under which a resource whose content the reader could not read (a loop it could not
 * expand, a SAM type it does not translate, a nested stack whose template is not in the input)
 * is reported: `cannot-prove` at the severity of the profile's most severe control, since it may
 * hide a breach of any.
 */
export const UNREAD_RULE = 'JUR-1/unread';

const UNREAD_TITLE: LocalizedText = {
  en: 'What the reader could not read is not proven',
  fr: "Ce que le lecteur n'a pas pu lire n'est pas prouvé",
};

const UNREAD_REMEDIATION: LocalizedText = {
  en: 'Give the checker what the deployer reads (the nested template, a collection it can know), or review the resource by hand and record the result',
  fr: 'Donner au vérificateur ce que lit le déployeur (le modèle imbriqué, une collection connue), ou examiner la ressource à la main et consigner le résultat',
};

/** The metadata of {@link UNREAD_RULE} in `language`, for the reports. */
export function unreadRuleInfo(language: Language = 'en'): RuleInfo {
  return {
    id: UNREAD_RULE,
    control: 'JUR-1',
    title: UNREAD_TITLE[language],
    remediation: UNREAD_REMEDIATION[language],
    description:
      'A resource whose content the reader could not read (a Fn::ForEach loop over a collection it cannot know, an AWS::Serverless::* type it does not translate, a nested stack whose template is not in the input) cannot be proven: it is reported at the severity of the most severe control of the profile (it may hide a breach of any), never counted as judged.',
  };
}

const NOT_ASSESSED_REMEDIATION: LocalizedText = {
  en: 'Review the resource by hand and record the result, or model it with a sovereign-lz construct',
  fr: 'Examiner la ressource à la main et consigner le résultat, ou la modéliser avec une construction sovereign-lz',
};

const NOT_ASSESSED_TITLE: LocalizedText = {
  en: 'Resources of a type no rule knows are reviewed by hand',
  fr: "Les ressources d'un type qu'aucune règle ne connaît sont examinées à la main",
};

/** The metadata of {@link NOT_ASSESSED_RULE} in `language`, for the reports. */
export function notAssessedRuleInfo(language: Language = 'en'): RuleInfo {
  return {
    id: NOT_ASSESSED_RULE,
    control: 'JUR-1',
    title: NOT_ASSESSED_TITLE[language],
    description:
      'A resource whose type no rule judges is reported as not assessed: its encryption, residency and access must be reviewed by hand and the result recorded.',
    remediation: NOT_ASSESSED_REMEDIATION[language],
  };
}

/** The metadata of {@link NOT_ASSESSED_RULE}, in English, for the reports. */
export const NOT_ASSESSED_RULE_INFO: RuleInfo = notAssessedRuleInfo('en');

/** The message of a not-assessed finding about a resource of `type`. */
function notAssessedMessage(type: string): LocalizedText {
  return {
    en: `no rule knows the type ${type}: review its encryption, residency and access by hand`,
    fr: `aucune règle ne connaît le type ${type} : examiner à la main son chiffrement, sa résidence et ses accès`,
  };
}

/** The resource type a not-assessed finding is about (its message names it, in either language). */
export function notAssessedType(finding: { message: string }): string {
  return /^(?:no rule knows the type|aucune règle ne connaît le type) (\S+) ?:/.exec(finding.message)?.[1] ?? '?';
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function lower(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts findings (or passes) by file, resource and rule, then message: by default the item's
 * own, else `messageOf` (the engine sorts by the English message, so that the order of the
 * findings does not depend on the language of the run).
 */
export function sortFindings<T extends { file: string; resource: string; rule: string; message?: string }>(
  items: T[],
  messageOf: (item: T) => string = (item) => item.message ?? '',
): T[] {
  return items.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      compare(a.resource, b.resource) ||
      compare(a.rule, b.rule) ||
      compare(messageOf(a), messageOf(b)),
  );
}

interface Subject {
  readonly file: string;
  readonly resource: string;
  readonly path?: string;
  /** The line of the resource in its file, when the reader knows it. */
  readonly line?: number;
  readonly level?: ClassificationLevel;
  readonly suppressions: readonly ReadSuppression[];
}

function subjectOf(located: { resource?: Resource; template?: Template; subject?: string }): Subject {
  if (located.resource) {
    const r = located.resource;
    return {
      file: r.file,
      resource: r.id,
      path: r.path,
      line: r.line,
      level: r.classification?.level,
      suppressions: r.suppressions,
    };
  }
  if (located.template)
    return { file: located.template.file, resource: '', suppressions: located.template.suppressions };
  return { file: '', resource: located.subject ?? '', suppressions: [] };
}

class Run {
  public readonly findings: Finding[] = [];
  /** The English message of each finding: the sort key, whatever the language of the run. */
  public readonly englishMessages = new Map<Finding, string>();
  public readonly passes: Pass[] = [];
  public readonly notApplicable: Pass[] = [];

  constructor(
    private readonly profile: JurisdictionProfile,
    private readonly today: string,
    private readonly language: Language,
  ) {}

  /** A text in the language of the run. */
  private text(text: LocalizedText): string {
    return text[this.language];
  }

  public pass(rule: Rule, subject: Subject, evidence: Evidence | undefined, into: Pass[] = this.passes): void {
    into.push({
      control: rule.control,
      rule: rule.id,
      resource: subject.resource,
      file: subject.file,
      ...(subject.path ? { path: subject.path } : {}),
      ...(evidence ? { evidence } : {}),
    });
  }

  /** Records a resource rule's outcome with what the rule observed on the resource (`evidence`). */
  public outcome(rule: Rule, subject: Subject, outcome: Outcome, evidence: Evidence): void {
    if (outcome === 'pass') this.pass(rule, subject, evidence);
    else if (outcome === 'not-applicable') this.pass(rule, subject, undefined, this.notApplicable);
    else {
      for (const problem of Array.isArray(outcome) ? outcome : [outcome as Problem])
        this.problem(rule, subject, { ...problem, evidence: { ...evidence, ...problem.evidence } });
    }
  }

  public located(rule: Rule, items: ReadonlyArray<LocatedProblem | LocatedPass>): void {
    for (const item of items) {
      if ('pass' in item) this.pass(rule, subjectOf(item), item.evidence);
      else this.problem(rule, subjectOf(item), item);
    }
  }

  public crashed(rule: Rule, subject: Subject, error: unknown): void {
    const why = (error as Error)?.message ?? String(error);
    this.problem(rule, subject, {
      status: 'cannot-prove',
      message: {
        en: `the rule could not judge this input (${why})`,
        fr: `la règle n'a pas pu juger cette entrée (${why})`,
      },
    });
  }

  private severity(control: ControlId, problem: Problem, level: ClassificationLevel | undefined): Severity {
    const setting = this.profile.controls[control].severity;
    const base: Severity = setting === 'off' ? 'info' : setting;
    if (problem.severity) return lower(problem.severity, base);
    // Fail closed: a level nobody gave leaves every level-dependent rule unproven, and that is
    // as serious as a failure (only --classification judges at an assumed level).
    if (problem.status === 'fail' || (problem.levelUnknown && level === undefined)) return base;
    const residency =
      getControl(control).category === 'residency' && level !== undefined && isAtLeast(level, 'personal');
    return residency ? base : lower(base, 'warning');
  }

  public problem(
    rule: Pick<Rule, 'id' | 'control' | 'remediation'>,
    subject: Subject,
    problem: Problem,
    severity: Severity = this.severity(rule.control, problem, subject.level),
  ): void {
    const control = rule.control;
    const fr = this.language === 'fr';
    // Why a suppression does not hold, appended to the message.
    let note: LocalizedText | undefined;
    let suppressed = false;
    let justification: string | undefined;
    const absolute = subject.level !== undefined ? absoluteRuleSource(this.profile, control, subject.level) : undefined;
    const covering = subject.suppressions.filter((s) => suppressionCovers(s.suppression, rule.id));
    if (problem.exception) {
      suppressed = true;
      justification = `${fr ? 'exception intégrée : ' : 'built-in exception: '}${this.text(problem.exception)}`;
    } else if (covering.length && absolute) {
      note = {
        en: ` (suppression ignored: absolute rule, ${absolute})`,
        fr: ` (dérogation ignorée : règle absolue, ${absolute})`,
      };
    } else if (covering.length) {
      const valid = covering.find((s) => !s.problems.length && !isSuppressionExpired(s.suppression, this.today));
      if (valid) {
        suppressed = true;
        const expires = valid.suppression.expires;
        const until = expires ? (fr ? ` (jusqu'au ${expires})` : ` (until ${expires})`) : '';
        // A template-wide waiver says so wherever the finding is shown.
        const wide =
          valid.scope === 'template'
            ? fr
              ? `dérogation pour tout le modèle (Metadata du modèle, ressources : ${valid.suppression.resources?.join(', ')}) : `
              : `template-wide suppression (the template's Metadata, resources: ${valid.suppression.resources?.join(', ')}): `
            : '';
        justification = `${wide}${valid.suppression.reason}${until}`;
      } else {
        const expired = covering.find((s) => !s.problems.length);
        const problems = covering[0].problems.join('; ');
        note = expired
          ? {
              en: ` (suppression expired on ${expired.suppression.expires})`,
              fr: ` (dérogation expirée le ${expired.suppression.expires})`,
            }
          : { en: ` (suppression ignored: ${problems})`, fr: ` (dérogation ignorée : ${problems})` };
      }
    }
    const message = `${this.text(problem.message)}${note ? this.text(note) : ''}`;
    const finding: Finding = {
      control,
      rule: rule.id,
      status: problem.status,
      severity,
      resource: subject.resource,
      file: subject.file,
      ...(subject.path ? { path: subject.path } : {}),
      ...(subject.line !== undefined ? { line: subject.line } : {}),
      message,
      remediation: this.text(problem.remediation ?? rule.remediation),
      source: problem.source ?? this.profile.controls[control].source,
      suppressed,
      ...(justification ? { justification } : {}),
      ...(problem.evidence && Object.keys(problem.evidence).length ? { evidence: problem.evidence } : {}),
    };
    this.findings.push(finding);
    this.englishMessages.set(finding, `${problem.message.en}${note?.en ?? ''}`);
  }

  /** A resource whose content was not read: unproven, at JUR-1's severity (see {@link UNREAD_RULE}). */
  public unread(subject: Subject, why: LocalizedText, type: string): void {
    const rule = { id: UNREAD_RULE, control: 'JUR-1' as const, remediation: UNREAD_REMEDIATION };
    // Fail closed: what was not read may break any control, so it is as severe as the profile's
    // most severe control (JUR-1's own severity is that of manual checks).
    const severities = Object.values(this.profile.controls).map((c) => c.severity);
    const severity = (['error', 'warning', 'info'] as const).find((s) => severities.includes(s)) ?? 'info';
    this.problem(rule, subject, { status: 'cannot-prove', message: why, evidence: { type } }, severity);
  }

  public notAssessed(resource: Resource): void {
    this.findings.push({
      control: 'JUR-1',
      rule: NOT_ASSESSED_RULE,
      status: 'not-assessed',
      severity: 'info',
      resource: resource.id,
      file: resource.file,
      ...(resource.path ? { path: resource.path } : {}),
      ...(resource.line !== undefined ? { line: resource.line } : {}),
      message: this.text(notAssessedMessage(resource.type)),
      remediation: this.text(NOT_ASSESSED_REMEDIATION),
      source: this.profile.controls['JUR-1'].source,
      suppressed: false,
      evidence: { type: resource.type },
    });
  }
}

function summarize(input: CheckInput, findings: readonly Finding[], passes: readonly Pass[]): Summary {
  const open = findings.filter((f) => !f.suppressed);
  return {
    resources: input.templates.reduce((n, t) => n + t.resources.length, 0),
    passed: passes.length,
    errors: open.filter((f) => f.severity === 'error' && f.status !== 'not-assessed').length,
    warnings: open.filter((f) => f.severity === 'warning' && f.status !== 'not-assessed').length,
    suppressed: findings.length - open.length,
    notAssessed: findings.filter((f) => f.status === 'not-assessed').length,
  };
}

/**
 * What a resource rule observed: the verdict stands whatever happens here, so a failure to
 * observe is itself the evidence (`unobserved`), never a changed result.
 */
function observeSafely(rule: ResourceRule, resource: Resource, context: RuleContext): Evidence {
  try {
    return rule.observe(resource, context);
  } catch (e) {
    return { unobserved: (e as Error)?.message ?? String(e) };
  }
}

/** Runs `rules` over `input` under `profile`; one pass over the resources. */
export function runRules(
  input: CheckInput,
  profile: JurisdictionProfile,
  rules: readonly Rule[],
  options: EngineOptions = {},
): CheckResult {
  const language = options.language ?? 'en';
  const run = new Run(profile, options.today ?? todayUtc(), language);
  const context: RuleContext = { profile, input };
  const active = rules.filter((r) => profile.controls[r.control].severity !== 'off');
  const known = new Set(
    rules.flatMap((r) => [...(r.appliesTo === 'taggable' ? [] : r.appliesTo), ...(r.evidence ?? [])]),
  );
  const forTaggable = active.filter((r): r is ResourceRule => r.scope === 'resource' && r.appliesTo === 'taggable');
  const byType = new Map<string, ResourceRule[]>();
  for (const rule of active) {
    if (rule.scope !== 'resource' || rule.appliesTo === 'taggable') continue;
    for (const type of rule.appliesTo) byType.set(type, [...(byType.get(type) ?? []), rule]);
  }

  const noDataCounts = new Map<string, number>();
  for (const template of input.templates) {
    for (const resource of template.resources) {
      const subject = subjectOf({ resource });
      const unread = whyUnread(resource);
      if (unread) {
        run.unread(subject, unread, resource.type);
        continue;
      }
      const applicable = [...(resource.taggable ? forTaggable : []), ...(byType.get(resource.type) ?? [])];
      for (const rule of applicable) {
        try {
          // At the parameters' defaults, or under each of their allowed values (cfn-parameters.ts).
          const outcome = judgeWithParameters(resource, (r) => rule.check(r, context));
          run.outcome(
            rule,
            subject,
            outcome,
            outcome === 'not-applicable' ? {} : observeSafely(rule, resource, context),
          );
        } catch (e) {
          run.crashed(rule, subject, e);
        }
      }
      if (known.has(resource.type)) continue;
      const noData = noDataType(resource.type);
      if (noData) noDataCounts.set(noData.type, (noDataCounts.get(noData.type) ?? 0) + 1);
      else run.notAssessed(resource);
    }
    for (const rule of active) {
      if (rule.scope !== 'template') continue;
      try {
        run.located(rule, rule.check(template, context));
      } catch (e) {
        run.crashed(rule, subjectOf({ template }), e);
      }
    }
  }
  for (const rule of active) {
    if (rule.scope !== 'input') continue;
    try {
      run.located(rule, rule.check(input, context));
    } catch (e) {
      run.crashed(rule, subjectOf({}), e);
    }
  }
  const findings = sortFindings(run.findings, (f) => run.englishMessages.get(f) ?? f.message);
  const passes = sortFindings(run.passes);
  // The path matrices the NET-6/NET-7 rules judged (cached by the rules' run); a rule that broke is reported above.
  let paths: readonly PathMatrix[] | undefined;
  if (active.some((r) => r.control === 'NET-6' || r.control === 'NET-7')) {
    try {
      paths = networkPaths(input).matrices;
    } catch {
      paths = undefined;
    }
  }
  return {
    profile: profile.id,
    findings,
    passes,
    summary: summarize(input, findings, passes),
    skipped: input.skipped.map(({ file, reason, reasons }) => ({ file, reason: reasons?.[language] ?? reason })),
    notApplicable: sortFindings(run.notApplicable),
    noData: [...noDataCounts]
      .sort(([a], [b]) => compare(a, b))
      .map(([type, resources]) => ({ type, resources, reason: noDataType(type)!.reason[language] })),
    inputs: [...new Set(input.templates.map((t) => t.file))].sort(),
    ...(paths ? { paths } : {}),
    rules: [
      ...active.map(({ id, control, title, description, remediation }) => ({
        id,
        control,
        title: title[language],
        description,
        remediation: remediation[language],
      })),
      notAssessedRuleInfo(language),
      ...(run.findings.some((f) => f.rule === UNREAD_RULE) ? [unreadRuleInfo(language)] : []),
    ],
    effectiveProfile: profile,
    language,
  };
}
