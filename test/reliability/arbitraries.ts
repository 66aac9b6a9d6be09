import fc from 'fast-check';
import {
  CLASSIFICATION_LEVELS,
  classificationRank,
  decidePlacement,
  eu,
  extendProfile,
  LOG_RETENTION_DAYS_ACCEPTED,
  TIERS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type PlacementDecision,
  type PlacementTarget,
  type Tier,
} from '../../constructs/core';
import type {
  AccountsDeclaration,
  FlowDeclaration,
  LandingZoneDeclaration,
  NetworkDeclaration,
  OrganizationDeclaration,
  ServiceDeclaration,
  SiteDeclaration,
  StoreDeclaration,
  WorkloadDeclaration,
} from '../../constructs/landing-zone';
import { pascal, RESERVED_STACK_IDS, RESERVED_STORE_IDS } from '../../constructs/landing-zone/names';
import { publicSectorProfile } from '../../examples/morocco-public-sector/profile';

/**
 * fast-check arbitraries of VALID landing-zone declarations: each one the facade must accept,
 * build and synthesize into artifacts the checker finds lawful under the declaration's
 * profile (test/reliability/properties.test.ts). Everything a user may choose is drawn —
 * regions (home first), sites, levels, pins, stores, services, flows, organization, accounts,
 * names — but only where the law and the documented rules of the declaration allow it, decided
 * with the core's own `decidePlacement` and the facade's documented placement rules (cloud
 * regions first, in order, then sites; a place that needs no advisory first; no level whose keys
 * must be customer-exclusive in AWS; no level above a site's ceiling). What the facade refuses at
 * declaration time is left to property 3 (test/reliability/properties.test.ts), as mutations.
 */

/** A profile the declarations are drawn for, and what its declarations may name. */
export interface ProfileUniverse {
  /** What a declaration names as its profile when it declares no site (an id or the object). */
  readonly refs: readonly (JurisdictionProfile | string)[];
  /** The profile declarations with sites name (it declares those sites). */
  readonly withSites: JurisdictionProfile;
  /**
   * The AWS regions a declaration may name. The home region (the first) holds the zone's shared
   * level, the highest level placed in the cloud and at least `internal` (refused at declaration
   * otherwise, `regions[0]: RES-1`): it is drawn among the regions that allow `internal`, and
   * the workloads placed in the cloud keep to levels the home region allows.
   */
  readonly regions: readonly string[];
  /** The profile's sites. */
  readonly sites: readonly string[];
  /** The allowlisted image registry, in-country key manager, log collector and backup location. */
  readonly registry: string;
  readonly kmsId: string;
  readonly logSink: string;
  readonly backupLocation: string;
}

/**
 * Gives a profile object a short name in fast-check's counterexamples (the whole profile would
 * bury the declaration). The symbol is not enumerable: the profile is otherwise unchanged.
 */
function named<T extends object>(value: T, name: string): T {
  return Object.defineProperty({ ...value }, fc.toStringMethod, { value: () => name, enumerable: false });
}

/**
 * The Morocco public-sector profile of the example: Paris and Spain (internal data), N. Virginia
 * (public data only), Casablanca and Rabat.
 */
export const MOROCCO_PUBLIC_SECTOR: ProfileUniverse = {
  refs: [named(publicSectorProfile, 'publicSectorProfile')],
  withSites: named(publicSectorProfile, 'publicSectorProfile'),
  regions: ['eu-west-3', 'eu-south-2', 'us-east-1'],
  sites: ['ma-casablanca-1', 'ma-rabat-1'],
  registry: 'registry.gov.ma',
  kmsId: 'vault-casablanca',
  logSink: 'logs.casablanca.gov.ma',
  backupLocation: 'minio-casablanca',
};

/** The built-in `eu` profile, extended with two sites (France, Germany) and what they may use. */
export const euWithSites = named(
  extendProfile(eu, {
    id: 'eu-with-sites',
    sites: [
      { name: 'fr-paris-1', country: 'FR', regionValues: ['fr-paris'], zoneValues: ['fr-paris-1a', 'fr-paris-1b'] },
      { name: 'de-berlin-1', country: 'DE', regionValues: ['de-berlin'], zoneValues: ['de-berlin-1a'] },
    ],
    allowlists: {
      imageRegistries: ['registry.example.eu'],
      inCountryKmsIds: ['vault-paris'],
      logSinks: ['logs.example.eu'],
      backupLocations: ['minio-paris'],
    },
  }),
  'euWithSites',
);

