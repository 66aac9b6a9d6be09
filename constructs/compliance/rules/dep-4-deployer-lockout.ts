import { pushTo } from '../deployability/group';
import type { LocalizedText } from '../../core';
import { resourcesOfType, statements } from '../normalize/facts';
import { conditionHolds, globToRegExp, parseOperator, type Tri } from '../deployability/iam-match';
import {
  accountUnit,
  deployedTemplates,
  describeStack,
  describeTarget,
  governsAccount,
  isWithin,
  partitionOf,
  policyTargets,
  SERVICE_MANAGED_EXECUTION_ROLE,
  targetKey,
  zoneOrganization,
  type InstanceTarget,
  type Target,
} from '../deployability/organization';
import { stackSetInstances } from '../deployability/stack-set-body';
import { requestedRegion, servicesOf } from '../deployability/services';
import { isUnresolved } from '../normalize/intrinsics';
import type { CheckInput, Resource, Template } from '../normalize/model';
import {
  cannotProve,
  fail,
  unknownValue,
  type InputRule,
  type LocatedPass,
  type LocatedProblem,
  type RuleContext,
} from '../judge/rule';
import { str, strings } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** The role the CDK's default synthesizer deploys with (`cdk bootstrap`, qualifier hnb659fds). */
export const DEFAULT_CDK_EXECUTION_ROLE =
  'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}';

const SAMPLE_ACCOUNTS = ['000000000000', '999999999999'];
const SAMPLE_HASHES = ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210'];

/** Something CloudFormation deploys into accounts: a stack, or the instances of a StackSet in a target. */
interface Unit {
  readonly describe: LocalizedText;
  /**
   * For StackSet instances: the instances of one StackSet in one target, whose findings are
   * reported once for all their regions, and how to describe them in those regions.
   */
  readonly group?: { readonly key: string; readonly describe: (regions: readonly string[]) => LocalizedText };
  /** The account, when one; undefined for a set of accounts (an OU whose members are not listed). */
  readonly account?: string;
  /** The set of accounts, for StackSet instances without a listed membership. */
  readonly set?: InstanceTarget;
  readonly region?: string;
  /** The principal's ARN as samples (the same ARN when nothing is unknown); undefined when unknown. */
  readonly principals?: readonly string[];
  readonly principal: string;
  /** Resources by the IAM service prefix CloudFormation calls for them. */
  readonly services: ReadonlyMap<string, readonly Resource[]>;
  /** Tags CloudFormation gives every resource (the stack's, or the StackSet's). */
  readonly tags: Readonly<Record<string, string>>;
}

function servicesOfTemplate(template: Template): Map<string, Resource[]> {
  const map = new Map<string, Resource[]>();
  for (const resource of template.resources) {
    for (const service of servicesOf(resource.type)) pushTo(map, service, resource);
  }
  return map;
}

function substitute(arn: string, partition: string, account: string | undefined, region: string | undefined) {
  return [0, 1].map((i) =>
    arn
      .replace(/\$\{AWS::Partition\}/g, partition)
      .replace(/\$\{AWS::AccountId\}/g, account ?? SAMPLE_ACCOUNTS[i])
      .replace(/\$\{AWS::Region\}/g, region ?? 'us-east-1'),
  );
}

function stackUnits(input: CheckInput): Unit[] {
  return deployedTemplates(input).map((template): Unit => {
    const { account, region } = template.stack;
    const partition = region ? partitionOf(region) : 'aws';
    // Only a cloud-assembly stack says which role deploys it; the CDK's default is used without one.
    const role = template.stack.artifactId
      ? (template.stack.cloudFormationExecutionRoleArn ?? template.stack.assumeRoleArn ?? DEFAULT_CDK_EXECUTION_ROLE)
      : undefined;
    const principals = role === undefined ? undefined : [...new Set(substitute(role, partition, account, region))];
    return {
      describe: describeStack(template),
      ...(account !== undefined ? { account } : {}),
      ...(region !== undefined ? { region } : {}),
      ...(principals ? { principals } : {}),
      principal: principals?.length === 1 ? principals[0] : (role ?? 'unknown'),
      services: servicesOfTemplate(template),
      tags: template.stack.tags,
    };
  });
}

