import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { DaemonSetV1 } from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import { DataKubernetesServerVersion } from '@cdktf/provider-kubernetes/lib/data-kubernetes-server-version';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { LimitRangeV1 } from '@cdktf/provider-kubernetes/lib/limit-range-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ResourceQuotaV1 } from '@cdktf/provider-kubernetes/lib/resource-quota-v1';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { RoleV1 } from '@cdktf/provider-kubernetes/lib/role-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import * as cdktf from 'cdktf';
import type { SiteDeclaration, WorkloadDeclaration } from '../constructs/landing-zone/declaration';
import { endpoint, JURISDICTION, pascal, RANK, TAG, type Tier } from './bare-common';
import { BENCH_SITES, zoneShape } from './shape';

/**
 * The in-country side of a generated landing zone written with bare cdktf and the
 * @cdktf/provider-kubernetes classes (imported by submodule): one Terraform stack per site
 * with the same resources as sovereign-lz's (see bare.ts).
 */

const RESTRICTED = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'v1.30',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/audit-version': 'v1.30',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/warn-version': 'v1.30',
};
const LABELS = { [TAG.classification]: 'sensitive', [TAG.jurisdiction]: JURISDICTION };
const READ = ['get', 'list', 'watch'];
const WRITE = [...READ, 'create', 'update', 'patch', 'delete'];
/** The default quota and container limits of a namespace. */
const QUOTA: Record<string, string> = {
  'limits.cpu': '8',
  'limits.memory': '16Gi',
  persistentvolumeclaims: '10',
  pods: '50',
  'requests.cpu': '4',
  'requests.memory': '8Gi',
  'requests.storage': '100Gi',
  'services.loadbalancers': '0',
  'services.nodeports': '0',
};
const LIMITS = {
  default: { cpu: '500m', memory: '512Mi' },
  defaultRequest: { cpu: '100m', memory: '128Mi' },
  max: { cpu: '2', memory: '4Gi' },
};
/** One log forwarder pod's requests and limits. */
const FORWARDER = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } };
const TLS_PORTS = [443, 8443];
const GI = 2 ** 30;

type Service = NonNullable<WorkloadDeclaration['services']>[number];

/** `count` times a quantity in millicores (`50m`) or mebibytes (`64Mi`). */
function times(count: number, quantity: string): string {
  const [, value, unit] = /^(\d+)(m|Mi)$/.exec(quantity)!;
  return `${count * Number(value)}${unit}`;
}

/** Bytes of a binary storage quantity (`10Gi`, `512Mi`, `1Ti`). */
function bytes(quantity: string): number {
  const [, value, unit = ''] = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(quantity)!;
  return Number(value) * 2 ** (10 * ['', 'Ki', 'Mi', 'Gi', 'Ti'].indexOf(unit));
}

/** The quota of a data tier: raised, when the volumes of its replicas do not fit the default one. */
function dataQuota(services: readonly Service[]): Record<string, string> | undefined {
  const claims = services.reduce((n, s) => n + (s.replicas ?? 2), 0);
  const storage = services.reduce((n, s) => n + (s.replicas ?? 2) * bytes(s.storageSize ?? '10Gi'), 0);
  if (claims <= 10 && storage <= 100 * GI) return undefined;
  const size = Math.max(storage, 100 * GI);
  return {
    ...QUOTA,
    persistentvolumeclaims: String(Math.max(claims, 10)),
    'requests.storage': size % GI === 0 ? `${size / GI}Gi` : `${Math.ceil(size / 2 ** 20)}Mi`,
  };
}

interface SiteScope {
  readonly stack: cdktf.TerraformStack;
  readonly region: string;
}