/**
 * The EU profile: EU regions, London and N. Virginia (public and internal data only: personal
 * data may not leave the EEA without a recorded transfer; a zone whose home is outside the EEA
 * keeps its personal data on sites).
 */
export const EU: ProfileUniverse = {
  refs: ['eu', euWithSites],
  withSites: euWithSites,
  regions: [
    'eu-west-3',
    'eu-central-1',
    'eu-west-1',
    'eu-south-1',
    'eu-north-1',
    'eu-south-2',
    'eu-west-2',
    'us-east-1',
  ],
  sites: ['fr-paris-1', 'de-berlin-1'],
  registry: 'registry.example.eu',
  kmsId: 'vault-paris',
  logSink: 'logs.example.eu',
  backupLocation: 'minio-paris',
};

export const UNIVERSES: readonly ProfileUniverse[] = [MOROCCO_PUBLIC_SECTOR, EU];

/** The levels a valid declaration may use: `secret` is placeable nowhere (property 3 uses it). */
const PLACEABLE_LEVELS = CLASSIFICATION_LEVELS.filter((l) => l !== 'secret');

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/**
 * Strings of `alphabet`'s characters. Built from arrays, not `fc.stringMatching`: a regex
 * arbitrary inside `fc.oneof` makes fast-check try to parse every constant back through the
 * regex, which costs seconds per declaration.
 */
const chars = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet), { minLength, maxLength }).map((a) => a.join(''));

/** Any DNS label the declaration accepts: `[a-z]([-a-z0-9]{0,38}[a-z0-9])?`. */
const anyLabel: fc.Arbitrary<string> = fc
  .tuple(chars(LOWER, 1, 1), fc.option(fc.tuple(chars(`-${LOWER}${DIGITS}`, 0, 38), chars(LOWER + DIGITS, 1, 1))))
  .map(([first, rest]) => first + (rest ? rest.join('') : ''));

/** DNS labels: mostly readable, sometimes anything the rule allows (up to 40 characters). */
const labelArbitrary = (words: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...words) }, { weight: 1, arbitrary: anyLabel });

const WORKLOAD_WORDS = [
  'civil-registry',
  'records',
  'portal',
  'analytics',
  'tax',
  'health-records',
  'a',
  'x1',
  'etat-civil',
];
const STORE_WORDS = ['documents', 'app-logs', 'datasets', 'content', 'audit', 'l', 'archive-2024'];
const SERVICE_WORDS = ['api', 'database', 'worker', 'web', 'cache', 's3'];
const ACCOUNT_WORDS = ['portal', 'administration', 'shared', 'data'];
const DESCRIPTIONS = ['Internal administrative records', "Registre d'état civil", 'Statistics — monthly', 'x'];

const hex64 = chars('0123456789abcdef', 64, 64);
const accountId = chars(DIGITS, 12, 12);

/**
 * Names unique in their scope, also once turned into construct ids: `ab-1` and `ab1` both build
 * `Ab1`, which the facade refuses at declaration (property 3 draws such a pair).
 */
function uniqueLabels(words: readonly string[], count: { min: number; max: number }, refused: (id: string) => boolean) {
  return fc.uniqueArray(
    labelArbitrary(words).filter((n) => !refused(pascal(n))),
    { minLength: count.min, maxLength: count.max, selector: (n) => pascal(n) },
  );
}

type Place = { readonly kind: 'region' | 'site'; readonly name: string };

const regionPlace = (name: string): Place => ({ kind: 'region', name });

/** The core's decision for `level` at `place`. */
function decide(profile: JurisdictionProfile, level: ClassificationLevel, place: Place): PlacementDecision {
  const target: PlacementTarget =
    place.kind === 'region'
      ? { kind: 'cloud-region', region: place.name }
      : { kind: 'site', site: profile.sites.find((s) => s.name === place.name)! };
  return decidePlacement(profile, level, target);
}

function isAllowed(profile: JurisdictionProfile, level: ClassificationLevel, place: Place): boolean {
  return decide(profile, level, place).status === 'allowed';
}

