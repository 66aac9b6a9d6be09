import { bucketNamed, keyHolder, resourcesOfType } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { bool, show } from '../values';

function setting(trail: Resource, name: string, defaultValue: boolean, what: string): Outcome {
  const value = bool(trail.properties[name]);
  if (isUnresolved(value)) return cannotProve(`${name} is ${value.describe()}`);
  return (value ?? defaultValue) ? 'pass' : fail(`${what} (${name} ${value === undefined ? 'not set' : 'false'})`);
}

/** The trail's bucket, in the same template or anywhere in the input. */
function trailBucket(trail: Resource, { input }: RuleContext): Resource | undefined {
  const name = trail.properties.S3BucketName;
  return (
    bucketNamed(name, trail.template) ??
    resourcesOfType(input, 'AWS::S3::Bucket').find((b) => typeof name === 'string' && b.properties.BucketName === name)
  );
}

/** LOG-1: trails log everywhere, with validation, encryption, to a locked bucket. */
export const log1TrailSettings: ResourceRule = {
  id: 'LOG-1/trail-settings',
  control: 'LOG-1',
  scope: 'resource',
  title: 'Trails are logging, multi-region, validated, encrypted and locked',
  description:
    'An AWS::CloudTrail::Trail has IsLogging, IsMultiRegionTrail, IncludeGlobalServiceEvents (true when absent) and EnableLogFileValidation true, a KMSKeyId naming a customer-managed key, and writes to a bucket with Object Lock enabled.',
  remediation:
    'Set IsLogging, IsMultiRegionTrail, IncludeGlobalServiceEvents and EnableLogFileValidation to true, KMSKeyId to a customer-managed key, and write to a bucket with ObjectLockEnabled',
  appliesTo: ['AWS::CloudTrail::Trail'],
  check(trail: Resource, context: RuleContext): Outcome {
    const outcomes: Outcome[] = [
      setting(trail, 'IsLogging', false, 'the trail is not logging'),
      setting(trail, 'IsMultiRegionTrail', false, 'the trail covers one region only'),
      setting(trail, 'IncludeGlobalServiceEvents', true, 'the trail leaves out global service events (IAM, STS…)'),
      setting(trail, 'EnableLogFileValidation', false, 'log files are not validated, so tampering would go unseen'),
    ];
    const holder = keyHolder(trail.properties.KMSKeyId, trail.template);
    if (holder === undefined) outcomes.push(fail('the trail is not encrypted with a KMS key (KMSKeyId not set)'));
    else if (isUnresolved(holder)) outcomes.push(cannotProve(`KMSKeyId is ${holder.describe()}`));
    else if (holder === 'provider') outcomes.push(fail('KMSKeyId names a provider-managed key'));
    const bucket = trailBucket(trail, context);
    if (!bucket) {
      outcomes.push(
        cannotProve(
          `the trail's bucket ${show(trail.properties.S3BucketName)} is not in the input, so its Object Lock cannot be proven`,
        ),
      );
    } else {
      const locked = bool(bucket.properties.ObjectLockEnabled);
      if (isUnresolved(locked))
        outcomes.push(cannotProve(`ObjectLockEnabled of bucket '${bucket.id}' is ${locked.describe()}`));
      else if (locked !== true)
        outcomes.push(fail(`the trail's bucket '${bucket.id}' has no Object Lock, so its logs can be altered`));
    }
    return combine(outcomes);
  },
};
