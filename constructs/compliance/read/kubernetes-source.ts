import {
  CLASSIFICATION_LEVELS,
  isClassificationLevel,
  SovereignLzError,
  SUPPRESSIONS_ANNOTATION,
  TAG_KEYS,
  type ClassificationLevel,
  type LocalizedText,
} from '../../core';
import { isUnresolved } from '../normalize/intrinsics';
import type { KubernetesObject } from '../normalize/kubernetes-objects';
import { readSuppressionList } from './read-suppressions';
import type {
  ArtifactFormat,
  EffectiveClassification,
  KubernetesPlacement,
  ReadSuppression,
  Resource,
  Template,
} from '../normalize/model';

/**
 * What the Kubernetes readers (Terraform JSON, manifests) share: the resource type of an API
 * object, suppressions, and the last step that turns what they read into templates, once
 * every file is read, so that an object takes its classification from its namespace even
 * when the namespace is declared in another manifest file.
 */

/** Kinds that live outside namespaces; every other kind (custom resources included) is namespaced. */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CSIDriver',
  'CSINode',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'VolumeSnapshotClass',
]);

/** True if objects of `kind` live in a namespace. */
export function isNamespacedKind(kind: string): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

/** A kind whose objects run pods: a row of {@link WORKLOAD_KINDS}. */
export interface WorkloadKind {
  readonly kind: string;
  /**
   * The API groups that serve it (`''`: the core group), every version of each: the first is
   * the group it is judged under (its resource type, see {@link kubernetesType}); the others
   * served the same object before it moved (`extensions/v1beta1` Deployments until
   * Kubernetes 1.16, OpenShift 3's `v1` DeploymentConfig).
   */
  readonly groups: readonly string[];
  /** The path of the spec of the pods it runs (its pod template's spec). */
  readonly podSpec: readonly string[];
  /**
   * Where the object may name another workload whose pods it runs instead of a template of
   * its own (Argo Rollouts' `spec.workloadRef`): the rules cannot judge those pods here.
   */
  readonly podsFrom?: readonly string[];
}

const TEMPLATE_SPEC = ['spec', 'template', 'spec'] as const;

/**
 * The kinds whose objects run pods, one row each: every pod rule judges the pods of these
 * kinds, read at `podSpec` (kubernetes-facts.ts builds WORKLOAD_TYPES and the pod readings from
 * this table). A new workload kind is one row.
 */
export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  { kind: 'Pod', groups: [''], podSpec: ['spec'] },
  { kind: 'PodTemplate', groups: [''], podSpec: ['template', 'spec'] },
  { kind: 'ReplicationController', groups: [''], podSpec: TEMPLATE_SPEC },
  { kind: 'Deployment', groups: ['apps', 'extensions'], podSpec: TEMPLATE_SPEC },
  { kind: 'DaemonSet', groups: ['apps', 'extensions'], podSpec: TEMPLATE_SPEC },
  { kind: 'ReplicaSet', groups: ['apps', 'extensions'], podSpec: TEMPLATE_SPEC },
  { kind: 'StatefulSet', groups: ['apps'], podSpec: TEMPLATE_SPEC },
  { kind: 'Job', groups: ['batch'], podSpec: TEMPLATE_SPEC },
  { kind: 'CronJob', groups: ['batch'], podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
  // Argo Rollouts: a template of its own, or the pods of the workload spec.workloadRef names.
  { kind: 'Rollout', groups: ['argoproj.io'], podSpec: TEMPLATE_SPEC, podsFrom: ['spec', 'workloadRef'] },
  { kind: 'DeploymentConfig', groups: ['apps.openshift.io', ''], podSpec: TEMPLATE_SPEC },
];

/** The resource type of a workload kind: its kind under its first group. */
export function workloadType(row: WorkloadKind): string {
  return row.groups[0] ? `${row.groups[0]}/${row.kind}` : row.kind;
}