function stackSetUnits(input: CheckInput): Unit[] {
  const units: Unit[] = [];
  for (const { stackSet, deployment, region, instance, target } of stackSetInstances(input)) {
    const partition = partitionOf(region);
    const account = target.kind === 'account' ? target.id : undefined;
    const role = deployment.executionRole;
    const principals = [0, 1].map((i) => {
      const name = role === SERVICE_MANAGED_EXECUTION_ROLE ? `stacksets-exec-${SAMPLE_HASHES[i]}` : role;
      return `arn:${partition}:iam::${account ?? SAMPLE_ACCOUNTS[i]}:role/${name}`;
    });
    const where =
      target.kind === 'account'
        ? { en: `account ${target.id}`, fr: `le compte ${target.id}` }
        : target.kind === 'ou'
          ? { en: `the accounts of OU ${target.path}`, fr: `les comptes de l'unité ${target.path}` }
          : { en: 'every member account', fr: 'chaque compte membre' };
    const describe = (regions: readonly string[]): LocalizedText => ({
      en: `the stack instances of StackSet '${stackSet.id}' in ${where.en}, ${regions.join(', ')}`,
      fr: `les instances de pile du StackSet '${stackSet.id}' dans ${where.fr}, ${regions.join(', ')}`,
    });
    units.push({
      describe: describe([region]),
      group: { key: `${stackSet.file}#${stackSet.id}|${targetKey(target)}`, describe },
      ...(account !== undefined ? { account } : { set: target }),
      region,
      principals: [...new Set(principals)],
      principal: `arn:${partition}:iam::${account ?? 'ACCOUNT'}:role/${role}`,
      services: servicesOfTemplate(instance),
      tags: stackSet.tags,
    });
  }
  return units;
}

/** A Deny's action patterns, compiled once per statement (a zone has thousands of units). */
interface ActionPatterns {
  readonly not: boolean;
  readonly patterns: ReadonlyArray<{ readonly pattern: string; readonly service: RegExp; readonly whole: boolean }>;
}

const compiledActions = new WeakMap<Record<string, unknown>, ActionPatterns | null>();

function actionPatterns(statement: Record<string, unknown>): ActionPatterns | null {
  let compiled = compiledActions.get(statement);
  if (compiled !== undefined) return compiled;
  const not = statement.Action === undefined && statement.NotAction !== undefined;
  const raw = not ? statement.NotAction : statement.Action;
  compiled =
    raw === undefined
      ? null
      : {
          not,
          patterns: strings(raw)
            .filter((p): p is string => typeof p === 'string')
            .map((pattern) => ({
              pattern,
              service: globToRegExp(pattern === '*' ? '*' : (pattern.split(':')[0] ?? ''), 'i'),
              whole: pattern === '*' || pattern.slice(pattern.indexOf(':') + 1) === '*',
            })),
        };
  compiledActions.set(statement, compiled);
  return compiled;
}

/** The services of the unit a Deny's actions could reach, with the patterns that reach them. */
function reachedServices(statement: Record<string, unknown>, unit: Unit): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const compiled = actionPatterns(statement);
  if (!compiled) return reached;
  for (const name of unit.services.keys()) {
    if (!compiled.not) {
      const matching = compiled.patterns.filter((p) => p.service.test(name)).map((p) => p.pattern);
      if (matching.length) reached.set(name, matching);
    } else if (!compiled.patterns.some((p) => p.whole && p.service.test(name))) {
      reached.set(name, [`${name}:* (NotAction)`]);
    }
  }
  return reached;
}

/** What a condition key evaluates to for a unit's requests to one service. */
interface Verdict {
  /** False if a condition excludes the requests; `unknown` if the principal cannot be decided. */
  readonly applies: Tri;
  /** True if the principal is excluded (the statement's exemption covers it). */
  readonly exempt: boolean;
  /** Keys the artifacts cannot evaluate: the Deny may apply, depending on them. */
  readonly unevaluated: readonly string[];
  /** The principal conditions, in words. */
  readonly exemption: readonly string[];
}

function tagValues(unit: Unit, resources: readonly Resource[], key: string): Array<string | undefined> {
  const values: Array<string | undefined> = [];
  for (const r of resources) {
    if (r.unresolvedTags.includes(key)) values.push(undefined);
    else if (key in r.tags) values.push(r.tags[key]);
    else if (key in unit.tags) values.push(unit.tags[key]);
  }
  return values;
}

