import type { Resource } from '../model';
import type { Outcome, ResourceRule, RuleContext } from '../rule';
import { judgeAtRest } from './encryption';

/** ENC-1: SNS topics are encrypted with a customer-managed key. */
export const enc1SnsCmk: ResourceRule = {
  id: 'ENC-1/sns-cmk',
  control: 'ENC-1',
  scope: 'resource',
  title: 'SNS topics are encrypted with a customer-managed key',
  description:
    'An AWS::SNS::Topic has a KmsMasterKeyId naming a customer-managed key (SNS does not encrypt by default).',
  remediation: 'Set KmsMasterKeyId to a customer-managed key',
  appliesTo: ['AWS::SNS::Topic'],
  check(topic: Resource, context: RuleContext): Outcome {
    return judgeAtRest(topic, context, {
      encryptedByDefault: false,
      key: topic.properties.KmsMasterKeyId,
      keyProperty: 'KmsMasterKeyId',
    });
  },
};
