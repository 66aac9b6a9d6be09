import * as iam from 'aws-cdk-lib/aws-iam';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import type { Construct } from 'constructs';
import type { ValidationProblem } from '../core';
import { concreteAccount, organizationStackProblems, targetIdProblems } from './organization-ids';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';

/** The largest service control policy AWS Organizations accepts, in characters. */
export const SCP_MAX_CHARACTERS = 5120;

/**
 * The roles every guardrail of the landing zone exempts by default: the deployment role
 * (the pipeline that deploys the landing zone) and the break-glass role (emergency access,
 * used under a written procedure). They are the only principals of member accounts that may
 * change what the guardrails protect.
 */
export const DEFAULT_EXEMPT_ROLE_NAMES: readonly string[] = ['SovereignLzDeployment', 'SovereignLzBreakGlass'];

/** Every unresolved value (a token) counts as this many characters when a policy is measured. */
export const TOKEN_CHARACTERS = 100;

/** A service control policy document, as AWS Organizations stores it. */
export interface ScpDocument {
  readonly Version: '2012-10-17';
  readonly Statement: ReadonlyArray<Record<string, unknown>>;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}\*?$/;
const TOKEN = /[$#]\{Token\[[^\]]*\]\}/g;

/**
 * The role with which service-managed StackSets deploy their stack instances in each member
 * account (`stacksets-exec-<hash>`, created by CloudFormation through the StackSets
 * service-linked role). Every guardrail exempts it, or the StackSets of the landing zone (its
 * account baseline) could not create or update what the guardrails protect. Only the management
 * account's StackSets service can assume it; the baseline policy denies everyone else creating
 * or changing a role of that name.
 */
export const STACK_SET_EXECUTION_ROLE_NAME = 'stacksets-exec-*';

/**
 * The role ARN patterns (any partition, any member account) of `roleNames`, and of the StackSet
 * execution role ({@link STACK_SET_EXECUTION_ROLE_NAME}), which every guardrail exempts.
 * Never the CDK bootstrap roles (`cdk-*`): anyone allowed to `cdk deploy` would pass the guardrails.
 */
export function exemptPrincipalArns(roleNames: readonly string[]): string[] {
  return [...new Set([...roleNames, STACK_SET_EXECUTION_ROLE_NAME])].map((name) => `arn:*:iam::*:role/${name}`);
}

/** Problems of the exempted role names: none given, or a name IAM would refuse. */
export function exemptRoleProblems(roleNames: readonly string[], prop = 'exemptRoleNames'): ValidationProblem[] {
  if (roleNames.length === 0) {
    return [
      {
        rule: 'PROPS',
        message: {
          en: `${prop} is empty: a guardrail with no deployment or break-glass role cannot be changed or used in an emergency`,
          fr: `${prop} est vide : un garde-fou sans rôle de déploiement ni rôle d'accès d'urgence (break-glass) ne peut être ni modifié ni levé en cas d'urgence`,
        },
        remedy: {
          en: `Name at least a break-glass role, e.g. ['${DEFAULT_EXEMPT_ROLE_NAMES.join("', '")}']`,
          fr: `Nommez au moins un rôle d'accès d'urgence, par exemple ['${DEFAULT_EXEMPT_ROLE_NAMES.join("', '")}']`,
        },
      },
    ];
  }
  return roleNames.flatMap((name, i) =>
    typeof name === 'string' && ROLE_NAME.test(name)
      ? []
      : [
          {
            rule: 'PROPS',
            message: {
              en: `${prop}[${i}] '${String(name)}' is not an IAM role name (1–64 of letters, digits and +=,.@_-, optionally ending in '*')`,
              fr: `${prop}[${i}] '${String(name)}' n'est pas un nom de rôle IAM (1 à 64 lettres, chiffres et +=,.@_-, finissant éventuellement par '*')`,
            },
          },
        ],
  );
}

/**
 * Renders statements as a service control policy. Every `Deny` statement gets the
 * exemption of `exemptRoleNames` — an `ArnNotLike` condition on `aws:PrincipalARN`, merged
 * with one the statement may already have — so that only those roles may act past it.
 */
export function renderScp(statements: readonly iam.PolicyStatement[], exemptRoleNames: readonly string[]): ScpDocument {
  const exempt = exemptPrincipalArns(exemptRoleNames);
  return {
    Version: '2012-10-17',
    Statement: statements.map((statement) => {
      const json = statement.toStatementJson() as Record<string, unknown>;
      if (json.Effect !== 'Deny' || exempt.length === 0) return json;
      const condition = { ...((json.Condition as Record<string, Record<string, unknown>>) ?? {}) };
      const arnNotLike = { ...(condition.ArnNotLike ?? {}) };
      const existing = arnNotLike['aws:PrincipalARN'];
      const merged = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), ...exempt];
      arnNotLike['aws:PrincipalARN'] = [...new Set(merged)];
      condition.ArnNotLike = arnNotLike;
      return { ...json, Condition: condition };
    }),
  };
}

