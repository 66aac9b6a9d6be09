import { dep, judgeStacks, passes, type TestStack } from '../fixtures/dep/judge';

const RULE = 'DEP-1/stack-set-region-neutral';

/** The management account's stack with one StackSet of `body`, deployed to `regions` of an OU. */
function organization(
  body: unknown,
  regions: unknown = ['eu-west-3', 'eu-south-2'],
  extra: Record<string, unknown> = {},
): TestStack {
  return {
    name: 'Organization',
    account: '111111111111',
    doc: {
      Resources: {
        Workloads: {
          Type: 'AWS::Organizations::OrganizationalUnit',
          Properties: { Name: 'Workloads', ParentId: 'r-a1b2' },
        },
        Baseline: {
          Type: 'AWS::CloudFormation::StackSet',
          Properties: {
            StackSetName: 'baseline',
            PermissionModel: 'SERVICE_MANAGED',
            ...(body === undefined ? {} : { TemplateBody: typeof body === 'string' ? body : JSON.stringify(body) }),
            StackInstancesGroup: [
              {
                DeploymentTargets: { OrganizationalUnitIds: [{ 'Fn::GetAtt': ['Workloads', 'Id'] }] },
                Regions: regions,
              },
            ],
            ...extra,
          },
        },
      },
    },
  };
}

const LOGS_KEY_POLICY = (service: unknown) => ({
  Statement: [
    {
      Sid: 'AllowCloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: service },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': {
            'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*',
          },
        },
      },
    },
  ],
});

test('a body written with ${AWS::Region} and without global names passes in every region', () => {
  const body = {
    Resources: {
      LogsKey: {
        Type: 'AWS::KMS::Key',
        Properties: { KeyPolicy: LOGS_KEY_POLICY({ 'Fn::Sub': 'logs.${AWS::Region}.${AWS::URLSuffix}' }) },
      },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/sovereign-lz/baseline' } },
      Audit: { Type: 'AWS::IAM::Role', Properties: { RoleName: { 'Fn::Sub': 'sovereign-lz-audit-${AWS::Region}' } } },
      Reader: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    },
  };
  const r = judgeStacks([organization(body)]);
  expect(dep(r, RULE)).toEqual([]);
  expect(passes(r, RULE, 'Baseline')).toBe(true);
});

test("fails a literal region in a service principal, naming the resource, the property and the instances' regions", () => {
  const body = {
    Resources: {
      LogsKey: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: LOGS_KEY_POLICY('logs.eu-west-3.amazonaws.com') } },
    },
  };
  const [f] = dep(judgeStacks([organization(body)]), RULE);
  expect(f).toEqual(
    expect.objectContaining({ status: 'fail', severity: 'error', resource: 'Baseline', control: 'DEP-1' }),
  );
  expect(f.message).toContain(
    "'LogsKey' (AWS::KMS::Key) Properties.KeyPolicy.Statement[0].Principal.Service names region eu-west-3",
  );
  expect(f.message).toContain('stack instances in eu-south-2');
  expect(f.source).toBe('AWS CloudFormation User Guide: Best practices for using StackSets');
});

test('fails a fixed global name (an IAM role) in a body deployed to two regions of one account', () => {
  const body = { Resources: { Audit: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'sovereign-lz-audit' } } } };
  const findings = dep(judgeStacks([organization(body)]), RULE);
  expect(findings).toEqual([
    expect.objectContaining({
      status: 'fail',
      message: expect.stringContaining(
        "'Audit' (AWS::IAM::Role) has the fixed RoleName 'sovereign-lz-audit', a global name, but its stack instances in eu-west-3 and eu-south-2 of one account both create it",
      ),
    }),
  ]);
  // Deployed to one region, the same body is fine.
  expect(dep(judgeStacks([organization(body, ['eu-west-3'])]), RULE)).toEqual([]);
});

test('an S3 bucket name is global too, unless the region makes it unique', () => {
  const fixed = { Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'baseline-logs' } } } };
  expect(dep(judgeStacks([organization(fixed)]), RULE)).toEqual([
    expect.objectContaining({ status: 'fail', message: expect.stringContaining("fixed BucketName 'baseline-logs'") }),
  ]);
  const unique = {
    Resources: {
      B: {
        Type: 'AWS::S3::Bucket',
        Properties: { BucketName: { 'Fn::Sub': 'baseline-logs-${AWS::AccountId}-${AWS::Region}' } },
      },
    },
  };
  expect(dep(judgeStacks([organization(unique)]), RULE)).toEqual([]);
});

test("parameters are read at the StackSet's values, else their defaults", () => {
  const body = {
    Parameters: { Home: { Type: 'String', Default: 'eu-west-3' } },
    Resources: {
      Topic: {
        Type: 'AWS::SNS::Topic',
        Properties: { KmsMasterKeyId: { 'Fn::Sub': 'arn:aws:kms:${Home}:111111111111:alias/x' } },
      },
    },
  };
  expect(dep(judgeStacks([organization(body)]), RULE)).toEqual([
    expect.objectContaining({ status: 'fail', message: expect.stringContaining('names region eu-west-3') }),
  ]);
  const overridden = organization(body, ['eu-south-2'], {
    Parameters: [{ ParameterKey: 'Home', ParameterValue: 'eu-south-2' }],
  });
  expect(dep(judgeStacks([overridden]), RULE)).toEqual([]);
});

test('a YAML body is read with its short-form tags', () => {
  const yaml = [
    'Resources:',
    '  Endpoint:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties:',
    '      VpcId: vpc-1',
    '      ServiceName: !Sub com.amazonaws.${AWS::Region}.kms',
    '  Subnet:',
    '    Type: AWS::EC2::Subnet',
    '    Properties:',
    '      VpcId: vpc-1',
    '      CidrBlock: 10.0.0.0/24',
    '      AvailabilityZone: eu-west-3a',
  ].join('\n');
  const [f] = dep(judgeStacks([organization(yaml)]), RULE);
  expect(f.message).toContain(
    "'Subnet' (AWS::EC2::Subnet) Properties.AvailabilityZone names region eu-west-3 ('eu-west-3a')",
  );
});

test('a body at TemplateURL cannot be proven; an unreadable body fails', () => {
  const url = organization(undefined, ['eu-west-3'], { TemplateURL: 'https://bucket.s3.amazonaws.com/baseline.json' });
  expect(dep(judgeStacks([url]), RULE)).toEqual([
    expect.objectContaining({
      status: 'cannot-prove',
      severity: 'warning',
      message: expect.stringContaining('TemplateURL'),
    }),
  ]);
  expect(dep(judgeStacks([organization('{ not json')]), RULE)).toEqual([
    expect.objectContaining({ status: 'fail', message: expect.stringContaining('TemplateBody') }),
  ]);
});
