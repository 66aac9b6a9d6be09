import type { TerraformStack } from 'cdktf';
import { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { SovereignNamespace } from '../../constructs/kubernetes/sovereign-namespace';
import { TierFlow, type TierFlowProps } from '../../constructs/kubernetes/tier-flow';
import {
  CASABLANCA,
  invalidObjects,
  MOROCCO,
  objectsOfKind,
  ownResources,
  resourcesOf,
  testCluster,
  testStack,
} from './helpers';

function tiers() {
  const cluster = testCluster();
  const web = new SovereignNamespace(cluster, 'Web', { tier: 'public', classification: 'public' });
  const app = new SovereignNamespace(cluster, 'App', { tier: 'application' });
  const data = new SovereignNamespace(cluster, 'Data', { tier: 'data' });
  return { cluster, web, app, data, stack: cluster.node.scope as TerraformStack };
}

function policy(stack: TerraformStack, name: string) {
  return objectsOfKind(stack, 'NetworkPolicy').find((p) => p.metadata?.name === name);
}

test('renders an egress policy in the source and an ingress policy in the destination, on the port only', () => {
  const { cluster, app, data, stack } = tiers();
  new TierFlow(cluster, 'AppToData', { from: app, to: data, ports: [{ port: 5432 }] });
  expect(policy(stack, 'app-to-data-egress')).toEqual({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: 'app-to-data-egress',
      namespace: 'app',
      labels: {
        'sovereign-lz.io/classification': 'sensitive',
        'sovereign-lz.io/jurisdiction': 'morocco',
        'sovereign-lz.io/tier': 'application',
      },
    },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } }, podSelector: {} }],
          ports: [{ port: 5432, protocol: 'TCP' }],
        },
      ],
    },
  });
  expect(policy(stack, 'app-to-data-ingress')).toMatchObject({
    metadata: { namespace: 'data', labels: { 'sovereign-lz.io/tier': 'data' } },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app' } }, podSelector: {} }],
          ports: [{ port: 5432, protocol: 'TCP' }],
        },
      ],
    },
  });
  expect(invalidObjects(stack)).toEqual([]);
});

test('matches the snapshot of its default', () => {
  const { cluster, app, data } = tiers();
  const flow = new TierFlow(cluster, 'AppToData', { from: app, to: data, ports: [{ port: 5432 }] });
  expect(ownResources(flow)).toMatchSnapshot();
});

test('narrows to pods, and takes UDP and port ranges', () => {
  const { cluster, app, data, stack } = tiers();
  new TierFlow(cluster, 'Replication', {
    from: app,
    to: data,
    fromPods: { 'app.kubernetes.io/name': 'api' },
    toPods: { 'app.kubernetes.io/name': 'db' },
    ports: [{ port: 7000, endPort: 7010, protocol: 'UDP' }],
  });
  const egress = policy(stack, 'replication-egress')!.spec as Record<string, unknown>;
  expect(egress.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'api' } });
  expect(egress.egress).toEqual([
    {
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db' } },
        },
      ],
      ports: [{ port: 7000, endPort: 7010, protocol: 'UDP' }],
    },
  ]);
  expect(invalidObjects(stack)).toEqual([]);
});

test('takes the most restricted level of its two ends and depends on both namespaces', () => {
  const { cluster, web, app, stack } = tiers();
  const flow = new TierFlow(cluster, 'WebToApp', { from: web, to: app, ports: [{ port: 8443 }] });
  expect(flow.classification).toBe('sensitive');
  const [egress] = Object.values(resourcesOf(stack, 'kubernetes_network_policy_v1')).filter(
    (p) => (p.metadata as { name: string }).name === 'web-to-app-egress',
  );
  expect((egress.depends_on as string[]).length).toBe(2);
});

test('fails if the public tier reaches sensitive data in the data tier directly (NET-2)', () => {
  const { cluster, web, data } = tiers();
  expect(() => new TierFlow(cluster, 'WebToData', { from: web, to: data, ports: [{ port: 5432 }] })).toThrow(
    "[K/Casablanca/WebToData] NET-2: the public tier ('web') may not reach the data tier of 'sensitive' data ('data') directly (DNSSI (cloisonnement)). Route it through a namespace of the application tier: public → application, application → data",
  );
});

test('the public tier may reach a data tier of internal data', () => {
  const { cluster, web } = tiers();
  const cache = new SovereignNamespace(cluster, 'Cache', { tier: 'data', classification: 'internal' });
  expect(new TierFlow(cluster, 'WebToCache', { from: web, to: cache, ports: [{ port: 6379 }] }).flowName).toBe(
    'web-to-cache',
  );
});

test.each<[string, TierFlowProps['ports'], RegExp]>([
  ['no port', [], /PROPS: ports must list at least one destination port/],
  ['port 0', [{ port: 0 }], /PROPS: ports\[0\].port 0 is not a port number \(1–65535\)/],
  ['port 70000', [{ port: 70000 }], /PROPS: ports\[0\].port 70000 is not a port number/],
  ['a fractional port', [{ port: 54.32 }], /PROPS: ports\[0\].port 54.32 is not a port number/],
  [
    'an unknown protocol',
    [{ port: 53, protocol: 'ICMP' as never }],
    /PROPS: ports\[0\].protocol 'ICMP' is not one of TCP, UDP, SCTP/,
  ],
  [
    'an end port below the port',
    [{ port: 5432, endPort: 5000 }],
    /PROPS: ports\[0\].endPort 5000 must be a port number ≥ port 5432/,
  ],
  ['a repeated port', [{ port: 5432 }, { port: 5432, protocol: 'TCP' }], /PROPS: ports\[1\] repeats TCP\/5432-5432/],
])('fails if the ports are malformed: %s', (_what, ports, message) => {
  const { cluster, app, data } = tiers();
  expect(() => new TierFlow(cluster, 'AppToData', { from: app, to: data, ports })).toThrow(
    new RegExp(`^\\[K/Casablanca/AppToData\\] ${message.source}`),
  );
});

test('fails if the two namespaces are in different clusters', () => {
  const { cluster, app } = tiers();
  const other = new SovereignCluster(testStack(), 'Other', {
    profile: MOROCCO,
    site: CASABLANCA.name,
    kubeconfigContext: 'other',
  });
  const remote = new SovereignNamespace(other, 'Remote', { tier: 'data' });
  expect(() => new TierFlow(cluster, 'AppToRemote', { from: app, to: remote, ports: [{ port: 5432 }] })).toThrow(
    "[K/Casablanca/AppToRemote] PROPS: to namespace 'remote' belongs to cluster 'K/Other', not 'K/Casablanca'. A NetworkPolicy only reaches pods of its own cluster",
  );
});

test('fails if the flow name is taken', () => {
  const { cluster, app, data } = tiers();
  new TierFlow(cluster, 'AppToData', { from: app, to: data, ports: [{ port: 5432 }] });
  expect(
    () => new TierFlow(cluster, 'Again', { name: 'app-to-data', from: app, to: data, ports: [{ port: 6432 }] }),
  ).toThrow("[K/Casablanca/Again] PROPS: flow 'app-to-data' is already declared by 'K/Casablanca/AppToData'");
});

test('fails if a pod selector is malformed', () => {
  const { cluster, app, data } = tiers();
  expect(
    () =>
      new TierFlow(cluster, 'AppToData', {
        from: app,
        to: data,
        toPods: { app: 'no spaces' },
        ports: [{ port: 5432 }],
      }),
  ).toThrow("[K/Casablanca/AppToData] PROPS: toPods 'app' has value 'no spaces', not a valid label value");
});
