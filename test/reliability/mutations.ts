import type { FindingStatus } from '../../constructs/compliance/normalize/model';
import type { ControlId } from '../../constructs/core';
import {
  cfnId,
  cfnProperties,
  cfnResources,
  manifestStack,
  tfName,
  tfResources,
  type Artifacts,
  type Json,
} from './artifacts';

/**
 * One small tampering per control of the catalog, applied to the compliant synthesized
 * example (a deep copy of its parsed artifacts). The checker must report it as an
 * unsuppressed finding of exactly that control.
 */
export interface Mutation {
  /** The control the mutation violates. */
  readonly control: ControlId;
  /** What is changed, in one line (the test's name). */
  readonly description: string;
  /** Edits the artifacts in place. */
  readonly apply: (artifacts: Artifacts) => void;
  /**
   * Findings of other controls the mutation rightly entails, by control and status, with why.
   * @default - none: only the mutated control may report
   */
  readonly entails?: readonly Consequence[];
}

/** A finding of another control that a mutation rightly entails. */
export interface Consequence {
  readonly control: ControlId;
  readonly status: FindingStatus;
  readonly why: string;
}

const CLASSIFICATION = 'sovereign-lz.io/classification';

type Tag = { Key: string; Value: unknown };

function withoutTag(tags: Tag[], key: string): Tag[] {
  return tags.filter((t) => t.Key !== key);
}

function k8s(artifacts: Artifacts, type: string, prefix: string): Json {
  return tfResources(artifacts)[type][tfName(artifacts, type, prefix)] as Json;
}

