import { isUnresolved } from '../intrinsics';
import { bucketNamed, resourcesOfType } from '../facts';
import type { CheckInput, Resource } from '../model';
import { combine, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { at, list, show, str } from '../values';
import { judgeCopyRegion } from './helpers';

/** The region of the bucket a replication destination names, or why it is unknown. */
function destinationRegion(value: unknown, input: CheckInput): { region?: string; why: string } {
  if (isUnresolved(value) && !value.determined) return { why: value.describe() };
  const name = typeof value === 'string' ? value.replace(/^arn:[^:]+:s3:::/, '').split('/')[0] : undefined;
  const destination = resourcesOfType(input, 'AWS::S3::Bucket').find((b) => name && b.properties.BucketName === name);
  if (!destination) return { why: `${show(value)} is not a bucket of the input, and S3 ARNs carry no region` };
  const region = destination.template.stack.region;
  return region ? { region, why: '' } : { why: `the stack of bucket '${destination.id}' has no known region` };
}

/** RES-2: S3 replication copies objects only to regions allowed for the bucket's level. */
export const res2S3Replication: ResourceRule = {
  id: 'RES-2/s3-replication-region',
  control: 'RES-2',
  scope: 'resource',
  title: 'S3 replication stays in allowed regions',
  description:
    "Every enabled rule of a bucket's ReplicationConfiguration copies to a bucket in a region allowed for the bucket's level. S3 ARNs carry no region: a destination outside the input cannot be proven.",
  remediation:
    'Replicate only to a bucket of an allowed region (declared in the same input), or remove the replication',
  appliesTo: ['AWS::S3::Bucket'],
  check(bucket: Resource, { profile, input }: RuleContext): Outcome {
    const rules = list(at(bucket.properties, 'ReplicationConfiguration.Rules'));
    if (rules === undefined) return 'not-applicable';
    if (isUnresolved(rules)) {
      return judgeCopyRegion(profile, bucket, 'S3 replication', undefined, rules.describe()) ?? 'pass';
    }
    return combine(
      rules.map((rule) => {
        if (str(at(rule, 'Status')) === 'Disabled') return 'not-applicable';
        const destination = at(rule, 'Destination.Bucket');
        // A bucket of the same template is in the same region, which RES-1 judges.
        if (bucketNamed(destination, bucket.template)) return 'pass';
        const { region, why } = destinationRegion(destination, input);
        return judgeCopyRegion(profile, bucket, `replication to ${show(destination)}`, region, why) ?? 'pass';
      }),
    );
  },
};
