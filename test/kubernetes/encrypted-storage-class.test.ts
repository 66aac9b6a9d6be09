import 'cdktf/lib/testing/adapters/jest';
import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { Testing, type TerraformStack } from 'cdktf';
import {
  EncryptedStorageClass,
  type EncryptedStorageClassProps,
} from '../../constructs/kubernetes/encrypted-storage-class';
import type { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { invalidObjects, objectsOfKind, ownResources, resourcesOf, testCluster } from './helpers';

Testing.setupJest();

const CEPH = { type: 'ceph-rbd', clusterId: 'ceph-casa', pool: 'sensitive', kmsId: 'vault-casablanca' } as const;

function storageClass(props: Partial<EncryptedStorageClassProps> = {}, cluster: SovereignCluster = testCluster()) {
  new EncryptedStorageClass(cluster, 'Encrypted', { driver: CEPH, ...props });
  return cluster.node.scope as TerraformStack;
}

test('Ceph RBD: encrypted with the allowlisted in-country KMS, restricted to the site, retained', () => {
  const stack = storageClass();
  expect(Testing.synth(stack)).toHaveResourceWithProperties(StorageClassV1, {
    metadata: expect.objectContaining({
      name: 'encrypted',
      labels: { 'sovereign-lz.io/classification': 'sensitive', 'sovereign-lz.io/jurisdiction': 'morocco' },
    }),
    storage_provisioner: 'rbd.csi.ceph.com',
    parameters: expect.objectContaining({
      clusterID: 'ceph-casa',
      pool: 'sensitive',
      encrypted: 'true',
      encryptionKMSID: 'vault-casablanca',
    }),
    reclaim_policy: 'Retain',
    volume_binding_mode: 'WaitForFirstConsumer',
    allowed_topologies: {
      match_label_expressions: [{ key: 'topology.kubernetes.io/region', values: ['ma-casablanca'] }],
    },
  });
  expect(invalidObjects(stack)).toEqual([]);
});

test('matches the snapshot of its default', () => {
  const cluster = testCluster();
  const sc = new EncryptedStorageClass(cluster, 'Encrypted', { driver: CEPH });
  expect(ownResources(sc)).toMatchSnapshot();
});

test('restricts to zones of the site when asked', () => {
  const stack = storageClass({ zones: ['ma-casablanca-a'] });
  const [sc] = objectsOfKind(stack, 'StorageClass');
  expect(sc.allowedTopologies).toEqual([
    {
      matchLabelExpressions: [
        { key: 'topology.kubernetes.io/region', values: ['ma-casablanca'] },
        { key: 'topology.kubernetes.io/zone', values: ['ma-casablanca-a'] },
      ],
    },
  ]);
});

test('Longhorn: encrypted with its crypto secret, for a level with customer-managed keys', () => {
  const stack = storageClass({ driver: { type: 'longhorn' }, classification: 'internal', isDefault: true });
  const [sc] = objectsOfKind(stack, 'StorageClass');
  expect(sc).toMatchObject({
    metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'driver.longhorn.io',
    parameters: {
      encrypted: 'true',
      numberOfReplicas: '3',
      'csi.storage.k8s.io/node-stage-secret-name': 'longhorn-crypto',
      'csi.storage.k8s.io/node-stage-secret-namespace': 'longhorn-system',
    },
  });
  expect(invalidObjects(stack)).toEqual([]);
});

test('a custom driver that turns encryption on is accepted for internal data', () => {
  const stack = storageClass({
    classification: 'internal',
    driver: { type: 'custom', provisioner: 'csi.example.ma', parameters: { encrypted: 'true', tier: 'gold' } },
  });
  expect(objectsOfKind(stack, 'StorageClass')[0]).toMatchObject({ provisioner: 'csi.example.ma' });
});

test('fails if a sensitive class has no in-country KMS (KEY-1, RQC 3.6.3)', () => {
  expect(() => storageClass({ driver: { type: 'ceph-rbd', clusterId: 'c', pool: 'p' } })).toThrow(
    "[K/Casablanca/Encrypted] KEY-1: level 'sensitive' needs volume keys known only to the customer: give driver.kmsId, an in-country key manager of ceph-csi's KMS configuration (RQC 3.6.3). Use one of the profile's inCountryKmsIds (vault-casablanca)",
  );
});

test('fails if the KMS is not on the allowlist (KEY-1)', () => {
  expect(() => storageClass({ driver: { ...CEPH, kmsId: 'aws-kms-paris' } })).toThrow(
    /^\[K\/Casablanca\/Encrypted\] KEY-1: driver.kmsId 'aws-kms-paris' is not on the profile's allowlist of in-country key managers \(vault-casablanca\)/,
  );
});

test('fails if Longhorn is asked to hold sensitive data (KEY-1), unless suppressed with a reason', () => {
  expect(() => storageClass({ driver: { type: 'longhorn' } })).toThrow(
    /^\[K\/Casablanca\/Encrypted\] KEY-1: Longhorn keeps the volume key in a Kubernetes Secret/,
  );
  const stack = storageClass({
    driver: { type: 'longhorn' },
    suppressions: [
      { id: 'KEY-1', reason: 'etcd encrypted by the customer-only HSM of the DC (DGSSI decision 12/2026)' },
    ],
  });
  const [sc] = Object.values(resourcesOf(stack, 'kubernetes_storage_class_v1'));
  expect(sc['//']).toMatchObject({ 'sovereign-lz': { suppressions: [{ id: 'KEY-1' }] } });
});

test('fails if a custom driver does not turn encryption on (ENC-1)', () => {
  expect(() =>
    storageClass({
      classification: 'internal',
      driver: { type: 'custom', provisioner: 'csi.example.ma', parameters: {} },
    }),
  ).toThrow(
    `[K/Casablanca/Encrypted] ENC-1: the parameters of CSI driver 'csi.example.ma' do not turn encryption on (encrypted: "true") (RQC 3.6.3; DNSSI). Add encrypted: 'true' and the driver's own encryption parameters`,
  );
});

test('fails if a zone is not a zone of the site (RES-2)', () => {
  expect(() => storageClass({ zones: ['eu-west-3a'] })).toThrow(
    "[K/Casablanca/Encrypted] RES-2: zone 'eu-west-3a' is not a zone of site 'ma-casablanca-1' (ma-casablanca-a, ma-casablanca-b) (L05-20 Art. 11; L09-08 Art. 43-44). Use the site's zones, or declare the zone in the profile's site",
  );
});

test('fails if the driver is unknown', () => {
  expect(() => storageClass({ driver: { type: 'nfs' } as never })).toThrow(
    "[K/Casablanca/Encrypted] PROPS: driver.type must be 'ceph-rbd', 'longhorn' or 'custom'",
  );
});
