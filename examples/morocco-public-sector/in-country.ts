import { App, LocalBackend, TerraformStack } from 'cdktf';
import {
  BackupSchedule,
  EncryptedStorageClass,
  HardenedWorkload,
  InCountryAdmissionPolicy,
  LogForwarder,
  SovereignCluster,
  SovereignNamespace,
  TierFlow,
} from '../../constructs/kubernetes';
import { publicSectorProfile } from './profile';

// Images are pinned by digest (K8S-4): a tag can be moved, a digest cannot.
const image = (repository: string, hex: string) => `registry.gov.ma/${repository}@sha256:${hex.repeat(64)}`;

/**
 * The in-country side of the Morocco public-sector landing zone: the civil registry, whose
 * data is `sensitive` (Law 05-20 Art. 11: only on national territory), runs on the Kubernetes
 * cluster of the Casablanca site, as a Terraform stack for the Kubernetes provider.
 */
export function buildInCountry(outdir: string): App {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'casablanca');
  // Terraform state is technical data (RQC 3.15.2): keep it in-country. In production use a
  // backend on the site (e.g. the pg backend or S3-compatible storage in Casablanca); the
  // relative local path keeps the example's output identical on every machine.
  new LocalBackend(stack, { path: 'terraform.casablanca.tfstate' });
  const cluster = new SovereignCluster(stack, 'Cluster', {
    profile: publicSectorProfile,
    site: 'ma-casablanca-1',
    kubeconfigContext: 'ma-casablanca-1',
    classificationCeiling: 'sensitive',
  });

  // The cluster itself refuses pods of sensitive namespaces without the in-country affinity.
  new InCountryAdmissionPolicy(cluster, 'Guardrail');
  new EncryptedStorageClass(cluster, 'Encrypted', {
    driver: { type: 'ceph-rbd', clusterId: 'ceph-casablanca', pool: 'sensitive', kmsId: 'vault-casablanca' },
    isDefault: true,
  });
  new LogForwarder(cluster, 'Logs', {
    image: image('mirror/fluent-bit', 'f'),
    sink: { host: 'logs.casablanca.gov.ma', cidrs: ['10.30.0.0/24'] },
  });

  const registry = new SovereignNamespace(cluster, 'CivilRegistry', {
    name: 'civil-registry',
    tier: 'application',
    classification: 'sensitive',
    owners: [{ kind: 'Group', name: 'civil-registry-team' }],
  });
  const registryData = new SovereignNamespace(cluster, 'CivilRegistryData', {
    name: 'civil-registry-data',
    tier: 'data',
    classification: 'sensitive',
    owners: [{ kind: 'Group', name: 'civil-registry-dba' }],
  });
  new HardenedWorkload(registry, 'Api', {
    image: image('civil-registry/api', 'a'),
    ports: [{ containerPort: 8443, name: 'https' }],
    healthCheckPath: '/healthz',
  });
  new HardenedWorkload(registryData, 'Database', {
    image: image('civil-registry/postgres', 'b'),
    ports: [{ containerPort: 5432, name: 'postgres' }],
    replicas: 1,
    writablePaths: ['/tmp', '/var/run/postgresql'],
  });
  new BackupSchedule(registryData, 'Backup');
  new TierFlow(cluster, 'ApiToDatabase', { from: registry, to: registryData, ports: [{ port: 5432 }] });
  return app;
}
