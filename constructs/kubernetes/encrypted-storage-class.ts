import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import type { Construct } from 'constructs';
import {
  type LocalizedText,
  type ValidationProblem,
  dnsLabelFromId,
  isDnsLabel,
  isDnsSubdomain,
  TOPOLOGY_KEYS,
} from '../core';
import { csiDriverPrerequisite } from './prerequisites';
import type { SovereignCluster } from './sovereign-cluster';
import { SovereignKubernetesConstruct, type SovereignKubernetesProps } from './sovereign-kubernetes-construct';

/**
 * Ceph RBD through ceph-csi (`rbd.csi.ceph.com`): LUKS encryption per volume, its key kept in
 * an external key manager named by `kmsId` (an entry of ceph-csi's KMS configuration, e.g. a
 * Vault or KMIP server in the data center). The usual choice of in-country data centers.
 */
export interface CephRbdDriver {
  readonly type: 'ceph-rbd';
  /** The Ceph cluster id (an entry of ceph-csi's `ceph-csi-config`). */
  readonly clusterId: string;
  /** The RBD pool. */
  readonly pool: string;
  /**
   * The id of the key manager in ceph-csi's KMS configuration (`encryptionKMSID`). Required,
   * and on the profile's `allowlists.inCountryKmsIds`, for levels whose keys must be known only
   * to the customer (KEY-1).
   * @default - none: ceph-csi keeps the passphrase in the image metadata (not for such levels)
   */
  readonly kmsId?: string;
  /**
   * The namespace of ceph-csi's secrets.
   * @default 'ceph-csi-rbd'
   */
  readonly secretNamespace?: string;
  /**
   * The secret with the provisioner's (and volume expansion's) Ceph credentials.
   * @default 'csi-rbd-provisioner'
   */
  readonly provisionerSecretName?: string;
  /**
   * The secret with the nodes' Ceph credentials.
   * @default 'csi-rbd-node'
   */
  readonly nodeSecretName?: string;
  /** The filesystem. @default 'ext4' */
  readonly fsType?: string;
}

/**
 * Longhorn (`driver.longhorn.io`): encrypted volumes keyed by a Kubernetes Secret. It has no
 * external key manager, so it cannot prove customer-only keys (KEY-1).
 */
export interface LonghornDriver {
  readonly type: 'longhorn';
  /** Replicas of each volume, spread over the site's nodes. @default 3 */
  readonly numberOfReplicas?: number;
  /** The Secret holding the encryption passphrase (`CRYPTO_KEY_VALUE`). @default 'longhorn-crypto' */
  readonly cryptoSecretName?: string;
  /** Its namespace. @default 'longhorn-system' */
  readonly cryptoSecretNamespace?: string;
}

/**
 * Another CSI driver: its parameters must turn encryption on with `encrypted: "true"` (the
 * evidence the compliance engine reads).
 */
