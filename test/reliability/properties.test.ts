import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../constructs/compliance';
import {
  CLASSIFICATION_LEVELS,
  decidePlacement,
  LOG_RETENTION_DAYS_ACCEPTED,
  resolveProfile,
  type ClassificationLevel,
  type JurisdictionProfile,
  type PlacementTarget,
} from '../../constructs/core';
import {
  DeclarationError,
  LandingZone,
  resolveLandingZone,
  type LandingZoneDeclaration,
  type ResolvedLandingZone,
  type SiteDeclaration,
  type WorkloadDeclaration,
  type WorkloadTarget,
} from '../../constructs/landing-zone';
import { pascal } from '../../constructs/landing-zone/names';
import { anyDeclaration } from './arbitraries';

// Secure by default, by property: every valid declaration (./arbitraries.ts) builds, synthesizes
// and checks lawful under its profile, and every unlawful one is refused before anything is built.
//
// A synth costs seconds: the suite runs SOVEREIGN_LZ_PROPERTY_RUNS (default 20) synthesized zones
// and ten times as many cheap ones; `npm run test:properties` (SOVEREIGN_LZ_PROPERTY_RUNS=200) runs more. The seed is logged:
// SOVEREIGN_LZ_PROPERTY_SEED=<seed> replays a run. A failing synthesized zone is reported as drawn
// (not shrunk, each try costs a synth); SOVEREIGN_LZ_PROPERTY_SHRINK=1 shrinks it.

const RUNS = Number(process.env.SOVEREIGN_LZ_PROPERTY_RUNS ?? 20);
const CHEAP_RUNS = RUNS * 10;
/** Jest's timeouts: a synthesized zone costs 1–3 s on 2 cores (generously 30), a resolved one milliseconds. */
const SYNTH_TIMEOUT = RUNS * 30_000 + 120_000;
const CHEAP_TIMEOUT = CHEAP_RUNS * 200 + 60_000;
const SEED = process.env.SOVEREIGN_LZ_PROPERTY_SEED
  ? Number(process.env.SOVEREIGN_LZ_PROPERTY_SEED)
  : Math.floor(Math.random() * 0x7fffffff);
const SHRINK = process.env.SOVEREIGN_LZ_PROPERTY_SHRINK === '1';

const work = mkdtempSync(join(tmpdir(), 'slz-properties-'));

