import type { CfnResource } from '../helpers/judge';

/**
 * Fixtures of the data-store table: for every type, one compliant resource that passes every
 * check of the row, and for every check (by its index in the row), a violating variant that
 * check catches. The judged resource is `R`, in a stack of eu-west-3 at level `internal` under
 * the morocco profile, beside a customer-managed key `Key` (see data-stores.test.ts).
 */

type Props = Record<string, unknown>;

/** A violation of one check of the row. */
export interface Violation {
  /** The index of the check in the row. */
  readonly check: number;
  /** Top-level properties replacing those of the compliant resource (`undefined` removes one). */
  readonly props: Props;
  /** The status of the finding. @default 'fail' */
  readonly status?: 'fail' | 'cannot-prove';
  /** Text the finding's message contains. */
  readonly message: string;
  /** Resources beside R in the violating template, replacing those of the same id. */
  readonly extra?: Record<string, CfnResource>;
  /** The level of the stack. @default the type's `level` */
  readonly level?: string;
}

/** The fixtures of one type. */
export interface TypeFixtures {
  readonly type: string;
  /** Properties of a resource that passes every check of the row. */
  readonly good: Props;
  /** Resources beside R in both templates. */
  readonly extra?: Record<string, CfnResource>;
  /**
   * The level of the stack, for a type that cannot name a customer-managed key: its compliant
   * fixture holds data classified `public`. @default 'internal'
   */
  readonly level?: string;
  /**
   * Rules the compliant fixture is not applicable to rather than passes: for a resource whose
   * data another keeps (an instance of a cluster), or a Memcached cache (no data on disk).
   * @default - none: every rule of the row passes
   */
  readonly notApplicable?: readonly string[];
  readonly violations: readonly Violation[];
}

const K = { Ref: 'Key' };
const KARN = { 'Fn::GetAtt': ['Key', 'Arn'] };

/** A policy document of one statement. */
const doc = (statement: Props) => ({ Version: '2012-10-17', Statement: [statement] });
/** An Allow to everyone, pinned (or not) by a condition. */
const everyone = (action: string, condition?: Props) =>
  doc({
    Effect: 'Allow',
    Principal: '*',
    Action: action,
    Resource: '*',
    ...(condition ? { Condition: condition } : {}),
  });
const pinned = (action: string) => everyone(action, { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } });
const byReferer = (action: string) => everyone(action, { StringLike: { 'aws:Referer': 'https://example.ma/*' } });
const denyInsecure = (action: string) =>
  doc({
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: action,
    Resource: '*',
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });

const subnet = (tier: string): CfnResource => ({
  Type: 'AWS::EC2::Subnet',
  Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', Tags: [{ Key: 'sovereign-lz.io/tier', Value: tier }] },
});

const ebs = (props: Props) => [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20, ...props } }];

const domain = (): Props => ({
  EncryptionAtRestOptions: { Enabled: true, KmsKeyId: K },
  NodeToNodeEncryptionOptions: { Enabled: true },
  DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
  VPCOptions: { SubnetIds: ['subnet-1'] },
  AccessPolicies: doc({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111111111111:role/app' },
    Action: 'es:ESHttp*',
    Resource: '*',
  }),
});

