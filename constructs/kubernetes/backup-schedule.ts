import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { Construct } from 'constructs';
import { type LocalizedText, type ValidationProblem, isDnsLabel } from '../core';
import { veleroPrerequisites } from './prerequisites';
import { SovereignKubernetesConstruct, type SovereignKubernetesProps } from './sovereign-kubernetes-construct';
import { SovereignNamespace } from './sovereign-namespace';

/** Props of a {@link BackupSchedule}. */
export interface BackupScheduleProps extends SovereignKubernetesProps {
  /**
   * The Velero BackupStorageLocation the backups go to: one of the profile's
   * `allowlists.backupLocations` (in-country object storage) (BCK-1).
   * @default - the profile's backup location, when it declares exactly one
   */
  readonly storageLocation?: string;
  /**
   * When backups run: a five-field cron expression (in the Velero server's time zone) or a
   * macro such as `@daily`.
   * @default '0 1 * * *' (every day at 01:00)
   */
  readonly schedule?: string;
  /**
   * Days each backup is kept before Velero deletes it.
   * @default 30
   */
  readonly retentionDays?: number;
  /**
   * How volume data is backed up. `filesystem` copies the files of the pods' volumes with
   * Velero's node agent (Kopia): any volume type, but the copy is not taken at one instant, so
   * a database writing meanwhile may not restore. `snapshot` takes a CSI snapshot of each
   * claim (crash-consistent, taken at one instant; Ceph RBD and Longhorn support it) and moves
   * its data to the storage location (Velero's CSI data movement), so that the backup survives
   * the loss of the storage cluster. Either way the data lands in the in-country storage
   * location. `snapshot` needs the CSI snapshot CRDs and controller, a VolumeSnapshotClass for
   * the driver labelled `velero.io/csi-volumesnapshot-class: "true"`, and Velero with
   * `--features=EnableCSI` and its node agent (listed in the cluster's `prerequisites`).
   * @default 'filesystem'
   */
  readonly volumeBackup?: 'filesystem' | 'snapshot';
  /**
   * The namespace Velero runs in (where its Schedules live).
   * @default 'velero'
   */
  readonly veleroNamespace?: string;
}

const CRON = /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every \d+[smh]|(\S+\s+){4}\S+)$/;

/**
 * A daily Velero backup of a namespace with persistent data, kept in an allowlisted
 * in-country storage location (BCK-1), as a Velero `Schedule` (`velero.io/v1`) written through
 * `kubernetes_manifest`. It selects the whole namespace (no label selector): its claims, the
 * data of their volumes, and everything that restores the workloads (StatefulSets, Services,
 * Secrets, config), plus the cluster-scoped objects they refer to (the claims' volumes, the
 * snapshots' contents), which a restore needs. Memory-backed scratch volumes of the hardened
 * workloads are left out of file-system backups.
 *
 * Velero's `Schedule` CRD and namespace must exist before the stack is planned
 * (`kubernetes_manifest` reads the CRD at plan time, with a reachable cluster): it registers
 * them, and the rest of what Velero needs, as the cluster's `prerequisites`.
 *
 * Create it in the namespace it backs up.
 *
 * @example
 * new BackupSchedule(records, 'Backup', { storageLocation: 'minio-casablanca' });
 */