/** One of `values`. */
const one = <T>(g: fc.GeneratorValue, values: readonly T[]): T => g(() => fc.constantFrom(...values));
const coin = (g: fc.GeneratorValue): boolean => g(fc.boolean);
const int = (g: fc.GeneratorValue, min: number, max: number): number => g(fc.integer, { min, max });

/** What the generator knows of a workload while drawing flows. */
interface Drawn {
  readonly name: string;
  readonly classification: ClassificationLevel;
}

/** The placeable levels up to `max`. */
function upTo(max: ClassificationLevel): ClassificationLevel[] {
  return PLACEABLE_LEVELS.filter((l) => classificationRank(l) <= classificationRank(max));
}

function flowArbitrary(g: fc.GeneratorValue, workloads: readonly Drawn[]): FlowDeclaration[] {
  const count = int(g, 0, Math.min(4, workloads.length * 2));
  const flows: FlowDeclaration[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const from = one(g, workloads);
    const to = one(g, workloads);
    const fromTier: Tier = one(g, TIERS);
    // Segmentation (NET-4): the public tier never reaches a data tier directly.
    const toTiers = TIERS.filter((t) => !(fromTier === 'public' && t === 'data') && !(from === to && t === fromTier));
    const toTier: Tier = one(g, toTiers);
    const port = int(g, 1, 65535);
    const key = `${from.name}/${fromTier}>${to.name}/${toTier}:${port}`;
    // On a site, a flow becomes a TierFlow named `<from>-<tier>-to-<to>-<tier>-<port>` (cut to 55
    // characters with a digest when longer), its construct id that name in PascalCase.
    // Two different flows may spell the same policy name when a workload's name holds
    // `-<tier>-to-` (`a/application → b-data-to-c/data` and `a-application-to-b/data → c/data`,
    // same port): the declaration refuses that (`flows[i]: DECLARATION`), so it is not drawn.
    const id = pascal(`${from.name}-${fromTier}-to-${to.name}-${toTier}-${port}`);
    if (seen.has(key) || seen.has(id)) continue;
    seen.add(key).add(id);
    // What the flow carries must be allowed on both sides: a level no higher than either side's
    // (the profiles are monotone: a place that may hold a level may hold every lower one); from
    // a public tier, never sensitive data.
    const lower = classificationRank(from.classification) <= classificationRank(to.classification) ? from : to;
    let ceiling = lower.classification;
    if (fromTier === 'public' && classificationRank(ceiling) >= classificationRank('sensitive')) ceiling = 'personal';
    const higherIsLawful = from.classification === to.classification && ceiling === from.classification;
    const carries: ClassificationLevel | undefined = one(g, [...upTo(ceiling), ...(higherIsLawful ? [undefined] : [])]);
    const endpoint = (w: Drawn, tier: Tier) => (tier === 'application' && coin(g) ? w.name : `${w.name}/${tier}`);
    flows.push({
      from: endpoint(from, fromTier),
      to: endpoint(to, toTier),
      port,
      ...(carries !== undefined ? { carries } : {}),
    });
  }
  return flows;
}

/** A drawn site, and the highest level its cluster holds (what placement compares with). */
interface DrawnSite {
  readonly declaration: SiteDeclaration;
  readonly ceiling: ClassificationLevel;
}

