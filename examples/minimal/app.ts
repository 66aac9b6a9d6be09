import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthContext } from 'sovereign-lz';
import { loadLandingZone, type BuiltLandingZone } from 'sovereign-lz/landing-zone';

/** The declaration beside this file (from the sources, or from lib/examples after the build). */
export const ZONE_FILE = [
  join(__dirname, 'zone.yaml'),
  join(__dirname, '..', '..', '..', 'examples', 'minimal', 'zone.yaml'),
].find(existsSync)!;

/**
 * The minimal example as an app module, for `sovereign-lz synth minimal`: the same as
 * `sovereign-lz synth examples/minimal/zone.yaml`.
 */
export function build(context: SynthContext): BuiltLandingZone {
  return loadLandingZone(ZONE_FILE).build(context);
}
