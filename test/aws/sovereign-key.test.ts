import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SovereignKey } from '../../constructs/aws/sovereign-key';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { eu, extendProfile } from '../../constructs/core';
import { nagErrors } from '../helpers/nag';

function stack(
  profile: 'morocco' | 'eu' | ReturnType<typeof extendProfile> = 'morocco',
  classification = 'internal' as const,
) {
  return new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile, classification });
}

test('creates a single-region key rotating within the profile maximum, retained, with the deletion window', () => {
  const s = stack();
  new SovereignKey(s, 'Key', { alias: 'records' });
  const t = Template.fromStack(s);
  t.hasResource('AWS::KMS::Key', {
    Properties: {
      EnableKeyRotation: true,
      RotationPeriodInDays: 365,
      PendingWindowInDays: 30,
      MultiRegion: false,
    },
    DeletionPolicy: 'Retain',
  });
  t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/records' });
});

test('its key policy names the account and no wildcard principal', () => {
  const s = stack();
  new SovereignKey(s, 'Key');
  const key = Object.values(Template.fromStack(s).findResources('AWS::KMS::Key'))[0];
  for (const statement of key.Properties.KeyPolicy.Statement) {
    expect(statement.Principal).not.toBe('*');
    expect(statement.Principal.AWS).not.toBe('*');
  }
});

test('allowService and allowCloudWatchLogs are scoped to this account, the region named by AWS::Region', () => {
  const s = stack();
  const key = new SovereignKey(s, 'Key');
  key.allowService('delivery.logs.amazonaws.com');
  key.allowCloudWatchLogs();
  Template.fromStack(s).hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
        Match.objectLike({
          // A pseudo parameter, not the stack's region: the same template serves every region a StackSet uses.
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Condition: { ArnLike: Match.anyValue() },
        }),
      ]),
    },
  });
});

test('fails if the rotation period exceeds the profile maximum or the deletion window is too short', () => {
  expect(() => new SovereignKey(stack(), 'Key', { rotationPeriodDays: 400, pendingWindowDays: 7 })).toThrow(
    /\[S\/Key\] 2 problems:\n {2}- KEY-2: rotationPeriodDays 400 must be an integer from 90 to 365 .*RQC 3\.6\.3.*\n {2}- KEY-3: pendingWindowDays 7 must be an integer from 30/,
  );
});

test('fails if a customer-exclusive level gets a key created by CloudFormation (KEY-1)', () => {
  const s = new SovereignStack(new App(), 'S', {
    env: { region: 'eu-west-3' },
    profile: 'eu',
    classification: 'sensitive',
  });
  expect(() => new SovereignKey(s, 'Key')).toThrow(
    /\[S\/Key\] KEY-1: level 'sensitive' needs keys known only to the customer/,
  );
});

test('wraps an allowlisted external key for a customer-exclusive level, creating no key', () => {
  const arn = 'arn:aws:kms:eu-west-3:111111111111:key/0b7e8c1d-1111-2222-3333-444455556666';
  const profile = extendProfile(eu, { id: 'eu-xks', allowlists: { externalKeyArns: [arn] } });
  const s = new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile, classification: 'sensitive' });
  const key = new SovereignKey(s, 'Key', { externalKeyArn: arn });
  expect(key.external).toBe(true);
  expect(key.keyArn).toBe(arn);
  Template.fromStack(s).resourceCountIs('AWS::KMS::Key', 0);
});

test('fails if the external key is not on the allowlist', () => {
  expect(
    () => new SovereignKey(stack(), 'Key', { externalKeyArn: 'arn:aws:kms:eu-west-3:222222222222:key/abc' }),
  ).toThrow(/\[S\/Key\] KEY-1: externalKeyArn .* is not on the profile's allowlists\.externalKeyArns/);
});

test('a suppression waives KEY-1 with its reason written into the metadata', () => {
  const s = new SovereignStack(new App(), 'S', {
    env: { region: 'eu-west-3' },
    profile: 'eu',
    classification: 'sensitive',
  });
  new SovereignKey(s, 'Key', {
    suppressions: [
      { id: 'KEY-1', reason: 'XKS migration planned; ANSSI exception ref 2026-17', expires: '2027-03-31' },
    ],
  });
  Template.fromStack(s).hasResource('AWS::KMS::Key', {
    Metadata: {
      'sovereign-lz': {
        suppressions: [
          { id: 'KEY-1', reason: 'XKS migration planned; ANSSI exception ref 2026-17', expires: '2027-03-31' },
        ],
      },
    },
  });
});

test('fails if a suppression has no real reason', () => {
  expect(() => new SovereignKey(stack(), 'Key', { suppressions: [{ id: 'KEY-2', reason: 'n/a' }] })).toThrow(
    /\[S\/Key\] PROPS: suppressions\[0\]\.reason must say why: at least 10 letters or digits/,
  );
});

test('cdk-nag finds no error', () => {
  const s = stack();
  new SovereignKey(s, 'Key');
  expect(nagErrors(s)).toEqual([]);
});
