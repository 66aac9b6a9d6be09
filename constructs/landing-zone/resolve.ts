import {
  checkIpv4Cidr,
  CLASSIFICATION_LEVELS,
  classificationRank,
  decidePlacement,
  decidePlacementText,
  findCidrOverlaps,
  findCloudRegion,
  isClassificationLevel,
  LOG_RETENTION_DAYS_ACCEPTED,
  mostRestricted,
  resolveProfile,
  SovereignLzError,
  TIERS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type LocalizedDecision,
  type LocalizedText,
  type PlacementDecision,
  type Site,
  type Tier,
  type ValidationProblem,
} from '../core';
// The image and workload policies are framework-neutral: imported by file, so that no Kubernetes peer loads.
import { imageProblems } from '../kubernetes/image-policy';
import {
  dataPathProblems,
  DEFAULT_DATA_PATH,
  maxNodesProblems,
  storageSizeProblems,
} from '../kubernetes/workload-policy';
import type {
  FlowDeclaration,
  LandingZoneDeclaration,
  ServiceDeclaration,
  SiteDeclaration,
  WorkloadDeclaration,
} from './declaration';
import { text, type DeclarationProblem } from './declaration-error';
import { pascal, RESERVED_STACK_IDS, RESERVED_STORE_IDS } from './names';

/**
 * Validates a declaration and places its workloads: the framework-neutral half of the
 * facade, shared by the TypeScript API and declaration files (whose problems are then mapped
 * to lines). Everything the builders would refuse is refused here first, with the
 * declaration path; nothing is built until every problem is gone.
 */

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

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

const rank = classificationRank;

/** Splits `workload/tier`; the tier defaults to `application`. */
function parseEndpoint(value: string): { workload: string; tier: string } {
  const [workload, tier = 'application', ...rest] = value.split('/');
  return { workload, tier: rest.length ? `${tier}/${rest.join('/')}` : tier };
}

function placementTargetOf(target: WorkloadTarget, sites: ReadonlyMap<string, Site>) {
  return target.kind === 'site'
    ? ({ kind: 'site', site: sites.get(target.site)! } as const)
    : ({ kind: 'cloud-region', region: target.region } as const);
}

function port(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}

class Checker {
  readonly problems: DeclarationProblem[] = [];

  add(pointer: string, rule: string, message: LocalizedText, extra: Partial<DeclarationProblem> = {}) {
    this.problems.push({ pointer, rule, message, ...extra });
  }

  label(pointer: string, value: unknown, what: LocalizedText): boolean {
    if (typeof value === 'string' && DNS_LABEL.test(value)) return true;
    this.add(
      pointer,
      'DECLARATION',
      text(
        `${what.en} ${JSON.stringify(value)} is not a DNS label (lowercase letters, digits and '-', at most 40 characters)`,
        `${what.fr} ${JSON.stringify(value)} n'est pas un label DNS (lettres minuscules, chiffres et '-', 40 caractères au plus)`,
      ),
    );
    return false;
  }

  unique(pointerOf: (i: number) => string, names: readonly unknown[], what: LocalizedText) {
    const seen = new Map<unknown, number>();
    const ids = new Map<string, unknown>();
    names.forEach((name, i) => {
      const first = seen.get(name);
      const id = pascal(String(name));
      const sameId = ids.get(id);
      if (first !== undefined) {
        this.add(
          pointerOf(i),
          'DECLARATION',
          text(
            `duplicate ${what.en} '${String(name)}' (first declared at index ${first})`,
            `${what.fr} '${String(name)}' en double (déclaré d'abord à l'index ${first})`,
          ),
          { remedy: text('Give each one a unique name', 'Donnez à chacun un nom unique') },
        );
      } else if (sameId !== undefined) {
        // Construct ids drop the dashes: `ab1` and `ab-1` would both build `Ab1`.
        this.add(
          pointerOf(i),
          'DECLARATION',
          text(
            `${what.en} '${String(name)}' and '${String(sameId)}' would build the same construct id '${id}'`,
            `${what.fr} '${String(name)}' et '${String(sameId)}' produiraient le même identifiant de construction '${id}'`,
          ),
          { remedy: text('Rename one of them', "Renommez l'un des deux") },
        );
      }
      if (first === undefined) seen.set(name, i);
      if (sameId === undefined) ids.set(id, name);
    });
  }

  /** Problems of a framework-neutral construct check (e.g. the image policy), at `pointer`. */
  fromValidation(pointer: string, problems: readonly ValidationProblem[]) {
    const both = (t: string | LocalizedText): LocalizedText => (typeof t === 'string' ? text(t, t) : t);
    for (const p of problems) {
      this.add(pointer, p.rule, both(p.message), {
        source: p.source,
        remedy: p.remedy ? both(p.remedy) : undefined,
      });
    }
  }
}

