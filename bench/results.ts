import type { ArtifactCount } from './artifacts';
import type { SampleStats, Stats } from './measure';

/** The command of the npx measurement, as the report and the targets name it. */
export const NPX_COMMAND = 'npx sovereign-lz --help (in a project that installed sovereign-lz)';

/** The shape of bench/results.json, and the targets of issue #6 judged from it. */

export type Measured = SampleStats;

export interface ScaleResult {
  readonly n: number;
  readonly workloads: { readonly cloud: number; readonly site: number };
  readonly artifacts: Omit<ArtifactCount, 'byType'>;
  /** Synth (both worlds) + check, validator off. */
  readonly synthAndCheck: Measured;
  /** The same with aws-cdk-lib's built-in CloudFormation validator on (as `sovereign-lz synth` runs by default). */
  readonly synthAndCheckValidatorOn: Measured;
  /** Unsuppressed error findings of the check (a lawful zone: 0). */
  readonly errors: number;
}

export interface OverheadResult {
  readonly n: number;
  readonly resources: { readonly ours: number; readonly bare: number };
  /** Resource types whose counts differ (none when bare mirrors ours exactly). */
  readonly countDifferences: Record<string, [number, number]>;
  readonly artifactBytes: { readonly ours: number; readonly bare: number };
  readonly ours: Measured;
  readonly bare: Measured;
  /**
   * ours / bare, medians: whole-process wall time (the target), in-process construction +
   * synthesis, and whole-process CPU time (user + system; the least sensitive to other load).
   */
  readonly ratio: { readonly wall: number; readonly inProcess: number; readonly cpu: number };
}

export interface NagResult {
  readonly n: number;
  readonly awsResources: number;
  /** Synth of the AWS app with cdk-nag's two packs registered as validation plugins. */
  readonly synthWithPlugins: Measured;
  /** Synth of the same app without them, then validateScope of both packs on every stack. */
  readonly synthThenValidateScope: Measured;
  /** cdk-nag's rule evaluation alone (validateScope, both packs, every stack), ms. */
  readonly nagEvaluateMs: Stats;
  /** cdk-nag's time inside the synthesis as validation plugins (its packs' `validate`, timed), ms. */
  readonly nagInSynthMs: Stats;
  /** Violations cdk-nag reported (validateScope), by severity: acknowledged rules are not violations. */
  readonly nagViolations: Record<string, number>;
  /** Our check of the same AWS artifacts (cloud assembly), fresh process. */
  readonly oursCheck: Measured;
  /**
   * cdk-nag / ours, in-process medians: its rule evaluation (validateScope; as plugins inside
   * the synthesis) against our whole check (read + parse + rules).
   */
  readonly ratio: { readonly evaluate: number; readonly plugins: number };
}

export interface FloorResult {
  readonly n: number;
  readonly files: number;
  readonly bytes: number;
  readonly check: Measured;
  readonly floor: Measured;
  /** check / floor, in-process medians. */
  readonly ratio: number;
}

export interface CommandResult {
  readonly command: string;
  readonly measured?: Measured;
  /** Why it was not measured. */
  readonly skipped?: string;
}

export interface CliSynthResult {
  readonly n: number;
  readonly command: string;
  readonly measured: Measured;
  /** Runs stopped at the time limit (then `wallMs` is the limit). */
  readonly timedOut: number;
  readonly timeLimitMs: number;
}

export interface Target {
  readonly id: string;
  readonly description: string;
  readonly limit: string;
  /** The measured value (undefined: not measured in this mode). */
  readonly value?: number;
  readonly unit: string;
  readonly n?: number;
  /** undefined: not measured in this mode. */
  readonly met?: boolean;
}

export interface BenchResults {
  readonly schema: 1;
  readonly mode: 'full' | 'quick';
  readonly environment: Record<string, unknown>;
  readonly settings: Record<string, unknown>;
  readonly scale: readonly ScaleResult[];
  readonly growth: Record<string, number>;
  readonly overhead: readonly OverheadResult[];
  readonly cdkNag: readonly NagResult[];
  readonly floor: readonly FloorResult[];
  readonly coldStart: readonly CommandResult[];
  readonly cliSynth: readonly CliSynthResult[];
  readonly targets: readonly Target[];
}

