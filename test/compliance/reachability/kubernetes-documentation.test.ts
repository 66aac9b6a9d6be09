import type { KubernetesObject } from '../../../constructs/compliance/normalize/kubernetes-objects';
import type { Template } from '../../../constructs/compliance/normalize/model';
import { readKubernetesManifests } from '../../../constructs/compliance/read/kubernetes-manifests';
import { buildKubernetesTemplates } from '../../../constructs/compliance/read/kubernetes-source';
import { Unresolved } from '../../../constructs/compliance/normalize/intrinsics';
import {
  canReach,
  canReachAddress,
  kubernetesModel,
  reachability,
} from '../../../constructs/compliance/reachability/kubernetes-model';

/** Manifest objects, normalized as the checker normalizes a file `cluster.yaml`. */
export function manifests(objects: readonly unknown[]): Template[] {
  return buildKubernetesTemplates(
    [readKubernetesManifests(objects, { file: 'cluster.yaml', format: 'kubernetes-yaml' })],
    undefined,
  );
}

/** A Namespace. */
export function namespace(name: string, labels: Record<string, string> = {}): KubernetesObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A container port. */
export interface Port {
  readonly containerPort: number;
  readonly name?: string;
  readonly protocol?: string;
}

/** A Deployment whose pods carry `labels` and expose `ports`. */
export function deployment(
  ns: string,
  name: string,
  labels: Record<string, string>,
  ports: readonly Port[] = [],
): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'main', image: 'registry.gov.ma/app@sha256:0', ports: [...ports] }] },
      },
    },
  };
}

/** A NetworkPolicy with `spec`. */
export function policy(ns: string, name: string, spec: Record<string, unknown>): KubernetesObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

/*
 * Cases of the Kubernetes documentation, each with its source:
 * NETPOL = https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * API    = https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/
 */

const APP = { app: 'web' };
/** Two namespaces with one pod each. */
const base = () => [
  namespace('default'),
  namespace('other', { team: 'other' }),
  deployment('default', 'web', APP, [{ containerPort: 8080, name: 'http' }]),
  deployment('other', 'client', { app: 'client' }),
];
const model = (...objects: unknown[]) => kubernetesModel(manifests([...base(), ...objects]));
const toWeb = { fromNamespace: 'other', toNamespace: 'default', port: 8080 } as const;

describe('no policy', () => {
  // NETPOL "The two sorts of pod isolation": by default, a pod is non-isolated for egress and ingress.
  test('pods are not isolated: everything is allowed, by no policy', () => {
    expect(canReach(model(), toWeb)).toEqual({ allowed: true, by: [] });
    expect(
      canReachAddress(model(), { fromNamespace: 'default', address: '8.8.8.8', port: 53, protocol: 'UDP' }),
    ).toEqual({ allowed: true, by: [] });
  });
});

describe('default policies', () => {
  // NETPOL "Default deny all ingress traffic" (network-policy-default-deny-ingress.yaml).
  test('default deny all ingress: ingress is denied, egress is not', () => {
    const m = model(policy('default', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }));
    expect(canReach(m, toWeb)).toEqual({
      allowed: false,
      by: [],
      blockedBy: { layer: 'ingress', policy: 'default/default-deny-ingress' },
    });
    expect(canReach(m, { fromNamespace: 'default', toNamespace: 'other', port: 443 }).allowed).toBe(true);
    expect(canReachAddress(m, { fromNamespace: 'default', address: '10.1.2.3', port: 443 }).allowed).toBe(true);
  });

  // NETPOL "Allow all ingress traffic" (network-policy-allow-all-ingress.yaml).
  test('allow all ingress: the empty rule allows every source and port, and the answer names it', () => {
    const m = model(
      policy('default', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
      policy('default', 'allow-all-ingress', { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] }),
    );
    expect(canReach(m, toWeb)).toEqual({ allowed: true, by: ['default/allow-all-ingress'] });
    expect(canReach(m, { ...toWeb, port: 1, protocol: 'SCTP' })).toEqual({
      allowed: true,
      by: ['default/allow-all-ingress'],
    });
  });

  // NETPOL "Default deny all egress traffic" (network-policy-default-deny-egress.yaml).
  test('default deny all egress: egress is denied, ingress is not', () => {
    const m = model(policy('default', 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] }));
    expect(canReach(m, { fromNamespace: 'default', toNamespace: 'other', port: 443 })).toEqual({
      allowed: false,
      by: [],
      blockedBy: { layer: 'egress', policy: 'default/default-deny-egress' },
    });
    expect(canReachAddress(m, { fromNamespace: 'default', address: '10.1.2.3', port: 443 }).blockedBy).toEqual({
      layer: 'egress',
      policy: 'default/default-deny-egress',
    });
    expect(canReach(m, toWeb).allowed).toBe(true);
  });

  // NETPOL "Default deny all ingress and all egress traffic" (network-policy-default-deny-all.yaml).
  test('default deny all: the matrix has no entry into or out of the namespace', () => {
    const objects = manifests([
      ...base(),
      policy('default', 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    ]);
    const r = reachability(objects);
    expect(r.namespaces.filter((n) => n.fromNamespace === 'default' || n.toNamespace === 'default')).toEqual([]);
    // other → other stays open on every port of every protocol, by no policy.
    expect(
      r.namespaces.filter((n) => n.fromNamespace === 'other').map((n) => [n.protocol, n.from, n.to, n.allowed, n.by]),
    ).toEqual([
      ['TCP', 1, 65535, true, []],
      ['UDP', 1, 65535, true, []],
      ['SCTP', 1, 65535, true, []],
    ]);
  });
});

