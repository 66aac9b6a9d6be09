import { join } from 'node:path';
import {
  findCloudRegion,
  isClassificationLevel,
  METADATA_KEY,
  mostRestricted,
  SovereignLzError,
  TAG_KEYS,
} from '../core';
import type { ClassificationLevel } from '../core';
import { parseEnvironment, readJsonFile } from '../compliance/read/cloud-assembly';
import { isJsonObject } from '../compliance/read/kubernetes-source';
import type { AwsTarget, PlannedStackSet } from './model';
import { planWords } from './plan-words';

/**
 * Reads the CloudFormation units of a CDK cloud assembly: every `aws:cloudformation:stack`
 * artifact of its `manifest.json` (and of nested assemblies), with its environment, its tags
 * (the manifest's `properties.tags`, else the `aws:cdk:stack-tags` metadata), its
 * dependencies on other stacks, and what its template creates.
 */

type Json = Record<string, unknown>;

/** A CloudFormation unit as read, before it is ordered and judged. */
export interface AwsUnit {
  /** The CDK CLI's stack selector: the artifact's `displayName` (hierarchical in a Stage), else its id. */
  readonly id: string;
  readonly description: string | null;
  readonly target: AwsTarget;
  readonly classification: ClassificationLevel | null;
  readonly jurisdiction: string | null;
  readonly resources: number;
  /** The template, relative to the output directory. */
  readonly artifact: string;
  readonly dependsOn: readonly string[];
  readonly stackSets: readonly PlannedStackSet[];
  /** The StackSet that deploys this template (its template `Metadata.sovereign-lz.stackSet`), if any. */
  readonly stackSetTemplateOf: string | null;
}

/** How readers show paths in messages. */
export interface PlanReadContext {
  /** The output directory (absolute). */
  readonly outDir: string;
  /** The directory messages show paths relative to. */
  readonly cwd: string;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isJsonObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Stack tags from the `aws:cdk:stack-tags` metadata entry of the stack's own path. */
function metadataTags(metadata: unknown): Record<string, string> {
  if (!isJsonObject(metadata)) return {};
  const tags: Record<string, string> = {};
  for (const entries of Object.values(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (!isJsonObject(entry) || entry.type !== 'aws:cdk:stack-tags' || !Array.isArray(entry.data)) continue;
      for (const tag of entry.data) {
        const key = isJsonObject(tag) ? (tag.key ?? tag.Key) : undefined;
        const value = isJsonObject(tag) ? (tag.value ?? tag.Value) : undefined;
        if (typeof key === 'string' && typeof value === 'string') tags[key] = value;
      }
    }
  }
  return tags;
}

/** The `Key`/`Value` tags of a resource's `Tags` property (a list), plain strings only. */
function resourceTags(resource: Json): Record<string, string> {
  const properties = isJsonObject(resource.Properties) ? resource.Properties : {};
  const tags = properties.Tags;
  if (Array.isArray(tags)) {
    return Object.fromEntries(
      tags
        .filter(isJsonObject)
        .filter((t) => typeof t.Key === 'string' && typeof t.Value === 'string')
        .map((t) => [t.Key as string, t.Value as string]),
    );
  }
  return stringRecord(tags);
}

function awsTarget(environment: unknown): AwsTarget {
  const { account, region } = parseEnvironment(environment);
  const known = region ? findCloudRegion(region) : undefined;
  const target = {
    kind: 'aws' as const,
    account: account ?? null,
    region: region ?? null,
    country: known?.country ?? null,
    location: known?.location ?? null,
  };
  return { ...target, description: planWords('en').target({ target }) };
}

/** A property value as shown: a literal string, or `Ref X` for a reference. */
function shown(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && typeof value.Ref === 'string') return `Ref ${value.Ref}`;
  if (isJsonObject(value) && Array.isArray(value['Fn::GetAtt'])) return `GetAtt ${value['Fn::GetAtt'].join('.')}`;
  return undefined;
}

function shownList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map(shown).filter((v): v is string => v !== undefined);
}

/** The logical id a `Ref` or `Fn::GetAtt` names. */
function referenced(value: unknown): string | undefined {
  if (isJsonObject(value) && typeof value.Ref === 'string') return value.Ref;
  if (isJsonObject(value) && Array.isArray(value['Fn::GetAtt']) && typeof value['Fn::GetAtt'][0] === 'string')
    return value['Fn::GetAtt'][0];
  return undefined;
}

/**
 * An organizational unit of the template a target references, by the path of its names below
 * the root (`Workloads/Internal`), as the organization shows it; undefined for anything else.
 */
function unitPath(resources: Json, value: unknown, seen: ReadonlySet<string> = new Set()): string | undefined {
  const id = referenced(value);
  const unit = id === undefined ? undefined : resources[id];
  if (id === undefined || seen.has(id) || !isJsonObject(unit) || unit.Type !== 'AWS::Organizations::OrganizationalUnit')
    return undefined;
  const properties = isJsonObject(unit.Properties) ? unit.Properties : {};
  if (typeof properties.Name !== 'string') return undefined;
  const parent = unitPath(resources, properties.ParentId, new Set([...seen, id]));
  return parent ? `${parent}/${properties.Name}` : properties.Name;
}

