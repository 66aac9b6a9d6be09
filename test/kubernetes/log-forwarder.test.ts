import type { TerraformStack } from 'cdktf';
import { LogForwarder, type LogForwarderProps, type LogSink } from '../../constructs/kubernetes/log-forwarder';
import { extendProfile } from '../../constructs/core';
import { invalidObjects, MOROCCO, objectsOfKind, ownResources, testCluster } from './helpers';

const IMAGE = 'registry.gov.ma/mirror/fluent-bit@sha256:' + 'f'.repeat(64);
const SINK: LogSink = { host: 'logs.gov.ma', cidrs: ['10.20.0.0/24'] };

function forwarder(sink: Partial<LogSink> = {}, props: Partial<LogForwarderProps> = {}) {
  const cluster = testCluster();
  const f = new LogForwarder(cluster, 'Logs', { image: IMAGE, sink: { ...SINK, ...sink }, ...props });
  return { f, stack: cluster.node.scope as TerraformStack };
}

type PodSpec = Record<string, never>;

function daemonSet(stack: TerraformStack) {
  const [ds] = objectsOfKind(stack, 'DaemonSet');
  return ds as typeof ds & { spec: { template: { spec: PodSpec; metadata: Record<string, never> } } };
}

test('lives in its own namespace labelled purpose: logs, the built-in exception', () => {
  const { stack } = forwarder();
  const [ns] = objectsOfKind(stack, 'Namespace');
  expect(ns.metadata?.name).toBe('sovereign-lz-logs');
  expect(ns.metadata?.labels).toMatchObject({
    'sovereign-lz.io/purpose': 'logs',
    'sovereign-lz.io/tier': 'management',
    'sovereign-lz.io/classification': 'sensitive',
    'pod-security.kubernetes.io/enforce': 'privileged',
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
  });
  expect(objectsOfKind(stack, 'NetworkPolicy').map((p) => p.metadata?.name)).toEqual([
    'default-deny',
    'allow-dns',
    'allow-log-sink',
  ]);
});

test('matches the snapshot of its default', () => {
  expect(ownResources(forwarder().f)).toMatchSnapshot();
});

test('mounts /var/log read-only and gets nothing else it does not need', () => {
  const { stack } = forwarder();
  const pod = daemonSet(stack).spec.template.spec;
  expect(pod).toMatchObject({
    automountServiceAccountToken: false,
    hostNetwork: false,
    hostPID: false,
    hostIPC: false,
  });
  expect(pod.volumes).toEqual([
    { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } },
    { name: 'config', configMap: { name: 'log-forwarder', defaultMode: 0o444 } },
    { name: 'state', emptyDir: { sizeLimit: '512Mi' } },
  ]);
  const [container] = pod.containers as Record<string, never>[];
  expect(container.volumeMounts).toContainEqual({ name: 'varlog', mountPath: '/var/log', readOnly: true });
  expect(container.securityContext).toEqual({
    runAsNonRoot: false,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(objectsOfKind(stack, 'ClusterRoleBinding')).toEqual([]);
  // The DaemonSet controller replaces the pods' required affinity by their node's name: the
  // nodeSelector is what keeps them on the site for the admission guardrail.
  expect(pod.nodeSelector).toEqual({ 'topology.kubernetes.io/region': 'ma-casablanca' });
  expect(pod.affinity).toMatchObject({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'topology.kubernetes.io/region', operator: 'In', values: ['ma-casablanca'] }] },
        ],
      },
    },
  });
});

test('ships over verified TLS to the allowlisted sink only, and records its retention (LOG-2)', () => {
  const { stack } = forwarder();
  const [config] = objectsOfKind(stack, 'ConfigMap');
  const conf = (config.data as Record<string, string>)['fluent-bit.conf'];
  expect(conf).toMatch(
    /\[OUTPUT\]\n {4}Name {10}forward\n {4}Match {9}kube\.\*\n {4}Host {10}logs\.gov\.ma\n {4}Port {10}24224\n {4}tls {11}On\n {4}tls\.verify {4}On/,
  );
  expect(conf).toContain('Path              /var/log/containers/*.log');
  expect(daemonSet(stack).metadata?.annotations).toEqual({
    'sovereign-lz.io/log-sink': 'forward+tls://logs.gov.ma:24224',
    'sovereign-lz.io/log-retention-days': '365',
  });
  const sinkPolicy = objectsOfKind(stack, 'NetworkPolicy').find((p) => p.metadata?.name === 'allow-log-sink');
  expect(sinkPolicy?.spec).toEqual({
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'log-forwarder' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: '10.20.0.0/24' } }], ports: [{ port: 24224, protocol: 'TCP' }] }],
  });
});

