/**
 * Kubernetes NetworkPolicy reachability, computed from the normalized objects of one cluster
 * (manifests or the `kubernetes_*` resources of synthesized Terraform) alone: pure functions,
 * no cluster access.
 *
 * Semantics (https://kubernetes.io/docs/concepts/services-networking/network-policies/ and
 * the API reference of NetworkPolicySpec, networking.k8s.io/v1):
 * - a policy selects the pods of its own namespace that its `podSelector` matches
 *   (matchLabels AND matchExpressions In/NotIn/Exists/DoesNotExist; empty: every pod);
 * - `policyTypes` defaults to `Ingress`, plus `Egress` when the policy has a non-empty
 *   `egress` list;
 * - a pod is isolated for a direction only if some policy selecting it has that type; an
 *   isolated pod accepts (sends) only what some rule of a policy selecting it for that
 *   direction allows: the union, in no order;
 * - a peer with `podSelector` alone selects pods of the policy's namespace, with
 *   `namespaceSelector` alone every pod of the matching namespaces, with both (in one peer)
 *   the pods matching both; `ipBlock` selects the addresses of `cidr` but those of `except`;
 * - an absent or empty `from`/`to` allows every peer, absent or empty `ports` every port;
 *   `port` is a number (with `endPort`, a range) or a name resolved against the destination
 *   pod's container ports; `protocol` defaults to TCP;
 * - a connection between pods is allowed only if the source's egress and the destination's
 *   ingress both allow it.
 *
 * What the objects do not tell is `'unknown'`, never allowed nor denied in silence: an
 * unresolved value, a value the API would refuse, a namespace the input does not declare (its
 * labels, but `kubernetes.io/metadata.name`, are unknown), a pod whose labels or ports are not
 * all literal, whether a pod's address falls in an `ipBlock` (pod addresses are not in the
 * objects, unless `podCidrs` is given), a named port on a pod whose ports are unknown, and
 * hostNetwork pods (the documentation leaves policies on them undefined).
 */
import {
  AddressSet,
  NAMESPACE_NAME_LABEL,
  readCidrBlock,
  TAG_KEYS,
  type AddressBlock,
  type IpFamily,
} from '../../core';
import { isUnresolved } from '../normalize/intrinsics';
import { containersOf, field, K8S, nameOf, podTemplateOf, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { Resource, Template } from '../normalize/model';
import { isJsonObject } from '../read/kubernetes-source';

/** A transport protocol of a NetworkPolicy port. */
export type KubernetesProtocol = 'TCP' | 'UDP' | 'SCTP';

/** The protocols a NetworkPolicy can name. */
export const KUBERNETES_PROTOCOLS: readonly KubernetesProtocol[] = ['TCP', 'UDP', 'SCTP'];

/** A three-valued answer: true, false, or not knowable from the objects. */
export type Tri = boolean | 'unknown';

/** Labels as far as they are known: `complete` is false when some label may exist that is not listed. */
export interface KnownLabels {
  readonly labels: Readonly<Record<string, string>>;
  readonly complete: boolean;
}

/** A namespace of the cluster. */
export interface KubernetesNamespaceInfo {
  readonly name: string;
  /** Its labels, with `kubernetes.io/metadata.name`, which the API server sets on every namespace. */
  readonly labels: Readonly<Record<string, string>>;
  /** False when the input does not declare it (only its name label is known) or a label is not literal. */
  readonly labelsComplete: boolean;
  /** True if the input holds its Namespace object. */
  readonly declared: boolean;
  /** Its `sovereign-lz.io/tier` label. */
  readonly tier?: string;
  /** Its `sovereign-lz.io/classification` label. */
  readonly classification?: string;
}

/** A container port of a pod. */
export interface KubernetesContainerPort {
  readonly port: number;
  readonly protocol: KubernetesProtocol;
  readonly name?: string;
}

/** The pods of one workload (a Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod…). */
export interface KubernetesPodInfo {
  /** The workload's resource id (Terraform address or `Kind/namespace/name`). */
  readonly id: string;
  /** The workload's resource type, e.g. `apps/Deployment`. */
  readonly type: string;
  readonly namespace: string;
  /** The pod template's labels. */
  readonly labels: Readonly<Record<string, string>>;
  readonly labelsComplete: boolean;
  /** Its containers' ports; undefined when they are not all known. */
  readonly ports?: readonly KubernetesContainerPort[];
  /** True (or unknown) when the pods use the node's network. */
  readonly hostNetwork: Tri;
}

/** A requirement of a label selector (matchLabels entries are `In` of one value). */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A label selector, read; `problem` makes every match unknown. */
export interface CompiledSelector {
  readonly requirements: readonly SelectorRequirement[];
  readonly problem?: string;
}

/** A peer of a rule. */
export type CompiledPeer =
  | {
      readonly kind: 'pods';
      /** Undefined: the policy's own namespace. */
      readonly namespaceSelector?: CompiledSelector;
      /** Undefined: every pod (of the namespaces). */
      readonly podSelector?: CompiledSelector;
    }
  | {
      readonly kind: 'ipBlock';
      readonly family: IpFamily;
      readonly cidr: string;
      readonly except: readonly string[];
      /** `cidr` but `except`. */
      readonly addresses: AddressSet;
    }
  | { readonly kind: 'invalid'; readonly problem: string };

/** The port part of a NetworkPolicyPort. */
export type CompiledPortValue =
  | { readonly kind: 'all' }
  | { readonly kind: 'range'; readonly from: number; readonly to: number }
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'invalid'; readonly problem: string };

/** A NetworkPolicyPort, read. */
export interface CompiledPort {
  /** `'unknown'` for an unresolved or unsupported protocol. */
  readonly protocol: KubernetesProtocol | 'unknown';
  readonly port: CompiledPortValue;
}

/** A rule of a policy: its peers (`'all'`: every peer) and its ports (`'all'`: every port). */
export interface CompiledRule {
  readonly peers: 'all' | readonly CompiledPeer[];
  readonly ports: 'all' | readonly CompiledPort[];
}

/** A NetworkPolicy, read. */
export interface CompiledPolicy {
  /** `namespace/name`. */
  readonly id: string;
  /** Its resource id. */
  readonly resource: string;
  /** Undefined when its namespace is not known (an unresolved value, a manifest naming none). */
  readonly namespace?: string;
  readonly podSelector: CompiledSelector;
  /** Whether it governs each direction (`policyTypes`, or its default). */
  readonly types: { readonly ingress: Tri; readonly egress: Tri };
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
}

/** Something the objects do not tell, and where. */
export interface ReachabilityUnknown {
  readonly what: string;
  /** The resource id of the object it is about. */
  readonly resource?: string;
  /** The policy (`namespace/name`) it is about. */
  readonly policy?: string;
}