/** A namespace with default-deny, DNS, quotas, limits and (with owners) an owner role: 5–7 resources. */
function namespace(
  site: SiteScope,
  id: string,
  name: string,
  tier: Tier,
  owners: readonly string[],
  sizing: { quota?: Record<string, string>; limits?: typeof LIMITS } = {},
): NamespaceV1 {
  const { stack } = site;
  const ns = new NamespaceV1(stack, id, {
    metadata: { name, labels: { ...RESTRICTED, ...LABELS, [TAG.tier]: tier } },
  });
  const dependsOn = [ns];
  const metadata = (n: string) => ({ name: n, namespace: name, labels: LABELS });
  new LimitRangeV1(stack, `${id}Limits`, {
    dependsOn,
    metadata: metadata('sovereign-lz-limits'),
    spec: { limit: [{ type: 'Container', ...(sizing.limits ?? LIMITS) }] },
  });
  new ResourceQuotaV1(stack, `${id}Quota`, {
    dependsOn,
    metadata: metadata('sovereign-lz-quota'),
    spec: { hard: sizing.quota ?? QUOTA },
  });
  new NetworkPolicyV1(stack, `${id}DefaultDeny`, {
    dependsOn,
    metadata: metadata('default-deny'),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  new NetworkPolicyV1(stack, `${id}AllowDns`, {
    dependsOn,
    metadata: metadata('allow-dns'),
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { port: '53', protocol: 'UDP' },
            { port: '53', protocol: 'TCP' },
          ],
        },
      ],
    },
  });
  if (owners.length) {
    new RoleV1(stack, `${id}OwnerRole`, {
      dependsOn,
      metadata: metadata('sovereign-lz-owner'),
      rule: [
        {
          apiGroups: [''],
          resources: ['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'serviceaccounts'],
          verbs: WRITE,
        },
        {
          apiGroups: [''],
          resources: ['pods/log', 'events', 'endpoints', 'resourcequotas', 'limitranges'],
          verbs: READ,
        },
        {
          apiGroups: ['apps'],
          resources: ['deployments', 'deployments/scale', 'statefulsets', 'statefulsets/scale'],
          verbs: WRITE,
        },
        { apiGroups: ['apps'], resources: ['replicasets'], verbs: READ },
        { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
        { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
        { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'], verbs: READ },
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: READ },
      ],
    });
    new RoleBindingV1(stack, `${id}Owners`, {
      dependsOn,
      metadata: metadata('sovereign-lz-owners'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'sovereign-lz-owner' },
      subject: owners.map((group) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group })),
    });
  }
  return ns;
}

/**
 * A hardened service: a Deployment and its Service (2 resources); in the data tier, a
 * StatefulSet with a volume of the encrypted class per pod, its headless Service and its
 * Service (3 resources).
 */
