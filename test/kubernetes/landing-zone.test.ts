import type { TerraformStack } from 'cdktf';
import { BackupSchedule } from '../../constructs/kubernetes/backup-schedule';
import { EncryptedStorageClass } from '../../constructs/kubernetes/encrypted-storage-class';
import { HardenedWorkload } from '../../constructs/kubernetes/hardened-workload';
import { InCountryAdmissionPolicy } from '../../constructs/kubernetes/in-country-admission-policy';
import { LogForwarder } from '../../constructs/kubernetes/log-forwarder';
import { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { SovereignNamespace } from '../../constructs/kubernetes/sovereign-namespace';
import { TierFlow } from '../../constructs/kubernetes/tier-flow';
import { invalidObjects, renderedObjects, testCluster } from './helpers';
import { VELERO_SCHEMAS } from './velero-schedule-schema';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

/** A small in-country landing zone with every Kubernetes construct. */
function smallLandingZone(cluster: SovereignCluster = testCluster()): TerraformStack {
  new InCountryAdmissionPolicy(cluster, 'Guardrail');
  new EncryptedStorageClass(cluster, 'Encrypted', {
    driver: { type: 'ceph-rbd', clusterId: 'ceph-casa', pool: 'sensitive', kmsId: 'vault-casablanca' },
    isDefault: true,
  });
  new LogForwarder(cluster, 'Logs', {
    image: `registry.gov.ma/mirror/fluent-bit@${digest('f')}`,
    sink: { host: 'logs.gov.ma', cidrs: ['10.20.0.0/24'] },
  });
  const web = new SovereignNamespace(cluster, 'Web', { tier: 'public', classification: 'public' });
  const app = new SovereignNamespace(cluster, 'Records', {
    tier: 'application',
    owners: [{ kind: 'Group', name: 'records-team' }],
  });
  const data = new SovereignNamespace(cluster, 'RecordsData', { tier: 'data' });
  new HardenedWorkload(web, 'Portal', {
    image: `registry.gov.ma/portal/web@${digest('a')}`,
    ports: [{ containerPort: 8080, servicePort: 80, name: 'http' }],
    serviceType: 'LoadBalancer',
  });
  new HardenedWorkload(app, 'Api', {
    image: `registry.gov.ma/records/api@${digest('b')}`,
    ports: [{ containerPort: 8443, name: 'https' }],
    healthCheckPath: '/healthz',
  });
  new HardenedWorkload(data, 'Db', {
    image: `registry.gov.ma/records/postgres@${digest('c')}`,
    ports: [{ containerPort: 5432, name: 'postgres' }],
    replicas: 1,
    writablePaths: ['/tmp', '/var/run/postgresql'],
  });
  new BackupSchedule(data, 'Backup');
  new TierFlow(cluster, 'WebToApi', { from: web, to: app, ports: [{ port: 8443 }] });
  new TierFlow(cluster, 'ApiToDb', { from: app, to: data, ports: [{ port: 5432 }] });
  return cluster.node.scope as TerraformStack;
}

test('every object of a small landing zone is valid against the Kubernetes schemas', () => {
  const stack = smallLandingZone();
  expect(invalidObjects(stack, VELERO_SCHEMAS)).toEqual([]);
  expect(renderedObjects(stack).length).toBeGreaterThan(30);
});

test('every namespace has its default deny, quota, limit range and classification label', () => {
  const objects = renderedObjects(smallLandingZone()).map((m) => m.object!);
  const namespaces = objects.filter((o) => o.kind === 'Namespace');
  expect(namespaces.map((n) => n.metadata?.name)).toEqual(['sovereign-lz-logs', 'web', 'records', 'records-data']);
  for (const ns of namespaces) {
    const name = ns.metadata?.name;
    expect(ns.metadata?.labels?.['sovereign-lz.io/classification']).toBeDefined();
    const inNs = objects.filter((o) => o.metadata?.namespace === name);
    expect(inNs.find((o) => o.kind === 'NetworkPolicy' && o.metadata?.name === 'default-deny')?.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(inNs.map((o) => o.kind)).toEqual(expect.arrayContaining(['ResourceQuota', 'LimitRange']));
  }
});

test('every workload requires the in-country region of the site', () => {
  const objects = renderedObjects(smallLandingZone()).map((m) => m.object!);
  const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet');
  expect(workloads).toHaveLength(4);
  for (const w of workloads) {
    expect(JSON.stringify(w.spec)).toContain(
      '"nodeSelectorTerms":[{"matchExpressions":[{"key":"topology.kubernetes.io/region","operator":"In","values":["ma-casablanca"]}]}]',
    );
  }
});
