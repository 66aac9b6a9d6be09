import { SovereignLzError } from '../../core';
import { checkDocumentShape } from './input-files';
import type { KubernetesObject } from '../normalize/kubernetes-objects';
import {
  annotationSuppressions,
  isJsonObject,
  isNamespacedKind,
  kubernetesType,
  type KubernetesEntry,
  type KubernetesSource,
} from './kubernetes-source';
import { looksLikeKubernetesYaml, parseKubernetesYaml } from './kubernetes-yaml';
import type { ArtifactFormat } from '../normalize/model';
import { manifestLines, type ManifestLines } from './source-lines';

/**
 * Reads plain Kubernetes manifests, as `helm template`, `kustomize build` or `kubectl get -o`
 * write them: YAML with several documents, or JSON; `List` kinds (`v1/List`, `…List`) are
 * flattened. Every object is applied to one cluster, `manifests`, so that an object finds its
 * namespace even when another file of the run declares it. Suppressions come from the
 * annotation `sovereign-lz.io/suppressions` (a JSON array). YAML is decoded as kubectl decodes
 * it (kubernetes-yaml.ts), not as the YAML 1.2 of CloudFormation templates.
 */

/** The cluster every plain manifest of a run is applied to. */
export const MANIFESTS_CLUSTER = 'manifests';

/**
 * Where `sovereign-lz synth` writes the plain manifests of each Terraform stack, beside cdktf's
 * `stacks/` in the Kubernetes output: `kubernetes/manifests/<stack>/` (cli/gitops-manifests.ts).
 */
export const MANIFESTS_DIR = 'manifests';

/** The file listing a directory's manifests for kustomize (`kubectl apply -k`, Argo CD, Flux). */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** The kind of kustomize's `kustomization.yaml` (`kustomize.config.k8s.io/…`): configuration, not an object of the cluster. */
export const KUSTOMIZATION_KIND = 'Kustomization';

/** True if the parsed documents of a file are a kustomization (kustomize's file, which no API server receives). */
export function isKustomization(docs: readonly unknown[]): boolean {
  const first = docs.find((d) => d !== null && d !== undefined);
  return (
    isObjectDocument(first) &&
    first.kind === KUSTOMIZATION_KIND &&
    first.apiVersion.startsWith('kustomize.config.k8s.io/')
  );
}

function isObjectDocument(doc: unknown): doc is KubernetesObject {
  return isJsonObject(doc) && typeof doc.apiVersion === 'string' && typeof doc.kind === 'string';
}

function isList(doc: KubernetesObject): boolean {
  return doc.kind.endsWith('List') && Array.isArray(doc.items);
}

/** True if the parsed documents of a file are Kubernetes manifests (the first object has apiVersion and kind). */
export function isKubernetesManifest(docs: readonly unknown[]): boolean {
  const first = docs.find((d) => d !== null && d !== undefined);
  return isObjectDocument(first) && !('Resources' in first);
}

/** What the reader knows of a manifest file beyond its content. */
export interface ManifestContext {
  /** The file, relative to the working directory. */
  readonly file: string;
  readonly format: Extract<ArtifactFormat, 'kubernetes-yaml' | 'kubernetes-json'>;
  /**
   * Where each document starts (and the items of a `List`), aligned with the documents.
   * @default - none: the objects have no line
   */
  readonly lines?: readonly ManifestLines[];
}

/**
 * Reads the parsed documents of a manifest file. Throws a one-line {@link SovereignLzError}
 * naming the file and document when a document is not a Kubernetes object.
 */
export function readKubernetesManifests(docs: readonly unknown[], ctx: ManifestContext): KubernetesSource {
  const objects: { object: KubernetesObject; where: string; line?: number }[] = [];
  const lines = ctx.lines?.length === docs.length ? ctx.lines : undefined;
  const add = (doc: unknown, where: string, depth: number, line?: number, items?: readonly number[]): void => {
    if (doc === null || doc === undefined) return;
    if (!isObjectDocument(doc)) {
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${ctx.file}: ${where} is not a Kubernetes object (no apiVersion/kind)`,
      );
    }
    if (isList(doc) && depth < 2) {
      const list = doc.items as unknown[];
      // The items' own lines when the document's text gave one per item, else the List's.
      const itemLines = items?.length === list.length ? items : undefined;
      list.forEach((item, i) => add(item, `${where} item ${i + 1}`, depth + 1, itemLines?.[i] ?? line));
    } else {
      objects.push({ object: doc, where, ...(line !== undefined ? { line } : {}) });
    }
  };
  docs.forEach((doc, i) => add(doc, `document ${i + 1}`, 0, lines?.[i].line, lines?.[i].items));

  const seen = new Map<string, number>();
  const entries: KubernetesEntry[] = objects.map(({ object, where, line }) => {
    const metadata = object.metadata;
    if (metadata !== undefined && !isJsonObject(metadata)) {
      throw new SovereignLzError('INPUT_INVALID', `${ctx.file}: ${where} (${object.kind}): metadata must be an object`);
    }
    const namespaced = isNamespacedKind(object.kind);
    const namespace = typeof metadata?.namespace === 'string' && metadata.namespace ? metadata.namespace : undefined;
    const name =
      typeof metadata?.name === 'string' && metadata.name
        ? metadata.name
        : typeof metadata?.generateName === 'string'
          ? `${metadata.generateName}*`
          : '(unnamed)';
    const base = [object.kind, ...(namespaced ? [namespace ?? '(no namespace)'] : []), name].join('/');
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const id = count > 1 ? `${base}#${count}` : base;
    return {
      id,
      type: kubernetesType(object.apiVersion, object.kind),
      properties: object,
      ...(line !== undefined ? { line } : {}),
      placement: { cluster: MANIFESTS_CLUSTER, namespaced, ...(namespace ? { namespace } : {}) },
      suppressions: annotationSuppressions(object, `${ctx.file}: ${id}`),
    };
  });
  return { file: ctx.file, format: ctx.format, parameters: [], entries };
}

/**
 * The documents of a YAML manifest file, decoded as kubectl decodes them (see
 * kubernetes-yaml.ts), each checked as the readers check a document (no deeper than
 * MAX_NESTING_DEPTH once its aliases are expanded).
 */
export function decodeManifestYaml(text: string, file: string, maxFileBytes?: number): unknown[] {
  const docs = parseKubernetesYaml(text, file, maxFileBytes);
  for (const doc of docs) checkDocumentShape(doc, file);
  return docs;
}

/**
 * Reads a YAML file whose first document looks like a Kubernetes object (block style
 * `apiVersion` and `kind` at the top level, see looksLikeKubernetesYaml) with the Kubernetes
 * decoder, parsing it once. Undefined for a `.json` file, for a file that does not look like a
 * manifest, or one that is not once decoded: the reader reads those as before.
 */
export function readManifestYamlText(text: string, file: string, maxFileBytes?: number): KubernetesSource | undefined {
  if (file.toLowerCase().endsWith('.json') || !looksLikeKubernetesYaml(text)) return undefined;
  const docs = decodeManifestYaml(text, file, maxFileBytes);
  if (!isKubernetesManifest(docs)) return undefined;
  return readKubernetesManifests(docs, { file, format: 'kubernetes-yaml', lines: manifestLines(text, docs, true) });
}
