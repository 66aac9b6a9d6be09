import { tableRule } from './data-stores';

/** ACC-1: buckets block every form of public access. */
export const acc1S3PublicAccessBlock = tableRule({
  id: 'ACC-1/s3-public-access-block',
  control: 'ACC-1',
  title: {
    en: 'S3 buckets block public access',
    fr: "Les compartiments S3 bloquent l'accès public",
  },
  description:
    'An AWS::S3::Bucket declares PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets all true.',
  remediation: {
    en: 'Set PublicAccessBlockConfiguration with all four settings true (blockPublicAccess: BLOCK_ALL in aws-cdk-lib)',
    fr: 'Définir PublicAccessBlockConfiguration avec ses quatre paramètres à true (blockPublicAccess: BLOCK_ALL dans aws-cdk-lib)',
  },
});
