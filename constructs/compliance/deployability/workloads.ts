import { TAG_KEYS } from '../../core';
import { field, listField, mapField, namespaceLabel, podSpecOf } from '../normalize/kubernetes-facts';
import { isJsonObject } from '../read/kubernetes-source';
import type { CheckInput, Resource } from '../normalize/model';

/**
 * What the DEP-7 rules read of a workload: its tier, its volumes, and whether its image is a
 * server known to write its data to disk.
 */

type Json = Record<string, unknown>;

/** The data tier's value of the tier label. */
export const DATA_TIER = 'data';

/**
 * True if the workload is of the data tier: its namespace, its own labels or its pod
 * template's carry `sovereign-lz.io/tier: data`.
 */
export function isDataTier(workload: Resource, input: CheckInput): boolean {
  if (namespaceLabel(workload, input, TAG_KEYS.tier) === DATA_TIER) return true;
  if (workload.tags[TAG_KEYS.tier] === DATA_TIER) return true;
  const template = mapField(workload.properties, 'spec', 'template', 'metadata', 'labels');
  return template[TAG_KEYS.tier] === DATA_TIER;
}

/** Volume sources that are read-only by nature (their data comes from the API server or an image). */
const READ_ONLY_SOURCES = new Set(['configMap', 'secret', 'downwardAPI', 'projected', 'image', 'clusterTrustBundle']);

/** The pod's volumes by name, each true if it can be written to. */
export function writableVolumes(podSpec: Json | undefined): Map<string, boolean> {
  const volumes = new Map<string, boolean>();
  for (const volume of listField(podSpec, 'volumes')) {
    if (typeof volume.name !== 'string') continue;
    const sources = Object.keys(volume).filter((k) => k !== 'name');
    const writable = sources.some((source) => {
      if (READ_ONLY_SOURCES.has(source)) return false;
      const spec = volume[source];
      // A claim, CSI or other source mounted read-only at the volume.
      return !(isJsonObject(spec) && spec.readOnly === true);
    });
    volumes.set(volume.name, writable);
  }
  return volumes;
}

/** The mounts of a container it can write to, by volume name (a mount of an undeclared volume counts: unknown). */
export function writableMounts(container: Json, volumes: ReadonlyMap<string, boolean>): string[] {
  return listField(container, 'volumeMounts')
    .filter((mount) => mount.readOnly !== true && (typeof mount.name !== 'string' || volumes.get(mount.name) !== false))
    .map((mount) => (typeof mount.name === 'string' ? mount.name : JSON.stringify(mount.name ?? null)));
}

/** True if a container mounts a volume it can write to (a mount of an undeclared volume counts: unknown). */
export function mountsWritableVolume(container: Json, volumes: ReadonlyMap<string, boolean>): boolean {
  return writableMounts(container, volumes).length > 0;
}

/**
 * Servers that write their data (or their runtime state) under their root filesystem unless a
 * volume is mounted there: databases, queues, search engines, object and key-value stores.
 */
export const STATEFUL_SERVERS: readonly string[] = [
  'postgres',
  'postgresql',
  'postgis',
  'timescaledb',
  'mysql',
  'mariadb',
  'percona',
  'mongo',
  'mongodb',
  'redis',
  'valkey',
  'keydb',
  'elasticsearch',
  'opensearch',
  'solr',
  'cassandra',
  'scylla',
  'couchdb',
  'couchbase',
  'cockroach',
  'cockroachdb',
  'rabbitmq',
  'kafka',
  'zookeeper',
  'etcd',
  'minio',
  'influxdb',
  'clickhouse',
  'neo4j',
  'nats',
  'prometheus',
  'vault',
];

/** The server an image runs, if it is a known stateful one: the last path segment of its repository. */
export function statefulServer(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  const repository = image.split('@')[0];
  const lastSlash = repository.lastIndexOf('/');
  const tagColon = repository.indexOf(':', lastSlash + 1);
  const name = (
    tagColon >= 0 ? repository.slice(lastSlash + 1, tagColon) : repository.slice(lastSlash + 1)
  ).toLowerCase();
  return STATEFUL_SERVERS.find((s) => name === s || new RegExp(`^${s}[-_.]`).test(name));
}

/** The pod spec of a workload, with its own volumes. */
export function podOf(workload: Resource): { spec: Json | undefined; volumes: Map<string, boolean> } {
  const spec = podSpecOf(workload);
  return { spec, volumes: writableVolumes(spec) };
}

/** The names of the workload's claim templates and of the claims its volumes mount (for evidence). */
export function claimNames(workload: Resource): string[] {
  const templates = listField(workload.properties, 'spec', 'volumeClaimTemplates').map((t) =>
    field(t, 'metadata', 'name'),
  );
  const volumes = listField(podSpecOf(workload), 'volumes').map((v) => field(v, 'persistentVolumeClaim', 'claimName'));
  return [...templates, ...volumes].filter((n): n is string => typeof n === 'string');
}

/** True if the workload keeps data on a persistent volume claim (claim templates, or a claim volume). */
export function claimsPersistentVolume(workload: Resource): boolean {
  if (listField(workload.properties, 'spec', 'volumeClaimTemplates').length) return true;
  return listField(podSpecOf(workload), 'volumes').some((v) => field(v, 'persistentVolumeClaim') !== undefined);
}