const domainViolations = (): Violation[] => [
  { check: 0, props: { EncryptionAtRestOptions: undefined }, message: 'not encrypted at rest' },
  { check: 1, props: { NodeToNodeEncryptionOptions: { Enabled: false } }, message: 'between the nodes' },
  {
    check: 2,
    props: { DomainEndpointOptions: { TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' } },
    message: 'EnforceHTTPS not set',
  },
  {
    check: 3,
    props: { DomainEndpointOptions: { EnforceHTTPS: true } },
    message: 'Policy-Min-TLS-1-0-2019-07 by default',
  },
  { check: 4, props: { VPCOptions: undefined }, message: 'public endpoint' },
  { check: 5, props: { AccessPolicies: byReferer('es:ESHttpGet') }, message: 'restricts no source or principal' },
];

const globalViolation = (check: number): Violation => ({
  check,
  props: { GlobalClusterIdentifier: 'lonely-global' },
  status: 'cannot-prove',
  message: "no other cluster of global cluster 'lonely-global'",
});

export const FIXTURES: readonly TypeFixtures[] = [
  // ---- Storage ----
  {
    type: 'AWS::S3::Bucket',
    good: {
      BucketName: 'records-eu',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KARN } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      ReplicationConfiguration: {
        Role: 'arn:aws:iam::1:role/r',
        Rules: [{ Status: 'Enabled', Destination: { Bucket: { 'Fn::GetAtt': ['Copy', 'Arn'] } } }],
      },
    },
    extra: {
      Copy: { Type: 'AWS::S3::Bucket' },
      Policy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: { Bucket: { Ref: 'R' }, PolicyDocument: denyInsecure('s3:*') },
      },
    },
    violations: [
      { check: 0, props: { BucketEncryption: undefined }, message: "level 'internal' needs a customer-managed key" },
      {
        check: 1,
        props: {
          ReplicationConfiguration: {
            Role: 'r',
            Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::elsewhere' } }],
          },
        },
        status: 'cannot-prove',
        message: 'S3 ARNs carry no region',
      },
      { check: 2, props: { PublicAccessBlockConfiguration: undefined }, message: 'no PublicAccessBlockConfiguration' },
      { check: 3, props: { AccessControl: 'PublicRead' }, message: 'ACL is PublicRead' },
      {
        check: 4,
        props: {},
        extra: {
          Policy: {
            Type: 'AWS::S3::BucketPolicy',
            Properties: { Bucket: { Ref: 'R' }, PolicyDocument: pinned('s3:GetObject') },
          },
        },
        message: 'does not deny requests without TLS',
      },
    ],
  },
  {
    type: 'AWS::S3::BucketPolicy',
    good: { Bucket: 'shared-bucket-outside', PolicyDocument: pinned('s3:GetObject') },
    violations: [
      {
        check: 0,
        props: { PolicyDocument: byReferer('s3:GetObject') },
        message: "on bucket 'shared-bucket-outside', outside the template",
      },
    ],
  },
  {
    type: 'AWS::EC2::Volume',
    good: { AvailabilityZone: 'eu-west-3a', Size: 10, Encrypted: true, KmsKeyId: K },
    violations: [{ check: 0, props: { Encrypted: false, KmsKeyId: undefined }, message: 'Encrypted is false' }],
  },
  {
    type: 'AWS::EC2::Instance',
    good: {
      ImageId: 'ami-1',
      BlockDeviceMappings: ebs({ Encrypted: true, KmsKeyId: K }),
      NetworkInterfaces: [{ DeviceIndex: '0', AssociatePublicIpAddress: true, SubnetId: { Ref: 'Public' } }],
    },
    extra: { Public: subnet('public'), Data: subnet('data') },
    violations: [
      {
        check: 0,
        props: { BlockDeviceMappings: ebs({}) },
        message: 'BlockDeviceMappings /dev/xvda: the data is not encrypted at rest',
      },
      {
        check: 1,
        props: { NetworkInterfaces: [{ DeviceIndex: '0', AssociatePublicIpAddress: true, SubnetId: { Ref: 'Data' } }] },
        message: "on a subnet of tier 'data'",
      },
    ],
  },
  {
    type: 'AWS::EC2::LaunchTemplate',
    good: {
      LaunchTemplateData: {
        BlockDeviceMappings: ebs({ Encrypted: true, KmsKeyId: KARN }),
        NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true, SubnetId: { Ref: 'Public' } }],
      },
    },
    extra: { Public: subnet('public'), Data: subnet('data') },
    violations: [
      {
        check: 0,
        props: { LaunchTemplateData: { BlockDeviceMappings: ebs({ Encrypted: true, KmsKeyId: 'alias/aws/ebs' }) } },
        message: 'provider-managed key',
      },
      {
        check: 1,
        props: {
          LaunchTemplateData: {
            BlockDeviceMappings: ebs({ Encrypted: true, KmsKeyId: KARN }),
            NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }],
          },
        },
        extra: {
          Group: {
            Type: 'AWS::AutoScaling::AutoScalingGroup',
            Properties: {
              MinSize: '1',
              MaxSize: '1',
              LaunchTemplate: { LaunchTemplateId: { Ref: 'R' }, Version: '1' },
              VPCZoneIdentifier: [{ Ref: 'Data' }],
            },
          },
        },
        message: "on a subnet of tier 'data'",
      },
    ],
  },
  {
    type: 'AWS::AutoScaling::LaunchConfiguration',
    level: 'public',
    good: {
      ImageId: 'ami-1',
      InstanceType: 't3.micro',
      BlockDeviceMappings: ebs({ Encrypted: true }),
      AssociatePublicIpAddress: false,
    },
    violations: [
      { check: 0, props: { BlockDeviceMappings: ebs({ Encrypted: false }) }, message: 'not encrypted at rest' },
      {
        check: 1,
        props: { AssociatePublicIpAddress: true },
        status: 'cannot-prove',
        message: 'subnet of unknown tier',
      },
    ],
  },
  {
    type: 'AWS::EFS::FileSystem',
    good: {
      Encrypted: true,
      KmsKeyId: K,
      ReplicationConfiguration: { Destinations: [{ Region: 'eu-south-2' }] },
      FileSystemPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: '*',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'elasticfilesystem:ClientMount',
            Condition: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } },
          },
        ],
      },
    },
    violations: [
      { check: 0, props: { Encrypted: undefined, KmsKeyId: undefined }, message: 'Encrypted is not set' },
      {
        check: 1,
        props: { ReplicationConfiguration: { Destinations: [{ Region: 'us-east-1' }] } },
        message: 'EFS replication to us-east-1',
      },
      {
        check: 2,
        props: {
          FileSystemPolicy: {
            Version: '2012-10-17',
            Statement: [
              ...(denyInsecure('*').Statement as Props[]),
              { Effect: 'Allow', Principal: '*', Action: 'elasticfilesystem:ClientMount' },
            ],
          },
        },
        message: 'open to everyone',
      },
      {
        check: 3,
        props: { FileSystemPolicy: undefined },
        message: 'no FileSystemPolicy denies connections without TLS',
      },
    ],
  },
  {
    type: 'AWS::EFS::AccessPoint',
    notApplicable: ['ENC-1/data-store-cmk'],
    good: { FileSystemId: { Ref: 'Fs' } },
    extra: { Fs: { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: true, KmsKeyId: K } } },
    violations: [
      {
        check: 0,
        props: { FileSystemId: 'fs-0123456789abcdef0' },
        status: 'cannot-prove',
        message: 'which is not in the input',
      },
    ],
  },
  {
    type: 'AWS::FSx::FileSystem',
    good: { FileSystemType: 'WINDOWS', StorageCapacity: 32, SubnetIds: ['subnet-1'], KmsKeyId: K },
    violations: [
      {
        check: 0,
        props: { FileSystemType: 'LUSTRE', KmsKeyId: undefined, LustreConfiguration: { DeploymentType: 'SCRATCH_2' } },
        message: 'a SCRATCH_2 Lustre file system takes no key',
      },
    ],
  },
  {
    type: 'AWS::Backup::BackupVault',
    good: { BackupVaultName: 'v', EncryptionKeyArn: KARN },
    violations: [{ check: 0, props: { EncryptionKeyArn: undefined }, message: 'EncryptionKeyArn not set' }],
  },
  {
    type: 'AWS::Backup::BackupPlan',
    good: {
      BackupPlan: {
        BackupPlanName: 'p',
        BackupPlanRule: [
          {
            RuleName: 'daily',
            TargetBackupVault: 'v',
            CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:eu-south-2:111111111111:backup-vault:dr' }],
          },
        ],
      },
    },
    violations: [
      {
        check: 0,
        props: {
          BackupPlan: {
            BackupPlanName: 'p',
            BackupPlanRule: [
              {
                RuleName: 'daily',
                TargetBackupVault: 'v',
                CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-east-1:111111111111:backup-vault:dr' }],
              },
            ],
          },
        },
        message: "copy of rule 'daily' to us-east-1",
      },
    ],
  },
  {
    type: 'AWS::DLM::LifecyclePolicy',
    good: {
      Description: 'd',
      State: 'ENABLED',
      PolicyDetails: { Schedules: [{ Name: 's', CrossRegionCopyRules: [{ Target: 'eu-south-2', Encrypted: true }] }] },
    },
    violations: [
      {
        check: 0,
        props: {
          PolicyDetails: {
            Schedules: [
              {
                Name: 's',
                CrossRegionCopyRules: [
                  { Target: 'arn:aws:outposts:us-east-1:111111111111:outpost/op-1', Encrypted: true },
                ],
              },
            ],
          },
        },
        message: 'cross-region snapshot copy to us-east-1',
      },
    ],
  },
  {
    type: 'AWS::ECR::Repository',
    good: {
      EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: KARN },
      RepositoryPolicyText: pinned('ecr:BatchGetImage'),
    },
    violations: [
      { check: 0, props: { EncryptionConfiguration: undefined }, message: 'provider-managed key' },
      {
        check: 1,
        props: { RepositoryPolicyText: everyone('ecr:BatchGetImage') },
        message: 'allows ecr:BatchGetImage to principal *',
      },
    ],
  },
  {
    type: 'AWS::ECR::ReplicationConfiguration',
    good: {
      ReplicationConfiguration: { Rules: [{ Destinations: [{ Region: 'eu-south-2', RegistryId: '111111111111' }] }] },
    },
    violations: [
      {
        check: 0,
        props: {
          ReplicationConfiguration: {
            Rules: [{ Destinations: [{ Region: 'ap-south-1', RegistryId: '111111111111' }] }],
          },
        },
        message: 'ECR replication to ap-south-1',
      },
    ],
  },
  // ---- Databases ----
  {
    type: 'AWS::RDS::DBInstance',
    good: {
      Engine: 'postgres',
      DBInstanceClass: 'db.t3.micro',
      StorageEncrypted: true,
      KmsKeyId: K,
      PubliclyAccessible: false,
      AutomaticBackupReplicationRegion: 'eu-south-2',
    },
    violations: [
      { check: 0, props: { StorageEncrypted: undefined, KmsKeyId: undefined }, message: 'StorageEncrypted is not set' },
      { check: 1, props: { PubliclyAccessible: 'true' }, message: 'publicly accessible' },
      {
        check: 2,
        props: { AutomaticBackupReplicationRegion: 'us-east-1' },
        message: 'automated backup replication to us-east-1',
      },
    ],
  },
  {
    type: 'AWS::RDS::DBCluster',
    good: {
      Engine: 'aurora-postgresql',
      StorageEncrypted: true,
      KmsKeyId: K,
      PubliclyAccessible: false,
      GlobalClusterIdentifier: 'records-global',
    },
    extra: {
      Other: {
        Type: 'AWS::RDS::DBCluster',
        Properties: {
          Engine: 'aurora-postgresql',
          GlobalClusterIdentifier: 'records-global',
          StorageEncrypted: true,
          KmsKeyId: K,
        },
      },
    },
    violations: [
      { check: 0, props: { KmsKeyId: 'alias/aws/rds' }, message: 'provider-managed key' },
      { check: 1, props: { PubliclyAccessible: true }, message: 'Multi-AZ DB cluster is publicly accessible' },
      globalViolation(2),
    ],
  },
  {
    type: 'AWS::RDS::GlobalCluster',
    good: { GlobalClusterIdentifier: 'g', Engine: 'aurora-postgresql', StorageEncrypted: true },
    violations: [{ check: 0, props: { StorageEncrypted: false }, message: 'StorageEncrypted false' }],
  },
  {
    type: 'AWS::RDS::DBProxy',
    good: { DBProxyName: 'p', EngineFamily: 'POSTGRESQL', RoleArn: 'arn', VpcSubnetIds: ['s'], RequireTLS: true },
    violations: [{ check: 0, props: { RequireTLS: undefined }, message: 'RequireTLS not set: false by default' }],
  },
  {
    type: 'AWS::DocDB::DBCluster',
    good: {
      StorageEncrypted: true,
      KmsKeyId: K,
      DBClusterParameterGroupName: { Ref: 'Params' },
      GlobalClusterIdentifier: 'docs-global',
    },
    extra: {
      Params: {
        Type: 'AWS::DocDB::DBClusterParameterGroup',
        Properties: { Family: 'docdb5.0', Description: 'd', Parameters: { tls: 'tls1.2+' } },
      },
      Disabled: {
        Type: 'AWS::DocDB::DBClusterParameterGroup',
        Properties: { Family: 'docdb5.0', Description: 'd', Parameters: { tls: 'disabled' } },
      },
      Other: {
        Type: 'AWS::DocDB::DBCluster',
        Properties: { GlobalClusterIdentifier: 'docs-global', StorageEncrypted: true, KmsKeyId: K },
      },
    },
    violations: [
      { check: 0, props: { StorageEncrypted: false, KmsKeyId: undefined }, message: 'StorageEncrypted is false' },
      globalViolation(1),
      {
        check: 2,
        props: { DBClusterParameterGroupName: { Ref: 'Disabled' } },
        message: "tls is 'disabled' in 'Disabled'",
      },
    ],
  },
  {
    type: 'AWS::DocDB::DBInstance',
    notApplicable: ['ENC-1/data-store-cmk'],
    good: { DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: { Ref: 'Cluster' } },
    extra: { Cluster: { Type: 'AWS::DocDB::DBCluster', Properties: { StorageEncrypted: true, KmsKeyId: K } } },
    violations: [
      {
        check: 0,
        props: { DBClusterIdentifier: 'somewhere-else' },
        status: 'cannot-prove',
        message: "kept by 'somewhere-else'",
      },
    ],
  },
  {
    type: 'AWS::DocDB::GlobalCluster',
    good: { GlobalClusterIdentifier: 'g', Engine: 'docdb', StorageEncrypted: true },
    violations: [{ check: 0, props: { StorageEncrypted: undefined }, message: 'StorageEncrypted not set' }],
  },
  {
    type: 'AWS::DocDBElastic::Cluster',
    good: {
      ClusterName: 'c',
      AdminUserName: 'a',
      AuthType: 'SECRET_ARN',
      ShardCapacity: 2,
      ShardCount: 1,
      KmsKeyId: KARN,
    },
    violations: [{ check: 0, props: { KmsKeyId: undefined }, message: 'KmsKeyId not set' }],
  },
  {
    type: 'AWS::Neptune::DBCluster',
    good: { StorageEncrypted: true, KmsKeyId: K, GlobalClusterIdentifier: 'graph-global' },
    extra: {
      Other: {
        Type: 'AWS::Neptune::DBCluster',
        Properties: { GlobalClusterIdentifier: 'graph-global', StorageEncrypted: true, KmsKeyId: K },
      },
    },
    violations: [
      { check: 0, props: { StorageEncrypted: undefined, KmsKeyId: undefined }, message: 'not encrypted at rest' },
      globalViolation(1),
    ],
  },
  {
    type: 'AWS::Neptune::DBInstance',
    notApplicable: ['ENC-1/data-store-cmk'],
    good: { DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: { Ref: 'Cluster' }, PubliclyAccessible: false },
    extra: { Cluster: { Type: 'AWS::Neptune::DBCluster', Properties: { StorageEncrypted: true, KmsKeyId: K } } },
    violations: [
      {
        check: 0,
        props: { DBClusterIdentifier: { Ref: 'Missing' } },
        status: 'cannot-prove',
        message: 'DBClusterIdentifier',
      },
      { check: 1, props: { PubliclyAccessible: true }, message: 'publicly accessible' },
    ],
  },
  {
    type: 'AWS::Neptune::GlobalCluster',
    good: { GlobalClusterIdentifier: 'g', Engine: 'neptune', StorageEncrypted: true },
    violations: [{ check: 0, props: { StorageEncrypted: 'false' }, message: 'StorageEncrypted false' }],
  },
  {
    type: 'AWS::NeptuneGraph::Graph',
    good: { ProvisionedMemory: 16, KmsKeyIdentifier: KARN, PublicConnectivity: false },
    violations: [
      { check: 0, props: { KmsKeyIdentifier: undefined }, message: 'KmsKeyIdentifier not set' },
      { check: 1, props: { PublicConnectivity: true }, message: 'reachable from the internet' },
    ],
  },
  {
    type: 'AWS::Redshift::Cluster',
    good: {
      NodeType: 'ra3.xlplus',
      ClusterType: 'single-node',
      DBName: 'd',
      MasterUsername: 'm',
      Encrypted: true,
      KmsKeyId: K,
      DestinationRegion: 'eu-south-2',
      PubliclyAccessible: false,
      ClusterParameterGroupName: { Ref: 'Params' },
    },
    extra: {
      Params: {
        Type: 'AWS::Redshift::ClusterParameterGroup',
        Properties: {
          Description: 'd',
          ParameterGroupFamily: 'redshift-1.0',
          Parameters: [{ ParameterName: 'require_ssl', ParameterValue: 'true' }],
        },
      },
    },
    violations: [
      { check: 0, props: { KmsKeyId: undefined }, message: 'KmsKeyId not set' },
      { check: 1, props: { DestinationRegion: 'us-east-1' }, message: 'cross-region snapshot copy to us-east-1' },
      { check: 2, props: { PubliclyAccessible: true }, message: 'publicly accessible' },
      {
        check: 3,
        props: { ClusterParameterGroupName: undefined },
        message: "require_ssl is 'false' in the default parameter group",
      },
    ],
  },
  {
    type: 'AWS::RedshiftServerless::Namespace',
    good: { NamespaceName: 'n', KmsKeyId: K, SnapshotCopyConfigurations: [{ DestinationRegion: 'eu-south-2' }] },
    violations: [
      { check: 0, props: { KmsKeyId: undefined }, message: 'KmsKeyId not set' },
      {
        check: 1,
        props: { SnapshotCopyConfigurations: [{ DestinationRegion: 'us-west-2' }] },
        message: 'to us-west-2',
      },
    ],
  },
  {
    type: 'AWS::RedshiftServerless::Workgroup',
    good: {
      WorkgroupName: 'w',
      PubliclyAccessible: false,
      ConfigParameters: [{ ParameterKey: 'require_ssl', ParameterValue: 'true' }],
    },
    violations: [
      { check: 0, props: { PubliclyAccessible: true }, message: 'publicly accessible' },
      {
        check: 1,
        props: { ConfigParameters: [{ ParameterKey: 'require_ssl', ParameterValue: 'false' }] },
        message: "require_ssl 'false'",
      },
    ],
  },
  {
    type: 'AWS::DynamoDB::Table',
    good: { KeySchema: [], SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: K } },
    violations: [
      {
        check: 0,
        props: { SSESpecification: { SSEEnabled: false } },
        message: "level 'internal' needs a customer-managed key",
      },
    ],
  },
  {
    type: 'AWS::DynamoDB::GlobalTable',
    good: {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        { Region: 'eu-west-3', SSESpecification: { KMSMasterKeyId: KARN } },
        { Region: 'eu-south-2', SSESpecification: { KMSMasterKeyId: 'arn:aws:kms:eu-south-2:111111111111:key/k' } },
      ],
    },
    violations: [
      {
        check: 0,
        props: { Replicas: [{ Region: 'eu-west-3', SSESpecification: { KMSMasterKeyId: 'alias/aws/dynamodb' } }] },
        message: 'provider-managed key',
      },
      {
        check: 1,
        props: {
          Replicas: [
            { Region: 'eu-west-3', SSESpecification: { KMSMasterKeyId: KARN } },
            { Region: 'ap-south-1', SSESpecification: { KMSMasterKeyId: 'arn:aws:kms:ap-south-1:1:key/k' } },
          ],
        },
        message: 'replica to ap-south-1',
      },
    ],
  },
  {
    type: 'AWS::DAX::Cluster',
    level: 'public',
    good: {
      IAMRoleARN: 'arn',
      NodeType: 'dax.r5.large',
      ReplicationFactor: 3,
      SSESpecification: { SSEEnabled: true },
      ClusterEndpointEncryptionType: 'TLS',
    },
    violations: [
      { check: 0, props: { SSESpecification: undefined }, message: 'SSESpecification.SSEEnabled is not set' },
      { check: 1, props: { ClusterEndpointEncryptionType: undefined }, message: 'NONE by default' },
    ],
  },
  {
    type: 'AWS::ElastiCache::ReplicationGroup',
    good: {
      ReplicationGroupDescription: 'd',
      AtRestEncryptionEnabled: true,
      KmsKeyId: K,
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
    },
    violations: [
      {
        check: 0,
        props: { AtRestEncryptionEnabled: undefined, KmsKeyId: undefined },
        message: 'AtRestEncryptionEnabled is not set',
      },
      { check: 1, props: { TransitEncryptionEnabled: false }, message: 'TransitEncryptionEnabled false' },
      { check: 2, props: { TransitEncryptionMode: 'preferred' }, message: "TransitEncryptionMode 'preferred'" },
    ],
  },
  {
    type: 'AWS::ElastiCache::CacheCluster',
    notApplicable: ['ENC-1/data-store-cmk'],
    good: { CacheNodeType: 'cache.t3.micro', Engine: 'memcached', NumCacheNodes: 1, TransitEncryptionEnabled: true },
    violations: [
      { check: 0, props: { Engine: 'valkey' }, message: 'a cache cluster cannot encrypt at rest' },
      { check: 1, props: { TransitEncryptionEnabled: undefined }, message: 'TransitEncryptionEnabled not set' },
    ],
  },
  {
    type: 'AWS::ElastiCache::ServerlessCache',
    good: { ServerlessCacheName: 's', Engine: 'valkey', KmsKeyId: K },
    violations: [{ check: 0, props: { KmsKeyId: undefined }, message: 'KmsKeyId not set' }],
  },
  {
    type: 'AWS::ElastiCache::GlobalReplicationGroup',
    good: {
      Members: [
        { ReplicationGroupId: 'a', ReplicationGroupRegion: 'eu-west-3', Role: 'PRIMARY' },
        { ReplicationGroupId: 'b', ReplicationGroupRegion: 'eu-south-2', Role: 'SECONDARY' },
      ],
    },
    violations: [
      {
        check: 0,
        props: {
          Members: [
            { ReplicationGroupId: 'a', ReplicationGroupRegion: 'eu-west-3', Role: 'PRIMARY' },
            { ReplicationGroupId: 'b', ReplicationGroupRegion: 'us-east-2', Role: 'SECONDARY' },
          ],
        },
        message: 'global datastore member to us-east-2',
      },
    ],
  },
  {
    type: 'AWS::MemoryDB::Cluster',
    good: { ClusterName: 'c', NodeType: 'db.t4g.small', ACLName: 'open-access', KmsKeyId: KARN },
    violations: [
      { check: 0, props: { KmsKeyId: 'alias/aws/memorydb' }, message: 'provider-managed key' },
      { check: 1, props: { TLSEnabled: false }, message: 'TLSEnabled false' },
    ],
  },
  {
    type: 'AWS::Cassandra::Table',
    good: {
      KeyspaceName: 'k',
      PartitionKeyColumns: [],
      EncryptionSpecification: { EncryptionType: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyIdentifier: KARN },
    },
    violations: [
      {
        check: 0,
        props: { EncryptionSpecification: { EncryptionType: 'AWS_OWNED_KMS_KEY' } },
        message: 'EncryptionType AWS_OWNED_KMS_KEY',
      },
    ],
  },
  {
    type: 'AWS::Cassandra::Keyspace',
    good: {
      ReplicationSpecification: { ReplicationStrategy: 'MULTI_REGION', RegionList: ['eu-west-3', 'eu-south-2'] },
    },
    violations: [
      {
        check: 0,
        props: {
          ReplicationSpecification: { ReplicationStrategy: 'MULTI_REGION', RegionList: ['eu-west-3', 'us-east-1'] },
        },
        message: 'replica to us-east-1',
      },
    ],
  },
  {
    type: 'AWS::QLDB::Ledger',
    good: { PermissionsMode: 'STANDARD', KmsKey: KARN },
    violations: [{ check: 0, props: { KmsKey: 'AWS_OWNED_KMS_KEY' }, message: 'KmsKey AWS_OWNED_KMS_KEY' }],
  },
  {
    type: 'AWS::Timestream::Database',
    good: { KmsKeyId: K },
    violations: [{ check: 0, props: { KmsKeyId: '' }, message: 'KmsKeyId not set' }],
  },
  {
    type: 'AWS::Timestream::InfluxDBInstance',
    good: { DbInstanceType: 'db.influx.medium', PubliclyAccessible: false },
    violations: [{ check: 0, props: { PubliclyAccessible: true }, message: 'has a public IP' }],
  },
  {
    type: 'AWS::DSQL::Cluster',
    good: {
      KmsEncryptionKey: KARN,
      MultiRegionProperties: {
        WitnessRegion: 'eu-south-2',
        Clusters: ['arn:aws:dsql:eu-south-2:111111111111:cluster/abc'],
      },
    },
    violations: [
      { check: 0, props: { KmsEncryptionKey: 'AWS_OWNED_KMS_KEY' }, message: 'KmsEncryptionKey AWS_OWNED_KMS_KEY' },
      {
        check: 1,
        props: { KmsEncryptionKey: KARN, MultiRegionProperties: { WitnessRegion: 'us-east-2' } },
        message: 'peer to us-east-2',
      },
    ],
  },
  { type: 'AWS::OpenSearchService::Domain', good: domain(), violations: domainViolations() },
  { type: 'AWS::Elasticsearch::Domain', good: domain(), violations: domainViolations() },
  {
    type: 'AWS::DMS::ReplicationInstance',
    good: { ReplicationInstanceClass: 'dms.t3.micro', KmsKeyId: KARN, PubliclyAccessible: false },
    violations: [
      { check: 0, props: { KmsKeyId: undefined }, message: 'KmsKeyId not set' },
      { check: 1, props: { PubliclyAccessible: undefined }, message: 'PubliclyAccessible not set: true by default' },
    ],
  },
  {
    type: 'AWS::DMS::Endpoint',
    good: { EndpointType: 'source', EngineName: 'postgres', KmsKeyId: KARN, SslMode: 'verify-full' },
    violations: [
      { check: 0, props: { KmsKeyId: 'alias/aws/dms' }, message: 'provider-managed key' },
      { check: 1, props: { SslMode: undefined }, message: 'SslMode not set: none by default' },
    ],
  },
  // ---- Messaging, streaming, secrets, analytics ----
  {
    type: 'AWS::SQS::Queue',
    good: { KmsMasterKeyId: K },
    violations: [
      { check: 0, props: { KmsMasterKeyId: undefined, SqsManagedSseEnabled: true }, message: 'KmsMasterKeyId not set' },
    ],
  },
  {
    type: 'AWS::SQS::QueuePolicy',
    good: {
      Queues: ['q'],
      PolicyDocument: everyone('sqs:SendMessage', {
        ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-3:111111111111:t' },
      }),
    },
    violations: [
      {
        check: 0,
        props: { PolicyDocument: everyone('sqs:SendMessage') },
        message: 'allows sqs:SendMessage to principal *',
      },
    ],
  },
  {
    type: 'AWS::SNS::Topic',
    good: { KmsMasterKeyId: KARN },
    violations: [{ check: 0, props: { KmsMasterKeyId: undefined }, message: 'not encrypted at rest' }],
  },
  {
    type: 'AWS::SNS::TopicPolicy',
    good: {
      Topics: ['t'],
      PolicyDocument: everyone('sns:Publish', { StringEquals: { 'aws:SourceAccount': '111111111111' } }),
    },
    violations: [
      {
        check: 0,
        props: { PolicyDocument: everyone('sns:Publish', { StringEquals: { 'aws:SourceAccount': '*' } }) },
        message: 'restricts no source or principal',
      },
    ],
  },
  {
    type: 'AWS::Logs::LogGroup',
    good: { KmsKeyId: KARN },
    violations: [{ check: 0, props: { KmsKeyId: undefined }, message: 'KmsKeyId not set' }],
  },
  {
    type: 'AWS::Kinesis::Stream',
    good: { ShardCount: 1, StreamEncryption: { EncryptionType: 'KMS', KeyId: KARN } },
    violations: [{ check: 0, props: { StreamEncryption: undefined }, message: 'StreamEncryption is not set' }],
  },
  {
    type: 'AWS::KinesisFirehose::DeliveryStream',
    good: {
      DeliveryStreamType: 'DirectPut',
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: KARN },
    },
    violations: [
      {
        check: 0,
        props: { DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' } },
        message: 'KeyType AWS_OWNED_CMK',
      },
    ],
  },
  {
    type: 'AWS::KinesisVideo::Stream',
    good: { KmsKeyId: KARN },
    violations: [{ check: 0, props: { KmsKeyId: 'alias/aws/kinesisvideo' }, message: 'provider-managed key' }],
  },
  {
    type: 'AWS::MSK::Cluster',
    good: {
      ClusterName: 'c',
      KafkaVersion: '3.6.0',
      NumberOfBrokerNodes: 3,
      BrokerNodeGroupInfo: {
        ClientSubnets: ['s'],
        InstanceType: 'kafka.m5.large',
        ConnectivityInfo: { PublicAccess: { Type: 'DISABLED' } },
      },
      EncryptionInfo: {
        EncryptionAtRest: { DataVolumeKMSKeyId: KARN },
        EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true },
      },
    },
    violations: [
      {
        check: 0,
        props: { EncryptionInfo: { EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true } } },
        message: 'DataVolumeKMSKeyId not set',
      },
      {
        check: 1,
        props: {
          EncryptionInfo: { EncryptionAtRest: { DataVolumeKMSKeyId: KARN }, EncryptionInTransit: { InCluster: true } },
        },
        message: 'TLS_PLAINTEXT by default',
      },
      {
        check: 2,
        props: {
          EncryptionInfo: {
            EncryptionAtRest: { DataVolumeKMSKeyId: KARN },
            EncryptionInTransit: { ClientBroker: 'TLS', InCluster: false },
          },
        },
        message: 'between the brokers',
      },
      {
        check: 3,
        props: {
          BrokerNodeGroupInfo: {
            ClientSubnets: ['s'],
            InstanceType: 'kafka.m5.large',
            ConnectivityInfo: { PublicAccess: { Type: 'SERVICE_PROVIDED_EIPS' } },
          },
        },
        message: 'reachable from the internet',
      },
    ],
  },
  {
    type: 'AWS::AmazonMQ::Broker',
    good: {
      BrokerName: 'b',
      EngineType: 'ACTIVEMQ',
      PubliclyAccessible: false,
      EncryptionOptions: { UseAwsOwnedKey: false, KmsKeyId: KARN },
    },
    violations: [
      { check: 0, props: { EncryptionOptions: { UseAwsOwnedKey: true } }, message: 'UseAwsOwnedKey true' },
      { check: 1, props: { PubliclyAccessible: true }, message: 'outside its VPC' },
    ],
  },
  {
    type: 'AWS::SecretsManager::Secret',
    good: { KmsKeyId: K, ReplicaRegions: [{ Region: 'eu-south-2' }] },
    violations: [
      { check: 0, props: { KmsKeyId: 'alias/aws/secretsmanager' }, message: 'provider-managed key' },
      { check: 1, props: { ReplicaRegions: [{ Region: 'us-east-1' }] }, message: 'secret replica to us-east-1' },
    ],
  },
  {
    type: 'AWS::SecretsManager::ResourcePolicy',
    good: {
      SecretId: 's',
      ResourcePolicy: everyone('secretsmanager:GetSecretValue', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }),
    },
    violations: [
      {
        check: 0,
        props: {
          ResourcePolicy: everyone('secretsmanager:GetSecretValue', {
            StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' },
          }),
        },
        message: 'restricts no source or principal',
      },
    ],
  },
  {
    type: 'AWS::SSM::Parameter',
    level: 'public',
    good: { Type: 'String', Value: 'ami-1' },
    violations: [
      { check: 0, props: {}, level: 'internal', message: 'CloudFormation cannot create a SecureString parameter' },
    ],
  },
  {
    type: 'AWS::Glue::SecurityConfiguration',
    good: {
      Name: 'g',
      EncryptionConfiguration: {
        S3Encryptions: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: KARN }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: KARN },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: KARN },
      },
    },
    violations: [
      {
        check: 0,
        props: {
          EncryptionConfiguration: {
            S3Encryptions: [{ S3EncryptionMode: 'DISABLED' }],
            JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: KARN },
          },
        },
        message: 'S3 data, EncryptionConfiguration.S3Encryptions #1: the data is not encrypted at rest',
      },
    ],
  },
  {
    type: 'AWS::Glue::DataCatalogEncryptionSettings',
    good: {
      CatalogId: '111111111111',
      DataCatalogEncryptionSettings: {
        EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: KARN },
        ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, KmsKeyId: KARN },
      },
    },
    violations: [
      {
        check: 0,
        props: { DataCatalogEncryptionSettings: { EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' } } },
        message: 'the Data Catalog: the data is not encrypted at rest',
      },
    ],
  },
  {
    type: 'AWS::Athena::WorkGroup',
    good: {
      Name: 'w',
      WorkGroupConfiguration: {
        ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: KARN } },
      },
    },
    violations: [
      {
        check: 0,
        props: {
          WorkGroupConfiguration: { ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } } },
        },
        message: 'EncryptionOption SSE_S3',
      },
    ],
  },
  {
    type: 'AWS::StepFunctions::StateMachine',
    good: { RoleArn: 'arn', EncryptionConfiguration: { Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: KARN } },
    violations: [
      { check: 0, props: { EncryptionConfiguration: undefined }, message: 'EncryptionConfiguration.KmsKeyId not set' },
    ],
  },
  {
    type: 'AWS::StepFunctions::Activity',
    good: { Name: 'a', EncryptionConfiguration: { Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: KARN } },
    violations: [
      { check: 0, props: { EncryptionConfiguration: { Type: 'AWS_OWNED_KEY' } }, message: 'Type AWS_OWNED_KEY' },
    ],
  },
  {
    type: 'AWS::CodeBuild::Project',
    good: {
      Artifacts: { Type: 'S3', Location: 'b' },
      Environment: {},
      ServiceRole: 'r',
      Source: { Type: 'NO_SOURCE' },
      EncryptionKey: KARN,
    },
    violations: [
      {
        check: 0,
        props: { Artifacts: { Type: 'S3', Location: 'b', EncryptionDisabled: true } },
        message: 'Artifacts.EncryptionDisabled true',
      },
    ],
  },
  // ---- Compute, machine learning, APIs, edge ----
  {
    type: 'AWS::EKS::Cluster',
    good: {
      RoleArn: 'arn',
      ResourcesVpcConfig: { SubnetIds: ['s'], EndpointPublicAccess: false, EndpointPrivateAccess: true },
      EncryptionConfig: [{ Resources: ['secrets'], Provider: { KeyArn: KARN } }],
    },
    violations: [
      {
        check: 0,
        props: { EncryptionConfig: undefined, Version: '1.27' },
        message: 'Kubernetes 1.27: the data is not encrypted at rest',
      },
      { check: 1, props: { ResourcesVpcConfig: { SubnetIds: ['s'] } }, message: 'true by default' },
    ],
  },
  {
    type: 'AWS::Lambda::Function',
    good: { Role: 'arn', Code: { ZipFile: 'x' }, Environment: { Variables: { TABLE: 't' } }, KmsKeyArn: KARN },
    violations: [{ check: 0, props: { KmsKeyArn: undefined }, message: 'KmsKeyArn not set' }],
  },
  {
    type: 'AWS::Lambda::Url',
    good: { TargetFunctionArn: 'arn', AuthType: 'AWS_IAM' },
    violations: [{ check: 0, props: { AuthType: 'NONE' }, message: "level 'internal' is not public" }],
  },
  {
    type: 'AWS::Lambda::Permission',
    good: { Action: 'lambda:InvokeFunction', FunctionName: 'f', Principal: '*', SourceAccount: '111111111111' },
    violations: [{ check: 0, props: { SourceAccount: undefined }, message: 'principal * without SourceArn' }],
  },
  {
    type: 'AWS::SageMaker::NotebookInstance',
    good: { InstanceType: 'ml.t3.medium', RoleArn: 'arn', KmsKeyId: KARN, DirectInternetAccess: 'Disabled' },
    violations: [
      { check: 0, props: { KmsKeyId: undefined }, message: 'KmsKeyId not set' },
      { check: 1, props: { DirectInternetAccess: undefined }, message: 'Enabled by default' },
    ],
  },
  {
    type: 'AWS::SageMaker::Domain',
    good: {
      AuthMode: 'IAM',
      DomainName: 'd',
      DefaultUserSettings: {},
      KmsKeyId: KARN,
      AppNetworkAccessType: 'VpcOnly',
    },
    violations: [
      { check: 0, props: { KmsKeyId: undefined }, message: 'KmsKeyId not set' },
      { check: 1, props: { AppNetworkAccessType: 'PublicInternetOnly' }, message: 'reaches the internet directly' },
    ],
  },
  {
    type: 'AWS::SageMaker::EndpointConfig',
    good: { ProductionVariants: [], KmsKeyId: KARN, DataCaptureConfig: { KmsKeyId: KARN } },
    violations: [
      {
        check: 0,
        props: { DataCaptureConfig: { InitialSamplingPercentage: 10 } },
        message: 'captured data: the data is encrypted with a provider-managed key',
      },
    ],
  },
  {
    type: 'AWS::SageMaker::FeatureGroup',
    good: {
      FeatureGroupName: 'f',
      OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://b', KmsKeyId: KARN } },
      OnlineStoreConfig: { SecurityConfig: { KmsKeyId: KARN } },
    },
    violations: [
      {
        check: 0,
        props: { OnlineStoreConfig: { EnableOnlineStore: true } },
        message: 'the online store: the data is encrypted with a provider-managed key',
      },
    ],
  },
  {
    type: 'AWS::ApiGateway::RestApi',
    good: { Name: 'a', EndpointConfiguration: { Types: ['PRIVATE'] } },
    violations: [{ check: 0, props: { EndpointConfiguration: { Types: ['REGIONAL'] } }, message: 'accepts TLS 1.0' }],
  },
  {
    type: 'AWS::ApiGateway::Stage',
    level: 'public',
    good: {
      RestApiId: 'a',
      CacheClusterEnabled: true,
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', CachingEnabled: true, CacheDataEncrypted: true }],
    },
    violations: [
      {
        check: 0,
        props: { MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/~1records', CachingEnabled: true }] },
        message: 'the cache of GET /~1records: the data is not encrypted at rest',
      },
    ],
  },
  {
    type: 'AWS::ApiGateway::Method',
    good: { RestApiId: 'a', ResourceId: 'r', HttpMethod: 'GET', AuthorizationType: 'AWS_IAM' },
    violations: [{ check: 0, props: { AuthorizationType: 'NONE' }, message: 'without authentication' }],
  },
  {
    type: 'AWS::ApiGateway::DomainName',
    good: { DomainName: 'api.example.ma', SecurityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09' },
    violations: [{ check: 0, props: { SecurityPolicy: 'TLS_1_0' }, message: "SecurityPolicy 'TLS_1_0'" }],
  },
  {
    type: 'AWS::ApiGatewayV2::DomainName',
    good: {
      DomainName: 'api.example.ma',
      DomainNameConfigurations: [{ CertificateArn: 'arn', SecurityPolicy: 'TLS_1_2' }],
    },
    violations: [
      {
        check: 0,
        props: { DomainNameConfigurations: [{ CertificateArn: 'arn', SecurityPolicy: 'TLS_1_0' }] },
        message: 'accepts TLS 1.0',
      },
    ],
  },
  {
    type: 'AWS::AppSync::GraphQLApi',
    good: {
      Name: 'g',
      AuthenticationType: 'AWS_IAM',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AMAZON_COGNITO_USER_POOLS' }],
    },
    violations: [
      { check: 0, props: { AuthenticationType: 'API_KEY' }, message: 'AuthenticationType API_KEY' },
      {
        check: 1,
        props: { AdditionalAuthenticationProviders: [{ AuthenticationType: 'API_KEY' }] },
        message: 'AdditionalAuthenticationProviders[].AuthenticationType API_KEY',
      },
    ],
  },
  {
    type: 'AWS::CloudFront::Distribution',
    good: {
      DistributionConfig: {
        Enabled: true,
        Aliases: ['www.example.ma'],
        ViewerCertificate: {
          AcmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/c',
          SslSupportMethod: 'sni-only',
          MinimumProtocolVersion: 'TLSv1.2_2021',
        },
        DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'redirect-to-https' },
        Origins: [
          {
            Id: 'app',
            DomainName: 'app.example.ma',
            CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
          },
        ],
      },
    },
    violations: [
      {
        check: 0,
        props: {
          DistributionConfig: {
            Enabled: true,
            ViewerCertificate: { CloudFrontDefaultCertificate: true },
            DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'allow-all' },
            Origins: [
              { Id: 'app', DomainName: 'app.example.ma', CustomOriginConfig: { OriginProtocolPolicy: 'http-only' } },
            ],
          },
        },
        message: 'the default *.cloudfront.net certificate sets the security policy to TLSv1',
      },
    ],
  },
  {
    type: 'AWS::Bedrock::Agent',
    good: { AgentName: 'a', CustomerEncryptionKeyArn: KARN },
    violations: [
      { check: 0, props: { CustomerEncryptionKeyArn: undefined }, message: 'CustomerEncryptionKeyArn not set' },
    ],
  },
  {
    type: 'AWS::Bedrock::KnowledgeBase',
    good: {
      Name: 'kb',
      RoleArn: 'arn',
      KnowledgeBaseConfiguration: {
        Type: 'VECTOR',
        ManagedKnowledgeBaseConfiguration: { ServerSideEncryptionConfiguration: { KmsKeyArn: KARN } },
      },
    },
    violations: [
      {
        check: 0,
        props: { KnowledgeBaseConfiguration: { Type: 'VECTOR', ManagedKnowledgeBaseConfiguration: {} } },
        message: 'the managed knowledge base: the data is encrypted with a provider-managed key',
      },
    ],
  },
  {
    type: 'AWS::Bedrock::DataSource',
    good: {
      Name: 'd',
      KnowledgeBaseId: 'kb',
      DataSourceConfiguration: {},
      ServerSideEncryptionConfiguration: { KmsKeyArn: KARN },
    },
    violations: [
      {
        check: 0,
        props: { ServerSideEncryptionConfiguration: undefined },
        message: 'ServerSideEncryptionConfiguration.KmsKeyArn not set',
      },
    ],
  },
];
