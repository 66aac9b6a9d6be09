import { bucketPolicies, statements } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule } from '../rule';
import { at, strings } from '../values';

/** True if a statement denies every request made without TLS. */
function deniesInsecureTransport(statement: Record<string, unknown>): boolean {
  if (statement.Effect !== 'Deny') return false;
  const principal = statement.Principal;
  const everyone = principal === '*' || strings(at(principal, 'AWS')).includes('*');
  const actions = strings(statement.Action);
  const allActions = actions.includes('s3:*') || actions.includes('*');
  const conditions = statement.Condition;
  if (!everyone || !allActions || typeof conditions !== 'object' || conditions === null) return false;
  return Object.entries(conditions as Record<string, unknown>).some(
    ([operator, block]) =>
      /^Bool(IfExists)?$/.test(operator) && String(at(block, 'aws:SecureTransport')).toLowerCase() === 'false',
  );
}

/** ENC-2: bucket policies deny requests made without TLS. */
export const enc2S3SecureTransport: ResourceRule = {
  id: 'ENC-2/s3-secure-transport',
  control: 'ENC-2',
  scope: 'resource',
  title: 'S3 buckets refuse requests without TLS',
  description:
    'The bucket has a bucket policy (in the same template) with a statement denying s3:* to every principal when aws:SecureTransport is false.',
  remediation:
    'Add a bucket policy statement: Effect Deny, Principal *, Action s3:*, Condition {"Bool": {"aws:SecureTransport": "false"}} (enforceSSL: true in aws-cdk-lib)',
  appliesTo: ['AWS::S3::Bucket'],
  evidence: ['AWS::S3::BucketPolicy'],
  check(bucket: Resource): Outcome {
    const policies = bucketPolicies(bucket.template);
    const own = policies.byBucket.get(bucket) ?? [];
    let unknown: string | undefined;
    for (const policy of own) {
      const found = statements(policy.properties.PolicyDocument);
      if (isUnresolved(found)) unknown = `the policy '${policy.id}' is ${found.describe()}`;
      else if (found.some(deniesInsecureTransport)) return 'pass';
    }
    if (unknown) return cannotProve(unknown);
    if (!own.length && policies.unknown.length) {
      return cannotProve(
        `no bucket policy of the template names this bucket, and the bucket of ${policies.unknown.map((p) => `'${p.id}'`).join(', ')} is unknown`,
      );
    }
    return fail(
      own.length
        ? 'its bucket policy does not deny requests without TLS (aws:SecureTransport false)'
        : 'it has no bucket policy denying requests without TLS',
    );
  },
};
