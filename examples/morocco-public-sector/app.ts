import type { SynthContext } from 'sovereign-lz';
import { LandingZone, type BuiltLandingZone } from 'sovereign-lz/landing-zone';
import { moroccoPublicSector } from './zone';

/**
 * The Morocco public-sector landing zone (see zone.ts for the declaration): AWS stacks for
 * the organization, log archive, networks and cloud workloads, and the Terraform stack of
 * the Casablanca site for the civil registry. `sovereign-lz synth` calls `build`.
 */
export function build(context: SynthContext): BuiltLandingZone {
  return new LandingZone(moroccoPublicSector).build(context);
}
