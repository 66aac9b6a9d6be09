import { AddressSet, readCidrBlock, TAG_KEYS, type IpFamily } from '../../core';
import { templateResourcesOfType } from '../normalize/facts';
import { isResourceRef, isUnresolved } from '../normalize/intrinsics';
import type { Resource, Template } from '../normalize/model';
import { at, bool, int, list, refTarget, str } from '../normalize/values';
import type { PortRange } from './aws-ports';

/**
 * The network of one VPC (or of several templates of one VPC) read from CloudFormation
 * templates alone: subnets and their tiers, route tables, network ACLs and security groups.
 * Pure functions. Whatever the templates do not determine (a parameter, an import, a prefix
 * list) is kept as `'unknown'`, never read as allowed or denied.
 */

/** A value the templates do not determine. */
export const UNKNOWN = 'unknown';
export type Known<T> = T | typeof UNKNOWN;

/** A block of addresses of one family. */
export interface Block {
  readonly family: IpFamily;
  readonly set: AddressSet;
  /** As written. */
  readonly text: string;
}

/** IANA protocol numbers the model names; any other number is matched as is. `-1` is every protocol. */
export const PROTOCOLS = { all: -1, icmp: 1, tcp: 6, udp: 17, icmpv6: 58 } as const;

/** True for protocols whose rules carry a port range (tcp, udp). */
export const hasPorts = (protocol: number): boolean => protocol === 6 || protocol === 17;
/** True for protocols whose rules carry an ICMP type (and code). */
export const isIcmp = (protocol: number): boolean => protocol === 1 || protocol === 58;

/** One `AWS::EC2::NetworkAclEntry` (or an implicit entry of a default ACL). */
export interface AclEntry {
  /** The logical id, or `<acl>#<rule>-in|out` for a default ACL's implicit entry. */
  readonly id: string;
  readonly acl: string;
  readonly ruleNumber: Known<number>;
  readonly egress: Known<boolean>;
  readonly action: Known<'allow' | 'deny'>;
  /** The protocol number; `-1` for every protocol. */
  readonly protocol: Known<number>;
  /**
   * Ports (tcp, udp) or ICMP types (icmp, icmpv6) it matches; `[0, 65535]` for other
   * protocols and for `-1`.
   */
  readonly ports: Known<PortRange>;
  /** True if it matches one ICMP code only: it then matches a type only for some codes. */
  readonly icmpCodeOnly: boolean;
  readonly cidr: Known<Block>;
}

/** A network ACL: `AWS::EC2::NetworkAcl`, or a VPC's default ACL (`<vpc>.DefaultNetworkAcl`). */
export interface NetworkAcl {
  readonly id: string;
  readonly vpc?: string;
  readonly isDefault: boolean;
  readonly entries: readonly AclEntry[];
}

/** Where a route leads. */
export type RouteTarget =
  | 'local'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'transit-gateway'
  | 'vpc-peering'
  | 'vpc-endpoint'
  | 'vpn-gateway'
  | 'network-interface'
  | 'instance'
  | 'other'
  | 'unknown';

/** One route of a route table (`AWS::EC2::Route`, or a gateway endpoint's route). */
export interface Route {
  readonly id: string;
  readonly table: string;
  /** The destination; unknown for a prefix list (a gateway endpoint's) or an unresolved value. */
  readonly destination: Known<Block>;
  readonly target: RouteTarget;
}

/** A subnet, its tier and what filters and routes its traffic. */
export interface Subnet {
  readonly id: string;
  readonly vpc?: string;
  /** Its `sovereign-lz.io/tier` tag. */
  readonly tier?: string;
  readonly ipv4: Known<AddressSet | undefined>;
  readonly ipv6: Known<AddressSet | undefined>;
  /** The id of its network ACL (`<vpc>.DefaultNetworkAcl` with no association). */
  readonly acl: Known<string>;
  /** The id of its route table; undefined for the VPC's main route table (local routes only). */
  readonly routeTable: Known<string | undefined>;
}

