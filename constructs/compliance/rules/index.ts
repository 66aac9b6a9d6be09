import type { Rule } from '../judge/rule';
import { acc1S3PublicAccessBlock } from './acc-1-s3-public-access-block';
import { acc1DataStorePublicAccess } from './acc-1-data-store-public-access';
import { acc1S3PublicGrant } from './acc-1-s3-public-grant';
import { bck1BackupCoverage } from './bck-1-backup-coverage';
import { bck1NamespaceBackup } from './bck-1-namespace-backup';
import { bck1VaultLock } from './bck-1-vault-lock';
import { bck1VeleroScheduleLocation } from './bck-1-velero-schedule-location';
import { cls1ClassificationTag } from './cls-1-classification-tag';
import { cls1NamespaceLabel } from './cls-1-namespace-label';
import { cls1WorkloadLabel } from './cls-1-workload-label';
import { dep1PartitionLiterals } from './dep-1-partition-literals';
import { dep1StackSetRegionNeutral } from './dep-1-stack-set-region-neutral';
import { dep2PhysicalNames } from './dep-2-physical-names';
import { dep3OrganizationTrailAccount } from './dep-3-organization-trail-account';
import { dep3TrailGrants } from './dep-3-trail-grants';
import { dep4DeployerLockout } from './dep-4-deployer-lockout';
import { dep5CrossStackReferences } from './dep-5-cross-stack-references';
import { dep6StackSetBody } from './dep-6-stack-set-body';
import { dep6TemplateLimits } from './dep-6-template-limits';
import { dep7ClusterPrerequisites } from './dep-7-cluster-prerequisites';
import { dep7PersistentData } from './dep-7-persistent-data';
import { dep7ProbeScheme } from './dep-7-probe-scheme';
import { dep7WritableStorage } from './dep-7-writable-storage';
import { enc1BackupVaultCmk } from './enc-1-backup-vault-cmk';
import { enc1DataStoreCmk } from './enc-1-data-store-cmk';
import { enc1DynamodbCmk } from './enc-1-dynamodb-cmk';
import { enc1EbsVolumeCmk } from './enc-1-ebs-volume-cmk';
import { enc1EfsCmk } from './enc-1-efs-cmk';
import { enc1LogGroupCmk } from './enc-1-log-group-cmk';
import { enc1RdsCmk } from './enc-1-rds-cmk';
import { enc1S3BucketCmk } from './enc-1-s3-bucket-cmk';
import { enc1SnsCmk } from './enc-1-sns-cmk';
import { enc1SqsCmk } from './enc-1-sqs-cmk';
import { enc1StorageClassEncryption } from './enc-1-storage-class-encryption';
import { enc1VolumeStorageClass } from './enc-1-volume-storage-class';
import { enc2DataStoreTls } from './enc-2-data-store-tls';
import { enc2IngressTls } from './enc-2-ingress-tls';
import { enc2ListenerTls } from './enc-2-listener-tls';
import { enc2S3SecureTransport } from './enc-2-s3-secure-transport';
import { iam1AdminPolicy } from './iam-1-admin-policy';
import { iam1ClusterAdminBinding } from './iam-1-cluster-admin-binding';
import { iam1IamUser } from './iam-1-iam-user';
import { iam1PrivilegeEscalation } from './iam-1-privilege-escalation';
import { jur1Attestations } from './jur-1-attestations';
import { k8s1PodSecurityLabels } from './k8s-1-pod-security-labels';
import { k8s2ContainerHardening } from './k8s-2-container-hardening';
import { k8s3QuotaAndLimits } from './k8s-3-quota-and-limits';
import { k8s4ImagePinned } from './k8s-4-image-pinned';
import { k8s4ImageRegistry } from './k8s-4-image-registry';
import { key1ExternalKey } from './key-1-external-key';
import { key1StorageClassKms } from './key-1-storage-class-kms';
import { key2KmsRotation } from './key-2-kms-rotation';
import { key3KmsDeletionWindow } from './key-3-kms-deletion-window';
import { key3KmsPolicyPrincipals } from './key-3-kms-policy-principals';
import { log1LogForwarderPresent } from './log-1-log-forwarder-present';
import { log1TrailPresent } from './log-1-trail-present';
import { log1TrailSettings } from './log-1-trail-settings';
import { log2LogBucketRetention } from './log-2-log-bucket-retention';
import { log2LogGroupRetention } from './log-2-log-group-retention';
import { log2LogSinkRetention } from './log-2-log-sink-retention';
import { log3VpcFlowLog } from './log-3-vpc-flow-log';
import { log4S3AccessLogging } from './log-4-s3-access-logging';
import { net1OpenIngress } from './net-1-open-ingress';
import { net2DataStorePublicEndpoint } from './net-2-data-store-public-endpoint';
import { net2EksPublicEndpoint } from './net-2-eks-public-endpoint';
import { net2InstancePublicIp } from './net-2-instance-public-ip';
import { net2ServiceExposure } from './net-2-service-exposure';
import { net2SubnetPublicIp } from './net-2-subnet-public-ip';
import { net3DataTierInternetRoute } from './net-3-data-tier-internet-route';
import { net3DataTierReachability } from './net-3-data-tier-reachability';
import { net4AllowAllRule } from './net-4-allow-all-rule';
import { net4DefaultDeny } from './net-4-default-deny';
import { net5VpcEndpoints } from './net-5-vpc-endpoints';
import { net6NamespacePaths } from './net-6-namespace-paths';
import { net6TierPaths } from './net-6-tier-paths';
import { net7SiteFlows } from './net-7-site-flows';
import { net7VpcFlows } from './net-7-vpc-flows';
import { res1NodeAffinity } from './res-1-node-affinity';
import { res1RegionAssumed } from './res-1-region-assumed';
import { res1StackRegion } from './res-1-stack-region';
import { res1StackSetRegions } from './res-1-stack-set-regions';
import { res2BackupCopy } from './res-2-backup-copy';
import { res2DataStoreCopyRegion } from './res-2-data-store-copy-region';
import { res2DynamodbReplica } from './res-2-dynamodb-replica';
import { res2KmsMultiRegion } from './res-2-kms-multi-region';
import { res2S3Replication } from './res-2-s3-replication';
import { res2StorageClassTopology } from './res-2-storage-class-topology';
import { res3FlowLogDestination } from './res-3-flow-log-destination';
import { res3LogSink } from './res-3-log-sink';
import { res3LogSubscriptionDestination } from './res-3-log-subscription-destination';
import { res3TrailDestination } from './res-3-trail-destination';
import { res4RegionDenyScp } from './res-4-region-deny-scp';

