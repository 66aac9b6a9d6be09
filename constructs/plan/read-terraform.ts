import { join } from 'node:path';
import {
  isClassificationLevel,
  LOG_FORWARDER_ANNOTATIONS,
  mostRestricted,
  NAMESPACE_NAME_LABEL,
  SovereignLzError,
  TAG_KEYS,
  TOPOLOGY_KEYS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type Site,
} from '../core';
import { readJsonFile } from '../compliance/read/cloud-assembly';
import { field, K8S, listField, mapField, WORKLOAD_POD_SPECS } from '../compliance/normalize/kubernetes-facts';
import { isJsonObject, type KubernetesEntry } from '../compliance/read/kubernetes-source';
import { allowlistedSink, parseSink } from '../compliance/rules/log-forwarders';
import { readTerraformJson } from '../compliance/read/terraform-json';
import type { ClusterTarget, Endpoint, Flow, PlannedNamespace } from './model';
import type { PlanReadContext } from './read-aws';
import { planWords } from './plan-words';

/**
 * Reads the Terraform units of a cdktf output (`kubernetes/manifest.json` and its
 * `stacks/<name>/cdk.tf.json`): the cluster each applies to (the providers' `config_context`,
 * and the declared site its workloads are confined to by required node affinity), the
 * namespaces and workloads it creates, and the data flows its objects show: NetworkPolicies
 * between namespaces (TierFlow), log forwarders' sinks, and backup schedules' locations.
 */

type Json = Record<string, unknown>;

/** A Terraform unit as read, before it is ordered and judged. */
export interface TerraformUnit {
  readonly id: string;
  readonly target: ClusterTarget;
  readonly classification: ClassificationLevel | null;
  readonly jurisdiction: string | null;
  readonly resources: number;
  /** The `cdk.tf.json`, relative to the output directory. */
  readonly artifact: string;
  /** The directory Terraform runs in, relative to the output directory. */
  readonly workingDirectory: string;
  readonly dependsOn: readonly string[];
  readonly namespaces: readonly PlannedNamespace[];
  /** Flows without `crossesBoundary` (the plan decides it). */
  readonly flows: readonly Omit<Flow, 'crossesBoundary'>[];
  readonly endpoints: readonly Endpoint[];
}

const WORKLOAD_TYPES = Object.keys(WORKLOAD_POD_SPECS);

function labelsOf(entry: KubernetesEntry): Record<string, unknown> {
  return { ...mapField(entry.properties, 'metadata', 'labels') };
}

function nameOf(entry: KubernetesEntry): string | undefined {
  const name = field(entry.properties, 'metadata', 'name');
  return typeof name === 'string' ? name : undefined;
}

function namespaceOf(entry: KubernetesEntry): string | undefined {
  const ns = entry.placement?.namespace;
  return typeof ns === 'string' ? ns : undefined;
}

function podSpec(entry: KubernetesEntry): unknown {
  const path = WORKLOAD_POD_SPECS[entry.type];
  return path ? field(entry.properties, ...path) : undefined;
}

/** The `config_context` of each Kubernetes provider block (an object, or a list of them). */
function contextsOf(doc: Json): string[] {
  const providers = isJsonObject(doc.provider) ? doc.provider.kubernetes : undefined;
  const blocks = Array.isArray(providers) ? providers : providers === undefined ? [] : [providers];
  return [
    ...new Set(
      blocks
        .filter(isJsonObject)
        .map((b) => b.config_context)
        .filter((c): c is string => typeof c === 'string'),
    ),
  ].sort();
}

/** The topology values a workload's pods are required to run on (required node affinity, node selector). */
function requiredTopology(entry: KubernetesEntry): { key: string; value: string }[] {
  const spec = podSpec(entry);
  const found: { key: string; value: string }[] = [];
  const terms = listField(
    spec,
    'affinity',
    'nodeAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
    'nodeSelectorTerms',
  );
  for (const term of terms) {
    for (const e of listField(term, 'matchExpressions')) {
      if (e.operator !== 'In' || typeof e.key !== 'string' || !Array.isArray(e.values)) continue;
      for (const value of e.values) if (typeof value === 'string') found.push({ key: e.key, value });
    }
  }
  for (const [key, value] of Object.entries(mapField(spec, 'nodeSelector'))) {
    if (typeof value === 'string') found.push({ key, value });
  }
  return found;
}