export interface CustomCsiDriver {
  readonly type: 'custom';
  /** The CSI driver's name, e.g. `csi.example.ma`. */
  readonly provisioner: string;
  /** The StorageClass parameters, including `encrypted: "true"`. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** The CSI driver of an {@link EncryptedStorageClass}. */
export type EncryptedCsiDriver = CephRbdDriver | LonghornDriver | CustomCsiDriver;

/** Props of an {@link EncryptedStorageClass}. */
export interface EncryptedStorageClassProps extends SovereignKubernetesProps {
  /** The CSI driver and its encryption settings. */
  readonly driver: EncryptedCsiDriver;
  /**
   * The StorageClass's name.
   * @default - the construct id in kebab case
   */
  readonly name?: string;
  /**
   * Zones of the site to which volumes are restricted, in addition to its regions.
   * @default - any zone of the site's regions
   */
  readonly zones?: readonly string[];
  /**
   * What happens to a volume when its claim is deleted.
   * @default 'Retain'
   */
  readonly reclaimPolicy?: 'Retain' | 'Delete';
  /**
   * Make it the cluster's default StorageClass.
   * @default false
   */
  readonly isDefault?: boolean;
}

/** The default EncryptedStorageClass of each cluster (kept here: a workload finds it in constant time). */
const DEFAULT_CLASSES = new WeakMap<SovereignCluster, EncryptedStorageClass>();

/** The cluster's default {@link EncryptedStorageClass} (`isDefault`), if it has one. */
export function defaultEncryptedStorageClass(cluster: SovereignCluster): EncryptedStorageClass | undefined {
  return DEFAULT_CLASSES.get(cluster);
}

/** Provisioners of the built-in drivers. */
export const CSI_PROVISIONERS = { 'ceph-rbd': 'rbd.csi.ceph.com', longhorn: 'driver.longhorn.io' } as const;

/**
 * A StorageClass whose volumes are encrypted (ENC-1) and stay on the cluster's in-country
 * site: `allowedTopologies` restricts provisioning to the site's
 * `topology.kubernetes.io/region` values (and optionally zones) (RES-2). For levels whose keys
 * must be known only to the customer (`sensitive` under `morocco`), the volume keys come from
 * an allowlisted in-country key manager (KEY-1).
 *
 * The CSI driver is a parameter: Ceph RBD through ceph-csi (LUKS, keys in an external KMS
 * such as Vault or KMIP) or Longhorn (keys in a Kubernetes Secret), the common in-country
 * choices, or another driver that takes `encrypted: "true"`. Volumes are retained when their
 * claim is deleted and bound where their first consumer is scheduled.
 *
 * @example
 * new EncryptedStorageClass(cluster, 'Encrypted', {
 *   driver: { type: 'ceph-rbd', clusterId: 'ceph-casa', pool: 'sensitive', kmsId: 'vault-casablanca' },
 * });
 */
export class EncryptedStorageClass extends SovereignKubernetesConstruct {
  /** The StorageClass's name. */
  public readonly storageClassName: string;
  /** The CSI driver that provisions its volumes. */
  public readonly provisioner: string;
  /** True if it is the cluster's default StorageClass. */
  public readonly isDefault: boolean;
  /** The StorageClass. */
  public readonly resource: StorageClassV1;

