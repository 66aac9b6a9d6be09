import { logBuckets } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { at, int, list, str } from '../values';

/** LOG-2: log buckets neither expire nor lock logs for less than the profile's minimum. */
export const log2LogBucketRetention: ResourceRule = {
  id: 'LOG-2/log-bucket-retention',
  control: 'LOG-2',
  scope: 'resource',
  title: "Log buckets keep logs at least the profile's minimum",
  description:
    "A log bucket (tagged sovereign-lz.io/purpose: logs, or the destination of access logs, a trail or flow logs) has no enabled lifecycle expiration and no Object Lock default retention shorter than the profile's minimum.",
  remediation: "Expire log objects no sooner than the profile's logRetentionMinDays, and lock them at least as long",
  appliesTo: ['AWS::S3::Bucket'],
  check(bucket: Resource, { profile, input }: RuleContext): Outcome {
    if (!logBuckets(input).has(bucket)) return 'not-applicable';
    const source = profile.figureSources.logRetention;
    const min = profile.logRetentionMinDays;
    const outcomes: Outcome[] = [];
    const rules = list(at(bucket.properties, 'LifecycleConfiguration.Rules'));
    if (isUnresolved(rules)) outcomes.push(cannotProve(`its lifecycle rules are ${rules.describe()}`, { source }));
    for (const rule of isUnresolved(rules) ? [] : (rules ?? [])) {
      if (str(at(rule, 'Status')) === 'Disabled') continue;
      const days = int(at(rule, 'ExpirationInDays'));
      if (isUnresolved(days)) outcomes.push(cannotProve(`ExpirationInDays is ${days.describe()}`, { source }));
      else if (days !== undefined && days < min) {
        outcomes.push(
          fail(`a lifecycle rule deletes logs after ${days} days, less than the profile's ${min}`, { source }),
        );
      }
    }
    const retention = at(bucket.properties, 'ObjectLockConfiguration.Rule.DefaultRetention');
    const days = int(at(retention, 'Days'));
    const years = int(at(retention, 'Years'));
    if (isUnresolved(days) || isUnresolved(years)) {
      outcomes.push(cannotProve('its Object Lock retention is not a literal value', { source }));
    } else if (days !== undefined || years !== undefined) {
      const locked = days ?? (years ?? 0) * 365;
      if (locked < min)
        outcomes.push(fail(`Object Lock keeps logs ${locked} days, less than the profile's ${min}`, { source }));
    }
    return outcomes.length ? combine(outcomes) : 'pass';
  },
};