/** The sites the workloads are confined to, or else a site named like a provider's context. */
function siteOf(entries: readonly KubernetesEntry[], contexts: readonly string[], sites: readonly Site[]): Site | null {
  const matched = new Set<Site>();
  for (const entry of entries.filter((e) => WORKLOAD_TYPES.includes(e.type))) {
    for (const { key, value } of requiredTopology(entry)) {
      const site = sites.find(
        (s) =>
          (key === TOPOLOGY_KEYS.region && s.regionValues.includes(value)) ||
          (key === TOPOLOGY_KEYS.zone && s.zoneValues.includes(value)),
      );
      if (site) matched.add(site);
    }
  }
  if (matched.size === 1) return [...matched][0];
  if (matched.size > 1) return null;
  const named = sites.filter((s) => contexts.includes(s.name));
  return named.length === 1 ? named[0] : null;
}

function clusterTarget(contexts: readonly string[], site: Site | null): ClusterTarget {
  const target = {
    kind: 'kubernetes' as const,
    contexts,
    site: site?.name ?? null,
    country: site?.country ?? null,
    operator: site?.operator ?? null,
  };
  return { ...target, description: planWords('en').target({ target }) };
}

/** Namespace names a peer's `namespaceSelector` selects by name (`kubernetes.io/metadata.name`). */
function selectedNamespaces(peer: Json): string[] {
  const selector = peer.namespaceSelector;
  if (!isJsonObject(selector)) return [];
  const names: string[] = [];
  const byLabel = mapField(selector, 'matchLabels')[NAMESPACE_NAME_LABEL];
  if (typeof byLabel === 'string') names.push(byLabel);
  for (const e of listField(selector, 'matchExpressions')) {
    if (e.key === NAMESPACE_NAME_LABEL && e.operator === 'In' && Array.isArray(e.values)) {
      names.push(...e.values.filter((v): v is string => typeof v === 'string'));
    }
  }
  return names;
}

function portsOf(rule: Json): string[] {
  return listField(rule, 'ports').map((p) => {
    const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    return p.port === undefined ? protocol : `${protocol} ${String(p.port)}`;
  });
}

/** Collects flows, merging those with the same kind and ends. */
class FlowSet {
  private readonly flows = new Map<string, { flow: Omit<Flow, 'crossesBoundary'>; sets: Set<string>[] }>();

  add(flow: Omit<Flow, 'crossesBoundary'>): void {
    const key = JSON.stringify([flow.kind, flow.from, flow.to]);
    const existing = this.flows.get(key);
    if (!existing) {
      this.flows.set(key, { flow, sets: [new Set(flow.ports), new Set(flow.cidrs), new Set(flow.evidence)] });
      return;
    }
    flow.ports.forEach((p) => existing.sets[0].add(p));
    flow.cidrs.forEach((c) => existing.sets[1].add(c));
    flow.evidence.forEach((e) => existing.sets[2].add(e));
  }

  list(): Omit<Flow, 'crossesBoundary'>[] {
    return [...this.flows.values()].map(({ flow, sets: [ports, cidrs, evidence] }) => ({
      ...flow,
      ports: [...ports].sort(),
      cidrs: [...cidrs].sort(),
      evidence: [...evidence].sort(),
    }));
  }
}

interface FlowContext {
  readonly unit: string;
  readonly namespaces: ReadonlySet<string>;
  readonly profile: JurisdictionProfile;
  readonly flows: FlowSet;
  readonly endpoints: Map<string, Endpoint>;
}

function endpoint(ctx: FlowContext, kind: Endpoint['kind'], name: string, allowlisted: boolean): string {
  const prefix = kind === 'log-sink' ? 'log-sink' : kind === 'backup-location' ? 'backup' : 'cidr';
  const id = `${prefix}:${name}`;
  ctx.endpoints.set(id, { id, kind, name, allowlisted, residency: allowlisted ? 'national' : 'unknown' });
  return id;
}

