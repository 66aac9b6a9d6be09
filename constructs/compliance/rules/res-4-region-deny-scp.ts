import { CLOUD_REGIONS } from '../../core';
import { resourcesOfType, statements } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { CheckInput, Resource } from '../normalize/model';
import {
  cannotProve,
  fail,
  unknownValue,
  type InputRule,
  type LocatedPass,
  type LocatedProblem,
  type RuleContext,
} from '../judge/rule';
import { list, str, strings } from '../normalize/values';
import { evidenceOf, observed, type Evidence } from '../judge/evidence';
import { placeInRegion } from './helpers';
import { allowedPlaces, listed, MAX_LISTED } from './site-placement';
import { hasCloudFormation } from './worlds';

/** A list as evidence, cut as {@link listed} cuts; any other value as {@link observed} shows it. */
function shownList(value: unknown): unknown {
  const shown = observed(value);
  return Array.isArray(shown) ? listed(shown) : shown;
}

const OPERATORS = /^(ForAnyValue:|ForAllValues:)?String(Not)?(Equals|Like)(IfExists)?$/i;

/** The regions a statement's `aws:RequestedRegion` condition leaves allowed, if it is a region deny. */
function allowedRegions(statement: Record<string, unknown>): string[] | undefined {
  if (statement.Effect !== 'Deny' || typeof statement.Condition !== 'object' || statement.Condition === null) {
    return undefined;
  }
  for (const [operator, block] of Object.entries(statement.Condition as Record<string, unknown>)) {
    const m = OPERATORS.exec(operator);
    if (!m || !m[2] || typeof block !== 'object' || block === null) continue;
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      if (key.toLowerCase() !== 'aws:requestedregion') continue;
      const patterns = strings(values).filter((v): v is string => typeof v === 'string');
      if (m[3].toLowerCase() === 'equals') return patterns;
      const regex = patterns.map(
        (p) =>
          new RegExp(
            `^${p
              .replace(/[.+^${}()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '.*')
              .replace(/\?/g, '.')}$`,
          ),
      );
      return CLOUD_REGIONS.map((r) => r.region).filter((r) => regex.some((x) => x.test(r)));
    }
  }
  return undefined;
}

/** RES-4: the organization denies requests outside the allowed regions (whole input). */
export const res4RegionDenyScp: InputRule = {
  id: 'RES-4/region-deny-scp',
  control: 'RES-4',
  scope: 'input',
  title: {
    en: 'A service control policy denies requests outside the allowed regions',
    fr: 'Une politique de contrôle des services refuse les requêtes hors des régions autorisées',
  },
  description:
    "Somewhere in the input, an AWS::Organizations::Policy of type SERVICE_CONTROL_POLICY denies requests whose aws:RequestedRegion is outside regions the profile allows for 'internal' data, exempts global services (NotAction), and is attached (TargetIds). Judged over the whole input: absent, it cannot be proven (a single workload stack is not failed for lacking the organization's guardrail).",
  remediation: {
    en: "Deploy a service control policy that denies aws:RequestedRegion outside the allowed regions (exempting global services) and attach it to the landing zone's OUs",
    fr: "Déployer une politique de contrôle des services qui refuse aws:RequestedRegion hors des régions autorisées (en exemptant les services globaux) et l'attacher aux unités d'organisation de la zone d'atterrissage",
  },
  appliesTo: ['AWS::Organizations::Policy'],
  observes: ['statement', 'openRegions', 'targets', 'notAction'],
  check(input: CheckInput, { profile }: RuleContext): Array<LocatedProblem | LocatedPass> {
    if (!hasCloudFormation(input)) return [];
    const results: Array<LocatedProblem | LocatedPass> = [];
    let policies = 0;
    for (const policy of resourcesOfType(input, 'AWS::Organizations::Policy')) {
      if (str(policy.properties.Type) !== 'SERVICE_CONTROL_POLICY') continue;
      policies++;
      const found = statements(policy.properties.Content);
      if (isUnresolved(found)) {
        results.push({ resource: policy, ...cannotProve(unknownValue('its Content', 'son Content', found)) });
        continue;
      }
      found.forEach((statement, index) => {
        const regions = allowedRegions(statement);
        if (regions) results.push(...judge(policy, statement, index, regions, profile));
      });
    }
    if (!results.length) {
      return [
        cannotProve(
          {
            en: 'no service control policy in the input denies requests outside the allowed regions (aws:RequestedRegion): the organization guardrail is not proven',
            fr: "aucune politique de contrôle des services des artefacts vérifiés ne refuse les requêtes hors des régions autorisées (aws:RequestedRegion) : le garde-fou de l'organisation n'est pas prouvé",
          },
          { evidence: { serviceControlPolicies: policies } },
        ),
      ];
    }
    return results;
  },
};

function judge(
  policy: Resource,
  statement: Record<string, unknown>,
  index: number,
  regions: readonly string[],
  profile: RuleContext['profile'],
): Array<LocatedProblem | LocatedPass> {
  const problems: LocatedProblem[] = [];
  const disallowed = regions.filter((r) => placeInRegion(profile, 'internal', r).status !== 'allowed');
  const evidence: Evidence = evidenceOf({
    statement: statement.Sid ?? index,
    openRegions: listed(regions),
    openRegionCount: regions.length > MAX_LISTED ? regions.length : undefined,
    disallowedRegions: disallowed.length ? listed(disallowed) : undefined,
    targets: shownList(policy.properties.TargetIds) ?? 'none',
    notAction: shownList(statement.NotAction) ?? false,
    level: 'internal',
    ...allowedPlaces(profile, 'internal'),
  });
  if (disallowed.length) {
    problems.push({
      resource: policy,
      evidence,
      ...fail({
        en: `the policy leaves region(s) ${disallowed.join(', ')} open, which profile '${profile.id}' does not allow for 'internal' data`,
        fr: `la politique laisse ${disallowed.length > 1 ? 'ouvertes les régions' : 'ouverte la région'} ${disallowed.join(', ')}, que le profil '${profile.id}' n'autorise pas pour les données 'internal'`,
      }),
    });
  }
  const targets = list(policy.properties.TargetIds);
  if (!isUnresolved(targets) && !(targets ?? []).length) {
    problems.push({
      resource: policy,
      evidence,
      ...fail({
        en: 'the policy is attached to no OU or account (TargetIds is empty)',
        fr: "la politique n'est attachée à aucune unité d'organisation ni à aucun compte (TargetIds est vide)",
      }),
    });
  }
  if (statement.NotAction === undefined) {
    problems.push({
      resource: policy,
      evidence,
      ...fail(
        {
          en: 'the region deny has no NotAction exempting global services (IAM, Organizations, STS, Route 53…), which it will break',
          fr: "le refus par région n'a pas de NotAction exemptant les services globaux (IAM, Organizations, STS, Route 53…), qu'il empêchera de fonctionner",
        },
        { severity: 'warning' },
      ),
    });
  }
  return problems.length ? problems : [{ pass: true, resource: policy, evidence }];
}
