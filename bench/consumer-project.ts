import { spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// Pack the repository as npm would publish it, and install the tarball into a fresh project the
// way a consumer does: for test/package/consumer.test.ts, and for the benchmarks' cold start of
// `npx sovereign-lz` (bench/run.ts), which npm resolves from such a project.

/** The repository's package.json, as far as packaging reads it. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly main?: string;
  readonly types?: string;
  readonly engines?: Record<string, string>;
  readonly bin?: Record<string, string>;
  readonly exports: Record<string, string | Record<string, string>>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** One package of a package-lock.json (lockfileVersion 3). */
interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly [field: string]: unknown;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * The environment of npm and node child processes, without what `npm test` exports about this
 * repository: `npm_config_local_prefix` would make a child npm install into the repository
 * instead of the consumer project; `npm_package_*` and `npm_lifecycle_*` describe this package.
 * Other `npm_config_*` (cache, registry, proxy) are kept.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_config_local_prefix|npm_package_|npm_lifecycle_|NODE_OPTIONS$)/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export interface PackResult {
  /** Absolute path of the tarball. */
  readonly tarball: string;
  readonly size: number;
  readonly unpackedSize: number;
  /** Paths inside the package (without the `package/` prefix), sorted. */
  readonly files: readonly string[];
}

/**
 * `npm pack` of the repository into `dest`. Scripts are skipped: `npm test` has just built lib/
 * (`pretest`), and the clean rebuild of `prepack`/`prepare` would remove lib/ under the other
 * test files that run the CLI from it.
 */
export function pack(repo: string, dest: string): PackResult {
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], {
    cwd: repo,
    encoding: 'utf8',
    env: childEnv(),
  });
  if (r.status !== 0) throw new Error(`npm pack failed (${r.status}):\n${r.stderr}`);
  const [result] = JSON.parse(r.stdout) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  return {
    tarball: join(dest, result.filename),
    size: result.size,
    unpackedSize: result.unpackedSize,
    files: result.files.map((f) => f.path).sort(),
  };
}

/**
 * Writes a consumer project into `dir`: a package.json that depends on the tarball and on
 * `packages` (at the versions of the repository's package-lock.json), and its package-lock.json
 * ({@link writeProjectLock}), so that the install works offline from the npm cache.
 */
export function writeConsumerProject(repo: string, dir: string, pkg: PackResult, packages: readonly string[]): void {
  const manifest = readJson<Manifest>(join(repo, 'package.json'));
  const lock = readJson<{ packages: Record<string, LockEntry> }>(join(repo, 'package-lock.json')).packages;
  const dependencies: Record<string, string> = { [manifest.name]: `file:${relative(dir, pkg.tarball)}` };
  for (const name of packages) {
    const version = lock[`node_modules/${name}`]?.version;
    if (!version) throw new Error(`package-lock.json holds no top-level ${name}`);
    dependencies[name] = version;
  }
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer', version: '0.0.0', private: true, dependencies }, null, 2)}\n`,
  );
  writeProjectLock(repo, dir, pkg);
}

/**
 * Writes the package-lock.json of the project in `dir` for its package.json as it stands: the
 * tarball for this package (its spec must be the tarball's `file:` path), everything else at the
 * versions of the repository's package-lock.json, from the repository's own lock entries for them
 * and their dependencies. With the lock, npm resolves nothing: it needs only the tarballs (by
 * integrity) and the abbreviated metadata that `npm ci` of this repository has put in the npm
 * cache, so the install works offline there.
 */
