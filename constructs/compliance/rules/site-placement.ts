import {
  decidePlacement,
  decidePlacementText,
  type ClassificationLevel,
  type JurisdictionProfile,
  type LocalizedText,
  type Site,
  TOPOLOGY_KEYS,
} from '../../core';
import { isUnresolved } from '../normalize/intrinsics';
import { cannotProve, combine, fail, type Outcome } from '../judge/rule';
import { observed, type EvidenceValue } from '../judge/evidence';

/**
 * Placement of Kubernetes data on the profile's sites (RES-1 for pods, RES-2 for volumes): a
 * placement is in-country when every alternative of its required node (or volume) topology
 * is confined to `topology.kubernetes.io/region` or `zone` values of sites that may host the
 * level (CONTROLS.md, "Sites and regions"); and the evidence of the residency rules (RES-1 to
 * RES-4): the places observed and those the profile allows.
 */

/** One requirement on a node label: `key operator values`. */
export interface TopologyRequirement {
  readonly key: unknown;
  readonly operator: unknown;
  readonly values: unknown;
}

function siteOfValue(sites: readonly Site[], key: string, value: string): Site | undefined {
  return sites.find((s) => (key === TOPOLOGY_KEYS.region ? s.regionValues : s.zoneValues).includes(value));
}

function isTopologyKey(key: unknown): key is string {
  return key === TOPOLOGY_KEYS.region || key === TOPOLOGY_KEYS.zone;
}

function valuesOf(requirement: TopologyRequirement): unknown[] {
  return Array.isArray(requirement.values) ? requirement.values : [];
}

/** The allowed values, in words: `topology.kubernetes.io/region In ma-casablanca (site ma-casablanca-1)`. */
function allowedInWords(sites: readonly Site[]): string {
  const regions = [...new Set(sites.flatMap((s) => s.regionValues))];
  return `${TOPOLOGY_KEYS.region} In ${regions.join(', ')} (site${sites.length > 1 ? 's' : ''} ${sites.map((s) => s.name).join(', ')})`;
}

/**
 * What is placed, for messages: e.g. `the pods` that may `run`, `its volumes` that may `be
 * provisioned`; in French, `les pods` that `peuvent s'exécuter`, a whole predicate.
 */
export interface PlacedSubject {
  readonly what: LocalizedText;
  readonly verb: LocalizedText;
}

/**
 * Judges where data of `level` may end up, given the alternatives (`terms`, ORed) of its
 * required topology, each a list of requirements (ANDed). `remedy` says how to require the
 * placement, given the allowed values in words.
 */
export function judgeSitePlacement(
  profile: JurisdictionProfile,
  level: ClassificationLevel,
  terms: ReadonlyArray<readonly TopologyRequirement[]>,
  { what, verb }: PlacedSubject,
  remedy: (allowed: string) => LocalizedText,
): Outcome {
  const policy = profile.levels[level];
  const source = policy.source;
  if (policy.hostCountries === '*') return 'pass';
  if (policy.hostCountries.length === 0) {
    return fail(
      {
        en: `level '${level}' may not be hosted anywhere under profile '${profile.id}' (${policy.description})`,
        fr: `le niveau '${level}' ne peut être hébergé nulle part sous le profil '${profile.id}' (${policy.description})`,
      },
      {
        source,
        remediation: {
          en: 'Keep this data out of every cloud and site managed here',
          fr: 'Tenir ces données hors de tout cloud et de tout site gérés ici',
        },
      },
    );
  }
  const allowed = profile.sites.filter(
    (site) => decidePlacement(profile, level, { kind: 'site', site }).status === 'allowed',
  );
  if (!allowed.length) {
    const keys = `${TOPOLOGY_KEYS.region}/${TOPOLOGY_KEYS.zone}`;
    return cannotProve(
      {
        en: `profile '${profile.id}' declares no site where level '${level}' may be hosted (${policy.description}), so where ${what.en} may ${verb.en} cannot be proven`,
        fr: `le profil '${profile.id}' ne déclare aucun site où le niveau '${level}' peut être hébergé (${policy.description}) : impossible donc de prouver où ${what.fr} ${verb.fr}`,
      },
      {
        source,
        remediation: {
          en: `Declare the in-country sites (name, country, ${keys} values) in a profile file and check with --profile FILE.json`,
          fr: `Déclarer les sites situés dans le pays (nom, pays, valeurs ${keys}) dans un fichier de profil et vérifier avec --profile FICHIER.json`,
        },
      },
    );
  }
  const allowedWords = allowedInWords(allowed);
  const remediation = remedy(allowedWords);
  const anyNode = (where: string): LocalizedText => ({
    en: `${what.en}${where} may ${verb.en} on any node: nothing requires ${allowedWords}`,
    fr: `${what.fr}${where} ${verb.fr} sur n'importe quel nœud : rien n'exige ${allowedWords}`,
  });
  if (!terms.length) return fail(anyNode(''), { source, remediation });
  const isAllowedValue = (key: string, value: unknown): boolean =>
    typeof value === 'string' && siteOfValue(allowed, key, value) !== undefined;
  return combine(
    terms.map((term, i): Outcome => {
      const where = terms.length > 1 ? ` (alternative ${i + 1})` : '';
      const topology = term.filter((r) => isTopologyKey(r.key) || isUnresolved(r.key));
      const confines = (r: TopologyRequirement): boolean => {
        const values = valuesOf(r);
        return (
          isTopologyKey(r.key) &&
          r.operator === 'In' &&
          values.length > 0 &&
          values.every((v) => isAllowedValue(r.key as string, v))
        );
      };
      if (topology.some(confines)) return 'pass';
      const unresolved = topology.find(
        (r) => isUnresolved(r.key) || isUnresolved(r.values) || valuesOf(r).some(isUnresolved),
      );
      if (unresolved) {
        const u = [unresolved.key, unresolved.values, ...valuesOf(unresolved)].find(isUnresolved)!;
        return cannotProve(
          {
            en: `the topology${where} required of ${what.en} is ${u.describe('en')}`,
            fr: `impossible de déterminer la topologie${where} exigée pour ${what.fr} (${u.describe('fr')})`,
          },
          { source, remediation },
        );
      }
      const inRequirements = topology.filter((r) => r.operator === 'In');
      for (const r of inRequirements) {
        for (const value of valuesOf(r)) {
          if (typeof value !== 'string' || isAllowedValue(r.key as string, value)) continue;
          const site = siteOfValue(profile.sites, r.key as string, value);
          if (site) {
            const { decision, reason } = decidePlacementText(profile, level, { kind: 'site', site });
            return fail(
              {
                en: `${what.en}${where} may ${verb.en} on ${r.key} '${value}': ${reason.en}`,
                fr: `${what.fr}${where} ${verb.fr} sur ${r.key} '${value}' : ${reason.fr}`,
              },
              { source: decision.source, remediation },
            );
          }
        }
      }
      for (const r of inRequirements) {
        const unknown = valuesOf(r).filter((v) => typeof v === 'string' && !isAllowedValue(r.key as string, v));
        if (unknown.length) {
          const values = unknown.map((v) => `'${String(v)}'`).join(', ');
          return cannotProve(
            {
              en: `${what.en}${where} may ${verb.en} on ${r.key} ${values}, a value of no site the profile declares, so its country cannot be proven`,
              fr: `${what.fr}${where} ${verb.fr} sur ${r.key} ${values}, valeur d'aucun site déclaré par le profil : impossible donc de prouver son pays`,
            },
            { source, remediation },
          );
        }
      }
      return fail(anyNode(where), { source, remediation });
    }),
  );
}

