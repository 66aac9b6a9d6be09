import type { ClassificationLevel } from '../../constructs/core';
import {
  detailedBoxes,
  formatDot,
  formatMermaid,
  formatPlanMarkdown,
  MAX_DIAGRAM_BOXES,
  planDiagram,
  renderSvg,
  type Diagram,
  type DiagramEdge,
  type DiagramNode,
  type DeploymentUnit,
  type Flow,
  type Place,
  type Plan,
} from '../../constructs/plan';

// Plans built directly from the model's types: `cloud` CloudFormation workload units spread over
// two regions abroad (after an organization and a network per region), and two Terraform units on
// two national sites with `namespaces` namespaces in all; flows within the sites, to two
// endpoints, and declared flows from the workloads to the sites across the boundary.

const REGIONS = ['eu-west-3', 'eu-south-2'] as const;
const SITES = ['ma-casablanca-1', 'ma-rabat-1'] as const;
const COUNTRIES: Readonly<Record<string, string>> = { 'eu-west-3': 'FR', 'eu-south-2': 'ES' };

function unit(
  order: number,
  id: string,
  place: string,
  classification: ClassificationLevel | null,
  extra: Partial<DeploymentUnit> = {},
): DeploymentUnit {
  const [kind, name] = place.split(':');
  return {
    order,
    id,
    kind: kind === 'aws' ? 'cloudformation' : 'terraform',
    description: null,
    target:
      kind === 'aws'
        ? {
            kind: 'aws',
            account: '111111111111',
            region: name,
            country: COUNTRIES[name],
            location: null,
            description: id,
          }
        : { kind: 'kubernetes', contexts: [id], site: name, country: 'MA', operator: null, description: id },
    residency: kind === 'aws' ? 'abroad' : 'national',
    classification,
    jurisdiction: null,
    resources: 10,
    compliance: { status: 'warnings', errors: 0, warnings: 1, suppressed: 2 },
    artifact: `${id}.json`,
    dependsOn: [],
    commands: [],
    stackSets: [],
    deployedBy: null,
    namespaces: [],
    ...extra,
  };
}

function flow(kind: Flow['kind'], from: Flow['from'], to: Flow['to'], crossesBoundary: boolean): Flow {
  return { kind, from, to, ports: [], cidrs: [], evidence: [], crossesBoundary };
}

function zonePlan(cloud: number, namespaces: number): Plan {
  const units: DeploymentUnit[] = [];
  const add = (id: string, place: string, level: ClassificationLevel | null, extra: Partial<DeploymentUnit> = {}) =>
    units.push(unit(units.length + 1, id, place, level, extra));
  add('Organization', 'aws:eu-west-3', 'internal');
  add('NetworkEuWest3', 'aws:eu-west-3', 'internal', { dependsOn: ['Organization'] });
  add('NetworkEuSouth2', 'aws:eu-south-2', 'internal', { dependsOn: ['Organization'] });
  for (let i = 0; i < cloud; i++) {
    add(`w-${i}`, `aws:${REGIONS[i % 2]}`, i % 3 ? 'internal' : 'public', {
      dependsOn: ['Organization', i % 2 ? 'NetworkEuSouth2' : 'NetworkEuWest3'],
    });
  }
  SITES.forEach((site, s) =>
    add(site, `site:${site}`, 'sensitive', {
      kind: 'terraform',
      resources: 100,
      dependsOn: s ? [SITES[0]] : [],
      namespaces: Array.from({ length: Math.ceil(namespaces / 2) }, (_, i) => ({
        name: `ns-${i}`,
        classification: s === 1 && i === 0 ? 'secret' : 'sensitive',
        tier: 'application',
        purpose: null,
        workloads: [],
      })),
    }),
  );
  const placeOf = (u: DeploymentUnit) =>
    u.target.kind === 'aws' ? `aws:${u.target.region}` : `site:${u.target.kind === 'kubernetes' && u.target.site}`;
  const places: Place[] = [...SITES.map((s) => `site:${s}`), ...REGIONS.map((r) => `aws:${r}`)].map((id) => ({
    id,
    kind: id.startsWith('aws:') ? 'aws-region' : 'site',
    name: id.split(':')[1],
    country: COUNTRIES[id.split(':')[1]] ?? 'MA',
    detail: null,
    residency: id.startsWith('aws:') ? 'abroad' : 'national',
    units: units.filter((u) => placeOf(u) === id).map((u) => u.id),
  }));
  const flows: Flow[] = [];
  for (const site of SITES) {
    const count = Math.ceil(namespaces / 2);
    for (let i = 0; i + 1 < count; i += 2) {
      flows.push(
        flow('network', { unit: site, namespace: `ns-${i}` }, { unit: site, namespace: `ns-${i + 1}` }, false),
      );
    }
    flows.push(flow('logs', { unit: site, namespace: 'ns-0' }, { endpoint: 'log-sink:logs.gov.ma' }, false));
    flows.push(flow('network', { unit: site, namespace: 'ns-1' }, { endpoint: 'cidr:203.0.113.0/24' }, true));
  }
  for (let i = 0; i < cloud; i += 3) {
    flows.push(flow('declared', { unit: `w-${i}` }, { unit: SITES[i % 2], namespace: 'ns-0' }, true));
  }
  return {
    schemaVersion: 2,
    profile: { id: 'morocco', name: 'Morocco', territory: ['MA'] },
    outDir: 'out',
    summary: {
      units: units.length,
      resources: units.reduce((n, u) => n + u.resources, 0),
      errors: 0,
      warnings: units.length,
      suppressed: 2 * units.length,
      zoneFindings: 0,
    },
    units,
    places,
    endpoints: [
      { id: 'log-sink:logs.gov.ma', kind: 'log-sink', name: 'logs.gov.ma', allowlisted: true, residency: 'national' },
      { id: 'cidr:203.0.113.0/24', kind: 'network', name: '203.0.113.0/24', allowlisted: false, residency: 'unknown' },
    ],
    flows,
    workloads: [],
    prerequisites: [],
  };
}