describe('policyTypes defaults', () => {
  // API NetworkPolicySpec.policyTypes: "If this field is not specified, it will default based on the
  // existence of ingress or egress rules; policies that contain an egress section are assumed to
  // affect egress, and all policies (whether or not they contain an ingress section) are assumed
  // to affect ingress."
  test('a policy without policyTypes nor egress governs ingress only', () => {
    const m = model(policy('default', 'p', { podSelector: {} }));
    expect(m.policies[0].types).toEqual({ ingress: true, egress: false });
    expect(canReach(m, toWeb).allowed).toBe(false);
    expect(canReach(m, { fromNamespace: 'default', toNamespace: 'other', port: 1 }).allowed).toBe(true);
  });

  test('a policy with an egress section governs egress too', () => {
    const m = model(
      policy('default', 'p', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }),
    );
    expect(m.policies[0].types).toEqual({ ingress: true, egress: true });
    expect(canReach(m, toWeb).allowed).toBe(false);
    expect(canReachAddress(m, { fromNamespace: 'default', address: '10.9.9.9', port: 1 })).toEqual({
      allowed: true,
      by: ['default/p'],
    });
    expect(canReachAddress(m, { fromNamespace: 'default', address: '11.0.0.1', port: 1 }).allowed).toBe(false);
  });

  test('ingress rules of a policy whose policyTypes is only Egress are ignored', () => {
    const m = model(policy('default', 'p', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }));
    expect(canReach(m, toWeb)).toEqual({ allowed: true, by: [] });
  });
});