/** Options of {@link kubernetesModel} and {@link reachability}. */
export interface ReachabilityOptions {
  /**
   * The cluster key (KubernetesPlacement.cluster) to model when the objects span several.
   * @default - the only cluster of the objects (an error if there are several)
   */
  readonly cluster?: string;
  /**
   * The addresses pods get (the cluster's pod CIDRs): with them, whether an `ipBlock` selects a
   * pod is known when the block holds all of them or none.
   * @default - unknown: an `ipBlock` selects a pod or not, unknowably
   */
  readonly podCidrs?: readonly string[];
  /**
   * Take every `ipBlock` to select addresses outside the cluster only, never a pod, as the
   * NetworkPolicy reference asks of them ("these should be cluster-external IPs, since Pod IPs
   * are ephemeral and unpredictable"): the compliance rules judge ipBlocks as egress to
   * addresses, not as paths between namespaces.
   * @default false - whether an ipBlock selects a pod is unknown (unless `podCidrs` are given)
   */
  readonly externalIpBlocks?: boolean;
}

/** The NetworkPolicy model of one cluster. */
export interface KubernetesNetworkModel {
  readonly cluster?: string;
  /** Namespaces by name: those declared, and those objects live in or selectors name. */
  readonly namespaces: ReadonlyMap<string, KubernetesNamespaceInfo>;
  readonly pods: readonly KubernetesPodInfo[];
  readonly policies: readonly CompiledPolicy[];
  readonly unknowns: readonly ReachabilityUnknown[];
  /** Facts that hold whatever the policies say. */
  readonly notes: readonly string[];
  /** The pod address sets of `podCidrs`, by family. */
  readonly podAddresses?: Readonly<Partial<Record<IpFamily, AddressSet>>>;
  /** True if ipBlocks are taken never to select a pod ({@link ReachabilityOptions.externalIpBlocks}). */
  readonly externalIpBlocks?: boolean;
}

/** Statements of the model that hold whatever the policies say. */
export const KUBERNETES_REACHABILITY_NOTES: readonly string[] = [
  "Traffic to and from the node a pod runs on (kubelet probes, hostNetwork daemons of that node) is always allowed, whatever the policies say: it is not in this model's answers.",
  'Policies of hostNetwork pods are undefined: any answer involving one is unknown.',
  'A NetworkPolicy only takes effect under a network plugin that enforces it: the model assumes one.',
  'An ipBlock is taken to select cluster-external addresses; whether it selects a pod is unknown unless the pod CIDRs are given.',
  "A namespace's pods are those of the input's workloads; a namespace with none is represented by a pod of unknown labels and ports.",
];

type Json = Record<string, unknown>;

// ---------------------------------------------------------------- three-valued logic

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : 'unknown';
}

function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : 'unknown';
}

function not(a: Tri): Tri {
  return a === 'unknown' ? a : !a;
}

// ---------------------------------------------------------------- reading the objects

function selectorOf(
  value: unknown,
  where: string,
  unknowns: ReachabilityUnknown[],
  at: Omit<ReachabilityUnknown, 'what'>,
): CompiledSelector {
  const bad = (what: string): CompiledSelector => {
    unknowns.push({ ...at, what: `${where}: ${what}` });
    return { requirements: [], problem: what };
  };
  if (value === undefined || value === null) return { requirements: [] };
  if (isUnresolved(value)) return bad(`unresolved (${value.describe()})`);
  if (!isJsonObject(value)) return bad('not an object');
  const requirements: SelectorRequirement[] = [];
  const labels = value.matchLabels;
  if (labels !== undefined && labels !== null) {
    if (!isJsonObject(labels)) return bad('matchLabels is not a map');
    for (const [key, v] of Object.entries(labels)) {
      if (typeof v === 'string') requirements.push({ key, operator: 'In', values: [v] });
      else if (typeof v === 'number' || typeof v === 'boolean')
        requirements.push({ key, operator: 'In', values: [String(v)] });
      else return bad(`matchLabels.${key} is not a literal string`);
    }
  }
  const expressions = value.matchExpressions;
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) return bad('matchExpressions is not a list');
    for (const [i, e] of expressions.entries()) {
      if (!isJsonObject(e) || typeof e.key !== 'string' || typeof e.operator !== 'string')
        return bad(`matchExpressions[${i}] has no literal key and operator`);
      const operator = e.operator;
      const values = e.values ?? [];
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'string'))
        return bad(`matchExpressions[${i}].values is not a list of literal strings`);
      if (operator === 'In' || operator === 'NotIn') {
        if (!values.length) return bad(`matchExpressions[${i}]: ${operator} needs values (the API refuses it)`);
      } else if (operator === 'Exists' || operator === 'DoesNotExist') {
        if (values.length) return bad(`matchExpressions[${i}]: ${operator} takes no values (the API refuses it)`);
      } else return bad(`matchExpressions[${i}]: unknown operator '${operator}' (the API refuses it)`);
      requirements.push({ key: e.key, operator, values: values as string[] });
    }
  }
  return { requirements };
}

/** Whether a selector matches labels known as far as `known` tells. */
export function selectorMatches(selector: CompiledSelector, known: KnownLabels): Tri {
  if (selector.problem !== undefined) return 'unknown';
  let result: Tri = true;
  for (const r of selector.requirements) {
    const has = Object.prototype.hasOwnProperty.call(known.labels, r.key);
    let one: Tri;
    if (!has && !known.complete) one = 'unknown';
    else {
      const value = has ? known.labels[r.key] : undefined;
      switch (r.operator) {
        case 'In':
          one = value !== undefined && r.values.includes(value);
          break;
        case 'NotIn':
          one = value === undefined || !r.values.includes(value);
          break;
        case 'Exists':
          one = value !== undefined;
          break;
        case 'DoesNotExist':
          one = value === undefined;
          break;
      }
    }
    result = and(result, one);
    if (result === false) return false;
  }
  return result;
}