function service(site: SiteScope, ns: NamespaceV1, id: string, tier: Tier, s: Service): void {
  const { stack } = site;
  const namespaceName = ns.metadata.name;
  const selector = { 'app.kubernetes.io/name': s.name };
  const labels = { ...selector, ...LABELS, [TAG.tier]: tier };
  const metadata = (name: string) => ({ name, namespace: namespaceName, labels });
  const scheme = (s.tls ?? TLS_PORTS.includes(s.port)) ? 'HTTPS' : 'HTTP';
  const probe = s.healthCheckPath
    ? { httpGet: { path: s.healthCheckPath, port: 'main', scheme } }
    : { tcpSocket: [{ port: 'main' }] };
  const writable = s.writablePaths ?? ['/tmp'];
  const env = [
    ...Object.entries(s.env ?? {}).map(([name, value]) => ({ name, value })),
    ...Object.entries(s.secrets ?? {}).map(([name, ref]) => ({
      name,
      valueFrom: { secretKeyRef: { name: ref.secret, key: ref.key } },
    })),
  ];
  const stateful = tier === 'data';
  const template = {
    metadata: {
      labels,
      annotations: { 'backup.velero.io/backup-volumes-excludes': writable.map((_, i) => `writable-${i}`).join(',') },
    },
    spec: {
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      hostIpc: false,
      hostNetwork: false,
      hostPid: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: '10001',
        runAsGroup: '10001',
        fsGroup: '10001',
        fsGroupChangePolicy: stateful ? 'OnRootMismatch' : undefined,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerm: [
              {
                matchExpressions: [{ key: 'topology.kubernetes.io/region', operator: 'In', values: [site.region] }],
              },
            ],
          },
        },
      },
      topologySpreadConstraint: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: [{ matchLabels: selector }],
        },
      ],
      container: [
        {
          name: s.name,
          image: s.image,
          imagePullPolicy: 'IfNotPresent',
          port: [{ containerPort: s.port, name: 'main', protocol: 'TCP' }],
          env: env.length ? env : undefined,
          startupProbe: { ...probe, periodSeconds: 10, failureThreshold: 30 },
          readinessProbe: { ...probe, periodSeconds: 10 },
          livenessProbe: { ...probe, periodSeconds: 10 },
          resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
          securityContext: {
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
          volumeMount: [
            ...writable.map((mountPath, i) => ({ mountPath, name: `writable-${i}` })),
            ...(stateful ? [{ mountPath: s.dataPath ?? '/data', name: 'data' }] : []),
          ],
        },
      ],
      volume: writable.map((_, i) => ({
        name: `writable-${i}`,
        emptyDir: { medium: 'Memory', sizeLimit: '64Mi' },
      })),
    },
  };
  const port = [{ name: 'main', port: s.port, protocol: 'TCP', targetPort: 'main' }];
  if (stateful) {
    const headless = new ServiceV1(stack, `${id}Headless`, {
      dependsOn: [ns],
      metadata: metadata(`${s.name}-headless`),
      spec: { clusterIp: 'None', publishNotReadyAddresses: true, selector, port },
    });
    new StatefulSetV1(stack, id, {
      dependsOn: [ns, headless],
      metadata: metadata(s.name),
      spec: {
        serviceName: `${s.name}-headless`,
        replicas: String(s.replicas ?? 2),
        revisionHistoryLimit: 5,
        podManagementPolicy: 'OrderedReady',
        selector: { matchLabels: selector },
        updateStrategy: [{ type: 'RollingUpdate' }],
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: 'Retain', whenScaled: 'Retain' }],
        template,
        volumeClaimTemplate: [
          {
            metadata: { name: 'data', labels },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: 'encrypted',
              resources: { requests: { storage: s.storageSize ?? '10Gi' } },
            },
          },
        ],
      },
    });
  } else {
    new DeploymentV1(stack, id, {
      dependsOn: [ns],
      metadata: metadata(s.name),
      spec: {
        replicas: String(s.replicas ?? 2),
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector },
        template,
      },
    });
  }
  new ServiceV1(stack, `${id}Service`, {
    dependsOn: [ns],
    metadata: metadata(s.name),
    spec: { type: 'ClusterIP', selector, port },
  });
}