function evaluate(statement: Record<string, unknown>, unit: Unit, service: string): Verdict {
  const condition = statement.Condition;
  const unevaluated: string[] = [];
  const exemption: string[] = [];
  let applies: Tri = true;
  let exempt = false;
  const resources = unit.services.get(service) ?? [];
  const partition = unit.region ? partitionOf(unit.region) : 'aws';
  if (typeof condition !== 'object' || condition === null) return { applies, exempt, unevaluated, exemption };
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof block !== 'object' || block === null) continue;
    const op = parseOperator(operator);
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const lower = key.toLowerCase();
      const values = strings(raw).map((v) =>
        typeof v === 'string' ? v : isUnresolved(v) ? (v.text ?? '${?}') : '${?}',
      );
      let outcome: Tri | 'maybe';
      if (!op || op.mode === 'other') {
        outcome = 'maybe';
      } else if (lower === 'aws:principalarn') {
        exemption.push(`${operator} ${key} ${values.join(', ')}`);
        outcome = unit.principals ? conditionHolds(unit.principals, values, op) : 'unknown';
        if (outcome === false) exempt = true;
      } else if (lower === 'aws:principalaccount') {
        const accounts = unit.account ? [unit.account] : SAMPLE_ACCOUNTS;
        outcome = conditionHolds(accounts, values, op);
        if (outcome === false) exempt = true;
      } else if (lower === 'aws:requestedregion') {
        const region = requestedRegion(service, unit.region, partition);
        outcome = region === undefined ? 'maybe' : conditionHolds([region], values, op);
      } else if (lower.startsWith('aws:resourcetag/') || lower.startsWith('aws:requesttag/')) {
        const tag = key.slice(key.indexOf('/') + 1);
        if (op.negated) outcome = 'maybe';
        else {
          const found = tagValues(unit, resources, tag);
          outcome = found.some((v) => v === undefined || conditionHolds([v], values, op) !== false) ? 'maybe' : false;
        }
      } else if (lower === 'aws:tagkeys') {
        const keys = new Set([...resources.flatMap((r) => Object.keys(r.tags)), ...Object.keys(unit.tags)]);
        outcome =
          op.negated || resources.some((r) => r.unresolvedTags.length) || values.some((v) => keys.has(v))
            ? 'maybe'
            : false;
      } else {
        outcome = 'maybe';
      }
      if (outcome === false) applies = false;
      else if (outcome === 'unknown' && applies !== false) applies = 'unknown';
      else if (outcome === 'maybe') unevaluated.push(key);
    }
  }
  return { applies, exempt, unevaluated, exemption };
}

/** Whether a policy governs a unit: true, false, or why it cannot be known. */
function governs(targets: readonly Target[], unit: Unit, input: CheckInput): boolean | LocalizedText {
  if (unit.account !== undefined) {
    const path = accountUnit(input, unit.account);
    if (path === null) return false;
    if (path === undefined) {
      return zoneOrganization(input)
        ? {
            en: `the landing-zone summary does not declare account ${unit.account}`,
            fr: `le résumé de la zone d'atterrissage ne déclare pas le compte ${unit.account}`,
          }
        : {
            en: 'no landing-zone summary gives the accounts’ organizational units',
            fr: "aucun résumé de zone d'atterrissage ne donne les unités d'organisation des comptes",
          };
    }
    let unknown: LocalizedText | undefined;
    for (const target of targets) {
      const g = governsAccount(target, unit.account, path);
      if (g === true) return true;
      if (g === 'unknown') unknown = describeTarget(target);
    }
    return unknown ? { en: `its target ${unknown.en} is not known`, fr: `sa cible ${unknown.fr} est inconnue` } : false;
  }
  const set = unit.set;
  if (!set) {
    return {
      en: "the stack's account is unknown (no cloud-assembly environment)",
      fr: "le compte de la pile est inconnu (pas d'environnement d'assemblage cloud)",
    };
  }
  if (set.kind === 'unknown') return false;
  for (const target of targets) {
    if (target.kind === 'root') return true;
    if (target.kind === 'ou' && set.kind === 'root') return true;
    if (
      target.kind === 'ou' &&
      set.kind === 'ou' &&
      (isWithin(set.path, target.path) || isWithin(target.path, set.path))
    )
      return true;
  }
  return false;
}

