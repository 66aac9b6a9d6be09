import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SovereignStack } from 'sovereign-lz/aws';
import { checkApp } from 'sovereign-lz/testing';
import { build, ZONE_FILE } from '../../examples/minimal/app';

const outdir = mkdtempSync(join(tmpdir(), 'slz-minimal-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const built = build({ awsOutdir: join(outdir, 'aws'), kubernetesOutdir: join(outdir, 'kubernetes') });

test('the declaration fits on one screen', () => {
  expect(readFileSync(ZONE_FILE, 'utf8').split('\n').length).toBeLessThan(25);
});

test('places its one internal workload in Paris, beside the log archive and the network', () => {
  const stacks = built.aws.node.children.filter((c): c is SovereignStack => 'classification' in c);
  expect(stacks.map((s) => [s.node.id, s.region, s.classification])).toEqual([
    ['LogArchive', 'eu-west-3', 'internal'],
    ['NetworkEuWest3', 'eu-west-3', 'internal'],
    ['Records', 'eu-west-3', 'internal'],
  ]);
  expect(built.kubernetes).toBeUndefined();
});

test('is lawful: no error, and the only warning names the guardrail an organization would add', () => {
  const result = checkApp(built.aws as never, { profile: 'morocco' });
  expect(result.summary.errors).toBe(0);
  expect(result.findings.filter((f) => !f.suppressed && f.severity === 'warning').map((f) => f.rule)).toEqual([
    'RES-4/region-deny-scp',
  ]);
});

test('its bucket is encrypted with its own key and blocks public access; its logs are kept a year', () => {
  const template = Template.fromStack(built.awsZone.workloads.get('records')!);
  template.hasResourceProperties('AWS::S3::Bucket', {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
    },
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
  });
  template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
});
