import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SovereignStack } from 'sovereign-lz/aws';
import { build } from '../../examples/morocco-public-sector/app';
import { publicSectorProfile as profile } from '../../examples/morocco-public-sector/profile';
import { nagErrors } from '../helpers/nag';

type Resource = { Type: string; Properties?: Record<string, any>; Metadata?: Record<string, any> };

const outdir = mkdtempSync(join(tmpdir(), 'slz-example-'));
const { aws } = build({ awsOutdir: outdir, kubernetesOutdir: join(outdir, 'kubernetes') });
// Every stack, including the account baseline the StackSet deploys (in its own stage).
const stacks = aws.node.findAll().filter((c): c is Stack => Stack.isStack(c));
const templates = new Map(stacks.map((s) => [s, Template.fromStack(s)]));

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function resources(type?: string): Array<[Stack, string, Resource]> {
  const out: Array<[Stack, string, Resource]> = [];
  for (const [stack, template] of templates) {
    for (const [id, r] of Object.entries(template.toJSON().Resources as Record<string, Resource>)) {
      if (!type || r.Type === type) out.push([stack, id, r]);
    }
  }
  return out;
}

const tag = (r: Resource, key: string) =>
  (r.Properties?.Tags as { Key: string; Value: string }[] | undefined)?.find((t) => t.Key === key)?.Value;

test('declares its region allowlist explicitly and places every stack in it', () => {
  expect(profile.levels.internal.cloudRegions).toEqual(['eu-west-3', 'eu-south-2']);
  expect(stacks.map((s) => [s.node.path, s.region, (s as SovereignStack).classification])).toEqual([
    ['LogArchive', 'eu-west-3', 'internal'],
    ['OrganizationTrail', 'eu-west-3', 'internal'],
    ['Organization', 'eu-west-3', 'internal'],
    ['StackSetTemplates/AccountBaseline', 'eu-west-3', 'internal'],
    ['StackSetTemplates/AccountAccess', 'eu-west-3', 'internal'],
    ['NetworkEuWest3', 'eu-west-3', 'internal'],
    ['NetworkEuSouth2', 'eu-south-2', 'internal'],
    ['CitizenPortal', 'eu-west-3', 'public'],
    ['Records', 'eu-west-3', 'internal'],
    ['Analytics', 'eu-south-2', 'internal'],
  ]);
});

test('every tagged resource carries its classification and the jurisdiction', () => {
  const tagged = resources().filter(([, , r]) => r.Properties?.Tags !== undefined);
  expect(tagged.length).toBeGreaterThan(30);
  for (const [stack, id, r] of tagged) {
    expect([stack.stackName, id, tag(r, 'sovereign-lz.io/jurisdiction')]).toEqual([
      stack.stackName,
      id,
      'morocco-public-sector',
    ]);
    expect(tag(r, 'sovereign-lz.io/classification')).toBe(stack.tags.tagValues()['sovereign-lz.io/classification']);
  }
});

test('data buckets use a customer key of their own stack; only access-log buckets use SSE-S3', () => {
  const buckets = resources('AWS::S3::Bucket');
  expect(buckets.length).toBeGreaterThanOrEqual(8);
  for (const [stack, id, r] of buckets) {
    const rule = r.Properties!.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
    if (rule.SSEAlgorithm === 'AES256') {
      expect([id, tag(r, 'sovereign-lz.io/purpose')]).toEqual([id, 'logs']);
      expect(r.Properties!.ObjectLockEnabled).toBeUndefined();
      continue;
    }
    expect([id, rule.SSEAlgorithm]).toEqual([id, 'aws:kms']);
    const keyId = rule.KMSMasterKeyID['Fn::GetAtt'][0];
    expect(templates.get(stack)!.toJSON().Resources[keyId].Type).toBe('AWS::KMS::Key');
  }
});

test('every bucket blocks public access and refuses plain HTTP', () => {
  for (const [stack, id, r] of resources('AWS::S3::Bucket')) {
    expect([id, r.Properties!.PublicAccessBlockConfiguration]).toEqual([
      id,
      { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    ]);
    const policies = resources('AWS::S3::BucketPolicy').filter(
      ([s, , p]) => s === stack && p.Properties!.Bucket.Ref === id,
    );
    const denies = policies
      .flatMap(([, , p]) => p.Properties!.PolicyDocument.Statement)
      .filter((st: any) => st.Effect === 'Deny' && st.Condition?.Bool?.['aws:SecureTransport'] === 'false');
    expect([id, denies.length]).toEqual([id, 1]);
  }
});

test('every key rotates yearly at most, waits 30 days before deletion and stays in its region', () => {
  const keys = resources('AWS::KMS::Key');
  expect(keys.length).toBeGreaterThanOrEqual(5);
  for (const [, id, r] of keys) {
    expect([id, r.Properties!.EnableKeyRotation, r.Properties!.RotationPeriodInDays <= 365]).toEqual([id, true, true]);
    expect([id, r.Properties!.PendingWindowInDays, r.Properties!.MultiRegion]).toEqual([id, 30, false]);
  }
});

test('every log group is encrypted and kept at least 365 days (Law 05-20 Art. 26)', () => {
  const groups = resources('AWS::Logs::LogGroup');
  expect(groups.length).toBeGreaterThanOrEqual(3);
  for (const [, id, r] of groups) {
    expect([id, r.Properties!.RetentionInDays >= 365, r.Properties!.KmsKeyId !== undefined]).toEqual([id, true, true]);
  }
});

test('the audit trail is multi-region, validated, encrypted and delivered to an Object Lock archive', () => {
  const [[stack, , trail]] = resources('AWS::CloudTrail::Trail');
  expect(trail.Properties).toMatchObject({
    IsLogging: true,
    IsMultiRegionTrail: true,
    IncludeGlobalServiceEvents: true,
    EnableLogFileValidation: true,
  });
  expect(trail.Properties!.KMSKeyId).toBeDefined();
  // The organization trail (management account) delivers to the archive of the log archive account, by name.
  expect(stack.stackName).toBe('OrganizationTrail');
  const archive = stacks.find((s) => s.stackName === 'LogArchive')!;
  const [bucket] = Object.values(templates.get(archive)!.toJSON().Resources as Record<string, Resource>).filter(
    (r) => r.Type === 'AWS::S3::Bucket' && r.Properties!.BucketName === trail.Properties!.S3BucketName,
  ) as Array<{ Properties: Record<string, any> }>;
  expect(bucket.Properties.ObjectLockEnabled).toBe(true);
  expect(bucket.Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Days: 365 });
});

