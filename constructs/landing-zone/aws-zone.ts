import { App, Aws, BootstraplessSynthesizer, Stage, type Environment } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  AccountAuditRole,
  AccountBaseline,
  AuditTrail,
  BaselineStackSet,
  deploymentRoleSynthesizer,
  EncryptedBucket,
  EncryptedLogGroup,
  LogArchiveBucket,
  OrganizationalUnits,
  OrganizationGuardrails,
  SegmentedVpc,
  SovereignBackup,
  SovereignKey,
  SovereignStack,
} from '../aws';
import { DEFAULT_EXEMPT_ROLE_NAMES } from '../aws/service-control-policy';
import { decidePlacement, mostRestricted, findCloudRegion, type ClassificationLevel } from '../core';
import type { ResolvedLandingZone } from './resolve';
import { pascal } from './names';

/**
 * Builds the AWS side of a resolved landing zone into an aws-cdk-lib `App`. Stacks are
 * partitioned by account, region and workload — never by resource count, which would move
 * resources between stacks (and make CloudFormation replace them) as the zone grows:
 *
 * - `Organization` (management account, home region): units, SCPs, the baseline StackSets;
 * - `LogArchive` (log archive account, home region): the archive (and, without an
 *   organization, the account's trail);
 * - `OrganizationTrail` (management account, home region): the organization trail, which
 *   CloudTrail creates only from the management account, delivering to the archive;
 * - `Network<Region>` (network account, each region with workloads): a segmented VPC;
 * - one stack per cloud workload, named after it, in its account and region;
 * - the baseline template, in the `StackSetTemplates` stage: deployed by the StackSet, never
 *   by `cdk deploy`.
 */

/** What the AWS side of a zone built. */
export interface AwsZone {
  readonly app: App;
  /** The organization stack, if the zone declares an organization. */
  readonly organization?: SovereignStack;
  readonly logArchive?: SovereignStack;
  /** The organization trail's stack (management account), if the zone declares an organization. */
  readonly organizationTrail?: SovereignStack;
  /** The network stack of each region with workloads. */
  readonly networks: ReadonlyMap<string, SovereignStack>;
  /** The stack of each workload placed in a cloud region. */
  readonly workloads: ReadonlyMap<string, SovereignStack>;
}

/** The level of the per-account baseline: account metadata (its key, log group, audit role). */
const BASELINE_LEVEL: ClassificationLevel = 'internal';

/** The stage holding StackSet templates: synthesized as a nested assembly, deployed by StackSets only. */
export const STACK_SET_TEMPLATES_STAGE = 'StackSetTemplates';

