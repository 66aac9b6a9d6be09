import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditTrail } from '../../constructs/aws/audit-trail';
import { LogArchiveBucket } from '../../constructs/aws/log-archive-bucket';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { nagErrors } from '../helpers/nag';

function stack(profile: 'morocco' | 'eu' = 'morocco') {
  return new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile, classification: 'internal' });
}

function logicalId(t: Template, type: string, prefix: string): string {
  const ids = Object.keys(t.findResources(type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0];
}

test('is a logging, multi-region trail with global events, file validation and all management events', () => {
  const s = stack();
  new AuditTrail(s, 'Trail');
  Template.fromStack(s).hasResourceProperties('AWS::CloudTrail::Trail', {
    IsLogging: true,
    IsMultiRegionTrail: true,
    IncludeGlobalServiceEvents: true,
    EnableLogFileValidation: true,
    IsOrganizationTrail: false,
    EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }],
    Tags: Match.arrayWith([
      { Key: 'sovereign-lz.io/classification', Value: 'internal' },
      { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
    ]),
  });
});

test("delivers to a new log archive, encrypted with the archive's key, and to an encrypted log group kept 365 days", () => {
  const s = stack();
  const trail = new AuditTrail(s, 'Trail');
  const t = Template.fromStack(s);
  expect(trail.logArchive).toBeDefined();
  const bucket = logicalId(t, 'AWS::S3::Bucket', 'TrailBucket7');
  const archiveKey = logicalId(t, 'AWS::KMS::Key', 'TrailBucketKey');
  const logGroup = logicalId(t, 'AWS::Logs::LogGroup', 'TrailLogGroup');
  t.hasResourceProperties('AWS::CloudTrail::Trail', {
    S3BucketName: { Ref: bucket },
    KMSKeyId: { 'Fn::GetAtt': [archiveKey, 'Arn'] },
    CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [logGroup, 'Arn'] },
    CloudWatchLogsRoleArn: Match.anyValue(),
  });
  t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
  t.hasResourceProperties('AWS::S3::Bucket', {
    ObjectLockConfiguration: {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } },
    },
  });
  t.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: bucket },
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl' }),
        Match.objectLike({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject' }),
      ]),
    },
  });
});

test('keeps 180 days under eu', () => {
  const s = stack('eu');
  new AuditTrail(s, 'Trail');
  const t = Template.fromStack(s);
  t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 180 });
  t.hasResourceProperties('AWS::S3::Bucket', {
    ObjectLockConfiguration: {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 180 } },
    },
  });
  t.hasResourceProperties('AWS::CloudTrail::Trail', {
    Tags: Match.arrayWith([{ Key: 'sovereign-lz.io/jurisdiction', Value: 'eu' }]),
  });
});

test("its CloudWatch Logs role may only write this trail's log group, and only CloudTrail may assume it", () => {
  const s = stack();
  new AuditTrail(s, 'Trail');
  const t = Template.fromStack(s);
  const logGroup = logicalId(t, 'AWS::Logs::LogGroup', 'TrailLogGroup');
  t.hasResourceProperties('AWS::IAM::Role', {
    AssumeRolePolicyDocument: {
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' } }],
    },
  });
  const policies = Object.values(t.findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(1);
  expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
    {
      Effect: 'Allow',
      Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
      Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
    },
  ]);
});

test('uses a given log archive and its key, creating no other bucket or trail key', () => {
  const s = stack();
  const archive = new LogArchiveBucket(s, 'Archive');
  const trail = new AuditTrail(s, 'Trail', { bucket: archive });
  expect(trail.logArchive).toBe(archive);
  expect(trail.encryptionKey).toBe(archive.encryptionKey);
  const t = Template.fromStack(s);
  t.resourceCountIs('AWS::S3::Bucket', 2); // the archive and its access log bucket
  t.resourceCountIs('AWS::KMS::Key', 2); // the archive's and the log group's
  t.hasResourceProperties('AWS::CloudTrail::Trail', {
    S3BucketName: { Ref: logicalId(t, 'AWS::S3::Bucket', 'ArchiveEFD') },
  });
});