function literalLabels(value: unknown): KnownLabels {
  if (value === undefined || value === null) return { labels: {}, complete: true };
  if (!isJsonObject(value)) return { labels: {}, complete: false };
  const labels: Record<string, string> = {};
  let complete = true;
  for (const [k, v] of Object.entries(value)) {
    if (v === '' || v === null) labels[k] = '';
    else if (typeof v === 'string') labels[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') labels[k] = String(v);
    else complete = false;
  }
  return { labels, complete };
}

function protocolOf(value: unknown): KubernetesProtocol | 'unknown' {
  if (value === undefined || value === null) return 'TCP';
  return typeof value === 'string' && (KUBERNETES_PROTOCOLS as readonly string[]).includes(value)
    ? (value as KubernetesProtocol)
    : 'unknown';
}

const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function portOf(p: Json): CompiledPortValue {
  const port = p.port;
  const end = p.endPort;
  if (port === undefined || port === null) {
    return end === undefined || end === null
      ? { kind: 'all' }
      : { kind: 'invalid', problem: 'endPort without port (the API refuses it)' };
  }
  if (isUnresolved(port)) return { kind: 'invalid', problem: `port is unresolved (${port.describe()})` };
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      return { kind: 'invalid', problem: `port ${port} is not a port number` };
    if (end === undefined || end === null) return { kind: 'range', from: port, to: port };
    if (typeof end !== 'number' || !Number.isInteger(end) || end < port || end > 65535)
      return { kind: 'invalid', problem: `endPort ${String(end)} is not a port number ≥ ${port}` };
    return { kind: 'range', from: port, to: end };
  }
  if (typeof port === 'string') {
    if (end !== undefined && end !== null)
      return { kind: 'invalid', problem: `endPort with the named port '${port}' (the API refuses it)` };
    if (!PORT_NAME.test(port))
      return { kind: 'invalid', problem: `port '${port}' is not a port name (the API refuses it)` };
    return { kind: 'named', name: port };
  }
  return { kind: 'invalid', problem: 'port is neither a number nor a name' };
}

function peerOf(
  value: unknown,
  where: string,
  unknowns: ReachabilityUnknown[],
  at: Omit<ReachabilityUnknown, 'what'>,
): CompiledPeer {
  const bad = (problem: string): CompiledPeer => {
    unknowns.push({ ...at, what: `${where}: ${problem}` });
    return { kind: 'invalid', problem };
  };
  if (isUnresolved(value)) return bad(`unresolved (${value.describe()})`);
  if (!isJsonObject(value)) return bad('not an object');
  const present = (k: string) => value[k] !== undefined && value[k] !== null;
  if (present('ipBlock')) {
    if (present('podSelector') || present('namespaceSelector'))
      return bad('ipBlock with a selector in one peer (the API refuses it)');
    const block = value.ipBlock;
    if (!isJsonObject(block)) return bad('ipBlock is not an object');
    const read = readCidrBlock(block.cidr);
    if (!read.ok) return bad(`ipBlock.cidr: ${read.problem.en}`);
    const except: AddressBlock[] = [];
    const list = block.except ?? [];
    if (!Array.isArray(list)) return bad('ipBlock.except is not a list');
    for (const e of list) {
      const r = readCidrBlock(e, read.block.family);
      if (!r.ok) return bad(`ipBlock.except: ${r.problem.en}`);
      except.push(r.block);
    }
    const family = read.block.family;
    return {
      kind: 'ipBlock',
      family,
      cidr: read.block.cidr,
      except: except.map((b) => b.cidr),
      addresses: AddressSet.of(family, [read.block]).minus(AddressSet.of(family, except)),
    };
  }
  if (!present('podSelector') && !present('namespaceSelector'))
    return bad('a peer with no podSelector, namespaceSelector nor ipBlock (the API refuses it)');
  return {
    kind: 'pods',
    ...(present('namespaceSelector')
      ? { namespaceSelector: selectorOf(value.namespaceSelector, `${where}.namespaceSelector`, unknowns, at) }
      : {}),
    ...(present('podSelector')
      ? { podSelector: selectorOf(value.podSelector, `${where}.podSelector`, unknowns, at) }
      : {}),
  };
}

function rulesOf(
  value: unknown,
  direction: 'ingress' | 'egress',
  unknowns: ReachabilityUnknown[],
  at: Omit<ReachabilityUnknown, 'what'>,
): CompiledRule[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    unknowns.push({ ...at, what: `spec.${direction} is not a list: read as a rule of unknown peers and ports` });
    return [{ peers: [{ kind: 'invalid', problem: `spec.${direction} is not a list` }], ports: 'all' }];
  }
  return value.map((rule, i): CompiledRule => {
    const where = `spec.${direction}[${i}]`;
    if (!isJsonObject(rule)) {
      unknowns.push({ ...at, what: `${where} is not an object` });
      return { peers: [{ kind: 'invalid', problem: `${where} is not an object` }], ports: 'all' };
    }
    const rawPeers = rule[peersKey];
    let peers: CompiledRule['peers'];
    if (rawPeers === undefined || rawPeers === null || (Array.isArray(rawPeers) && rawPeers.length === 0))
      peers = 'all';
    else if (!Array.isArray(rawPeers)) peers = [peerOf(rawPeers, `${where}.${peersKey}`, unknowns, at)];
    else peers = rawPeers.map((p, j) => peerOf(p, `${where}.${peersKey}[${j}]`, unknowns, at));
    const rawPorts = rule.ports;
    let ports: CompiledRule['ports'];
    if (rawPorts === undefined || rawPorts === null || (Array.isArray(rawPorts) && rawPorts.length === 0))
      ports = 'all';
    else if (!Array.isArray(rawPorts)) {
      unknowns.push({ ...at, what: `${where}.ports is not a list` });
      ports = [{ protocol: 'unknown', port: { kind: 'invalid', problem: 'ports is not a list' } }];
    } else {
      ports = rawPorts.map((p, j) => {
        if (!isJsonObject(p)) {
          unknowns.push({ ...at, what: `${where}.ports[${j}] is not an object` });
          return { protocol: 'unknown', port: { kind: 'invalid', problem: 'not an object' } };
        }
        const port: CompiledPort = { protocol: protocolOf(p.protocol), port: portOf(p) };
        if (port.protocol === 'unknown')
          unknowns.push({
            ...at,
            what: `${where}.ports[${j}].protocol ${describe(p.protocol)} is not TCP, UDP nor SCTP`,
          });
        if (port.port.kind === 'invalid') unknowns.push({ ...at, what: `${where}.ports[${j}]: ${port.port.problem}` });
        return port;
      });
    }
    return { peers, ports };
  });
}

function describe(value: unknown): string {
  return isUnresolved(value) ? `(unresolved: ${value.describe()})` : JSON.stringify(value);
}

function typesOf(
  spec: Json,
  unknowns: ReachabilityUnknown[],
  at: Omit<ReachabilityUnknown, 'what'>,
): CompiledPolicy['types'] {
  const types = spec.policyTypes;
  // The API server defaults an empty list as an absent one (SetDefaults_NetworkPolicySpec: len == 0).
  if (types === undefined || types === null || (Array.isArray(types) && types.length === 0)) {
    const egress = spec.egress;
    return {
      ingress: true,
      egress: Array.isArray(egress) ? egress.length > 0 : egress === undefined || egress === null ? false : 'unknown',
    };
  }
  if (!Array.isArray(types)) {
    unknowns.push({ ...at, what: `spec.policyTypes is ${describe(types)}, not a list` });
    return { ingress: 'unknown', egress: 'unknown' };
  }
  const literal = types.every((t) => t === 'Ingress' || t === 'Egress');
  if (!literal)
    unknowns.push({ ...at, what: `spec.policyTypes ${describe(types)} holds values other than Ingress and Egress` });
  const has = (t: string): Tri => (types.includes(t) ? true : literal ? false : 'unknown');
  return { ingress: has('Ingress'), egress: has('Egress') };
}

