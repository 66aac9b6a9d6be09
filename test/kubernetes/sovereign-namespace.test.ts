import 'cdktf/lib/testing/adapters/jest';
import { LimitRangeV1 } from '@cdktf/provider-kubernetes/lib/limit-range-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { ResourceQuotaV1 } from '@cdktf/provider-kubernetes/lib/resource-quota-v1';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { TerraformStack, Testing } from 'cdktf';
import { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { SovereignNamespace, type SovereignNamespaceProps } from '../../constructs/kubernetes/sovereign-namespace';
import { invalidObjects, objectsOfKind, ownResources, resourcesOf, testCluster, testStack } from './helpers';

Testing.setupJest();

function namespace(props: SovereignNamespaceProps = {}, cluster: SovereignCluster = testCluster()) {
  const ns = new SovereignNamespace(cluster, 'Records', props);
  return { ns, stack: cluster.node.scope as TerraformStack };
}

test('matches the snapshot of its default', () => {
  const { ns } = namespace();
  expect(ownResources(ns)).toMatchSnapshot();
});

test('labels the namespace with classification, jurisdiction, tier and restricted pod security', () => {
  const { stack } = namespace({ tier: 'data' });
  expect(Testing.synth(stack)).toHaveResourceWithProperties(NamespaceV1, {
    metadata: {
      name: 'records',
      labels: {
        'sovereign-lz.io/classification': 'sensitive',
        'sovereign-lz.io/jurisdiction': 'morocco',
        'sovereign-lz.io/tier': 'data',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.30',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': 'v1.30',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': 'v1.30',
      },
    },
  });
});

test('denies all ingress and egress by default, with no rules (NET-4)', () => {
  const { stack } = namespace();
  expect(Testing.synth(stack)).toHaveResourceWithProperties(NetworkPolicyV1, {
    metadata: expect.objectContaining({ name: 'default-deny', namespace: 'records' }),
    spec: { pod_selector: {}, policy_types: ['Ingress', 'Egress'] },
  });
});

test('allows egress to the cluster DNS only, on UDP and TCP 53', () => {
  const { stack } = namespace();
  const [dns] = objectsOfKind(stack, 'NetworkPolicy').filter((p) => p.metadata?.name === 'allow-dns');
  expect(dns.spec).toEqual({
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
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      },
    ],
  });
});

test('bounds the namespace with a ResourceQuota and a LimitRange (K8S-3)', () => {
  const { stack } = namespace();
  const synth = Testing.synth(stack);
  expect(synth).toHaveResourceWithProperties(ResourceQuotaV1, {
    spec: {
      hard: {
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        'limits.cpu': '8',
        'limits.memory': '16Gi',
        'requests.storage': '100Gi',
        pods: '50',
        persistentvolumeclaims: '10',
        'services.loadbalancers': '0',
        'services.nodeports': '0',
      },
    },
  });
  expect(synth).toHaveResourceWithProperties(LimitRangeV1, {
    spec: {
      limit: [
        {
          type: 'Container',
          default_request: { cpu: '100m', memory: '128Mi' },
          default: { cpu: '500m', memory: '512Mi' },
          max: { cpu: '2', memory: '4Gi' },
        },
      ],
    },
  });
});

test('a public-tier namespace may expose services (no load balancer cap)', () => {
  const { stack } = namespace({ tier: 'public', classification: 'public' });
  const [quota] = objectsOfKind(stack, 'ResourceQuota');
  expect(Object.keys((quota.spec as { hard: object }).hard)).not.toContain('services.loadbalancers');
});

test('binds the owners to a namespaced role that cannot lift the guardrails (IAM-1)', () => {
  const { stack } = namespace({
    owners: [
      { kind: 'Group', name: 'records-team' },
      { kind: 'ServiceAccount', name: 'ci' },
    ],
  });
  expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleBindingV1, {
    role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'Role', name: 'sovereign-lz-owner' },
    subject: [
      { kind: 'Group', name: 'records-team', api_group: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'ci', namespace: 'records' },
    ],
  });
  const [role] = objectsOfKind(stack, 'Role');
  const rules = role.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
  const writable = rules.filter((r) => r.verbs.includes('create')).flatMap((r) => r.resources);
  expect(writable).toContain('deployments');
  for (const guardrail of ['networkpolicies', 'resourcequotas', 'limitranges', 'roles', 'rolebindings', 'namespaces']) {
    expect(writable).not.toContain(guardrail);
  }
  expect(rules.flatMap((r) => r.verbs)).not.toContain('*');
});

