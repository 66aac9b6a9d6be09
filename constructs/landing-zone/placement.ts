// Placement (RES-1, DECLARATION): each workload with a valid level is placed: a pinned target
// is judged, an unpinned workload takes the first lawful place (cloud regions in declaration
// order, then sites; a place that needs no advisory first), where the zone can also build it
// (no customer-exclusive keys in AWS, no level above a site's ceiling). A workload nowhere
// lawful is refused with the places tried and why; the services of one placed in AWS are
// refused (sovereign-lz builds no compute there), and one placed on a site gets the site's checks.
import {
  classificationRank,
  decidePlacementText,
  findCloudRegion,
  isClassificationLevel,
  type ClassificationLevel,
  type JurisdictionProfile,
  type LocalizedDecision,
  type LocalizedText,
  type PlacementDecision,
  type Site,
} from '../core';
import type { Checker } from './checker';
import type { LandingZoneDeclaration, WorkloadDeclaration } from './declaration';
import { text } from './declaration-error';
import type { WorkloadPlacement, WorkloadTarget } from './resolved';
import { checkWorkloadOnSite } from './sites';

const rank = classificationRank;

/** The core's placement target of a zone's target (a site by its profile definition). */
export function placementTargetOf(target: WorkloadTarget, sites: ReadonlyMap<string, Site>) {
  return target.kind === 'site'
    ? ({ kind: 'site', site: sites.get(target.site)! } as const)
    : ({ kind: 'cloud-region', region: target.region } as const);
}

/** Pinned targets are judged; unpinned ones take the first lawful place. In declaration order. */
export function placeWorkloads(
  c: Checker,
  profile: JurisdictionProfile,
  workloads: readonly WorkloadDeclaration[],
  regions: readonly string[],
  sites: ReadonlyMap<string, Site>,
  siteCeilings: ReadonlyMap<string, ClassificationLevel>,
  d: LandingZoneDeclaration,
): WorkloadPlacement[] {
  const placements: WorkloadPlacement[] = [];
  workloads.forEach((w, i) => {
    if (!isClassificationLevel(w.classification)) return;
    const placement = place(c, profile, w, `/workloads/${i}`, regions, sites, siteCeilings, d);
    if (placement) placements.push(placement);
  });
  return placements;
}

/** Why a place the law allows cannot hold the level as the zone builds it, if so. */
function unbuildable(
  profile: JurisdictionProfile,
  level: ClassificationLevel,
  target: WorkloadTarget,
  siteCeilings: ReadonlyMap<string, ClassificationLevel>,
): LocalizedText | undefined {
  if (target.kind === 'cloud-region' && profile.levels[level].keyCustody === 'customer-exclusive') {
    return text(
      `level '${level}' needs keys known only to the customer (an external key store), which the landing-zone facade does not build in AWS`,
      `le niveau '${level}' requiert des clés connues du seul client (un magasin de clés externe), que la façade de zone d'atterrissage ne construit pas dans AWS`,
    );
  }
  if (target.kind === 'site') {
    const ceiling = siteCeilings.get(target.site)!;
    if (rank(level) > rank(ceiling)) {
      return text(
        `level '${level}' is above the classification ceiling '${ceiling}' of site '${target.site}'`,
        `le niveau '${level}' dépasse le plafond de classification '${ceiling}' du site '${target.site}'`,
      );
    }
  }
  return undefined;
}

function describe(target: WorkloadTarget): string {
  return target.kind === 'site' ? `site '${target.site}'` : `AWS region '${target.region}'`;
}

