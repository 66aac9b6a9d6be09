import { pushTo } from '../deployability/group';
import type { LocalizedText } from '../../core';
import { deployedTemplates, describeInstanceTarget, partitionOf, targetKey } from '../deployability/organization';
import { fixedName, NAMED_TYPES, writtenName, type NameScope } from '../deployability/physical-names';
import { stackSetInstances } from '../deployability/stack-set-body';
import type { CheckInput, Resource } from '../normalize/model';
import {
  cannotProve,
  fail,
  type InputRule,
  type LocatedPass,
  type LocatedProblem,
  type RuleContext,
} from '../judge/rule';
import { evidenceOf, type Evidence } from '../judge/evidence';

/**
 * One resource's claim on a name where it is deployed: a stack's resource, or a resource of a
 * StackSet's body in one target (an account, or a set of accounts) and region.
 */
interface Claim {
  /** The resource findings are located on: the stack's resource, or the StackSet. */
  readonly at: Resource;
  /** The resource of the template that names it (the body's, for a StackSet). */
  readonly resource: Resource;
  readonly name: string;
  readonly written: string;
  readonly scope: NameScope;
  /** Where the name must be unique; undefined when the account (or region) is unknown. */
  readonly place?: string;
  /** The owner of the claim for partition-wide names: its account, or set of accounts. */
  readonly owner?: string;
  /** The deployment unit: a stack's template file, or the StackSet. */
  readonly unit: string;
  /** The unit and place in words. */
  readonly where: LocalizedText;
  /** True if the owner is a set of accounts whose membership is unknown (it may hold several). */
  readonly openSet?: boolean;
}

function placeOf(scope: NameScope, account: string | undefined, region: string | undefined): string | undefined {
  if (scope === 'partition') return region === undefined ? undefined : `partition:${partitionOf(region)}`;
  if (account === undefined) return undefined;
  if (scope === 'account') return `account:${account}`;
  return region === undefined ? undefined : `account:${account}|${region}`;
}

function stackClaims(input: CheckInput): Claim[] {
  const claims: Claim[] = [];
  for (const template of deployedTemplates(input)) {
    const { account, region, name } = template.stack;
    const unit = name ?? template.file;
    for (const resource of template.resources) {
      const named = NAMED_TYPES[resource.type];
      const fixed = named ? fixedName(resource) : undefined;
      if (!named || fixed === undefined) continue;
      const where = [account ? `account ${account}` : 'account unknown', region ?? 'region unknown'].join(', ');
      const whereFr = [account ? `compte ${account}` : 'compte inconnu', region ?? 'région inconnue'].join(', ');
      claims.push({
        at: resource,
        resource,
        name: account ? fixed.replace(/\$\{AWS::AccountId\}/g, account) : fixed,
        written: writtenName(resource) ?? fixed,
        scope: named.scope,
        place: placeOf(named.scope, account, region),
        owner: account,
        unit: `stack:${template.file}`,
        where: { en: `stack '${unit}' (${where})`, fr: `la pile '${unit}' (${whereFr})` },
      });
    }
  }
  return claims;
}

function stackSetClaims(input: CheckInput): Claim[] {
  const claims: Claim[] = [];
  for (const { stackSet, region, instance, target } of stackSetInstances(input)) {
    const owner = targetKey(target);
    const account = target.kind === 'account' ? target.id : undefined;
    const described = describeInstanceTarget(target);
    for (const resource of instance.resources) {
      const named = NAMED_TYPES[resource.type];
      const fixed = named ? fixedName(resource) : undefined;
      if (!named || fixed === undefined) continue;
      const name = account ? fixed.replace(/\$\{AWS::AccountId\}/g, account) : fixed;
      // A set of accounts of unknown membership is a place of its own (two StackSets on
      // one OU collide there); a partition-wide name is owned by each of its accounts.
      const place =
        named.scope === 'partition'
          ? `partition:${partitionOf(region)}`
          : named.scope === 'account'
            ? owner
            : `${owner}|${region}`;
      claims.push({
        at: stackSet,
        resource,
        name,
        written: writtenName(resource) ?? fixed,
        scope: named.scope,
        place,
        owner,
        unit: `stackset:${stackSet.file}#${stackSet.id}`,
        where: {
          en: `the instance of StackSet '${stackSet.id}' in ${described.en}, ${region} ('${resource.id}')`,
          fr: `l'instance du StackSet '${stackSet.id}' dans ${described.fr}, ${region} ('${resource.id}')`,
        },
        openSet: target.kind !== 'account',
      });
    }
  }
  return claims;
}

/**
 * Who creates a claimed name: claims of one identity never collide with each other (the
 * instances of one StackSet in several regions of one account are DEP-1's finding); claims of
 * two identities in one place do.
 */
