import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CLASSIFICATION_LEVELS,
  CLOUD_REGIONS,
  decidePlacement,
  decidePlacementText,
  isClassificationLevel,
  PURPOSES,
  TAG_KEYS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type ValidationProblem,
} from '../core';

/**
 * The statements of the landing zone's service control policies, and the residency
 * allowlist they enforce (RES-4). Pure functions: the constructs that attach them are
 * `ResidencyGuardrailPolicy` and `OrganizationGuardrails`.
 */

/**
 * Actions the region deny exempts (its `NotAction`): global services whose endpoints live
 * in one region (mostly `us-east-1`), which a region deny would otherwise break. The list is
 * AWS Organizations' documented example "Deny access to AWS based on the requested AWS
 * Region", without `kms:*` and `acm:*`: both have regional endpoints, and exempting them
 * would let keys and certificates be created in any region. Add `acm:*` (and `kms:*`) with
 * `additionalGlobalActions` only if CloudFront needs certificates in `us-east-1`.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'a4b:*',
  'aws-marketplace-management:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'chime:*',
  'cloudfront:*',
  'config:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'fms:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'importexport:*',
  'mobileanalytics:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53-recovery-cluster:*',
  'route53-recovery-control-config:*',
  'route53-recovery-readiness:*',
  'route53:*',
  'route53domains:*',
  's3:GetAccountPublic*',
  's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints',
  's3:PutAccountPublic*',
  'shield:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf-regional:*',
  'waf:*',
  'wafv2:*',
  'wellarchitected:*',
];

/** Trail actions the audit protection denies (LOG-1): stopping, deleting or reconfiguring a trail. */
export const TRAIL_PROTECTED_ACTIONS: readonly string[] = [
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
];

/**
 * Bucket actions the audit protection denies on log archive buckets (LOG-1, LOG-2): deleting
 * the bucket, changing its Object Lock or lifecycle, deleting or replacing its policy.
 */
export const LOG_BUCKET_PROTECTED_ACTIONS: readonly string[] = [
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPolicy',
  's3:PutLifecycleConfiguration',
];

/** Key actions the baseline denies on the landing zone's keys (KEY-2, KEY-3). */
export const KEY_PROTECTED_ACTIONS: readonly string[] = [
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:ScheduleKeyDeletion',
];

const REGION_CODE = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;

const allowed = (profile: JurisdictionProfile, level: ClassificationLevel, region: string) =>
  decidePlacement(profile, level, { kind: 'cloud-region', region });

/**
 * The AWS regions where data of `level` may live under `profile`, or `undefined` if it may
 * live anywhere (no allowlist, no host-country restriction): the level's `cloudRegions`, or
 * the known regions in its host countries, kept only where placement is allowed (a recorded
 * transfer counts).
 */
export function levelRegions(profile: JurisdictionProfile, level: ClassificationLevel): string[] | undefined {
  const policy = profile.levels[level];
  const candidates =
    policy.cloudRegions ??
    (policy.hostCountries === '*'
      ? undefined
      : CLOUD_REGIONS.filter((r) => (policy.hostCountries as readonly string[]).includes(r.country)).map(
          (r) => r.region,
        ));
  if (candidates === undefined) return undefined;
  return candidates.filter((r) => allowed(profile, level, r).status === 'allowed');
}

/** The levels some AWS region may host under `profile` (a level that may live anywhere counts). */
export function levelsHostedInAws(profile: JurisdictionProfile): ClassificationLevel[] {
  return CLASSIFICATION_LEVELS.filter((level) => (levelRegions(profile, level) ?? ['*']).length > 0);
}

/**
 * The residency allowlist of an organization hosting `levels`: the union of the regions each
 * level may live in, kept only where `internal` data may live too (the yardstick of RES-4).
 * A level that may live anywhere does not widen it. Sorted; empty if no level has a region.
 */
