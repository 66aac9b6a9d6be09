// The shapes of a checked and placed declaration (targets, placements, flows, the zone), in a
// module of their own so that the concern modules that build them and resolve.ts, which
// returns them, share one definition without importing each other. Re-exported by resolve.ts.
import type { ClassificationLevel, JurisdictionProfile, LocalizedText, Site, Tier } from '../core';
import type { LandingZoneDeclaration } from './declaration';

/** Where a workload lives. */
export type WorkloadTarget =
  | { readonly kind: 'cloud-region'; readonly region: string; readonly account?: string }
  | { readonly kind: 'site'; readonly site: string };

/** A workload's place, and why. */
export interface WorkloadPlacement {
  readonly workload: string;
  readonly classification: ClassificationLevel;
  readonly target: WorkloadTarget;
  /** True if the declaration pinned it; false if it was placed by classification. */
  readonly pinned: boolean;
  /** Why it may live there, in one sentence (the placement decision's reason). */
  readonly reason: LocalizedText;
  /** The legal source of the level's placement rule. */
  readonly source: string;
  /** Things to note (a transfer relied upon, a non-preferred country). */
  readonly advisories: readonly LocalizedText[];
}

/** A flow with both ends resolved. */
export interface ResolvedFlow {
  readonly from: { readonly workload: string; readonly tier: Tier };
  readonly to: { readonly workload: string; readonly tier: Tier };
  readonly port: number;
  readonly carries: ClassificationLevel;
}

/** A declaration checked and placed. */
export interface ResolvedLandingZone {
  readonly declaration: LandingZoneDeclaration;
  readonly profile: JurisdictionProfile;
  /** The AWS regions declared, home region first. */
  readonly regions: readonly string[];
  /** The regions that get stacks: the home region and every region with a workload, in declaration order. */
  readonly usedRegions: readonly string[];
  /**
   * The level of the zone's shared AWS stacks (log archive, organization), which hold
   * metadata of every cloud workload: the highest cloud level, at least `internal`.
   */
  readonly sharedLevel: ClassificationLevel;
  /** The VPC CIDR of each region. */
  readonly vpcCidrs: Readonly<Record<string, string>>;
  /** The profile's site of each declared site, by name. */
  readonly sites: ReadonlyMap<string, Site>;
  /** The classification ceiling of each declared site's cluster, by name. */
  readonly siteCeilings: ReadonlyMap<string, ClassificationLevel>;
  /** One placement per workload, in declaration order. */
  readonly placements: readonly WorkloadPlacement[];
  readonly flows: readonly ResolvedFlow[];
}
