import { bucketPolicies, statements } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule } from '../rule';
import { at, str, strings } from '../values';

const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

/** ACC-1: no bucket policy or ACL opens a bucket to everyone. */
export const acc1S3PublicGrant: ResourceRule = {
  id: 'ACC-1/s3-public-grant',
  control: 'ACC-1',
  scope: 'resource',
  title: 'No bucket policy or ACL grants public access',
  description:
    'No Allow statement of a bucket policy has the principal * without a Condition, and the bucket has no public canned ACL (PublicRead, PublicReadWrite, AuthenticatedRead).',
  remediation: 'Grant access to named principals only; use CloudFront with origin access control to publish content',
  appliesTo: ['AWS::S3::Bucket'],
  evidence: ['AWS::S3::BucketPolicy'],
  check(bucket: Resource): Outcome {
    const outcomes: Outcome[] = ['pass'];
    const acl = str(bucket.properties.AccessControl);
    if (isUnresolved(acl)) outcomes.push(cannotProve(`AccessControl is ${acl.describe()}`));
    else if (acl && PUBLIC_ACLS.has(acl)) outcomes.push(fail(`the bucket's ACL is ${acl}`));
    for (const policy of bucketPolicies(bucket.template).byBucket.get(bucket) ?? []) {
      const found = statements(policy.properties.PolicyDocument);
      if (isUnresolved(found)) {
        outcomes.push(cannotProve(`the policy '${policy.id}' is ${found.describe()}`));
        continue;
      }
      for (const s of found) {
        const everyone = s.Principal === '*' || strings(at(s.Principal, 'AWS')).includes('*');
        if (s.Effect === 'Allow' && everyone && s.Condition === undefined) {
          outcomes.push(
            fail(`the policy '${policy.id}' allows ${strings(s.Action).join(', ') || 'actions'} to everyone`),
          );
        }
      }
    }
    return combine(outcomes);
  },
};