/** Every CloudFormation rule, in catalog order of their controls. */
export const CLOUDFORMATION_RULES: readonly Rule[] = [
  cls1ClassificationTag,
  res1StackRegion,
  res1RegionAssumed,
  res1StackSetRegions,
  res2S3Replication,
  res2BackupCopy,
  res2DynamodbReplica,
  res2KmsMultiRegion,
  res2DataStoreCopyRegion,
  res3TrailDestination,
  res3FlowLogDestination,
  res3LogSubscriptionDestination,
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
  enc1DataStoreCmk,
  enc2S3SecureTransport,
  enc2ListenerTls,
  enc2DataStoreTls,
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
  net2DataStorePublicEndpoint,
  net3DataTierInternetRoute,
  net3DataTierReachability,
  net5VpcEndpoints,
  net6TierPaths,
  net7VpcFlows,
  acc1S3PublicAccessBlock,
  acc1S3PublicGrant,
  acc1DataStorePublicAccess,
  iam1AdminPolicy,
  iam1PrivilegeEscalation,
  iam1IamUser,
  bck1BackupCoverage,
  bck1VaultLock,
  dep1StackSetRegionNeutral,
  dep1PartitionLiterals,
  dep2PhysicalNames,
  dep3OrganizationTrailAccount,
  dep3TrailGrants,
  dep4DeployerLockout,
  dep5CrossStackReferences,
  dep6TemplateLimits,
  dep6StackSetBody,
  jur1Attestations,
];

/**
 * Every Kubernetes rule, in catalog order of their controls: they judge API objects, read
 * from manifests and from the `kubernetes_*` resources of Terraform JSON alike.
 */
