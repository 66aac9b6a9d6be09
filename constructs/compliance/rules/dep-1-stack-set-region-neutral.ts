import { pushTo } from '../deployability/group';
import { CLOUD_REGIONS } from '../../core';
import { partitionOf, stackSetDeployment, targetKey } from '../deployability/organization';
import { fixedName, NAMED_TYPES, writtenName } from '../deployability/physical-names';
import { instanceProblem, stackInstance, stackSetBody } from '../deployability/stack-set-body';
import { isResourceRef, isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, type Outcome, type Problem, type ResourceRule, type RuleContext } from '../judge/rule';
import { at } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** Region codes as whole tokens (an availability zone's letter may follow: `eu-west-3a`). */
const REGION_LITERAL = new RegExp(
  `(?<![a-z0-9])(${[...CLOUD_REGIONS.map((r) => r.region)]
    .sort((a, b) => b.length - a.length)
    .map((r) => r.replace(/-/g, '\\-'))
    .join('|')})(?![0-9])`,
  'g',
);

/** Properties that never reach a service call's region: descriptions and tags. */
const NEUTRAL_KEYS = new Set(['Description', 'Tags']);

/** Every string of a resolved value (unknown parts as their placeholders), with its path. */
function strings(value: unknown, path: string, out: Array<[string, string]>): void {
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length) {
    const [current, where] = stack.pop()!;
    if (typeof current === 'string') out.push([where, current]);
    else if (isUnresolved(current)) {
      if (current.text !== undefined) out.push([where, current.text]);
    } else if (Array.isArray(current)) {
      current.forEach((v, i) => stack.push([v, `${where}[${i}]`]));
    } else if (current !== null && typeof current === 'object' && !isResourceRef(current)) {
      for (const [key, v] of Object.entries(current)) {
        if (!NEUTRAL_KEYS.has(key)) stack.push([v, `${where}.${key}`]);
      }
    }
  }
}

/** The region literals of one resource of an instance: `path` → literal → the text. */
function regionLiterals(resource: Resource): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>();
  const all: Array<[string, string]> = [];
  strings(resource.properties, 'Properties', all);
  for (const [path, text] of all) {
    for (const m of text.matchAll(REGION_LITERAL)) {
      if (!found.has(path)) found.set(path, new Map());
      found.get(path)!.set(m[1], text);
    }
  }
  return found;
}

function foreignRegions(stackSet: Resource, regions: readonly string[]): Problem[] {
  // resource → path → literal region → { text, regions of instances where it is foreign }
  const found = new Map<string, Map<string, Map<string, { text: string; type: string; in: string[] }>>>();
  for (const region of regions) {
    const instance = stackInstance(stackSet, region);
    if (!instance) continue;
    for (const resource of instance.resources) {
      for (const [path, literals] of regionLiterals(resource)) {
        for (const [literal, text] of literals) {
          if (literal === region) continue;
          if (!found.has(resource.id)) found.set(resource.id, new Map());
          const byPath = found.get(resource.id)!;
          if (!byPath.has(path)) byPath.set(path, new Map());
          const byLiteral = byPath.get(path)!;
          if (!byLiteral.has(literal)) byLiteral.set(literal, { text, type: resource.type, in: [] });
          byLiteral.get(literal)!.in.push(region);
        }
      }
    }
  }
  const problems: Problem[] = [];
  for (const [id, byPath] of found) {
    for (const [path, byLiteral] of byPath) {
      for (const [literal, { text, type, in: where }] of byLiteral) {
        const shown = text.length > 120 ? `${text.slice(0, 117)}...` : text;
        problems.push(
          fail(
            {
              en: `'${id}' (${type}) ${path} names region ${literal} ('${shown}'), but its stack instances in ${where.join(', ')} are in another region: CloudFormation deploys the body unchanged in every region of the StackSet`,
              fr: `'${id}' (${type}) ${path} nomme la région ${literal} ('${shown}'), mais ses instances de pile dans ${where.join(', ')} sont dans une autre région : CloudFormation déploie le modèle tel quel dans chaque région du StackSet`,
            },
            { evidence: { bodyResource: id, path, namedRegion: literal, instanceRegions: where } },
          ),
        );
      }
    }
  }
  return problems;
}

