import { resolve } from 'node:path';
import { checkPaths, type CheckOptions } from '../compliance/check';
import type { CheckResult, Finding } from '../compliance/normalize/model';
import type { ControlId } from '../core';

/**
 * An app that synthesizes itself into its `outdir`: an aws-cdk-lib `App` or a cdktf `App`.
 * Kept structural, so that this module loads no framework.
 */
export interface SynthesizableApp {
  synth(): unknown;
  readonly outdir: string;
}

/**
 * Synthesizes `app` and judges its artifacts with the same engine as `sovereign-lz check`
 * and `npm run synth` — one engine everywhere. File paths in findings are relative to the
 * app's output directory. A relative `outdir` (cdktf's default `cdktf.out`, or
 * `new App({ outdir: 'cdk.out' })`) is where both frameworks write it: under the working
 * directory of the process.
 *
 * @example
 * const result = checkApp(app, { profile: 'morocco' });
 * expect(result.summary.errors).toBe(0);
 */
export function checkApp(app: SynthesizableApp, options: CheckOptions = {}): CheckResult {
  app.synth();
  const outdir = resolve(app.outdir);
  return checkPaths([outdir], { cwd: outdir, ...options });
}

/** The unsuppressed findings of an app, optionally of one control only. */
export function findingsOf(app: SynthesizableApp, options: CheckOptions & { control?: ControlId } = {}): Finding[] {
  const { control, ...check } = options;
  return checkApp(app, check).findings.filter((f) => !f.suppressed && (control === undefined || f.control === control));
}

/** One line per finding, for failure messages. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings
    .map((f) => `  ${f.severity} ${f.rule} ${f.file} ${f.path ?? f.resource}: ${f.message} (${f.source})`)
    .join('\n');
}
