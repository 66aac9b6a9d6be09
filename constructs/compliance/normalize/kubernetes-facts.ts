import { TAG_KEYS, type LocalizedText } from '../../core';
import { isUnresolved, type Unresolved } from './intrinsics';
import { isJsonObject, WORKLOAD_KINDS, workloadType, type WorkloadKind } from '../read/kubernetes-source';
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
  podTemplate: 'PodTemplate',
  rollout: 'argoproj.io/Rollout',
  deploymentConfig: 'apps.openshift.io/DeploymentConfig',
} as const;

/** The row of kubernetes-source.ts's WORKLOAD_KINDS of each type whose objects run pods. */
const WORKLOADS: ReadonlyMap<string, WorkloadKind> = new Map(WORKLOAD_KINDS.map((row) => [workloadType(row), row]));

/** Types whose objects run pods, with the path of their pod template's spec (from WORKLOAD_KINDS). */
export const WORKLOAD_POD_SPECS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...WORKLOADS].map(([type, row]) => [type, row.podSpec]),
);

/** Types whose objects run pods: what every pod rule applies to. */
export const WORKLOAD_TYPES: readonly string[] = [...WORKLOADS.keys()];

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

/** The pod spec of a workload (the template's, for controllers), if it is an object. */
export function podSpecOf(resource: Resource): Json | undefined {
  const path = WORKLOAD_POD_SPECS[resource.type];
  const spec = path ? field(resource.properties, ...path) : undefined;
  return isJsonObject(spec) ? spec : undefined;
}

/** True for a value the API takes as absent: undefined, null (JSON's null), or an empty string. */
export function isAbsent(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || value === '';
}

/** What a value is, in words, for messages: `a list`, `a string`… */
export function shapeOf(value: unknown): LocalizedText {
  if (Array.isArray(value)) return { en: 'a list', fr: 'une liste' };
  switch (typeof value) {
    case 'string':
      return { en: `the string ${JSON.stringify(value)}`, fr: `la chaîne ${JSON.stringify(value)}` };
    case 'number':
      return { en: `the number ${value}`, fr: `le nombre ${value}` };
    case 'boolean':
      return { en: `the boolean ${value}`, fr: `le booléen ${value}` };
    default:
      return value === null || value === undefined
        ? { en: 'absent', fr: 'absent' }
        : { en: 'an object', fr: 'un objet' };
  }
}

/**
 * `PATH is <what it is>, not <what was expected>`, or `PATH is <why it cannot be known>` for an
 * unresolved value: why a value of the wrong shape cannot be judged.
 */
export function wrongShape(path: string, value: unknown, expected: LocalizedText): LocalizedText {
  if (isUnresolved(value)) {
    return {
      en: `${path} is ${value.describe('en')}`,
      fr: `impossible de déterminer ${path} (${value.describe('fr')})`,
    };
  }
  const shape = shapeOf(value);
  return {
    en: `${path} is ${shape.en}, not ${expected.en}`,
    fr: `${path} est ${shape.fr} et non ${expected.fr}`,
  };
}

/** The pods of a workload as the pod rules read them. */
export interface PodTemplate {
  /** The pod spec, when it is an object. */
  readonly spec?: Json;
  /** Where the pod spec is in the object, for messages: `spec.template.spec`. */
  readonly path: string;
  /** Its containers that are objects (init and ephemeral ones too). */
  readonly containers: readonly ContainerOf[];
  /** Its volumes that are objects. */
  readonly volumes: readonly Json[];
  /**
   * Why the pods cannot be judged whole: a part the rules read that has the wrong shape (a
   * spec that is a list, containers that are not a list, a container or a securityContext
   * that is not an object…), an unresolved value, pods that come from another object. Each is
   * a `cannot-prove` of every pod rule, never a pass.
   */
  readonly problems: readonly LocalizedText[];
}

const AN_OBJECT = (what: string, quoi: string): LocalizedText => ({
  en: `an object (${what})`,
  fr: `un objet (${quoi})`,
});
const A_LIST = (what: string, quoi: string): LocalizedText => ({ en: `a list (${what})`, fr: `une liste (${quoi})` });

function unjudged(problem: LocalizedText): LocalizedText {
  return { en: `its pods cannot be judged: ${problem.en}`, fr: `impossible de juger ses pods : ${problem.fr}` };
}

/** The list at `key` of `spec`: its objects, and a problem for it or each item that is not one. */
function objectList(
  spec: Json,
  path: string,
  key: string,
  item: LocalizedText,
  problems: LocalizedText[],
): Array<{ object: Json; path: string }> {
  const value = spec[key];
  if (isAbsent(value)) return [];
  if (!Array.isArray(value)) {
    problems.push(wrongShape(`${path}.${key}`, value, A_LIST(`${item.en}s`, `de ${item.fr}s`)));
    return [];
  }
  const objects: Array<{ object: Json; path: string }> = [];
  value.forEach((v, i) => {
    const at = `${path}.${key}[${i}]`;
    if (isJsonObject(v)) objects.push({ object: v, path: at });
    else problems.push(wrongShape(at, v, AN_OBJECT(`a ${item.en}`, `un ${item.fr}`)));
  });
  return objects;
}

