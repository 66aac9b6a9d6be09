// zone.test.ts
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EncryptedBucket, SovereignStack } from 'sovereign-lz/aws';
import { checkApp, findingsOf, sovereignSerializer } from 'sovereign-lz/testing';
import 'sovereign-lz/testing/jest';

// Snapshots with keys sorted, and asset hashes, versions and temporary paths masked.
expect.addSnapshotSerializer(sovereignSerializer);

/** The landing zone under test; `withRawBucket` adds an escape hatch that breaks ENC-1. */
function zone(withRawBucket = false) {
  const app = new App();
  const stack = new SovereignStack(app, 'Records', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  new EncryptedBucket(stack, 'Documents');
  if (withRawBucket) new s3.Bucket(stack, 'Raw');
  return { app, stack };
}

test('the zone is compliant under its profile', () => {
  expect(zone().app).toBeCompliant('morocco');
  expect(zone().app).toHaveNoFindingOf('ENC-1', 'morocco');
});

test('an escape hatch is caught, with the construct path of what breaks the rule', () => {
  expect(zone(true).app).not.toBeCompliant('morocco');
  const findings = findingsOf(zone(true).app, { profile: 'morocco', control: 'ENC-1' });
  expect(findings.map((f) => [f.rule, f.path])).toEqual([['ENC-1/s3-bucket-cmk', 'Records/Raw/Resource']]);
});

test('the whole report: no error, and the warnings a full landing zone answers', () => {
  const result = checkApp(zone().app, { profile: 'morocco' });
  expect(result.summary.errors).toBe(0);
  expect(result.findings.filter((f) => !f.suppressed && f.severity === 'warning').map((f) => f.rule)).toEqual([
    'LOG-1/trail-present',
    'RES-4/region-deny-scp',
    'BCK-1/backup-coverage',
  ]);
});

test('the stack: what matters asserted, the rest in a snapshot', () => {
  const template = Template.fromStack(zone().stack);
  template.hasResourceProperties('AWS::S3::Bucket', {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        Match.objectLike({
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
        }),
      ],
    },
  });
  expect(template.toJSON()).toMatchSnapshot();
});