/** Log forwarders of the unit, by namespace: the sink endpoint and its port. */
function logSinks(entries: readonly KubernetesEntry[], ctx: FlowContext): Map<string, { id: string; port?: string }[]> {
  const byNamespace = new Map<string, { id: string; port?: string }[]>();
  for (const entry of entries.filter((e) => WORKLOAD_TYPES.includes(e.type))) {
    const ns = namespaceOf(entry);
    const text = mapField(entry.properties, 'metadata', 'annotations')[LOG_FORWARDER_ANNOTATIONS.sink];
    const sink = typeof text === 'string' ? parseSink(text) : undefined;
    if (!ns || !sink) continue;
    const allowed = allowlistedSink(sink, ctx.profile.allowlists.logSinks) !== undefined;
    const id = endpoint(ctx, 'log-sink', sink.host, allowed);
    const list = byNamespace.get(ns) ?? [];
    list.push({ id, port: sink.port === undefined ? undefined : `TCP ${sink.port}` });
    byNamespace.set(ns, list);
    ctx.flows.add({
      kind: 'logs',
      from: { unit: ctx.unit, namespace: ns },
      to: { endpoint: id },
      ports: sink.port === undefined ? [] : [`TCP ${sink.port}`],
      cidrs: [],
      evidence: [`${entry.type.split('/').pop()} ${ns}/${nameOf(entry) ?? entry.id}`],
    });
  }
  return byNamespace;
}

/** NetworkPolicies: namespace-to-namespace flows, and egress to network blocks (a log sink's, if the namespace forwards logs). */
function networkFlows(entries: readonly KubernetesEntry[], ctx: FlowContext): void {
  const sinks = logSinks(entries, ctx);
  for (const entry of entries.filter((e) => e.type === K8S.networkPolicy)) {
    const ns = namespaceOf(entry);
    if (!ns || !ctx.namespaces.has(ns)) continue;
    const evidence = [`NetworkPolicy ${ns}/${nameOf(entry) ?? entry.id}`];
    for (const rule of listField(entry.properties, 'spec', 'egress')) {
      const ports = portsOf(rule);
      for (const peer of listField(rule, 'to')) {
        for (const target of selectedNamespaces(peer).filter((n) => ctx.namespaces.has(n) && n !== ns)) {
          ctx.flows.add({
            kind: 'network',
            from: { unit: ctx.unit, namespace: ns },
            to: { unit: ctx.unit, namespace: target },
            ports,
            cidrs: [],
            evidence,
          });
        }
        const cidr = field(peer, 'ipBlock', 'cidr');
        if (typeof cidr !== 'string') continue;
        const sink = sinks.get(ns)?.find((s) => s.port === undefined || ports.length === 0 || ports.includes(s.port));
        ctx.flows.add(
          sink
            ? {
                kind: 'logs',
                from: { unit: ctx.unit, namespace: ns },
                to: { endpoint: sink.id },
                ports,
                cidrs: [cidr],
                evidence,
              }
            : {
                kind: 'network',
                from: { unit: ctx.unit, namespace: ns },
                to: { endpoint: endpoint(ctx, 'network', cidr, false) },
                ports,
                cidrs: [cidr],
                evidence,
              },
        );
      }
    }
    for (const rule of listField(entry.properties, 'spec', 'ingress')) {
      for (const peer of listField(rule, 'from')) {
        for (const source of selectedNamespaces(peer).filter((n) => ctx.namespaces.has(n) && n !== ns)) {
          ctx.flows.add({
            kind: 'network',
            from: { unit: ctx.unit, namespace: source },
            to: { unit: ctx.unit, namespace: ns },
            ports: portsOf(rule),
            cidrs: [],
            evidence,
          });
        }
      }
    }
  }
}

/** Backup schedules (Velero): each included namespace of the unit flows to the storage location. */
function backupFlows(entries: readonly KubernetesEntry[], ctx: FlowContext): void {
  for (const entry of entries.filter((e) => e.type === K8S.veleroSchedule)) {
    const location = field(entry.properties, 'spec', 'template', 'storageLocation');
    const name = typeof location === 'string' ? location : 'default';
    const included = field(entry.properties, 'spec', 'template', 'includedNamespaces');
    const namespaces = Array.isArray(included) ? included.filter((n): n is string => ctx.namespaces.has(n)) : [];
    if (!namespaces.length) continue;
    const id = endpoint(ctx, 'backup-location', name, ctx.profile.allowlists.backupLocations.includes(name));
    for (const ns of namespaces) {
      ctx.flows.add({
        kind: 'backup',
        from: { unit: ctx.unit, namespace: ns },
        to: { endpoint: id },
        ports: [],
        cidrs: [],
        evidence: [`Schedule ${namespaceOf(entry) ?? ''}/${nameOf(entry) ?? entry.id}`.replace(' /', ' ')],
      });
    }
  }
}

