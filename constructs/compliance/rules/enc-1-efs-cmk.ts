import { tableRule } from './data-stores';

/** ENC-1: EFS file systems are encrypted with a customer-managed key. */
export const enc1EfsCmk = tableRule({
  id: 'ENC-1/efs-cmk',
  control: 'ENC-1',
  title: {
    en: 'EFS file systems are encrypted with a customer-managed key',
    fr: 'Les systèmes de fichiers EFS sont chiffrés avec une clé gérée par le client',
  },
  description: 'An AWS::EFS::FileSystem has Encrypted true and a KmsKeyId naming a customer-managed key.',
  remediation: {
    en: 'Set Encrypted: true and KmsKeyId to a customer-managed key',
    fr: 'Définir Encrypted: true et KmsKeyId sur une clé gérée par le client',
  },
});
