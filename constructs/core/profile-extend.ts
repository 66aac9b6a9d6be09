import type { ClassificationLevel } from './classification';
import type { ControlId } from './controls';
import { SovereignLzError } from './errors';
import type {
  Allowlists,
  Attestation,
  ControlSetting,
  JurisdictionProfile,
  LevelPolicy,
  Site,
  Transfer,
} from './profile';
import { locatedProblems, profileProblemsAt, weakeningProblemsAt, type ProfileProblem } from './profile-validate';
import { suggestion } from './suggest';

/**
 * What a derived profile changes. Figures, level policies and control settings replace the
 * base's field by field; `sites`, `transfers`, `accountIds` and every allowlist are added
 * to the base's; an attestation with the id of a base attestation completes it (typically
 * with its `reference`), a new id adds one.
 */
export interface ProfileExtension {
  /** The derived profile's id. @default - `<base id>` */
  readonly id?: string;
  /** @default - the base's name */
  readonly name?: string;
  /** @default - the base's territory */
  readonly territory?: readonly string[];
  readonly levels?: { readonly [L in ClassificationLevel]?: Partial<LevelPolicy> };
  readonly logRetentionMinDays?: number;
  readonly keyRotationMaxDays?: number;
  readonly keyDeletionWindowDays?: number;
  readonly figureSources?: Partial<JurisdictionProfile['figureSources']>;
  readonly sites?: readonly Site[];
  readonly allowlists?: Partial<Allowlists>;
  readonly accountIds?: readonly string[];
  readonly transfers?: readonly Transfer[];
  readonly attestations?: ReadonlyArray<Partial<Attestation> & { readonly id: string }>;
  readonly controls?: { readonly [C in ControlId]?: Partial<ControlSetting> };
}

function union<T>(a: readonly T[], b: readonly T[] | undefined): T[] {
  const out = [...a];
  for (const item of b ?? []) if (!out.includes(item)) out.push(item);
  return out;
}

function mergeRecord<K extends string, V>(
  base: Readonly<Record<K, V>>,
  ext: { readonly [key in K]?: Partial<V> } | undefined,
): Record<K, V> {
  const out = { ...base } as Record<K, V>;
  for (const [key, value] of Object.entries(ext ?? {}) as [K, Partial<V>][]) {
    out[key] = { ...base[key], ...value };
  }
  return out;
}

/**
 * A field of the derived profile as the extension's: the extension's sites and transfers follow
 * the base's in the derived lists; an attestation is not located.
 */
function extensionField(field: string, base: JurisdictionProfile): string {
  const m = /^\/(sites|transfers|attestations)\/(\d+)(.*)$/.exec(field);
  if (!m) return field;
  const i =
    Number(m[2]) - (m[1] === 'sites' ? base.sites.length : m[1] === 'transfers' ? base.transfers.length : Infinity);
  return i >= 0 ? `/${m[1]}/${i}${m[3]}` : '';
}

/**
 * A profile derived from `base`: declare your sites, narrow allowlists, record transfers and
 * attestations. Throws a {@link SovereignLzError} if the result is unsound or weakens the base
 * (the law does not change because a derived profile says so).
 *
 * @param where - what the message names: the caller, or the profile file
 * @param locate - for a profile file, the `FILE:LINE:COL` of a field of the extension (a JSON
 *   pointer): each problem is then named at its line
 *
 * @example
 * const ministry = extendProfile(morocco, {
 *   id: 'morocco-ministry',
 *   sites: [{ name: 'ma-rabat-1', country: 'MA', regionValues: ['ma-rabat'], zoneValues: [] }],
 *   levels: { internal: { cloudRegions: ['eu-west-3', 'eu-south-2'] } },
 * });
 */
export function extendProfile(
  base: JurisdictionProfile,
  extension: ProfileExtension,
  where = 'extendProfile',
  locate?: (pointer: string) => string,
): JurisdictionProfile {
  const at = (field: string) => (locate ? locate(field) : where);
  const sites = [...base.sites];
  (extension.sites ?? []).forEach((site, i) => {
    if (!sites.some((s) => s.name === site.name)) sites.push(site);
    else
      throw new SovereignLzError(
        'PROFILE_INVALID',
        `${at(`/sites/${i}/name`)}: site '${site.name}' is already declared by profile '${base.id}'`,
      );
  });
  const attestations: Attestation[] = base.attestations.map((a) => ({ ...a }));
  (extension.attestations ?? []).forEach((a, i) => {
    const j = attestations.findIndex((b) => b.id === a.id);
    if (j >= 0) attestations[j] = { ...attestations[j], ...a };
    else if (a.description && a.source)
      attestations.push({ id: a.id, description: a.description, source: a.source, reference: a.reference });
    else {
      const ids = base.attestations.map((b) => b.id);
      throw new SovereignLzError(
        'PROFILE_INVALID',
        `${at(`/attestations/${i}/id`)}: attestation '${a.id}' is not one of profile '${base.id}'${suggestion(a.id, ids)} (${ids.join(', ')}); a new one needs a description and a source`,
      );
    }
  });
  const allowlists = Object.fromEntries(
    (Object.keys(base.allowlists) as (keyof Allowlists)[]).map((k) => [
      k,
      union(base.allowlists[k], extension.allowlists?.[k]),
    ]),
  ) as unknown as Allowlists;

  const derived: JurisdictionProfile = {
    id: extension.id ?? base.id,
    name: extension.name ?? base.name,
    territory: extension.territory ?? base.territory,
    levels: mergeRecord(base.levels, extension.levels),
    logRetentionMinDays: extension.logRetentionMinDays ?? base.logRetentionMinDays,
    keyRotationMaxDays: extension.keyRotationMaxDays ?? base.keyRotationMaxDays,
    keyDeletionWindowDays: extension.keyDeletionWindowDays ?? base.keyDeletionWindowDays,
    figureSources: { ...base.figureSources, ...extension.figureSources },
    sites,
    allowlists,
    accountIds: union(base.accountIds, extension.accountIds),
    transfers: [...base.transfers, ...(extension.transfers ?? [])],
    attestations,
    controls: mergeRecord(base.controls, extension.controls),
  };
  const problems: ProfileProblem[] = [...profileProblemsAt(derived), ...weakeningProblemsAt(base, derived)];
  if (problems.length) {
    const head = `profile '${derived.id}' (extends '${base.id}') ${problems.length === 1 ? 'has a problem' : `has ${problems.length} problems`}`;
    if (!locate) {
      throw new SovereignLzError('PROFILE_INVALID', `${where}: ${head}: ${problems.map((p) => p.message).join('; ')}`);
    }
    // In a file, each problem at the line of the field that causes it.
    const lines = locatedProblems(problems, (field) => locate(extensionField(field, base)));
    throw new SovereignLzError(
      'PROFILE_INVALID',
      lines.length === 1 ? lines[0] : `${where}: ${head}:\n  ${lines.join('\n  ')}`,
    );
  }
  return derived;
}