/** The resources of the input's Kubernetes objects. */
function resourcesOf(objects: Template | readonly Template[] | readonly Resource[]): Resource[] {
  const list = Array.isArray(objects) ? objects : [objects];
  return (list as ReadonlyArray<Template | Resource>).flatMap((t) =>
    'resources' in t && Array.isArray(t.resources) ? t.resources : [t as Resource],
  );
}

function podsOf(resource: Resource, namespace: string, unknowns: ReachabilityUnknown[]): KubernetesPodInfo | undefined {
  const template = podTemplateOf(resource);
  if (!template) return undefined;
  const at = { resource: resource.id };
  const specPath = template.path.split('.');
  const labelsValue = field(resource.properties, ...specPath.slice(0, -1), 'metadata', 'labels');
  const known: KnownLabels = isUnresolved(labelsValue) ? { labels: {}, complete: false } : literalLabels(labelsValue);
  if (!known.complete) unknowns.push({ ...at, what: 'pod template labels are not all literal' });
  let ports: KubernetesContainerPort[] | undefined = [];
  if (!template.spec || template.problems.length) {
    ports = undefined;
    unknowns.push({ ...at, what: 'pod template cannot be read whole: its container ports are unknown' });
  } else {
    for (const c of containersOf(template.spec)) {
      const list = c.container.ports;
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) {
        ports = undefined;
        break;
      }
      for (const p of list) {
        const protocol = isJsonObject(p) ? protocolOf(p.protocol) : 'unknown';
        if (
          !isJsonObject(p) ||
          typeof p.containerPort !== 'number' ||
          protocol === 'unknown' ||
          (p.name !== undefined && typeof p.name !== 'string')
        ) {
          ports = undefined;
          break;
        }
        ports.push({ port: p.containerPort, protocol, ...(typeof p.name === 'string' ? { name: p.name } : {}) });
      }
      if (!ports) break;
    }
    if (!ports) unknowns.push({ ...at, what: 'container ports are not all literal' });
  }
  const host = template.spec?.hostNetwork;
  const hostNetwork: Tri =
    host === true ? true : host === undefined || host === null || host === false ? false : 'unknown';
  return {
    id: resource.id,
    type: resource.type,
    namespace,
    labels: known.labels,
    labelsComplete: known.complete,
    ...(ports ? { ports } : {}),
    hostNetwork,
  };
}

/**
 * Reads the NetworkPolicy model of one cluster from normalized objects: namespaces and their
 * labels, the pods of workloads, and the policies compiled.
 */
export function kubernetesModel(
  objects: Template | readonly Template[] | readonly Resource[],
  options: ReachabilityOptions = {},
): KubernetesNetworkModel {
  const all = resourcesOf(objects).filter((r) => r.kubernetes);
  const clusterKeys = [...new Set(all.map((r) => r.kubernetes!.cluster))];
  const cluster = options.cluster ?? (clusterKeys.length <= 1 ? clusterKeys[0] : undefined);
  if (cluster === undefined && clusterKeys.length > 1)
    throw new Error(`the objects span several clusters (${clusterKeys.join(', ')}): pass options.cluster`);
  const resources = all.filter((r) => r.kubernetes!.cluster === cluster);
  const unknowns: ReachabilityUnknown[] = [];
  const namespaces = new Map<string, KubernetesNamespaceInfo>();
  for (const r of resources) {
    if (r.type !== K8S.namespace) continue;
    const name = nameOf(r);
    if (name === undefined || namespaces.has(name)) continue;
    const known = literalLabels(field(r.properties, 'metadata', 'labels'));
    if (!known.complete) unknowns.push({ resource: r.id, what: `namespace '${name}': labels are not all literal` });
    const labels: Record<string, string> = { ...known.labels, [NAMESPACE_NAME_LABEL]: name };
    namespaces.set(name, {
      name,
      labels,
      labelsComplete: known.complete,
      declared: true,
      ...(labels[TAG_KEYS.tier] !== undefined ? { tier: labels[TAG_KEYS.tier] } : {}),
      ...(labels[TAG_KEYS.classification] !== undefined ? { classification: labels[TAG_KEYS.classification] } : {}),
    });
  }
  const undeclared = (name: string): void => {
    if (namespaces.has(name)) return;
    unknowns.push({
      what: `namespace '${name}' is not declared by the input: its labels but ${NAMESPACE_NAME_LABEL} are unknown`,
    });
    namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, labelsComplete: false, declared: false });
  };
  const pods: KubernetesPodInfo[] = [];
  const policies: CompiledPolicy[] = [];
  for (const r of resources) {
    const ns = r.kubernetes!.namespace;
    if (WORKLOAD_TYPES.includes(r.type)) {
      if (typeof ns !== 'string') {
        unknowns.push({ resource: r.id, what: 'a workload whose namespace is unknown: its pods are not modelled' });
        continue;
      }
      undeclared(ns);
      const pod = podsOf(r, ns, unknowns);
      if (pod) pods.push(pod);
    }
    if (r.type !== K8S.networkPolicy) continue;
    const name = nameOf(r) ?? r.id;
    const namespace = typeof ns === 'string' ? ns : undefined;
    const id = `${namespace ?? '?'}/${name}`;
    const at = { resource: r.id, policy: id };
    if (namespace === undefined)
      unknowns.push({ ...at, what: 'the namespace of the policy is unknown: which pods it selects is unknown' });
    else undeclared(namespace);
    const spec = isJsonObject(r.properties.spec) ? r.properties.spec : {};
    if (!isJsonObject(r.properties.spec)) unknowns.push({ ...at, what: 'spec is not an object' });
    policies.push({
      id,
      resource: r.id,
      ...(namespace !== undefined ? { namespace } : {}),
      podSelector: selectorOf(spec.podSelector, 'spec.podSelector', unknowns, at),
      types: isJsonObject(r.properties.spec) ? typesOf(spec, unknowns, at) : { ingress: 'unknown', egress: 'unknown' },
      ingress: rulesOf(spec.ingress, 'ingress', unknowns, at),
      egress: rulesOf(spec.egress, 'egress', unknowns, at),
    });
  }
  // Namespaces the selectors name (`kubernetes.io/metadata.name`), which the input may not declare.
  for (const p of policies)
    for (const rule of [...p.ingress, ...p.egress])
      if (rule.peers !== 'all')
        for (const peer of rule.peers)
          if (peer.kind === 'pods')
            for (const r of peer.namespaceSelector?.requirements ?? [])
              if (r.key === NAMESPACE_NAME_LABEL && r.operator === 'In') r.values.forEach(undeclared);
  // Named ports no pod of the input declares.
  const names = new Set(pods.flatMap((p) => (p.ports ?? []).flatMap((c) => (c.name ? [c.name] : []))));
  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      if (rule.ports === 'all') continue;
      for (const port of rule.ports) {
        if (port.port.kind === 'named' && !names.has(port.port.name))
          unknowns.push({
            policy: p.id,
            resource: p.resource,
            what: `named port '${port.port.name}' is declared by no pod of the input: pods outside the input may declare it`,
          });
      }
    }
  }
  const podAddresses: Partial<Record<IpFamily, AddressSet>> = {};
  for (const text of options.podCidrs ?? []) {
    const read = readCidrBlock(text);
    if (!read.ok) throw new Error(`podCidrs: ${read.problem.en}`);
    const family = read.block.family;
    podAddresses[family] = (podAddresses[family] ?? AddressSet.empty(family)).union(
      AddressSet.of(family, [read.block]),
    );
  }
  return {
    ...(cluster !== undefined ? { cluster } : {}),
    namespaces,
    pods,
    policies,
    unknowns,
    notes: KUBERNETES_REACHABILITY_NOTES,
    ...(options.podCidrs ? { podAddresses } : {}),
    ...(options.externalIpBlocks ? { externalIpBlocks: true } : {}),
  };
}

