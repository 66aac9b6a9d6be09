import { dep, judgeStacks, passes, zone, type TestStack } from '../fixtures/dep/judge';

const ACCOUNT_RULE = 'DEP-3/organization-trail-account';
const GRANTS_RULE = 'DEP-3/trail-grants';
const NAME = 'org-trail';
const BUCKET = 'log-archive-222222222222';

const trail = (extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::CloudTrail::Trail',
  Properties: { TrailName: NAME, IsLogging: true, IsOrganizationTrail: true, S3BucketName: BUCKET, ...extra },
});

/** The log archive's bucket and key, granting CloudTrail under `arn` (and key context `context`). */
function archive(arn: string, context = arn): Record<string, unknown> {
  return {
    Key: {
      Type: 'AWS::KMS::Key',
      Properties: {
        KeyPolicy: {
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'kms:*', Resource: '*' },
            {
              Sid: 'AllowCloudTrailEncrypt',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 'kms:GenerateDataKey*',
              Resource: '*',
              Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': { 'Fn::Sub': context } } },
            },
          ],
        },
      },
    },
    Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/log-archive', TargetKeyId: { Ref: 'Key' } } },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: BUCKET } },
    Policy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'Bucket' },
        PolicyDocument: {
          Statement: [
            {
              Sid: 'CloudTrailWrite',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/*`,
              Condition: { StringEquals: { 'aws:SourceArn': { 'Fn::Sub': arn } } },
            },
          ],
        },
      },
    },
  };
}

const logArchive = (arn: string, context?: string): TestStack => ({
  name: 'LogArchive',
  account: '222222222222',
  doc: { Resources: archive(arn, context) },
});

const trailStack = (account: string, extra?: Record<string, unknown>): TestStack => ({
  name: 'OrganizationTrail',
  account,
  doc: { Resources: { Trail: trail({ KMSKeyId: 'arn:aws:kms:eu-west-3:222222222222:alias/log-archive', ...extra }) } },
});

const ARN_111 = `arn:\${AWS::Partition}:cloudtrail:eu-west-3:111111111111:trail/${NAME}`;
const ARN_222 = `arn:\${AWS::Partition}:cloudtrail:eu-west-3:222222222222:trail/${NAME}`;

describe('DEP-3/organization-trail-account', () => {
  test('an organization trail of the management account passes', () => {
    const r = judgeStacks([trailStack('111111111111'), logArchive(ARN_111)], { zone: zone() });
    expect(dep(r, ACCOUNT_RULE)).toEqual([]);
    expect(passes(r, ACCOUNT_RULE, 'Trail')).toBe(true);
  });

  test('fails an organization trail of an account that is neither the management account nor the delegated administrator', () => {
    const [f] = dep(judgeStacks([trailStack('222222222222')], { zone: zone() }), ACCOUNT_RULE);
    expect(f).toEqual(
      expect.objectContaining({ status: 'fail', severity: 'error', resource: 'Trail', control: 'DEP-3' }),
    );
    expect(f.message).toContain(
      'organization trail in a stack of account 222222222222, which is neither the management account (111111111111) nor',
    );
    expect(f.message).toContain('none declared');
  });

  test("CloudTrail's declared delegated administrator may create it", () => {
    const delegated = zone({ delegatedAdministrators: { 'cloudtrail.amazonaws.com': '222222222222' } });
    expect(dep(judgeStacks([trailStack('222222222222')], { zone: delegated }), ACCOUNT_RULE)).toEqual([]);
  });

  test('without the landing-zone summary it cannot be proven', () => {
    expect(dep(judgeStacks([trailStack('222222222222')]), ACCOUNT_RULE)).toEqual([
      expect.objectContaining({ status: 'cannot-prove', severity: 'warning' }),
    ]);
  });

  test('a trail of one account is not judged', () => {
    const r = judgeStacks([trailStack('666666666666', { IsOrganizationTrail: false })], { zone: zone() });
    expect(dep(r, ACCOUNT_RULE)).toEqual([]);
  });
});

describe('DEP-3/trail-grants', () => {
  test("grants that name the trail's ARN pass, found across stacks by bucket name and alias ARN", () => {
    const r = judgeStacks(
      [trailStack('111111111111'), logArchive(ARN_111, 'arn:aws:cloudtrail:*:111111111111:trail/*')],
      {
        zone: zone(),
      },
    );
    expect(dep(r, GRANTS_RULE)).toEqual([]);
    expect(passes(r, GRANTS_RULE, 'Trail')).toBe(true);
  });

  test('an organization trail created by the delegated administrator is owned by the management account', () => {
    const delegated = zone({ delegatedAdministrators: { 'cloudtrail.amazonaws.com': '222222222222' } });
    const local = {
      name: 'LogArchive',
      account: '222222222222',
      doc: {
        Resources: {
          ...archive(ARN_222, 'arn:aws:cloudtrail:*:222222222222:trail/*'),
          Trail: trail({ KMSKeyId: { Ref: 'Alias' } }),
        },
      },
    };
    const findings = dep(judgeStacks([local], { zone: delegated }), GRANTS_RULE);
    expect(findings).toEqual([
      expect.objectContaining({
        status: 'fail',
        resource: 'Key',
        message: expect.stringContaining(
          "statement 'AllowCloudTrailEncrypt' of the key policy of 'Key' grants cloudtrail.amazonaws.com under StringLike kms:encryptioncontext:aws:cloudtrail:arn arn:aws:cloudtrail:*:222222222222:trail/*, which never matches the ARN of trail 'Trail' arn:aws:cloudtrail:eu-west-3:111111111111:trail/org-trail (an organization trail created by the delegated administrator is owned by the management account)",
        ),
      }),
      expect.objectContaining({
        status: 'fail',
        resource: 'Policy',
        message: expect.stringContaining(`statement 'CloudTrailWrite' of the policy of bucket '${BUCKET}'`),
      }),
    ]);
  });

  test('a grant naming another region fails', () => {
    const r = judgeStacks([trailStack('111111111111'), logArchive(ARN_111.replace('eu-west-3', 'eu-south-2'))], {
      zone: zone(),
    });
    expect(dep(r, GRANTS_RULE).map((f) => [f.resource, f.status])).toEqual([
      ['Key', 'fail'],
      ['Policy', 'fail'],
    ]);
  });

  test('statements about another trail are not judged', () => {
    const other = `arn:aws:cloudtrail:eu-west-3:222222222222:trail/another-trail`;
    const r = judgeStacks([trailStack('111111111111'), logArchive(other)], { zone: zone() });
    expect(dep(r, GRANTS_RULE)).toEqual([]);
  });

  test('a grant whose ARN holds a policy variable cannot be proven', () => {
    const variable = 'arn:aws:cloudtrail:eu-west-3:${!aws:PrincipalAccount}:trail/*';
    const r = judgeStacks([trailStack('111111111111'), logArchive(ARN_111, variable)], { zone: zone() });
    expect(dep(r, GRANTS_RULE)).toEqual([
      expect.objectContaining({
        status: 'cannot-prove',
        resource: 'Key',
        message: expect.stringContaining('cannot be proven'),
      }),
    ]);
  });

  test('a bucket given by an import cannot be proven', () => {
    const imported = trailStack('111111111111', { S3BucketName: { 'Fn::ImportValue': 'archive-bucket' } });
    expect(dep(judgeStacks([imported], { zone: zone() }), GRANTS_RULE)).toEqual([
      expect.objectContaining({
        status: 'cannot-prove',
        resource: 'Trail',
        message: expect.stringContaining('its bucket is'),
      }),
    ]);
  });
});

test('DEP-3/trail-grants: a mismatch with a trail of unknown account cannot be proven', () => {
  const unknownAccount = { ...trailStack('111111111111'), account: null };
  const r = judgeStacks([unknownAccount, logArchive(ARN_111)], { zone: zone() });
  expect(dep(r, GRANTS_RULE).map((f) => f.status)).toEqual(['cannot-prove', 'cannot-prove']);
});

test("DEP-3/trail-grants: in the trail's own stack, ${AWS::AccountId} is the trail's account, even unknown", () => {
  const own = `arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/${NAME}`;
  const local: TestStack = {
    name: 'Audit',
    account: null,
    doc: {
      Resources: {
        ...archive(own, 'arn:aws:cloudtrail:*:${AWS::AccountId}:trail/*'),
        Trail: trail({ IsOrganizationTrail: false, KMSKeyId: { Ref: 'Key' } }),
      },
    },
  };
  const r = judgeStacks([local]);
  expect(dep(r, GRANTS_RULE)).toEqual([]);
  expect(passes(r, GRANTS_RULE, 'Trail')).toBe(true);
});
