import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EncryptedBucket } from '../../constructs/aws/encrypted-bucket';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import type { ClassificationLevel } from '../../constructs/core';
import { nagErrors } from '../helpers/nag';

function stack(profile: 'morocco' | 'eu' = 'morocco', classification: ClassificationLevel = 'internal') {
  return new SovereignStack(new App(), 'S', {
    env: { account: '111111111111', region: 'eu-west-3' },
    profile,
    classification,
  });
}

/** A destination bucket imported with its region, and a customer key there for the replicas. */
function destination(s: Stack, region: string) {
  return {
    destination: s3.Bucket.fromBucketAttributes(s, `Dest-${region}`, { bucketName: `dest-${region}`, region }),
    kmsKey: kms.Key.fromKeyArn(
      s,
      `DestKey-${region}`,
      `arn:aws:kms:${region}:111111111111:key/0b7e8c1d-1111-2222-3333-444455556666`,
    ),
  };
}

test('is SSE-KMS with its own customer key and a bucket key, blocks public access, versioned, retained, tagged', () => {
  const s = stack();
  const records = new EncryptedBucket(s, 'Bucket');
  const t = Template.fromStack(s);
  const keys = t.findResources('AWS::KMS::Key');
  expect(Object.keys(keys)).toHaveLength(1);
  const keyId = Object.keys(keys)[0];
  expect(keys[keyId].Properties).toMatchObject({ EnableKeyRotation: true, MultiRegion: false });
  t.hasResource('AWS::S3::Bucket', {
    Properties: {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      ReplicationConfiguration: Match.absent(),
      Tags: Match.arrayWith([
        { Key: 'sovereign-lz.io/classification', Value: 'internal' },
        { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
      ]),
    },
    DeletionPolicy: 'Retain',
  });
  expect(records.encryptionKey.keyArn).toBeDefined();
});

test('is not tagged as a log bucket, but its access log bucket is', () => {
  const s = stack();
  new EncryptedBucket(s, 'Bucket');
  const buckets = Template.fromStack(s).findResources('AWS::S3::Bucket');
  const purpose = (id: string) =>
    (buckets[id].Properties.Tags as { Key: string; Value: string }[]).find(
      (tag) => tag.Key === 'sovereign-lz.io/purpose',
    );
  const ids = Object.keys(buckets);
  expect(purpose(ids.find((id) => id.startsWith('BucketAccessLogs'))!)).toEqual({
    Key: 'sovereign-lz.io/purpose',
    Value: 'logs',
  });
  expect(purpose(ids.find((id) => !id.startsWith('BucketAccessLogs'))!)).toBeUndefined();
});

test('logs access to a new access log bucket under its own prefix (LOG-4)', () => {
  const s = stack();
  new EncryptedBucket(s, 'Bucket');
  const t = Template.fromStack(s);
  t.hasResourceProperties('AWS::S3::Bucket', {
    LoggingConfiguration: {
      DestinationBucketName: { Ref: Match.stringLikeRegexp('^BucketAccessLogs') },
      LogFilePrefix: 'S/Bucket/',
    },
  });
  t.hasResourceProperties('AWS::S3::Bucket', {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    },
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
  });
});

test('denies requests without TLS or below TLS 1.2 (ENC-2)', () => {
  const s = stack();
  new EncryptedBucket(s, 'Bucket');
  Template.fromStack(s).hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: Match.stringLikeRegexp('^Bucket(?!AccessLogs)') },
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    },
  });
});

test('uses a given key and access log bucket, creating neither', () => {
  const s = stack();
  const key = new kms.Key(s, 'Given', { enableKeyRotation: true });
  const logs = s3.Bucket.fromBucketName(s, 'SharedLogs', 'shared-access-logs');
  new EncryptedBucket(s, 'Bucket', { encryptionKey: key, accessLogsBucket: logs, accessLogsPrefix: 'records/' });
  const t = Template.fromStack(s);
  t.resourceCountIs('AWS::KMS::Key', 1);
  t.resourceCountIs('AWS::S3::Bucket', 1);
  t.hasResourceProperties('AWS::S3::Bucket', {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ KMSMasterKeyID: Match.anyValue() }) }),
      ],
    },
    LoggingConfiguration: { DestinationBucketName: 'shared-access-logs', LogFilePrefix: 'records/' },
  });
});

