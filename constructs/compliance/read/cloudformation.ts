import {
  CLASSIFICATION_LEVELS,
  isClassificationLevel,
  METADATA_KEY,
  SovereignLzError,
  TAG_KEYS,
  type ClassificationLevel,
  type LocalizedText,
  type SuppressionScope,
} from '../../core';
import { parseCloudFormationYaml } from './cfn-yaml';
import { expandForEach, FOR_EACH, type Collection } from './cfn-foreach';
import { bindParameters, choiceBindings, recordParameterChoices, type ResourceVariant } from './cfn-parameters';
import { declaresTransform, SAM_TRANSFORM, translateServerless } from './cfn-sam';
import { clipMessage } from './input-files';
import {
  isResourceRef,
  isUnresolved,
  Resolver,
  ResourceRef,
  Unresolved,
  type Assumption,
  type ParameterValue,
  type ResolverContext,
  type Used,
} from '../normalize/intrinsics';
import type {
  ArtifactFormat,
  EffectiveClassification,
  ReadSuppression,
  Resource,
  StackInfo,
  Template,
} from '../normalize/model';
import { readSuppressionList, templateSuppressionsOf } from './read-suppressions';
import { isTaggableType, tagPropertyOf } from '../normalize/taggable-types';

/**
 * Reads a CloudFormation template (a parsed JSON or YAML document) into the normalized
 * resource view: intrinsics resolved, tags read, classification by precedence, suppressions
 * and construct paths taken from the metadata.
 */

/** What a template's reader knows beyond the template itself. */
export interface TemplateContext {
  /** The file, relative to the working directory. */
  readonly file: string;
  readonly format: ArtifactFormat;
  readonly stack: StackInfo;
  /**
   * The construct path of a resource without `aws:cdk:path` metadata, by logical id (from the
   * cloud assembly's metadata).
   * @default - none: such resources have no path
   */
  readonly constructPathOf?: (logicalId: string) => string | undefined;
  /** `--classification`: the level of resources that carry none. */
  readonly assumedClassification?: ClassificationLevel;
  /**
   * The line of each resource in the file, by logical id (see source-lines.ts).
   * @default - none: the resources have no line
   */
  readonly lines?: ReadonlyMap<string, number>;
  /**
   * Values given to the template's parameters (a nested stack's, by its parent); the others
   * take their defaults (see cfn-parameters.ts).
   * @default - none
   */
  readonly parameterValues?: ReadonlyMap<string, ParameterValue>;
  /**
   * Resources of another template that parameters refer to, by parameter name (a nested
   * stack's parent's): references to them are followed like references within the template.
   * @default - none
   */
  readonly externalResources?: ReadonlyMap<string, Resource>;
}

