import {
  CLASSIFICATION_LEVELS,
  decidePlacement,
  TAG_KEYS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type Site,
  TOPOLOGY_KEYS,
} from '../../core';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type Problem } from '../rule';

/**
 * Placement of Kubernetes data on the profile's sites (RES-1 for pods, RES-2 for volumes): a
 * placement is in-country when every alternative of its required node (or volume) topology
 * is confined to `topology.kubernetes.io/region` or `zone` values of sites that may host the
 * level (CONTROLS.md, "Sites and regions").
 */

/** One requirement on a node label: `key operator values`. */
export interface TopologyRequirement {
  readonly key: unknown;
  readonly operator: unknown;
  readonly values: unknown;
}

/** `cannot-prove` because the level of a Kubernetes object is unknown. */
export function kubernetesLevelUnknown(resource: Resource, what: string): Problem {
  const reason =
    resource.classificationProblem ??
    `no ${TAG_KEYS.classification} label on the object or its namespace, and no --classification`;
  return cannotProve(`its classification is unknown (${reason}), so ${what} cannot be proven`, {
    remediation: `Label it (or its namespace) with ${TAG_KEYS.classification}: ${CLASSIFICATION_LEVELS.join(' | ')}`,
  });
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

/** What is placed, for messages: e.g. `the pods` that may `run`, `its volumes` that may `be provisioned`. */
export interface PlacedSubject {
  readonly what: string;
  readonly verb: string;
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
  remedy: (allowed: string) => string,
): Outcome {
  const policy = profile.levels[level];
  const source = policy.source;
  if (policy.hostCountries === '*') return 'pass';
  if (policy.hostCountries.length === 0) {
    return fail(`level '${level}' may not be hosted anywhere under profile '${profile.id}' (${policy.description})`, {
      source,
      remediation: 'Keep this data out of every cloud and site managed here',
    });
  }
  const allowed = profile.sites.filter(
    (site) => decidePlacement(profile, level, { kind: 'site', site }).status === 'allowed',
  );
  if (!allowed.length) {
    return cannotProve(
      `profile '${profile.id}' declares no site where level '${level}' may be hosted (${policy.description}), so where ${what} may ${verb} cannot be proven`,
      {
        source,
        remediation: `Declare the in-country sites (name, country, ${TOPOLOGY_KEYS.region}/${TOPOLOGY_KEYS.zone} values) in a profile file and check with --profile FILE.json`,
      },
    );
  }
  const allowedWords = allowedInWords(allowed);
  const remediation = remedy(allowedWords);
  if (!terms.length) {
    return fail(`${what} may ${verb} on any node: nothing requires ${allowedWords}`, { source, remediation });
  }
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
        return cannotProve(`the topology${where} required of ${what} is ${u.describe()}`, { source, remediation });
      }
      const inRequirements = topology.filter((r) => r.operator === 'In');
      for (const r of inRequirements) {
        for (const value of valuesOf(r)) {
          if (typeof value !== 'string' || isAllowedValue(r.key as string, value)) continue;
          const site = siteOfValue(profile.sites, r.key as string, value);
          if (site) {
            const decision = decidePlacement(profile, level, { kind: 'site', site });
            return fail(`${what}${where} may ${verb} on ${r.key} '${value}': ${decision.reason}`, {
              source: decision.source,
              remediation,
            });
          }
        }
      }
      for (const r of inRequirements) {
        const unknown = valuesOf(r).filter((v) => typeof v === 'string' && !isAllowedValue(r.key as string, v));
        if (unknown.length) {
          return cannotProve(
            `${what}${where} may ${verb} on ${r.key} ${unknown.map((v) => `'${String(v)}'`).join(', ')}, a value of no site the profile declares, so its country cannot be proven`,
            { source, remediation },
          );
        }
      }
      return fail(`${what}${where} may ${verb} on any node: nothing requires ${allowedWords}`, { source, remediation });
    }),
  );
}
