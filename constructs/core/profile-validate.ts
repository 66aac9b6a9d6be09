import { CLASSIFICATION_LEVELS, type ClassificationLevel } from './classification';
import { CONTROL_IDS } from './controls';
import type { JurisdictionProfile, KeyCustody } from './profile';
import { CLOUD_REGIONS, findCloudRegion } from './regions';
import { suggestion } from './suggest';

/** Retention values CloudWatch Logs accepts for `RetentionInDays`. */
export const LOG_RETENTION_DAYS_ACCEPTED: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** The smallest retention CloudWatch Logs accepts that is at least `days`. */
export function logRetentionAtLeast(days: number): number | undefined {
  return LOG_RETENTION_DAYS_ACCEPTED.find((d) => d >= days);
}

const CUSTODY_RANK: Record<KeyCustody, number> = { provider: 0, customer: 1, 'customer-exclusive': 2 };

/** A problem of a profile, with the field it is about. */
export interface ProfileProblem {
  /** The field, as a JSON pointer into the profile (`/levels/internal/cloudRegions/1`), so that a file's line can be named. */
  readonly field: string;
  readonly message: string;
}

/**
 * `LOCATION: message` for each problem, where `locate` puts its field (`FILE:LINE:COL` in a
 * profile file), in the order of the file so that a person can read it top to bottom.
 */
export function locatedProblems(problems: readonly ProfileProblem[], locate: (field: string) => string): string[] {
  const position = (where: string) => (/:(\d+):(\d+)$/.exec(where) ?? [0, 0, 0]).slice(1).map(Number);
  return problems
    .map((p) => {
      const where = locate(p.field);
      return { where, message: p.message, at: position(where) };
    })
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1])
    .map((p) => `${p.where}: ${p.message}`);
}

/**
 * Semantic problems of a complete profile that a schema cannot express: figures the
 * services refuse, unknown regions, duplicate sites, missing controls. Empty when sound.
 */
export function profileProblems(profile: JurisdictionProfile): string[] {
  return profileProblemsAt(profile).map((p) => p.message);
}

/** {@link profileProblems}, each with the field it is about. */
export function profileProblemsAt(profile: JurisdictionProfile): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!LOG_RETENTION_DAYS_ACCEPTED.includes(profile.logRetentionMinDays)) {
    const next = logRetentionAtLeast(profile.logRetentionMinDays);
    add(
      '/logRetentionMinDays',
      `logRetentionMinDays ${profile.logRetentionMinDays} is not a value CloudWatch Logs accepts${next ? ` (use ${next})` : ''}`,
    );
  }
  if (
    !Number.isInteger(profile.keyRotationMaxDays) ||
    profile.keyRotationMaxDays < 90 ||
    profile.keyRotationMaxDays > 2560
  ) {
    add(
      '/keyRotationMaxDays',
      `keyRotationMaxDays ${profile.keyRotationMaxDays} must be an integer from 90 to 2560 (what KMS accepts)`,
    );
  }
  if (
    !Number.isInteger(profile.keyDeletionWindowDays) ||
    profile.keyDeletionWindowDays < 7 ||
    profile.keyDeletionWindowDays > 30
  ) {
    add(
      '/keyDeletionWindowDays',
      `keyDeletionWindowDays ${profile.keyDeletionWindowDays} must be an integer from 7 to 30 (what KMS accepts)`,
    );
  }
  for (const level of CLASSIFICATION_LEVELS) {
    const policy = profile.levels[level];
    if (!policy) {
      add('/levels', `levels.${level} is missing`);
      continue;
    }
    (policy.cloudRegions ?? []).forEach((region, i) => {
      if (findCloudRegion(region)) return;
      add(
        `/levels/${level}/cloudRegions/${i}`,
        `levels.${level}.cloudRegions: unknown cloud region '${region}'${suggestion(
          region,
          CLOUD_REGIONS.map((r) => r.region),
        )}`,
      );
    });
  }
  const names = new Set<string>();
  profile.sites.forEach((site, i) => {
    if (names.has(site.name)) add(`/sites/${i}/name`, `sites: duplicate site name '${site.name}'`);
    names.add(site.name);
    if (site.regionValues.length === 0 && site.zoneValues.length === 0) {
      add(
        `/sites/${i}`,
        `sites.${site.name}: give at least one regionValues or zoneValues entry (the node labels of the site)`,
      );
    }
  });
  profile.transfers.forEach((transfer, i) => {
    const bases = profile.levels[transfer.level]?.transferBases ?? [];
    if (!bases.includes(transfer.basis)) {
      add(
        `/transfers/${i}/basis`,
        `transfers: '${transfer.reference}' uses basis '${transfer.basis}', which level '${transfer.level}' does not accept (accepted: ${bases.join(', ') || 'none'})`,
      );
    }
  });
  for (const id of CONTROL_IDS) {
    if (!profile.controls[id]) add('/controls', `controls.${id} is missing`);
  }
  const attestationIds = new Set<string>();
  profile.attestations.forEach((a, i) => {
    if (attestationIds.has(a.id)) add(`/attestations/${i}/id`, `attestations: duplicate id '${a.id}'`);
    attestationIds.add(a.id);
  });
  return problems;
}

