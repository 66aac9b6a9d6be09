import { tableRule } from './data-stores';

/** ENC-1: CloudWatch log groups are encrypted with a customer-managed key. */
export const enc1LogGroupCmk = tableRule({
  id: 'ENC-1/log-group-cmk',
  control: 'ENC-1',
  title: {
    en: 'Log groups are encrypted with a customer-managed key',
    fr: 'Les groupes de journaux sont chiffrés avec une clé gérée par le client',
  },
  description:
    "An AWS::Logs::LogGroup has a KmsKeyId naming a customer-managed key; without it, CloudWatch Logs uses its own key: acceptable for 'public' only.",
  remediation: {
    en: 'Set KmsKeyId to a customer-managed key (e.g. use EncryptedLogGroup)',
    fr: 'Définir KmsKeyId sur une clé gérée par le client (par exemple avec EncryptedLogGroup)',
  },
});
