import { bucketPolicies, statements } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, unknownValue, type Outcome, type ResourceRule } from '../rule';
import { at, str, strings } from '../values';

const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

/** ACC-1: no bucket policy or ACL opens a bucket to everyone. */
export const acc1S3PublicGrant: ResourceRule = {
  id: 'ACC-1/s3-public-grant',
  control: 'ACC-1',
  scope: 'resource',
  title: {
    en: 'No bucket policy or ACL grants public access',
    fr: "Aucune politique de compartiment ni ACL n'accorde d'accès public",
  },
  description:
    'No Allow statement of a bucket policy has the principal * without a Condition, and the bucket has no public canned ACL (PublicRead, PublicReadWrite, AuthenticatedRead).',
  remediation: {
    en: 'Grant access to named principals only; use CloudFront with origin access control to publish content',
    fr: "N'accorder l'accès qu'à des principaux nommés ; publier du contenu par CloudFront avec un contrôle d'accès à l'origine (origin access control)",
  },
  appliesTo: ['AWS::S3::Bucket'],
  evidence: ['AWS::S3::BucketPolicy'],
  check(bucket: Resource): Outcome {
    const outcomes: Outcome[] = ['pass'];
    const acl = str(bucket.properties.AccessControl);
    if (isUnresolved(acl)) outcomes.push(cannotProve(unknownValue('AccessControl', 'AccessControl', acl)));
    else if (acl && PUBLIC_ACLS.has(acl)) {
      outcomes.push(fail({ en: `the bucket's ACL is ${acl}`, fr: `l'ACL du compartiment est ${acl}` }));
    }
    for (const policy of bucketPolicies(bucket.template).byBucket.get(bucket) ?? []) {
      const found = statements(policy.properties.PolicyDocument);
      if (isUnresolved(found)) {
        outcomes.push(cannotProve(unknownValue(`the policy '${policy.id}'`, `la politique '${policy.id}'`, found)));
        continue;
      }
      for (const s of found) {
        const everyone = s.Principal === '*' || strings(at(s.Principal, 'AWS')).includes('*');
        if (s.Effect === 'Allow' && everyone && s.Condition === undefined) {
          const actions = strings(s.Action).join(', ');
          outcomes.push(
            fail({
              en: `the policy '${policy.id}' allows ${actions || 'actions'} to everyone`,
              fr: `la politique '${policy.id}' autorise ${actions || 'des actions'} à tout le monde`,
            }),
          );
        }
      }
    }
    return combine(outcomes);
  },
};
