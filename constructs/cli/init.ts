import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { LANGUAGES, parseLanguage, shellQuote, SovereignLzError, terminalText, type Language } from '../core';
import { reportError } from './errors';
import { inputsHelp } from './help';

/** The package's name, as its package.json and the projects that depend on it spell it. */
const PACKAGE_NAME = 'sovereign-lz';

/** The part of this copy's package.json that init reads. */
export interface OwnManifest {
  readonly name: string;
  readonly version: string;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/** What the scaffold's jest test needs, at the versions this repository tests with. */
const TEST_TOOLS = ['@types/jest', '@types/node', 'jest', 'ts-jest', 'typescript'] as const;

/** The files init writes, in this order. */
export const SCAFFOLD_FILES = [
  'package.json',
  'zone.yaml',
  'profile.json',
  'zone.test.ts',
  'jest.config.js',
  'tsconfig.json',
  '.gitignore',
] as const;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * The root of this copy of sovereign-lz: the nearest directory above `from` whose package.json
 * is this package's (lib/constructs/cli once built, constructs/cli in the sources).
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && readJson<{ name?: string }>(file).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${from}`);
  }
}

/** Where the scaffold's package.json installs sovereign-lz from, and why. */
export interface PackageSource {
  /** The dependency spec: a version range, a `file:` path relative to the project, or a git URL. */
  readonly spec: string;
  /** `option` (--from), `git` (the checkout's remote), `checkout` (its path), `installed` (the lock's resolved), `registry`. */
  readonly origin: 'option' | 'git' | 'checkout' | 'installed' | 'registry';
}

/** What {@link packageSource} looks at. */
export interface PackageSourceOptions {
  /** The root of this copy ({@link packageRoot}). */
  readonly root: string;
  readonly version: string;
  /** The new project's directory (absolute): `file:` specs are relative to it. */
  readonly projectDir: string;
  /** `--from SPEC`: overrides everything; a path is taken relative to `cwd`. */
  readonly from?: string;
  readonly cwd: string;
  /** The URL of a checkout's remote `origin`, or undefined (no git, no remote). */
  readonly originOf?: (checkout: string) => string | undefined;
}

function gitOrigin(checkout: string): string | undefined {
  const r = spawnSync('git', ['remote', 'get-url', 'origin'], { cwd: checkout, encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** `file:` and the path of `target` from the project, with forward slashes (what npm writes). */
function fileSpec(target: string, projectDir: string): string {
  return `file:${relative(projectDir, target).split(sep).join('/') || '.'}`;
}

/**
 * The npm spec of a git remote others can install from: `https://…` becomes `git+https://…`
 * (without credentials: a token in the URL must not reach a package.json), `git@host:path`
 * becomes `git+ssh://git@host/path`. A local path or `file://` URL gives undefined: no one
 * else can install from it.
 */
export function gitSpec(url: string): string | undefined {
  if (/^(git\+)?(https?|ssh|git):\/\//.test(url)) {
    const bare = url.replace(/^git\+/, '');
    let clean = bare;
    try {
      const parsed = new URL(bare);
      parsed.username = parsed.protocol.startsWith('http') ? '' : parsed.username;
      parsed.password = '';
      clean = parsed.toString();
    } catch {
      // Some forms npm accepts are no URL to the parser (ssh://git@host:org/repo): kept as they are.
    }
    return clean.startsWith('git://') ? clean : `git+${clean}`;
  }
  const scp = /^([^@/\s]+@)?([^:/\s]+):(?!\/)(\S+)$/.exec(url);
  if (scp && !/^[a-z]:[\\/]/i.test(url)) return `git+ssh://${scp[1] ?? ''}${scp[2]}/${scp[3]}`;
  return undefined;
}

/** One package of a package-lock.json (or node_modules/.package-lock.json). */
interface LockEntry {
  readonly resolved?: string;
  readonly link?: boolean;
}

/**
 * The spec of an installed copy, from the lock of the project it is installed in: the entry
 * of its directory (`node_modules/sovereign-lz`, or deeper) in the nearest lock above it.
 */
function installedSpec(options: PackageSourceOptions): string | undefined {
  const { root, projectDir, version } = options;
  if (!root.split(sep).includes('node_modules')) return undefined;
  for (let dir = dirname(root); dirname(dir) !== dir; dir = dirname(dir)) {
    const key = relative(dir, root).split(sep).join('/');
    for (const lockFile of [join(dir, 'package-lock.json'), join(dir, 'node_modules', '.package-lock.json')]) {
      if (!existsSync(lockFile)) continue;
      let entry: LockEntry | undefined;
      try {
        entry = readJson<{ packages?: Record<string, LockEntry> }>(lockFile).packages?.[key];
      } catch {
        continue;
      }
      if (!entry) continue;
      const resolved = entry.resolved ?? '';
      // A link (npm install ../dir): resolved is the target's path, relative to the lock.
      if (entry.link) return fileSpec(resolve(dir, resolved), projectDir);
      if (resolved.startsWith('file:')) return fileSpec(resolve(dir, resolved.slice('file:'.length)), projectDir);
      if (/^(git\+|git:)/.test(resolved)) return resolved;
      // A registry's tarball (…/-/sovereign-lz-0.1.0.tgz) is the published version; another URL is its own source.
      if (/^https?:/.test(resolved) && !resolved.endsWith(`/-/${PACKAGE_NAME}-${version}.tgz`)) return resolved;
      return `^${version}`;
    }
  }
  return undefined;
}

/**
 * Where a project scaffolded by this copy installs sovereign-lz from, while the package is not
 * published: `--from` if given; for a git checkout, its remote `origin` (as a git URL), else
 * its path; for an installed copy, what the lock of its project resolved it to (the tarball's
 * path, a git URL at a commit); otherwise the published version (`^VERSION`).
 */
export function packageSource(options: PackageSourceOptions): PackageSource {
  const { root, projectDir, version, from, cwd } = options;
  if (from !== undefined) {
    if (!from.trim() || /[\s\u0000-\u001f\u007f]/.test(from)) {
      throw new SovereignLzError(
        'USAGE',
        `--from '${from}' is not a package spec: give a tarball's path, a git URL or a version`,
      );
    }
    // A path (or file:path) is the user's, relative to where they run init; the spec is relative to the project.
    const path = from.startsWith('file:') ? from.slice('file:'.length) : from;
    const isPath = from.startsWith('file:') || /^(\.{1,2}([\\/]|$)|[\\/])/.test(from) || /\.(tgz|tar\.gz)$/.test(from);
    return { spec: isPath ? fileSpec(resolve(cwd, path), projectDir) : from, origin: 'option' };
  }
  if (existsSync(join(root, '.git'))) {
    const url = (options.originOf ?? gitOrigin)(root);
    const spec = url === undefined ? undefined : gitSpec(url);
    return spec ? { spec, origin: 'git' } : { spec: fileSpec(root, projectDir), origin: 'checkout' };
  }
  const installed = installedSpec(options);
  if (installed !== undefined) {
    return { spec: installed, origin: installed === `^${version}` ? 'registry' : 'installed' };
  }
  // An unpacked copy outside node_modules and outside git: its own path.
  if (!root.split(sep).includes('node_modules')) return { spec: fileSpec(root, projectDir), origin: 'checkout' };
  return { spec: `^${version}`, origin: 'registry' };
}

/** A DNS label from a directory's name, for the zone, the profile and the package: `My Zone` → `my-zone`. */
export function projectName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return name || 'my-zone';
}

