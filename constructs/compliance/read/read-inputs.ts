import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  readDeclarationText,
  SovereignLzError,
  ZONE_SUMMARY_FILE,
  ZONE_SUMMARY_SCHEMA_VERSION,
  type LocalizedText,
  type ZoneSummary,
} from '../../core';
import { readCloudAssembly, readJsonFile } from './cloud-assembly';
import { localNestedTemplate, readNestedStacks, withoutNestedDuplicates } from './cfn-nested-stacks';
import {
  deployedDocumentOf,
  isCloudFormationTemplate,
  parseJson,
  parseTemplateText,
  readTemplate,
} from './cloudformation';
import { withDeploymentFacts } from '../deployability/template-facts';
import { checkDocumentShape, readInputText } from './input-files';
import {
  decodeManifestYaml,
  isKubernetesManifest,
  isKustomization,
  MANIFESTS_DIR,
  readKubernetesManifests,
  readManifestYamlText,
} from './kubernetes-manifests';
import { buildKubernetesTemplates, isJsonObject, type KubernetesSource } from './kubernetes-source';
import type { CheckInput, SkippedFile, Template } from '../normalize/model';
import { displayPath, type ReadOptions } from './read-options';
import { manifestLines, templateLines, terraformLines } from './source-lines';
import { isTerraformJson, readTerraformJson } from './terraform-json';
import { TerraformVariableReader } from './terraform-variables';

/**
 * Finds and reads the artifacts under the paths of one run, picking the reader by what each
 * path is: a cloud assembly (a directory with `manifest.json`), a cdktf output (its
 * `manifest.json` lists `stacks/<name>/cdk.tf.json`), a synth output (`out/` with
 * `profile.json` and `landing-zone.json` beside `aws/` and/or `kubernetes/`), a CloudFormation template (JSON or
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
  /** The `landing-zone.json` of each synth output met. */
  zoneFiles: string[];
  /** Real paths of the directories being walked: a symbolic link back to one of them (a cycle) is not followed. */
  ancestors: Set<string>;
  /** The values of Terraform variables: `--var-file`s, the environment, tfvars files beside each file. */
  terraformVariables: TerraformVariableReader;
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
  options.onRead?.(file);
  if (text.trim() === '') {
    if (explicit) throw new SovereignLzError('INPUT_INVALID', `${shown}: empty file, nothing to check`);
    return;
  }
  // Kubernetes manifests in YAML are decoded as kubectl decodes them (YAML 1.1 as go-yaml v2 reads it).
  const manifest = readManifestYamlText(text, shown, options.maxFileBytes);
  if (manifest) {
    if (isKustomization(manifest.entries.map((e) => e.properties))) out.skipped.push(skipped(shown, KUSTOMIZATION));
    else out.kubernetes.push(manifest);
    return;
  }
  const { doc, format } = parseTemplateText(text, shown, options.maxFileBytes);
  checkDocumentShape(doc, shown);
  if (isKustomization(Array.isArray(doc) ? doc : [doc])) {
    out.skipped.push(skipped(shown, KUSTOMIZATION));
    return;
  }
  if (isCloudFormationTemplate(doc)) {
    const template = readTemplate(doc, {
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
    });
    out.templates.push(withDeploymentFacts(template, deployedDocumentOf(template) ?? doc, text));
    out.templates.push(...readNestedStacks(template, resolve(options.cwd, file), localNestedTemplate, options));
    return;
  }
  if (format === 'cloudformation-json' && isTerraformJson(doc, file)) {
    const variables = out.terraformVariables.inputsFor(resolve(options.cwd, file));
    out.kubernetes.push(
      readTerraformJson(doc, { file: shown, stackName, lines: terraformLines(text, doc), variables }),
    );
    return;
  }
  const docs = Array.isArray(doc) ? doc : [doc];
  if (isKubernetesManifest(docs)) {
    const manifestFormat = format === 'cloudformation-json' ? 'kubernetes-json' : 'kubernetes-yaml';
    // YAML that readManifestYamlText did not recognize (flow style…) is decoded again, as kubectl decodes it.
    const objects = manifestFormat === 'kubernetes-yaml' ? decodeManifestYaml(text, shown, options.maxFileBytes) : docs;
    const lines = manifestLines(text, objects, format !== 'cloudformation-json');
    out.kubernetes.push(readKubernetesManifests(objects, { file: shown, format: manifestFormat, lines }));
    return;
  }
  if (explicit) {
    throw new SovereignLzError(
      'INPUT_UNSUPPORTED',
      `${shown}: not a CloudFormation template (no Resources), Terraform JSON, Kubernetes manifest nor cloud assembly`,
    );
  }
}

