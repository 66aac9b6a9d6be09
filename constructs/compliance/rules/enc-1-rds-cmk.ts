import type { Resource } from '../model';
import type { Outcome, ResourceRule, RuleContext } from '../rule';
import { bool } from '../values';
import { judgeAtRest } from './encryption';

/** ENC-1: RDS instances and clusters are encrypted with a customer-managed key. */
export const enc1RdsCmk: ResourceRule = {
  id: 'ENC-1/rds-cmk',
  control: 'ENC-1',
  scope: 'resource',
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
  appliesTo: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  check(db: Resource, context: RuleContext): Outcome {
    // An instance of a cluster is encrypted by its cluster's settings.
    if (db.type === 'AWS::RDS::DBInstance' && db.properties.DBClusterIdentifier !== undefined) return 'not-applicable';
    return judgeAtRest(db, context, {
      enabled: bool(db.properties.StorageEncrypted),
      enabledProperty: 'StorageEncrypted',
      encryptedByDefault: false,
      key: db.properties.KmsKeyId,
      keyProperty: 'KmsKeyId',
    });
  },
};
