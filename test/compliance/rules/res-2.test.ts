import { judge, on, passed, template } from '../helpers/judge';

const replicated = (bucket: unknown) =>
  template({
    Src: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        ReplicationConfiguration: {
          Role: 'arn:aws:iam::1:role/r',
          Rules: [{ Status: 'Enabled', Destination: { Bucket: bucket } }],
        },
      },
    },
    Dst: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'dst-bucket' } },
  });

test('S3 replication to a bucket of the same template passes', () => {
  const r = judge(replicated({ 'Fn::GetAtt': ['Dst', 'Arn'] }));
  expect(passed(r, 'RES-2/s3-replication-region', 'Src')).toBe(true);
});

test('S3 replication to a bucket outside the input cannot be proven (S3 ARNs carry no region)', () => {
  const [f] = on(judge(replicated('arn:aws:s3:::somewhere-else')), 'RES-2/s3-replication-region', 'Src');
  expect(f).toEqual(
    expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('carry no region') }),
  );
});

test('fails if a backup copy goes to a disallowed region', () => {
  const plan = (arn: string) =>
    template({
      Plan: {
        Type: 'AWS::Backup::BackupPlan',
        Properties: {
          BackupPlan: {
            BackupPlanName: 'p',
            BackupPlanRule: [
              { RuleName: 'daily', TargetBackupVault: 'v', CopyActions: [{ DestinationBackupVaultArn: arn }] },
            ],
          },
        },
      },
    });
  const bad = on(
    judge(plan('arn:aws:backup:us-east-1:111111111111:backup-vault:dr')),
    'RES-2/backup-copy-region',
    'Plan',
  );
  expect(bad).toEqual([
    expect.objectContaining({ control: 'RES-2', status: 'fail', message: expect.stringContaining("'us-east-1'") }),
  ]);
  expect(
    passed(judge(plan('arn:aws:backup:eu-south-2:111111111111:backup-vault:dr')), 'RES-2/backup-copy-region', 'Plan'),
  ).toBe(true);
});

test('fails if a DynamoDB global table has a replica in a disallowed region', () => {
  const table = (regions: string[]) =>
    template({
      T: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { Replicas: regions.map((Region) => ({ Region })) } },
    });
  expect(passed(judge(table(['eu-west-3', 'eu-south-2'])), 'RES-2/dynamodb-replica-region', 'T')).toBe(true);
  expect(on(judge(table(['eu-west-3', 'ap-south-1'])), 'RES-2/dynamodb-replica-region', 'T')).toEqual([
    expect.objectContaining({ status: 'fail', message: expect.stringContaining('ap-south-1') }),
  ]);
});

test('fails if a KMS key is multi-region (given as the string "true")', () => {
  const key = (multi: unknown) => template({ K: { Type: 'AWS::KMS::Key', Properties: { MultiRegion: multi } } });
  expect(on(judge(key('true')), 'RES-2/kms-multi-region', 'K')[0].status).toBe('fail');
  expect(passed(judge(key(false)), 'RES-2/kms-multi-region', 'K')).toBe(true);
});
