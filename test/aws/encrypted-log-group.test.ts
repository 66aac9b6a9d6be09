import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EncryptedLogGroup } from '../../constructs/aws/encrypted-log-group';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { nagErrors } from '../helpers/nag';

function stack(profile: 'morocco' | 'eu' = 'morocco') {
  return new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile, classification: 'internal' });
}

test('keeps logs the profile minimum, encrypted with its own customer key, retained', () => {
  const s = stack();
  new EncryptedLogGroup(s, 'Logs');
  const t = Template.fromStack(s);
  const keyId = Object.keys(t.findResources('AWS::KMS::Key'))[0];
  t.hasResource('AWS::Logs::LogGroup', {
    Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    DeletionPolicy: 'Retain',
  });
});

test('under eu the minimum is 180 days', () => {
  const s = stack('eu');
  new EncryptedLogGroup(s, 'Logs');
  Template.fromStack(s).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 180 });
});

test('fails if the retention is below the profile minimum (LOG-2, L05-20 Art. 26)', () => {
  expect(() => new EncryptedLogGroup(stack(), 'Logs', { retentionDays: 30 })).toThrow(
    "[S/Logs] LOG-2: retentionDays 30 is below the minimum of 365 days under profile 'morocco' (L05-20 Art. 26; RQC 3.8.6). Use 365 or more",
  );
});

test('fails if the retention is not a value CloudWatch Logs accepts', () => {
  expect(() => new EncryptedLogGroup(stack(), 'Logs', { retentionDays: 500 })).toThrow(
    /\[S\/Logs\] PROPS: retentionDays 500 is not a value CloudWatch Logs accepts/,
  );
});

test('a justified suppression lowers the retention and shows in the metadata', () => {
  const s = stack();
  new EncryptedLogGroup(s, 'Logs', {
    retentionDays: 90,
    suppressions: [{ id: 'LOG-2', reason: 'debug logs only; security events go to the audit trail' }],
  });
  Template.fromStack(s).hasResource('AWS::Logs::LogGroup', {
    Properties: { RetentionInDays: 90 },
    Metadata: {
      'sovereign-lz': {
        suppressions: [{ id: 'LOG-2', reason: 'debug logs only; security events go to the audit trail' }],
      },
    },
  });
});

test('cdk-nag finds no error', () => {
  const s = stack();
  new EncryptedLogGroup(s, 'Logs');
  expect(nagErrors(s)).toEqual([]);
});
