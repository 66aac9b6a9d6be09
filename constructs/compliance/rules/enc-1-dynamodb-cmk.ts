import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, unknownValue, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { at, bool, list } from '../values';
import { judgeAtRest } from './encryption';

/** ENC-1: DynamoDB tables are encrypted with a customer-managed key. */
export const enc1DynamodbCmk: ResourceRule = {
  id: 'ENC-1/dynamodb-cmk',
  control: 'ENC-1',
  scope: 'resource',
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
  appliesTo: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  check(table: Resource, context: RuleContext): Outcome {
    const enabled = bool(at(table.properties, 'SSESpecification.SSEEnabled'));
    const judge = (key: unknown): Outcome =>
      judgeAtRest(table, context, {
        encryptedByDefault: true,
        key: enabled === true ? key : undefined,
        keyProperty: 'KMSMasterKeyId',
        providerKey: enabled !== true && !isUnresolved(enabled),
      });
    if (isUnresolved(enabled)) return cannotProve(unknownValue('SSEEnabled', 'SSEEnabled', enabled));
    if (table.type === 'AWS::DynamoDB::Table') return judge(at(table.properties, 'SSESpecification.KMSMasterKeyId'));
    const replicas = list(table.properties.Replicas);
    if (isUnresolved(replicas)) return cannotProve(unknownValue('Replicas', 'Replicas', replicas));
    return combine((replicas ?? []).map((r) => judge(at(r, 'SSESpecification.KMSMasterKeyId'))));
  },
};