function siteArbitrary(g: fc.GeneratorValue, u: ProfileUniverse, name: string, index: number): DrawnSite {
  const p = u.withSites;
  const image = `${u.registry}/mirror/fluent-bit@sha256:${g(() => hex64)}`;
  const driver = one(g, ['ceph-rbd', 'longhorn'] as const);
  // Volume keys known only to the customer (KEY-1) need Ceph with an allowlisted key manager:
  // without one, and on Longhorn, the cluster holds no level of customer-exclusive custody.
  const exclusiveKeys = driver === 'ceph-rbd' && coin(g);
  const holds = (level: ClassificationLevel) =>
    isAllowed(p, level, { kind: 'site', name }) &&
    (p.levels[level].keyCustody !== 'customer-exclusive' || exclusiveKeys);
  const held = CLASSIFICATION_LEVELS.filter(holds);
  const declared: ClassificationLevel | undefined = one(g, [undefined, ...held]);
  // Undeclared, the ceiling is the highest level the site holds.
  const ceiling = declared ?? held[held.length - 1] ?? 'public';
  const storage: SiteDeclaration['storage'] =
    driver === 'longhorn'
      ? { driver, ...(coin(g) ? { cryptoSecretName: 'longhorn-crypto' } : {}) }
      : {
          driver,
          ...(exclusiveKeys ? { kmsId: u.kmsId } : {}),
          ...(coin(g) ? { clusterId: `ceph-${name}` } : {}),
          ...(coin(g) ? { pool: 'sovereign' } : {}),
        };
  const declaration: SiteDeclaration = {
    name,
    ...(coin(g) ? { kubeconfigContext: `admin@${name}` } : {}),
    ...(declared !== undefined ? { classificationCeiling: declared } : {}),
    storage,
    logs: {
      host: u.logSink,
      cidrs: [`10.30.${index}.0/24`],
      image,
      // The collector's retention: at least the profile's minimum (LOG-2), in whole days.
      ...(coin(g) ? { retentionDays: int(g, p.logRetentionMinDays, 3653) } : {}),
    },
    ...(coin(g) ? { backupLocation: u.backupLocation } : {}),
  };
  return { declaration, ceiling };
}

/**
 * Stores. A log store's retention is at least the profile's minimum and one CloudWatch accepts
 * (LOG-2, DECLARATION otherwise); on a site, the site's `logs.retentionDays` applies and a
 * store declares none (DECLARATION otherwise).
 */
function storesArbitrary(g: fc.GeneratorValue, profile: JurisdictionProfile, onSite: boolean): StoreDeclaration[] {
  const names = g(() => uniqueLabels(STORE_WORDS, { min: 0, max: 2 }, (id) => RESERVED_STORE_IDS.includes(id)));
  const retentions = LOG_RETENTION_DAYS_ACCEPTED.filter((d) => d >= profile.logRetentionMinDays);
  return names.map((name) =>
    coin(g)
      ? { name, kind: 'objects' as const }
      : { name, kind: 'logs' as const, ...(!onSite && coin(g) ? { retentionDays: one(g, retentions) } : {}) },
  );
}

function servicesArbitrary(g: fc.GeneratorValue, u: ProfileUniverse): ServiceDeclaration[] {
  const names = g(() => uniqueLabels(SERVICE_WORDS, { min: 0, max: 2 }, () => false));
  return names.map((name) => ({
    name,
    tier: one(g, TIERS),
    image: `${u.registry}/${name}@sha256:${g(() => hex64)}`,
    port: int(g, 1, 65535),
    ...(coin(g) ? { replicas: int(g, 1, 3) } : {}),
    ...(coin(g) ? { healthCheckPath: '/healthz' } : {}),
    ...(coin(g) ? { writablePaths: ['/tmp', '/var/cache/app'] } : {}),
  }));
}

/** An organization; its account baseline only where `baseline` allows it. */
function organizationArbitrary(g: fc.GeneratorValue, baseline: boolean): OrganizationDeclaration {
  const rootId = g(() =>
    fc.oneof(
      chars(DIGITS + LOWER, 4, 32).map((id) => `r-${id}`),
      fc.tuple(chars(DIGITS + LOWER, 4, 32), chars(LOWER + DIGITS, 8, 32)).map(([a, b]) => `ou-${a}-${b}`),
    ),
  );
  return {
    id: `o-${g(() => chars(LOWER + DIGITS, 10, 32))}`,
    rootId,
    ...(coin(g) ? { exemptRoleNames: ['sovereign-lz-deployment'] } : {}),
    ...(baseline ? (coin(g) ? { baseline: coin(g) } : {}) : { baseline: false }),
  };
}

function accountsArbitrary(g: fc.GeneratorValue): AccountsDeclaration {
  // Distinct ids: the audit account must not be the log archive account (LOG-1).
  const ids = g(() => fc.uniqueArray(accountId, { minLength: 6, maxLength: 6 }));
  const names = g(() => uniqueLabels(ACCOUNT_WORDS, { min: 0, max: 2 }, () => false));
  const pick = <K extends string>(key: K, id: string) => (coin(g) ? ({ [key]: id } as Record<K, string>) : {});
  return {
    ...pick('management', ids[0]),
    ...pick('logArchive', ids[1]),
    ...pick('audit', ids[2]),
    ...pick('network', ids[3]),
    ...(names.length ? { workloads: Object.fromEntries(names.map((n, i) => [n, ids[4 + i]])) } : {}),
  };
}

