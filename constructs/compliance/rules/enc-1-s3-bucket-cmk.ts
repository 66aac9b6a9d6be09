import { accessLogDestinations } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, unknownValue, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { at, list, str } from '../values';
import { accessLogException } from './builtin-exceptions';
import { judgeAtRest } from './encryption';

/** ENC-1: S3 buckets are encrypted with a customer-managed KMS key. */
export const enc1S3BucketCmk: ResourceRule = {
  id: 'ENC-1/s3-bucket-cmk',
  control: 'ENC-1',
  scope: 'resource',
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
  appliesTo: ['AWS::S3::Bucket'],
  check(bucket: Resource, context: RuleContext): Outcome {
    const rules = list(at(bucket.properties, 'BucketEncryption.ServerSideEncryptionConfiguration'));
    if (isUnresolved(rules)) return cannotProve(unknownValue('its encryption', 'son chiffrement', rules));
    const sse = at(rules?.[0], 'ServerSideEncryptionByDefault');
    const algorithm = str(at(sse, 'SSEAlgorithm'));
    if (isUnresolved(algorithm)) return cannotProve(unknownValue('SSEAlgorithm', 'SSEAlgorithm', algorithm));
    const kms = algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse';
    const logSource = accessLogDestinations(context.input).get(bucket);
    return judgeAtRest(bucket, context, {
      encryptedByDefault: true,
      key: kms ? at(sse, 'KMSMasterKeyID') : undefined,
      keyProperty: kms
        ? 'KMSMasterKeyID'
        : {
            en: `SSEAlgorithm ${algorithm ?? 'AES256 (default)'}`,
            fr: `SSEAlgorithm ${algorithm ?? 'AES256 (par défaut)'}`,
          },
      providerKey: !kms,
      exception: logSource ? accessLogException(logSource.id) : undefined,
    });
  },
};
