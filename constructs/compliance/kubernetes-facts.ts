import { TAG_KEYS, type LocalizedText } from '../core';
import { isUnresolved, type Unresolved } from './intrinsics';
import { isJsonObject } from './kubernetes-source';
import type { CheckInput, Resource } from './model';

/**
 * Evidence the Kubernetes rules read across objects of one cluster (the namespace of an
 * object, the objects of a namespace, the pod template of a workload), computed once per
 * input. Objects are looked up within their cluster only: a namespace `records` of one
 * Terraform stack is not the namespace `records` of another.
 */

/** Resource types of the API objects the rules judge or read (see `kubernetesType`). */
export const K8S = {
  namespace: 'Namespace',
  pod: 'Pod',
  deployment: 'apps/Deployment',
  statefulSet: 'apps/StatefulSet',
  daemonSet: 'apps/DaemonSet',
  replicaSet: 'apps/ReplicaSet',
  replicationController: 'ReplicationController',
  job: 'batch/Job',
  cronJob: 'batch/CronJob',
  service: 'Service',
  configMap: 'ConfigMap',
  persistentVolumeClaim: 'PersistentVolumeClaim',
  resourceQuota: 'ResourceQuota',
  limitRange: 'LimitRange',
  networkPolicy: 'networking.k8s.io/NetworkPolicy',
  ingress: 'networking.k8s.io/Ingress',
  storageClass: 'storage.k8s.io/StorageClass',
  role: 'rbac.authorization.k8s.io/Role',
  clusterRole: 'rbac.authorization.k8s.io/ClusterRole',
  roleBinding: 'rbac.authorization.k8s.io/RoleBinding',
  clusterRoleBinding: 'rbac.authorization.k8s.io/ClusterRoleBinding',
  veleroSchedule: 'velero.io/Schedule',
} as const;

