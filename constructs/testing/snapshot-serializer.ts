import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';

// A jest snapshot serializer for synthesized artifacts (CloudFormation templates, cloud
// assembly manifests, Terraform JSON) and plain objects: keys sorted, and what changes without
// the landing zone changing masked. Loads no framework and no jest: the plugin is structural.

/** What stands in for a masked value. */
export const MASKS = {
  /** A CDK asset hash (64 hex digits) or a cdktf asset hash (32 upper-case hex digits). */
  assetHash: '<asset-hash>',
  /** The CDK bootstrap check: the `BootstrapVersion` parameter, the `CheckBootstrapVersion` rule. */
  bootstrap: '<cdk-bootstrap>',
  /** The version of a library or of a generated-artifact schema. */
  version: '<version>',
  /** A temporary directory: the system's, and the directory in it (mkdtemp names it randomly). */
  tmp: '<tmp>',
  /** The project's root directory. */
  repo: '<repo>',
} as const;

export interface SnapshotMaskOptions {
  /**
   * The project's root directory, written `<repo>` wherever a path starts with it.
   * @default process.cwd() (jest's rootDir, when jest runs from the project)
   */
  readonly repo?: string;
}

/**
 * pretty-format's printer, as jest hands it to a serializer. Its `config` and `refs` are
 * jest's own types (kept opaque here: this module loads no jest); a serializer hands them on.
 */
export type SnapshotPrinter = (
  value: unknown,
  config: never,
  indentation: string,
  depth: number,
  refs: never,
) => string;

/** A jest snapshot serializer (pretty-format's plugin), for `expect.addSnapshotSerializer`. */
export interface SnapshotSerializer {
  test(value: unknown): boolean;
  serialize(
    value: unknown,
    config: unknown,
    indentation: string,
    depth: number,
    refs: unknown,
    printer: SnapshotPrinter,
  ): string;
}

