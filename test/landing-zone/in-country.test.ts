import type { TerraformStack } from 'cdktf';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildInCountryZone,
  createInCountryApp,
  sitePrerequisites,
  type InCountryZone,
} from '../../constructs/landing-zone/in-country-zone';
import { resolveLandingZone } from '../../constructs/landing-zone/resolve';
import type { LandingZoneDeclaration, ServiceDeclaration } from 'sovereign-lz/landing-zone';
import { loadLandingZone } from 'sovereign-lz/landing-zone';
import { publicSectorProfile } from '../../examples/morocco-public-sector/profile';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';
import { objectsOfKind } from '../kubernetes/helpers';
import { refusal } from './helpers';

type Spec = Record<string, any>;

/** The in-country side of a declaration (its AWS side is not built). */
function inCountry(declaration: LandingZoneDeclaration): InCountryZone {
  const { problems, zone } = resolveLandingZone(declaration);
  expect(problems).toEqual([]);
  return buildInCountryZone(zone!, createInCountryApp());
}

const registry = moroccoPublicSector.workloads.find((w) => w.name === 'civil-registry')!;
const [api, database] = registry.services!;

/** The civil registry alone on the Casablanca site, with its services and stores changed as given. */
function siteOnly(
  overrides: { services?: ServiceDeclaration[]; stores?: LandingZoneDeclaration['workloads'][number]['stores'] } = {},
  site: Partial<NonNullable<LandingZoneDeclaration['sites']>[number]> = {},
): LandingZoneDeclaration {
  return {
    name: 'in-country',
    profile: publicSectorProfile,
    sites: [{ ...moroccoPublicSector.sites![0], ...site }],
    workloads: [{ ...registry, ...overrides }],
    flows: [{ from: 'civil-registry/application', to: 'civil-registry/data', port: 5432 }],
  };
}

const stackOf = (zone: InCountryZone) => zone.sites.get('ma-casablanca-1')!;

describe('the default example on its site', () => {
  const zone = inCountry(moroccoPublicSector);
  const site = stackOf(zone);

  test('the database is a StatefulSet keeping its data on a volume of the site’s encrypted class', () => {
    expect(objectsOfKind(site, 'Deployment').map((d) => d.metadata!.name)).toEqual(['api']);
    const [set] = objectsOfKind(site, 'StatefulSet');
    expect(set.metadata).toMatchObject({ name: 'database', namespace: 'civil-registry-data' });
    const spec = set.spec as Spec;
    const [storageClass] = objectsOfKind(site, 'StorageClass');
    expect(storageClass.metadata!.name).toBe('encrypted');
    expect(spec.volumeClaimTemplates).toEqual([
      expect.objectContaining({
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'encrypted',
          resources: { requests: { storage: '10Gi' } },
        },
      }),
    ]);
    const [container] = spec.template.spec.containers;
    // Where the official PostgreSQL image writes, as the example declares it (PGDATA a subdirectory).
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
        expect.objectContaining({
          name: 'POSTGRES_PASSWORD',
          valueFrom: { secretKeyRef: { name: 'registry-database', key: 'password' } },
        }),
      ]),
    );
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(spec.serviceName).toBe('database-headless');
    expect(objectsOfKind(site, 'Service').map((s) => s.metadata!.name)).toEqual(
      expect.arrayContaining(['api', 'database', 'database-headless']),
    );
  });

  test('its objects store is held by the data tier’s volumes', () => {
    expect(zone.stores.get('civil-registry/registry')!.map((w) => w.workloadName)).toEqual(['database']);
  });

  test('the data tier is backed up by CSI snapshots moved to the in-country location', () => {
    const [schedule] = objectsOfKind(site, 'Schedule');
    expect((schedule.spec as Spec).template).toEqual({
      includedNamespaces: ['civil-registry-data'],
      storageLocation: 'minio-casablanca',
      ttl: '720h0m0s',
      defaultVolumesToFsBackup: false,
      snapshotVolumes: true,
      snapshotMoveData: true,
    });
  });

  test('the API on 8443 is probed over HTTPS, the database over TCP', () => {
    const probe = (kind: string) =>
      ((objectsOfKind(site, kind)[0].spec as Spec).template.spec.containers[0] as Spec).readinessProbe;
    expect(probe('Deployment')).toEqual({
      httpGet: { path: '/healthz', port: 'main', scheme: 'HTTPS' },
      periodSeconds: 10,
    });
    expect(probe('StatefulSet')).toEqual({ tcpSocket: { port: 'main' }, periodSeconds: 10 });
  });

  test('the log forwarder’s quota fits the default 100 nodes', () => {
    const quota = objectsOfKind(site, 'ResourceQuota').find((q) => q.metadata!.namespace === 'sovereign-lz-logs')!;
    expect((quota.spec as Spec).hard).toMatchObject({
      pods: '101',
      'limits.cpu': '20200m',
      'limits.memory': '25856Mi',
    });
  });

  test('what the site needs before the first apply, in order', () => {
    const prerequisites = sitePrerequisites(zone);
    const image = (repository: string, c: string) =>
      `placeholder-image:ma-casablanca-1:registry.gov.ma/${repository}@sha256:${c.repeat(64)}`;
    expect(prerequisites.map((p) => p.id)).toEqual([
      image('mirror/fluent-bit', 'f'),
      image('civil-registry/api', 'a'),
      image('civil-registry/postgres', 'b'),
      'kubernetes-version:ma-casablanca-1',
      'csi-driver:ma-casablanca-1:rbd.csi.ceph.com',
      'network-policy:ma-casablanca-1',
      'secret:ma-casablanca-1:civil-registry-data/registry-database',
      'velero:ma-casablanca-1',
      'backup-location:ma-casablanca-1:minio-casablanca',
      'volume-snapshot-class:ma-casablanca-1',
      'crd:ma-casablanca-1:schedules.velero.io',
      'crd:ma-casablanca-1:volumesnapshotclasses.snapshot.storage.k8s.io',
      'crd:ma-casablanca-1:volumesnapshotcontents.snapshot.storage.k8s.io',
      'crd:ma-casablanca-1:volumesnapshots.snapshot.storage.k8s.io',
      'namespace:ma-casablanca-1:velero',
    ]);
    expect(prerequisites.filter((p) => p.name === 'schedules.velero.io' || p.name === 'velero')).toEqual([
      expect.objectContaining({
        kind: 'kubernetes-crd',
        target: 'site:ma-casablanca-1',
        commands: [['velero', 'install', '--crds-only', '--kubecontext', 'ma-casablanca-1']],
      }),
      expect.objectContaining({
        kind: 'kubernetes-namespace',
        target: 'site:ma-casablanca-1',
        commands: [['kubectl', '--context', 'ma-casablanca-1', 'create', 'namespace', 'velero']],
      }),
    ]);
    // Deterministic: a second build lists the same.
    expect(sitePrerequisites(inCountry(moroccoPublicSector))).toEqual(prerequisites);
  });
});