test('an http sink allowlisted as a URL with its port', () => {
  const profile = extendProfile(MOROCCO, {
    id: 'morocco-siem',
    allowlists: { logSinks: ['https://siem.gov.ma:8443'] },
  });
  const cluster = testCluster({ profile });
  const sink = {
    host: 'siem.gov.ma',
    port: 8443,
    output: 'http' as const,
    httpPath: '/ingest',
    cidrs: ['10.30.0.5/32'],
  };
  new LogForwarder(cluster, 'Logs', { image: IMAGE, sink });
  const conf = (objectsOfKind(cluster.node.scope as TerraformStack, 'ConfigMap')[0].data as Record<string, string>)[
    'fluent-bit.conf'
  ];
  expect(conf).toContain('Name          http\n    URI           /ingest\n    Format        json');
  expect(
    () => new LogForwarder(testCluster({ profile }), 'Logs', { image: IMAGE, sink: { ...sink, port: 443 } }),
  ).toThrow(/RES-3: log sink 'siem.gov.ma:443' is not on the profile's allowlist/);
});

describe("the namespace's quota follows the site's maximum node count", () => {
  const quotaOf = (props: Partial<LogForwarderProps> = {}, cluster = testCluster()) => {
    new LogForwarder(cluster, 'Logs', { image: IMAGE, sink: SINK, ...props });
    const stack = cluster.node.scope as TerraformStack;
    return {
      hard: (objectsOfKind(stack, 'ResourceQuota')[0].spec as { hard: Record<string, string> }).hard,
      limits: (objectsOfKind(stack, 'LimitRange')[0].spec as { limits: unknown[] }).limits,
    };
  };

  test.each([
    // One pod per node, plus the one a rolling update replaces at a time, times 50m/64Mi
    // requested and 200m/256Mi allowed per pod.
    [
      16,
      {
        pods: '17',
        'requests.cpu': '850m',
        'limits.cpu': '3400m',
        'requests.memory': '1088Mi',
        'limits.memory': '4352Mi',
      },
    ],
    [
      200,
      {
        pods: '201',
        'requests.cpu': '10050m',
        'limits.cpu': '40200m',
        'requests.memory': '12864Mi',
        'limits.memory': '51456Mi',
      },
    ],
  ])('%i nodes', (maxNodes, expected) => {
    expect(quotaOf({ maxNodes }).hard).toMatchObject({ ...expected, persistentvolumeclaims: '0' });
  });

  test("by default the cluster's maxNodes, itself 100 by default", () => {
    expect(quotaOf().hard.pods).toBe('101');
    expect(quotaOf({}, testCluster({ maxNodes: 40 })).hard).toMatchObject({ pods: '41', 'limits.cpu': '8200m' });
  });

  test("a container may use exactly the forwarder's resources", () => {
    expect(quotaOf().limits).toEqual([
      {
        type: 'Container',
        defaultRequest: { cpu: '50m', memory: '64Mi' },
        default: { cpu: '200m', memory: '256Mi' },
        max: { cpu: '200m', memory: '256Mi' },
      },
    ]);
  });

  test('a rolling update replaces one pod at a time, without surge', () => {
    const { stack } = forwarder();
    expect(daemonSet(stack).spec).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    });
  });

  test.each([0, -3, 2.5, 5001])('fails if maxNodes is %p', (maxNodes) => {
    expect(() => forwarder({}, { maxNodes })).toThrow(
      `[K/Casablanca/Logs] PROPS: maxNodes must be a whole number from 1 to 5000 (Kubernetes' largest cluster), got ${maxNodes}`,
    );
  });
});

test('registers its image as a placeholder to replace when its digest is one repeated character', () => {
  const { f } = forwarder();
  expect(f.cluster.prerequisites.filter((p) => p.kind === 'placeholder').map((p) => p.id)).toEqual([
    `placeholder-image:ma-casablanca-1:${IMAGE}`,
  ]);
});

test('renders only objects valid against the Kubernetes OpenAPI schemas', () => {
  expect(invalidObjects(forwarder().stack)).toEqual([]);
});

test('fails if the sink is not on the allowlist (RES-3, RQC 3.15.2)', () => {
  expect(() => forwarder({ host: 'logs.example.fr' })).toThrow(
    "[K/Casablanca/Logs] RES-3: log sink 'logs.example.fr:24224' is not on the profile's allowlist of in-country log sinks (logs.gov.ma) (RQC 3.15.2). Ship to an allowlisted in-country sink, or add it to the profile's allowlists.logSinks",
  );
});

test('fails if the sink keeps logs less than the profile minimum (LOG-2)', () => {
  expect(() => forwarder({ retentionDays: 90 })).toThrow(
    "[K/Casablanca/Logs] LOG-2: the sink keeps logs 90 days, below the minimum of 365 days under profile 'morocco' (L05-20 Art. 26; RQC 3.8.6). Keep them at least 365 days at the sink",
  );
});

test('fails if the egress would reach everywhere (RES-3)', () => {
  expect(() => forwarder({ cidrs: ['0.0.0.0/0'] })).toThrow(
    /\[K\/Casablanca\/Logs\] RES-3: sink.cidrs '0.0.0.0\/0' lets the forwarder send logs anywhere/,
  );
});

test('fails if the sink has no addresses or a malformed one', () => {
  expect(() => forwarder({ cidrs: [] })).toThrow(
    '[K/Casablanca/Logs] PROPS: sink.cidrs must list the addresses of the sink (the only egress allowed)',
  );
  expect(() => forwarder({ cidrs: ['10.20.0.0/33'] })).toThrow(
    "[K/Casablanca/Logs] PROPS: sink.cidrs '10.20.0.0/33' is not a CIDR block",
  );
});

test('fails if the image is not allowlisted and pinned (K8S-4)', () => {
  expect(() => forwarder({}, { image: 'cr.fluentbit.io/fluent/fluent-bit:3.2' })).toThrow(
    /\[K\/Casablanca\/Logs\] 2 problems:\n {2}- K8S-4: image 'cr.fluentbit.io\/fluent\/fluent-bit:3.2' is not from a registry on the profile's allowlist.*\n {2}- K8S-4: image .* is not pinned by digest/,
  );
});
