import { accessLogDestinations, referenced } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { show } from '../values';
import { ACCESS_LOG_EXCEPTION } from './builtin-exceptions';
import { DATA_KEYS } from './data-keys';
import { levelOf, levelUnknown } from './helpers';

/** KEY-1: data whose keys must be known only to the customer uses an allowlisted external key. */
export const key1ExternalKey: ResourceRule = {
  id: 'KEY-1/external-key',
  control: 'KEY-1',
  scope: 'resource',
  title: 'Keys of sensitive data are known only to the customer',
  description:
    "A data store of a level whose key custody is 'customer-exclusive' (sensitive, secret) is encrypted with a key on the profile's allowlist of external-key-store or customer-HSM keys. CloudFormation cannot create such keys (Origin is AWS_KMS or EXTERNAL only), so a key of the template never qualifies. Built-in exception: the destination of server access logs, which S3 accepts only with SSE-S3.",
  remediation:
    "Encrypt with a key of an external key store (XKS) or customer HSM listed in the profile's allowlists.externalKeyArns",
  appliesTo: Object.keys(DATA_KEYS),
  check(store: Resource, { profile, input }: RuleContext): Outcome {
    const level = levelOf(store);
    if (!level) return levelUnknown(store, 'whether its key must be known only to the customer');
    if (profile.levels[level].keyCustody !== 'customer-exclusive') return 'not-applicable';
    const logSource = store.type === 'AWS::S3::Bucket' ? accessLogDestinations(input).get(store) : undefined;
    if (logSource) {
      return fail(`level '${level}' needs a key known only to the customer, and S3 access logs allow none`, {
        exception: `${ACCESS_LOG_EXCEPTION} (of '${logSource.id}')`,
      });
    }
    const allowed = profile.allowlists.externalKeyArns;
    return combine(
      DATA_KEYS[store.type](store.properties).map((key): Outcome => {
        if (typeof key === 'string' && allowed.includes(key)) return 'pass';
        if (key === undefined)
          return fail(`level '${level}' needs a key known only to the customer, and no key is named`);
        const own = referenced(key, store.template);
        if (own)
          return fail(
            `key '${own.id}' is a KMS key of the template, known to AWS; level '${level}' needs an allowlisted external key`,
          );
        if (isUnresolved(key) && !key.determined) return cannotProve(`its key is ${key.describe()}`);
        return fail(`key ${show(key)} is not on the profile's allowlist of external keys`);
      }),
    );
  },
};