describe('declared storage, TLS and node count are built as declared', () => {
  test('dataPath and storageSize of a data-tier service; the data tier’s quota holds every volume', () => {
    const zone = inCountry(
      siteOnly({
        services: [
          api,
          { ...database, replicas: 3, dataPath: '/var/lib/postgresql/data', storageSize: '50Gi' },
          { name: 'cache', tier: 'data', image: database.image, port: 6379, replicas: 1 },
        ],
      }),
    );
    const site = stackOf(zone);
    const sets = Object.fromEntries(objectsOfKind(site, 'StatefulSet').map((s) => [s.metadata!.name, s.spec as Spec]));
    expect(sets.database.template.spec.containers[0].volumeMounts).toContainEqual({
      name: 'data',
      mountPath: '/var/lib/postgresql/data',
    });
    expect(sets.database.volumeClaimTemplates[0].spec.resources).toEqual({ requests: { storage: '50Gi' } });
    expect(sets.cache.volumeClaimTemplates[0].spec.resources).toEqual({ requests: { storage: '10Gi' } });
    const quota = objectsOfKind(site, 'ResourceQuota').find((q) => q.metadata!.namespace === 'civil-registry-data')!;
    // 3 × 50Gi + 1 × 10Gi, above the default 100Gi.
    expect((quota.spec as Spec).hard).toMatchObject({ 'requests.storage': '160Gi', persistentvolumeclaims: '10' });
    expect(zone.stores.get('civil-registry/registry')!.map((w) => w.workloadName)).toEqual(['database', 'cache']);
  });

  test('tls: false on 8443 probes over HTTP; tls: true on 9443 over HTTPS', () => {
    const scheme = (service: ServiceDeclaration) => {
      const site = stackOf(inCountry(siteOnly({ services: [service, database] })));
      return ((objectsOfKind(site, 'Deployment')[0].spec as Spec).template.spec.containers[0] as Spec).readinessProbe
        .httpGet.scheme;
    };
    expect(scheme({ ...api, tls: false })).toBe('HTTP');
    expect(scheme({ ...api, port: 9443, tls: true })).toBe('HTTPS');
  });

  test.each([
    [16, '17'],
    [200, '201'],
  ])('maxNodes %i sizes the log forwarder’s quota for %s pods', (maxNodes, pods) => {
    const site = stackOf(inCountry(siteOnly({}, { maxNodes })));
    const quota = objectsOfKind(site, 'ResourceQuota').find((q) => q.metadata!.namespace === 'sovereign-lz-logs')!;
    expect((quota.spec as Spec).hard).toMatchObject({ pods });
  });
});