/** A peer of a security-group rule. */
export type RulePeer =
  | { readonly kind: 'cidr'; readonly block: Block }
  | { readonly kind: 'group'; readonly group: string }
  | { readonly kind: 'unknown'; readonly why: string };

/** One rule of a security group (inline, standalone, or the default egress). */
export interface SecurityGroupRule {
  /** `<group>.SecurityGroupIngress[i]`, a standalone resource's id, or `<group>#default-egress-ipv4|6`. */
  readonly id: string;
  readonly group: string;
  readonly direction: 'ingress' | 'egress';
  readonly protocol: Known<number>;
  readonly ports: Known<PortRange>;
  readonly icmpCodeOnly: boolean;
  readonly peer: RulePeer;
}

export interface SecurityGroup {
  readonly id: string;
  readonly vpc?: string;
  readonly tier?: string;
  readonly rules: readonly SecurityGroupRule[];
  /** True if a list of its rules is unresolved: it may have rules the model does not see. */
  readonly unknownRules: boolean;
}

/** The network of the templates. */
export interface AwsModel {
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly acls: ReadonlyMap<string, NetworkAcl>;
  readonly routes: ReadonlyMap<string, readonly Route[]>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroup>;
  readonly vpcs: ReadonlyMap<string, { readonly id: string; readonly ipv4: Known<AddressSet | undefined> }>;
  /** What the model could not place, in words (entries of ACLs outside the templates, unresolved associations). */
  readonly notes: readonly string[];
}

const PROTOCOL_NAMES: Readonly<Record<string, number>> = { ...PROTOCOLS, '-1': -1 };

/** A protocol as written (`-1`, `6`, `"tcp"`, `"all"`). */
function protocolOf(value: unknown): Known<number> {
  const text = str(value);
  if (text === undefined || isUnresolved(text)) return UNKNOWN;
  const lower = text.trim().toLowerCase();
  if (lower in PROTOCOL_NAMES) return PROTOCOL_NAMES[lower];
  return /^-?\d+$/.test(lower) && Number(lower) >= -1 && Number(lower) <= 255 ? Number(lower) : UNKNOWN;
}

/** A CIDR property: a literal, or a VPC's `CidrBlock` attribute; unknown otherwise. */
function blockOf(value: unknown, family: IpFamily, templates: readonly Template[]): Known<Block> {
  let text: unknown = value;
  if (isResourceRef(value) && value.attribute === 'CidrBlock') {
    const vpc = templates.map((t) => t.byId.get(value.target)).find((r) => r?.type === 'AWS::EC2::VPC');
    if (vpc) text = vpc.properties.CidrBlock;
  }
  const s = str(text);
  if (typeof s !== 'string') return UNKNOWN;
  const read = readCidrBlock(s, family);
  // A text that reads differently in octal is not one block: unknown.
  if (!read.ok || read.alternative) return UNKNOWN;
  return { family, set: AddressSet.of(family, [read.block]), text: s };
}

function rangeOf(from: unknown, to: unknown, protocol: Known<number>): { ports: Known<PortRange>; code: boolean } {
  if (protocol === UNKNOWN) return { ports: UNKNOWN, code: false };
  if (!hasPorts(protocol) && !isIcmp(protocol)) return { ports: [0, 65535], code: false };
  const f = int(from);
  const t = int(to);
  if (isUnresolved(f) || isUnresolved(t)) return { ports: UNKNOWN, code: false };
  if (isIcmp(protocol)) {
    // ICMP: `from` is the type, `to` the code; -1 is any.
    if (f === undefined) return { ports: UNKNOWN, code: false };
    const ports: PortRange = f === -1 ? [0, 255] : [f, f];
    return { ports, code: t !== undefined && t !== -1 };
  }
  if (f === undefined || t === undefined) return { ports: UNKNOWN, code: false };
  if (f === -1 && (t === -1 || t === 65535)) return { ports: [0, 65535], code: false };
  return f >= 0 && t >= f && t <= 65535 ? { ports: [f, t], code: false } : { ports: UNKNOWN, code: false };
}

