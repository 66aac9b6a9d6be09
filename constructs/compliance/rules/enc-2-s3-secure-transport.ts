import { tableRule } from './data-stores';

/** ENC-2: bucket policies deny requests made without TLS. */
export const enc2S3SecureTransport = tableRule({
  id: 'ENC-2/s3-secure-transport',
  control: 'ENC-2',
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
  evidence: ['AWS::S3::BucketPolicy'],
});
