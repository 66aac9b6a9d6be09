import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { OrganizationGuardrails } from '../../constructs/aws/organization-guardrails';
import { OrganizationalUnits } from '../../constructs/aws/organizational-units';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { checkPaths } from '../../constructs/compliance/check';
import { nagErrors } from '../helpers/nag';

const OU = 'ou-ab12-cdef3456';
const EXEMPT = {
  ArnNotLike: {
    'aws:PrincipalARN': [
      'arn:*:iam::*:role/SovereignLzDeployment',
      'arn:*:iam::*:role/SovereignLzBreakGlass',
      'arn:*:iam::*:role/stacksets-exec-*',
    ],
  },
};

function stack(app = new App(), profile: 'morocco' | 'eu' = 'morocco') {
  return new SovereignStack(app, 'S', {
    env: { account: '111111111111', region: 'eu-west-3' },
    profile,
    classification: 'internal',
  });
}

/** The statements of the policy named `name`, by Sid. */
function statementsOf(s: SovereignStack, name: string): Record<string, any> {
  const policies = Template.fromStack(s).findResources('AWS::Organizations::Policy', {
    Properties: { Name: name },
  });
  const [policy] = Object.values(policies) as any[];
  return Object.fromEntries(policy.Properties.Content.Statement.map((st: any) => [st.Sid, st]));
}