/** The ACL a `NetworkAclId` names: an ACL of the templates, or a VPC's default ACL. */
function aclIdOf(value: unknown, byId: (id: string) => Resource | undefined): string | undefined {
  if (isResourceRef(value) && value.attribute === 'DefaultNetworkAcl') return `${value.target}.DefaultNetworkAcl`;
  const id = refTarget(value);
  return id !== undefined && byId(id)?.type === 'AWS::EC2::NetworkAcl' ? id : undefined;
}

function ofType(templates: readonly Template[], type: string): Resource[] {
  return templates.flatMap((t) => templateResourcesOfType(t, type));
}

function defaultAcl(vpc: string | undefined): NetworkAcl {
  const id = vpc === undefined ? 'DefaultNetworkAcl' : `${vpc}.DefaultNetworkAcl`;
  // The default ACL allows all inbound and outbound IPv4 (rule 100) and IPv6 (rule 101) traffic.
  const entries: AclEntry[] = [];
  for (const egress of [false, true]) {
    for (const [rule, family, cidr] of [
      [100, 'ipv4', '0.0.0.0/0'],
      [101, 'ipv6', '::/0'],
    ] as const) {
      entries.push({
        id: `${id}#${rule}-${egress ? 'out' : 'in'}`,
        acl: id,
        ruleNumber: rule,
        egress,
        action: 'allow',
        protocol: -1,
        ports: [0, 65535],
        icmpCodeOnly: false,
        cidr: { family, set: AddressSet.all(family), text: cidr },
      });
    }
  }
  return { id, vpc, isDefault: true, entries };
}

function routeTarget(p: Readonly<Record<string, unknown>>, byId: (id: string) => Resource | undefined): RouteTarget {
  if (p.NatGatewayId !== undefined) return 'nat-gateway';
  if (p.TransitGatewayId !== undefined) return 'transit-gateway';
  if (p.VpcPeeringConnectionId !== undefined) return 'vpc-peering';
  if (p.EgressOnlyInternetGatewayId !== undefined) return 'egress-only-internet-gateway';
  if (p.VpcEndpointId !== undefined) return 'vpc-endpoint';
  if (p.NetworkInterfaceId !== undefined) return 'network-interface';
  if (p.InstanceId !== undefined) return 'instance';
  if (p.CarrierGatewayId !== undefined || p.LocalGatewayId !== undefined || p.CoreNetworkArn !== undefined) {
    return 'other';
  }
  if (p.GatewayId === undefined) return 'unknown';
  const id = refTarget(p.GatewayId);
  const target = id === undefined ? undefined : byId(id);
  if (target?.type === 'AWS::EC2::InternetGateway') return 'internet-gateway';
  if (target?.type === 'AWS::EC2::VPNGateway') return 'vpn-gateway';
  const text = str(p.GatewayId);
  if (text === 'local') return 'local';
  if (typeof text === 'string' && text.startsWith('igw-')) return 'internet-gateway';
  if (typeof text === 'string' && text.startsWith('vgw-')) return 'vpn-gateway';
  return 'unknown';
}

