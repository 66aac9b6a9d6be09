import { AddressSet, internetAddresses, readCidrBlock, type IpFamily } from '../../core';
import type { Template } from '../normalize/model';
import {
  awsModel,
  evaluateAcl,
  hasPorts,
  isIcmp,
  matchesTraffic,
  PROTOCOLS,
  UNKNOWN,
  type AclDecision,
  type AwsModel,
  type Known,
  type NetworkAcl,
  type RouteTarget,
  type SecurityGroupRule,
  type Subnet,
} from './aws-model';
import { PortSet, type PortRange } from './aws-ports';

/** One end of a flow: a tier's subnets, one subnet, the internet, or a CIDR block. */
export type Endpoint = 'internet' | { readonly tier: string } | { readonly subnet: string } | { readonly cidr: string };

/** One question: can `from` open a flow to `to` on this protocol and port? */
export interface ReachQuery {
  readonly from: Endpoint;
  /** A tier or a subnet. */
  readonly to: { readonly tier: string } | { readonly subnet: string };
  /** A protocol number or name (`tcp`, `udp`, `icmp`, `icmpv6`). */
  readonly protocol: number | 'tcp' | 'udp' | 'icmp' | 'icmpv6';
  /** The destination port (tcp, udp) or the ICMP type; ignored for other protocols. */
  readonly port?: number;
  /** The source's port; by default any of `ephemeral`. */
  readonly sourcePort?: number;
  /** The source's ephemeral ports, where return traffic goes. @default [1024, 65535] */
  readonly ephemeral?: PortRange;
  /** @default 'ipv4' */
  readonly family?: IpFamily;
  /** Judge the security groups of the tiers too (groups are placed by their tier tag). @default true */
  readonly securityGroups?: boolean;
}

/** The layer that blocks a flow. */
export type Layer = 'nacl-in' | 'nacl-out' | 'nacl-return-in' | 'nacl-return-out' | 'security-group' | 'route';

/** The answer to a {@link ReachQuery}. */
export interface ReachAnswer {
  /**
   * True if some address of `from`, some address of `to` and some source port pass every
   * layer; false if none can; unknown if none surely can but some may, given what the
   * templates do not determine.
   */
  readonly allowed: boolean | 'unknown';
  /** The entries, rules and routes that let the flow through (for an allowed flow: one witness). */
  readonly by: readonly string[];
  /** For a refused flow: the layer that blocks it (every pair, when one layer does), and its deciding entry. */
  readonly blockedBy?: { readonly layer: Layer; readonly entry?: string };
  /** For an unknown answer: the entries or values that keep it from being known. */
  readonly unknown?: readonly string[];
}

/** A place addresses come from or go to: a subnet's addresses, or addresses outside every subnet. */
interface Place {
  readonly subnet?: Subnet;
  readonly set: AddressSet;
  /** True if the addresses of this place are not known (a subnet whose block is unresolved). */
  readonly unknownSet?: boolean;
}

const NAMES: Readonly<Record<string, number>> = PROTOCOLS;

function protocolNumber(p: ReachQuery['protocol']): number {
  return typeof p === 'number' ? p : NAMES[p];
}

function subnetSet(s: Subnet, family: IpFamily): Known<AddressSet | undefined> {
  return family === 'ipv4' ? s.ipv4 : s.ipv6;
}

/** The places of an endpoint: the subnets it covers, and (for blocks) what lies outside every subnet. */
function placesOf(model: AwsModel, endpoint: Endpoint, family: IpFamily): { places: Place[]; unknown: string[] } {
  const unknown: string[] = [];
  const subnetPlaces = (subnets: Subnet[]): Place[] =>
    subnets.flatMap((s): Place[] => {
      const set = subnetSet(s, family);
      if (set === UNKNOWN) {
        unknown.push(`${s.id} (its block is not known)`);
        return [{ subnet: s, set: AddressSet.empty(family), unknownSet: true }];
      }
      return set ? [{ subnet: s, set }] : [];
    });
  if (endpoint !== 'internet' && 'tier' in endpoint) {
    return { places: subnetPlaces([...model.subnets.values()].filter((s) => s.tier === endpoint.tier)), unknown };
  }
  if (endpoint !== 'internet' && 'subnet' in endpoint) {
    const s = model.subnets.get(endpoint.subnet);
    return { places: s ? subnetPlaces([s]) : [], unknown };
  }
  let set: AddressSet;
  if (endpoint === 'internet') set = internetAddresses(family);
  else {
    const read = readCidrBlock(endpoint.cidr, family);
    if (!read.ok) throw new Error(read.problem.en);
    set = AddressSet.of(family, [read.block]);
  }
  const places: Place[] = [];
  let rest = set;
  for (const s of model.subnets.values()) {
    const own = subnetSet(s, family);
    if (own === UNKNOWN) {
      unknown.push(`${s.id} (its block is not known)`);
      continue;
    }
    if (!own) continue;
    const inside = own.intersect(set);
    if (!inside.isEmpty) places.push({ subnet: s, set: inside });
    rest = rest.minus(own);
  }
  if (!rest.isEmpty) places.push({ set: rest });
  return { places, unknown };
}

