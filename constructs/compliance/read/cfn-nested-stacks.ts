import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { LocalizedText } from '../../core';
import {
  deployedDocumentOf,
  isCloudFormationTemplate,
  markUnread,
  nestedStackSpec,
  parseTemplateText,
  readTemplate,
  type NestedStackSpec,
} from './cloudformation';
import { withDeploymentFacts } from '../deployability/template-facts';
import { checkDocumentShape, readInputText } from './input-files';
import { isUnresolved } from '../normalize/intrinsics';
import type { Resource, StackInfo, Template } from '../normalize/model';
import { displayPath, type ReadOptions } from './read-options';
import { templateLines } from './source-lines';

/**
 * Nested stacks (`AWS::CloudFormation::Stack`): the template each names is read as part of
 * its parent's deployment (AWS CloudFormation User Guide, "Nested stacks"; Template Reference,
 * `AWS::CloudFormation::Stack`): in the parent's environment (account, region), with the
 * parent's tags and the stack resource's `Tags` (CloudFormation propagates both to the nested
 * stack's resources), its `Parameters` bound to the values the parent's `Parameters` property
 * passes (literal, or resolved in the parent: a parent's parameter at its default is noted as
 * such; a reference to a parent's resource is followed to it), and its resources judged like
 * any. The stack resource itself then stands for nothing more: it leaves the parent's resources
 * (references to it still resolve). A nested stack whose template cannot be found stays, and
 * is reported as not read.
 *
 * Where the template is: in a cloud assembly, the file of its asset (the resource's
 * `Metadata.aws:asset:path`, else the asset whose object key ends its `TemplateURL`, from the
 * assembly's asset manifests); for a template file, a relative `TemplateURL` resolved beside
 * the parent (as `aws cloudformation package` takes it).
 */

/** How deep nested stacks may nest before the reader stops. */
export const MAX_NESTED_STACK_DEPTH = 10;

/** Where a nested stack's template is (an absolute path), or why it cannot be known. */
export type NestedLocation = string | LocalizedText;

/** Finds the template of the nested stack `resource`, whose parent's template file is `parentFile` (absolute). */
export type NestedLocator = (resource: Resource, spec: NestedStackSpec, parentFile: string) => NestedLocation;

const nested = new WeakSet<Template>();

/** True if `template` was read as a nested stack of another. */
export function isNestedTemplate(template: Template): boolean {
  return nested.has(template);
}