test('viewers get a read-only role without secrets', () => {
  const { stack } = namespace({ viewers: [{ kind: 'Group', name: 'auditors' }] });
  const roles = objectsOfKind(stack, 'Role');
  expect(roles.map((r) => r.metadata?.name)).toEqual(['sovereign-lz-viewer']);
  const rules = roles[0].rules as { resources: string[]; verbs: string[] }[];
  expect(rules.flatMap((r) => r.verbs).every((v) => ['get', 'list', 'watch'].includes(v))).toBe(true);
  expect(rules.flatMap((r) => r.resources)).not.toContain('secrets');
});

test('every object carries the classification label and depends on the namespace', () => {
  const { stack } = namespace({ owners: [{ kind: 'Group', name: 'records-team' }] });
  const [nsName] = Object.keys(resourcesOf(stack, 'kubernetes_namespace_v1'));
  const types = ['network_policy', 'resource_quota', 'limit_range', 'role', 'role_binding'];
  for (const type of types) {
    for (const resource of Object.values(resourcesOf(stack, `kubernetes_${type}_v1`))) {
      expect(resource.depends_on).toEqual([`kubernetes_namespace_v1.${nsName}`]);
      expect(resource.metadata).toMatchObject({
        namespace: 'records',
        labels: { 'sovereign-lz.io/classification': 'sensitive', 'sovereign-lz.io/jurisdiction': 'morocco' },
      });
    }
  }
});

test('inherits the cluster ceiling; a lower level may be chosen', () => {
  expect(namespace().ns.classification).toBe('sensitive');
  expect(namespace({ classification: 'internal' }).ns.classification).toBe('internal');
});

test('renders only objects valid against the Kubernetes OpenAPI schemas', () => {
  const { stack } = namespace({
    owners: [{ kind: 'Group', name: 'records-team' }],
    viewers: [{ kind: 'User', name: 'auditor@gov.ma' }],
  });
  expect(invalidObjects(stack)).toEqual([]);
  expect(objectsOfKind(stack, 'Namespace')).toHaveLength(1);
});

test('suppressions are written under each resource\'s "//" key', () => {
  const { stack } = namespace({
    tier: 'application',
    quota: { loadBalancers: 1 },
    suppressions: [{ id: 'NET-2', reason: 'legacy ingress appliance until 2027', expires: '2027-06-30' }],
  });
  const quota = Object.values(resourcesOf(stack, 'kubernetes_resource_quota_v1'))[0];
  expect(quota['//']).toMatchObject({
    'sovereign-lz': {
      suppressions: [{ id: 'NET-2', reason: 'legacy ingress appliance until 2027', expires: '2027-06-30' }],
    },
  });
});

test('fails if the level is above the cluster ceiling (RES-1)', () => {
  const cluster = testCluster({ classificationCeiling: 'internal' });
  expect(() => namespace({ classification: 'sensitive' }, cluster)).toThrow(
    "[K/Casablanca/Records] RES-1: level 'sensitive' is above the classification ceiling 'internal' of cluster 'K/Casablanca' (site 'ma-casablanca-1') (L05-20 Art. 11; RQC 3.15.2). Place it on a cluster whose ceiling is at least 'sensitive'",
  );
});

test('fails if the namespace is not under a cluster', () => {
  expect(() => new SovereignNamespace(testStack(), 'Records')).toThrow(
    '[K/Records] PROPS: not inside a SovereignCluster. Create it under the cluster it belongs to, e.g. new SovereignNamespace(cluster, …)',
  );
});

test('fails if the name is not a namespace name', () => {
  expect(() => namespace({ name: 'Records_2024' })).toThrow(
    /^\[K\/Casablanca\/Records\] PROPS: name 'Records_2024' is not a namespace name/,
  );
});

test('fails if the name is reserved', () => {
  expect(() => namespace({ name: 'kube-system' })).toThrow(
    "[K/Casablanca/Records] PROPS: name 'kube-system' is reserved by Kubernetes",
  );
});

test('fails if the namespace is declared twice', () => {
  const cluster = testCluster();
  new SovereignNamespace(cluster, 'A', { name: 'records' });
  expect(() => namespace({}, cluster)).toThrow(
    "[K/Casablanca/Records] PROPS: namespace 'records' is already declared by 'K/Casablanca/A'",
  );
});