// ---------------------------------------------------------------- one packet

/** One end of a connection: a pod (of the input, or hypothetical) or an address outside the cluster. */
export type Endpoint =
  | {
      readonly kind: 'pod';
      readonly namespace: string;
      readonly labels: KnownLabels;
      /** Its container ports; undefined when unknown. */
      readonly ports?: readonly KubernetesContainerPort[];
      readonly hostNetwork?: Tri;
      /** For answers: the workload id, or a description. */
      readonly name: string;
    }
  | { readonly kind: 'address'; readonly address: AddressBlock };

/** One direction's verdict on a packet. */
export interface DirectionVerdict {
  readonly allowed: Tri;
  /** Policies a rule of which allows the packet. */
  readonly by: readonly string[];
  /** Policies whose rules may allow it, unknowably. */
  readonly maybeBy: readonly string[];
  /** Whether some policy selects the pod for this direction. */
  readonly isolated: Tri;
  /** A policy that isolates the pod for this direction (when it does). */
  readonly isolatedBy?: string;
}

function namespaceLabels(model: KubernetesNetworkModel, name: string): KnownLabels {
  const ns = model.namespaces.get(name);
  return ns
    ? { labels: ns.labels, complete: ns.labelsComplete }
    : { labels: { [NAMESPACE_NAME_LABEL]: name }, complete: false };
}

function peerMatches(model: KubernetesNetworkModel, policy: CompiledPolicy, peer: CompiledPeer, other: Endpoint): Tri {
  if (peer.kind === 'invalid') return 'unknown';
  if (peer.kind === 'ipBlock') {
    if (other.kind === 'address')
      return other.address.family === peer.family && peer.addresses.covers(AddressSet.of(peer.family, [other.address]));
    const pods = model.podAddresses?.[peer.family];
    if (!pods) return model.podAddresses || model.externalIpBlocks ? false : 'unknown';
    if (pods.intersect(peer.addresses).isEmpty) return false;
    return peer.addresses.covers(pods) ? true : 'unknown';
  }
  if (other.kind === 'address') return false;
  const inNamespace: Tri = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, namespaceLabels(model, other.namespace))
    : policy.namespace === undefined
      ? 'unknown'
      : policy.namespace === other.namespace;
  return and(inNamespace, peer.podSelector ? selectorMatches(peer.podSelector, other.labels) : true);
}

function portMatches(port: CompiledPort, protocol: KubernetesProtocol, number: number, destination: Endpoint): Tri {
  const proto: Tri = port.protocol === 'unknown' ? 'unknown' : port.protocol === protocol;
  if (proto === false) return false;
  const p = port.port;
  let matches: Tri;
  switch (p.kind) {
    case 'all':
      matches = true;
      break;
    case 'range':
      matches = number >= p.from && number <= p.to;
      break;
    case 'invalid':
      matches = 'unknown';
      break;
    case 'named':
      if (destination.kind !== 'pod' || destination.ports === undefined) matches = 'unknown';
      else if (port.protocol === 'unknown')
        matches = destination.ports.some((c) => c.name === p.name && c.port === number) ? 'unknown' : false;
      else matches = destination.ports.some((c) => c.name === p.name && c.protocol === protocol && c.port === number);
      break;
  }
  return and(proto, matches);
}

function ruleAllows(
  model: KubernetesNetworkModel,
  policy: CompiledPolicy,
  rule: CompiledRule,
  other: Endpoint,
  protocol: KubernetesProtocol,
  port: number,
  destination: Endpoint,
): Tri {
  let peers: Tri = rule.peers === 'all' ? true : false;
  if (rule.peers !== 'all') for (const peer of rule.peers) peers = or(peers, peerMatches(model, policy, peer, other));
  if (peers === false) return false;
  let ports: Tri = rule.ports === 'all' ? true : false;
  if (rule.ports !== 'all') for (const p of rule.ports) ports = or(ports, portMatches(p, protocol, port, destination));
  return and(peers, ports);
}

/** Items of a model grouped by namespace, built once per model (the model is immutable). */
function byNamespace<T extends { readonly namespace?: string }>(
  cache: WeakMap<KubernetesNetworkModel, Map<string | undefined, T[]>>,
  model: KubernetesNetworkModel,
  items: readonly T[],
): Map<string | undefined, T[]> {
  let index = cache.get(model);
  if (!index) {
    index = new Map();
    for (const item of items) {
      const list = index.get(item.namespace);
      if (list) list.push(item);
      else index.set(item.namespace, [item]);
    }
    cache.set(model, index);
  }
  return index;
}

const POD_INDEX = new WeakMap<KubernetesNetworkModel, Map<string | undefined, KubernetesPodInfo[]>>();
const POLICY_INDEX = new WeakMap<KubernetesNetworkModel, Map<string | undefined, CompiledPolicy[]>>();

/** The pods of the input's workloads in a namespace, in the model's order. */
function podsIn(model: KubernetesNetworkModel, namespace: string): readonly KubernetesPodInfo[] {
  return byNamespace(POD_INDEX, model, model.pods).get(namespace) ?? [];
}

