import type {
  FlowDeclaration,
  LandingZoneDeclaration,
  WorkloadDeclaration,
} from '../constructs/landing-zone/declaration';

/**
 * The shape of the generated landing zones of the benchmarks: deterministic (no randomness),
 * lawful under the benchmark profile (generate.ts), and mixed so that both worlds grow with N.
 *
 * Workload i takes the kind `KINDS[i % 6]`: two thirds go to the AWS regions (public and
 * internal, in Paris and Spain, over five workload accounts; half of them pinned to a region,
 * half placed by classification), one third is `sensitive` and lives on one of the two
 * in-country sites (Casablanca, Rabat) with one or two services. Every workload has one or two
 * stores. Flows: each two-service site workload talks to its own data tier; each internal
 * records workload asks the next registry (carrying `internal`, across worlds); each
 * Casablanca registry after the first calls the previous one (a same-site flow: network
 * policies on both sides).
 *
 * Stacks are partitioned by workload (one CloudFormation stack each, at most 12 resources);
 * the shared stacks (organization, log archive, one network per region) do not grow with N.
 */

/** The regions of generated zones, the home region first. */
export const BENCH_REGIONS = ['eu-west-3', 'eu-south-2'] as const;
/** The in-country sites of generated zones. */
export const BENCH_SITES = ['ma-casablanca-1', 'ma-rabat-1'] as const;
/** How many workload accounts the workloads are spread over. */
export const BENCH_ACCOUNTS = 5;

const digest = (c: string) => c.repeat(64);
const image = (repository: string, hex: string) => `registry.gov.ma/${repository}@sha256:${digest(hex)}`;

/** The six workload shapes, cycled. */
export const KINDS = ['portal', 'records', 'analytics', 'archive', 'registry', 'cases'] as const;
export type WorkloadKind = (typeof KINDS)[number];

/** The kind of workload `i`. */
export function kindOf(i: number): WorkloadKind {
  return KINDS[i % KINDS.length];
}

/** The prefix of each kind's workload names (short: a same-site flow's policy names join two of them). */
const PREFIXES: Readonly<Record<WorkloadKind, string>> = {
  portal: 'web',
  records: 'rec',
  analytics: 'ana',
  archive: 'arc',
  registry: 'reg',
  cases: 'cas',
};

/** The name of workload `i` (a DNS label, unique, stable as N grows), e.g. `reg-0004`. */
export function workloadName(i: number): string {
  return `${PREFIXES[kindOf(i)]}-${String(i).padStart(4, '0')}`;
}

/** The 12-digit id of workload account `k`. */
export function accountId(k: number): string {
  return String(500000000000 + k);
}

function workload(i: number): WorkloadDeclaration {
  const name = workloadName(i);
  const account = `dept-${i % BENCH_ACCOUNTS}`;
  switch (kindOf(i)) {
    case 'portal':
      // Placed by classification: the first region (Paris).
      return { name, classification: 'public', account, stores: [{ name: 'content', kind: 'objects' }] };
    case 'records':
      return {
        name,
        classification: 'internal',
        account,
        stores: [
          { name: 'documents', kind: 'objects' },
          { name: 'app-logs', kind: 'logs' },
        ],
      };
    case 'analytics':
      return {
        name,
        classification: 'internal',
        account,
        region: 'eu-south-2',
        stores: [
          { name: 'datasets', kind: 'objects' },
          { name: 'jobs', kind: 'logs' },
        ],
      };
    case 'archive':
      return {
        name,
        classification: 'public',
        account,
        region: 'eu-south-2',
        stores: [{ name: 'access', kind: 'logs' }],
      };
    case 'registry':
      return {
        name,
        classification: 'sensitive',
        site: 'ma-casablanca-1',
        owners: [`${name}-team`],
        stores: [{ name: 'registry', kind: 'objects' }],
        services: [
          {
            name: 'api',
            tier: 'application',
            image: image('registry/api', 'a'),
            port: 8443,
            healthCheckPath: '/healthz',
          },
          {
            name: 'database',
            tier: 'data',
            image: image('registry/postgres', 'b'),
            port: 5432,
            replicas: 1,
            writablePaths: ['/tmp', '/var/run/postgresql'],
            // As the example's database: its data on the pod's encrypted volume, PGDATA a
            // subdirectory of it, the password from a Secret.
            dataPath: '/var/lib/postgresql/data',
            env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
            secrets: { POSTGRES_PASSWORD: { secret: 'registry-database', key: 'password' } },
          },
        ],
      };
    case 'cases':
      return {
        name,
        classification: 'sensitive',
        site: 'ma-rabat-1',
        owners: [`${name}-team`],
        // Logs only: an object store on a site is held by a data-tier service's volumes.
        stores: [{ name: 'audit', kind: 'logs' }],
        services: [{ name: 'api', tier: 'application', image: image('cases/api', 'c'), port: 8443 }],
      };
  }
}

function flows(n: number): FlowDeclaration[] {
  const out: FlowDeclaration[] = [];
  for (let i = 0; i < n; i++) {
    const kind = kindOf(i);
    if (kind === 'registry') {
      out.push({ from: `${workloadName(i)}/application`, to: `${workloadName(i)}/data`, port: 5432 });
      // Same site: a TierFlow (an egress and an ingress policy).
      if (i >= KINDS.length) out.push({ from: workloadName(i), to: workloadName(i - KINDS.length), port: 8443 });
    }
    // Across worlds: the records service asks the registry whether a person exists (the answer is internal).
    if (kind === 'records' && i + 3 < n)
      out.push({ from: workloadName(i), to: workloadName(i + 3), port: 8443, carries: 'internal' });
  }
  return out;
}

/**
 * The declaration of the generated zone of `n` workloads (n ≥ 1), except its profile: the
 * same for the same `n`; the zone of n + 1 workloads extends the zone of n by one workload
 * (and its flows). Pure data, so that the bare-framework builders (bare.ts) load nothing of
 * sovereign-lz.
 */
export function zoneShape(n: number): Omit<LandingZoneDeclaration, 'profile'> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`generateLandingZone: n must be a positive integer, got ${n}`);
  const workloads: Record<string, string> = {};
  for (let k = 0; k < BENCH_ACCOUNTS; k++) workloads[`dept-${k}`] = accountId(k);
  return {
    name: `bench-${n}`,
    regions: [...BENCH_REGIONS],
    organization: { id: 'o-a1b2c3d4e5', rootId: 'r-a1b2' },
    accounts: {
      management: '111111111111',
      logArchive: '222222222222',
      audit: '333333333333',
      network: '444444444444',
      workloads,
    },
    network: { reservedCidrs: ['10.10.0.0/16', '172.16.0.0/12'] },
    sites: [
      {
        name: 'ma-casablanca-1',
        storage: { driver: 'ceph-rbd', clusterId: 'ceph-casablanca', pool: 'sensitive', kmsId: 'vault-casablanca' },
        logs: { host: 'logs.casablanca.gov.ma', cidrs: ['10.30.0.0/24'], image: image('mirror/fluent-bit', 'f') },
        backupLocation: 'minio-casablanca',
      },
      {
        name: 'ma-rabat-1',
        storage: { driver: 'ceph-rbd', clusterId: 'ceph-rabat', pool: 'sensitive', kmsId: 'vault-rabat' },
        logs: { host: 'logs.rabat.gov.ma', cidrs: ['10.31.0.0/24'], image: image('mirror/fluent-bit', 'f') },
        backupLocation: 'minio-rabat',
      },
    ],
    workloads: Array.from({ length: n }, (_, i) => workload(i)),
    flows: flows(n),
  };
}