function sgRules(
  group: string,
  direction: 'ingress' | 'egress',
  rule: unknown,
  id: string,
  templates: readonly Template[],
): SecurityGroupRule {
  const r = (rule ?? {}) as Record<string, unknown>;
  const protocol = protocolOf(r.IpProtocol);
  const { ports, code } = rangeOf(r.FromPort, r.ToPort, protocol);
  const prefix = direction === 'ingress' ? 'Source' : 'Destination';
  let peer: RulePeer;
  if (r.CidrIp !== undefined) {
    const b = blockOf(r.CidrIp, 'ipv4', templates);
    peer = b === UNKNOWN ? { kind: 'unknown', why: 'CidrIp is not a literal block' } : { kind: 'cidr', block: b };
  } else if (r.CidrIpv6 !== undefined) {
    const b = blockOf(r.CidrIpv6, 'ipv6', templates);
    peer = b === UNKNOWN ? { kind: 'unknown', why: 'CidrIpv6 is not a literal block' } : { kind: 'cidr', block: b };
  } else if (r[`${prefix}SecurityGroupId`] !== undefined || r.SourceSecurityGroupName !== undefined) {
    const target = refTarget(r[`${prefix}SecurityGroupId`] ?? r.SourceSecurityGroupName);
    peer =
      target === undefined
        ? { kind: 'unknown', why: `${prefix}SecurityGroupId is not a group of the templates` }
        : { kind: 'group', group: target };
  } else if (r[`${prefix}PrefixListId`] !== undefined) {
    peer = { kind: 'unknown', why: `${prefix}PrefixListId: the entries of a prefix list are not read` };
  } else peer = { kind: 'unknown', why: 'the rule names no peer' };
  return { id, group, direction, protocol, ports, icmpCodeOnly: code, peer };
}

const MODELS = new WeakMap<Template, AwsModel>();

/**
 * Reads the network of one template, or of several templates of one VPC. The model of one
 * template is read once (NET-3 and the path matrices of NET-6 and NET-7 both read it); a model
 * is never changed after it is read.
 */
export function awsModel(input: Template | readonly Template[]): AwsModel {
  if (Array.isArray(input)) return readAwsModel(input);
  const template = input as Template;
  let model = MODELS.get(template);
  if (!model) {
    model = readAwsModel([template]);
    MODELS.set(template, model);
  }
  return model;
}

