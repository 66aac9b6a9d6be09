import type { Resource } from '../normalize/model';
import type { Outcome, RuleContext } from '../judge/rule';
import { atRestCheck } from './data-stores';

/**
 * The keys a data store names, as the data-store table reads them (one per part: a replica, a
 * block device…): `undefined` for a part without a customer-chosen key (a provider key, no key
 * property, or no encryption). An outcome instead when the store holds no data of its own, or
 * cannot be read.
 */
export function dataKeys(store: Resource, context: RuleContext): unknown[] | Outcome {
  const check = atRestCheck(store.type);
  if (!check) return 'not-applicable';
  const reading = check.read(store, context);
  if ('outcome' in reading) return reading.outcome;
  return reading.parts.map((part) => (part.providerKey || part.enabled === false ? undefined : part.key));
}
