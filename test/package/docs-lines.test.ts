import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { childEnv, readJson, writeProjectLock, type Manifest } from '../../bench/consumer-project';

// The README's quick start and docs/getting-started.md, line for line: the README's lines in a
// fresh copy of the repository (its files as git lists them, in a new git repository), and
// getting-started's from the tarball that `npm pack` makes there, installed into an empty
// project. Every shell line of their code blocks runs, in order, in the directory its `cd`s
// lead to; a block that starts with a file's name (`# records.yaml`, `// my-zone.js`) is
// written to that file. What a line cannot do here is replaced or skipped, each rule for a
// reason:
// - skipped, and nothing else: `git clone URL` and `npm install git+URL` (no repository is
//   published, and they need the network: the fresh copy stands for the clone), and the
//   README's `npm ci && npm test` (the test command itself, which CI runs: .ci/run);
// - `npm ci` in the copy: its node_modules is a link to the repository's, which `npm ci`
//   installed from the same package-lock.json; the lib/ that npm ci's `prepare` builds is built
//   by `npm pack` (prepack runs the same `npm run build`), whose line runs before the README's;
// - `npm install [PACKAGES]` in a project: the packages are added to its package.json as npm
//   adds them (`^VERSION` of the repository's lock, the tarball's `file:` path), and `npm
//   install` runs, scripts included, from a package-lock.json made of the repository's lock
//   entries (bench/consumer-project.ts): from the npm cache, without the registry;
// - the README's check lines name a template written by another tool and an earlier output,
//   which no line makes: the test makes them from the outputs before them (the minimal
//   example's template, and its output as the earlier one).
// Besides the code blocks, the README's quick start gives commands in its prose: the minimal
// example's runs (the check lines read its output); `npx cdktf synth` runs without
// CHECKPOINT_DISABLE, with HTTPS refused, the case where cdktf used to rewrite cdktf.json (with
// the variable, it reports nothing and writes nothing); the EU example and `npx cdk synth` are
// synthesized by test/examples/ (the EU example's output folder is checked ignored below). Slow
// (a build, three installs, six syntheses, a jest run: some three minutes on two cores):
// SOVEREIGN_LZ_DOCS_TIMINGS=1 prints the time of each line.

const repo = join(__dirname, '..', '..');
const manifest = readJson<Manifest & { scripts: Record<string, string> }>(join(repo, 'package.json'));
const tarballName = `${manifest.name}-${manifest.version}.tgz`;

/** The commands the README's quick start gives in its prose that run here, after the code block before them. */
const README_PROSE = ['npx sovereign-lz synth examples/minimal/zone.yaml --out out-minimal'];
/** The other commands of its prose (see the header). */
const README_PROSE_ELSEWHERE = [
  'npx sovereign-lz synth eu-regulated --out out-eu',
  'CHECKPOINT_DISABLE=1 npx cdktf synth',
  'npx cdk synth',
];

