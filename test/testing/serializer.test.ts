import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedLogGroup, SovereignStack } from 'sovereign-lz/aws';
import {
  createSnapshotSerializer,
  maskVolatile,
  sovereignSerializer,
  type SnapshotPrinter,
} from 'sovereign-lz/testing';

expect.addSnapshotSerializer(sovereignSerializer);

const HASH = 'f178182c7c3aac6ad18bdaae53a2d38f72b2cf690d17b9efa635c7ce37f77d71';
const OTHER_HASH = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const work = mkdtempSync(join(tmpdir(), 'slz-serializer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A small stack: a log group with its key, and a Lambda layer whose code is an asset of `content`. */
function stackWithAsset(content: string): Record<string, any> {
  const dir = join(work, `layer-${Buffer.from(content).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.js'), content);
  // Asset metadata, as `cdk synth` and `sovereign-lz synth` write it.
  const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new SovereignStack(app, 'Records', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  new EncryptedLogGroup(stack, 'AppLogs');
  new lambda.LayerVersion(stack, 'Layer', { code: lambda.Code.fromAsset(dir) });
  return Template.fromStack(stack).toJSON();
}

describe('masks what is volatile', () => {
  test('CDK asset hashes, wherever they stand, and keeps the structure around them', () => {
    expect(
      maskVolatile({
        S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-eu-west-3' },
        S3Key: `${HASH}.zip`,
        'aws:asset:path': `asset.${HASH}`,
        ImageUri: `111122223333.dkr.ecr.eu-west-3.amazonaws.com/cdk-hnb659fds-container-assets-111122223333-eu-west-3:${HASH}`,
        TemplateURL: { 'Fn::Join': ['', ['https://s3.eu-west-3.amazonaws.com/bucket/', `${HASH}.json`]] },
        Legacy: `AssetParameters${HASH}S3Bucket5E2A3F1B`,
      }),
    ).toEqual({
      'aws:asset:path': 'asset.<asset-hash>',
      ImageUri:
        '111122223333.dkr.ecr.eu-west-3.amazonaws.com/cdk-hnb659fds-container-assets-111122223333-eu-west-3:<asset-hash>',
      Legacy: 'AssetParameters<asset-hash>S3Bucket5E2A3F1B',
      S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-eu-west-3' },
      S3Key: '<asset-hash>.zip',
      TemplateURL: { 'Fn::Join': ['', ['https://s3.eu-west-3.amazonaws.com/bucket/', '<asset-hash>.json']] },
    });
  });

  test('asset hashes in keys, keeping two assets apart', () => {
    const masked = maskVolatile({ files: { [HASH]: { source: { path: `asset.${HASH}` } }, [OTHER_HASH]: {} } });
    expect(masked.files).toEqual({
      '<asset-hash>': {},
      '<asset-hash> (2)': { source: { path: 'asset.<asset-hash>' } },
    });
  });

  test('cdktf asset hashes', () => {
    expect(maskVolatile('assets/LambdaAsset/0123456789ABCDEF0123456789ABCDEF/archive.zip')).toBe(
      'assets/LambdaAsset/<asset-hash>/archive.zip',
    );
  });

  test("the CDK bootstrap check (parameter, rule, manifests' required version)", () => {
    const template = stackWithAsset('exports.a = 1;');
    expect(template.Parameters.BootstrapVersion.Default).toBe('/cdk-bootstrap/hnb659fds/version');
    const masked = maskVolatile(template);
    expect(masked.Parameters).toEqual({ BootstrapVersion: '<cdk-bootstrap>' });
    expect(masked.Rules).toEqual({ CheckBootstrapVersion: '<cdk-bootstrap>' });
    expect(maskVolatile({ properties: { requiresBootstrapStackVersion: 6 } })).toEqual({
      properties: { requiresBootstrapStackVersion: '<cdk-bootstrap>' },
    });
  });

  test("library and schema versions: cdktf's metadata and provider, the cloud assembly's, tree.json's", () => {
    const terraform = {
      '//': { metadata: { backend: 'local', stackName: 'casablanca', version: '0.21.0' }, outputs: {} },
      terraform: {
        backend: { local: { path: 'terraform.casablanca.tfstate' } },
        required_providers: { kubernetes: { source: 'kubernetes', version: '2.38.0' } },
      },
    };
    expect(maskVolatile(terraform)).toEqual({
      '//': { metadata: { backend: 'local', stackName: 'casablanca', version: '<version>' }, outputs: {} },
      terraform: {
        backend: { local: { path: 'terraform.casablanca.tfstate' } },
        required_providers: { kubernetes: { source: 'kubernetes', version: '<version>' } },
      },
    });
    expect(maskVolatile({ version: '55.0.0', artifacts: {} })).toEqual({ artifacts: {}, version: '<version>' });
    expect(maskVolatile({ version: '55.0.0', files: {}, dockerImages: {} }).version).toBe('<version>');
    expect(maskVolatile({ constructInfo: { fqn: 'aws-cdk-lib.Stack', version: '2.276.0' } })).toEqual({
      constructInfo: { fqn: 'aws-cdk-lib.Stack', version: '<version>' },
    });
  });

  test('temporary paths (with the directory mkdtemp names) and the project root', () => {
    const out = mkdtempSync(join(tmpdir(), 'slz-out-'));
    rmSync(out, { recursive: true });
    expect(maskVolatile({ file: join(out, 'aws', 'Records.template.json') })).toEqual({
      file: '<tmp>/aws/Records.template.json',
    });
    expect(maskVolatile(`cannot read /tmp/slz-x1Y2z3/plan.json: no such file`)).toBe(
      'cannot read <tmp>/plan.json: no such file',
    );
    expect(maskVolatile(`${process.cwd()}/out/compliance.json`)).toBe('<repo>/out/compliance.json');
    expect(maskVolatile('/srv/zone/out', { repo: '/srv/zone' })).toBe('<repo>/out');
    // A project inside the temporary directory is the project.
    expect(maskVolatile(join(work, 'zone', 'out'), { repo: join(work, 'zone') })).toBe('<repo>/out');
  });
});

describe('keeps what matters', () => {
  test('keys, regions, retention, key references, policy statements and tags of a synthesized stack', () => {
    const template = stackWithAsset('exports.a = 1;');
    const masked = maskVolatile(template);
    const { Parameters: _p, Rules: _r, ...rest } = template;
    const { Parameters: _mp, Rules: _mr, ...maskedRest } = masked;
    // Only the asset's hash differs.
    const layer = Object.keys(template.Resources).find(
      (id) => template.Resources[id].Type === 'AWS::Lambda::LayerVersion',
    )!;
    expect(JSON.stringify(maskedRest)).toBe(JSON.stringify(sortKeys(rest)).replace(/[0-9a-f]{64}/g, '<asset-hash>'));
    const group = Object.values(masked.Resources as Record<string, any>).find((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AppLogsKey/), 'Arn'] });
    const key = Object.values(masked.Resources as Record<string, any>).find((r) => r.Type === 'AWS::KMS::Key');
    expect(key.Properties.KeyPolicy.Statement.length).toBeGreaterThan(1);
    expect(key.Properties.KeyPolicy.Version).toBe('2012-10-17');
    expect(masked.Resources[layer].Properties.Content).toEqual({
      S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-eu-west-3' },
      S3Key: '<asset-hash>.zip',
    });
    expect(group.Properties.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'sovereign-lz.io/classification', Value: 'internal' },
        { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
      ]),
    );
  });

  test('image digests, versions that are data, and hex that is not an asset hash', () => {
    const value = {
      image: `registry.gov.ma/civil-registry@sha256:${HASH}`,
      labels: { version: '1.2.3' },
      PolicyDocument: { Version: '2012-10-17' },
      logicalId: 'AppLogsKey7F2A11C3',
      longer: `${HASH}0`,
      paths: ['/var/tmp/x', '/tmpfiles/x', 'relative/tmp/x'],
    };
    expect(maskVolatile(value)).toEqual(value);
  });
});

test('sorts keys at every depth and keeps the order of arrays', () => {
  const masked = maskVolatile({ b: { z: 1, a: [{ y: 1, x: 2 }, 3, 'c', 'a'] }, a: null });
  expect(JSON.stringify(masked)).toBe('{"a":null,"b":{"a":[{"x":2,"y":1},3,"c","a"],"z":1}}');
});

test('is idempotent', () => {
  const template = stackWithAsset('exports.a = 2;');
  const once = maskVolatile(template);
  expect(maskVolatile(once)).toEqual(once);
  expect(JSON.stringify(maskVolatile(once))).toBe(JSON.stringify(once));
  const print = (value: unknown) => serialize(sovereignSerializer, value);
  expect(print(once)).toBe(print(template));
});

test('leaves its input alone, and copes with shared and circular references', () => {
  const shared = { S3Key: `${HASH}.zip` };
  const cyclic: Record<string, unknown> = { a: shared, b: shared };
  cyclic.self = cyclic;
  const masked = maskVolatile(cyclic) as any;
  expect(shared.S3Key).toBe(`${HASH}.zip`);
  expect(masked.a).toBe(masked.b);
  expect(masked.self).toBe(masked);
  expect(masked.a.S3Key).toBe('<asset-hash>.zip');
});

test('as a serializer: takes plain objects, arrays and strings with a volatile value, not what it produced', () => {
  const serializer = createSnapshotSerializer({ repo: '/srv/zone' });
  expect(serializer.test({ a: 1 })).toBe(true);
  expect(serializer.test([1])).toBe(true);
  expect(serializer.test('/srv/zone/out')).toBe(true);
  expect(serializer.test('eu-west-3')).toBe(false);
  expect(serializer.test(new Date(0))).toBe(false);
  expect(serializer.test(42)).toBe(false);
  let printed: unknown;
  serializer.serialize({ b: '/srv/zone/out', a: 1 }, {}, '', 0, [], (value) => {
    printed = value;
    return '';
  });
  expect(JSON.stringify(printed)).toBe('{"a":1,"b":"<repo>/out"}');
  expect(serializer.test(printed)).toBe(false);
});

test('the snapshot of a small stack does not change when an asset hash changes', () => {
  const before = stackWithAsset('exports.handler = () => 1;');
  const after = stackWithAsset('exports.handler = () => 2;');
  expect(JSON.stringify(before)).not.toBe(JSON.stringify(after));
  expect(serialize(sovereignSerializer, after)).toBe(serialize(sovereignSerializer, before));
  expect(serialize(sovereignSerializer, after)).not.toMatch(/[0-9a-f]{64}/);
  expect(after).toMatchSnapshot();
});

/** A serializer's output with JSON as the printer: what jest would store, in a simpler format. */
function serialize(serializer: ReturnType<typeof createSnapshotSerializer>, value: unknown): string {
  const printer: SnapshotPrinter = (v) => JSON.stringify(v);
  return serializer.serialize(value, {}, '', 0, [], printer);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
