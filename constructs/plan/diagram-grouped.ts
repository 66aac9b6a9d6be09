import { CLASSIFICATION_LEVELS, mostRestricted, type ClassificationLevel, type Language } from '../core';
import type { DeploymentUnit, Flow, FlowEnd, Place, Plan, Residency } from './model';
import { planWords } from './plan-words';

export { count, thousands } from './plan-words';

/**
 * What the grouped diagram draws when the detailed one would be too big (diagram.ts): the
 * units of a plan grouped by region or site, with what each group counts, and the flows and
 * deployment dependencies aggregated between the groups and the endpoints.
 */

/** The units of one place. */
export interface PlaceGroup {
  /** The region or site; `null` for the units the plan places nowhere (one group per side of the boundary). */
  readonly place: Place | null;
  readonly residency: Residency;
  /** Its units, in deployment order. */
  readonly units: readonly DeploymentUnit[];
  /** Flows with both ends in the place. */
  readonly flowsWithin: number;
  /** Of those, the ones that cross the boundary (in a place the artifacts do not locate). */
  readonly crossingWithin: number;
}

/** An end of an aggregated flow: a group (its index) or an endpoint (its id). */
export type GroupEnd = { readonly group: number } | { readonly endpoint: string };

/** The flows from one end to another with one crossing status. */
export interface AggregatedFlow {
  readonly from: GroupEnd;
  readonly to: GroupEnd;
  readonly crossesBoundary: boolean;
  /** How many flows. */
  readonly flows: number;
  /** Their kinds, in the order network, logs, backup, declared. */
  readonly kinds: readonly Flow['kind'][];
}

/** The deployment dependencies of the units of group `to` on those of group `from` (deploy `from` first). */
export interface AggregatedDependency {
  readonly from: number;
  readonly to: number;
  /** How many (unit, dependency) pairs. */
  readonly dependencies: number;
}

/** A plan grouped by place. */
export interface PlanGroups {
  /** Groups in the plan's order of places, then one per side for units on no place (national, abroad, unknown). */
  readonly groups: readonly PlaceGroup[];
  /** In the order of their first flow. */
  readonly flows: readonly AggregatedFlow[];
  /** In the order of their first unit; none within a group. */
  readonly dependencies: readonly AggregatedDependency[];
}

const RESIDENCIES: readonly Residency[] = ['national', 'abroad', 'unknown'];
const FLOW_KINDS: readonly Flow['kind'][] = ['network', 'logs', 'backup', 'declared'];

/**
 * Groups a plan's units by place and aggregates its flows and dependencies between the groups.
 * Deterministic. A unit two places list (not from `buildPlan`) goes to the first; flows and
 * dependencies naming no unit or endpoint of the plan are left out.
 */
