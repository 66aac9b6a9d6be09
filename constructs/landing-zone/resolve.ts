// Validates a declaration and places its workloads: the framework-neutral half of the facade,
// shared by the TypeScript API and declaration files (whose problems are then mapped to lines).
// Everything the builders would refuse is refused here first, with the declaration path;
// nothing is built until every problem is gone. This module only orchestrates: each concern's
// checks live in a module of their own (residency, organization, network, sites, allowlists,
// workloads, placement, flows) and run here in a fixed order, which is the order of the problems.
import { mostRestricted, resolveProfile, SovereignLzError, type JurisdictionProfile, type Tier } from '../core';
import { Checker } from './checker';
import type { LandingZoneDeclaration, WorkloadDeclaration } from './declaration';
import { text, type DeclarationProblem } from './declaration-error';
import { checkFlows } from './flows';
import { checkNetwork } from './network';
import { checkOrganization } from './organization';
import { checkPartitions } from './partitions';
import { placeWorkloads } from './placement';
import { checkGuardrailRegions, checkHomeRegion, checkRegions } from './residency';
import type { ResolvedFlow, ResolvedLandingZone } from './resolved';
import { checkSites } from './sites';
import { checkWorkloads } from './workloads';

export type { ResolvedFlow, ResolvedLandingZone, WorkloadPlacement, WorkloadTarget } from './resolved';

/**
 * The tiers a workload uses on a site (one namespace each): its services' tiers, `data` when
 * it stores anything, the tiers its flows name; `application` when nothing else. Sorted.
 */
export function workloadTiers(w: WorkloadDeclaration, flows: readonly ResolvedFlow[]): Tier[] {
  const tiers = new Set<Tier>((w.services ?? []).map((s) => s.tier));
  if ((w.stores ?? []).length) tiers.add('data');
  for (const flow of flows) {
    if (flow.from.workload === w.name) tiers.add(flow.from.tier);
    if (flow.to.workload === w.name) tiers.add(flow.to.tier);
  }
  if (!tiers.size) tiers.add('application');
  return [...tiers].sort();
}

/**
 * Checks `declaration` and places its workloads. Returns the problems (none means the zone
 * can be built) and, when there are none, the resolved zone. The checks run in this order,
 * which is the order of the problems: the zone name, the profile, the regions (in one
 * partition), the organization and accounts, the network, the sites, the workloads; then, with a profile,
 * the placements, the home region, the organization's guardrail regions and the flows.
 */
export function resolveLandingZone(declaration: LandingZoneDeclaration): {
  readonly problems: readonly DeclarationProblem[];
  readonly zone?: ResolvedLandingZone;
} {
  const c = new Checker();
  const d = declaration;
  c.label('/name', d.name, text('the zone name', 'le nom de la zone'));

  let profile: JurisdictionProfile | undefined;
  try {
    profile = resolveProfile(d.profile);
  } catch (error) {
    if (!(error instanceof SovereignLzError)) throw error;
    c.add('/profile', 'DECLARATION', text(error.message, error.message));
  }

  const regions = [...(d.regions ?? [])];
  checkRegions(c, regions);
  checkPartitions(c, regions);
  checkOrganization(c, d, regions);
  const vpcCidrs = checkNetwork(c, d, regions);

  const { sites, siteCeilings } = checkSites(c, profile, d);

  const workloads = d.workloads ?? [];
  checkWorkloads(c, profile, workloads, regions, d);

  if (!profile) return { problems: c.problems };

  const placements = placeWorkloads(c, profile, workloads, regions, sites, siteCeilings, d);

  // The shared stacks hold metadata of every cloud workload: the highest cloud level, at least `internal`.
  const cloud = placements.filter((p) => p.target.kind === 'cloud-region');
  const sharedLevel = mostRestricted([...cloud.map((p) => p.classification), 'internal'])!;
  checkHomeRegion(c, profile, regions, sharedLevel);
  const usedRegions = regions.filter(
    (r, i) => i === 0 || cloud.some((p) => p.target.kind === 'cloud-region' && p.target.region === r),
  );
  checkGuardrailRegions(c, profile, d, regions, usedRegions);

  const flows = checkFlows(c, d.flows ?? [], workloads, placements, profile, sites);
  if (c.problems.length) return { problems: c.problems };
  return {
    problems: [],
    zone: {
      declaration: d,
      profile,
      regions,
      usedRegions,
      sharedLevel,
      vpcCidrs,
      sites,
      siteCeilings,
      placements,
      flows,
    },
  };
}
