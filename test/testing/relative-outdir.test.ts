import { App as AwsApp } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { App as CdktfApp, TerraformStack } from 'cdktf';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedBucket } from '../../constructs/aws/encrypted-bucket';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { morocco } from '../../constructs/core';
import { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { checkApp, findingsOf } from '../../constructs/testing';
import '../../constructs/testing/jest';
import { PROFILE } from '../compliance/helpers/kubernetes';
import { smallLandingZone } from '../kubernetes/helpers';

// An app whose outdir is relative — cdktf's default `cdktf.out`, `new App({ outdir: 'cdk.out' })`
// — is written under the working directory, as both frameworks do; the helpers read it there.

let cwd: string;
let work: string;
beforeAll(() => {
  cwd = process.cwd();
  work = realpathSync(mkdtempSync(join(tmpdir(), 'slz-relative-outdir-')));
  process.chdir(work);
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(work, { recursive: true, force: true });
});

describe('aws-cdk-lib, App({ outdir: <relative> })', () => {
  function app(outdir: string, withRawBucket: boolean): AwsApp {
    const a = new AwsApp({ outdir });
    const stack = new SovereignStack(a, 'Records', {
      env: { region: 'eu-west-3' },
      profile: morocco,
      classification: 'internal',
    });
    new EncryptedBucket(stack, 'Documents');
    if (withRawBucket) new s3.Bucket(stack, 'Raw');
    return a;
  }

  test('a compliant app is judged from the outdir under the working directory', () => {
    const lawful = app('cdk.out', false);
    expect(lawful.outdir).toBe('cdk.out');
    const result = checkApp(lawful, { profile: 'morocco' });
    expect(result.summary.errors).toBe(0);
    expect(result.summary.resources).toBeGreaterThan(0);
    expect(lawful).toBeCompliant('morocco');
  });

  test('a raw unencrypted bucket is caught, its file named relative to the outdir', () => {
    const enc = findingsOf(app('raw/cdk.out', true), { profile: 'morocco', control: 'ENC-1' });
    expect(enc.map((f) => [f.rule, f.file, f.path])).toEqual([
      ['ENC-1/s3-bucket-cmk', 'Records.template.json', 'Records/Raw/Resource'],
    ]);
    expect(app('raw2/cdk.out', true)).not.toBeCompliant('morocco');
  });
});

describe("cdktf, App() with its default outdir 'cdktf.out'", () => {
  function app(encrypted: boolean, outdir?: string): CdktfApp {
    const a = new CdktfApp(outdir === undefined ? {} : { outdir });
    const cluster = new SovereignCluster(new TerraformStack(a, 'casablanca'), 'Cluster', {
      profile: PROFILE,
      site: 'ma-casablanca-1',
      kubeconfigContext: 'casablanca',
    });
    const { storage } = smallLandingZone(cluster);
    if (!encrypted) storage.resource.addOverride('parameters.encrypted', 'false');
    return a;
  }

  test('a compliant app is judged from cdktf.out under the working directory', () => {
    const lawful = app(true);
    expect(lawful.outdir).toBe('cdktf.out');
    expect(lawful).toBeCompliant(PROFILE);
    expect(
      checkApp(lawful, { profile: PROFILE }).findings.filter((f) => f.control === 'ENC-1' && f.status === 'fail'),
    ).toEqual([]);
  });

  test('an unencrypted storage class is caught, its file named relative to the outdir', () => {
    const enc = findingsOf(app(false, 'plain.out'), { profile: PROFILE, control: 'ENC-1' });
    expect(enc.map((f) => f.rule)).toContain('ENC-1/storage-class-encryption');
    expect(new Set(enc.map((f) => f.file))).toEqual(new Set(['stacks/casablanca/cdk.tf.json']));
  });
});