/** Types that are not resources of the deployment: never judged, never counted. */
const IGNORED_TYPES = new Set(['AWS::CDK::Metadata']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True if a parsed document looks like a CloudFormation template: it has `Resources` (of
 * whatever shape: `readTemplate` then says what is wrong with it) or a format version, or it
 * is a fragment: `Parameters`, `Outputs` or `Mappings` and nothing but template sections (a
 * template of zero resources, judged for what it has).
 */
export function isCloudFormationTemplate(doc: unknown): boolean {
  if (!isObject(doc) || 'kind' in doc) return false;
  if ((doc.Resources !== undefined && doc.Resources !== null) || typeof doc.AWSTemplateFormatVersion === 'string') {
    return true;
  }
  const keys = Object.keys(doc);
  return (
    keys.length > 0 &&
    keys.every((k) => TEMPLATE_SECTIONS.has(k)) &&
    ['Parameters', 'Outputs', 'Mappings'].some((k) => isObject(doc[k]))
  );
}

/** Parses a JSON document, with a one-line error naming the file, line and column. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    const position =
      /position (\d+)/.exec(message)?.[1] ?? (/end of JSON input/.test(message) ? text.length : undefined);
    let where = file;
    if (position !== undefined) {
      const before = text.slice(0, Number(position));
      const line = before.split('\n').length;
      where = `${file}:${line}:${before.length - before.lastIndexOf('\n')}`;
    }
    throw new SovereignLzError('INPUT_INVALID', `${where}: not valid JSON: ${clipMessage(message)}`);
  }
}

/**
 * Parses a template file's text: JSON for `.json` (and any text that is JSON, whatever its
 * extension), YAML with CloudFormation's short-form tags otherwise. YAML above an eighth of
 * `maxFileBytes` (default 100 MiB) is refused: see input-files.ts.
 */
export function parseTemplateText(
  text: string,
  file: string,
  maxFileBytes?: number,
): { doc: unknown; format: ArtifactFormat } {
  if (file.toLowerCase().endsWith('.json')) return { doc: parseJson(text, file), format: 'cloudformation-json' };
  if (text.trimStart().startsWith('{')) {
    try {
      return { doc: JSON.parse(text) as unknown, format: 'cloudformation-json' };
    } catch {
      // Not JSON after all: YAML flow style.
    }
  }
  const docs = parseCloudFormationYaml(text, file, maxFileBytes);
  return { doc: docs.length === 1 ? docs[0] : docs, format: 'cloudformation-yaml' };
}

function readTags(raw: unknown): { tags: Record<string, string>; unresolved: string[]; problem?: LocalizedText } {
  const tags: Record<string, string> = {};
  const unresolved: string[] = [];
  if (raw === undefined) return { tags, unresolved };
  if (isUnresolved(raw)) {
    return {
      tags,
      unresolved,
      problem: {
        en: `its tags are ${raw.describe('en')}`,
        fr: `impossible de déterminer ses balises (${raw.describe('fr')})`,
      },
    };
  }
  const put = (key: unknown, value: unknown): void => {
    if (typeof key !== 'string') return;
    if (typeof value === 'string') tags[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') tags[key] = String(value);
    else unresolved.push(key);
  };
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      if (isObject(entry)) put(entry.Key, entry.Value);
      else if (isUnresolved(entry)) {
        const problem = {
          en: `a tag is ${entry.describe('en')}`,
          fr: `impossible de déterminer une balise (${entry.describe('fr')})`,
        };
        return { tags, unresolved, problem };
      }
    }
  } else if (isObject(raw) && !isResourceRef(raw)) {
    for (const [key, value] of Object.entries(raw)) put(key, value);
  } else {
    const problem = {
      en: 'its tags are neither a list of {Key, Value} nor a map',
      fr: 'ses balises ne sont ni une liste de {Key, Value} ni un dictionnaire',
    };
    return { tags, unresolved, problem };
  }
  return { tags, unresolved };
}

function classify(
  tags: Record<string, string>,
  unresolved: readonly string[],
  tagProblem: LocalizedText | undefined,
  stack: StackInfo,
  assumed: ClassificationLevel | undefined,
): { classification?: EffectiveClassification; problem?: LocalizedText } {
  const key = TAG_KEYS.classification;
  const levels = CLASSIFICATION_LEVELS.join(', ');
  if (key in tags) {
    return isClassificationLevel(tags[key])
      ? { classification: { level: tags[key], origin: 'resource' } }
      : {
          problem: {
            en: `its tag ${key} is '${tags[key]}', which is not a level (${levels})`,
            fr: `sa balise ${key} vaut '${tags[key]}', qui n'est pas un niveau (${levels})`,
          },
        };
  }
  if (unresolved.includes(key)) {
    return {
      problem: { en: `its tag ${key} is not a literal value`, fr: `sa balise ${key} n'est pas une valeur littérale` },
    };
  }
  if (tagProblem) return { problem: tagProblem };
  const stackLevel = stack.tags[key];
  if (stackLevel !== undefined) {
    return isClassificationLevel(stackLevel)
      ? { classification: { level: stackLevel, origin: 'stack' } }
      : {
          problem: {
            en: `its stack's tag ${key} is '${stackLevel}', which is not a level (${levels})`,
            fr: `la balise ${key} de sa pile vaut '${stackLevel}', qui n'est pas un niveau (${levels})`,
          },
        };
  }
  return assumed ? { classification: { level: assumed, origin: 'assumed' } } : {};
}