/** The regions each target (account or set of accounts) receives instances in, across groups. */
function regionsByTarget(stackSet: Resource, context: RuleContext): Map<string, Set<string>> {
  const byTarget = new Map<string, Set<string>>();
  for (const group of stackSetDeployment(stackSet, context.input).groups) {
    for (const target of group.targets) {
      // Unknown targets may not overlap across groups: each group is taken on its own.
      const key = target.kind === 'unknown' ? `${targetKey(target)}#${group.regions.join(',')}` : targetKey(target);
      if (!byTarget.has(key)) byTarget.set(key, new Set());
      group.regions.forEach((r) => byTarget.get(key)!.add(r));
    }
  }
  return byTarget;
}

function globalNames(stackSet: Resource, context: RuleContext): Problem[] {
  // Sets of regions (per partition) some account receives two instances or more in.
  const sets = new Map<string, string[]>();
  for (const regions of regionsByTarget(stackSet, context).values()) {
    const byPartition = new Map<string, string[]>();
    for (const r of regions) pushTo(byPartition, partitionOf(r), r);
    for (const list of byPartition.values()) {
      if (list.length >= 2) sets.set([...list].sort().join(','), list);
    }
  }
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const regions of sets.values()) {
    const instances = regions.map((r) => [r, stackInstance(stackSet, r)] as const);
    const first = instances[0][1];
    if (!first) continue;
    for (const resource of first.resources) {
      const named = NAMED_TYPES[resource.type];
      if (!named || named.scope === 'region') continue;
      const raw = at(resource.properties, named.property);
      if (raw === undefined) continue;
      const names = new Map<string, string[]>();
      let unknown: string | undefined;
      for (const [region, instance] of instances) {
        const same = instance?.byId.get(resource.id);
        if (!same) continue;
        const name = fixedName(same);
        const value = at(same.properties, named.property);
        if (name === undefined) {
          if (isUnresolved(value) && value.causes.length) unknown = value.describe('en');
          continue;
        }
        pushTo(names, name, region);
      }
      for (const [name, where] of names) {
        if (where.length < 2) continue;
        const key = `${resource.id}|${name}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const written = writtenName(resource) ?? name;
        problems.push(
          fail(
            {
              en: `'${resource.id}' (${resource.type}) has the fixed ${named.property} '${written}', a global name, but its stack instances in ${where.join(' and ')} of one account both create it: the second fails (already exists)`,
              fr: `'${resource.id}' (${resource.type}) a le ${named.property} fixe '${written}', un nom global, mais ses instances de pile dans ${where.join(' et ')} d'un même compte le créent toutes deux : la seconde échoue (existe déjà)`,
            },
            { evidence: { bodyResource: resource.id, name: written, instanceRegions: where } },
          ),
        );
      }
      if (unknown !== undefined && !names.size) {
        problems.push(
          cannotProve(
            {
              en: `the ${named.property} of '${resource.id}' (${resource.type}), a global name, is ${unknown}: if it is fixed, the stack instances in ${regions.join(' and ')} of one account collide`,
              fr: `le ${named.property} de '${resource.id}' (${resource.type}), un nom global, est inconnu (${unknown}) : s'il est fixe, les instances de pile dans ${regions.join(' et ')} d'un même compte se heurtent`,
            },
            { evidence: { bodyResource: resource.id, instanceRegions: regions } },
          ),
        );
      }
    }
  }
  return problems;
}

