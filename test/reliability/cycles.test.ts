import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import type { CheckResult } from '../../constructs/compliance/normalize/model';
import { cliAsync, errorLines, libraryError, pool, type CliRun } from './cli';

// Cycles and runaway structures: references that go round (through properties, Fn::Sub,
// conditions, mappings), YAML aliases that contain themselves or multiply, nesting without
// end, directories that link back to themselves. Each ends, quickly, in findings or in one
// clear line: never a hang, never a stack overflow.
const dir = mkdtempSync(join(tmpdir(), 'slz-cycles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), content);
}

const tagged = { Tags: [{ Key: 'sovereign-lz.io/classification', Value: 'internal' }] };

/** Templates that CloudFormation might refuse or not, but whose cycles the checker must survive and judge. */
const JUDGED: Record<string, unknown> = {
  // A → B → A through properties, and a key whose policy refers to the key itself.
  'references.json': {
    Resources: {
      A: {
        Type: 'AWS::S3::Bucket',
        Properties: { ...tagged, LoggingConfiguration: { DestinationBucketName: { Ref: 'B' } } },
      },
      B: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          ...tagged,
          BucketName: { 'Fn::GetAtt': ['A', 'Arn'] },
          LoggingConfiguration: { DestinationBucketName: { Ref: 'A' } },
        },
      },
      Key: {
        Type: 'AWS::KMS::Key',
        Properties: { ...tagged, EnableKeyRotation: true, KeyPolicy: { 'Fn::GetAtt': ['Key', 'Arn'] } },
      },
      // A queue whose key is an alias of the queue itself.
      Queue: { Type: 'AWS::SQS::Queue', Properties: { ...tagged, KmsMasterKeyId: { Ref: 'Alias' } } },
      Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/q', TargetKeyId: { Ref: 'Queue' } } },
    },
  },
  // A Fn::Sub that names its own resource.
  'sub.json': {
    Resources: {
      Topic: {
        Type: 'AWS::SNS::Topic',
        Properties: {
          ...tagged,
          TopicName: { 'Fn::Sub': '${Topic}-${Topic.TopicName}' },
          KmsMasterKeyId: { 'Fn::Sub': '${Topic.Arn}' },
        },
      },
    },
  },
  // Conditions that depend on each other, used by a resource and by a Fn::If.
  'conditions.json': {
    Conditions: {
      Prod: { Condition: 'NotStaging' },
      NotStaging: { 'Fn::Not': [{ Condition: 'Prod' }] },
      Self: { 'Fn::And': [{ Condition: 'Self' }, { Condition: 'Prod' }] },
    },
    Resources: {
      Key: { Type: 'AWS::KMS::Key', Properties: { ...tagged, EnableKeyRotation: true } },
      Queue: {
        Type: 'AWS::SQS::Queue',
        Condition: 'Prod',
        Properties: {
          ...tagged,
          KmsMasterKeyId: { 'Fn::If': ['Self', { 'Fn::GetAtt': ['Key', 'Arn'] }, 'alias/aws/sqs'] },
        },
      },
    },
  },
  // A mapping entry that leads back to itself, and a chain of 1,000 entries.
  'mappings.json': {
    Mappings: {
      Loop: { Keys: { Queue: { 'Fn::FindInMap': ['Loop', 'Keys', 'Queue'] } } },
      Chain: {
        Keys: Object.fromEntries(
          Array.from({ length: 1000 }, (_, i) => [
            `K${i}`,
            i === 999 ? 'alias/end' : { 'Fn::FindInMap': ['Chain', 'Keys', `K${i + 1}`] },
          ]),
        ),
      },
    },
    Resources: {
      Queue: {
        Type: 'AWS::SQS::Queue',
        Properties: { ...tagged, KmsMasterKeyId: { 'Fn::FindInMap': ['Loop', 'Keys', 'Queue'] } },
      },
      Topic: {
        Type: 'AWS::SNS::Topic',
        Properties: { ...tagged, KmsMasterKeyId: { 'Fn::FindInMap': ['Chain', 'Keys', 'K0'] } },
      },
    },
  },
};

const laughs = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefgh'.split('').map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
  'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Laughs: *h',
].join('\n');

