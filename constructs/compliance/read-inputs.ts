import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SovereignLzError } from '../core';
import { readCloudAssembly, readJsonFile } from './cloud-assembly';
import { isCloudFormationTemplate, parseTemplateText, readTemplate } from './cloudformation';
import { checkDocumentShape, readInputText } from './input-files';
import { isKubernetesManifest, readKubernetesManifests } from './kubernetes-manifests';
import { buildKubernetesTemplates, isJsonObject, type KubernetesSource } from './kubernetes-source';
import type { CheckInput, SkippedFile, Template } from './model';
import { displayPath, type ReadOptions } from './read-options';
import { manifestLines, templateLines, terraformLines } from './source-lines';
import { isTerraformJson, readTerraformJson } from './terraform-json';

/**
 * Finds and reads the artifacts under the paths of one run, picking the reader by what each
 * path is: a cloud assembly (a directory with `manifest.json`), a cdktf output (its
 * `manifest.json` lists `stacks/<name>/cdk.tf.json`), a synth output (`out/` with
 * `profile.json` beside `aws/` and/or `kubernetes/`), a CloudFormation template (JSON or
 * YAML), Terraform JSON (`*.tf.json`), Kubernetes manifests (YAML or JSON, several documents,
 * `List` kinds), or a directory to walk. Malformed input throws a one-line
 * {@link SovereignLzError} naming the file.
 */

const TEMPLATE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

interface Collected {
  templates: Template[];
  /** Kubernetes sources, built into templates once every file is read (namespaces may be in other files). */
  kubernetes: KubernetesSource[];
  skipped: SkippedFile[];
  profileFiles: string[];
  /** Real paths of the directories being walked: a symbolic link back to one of them (a cycle) is not followed. */
  ancestors: Set<string>;
}

