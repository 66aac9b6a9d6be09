import { App } from 'aws-cdk-lib';
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SegmentedVpc } from '../../constructs/aws/segmented-vpc';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { synthesize } from '../../constructs/cli/synth';
import { checkPaths, type CheckOptions } from '../../constructs/compliance/check';
import { SovereignLzError } from '../../constructs/core';
import { parseIpv4Cidr } from '../../constructs/core/cidr';
import { cliAsync, errorLines, libraryError, pool, root, seededBytes, type CliRun } from './cli';

// Bad input ends in exit code 2 and one line on stderr naming the file and the problem: no
// stack trace, no report written, and in the library a SovereignLzError with a stable code.
// Input that CloudFormation accepts (strings for numbers, dangling references, parameters,
// unknown types) is judged instead: findings, exit 0 or 1.
const dir = mkdtempSync(join(tmpdir(), 'slz-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), content);
}

const TEMPLATE = {
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, PendingWindowInDays: 30 } },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } } },
  },
};
const TEMPLATE_TEXT = JSON.stringify(TEMPLATE, null, 2);
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: records\n';

/** The fixtures: written once, each named by the case that reads it. */
const FILES: Record<string, string | Buffer> = {
  'ok.json': TEMPLATE_TEXT,
  'truncated.json': TEMPLATE_TEXT.slice(0, Math.floor(TEMPLATE_TEXT.length / 2)),
  'trailing-comma.json': '{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"},}}',
  'truncated.yaml': 'Resources:\n  Queue:\n    Type: "AWS::SQS::Qu',
  'bad-indent.yaml': 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n   Properties: {}\n',
  'duplicate-keys.yaml': 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Queue:\n    Type: AWS::SNS::Topic\n',
  'resources-list.json': '{"Resources": [{"Type": "AWS::SQS::Queue"}]}',
  'resources-scalar.yaml': 'Resources: everything\n',
  'resource-scalar.json': '{"Resources": {"Queue": "AWS::SQS::Queue"}}',
  'no-type.yaml': 'Resources:\n  Queue:\n    Properties: {}\n',
  'type-number.json': '{"Resources": {"Queue": {"Type": 42}}}',
  'type-ref.yaml': 'Resources:\n  Queue:\n    Type: !Ref Kind\n',
  'properties-list.json': '{"Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": ["a"]}}}',
  'top-level-list.json': '[1, 2, 3]',
  'top-level-scalar.yaml': '"just a sentence"\n',
  'manifest-list-document.yaml': `${NAMESPACE}---\n- one\n- two\n`,
  'manifest-scalar-document.yaml': `${NAMESPACE}---\njust a sentence\n`,
  'manifest-metadata.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [records]\n',
  'random.json': seededBytes(7, 4096),
  'random.yaml': seededBytes(11, 4096),
  // Not UTF-8: a file saved as Latin-1 ("Café").
  'latin1.yaml': Buffer.from('Resources:\n  Caf\u00e9:\n    Type: AWS::SQS::Queue\n', 'latin1'),
  'empty.json': '',
  'empty.yaml': '  \n',
  'comments.yaml': '# nothing here yet\n',
  'nothing/README.md': '# not a template\n',
  'nothing/package.json': '{"name": "not-a-template"}\n',
  'nothing/values.yaml': 'replicaCount: 2\n',
  'nothing/empty.yaml': '',
  'assembly/manifest.json': JSON.stringify({
    version: '36.0.0',
    artifacts: {
      Records: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/eu-west-3',
        properties: { templateFile: 'Records.template.json' },
      },
    },
  }),
  'assembly-broken/manifest.json': '{"version": "36.0.0", "artifacts": {',
  'assembly-list/manifest.json': '{"version": "36.0.0", "artifacts": []}',
  'cdktf/manifest.json': JSON.stringify({
    stacks: { records: { synthesizedStackPath: 'stacks/records/cdk.tf.json' } },
  }),
  'medium.json': JSON.stringify({ ...TEMPLATE, Description: 'x'.repeat(4096) }),
  'medium.yaml': `Description: ${'x'.repeat(4096)}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n`,
  'profile-invalid.json': '{"id": 3}',
  'profile-broken.json': '{"id": ',
};

interface BadInput {
  /** The CLI's arguments after `check` (a report is asked with `--output`, which must not be written). */
  readonly args: readonly string[];
  /** The one line on stderr. */
  readonly line: RegExp;
  /**
   * The library's call and the code of the SovereignLzError it throws (with the CLI's sentence,
   * unless `ownMessage`: a flag the CLI parses itself, a profile file the library reads from
   * process.cwd() and names by its absolute path); absent for flags only the CLI has.
   */
  readonly library?: {
    readonly paths: readonly string[];
    readonly options?: CheckOptions;
    readonly code: string;
    readonly ownMessage?: boolean;
  };
}

