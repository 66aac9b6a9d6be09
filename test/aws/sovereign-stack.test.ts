import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EncryptedLogGroup } from '../../constructs/aws/encrypted-log-group';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { Sovereignty } from '../../constructs/aws/sovereignty';
import { extendProfile, morocco } from '../../constructs/core';

test('tags every resource with its classification and jurisdiction', () => {
  const stack = new SovereignStack(new App(), 'S', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  new EncryptedLogGroup(stack, 'Logs');
  const template = Template.fromStack(stack);
  for (const type of ['AWS::KMS::Key', 'AWS::Logs::LogGroup']) {
    template.hasResourceProperties(type, {
      Tags: [
        { Key: 'sovereign-lz.io/classification', Value: 'internal' },
        { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
      ],
    });
  }
  expect(stack.tags.tagValues()).toEqual({
    'sovereign-lz.io/classification': 'internal',
    'sovereign-lz.io/jurisdiction': 'morocco',
  });
});

test('fails if sensitive data is placed in an AWS region under morocco, citing L05-20 Art. 11', () => {
  expect(
    () =>
      new SovereignStack(new App(), 'Records', {
        env: { region: 'eu-west-3' },
        profile: 'morocco',
        classification: 'sensitive',
      }),
  ).toThrow(
    "[Records] RES-1: level 'sensitive' may not be hosted in AWS region 'eu-west-3' (FR) under profile 'morocco' " +
      '(Moroccan territory only (in-country sites); keys known only to the customer; allowed cloud regions: none) ' +
      '(L05-20 Art. 11; RQC 3.15.2). Place it on an in-country site (a Kubernetes cluster on national territory)',
  );
});

test('fails if an internal stack is in a region outside the allowlist', () => {
  expect(
    () =>
      new SovereignStack(new App(), 'S', {
        env: { region: 'us-east-1' },
        profile: 'morocco',
        classification: 'internal',
      }),
  ).toThrow(/\[S\] RES-1: level 'internal' may not be hosted in AWS region 'us-east-1' \(US\)/);
});

test('fails if a restricted level is in an environment-agnostic stack', () => {
  expect(() => new SovereignStack(new App(), 'S', { profile: 'morocco', classification: 'internal' })).toThrow(
    /\[S\] RES-1: the stack is environment-agnostic|\[S\] RES-1: stack 'S' is environment-agnostic/,
  );
});

test('public data may live in an environment-agnostic stack', () => {
  const stack = new SovereignStack(new App(), 'S', { profile: 'morocco', classification: 'public' });
  expect(stack.classification).toBe('public');
});

test('fails if the classification or the profile is unknown, listing both problems', () => {
  expect(
    () =>
      new SovereignStack(new App(), 'S', {
        env: { region: 'eu-west-3' },
        profile: 'atlantis',
        classification: 'confidential' as never,
      }),
  ).toThrow(
    /\[S\] 2 problems:\n {2}- PROPS: unknown profile 'atlantis'.*\n {2}- CLS-1: unknown classification 'confidential'/,
  );
});

test('a derived profile with its own allowlist decides the region', () => {
  const narrow = extendProfile(morocco, {
    id: 'morocco-narrow',
    levels: { internal: { cloudRegions: ['eu-south-2'] } },
  });
  expect(
    () =>
      new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile: narrow, classification: 'internal' }),
  ).toThrow(/allowed cloud regions: eu-south-2/);
  const ok = new SovereignStack(new App(), 'T', {
    env: { region: 'eu-south-2' },
    profile: narrow,
    classification: 'internal',
  });
  expect(ok.profile.id).toBe('morocco-narrow');
});

test('constructs in a plain stack inherit profile and classification from Sovereignty.set', () => {
  const app = new App();
  Sovereignty.set(app, { profile: 'eu' });
  const stack = new Stack(app, 'Plain', { env: { region: 'eu-north-1' } });
  Sovereignty.set(stack, { classification: 'personal' });
  const logs = new EncryptedLogGroup(stack, 'Logs');
  expect(logs.profile.id).toBe('eu');
  expect(logs.classification).toBe('personal');
  expect(logs.retentionDays).toBe(180);
});

test('fails if no classification is given or inherited', () => {
  const stack = new Stack(new App(), 'Plain', { env: { region: 'eu-west-3' } });
  expect(() => new EncryptedLogGroup(stack, 'Logs', { profile: 'morocco' })).toThrow(
    /\[Plain\/Logs\] CLS-1: no classification\. Pass `classification`/,
  );
});