/** Suppressions written under `Metadata.sovereign-lz.suppressions`, with their problems. */
function readSuppressions(metadata: unknown, scope: SuppressionScope, where: string): ReadSuppression[] {
  if (!isObject(metadata) || metadata[METADATA_KEY] === undefined) return [];
  const own = metadata[METADATA_KEY];
  const list = isObject(own) ? own.suppressions : undefined;
  if (list !== undefined && !Array.isArray(list)) {
    throw new SovereignLzError('INPUT_INVALID', `${where}: Metadata.${METADATA_KEY}.suppressions must be a list`);
  }
  return readSuppressionList(list, where, scope);
}

/** The sections of a CloudFormation template (and SAM's `Globals`): a document with only these is a template. */
const TEMPLATE_SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Hooks',
  'Globals',
]);

/** The transform that brings `Fn::ForEach`, `Fn::Length`, `Fn::ToJsonString`. */
const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** The type of the resource that stands for a loop the reader could not expand. */
export const UNEXPANDED_LOOP_TYPE = 'Fn::ForEach';

const unread = new WeakMap<Resource, LocalizedText>();

/**
 * Marks a resource whose content the reader could not read (a loop it could not expand, a SAM
 * type it does not translate, a nested stack whose template is not in the input): it is
 * reported, never taken for judged. See {@link whyUnread}.
 */
export function markUnread(resource: Resource, why: LocalizedText): void {
  unread.set(resource, why);
}

/**
 * Why the reader could not read a resource's content, if it could not. Such a resource is of a
 * type no rule knows (`Fn::ForEach`, an `AWS::Serverless::*` type, `AWS::CloudFormation::Stack`),
 * so the engine reports it as not assessed; the engine may report this reason instead.
 */
export function whyUnread(resource: Resource): LocalizedText | undefined {
  return unread.get(resource);
}

/** What the parent passes a nested stack (`AWS::CloudFormation::Stack`), as its reader needs it. */
export interface NestedStackSpec {
  /** `TemplateURL`, resolved in the parent. */
  readonly templateUrl: unknown;
  /** `Metadata.aws:asset:path` (a CDK nested stack's template in the cloud assembly). */
  readonly assetPath?: string;
  /** The values of `Parameters`, by name, with what the parent chose to compute them. */
  readonly parameters: ReadonlyMap<string, ParameterValue>;
  /** The parent's resources that parameters refer to, by parameter name. */
  readonly external: ReadonlyMap<string, Resource>;
}

const nestedStacks = new WeakMap<Resource, NestedStackSpec>();

/** What the parent passes the nested stack `resource` (an `AWS::CloudFormation::Stack`). */
export function nestedStackSpec(resource: Resource): NestedStackSpec | undefined {
  return nestedStacks.get(resource);
}

const deployedDocuments = new WeakMap<Template, Json>();

/**
 * The document CloudFormation deploys for a template read by {@link readTemplate}: its loops
 * expanded and its SAM resources translated (what its quotas apply to), when it differs from
 * the document given.
 */
export function deployedDocumentOf(template: Template): Json | undefined {
  return deployedDocuments.get(template);
}