describe('what cannot be built is refused, naming the declaration path', () => {
  test('an objects store on a site without a data-tier service', () => {
    expect(refusal(siteOnly({ services: [api] }))).toContain(
      "workloads[0].stores[0]: DECLARATION: store 'registry' (objects) of workload 'civil-registry' on site 'ma-casablanca-1' is kept on the volumes of the workload's data-tier services, and it declares none: nothing would hold it. Declare the service that keeps it in `services`, with `tier: data` and its `dataPath`",
    );
  });

  test('a logs store on a site is the site’s forwarded logs: built, not refused', () => {
    const zone = inCountry(siteOnly({ services: [api], stores: [{ name: 'audit', kind: 'logs' }] }));
    expect(objectsOfKind(stackOf(zone), 'DaemonSet').map((d) => d.metadata!.name)).toEqual(['log-forwarder']);
  });

  test('dataPath or storageSize outside the data tier', () => {
    const message = refusal(siteOnly({ services: [{ ...api, dataPath: '/data', storageSize: '1Gi' }, database] }));
    expect(message).toContain(
      'workloads[0].services[0].dataPath: DECLARATION: `dataPath` applies to services of the data tier only: the others run without a volume',
    );
    expect(message).toContain('workloads[0].services[0].storageSize: DECLARATION: `storageSize` applies');
  });

  test('a data path over a writable path, a size that is no quantity, a node count out of range', () => {
    const message = refusal(
      siteOnly(
        { services: [api, { ...database, dataPath: '/var/run/postgresql/data', storageSize: 'big' }] },
        { maxNodes: 0 },
      ),
    );
    expect(message).toContain(
      "sites[0].maxNodes: PROPS: maxNodes must be a whole number from 1 to 5000 (Kubernetes' largest cluster), got 0",
    );
    expect(message).toContain(
      "workloads[0].services[1].dataPath: PROPS: dataPath '/var/run/postgresql/data' overlaps the writable path '/var/run/postgresql'",
    );
    expect(message).toContain(
      "workloads[0].services[1].storageSize: PROPS: storageSize 'big' is not a storage quantity above zero",
    );
  });
});

describe('a declaration file takes the new fields', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slz-in-country-'));
  writeFileSync(join(dir, 'profile.json'), JSON.stringify(publicSectorProfile));
  const file = (maxNodes: number) => {
    const path = join(dir, `zone-${maxNodes}.yaml`);
    writeFileSync(
      path,
      `name: files
profile: profile.json
sites:
  - name: ma-casablanca-1
    storage: { driver: ceph-rbd, kmsId: vault-casablanca }
    logs: { host: logs.casablanca.gov.ma, cidrs: [10.30.0.0/24], image: "${database.image}" }
    maxNodes: ${maxNodes}
workloads:
  - name: registry
    classification: sensitive
    stores: [{ name: records, kind: objects }]
    services:
      - { name: api, tier: application, image: "${api.image}", port: 9443, tls: true, healthCheckPath: /healthz }
      - name: db
        tier: data
        image: "${database.image}"
        port: 5432
        dataPath: /var/lib/db
        storageSize: 20Gi
`,
    );
    return path;
  };

  test('maxNodes, tls, dataPath and storageSize load and are built', () => {
    const site = loadLandingZone(file(16)).build().inCountryZone!.sites.get('ma-casablanca-1') as TerraformStack;
    const [set] = objectsOfKind(site, 'StatefulSet');
    expect((set.spec as Spec).template.spec.containers[0].volumeMounts).toContainEqual({
      name: 'data',
      mountPath: '/var/lib/db',
    });
    expect((set.spec as Spec).volumeClaimTemplates[0].spec.resources).toEqual({ requests: { storage: '20Gi' } });
    const [deployment] = objectsOfKind(site, 'Deployment');
    expect((deployment.spec as Spec).template.spec.containers[0].readinessProbe.httpGet.scheme).toBe('HTTPS');
    const quota = objectsOfKind(site, 'ResourceQuota').find((q) => q.metadata!.namespace === 'sovereign-lz-logs')!;
    expect((quota.spec as Spec).hard).toMatchObject({ pods: '17' });
  });

  test('a maxNodes above 5000 is refused by the schema, with its line', () => {
    expect(() => loadLandingZone(file(6000))).toThrow(/zone-6000\.yaml:7:15: \/sites\/0\/maxNodes must be <= 5000$/);
  });
});
