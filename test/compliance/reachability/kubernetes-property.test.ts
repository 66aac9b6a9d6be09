import fc from 'fast-check';
import { readKubernetesManifests } from '../../../constructs/compliance/read/kubernetes-manifests';
import { buildKubernetesTemplates } from '../../../constructs/compliance/read/kubernetes-source';
import {
  canReach,
  canReachAddress,
  reachability,
  kubernetesModel,
  type ReachAnswer,
} from '../../../constructs/compliance/reachability/kubernetes-model';

/*
 * The model against a brute-force oracle that shares no code with it: random namespaces,
 * pods and NetworkPolicies (as manifests), random packets, and the oracle's verdict computed
 * from the manifests by the rules of
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/ evaluated once per
 * possible world (each fact the objects leave open — whether a pod's address falls in an
 * ipBlock that holds part of the pod CIDR, whether a named port matches at an external
 * address — taken true and false): allowed in every world → true, in none → false, else unknown.
 */

const SEED = 20261206;
const RUNS = 200;
const POD_CIDR = '10.244.0.0/16';

type Labels = Record<string, string>;
type Tri = boolean | 'unknown';

interface Expr {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}
interface Selector {
  matchLabels?: Labels;
  matchExpressions?: Expr[];
}
interface IpBlock {
  cidr: string;
  except?: string[];
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: IpBlock;
}
interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}
interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}
interface Pod {
  namespace: string;
  name: string;
  labels: Labels;
  ports: ContainerPort[];
}
interface Policy {
  namespace: string;
  name: string;
  podSelector: Selector;
  policyTypes?: string[];
  ingress?: Rule[];
  egress?: Rule[];
}
interface World {
  namespaces: { name: string; labels: Labels }[];
  pods: Pod[];
  policies: Policy[];
}

// ------------------------------------------------------------------ arbitraries

const NAMESPACES = ['a', 'b', 'c'];
const VALUES = ['x', 'y'];
const labelsOf = (keys: string[]) =>
  fc.record(Object.fromEntries(keys.map((k) => [k, fc.constantFrom(...VALUES)])), {
    requiredKeys: [],
  }) as fc.Arbitrary<Labels>;
const exprOf = (keys: string[], values: string[]): fc.Arbitrary<Expr> =>
  fc.oneof(
    fc.record({
      key: fc.constantFrom(...keys),
      operator: fc.constantFrom('In' as const, 'NotIn' as const),
      values: fc.subarray(values, { minLength: 1 }),
    }),
    fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
  );
