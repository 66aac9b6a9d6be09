import { MIN_KUBERNETES_VERSION, TOPOLOGY_KEYS, type LocalizedText, type ZonePrerequisite } from '../core';
import type { SovereignCluster } from './sovereign-cluster';

/**
 * What a site must have before the first `terraform apply` of its stack, as
 * {@link ZonePrerequisite}s (the form `landing-zone.json` and the plan take). Each construct
 * registers what it needs on its {@link SovereignCluster} (`cluster.addPrerequisite`), which
 * lists them once each (`cluster.prerequisites`). Ids are `WHAT:SITE` or `WHAT:SITE:NAME`.
 */

/** The order prerequisites are listed in: values to replace, the cluster, then its CRDs and namespaces. */
export const PREREQUISITE_KIND_ORDER: readonly ZonePrerequisite['kind'][] = [
  'placeholder',
  'kubernetes',
  'kubernetes-crd',
  'kubernetes-namespace',
];

const VERSION = `${MIN_KUBERNETES_VERSION.major}.${MIN_KUBERNETES_VERSION.minor}`;

/** The options of a client that reach the cluster: its kubeconfig context, and its file when not the default. */
function reach(cluster: SovereignCluster, contextFlag: string): string[] {
  const file = cluster.kubeconfigPath === '~/.kube/config' ? [] : ['--kubeconfig', cluster.kubeconfigPath];
  return [contextFlag, cluster.kubeconfigContext, ...file];
}

function prerequisite(
  cluster: SovereignCluster,
  what: string,
  kind: ZonePrerequisite['kind'],
  name: string | null,
  description: LocalizedText,
  command: readonly string[] | null,
  key: string | null = name,
): ZonePrerequisite {
  const site = cluster.site.name;
  return {
    id: [what, site, ...(key === null ? [] : [key])].join(':'),
    kind,
    target: `site:${site}`,
    name,
    description,
    // Words, unquoted: whoever prints the command quotes each (`shellQuote`).
    commands: command ? [[...command]] : [],
  };
}

/** Kubernetes ≥ 1.30: ValidatingAdmissionPolicy v1 (GA in 1.30) and Pod Security pinned to v1.30. */
export function kubernetesVersionPrerequisite(cluster: SovereignCluster): ZonePrerequisite {
  const site = cluster.site.name;
  return prerequisite(
    cluster,
    'kubernetes-version',
    'kubernetes',
    null,
    {
      en: `Kubernetes ≥ ${VERSION} on the cluster of site '${site}': the admission guardrail is a ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, GA in ${VERSION}) and the namespaces pin Pod Security to v${VERSION}`,
      fr: `Kubernetes ≥ ${VERSION} sur le cluster du site '${site}' : le garde-fou d'admission est une ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, GA en ${VERSION}) et les espaces de noms fixent Pod Security à v${VERSION}`,
    },
    null,
  );
}

/** A network plugin that enforces NetworkPolicy. */
export function networkPolicyPrerequisite(cluster: SovereignCluster): ZonePrerequisite {
  const site = cluster.site.name;
  return prerequisite(
    cluster,
    'network-policy',
    'kubernetes',
    null,
    {
      en: `a network plugin that enforces NetworkPolicy on the cluster of site '${site}' (e.g. Calico, Cilium, Antrea; flannel alone ignores them): without it the default deny and the declared flows are written but not enforced (NET-4)`,
      fr: `un plugin réseau qui applique les NetworkPolicy sur le cluster du site '${site}' (par exemple Calico, Cilium, Antrea ; flannel seul les ignore) : sans lui, le refus par défaut et les flux déclarés sont écrits mais pas appliqués (NET-4)`,
    },
    null,
  );
}

/**
 * The CSI driver of an encrypted StorageClass, reporting the topology its `allowedTopologies`
 * names; `details` says what the driver's own configuration must hold.
 */