function readPodTemplate(resource: Resource, row: WorkloadKind): PodTemplate {
  const path = row.podSpec.join('.');
  const problems: LocalizedText[] = [];
  const none = { path, containers: [], volumes: [], problems };
  if (row.podsFrom) {
    const ref = field(resource.properties, ...row.podsFrom);
    if (!isAbsent(ref)) {
      const kind = field(ref, 'kind');
      const name = field(ref, 'name');
      const named = typeof kind === 'string' && typeof name === 'string' ? ` (${kind} '${name}')` : '';
      problems.push(
        unjudged({
          en: `they are those of the workload ${row.podsFrom.join('.')} names${named}, which is judged on its own if the input holds it`,
          fr: `ce sont ceux de la charge de travail que nomme ${row.podsFrom.join('.')}${named}, jugée elle-même si les artefacts la contiennent`,
        }),
      );
      return none;
    }
  }
  // Each step of the path is an object, or the pod spec cannot be read.
  let value: unknown = resource.properties;
  for (let i = 0; i < row.podSpec.length; i++) {
    value = isJsonObject(value) ? value[row.podSpec[i]] : value;
    const at = row.podSpec.slice(0, i + 1).join('.');
    const last = i === row.podSpec.length - 1;
    if (isAbsent(value)) {
      problems.push(
        unjudged({
          en: `${at} is absent: the object has no ${last ? 'pod spec' : 'pod template'}`,
          fr: `${at} est absent : l'objet n'a pas de ${last ? 'spécification de pod' : 'modèle de pod'}`,
        }),
      );
      return none;
    }
    if (!isJsonObject(value)) {
      problems.push(
        unjudged(
          wrongShape(
            at,
            value,
            last ? AN_OBJECT('a pod spec', 'une spécification de pod') : AN_OBJECT('a mapping', 'un dictionnaire'),
          ),
        ),
      );
      return none;
    }
  }
  const spec = value as Json;
  const shapes: LocalizedText[] = [];
  if (isAbsent(spec.containers)) {
    shapes.push({
      en: `${path}.containers is absent: a pod has at least one container`,
      fr: `${path}.containers est absent : un pod a au moins un conteneur`,
    });
  }
  const containers = ['containers', 'initContainers', 'ephemeralContainers'].flatMap((list) =>
    objectList(spec, path, list, { en: 'container', fr: 'conteneur' }, shapes).map(
      ({ object: container, path: at }): ContainerOf => ({
        container,
        list,
        name: typeof container.name === 'string' && container.name ? container.name : at.slice(path.length + 1),
        path: at,
      }),
    ),
  );
  for (const { container, path: at } of containers) {
    const sc = container.securityContext;
    if (!isAbsent(sc) && !isJsonObject(sc)) {
      shapes.push(wrongShape(`${at}.securityContext`, sc, AN_OBJECT('a security context', 'un contexte de sécurité')));
    }
  }
  for (const key of ['securityContext', 'affinity', 'nodeSelector']) {
    const v = spec[key];
    if (!isAbsent(v) && !isJsonObject(v))
      shapes.push(wrongShape(`${path}.${key}`, v, AN_OBJECT('a mapping', 'un dictionnaire')));
  }
  const volumes = objectList(spec, path, 'volumes', { en: 'volume', fr: 'volume' }, shapes).map((v) => v.object);
  return { spec, path, containers, volumes, problems: shapes.map(unjudged) };
}

/**
 * The pods of a workload (a type of WORKLOAD_KINDS) as the pod rules read them, computed once
 * per resource; undefined for a resource that runs no pods.
 */
export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  const row = WORKLOADS.get(resource.type);
  return row && memoized(resource, 'podTemplate', () => readPodTemplate(resource, row));
}

/** A container of a pod spec, with the list it is in. */
export interface ContainerOf {
  readonly container: Json;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  readonly list: string;
  /** Its name, for messages. */
  readonly name: string;
  /** Where it is in the object (`spec.template.spec.containers[0]`), when read by {@link podTemplateOf}. */
  readonly path?: string;
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

/**
 * A container's image reference, or why it cannot be read: absent (an admission webhook or an
 * image trigger may set it: what runs is unknown here), of the wrong shape, unresolved.
 */
export function imageOf(c: ContainerOf): { readonly image: string } | { readonly problem: LocalizedText } {
  const image = c.container.image;
  if (typeof image === 'string' && image !== '') return { image };
  const where = `${c.path ?? c.name}.image`;
  if (isAbsent(image)) {
    return {
      problem: {
        en: `container '${c.name}' names no image (${where} is absent): the image it runs is set elsewhere, if anywhere`,
        fr: `le conteneur '${c.name}' ne nomme aucune image (${where} est absent) : l'image qu'il exécute est fixée ailleurs, s'il y en a une`,
      },
    };
  }
  return {
    problem: wrongShape(where, image, {
      en: 'an image reference (a string)',
      fr: "une référence d'image (une chaîne)",
    }),
  };
}
