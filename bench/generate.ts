import { extendProfile, morocco, type JurisdictionProfile } from '../constructs/core';
import type { LandingZoneDeclaration } from '../constructs/landing-zone/declaration';
import { BENCH_REGIONS, zoneShape } from './shape';

/**
 * The profile of generated zones: the built-in `morocco` profile with Paris and Spain
 * allowlisted for internal data, and both in-country sites with their key managers, log
 * collectors and backup locations.
 */
export const benchProfile: JurisdictionProfile = extendProfile(morocco, {
  id: 'morocco-bench',
  name: 'Morocco (benchmark landing zones)',
  levels: {
    internal: { cloudRegions: [...BENCH_REGIONS] },
    personal: { cloudRegions: [...BENCH_REGIONS] },
  },
  allowlists: {
    imageRegistries: ['registry.gov.ma'],
    inCountryKmsIds: ['vault-casablanca', 'vault-rabat'],
    logSinks: ['logs.casablanca.gov.ma', 'logs.rabat.gov.ma'],
    backupLocations: ['minio-casablanca', 'minio-rabat'],
  },
  sites: [
    {
      name: 'ma-casablanca-1',
      country: 'MA',
      regionValues: ['ma-casablanca'],
      zoneValues: ['ma-casablanca-1a', 'ma-casablanca-1b'],
      operator: 'National data center (benchmark)',
    },
    {
      name: 'ma-rabat-1',
      country: 'MA',
      regionValues: ['ma-rabat'],
      zoneValues: ['ma-rabat-1a'],
      operator: 'National data center (benchmark)',
    },
  ],
});

/**
 * A lawful landing zone of `n` workloads under {@link benchProfile}: deterministic, mixed
 * levels in both worlds (see shape.ts). It synthesizes and checks with no unsuppressed error.
 */
export function generateLandingZone(n: number): LandingZoneDeclaration {
  return { ...zoneShape(n), profile: benchProfile };
}
