import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SovereignLzError, type Language } from '../core';
import { buildPlan, type BuildPlanOptions, type PlanCompliance } from './build-plan';
import { planDiagram } from './diagram';
import { formatDot } from './dot';
import { formatPlanJson, formatPlanMarkdown } from './format-plan';
import type { Plan } from './model';
import { renderSvg } from './render-svg';

/** The file names of the plan in a synth output. */
export const PLAN_FILES = {
  json: 'plan.json',
  markdown: 'plan.md',
  svg: 'plan.svg',
} as const;

/** The absolute paths {@link writePlan} wrote, and the plan. */
export interface WrittenPlan {
  readonly json: string;
  readonly markdown: string;
  readonly svg: string;
  /** The plan written (e.g. for progress output: `plan.units.length`). */
  readonly plan: Plan;
}

/** The three files of a plan, as text. */
export interface PlanFiles {
  readonly json: string;
  readonly markdown: string;
  readonly svg: string;
}

/** Options of {@link writePlan}. */
export interface WritePlanOptions extends BuildPlanOptions {
  /**
   * The language of `plan.md` and `plan.svg` (`plan.json` is the same in every language).
   * @default 'en'
   */
  readonly language?: Language;
}

/**
 * Renders a plan into its three files (the SVG is drawn by Graphviz in WebAssembly), `plan.md`
 * and `plan.svg` in `language`; `plan.json` is the same in every language.
 */
export async function renderPlanFiles(plan: Plan, language: Language = 'en'): Promise<PlanFiles> {
  return {
    json: formatPlanJson(plan),
    markdown: formatPlanMarkdown(plan, language),
    svg: await renderSvg(formatDot(planDiagram(plan, { language }))),
  };
}

/**
 * Builds the plan of the synth output in `outDir` and writes `plan.json`, `plan.md` and
 * `plan.svg` into it (`plan.md` and `plan.svg` in `options.language`). Everything is rendered
 * before anything is written; each file is then written to a temporary directory beside it and
 * renamed into place, so that a reader never sees a half-written file and a failure leaves the
 * earlier files intact. Returns the paths written and the plan. Throws a one-line
 * {@link SovereignLzError} on bad input or an unwritable directory.
 *
 * @example
 * // after the synth wrote out/ and its compliance reports:
 * await writePlan('out', result.compliance);
 * // plan.md and plan.svg in French:
 * await writePlan('out', result.compliance, { language: 'fr' });
 */
export async function writePlan(
  outDir: string,
  compliance: PlanCompliance,
  options: WritePlanOptions = {},
): Promise<WrittenPlan> {
  const dir = resolve(options.cwd ?? process.cwd(), outDir);
  const plan = buildPlan(outDir, compliance, options);
  const files = await renderPlanFiles(plan, options.language);
  let staging: string | undefined;
  try {
    staging = mkdtempSync(join(dir, '.plan.tmp-'));
    for (const key of ['json', 'markdown', 'svg'] as const) writeFileSync(join(staging, PLAN_FILES[key]), files[key]);
    for (const key of ['json', 'markdown', 'svg'] as const) {
      renameSync(join(staging, PLAN_FILES[key]), join(dir, PLAN_FILES[key]));
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SovereignLzError(
      'OUTPUT_UNWRITABLE',
      `${outDir}: cannot write the plan: ${code === 'EACCES' ? 'permission denied' : (code ?? (e as Error).message)}`,
    );
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
  return {
    json: join(dir, PLAN_FILES.json),
    markdown: join(dir, PLAN_FILES.markdown),
    svg: join(dir, PLAN_FILES.svg),
    plan,
  };
}
