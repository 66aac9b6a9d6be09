import { cluster, find, findingsOf, judgeObjects, on, passed, PROFILE } from '../helpers/kubernetes';

function judgeWith(change: (objects: any[]) => void, options: Parameters<typeof judgeObjects>[1] = {}) {
  const objects = cluster();
  change(objects);
  return judgeObjects(objects, options);
}

const SC = 'StorageClass/encrypted';
const PVC = 'PersistentVolumeClaim/records/records-data';
const DS = 'DaemonSet/logging/log-forwarder';

describe('ENC-1', () => {
  test('an encrypting storage class, and the claims that use it, pass', () => {
    const r = judgeObjects(cluster());
    expect(passed(r, 'ENC-1/storage-class-encryption', SC)).toBe(true);
    expect(passed(r, 'ENC-1/volume-storage-class', PVC)).toBe(true);
  });
  test('fails if a storage class does not declare encryption, and so does each claim of it', () => {
    const r = judgeWith((o) => delete find(o, 'StorageClass', 'encrypted').parameters.encrypted);
    expect(on(r, 'ENC-1/storage-class-encryption', SC)).toEqual([
      expect.objectContaining({
        control: 'ENC-1',
        status: 'fail',
        message: expect.stringContaining("'rbd.csi.ceph.com'"),
      }),
    ]);
    expect(on(r, 'ENC-1/volume-storage-class', PVC)[0].message).toContain(
      "storage class 'encrypted', which does not declare encryption",
    );
  });
  test("another driver's encryption parameter counts", () => {
    const r = judgeWith((o) => {
      const sc = find(o, 'StorageClass', 'encrypted');
      sc.provisioner = 'pxd.portworx.com';
      sc.parameters = { secure: 'true', encryptionKMSID: 'vault-casablanca' };
    });
    expect(passed(r, 'ENC-1/storage-class-encryption', SC)).toBe(true);
  });
  test('a claim relying on the default class uses the class annotated as default', () => {
    const r = judgeWith((o) => {
      delete find(o, 'PersistentVolumeClaim', 'records-data').spec.storageClassName;
      find(o, 'StorageClass', 'encrypted').metadata.annotations = {
        'storageclass.kubernetes.io/is-default-class': 'true',
      };
    });
    expect(passed(r, 'ENC-1/volume-storage-class', PVC)).toBe(true);
  });
  test('a claim of a class the input does not declare cannot be proven', () => {
    const r = judgeWith((o) => (find(o, 'PersistentVolumeClaim', 'records-data').spec.storageClassName = 'fast'));
    expect(on(r, 'ENC-1/volume-storage-class', PVC)[0]).toEqual(
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining("'fast'") }),
    );
  });
  test("a StatefulSet's volume claim templates are judged", () => {
    const r = judgeWith((o) =>
      o.push({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'records' },
        spec: { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'plain' } }] },
      }),
    );
    expect(on(r, 'ENC-1/volume-storage-class', 'StatefulSet/records/db')[0].message).toContain("'plain'");
  });
});

describe('ENC-2', () => {
  const RULE = 'ENC-2/ingress-tls';
  const ING = 'Ingress/web/portal';
  test('an ingress whose hosts are covered by TLS (a wildcard here) passes', () => {
    expect(passed(judgeObjects(cluster()), RULE, ING)).toBe(true);
  });
  test('fails if an ingress declares no TLS', () => {
    const r = judgeWith((o) => delete find(o, 'Ingress', 'portal').spec.tls);
    expect(on(r, RULE, ING)).toEqual([
      expect.objectContaining({ control: 'ENC-2', status: 'fail', message: expect.stringContaining('no TLS') }),
    ]);
  });
  test('fails if a host has no TLS entry', () => {
    const r = judgeWith((o) => find(o, 'Ingress', 'portal').spec.rules.push({ host: 'admin.gov.ma' }));
    expect(on(r, RULE, ING)[0].message).toContain("'admin.gov.ma'");
  });
});

describe('KEY-1', () => {
  const RULE = 'KEY-1/storage-class-kms';
  test('a class of sensitive data keyed by an allowlisted in-country key manager passes', () => {
    expect(passed(judgeObjects(cluster()), RULE, SC)).toBe(true);
  });
  test('fails if the key manager is not on the allowlist', () => {
    const r = judgeWith((o) => (find(o, 'StorageClass', 'encrypted').parameters.encryptionKMSID = 'aws-kms'));
    expect(on(r, RULE, SC)).toEqual([
      expect.objectContaining({ control: 'KEY-1', status: 'fail', message: expect.stringContaining("'aws-kms'") }),
    ]);
  });
  test('fails if a class of sensitive data names no key manager', () => {
    const r = judgeWith((o) => delete find(o, 'StorageClass', 'encrypted').parameters.encryptionKMSID);
    expect(on(r, RULE, SC)[0].message).toContain('names no key manager');
  });
  test('does not apply to internal data', () => {
    const r = judgeWith((o) => {
      delete find(o, 'StorageClass', 'encrypted').parameters.encryptionKMSID;
      find(o, 'StorageClass', 'encrypted').metadata.labels['sovereign-lz.io/classification'] = 'internal';
      find(o, 'Namespace', 'records').metadata.labels['sovereign-lz.io/classification'] = 'internal';
    });
    expect(on(r, RULE, SC)).toEqual([]);
  });
});

describe('LOG-1', () => {
  const RULE = 'LOG-1/log-forwarder-present';
  test("a cluster with a log forwarder DaemonSet passes, and AWS's trail is not asked of it", () => {
    const r = judgeObjects(cluster());
    expect(passed(r, RULE, DS)).toBe(true);
    expect(findingsOf(r, 'LOG-1/trail-present')).toEqual([]);
  });
  test('manifests without a forwarder cannot prove the shipping of logs (a warning, not a failure)', () => {
    const r = judgeObjects(cluster().filter((o) => o.kind !== 'DaemonSet'));
    expect(findingsOf(r, RULE)).toEqual([
      expect.objectContaining({ status: 'cannot-prove', severity: 'warning', resource: 'kubernetes-manifests' }),
    ]);
  });
});

describe('LOG-2', () => {
  const RULE = 'LOG-2/log-sink-retention';
  test('a sink keeping logs 365 days passes under morocco', () => {
    expect(passed(judgeObjects(cluster()), RULE, DS)).toBe(true);
  });
  test("fails if the sink keeps logs less than the profile's minimum", () => {
    const r = judgeWith(
      (o) => (find(o, 'DaemonSet', 'log-forwarder').metadata.annotations['sovereign-lz.io/log-retention-days'] = '30'),
    );
    expect(on(r, RULE, DS)).toEqual([
      expect.objectContaining({
        control: 'LOG-2',
        status: 'fail',
        source: PROFILE.figureSources.logRetention,
        message: expect.stringContaining('30 days'),
      }),
    ]);
  });
  test('an unrecorded retention cannot be proven', () => {
    const r = judgeWith(
      (o) => delete find(o, 'DaemonSet', 'log-forwarder').metadata.annotations['sovereign-lz.io/log-retention-days'],
    );
    expect(on(r, RULE, DS)[0]).toEqual(expect.objectContaining({ status: 'cannot-prove', severity: 'warning' }));
  });
});
