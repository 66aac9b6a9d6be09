import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResource } from './judge';

/** A validator of the OASIS SARIF 2.1.0 schema (draft-04), copied into test/fixtures. */
export function sarifValidator(): (log: unknown) => string[] {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

const TAGS = [{ Key: 'sovereign-lz.io/classification', Value: 'internal' }];

/** A template that obeys the `morocco` profile as far as one stack can (rotation, CMK, retention). */
export const COMPLIANT: Record<string, CfnResource> = {
  Key: {
    Type: 'AWS::KMS::Key',
    Metadata: { 'aws:cdk:path': 'S/Key/Resource' },
    Properties: { EnableKeyRotation: true, PendingWindowInDays: 30, Tags: TAGS },
  },
  Logs: {
    Type: 'AWS::Logs::LogGroup',
    Metadata: { 'aws:cdk:path': 'S/Logs/Resource' },
    Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] }, Tags: TAGS },
  },
};

/**
 * A template with the violations the reports must show: a key without rotation, an open SSH
 * security group, a bucket whose missing access logging is suppressed with a justification
 * holding a pipe and a newline, a log group of unknown retention (a parameter: cannot prove),
 * and a type no rule knows.
 */
export const VIOLATING: Record<string, CfnResource> = {
  Key: {
    Type: 'AWS::KMS::Key',
    Metadata: { 'aws:cdk:path': 'S/Key/Resource' },
    Properties: { EnableKeyRotation: false, PendingWindowInDays: 30 },
  },
  Open: {
    Type: 'AWS::EC2::SecurityGroup',
    Metadata: { 'aws:cdk:path': 'S/Open/Resource' },
    Properties: {
      GroupDescription: 'g',
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }],
    },
  },
  Data: {
    Type: 'AWS::S3::Bucket',
    Metadata: {
      'sovereign-lz': {
        suppressions: [{ id: 'LOG-4', reason: 'logged by the SIEM agent | see runbook\nsection 4' }],
      },
    },
    Properties: {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] },
            },
          },
        ],
      },
    },
  },
  Retention: {
    Type: 'AWS::Logs::LogGroup',
    Properties: { RetentionInDays: { Ref: 'Days' }, KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
  },
  Fn: { Type: 'AWS::AppMesh::Mesh' },
};

/** The parameters of {@link VIOLATING}. */
export const VIOLATING_EXTRA = { Parameters: { Days: { Type: 'Number' } } };