test('the same namespace name on two clusters of one stack is no clash: names are unique per cluster', () => {
  const first = testCluster();
  const stack = first.node.scope as TerraformStack;
  const second = new SovereignCluster(stack, 'Rabat', {
    profile: first.profile,
    site: first.site.name,
    kubeconfigContext: 'rabat',
    providerAlias: 'rabat',
  });
  new SovereignNamespace(first, 'A', { name: 'records' });
  expect(new SovereignNamespace(second, 'A', { name: 'records' }).namespaceName).toBe('records');
  expect(() => new SovereignNamespace(second, 'B', { name: 'records' })).toThrow(
    "[K/Rabat/B] PROPS: namespace 'records' is already declared by 'K/Rabat/A'",
  );
});

test('a namespace refused for another reason does not hold its name', () => {
  const cluster = testCluster();
  expect(() => new SovereignNamespace(cluster, 'A', { name: 'records', tier: 'nope' as never })).toThrow(
    /unknown tier/,
  );
  expect(new SovereignNamespace(cluster, 'B', { name: 'records' }).namespaceName).toBe('records');
});

test('fails if the owners are bound to cluster-admin (IAM-1)', () => {
  expect(() =>
    namespace({
      owners: [{ kind: 'Group', name: 'records-team' }],
      ownerRole: { kind: 'ClusterRole', name: 'cluster-admin' },
      suppressions: [{ id: 'IAM-1', reason: 'the team asked for it nicely' }],
    }),
  ).toThrow(
    "[K/Casablanca/Records] IAM-1: the owners of namespace 'records' may not be bound to 'cluster-admin' (DNSSI). Use the default owner role, or a namespaced Role that grants what the team needs",
  );
});

test('fails if the owners are bound to admin without a suppression (IAM-1)', () => {
  const owners = [{ kind: 'Group' as const, name: 'records-team' }];
  const ownerRole = { kind: 'ClusterRole' as const, name: 'admin' };
  expect(() => namespace({ owners, ownerRole })).toThrow(
    /\[K\/Casablanca\/Records\] IAM-1: the owners of namespace 'records' may not be bound to 'admin'/,
  );
  const { stack } = namespace({
    owners,
    ownerRole,
    suppressions: [{ id: 'IAM-1', reason: 'platform team namespace, reviewed by the CISO' }],
  });
  expect(objectsOfKind(stack, 'RoleBinding')[0].roleRef).toEqual({
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'admin',
  });
});

test('fails if an owner is a system identity such as system:masters (IAM-1)', () => {
  expect(() => namespace({ owners: [{ kind: 'Group', name: 'system:masters' }] })).toThrow(
    /\[K\/Casablanca\/Records\] IAM-1: owners\[0\] 'system:masters' is a system identity/,
  );
});

test('fails if a quantity is malformed or the limits are inconsistent, listing both', () => {
  expect(() => namespace({ quota: { requestsCpu: 'four' }, containerLimits: { defaultLimitMemory: '8Gi' } })).toThrow(
    /\[K\/Casablanca\/Records\] 2 problems:\n {2}- PROPS: quota requests.cpu 'four' is not a quantity\n {2}- PROPS: containerLimits memory must satisfy default request \(128Mi\) ≤ default limit \(8Gi\) ≤ max \(4Gi\)/,
  );
});

test('fails if a non-public tier allows load balancers (NET-2)', () => {
  expect(() => namespace({ tier: 'data', quota: { loadBalancers: 2 } })).toThrow(
    "[K/Casablanca/Records] NET-2: quota.loadBalancers 2 exposes services of the 'data' tier outside the cluster; only the public tier may (DNSSI (cloisonnement)). Expose the service from a namespace of the public tier and declare the flow with TierFlow",
  );
});

test('fails if extra labels try to override the pod-security level', () => {
  expect(() => namespace({ labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } })).toThrow(
    "[K/Casablanca/Records] PROPS: labels may not set 'pod-security.kubernetes.io/enforce': the namespace sets it",
  );
});

test('fails if a suppression is malformed', () => {
  expect(() => namespace({ suppressions: [{ id: 'NOPE-1', reason: 'short' }] })).toThrow(
    /\[K\/Casablanca\/Records\] 2 problems:\n {2}- PROPS: suppressions\[0\].id must name a control/,
  );
});

test('fails if the purpose is unknown', () => {
  expect(() => namespace({ purpose: 'metrics' as never })).toThrow(
    "[K/Casablanca/Records] PROPS: purpose must be 'logs' if given",
  );
});
