import { keyHolder } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import { localize, type LocalizedText } from '../../core';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type RuleContext } from '../judge/rule';
import type { Maybe } from '../normalize/values';
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
  readonly keyProperty: string | LocalizedText;
  /** True if encryption is on but explicitly with a provider-managed key (e.g. SSE-S3). */
  readonly providerKey?: boolean;
  /** The reason of a built-in exception that waives a provider key here. */
  readonly exception?: LocalizedText;
  /**
   * How the provider key comes about, in messages, when the key property does not say it
   * (e.g. a service that offers no customer-managed key).
   * @default - `<keyProperty> names a provider-managed key` or `<keyProperty> not set`
   */
  readonly how?: LocalizedText;
}

/**
 * ENC-1 for one resource: encrypted at rest, with a customer-managed key unless the level's
 * key custody allows provider keys (`public`).
 */
export function judgeAtRest(resource: Resource, { profile }: RuleContext, atRest: AtRest): Outcome {
  const { enabled, enabledProperty } = atRest;
  if (isUnresolved(enabled)) return cannotProve(unknownValue(`${enabledProperty}`, `${enabledProperty}`, enabled));
  const holder = atRest.providerKey ? 'provider' : keyHolder(atRest.key, resource.template);
  // A key named (even one that cannot be resolved, e.g. a parameter) means the data is encrypted: with whose key is the question.
  const encrypted = enabled === true || (enabled === undefined && (atRest.encryptedByDefault || holder !== undefined));
  if (!encrypted) {
    return fail(
      enabledProperty
        ? {
            en: `the data is not encrypted at rest (${enabledProperty} is ${enabled === undefined ? 'not set' : 'false'})`,
            fr: `les données ne sont pas chiffrées au repos (${enabledProperty} ${enabled === undefined ? 'non défini' : 'vaut false'})`,
          }
        : { en: 'the data is not encrypted at rest', fr: 'les données ne sont pas chiffrées au repos' },
    );
  }
  if (holder === 'customer') return 'pass';
  const level = levelOf(resource);
  const custody = level ? profile.levels[level].keyCustody : undefined;
  if (custody === 'provider') return 'pass';
  const property = { en: localize(atRest.keyProperty, 'en'), fr: localize(atRest.keyProperty, 'fr') };
  if (isUnresolved(holder)) {
    return cannotProve({
      en: `whether ${property.en} names a customer-managed key cannot be known: ${holder.describe('en')}`,
      fr: `impossible de savoir si ${property.fr} désigne une clé gérée par le client : ${holder.describe('fr')}`,
    });
  }
  const how = atRest.how ?? {
    en: `${property.en} ${holder === 'provider' ? 'names a provider-managed key' : 'not set'}`,
    fr: `${property.fr} ${holder === 'provider' ? 'désigne une clé gérée par le fournisseur' : 'non défini'}`,
  };
  const provider = {
    en: `the data is encrypted with a provider-managed key (${how.en})`,
    fr: `les données sont chiffrées avec une clé gérée par le fournisseur (${how.fr})`,
  };
  if (atRest.exception) return fail(provider, { exception: atRest.exception });
  if (!level) {
    return levelUnknown(resource, {
      en: 'whether a provider-managed key is acceptable',
      fr: "qu'une clé gérée par le fournisseur est acceptable",
    });
  }
  return fail({
    en: `${provider.en}, but level '${level}' needs a customer-managed key`,
    fr: `${provider.fr}, alors que le niveau '${level}' exige une clé gérée par le client`,
  });
}
