import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import type { Construct } from 'constructs';
import { quantityValue, type ValidationProblem } from '../core';
import { defaultEncryptedStorageClass, type EncryptedStorageClass } from './encrypted-storage-class';
import { HardenedPodWorkload, type HardenedWorkloadProps } from './hardened-pod-workload';
import type { SovereignNamespace } from './sovereign-namespace';
import { dataPathProblems, DEFAULT_DATA_PATH, DEFAULT_STORAGE_SIZE, storageSizeProblems } from './workload-policy';

/** Props of a {@link HardenedStatefulWorkload}. */
export interface HardenedStatefulWorkloadProps extends HardenedWorkloadProps {
  /**
   * Where the container keeps its data: each pod's own volume is mounted there, writable,
   * while the root filesystem stays read-only. It must be the directory the image writes its
   * data to (for the official PostgreSQL image, `/var/lib/postgresql/data`).
   * @default '/data'
   */
  readonly dataPath?: string;
  /**
   * The size of each pod's volume, a Kubernetes quantity. The replicas' volumes together must
   * fit the namespace's quota (`requestsStorage`, `persistentVolumeClaims`).
   * @default '10Gi'
   */
  readonly storageSize?: string;
  /**
   * The encrypted StorageClass the volumes are provisioned from (ENC-1), on the same cluster.
   * @default - the cluster's default {@link EncryptedStorageClass} (`isDefault: true`), else the
   *   cluster's default StorageClass (whose encryption the checker then looks for in its input)
   */
  readonly storageClass?: EncryptedStorageClass;
}

/** The name of the volume claim template, and of the pods' data volume. */
export const DATA_VOLUME_NAME = 'data';

/**
 * A StatefulSet hardened as {@link HardenedWorkload} is — Pod Security `restricted` and more
 * (K8S-2), requests and limits, the site's required node affinity (RES-1), an allowlisted image
 * pinned by digest (K8S-4), probes on the port's scheme — whose every pod has its own
 * persistent volume, from an encrypted StorageClass (ENC-1) provisioned only on the site
 * (RES-2), mounted writable at `dataPath` while the root filesystem stays read-only.
 *
 * A StatefulSet rather than a Deployment: block volumes (Ceph RBD, Longhorn) attach to one node
 * at a time (`ReadWriteOnce`), so replicas cannot share a claim, and a Deployment's rolling
 * update would start the new pod while the old one still holds it; a StatefulSet gives each
 * replica its own claim (`data-<name>-<ordinal>`), replaces a pod only once the previous one
 * is gone, and keeps the claims when it is scaled down or deleted (the data outlives the
 * workload; the StorageClass retains the volume too). Each replica keeps its own data: a
 * service replicates only if its software does.
 *
 * It has the headless Service a StatefulSet needs (`<name>-headless`, which gives each pod a
 * stable DNS name) and, with ports, a ClusterIP Service named like the workload. Back its
 * namespace up with a {@link BackupSchedule} (BCK-1).
 *
 * @example
 * new HardenedStatefulWorkload(data, 'Database', {
 *   image: 'registry.gov.ma/records/postgres@sha256:…',
 *   ports: [{ containerPort: 5432 }],
 *   replicas: 1,
 *   dataPath: '/var/lib/postgresql/data',
 *   storageSize: '50Gi',
 *   writablePaths: ['/tmp', '/var/run/postgresql'],
 * });
 */
export class HardenedStatefulWorkload extends HardenedPodWorkload {
  /** The StatefulSet. */
  public readonly statefulSet: StatefulSetV1;
  /** The headless Service that governs the StatefulSet. */
  public readonly headlessService: ServiceV1;
  /** The ClusterIP Service, if the workload has ports. */
  public readonly service?: ServiceV1;
  /** Where each pod's volume is mounted. */
  public readonly dataPath: string;
  /** The size of each pod's volume. */
  public readonly storageSize: string;
  /** The StorageClass of the volumes, or undefined for the cluster's default. */
  public readonly storageClassName?: string;