export function groupByPlace(plan: Plan): PlanGroups {
  const units = new Map(plan.units.map((u) => [u.id, u]));
  const groups: { -readonly [K in keyof PlaceGroup]: PlaceGroup[K] }[] = [];
  const groupOf = new Map<string, number>();
  const add = (place: Place | null, residency: Residency, hosted: readonly DeploymentUnit[]) => {
    const members = hosted.filter((u) => !groupOf.has(u.id));
    for (const unit of members) groupOf.set(unit.id, groups.length);
    groups.push({ place, residency, units: members, flowsWithin: 0, crossingWithin: 0 });
  };
  for (const place of plan.places) {
    add(
      place,
      place.residency,
      place.units.filter((id) => units.has(id)).map((id) => units.get(id)!),
    );
  }
  for (const residency of RESIDENCIES) {
    const unplaced = plan.units.filter((u) => !groupOf.has(u.id) && u.residency === residency);
    if (unplaced.length) add(null, residency, unplaced);
  }

  const endpoints = new Set(plan.endpoints.map((e) => e.id));
  const endOf = (end: FlowEnd): GroupEnd | undefined => {
    if ('endpoint' in end) return endpoints.has(end.endpoint) ? { endpoint: end.endpoint } : undefined;
    const group = groupOf.get(end.unit);
    return group === undefined ? undefined : { group };
  };
  const flows = new Map<
    string,
    { from: GroupEnd; to: GroupEnd; crossesBoundary: boolean; flows: number; kinds: Set<Flow['kind']> }
  >();
  for (const flow of plan.flows) {
    const from = endOf(flow.from);
    const to = endOf(flow.to);
    if (!from || !to) continue;
    if ('group' in from && 'group' in to && from.group === to.group) {
      groups[from.group].flowsWithin++;
      if (flow.crossesBoundary) groups[from.group].crossingWithin++;
      continue;
    }
    const key = JSON.stringify([from, to, flow.crossesBoundary]);
    const entry = flows.get(key) ?? { from, to, crossesBoundary: flow.crossesBoundary, flows: 0, kinds: new Set() };
    entry.flows++;
    entry.kinds.add(flow.kind);
    flows.set(key, entry);
  }
  const dependencies = new Map<string, { from: number; to: number; dependencies: number }>();
  for (const unit of plan.units) {
    const to = groupOf.get(unit.id)!;
    for (const d of unit.dependsOn) {
      const from = groupOf.get(d);
      if (from === undefined || from === to) continue;
      const key = `${from} ${to}`;
      const entry = dependencies.get(key) ?? { from, to, dependencies: 0 };
      entry.dependencies++;
      dependencies.set(key, entry);
    }
  }
  return {
    groups,
    flows: [...flows.values()].map((f) => ({ ...f, kinds: FLOW_KINDS.filter((k) => f.kinds.has(k)) })),
    dependencies: [...dependencies.values()],
  };
}

/** The levels of a group's units and namespaces, `null` for an unclassified one. */
function levelsOf(group: PlaceGroup): (ClassificationLevel | null)[] {
  return group.units.flatMap((u) => [u.classification, ...u.namespaces.map((ns) => ns.classification)]);
}

/** The most restricted level of a group's units and namespaces, which colours its box; `null` if none is classified. */
export function groupLevel(group: PlaceGroup): ClassificationLevel | null {
  return mostRestricted(levelsOf(group).filter((l): l is ClassificationLevel => l !== null)) ?? null;
}

/**
 * What a group's box says below its name: its units (CloudFormation, Terraform), resources,
 * namespaces, findings, the levels present, and the flows within it, in `language`.
 */
export function groupLines(group: PlaceGroup, language: Language = 'en'): string[] {
  const words = planWords(language);
  const say = words.diagram.group;
  const units = group.units;
  const sum = (f: (u: DeploymentUnit) => number) => units.reduce((n, u) => n + f(u), 0);
  const cloudformation = units.filter((u) => u.kind === 'cloudformation').length;
  const kinds = [
    ...(cloudformation ? [say.kind(cloudformation, 'CloudFormation')] : []),
    ...(units.length > cloudformation ? [say.kind(units.length - cloudformation, 'Terraform')] : []),
  ];
  const namespaces = sum((u) => u.namespaces.length);
  const levels = levelsOf(group);
  const present = [
    ...CLASSIFICATION_LEVELS.filter((l) => levels.includes(l)),
    ...(levels.includes(null) ? [words.unclassified] : []),
  ];
  return [
    say.units(units.length, kinds),
    [say.resources(sum((u) => u.resources)), ...(namespaces ? [say.namespaces(namespaces)] : [])].join(' · '),
    [
      say.errors(sum((u) => u.compliance.errors)),
      say.warnings(sum((u) => u.compliance.warnings)),
      say.waived(sum((u) => u.compliance.suppressed)),
    ].join(' · '),
    say.levels(present),
    ...(group.flowsWithin ? [say.flowsWithin(group.flowsWithin, group.crossingWithin)] : []),
  ];
}

/**
 * The label of an aggregated flow: `12 flows`, with the kinds when not all are network flows
 * (`3 flows · logs`), in `language`.
 */
export function flowsLabel(flow: AggregatedFlow, language: Language = 'en'): string {
  const words = planWords(language);
  const kinds = flow.kinds.some((k) => k !== 'network') ? [flow.kinds.map((k) => words.flowKind[k]).join(', ')] : [];
  return [words.diagram.group.flows(flow.flows), ...kinds].join(' · ');
}