/** The cluster-wide part of a site: provider, admission policy, storage class, log forwarding (12 resources). */
function siteStack(app: cdktf.App, site: SiteDeclaration, region: string): SiteScope {
  const stack = new cdktf.TerraformStack(app, site.name);
  new cdktf.LocalBackend(stack, { path: `terraform.${site.name}.tfstate` });
  new KubernetesProvider(stack, 'Provider', {
    configPath: '~/.kube/config',
    configContext: site.kubeconfigContext ?? site.name,
  });
  new DataKubernetesServerVersion(stack, 'ServerVersion', {});
  const policy = new Manifest(stack, 'GuardrailPolicy', {
    manifest: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'sovereign-lz-in-country', labels: LABELS },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['pods', 'pods/ephemeralcontainers'],
            },
          ],
        },
        validations: [
          {
            // Or a nodeSelector on the region: how the log forwarder's DaemonSet pins its pods.
            expression: `(has(object.spec.nodeSelector) && 'topology.kubernetes.io/region' in object.spec.nodeSelector && object.spec.nodeSelector['topology.kubernetes.io/region'] in ['${region}']) || object.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.all(t, t.matchExpressions.exists(e, e.key == 'topology.kubernetes.io/region' && e.values.all(v, v in ['${region}'])))`,
            message: `pods of sensitive/secret data must require node affinity topology.kubernetes.io/region In ${region}, or select such a node with nodeSelector`,
            reason: 'Forbidden',
          },
        ],
      },
    },
  });
  new Manifest(stack, 'GuardrailBinding', {
    dependsOn: [policy],
    manifest: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'sovereign-lz-in-country', labels: LABELS },
      spec: {
        policyName: 'sovereign-lz-in-country',
        validationActions: ['Deny'],
        matchResources: {
          namespaceSelector: {
            matchExpressions: [{ key: TAG.classification, operator: 'In', values: ['sensitive', 'secret'] }],
          },
        },
      },
    },
  });
  const storage = site.storage;
  new StorageClassV1(stack, 'Encrypted', {
    metadata: {
      name: 'encrypted',
      labels: LABELS,
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    storageProvisioner: 'rbd.csi.ceph.com',
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    allowedTopologies: { matchLabelExpressions: [{ key: 'topology.kubernetes.io/region', values: [region] }] },
    parameters: {
      clusterID: storage.clusterId ?? site.name,
      pool: storage.pool ?? 'sovereign-lz',
      encrypted: 'true',
      encryptionKMSID: storage.kmsId ?? '',
      imageFeatures: 'layering',
      'csi.storage.k8s.io/fstype': 'ext4',
    },
  });
  const scope = { stack, region };
  // One forwarder pod per node, and the one a rolling update replaces at a time.
  const pods = (site.maxNodes ?? 100) + 1;
  const logsNs = namespace(scope, 'LogsNamespace', 'sovereign-lz-logs', 'management', [], {
    quota: {
      ...QUOTA,
      'limits.cpu': times(pods, FORWARDER.limits.cpu),
      'limits.memory': times(pods, FORWARDER.limits.memory),
      persistentvolumeclaims: '0',
      pods: String(pods),
      'requests.cpu': times(pods, FORWARDER.requests.cpu),
      'requests.memory': times(pods, FORWARDER.requests.memory),
    },
    limits: { default: FORWARDER.limits, defaultRequest: FORWARDER.requests, max: FORWARDER.limits },
  });
  const labels = {
    'app.kubernetes.io/name': 'log-forwarder',
    ...LABELS,
    [TAG.purpose]: 'logs',
    [TAG.tier]: 'management',
  };
  new NetworkPolicyV1(stack, 'LogsAllowSink', {
    dependsOn: [logsNs],
    metadata: { name: 'allow-sink', namespace: 'sovereign-lz-logs', labels },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'log-forwarder' } },
      policyTypes: ['Egress'],
      egress: [
        { to: site.logs.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: '24224', protocol: 'TCP' }] },
      ],
    },
  });
  const config = new ConfigMapV1(stack, 'LogsConfig', {
    dependsOn: [logsNs],
    metadata: { name: 'log-forwarder', namespace: 'sovereign-lz-logs', labels },
    data: {
      'fluent-bit.conf': `[INPUT]\n    Name tail\n    Path /var/log/containers/*.log\n\n[OUTPUT]\n    Name forward\n    Host ${site.logs.host}\n    Port 24224\n    tls On\n`,
    },
  });
  new DaemonSetV1(stack, 'Logs', {
    dependsOn: [logsNs, config],
    metadata: { name: 'log-forwarder', namespace: 'sovereign-lz-logs', labels },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'log-forwarder' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '1', maxSurge: '0' } },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          nodeSelector: { 'topology.kubernetes.io/region': region },
          container: [
            {
              name: 'fluent-bit',
              image: site.logs.image,
              args: ['--config', '/fluent-bit/etc/sovereign-lz/fluent-bit.conf'],
              resources: FORWARDER,
              securityContext: {
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
              volumeMount: [{ name: 'config', mountPath: '/fluent-bit/etc/sovereign-lz' }],
            },
          ],
          volume: [{ name: 'config', configMap: { name: 'log-forwarder' } }],
        },
      },
    },
  });
  return scope;
}