function nodes(diagram: Diagram): DiagramNode[] {
  const walk = (children: Diagram['groups'][number]['children']): DiagramNode[] =>
    children.flatMap((c) => (c.type === 'node' ? [c] : walk(c.children)));
  return diagram.groups.flatMap((g) => walk(g.children));
}

function edge(diagram: Diagram, from: string, to: string, kind: DiagramEdge['kind']): DiagramEdge[] {
  return diagram.edges.filter((e) => e.from === from && e.to === to && e.kind === kind);
}

// 705 units (703 CloudFormation, 2 Terraform), 700 namespaces, 2 endpoints: 1,407 boxes.
const big = zonePlan(700, 700);
const WEST = 'place_aws_eu_west_3';
const SOUTH = 'place_aws_eu_south_2';
const CASABLANCA = 'place_site_ma_casablanca_1';
const RABAT = 'place_site_ma_rabat_1';

test('up to the cap, the detailed diagram: a box per unit and namespace; one box more, the grouped one', () => {
  const small = zonePlan(4, 4);
  expect(detailedBoxes(small)).toBe(3 + 4 + 2 + 4 + 2);
  const atCap = planDiagram(small, { maxBoxes: 15 });
  expect(atCap.grouped).toBeUndefined();
  expect(nodes(atCap).filter((n) => n.shape === 'unit')).toHaveLength(9);
  expect(nodes(atCap).filter((n) => n.shape === 'namespace')).toHaveLength(4);
  expect(nodes(atCap).some((n) => n.shape === 'place')).toBe(false);
  const above = planDiagram(small, { maxBoxes: 14 });
  expect(above.grouped).toEqual({ detailedBoxes: 15, maxBoxes: 14, units: 9, places: 4 });
  expect(nodes(above).some((n) => n.shape === 'unit' || n.shape === 'namespace')).toBe(false);
  // The default cap: a zone of a few dozen workloads stays detailed, a big one is grouped.
  expect(MAX_DIAGRAM_BOXES).toBe(120);
  expect(planDiagram(zonePlan(20, 20)).grouped).toBeUndefined();
  expect(planDiagram(big).grouped).toEqual({ detailedBoxes: 1407, maxBoxes: 120, units: 705, places: 4 });
});

test('grouped: one box per place in its side of the boundary, with the counts of its units, coloured by its most restricted level', () => {
  const diagram = planDiagram(big);
  expect(diagram.groups.map((g) => [g.id, g.children.map((c) => c.id)])).toEqual([
    ['g_national', [CASABLANCA, RABAT, 'ep_log_sink_logs_gov_ma']],
    ['g_abroad', [WEST, SOUTH]],
    ['g_unknown', ['ep_cidr_203_0_113_0_24']],
  ]);
  const byId = new Map(nodes(diagram).map((n) => [n.id, n]));
  // The organization, the Paris network and the 350 workloads of even number, public or internal.
  expect(byId.get(WEST)).toEqual({
    type: 'node',
    id: WEST,
    lines: [
      'AWS eu-west-3 (FR)',
      '352 units: 352 CloudFormation',
      '3,520 resources',
      '0 errors · 352 warnings · 704 suppressed',
      'levels: public, internal',
    ],
    classification: 'internal',
    shape: 'place',
  });
  expect(byId.get(RABAT)).toEqual({
    type: 'node',
    id: RABAT,
    lines: [
      'Site ma-rabat-1 (MA)',
      '1 unit: 1 Terraform',
      '100 resources · 350 namespaces',
      '0 errors · 1 warning · 2 suppressed',
      'levels: sensitive, secret',
      '175 flows within',
    ],
    // One namespace is secret: the site is drawn secret though its unit is sensitive.
    classification: 'secret',
    shape: 'place',
  });
  expect(byId.get(CASABLANCA)!.classification).toBe('sensitive');
});

