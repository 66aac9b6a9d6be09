import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { checkPaths } from '../../constructs/compliance/check';
import { DEFAULT_MAX_FILE_BYTES, maxYamlTokens, YAML_COST_FACTOR } from '../../constructs/compliance/read/input-files';
import {
  countYamlTokens,
  DEFAULT_MAX_YAML_NODES,
  DEFAULT_MAX_YAML_TOKENS,
  loadProfileFile,
  MAX_DECLARATION_FILE_BYTES,
  morocco,
  readBoundedFile,
} from '../../constructs/core';
import { loadLandingZone } from '../../constructs/landing-zone';
import { cluster, find, judgeObjects, on } from '../compliance/helpers/kubernetes';
import { bigTemplate } from '../reliability/big-template';
import { cliAsync, errorLines, libraryError, pool, type CliRun } from '../reliability/cli';

// Reading with bounds: only regular files are read (a FIFO blocks whoever opens it, a device
// never ends), a cap holds on the bytes actually read (not on the size the file system gives),
// YAML text is parsed only if it holds fewer tokens than a limit (dense text such as `[[],…]`
// takes up to 500 bytes of memory per byte to parse: 12 MiB of it exhausted the heap), and YAML
// aliases are expanded only if what they make stays under a number of nodes. Each
// hostile input ends in exit 2 and one line naming the file (the CLI), or a SovereignLzError
// (the library); nothing is written. No timing is asserted: a hang would end in the CLI
// helper's timeout, or in the unblocker below.
const dir = mkdtempSync(join(tmpdir(), 'slz-reading-'));

const MIB = 1024 * 1024;

function write(name: string, content: string): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), content);
}

function link(name: string, target: string): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  symlinkSync(target, join(dir, name));
}

/** Node has no mkfifo: the coreutils binary makes them. */
const FIFOS = [
  'fifo.json',
  'walk/pipe.yaml',
  'walk-quiet/pipe',
  'profile-fifo.json',
  'zone.yaml',
  'synth-like/profile.json',
];

/** A sparse file of `bytes` (no disk used): refused from its size, before it is read. */
function sparse(name: string, bytes: number): void {
  write(name, '');
  truncateSync(join(dir, name), bytes);
}

const TEMPLATE = JSON.stringify({
  Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, PendingWindowInDays: 30 } } },
});

/** One mapping of 100,000 keys, reused 999 times: under the `yaml` package's alias count, 200 million nodes. */
function bomb(): string {
  const keys = Array.from({ length: 100_000 }, (_, i) => `    k${i}: ${i}\n`).join('');
  const copies = '    - *big\n'.repeat(999);
  return `Metadata:\n  Big: &big\n${keys}  Copies:\n${copies}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n`;
}

/** The classic: nine aliases, nine levels deep. */
const LAUGHS = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefgh'.split('').map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
  'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Laughs: *h',
].join('\n');

/**
 * What PyYAML dumps for a template whose 20,000 queues share one tag object: `&id001` at its
 * first use, `*id001` at each other. The `yaml` package's alias count refused it.
 */