beforeAll(() => {
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`SOVEREIGN_LZ_PROPERTY_RUNS must be a whole number ≥ 1`);
  if (!Number.isInteger(SEED)) throw new Error(`SOVEREIGN_LZ_PROPERTY_SEED must be an integer`);
  console.log(
    `property-based tests: seed ${SEED}, ${RUNS} synthesized zones, ${CHEAP_RUNS} resolved ones ` +
      `(replay: SOVEREIGN_LZ_PROPERTY_SEED=${SEED} SOVEREIGN_LZ_PROPERTY_RUNS=${RUNS})`,
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** fast-check's parameters: the logged seed, in every failure message too. */
const parameters = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

describe('the zero-config path is always lawful', () => {
  test(
    `every valid declaration builds, synthesizes both worlds and checks with no unsuppressed error (${RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(anyDeclaration, (declaration) => {
          const dir = mkdtempSync(join(work, 'zone-'));
          try {
            const zone = new LandingZone(declaration);
            const built = zone.build({ awsOutdir: join(dir, 'aws'), kubernetesOutdir: join(dir, 'kubernetes') });
            built.aws.synth();
            built.kubernetes?.synth();
            const result = checkPaths([dir], { profile: zone.profile });
            // Not vacuous: the checker read the zone's artifacts.
            if (!result.summary.resources) throw new Error(`the checker found no resource in ${dir}`);
            const errors = result.findings.filter(
              (f) => f.severity === 'error' && !f.suppressed && f.status !== 'not-assessed',
            );
            if (errors.length) {
              throw new Error(
                `${errors.length} unsuppressed error finding(s) under profile '${result.profile}':\n` +
                  errors
                    .map((f) => `  ${f.rule} [${f.status}] ${f.file} ${f.path ?? f.resource}: ${f.message}`)
                    .join('\n'),
              );
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        { ...parameters(RUNS), endOnFailure: !SHRINK },
      );
    },
    SYNTH_TIMEOUT,
  );
});

/** The core's placement target of a resolved workload target. */
function placementTarget(zone: ResolvedLandingZone, target: WorkloadTarget): PlacementTarget {
  return target.kind === 'site'
    ? { kind: 'site', site: zone.sites.get(target.site)! }
    : { kind: 'cloud-region', region: target.region };
}

describe('placement', () => {
  test(
    `every valid declaration resolves, each workload where its level may live, deterministically (${CHEAP_RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(anyDeclaration, (declaration) => {
          const { problems, zone } = resolveLandingZone(declaration);
          expect(problems).toEqual([]);
          expect(zone).toBeDefined();
          const resolved = zone!;
          expect(resolved.placements.map((p) => p.workload)).toEqual(declaration.workloads.map((w) => w.name));
          declaration.workloads.forEach((w, i) => {
            const placement = resolved.placements[i];
            expect(placement.classification).toBe(w.classification);
            const decision = decidePlacement(
              resolved.profile,
              w.classification,
              placementTarget(resolved, placement.target),
            );
            expect(decision.status).toBe('allowed');
            if (w.region !== undefined)
              expect(placement.target).toMatchObject({ kind: 'cloud-region', region: w.region });
            if (w.site !== undefined) expect(placement.target).toEqual({ kind: 'site', site: w.site });
            expect(placement.pinned).toBe(w.region !== undefined || w.site !== undefined);
            // Services are built on sites only.
            if (w.services?.length) expect(placement.target.kind).toBe('site');
          });
          expect(resolved.flows).toHaveLength(declaration.flows?.length ?? 0);
          // Deterministic: the same declaration, the same places.
          const again = resolveLandingZone(declaration).zone!;
          expect(again.placements).toEqual(resolved.placements);
          expect(again.flows).toEqual(resolved.flows);
        }),
        parameters(CHEAP_RUNS),
      );
    },
    CHEAP_TIMEOUT,
  );
});

/** A valid declaration made unlawful, and where the refusal must point. */
interface Unlawful {
  readonly what: string;
  readonly declaration: LandingZoneDeclaration;
  /** The declaration path the refusal names, e.g. `workloads[1].classification`. */
  readonly path: string;
  /** The rule it names. */
  readonly rule: string;
}

/** Makes `d` unlawful, or returns undefined when it does not apply to `d` (e.g. a site mutation, no site). */
type Mutation = (d: LandingZoneDeclaration, n: number) => Unlawful | undefined;

const replaceWorkload = (d: LandingZoneDeclaration, i: number, w: WorkloadDeclaration): LandingZoneDeclaration => ({
  ...d,
  workloads: d.workloads.map((x, j) => (j === i ? w : x)),
});

const replaceSite = (d: LandingZoneDeclaration, k: number, site: SiteDeclaration): LandingZoneDeclaration => ({
  ...d,
  sites: d.sites!.map((x, j) => (j === k ? site : x)),
});

/** `base`, or `base-1`, `base-2`…: a name whose construct id none of `taken` builds. */
function fresh(base: string, taken: readonly string[]): string {
  const ids = new Set(taken.map(pascal));
  let name = base;
  for (let k = 1; ids.has(pascal(name)); k++) name = `${base}-${k}`;
  return name;
}

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;

/** Another DNS label that builds the same construct id as `name` (`ab-1` ↔ `ab1`, `a-b` → `a--b`), if any. */
function constructTwin(name: string): string | undefined {
  return [name.replace(/-(?=\d)/, ''), name.replace(/(?<=[a-z0-9])(?=\d)/, '-'), name.replace('-', '--')].find(
    (twin) => twin !== name && DNS_LABEL.test(twin) && pascal(twin) === pascal(name),
  );
}

/** Regions the mutations add: EU, the UK, the US and India. */
const REGIONS = ['eu-west-3', 'eu-south-2', 'eu-central-1', 'eu-west-2', 'us-east-1', 'ap-south-1'];

const regionAllows = (profile: JurisdictionProfile, level: ClassificationLevel, region: string) =>
  decidePlacement(profile, level, { kind: 'cloud-region', region }).status === 'allowed';

const exclusive = (profile: JurisdictionProfile, level: ClassificationLevel) =>
  profile.levels[level].keyCustody === 'customer-exclusive';

/** An image from a registry on no profile's allowlist, pinned by digest. */
const FOREIGN_IMAGE = `docker.io/library/nginx@sha256:${'0'.repeat(64)}`;

/** Where a refusal of workload `i`'s placement points: its pin, or its classification. */
function placementPath(w: WorkloadDeclaration, i: number): string {
  return `workloads[${i}].${w.region !== undefined ? 'region' : w.site !== undefined ? 'site' : 'classification'}`;
}

const MUTATIONS: readonly Mutation[] = [
  (d, n) => {
    const i = n % d.workloads.length;
    const w = { ...d.workloads[i], classification: 'secret' as ClassificationLevel };
    return {
      what: 'a secret workload',
      declaration: replaceWorkload(d, i, w),
      path: placementPath(w, i),
      rule: 'RES-1',
    };
  },
  (d, n) => {
    // A cloud region of the zone that may not hold sensitive data, or one added for the purpose
    // (Morocco: every cloud region; EU: a region outside the Union).
    const profile = resolveProfile(d.profile);
    const denies = (region: string) =>
      decidePlacement(profile, 'sensitive', { kind: 'cloud-region', region }).status !== 'allowed';
    const region = (d.regions ?? []).find(denies) ?? ['eu-west-3', 'us-east-1'].find(denies)!;
    const regions = (d.regions ?? []).includes(region) ? d.regions : [...(d.regions ?? []), region];
    const i = n % d.workloads.length;
    const { site: _site, ...rest } = d.workloads[i];
    const w: WorkloadDeclaration = { ...rest, classification: 'sensitive', region };
    return {
      what: `a sensitive workload pinned to ${region}`,
      declaration: { ...replaceWorkload(d, i, w), regions },
      path: `workloads[${i}].region`,
      rule: 'RES-1',
    };
  },
  (d, n) => {
    const from = d.workloads[n % d.workloads.length].name;
    const to = d.workloads[Math.floor(n / 7) % d.workloads.length].name;
    const flows = [
      ...(d.flows ?? []),
      { from: `${from}/public`, to: `${to}/data`, port: 5432, carries: 'public' as const },
    ];
    return {
      what: `a flow from the public tier of ${from} to the data tier of ${to}`,
      declaration: { ...d, flows },
      path: `flows[${flows.length - 1}]`,
      rule: 'NET-4',
    };
  },
  (d, n) => {
    const roles = ['management', 'logArchive', 'audit', 'network'] as const;
    const accounts = d.accounts ?? {};
    const names = Object.keys(accounts.workloads ?? {});
    const k = n % (roles.length + names.length);
    const short = String(10_000_000_000 + (n % 89_999_999_999)); // 11 digits
    const mutated =
      k < roles.length
        ? { ...accounts, [roles[k]]: short }
        : { ...accounts, workloads: { ...accounts.workloads, [names[k - roles.length]]: short } };
    return {
      what: 'an account id of 11 digits',
      declaration: { ...d, accounts: mutated },
      path: k < roles.length ? `accounts.${roles[k]}` : `accounts.workloads.${names[k - roles.length]}`,
      rule: 'DECLARATION',
    };
  },
  (d, n) => {
    const i = n % d.workloads.length;
    return {
      what: `a second workload named ${d.workloads[i].name}`,
      declaration: { ...d, workloads: [...d.workloads, d.workloads[i]] },
      path: `workloads[${d.workloads.length}].name`,
      rule: 'DECLARATION',
    };
  },
  (d, n) => {
    const i = n % d.workloads.length;
    const w = { ...d.workloads[i], name: `Workload_${i}` };
    return {
      what: 'a workload name that is not a DNS label',
      declaration: replaceWorkload(d, i, w),
      path: `workloads[${i}].name`,
      rule: 'DECLARATION',
    };
  },
  (d, n) => {
    const i = n % d.workloads.length;
    const { site: _site, ...rest } = d.workloads[i];
    const w: WorkloadDeclaration = { ...rest, region: 'ap-south-1' };
    return {
      what: 'a pin to a region outside the zone',
      declaration: replaceWorkload(d, i, w),
      path: `workloads[${i}].region`,
      rule: 'DECLARATION',
    };
  },
  (d) => {
    const sites = [
      ...(d.sites ?? []),
      {
        name: 'atlantis-1',
        storage: { driver: 'ceph-rbd' as const },
        logs: { host: 'logs.atlantis', cidrs: [], image: 'x' },
      },
    ];
    return {
      what: 'a site the profile does not declare',
      declaration: { ...d, sites },
      path: `sites[${sites.length - 1}].name`,
      rule: 'RES-1',
    };
  },
  (d) => ({
    what: 'the audit account is the log archive account',
    declaration: { ...d, accounts: { ...d.accounts, logArchive: '999999999999', audit: '999999999999' } },
    path: 'accounts.audit',
    rule: 'LOG-1',
  }),
  (d, n) => {
    // Names that differ only by dashes build the same construct id (`ab-1`, `ab1` → `Ab1`).
    const L = d.workloads.length;
    for (let k = 0; k < L; k++) {
      const w = d.workloads[(n + k) % L];
      const twin = constructTwin(w.name);
      if (twin === undefined) continue;
      return {
        what: `a workload named ${twin}, the same construct id as ${w.name}`,
        declaration: { ...d, workloads: [...d.workloads, { ...w, name: twin }] },
        path: `workloads[${L}].name`,
        rule: 'DECLARATION',
      };
    }
    return undefined;
  },
  (d) => {
    // The home region holds the shared stacks, whose level is the highest placed in the cloud:
    // a home region that may not hold a level pinned to another region of the zone.
    const profile = resolveProfile(d.profile);
    for (const level of ['personal', 'internal'] as const) {
      const holder = REGIONS.find((r) => regionAllows(profile, level, r) && !exclusive(profile, level));
      const home = REGIONS.find((r) => !regionAllows(profile, level, r));
      if (holder === undefined || home === undefined) continue;
      const regions = [home, ...(d.regions ?? []).filter((r) => r !== home && r !== holder), holder];
      const name = fresh(
        'shared',
        d.workloads.map((w) => w.name),
      );
      return {
        what: `home region ${home}, which may not hold the ${level} workload pinned to ${holder}`,
        declaration: { ...d, regions, workloads: [...d.workloads, { name, classification: level, region: holder }] },
        path: 'regions[0]',
        rule: 'RES-1',
      };
    }
    return undefined;
  },
  (d, n) => {
    // A level whose keys must be known only to the customer, in AWS (a region the law allows
    // for it, but the zone's keys are KMS keys): pinned there, or unpinned in a zone with no site.
    const profile = resolveProfile(d.profile);
    const level = CLASSIFICATION_LEVELS.find(
      (l) => exclusive(profile, l) && REGIONS.some((r) => regionAllows(profile, l, r)),
    );
    if (level === undefined) return undefined; // Morocco: such levels may not live in any cloud region
    const region = REGIONS.find((r) => regionAllows(profile, level, r))!;
    const regions = (d.regions ?? []).includes(region) ? d.regions : [...(d.regions ?? []), region];
    const i = n % d.workloads.length;
    const { site: _site, region: _region, ...rest } = d.workloads[i];
    const pinned = (d.sites ?? []).length > 0 || n % 2 === 0;
    const w: WorkloadDeclaration = { ...rest, classification: level, ...(pinned ? { region } : {}) };
    return {
      what: `a ${level} workload (customer-exclusive keys) ${pinned ? `pinned to ${region}` : 'in a zone with no site'}`,
      declaration: { ...replaceWorkload(d, i, w), regions },
      path: `workloads[${i}].${pinned ? 'region' : 'classification'}`,
      rule: 'RES-1',
    };
  },
  (d, n) => {
    // A log store kept less than the profile's minimum (LOG-2), or kept a number of days
    // CloudWatch Logs does not accept (DECLARATION).
    const profile = resolveProfile(d.profile);
    const min = profile.logRetentionMinDays;
    const below = n % 2 === 0;
    let retentionDays = below ? 1 + (n % (min - 1)) : min + 1 + (n % 1000);
    while (!below && LOG_RETENTION_DAYS_ACCEPTED.includes(retentionDays)) retentionDays++;
    const i = n % d.workloads.length;
    const stores = d.workloads[i].stores ?? [];
    const name = fresh(
      'kept-logs',
      stores.map((s) => s.name),
    );
    const w = { ...d.workloads[i], stores: [...stores, { name, kind: 'logs' as const, retentionDays }] };
    return {
      what: `a log store kept ${retentionDays} days`,
      declaration: replaceWorkload(d, i, w),
      path: `workloads[${i}].stores[${stores.length}].retentionDays`,
      rule: below ? 'LOG-2' : 'DECLARATION',
    };
  },
  (d, n) => {
    // On a site, the site's collector keeps the logs: a log store declares no retention.
    const onSite = d.workloads.map((w, i) => [w, i] as const).filter(([w]) => w.site !== undefined);
    if (!onSite.length) return undefined;
    const [w, i] = onSite[n % onSite.length];
    const stores = w.stores ?? [];
    const name = fresh(
      'kept-logs',
      stores.map((s) => s.name),
    );
    return {
      what: `a log store with its own retention on site ${w.site}`,
      declaration: replaceWorkload(d, i, {
        ...w,
        stores: [...stores, { name, kind: 'logs' as const, retentionDays: 3653 }],
      }),
      path: `workloads[${i}].stores[${stores.length}].retentionDays`,
      rule: 'DECLARATION',
    };
  },
  (d, n) => {
    // What a site uses must be on the profile's allowlists: its log collector (RES-3), backup
    // location (BCK-1) and key manager (KEY-1).
    if (!d.sites?.length) return undefined;
    const k = n % d.sites.length;
    const site = d.sites[k];
    const variants: [SiteDeclaration, string, string][] = [
      [{ ...site, logs: { ...site.logs, host: 'logs.elsewhere.example' } }, 'logs.host', 'RES-3'],
      [{ ...site, backupLocation: 's3-elsewhere' }, 'backupLocation', 'BCK-1'],
      [
        { ...site, storage: { ...site.storage, driver: 'ceph-rbd', kmsId: 'vault-elsewhere' } },
        'storage.kmsId',
        'KEY-1',
      ],
    ];
    const [mutated, field, rule] = variants[Math.floor(n / 7) % variants.length];
    return {
      what: `site ${site.name}'s ${field} off the profile's allowlist`,
      declaration: replaceSite(d, k, mutated),
      path: `sites[${k}].${field}`,
      rule,
    };
  },
  (d, n) => {
    // Images from a registry off the profile's allowlist (K8S-4): the log forwarder of a site,
    // or a service.
    if (d.sites?.length && n % 2 === 0) {
      const k = n % d.sites.length;
      const site = d.sites[k];
      return {
        what: `site ${site.name}'s log forwarder image from docker.io`,
        declaration: replaceSite(d, k, { ...site, logs: { ...site.logs, image: FOREIGN_IMAGE } }),
        path: `sites[${k}].logs.image`,
        rule: 'K8S-4',
      };
    }
    const i = n % d.workloads.length;
    const services = d.workloads[i].services ?? [];
    const name = fresh(
      'web',
      services.map((s) => s.name),
    );
    const w = {
      ...d.workloads[i],
      services: [...services, { name, tier: 'public' as const, image: FOREIGN_IMAGE, port: 8080 }],
    };
    return {
      what: `a service of ${d.workloads[i].name} with an image from docker.io`,
      declaration: replaceWorkload(d, i, w),
      path: `workloads[${i}].services[${services.length}].image`,
      rule: 'K8S-4',
    };
  },
  (d, n) => {
    // A Longhorn site (keys in a Kubernetes secret) with a ceiling whose keys must be known only
    // to the customer (KEY-1).
    if (!d.sites?.length) return undefined;
    const profile = resolveProfile(d.profile);
    const k = n % d.sites.length;
    const site = d.sites[k];
    const known = profile.sites.find((s) => s.name === site.name)!;
    const level = CLASSIFICATION_LEVELS.find(
      (l) => exclusive(profile, l) && decidePlacement(profile, l, { kind: 'site', site: known }).status === 'allowed',
    );
    if (level === undefined) return undefined;
    return {
      what: `a Longhorn site with ceiling ${level}`,
      declaration: replaceSite(d, k, { ...site, storage: { driver: 'longhorn' }, classificationCeiling: level }),
      path: `sites[${k}].classificationCeiling`,
      rule: 'KEY-1',
    };
  },
  (d, n) => {
    // A workload pinned to a site above the site's ceiling.
    if (!d.sites?.length) return undefined;
    const k = n % d.sites.length;
    const site = d.sites[k];
    const name = fresh(
      'above-ceiling',
      d.workloads.map((w) => w.name),
    );
    return {
      what: `an internal workload pinned to ${site.name}, whose ceiling is public`,
      declaration: {
        ...replaceSite(d, k, { ...site, classificationCeiling: 'public' }),
        workloads: [...d.workloads, { name, classification: 'internal', site: site.name }],
      },
      path: `workloads[${d.workloads.length}].site`,
      rule: 'RES-1',
    };
  },
];

/**
 * Mutation `m` of a valid declaration, or the next one that applies to it. (Not `.filter`: the
 * declarations come from `fc.gen()`, whose values fast-check clones, and a filter on them would
 * read a clone through the mapper.)
 */
const unlawfulDeclaration: fc.Arbitrary<Unlawful> = fc
  .tuple(anyDeclaration, fc.nat({ max: MUTATIONS.length - 1 }), fc.nat())
  .map(([declaration, m, n]) => {
    for (let k = 0; k < MUTATIONS.length; k++) {
      const unlawful = MUTATIONS[(m + k) % MUTATIONS.length](declaration, n);
      if (unlawful) return unlawful;
    }
    throw new Error('no mutation applies'); // the log-store mutation applies to every declaration
  });

describe('unlawful declarations', () => {
  test(
    `every unlawful mutation of a valid declaration is refused, naming its path and rule (${CHEAP_RUNS} runs)`,
    () => {
      fc.assert(
        fc.property(unlawfulDeclaration, ({ declaration, path, rule }) => {
          let error: unknown;
          try {
            new LandingZone(declaration);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DeclarationError);
          expect((error as DeclarationError).message).toContain(`${path}: ${rule}: `);
        }),
        parameters(CHEAP_RUNS),
      );
    },
    CHEAP_TIMEOUT,
  );
});