test('grouped: flows aggregated into one edge per pair of ends and crossing status, labelled with their number', () => {
  const diagram = planDiagram(big);
  const declared = big.flows.filter((f) => f.kind === 'declared');
  const fromWest = declared.filter((f) => 'unit' in f.from && Number(f.from.unit.slice(2)) % 2 === 0).length;
  expect(fromWest).toBe(117);
  expect(edge(diagram, WEST, CASABLANCA, 'flow')).toEqual([
    { from: WEST, to: CASABLANCA, label: '117 flows · declared', kind: 'flow', crossesBoundary: true },
  ]);
  expect(edge(diagram, SOUTH, RABAT, 'flow')).toEqual([
    {
      from: SOUTH,
      to: RABAT,
      label: `${declared.length - fromWest} flows · declared`,
      kind: 'flow',
      crossesBoundary: true,
    },
  ]);
  expect(edge(diagram, RABAT, 'ep_cidr_203_0_113_0_24', 'flow')).toEqual([
    { from: RABAT, to: 'ep_cidr_203_0_113_0_24', label: '1 flow', kind: 'flow', crossesBoundary: true },
  ]);
  expect(edge(diagram, CASABLANCA, 'ep_log_sink_logs_gov_ma', 'flow')[0]).toMatchObject({
    label: '1 flow · logs',
    crossesBoundary: false,
  });
  // Flows within a site are counted in its box, not drawn; every flow is accounted for once.
  const drawn = diagram.edges.filter((e) => e.kind === 'flow').map((e) => Number(e.label.split(' ')[0]));
  expect(drawn.reduce((a, b) => a + b, 0) + 175 + 175).toBe(big.flows.length);

  // The same pair of ends with two crossing statuses: two edges.
  const mixed: Plan = {
    ...big,
    flows: [...big.flows, flow('network', { unit: 'w-0' }, { unit: SITES[0], namespace: 'ns-2' }, false)],
  };
  expect(edge(planDiagram(mixed), WEST, CASABLANCA, 'flow').map((e) => [e.label, e.crossesBoundary])).toEqual([
    ['117 flows · declared', true],
    ['1 flow', false],
  ]);
});

test('grouped: dependencies aggregated between places, none within a place', () => {
  const diagram = planDiagram(big);
  const dependencies = diagram.edges.filter((e) => e.kind === 'dependency');
  // NetworkEuSouth2 and the 350 odd workloads depend on the organization in eu-west-3.
  expect(dependencies).toEqual([
    { from: WEST, to: SOUTH, label: 'deploy first · 351 dependencies', kind: 'dependency', crossesBoundary: false },
    { from: CASABLANCA, to: RABAT, label: 'deploy first · 1 dependency', kind: 'dependency', crossesBoundary: false },
  ]);
  expect(diagram.edges.filter((e) => e.from === e.to)).toEqual([]);
  expect(diagram.edges.some((e) => e.kind === 'layout')).toBe(false);
});

test('grouped: units on no place go to a box of their side of the boundary', () => {
  const plan: Plan = { ...big, places: big.places.filter((p) => p.id !== 'aws:eu-south-2') };
  const diagram = planDiagram(plan);
  const abroad = diagram.groups.find((g) => g.id === 'g_abroad')!;
  expect(abroad.children.map((c) => c.id)).toEqual([WEST, 'place_none_abroad']);
  const none = abroad.children[1] as DiagramNode;
  expect(none.lines.slice(0, 2)).toEqual(['Units on no region or site', '351 units: 351 CloudFormation']);
  expect(edge(diagram, WEST, 'place_none_abroad', 'dependency')[0].label).toBe('deploy first · 351 dependencies');
  expect(diagram.grouped!.places).toBe(4);
});