export function writeProjectLock(repo: string, dir: string, pkg: Pick<PackResult, 'tarball'>): void {
  const manifest = readJson<Manifest>(join(repo, 'package.json'));
  const lock = readJson<{ packages: Record<string, LockEntry> }>(join(repo, 'package-lock.json')).packages;
  const project = readJson<{
    name?: string;
    version?: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  }>(join(dir, 'package.json'));
  const entries: Record<string, LockEntry> = {};

  // Node's resolution over the repository's tree: the nearest node_modules/<name> above `from`.
  const resolveFrom = (from: string, name: string): string | undefined => {
    for (let base = from; ;) {
      const key = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (lock[key]) return key;
      if (!base) return undefined;
      const i = base.lastIndexOf('/node_modules/');
      base = i < 0 ? '' : base.slice(0, i);
    }
  };
  // A subset of a valid tree that keeps, for each package, the entry its dependencies resolved
  // to, is a valid tree with the same resolutions.
  const add = (key: string): void => {
    if (entries[key]) return;
    // Flags describe the repository's tree (a dev dependency there is a runtime one here).
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { dev, optional, devOptional, peer, ...entry } = lock[key];
    entries[key] = entry;
    for (const name of Object.keys(entry.dependencies ?? {})) {
      const found = resolveFrom(key, name);
      if (!found) throw new Error(`package-lock.json: ${key} depends on ${name}, which the lock does not hold`);
      add(found);
    }
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      const found = resolveFrom(key, name);
      if (found) add(found);
    }
  };

  const wanted = { ...project.dependencies, ...project.devDependencies };
  const tarballSpec = wanted[manifest.name];
  if (!tarballSpec?.startsWith('file:') || resolve(dir, tarballSpec.slice('file:'.length)) !== pkg.tarball) {
    throw new Error(
      `${join(dir, 'package.json')}: ${manifest.name} is '${tarballSpec}', not the tarball ${pkg.tarball}`,
    );
  }
  const others = Object.keys(wanted).filter((name) => name !== manifest.name);
  for (const name of [...Object.keys(manifest.dependencies ?? {}), ...others]) {
    const key = `node_modules/${name}`;
    if (!lock[key]?.version) throw new Error(`package-lock.json holds no top-level ${name}`);
    add(key);
  }
  const self = {
    version: manifest.version,
    resolved: tarballSpec,
    license: manifest.license,
    dependencies: manifest.dependencies,
    peerDependencies: manifest.peerDependencies,
    peerDependenciesMeta: manifest.peerDependenciesMeta,
    bin: manifest.bin,
    engines: manifest.engines,
  };
  const name = project.name ?? 'consumer';
  const version = project.version ?? '0.0.0';
  const root = { name, version, dependencies: project.dependencies, devDependencies: project.devDependencies };
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify(
      {
        name,
        version,
        lockfileVersion: 3,
        requires: true,
        packages: { '': root, [`node_modules/${manifest.name}`]: self, ...entries },
      },
      null,
      2,
    )}\n`,
  );
}

/** `npm install` in a consumer project, from the npm cache when it can; resolves with the seconds it took. */
export function npmInstall(dir: string): Promise<number> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: dir,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise((Date.now() - started) / 1000);
      else reject(new Error(`npm install in ${dir} failed (${code}):\n${output}`));
    });
  });
}

/** Runs node in `cwd`; returns its exit code and output. */
export function node(cwd: string, args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: childEnv(env) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A module specifier a file of the tarball loads, with its line. */
export interface ModuleReference {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
}

/**
 * The modules a compiled file refers to: `require("…")` in JavaScript; `from "…"`,
 * `import("…")`, `require("…")` and `/// <reference types="…" />` in declarations. tsc writes
 * literal, double-quoted specifiers; dynamic requires (the user's app module) are not listed.
 */
export function moduleReferences(file: string, text: string): ModuleReference[] {
  const patterns = file.endsWith('.d.ts')
    ? [
        /\bfrom\s+["']([^"']+)["']/g,
        /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
        /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
        /^\s*import\s+["']([^"']+)["']/gm,
        /\/\/\/\s*<reference\s+types\s*=\s*["']([^"']+)["']/g,
      ]
    : [/\brequire\s*\(\s*["']([^"']+)["']\s*\)/g];
  const found: ModuleReference[] = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const line = text.slice(0, m.index).split('\n').length;
      found.push({ file, line, specifier: m[1] });
    }
  }
  return found;
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`); undefined for relative paths and built-ins. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) {
    return undefined;
  }
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
