import type { Resource } from '../model';
import type { Outcome, ResourceRule, RuleContext } from '../rule';
import { bool } from '../values';
import { judgeAtRest } from './encryption';

/** ENC-1: EBS volumes are encrypted with a customer-managed key. */
export const enc1EbsVolumeCmk: ResourceRule = {
  id: 'ENC-1/ebs-volume-cmk',
  control: 'ENC-1',
  scope: 'resource',
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
  appliesTo: ['AWS::EC2::Volume'],
  check(volume: Resource, context: RuleContext): Outcome {
    return judgeAtRest(volume, context, {
      enabled: bool(volume.properties.Encrypted),
      enabledProperty: 'Encrypted',
      encryptedByDefault: false,
      key: volume.properties.KmsKeyId,
      keyProperty: 'KmsKeyId',
    });
  },
};
