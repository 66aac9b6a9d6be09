import { logBuckets } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import {
  cannotProve,
  combine,
  fail,
  jours,
  unknownValue,
  type Outcome,
  type ResourceRule,
  type RuleContext,
} from '../judge/rule';
import { at, int, list, str } from '../normalize/values';

/** LOG-2: log buckets neither expire nor lock logs for less than the profile's minimum. */
export const log2LogBucketRetention: ResourceRule = {
  id: 'LOG-2/log-bucket-retention',
  control: 'LOG-2',
  scope: 'resource',
  title: {
    en: "Log buckets keep logs at least the profile's minimum",
    fr: 'Les compartiments de journaux conservent les journaux au moins pendant la durée minimale du profil',
  },
  description:
    "A log bucket (tagged sovereign-lz.io/purpose: logs, or the destination of access logs, a trail or flow logs) has no enabled lifecycle expiration and no Object Lock default retention shorter than the profile's minimum.",
  remediation: {
    en: "Expire log objects no sooner than the profile's logRetentionMinDays, and lock them at least as long",
    fr: "Ne faire expirer les objets de journaux qu'après logRetentionMinDays du profil, et les verrouiller au moins aussi longtemps",
  },
  appliesTo: ['AWS::S3::Bucket'],
  check(bucket: Resource, { profile, input }: RuleContext): Outcome {
    if (!logBuckets(input).has(bucket)) return 'not-applicable';
    const source = profile.figureSources.logRetention;
    const min = profile.logRetentionMinDays;
    const outcomes: Outcome[] = [];
    const rules = list(at(bucket.properties, 'LifecycleConfiguration.Rules'));
    if (isUnresolved(rules)) {
      outcomes.push(cannotProve(unknownValue('its lifecycle rules', 'ses règles de cycle de vie', rules), { source }));
    }
    for (const rule of isUnresolved(rules) ? [] : (rules ?? [])) {
      if (str(at(rule, 'Status')) === 'Disabled') continue;
      const days = int(at(rule, 'ExpirationInDays'));
      if (isUnresolved(days)) {
        outcomes.push(cannotProve(unknownValue('ExpirationInDays', 'ExpirationInDays', days), { source }));
      } else if (days !== undefined && days < min) {
        outcomes.push(
          fail(
            {
              en: `a lifecycle rule deletes logs after ${days} days, less than the profile's ${min}`,
              fr: `une règle de cycle de vie supprime les journaux après ${jours(days)}, moins que les ${jours(min)} du profil`,
            },
            { source },
          ),
        );
      }
    }
    const retention = at(bucket.properties, 'ObjectLockConfiguration.Rule.DefaultRetention');
    const days = int(at(retention, 'Days'));
    const years = int(at(retention, 'Years'));
    if (isUnresolved(days) || isUnresolved(years)) {
      outcomes.push(
        cannotProve(
          {
            en: 'its Object Lock retention is not a literal value',
            fr: "sa durée de conservation par verrouillage d'objet (Object Lock) n'est pas une valeur littérale",
          },
          { source },
        ),
      );
    } else if (days !== undefined || years !== undefined) {
      const locked = days ?? (years ?? 0) * 365;
      if (locked < min) {
        outcomes.push(
          fail(
            {
              en: `Object Lock keeps logs ${locked} days, less than the profile's ${min}`,
              fr: `le verrouillage d'objet (Object Lock) conserve les journaux ${jours(locked)}, moins que les ${jours(min)} du profil`,
            },
            { source },
          ),
        );
      }
    }
    return outcomes.length ? combine(outcomes) : 'pass';
  },
};