/**
 * The policies that may select pods of a namespace: its own and those whose namespace is
 * unknown, in the model's order (a policy selects only pods of its namespace).
 */
function policiesOf(model: KubernetesNetworkModel, namespace: string): readonly CompiledPolicy[] {
  const index = byNamespace(POLICY_INDEX, model, model.policies);
  const own = index.get(namespace) ?? [];
  if (!index.get(undefined)?.length) return own;
  return model.policies.filter((p) => p.namespace === namespace || p.namespace === undefined);
}

/** Whether a policy selects a pod. */
export function policySelects(policy: CompiledPolicy, pod: Endpoint): Tri {
  if (pod.kind !== 'pod') return false;
  const inNamespace: Tri = policy.namespace === undefined ? 'unknown' : policy.namespace === pod.namespace;
  return and(inNamespace, selectorMatches(policy.podSelector, pod.labels));
}

/**
 * The verdict of one direction on a packet: `ingress` of `subject` (the destination) from
 * `other`, or `egress` of `subject` (the source) to `other`.
 */
export function directionVerdict(
  model: KubernetesNetworkModel,
  direction: 'ingress' | 'egress',
  subject: Endpoint,
  other: Endpoint,
  protocol: KubernetesProtocol,
  port: number,
): DirectionVerdict {
  if (subject.kind !== 'pod') return { allowed: true, by: [], maybeBy: [], isolated: false };
  const destination = direction === 'ingress' ? subject : other;
  let isolated: Tri = false;
  let isolatedBy: string | undefined;
  let allowed: Tri = false;
  const by: string[] = [];
  const maybeBy: string[] = [];
  for (const policy of policiesOf(model, subject.namespace)) {
    const applies = and(policySelects(policy, subject), policy.types[direction]);
    if (applies === false) continue;
    isolated = or(isolated, applies);
    if (applies === true) isolatedBy ??= policy.id;
    let rules: Tri = false;
    for (const rule of policy[direction])
      rules = or(rules, ruleAllows(model, policy, rule, other, protocol, port, destination));
    const contribution = and(applies, rules);
    if (contribution === true && !by.includes(policy.id)) by.push(policy.id);
    if (contribution === 'unknown' && !maybeBy.includes(policy.id)) maybeBy.push(policy.id);
    allowed = or(allowed, contribution);
  }
  return { allowed: or(not(isolated), allowed), by, maybeBy, isolated, ...(isolatedBy ? { isolatedBy } : {}) };
}

/** The answer on one packet, or on the packets of several pods. */
export interface ReachAnswer {
  readonly allowed: Tri;
  /** The policies that allow it (egress of the source, ingress of the destination). */
  readonly by: readonly string[];
  /** When it is denied: the direction that denies it, and a policy that isolates that end. */
  readonly blockedBy?: { readonly layer: 'egress' | 'ingress'; readonly policy?: string };
  /** When it is unknown: the policies whose say on it is unknown, and why (hostNetwork). */
  readonly uncertain?: readonly string[];
}

/** Whether a packet from `source` to `destination` (`protocol`/`port`) is allowed. */
export function packetVerdict(
  model: KubernetesNetworkModel,
  source: Endpoint,
  destination: Endpoint,
  protocol: KubernetesProtocol,
  port: number,
): ReachAnswer {
  const host = [source, destination].some(
    (e) => e.kind === 'pod' && e.hostNetwork !== undefined && e.hostNetwork !== false,
  );
  if (host) return { allowed: 'unknown', by: [], uncertain: ['hostNetwork pod: policies on it are undefined'] };
  const egress = directionVerdict(model, 'egress', source, destination, protocol, port);
  const ingress = directionVerdict(model, 'ingress', destination, source, protocol, port);
  const allowed = and(egress.allowed, ingress.allowed);
  const by = [...new Set([...egress.by, ...ingress.by])];
  if (allowed === false) {
    const layer = egress.allowed === false ? 'egress' : 'ingress';
    const policy = (layer === 'egress' ? egress : ingress).isolatedBy;
    return { allowed, by, blockedBy: { layer, ...(policy ? { policy } : {}) } };
  }
  if (allowed === 'unknown') return { allowed, by, uncertain: [...new Set([...egress.maybeBy, ...ingress.maybeBy])] };
  return { allowed, by };
}

// ---------------------------------------------------------------- the cluster's answers

/** A port range of a protocol. */
export interface PortRange {
  readonly protocol: KubernetesProtocol;
  readonly from: number;
  readonly to: number;
}

/** Ports on which some pod of one namespace reaches (or may reach) some pod of another. */
export interface NamespaceReach extends PortRange {
  readonly fromNamespace: string;
  readonly toNamespace: string;
  readonly allowed: true | 'unknown';
  /** The policies that allow it (when unknown: also those whose say on it is unknown). */
  readonly by: readonly string[];
  /** The pods (workload ids) that connect, as `source -> destination`. */
  readonly pods: readonly string[];
}

/** An egress rule that lets pods of a namespace reach addresses outside the cluster. */
export interface AddressEgress {
  readonly namespace: string;
  /** The pods it applies to (workload ids). */
  readonly pods: readonly string[];
  readonly allowed: true | 'unknown';
  /** The blocks allowed: `'any'` for a rule without peers, or a pod not isolated for egress. */
  readonly to: 'any' | readonly { readonly cidr: string; readonly except: readonly string[] }[];
  /** The ports, as the rule gives them; `'all'` for a rule without ports. */
  readonly ports: 'all' | readonly CompiledPort[];
  /** The policy; absent when the pods are not isolated for egress. */
  readonly by?: string;
}

/** The reachability of one cluster. */
export interface KubernetesReachability {
  readonly model: KubernetesNetworkModel;
  /** Namespace × namespace × protocol: the port ranges allowed (or unknown); a pair absent is denied. */
  readonly namespaces: readonly NamespaceReach[];
  /** What leaves the cluster, by namespace. */
  readonly egressToAddresses: readonly AddressEgress[];
  readonly unknowns: readonly ReachabilityUnknown[];
  readonly notes: readonly string[];
}

/** The pods a namespace is represented by: its workloads' pods, or one pod of unknown labels and ports. */
export function namespacePods(model: KubernetesNetworkModel, namespace: string): Endpoint[] {
  const pods = podsIn(model, namespace);
  if (!pods.length)
    return [{ kind: 'pod', namespace, labels: { labels: {}, complete: false }, name: `${namespace}/(any pod)` }];
  return pods.map((p) => podEndpoint(p));
}