/** DEP-4: the guardrails (service control policies) do not deny the principal CloudFormation deploys with. */
export const dep4DeployerLockout: InputRule = {
  id: 'DEP-4/deployer-lockout',
  control: 'DEP-4',
  scope: 'input',
  title: {
    en: 'Service control policies do not lock out the deployer',
    fr: 'Les politiques de contrôle des services ne bloquent pas le déploiement',
  },
  description:
    "For each stack deployed into a governed account (one the landing-zone summary places in an OU, or below an OU, that a SERVICE_CONTROL_POLICY AWS::Organizations::Policy targets; the management account is never governed) and each StackSet stack instance, every Deny statement of every SCP governing the account exempts the principal CloudFormation deploys with: the stack's cloudFormationExecutionRoleArn in the cloud assembly (else its assumeRoleArn, else the CDK bootstrap role cdk-hnb659fds-cfn-exec-role-ACCOUNT-REGION), the stacksets-exec-* role of a service-managed StackSet, or the ExecutionRoleName (AWSCloudFormationStackSetExecutionRole) of a self-managed one. Exempted means a condition on aws:PrincipalArn (or aws:PrincipalAccount) that excludes it, with IAM's matching (StringLike, ArnLike wildcards; ${…} policy variables cannot be decided). Actions are judged by service, not one by one: a Deny whose Action (or whose NotAction, unless it exempts the whole service) reaches the IAM service prefix of a resource type of the stack counts, unless its aws:RequestedRegion condition excludes the stack's region (global services such as IAM are requested in us-east-1), or its aws:ResourceTag, aws:RequestTag or aws:TagKeys condition matches no tag of the stack's resources of that service; any other condition key (ec2:Encrypted…) is assumed to hold, and named. Without the accounts' OUs (landing-zone.json) it cannot be proven.",
  remediation: {
    en: "Exempt the deployment roles from every Deny of the guardrails (ArnNotLike aws:PrincipalArn with arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-* and arn:*:iam::*:role/stacksets-exec-*), or deploy with a role the guardrails already exempt (the stack's synthesizer's cloudFormationExecutionRole)",
    fr: 'Exempter les rôles de déploiement de chaque Deny des garde-fous (ArnNotLike aws:PrincipalArn avec arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-* et arn:*:iam::*:role/stacksets-exec-*), ou déployer avec un rôle que les garde-fous exemptent déjà (le cloudFormationExecutionRole du synthétiseur de la pile)',
  },
  appliesTo: ['AWS::Organizations::Policy'],
  observes: ['policy', 'denyStatements', 'governedDeployments'],
  check(input: CheckInput, _context: RuleContext): Array<LocatedProblem | LocatedPass> {
    const policies = resourcesOfType(input, 'AWS::Organizations::Policy').filter(
      (p) => p.template.deployment?.stackSet === undefined && str(p.properties.Type) === 'SERVICE_CONTROL_POLICY',
    );
    if (!policies.length) return [];
    const units = [...stackUnits(input), ...stackSetUnits(input)];
    const results: Array<LocatedProblem | LocatedPass> = [];
    for (const policy of policies) {
      const name = str(policy.properties.Name);
      const shownName = typeof name === 'string' ? name : policy.id;
      const found = statements(policy.properties.Content);
      if (isUnresolved(found)) {
        results.push({
          resource: policy,
          ...cannotProve(unknownValue('its Content', 'son Content', found), {
            evidence: evidenceOf({ policy: shownName, content: policy.properties.Content }),
          }),
        });
        continue;
      }
      const denies = found.filter((s) => s.Effect === 'Deny');
      const targets = policyTargets(policy);
      const problems: LocatedProblem[] = [];
      // Lock-outs of StackSet instances, merged over their regions: statement and group → regions.
      const grouped = new Map<
        string,
        {
          regions: string[];
          build: (described: LocalizedText, regions: readonly string[]) => LocatedProblem;
          unit: Unit;
        }
      >();
      const undecided: Array<{ unit: LocalizedText; why: LocalizedText }> = [];
      // The deployments the policy governs and their principals, for the evidence.
      let governedDeployments = 0;
      const principals = new Set<string>();
      for (const unit of units) {
        const governed = governs(targets, unit, input);
        if (governed === false) continue;
        if (governed === true) {
          governedDeployments++;
          principals.add(unit.principal);
        }
        // A principal every Deny exempts is never locked out, whichever accounts the policy
        // governs: only a Deny that may reach it needs the accounts' units to be judged.
        const mayDeny = denies.some((statement) =>
          [...reachedServices(statement, unit).keys()].some(
            (service) => evaluate(statement, unit, service).applies !== false,
          ),
        );
        if (!mayDeny) continue;
        if (governed !== true) {
          undecided.push({ unit: unit.describe, why: governed });
          continue;
        }
        denies.forEach((statement, i) => {
          const sid = typeof statement.Sid === 'string' ? statement.Sid : `#${i + 1}`;
          const reached = reachedServices(statement, unit);
          let unknown: Verdict | undefined;
          const locked: Array<[string, string[], Verdict]> = [];
          for (const [service, patterns] of reached) {
            const verdict = evaluate(statement, unit, service);
            if (verdict.applies === true) locked.push([service, patterns, verdict]);
            else if (verdict.applies === 'unknown') unknown = verdict;
          }
          if (locked.length) {
            const actionList = [...new Set(locked.flatMap(([, p]) => p))];
            const actions = actionList.join(', ');
            const keys = [...new Set(locked.flatMap(([, , v]) => v.unevaluated))];
            const exemption = locked[0][2].exemption;
            const exempts = exemption.length
              ? {
                  en: `its exemption (${exemption.join('; ')}) does not cover it`,
                  fr: `son exemption (${exemption.join(' ; ')}) ne le couvre pas`,
                }
              : { en: 'it exempts no principal', fr: "il n'exempte aucun principal" };
            const unless = keys.length
              ? {
                  en: ` (unless its conditions on ${keys.join(', ')} exclude the stack's requests)`,
                  fr: ` (à moins que ses conditions sur ${keys.join(', ')} n'excluent les requêtes de la pile)`,
                }
              : { en: '', fr: '' };
            const build = (described: LocalizedText, regions: readonly string[]): LocatedProblem => ({
              resource: policy,
              ...fail(
                {
                  en: `SCP '${shownName}' statement '${sid}' denies ${actions} to ${unit.principal}, which deploys ${described.en}: ${exempts.en}${unless.en}`,
                  fr: `la SCP '${shownName}', déclaration '${sid}', refuse ${actions} à ${unit.principal}, qui déploie ${described.fr} : ${exempts.fr}${unless.fr}`,
                },
                {
                  evidence: evidenceOf({
                    policy: shownName,
                    statement: sid,
                    principal: unit.principal,
                    account: unit.account,
                    regions: regions.length ? regions : undefined,
                    actions: actionList.slice(0, 20),
                    conditionKeys: keys.length ? keys : undefined,
                  }),
                },
              ),
            });
            if (unit.group && unit.region) {
              const key = `${i}|${unit.group.key}`;
              const entry = grouped.get(key);
              if (entry) entry.regions.push(unit.region);
              else grouped.set(key, { regions: [unit.region], build, unit });
            } else problems.push(build(unit.describe, unit.region ? [unit.region] : []));
          } else if (unknown) {
            problems.push({
              resource: policy,
              ...cannotProve(
                {
                  en: `SCP '${shownName}' statement '${sid}' may deny ${unit.principal}, which deploys ${unit.describe.en}: whether its exemption (${unknown.exemption.join('; ') || 'none'}) covers it cannot be decided`,
                  fr: `la SCP '${shownName}', déclaration '${sid}', peut refuser ${unit.principal}, qui déploie ${unit.describe.fr} : que son exemption (${unknown.exemption.join(' ; ') || 'aucune'}) le couvre ne peut être décidé`,
                },
                {
                  evidence: evidenceOf({
                    policy: shownName,
                    statement: sid,
                    principal: unit.principal,
                    account: unit.account,
                    region: unit.region,
                    exemption: unknown.exemption.length ? unknown.exemption : undefined,
                  }),
                },
              ),
            });
          }
        });
      }
      for (const { regions, build, unit } of grouped.values())
        problems.push(build(unit.group!.describe(regions), regions));
      if (undecided.length && denies.length) {
        // Grouped by reason: `stack 'A', stack 'B' (the reason)`.
        const byReason = new Map<string, { en: string[]; fr: string[]; why: LocalizedText }>();
        for (const u of undecided) {
          const entry = byReason.get(u.why.en) ?? { en: [], fr: [], why: u.why };
          entry.en.push(u.unit.en);
          entry.fr.push(u.unit.fr);
          byReason.set(u.why.en, entry);
        }
        const groups = [...byReason.values()];
        const list = {
          en: groups.map((g) => `${g.en.join(', ')} (${g.why.en})`).join('; '),
          fr: groups.map((g) => `${g.fr.join(', ')} (${g.why.fr})`).join(' ; '),
        };
        problems.push({
          resource: policy,
          ...cannotProve(
            {
              en: `whether SCP '${shownName}' governs these deployments cannot be proven: ${list.en}`,
              fr: `que la SCP '${shownName}' régisse ces déploiements ne peut être prouvé : ${list.fr}`,
            },
            {
              evidence: evidenceOf({
                policy: shownName,
                denyStatements: denies.length,
                undecidedDeployments: undecided.length,
              }),
            },
          ),
        });
      }
      const evidence = evidenceOf({
        policy: shownName,
        denyStatements: denies.length,
        governedDeployments,
        principals: principals.size ? [...principals].slice(0, 20) : undefined,
        principalCount: principals.size > 20 ? principals.size : undefined,
      });
      results.push(...(problems.length ? problems : [{ pass: true as const, resource: policy, evidence }]));
    }
    return results;
  },
};
