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
  type Severity,
} from '../core';
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
} from './model';
import type { LocatedPass, LocatedProblem, Outcome, Problem, ResourceRule, Rule, RuleContext } from './rule';

/**
 * The engine: runs every rule in one pass over the resources, gives each problem the
 * profile's severity and source, applies suppressions (never to an absolute rule), reports
 * types no rule knows as `not-assessed`, and sorts the findings by file, resource and rule.
 */

/** Options of a run of the engine. */
export interface EngineOptions {
  /**
   * Today's date (`YYYY-MM-DD`), after which expired suppressions no longer hold.
   * @default - today in UTC
   */
  readonly today?: string;
}

/** The rule under which resources of a type no rule knows are reported as manual checks. */
export const NOT_ASSESSED_RULE = 'JUR-1/not-assessed';

const NOT_ASSESSED_REMEDIATION =
  'Review the resource by hand and record the result, or model it with a sovereign-lz construct';

/** The metadata of {@link NOT_ASSESSED_RULE}, for the reports. */
export const NOT_ASSESSED_RULE_INFO: RuleInfo = {
  id: NOT_ASSESSED_RULE,
  control: 'JUR-1',
  title: 'Resources of a type no rule knows are reviewed by hand',
  description:
    'A resource whose type no rule judges is reported as not assessed: its encryption, residency and access must be reviewed by hand and the result recorded.',
  remediation: NOT_ASSESSED_REMEDIATION,
};

