import { App, BootstraplessSynthesizer, Stage, type Environment } from 'aws-cdk-lib';
import {
  AccountBaseline,
  AuditTrail,
  BaselineStackSet,
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
import { decidePlacement, mostRestricted, findCloudRegion, type ClassificationLevel } from '../core';
import type { ResolvedLandingZone } from './resolve';
import { pascal } from './names';

/**
 * Builds the AWS side of a resolved landing zone into an aws-cdk-lib `App`. Stacks are
 * partitioned by account, region and workload — never by resource count, which would move
 * resources between stacks (and make CloudFormation replace them) as the zone grows:
 *
 * - `Organization` (management account, home region): units, SCPs, the baseline StackSet;
 * - `LogArchive` (log archive account, home region): the archive and the organization trail;
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

  const logArchive = new SovereignStack(app, 'LogArchive', {
    env: env(accounts.logArchive, home),
    profile,
    classification: sharedLevel,
    description: `${d.name}: log archive and ${d.organization ? 'organization ' : ''}audit trail`,
  });
  const archive = new LogArchiveBucket(logArchive, 'Archive');
  // The organization trail is created from the log archive account, registered as CloudTrail's
  // delegated administrator, so that the trail and its bucket share one stack and account.
  new AuditTrail(
    logArchive,
    'Trail',
    d.organization
      ? {
          bucket: archive,
          isOrganizationTrail: true,
          organizationId: d.organization.id,
          trailName: `${d.name}-organization`,
        }
      : { bucket: archive },
  );

  let organization: SovereignStack | undefined;
  if (d.organization) {
    organization = new SovereignStack(app, 'Organization', {
      env: env(accounts.management, home),
      profile,
      classification: sharedLevel,
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
      // `internal`, deployed to the regions in use that may hold it.
      const template = new SovereignStack(stage, 'AccountBaseline', {
        env: { region: home },
        profile,
        classification: BASELINE_LEVEL,
        synthesizer: new BootstraplessSynthesizer(),
        description: `${d.name}: the baseline of every account (deployed by the StackSet ${d.name}-baseline)`,
      });
      new AccountBaseline(template, 'Baseline', { auditAccountId: accounts.audit });
      new BaselineStackSet(organization, 'Baseline', {
        classification: BASELINE_LEVEL,
        template,
        stackSetName: `${d.name}-baseline`,
        organizationalUnitIds: units.guardrailTargetIds,
        regions: usedRegions.filter(
          (r) => decidePlacement(profile, BASELINE_LEVEL, { kind: 'cloud-region', region: r }).status === 'allowed',
        ),
      });
    }
  }

  for (const region of usedRegions) {
    const placedHere = cloud.filter((p) => p.target.kind === 'cloud-region' && p.target.region === region);
    const stack = new SovereignStack(app, `Network${pascal(region)}`, {
      env: env(accounts.network, region),
      profile,
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
  return { app, organization, logArchive, networks, workloads };
}
