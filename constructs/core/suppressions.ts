import type { ClassificationLevel } from './classification';
import { CONTROL_IDS, controlOf, getControl, type ControlId } from './controls';
import type { LocalizedText } from './i18n';
import type { JurisdictionProfile } from './profile';
import { closestName, localizedSuggestion, suggesting } from './suggest';

/**
 * A justified waiver of a control or rule on a resource (a DGSSI-granted exception, say).
 * Written as `Metadata: {"sovereign-lz": {"suppressions": [...]}}` in CloudFormation, under
 * `//` in cdktf, or as the `sovereign-lz.io/suppressions` annotation on Kubernetes objects.
 */
export interface Suppression {
  /** A control id (`LOG-4`) or a rule id (`LOG-4/s3-access-logging`). */
  readonly id: string;
  /** Why the waiver is right here; at least {@link MIN_SUPPRESSION_REASON_LENGTH} characters. */
  readonly reason: string;
  /**
   * The last day the waiver holds (`YYYY-MM-DD`); after it, the finding returns.
   * @default - never expires
   */
  readonly expires?: string;
  /**
   * For a suppression written for a whole template (its top-level `Metadata`): the logical ids
   * of the resources it covers. Required there, so that a waiver never silences resources
   * nobody named; not allowed on a resource's own suppression.
   * @default - none (a resource's own suppression)
   */
  readonly resources?: readonly string[];
}

/** Where a suppression is written: on a resource, or in a template's top-level metadata. */
export type SuppressionScope = 'resource' | 'template';

/** The fewest letters or digits a suppression's reason may have. */
export const MIN_SUPPRESSION_REASON_LENGTH = 10;

/** The fewest distinct letters or digits a reason may have (`xxxxxxxxxx` says nothing). */
export const MIN_SUPPRESSION_REASON_DISTINCT = 5;

/** The fewest words a reason may have. */
export const MIN_SUPPRESSION_REASON_WORDS = 2;

/**
 * True if `reason` says something: at least {@link MIN_SUPPRESSION_REASON_LENGTH} letters or
 * digits (Unicode `\p{L}\p{N}`: zero-width spaces, punctuation and symbols do not count), at
 * least {@link MIN_SUPPRESSION_REASON_DISTINCT} of them distinct, in at least
 * {@link MIN_SUPPRESSION_REASON_WORDS} words.
 */
export function isMeaningfulReason(reason: string): boolean {
  const words = reason.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const characters = [...words.join('').toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c));
  return (
    characters.length >= MIN_SUPPRESSION_REASON_LENGTH &&
    new Set(characters).size >= MIN_SUPPRESSION_REASON_DISTINCT &&
    words.length >= MIN_SUPPRESSION_REASON_WORDS
  );
}