function pyyamlDump(): string {
  const tag = (i: number) =>
    i === 0
      ? '      - &id001\n        Key: sovereign-lz.io/classification\n        Value: internal\n'
      : '      - *id001\n';
  const queues = Array.from(
    { length: 20_000 },
    (_, i) => `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n${tag(i)}`,
  );
  return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${queues.join('')}`;
}

/** The largest YAML artifact read by default, in bytes (12.5 MiB). */
const YAML_CAP = DEFAULT_MAX_FILE_BYTES / YAML_COST_FACTOR;

/** A number as the messages write it: `12,582,912`. */
const thousands = (n: number): string => n.toLocaleString('en-US');

/**
 * Dense flow-style YAML: `open`, then `unit` as many times as fit in `bytes`, then `close`, and
 * the number of tokens it holds (`unitTokens` each, `endTokens` for `open` and `close`).
 */
function dense(
  bytes: number,
  [open, unit, close]: readonly [string, string, string],
  unitTokens: number,
  endTokens: number,
): { text: string; tokens: number } {
  const n = Math.floor((bytes - open.length - close.length) / unit.length);
  return { text: open + unit.repeat(n) + close, tokens: n * unitTokens + endTokens };
}

/** `[[],[],…]`: three tokens per `[],` (the brackets and the comma); 12 MiB of it took more than 4 GB to parse. */
const DENSE_SEQ = dense(12 * MIB, ['[', '[],', '[]]'], 3, 4);
/** `{a: {}, a: {}, …}`: five tokens per `a: {}, `. */
const DENSE_MAP = dense(12 * MIB, ['{', 'a: {}, ', 'a: {}}'], 5, 6);
/** `]]]…`: a syntax error per byte, each of which the parser records (it goes on after one). */
const ERRORS = dense(12 * MIB, ['', ']', ''], 1, 0);
/** A declaration (under its 10 MiB cap) whose workloads are a dense list. */
const DENSE_ZONE = dense(9.5 * MIB, ['name: dense\nprofile: morocco\nworkloads: [', '[],', '[]]\n'], 3, 12);
/** A YAML profile file whose levels are a dense list. */
const DENSE_PROFILE = dense(9.5 * MIB, ['name: dense\nlevels: [', '[],', '[]]\n'], 3, 9);
/** A JSON profile file (the CLI reads only those) that is a dense list. */
const DENSE_JSON_PROFILE = dense(9.5 * MIB, ['[', '[],', '[]]'], 3, 4);

/** The one line refusing dense YAML, for an artifact (`raise`) or a declaration or profile file. */
function tooDense(name: string, tokens: number, raise: boolean): RegExp {
  const escaped = name.replace(/\./g, '\\.');
  return new RegExp(
    `^sovereign-lz: (/.*/)?${escaped}: ${thousands(tokens)} YAML tokens \\(brackets, commas, keys, values\\) are over the limit of 1,600,000 for one YAML file \\(dense YAML takes about 500 bytes of memory per token to parse; write it as JSON, which takes a tenth of the memory${raise ? ', or raise the limit with --max-file-size MB' : ''}\\)$`,
  );
}

/** A declaration of 200 workloads sharing one list of stores (a dump of shared objects, as above). */
function sharedStoresDeclaration(): string {
  const workloads = Array.from(
    { length: 200 },
    (_, i) =>
      `  - name: w${i}\n    classification: internal\n    stores: ${
        i === 0
          ? '&stores\n      - name: documents\n        kind: objects\n      - name: app-logs\n        kind: logs\n'
          : '*stores\n'
      }`,
  );
  return `name: shared\nprofile: morocco\nregions: [eu-west-3]\nworkloads:\n${workloads.join('')}`;
}

/**
 * A reader that opened a FIFO (a regression) would block for ever, and a blocked synchronous
 * call cannot be timed out: after a while, a child opens each FIFO for writing and closes it,
 * so that such a reader reads an empty file and the test fails instead of hanging. A reader
 * that never opens them never notices. Killed at the end (its process group, by id).
 */
let unblocker: ReturnType<typeof spawn> | undefined;

let socket: Server | undefined;

beforeAll(async () => {
  write('ok.json', TEMPLATE);
  for (const fifo of FIFOS) {
    mkdirSync(dirname(join(dir, fifo)), { recursive: true });
    execFileSync('mkfifo', [join(dir, fifo)]);
  }
  write('walk/ok.json', TEMPLATE);
  write('walk-quiet/ok.json', TEMPLATE);
  write('synth-like/aws/ok.template.json', TEMPLATE);
  link('template.json', '/dev/zero');
  link('devices/template.json', '/dev/zero');
  link('random.yaml', '/dev/urandom');
  // A regular file whose size says 0, and that holds far more than 10 KiB (the reader's own).
  link('proc.json', '/proc/self/smaps');
  sparse('big-profile.json', 11 * MIB);
  sparse('big-zone.yaml', 11 * MIB);
  write('bomb.yaml', bomb());
  write('laughs.yaml', LAUGHS);
  write('pyyaml.yaml', pyyamlDump());
  write('shared-zone.yaml', sharedStoresDeclaration());
  write('dense-seq.yaml', DENSE_SEQ.text);
  write('dense-map.yaml', DENSE_MAP.text);
  write('errors.yaml', ERRORS.text);
  write('dense-zone.yaml', DENSE_ZONE.text);
  write('dense-profile.yaml', DENSE_PROFILE.text);
  write('dense-profile.json', DENSE_JSON_PROFILE.text);
  write(
    'cycle-zone.yaml',
    'name: cycle\nprofile: morocco\nworkloads: &w\n  - name: a\n    classification: internal\n  - *w\n',
  );
  unblocker = spawn(
    'sh',
    [
      '-c',
      // Only a FIFO still there is opened: `: >` on a removed one would create a file.
      'sleep 45; while :; do for f in "$@"; do [ -p "$f" ] && timeout 1 sh -c \': > "$1"\' sh "$f"; done; sleep 1; done',
      'sh',
      ...FIFOS.map((f) => join(dir, f)),
    ],
    { detached: true, stdio: 'ignore' },
  );
  socket = createServer();
  await new Promise<void>((resolve) => socket!.listen(join(dir, 'socket.json'), resolve));
});

// One hook, in this order: the unblocker writes into the directory, so it dies before the
// directory is removed (on a slow machine it has woken up by then).
afterAll(async () => {
  if (unblocker?.pid) process.kill(-unblocker.pid, 'SIGKILL');
  await new Promise((resolve) => socket?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

interface Refused {
  /** `check` or `synth`, and its arguments (an output is asked, which must not be written). */
  readonly command: 'check' | 'synth';
  readonly args: readonly string[];
  /** The one line on stderr. */
  readonly line: RegExp;
  /** The library's call, and the code of the SovereignLzError it throws (its message matches `line`, but for the path). */
  readonly library: () => unknown;
  readonly code: string;
}

const at = (name: string) => join(dir, name);
const check =
  (paths: string[], options: Parameters<typeof checkPaths>[1] = {}) =>
  () =>
    checkPaths(paths, { cwd: dir, ...options });

const CASES: ReadonlyArray<[string, Refused]> = [
  [
    'a FIFO named explicitly',
    {
      command: 'check',
      args: ['fifo.json'],
      line: /^sovereign-lz: fifo\.json: cannot read: not a regular file but a FIFO \(named pipe\)$/,
      library: check(['fifo.json']),
      code: 'INPUT_UNREADABLE',
    },
  ],
  [
    'a FIFO with a template name, in a directory',
    {
      command: 'check',
      args: ['walk'],
      line: /^sovereign-lz: walk\/pipe\.yaml: cannot read: not a regular file but a FIFO \(named pipe\)$/,
      library: check(['walk']),
      code: 'INPUT_UNREADABLE',
    },
  ],
  [
    'a symbolic link to /dev/zero named template.json',
    {
      command: 'check',
      args: ['template.json'],
      line: /^sovereign-lz: template\.json: cannot read: not a regular file but a character device$/,
      library: check(['template.json']),
      code: 'INPUT_UNREADABLE',
    },
  ],
  [
    'a symbolic link to /dev/zero, in a directory',
    {
      command: 'check',
      args: ['devices'],
      line: /^sovereign-lz: devices\/template\.json: cannot read: not a regular file but a character device$/,
      library: check(['devices']),
      code: 'INPUT_UNREADABLE',
    },
  ],
  [
    'a symbolic link to /dev/urandom',
    {
      command: 'check',
      args: ['random.yaml'],
      line: /^sovereign-lz: random\.yaml: cannot read: not a regular file but a character device$/,
      library: check(['random.yaml']),
      code: 'INPUT_UNREADABLE',
    },
  ],
  [
    'a file of size 0 that holds more than --max-file-size (/proc/self/smaps): the bytes read count',
    {
      command: 'check',
      args: ['proc.json', '--max-file-size', '0.01'],
      line: /^sovereign-lz: proc\.json: more than 10\.2 KiB read, over the limit of 10\.2 KiB for one input file \(raise it with --max-file-size MB\)$/,
      library: check(['proc.json'], { maxFileBytes: Math.floor(0.01 * MIB) }),
      code: 'INPUT_TOO_LARGE',
    },
  ],
  [
    '--profile a FIFO',
    {
      command: 'check',
      args: ['ok.json', '--profile', 'profile-fifo.json'],
      line: /^sovereign-lz: (\/.*\/)?profile-fifo\.json: cannot read the profile file: not a regular file but a FIFO \(named pipe\)$/,
      library: check(['ok.json'], { profile: at('profile-fifo.json') }),
      code: 'PROFILE_UNREADABLE',
    },
  ],
  [
    "a synth output's profile.json that is a FIFO",
    {
      command: 'check',
      args: ['synth-like'],
      line: /^sovereign-lz: (\/.*\/)?synth-like\/profile\.json: cannot read the profile file: not a regular file but a FIFO \(named pipe\)$/,
      library: check(['synth-like']),
      code: 'PROFILE_UNREADABLE',
    },
  ],
  [
    '--profile a file over 10 MiB',
    {
      command: 'check',
      args: ['ok.json', '--profile', 'big-profile.json'],
      line: /^sovereign-lz: (\/.*\/)?big-profile\.json: 11\.0 MiB is over the limit of 10\.0 MiB for the profile file \(no legitimate one is that large\)$/,
      library: check(['ok.json'], { profile: at('big-profile.json') }),
      code: 'INPUT_TOO_LARGE',
    },
  ],
  [
    'a YAML template whose 100,000-key anchor is reused 999 times',
    {
      command: 'check',
      args: ['bomb.yaml'],
      line: /^sovereign-lz: bomb\.yaml: YAML aliases would expand to 200,001,\d{3} nodes, over the limit of 10,000,000 \(a "billion laughs"\?\)$/,
      library: check(['bomb.yaml']),
      code: 'INPUT_INVALID',
    },
  ],
  [
    'a billion laughs',
    {
      command: 'check',
      args: ['laughs.yaml'],
      line: /^sovereign-lz: laughs\.yaml: YAML aliases would expand to [\d,]+ nodes, over the limit of 10,000,000 \(a "billion laughs"\?\)$/,
      library: check(['laughs.yaml']),
      code: 'INPUT_INVALID',
    },
  ],
  [
    'dense flow YAML at the byte cap: 12 MiB of `[[],[],…]` (the parse exhausted a 4 GB heap)',
    {
      command: 'check',
      args: ['dense-seq.yaml'],
      line: tooDense('dense-seq.yaml', DENSE_SEQ.tokens, true),
      library: check(['dense-seq.yaml']),
      code: 'INPUT_TOO_LARGE',
    },
  ],
  [
    'dense flow YAML at the byte cap: 12 MiB of `{a: {}, a: {}, …}`',
    {
      command: 'check',
      args: ['dense-map.yaml'],
      line: tooDense('dense-map.yaml', DENSE_MAP.tokens, true),
      library: check(['dense-map.yaml']),
      code: 'INPUT_TOO_LARGE',
    },
  ],
  [
    'a syntax error per byte: 12 MiB of `]` (the parser records each, and goes on)',
    {
      command: 'check',
      args: ['errors.yaml'],
      line: tooDense('errors.yaml', ERRORS.tokens, true),
      library: check(['errors.yaml']),
      code: 'INPUT_TOO_LARGE',
    },
  ],
  [
    '--profile a dense JSON file the schema refuses (its problems were located by parsing it as YAML)',
    {
      command: 'check',
      args: ['ok.json', '--profile', 'dense-profile.json'],
      line: /^sovereign-lz: (\/.*\/)?dense-profile\.json: \/ must be object$/,
      library: check(['ok.json'], { profile: at('dense-profile.json') }),
      code: 'PROFILE_INVALID',
    },
  ],
  [
    'a dense declaration',
    {
      command: 'synth',
      args: ['dense-zone.yaml'],
      line: tooDense('dense-zone.yaml', DENSE_ZONE.tokens, false),
      library: () => loadLandingZone(at('dense-zone.yaml')),
      code: 'INPUT_TOO_LARGE',
    },
  ],
  [
    'a declaration that is a FIFO',
    {
      command: 'synth',
      args: ['zone.yaml'],
      line: /^sovereign-lz: (\/.*\/)?zone\.yaml: cannot read the landing-zone declaration: not a regular file but a FIFO \(named pipe\)$/,
      library: () => loadLandingZone(at('zone.yaml')),
      code: 'DECLARATION_UNREADABLE',
    },
  ],
  [
    'a declaration over 10 MiB',
    {
      command: 'synth',
      args: ['big-zone.yaml'],
      line: /^sovereign-lz: (\/.*\/)?big-zone\.yaml: 11\.0 MiB is over the limit of 10\.0 MiB for the landing-zone declaration \(no legitimate one is that large\)$/,
      library: () => loadLandingZone(at('big-zone.yaml')),
      code: 'INPUT_TOO_LARGE',
    },
  ],
  [
    'a declaration whose 100,000-key anchor is reused 999 times',
    {
      command: 'synth',
      args: ['bomb.yaml'],
      line: /^sovereign-lz: (\/.*\/)?bomb\.yaml: YAML aliases would expand to 200,001,\d{3} nodes, over the limit of 10,000,000 \(a "billion laughs"\?\)$/,
      library: () => loadLandingZone(at('bomb.yaml')),
      code: 'DECLARATION_INVALID',
    },
  ],
  [
    'a billion-laughs declaration',
    {
      command: 'synth',
      args: ['laughs.yaml'],
      line: /^sovereign-lz: (\/.*\/)?laughs\.yaml: YAML aliases would expand to [\d,]+ nodes, over the limit of 10,000,000 \(a "billion laughs"\?\)$/,
      library: () => loadLandingZone(at('laughs.yaml')),
      code: 'DECLARATION_INVALID',
    },
  ],
];

const output = (i: number) => (CASES[i][1].command === 'check' ? `report-${i}.json` : `synth-out-${i}`);

const runs = new Map<string, CliRun>();
beforeAll(async () => {
  const results = await pool(
    CASES.map(
      ([, c], i) =>
        () =>
          cliAsync(
            c.command === 'check'
              ? ['check', ...c.args, '--output', output(i)]
              : ['synth', ...c.args, '--out', output(i)],
            dir,
          ),
    ),
    2,
  );
  CASES.forEach(([name], i) => runs.set(name, results[i]));
});

describe.each(CASES.map(([name, c], i) => [name, c, i] as const))('%s', (name, c, i) => {
  test('the CLI exits 2 with one line on stderr naming the file, nothing written', () => {
    const run = runs.get(name)!;
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
    expect(errorLines(run.stderr)).toEqual([expect.stringMatching(c.line)]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, output(i)))).toBe(false);
  });

  test(`the library throws a SovereignLzError ${c.code} naming the file`, () => {
    const error = libraryError(c.library);
    expect(error.code).toBe(c.code);
    // The CLI's sentence; the library names a profile or declaration file by the path it was given.
    expect(`sovereign-lz: ${error.message}`).toMatch(c.line);
  });
});

describe('what is legitimate is read', () => {
  test('a PyYAML dump of 20,000 aliases to one small mapping is checked whole (the CLI: exit 0 or 1, a report)', async () => {
    const run = await cliAsync(['check', 'pyyaml.yaml', '--region', 'eu-west-3', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
    const report = JSON.parse(run.stdout) as { summary: { resources: number } };
    expect(report.summary.resources).toBe(20_000);
  });

  test('an ordinary YAML template of a few MiB is checked whole (its tokens are counted, under the limit)', async () => {
    // 4 MiB of JSON, 2.6 MiB of YAML.
    const big = bigTemplate(4 * MIB);
    const text = stringify(JSON.parse(big.text));
    write('ordinary.yaml', text);
    // Long enough to be counted (a text of under a quarter of the limit in characters is not).
    expect(text.length * 4).toBeGreaterThan(DEFAULT_MAX_YAML_TOKENS);
    expect(countYamlTokens(text)).toBeLessThan(DEFAULT_MAX_YAML_TOKENS / 3);
    const run = await cliAsync(['check', 'ordinary.yaml', '--region', 'eu-west-3', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as { summary: { resources: number } }).summary.resources).toBe(big.groups * 4);
  });

  test('a FIFO without a template name, in a directory, is passed over: the rest is checked', async () => {
    const run = await cliAsync(['check', 'walk-quiet', '--region', 'eu-west-3', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
    expect((JSON.parse(run.stdout) as { summary: { resources: number } }).summary.resources).toBe(1);
  });

  test('a declaration of 200 workloads sharing one list of stores loads (the alias count refused it, with a stack trace)', () => {
    const zone = loadLandingZone(at('shared-zone.yaml'));
    expect(zone.placements).toHaveLength(200);
  });

  test('a YAML profile whose levels share lists (anchors and aliases) loads as the profile it spells', () => {
    const shared = ['MA'];
    const profile = JSON.parse(JSON.stringify(morocco)) as {
      levels: Record<string, { preferredCountries?: string[] }>;
    };
    for (const level of Object.values(profile.levels)) level.preferredCountries = shared;
    const text = stringify(profile);
    expect(text).toMatch(/&\w+/);
    write('shared-profile.yaml', text);
    expect(loadProfileFile(at('shared-profile.yaml'))).toEqual(JSON.parse(JSON.stringify(profile)));
  });
});

describe("a Fluent Bit configuration in a ConfigMap (artifact input, parsed by RES-3's log-forwarder reader)", () => {
  const RULE = 'RES-3/log-sink-allowlisted';
  const DS = 'DaemonSet/logging/log-forwarder';
  /** The cluster's forwarder without its recorded sink, mounting a ConfigMap of this YAML configuration. */
  const judged = (config: string) => {
    const objects = cluster();
    const ds = find(objects, 'DaemonSet', 'log-forwarder');
    delete ds.metadata.annotations;
    ds.spec.template.spec.volumes.push({ name: 'config', configMap: { name: 'fluent-bit' } });
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fluent-bit', namespace: 'logging' },
      data: { 'fluent-bit.yaml': config },
    });
    return on(judgeObjects(objects), RULE, DS);
  };

  test('its outputs are read, aliases included', () => {
    const config = 'env:\n  es: &es { name: es, host: es.example.com, port: 9200 }\npipeline:\n  outputs: [*es]\n';
    expect(judged(config)).toEqual([
      expect.objectContaining({ status: 'fail', message: expect.stringContaining("'es://es.example.com:9200'") }),
    ]);
  });

  test('a billion laughs there is not expanded: no output is found, so the sink cannot be proven', () => {
    const config = `${LAUGHS.split('\nResources:')[0]}\npipeline:\n  outputs: *h\n`;
    expect(judged(config)).toEqual([
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('no Fluent Bit output') }),
    ]);
  });
});

describe('the library, directly', () => {
  test('a socket is not read', () => {
    expect(libraryError(check(['socket.json']))).toEqual({
      code: 'INPUT_UNREADABLE',
      message: 'socket.json: cannot read: not a regular file but a socket',
    });
  });

  test('the cap holds on the bytes read, whatever the size says', () => {
    const error = libraryError(() =>
      readBoundedFile('/proc/self/smaps', { maxBytes: 4096, unreadableCode: 'X', limitText: 'for the test' }),
    );
    expect(error).toEqual({
      code: 'INPUT_TOO_LARGE',
      message: '/proc/self/smaps: more than 4.0 KiB read, over the limit of 4.0 KiB for the test',
    });
    // Under the cap, the same file is read whole.
    expect(
      readBoundedFile('/proc/self/smaps', { maxBytes: 64 * MIB, unreadableCode: 'X', limitText: '' }).length,
    ).toBeGreaterThan(4096);
  });

  test('a YAML profile file: the bomb and the billion laughs are refused, naming the file and the limit', () => {
    for (const name of ['bomb.yaml', 'laughs.yaml']) {
      expect(libraryError(() => loadProfileFile(at(name)))).toEqual({
        code: 'PROFILE_INVALID',
        message: expect.stringMatching(
          new RegExp(`^${at(name)}: YAML aliases would expand to [\\d,]+ nodes, over the limit of 10,000,000 `),
        ),
      });
    }
  });

  test('a dense YAML profile file is refused before it is parsed, as a dense declaration is', () => {
    const error = libraryError(() => loadProfileFile(at('dense-profile.yaml')));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(`sovereign-lz: ${error.message}`).toMatch(tooDense('dense-profile.yaml', DENSE_PROFILE.tokens, false));
  });

  test('an alias to the anchor that encloses it, in a declaration: a cycle, named where it is', () => {
    expect(libraryError(() => loadLandingZone(at('cycle-zone.yaml')))).toEqual({
      code: 'DECLARATION_INVALID',
      message: `${at('cycle-zone.yaml')}: workloads[1] contains itself (a YAML alias to an anchor that encloses it): a cycle, which no document can hold`,
    });
  });

  test('the token limit of a YAML artifact grows and shrinks with --max-file-size', () => {
    // A template whose metadata holds 210,000 tokens of `[[],…]`: read under the default cap,
    // refused under a cap of 10 MiB (a limit of 160,000 tokens).
    const { text, tokens } = dense(
      200 * 1024,
      ['Resources:\n  Queue:\n    Type: AWS::SQS::Queue\nMetadata:\n  Dense: [', '[],', '[]]\n'],
      3,
      15,
    );
    write('scaled.yaml', text);
    expect(countYamlTokens(text)).toBe(tokens);
    expect(maxYamlTokens(10 * MIB)).toBe(160_000);
    expect(checkPaths(['scaled.yaml'], { cwd: dir, region: 'eu-west-3' }).summary.resources).toBe(1);
    expect(libraryError(check(['scaled.yaml'], { maxFileBytes: 10 * MIB }))).toEqual({
      code: 'INPUT_TOO_LARGE',
      message: `scaled.yaml: ${thousands(tokens)} YAML tokens (brackets, commas, keys, values) are over the limit of 160,000 for one YAML file (dense YAML takes about 500 bytes of memory per token to parse; write it as JSON, which takes a tenth of the memory, or raise the limit with --max-file-size MB)`,
    });
  });

  test('each document counts ten tokens: 200,000 empty ones (800 KiB) are refused', () => {
    write('documents.yaml', '---\n'.repeat(200_000));
    expect(libraryError(check(['documents.yaml']))).toEqual({
      code: 'INPUT_TOO_LARGE',
      message: expect.stringMatching(/^documents\.yaml: 2,000,000 YAML tokens .* over the limit of 1,600,000 /),
    });
  });

  test('a dense JSON declaration the schema refuses is named without lines: the YAML parser, which finds them, is not run', () => {
    write('dense-zone.json', `[${'[],'.repeat(600_000)}[]]`);
    expect(libraryError(() => loadLandingZone(at('dense-zone.json')))).toEqual({
      code: 'DECLARATION_INVALID',
      message: `${at('dense-zone.json')}: / must be object`,
    });
  });

  test('a dense Fluent Bit YAML configuration in a ConfigMap is not parsed: its sink cannot be proven', () => {
    const objects = cluster();
    const ds = find(objects, 'DaemonSet', 'log-forwarder');
    delete ds.metadata.annotations;
    ds.spec.template.spec.volumes.push({ name: 'config', configMap: { name: 'fluent-bit' } });
    const config = dense(2 * MIB, ['pipeline:\n  outputs: [', '[],', '{ name: es, host: es.example.com }]\n'], 3, 0);
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fluent-bit', namespace: 'logging' },
      data: { 'fluent-bit.yaml': config.text },
    });
    expect(on(judgeObjects(objects), 'RES-3/log-sink-allowlisted', 'DaemonSet/logging/log-forwarder')).toEqual([
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('no Fluent Bit output') }),
    ]);
  });

  test('the limits are the documented ones', () => {
    expect(MAX_DECLARATION_FILE_BYTES).toBe(10 * MIB);
    expect(DEFAULT_MAX_YAML_NODES).toBe(10_000_000);
    expect(DEFAULT_MAX_YAML_TOKENS).toBe(1_600_000);
    expect(maxYamlTokens()).toBe(DEFAULT_MAX_YAML_TOKENS);
    expect(YAML_CAP).toBe(12.5 * MIB);
    // The dense artifacts above are at the byte cap, under it: their tokens refuse them.
    for (const { text } of [DENSE_SEQ, DENSE_MAP, ERRORS]) {
      expect(text.length).toBeGreaterThan(0.95 * YAML_CAP);
      expect(text.length).toBeLessThanOrEqual(YAML_CAP);
    }
  });
});