/**
 * The size of a policy as AWS Organizations counts it: characters of its minified JSON.
 * An unresolved value (a token, such as the ARN of a bucket of another stack) counts as
 * {@link TOKEN_CHARACTERS} characters, more than any bucket or key ARN.
 */
export function scpCharacterCount(document: ScpDocument): number {
  return JSON.stringify(document).replace(TOKEN, 'x'.repeat(TOKEN_CHARACTERS)).length;
}

/** Problems of a rendered policy: no statement, a principal, no resource, or over the size limit. */
export function scpDocumentProblems(policyName: string, document: ScpDocument): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (document.Statement.length === 0) {
    problems.push({
      rule: 'PROPS',
      message: {
        en: `policy '${policyName}' has no statement`,
        fr: `la politique '${policyName}' n'a aucune déclaration`,
      },
    });
  }
  document.Statement.forEach((s, i) => {
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `policy '${policyName}' statement ${i} names a principal, which a service control policy may not`,
          fr: `la déclaration ${i} de la politique '${policyName}' nomme un principal, ce qu'une politique de contrôle des services ne peut pas faire`,
        },
        remedy: {
          en: 'Select principals with a condition on aws:PrincipalARN instead',
          fr: 'Sélectionnez plutôt les principaux par une condition sur aws:PrincipalARN',
        },
      });
    }
    if (s.Resource === undefined && s.NotResource === undefined) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `policy '${policyName}' statement ${i} has no resource`,
          fr: `la déclaration ${i} de la politique '${policyName}' n'a aucune ressource`,
        },
      });
    }
  });
  const size = scpCharacterCount(document);
  if (size > SCP_MAX_CHARACTERS) {
    problems.push({
      rule: 'PROPS',
      message: {
        en: `policy '${policyName}' is ${size} characters (minified), over the ${SCP_MAX_CHARACTERS} that AWS Organizations accepts for a service control policy`,
        fr: `la politique '${policyName}' compte ${size} caractères (minifiée), au-delà des ${SCP_MAX_CHARACTERS} qu'AWS Organizations accepte pour une politique de contrôle des services`,
      },
      remedy: {
        en: 'Split its statements into several policies, or shorten its lists (regions, actions, resources)',
        fr: 'Répartissez ses déclarations entre plusieurs politiques, ou raccourcissez ses listes (régions, actions, ressources)',
      },
    });
  }
  return problems;
}

/** Problems of a policy's name (1–128 printable ASCII characters) and description (at most 512). */
export function scpNameProblems(policyName: string, description: string | undefined): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (typeof policyName !== 'string' || !/^[\x20-\x7e]{1,128}$/.test(policyName)) {
    problems.push({
      rule: 'PROPS',
      message: {
        en: `policyName '${String(policyName)}' must be 1 to 128 printable ASCII characters`,
        fr: `policyName '${String(policyName)}' doit compter de 1 à 128 caractères ASCII imprimables`,
      },
    });
  }
  if (description !== undefined && description.length > 512) {
    problems.push({
      rule: 'PROPS',
      message: {
        en: `the description of policy '${policyName}' exceeds 512 characters`,
        fr: `la description de la politique '${policyName}' dépasse 512 caractères`,
      },
    });
  }
  return problems;
}