  constructor(scope: Construct, id: string, props: EncryptedStorageClassProps) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    const name = props.name ?? dnsLabelFromId(id);
    if (name === undefined || !isDnsSubdomain(name)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `name '${name ?? id}' is not an object name`,
          fr: `le nom '${name ?? id}' n'est pas un nom d'objet`,
        },
        remedy: { en: 'Pass `name`', fr: 'Passez `name`' },
      });
    }
    const site = this.cluster.site;
    for (const zone of props.zones ?? []) {
      if (!site.zoneValues.includes(zone)) {
        problems.push({
          rule: 'RES-2',
          message: {
            en: `zone '${zone}' is not a zone of site '${site.name}' (${site.zoneValues.join(', ') || 'none declared'})`,
            fr: `la zone '${zone}' n'est pas une zone du site '${site.name}' (${site.zoneValues.join(', ') || 'aucune déclarée'})`,
          },
          source: this.sourceOf('RES-2'),
          remedy: {
            en: "Use the site's zones, or declare the zone in the profile's site",
            fr: 'Utilisez les zones du site, ou déclarez la zone dans le site du profil',
          },
        });
      }
    }
    if (props.zones !== undefined && props.zones.length === 0) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'zones is empty: omit it to allow every zone of the site',
          fr: 'zones est vide : omettez-le pour autoriser toutes les zones du site',
        },
      });
    }
    const parameters = this.parameters(props.driver, problems);
    const otherDefault = props.isDefault ? DEFAULT_CLASSES.get(this.cluster) : undefined;
    if (otherDefault) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `'${otherDefault.node.path}' is already the cluster's default StorageClass`,
          fr: `'${otherDefault.node.path}' est déjà la StorageClass par défaut du cluster`,
        },
        remedy: { en: 'Make only one class the default', fr: "Ne faites qu'une seule classe par défaut" },
      });
    }
    this.validate(problems);

    this.storageClassName = name!;
    this.provisioner = props.driver.type === 'custom' ? props.driver.provisioner : CSI_PROVISIONERS[props.driver.type];
    this.isDefault = props.isDefault ?? false;
    if (this.isDefault) DEFAULT_CLASSES.set(this.cluster, this);
    const expressions: { key: string; values: string[] }[] = [
      { key: TOPOLOGY_KEYS.region, values: [...site.regionValues] },
    ];
    if (props.zones?.length) expressions.push({ key: TOPOLOGY_KEYS.zone, values: [...props.zones] });
    this.resource = new StorageClassV1(this, 'Resource', {
      provider: this.cluster.provider,
      metadata: {
        name: this.storageClassName,
        labels: this.labels(),
        ...(props.isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
      },
      storageProvisioner: this.provisioner,
      parameters,
      reclaimPolicy: props.reclaimPolicy ?? 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      allowedTopologies: { matchLabelExpressions: expressions },
    });
    this.cluster.addPrerequisite(
      csiDriverPrerequisite(
        this.cluster,
        this.provisioner,
        this.storageClassName,
        driverNeeds(props.driver, parameters),
      ),
    );
    this.finish();
  }

  private parameters(driver: EncryptedCsiDriver, problems: ValidationProblem[]): Record<string, string> {
    const exclusive = this.profile.levels[this.classification].keyCustody === 'customer-exclusive';
    const key1 = (message: LocalizedText, remedy: LocalizedText) => {
      if (!this.suppressionFor('KEY-1'))
        problems.push({ rule: 'KEY-1', message, source: this.sourceOf('KEY-1'), remedy });
    };
    const names = (values: Record<string, string | undefined>) => {
      for (const [what, value] of Object.entries(values)) {
        if (value !== undefined && !isDnsSubdomain(value)) {
          problems.push({
            rule: 'PROPS',
            message: {
              en: `driver.${what} '${value}' is not a Kubernetes name`,
              fr: `driver.${what} '${value}' n'est pas un nom Kubernetes`,
            },
          });
        }
      }
    };
    switch (driver?.type) {
      case 'ceph-rbd': {
        const secretNs = driver.secretNamespace ?? 'ceph-csi-rbd';
        const provisionerSecret = driver.provisionerSecretName ?? 'csi-rbd-provisioner';
        const nodeSecret = driver.nodeSecretName ?? 'csi-rbd-node';
        if (!driver.clusterId || !driver.pool) {
          problems.push({
            rule: 'PROPS',
            message: {
              en: 'driver.clusterId and driver.pool name the Ceph cluster and pool',
              fr: 'driver.clusterId et driver.pool doivent nommer le cluster et le pool Ceph',
            },
          });
        }
        if (!isDnsLabel(secretNs))
          problems.push({
            rule: 'PROPS',
            message: {
              en: `driver.secretNamespace '${secretNs}' is not a namespace name`,
              fr: `driver.secretNamespace '${secretNs}' n'est pas un nom d'espace de noms`,
            },
          });
        names({ provisionerSecretName: provisionerSecret, nodeSecretName: nodeSecret });
        const allowed = this.profile.allowlists.inCountryKmsIds;
        if (exclusive && driver.kmsId === undefined) {
          key1(
            {
              en: `level '${this.classification}' needs volume keys known only to the customer: give driver.kmsId, an in-country key manager of ceph-csi's KMS configuration`,
              fr: `le niveau '${this.classification}' exige des clés de volume connues du seul client : donnez driver.kmsId, un gestionnaire de clés situé dans le pays de la configuration KMS de ceph-csi`,
            },
            {
              en: `Use one of the profile's inCountryKmsIds (${allowed.join(', ') || 'none declared'})`,
              fr: `Utilisez l'un des inCountryKmsIds du profil (${allowed.join(', ') || 'aucun déclaré'})`,
            },
          );
        } else if (exclusive && !allowed.includes(driver.kmsId!)) {
          key1(
            {
              en: `driver.kmsId '${driver.kmsId}' is not on the profile's allowlist of in-country key managers (${allowed.join(', ') || 'none declared'})`,
              fr: `driver.kmsId '${driver.kmsId}' ne figure pas dans la liste autorisée du profil des gestionnaires de clés situés dans le pays (${allowed.join(', ') || 'aucun déclaré'})`,
            },
            {
              en: "Use an allowlisted key manager, or add it to the profile's allowlists.inCountryKmsIds",
              fr: 'Utilisez un gestionnaire de clés autorisé, ou ajoutez-le à allowlists.inCountryKmsIds du profil',
            },
          );
        }
        return {
          clusterID: driver.clusterId,
          pool: driver.pool,
          imageFeatures: 'layering',
          'csi.storage.k8s.io/fstype': driver.fsType ?? 'ext4',
          'csi.storage.k8s.io/provisioner-secret-name': provisionerSecret,
          'csi.storage.k8s.io/provisioner-secret-namespace': secretNs,
          'csi.storage.k8s.io/controller-expand-secret-name': provisionerSecret,
          'csi.storage.k8s.io/controller-expand-secret-namespace': secretNs,
          'csi.storage.k8s.io/node-stage-secret-name': nodeSecret,
          'csi.storage.k8s.io/node-stage-secret-namespace': secretNs,
          encrypted: 'true',
          ...(driver.kmsId !== undefined ? { encryptionKMSID: driver.kmsId } : {}),
        };
      }
      case 'longhorn': {
        const secret = driver.cryptoSecretName ?? 'longhorn-crypto';
        const secretNs = driver.cryptoSecretNamespace ?? 'longhorn-system';
        const replicas = driver.numberOfReplicas ?? 3;
        if (!Number.isInteger(replicas) || replicas < 1) {
          problems.push({
            rule: 'PROPS',
            message: {
              en: `driver.numberOfReplicas must be a whole number ≥ 1, got ${replicas}`,
              fr: `driver.numberOfReplicas doit être un entier ≥ 1, reçu ${replicas}`,
            },
          });
        }
        names({ cryptoSecretName: secret, cryptoSecretNamespace: secretNs });
        if (exclusive) {
          key1(
            {
              en: `Longhorn keeps the volume key in a Kubernetes Secret, with no external key manager: level '${this.classification}' needs keys known only to the customer`,
              fr: `Longhorn conserve la clé de volume dans un Secret Kubernetes, sans gestionnaire de clés externe : le niveau '${this.classification}' exige des clés connues du seul client`,
            },
            {
              en: 'Use ceph-rbd with an allowlisted kmsId, or suppress KEY-1 with the reason the Secret qualifies',
              fr: 'Utilisez ceph-rbd avec un kmsId autorisé, ou levez KEY-1 par une dérogation indiquant pourquoi le Secret convient',
            },
          );
        }
        const parameters: Record<string, string> = {
          numberOfReplicas: String(replicas),
          staleReplicaTimeout: '2880',
          dataLocality: 'disabled',
          encrypted: 'true',
        };
        for (const use of ['provisioner', 'node-publish', 'node-stage']) {
          parameters[`csi.storage.k8s.io/${use}-secret-name`] = secret;
          parameters[`csi.storage.k8s.io/${use}-secret-namespace`] = secretNs;
        }
        return parameters;
      }
      case 'custom': {
        if (!isDnsSubdomain(driver.provisioner ?? '')) {
          problems.push({
            rule: 'PROPS',
            message: {
              en: `driver.provisioner '${String(driver.provisioner)}' is not a CSI driver name`,
              fr: `driver.provisioner '${String(driver.provisioner)}' n'est pas un nom de pilote CSI`,
            },
          });
        }
        const parameters = { ...(driver.parameters ?? {}) };
        if (parameters.encrypted !== 'true' && !this.suppressionFor('ENC-1')) {
          problems.push({
            rule: 'ENC-1',
            message: {
              en: `the parameters of CSI driver '${driver.provisioner}' do not turn encryption on (encrypted: "true")`,
              fr: `les paramètres du pilote CSI '${driver.provisioner}' n'activent pas le chiffrement (encrypted: "true")`,
            },
            source: this.sourceOf('ENC-1'),
            remedy: {
              en: "Add encrypted: 'true' and the driver's own encryption parameters",
              fr: "Ajoutez encrypted: 'true' et les paramètres de chiffrement propres au pilote",
            },
          });
        }
        for (const [key, value] of Object.entries(parameters)) {
          if (typeof value !== 'string') {
            problems.push({
              rule: 'PROPS',
              message: {
                en: `driver.parameters '${key}' must be a string parameter`,
                fr: `driver.parameters '${key}' doit être un paramètre de type chaîne`,
              },
            });
          }
        }
        if (exclusive) {
          key1(
            {
              en: `CSI driver '${driver.provisioner}' cannot prove that its keys come from an in-country key manager: level '${this.classification}' needs keys known only to the customer`,
              fr: `le pilote CSI '${driver.provisioner}' ne peut pas prouver que ses clés proviennent d'un gestionnaire de clés situé dans le pays : le niveau '${this.classification}' exige des clés connues du seul client`,
            },
            {
              en: 'Use ceph-rbd with an allowlisted kmsId, or suppress KEY-1 with the reason the driver qualifies',
              fr: 'Utilisez ceph-rbd avec un kmsId autorisé, ou levez KEY-1 par une dérogation indiquant pourquoi le pilote convient',
            },
          );
        }
        return parameters;
      }
      default:
        problems.push({
          rule: 'PROPS',
          message: {
            en: "driver.type must be 'ceph-rbd', 'longhorn' or 'custom'",
            fr: "driver.type doit valoir 'ceph-rbd', 'longhorn' ou 'custom'",
          },
        });
        return {};
    }
  }
}

