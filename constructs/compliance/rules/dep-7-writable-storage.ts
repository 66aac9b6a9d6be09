import { TAG_KEYS } from '../../core';
import { isDataTier, mountsWritableVolume, podOf, statefulServer } from '../deployability/workloads';
import { containersOf, mapField, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';

/** DEP-7: a container with a read-only root filesystem that must write has a writable volume. */
export const dep7WritableStorage: ResourceRule = {
  id: 'DEP-7/writable-storage',
  control: 'DEP-7',
  scope: 'resource',
  title: {
    en: 'Containers that must write have a writable volume',
    fr: 'Les conteneurs qui doivent écrire ont un volume accessible en écriture',
  },
  description: `A container with readOnlyRootFilesystem true that mounts no writable volume at all (emptyDir, persistentVolumeClaim, ephemeral or another writable source; configMap, secret, downwardAPI and projected volumes are read-only) cannot write anywhere: it fails when its image is a known stateful server (PostgreSQL, MySQL, MariaDB, MongoDB, Redis, Elasticsearch, OpenSearch, Kafka, RabbitMQ, etcd, MinIO…, by the last segment of its repository) or its workload is of the data tier (${TAG_KEYS.tier}: data on its namespace, itself or its pod template).`,
  remediation: {
    en: 'Mount a volume where the server writes (a persistentVolumeClaim for its data, an emptyDir for runtime files), keeping the root filesystem read-only',
    fr: "Monter un volume là où le serveur écrit (un persistentVolumeClaim pour ses données, un emptyDir pour ses fichiers d'exécution), en gardant le système de fichiers racine en lecture seule",
  },
  appliesTo: WORKLOAD_TYPES,
  check(workload: Resource, { input }: RuleContext): Outcome {
    const { spec, volumes } = podOf(workload);
    if (!spec) return 'not-applicable';
    const dataTier = isDataTier(workload, input);
    const outcomes: Outcome[] = [];
    for (const { container, list, name } of containersOf(spec)) {
      if (list === 'ephemeralContainers') continue;
      if (mapField(container, 'securityContext').readOnlyRootFilesystem !== true) continue;
      const server = statefulServer(container.image);
      if (!server && !dataTier) continue;
      if (mountsWritableVolume(container, volumes)) {
        outcomes.push('pass');
        continue;
      }
      const why = server
        ? {
            en: `its image runs ${server}, which writes its data to disk`,
            fr: `son image exécute ${server}, qui écrit ses données sur disque`,
          }
        : { en: 'it is of the data tier', fr: 'il est du tiers de données' };
      outcomes.push(
        fail({
          en: `container '${name}' has a read-only root filesystem and mounts no writable volume, but ${why.en}: it cannot start or keep its data`,
          fr: `le conteneur '${name}' a un système de fichiers racine en lecture seule et ne monte aucun volume accessible en écriture, mais ${why.fr} : il ne peut démarrer ni conserver ses données`,
        }),
      );
    }
    if (!outcomes.length) return 'not-applicable';
    return combine(outcomes);
  },
};
