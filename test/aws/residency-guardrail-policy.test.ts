import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { GLOBAL_SERVICE_ACTIONS, levelRegions, residencyAllowlist } from '../../constructs/aws/guardrail-statements';
import { ResidencyGuardrailPolicy } from '../../constructs/aws/residency-guardrail-policy';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { eu, morocco, type JurisdictionProfile } from '../../constructs/core';
import { judge } from '../compliance/helpers/judge';
import { nagErrors } from '../helpers/nag';

const RULE = 'RES-4/region-deny-scp';
const OU = 'ou-ab12-cdef3456';

function stack(profile: 'morocco' | 'eu' | JurisdictionProfile = 'morocco') {
  return new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile, classification: 'internal' });
}

function regionDeny(s: SovereignStack) {
  const policies = Template.fromStack(s).findResources('AWS::Organizations::Policy');
  const [policy] = Object.values(policies) as Array<{ Properties: { Content: { Statement: any[] } } }>;
  return policy.Properties.Content.Statement[0];
}

test('denies every action outside the profile regions, global services and the two roles exempted', () => {
  const s = stack();
  const residency = new ResidencyGuardrailPolicy(s, 'Residency', { targetIds: [OU] });
  expect(residency.allowedRegions).toEqual(['eu-central-1', 'eu-south-2', 'eu-west-1', 'eu-west-3']);
  Template.fromStack(s).hasResourceProperties('AWS::Organizations::Policy', {
    Name: 'sovereign-lz-residency',
    Type: 'SERVICE_CONTROL_POLICY',
    TargetIds: [OU],
    Description: Match.stringLikeRegexp('^RES-4 .*eu-central-1, eu-south-2, eu-west-1, eu-west-3$'),
    Tags: Match.arrayWith([
      { Key: 'sovereign-lz.io/classification', Value: 'internal' },
      { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
    ]),
  });
  const statement = regionDeny(s);
  expect(statement).toEqual({
    Sid: 'DenyOutsideAllowedRegions',
    Effect: 'Deny',
    NotAction: [...GLOBAL_SERVICE_ACTIONS],
    Resource: '*',
    Condition: {
      StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-south-2', 'eu-west-1', 'eu-west-3'] },
      ArnNotLike: {
        'aws:PrincipalARN': [
          'arn:*:iam::*:role/SovereignLzDeployment',
          'arn:*:iam::*:role/SovereignLzBreakGlass',
          'arn:*:iam::*:role/stacksets-exec-*',
        ],
      },
    },
  });
  for (const global of [
    'iam:*',
    'organizations:*',
    'sts:*',
    'cloudfront:*',
    'route53:*',
    'support:*',
    'budgets:*',
    'health:*',
  ]) {
    expect(statement.NotAction).toContain(global);
  }
  // Regional services whose exemption would open every region to keys and certificates.
  expect(statement.NotAction).not.toContain('kms:*');
  expect(statement.NotAction).not.toContain('acm:*');
});

test('derives the EEA regions under eu (personal data), never London or Zurich', () => {
  const s = stack('eu');
  const residency = new ResidencyGuardrailPolicy(s, 'Residency', { targetIds: ['r-ab12'] });
  expect(residency.allowedRegions).toEqual([
    'eu-central-1',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-3',
    'eusc-de-east-1',
  ]);
  expect(residency.hostedLevels).toEqual(['public', 'internal', 'personal', 'sensitive']);
});

test('a level that may live anywhere does not widen the allowlist; one with no region contributes none', () => {
  expect(levelRegions(morocco, 'public')).toBeUndefined();
  expect(levelRegions(morocco, 'sensitive')).toEqual([]);
  expect(levelRegions(morocco, 'personal')).toEqual([]); // no recorded CNDP authorization
  expect(residencyAllowlist(morocco, ['public', 'internal'])).toEqual([
    'eu-central-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-3',
  ]);
  expect(residencyAllowlist(eu, ['public', 'internal'])).toEqual([]);
});

test('takes explicit regions, levels, extra global actions and exempt roles', () => {
  const s = stack('eu');
  const residency = new ResidencyGuardrailPolicy(s, 'Residency', {
    targetIds: [OU, 'r-ab12'],
    allowedRegions: ['eu-west-3', 'eu-central-1'],
    hostedLevels: ['personal'],
    additionalGlobalActions: ['acm:*'],
    exemptRoleNames: ['Pipeline', 'stacksets-exec-*'],
    policyName: 'residency',
  });
  expect(residency.allowedRegions).toEqual(['eu-west-3', 'eu-central-1']);
  const statement = regionDeny(s);
  expect(statement.NotAction).toContain('acm:*');
  expect(statement.Condition).toEqual({
    StringNotEquals: { 'aws:RequestedRegion': ['eu-west-3', 'eu-central-1'] },
    ArnNotLike: { 'aws:PrincipalARN': ['arn:*:iam::*:role/Pipeline', 'arn:*:iam::*:role/stacksets-exec-*'] },
  });
  Template.fromStack(s).hasResourceProperties('AWS::Organizations::Policy', {
    Name: 'residency',
    TargetIds: [OU, 'r-ab12'],
  });
});

test('fails if a region is not allowed for the levels (RES-4), naming the region and the law', () => {
  expect(
    () =>
      new ResidencyGuardrailPolicy(stack(), 'Residency', {
        targetIds: [OU],
        allowedRegions: ['eu-west-3', 'us-east-1'],
      }),
  ).toThrow(
    /\[S\/Residency\] RES-4: allowedRegions\[1\]: the guardrail may not leave 'us-east-1' open: level 'internal' may not be hosted in AWS region 'us-east-1' \(US\) under profile 'morocco'.*\(L05-20 Art\. 11; RQC 3\.15\.2\)/,
  );
});

test('fails if no hosted level may live in an explicit region, although internal may', () => {
  expect(
    () =>
      new ResidencyGuardrailPolicy(stack('eu'), 'Residency', {
        targetIds: [OU],
        allowedRegions: ['us-east-1'],
        hostedLevels: ['personal'],
      }),
  ).toThrow(/\[S\/Residency\] RES-4: allowedRegions\[0\]: no hosted level \(personal\) may live in 'us-east-1'/);
});

test('fails if the allowlist is empty', () => {
  expect(() => new ResidencyGuardrailPolicy(stack(), 'Residency', { targetIds: [OU], allowedRegions: [] })).toThrow(
    /\[S\/Residency\] RES-4: allowedRegions is empty: the residency guardrail would deny every region/,
  );
});

test('fails if a hosted level may live in no AWS region, which leaves the allowlist empty', () => {
  expect(
    () => new ResidencyGuardrailPolicy(stack(), 'Residency', { targetIds: [OU], hostedLevels: ['sensitive'] }),
  ).toThrow(
    /\[S\/Residency\] 2 problems:\n {2}- RES-1: hostedLevels\[0\]: level 'sensitive' may not be hosted in any AWS region under profile 'morocco'.*\(L05-20 Art\. 11; RQC 3\.15\.2\).*\n {2}- RES-4: the residency allowlist is empty/,
  );
});

test('fails if a region code is malformed or listed twice, or an extra action is not an action', () => {
  expect(
    () =>
      new ResidencyGuardrailPolicy(stack(), 'Residency', {
        targetIds: [OU],
        allowedRegions: ['eu-west-3', 'Paris', 'eu-west-3'],
        additionalGlobalActions: ['acm'],
      }),
  ).toThrow(
    /\[S\/Residency\] 3 problems:\n {2}- PROPS: allowedRegions\[1\] 'Paris' is not an AWS region code\n {2}- PROPS: allowedRegions\[2\] 'eu-west-3' is listed twice\n {2}- PROPS: additionalGlobalActions\[0\] 'acm' is not an IAM action/,
  );
});

test('fails if a target id is malformed', () => {
  expect(() => new ResidencyGuardrailPolicy(stack(), 'Residency', { targetIds: ['ou-1'] })).toThrow(
    /\[S\/Residency\] PROPS: targetIds\[0\] 'ou-1' is not a root id/,
  );
});

test('fails if the policy is over 5,120 characters, naming it', () => {
  const additionalGlobalActions = Array.from({ length: 200 }, (_, i) => `service${i}:DescribeSomething`);
  expect(
    () => new ResidencyGuardrailPolicy(stack(), 'Residency', { targetIds: [OU], additionalGlobalActions }),
  ).toThrow(/\[S\/Residency\] PROPS: policy 'sovereign-lz-residency' is \d+ characters \(minified\), over the 5120/);
});

test('the compliance engine passes RES-4 on the synthesized policy, under morocco and under eu', () => {
  for (const profile of ['morocco', 'eu'] as const) {
    const s = stack(profile);
    new ResidencyGuardrailPolicy(s, 'Residency', { targetIds: [OU] });
    const result = judge(Template.fromStack(s).toJSON(), { profile });
    expect(result.findings.filter((f) => f.control === 'RES-4')).toEqual([]);
    expect(result.passes.filter((p) => p.rule === RULE)).toHaveLength(1);
  }
});

test('a residency policy with a wrong region list fails RES-4 in the compliance engine', () => {
  // Built under a profile that wrongly allows us-east-1, judged under the built-in morocco.
  const lax: JurisdictionProfile = {
    ...morocco,
    id: 'morocco-lax',
    levels: { ...morocco.levels, internal: { ...morocco.levels.internal, cloudRegions: ['eu-west-3', 'us-east-1'] } },
  };
  const s = stack(lax);
  new ResidencyGuardrailPolicy(s, 'Residency', { targetIds: [OU], hostedLevels: ['internal'] });
  const findings = judge(Template.fromStack(s).toJSON(), { profile: 'morocco' }).findings.filter(
    (f) => f.rule === RULE,
  );
  expect(findings).toEqual([
    expect.objectContaining({
      status: 'fail',
      severity: 'error',
      suppressed: false,
      message: expect.stringContaining('us-east-1'),
    }),
  ]);
});

test('a RES-4 suppression lifts the region check; the engine reports the finding as suppressed', () => {
  const s = stack();
  new ResidencyGuardrailPolicy(s, 'Residency', {
    targetIds: [OU],
    allowedRegions: ['eu-west-3', 'us-east-1'],
    suppressions: [{ id: 'RES-4', reason: 'CloudFront origin failover during the 2026 migration, ticket SEC-42' }],
  });
  const [finding] = judge(Template.fromStack(s).toJSON()).findings.filter((f) => f.rule === RULE);
  expect(finding).toEqual(
    expect.objectContaining({ status: 'fail', suppressed: true, message: expect.stringContaining('us-east-1') }),
  );
});

test('cdk-nag finds no error', () => {
  const s = stack();
  new ResidencyGuardrailPolicy(s, 'Residency', { targetIds: [OU] });
  expect(nagErrors(s)).toEqual([]);
});
