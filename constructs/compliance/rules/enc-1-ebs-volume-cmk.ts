import { tableRule } from './data-stores';

/** ENC-1: EBS volumes are encrypted with a customer-managed key. */
export const enc1EbsVolumeCmk = tableRule({
  id: 'ENC-1/ebs-volume-cmk',
  control: 'ENC-1',
  title: {
    en: 'EBS volumes are encrypted with a customer-managed key',
    fr: 'Les volumes EBS sont chiffrés avec une clé gérée par le client',
  },
  description:
    'An AWS::EC2::Volume has Encrypted true and a KmsKeyId naming a customer-managed key (account-level default encryption is not visible in the artifact).',
  remediation: {
    en: 'Set Encrypted: true and KmsKeyId to a customer-managed key',
    fr: 'Définir Encrypted: true et KmsKeyId sur une clé gérée par le client',
  },
});
