import { dep, judgeStacks, passes, zone, type TestStack } from '../fixtures/dep/judge';

const RULE = 'DEP-4/deployer-lockout';

const EXEMPT_LZ = ['arn:*:iam::*:role/SovereignLzDeployment', 'arn:*:iam::*:role/SovereignLzBreakGlass'];

/** The management account's stack: the Workloads OU (and Internal below it), and one SCP on Workloads. */
function organization(statements: unknown[], extra: Record<string, unknown> = {}): TestStack {
  return {
    name: 'Organization',
    account: '111111111111',
    doc: {
      Resources: {
        Workloads: {
          Type: 'AWS::Organizations::OrganizationalUnit',
          Properties: { Name: 'Workloads', ParentId: 'r-a1b2' },
        },
        Internal: {
          Type: 'AWS::Organizations::OrganizationalUnit',
          Properties: { Name: 'Internal', ParentId: { 'Fn::GetAtt': ['Workloads', 'Id'] } },
        },
        Guardrail: {
          Type: 'AWS::Organizations::Policy',
          Properties: {
            Name: 'audit-protection',
            Type: 'SERVICE_CONTROL_POLICY',
            Content: { Version: '2012-10-17', Statement: statements },
            TargetIds: [{ 'Fn::GetAtt': ['Workloads', 'Id'] }],
          },
        },
        ...extra,
      },
    },
  };
}

const denyTrailTampering = (exempt: string[], key = 'aws:PrincipalARN') => ({
  Sid: 'DenyTrailTampering',
  Effect: 'Deny',
  Action: ['cloudtrail:StopLogging', 'cloudtrail:UpdateTrail'],
  Resource: '*',
  Condition: { ArnNotLike: { [key]: exempt } },
});

/** A workload stack of account 666666666666 (OU Workloads/Internal) with a trail, as `cdk deploy` deploys it. */
const records = (stack: TestStack['stack'] = {}): TestStack => ({
  name: 'Records',
  doc: { Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'b' } } } },
  stack,
});

test("fails a Deny that does not exempt the stack's execution role, naming the SCP, the statement, the stack and the principal", () => {
  const [f, ...rest] = dep(
    judgeStacks([organization([denyTrailTampering(EXEMPT_LZ)]), records()], { zone: zone() }),
    RULE,
  );
  expect(rest).toEqual([]);
  expect(f).toEqual(
    expect.objectContaining({ status: 'fail', severity: 'error', resource: 'Guardrail', control: 'DEP-4' }),
  );
  expect(f.message).toContain(
    "SCP 'audit-protection' statement 'DenyTrailTampering' denies cloudtrail:StopLogging, cloudtrail:UpdateTrail to arn:aws:iam::666666666666:role/cdk-hnb659fds-cfn-exec-role-666666666666-eu-west-3, which deploys stack 'Records' (account 666666666666, eu-west-3)",
  );
  expect(f.source).toBe('AWS Organizations User Guide: SCP effects on permissions');
});

test("the stack's own execution role from the cloud assembly is the principal judged", () => {
  const role = 'arn:${AWS::Partition}:iam::666666666666:role/SovereignLzDeployment';
  const r = judgeStacks(
    [organization([denyTrailTampering(EXEMPT_LZ)]), records({ cloudFormationExecutionRoleArn: role })],
    {
      zone: zone(),
    },
  );
  expect(dep(r, RULE)).toEqual([]);
  expect(passes(r, RULE, 'Guardrail')).toBe(true);
});

test('an exemption with wildcards matching the CDK role passes', () => {
  const exempt = [...EXEMPT_LZ, 'arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-*'];
  expect(dep(judgeStacks([organization([denyTrailTampering(exempt)]), records()], { zone: zone() }), RULE)).toEqual([]);
});