export function residencyAllowlist(profile: JurisdictionProfile, levels: readonly ClassificationLevel[]): string[] {
  const regions = new Set<string>();
  for (const level of levels) {
    for (const region of levelRegions(profile, level) ?? []) {
      if (allowed(profile, 'internal', region).status === 'allowed') regions.add(region);
    }
  }
  return [...regions].sort();
}

/** What {@link planResidency} is given: the residency props of the constructs. */
export interface ResidencyOptions {
  /** Regions given explicitly, if any. */
  readonly allowedRegions?: readonly string[];
  /** Levels the organization hosts in AWS, if given. */
  readonly hostedLevels?: readonly ClassificationLevel[];
  /** Actions exempted beyond {@link GLOBAL_SERVICE_ACTIONS}. */
  readonly additionalGlobalActions?: readonly string[];
}

/** The residency allowlist, the hosted levels, and every problem of the residency props. */
export interface ResidencyPlan {
  readonly regions: readonly string[];
  readonly levels: readonly ClassificationLevel[];
  readonly problems: readonly ValidationProblem[];
}

/**
 * Decides the residency allowlist (RES-4) and checks the props: hosted levels that no AWS
 * region may host (RES-1), an empty allowlist, malformed or duplicate regions, and explicit
 * regions where neither `internal` data nor any hosted level may live (RES-4; lifted by a
 * RES-4 suppression when `waived`), malformed extra actions.
 */
export function planResidency(profile: JurisdictionProfile, options: ResidencyOptions, waived: boolean): ResidencyPlan {
  const problems: ValidationProblem[] = [];
  const source = profile.controls['RES-4'].source;
  const given = options.hostedLevels;
  const levels = given ? given.filter(isClassificationLevel) : levelsHostedInAws(profile);
  (given ?? []).forEach((level, i) => {
    if (!isClassificationLevel(level)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `hostedLevels[${i}] '${String(level)}' is not a classification level`,
          fr: `hostedLevels[${i}] '${String(level)}' n'est pas un niveau de classification`,
        },
      });
    } else if ((levelRegions(profile, level) ?? ['*']).length === 0) {
      const policy = profile.levels[level];
      problems.push({
        rule: 'RES-1',
        message: {
          en: `hostedLevels[${i}]: level '${level}' may not be hosted in any AWS region under profile '${profile.id}' (${policy.description})`,
          fr: `hostedLevels[${i}] : le niveau '${level}' ne peut être hébergé dans aucune région AWS selon le profil '${profile.id}' (${policy.description})`,
        },
        source: policy.source,
        remedy: {
          en: 'Host it on an in-country site, not in the AWS organization',
          fr: "Hébergez-le sur un site situé dans le pays, et non dans l'organisation AWS",
        },
      });
    }
  });

  const explicit = options.allowedRegions;
  const regions = explicit ? [...explicit] : residencyAllowlist(profile, levels);
  if (regions.length === 0) {
    problems.push({
      rule: 'RES-4',
      message: explicit
        ? {
            en: 'allowedRegions is empty: the residency guardrail would deny every region',
            fr: 'allowedRegions est vide : le garde-fou de résidence refuserait toutes les régions',
          }
        : {
            en: `the residency allowlist is empty: no hosted level (${levels.join(', ') || 'none'}) may live in a known AWS region under profile '${profile.id}'`,
            fr: `la liste autorisée de résidence est vide : aucun niveau hébergé (${levels.join(', ') || 'aucun'}) ne peut résider dans une région AWS connue selon le profil '${profile.id}'`,
          },
      source,
      remedy: {
        en: "Pass allowedRegions, or host levels the profile allows in AWS regions (e.g. 'internal')",
        fr: "Passez allowedRegions, ou hébergez des niveaux que le profil autorise dans les régions AWS (par exemple 'internal')",
      },
    });
  }
  const seen = new Set<string>();
  regions.forEach((region, i) => {
    if (typeof region !== 'string' || Token.isUnresolved(region) || !REGION_CODE.test(region)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `allowedRegions[${i}] '${String(region)}' is not an AWS region code`,
          fr: `allowedRegions[${i}] '${String(region)}' n'est pas un code de région AWS`,
        },
      });
      return;
    }
    if (seen.has(region)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `allowedRegions[${i}] '${region}' is listed twice`,
          fr: `allowedRegions[${i}] '${region}' figure deux fois`,
        },
      });
    }
    seen.add(region);
    if (!explicit || waived) return;
    const internal = decidePlacementText(profile, 'internal', { kind: 'cloud-region', region });
    if (internal.decision.status !== 'allowed') {
      problems.push({
        rule: 'RES-4',
        message: {
          en: `allowedRegions[${i}]: the guardrail may not leave '${region}' open: ${internal.reason.en}`,
          fr: `allowedRegions[${i}] : le garde-fou ne peut pas laisser '${region}' ouverte : ${internal.reason.fr}`,
        },
        source,
        remedy: internal.remedy,
      });
    } else if (!levels.some((level) => allowed(profile, level, region).status === 'allowed')) {
      problems.push({
        rule: 'RES-4',
        message: {
          en: `allowedRegions[${i}]: no hosted level (${levels.join(', ')}) may live in '${region}' under profile '${profile.id}'`,
          fr: `allowedRegions[${i}] : aucun niveau hébergé (${levels.join(', ')}) ne peut résider dans '${region}' selon le profil '${profile.id}'`,
        },
        source,
        remedy: {
          en: 'Remove the region, or declare in hostedLevels the level that lives there',
          fr: 'Retirez la région, ou déclarez dans hostedLevels le niveau qui y réside',
        },
      });
    }
  });
  (options.additionalGlobalActions ?? []).forEach((action, i) => {
    if (typeof action !== 'string' || !ACTION.test(action)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `additionalGlobalActions[${i}] '${String(action)}' is not an IAM action such as 'acm:*'`,
          fr: `additionalGlobalActions[${i}] '${String(action)}' n'est pas une action IAM telle que 'acm:*'`,
        },
      });
    }
  });
  return { regions, levels, problems };
}

