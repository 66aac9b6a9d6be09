import type { Viz } from '@viz-js/viz';
import { SovereignLzError } from '../core';

/**
 * Renders Graphviz DOT to SVG in-process, with Graphviz compiled to WebAssembly
 * (`@viz-js/viz`, whose CommonJS build loads with `require`, under jest too): nothing to
 * install outside npm. The module (~1.2 MB) is loaded on the first call only, and the
 * instance is kept for the next ones.
 */

let instance: Promise<Viz> | undefined;

/**
 * The SVG of a DOT graph, from `<svg` to `</svg>` (without the XML prolog and Graphviz's
 * version comment, so that the file is the same whichever build rendered it), with a final
 * newline. Throws a {@link SovereignLzError} (`RENDER_FAILED`) with Graphviz's message when
 * the DOT is invalid.
 */
export async function renderSvg(dot: string): Promise<string> {
  instance ??= import('@viz-js/viz').then((viz) => viz.instance());
  const result = (await instance).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    const why = result.errors.map((e) => e.message.trim()).join('; ');
    throw new SovereignLzError('RENDER_FAILED', `cannot render the diagram: ${why || 'Graphviz failed'}`);
  }
  const svg = result.output;
  const start = svg.indexOf('<svg');
  return `${svg.slice(start < 0 ? 0 : start).trimEnd()}\n`;
}