describe('the example NetworkPolicy of the documentation', () => {
  // NETPOL "The NetworkPolicy resource" (service/networking/networkpolicy.yaml).
  const example = policy('default', 'test-network-policy', {
    podSelector: { matchLabels: { role: 'db' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [
          { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
          { namespaceSelector: { matchLabels: { project: 'myproject' } } },
          { podSelector: { matchLabels: { role: 'frontend' } } },
        ],
        ports: [{ protocol: 'TCP', port: 6379 }],
      },
    ],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
  });
  const m = kubernetesModel(
    manifests([
      namespace('default'),
      namespace('myproject', { project: 'myproject' }),
      deployment('default', 'db', { role: 'db' }),
      deployment('default', 'frontend', { role: 'frontend' }),
      deployment('default', 'batch', { role: 'batch' }),
      deployment('myproject', 'anything', { role: 'anything' }),
      example,
    ]),
    { podCidrs: ['100.64.0.0/16'] },
  );
  const db = { toNamespace: 'default', toPodLabels: { role: 'db' }, port: 6379 } as const;

  test('frontend pods of the namespace and every pod of myproject reach db on TCP 6379 only', () => {
    const by = ['default/test-network-policy'];
    expect(canReach(m, { ...db, fromNamespace: 'default', fromPodLabels: { role: 'frontend' } })).toEqual({
      allowed: true,
      by,
    });
    expect(canReach(m, { ...db, fromNamespace: 'myproject' })).toEqual({ allowed: true, by });
    expect(canReach(m, { ...db, fromNamespace: 'default', fromPodLabels: { role: 'batch' } })).toEqual({
      allowed: false,
      by: [],
      blockedBy: { layer: 'ingress', policy: 'default/test-network-policy' },
    });
    expect(canReach(m, { ...db, fromNamespace: 'myproject', port: 6380 }).allowed).toBe(false);
    expect(canReach(m, { ...db, fromNamespace: 'myproject', protocol: 'UDP' }).allowed).toBe(false);
  });

  test('db reaches 10.0.0.0/24 on TCP 5978 and nothing else', () => {
    const from = { fromNamespace: 'default', fromPodLabels: { role: 'db' } };
    expect(canReachAddress(m, { ...from, address: '10.0.0.7', port: 5978 })).toEqual({
      allowed: true,
      by: ['default/test-network-policy'],
    });
    expect(canReachAddress(m, { ...from, address: '10.0.1.7', port: 5978 }).allowed).toBe(false);
    expect(canReachAddress(m, { ...from, address: '10.0.0.7', port: 5979 }).allowed).toBe(false);
    expect(canReach(m, { ...from, toNamespace: 'default', toPodLabels: { role: 'frontend' }, port: 5978 })).toEqual({
      allowed: false,
      by: [],
      blockedBy: { layer: 'egress', policy: 'default/test-network-policy' },
    });
  });

  test('egressToAddresses lists the block, the port and the policy; other pods leave freely', () => {
    const r = reachability(manifests([namespace('default'), deployment('default', 'db', { role: 'db' }), example]));
    expect(r.egressToAddresses).toEqual([
      {
        namespace: 'default',
        pods: ['Deployment/default/db'],
        allowed: true,
        to: [{ cidr: '10.0.0.0/24', except: [] }],
        ports: [{ protocol: 'TCP', port: { kind: 'range', from: 5978, to: 5978 } }],
        by: 'default/test-network-policy',
      },
    ]);
  });

  // NETPOL "ipBlock": "This selects particular IP CIDR ranges to allow as ingress sources or
  // egress destinations. These should be cluster-external IPs, since Pod IPs are ephemeral and
  // unpredictable." — whether a block selects a pod is unknown without the pod CIDRs.
  test('whether an ipBlock selects a pod is unknown without the pod CIDRs, and known with them', () => {
    const objects = manifests([
      namespace('a'),
      namespace('b'),
      deployment('a', 'x', { app: 'x' }),
      deployment('b', 'y', { app: 'y' }),
      policy('b', 'from-block', {
        podSelector: {},
        ingress: [{ from: [{ ipBlock: { cidr: '100.64.0.0/10', except: ['100.64.1.0/24'] } }] }],
      }),
    ]);
    const q = { fromNamespace: 'a', toNamespace: 'b', port: 80 };
    expect(canReach(kubernetesModel(objects), q)).toEqual({ allowed: 'unknown', by: [], uncertain: ['b/from-block'] });
    expect(canReach(kubernetesModel(objects, { podCidrs: ['100.64.128.0/17'] }), q).allowed).toBe(true);
    expect(canReach(kubernetesModel(objects, { podCidrs: ['192.168.0.0/16'] }), q).allowed).toBe(false);
    expect(canReach(kubernetesModel(objects, { podCidrs: ['100.64.0.0/16'] }), q).allowed).toBe('unknown');
  });
});

describe('ipBlock with except', () => {
  // NETPOL "ipBlock" and the example above: except excludes ranges of cidr.
  test('an address in an except range is denied, the rest of the block allowed', () => {
    const m = model(
      policy('default', 'egress-block', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.20.0.0/16', except: ['10.20.5.0/24', '10.20.9.9/32'] } }] }],
      }),
    );
    const q = (address: string) => canReachAddress(m, { fromNamespace: 'default', address, port: 443 }).allowed;
    expect([q('10.20.0.1'), q('10.20.5.7'), q('10.20.9.9'), q('10.20.9.10'), q('10.21.0.1')]).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
    expect(q('::1')).toBe(false);
  });
});