/** The StackSets of a template (`AWS::CloudFormation::StackSet`), with their targets. */
function stackSetsOf(resources: Json): PlannedStackSet[] {
  const sets: PlannedStackSet[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || resource.Type !== 'AWS::CloudFormation::StackSet') continue;
    const properties = isJsonObject(resource.Properties) ? resource.Properties : {};
    const groups = Array.isArray(properties.StackInstancesGroup)
      ? properties.StackInstancesGroup.filter(isJsonObject)
      : [];
    const units = new Set<string>();
    const accounts = new Set<string>();
    const regions = new Set<string>();
    for (const group of groups) {
      const targets = isJsonObject(group.DeploymentTargets) ? group.DeploymentTargets : {};
      // A unit of this template by its names (`Workloads/Internal`), not `GetAtt Units….Id`.
      const ids = Array.isArray(targets.OrganizationalUnitIds) ? targets.OrganizationalUnitIds : [];
      for (const u of ids) {
        const name = unitPath(resources, u) ?? shown(u);
        if (name !== undefined) units.add(name);
      }
      shownList(targets.Accounts).forEach((a) => accounts.add(a));
      shownList(group.Regions).forEach((r) => regions.add(r));
    }
    sets.push({
      id,
      name: typeof properties.StackSetName === 'string' ? properties.StackSetName : null,
      permissionModel: typeof properties.PermissionModel === 'string' ? properties.PermissionModel : null,
      organizationalUnits: [...units].sort(),
      accounts: [...accounts].sort(),
      regions: [...regions].sort(),
    });
  }
  return sets.sort((a, b) => a.id.localeCompare(b.id));
}

/** The StackSet a template declares it belongs to (`Metadata: { sovereign-lz: { stackSet } }`). */
function stackSetTemplateOf(template: unknown): string | null {
  const metadata =
    isJsonObject(template) && isJsonObject(template.Metadata) ? template.Metadata[METADATA_KEY] : undefined;
  return isJsonObject(metadata) && typeof metadata.stackSet === 'string' ? metadata.stackSet : null;
}

function readStack(
  assemblyDir: string,
  relDir: string,
  id: string,
  artifact: Json,
  localIds: ReadonlyMap<string, string>,
  ctx: PlanReadContext,
): AwsUnit {
  const options = { cwd: ctx.cwd };
  const properties = isJsonObject(artifact.properties) ? artifact.properties : {};
  if (typeof properties.templateFile !== 'string') {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${join(relDir, 'manifest.json')}: stack '${id}' has no properties.templateFile`,
    );
  }
  let tags = stringRecord(properties.tags);
  if (!Object.keys(tags).length && typeof artifact.additionalMetadataFile === 'string') {
    tags = metadataTags(readJsonFile(join(assemblyDir, artifact.additionalMetadataFile), options));
  } else if (!Object.keys(tags).length) {
    tags = metadataTags(artifact.metadata);
  }
  const template = readJsonFile(join(assemblyDir, properties.templateFile), options);
  const resources = isJsonObject(template) && isJsonObject(template.Resources) ? template.Resources : {};
  const stackLevel = tags[TAG_KEYS.classification];
  const resourceLevels = Object.values(resources)
    .filter(isJsonObject)
    .map((r) => resourceTags(r)[TAG_KEYS.classification])
    .filter(isClassificationLevel);
  const dependencies = Array.isArray(artifact.dependencies) ? artifact.dependencies : [];
  return {
    id: localIds.get(id) ?? id,
    description: isJsonObject(template) && typeof template.Description === 'string' ? template.Description : null,
    target: awsTarget(artifact.environment),
    classification: isClassificationLevel(stackLevel) ? stackLevel : (mostRestricted(resourceLevels) ?? null),
    jurisdiction: tags[TAG_KEYS.jurisdiction] ?? null,
    resources: Object.keys(resources).length,
    artifact: [relDir, properties.templateFile].filter(Boolean).join('/'),
    dependsOn: dependencies
      .filter((d): d is string => typeof d === 'string' && localIds.has(d))
      .map((d) => localIds.get(d)!),
    stackSets: stackSetsOf(resources),
    stackSetTemplateOf: stackSetTemplateOf(template),
  };
}

/**
 * Reads the stacks of the cloud assembly in `relDir` (relative to the output directory, e.g.
 * `aws`), in manifest order, nested assemblies where they appear.
 */
export function readAwsUnits(relDir: string, ctx: PlanReadContext, depth = 0): AwsUnit[] {
  const dir = join(ctx.outDir, relDir);
  const manifestFile = join(dir, 'manifest.json');
  const manifest = readJsonFile(manifestFile, { cwd: ctx.cwd });
  if (!isJsonObject(manifest) || !isJsonObject(manifest.artifacts ?? {})) {
    throw new SovereignLzError('INPUT_INVALID', `${relDir}/manifest.json: not a cloud assembly manifest`);
  }
  if (depth > 20) throw new SovereignLzError('INPUT_INVALID', `${relDir}: cloud assemblies nested too deep`);
  const artifacts = Object.entries((manifest.artifacts ?? {}) as Json).filter((e): e is [string, Json] =>
    isJsonObject(e[1]),
  );
  // Dependencies name artifacts of the same manifest; the unit's id is its display name.
  const localIds = new Map(
    artifacts
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([id, a]) => [id, typeof a.displayName === 'string' ? a.displayName : id]),
  );
  const units: AwsUnit[] = [];
  for (const [id, artifact] of artifacts) {
    if (artifact.type === 'aws:cloudformation:stack') {
      units.push(readStack(dir, relDir, id, artifact, localIds, ctx));
    } else if (artifact.type === 'cdk:cloud-assembly') {
      const nested = isJsonObject(artifact.properties) ? artifact.properties.directoryName : undefined;
      if (typeof nested !== 'string') {
        throw new SovereignLzError(
          'INPUT_INVALID',
          `${relDir}/manifest.json: nested assembly '${id}' has no directoryName`,
        );
      }
      units.push(...readAwsUnits(`${relDir}/${nested}`, ctx, depth + 1));
    }
  }
  return units;
}
