import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ClassificationLevel, ValidationProblem } from '../core';
import {
  auditProtectionStatements,
  baselineStatements,
  planResidency,
  regionDenyStatement,
} from './guardrail-statements';
import { concreteAccount, organizationStackProblems, targetIdProblems } from './organization-ids';
import {
  DEFAULT_EXEMPT_ROLE_NAMES,
  exemptPrincipalArns,
  exemptRoleProblems,
  renderScp,
  scpDocumentProblems,
  scpNameProblems,
  ServiceControlPolicy,
} from './service-control-policy';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';

/** Props of {@link OrganizationGuardrails}. */
export interface OrganizationGuardrailsProps extends SovereignProps {
  /**
   * Where the three policies are attached: the landing zone's top-level OUs (`ou-…-…`), the
   * organization's root (`r-…`) or member accounts (12 digits). Policies are inherited
   * downwards. AWS Organizations attaches at most 5 service control policies to a target,
   * `FullAWSAccess` included: these three leave room for one more.
   */
  readonly targetIds: readonly string[];
  /**
   * The regions the residency policy leaves open (see `ResidencyGuardrailPolicyProps.allowedRegions`).
   * @default - derived from the profile: the union of the regions where the hosted levels may live
   */
  readonly allowedRegions?: readonly string[];
  /**
   * The classification levels whose data the organization hosts in AWS.
   * @default - every level some AWS region may host under the profile
   */
  readonly hostedLevels?: readonly ClassificationLevel[];
  /**
   * Actions exempted from the region deny beyond `GLOBAL_SERVICE_ACTIONS`, e.g. `acm:*`.
   * @default - none
   */
  readonly additionalGlobalActions?: readonly string[];
  /**
   * Log archive buckets protected by ARN (e.g. `s3.Bucket.fromBucketName(stack, 'Archive',
   * name)` for the log archive account's bucket). Buckets tagged `sovereign-lz.io/purpose:
   * logs` are protected through `aws:ResourceTag` in any case, but S3 evaluates that condition
   * only on buckets with ABAC enabled: name the buckets for a guarantee.
   * @default - only the tagged buckets (with ABAC enabled)
   */
  readonly logArchiveBuckets?: readonly s3.IBucket[];
  /**
   * Keys protected by ARN, beyond the keys tagged `sovereign-lz.io/jurisdiction: <profile id>`
   * (every `SovereignKey` is), which KMS matches through `aws:ResourceTag`.
   * @default - only the tagged keys
   */
  readonly protectedKeys?: readonly kms.IKey[];
  /**
   * The roles every policy exempts: the deployment role and the break-glass role, the only
   * principals of member accounts that may change what the guardrails protect. Name the
   * execution role of service-managed StackSets (`stacksets-exec-*`) too if the per-account
   * baseline must update trails, log buckets or keys.
   * @default DEFAULT_EXEMPT_ROLE_NAMES: `SovereignLzDeployment` and `SovereignLzBreakGlass`
   */
  readonly exemptRoleNames?: readonly string[];
  /**
   * The prefix of the policies' names: `<prefix>-residency`, `<prefix>-audit-protection`,
   * `<prefix>-baseline`.
   * @default 'sovereign-lz'
   */
  readonly policyNamePrefix?: string;
}

interface PolicyPlan {
  readonly id: 'Residency' | 'AuditProtection' | 'Baseline';
  readonly name: string;
  readonly description: string;
  readonly statements: iam.PolicyStatement[];
}

/**
 * The landing zone's service control policies, three so that a target keeps a slot free
 * under AWS Organizations' limit of 5 (`FullAWSAccess` included):
 *
 * - **residency** (RES-4): deny requests outside the allowed regions, global services
 *   exempted (see `ResidencyGuardrailPolicy`);
 * - **audit protection** (LOG-1, LOG-2): deny stopping, deleting or reconfiguring trails
 *   (`cloudtrail:StopLogging`, `DeleteTrail`, `UpdateTrail`, `PutEventSelectors`, on every
 *   trail: no tag condition is needed), and deleting log archive buckets, changing their
 *   Object Lock or lifecycle, or deleting or replacing their policy — on the buckets given by
 *   ARN, and on those tagged `sovereign-lz.io/purpose: logs` (`aws:ResourceTag`, which S3
 *   evaluates only on buckets with ABAC enabled);
 * - **baseline**: deny leaving the organization; deny disabling, unrotating or scheduling the
 *   deletion of the landing zone's keys — tagged `sovereign-lz.io/jurisdiction: <profile>`
 *   (`aws:ResourceTag`, which KMS supports), or given — and changing that tag on them
 *   (KEY-2, KEY-3); deny creating unencrypted EBS volumes (`ec2:CreateVolume`, and
 *   `ec2:RunInstances` on volumes, with `ec2:Encrypted` false), which is how EBS encryption
 *   is enforced since CloudFormation has no resource for EBS encryption by default (ENC-1).
 *
 * Every statement exempts the deployment and break-glass roles (`exemptRoleNames`) and the role
 * with which service-managed StackSets deploy (`stacksets-exec-*`) through an `ArnNotLike`
 * condition on `aws:PrincipalARN`: they are the only principals of member accounts that may
 * change the guardrails or what they protect, and nobody else may create or change a role of
 * those names. Never the CDK bootstrap roles: deploy the zone's stacks with the deployment role
 * (the landing zone's stack synthesizer does). Service control policies never restrict the
 * management account, which holds the organization trail: the audit protection restricts the
 * principals of member accounts only.
 *
 * Deploy them in the organization stack: the management account in its home region, a
 * concrete `env.region` allowed for `internal` data under the profile (e.g. `eu-west-3` under
 * `morocco`), so that RES-1 judges the stack like any other.
 *
 * @example
 * const org = new SovereignStack(app, 'Organization', {
 *   env: { account: '111111111111', region: 'eu-west-3' },
 *   profile: 'morocco',
 *   classification: 'internal',
 * });
 * const ous = new OrganizationalUnits(org, 'Units', { parentId: 'r-ab12' });
 * new OrganizationGuardrails(org, 'Guardrails', { targetIds: ous.guardrailTargetIds });
 */