export function csiDriverPrerequisite(
  cluster: SovereignCluster,
  provisioner: string,
  storageClassName: string,
  details: LocalizedText,
): ZonePrerequisite {
  const regions = cluster.site.regionValues.join(', ');
  return prerequisite(
    cluster,
    'csi-driver',
    'kubernetes',
    provisioner,
    {
      en: `the CSI driver '${provisioner}', its node plugin reporting the topology key ${TOPOLOGY_KEYS.region} (and ${TOPOLOGY_KEYS.zone}) and the nodes labelled with the site's values (${regions}): StorageClass '${storageClassName}' provisions only there (allowedTopologies, RES-2), so no volume is bound otherwise; ${details.en}`,
      fr: `le pilote CSI '${provisioner}', son plugin de nœud déclarant la clé de topologie ${TOPOLOGY_KEYS.region} (et ${TOPOLOGY_KEYS.zone}) et les nœuds étiquetés avec les valeurs du site (${regions}) : la StorageClass '${storageClassName}' ne provisionne que là (allowedTopologies, RES-2), aucun volume n'est donc lié sinon ; ${details.fr}`,
    },
    null,
  );
}

/** What a Velero `Schedule` needs: Velero, its location, its CRD and namespace, and for CSI snapshots theirs. */
export function veleroPrerequisites(
  cluster: SovereignCluster,
  options: { readonly namespace: string; readonly storageLocation: string; readonly snapshots: boolean },
): ZonePrerequisite[] {
  const { namespace, storageLocation, snapshots } = options;
  const site = cluster.site.name;
  const out: ZonePrerequisite[] = [
    prerequisite(
      cluster,
      'velero',
      'kubernetes',
      null,
      snapshots
        ? {
            en: `Velero ≥ 1.14 in namespace '${namespace}' on the cluster of site '${site}', with its node agent and the CSI feature (velero install --use-node-agent --features=EnableCSI): it takes CSI snapshots of the data tiers' volumes and moves their data to the storage location`,
            fr: `Velero ≥ 1.14 dans l'espace de noms '${namespace}' sur le cluster du site '${site}', avec son agent de nœud et la fonction CSI (velero install --use-node-agent --features=EnableCSI) : il prend des instantanés CSI des volumes des tiers de données et en déplace les données vers l'emplacement de stockage`,
          }
        : {
            en: `Velero ≥ 1.14 in namespace '${namespace}' on the cluster of site '${site}', with its node agent (velero install --use-node-agent): it copies the data tiers' volumes file by file to the storage location`,
            fr: `Velero ≥ 1.14 dans l'espace de noms '${namespace}' sur le cluster du site '${site}', avec son agent de nœud (velero install --use-node-agent) : il copie fichier par fichier les volumes des tiers de données vers l'emplacement de stockage`,
          },
      null,
    ),
    prerequisite(
      cluster,
      'backup-location',
      'kubernetes',
      storageLocation,
      {
        en: `the Velero BackupStorageLocation '${storageLocation}' in namespace '${namespace}', on in-country object storage (BCK-1): the Schedules write there, and fail without it`,
        fr: `le BackupStorageLocation Velero '${storageLocation}' dans l'espace de noms '${namespace}', sur un stockage objet situé dans le pays (BCK-1) : les Schedules y écrivent, et échouent sans lui`,
      },
      null,
    ),
    prerequisite(
      cluster,
      'crd',
      'kubernetes-crd',
      'schedules.velero.io',
      {
        en: `the CRD of Velero's Schedule: kubernetes_manifest reads it at plan time, so Terraform cannot plan the stack of site '${site}' before it exists`,
        fr: `la CRD du Schedule de Velero : kubernetes_manifest la lit au moment du plan, Terraform ne peut donc pas planifier la pile du site '${site}' avant qu'elle existe`,
      },
      ['velero', 'install', '--crds-only', ...reach(cluster, '--kubecontext')],
    ),
  ];
  if (snapshots) {
    for (const crd of ['volumesnapshotclasses', 'volumesnapshotcontents', 'volumesnapshots']) {
      out.push(
        prerequisite(
          cluster,
          'crd',
          'kubernetes-crd',
          `${crd}.snapshot.storage.k8s.io`,
          {
            en: `a CRD of CSI volume snapshots, with the snapshot controller (kubernetes-csi/external-snapshotter): Velero snapshots the data tiers' volumes through it`,
            fr: `une CRD des instantanés de volumes CSI, avec le contrôleur d'instantanés (kubernetes-csi/external-snapshotter) : Velero prend par elle les instantanés des volumes des tiers de données`,
          },
          null,
        ),
      );
    }
    out.push(
      prerequisite(
        cluster,
        'volume-snapshot-class',
        'kubernetes',
        null,
        {
          en: `a VolumeSnapshotClass for the CSI driver of the data tiers' volumes, labelled velero.io/csi-volumesnapshot-class: "true", so that Velero can snapshot them`,
          fr: `une VolumeSnapshotClass pour le pilote CSI des volumes des tiers de données, étiquetée velero.io/csi-volumesnapshot-class: "true", pour que Velero puisse en prendre des instantanés`,
        },
        null,
      ),
    );
  }
  out.push(
    prerequisite(
      cluster,
      'namespace',
      'kubernetes-namespace',
      namespace,
      {
        en: `the namespace of Velero, where the Schedules are created: Terraform cannot create them before it exists`,
        fr: `l'espace de noms de Velero, où les Schedules sont créés : Terraform ne peut pas les créer avant qu'il existe`,
      },
      ['kubectl', ...reach(cluster, '--context'), 'create', 'namespace', namespace],
    ),
  );
  return out;
}