const selectorOf = (keys: string[], values: string[]): fc.Arbitrary<Selector> =>
  fc.oneof(
    // Mostly small selectors, so that policies select pods often.
    fc.constant({}),
    fc.record({ matchExpressions: fc.array(exprOf(keys, values), { minLength: 1, maxLength: 1 }) }),
    fc.record({
      matchLabels: fc.constantFrom(...keys).chain((k) => fc.constantFrom(...values).map((v) => ({ [k]: v }))),
    }),
    fc.record(
      {
        matchLabels: fc.record(Object.fromEntries(keys.map((k) => [k, fc.constantFrom(...values)])), {
          requiredKeys: [],
        }) as fc.Arbitrary<Labels>,
        matchExpressions: fc.array(exprOf(keys, values), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  );
const POD_KEYS = ['app', 'role'];
const NS_KEYS = ['team', 'kubernetes.io/metadata.name'];
const podSelector = selectorOf(POD_KEYS, VALUES);
const namespaceSelector = selectorOf(NS_KEYS, [...VALUES, ...NAMESPACES]);
const IP_BLOCKS: IpBlock[] = [
  { cidr: '10.0.0.0/8' }, // holds every pod address
  { cidr: '192.168.0.0/16' }, // holds none
  { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] }, // holds some
  { cidr: '0.0.0.0/0', except: ['192.168.1.0/24'] }, // holds every pod address
];
const peer: fc.Arbitrary<Peer> = fc.oneof(
  fc.record({ podSelector }),
  fc.record({ namespaceSelector }),
  fc.record({ namespaceSelector, podSelector }),
  fc.record({ ipBlock: fc.constantFrom(...IP_BLOCKS) }),
);
const protocol = fc.constantFrom(undefined, 'TCP', 'UDP', 'SCTP');
const policyPort: fc.Arbitrary<PolicyPort> = fc.oneof(
  fc.record({ protocol }, { requiredKeys: [] }),
  fc.record({ protocol, port: fc.constantFrom(53, 80, 443, 8080) }, { requiredKeys: ['port'] }),
  fc
    .record({ protocol, port: fc.constantFrom(53, 80, 443), span: fc.constantFrom(0, 1, 100, 8000) })
    .map(({ span, ...p }) => ({ ...p, endPort: p.port + span })),
  fc.record({ protocol, port: fc.constantFrom('http', 'dns', 'web', 'grpc') }, { requiredKeys: ['port'] }),
);
const peers = fc.option(fc.array(peer, { maxLength: 3 }), { nil: undefined });
const ports = fc.option(fc.array(policyPort, { maxLength: 3 }), { nil: undefined });
const rules = (direction: 'from' | 'to') =>
  fc.option(
    fc.array(
      fc.record({ [direction]: peers, ports }, { requiredKeys: [] }).map((r) => r as Rule),
      { maxLength: 2 },
    ),
    { nil: undefined },
  );
const CONTAINER_PORTS: ContainerPort[] = [
  { name: 'http', containerPort: 80 },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'web', containerPort: 8080, protocol: 'TCP' },
  { containerPort: 443 },
];
const world: fc.Arbitrary<World> = fc
  .record({
    namespaces: fc.tuple(...NAMESPACES.map(() => labelsOf(['team']))),
    pods: fc.tuple(
      ...NAMESPACES.map(() =>
        fc.array(fc.record({ labels: labelsOf(POD_KEYS), ports: fc.subarray(CONTAINER_PORTS) }), {
          minLength: 1,
          maxLength: 3,
        }),
      ),
    ),
    policies: fc.array(
      fc.record(
        {
          namespace: fc.constantFrom(...NAMESPACES),
          podSelector,
          policyTypes: fc.option(fc.subarray(['Ingress', 'Egress']), { nil: undefined }),
          ingress: rules('from'),
          egress: rules('to'),
        },
        { requiredKeys: ['namespace', 'podSelector'] },
      ),
      { maxLength: 6 },
    ),
  })
  .map(({ namespaces, pods, policies }) => ({
    namespaces: NAMESPACES.map((name, i) => ({ name, labels: namespaces[i] })),
    // One pod per label set in a namespace: a question by labels names one pod.
    pods: NAMESPACES.flatMap((ns, i) =>
      pods[i]
        .filter((p, j) => pods[i].findIndex((q) => JSON.stringify(q.labels) === JSON.stringify(p.labels)) === j)
        .map((p, j) => ({ namespace: ns, name: `pod${j}`, labels: p.labels, ports: p.ports })),
    ),
    policies: policies.map((p, i) => ({ ...p, name: `p${i}` }) as Policy),
  }));
const ADDRESSES = ['192.168.1.1', '10.244.1.5', '8.8.8.8', '10.1.2.3'];
const packet = fc.record({
  source: fc.nat(),
  destination: fc.oneof(
    fc.nat().map((i) => ({ pod: i })),
    fc.constantFrom(...ADDRESSES).map((a) => ({ address: a })),
  ),
  protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
  // The container ports weigh more: named ports resolve to them.
  port: fc.constantFrom(53, 80, 8080, 53, 80, 8080, 81, 443, 444, 8081, 9000),
});

// ------------------------------------------------------------------ the oracle

function ipv4(text: string): number {
  return text.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}
function range(cidr: string): [number, number] {
  const [address, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const first = ipv4(address) - (ipv4(address) % size);
  return [first, first + size - 1];
}
function inBlock(block: IpBlock, address: string): boolean {
  const a = ipv4(address);
  const [first, last] = range(block.cidr);
  return a >= first && a <= last && !(block.except ?? []).some((e) => a >= range(e)[0] && a <= range(e)[1]);
}
/** Whether every pod address is in the block (true), none (false), or some ('some'). */
function podsInBlock(block: IpBlock): boolean | 'some' {
  const [p0, p1] = range(POD_CIDR);
  const [b0, b1] = range(block.cidr);
  const excepts = (block.except ?? []).map(range);
  if (b0 <= p0 && p1 <= b1 && excepts.every(([e0, e1]) => e1 < p0 || e0 > p1)) return true;
  if (p1 < b0 || p0 > b1 || excepts.some(([e0, e1]) => e0 <= Math.max(p0, b0) && Math.min(p1, b1) <= e1)) return false;
  return 'some';
}

function selects(selector: Selector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    if (e.operator === 'In' && !(has && e.values!.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values!.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

type Target = { pod: Pod } | { address: string };
/** The facts a world fixes: is the source / destination pod's address in the partial block; does a named port match at an address. */
interface Facts {
  sourceInPartial: boolean;
  destinationInPartial: boolean;
  namedAtAddress: boolean;
}

function oracleWorld(
  w: World,
  source: Pod,
  destination: Target,
  proto: string,
  port: number,
  facts: Facts,
): {
  allowed: boolean;
  egress: boolean;
  ingress: boolean;
  by: Set<string>;
  egressIsolator?: string;
  ingressIsolator?: string;
} {
  const nsLabels = (name: string) => ({
    ...w.namespaces.find((n) => n.name === name)!.labels,
    'kubernetes.io/metadata.name': name,
  });
  const types = (p: Policy) =>
    p.policyTypes && p.policyTypes.length
      ? p.policyTypes
      : ['Ingress', ...(p.egress && p.egress.length ? ['Egress'] : [])];
  const peerHas = (p: Policy, pr: Peer, other: Target, otherIsSource: boolean): boolean => {
    if (pr.ipBlock) {
      if ('address' in other) return inBlock(pr.ipBlock, other.address);
      const held = podsInBlock(pr.ipBlock);
      if (held !== 'some') return held;
      return otherIsSource ? facts.sourceInPartial : facts.destinationInPartial;
    }
    if ('address' in other) return false;
    const o = other.pod;
    const nsOk = pr.namespaceSelector
      ? selects(pr.namespaceSelector, nsLabels(o.namespace))
      : o.namespace === p.namespace;
    return nsOk && (pr.podSelector ? selects(pr.podSelector, o.labels) : true);
  };
  const portHas = (pp: PolicyPort): boolean => {
    if ((pp.protocol ?? 'TCP') !== proto) return false;
    if (pp.port === undefined) return true;
    if (typeof pp.port === 'number')
      return pp.endPort !== undefined ? port >= pp.port && port <= pp.endPort : port === pp.port;
    if ('address' in destination) return facts.namedAtAddress;
    return destination.pod.ports.some(
      (c) => c.name === pp.port && (c.protocol ?? 'TCP') === proto && c.containerPort === port,
    );
  };
  const by = new Set<string>();
  const direction = (subject: Pod, type: 'Ingress' | 'Egress', other: Target, otherIsSource: boolean) => {
    const applying = w.policies.filter(
      (p) => p.namespace === subject.namespace && selects(p.podSelector, subject.labels) && types(p).includes(type),
    );
    let allowed = applying.length === 0;
    for (const p of applying) {
      const list = (type === 'Ingress' ? p.ingress : p.egress) ?? [];
      const ok = list.some((rule) => {
        const ps = type === 'Ingress' ? rule.from : rule.to;
        const peerOk = !ps || ps.length === 0 || ps.some((pr) => peerHas(p, pr, other, otherIsSource));
        const portOk = !rule.ports || rule.ports.length === 0 || rule.ports.some(portHas);
        return peerOk && portOk;
      });
      if (ok) {
        allowed = true;
        by.add(`${p.namespace}/${p.name}`);
      }
    }
    return { allowed, isolator: applying[0] ? `${applying[0].namespace}/${applying[0].name}` : undefined };
  };
  const egress = direction(source, 'Egress', destination, false);
  const ingress =
    'pod' in destination ? direction(destination.pod, 'Ingress', { pod: source }, true) : { allowed: true };
  return {
    allowed: egress.allowed && ingress.allowed,
    egress: egress.allowed,
    ingress: ingress.allowed,
    by,
    egressIsolator: egress.isolator,
    ingressIsolator: 'isolator' in ingress ? ingress.isolator : undefined,
  };
}

function oracle(w: World, source: Pod, destination: Target, proto: string, port: number) {
  const worlds: ReturnType<typeof oracleWorld>[] = [];
  for (const sourceInPartial of [false, true])
    for (const destinationInPartial of [false, true])
      for (const namedAtAddress of [false, true])
        worlds.push(
          oracleWorld(w, source, destination, proto, port, { sourceInPartial, destinationInPartial, namedAtAddress }),
        );
  const every = worlds.every((r) => r.allowed);
  const none = worlds.every((r) => !r.allowed);
  const allowed: Tri = every ? true : none ? false : 'unknown';
  const sure = (f: (r: (typeof worlds)[number]) => Set<string>) =>
    [...f(worlds[0])].filter((b) => worlds.every((r) => f(r).has(b))).sort();
  const layer = worlds.every((r) => !r.egress) ? 'egress' : 'ingress';
  return {
    allowed,
    by: sure((r) => r.by),
    blockedBy:
      allowed === false
        ? { layer, policy: layer === 'egress' ? worlds[0].egressIsolator : worlds[0].ingressIsolator }
        : undefined,
  };
}

// ------------------------------------------------------------------ the property

function manifests(w: World): unknown[] {
  return [
    ...w.namespaces.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: n.labels } })),
    ...w.pods.map((p) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: p.name, namespace: p.namespace },
      spec: {
        template: {
          metadata: { labels: p.labels },
          spec: { containers: [{ name: 'main', image: 'registry.gov.ma/x@sha256:0', ports: p.ports }] },
        },
      },
    })),
    ...w.policies.map(({ namespace, name, ...spec }) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace },
      spec,
    })),
  ];
}