/** An exact version (`30.5.2`) as a caret range; a range (`~5.9.3`, `^20.19.0`) as it is. */
function asRange(version: string): string {
  return /^\d+\.\d+\.\d+$/.test(version) ? `^${version}` : version;
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What {@link scaffoldFiles} writes into the files. */
export interface ScaffoldOptions {
  /** The zone's, the profile's and the package's name (a DNS label). */
  readonly name: string;
  /** The spec of sovereign-lz in package.json. */
  readonly spec: string;
  /** This copy's package.json: its peers, and the versions of the test tools. */
  readonly manifest: OwnManifest;
}

/** The site the scaffold declares, in zone.yaml, profile.json and zone.test.ts. */
const SITE = 'ma-site-1';

/** A placeholder digest: one repeated character, which the plan lists as one to replace. */
const digest = (c: string) => `sha256:${c.repeat(64)}`;

/**
 * The files of a new project, by name ({@link SCAFFOLD_FILES}): a package.json that installs
 * sovereign-lz from `spec` with its peers and jest; zone.yaml, a declaration with a public, an
 * internal and a sensitive workload, the in-country site the sensitive one needs, and flows;
 * profile.json, the profile that declares that site and the allowlists it uses; zone.test.ts,
 * a jest test with the matchers. Stand-in values validate (the project synthesizes at once) and
 * are marked PLACEHOLDER. Deterministic: the same options give the same bytes.
 */
export function scaffoldFiles(options: ScaffoldOptions): Record<(typeof SCAFFOLD_FILES)[number], string> {
  const { name, spec, manifest } = options;
  const peers = manifest.peerDependencies ?? {};
  const tools = manifest.devDependencies ?? {};
  const missing = TEST_TOOLS.filter((tool) => !tools[tool]);
  if (missing.length) throw new Error(`${PACKAGE_NAME}'s package.json has no devDependencies ${missing.join(', ')}`);
  const packageJson = {
    name,
    version: '0.1.0',
    private: true,
    description: `The landing zone ${name}, declared in zone.yaml and checked by sovereign-lz`,
    scripts: { synth: 'sovereign-lz synth zone.yaml --out out', test: 'jest' },
    dependencies: sorted({ [PACKAGE_NAME]: spec, ...peers }),
    devDependencies: sorted(Object.fromEntries(TEST_TOOLS.map((tool) => [tool, asRange(tools[tool])]))),
  };
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'zone.yaml': `# The landing zone, declared once. sovereign-lz places each workload where its classification
# may live under the profile (profile.json), builds the AWS stacks and the in-country Terraform
# stacks, and checks them: npx sovereign-lz synth zone.yaml --out out
# Values marked PLACEHOLDER validate but are stand-ins: replace them with yours before you
# deploy, here and in profile.json (JSON has no comments: there, the same values).
name: ${name}
profile: profile.json
# The AWS regions in use, home region first; profile.json allows each level its regions.
regions: [eu-west-3]
# In-country Kubernetes clusters, where sensitive data lives (Law 05-20 Art. 11).
sites:
  - name: ${SITE} # PLACEHOLDER: your site, as profile.json declares it
    storage:
      driver: ceph-rbd # volumes encrypted with keys of the key manager below
      clusterId: ceph-site-1 # PLACEHOLDER: your Ceph cluster
      pool: sensitive # PLACEHOLDER: its RBD pool
      kmsId: vault-site-1 # PLACEHOLDER: your key manager (profile.json: allowlists.inCountryKmsIds)
    logs:
      host: logs.sovereign.example # PLACEHOLDER: your log collector (allowlists.logSinks)
      cidrs: [10.30.0.0/24] # PLACEHOLDER: its addresses
      # PLACEHOLDER: the log forwarder (Fluent Bit) in your registry (allowlists.imageRegistries), by digest
      image: registry.sovereign.example/mirror/fluent-bit@${digest('f')}
    backupLocation: backup-site-1 # PLACEHOLDER: your Velero location (allowlists.backupLocations)
workloads:
  # Public: anywhere; unpinned, it goes to the first region.
  - name: portal
    classification: public
    stores:
      - { name: content, kind: objects }
  # Internal: an allowlisted AWS region (profile.json: levels.internal.cloudRegions).
  - name: records
    classification: internal
    stores:
      - { name: documents, kind: objects }
      - { name: app-logs, kind: logs }
  # Sensitive: national territory only, so the site; its objects live on the data tier's
  # encrypted volumes.
  - name: registry
    classification: sensitive
    stores:
      - { name: registry, kind: objects }
    services:
      - name: api
        tier: application
        # PLACEHOLDER: your images, in your registry, pinned by digest
        image: registry.sovereign.example/registry/api@${digest('a')}
        port: 8443
        healthCheckPath: /healthz
      - name: database
        tier: data
        image: registry.sovereign.example/registry/postgres@${digest('b')}
        port: 5432
        replicas: 1
        writablePaths: [/tmp, /var/run/postgresql]
        dataPath: /var/lib/postgresql/data
        env: { PGDATA: /var/lib/postgresql/data/pgdata }
        secrets: { POSTGRES_PASSWORD: { secret: registry-database, key: password } }
# The flows between tiers; every other flow is denied.
flows:
  - { from: registry/application, to: registry/data, port: 5432 }
  # records asks the registry whether a person exists: the answer is internal.
  - { from: records, to: registry, port: 8443, carries: internal }
`,
    'profile.json': `{
  "extends": "morocco",
  "id": "${name}",
  "name": "${name} under Morocco's law",
  "levels": { "internal": { "cloudRegions": ["eu-west-3"] } },
  "sites": [
    {
      "name": "${SITE}",
      "country": "MA",
      "regionValues": ["ma-site"],
      "zoneValues": ["ma-site-1a"],
      "operator": "PLACEHOLDER: who runs the site; regionValues and zoneValues: the topology.kubernetes.io/region and zone labels of its nodes"
    }
  ],
  "allowlists": {
    "imageRegistries": ["registry.sovereign.example"],
    "inCountryKmsIds": ["vault-site-1"],
    "logSinks": ["logs.sovereign.example"],
    "backupLocations": ["backup-site-1"]
  }
}
`,
    'zone.test.ts': ZONE_TEST,
    'jest.config.js': `/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\\\.ts$': 'ts-jest' },
  // Building and checking the zone takes seconds.
  testTimeout: 120000,
};
`,
    'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "moduleResolution": "node",
    "strict": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "types": ["jest", "node"]
  },
  "exclude": ["node_modules", "out"]
}
`,
    '.gitignore': 'node_modules/\nout/\nout-*/\ncdk.out/\ncdktf.out/\n',
  };
}

/**
 * The scaffold's jest test (also shown in docs/getting-started.md). Typed `string`: as a literal
 * type, the declaration file would carry its text, whose imports read as the module's own.
 */
export const ZONE_TEST: string = `// zone.test.ts
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from 'sovereign-lz/plan';
import { loadLandingZone, type BuiltLandingZone } from 'sovereign-lz/landing-zone';
import { planOf, synthesizeApp } from 'sovereign-lz/testing';
import 'sovereign-lz/testing/jest';