function place(
  c: Checker,
  profile: JurisdictionProfile,
  w: WorkloadDeclaration,
  at: string,
  regions: readonly string[],
  sites: ReadonlyMap<string, Site>,
  siteCeilings: ReadonlyMap<string, ClassificationLevel>,
  d: LandingZoneDeclaration,
): WorkloadPlacement | undefined {
  const level = w.classification;
  const account = w.account !== undefined ? d.accounts?.workloads?.[w.account] : undefined;
  const candidates: WorkloadTarget[] = [];
  if (w.region !== undefined) {
    if (!regions.includes(w.region) || !findCloudRegion(w.region)) return undefined;
    candidates.push({ kind: 'cloud-region', region: w.region, account });
  } else if (w.site !== undefined) {
    if (!sites.has(w.site)) return undefined;
    candidates.push({ kind: 'site', site: w.site });
  } else {
    // Cloud regions first (in declaration order), then sites; a place in a preferred country
    // wins over one that needs an advisory.
    for (const region of regions)
      if (findCloudRegion(region)) candidates.push({ kind: 'cloud-region', region, account });
    for (const site of sites.keys()) candidates.push({ kind: 'site', site });
  }
  const pinned = w.region !== undefined || w.site !== undefined;
  const judged = candidates.map((target) => {
    const placement = decidePlacementText(profile, level, placementTargetOf(target, sites));
    return {
      target,
      decision: placement.decision,
      placement,
      obstacle: unbuildable(profile, level, target, siteCeilings),
    };
  });
  const allowed = judged.filter((x) => x.decision.status === 'allowed' && !x.obstacle);
  const chosen = allowed.find((x) => !x.decision.advisories.length) ?? allowed[0];
  if (!chosen) {
    refusePlacement(c, profile, w, at, pinned, judged, sites.size > 0);
    return undefined;
  }
  if (chosen.target.kind === 'cloud-region' && (w.services ?? []).length) {
    c.add(
      `${at}/services`,
      'DECLARATION',
      text(
        `workload '${w.name}' is placed in AWS region '${chosen.target.region}', where sovereign-lz builds the landing (network, keys, stores, backups) but not the compute of services`,
        `la charge de travail '${w.name}' est placée dans la région AWS '${chosen.target.region}', où sovereign-lz construit l'accueil (réseau, clés, stockages, sauvegardes) mais pas le calcul des services`,
      ),
      {
        remedy: text(
          'Pin it to a site, or remove `services` and add compute to its stack (`built.awsZone.workloads.get(name)`)',
          'Épinglez-la à un site, ou retirez `services` et ajoutez le calcul à sa pile (`built.awsZone.workloads.get(nom)`)',
        ),
      },
    );
  }
  if (chosen.target.kind === 'site') checkWorkloadOnSite(c, w, at, chosen.target.site);
  return {
    workload: w.name,
    classification: level,
    target: chosen.target,
    pinned,
    reason: chosen.placement.reason,
    source: chosen.decision.source,
    advisories: chosen.placement.advisories,
  };
}

function refusePlacement(
  c: Checker,
  profile: JurisdictionProfile,
  w: WorkloadDeclaration,
  at: string,
  pinned: boolean,
  judged: readonly {
    target: WorkloadTarget;
    decision: PlacementDecision;
    placement: LocalizedDecision;
    obstacle?: LocalizedText;
  }[],
  hasSites: boolean,
): void {
  const policy = profile.levels[w.classification];
  const pointer = pinned ? `${at}/${w.region !== undefined ? 'region' : 'site'}` : `${at}/classification`;
  const [first] = judged;
  if (pinned && first) {
    const because = first.decision.status !== 'allowed' ? first.placement.reason : first.obstacle!;
    c.add(
      pointer,
      'RES-1',
      text(`workload '${w.name}': ${because.en}`, `charge de travail '${w.name}' : ${because.fr}`),
      {
        source: first.decision.source,
        remedy: first.decision.remedy ? text(first.decision.remedy, first.decision.remedy) : undefined,
      },
    );
    return;
  }
  const inCountryOnly =
    policy.hostCountries !== '*' &&
    policy.hostCountries.length > 0 &&
    policy.hostCountries.every((country) => profile.territory.includes(country));
  const nowhere = policy.hostCountries !== '*' && policy.hostCountries.length === 0;
  const tried = judged.map((x) => x.decision.target).join(', ');
  const obstacles = judged.filter((x) => x.decision.status === 'allowed' && x.obstacle);
  const why = obstacles.length
    ? text(
        `; ${obstacles.map((x) => `${describe(x.target)}: ${x.obstacle!.en}`).join('; ')}`,
        `; ${obstacles.map((x) => `${describe(x.target)} : ${x.obstacle!.fr}`).join(' ; ')}`,
      )
    : text('', '');
  c.add(
    pointer,
    'RES-1',
    nowhere
      ? text(
          `workload '${w.name}' is '${w.classification}', which may be hosted nowhere under profile '${profile.id}' (${policy.description})`,
          `la charge de travail '${w.name}' est '${w.classification}', niveau qui ne peut être hébergé nulle part selon le profil '${profile.id}' (${policy.description})`,
        )
      : text(
          `workload '${w.name}' is '${w.classification}' and no place of the zone may hold it (tried: ${tried || 'no region and no site'}${why.en})`,
          `la charge de travail '${w.name}' est '${w.classification}' et aucun lieu de la zone ne peut l'accueillir (essayés : ${tried || 'aucune région ni aucun site'}${why.fr})`,
        ),
    {
      source: policy.source,
      remedy: nowhere
        ? text('Keep this data out of the landing zone', "Gardez ces données hors de la zone d'atterrissage")
        : inCountryOnly && !hasSites
          ? text(
              `Declare an in-country site (${policy.hostCountries.join(', ')}) in \`sites\``,
              `Déclarez un site sur le territoire national (${policy.hostCountries.join(', ')}) dans \`sites\``,
            )
          : text(
              'Add a region or site the profile allows for this level, or record the transfer in the profile',
              'Ajoutez une région ou un site que le profil autorise pour ce niveau, ou consignez le transfert dans le profil',
            ),
    },
  );
}
