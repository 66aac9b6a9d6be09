import { dep, judgeStacks, passes, zone, type TestStack } from '../fixtures/dep/judge';

const RULE = 'DEP-2/physical-names';

const role = (name: string) => ({
  Type: 'AWS::IAM::Role',
  Properties: { RoleName: name, AssumeRolePolicyDocument: {} },
});
const stack = (name: string, resources: Record<string, unknown>, where: Partial<TestStack> = {}): TestStack => ({
  name,
  doc: { Resources: resources },
  ...where,
});

test('names unique where the service requires it pass', () => {
  const r = judgeStacks([
    stack('A', { R: role('deployer') }, { account: '555555555555' }),
    stack('B', { R: role('deployer') }, { account: '666666666666' }),
    stack('C', { L: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/app' } } }, { region: 'eu-west-3' }),
    stack('D', { L: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/app' } } }, { region: 'eu-south-2' }),
  ]);
  expect(dep(r, RULE)).toEqual([]);
  expect(passes(r, RULE, 'R')).toBe(true);
  expect(passes(r, RULE, 'L')).toBe(true);
});

test('fails an IAM name fixed in two stacks of one account, whatever the region and case', () => {
  const r = judgeStacks([
    stack('A', { R: role('Deployer') }, { region: 'eu-west-3' }),
    stack('B', { Other: role('deployer') }, { region: 'eu-south-2' }),
  ]);
  expect(dep(r, RULE)).toEqual([
    expect.objectContaining({
      status: 'fail',
      severity: 'error',
      resource: 'R',
      message: expect.stringContaining(
        "the AWS::IAM::Role name 'Deployer' (unique in the account) is fixed in stack 'A' (account 666666666666, eu-west-3); stack 'B' (account 666666666666, eu-south-2)",
      ),
    }),
  ]);
});

test('fails an S3 bucket name fixed in two accounts of one partition', () => {
  const bucket = { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'shared-logs' } } };
  const r = judgeStacks([
    stack('A', bucket, { account: '555555555555' }),
    stack('B', bucket, { account: '666666666666' }),
  ]);
  expect(dep(r, RULE)).toEqual([
    expect.objectContaining({ status: 'fail', message: expect.stringContaining('unique in the partition') }),
  ]);
  // Another partition is another namespace.
  const china = judgeStacks([stack('A', bucket), stack('B', bucket, { region: 'cn-north-1' })]);
  expect(dep(china, RULE)).toEqual([]);
});

test('fails a regional name fixed twice in one account and region (two resources of one stack too)', () => {
  const group = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/app' } };
  expect(dep(judgeStacks([stack('A', { L1: group, L2: group })]), RULE)).toEqual([
    expect.objectContaining({ status: 'fail', resource: 'L1', message: expect.stringContaining("'/app'") }),
  ]);
});

test('a collision that depends on an unknown account cannot be proven', () => {
  const r = judgeStacks([stack('A', { R: role('deployer') }), stack('B', { R: role('deployer') }, { account: null })]);
  expect(dep(r, RULE)).toEqual([
    expect.objectContaining({
      status: 'cannot-prove',
      severity: 'warning',
      message: expect.stringContaining('account unknown'),
    }),
  ]);
});

test('names unique per stack (${AWS::StackName}) are never a collision', () => {
  const named = { R: { Type: 'AWS::IAM::Role', Properties: { RoleName: { 'Fn::Sub': '${AWS::StackName}-role' } } } };
  expect(dep(judgeStacks([stack('A', named), stack('B', named)]), RULE)).toEqual([]);
});

/** A StackSet of the management account deploying `body` to `ous` (names of OUs at the root). */
function stackSet(
  id: string,
  body: Record<string, unknown>,
  ous: string[],
  regions = ['eu-west-3'],
): Record<string, unknown> {
  return {
    [id]: {
      Type: 'AWS::CloudFormation::StackSet',
      Properties: {
        StackSetName: id,
        PermissionModel: 'SERVICE_MANAGED',
        TemplateBody: JSON.stringify(body),
        StackInstancesGroup: [
          {
            DeploymentTargets: { OrganizationalUnitIds: ous.map((ou) => ({ 'Fn::GetAtt': [ou, 'Id'] })) },
            Regions: regions,
          },
        ],
      },
    },
  };
}

const UNITS = {
  LogArchive: {
    Type: 'AWS::Organizations::OrganizationalUnit',
    Properties: { Name: 'LogArchive', ParentId: 'r-a1b2' },
  },
  Workloads: { Type: 'AWS::Organizations::OrganizationalUnit', Properties: { Name: 'Workloads', ParentId: 'r-a1b2' } },
};

test('two StackSets naming one role on one OU collide, even without the OU membership', () => {
  const body = { Resources: { Audit: role('sovereign-lz-audit') } };
  const r = judgeStacks([
    stack(
      'Organization',
      { ...UNITS, ...stackSet('First', body, ['Workloads']), ...stackSet('Second', body, ['Workloads']) },
      { account: '111111111111' },
    ),
  ]);
  expect(dep(r, RULE)).toEqual([
    expect.objectContaining({
      status: 'fail',
      resource: 'First',
      message: expect.stringContaining("StackSet 'Second' in the accounts of OU Workloads"),
    }),
  ]);
});

test("a StackSet's instance collides with a stack of an account of its OU, known from the landing-zone summary", () => {
  const body = {
    Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/sovereign-lz/baseline' } } },
  };
  const stacks = [
    stack('Organization', { ...UNITS, ...stackSet('Baseline', body, ['LogArchive']) }, { account: '111111111111' }),
    stack(
      'LogArchive',
      { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/sovereign-lz/baseline' } } },
      { account: '222222222222' },
    ),
  ];
  expect(dep(judgeStacks(stacks, { zone: zone() }), RULE)).toEqual([
    expect.objectContaining({
      status: 'fail',
      message: expect.stringContaining(
        "the instance of StackSet 'Baseline' in account 222222222222, eu-west-3 ('Logs')",
      ),
    }),
  ]);
  // Without the summary, the OU is a set of accounts of its own: nothing to compare.
  expect(dep(judgeStacks(stacks), RULE)).toEqual([]);
});

test("a StackSet's fixed bucket name collides across the accounts of its OU", () => {
  const body = { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'baseline' } } } };
  const org = stack(
    'Organization',
    { ...UNITS, ...stackSet('Baseline', body, ['Workloads']) },
    { account: '111111111111' },
  );
  expect(dep(judgeStacks([org], { zone: zone() }), RULE)).toEqual([
    expect.objectContaining({ status: 'fail', message: expect.stringContaining('account 555555555555') }),
  ]);
  expect(dep(judgeStacks([org]), RULE)).toEqual([
    expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('holds two accounts or more') }),
  ]);
});

test('two resources of one stack collide even when its account is unknown', () => {
  const group = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/app' } };
  expect(dep(judgeStacks([stack('A', { L1: group, L2: group }, { account: null })]), RULE)).toEqual([
    expect.objectContaining({
      status: 'fail',
      message: expect.stringContaining("is fixed twice in stack 'A' (account unknown, eu-west-3) ('L1', 'L2')"),
    }),
  ]);
});