/** The value a parent passes a nested stack's parameter, as the nested stack's reader binds it. */
function passedValue(
  name: string,
  value: unknown,
  used: Used,
  parent: ReadonlyMap<string, Resource>,
  stack: string,
  external: Map<string, Resource>,
): ParameterValue {
  const assumptions = used.assumptions.map((a) => ({ ...a, stack: a.stack ?? stack }));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return { value: String(value), assumptions };
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { value: value.join(','), assumptions };
  if (isResourceRef(value) && parent.has(value.target)) {
    // A reference to a resource of the parent: the nested template follows it to that resource.
    external.set(name, parent.get(value.target)!);
    return { value: new ResourceRef(name, value.attribute), assumptions };
  }
  const why = isUnresolved(value)
    ? value.describe('en')
    : isResourceRef(value)
      ? `a reference to '${value.toString()}'`
      : 'not a string';
  const pourquoi = isUnresolved(value)
    ? value.describe('fr')
    : isResourceRef(value)
      ? `une référence à '${value.toString()}'`
      : "ce n'est pas une chaîne";
  return {
    value: new Unresolved(
      [
        {
          en: `parameter '${name}' as the parent stack passes it (${why})`,
          fr: `paramètre '${name}' tel que la pile parente le passe (${pourquoi})`,
        },
      ],
      [],
      isUnresolved(value) ? value.text : `\${${name}}`,
    ),
    assumptions,
  };
}

/**
 * Reads a parsed template into a {@link Template}. Throws a one-line {@link SovereignLzError}
 * naming the file (and resource) if its structure is not a template's.
 *
 * The template is read as CloudFormation deploys it: its `Fn::ForEach` loops expanded (see
 * cfn-foreach.ts), its SAM resources translated (see cfn-sam.ts), its parameters bound to
 * their defaults or to the values a parent stack passes (see cfn-parameters.ts).
 */