/** The most members an evidence list keeps (a count field tells the rest). */
export const MAX_LISTED = 20;

/** A list as evidence: its first members, `none` when empty. */
export function listed(values: readonly string[]): string | string[] {
  return values.length ? values.slice(0, MAX_LISTED) : 'none';
}

/**
 * The places the profile allows for `level`, as evidence: its host countries (`*` for anywhere,
 * with their count when cut) and its cloud-region allowlist if it has one (`none` when empty).
 */
export function allowedPlaces(
  profile: JurisdictionProfile,
  level: ClassificationLevel | undefined,
): Record<string, EvidenceValue | undefined> {
  if (!level) return {};
  const { hostCountries, cloudRegions } = profile.levels[level];
  return {
    allowedCountries: hostCountries === '*' ? '*' : listed(hostCountries),
    allowedCountryCount: hostCountries !== '*' && hostCountries.length > MAX_LISTED ? hostCountries.length : undefined,
    allowedRegions: cloudRegions && listed(cloudRegions),
  };
}

/**
 * Where a required topology places data, as evidence: the `topology` required (`KEY In
 * values`), the declared `sites` its values name and their `countries` (`none` if they name
 * no declared site, `any` when nothing is required), and the `allowedSites` of the level.
 */
export function sitePlacementEvidence(
  profile: JurisdictionProfile,
  level: ClassificationLevel | undefined,
  terms: ReadonlyArray<readonly TopologyRequirement[]>,
): Record<string, EvidenceValue | undefined> {
  const required = terms.flat().filter((r) => isTopologyKey(r.key) && r.operator === 'In');
  const sites = [
    ...new Set(
      required.flatMap((r) =>
        valuesOf(r).flatMap((v) =>
          typeof v === 'string' ? (siteOfValue(profile.sites, r.key as string, v) ?? []) : [],
        ),
      ),
    ),
  ];
  const none = required.length ? 'none' : 'any';
  // The cloud-region allowlist says nothing of sites.
  const { allowedRegions: _cloud, ...allowed } = allowedPlaces(profile, level);
  return {
    topology: required.length
      ? listed(required.map((r) => `${String(r.key)} In ${String(observed(r.values) ?? '')}`))
      : undefined,
    sites: sites.length ? listed(sites.map((s) => s.name)) : none,
    countries: sites.length ? listed([...new Set(sites.map((s) => s.country))]) : none,
    allowedSites: level
      ? listed(
          profile.sites
            .filter((site) => decidePlacement(profile, level, { kind: 'site', site }).status === 'allowed')
            .map((s) => s.name),
        )
      : undefined,
    ...allowed,
  };
}
