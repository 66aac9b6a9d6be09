import { tableRule } from './data-stores';

/** ENC-1: DynamoDB tables are encrypted with a customer-managed key. */
export const enc1DynamodbCmk = tableRule({
  id: 'ENC-1/dynamodb-cmk',
  control: 'ENC-1',
  title: {
    en: 'DynamoDB tables are encrypted with a customer-managed key',
    fr: 'Les tables DynamoDB sont chiffrées avec une clé gérée par le client',
  },
  description:
    "SSESpecification has SSEEnabled true with a KMSMasterKeyId naming a customer-managed key (for a global table, on every replica). Without it, DynamoDB uses an AWS owned or AWS managed key: acceptable for 'public' only.",
  remediation: {
    en: 'Set SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <customer-managed key> }',
    fr: 'Définir SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <clé gérée par le client> }',
  },
});
