import type { TerraformStack } from 'cdktf';
import { extendProfile, morocco } from '../../constructs/core';
import { BackupSchedule, type BackupScheduleProps } from '../../constructs/kubernetes/backup-schedule';
import { SovereignNamespace } from '../../constructs/kubernetes/sovereign-namespace';
import {
  CASABLANCA,
  invalidObjects,
  objectsOfKind,
  ownResources,
  resourcesOf,
  schemaProblems,
  testCluster,
} from './helpers';
import { VELERO_SCHEMAS } from './velero-schedule-schema';

function backup(props: BackupScheduleProps = {}, cluster = testCluster()) {
  const ns = new SovereignNamespace(cluster, 'Records', { tier: 'data' });
  new BackupSchedule(ns, 'Backup', props);
  return cluster.node.scope as TerraformStack;
}

test('schedules a daily Velero backup of the namespace to the in-country location (BCK-1)', () => {
  const stack = backup();
  const [schedule] = objectsOfKind(stack, 'Schedule');
  expect(schedule).toEqual({
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: {
      name: 'sovereign-lz-records',
      namespace: 'velero',
      labels: { 'sovereign-lz.io/classification': 'sensitive', 'sovereign-lz.io/jurisdiction': 'morocco' },
    },
    spec: {
      schedule: '0 1 * * *',
      useOwnerReferencesInBackup: false,
      template: {
        includedNamespaces: ['records'],
        storageLocation: 'minio-casablanca',
        ttl: '720h0m0s',
        defaultVolumesToFsBackup: true,
        snapshotVolumes: false,
      },
    },
  });
  const [manifest] = Object.values(resourcesOf(stack, 'kubernetes_manifest'));
  expect(manifest.depends_on).toHaveLength(1);
  expect(invalidObjects(stack, VELERO_SCHEMAS)).toEqual([]);
});

test('matches the snapshot of its default', () => {
  const ns = new SovereignNamespace(testCluster(), 'Records', { tier: 'data' });
  expect(ownResources(new BackupSchedule(ns, 'Backup'))).toMatchSnapshot();
});

test('snapshot mode moves the snapshot data to the storage location', () => {
  const stack = backup({ volumeBackup: 'snapshot', retentionDays: 90, schedule: '@daily' });
  const [schedule] = objectsOfKind(stack, 'Schedule');
  expect(schedule.spec).toMatchObject({
    schedule: '@daily',
    template: { ttl: '2160h0m0s', snapshotVolumes: true, snapshotMoveData: true, defaultVolumesToFsBackup: false },
  });
  expect(invalidObjects(stack, VELERO_SCHEMAS)).toEqual([]);
});

test("includes the cluster-scoped objects of the namespace's claims (volumes, snapshot contents), which a restore needs", () => {
  for (const volumeBackup of ['filesystem', 'snapshot'] as const) {
    const [schedule] = objectsOfKind(backup({ volumeBackup }), 'Schedule');
    // Unset is Velero's "auto": the PersistentVolumes of the claims (and the VolumeSnapshotContents
    // of CSI snapshots) are backed up; `false` would leave them out.
    expect((schedule.spec as { template: Record<string, unknown> }).template).not.toHaveProperty(
      'includeClusterResources',
    );
  }
});