/** Props of a {@link ServiceControlPolicy}. */
export interface ServiceControlPolicyProps extends SovereignProps {
  /** The policy's name in AWS Organizations (1–128 printable ASCII characters, unique in the organization). */
  readonly policyName: string;
  /**
   * What the policy is for, shown in the Organizations console (at most 512 characters).
   * @default - no description
   */
  readonly description?: string;
  /**
   * The statements. Every `Deny` statement gets the exemption of `exemptRoleNames`; a
   * statement may not name a principal (select principals with conditions instead).
   */
  readonly statements: readonly iam.PolicyStatement[];
  /**
   * Where the policy is attached: the organization's root (`r-…`), OUs (`ou-…-…`) or member
   * accounts (12 digits). Policies are inherited downwards, so attaching to the landing
   * zone's top-level OUs covers every account under them.
   */
  readonly targetIds: readonly string[];
  /**
   * Names of the IAM roles (in any member account, at the path `/`) that the policy's `Deny`
   * statements exempt, through an `ArnNotLike` condition on `aws:PrincipalARN`. A name may end
   * in `*` to match a family of roles (e.g. `stacksets-exec-*`, the execution role of
   * service-managed StackSets, if the per-account baseline must update what a guardrail
   * protects).
   * @default DEFAULT_EXEMPT_ROLE_NAMES: `SovereignLzDeployment` and `SovereignLzBreakGlass`
   */
  readonly exemptRoleNames?: readonly string[];
}

/**
 * An `AWS::Organizations::Policy` of type `SERVICE_CONTROL_POLICY`, attached to the given
 * roots, OUs or accounts. Its `Deny` statements exempt the named deployment and break-glass
 * roles — the only principals of member accounts that may change what the policy protects —
 * and it is checked at construction against the 5,120-character limit of AWS Organizations.
 *
 * Organization resources are created from the management account, which service control
 * policies never restrict. Deploy the stack to the management account's home region: it must
 * be a concrete `env.region` allowed for `internal` data under the profile, so that RES-1
 * judges the stack like any other (e.g. `eu-west-3` under `morocco`).
 *
 * @example
 * new ServiceControlPolicy(orgStack, 'DenyLeave', {
 *   policyName: 'deny-leave-organization',
 *   targetIds: ['r-ab12'],
 *   statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['organizations:LeaveOrganization'], resources: ['*'] })],
 * });
 */
export class ServiceControlPolicy extends SovereignConstruct {
  /** The policy resource. */
  public readonly policy: organizations.CfnPolicy;
  /** The policy's id (`p-…`), once deployed. */
  public readonly policyId: string;
  /** The policy document, as rendered (tokens unresolved). */
  public readonly document: ScpDocument;
  /** The size of the document as {@link scpCharacterCount} measures it. */
  public readonly characterCount: number;
  /** The roles the policy exempts. */
  public readonly exemptRoleNames: readonly string[];

  constructor(scope: Construct, id: string, props: ServiceControlPolicyProps) {
    super(scope, id, props);
    this.exemptRoleNames = props.exemptRoleNames ?? DEFAULT_EXEMPT_ROLE_NAMES;
    this.document = renderScp(props.statements ?? [], this.exemptRoleNames);
    this.characterCount = scpCharacterCount(this.document);
    this.validate([
      ...organizationStackProblems(this.profile, this.stack, this.classification === 'internal'),
      ...scpNameProblems(props.policyName, props.description),
      ...targetIdProblems(props.targetIds, concreteAccount(this.stack)),
      ...exemptRoleProblems(this.exemptRoleNames),
      ...scpDocumentProblems(props.policyName, this.document),
    ]);

    this.policy = new organizations.CfnPolicy(this, 'Resource', {
      name: props.policyName,
      description: props.description,
      type: 'SERVICE_CONTROL_POLICY',
      content: this.document,
      targetIds: [...props.targetIds],
    });
    this.policyId = this.policy.attrId;
    this.finish();
  }
}
