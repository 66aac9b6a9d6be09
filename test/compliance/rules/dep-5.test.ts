import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../../constructs/compliance/check';
import { readInputs } from '../../../constructs/compliance/read/read-inputs';
import { dep, judgeStacks, passes, type TestStack } from '../fixtures/dep/judge';

const RULE = 'DEP-5/cross-stack-references';
const FIXTURE = join(__dirname, '..', 'fixtures', 'dep', 'synth-output');
const cwd = join(__dirname, '..', 'fixtures', 'dep');

describe('the readers give what the DEP rules read', () => {
  const input = readInputs([FIXTURE], { cwd });
  const byName = new Map(input.templates.map((t) => [t.stack.name, t]));

  test("a synth output's landing-zone.json is read beside its artifacts", () => {
    expect(input.zoneFile).toBe('synth-output/landing-zone.json');
    expect(input.zone?.organization?.managementAccount).toBe('111111111111');
    expect(input.zone?.organization?.delegatedAdministrators).toEqual({ 'cloudtrail.amazonaws.com': '222222222222' });
    expect(input.zone?.prerequisites.map((p) => p.name)).toEqual(['schedules.velero.io']);
  });

  test('a cloud-assembly stack has its roles, dependencies and deployment facts', () => {
    const consumer = byName.get('Consumer')!;
    expect(consumer.stack).toEqual(
      expect.objectContaining({
        artifactId: 'Consumer',
        assembly: 'synth-output/aws/manifest.json',
        dependencies: ['Producer'],
        cloudFormationExecutionRoleArn: 'arn:${AWS::Partition}:iam::666666666666:role/SovereignLzDeployment',
        assumeRoleArn: 'arn:${AWS::Partition}:iam::666666666666:role/cdk-hnb659fds-deploy-role-666666666666-eu-west-3',
      }),
    );
    expect(consumer.deployment?.imports).toEqual([
      { resource: 'Sub', path: 'Properties.Endpoint', name: 'Producer:queue-arn' },
    ]);
    expect(byName.get('Producer')!.deployment).toEqual(
      expect.objectContaining({
        exports: [{ output: 'QueueArn', name: 'Producer:queue-arn' }],
        resourceCount: 1,
        outputCount: 1,
      }),
    );
    expect(byName.get('Unordered')!.stack.dependencies).toEqual([]);
  });

  test('a landing-zone.json of another schema version is refused, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slz-dep-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      writeFileSync(join(dir, 'landing-zone.json'), JSON.stringify({ schemaVersion: 2, organization: null }));
      expect(() => readInputs([dir], { cwd: dir })).toThrow(
        expect.objectContaining({
          code: 'INPUT_INVALID',
          message: expect.stringMatching(/^landing-zone\.json: not a landing-zone summary: schemaVersion 2 is not 3/),
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('DEP-5/cross-stack-references', () => {
  const result = checkPaths([FIXTURE], { cwd, profile: 'morocco', today: '2026-11-22' });
  const findings = dep(result, RULE);

  test('an import of an export of the same account and region, from a stack it depends on, passes', () => {
    expect(findings.filter((f) => f.file === 'synth-output/aws/Consumer.template.json')).toEqual([]);
    expect(result.passes.some((p) => p.rule === RULE && p.file === 'synth-output/aws/Consumer.template.json')).toBe(
      true,
    );
  });

  test('fails an import from a stack it does not depend on (manifest.json dependencies)', () => {
    expect(findings.filter((f) => f.file === 'synth-output/aws/Unordered.template.json')).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'error',
        resource: 'Sub',
        message: expect.stringContaining(
          "Properties.Endpoint imports 'Producer:queue-arn' is written by stack 'Producer' (account 666666666666, eu-west-3), but this stack does not depend on it",
        ),
        source: 'AWS CloudFormation Template Reference: Fn::ImportValue',
      }),
    ]);
  });

  test('fails an import of an export of another region', () => {
    expect(findings.filter((f) => f.file === 'synth-output/aws/Abroad.template.json')).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: expect.stringContaining('reads the exports of its own account and region only'),
      }),
    ]);
  });
});

const importer = (name: string, exportName: unknown, where: Partial<TestStack> = {}): TestStack => ({
  name,
  doc: {
    Resources: {
      Q: {
        Type: 'AWS::SQS::Queue',
        Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::ImportValue': exportName } } },
      },
    },
  },
  ...where,
});

test('an import no template of the input exports cannot be proven: it may exist already', () => {
  expect(dep(judgeStacks([importer('A', 'shared-dlq')]), RULE)).toEqual([
    expect.objectContaining({
      status: 'cannot-prove',
      severity: 'warning',
      message: expect.stringContaining('which no template of the input exports'),
    }),
  ]);
});

test('export names are unique in an account and region', () => {
  const exporter = (name: string): TestStack => ({
    name,
    doc: {
      Resources: { Q: { Type: 'AWS::SQS::Queue' } },
      Outputs: { Arn: { Value: 'x', Export: { Name: 'shared' } } },
    },
  });
  expect(dep(judgeStacks([exporter('A'), exporter('B')]), RULE)).toEqual([
    expect.objectContaining({ status: 'fail', message: expect.stringContaining("exports 'shared', which stack 'A'") }),
  ]);
});

describe("the CDK's cross-region references", () => {
  const writer = (account = '666666666666'): TestStack => ({
    name: 'Producer',
    account,
    region: 'eu-south-2',
    doc: {
      Resources: {
        Writer: {
          Type: 'Custom::CrossRegionExportWriter',
          Properties: {
            ServiceToken: 'arn:aws:lambda:eu-south-2:666666666666:function:w',
            WriterProps: { region: 'eu-west-3', exports: { '/cdk/exports/Consumer/queue': 'arn:q' } },
          },
        },
      },
    },
  });
  const reader = (dependencies: string[]): TestStack => ({
    name: 'Consumer',
    doc: {
      Resources: {
        Reader: {
          Type: 'Custom::CrossRegionExportReader',
          Properties: {
            ServiceToken: 'arn:aws:lambda:eu-west-3:666666666666:function:r',
            ReaderProps: {
              region: 'eu-west-3',
              prefix: 'Consumer',
              imports: { '/cdk/exports/Consumer/queue': '{{resolve:ssm:/cdk/exports/Consumer/queue}}' },
            },
          },
        },
      },
    },
    stack: { dependencies },
  });

  test('a reader of a parameter the writer of a stack it depends on writes into its region passes', () => {
    const r = judgeStacks([writer(), reader(['Producer'])]);
    expect(dep(r, RULE)).toEqual([]);
    expect(passes(r, RULE, 'Reader')).toBe(true);
  });

  test('fails a reader whose writer is not a dependency, or in another account', () => {
    expect(dep(judgeStacks([writer(), reader([])]), RULE)).toEqual([
      expect.objectContaining({ status: 'fail', message: expect.stringContaining('this stack does not depend on it') }),
    ]);
    expect(dep(judgeStacks([writer('555555555555'), reader(['Producer'])]), RULE)).toEqual([
      expect.objectContaining({ status: 'fail', message: expect.stringContaining('hold within one account') }),
    ]);
  });
});