/** Structures no template can hold: refused with one line naming the file. */
const REFUSED: ReadonlyArray<[string, string, RegExp]> = [
  [
    'alias-cycle.yaml',
    'Resources:\n  Queue: &queue\n    Type: AWS::SQS::Queue\n    Properties:\n      Self: *queue\n',
    /^sovereign-lz: alias-cycle\.yaml: Resources\.Queue\.Properties\.Self contains itself \(a YAML alias to an anchor that encloses it\)/,
  ],
  [
    'billion-laughs.yaml',
    laughs,
    /^sovereign-lz: billion-laughs\.yaml: YAML aliases would expand to [\d,]+ nodes, over the limit of 10,000,000 \(a "billion laughs"\?\)$/,
  ],
  [
    'deep.json',
    `{"Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"Deep": ${'['.repeat(100000)}${']'.repeat(100000)}}}}}`,
    /^sovereign-lz: deep\.json: Resources\.Queue\.Properties\.Deep\[0\]\[0\].*: nested more than 100 levels deep$/,
  ],
  [
    'deep.yaml',
    `Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Deep: ${'['.repeat(150)}${']'.repeat(150)}\n`,
    /^sovereign-lz: deep\.yaml: Resources\.Queue\.Properties\.Deep\[0\].*: nested more than 100 levels deep$/,
  ],
  [
    'deeper.yaml',
    `Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Deep: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
    // The YAML parser gives up first, on its own terms.
    /^sovereign-lz: deeper\.yaml(:\d+:\d+: not valid YAML: |: .*nested more than 100 levels deep$)/,
  ],
  [
    'nested-assembly',
    // A cloud assembly whose nested assembly is itself.
    JSON.stringify({
      version: '36.0.0',
      artifacts: { Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } },
    }),
    /^sovereign-lz: nested-assembly\/manifest\.json: cloud assemblies nested too deep$/,
  ],
];

const judgedRuns = new Map<string, CliRun>();
const refusedRuns = new Map<string, CliRun>();
beforeAll(async () => {
  for (const [name, doc] of Object.entries(JUDGED)) write(name, JSON.stringify(doc));
  for (const [name, text] of REFUSED) write(name === 'nested-assembly' ? `${name}/manifest.json` : name, text);
  // A directory with a template and a symbolic link back to itself.
  write('linked/a.json', JSON.stringify(JUDGED['sub.json']));
  mkdirSync(join(dir, 'linked', 'sub'));
  symlinkSync('..', join(dir, 'linked', 'sub', 'up'));
  const flags = ['--classification', 'internal', '--region', 'eu-west-3', '--format', 'json'];
  const judged = [...Object.keys(JUDGED), 'linked'];
  const runs = await pool([
    ...judged.map((name) => () => cliAsync(['check', name, ...flags], dir)),
    ...REFUSED.map(
      ([name]) =>
        () =>
          cliAsync(['check', name, ...flags], dir),
    ),
  ]);
  judged.forEach((name, i) => judgedRuns.set(name, runs[i]));
  REFUSED.forEach(([name], i) => refusedRuns.set(name, runs[judged.length + i]));
});

const check = (name: string): CheckResult =>
  checkPaths([name], { cwd: dir, classification: 'internal', region: 'eu-west-3' });
const messages = (result: CheckResult, rule: string) =>
  result.findings.filter((f) => f.rule === rule).map((f) => [f.resource, f.status, f.message]);

describe.each([...Object.keys(JUDGED), 'linked'])('%s is judged', (name) => {
  test('the CLI ends with a report: exit 0 or 1, nothing on stderr', () => {
    const run = judgedRuns.get(name)!;
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
    expect(JSON.parse(run.stdout).summary.resources).toBeGreaterThan(0);
  });
});

test('references that go round through properties are followed one step at a time', () => {
  const result = check('references.json');
  expect(result.summary.resources).toBe(5);
  // Each bucket logs to the other: both are log destinations, and both log.
  expect(messages(result, 'LOG-4/s3-access-logging')).toEqual([]);
  // One step only: the queue's key is an alias of the template, a customer's (its target is not followed).
  expect(result.passes.some((p) => p.rule === 'ENC-1/sqs-cmk' && p.resource === 'Queue')).toBe(true);
});

test('a Fn::Sub that names its own resource is a reference, not a loop', () => {
  const result = check('sub.json');
  // The topic's key is the topic itself: not a KMS key.
  expect(messages(result, 'ENC-1/sns-cmk')).toEqual([
    ['Topic', 'cannot-prove', expect.stringContaining("'Topic' (AWS::SNS::Topic) is not a KMS key")],
  ]);
});

test('conditions that depend on each other cannot prove anything, and say why', () => {
  const result = check('conditions.json');
  // The queue's condition is unknown: it is judged as if created, and its key cannot be proven.
  expect(messages(result, 'ENC-1/sqs-cmk')).toEqual([
    ['Queue', 'cannot-prove', expect.stringMatching(/condition '(Self|Prod|NotStaging)' depends on itself/)],
  ]);
});

test('a mapping entry that leads back to itself, or down a chain of 1,000, cannot prove anything', () => {
  const result = check('mappings.json');
  expect(messages(result, 'ENC-1/sqs-cmk')).toEqual([
    ['Queue', 'cannot-prove', expect.stringContaining('mapping entry Loop.Keys.Queue refers to itself')],
  ]);
  expect(messages(result, 'ENC-1/sns-cmk')).toEqual([
    ['Topic', 'cannot-prove', expect.stringContaining('is reached through more than 32 other entries')],
  ]);
});

test('a directory with a symbolic link back to itself is walked once', () => {
  const result = check('linked');
  expect(result.summary.resources).toBe(1);
  expect([...new Set(result.findings.map((f) => f.file).filter(Boolean))]).toEqual(['linked/a.json']);
});

describe.each(REFUSED)('%s is refused', (name, _text, line) => {
  test('the CLI exits 2 with one line naming the file, no stack trace', () => {
    const run = refusedRuns.get(name)!;
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(line)]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  test('the library throws INPUT_INVALID, not a RangeError', () => {
    const error = libraryError(() => check(name));
    expect(error.code).toBe('INPUT_INVALID');
    expect(`sovereign-lz: ${error.message}`).toMatch(line);
  });
});