/** The fields of a suppression. */
const SUPPRESSION_FIELDS = ['id', 'reason', 'expires', 'resources'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/**
 * Problems with a list of suppressions (unknown control, empty reason, malformed expiry, a
 * template-wide one that names no resources), as sentences in every language; empty when they
 * are all well-formed.
 */
export function suppressionProblemTexts(
  suppressions: readonly unknown[],
  scope: SuppressionScope = 'resource',
): LocalizedText[] {
  const problems: LocalizedText[] = [];
  suppressions.forEach((s, i) => {
    const at = `suppressions[${i}]`;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      problems.push({
        en: `${at} must be an object {id, reason, expires?}`,
        fr: `${at} doit être un objet {id, reason, expires?}`,
      });
      return;
    }
    const { id, reason, expires, resources, ...rest } = s as Record<string, unknown>;
    if (typeof id !== 'string' || controlOf(id) === undefined) {
      // A misspelt control (`LOG4`, `ENC-l/s3-bucket-cmk`): the control it is near, with the rest kept.
      const [control, ...rule] = typeof id === 'string' ? id.split('/') : [''];
      const near = closestName(control, CONTROL_IDS);
      const meant = suggesting(near === undefined ? undefined : [near, ...rule].join('/'));
      problems.push({
        en: `${at}.id must name a control of the catalog (e.g. 'LOG-4' or 'LOG-4/slug'), got ${JSON.stringify(id)}${meant.en}`,
        fr: `${at}.id doit désigner un contrôle du catalogue (par exemple 'LOG-4' ou 'LOG-4/slug'), reçu ${JSON.stringify(id)}${meant.fr}`,
      });
    }
    if (typeof reason !== 'string' || !isMeaningfulReason(reason)) {
      problems.push({
        en: `${at}.reason must say why: at least ${MIN_SUPPRESSION_REASON_LENGTH} letters or digits, ${MIN_SUPPRESSION_REASON_DISTINCT} of them distinct, in ${MIN_SUPPRESSION_REASON_WORDS} words or more`,
        fr: `${at}.reason doit donner le motif : ${MIN_SUPPRESSION_REASON_LENGTH} lettres ou chiffres au moins, dont ${MIN_SUPPRESSION_REASON_DISTINCT} distincts, en ${MIN_SUPPRESSION_REASON_WORDS} mots ou plus`,
      });
    }
    if (scope === 'template') {
      if (
        !Array.isArray(resources) ||
        resources.length === 0 ||
        !resources.every((r) => typeof r === 'string' && r !== '')
      ) {
        problems.push({
          en: `${at}.resources must list the logical ids it covers: a template-wide suppression covers only the resources it names`,
          fr: `${at}.resources doit lister les identifiants logiques couverts : une dérogation pour tout le modèle ne couvre que les ressources qu'elle nomme`,
        });
      }
    } else if (resources !== undefined) {
      problems.push({
        en: `${at}.resources is only for a template-wide suppression (the template's top-level Metadata)`,
        fr: `${at}.resources ne sert qu'à une dérogation pour tout le modèle (Metadata de premier niveau du modèle)`,
      });
    }
    if (expires !== undefined && (typeof expires !== 'string' || !isValidDate(expires))) {
      problems.push({
        en: `${at}.expires must be a date YYYY-MM-DD, got ${JSON.stringify(expires)}`,
        fr: `${at}.expires doit être une date AAAA-MM-JJ, reçu ${JSON.stringify(expires)}`,
      });
    }
    for (const key of Object.keys(rest)) {
      const near = localizedSuggestion(key, SUPPRESSION_FIELDS);
      problems.push({
        en: `${at} has an unknown field '${key}'${near.en}`,
        fr: `${at} comporte un champ inconnu '${key}'${near.fr}`,
      });
    }
  });
  return problems;
}

/**
 * Problems with a list of suppressions (unknown control, short reason, malformed expiry),
 * as English sentences; empty when they are all well-formed.
 */
export function suppressionProblems(suppressions: readonly unknown[], scope: SuppressionScope = 'resource'): string[] {
  return suppressionProblemTexts(suppressions, scope).map((text) => text.en);
}

/**
 * True if the suppression names this rule (`ENC-1/s3-bucket-cmk`) or its control (`ENC-1`).
 * (A template-wide suppression's `resources` decide which resources carry it: see the readers.)
 */
export function suppressionCovers(suppression: Suppression, ruleOrControl: string): boolean {
  return suppression.id === ruleOrControl || suppression.id === controlOf(ruleOrControl);
}

/** True if the suppression's expiry is before `today` (`YYYY-MM-DD`). */
export function isSuppressionExpired(suppression: Suppression, today: string): boolean {
  return suppression.expires !== undefined && suppression.expires < today;
}

/** Today's date as `YYYY-MM-DD` in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * If a finding of `control` on data of `level` falls under an absolute rule of `profile`
 * (e.g. `sensitive` outside Moroccan territory, any placement of `secret`), returns the
 * rule's legal source; no suppression lifts such a finding.
 */
export function absoluteRuleSource(
  profile: JurisdictionProfile,
  control: ControlId,
  level: ClassificationLevel,
): string | undefined {
  const policy = profile.levels[level];
  if (!policy.absoluteResidency) return undefined;
  return getControl(control).category === 'residency' && control !== 'RES-4' ? policy.source : undefined;
}

/**
 * The suppression that lifts `control` on data of `level`: the first that covers it, unless
 * the control is absolute for that level under the profile. What a construct enforcing the
 * control asks before relaxing it.
 */
export function waiverFor(
  suppressions: readonly Suppression[],
  profile: JurisdictionProfile,
  level: ClassificationLevel,
  control: ControlId,
): Suppression | undefined {
  if (absoluteRuleSource(profile, control, level)) return undefined;
  return suppressions.find((s) => suppressionCovers(s, control));
}
