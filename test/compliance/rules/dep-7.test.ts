import type { KubernetesObject } from '../../../constructs/compliance/normalize/kubernetes-objects';
import { dep, judgeStacks, passes, prerequisite, zone } from '../fixtures/dep/judge';

const WRITABLE = 'DEP-7/writable-storage';
const PERSISTENT = 'DEP-7/persistent-data';
const PROBES = 'DEP-7/probe-scheme';
const PREREQUISITES = 'DEP-7/cluster-prerequisites';

const namespace = (name: string, tier?: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: tier ? { 'sovereign-lz.io/tier': tier } : {} },
});

interface WorkloadOptions {
  readonly kind?: 'Deployment' | 'StatefulSet';
  readonly namespace?: string;
  readonly image?: string;
  readonly volumes?: unknown[];
  readonly mounts?: unknown[];
  readonly claimTemplates?: unknown[];
  readonly container?: Record<string, unknown>;
}

function workload(name: string, o: WorkloadOptions = {}): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: o.kind ?? 'Deployment',
    metadata: { name, namespace: o.namespace ?? 'app' },
    spec: {
      selector: { matchLabels: { app: name } },
      ...(o.claimTemplates ? { volumeClaimTemplates: o.claimTemplates } : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name,
              image: o.image ?? 'registry.gov.ma/app/api@sha256:aaaa',
              securityContext: { readOnlyRootFilesystem: true },
              volumeMounts: o.mounts ?? [],
              ...o.container,
            },
          ],
          volumes: o.volumes ?? [],
        },
      },
    },
  };
}

const judge = (objects: KubernetesObject[], withZone = true) =>
  judgeStacks([], {
    objects: [namespace('app'), namespace('data', 'data'), ...objects],
    ...(withZone ? { zone: zone() } : {}),
  });

describe('DEP-7/writable-storage', () => {
  test('a stateful server with a read-only root and a writable volume passes', () => {
    const db = workload('db', {
      image: 'registry.gov.ma/civil-registry/postgres@sha256:bbbb',
      volumes: [{ name: 'run', emptyDir: {} }],
      mounts: [{ name: 'run', mountPath: '/var/run/postgresql' }],
    });
    const r = judge([db]);
    expect(dep(r, WRITABLE)).toEqual([]);
    expect(passes(r, WRITABLE, 'Deployment/app/db')).toBe(true);
  });

  test('fails a stateful server (or a data-tier container) with a read-only root and no writable volume', () => {
    const db = workload('db', {
      image: 'docker.io/library/postgres:16',
      volumes: [{ name: 'config', configMap: { name: 'pg' } }],
      mounts: [{ name: 'config', mountPath: '/etc/postgresql' }],
    });
    expect(dep(judge([db]), WRITABLE)).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'error',
        control: 'DEP-7',
        message: expect.stringContaining(
          "container 'db' has a read-only root filesystem and mounts no writable volume, but its image runs postgres",
        ),
      }),
    ]);
    const cache = workload('cache', { namespace: 'data' });
    expect(dep(judge([cache]), WRITABLE)).toEqual([
      expect.objectContaining({ status: 'fail', message: expect.stringContaining('it is of the data tier') }),
    ]);
  });

  test('a stateless application with a read-only root needs no volume', () => {
    expect(dep(judge([workload('api')]), WRITABLE)).toEqual([]);
  });
});

describe('DEP-7/persistent-data', () => {
  test('a data-tier StatefulSet with volumeClaimTemplates passes', () => {
    const db = workload('db', {
      kind: 'StatefulSet',
      namespace: 'data',
      claimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
        },
      ],
      mounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
    });
    const r = judge([db]);
    expect(dep(r, PERSISTENT)).toEqual([]);
    expect(passes(r, PERSISTENT, 'StatefulSet/data/db')).toBe(true);
  });

  test('fails a data-tier Deployment whose data lives in emptyDir volumes', () => {
    const db = workload('db', {
      namespace: 'data',
      volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory' } }],
      mounts: [{ name: 'tmp', mountPath: '/tmp' }],
    });
    expect(dep(judge([db]), PERSISTENT)).toEqual([
      expect.objectContaining({
        status: 'fail',
        resource: 'Deployment/data/db',
        message: expect.stringContaining('this Deployment of the data tier has no PersistentVolumeClaim'),
      }),
    ]);
  });
});

