import type { Viz } from '@viz-js/viz';
import { SovereignLzError } from '../core';

/**
 * Renders Graphviz DOT to SVG in-process, with Graphviz compiled to WebAssembly
 * (`@viz-js/viz`, whose CommonJS build loads with `require`, under jest too): nothing to
 * install outside npm. The module (~1.2 MB) is loaded on the first call only, and the
 * instance is kept for the next ones.
 *
 * Graphviz in WebAssembly has no font library: it sizes every box from its own table of
 * character widths, those of Arial for `Helvetica` (the font of the plan's DOT), and the SVG
 * names the font only as `Helvetica,sans-Serif`. A reader without Helvetica got the system's
 * sans-serif (DejaVu Sans on most Linux desktops, some 13 % wider), and the labels ran out of
 * their boxes. So the SVG names the fonts metric-compatible with Arial that readers have
 * (Helvetica on macOS, Arial on Windows, Liberation Sans, Arimo or Nimbus Sans on Linux), and
 * gives each text the width Graphviz measured (`textLength`): a font none of those, or a
 * character the table does not know (Graphviz counts each byte of a non-ASCII character as a
 * space), is fitted to that width instead of overflowing its box.
 */

let instance: Promise<Viz> | undefined;

/** The families the SVG names instead of Graphviz's `Helvetica,sans-Serif`, all with Arial's widths. */
export const SVG_FONT_FAMILY =
  "Helvetica, Arial, 'Liberation Sans', Arimo, 'Nimbus Sans', 'Nimbus Sans L', 'TeX Gyre Heros', sans-serif";

/** A coordinate as a key, to two decimals as Graphviz writes them (`-0` as `0`). */
function coordinate(value: number): string {
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

/** The text of an SVG `<text>` element as Graphviz escaped it, decoded. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, ref: string) => {
    const lower = ref.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}

/**
 * The width Graphviz gave each text, by position and text, from the `json` rendering of the same
 * layout: the `T` operations of its xdot drawings (`pt` with y upwards, the SVG's y downwards).
 */
function textWidths(json: string): Map<string, number> {
  const widths = new Map<string, number>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (value !== null && typeof value === 'object') {
      const op = value as { op?: unknown; pt?: unknown; width?: unknown; text?: unknown };
      if (op.op === 'T' && Array.isArray(op.pt) && typeof op.width === 'number' && typeof op.text === 'string') {
        widths.set(`${coordinate(Number(op.pt[0]))} ${coordinate(-Number(op.pt[1]))} ${op.text}`, op.width);
      } else {
        for (const child of Object.values(value)) walk(child);
      }
    }
  };
  walk(JSON.parse(json));
  return widths;
}

/**
 * The SVG with the fonts readers have and each text fitted to the width Graphviz measured
 * (`textLength`, glyphs and spacing adjusted); a text the json does not give is left as it is.
 */
function fitText(svg: string, json: string): string {
  let widths: Map<string, number>;
  try {
    widths = textWidths(json);
  } catch {
    // Graphviz wrote invalid json (see dot.ts's legend samples): the fonts only.
    widths = new Map();
  }
  return svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (_, attrs: string, content: string) => {
    const x = /\sx="(-?[\d.]+)"/.exec(attrs);
    const y = /\sy="(-?[\d.]+)"/.exec(attrs);
    const width =
      x && y ? widths.get(`${coordinate(Number(x[1]))} ${coordinate(Number(y[1]))} ${decode(content)}`) : undefined;
    const fonts = attrs.replace(/ font-family="Helvetica,sans-Serif"/, ` font-family="${SVG_FONT_FAMILY}"`);
    if (width === undefined || width <= 0) return `<text${fonts}>${content}</text>`;
    return `<text${fonts} textLength="${Number(width.toFixed(2))}" lengthAdjust="spacingAndGlyphs">${content}</text>`;
  });
}

/**
 * The SVG of a DOT graph, from `<svg` to `</svg>` (without the XML prolog and Graphviz's
 * version comment, so that the file is the same whichever build rendered it), with a final
 * newline; its texts name fonts with the widths Graphviz measured and are fitted to them (see
 * above). Throws a {@link SovereignLzError} (`RENDER_FAILED`) with Graphviz's message when the
 * DOT is invalid.
 */
export async function renderSvg(dot: string): Promise<string> {
  instance ??= import('@viz-js/viz').then((viz) => viz.instance());
  const result = (await instance).renderFormats(dot, ['svg', 'json'], { engine: 'dot' });
  if (result.status !== 'success') {
    const why = result.errors.map((e) => e.message.trim()).join('; ');
    throw new SovereignLzError('RENDER_FAILED', `cannot render the diagram: ${why || 'Graphviz failed'}`);
  }
  const svg = fitText(result.output.svg, result.output.json);
  const start = svg.indexOf('<svg');
  return `${svg.slice(start < 0 ? 0 : start).trimEnd()}\n`;
}
