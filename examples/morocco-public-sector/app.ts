import { App } from 'aws-cdk-lib';
import {
  AuditTrail,
  EncryptedBucket,
  EncryptedLogGroup,
  LogArchiveBucket,
  OrganizationalUnits,
  OrganizationGuardrails,
  SegmentedVpc,
  SovereignBackup,
  SovereignStack,
} from '../../constructs/aws';
import type { BuiltApp, SynthContext } from '../../constructs/cli/app-definition';
import { buildInCountry } from './in-country';
import { publicSectorProfile } from './profile';

/** Paris: the allowlisted region nearest to Morocco (parent of the Casablanca Wavelength zone). */
export const PRIMARY_REGION = 'eu-west-3';
/** Spain (Aragón): the second allowlisted region. */
export const SECONDARY_REGION = 'eu-south-2';
/** The organization's root id (`aws organizations list-roots`): replace it with yours. */
export const ORGANIZATION_ROOT_ID = 'r-a1b2';

/**
 * The Morocco public-sector landing zone. AWS side: the organization's units and guardrails
 * (residency, audit protection, baseline), a log archive with the organization's audit trail, a segmented network, a public citizen portal, an internal records service with
 * in-region backups, and internal analytics in the second region. Sensitive data has no place
 * there: the civil registry runs on the in-country cluster of the Casablanca site
 * (see in-country.ts).
 */
export function buildAws(awsOutdir: string): App {
  const profile = publicSectorProfile;
  const app = new App({ outdir: awsOutdir });
  const primary = { region: PRIMARY_REGION };

  // The organization layer deploys from the management account's home region, Paris, which
  // may host internal data: RES-1 judges it like any other stack.
  const organization = new SovereignStack(app, 'Organization', {
    env: primary,
    profile,
    classification: 'internal',
    description: 'Organizational units and service control policies (residency, audit protection, baseline)',
  });
  const units = new OrganizationalUnits(organization, 'Units', {
    parentId: ORGANIZATION_ROOT_ID,
    workloadLevels: ['public', 'internal'],
  });
  new OrganizationGuardrails(organization, 'Guardrails', {
    targetIds: units.guardrailTargetIds,
    hostedLevels: ['public', 'internal'],
  });

  const logArchive = new SovereignStack(app, 'LogArchive', {
    env: primary,
    profile,
    classification: 'internal',
    description: 'Log archive and audit trail (Law 05-20 Art. 26: technical data kept one year)',
  });
  const archive = new LogArchiveBucket(logArchive, 'Archive');
  new AuditTrail(logArchive, 'Trail', { bucket: archive });

  const network = new SovereignStack(app, 'Network', {
    env: primary,
    profile,
    classification: 'internal',
    description: 'Segmented network: public, application, data and management tiers',
  });
  new SegmentedVpc(network, 'Vpc', { cidr: '10.20.0.0/16', reservedCidrs: ['10.10.0.0/16', '172.16.0.0/12'] });

  const portal = new SovereignStack(app, 'CitizenPortal', {
    env: primary,
    profile,
    classification: 'public',
    description: 'Public content of the citizen portal',
  });
  new EncryptedBucket(portal, 'Content');

  const records = new SovereignStack(app, 'Records', {
    env: primary,
    profile,
    classification: 'internal',
    description: 'Internal administrative records',
  });
  new EncryptedBucket(records, 'Documents');
  new EncryptedLogGroup(records, 'AppLogs');
  new SovereignBackup(records, 'Backup');

  const analytics = new SovereignStack(app, 'Analytics', {
    env: { region: SECONDARY_REGION },
    profile,
    classification: 'internal',
    description: 'Internal statistics, in the second allowlisted region',
  });
  new EncryptedBucket(analytics, 'Datasets');
  new SovereignBackup(analytics, 'Backup');

  return app;
}

/** Both worlds, for `sovereign-lz synth`. */
export function build({ awsOutdir, kubernetesOutdir }: SynthContext): BuiltApp & { readonly aws: App } {
  return { profile: publicSectorProfile, aws: buildAws(awsOutdir), kubernetes: buildInCountry(kubernetesOutdir) };
}
