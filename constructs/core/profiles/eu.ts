import type { JurisdictionProfile } from '../profile';
import { EEA_COUNTRIES, EU_COUNTRIES } from '../regions';

/**
 * The European Union: GDPR Chapter V for transfers, with France's SecNumCloud 3.2 and
 * Germany's BSI C5:2020 as the demanding references for sensitive data.
 *
 * Levels are placed by host country, not by an allowlist of regions: every AWS region of an EU
 * (or, for `personal`, EEA) country qualifies, the AWS European Sovereign Cloud's
 * `eusc-de-east-1` (Germany, partition `aws-eusc`) included, as the law draws no line between
 * them; `secret` lives nowhere.
 */
export const eu: JurisdictionProfile = {
  id: 'eu',
  name: 'European Union (GDPR, SecNumCloud 3.2, BSI C5)',
  territory: EU_COUNTRIES,
  levels: {
    public: {
      description: 'anywhere; provider-managed keys allowed',
      hostCountries: '*',
      keyCustody: 'provider',
      absoluteResidency: false,
      source: 'GDPR Art. 32',
    },
    internal: {
      description: 'EU regions preferred; customer-managed key',
      hostCountries: '*',
      preferredCountries: EU_COUNTRIES,
      keyCustody: 'customer',
      absoluteResidency: false,
      source: 'GDPR Art. 32; C5 CRY-01',
    },
    personal: {
      description: 'EEA, or a recorded Chapter V mechanism',
      hostCountries: EEA_COUNTRIES,
      transferBases: ['adequacy', 'scc', 'bcr'],
      keyCustody: 'customer',
      absoluteResidency: false,
      source: 'GDPR Chapter V',
    },
    sensitive: {
      description: 'EU storage, processing and administration; keys held outside the provider',
      hostCountries: EU_COUNTRIES,
      keyCustody: 'customer-exclusive',
      absoluteResidency: false,
      source: 'SecNumCloud 19.2; C5 CRY-03',
    },
    secret: {
      description: 'not hosted in any public cloud',
      hostCountries: [],
      cloudRegions: [],
      keyCustody: 'customer-exclusive',
      absoluteResidency: true,
      source: 'SecNumCloud 19.6',
    },
  },
  logRetentionMinDays: 180,
  keyRotationMaxDays: 365,
  keyDeletionWindowDays: 30,
  figureSources: {
    logRetention: 'SecNumCloud 12.6',
    keyRotation: 'C5 CRY-04',
    keyDeletion: 'C5 CRY-04',
  },
  sites: [],
  allowlists: { externalKeyArns: [], inCountryKmsIds: [], logSinks: [], imageRegistries: [], backupLocations: [] },
  accountIds: [],
  transfers: [],
  attestations: [
    {
      id: 'non-eu-law-protection',
      description: 'The provider is protected from non-EU law (SecNumCloud 19.6 immunity criteria)',
      source: 'SecNumCloud 19.6',
    },
    {
      id: 'chapter-v-mechanisms',
      description: 'Every transfer of personal data outside the EEA rests on a Chapter V mechanism',
      source: 'GDPR Chapter V',
    },
  ],
  controls: {
    'CLS-1': { severity: 'error', source: 'GDPR Art. 32' },
    'RES-1': { severity: 'error', source: 'GDPR Chapter V; SecNumCloud 19.2' },
    'RES-2': { severity: 'error', source: 'GDPR Chapter V; SecNumCloud 19.2' },
    'RES-3': { severity: 'error', source: 'SecNumCloud 19.2' },
    'RES-4': { severity: 'error', source: 'SecNumCloud 19.2' },
    'ENC-1': { severity: 'error', source: 'SecNumCloud 10.1-10.5; C5 CRY-03' },
    'ENC-2': { severity: 'error', source: 'SecNumCloud 10.1-10.5; C5 CRY-02' },
    'KEY-1': { severity: 'error', source: 'C5 CRY-03; SecNumCloud 10.1-10.5' },
    'KEY-2': { severity: 'error', source: 'C5 CRY-04' },
    'KEY-3': { severity: 'error', source: 'C5 CRY-04' },
    'LOG-1': { severity: 'error', source: 'SecNumCloud 12.6; C5 OPS-10' },
    'LOG-2': { severity: 'error', source: 'SecNumCloud 12.6' },
    'LOG-3': { severity: 'error', source: 'C5 OPS-10' },
    'LOG-4': { severity: 'warning', source: 'C5 OPS-10' },
    'NET-1': { severity: 'error', source: 'SecNumCloud 13.2; C5 COS-01' },
    'NET-2': { severity: 'error', source: 'SecNumCloud 13.2; C5 COS-02' },
    'NET-3': { severity: 'error', source: 'SecNumCloud 13.2; C5 COS-03' },
    'NET-4': { severity: 'error', source: 'SecNumCloud 13.2; C5 COS-06' },
    'NET-5': { severity: 'warning', source: 'SecNumCloud 13.2' },
    'NET-6': { severity: 'error', source: 'SecNumCloud 13.2; C5 COS-01' },
    'NET-7': { severity: 'error', source: 'SecNumCloud 13.2; C5 COS-01' },
    'ACC-1': { severity: 'error', source: 'GDPR Art. 32' },
    'IAM-1': { severity: 'error', source: 'GDPR Art. 32' },
    'K8S-1': { severity: 'error', source: 'GDPR Art. 32; C5 PSS-12' },
    'K8S-2': { severity: 'error', source: 'GDPR Art. 32; C5 PSS-12' },
    'K8S-3': { severity: 'warning', source: 'C5 OPS-14' },
    'K8S-4': { severity: 'error', source: 'SecNumCloud 19.2' },
    'BCK-1': { severity: 'error', source: 'SecNumCloud 12.5' },
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
    'JUR-1': { severity: 'info', source: 'SecNumCloud 19.6; GDPR Chapter V' },
  },
};
