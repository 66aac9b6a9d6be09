import { CommanderError } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  initCommand,
  packageSource,
  projectName,
  runInit,
  SCAFFOLD_FILES,
  scaffoldFiles,
  ZONE_TEST,
  type InitCommandOptions,
  type OwnManifest,
  type PackageSourceOptions,
} from '../../constructs/cli/init';
import { resolveAppModule, synthesize, type SynthResult } from '../../constructs/cli/synth';
import { loadProfileFile } from '../../constructs/core';
import { loadLandingZone } from '../../constructs/landing-zone';

// `sovereign-lz init` run in-process (the compiled lib/ may be older than the sources): what it
// writes, that the project synthesizes and checks at once, what it refuses, and where the
// project installs sovereign-lz from.

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as OwnManifest;
const ORIGIN = 'https://github.com/example-org/sovereign-lz.git';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-init-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function init(dir: string | undefined, options: InitCommandOptions = {}, cwd = work) {
  let out = '';
  let err = '';
  const code = runInit(dir, options, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    cwd,
    root,
    originOf: () => ORIGIN,
  });
  return { code, out, err };
}

const read = (file: string) => readFileSync(file, 'utf8');

describe('a new project', () => {
  let dir: string;
  let run: ReturnType<typeof init>;
  let synth: SynthResult;
  beforeAll(async () => {
    // A directory that does not exist yet, under one that does not either.
    run = init('projects/My Zone');
    dir = join(work, 'projects', 'My Zone');
    // As `npx sovereign-lz synth zone.yaml --out out` runs it in the project.
    synth = await synthesize(join(dir, 'zone.yaml'), join(work, 'my-zone-out'));
  }, 120_000);

  test('is written into a directory it creates, and the summary says what to do next', () => {
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([...SCAFFOLD_FILES].sort());
    expect(run.out).toContain("created project 'my-zone' in projects/My Zone:");
    expect(run.out).toContain(`sovereign-lz from git+${ORIGIN} (the remote of this copy's git checkout)`);
    expect(run.out).toContain("  cd 'projects/My Zone' && npm install\n  npx sovereign-lz synth zone.yaml --out out\n");
  });

  test('its package.json installs sovereign-lz, its peers at the tested versions and jest, and runs jest', () => {
    const pkg = JSON.parse(read(join(dir, 'package.json')));
    expect(pkg.name).toBe('my-zone');
    expect(pkg.scripts).toEqual({ synth: 'sovereign-lz synth zone.yaml --out out', test: 'jest' });
    expect(pkg.dependencies).toEqual({ 'sovereign-lz': `git+${ORIGIN}`, ...manifest.peerDependencies });
    const dev = manifest.devDependencies!;
    expect(pkg.devDependencies).toEqual({
      '@types/jest': `^${dev['@types/jest']}`,
      '@types/node': dev['@types/node'],
      jest: `^${dev.jest}`,
      'ts-jest': `^${dev['ts-jest']}`,
      typescript: dev.typescript,
    });
    // The version this repository tests with; ts-jest 29 refuses TypeScript 7.
    expect(pkg.devDependencies.typescript).toMatch(/^~5\.9\./);
  });

  test('synthesizes and checks at once: no error, the only warning the guardrail an organization adds', () => {
    expect(synth.profileId).toBe('my-zone');
    const errors = synth.compliance.findings.filter((f) => f.severity === 'error' && !f.suppressed);
    expect(errors.map((f) => `${f.rule} ${f.path ?? f.resource}`)).toEqual([]);
    const warnings = synth.compliance.findings.filter((f) => f.severity === 'warning' && !f.suppressed);
    expect(warnings.map((f) => f.rule)).toEqual(['RES-4/region-deny-scp']);
    expect(synth.plan.workloads.map((w) => [w.name, w.classification, w.place])).toEqual([
      ['portal', 'public', 'aws:eu-west-3'],
      ['records', 'internal', 'aws:eu-west-3'],
      ['registry', 'sensitive', 'site:ma-site-1'],
    ]);
    expect(synth.files).toContain('kubernetes/stacks/ma-site-1/cdk.tf.json');
    // The stand-in digests are listed as prerequisites to replace.
    const placeholders = synth.plan.prerequisites.filter((p) => /placeholder digest/.test(JSON.stringify(p)));
    expect(placeholders).toHaveLength(3);
  });

  test('its profile file loads: the site and the four allowlists a sensitive workload uses', () => {
    const profile = loadProfileFile(join(dir, 'profile.json'));
    expect(profile.id).toBe('my-zone');
    expect(profile.sites.map((s) => [s.name, s.country])).toContainEqual(['ma-site-1', 'MA']);
    expect(profile.allowlists.imageRegistries).toContain('registry.sovereign.example');
    expect(profile.allowlists.inCountryKmsIds).toContain('vault-site-1');
    expect(profile.allowlists.logSinks).toContain('logs.sovereign.example');
    expect(profile.allowlists.backupLocations).toContain('backup-site-1');
    expect(profile.levels.internal.cloudRegions).toEqual(['eu-west-3']);
  });

  test('the profile is what makes the site lawful: without its allowlists the declaration is refused', () => {
    const bare = join(work, 'bare');
    mkdirSync(bare);
    const profile = JSON.parse(read(join(dir, 'profile.json')));
    delete profile.allowlists;
    writeFileSync(join(bare, 'profile.json'), JSON.stringify(profile));
    writeFileSync(join(bare, 'zone.yaml'), read(join(dir, 'zone.yaml')));
    let message = '';
    try {
      loadLandingZone(join(bare, 'zone.yaml'));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/RES-3: log collector 'logs.sovereign.example' is not on the profile's allowlist/);
    expect(message).toMatch(/KEY-1: key manager 'vault-site-1' is not on the profile's allowlist/);
    expect(message).toMatch(/BCK-1: backup location 'backup-site-1' is not on the profile's allowlist/);
    expect(message).toMatch(/K8S-4: .*registry\.sovereign\.example/);
  });

  test("every stand-in of profile.json is marked PLACEHOLDER where zone.yaml uses it, or in the site's operator", () => {
    const lines = read(join(dir, 'zone.yaml')).split('\n');
    const profile = JSON.parse(read(join(dir, 'profile.json')));
    const values = [
      ...Object.values(profile.allowlists as Record<string, string[]>).flat(),
      ...profile.sites.map((s: { name: string }) => s.name),
    ];
    for (const value of values) {
      const at = lines.findIndex((l) => l.includes(value) && !l.trimStart().startsWith('#'));
      expect({ value, marked: at >= 0 && /PLACEHOLDER/.test(`${lines[at - 1]}\n${lines[at]}`) }).toEqual({
        value,
        marked: true,
      });
    }
    expect(profile.sites[0].operator).toMatch(/^PLACEHOLDER: /);
  });

  test('its files are in Prettier style (a formatter run leaves them alone)', () => {
    const prettier = join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
    const files = SCAFFOLD_FILES.filter((f) => f !== '.gitignore').map((f) => join(dir, f));
    const r = spawnSync(process.execPath, [prettier, '--config', join(root, '.prettierrc.json'), '--check', ...files], {
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).not.toContain('[warn]');
    expect(r.status).toBe(0);
  });

  test('docs/getting-started.md shows its test as init writes it', () => {
    expect(read(join(dir, 'zone.test.ts'))).toBe(ZONE_TEST);
    expect(read(join(root, 'docs', 'getting-started.md'))).toContain('```ts\n' + ZONE_TEST + '```\n');
  });
});

describe('what init refuses, writing nothing', () => {
  test('a directory that holds anything: exit 2, one line naming it', () => {
    const dir = join(work, 'taken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const r = init('taken');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'sovereign-lz: taken: not empty (1 entry: notes.txt): init writes a new project into an absent or empty directory and touches nothing else; name a new one, e.g. sovereign-lz init my-zone\n',
    );
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  test('the working directory when it is not empty', () => {
    const dir = join(work, 'here');
    mkdirSync(join(dir, '.git'), { recursive: true });
    const r = init(undefined, {}, dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sovereign-lz: \.: not empty \(1 entry: \.git\)/);
    expect(readdirSync(dir)).toEqual(['.git']);
  });

  test('a file', () => {
    writeFileSync(join(work, 'a-file'), '');
    const r = init('a-file');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sovereign-lz: a-file: not a directory/);
  });

  test('a --from that is no package spec, and an unknown --lang', () => {
    expect(init('spec', { from: 'a b' }).err).toMatch(/^sovereign-lz: --from 'a b' is not a package spec/);
    expect(init('lang', { lang: 'de' }).err).toMatch(/^sovereign-lz: --lang: unknown language 'de'/);
    expect(readdirSync(work).filter((f) => f === 'spec' || f === 'lang')).toEqual([]);
  });
});

test('the summary in French with --lang fr, into the working directory when it is empty', () => {
  const dir = join(work, 'vide');
  mkdirSync(dir);
  const r = init(undefined, { lang: 'fr' }, dir);
  expect(r.code).toBe(0);
  expect(r.out).toContain("projet 'vide' créé dans . :");
  // No `cd`: the project is here.
  expect(r.out).toContain('Ensuite :\n  npm install\n');
  expect(readdirSync(dir).sort()).toEqual([...SCAFFOLD_FILES].sort());
});

describe('where the project installs sovereign-lz from', () => {
  const version = '0.1.0';
  let base: string;
  beforeAll(() => {
    base = join(work, 'sources');
    mkdirSync(base);
  });
  const source = (options: Partial<PackageSourceOptions> & { root: string }) =>
    packageSource({ version, projectDir: join(base, 'my-zone'), cwd: base, originOf: () => undefined, ...options })
      .spec;

  test('a git checkout: its remote as a git URL, without credentials; without a remote, its path', () => {
    const checkout = join(base, 'sovereign-lz');
    mkdirSync(join(checkout, '.git'), { recursive: true });
    expect(source({ root: checkout, originOf: () => 'https://user:token@github.com/org/sovereign-lz.git' })).toBe(
      'git+https://github.com/org/sovereign-lz.git',
    );
    expect(source({ root: checkout, originOf: () => 'git@github.com:org/sovereign-lz.git' })).toBe(
      'git+ssh://git@github.com/org/sovereign-lz.git',
    );
    expect(source({ root: checkout, originOf: () => 'ssh://git@github.com:org/sovereign-lz.git' })).toBe(
      'git+ssh://git@github.com:org/sovereign-lz.git',
    );
    expect(source({ root: checkout, originOf: () => 'git://example.org/sovereign-lz.git' })).toBe(
      'git://example.org/sovereign-lz.git',
    );
    // A remote on this machine is no place others install from.
    expect(source({ root: checkout, originOf: () => '/srv/git/sovereign-lz' })).toBe('file:../sovereign-lz');
    expect(source({ root: checkout })).toBe('file:../sovereign-lz');
  });

  test("a git checkout's origin, read with git", () => {
    const checkout = join(base, 'clone');
    mkdirSync(checkout);
    const git = (...args: string[]) => spawnSync('git', args, { cwd: checkout, encoding: 'utf8' });
    git('init', '-q');
    expect(packageSource({ root: checkout, version, projectDir: join(base, 'z'), cwd: base }).spec).toBe(
      'file:../clone',
    );
    git('remote', 'add', 'origin', 'https://gitlab.example.org/team/sovereign-lz.git');
    expect(packageSource({ root: checkout, version, projectDir: join(base, 'z'), cwd: base }).spec).toBe(
      'git+https://gitlab.example.org/team/sovereign-lz.git',
    );
  });

  test("an installed copy: what its project's lock resolved it to, relative to the new project", () => {
    const project = join(base, 'consumer');
    const installed = join(project, 'node_modules', 'sovereign-lz');
    mkdirSync(installed, { recursive: true });
    const lock = (entry: object) =>
      writeFileSync(
        join(project, 'package-lock.json'),
        JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/sovereign-lz': entry } }),
      );
    lock({ version, resolved: 'file:../dist/sovereign-lz-0.1.0.tgz' });
    expect(source({ root: installed, projectDir: join(project, 'my-zone') })).toBe(
      'file:../../dist/sovereign-lz-0.1.0.tgz',
    );
    lock({ version, resolved: 'git+ssh://git@github.com/org/sovereign-lz.git#0123abc' });
    expect(source({ root: installed })).toBe('git+ssh://git@github.com/org/sovereign-lz.git#0123abc');
    lock({ version, resolved: 'https://registry.npmjs.org/sovereign-lz/-/sovereign-lz-0.1.0.tgz' });
    expect(source({ root: installed })).toBe('^0.1.0');
    lock({ resolved: '../sovereign-lz', link: true });
    expect(source({ root: installed })).toBe('file:../sovereign-lz');
    // Installed without a package-lock.json (--no-package-lock): npm's own copy in node_modules.
    rmSync(join(project, 'package-lock.json'));
    writeFileSync(
      join(project, 'node_modules', '.package-lock.json'),
      JSON.stringify({
        packages: { 'node_modules/sovereign-lz': { version, resolved: 'file:sovereign-lz-0.1.0.tgz' } },
      }),
    );
    expect(source({ root: installed })).toBe('file:../consumer/sovereign-lz-0.1.0.tgz');
    rmSync(join(project, 'node_modules', '.package-lock.json'));
    expect(source({ root: installed })).toBe('^0.1.0');
  });

  test('--from: a path from the working directory becomes a path from the project; anything else is kept', () => {
    const root = join(base, 'sovereign-lz');
    expect(source({ root, from: './dist/sovereign-lz-0.1.0.tgz' })).toBe('file:../dist/sovereign-lz-0.1.0.tgz');
    expect(source({ root, from: 'sovereign-lz-0.1.0.tgz' })).toBe('file:../sovereign-lz-0.1.0.tgz');
    expect(source({ root, from: 'file:../elsewhere' })).toBe('file:../../elsewhere');
    expect(source({ root, from: 'git+https://example.org/sovereign-lz.git#v0.1.0' })).toBe(
      'git+https://example.org/sovereign-lz.git#v0.1.0',
    );
    expect(source({ root, from: '^0.2.0' })).toBe('^0.2.0');
  });
});

test('the project name is a DNS label made from the directory name', () => {
  expect(projectName('/x/My Zone!')).toBe('my-zone');
  expect(projectName('/x/2026_Zone')).toBe('zone');
  expect(projectName('/x/123')).toBe('my-zone');
  expect(projectName(`/x/${'a'.repeat(50)}-b`)).toBe('a'.repeat(40));
});

test('the files are the same bytes for the same options', () => {
  const options = { name: 'z', spec: 'file:../x.tgz', manifest };
  expect(scaffoldFiles(options)).toEqual(scaffoldFiles(options));
});

test('--help lists the inputs, each with a command line', () => {
  let help = '';
  const command = initCommand(() => undefined).configureOutput({ writeOut: (t) => (help += t) });
  expect(() => command.parse(['--help'], { from: 'user' })).toThrow(CommanderError);
  expect(help).toContain('Usage: init [options] [dir]');
  expect(help).toContain('--from <spec>');
  expect(help).toContain('Inputs: DIR');
  expect(help).toContain('$ sovereign-lz init my-zone\n');
  expect(help).toContain('$ sovereign-lz init my-zone --from ../sovereign-lz/sovereign-lz-0.1.0.tgz');
});

test('an installed copy, which ships no examples, says where they are and what to synthesize instead', () => {
  // From the sources, examples/ holds no compiled app.js: as in an installed copy.
  expect(() => resolveAppModule('minimal')).toThrow(
    "no example named 'minimal' in this installation: the examples are in the repository (examples/), not in the package; synthesize a declaration (sovereign-lz synth zone.yaml) or an app module (sovereign-lz synth ./my-zone.js), or start a project with sovereign-lz init my-zone",
  );
});
