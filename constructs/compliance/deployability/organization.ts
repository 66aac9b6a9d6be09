import type { LocalizedText, ZoneOrganization } from '../../core';
import { isResourceRef, isUnresolved } from '../normalize/intrinsics';
import { memoized } from '../normalize/kubernetes-facts';
import type { CheckInput, Resource, Template } from '../normalize/model';
import { at, items, list, str } from '../normalize/values';

/**
 * The organization as the artifacts and the landing-zone summary describe it, for the DEP
 * controls: which templates are deployed as stacks, the path of names of each organizational
 * unit, what a service control policy or a StackSet targets, and which accounts sit where.
 */

/** True for a CloudFormation template (JSON or YAML). */
export function isCloudFormation(template: Template): boolean {
  return template.format === 'cloudformation-json' || template.format === 'cloudformation-yaml';
}

/**
 * The CloudFormation templates the input deploys as stacks: a template marked as the copy of
 * a StackSet's body (`Metadata.sovereign-lz.stackSet`) is deployed only through its StackSet.
 */
export function deployedTemplates(input: CheckInput): readonly Template[] {
  return memoized(input, 'deployedTemplates', () =>
    input.templates.filter((t) => isCloudFormation(t) && t.deployment?.stackSet === undefined),
  );
}

/** True if the template is deployed as a stack of its own (see {@link deployedTemplates}). */
export function isDeployedStack(template: Template): boolean {
  return isCloudFormation(template) && template.deployment?.stackSet === undefined;
}

/** The partition of a region (`aws`, `aws-cn`, `aws-us-gov`, `aws-eusc`): core's table. */
export { partitionOf } from '../../core';

/** The stack in words, for messages: `stack 'Records' (account 666666666666, eu-west-3)`. */
export function describeStack(template: Template): LocalizedText {
  const name = template.stack.name ?? template.file;
  const account = template.stack.account;
  const region = template.stack.region;
  const where = [account ? `account ${account}` : undefined, region].filter(Boolean).join(', ');
  const whereFr = [account ? `compte ${account}` : undefined, region].filter(Boolean).join(', ');
  return {
    en: `stack '${name}'${where ? ` (${where})` : ''}`,
    fr: `la pile '${name}'${whereFr ? ` (${whereFr})` : ''}`,
  };
}

/** The organization of the landing-zone summary, when it declares one. */
export function zoneOrganization(input: CheckInput): ZoneOrganization | undefined {
  return input.zone?.organization ?? undefined;
}

/**
 * The OU path of a declared account: a path of names (`Workloads/Internal`), `null` for the
 * management account (at the root, never governed by an SCP), `undefined` if the summary does
 * not declare the account.
 */
export function accountUnit(input: CheckInput, account: string): string | null | undefined {
  const org = zoneOrganization(input);
  if (!org) return undefined;
  if (org.managementAccount === account) return null;
  const found = org.accounts.find((a) => a.id === account);
  if (!found) return undefined;
  return found.role === 'management' ? null : found.organizationalUnit;
}

/** True if OU path `inner` is `outer` or below it. */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

/**
 * The path of names of an `AWS::Organizations::OrganizationalUnit` (`Workloads/Internal`),
 * through its `ParentId` (the root, `r-…`, or another unit of the same template); undefined
 * when a name or a parent cannot be known.
 */
export function unitPath(unit: Resource): string | undefined {
  return memoized(unit, 'unitPath', () => {
    const seen = new Set<Resource>();
    const names: string[] = [];
    let current: Resource | undefined = unit;
    while (current) {
      if (seen.has(current) || current.type !== 'AWS::Organizations::OrganizationalUnit') return undefined;
      seen.add(current);
      const name = str(current.properties.Name);
      if (typeof name !== 'string') return undefined;
      names.unshift(name);
      const parent: unknown = current.properties.ParentId;
      if (typeof parent === 'string' && /^r-[0-9a-z]{4,32}$/.test(parent)) return names.join('/');
      if (isResourceRef(parent)) {
        const target = current.template.byId.get(parent.target);
        if (target?.type === 'AWS::Organizations::Organization') return names.join('/');
        current = target;
        continue;
      }
      return undefined;
    }
    return undefined;
  });
}

/** What a policy or a StackSet targets, as far as the artifacts tell. */
export type Target =
  | { readonly kind: 'root' }
  | { readonly kind: 'ou'; readonly path: string }
  | { readonly kind: 'account'; readonly id: string }
  | { readonly kind: 'unknown'; readonly what: LocalizedText };