/** `accounts` with a management and a log archive account, ids apart from the others. */
function withOrganizationAccounts(accounts: AccountsDeclaration | undefined): AccountsDeclaration {
  const used = new Set(
    [
      accounts?.management,
      accounts?.logArchive,
      accounts?.audit,
      accounts?.network,
      ...Object.values(accounts?.workloads ?? {}),
    ].filter((id): id is string => id !== undefined),
  );
  const fresh = (start: number): string => {
    let n = start;
    while (used.has(String(n).padStart(12, '0'))) n++;
    const id = String(n).padStart(12, '0');
    used.add(id);
    return id;
  };
  return {
    ...accounts,
    management: accounts?.management ?? fresh(100_000_000_001),
    logArchive: accounts?.logArchive ?? fresh(100_000_000_101),
  };
}

function networkArbitrary(g: fc.GeneratorValue, regions: readonly string[]): NetworkDeclaration | undefined {
  if (!coin(g)) return undefined;
  const reserved = g(fc.subarray, ['10.10.0.0/16', '172.16.0.0/12', '192.168.0.0/16']);
  // Explicit CIDRs from 10.40.0.0 upwards: apart from the defaults (10.20…) and the sites' log ranges (10.30…).
  const explicit = regions.filter(() => coin(g));
  // Every prefix the declaration accepts, /16 to /24.
  const cidrs = Object.fromEntries(explicit.map((r, i) => [r, `10.${40 + i}.0.0/${int(g, 16, 24)}`]));
  return {
    ...(Object.keys(cidrs).length ? { cidrs } : {}),
    ...(reserved.length ? { reservedCidrs: reserved } : {}),
  };
}