/** ours / theirs, two decimals. */
export const ratioOf = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export function growthOf(scale: readonly ScaleResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 1; i < scale.length; i++) {
    const [a, b] = [scale[i - 1], scale[i]];
    out[`t(${b.n})/t(${a.n})`] = ratioOf(b.synthAndCheck.wallMs.median, a.synthAndCheck.wallMs.median);
    out[`resources(${b.n})/resources(${a.n})`] = ratioOf(b.artifacts.resources, a.artifacts.resources);
  }
  return out;
}

export function targetsOf(
  scale: readonly ScaleResult[],
  overhead: readonly OverheadResult[],
  nag: readonly NagResult[],
  floor: readonly FloorResult[],
  cold: readonly CommandResult[],
): Target[] {
  const at = <T extends { n: number }>(list: readonly T[], n: number) => list.find((x) => x.n === n);
  const largest = <T extends { n: number }>(list: readonly T[]) => list[list.length - 1];
  const s1000 = at(scale, 1000);
  const s100 = at(scale, 100);
  const target = (
    id: string,
    description: string,
    limit: string,
    unit: string,
    value: number | undefined,
    n: number | undefined,
    ok: (v: number) => boolean,
  ): Target => ({ id, description, limit, value, unit, n, met: value === undefined ? undefined : ok(value) });
  const o = largest(overhead);
  const g = largest(nag);
  const f = largest(floor);
  const coldOf = (prefix: string) => cold.find((c) => c.command.startsWith(prefix))?.measured?.wallMs.median;
  return [
    target(
      'scale-time',
      'N = 1000: synth (both worlds) + check, whole process, validator off',
      '< 60 s',
      's',
      s1000 && s1000.synthAndCheck.wallMs.median / 1000,
      s1000?.n,
      (v) => v < 60,
    ),
    target(
      'scale-memory',
      'N = 1000: peak RSS of synth + check',
      '< 2048 MiB',
      'MiB',
      s1000?.synthAndCheck.peakRssMiB?.median,
      s1000?.n,
      (v) => v < 2048,
    ),
    target(
      'growth',
      't(1000) / t(100), synth + check',
      '≤ 12',
      '×',
      s1000 && s100 ? ratioOf(s1000.synthAndCheck.wallMs.median, s100.synthAndCheck.wallMs.median) : undefined,
      s1000?.n,
      (v) => v <= 12,
    ),
    target(
      'overhead',
      'synthesis over the bare frameworks (same resources), whole process',
      '≤ 1.2×',
      '×',
      o?.ratio.wall,
      o?.n,
      (v) => v <= 1.2,
    ),
    target(
      'checker-vs-cdk-nag',
      "cdk-nag's two packs (validateScope) / our check, same AWS app",
      '≥ 10×',
      '×',
      g?.ratio.evaluate,
      g?.n,
      (v) => v >= 10,
    ),
    target(
      'checker-vs-floor',
      'our check / JSON.parse of the same artifacts',
      '≤ 3×',
      '×',
      f?.ratio,
      f?.n,
      (v) => v <= 3,
    ),
    target(
      'cold-help',
      'npx sovereign-lz --help in a project that installed it, whole process',
      '< 1000 ms',
      'ms',
      coldOf(NPX_COMMAND),
      undefined,
      (v) => v < 1000,
    ),
    target(
      'cold-help-node',
      'sovereign-lz --help (the bin run by node), whole process',
      '< 1000 ms',
      'ms',
      coldOf('sovereign-lz --help'),
      undefined,
      (v) => v < 1000,
    ),
    target(
      'cold-check',
      'sovereign-lz check on one template, whole process',
      '< 1000 ms',
      'ms',
      coldOf('sovereign-lz check'),
      undefined,
      (v) => v < 1000,
    ),
  ];
}
