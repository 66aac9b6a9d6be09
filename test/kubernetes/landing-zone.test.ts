import type { TerraformStack } from 'cdktf';
import type { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { invalidObjects, renderedObjects, smallLandingZone, testCluster } from './helpers';
import { VELERO_SCHEMAS } from './velero-schedule-schema';

/** A small in-country landing zone with every Kubernetes construct. */
function landingZone(cluster: SovereignCluster = testCluster()): TerraformStack {
  smallLandingZone(cluster);
  return cluster.node.scope as TerraformStack;
}

test('every object of a small landing zone is valid against the Kubernetes schemas', () => {
  const stack = landingZone();
  expect(invalidObjects(stack, VELERO_SCHEMAS)).toEqual([]);
  expect(renderedObjects(stack).length).toBeGreaterThan(30);
});

test('every namespace has its default deny, quota, limit range and classification label', () => {
  const objects = renderedObjects(landingZone()).map((m) => m.object!);
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
  const objects = renderedObjects(landingZone()).map((m) => m.object!);
  const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind));
  expect(workloads.map((w) => w.kind).sort()).toEqual(['DaemonSet', 'Deployment', 'Deployment', 'StatefulSet']);
  for (const w of workloads) {
    expect(JSON.stringify(w.spec)).toContain(
      '"nodeSelectorTerms":[{"matchExpressions":[{"key":"topology.kubernetes.io/region","operator":"In","values":["ma-casablanca"]}]}]',
    );
  }
});