test('a Deny whose actions reach no service of the stack, or whose region condition excludes it, passes', () => {
  const statements = [
    { Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
    {
      Sid: 'DenyOutside',
      Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*', 'sts:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-3', 'eu-south-2'] } },
    },
  ];
  const stack = {
    ...records(),
    doc: { Resources: { R: { Type: 'AWS::IAM::Role', Properties: {} }, Q: { Type: 'AWS::SQS::Queue' } } },
  };
  expect(dep(judgeStacks([organization(statements), stack], { zone: zone() }), RULE)).toEqual([]);
  // The same region deny locks out a stack in a region it denies.
  const abroad = { ...stack, region: 'us-east-1' };
  expect(dep(judgeStacks([organization(statements), abroad], { zone: zone() }), RULE)).toEqual([
    expect.objectContaining({
      status: 'fail',
      message: expect.stringContaining("statement 'DenyOutside' denies sqs:* (NotAction)"),
    }),
  ]);
});

test('a tag condition no resource of the stack matches does not apply; other keys are named', () => {
  const statements = [
    {
      Sid: 'DenyTaggedKeys',
      Effect: 'Deny',
      Action: 'kms:ScheduleKeyDeletion',
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag/purpose': 'logs' }, ArnNotLike: { 'aws:PrincipalArn': EXEMPT_LZ } },
    },
    {
      Sid: 'DenyUnencrypted',
      Effect: 'Deny',
      Action: 'ec2:CreateVolume',
      Resource: '*',
      Condition: { Bool: { 'ec2:Encrypted': 'false' } },
    },
  ];
  const stack: TestStack = {
    name: 'Records',
    doc: {
      Resources: {
        Key: { Type: 'AWS::KMS::Key', Properties: { Tags: [{ Key: 'purpose', Value: 'data' }] } },
        Volume: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-3a', Encrypted: true } },
      },
    },
  };
  expect(dep(judgeStacks([organization(statements), stack], { zone: zone() }), RULE)).toEqual([
    expect.objectContaining({
      status: 'fail',
      message: expect.stringContaining("'DenyUnencrypted' denies ec2:CreateVolume"),
    }),
  ]);
  const [f] = dep(judgeStacks([organization(statements), stack], { zone: zone() }), RULE);
  expect(f.message).toContain('unless its conditions on ec2:Encrypted exclude');
  const logs = {
    ...stack,
    doc: { Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { Tags: [{ Key: 'purpose', Value: 'logs' }] } } } },
  };
  expect(dep(judgeStacks([organization(statements), logs], { zone: zone() }), RULE)).toEqual([
    expect.objectContaining({ status: 'fail', message: expect.stringContaining("'DenyTaggedKeys'") }),
  ]);
});

test('the management account is never governed', () => {
  const management = { ...records(), account: '111111111111' };
  expect(dep(judgeStacks([organization([denyTrailTampering(EXEMPT_LZ)]), management], { zone: zone() }), RULE)).toEqual(
    [],
  );
});

test('without the accounts of the landing-zone summary, it cannot be proven (a warning)', () => {
  expect(dep(judgeStacks([organization([denyTrailTampering(EXEMPT_LZ)]), records()]), RULE)).toEqual([
    expect.objectContaining({
      status: 'cannot-prove',
      severity: 'warning',
      message: expect.stringContaining('no landing-zone summary gives the accounts’ organizational units'),
    }),
  ]);
});

test('a stack that deploys with a role every Deny exempts passes, even without the accounts of the summary', () => {
  const deployment = records({
    account: undefined,
    cloudFormationExecutionRoleArn: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/SovereignLzDeployment',
  });
  const r = judgeStacks([organization([denyTrailTampering(EXEMPT_LZ)]), deployment]);
  expect(dep(r, RULE)).toEqual([]);
});

test('a policy variable in the exemption cannot be decided', () => {
  const variable = ['arn:aws:iam::${aws:PrincipalAccount}:role/*'];
  expect(dep(judgeStacks([organization([denyTrailTampering(variable)]), records()], { zone: zone() }), RULE)).toEqual([
    expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('cannot be decided') }),
  ]);
});

describe('StackSet instances', () => {
  const stackSet = (exempt: string[]) =>
    organization([denyTrailTampering(exempt, 'aws:principalarn')], {
      Baseline: {
        Type: 'AWS::CloudFormation::StackSet',
        Properties: {
          StackSetName: 'baseline',
          PermissionModel: 'SERVICE_MANAGED',
          TemplateBody: JSON.stringify({
            Resources: {
              Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'b' } },
            },
          }),
          StackInstancesGroup: [
            {
              DeploymentTargets: { OrganizationalUnitIds: [{ 'Fn::GetAtt': ['Internal', 'Id'] }] },
              Regions: ['eu-west-3', 'eu-south-2'],
            },
          ],
        },
      },
    });

  test('a service-managed StackSet deploys with stacksets-exec-*: exempt it', () => {
    const exempt = [...EXEMPT_LZ, 'arn:*:iam::*:role/stacksets-exec-*'];
    expect(dep(judgeStacks([stackSet(exempt)], { zone: zone() }), RULE)).toEqual([]);
  });

  test('fails a Deny on the OU of its instances that does not exempt stacksets-exec-*, even without the summary', () => {
    // Without the summary, the stack of the management account is not known to be one; but it
    // deploys with a role every Deny exempts, so whether the policy governs it does not matter.
    expect(dep(judgeStacks([stackSet(EXEMPT_LZ)]), RULE)).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: expect.stringContaining(
          "to arn:aws:iam::ACCOUNT:role/stacksets-exec-*, which deploys the stack instances of StackSet 'Baseline' in the accounts of OU Workloads/Internal, eu-west-3, eu-south-2",
        ),
      }),
    ]);
    expect(dep(judgeStacks([stackSet(EXEMPT_LZ)], { zone: zone() }), RULE)).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: expect.stringContaining('in account 666666666666, eu-west-3, eu-south-2:'),
      }),
    ]);
  });
});
