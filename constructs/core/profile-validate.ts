import { CLASSIFICATION_LEVELS, type ClassificationLevel } from './classification';
import { CONTROL_IDS } from './controls';
import type { JurisdictionProfile, KeyCustody } from './profile';
import { findCloudRegion } from './regions';

/** Retention values CloudWatch Logs accepts for `RetentionInDays`. */
export const LOG_RETENTION_DAYS_ACCEPTED: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** The smallest retention CloudWatch Logs accepts that is at least `days`. */
export function logRetentionAtLeast(days: number): number | undefined {
  return LOG_RETENTION_DAYS_ACCEPTED.find((d) => d >= days);
}

const CUSTODY_RANK: Record<KeyCustody, number> = { provider: 0, customer: 1, 'customer-exclusive': 2 };

/**
 * Semantic problems of a complete profile that a schema cannot express: figures the
 * services refuse, unknown regions, duplicate sites, missing controls. Empty when sound.
 */
export function profileProblems(profile: JurisdictionProfile): string[] {
  const problems: string[] = [];
  if (!LOG_RETENTION_DAYS_ACCEPTED.includes(profile.logRetentionMinDays)) {
    const next = logRetentionAtLeast(profile.logRetentionMinDays);
    problems.push(
      `logRetentionMinDays ${profile.logRetentionMinDays} is not a value CloudWatch Logs accepts${next ? ` (use ${next})` : ''}`,
    );
  }
  if (
    !Number.isInteger(profile.keyRotationMaxDays) ||
    profile.keyRotationMaxDays < 90 ||
    profile.keyRotationMaxDays > 2560
  ) {
    problems.push(
      `keyRotationMaxDays ${profile.keyRotationMaxDays} must be an integer from 90 to 2560 (what KMS accepts)`,
    );
  }
  if (
    !Number.isInteger(profile.keyDeletionWindowDays) ||
    profile.keyDeletionWindowDays < 7 ||
    profile.keyDeletionWindowDays > 30
  ) {
    problems.push(
      `keyDeletionWindowDays ${profile.keyDeletionWindowDays} must be an integer from 7 to 30 (what KMS accepts)`,
    );
  }
  for (const level of CLASSIFICATION_LEVELS) {
    const policy = profile.levels[level];
    if (!policy) {
      problems.push(`levels.${level} is missing`);
      continue;
    }
    for (const region of policy.cloudRegions ?? []) {
      if (!findCloudRegion(region)) problems.push(`levels.${level}.cloudRegions: unknown cloud region '${region}'`);
    }
  }
  const names = new Set<string>();
  for (const site of profile.sites) {
    if (names.has(site.name)) problems.push(`sites: duplicate site name '${site.name}'`);
    names.add(site.name);
    if (site.regionValues.length === 0 && site.zoneValues.length === 0) {
      problems.push(
        `sites.${site.name}: give at least one regionValues or zoneValues entry (the node labels of the site)`,
      );
    }
  }
  for (const transfer of profile.transfers) {
    const bases = profile.levels[transfer.level]?.transferBases ?? [];
    if (!bases.includes(transfer.basis)) {
      problems.push(
        `transfers: '${transfer.reference}' uses basis '${transfer.basis}', which level '${transfer.level}' does not accept (accepted: ${bases.join(', ') || 'none'})`,
      );
    }
  }
  for (const id of CONTROL_IDS) {
    if (!profile.controls[id]) problems.push(`controls.${id} is missing`);
  }
  const attestationIds = new Set<string>();
  for (const a of profile.attestations) {
    if (attestationIds.has(a.id)) problems.push(`attestations: duplicate id '${a.id}'`);
    attestationIds.add(a.id);
  }
  return problems;
}

function countriesWiden(base: readonly string[] | '*', next: readonly string[] | '*'): string[] {
  if (base === '*') return [];
  if (next === '*') return ['*'];
  return next.filter((c) => !base.includes(c));
}

/**
 * Ways in which `derived` weakens `base`: a shorter retention, a longer rotation, a shorter
 * deletion window, wider host countries, weaker key custody, a lifted absolute rule, a
 * control turned off or lowered. An extension of a built-in profile may tighten it, never
 * weaken it: the law does not change because a profile file says so.
 */
export function weakeningProblems(base: JurisdictionProfile, derived: JurisdictionProfile): string[] {
  const problems: string[] = [];
  const src = base.figureSources;
  if (derived.logRetentionMinDays < base.logRetentionMinDays) {
    problems.push(
      `logRetentionMinDays ${derived.logRetentionMinDays} is below ${base.logRetentionMinDays} of profile '${base.id}' (${src.logRetention})`,
    );
  }
  if (derived.keyRotationMaxDays > base.keyRotationMaxDays) {
    problems.push(
      `keyRotationMaxDays ${derived.keyRotationMaxDays} is above ${base.keyRotationMaxDays} of profile '${base.id}' (${src.keyRotation})`,
    );
  }
  if (derived.keyDeletionWindowDays < base.keyDeletionWindowDays) {
    problems.push(
      `keyDeletionWindowDays ${derived.keyDeletionWindowDays} is below ${base.keyDeletionWindowDays} of profile '${base.id}' (${src.keyDeletion})`,
    );
  }
  for (const level of CLASSIFICATION_LEVELS as readonly ClassificationLevel[]) {
    const b = base.levels[level];
    const d = derived.levels[level];
    const wider = countriesWiden(b.hostCountries, d.hostCountries);
    if (wider.length) {
      problems.push(`levels.${level}.hostCountries adds ${wider.join(', ')} to profile '${base.id}' (${b.source})`);
    }
    const bases = (d.transferBases ?? []).filter((t) => !(b.transferBases ?? []).includes(t));
    if (bases.length) {
      problems.push(`levels.${level}.transferBases adds ${bases.join(', ')} to profile '${base.id}' (${b.source})`);
    }
    if (CUSTODY_RANK[d.keyCustody] < CUSTODY_RANK[b.keyCustody]) {
      problems.push(`levels.${level}.keyCustody '${d.keyCustody}' is weaker than '${b.keyCustody}' (${b.source})`);
    }
    if (b.absoluteResidency && !d.absoluteResidency) {
      problems.push(`levels.${level}.absoluteResidency may not be lifted (${b.source})`);
    }
  }
  const rank = { off: 0, info: 1, warning: 2, error: 3 } as const;
  for (const id of CONTROL_IDS) {
    if (rank[derived.controls[id].severity] < rank[base.controls[id].severity]) {
      problems.push(
        `controls.${id}.severity '${derived.controls[id].severity}' is below '${base.controls[id].severity}' of profile '${base.id}' (${base.controls[id].source})`,
      );
    }
  }
  return problems;
}