// zone.yaml, built as \`sovereign-lz synth\` builds it, once for this file.
let built: BuiltLandingZone;
let out: string;
let plan: Plan;
beforeAll(() => {
  out = synthesizeApp((context) => (built = loadLandingZone(join(__dirname, 'zone.yaml')).build(context)));
  plan = planOf(out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('the AWS side and the in-country site break no rule of the profile', () => {
  expect(built.aws).toBeCompliant(built.profile);
  expect(built.kubernetes).toBeCompliant(built.profile);
});

test('sensitive data stays on the in-country site, the rest goes to the cloud', () => {
  expect(plan).toPlaceWorkload('registry', 'site:${SITE}');
  expect(plan).toPlaceWorkload('records', 'aws:eu-west-3');
  expect(plan).toPlaceWorkload('portal', 'aws:eu-west-3');
});

test('only the declared flows are open', () => {
  expect(plan).toAllowFlow('registry/application', 'registry/data', 5432);
  expect(plan).toAllowFlow('records', 'registry', 8443);
  expect(plan).toDenyFlow('portal', 'registry');
});
`;

/** The flags of `sovereign-lz init`, as commander parses them. */
export interface InitCommandOptions {
  /** Where the project installs sovereign-lz from: a tarball's path, a git URL or a version. */
  readonly from?: string;
  /** The language of the summary: `en` (default) or `fr`. The files are in English. */
  readonly lang?: string;
}

/** Where `init` writes, what it runs in, and how it asks git (tests give their own). */
export interface InitIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** This copy's root (default: {@link packageRoot}). */
  readonly root?: string;
  readonly originOf?: (checkout: string) => string | undefined;
}

const ORIGINS: Record<PackageSource['origin'], { en: string; fr: string }> = {
  option: { en: 'given by --from', fr: 'donnée par --from' },
  git: { en: "the remote of this copy's git checkout", fr: 'le dépôt distant de cette copie git' },
  checkout: { en: 'the path of this copy', fr: 'le chemin de cette copie' },
  installed: { en: 'where this copy was installed from', fr: "d'où cette copie a été installée" },
  registry: { en: 'the published version', fr: 'la version publiée' },
};

function summary(shown: string, cdTarget: boolean, name: string, source: PackageSource, language: Language): string {
  const path = (file: string) => (shown === '.' ? file : `${shown.replace(/[\\/]+$/, '')}/${file}`);
  const origin = ORIGINS[source.origin][language];
  const cd = cdTarget ? `cd ${shellQuote(shown)} && ` : '';
  const fr = language === 'fr';
  const lines = fr
    ? [
        `projet '${name}' créé dans ${shown} :`,
        `  ${path('package.json')} : sovereign-lz depuis ${source.spec} (${origin}), ses dépendances pairs, jest`,
        `  ${path('zone.yaml')} : une charge de travail publique, une interne et une sensible, le site national qu'exige la dernière, les flux`,
        `  ${path('profile.json')} : le profil (morocco) qui déclare ce site et ses listes autorisées`,
        `  ${path('zone.test.ts')}, jest.config.js, tsconfig.json, .gitignore : un test jest avec les matchers`,
        'Les valeurs marquées PLACEHOLDER sont à remplacer avant de déployer. Ensuite :',
        `  ${cd}npm install`,
        '  npx sovereign-lz synth zone.yaml --out out',
        '  npm test',
      ]
    : [
        `created project '${name}' in ${shown}:`,
        `  ${path('package.json')}: sovereign-lz from ${source.spec} (${origin}), its peers, jest`,
        `  ${path('zone.yaml')}: a public, an internal and a sensitive workload, the in-country site it needs, flows`,
        `  ${path('profile.json')}: the profile (morocco) that declares the site and its allowlists`,
        `  ${path('zone.test.ts')}, jest.config.js, tsconfig.json, .gitignore: a jest test with the matchers`,
        'Replace the values marked PLACEHOLDER before you deploy. Next:',
        `  ${cd}npm install`,
        '  npx sovereign-lz synth zone.yaml --out out',
        '  npm test',
      ];
  return lines.map((l) => `${terminalText(l, { singleLine: true })}\n`).join('');
}

function processIo(): InitIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}