describe('registers what the site needs before the first apply', () => {
  const prerequisites = (props: BackupScheduleProps = {}) => {
    const cluster = testCluster({ kubeconfigContext: 'casablanca prod' });
    backup(props, cluster);
    return cluster.prerequisites;
  };

  test("the Schedule's CRD and Velero's namespace, with the commands that make them", () => {
    const found = prerequisites();
    expect(found.filter((p) => p.kind === 'kubernetes-crd' || p.kind === 'kubernetes-namespace')).toEqual([
      {
        id: 'crd:ma-casablanca-1:schedules.velero.io',
        kind: 'kubernetes-crd',
        target: 'site:ma-casablanca-1',
        name: 'schedules.velero.io',
        description: {
          en: expect.stringContaining('kubernetes_manifest reads it at plan time'),
          fr: expect.stringContaining('kubernetes_manifest la lit au moment du plan'),
        },
        // Words, unquoted: the printer quotes each (the context has a space).
        commands: [['velero', 'install', '--crds-only', '--kubecontext', 'casablanca prod']],
      },
      {
        id: 'namespace:ma-casablanca-1:velero',
        kind: 'kubernetes-namespace',
        target: 'site:ma-casablanca-1',
        name: 'velero',
        description: expect.objectContaining({ en: expect.stringContaining('the namespace of Velero') }),
        commands: [['kubectl', '--context', 'casablanca prod', 'create', 'namespace', 'velero']],
      },
    ]);
    expect(found.map((p) => p.id)).toEqual(
      expect.arrayContaining(['velero:ma-casablanca-1', 'backup-location:ma-casablanca-1:minio-casablanca']),
    );
  });

  test('in snapshot mode, the CSI snapshot CRDs and a VolumeSnapshotClass for Velero', () => {
    const ids = prerequisites({ volumeBackup: 'snapshot', veleroNamespace: 'backups' }).map((p) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'crd:ma-casablanca-1:volumesnapshots.snapshot.storage.k8s.io',
        'crd:ma-casablanca-1:volumesnapshotcontents.snapshot.storage.k8s.io',
        'crd:ma-casablanca-1:volumesnapshotclasses.snapshot.storage.k8s.io',
        'volume-snapshot-class:ma-casablanca-1',
        'namespace:ma-casablanca-1:backups',
      ]),
    );
    expect(prerequisites().map((p) => p.id)).not.toContain('volume-snapshot-class:ma-casablanca-1');
  });
});

test('the Velero schema catches a misspelled field', () => {
  const stack = backup();
  const [schedule] = objectsOfKind(stack, 'Schedule');
  const spec = schedule.spec as { template: Record<string, unknown> };
  const wrong = { ...schedule, spec: { ...spec, template: { ...spec.template, storageLocaton: 'x' } } };
  expect(schemaProblems(wrong, VELERO_SCHEMAS)).toContain('/spec/template/storageLocaton: unknown field');
});

test('fails if the location is not an allowlisted in-country location (BCK-1)', () => {
  expect(() => backup({ storageLocation: 's3-eu-west-3' })).toThrow(
    "[K/Casablanca/Records/Backup] BCK-1: storageLocation 's3-eu-west-3' is not on the profile's allowlist of in-country backup locations (minio-casablanca) (DNSSI; L05-20 Art. 11). Use an allowlisted location, or add it to the profile's allowlists.backupLocations",
  );
});

test('fails if the profile declares no backup location (BCK-1)', () => {
  const cluster = testCluster({ profile: extendProfile(morocco, { sites: [CASABLANCA] }) });
  expect(() => backup({}, cluster)).toThrow(
    "[K/Casablanca/Records/Backup] BCK-1: profile 'morocco' declares no in-country backup location (DNSSI; L05-20 Art. 11). Pass storageLocation, one of the profile's allowlists.backupLocations",
  );
});

test('fails if the schedule or the retention is malformed, listing both', () => {
  expect(() => backup({ schedule: 'every night', retentionDays: 0 })).toThrow(
    /\[K\/Casablanca\/Records\/Backup\] 2 problems:\n {2}- PROPS: schedule 'every night' is not a cron expression.*\n {2}- PROPS: retentionDays must be a whole number ≥ 1, got 0/,
  );
});

test('fails outside a namespace', () => {
  expect(() => new BackupSchedule(testCluster(), 'Backup')).toThrow(
    '[K/Casablanca/Backup] PROPS: not inside a SovereignNamespace. Create it in the namespace it backs up: new BackupSchedule(namespace, …)',
  );
});
