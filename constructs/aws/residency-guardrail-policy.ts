import type { Construct } from 'constructs';
import type { ClassificationLevel } from '../core';
import { planResidency, regionDenyStatement } from './guardrail-statements';
import { concreteAccount, organizationStackProblems, targetIdProblems } from './organization-ids';
import {
  DEFAULT_EXEMPT_ROLE_NAMES,
  exemptRoleProblems,
  renderScp,
  scpDocumentProblems,
  scpNameProblems,
  ServiceControlPolicy,
} from './service-control-policy';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';

/** Props of a {@link ResidencyGuardrailPolicy}. */
export interface ResidencyGuardrailPolicyProps extends SovereignProps {
  /**
   * Where the policy is attached: the organization's root (`r-…`), the landing zone's OUs
   * (`ou-…-…`) or member accounts (12 digits).
   */
  readonly targetIds: readonly string[];
  /**
   * The regions left open. Each must be a region where `internal` data may live under the
   * profile (RES-4's yardstick) and where at least one of `hostedLevels` may live; a RES-4
   * suppression lifts this check (the compliance engine then reports the finding as suppressed).
   * @default - derived from the profile: the union of the regions where the hosted levels may live
   */
  readonly allowedRegions?: readonly string[];
  /**
   * The classification levels whose data the organization hosts in AWS. Each must be one that
   * some AWS region may host under the profile (not `secret`; not `sensitive` under `morocco`).
   * @default - every level some AWS region may host under the profile
   */
  readonly hostedLevels?: readonly ClassificationLevel[];
  /**
   * Actions exempted from the region deny beyond `GLOBAL_SERVICE_ACTIONS`, e.g. `acm:*` for
   * CloudFront certificates, which live in `us-east-1`.
   * @default - none
   */
  readonly additionalGlobalActions?: readonly string[];
  /**
   * The roles exempted from the region deny: the deployment and break-glass roles, the only
   * principals of member accounts that may act outside the allowed regions.
   * @default DEFAULT_EXEMPT_ROLE_NAMES: `SovereignLzDeployment` and `SovereignLzBreakGlass`
   */
  readonly exemptRoleNames?: readonly string[];
  /**
   * The policy's name in AWS Organizations.
   * @default 'sovereign-lz-residency'
   */
  readonly policyName?: string;
}

/**
 * The residency guardrail (RES-4): a service control policy that denies every request whose
 * `aws:RequestedRegion` is outside the allowlist — by default the regions where the levels
 * the organization hosts may live under the profile (`eu-south-2`, `eu-west-1`,
 * `eu-central-1`, `eu-west-3` under `morocco`) — except the actions of global services
 * (`NotAction`: IAM, Organizations, STS, CloudFront, Route 53, Support, Budgets, Health…),
 * whose endpoints are in `us-east-1`. Only the deployment and break-glass roles
 * (`exemptRoleNames`) are exempted: they are the only principals of member accounts that may
 * act outside the allowed regions, and the only ones that should change guardrails.
 *
 * Deploy it in the organization stack: the management account (which service control
 * policies never restrict) in its home region, a concrete `env.region` allowed for
 * `internal` data under the profile, so that RES-1 judges the stack like any other.
 *
 * @example
 * const org = new SovereignStack(app, 'Organization', {
 *   env: { account: '111111111111', region: 'eu-west-3' },
 *   profile: 'morocco',
 *   classification: 'internal',
 * });
 * new ResidencyGuardrailPolicy(org, 'Residency', { targetIds: ['ou-ab12-cdef3456'] });
 */
export class ResidencyGuardrailPolicy extends SovereignConstruct {
  /** The regions the policy leaves open, sorted when derived. */
  public readonly allowedRegions: readonly string[];
  /** The levels the allowlist was derived for. */
  public readonly hostedLevels: readonly ClassificationLevel[];
  /** The policy. */
  public readonly policy: ServiceControlPolicy;
  /** The policy's id (`p-…`), once deployed. */
  public readonly policyId: string;

  constructor(scope: Construct, id: string, props: ResidencyGuardrailPolicyProps) {
    super(scope, id, props);
    const plan = planResidency(this.profile, props, this.suppressionFor('RES-4') !== undefined);
    const exemptRoleNames = props.exemptRoleNames ?? DEFAULT_EXEMPT_ROLE_NAMES;
    const policyName = props.policyName ?? 'sovereign-lz-residency';
    const description = `RES-4 (${this.profile.controls['RES-4'].source}): deny requests outside ${plan.regions.join(', ')}`;
    // The statement is built only from valid props (iam.PolicyStatement throws on a malformed action).
    const statements = plan.problems.length ? [] : [regionDenyStatement(plan.regions, props.additionalGlobalActions)];
    this.validate([
      ...organizationStackProblems(this.profile, this.stack, this.classification === 'internal'),
      ...plan.problems,
      ...scpNameProblems(policyName, undefined),
      ...targetIdProblems(props.targetIds, concreteAccount(this.stack)),
      ...exemptRoleProblems(exemptRoleNames),
      ...(plan.problems.length ? [] : scpDocumentProblems(policyName, renderScp(statements, exemptRoleNames))),
    ]);

    this.allowedRegions = plan.regions;
    this.hostedLevels = plan.levels;
    this.policy = new ServiceControlPolicy(this, 'Resource', {
      profile: this.profile,
      classification: this.classification,
      policyName,
      description: description.length <= 512 ? description : `${description.slice(0, 509)}...`,
      statements,
      targetIds: props.targetIds,
      exemptRoleNames,
    });
    this.policyId = this.policy.policyId;
    this.finish();
  }
}