/**
 * `sovereign-lz init [DIR] [--from SPEC] [--lang en|fr]`: writes a new project into DIR
 * (default: the working directory), which must be absent or empty ({@link scaffoldFiles}).
 * Returns the exit code: 0, or 2 when DIR is not an empty directory (nothing is written) or on
 * bad usage (one line naming it).
 */
export function runInit(dir: string | undefined, options: InitCommandOptions, io: Partial<InitIo> = {}): number {
  const { stdout, stderr, cwd, root, originOf } = { ...processIo(), ...io };
  try {
    const language = parseLanguage(options.lang ?? 'en', '--lang');
    const shown = dir ?? '.';
    const target = resolve(cwd, shown);
    if (existsSync(target)) {
      if (!statSync(target).isDirectory()) {
        throw new SovereignLzError(
          'INIT_REFUSED',
          `${shown}: not a directory: init writes a new project into an absent or empty directory`,
        );
      }
      const entries = readdirSync(target).sort();
      if (entries.length) {
        throw new SovereignLzError(
          'INIT_REFUSED',
          `${shown}: not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}: ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): init writes a new project into an absent or empty directory and touches nothing else; name a new one, e.g. sovereign-lz init my-zone`,
        );
      }
    }
    const ownRoot = root ?? packageRoot();
    const manifest = readJson<OwnManifest>(join(ownRoot, 'package.json'));
    const source = packageSource({
      root: ownRoot,
      version: manifest.version,
      projectDir: target,
      from: options.from,
      cwd,
      originOf,
    });
    const name = projectName(target);
    const files = scaffoldFiles({ name, spec: source.spec, manifest });
    // Before writing: a DIR no shell command can name is refused with nothing written.
    const text = summary(shown, target !== resolve(cwd), name, source, language);
    mkdirSync(target, { recursive: true });
    // 'wx': a file that appeared since the check is not overwritten.
    for (const file of SCAFFOLD_FILES) writeFileSync(join(target, file), files[file], { flag: 'wx' });
    stdout(text);
    return 0;
  } catch (e) {
    return reportError(e, stderr, { oneLine: true });
  }
}

