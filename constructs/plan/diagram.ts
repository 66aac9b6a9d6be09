import { CLASSIFICATION_LEVELS, type ClassificationLevel, type Language } from '../core';
import { flowsLabel, groupByPlace, groupLevel, groupLines, type GroupEnd } from './diagram-grouped';
import type { DeploymentUnit, Endpoint, FlowEnd, Place, Plan, Residency } from './model';
import { planWords, type PlanWords, type UnknownPlaceId } from './plan-words';

/**
 * The diagram of a landing zone, as one tree that both renderings draw (Mermaid for
 * plan.md, Graphviz DOT for plan.svg): the residency boundary (national territory, abroad),
 * the regions and sites inside, the units inside those (a Terraform unit with its namespaces
 * and workloads), the destinations flows reach, then the edges: data flows and deployment
 * dependencies. Above {@link MAX_DIAGRAM_BOXES} boxes, the same frames hold one box per
 * region or site instead of its units (the grouped diagram), with the edges between those.
 */

/** A box. */
export interface DiagramNode {
  readonly type: 'node';
  /** An identifier safe for Mermaid and DOT (`[A-Za-z0-9_]`), unique in the diagram. */
  readonly id: string;
  /** Lines of its label; the first names it. */
  readonly lines: readonly string[];
  /**
   * Its classification, which colours it (for a place of the grouped diagram, the most
   * restricted level in it); `null` for an unclassified unit or an endpoint.
   */
  readonly classification: ClassificationLevel | null;
  /** `place`: a region or site with all its units, in the grouped diagram. */
  readonly shape: 'unit' | 'namespace' | 'endpoint' | 'place';
}

/** A frame around nodes and frames. */
export interface DiagramGroup {
  readonly type: 'group';
  readonly id: string;
  readonly label: string;
  /** `boundary` frames are the residency boundary's sides; `place` a region or site; `unit` a Terraform unit. */
  readonly role: 'boundary' | 'place' | 'unit';
  readonly residency: Residency;
  readonly children: readonly (DiagramNode | DiagramGroup)[];
}

/** An arrow. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** `flow`: data moves; `dependency`: deploy `from` before `to`; `layout`: invisible, keeps units in deployment order. */
  readonly kind: 'flow' | 'dependency' | 'layout';
  /** True for a flow across the residency boundary (or to a place the artifacts do not locate). */
  readonly crossesBoundary: boolean;
  /** True for a flow the compliance check found undeclared (NET-6). */
  readonly undeclared?: boolean;
}

/** Why a diagram is grouped: one box per place instead of its units and namespaces. */
export interface DiagramGrouping {
  /** Boxes the detailed diagram would draw: units, namespaces and endpoints. */
  readonly detailedBoxes: number;
  /** The most boxes a detailed diagram draws (the cap `detailedBoxes` is above). */
  readonly maxBoxes: number;
  /** Units of the plan. */
  readonly units: number;
  /** Place boxes drawn: regions, sites, and one per side for units the plan places nowhere. */
  readonly places: number;
}

/** A sample of the legend: a level's colours (`none`: unclassified), an arrow, or a word of the boxes. */
export type LegendSample =
  | { readonly type: 'level'; readonly level: ClassificationLevel | 'none' }
  | { readonly type: 'edge'; readonly edge: 'flow' | 'crossing' | 'undeclared' | 'dependency' }
  | { readonly type: 'word'; readonly word: 'suppressed' };

/** A line of the legend: its sample, drawn as the diagram draws it, and what it means. */
export interface LegendEntry {
  readonly sample: LegendSample;
  /** The text of the sample: a level's name, the word as the boxes write it; empty for an arrow. */
  readonly label: string;
  readonly text: string;
}

/**
 * The legend of a diagram: what its colours, arrows and words mean, only those it draws (the
 * frames say what they are in their labels).
 */
export interface DiagramLegend {
  readonly title: string;
  /** Levels first (in the catalog's order, unclassified last), then arrows and words. */
  readonly entries: readonly LegendEntry[];
}