export function readTemplate(doc: unknown, ctx: TemplateContext): Template {
  if (!isObject(doc)) throw new SovereignLzError('INPUT_INVALID', `${ctx.file}: a template must be an object`);
  const section = (name: string): Json => {
    const value = doc[name];
    if (value === undefined || value === null) return {};
    if (!isObject(value)) throw new SovereignLzError('INPUT_INVALID', `${ctx.file}: ${name} must be an object`);
    return value;
  };
  const declared = section('Resources');
  const parameters = section('Parameters');
  const mappings = section('Mappings');
  const values = bindParameters(parameters, ctx.parameterValues);
  const base = {
    parameters: new Set(Object.keys(parameters)),
    mappings,
    region: ctx.stack.region,
    account: ctx.stack.account,
    stackName: ctx.stack.name,
  };
  // Fn::ForEach (AWS::LanguageExtensions): the loops of Resources, Conditions and Outputs.
  const deep = declaresTransform(doc, LANGUAGE_EXTENSIONS);
  const collectionResolver = new Resolver({
    ...base,
    resources: new Set(),
    conditions: section('Conditions'),
    parameterValues: values,
  });
  const collection = (value: unknown): Collection => {
    const resolved = collectionResolver.resolve(value, { keepEmptyStrings: true });
    const used = collectionResolver.takeUsed();
    if (Array.isArray(resolved) && resolved.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return { items: resolved.map(String), assumptions: used.assumptions };
    }
    if (isUnresolved(resolved)) {
      return {
        why: {
          en: `its collection is ${resolved.describe('en')}`,
          fr: `impossible de déterminer sa collection (${resolved.describe('fr')})`,
        },
      };
    }
    return {
      why: { en: 'its collection is not a list of strings', fr: "sa collection n'est pas une liste de chaînes" },
    };
  };
  const resourcesLoops = expandForEach(declared, collection, deep);
  const conditionsLoops = expandForEach(section('Conditions'), collection, deep);
  const outputsLoops = expandForEach(section('Outputs'), collection, deep);
  // AWS SAM: the resources SAM generates.
  const sam = declaresTransform(doc, SAM_TRANSFORM)
    ? translateServerless(resourcesLoops.section, doc.Globals)
    : undefined;
  const rawResources = sam?.resources ?? resourcesLoops.section;
  let deployedTemplate: Json | undefined;
  if (
    rawResources !== declared ||
    conditionsLoops.section !== section('Conditions') ||
    outputsLoops.section !== section('Outputs')
  ) {
    // What CloudFormation deploys: its quotas apply to it.
    const deployed: Json = { ...doc, Resources: rawResources };
    if (doc.Conditions !== undefined) deployed.Conditions = conditionsLoops.section;
    if (doc.Outputs !== undefined) deployed.Outputs = outputsLoops.section;
    delete deployed.Globals;
    if (sam) delete deployed.Transform;
    deployedTemplate = deployed;
  }
  const context: ResolverContext = {
    ...base,
    resources: new Set(Object.keys(rawResources)),
    conditions: conditionsLoops.section,
    parameterValues: values,
  };
  const resolver = new Resolver(context);
  const templateSuppressions = readSuppressions(doc.Metadata, 'template', `${ctx.file}: Metadata`);
  const resources: Resource[] = [];
  const byId = new Map<string, Resource>();
  const template: Template = {
    file: ctx.file,
    format: ctx.format,
    stack: ctx.stack,
    parameters: Object.keys(parameters),
    resources,
    byId,
    suppressions: templateSuppressions,
  };
  if (deployedTemplate) deployedDocuments.set(template, deployedTemplate);
  /** The line of a resource: its own key, else the key of the SAM resource or the loop it comes from. */
  const lineOf = (id: string): number | undefined => {
    if (!ctx.lines) return undefined;
    const samOrigin = sam?.origins.get(id);
    const key = samOrigin ?? id;
    return ctx.lines.get(id) ?? ctx.lines.get(key) ?? ctx.lines.get(resourcesLoops.origins.get(key)?.loop ?? '');
  };
  const assumedFor = (id: string): readonly Assumption[] =>
    resourcesLoops.origins.get(sam?.origins.get(id) ?? id)?.assumptions ?? [];

  /** One resource as `resolver` reads it; undefined if its condition is false. */
  const build = (id: string, raw: Json, type: string, where: string, using: Resolver): [Resource, Used] | undefined => {
    let condition: unknown = raw.Condition;
    // The language extensions allow a function to give the condition's name (or AWS::NoValue).
    if (condition !== undefined && typeof condition !== 'string') condition = using.resolve(condition);
    if (typeof condition === 'string' && using.resolve({ Condition: condition }) === false) {
      using.takeUsed();
      return undefined;
    }
    if (raw.Properties !== undefined && raw.Properties !== null && !isObject(raw.Properties)) {
      throw new SovereignLzError('INPUT_INVALID', `${where}: Properties must be an object`);
    }
    const tagProperty = tagPropertyOf(type);
    // A tag's value may be empty: the tags keep their empty strings.
    const resolved = using.resolve(raw.Properties ?? {}, { keepEmptyStringsIn: tagProperty });
    const properties: Json = isObject(resolved) ? resolved : {};
    const used = using.takeUsed();
    const { tags, unresolved, problem } = readTags(properties[tagProperty]);
    const { classification, problem: classificationProblem } = classify(
      tags,
      unresolved,
      problem,
      ctx.stack,
      ctx.assumedClassification,
    );
    const metadata = isObject(raw.Metadata) ? raw.Metadata : {};
    const cdkPath = typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined;
    const line = lineOf(id);
    const resource: Resource = {
      file: ctx.file,
      format: ctx.format,
      id,
      type,
      properties,
      path: cdkPath ?? ctx.constructPathOf?.(id),
      ...(line !== undefined ? { line } : {}),
      tags,
      unresolvedTags: unresolved,
      taggable: isTaggableType(type) || properties[tagProperty] !== undefined,
      classification,
      classificationProblem,
      suppressions: [
        ...readSuppressions(metadata, 'resource', `${where}: Metadata`),
        ...templateSuppressionsOf(id, templateSuppressions),
      ],
      template,
    };
    return [resource, used];
  };

  /** A resource that stands for content the reader could not read. */
  const placeholder = (id: string, type: string, why: LocalizedText): void => {
    const line = lineOf(id);
    const resource: Resource = {
      file: ctx.file,
      format: ctx.format,
      id,
      type,
      properties: {},
      path: ctx.constructPathOf?.(id),
      ...(line !== undefined ? { line } : {}),
      tags: {},
      unresolvedTags: [],
      taggable: false,
      suppressions: templateSuppressionsOf(id, templateSuppressions),
      template,
    };
    markUnread(resource, why);
    resources.push(resource);
    byId.set(id, resource);
  };

  for (const [id, raw] of Object.entries(rawResources)) {
    const where = `${ctx.file}: resource '${id}'`;
    if (!isObject(raw)) throw new SovereignLzError('INPUT_INVALID', `${where} must be an object`);
    if (raw.Type === undefined || raw.Type === null || raw.Type === '') {
      throw new SovereignLzError('INPUT_INVALID', `${where} has no Type`);
    }
    if (typeof raw.Type !== 'string') {
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${where}: Type must be a string, not ${clipMessage(JSON.stringify(raw.Type))}`,
      );
    }
    const type = raw.Type;
    if (IGNORED_TYPES.has(type)) continue;
    const built = build(id, raw, type, where, resolver);
    if (!built) continue;
    const [resource, used] = built;
    // Parameters with several allowed values: the resource under each (see cfn-parameters.ts).
    const variants: ResourceVariant[] = [];
    for (const binding of used.choices.length ? choiceBindings(parameters, values, used.choices) : []) {
      const variant = build(id, raw, type, where, new Resolver({ ...context, parameterValues: binding }));
      if (variant) variants.push({ resource: variant[0], assumptions: [...assumedFor(id), ...variant[1].assumptions] });
    }
    recordParameterChoices(resource, { assumptions: [...assumedFor(id), ...used.assumptions], variants });
    const why = sam?.unjudged.get(id);
    if (why) markUnread(resource, why);
    if (type === 'AWS::CloudFormation::Stack') nestedStacks.set(resource, nestedSpec(resource, raw, resolver));
    resources.push(resource);
    byId.set(id, resource);
  }
  // Loops of Resources the reader could not expand: their resources are unknown, never none.
  const seen = new Set<string>();
  for (const { loop, top, why } of resourcesLoops.unexpanded) {
    // A loop of Resources (or nested in one) stands for its resources; a loop inside a
    // resource's properties is reported beside the resource.
    const id = top.startsWith(FOR_EACH) ? top : `${top}/${loop}`;
    if (seen.has(id)) continue;
    seen.add(id);
    placeholder(id, UNEXPANDED_LOOP_TYPE, {
      en: `the resources of the loop '${loop}' cannot be known: ${why.en}`,
      fr: `les ressources de la boucle '${loop}' ne peuvent être connues : ${why.fr}`,
    });
  }
  for (const [name, resource] of ctx.externalResources ?? []) if (!byId.has(name)) byId.set(name, resource);

  /** What the parent passes a nested stack, read per parameter (each with what its value used). */
  function nestedSpec(resource: Resource, raw: Json, using: Resolver): NestedStackSpec {
    const rawParameters = isObject(raw.Properties) ? raw.Properties.Parameters : undefined;
    const passed = new Map<string, ParameterValue>();
    const external = new Map<string, Resource>();
    using.takeUsed();
    if (isObject(rawParameters)) {
      for (const [name, value] of Object.entries(rawParameters)) {
        const resolved = using.resolve(value, { keepEmptyStrings: true });
        passed.set(name, passedValue(name, resolved, using.takeUsed(), byId, ctx.stack.name ?? ctx.file, external));
      }
    }
    const metadata = isObject(raw.Metadata) ? raw.Metadata : {};
    const assetPath = metadata['aws:asset:path'];
    return {
      templateUrl: resource.properties.TemplateURL,
      ...(typeof assetPath === 'string' ? { assetPath } : {}),
      parameters: passed,
      external,
    };
  }
  return template;
}
