import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { checkApp } from '../../constructs/testing';
import { build } from '../../examples/minimal/app';

const outdir = mkdtempSync(join(tmpdir(), 'slz-minimal-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

test('the minimal example is lawful, and its warnings name what a full landing zone adds', () => {
  const { aws } = build({ awsOutdir: outdir, kubernetesOutdir: join(outdir, 'kubernetes') });
  const result = checkApp(aws as never, { profile: 'morocco' });
  expect(result.summary.errors).toBe(0);
  expect(result.findings.filter((f) => !f.suppressed && f.severity === 'warning').map((f) => f.rule)).toEqual([
    'LOG-1/trail-present',
    'RES-4/region-deny-scp',
    'BCK-1/backup-coverage',
  ]);
});

test('its bucket is encrypted with its own key and blocks public access', () => {
  const { aws } = build({ awsOutdir: join(outdir, 'again'), kubernetesOutdir: join(outdir, 'k') });
  const template = Template.fromJSON((aws as any).synth().getStackByName('Minimal').template);
  template.resourceCountIs('AWS::KMS::Key', 1);
  template.hasResourceProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
  });
});
