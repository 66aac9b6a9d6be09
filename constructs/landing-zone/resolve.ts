import {
  checkIpv4Cidr,
  classificationRank,
  decidePlacement,
  findCidrOverlaps,
  findCloudRegion,
  isClassificationLevel,
  resolveProfile,
  SovereignLzError,
  TIERS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type PlacementDecision,
  type Site,
  type Tier,
} from '../core';
import type { FlowDeclaration, LandingZoneDeclaration, WorkloadDeclaration } from './declaration';
import { text, type DeclarationProblem } from './declaration-error';
import { pascal, RESERVED_STACK_IDS, RESERVED_STORE_IDS } from './names';

/**
 * Validates a declaration and places its workloads: the framework-neutral half of the
 * facade, shared by the TypeScript API and declaration files (whose problems are then mapped
 * to lines). Nothing is built until every problem is gone.
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
  readonly reason: string;
  /** The legal source of the level's placement rule. */
  readonly source: string;
  /** Things to note (a transfer relied upon, a non-preferred country). */
  readonly advisories: readonly string[];
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
  /** The AWS regions in use, home region first. */
  readonly regions: readonly string[];
  /** The VPC CIDR of each region. */
  readonly vpcCidrs: Readonly<Record<string, string>>;
  /** The profile's site of each declared site, by name. */
  readonly sites: ReadonlyMap<string, Site>;
  /** One placement per workload, in declaration order. */
  readonly placements: readonly WorkloadPlacement[];
  readonly flows: readonly ResolvedFlow[];
}

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

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

class Checker {
  readonly problems: DeclarationProblem[] = [];

  add(pointer: string, rule: string, message: { en: string; fr: string }, extra: Partial<DeclarationProblem> = {}) {
    this.problems.push({ pointer, rule, message, ...extra });
  }

