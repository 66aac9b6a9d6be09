import { judge, KEY, on, passed, template } from '../helpers/judge';

const S3 = 'ENC-1/s3-bucket-cmk';
const kmsBucket = (key: unknown) => ({
  Type: 'AWS::S3::Bucket',
  Properties: {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key } },
      ],
    },
  },
});

test('a bucket encrypted with a key of the template passes', () => {
  expect(passed(judge(template({ ...KEY, B: kmsBucket({ 'Fn::GetAtt': ['Key', 'Arn'] }) })), S3, 'B')).toBe(true);
});

test('fails if an internal bucket has no encryption configuration (SSE-S3, a provider key)', () => {
  const [f] = on(judge(template({ B: { Type: 'AWS::S3::Bucket' } })), S3, 'B');
  expect(f).toEqual(expect.objectContaining({ control: 'ENC-1', status: 'fail', severity: 'error' }));
  expect(f.message).toContain("level 'internal' needs a customer-managed key");
});

test('fails if the bucket names the AWS managed key alias/aws/s3', () => {
  expect(on(judge(template({ B: kmsBucket('alias/aws/s3') })), S3, 'B')[0].status).toBe('fail');
});

test('a public bucket may use SSE-S3', () => {
  expect(passed(judge(template({ B: { Type: 'AWS::S3::Bucket' } }), { stackLevel: 'public' }), S3, 'B')).toBe(true);
});

test('a key given by a parameter cannot be proven to be the customer’s', () => {
  const r = judge(template({ B: kmsBucket({ Ref: 'KeyArn' }) }, { Parameters: { KeyArn: { Type: 'String' } } }));
  expect(on(r, S3, 'B')[0]).toEqual(
    expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining("parameter 'KeyArn'") }),
  );
});

test('the server access log destination keeps SSE-S3 under a built-in exception, reported as suppressed', () => {
  const r = judge(
    template({
      ...KEY,
      Logs: { Type: 'AWS::S3::Bucket' },
      Data: {
        ...kmsBucket({ Ref: 'Key' }),
        Properties: {
          ...kmsBucket({ Ref: 'Key' }).Properties,
          LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } },
        },
      },
    }),
  );
  expect(on(r, S3, 'Logs')).toEqual([
    expect.objectContaining({
      suppressed: true,
      justification: expect.stringContaining('built-in exception: S3 server access logs'),
    }),
  ]);
  expect(r.summary.errors).toBe(r.findings.filter((f) => !f.suppressed && f.severity === 'error').length);
});

test.each([
  ['AWS::EC2::Volume', 'ENC-1/ebs-volume-cmk', { Encrypted: true, KmsKeyId: { Ref: 'Key' } }, { Encrypted: false }],
  ['AWS::RDS::DBInstance', 'ENC-1/rds-cmk', { StorageEncrypted: 'true', KmsKeyId: { Ref: 'Key' } }, {}],
  [
    'AWS::RDS::DBCluster',
    'ENC-1/rds-cmk',
    { StorageEncrypted: true, KmsKeyId: { Ref: 'Key' } },
    { StorageEncrypted: true },
  ],
  ['AWS::EFS::FileSystem', 'ENC-1/efs-cmk', { Encrypted: true, KmsKeyId: { Ref: 'Key' } }, { Encrypted: true }],
  [
    'AWS::DynamoDB::Table',
    'ENC-1/dynamodb-cmk',
    { SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { Ref: 'Key' } } },
    {},
  ],
  ['AWS::SQS::Queue', 'ENC-1/sqs-cmk', { KmsMasterKeyId: { Ref: 'Key' } }, { SqsManagedSseEnabled: true }],
  ['AWS::SNS::Topic', 'ENC-1/sns-cmk', { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }, {}],
  ['AWS::Logs::LogGroup', 'ENC-1/log-group-cmk', { KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }, {}],
  ['AWS::Backup::BackupVault', 'ENC-1/backup-vault-cmk', { EncryptionKeyArn: { 'Fn::GetAtt': ['Key', 'Arn'] } }, {}],
])('%s: a customer key passes, its absence fails', (type, rule, good, bad) => {
  expect(passed(judge(template({ ...KEY, R: { Type: type, Properties: good } })), rule, 'R')).toBe(true);
  expect(on(judge(template({ ...KEY, R: { Type: type, Properties: bad } })), rule, 'R')).toEqual([
    expect.objectContaining({ control: 'ENC-1', status: 'fail' }),
  ]);
});

test('an unencrypted EBS volume fails even for public data', () => {
  const [f] = on(
    judge(template({ V: { Type: 'AWS::EC2::Volume' } }), { stackLevel: 'public' }),
    'ENC-1/ebs-volume-cmk',
    'V',
  );
  expect(f.message).toContain('not encrypted at rest');
});
