import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import {
  buildPlan,
  formatDot,
  planDiagram,
  readComplianceReport,
  renderPlanFiles,
  renderSvg,
  SVG_FONT_FAMILY,
  type Plan,
} from '../../constructs/plan';

// plan.svg as a reader sees it: the default example's diagram (English, French, and grouped)
// drawn by headless Chromium with the fonts this machine has, then with a font wider than the
// one Graphviz measured; every text must lie inside its box or frame and inside the page, and the
// legend must be there, clear of the frames. The example is synthesized once by the compiled CLI,
// as `npm run synth` does.

const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'slz-plan-svg-'));
const out = join(work, 'out');

let plan: Plan;
let browser: Browser;

beforeAll(async () => {
  const r = spawnSync(process.execPath, [join(root, 'lib/constructs/cli/main.js'), 'synth', '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  plan = buildPlan(out, readComplianceReport(out), { commandDir: 'out' });
  browser = await launchChromium('plan.svg');
});
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** A text of the SVG as Chromium lays it out, and what must hold it. */
interface LaidText {
  /** `node`, `cluster` (a frame), `edge` or `graph` (the title). */
  readonly kind: string;
  /** The node's or frame's id (its `<title>`), the edge's `from->to`. */
  readonly owner: string;
  readonly text: string;
  /** The text's box. */
  readonly box: Box;
  /** The union of the node's or frame's shapes (its outline); `null` for an edge's label and the title. */
  readonly shape: Box | null;
}

interface Layout {
  readonly page: Box;
  readonly texts: readonly LaidText[];
  /** The legend's outline, `null` when there is none. */
  readonly legend: Box | null;
  /** The frames' outlines. */
  readonly clusters: readonly Box[];
}

/**
 * The texts of an SVG as Chromium lays them out, in page pixels: each text's box
 * (`getBoundingClientRect`, which follows `getBBox` through the graph's transform) and the
 * outline of the node or frame (`g.node`, `g.cluster`) it belongs to. `css` overrides the page's
 * styles (a font).
 */
async function layout(svg: string, css = ''): Promise<Layout> {
  const page = await browser.newPage({ viewport: { width: 2400, height: 1600 } });
  try {
    await page.route('**/*', (route) => route.abort());
    await page.setContent(
      `<!DOCTYPE html><html><head><style>body{margin:0}${css}</style></head><body>${svg}</body></html>`,
    );
    // The function runs in the page: no DOM types in this project's compilation, hence `any`.
    return await page.evaluate(() => {
      const doc = (globalThis as any).document;
      const box = (e: any): Box => {
        const r = e.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const union = (boxes: Box[]): Box | null =>
        boxes.length
          ? {
              left: Math.min(...boxes.map((b) => b.left)),
              top: Math.min(...boxes.map((b) => b.top)),
              right: Math.max(...boxes.map((b) => b.right)),
              bottom: Math.max(...boxes.map((b) => b.bottom)),
            }
          : null;
      const svg = doc.querySelector('svg');
      const texts: LaidText[] = [];
      const clusters: Box[] = [];
      let legend: Box | null = null;
      for (const g of svg.querySelectorAll('g.node, g.cluster, g.edge')) {
        const kind = g.classList.contains('node') ? 'node' : g.classList.contains('cluster') ? 'cluster' : 'edge';
        const owner = g.querySelector(':scope > title')?.textContent ?? '';
        const shape =
          kind === 'edge' ? null : union([...g.querySelectorAll('polygon, path, ellipse, rect, polyline')].map(box));
        if (kind === 'cluster' && shape) clusters.push(shape);
        if (kind === 'node' && owner === 'legend') legend = shape;
        for (const t of g.querySelectorAll('text'))
          texts.push({ kind, owner, text: t.textContent, box: box(t), shape });
      }
      for (const t of svg.querySelectorAll(':scope > g > text')) {
        texts.push({ kind: 'graph', owner: '', text: t.textContent, box: box(t), shape: null });
      }
      return { page: box(svg), texts, legend, clusters };
    });
  } finally {
    await page.close();
  }
}

/** Half a pixel: Chromium's boxes are fractional, and a glyph's side bearing may touch a border. */
const SLACK = 0.5;

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.left >= outer.left - SLACK &&
    inner.top >= outer.top - SLACK &&
    inner.right <= outer.right + SLACK &&
    inner.bottom <= outer.bottom + SLACK
  );
}

function overlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The texts that leave their node's or frame's outline, or the page: none. */
function misfits(laid: Layout): string[] {
  return laid.texts
    .filter((t) => !inside(t.box, laid.page) || (t.shape !== null && !inside(t.box, t.shape)))
    .map(
      (t) =>
        `${t.kind} ${t.owner}: "${t.text}" at ${JSON.stringify(t.box)} outside ${JSON.stringify(t.shape ?? laid.page)}`,
    );
}

/** A font wider than Arial, whose widths Graphviz measured: the reader without Helvetica, Arial or a metric-compatible font. */
const WIDER_FONT = "text { font-family: 'DejaVu Sans', Verdana, sans-serif !important; }";

describe('plan.svg in headless Chromium', () => {
  test.each([
    [
      'en',
      'Legend',
      ['classification of a unit or namespace (box colour)', 'data flow that crosses the residency boundary'],
    ],
    [
      'fr',
      'Légende',
      [
        "classification d'une unité ou d'un espace de noms (couleur de la boîte)",
        'flux de données qui franchit la frontière de résidence',
      ],
    ],
  ] as const)(
    'the default example in %s: every text inside its box, frame and the page, with these fonts and a wider one; a legend clear of the frames',
    async (language, title, lines) => {
      const { svg } = await renderPlanFiles(plan, language);
      for (const css of ['', WIDER_FONT]) {
        const laid = await layout(svg, css);
        expect(misfits(laid)).toEqual([]);
        // Every box and frame is checked: the example draws 11 units, 3 namespaces, 2 endpoints.
        expect(
          laid.texts.filter((t) => t.kind === 'node' && t.owner.startsWith('unit_')).length,
        ).toBeGreaterThanOrEqual(33);
        expect(laid.legend).not.toBeNull();
        for (const frame of laid.clusters) expect(overlap(laid.legend!, frame)).toBe(false);
        const legend = laid.texts.filter((t) => t.owner === 'legend').map((t) => t.text);
        expect(legend).toEqual(expect.arrayContaining([title, 'public', 'internal', 'sensitive', ...lines]));
        // Only the levels the example has.
        expect(legend).not.toContain('secret');
        expect(legend).not.toContain('personal');
      }
    },
  );

  test('the grouped diagram of the same plan (one box per place): every text inside its box, frame and the page', async () => {
    const svg = await renderSvg(formatDot(planDiagram(plan, { maxBoxes: 1 })));
    expect(svg).toContain('<title>place_site_ma_casablanca_1</title>');
    for (const css of ['', WIDER_FONT]) {
      const laid = await layout(svg, css);
      expect(misfits(laid)).toEqual([]);
      expect(laid.legend).not.toBeNull();
      for (const frame of laid.clusters) expect(overlap(laid.legend!, frame)).toBe(false);
    }
  });

  test('the check sees a text that leaves its box: the same SVG without the widths Graphviz measured, in the wider font', async () => {
    const { svg } = await renderPlanFiles(plan);
    const unfitted = svg.replace(/ textLength="[\d.]+" lengthAdjust="spacingAndGlyphs"/g, '');
    expect(misfits(await layout(unfitted, WIDER_FONT)).length).toBeGreaterThan(0);
  });
});

test("every text names fonts with Arial's widths and the width Graphviz measured it at", async () => {
  const { svg } = await renderPlanFiles(plan);
  const texts = [...svg.matchAll(/<text\b([^>]*)>/g)].map((m) => m[1]);
  expect(texts.length).toBeGreaterThan(60);
  for (const attrs of texts) {
    expect(attrs).toContain(` font-family="${SVG_FONT_FAMILY}"`);
    expect(attrs).toMatch(/ textLength="\d+(\.\d+)?" lengthAdjust="spacingAndGlyphs"/);
  }
  expect(SVG_FONT_FAMILY).toMatch(/^Helvetica, Arial, 'Liberation Sans', .*sans-serif$/);
});