/** What `sovereign-lz init --help` says DIR and --from may be. */
export const INIT_INPUTS_HELP = inputsHelp(
  'DIR, one directory (default: the working directory), absent or empty; --from, where the project installs sovereign-lz from',
  [
    { what: 'a new directory, created with its parents', example: 'sovereign-lz init my-zone' },
    {
      what: 'a tarball of the package (npm pack in a clone of the repository), by its path from here',
      example: 'sovereign-lz init my-zone --from ../sovereign-lz/sovereign-lz-0.1.0.tgz',
    },
    {
      what: 'a git URL (npm clones it and builds lib/), or a version once the package is published',
      example: 'sovereign-lz init my-zone --from git+https://github.com/YOUR-ORG/sovereign-lz.git',
    },
  ],
  [
    "Without --from: a git checkout's remote origin (else its path), an installed copy's source as its project's package-lock.json resolved it (a tarball, a git commit), else ^VERSION. A directory that holds anything is refused (exit 2), and nothing is written.",
  ],
);

/**
 * The `init` subcommand for commander. `onExit` receives the exit code, e.g.
 * `cli.addCommand(initCommand((code) => (exitCode = code)))`.
 */
export function initCommand(onExit: (code: number) => void, io: Partial<InitIo> = {}): Command {
  return new Command('init')
    .description(
      'write a new project into DIR: package.json (sovereign-lz, its peers, jest), zone.yaml (a public, an internal and a sensitive workload, an in-country site, flows), profile.json (the site and its allowlists), zone.test.ts (exit 0; 2: DIR not empty, nothing written)',
    )
    .argument('[dir]', 'an absent or empty directory (default: the working directory)')
    .option('--from <spec>', 'where the project installs sovereign-lz from: a tarball path, a git URL or a version')
    .option('--lang <lang>', `language of the summary: ${LANGUAGES.join(', ')} (the files are in English)`, 'en')
    .addHelpText('after', INIT_INPUTS_HELP)
    .exitOverride()
    .showHelpAfterError('(run sovereign-lz init --help for usage)')
    .action((dir: string | undefined, options: InitCommandOptions) => onExit(runInit(dir, options, io)));
}