/** Builds the in-country side of the zone of `n` workloads with bare cdktf into a new `App`. */
export function buildBareKubernetes(n: number, outdir?: string): cdktf.App {
  const zone = zoneShape(n);
  const app = new cdktf.App({ outdir });
  const sites = new Map<string, SiteScope>();
  const regionOf: Record<string, string> = { 'ma-casablanca-1': 'ma-casablanca', 'ma-rabat-1': 'ma-rabat' };
  const namespaces = new Map<string, NamespaceV1>();
  const siteOf = new Map<string, string>();
  const flows = (zone.flows ?? []).map((f) => ({ from: endpoint(f.from), to: endpoint(f.to), port: f.port }));
  for (const w of zone.workloads) {
    if (w.site === undefined && RANK.indexOf(w.classification) < 3) continue;
    const siteName = w.site ?? BENCH_SITES[0];
    let site = sites.get(siteName);
    if (!site) {
      site = siteStack(
        app,
        zone.sites!.find((s) => s.name === siteName)!,
        regionOf[siteName],
      );
      sites.set(siteName, site);
    }
    siteOf.set(w.name, siteName);
    const tiers = new Set<Tier>((w.services ?? []).map((s) => s.tier as Tier));
    if ((w.stores ?? []).length) tiers.add('data');
    for (const f of flows) {
      if (f.from.workload === w.name) tiers.add(f.from.tier);
      if (f.to.workload === w.name) tiers.add(f.to.tier);
    }
    for (const tier of [...tiers].sort()) {
      const name = `${w.name}-${tier}`;
      const id = pascal(name);
      const services = (w.services ?? []).filter((x) => x.tier === tier);
      const ns = namespace(site, id, name, tier, w.owners ?? [], {
        quota: tier === 'data' ? dataQuota(services) : undefined,
      });
      namespaces.set(`${w.name}/${tier}`, ns);
      for (const s of services) service(site, ns, `${id}${pascal(s.name)}`, tier, s);
      if (tier === 'data') {
        new Manifest(site.stack, `${id}Backup`, {
          dependsOn: [ns],
          manifest: {
            apiVersion: 'velero.io/v1',
            kind: 'Schedule',
            metadata: { name: `sovereign-lz-${name}`, namespace: 'velero', labels: LABELS },
            spec: {
              schedule: '0 1 * * *',
              useOwnerReferencesInBackup: false,
              template: {
                includedNamespaces: [name],
                // CSI snapshots of the StatefulSets' volumes, their data moved to the location.
                snapshotVolumes: true,
                snapshotMoveData: true,
                defaultVolumesToFsBackup: false,
                storageLocation: zone.sites!.find((s) => s.name === siteName)!.backupLocation,
                ttl: '720h0m0s',
              },
            },
          },
        });
      }
    }
  }
  // Same-site flows: an egress policy on one side, an ingress policy on the other.
  for (const f of flows) {
    const from = namespaces.get(`${f.from.workload}/${f.from.tier}`);
    const to = namespaces.get(`${f.to.workload}/${f.to.tier}`);
    if (!from || !to || siteOf.get(f.from.workload) !== siteOf.get(f.to.workload)) continue;
    const stack = sites.get(siteOf.get(f.from.workload)!)!.stack;
    const fromName = `${f.from.workload}-${f.from.tier}`;
    const toName = `${f.to.workload}-${f.to.tier}`;
    const id = pascal(`${fromName}-to-${toName}-${f.port}`);
    const name = `${fromName}-to-${toName}${f.port}`;
    const port = [{ port: String(f.port), protocol: 'TCP' }];
    new NetworkPolicyV1(stack, `${id}Egress`, {
      dependsOn: [from, to],
      metadata: { name: `${name}-egress`, namespace: fromName, labels: { ...LABELS, [TAG.tier]: f.from.tier } },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': toName } }, podSelector: {} }],
            ports: port,
          },
        ],
      },
    });
    new NetworkPolicyV1(stack, `${id}Ingress`, {
      dependsOn: [from, to],
      metadata: { name: `${name}-ingress`, namespace: toName, labels: { ...LABELS, [TAG.tier]: f.to.tier } },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': fromName } }, podSelector: {} },
            ],
            ports: port,
          },
        ],
      },
    });
  }
  return app;
}