/**
 * Checks `declaration` and places its workloads. Returns the problems (none means the zone
 * can be built) and, when there are none, the resolved zone.
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
  checkOrganization(c, d, regions);
  const vpcCidrs = checkNetwork(c, d, regions);

  const sites = new Map<string, Site>();
  const siteCeilings = new Map<string, ClassificationLevel>();
  (d.sites ?? []).forEach((site, i) => {
    const resolved = profile ? checkSite(c, profile, site, `/sites/${i}`) : undefined;
    if (resolved && !sites.has(site.name)) {
      sites.set(site.name, resolved.site);
      siteCeilings.set(site.name, resolved.ceiling);
    }
  });
  c.unique(
    (i) => `/sites/${i}/name`,
    (d.sites ?? []).map((s) => s.name),
    text('site', 'site'),
  );

  const workloads = d.workloads ?? [];
  if (!workloads.length) {
    c.add(
      '/workloads',
      'DECLARATION',
      text('the zone declares no workload', 'la zone ne déclare aucune charge de travail'),
    );
  }
  workloads.forEach((w, i) => checkWorkload(c, profile, w, `/workloads/${i}`, regions, d));
  c.unique(
    (i) => `/workloads/${i}/name`,
    workloads.map((w) => w.name),
    text('workload', 'charge de travail'),
  );

  if (!profile) return { problems: c.problems };

  // Placement: pinned targets are judged; unpinned ones take the first lawful place.
  const placements: WorkloadPlacement[] = [];
  workloads.forEach((w, i) => {
    if (!isClassificationLevel(w.classification)) return;
    const placement = place(c, profile!, w, `/workloads/${i}`, regions, sites, siteCeilings, d);
    if (placement) placements.push(placement);
  });

  // The shared stacks (log archive, organization, baseline) live in the home region and hold
  // metadata of every cloud workload: the home region must be allowed to hold their level.
  const cloud = placements.filter((p) => p.target.kind === 'cloud-region');
  const sharedLevel = mostRestricted([...cloud.map((p) => p.classification), 'internal'])!;
  if (regions.length && findCloudRegion(regions[0])) {
    const home = decidePlacementText(profile, sharedLevel, { kind: 'cloud-region', region: regions[0] });
    if (home.decision.status !== 'allowed') {
      c.add(
        '/regions/0',
        'RES-1',
        text(
          `the home region holds the log archive and the organization's stacks, which are '${sharedLevel}' (the highest level in the cloud): ${home.reason.en}`,
          `la région d'origine accueille l'archive des journaux et les piles de l'organisation, de niveau '${sharedLevel}' (le plus élevé du cloud) : ${home.reason.fr}`,
        ),
        {
          source: home.decision.source,
          remedy: text(
            `Put first a region that may hold '${sharedLevel}' data`,
            `Placez en premier une région qui peut détenir des données '${sharedLevel}'`,
          ),
        },
      );
    }
  }
  const usedRegions = regions.filter(
    (r, i) => i === 0 || cloud.some((p) => p.target.kind === 'cloud-region' && p.target.region === r),
  );
  // RES-4's yardstick: the organization's residency guardrail may leave open only regions
  // where `internal` data may live (it applies to every account, whatever it holds).
  if (d.organization) {
    for (const region of usedRegions) {
      if (!findCloudRegion(region)) continue;
      const internal = decidePlacementText(profile, 'internal', { kind: 'cloud-region', region });
      if (internal.decision.status === 'allowed') continue;
      c.add(
        `/regions/${regions.indexOf(region)}`,
        'RES-4',
        text(
          `the organization's residency guardrail would leave '${region}' open, where 'internal' data may not live: ${internal.reason.en}`,
          `le garde-fou de résidence de l'organisation laisserait '${region}' ouverte, où les données 'internal' ne peuvent pas résider : ${internal.reason.fr}`,
        ),
        {
          source: profile.controls['RES-4'].source,
          remedy: text(
            'Use regions where internal data may live, or keep that workload outside the organization',
            "Utilisez des régions où les données internes peuvent résider, ou gardez cette charge de travail hors de l'organisation",
          ),
        },
      );
    }
  }

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

function checkRegions(c: Checker, regions: readonly string[]): void {
  regions.forEach((region, i) => {
    if (!findCloudRegion(region)) {
      c.add(
        `/regions/${i}`,
        'RES-1',
        text(
          `'${region}' is not an AWS region sovereign-lz knows the country of`,
          `'${region}' n'est pas une région AWS dont sovereign-lz connaît le pays`,
        ),
        {
          remedy: text('Use an AWS region code such as eu-west-3', 'Utilisez un code de région AWS tel que eu-west-3'),
        },
      );
    }
  });
  const seen = new Set<string>();
  regions.forEach((region, i) => {
    if (seen.has(region)) {
      c.add(`/regions/${i}`, 'DECLARATION', text(`duplicate region '${region}'`, `région '${region}' en double`));
    }
    seen.add(region);
  });
}

function checkOrganization(c: Checker, d: LandingZoneDeclaration, regions: readonly string[]): void {
  if (d.organization) {
    if (!ORGANIZATION_ID.test(String(d.organization.id))) {
      c.add(
        '/organization/id',
        'DECLARATION',
        text(
          `'${String(d.organization.id)}' is not an organization id (o- and 10 to 32 lowercase letters or digits)`,
          `'${String(d.organization.id)}' n'est pas un identifiant d'organisation (o- suivi de 10 à 32 lettres minuscules ou chiffres)`,
        ),
        {
          remedy: text(
            'Copy it from `aws organizations describe-organization`',
            'Copiez-le depuis `aws organizations describe-organization`',
          ),
        },
      );
    }
    if (!ROOT_ID.test(String(d.organization.rootId))) {
      c.add(
        '/organization/rootId',
        'DECLARATION',
        text(
          `'${String(d.organization.rootId)}' is not an organization root id (r-…) or unit id (ou-…)`,
          `'${String(d.organization.rootId)}' n'est pas l'identifiant d'une racine (r-…) ou d'une unité (ou-…) d'organisation`,
        ),
        {
          remedy: text(
            'Copy it from `aws organizations list-roots`',
            'Copiez-le depuis `aws organizations list-roots`',
          ),
        },
      );
    }
    if (!regions.length) {
      c.add(
        '/organization',
        'DECLARATION',
        text(
          'an AWS organization needs at least one region (the home region, where its stacks deploy)',
          "une organisation AWS requiert au moins une région (la région d'origine, où ses piles sont déployées)",
        ),
        { remedy: text('Add `regions`', 'Ajoutez `regions`') },
      );
    }
    // The organization trail is created by the management account and delivers to the log
    // archive account: both templates name the other's account (DEP-3).
    for (const role of ['management', 'logArchive'] as const) {
      if (d.accounts?.[role] === undefined) {
        c.add(
          `/accounts`,
          'DECLARATION',
          text(
            `an AWS organization needs accounts.${role}: the organization trail is created by the management account and delivers to the log archive account, and each template names the other's account`,
            `une organisation AWS requiert accounts.${role} : le suivi d'organisation est créé par le compte de gestion et livre au compte d'archive des journaux, et chaque modèle nomme le compte de l'autre`,
          ),
          { remedy: text(`Add accounts.${role} (12 digits)`, `Ajoutez accounts.${role} (12 chiffres)`) },
        );
      }
    }
  }
  const accounts = d.accounts ?? {};
  const accountPointers: [string, unknown][] = [
    ['/accounts/management', accounts.management],
    ['/accounts/logArchive', accounts.logArchive],
    ['/accounts/audit', accounts.audit],
    ['/accounts/network', accounts.network],
    ...Object.entries(accounts.workloads ?? {}).map(([name, id]): [string, unknown] => [
      `/accounts/workloads/${name}`,
      id,
    ]),
  ];
  for (const [pointer, id] of accountPointers) {
    if (id !== undefined && !(typeof id === 'string' && ACCOUNT_ID.test(id))) {
      c.add(
        pointer,
        'DECLARATION',
        text(
          `account id ${JSON.stringify(id)} is not 12 digits`,
          `l'identifiant de compte ${JSON.stringify(id)} ne compte pas 12 chiffres`,
        ),
        {
          remedy: text(
            'Write the account id as a quoted 12-digit string (leading zeros count)',
            'Écrivez l’identifiant de compte comme une chaîne de 12 chiffres entre guillemets (les zéros initiaux comptent)',
          ),
        },
      );
    }
  }
  if (accounts.logArchive && accounts.audit && accounts.logArchive === accounts.audit) {
    c.add(
      '/accounts/audit',
      'LOG-1',
      text(
        'the audit account must not be the log archive account: whoever reviews the logs must not be able to alter them',
        "le compte d'audit ne doit pas être le compte d'archivage des journaux : qui examine les journaux ne doit pas pouvoir les modifier",
      ),
    );
  }
}

/** One CIDR per region, valid and disjoint from each other and from reserved ranges. */
function checkNetwork(c: Checker, d: LandingZoneDeclaration, regions: readonly string[]): Record<string, string> {
  const vpcCidrs: Record<string, string> = {};
  regions.forEach((region, i) => {
    vpcCidrs[region] = d.network?.cidrs?.[region] ?? `10.${20 + i}.0.0/16`;
  });
  for (const key of ['cidrs', 'availabilityZones'] as const) {
    for (const region of Object.keys(d.network?.[key] ?? {})) {
      if (!regions.includes(region)) {
        c.add(
          `/network/${key}/${region}`,
          'DECLARATION',
          text(`'${region}' is not one of the zone's regions`, `'${region}' n'est pas une région de la zone`),
        );
      }
    }
  }
  const cidrPointer = (region: string) =>
    d.network?.cidrs?.[region] !== undefined ? `/network/cidrs/${region}` : '/regions';
  for (const [region, cidr] of Object.entries(vpcCidrs)) {
    const check = checkIpv4Cidr(cidr, { minPrefixLength: 16, maxPrefixLength: 24 });
    if (!check.ok) {
      c.add(
        cidrPointer(region),
        'DECLARATION',
        text(`VPC CIDR of ${region}: ${check.problem}`, `CIDR du VPC de ${region} : ${check.problem}`),
      );
    }
  }
  const reserved = d.network?.reservedCidrs ?? [];
  reserved.forEach((cidr, i) => {
    const check = checkIpv4Cidr(cidr);
    if (!check.ok) c.add(`/network/reservedCidrs/${i}`, 'DECLARATION', text(check.problem, check.problem));
  });
  const entries = [
    ...Object.entries(vpcCidrs).map(([region, cidr]) => ({ cidr, pointer: cidrPointer(region) })),
    ...reserved.map((cidr, i) => ({ cidr, pointer: `/network/reservedCidrs/${i}` })),
  ];
  for (const overlap of findCidrOverlaps(entries.map((e) => e.cidr))) {
    // Point at a range the declaration wrote, rather than at a default.
    const [later, earlier] = [entries[overlap.indexB], entries[overlap.indexA]];
    c.add(
      later.pointer !== '/regions' ? later.pointer : earlier.pointer,
      'DECLARATION',
      text(`CIDR ${overlap.a} overlaps ${overlap.b}`, `le CIDR ${overlap.a} chevauche ${overlap.b}`),
      { remedy: text('Give each VPC its own range', 'Donnez à chaque VPC sa propre plage') },
    );
  }
  return vpcCidrs;
}

