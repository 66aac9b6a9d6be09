import { closestName, suggesting, suggestion, type ZoneWorkload } from '../core';
import type { DeploymentUnit, Flow, FlowEnd, Plan } from '../plan/model';

// Placements and flows of a plan as the architecture snapshot and the placement matchers name
// them: a flow's ends as `workload/tier` where the landing-zone declaration says which workload
// a unit or namespace belongs to, else as `unit/namespace` or `unit`.

/** Flow kinds that allow traffic between workloads: NetworkPolicies, and the declaration's flows that leave a site. */
const BETWEEN_WORKLOADS: readonly Flow['kind'][] = ['network', 'declared'];

/** The place a unit deploys to, named as the plan names places: `aws:REGION`, `site:NAME`, or `unknown:…`. */
export function placeOfUnit(unit: DeploymentUnit): string {
  if (unit.target.kind === 'aws') return unit.target.region ? `aws:${unit.target.region}` : 'unknown:aws';
  return unit.target.site ? `site:${unit.target.site}` : 'unknown:site';
}

/** The workload of the declaration that a unit (and namespace) belongs to, and its tier there. */
function workloadAt(
  plan: Plan,
  unit: string,
  namespace?: string,
): { workload: ZoneWorkload; tier?: string } | undefined {
  if (namespace === undefined) {
    const inCloud = plan.workloads.filter((w) => w.unit === unit && w.namespaces.length === 0);
    return inCloud.length === 1 ? { workload: inCloud[0] } : undefined;
  }
  const workload = plan.workloads.find((w) => w.unit === unit && w.namespaces.includes(namespace));
  return workload ? { workload, tier: namespace.slice(workload.name.length + 1) } : undefined;
}

/** The `workload/tier` ends of a declared flow, as the declaration names them. */
function declaredEnds(flow: Flow): { from: string; to: string; carries: string } | undefined {
  return flow.declaration;
}

/** A flow end for people: `workload/tier`, `workload`, `unit/namespace`, `unit`, or the endpoint (`log sink HOST`). */
export function flowEndName(plan: Plan, end: FlowEnd): string {
  if ('endpoint' in end) {
    const endpoint = plan.endpoints.find((e) => e.id === end.endpoint);
    if (!endpoint) return end.endpoint;
    const kind = { 'log-sink': 'log sink', 'backup-location': 'backup location', network: 'network' }[endpoint.kind];
    return `${kind} ${endpoint.name}${endpoint.allowlisted ? ' (allowlisted)' : ''}`;
  }
  const owner = workloadAt(plan, end.unit, end.namespace);
  if (owner) return owner.tier === undefined ? owner.workload.name : `${owner.workload.name}/${owner.tier}`;
  return end.namespace === undefined ? end.unit : `${end.unit}/${end.namespace}`;
}

/** One flow on one line: kind, ends, ports, network blocks, and whether it crosses the residency boundary. */
export function describeFlow(plan: Plan, flow: Flow): string {
  const declared = flow.kind === 'declared' ? declaredEnds(flow) : undefined;
  const from = declared?.from ?? flowEndName(plan, flow.from);
  const to = declared?.to ?? flowEndName(plan, flow.to);
  return [
    `${flow.kind} ${from} → ${to}`,
    ...(flow.ports.length ? [flow.ports.join(' ')] : flow.kind === 'network' ? ['any port'] : []),
    ...(flow.cidrs.length ? [`to ${flow.cidrs.join(' ')}`] : []),
    ...(declared ? [`carries ${declared.carries}`] : []),
    flow.crossesBoundary ? 'crosses the residency boundary' : 'within the boundary',
    ...(flow.kind === 'declared' ? ['no artifact implements it'] : []),
  ].join(' · ');
}

/** What a `workload/tier` (or unit) reference selects among flow ends. */
interface EndPattern {
  readonly unit: string;
  /** The namespaces it may be; `undefined`: the unit itself (a cloud workload). */
  readonly namespaces?: readonly string[];
}

/** Resolves a flow end reference, or says why it names nothing of the plan. */
export function resolveFlowEnd(plan: Plan, ref: string): EndPattern | { readonly problem: string } {
  const slash = ref.indexOf('/');
  const [name, tier] = slash < 0 ? [ref, undefined] : [ref.slice(0, slash), ref.slice(slash + 1)];
  const workload = plan.workloads.find((w) => w.name === name);
  if (workload) {
    if (workload.namespaces.length === 0) return { unit: workload.unit };
    if (tier === undefined) return { unit: workload.unit, namespaces: workload.namespaces };
    const namespace = `${workload.name}-${tier}`;
    if (workload.namespaces.includes(namespace)) return { unit: workload.unit, namespaces: [namespace] };
    const tiers = workload.namespaces.map((n) => n.slice(workload.name.length + 1));
    return {
      problem: `workload '${workload.name}' has no tier '${tier}'${suggestion(tier, tiers)} (its tiers: ${tiers.join(', ')})`,
    };
  }
  // A plan without a declaration: `unit` or `unit/namespace` (unit ids may hold `/`).
  if (plan.units.some((u) => u.id === ref)) return { unit: ref };
  const last = ref.lastIndexOf('/');
  const unit = last < 0 ? undefined : plan.units.find((u) => u.id === ref.slice(0, last));
  if (unit?.namespaces.some((n) => n.name === ref.slice(last + 1))) {
    return { unit: unit.id, namespaces: [ref.slice(last + 1)] };
  }
  const names = plan.workloads.length ? plan.workloads.map((w) => w.name) : plan.units.map((u) => u.id);
  const known = `${plan.workloads.length ? 'workloads' : 'units'}: ${names.join(', ')}`;
  // `record/data` for `records/data`: the workload (or unit) meant, with the tier kept.
  const near = plan.workloads.length && slash >= 0 ? closestName(name, names) : undefined;
  const meant = near === undefined ? closestName(ref, names) : `${near}/${tier}`;
  return { problem: `no workload or unit '${ref}' in the plan${suggesting(meant).en} (${known})` };
}

function matches(end: FlowEnd, pattern: EndPattern): boolean {
  if ('endpoint' in end || end.unit !== pattern.unit) return false;
  return pattern.namespaces === undefined
    ? end.namespace === undefined
    : end.namespace !== undefined && pattern.namespaces.includes(end.namespace);
}

/** True if a flow's ports admit `port` (a flow with no port allows any). */
function admits(flow: Flow, port: number | undefined): boolean {
  return port === undefined || flow.ports.length === 0 || flow.ports.some((p) => p.split(' ')[1] === String(port));
}

/** The flows between workloads (NetworkPolicies, declared flows) that allow traffic from one end to the other. */
export function allowingFlows(plan: Plan, from: EndPattern, to: EndPattern, port?: number): Flow[] {
  return plan.flows.filter(
    (f) => BETWEEN_WORKLOADS.includes(f.kind) && matches(f.from, from) && matches(f.to, to) && admits(f, port),
  );
}

/** Every flow between workloads, described, for failure messages. */
export function flowsBetweenWorkloads(plan: Plan): string[] {
  return plan.flows.filter((f) => BETWEEN_WORKLOADS.includes(f.kind)).map((f) => describeFlow(plan, f));
}
