import type { BuiltApp, SynthContext } from '../constructs/cli/app-definition';
import { LandingZone } from '../constructs/landing-zone/landing-zone';
import { generateLandingZone } from './generate';

/**
 * An app module for `sovereign-lz synth lib/bench/app.js`: the generated landing zone of
 * `BENCH_N` workloads (default 10), so that the benchmarks can time the CLI end to end.
 */
export function build(context: SynthContext): BuiltApp {
  const n = Number(process.env.BENCH_N ?? '10');
  return new LandingZone(generateLandingZone(n)).build(context);
}
