import { Stack, Token } from 'aws-cdk-lib';
import { localize, type JurisdictionProfile, type ValidationProblem } from '../core';
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
      message: {
        en: `${prop} is empty: a service control policy attached to nothing restricts nothing`,
        fr: `${prop} est vide : une politique de contrôle des services rattachée à rien ne restreint rien`,
      },
      remedy: {
        en: "Pass the ids of the landing zone's OUs (ou-…) or of the organization's root (r-…)",
        fr: "Passez les identifiants des OU de la zone d'atterrissage (ou-…) ou de la racine de l'organisation (r-…)",
      },
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
        message: {
          en: `${prop}[${i}] '${String(id)}' is not a root id (r-…), an OU id (ou-…-…) or a 12-digit account id`,
          fr: `${prop}[${i}] '${String(id)}' n'est ni un identifiant de racine (r-…), ni un identifiant d'OU (ou-…-…), ni un identifiant de compte à 12 chiffres`,
        },
      });
      return;
    }
    if (seen.has(id)) {
      problems.push({
        rule: 'PROPS',
        message: { en: `${prop}[${i}] '${id}' is listed twice`, fr: `${prop}[${i}] '${id}' figure deux fois` },
      });
    }
    seen.add(id);
    if (managementAccount !== undefined && id === managementAccount) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `${prop}[${i}] '${id}' is the management account, which service control policies never restrict`,
          fr: `${prop}[${i}] '${id}' est le compte de gestion, que les politiques de contrôle des services ne restreignent jamais`,
        },
        remedy: {
          en: 'Attach the policy to the OUs of the member accounts',
          fr: 'Rattachez la politique aux OU des comptes membres',
        },
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
      message: {
        en: `${prop} '${String(parentId)}' is not a root id (r-…) or an OU id (ou-…-…)`,
        fr: `${prop} '${String(parentId)}' n'est ni un identifiant de racine (r-…) ni un identifiant d'OU (ou-…-…)`,
      },
      remedy: {
        en: "Pass the organization's root id, as `aws organizations list-roots` shows it",
        fr: "Passez l'identifiant de la racine de l'organisation, tel que l'affiche `aws organizations list-roots`",
      },
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
      message: {
        en: `an organization stack deploys to the management account's home region, which must be allowed for 'internal' data: ${localize(problem.message, 'en')}`,
        fr: `une pile d'organisation est déployée dans la région d'origine du compte de gestion, qui doit être autorisée pour les données 'internal' : ${localize(problem.message, 'fr')}`,
      },
    },
  ];
}

/** The stack's account, if concrete (the management account for an organization stack). */
export function concreteAccount(stack: Stack): string | undefined {
  return Token.isUnresolved(stack.account) ? undefined : stack.account;
}