/** DEP-1: a StackSet's body deploys unchanged in every region of its stack instances. */
export const dep1StackSetRegionNeutral: ResourceRule = {
  id: 'DEP-1/stack-set-region-neutral',
  control: 'DEP-1',
  scope: 'resource',
  title: {
    en: 'StackSet bodies are region-neutral',
    fr: 'Les modèles des StackSets sont neutres vis-à-vis des régions',
  },
  description:
    "The TemplateBody of an AWS::CloudFormation::StackSet (JSON or YAML) is read as each stack instance reads it: once per region of its StackInstancesGroup, with AWS::Region, AWS::Partition (aws, aws-cn, aws-us-gov, aws-eusc) and AWS::URLSuffix of that region and the StackSet's Parameters (else the body's defaults). Fails when a property (Description and Tags aside) names another region than the instance's (an ARN, a service principal such as logs.eu-west-3.amazonaws.com, an endpoint, an encryption context, a name, an availability zone), and when a resource with a global name (IAM roles, users, groups, managed policies, instance profiles; S3 buckets; CloudFront configurations…) has a fixed name in a body deployed to two regions or more of one account: the second instance fails with 'already exists'. A body at TemplateURL cannot be proven.",
  remediation: {
    en: 'Write the body with ${AWS::Region} and ${AWS::Partition} instead of literal regions, and leave global resources unnamed or name them with ${AWS::Region} (or create them in one region only)',
    fr: 'Écrire le modèle avec ${AWS::Region} et ${AWS::Partition} au lieu de régions littérales, et laisser les ressources globales sans nom ou les nommer avec ${AWS::Region} (ou les créer dans une seule région)',
  },
  appliesTo: ['AWS::CloudFormation::StackSet'],
  observes: ['regions', 'body'],
  observe(stackSet: Resource, { input }: RuleContext) {
    const { groups } = stackSetDeployment(stackSet, input);
    const regions = [...new Set(groups.flatMap((g) => g.regions))];
    const targets = [
      ...new Set(groups.flatMap((g) => g.targets.map((t) => (t.kind === 'unknown' ? 'unknown' : targetKey(t))))),
    ];
    const { kind } = stackSetBody(stackSet);
    return evidenceOf({
      regions: regions.length ? regions.slice(0, 20) : undefined,
      regionCount: regions.length > 20 ? regions.length : undefined,
      targets: targets.length ? targets.slice(0, 20) : undefined,
      body: kind === 'body' ? 'TemplateBody' : kind === 'url' ? stackSet.properties.TemplateURL : kind,
    });
  },
  check(stackSet: Resource, context: RuleContext): Outcome {
    const deployment = stackSetDeployment(stackSet, context.input);
    const regions = [...new Set(deployment.groups.flatMap((g) => g.regions))];
    const unknownRegions = deployment.groups.find((g) => g.unknownRegions)?.unknownRegions;
    if (!regions.length && !unknownRegions) return 'not-applicable';
    const body = stackSetBody(stackSet);
    switch (body.kind) {
      case 'none':
        return 'not-applicable';
      case 'url':
        return cannotProve({
          en: 'its body is at TemplateURL, outside the input: whether it is region-neutral cannot be proven',
          fr: "son modèle est à l'adresse TemplateURL, hors des artefacts : sa neutralité vis-à-vis des régions ne peut être prouvée",
        });
      case 'unknown':
        return cannotProve({
          en: `${body.why.en}: its body cannot be judged`,
          fr: `${body.why.fr} : son modèle ne peut être jugé`,
        });
      case 'invalid':
        return fail(body.why);
    }
    const invalid = instanceProblem(stackSet);
    if (invalid) return fail(invalid);
    const problems = [...foreignRegions(stackSet, regions), ...globalNames(stackSet, context)];
    if (unknownRegions) {
      problems.push(
        cannotProve({
          en: `${unknownRegions.en}: the body cannot be judged there`,
          fr: `${unknownRegions.fr} : le modèle ne peut y être jugé`,
        }),
      );
    }
    return problems.length ? problems : 'pass';
  },
};
