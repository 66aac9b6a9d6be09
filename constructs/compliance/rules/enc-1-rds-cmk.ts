import { tableRule } from './data-stores';

/** ENC-1: RDS instances and clusters are encrypted with a customer-managed key. */
export const enc1RdsCmk = tableRule({
  id: 'ENC-1/rds-cmk',
  control: 'ENC-1',
  title: {
    en: 'RDS storage is encrypted with a customer-managed key',
    fr: 'Le stockage RDS est chiffré avec une clé gérée par le client',
  },
  description:
    'An AWS::RDS::DBCluster, or an AWS::RDS::DBInstance outside a cluster, has StorageEncrypted true and a KmsKeyId naming a customer-managed key.',
  remediation: {
    en: 'Set StorageEncrypted: true and KmsKeyId to a customer-managed key',
    fr: 'Définir StorageEncrypted: true et KmsKeyId sur une clé gérée par le client',
  },
});
