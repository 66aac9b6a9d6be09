import { keyHolder } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type RuleContext } from '../rule';
import type { Maybe } from '../values';
import { levelOf, levelUnknown } from './helpers';

/** How one resource encrypts its data at rest, as read from its properties. */
export interface AtRest {
  /** The switch that turns encryption on (`Encrypted`, `StorageEncrypted`), when the service has one. */
  readonly enabled?: Maybe<boolean>;
  /** The switch's name, for messages. */
  readonly enabledProperty?: string;
  /** True if the service encrypts even when the switch is absent (with a provider key). */
  readonly encryptedByDefault: boolean;
  /** The value naming the key, as resolved. */
  readonly key: unknown;
  /** The property naming the key, for messages. */
  readonly keyProperty: string;
  /** True if encryption is on but explicitly with a provider-managed key (e.g. SSE-S3). */
  readonly providerKey?: boolean;
  /** The reason of a built-in exception that waives a provider key here. */
  readonly exception?: string;
}

/**
 * ENC-1 for one resource: encrypted at rest, with a customer-managed key unless the level's
 * key custody allows provider keys (`public`).
 */
export function judgeAtRest(resource: Resource, { profile }: RuleContext, atRest: AtRest): Outcome {
  const { enabled, enabledProperty } = atRest;
  if (isUnresolved(enabled)) return cannotProve(`${enabledProperty} is ${enabled.describe()}`);
  const holder = atRest.providerKey ? 'provider' : keyHolder(atRest.key, resource.template);
  const encrypted = enabled === true || (enabled === undefined && (atRest.encryptedByDefault || holder === 'customer'));
  if (!encrypted) {
    return fail(
      enabledProperty
        ? `the data is not encrypted at rest (${enabledProperty} is ${enabled === undefined ? 'not set' : 'false'})`
        : 'the data is not encrypted at rest',
    );
  }
  if (holder === 'customer') return 'pass';
  const level = levelOf(resource);
  const custody = level ? profile.levels[level].keyCustody : undefined;
  if (custody === 'provider') return 'pass';
  if (isUnresolved(holder)) {
    return cannotProve(
      `whether ${atRest.keyProperty} names a customer-managed key cannot be known: ${holder.describe()}`,
    );
  }
  const how = `${atRest.keyProperty} ${holder === 'provider' ? 'names a provider-managed key' : 'not set'}`;
  if (atRest.exception) {
    return fail(`the data is encrypted with a provider-managed key (${how})`, { exception: atRest.exception });
  }
  if (!level) return levelUnknown(resource, 'whether a provider-managed key is acceptable');
  return fail(
    `the data is encrypted with a provider-managed key (${how}), but level '${level}' needs a customer-managed key`,
  );
}
