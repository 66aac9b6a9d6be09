import type { TerraformStack } from 'cdktf';
import { extendProfile, morocco } from '../../constructs/core';
import { HardenedWorkload, type HardenedWorkloadProps } from '../../constructs/kubernetes/hardened-workload';
import { SovereignNamespace, type SovereignNamespaceProps } from '../../constructs/kubernetes/sovereign-namespace';
import { CASABLANCA, invalidObjects, objectsOfKind, ownResources, resourcesOf, testCluster } from './helpers';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);
const IMAGE = `registry.gov.ma/records/api@${DIGEST}`;

function workload(props: Partial<HardenedWorkloadProps> = {}, nsProps: SovereignNamespaceProps = {}) {
  const cluster = testCluster();
  const ns = new SovereignNamespace(cluster, 'Records', { tier: 'application', ...nsProps });
  const w = new HardenedWorkload(ns, 'Api', { image: IMAGE, ...props });
  return { w, stack: cluster.node.scope as TerraformStack };
}

type Pod = { spec: Record<string, never>; metadata: { labels: Record<string, string> } };

function podOf(stack: TerraformStack) {
  const [deployment] = objectsOfKind(stack, 'Deployment');
  return (deployment.spec as { template: Pod }).template;
}

test('runs restricted: non-root, no escalation, drop ALL, read-only root, seccomp RuntimeDefault (K8S-2)', () => {
  const { stack } = workload();
  const pod = podOf(stack);
  expect(pod.spec.securityContext).toEqual({
    runAsNonRoot: true,
    runAsUser: 10001,
    runAsGroup: 10001,
    fsGroup: 10001,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(pod.spec).toMatchObject({
    automountServiceAccountToken: false,
    hostNetwork: false,
    hostPID: false,
    hostIPC: false,
  });
  const [container] = pod.spec.containers as Record<string, never>[];
  expect(container.securityContext).toEqual({
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(container.resources).toEqual({
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { cpu: '500m', memory: '512Mi' },
  });
  expect(container.volumeMounts).toEqual([{ name: 'writable-0', mountPath: '/tmp' }]);
  expect(pod.spec.volumes).toEqual([{ name: 'writable-0', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }]);
});

test('matches the snapshot of its default', () => {
  expect(ownResources(workload({ ports: [{ containerPort: 8080, name: 'http' }] }).w)).toMatchSnapshot();
});

test('requires the in-country region of the site (RES-1) and spreads over its zones', () => {
  const { stack } = workload({ zones: ['ma-casablanca-b'] });
  const pod = podOf(stack);
  expect(pod.spec.affinity).toEqual({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'topology.kubernetes.io/region', operator: 'In', values: CASABLANCA.regionValues },
              { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['ma-casablanca-b'] },
            ],
          },
        ],
      },
    },
  });
  expect(pod.spec.topologySpreadConstraints).toEqual([
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
    },
  ]);
});

test('labels the pods with the classification and selects them by name', () => {
  const { stack } = workload({ podLabels: { role: 'api' } });
  expect(podOf(stack).metadata.labels).toEqual({
    role: 'api',
    'app.kubernetes.io/name': 'api',
    'sovereign-lz.io/classification': 'sensitive',
    'sovereign-lz.io/jurisdiction': 'morocco',
    'sovereign-lz.io/tier': 'application',
  });
});

test('publishes its ports on a ClusterIP Service, with probes and environment', () => {
  const { stack } = workload({
    ports: [{ containerPort: 8080, servicePort: 80, name: 'http' }],
    healthCheckPath: '/healthz',
    env: { LOG_LEVEL: 'info' },
    secretEnv: { DB_PASSWORD: { secretName: 'db', key: 'password' } },
  });
  const [service] = objectsOfKind(stack, 'Service');
  expect(service.spec).toEqual({
    type: 'ClusterIP',
    selector: { 'app.kubernetes.io/name': 'api' },
    ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
  });
  const [container] = podOf(stack).spec.containers as Record<string, never>[];
  expect(container.readinessProbe).toEqual({
    httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
    periodSeconds: 10,
  });
  expect(container.env).toEqual([
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
  ]);
  expect(invalidObjects(stack)).toEqual([]);
});

