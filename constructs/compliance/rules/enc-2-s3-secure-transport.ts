import { bucketPolicies, statements } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import type { LocalizedText } from '../../core';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule } from '../rule';
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
  title: {
    en: 'S3 buckets refuse requests without TLS',
    fr: 'Les compartiments S3 refusent les requêtes sans TLS',
  },
  description:
    'The bucket has a bucket policy (in the same template) with a statement denying s3:* to every principal when aws:SecureTransport is false.',
  remediation: {
    en: 'Add a bucket policy statement: Effect Deny, Principal *, Action s3:*, Condition {"Bool": {"aws:SecureTransport": "false"}} (enforceSSL: true in aws-cdk-lib)',
    fr: `Ajouter à la politique de compartiment l'instruction : Effect Deny, Principal *, Action s3:*, Condition {"Bool": {"aws:SecureTransport": "false"}} (enforceSSL: true dans aws-cdk-lib)`,
  },
  appliesTo: ['AWS::S3::Bucket'],
  evidence: ['AWS::S3::BucketPolicy'],
  check(bucket: Resource): Outcome {
    const policies = bucketPolicies(bucket.template);
    const own = policies.byBucket.get(bucket) ?? [];
    let unknown: LocalizedText | undefined;
    for (const policy of own) {
      const found = statements(policy.properties.PolicyDocument);
      if (isUnresolved(found))
        unknown = unknownValue(`the policy '${policy.id}'`, `la politique '${policy.id}'`, found);
      else if (found.some(deniesInsecureTransport)) return 'pass';
    }
    if (unknown) return cannotProve(unknown);
    if (!own.length && policies.unknown.length) {
      const ids = policies.unknown.map((p) => `'${p.id}'`).join(', ');
      return cannotProve({
        en: `no bucket policy of the template names this bucket, and the bucket of ${ids} is unknown`,
        fr: `aucune politique de compartiment du modèle ne nomme ce compartiment, et le compartiment de ${ids} est inconnu`,
      });
    }
    return fail(
      own.length
        ? {
            en: 'its bucket policy does not deny requests without TLS (aws:SecureTransport false)',
            fr: 'sa politique de compartiment ne refuse pas les requêtes sans TLS (aws:SecureTransport false)',
          }
        : {
            en: 'it has no bucket policy denying requests without TLS',
            fr: "il n'a aucune politique de compartiment refusant les requêtes sans TLS",
          },
    );
  },
};
