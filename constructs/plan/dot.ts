import {
  LEVEL_COLOURS,
  RESIDENCY_COLOURS,
  type Diagram,
  type DiagramEdge,
  type DiagramGroup,
  type DiagramLegend,
  type DiagramNode,
} from './diagram';

/**
 * The diagram as Graphviz DOT, which render-svg.ts draws into plan.svg: frames are clusters
 * (the national territory drawn solid and thick, abroad dashed), the same colours and arrows
 * as the Mermaid rendering, and a legend. Texts are in Helvetica, whose widths (Arial's)
 * Graphviz knows without a font library; boxes have a margin of 0.15 × 0.07 in around them.
 */

/**
 * A DOT double-quoted string. Graphviz writes a label's characters into the SVG as they are and
 * decodes `&…;` references: a control character (or `&#x1b;`) would make the SVG invalid XML,
 * so controls become spaces and `&` is written `&amp;` (shown as `&`). LF is ours: a line break.
 */
function quoted(value: string): string {
  const text = value.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/&/g, '&amp;');
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v : quoted(v)}`)
    .join(', ');
}

function node(n: DiagramNode, indent: string): string {
  const [fill, stroke, colour] = LEVEL_COLOURS[n.classification ?? 'none'];
  const shape = n.shape === 'endpoint' ? 'cylinder' : 'box';
  const style = n.shape === 'endpoint' ? 'filled' : 'rounded,filled';
  return `${indent}${n.id} [${attributes({
    label: n.lines.join('\n'),
    shape,
    style,
    fillcolor: fill,
    color: stroke,
    fontcolor: colour,
    penwidth: n.shape === 'unit' ? 1.5 : 1,
  })}];`;
}

function group(g: DiagramGroup, indent: string): string[] {
  const colour = RESIDENCY_COLOURS[g.residency];
  const style =
    g.role === 'boundary'
      ? { style: g.residency === 'national' ? 'rounded' : 'rounded,dashed', penwidth: 3, color: colour, fontsize: 14 }
      : g.role === 'place'
        ? { style: 'rounded', penwidth: 1.5, color: colour, fontsize: 12 }
        : { style: 'rounded,dashed', penwidth: 1, color: '#616161', fontsize: 11 };
  const lines = [
    `${indent}subgraph cluster_${g.id} {`,
    `${indent}  graph [${attributes({ label: g.label, ...style })}];`,
  ];
  for (const child of g.children) {
    if (child.type === 'node') lines.push(node(child, `${indent}  `));
    else lines.push(...group(child, `${indent}  `));
  }
  lines.push(`${indent}}`);
  return lines;
}

/** The attributes of an arrow, by its kind (a flow both across the boundary and undeclared is red). */
function edgeStyle(e: Pick<DiagramEdge, 'kind' | 'crossesBoundary' | 'undeclared'>): Record<string, string | number> {
  if (e.kind === 'dependency') return { style: 'dashed', color: '#9e9e9e', fontcolor: '#757575' };
  if (e.crossesBoundary) return { color: '#c62828', penwidth: 3, fontcolor: '#c62828' };
  if (e.undeclared) return { color: '#e65100', penwidth: 3, fontcolor: '#e65100', style: 'dashed' };
  return {};
}

/**
 * Text for an HTML-like label: `&`, `<`, `>` and `"` as entities, controls as spaces (as
 * {@link quoted} does).
 */
