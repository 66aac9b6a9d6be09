import { App, Stack, Stage, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputs } from '../../constructs/compliance/read/read-inputs';
import { checkPaths } from '../../constructs/compliance/check';
import { serializeProfile, eu } from '../../constructs/core';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slz-readers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const YAML = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String }
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: 'true'
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-data'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key.Arn
      Tags:
        - Key: sovereign-lz.io/classification
          Value: !If [IsProd, internal, internal]
  Group:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Env
      KmsKeyId: !Join ['', [!GetAtt Key.Arn]]
`;

describe('CloudFormation templates', () => {
  test('YAML short-form tags are read as their long forms and resolved', () => {
    const file = write('app.yaml', YAML);
    const input = readInputs([file], { cwd: dir, region: 'eu-west-3', classification: 'internal' });
    const [t] = input.templates;
    expect(t.file).toBe('app.yaml');
    expect(t.format).toBe('cloudformation-yaml');
    expect(t.byId.get('Bucket')?.classification).toEqual({ level: 'internal', origin: 'resource' });
    const result = checkPaths([file], { cwd: dir, region: 'eu-west-3', classification: 'internal' });
    expect(result.passes.some((p) => p.rule === 'ENC-1/s3-bucket-cmk' && p.resource === 'Bucket')).toBe(true);
    expect(result.findings.find((f) => f.rule === 'LOG-2/log-group-retention')).toEqual(
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining("parameter 'Env'") }),
    );
  });

  test.each([
    ['broken.json', '{"Resources": {', /^broken\.json:1:\d+: not valid JSON/],
    ['broken.yaml', 'Resources:\n  A: [\n', /^broken\.yaml:\d+:\d+: not valid YAML/],
    ['notype.json', '{"Resources": {"A": {"Properties": {}}}}', /^notype\.json: resource 'A' has no Type$/],
    [
      'props.json',
      '{"Resources": {"A": {"Type": "AWS::SQS::Queue", "Properties": []}}}',
      /Properties must be an object/,
    ],
    ['other.json', '{"name": "x"}', /^other\.json: not a CloudFormation template/],
  ])('fails with one line naming the file on malformed input (%s)', (name, text, expected) => {
    const file = write(name, text);
    expect(() => readInputs([file], { cwd: dir })).toThrow(expected);
  });

  test('a .template file holding JSON is read as JSON; a resource whose condition is false is not created', () => {
    const file = write(
      'app.template',
      JSON.stringify({
        Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
        Resources: { Q: { Type: 'AWS::SQS::Queue' }, Skipped: { Type: 'AWS::SQS::Queue', Condition: 'Never' } },
      }),
    );
    const [t] = readInputs([file], { cwd: dir }).templates;
    expect(t.format).toBe('cloudformation-json');
    expect(t.resources.map((r) => r.id)).toEqual(['Q']);
  });

  test('a missing path, an empty directory, an unsupported file named explicitly are input errors', () => {
    expect(() => readInputs(['nope.json'], { cwd: dir })).toThrow(/^nope\.json: no such file or directory$/);
    mkdirSync(join(dir, 'empty'));
    expect(() => readInputs(['empty'], { cwd: dir })).toThrow(/nothing to check/);
    const other = write('values.yaml', 'replicaCount: 2\n');
    expect(() => readInputs([other], { cwd: dir })).toThrow(
      /^values\.yaml: not a CloudFormation template \(no Resources\), Terraform JSON, Kubernetes manifest nor cloud assembly$/,
    );
  });

  test('a directory walk reads every template and manifest, and passes over other files', () => {
    write('walk/a.template.json', JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));
    write('walk/sub/b.yml', 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');
    write('walk/package.json', '{"name": "not a template"}');
    write('walk/k8s/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n');
    const input = readInputs(['walk'], { cwd: dir });
    expect(input.templates.map((t) => t.file)).toEqual(['walk/a.template.json', 'walk/sub/b.yml', 'walk/k8s/ns.yaml']);
    expect(input.skipped).toEqual([]);
  });
});

describe('cloud assemblies', () => {
  let assembly: string;
  beforeAll(() => {
    assembly = join(dir, 'cdk.out');
    const app = new App({ outdir: assembly, builtinCloudFormationValidation: false });
    const placed = new Stack(app, 'Placed', { env: { account: '111111111111', region: 'eu-west-3' } });
    Tags.of(placed).add('sovereign-lz.io/classification', 'internal');
    new s3.Bucket(placed, 'Data');
    const agnostic = new Stack(app, 'Agnostic');
    new s3.Bucket(agnostic, 'Data');
    const stage = new Stage(app, 'Prod', { env: { region: 'eu-south-2' } });
    new s3.Bucket(new Stack(stage, 'Inner'), 'Data');
    app.synth();
  });

  test("each stack's account and region come from the manifest; nested assemblies are followed", () => {
    const input = readInputs([assembly], { cwd: dir });
    const stacks = input.templates.map((t) => [
      t.stack.name,
      t.stack.account,
      t.stack.region,
      t.stack.environmentAgnostic,
    ]);
    expect(stacks).toEqual(
      expect.arrayContaining([
        ['Placed', '111111111111', 'eu-west-3', false],
        ['Agnostic', undefined, undefined, true],
        [expect.stringContaining('Inner'), undefined, 'eu-south-2', false],
      ]),
    );
  });

  test("construct paths come from the assembly's metadata; the stack's tags are read from the manifest", () => {
    const placed = readInputs([join(assembly, 'manifest.json')], { cwd: dir }).templates.find(
      (t) => t.stack.name === 'Placed',
    )!;
    const bucket = placed.resources.find((r) => r.type === 'AWS::S3::Bucket')!;
    expect(bucket.path).toBe('Placed/Data/Resource');
    expect(bucket.file).toBe('cdk.out/Placed.template.json');
    expect(placed.stack.tags).toEqual({ 'sovereign-lz.io/classification': 'internal' });
    expect(bucket.classification).toEqual({ level: 'internal', origin: 'resource' });
  });

  test("a template whose resources carry aws:cdk:path (as the CDK CLI writes it) is read without its stack's metadata file", () => {
    const withPaths = join(dir, 'cdk.out-with-paths');
    const app = new App({
      outdir: withPaths,
      builtinCloudFormationValidation: false,
      context: { 'aws:cdk:enable-path-metadata': true },
    });
    new s3.Bucket(new Stack(app, 'Placed', { env: { region: 'eu-west-3' } }), 'Data');
    app.synth();
    const manifest = JSON.parse(readFileSync(join(withPaths, 'manifest.json'), 'utf8'));
    // A broken metadata file: reading it would fail the check.
    const metadataFile = manifest.artifacts.Placed.additionalMetadataFile as string;
    expect(metadataFile).toBe('Placed.metadata.json');
    writeFileSync(join(withPaths, metadataFile), '{ not json');
    const [placed] = readInputs([withPaths], { cwd: dir }).templates;
    expect(placed.resources.find((r) => r.type === 'AWS::S3::Bucket')!.path).toBe('Placed/Data/Resource');
  });

  test('an environment-agnostic stack cannot prove residency; --region is an assumption reported as info', () => {
    const plain = checkPaths([assembly], { cwd: dir, classification: 'internal' });
    const agnostic = plain.findings.filter((f) => f.rule === 'RES-1/stack-region' && f.file.includes('Agnostic'));
    expect(agnostic[0]).toEqual(
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('environment-agnostic') }),
    );
    const assumed = checkPaths([assembly], { cwd: dir, classification: 'internal', region: 'eu-west-3' });
    expect(assumed.findings.filter((f) => f.rule === 'RES-1/region-assumed').map((f) => f.file)).toEqual([
      'cdk.out/Agnostic.template.json',
    ]);
  });

  test("a synth output's profile.json is the default profile; --profile overrides it", () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'profile.json'), serializeProfile(eu));
    const aws = join(out, 'aws');
    const app = new App({ outdir: aws, builtinCloudFormationValidation: false });
    new s3.Bucket(new Stack(app, 'S', { env: { region: 'eu-west-3' } }), 'B');
    app.synth();
    expect(checkPaths(['out'], { cwd: dir }).profile).toBe('eu');
    expect(checkPaths(['out'], { cwd: dir, profile: 'morocco' }).profile).toBe('morocco');
  });
});
