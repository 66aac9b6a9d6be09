import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SovereignStack } from 'sovereign-lz/aws';
import { LandingZone } from 'sovereign-lz/landing-zone';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';
import { objectsOfKind } from '../kubernetes/helpers';
import { smallZone } from './helpers';

type Resource = { Type: string; Properties: Record<string, any> };

const outdir = mkdtempSync(join(tmpdir(), 'slz-zone-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const built = new LandingZone(moroccoPublicSector).build({
  awsOutdir: join(outdir, 'aws'),
  kubernetesOutdir: join(outdir, 'kubernetes'),
});
const stacks = built.aws.node.findAll().filter((c): c is Stack => Stack.isStack(c));
const template = (id: string) => Template.fromStack(stacks.find((s) => s.node.path === id)!);
const resourcesOf = (id: string, type: string) =>
  Object.values(template(id).toJSON().Resources as Record<string, Resource>).filter((r) => r.Type === type);

describe('AWS side', () => {
  test('stacks are partitioned by account, region and workload', () => {
    expect(stacks.map((s) => [s.node.path, s.account, s.region, (s as SovereignStack).classification])).toEqual([
      ['LogArchive', '222222222222', 'eu-west-3', 'internal'],
      ['OrganizationTrail', '111111111111', 'eu-west-3', 'internal'],
      ['Organization', '111111111111', 'eu-west-3', 'internal'],
      ['StackSetTemplates/AccountBaseline', expect.stringContaining('Token'), 'eu-west-3', 'internal'],
      ['StackSetTemplates/AccountAccess', expect.stringContaining('Token'), 'eu-west-3', 'internal'],
      ['NetworkEuWest3', '444444444444', 'eu-west-3', 'internal'],
      ['NetworkEuSouth2', '444444444444', 'eu-south-2', 'internal'],
      ['CitizenPortal', '555555555555', 'eu-west-3', 'public'],
      ['Records', '666666666666', 'eu-west-3', 'internal'],
      ['Analytics', '666666666666', 'eu-south-2', 'internal'],
    ]);
  });

  test('the residency SCP denies every region but the zone’s, except to exempted roles and global services', () => {
    const policies = resourcesOf('Organization', 'AWS::Organizations::Policy');
    const residency = policies.find((p) => p.Properties.Name === 'morocco-public-sector-residency')!;
    const statement = residency.Properties.Content.Statement.find(
      (s: any) => s.Condition?.StringNotEquals?.['aws:RequestedRegion'],
    );
    expect(statement.Effect).toBe('Deny');
    expect(statement.Condition.StringNotEquals['aws:RequestedRegion']).toEqual(['eu-west-3', 'eu-south-2']);
    expect(statement.NotAction).toEqual(expect.arrayContaining(['iam:*', 'organizations:*']));
    expect(JSON.stringify(statement.Condition)).toContain('role/SovereignLzBreakGlass');
    expect(policies.map((p) => p.Properties.Name).sort()).toEqual([
      'morocco-public-sector-audit-protection',
      'morocco-public-sector-baseline',
      'morocco-public-sector-residency',
    ]);
  });

  test('the account baseline rolls out through a service-managed StackSet to every unit, in the zone’s regions', () => {
    const [set, global] = resourcesOf('Organization', 'AWS::CloudFormation::StackSet');
    expect(set.Properties).toMatchObject({
      StackSetName: 'morocco-public-sector-baseline',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
    });
    expect(set.Properties.StackInstancesGroup).toEqual([
      { DeploymentTargets: { OrganizationalUnitIds: expect.any(Array) }, Regions: ['eu-west-3', 'eu-south-2'] },
    ]);
    expect(set.Properties.StackInstancesGroup[0].DeploymentTargets.OrganizationalUnitIds).toHaveLength(4);
    // Its global part (the named audit role) goes to the home region only.
    expect(global.Properties.StackSetName).toBe('morocco-public-sector-baseline-global');
    expect(global.Properties.StackInstancesGroup).toEqual([
      { DeploymentTargets: { OrganizationalUnitIds: expect.any(Array) }, Regions: ['eu-west-3'] },
    ]);
  });

  test('the StackSets deploy the synthesized baseline: a rotating key, an encrypted log group kept a year, an audit role', () => {
    built.aws.synth();
    const [set, global] = resourcesOf('Organization', 'AWS::CloudFormation::StackSet');
    const body = JSON.parse(set.Properties.TemplateBody);
    const resources = Object.values(body.Resources as Record<string, Resource>);
    expect(resources.find((r) => r.Type === 'AWS::KMS::Key')!.Properties.EnableKeyRotation).toBe(true);
    const group = resources.find((r) => r.Type === 'AWS::Logs::LogGroup')!;
    expect(group.Properties).toMatchObject({ LogGroupName: '/sovereign-lz/baseline', RetentionInDays: 365 });
    expect(group.Properties.KmsKeyId).toBeDefined();
    expect(resources.find((r) => r.Type === 'AWS::IAM::Role')).toBeUndefined();
    const globalResources = Object.values(
      JSON.parse(global.Properties.TemplateBody).Resources as Record<string, Resource>,
    );
    const role = globalResources.find((r) => r.Type === 'AWS::IAM::Role')!;
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('333333333333');
    // Target accounts are not CDK-bootstrapped: no bootstrap version parameter.
    expect(body.Parameters?.BootstrapVersion).toBeUndefined();
    expect(body.Metadata).toEqual({ 'sovereign-lz': { stackSet: 'morocco-public-sector-baseline' } });
  });

  test('the organization trail is created by the management account, into the Object Lock archive', () => {
    expect(resourcesOf('LogArchive', 'AWS::CloudTrail::Trail')).toEqual([]);
    const [trail] = resourcesOf('OrganizationTrail', 'AWS::CloudTrail::Trail');
    expect(trail.Properties).toMatchObject({
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      TrailName: 'morocco-public-sector-organization',
    });
    const [archive] = resourcesOf('LogArchive', 'AWS::S3::Bucket').filter((b) => b.Properties.ObjectLockEnabled);
    expect(archive.Properties.ObjectLockConfiguration.Rule.DefaultRetention.Mode).toBe('COMPLIANCE');
  });

  test('each workload stack holds its stores, encrypted with its own keys, and backs up its objects in its region', () => {
    const buckets = resourcesOf('Records', 'AWS::S3::Bucket').filter(
      (b) =>
        b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
          .SSEAlgorithm === 'aws:kms',
    );
    expect(buckets).toHaveLength(1);
    const [group] = resourcesOf('Records', 'AWS::Logs::LogGroup');
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.Properties.KmsKeyId).toBeDefined();
    expect(resourcesOf('Records', 'AWS::Backup::BackupPlan')).toHaveLength(1);
    expect(resourcesOf('CitizenPortal', 'AWS::Backup::BackupPlan')).toHaveLength(1);
  });

  test('each region with workloads has its segmented VPC, in ranges that do not overlap', () => {
    const cidrs = ['NetworkEuWest3', 'NetworkEuSouth2'].map(
      (id) => resourcesOf(id, 'AWS::EC2::VPC')[0].Properties.CidrBlock,
    );
    expect(cidrs).toEqual(['10.20.0.0/16', '10.21.0.0/16']);
    expect(resourcesOf('NetworkEuSouth2', 'AWS::EC2::FlowLog')).toHaveLength(1);
  });

  test('an AWS-only zone builds no in-country app', () => {
    const zone = new LandingZone(smallZone()).build();
    expect(zone.kubernetes).toBeUndefined();
    expect(zone.awsZone.workloads.get('records')!.region).toBe('eu-west-3');
  });
});