export const KUBERNETES_RULES: readonly Rule[] = [
  cls1NamespaceLabel,
  cls1WorkloadLabel,
  res1NodeAffinity,
  res2StorageClassTopology,
  res3LogSink,
  enc1StorageClassEncryption,
  enc1VolumeStorageClass,
  enc2IngressTls,
  key1StorageClassKms,
  log1LogForwarderPresent,
  log2LogSinkRetention,
  net2ServiceExposure,
  net4DefaultDeny,
  net4AllowAllRule,
  net6NamespacePaths,
  net7SiteFlows,
  iam1ClusterAdminBinding,
  k8s1PodSecurityLabels,
  k8s2ContainerHardening,
  k8s3QuotaAndLimits,
  k8s4ImageRegistry,
  k8s4ImagePinned,
  bck1NamespaceBackup,
  bck1VeleroScheduleLocation,
  dep7WritableStorage,
  dep7PersistentData,
  dep7ProbeScheme,
  dep7ClusterPrerequisites,
];

/** Every rule of the engine: the CloudFormation and the Kubernetes rules. */
export const RULES: readonly Rule[] = [...CLOUDFORMATION_RULES, ...KUBERNETES_RULES];

export {
  acc1DataStorePublicAccess,
  acc1S3PublicAccessBlock,
  acc1S3PublicGrant,
  bck1BackupCoverage,
  bck1NamespaceBackup,
  bck1VaultLock,
  bck1VeleroScheduleLocation,
  cls1ClassificationTag,
  cls1NamespaceLabel,
  cls1WorkloadLabel,
  dep1PartitionLiterals,
  dep1StackSetRegionNeutral,
  dep2PhysicalNames,
  dep3OrganizationTrailAccount,
  dep3TrailGrants,
  dep4DeployerLockout,
  dep5CrossStackReferences,
  dep6StackSetBody,
  dep6TemplateLimits,
  dep7ClusterPrerequisites,
  dep7PersistentData,
  dep7ProbeScheme,
  dep7WritableStorage,
  enc1BackupVaultCmk,
  enc1DataStoreCmk,
  enc1DynamodbCmk,
  enc1EbsVolumeCmk,
  enc1EfsCmk,
  enc1LogGroupCmk,
  enc1RdsCmk,
  enc1S3BucketCmk,
  enc1SnsCmk,
  enc1SqsCmk,
  enc1StorageClassEncryption,
  enc1VolumeStorageClass,
  enc2DataStoreTls,
  enc2IngressTls,
  enc2ListenerTls,
  enc2S3SecureTransport,
  iam1AdminPolicy,
  iam1ClusterAdminBinding,
  iam1IamUser,
  iam1PrivilegeEscalation,
  jur1Attestations,
  k8s1PodSecurityLabels,
  k8s2ContainerHardening,
  k8s3QuotaAndLimits,
  k8s4ImagePinned,
  k8s4ImageRegistry,
  key1ExternalKey,
  key1StorageClassKms,
  key2KmsRotation,
  key3KmsDeletionWindow,
  key3KmsPolicyPrincipals,
  log1LogForwarderPresent,
  log1TrailPresent,
  log1TrailSettings,
  log2LogBucketRetention,
  log2LogGroupRetention,
  log2LogSinkRetention,
  log3VpcFlowLog,
  log4S3AccessLogging,
  net1OpenIngress,
  net2DataStorePublicEndpoint,
  net2EksPublicEndpoint,
  net2InstancePublicIp,
  net2ServiceExposure,
  net2SubnetPublicIp,
  net3DataTierInternetRoute,
  net3DataTierReachability,
  net4AllowAllRule,
  net4DefaultDeny,
  net5VpcEndpoints,
  net6NamespacePaths,
  net6TierPaths,
  net7SiteFlows,
  net7VpcFlows,
  res1NodeAffinity,
  res1RegionAssumed,
  res1StackRegion,
  res1StackSetRegions,
  res2BackupCopy,
  res2DataStoreCopyRegion,
  res2DynamodbReplica,
  res2KmsMultiRegion,
  res2S3Replication,
  res2StorageClassTopology,
  res3FlowLogDestination,
  res3LogSink,
  res3LogSubscriptionDestination,
  res3TrailDestination,
  res4RegionDenyScp,
};