export interface Diagram {
  readonly title: string;
  readonly groups: readonly DiagramGroup[];
  readonly edges: readonly DiagramEdge[];
  /** Set on the grouped diagram only: why it is grouped. */
  readonly grouped?: DiagramGrouping;
  /** What the diagram's colours, arrows and words mean (plan.svg draws it; Mermaid has no legend). */
  readonly legend?: DiagramLegend;
}

/**
 * The most boxes (units + namespaces + endpoints) the detailed diagram draws; above, the
 * diagram is grouped. Graphviz's layout of nested clusters grows much faster than the boxes:
 * measured on a synthetic zone of two regions and two sites, 120 boxes render in about 1.5 s,
 * 200 in 11 s, 300 in 110 s, and a 1,000-workload zone's 1,400 boxes would keep `synth` busy
 * for many minutes. A diagram of more than about a hundred boxes is no longer read box by box
 * either, and GitHub's Mermaid refuses diagrams of more than 500 edges or 50,000 characters
 * (about 200 boxes). The examples and zones of a few dozen workloads stay detailed.
 */
export const MAX_DIAGRAM_BOXES = 120;

/** Options of {@link planDiagram}. */
export interface PlanDiagramOptions {
  /**
   * The most boxes (units + namespaces + endpoints) of the detailed diagram; above, one box per place.
   * @default MAX_DIAGRAM_BOXES
   */
  readonly maxBoxes?: number;
  /**
   * The language of the labels (ids, levels, stack names and commands are never translated).
   * @default 'en'
   */
  readonly language?: Language;
}

/** Colours of the levels, from green (public) to black (secret): fill, stroke, text. */
export const LEVEL_COLOURS: Readonly<Record<ClassificationLevel | 'none', readonly [string, string, string]>> = {
  public: ['#e8f5e9', '#2e7d32', '#1b1b1b'],
  internal: ['#e3f2fd', '#1565c0', '#1b1b1b'],
  personal: ['#fff3e0', '#e65100', '#1b1b1b'],
  sensitive: ['#ffebee', '#c62828', '#1b1b1b'],
  secret: ['#37474f', '#000000', '#ffffff'],
  none: ['#f5f5f5', '#757575', '#1b1b1b'],
};

/** Colours of the boundary's sides: stroke. */
export const RESIDENCY_COLOURS: Readonly<Record<Residency, string>> = {
  national: '#1b5e20',
  abroad: '#0d47a1',
  unknown: '#9e9e9e',
};

class Ids {
  private readonly used = new Set<string>();

  /** A safe, unique id from parts; the same parts in the same order give the same id. */
  make(...parts: string[]): string {
    const base = parts.join('_').replace(/[^A-Za-z0-9_]+/g, '_');
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }
}

function territoryLabel(plan: Plan, residency: Residency, words: PlanWords): string {
  const territory = plan.profile.territory;
  const named =
    territory.length <= 4 ? territory.join(', ') : words.diagram.countries(territory.length, plan.profile.id);
  if (residency === 'national') return words.diagram.national(named);
  if (residency === 'abroad') return words.diagram.abroad(named);
  return words.diagram.unknownLocation;
}

function placeLabel(place: Place, words: PlanWords): string {
  if (place.kind === 'aws-region') {
    // "AWS eu-south-2 · Spain (Aragón), ES": the country after a comma, not in a second pair of parentheses.
    const country = place.country ? (place.detail ? `, ${place.country}` : ` (${place.country})`) : '';
    return `AWS ${place.name}${place.detail ? ` · ${place.detail}` : ''}${country}`;
  }
  if (place.kind === 'site') {
    return `${words.diagram.site(place.name, place.country)}${place.detail ? ` · ${place.detail}` : ''}`;
  }
  return words.unknownPlaces[place.id as UnknownPlaceId] ?? place.name;
}

function status(unit: DeploymentUnit, words: PlanWords): string {
  const c = unit.compliance;
  const say = words.diagram;
  const counts = c.errors ? say.errors(c.errors) : c.warnings ? say.warnings(c.warnings) : say.compliant;
  return c.suppressed ? `${counts}, ${say.waived(c.suppressed)}` : counts;
}

