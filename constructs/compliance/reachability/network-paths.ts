import type { Evidence } from '../judge/evidence';
/**
 * The paths of the input, judged against what the zone declares (NET-6, NET-7) and shown in
 * the reports as matrices: per VPC (AWS) and per cluster (Kubernetes), every path the models
 * compute, and whether a declared flow, a built-in of the profile or nothing accounts for it;
 * and every declared flow, open, blocked (by which layer) or leaving through gateways the zone
 * does not build (`declared`).
 *
 * Built-ins: HTTPS (TCP 443) and HTTP (TCP 80, redirected: ENC-2) into the public tier; TCP 443 to the security
 * groups of interface VPC endpoints from inside the VPC (private service access, NET-5); DNS
 * (TCP and UDP 53) to `kube-system`; a log forwarder's egress to its sink, on the sink's port
 * (RES-3 judges that the sink is allowlisted).
 * Paths within one tier (AWS) or one namespace (Kubernetes) are not paths between tiers.
 */
import { classificationRank, isClassificationLevel, type LocalizedText, type ZoneSummary } from '../../core';
import { K8S, nameOf, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { CheckInput, Resource, Template } from '../normalize/model';
import { refTarget } from '../normalize/values';
import { forwarderSinks, isLogForwarder } from '../rules/log-forwarders';
import { awsModel, type AwsModel } from './aws-model';
import { PortSet, type PortRange } from './aws-ports';
import { canReach as awsCanReach, protocolReach } from './aws-reachability';
import {
  canReach as kubernetesCanReach,
  reachability as kubernetesReachability,
  type CompiledPort,
  type KubernetesReachability,
} from './kubernetes-model';

/** What accounts for a path. */
export type PathVerdict =
  /** Nothing: neither a declared flow nor a built-in (NET-6 fails). */
  | 'undeclared'
  /** The artifacts do not tell whether it opens (NET-6 cannot prove). */
  | 'unknown'
  /** A declared flow of landing-zone.json. */
  | 'flow'
  /** A built-in of the profile (HTTPS entry, VPC endpoints, DNS, the log sink). */
  | 'built-in'
  /** Egress to addresses of a namespace below `sensitive`, which the profile does not restrict. */
  | 'permitted'
  /** Open through routes and network ACLs to a tier where the artifacts place no security group, so no host. */
  | 'network-only';

/** One path: from a tier, namespace or the internet to another, on a protocol and ports. */
export interface PathRow {
  readonly from: string;
  readonly to: string;
  /** `tcp`, `udp`, `icmp` (AWS) or `TCP`, `UDP`, `SCTP` (Kubernetes). */
  readonly protocol: string;
  /** `443`, `1024-65535`, `all`; ICMP types for icmp. */
  readonly ports: string;
  readonly verdict: PathVerdict;
  /** The flow or built-in that accounts for it. */
  readonly reason?: string;
  /** The entries, rules or policies that open it (or keep it unknown). */
  readonly by: readonly string[];
}

/** What became of a declared flow. */
export type FlowVerdict = 'open' | 'blocked' | 'unknown' | 'declared';

/** A declared flow as the artifacts carry it. */
export interface FlowRow {
  /** `workload/tier -> workload/tier:port`. */
  readonly flow: string;
  readonly verdict: FlowVerdict;
  /** The layer and entry that block it, the entries that open it, or the gateway it leaves by. */
  readonly detail: string;
}

/** The paths and flows of one VPC template or one cluster. */
export interface PathMatrix {
  readonly world: 'aws' | 'kubernetes';
  /** The template's stack (or file) and VPCs, or the cluster's site. */
  readonly name: string;
  /** Where, as landing-zone.json writes a workload's place: `aws:REGION`, `site:NAME`, or `?`. */
  readonly place: string;
  readonly file: string;
  /** Undeclared and unknown paths first. */
  readonly rows: readonly PathRow[];
  readonly flows: readonly FlowRow[];
}

/** A verdict of NET-6 or NET-7 on a resource (or a subject), for the rules to return. */
export interface PathJudgment {
  readonly control: 'NET-6' | 'NET-7';
  /** The world of the rule that reports it. */
  readonly world: 'aws' | 'kubernetes';
  readonly status: 'pass' | 'fail' | 'cannot-prove' | 'declared';
  readonly resource?: Resource;
  readonly subject?: string;
  readonly message?: LocalizedText;
  /**
   * The facts of the paths or the flow it is about, for the rule's evidence: the ends,
   * protocol and ports, the verdict, and what opens or blocks it (entry ids, policies).
   */
  readonly facts?: Evidence;
}

/** Everything computed for one input. */
export interface NetworkPaths {
  readonly matrices: readonly PathMatrix[];
  readonly judgments: readonly PathJudgment[];
}

const VERDICT_ORDER: readonly PathVerdict[] = [
  'undeclared',
  'unknown',
  'flow',
  'built-in',
  'permitted',
  'network-only',
];

/** A declared flow with its ends placed. */
interface PlacedFlow {
  readonly text: string;
  readonly from: { readonly workload: string; readonly tier: string; readonly place: string };
  readonly to: { readonly workload: string; readonly tier: string; readonly place: string };
  readonly port: number;
}

function placedFlows(zone: ZoneSummary | undefined): PlacedFlow[] {
  if (!zone) return [];
  const placeOf = (w: string) => zone.workloads.find((x) => x.name === w)?.place ?? '?';
  return zone.flows.map((f) => {
    const [fw, ft] = f.from.split('/');
    const [tw, tt] = f.to.split('/');
    return {
      text: `${f.from} -> ${f.to}:${f.port}`,
      from: { workload: fw, tier: ft, place: placeOf(fw) },
      to: { workload: tw, tier: tt, place: placeOf(tw) },
      port: f.port,
    };
  });
}

/** Where a flow is built: in one VPC (same AWS region), in one site, or nowhere the zone builds. */
function flowWorld(f: PlacedFlow): { world: 'aws' | 'kubernetes'; where: string } | undefined {
  if (f.from.place !== f.to.place) return undefined;
  const [kind, where] = f.from.place.split(':');
  if (kind === 'aws') return { world: 'aws', where };
  if (kind === 'site') return { world: 'kubernetes', where };
  return undefined;
}

function rangeText([a, b]: PortRange, all: PortRange): string {
  if (a === all[0] && b === all[1]) return 'all';
  return a === b ? `${a}` : `${a}-${b}`;
}

/** Splits `ranges` into the ports each accounted port takes and the rest. */
function splitAccounted(
  ranges: readonly PortRange[],
  accounted: ReadonlyMap<number, string>,
): { accounted: Array<[number, string]>; rest: PortRange[] } {
  const hits: Array<[number, string]> = [];
  const rest: PortRange[] = [];
  for (const [a, b] of ranges) {
    let start = a;
    const inside = [...accounted.keys()].filter((p) => p >= a && p <= b).sort((x, y) => x - y);
    for (const p of inside) {
      hits.push([p, accounted.get(p)!]);
      if (p > start) rest.push([start, p - 1]);
      start = p + 1;
    }
    if (start <= b) rest.push([start, b]);
  }
  return { accounted: hits, rest };
}

/**
 * Undeclared (or unknown) rows into one namespace that every other namespace has alike (a
 * namespace no policy isolates) become one row from `*`: the matrix of a cluster without
 * policies stays linear in its namespaces.
 */
function collapseSources(rows: readonly PathRow[], namespaces: readonly string[]): PathRow[] {
  const out: PathRow[] = [];
  const groups = new Map<string, PathRow[]>();
  for (const r of rows) {
    if (r.verdict !== 'undeclared' && r.verdict !== 'unknown') {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.to, r.protocol, r.ports, r.verdict, r.reason ?? '', r.by]);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  for (const group of groups.values()) {
    const froms = new Set(group.map((r) => r.from));
    const every = namespaces.filter((n) => n !== group[0].to).every((n) => froms.has(n));
    if (group.length > 1 && every) out.push({ ...group[0], from: '*' });
    else out.push(...group);
  }
  return out;
}

// Code-unit order, not localeCompare: the same bytes whatever the machine's locale.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The first port of `443`, `1024-65535`; `all` and names after every number. */
const firstPort = (ports: string): number => {
  const n = Number.parseInt(ports, 10);
  return Number.isNaN(n) ? 65536 : n;
};

function sortRows(rows: PathRow[]): PathRow[] {
  return rows.sort(
    (x, y) =>
      VERDICT_ORDER.indexOf(x.verdict) - VERDICT_ORDER.indexOf(y.verdict) ||
      compare(x.from, y.from) ||
      compare(x.to, y.to) ||
      compare(x.protocol, y.protocol) ||
      firstPort(x.ports) - firstPort(y.ports) ||
      compare(x.ports, y.ports),
  );
}

// ---------------------------------------------------------------- AWS

const AWS_PROTOCOLS: ReadonlyArray<readonly [number, string, PortRange]> = [
  [6, 'tcp', [0, 65535]],
  [17, 'udp', [0, 65535]],
  [1, 'icmp', [0, 255]],
];

/** The security groups attached to interface VPC endpoints of the template. */
function endpointGroups(template: Template): Set<string> {
  const out = new Set<string>();
  for (const r of template.resources) {
    if (r.type !== 'AWS::EC2::VPCEndpoint') continue;
    const ids = r.properties.SecurityGroupIds;
    if (Array.isArray(ids)) for (const v of ids) out.add(refTarget(v) ?? '');
  }
  out.delete('');
  return out;
}

/** The longest list a judgment's facts keep. */
const MAX_FACTS = 20;

/** The ids of the entries a model names, without the words it adds (`Sg.SecurityGroupIngress[1] (why)`). */
function entryIds(entries: readonly string[]): string[] {
  return [...new Set(entries.map((e) => e.replace(/ \(.*\)$/, '')))].slice(0, MAX_FACTS);
}

/** The facts of one path row. */
function pathFacts(row: PathRow): Evidence {
  return {
    from: row.from,
    to: row.to,
    protocol: row.protocol,
    ports: row.ports,
    verdict: row.verdict,
    by: row.by.length ? entryIds(row.by) : ['no isolation'],
  };
}

/** The facts of a declared flow and its verdict, with what opens or blocks it. */
function flowFacts(f: PlacedFlow, verdict: FlowRow['verdict'], more: Evidence): Evidence {
  return {
    flow: f.text,
    from: `${f.from.workload}/${f.from.tier}`,
    to: `${f.to.workload}/${f.to.tier}`,
    protocol: 'tcp',
    ports: `${f.port}`,
    verdict,
    ...more,
  };
}

function entryResource(template: Template, id: string): Resource | undefined {
  return template.byId.get(id.split(/[.#]/)[0]);
}

function vpcMatrix(
  template: Template,
  flows: readonly PlacedFlow[],
  hasZone: boolean,
  judgments: PathJudgment[],
): PathMatrix {
  const model = awsModel(template);
  const tiers = [
    ...new Set([...model.subnets.values()].map((s) => s.tier).filter((t): t is string => t !== undefined)),
  ].sort();
  const endpoints = endpointGroups(template);
  const groups = [...model.securityGroups.values()];
  const region = template.stack.region;
  const here = flows.filter((f) => {
    const w = flowWorld(f);
    return w?.world === 'aws' && region !== undefined && w.where === region;
  });
  const rows: PathRow[] = [];
  const problems: PathJudgment[] = [];
  const judged = new Set<Resource>();
  // A group in no tier is unplaced only where the template's subnets are in tiers: without
  // tiers there is no segmentation to place it in (NET-3 and NET-1 judge such templates).
  for (const g of tiers.length ? groups : []) {
    const resource = template.byId.get(g.id);
    if (g.tier !== undefined || !resource) continue;
    problems.push({
      control: 'NET-6',
      world: 'aws',
      status: 'cannot-prove',
      resource,
      facts: { group: g.id, tierTag: false },
      message: {
        en: `security group ${g.id} is in no tier (no sovereign-lz.io/tier tag): its paths are not judged`,
        fr: `le groupe de sécurité ${g.id} n'est dans aucun tiers (pas d'étiquette sovereign-lz.io/tier) : ses chemins ne sont pas jugés`,
      },
    });
  }
  const sources: Array<'internet' | { readonly tier: string }> = [...tiers.map((t) => ({ tier: t })), 'internet'];
  for (const to of tiers) {
    const inTier = groups.filter((g) => g.tier === to);
    const subsets = inTier.length
      ? [inTier.filter((g) => endpoints.has(g.id)), inTier.filter((g) => !endpoints.has(g.id))].filter((s) => s.length)
      : [[]];
    for (const subset of subsets) {
      const withGroups = subset.length > 0;
      const isEndpoints = withGroups && subset.every((g) => endpoints.has(g.id));
      const keep = new Set(subset.map((g) => g.id));
      // The destination's hosts are those of the subset; a source tier's hosts are any of its
      // groups but the endpoints' (an endpoint never opens a connection): a tier whose only
      // groups are endpoints may later hold hosts the artifacts do not show.
      const filtered: AwsModel = withGroups
        ? {
            ...model,
            securityGroups: new Map(
              [...model.securityGroups].filter(([id, g]) => (g.tier === to ? keep.has(id) : !endpoints.has(id))),
            ),
          }
        : model;
      for (const r of subset) {
        const resource = template.byId.get(r.id);
        if (resource) judged.add(resource);
      }
      for (const from of sources) {
        const fromName = from === 'internet' ? 'internet' : from.tier;
        if (fromName === to) continue;
        for (const [protocol, name, space] of AWS_PROTOCOLS) {
          const reach = protocolReach(filtered, from, to, protocol, withGroups);
          const accounted = new Map<number, string>();
          if (protocol === 6) {
            if (isEndpoints && from !== 'internet') accounted.set(443, 'built-in: VPC endpoints (NET-5)');
            // The public tier is the entry: HTTPS, and HTTP which NET-1 admits there for a redirect
            // to HTTPS (ENC-2 judges the listener), from the internet and from the tiers alike.
            if (to === 'public' && !isEndpoints) {
              accounted.set(443, 'built-in: HTTPS entry');
              accounted.set(80, 'built-in: HTTP entry, redirected to HTTPS');
            }
            if (!isEndpoints)
              for (const f of here)
                if (f.from.tier === fromName && f.to.tier === to) accounted.set(f.port, `flow ${f.text}`);
          }
          const target = isEndpoints ? `${to} (VPC endpoints)` : to;
          for (const kind of ['allowed', 'unknown'] as const) {
            const set: PortSet = reach[kind];
            if (!set.ranges.length) continue;
            const answerAt = (port: number) =>
              reach.ranges.find((x) => x.ports[0] <= port && port <= x.ports[1])?.answer;
            const split = withGroups ? splitAccounted(set.ranges, accounted) : { accounted: [], rest: set.ranges };
            for (const [port, reason] of split.accounted)
              rows.push({
                from: fromName,
                to: target,
                protocol: name,
                ports: `${port}`,
                verdict: kind === 'allowed' ? (reason.startsWith('flow') ? 'flow' : 'built-in') : 'unknown',
                reason,
                by: answerAt(port)?.by ?? [],
              });
            for (const range of split.rest) {
              const answer = answerAt(range[0]);
              const by = kind === 'allowed' ? (answer?.by ?? []) : (answer?.unknown ?? []);
              const verdict: PathVerdict = !withGroups ? 'network-only' : kind === 'allowed' ? 'undeclared' : 'unknown';
              const row: PathRow = {
                from: fromName,
                to: target,
                protocol: name,
                ports: rangeText(range, space),
                verdict,
                by,
              };
              rows.push(row);
              if (!withGroups) continue;
              const located =
                by
                  .map((id) => entryResource(template, id))
                  .find((r) => r?.type.startsWith('AWS::EC2::SecurityGroup')) ??
                by.map((id) => entryResource(template, id)).find((r) => r !== undefined) ??
                template.byId.get(subset[0].id);
              const what = `${fromName} -> ${target} ${name} ${row.ports}`;
              problems.push({
                control: 'NET-6',
                world: 'aws',
                status: kind === 'allowed' && hasZone ? 'fail' : 'cannot-prove',
                resource: located,
                facts: pathFacts(row),
                message:
                  kind === 'allowed' && !hasZone
                    ? {
                        en: `path ${what} is open (${by.join(', ')}) and no landing-zone.json among the inputs declares the flows`,
                        fr: `le chemin ${what} est ouvert (${by.join(', ')}) et aucun landing-zone.json parmi les entrées ne déclare les flux`,
                      }
                    : kind === 'allowed'
                      ? {
                          en: `undeclared path ${what}, opened by ${by.join(', ')}: no declared flow or built-in accounts for it`,
                          fr: `chemin non déclaré ${what}, ouvert par ${by.join(', ')} : aucun flux déclaré ni usage intégré ne l'explique`,
                        }
                      : {
                          en: `path ${what} may open: the template does not fix ${by.join(', ') || 'every value'}`,
                          fr: `le chemin ${what} est peut-être ouvert : le modèle ne fixe pas ${by.join(', ') || 'toutes les valeurs'}`,
                        },
              });
            }
          }
        }
      }
    }
  }
  if (!problems.some((p) => p.control === 'NET-6'))
    for (const resource of judged) judgments.push({ control: 'NET-6', world: 'aws', status: 'pass', resource });
  judgments.push(...problems);

  // NET-7: each declared flow between tiers of this VPC passes every layer.
  const flowRows: FlowRow[] = [];
  for (const f of here) {
    const answer = awsCanReach(model, {
      from: { tier: f.from.tier },
      to: { tier: f.to.tier },
      protocol: 'tcp',
      port: f.port,
    });
    const anchor =
      [...model.subnets.values()]
        .filter((s) => s.tier === f.to.tier)
        .map((s) => template.byId.get(typeof s.acl === 'string' ? s.acl : ''))
        .find((r) => r !== undefined) ?? template.byId.get([...model.subnets.keys()][0] ?? '');
    if (answer.allowed === true) {
      flowRows.push({ flow: f.text, verdict: 'open', detail: answer.by.join(', ') });
      judgments.push({
        control: 'NET-7',
        world: 'aws',
        status: 'pass',
        facts: flowFacts(f, 'open', { by: entryIds(answer.by) }),
        // On the destination's security group when one admits it, else on the destination's ACL.
        resource:
          answer.by
            .map((id) => entryResource(template, id))
            .find((r) => r?.type.startsWith('AWS::EC2::SecurityGroup')) ?? anchor,
      });
    } else if (answer.allowed === false) {
      const entry = answer.blockedBy?.entry;
      const layer = answer.blockedBy?.layer ?? 'route';
      const detail = answer.blockedBy
        ? `${layer}${entry ? ` (${entry})` : ''}`
        : `no subnet of tier ${[f.from.tier, f.to.tier].find((t) => !tiers.includes(t)) ?? f.to.tier}`;
      flowRows.push({ flow: f.text, verdict: 'blocked', detail });
      const missing = [f.from.tier, f.to.tier].find((t) => !tiers.includes(t)) ?? f.to.tier;
      judgments.push({
        control: 'NET-7',
        world: 'aws',
        status: 'fail',
        facts: flowFacts(
          f,
          'blocked',
          answer.blockedBy ? { layer, ...(entry ? { entry } : {}) } : { layer: 'subnet', missing },
        ),
        resource: (entry ? entryResource(template, entry) : undefined) ?? anchor,
        message: {
          en: `declared flow ${f.text} (tcp) is blocked by ${detail}`,
          fr: `le flux déclaré ${f.text} (tcp) est bloqué par ${detail}`,
        },
      });
    } else {
      const why = (answer.unknown ?? []).join(', ');
      flowRows.push({ flow: f.text, verdict: 'unknown', detail: why });
      judgments.push({
        control: 'NET-7',
        world: 'aws',
        status: 'cannot-prove',
        facts: flowFacts(f, 'unknown', { unknown: entryIds(answer.unknown ?? []) }),
        resource: anchor,
        message: {
          en: `declared flow ${f.text} (tcp) may be blocked: the template does not fix ${why || 'every value'}`,
          fr: `le flux déclaré ${f.text} (tcp) est peut-être bloqué : le modèle ne fixe pas ${why || 'toutes les valeurs'}`,
        },
      });
    }
  }
  const vpcs = [...model.vpcs.keys()].sort();
  return {
    world: 'aws',
    name: `${template.stack.name ?? template.file}${vpcs.length ? ` (VPC ${vpcs.join(', ')})` : ''}`,
    place: region !== undefined ? `aws:${region}` : '?',
    file: template.file,
    rows: sortRows(rows),
    flows: flowRows,
  };
}

// ---------------------------------------------------------------- Kubernetes

const DNS_NAMESPACE = 'kube-system';

function portsText(ports: 'all' | readonly CompiledPort[]): { protocol: string; ports: string }[] {
  if (ports === 'all') return [{ protocol: 'any', ports: 'all' }];
  return ports.map((p) => ({
    protocol: p.protocol === 'unknown' ? '?' : p.protocol,
    ports:
      p.port.kind === 'all'
        ? 'all'
        : p.port.kind === 'range'
          ? p.port.from === p.port.to
            ? `${p.port.from}`
            : `${p.port.from}-${p.port.to}`
          : p.port.kind === 'named'
            ? p.port.name
            : '?',
  }));
}

function clusterMatrix(
  cluster: string,
  resources: readonly Resource[],
  input: CheckInput,
  flows: readonly PlacedFlow[],
  judgments: PathJudgment[],
): PathMatrix {
  const reach: KubernetesReachability = kubernetesReachability(resources, { cluster, externalIpBlocks: true });
  const model = reach.model;
  const byId = new Map(resources.map((r) => [r.id, r]));
  const policies = new Map(model.policies.map((p) => [p.id, p.resource]));
  const policyResource = (policy: string) => byId.get(policies.get(policy) ?? '');
  const namespaces = new Map<string, Resource>();
  for (const r of resources) {
    const name = r.type === K8S.namespace ? nameOf(r) : undefined;
    if (name !== undefined && !namespaces.has(name)) namespaces.set(name, r);
  }
  const namespaceResource = (name: string) => namespaces.get(name);
  const zone = input.zone;
  const declared = new Set([...model.namespaces.values()].filter((n) => n.declared).map((n) => n.name));
  const namespaceOf = (end: PlacedFlow['from']) => `${end.workload}-${end.tier}`;
  // The site is the stack name of the cluster's objects (a Terraform stack per site), as DEP-7 reads it.
  const site = resources[0]?.template.stack.name;
  // The flows built here: on this site, or (a site not known) between namespaces of this cluster.
  const here = flows.filter((f) => {
    const w = flowWorld(f);
    if (w?.world !== 'kubernetes') return false;
    return site !== undefined && zone?.sites.includes(site)
      ? w.where === site
      : declared.has(namespaceOf(f.from)) && declared.has(namespaceOf(f.to));
  });
  const rows: PathRow[] = [];
  const problems: PathJudgment[] = [];
  const open = new Map<
    string,
    { to: string; sure: boolean; paths: string[]; by: Set<string>; opening: string | undefined }
  >();
  for (const r of reach.namespaces) {
    if (r.fromNamespace === r.toNamespace) continue;
    const accounted = new Map<number, string>();
    if (r.toNamespace === DNS_NAMESPACE && (r.protocol === 'TCP' || r.protocol === 'UDP'))
      accounted.set(53, 'built-in: DNS');
    if (r.protocol === 'TCP')
      for (const f of here)
        if (namespaceOf(f.from) === r.fromNamespace && namespaceOf(f.to) === r.toNamespace)
          accounted.set(f.port, `flow ${f.text}`);
    const split = splitAccounted([[r.from, r.to]], accounted);
    for (const [port, reason] of split.accounted)
      rows.push({
        from: r.fromNamespace,
        to: r.toNamespace,
        protocol: r.protocol,
        ports: `${port}`,
        // Accounted for whether or not it surely opens (an undeclared namespace's pods are unknown).
        verdict: reason.startsWith('flow') ? 'flow' : 'built-in',
        reason,
        by: r.by,
      });
    for (const range of split.rest) {
      const ports = rangeText(range, [1, 65535]);
      const sure = r.allowed === true;
      rows.push({
        from: r.fromNamespace,
        to: r.toNamespace,
        protocol: r.protocol,
        ports,
        verdict: sure ? 'undeclared' : 'unknown',
        by: r.by,
      });
      // The entry that opens it: the destination's ingress policy, else the source's egress.
      const opening =
        r.by.find((p) => p.startsWith(`${r.toNamespace}/`)) ??
        r.by.find((p) => p.startsWith(`${r.fromNamespace}/`)) ??
        r.by[0];
      const key = `${r.toNamespace}\n${sure}`;
      const group = open.get(key) ?? { to: r.toNamespace, sure, paths: [], by: new Set<string>(), opening };
      group.paths.push(`${r.fromNamespace} -> ${r.toNamespace} ${r.protocol} ${ports}`);
      for (const b of r.by) group.by.add(b);
      open.set(key, group);
    }
  }
  // One finding per destination namespace (and certainty), however many sources reach it: a
  // namespace without policies is open to every other, a defect NET-4 names once.
  for (const g of open.values()) {
    const list = g.paths.length > 5 ? `${g.paths.slice(0, 5).join('; ')}; … ${g.paths.length - 5}` : g.paths.join('; ');
    const what =
      g.paths.length === 1
        ? { en: `path ${g.paths[0]}`, fr: `le chemin ${g.paths[0]}` }
        : {
            en: `${g.paths.length} paths into ${g.to} (${list})`,
            fr: `${g.paths.length} chemins vers ${g.to} (${list})`,
          };
    const by = [...g.by].sort();
    const opened = by.length > 5 ? `${by.slice(0, 5).join(', ')}, … ${by.length - 5}` : by.join(', ');
    const withoutZone = !zone;
    problems.push({
      control: 'NET-6',
      world: 'kubernetes',
      status: g.sure && !withoutZone ? 'fail' : 'cannot-prove',
      resource: (g.opening ? policyResource(g.opening) : undefined) ?? namespaceResource(g.to),
      subject: `cluster/${site ?? cluster}`,
      facts: {
        to: g.to,
        verdict: g.sure ? 'undeclared' : 'unknown',
        paths: g.paths.slice(0, MAX_FACTS),
        pathCount: g.paths.length,
        by: by.length ? by.slice(0, MAX_FACTS) : ['no isolation'],
      },
      message: !g.sure
        ? {
            en: `${what.en} may be open (${opened || 'no policy isolates it'}): the objects do not tell`,
            fr: `${what.fr} : peut-être ouvert (${opened || "aucune politique ne l'isole"}), les objets ne le disent pas`,
          }
        : withoutZone
          ? {
              en: `${what.en} ${g.paths.length === 1 ? 'is' : 'are'} open (${opened || 'no policy isolates it'}) and no landing-zone.json among the inputs declares the flows`,
              fr: `${what.fr} : ouvert (${opened || "aucune politique ne l'isole"}) et aucun landing-zone.json parmi les entrées ne déclare les flux`,
            }
          : {
              en: `undeclared ${what.en}, opened by ${opened || 'the absence of a default-deny policy'}: no declared flow or built-in accounts for it`,
              fr: `${what.fr} : non déclaré, ouvert par ${opened || "l'absence de politique de refus par défaut"} ; aucun flux déclaré ni usage intégré ne l'explique`,
            },
    });
  }
  // Egress to addresses: sensitive namespaces reach nothing outside the site but their log sink.
  const workloads = new Map(resources.filter((r) => WORKLOAD_TYPES.includes(r.type)).map((r) => [r.id, r]));
  for (const e of reach.egressToAddresses) {
    if (!declared.has(e.namespace)) continue;
    const level = model.namespaces.get(e.namespace)?.classification;
    const sensitive =
      level !== undefined &&
      isClassificationLevel(level) &&
      classificationRank(level) >= classificationRank('sensitive');
    const to =
      e.to === 'any'
        ? 'any address'
        : e.to.map((b) => (b.except.length ? `${b.cidr} except ${b.except.join(' ')}` : b.cidr)).join(', ');
    let reason: string | undefined;
    if (e.to !== 'any' && e.allowed === true) {
      const forwarders = e.pods.map((id) => workloads.get(id));
      const sinks = forwarders.every((w) => w !== undefined && isLogForwarder(w, input))
        ? forwarders.flatMap((w) => forwarderSinks(w!, input).sinks)
        : [];
      // Whether the sink is on allowlists.logSinks is RES-3's to judge (RES-3/log-sink-allowlisted).
      const allowed = sinks.length > 0;
      const sinkPorts = new Set(sinks.map((s) => s.port));
      const portsOk =
        e.ports !== 'all' &&
        e.ports.every(
          (p) =>
            sinkPorts.has(undefined) ||
            (p.port.kind === 'range' && p.port.from === p.port.to && sinkPorts.has(p.port.from)),
        );
      if (allowed && portsOk) reason = `built-in: log sink ${sinks.map((s) => s.text).join(', ')} (RES-3 judges it)`;
    }
    const verdict: PathVerdict = reason
      ? 'built-in'
      : !sensitive
        ? 'permitted'
        : e.allowed === true
          ? 'undeclared'
          : 'unknown';
    for (const { protocol, ports } of portsText(e.ports))
      rows.push({
        from: e.namespace,
        to,
        protocol,
        ports,
        verdict,
        ...(reason ? { reason } : {}),
        by: e.by ? [e.by] : [],
      });
    if (verdict !== 'undeclared' && verdict !== 'unknown') continue;
    const via = e.by ?? 'no egress isolation';
    problems.push({
      control: 'NET-6',
      world: 'kubernetes',
      status: verdict === 'undeclared' ? 'fail' : 'cannot-prove',
      resource: (e.by ? policyResource(e.by) : undefined) ?? namespaceResource(e.namespace),
      facts: {
        from: e.namespace,
        to,
        ports: portsText(e.ports).map((p) => `${p.protocol} ${p.ports}`),
        verdict,
        by: via,
        ...(level ? { level } : {}),
      },
      message: {
        en: `${level} namespace ${e.namespace} may reach ${to} outside the cluster (${via}): only a log forwarder's egress to its sink is a built-in; keep sensitive egress inside the site`,
        fr: `l'espace de noms ${level} ${e.namespace} peut joindre ${to} hors du cluster (${via}) : seule la sortie d'un transmetteur de journaux vers sa destination est un usage intégré ; gardez les sorties sensibles dans le site`,
      },
    });
  }
  if (!problems.length)
    for (const p of model.policies) {
      const resource = byId.get(p.resource);
      if (resource) judgments.push({ control: 'NET-6', world: 'kubernetes', status: 'pass', resource });
    }
  judgments.push(...problems);

  // NET-7: each declared flow between namespaces of this cluster passes egress and ingress.
  const flowRows: FlowRow[] = [];
  for (const f of here) {
    const fromNamespace = namespaceOf(f.from);
    const toNamespace = namespaceOf(f.to);
    const missing = [fromNamespace, toNamespace].find((n) => !declared.has(n));
    if (missing !== undefined) {
      flowRows.push({ flow: f.text, verdict: 'blocked', detail: `no namespace ${missing}` });
      judgments.push({
        control: 'NET-7',
        world: 'kubernetes',
        status: 'fail',
        facts: flowFacts(f, 'blocked', { layer: 'namespace', missing }),
        resource: namespaceResource(missing === fromNamespace ? toNamespace : fromNamespace),
        subject: `cluster/${site ?? cluster}`,
        message: {
          en: `declared flow ${f.text} cannot open: the site's objects have no namespace ${missing}`,
          fr: `le flux déclaré ${f.text} ne peut s'ouvrir : les objets du site n'ont pas d'espace de noms ${missing}`,
        },
      });
      continue;
    }
    const answer = kubernetesCanReach(model, { fromNamespace, toNamespace, protocol: 'TCP', port: f.port });
    const anchor = namespaceResource(toNamespace);
    if (answer.allowed === true) {
      flowRows.push({ flow: f.text, verdict: 'open', detail: answer.by.join(', ') });
      const ingress = answer.by.find((p) => p.startsWith(`${toNamespace}/`));
      judgments.push({
        control: 'NET-7',
        world: 'kubernetes',
        status: 'pass',
        facts: flowFacts(f, 'open', { by: answer.by }),
        resource: (ingress ? policyResource(ingress) : undefined) ?? anchor,
      });
    } else if (answer.allowed === false) {
      const blocked = answer.blockedBy;
      const side = blocked?.layer === 'egress' ? fromNamespace : toNamespace;
      const detail = `${blocked?.layer ?? 'ingress'} of ${side}${blocked?.policy ? ` (${blocked.policy} isolates it and no rule allows TCP ${f.port})` : ''}`;
      flowRows.push({ flow: f.text, verdict: 'blocked', detail });
      judgments.push({
        control: 'NET-7',
        world: 'kubernetes',
        status: 'fail',
        facts: flowFacts(f, 'blocked', {
          layer: blocked?.layer ?? 'ingress',
          namespace: side,
          ...(blocked?.policy ? { policy: blocked.policy } : {}),
        }),
        resource: (blocked?.policy ? policyResource(blocked.policy) : undefined) ?? namespaceResource(side) ?? anchor,
        message: {
          en: `declared flow ${f.text} (TCP) is blocked by the ${detail}`,
          fr: `le flux déclaré ${f.text} (TCP) est bloqué par ${blocked?.layer === 'egress' ? 'la sortie' : "l'entrée"} de ${side}${blocked?.policy ? ` (${blocked.policy} l'isole et aucune règle n'autorise TCP ${f.port})` : ''}`,
        },
      });
    } else {
      const why = (answer.uncertain ?? []).join(', ');
      flowRows.push({ flow: f.text, verdict: 'unknown', detail: why });
      judgments.push({
        control: 'NET-7',
        world: 'kubernetes',
        status: 'cannot-prove',
        facts: flowFacts(f, 'unknown', { unknown: (answer.uncertain ?? []).slice(0, MAX_FACTS) }),
        resource: anchor,
        message: {
          en: `declared flow ${f.text} (TCP) may be blocked: ${why || 'the objects do not tell'}`,
          fr: `le flux déclaré ${f.text} (TCP) est peut-être bloqué : ${why || 'les objets ne le disent pas'}`,
        },
      });
    }
  }
  return {
    world: 'kubernetes',
    name: site ?? cluster,
    file: resources[0]?.file ?? cluster,
    rows: sortRows(collapseSources(rows, [...model.namespaces.keys()])),
    flows: flowRows,
    place: site !== undefined ? `site:${site}` : '?',
  };
}

// ---------------------------------------------------------------- the input

const CACHE = new WeakMap<CheckInput, NetworkPaths>();

/**
 * The path matrices of the input (each template with subnets, each cluster) and the NET-6 and
 * NET-7 verdicts on them, computed once per input (the four rules and the reports share them).
 */
export function networkPaths(input: CheckInput): NetworkPaths {
  const cached = CACHE.get(input);
  if (cached) return cached;
  const flows = placedFlows(input.zone);
  const judgments: PathJudgment[] = [];
  const matrices: PathMatrix[] = [];
  for (const template of input.templates) {
    // Paths run between the tiers of subnets: a template without subnets has none to judge.
    if (!template.resources.some((r) => r.type === 'AWS::EC2::Subnet')) continue;
    matrices.push(vpcMatrix(template, flows, input.zone !== undefined, judgments));
  }
  const clusters = new Map<string, Resource[]>();
  for (const t of input.templates)
    for (const r of t.resources)
      if (r.kubernetes) {
        const list = clusters.get(r.kubernetes.cluster) ?? [];
        list.push(r);
        clusters.set(r.kubernetes.cluster, list);
      }
  for (const [cluster, resources] of [...clusters].sort(([a], [b]) => compare(a, b))) {
    if (!resources.some((r) => r.type === K8S.namespace || r.type === K8S.networkPolicy)) continue;
    matrices.push(clusterMatrix(cluster, resources, input, flows, judgments));
  }
  // Flows that leave a VPC or a site cross gateways the zone does not build: declared, once.
  for (const f of flows) {
    if (flowWorld(f)) continue;
    const via = `${f.from.place} -> ${f.to.place}`;
    judgments.push({
      control: 'NET-7',
      world: f.to.place.startsWith('aws:') ? 'aws' : 'kubernetes',
      status: 'declared',
      subject: `flow/${f.text}`,
      facts: flowFacts(f, 'declared', { fromPlace: f.from.place, toPlace: f.to.place }),
      message: {
        en: `declared flow ${f.text} leaves its place (${via}) through gateways the zone does not build: open it there (see docs/landing-zone.md)`,
        fr: `le flux déclaré ${f.text} quitte son emplacement (${via}) par des passerelles que la zone ne construit pas : ouvrez-le là (voir docs/landing-zone.md)`,
      },
    });
    for (const m of matrices)
      if ([f.from.place, f.to.place].includes(m.place))
        (m.flows as FlowRow[]).push({ flow: f.text, verdict: 'declared', detail: via });
  }
  const result = { matrices, judgments };
  CACHE.set(input, result);
  return result;
}