/** Types whose objects run pods, with the path of their pod template's spec. */
export const WORKLOAD_POD_SPECS: Readonly<Record<string, readonly string[]>> = {
  [K8S.pod]: ['spec'],
  [K8S.deployment]: ['spec', 'template', 'spec'],
  [K8S.statefulSet]: ['spec', 'template', 'spec'],
  [K8S.daemonSet]: ['spec', 'template', 'spec'],
  [K8S.replicaSet]: ['spec', 'template', 'spec'],
  [K8S.replicationController]: ['spec', 'template', 'spec'],
  [K8S.job]: ['spec', 'template', 'spec'],
  [K8S.cronJob]: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Types whose objects run pods. */
export const WORKLOAD_TYPES: readonly string[] = Object.keys(WORKLOAD_POD_SPECS);

type Json = Record<string, unknown>;

/** The value at `path` of an object (`undefined` if a step is absent or not an object). */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The objects of a list field; none when it is absent or not a list. */
export function listField(value: unknown, ...path: string[]): Json[] {
  const v = field(value, ...path);
  return Array.isArray(v) ? v.filter(isJsonObject) : [];
}

/** A string map field (labels, annotations, parameters, nodeSelector); empty when absent. */
export function mapField(value: unknown, ...path: string[]): Readonly<Record<string, unknown>> {
  const v = field(value, ...path);
  return isJsonObject(v) ? v : {};
}

/** The object's `metadata.name`, if literal. */
export function nameOf(resource: Resource): string | undefined {
  const name = field(resource.properties, 'metadata', 'name');
  return typeof name === 'string' ? name : undefined;
}

/** The object's namespace (a name, an `Unresolved`, or absent). */
export function namespaceOf(resource: Resource): string | Unresolved | undefined {
  return resource.kubernetes?.namespace;
}

/** The object's annotation `key`, if it is a string. */
export function annotation(resource: Resource, key: string): string | undefined {
  const value = mapField(resource.properties, 'metadata', 'annotations')[key];
  return typeof value === 'string' ? value : undefined;
}

/** The pod spec of a workload (the template's, for controllers). */
export function podSpecOf(resource: Resource): Json | undefined {
  const path = WORKLOAD_POD_SPECS[resource.type];
  const spec = path ? field(resource.properties, ...path) : undefined;
  return isJsonObject(spec) ? spec : undefined;
}

/** A container of a pod spec, with the list it is in. */
export interface ContainerOf {
  readonly container: Json;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  readonly list: string;
  /** Its name, for messages. */
  readonly name: string;
}

/** Every container of a pod spec (init and ephemeral containers included). */
export function containersOf(podSpec: Json | undefined): ContainerOf[] {
  if (!podSpec) return [];
  return ['containers', 'initContainers', 'ephemeralContainers'].flatMap((list) =>
    listField(podSpec, list).map((container, i) => ({
      container,
      list,
      name: typeof container.name === 'string' ? container.name : `${list}[${i}]`,
    })),
  );
}

/** The Kubernetes objects of one cluster, indexed. */
export interface ClusterObjects {
  readonly objects: readonly Resource[];
  /** Namespace objects by name. */
  readonly namespaces: ReadonlyMap<string, Resource>;
  /** Objects by namespace name. */
  readonly byNamespace: ReadonlyMap<string, readonly Resource[]>;
  /** Objects by type. */
  readonly byType: ReadonlyMap<string, readonly Resource[]>;
}

const cache = new WeakMap<object, Map<string, unknown>>();

/** The value `compute` gives for `owner` (an input, a template, a resource) and `key`, computed once. */
export function memoized<T>(owner: object, key: string, compute: () => T): T {
  let entries = cache.get(owner);
  if (!entries) cache.set(owner, (entries = new Map()));
  if (!entries.has(key)) entries.set(key, compute());
  return entries.get(key) as T;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The Kubernetes objects of the input, by cluster (in input order). */
export function clusters(input: CheckInput): ReadonlyMap<string, ClusterObjects> {
  return memoized(input, 'kubernetesClusters', () => {
    const raw = new Map<string, Resource[]>();
    for (const template of input.templates) {
      for (const resource of template.resources) {
        if (resource.kubernetes) push(raw, resource.kubernetes.cluster, resource);
      }
    }
    const out = new Map<string, ClusterObjects>();
    for (const [cluster, objects] of raw) {
      const namespaces = new Map<string, Resource>();
      const byNamespace = new Map<string, Resource[]>();
      const byType = new Map<string, Resource[]>();
      for (const r of objects) {
        push(byType, r.type, r);
        const name = nameOf(r);
        if (r.type === K8S.namespace && name !== undefined && !namespaces.has(name)) namespaces.set(name, r);
        const ns = r.kubernetes?.namespace;
        if (typeof ns === 'string') push(byNamespace, ns, r);
      }
      out.set(cluster, { objects, namespaces, byNamespace, byType });
    }
    return out;
  });
}

/** The objects of the resource's cluster. */
export function clusterOf(resource: Resource, input: CheckInput): ClusterObjects | undefined {
  return resource.kubernetes ? clusters(input).get(resource.kubernetes.cluster) : undefined;
}

/** The Namespace object the resource lives in, if the input declares it in the same cluster. */
export function namespaceResourceOf(resource: Resource, input: CheckInput): Resource | undefined {
  const ns = namespaceOf(resource);
  return typeof ns === 'string' ? clusterOf(resource, input)?.namespaces.get(ns) : undefined;
}

/** The objects of `type` in namespace `ns` of the resource's cluster. */
export function inNamespace(resource: Resource, input: CheckInput, ns: string, type: string): Resource[] {
  return (clusterOf(resource, input)?.byNamespace.get(ns) ?? []).filter((r) => r.type === type);
}

/** The objects of `type` in the resource's cluster. */
export function inCluster(resource: Resource, input: CheckInput, type: string): readonly Resource[] {
  return clusterOf(resource, input)?.byType.get(type) ?? [];
}

/** A label of the namespace of the resource (or of the resource itself, for a namespace). */
export function namespaceLabel(resource: Resource, input: CheckInput, key: string): string | undefined {
  const ns = resource.type === K8S.namespace ? resource : namespaceResourceOf(resource, input);
  return ns?.tags[key];
}

/** The namespace's tier label (`sovereign-lz.io/tier`), if any. */
export function tierOf(namespace: Resource): string | undefined {
  return namespace.tags[TAG_KEYS.tier];
}

/** The namespace, in words, for messages, in both languages. */
export function describeNamespace(ns: string | Unresolved | undefined): LocalizedText {
  if (ns === undefined) {
    return {
      en: 'no namespace (kubectl would use its context namespace)',
      fr: 'aucun espace de noms (kubectl prendrait celui de son contexte)',
    };
  }
  return isUnresolved(ns)
    ? { en: `a namespace given by ${ns.describe('en')}`, fr: `un espace de noms donné par ${ns.describe('fr')}` }
    : { en: `namespace '${ns}'`, fr: `l'espace de noms '${ns}'` };
}

/** The storage class names the object's volume claims ask for (`null` for the cluster's default). */
export function claimedStorageClasses(resource: Resource): Array<string | null | Unresolved> {
  const name = (spec: unknown): string | null | Unresolved => {
    const value = field(spec, 'storageClassName');
    if (isUnresolved(value)) return value;
    return typeof value === 'string' ? value : null;
  };
  if (resource.type === K8S.persistentVolumeClaim) return [name(resource.properties.spec)];
  const claims: Array<string | null | Unresolved> = [];
  if (resource.type === K8S.statefulSet) {
    for (const template of listField(resource.properties, 'spec', 'volumeClaimTemplates')) {
      claims.push(name(template.spec));
    }
  }
  for (const volume of listField(podSpecOf(resource), 'volumes')) {
    const ephemeral = field(volume, 'ephemeral', 'volumeClaimTemplate', 'spec');
    if (ephemeral !== undefined) claims.push(name(ephemeral));
  }
  return claims;
}

/** True if the object keeps data on persistent volumes (a claim, claim templates, or volumes from claims). */
export function holdsPersistentData(resource: Resource): boolean {
  if (resource.type === K8S.persistentVolumeClaim) return true;
  if (listField(resource.properties, 'spec', 'volumeClaimTemplates').length) return true;
  return listField(podSpecOf(resource), 'volumes').some((v) => v.persistentVolumeClaim !== undefined);
}

/** The StorageClass a claim's class name designates in the resource's cluster (`null`: the default class). */
export function storageClassNamed(resource: Resource, input: CheckInput, name: string | null): Resource | undefined {
  const classes = inCluster(resource, input, K8S.storageClass);
  if (name !== null) return classes.find((c) => nameOf(c) === name);
  return classes.find((c) => annotation(c, 'storageclass.kubernetes.io/is-default-class') === 'true');
}
