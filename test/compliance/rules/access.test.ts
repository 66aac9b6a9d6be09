import { judge, on, passed, template } from '../helpers/judge';

const BLOCK_ALL = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: 'true',
};

describe('ACC-1', () => {
  test('a bucket blocking all public access passes', () => {
    const r = judge(
      template({ B: { Type: 'AWS::S3::Bucket', Properties: { PublicAccessBlockConfiguration: BLOCK_ALL } } }),
    );
    expect(passed(r, 'ACC-1/s3-public-access-block', 'B')).toBe(true);
    expect(passed(r, 'ACC-1/s3-public-grant', 'B')).toBe(true);
  });
  test('fails if the block is missing or partial', () => {
    expect(on(judge(template({ B: { Type: 'AWS::S3::Bucket' } })), 'ACC-1/s3-public-access-block', 'B')[0].status).toBe(
      'fail',
    );
    const partial = { ...BLOCK_ALL, RestrictPublicBuckets: false };
    const r = judge(
      template({ B: { Type: 'AWS::S3::Bucket', Properties: { PublicAccessBlockConfiguration: partial } } }),
    );
    expect(on(r, 'ACC-1/s3-public-access-block', 'B')[0].message).toContain('RestrictPublicBuckets');
  });
  test('fails if a policy allows everyone without a condition, or the ACL is public', () => {
    const doc = template({
      B: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'PublicRead' } },
      P: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'B' },
          PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] },
        },
      },
    });
    expect(on(judge(doc), 'ACC-1/s3-public-grant', 'B').map((f) => f.message)).toEqual([
      expect.stringContaining('ACL is PublicRead'),
      expect.stringContaining('allows s3:GetObject to everyone'),
    ]);
  });
});

describe('IAM-1', () => {
  const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  test('a policy with named actions passes', () => {
    const doc = template({
      P: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'p',
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
        },
      },
    });
    expect(passed(judge(doc), 'IAM-1/admin-policy', 'P')).toBe(true);
  });
  test('fails if a policy or a role allows every action on every resource', () => {
    const doc = template({
      P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: admin } },
      R: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {},
          Policies: [{ PolicyName: 'all', PolicyDocument: admin }],
          ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' }],
        },
      },
    });
    const r = judge(doc);
    expect(on(r, 'IAM-1/admin-policy', 'P')[0].control).toBe('IAM-1');
    expect(on(r, 'IAM-1/admin-policy', 'R').map((f) => f.message)).toEqual([
      expect.stringContaining("inline policy 'all'"),
      expect.stringContaining('AdministratorAccess'),
    ]);
  });
  test('fails for an IAM user and its access key', () => {
    const r = judge(
      template({
        U: { Type: 'AWS::IAM::User' },
        K: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: { Ref: 'U' } } },
      }),
    );
    expect(on(r, 'IAM-1/iam-user', 'U')[0].status).toBe('fail');
    expect(on(r, 'IAM-1/iam-user', 'K')[0].status).toBe('fail');
  });
});
