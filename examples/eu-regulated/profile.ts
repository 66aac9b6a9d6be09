import { eu, extendProfile } from 'sovereign-lz/core';

/** The ARN of the bank's external-key-store (XKS) key, whose material stays in its own HSMs. */
export const XKS_KEY_ARN = 'arn:aws:kms:eu-west-3:111122223333:key/2f1c9d3e-7a55-4c1b-9d0e-5b6a7c8d9e0f';

/**
 * An EU-regulated bank: the built-in `eu` profile, its external key on the allowlist (keys of
 * sensitive data are held outside the provider, C5 CRY-03), its AWS accounts, and the standard
 * contractual clauses that let its support desk in London read customer records.
 */
export const euRegulatedProfile = extendProfile(eu, {
  id: 'eu-regulated',
  name: 'EU-regulated bank (GDPR, SecNumCloud 3.2, BSI C5)',
  allowlists: { externalKeyArns: [XKS_KEY_ARN] },
  accountIds: ['111122223333'],
  transfers: [{ level: 'personal', basis: 'scc', countries: ['GB'], reference: 'SCC-2021/914-M2-2026-03' }],
});