export class OrganizationGuardrails extends SovereignConstruct {
  /** The regions the residency policy leaves open. */
  public readonly allowedRegions: readonly string[];
  /** The residency policy (RES-4). */
  public readonly residency: ServiceControlPolicy;
  /** The audit protection policy (trails and log archive buckets). */
  public readonly auditProtection: ServiceControlPolicy;
  /** The baseline policy (organization membership, keys, EBS encryption). */
  public readonly baseline: ServiceControlPolicy;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsProps) {
    super(scope, id, props);
    const residency = planResidency(this.profile, props, this.suppressionFor('RES-4') !== undefined);
    const exemptRoleNames = props.exemptRoleNames ?? DEFAULT_EXEMPT_ROLE_NAMES;
    const prefix = props.policyNamePrefix ?? 'sovereign-lz';
    const controls = this.profile.controls;
    const plans: PolicyPlan[] = [
      {
        id: 'Residency',
        name: `${prefix}-residency`,
        description: `RES-4 (${controls['RES-4'].source}): deny requests outside ${residency.regions.join(', ')}`,
        // Built only from valid props (iam.PolicyStatement throws on a malformed action).
        statements: residency.problems.length
          ? []
          : [regionDenyStatement(residency.regions, props.additionalGlobalActions)],
      },
      {
        id: 'AuditProtection',
        name: `${prefix}-audit-protection`,
        description: `LOG-1 (${controls['LOG-1'].source}): deny stopping or changing trails and log archive buckets`,
        statements: auditProtectionStatements({ logArchiveBuckets: props.logArchiveBuckets }),
      },
      {
        id: 'Baseline',
        name: `${prefix}-baseline`,
        description: `Deny leaving the organization, disabling the landing zone's keys (KEY-3), unencrypted EBS volumes (ENC-1) and changing the exempted roles`,
        statements: baselineStatements({
          jurisdiction: this.profile.id,
          protectedKeys: props.protectedKeys,
          exemptRoleArns: exemptPrincipalArns(exemptRoleNames),
        }),
      },
    ];
    const problems: ValidationProblem[] = [
      ...organizationStackProblems(this.profile, this.stack, this.classification === 'internal'),
      ...residency.problems,
      ...targetIdProblems(props.targetIds, concreteAccount(this.stack)),
      ...exemptRoleProblems(exemptRoleNames),
    ];
    for (const plan of plans) {
      problems.push(...scpNameProblems(plan.name, undefined));
      if (plan.id !== 'Residency' || residency.problems.length === 0) {
        problems.push(...scpDocumentProblems(plan.name, renderScp(plan.statements, exemptRoleNames)));
      }
    }
    this.validate(problems);

    this.allowedRegions = residency.regions;
    const [residencyPolicy, auditProtection, baseline] = plans.map(
      (plan) =>
        new ServiceControlPolicy(this, plan.id, {
          profile: this.profile,
          classification: this.classification,
          policyName: plan.name,
          description: plan.description.length <= 512 ? plan.description : `${plan.description.slice(0, 509)}...`,
          statements: plan.statements,
          targetIds: props.targetIds,
          exemptRoleNames,
        }),
    );
    this.residency = residencyPolicy;
    this.auditProtection = auditProtection;
    this.baseline = baseline;
    this.finish();
  }

  /** The ids (`p-…`) of the three policies, once deployed. */
  public get policyIds(): string[] {
    return [this.residency.policyId, this.auditProtection.policyId, this.baseline.policyId];
  }
}
