import { logBuckets } from '../normalize/facts';
import { isUnresolved, type Unresolved } from '../normalize/intrinsics';
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
import { evidenceOf } from '../judge/evidence';

/** The ExpirationInDays of the bucket's enabled lifecycle rules that set one, or the rules' expression when unknown. */
function expirations(bucket: Resource): Array<number | Unresolved> | Unresolved {
  const rules = list(at(bucket.properties, 'LifecycleConfiguration.Rules'));
  if (isUnresolved(rules)) return rules;
  return (rules ?? []).flatMap((rule) => {
    if (str(at(rule, 'Status')) === 'Disabled') return [];
    const days = int(at(rule, 'ExpirationInDays'));
    return days === undefined ? [] : [days];
  });
}

/** The days of the bucket's Object Lock default retention (a year as 365), or the value that is not literal. */
function lockDays(bucket: Resource): number | Unresolved | undefined {
  const retention = at(bucket.properties, 'ObjectLockConfiguration.Rule.DefaultRetention');
  const days = int(at(retention, 'Days'));
  const years = int(at(retention, 'Years'));
  if (isUnresolved(days)) return days;
  if (isUnresolved(years)) return years;
  return days ?? (years === undefined ? undefined : years * 365);
}

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
  observes: ['expirationDays', 'lockDays', 'minimumDays'],
  observe(bucket: Resource, { profile }: RuleContext) {
    const expiring = expirations(bucket);
    const known = isUnresolved(expiring) ? [] : expiring.filter((d): d is number => !isUnresolved(d));
    const unknown = isUnresolved(expiring) ? expiring : expiring.find(isUnresolved);
    return evidenceOf({
      expirationDays: known.length ? Math.min(...known) : (unknown ?? 'never expires'),
      lockDays: lockDays(bucket) ?? 'none',
      minimumDays: profile.logRetentionMinDays,
    });
  },
  check(bucket: Resource, { profile, input }: RuleContext): Outcome {
    if (!logBuckets(input).has(bucket)) return 'not-applicable';
    const source = profile.figureSources.logRetention;
    const min = profile.logRetentionMinDays;
    const outcomes: Outcome[] = [];
    const expiring = expirations(bucket);
    if (isUnresolved(expiring)) {
      outcomes.push(
        cannotProve(unknownValue('its lifecycle rules', 'ses règles de cycle de vie', expiring), { source }),
      );
    }
    for (const days of isUnresolved(expiring) ? [] : expiring) {
      if (isUnresolved(days)) {
        outcomes.push(cannotProve(unknownValue('ExpirationInDays', 'ExpirationInDays', days), { source }));
      } else if (days < min) {
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
    const locked = lockDays(bucket);
    if (isUnresolved(locked)) {
      outcomes.push(
        cannotProve(
          {
            en: 'its Object Lock retention is not a literal value',
            fr: "sa durée de conservation par verrouillage d'objet (Object Lock) n'est pas une valeur littérale",
          },
          { source },
        ),
      );
    } else if (locked !== undefined && locked < min) {
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
    return outcomes.length ? combine(outcomes) : 'pass';
  },
};