describe('probes use the scheme of the port', () => {
  const probes = (props: Partial<HardenedWorkloadProps>) => {
    const [container] = podOf(workload(props).stack).spec.containers as Record<string, Record<string, unknown>>[];
    return {
      startup: container.startupProbe,
      readiness: container.readinessProbe,
      liveness: container.livenessProbe,
    };
  };

  test.each([
    ['a TLS port by its number (8443)', 'HTTPS', { containerPort: 8443, name: 'https' }],
    ['a TLS port by its number (443)', 'HTTPS', { containerPort: 443, name: 'https' }],
    ['a port declared TLS', 'HTTPS', { containerPort: 9000, name: 'grpc', tls: true }],
    ['a plain port', 'HTTP', { containerPort: 8080, name: 'http' }],
    ['8443 declared plain', 'HTTP', { containerPort: 8443, name: 'http', tls: false }],
  ])('%s: httpGet over %s', (_what, scheme, port) => {
    const { startup, readiness, liveness } = probes({ ports: [port], healthCheckPath: '/healthz' });
    const httpGet = { path: '/healthz', port: port.name, scheme };
    expect(readiness).toEqual({ httpGet, periodSeconds: 10 });
    expect(liveness).toEqual({ httpGet, periodSeconds: 10 });
    // A slow start (a database's recovery) gets five minutes before liveness may restart it.
    expect(startup).toEqual({ httpGet, periodSeconds: 10, failureThreshold: 30 });
  });

  test('without a health check path, a TCP probe on the first TCP port', () => {
    const { readiness, liveness } = probes({
      ports: [
        { containerPort: 5353, name: 'dns', protocol: 'UDP' },
        { containerPort: 5432, name: 'postgres' },
      ],
    });
    expect(readiness).toEqual({ tcpSocket: { port: 'postgres' }, periodSeconds: 10 });
    expect(liveness).toEqual({ tcpSocket: { port: 'postgres' }, periodSeconds: 10 });
  });

  test('without ports, no probe', () => {
    expect(probes({})).toEqual({ startup: undefined, readiness: undefined, liveness: undefined });
  });

  test('an HTTP health check needs a TCP first port', () => {
    expect(() => workload({ ports: [{ containerPort: 53, protocol: 'UDP' }], healthCheckPath: '/healthz' })).toThrow(
      '[K/Casablanca/Records/Api] PROPS: healthCheckPath must be an absolute HTTP path, and needs a first port on TCP',
    );
  });
});

test('leaves its memory-backed writable paths out of Velero file-system backups', () => {
  const { stack } = workload({ writablePaths: ['/tmp', '/var/run/app'] });
  expect(podOf(stack).metadata).toMatchObject({
    annotations: { 'backup.velero.io/backup-volumes-excludes': 'writable-0,writable-1' },
  });
});

test('registers an image pinned to a placeholder digest as a prerequisite of the site', () => {
  const placeholder = `registry.gov.ma/records/api@sha256:${'a'.repeat(64)}`;
  expect(workload({ image: placeholder }).w.cluster.prerequisites.filter((p) => p.kind === 'placeholder')).toEqual([
    {
      id: `placeholder-image:ma-casablanca-1:${placeholder}`,
      kind: 'placeholder',
      target: 'site:ma-casablanca-1',
      name: null,
      description: {
        en: expect.stringContaining(
          `image '${placeholder}' of workload 'api' (namespace 'records') is pinned to a placeholder digest`,
        ),
        fr: expect.stringContaining(
          `l'image '${placeholder}' de la charge de travail 'api' (espace de noms 'records') est épinglée à une empreinte fictive`,
        ),
      },
      commands: [],
    },
  ]);
  expect(workload().w.cluster.prerequisites.filter((p) => p.kind === 'placeholder')).toEqual([]);
});

test('renders only objects valid against the Kubernetes OpenAPI schemas', () => {
  const { stack } = workload({ ports: [{ containerPort: 8443 }], command: ['/app'], args: ['--serve'] });
  expect(invalidObjects(stack)).toEqual([]);
  expect(Object.keys(resourcesOf(stack, 'kubernetes_deployment_v1'))).toHaveLength(1);
});

test('a registry entry with a path prefix covers only that path', () => {
  const image = `harbor.dc1.example.ma/platform/proxy@${DIGEST}`;
  expect(workload({ image }).w.workloadName).toBe('api');
  expect(() => workload({ image: `harbor.dc1.example.ma/other/proxy@${DIGEST}` })).toThrow(
    /K8S-4: image .* is not from a registry on the profile's allowlist/,
  );
});

test('fails if the image is not from an allowlisted registry (K8S-4)', () => {
  expect(() => workload({ image: `docker.io/library/nginx@${DIGEST}` })).toThrow(
    `[K/Casablanca/Records/Api] K8S-4: image 'docker.io/library/nginx@${DIGEST}' is not from a registry on the profile's allowlist (registry.gov.ma, harbor.dc1.example.ma/platform) (RQC 3.15.2; DNSSI). Mirror the image into an allowlisted in-country registry`,
  );
});

test('fails if the image is Docker Hub shorthand (K8S-4)', () => {
  expect(() => workload({ image: `nginx@${DIGEST}` })).toThrow(
    /\] K8S-4: image 'nginx@sha256:.*' is not from a registry on the profile's allowlist/,
  );
});

