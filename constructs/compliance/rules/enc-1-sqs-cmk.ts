import type { Resource } from '../model';
import type { Outcome, ResourceRule, RuleContext } from '../rule';
import { judgeAtRest } from './encryption';

/** ENC-1: SQS queues are encrypted with a customer-managed key. */
export const enc1SqsCmk: ResourceRule = {
  id: 'ENC-1/sqs-cmk',
  control: 'ENC-1',
  scope: 'resource',
  title: {
    en: 'SQS queues are encrypted with a customer-managed key',
    fr: "Les files d'attente SQS sont chiffrées avec une clé gérée par le client",
  },
  description:
    "An AWS::SQS::Queue has a KmsMasterKeyId naming a customer-managed key. SQS-managed encryption (the default) is a provider key: acceptable for 'public' only.",
  remediation: {
    en: 'Set KmsMasterKeyId to a customer-managed key',
    fr: 'Définir KmsMasterKeyId sur une clé gérée par le client',
  },
  appliesTo: ['AWS::SQS::Queue'],
  check(queue: Resource, context: RuleContext): Outcome {
    return judgeAtRest(queue, context, {
      encryptedByDefault: true,
      key: queue.properties.KmsMasterKeyId,
      keyProperty: 'KmsMasterKeyId',
    });
  },
};
