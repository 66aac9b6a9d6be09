import { keyHolder } from '../../normalize/facts';
import { isUnresolved } from '../../normalize/intrinsics';
import type { Resource } from '../../normalize/model';
import type { RuleContext } from '../../judge/rule';
import { observed, type Evidence, type EvidenceValue } from '../../judge/evidence';
import { getter, pick, type AtRestCheck, type CheckDoc } from './table';
import { levelOf } from '../helpers';

/**
 * The observed evidence of the table's checks: what the row's paths hold on a resource. The
 * field names are the CloudFormation property paths (the controls reference lists them per
 * type), so that an auditor finds the value where the template has it.
 */

/** The values at `paths` (`Path` → value), and the paths not set (`notSet`), or at their default (`defaults`). */
export function settingsEvidence(
  resource: Resource,
  paths: readonly string[],
  defaults: Readonly<Record<string, EvidenceValue>> = {},
): Evidence {
  const out: Record<string, EvidenceValue> = {};
  const notSet: string[] = [];
  const defaulted: string[] = [];
  for (const path of paths) {
    const values = pick(resource.properties, path)
      .map(observed)
      .filter((v) => v !== undefined);
    if (values.length === 1) out[path] = values[0];
    else if (values.length > 1) out[path] = values.map((v) => (Array.isArray(v) ? v.join(',') : String(v)));
    else if (defaults[path] !== undefined) {
      out[path] = defaults[path];
      defaulted.push(path);
    } else notSet.push(path);
  }
  if (defaulted.length) out.defaults = defaulted;
  if (notSet.length) out.notSet = notSet;
  return out;
}

const PROPERTY_PATH = /`([A-Z][A-Za-z0-9]*(?:(?:\[\])?\.[A-Z][A-Za-z0-9]*)*(?:\[\])?)`/g;

/**
 * The properties a hand-written check's reference names (backticked property paths): those the
 * resource sets with their values, the others under `notSet` (the service's default applies);
 * the fallback of checks that observe nothing of their own.
 */
export function docEvidence(doc: CheckDoc, resource: Resource): Evidence {
  const out: Record<string, EvidenceValue> = {};
  const notSet: string[] = [];
  for (const [, path] of doc.reads.matchAll(PROPERTY_PATH)) {
    if (path in out || notSet.includes(path)) continue;
    const value = path.includes('[]') ? pick(resource.properties, path)[0] : getter(path)(resource.properties);
    const shown = observed(value);
    if (shown !== undefined) out[path] = shown;
    // A value the reference quotes (`PublicRead`) is no property: only names with a lower-case letter after the first.
    else if (/^[A-Z][A-Za-z0-9.[\]]*[a-z]/.test(path)) notSet.push(path);
  }
  if (notSet.length) out.notSet = notSet;
  return out;
}

/**
 * ENC-1's evidence from the row's at-rest reading: who holds the key (`customer`, `provider`,
 * `none` when not encrypted, `unknown`) and the key named, per part when there are several; and
 * the level with its key custody, which decides whether a provider's key is acceptable.
 */
export function atRestEvidence(check: AtRestCheck, resource: Resource, context: RuleContext): Evidence {
  const reading = check.read(resource, context);
  if ('outcome' in reading) return {};
  const holders: string[] = [];
  const keys: string[] = [];
  for (const part of reading.parts) {
    const holder = part.providerKey ? 'provider' : keyHolder(part.key, resource.template);
    const off = part.enabled === false || (part.enabled === undefined && !part.encryptedByDefault && !holder);
    holders.push(
      off ? 'none' : isUnresolved(holder) ? 'unknown' : (holder ?? (part.encryptedByDefault ? 'provider' : 'none')),
    );
    const key = observed(part.key);
    if (key !== undefined) keys.push(Array.isArray(key) ? key.join(',') : String(key));
  }
  const one = reading.parts.length === 1;
  // The level decides whether a provider's key is acceptable (its key custody).
  const level = levelOf(resource);
  return {
    keyHolder: one ? holders[0] : holders,
    ...(keys.length ? { key: one ? keys[0] : keys } : {}),
    ...(level ? { level, keyCustody: context.profile.levels[level].keyCustody } : {}),
  };
}
