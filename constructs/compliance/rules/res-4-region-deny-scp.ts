import { CLOUD_REGIONS } from '../../core';
import { resourcesOfType, statements } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { CheckInput, Resource } from '../model';
import { cannotProve, fail, type InputRule, type LocatedPass, type LocatedProblem, type RuleContext } from '../rule';
import { list, str, strings } from '../values';
import { placeInRegion } from './helpers';
import { hasCloudFormation } from './worlds';

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
  title: 'A service control policy denies requests outside the allowed regions',
  description:
    "Somewhere in the input, an AWS::Organizations::Policy of type SERVICE_CONTROL_POLICY denies requests whose aws:RequestedRegion is outside regions the profile allows for 'internal' data, exempts global services (NotAction), and is attached (TargetIds). Judged over the whole input: absent, it cannot be proven (a single workload stack is not failed for lacking the organization's guardrail).",
  remediation:
    "Deploy a service control policy that denies aws:RequestedRegion outside the allowed regions (exempting global services) and attach it to the landing zone's OUs",
  appliesTo: ['AWS::Organizations::Policy'],
  check(input: CheckInput, { profile }: RuleContext): Array<LocatedProblem | LocatedPass> {
    if (!hasCloudFormation(input)) return [];
    const results: Array<LocatedProblem | LocatedPass> = [];
    for (const policy of resourcesOfType(input, 'AWS::Organizations::Policy')) {
      if (str(policy.properties.Type) !== 'SERVICE_CONTROL_POLICY') continue;
      const found = statements(policy.properties.Content);
      if (isUnresolved(found)) {
        results.push({ resource: policy, ...cannotProve(`its Content is ${found.describe()}`) });
        continue;
      }
      for (const statement of found) {
        const regions = allowedRegions(statement);
        if (regions) results.push(...judge(policy, statement, regions, profile));
      }
    }
    if (!results.length) {
      return [
        cannotProve(
          'no service control policy in the input denies requests outside the allowed regions (aws:RequestedRegion): the organization guardrail is not proven',
        ),
      ];
    }
    return results;
  },
};

function judge(
  policy: Resource,
  statement: Record<string, unknown>,
  regions: readonly string[],
  profile: RuleContext['profile'],
): Array<LocatedProblem | LocatedPass> {
  const problems: LocatedProblem[] = [];
  const disallowed = regions.filter((r) => placeInRegion(profile, 'internal', r).status !== 'allowed');
  if (disallowed.length) {
    problems.push({
      resource: policy,
      ...fail(
        `the policy leaves region(s) ${disallowed.join(', ')} open, which profile '${profile.id}' does not allow for 'internal' data`,
      ),
    });
  }
  const targets = list(policy.properties.TargetIds);
  if (!isUnresolved(targets) && !(targets ?? []).length) {
    problems.push({ resource: policy, ...fail('the policy is attached to no OU or account (TargetIds is empty)') });
  }
  if (statement.NotAction === undefined) {
    problems.push({
      resource: policy,
      ...fail(
        'the region deny has no NotAction exempting global services (IAM, Organizations, STS, Route 53…), which it will break',
        {
          severity: 'warning',
        },
      ),
    });
  }
  return problems.length ? problems : [{ pass: true, resource: policy }];
}