/** The text `TemplateURL` resolves to (its known parts, for an unresolved one), if any. */
export function templateUrlText(url: unknown): string | undefined {
  if (typeof url === 'string') return url;
  return isUnresolved(url) ? url.text : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The locator of template files: a relative `TemplateURL` beside the parent. */
export const localNestedTemplate: NestedLocator = (_resource, spec, parentFile) => {
  const url = spec.templateUrl;
  if (typeof url !== 'string') {
    return isUnresolved(url)
      ? {
          en: `its TemplateURL is ${url.describe('en')}`,
          fr: `impossible de déterminer son TemplateURL (${url.describe('fr')})`,
        }
      : { en: 'it has no TemplateURL', fr: "il n'a pas de TemplateURL" };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || isAbsolute(url)) {
    return {
      en: `its template is at '${url}', outside the input`,
      fr: `son modèle est à '${url}', hors de l'entrée`,
    };
  }
  const path = resolve(dirname(parentFile), url);
  if (!isFile(path))
    return { en: `no file '${url}' beside its parent`, fr: `aucun fichier '${url}' à côté de son parent` };
  return path;
};

function stackOf(parent: Template, resource: Resource, spec: NestedStackSpec): StackInfo {
  const url = templateUrlText(spec.templateUrl);
  // Deployed as part of its parent: not an artifact of its own, and named by CloudFormation.
  const {
    name: _name,
    artifactId: _artifactId,
    dependencies: _dependencies,
    templateAssetUrl: _url,
    ...rest
  } = parent.stack;
  return {
    ...rest,
    tags: { ...parent.stack.tags, ...resource.tags },
    // CloudFormation reads a nested stack's template from S3, never inline.
    templateAssetUrl: url ?? 'TemplateURL',
  };
}

/**
 * Reads the nested stacks of `parent` (read from `parentFile`, absolute), and theirs, each
 * found by `locate`. A stack resource whose template is read leaves `parent.resources`; one
 * whose template cannot be is marked as not read (see `whyUnread`).
 */
export function readNestedStacks(
  parent: Template,
  parentFile: string,
  locate: NestedLocator,
  options: ReadOptions,
  ancestors: ReadonlySet<string> = new Set(),
): Template[] {
  const out: Template[] = [];
  const stacks = parent.resources.filter((r) => r.type === 'AWS::CloudFormation::Stack');
  if (!stacks.length) return out;
  let real = parentFile;
  try {
    real = realpathSync(parentFile);
  } catch {
    // Kept as given.
  }
  const lineage = new Set([...ancestors, real]);
  const read: Resource[] = [];
  for (const resource of stacks) {
    const spec = nestedStackSpec(resource);
    if (!spec) continue;
    const notRead = (why: LocalizedText): void =>
      markUnread(resource, {
        en: `the template of this nested stack is not read: ${why.en}`,
        fr: `le modèle de cette pile imbriquée n'est pas lu : ${why.fr}`,
      });
    const location = locate(resource, spec, parentFile);
    if (typeof location !== 'string') {
      notRead(location);
      continue;
    }
    let realFile = location;
    try {
      realFile = realpathSync(location);
    } catch {
      // Unreadable: readInputText says so.
    }
    if (lineage.has(realFile)) {
      notRead({ en: 'it is the template of one of its parents', fr: "c'est le modèle de l'un de ses parents" });
      continue;
    }
    if (lineage.size > MAX_NESTED_STACK_DEPTH) {
      notRead({
        en: `nested stacks go deeper than ${MAX_NESTED_STACK_DEPTH} levels`,
        fr: `les piles imbriquées dépassent ${MAX_NESTED_STACK_DEPTH} niveaux`,
      });
      continue;
    }
    const shown = displayPath(location, options);
    const text = readInputText(location, shown, options.maxFileBytes);
    options.onRead?.(location);
    const { doc, format } = parseTemplateText(text, shown, options.maxFileBytes);
    checkDocumentShape(doc, shown);
    if (!isCloudFormationTemplate(doc)) {
      notRead({ en: `${shown} is not a CloudFormation template`, fr: `${shown} n'est pas un modèle CloudFormation` });
      continue;
    }
    const template = readTemplate(doc, {
      file: shown,
      format,
      stack: stackOf(parent, resource, spec),
      assumedClassification: options.classification,
      lines: templateLines(text, doc, format === 'cloudformation-yaml'),
      parameterValues: spec.parameters,
      externalResources: spec.external,
    });
    nested.add(template);
    out.push(withDeploymentFacts(template, deployedDocumentOf(template) ?? doc, text));
    read.push(resource);
    out.push(...readNestedStacks(template, location, locate, options, lineage));
  }
  if (read.length) {
    // Its template is judged: the stack resource stands for nothing more (references to it still resolve).
    const kept = parent.resources.filter((r) => !read.includes(r));
    (parent.resources as Resource[]).splice(0, parent.resources.length, ...kept);
  }
  return out;
}

/**
 * Templates read both as a nested stack and on their own (a directory holding a parent and
 * its child): the nested reading is kept, it has the parent's values.
 */
export function withoutNestedDuplicates(templates: readonly Template[]): Template[] {
  const nestedFiles = new Set(templates.filter(isNestedTemplate).map((t) => t.file));
  if (!nestedFiles.size) return [...templates];
  return templates.filter((t) => isNestedTemplate(t) || !nestedFiles.has(t.file));
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The locator of a cloud assembly's nested stacks (in the assembly directory `dir`, whose
 * manifest's artifacts are `artifacts`): the asset path of the resource's metadata, else the
 * file asset whose object key ends the `TemplateURL`.
 */
export function assemblyNestedTemplate(
  dir: string,
  artifacts: Json,
  readJson: (file: string) => unknown,
): NestedLocator {
  let byObjectKey: Map<string, string> | undefined;
  const assets = (): Map<string, string> => {
    if (byObjectKey) return byObjectKey;
    byObjectKey = new Map();
    for (const artifact of Object.values(artifacts)) {
      if (!isObject(artifact) || artifact.type !== 'cdk:asset-manifest') continue;
      const file = isObject(artifact.properties) ? artifact.properties.file : undefined;
      if (typeof file !== 'string' || !existsSync(join(dir, file))) continue;
      const manifest = readJson(join(dir, file));
      const files = isObject(manifest) && isObject(manifest.files) ? manifest.files : {};
      for (const [hash, asset] of Object.entries(files)) {
        if (!isObject(asset) || !isObject(asset.source) || typeof asset.source.path !== 'string') continue;
        const keys = new Set([`${hash}.json`, hash]);
        for (const destination of Object.values(isObject(asset.destinations) ? asset.destinations : {})) {
          if (isObject(destination) && typeof destination.objectKey === 'string') keys.add(destination.objectKey);
        }
        for (const key of keys) byObjectKey.set(key, asset.source.path);
      }
    }
    return byObjectKey;
  };
  return (_resource, spec) => {
    if (spec.assetPath !== undefined) {
      const path = join(dir, spec.assetPath);
      return isFile(path)
        ? path
        : {
            en: `its asset '${spec.assetPath}' is not in the cloud assembly`,
            fr: `son actif '${spec.assetPath}' n'est pas dans l'assemblage cloud`,
          };
    }
    const url = templateUrlText(spec.templateUrl);
    const key = url
      ?.replace(/[?#].*$/, '')
      .split('/')
      .filter(Boolean)
      .pop();
    const source = key !== undefined ? assets().get(key) : undefined;
    if (source !== undefined && isFile(join(dir, source))) return join(dir, source);
    return url !== undefined
      ? {
          en: `its TemplateURL '${url}' is not an asset of the cloud assembly`,
          fr: `son TemplateURL '${url}' n'est pas un actif de l'assemblage cloud`,
        }
      : { en: 'its TemplateURL cannot be known', fr: 'son TemplateURL ne peut être connu' };
  };
}
