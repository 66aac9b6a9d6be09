import {
  App,
  Aws,
  BootstraplessSynthesizer,
  CfnOutput,
  DefaultStackSynthesizer,
  Duration,
  Lazy,
  RemovalPolicy,
  Stack,
  Stage,
  Tags,
} from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { GROUP, pascal, RANK, tag, TAG, TIERS, type Tier } from './bare-common';
import { zoneShape } from './shape';

/**
 * The resources of a generated landing zone (shape.ts) written directly with the bare
 * frameworks — aws-cdk-lib L2/L1 constructs and cdktf provider classes — as a team would
 * without sovereign-lz: the same stacks, the same resource types and counts, comparable
 * properties (keys, tags, labels, policies). What it leaves out is what sovereign-lz adds:
 * props validation, the profile, placement, per-construct tagging and suppressions, and the
 * cdk-nag acknowledgments. It imports nothing of sovereign-lz at run time (the declaration
 * types are erased), so that its process loads only the frameworks.
 */

function key(scope: Construct, id: string, description: string): kms.Key {
  return new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    rotationPeriod: Duration.days(365),
    pendingWindow: Duration.days(30),
    keySpec: kms.KeySpec.SYMMETRIC_DEFAULT,
    keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

function logsKey(scope: Construct, id: string, description: string): kms.Key {
  const k = key(scope, id, description);
  const stack = Stack.of(scope);
  k.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogs',
      // The region as the AWS::Region pseudo parameter: one template serves every region.
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${Aws.REGION}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
  return k;
}

function accessLogBucket(scope: Construct, id: string): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [
      {
        id: 'ExpireAccessLogs',
        expiration: Duration.days(365),
        noncurrentVersionExpiration: Duration.days(365),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Tags.of(bucket).add(TAG.purpose, 'logs');
  return bucket;
}

/** An S3 bucket with its own key and access-log bucket: 5 resources. */
function objectStore(scope: Construct, id: string): s3.Bucket {
  const k = key(scope, `${id}Key`, `key for bucket ${id}`);
  const accessLogs = accessLogBucket(scope, `${id}AccessLogs`);
  return new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: k,
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: `${Stack.of(scope).stackName}/${id}/`,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/** A CloudWatch log group with its own key: 2 resources. */
function logStore(scope: Construct, id: string, retentionDays = 365): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    encryptionKey: logsKey(scope, `${id}Key`, `key for log group ${id}`),
    retention: retentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/** A locked, encrypted vault, a daily and monthly plan, a tag selection and its role: 5 resources. */
function backupOf(scope: Construct): void {
  const vault = new backup.BackupVault(scope, 'Backup', {
    encryptionKey: key(scope, 'BackupKey', 'key for backup vault'),
    lockConfiguration: { minRetention: Duration.days(35), changeableFor: Duration.days(3) },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const plan = new backup.BackupPlan(scope, 'BackupPlan', { backupVault: vault });
  plan.addRule(
    new backup.BackupPlanRule({
      ruleName: 'Daily',
      scheduleExpression: events.Schedule.cron({ minute: '0', hour: '5' }),
      deleteAfter: Duration.days(35),
    }),
  );
  plan.addRule(
    new backup.BackupPlanRule({
      ruleName: 'Monthly',
      scheduleExpression: events.Schedule.cron({ minute: '0', hour: '5', day: '1' }),
      deleteAfter: Duration.days(365),
    }),
  );
  const role = new iam.Role(scope, 'BackupRole', {
    assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
    managedPolicies: [
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup'),
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForRestores'),
    ],
  });
  plan.addSelection('Selection', {
    role,
    resources: ['internal', 'personal', 'sensitive', 'secret'].map((level) =>
      backup.BackupResource.fromTag(TAG.classification, level),
    ),
  });
}

/** The segmented VPC of a region: 4 tiers × 2 zones, network ACLs, endpoints, flow logs (87 resources). */
function network(stack: Stack, cidr: string): void {
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr(cidr),
    maxAzs: 2,
    natGateways: 1,
    restrictDefaultSecurityGroup: true,
    subnetConfiguration: [
      { name: 'Public', cidrMask: 22, subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
      { name: 'Application', cidrMask: 19, subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'Data', cidrMask: 20, subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      { name: 'Management', cidrMask: 22, subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
  });
  const cidrsOf = (tier: Tier) =>
    vpc.selectSubnets({ subnetGroupName: GROUP[tier] }).subnets.map((s) => s.ipv4CidrBlock);
  const all = ec2.AclTraffic.allTraffic();
  const ephemeral = ec2.AclTraffic.tcpPortRange(1024, 65535);
  const { INGRESS: IN, EGRESS: OUT } = ec2.TrafficDirection;
  const { ALLOW, DENY } = ec2.Action;
  for (const tier of TIERS) {
    const acl = new ec2.NetworkAcl(stack, `${GROUP[tier]}Acl`, {
      vpc,
      subnetSelection: { subnetGroupName: GROUP[tier] },
    });
    const add = (
      name: string,
      ruleNumber: number,
      c: string,
      traffic: ec2.AclTraffic,
      direction: ec2.TrafficDirection,
      ruleAction: ec2.Action,
    ) => acl.addEntry(name, { ruleNumber, cidr: ec2.AclCidr.ipv4(c), traffic, direction, ruleAction });
    const denyEach = (cidrs: string[], label: string) =>
      cidrs.forEach((c, i) => {
        add(`Deny${label}${i + 1}In`, 100 + i, c, all, IN, DENY);
        add(`Deny${label}${i + 1}Out`, 100 + i, c, all, OUT, DENY);
      });
    switch (tier) {
      case 'data':
        denyEach(cidrsOf('public'), 'Public');
        add('AllowVpcIn', 200, cidr, all, IN, ALLOW);
        add('AllowVpcOut', 200, cidr, all, OUT, ALLOW);
        break;
      case 'public':
        denyEach(cidrsOf('data'), 'Data');
        add('AllowVpcIn', 200, cidr, all, IN, ALLOW);
        add('AllowHttpsIn', 300, '0.0.0.0/0', ec2.AclTraffic.tcpPort(443), IN, ALLOW);
        add('AllowHttpIn', 310, '0.0.0.0/0', ec2.AclTraffic.tcpPort(80), IN, ALLOW);
        add('AllowEphemeralIn', 320, '0.0.0.0/0', ephemeral, IN, ALLOW);
        add('AllowAllOut', 200, '0.0.0.0/0', all, OUT, ALLOW);
        break;
      case 'application':
        cidrsOf('data').forEach((c, i) => {
          add(`AllowDataReplies${i + 1}In`, 100 + i, c, ephemeral, IN, ALLOW);
          add(`DenyData${i + 1}In`, 150 + i, c, all, IN, DENY);
        });
        add('AllowVpcIn', 200, cidr, all, IN, ALLOW);
        add('AllowEphemeralIn', 300, '0.0.0.0/0', ephemeral, IN, ALLOW);
        add('AllowAllOut', 200, '0.0.0.0/0', all, OUT, ALLOW);
        break;
      case 'management':
        cidrsOf('public').forEach((c, i) => add(`DenyPublic${i + 1}In`, 100 + i, c, all, IN, DENY));
        add('AllowVpcIn', 200, cidr, all, IN, ALLOW);
        add('AllowEphemeralIn', 300, '0.0.0.0/0', ephemeral, IN, ALLOW);
        add('AllowAllOut', 200, '0.0.0.0/0', all, OUT, ALLOW);
        break;
    }
  }
  vpc.addGatewayEndpoint('S3Endpoint', {
    service: ec2.GatewayVpcEndpointAwsService.S3,
    subnets: [{ subnetGroupName: 'Application' }, { subnetGroupName: 'Management' }],
  });
  const sg = new ec2.SecurityGroup(stack, 'EndpointSecurityGroup', {
    vpc,
    description: 'Interface endpoints: HTTPS from the VPC CIDR only',
    allowAllOutbound: false,
  });
  sg.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), 'HTTPS from the VPC CIDR');
  for (const [id, service] of [
    ['KmsEndpoint', ec2.InterfaceVpcEndpointAwsService.KMS],
    ['LogsEndpoint', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
    ['StsEndpoint', ec2.InterfaceVpcEndpointAwsService.STS],
  ] as const) {
    vpc.addInterfaceEndpoint(id, {
      service,
      privateDnsEnabled: true,
      open: false,
      securityGroups: [sg],
      subnets: { subnetGroupName: 'Management' },
    });
  }
  const group = logStore(stack, 'FlowLogs');
  const role = new iam.Role(stack, 'FlowLogRole', {
    assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  });
  const policy = new iam.ManagedPolicy(stack, 'FlowLogPolicy', {
    roles: [role],
    statements: [
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [group.logGroupArn],
      }),
    ],
  });
  const flowLog = vpc.addFlowLog('FlowLog', {
    destination: ec2.FlowLogDestination.toCloudWatchLogs(group, role.withoutPolicyUpdates()),
    trafficType: ec2.FlowLogTrafficType.ALL,
  });
  flowLog.node.addDependency(policy);
}

const SCP_ACTIONS = [
  'cloudtrail:DeleteTrail',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'kms:ScheduleKeyDeletion',
];
/** The role every stack deploys with, and the roles the SCPs exempt (with StackSets' execution role). */
const DEPLOYMENT_ROLE = 'SovereignLzDeployment';
const EXEMPT_ROLES = [DEPLOYMENT_ROLE, 'SovereignLzBreakGlass', 'stacksets-exec-*'].map(
  (name) => `arn:*:iam::*:role/${name}`,
);
/** What changes a role: nobody but the exempted roles may do it to the exempted roles. */
const ROLE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
];

/** A synthesizer deploying with the deployment role (as CLI deploy role and CloudFormation execution role). */
function synthesizer(): DefaultStackSynthesizer {
  const arn = `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${DEPLOYMENT_ROLE}`;
  return new DefaultStackSynthesizer({ deployRoleArn: arn, cloudFormationExecutionRole: arn });
}

/** The log archive's bucket name: global, so it carries the account and region. */
function archiveBucketName(zone: string, account: string, region: string): string {
  const suffix = `-log-archive-${account}-${region}`;
  const prefix = zone
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 63 - suffix.length)
    .replace(/^-+|-+$/g, '');
  return `${prefix || 'sovereign-lz'}${suffix}`;
}

/** Builds the AWS side of the zone of `n` workloads with bare aws-cdk-lib into a new `App`. */
export function buildBareAws(n: number, outdir?: string): App {
  const zone = zoneShape(n);
  const regions = zone.regions ?? [];
  const home = regions[0];
  const accounts = zone.accounts!;
  const app = new App({ outdir, context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
  const cloud = zone.workloads.filter((w) => w.site === undefined && RANK.indexOf(w.classification) < 3);

  const logArchive = new Stack(app, 'LogArchive', {
    env: { account: accounts.logArchive, region: home },
    synthesizer: synthesizer(),
  });
  tag(logArchive, 'internal');
  // The organization trail lives in the management account and delivers here: the archive is
  // named and its key has an alias, so that the trail's stack names them; both grant exactly
  // that trail's ARN.
  const trailName = `${zone.name}-organization`;
  const bucketName = archiveBucketName(zone.name, accounts.logArchive!, home);
  const keyAlias = 'alias/sovereign-lz/log-archive';
  const trailArn = `arn:${Aws.PARTITION}:cloudtrail:${home}:${accounts.management}:trail/${trailName}`;
  const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const archiveKey = key(logArchive, 'ArchiveKey', 'key for the log archive');
  archiveKey.addAlias(keyAlias);
  archiveKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowDelivery',
      principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': accounts.logArchive } },
    }),
  );
  archiveKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowTrailEncrypt',
      principals: [cloudTrail],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceArn': trailArn },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn },
      },
    }),
  );
  archiveKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowTrailDescribeKey',
      principals: [cloudTrail],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );
  const archiveLogs = accessLogBucket(logArchive, 'ArchiveAccessLogs');
  const archive = new s3.Bucket(logArchive, 'Archive', {
    bucketName,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: archiveKey,
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectLockEnabled: true,
    objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: archiveLogs,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  archive.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailAclCheck',
      principals: [cloudTrail],
      actions: ['s3:GetBucketAcl'],
      resources: [archive.bucketArn],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );
  archive.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailWrite',
      principals: [cloudTrail],
      actions: ['s3:PutObject'],
      resources: [accounts.management!, zone.organization!.id].map((p) => archive.arnForObjects(`AWSLogs/${p}/*`)),
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    }),
  );

  const organizationTrail = new Stack(app, 'OrganizationTrail', {
    env: { account: accounts.management, region: home },
    synthesizer: synthesizer(),
  });
  tag(organizationTrail, 'internal');
  new cloudtrail.Trail(organizationTrail, 'Trail', {
    trailName,
    bucket: s3.Bucket.fromBucketAttributes(organizationTrail, 'Archive', {
      bucketName,
      account: accounts.logArchive,
      region: home,
    }),
    encryptionKey: kms.Key.fromKeyArn(
      organizationTrail,
      'ArchiveKey',
      `arn:${Aws.PARTITION}:kms:${home}:${accounts.logArchive}:${keyAlias}`,
    ),
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableFileValidation: true,
    sendToCloudWatchLogs: true,
    cloudWatchLogGroup: logStore(organizationTrail, 'TrailLogs'),
    isOrganizationTrail: true,
    orgId: zone.organization!.id,
  });
  // The archive's policies exist before CloudTrail checks them.
  organizationTrail.addStackDependency(logArchive);

  const organization = new Stack(app, 'Organization', {
    env: { account: accounts.management, region: home },
    synthesizer: synthesizer(),
  });
  tag(organization, 'internal');
  const unit = (id: string, name: string, parentId: string) =>
    new organizations.CfnOrganizationalUnit(organization, id, { name, parentId });
  const root = zone.organization!.rootId;
  ['Security', 'LogArchive', 'SharedNetwork'].forEach((name) => unit(name, name, root));
  const workloads = unit('Workloads', 'Workloads', root);
  const targets = ['Public', 'Internal'].map((name) => unit(`Workloads${name}`, name, workloads.attrId).attrId);
  for (const [id, action] of [
    ['Residency', 'Deny'],
    ['AuditProtection', 'Deny'],
    ['Baseline', 'Deny'],
  ]) {
    new organizations.CfnPolicy(organization, id, {
      name: `${zone.name}-${id.toLowerCase()}`,
      type: 'SERVICE_CONTROL_POLICY',
      targetIds: targets,
      content: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: `${id}Guardrail`,
            Effect: action,
            Action: SCP_ACTIONS,
            Resource: '*',
            Condition: { ArnNotLike: { 'aws:PrincipalARN': EXEMPT_ROLES } },
          },
          {
            Sid: `${id}Regions`,
            Effect: action,
            NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
            Resource: '*',
            Condition: {
              StringNotEquals: { 'aws:RequestedRegion': [...regions] },
              ArnNotLike: { 'aws:PrincipalARN': EXEMPT_ROLES },
            },
          },
          // The baseline protects the exempted roles themselves.
          ...(id === 'Baseline'
            ? [
                {
                  Sid: 'DenyExemptRoleTampering',
                  Effect: action,
                  Action: ROLE_ACTIONS,
                  Resource: EXEMPT_ROLES,
                  Condition: { ArnNotLike: { 'aws:PrincipalARN': EXEMPT_ROLES } },
                },
              ]
            : []),
        ],
      },
    });
  }
  const stage = new Stage(app, 'StackSetTemplates');
  const stackSet = (id: string, name: string, template: Stack, stackSetRegions: readonly string[]) =>
    new cloudformation.CfnStackSet(organization, id, {
      stackSetName: name,
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      operationPreferences: {
        failureTolerancePercentage: 0,
        maxConcurrentPercentage: 25,
        regionConcurrencyType: 'PARALLEL',
      },
      stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: targets }, regions: [...stackSetRegions] }],
      templateBody: inlineTemplate(stage, template),
    });
  // The regional baseline (key, log group), to every region; the audit role, global to an
  // account and named, to the home region only.
  const baseline = new Stack(stage, 'AccountBaseline', {
    env: { region: home },
    synthesizer: new BootstraplessSynthesizer(),
  });
  tag(baseline, 'internal');
  const baselineKey = key(baseline, 'Key', 'key of the account baseline');
  new kms.Alias(baseline, 'Alias', { aliasName: 'alias/sovereign-lz/baseline', targetKey: baselineKey });
  logStore(baseline, 'Logs');
  new CfnOutput(baseline, 'KeyArn', { value: baselineKey.keyArn });
  stackSet('BaselineStackSet', `${zone.name}-baseline`, baseline, regions);
  const access = new Stack(stage, 'AccountAccess', {
    env: { region: home },
    synthesizer: new BootstraplessSynthesizer(),
  });
  tag(access, 'internal');
  new iam.Role(access, 'AuditRole', {
    roleName: 'sovereign-lz-audit',
    description: 'Read-only access for the landing zone audit account',
    assumedBy: new iam.AccountPrincipal(accounts.audit!),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
  });
  stackSet('BaselineGlobalStackSet', `${zone.name}-baseline-global`, access, [home]);

  regions.forEach((region, i) => {
    const stack = new Stack(app, `Network${pascal(region)}`, {
      env: { account: accounts.network, region },
      synthesizer: synthesizer(),
    });
    tag(stack, 'internal');
    network(stack, `10.${20 + i}.0.0/16`);
  });

  for (const w of cloud) {
    const stack = new Stack(app, pascal(w.name), {
      env: { account: w.account ? accounts.workloads![w.account] : undefined, region: w.region ?? home },
      synthesizer: synthesizer(),
    });
    tag(stack, w.classification);
    // The workload's own key, as the facade gives every workload stack.
    key(stack, 'Key', `key of workload ${w.name}`).addAlias(`alias/sovereign-lz/${w.name}`);
    for (const store of w.stores ?? []) {
      if (store.kind === 'objects') objectStore(stack, pascal(store.name));
      else logStore(stack, pascal(store.name), store.retentionDays);
    }
    if ((w.stores ?? []).some((s) => s.kind === 'objects')) backupOf(stack);
  }
  return app;
}

/** The StackSet's inline template: like sovereign-lz's BaselineStackSet, the stage's synthesized template. */
function inlineTemplate(stage: Stage, template: Stack): string {
  return Lazy.string({ produce: () => JSON.stringify(stage.synth().getStackByName(template.stackName).template) });
}

export { buildBareKubernetes } from './bare-kubernetes';