/** What the CSI driver's own configuration must hold for the class's parameters. */
function driverNeeds(driver: EncryptedCsiDriver, parameters: Readonly<Record<string, string>>): LocalizedText {
  switch (driver.type) {
    case 'ceph-rbd': {
      const secrets = `${parameters['csi.storage.k8s.io/provisioner-secret-name']} and ${parameters['csi.storage.k8s.io/node-stage-secret-name']}`;
      const secretsFr = secrets.replace(' and ', ' et ');
      const ns = parameters['csi.storage.k8s.io/provisioner-secret-namespace'];
      const kms = parameters.encryptionKMSID;
      return {
        en: `ceph-csi (node plugin --domainlabels=${TOPOLOGY_KEYS.region},${TOPOLOGY_KEYS.zone}, provisioner --feature-gates=Topology=true) knows Ceph cluster '${parameters.clusterID}' (ceph-csi-config)${kms ? `, key manager '${kms}' (its KMS configuration)` : ''} and the Secrets ${secrets} in namespace '${ns}'`,
        fr: `ceph-csi (plugin de nœud --domainlabels=${TOPOLOGY_KEYS.region},${TOPOLOGY_KEYS.zone}, provisionneur --feature-gates=Topology=true) connaît le cluster Ceph '${parameters.clusterID}' (ceph-csi-config)${kms ? `, le gestionnaire de clés '${kms}' (sa configuration KMS)` : ''} et les Secrets ${secretsFr} dans l'espace de noms '${ns}'`,
      };
    }
    case 'longhorn': {
      const secret = parameters['csi.storage.k8s.io/provisioner-secret-name'];
      const ns = parameters['csi.storage.k8s.io/provisioner-secret-namespace'];
      return {
        en: `the Secret '${secret}' in namespace '${ns}' holds the volume passphrase (CRYPTO_KEY_VALUE)`,
        fr: `le Secret '${secret}' dans l'espace de noms '${ns}' contient la phrase secrète des volumes (CRYPTO_KEY_VALUE)`,
      };
    }
    default:
      return {
        en: "the driver's parameters turn its encryption on",
        fr: 'les paramètres du pilote activent son chiffrement',
      };
  }
}