/**
 * A site: declared by the profile, its collector, backup location, key manager and images
 * on the profile's allowlists, and the highest level its cluster may hold: the declared
 * ceiling, or the highest level the profile allows on the site whose volume keys the
 * storage can keep (customer-exclusive custody needs Ceph with an allowlisted key manager).
 */
function checkSite(
  c: Checker,
  profile: JurisdictionProfile,
  site: SiteDeclaration,
  at: string,
): { site: Site; ceiling: ClassificationLevel } | undefined {
  const known = profile.sites.find((s) => s.name === site.name);
  if (!known) {
    const names = profile.sites.map((s) => s.name).join(', ') || 'none';
    c.add(
      `${at}/name`,
      'RES-1',
      text(
        `site '${site.name}' is not a site of profile '${profile.id}' (its sites: ${names})`,
        `le site '${site.name}' n'est pas un site du profil '${profile.id}' (ses sites : ${names})`,
      ),
      {
        remedy: text(
          "Declare the site in the profile's `sites`, with its country and node labels",
          'Déclarez le site dans les `sites` du profil, avec son pays et ses libellés de nœuds',
        ),
      },
    );
  }
  const { allowlists } = profile;
  const onList = (value: string | undefined, list: readonly string[]) => value !== undefined && list.includes(value);
  if (site.logs && !onList(site.logs.host, allowlists.logSinks)) {
    c.add(
      `${at}/logs/host`,
      'RES-3',
      text(
        `log collector '${site.logs.host}' is not on the profile's allowlist of in-country log sinks (${allowlists.logSinks.join(', ') || 'none declared'})`,
        `le collecteur de journaux '${site.logs.host}' n'est pas sur la liste des destinations de journaux nationales du profil (${allowlists.logSinks.join(', ') || 'aucune déclarée'})`,
      ),
      { source: profile.controls['RES-3'].source },
    );
  }
  if (site.logs?.retentionDays !== undefined && site.logs.retentionDays < profile.logRetentionMinDays) {
    c.add(
      `${at}/logs/retentionDays`,
      'LOG-2',
      text(
        `${site.logs.retentionDays} days is below the minimum of ${profile.logRetentionMinDays} days under profile '${profile.id}'`,
        `${site.logs.retentionDays} jours est en deçà du minimum de ${profile.logRetentionMinDays} jours selon le profil '${profile.id}'`,
      ),
      { source: profile.figureSources.logRetention },
    );
  }
  if (site.logs)
    c.fromValidation(
      `${at}/logs/image`,
      imageProblems(profile, site.logs.image, {
        en: 'the log forwarder image',
        fr: "l'image du transmetteur de journaux",
      }),
    );
  if (site.backupLocation !== undefined && !onList(site.backupLocation, allowlists.backupLocations)) {
    c.add(
      `${at}/backupLocation`,
      'BCK-1',
      text(
        `backup location '${site.backupLocation}' is not on the profile's allowlist (${allowlists.backupLocations.join(', ') || 'none declared'})`,
        `l'emplacement de sauvegarde '${site.backupLocation}' n'est pas sur la liste du profil (${allowlists.backupLocations.join(', ') || 'aucun déclaré'})`,
      ),
      { source: profile.controls['BCK-1'].source },
    );
  }
  if (site.storage?.kmsId !== undefined && !onList(site.storage.kmsId, allowlists.inCountryKmsIds)) {
    c.add(
      `${at}/storage/kmsId`,
      'KEY-1',
      text(
        `key manager '${site.storage.kmsId}' is not on the profile's allowlist of in-country key managers (${allowlists.inCountryKmsIds.join(', ') || 'none declared'})`,
        `le gestionnaire de clés '${site.storage.kmsId}' n'est pas sur la liste des gestionnaires de clés nationaux du profil (${allowlists.inCountryKmsIds.join(', ') || 'aucun déclaré'})`,
      ),
      { source: profile.controls['KEY-1'].source },
    );
  }
  if (site.maxNodes !== undefined) c.fromValidation(`${at}/maxNodes`, maxNodesProblems(site.maxNodes));
  if (!known) return undefined;

  const exclusiveKeys = site.storage?.driver === 'ceph-rbd' && onList(site.storage.kmsId, allowlists.inCountryKmsIds);
  const holds = (level: ClassificationLevel) =>
    decidePlacement(profile, level, { kind: 'site', site: known }).status === 'allowed' &&
    (profile.levels[level].keyCustody !== 'customer-exclusive' || exclusiveKeys);
  const possible = [...CLASSIFICATION_LEVELS].reverse().find(holds);
  const declared = site.classificationCeiling;
  if (declared !== undefined && isClassificationLevel(declared) && !holds(declared)) {
    c.add(
      `${at}/classificationCeiling`,
      'KEY-1',
      text(
        `the site cannot hold '${declared}' data: ${profile.levels[declared].keyCustody === 'customer-exclusive' && !exclusiveKeys ? "its volume keys must be known only to the customer, which needs storage.driver 'ceph-rbd' with an allowlisted kmsId" : `the profile does not allow it on site '${site.name}'`}`,
        `le site ne peut pas détenir de données '${declared}' : ${profile.levels[declared].keyCustody === 'customer-exclusive' && !exclusiveKeys ? "les clés de ses volumes doivent n'être connues que du client, ce qui requiert storage.driver 'ceph-rbd' avec un kmsId de la liste" : `le profil ne l'autorise pas sur le site '${site.name}'`}`,
      ),
      { source: profile.levels[declared].source },
    );
    return undefined;
  }
  return { site: known, ceiling: declared ?? possible ?? 'public' };
}