function unitLines(unit: DeploymentUnit, words: PlanWords): string[] {
  const lines = [
    `${unit.order}. ${unit.id}`,
    `${unit.kind === 'cloudformation' ? 'CloudFormation' : 'Terraform'} · ${unit.classification ?? words.unclassified}`,
    `${words.diagram.resources(unit.resources)} · ${status(unit, words)}`,
  ];
  for (const set of unit.stackSets) {
    const targets = [...set.organizationalUnits, ...set.accounts];
    lines.push(words.diagram.stackSet(set.name ?? set.id, targets.length, set.regions));
  }
  return lines;
}

function endpointLines(endpoint: Endpoint, words: PlanWords): string[] {
  return [
    `${words.diagram.endpointKind[endpoint.kind]} ${endpoint.name}`,
    endpoint.allowlisted ? words.diagram.allowlisted : words.diagram.notAllowlisted,
  ];
}

/** The frame of one side of the residency boundary, in either diagram. */
function boundaryGroup(
  ids: Ids,
  plan: Plan,
  residency: Residency,
  children: readonly (DiagramNode | DiagramGroup)[],
  words: PlanWords,
): DiagramGroup {
  return {
    type: 'group',
    id: ids.make('g', residency),
    label: territoryLabel(plan, residency, words),
    role: 'boundary',
    residency,
    children,
  };
}

/**
 * The legend of a diagram, from what it draws: the levels of its boxes (endpoints aside, which
 * are grey whatever they hold), its kinds of arrows (a flow both across the boundary and
 * undeclared is drawn red), and `suppressed` when a box says it. `place`: the boxes are places,
 * coloured by their most restricted level.
 */
function diagramLegend(
  groups: readonly DiagramGroup[],
  edges: readonly DiagramEdge[],
  suppressed: boolean,
  place: boolean,
  words: PlanWords,
): DiagramLegend {
  const say = words.diagram.legend;
  const levels = new Set<ClassificationLevel | 'none'>();
  const walk = (children: DiagramGroup['children']): void => {
    for (const child of children) {
      if (child.type === 'group') walk(child.children);
      else if (child.shape !== 'endpoint') levels.add(child.classification ?? 'none');
    }
  };
  walk(groups);
  const drawn = edges.filter((e) => e.kind !== 'layout');
  const arrows = {
    flow: drawn.some((e) => e.kind === 'flow' && !e.crossesBoundary && !e.undeclared),
    crossing: drawn.some((e) => e.kind === 'flow' && e.crossesBoundary),
    undeclared: drawn.some((e) => e.kind === 'flow' && !e.crossesBoundary && e.undeclared),
    dependency: drawn.some((e) => e.kind === 'dependency'),
  };
  const entries: LegendEntry[] = [
    ...[...CLASSIFICATION_LEVELS, 'none' as const]
      .filter((level) => levels.has(level))
      .map((level) => ({
        sample: { type: 'level' as const, level },
        label: level === 'none' ? words.unclassified : level,
        text: place ? say.placeLevel : say.level,
      })),
    ...(['flow', 'crossing', 'undeclared', 'dependency'] as const)
      .filter((edge) => arrows[edge])
      .map((edge) => ({ sample: { type: 'edge' as const, edge }, label: '', text: say.edge[edge] })),
    ...(suppressed
      ? [
          {
            sample: { type: 'word' as const, word: 'suppressed' as const },
            label: say.suppressedWord,
            text: say.suppressed,
          },
        ]
      : []),
  ];
  return { title: say.title, entries };
}

const MAX_WORKLOADS = 3;

/** The boxes the detailed diagram of a plan draws: its units, their namespaces and the endpoints. */
export function detailedBoxes(plan: Plan): number {
  return plan.units.reduce((n, u) => n + 1 + u.namespaces.length, 0) + plan.endpoints.length;
}

/**
 * The diagram of a plan: detailed (every unit and namespace) up to `maxBoxes` boxes, else
 * grouped (one box per region or site, flows and dependencies aggregated between them), with
 * `grouped` saying why. Deterministic: the same plan gives the same diagram.
 *
 * @example
 * const svg = await renderSvg(formatDot(planDiagram(plan)));
 */
export function planDiagram(plan: Plan, options: PlanDiagramOptions = {}): Diagram {
  const maxBoxes = options.maxBoxes ?? MAX_DIAGRAM_BOXES;
  const language = options.language ?? 'en';
  const boxes = detailedBoxes(plan);
  return boxes > maxBoxes ? groupedDiagram(plan, boxes, maxBoxes, language) : detailedDiagram(plan, language);
}