const file = (name: string, line: RegExp, code = 'INPUT_INVALID'): [string, BadInput] => [
  name,
  { args: [name], line, library: { paths: [name], code } },
];

const CASES: ReadonlyArray<[string, BadInput]> = [
  file('truncated.json', /^sovereign-lz: truncated\.json:\d+:\d+: not valid JSON: /),
  file('trailing-comma.json', /^sovereign-lz: trailing-comma\.json:1:\d+: not valid JSON: /),
  file('truncated.yaml', /^sovereign-lz: truncated\.yaml:3:\d+: not valid YAML: Missing closing "quote/),
  file('bad-indent.yaml', /^sovereign-lz: bad-indent\.yaml:4:\d+: not valid YAML: /),
  file('duplicate-keys.yaml', /^sovereign-lz: duplicate-keys\.yaml:4:3: not valid YAML: Map keys must be unique$/),
  file('resources-list.json', /^sovereign-lz: resources-list\.json: Resources must be an object$/),
  file('resources-scalar.yaml', /^sovereign-lz: resources-scalar\.yaml: Resources must be an object$/),
  file('resource-scalar.json', /^sovereign-lz: resource-scalar\.json: resource 'Queue' must be an object$/),
  file('no-type.yaml', /^sovereign-lz: no-type\.yaml: resource 'Queue' has no Type$/),
  file('type-number.json', /^sovereign-lz: type-number\.json: resource 'Queue': Type must be a string, not 42$/),
  file(
    'type-ref.yaml',
    /^sovereign-lz: type-ref\.yaml: resource 'Queue': Type must be a string, not \{"Ref":"Kind"\}$/,
  ),
  file('properties-list.json', /^sovereign-lz: properties-list\.json: resource 'Queue': Properties must be an object$/),
  file(
    'top-level-list.json',
    /^sovereign-lz: top-level-list\.json: not a CloudFormation template \(no Resources\), Terraform JSON, Kubernetes manifest nor cloud assembly$/,
    'INPUT_UNSUPPORTED',
  ),
  file(
    'top-level-scalar.yaml',
    /^sovereign-lz: top-level-scalar\.yaml: not a CloudFormation template/,
    'INPUT_UNSUPPORTED',
  ),
  file(
    'manifest-list-document.yaml',
    /^sovereign-lz: manifest-list-document\.yaml: document 2 is not a Kubernetes object \(no apiVersion\/kind\)$/,
  ),
  file(
    'manifest-scalar-document.yaml',
    /^sovereign-lz: manifest-scalar-document\.yaml: document 2 is not a Kubernetes object/,
  ),
  file(
    'manifest-metadata.yaml',
    /^sovereign-lz: manifest-metadata\.yaml: document 1 \(ConfigMap\): metadata must be an object$/,
  ),
  file('random.json', /^sovereign-lz: random\.json: binary content, not a JSON or YAML text file$/),
  file('random.yaml', /^sovereign-lz: random\.yaml: binary content, not a JSON or YAML text file$/),
  file('latin1.yaml', /^sovereign-lz: latin1\.yaml: not UTF-8 text \(binary content\?\)$/),
  file('empty.json', /^sovereign-lz: empty\.json: empty file, nothing to check$/),
  file('empty.yaml', /^sovereign-lz: empty\.yaml: empty file, nothing to check$/),
  file('comments.yaml', /^sovereign-lz: comments\.yaml: not a CloudFormation template/, 'INPUT_UNSUPPORTED'),
  file(
    'nothing',
    /^sovereign-lz: nothing: no CloudFormation template, cloud assembly, Terraform JSON or Kubernetes manifest found, nothing to check$/,
    'INPUT_EMPTY',
  ),
  file(
    'assembly',
    /^sovereign-lz: assembly\/Records\.template\.json: no such file \(the template of stack 'Records' in assembly\/manifest\.json\)$/,
    'INPUT_UNREADABLE',
  ),
  file('assembly-broken', /^sovereign-lz: assembly-broken\/manifest\.json:1:\d+: not valid JSON: /),
  file(
    'assembly-list',
    /^sovereign-lz: assembly-list\/manifest\.json: not a cloud assembly manifest \(no artifacts object\)$/,
  ),
  file('cdktf', /^sovereign-lz: cdktf\/stacks\/records\/cdk\.tf\.json: no such file$/, 'INPUT_UNREADABLE'),
  file('missing.json', /^sovereign-lz: missing\.json: no such file or directory$/, 'INPUT_UNREADABLE'),
  file(
    'huge.json',
    /^sovereign-lz: huge\.json: 101\.0 MiB is over the limit of 100\.0 MiB for one input file/,
    'INPUT_TOO_LARGE',
  ),
  [
    '--max-file-size 0.001 (a 4 KiB template)',
    {
      args: ['medium.json', '--max-file-size', '0.001'],
      line: /^sovereign-lz: medium\.json: 4\.\d KiB is over the limit of 1\.0 KiB for one input file/,
      library: { paths: ['medium.json'], options: { maxFileBytes: 1048 }, code: 'INPUT_TOO_LARGE' },
    },
  ],
  [
    '--max-file-size 0.01 (4 KiB of YAML, over an eighth of it)',
    {
      args: ['medium.yaml', '--max-file-size', '0.01'],
      line: /^sovereign-lz: medium\.yaml: 4\.\d KiB of YAML is over the limit of 1\.3 KiB for one YAML file/,
      library: { paths: ['medium.yaml'], options: { maxFileBytes: 10485 }, code: 'INPUT_TOO_LARGE' },
    },
  ],
  [
    '--profile atlantis',
    {
      args: ['ok.json', '--profile', 'atlantis'],
      line: /^sovereign-lz: unknown profile 'atlantis': use one of morocco, eu/,
      library: { paths: ['ok.json'], options: { profile: 'atlantis' }, code: 'PROFILE_UNKNOWN' },
    },
  ],
  [
    '--profile profile-invalid.json',
    {
      args: ['ok.json', '--profile', 'profile-invalid.json'],
      line: /^sovereign-lz: profile-invalid\.json: \d+ problems:.*\/id must be string/,
      library: {
        paths: ['ok.json'],
        options: { profile: join(dir, 'profile-invalid.json') },
        code: 'PROFILE_INVALID',
        ownMessage: true,
      },
    },
  ],
  [
    '--profile profile-broken.json',
    {
      args: ['ok.json', '--profile', 'profile-broken.json'],
      line: /^sovereign-lz: profile-broken\.json: not valid JSON/,
      library: {
        paths: ['ok.json'],
        options: { profile: join(dir, 'profile-broken.json') },
        code: 'PROFILE_INVALID',
        ownMessage: true,
      },
    },
  ],
  [
    '--profile missing-profile.json',
    {
      args: ['ok.json', '--profile', 'missing-profile.json'],
      line: /^sovereign-lz: missing-profile\.json: cannot read the profile file: no such file$/,
      library: {
        paths: ['ok.json'],
        options: { profile: join(dir, 'missing-profile.json') },
        code: 'PROFILE_UNREADABLE',
        ownMessage: true,
      },
    },
  ],
  [
    '--classification top-secret',
    {
      args: ['ok.json', '--classification', 'top-secret'],
      line: /^sovereign-lz: --classification 'top-secret' is not a level/,
      library: { paths: ['ok.json'], options: { classification: 'top-secret' as 'secret' }, code: 'USAGE' },
    },
  ],
  [
    '--region paris',
    {
      args: ['ok.json', '--region', 'paris'],
      line: /^sovereign-lz: --region 'paris' is not an AWS region code/,
      library: { paths: ['ok.json'], options: { region: 'paris' }, code: 'USAGE' },
    },
  ],
  [
    '--max-file-size 0',
    {
      args: ['ok.json', '--max-file-size', '0'],
      line: /^sovereign-lz: --max-file-size '0' is not a positive number of MiB$/,
      library: { paths: ['ok.json'], options: { maxFileBytes: 0 }, code: 'USAGE', ownMessage: true },
    },
  ],
  ['--format xml', { args: ['ok.json', '--format', 'xml'], line: /^sovereign-lz: --format 'xml' is unknown/ }],
  [
    '--frobnicate (an unknown flag)',
    { args: ['ok.json', '--frobnicate'], line: /^error: unknown option '--frobnicate'$/ },
  ],
  [
    'no PATH',
    {
      args: [],
      line: /^error: missing required argument 'paths'$/,
      library: { paths: [], code: 'USAGE', ownMessage: true },
    },
  ],
];

const runs = new Map<string, CliRun>();
beforeAll(async () => {
  for (const [name, content] of Object.entries(FILES)) write(name, content);
  // A sparse file: 101 MiB long, no disk used; refused before it is read.
  writeFileSync(join(dir, 'huge.json'), '');
  truncateSync(join(dir, 'huge.json'), 101 * 1024 * 1024);
  const results = await pool(
    CASES.map(
      ([, c], i) =>
        () =>
          cliAsync(['check', ...c.args, '--output', `report-${i}.json`], dir),
    ),
  );
  CASES.forEach(([name], i) => runs.set(name, results[i]));
});

describe.each(CASES)('%s', (name, c) => {
  test('the CLI exits 2 with one line on stderr, no stack trace, nothing written', () => {
    const run = runs.get(name)!;
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(c.line)]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, `report-${CASES.findIndex(([n]) => n === name)}.json`))).toBe(false);
  });

  if (c.library) {
    const { paths, options, code } = c.library;
    test(`the library throws a SovereignLzError ${code}`, () => {
      const error = libraryError(() => checkPaths(paths, { cwd: dir, ...options }));
      expect(error.code).toBe(code);
      // The same sentence as the CLI's, on one line (a profile's problems are a list, which the CLI folds).
      if (!c.library?.ownMessage)
        expect(`sovereign-lz: ${error.message}`).toMatch(new RegExp(`${c.line.source}(?![^]*\n)`));
    });
  }
});

