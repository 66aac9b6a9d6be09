import { extendProfile, morocco } from '../../../constructs/core';
import { judge, on, passed, template } from '../helpers/judge';

const key = (props: Record<string, unknown>) => template({ K: { Type: 'AWS::KMS::Key', Properties: props } });

describe('KEY-2', () => {
  const RULE = 'KEY-2/kms-rotation';
  test('a key with rotation every 365 days passes', () => {
    expect(passed(judge(key({ EnableKeyRotation: 'true', RotationPeriodInDays: '365' })), RULE, 'K')).toBe(true);
  });
  test('fails if the key does not rotate', () => {
    expect(on(judge(key({})), RULE, 'K')).toEqual([
      expect.objectContaining({
        control: 'KEY-2',
        status: 'fail',
        message: expect.stringContaining('rotation is off'),
      }),
    ]);
  });
  test('fails if the rotation period exceeds the profile maximum', () => {
    expect(on(judge(key({ EnableKeyRotation: true, RotationPeriodInDays: 730 })), RULE, 'K')[0].message).toContain(
      '730 days',
    );
  });
  test('a key with imported material is exempt, reported as info', () => {
    expect(on(judge(key({ Origin: 'EXTERNAL' })), RULE, 'K')).toEqual([expect.objectContaining({ severity: 'info' })]);
  });
});

describe('KEY-3', () => {
  const RULE = 'KEY-3/kms-policy-principals';
  const policy = (statement: Record<string, unknown>) =>
    key({ EnableKeyRotation: true, KeyPolicy: { Version: '2012-10-17', Statement: [statement] } });
  const own = {
    Effect: 'Allow',
    Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
    Action: 'kms:*',
    Resource: '*',
  };

  test("a policy granting the key's own account passes, even when the account is unknown", () => {
    expect(passed(judge(policy(own)), RULE, 'K')).toBe(true);
    expect(passed(judge(policy(own), { account: '111111111111' }), RULE, 'K')).toBe(true);
  });
  test('fails if a statement allows * without a condition', () => {
    expect(on(judge(policy({ ...own, Principal: '*' })), RULE, 'K')[0].message).toContain(
      'principal * without a condition',
    );
    expect(
      passed(
        judge(policy({ ...own, Principal: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111111111111' } } })),
        RULE,
        'K',
      ),
    ).toBe(true);
  });
  test('fails if a statement grants a foreign account; an account the profile declares is not foreign', () => {
    const foreign = policy({ ...own, Principal: { AWS: 'arn:aws:iam::999999999999:root' } });
    expect(on(judge(foreign, { account: '111111111111' }), RULE, 'K')[0]).toEqual(
      expect.objectContaining({ status: 'fail', message: expect.stringContaining('foreign account 999999999999') }),
    );
    const declared = extendProfile(morocco, { accountIds: ['999999999999'] });
    expect(passed(judge(foreign, { account: '111111111111', profile: declared }), RULE, 'K')).toBe(true);
    expect(on(judge(foreign), RULE, 'K')[0].status).toBe('cannot-prove');
  });
  test('fails if the deletion window is shorter than the profile minimum', () => {
    expect(on(judge(key({ PendingWindowInDays: 7 })), 'KEY-3/kms-deletion-window', 'K')[0].message).toContain('7 days');
    expect(passed(judge(key({ PendingWindowInDays: '30' })), 'KEY-3/kms-deletion-window', 'K')).toBe(true);
  });
});

describe('KEY-1', () => {
  const RULE = 'KEY-1/external-key';
  const xks = 'arn:aws:kms:eu-west-3:111111111111:key/xks-1';
  const queue = (keyId: unknown) => template({ Q: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: keyId } } });
  test('sensitive data encrypted with an allowlisted external key passes', () => {
    const profile = extendProfile(morocco, { allowlists: { externalKeyArns: [xks] } });
    expect(passed(judge(queue(xks), { stackLevel: 'sensitive', profile }), RULE, 'Q')).toBe(true);
  });
  test('fails if sensitive data uses a KMS key of the template', () => {
    const doc = template({
      K: { Type: 'AWS::KMS::Key' },
      Q: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: { Ref: 'K' } } },
    });
    expect(on(judge(doc, { stackLevel: 'sensitive' }), RULE, 'Q')[0].message).toContain('known to AWS');
  });
  test('internal data needs no external key', () => {
    expect(on(judge(queue(undefined)), RULE, 'Q')).toEqual([]);
  });
  test('the access-log destination of a sensitive bucket is the built-in exception, reported as suppressed', () => {
    const profile = extendProfile(morocco, { allowlists: { externalKeyArns: [xks] } });
    const doc = template({
      Logs: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
        },
      },
      Data: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: xks } },
            ],
          },
          LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } },
        },
      },
    });
    const result = judge(doc, { stackLevel: 'sensitive', profile });
    expect(passed(result, RULE, 'Data')).toBe(true);
    expect(on(result, RULE, 'Logs')).toEqual([
      expect.objectContaining({
        status: 'fail',
        suppressed: true,
        justification: expect.stringContaining("access logs (of 'Data')"),
      }),
    ]);
  });
});