export class BackupSchedule extends SovereignKubernetesConstruct {
  /** The namespace backed up. */
  public readonly namespace: SovereignNamespace;
  /** The storage location of the backups. */
  public readonly storageLocation: string;
  /** How volume data is backed up. */
  public readonly volumeBackup: 'filesystem' | 'snapshot';
  /** The Schedule. */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: BackupScheduleProps = {}) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    const namespace = SovereignNamespace.of(this);
    if (!namespace) {
      problems.push({
        rule: 'PROPS',
        message: { en: 'not inside a SovereignNamespace', fr: "n'est pas à l'intérieur d'un SovereignNamespace" },
        remedy: {
          en: 'Create it in the namespace it backs up: new BackupSchedule(namespace, …)',
          fr: "Créez-le dans l'espace de noms qu'il sauvegarde : new BackupSchedule(namespace, …)",
        },
      });
      this.validate(problems);
    }
    const allowed = this.profile.allowlists.backupLocations;
    const location = props.storageLocation ?? (allowed.length === 1 ? allowed[0] : undefined);
    const bck1 = (message: LocalizedText, remedy: LocalizedText) => {
      if (!this.suppressionFor('BCK-1'))
        problems.push({ rule: 'BCK-1', message, source: this.sourceOf('BCK-1'), remedy });
    };
    if (location === undefined) {
      bck1(
        allowed.length
          ? {
              en: `storageLocation is required: the profile allows several (${allowed.join(', ')})`,
              fr: `storageLocation est obligatoire : le profil en autorise plusieurs (${allowed.join(', ')})`,
            }
          : {
              en: `profile '${this.profile.id}' declares no in-country backup location`,
              fr: `le profil '${this.profile.id}' ne déclare aucun emplacement de sauvegarde situé dans le pays`,
            },
        {
          en: "Pass storageLocation, one of the profile's allowlists.backupLocations",
          fr: "Passez storageLocation, l'un des allowlists.backupLocations du profil",
        },
      );
    } else if (!allowed.includes(location)) {
      bck1(
        {
          en: `storageLocation '${location}' is not on the profile's allowlist of in-country backup locations (${allowed.join(', ') || 'none declared'})`,
          fr: `storageLocation '${location}' ne figure pas dans la liste autorisée du profil des emplacements de sauvegarde situés dans le pays (${allowed.join(', ') || 'aucun déclaré'})`,
        },
        {
          en: "Use an allowlisted location, or add it to the profile's allowlists.backupLocations",
          fr: 'Utilisez un emplacement autorisé, ou ajoutez-le à allowlists.backupLocations du profil',
        },
      );
    }
    if (location !== undefined && !isDnsLabel(location)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `storageLocation '${location}' is not a BackupStorageLocation name`,
          fr: `storageLocation '${location}' n'est pas un nom de BackupStorageLocation`,
        },
      });
    }
    const schedule = props.schedule ?? '0 1 * * *';
    if (!CRON.test(schedule.trim())) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `schedule '${schedule}' is not a cron expression (e.g. '0 1 * * *' or '@daily')`,
          fr: `schedule '${schedule}' n'est pas une expression cron (par exemple '0 1 * * *' ou '@daily')`,
        },
      });
    }
    const retention = props.retentionDays ?? 30;
    if (!Number.isInteger(retention) || retention < 1) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `retentionDays must be a whole number ≥ 1, got ${retention}`,
          fr: `retentionDays doit être un entier ≥ 1, reçu ${retention}`,
        },
      });
    }
    const veleroNamespace = props.veleroNamespace ?? 'velero';
    if (!isDnsLabel(veleroNamespace)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `veleroNamespace '${veleroNamespace}' is not a namespace name`,
          fr: `veleroNamespace '${veleroNamespace}' n'est pas un nom d'espace de noms`,
        },
      });
    }
    const volumes = props.volumeBackup ?? 'filesystem';
    if (volumes !== 'filesystem' && volumes !== 'snapshot') {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `volumeBackup must be 'filesystem' or 'snapshot'`,
          fr: `volumeBackup doit valoir 'filesystem' ou 'snapshot'`,
        },
      });
    }
    this.validate(problems);

    this.volumeBackup = volumes;
    this.namespace = namespace!;
    this.storageLocation = location!;
    for (const prerequisite of veleroPrerequisites(this.cluster, {
      namespace: veleroNamespace,
      storageLocation: this.storageLocation,
      snapshots: volumes === 'snapshot',
    }))
      this.cluster.addPrerequisite(prerequisite);
    this.resource = new Manifest(this, 'Resource', {
      provider: this.cluster.provider,
      dependsOn: [this.namespace.resource],
      manifest: {
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        metadata: {
          name: `sovereign-lz-${this.namespace.namespaceName}`,
          namespace: veleroNamespace,
          labels: this.labels(),
        },
        spec: {
          schedule,
          useOwnerReferencesInBackup: false,
          template: {
            includedNamespaces: [this.namespace.namespaceName],
            // includeClusterResources unset: the cluster-scoped objects the namespace's objects
            // refer to (PersistentVolumes, VolumeSnapshotContents) are included, no others.
            storageLocation: this.storageLocation,
            ttl: `${retention * 24}h0m0s`,
            ...(volumes === 'filesystem'
              ? { defaultVolumesToFsBackup: true, snapshotVolumes: false }
              : { defaultVolumesToFsBackup: false, snapshotVolumes: true, snapshotMoveData: true }),
          },
        },
      },
    });
    this.finish();
  }
}
