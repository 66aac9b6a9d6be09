import { tableRule } from './data-stores';

/** ENC-1: SQS queues are encrypted with a customer-managed key. */
export const enc1SqsCmk = tableRule({
  id: 'ENC-1/sqs-cmk',
  control: 'ENC-1',
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
});