function detailedDiagram(plan: Plan, language: Language): Diagram {
  const words = planWords(language);
  const ids = new Ids();
  const unitIds = new Map<string, string>();
  const nsIds = new Map<string, string>();
  const endpointIds = new Map<string, string>();
  const units = new Map(plan.units.map((u) => [u.id, u]));

  const unitChildren = (unit: DeploymentUnit): DiagramNode | DiagramGroup => {
    const node: DiagramNode = {
      type: 'node',
      id: ids.make('unit', unit.id),
      lines: unitLines(unit, words),
      classification: unit.classification,
      shape: 'unit',
    };
    unitIds.set(unit.id, node.id);
    if (!unit.namespaces.length) return node;
    const namespaces: DiagramNode[] = unit.namespaces.map((ns) => {
      const id = ids.make('ns', unit.id, ns.name);
      nsIds.set(JSON.stringify([unit.id, ns.name]), id);
      const workloads =
        ns.workloads.length > MAX_WORKLOADS
          ? [...ns.workloads.slice(0, MAX_WORKLOADS), words.diagram.moreWorkloads(ns.workloads.length - MAX_WORKLOADS)]
          : ns.workloads;
      return {
        type: 'node',
        id,
        lines: [
          words.diagram.namespace(ns.name),
          [ns.classification ?? words.unclassified, ns.tier, ns.purpose].filter(Boolean).join(' · '),
          ...workloads,
        ],
        classification: ns.classification,
        shape: 'namespace',
      };
    });
    // The unit's box above its namespaces.
    for (const ns of namespaces) chain([node.id, ns.id]);
    return {
      type: 'group',
      id: ids.make('g_unit', unit.id),
      label: `${words.diagram.terraformStack(unit.id)}${unit.target.kind === 'kubernetes' && unit.target.contexts.length ? words.diagram.context(unit.target.contexts) : ''}`,
      role: 'unit',
      residency: unit.residency,
      children: [node, ...namespaces],
    };
  };

  const layout: DiagramEdge[] = [];
  const chain = (ids: readonly string[]) => {
    for (let i = 1; i < ids.length; i++) {
      layout.push({ from: ids[i - 1], to: ids[i], label: '', kind: 'layout', crossesBoundary: false });
    }
  };
  const groups: DiagramGroup[] = [];
  for (const residency of ['national', 'abroad', 'unknown'] as const) {
    const places = plan.places.filter((p) => p.residency === residency);
    const endpoints = plan.endpoints.filter((e) => e.residency === residency);
    if (!places.length && !endpoints.length) continue;
    const children: (DiagramNode | DiagramGroup)[] = places.map((place) => ({
      type: 'group',
      id: ids.make('g', place.id),
      label: placeLabel(place, words),
      role: 'place',
      residency,
      children: place.units.map((id) => unitChildren(units.get(id)!)),
    }));
    for (const place of places) chain(place.units.map((id) => unitIds.get(id)!));
    for (const endpoint of endpoints) {
      const id = ids.make('ep', endpoint.id);
      endpointIds.set(endpoint.id, id);
      children.push({
        type: 'node',
        id,
        lines: endpointLines(endpoint, words),
        classification: null,
        shape: 'endpoint',
      });
    }
    groups.push(boundaryGroup(ids, plan, residency, children, words));
  }

  const endId = (end: FlowEnd): string =>
    'endpoint' in end
      ? endpointIds.get(end.endpoint)!
      : end.namespace !== undefined
        ? nsIds.get(JSON.stringify([end.unit, end.namespace]))!
        : unitIds.get(end.unit)!;
  const edges: DiagramEdge[] = [
    ...plan.flows.map((flow) => ({
      from: endId(flow.from),
      to: endId(flow.to),
      label: [
        flow.undeclared ? words.diagram.undeclared : '',
        flow.kind === 'network' ? '' : words.flowKind[flow.kind],
        flow.ports.join(', '),
        flow.cidrs.join(', '),
      ]
        .filter(Boolean)
        .join(' · '),
      kind: 'flow' as const,
      crossesBoundary: flow.crossesBoundary,
      ...(flow.undeclared ? { undeclared: true } : {}),
    })),
    ...plan.units.flatMap((unit) =>
      unit.dependsOn
        .filter((d) => unitIds.has(d))
        .map((d) => ({
          from: unitIds.get(d)!,
          to: unitIds.get(unit.id)!,
          label: words.diagram.deployFirst,
          kind: 'dependency' as const,
          crossesBoundary: false,
        })),
    ),
    ...layout,
  ];
  const suppressed = plan.units.some((u) => u.compliance.suppressed > 0);
  return {
    title: words.diagram.title(plan.profile.id),
    groups,
    edges,
    legend: diagramLegend(groups, edges, suppressed, false, words),
  };
}

