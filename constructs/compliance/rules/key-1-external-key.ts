import { accessLogDestinations, referenced } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import {
  cannotProve,
  combine,
  fail,
  isClean,
  unknownValue,
  type Outcome,
  type ResourceRule,
  type RuleContext,
} from '../judge/rule';
import { show } from '../normalize/values';
import { accessLogException } from './builtin-exceptions';
import { dataKeys } from './data-keys';
import { atRestTypes } from './data-stores';
import { levelOf, levelUnknown } from './helpers';
import { evidenceOf } from '../judge/evidence';

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
    "A data store of the data-store table (every type ENC-1 judges at rest) of a level whose key custody is 'customer-exclusive' (sensitive, secret) is encrypted with a key on the profile's allowlist of external-key-store or customer-HSM keys, on every part (replica, block device…). CloudFormation cannot create such keys (Origin is AWS_KMS or EXTERNAL only), so a key of the template never qualifies; a provider key, or a service that offers no key choice, never does. Built-in exception: the destination of server access logs, which S3 accepts only with SSE-S3.",
  remediation: {
    en: "Encrypt with a key of an external key store (XKS) or customer HSM listed in the profile's allowlists.externalKeyArns",
    fr: "Chiffrer avec une clé d'un magasin de clés externe (XKS) ou d'un HSM du client, inscrite dans allowlists.externalKeyArns du profil",
  },
  appliesTo: atRestTypes(),
  observes: ['level', 'keyCustody', 'keys', 'allowedKeys'],
  observe(store: Resource, context: RuleContext) {
    const level = levelOf(store);
    const keys = dataKeys(store, context);
    return evidenceOf({
      level,
      keyCustody: level && context.profile.levels[level].keyCustody,
      // One per part; `none` for a part without a key of the customer's choice.
      keys: Array.isArray(keys) ? keys.slice(0, 20).map((key) => key ?? 'none') : undefined,
      allowedKeys: context.profile.allowlists.externalKeyArns,
    });
  },
  check(store: Resource, context: RuleContext): Outcome {
    const { profile, input } = context;
    const level = levelOf(store);
    if (level && profile.levels[level].keyCustody !== 'customer-exclusive') return 'not-applicable';
    // A store whose data is another's (an instance of a cluster), or that holds none here.
    const keys = dataKeys(store, context);
    if (!Array.isArray(keys) && isClean(keys as Outcome)) return 'not-applicable';
    if (!level) {
      return levelUnknown(store, {
        en: 'whether its key must be known only to the customer',
        fr: 'que sa clé doit être connue du seul client',
      });
    }
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
    if (!Array.isArray(keys)) return keys as Outcome;
    const allowed = profile.allowlists.externalKeyArns;
    return combine(
      keys.map((key): Outcome => {
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