/** One target id of `TargetIds` or `OrganizationalUnitIds`, read in `template`. */
export function readTarget(value: unknown, template: Template): Target {
  if (isResourceRef(value)) {
    const target = template.byId.get(value.target);
    if (target?.type === 'AWS::Organizations::Organization' && value.attribute === 'RootId') return { kind: 'root' };
    if (target?.type === 'AWS::Organizations::OrganizationalUnit') {
      const path = unitPath(target);
      if (path !== undefined) return { kind: 'ou', path };
      return {
        kind: 'unknown',
        what: {
          en: `the unit '${target.id}', whose path of names is unknown`,
          fr: `l'unité '${target.id}', dont le chemin de noms est inconnu`,
        },
      };
    }
    return {
      kind: 'unknown',
      what: { en: `a reference to '${value.target}'`, fr: `une référence à '${value.target}'` },
    };
  }
  if (typeof value === 'string') {
    if (/^r-[0-9a-z]{4,32}$/.test(value)) return { kind: 'root' };
    if (/^\d{12}$/.test(value)) return { kind: 'account', id: value };
    return {
      kind: 'unknown',
      what: { en: `'${value}' (not an OU of the input)`, fr: `'${value}' (pas une unité des artefacts)` },
    };
  }
  const why = isUnresolved(value) ? value.describe('en') : JSON.stringify(value);
  const whyFr = isUnresolved(value) ? value.describe('fr') : JSON.stringify(value);
  return { kind: 'unknown', what: { en: `a target given by ${why}`, fr: `une cible donnée par ${whyFr}` } };
}

/** The targets of an `AWS::Organizations::Policy` (`TargetIds`). */
export function policyTargets(policy: Resource): Target[] {
  const ids = list(policy.properties.TargetIds);
  if (ids === undefined) return [];
  if (isUnresolved(ids)) return [readTarget(ids, policy.template)];
  return ids.map((id) => readTarget(id, policy.template));
}

/** The target in words. */
export function describeTarget(target: Target): LocalizedText {
  switch (target.kind) {
    case 'root':
      return { en: 'the root', fr: 'la racine' };
    case 'ou':
      return { en: `OU ${target.path}`, fr: `l'unité ${target.path}` };
    case 'account':
      return { en: `account ${target.id}`, fr: `le compte ${target.id}` };
    default:
      return target.what;
  }
}

/**
 * Whether a policy's target governs an account of OU path `unit` (null: the management
 * account, which no SCP governs).
 */
export function governsAccount(target: Target, account: string, unit: string | null): boolean | 'unknown' {
  if (unit === null) return false;
  switch (target.kind) {
    case 'root':
      return true;
    case 'ou':
      return isWithin(unit, target.path);
    case 'account':
      return target.id === account;
    default:
      return 'unknown';
  }
}

/** A set of accounts StackSet instances land in. */
export type InstanceTarget =
  | { readonly kind: 'account'; readonly id: string }
  /** The accounts of an OU (and the units below it) whose membership the input does not give. */
  | { readonly kind: 'ou'; readonly path: string }
  /** Every member account (a root target) whose membership the input does not give. */
  | { readonly kind: 'root' }
  | { readonly kind: 'unknown'; readonly what: LocalizedText };

/** A key naming an instance target, for grouping. */
export function targetKey(target: InstanceTarget): string {
  switch (target.kind) {
    case 'account':
      return `account:${target.id}`;
    case 'ou':
      return `ou:${target.path}`;
    case 'root':
      return 'root';
    default:
      return `unknown:${target.what.en}`;
  }
}

/** The instance target in words. */
export function describeInstanceTarget(target: InstanceTarget): LocalizedText {
  switch (target.kind) {
    case 'account':
      return { en: `account ${target.id}`, fr: `le compte ${target.id}` };
    case 'ou':
      return { en: `the accounts of OU ${target.path}`, fr: `les comptes de l'unité ${target.path}` };
    case 'root':
      return { en: 'every member account', fr: 'chaque compte membre' };
    default:
      return target.what;
  }
}

/** One `StackInstancesGroup` entry: where its instances land. */
export interface InstanceGroup {
  readonly regions: readonly string[];
  /** Why some regions are unknown, if they are. */
  readonly unknownRegions?: LocalizedText;
  readonly targets: readonly InstanceTarget[];
}

/** Where a StackSet's instances land, and with which role CloudFormation creates them. */
export interface StackSetDeployment {
  readonly serviceManaged: boolean;
  /** The name of the execution role in each target account (a pattern for service-managed StackSets). */
  readonly executionRole: string;
  readonly groups: readonly InstanceGroup[];
}

/** The role service-managed StackSets deploy with in each target account (`stacksets-exec-<hash>`). */
export const SERVICE_MANAGED_EXECUTION_ROLE = 'stacksets-exec-*';

/** The default execution role of self-managed StackSets. */
export const SELF_MANAGED_EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';

function accountsOf(value: unknown): string[] {
  return items(value).filter((a): a is string => typeof a === 'string' && /^\d{12}$/.test(a));
}