test('the grouped diagram renders to Mermaid and DOT: place boxes, thick red crossing flows, dotted dependencies', () => {
  const diagram = planDiagram(big);
  const mermaid = formatMermaid(diagram);
  expect(mermaid).toContain(
    `${RABAT}["Site ma-rabat-1 (MA)<br/>1 unit: 1 Terraform<br/>100 resources · 350 namespaces<br/>` +
      '0 errors · 1 warning · 2 suppressed<br/>levels: sensitive, secret<br/>175 flows within"]',
  );
  expect(mermaid).toContain(`class ${RABAT} secret`);
  expect(mermaid).toContain(`${WEST} ==>|"117 flows · declared"| ${CASABLANCA}`);
  expect(mermaid).toContain(`${WEST} -.->|"deploy first · 351 dependencies"| ${SOUTH}`);
  const crossing = diagram.edges.findIndex((e) => e.from === WEST && e.to === CASABLANCA);
  expect(mermaid).toContain(`linkStyle ${crossing} stroke:#c62828,stroke-width:3px`);
  expect(mermaid).not.toMatch(/unit_|ns_/);
  expect(mermaid.length).toBeLessThan(50_000);

  const dot = formatDot(diagram);
  expect(dot).toContain(`label="${diagram.title}"`);
  expect(dot).toContain(
    `${WEST} -> ${CASABLANCA} [label="117 flows · declared", color="#c62828", penwidth=3, fontcolor="#c62828", constraint="false"];`,
  );
  expect(dot).toMatch(
    new RegExp(`  ${RABAT} \\[label="Site ma-rabat-1 \\(MA\\)\\\\n1 unit: 1 Terraform.*fillcolor="#37474f"`),
  );
});

test("the grouped diagram's legend: the places' most restricted levels, its arrows and the suppressed findings they count", () => {
  const legend = planDiagram(big).legend!;
  const place = 'most restricted level in a region or site (box colour)';
  expect(legend.entries.map((e) => [Object.values(e.sample)[1], e.label, e.text])).toEqual([
    ['internal', 'internal', place],
    ['sensitive', 'sensitive', place],
    ['secret', 'secret', place],
    ['flow', '', 'data flow'],
    ['crossing', '', 'data flow that crosses the residency boundary'],
    ['dependency', '', "deployment dependency: deploy the arrow's origin first"],
    ['suppressed', 'n suppressed', 'findings suppressed with a justification (see compliance.md)'],
  ]);
  // The secret swatch as the boxes wear it: white on dark grey.
  expect(formatDot(planDiagram(big))).toContain(
    '<TD BGCOLOR="#37474f" COLOR="#000000"><FONT COLOR="#ffffff">secret</FONT></TD>',
  );
});

test("the title and plan.md's diagram paragraph say the diagram is grouped and why; a small plan's stay as they were", () => {
  const diagram = planDiagram(big);
  const why = '705 units in 4 places: one box per place (the detailed diagram would draw 1,407 boxes, above 120)';
  expect(diagram.title).toBe(`Landing zone under profile morocco, grouped: ${why}`);
  const md = formatPlanMarkdown(big);
  const paragraph = md.slice(md.indexOf('## Diagram\n\n') + 12, md.indexOf('\n\n```mermaid'));
  expect(paragraph).toMatch(
    new RegExp(
      `^Regions and sites on each side of the residency boundary, grouped: ${why.replace(/[()]/g, '\\$&')}; the units are listed above\\. `,
    ),
  );
  expect(paragraph).toContain('flows within a place are counted in its box');
  expect(md).toContain(formatMermaid(diagram).trimEnd());

  const small = formatPlanMarkdown(zonePlan(4, 4));
  expect(small).toContain(
    '## Diagram\n\nRegions and sites on each side of the residency boundary, the units in them (coloured by classification), ' +
      'data flows (solid arrows; thick red across the boundary) and deployment dependencies (dotted). ' +
      'The same diagram is in `plan.svg`.\n\n```mermaid\n',
  );
  expect(planDiagram(zonePlan(4, 4)).title).toBe('Landing zone under profile morocco');
});

test('is deterministic: the same plan, built twice, gives the same Mermaid and DOT', () => {
  const again = zonePlan(700, 700);
  expect(formatMermaid(planDiagram(again))).toBe(formatMermaid(planDiagram(big)));
  expect(formatDot(planDiagram(again))).toBe(formatDot(planDiagram(big)));
});

test("renders the big plan's grouped diagram to an SVG naming every place", async () => {
  const svg = await renderSvg(formatDot(planDiagram(big)));
  expect(svg.startsWith('<svg')).toBe(true);
  // Graphviz writes '-' as '&#45;'.
  for (const label of [
    'Site ma&#45;casablanca&#45;1 (MA)',
    'Site ma&#45;rabat&#45;1 (MA)',
    'AWS eu&#45;west&#45;3 (FR)',
    'AWS eu&#45;south&#45;2 (ES)',
  ]) {
    expect(svg).toContain(label);
  }
  expect(svg).toContain('117 flows · declared');
});
