import { TAG_KEYS } from '../../core';
import { isDataTier, podOf, statefulServer, writableMounts } from '../deployability/workloads';
import { containersOf, mapField, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { CheckInput, Resource } from '../normalize/model';
import { combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/**
 * The containers the rule judges: a read-only root filesystem, and a stateful server's image
 * or a workload of the data tier; with the server and the writable volumes each mounts.
 */
function judgedContainers(workload: Resource, input: CheckInput) {
  const { spec, volumes } = podOf(workload);
  const dataTier = isDataTier(workload, input);
  return containersOf(spec).flatMap(({ container, list, name }) => {
    if (list === 'ephemeralContainers') return [];
    if (mapField(container, 'securityContext').readOnlyRootFilesystem !== true) return [];
    const server = statefulServer(container.image);
    if (!server && !dataTier) return [];
    return [{ name, server, mounts: writableMounts(container, volumes) }];
  });
}

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
  observes: ['containers', 'dataTier', 'writableMounts'],
  observe(workload: Resource, { input }: RuleContext) {
    const judged = judgedContainers(workload, input);
    const servers = [...new Set(judged.flatMap((c) => (c.server ? [c.server] : [])))];
    const mounts = [...new Set(judged.flatMap((c) => c.mounts))];
    return evidenceOf({
      containers: judged.map((c) => c.name),
      dataTier: isDataTier(workload, input),
      servers: servers.length ? servers : undefined,
      writableMounts: mounts.length ? mounts : undefined,
    });
  },
  check(workload: Resource, { input }: RuleContext): Outcome {
    const judged = judgedContainers(workload, input);
    if (!judged.length) return 'not-applicable';
    return combine(
      judged.map(({ name, server, mounts }): Outcome => {
        if (mounts.length) return 'pass';
        const why = server
          ? {
              en: `its image runs ${server}, which writes its data to disk`,
              fr: `son image exécute ${server}, qui écrit ses données sur disque`,
            }
          : { en: 'it is of the data tier', fr: 'il est du tiers de données' };
        return fail(
          {
            en: `container '${name}' has a read-only root filesystem and mounts no writable volume, but ${why.en}: it cannot start or keep its data`,
            fr: `le conteneur '${name}' a un système de fichiers racine en lecture seule et ne monte aucun volume accessible en écriture, mais ${why.fr} : il ne peut démarrer ni conserver ses données`,
          },
          { evidence: evidenceOf({ container: name, server }) },
        );
      }),
    );
  },
};