/** The type of each group/kind a workload kind is served under (`extensions/Deployment` → `apps/Deployment`). */
const WORKLOAD_TYPE_OF = new Map(
  WORKLOAD_KINDS.flatMap((row) =>
    row.groups.map((group): [string, string] => [`${group}/${row.kind}`, workloadType(row)]),
  ),
);

/**
 * The resource type of an API object in findings and rules: its kind, prefixed with its API
 * group when it has one (`Namespace`, `apps/Deployment`, `velero.io/Schedule`), so that one
 * rule serves every version of a kind. A workload kind served under an older group takes the
 * type of its current one (`extensions/v1beta1` Deployment → `apps/Deployment`).
 */
export function kubernetesType(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash > 0 ? apiVersion.slice(0, slash) : '';
  return WORKLOAD_TYPE_OF.get(`${group}/${kind}`) ?? (group ? `${group}/${kind}` : kind);
}

type Json = Record<string, unknown>;

/** True if `value` is a plain object (not an array, not null). */
export function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnresolved(value);
}

/** One resource a Kubernetes reader read, before the templates are built. */
export interface KubernetesEntry {
  /** The Terraform address, or `Kind/namespace/name` for a manifest. */
  readonly id: string;
  /** The resource type: {@link kubernetesType} of an API object, else the Terraform type. */
  readonly type: string;
  /** The API object, or the Terraform configuration of a resource that creates none. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly path?: string;
  /** The line where it starts in its file, when known. */
  readonly line?: number;
  /** Where the API object is applied; absent for a resource that creates no API object. */
  readonly placement?: KubernetesPlacement;
  readonly suppressions: readonly ReadSuppression[];
}

/** One file read by a Kubernetes reader. */
export interface KubernetesSource {
  readonly file: string;
  readonly format: ArtifactFormat;
  /** The cdktf stack name, if known. */
  readonly stackName?: string;
  /** Terraform variable names. */
  readonly parameters: readonly string[];
  readonly entries: readonly KubernetesEntry[];
}

/** The suppressions of an API object's `sovereign-lz.io/suppressions` annotation (a JSON array). */
export function annotationSuppressions(object: KubernetesObject, where: string): ReadSuppression[] {
  const annotations = object.metadata?.annotations;
  const text = isJsonObject(annotations) ? annotations[SUPPRESSIONS_ANNOTATION] : undefined;
  if (text === undefined) return [];
  let list: unknown;
  try {
    list = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list)) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${where}: annotation ${SUPPRESSIONS_ANNOTATION} must hold a JSON array of {id, reason, expires?}`,
    );
  }
  return readSuppressionList(list, `${where}: annotation ${SUPPRESSIONS_ANNOTATION}`);
}

/** The labels of an API object whose values are strings, and the keys of those that are not literal. */
function labelsOf(properties: Readonly<Record<string, unknown>>): {
  labels: Record<string, string>;
  unresolved: string[];
} {
  const labels: Record<string, string> = {};
  const unresolved: string[] = [];
  const raw = isJsonObject(properties.metadata) ? properties.metadata.labels : undefined;
  if (isJsonObject(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      // An empty value (or null, which the API reads as one) is an absent label.
      if (value === '' || value === null) continue;
      if (typeof value === 'string') labels[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') labels[key] = String(value);
      else unresolved.push(key);
    }
  }
  return { labels, unresolved };
}

const KEY = TAG_KEYS.classification;
const LEVELS = CLASSIFICATION_LEVELS.join(', ');

/** The classification an entry declares itself: a level, a problem, or nothing. */
function ownLevel(
  labels: Record<string, string>,
  unresolved: readonly string[],
): ClassificationLevel | LocalizedText | undefined {
  if (KEY in labels) {
    return isClassificationLevel(labels[KEY])
      ? labels[KEY]
      : {
          en: `its label ${KEY} is '${labels[KEY]}', which is not a level (${LEVELS})`,
          fr: `son label ${KEY} vaut '${labels[KEY]}', qui n'est pas un niveau (${LEVELS})`,
        };
  }
  return unresolved.includes(KEY)
    ? { en: `its label ${KEY} is not a literal value`, fr: `son label ${KEY} n'est pas une valeur littérale` }
    : undefined;
}