test('the data tier has no route to the internet and the VPC records its flows', () => {
  const network = stacks.find((s) => s.stackName === 'NetworkEuWest3')!;
  const t = templates.get(network)!.toJSON().Resources as Record<string, Resource>;
  const dataTables = Object.entries(t).filter(
    ([, r]) => r.Type === 'AWS::EC2::RouteTable' && tag(r, 'sovereign-lz.io/tier') === 'data',
  );
  expect(dataTables.length).toBe(2);
  const routes = Object.values(t).filter((r) => r.Type === 'AWS::EC2::Route');
  for (const [id] of dataTables) {
    expect(routes.filter((r) => r.Properties!.RouteTableId.Ref === id)).toEqual([]);
  }
  expect(Object.values(t).filter((r) => r.Type === 'AWS::EC2::FlowLog')).toHaveLength(1);
  for (const r of Object.values(t).filter((r) => r.Type === 'AWS::EC2::Subnet')) {
    expect(r.Properties!.MapPublicIpOnLaunch).toBe(false);
  }
});

test('every workload with object stores backs them up in its own region, into a locked vault', () => {
  const vaults = resources('AWS::Backup::BackupVault');
  expect(vaults.map(([s]) => `${s.stackName} ${s.region}`).sort()).toEqual([
    'Analytics eu-south-2',
    'CitizenPortal eu-west-3',
    'Records eu-west-3',
  ]);
  for (const [, , v] of vaults) expect(v.Properties!.LockConfiguration.MinRetentionDays).toBeGreaterThan(0);
});

test('the organization denies requests outside the allowed regions, except to exempted roles and global services', () => {
  const policies = resources('AWS::Organizations::Policy').map(([, , p]) => p.Properties!);
  expect(policies.map((p) => p.Type)).toEqual([
    'SERVICE_CONTROL_POLICY',
    'SERVICE_CONTROL_POLICY',
    'SERVICE_CONTROL_POLICY',
  ]);
  const residency = policies.find((p) => JSON.stringify(p.Content).includes('aws:RequestedRegion'))!;
  const [deny] = residency.Content.Statement;
  expect(deny.Effect).toBe('Deny');
  expect(deny.NotAction).toEqual(expect.arrayContaining(['iam:*', 'organizations:*']));
  expect(deny.NotAction).not.toContain('kms:*');
  expect([...deny.Condition.StringNotEquals['aws:RequestedRegion']].sort()).toEqual(['eu-south-2', 'eu-west-3']);
  expect(JSON.stringify(deny.Condition.ArnNotLike)).toContain('SovereignLzBreakGlass');
  expect(residency.TargetIds.length).toBeGreaterThan(0);
});

test('cdk-nag AwsSolutions and NIST 800-53 R5 report no unacknowledged error', () => {
  expect(nagErrors(aws)).toEqual([]);
});

test('every cdk-nag acknowledgment says why', () => {
  const reasons: string[] = [];
  for (const c of aws.node.findAll()) {
    for (const m of c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules')) {
      // aws-cdk-lib records each acknowledgment as { [ruleId]: reason }.
      for (const [id, reason] of Object.entries(m.data as Record<string, string>)) reasons.push(`${id}: ${reason}`);
    }
  }
  expect(reasons.length).toBeGreaterThan(0);
  for (const r of reasons) expect(r.split(': ').slice(1).join(': ').length).toBeGreaterThanOrEqual(40);
});

test('architecture summary (resource types and ids per stack) matches the snapshot', () => {
  const summary = stacks.map((s) => ({
    stack: `${s.node.path} (${s.region}, ${(s as SovereignStack).classification})`,
    resources: Object.entries(templates.get(s)!.toJSON().Resources as Record<string, Resource>)
      .map(([id, r]) => `${r.Type} ${id}`)
      .sort(),
  }));
  expect(summary).toMatchSnapshot();
});