// 64 lower-case hex digits standing alone: CDK asset hashes (S3 keys, `asset.<hash>`
// directories, container image tags). A digest that says it is one (`sha256:…`) is a pin that
// matters, e.g. a container image's, and is kept.
const CDK_ASSET_HASH = /(?<![0-9A-Za-z])(?<!sha256[:-])[0-9a-f]{64}(?![0-9A-Za-z])/g;
// The legacy synthesizer's asset parameters: `AssetParameters<hash>S3Bucket…`.
const CDK_LEGACY_ASSET_HASH = /(?<=AssetParameters)[0-9a-f]{64}/g;
// cdktf assets: `assets/<logical id>/<32 upper-case hex digits>/…`.
const CDKTF_ASSET_HASH = /(?<=(?:^|[/\\])assets[/\\][^/\\\s"']+[/\\])[0-9A-F]{32}(?=[/\\]|$)/g;
const SEMVER = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
// Characters that end a path in running text.
const PATH_SEGMENT = `[^/\\\\\\s"'\`,;:()\\[\\]{}<>]+`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function realpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function withoutTrailingSeparator(path: string): string {
  return path.length > 1 ? path.replace(/[/\\]+$/, '') : path;
}

/** The path prefixes to mask, longest first, so that a project inside the temp directory is `<repo>`. */
function pathMasks(options: SnapshotMaskOptions): { pattern: RegExp; mask: string }[] {
  const repo = options.repo ?? process.cwd();
  const prefixes = new Map<string, 'repo' | 'tmp'>();
  for (const tmp of [tmpdir(), '/tmp']) {
    for (const p of [tmp, realpath(tmp)]) prefixes.set(withoutTrailingSeparator(p), 'tmp');
  }
  for (const p of [repo, realpath(repo)]) {
    const dir = withoutTrailingSeparator(p);
    // A root (`/`, `C:\`) would mask every path.
    if (!/^([/\\]|[A-Za-z]:[/\\]?)?$/.test(dir)) prefixes.set(dir, 'repo');
  }
  return [...prefixes]
    .sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1))
    .map(([prefix, kind]) => ({
      // A temporary path loses its first directory too: mkdtemp names it randomly.
      pattern: new RegExp(
        `(?<![\\w.~-])${escapeRegExp(prefix)}${kind === 'tmp' ? `(?:[/\\\\]${PATH_SEGMENT})?` : ''}(?![\\w.~-])`,
        'g',
      ),
      mask: MASKS[kind],
    }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Where a value sits: the keys from the root to it. */
type Path = readonly string[];

function endsWith(path: Path, ...tail: string[]): boolean {
  return tail.length <= path.length && tail.every((key, i) => key === path[path.length - tail.length + i]);
}

/** Whether `key: value` of the object at `path` is a volatile version, and of what. */
function isVolatileVersion(object: Record<string, unknown>, path: Path, key: string): boolean {
  const value = object[key];
  if (typeof value !== 'string' || !SEMVER.test(value)) return false;
  if (key === 'version') {
    // cdktf's stack metadata: `"//": { "metadata": { "version": "0.21.0", … } }`.
    if (endsWith(path, '//', 'metadata')) return true;
    // The provider bindings' version: `terraform.required_providers.<name>.version`.
    if (path.length >= 3 && endsWith(path.slice(0, -1), 'terraform', 'required_providers')) return true;
    // tree.json's `constructInfo: { fqn, version }`.
    if (typeof object.fqn === 'string') return true;
  }
  // The cloud assembly's schema: manifest.json, <stack>.assets.json.
  if (key === 'version' || key === 'minimumCliVersion') {
    return 'artifacts' in object || 'files' in object || 'dockerImages' in object;
  }
  return false;
}

/** Whether the entry `key` of the object at `path` is the CDK bootstrap check. */
function isBootstrapCheck(object: Record<string, unknown>, path: Path, key: string): boolean {
  const value = object[key];
  if (key === 'requiresBootstrapStackVersion') return typeof value === 'number';
  if (key === 'BootstrapVersion' && endsWith(path, 'Parameters') && isPlainObject(value)) {
    return typeof value.Default === 'string' && value.Default.startsWith('/cdk-bootstrap/');
  }
  return key === 'CheckBootstrapVersion' && endsWith(path, 'Rules');
}

/**
 * The function that masks what is volatile in a string: asset hashes, temporary and project
 * paths. Everything else is kept, character for character.
 */
export function createStringMasker(options: SnapshotMaskOptions = {}): (text: string) => string {
  // Read when first used, not when the module loads.
  let paths: ReturnType<typeof pathMasks> | undefined;
  return (text) => {
    let masked = text
      .replace(CDK_ASSET_HASH, MASKS.assetHash)
      .replace(CDK_LEGACY_ASSET_HASH, MASKS.assetHash)
      .replace(CDKTF_ASSET_HASH, MASKS.assetHash);
    for (const { pattern, mask } of (paths ??= pathMasks(options))) masked = masked.replace(pattern, mask);
    return masked;
  };
}

/** A masker of values and the set of what it produced, so that a serializer does not mask twice. */
function createMasker(options: SnapshotMaskOptions) {
  const maskString = createStringMasker(options);
  const produced = new WeakSet<object>();

  function mask(value: unknown, path: Path, seen: Map<object, unknown>): unknown {
    if (typeof value === 'string') return maskString(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return seen.get(value);
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      seen.set(value, copy);
      produced.add(copy);
      for (const item of value) copy.push(mask(item, path, seen));
      return copy;
    }
    // Class instances (a Date, a Map, an App) are left to the printer and its other plugins.
    if (!isPlainObject(value)) return value;
    const copy: Record<string, unknown> = {};
    seen.set(value, copy);
    produced.add(copy);
    // Keys masked, then sorted; two keys that mask alike (two assets) keep both, numbered in
    // the order of the original keys.
    const entries = Object.keys(value)
      .sort()
      .map((key) => ({ key, masked: maskString(key) }));
    const taken = new Map<string, number>();
    const named = entries.map(({ key, masked }) => {
      const n = (taken.get(masked) ?? 0) + 1;
      taken.set(masked, n);
      return { key, name: n === 1 ? masked : `${masked} (${n})` };
    });
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { key, name } of named) {
      copy[name] = isBootstrapCheck(value, path, key)
        ? MASKS.bootstrap
        : isVolatileVersion(value, path, key)
          ? MASKS.version
          : mask(value[key], [...path, key], seen);
    }
    return copy;
  }

  return {
    maskString,
    mask: (value: unknown) => mask(value, [], new Map()),
    produced: (value: unknown) => typeof value === 'object' && value !== null && produced.has(value),
  };
}

/**
 * A copy of `value` with its keys sorted and what is volatile masked: CDK and cdktf asset
 * hashes (`<asset-hash>`), the CDK bootstrap check (`<cdk-bootstrap>`), library and schema
 * versions (`<version>`), temporary and project paths (`<tmp>`, `<repo>`). What matters is kept:
 * keys, regions, retention, policy statements, image digests. Idempotent.
 *
 * @example
 * expect(maskVolatile(Template.fromStack(stack).toJSON())).toEqual(maskVolatile(expected));
 */
export function maskVolatile<T>(value: T, options: SnapshotMaskOptions = {}): T {
  return createMasker(options).mask(value) as T;
}

/**
 * A jest snapshot serializer that masks what is volatile and sorts keys (see `maskVolatile`),
 * for synthesized CloudFormation templates, Terraform JSON and plain objects (and strings that
 * hold a volatile value). The printed format is jest's own.
 *
 * @example
 * // a project whose root is not jest's working directory
 * expect.addSnapshotSerializer(createSnapshotSerializer({ repo: join(__dirname, '..') }));
 */
export function createSnapshotSerializer(options: SnapshotMaskOptions = {}): SnapshotSerializer {
  const masker = createMasker(options);
  return {
    test: (value) =>
      typeof value === 'string'
        ? masker.maskString(value) !== value
        : (Array.isArray(value) || isPlainObject(value)) && !masker.produced(value),
    serialize: (value, config, indentation, depth, refs, printer) =>
      printer(
        typeof value === 'string' ? masker.maskString(value) : masker.mask(value),
        config as never,
        indentation,
        depth,
        refs as never,
      ),
  };
}

/**
 * The snapshot serializer with the default options: the project is the current directory.
 *
 * @example
 * expect.addSnapshotSerializer(sovereignSerializer); // once per test file
 * expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
 */
export const sovereignSerializer: SnapshotSerializer = createSnapshotSerializer();