/**
 * RES-4: deny every action requested outside `regions`, except the actions of global
 * services (`NotAction`), which are requested in `us-east-1` whatever the workload's region.
 */
export function regionDenyStatement(
  regions: readonly string[],
  additionalGlobalActions: readonly string[] = [],
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyOutsideAllowedRegions',
    effect: iam.Effect.DENY,
    notActions: [...new Set([...GLOBAL_SERVICE_ACTIONS, ...additionalGlobalActions])],
    resources: ['*'],
    conditions: { StringNotEquals: { 'aws:RequestedRegion': [...regions] } },
  });
}

/** What the audit protection protects beyond every trail. */
export interface AuditProtectionOptions {
  /** Log archive buckets protected by ARN. */
  readonly logArchiveBuckets?: readonly s3.IBucket[];
}

/**
 * LOG-1/LOG-2: deny stopping, deleting or reconfiguring any trail of the member accounts, and
 * tampering with log archive buckets — the buckets tagged `sovereign-lz.io/purpose: logs`
 * (through `aws:ResourceTag`, which S3 evaluates only on buckets with ABAC enabled) and, for
 * a guarantee that does not depend on ABAC, the buckets given.
 */
export function auditProtectionStatements(options: AuditProtectionOptions = {}): iam.PolicyStatement[] {
  const statements = [
    new iam.PolicyStatement({
      sid: 'DenyTrailTampering',
      effect: iam.Effect.DENY,
      actions: [...TRAIL_PROTECTED_ACTIONS],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'DenyTaggedLogBucketTampering',
      effect: iam.Effect.DENY,
      actions: [...LOG_BUCKET_PROTECTED_ACTIONS],
      resources: ['*'],
      conditions: { StringEquals: { [`aws:ResourceTag/${TAG_KEYS.purpose}`]: PURPOSES.logs } },
    }),
  ];
  const buckets = options.logArchiveBuckets ?? [];
  if (buckets.length) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'DenyLogArchiveTampering',
        effect: iam.Effect.DENY,
        actions: [...LOG_BUCKET_PROTECTED_ACTIONS],
        resources: buckets.map((b) => b.bucketArn),
      }),
    );
  }
  return statements;
}