/**
 * An image pinned to a placeholder digest, to replace by the digest of the mirrored image;
 * `user` says whose image it is, with its preposition (`of workload 'api'`, `de la charge…`).
 */
export function placeholderImagePrerequisite(
  cluster: SovereignCluster,
  image: string,
  user: LocalizedText,
): ZonePrerequisite {
  return prerequisite(
    cluster,
    'placeholder-image',
    'placeholder',
    null,
    {
      en: `image '${image}' ${user.en} is pinned to a placeholder digest (one repeated character): mirror the image into the in-country registry and declare the digest of the mirrored image`,
      fr: `l'image '${image}' ${user.fr} est épinglée à une empreinte fictive (un seul caractère répété) : copiez l'image dans le registre situé dans le pays et déclarez l'empreinte de l'image copiée`,
    },
    null,
    image,
  );
}

/**
 * A Secret a workload reads (its `secretEnv`): sovereign-lz never writes secret values into
 * artifacts, so the Secret must exist in the namespace before the workload starts. The command
 * creates it with a placeholder value (`REPLACE_ME`) for each key read: replace them.
 */
export function secretPrerequisite(
  cluster: SovereignCluster,
  namespace: string,
  secretName: string,
  keys: readonly string[],
  user: LocalizedText,
): ZonePrerequisite {
  return prerequisite(
    cluster,
    'secret',
    'kubernetes',
    secretName,
    {
      en: `the Secret '${secretName}' in namespace '${namespace}' with the key(s) ${keys.join(', ')}, read ${user.en}, with the real values (the command's REPLACE_ME are placeholders), from a vault of the site. The site's terraform apply creates the namespace, then waits for the pods, which wait for the Secret: create it while apply waits`,
      fr: `le Secret '${secretName}' dans l'espace de noms '${namespace}' avec la ou les clés ${keys.join(', ')}, lu ${user.fr}, avec les vraies valeurs (les REPLACE_ME de la commande sont à remplacer), depuis un coffre du site. Le terraform apply du site crée l'espace de noms, puis attend les pods, qui attendent le Secret : le créer pendant que apply attend`,
    },
    [
      'kubectl',
      ...reach(cluster, '--context'),
      '--namespace',
      namespace,
      'create',
      'secret',
      'generic',
      secretName,
      ...keys.map((key) => `--from-literal=${key}=REPLACE_ME`),
    ],
    `${namespace}/${secretName}`,
  );
}
