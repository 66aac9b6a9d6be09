import type { LandingZoneDeclaration } from 'sovereign-lz/landing-zone';
import { publicSectorProfile } from './profile';

// Images are pinned by digest (K8S-4): a tag can be moved, a digest cannot.
const image = (repository: string, hex: string) => `registry.gov.ma/${repository}@sha256:${hex.repeat(64)}`;

/**
 * The Morocco public-sector landing zone, declared once. Public and internal workloads go to
 * the allowlisted AWS regions (Paris first, then Spain); the civil registry, `sensitive`
 * (Law 05-20 Art. 11: national territory only), goes to the in-country cluster of the
 * Casablanca site. The account ids are placeholders: put yours.
 */
export const moroccoPublicSector: LandingZoneDeclaration = {
  name: 'morocco-public-sector',
  profile: publicSectorProfile,
  // Paris, the allowlisted region nearest to Morocco, is the home region; Spain the second.
  regions: ['eu-west-3', 'eu-south-2'],
  organization: { id: 'o-a1b2c3d4e5', rootId: 'r-a1b2' },
  accounts: {
    management: '111111111111',
    logArchive: '222222222222',
    audit: '333333333333',
    network: '444444444444',
    workloads: { portal: '555555555555', administration: '666666666666' },
  },
  network: { reservedCidrs: ['10.10.0.0/16', '172.16.0.0/12'] },
  sites: [
    {
      name: 'ma-casablanca-1',
      storage: { driver: 'ceph-rbd', clusterId: 'ceph-casablanca', pool: 'sensitive', kmsId: 'vault-casablanca' },
      logs: { host: 'logs.casablanca.gov.ma', cidrs: ['10.30.0.0/24'], image: image('mirror/fluent-bit', 'f') },
      backupLocation: 'minio-casablanca',
    },
  ],
  workloads: [
    {
      name: 'citizen-portal',
      classification: 'public',
      description: 'Public content of the citizen portal',
      account: 'portal',
      stores: [{ name: 'content', kind: 'objects' }],
    },
    {
      name: 'records',
      classification: 'internal',
      description: 'Internal administrative records',
      account: 'administration',
      stores: [
        { name: 'documents', kind: 'objects' },
        { name: 'app-logs', kind: 'logs' },
      ],
    },
    {
      name: 'analytics',
      classification: 'internal',
      description: 'Internal statistics, in the second region',
      account: 'administration',
      region: 'eu-south-2',
      stores: [{ name: 'datasets', kind: 'objects' }],
    },
    {
      name: 'civil-registry',
      classification: 'sensitive',
      description: 'The civil registry: national territory only',
      owners: ['civil-registry-team'],
      stores: [{ name: 'registry', kind: 'objects' }],
      services: [
        {
          name: 'api',
          tier: 'application',
          image: image('civil-registry/api', 'a'),
          port: 8443,
          healthCheckPath: '/healthz',
        },
        {
          name: 'database',
          tier: 'data',
          image: image('civil-registry/postgres', 'b'),
          port: 5432,
          replicas: 1,
          writablePaths: ['/tmp', '/var/run/postgresql'],
          // The official image keeps its data here, on the pod's encrypted volume; PGDATA is a
          // subdirectory, as the volume's root holds lost+found and initdb wants an empty one.
          dataPath: '/var/lib/postgresql/data',
          env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
          secrets: { POSTGRES_PASSWORD: { secret: 'registry-database', key: 'password' } },
        },
      ],
    },
  ],
  flows: [
    { from: 'civil-registry/application', to: 'civil-registry/data', port: 5432 },
    // The records service asks the registry whether a person exists: the answer is internal.
    { from: 'records', to: 'civil-registry', port: 8443, carries: 'internal' },
  ],
};