/** A file passed over, and why (`reason` in English, as results without a language give it). */
function skipped(file: string, reasons: LocalizedText): SkippedFile {
  return { file, reason: reasons.en, reasons };
}

/** Why a kustomization is not judged as an object. */
const KUSTOMIZATION: LocalizedText = {
  en: "kustomize's configuration, not an object of the cluster: the files it lists are judged as they are, without its transformations (check the output of kubectl kustomize DIR to judge those)",
  fr: "configuration de kustomize, pas un objet du cluster : les fichiers qu'elle liste sont jugés tels quels, sans ses transformations (vérifiez la sortie de kubectl kustomize RÉP pour en juger)",
};

/**
 * The plain manifests `sovereign-lz synth` writes beside a cdktf output's stacks
 * (`manifests/<stack>/`, cli/gitops-manifests.ts) hold the same objects as the stacks: the
 * cdktf output is judged once, through its Terraform JSON, and each manifests directory is
 * listed as skipped, naming the stack it repeats.
 */
function skipManifestDirectories(
  dir: string,
  stacks: ReadonlyMap<string, string>,
  options: ReadOptions,
  out: Collected,
): void {
  const manifests = join(dir, MANIFESTS_DIR);
  if (!isDirectory(manifests)) return;
  const listing = displayPath(join(dir, 'manifest.json'), options);
  for (const name of readdirSync(manifests).sort()) {
    const stack = stacks.get(name);
    out.skipped.push(
      skipped(
        displayPath(join(manifests, name), options),
        stack !== undefined
          ? { en: `the same objects as ${stack}`, fr: `les mêmes objets que ${stack}` }
          : {
              en: `no stack of ${listing} is named so: check it on its own`,
              fr: `aucune pile de ${listing} ne porte ce nom : vérifiez-le à part`,
            },
      ),
    );
  }
}