function podEndpoint(p: KubernetesPodInfo): Endpoint {
  return {
    kind: 'pod',
    namespace: p.namespace,
    labels: { labels: p.labels, complete: p.labelsComplete },
    ...(p.ports ? { ports: p.ports } : {}),
    hostNetwork: p.hostNetwork,
    name: p.id,
  };
}

/**
 * The first port of each range of ports over which every answer between two namespaces is the
 * same: the bounds of the port ranges of the policies that may select their pods, and the
 * container ports of their pods (named ports resolve against them).
 */
function breakpoints(model: KubernetesNetworkModel, between: readonly string[]): number[] {
  const points = new Set<number>([1, 65536]);
  const policies = new Set(between.flatMap((ns) => policiesOf(model, ns)));
  for (const policy of policies)
    for (const rule of [...policy.ingress, ...policy.egress])
      if (rule.ports !== 'all')
        for (const p of rule.ports)
          if (p.port.kind === 'range') {
            points.add(p.port.from);
            points.add(p.port.to + 1);
          }
  for (const pod of between.flatMap((ns) => podsIn(model, ns)))
    for (const c of pod.ports ?? []) {
      points.add(c.port);
      points.add(c.port + 1);
    }
  return [...points].filter((p) => p >= 1 && p <= 65536).sort((a, b) => a - b);
}

/**
 * The reachability of one cluster: which namespaces reach which on which ports, and what
 * leaves the cluster, each answer with the policies that allow it.
 */
export function reachability(
  objects: Template | readonly Template[] | readonly Resource[],
  options: ReachabilityOptions = {},
): KubernetesReachability {
  const model = kubernetesModel(objects, options);
  const names = [...model.namespaces.keys()].sort();
  const namespaces: NamespaceReach[] = [];
  const podsOf = new Map(names.map((n) => [n, namespacePods(model, n)]));
  const egressTo = new Map(names.map((n) => [n, peerNamespaces(model, 'egress', podsOf.get(n)!, names)]));
  const ingressFrom = new Map(names.map((n) => [n, peerNamespaces(model, 'ingress', podsOf.get(n)!, names)]));
  const may = (set: ReadonlySet<string> | 'any', name: string) => set === 'any' || set.has(name);
  for (const from of names) {
    const sources = podsOf.get(from)!;
    for (const to of names) {
      const destinations = podsOf.get(to)!;
      if (!may(egressTo.get(from)!, to) || !may(ingressFrom.get(to)!, from)) continue;
      if (!mayConnect(model, sources, destinations)) continue;
      const points = breakpoints(model, [from, to]);
      for (const protocol of KUBERNETES_PROTOCOLS) {
        let open: NamespaceReach | undefined;
        const close = () => {
          if (open) namespaces.push(open);
          open = undefined;
        };
        for (let i = 0; i + 1 < points.length; i++) {
          const port = points[i];
          let allowed: Tri = false;
          const by = new Set<string>();
          const pods: string[] = [];
          const answers = sources.flatMap((s) =>
            destinations.map((d) => ({ s, d, answer: packetVerdict(model, s, d, protocol, port) })),
          );
          for (const { answer } of answers) allowed = or(allowed, answer.allowed);
          for (const { s, d, answer } of answers) {
            if (allowed === false || answer.allowed !== allowed) continue;
            for (const b of answer.allowed === true ? answer.by : [...answer.by, ...(answer.uncertain ?? [])])
              by.add(b);
            if (s.kind === 'pod' && d.kind === 'pod') pods.push(`${s.name} -> ${d.name}`);
          }
          if (allowed === false) {
            close();
            continue;
          }
          const sortedBy = [...by].sort();
          const same =
            open &&
            open.allowed === allowed &&
            open.by.join('\n') === sortedBy.join('\n') &&
            open.pods.join('\n') === pods.join('\n');
          if (same) open = { ...open!, to: points[i + 1] - 1 };
          else {
            close();
            open = {
              fromNamespace: from,
              toNamespace: to,
              protocol,
              from: port,
              to: points[i + 1] - 1,
              allowed,
              by: sortedBy,
              pods,
            };
          }
        }
        close();
      }
    }
  }
  return {
    model,
    namespaces,
    egressToAddresses: addressEgress(model, names),
    unknowns: model.unknowns,
    notes: model.notes,
  };
}

/**
 * The namespaces whose pods the policies of `pods` may let them reach (egress) or be reached
 * from (ingress), on any port, or `'any'`: a pod not surely isolated for the direction, a rule
 * without peers, a peer that may match anywhere. Pod selectors of peers are not looked at: an
 * over-approximation that lets {@link reachability} skip the pairs no rule can open without
 * evaluating each pair.
 */
function peerNamespaces(
  model: KubernetesNetworkModel,
  direction: 'ingress' | 'egress',
  pods: readonly Endpoint[],
  names: readonly string[],
): ReadonlySet<string> | 'any' {
  const out = new Set<string>();
  for (const pod of pods) {
    if (pod.kind !== 'pod' || (pod.hostNetwork !== undefined && pod.hostNetwork !== false)) return 'any';
    let isolated: Tri = false;
    for (const policy of policiesOf(model, pod.namespace)) {
      const applies = and(policySelects(policy, pod), policy.types[direction]);
      if (applies === false) continue;
      isolated = or(isolated, applies);
      for (const rule of policy[direction]) {
        if (rule.peers === 'all') return 'any';
        for (const peer of rule.peers) {
          if (peer.kind === 'invalid') return 'any';
          if (peer.kind === 'ipBlock') {
            if (model.externalIpBlocks) continue;
            return 'any';
          }
          if (!peer.namespaceSelector) {
            if (policy.namespace === undefined) return 'any';
            out.add(policy.namespace);
            continue;
          }
          const byName = peer.namespaceSelector.requirements;
          if (
            peer.namespaceSelector.problem === undefined &&
            byName.length === 1 &&
            byName[0].key === NAMESPACE_NAME_LABEL &&
            byName[0].operator === 'In'
          ) {
            for (const v of byName[0].values) out.add(v);
            continue;
          }
          for (const name of names)
            if (selectorMatches(peer.namespaceSelector, namespaceLabels(model, name)) !== false) out.add(name);
        }
      }
    }
    if (isolated !== true) return 'any';
  }
  return out;
}

/** False if one direction's policies may allow no packet, on any port, from `sources` to `destinations`. */
function mayAllowDirection(
  model: KubernetesNetworkModel,
  direction: 'ingress' | 'egress',
  subject: Endpoint,
  other: Endpoint,
): boolean {
  if (subject.kind !== 'pod') return true;
  let isolated: Tri = false;
  for (const policy of policiesOf(model, subject.namespace)) {
    const applies = and(policySelects(policy, subject), policy.types[direction]);
    if (applies === false) continue;
    isolated = or(isolated, applies);
    for (const rule of policy[direction]) {
      if (rule.peers === 'all') return true;
      if (rule.peers.some((peer) => peerMatches(model, policy, peer, other) !== false)) return true;
    }
  }
  return isolated !== true;
}