/**
 * Where the instances of an `AWS::CloudFormation::StackSet` land: for a service-managed one,
 * the accounts of its OUs (below them too; never the management account), expanded with the
 * landing-zone summary's accounts when it declares them, narrowed or widened by
 * `AccountFilterType`; for a self-managed one, its `Accounts`.
 */
export function stackSetDeployment(stackSet: Resource, input: CheckInput): StackSetDeployment {
  return memoized(stackSet, 'stackSetDeployment', () => {
    const serviceManaged = str(stackSet.properties.PermissionModel) === 'SERVICE_MANAGED';
    const roleName = str(stackSet.properties.ExecutionRoleName);
    const executionRole = serviceManaged
      ? SERVICE_MANAGED_EXECUTION_ROLE
      : typeof roleName === 'string'
        ? roleName
        : SELF_MANAGED_EXECUTION_ROLE;
    const org = zoneOrganization(input);
    const groups: InstanceGroup[] = [];
    const rawGroups = list(stackSet.properties.StackInstancesGroup);
    if (isUnresolved(rawGroups)) {
      const what = {
        en: `stack instances given by ${rawGroups.describe('en')}`,
        fr: `des instances de pile données par ${rawGroups.describe('fr')}`,
      };
      return {
        serviceManaged,
        executionRole,
        groups: [{ regions: [], unknownRegions: what, targets: [{ kind: 'unknown', what }] }],
      };
    }
    for (const group of rawGroups ?? []) {
      const regions: string[] = [];
      let unknownRegions: LocalizedText | undefined;
      const rawRegions = list(at(group, 'Regions'));
      for (const region of isUnresolved(rawRegions) ? [rawRegions] : (rawRegions ?? [])) {
        if (typeof region === 'string') regions.push(region);
        else {
          const why = isUnresolved(region) ? region : undefined;
          unknownRegions = {
            en: `a region of its stack instances is unknown (${why?.describe('en') ?? 'not a string'})`,
            fr: `une région de ses instances de pile est inconnue (${why?.describe('fr') ?? 'pas une chaîne'})`,
          };
        }
      }
      const targets = at(group, 'DeploymentTargets');
      const accounts = accountsOf(at(targets, 'Accounts'));
      const found: InstanceTarget[] = [];
      if (isUnresolved(targets)) {
        found.push({
          kind: 'unknown',
          what: {
            en: `targets given by ${targets.describe('en')}`,
            fr: `des cibles données par ${targets.describe('fr')}`,
          },
        });
      } else if (!serviceManaged) {
        for (const id of accounts) found.push({ kind: 'account', id });
        if (items(at(targets, 'Accounts')).some((a) => typeof a !== 'string')) {
          found.push({
            kind: 'unknown',
            what: { en: 'an account given at deployment', fr: 'un compte donné au déploiement' },
          });
        }
      } else {
        const filter = str(at(targets, 'AccountFilterType'));
        const units: Target[] = [];
        const rawUnits = list(at(targets, 'OrganizationalUnitIds'));
        for (const unit of isUnresolved(rawUnits) ? [rawUnits] : (rawUnits ?? []))
          units.push(readTarget(unit, stackSet.template));
        const members = (unit: Target): InstanceTarget[] => {
          if (unit.kind === 'unknown') return [unit];
          if (unit.kind === 'account') return [{ kind: 'account', id: unit.id }];
          if (!org) return [unit.kind === 'root' ? { kind: 'root' } : { kind: 'ou', path: unit.path }];
          return org.accounts
            .filter((a) => a.id !== org.managementAccount && a.role !== 'management' && a.organizationalUnit !== null)
            .filter((a) => unit.kind === 'root' || isWithin(a.organizationalUnit!, unit.path))
            .map((a) => ({ kind: 'account' as const, id: a.id }));
        };
        let expanded = units.flatMap(members);
        if (filter === 'INTERSECTION') {
          expanded = expanded.filter((t) => t.kind !== 'account' || accounts.includes(t.id));
          // With unknown membership, the filter keeps at most its accounts.
          if (expanded.some((t) => t.kind !== 'account')) {
            expanded = accounts.map((id) => ({ kind: 'account' as const, id }));
          }
        } else if (filter === 'DIFFERENCE') {
          expanded = expanded.filter((t) => t.kind !== 'account' || !accounts.includes(t.id));
        } else if (filter === 'UNION') {
          expanded = [...expanded, ...accounts.map((id) => ({ kind: 'account' as const, id }))];
        }
        found.push(...expanded);
      }
      const seen = new Set<string>();
      groups.push({
        regions: [...new Set(regions)],
        ...(unknownRegions ? { unknownRegions } : {}),
        targets: found.filter((t) => !seen.has(targetKey(t)) && !!seen.add(targetKey(t))),
      });
    }
    return { serviceManaged, executionRole, groups };
  });
}
