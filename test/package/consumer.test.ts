import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  childEnv,
  type Manifest,
  moduleReferences,
  node,
  npmInstall,
  pack,
  type PackResult,
  packageOf,
  readJson,
  writeConsumerProject,
} from '../../bench/consumer-project';

// The package as a consumer gets it: `npm pack`, installed into a fresh project with its peers
// (from the npm cache: the versions of this repository's package-lock.json), loaded from
// CommonJS and TypeScript, and its CLI run from node_modules/.bin. lib/ must be built
// (`npm test` builds first, see `pretest`).

const repo = join(__dirname, '..', '..');
const manifest = readJson<Manifest>(join(repo, 'package.json'));

/** The entry points the package promises. */
const ENTRY_POINTS = ['.', './core', './aws', './kubernetes', './compliance', './testing', './testing/jest'];
/** The peer frameworks; an entry point not listed in FRAMEWORKS_OF loads none of them. */
const FRAMEWORKS = ['@cdktf/provider-kubernetes', 'aws-cdk-lib', 'cdktf', 'constructs'];
/** The frameworks each world (directory of lib/constructs, and its entry point) loads. */
const FRAMEWORKS_OF: Record<string, readonly string[]> = {
  aws: ['aws-cdk-lib', 'constructs'],
  kubernetes: ['@cdktf/provider-kubernetes', 'cdktf', 'constructs'],
  'landing-zone': ['aws-cdk-lib', 'constructs'],
};
/** Frameworks a world may load later, only when needed (the landing zone loads cdktf for sites only). */
const LAZY_FRAMEWORKS_OF: Record<string, readonly string[]> = { 'landing-zone': ['cdktf'] };
const OPTIONAL_PEERS = ['@cdktf/provider-kubernetes', 'cdktf'];
/** Files beside the code, for readers of the package. */
const DOCUMENTS = ['CHANGELOG.md', 'LICENSE', 'README.md'];

/** The world of a file or entry point: `aws` for lib/constructs/aws/…, `./aws`. */
function worldOf(path: string): string {
  return path.replace(/^\.\/|^lib\/constructs\//, '').split('/')[0];
}

/** The specifier that loads an `exports` entry: `sovereign-lz/aws` for `./aws`. */
function specifierOf(entry: string): string {
  return entry === '.' ? manifest.name : `${manifest.name}/${entry.slice(2)}`;
}

/** The file targets of an `exports` entry, by condition. */
function targets(entry: string | Record<string, string>): Record<string, string> {
  return typeof entry === 'string' ? { default: entry } : entry;
}

/** Source files of the package: constructs/**\/*.ts except tests, relative to the repository. */
function sources(dir = 'constructs'): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(`${dir}/${e.name}`)
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')
        ? [`${dir}/${e.name}`]
        : [],
  );
}

let work: string;
let pkg: PackResult;
/** The unpacked tarball (its `package/` directory). */
let unpacked: string;
/** The consumer project: first with aws-cdk-lib and constructs only, then with the Kubernetes world too. */
let project: string;