test('keeps a customer key for public data too, and works under eu', () => {
  const s = stack('eu', 'public');
  new EncryptedBucket(s, 'Bucket');
  const t = Template.fromStack(s);
  t.resourceCountIs('AWS::KMS::Key', 1);
  t.hasResourceProperties('AWS::S3::Bucket', {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
      ],
    },
    Tags: Match.arrayWith([
      { Key: 'sovereign-lz.io/classification', Value: 'public' },
      { Key: 'sovereign-lz.io/jurisdiction', Value: 'eu' },
    ]),
  });
});

test('replicates to an allowed region with KMS-encrypted objects and a customer key for replicas', () => {
  const s = stack();
  new EncryptedBucket(s, 'Bucket', { replicationRules: [destination(s, 'eu-south-2')] });
  Template.fromStack(s).hasResourceProperties('AWS::S3::Bucket', {
    ReplicationConfiguration: {
      Role: Match.anyValue(),
      Rules: [
        Match.objectLike({
          Status: 'Enabled',
          Destination: Match.objectLike({
            EncryptionConfiguration: {
              ReplicaKmsKeyID: 'arn:aws:kms:eu-south-2:111111111111:key/0b7e8c1d-1111-2222-3333-444455556666',
            },
          }),
          SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
        }),
      ],
    },
  });
});

test('fails if a replication destination is in a region not allowed for the level (RES-2)', () => {
  const s = stack();
  expect(() => new EncryptedBucket(s, 'Bucket', { replicationRules: [destination(s, 'us-east-1')] })).toThrow(
    /\[S\/Bucket\] RES-2: replicationRules\[0\]: replicas would leave the allowed regions: level 'internal' may not be hosted in AWS region 'us-east-1' \(US\) .*\(DNSSI; D2-24-921\)/,
  );
});

test('fails if personal data would be replicated outside the EEA under eu (RES-2)', () => {
  const s = stack('eu', 'personal');
  expect(() => new EncryptedBucket(s, 'Bucket', { replicationRules: [destination(s, 'us-east-1')] })).toThrow(
    /\[S\/Bucket\] RES-2: .*level 'personal' may not be hosted in AWS region 'us-east-1' \(US\).*\(GDPR Chapter V\)/,
  );
});

test('fails if a replication destination region is unresolved (RES-2)', () => {
  const app = new App();
  const s = new SovereignStack(app, 'S', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  const agnostic = new s3.Bucket(new Stack(app, 'Elsewhere'), 'Dest');
  const kmsKey = kms.Key.fromKeyArn(
    s,
    'K',
    'arn:aws:kms:eu-west-1:111111111111:key/0b7e8c1d-1111-2222-3333-444455556666',
  );
  expect(() => new EncryptedBucket(s, 'Bucket', { replicationRules: [{ destination: agnostic, kmsKey }] })).toThrow(
    /\[S\/Bucket\] RES-2: replicationRules\[0\]: the destination bucket's region is unresolved/,
  );
});

test('fails if destinationRegion contradicts the destination bucket', () => {
  const s = stack();
  expect(
    () =>
      new EncryptedBucket(s, 'Bucket', {
        replicationRules: [{ ...destination(s, 'eu-south-2'), destinationRegion: 'eu-west-1' }],
      }),
  ).toThrow(
    /\[S\/Bucket\] PROPS: replicationRules\[0\]\.destinationRegion 'eu-west-1' differs from the destination bucket's region \('eu-south-2'\)/,
  );
});

test('fails if a replication rule has no customer key for the replicas (ENC-1)', () => {
  const s = stack();
  const { destination: dest } = destination(s, 'eu-west-1');
  expect(() => new EncryptedBucket(s, 'Bucket', { replicationRules: [{ destination: dest }] })).toThrow(
    /\[S\/Bucket\] ENC-1: replicationRules\[0\] has no kmsKey/,
  );
});

test('a RES-2 suppression allows a replica outside the allowed regions and is written into the metadata', () => {
  const s = stack();
  new EncryptedBucket(s, 'Bucket', {
    replicationRules: [destination(s, 'us-east-1')],
    suppressions: [{ id: 'RES-2', reason: 'recorded transfer approved by the DPO, ref 2026-17' }],
  });
  Template.fromStack(s).hasResource('AWS::S3::Bucket', {
    Properties: { ReplicationConfiguration: Match.anyValue() },
    Metadata: { 'sovereign-lz': { suppressions: [Match.objectLike({ id: 'RES-2' })] } },
  });
});

test('has no cdk-nag error in its default configuration', () => {
  const s = stack();
  new EncryptedBucket(s, 'Bucket');
  expect(nagErrors(s)).toEqual([]);
});
