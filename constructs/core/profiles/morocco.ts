import type { JurisdictionProfile } from '../profile';

/**
 * Regions the built-in Morocco profile allows for `internal` (and, with a recorded
 * transfer, `personal`) data: EU regions nearest to Morocco. Narrow or replace it with
 * `extendProfile(morocco, { levels: { internal: { cloudRegions: [...] } } })` or a profile file.
 */
export const MOROCCO_DEFAULT_CLOUD_REGIONS: readonly string[] = [
  'eu-south-2',
  'eu-west-3',
  'eu-west-1',
  'eu-central-1',
];

/**
 * Morocco: Law 05-20 on cybersecurity and its decrees (DGSSI), the DNSSI, the DGSSI cloud
 * qualification referential (RQC), and Law 09-08 on personal data (CNDP).
 *
 * Ships with no sites: declare your in-country sites (e.g. `ma-casablanca-1`) with
 * `extendProfile` or a profile file.
 */
export const morocco: JurisdictionProfile = {
  id: 'morocco',
  name: 'Morocco (Law 05-20, DNSSI, Law 09-08)',
  territory: ['MA'],
  levels: {
    public: {
      description: 'anywhere; provider-managed keys allowed',
      hostCountries: '*',
      keyCustody: 'provider',
      absoluteResidency: false,
      source: 'DNSSI',
    },
    internal: {
      description: 'allowlisted cloud regions; customer-managed key',
      hostCountries: '*',
      cloudRegions: MOROCCO_DEFAULT_CLOUD_REGIONS,
      keyCustody: 'customer',
      absoluteResidency: false,
      source: 'DNSSI; D2-24-921',
    },
    personal: {
      description: 'Morocco, or abroad only with a recorded CNDP authorization, consent or adequacy',
      hostCountries: ['MA'],
      cloudRegions: MOROCCO_DEFAULT_CLOUD_REGIONS,
      transferBases: ['cndp-authorization', 'adequacy', 'consent'],
      keyCustody: 'customer',
      absoluteResidency: false,
      source: 'L09-08 Art. 43-44',
    },
    sensitive: {
      description: 'Moroccan territory only (in-country sites); keys known only to the customer',
      hostCountries: ['MA'],
      cloudRegions: [],
      keyCustody: 'customer-exclusive',
      absoluteResidency: true,
      source: 'L05-20 Art. 11; RQC 3.15.2',
    },
    secret: {
      description: 'not hosted in any public cloud',
      hostCountries: [],
      cloudRegions: [],
      keyCustody: 'customer-exclusive',
      absoluteResidency: true,
      source: 'D2-21-406; DNSSI',
    },
  },
  logRetentionMinDays: 365,
  keyRotationMaxDays: 365,
  keyDeletionWindowDays: 30,
  figureSources: {
    logRetention: 'L05-20 Art. 26; RQC 3.8.6',
    keyRotation: 'RQC 3.6.3',
    keyDeletion: 'RQC 3.6.3',
  },
  sites: [],
  allowlists: { externalKeyArns: [], inCountryKmsIds: [], logSinks: [], imageRegistries: [], backupLocations: [] },
  accountIds: [],
  transfers: [],
  attestations: [
    {
      id: 'provider-qualification',
      description: 'The cloud provider holds the DGSSI qualification level required for the data (Level 1 or 2)',
      source: 'D2-24-921; RQC',
    },
    {
      id: 'moroccan-law-contract',
      description: 'The outsourcing contract is governed by Moroccan law',
      source: 'L05-20 Art. 12',
    },
    {
      id: 'cndp-authorizations',
      description: 'Transfers of personal data abroad are authorized by the CNDP or otherwise lawful',
      source: 'L09-08 Art. 43-44',
    },
    {
      id: 'classification-review',
      description: 'The classification of information systems is reviewed at least every 3 years',
      source: 'DNSSI',
    },
  ],
  controls: {
    'CLS-1': { severity: 'error', source: 'D2-21-406 Art. 10-12; DNSSI' },
    'RES-1': { severity: 'error', source: 'L05-20 Art. 11; L09-08 Art. 43-44; RQC 3.15.2' },
    'RES-2': { severity: 'error', source: 'L05-20 Art. 11; L09-08 Art. 43-44' },
    'RES-3': { severity: 'error', source: 'RQC 3.15.2' },
    'RES-4': { severity: 'error', source: 'L05-20 Art. 11; RQC 3.15.2' },
    'ENC-1': { severity: 'error', source: 'RQC 3.6.3; DNSSI' },
    'ENC-2': { severity: 'error', source: 'DNSSI' },
    'KEY-1': { severity: 'error', source: 'RQC 3.6.3' },
    'KEY-2': { severity: 'error', source: 'RQC 3.6.3' },
    'KEY-3': { severity: 'error', source: 'RQC 3.6.3' },
    'LOG-1': { severity: 'error', source: 'L05-20 Art. 26; RQC 3.8.6; DNSSI' },
    'LOG-2': { severity: 'error', source: 'L05-20 Art. 26; RQC 3.8.6' },
    'LOG-3': { severity: 'error', source: 'DNSSI; L05-20 Art. 26' },
    'LOG-4': { severity: 'warning', source: 'DNSSI' },
    'NET-1': { severity: 'error', source: 'DNSSI (filtrage)' },
    'NET-2': { severity: 'error', source: 'DNSSI (cloisonnement)' },
    'NET-3': { severity: 'error', source: 'DNSSI (cloisonnement)' },
    'NET-4': { severity: 'error', source: 'DNSSI (cloisonnement)' },
    'NET-5': { severity: 'warning', source: 'DNSSI (cloisonnement)' },
    'NET-6': { severity: 'error', source: 'DNSSI (cloisonnement, filtrage)' },
    'NET-7': { severity: 'error', source: 'DNSSI (cloisonnement, filtrage)' },
    'ACC-1': { severity: 'error', source: 'DNSSI' },
    'IAM-1': { severity: 'error', source: 'DNSSI' },
    'K8S-1': { severity: 'error', source: 'DNSSI' },
    'K8S-2': { severity: 'error', source: 'DNSSI' },
    'K8S-3': { severity: 'warning', source: 'DNSSI' },
    'K8S-4': { severity: 'error', source: 'RQC 3.15.2; DNSSI' },
    'BCK-1': { severity: 'error', source: 'DNSSI; L05-20 Art. 11' },
    'DEP-1': { severity: 'error', source: 'AWS CloudFormation User Guide: Best practices for using StackSets' },
    'DEP-2': { severity: 'error', source: 'AWS CloudFormation Template Reference: Name type' },
    'DEP-3': { severity: 'error', source: 'AWS CloudTrail User Guide: Organization delegated administrator' },
    'DEP-4': { severity: 'error', source: 'AWS Organizations User Guide: SCP effects on permissions' },
    'DEP-5': { severity: 'error', source: 'AWS CloudFormation Template Reference: Fn::ImportValue' },
    'DEP-6': { severity: 'error', source: 'AWS CloudFormation User Guide: Understand CloudFormation quotas' },
    'DEP-7': {
      severity: 'error',
      source: 'Kubernetes documentation: Persistent Volumes; Liveness, Readiness and Startup Probes; Custom Resources',
    },
    'JUR-1': { severity: 'info', source: 'D2-24-921; L05-20 Art. 12; L09-08 Art. 43-44' },
  },
};