function checkWorkload(
  c: Checker,
  profile: JurisdictionProfile | undefined,
  w: WorkloadDeclaration,
  at: string,
  regions: readonly string[],
  d: LandingZoneDeclaration,
): void {
  c.label(`${at}/name`, w.name, text('the workload name', 'le nom de la charge de travail'));
  const stackId = pascal(String(w.name));
  if (RESERVED_STACK_IDS.includes(stackId) || regions.some((r) => `Network${pascal(r)}` === stackId)) {
    c.add(
      `${at}/name`,
      'DECLARATION',
      text(
        `workload name '${w.name}' would take the zone's own stack '${stackId}'`,
        `le nom de charge de travail '${w.name}' prendrait la pile '${stackId}' de la zone elle-même`,
      ),
      { remedy: text('Rename the workload', 'Renommez la charge de travail') },
    );
  }
  if (!isClassificationLevel(w.classification)) {
    c.add(
      `${at}/classification`,
      'CLS-1',
      text(
        `${JSON.stringify(w.classification)} is not a classification level`,
        `${JSON.stringify(w.classification)} n'est pas un niveau de classification`,
      ),
      {
        remedy: text(
          'Use public, internal, personal, sensitive or secret',
          'Utilisez public, internal, personal, sensitive ou secret',
        ),
      },
    );
  }
  if (w.region !== undefined && w.site !== undefined) {
    c.add(
      `${at}/site`,
      'DECLARATION',
      text(
        'a workload is pinned to a region or to a site, not both',
        'une charge de travail est épinglée à une région ou à un site, pas aux deux',
      ),
    );
  }
  if (w.region !== undefined && !regions.includes(w.region)) {
    c.add(
      `${at}/region`,
      'DECLARATION',
      text(`'${w.region}' is not one of the zone's regions`, `'${w.region}' n'est pas une région de la zone`),
      { remedy: text('Add it to `regions`, or pin another one', 'Ajoutez-la à `regions`, ou épinglez-en une autre') },
    );
  }
  if (w.site !== undefined && !(d.sites ?? []).some((s) => s.name === w.site)) {
    c.add(
      `${at}/site`,
      'DECLARATION',
      text(`'${w.site}' is not one of the zone's sites`, `'${w.site}' n'est pas un site de la zone`),
      { remedy: text('Declare it in `sites`', 'Déclarez-le dans `sites`') },
    );
  }
  if (w.account !== undefined && d.accounts?.workloads?.[w.account] === undefined) {
    c.add(
      `${at}/account`,
      'DECLARATION',
      text(
        `'${w.account}' is not an account of \`accounts.workloads\``,
        `'${w.account}' n'est pas un compte de \`accounts.workloads\``,
      ),
    );
  }
  (w.stores ?? []).forEach((s, j) => {
    const where = `${at}/stores/${j}`;
    c.label(`${where}/name`, s.name, text('the store name', 'le nom du stockage'));
    if (RESERVED_STORE_IDS.includes(pascal(String(s.name)))) {
      c.add(
        `${where}/name`,
        'DECLARATION',
        text(`store name '${s.name}' is reserved`, `le nom de stockage '${s.name}' est réservé`),
        { remedy: text('Rename the store', 'Renommez le stockage') },
      );
    }
    if (s.kind !== 'objects' && s.kind !== 'logs') {
      c.add(
        `${where}/kind`,
        'DECLARATION',
        text(
          `store kind ${JSON.stringify(s.kind)} is not 'objects' or 'logs'`,
          `le type de stockage ${JSON.stringify(s.kind)} n'est ni 'objects' ni 'logs'`,
        ),
      );
    }
    if (s.retentionDays === undefined) return;
    if (s.kind !== 'logs') {
      c.add(
        `${where}/retentionDays`,
        'DECLARATION',
        text(
          '`retentionDays` applies to log stores only',
          '`retentionDays` ne s’applique qu’aux stockages de journaux',
        ),
      );
    } else if (profile && s.retentionDays < profile.logRetentionMinDays) {
      c.add(
        `${where}/retentionDays`,
        'LOG-2',
        text(
          `${s.retentionDays} days is below the minimum of ${profile.logRetentionMinDays} days under profile '${profile.id}'`,
          `${s.retentionDays} jours est en deçà du minimum de ${profile.logRetentionMinDays} jours selon le profil '${profile.id}'`,
        ),
        { source: profile.figureSources.logRetention },
      );
    } else if (!LOG_RETENTION_DAYS_ACCEPTED.includes(s.retentionDays)) {
      c.add(
        `${where}/retentionDays`,
        'DECLARATION',
        text(
          `${s.retentionDays} days is not a retention CloudWatch Logs accepts (e.g. 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)`,
          `${s.retentionDays} jours n'est pas une durée de conservation acceptée par CloudWatch Logs (p. ex. 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)`,
        ),
      );
    }
  });
  c.unique(
    (j) => `${at}/stores/${j}/name`,
    (w.stores ?? []).map((s) => s.name),
    text('store', 'stockage'),
  );
  (w.services ?? []).forEach((s, j) => {
    const where = `${at}/services/${j}`;
    c.label(`${where}/name`, s.name, text('the service name', 'le nom du service'));
    if (!(TIERS as readonly string[]).includes(s.tier)) {
      c.add(
        `${where}/tier`,
        'NET-4',
        text(
          `'${s.tier}' is not a tier (${TIERS.join(', ')})`,
          `'${s.tier}' n'est pas un niveau réseau (${TIERS.join(', ')})`,
        ),
      );
    }
    if (!port(s.port)) {
      c.add(
        `${where}/port`,
        'DECLARATION',
        text(`port ${s.port} is not 1–65535`, `le port ${s.port} n'est pas entre 1 et 65535`),
      );
    }
    if (profile) c.fromValidation(`${where}/image`, imageProblems(profile, s.image));
    checkServiceVolume(c, s, where);
  });
  c.unique(
    (j) => `${at}/services/${j}/name`,
    (w.services ?? []).map((s) => s.name),
    text('service', 'service'),
  );
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
  if (chosen.target.kind === 'site') {
    (w.stores ?? []).forEach((s, j) => {
      if (s.kind === 'logs' && s.retentionDays !== undefined) {
        c.add(
          `${at}/stores/${j}/retentionDays`,
          'DECLARATION',
          text(
            `workload '${w.name}' is on site '${chosen.target.kind === 'site' ? chosen.target.site : ''}', whose logs go to the site's collector: their retention is the site's`,
            `la charge de travail '${w.name}' est sur un site, dont les journaux vont au collecteur du site : leur conservation est celle du site`,
          ),
          { remedy: text('Set `sites[].logs.retentionDays`', 'Réglez `sites[].logs.retentionDays`') },
        );
      }
    });
    checkStoresOnSite(c, w, at, chosen.target.site);
  }
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

function checkFlows(
  c: Checker,
  flows: readonly FlowDeclaration[],
  workloads: readonly WorkloadDeclaration[],
  placements: readonly WorkloadPlacement[],
  profile: JurisdictionProfile,
  sites: ReadonlyMap<string, Site>,
): ResolvedFlow[] {
  const resolved: ResolvedFlow[] = [];
  const seen = new Set<string>();
  // On a site, a flow's network policies are named after its ends and port.
  const names = new Map<string, number>();
  flows.forEach((flow, i) => {
    const at = `/flows/${i}`;
    const ends = (['from', 'to'] as const).map((side) => {
      const { workload, tier } = parseEndpoint(String(flow[side]));
      const declared = workloads.find((w) => w.name === workload);
      if (!declared) {
        c.add(
          `${at}/${side}`,
          'DECLARATION',
          text(
            `'${workload}' is not a workload of the zone`,
            `'${workload}' n'est pas une charge de travail de la zone`,
          ),
        );
        return undefined;
      }
      if (!(TIERS as readonly string[]).includes(tier)) {
        c.add(
          `${at}/${side}`,
          'NET-4',
          text(
            `'${tier}' is not a tier (${TIERS.join(', ')})`,
            `'${tier}' n'est pas un niveau réseau (${TIERS.join(', ')})`,
          ),
        );
        return undefined;
      }
      return { workload, tier: tier as Tier, declared };
    });
    if (!port(flow.port)) {
      c.add(
        `${at}/port`,
        'DECLARATION',
        text(`port ${flow.port} is not 1–65535`, `le port ${flow.port} n'est pas entre 1 et 65535`),
      );
      return;
    }
    const [from, to] = ends;
    if (!from || !to) return;
    const key = `${from.workload}/${from.tier}>${to.workload}/${to.tier}:${flow.port}`;
    if (seen.has(key)) {
      c.add(at, 'DECLARATION', text(`duplicate flow ${key}`, `flux ${key} en double`));
      return;
    }
    seen.add(key);
    const name = `${from.workload}-${from.tier}-to-${to.workload}-${to.tier}-${flow.port}`;
    const same = names.get(name);
    if (same !== undefined) {
      c.add(
        at,
        'DECLARATION',
        text(
          `flows[${same}] and this flow would build network policies of the same name '${name}'`,
          `flows[${same}] et ce flux produiraient des politiques réseau de même nom '${name}'`,
        ),
        { remedy: text('Rename one of the workloads', "Renommez l'une des charges de travail") },
      );
      return;
    }
    names.set(name, i);
    if (from.workload === to.workload && from.tier === to.tier) {
      c.add(
        at,
        'DECLARATION',
        text(
          'a flow joins two different tiers or workloads',
          'un flux relie deux niveaux ou deux charges de travail différents',
        ),
      );
      return;
    }
    if (flow.carries !== undefined && !isClassificationLevel(flow.carries)) {
      c.add(
        `${at}/carries`,
        'CLS-1',
        text(
          `${JSON.stringify(flow.carries)} is not a classification level`,
          `${JSON.stringify(flow.carries)} n'est pas un niveau de classification`,
        ),
      );
      return;
    }
    // Segmentation (NET-4): the public tier reaches the application tier, never data directly.
    if (from.tier === 'public' && to.tier === 'data') {
      c.add(
        at,
        'NET-4',
        text(
          `flow from the public tier of '${from.workload}' straight to the data tier of '${to.workload}'`,
          `flux du niveau public de '${from.workload}' directement vers le niveau données de '${to.workload}'`,
        ),
        {
          source: profile.controls['NET-4'].source,
          remedy: text(
            'Go through an application tier: public → application → data',
            'Passez par un niveau application : public → application → données',
          ),
        },
      );
    }
    const carries = flow.carries ?? mostRestricted([from.declared.classification, to.declared.classification])!;
    if (from.tier === 'public' && rank(carries) >= rank('sensitive')) {
      c.add(
        at,
        'NET-4',
        text(
          `flow from the public tier of '${from.workload}' carries '${carries}' data`,
          `le flux du niveau public de '${from.workload}' transporte des données '${carries}'`,
        ),
        {
          source: profile.levels[carries].source,
          remedy: text(
            'Expose sensitive data through an application tier of its own workload, and declare what the flow carries (`carries`)',
            'Exposez les données sensibles via un niveau application de leur propre charge de travail, et déclarez ce que transporte le flux (`carries`)',
          ),
        },
      );
    }
    // Residency (RES-1): whatever the flow carries must be allowed on both sides.
    for (const end of [from, to]) {
      const placement = placements.find((p) => p.workload === end.workload);
      if (!placement) continue;
      const { decision, reason } = decidePlacementText(profile, carries, placementTargetOf(placement.target, sites));
      if (decision.status !== 'allowed') {
        c.add(
          `${at}/carries`,
          'RES-1',
          text(
            `flow ${from.workload} → ${to.workload} carries '${carries}' data to '${end.workload}': ${reason.en}`,
            `le flux ${from.workload} → ${to.workload} transporte des données '${carries}' vers '${end.workload}' : ${reason.fr}`,
          ),
          {
            source: decision.source,
            remedy: text(
              'Keep the flow inside places that may hold that data, or declare a lower `carries` if the interface only returns less sensitive data',
              "Gardez le flux entre des lieux qui peuvent détenir ces données, ou déclarez un `carries` inférieur si l'interface ne renvoie que des données moins sensibles",
            ),
          },
        );
        break;
      }
    }
    resolved.push({
      from: { workload: from.workload, tier: from.tier },
      to: { workload: to.workload, tier: to.tier },
      port: flow.port,
      carries,
    });
  });
  return resolved;
}

// --- Services and stores on an in-country site: TLS, data volumes, where a store is kept ---

/**
 * A service's TLS flag, and its data volume: `dataPath` and `storageSize` apply to the data
 * tier only (its services are StatefulSets, each pod with its own volume); the path must not
 * overlap a writable path, the size must be a quantity.
 */
function checkServiceVolume(c: Checker, s: ServiceDeclaration, at: string): void {
  if (s.tls !== undefined && typeof s.tls !== 'boolean') {
    c.add(`${at}/tls`, 'DECLARATION', text('`tls` must be true or false', '`tls` doit valoir true ou false'));
  }
  if (s.tier !== 'data') {
    for (const field of ['dataPath', 'storageSize'] as const) {
      if (s[field] === undefined) continue;
      c.add(
        `${at}/${field}`,
        'DECLARATION',
        text(
          `\`${field}\` applies to services of the data tier only: the others run without a volume`,
          `\`${field}\` ne s’applique qu’aux services du tiers de données : les autres fonctionnent sans volume`,
        ),
        {
          remedy: text(
            "Put the service in tier 'data', or remove the field",
            "Placez le service dans le tiers 'data', ou retirez le champ",
          ),
        },
      );
    }
    return;
  }
  c.fromValidation(
    `${at}/${s.dataPath === undefined ? 'writablePaths' : 'dataPath'}`,
    dataPathProblems(s.dataPath ?? DEFAULT_DATA_PATH, s.writablePaths ?? ['/tmp']),
  );
  if (s.storageSize !== undefined) c.fromValidation(`${at}/storageSize`, storageSizeProblems(s.storageSize));
}

/**
 * On a site, a workload's `objects` stores are kept on the volumes of its data-tier services
 * (its `logs` stores are the site's forwarded logs): without such a service nothing would hold
 * them, and they are refused rather than dropped.
 */
function checkStoresOnSite(c: Checker, w: WorkloadDeclaration, at: string, site: string): void {
  if ((w.services ?? []).some((s) => s.tier === 'data')) return;
  (w.stores ?? []).forEach((s, j) => {
    if (s.kind !== 'objects') return;
    c.add(
      `${at}/stores/${j}`,
      'DECLARATION',
      text(
        `store '${s.name}' (objects) of workload '${w.name}' on site '${site}' is kept on the volumes of the workload's data-tier services, and it declares none: nothing would hold it`,
        `le stockage '${s.name}' (objects) de la charge de travail '${w.name}' sur le site '${site}' est conservé sur les volumes des services de son tiers de données, et elle n'en déclare aucun : rien ne le contiendrait`,
      ),
      {
        remedy: text(
          'Declare the service that keeps it in `services`, with `tier: data` and its `dataPath` (each of its pods gets an encrypted volume there, backed up by Velero); or place the workload in an AWS region, where the store is an S3 bucket',
          'Déclarez le service qui le conserve dans `services`, avec `tier: data` et son `dataPath` (chacun de ses pods y reçoit un volume chiffré, sauvegardé par Velero) ; ou placez la charge de travail dans une région AWS, où le stockage est un compartiment S3',
        ),
      },
    );
  });
}
