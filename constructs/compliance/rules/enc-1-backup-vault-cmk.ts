import { tableRule } from './data-stores';

/** ENC-1: backup vaults are encrypted with a customer-managed key. */
export const enc1BackupVaultCmk = tableRule({
  id: 'ENC-1/backup-vault-cmk',
  control: 'ENC-1',
  title: {
    en: 'Backup vaults are encrypted with a customer-managed key',
    fr: 'Les coffres de sauvegarde sont chiffrés avec une clé gérée par le client',
  },
  description:
    "An AWS::Backup::BackupVault has an EncryptionKeyArn naming a customer-managed key; without it, AWS Backup uses aws/backup: acceptable for 'public' only.",
  remediation: {
    en: 'Set EncryptionKeyArn to a customer-managed key',
    fr: 'Définir EncryptionKeyArn sur une clé gérée par le client',
  },
});