/** Reads the stacks a cdktf output's `manifest.json` lists (`stacks.<name>.synthesizedStackPath`). */
function readCdktfOutput(dir: string, manifest: Record<string, unknown>, options: ReadOptions, out: Collected): void {
  const shown = displayPath(join(dir, 'manifest.json'), options);
  const artifacts = new Map<string, string>();
  for (const [name, stack] of Object.entries(manifest.stacks as Record<string, unknown>)) {
    const path = isJsonObject(stack) ? stack.synthesizedStackPath : undefined;
    if (typeof path !== 'string') {
      throw new SovereignLzError('INPUT_INVALID', `${shown}: stack '${name}' has no synthesizedStackPath`);
    }
    const file = join(dir, path);
    if (!existsSync(file))
      throw new SovereignLzError('INPUT_UNREADABLE', `${displayPath(file, options)}: no such file`);
    artifacts.set(name, displayPath(file, options));
    readFileArtifact(
      file,
      true,
      options,
      out,
      isJsonObject(stack) && typeof stack.name === 'string' ? stack.name : name,
    );
  }
  skipManifestDirectories(dir, artifacts, options, out);
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
  const synthOutput = isDirectory(join(dir, 'aws')) || isDirectory(join(dir, 'kubernetes'));
  if (existsSync(join(dir, 'profile.json')) && synthOutput) {
    out.profileFiles.push(join(dir, 'profile.json'));
  }
  if (existsSync(join(dir, ZONE_SUMMARY_FILE)) && synthOutput) {
    out.zoneFiles.push(join(dir, ZONE_SUMMARY_FILE));
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
    // A FIFO, socket or device with a template's name is refused, naming it (never opened: see
    // readInputText): something odd is there, and the user must know. Without such a name it is
    // passed over, as any other file is.
    else if (
      hasExtension(name) &&
      name !== 'profile.json' &&
      name !== ZONE_SUMMARY_FILE &&
      !name.endsWith('.assets.json')
    ) {
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
  const out: Collected = {
    templates: [],
    kubernetes: [],
    skipped: [],
    profileFiles: [],
    zoneFiles: [],
    ancestors: new Set(),
    terraformVariables: new TerraformVariableReader({
      cwd: options.cwd,
      varFiles: options.varFiles,
      env: options.env,
      onRead: options.onRead,
      display: (file) => displayPath(file, options),
    }),
  };
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
    const texts = new Set(
      profiles.map((p) => {
        options.onRead?.(p);
        return readDeclarationText(p, 'the profile file', 'PROFILE_UNREADABLE', displayPath(p, options));
      }),
    );
    if (texts.size > 1) {
      throw new SovereignLzError(
        'USAGE',
        `the inputs hold synth outputs with different profiles (${profiles.map((p) => displayPath(p, options)).join(', ')}): choose one with --profile`,
      );
    }
  }
  const templates = [
    ...withoutNestedDuplicates(out.templates),
    ...buildKubernetesTemplates(out.kubernetes, options.classification),
  ];
  const zone = readZone([...new Set(out.zoneFiles)], options);
  return { templates, skipped: out.skipped, profileFile: profiles[0], ...zone };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with the parts of a landing-zone summary the checker reads, if anything. */
function zoneProblem(doc: unknown): string | undefined {
  if (!isObject(doc)) return 'not a JSON object';
  if (doc.schemaVersion !== ZONE_SUMMARY_SCHEMA_VERSION) {
    return `schemaVersion ${JSON.stringify(doc.schemaVersion)} is not ${ZONE_SUMMARY_SCHEMA_VERSION} (synthesize again with this version of sovereign-lz)`;
  }
  const org = doc.organization;
  if (org !== null && org !== undefined) {
    if (!isObject(org)) return 'organization is neither an object nor null';
    if (org.managementAccount !== null && typeof org.managementAccount !== 'string') {
      return 'organization.managementAccount is neither a string nor null';
    }
    const delegated = org.delegatedAdministrators;
    if (!isObject(delegated) || Object.values(delegated).some((v) => typeof v !== 'string')) {
      return 'organization.delegatedAdministrators is not an object of account ids';
    }
    if (!Array.isArray(org.accounts)) return 'organization.accounts is not a list';
    for (const [i, account] of org.accounts.entries()) {
      if (
        !isObject(account) ||
        typeof account.id !== 'string' ||
        (account.organizationalUnit !== null && typeof account.organizationalUnit !== 'string')
      ) {
        return `organization.accounts[${i}] is not an account (id, and organizationalUnit a path or null)`;
      }
    }
  }
  const prerequisites = doc.prerequisites ?? [];
  if (!Array.isArray(prerequisites)) return 'prerequisites is not a list';
  for (const [i, p] of prerequisites.entries()) {
    if (
      !isObject(p) ||
      typeof p.kind !== 'string' ||
      typeof p.target !== 'string' ||
      (p.name !== null && p.name !== undefined && typeof p.name !== 'string')
    ) {
      return `prerequisites[${i}] is not a prerequisite (kind, target, name)`;
    }
  }
  return undefined;
}

/**
 * The landing-zone summary of the synth outputs among the inputs (`landing-zone.json`, read
 * with the bounded reader of declarations), validated as far as the checker reads it.
 */
function readZone(files: readonly string[], options: ReadOptions): { zone?: ZoneSummary; zoneFile?: string } {
  if (!files.length) return {};
  const texts = files.map((file) => {
    options.onRead?.(file);
    return readDeclarationText(file, 'the landing-zone summary', 'INPUT_UNREADABLE', displayPath(file, options));
  });
  if (new Set(texts).size > 1) {
    throw new SovereignLzError(
      'USAGE',
      `the inputs hold synth outputs of different landing zones (${files.map((f) => displayPath(f, options)).join(', ')}): check them one at a time`,
    );
  }
  const shown = displayPath(files[0], options);
  const doc = parseJson(texts[0], shown);
  const problem = zoneProblem(doc);
  if (problem) throw new SovereignLzError('INPUT_INVALID', `${shown}: not a landing-zone summary: ${problem}`);
  const summary = doc as Record<string, unknown>;
  return {
    zone: {
      ...(summary as unknown as ZoneSummary),
      prerequisites: (summary.prerequisites ?? []) as ZoneSummary['prerequisites'],
    },
    zoneFile: shown,
  };
}
