import { TerraformStack, Testing } from 'cdktf';
import { EncryptedStorageClass } from '../../constructs/kubernetes/encrypted-storage-class';
import {
  HardenedStatefulWorkload,
  type HardenedStatefulWorkloadProps,
} from '../../constructs/kubernetes/hardened-stateful-workload';
import { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { SovereignNamespace, type SovereignNamespaceProps } from '../../constructs/kubernetes/sovereign-namespace';
import { invalidObjects, MOROCCO, objectsOfKind, ownResources, testCluster } from './helpers';

const IMAGE = `registry.gov.ma/records/postgres@sha256:${'0123456789abcdef'.repeat(4)}`;
const CEPH = { type: 'ceph-rbd', clusterId: 'ceph-casa', pool: 'sensitive', kmsId: 'vault-casablanca' } as const;

function database(
  props: Partial<HardenedStatefulWorkloadProps> = {},
  options: { namespace?: SovereignNamespaceProps; defaultClass?: boolean } = {},
) {
  const cluster = testCluster();
  const storage = new EncryptedStorageClass(cluster, 'Encrypted', {
    driver: CEPH,
    isDefault: options.defaultClass ?? true,
  });
  const ns = new SovereignNamespace(cluster, 'RecordsData', { tier: 'data', ...options.namespace });
  const w = new HardenedStatefulWorkload(ns, 'Database', {
    image: IMAGE,
    ports: [{ containerPort: 5432, name: 'postgres' }],
    replicas: 1,
    dataPath: '/var/lib/postgresql/data',
    writablePaths: ['/tmp', '/var/run/postgresql'],
    ...props,
  });
  return { w, storage, stack: cluster.node.scope as TerraformStack };
}

type Spec = Record<string, any>;

function statefulSet(stack: TerraformStack): Spec {
  const [set] = objectsOfKind(stack, 'StatefulSet');
  return set.spec as Spec;
}

test('keeps its data on a volume per pod of the encrypted class, mounted writable at the data path', () => {
  const { stack, storage } = database({ storageSize: '50Gi' });
  expect(storage.storageClassName).toBe('encrypted');
  const spec = statefulSet(stack);
  expect(spec.volumeClaimTemplates).toEqual([
    {
      metadata: {
        name: 'data',
        labels: {
          'app.kubernetes.io/name': 'database',
          'sovereign-lz.io/classification': 'sensitive',
          'sovereign-lz.io/jurisdiction': 'morocco',
          'sovereign-lz.io/tier': 'data',
        },
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'encrypted',
        resources: { requests: { storage: '50Gi' } },
      },
    },
  ]);
  const [container] = spec.template.spec.containers;
  expect(container.volumeMounts).toEqual([
    { name: 'writable-0', mountPath: '/tmp' },
    { name: 'writable-1', mountPath: '/var/run/postgresql' },
    { name: 'data', mountPath: '/var/lib/postgresql/data' },
  ]);
  // The claim template provides the `data` volume: the pod declares only its scratch directories.
  expect(spec.template.spec.volumes.map((v: Spec) => v.name)).toEqual(['writable-0', 'writable-1']);
  expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
});

test('runs restricted, on the site, with its group owning the volume', () => {
  const pod = statefulSet(database().stack).template.spec;
  expect(pod.securityContext).toEqual({
    runAsNonRoot: true,
    runAsUser: 10001,
    runAsGroup: 10001,
    fsGroup: 10001,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(pod.containers[0].securityContext).toEqual({
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
    { matchExpressions: [{ key: 'topology.kubernetes.io/region', operator: 'In', values: ['ma-casablanca'] }] },
  ]);
  expect(pod.containers[0].readinessProbe).toEqual({ tcpSocket: { port: 'postgres' }, periodSeconds: 10 });
});

test('is governed by its headless Service, keeps its claims, and is reached through a ClusterIP Service', () => {
  const { stack, w } = database();
  const spec = statefulSet(stack);
  expect(spec).toMatchObject({
    serviceName: 'database-headless',
    replicas: 1,
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate' },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
  });
  const services = objectsOfKind(stack, 'Service').map((s) => [s.metadata?.name, s.spec]);
  expect(services).toEqual([
    [
      'database-headless',
      {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: { 'app.kubernetes.io/name': 'database' },
        ports: [{ name: 'postgres', port: 5432, targetPort: 'postgres', protocol: 'TCP' }],
      },
    ],
    [
      'database',
      {
        type: 'ClusterIP',
        selector: { 'app.kubernetes.io/name': 'database' },
        ports: [{ name: 'postgres', port: 5432, targetPort: 'postgres', protocol: 'TCP' }],
      },
    ],
  ]);
  expect(w.headlessService).toBeDefined();
  expect(w.service).toBeDefined();
});

test('defaults: /data, 10Gi, the cluster default encrypted class, else the cluster default class', () => {
  const spec = statefulSet(database({ dataPath: undefined, storageSize: undefined }).stack);
  expect(spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
  expect(spec.volumeClaimTemplates[0].spec).toEqual({
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'encrypted',
    resources: { requests: { storage: '10Gi' } },
  });
  const noDefault = statefulSet(database({}, { defaultClass: false }).stack);
  expect(noDefault.volumeClaimTemplates[0].spec.storageClassName).toBeUndefined();
});

test('matches the snapshot of its default', () => {
  expect(ownResources(database().w)).toMatchSnapshot();
});

test('renders only objects valid against the Kubernetes OpenAPI schemas', () => {
  expect(invalidObjects(database().stack)).toEqual([]);
});

test('fails if the data path overlaps a writable path, or is not absolute', () => {
  expect(() => database({ dataPath: '/tmp/pg' })).toThrow(
    "[K/Casablanca/RecordsData/Database] PROPS: dataPath '/tmp/pg' overlaps the writable path '/tmp': the volume and the memory-backed directory would hide each other",
  );
  expect(() => database({ dataPath: 'data' })).toThrow(
    "[K/Casablanca/RecordsData/Database] PROPS: dataPath 'data' must be an absolute path below /",
  );
  expect(() => database({ dataPath: '/' })).toThrow(/dataPath '\/' must be an absolute path below \//);
});

test('fails if the size is not a storage quantity', () => {
  expect(() => database({ storageSize: 'ten gigs' })).toThrow(
    "[K/Casablanca/RecordsData/Database] PROPS: storageSize 'ten gigs' is not a storage quantity above zero (e.g. '10Gi')",
  );
  expect(() => database({ storageSize: '0' })).toThrow(/storageSize '0' is not a storage quantity above zero/);
});

test("fails if the replicas' volumes exceed the namespace's quota (K8S-3)", () => {
  expect(() => database({ replicas: 3, storageSize: '40Gi' })).toThrow(
    "[K/Casablanca/RecordsData/Database] K8S-3: 3 volumes of 40Gi exceed the 100Gi of storage of the quota of namespace 'records-data' (DNSSI). Lower replicas or storageSize, or raise the quota of namespace 'records-data'",
  );
  expect(() => database({ replicas: 3 }, { namespace: { quota: { persistentVolumeClaims: 2 } } })).toThrow(
    /K8S-3: 3 replicas need 3 volume claims, above the 2 of the quota of namespace 'records-data'/,
  );
  expect(
    () => database({ replicas: 3, storageSize: '40Gi' }, { namespace: { quota: { requestsStorage: '120Gi' } } }).w,
  ).not.toThrow();
});

test('fails if its name is too long for the pods of a StatefulSet', () => {
  expect(() => database({ name: 'a'.repeat(53) })).toThrow(
    `PROPS: name '${'a'.repeat(53)}' is longer than 52 characters, the most a StatefulSet's pods can be labelled with`,
  );
});

test('fails if the storage class belongs to another cluster', () => {
  const rabat = new SovereignCluster(new TerraformStack(Testing.app(), 'R'), 'Rabat', {
    profile: MOROCCO,
    site: 'ma-casablanca-1',
    kubeconfigContext: 'rabat',
  });
  const other = new EncryptedStorageClass(rabat, 'Elsewhere', { driver: CEPH });
  expect(() => database({ storageClass: other })).toThrow(
    "[K/Casablanca/RecordsData/Database] PROPS: storageClass 'elsewhere' belongs to cluster 'R/Rabat', not 'K/Casablanca'",
  );
});
