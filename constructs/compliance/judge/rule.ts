import type { ControlId, JurisdictionProfile, LocalizedText, Severity } from '../../core';
import type { Unresolved } from '../normalize/intrinsics';
import type { CheckInput, Resource, Template } from '../normalize/model';
import type { Evidence } from './evidence';

/**
 * The shape of a rule: a small pure function over the normalized view, with its metadata
 * beside it (the one source of the generated controls reference). A rule does no I/O and
 * imports no framework; it returns what it saw, and the engine turns that into findings
 * with the profile's severity and source, the suppressions, and the sorting.
 *
 * Every message is written once in English and French side by side (`{ en, fr }`, see
 * core's i18n): the engine picks the language of the run when it builds the findings.
 */

/** A problem a rule found. */
export interface Problem {
  readonly status: 'fail' | 'cannot-prove';
  readonly message: LocalizedText;
  /**
   * The severity, when the rule knows better than the profile (e.g. `info` for an
   * assumption, `warning` for a log group that never expires on non-personal data).
   * @default - the profile's severity of the control; `cannot-prove` is a warning unless the
   *   control is about residency and the level is `personal` or above, or the level is unknown
   */
  readonly severity?: Severity;
  /** @default - the rule's remediation */
  readonly remediation?: LocalizedText;
  /** @default - the profile's source of the control */
  readonly source?: string;
  /**
   * True for a `cannot-prove` that depends on a classification level nobody gave: it keeps the
   * control's severity (an error by default) instead of a warning, whatever suppresses CLS-1.
   */
  readonly levelUnknown?: boolean;
  /**
   * The reason of a built-in exception of the catalog (e.g. the S3 access-log bucket's
   * SSE-S3): the finding is reported as suppressed with this justification.
   */
  readonly exception?: LocalizedText;
  /**
   * Facts observed for this problem only (e.g. the statement that fails), added to those of
   * the rule's `observe` for the subject.
   * @default - none
   */
  readonly evidence?: Evidence;
}

/** What a rule says about one resource: it passes, it does not apply, or its problems. */
export type Outcome = 'pass' | 'not-applicable' | Problem | readonly Problem[];

/** A problem located on a resource or template, for template- and input-wide rules. */
export interface LocatedProblem extends Problem {
  /** The resource it is about; absent for a template-wide or input-wide problem. */
  readonly resource?: Resource;
  /** The template it is about, for a template-wide problem. */
  readonly template?: Template;
  /** A name for an input-wide subject that is no resource (e.g. `attestation/provider-qualification`). */
  readonly subject?: string;
}

/** A located pass, for the evidence matrix, with the facts that make it a pass. */
export interface LocatedPass {
  readonly pass: true;
  readonly resource?: Resource;
  readonly template?: Template;
  readonly subject?: string;
  /** The facts observed (the rule's `observes`, each with a value). */
  readonly evidence: Evidence;
}

/** What every rule gets besides its subject. */
export interface RuleContext {
  readonly profile: JurisdictionProfile;
  /** Everything the run read (for rules that look across templates). */
  readonly input: CheckInput;
}

/** Metadata every rule carries. */
export interface RuleMetadata {
  /** `CONTROL/slug`, e.g. `ENC-1/s3-bucket-cmk`. */
  readonly id: string;
  readonly control: ControlId;
  /** One line, e.g. "S3 buckets are encrypted with a customer-managed key", in both languages. */
  readonly title: LocalizedText;
  /** What the rule checks and why, for the controls reference (English: the reference is in English). */
  readonly description: string;
  /** What to do about a finding, in both languages. */
  readonly remediation: LocalizedText;
  /**
   * The resource types the rule judges: a list, or `taggable` for every resource that can
   * carry the classification tag. Input- and template-wide rules list the types they read.
   */
  readonly appliesTo: readonly string[] | 'taggable';
  /**
   * Further types the rule reads as evidence (e.g. `AWS::S3::BucketPolicy` for a bucket
   * rule), so that they are not reported as not assessed.
   * @default - none
   */
  readonly evidence?: readonly string[];
  /**
   * The names of the facts every result of the rule carries as its observed evidence (e.g.
   * `['key', 'keyHolder', 'level']`): what a pass shows instead of the rule's title, in
   * `compliance.json`, the Markdown and HTML reports. A pass has each of them; a finding has
   * those the artifact determines.
   */
  readonly observes: readonly string[];
}

/** A rule judging one resource at a time. */
export interface ResourceRule extends RuleMetadata {
  readonly scope: 'resource';
  check(resource: Resource, context: RuleContext): Outcome;
  /** The facts the rule reads on `resource` (its `observes`), attached to each of its results there. */
  observe(resource: Resource, context: RuleContext): Evidence;
}

/** A rule judging one template at a time (e.g. an assumed region). */
export interface TemplateRule extends RuleMetadata {
  readonly scope: 'template';
  check(template: Template, context: RuleContext): ReadonlyArray<LocatedProblem | LocatedPass>;
}

/** A rule judging everything the run read (whole-input controls: RES-4, LOG-1's trail, JUR-1). */
export interface InputRule extends RuleMetadata {
  readonly scope: 'input';
  check(input: CheckInput, context: RuleContext): ReadonlyArray<LocatedProblem | LocatedPass>;
}

/** Any rule. */
export type Rule = ResourceRule | TemplateRule | InputRule;

/** A failure. */
export function fail(message: LocalizedText, extra: Omit<Problem, 'status' | 'message'> = {}): Problem {
  return { status: 'fail', message, ...extra };
}

/** Missing or unresolvable evidence. */
export function cannotProve(message: LocalizedText, extra: Omit<Problem, 'status' | 'message'> = {}): Problem {
  return { status: 'cannot-prove', message, ...extra };
}

/** `N jour` or `N jours`: a number of days in French. */
export function jours(n: number): string {
  return `${n} jour${Math.abs(n) >= 2 ? 's' : ''}`;
}

/**
 * `NAME is <why it cannot be known>`, for a value the artifact does not determine: `en` and
 * `fr` name the value in each language (e.g. `SSEAlgorithm`, or `its key policy` and `sa
 * politique de clé`).
 */
export function unknownValue(en: string, fr: string, value: Unresolved): LocalizedText {
  return { en: `${en} is ${value.describe('en')}`, fr: `impossible de déterminer ${fr} (${value.describe('fr')})` };
}

/** True if the outcome is a pass or not-applicable. */
export function isClean(outcome: Outcome): outcome is 'pass' | 'not-applicable' {
  return outcome === 'pass' || outcome === 'not-applicable';
}

/** Combines the outcomes of several checks of one rule on one resource. */
export function combine(outcomes: readonly Outcome[]): Outcome {
  const problems = outcomes.flatMap((o) => (isClean(o) ? [] : Array.isArray(o) ? o : [o as Problem]));
  if (problems.length) return problems;
  return outcomes.includes('pass') ? 'pass' : 'not-applicable';
}
