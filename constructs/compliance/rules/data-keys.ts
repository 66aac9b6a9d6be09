import { at, list } from '../values';

/** Where each encrypted data store names its key (the values of those properties). */
export const DATA_KEYS: Readonly<Record<string, (properties: Readonly<Record<string, unknown>>) => unknown[]>> = {
  'AWS::Backup::BackupVault': (p) => [p.EncryptionKeyArn],
  'AWS::DynamoDB::GlobalTable': (p) => {
    const replicas = list(p.Replicas);
    return Array.isArray(replicas) ? replicas.map((r) => at(r, 'SSESpecification.KMSMasterKeyId')) : [replicas];
  },
  'AWS::DynamoDB::Table': (p) => [at(p, 'SSESpecification.KMSMasterKeyId')],
  'AWS::EC2::Volume': (p) => [p.KmsKeyId],
  'AWS::EFS::FileSystem': (p) => [p.KmsKeyId],
  'AWS::Logs::LogGroup': (p) => [p.KmsKeyId],
  'AWS::RDS::DBCluster': (p) => [p.KmsKeyId],
  'AWS::RDS::DBInstance': (p) => [p.KmsKeyId],
  'AWS::S3::Bucket': (p) => {
    const rules = list(at(p, 'BucketEncryption.ServerSideEncryptionConfiguration'));
    return [Array.isArray(rules) ? at(rules[0], 'ServerSideEncryptionByDefault.KMSMasterKeyID') : rules];
  },
  'AWS::SNS::Topic': (p) => [p.KmsMasterKeyId],
  'AWS::SQS::Queue': (p) => [p.KmsMasterKeyId],
};