/**
 * Why a diagram is grouped, for its title and plan.md, in `language`, e.g. `673 units in 4
 * places: one box per place (the detailed diagram would draw 1,402 boxes, above 120)`.
 */
export function describeGrouping(grouping: DiagramGrouping, language: Language = 'en'): string {
  return planWords(language).diagram.grouping(grouping);
}

const RESIDENCIES: readonly Residency[] = ['national', 'abroad', 'unknown'];

/**
 * The grouped diagram: the boundary's frames hold one box per region or site (and one per side
 * for units the plan places nowhere), labelled with what it counts and coloured by the most
 * restricted level in it, and the endpoints; one flow edge per pair of ends and crossing status,
 * one dependency edge per pair of places (see diagram-grouped.ts).
 */
function groupedDiagram(plan: Plan, detailed: number, maxBoxes: number, language: Language): Diagram {
  const words = planWords(language);
  const ids = new Ids();
  const { groups: places, flows, dependencies } = groupByPlace(plan);
  const placeIds = places.map((g) => ids.make('place', g.place ? g.place.id : `none_${g.residency}`));
  const endpointIds = new Map<string, string>();
  for (const residency of RESIDENCIES) {
    for (const e of plan.endpoints.filter((e) => e.residency === residency)) {
      endpointIds.set(e.id, ids.make('ep', e.id));
    }
  }
  const groups: DiagramGroup[] = [];
  for (const residency of RESIDENCIES) {
    const here = places.flatMap((g, i) => (g.residency === residency ? [{ g, id: placeIds[i] }] : []));
    const endpoints = plan.endpoints.filter((e) => e.residency === residency);
    if (!here.length && !endpoints.length) continue;
    const children: DiagramNode[] = here.map(({ g, id }) => ({
      type: 'node',
      id,
      lines: [g.place ? placeLabel(g.place, words) : words.diagram.unplaced, ...groupLines(g, language)],
      classification: groupLevel(g),
      shape: 'place',
    }));
    for (const e of endpoints) {
      children.push({
        type: 'node',
        id: endpointIds.get(e.id)!,
        lines: endpointLines(e, words),
        classification: null,
        shape: 'endpoint',
      });
    }
    groups.push(boundaryGroup(ids, plan, residency, children, words));
  }
  const endId = (end: GroupEnd): string => ('group' in end ? placeIds[end.group] : endpointIds.get(end.endpoint)!);
  const edges: DiagramEdge[] = [
    ...flows.map((f) => ({
      from: endId(f.from),
      to: endId(f.to),
      label: flowsLabel(f, language),
      kind: 'flow' as const,
      crossesBoundary: f.crossesBoundary,
    })),
    ...dependencies.map((d) => ({
      from: placeIds[d.from],
      to: placeIds[d.to],
      label: `${words.diagram.deployFirst} · ${words.diagram.group.dependencies(d.dependencies)}`,
      kind: 'dependency' as const,
      crossesBoundary: false,
    })),
  ];
  const grouped: DiagramGrouping = {
    detailedBoxes: detailed,
    maxBoxes,
    units: plan.units.length,
    places: places.length,
  };
  return {
    title: words.diagram.groupedTitle(plan.profile.id, describeGrouping(grouped, language)),
    groups,
    edges,
    grouped,
    // Every place box counts its suppressed findings, even none.
    legend: diagramLegend(groups, edges, places.length > 0, true, words),
  };
}