describe('namespaceSelector and podSelector: AND versus OR', () => {
  // NETPOL "Behavior of to and from selectors": one element with both selectors allows pods
  // with role=client in namespaces with user=alice; two elements allow either.
  const and = [
    { namespaceSelector: { matchLabels: { user: 'alice' } }, podSelector: { matchLabels: { role: 'client' } } },
  ];
  const or = [
    { namespaceSelector: { matchLabels: { user: 'alice' } } },
    { podSelector: { matchLabels: { role: 'client' } } },
  ];
  const objects = (from: unknown[]) =>
    manifests([
      namespace('default'),
      namespace('alice', { user: 'alice' }),
      deployment('default', 'web', APP),
      deployment('alice', 'client', { role: 'client' }),
      deployment('alice', 'other', { role: 'other' }),
      deployment('default', 'local-client', { role: 'client' }),
      policy('default', 'p', { podSelector: APP, ingress: [{ from }] }),
    ]);
  const ask = (from: unknown[], ns: string, role: string) =>
    canReach(kubernetesModel(objects(from)), {
      fromNamespace: ns,
      fromPodLabels: { role },
      toNamespace: 'default',
      toPodLabels: APP,
      port: 80,
    }).allowed;

  test.each([
    ['alice', 'client', true, true],
    ['alice', 'other', false, true],
    ['default', 'client', false, true],
  ])('from %s pod role=%s: AND %s, OR %s', (ns, role, andAllowed, orAllowed) => {
    expect(ask(and, ns, role)).toBe(andAllowed);
    expect(ask(or, ns, role)).toBe(orAllowed);
  });

  // NETPOL: "namespaceSelector: {}" selects all namespaces (the example of "Targeting multiple namespaces by label").
  test('an empty namespaceSelector selects every pod of every namespace', () => {
    expect(ask([{ namespaceSelector: {} }], 'alice', 'other')).toBe(true);
  });
});

describe('endPort', () => {
  // NETPOL "Targeting a range of ports" (network-policy-multiport-egress.yaml).
  const m = model(
    policy('default', 'multi-port-egress', {
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] },
      ],
    }),
    deployment('default', 'db', { role: 'db' }),
  );
  test.each([
    [31999, false],
    [32000, true],
    [32500, true],
    [32768, true],
    [32769, false],
  ])('port %d: %s', (port, allowed) => {
    expect(
      canReachAddress(m, { fromNamespace: 'default', fromPodLabels: { role: 'db' }, address: '10.0.0.1', port })
        .allowed,
    ).toBe(allowed);
  });
  test('an endPort below port is refused by the API: unknown, and reported', () => {
    const bad = model(
      policy('default', 'bad', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 200, endPort: 100 }] }],
      }),
    );
    expect(canReachAddress(bad, { fromNamespace: 'default', address: '10.0.0.1', port: 150 }).allowed).toBe('unknown');
    expect(bad.unknowns.map((u) => u.what)).toContainEqual(expect.stringContaining('endPort 100'));
  });
});

describe('ports', () => {
  // API NetworkPolicyPort.port: "the port on the given protocol. This can either be a numerical or
  // named port on a pod."; protocol: "If not specified, this field defaults to TCP."
  const m = model(
    policy('default', 'named', {
      podSelector: APP,
      ingress: [{ ports: [{ port: 'http' }] }],
    }),
  );
  test('a named port is resolved against the destination pod', () => {
    expect(canReach(m, toWeb)).toEqual({ allowed: true, by: ['default/named'] });
    expect(canReach(m, { ...toWeb, port: 8081 }).allowed).toBe(false);
    expect(canReach(m, { ...toWeb, protocol: 'UDP' }).allowed).toBe(false);
  });
  test("a named port matches a container port of that name and of the rule's protocol", () => {
    const udp = model(
      policy('default', 'udp-http', { podSelector: APP, ingress: [{ ports: [{ port: 'http', protocol: 'UDP' }] }] }),
    );
    expect(canReach(udp, { ...toWeb, protocol: 'UDP' }).allowed).toBe(false);
    expect(canReach(udp, toWeb).allowed).toBe(false);
  });

  test('a named port on a pod the input does not hold is unknown', () => {
    expect(canReach(m, { ...toWeb, toPodLabels: { ...APP, extra: 'x' } })).toEqual({
      allowed: 'unknown',
      by: [],
      uncertain: ['default/named'],
    });
  });
  test('a named port no pod declares is reported as unknown', () => {
    const none = model(policy('default', 'grpc', { podSelector: {}, ingress: [{ ports: [{ port: 'grpc' }] }] }));
    expect(none.unknowns).toContainEqual(
      expect.objectContaining({ policy: 'default/grpc', what: expect.stringContaining("'grpc'") }),
    );
    expect(canReach(none, toWeb).allowed).toBe(false);
  });
  test('the protocol defaults to TCP; UDP and SCTP are matched as written', () => {
    const p = model(
      policy('default', 'dns', {
        podSelector: {},
        ingress: [{ ports: [{ port: 53 }, { port: 53, protocol: 'UDP' }, { port: 9, protocol: 'SCTP' }] }],
      }),
    );
    const allowed = (protocol: 'TCP' | 'UDP' | 'SCTP', port: number) =>
      canReach(p, { ...toWeb, protocol, port }).allowed;
    expect([
      allowed('TCP', 53),
      allowed('UDP', 53),
      allowed('SCTP', 53),
      allowed('SCTP', 9),
      allowed('UDP', 9),
    ]).toEqual([true, true, false, true, false]);
  });
});