test('fails if the image is not pinned by digest (K8S-4)', () => {
  expect(() => workload({ image: 'registry.gov.ma/records/api:1.2.3' })).toThrow(
    "[K/Casablanca/Records/Api] K8S-4: image 'registry.gov.ma/records/api:1.2.3' is not pinned by digest: a tag can be moved to other content (RQC 3.15.2; DNSSI). Reference it as registry/path@sha256:<digest>",
  );
});

test('fails if the image is not an image reference (K8S-4)', () => {
  expect(() => workload({ image: 'registry.gov.ma/Records/API latest' })).toThrow(
    /\[K\/Casablanca\/Records\/Api\] K8S-4: image 'registry.gov.ma\/Records\/API latest' is not an image reference/,
  );
});

test('fails if the profile declares no registries (K8S-4 cannot be proven)', () => {
  const bare = extendProfile(morocco, { sites: [CASABLANCA] });
  const cluster = testCluster({ profile: bare });
  const ns = new SovereignNamespace(cluster, 'Records');
  expect(() => new HardenedWorkload(ns, 'Api', { image: IMAGE })).toThrow(
    /K8S-4: profile 'morocco' declares no trusted image registries, so the origin of image .* cannot be proven/,
  );
});

test('a K8S-4 suppression with a reason admits another image and is recorded', () => {
  const { stack } = workload({
    image: 'quay.io/vendor/agent:2.1',
    suppressions: [{ id: 'K8S-4', reason: 'vendor agent pending mirroring, ticket SEC-42', expires: '2027-01-31' }],
  });
  const [deployment] = Object.values(resourcesOf(stack, 'kubernetes_deployment_v1'));
  expect(deployment['//']).toMatchObject({
    'sovereign-lz': { suppressions: [{ id: 'K8S-4', expires: '2027-01-31' }] },
  });
});

test('fails if the workload is not in a namespace', () => {
  expect(() => new HardenedWorkload(testCluster(), 'Api', { image: IMAGE })).toThrow(
    '[K/Casablanca/Api] PROPS: not inside a SovereignNamespace. Create it in its namespace: new HardenedWorkload(namespace, …)',
  );
});

test('fails if its level is above its namespace (CLS-1)', () => {
  expect(() => workload({ classification: 'sensitive' }, { classification: 'internal' })).toThrow(
    "[K/Casablanca/Records/Api] CLS-1: level 'sensitive' is above the level 'internal' of namespace 'records', whose guardrails follow its label (D2-21-406 Art. 10-12; DNSSI). Run it in a namespace of level 'sensitive'",
  );
});

test('fails if it runs as root (K8S-2)', () => {
  expect(() => workload({ runAsUser: 0 })).toThrow(
    '[K/Casablanca/Records/Api] K8S-2: runAsUser 0 is not a non-root user id (DNSSI). Use a user id of 1 or more (the default is 10001)',
  );
});

test('fails if a limit exceeds the namespace maximum (K8S-3)', () => {
  expect(() => workload({ resources: { limitsMemory: '8Gi' } })).toThrow(
    "[K/Casablanca/Records/Api] K8S-3: resources memory limit 8Gi exceeds the maximum 4Gi of namespace 'records': the pods would be refused (DNSSI). Lower the limit, or raise the namespace's containerLimits",
  );
});

test('fails if a request exceeds its limit', () => {
  expect(() => workload({ resources: { requestsCpu: '2', limitsCpu: '1' } })).toThrow(
    '[K/Casablanca/Records/Api] PROPS: resources cpu request 2 exceeds its limit 1',
  );
});

test('fails if a LoadBalancer is asked outside the public tier (NET-2)', () => {
  expect(() => workload({ serviceType: 'LoadBalancer', ports: [{ containerPort: 8080 }] })).toThrow(
    "[K/Casablanca/Records/Api] NET-2: a Service of type LoadBalancer exposes namespace 'records' of the 'application' tier outside the cluster; only the public tier may (DNSSI (cloisonnement)). Keep it ClusterIP and expose it from the public tier through a TierFlow",
  );
});

test('fails if a zone is not one of the site (RES-1)', () => {
  expect(() => workload({ zones: ['eu-west-3a'] })).toThrow(
    "[K/Casablanca/Records/Api] RES-1: zone 'eu-west-3a' is not a zone of site 'ma-casablanca-1' (ma-casablanca-a, ma-casablanca-b) (L05-20 Art. 11; RQC 3.15.2). Use the site's zones",
  );
});

test('fails if ports are malformed, listing every problem', () => {
  expect(() =>
    workload({
      ports: [{ containerPort: 0 }, { containerPort: 8080, name: 'http' }, { containerPort: 8081, name: 'http' }],
    }),
  ).toThrow(
    /\[K\/Casablanca\/Records\/Api\] 2 problems:\n {2}- PROPS: ports\[0\].containerPort 0 is not a port number \(1–65535\)\n {2}- PROPS: ports\[2\].name 'http' is used twice/,
  );
});
