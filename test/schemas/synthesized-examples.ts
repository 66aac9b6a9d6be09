import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { BuiltApp, SynthContext } from 'sovereign-lz';
import { readTerraformJson } from '../../constructs/compliance/read/terraform-json';
import { Unresolved } from '../../constructs/compliance/normalize/intrinsics';
import type { KubernetesObject } from '../../constructs/compliance/normalize/kubernetes-objects';
import { synthesizeApp } from '../../constructs/testing/synthesize-app';

// The artifacts the schema tests judge: every example of the repository, synthesized in the
// test's own process as the suite does elsewhere (synthesizeApp with the example's `build`),
// into one temporary directory per test file. Nothing here lists templates, stacks or objects:
// the tests take whatever the examples synthesize.

/** The examples directory of the repository. */
export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

/** One example, synthesized. */
export interface SynthesizedExample {
  /** The example's directory name, e.g. `minimal`. */
  readonly name: string;
  /** Its synth output directory: `aws/` (the cloud assembly), `kubernetes/` (the Terraform stacks). */
  readonly out: string;
}

/** The examples, as `sovereign-lz synth NAME` finds them: directories with an app module (`app.ts`). */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => existsSync(join(EXAMPLES_DIR, name, 'app.ts')))
    .sort();
}

/**
 * Synthesizes every example under `root` (one directory each). aws-cdk-lib's built-in
 * "CloudFormation Validate" plugin, which `app.synth()` runs on every template, is turned off
 * (`CDK_VALIDATION=false`) for the synthesis only: it downgrades what it finds to warnings, and
 * it takes most of the synthesis time; the CloudFormation test runs the validator itself.
 */
export function synthesizeExamples(root: string): SynthesizedExample[] {
  const before = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    return exampleNames().map((name) => {
      // The example is a TypeScript module of the repository: jest's require compiles it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { build } = require(join(EXAMPLES_DIR, name, 'app')) as { build: (c: SynthContext) => BuiltApp };
      return { name, out: synthesizeApp(build, join(root, name)) };
    });
  } finally {
    if (before === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = before;
  }
}

/** Runs `f`, recording its duration in milliseconds under `name` in `timings` (printed with SOVEREIGN_LZ_SCHEMA_TIMINGS). */
export function timed<T>(timings: Record<string, number>, name: string, f: () => T): T {
  const start = performance.now();
  try {
    return f();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

/** A new temporary directory (under the private TMPDIR jest's global setup gives), and its removal. */
export function temporaryDirectory(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under `dir` whose name ends with `suffix`, sorted (none if `dir` is absent). */
export function filesEndingWith(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((f) => {
      const path = join(dir, f);
      if (statSync(path).isDirectory()) return filesEndingWith(path, suffix);
      return f.endsWith(suffix) ? [path] : [];
    })
    .sort();
}

/** One CloudFormation template of a cloud assembly, with the environment its manifest gives. */
export interface StackTemplate {
  readonly example: string;
  /** The template file (absolute). */
  readonly file: string;
  /** The file relative to the example's output directory, e.g. `aws/Records.template.json`. */
  readonly name: string;
  readonly account?: string;
  readonly region?: string;
}

interface Manifest {
  readonly artifacts?: Record<
    string,
    { type: string; environment?: string; properties?: { templateFile?: string; directoryName?: string } }
  >;
}

/**
 * The templates of the stacks of a cloud assembly and of its nested assemblies (a StackSet's
 * templates), as their `manifest.json` lists them, with each stack's account and region
 * (`aws://ACCOUNT/REGION`; `unknown-account`/`unknown-region` are left out).
 */
export function stackTemplates(example: SynthesizedExample, assemblyDir = join(example.out, 'aws')): StackTemplate[] {
  const manifestFile = join(assemblyDir, 'manifest.json');
  if (!existsSync(manifestFile)) return [];
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const out: StackTemplate[] = [];
  for (const artifact of Object.values(manifest.artifacts ?? {})) {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      out.push(...stackTemplates(example, join(assemblyDir, artifact.properties.directoryName)));
    }
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
    const file = join(assemblyDir, artifact.properties.templateFile);
    out.push({
      example: example.name,
      file,
      name: relative(example.out, file),
      ...(account && account !== 'unknown-account' ? { account } : {}),
      ...(region && region !== 'unknown-region' ? { region } : {}),
    });
  }
  return out;
}

/** A Kubernetes API object an example creates, read from its Terraform JSON by the engine's reader. */
export interface SynthesizedObject {
  readonly example: string;
  /** The Terraform file, relative to the example's output directory. */
  readonly file: string;
  /** The Terraform address, e.g. `kubernetes_deployment_v1.Cluster_Api_1A2B3C4D`. */
  readonly address: string;
  readonly object: KubernetesObject;
  /** Paths of values the reader could not resolve (Terraform expressions), kept as their text. */
  readonly unresolved: readonly string[];
}

/** Replaces the reader's unresolved values by their Terraform text, recording where they were. */
function withTerraformText(value: unknown, path: string, unresolved: string[]): unknown {
  if (value instanceof Unresolved) {
    unresolved.push(path || '/');
    return value.text ?? '${…}';
  }
  if (Array.isArray(value)) return value.map((v, i) => withTerraformText(v, `${path}/${i}`, unresolved));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, withTerraformText(v, `${path}/${k}`, unresolved)]),
    );
  }
  return value;
}

/**
 * Every Kubernetes API object of every Terraform stack (`kubernetes/**\/*.tf.json`) of the
 * example, as `sovereign-lz check` reads it (readTerraformJson: the provider's `kubernetes_*`
 * resources mapped to the objects they create, `kubernetes_manifest` taken from its `manifest`,
 * resources with `count = 0` left out, references to objects' names resolved).
 */
export function kubernetesObjects(example: SynthesizedExample): SynthesizedObject[] {
  return filesEndingWith(join(example.out, 'kubernetes'), '.tf.json').flatMap((path) => {
    const file = relative(example.out, path);
    const source = readTerraformJson(JSON.parse(readFileSync(path, 'utf8')), { file });
    return source.entries
      .filter((entry) => entry.placement !== undefined)
      .map((entry) => {
        const unresolved: string[] = [];
        const object = withTerraformText(entry.properties, '', unresolved) as KubernetesObject;
        return { example: example.name, file, address: entry.id, object, unresolved };
      });
  });
}
