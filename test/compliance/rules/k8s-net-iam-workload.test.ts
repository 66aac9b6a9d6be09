import { cluster, find, judgeObjects, on, passed, PROFILE } from '../helpers/kubernetes';

function judgeWith(change: (objects: any[]) => void, options: Parameters<typeof judgeObjects>[1] = {}) {
  const objects = cluster();
  change(objects);
  return judgeObjects(objects, options);
}

const API = 'Deployment/records/api';
const DS = 'DaemonSet/logging/log-forwarder';

describe('NET-2', () => {
  const RULE = 'NET-2/service-exposure';
  test('a LoadBalancer in a namespace of the public tier passes', () => {
    expect(passed(judgeObjects(cluster()), RULE, 'Service/web/portal')).toBe(true);
  });
  test('fails if a Service of the data tier is of type NodePort', () => {
    const r = judgeWith((o) => (find(o, 'Service', 'api').spec.type = 'NodePort'));
    expect(on(r, RULE, 'Service/records/api')).toEqual([
      expect.objectContaining({ control: 'NET-2', status: 'fail', message: expect.stringContaining("'data' tier") }),
    ]);
  });
  test('the tier of an undeclared namespace cannot be proven', () => {
    const objects = cluster().filter((o) => o.kind === 'Service');
    expect(on(judgeObjects(objects), RULE, 'Service/web/portal')[0].status).toBe('cannot-prove');
  });
});

describe('NET-4', () => {
  test('a namespace denying ingress and egress by default passes, with one policy or one per direction', () => {
    const r = judgeObjects(cluster());
    expect(passed(r, 'NET-4/default-deny', 'Namespace/records')).toBe(true);
    expect(passed(r, 'NET-4/default-deny', 'Namespace/web')).toBe(true);
  });
  test('fails if a namespace has no default deny', () => {
    const r = judgeWith((o) => o.splice(o.indexOf(find(o, 'NetworkPolicy', 'default-deny', 'records')), 1));
    expect(on(r, 'NET-4/default-deny', 'Namespace/records')).toEqual([
      expect.objectContaining({
        control: 'NET-4',
        status: 'fail',
        message: expect.stringContaining('ingress and egress'),
      }),
    ]);
  });
  test('fails if the default deny covers ingress only', () => {
    const r = judgeWith((o) => (find(o, 'NetworkPolicy', 'default-deny', 'records').spec.policyTypes = ['Ingress']));
    expect(on(r, 'NET-4/default-deny', 'Namespace/records')[0].message).toContain('denies all egress');
  });
  test('fails if an empty ingress rule allows everything, which also voids the default deny', () => {
    const r = judgeWith((o) => (find(o, 'NetworkPolicy', 'default-deny', 'records').spec.ingress = [{}]));
    expect(on(r, 'NET-4/allow-all-rule', 'NetworkPolicy/records/default-deny')[0].message).toContain(
      'allows all ingress',
    );
    expect(on(r, 'NET-4/default-deny', 'Namespace/records')[0].message).toContain('denies all ingress');
  });
  test.each<[string, unknown]>([
    ['an ipBlock of every IPv4 address', { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
    ['an ipBlock of every IPv6 address', { to: [{ ipBlock: { cidr: '::/0' } }] }],
    ['every pod of every namespace', { to: [{ namespaceSelector: {} }] }],
    ['every pod of every namespace (empty selectors)', { to: [{ namespaceSelector: {}, podSelector: {} }] }],
  ])('fails if an egress rule allows %s on every port', (_, rule) => {
    const r = judgeWith((o) => (find(o, 'NetworkPolicy', 'default-deny', 'records').spec.egress = [rule]));
    expect(on(r, 'NET-4/allow-all-rule', 'NetworkPolicy/records/default-deny')).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: expect.stringMatching(/^egress rule 1 allows .* on every port/),
      }),
    ]);
  });
  test.each<[string, unknown]>([
    ['an ipBlock with an except', { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
    ['every namespace, on one port', { to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }] }],
    ['one namespace', { to: [{ namespaceSelector: { matchLabels: { team: 'dns' } } }] }],
    ['labelled pods of every namespace', { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { a: 'b' } } }] }],
  ])('passes if an egress rule allows %s', (_, rule) => {
    const r = judgeWith((o) => (find(o, 'NetworkPolicy', 'default-deny', 'records').spec.egress = [rule]));
    expect(on(r, 'NET-4/allow-all-rule', 'NetworkPolicy/records/default-deny')).toEqual([]);
  });
  test('policyTypes [] defaults as if absent, and a null podSelector selects every pod (as the API server decodes them)', () => {
    const r = judgeWith((o) => {
      const policy = find(o, 'NetworkPolicy', 'default-deny', 'records');
      policy.spec.policyTypes = [];
      policy.spec.podSelector = null;
      policy.spec.egress = [];
    });
    // Defaulted to Ingress only (no egress rule): ingress is denied, egress is not.
    expect(on(r, 'NET-4/default-deny', 'Namespace/records')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('denies all egress') }),
    ]);
  });
});