function namespacesOf(entries: readonly KubernetesEntry[]): PlannedNamespace[] {
  const workloads = new Map<string, string[]>();
  for (const entry of entries.filter((e) => WORKLOAD_TYPES.includes(e.type))) {
    const ns = namespaceOf(entry);
    if (!ns) continue;
    workloads.set(ns, [...(workloads.get(ns) ?? []), `${entry.type.split('/').pop()}/${nameOf(entry) ?? entry.id}`]);
  }
  return entries
    .filter((e) => e.type === K8S.namespace && nameOf(e) !== undefined)
    .map((e) => {
      const labels = labelsOf(e);
      const level = labels[TAG_KEYS.classification];
      const str = (v: unknown) => (typeof v === 'string' ? v : null);
      return {
        name: nameOf(e)!,
        classification: isClassificationLevel(level) ? level : null,
        tier: str(labels[TAG_KEYS.tier]),
        purpose: str(labels[TAG_KEYS.purpose]),
        workloads: (workloads.get(nameOf(e)!) ?? []).sort(),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function readStack(name: string, stack: Json, ctx: PlanReadContext, profile: JurisdictionProfile): TerraformUnit {
  const path = stack.synthesizedStackPath;
  if (typeof path !== 'string') {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `kubernetes/manifest.json: stack '${name}' has no synthesizedStackPath`,
    );
  }
  const artifact = `kubernetes/${path.replace(/^\.\//, '')}`;
  const doc = readJsonFile(join(ctx.outDir, artifact), { cwd: ctx.cwd });
  if (!isJsonObject(doc)) throw new SovereignLzError('INPUT_INVALID', `${artifact}: Terraform JSON must be an object`);
  const source = readTerraformJson(doc, { file: artifact, stackName: name });
  const entries = source.entries;
  const contexts = contextsOf(doc);
  const site = siteOf(entries, contexts, profile.sites);
  const namespaces = namespacesOf(entries);
  const labels = entries.map(labelsOf);
  const levels = labels.map((l) => l[TAG_KEYS.classification]).filter(isClassificationLevel);
  const jurisdictions = [
    ...new Set(labels.map((l) => l[TAG_KEYS.jurisdiction]).filter((j): j is string => typeof j === 'string')),
  ].sort();
  const flowCtx: FlowContext = {
    unit: name,
    namespaces: new Set(namespaces.map((n) => n.name)),
    profile,
    flows: new FlowSet(),
    endpoints: new Map(),
  };
  networkFlows(entries, flowCtx);
  backupFlows(entries, flowCtx);
  const workingDirectory =
    typeof stack.workingDirectory === 'string' ? stack.workingDirectory : path.replace(/\/[^/]*$/, '');
  const dependencies = Array.isArray(stack.dependencies) ? stack.dependencies : [];
  return {
    id: name,
    target: clusterTarget(contexts, site),
    classification: mostRestricted(levels) ?? null,
    jurisdiction: jurisdictions.length ? jurisdictions.join(', ') : null,
    resources: entries.length,
    artifact,
    workingDirectory: `kubernetes/${workingDirectory.replace(/^\.\//, '')}`,
    dependsOn: dependencies.filter((d): d is string => typeof d === 'string'),
    namespaces,
    flows: flowCtx.flows.list(),
    endpoints: [...flowCtx.endpoints.values()],
  };
}

/** Reads the stacks of the cdktf output in `kubernetes/`, in the manifest's order. */
export function readTerraformUnits(ctx: PlanReadContext, profile: JurisdictionProfile): TerraformUnit[] {
  const manifest = readJsonFile(join(ctx.outDir, 'kubernetes', 'manifest.json'), { cwd: ctx.cwd });
  if (!isJsonObject(manifest) || !isJsonObject(manifest.stacks)) {
    throw new SovereignLzError('INPUT_INVALID', 'kubernetes/manifest.json: not a cdktf manifest (no stacks object)');
  }
  return Object.entries(manifest.stacks)
    .filter((e): e is [string, Json] => isJsonObject(e[1]))
    .map(([key, stack]) => readStack(typeof stack.name === 'string' ? stack.name : key, stack, ctx, profile));
}