  constructor(scope: Construct, id: string, props: HardenedStatefulWorkloadProps) {
    super(scope, id, props);
    this.dataPath = props.dataPath ?? DEFAULT_DATA_PATH;
    this.storageSize = props.storageSize ?? DEFAULT_STORAGE_SIZE;
    this.storageClassName = (props.storageClass ?? defaultEncryptedStorageClass(this.cluster))?.storageClassName;
    const headlessName = `${this.workloadName}-headless`;
    this.headlessService = new ServiceV1(this, 'Headless', {
      ...this.common(),
      metadata: this.objectMetadata(headlessName),
      spec: {
        clusterIp: 'None',
        // Each pod gets its DNS name before it is ready: replicas find their peers at start.
        publishNotReadyAddresses: true,
        selector: { ...this.selectorLabels },
        port: this.servicePorts(),
      },
    });
    this.statefulSet = new StatefulSetV1(this, 'Resource', {
      ...this.common(),
      dependsOn: [this.namespace.resource, this.headlessService],
      metadata: this.objectMetadata(),
      spec: {
        serviceName: headlessName,
        replicas: String(this.replicas),
        revisionHistoryLimit: 5,
        podManagementPolicy: 'OrderedReady',
        selector: { matchLabels: { ...this.selectorLabels } },
        updateStrategy: [{ type: 'RollingUpdate' }],
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: 'Retain', whenScaled: 'Retain' }],
        // The volume's files get the pod's group (fsGroup) only when its root does not have it
        // yet: a large volume is not walked at every start.
        template: this.podTemplate([{ mount: { name: DATA_VOLUME_NAME, mountPath: this.dataPath } }], 'OnRootMismatch'),
        volumeClaimTemplate: [
          {
            metadata: { name: DATA_VOLUME_NAME, labels: this.objectLabels() },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: this.storageClassName,
              resources: { requests: { storage: this.storageSize } },
            },
          },
        ],
      },
    });
    this.service = this.portService();
    this.finish();
  }

  protected override controllerProblems(
    props: HardenedStatefulWorkloadProps,
    namespace: SovereignNamespace,
    name: string,
  ): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    // The StatefulSet controller labels each pod with `controller-revision-hash: <name>-<hash>`,
    // a label value of at most 63 characters.
    if (name.length > 52) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `name '${name}' is longer than 52 characters, the most a StatefulSet's pods can be labelled with`,
          fr: `le nom '${name}' dépasse 52 caractères, le plus long dont les pods d'un StatefulSet puissent être étiquetés`,
        },
      });
    }
    problems.push(...dataPathProblems(props.dataPath ?? DEFAULT_DATA_PATH, props.writablePaths ?? ['/tmp']));
    const size = props.storageSize ?? DEFAULT_STORAGE_SIZE;
    const sizeProblems = storageSizeProblems(size);
    problems.push(...sizeProblems);
    const storageClass = props.storageClass;
    if (storageClass !== undefined && storageClass.cluster !== this.cluster) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `storageClass '${storageClass.storageClassName}' belongs to cluster '${storageClass.cluster.node.path}', not '${this.cluster.node.path}'`,
          fr: `la storageClass '${storageClass.storageClassName}' appartient au cluster '${storageClass.cluster.node.path}', et non à '${this.cluster.node.path}'`,
        },
      });
    }
    const replicas = props.replicas ?? 2;
    const quota = namespace.quota;
    const claims = Number(quota.persistentvolumeclaims);
    if (Number.isInteger(replicas) && replicas > claims) {
      problems.push(
        this.quotaProblem(namespace, {
          en: `${replicas} replicas need ${replicas} volume claims, above the ${claims} of the quota of namespace '${namespace.namespaceName}'`,
          fr: `${replicas} réplicas exigent ${replicas} demandes de volume, au-delà des ${claims} du quota de l'espace de noms '${namespace.namespaceName}'`,
        }),
      );
    }
    const storage = quota['requests.storage'];
    if (
      !sizeProblems.length &&
      Number.isInteger(replicas) &&
      replicas * quantityValue(size)! > quantityValue(storage)!
    ) {
      problems.push(
        this.quotaProblem(namespace, {
          en: `${replicas} volumes of ${size} exceed the ${storage} of storage of the quota of namespace '${namespace.namespaceName}'`,
          fr: `${replicas} volumes de ${size} dépassent les ${storage} de stockage du quota de l'espace de noms '${namespace.namespaceName}'`,
        }),
      );
    }
    return problems;
  }

  private quotaProblem(namespace: SovereignNamespace, message: ValidationProblem['message']): ValidationProblem {
    return {
      rule: 'K8S-3',
      message,
      source: this.sourceOf('K8S-3'),
      remedy: {
        en: `Lower replicas or storageSize, or raise the quota of namespace '${namespace.namespaceName}'`,
        fr: `Réduisez replicas ou storageSize, ou relevez le quota de l'espace de noms '${namespace.namespaceName}'`,
      },
    };
  }
}