describe('selectors', () => {
  // API LabelSelector / LabelSelectorRequirement: In, NotIn, Exists, DoesNotExist, ANDed with matchLabels.
  const m = (expressions: unknown[]) =>
    model(
      policy('default', 'sel', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: expressions } }] }],
      }),
    );
  test.each<[string, unknown[], boolean]>([
    ['In', [{ key: 'team', operator: 'In', values: ['other', 'x'] }], true],
    ['In (no match)', [{ key: 'team', operator: 'In', values: ['x'] }], false],
    ['NotIn', [{ key: 'team', operator: 'NotIn', values: ['x'] }], true],
    ['NotIn (match)', [{ key: 'team', operator: 'NotIn', values: ['other'] }], false],
    ['NotIn (absent key)', [{ key: 'absent', operator: 'NotIn', values: ['other'] }], true],
    ['Exists', [{ key: 'team', operator: 'Exists' }], true],
    ['DoesNotExist', [{ key: 'team', operator: 'DoesNotExist' }], false],
    [
      'metadata.name, set by the API server',
      [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['other'] }],
      true,
    ],
    [
      'two requirements, ANDed',
      [
        { key: 'team', operator: 'Exists' },
        { key: 'x', operator: 'Exists' },
      ],
      false,
    ],
  ])('%s', (_, expressions, allowed) => {
    expect(canReach(m(expressions), toWeb).allowed).toBe(allowed);
  });
  test('an operator the API refuses is unknown', () => {
    expect(canReach(m([{ key: 'team', operator: 'Gt', values: ['1'] }]), toWeb).allowed).toBe('unknown');
  });
  test('a namespace the input does not declare has unknown labels, but its name', () => {
    const objects = [
      ...base(),
      policy('default', 'from-kube-system', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }] }],
      }),
      policy('default', 'from-team', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'infra' } } }] }],
      }),
      deployment('kube-system', 'dns', { 'k8s-app': 'kube-dns' }),
    ];
    const k = kubernetesModel(manifests(objects));
    expect(k.namespaces.get('kube-system')).toMatchObject({ declared: false, labelsComplete: false });
    expect(canReach(k, { fromNamespace: 'kube-system', toNamespace: 'default', port: 1 })).toEqual({
      allowed: true,
      by: ['default/from-kube-system'],
    });
    expect(canReach(k, { fromNamespace: 'other', toNamespace: 'default', port: 1 }).allowed).toBe(false);
    const withoutName = kubernetesModel(manifests(objects.filter((o) => o.metadata?.name !== 'from-kube-system')));
    expect(canReach(withoutName, { fromNamespace: 'kube-system', toNamespace: 'default', port: 1 })).toEqual({
      allowed: 'unknown',
      by: [],
      uncertain: ['default/from-team'],
    });
  });
});

describe('unresolved values are unknown, never allowed nor denied', () => {
  test('an unresolved port', () => {
    const m = model(
      policy('default', 'var', {
        podSelector: {},
        ingress: [{ ports: [{ port: new Unresolved(['variable port']) }] }],
      }),
    );
    expect(canReach(m, toWeb)).toEqual({ allowed: 'unknown', by: [], uncertain: ['default/var'] });
    expect(m.unknowns).toContainEqual(expect.objectContaining({ what: expect.stringContaining('variable port') }));
  });
  test('an unresolved pod selector makes the isolation unknown', () => {
    const m = model(
      policy('default', 'var', { podSelector: new Unresolved(['variable selector']), policyTypes: ['Ingress'] }),
    );
    expect(canReach(m, toWeb).allowed).toBe('unknown');
  });
  test('a policy whose namespace is unknown (a manifest naming none)', () => {
    const p = policy('default', 'nowhere', { podSelector: {}, policyTypes: ['Ingress'] });
    delete (p.metadata as { namespace?: string }).namespace;
    const m = model(p);
    expect(m.policies[0].namespace).toBeUndefined();
    expect(canReach(m, toWeb).allowed).toBe('unknown');
  });
  test('hostNetwork pods are unknown', () => {
    const host = deployment('other', 'agent', { app: 'agent' });
    (host.spec as any).template.spec.hostNetwork = true;
    expect(canReach(model(host), { ...toWeb, fromPodLabels: { app: 'agent' } }).allowed).toBe('unknown');
  });
  test('the notes state what no policy changes: traffic from the node', () => {
    expect(model().notes.join('\n')).toMatch(/node a pod runs on .* always allowed/);
  });
});