function readAwsModel(templates: readonly Template[]): AwsModel {
  const byId = (id: string): Resource | undefined => templates.map((t) => t.byId.get(id)).find((r) => r !== undefined);
  const notes: string[] = [];

  const vpcs = new Map<string, { id: string; ipv4: Known<AddressSet | undefined> }>();
  for (const vpc of ofType(templates, 'AWS::EC2::VPC')) {
    const b = vpc.properties.CidrBlock === undefined ? undefined : blockOf(vpc.properties.CidrBlock, 'ipv4', templates);
    vpcs.set(vpc.id, { id: vpc.id, ipv4: b === undefined ? undefined : b === UNKNOWN ? UNKNOWN : b.set });
  }

  // Network ACLs: the templates', and the default ACL of each VPC.
  const acls = new Map<string, { id: string; vpc?: string; isDefault: boolean; entries: AclEntry[] }>();
  for (const vpc of vpcs.keys()) {
    const d = defaultAcl(vpc);
    acls.set(d.id, { ...d, entries: [...d.entries] });
  }
  const fallback = defaultAcl(undefined);
  acls.set(fallback.id, { ...fallback, entries: [...fallback.entries] });
  for (const acl of ofType(templates, 'AWS::EC2::NetworkAcl')) {
    acls.set(acl.id, { id: acl.id, vpc: refTarget(acl.properties.VpcId), isDefault: false, entries: [] });
  }
  for (const e of ofType(templates, 'AWS::EC2::NetworkAclEntry')) {
    const p = e.properties;
    const aclId = aclIdOf(p.NetworkAclId, byId);
    const acl = aclId === undefined ? undefined : acls.get(aclId);
    if (!acl) {
      notes.push(`network ACL entry '${e.id}' belongs to an ACL outside the templates`);
      continue;
    }
    const protocol = protocolOf(p.Protocol);
    const icmp = isIcmp(typeof protocol === 'number' ? protocol : 0);
    const { ports, code } = icmp
      ? rangeOf(at(p, 'Icmp.Type'), at(p, 'Icmp.Code'), protocol)
      : rangeOf(at(p, 'PortRange.From'), at(p, 'PortRange.To'), protocol);
    const egress = bool(p.Egress);
    const action = str(p.RuleAction);
    const lower = typeof action === 'string' ? action.toLowerCase() : undefined;
    const ruleNumber = int(p.RuleNumber);
    const cidr =
      p.CidrBlock !== undefined
        ? blockOf(p.CidrBlock, 'ipv4', templates)
        : p.Ipv6CidrBlock !== undefined
          ? blockOf(p.Ipv6CidrBlock, 'ipv6', templates)
          : UNKNOWN;
    acl.entries.push({
      id: e.id,
      acl: acl.id,
      ruleNumber: typeof ruleNumber === 'number' ? ruleNumber : UNKNOWN,
      egress: egress === undefined ? false : isUnresolved(egress) ? UNKNOWN : egress,
      action: lower === 'allow' || lower === 'deny' ? lower : UNKNOWN,
      protocol,
      ports,
      icmpCodeOnly: code,
      cidr,
    });
  }

  // Subnets, their ACL and route table associations.
  const aclOf = new Map<string, Known<string>>();
  for (const a of ofType(templates, 'AWS::EC2::SubnetNetworkAclAssociation')) {
    const subnet = refTarget(a.properties.SubnetId);
    if (subnet === undefined || byId(subnet)?.type !== 'AWS::EC2::Subnet') {
      notes.push(`ACL association '${a.id}' names a subnet outside the templates`);
      continue;
    }
    const acl = aclIdOf(a.properties.NetworkAclId, byId) ?? UNKNOWN;
    const previous = aclOf.get(subnet);
    aclOf.set(subnet, previous === undefined || previous === acl ? acl : UNKNOWN);
  }
  const tableOf = new Map<string, Known<string>>();
  for (const a of ofType(templates, 'AWS::EC2::SubnetRouteTableAssociation')) {
    const subnet = refTarget(a.properties.SubnetId);
    if (subnet === undefined || byId(subnet)?.type !== 'AWS::EC2::Subnet') {
      notes.push(`route table association '${a.id}' names a subnet outside the templates`);
      continue;
    }
    const id = refTarget(a.properties.RouteTableId);
    const table = id !== undefined && byId(id)?.type === 'AWS::EC2::RouteTable' ? id : UNKNOWN;
    const previous = tableOf.get(subnet);
    tableOf.set(subnet, previous === undefined || previous === table ? table : UNKNOWN);
  }
  const subnets = new Map<string, Subnet>();
  for (const s of ofType(templates, 'AWS::EC2::Subnet')) {
    const vpc = refTarget(s.properties.VpcId);
    const block = (value: unknown, family: IpFamily): Known<AddressSet | undefined> => {
      if (value === undefined) return undefined;
      const b = blockOf(value, family, templates);
      return b === UNKNOWN ? UNKNOWN : b.set;
    };
    const defaultAclId =
      vpc !== undefined && acls.has(`${vpc}.DefaultNetworkAcl`) ? `${vpc}.DefaultNetworkAcl` : UNKNOWN;
    subnets.set(s.id, {
      id: s.id,
      vpc,
      tier: s.tags[TAG_KEYS.tier],
      ipv4: block(s.properties.CidrBlock, 'ipv4'),
      ipv6: block(s.properties.Ipv6CidrBlock, 'ipv6'),
      acl: aclOf.get(s.id) ?? defaultAclId,
      routeTable: tableOf.get(s.id),
    });
  }

  // Routes.
  const routes = new Map<string, Route[]>();
  const addRoute = (route: Route): void => {
    const l = routes.get(route.table);
    if (l) l.push(route);
    else routes.set(route.table, [route]);
  };
  for (const table of ofType(templates, 'AWS::EC2::RouteTable')) routes.set(table.id, []);
  for (const r of ofType(templates, 'AWS::EC2::Route')) {
    const table = refTarget(r.properties.RouteTableId);
    if (table === undefined || !routes.has(table)) {
      notes.push(`route '${r.id}' belongs to a route table outside the templates`);
      continue;
    }
    const p = r.properties;
    const destination =
      p.DestinationCidrBlock !== undefined
        ? blockOf(p.DestinationCidrBlock, 'ipv4', templates)
        : p.DestinationIpv6CidrBlock !== undefined
          ? blockOf(p.DestinationIpv6CidrBlock, 'ipv6', templates)
          : UNKNOWN;
    addRoute({ id: r.id, table, destination, target: routeTarget(p, byId) });
  }
  for (const endpoint of ofType(templates, 'AWS::EC2::VPCEndpoint')) {
    const tables = list(endpoint.properties.RouteTableIds);
    if (!Array.isArray(tables)) continue;
    for (const t of tables) {
      const table = refTarget(t);
      if (table !== undefined && routes.has(table)) {
        addRoute({ id: endpoint.id, table, destination: UNKNOWN, target: 'vpc-endpoint' });
      }
    }
  }

  // Security groups.
  const groups = new Map<
    string,
    { id: string; vpc?: string; tier?: string; rules: SecurityGroupRule[]; unknownRules: boolean }
  >();
  for (const g of ofType(templates, 'AWS::EC2::SecurityGroup')) {
    const rules: SecurityGroupRule[] = [];
    let unknownRules = false;
    for (const [key, direction] of [
      ['SecurityGroupIngress', 'ingress'],
      ['SecurityGroupEgress', 'egress'],
    ] as const) {
      const l = list(g.properties[key]);
      if (isUnresolved(l)) unknownRules = true;
      else (l ?? []).forEach((r, i) => rules.push(sgRules(g.id, direction, r, `${g.id}.${key}[${i}]`, templates)));
    }
    const egress = list(g.properties.SecurityGroupEgress);
    if (egress === undefined || (Array.isArray(egress) && egress.length === 0)) {
      // No egress rule in the template: EC2 keeps the default rule that allows all outbound traffic.
      for (const [family, cidr] of [
        ['ipv4', '0.0.0.0/0'],
        ['ipv6', '::/0'],
      ] as const) {
        rules.push({
          id: `${g.id}#default-egress-${family}`,
          group: g.id,
          direction: 'egress',
          protocol: -1,
          ports: [0, 65535],
          icmpCodeOnly: false,
          peer: { kind: 'cidr', block: { family, set: AddressSet.all(family), text: cidr } },
        });
      }
    }
    groups.set(g.id, {
      id: g.id,
      vpc: refTarget(g.properties.VpcId),
      tier: g.tags[TAG_KEYS.tier],
      rules,
      unknownRules,
    });
  }
  for (const [type, direction] of [
    ['AWS::EC2::SecurityGroupIngress', 'ingress'],
    ['AWS::EC2::SecurityGroupEgress', 'egress'],
  ] as const) {
    for (const r of ofType(templates, type)) {
      const target = refTarget(r.properties.GroupId) ?? refTarget(r.properties.GroupName);
      const group = target === undefined ? undefined : groups.get(target);
      if (!group) {
        notes.push(`security group rule '${r.id}' belongs to a group outside the templates`);
        continue;
      }
      group.rules.push(sgRules(group.id, direction, r.properties, r.id, templates));
    }
  }

  return { subnets, acls, routes, securityGroups: groups, vpcs, notes };
}

