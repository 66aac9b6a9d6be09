import { tableRule } from './data-stores';

/** ENC-1: S3 buckets are encrypted with a customer-managed KMS key. */
export const enc1S3BucketCmk = tableRule({
  id: 'ENC-1/s3-bucket-cmk',
  control: 'ENC-1',
  title: {
    en: 'S3 buckets are encrypted with a customer-managed key',
    fr: 'Les compartiments S3 sont chiffrés avec une clé gérée par le client',
  },
  description:
    "BucketEncryption uses aws:kms or aws:kms:dsse with a KMSMasterKeyID that is a customer-managed key (not alias/aws/s3). SSE-S3 is a provider key: acceptable for 'public' only. Built-in exception: the destination of server access logs, which S3 accepts only with SSE-S3.",
  remediation: {
    en: 'Set BucketEncryption to aws:kms with a customer-managed key (e.g. a SovereignKey)',
    fr: 'Définir BucketEncryption à aws:kms avec une clé gérée par le client (par exemple une SovereignKey)',
  },
});
