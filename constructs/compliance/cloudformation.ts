import {
  CLASSIFICATION_LEVELS,
  isClassificationLevel,
  METADATA_KEY,
  SovereignLzError,
  TAG_KEYS,
  type ClassificationLevel,
  type LocalizedText,
  type SuppressionScope,
} from '../core';
import { parseCloudFormationYaml } from './cfn-yaml';
import { clipMessage } from './input-files';
import { isResourceRef, isUnresolved, Resolver } from './intrinsics';
import type { ArtifactFormat, EffectiveClassification, ReadSuppression, Resource, StackInfo, Template } from './model';
import { readSuppressionList, templateSuppressionsOf } from './read-suppressions';
import { isTaggableType, tagPropertyOf } from './taggable-types';

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
}

/** Types that are not resources of the deployment: never judged, never counted. */
const IGNORED_TYPES = new Set(['AWS::CDK::Metadata']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True if a parsed document looks like a CloudFormation template: it has `Resources` (of
 * whatever shape: `readTemplate` then says what is wrong with it) or a format version.
 */
export function isCloudFormationTemplate(doc: unknown): boolean {
  if (!isObject(doc) || 'kind' in doc) return false;
  return (doc.Resources !== undefined && doc.Resources !== null) || typeof doc.AWSTemplateFormatVersion === 'string';
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

/**
 * Reads a parsed template into a {@link Template}. Throws a one-line {@link SovereignLzError}
 * naming the file (and resource) if its structure is not a template's.
 */
export function readTemplate(doc: unknown, ctx: TemplateContext): Template {
  if (!isObject(doc)) throw new SovereignLzError('INPUT_INVALID', `${ctx.file}: a template must be an object`);
  const section = (name: string): Json => {
    const value = doc[name];
    if (value === undefined || value === null) return {};
    if (!isObject(value)) throw new SovereignLzError('INPUT_INVALID', `${ctx.file}: ${name} must be an object`);
    return value;
  };
  const rawResources = section('Resources');
  const parameters = section('Parameters');
  const resolver = new Resolver({
    resources: new Set(Object.keys(rawResources)),
    parameters: new Set(Object.keys(parameters)),
    mappings: section('Mappings'),
    conditions: section('Conditions'),
    region: ctx.stack.region,
    account: ctx.stack.account,
    stackName: ctx.stack.name,
  });
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
  for (const [id, raw] of Object.entries(rawResources)) {
    if (id.startsWith('Fn::ForEach')) continue;
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
    if (IGNORED_TYPES.has(raw.Type)) continue;
    if (typeof raw.Condition === 'string' && resolver.resolve({ Condition: raw.Condition }) === false) continue;
    if (raw.Properties !== undefined && raw.Properties !== null && !isObject(raw.Properties)) {
      throw new SovereignLzError('INPUT_INVALID', `${where}: Properties must be an object`);
    }
    const resolved = resolver.resolve(raw.Properties ?? {});
    const properties: Json = isObject(resolved) ? resolved : {};
    const tagProperty = tagPropertyOf(raw.Type);
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
    const resource: Resource = {
      file: ctx.file,
      format: ctx.format,
      id,
      type: raw.Type,
      properties,
      path: cdkPath ?? ctx.constructPathOf?.(id),
      ...(ctx.lines?.has(id) ? { line: ctx.lines.get(id) } : {}),
      tags,
      unresolvedTags: unresolved,
      taggable: isTaggableType(raw.Type) || properties[tagProperty] !== undefined,
      classification,
      classificationProblem,
      suppressions: [
        ...readSuppressions(metadata, 'resource', `${where}: Metadata`),
        ...templateSuppressionsOf(id, templateSuppressions),
      ],
      template,
    };
    resources.push(resource);
    byId.set(id, resource);
  }
  return template;
}