/** A packet as one network ACL sees it. */
export interface AclPacket {
  readonly egress: boolean;
  readonly protocol: number;
  /** The destination port (tcp, udp) or the ICMP type; ignored for other protocols. */
  readonly port: number;
  /** The address on the other side: the source inbound, the destination outbound. */
  readonly family: IpFamily;
  readonly remote: bigint;
}

/** What a network ACL does to a packet, and which entry decides. */
export interface AclDecision {
  readonly action: Known<'allow' | 'deny'>;
  /** The entry that decides: its id, or `<acl>#*` for the implicit final deny. */
  readonly entry: string;
  /** Entries that may match but that the templates do not determine, and that could change the answer. */
  readonly uncertain: readonly string[];
}

type Match = 'yes' | 'no' | 'maybe';

function inSet(set: AddressSet, value: bigint): boolean {
  return set.ranges.some(([a, b]) => a <= value && value <= b);
}

/** Whether a rule's protocol and ports (or ICMP type) match. */
export function matchesTraffic(
  rule: { protocol: Known<number>; ports: Known<PortRange>; icmpCodeOnly: boolean },
  protocol: number,
  port: number,
): Match {
  if (rule.protocol === UNKNOWN) return 'maybe';
  if (rule.protocol === -1) return 'yes';
  if (rule.protocol !== protocol) return 'no';
  if (!hasPorts(protocol) && !isIcmp(protocol)) return 'yes';
  if (rule.ports === UNKNOWN) return 'maybe';
  if (port < rule.ports[0] || port > rule.ports[1]) return 'no';
  return isIcmp(protocol) && rule.icmpCodeOnly ? 'maybe' : 'yes';
}