/**
 * Builds the templates of the Kubernetes sources of one run: each object's classification is
 * its own label, else its namespace's label (the namespace declared in the same cluster),
 * else `assumed` (`--classification`).
 */
export function buildKubernetesTemplates(
  sources: readonly KubernetesSource[],
  assumed: ClassificationLevel | undefined,
): Template[] {
  const namespaces = new Map<string, Map<string, Record<string, string>>>();
  const unresolvedNamespaceLabels = new Map<string, Map<string, string[]>>();
  for (const source of sources) {
    for (const entry of source.entries) {
      if (entry.type !== 'Namespace' || !entry.placement) continue;
      const name = isJsonObject(entry.properties.metadata) ? entry.properties.metadata.name : undefined;
      if (typeof name !== 'string') continue;
      const { labels, unresolved } = labelsOf(entry.properties);
      const cluster = entry.placement.cluster;
      if (!namespaces.has(cluster)) namespaces.set(cluster, new Map());
      if (!unresolvedNamespaceLabels.has(cluster)) unresolvedNamespaceLabels.set(cluster, new Map());
      if (!namespaces.get(cluster)!.has(name)) {
        namespaces.get(cluster)!.set(name, labels);
        unresolvedNamespaceLabels.get(cluster)!.set(name, unresolved);
      }
    }
  }
  const classify = (
    entry: KubernetesEntry,
    labels: Record<string, string>,
    unresolved: string[],
  ): { classification?: EffectiveClassification; classificationProblem?: LocalizedText } => {
    if (!entry.placement) return {};
    const own = ownLevel(labels, unresolved);
    if (own !== undefined) {
      return typeof own === 'string'
        ? { classification: { level: own, origin: 'resource' } }
        : { classificationProblem: own };
    }
    const ns = entry.placement.namespace;
    if (entry.type !== 'Namespace' && typeof ns === 'string') {
      const nsLabels = namespaces.get(entry.placement.cluster)?.get(ns);
      if (nsLabels) {
        const inherited = ownLevel(nsLabels, unresolvedNamespaceLabels.get(entry.placement.cluster)?.get(ns) ?? []);
        if (inherited !== undefined) {
          return typeof inherited === 'string'
            ? { classification: { level: inherited, origin: 'stack' } }
            : {
                classificationProblem: {
                  en: `its namespace '${ns}': ${inherited.en}`,
                  fr: `son espace de noms '${ns}' : ${inherited.fr}`,
                },
              };
        }
      }
    }
    return assumed ? { classification: { level: assumed, origin: 'assumed' } } : {};
  };

  return sources.map((source) => {
    const resources: Resource[] = [];
    const byId = new Map<string, Resource>();
    const template: Template = {
      file: source.file,
      format: source.format,
      stack: { name: source.stackName, environmentAgnostic: false, tags: {} },
      parameters: source.parameters,
      resources,
      byId,
      suppressions: [],
    };
    for (const entry of source.entries) {
      const { labels, unresolved } = entry.placement ? labelsOf(entry.properties) : { labels: {}, unresolved: [] };
      const resource: Resource = {
        file: source.file,
        format: source.format,
        id: entry.id,
        type: entry.type,
        properties: entry.properties,
        path: entry.path,
        ...(entry.line !== undefined ? { line: entry.line } : {}),
        tags: labels,
        unresolvedTags: unresolved,
        // Labels are judged by the Kubernetes rules, not by the rules of taggable AWS resources.
        taggable: false,
        ...classify(entry, labels, unresolved),
        suppressions: entry.suppressions,
        template,
        ...(entry.placement ? { kubernetes: entry.placement } : {}),
      };
      resources.push(resource);
      byId.set(entry.id, resource);
    }
    return template;
  });
}
