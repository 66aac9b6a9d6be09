import { App } from 'aws-cdk-lib';
import {
  AuditTrail,
  deploymentRoleSynthesizer,
  EncryptedBucket,
  EncryptedLogGroup,
  OrganizationalUnits,
  OrganizationGuardrails,
  SegmentedVpc,
  SovereignBackup,
  SovereignKey,
  SovereignStack,
} from 'sovereign-lz/aws';
import type { BuiltApp, SynthContext } from 'sovereign-lz';
import { euRegulatedProfile, XKS_KEY_ARN } from './profile';

/**
 * An EU-regulated landing zone: the organization's guardrails, the audit trail, a segmented network, customer records
 * (`personal`) in Frankfurt with in-region backups, payment data (`sensitive`) in Paris
 * encrypted with the bank's external key, and internal analytics in Stockholm.
 */
export function build({ awsOutdir }: SynthContext): BuiltApp & { readonly aws: App } {
  const profile = euRegulatedProfile;
  const app = new App({ outdir: awsOutdir });
  // Every stack deploys with the deployment role the guardrails exempt, never the CDK bootstrap's.
  const synthesizer = () => deploymentRoleSynthesizer();

  const organization = new SovereignStack(app, 'Organization', {
    env: { region: 'eu-west-3' },
    synthesizer: synthesizer(),
    profile,
    classification: 'internal',
  });
  const units = new OrganizationalUnits(organization, 'Units', { parentId: 'r-e5f6' });
  new OrganizationGuardrails(organization, 'Guardrails', { targetIds: units.guardrailTargetIds });

  const audit = new SovereignStack(app, 'Audit', {
    env: { region: 'eu-west-3' },
    synthesizer: synthesizer(),
    profile,
    classification: 'internal',
  });
  new AuditTrail(audit, 'Trail');

  const network = new SovereignStack(app, 'Network', {
    env: { region: 'eu-central-1' },
    synthesizer: synthesizer(),
    profile,
    classification: 'personal',
  });
  new SegmentedVpc(network, 'Vpc', { cidr: '10.40.0.0/16', publicTier: false });

  const customers = new SovereignStack(app, 'Customers', {
    env: { region: 'eu-central-1' },
    synthesizer: synthesizer(),
    profile,
    classification: 'personal',
  });
  new EncryptedBucket(customers, 'Records');
  new EncryptedLogGroup(customers, 'AppLogs');
  new SovereignBackup(customers, 'Backup');

  // Sensitive data stays in the EU with keys held outside the provider: the bank's XKS key.
  const payments = new SovereignStack(app, 'Payments', {
    env: { region: 'eu-west-3' },
    synthesizer: synthesizer(),
    profile,
    classification: 'sensitive',
  });
  const xks = new SovereignKey(payments, 'ExternalKey', { externalKeyArn: XKS_KEY_ARN });
  new EncryptedBucket(payments, 'Ledger', { encryptionKey: xks.key });
  // Backups protect only their own region and account: each region with data has its plan.
  new SovereignBackup(payments, 'Backup', { encryptionKey: xks.key });

  const analytics = new SovereignStack(app, 'Analytics', {
    env: { region: 'eu-north-1' },
    synthesizer: synthesizer(),
    profile,
    classification: 'internal',
  });
  new EncryptedBucket(analytics, 'Datasets');
  new SovereignBackup(analytics, 'Backup');

  return { profile, aws: app };
}