/** What the baseline protects. */
export interface BaselineOptions {
  /** The profile id: keys tagged `sovereign-lz.io/jurisdiction` with it are protected. */
  readonly jurisdiction: string;
  /** Keys protected by ARN, in addition to the tagged ones. */
  readonly protectedKeys?: readonly kms.IKey[];
  /**
   * The roles the guardrails exempt (their ARN patterns, see `exemptPrincipalArns`): nobody
   * else may create, change or delete a role of those names, or anyone who may create roles
   * could make one that passes every guardrail.
   * @default - none protected
   */
  readonly exemptRoleArns?: readonly string[];
}

/** What changes a role: creating, deleting, its trust, its permissions, its tags. */
export const ROLE_PROTECTED_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
] as const;

/**
 * The organization's baseline: deny leaving the organization (every guardrail would stop
 * applying); deny disabling, unrotating or scheduling the deletion of the landing zone's keys
 * (tagged `sovereign-lz.io/jurisdiction: <profile>`, or given) and removing or changing that
 * tag on them (KEY-2, KEY-3); deny creating unencrypted EBS volumes, alone or at instance
 * launch (`ec2:Encrypted` false) — how EBS encryption is enforced, since CloudFormation has
 * no resource for EBS encryption by default (ENC-1); deny creating or changing a role of the
 * names the guardrails exempt, but for those roles themselves.
 */
export function baselineStatements(options: BaselineOptions): iam.PolicyStatement[] {
  const tag = `aws:ResourceTag/${TAG_KEYS.jurisdiction}`;
  const statements = [
    new iam.PolicyStatement({
      sid: 'DenyLeaveOrganization',
      effect: iam.Effect.DENY,
      actions: ['organizations:LeaveOrganization'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'DenyLandingZoneKeyDisabling',
      effect: iam.Effect.DENY,
      actions: [...KEY_PROTECTED_ACTIONS],
      resources: ['*'],
      conditions: { StringEquals: { [tag]: options.jurisdiction } },
    }),
    new iam.PolicyStatement({
      sid: 'DenyLandingZoneKeyRetagging',
      effect: iam.Effect.DENY,
      actions: ['kms:TagResource', 'kms:UntagResource'],
      resources: ['*'],
      conditions: {
        StringEquals: { [tag]: options.jurisdiction },
        'ForAnyValue:StringEquals': { 'aws:TagKeys': [TAG_KEYS.jurisdiction] },
      },
    }),
  ];
  const keys = options.protectedKeys ?? [];
  if (keys.length) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'DenyProtectedKeyDisabling',
        effect: iam.Effect.DENY,
        actions: [...KEY_PROTECTED_ACTIONS],
        resources: keys.map((k) => k.keyArn),
      }),
    );
  }
  if (options.exemptRoleArns?.length) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'DenyExemptRoleTampering',
        effect: iam.Effect.DENY,
        actions: [...ROLE_PROTECTED_ACTIONS],
        resources: [...options.exemptRoleArns],
      }),
    );
  }
  statements.push(
    new iam.PolicyStatement({
      sid: 'DenyUnencryptedVolumes',
      effect: iam.Effect.DENY,
      actions: ['ec2:CreateVolume'],
      resources: ['*'],
      conditions: { Bool: { 'ec2:Encrypted': 'false' } },
    }),
    new iam.PolicyStatement({
      sid: 'DenyUnencryptedLaunchVolumes',
      effect: iam.Effect.DENY,
      actions: ['ec2:RunInstances'],
      resources: ['arn:*:ec2:*:*:volume/*'],
      conditions: { Bool: { 'ec2:Encrypted': 'false' } },
    }),
  );
  return statements;
}
