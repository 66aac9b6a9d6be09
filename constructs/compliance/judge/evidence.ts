import { findCloudRegion } from '../../core';
import { isResourceRef, isUnresolved } from '../normalize/intrinsics';
import type { Template } from '../normalize/model';

/**
 * Observed evidence: the facts a rule read to reach its result (a key's id and holder, a
 * retention in days, a region and its country, a statement's id, a CIDR and a port), carried by
 * every pass and every finding so that a report shows what was seen, not the rule's title.
 *
 * Values are language-neutral (ids, numbers, flags, lists of ids): the reports translate
 * around them, never inside them. A value the artifact does not determine is shown as the
 * expression that would decide it (`{"Ref":"KeyArn"}`), never guessed.
 */

/** One observed fact. */
export type EvidenceValue = string | number | boolean | readonly string[];

/** The facts of one result, by field name (the rule's `observes`). */
export type Evidence = Readonly<Record<string, EvidenceValue>>;

/** The longest text an observed value keeps (a policy document is cut, not copied). */
const MAX_VALUE_LENGTH = 200;

function cut(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/**
 * A property value as evidence: strings, numbers and flags as they are; a reference as
 * `Ref NAME` (or `GetAtt NAME.Attr`); what the reader could not resolve as its text if known,
 * else the expression; a list member by member; anything else as compact JSON, cut at 200
 * characters. `undefined` stays `undefined` (the field is then absent).
 */
export function observed(value: unknown): EvidenceValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return cut(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (isResourceRef(value)) return cut(value.toString());
  if (isUnresolved(value)) return cut(value.text ?? value.describe('en'));
  if (Array.isArray(value)) {
    return value.map((v) => {
      const shown = observed(v);
      return shown === undefined ? '' : typeof shown === 'object' ? shown.join(',') : String(shown);
    });
  }
  return cut(JSON.stringify(value));
}

/**
 * Evidence from fields whose values may be missing: each value goes through {@link observed},
 * and fields without a value are left out.
 */
export function evidenceOf(fields: Readonly<Record<string, unknown>>): Evidence {
  const out: Record<string, EvidenceValue> = {};
  for (const [name, value] of Object.entries(fields)) {
    const shown = observed(value);
    if (shown !== undefined) out[name] = shown;
  }
  return out;
}

/** The region of a template's stack and its country, as evidence (`unknown` without an environment). */
export function placeEvidence(template: Template): { region: string; country: string } {
  const region = template.stack.region;
  if (region === undefined) return { region: 'unknown', country: 'unknown' };
  return { region, country: findCloudRegion(region)?.country ?? 'unknown' };
}

/** True if `value` is an observed value a reader can see (not empty text, not an empty list). */
export function isObservedValue(value: EvidenceValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** `name=value; …` of an evidence object, for one-line reports (lists joined with commas). */
export function formatEvidence(evidence: Evidence | undefined): string {
  if (!evidence) return '';
  return Object.entries(evidence)
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join('; ');
}