describe('IAM-1', () => {
  const RULE = 'IAM-1/cluster-admin-binding';
  test("cluster-admin bound to system:masters, and a team bound to a namespace's own role, pass", () => {
    const r = judgeObjects(cluster());
    expect(passed(r, RULE, 'ClusterRoleBinding/cluster-admins')).toBe(true);
    expect(passed(r, RULE, 'RoleBinding/records/owners')).toBe(true);
  });
  test('fails if cluster-admin is bound to a group of people', () => {
    const r = judgeWith((o) =>
      find(o, 'ClusterRoleBinding', 'cluster-admins').subjects.push({ kind: 'Group', name: 'ops' }),
    );
    expect(on(r, RULE, 'ClusterRoleBinding/cluster-admins')).toEqual([
      expect.objectContaining({ control: 'IAM-1', status: 'fail', message: "Group 'ops' is bound to cluster-admin" }),
    ]);
  });
  test('fails if a role of the input grants every verb on every resource', () => {
    const r = judgeWith(
      (o) => (find(o, 'Role', 'owner').rules = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
    );
    expect(on(r, RULE, 'RoleBinding/records/owners')[0].message).toContain('grants every verb on every resource');
  });
});

describe('K8S-1', () => {
  const RULE = 'K8S-1/pod-security-labels';
  test('a namespace enforcing, auditing and warning restricted passes', () => {
    expect(passed(judgeObjects(cluster()), RULE, 'Namespace/records')).toBe(true);
  });
  test('fails if a namespace does not audit restricted', () => {
    const r = judgeWith(
      (o) => delete find(o, 'Namespace', 'records').metadata.labels['pod-security.kubernetes.io/audit'],
    );
    expect(on(r, RULE, 'Namespace/records')).toEqual([
      expect.objectContaining({
        control: 'K8S-1',
        status: 'fail',
        suppressed: false,
        message: expect.stringContaining('audit is not set'),
      }),
    ]);
  });
  test('the logs namespace may enforce less, as a reported exception; it still audits restricted', () => {
    const r = judgeWith(
      (o) => delete find(o, 'Namespace', 'logging').metadata.labels['pod-security.kubernetes.io/warn'],
    );
    expect(on(r, RULE, 'Namespace/logging')).toEqual([
      expect.objectContaining({ suppressed: true, justification: expect.stringMatching(/^built-in exception: /) }),
      expect.objectContaining({ suppressed: false, message: expect.stringContaining('warn is not set') }),
    ]);
  });
});

describe('K8S-2', () => {
  const RULE = 'K8S-2/container-hardening';
  const container = (o: any[]) => find(o, 'Deployment', 'api').spec.template.spec.containers[0];
  test('a hardened container passes', () => {
    expect(passed(judgeObjects(cluster()), RULE, API)).toBe(true);
  });
  test('fails if a container may escalate privileges and keeps its capabilities', () => {
    const r = judgeWith((o) => (container(o).securityContext = { readOnlyRootFilesystem: true }));
    expect(on(r, RULE, API)).toEqual([
      expect.objectContaining({
        control: 'K8S-2',
        status: 'fail',
        message: "container 'api' allowPrivilegeEscalation is not false, does not drop ALL capabilities",
      }),
    ]);
  });
  test('fails if the pods may run as root, or share the host network', () => {
    const r = judgeWith((o) => {
      const spec = find(o, 'Deployment', 'api').spec.template.spec;
      delete spec.securityContext.runAsNonRoot;
      spec.hostNetwork = true;
    });
    expect(on(r, RULE, API).map((f) => f.message)).toEqual([
      "container 'api' may run as root (runAsNonRoot is not true)",
      "the pods share the node's network namespace (hostNetwork)",
    ]);
  });
  test('fails if a workload outside the logs namespace mounts a host path, even /var/log', () => {
    const r = judgeWith((o) => {
      const spec = find(o, 'Deployment', 'api').spec.template.spec;
      spec.volumes.push({ name: 'varlog', hostPath: { path: '/var/log' } });
      spec.containers[0].volumeMounts.push({ name: 'varlog', mountPath: '/var/log', readOnly: true });
    });
    expect(on(r, RULE, API)).toEqual([
      expect.objectContaining({ suppressed: false, message: expect.stringContaining('/var/log') }),
    ]);
  });
  test("the forwarder's exception holds only for a read-only mount under /var/log", () => {
    const r = judgeWith(
      (o) => (find(o, 'DaemonSet', 'log-forwarder').spec.template.spec.containers[0].volumeMounts[0].readOnly = false),
    );
    expect(on(r, RULE, DS).map((f) => [f.suppressed, f.message])).toEqual([
      [false, "container 'fluent-bit' runs as root (runAsUser 0)"],
      [false, "volume 'varlog' mounts the node's /var/log (hostPath, writable)"],
    ]);
  });
});

describe('K8S-3', () => {
  test('a namespace with a quota and limits passes', () => {
    expect(passed(judgeObjects(cluster()), 'K8S-3/quota-and-limits', 'Namespace/records')).toBe(true);
  });
  test('fails if a namespace has no ResourceQuota', () => {
    const r = judgeWith((o) => o.splice(o.indexOf(find(o, 'ResourceQuota', 'quota', 'web')), 1));
    expect(on(r, 'K8S-3/quota-and-limits', 'Namespace/web')).toEqual([
      expect.objectContaining({ control: 'K8S-3', severity: 'warning', message: 'the namespace has no ResourceQuota' }),
    ]);
  });
});

describe('K8S-4', () => {
  const image = (o: any[], value: string) =>
    (find(o, 'Deployment', 'api').spec.template.spec.containers[0].image = value);
  test('an image of an allowlisted registry, pinned by digest, passes', () => {
    const r = judgeObjects(cluster());
    expect(passed(r, 'K8S-4/image-registry', API)).toBe(true);
    expect(passed(r, 'K8S-4/image-pinned', API)).toBe(true);
  });
  test('fails if an image comes from a registry abroad', () => {
    const r = judgeWith((o) => image(o, 'docker.io/library/nginx@sha256:' + 'a'.repeat(64)));
    expect(on(r, 'K8S-4/image-registry', API)).toEqual([
      expect.objectContaining({
        control: 'K8S-4',
        status: 'fail',
        message: expect.stringContaining('docker.io/library/nginx'),
      }),
    ]);
  });
  test("fails if an image is not pinned; a version tag's immutability cannot be proven", () => {
    expect(
      on(
        judgeWith((o) => image(o, 'registry.gov.ma/records/api:latest')),
        'K8S-4/image-pinned',
        API,
      )[0].status,
    ).toBe('fail');
    expect(
      on(
        judgeWith((o) => image(o, 'registry.gov.ma/records/api:1.4.2')),
        'K8S-4/image-pinned',
        API,
      )[0],
    ).toEqual(expect.objectContaining({ status: 'cannot-prove', severity: 'warning' }));
  });
  test('without an allowlist the origin of images cannot be proven', () => {
    const profile = { ...PROFILE, allowlists: { ...PROFILE.allowlists, imageRegistries: [] } };
    expect(on(judgeObjects(cluster(), { profile }), 'K8S-4/image-registry', API)[0].status).toBe('cannot-prove');
  });
});

describe('BCK-1', () => {
  const NS = 'Namespace/records';
  test('a namespace with persistent data backed up by a Velero Schedule to an allowlisted location passes', () => {
    const r = judgeObjects(cluster());
    expect(passed(r, 'BCK-1/namespace-backup-schedule', NS)).toBe(true);
    expect(passed(r, 'BCK-1/velero-schedule-location', 'Schedule/velero/records-daily')).toBe(true);
  });
  test('fails if no schedule of the input includes a namespace with persistent data', () => {
    const r = judgeWith((o) => (find(o, 'Schedule', 'records-daily').spec.template.includedNamespaces = ['web']));
    expect(on(r, 'BCK-1/namespace-backup-schedule', NS)).toEqual([
      expect.objectContaining({
        control: 'BCK-1',
        status: 'fail',
        message: expect.stringContaining('keeps data on persistent volumes'),
      }),
    ]);
  });
  test('without any schedule in the input, the backup cannot be proven', () => {
    const r = judgeWith((o) => o.splice(o.indexOf(find(o, 'Schedule', 'records-daily')), 1));
    expect(on(r, 'BCK-1/namespace-backup-schedule', NS)[0].status).toBe('cannot-prove');
  });
  test('fails if a schedule stores backups outside the allowlisted locations', () => {
    const r = judgeWith((o) => (find(o, 'Schedule', 'records-daily').spec.template.storageLocation = 's3-frankfurt'));
    expect(on(r, 'BCK-1/velero-schedule-location', 'Schedule/velero/records-daily')[0].message).toContain(
      "'s3-frankfurt'",
    );
  });
});

describe('suppressions on manifests', () => {
  const waive = (reason: string, expires?: string) =>
    judgeWith((o) => {
      o.splice(o.indexOf(find(o, 'ResourceQuota', 'quota', 'web')), 1);
      find(o, 'Namespace', 'web').metadata.annotations = {
        'sovereign-lz.io/suppressions': JSON.stringify([{ id: 'K8S-3', reason, ...(expires ? { expires } : {}) }]),
      };
    });
  test('the annotation waives a finding with its reason; it still appears', () => {
    expect(on(waive('quota enforced by the cluster operator'), 'K8S-3/quota-and-limits', 'Namespace/web')[0]).toEqual(
      expect.objectContaining({ suppressed: true, justification: 'quota enforced by the cluster operator' }),
    );
  });
  test('a short reason or an expired suppression does not hold', () => {
    expect(on(waive('ok'), 'K8S-3/quota-and-limits', 'Namespace/web')[0].suppressed).toBe(false);
    expect(
      on(waive('quota enforced by the operator', '2025-01-01'), 'K8S-3/quota-and-limits', 'Namespace/web')[0],
    ).toEqual(
      expect.objectContaining({ suppressed: false, message: expect.stringContaining('expired on 2025-01-01') }),
    );
  });
});