/** App modules for `synth`: each fails before anything is written. */
const APPS: Record<string, string | Buffer> = {
  'apps/garbage.js': seededBytes(17, 2048),
  'apps/no-build.js': 'exports.nothing = 1;\n',
  // A construct prop the library refuses: a VPC range that is not a CIDR block.
  'apps/bad-cidr.js': `const { App } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});
const { SegmentedVpc, SovereignStack } = require(${JSON.stringify(join(root, 'lib', 'constructs', 'aws'))});
exports.build = ({ awsOutdir }) => {
  const app = new App({ outdir: awsOutdir });
  const stack = new SovereignStack(app, 'Zone', { env: { region: 'eu-west-3' }, profile: 'morocco', classification: 'internal' });
  new SegmentedVpc(stack, 'Network', { cidr: '10.0.0.0/33' });
  return { aws: app };
};
`,
};

const SYNTH: ReadonlyArray<[string, readonly string[], RegExp, string?]> = [
  ['--frobnicate (an unknown flag)', ['--frobnicate'], /^error: unknown option '--frobnicate'$/],
  [
    'an unknown example',
    ['atlantis'],
    /^sovereign-lz: unknown example 'atlantis': use one of .*minimal/,
    'APP_UNKNOWN',
  ],
  [
    'a missing app module',
    ['apps/missing.js'],
    /^sovereign-lz: apps\/missing\.js: no such app module$/,
    'APP_UNREADABLE',
  ],
  [
    'an app module of binary garbage',
    ['apps/garbage.js'],
    /^sovereign-lz: \/.*\/apps\/garbage\.js: cannot load the app module: /,
    'APP_INVALID',
  ],
  [
    'an app module without build()',
    ['apps/no-build.js'],
    /^sovereign-lz: \/.*\/apps\/no-build\.js: an app module must export a function 'build'/,
    'APP_INVALID',
  ],
  [
    'an invalid CIDR in a construct prop',
    ['apps/bad-cidr.js'],
    /^sovereign-lz: \[Zone\/Network\] PROPS: cidr '10\.0\.0\.0\/33' /,
  ],
];