/** Installs the tarball and `peers` into the consumer project (the second time, npm adds what is new). */
async function install(peers: readonly string[]): Promise<void> {
  writeConsumerProject(repo, project, pkg, peers);
  await npmInstall(project);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-consumer-'));
  pkg = pack(repo, work);
  const tar = spawnSync('tar', ['-xzf', pkg.tarball, '-C', work], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`cannot unpack ${pkg.tarball}: ${tar.stderr}`);
  unpacked = join(work, 'package');
  project = join(work, 'consumer');
  mkdirSync(project);
}, 30_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  test('holds the compiled JavaScript and the declaration of every module, and the documents', () => {
    const missing = sources()
      .flatMap((src) => ['.js', '.d.ts'].map((ext) => `lib/${src.replace(/\.ts$/, ext)}`))
      .filter((file) => !pkg.files.includes(file));
    // A source without its output means lib/ is older than the sources: run `npm run build`.
    expect(missing).toEqual([]);
    expect(pkg.files).toEqual(expect.arrayContaining([...DOCUMENTS, 'package.json']));
    const js = pkg.files.filter((f) => f.endsWith('.js'));
    expect(js.filter((f) => !pkg.files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });

  test('holds nothing that only the repository needs', () => {
    const allowed = /^(lib\/constructs\/.+\.(js|d\.ts)|docs\/.+\.md|package\.json|CHANGELOG\.md|LICENSE|README\.md)$/;
    expect(pkg.files.filter((f) => !allowed.test(f))).toEqual([]);
    // Outputs of deleted sources linger in an incremental lib/. `npm pack` and `npm publish`
    // rebuild it from scratch (prepack removes it); this test packs the lib/ that is there.
    const stale = pkg.files
      .filter((f) => /^lib\/constructs\/.+\.(js|d\.ts)$/.test(f))
      .filter((f) => !existsSync(join(repo, f.replace(/^lib\//, '').replace(/\.(js|d\.ts)$/, '.ts'))));
    expect({ stale, fix: stale.length ? 'rm -rf lib && npm run build' : '' }).toEqual({ stale: [], fix: '' });
    expect(pkg.files.filter((f) => /(^|\/)(test|__snapshots__)\/|\.test\.|\.tsbuildinfo$|\.map$/.test(f))).toEqual([]);
  });

  test('holds every target of exports, main, types and bin, declarations first', () => {
    expect(Object.keys(manifest.exports)).toEqual(expect.arrayContaining([...ENTRY_POINTS, './package.json']));
    const has = (target: string) => pkg.files.includes(target.replace(/^\.\//, ''));
    for (const [entry, value] of Object.entries(manifest.exports)) {
      if (entry === './package.json') continue;
      const t = targets(value);
      // TypeScript takes the first matching condition: `types` must come before `default`.
      expect({ entry, conditions: Object.keys(t) }).toEqual({ entry, conditions: ['types', 'default'] });
      expect({ entry, types: t.types, packed: has(t.types) && t.types.endsWith('.d.ts') }).toEqual({
        entry,
        types: t.types,
        packed: true,
      });
      expect({ entry, default: t.default, packed: has(t.default) }).toEqual({
        entry,
        default: t.default,
        packed: true,
      });
    }
    for (const file of [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})]) {
      expect({ file, packed: typeof file === 'string' && has(file) }).toEqual({ file, packed: true });
    }
    for (const bin of Object.values(manifest.bin ?? {})) {
      expect(readFileSync(join(unpacked, bin), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    }
  });

  test('its modules load only dependencies and peers, each world only its own framework', () => {
    const runtime = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const problems: string[] = [];
    for (const file of pkg.files.filter((f) => /^lib\/.+\.(js|d\.ts)$/.test(f))) {
      const allowedFrameworks = [...(FRAMEWORKS_OF[worldOf(file)] ?? []), ...(LAZY_FRAMEWORKS_OF[worldOf(file)] ?? [])];
      for (const ref of moduleReferences(file, readFileSync(join(unpacked, file), 'utf8'))) {
        // `/// <reference types="node" />`: Node.js's own types, which every TypeScript user of Node has.
        const name = ref.specifier === 'node' && file.endsWith('.d.ts') ? undefined : packageOf(ref.specifier);
        const where = `${ref.file}:${ref.line} '${ref.specifier}'`;
        if (name === undefined) continue;
        if (!runtime.has(name)) problems.push(`${where}: not a dependency or peer dependency of the package`);
        else if (FRAMEWORKS.includes(name) && !allowedFrameworks.includes(name)) {
          problems.push(`${where}: ${worldOf(file)}/ must not load ${name}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('declares aws-cdk-lib and constructs as peers, cdktf and its provider as optional peers', () => {
    const lock = readJson<{ packages: Record<string, { version: string }> }>(join(repo, 'package-lock.json'));
    const peers = manifest.peerDependencies ?? {};
    expect(Object.keys(peers).sort()).toEqual(FRAMEWORKS);
    const optional = Object.keys(peers).filter((p) => manifest.peerDependenciesMeta?.[p]?.optional);
    expect(optional.sort()).toEqual(OPTIONAL_PEERS);
    // The tested versions (the lock's) are the floor of each range: no claim below what runs here.
    for (const peer of FRAMEWORKS) {
      expect({ peer, range: peers[peer] }).toEqual({
        peer,
        range: `^${lock.packages[`node_modules/${peer}`].version}`,
      });
    }
  });
});

/** What loading `specifier` in a fresh node process of `cwd` exports and which frameworks it loads. */
function load(cwd: string, specifier: string) {
  const script = `
    const extended = [];
    globalThis.expect = { extend: (m) => extended.push(...Object.keys(m)) }; // sovereign-lz/testing/jest needs jest's expect
    const mod = require(${JSON.stringify(specifier)});
    const frameworks = new Set();
    for (const file of Object.keys(require.cache)) {
      const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file.slice(file.lastIndexOf('node_modules/')));
      if (m && ${JSON.stringify(FRAMEWORKS)}.includes(m[1])) frameworks.add(m[1]);
    }
    process.stdout.write(JSON.stringify({ exports: Object.keys(mod).length, extended, frameworks: [...frameworks].sort() }));`;
  const r = node(cwd, ['-e', script]);
  if (r.status !== 0) throw new Error(`require('${specifier}') failed in ${cwd}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as { exports: number; extended: string[]; frameworks: string[] };
}

describe('a consumer with aws-cdk-lib and constructs only', () => {
  let dir: string;
  beforeAll(async () => {
    await install(['aws-cdk-lib', 'constructs']);
    dir = project;
  }, 120_000);

  test('installs without the optional peers', () => {
    const resolve = (name: string) => node(dir, ['-e', `require.resolve(${JSON.stringify(`${name}/package.json`)})`]);
    expect(resolve('aws-cdk-lib').status).toBe(0);
    for (const peer of OPTIONAL_PEERS)
      expect({ peer, installed: resolve(peer).status === 0 }).toEqual({ peer, installed: false });
  });

  test('loads every entry point but the Kubernetes world from CommonJS, each with its own framework only', () => {
    for (const entry of Object.keys(manifest.exports).filter((e) => e !== './kubernetes' && e !== './package.json')) {
      const specifier = specifierOf(entry);
      const loaded = load(dir, specifier);
      expect({ specifier, frameworks: loaded.frameworks }).toEqual({
        specifier,
        frameworks: FRAMEWORKS_OF[worldOf(entry)] ?? [],
      });
      if (entry === './testing/jest')
        expect(loaded.extended).toEqual([
          'toBeCompliant',
          'toHaveNoFindingOf',
          'toPlaceWorkload',
          'toAllowFlow',
          'toDenyFlow',
        ]);
      else expect({ specifier, exportsSomething: loaded.exports > 0 }).toEqual({ specifier, exportsSomething: true });
    }
    const version = node(dir, ['-p', `require('${manifest.name}/package.json').version`]);
    expect(version.stdout.trim()).toBe(manifest.version);
    // Only the entry points are public: deep imports into lib/ are refused.
    const deep = node(dir, ['-e', `require('${manifest.name}/lib/constructs/core/index.js')`]);
    expect(deep.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  test('says which optional peers to install when the Kubernetes world is loaded without them', () => {
    const r = node(dir, ['-e', `require('${manifest.name}/kubernetes')`]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('sovereign-lz/kubernetes needs its optional peer dependencies: npm install cdktf');
  });

  test('synthesizes a landing zone with the installed CLI, and checks it without loading a framework', () => {
    writeFileSync(
      join(dir, 'app.js'),
      `const { App } = require('aws-cdk-lib');
const { morocco } = require('sovereign-lz');
const { EncryptedBucket, SovereignStack } = require('sovereign-lz/aws');

exports.build = ({ awsOutdir }) => {
  const app = new App({ outdir: awsOutdir });
  const stack = new SovereignStack(app, 'Records', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  new EncryptedBucket(stack, 'Bucket');
  return { profile: morocco, aws: app };
};
`,
    );
    const bin = join(dir, 'node_modules', '.bin', 'sovereign-lz');
    const synth = spawnSync(bin, ['synth', './app.js', '--out', 'out'], {
      cwd: dir,
      encoding: 'utf8',
      env: childEnv(),
    });
    expect({ status: synth.status, stderr: synth.status === 0 ? '' : synth.stderr }).toEqual({ status: 0, stderr: '' });
    const template = readJson<{ Resources: Record<string, { Type: string; Properties?: any }> }>(
      join(dir, 'out', 'aws', 'Records.template.json'),
    );
    const buckets = Object.values(template.Resources).filter((r) => r.Type === 'AWS::S3::Bucket');
    expect(buckets.map((b) => b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0])).toContainEqual(
      expect.objectContaining({ ServerSideEncryptionByDefault: expect.objectContaining({ SSEAlgorithm: 'aws:kms' }) }),
    );
    expect(existsSync(join(dir, 'out', 'profile.json'))).toBe(true);

    // The check reads artifacts: it loads neither aws-cdk-lib nor cdktf (a preloaded probe lists what it loaded).
    writeFileSync(
      join(dir, 'probe.js'),
      `process.on('exit', () => {
  const names = Object.keys(require.cache).map((f) => (/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f.slice(f.lastIndexOf('node_modules/'))) || [])[1]);
  require('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify([...new Set(names.filter(Boolean))].sort()));
});
`,
    );
    const probeOut = join(dir, 'loaded.json');
    const check = spawnSync(bin, ['check', 'out/'], {
      cwd: dir,
      encoding: 'utf8',
      env: childEnv({ NODE_OPTIONS: `--require ${join(dir, 'probe.js')}`, PROBE_OUT: probeOut, NO_COLOR: '1' }),
    });
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('PASSED');
    expect(check.status).toBe(0);
    const loaded = readJson<string[]>(probeOut);
    expect(loaded).toContain(manifest.name);
    expect(loaded.filter((name) => FRAMEWORKS.includes(name))).toEqual([]);
  });
});

describe('a consumer with the Kubernetes world (cdktf and @cdktf/provider-kubernetes too)', () => {
  let dir: string;
  beforeAll(async () => {
    await install([...FRAMEWORKS, '@types/node']);
    dir = project;
  }, 120_000);

  test('loads sovereign-lz/kubernetes from CommonJS, with cdktf and without aws-cdk-lib', () => {
    const loaded = load(dir, `${manifest.name}/kubernetes`);
    expect(loaded.frameworks).toEqual(FRAMEWORKS_OF.kubernetes);
    expect(loaded.exports).toBeGreaterThan(0);
  });

  test('type-checks every entry point from TypeScript, through exports (module node16), declarations included', () => {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'node16',
          moduleResolution: 'node16',
          target: 'es2022',
          strict: true,
          noEmit: true,
          // The package's declarations are checked too, with what a consumer installs.
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['zone.ts'],
      }),
    );
    // Every entry point, then a typed use of each world as a consumer writes it.
    const entries = Object.keys(manifest.exports).filter((e) => e !== './package.json' && e !== './testing/jest');
    writeFileSync(
      join(dir, 'zone.ts'),
      `${entries.map((e, i) => `import * as entry${i} from '${specifierOf(e)}';\n`).join('')}
export const entries = [${entries.map((_, i) => `entry${i}`).join(', ')}];

import { App } from 'aws-cdk-lib';
import { App as TerraformApp } from 'cdktf';
import { morocco, type AppModule, type JurisdictionProfile } from 'sovereign-lz';
import { builtinProfile } from 'sovereign-lz/core';
import { EncryptedBucket, SovereignStack } from 'sovereign-lz/aws';
import { SovereignCluster } from 'sovereign-lz/kubernetes';
import { checkPaths, sarifReport } from 'sovereign-lz/compliance';
import { complianceMatchers } from 'sovereign-lz/testing';
import 'sovereign-lz/testing/jest';

export const build: AppModule['build'] = ({ awsOutdir, kubernetesOutdir }) => {
  const aws = new App({ outdir: awsOutdir });
  const stack = new SovereignStack(aws, 'Records', { env: { region: 'eu-west-3' }, profile: 'morocco', classification: 'internal' });
  new EncryptedBucket(stack, 'Bucket');
  const kubernetes = new TerraformApp({ outdir: kubernetesOutdir });
  const profile: JurisdictionProfile = morocco;
  return { profile, aws, kubernetes };
};
export const cluster: typeof SovereignCluster = SovereignCluster;
export const sarifVersion: '2.1.0' = sarifReport(checkPaths(['out'], { profile: builtinProfile('eu') })).version;
export const matchers = complianceMatchers;
declare const expectation: jest.Matchers<void>;
export const assertion: void = expectation.toHaveNoFindingOf('ENC-1', 'morocco');
`,
    );
    const tsc = node(dir, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
