import { extendProfile, morocco } from 'sovereign-lz/core';

/**
 * The Morocco public-sector profile: the built-in `morocco` profile with the region allowlist
 * this administration approved (Paris, nearest to Casablanca's Wavelength parent, and Spain as
 * the second region), its in-country sites, where sensitive data lives, and what those sites
 * may use.
 */
export const publicSectorProfile = extendProfile(morocco, {
  id: 'morocco-public-sector',
  name: 'Morocco public sector (Law 05-20, DNSSI, Law 09-08)',
  levels: {
    internal: { cloudRegions: ['eu-west-3', 'eu-south-2'] },
    personal: { cloudRegions: ['eu-west-3', 'eu-south-2'] },
  },
  // What the in-country side may use: the national registry mirror, the site's key manager
  // (Vault, holding the keys of sensitive volumes), its log collector and backup storage.
  allowlists: {
    imageRegistries: ['registry.gov.ma'],
    inCountryKmsIds: ['vault-casablanca'],
    logSinks: ['logs.casablanca.gov.ma'],
    backupLocations: ['minio-casablanca'],
  },
  sites: [
    {
      name: 'ma-casablanca-1',
      country: 'MA',
      regionValues: ['ma-casablanca'],
      zoneValues: ['ma-casablanca-1a', 'ma-casablanca-1b'],
      operator: 'National data center (DGSSI-qualified, Level 2)',
    },
    {
      name: 'ma-rabat-1',
      country: 'MA',
      regionValues: ['ma-rabat'],
      zoneValues: ['ma-rabat-1a'],
      operator: 'National data center (DGSSI-qualified, Level 2)',
    },
  ],
});