/** A valid declaration under `u`'s profile. */
export function declarationArbitrary(u: ProfileUniverse): fc.Arbitrary<LandingZoneDeclaration> {
  return fc.gen().map((g) => {
    const p = u.withSites; // decisions: the same levels and regions as every ref, and the sites
    // Where the zone may place data: regions (home first), then sites. The home region holds
    // the shared stacks, at least `internal`.
    const home = one(
      g,
      u.regions.filter((r) => isAllowed(p, 'internal', regionPlace(r))),
    );
    // At most three regions: each used region is a network stack, and a synth costs seconds.
    const more = g(() =>
      fc.shuffledSubarray(
        u.regions.filter((r) => r !== home),
        { maxLength: 2 },
      ),
    );
    const siteNames = g(fc.shuffledSubarray, [...u.sites]);
    // A zone without AWS region lives on its sites only.
    const regions = siteNames.length && coin(g) && !more.length ? [] : [home, ...more];
    const profile = siteNames.length ? u.withSites : one(g, u.refs);
    const sites = siteNames.map((name, i) => siteArbitrary(g, u, name, i));
    const ceilings = new Map(sites.map((s) => [s.declaration.name, s.ceiling]));
    const places: Place[] = [
      ...regions.map(regionPlace),
      ...siteNames.map((name) => ({ kind: 'site' as const, name })),
    ];
    // Where the facade builds a level the law allows: in AWS, no level whose keys must be known
    // only to the customer (KEY-1: the zone's keys are KMS keys); on a site, up to its ceiling.
    const fits = (level: ClassificationLevel, place: Place) =>
      isAllowed(p, level, place) &&
      (place.kind === 'region'
        ? p.levels[level].keyCustody !== 'customer-exclusive'
        : classificationRank(level) <= classificationRank(ceilings.get(place.name)!));
    // What the generator keeps to: the home region holds the zone's shared level, the highest
    // level placed in the cloud (refused at declaration otherwise).
    const lawful = (level: ClassificationLevel, place: Place) =>
      fits(level, place) && (place.kind === 'site' || isAllowed(p, level, regionPlace(regions[0])));
    // Unpinned, placement takes the first place that fits and needs no advisory (regions in
    // order, then sites), else the first that fits.
    const placeOf = (level: ClassificationLevel): Place | undefined => {
      const fitting = places.filter((place) => fits(level, place));
      return fitting.find((place) => !decide(p, level, place).advisories.length) ?? fitting[0];
    };
    const levels = PLACEABLE_LEVELS.filter((l) => places.some((place) => lawful(l, place)));

    const names = g(() =>
      uniqueLabels(
        WORKLOAD_WORDS,
        { min: 1, max: 5 },
        (id) => RESERVED_STACK_IDS.includes(id) || regions.some((r) => id === `Network${pascal(r)}`),
      ),
    );
    const declaredAccounts = coin(g) ? accountsArbitrary(g) : undefined;
    const accountNames = Object.keys(declaredAccounts?.workloads ?? {});

    const usedRegions = new Set<string>(regions.slice(0, 1));
    let sharedLevel: ClassificationLevel = 'internal'; // the highest level in the cloud, at least internal
    const drawn = names.map((name) => {
      const classification: ClassificationLevel = one(g, levels);
      const pins = places.filter((place) => lawful(classification, place));
      const unpinned = placeOf(classification);
      const pin: Place | undefined = one(g, [
        ...(unpinned && lawful(classification, unpinned) ? [undefined] : []),
        ...pins,
      ]);
      const place = (pin ?? unpinned)!;
      const onSite = place.kind === 'site';
      if (!onSite) {
        usedRegions.add(place.name);
        if (classificationRank(classification) > classificationRank(sharedLevel)) sharedLevel = classification;
      }
      const stores = optional(g, 'stores', storesArbitrary(g, p, onSite));
      // Services are built on sites only; there, an object store is held by the volumes of a
      // data-tier service (DECLARATION otherwise).
      const services = onSite ? optional(g, 'services', servicesArbitrary(g, u)) : {};
      if (
        onSite &&
        stores.stores?.some((st) => st.kind === 'objects') &&
        !services.services?.some((sv) => sv.tier === 'data')
      ) {
        const image = `${u.registry}/store@sha256:${g(() => hex64)}`;
        services.services = [...(services.services ?? []), { name: 'store', tier: 'data', image, port: 5432 }];
      }
      const w: WorkloadDeclaration = {
        name,
        classification,
        ...(coin(g) ? { description: one(g, DESCRIPTIONS) } : {}),
        ...(pin?.kind === 'region' ? { region: pin.name } : {}),
        ...(pin?.kind === 'site' ? { site: pin.name } : {}),
        ...(accountNames.length && coin(g) ? { account: one(g, accountNames) } : {}),
        ...stores,
        ...services,
        ...(coin(g) ? { owners: [`${name}-team`] } : {}),
      };
      return w;
    });

    const flows = flowArbitrary(g, drawn);
    // RES-4: the organization's residency guardrail leaves open the regions the zone uses, each
    // of which must hold `internal` data; the declaration refuses otherwise (`regions[i]: RES-4`).
    const guardable = [...usedRegions].every((r) => isAllowed(p, 'internal', regionPlace(r)));
    const organization = regions.length && guardable && coin(g) ? organizationArbitrary(g, true) : undefined;
    // An organization needs its management and log archive accounts (the organization trail's).
    const accounts = organization ? withOrganizationAccounts(declaredAccounts) : declaredAccounts;
    const network = networkArbitrary(g, regions);
    const declaration: LandingZoneDeclaration = {
      name: g(() => labelArbitrary(['morocco-public-sector', 'zone', 'eu-records', 'z'])),
      profile,
      ...(regions.length ? { regions } : {}),
      ...(organization ? { organization } : {}),
      ...(accounts ? { accounts } : {}),
      ...(network ? { network } : {}),
      ...(sites.length ? { sites: sites.map((s) => s.declaration) } : {}),
      workloads: drawn,
      ...(flows.length ? { flows } : {}),
    };
    return declaration;
  });
}

/** `{ [key]: items }`; with no item, `{ [key]: [] }` or `{}` (the field's default), as a coin says. */
function optional<K extends string, T>(g: fc.GeneratorValue, key: K, items: readonly T[]): { [k in K]?: readonly T[] } {
  if (!items.length && !coin(g)) return {};
  return { [key]: items } as { [k in K]?: readonly T[] };
}

/** A valid declaration under one of the universes. */
export const anyDeclaration: fc.Arbitrary<LandingZoneDeclaration> = fc.oneof(
  ...UNIVERSES.map((u) => declarationArbitrary(u)),
);
