import { isUnresolved } from '../intrinsics';
import { bucketNamed, resourcesOfType } from '../facts';
import type { CheckInput, Resource } from '../model';
import { combine, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import type { LocalizedText } from '../../core';
import { at, list, shown, str } from '../values';
import { judgeCopyRegion } from './helpers';

/** The region of the bucket a replication destination names, or why it is unknown. */
function destinationRegion(value: unknown, input: CheckInput): { region?: string; why: LocalizedText } {
  if (isUnresolved(value) && !value.determined) return { why: { en: value.describe('en'), fr: value.describe('fr') } };
  const name = typeof value === 'string' ? value.replace(/^arn:[^:]+:s3:::/, '').split('/')[0] : undefined;
  const destination = resourcesOfType(input, 'AWS::S3::Bucket').find((b) => name && b.properties.BucketName === name);
  if (!destination) {
    const v = shown(value);
    return {
      why: {
        en: `${v.en} is not a bucket of the input, and S3 ARNs carry no region`,
        fr: `${v.fr} n'est pas un compartiment des artefacts vérifiés, et les ARN S3 ne portent pas de région`,
      },
    };
  }
  const region = destination.template.stack.region;
  return region
    ? { region, why: { en: '', fr: '' } }
    : {
        why: {
          en: `the stack of bucket '${destination.id}' has no known region`,
          fr: `la pile du compartiment '${destination.id}' n'a pas de région connue`,
        },
      };
}

/** RES-2: S3 replication copies objects only to regions allowed for the bucket's level. */
export const res2S3Replication: ResourceRule = {
  id: 'RES-2/s3-replication-region',
  control: 'RES-2',
  scope: 'resource',
  title: {
    en: 'S3 replication stays in allowed regions',
    fr: 'La réplication S3 reste dans des régions autorisées',
  },
  description:
    "Every enabled rule of a bucket's ReplicationConfiguration copies to a bucket in a region allowed for the bucket's level. S3 ARNs carry no region: a destination outside the input cannot be proven.",
  remediation: {
    en: 'Replicate only to a bucket of an allowed region (declared in the same input), or remove the replication',
    fr: "Ne répliquer que vers un compartiment d'une région autorisée (déclaré parmi les mêmes artefacts vérifiés), ou supprimer la réplication",
  },
  appliesTo: ['AWS::S3::Bucket'],
  check(bucket: Resource, { profile, input }: RuleContext): Outcome {
    const rules = list(at(bucket.properties, 'ReplicationConfiguration.Rules'));
    if (rules === undefined) return 'not-applicable';
    if (isUnresolved(rules)) {
      const why = { en: rules.describe('en'), fr: rules.describe('fr') };
      return judgeCopyRegion(profile, bucket, { en: 'S3 replication', fr: 'réplication S3' }, undefined, why) ?? 'pass';
    }
    return combine(
      rules.map((rule) => {
        if (str(at(rule, 'Status')) === 'Disabled') return 'not-applicable';
        const destination = at(rule, 'Destination.Bucket');
        // A bucket of the same template is in the same region, which RES-1 judges.
        if (bucketNamed(destination, bucket.template)) return 'pass';
        const { region, why } = destinationRegion(destination, input);
        const to = shown(destination);
        const what = { en: `replication to ${to.en}`, fr: `réplication vers ${to.fr}` };
        return judgeCopyRegion(profile, bucket, what, region, why) ?? 'pass';
      }),
    );
  },
};