/**
 * False only if no packet from a pod of `sources` can reach a pod of `destinations` on any
 * protocol and port (ports are not looked at): the pairs the exact evaluation can skip.
 */
function mayConnect(model: KubernetesNetworkModel, sources: readonly Endpoint[], destinations: readonly Endpoint[]) {
  const host = (e: Endpoint) => e.kind === 'pod' && e.hostNetwork !== undefined && e.hostNetwork !== false;
  for (const s of sources)
    for (const d of destinations)
      if (host(s) || host(d) || (mayAllowDirection(model, 'egress', s, d) && mayAllowDirection(model, 'ingress', d, s)))
        return true;
  return false;
}

function addressEgress(model: KubernetesNetworkModel, names: readonly string[]): AddressEgress[] {
  const out = new Map<string, { entry: AddressEgress; pods: string[] }>();
  const add = (key: string, entry: Omit<AddressEgress, 'pods'>, pod: string) => {
    const found = out.get(key);
    if (found) found.pods.push(pod);
    else out.set(key, { entry: { ...entry, pods: [] }, pods: [pod] });
  };
  for (const namespace of names) {
    for (const pod of namespacePods(model, namespace)) {
      if (pod.kind !== 'pod') continue;
      let isolated: Tri = false;
      for (const policy of policiesOf(model, namespace)) {
        const applies = and(policySelects(policy, pod), policy.types.egress);
        isolated = or(isolated, applies);
        if (applies === false) continue;
        policy.egress.forEach((rule, i) => {
          let to: AddressEgress['to'] | undefined;
          let sure: Tri = true;
          if (rule.peers === 'all') to = 'any';
          else {
            const blocks = rule.peers.flatMap((p) =>
              p.kind === 'ipBlock' ? [{ cidr: p.cidr, except: p.except }] : [],
            );
            if (rule.peers.some((p) => p.kind === 'invalid')) sure = 'unknown';
            if (blocks.length) to = blocks;
            else if (sure === 'unknown') to = 'any';
          }
          if (!to) return;
          const allowed = and(applies, sure) === true ? true : 'unknown';
          add(
            `${namespace}\n${policy.id}\n${i}\n${allowed}`,
            { namespace, allowed, to, ports: rule.ports, by: policy.id },
            pod.name,
          );
        });
      }
      const open = not(isolated);
      if (open !== false)
        add(`${namespace}\n(open)\n${open}`, { namespace, allowed: open, to: 'any', ports: 'all' }, pod.name);
    }
  }
  return [...out.values()].map(({ entry, pods }) => ({ ...entry, pods }));
}

/** A question to {@link canReach}. */
export interface ReachQuestion {
  readonly fromNamespace: string;
  /** The source pod's labels (all of them). @default - every pod of the input in fromNamespace */
  readonly fromPodLabels?: Readonly<Record<string, string>>;
  readonly toNamespace: string;
  /** The destination pod's labels (all of them). @default - every pod of the input in toNamespace */
  readonly toPodLabels?: Readonly<Record<string, string>>;
  /** @default 'TCP' */
  readonly protocol?: KubernetesProtocol;
  readonly port: number;
}

function endpointsFor(
  model: KubernetesNetworkModel,
  namespace: string,
  labels: Readonly<Record<string, string>> | undefined,
): Endpoint[] {
  if (!labels) return namespacePods(model, namespace);
  const same = model.pods.find(
    (p) =>
      p.namespace === namespace &&
      p.labelsComplete &&
      Object.keys(p.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => p.labels[k] === v),
  );
  if (same) return [podEndpoint(same)];
  return [
    { kind: 'pod', namespace, labels: { labels, complete: true }, name: `${namespace}/${JSON.stringify(labels)}` },
  ];
}

/**
 * Whether pods of `fromNamespace` (those with `fromPodLabels`, else every pod of the input
 * there) can open a connection to pods of `toNamespace` on `protocol`/`port`: true if some
 * pair can, false if none can, unknown otherwise. A pod given by labels has unknown container
 * ports (a named port on it is unknown) unless a workload of the input has exactly those labels.
 */
export function canReach(model: KubernetesNetworkModel | KubernetesReachability, question: ReachQuestion): ReachAnswer {
  const m = 'model' in model ? model.model : model;
  const protocol = question.protocol ?? 'TCP';
  const answers: ReachAnswer[] = [];
  for (const s of endpointsFor(m, question.fromNamespace, question.fromPodLabels))
    for (const d of endpointsFor(m, question.toNamespace, question.toPodLabels))
      answers.push(packetVerdict(m, s, d, protocol, question.port));
  return anyOf(answers);
}

/** The answer for a set of endpoint pairs: allowed if any pair is, with the policies of the deciding pairs. */
function anyOf(answers: readonly ReachAnswer[]): ReachAnswer {
  let allowed: Tri = false;
  for (const a of answers) allowed = or(allowed, a.allowed);
  const chosen = answers.filter((a) => a.allowed === allowed);
  const by = [...new Set(chosen.flatMap((a) => a.by))].sort();
  if (allowed === false) return { allowed, by, ...(chosen[0]?.blockedBy ? { blockedBy: chosen[0].blockedBy } : {}) };
  if (allowed === 'unknown')
    return { allowed, by, uncertain: [...new Set(chosen.flatMap((a) => a.uncertain ?? []))].sort() };
  return { allowed, by };
}

/** A question to {@link canReachAddress}: may pods of a namespace open a connection to an address outside the cluster? */
export interface AddressQuestion {
  readonly fromNamespace: string;
  readonly fromPodLabels?: Readonly<Record<string, string>>;
  /** An IPv4 or IPv6 address. */
  readonly address: string;
  /** @default 'TCP' */
  readonly protocol?: KubernetesProtocol;
  readonly port: number;
}

/** Whether pods of a namespace may open a connection to an address outside the cluster (their egress alone decides). */
export function canReachAddress(
  model: KubernetesNetworkModel | KubernetesReachability,
  question: AddressQuestion,
): ReachAnswer {
  const m = 'model' in model ? model.model : model;
  const read = readCidrBlock(question.address);
  if (!read.ok || read.block.first !== read.block.last)
    throw new Error(`address: '${question.address}' is not one address`);
  const destination: Endpoint = { kind: 'address', address: read.block };
  const answers = endpointsFor(m, question.fromNamespace, question.fromPodLabels).map((s) =>
    packetVerdict(m, s, destination, question.protocol ?? 'TCP', question.port),
  );
  return anyOf(answers);
}