test('creates three service control policies attached to the targets, tagged', () => {
  const s = stack();
  const guardrails = new OrganizationGuardrails(s, 'Guardrails', { targetIds: [OU, 'r-ab12'] });
  const t = Template.fromStack(s);
  t.resourceCountIs('AWS::Organizations::Policy', 3);
  for (const name of ['sovereign-lz-residency', 'sovereign-lz-audit-protection', 'sovereign-lz-baseline']) {
    t.hasResourceProperties('AWS::Organizations::Policy', {
      Name: name,
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: [OU, 'r-ab12'],
      Tags: Match.arrayWith([
        { Key: 'sovereign-lz.io/classification', Value: 'internal' },
        { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
      ]),
    });
  }
  expect(guardrails.allowedRegions).toEqual(['eu-central-1', 'eu-south-2', 'eu-west-1', 'eu-west-3']);
  expect(guardrails.policyIds).toHaveLength(3);
});

test('every statement of every policy is a deny that exempts only the deployment and break-glass roles', () => {
  const s = stack();
  new OrganizationGuardrails(s, 'Guardrails', { targetIds: [OU] });
  for (const name of ['sovereign-lz-residency', 'sovereign-lz-audit-protection', 'sovereign-lz-baseline']) {
    for (const statement of Object.values(statementsOf(s, name))) {
      expect(statement.Effect).toBe('Deny');
      expect(statement.Condition.ArnNotLike).toEqual(EXEMPT.ArnNotLike);
    }
  }
});

test('the residency policy denies requests outside the allowed regions, global services exempted', () => {
  const s = stack();
  new OrganizationGuardrails(s, 'Guardrails', { targetIds: [OU], allowedRegions: ['eu-west-3'] });
  const { DenyOutsideAllowedRegions: deny } = statementsOf(s, 'sovereign-lz-residency');
  expect(deny.NotAction).toEqual(expect.arrayContaining(['iam:*', 'organizations:*', 'sts:*', 'route53:*']));
  expect(deny.Condition).toEqual({ StringNotEquals: { 'aws:RequestedRegion': ['eu-west-3'] }, ...EXEMPT });
});

test('the audit protection denies trail tampering, and log bucket tampering by tag and by ARN', () => {
  const s = stack();
  const archive = s3.Bucket.fromBucketName(s, 'Archive', 'lz-log-archive-111111111111');
  new OrganizationGuardrails(s, 'Guardrails', { targetIds: [OU], logArchiveBuckets: [archive] });
  const st = statementsOf(s, 'sovereign-lz-audit-protection');
  expect(st.DenyTrailTampering).toEqual({
    Sid: 'DenyTrailTampering',
    Effect: 'Deny',
    Action: [
      'cloudtrail:DeleteTrail',
      'cloudtrail:PutEventSelectors',
      'cloudtrail:StopLogging',
      'cloudtrail:UpdateTrail',
    ],
    Resource: '*',
    Condition: EXEMPT,
  });
  const bucketActions = [
    's3:DeleteBucket',
    's3:DeleteBucketPolicy',
    's3:PutBucketObjectLockConfiguration',
    's3:PutBucketPolicy',
    's3:PutLifecycleConfiguration',
  ];
  expect(st.DenyTaggedLogBucketTampering).toEqual({
    Sid: 'DenyTaggedLogBucketTampering',
    Effect: 'Deny',
    Action: bucketActions,
    Resource: '*',
    Condition: { StringEquals: { 'aws:ResourceTag/sovereign-lz.io/purpose': 'logs' }, ...EXEMPT },
  });
  expect(st.DenyLogArchiveTampering).toEqual({
    Sid: 'DenyLogArchiveTampering',
    Effect: 'Deny',
    Action: bucketActions,
    Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::lz-log-archive-111111111111']] },
    Condition: EXEMPT,
  });
});

test('the baseline denies leaving, disabling the landing zone keys and unencrypted EBS volumes', () => {
  const s = stack();
  const key = kms.Key.fromKeyArn(
    s,
    'Key',
    'arn:aws:kms:eu-west-3:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  );
  new OrganizationGuardrails(s, 'Guardrails', { targetIds: [OU], protectedKeys: [key] });
  const st = statementsOf(s, 'sovereign-lz-baseline');
  expect(st.DenyLeaveOrganization).toEqual(
    expect.objectContaining({ Action: 'organizations:LeaveOrganization', Resource: '*', Condition: EXEMPT }),
  );
  expect(st.DenyLandingZoneKeyDisabling).toEqual(
    expect.objectContaining({
      Action: ['kms:DisableKey', 'kms:DisableKeyRotation', 'kms:ScheduleKeyDeletion'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag/sovereign-lz.io/jurisdiction': 'morocco' }, ...EXEMPT },
    }),
  );
  expect(st.DenyLandingZoneKeyRetagging.Condition).toEqual({
    StringEquals: { 'aws:ResourceTag/sovereign-lz.io/jurisdiction': 'morocco' },
    'ForAnyValue:StringEquals': { 'aws:TagKeys': ['sovereign-lz.io/jurisdiction'] },
    ...EXEMPT,
  });
  expect(st.DenyProtectedKeyDisabling).toEqual(
    expect.objectContaining({
      Action: ['kms:DisableKey', 'kms:DisableKeyRotation', 'kms:ScheduleKeyDeletion'],
      Resource: 'arn:aws:kms:eu-west-3:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    }),
  );
  expect(st.DenyUnencryptedVolumes).toEqual(
    expect.objectContaining({
      Action: 'ec2:CreateVolume',
      Resource: '*',
      Condition: { Bool: { 'ec2:Encrypted': 'false' }, ...EXEMPT },
    }),
  );
  expect(st.DenyUnencryptedLaunchVolumes).toEqual(
    expect.objectContaining({
      Action: 'ec2:RunInstances',
      Resource: 'arn:*:ec2:*:*:volume/*',
      Condition: { Bool: { 'ec2:Encrypted': 'false' }, ...EXEMPT },
    }),
  );
});

test('targets the organizational units, names the policies with the prefix and exempts the given roles', () => {
  const s = stack();
  const ous = new OrganizationalUnits(s, 'Units', { parentId: 'r-ab12' });
  new OrganizationGuardrails(s, 'Guardrails', {
    targetIds: ous.guardrailTargetIds,
    policyNamePrefix: 'ministry',
    exemptRoleNames: ['MinistryPipeline'],
  });
  const ids = Object.keys(Template.fromStack(s).findResources('AWS::Organizations::OrganizationalUnit'));
  const top = ['Security', 'LogArchive', 'SharedNetwork', 'Workloads'].map((name) =>
    ids.find((id) => new RegExp(`^Units${name}[0-9A-F]{8}$`).test(id))!,
  );
  Template.fromStack(s).hasResourceProperties('AWS::Organizations::Policy', {
    Name: 'ministry-baseline',
    TargetIds: top.map((id) => ({ 'Fn::GetAtt': [id, 'Id'] })),
  });
  expect(statementsOf(s, 'ministry-residency').DenyOutsideAllowedRegions.Condition.ArnNotLike).toEqual({
    'aws:PrincipalARN': ['arn:*:iam::*:role/MinistryPipeline', 'arn:*:iam::*:role/stacksets-exec-*'],
  });
});

test('fails if a target id is malformed, collecting the residency problems too', () => {
  expect(
    () =>
      new OrganizationGuardrails(stack(), 'Guardrails', {
        targetIds: ['ou-AB12-cdef3456', '1234567890123'],
        allowedRegions: ['us-east-1'],
      }),
  ).toThrow(
    /\[S\/Guardrails\] 3 problems:\n {2}- RES-4: allowedRegions\[0\]: the guardrail may not leave 'us-east-1' open.*\n {2}- PROPS: targetIds\[0\] 'ou-AB12-cdef3456' is not a root id.*\n {2}- PROPS: targetIds\[1\] '1234567890123' is not a root id/,
  );
});

test('fails if the management account is a target', () => {
  expect(() => new OrganizationGuardrails(stack(), 'Guardrails', { targetIds: ['111111111111'] })).toThrow(
    /\[S\/Guardrails\] PROPS: targetIds\[0\] '111111111111' is the management account/,
  );
});

test('fails if the allowlist is empty', () => {
  expect(
    () => new OrganizationGuardrails(stack(), 'Guardrails', { targetIds: [OU], hostedLevels: ['public'] }),
  ).toThrow(/\[S\/Guardrails\] RES-4: the residency allowlist is empty: no hosted level \(public\)/);
});

test('fails if a policy is over 5,120 characters, naming the policy', () => {
  const s = stack();
  const logArchiveBuckets = Array.from({ length: 50 }, (_, i) =>
    s3.Bucket.fromBucketName(s, `Archive${i}`, `lz-log-archive-${i}`),
  );
  expect(() => new OrganizationGuardrails(s, 'Guardrails', { targetIds: [OU], logArchiveBuckets })).toThrow(
    /\[S\/Guardrails\] PROPS: policy 'sovereign-lz-audit-protection' is \d+ characters \(minified\), over the 5120/,
  );
});

test('fails if its stack is in a region not allowed for internal data (RES-1)', () => {
  const s = new SovereignStack(new App(), 'S', {
    env: { region: 'us-east-1' },
    profile: 'morocco',
    classification: 'public',
  });
  expect(() => new OrganizationGuardrails(s, 'Guardrails', { targetIds: [OU] })).toThrow(
    /\[S\/Guardrails\] RES-1: an organization stack deploys to the management account's home region, which must be allowed for 'internal' data: level 'internal' may not be hosted in AWS region 'us-east-1'/,
  );
});

test('the compliance engine finds no RES-4 problem in the synthesized organization stack', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'org-guardrails-'));
  try {
    const app = new App({ outdir });
    const s = stack(app);
    const ous = new OrganizationalUnits(s, 'Units', { parentId: 'r-ab12' });
    new OrganizationGuardrails(s, 'Guardrails', { targetIds: ous.guardrailTargetIds });
    app.synth();
    const result = checkPaths([outdir], { profile: 'morocco', cwd: outdir });
    expect(result.findings.filter((f) => f.control === 'RES-4' || f.control === 'RES-1')).toEqual([]);
    expect(result.passes.filter((p) => p.rule === 'RES-4/region-deny-scp')).toEqual([
      expect.objectContaining({ path: 'S/Guardrails/Residency/Resource' }),
    ]);
    expect(result.findings.filter((f) => f.control === 'CLS-1')).toEqual([]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});

test('cdk-nag finds no error', () => {
  const s = stack();
  new OrganizationGuardrails(s, 'Guardrails', { targetIds: [OU] });
  expect(nagErrors(s)).toEqual([]);
});
