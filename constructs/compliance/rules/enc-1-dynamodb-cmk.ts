import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { at, bool, list } from '../values';
import { judgeAtRest } from './encryption';

/** ENC-1: DynamoDB tables are encrypted with a customer-managed key. */
export const enc1DynamodbCmk: ResourceRule = {
  id: 'ENC-1/dynamodb-cmk',
  control: 'ENC-1',
  scope: 'resource',
  title: 'DynamoDB tables are encrypted with a customer-managed key',
  description:
    "SSESpecification has SSEEnabled true with a KMSMasterKeyId naming a customer-managed key (for a global table, on every replica). Without it, DynamoDB uses an AWS owned or AWS managed key: acceptable for 'public' only.",
  remediation: 'Set SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <customer-managed key> }',
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
    if (isUnresolved(enabled)) return cannotProve(`SSEEnabled is ${enabled.describe()}`);
    if (table.type === 'AWS::DynamoDB::Table') return judge(at(table.properties, 'SSESpecification.KMSMasterKeyId'));
    const replicas = list(table.properties.Replicas);
    if (isUnresolved(replicas)) return cannotProve(`Replicas is ${replicas.describe()}`);
    return combine((replicas ?? []).map((r) => judge(at(r, 'SSESpecification.KMSMasterKeyId'))));
  },
};