/** The resource type a not-assessed finding is about (its message names it). */
export function notAssessedType(finding: { message: string }): string {
  return /^no rule knows the type (\S+):/.exec(finding.message)?.[1] ?? '?';
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function lower(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts findings (or passes) by file, resource and rule, then message. */
export function sortFindings<T extends { file: string; resource: string; rule: string; message?: string }>(
  items: T[],
): T[] {
  return items.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      compare(a.resource, b.resource) ||
      compare(a.rule, b.rule) ||
      compare(a.message ?? '', b.message ?? ''),
  );
}

interface Subject {
  readonly file: string;
  readonly resource: string;
  readonly path?: string;
  readonly level?: ClassificationLevel;
  readonly suppressions: readonly ReadSuppression[];
}

function subjectOf(located: { resource?: Resource; template?: Template; subject?: string }): Subject {
  if (located.resource) {
    const r = located.resource;
    return { file: r.file, resource: r.id, path: r.path, level: r.classification?.level, suppressions: r.suppressions };
  }
  if (located.template)
    return { file: located.template.file, resource: '', suppressions: located.template.suppressions };
  return { file: '', resource: located.subject ?? '', suppressions: [] };
}

class Run {
  public readonly findings: Finding[] = [];
  public readonly passes: Pass[] = [];
  public readonly notApplicable: Pass[] = [];

  constructor(
    private readonly profile: JurisdictionProfile,
    private readonly today: string,
  ) {}

  public pass(rule: Rule, subject: Subject, into: Pass[] = this.passes): void {
    into.push({
      control: rule.control,
      rule: rule.id,
      resource: subject.resource,
      file: subject.file,
      ...(subject.path ? { path: subject.path } : {}),
    });
  }

  public outcome(rule: Rule, subject: Subject, outcome: Outcome): void {
    if (outcome === 'pass') this.pass(rule, subject);
    else if (outcome === 'not-applicable') this.pass(rule, subject, this.notApplicable);
    else {
      for (const problem of Array.isArray(outcome) ? outcome : [outcome as Problem])
        this.problem(rule, subject, problem);
    }
  }

  public located(rule: Rule, items: ReadonlyArray<LocatedProblem | LocatedPass>): void {
    for (const item of items) {
      if ('pass' in item) this.pass(rule, subjectOf(item));
      else this.problem(rule, subjectOf(item), item);
    }
  }

  public crashed(rule: Rule, subject: Subject, error: unknown): void {
    this.problem(rule, subject, {
      status: 'cannot-prove',
      message: `the rule could not judge this input (${(error as Error)?.message ?? String(error)})`,
    });
  }

  private severity(control: ControlId, problem: Problem, level: ClassificationLevel | undefined): Severity {
    const setting = this.profile.controls[control].severity;
    const base: Severity = setting === 'off' ? 'info' : setting;
    if (problem.severity) return lower(problem.severity, base);
    if (problem.status === 'fail') return base;
    const residency =
      getControl(control).category === 'residency' && level !== undefined && isAtLeast(level, 'personal');
    return residency ? base : lower(base, 'warning');
  }

  public problem(rule: Rule, subject: Subject, problem: Problem): void {
    const control = rule.control;
    let message = problem.message;
    let suppressed = false;
    let justification: string | undefined;
    const absolute = subject.level !== undefined ? absoluteRuleSource(this.profile, control, subject.level) : undefined;
    const covering = subject.suppressions.filter((s) => suppressionCovers(s.suppression, rule.id));
    if (problem.exception) {
      suppressed = true;
      justification = `built-in exception: ${problem.exception}`;
    } else if (covering.length && absolute) {
      message += ` (suppression ignored: absolute rule, ${absolute})`;
    } else if (covering.length) {
      const valid = covering.find((s) => !s.problems.length && !isSuppressionExpired(s.suppression, this.today));
      if (valid) {
        suppressed = true;
        const until = valid.suppression.expires ? ` (until ${valid.suppression.expires})` : '';
        justification = `${valid.suppression.reason}${until}`;
      } else {
        const expired = covering.find((s) => !s.problems.length);
        message += expired
          ? ` (suppression expired on ${expired.suppression.expires})`
          : ` (suppression ignored: ${covering[0].problems.join('; ')})`;
      }
    }
    this.findings.push({
      control,
      rule: rule.id,
      status: problem.status,
      severity: this.severity(control, problem, subject.level),
      resource: subject.resource,
      file: subject.file,
      ...(subject.path ? { path: subject.path } : {}),
      message,
      remediation: problem.remediation ?? rule.remediation,
      source: problem.source ?? this.profile.controls[control].source,
      suppressed,
      ...(justification ? { justification } : {}),
    });
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
      message: `no rule knows the type ${resource.type}: review its encryption, residency and access by hand`,
      remediation: NOT_ASSESSED_REMEDIATION,
      source: this.profile.controls['JUR-1'].source,
      suppressed: false,
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

/** Runs `rules` over `input` under `profile`; one pass over the resources. */
export function runRules(
  input: CheckInput,
  profile: JurisdictionProfile,
  rules: readonly Rule[],
  options: EngineOptions = {},
): CheckResult {
  const run = new Run(profile, options.today ?? todayUtc());
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

  for (const template of input.templates) {
    for (const resource of template.resources) {
      const subject = subjectOf({ resource });
      const applicable = [...(resource.taggable ? forTaggable : []), ...(byType.get(resource.type) ?? [])];
      for (const rule of applicable) {
        try {
          run.outcome(rule, subject, rule.check(resource, context));
        } catch (e) {
          run.crashed(rule, subject, e);
        }
      }
      if (!known.has(resource.type)) run.notAssessed(resource);
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
  const findings = sortFindings(run.findings);
  const passes = sortFindings(run.passes);
  return {
    profile: profile.id,
    findings,
    passes,
    summary: summarize(input, findings, passes),
    skipped: input.skipped,
    notApplicable: sortFindings(run.notApplicable),
    inputs: [...new Set(input.templates.map((t) => t.file))].sort(),
    rules: [
      ...active.map(({ id, control, title, description, remediation }) => ({
        id,
        control,
        title,
        description,
        remediation,
      })),
      NOT_ASSESSED_RULE_INFO,
    ],
    effectiveProfile: profile,
  };
}