  label(pointer: string, value: unknown, what: { en: string; fr: string }): boolean {
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

  unique(pointerOf: (i: number) => string, names: readonly unknown[], what: { en: string; fr: string }) {
    const seen = new Map<unknown, number>();
    names.forEach((name, i) => {
      const first = seen.get(name);
      if (first === undefined) seen.set(name, i);
      else
        this.add(
          pointerOf(i),
          'DECLARATION',
          text(
            `duplicate ${what.en} '${String(name)}' (first declared at index ${first})`,
            `${what.fr} '${String(name)}' en double (déclaré d'abord à l'index ${first})`,
          ),
          { remedy: text('Give each one a unique name', 'Donnez à chacun un nom unique') },
        );
    });
  }
}

/**
 * Checks `declaration` and places its workloads. Returns the problems (none means the zone
 * can be built) and, when the profile and placements could be decided, the resolved zone.
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

  // Regions: known, distinct; whether each may hold a workload is decided by placement.
  const regions = [...(d.regions ?? [])];
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
  c.unique((i) => `/regions/${i}`, regions, text('region', 'région'));

  // Organization and accounts.
  if (d.organization && !ROOT_ID.test(String(d.organization.rootId))) {
    c.add(
      '/organization/rootId',
      'DECLARATION',
      text(
        `'${String(d.organization.rootId)}' is not an organization root id (r-…) or unit id (ou-…)`,
        `'${String(d.organization.rootId)}' n'est pas l'identifiant d'une racine (r-…) ou d'une unité (ou-…) d'organisation`,
      ),
      {
        remedy: text('Copy it from `aws organizations list-roots`', 'Copiez-le depuis `aws organizations list-roots`'),
      },
    );
  }
  if (d.organization && !/^o-[a-z0-9]{10,32}$/.test(String(d.organization.id))) {
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
  if (d.organization && !regions.length) {
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

  // Network: one CIDR per region, valid and disjoint from each other and from reserved ranges.
  const vpcCidrs: Record<string, string> = {};
  regions.forEach((region, i) => {
    vpcCidrs[region] = d.network?.cidrs?.[region] ?? `10.${20 + i}.0.0/16`;
  });
  for (const region of Object.keys(d.network?.cidrs ?? {})) {
    if (!regions.includes(region)) {
      c.add(
        `/network/cidrs/${region}`,
        'DECLARATION',
        text(`'${region}' is not one of the zone's regions`, `'${region}' n'est pas une région de la zone`),
      );
    }
  }
  const cidrPointer = (region: string) =>
    d.network?.cidrs?.[region] !== undefined ? `/network/cidrs/${region}` : '/regions';
  for (const [region, cidr] of Object.entries(vpcCidrs)) {
    const check = checkIpv4Cidr(cidr, { minPrefixLength: 16, maxPrefixLength: 24 });
    if (!check.ok) {
      c.add(
        cidrPointer(region),
        'NET-4',
        text(`VPC CIDR of ${region}: ${check.problem}`, `CIDR du VPC de ${region} : ${check.problem}`),
      );
    }
  }
  (d.network?.reservedCidrs ?? []).forEach((cidr, i) => {
    const check = checkIpv4Cidr(cidr);
    if (!check.ok) c.add(`/network/reservedCidrs/${i}`, 'DECLARATION', text(check.problem, check.problem));
  });
  const reserved = d.network?.reservedCidrs ?? [];
  const cidrEntries = [
    ...Object.entries(vpcCidrs).map(([region, cidr]) => ({ cidr, pointer: cidrPointer(region) })),
    ...reserved.map((cidr, i) => ({ cidr, pointer: `/network/reservedCidrs/${i}` })),
  ];
  for (const overlap of findCidrOverlaps(cidrEntries.map((e) => e.cidr))) {
    // Point at a range the declaration wrote, rather than at a default.
    const [later, earlier] = [cidrEntries[overlap.indexB], cidrEntries[overlap.indexA]];
    c.add(
      later.pointer !== '/regions' ? later.pointer : earlier.pointer,
      'NET-4',
      text(`CIDR ${overlap.a} overlaps ${overlap.b}`, `le CIDR ${overlap.a} chevauche ${overlap.b}`),
      { remedy: text('Give each VPC its own range', 'Donnez à chaque VPC sa propre plage') },
    );
  }

  // Sites: declared by the profile, once each.
  const sites = new Map<string, Site>();
  (d.sites ?? []).forEach((site, i) => {
    const known = profile?.sites.find((s) => s.name === site.name);
    if (profile && !known) {
      const names = profile.sites.map((s) => s.name).join(', ') || 'none';
      c.add(
        `/sites/${i}/name`,
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
    if (known && !sites.has(site.name)) sites.set(site.name, known);
  });
  c.unique(
    (i) => `/sites/${i}/name`,
    (d.sites ?? []).map((s) => s.name),
    text('site', 'site'),
  );

  // Workloads: names, pins, contents.
  const workloads = d.workloads ?? [];
  if (!workloads.length) {
    c.add(
      '/workloads',
      'DECLARATION',
      text('the zone declares no workload', 'la zone ne déclare aucune charge de travail'),
    );
  }
  workloads.forEach((w, i) => checkWorkload(c, w, `/workloads/${i}`, regions, d));
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
    const placement = place(c, profile!, w, `/workloads/${i}`, regions, sites, accounts.workloads ?? {});
    if (placement) placements.push(placement);
  });

  const flows = checkFlows(c, d.flows ?? [], workloads, placements, profile, sites);
  if (c.problems.length) return { problems: c.problems };
  return { problems: [], zone: { declaration: d, profile, regions, vpcCidrs, sites, placements, flows } };
}

function checkWorkload(
  c: Checker,
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
    c.label(`${at}/stores/${j}/name`, s.name, text('the store name', 'le nom du stockage'));
    if (RESERVED_STORE_IDS.includes(pascal(String(s.name)))) {
      c.add(
        `${at}/stores/${j}/name`,
        'DECLARATION',
        text(`store name '${s.name}' is reserved`, `le nom de stockage '${s.name}' est réservé`),
        { remedy: text('Rename the store', 'Renommez le stockage') },
      );
    }
    if (s.kind !== 'objects' && s.kind !== 'logs') {
      c.add(
        `${at}/stores/${j}/kind`,
        'DECLARATION',
        text(
          `store kind ${JSON.stringify(s.kind)} is not 'objects' or 'logs'`,
          `le type de stockage ${JSON.stringify(s.kind)} n'est ni 'objects' ni 'logs'`,
        ),
      );
    }
    if (s.kind === 'objects' && s.retentionDays !== undefined) {
      c.add(
        `${at}/stores/${j}/retentionDays`,
        'DECLARATION',
        text(
          '`retentionDays` applies to log stores only',
          '`retentionDays` ne s’applique qu’aux stockages de journaux',
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
    c.label(`${at}/services/${j}/name`, s.name, text('the service name', 'le nom du service'));
    if (!(TIERS as readonly string[]).includes(s.tier)) {
      c.add(
        `${at}/services/${j}/tier`,
        'NET-4',
        text(
          `'${s.tier}' is not a tier (${TIERS.join(', ')})`,
          `'${s.tier}' n'est pas un niveau réseau (${TIERS.join(', ')})`,
        ),
      );
    }
    if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535) {
      c.add(
        `${at}/services/${j}/port`,
        'DECLARATION',
        text(`port ${s.port} is not 1–65535`, `le port ${s.port} n'est pas entre 1 et 65535`),
      );
    }
  });
  c.unique(
    (j) => `${at}/services/${j}/name`,
    (w.services ?? []).map((s) => s.name),
    text('service', 'service'),
  );
}

function place(
  c: Checker,
  profile: JurisdictionProfile,
  w: WorkloadDeclaration,
  at: string,
  regions: readonly string[],
  sites: ReadonlyMap<string, Site>,
  accounts: Readonly<Record<string, string>>,
): WorkloadPlacement | undefined {
  const level = w.classification;
  const account = w.account !== undefined ? accounts[w.account] : undefined;
  const candidates: WorkloadTarget[] = [];
  if (w.region !== undefined) {
    if (!regions.includes(w.region)) return undefined;
    candidates.push({ kind: 'cloud-region', region: w.region, account });
  } else if (w.site !== undefined) {
    if (!sites.has(w.site)) return undefined;
    candidates.push({ kind: 'site', site: w.site });
  } else {
    // Cloud regions first (in declaration order), then sites; a place in a preferred country
    // wins over one that needs an advisory.
    for (const region of regions) candidates.push({ kind: 'cloud-region', region, account });
    for (const site of sites.keys()) candidates.push({ kind: 'site', site });
  }
  const pinned = w.region !== undefined || w.site !== undefined;
  const decisions = candidates.map((target) => ({
    target,
    decision: decidePlacement(profile, level, placementTargetOf(target, sites)),
  }));
  const allowed = decisions.filter((x) => x.decision.status === 'allowed');
  const chosen = allowed.find((x) => !x.decision.advisories.length) ?? allowed[0];
  if (chosen) {
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
    return {
      workload: w.name,
      classification: level,
      target: chosen.target,
      pinned,
      reason: chosen.decision.reason,
      source: chosen.decision.source,
      advisories: chosen.decision.advisories,
    };
  }
  refusePlacement(
    c,
    profile,
    w,
    at,
    pinned,
    decisions.map((x) => x.decision),
    sites.size > 0,
  );
  return undefined;
}

function refusePlacement(
  c: Checker,
  profile: JurisdictionProfile,
  w: WorkloadDeclaration,
  at: string,
  pinned: boolean,
  decisions: readonly PlacementDecision[],
  hasSites: boolean,
): void {
  const policy = profile.levels[w.classification];
  const first = decisions[0];
  const pointer = pinned ? `${at}/${w.region !== undefined ? 'region' : 'site'}` : `${at}/classification`;
  if (pinned && first) {
    c.add(
      pointer,
      'RES-1',
      text(`workload '${w.name}': ${first.reason}`, `charge de travail '${w.name}' : ${first.reason}`),
      { source: first.source, remedy: first.remedy ? text(first.remedy, first.remedy) : undefined },
    );
    return;
  }
  const inCountryOnly =
    policy.hostCountries !== '*' &&
    policy.hostCountries.length > 0 &&
    policy.hostCountries.every((country) => profile.territory.includes(country));
  const nowhere = policy.hostCountries !== '*' && policy.hostCountries.length === 0;
  const tried = decisions.map((x) => x.target).join(', ') || 'no region and no site';
  c.add(
    pointer,
    'RES-1',
    nowhere
      ? text(
          `workload '${w.name}' is '${w.classification}', which may be hosted nowhere under profile '${profile.id}' (${policy.description})`,
          `la charge de travail '${w.name}' est '${w.classification}', niveau qui ne peut être hébergé nulle part selon le profil '${profile.id}' (${policy.description})`,
        )
      : text(
          `workload '${w.name}' is '${w.classification}' and no place of the zone may hold it (tried: ${tried})`,
          `la charge de travail '${w.name}' est '${w.classification}' et aucun lieu de la zone ne peut l'accueillir (essayés : ${tried})`,
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
    if (!Number.isInteger(flow.port) || flow.port < 1 || flow.port > 65535) {
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
    const higher =
      classificationRank(from.declared.classification) >= classificationRank(to.declared.classification)
        ? from.declared.classification
        : to.declared.classification;
    const carries = flow.carries ?? higher;
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
    if (from.tier === 'public' && classificationRank(carries) >= classificationRank('sensitive')) {
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
      const decision = decidePlacement(profile, carries, placementTargetOf(placement.target, sites));
      if (decision.status !== 'allowed') {
        c.add(
          `${at}/carries`,
          'RES-1',
          text(
            `flow ${from.workload} → ${to.workload} carries '${carries}' data to '${end.workload}': ${decision.reason}`,
            `le flux ${from.workload} → ${to.workload} transporte des données '${carries}' vers '${end.workload}' : ${decision.reason}`,
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
