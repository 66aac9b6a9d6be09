import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogBucket } from '../../constructs/aws/access-log-bucket';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { nagErrors } from '../helpers/nag';

function stack(profile: 'morocco' | 'eu' = 'morocco') {
  return new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile, classification: 'internal' });
}

test('is SSE-S3, blocks public access, versioned, bucket-owner-enforced, retained and tagged as logs', () => {
  const s = stack();
  new AccessLogBucket(s, 'Logs');
  Template.fromStack(s).hasResource('AWS::S3::Bucket', {
    Properties: {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      ObjectLockEnabled: Match.absent(),
      Tags: Match.arrayWith([
        { Key: 'sovereign-lz.io/classification', Value: 'internal' },
        { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
        { Key: 'sovereign-lz.io/purpose', Value: 'logs' },
      ]),
    },
    DeletionPolicy: 'Retain',
  });
});

test('expires current and noncurrent logs after the profile minimum (365 days under morocco)', () => {
  const s = stack();
  const logs = new AccessLogBucket(s, 'Logs');
  expect(logs.retentionDays).toBe(365);
  Template.fromStack(s).hasResourceProperties('AWS::S3::Bucket', {
    LifecycleConfiguration: {
      Rules: [Match.objectLike({ ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 365 } })],
    },
  });
});

test('expires logs after 180 days under eu, or after a longer retentionDays', () => {
  const s = stack('eu');
  new AccessLogBucket(s, 'Logs');
  new AccessLogBucket(s, 'Longer', { retentionDays: 400 });
  const t = Template.fromStack(s);
  t.hasResourceProperties('AWS::S3::Bucket', {
    LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 180 })] },
    Tags: Match.arrayWith([{ Key: 'sovereign-lz.io/jurisdiction', Value: 'eu' }]),
  });
  t.hasResourceProperties('AWS::S3::Bucket', {
    LifecycleConfiguration: {
      Rules: [Match.objectLike({ ExpirationInDays: 400, NoncurrentVersionExpiration: { NoncurrentDays: 400 } })],
    },
  });
});

test('denies requests without TLS or below TLS 1.2', () => {
  const s = stack();
  new AccessLogBucket(s, 'Logs');
  Template.fromStack(s).hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    },
  });
});

test('accepts log delivery through its bucket policy, never an ACL, even from a bucket outside it', () => {
  const s = stack();
  const logs = new AccessLogBucket(s, 'Logs');
  new s3.Bucket(s, 'Source', { serverAccessLogsBucket: logs.bucket, serverAccessLogsPrefix: 'source/' });
  const t = Template.fromStack(s);
  t.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: Match.stringLikeRegexp('^Logs') },
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': Match.anyValue() } }),
        }),
      ]),
    },
  });
  const [bucket] = Object.entries(t.findResources('AWS::S3::Bucket'))
    .filter(([logicalId]) => logicalId.startsWith('Logs'))
    .map(([, resource]) => resource);
  expect(bucket.Properties.AccessControl).toBeUndefined();
  expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
});

test('fails if the retention is below the profile minimum (LOG-2)', () => {
  expect(() => new AccessLogBucket(stack(), 'Logs', { retentionDays: 90 })).toThrow(
    /\[S\/Logs\] LOG-2: retentionDays 90 is below the minimum of 365 days under profile 'morocco' \(L05-20 Art\. 26; RQC 3\.8\.6\)/,
  );
});

test('fails if the retention is not a positive integer', () => {
  expect(() => new AccessLogBucket(stack(), 'Logs', { retentionDays: 400.5 })).toThrow(
    /\[S\/Logs\] PROPS: retentionDays 400\.5 must be an integer of at least 1/,
  );
});

test('a LOG-2 suppression allows a shorter retention and is written into the metadata', () => {
  const s = stack();
  new AccessLogBucket(s, 'Logs', {
    retentionDays: 90,
    suppressions: [{ id: 'LOG-2', reason: 'DGSSI exception 2026-12 for a test account' }],
  });
  Template.fromStack(s).hasResource('AWS::S3::Bucket', {
    Properties: { LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90 })] } },
    Metadata: { 'sovereign-lz': { suppressions: [{ id: 'LOG-2', reason: Match.anyValue() }] } },
  });
});

test('has no cdk-nag error in its default configuration', () => {
  const s = stack();
  new AccessLogBucket(s, 'Logs');
  expect(nagErrors(s)).toEqual([]);
});
