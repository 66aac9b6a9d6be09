import { accessLogDestinations, referenced } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, unknownValue, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { show } from '../values';
import { accessLogException } from './builtin-exceptions';
import { DATA_KEYS } from './data-keys';
import { levelOf, levelUnknown } from './helpers';

/** KEY-1: data whose keys must be known only to the customer uses an allowlisted external key. */
export const key1ExternalKey: ResourceRule = {
  id: 'KEY-1/external-key',
  control: 'KEY-1',
  scope: 'resource',
  title: {
    en: 'Keys of sensitive data are known only to the customer',
    fr: 'Les clés des données sensibles ne sont connues que du client',
  },
  description:
    "A data store of a level whose key custody is 'customer-exclusive' (sensitive, secret) is encrypted with a key on the profile's allowlist of external-key-store or customer-HSM keys. CloudFormation cannot create such keys (Origin is AWS_KMS or EXTERNAL only), so a key of the template never qualifies. Built-in exception: the destination of server access logs, which S3 accepts only with SSE-S3.",
  remediation: {
    en: "Encrypt with a key of an external key store (XKS) or customer HSM listed in the profile's allowlists.externalKeyArns",
    fr: "Chiffrer avec une clé d'un magasin de clés externe (XKS) ou d'un HSM du client, inscrite dans allowlists.externalKeyArns du profil",
  },
  appliesTo: Object.keys(DATA_KEYS),
  check(store: Resource, { profile, input }: RuleContext): Outcome {
    const level = levelOf(store);
    if (!level) {
      return levelUnknown(store, {
        en: 'whether its key must be known only to the customer',
        fr: 'que sa clé doit être connue du seul client',
      });
    }
    if (profile.levels[level].keyCustody !== 'customer-exclusive') return 'not-applicable';
    const logSource = store.type === 'AWS::S3::Bucket' ? accessLogDestinations(input).get(store) : undefined;
    if (logSource) {
      return fail(
        {
          en: `level '${level}' needs a key known only to the customer, and S3 access logs allow none`,
          fr: `le niveau '${level}' exige une clé connue du seul client, et les journaux d'accès S3 n'en permettent aucune`,
        },
        { exception: accessLogException(logSource.id) },
      );
    }
    const allowed = profile.allowlists.externalKeyArns;
    return combine(
      DATA_KEYS[store.type](store.properties).map((key): Outcome => {
        if (typeof key === 'string' && allowed.includes(key)) return 'pass';
        if (key === undefined) {
          return fail({
            en: `level '${level}' needs a key known only to the customer, and no key is named`,
            fr: `le niveau '${level}' exige une clé connue du seul client, et aucune clé n'est désignée`,
          });
        }
        const own = referenced(key, store.template);
        if (own) {
          return fail({
            en: `key '${own.id}' is a KMS key of the template, known to AWS; level '${level}' needs an allowlisted external key`,
            fr: `la clé '${own.id}' est une clé KMS du modèle, connue d'AWS ; le niveau '${level}' exige une clé externe inscrite sur la liste d'autorisation`,
          });
        }
        if (isUnresolved(key) && !key.determined) return cannotProve(unknownValue('its key', 'sa clé', key));
        return fail({
          en: `key ${show(key)} is not on the profile's allowlist of external keys`,
          fr: `la clé ${show(key, 'fr')} ne figure pas sur la liste d'autorisation des clés externes du profil`,
        });
      }),
    );
  },
};
