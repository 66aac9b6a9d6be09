import { CLASSIFICATION_LEVELS, mermaidLabel } from '../core';
import { LEVEL_COLOURS, RESIDENCY_COLOURS, type Diagram, type DiagramGroup, type DiagramNode } from './diagram';

/**
 * The diagram as a Mermaid flowchart, for plan.md (GitHub, GitLab and most Markdown viewers
 * draw it): frames are subgraphs, levels are classes, flows solid arrows, deployment
 * dependencies dotted ones, flows across the residency boundary drawn thick and red; invisible
 * links (`~~~`) keep the units of a place in deployment order.
 *
 * Every label is quoted and goes through core's `mermaidLabel`: on one line, so that no value
 * ends the statement or the Markdown code block around it, with Mermaid's entity codes for the
 * characters that would end the label or bring HTML. Ids are `[A-Za-z0-9_]` (diagram.ts); the
 * levels that name classes are the catalog's.
 */

function node(n: DiagramNode, indent: string): string[] {
  const label = `"${n.lines.map((line) => mermaidLabel(line)).join('<br/>')}"`;
  const shape = n.shape === 'endpoint' ? `[(${label})]` : n.shape === 'namespace' ? `(${label})` : `[${label}]`;
  return [`${indent}${n.id}${shape}`, `${indent}class ${n.id} ${n.classification ?? 'none'}`];
}

function group(g: DiagramGroup, indent: string): string[] {
  const lines = [`${indent}subgraph ${g.id}["${mermaidLabel(g.label)}"]`];
  for (const child of g.children) {
    lines.push(...(child.type === 'node' ? node(child, `${indent}  `) : group(child, `${indent}  `)));
  }
  lines.push(`${indent}end`);
  return lines;
}

function groupStyles(g: DiagramGroup): string[] {
  const colour = RESIDENCY_COLOURS[g.residency];
  const style =
    g.role === 'boundary'
      ? `fill:#fafafa,stroke:${colour},stroke-width:3px${g.residency === 'national' ? '' : ',stroke-dasharray:6 4'}`
      : g.role === 'place'
        ? `fill:#ffffff,stroke:${colour},stroke-width:1px`
        : `fill:#fcfcfc,stroke:#616161,stroke-width:1px,stroke-dasharray:3 3`;
  return [
    `  style ${g.id} ${style}`,
    ...g.children.filter((c): c is DiagramGroup => c.type === 'group').flatMap(groupStyles),
  ];
}

/** The Mermaid source of a diagram (without the Markdown fence). */
export function formatMermaid(diagram: Diagram): string {
  const lines = ['flowchart TB', ...diagram.groups.flatMap((g) => group(g, '  '))];
  diagram.edges.forEach((e) => {
    const label = e.label ? `|"${mermaidLabel(e.label)}"|` : '';
    const arrow = e.kind === 'layout' ? '~~~' : e.kind === 'dependency' ? '-.->' : e.crossesBoundary ? '==>' : '-->';
    lines.push(`  ${e.from} ${arrow}${label} ${e.to}`);
  });
  diagram.edges.forEach((e, i) => {
    if (e.kind === 'flow' && e.crossesBoundary) lines.push(`  linkStyle ${i} stroke:#c62828,stroke-width:3px`);
    else if (e.kind === 'flow' && e.undeclared)
      lines.push(`  linkStyle ${i} stroke:#e65100,stroke-width:3px,stroke-dasharray:6 3`);
    if (e.kind === 'dependency') lines.push(`  linkStyle ${i} stroke:#9e9e9e`);
  });
  for (const level of [...CLASSIFICATION_LEVELS, 'none'] as const) {
    const [fill, stroke, colour] = LEVEL_COLOURS[level];
    lines.push(`  classDef ${level} fill:${fill},stroke:${stroke},color:${colour}`);
  }
  lines.push(...diagram.groups.flatMap(groupStyles));
  return `${lines.join('\n')}\n`;
}
