import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SovereignLzError } from '../../core';
import { assemblyNestedTemplate, readNestedStacks } from './cfn-nested-stacks';
import { deployedDocumentOf, parseJson, readTemplate } from './cloudformation';
import { withDeploymentFacts } from '../deployability/template-facts';
import { checkDocumentShape, readInputText } from './input-files';
import type { ReadOptions } from './read-options';
import type { StackInfo, Template } from '../normalize/model';
import { displayPath } from './read-options';
import { templateLines } from './source-lines';

/**
 * Reads a CDK cloud assembly directory: every `aws:cloudformation:stack` artifact of its
 * `manifest.json`, with the stack's account and region from its `environment`
 * (`aws://ACCOUNT/REGION`), its tags, its deployment roles (`cloudFormationExecutionRoleArn`,
 * `assumeRoleArn`) and `dependencies`, and construct paths from the artifact's metadata;
 * nested assemblies (CDK Stages) are followed, and so are nested stacks (a `NestedStack`'s
 * `*.nested.template.json`, see cfn-nested-stacks.ts).
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and parses a JSON file, with one-line errors naming it (see input-files.ts for the limits). */
export function readJsonFile(file: string, options: Pick<ReadOptions, 'cwd' | 'maxFileBytes' | 'onRead'>): unknown {
  const shown = displayPath(file, options);
  const doc = parseJson(readInputText(file, shown, options.maxFileBytes), shown);
  options.onRead?.(file);
  checkDocumentShape(doc, shown);
  return doc;
}

const ENVIRONMENT = /^aws:\/\/([^/]+)\/([^/]+)$/;

/** Account and region of an `environment` string; `unknown-*` parts are absent. */
export function parseEnvironment(environment: unknown): { account?: string; region?: string } {
  const m = typeof environment === 'string' ? ENVIRONMENT.exec(environment) : null;
  if (!m) return {};
  return {
    account: m[1] === 'unknown-account' ? undefined : m[1],
    region: m[2] === 'unknown-region' ? undefined : m[2],
  };
}

/** Logical id → construct path, from `aws:cdk:logicalId` metadata entries. */
function constructPaths(metadata: unknown): Map<string, string> {
  const paths = new Map<string, string>();
  if (!isObject(metadata)) return paths;
  for (const [path, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (isObject(entry) && entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
        paths.set(entry.data, path.replace(/^\//, ''));
      }
    }
  }
  return paths;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A stack of the assembly, then the nested stacks its template names (see cfn-nested-stacks.ts). */
function readStack(
  dir: string,
  id: string,
  artifact: Json,
  manifestFile: string,
  options: ReadOptions,
  artifacts: Json,
): Template[] {
  const properties = isObject(artifact.properties) ? artifact.properties : {};
  if (typeof properties.templateFile !== 'string') {
    throw new SovereignLzError('INPUT_INVALID', `${manifestFile}: stack '${id}' has no properties.templateFile`);
  }
  const env = parseEnvironment(artifact.environment);
  const region = env.region ?? options.region;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const executionRole = text(properties.cloudFormationExecutionRoleArn);
  const assumeRole = text(properties.assumeRoleArn);
  const templateAsset = text(properties.stackTemplateAssetObjectUrl);
  const stack: StackInfo = {
    name: typeof properties.stackName === 'string' ? properties.stackName : id,
    account: env.account,
    region,
    regionOrigin: env.region ? 'environment' : options.region ? 'assumed' : undefined,
    environmentAgnostic: env.region === undefined,
    tags: stringRecord(properties.tags),
    artifactId: id,
    assembly: manifestFile,
    dependencies: Array.isArray(artifact.dependencies)
      ? artifact.dependencies.filter((d): d is string => typeof d === 'string')
      : [],
    ...(executionRole !== undefined ? { cloudFormationExecutionRoleArn: executionRole } : {}),
    ...(assumeRole !== undefined ? { assumeRoleArn: assumeRole } : {}),
    ...(templateAsset !== undefined ? { templateAssetUrl: templateAsset } : {}),
  };
  // The metadata is read only if a resource lacks its `aws:cdk:path` (which `cdk synth` and
  // `sovereign-lz synth` write into every template): one file fewer per stack to read.
  let paths: Map<string, string> | undefined;
  const constructPathOf = (logicalId: string): string | undefined => {
    if (!paths) {
      const metadata =
        typeof artifact.additionalMetadataFile === 'string'
          ? readJsonFile(join(dir, artifact.additionalMetadataFile), options)
          : artifact.metadata;
      paths = constructPaths(metadata);
    }
    return paths.get(logicalId);
  };
  const templateFile = join(dir, properties.templateFile);
  if (!existsSync(templateFile)) {
    throw new SovereignLzError(
      'INPUT_UNREADABLE',
      `${displayPath(templateFile, options)}: no such file (the template of stack '${id}' in ${manifestFile})`,
    );
  }
  const shown = displayPath(templateFile, options);
  // Read here rather than with readJsonFile: the text also gives the resources' lines.
  const source = readInputText(templateFile, shown, options.maxFileBytes);
  options.onRead?.(templateFile);
  const doc = parseJson(source, shown);
  checkDocumentShape(doc, shown);
  const template = readTemplate(doc, {
    file: shown,
    format: 'cloudformation-json',
    stack,
    constructPathOf,
    assumedClassification: options.classification,
    lines: templateLines(source, doc, false),
  });
  withDeploymentFacts(template, deployedDocumentOf(template) ?? doc, source);
  const nestedTemplate = assemblyNestedTemplate(dir, artifacts, (file) => readJsonFile(file, options));
  return [template, ...readNestedStacks(template, templateFile, nestedTemplate, options)];
}

/**
 * Reads the cloud assembly in `dir` (which holds `manifest.json`) and its nested assemblies.
 * Throws a one-line {@link SovereignLzError} naming the file on malformed input.
 */
export function readCloudAssembly(dir: string, options: ReadOptions, depth = 0): Template[] {
  const manifestFile = join(dir, 'manifest.json');
  const shown = displayPath(manifestFile, options);
  const manifest = readJsonFile(manifestFile, options);
  if (!isObject(manifest) || (manifest.artifacts !== undefined && !isObject(manifest.artifacts))) {
    throw new SovereignLzError('INPUT_INVALID', `${shown}: not a cloud assembly manifest (no artifacts object)`);
  }
  if (depth > 20) throw new SovereignLzError('INPUT_INVALID', `${shown}: cloud assemblies nested too deep`);
  const templates: Template[] = [];
  for (const [id, artifact] of Object.entries((manifest.artifacts ?? {}) as Json)) {
    if (!isObject(artifact)) continue;
    if (artifact.type === 'aws:cloudformation:stack') {
      templates.push(...readStack(dir, id, artifact, shown, options, manifest.artifacts as Json));
    } else if (artifact.type === 'cdk:cloud-assembly') {
      const nested = isObject(artifact.properties) ? artifact.properties.directoryName : undefined;
      if (typeof nested !== 'string') {
        throw new SovereignLzError('INPUT_INVALID', `${shown}: nested assembly '${id}' has no directoryName`);
      }
      templates.push(...readCloudAssembly(join(dir, nested), options, depth + 1));
    }
  }
  return templates;
}