describe('DEP-7/probe-scheme', () => {
  const probed = (port: unknown, scheme?: string, portName = 'main', number = 8443) =>
    workload('api', {
      container: {
        ports: [{ name: portName, containerPort: number }],
        readinessProbe: { httpGet: { path: '/healthz', port, ...(scheme ? { scheme } : {}) } },
      },
    });

  test('a probe speaking the protocol of its port passes', () => {
    expect(dep(judge([probed('main', 'HTTPS')]), PROBES)).toEqual([]);
    expect(dep(judge([probed(8080, undefined, 'http', 8080)]), PROBES)).toEqual([]);
  });

  test('fails HTTP (the default) to 8443, through a named port, and HTTPS to a port named http', () => {
    expect(dep(judge([probed('main')]), PROBES)).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: expect.stringContaining(
          "the readinessProbe of container 'api' speaks HTTP to port 'main' 8443, which serves TLS",
        ),
      }),
    ]);
    expect(dep(judge([probed('web-tls', undefined, 'web-tls', 9000)]), PROBES)).toHaveLength(1);
    expect(dep(judge([probed('http', 'HTTPS', 'http', 8080)]), PROBES)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('speaks HTTPS to port') }),
    ]);
  });
});

describe('DEP-7/cluster-prerequisites', () => {
  const schedule: KubernetesObject = {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name: 'daily', namespace: 'velero' },
    spec: { schedule: '0 2 * * *', template: { includedNamespaces: ['data'] } },
  };
  const crd: KubernetesObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'schedules.velero.io' },
    spec: { group: 'velero.io', names: { kind: 'Schedule', plural: 'schedules' } },
  };

  test('an object whose CRD and namespace are in the input passes', () => {
    const r = judge([crd, namespace('velero'), schedule]);
    expect(dep(r, PREREQUISITES)).toEqual([]);
    expect(passes(r, PREREQUISITES, 'Schedule/velero/daily')).toBe(true);
  });

  test("or listed as prerequisites of the landing-zone summary (for the object's site)", () => {
    const listed = zone({
      prerequisites: [
        prerequisite('kubernetes-crd', 'schedules.velero.io'),
        prerequisite('kubernetes-namespace', 'velero'),
      ],
    });
    const r = judgeStacks([], { objects: [schedule], zone: listed });
    expect(dep(r, PREREQUISITES)).toEqual([]);
    const elsewhere = zone({
      prerequisites: [prerequisite('kubernetes-crd', 'schedules.velero.io', 'site:fr-paris-1')],
    });
    expect(dep(judgeStacks([], { objects: [schedule], zone: elsewhere }), PREREQUISITES).map((f) => f.status)).toEqual([
      'fail',
      'fail',
    ]);
  });

  test('fails an object whose CRD is nowhere, and one whose namespace is nowhere', () => {
    expect(dep(judge([schedule]), PREREQUISITES)).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'error',
        resource: 'Schedule/velero/daily',
        message: expect.stringContaining(
          'its kind Schedule (velero.io/v1) needs the CustomResourceDefinition schedules.velero.io, which the input neither creates nor lists as a prerequisite',
        ),
      }),
      expect.objectContaining({
        status: 'fail',
        message: expect.stringContaining(
          "its namespace 'velero' is neither created in the input nor listed as a prerequisite",
        ),
      }),
    ]);
  });

  test('without a landing-zone summary it cannot be proven: a bare manifest stream may rely on an existing cluster', () => {
    expect(dep(judge([schedule], false), PREREQUISITES).map((f) => [f.status, f.severity])).toEqual([
      ['cannot-prove', 'warning'],
      ['cannot-prove', 'warning'],
    ]);
  });

  test('built-in API groups and namespaces need nothing', () => {
    const policy: KubernetesObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny', namespace: 'kube-system' },
      spec: { podSelector: {} },
    };
    expect(dep(judge([policy]), PREREQUISITES)).toEqual([]);
  });
});
