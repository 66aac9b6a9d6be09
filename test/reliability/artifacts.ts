import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import type { CheckResult, Finding } from '../../constructs/compliance/normalize/model';

/**
 * The synthesized example as parsed JSON, by path relative to the synth output
 * (`aws/manifest.json`, `aws/Records.template.json`, `kubernetes/stacks/ma-casablanca-1/cdk.tf.json`,
 * `profile.json`…): what the checker reads, and what a mutation edits in memory.
 */
export type Artifacts = Record<string, unknown>;

/** A JSON object of an artifact, edited in place by mutations. */
export type Json = Record<string, any>;

const root = join(__dirname, '..', '..');

/** Synthesizes the default example with the compiled CLI (as `npm run synth` does) into `out`. */
export function synthExample(out: string): void {
  const r = spawnSync(process.execPath, [join(root, 'lib/constructs/cli/main.js'), 'synth', '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`synth failed (${String(r.status)}): ${r.stderr}`);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

/** The inputs of the checker in a synth output: the cloud assembly, the cdktf output, the profile and the zone's summary. */
function isCheckerInput(path: string): boolean {
  if (path === 'profile.json' || path === 'landing-zone.json') return true;
  // Nested assemblies (the StackSet templates' stage) included.
  if (path.startsWith('aws/')) {
    return /^aws\/(assembly-[^/]+\/)*([^/]+\.(template|metadata)\.json|manifest\.json)$/.test(path);
  }
  return path.startsWith('kubernetes/') && path.endsWith('.json');
}

/** Reads the checker's inputs of a synth output as parsed JSON. */
export function loadArtifacts(out: string): Artifacts {
  const artifacts: Artifacts = {};
  for (const file of files(out)) {
    const path = relative(out, file).split('\\').join('/');
    if (isCheckerInput(path)) artifacts[path] = JSON.parse(readFileSync(file, 'utf8'));
  }
  return artifacts;
}

/** Writes artifacts into a fresh directory under `parent`, and returns it. */
export function writeArtifacts(artifacts: Artifacts, parent: string): string {
  const dir = mkdtempSync(join(parent, 'mutant-'));
  for (const [path, doc] of Object.entries(artifacts)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(doc));
  }
  return dir;
}

/** Writes artifacts into a fresh directory under `parent` and judges it as `sovereign-lz check DIR` does. */
export function checkArtifacts(artifacts: Artifacts, parent: string): CheckResult {
  const dir = writeArtifacts(artifacts, parent);
  return checkPaths([dir], { cwd: dir });
}

/** The resources of a stack's CloudFormation template. */
export function cfnResources(artifacts: Artifacts, stack: string): Json {
  const template = artifacts[`aws/${stack}.template.json`] as Json | undefined;
  if (!template) throw new Error(`no template for stack ${stack}`);
  return template.Resources as Json;
}

/** The properties of a resource of a stack's template (throws if absent, so a stale mutation fails loudly). */
export function cfnProperties(artifacts: Artifacts, stack: string, logicalId: string): Json {
  const resource = cfnResources(artifacts, stack)[logicalId] as Json | undefined;
  if (!resource) throw new Error(`no resource ${logicalId} in stack ${stack}`);
  return resource.Properties as Json;
}

/** The logical id of the only resource of a stack whose id starts with `prefix` and has `type`. */
export function cfnId(artifacts: Artifacts, stack: string, prefix: string, type: string): string {
  const ids = Object.entries(cfnResources(artifacts, stack))
    .filter(([id, r]) => id.startsWith(prefix) && (r as Json).Type === type)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`${stack}: ${ids.length} ${type} resources named ${prefix}*`);
  return ids[0];
}

/** The cloud-assembly artifact of a stack in `aws/manifest.json`. */
export function manifestStack(artifacts: Artifacts, stack: string): Json {
  return ((artifacts['aws/manifest.json'] as Json).artifacts as Json)[stack] as Json;
}

/** The `resource` block of the Kubernetes Terraform JSON (`resource[type][name]`). */
export function tfResources(artifacts: Artifacts): Json {
  const tf = artifacts['kubernetes/stacks/ma-casablanca-1/cdk.tf.json'] as Json | undefined;
  if (!tf) throw new Error('no kubernetes/stacks/ma-casablanca-1/cdk.tf.json');
  return tf.resource as Json;
}

/** The name of the only Terraform resource of `type` whose name starts with `prefix`. */
export function tfName(artifacts: Artifacts, type: string, prefix: string): string {
  const names = Object.keys((tfResources(artifacts)[type] as Json | undefined) ?? {}).filter((n) =>
    n.startsWith(prefix),
  );
  if (names.length !== 1) throw new Error(`${names.length} ${type} resources named ${prefix}*`);
  return names[0];
}

/** A finding's identity, to compare two runs. */
export function findingKey(f: Finding): string {
  return [f.rule, f.file, f.resource, f.status, f.severity].join('|');
}

/** The unsuppressed findings of `mutated` that `baseline` does not have. */
export function newFindings(baseline: CheckResult, mutated: CheckResult): Finding[] {
  const before = new Set(baseline.findings.filter((f) => !f.suppressed).map(findingKey));
  return mutated.findings.filter((f) => !f.suppressed && !before.has(findingKey(f)));
}