function entryMatch(e: AclEntry, p: AclPacket): Match {
  const parts: Match[] = [];
  parts.push(e.egress === UNKNOWN ? 'maybe' : e.egress === p.egress ? 'yes' : 'no');
  parts.push(matchesTraffic(e, p.protocol, p.port));
  parts.push(
    e.cidr === UNKNOWN ? 'maybe' : e.cidr.family !== p.family ? 'no' : inSet(e.cidr.set, p.remote) ? 'yes' : 'no',
  );
  return parts.includes('no') ? 'no' : parts.includes('maybe') ? 'maybe' : 'yes';
}

/**
 * Evaluates a network ACL on one packet: entries of the packet's direction in ascending rule
 * number, the first that matches decides, and the implicit final rule `*` denies. An entry the
 * templates do not determine (its number, direction, action, protocol, ports or block) that may
 * match before the deciding one, with another action, makes the answer unknown.
 */
export function evaluateAcl(acl: NetworkAcl, packet: AclPacket): AclDecision {
  const numbered = acl.entries
    .filter((e) => e.ruleNumber !== UNKNOWN)
    .sort((a, b) => (a.ruleNumber as number) - (b.ruleNumber as number) || (a.id < b.id ? -1 : 1));
  const unnumbered = acl.entries.filter((e) => e.ruleNumber === UNKNOWN);
  const doubtful: AclEntry[] = [];
  let decided: AclEntry | undefined;
  for (const e of numbered) {
    const m = entryMatch(e, packet);
    if (m === 'no') continue;
    if (m === 'maybe') {
      doubtful.push(e);
      continue;
    }
    decided = e;
    break;
  }
  const action: Known<'allow' | 'deny'> = decided ? decided.action : 'deny';
  const entry = decided ? decided.id : `${acl.id}#*`;
  for (const e of unnumbered) if (entryMatch(e, packet) !== 'no') doubtful.push(e);
  const uncertain = doubtful.filter((e) => e.action === UNKNOWN || action === UNKNOWN || e.action !== action);
  return {
    action: uncertain.length || action === UNKNOWN ? UNKNOWN : action,
    entry,
    uncertain: uncertain.map((e) => e.id),
  };
}

/** The routes of a subnet's route table (none for the main route table, which holds only the local route). */
export function routesOf(model: AwsModel, subnet: string): Known<readonly Route[]> {
  const table = model.subnets.get(subnet)?.routeTable;
  if (table === UNKNOWN) return UNKNOWN;
  return table === undefined ? [] : (model.routes.get(table) ?? []);
}

/** Where a subnet's routes lead: internet gateway, NAT, transit gateway, peering, endpoints… */
export function routeTargets(model: AwsModel, subnet: string): Known<ReadonlySet<RouteTarget>> {
  const routes = routesOf(model, subnet);
  return routes === UNKNOWN ? UNKNOWN : new Set(routes.map((r) => r.target));
}