test(`the model agrees with a brute-force oracle on ${RUNS} random clusters (seed ${SEED})`, () => {
  fc.assert(
    fc.property(world, fc.array(packet, { minLength: 10, maxLength: 40 }), (w, packets) => {
      const templates = buildKubernetesTemplates(
        [readKubernetesManifests(manifests(w), { file: 'random.yaml', format: 'kubernetes-yaml' })],
        undefined,
      );
      const model = kubernetesModel(templates, { podCidrs: [POD_CIDR] });
      for (const p of packets) {
        const source = w.pods[p.source % w.pods.length];
        const from = { fromNamespace: source.namespace, fromPodLabels: source.labels };
        let answer: ReachAnswer;
        let expected: ReturnType<typeof oracle>;
        if ('pod' in p.destination) {
          const destination = w.pods[p.destination.pod % w.pods.length];
          answer = canReach(model, {
            ...from,
            toNamespace: destination.namespace,
            toPodLabels: destination.labels,
            protocol: p.protocol,
            port: p.port,
          });
          expected = oracle(w, source, { pod: destination }, p.protocol, p.port);
        } else {
          answer = canReachAddress(model, {
            ...from,
            address: p.destination.address,
            protocol: p.protocol,
            port: p.port,
          });
          expected = oracle(w, source, { address: p.destination.address }, p.protocol, p.port);
        }
        const context = `seed ${SEED}: packet ${JSON.stringify(p)}`;
        expect({ context, allowed: answer.allowed }).toEqual({ context, allowed: expected.allowed });
        if (expected.allowed === true)
          expect({ context, by: [...answer.by].sort() }).toEqual({ context, by: expected.by });
        if (expected.allowed === false)
          expect({ context, blockedBy: answer.blockedBy }).toEqual({ context, blockedBy: expected.blockedBy });
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

// The namespace matrix skips the pairs no policy can open and evaluates each pair only at the
// bounds of its own namespaces' ports: it must give, port by port, what canReach gives.
test(`the namespace matrix agrees with canReach on every namespace pair of ${RUNS} random clusters (seed ${SEED})`, () => {
  fc.assert(
    fc.property(world, fc.array(packet, { minLength: 5, maxLength: 20 }), (w, packets) => {
      const templates = buildKubernetesTemplates(
        [readKubernetesManifests(manifests(w), { file: 'random.yaml', format: 'kubernetes-yaml' })],
        undefined,
      );
      const matrix = reachability(templates, { podCidrs: [POD_CIDR] });
      const names = [...matrix.model.namespaces.keys()];
      for (const p of packets)
        for (const fromNamespace of names)
          for (const toNamespace of names) {
            const answer = canReach(matrix.model, { fromNamespace, toNamespace, protocol: p.protocol, port: p.port });
            const row = matrix.namespaces.find(
              (r) =>
                r.fromNamespace === fromNamespace &&
                r.toNamespace === toNamespace &&
                r.protocol === p.protocol &&
                r.from <= p.port &&
                p.port <= r.to,
            );
            const context = `seed ${SEED}: ${fromNamespace} -> ${toNamespace} ${p.protocol}/${p.port}`;
            expect({ context, allowed: row?.allowed ?? false }).toEqual({ context, allowed: answer.allowed });
          }
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
