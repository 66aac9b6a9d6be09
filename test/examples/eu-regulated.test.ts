import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SovereignStack } from 'sovereign-lz/aws';
import { checkApp } from 'sovereign-lz/testing';
import { build } from '../../examples/eu-regulated/app';
import { euRegulatedProfile, XKS_KEY_ARN } from '../../examples/eu-regulated/profile';

const outdir = mkdtempSync(join(tmpdir(), 'slz-eu-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const { aws } = build({ awsOutdir: outdir, kubernetesOutdir: join(outdir, 'kubernetes') });
// Synthesize once: tags (an aspect) are applied at synthesis.
aws.synth();
const stacks = aws.node.children.filter((c): c is Stack => Stack.isStack(c));
const byName = (name: string) => Template.fromStack(stacks.find((s) => s.stackName === name)!);

test('places each level where the EU profile allows it', () => {
  expect(stacks.map((s) => [s.stackName, s.region, s.tags.tagValues()['sovereign-lz.io/classification']])).toEqual([
    ['Organization', 'eu-west-3', 'internal'],
    ['Audit', 'eu-west-3', 'internal'],
    ['Network', 'eu-central-1', 'personal'],
    ['Customers', 'eu-central-1', 'personal'],
    ['Payments', 'eu-west-3', 'sensitive'],
    ['Analytics', 'eu-north-1', 'internal'],
  ]);
});

test('sensitive payment data is encrypted with the allowlisted external key; no KMS key is created for it', () => {
  const payments = byName('Payments');
  payments.hasResourceProperties('AWS::S3::Bucket', {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: XKS_KEY_ARN } },
      ],
    },
  });
  payments.resourceCountIs('AWS::KMS::Key', 0);
});

test('logs are kept 180 days (SecNumCloud 12.6)', () => {
  byName('Customers').hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 180 });
});

test('is compliant under its profile, with no warning', () => {
  const result = checkApp(aws, { profile: euRegulatedProfile });
  expect(result.findings.filter((f) => !f.suppressed && f.severity !== 'info')).toEqual([]);
  expect(result.summary.passed).toBeGreaterThan(150);
});

test('fails if sensitive data is placed outside the EU (SecNumCloud 19.2)', () => {
  expect(
    () =>
      new SovereignStack(new App(), 'Payments', {
        env: { region: 'us-east-1' },
        profile: euRegulatedProfile,
        classification: 'sensitive',
      }),
  ).toThrow(
    /\[Payments\] RES-1: level 'sensitive' may not be hosted in AWS region 'us-east-1' \(US\).*SecNumCloud 19\.2/,
  );
});
