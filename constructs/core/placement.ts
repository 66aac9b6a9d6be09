import type { ClassificationLevel } from './classification';
import type { JurisdictionProfile, Site, Transfer } from './profile';
import { findCloudRegion } from './regions';

/** Where something is to be hosted. */
export type PlacementTarget =
  /** A hyperscaler region, e.g. AWS `eu-west-3`. */
  | { readonly kind: 'cloud-region'; readonly region: string }
  /** A declared in-country site (a Kubernetes cluster's location). */
  | { readonly kind: 'site'; readonly site: Site };

/** The answer to "may level L live at target T under profile P", and why. */
export interface PlacementDecision {
  /** `allowed`, `denied`, or `cannot-prove` when the target's country is unknown. */
  readonly status: 'allowed' | 'denied' | 'cannot-prove';
  readonly level: ClassificationLevel;
  /** The target in words, e.g. `AWS region 'eu-west-3' (FR)`. */
  readonly target: string;
  /** Why, in one sentence. */
  readonly reason: string;
  /** The legal source of the level's placement rule. */
  readonly source: string;
  /** True if a denial is an absolute rule that no suppression lifts. */
  readonly absolute: boolean;
  /** What to do instead, when denied. */
  readonly remedy?: string;
  /** Things to note even when allowed (a transfer relied upon, a non-preferred country). */
  readonly advisories: readonly string[];
  /** The recorded transfer the decision relies on, if any. */
  readonly transfer?: Transfer;
}

/** True if the decision allows the placement. */
export function isAllowed(decision: PlacementDecision): boolean {
  return decision.status === 'allowed';
}

function describeTarget(target: PlacementTarget, country: string | undefined): string {
  if (target.kind === 'site') return `site '${target.site.name}' (${target.site.country})`;
  return `AWS region '${target.region}'${country ? ` (${country})` : ''}`;
}

/**
 * Decides whether data of `level` may be hosted at `target` under `profile`.
 *
 * Rules, in order: a level with no host country may live nowhere; a cloud region must be
 * on the level's allowlist (when it has one) and its country must be known; the country
 * must be a host country of the level, or be covered by a recorded transfer whose basis
 * the level accepts.
 */
export function decidePlacement(
  profile: JurisdictionProfile,
  level: ClassificationLevel,
  target: PlacementTarget,
): PlacementDecision {
  const policy = profile.levels[level];
  const country = target.kind === 'site' ? target.site.country : findCloudRegion(target.region)?.country;
  const where = describeTarget(target, country);
  const base = { level, target: where, source: policy.source, absolute: policy.absoluteResidency };
  const deny = (reason: string, remedy: string): PlacementDecision => ({
    ...base,
    status: 'denied',
    reason,
    remedy,
    advisories: [],
  });

  if (policy.hostCountries !== '*' && policy.hostCountries.length === 0) {
    return deny(
      `level '${level}' may not be hosted anywhere under profile '${profile.id}' (${policy.description})`,
      'Keep this data out of every cloud and site managed here',
    );
  }

  if (
    target.kind === 'cloud-region' &&
    policy.cloudRegions !== undefined &&
    !policy.cloudRegions.includes(target.region)
  ) {
    const allowed = policy.cloudRegions.length ? policy.cloudRegions.join(', ') : 'none';
    const inCountry = policy.hostCountries !== '*' && policy.hostCountries.every((c) => profile.territory.includes(c));
    return deny(
      `level '${level}' may not be hosted in ${where} under profile '${profile.id}' (${policy.description}; allowed cloud regions: ${allowed})`,
      inCountry && policy.cloudRegions.length === 0
        ? 'Place it on an in-country site (a Kubernetes cluster on national territory)'
        : `Use an allowed region, or add '${target.region}' to the profile's cloudRegions for '${level}'`,
    );
  }

  if (country === undefined) {
    if (policy.hostCountries === '*') {
      return { ...base, status: 'allowed', reason: `level '${level}' may be hosted anywhere`, advisories: [] };
    }
    return {
      ...base,
      status: 'cannot-prove',
      reason: `the country of ${where} is unknown, so the residency of level '${level}' cannot be proven`,
      remedy: 'Use a region listed in the core region table, or a declared site',
      advisories: [],
    };
  }

  const advisories: string[] = [];
  if (policy.preferredCountries && !policy.preferredCountries.includes(country)) {
    advisories.push(`${where} is outside the preferred countries for level '${level}'`);
  }
  if (policy.hostCountries === '*' || policy.hostCountries.includes(country)) {
    return { ...base, status: 'allowed', reason: `level '${level}' may be hosted in ${where}`, advisories };
  }

  const transfer = profile.transfers.find(
    (t) => t.level === level && t.countries.includes(country) && (policy.transferBases ?? []).includes(t.basis),
  );
  if (transfer) {
    return {
      ...base,
      status: 'allowed',
      reason: `level '${level}' may be hosted in ${where} under recorded ${transfer.basis} '${transfer.reference}'`,
      advisories: [...advisories, `relies on ${transfer.basis} '${transfer.reference}'`],
      transfer,
    };
  }

  const bases = policy.transferBases?.length
    ? `, or record a transfer (${policy.transferBases.join(', ')}) covering ${country} in the profile`
    : '';
  const remedy =
    target.kind === 'cloud-region' && policy.hostCountries.every((c) => profile.territory.includes(c))
      ? `Place it on an in-country site${bases}`
      : `Host it in ${policy.hostCountries.join(', ')}${bases}`;
  return deny(
    `level '${level}' may not be hosted in ${where} under profile '${profile.id}' (${policy.description})`,
    remedy,
  );
}
