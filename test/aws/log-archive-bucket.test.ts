import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { LogArchiveBucket } from '../../constructs/aws/log-archive-bucket';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { nagErrors } from '../helpers/nag';

function stack(profile: 'morocco' | 'eu' = 'morocco') {
  return new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile, classification: 'internal' });
}

/** The log archive's own bucket (not its access log bucket). */
function archiveBucket(t: Template) {
  const buckets = t.findResources('AWS::S3::Bucket', { Properties: { ObjectLockEnabled: true } });
  expect(Object.keys(buckets)).toHaveLength(1);
  return Object.values(buckets)[0];
}

test('is SSE-KMS with its own key, Object Lock in COMPLIANCE mode for 365 days under morocco, hardened, tagged', () => {
  const s = stack();
  const archive = new LogArchiveBucket(s, 'Archive');
  const t = Template.fromStack(s);
  expect(archive.retentionDays).toBe(365);
  expect(archive.sovereignKey).toBeDefined();
  const keyId = Object.keys(t.findResources('AWS::KMS::Key'))[0];
  t.hasResource('AWS::S3::Bucket', {
    Properties: {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: false,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
          },
        ],
      },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } },
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^ArchiveAccessLogs') },
        LogFilePrefix: 'S/Archive/',
      },
      Tags: Match.arrayWith([
        { Key: 'sovereign-lz.io/classification', Value: 'internal' },
        { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
        { Key: 'sovereign-lz.io/purpose', Value: 'logs' },
      ]),
    },
    DeletionPolicy: 'Retain',
  });
});

test('locks logs 180 days under eu and lets them live forever by default', () => {
  const s = stack('eu');
  new LogArchiveBucket(s, 'Archive');
  const bucket = archiveBucket(Template.fromStack(s));
  expect(bucket.Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Days: 180 });
  for (const rule of bucket.Properties.LifecycleConfiguration.Rules) {
    expect(rule.ExpirationInDays).toBeUndefined();
    expect(rule.NoncurrentVersionExpiration).toBeUndefined();
  }
});

test('expires current and noncurrent logs after expirationDays', () => {
  const s = stack();
  new LogArchiveBucket(s, 'Archive', { retentionDays: 400, expirationDays: 731 });
  const bucket = archiveBucket(Template.fromStack(s));
  expect(bucket.Properties.ObjectLockConfiguration.Rule.DefaultRetention.Days).toBe(400);
  expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
    expect.objectContaining({ ExpirationInDays: 731, NoncurrentVersionExpiration: { NoncurrentDays: 731 } }),
  ]);
});

test('denies requests without TLS or below TLS 1.2 (ENC-2)', () => {
  const s = stack();
  new LogArchiveBucket(s, 'Archive');
  Template.fromStack(s).hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: Match.stringLikeRegexp('^Archive(?!AccessLogs)') },
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    },
  });
});

test("its key lets CloudTrail encrypt only for this account's trails and describe it, and lets log delivery use it", () => {
  const s = stack();
  new LogArchiveBucket(s, 'Archive');
  const account = { Ref: 'AWS::AccountId' };
  Template.fromStack(s).hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([
        {
          Sid: 'AllowCloudTrailEncrypt',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceAccount': account },
            StringLike: {
              'kms:EncryptionContext:aws:cloudtrail:arn': {
                'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:*:', account, ':trail/*']],
              },
            },
          },
        },
        {
          Sid: 'AllowCloudTrailDescribeKey',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:DescribeKey',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        },
        Match.objectLike({
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: Match.arrayWith(['kms:GenerateDataKey*']),
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        }),
      ]),
    },
  });
});

test('uses a given key, creating none', () => {
  const s = stack();
  const key = kms.Key.fromKeyArn(
    s,
    'Given',
    'arn:aws:kms:eu-west-3:111111111111:key/0b7e8c1d-1111-2222-3333-444455556666',
  );
  const archive = new LogArchiveBucket(s, 'Archive', { encryptionKey: key });
  expect(archive.sovereignKey).toBeUndefined();
  expect(archive.encryptionKey).toBe(key);
  Template.fromStack(s).resourceCountIs('AWS::KMS::Key', 0);
});

test('fails if the Object Lock retention is below the profile minimum (LOG-2)', () => {
  expect(() => new LogArchiveBucket(stack('eu'), 'Archive', { retentionDays: 90 })).toThrow(
    /\[S\/Archive\] LOG-2: retentionDays 90 \(Object Lock retention\) is below the minimum of 180 days under profile 'eu' \(SecNumCloud 12\.6\)/,
  );
});

test('fails if the expiration is below the profile minimum (LOG-2)', () => {
  expect(() => new LogArchiveBucket(stack(), 'Archive', { expirationDays: 30 })).toThrow(
    /\[S\/Archive\] LOG-2: expirationDays 30 is below the minimum of 365 days under profile 'morocco' \(L05-20 Art\. 26; RQC 3\.8\.6\)/,
  );
});

test('fails if the expiration is below the Object Lock retention', () => {
  expect(() => new LogArchiveBucket(stack(), 'Archive', { retentionDays: 731, expirationDays: 400 })).toThrow(
    /\[S\/Archive\] PROPS: expirationDays 400 is below retentionDays 731/,
  );
});

test('fails if the retention or the expiration is not a positive integer', () => {
  expect(() => new LogArchiveBucket(stack(), 'Archive', { retentionDays: 0, expirationDays: 365.5 })).toThrow(
    /\[S\/Archive\] 2 problems:\n {2}- PROPS: retentionDays 0 must be an integer of at least 1\n {2}- PROPS: expirationDays 365\.5 must be an integer/,
  );
});

test('a LOG-2 suppression allows a shorter lock and is written into the metadata', () => {
  const s = stack();
  new LogArchiveBucket(s, 'Archive', {
    retentionDays: 30,
    suppressions: [{ id: 'LOG-2', reason: 'sandbox account, DGSSI exception 2026-04', expires: '2027-01-01' }],
  });
  const bucket = archiveBucket(Template.fromStack(s));
  expect(bucket.Properties.ObjectLockConfiguration.Rule.DefaultRetention.Days).toBe(30);
  expect(bucket.Metadata['sovereign-lz'].suppressions).toEqual([
    { id: 'LOG-2', reason: 'sandbox account, DGSSI exception 2026-04', expires: '2027-01-01' },
  ]);
});

test('has no cdk-nag error in its default configuration', () => {
  const s = stack();
  new LogArchiveBucket(s, 'Archive');
  expect(nagErrors(s)).toEqual([]);
});