describe('synth', () => {
  const synthRuns = new Map<string, CliRun>();
  beforeAll(async () => {
    for (const [name, content] of Object.entries(APPS)) write(name, content);
    const results = await pool(
      SYNTH.map(
        ([, args], i) =>
          () =>
            cliAsync(['synth', ...args, '--out', `synth-out-${i}`], dir),
      ),
    );
    SYNTH.forEach(([name], i) => synthRuns.set(name, results[i]));
  });

  describe.each(SYNTH.map(([name, args, line, code], i) => [name, args, line, code, i] as const))(
    '%s',
    (name, args, line, code, i) => {
      test('the CLI exits 2 with one line on stderr, no stack trace, no output directory', () => {
        const run = synthRuns.get(name)!;
        expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
        expect(errorLines(run.stderr)).toEqual([expect.stringMatching(line)]);
        expect(run.stderr).not.toMatch(/^\s+at /m);
        expect(existsSync(join(dir, `synth-out-${i}`))).toBe(false);
      });

      if (code) {
        test(`the library rejects with a SovereignLzError ${code}`, async () => {
          const out = join(dir, `synth-library-${i}`);
          const app = args[0] === 'atlantis' ? 'atlantis' : join(dir, args[0]);
          const error = await synthesize(app, out).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(SovereignLzError);
          expect((error as SovereignLzError).code).toBe(code);
          expect(existsSync(out)).toBe(false);
        });
      }
    },
  );

  test('an invalid CIDR: the construct throws CONSTRUCT_INVALID naming its path, the core CIDR_INVALID', () => {
    const stack = new SovereignStack(new App(), 'Zone', {
      env: { region: 'eu-west-3' },
      profile: 'morocco',
      classification: 'internal',
    });
    const error = libraryError(() => new SegmentedVpc(stack, 'Network', { cidr: '10.0.0.0/33' }));
    expect(error.code).toBe('CONSTRUCT_INVALID');
    expect(`sovereign-lz: ${error.message}`).toMatch(SYNTH[SYNTH.length - 1][2]);
    const core = libraryError(() => parseIpv4Cidr('10.0.0.0/33'));
    expect(core.code).toBe('CIDR_INVALID');
    expect(core.message).toContain('10.0.0.0/33');
  });
});

