import type { Rule } from '../rule';
import { acc1S3PublicAccessBlock } from './acc-1-s3-public-access-block';
import { acc1S3PublicGrant } from './acc-1-s3-public-grant';
import { bck1BackupCoverage } from './bck-1-backup-coverage';
import { bck1VaultLock } from './bck-1-vault-lock';
import { cls1ClassificationTag } from './cls-1-classification-tag';
import { enc1BackupVaultCmk } from './enc-1-backup-vault-cmk';
import { enc1DynamodbCmk } from './enc-1-dynamodb-cmk';
import { enc1EbsVolumeCmk } from './enc-1-ebs-volume-cmk';
import { enc1EfsCmk } from './enc-1-efs-cmk';
import { enc1LogGroupCmk } from './enc-1-log-group-cmk';
import { enc1RdsCmk } from './enc-1-rds-cmk';
import { enc1S3BucketCmk } from './enc-1-s3-bucket-cmk';
import { enc1SnsCmk } from './enc-1-sns-cmk';
import { enc1SqsCmk } from './enc-1-sqs-cmk';
import { enc2ListenerTls } from './enc-2-listener-tls';
import { enc2S3SecureTransport } from './enc-2-s3-secure-transport';
import { iam1AdminPolicy } from './iam-1-admin-policy';
import { iam1IamUser } from './iam-1-iam-user';
import { jur1Attestations } from './jur-1-attestations';
import { key1ExternalKey } from './key-1-external-key';
import { key2KmsRotation } from './key-2-kms-rotation';
import { key3KmsDeletionWindow } from './key-3-kms-deletion-window';
import { key3KmsPolicyPrincipals } from './key-3-kms-policy-principals';
import { log1TrailPresent } from './log-1-trail-present';
import { log1TrailSettings } from './log-1-trail-settings';
import { log2LogBucketRetention } from './log-2-log-bucket-retention';
import { log2LogGroupRetention } from './log-2-log-group-retention';
import { log3VpcFlowLog } from './log-3-vpc-flow-log';
import { log4S3AccessLogging } from './log-4-s3-access-logging';
import { net1OpenIngress } from './net-1-open-ingress';
import { net2EksPublicEndpoint } from './net-2-eks-public-endpoint';
import { net2InstancePublicIp } from './net-2-instance-public-ip';
import { net2SubnetPublicIp } from './net-2-subnet-public-ip';
import { net3DataTierInternetRoute } from './net-3-data-tier-internet-route';
import { net5VpcEndpoints } from './net-5-vpc-endpoints';
import { res1RegionAssumed } from './res-1-region-assumed';
import { res1StackRegion } from './res-1-stack-region';
import { res2BackupCopy } from './res-2-backup-copy';
import { res2DynamodbReplica } from './res-2-dynamodb-replica';
import { res2KmsMultiRegion } from './res-2-kms-multi-region';
import { res2S3Replication } from './res-2-s3-replication';
import { res4RegionDenyScp } from './res-4-region-deny-scp';

/** Every CloudFormation rule, in catalog order of their controls. */
export const CLOUDFORMATION_RULES: readonly Rule[] = [
  cls1ClassificationTag,
  res1StackRegion,
  res1RegionAssumed,
  res2S3Replication,
  res2BackupCopy,
  res2DynamodbReplica,
  res2KmsMultiRegion,
  res4RegionDenyScp,
  enc1S3BucketCmk,
  enc1EbsVolumeCmk,
  enc1RdsCmk,
  enc1EfsCmk,
  enc1DynamodbCmk,
  enc1SqsCmk,
  enc1SnsCmk,
  enc1LogGroupCmk,
  enc1BackupVaultCmk,
  enc2S3SecureTransport,
  enc2ListenerTls,
  key1ExternalKey,
  key2KmsRotation,
  key3KmsPolicyPrincipals,
  key3KmsDeletionWindow,
  log1TrailSettings,
  log1TrailPresent,
  log2LogGroupRetention,
  log2LogBucketRetention,
  log3VpcFlowLog,
  log4S3AccessLogging,
  net1OpenIngress,
  net2SubnetPublicIp,
  net2EksPublicEndpoint,
  net2InstancePublicIp,
  net3DataTierInternetRoute,
  net5VpcEndpoints,
  acc1S3PublicAccessBlock,
  acc1S3PublicGrant,
  iam1AdminPolicy,
  iam1IamUser,
  bck1BackupCoverage,
  bck1VaultLock,
  jur1Attestations,
];

export {
  acc1S3PublicAccessBlock,
  acc1S3PublicGrant,
  bck1BackupCoverage,
  bck1VaultLock,
  cls1ClassificationTag,
  enc1BackupVaultCmk,
  enc1DynamodbCmk,
  enc1EbsVolumeCmk,
  enc1EfsCmk,
  enc1LogGroupCmk,
  enc1RdsCmk,
  enc1S3BucketCmk,
  enc1SnsCmk,
  enc1SqsCmk,
  enc2ListenerTls,
  enc2S3SecureTransport,
  iam1AdminPolicy,
  iam1IamUser,
  jur1Attestations,
  key1ExternalKey,
  key2KmsRotation,
  key3KmsDeletionWindow,
  key3KmsPolicyPrincipals,
  log1TrailPresent,
  log1TrailSettings,
  log2LogBucketRetention,
  log2LogGroupRetention,
  log3VpcFlowLog,
  log4S3AccessLogging,
  net1OpenIngress,
  net2EksPublicEndpoint,
  net2InstancePublicIp,
  net2SubnetPublicIp,
  net3DataTierInternetRoute,
  net5VpcEndpoints,
  res1RegionAssumed,
  res1StackRegion,
  res2BackupCopy,
  res2DynamodbReplica,
  res2KmsMultiRegion,
  res2S3Replication,
  res4RegionDenyScp,
};
