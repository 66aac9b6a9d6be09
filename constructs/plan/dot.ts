import { LEVEL_COLOURS, RESIDENCY_COLOURS, type Diagram, type DiagramGroup, type DiagramNode } from './diagram';

/**
 * The diagram as Graphviz DOT, which render-svg.ts draws into plan.svg: frames are clusters
 * (the national territory drawn solid and thick, abroad dashed), the same colours and arrows
 * as the Mermaid rendering.
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

/** The DOT source of a diagram. */
export function formatDot(diagram: Diagram): string {
  const lines = [
    'digraph landing_zone {',
    `  graph [${attributes({ label: diagram.title, labelloc: 't', fontname: 'Helvetica', fontsize: 16, rankdir: 'TB', newrank: 'true', nodesep: 0.3, ranksep: 0.6 })}];`,
    `  node [${attributes({ fontname: 'Helvetica', fontsize: 10 })}];`,
    `  edge [${attributes({ fontname: 'Helvetica', fontsize: 9 })}];`,
    ...diagram.groups.flatMap((g) => group(g, '  ')),
    ...diagram.edges.map((e) => {
      const attrs: Record<string, string | number> = { label: e.label };
      if (e.kind === 'layout') return `  ${e.from} -> ${e.to} [style=invis];`;
      if (e.kind === 'dependency') Object.assign(attrs, { style: 'dashed', color: '#9e9e9e', fontcolor: '#757575' });
      else if (e.crossesBoundary) Object.assign(attrs, { color: '#c62828', penwidth: 3, fontcolor: '#c62828' });
      else if (e.undeclared)
        Object.assign(attrs, { color: '#e65100', penwidth: 3, fontcolor: '#e65100', style: 'dashed' });
      return `  ${e.from} -> ${e.to} [${attributes(attrs)}];`;
    }),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
