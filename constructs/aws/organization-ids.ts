import { Stack, Token } from 'aws-cdk-lib';
import type { JurisdictionProfile, ValidationProblem } from '../core';
import { regionResidencyProblem } from './residency';

/**
 * Identifiers of AWS Organizations and the region rule of organization stacks, shared by the
 * organization-layer constructs (service control policies, organizational units).
 */

/** The id of an organization's root: `r-` and 4–32 lowercase letters or digits. */
export const ROOT_ID_PATTERN = /^r-[0-9a-z]{4,32}$/;
/** The id of an organizational unit: `ou-`, the root's 4–32 characters, `-`, and 8–32 more. */
export const OU_ID_PATTERN = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
/** An AWS account id: exactly 12 digits. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/**
 * Problems of the ids a policy is attached to (a root `r-…`, an OU `ou-…-…` or a 12-digit
 * account id): none given, a malformed id, a duplicate, or the management account itself
 * (`managementAccount`, when known), which service control policies never restrict.
 * Unresolved tokens (e.g. `OrganizationalUnits.securityOuId`) are accepted as they are.
 */
export function targetIdProblems(
  targetIds: readonly string[] | undefined,
  managementAccount?: string,
  prop = 'targetIds',
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (!targetIds || targetIds.length === 0) {
    problems.push({
      rule: 'PROPS',
      message: `${prop} is empty: a service control policy attached to nothing restricts nothing`,
      remedy: "Pass the ids of the landing zone's OUs (ou-…) or of the organization's root (r-…)",
    });
    return problems;
  }
  const seen = new Set<string>();
  targetIds.forEach((id, i) => {
    if (Token.isUnresolved(id)) return;
    if (
      typeof id !== 'string' ||
      !(ROOT_ID_PATTERN.test(id) || OU_ID_PATTERN.test(id) || ACCOUNT_ID_PATTERN.test(id))
    ) {
      problems.push({
        rule: 'PROPS',
        message: `${prop}[${i}] '${String(id)}' is not a root id (r-…), an OU id (ou-…-…) or a 12-digit account id`,
      });
      return;
    }
    if (seen.has(id)) problems.push({ rule: 'PROPS', message: `${prop}[${i}] '${id}' is listed twice` });
    seen.add(id);
    if (managementAccount !== undefined && id === managementAccount) {
      problems.push({
        rule: 'PROPS',
        message: `${prop}[${i}] '${id}' is the management account, which service control policies never restrict`,
        remedy: 'Attach the policy to the OUs of the member accounts',
      });
    }
  });
  return problems;
}

/** Problems of a parent id for organizational units: the root (`r-…`) or an OU (`ou-…-…`). */
export function parentIdProblems(parentId: string, prop = 'parentId'): ValidationProblem[] {
  if (Token.isUnresolved(parentId)) return [];
  if (typeof parentId === 'string' && (ROOT_ID_PATTERN.test(parentId) || OU_ID_PATTERN.test(parentId))) return [];
  return [
    {
      rule: 'PROPS',
      message: `${prop} '${String(parentId)}' is not a root id (r-…) or an OU id (ou-…-…)`,
      remedy: "Pass the organization's root id, as `aws organizations list-roots` shows it",
    },
  ];
}

/**
 * RES-1 for an organization stack. Organization resources (policies, OUs) are created from
 * the management account; their stack deploys to the management account's home region, which
 * must be a concrete region allowed for `internal` data under the profile — the organization's
 * configuration is the landing zone's own technical data — so that RES-1 judges the stack like
 * any other. Returns nothing when the construct's own level is `internal` (the base class has
 * checked the same rule) or when the rule is waived.
 */
export function organizationStackProblems(
  profile: JurisdictionProfile,
  stack: Stack,
  ownLevelIsInternal: boolean,
): ValidationProblem[] {
  if (ownLevelIsInternal) return [];
  const problem = regionResidencyProblem(profile, 'internal', stack.region, stack.stackName);
  if (!problem) return [];
  const { absolute: _absolute, ...rest } = problem;
  return [
    {
      ...rest,
      message: `an organization stack deploys to the management account's home region, which must be allowed for 'internal' data: ${problem.message}`,
    },
  ];
}

/** The stack's account, if concrete (the management account for an organization stack). */
export function concreteAccount(stack: Stack): string | undefined {
  return Token.isUnresolved(stack.account) ? undefined : stack.account;
}
