import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DEP_CORPUS_FILES } from '../fixtures/dep/lang-corpus';

/**
 * Inputs that break every rule of the engine at least once, for the tests of the messages'
 * languages: each file is checked on its own (some controls are judged over the whole input,
 * e.g. a trail present or absent), with `--classification sensitive --region eu-west-3`.
 */

const TIER = 'sovereign-lz.io/tier';
const PURPOSE = 'sovereign-lz.io/purpose';
const SINK = 'sovereign-lz.io/log-sink';

type Json = Record<string, unknown>;

/** A CloudFormation template breaking every CloudFormation rule but LOG-1/trail-present. */
export const BAD_TEMPLATE: Json = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { KeyArn: { Type: 'String' } },
  Resources: {
    Queue: { Type: 'AWS::SQS::Queue' },
    Topic: { Type: 'AWS::SNS::Topic' },
    Baseline: {
      Type: 'AWS::CloudFormation::StackSet',
      Properties: {
        StackSetName: 'baseline',
        PermissionModel: 'SERVICE_MANAGED',
        StackInstancesGroup: [
          { DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-cdef3456'] }, Regions: ['us-east-1'] },
        ],
      },
    },
    Key: {
      Type: 'AWS::KMS::Key',
      Properties: {
        MultiRegion: true,
        EnableKeyRotation: false,
        PendingWindowInDays: 7,
        KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] },
      },
    },
    Data: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        AccessControl: 'PublicRead',
        ReplicationConfiguration: {
          Role: 'arn:aws:iam::123456789012:role/r',
          Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::bucket-elsewhere' } }],
        },
      },
    },
    Logs: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        Tags: [{ Key: PURPOSE, Value: 'logs' }],
        LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 1 }] },
      },
    },
    Volume: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-3a', Encrypted: false } },
    Database: { Type: 'AWS::RDS::DBInstance', Properties: { PubliclyAccessible: true } },
    Files: { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: false } },
    Table: { Type: 'AWS::DynamoDB::Table' },
    Global: {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: { Replicas: [{ Region: 'us-east-1' }] },
    },
    Group: { Type: 'AWS::Logs::LogGroup' },
    Subscription: {
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: {
        LogGroupName: { Ref: 'Group' },
        FilterPattern: '',
        DestinationArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/elsewhere',
      },
    },
    Vault: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'v' } },
    Plan: {
      Type: 'AWS::Backup::BackupPlan',
      Properties: {
        BackupPlan: {
          BackupPlanName: 'p',
          BackupPlanRule: [
            {
              RuleName: 'daily',
              TargetBackupVault: 'v',
              CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:far' }],
            },
          ],
        },
      },
    },
    Listener: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: { Protocol: 'HTTP', Port: 80, LoadBalancerArn: 'arn', DefaultActions: [{ Type: 'forward' }] },
    },
    Trail: {
      Type: 'AWS::CloudTrail::Trail',
      Properties: { IsLogging: false, S3BucketName: 'trail-bucket-elsewhere' },
    },
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    FlowLog: {
      Type: 'AWS::EC2::FlowLog',
      Properties: {
        ResourceId: 'vpc-0123',
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: 'arn:aws:s3:::flow-logs-elsewhere',
      },
    },
    Open: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'g',
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }],
      },
    },
    Subnet: {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: { Ref: 'Vpc' },
        CidrBlock: '10.0.0.0/24',
        MapPublicIpOnLaunch: true,
        Tags: [{ Key: TIER, Value: 'data' }],
      },
    },
    Cluster: { Type: 'AWS::EKS::Cluster', Properties: { RoleArn: 'arn', ResourcesVpcConfig: { SubnetIds: [] } } },
    Gateway: { Type: 'AWS::EC2::InternetGateway' },
    Routes: {
      Type: 'AWS::EC2::RouteTable',
      Properties: { VpcId: { Ref: 'Vpc' }, Tags: [{ Key: TIER, Value: 'data' }] },
    },
    Route: {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: { Ref: 'Routes' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Gateway' } },
    },
    // The data subnet on that route table and on the VPC's default ACL: reachable from the internet.
    SubnetRoutes: {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Routes' } },
    },
    Admin: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
    },
    Escalation: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        PolicyDocument: {
          Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }],
        },
      },
    },
    Person: { Type: 'AWS::IAM::User' },
    Mesh: { Type: 'AWS::AppMesh::Mesh' },
    Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { ReplicaRegions: [{ Region: 'us-east-1' }] } },
    Broker: { Type: 'AWS::AmazonMQ::Broker', Properties: { PubliclyAccessible: true } },
    Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: 'arn', AuthType: 'NONE' } },
  },
};

/** A template without a trail (LOG-1/trail-present) whose SCP is malformed (RES-4). */
export const NO_TRAIL_TEMPLATE: Json = {
  Resources: {
    Guardrail: {
      Type: 'AWS::Organizations::Policy',
      Properties: {
        Name: 'regions',
        Type: 'SERVICE_CONTROL_POLICY',
        TargetIds: [],
        Content: {
          Statement: [
            {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
            },
          ],
        },
      },
    },
  },
};