function html(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * The sample of an arrow: a line of the arrow's colour and width, dashed as the arrow is (dashes
 * of 5 and gaps of 2, Graphviz's), made of fixed-size filled cells: Graphviz 16 writes the
 * style of a dashed or dotted HTML-like cell border into its json output without ending it,
 * which breaks the json that {@link renderSvg} reads the texts' widths from.
 */
function edgeSample(edge: 'flow' | 'crossing' | 'undeclared' | 'dependency'): string {
  const style = edgeStyle({
    kind: edge === 'dependency' ? 'dependency' : 'flow',
    crossesBoundary: edge === 'crossing',
    undeclared: edge === 'undeclared',
  });
  const height = Number(style.penwidth ?? 1);
  const colour = String(style.color ?? '#000000');
  const dash = (width: number) => `<TD FIXEDSIZE="TRUE" WIDTH="${width}" HEIGHT="${height}" BGCOLOR="${colour}"></TD>`;
  const dashes = style.style === 'dashed' ? Array.from({ length: 6 }, () => dash(5)).join('') : dash(44);
  return `<TD><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="${style.style === 'dashed' ? 2 : 0}" CELLPADDING="0"><TR>${dashes}</TR></TABLE></TD>`;
}

/**
 * The legend as one node with an HTML-like label (a table): the levels' colours on one line, as
 * the boxes wear them, then a line per arrow and word, its sample drawn as the diagram draws it.
 */
function legendNode(legend: DiagramLegend): string {
  const levels = legend.entries.filter((e) => e.sample.type === 'level');
  const rows = [`<TR><TD COLSPAN="2" ALIGN="LEFT"><B>${html(legend.title)}</B></TD></TR>`];
  if (levels.length) {
    const swatches = levels
      .map((e) => {
        const [fill, stroke, colour] = LEVEL_COLOURS[e.sample.type === 'level' ? e.sample.level : 'none'];
        return `<TD BGCOLOR="${fill}" COLOR="${stroke}"><FONT COLOR="${colour}">${html(e.label)}</FONT></TD>`;
      })
      .join('');
    rows.push(
      `<TR><TD COLSPAN="2" ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="1" CELLSPACING="3" CELLPADDING="3"><TR>${swatches}` +
        `<TD BORDER="0" ALIGN="LEFT">${html(levels[0].text)}</TD></TR></TABLE></TD></TR>`,
    );
  }
  for (const { sample, label, text } of legend.entries) {
    if (sample.type === 'level') continue;
    const cell = sample.type === 'edge' ? edgeSample(sample.edge) : `<TD ALIGN="RIGHT">${html(label)}</TD>`;
    rows.push(`<TR>${cell}<TD ALIGN="LEFT">${html(text)}</TD></TR>`);
  }
  const table =
    '<TABLE BORDER="1" COLOR="#bdbdbd" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2" STYLE="rounded">' +
    `${rows.join('')}</TABLE>`;
  return `  legend [shape="plain", label=<${table}>];`;
}

/**
 * The legend, set below the side of the boundary with the fewest boxes (the first of those) by
 * invisible edges from each of its boxes: the sides are ranked apart (an arrow between them does
 * not rank its ends), so that side ends highest and leaves the room under it.
 */
function legend(diagram: Diagram, side: ReadonlyMap<string, string>): string[] {
  if (!diagram.legend?.entries.length) return [];
  const boxes = new Map<string, string[]>();
  for (const [id, top] of side) boxes.set(top, [...(boxes.get(top) ?? []), id]);
  let under: readonly string[] = [];
  for (const ids of boxes.values()) if (!under.length || ids.length < under.length) under = ids;
  return [legendNode(diagram.legend), ...under.map((id) => `  ${id} -> legend [style=invis];`)];
}

/** The DOT source of a diagram. */
export function formatDot(diagram: Diagram): string {
  // The side of the boundary of each box: the id of its outermost frame.
  const side = new Map<string, string>();
  const mark = (g: DiagramGroup, top: string): void => {
    for (const child of g.children) {
      if (child.type === 'node') side.set(child.id, top);
      else mark(child, top);
    }
  };
  for (const g of diagram.groups) mark(g, g.id);
  const lines = [
    'digraph landing_zone {',
    `  graph [${attributes({ label: diagram.title, labelloc: 't', fontname: 'Helvetica', fontsize: 16, rankdir: 'TB', newrank: 'true', nodesep: 0.3, ranksep: 0.4 })}];`,
    `  node [${attributes({ fontname: 'Helvetica', fontsize: 10, margin: '0.15,0.07' })}];`,
    `  edge [${attributes({ fontname: 'Helvetica', fontsize: 9 })}];`,
    ...diagram.groups.flatMap((g) => group(g, '  ')),
    ...diagram.edges.map((e) => {
      if (e.kind === 'layout') return `  ${e.from} -> ${e.to} [style=invis];`;
      const attrs: Record<string, string | number> = { label: e.label, ...edgeStyle(e) };
      // An arrow between the sides does not rank its ends: each side keeps its own order from the top.
      if (side.get(e.from) !== side.get(e.to)) attrs.constraint = 'false';
      return `  ${e.from} -> ${e.to} [${attributes(attrs)}];`;
    }),
    ...legend(diagram, side),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
