import { App } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EncryptedBucket } from '../../constructs/aws/encrypted-bucket';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { morocco } from '../../constructs/core';
import { checkApp, findingsOf } from '../../constructs/testing';
import '../../constructs/testing/jest';

function app(withRawBucket: boolean): App {
  const a = new App();
  const stack = new SovereignStack(a, 'Records', {
    env: { region: 'eu-west-3' },
    profile: morocco,
    classification: 'internal',
  });
  new EncryptedBucket(stack, 'Documents');
  // An escape hatch: a raw, unencrypted bucket.
  if (withRawBucket) new s3.Bucket(stack, 'Raw');
  return a;
}

test('an app of sovereign constructs is compliant under its profile', () => {
  expect(app(false)).toBeCompliant('morocco');
  expect(app(false)).toHaveNoFindingOf('ENC-1', 'morocco');
});

test('a raw unencrypted bucket is caught, and the failure message names it', () => {
  const bad = app(true);
  expect(bad).not.toBeCompliant('morocco');
  expect(() => expect(app(true)).toBeCompliant('morocco')).toThrow(/ENC-1\/s3-bucket-cmk .*Records\/Raw\/Resource/);
  expect(() => expect(app(true)).toHaveNoFindingOf('ACC-1', 'morocco')).toThrow(/expected no finding of ACC-1/);
});

test('checkApp and findingsOf run the same engine as sovereign-lz check', () => {
  const result = checkApp(app(true), { profile: 'morocco' });
  expect(result.profile).toBe('morocco');
  expect(result.summary.errors).toBeGreaterThan(0);
  const enc = findingsOf(app(true), { profile: 'morocco', control: 'ENC-1' });
  expect(enc.map((f) => [f.rule, f.path])).toEqual([['ENC-1/s3-bucket-cmk', 'Records/Raw/Resource']]);
  expect(enc[0].file).toBe('Records.template.json');
});

test('the matchers refuse what is not an app', () => {
  expect(() => expect({}).toBeCompliant()).toThrow(/expects an aws-cdk-lib or cdktf App/);
});