function identity(claim: Claim): string {
  return claim.unit.startsWith('stack:')
    ? `${claim.unit}|${claim.resource.id}`
    : `${claim.unit}|${claim.owner}|${claim.resource.id}`;
}

function describeClaims(claims: readonly Claim[]): LocalizedText {
  const seen = new Set<string>();
  const unique = claims.filter((c) => !seen.has(c.where.en) && !!seen.add(c.where.en));
  return { en: unique.map((c) => c.where.en).join('; '), fr: unique.map((c) => c.where.fr).join(' ; ') };
}

function scopeWords(scope: NameScope): LocalizedText {
  switch (scope) {
    case 'account':
      return { en: 'unique in the account', fr: 'unique dans le compte' };
    case 'partition':
      return { en: 'unique in the partition (every account)', fr: 'unique dans la partition (tous les comptes)' };
    default:
      return { en: 'unique in the account and region', fr: 'unique dans le compte et la région' };
  }
}

/** Ids of a claim's place, without the unknown targets' words. */
function placeIds(claims: readonly Claim[]): string[] {
  return [...new Set(claims.flatMap((c) => (c.place && !c.place.startsWith('unknown:') ? [c.place] : [])))];
}

/** The names a resource (or a StackSet, over its instances) fixes, where they must be unique. */
function claimsEvidence(claims: readonly Claim[]): Evidence {
  const names = [...new Set(claims.map((c) => c.written))];
  const places = placeIds(claims);
  return evidenceOf({
    names: names.slice(0, 20),
    nameCount: names.length > 20 ? names.length : undefined,
    scopes: [...new Set(claims.map((c) => c.scope))],
    places: places.length ? places.slice(0, 20) : undefined,
  });
}

/** What collides: the type, the name, its scope and the deployment units that fix it. */
function collisionEvidence(claims: readonly Claim[], extra: Record<string, unknown> = {}): Evidence {
  const units = [...new Set(claims.map((c) => c.unit))];
  const places = placeIds(claims);
  return evidenceOf({
    type: claims[0].resource.type,
    name: claims[0].written,
    scope: claims[0].scope,
    places: places.length ? places.slice(0, 20) : undefined,
    units: units.slice(0, 20),
    ...extra,
  });
}