/** Builds the AWS stacks of `zone` into `app`. */
export function buildAwsZone(zone: ResolvedLandingZone, app: App): AwsZone {
  const { declaration: d, profile } = zone;
  const accounts = d.accounts ?? {};
  const cloud = zone.placements.filter((p) => p.target.kind === 'cloud-region');
  const networks = new Map<string, SovereignStack>();
  const workloads = new Map<string, SovereignStack>();
  if (!zone.regions.length) return { app, networks, workloads };

  const home = zone.regions[0];
  const env = (account: string | undefined, region: string): Environment =>
    account ? { account, region } : { region };
  // The shared stacks hold metadata about every cloud workload: `resolveLandingZone` checked
  // that the home region may hold their level.
  const { sharedLevel, usedRegions } = zone;

  // With an organization, every stack deploys with the landing zone's deployment role (the
  // first role the guardrails exempt) as both the CDK CLI's deploy role and CloudFormation's
  // execution role: the CDK bootstrap roles are never exempted, so they would be locked out.
  const deploymentRole = d.organization ? (d.organization.exemptRoleNames ?? DEFAULT_EXEMPT_ROLE_NAMES)[0] : undefined;
  const synthesizer = () => (deploymentRole ? deploymentRoleSynthesizer(deploymentRole) : undefined);

  const logArchive = new SovereignStack(app, 'LogArchive', {
    env: env(accounts.logArchive, home),
    profile,
    classification: sharedLevel,
    synthesizer: synthesizer(),
    description: `${d.name}: log archive${d.organization ? '' : ' and audit trail'}`,
  });
  let organizationTrail: SovereignStack | undefined;
  if (d.organization && accounts.management && accounts.logArchive) {
    // CloudTrail creates an organization trail only in the management account (or a registered
    // delegated administrator, whose trail the management account still owns): the trail lives
    // there, its ARN carries the management account's id, and the archive of the log archive
    // account grants exactly that ARN. The archive is named, and its key has an alias, so that
    // the trail's template can name them across accounts.
    const trailName = `${d.name}-organization`;
    const bucketName = archiveBucketName(d.name, accounts.logArchive, home);
    const keyAlias = 'sovereign-lz/log-archive';
    new LogArchiveBucket(logArchive, 'Archive', {
      bucketName,
      keyAlias,
      trails: [{ account: accounts.management, region: home, trailName, organizationId: d.organization.id }],
    });
    organizationTrail = new SovereignStack(app, 'OrganizationTrail', {
      env: env(accounts.management, home),
      profile,
      classification: sharedLevel,
      synthesizer: synthesizer(),
      description: `${d.name}: the organization trail, delivering to the log archive of account ${accounts.logArchive}`,
    });
    new AuditTrail(organizationTrail, 'Trail', {
      bucket: s3.Bucket.fromBucketAttributes(organizationTrail, 'Archive', {
        bucketName,
        account: accounts.logArchive,
        region: home,
      }),
      encryptionKey: kms.Key.fromKeyArn(
        organizationTrail,
        'ArchiveKey',
        `arn:${Aws.PARTITION}:kms:${home}:${accounts.logArchive}:alias/${keyAlias}`,
      ),
      isOrganizationTrail: true,
      organizationId: d.organization.id,
      trailName,
    });
    // The archive's policies must exist before CloudTrail checks them at the trail's creation.
    organizationTrail.addStackDependency(logArchive);
  } else {
    new AuditTrail(logArchive, 'Trail', { bucket: new LogArchiveBucket(logArchive, 'Archive') });
  }

  let organization: SovereignStack | undefined;
  if (d.organization) {
    organization = new SovereignStack(app, 'Organization', {
      env: env(accounts.management, home),
      profile,
      classification: sharedLevel,
      synthesizer: synthesizer(),
      description: `${d.name}: organizational units, service control policies and the account baseline`,
    });
    const workloadLevels = [...new Set(cloud.map((p) => p.classification))];
    const units = new OrganizationalUnits(organization, 'Units', {
      parentId: d.organization.rootId,
      workloadLevels: workloadLevels.length ? workloadLevels : ['internal'],
    });
    // The residency SCP leaves open the regions the zone uses, each of which holds a
    // workload's level or (the home region) the shared level.
    new OrganizationGuardrails(organization, 'Guardrails', {
      targetIds: units.guardrailTargetIds,
      allowedRegions: usedRegions,
      hostedLevels: [...new Set([...workloadLevels, sharedLevel])],
      exemptRoleNames: d.organization.exemptRoleNames,
      policyNamePrefix: d.name,
    });
    if (d.organization.baseline ?? true) {
      const stage = new Stage(app, STACK_SET_TEMPLATES_STAGE);
      // The baseline holds account-level metadata (its own key, log group and audit role):
      // `internal`. Its regional part goes to every region in use that may hold it; the audit
      // role, global to an account and named, to the home region only (two StackSets).
      const templateStack = (id: string, stackSet: string, what: string) =>
        new SovereignStack(stage, id, {
          env: { region: home },
          profile,
          classification: BASELINE_LEVEL,
          synthesizer: new BootstraplessSynthesizer(),
          description: `${d.name}: ${what} of every account (deployed by the StackSet ${stackSet})`,
        });
      const regional = templateStack('AccountBaseline', `${d.name}-baseline`, 'the regional baseline');
      new AccountBaseline(regional, 'Baseline');
      new BaselineStackSet(organization, 'Baseline', {
        classification: BASELINE_LEVEL,
        template: regional,
        stackSetName: `${d.name}-baseline`,
        organizationalUnitIds: units.guardrailTargetIds,
        regions: usedRegions.filter(
          (r) => decidePlacement(profile, BASELINE_LEVEL, { kind: 'cloud-region', region: r }).status === 'allowed',
        ),
      });
      if (accounts.audit) {
        const global = templateStack('AccountAccess', `${d.name}-baseline-global`, 'the audit access');
        new AccountAuditRole(global, 'Audit', { auditAccountId: accounts.audit });
        new BaselineStackSet(organization, 'BaselineGlobal', {
          classification: BASELINE_LEVEL,
          template: global,
          stackSetName: `${d.name}-baseline-global`,
          organizationalUnitIds: units.guardrailTargetIds,
          regions: [home],
        });
      }
    }
  }

  for (const region of usedRegions) {
    const placedHere = cloud.filter((p) => p.target.kind === 'cloud-region' && p.target.region === region);
    const stack = new SovereignStack(app, `Network${pascal(region)}`, {
      env: env(accounts.network, region),
      profile,
      synthesizer: synthesizer(),
      // Its flow logs describe the traffic of the workloads placed here; the home region's
      // network also serves the shared stacks.
      classification: mostRestricted([
        ...placedHere.map((p) => p.classification),
        region === home ? sharedLevel : 'public',
      ])!,
      description: `${d.name}: segmented network of ${region} (${findCloudRegion(region)?.location ?? region})`,
    });
    if (accounts.network) {
      // What aws-cdk-lib would otherwise ask AWS for (and fail without credentials).
      stack.node.setContext(
        `availability-zones:account=${accounts.network}:region=${region}`,
        d.network?.availabilityZones?.[region] ?? ['a', 'b', 'c'].map((letter) => `${region}${letter}`),
      );
    }
    const others = Object.entries(zone.vpcCidrs)
      .filter(([r]) => r !== region)
      .map(([, cidr]) => cidr);
    new SegmentedVpc(stack, 'Vpc', {
      cidr: zone.vpcCidrs[region],
      reservedCidrs: [...others, ...(d.network?.reservedCidrs ?? [])],
    });
    networks.set(region, stack);
  }

  for (const placement of cloud) {
    if (placement.target.kind !== 'cloud-region') continue;
    const w = d.workloads.find((x) => x.name === placement.workload)!;
    const stack = new SovereignStack(app, pascal(w.name), {
      env: env(placement.target.account, placement.target.region),
      profile,
      synthesizer: synthesizer(),
      classification: w.classification,
      description: `${d.name}: workload ${w.name}${w.description ? ` — ${w.description}` : ''}`,
    });
    // The workload's own key, for its compute and whatever the team adds to the stack (which is
    // therefore never empty: CloudFormation refuses a template without resources).
    new SovereignKey(stack, 'Key', {
      alias: `sovereign-lz/${w.name}`,
      description: `sovereign-lz key of workload ${w.name}`,
    });
    for (const store of w.stores ?? []) {
      if (store.kind === 'objects') new EncryptedBucket(stack, pascal(store.name));
      else new EncryptedLogGroup(stack, pascal(store.name), { retentionDays: store.retentionDays });
    }
    // Object stores are backed up in their own region (a plan protects only its region).
    if ((w.stores ?? []).some((s) => s.kind === 'objects')) new SovereignBackup(stack, 'Backup');
    workloads.set(w.name, stack);
  }
  return { app, organization, logArchive, organizationTrail, networks, workloads };
}

/**
 * The log archive's bucket name: S3 names are global to a partition, so it carries the account
 * and region; the zone's name (cut to fit S3's 63 characters) says whose it is.
 */
export function archiveBucketName(zone: string, account: string, region: string): string {
  const suffix = `-log-archive-${account}-${region}`;
  const prefix = zone
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 63 - suffix.length)
    .replace(/^-+|-+$/g, '');
  return `${prefix || 'sovereign-lz'}${suffix}`;
}