/** Representative addresses of `set` split at `bounds`: every ACL or rule matches each piece alike. */
function addressCells(set: AddressSet, bounds: readonly bigint[]): bigint[] {
  const out: bigint[] = [];
  const sorted = [...new Set(bounds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [first, last] of set.ranges) {
    out.push(first);
    for (const b of sorted) if (b > first && b <= last) out.push(b);
  }
  return out;
}

/** Representative ports of `[lo, hi]` split at `bounds`. */
function portCells(lo: number, hi: number, bounds: readonly number[]): number[] {
  return [lo, ...[...new Set(bounds)].filter((b) => b > lo && b <= hi)].sort((a, b) => a - b);
}

function aclBounds(acl: NetworkAcl | undefined, family: IpFamily): { addresses: bigint[]; ports: number[] } {
  const addresses: bigint[] = [];
  const ports: number[] = [];
  for (const e of acl?.entries ?? []) {
    if (e.cidr !== UNKNOWN && e.cidr.family === family) {
      for (const [a, b] of e.cidr.set.ranges) addresses.push(a, b + 1n);
    }
    if (e.ports !== UNKNOWN) ports.push(e.ports[0], e.ports[1] + 1);
  }
  return { addresses, ports };
}

function groupBounds(rules: readonly SecurityGroupRule[], family: IpFamily): { addresses: bigint[]; ports: number[] } {
  const addresses: bigint[] = [];
  const ports: number[] = [];
  for (const r of rules) {
    if (r.peer.kind === 'cidr' && r.peer.block.family === family) {
      for (const [a, b] of r.peer.block.set.ranges) addresses.push(a, b + 1n);
    }
    if (r.ports !== UNKNOWN) ports.push(r.ports[0], r.ports[1] + 1);
  }
  return { addresses, ports };
}

/** The ACL of a place: none outside the subnets; unknown when the association is. */
function aclOf(model: AwsModel, place: Place): NetworkAcl | undefined | typeof UNKNOWN {
  if (!place.subnet) return undefined;
  if (place.subnet.acl === UNKNOWN) return UNKNOWN;
  return model.acls.get(place.subnet.acl) ?? UNKNOWN;
}

type Verdict = { ok: Known<boolean>; entry?: string; uncertain: readonly string[] };

const PASS: Verdict = { ok: true, uncertain: [] };

function fromAcl(d: AclDecision): Verdict {
  return { ok: d.action === UNKNOWN ? UNKNOWN : d.action === 'allow', entry: d.entry, uncertain: d.uncertain };
}

/** A security-group layer: does some group of the tier admit the traffic with this peer? */
function groupVerdict(
  model: AwsModel,
  rules: readonly SecurityGroupRule[],
  unknownRules: readonly string[],
  protocol: number,
  port: number,
  family: IpFamily,
  peer: bigint,
  peerTier: string | undefined,
  peerInVpc: boolean,
): Verdict {
  const maybe: string[] = [...unknownRules];
  for (const r of rules) {
    const traffic = matchesTraffic(r, protocol, port);
    if (traffic === 'no') continue;
    let who: 'yes' | 'no' | 'maybe';
    if (r.peer.kind === 'cidr') {
      who =
        r.peer.block.family === family && r.peer.block.set.ranges.some(([a, b]) => a <= peer && peer <= b)
          ? 'yes'
          : 'no';
    } else if (r.peer.kind === 'group') {
      const tier = model.securityGroups.get(r.peer.group)?.tier;
      who = !peerInVpc
        ? 'no'
        : tier === undefined || peerTier === undefined
          ? 'maybe'
          : tier === peerTier
            ? 'yes'
            : 'no';
    } else who = 'maybe';
    if (who === 'no') continue;
    if (who === 'yes' && traffic === 'yes') return { ok: true, entry: r.id, uncertain: [] };
    maybe.push(r.peer.kind === 'unknown' ? `${r.id} (${r.peer.why})` : r.id);
  }
  return maybe.length ? { ok: UNKNOWN, uncertain: maybe } : { ok: false, uncertain: [] };
}

/** Whether the table of `subnet` routes `set` (or part of it) to one of `targets`. */
function routeVerdict(model: AwsModel, subnet: Subnet, set: AddressSet, targets: readonly RouteTarget[]): Verdict {
  if (subnet.routeTable === UNKNOWN) return { ok: UNKNOWN, uncertain: [`${subnet.id} (its route table is not known)`] };
  if (subnet.routeTable === undefined) return { ok: false, uncertain: [] };
  const maybe: string[] = [];
  for (const r of model.routes.get(subnet.routeTable) ?? []) {
    const hits =
      r.destination === UNKNOWN
        ? 'maybe'
        : r.destination.family === set.family && !r.destination.set.intersect(set).isEmpty;
    if (!hits) continue;
    if (r.target === 'unknown') maybe.push(r.id);
    else if (targets.includes(r.target)) {
      if (hits === true) return { ok: true, entry: r.id, uncertain: [] };
      maybe.push(r.id);
    }
  }
  return maybe.length ? { ok: UNKNOWN, uncertain: maybe } : { ok: false, uncertain: [] };
}

const INBOUND_FROM_INTERNET: readonly RouteTarget[] = ['internet-gateway'];
const INBOUND_FROM_OUTSIDE: readonly RouteTarget[] = [
  'internet-gateway',
  'vpn-gateway',
  'transit-gateway',
  'vpc-peering',
];
const BETWEEN_VPCS: readonly RouteTarget[] = ['transit-gateway', 'vpc-peering'];

/** The ICMP type of the reply to a request of this type, if the request has one (echo). */
function icmpReply(protocol: number, type: number): number | undefined {
  if (protocol === 1 && type === 8) return 0;
  if (protocol === 58 && type === 128) return 129;
  return undefined;
}

const LAYER_ORDER: readonly Layer[] = [
  'route',
  'nacl-out',
  'nacl-in',
  'nacl-return-out',
  'nacl-return-in',
  'security-group',
];

/**
 * Answers one question exactly: can some host of `from` open a flow to some host of `to`?
 * The request must leave the source's subnet (its ACL outbound), enter the destination's (its
 * ACL inbound), and the reply — to the source's port — must leave the destination's subnet and
 * enter the source's: network ACLs are stateless. Traffic between two addresses of one subnet
 * crosses no ACL. Security groups are stateful: the request needs an ingress rule of a group of
 * the destination's tier and, when the source is a tier with groups, an egress rule of one of
 * its groups. From outside the VPC, the destination's route table must lead back to a gateway.
 */
export function canReach(model: AwsModel, query: ReachQuery): ReachAnswer {
  const family = query.family ?? 'ipv4';
  const protocol = protocolNumber(query.protocol);
  const withPorts = hasPorts(protocol) || isIcmp(protocol);
  const port = withPorts ? (query.port ?? 0) : 0;
  const ephemeral = query.ephemeral ?? [1024, 65535];
  const src = placesOf(model, query.from, family);
  const dst = placesOf(model, query.to, family);
  const unknown = new Set<string>([...src.unknown, ...dst.unknown]);
  const fromTier = query.from !== 'internet' && 'tier' in query.from ? query.from.tier : undefined;
  const toTier = 'tier' in query.to ? query.to.tier : undefined;
  const judgeGroups = query.securityGroups ?? true;
  const groupsOf = (tier: string | undefined, direction: 'ingress' | 'egress') => {
    const groups = [...model.securityGroups.values()].filter((g) => tier !== undefined && g.tier === tier);
    return {
      placed: groups.length > 0,
      rules: groups.flatMap((g) => g.rules.filter((r) => r.direction === direction)),
      unknownRules: groups.filter((g) => g.unknownRules).map((g) => `${g.id} (its rules are not known)`),
    };
  };
  const ingress = groupsOf(judgeGroups ? toTier : undefined, 'ingress');
  const egress = groupsOf(judgeGroups ? fromTier : undefined, 'egress');

  let witness: string[] | undefined;
  const blocks = new Map<Layer, string | undefined>();
  let pairs = 0;
  const everyPairBlocks = new Map<Layer, number>();

  for (const a of src.places) {
    for (const b of dst.places) {
      if (!b.subnet) continue;
      if (a.unknownSet || b.unknownSet) continue; // Already in `unknown`.
      const sameSubnet = a.subnet !== undefined && a.subnet === b.subnet;
      const srcAcl = sameSubnet ? undefined : aclOf(model, a);
      const dstAcl = sameSubnet ? undefined : aclOf(model, b);
      if (srcAcl === UNKNOWN) unknown.add(`${a.subnet?.id} (its network ACL is not known)`);
      if (dstAcl === UNKNOWN) unknown.add(`${b.subnet.id} (its network ACL is not known)`);
      if (srcAcl === UNKNOWN || dstAcl === UNKNOWN) continue;

      // Routes: inside one VPC the local route; from outside, the destination must route back.
      let route: Verdict = PASS;
      if (!a.subnet) {
        route = routeVerdict(
          model,
          b.subnet,
          a.set,
          query.from === 'internet' ? INBOUND_FROM_INTERNET : INBOUND_FROM_OUTSIDE,
        );
      } else if (a.subnet.vpc !== b.subnet.vpc || a.subnet.vpc === undefined) {
        const there = routeVerdict(model, a.subnet, b.set, BETWEEN_VPCS);
        const back = routeVerdict(model, b.subnet, a.set, BETWEEN_VPCS);
        route =
          there.ok === false
            ? there
            : back.ok === false
              ? back
              : there.ok === true && back.ok === true
                ? { ok: true, entry: `${there.entry}, ${back.entry}`, uncertain: [] }
                : { ok: UNKNOWN, uncertain: [...there.uncertain, ...back.uncertain] };
      }

      const srcBounds = aclBounds(srcAcl, family);
      const dstBounds = aclBounds(dstAcl, family);
      const ingressBounds = groupBounds(ingress.rules, family);
      const egressBounds = groupBounds(egress.rules, family);
      const aCells = addressCells(a.set, [...dstBounds.addresses, ...ingressBounds.addresses]);
      const bCells = addressCells(b.set, [...srcBounds.addresses, ...egressBounds.addresses]);
      // Return traffic: tcp and udp to the source's port; an ICMP echo's reply; other protocols alike.
      let returns: number[];
      if (hasPorts(protocol)) {
        returns =
          query.sourcePort !== undefined
            ? [query.sourcePort]
            : portCells(ephemeral[0], ephemeral[1], [...srcBounds.ports, ...dstBounds.ports]);
      } else if (isIcmp(protocol)) {
        const reply = icmpReply(protocol, port);
        returns = reply === undefined ? [] : [reply];
      } else returns = [0];
      const returnNeeded = returns.length > 0;
      if (!returnNeeded) returns = [-1];

      for (const av of aCells) {
        for (const bv of bCells) {
          for (const s of returns) {
            pairs++;
            const verdicts: Array<[Layer, Verdict]> = [['route', route]];
            verdicts.push([
              'nacl-out',
              srcAcl ? fromAcl(evaluateAcl(srcAcl, { egress: true, protocol, port, family, remote: bv })) : PASS,
            ]);
            verdicts.push([
              'nacl-in',
              dstAcl ? fromAcl(evaluateAcl(dstAcl, { egress: false, protocol, port, family, remote: av })) : PASS,
            ]);
            if (returnNeeded) {
              const rp = s;
              verdicts.push([
                'nacl-return-out',
                dstAcl ? fromAcl(evaluateAcl(dstAcl, { egress: true, protocol, port: rp, family, remote: av })) : PASS,
              ]);
              verdicts.push([
                'nacl-return-in',
                srcAcl ? fromAcl(evaluateAcl(srcAcl, { egress: false, protocol, port: rp, family, remote: bv })) : PASS,
              ]);
            }
            if (ingress.placed) {
              verdicts.push([
                'security-group',
                groupVerdict(
                  model,
                  ingress.rules,
                  ingress.unknownRules,
                  protocol,
                  port,
                  family,
                  av,
                  a.subnet?.tier,
                  a.subnet !== undefined,
                ),
              ]);
            }
            if (egress.placed && a.subnet) {
              verdicts.push([
                'security-group',
                groupVerdict(model, egress.rules, egress.unknownRules, protocol, port, family, bv, b.subnet.tier, true),
              ]);
            }
            const refused = verdicts.find(([, v]) => v.ok === false);
            if (refused) {
              for (const [layer, v] of verdicts) {
                if (v.ok !== false) continue;
                everyPairBlocks.set(layer, (everyPairBlocks.get(layer) ?? 0) + 1);
                if (!blocks.has(layer)) blocks.set(layer, v.entry);
              }
              continue;
            }
            const doubtful = verdicts.filter(([, v]) => v.ok === UNKNOWN);
            if (doubtful.length) {
              for (const [, v] of doubtful) for (const u of v.uncertain) unknown.add(u);
              continue;
            }
            witness ??= verdicts.map(([, v]) => v.entry).filter((e): e is string => e !== undefined);
          }
        }
      }
    }
  }
  if (witness) return { allowed: true, by: [...new Set(witness)] };
  if (unknown.size) return { allowed: UNKNOWN, by: [], unknown: [...unknown] };
  // No subnet on one side (a tier with no subnet of the family): nothing to reach, nothing blocks.
  if (pairs === 0) return { allowed: false, by: [] };
  const layer =
    LAYER_ORDER.find((l) => (everyPairBlocks.get(l) ?? 0) === pairs && pairs > 0) ??
    LAYER_ORDER.find((l) => blocks.has(l)) ??
    'route';
  return { allowed: false, by: [], blockedBy: { layer, entry: blocks.get(layer) } };
}

/** What one source may open to one tier on one protocol, by port (or ICMP type). */
export interface ProtocolReach {
  readonly protocol: number;
  /** Ports (or ICMP types) some flow surely passes. */
  readonly allowed: PortSet;
  /** Ports (or ICMP types) no flow surely passes but some may. */
  readonly unknown: PortSet;
  /** Ranges of ports with the same answer, in order. */
  readonly ranges: ReadonlyArray<{ readonly ports: PortRange; readonly answer: ReachAnswer }>;
}

/** What a source may open to a tier: through the network ACLs and routes, and with the security groups too. */
export interface TierReach {
  readonly from: Endpoint;
  readonly to: string;
  readonly nacl: readonly ProtocolReach[];
  readonly withSecurityGroups: readonly ProtocolReach[];
}

export interface AwsReachability {
  readonly model: AwsModel;
  readonly tiers: readonly string[];
  readonly pairs: readonly TierReach[];
}

function sameAnswer(x: ReachAnswer, y: ReachAnswer): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

/** What `from` may open to the tier `to` on `protocol`, port range by port range. */
export function protocolReach(
  model: AwsModel,
  from: Endpoint,
  to: string,
  protocol: number,
  securityGroups: boolean,
  family: IpFamily = 'ipv4',
): ProtocolReach {
  const space: PortRange = hasPorts(protocol) ? [0, 65535] : isIcmp(protocol) ? [0, 255] : [0, 0];
  const bounds: number[] = isIcmp(protocol) ? [8, 9, 128, 129] : [];
  for (const acl of model.acls.values()) bounds.push(...aclBounds(acl, family).ports);
  if (securityGroups) for (const g of model.securityGroups.values()) bounds.push(...groupBounds(g.rules, family).ports);
  const cells = portCells(space[0], space[1], bounds);
  const ranges: Array<{ ports: PortRange; answer: ReachAnswer }> = [];
  cells.forEach((port, i) => {
    const high = i + 1 < cells.length ? cells[i + 1] - 1 : space[1];
    const answer = canReach(model, { from, to: { tier: to }, protocol, port, family, securityGroups });
    const last = ranges[ranges.length - 1];
    if (last && sameAnswer(last.answer, answer)) ranges[ranges.length - 1] = { ports: [last.ports[0], high], answer };
    else ranges.push({ ports: [port, high], answer });
  });
  return {
    protocol,
    allowed: PortSet.of(ranges.filter((r) => r.answer.allowed === true).map((r) => r.ports)),
    unknown: PortSet.of(ranges.filter((r) => r.answer.allowed === UNKNOWN).map((r) => r.ports)),
    ranges,
  };
}

/**
 * For each source (each tier, and the internet) and each destination tier: the tcp and udp
 * ports and ICMP types some flow passes, through the network ACLs and routes, and with the
 * security groups of the tiers too.
 */
export function reachability(input: Template | readonly Template[] | AwsModel): AwsReachability {
  const model = 'subnets' in input ? input : awsModel(input as Template | readonly Template[]);
  const tiers = [
    ...new Set([...model.subnets.values()].map((s) => s.tier).filter((t): t is string => t !== undefined)),
  ];
  const pairs: TierReach[] = [];
  const sources: Endpoint[] = [...tiers.map((t) => ({ tier: t })), 'internet'];
  for (const from of sources) {
    for (const to of tiers) {
      const of = (sg: boolean) => [6, 17, 1].map((p) => protocolReach(model, from, to, p, sg));
      pairs.push({ from, to, nacl: of(false), withSecurityGroups: of(true) });
    }
  }
  return { model, tiers, pairs };
}