describe('in-country side', () => {
  const site = built.inCountryZone!.sites.get('ma-casablanca-1')!;

  test('one Terraform stack per site with workloads, one namespace per tier of each workload', () => {
    expect([...built.inCountryZone!.sites.keys()]).toEqual(['ma-casablanca-1']);
    const namespaces = objectsOfKind(site, 'Namespace').map((n) => [
      n.metadata!.name,
      n.metadata!.labels!['sovereign-lz.io/tier'],
      n.metadata!.labels!['sovereign-lz.io/classification'],
    ]);
    expect(namespaces).toEqual(
      expect.arrayContaining([
        ['civil-registry-application', 'application', 'sensitive'],
        ['civil-registry-data', 'data', 'sensitive'],
      ]),
    );
  });

  test('services run hardened on the site, data is backed up in-country, the declared flow is the only one allowed', () => {
    expect(objectsOfKind(site, 'Deployment').map((d) => d.metadata!.name)).toEqual(['api']);
    // The data tier keeps its data: a StatefulSet with a volume per pod.
    expect(objectsOfKind(site, 'StatefulSet').map((d) => d.metadata!.name)).toEqual(['database']);
    const schedules = objectsOfKind(site, 'Schedule');
    expect(schedules.map((s) => (s.spec as any).template.storageLocation)).toEqual(['minio-casablanca']);
    const policies = objectsOfKind(site, 'NetworkPolicy').filter((p) => JSON.stringify(p.spec).includes('5432'));
    expect(policies.length).toBeGreaterThanOrEqual(1);
  });
});

test('fails at synth if a stack exceeds CloudFormation’s 500 resources, naming the stack', () => {
  const app = new App();
  const stack = new SovereignStack(app, 'Huge', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  for (let i = 0; i < 501; i++) new sqs.CfnQueue(stack, `Q${i}`);
  expect(() => app.synth()).toThrow(/\[Huge\] stack 'Huge' has 501 resources, above CloudFormation's limit of 500/);
});

test('a flow between long names builds: its policy name is cut to a DNS label, unique by a digest', () => {
  const zone = new LandingZone({
    ...moroccoPublicSector,
    flows: [{ from: 'civil-registry/application', to: 'civil-registry/management', port: 8443 }],
  }).build();
  const names = objectsOfKind(zone.inCountryZone!.sites.get('ma-casablanca-1')!, 'NetworkPolicy').map(
    (p) => p.metadata!.name!,
  );
  const flow = names.filter((n) => n.startsWith('civil-registry-application-to-'));
  expect(flow).toHaveLength(2);
  for (const name of flow)
    expect(name).toMatch(/^civil-registry-application-to-civil-registry-m-[0-9a-f]{8}-(egress|ingress)$/);
});
