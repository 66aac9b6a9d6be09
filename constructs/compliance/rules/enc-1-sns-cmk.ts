import { tableRule } from './data-stores';

/** ENC-1: SNS topics are encrypted with a customer-managed key. */
export const enc1SnsCmk = tableRule({
  id: 'ENC-1/sns-cmk',
  control: 'ENC-1',
  title: {
    en: 'SNS topics are encrypted with a customer-managed key',
    fr: 'Les rubriques SNS sont chiffrées avec une clé gérée par le client',
  },
  description:
    'An AWS::SNS::Topic has a KmsMasterKeyId naming a customer-managed key (SNS does not encrypt by default).',
  remediation: {
    en: 'Set KmsMasterKeyId to a customer-managed key',
    fr: 'Définir KmsMasterKeyId sur une clé gérée par le client',
  },
});