describe('what CloudFormation accepts is judged, not refused', () => {
  const ACCEPTED: Record<string, string> = {
    // Strings for numbers and booleans, as YAML writes them.
    'numbers-as-strings.json': JSON.stringify({
      Resources: {
        Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: 'true', PendingWindowInDays: '30' } },
        Logs: {
          Type: 'AWS::Logs::LogGroup',
          Properties: { RetentionInDays: '30', KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
        },
      },
    }),
    'dangling-ref.yaml':
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: !Ref Missing\n',
    'parameter.yaml': [
      'Parameters:',
      '  Retention: { Type: Number }',
      '  KeyArn: { Type: String }',
      'Resources:',
      '  Logs:',
      '    Type: AWS::Logs::LogGroup',
      '    Properties:',
      '      RetentionInDays: !Ref Retention',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      KmsMasterKeyId: !Ref KeyArn',
      '',
    ].join('\n'),
    'unknown-types.json': JSON.stringify({
      Resources: { Thing: { Type: 'Custom::Thing' }, Future: { Type: 'AWS::Future::Service' } },
    }),
  };
  beforeAll(() => {
    for (const [name, text] of Object.entries(ACCEPTED)) write(`accepted/${name}`, text);
  });

  const options = { classification: 'internal', region: 'eu-west-3' } as const;
  const judged = (name: string) => checkPaths([`accepted/${name}`], { cwd: dir, ...options });
  const find = (name: string, rule: string) => judged(name).findings.filter((f) => f.rule === rule);

  test('strings for numbers and booleans are read as CloudFormation reads them', () => {
    expect(find('numbers-as-strings.json', 'LOG-2/log-group-retention')).toEqual([
      expect.objectContaining({ resource: 'Logs', status: 'fail', message: expect.stringContaining('30') }),
    ]);
    expect(find('numbers-as-strings.json', 'KEY-2/kms-rotation')).toEqual([]);
  });

  test('a dangling Ref cannot prove anything: a finding, not an error of input', () => {
    expect(find('dangling-ref.yaml', 'ENC-1/sqs-cmk')).toEqual([
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining("dangling Ref 'Missing'") }),
    ]);
  });

  test('a parameter cannot prove anything: a finding', () => {
    expect(find('parameter.yaml', 'LOG-2/log-group-retention')).toEqual([
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining("parameter 'Retention'") }),
    ]);
    // A topic whose key is a parameter is encrypted, with a key that cannot be known: not "unencrypted".
    expect(find('parameter.yaml', 'ENC-1/sns-cmk')).toEqual([
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining("parameter 'KeyArn'") }),
    ]);
  });

  test('an unknown resource type is not assessed: a manual check', () => {
    const found = judged('unknown-types.json').findings.filter((f) => f.status === 'not-assessed');
    expect(found.map((f) => f.resource).sort()).toEqual(['Future', 'Thing']);
  });

  test('the CLI exits 0 or 1 on each, with its report', async () => {
    const names = Object.keys(ACCEPTED);
    const results = await pool(
      names.map(
        (name) => () =>
          cliAsync(
            ['check', `accepted/${name}`, '--classification', 'internal', '--region', 'eu-west-3', '--format', 'json'],
            dir,
          ),
      ),
    );
    results.forEach((run, i) => {
      expect([names[i], run.status, run.stderr]).toEqual([names[i], expect.any(Number), '']);
      expect([0, 1]).toContain(run.status);
      expect(JSON.parse(run.stdout).findings.length).toBeGreaterThan(0);
    });
  });
});