function countriesWiden(base: readonly string[] | '*', next: readonly string[] | '*'): string[] {
  if (base === '*') return [];
  if (next === '*') return ['*'];
  return next.filter((c) => !base.includes(c));
}

/**
 * Ways in which `derived` weakens `base`: a shorter retention, a longer rotation, a shorter
 * deletion window, a wider territory, wider host countries, cloud regions beyond the base's
 * allowlist (or its allowlist removed), more transfer bases, weaker key custody, a lifted
 * absolute rule, a control turned off or lowered. An extension of a built-in profile may
 * tighten it, never weaken it: the law does not change because a profile file says so.
 */
export function weakeningProblems(base: JurisdictionProfile, derived: JurisdictionProfile): string[] {
  return weakeningProblemsAt(base, derived).map((p) => p.message);
}

/** {@link weakeningProblems}, each with the field of `derived` that weakens `base` (its first entry beyond the base's). */
export function weakeningProblemsAt(base: JurisdictionProfile, derived: JurisdictionProfile): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  /** The pointer of the first of `added` in `list` (the whole field if `list` is not a list). */
  const first = (field: string, list: readonly string[] | '*', added: readonly string[]) =>
    list === '*' ? field : `${field}/${list.indexOf(added[0])}`;
  const src = base.figureSources;
  if (derived.logRetentionMinDays < base.logRetentionMinDays) {
    add(
      '/logRetentionMinDays',
      `logRetentionMinDays ${derived.logRetentionMinDays} is below ${base.logRetentionMinDays} of profile '${base.id}' (${src.logRetention})`,
    );
  }
  if (derived.keyRotationMaxDays > base.keyRotationMaxDays) {
    add(
      '/keyRotationMaxDays',
      `keyRotationMaxDays ${derived.keyRotationMaxDays} is above ${base.keyRotationMaxDays} of profile '${base.id}' (${src.keyRotation})`,
    );
  }
  if (derived.keyDeletionWindowDays < base.keyDeletionWindowDays) {
    add(
      '/keyDeletionWindowDays',
      `keyDeletionWindowDays ${derived.keyDeletionWindowDays} is below ${base.keyDeletionWindowDays} of profile '${base.id}' (${src.keyDeletion})`,
    );
  }
  // The national territory decides what is in-country (sites, the plan's residency boundary).
  const territory = derived.territory.filter((c) => !base.territory.includes(c));
  if (territory.length) {
    add(
      first('/territory', derived.territory, territory),
      `territory adds ${territory.join(', ')} to the territory of profile '${base.id}' (${base.territory.join(', ')})`,
    );
  }
  for (const level of CLASSIFICATION_LEVELS as readonly ClassificationLevel[]) {
    const b = base.levels[level];
    const d = derived.levels[level];
    const at = `/levels/${level}`;
    const wider = countriesWiden(b.hostCountries, d.hostCountries);
    if (wider.length) {
      add(
        first(`${at}/hostCountries`, d.hostCountries, wider),
        `levels.${level}.hostCountries adds ${wider.join(', ')} to profile '${base.id}' (${b.source})`,
      );
    }
    // Where the base has an allowlist of cloud regions, a derived profile may narrow it only.
    if (b.cloudRegions !== undefined) {
      const allowed = b.cloudRegions.length ? `only ${b.cloudRegions.join(', ')}` : 'no cloud region';
      if (d.cloudRegions === undefined) {
        add(
          `${at}/cloudRegions`,
          `levels.${level}.cloudRegions may not be removed: profile '${base.id}' allows ${allowed} for '${level}' (${b.source})`,
        );
      } else {
        const regions = d.cloudRegions.filter((r) => !b.cloudRegions!.includes(r));
        if (regions.length) {
          add(
            first(`${at}/cloudRegions`, d.cloudRegions, regions),
            `levels.${level}.cloudRegions adds ${regions.join(', ')} to profile '${base.id}', which allows ${allowed} for '${level}' (${b.source})`,
          );
        }
      }
    }
    const bases = (d.transferBases ?? []).filter((t) => !(b.transferBases ?? []).includes(t));
    if (bases.length) {
      add(
        first(`${at}/transferBases`, d.transferBases ?? [], bases),
        `levels.${level}.transferBases adds ${bases.join(', ')} to profile '${base.id}' (${b.source})`,
      );
    }
    if (CUSTODY_RANK[d.keyCustody] < CUSTODY_RANK[b.keyCustody]) {
      add(
        `${at}/keyCustody`,
        `levels.${level}.keyCustody '${d.keyCustody}' is weaker than '${b.keyCustody}' (${b.source})`,
      );
    }
    if (b.absoluteResidency && !d.absoluteResidency) {
      add(`${at}/absoluteResidency`, `levels.${level}.absoluteResidency may not be lifted (${b.source})`);
    }
  }
  const rank = { off: 0, info: 1, warning: 2, error: 3 } as const;
  for (const id of CONTROL_IDS) {
    if (rank[derived.controls[id].severity] < rank[base.controls[id].severity]) {
      add(
        `/controls/${id}/severity`,
        `controls.${id}.severity '${derived.controls[id].severity}' is below '${base.controls[id].severity}' of profile '${base.id}' (${base.controls[id].source})`,
      );
    }
  }
  return problems;
}