const namespace = (name: string, labels: Json = {}) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

const container = { name: 'app', image: 'nginx:latest' };

/** Kubernetes manifests breaking every Kubernetes rule but LOG-1/log-forwarder-present. */
export const BAD_MANIFESTS: Json[] = [
  namespace('data', { [TIER]: 'data' }),
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'claim', namespace: 'data' },
    spec: { storageClassName: 'missing', accessModes: ['ReadWriteOnce'] },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'elsewhere' },
    spec: { template: { spec: { containers: [container] } } },
  },
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'plain' },
    provisioner: 'rbd.csi.ceph.com',
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'data' },
    spec: { rules: [{ host: 'www.example.ma' }] },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'shipper', namespace: 'data', annotations: { [SINK]: 'logs.example.com:514' } },
    spec: { template: { spec: { containers: [{ name: 'fluent-bit', image: 'fluent/fluent-bit:3.0' }] } } },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'exposed', namespace: 'data' },
    spec: { type: 'LoadBalancer' },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'open', namespace: 'data' },
    spec: { podSelector: {}, ingress: [{}] },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'alice-admin' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'User', name: 'alice' }],
  },
  {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name: 'nightly', namespace: 'velero' },
    spec: { schedule: '0 1 * * *', template: { includedNamespaces: ['other'] } },
  },
];

/** Manifests of an application alone: no log forwarder (LOG-1/log-forwarder-present). */
export const APP_MANIFESTS: Json[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'lonely', namespace: 'app' },
    spec: { template: { spec: { containers: [container] } } },
  },
];

/** Writes the corpus into `dir`; returns the files, each to be checked on its own. */
/**
 * A synth output whose declared flows are blocked and whose paths are undeclared (NET-6,
 * NET-7, both worlds): a VPC template, a cluster's manifests and their landing-zone.json.
 */
const PATHS_OUTPUT: Record<string, Json | Json[]> = {
  'landing-zone.json': {
    schemaVersion: 3,
    name: 'paths',
    profile: 'morocco',
    regions: ['eu-west-3'],
    sites: ['ma-casablanca-1'],
    workloads: [
      ['records', 'aws:eu-west-3', []],
      ['shop', 'site:ma-casablanca-1', ['shop-application', 'shop-data']],
    ].map(([name, place, namespaces]) => ({
      name,
      classification: 'internal',
      place,
      account: null,
      unit: name,
      namespaces,
      pinned: false,
      reason: { en: 'x', fr: 'x' },
      source: 'x',
    })),
    flows: [
      ['records/application', 'records/data', 5432, true],
      ['shop/application', 'shop/data', 5432, true],
      ['records/application', 'shop/application', 8443, false],
    ].map(([from, to, port, built]) => ({ from, to, port, carries: 'internal', built })),
    organization: null,
    prerequisites: [],
  },
  'aws/network.template.json': {
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      ...Object.fromEntries(
        ['application', 'data'].map((tier, i) => [
          `${tier}Subnet`,
          {
            Type: 'AWS::EC2::Subnet',
            Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: `10.0.${i + 1}.0/24`, Tags: [{ Key: TIER, Value: tier }] },
          },
        ]),
      ),
      DbSg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'db',
          VpcId: { Ref: 'Vpc' },
          Tags: [{ Key: TIER, Value: 'data' }],
          SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/16' }],
        },
      },
    },
  },
  'kubernetes/cluster.yaml': [
    ...['shop-application', 'shop-data'].flatMap((name) => [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [TIER]: name.split('-')[1] } } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny', namespace: name },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
    ]),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'ssh-out', namespace: 'shop-application' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 22 }, { port: 5432 }] }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'ssh-in', namespace: 'shop-data' },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 22 }] }] },
    },
  ],
};

export function writeCorpus(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ['bad.template.json', JSON.stringify(BAD_TEMPLATE, null, 1)],
    ['no-trail.template.json', JSON.stringify(NO_TRAIL_TEMPLATE, null, 1)],
    ['bad-manifests.yaml', BAD_MANIFESTS.map((m) => stringify(m)).join('---\n')],
    ['app-manifests.yaml', APP_MANIFESTS.map((m) => stringify(m)).join('---\n')],
    ...DEP_CORPUS_FILES,
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  for (const [name, doc] of Object.entries(PATHS_OUTPUT)) {
    mkdirSync(join(dir, 'paths-output', name, '..'), { recursive: true });
    const text = Array.isArray(doc) ? doc.map((m) => stringify(m)).join('---\n') : JSON.stringify(doc, null, 1);
    writeFileSync(join(dir, 'paths-output', name), text);
  }
  return [...files.map(([name]) => name), 'paths-output'];
}