test('with an imported bucket, encrypts with a new key that allows CloudTrail', () => {
  const s = stack();
  const bucket = s3.Bucket.fromBucketAttributes(s, 'Central', { bucketName: 'org-log-archive', region: 'eu-west-3' });
  const trail = new AuditTrail(s, 'Trail', { bucket });
  expect(trail.logArchive).toBeUndefined();
  const t = Template.fromStack(s);
  t.resourceCountIs('AWS::S3::Bucket', 0);
  t.hasResourceProperties('AWS::CloudTrail::Trail', {
    S3BucketName: 'org-log-archive',
    KMSKeyId: { 'Fn::GetAtt': [logicalId(t, 'AWS::KMS::Key', 'TrailKey'), 'Arn'] },
  });
  t.hasResourceProperties('AWS::KMS::Key', {
    Description: 'sovereign-lz key for trail S/Trail',
    KeyPolicy: {
      Statement: Match.arrayWith([
        Match.objectLike({ Sid: 'AllowCloudTrailEncrypt', Principal: { Service: 'cloudtrail.amazonaws.com' } }),
        Match.objectLike({ Sid: 'AllowCloudTrailDescribeKey', Action: 'kms:DescribeKey' }),
      ]),
    },
  });
});

test('records S3 data events of the given buckets (LOG-4) without duplicating management events', () => {
  const s = stack();
  const data = s3.Bucket.fromBucketName(s, 'Data', 'records-bucket');
  new AuditTrail(s, 'Trail', { dataEventBuckets: [data] });
  Template.fromStack(s).hasResourceProperties('AWS::CloudTrail::Trail', {
    EventSelectors: [
      { IncludeManagementEvents: true, ReadWriteType: 'All' },
      {
        DataResources: [
          {
            Type: 'AWS::S3::Object',
            Values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::records-bucket/']] }],
          },
        ],
        IncludeManagementEvents: false,
        ReadWriteType: 'All',
      },
    ],
  });
});

test("is an organization trail whose bucket policy admits the organization's accounts", () => {
  const s = stack();
  new AuditTrail(s, 'Trail', { isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5', trailName: 'org-trail' });
  const t = Template.fromStack(s);
  t.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: true, TrailName: 'org-trail' });
  t.hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Action: 's3:PutObject',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Resource: { 'Fn::Join': ['', [Match.anyValue(), '/AWSLogs/o-a1b2c3d4e5/*']] },
        }),
      ]),
    },
  });
});

test('fails if an organization trail has no organizationId or trailName', () => {
  expect(() => new AuditTrail(stack(), 'Trail', { isOrganizationTrail: true })).toThrow(
    /\[S\/Trail\] 2 problems:\n {2}- PROPS: an organization trail needs organizationId.*\n {2}- PROPS: an organization trail needs trailName/,
  );
});

test('fails if the organizationId is malformed', () => {
  expect(
    () => new AuditTrail(stack(), 'Trail', { isOrganizationTrail: true, organizationId: 'org-1', trailName: 'org' }),
  ).toThrow(/\[S\/Trail\] PROPS: organizationId 'org-1' is not an AWS Organizations id/);
});

test('fails if there are more data-event buckets than CloudTrail accepts', () => {
  const s = stack();
  const buckets = Array.from({ length: 251 }, (_, i) => s3.Bucket.fromBucketName(s, `B${i}`, `bucket-${i}`));
  expect(() => new AuditTrail(s, 'Trail', { dataEventBuckets: buckets })).toThrow(
    /\[S\/Trail\] PROPS: dataEventBuckets has 251 buckets; CloudTrail accepts at most 250/,
  );
});

test('fails if the bucket is in a region not allowed for the level (RES-3)', () => {
  const s = stack();
  const bucket = s3.Bucket.fromBucketAttributes(s, 'Far', { bucketName: 'far-log-archive', region: 'us-east-1' });
  expect(() => new AuditTrail(s, 'Trail', { bucket })).toThrow(
    /\[S\/Trail\] RES-3: the trail's logs would be delivered to AWS region 'us-east-1' \(US\): level 'internal' may not be hosted .*\(RQC 3\.15\.2\)/,
  );
});

test('fails if a bucket of the app has no Object Lock (LOG-1)', () => {
  const s = stack();
  const bucket = new s3.Bucket(s, 'Plain');
  expect(() => new AuditTrail(s, 'Trail', { bucket })).toThrow(
    /\[S\/Trail\] LOG-1: the bucket 'S\/Plain' has no Object Lock, so the trail's logs are not protected against tampering \(L05-20 Art\. 26; RQC 3\.8\.6; DNSSI\)/,
  );
});

test('has no cdk-nag error in its default configuration', () => {
  const s = stack();
  new AuditTrail(s, 'Trail');
  expect(nagErrors(s)).toEqual([]);
});