/** The lines not run, and why. */
const SKIPS = [
  { doc: 'README.md', pattern: /^npm ci && npm test$/, why: 'the test command itself, which CI runs' },
  { doc: 'docs/getting-started.md', pattern: /^git clone https:\/\//, why: 'a clone of a URL: the fresh copy' },
  { doc: 'docs/getting-started.md', pattern: /^npm install git\+https:\/\//, why: 'an install from a git URL' },
];

/** A step of a document: a shell line, or a file to write. */
type Step = { readonly line: string } | { readonly file: string; readonly text: string };

/** The steps of `markdown` between `## heading` and the next `## ` (the whole text without one), in order. */
function steps(markdown: string, heading?: string, prose: readonly string[] = []): Step[] {
  let text = markdown;
  if (heading) {
    const start = markdown.indexOf(`\n## ${heading}\n`);
    const end = markdown.indexOf('\n## ', start + 1);
    text = markdown.slice(start, end < 0 ? undefined : end);
  }
  const found: { at: number; steps: Step[] }[] = [];
  for (const m of text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const [, lang, body] = m;
    const named = /^(?:#|\/\/) ([\w.-]+\.(?:ya?ml|js|ts|json))\n/.exec(body);
    if (named) found.push({ at: m.index, steps: [{ file: named[1], text: body }] });
    else if (lang === 'sh') {
      const lines = body.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#'));
      found.push({ at: m.index, steps: lines.map((line) => ({ line })) });
    }
  }
  for (const line of prose) {
    const at = text.indexOf(`\`${line}\``);
    if (at < 0) throw new Error(`the README's quick start no longer says \`${line}\``);
    found.push({ at, steps: [{ line }] });
  }
  return found.sort((a, b) => a.at - b.at).flatMap((f) => f.steps);
}

/** What ran. */
interface Ran {
  readonly doc: string;
  readonly line: string;
  readonly command: string;
  readonly cwd: string;
  readonly status: number | null;
  readonly seconds: number;
  readonly output: string;
}

/** The environment of every line: no registry (the npm cache), no update check, no colour. */
const ENV = {
  npm_config_prefer_offline: 'true',
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  NO_COLOR: '1',
  SOVEREIGN_LZ_DEBUG: '',
  SOVEREIGN_LZ_LANG: '',
};

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e = childEnv({ ...ENV, ...extra });
  // A jest run of a project is its own: not a worker of this one.
  delete e.JEST_WORKER_ID;
  return e;
}

let work: string;
let copy: string;
let tarball: string;
const ran: Ran[] = [];
const skipped: { doc: string; line: string; why: string }[] = [];
/** What `npm install` printed, by project directory. */
const installs: { dir: string; output: string }[] = [];

function exec(doc: string, line: string, command: string, cwd: string, extraEnv: Record<string, string> = {}): Ran {
  const started = Date.now();
  const r = spawnSync('bash', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: env(extraEnv),
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = {
    doc,
    line,
    command,
    cwd: relative(work, cwd) || '.',
    status: r.status,
    seconds: (Date.now() - started) / 1000,
    output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`,
  };
  ran.push(result);
  return result;
}

/** `npm install [PACKAGES]` as npm would resolve it, from the repository's lock (see the header). */
function lockedInstall(doc: string, line: string, cwd: string, args: readonly string[]): Ran {
  const file = join(cwd, 'package.json');
  const project = readJson<{ dependencies?: Record<string, string> }>(file);
  const lock = readJson<{ packages: Record<string, { version?: string }> }>(join(repo, 'package-lock.json')).packages;
  const dependencies = { ...project.dependencies };
  for (const arg of args) {
    if (arg.startsWith('-')) throw new Error(`${line}: an npm flag this test does not model`);
    if (arg.endsWith('.tgz')) {
      expect(resolve(cwd, arg)).toBe(tarball);
      dependencies[manifest.name] = `file:${relative(cwd, tarball)}`;
    } else {
      const version = lock[`node_modules/${arg}`]?.version;
      if (!version) throw new Error(`${line}: ${arg} is not in the repository's package-lock.json`);
      dependencies[arg] = `^${version}`;
    }
  }
  if (args.length) {
    const sorted = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileSync(file, `${JSON.stringify({ ...project, dependencies: sorted }, null, 2)}\n`);
  }
  writeProjectLock(repo, cwd, { tarball });
  const r = exec(doc, line, 'npm install --prefer-offline --no-audit --no-fund', cwd);
  installs.push({ dir: relative(work, cwd), output: r.output });
  return r;
}

/**
 * Runs the steps of a document from `cwd`; returns the directory its `cd`s led to. Stops at the
 * first line that fails (the next ones would fail for it).
 */
function run(doc: string, list: readonly Step[], start: string): string {
  let cwd = start;
  for (const step of list) {
    if ('file' in step) {
      writeFileSync(join(cwd, step.file), step.text);
      continue;
    }
    // A trailing comment is the docs' own; `&&` chains run one command after another.
    const line = step.line.replace(/\s+#\s.*$/, '').trim();
    const skip = SKIPS.find((s) => s.doc === doc && s.pattern.test(line));
    if (skip) {
      skipped.push({ doc, line, why: skip.why });
      continue;
    }
    for (const command of line.split('&&').map((c) => c.trim())) {
      const words = command.split(/\s+/);
      let result: Ran | undefined;
      if (words[0] === 'cd') {
        cwd = resolve(cwd, words[1]);
        if (!existsSync(cwd)) throw new Error(`${doc}: ${step.line}: no directory ${cwd}`);
      } else if (command === 'npm ci' && cwd === copy) {
        // The copy's node_modules is linked (see the header).
      } else if (words[0] === 'npm' && words[1] === 'install')
        result = lockedInstall(doc, step.line, cwd, words.slice(2));
      else result = exec(doc, step.line, command, cwd);
      if (result && result.status !== 0) return cwd;
      // The README's check lines read a template of another tool and an earlier output: made here.
      if (command === 'npx sovereign-lz synth examples/minimal/zone.yaml --out out-minimal') {
        copyFileSync(join(cwd, 'out-minimal', 'aws', 'Records.template.json'), join(cwd, 'template.yaml'));
        cpSync(join(cwd, 'out-minimal'), join(cwd, 'out-before'), { recursive: true });
      }
    }
  }
  return cwd;
}

const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const gettingStarted = readFileSync(join(repo, 'docs', 'getting-started.md'), 'utf8');
const gettingStartedSteps = steps(gettingStarted);
/** Getting-started's first block: the clone, built and packed; the README's lines run after it. */
const packStep = gettingStartedSteps.findIndex((s) => 'line' in s && s.line.includes('npm pack'));
const packBlockEnd = gettingStartedSteps.findIndex((s, i) => i > packStep && 'line' in s && s.line.trim() === 'cd ..');

let project: string;
let zone: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-docs-'));
  copy = join(work, 'sovereign-lz');
  tarball = join(copy, tarballName);
  // The repository's files as a fresh clone has them (with the working tree's changes).
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repo, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(repo, file), join(copy, file));
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: copy, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  git('init', '-q');
  // The link stands for the node_modules directory that .gitignore ignores (a link is no directory to git).
  writeFileSync(join(copy, '.git', 'info', 'exclude'), '/node_modules\n');
  git('add', '-A');
  git(
    '-c',
    'user.name=docs',
    '-c',
    'user.email=docs@example.org',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-qm',
    'fresh',
  );

  const afterPack = run('docs/getting-started.md', gettingStartedSteps.slice(0, packBlockEnd + 1), work);
  if (afterPack !== work) return;
  run('README.md', steps(readme, 'Quick start', README_PROSE), copy);
  // Without CHECKPOINT_DISABLE, cdktf reports to HashiCorp and writes a projectId into a
  // cdktf.json that has none: HTTPS is refused here, and CI=true keeps it out of the home directory.
  writeFileSync(
    join(work, 'no-https.js'),
    "const https = require('node:https');\nhttps.request = https.get = () => { throw new Error('no network in this test'); };\n",
  );
  exec('README.md', 'npx cdktf synth', 'npx cdktf synth', copy, {
    NODE_OPTIONS: `--require ${join(work, 'no-https.js')}`,
    CHECKPOINT_DISABLE: '',
    CI: 'true',
  });
  // The template "of another tool" is the test's input, not an output of the README.
  rmSync(join(copy, 'template.yaml'), { force: true });

  project = join(work, 'my-project');
  zone = join(project, 'my-zone');
  run('docs/getting-started.md', gettingStartedSteps.slice(packBlockEnd + 1), work);
}, 1_200_000);