function hasExtension(file: string): boolean {
  const lower = file.toLowerCase();
  return TEMPLATE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readFileArtifact(
  file: string,
  explicit: boolean,
  options: ReadOptions,
  out: Collected,
  stackName?: string,
): void {
  const shown = displayPath(file, options);
  const text = readInputText(file, shown, options.maxFileBytes);
  if (text.trim() === '') {
    if (explicit) throw new SovereignLzError('INPUT_INVALID', `${shown}: empty file, nothing to check`);
    return;
  }
  const { doc, format } = parseTemplateText(text, shown, options.maxFileBytes);
  checkDocumentShape(doc, shown);
  if (isCloudFormationTemplate(doc)) {
    out.templates.push(
      readTemplate(doc, {
        file: shown,
        format,
        stack: {
          region: options.region,
          regionOrigin: options.region ? 'assumed' : undefined,
          environmentAgnostic: false,
          tags: {},
        },
        assumedClassification: options.classification,
        lines: templateLines(text, doc, format === 'cloudformation-yaml'),
      }),
    );
    return;
  }
  if (format === 'cloudformation-json' && isTerraformJson(doc, file)) {
    out.kubernetes.push(readTerraformJson(doc, { file: shown, stackName, lines: terraformLines(text, doc) }));
    return;
  }
  const docs = Array.isArray(doc) ? doc : [doc];
  if (isKubernetesManifest(docs)) {
    const manifestFormat = format === 'cloudformation-json' ? 'kubernetes-json' : 'kubernetes-yaml';
    const lines = manifestLines(text, docs, format !== 'cloudformation-json');
    out.kubernetes.push(readKubernetesManifests(docs, { file: shown, format: manifestFormat, lines }));
    return;
  }
  if (explicit) {
    throw new SovereignLzError(
      'INPUT_UNSUPPORTED',
      `${shown}: not a CloudFormation template (no Resources), Terraform JSON, Kubernetes manifest nor cloud assembly`,
    );
  }
}

/** Reads the stacks a cdktf output's `manifest.json` lists (`stacks.<name>.synthesizedStackPath`). */
function readCdktfOutput(dir: string, manifest: Record<string, unknown>, options: ReadOptions, out: Collected): void {
  const shown = displayPath(join(dir, 'manifest.json'), options);
  for (const [name, stack] of Object.entries(manifest.stacks as Record<string, unknown>)) {
    const path = isJsonObject(stack) ? stack.synthesizedStackPath : undefined;
    if (typeof path !== 'string') {
      throw new SovereignLzError('INPUT_INVALID', `${shown}: stack '${name}' has no synthesizedStackPath`);
    }
    const file = join(dir, path);
    if (!existsSync(file))
      throw new SovereignLzError('INPUT_UNREADABLE', `${displayPath(file, options)}: no such file`);
    readFileArtifact(
      file,
      true,
      options,
      out,
      isJsonObject(stack) && typeof stack.name === 'string' ? stack.name : name,
    );
  }
}

/** Reads the directory of a `manifest.json`: a cdktf output, or a cloud assembly. */
function readManifestDirectory(dir: string, options: ReadOptions, out: Collected): void {
  const manifest = readJsonFile(join(dir, 'manifest.json'), options);
  if (isJsonObject(manifest) && isJsonObject(manifest.stacks) && manifest.artifacts === undefined) {
    readCdktfOutput(dir, manifest, options, out);
  } else {
    out.templates.push(...readCloudAssembly(dir, options));
  }
}

function readDirectory(dir: string, options: ReadOptions, out: Collected): void {
  let real = dir;
  try {
    real = realpathSync(dir);
  } catch {
    // Unreadable: readdirSync below says so.
  }
  // A symbolic link back to a directory being walked (e.g. `sub/up -> ..`) would walk it forever.
  if (out.ancestors.has(real)) return;
  out.ancestors.add(real);
  try {
    readDirectoryEntries(dir, options, out);
  } finally {
    out.ancestors.delete(real);
  }
}

function readDirectoryEntries(dir: string, options: ReadOptions, out: Collected): void {
  if (existsSync(join(dir, 'manifest.json'))) {
    readManifestDirectory(dir, options, out);
    return;
  }
  if (
    existsSync(join(dir, 'profile.json')) &&
    (isDirectory(join(dir, 'aws')) || isDirectory(join(dir, 'kubernetes')))
  ) {
    out.profileFiles.push(join(dir, 'profile.json'));
  }
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (e) {
    throw new SovereignLzError(
      'INPUT_UNREADABLE',
      `${displayPath(dir, options)}: cannot read: ${(e as Error).message}`,
    );
  }
  for (const name of entries) {
    if (name.startsWith('.') || SKIPPED_DIRECTORIES.has(name)) continue;
    const path = join(dir, name);
    if (isDirectory(path)) readDirectory(path, options, out);
    else if (hasExtension(name) && name !== 'profile.json' && !name.endsWith('.assets.json')) {
      readFileArtifact(path, false, options, out);
    }
  }
}

/**
 * Reads every artifact under `paths` (files or directories). Throws a {@link SovereignLzError}
 * for a missing or unreadable path, malformed JSON/YAML, an unsupported file named
 * explicitly, or a run that finds nothing to check.
 */
export function readInputs(paths: readonly string[], options: ReadOptions): CheckInput {
  if (paths.length === 0) throw new SovereignLzError('USAGE', 'give at least one PATH to check');
  const out: Collected = { templates: [], kubernetes: [], skipped: [], profileFiles: [], ancestors: new Set() };
  for (const given of paths) {
    const path = resolve(options.cwd, given);
    if (!existsSync(path)) throw new SovereignLzError('INPUT_UNREADABLE', `${given}: no such file or directory`);
    const before = { templates: out.templates.length, kubernetes: out.kubernetes.length, skipped: out.skipped.length };
    if (isDirectory(path)) readDirectory(path, options, out);
    else if (basename(path) === 'manifest.json') readManifestDirectory(dirname(path), options, out);
    else readFileArtifact(path, true, options, out);
    if (out.templates.length === before.templates && out.kubernetes.length === before.kubernetes) {
      const skipped = out.skipped.slice(before.skipped);
      const why = skipped.length ? ` (skipped: ${skipped.map((s) => `${s.file}: ${s.reason}`).join('; ')})` : '';
      throw new SovereignLzError(
        'INPUT_EMPTY',
        `${given}: no CloudFormation template, cloud assembly, Terraform JSON or Kubernetes manifest found, nothing to check${why}`,
      );
    }
  }
  const profiles = [...new Set(out.profileFiles)];
  if (profiles.length > 1) {
    const texts = new Set(profiles.map((p) => readFileSync(p, 'utf8')));
    if (texts.size > 1) {
      throw new SovereignLzError(
        'USAGE',
        `the inputs hold synth outputs with different profiles (${profiles.map((p) => displayPath(p, options)).join(', ')}): choose one with --profile`,
      );
    }
  }
  const templates = [...out.templates, ...buildKubernetesTemplates(out.kubernetes, options.classification)];
  return { templates, skipped: out.skipped, profileFile: profiles[0] };
}