/** Every control's mutation, in catalog order. */
export const MUTATIONS: readonly Mutation[] = [
  {
    control: 'CLS-1',
    description: "removes the classification tag from the Records backup role and from the Records stack's tags",
    apply: (a) => {
      const role = cfnProperties(a, 'Records', cfnId(a, 'Records', 'BackupRole', 'AWS::IAM::Role'));
      role.Tags = withoutTag(role.Tags as Tag[], CLASSIFICATION);
      delete (manifestStack(a, 'Records').properties as Json).tags[CLASSIFICATION];
    },
    entails: [
      {
        control: 'RES-1',
        status: 'cannot-prove',
        why: 'without a level, the allowed regions of the resource are unknown',
      },
    ],
  },
  {
    control: 'RES-1',
    description: 'moves the Records stack (internal data) to us-east-1 in the cloud-assembly manifest',
    apply: (a) => {
      manifestStack(a, 'Records').environment = 'aws://666666666666/us-east-1';
    },
  },
  {
    control: 'RES-2',
    description: 'makes the Records documents key MultiRegion',
    apply: (a) => {
      cfnProperties(a, 'Records', cfnId(a, 'Records', 'DocumentsKey', 'AWS::KMS::Key')).MultiRegion = true;
    },
  },
  {
    control: 'RES-3',
    description: 'delivers the VPC flow logs to a log group of us-east-1 (by ARN)',
    apply: (a) => {
      const flowLog = cfnProperties(a, 'NetworkEuWest3', cfnId(a, 'NetworkEuWest3', 'VpcFlowLog', 'AWS::EC2::FlowLog'));
      delete flowLog.LogGroupName;
      flowLog.LogDestination = 'arn:aws:logs:us-east-1:111122223333:log-group:flow-logs';
    },
  },
  {
    control: 'RES-4',
    // Removing the policy is reported too, but only as cannot-prove (a warning): the checker
    // does not fail a partial input for lacking the organization's guardrail. Widening it fails.
    description: "widens the Organization's residency service control policy to us-east-1",
    apply: (a) => {
      const scp = cfnProperties(
        a,
        'Organization',
        cfnId(a, 'Organization', 'GuardrailsResidency', 'AWS::Organizations::Policy'),
      );
      const condition = ((scp.Content as Json).Statement as Json[])[0].Condition.StringNotEquals as Json;
      (condition['aws:RequestedRegion'] as string[]).push('us-east-1');
    },
  },
  {
    control: 'ENC-1',
    description: "strips the Records documents bucket's KMS encryption (BucketEncryption removed)",
    apply: (a) => {
      delete cfnProperties(a, 'Records', cfnId(a, 'Records', 'DocumentsDCDDF95A', 'AWS::S3::Bucket')).BucketEncryption;
    },
  },
  {
    control: 'ENC-2',
    description: "drops the aws:SecureTransport deny statement from the Records documents bucket's policy",
    apply: (a) => {
      const policy = cfnProperties(a, 'Records', cfnId(a, 'Records', 'DocumentsPolicy', 'AWS::S3::BucketPolicy'));
      const doc = policy.PolicyDocument as Json;
      doc.Statement = (doc.Statement as Json[]).filter((s) => !JSON.stringify(s).includes('aws:SecureTransport'));
    },
  },
  {
    control: 'KEY-1',
    description: 'points the sensitive in-country storage class at a key manager not on the allowlist',
    apply: (a) => {
      k8s(a, 'kubernetes_storage_class_v1', 'Cluster_Encrypted').parameters.encryptionKMSID = 'vault-frankfurt';
    },
  },
  {
    control: 'KEY-2',
    description: 'turns rotation off on the Records documents key (EnableKeyRotation false)',
    apply: (a) => {
      cfnProperties(a, 'Records', cfnId(a, 'Records', 'DocumentsKey', 'AWS::KMS::Key')).EnableKeyRotation = false;
    },
  },
  {
    control: 'KEY-3',
    description: 'shortens the Records documents key deletion window to 7 days',
    apply: (a) => {
      cfnProperties(a, 'Records', cfnId(a, 'Records', 'DocumentsKey', 'AWS::KMS::Key')).PendingWindowInDays = 7;
    },
  },
  {
    control: 'LOG-1',
    description: 'disables log file validation on the CloudTrail trail',
    apply: (a) => {
      cfnProperties(
        a,
        'OrganizationTrail',
        cfnId(a, 'OrganizationTrail', 'Trail', 'AWS::CloudTrail::Trail'),
      ).EnableLogFileValidation = false;
    },
  },
  {
    control: 'LOG-2',
    description: 'shortens the Records application log group retention to 30 days',
    apply: (a) => {
      cfnProperties(a, 'Records', cfnId(a, 'Records', 'AppLogs', 'AWS::Logs::LogGroup')).RetentionInDays = 30;
    },
  },
  {
    control: 'LOG-3',
    description: "removes the VPC's flow log",
    apply: (a) => {
      delete cfnResources(a, 'NetworkEuWest3')[cfnId(a, 'NetworkEuWest3', 'VpcFlowLog', 'AWS::EC2::FlowLog')];
    },
  },
  {
    control: 'LOG-4',
    // On the public portal's bucket: removing the logging of an internal bucket also orphans its
    // access-log bucket, which then loses the SSE-S3 exception of log destinations (ENC-1).
    description: "removes the citizen portal content bucket's server access logging (LoggingConfiguration)",
    apply: (a) => {
      delete cfnProperties(a, 'CitizenPortal', cfnId(a, 'CitizenPortal', 'Content0EADD27D', 'AWS::S3::Bucket'))
        .LoggingConfiguration;
    },
  },
  {
    control: 'NET-1',
    description: 'adds an ingress from 0.0.0.0/0 on port 22 to the endpoint security group',
    apply: (a) => {
      const sg = cfnProperties(
        a,
        'NetworkEuWest3',
        cfnId(a, 'NetworkEuWest3', 'VpcEndpointSecurityGroup', 'AWS::EC2::SecurityGroup'),
      );
      (sg.SecurityGroupIngress as Json[]).push({ CidrIp: '0.0.0.0/0', FromPort: 22, ToPort: 22, IpProtocol: 'tcp' });
    },
    entails: [
      {
        control: 'NET-6',
        status: 'fail',
        why: "0.0.0.0/0 holds the VPC's addresses too: the application and data tiers reach port 22 of the endpoints, undeclared",
      },
    ],
  },
  {
    control: 'NET-2',
    description: 'sets MapPublicIpOnLaunch true on a data-tier subnet',
    apply: (a) => {
      cfnProperties(
        a,
        'NetworkEuWest3',
        cfnId(a, 'NetworkEuWest3', 'VpcDataSubnet1Subnet', 'AWS::EC2::Subnet'),
      ).MapPublicIpOnLaunch = true;
    },
  },
  {
    control: 'NET-3',
    description: "adds a 0.0.0.0/0 route to the internet gateway on a data-tier subnet's route table",
    apply: (a) => {
      cfnResources(a, 'NetworkEuWest3').MutantDataDefaultRoute = {
        Type: 'AWS::EC2::Route',
        Properties: {
          DestinationCidrBlock: '0.0.0.0/0',
          GatewayId: { Ref: cfnId(a, 'NetworkEuWest3', 'VpcIGW', 'AWS::EC2::InternetGateway') },
          RouteTableId: { Ref: cfnId(a, 'NetworkEuWest3', 'VpcDataSubnet1RouteTable', 'AWS::EC2::RouteTable') },
        },
      };
    },
  },
  {
    control: 'NET-4',
    description: "removes the civil-registry namespace's default-deny NetworkPolicy",
    apply: (a) => {
      delete tfResources(a).kubernetes_network_policy_v1[
        tfName(a, 'kubernetes_network_policy_v1', 'Cluster_CivilRegistryApplication_DefaultDeny')
      ];
    },
    entails: [
      {
        control: 'NET-6',
        status: 'fail',
        why: 'without egress isolation the sensitive namespace reaches any address outside the site',
      },
    ],
  },
  {
    control: 'NET-5',
    description: "removes the VPC's KMS interface endpoint",
    apply: (a) => {
      delete cfnResources(a, 'NetworkEuWest3')[cfnId(a, 'NetworkEuWest3', 'VpcKmsEndpoint', 'AWS::EC2::VPCEndpoint')];
    },
  },
  {
    control: 'NET-6',
    description: 'opens TCP 22 on both network policies of the civil-registry application-to-data flow',
    apply: (a) => {
      const egress = k8s(
        a,
        'kubernetes_network_policy_v1',
        'Cluster_CivilRegistryApplicationToCivilRegistryData5432_Egress',
      );
      const ingress = k8s(
        a,
        'kubernetes_network_policy_v1',
        'Cluster_CivilRegistryApplicationToCivilRegistryData5432_Ingress',
      );
      ((egress.spec as Json).egress[0].ports as Json[]).push({ port: '22', protocol: 'TCP' });
      ((ingress.spec as Json).ingress[0].ports as Json[]).push({ port: '22', protocol: 'TCP' });
    },
  },
  {
    control: 'NET-7',
    description: 'removes the ingress network policy of the declared civil-registry application-to-data flow',
    apply: (a) => {
      delete tfResources(a).kubernetes_network_policy_v1[
        tfName(a, 'kubernetes_network_policy_v1', 'Cluster_CivilRegistryApplicationToCivilRegistryData5432_Ingress')
      ];
    },
  },
  {
    control: 'ACC-1',
    description: "sets BlockPublicAcls false on the Records documents bucket's public access block",
    apply: (a) => {
      const bucket = cfnProperties(a, 'Records', cfnId(a, 'Records', 'DocumentsDCDDF95A', 'AWS::S3::Bucket'));
      (bucket.PublicAccessBlockConfiguration as Json).BlockPublicAcls = false;
    },
  },
  {
    control: 'IAM-1',
    description: 'adds an Allow of Action * on Resource * to the trail role default policy',
    apply: (a) => {
      const policy = cfnProperties(
        a,
        'OrganizationTrail',
        cfnId(a, 'OrganizationTrail', 'TrailLogsRoleDefaultPolicy', 'AWS::IAM::Policy'),
      );
      (policy.PolicyDocument as Json).Statement.push({ Effect: 'Allow', Action: '*', Resource: '*' });
    },
  },
  {
    control: 'K8S-1',
    description: "sets the civil-registry namespace's pod-security enforce label to privileged",
    apply: (a) => {
      k8s(a, 'kubernetes_namespace_v1', 'Cluster_CivilRegistryApplication_').metadata.labels[
        'pod-security.kubernetes.io/enforce'
      ] = 'privileged';
    },
  },
  {
    control: 'K8S-2',
    description: 'sets allow_privilege_escalation true on the API container',
    apply: (a) => {
      const api = k8s(a, 'kubernetes_deployment_v1', 'Cluster_CivilRegistryApplication_Api');
      (api.spec.template.spec.container as Json[])[0].security_context.allow_privilege_escalation = true;
    },
  },
  {
    control: 'K8S-3',
    description: "removes the civil-registry namespace's ResourceQuota",
    apply: (a) => {
      delete tfResources(a).kubernetes_resource_quota_v1[
        tfName(a, 'kubernetes_resource_quota_v1', 'Cluster_CivilRegistryApplication_Quota')
      ];
    },
  },
  {
    control: 'K8S-4',
    description: 'runs the API container from docker.io by a mutable tag',
    apply: (a) => {
      const api = k8s(a, 'kubernetes_deployment_v1', 'Cluster_CivilRegistryApplication_Api');
      (api.spec.template.spec.container as Json[])[0].image = 'docker.io/library/nginx:1.27';
    },
  },
  {
    control: 'BCK-1',
    description: 'leaves the civil-registry-data namespace (persistent data) out of its Velero schedule',
    apply: (a) => {
      k8s(a, 'kubernetes_manifest', 'Cluster_CivilRegistryData_Backup').manifest.spec.template.includedNamespaces = [
        'velero',
      ];
    },
  },
  {
    control: 'DEP-1',
    description:
      "names eu-west-3 in the CloudWatch Logs grant of the baseline StackSet's body, deployed to two regions",
    apply: (a) => {
      const set = cfnProperties(
        a,
        'Organization',
        cfnId(a, 'Organization', 'Baseline0', 'AWS::CloudFormation::StackSet'),
      );
      const body = JSON.parse(set.TemplateBody as string) as Json;
      const key = Object.values(body.Resources as Json).find(
        (r: Json) => r.Type === 'AWS::KMS::Key' && JSON.stringify(r).includes('AllowCloudWatchLogs'),
      ) as Json;
      const grant = (key.Properties.KeyPolicy.Statement as Json[]).find((st) => st.Sid === 'AllowCloudWatchLogs')!;
      grant.Principal = { Service: 'logs.eu-west-3.amazonaws.com' };
      set.TemplateBody = JSON.stringify(body);
    },
  },
  {
    control: 'DEP-2',
    description: "names the Records documents bucket as the log archive's bucket (S3 names are global to a partition)",
    apply: (a) => {
      const archive = cfnProperties(a, 'LogArchive', cfnId(a, 'LogArchive', 'ArchiveE', 'AWS::S3::Bucket'));
      const documents = cfnId(a, 'Records', 'DocumentsDCDDF95A', 'AWS::S3::Bucket');
      cfnProperties(a, 'Records', documents).BucketName = archive.BucketName;
    },
  },
  {
    control: 'DEP-3',
    description:
      "grants the archive to a trail of the log archive account (the first layout's defect), not to the management account's organization trail",
    apply: (a) => {
      const file = 'aws/LogArchive.template.json';
      a[file] = JSON.parse(JSON.stringify(a[file]).replaceAll(':111111111111:trail/', ':222222222222:trail/')) as Json;
    },
  },
  {
    control: 'DEP-4',
    description: 'deploys the Records stack with the CDK bootstrap execution role, which no guardrail exempts',
    apply: (a) => {
      const properties = manifestStack(a, 'Records').properties as Json;
      properties.cloudFormationExecutionRoleArn =
        'arn:${AWS::Partition}:iam::666666666666:role/cdk-hnb659fds-cfn-exec-role-666666666666-eu-west-3';
    },
  },
  {
    control: 'DEP-5',
    description: 'imports into Records (eu-west-3) an export of the network stack of eu-south-2',
    apply: (a) => {
      const network = a['aws/NetworkEuSouth2.template.json'] as Json;
      network.Outputs = { ...network.Outputs, VpcExport: { Value: 'vpc-0', Export: { Name: 'south-vpc' } } };
      const key = cfnProperties(a, 'Records', cfnId(a, 'Records', 'Key', 'AWS::KMS::Key'));
      key.Description = { 'Fn::ImportValue': 'south-vpc' };
    },
  },
  {
    control: 'DEP-6',
    description: 'declares 201 parameters in the Records template, above the quota of 200',
    apply: (a) => {
      const records = a['aws/Records.template.json'] as Json;
      for (let i = 0; i < 201; i++)
        records.Parameters = { ...records.Parameters, [`P${i}`]: { Type: 'String', Default: 'x' } };
    },
  },
  {
    control: 'DEP-7',
    description: "probes the API's TLS port 8443 over plain HTTP",
    apply: (a) => {
      const api = k8s(a, 'kubernetes_deployment_v1', 'Cluster_CivilRegistryApplication_Api');
      (api.spec.template.spec.container as Json[])[0].readiness_probe.http_get.scheme = 'HTTP';
    },
  },
  {
    control: 'JUR-1',
    description: 'adds an obligation without reference to the profile: it must be reported as an open manual check',
    apply: (a) => {
      (a['profile.json'] as Json).attestations.push({
        id: 'mutant-obligation',
        description: 'An obligation that no one has attested',
        source: 'L05-20 Art. 12',
      });
    },
  },
];

/** A second BCK-1 mutation: the plan of another region must not count as this region's backup. */
export const BACKUP_SELECTION_REMOVED: Mutation = {
  control: 'BCK-1',
  description: 'removes the Records backup selection: the Analytics plan (eu-south-2) does not protect eu-west-3',
  apply: (a) => {
    delete cfnResources(a, 'Records')[cfnId(a, 'Records', 'BackupPlanSelection', 'AWS::Backup::BackupSelection')];
  },
};