afterAll(() => {
  if (process.env.SOVEREIGN_LZ_DOCS_TIMINGS) {
    process.stderr.write(
      ran.map((r) => `${r.seconds.toFixed(1).padStart(6)} s  ${r.doc}  (${r.cwd}) ${r.command}\n`).join('') +
        `${ran.reduce((sum, r) => sum + r.seconds, 0).toFixed(1)} s in all\n`,
    );
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The lines of a document that did not exit 0, with the end of their output. */
const failures = (doc: string) =>
  ran
    .filter((r) => r.doc === doc && r.status !== 0)
    .map((r) => ({ line: r.line, cwd: r.cwd, status: r.status, output: r.output.slice(-3000) }));

test('every shell line of the README quick start runs in a fresh copy of the repository', () => {
  expect(failures('README.md')).toEqual([]);
  expect(ran.filter((r) => r.doc === 'README.md').map((r) => r.command)).toEqual([
    'npm run synth',
    ...README_PROSE,
    'npx sovereign-lz check out/',
    'npx sovereign-lz check template.yaml --profile eu --region eu-west-3 --format sarif --output report.sarif',
    'npx sovereign-lz diff out-before/ out/ --format markdown',
    'npx cdktf synth',
  ]);
});

test('every shell line of docs/getting-started.md runs from the packed tarball, in an empty project', () => {
  expect(failures('docs/getting-started.md')).toEqual([]);
  const commands = ran.filter((r) => r.doc === 'docs/getting-started.md').map((r) => r.command);
  expect(commands).toEqual(expect.arrayContaining(['npm pack', 'npx sovereign-lz init my-zone', 'npm test']));
  // The scaffold's test passed: its three tests.
  expect(ran.find((r) => r.command === 'npm test')?.output).toMatch(/Tests:\s+3 passed, 3 total/);
});

test('the lines not run are the test command itself and the clone and install from a git URL', () => {
  expect(skipped.map((s) => `${s.doc}: ${s.line}`)).toEqual([
    'docs/getting-started.md: git clone https://github.com/YOUR-ORG/sovereign-lz.git',
    'README.md: npm ci && npm test',
    'docs/getting-started.md: npm install git+https://github.com/YOUR-ORG/sovereign-lz.git aws-cdk-lib constructs',
  ]);
});

test('the fresh copy stays clean: outputs ignored, package.json restored after npm pack, cdktf.json kept', () => {
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: copy, encoding: 'utf8' });
  expect(status.stdout).toBe('');
  expect(existsSync(join(copy, 'report.sarif'))).toBe(true);
  expect(existsSync(join(copy, 'cdktf.out', 'stacks', 'ma-casablanca-1', 'cdk.tf.json'))).toBe(true);
  for (const line of README_PROSE_ELSEWHERE) expect(readme).toContain(`\`${line}\``);
});

test('every output folder the README and docs suggest is ignored by git and by Prettier', () => {
  const docs = [readme, ...readdirSync(join(repo, 'docs')).map((f) => readFileSync(join(repo, 'docs', f), 'utf8'))];
  const folders = new Set(
    docs.flatMap((text) => [...text.matchAll(/(?:--out |\bdiff )(out[\w/-]*)/g)].map((m) => m[1].replace(/\/$/, ''))),
  );
  expect([...folders]).toEqual(expect.arrayContaining(['out', 'out-eu', 'out-minimal', 'out-before']));
  const prettier = join(repo, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
  for (const file of [...[...folders].map((dir) => `${dir}/compliance.json`), 'report.sarif']) {
    const git = spawnSync('git', ['check-ignore', '-q', file], { cwd: copy }).status === 0;
    const info = spawnSync(process.execPath, [prettier, '--file-info', file], { cwd: copy, encoding: 'utf8' });
    expect({ file, git, prettier: JSON.parse(info.stdout).ignored }).toEqual({ file, git: true, prettier: true });
  }
});

test("the tarball's package.json is the repository's without prepare: a tarball install runs no script", () => {
  const packed = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
  const packedManifest = JSON.parse(packed.stdout);
  const { prepare, ...scripts } = manifest.scripts;
  expect(prepare).toBe('npm run build');
  expect(packedManifest).toEqual({ ...manifest, scripts });
  const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout;
  expect(listing).toContain('package/lib/constructs/cli/init.js');
  // npm lists the scripts of installed packages it was not told to allow: none of ours.
  expect(installs.length).toBeGreaterThanOrEqual(3);
  for (const install of installs)
    expect({ ...install, output: install.output.match(/.*sovereign-lz.*/g) }).toEqual({
      ...install,
      output: null,
    });
});

test('the scaffold installs sovereign-lz from the tarball, by its path from the project', () => {
  const pkg = readJson<{ dependencies: Record<string, string> }>(join(zone, 'package.json'));
  expect(pkg.dependencies['sovereign-lz']).toBe(`file:${relative(zone, tarball)}`);
  expect(pkg.dependencies['sovereign-lz']).toBe('file:../../sovereign-lz/sovereign-lz-0.1.0.tgz');
  expect(existsSync(join(zone, 'out', 'plan.md'))).toBe(true);
  expect(existsSync(join(zone, 'out-records', 'aws', 'Records.template.json'))).toBe(true);
});

test('from the installed package, the examples of the README say where they are and what to do instead', () => {
  for (const example of ['minimal', 'eu-regulated']) {
    const r = exec('installed', `npx sovereign-lz synth ${example}`, `npx sovereign-lz synth ${example}`, project);
    expect(r.status).toBe(2);
    expect(r.output).toContain(
      `no example named '${example}' in this installation: the examples are in the repository (examples/), not in the package; synthesize a declaration (sovereign-lz synth zone.yaml)`,
    );
  }
  expect(existsSync(join(project, 'out'))).toBe(false);
});