/** DEP-2: explicit physical names do not collide across the stacks and stack instances of the input. */
export const dep2PhysicalNames: InputRule = {
  id: 'DEP-2/physical-names',
  control: 'DEP-2',
  scope: 'input',
  title: {
    en: 'Explicit physical names do not collide',
    fr: 'Les noms physiques explicites ne se heurtent pas',
  },
  description:
    "Every fixed physical name (RoleName, BucketName, LogGroupName, AliasName, Name of an SSM parameter, QueueName, TopicName, FunctionName, TableName… of the types CloudFormation lets a template name) is unique where the service requires it, across every stack of the input (account and region from the cloud assembly's environment) and every stack instance of its StackSets (the body's names × each target account or OU × each region): IAM names per account (case-insensitive), S3 bucket names per partition, other names per account and region. An OU whose accounts the landing-zone summary does not list is one set of accounts: two StackSets targeting it in one region with one name collide. A collision that depends on an unknown account or region cannot be proven; names unique per stack (${AWS::StackName}) or unknowable are not judged. Two regions of one StackSet in one account are DEP-1's.",
  remediation: {
    en: 'Leave the name to CloudFormation (omit it), or make it unique per stack, account and region (${AWS::StackName}, ${AWS::Region}, ${AWS::AccountId}), or create the resource once',
    fr: 'Laisser CloudFormation choisir le nom (l’omettre), ou le rendre unique par pile, compte et région (${AWS::StackName}, ${AWS::Region}, ${AWS::AccountId}), ou ne créer la ressource qu’une fois',
  },
  // The named types other rules judge too: the rest (listed in deployability/physical-names.ts)
  // are judged here as well, but stay not assessed, as their encryption and access are unjudged.
  appliesTo: [
    'AWS::IAM::Role',
    'AWS::IAM::User',
    'AWS::IAM::Group',
    'AWS::IAM::ManagedPolicy',
    'AWS::S3::Bucket',
    'AWS::Logs::LogGroup',
    'AWS::KMS::Alias',
    'AWS::SQS::Queue',
    'AWS::SNS::Topic',
    'AWS::DynamoDB::Table',
    'AWS::Backup::BackupVault',
    'AWS::CloudTrail::Trail',
    'AWS::CloudFormation::StackSet',
  ],
  observes: ['names', 'scopes'],
  check(input: CheckInput, _context: RuleContext): Array<LocatedProblem | LocatedPass> {
    const claims = [...stackClaims(input), ...stackSetClaims(input)];
    // Grouped by type and name: names are unique per resource type.
    const byName = new Map<string, Claim[]>();
    for (const claim of claims) {
      const key = `${claim.resource.type}|${claim.name}`;
      const list = byName.get(key);
      if (list) list.push(claim);
      else byName.set(key, [claim]);
    }
    const results: Array<LocatedProblem | LocatedPass> = [];
    const failed = new Set<Resource>();
    for (const group of byName.values()) {
      const { type } = group[0].resource;
      const scope = group[0].scope;
      const byPlace = new Map<string, Claim[]>();
      const unplaced: Claim[] = [];
      for (const claim of group) {
        if (claim.place === undefined) unplaced.push(claim);
        else pushTo(byPlace, claim.place, claim);
      }
      for (const same of byPlace.values()) {
        if (new Set(same.map(identity)).size >= 2) {
          const colliding = same;
          const first = colliding[0];
          if (failed.has(first.at)) continue;
          failed.add(first.at);
          const words = scopeWords(scope);
          const all = describeClaims(colliding);
          results.push({
            resource: first.at,
            ...fail(
              {
                en: `the ${type} name '${first.written}' (${words.en}) is fixed in ${all.en}: the second to deploy fails (already exists)`,
                fr: `le nom ${type} '${first.written}' (${words.fr}) est fixé dans ${all.fr} : le second déploiement échoue (existe déjà)`,
              },
              { evidence: collisionEvidence(colliding) },
            ),
          });
        }
        // A partition-wide name of a StackSet deployed to a set of accounts of unknown
        // membership collides as soon as the set holds two accounts.
        const open = same.find((c) => c.scope === 'partition' && c.openSet);
        if (open && !failed.has(open.at)) {
          failed.add(open.at);
          results.push({
            resource: open.at,
            ...cannotProve(
              {
                en: `the S3 bucket name '${open.written}' is fixed in ${open.where.en}: bucket names are unique in the partition, so the instances collide if the set holds two accounts or more (the landing-zone summary does not list them)`,
                fr: `le nom de compartiment S3 '${open.written}' est fixé dans ${open.where.fr} : les noms de compartiments sont uniques dans la partition, les instances se heurtent donc si l'ensemble compte deux comptes ou plus (le résumé de la zone d'atterrissage ne les liste pas)`,
              },
              {
                evidence: collisionEvidence([open], {
                  target: open.owner?.startsWith('unknown:') ? 'unknown' : open.owner,
                }),
              },
            ),
          });
        }
      }
      // Two claims of one stack whose account or region is unknown are still in one place.
      const byUnit = new Map<string, Claim[]>();
      for (const claim of unplaced) pushTo(byUnit, claim.unit, claim);
      for (const same of byUnit.values()) {
        if (new Set(same.map(identity)).size < 2 || failed.has(same[0].at)) continue;
        failed.add(same[0].at);
        results.push({
          resource: same[0].at,
          ...fail(
            {
              en: `the ${type} name '${same[0].written}' (${scopeWords(scope).en}) is fixed twice in ${same[0].where.en} (${same.map((c) => `'${c.resource.id}'`).join(', ')}): the second resource fails (already exists)`,
              fr: `le nom ${type} '${same[0].written}' (${scopeWords(scope).fr}) est fixé deux fois dans ${same[0].where.fr} (${same.map((c) => `'${c.resource.id}'`).join(', ')}) : la seconde ressource échoue (existe déjà)`,
            },
            { evidence: collisionEvidence(same, { resources: [...new Set(same.map((c) => c.resource.id))] }) },
          ),
        });
      }
      if (unplaced.length && group.length >= 2) {
        const first = unplaced[0];
        if (!failed.has(first.at)) {
          failed.add(first.at);
          const others = describeClaims(group.filter((c) => c !== first));
          results.push({
            resource: first.at,
            ...cannotProve(
              {
                en: `the ${type} name '${first.written}' is fixed in ${first.where.en} and in ${others.en}: whether they collide depends on an account or region the input does not give`,
                fr: `le nom ${type} '${first.written}' est fixé dans ${first.where.fr} et dans ${others.fr} : qu'ils se heurtent dépend d'un compte ou d'une région que les artefacts ne donnent pas`,
              },
              { evidence: collisionEvidence(group) },
            ),
          });
        }
      }
    }
    const passed = new Map<Resource, Claim[]>();
    for (const claim of claims) if (!failed.has(claim.at)) pushTo(passed, claim.at, claim);
    for (const [at, own] of passed) results.push({ pass: true, resource: at, evidence: claimsEvidence(own) });
    return results;
  },
};
