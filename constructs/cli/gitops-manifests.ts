import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { METADATA_KEY, shellComment, SUPPRESSIONS_ANNOTATION, type LocalizedText } from '../core';
import { isUnresolved } from '../compliance/normalize/intrinsics';
import { KUSTOMIZATION_FILE, KUSTOMIZATION_KIND, MANIFESTS_DIR } from '../compliance/read/kubernetes-manifests';
import { isJsonObject, type KubernetesEntry } from '../compliance/read/kubernetes-source';
import { goYamlDoubleQuoted, resolveGoYamlScalar } from '../compliance/read/kubernetes-yaml';
import { originsOf } from '../compliance/read/terraform-eval';
import { readTerraformJson } from '../compliance/read/terraform-json';

/**
 * The GitOps output of `sovereign-lz synth`: each Terraform stack's Kubernetes objects also as
 * plain manifests, `kubernetes/manifests/<stack>/`, one YAML file per object and a
 * `kustomization.yaml` listing them, for `kubectl apply --server-side -k`, Argo CD or Flux.
 *
 * One source of truth: the objects are those the compliance engine reads from the stack's
 * `cdk.tf.json` (readTerraformJson: Terraform's expressions evaluated, each `kubernetes_*`
 * resource mapped to the API object it creates), so that `check` judges the manifests as it
 * judges the Terraform JSON. Terraform-only arguments (`depends_on`, `lifecycle`, `timeouts`,
 * `wait_for_rollout`…) have no place in a manifest and are left out; what Terraform does for a
 * namespaced object without a namespace (the provider applies it to `default`) is written out,
 * and the suppressions of a resource's `//` metadata move to the annotation the manifest reader
 * takes them from.
 *
 * What a manifest cannot say is refused for the whole stack, never written wrong: a resource
 * that creates no object of its own (a patch such as `kubernetes_labels`, another provider's
 * resource), `count` or `for_each` (several objects from one block), a value that is not a
 * literal (an expression the engine cannot evaluate, a variable, a value known after apply),
 * objects for several clusters (provider aliases), two resources creating one object, an
 * object without a name (`kubectl apply` needs one), a string UTF-8 cannot encode. The stack's
 * Terraform JSON is written as always; its manifests directory is not, and the reason is
 * returned (the CLI prints it).
 *
 * Deterministic: files are named `NN-<kind>-<namespace>-<name>.yaml` in apply order (namespaces
 * first, then what pods need, the admission policy before the pods it judges, workloads, then
 * custom resources), listed in that order by the kustomization (`sortOptions: fifo`, kustomize
 * ≥ 5, so that `kubectl apply -k` keeps it); keys as the API writes them (`apiVersion`, `kind`,
 * `metadata`, then the rest as mapped); YAML that kubectl reads back as the object (see
 * {@link manifestYaml}).
 */

/** One object of a site, as a manifest file. */
export interface ManifestFile {
  /** The file name, e.g. `01-namespace-civil-registry-application.yaml`. */
  readonly name: string;
  /** The object, as the manifest reader names it: `Kind/namespace/name` (`Kind/name` when cluster-scoped). */
  readonly id: string;
  /** The Terraform resource it comes from, e.g. `kubernetes_namespace_v1.Cluster_Records_1A2B3C4D`. */
  readonly address: string;
  readonly text: string;
}

/** The plain manifests of one Terraform stack. */
export interface SiteManifests {
  /** The stack's name (the site, for a landing zone). */
  readonly stack: string;
  /** Its Terraform JSON, relative to the output directory. */
  readonly artifact: string;
  /** Where its manifests go, relative to the output directory: `kubernetes/manifests/<stack>`. */
  readonly directory: string;
  /** The manifests in apply order; empty when refused. */
  readonly files: readonly ManifestFile[];
  /** The text of `kustomization.yaml`; undefined when refused. */
  readonly kustomization?: string;
  /** Why no manifest of the stack is written. */
  readonly refused?: LocalizedText;
}

/**
 * The order objects are applied in, by kind: Helm's install order (namespaces, then policies,
 * accounts, configuration and storage, CRDs and RBAC, services, workloads), with the
 * cluster-wide scheduling and admission objects before the pods they apply to. Kinds not listed
 * (custom resources such as Velero's `Schedule`) come last, once their CRDs exist.
 */
const APPLY_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'StorageClass',
  'CSIDriver',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'PriorityClass',
  'RuntimeClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

const rankOf = (kind: string): number => {
  const i = APPLY_ORDER.indexOf(kind);
  return i < 0 ? APPLY_ORDER.length : i;
};

/** Code-unit order: the same on every machine, whatever its locale. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Json = Record<string, unknown>;

/** The resources of a Terraform JSON document by address (`resource` may be an array of blocks). */
function rawResources(doc: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const groups = Array.isArray(doc.resource) ? doc.resource : [doc.resource];
  for (const group of groups) {
    if (!isJsonObject(group)) continue;
    for (const [type, byName] of Object.entries(group)) {
      const blocks = Array.isArray(byName) ? byName : [byName];
      for (const block of blocks) {
        if (!isJsonObject(block)) continue;
        for (const [name, raw] of Object.entries(block)) {
          const config = Array.isArray(raw) ? raw[0] : raw;
          if (isJsonObject(config)) out.set(`${type}.${name}`, config);
        }
      }
    }
  }
  return out;
}

/** A field's path for messages: `spec.template.spec.containers[0].image`. */
function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(the object)';
}

/** Half of a surrogate pair, alone: JSON can escape it (`\ud800`), UTF-8 cannot encode it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A plain copy of an evaluated object, or why a manifest cannot hold it: a value the engine
 * could not evaluate, or one that comes from a Terraform variable (its value is chosen at
 * apply time; a manifest would freeze one of them).
 */
function literalCopy(value: unknown, path: (string | number)[]): { value: unknown } | { refused: LocalizedText } {
  if (isUnresolved(value)) {
    const field = pathText(path);
    return {
      refused: {
        en: `${field} is not a literal (${value.describe('en')})`,
        fr: `${field} n'est pas une valeur littérale (${value.describe('fr')})`,
      },
    };
  }
  // The value, and the key it is under (every key is the last step of one value's path).
  const key = path.length ? String(path[path.length - 1]) : '';
  if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) {
    const field = pathText(path);
    return {
      refused: {
        en: `${field} holds half of a UTF-16 surrogate pair, which no YAML file can hold`,
        fr: `${field} contient une moitié de paire de substitution UTF-16, qu'aucun fichier YAML ne peut contenir`,
      },
    };
  }
  if (typeof value !== 'object' || value === null) return { value };
  const container = value as Record<string, unknown>;
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const key of Object.keys(container)) {
    const at = Array.isArray(value) ? Number(key) : key;
    const variables = [...new Set(originsOf(container, key).map((o) => `var.${o.variable}`))];
    if (variables.length) {
      const field = pathText([...path, at]);
      return {
        refused: {
          en: `${field} comes from ${variables.join(', ')}, which Terraform takes at apply time: a manifest holds literals only`,
          fr: `${field} vient de ${variables.join(', ')}, que Terraform prend à l'application : un manifeste ne contient que des valeurs littérales`,
        },
      };
    }
    if (container[key] === undefined) continue;
    const copy = literalCopy(container[key], [...path, at]);
    if ('refused' in copy) return copy;
    if (Array.isArray(out)) out.push(copy.value);
    else out[key] = copy.value;
  }
  return { value: out };
}

/** The API object's keys in the order `kubectl get -o yaml` starts with: apiVersion, kind, metadata, then the rest. */
function apiOrder(object: Json): Json {
  const { apiVersion, kind, metadata, ...rest } = object;
  return { apiVersion, kind, ...(metadata !== undefined ? { metadata } : {}), ...rest };
}

/**
 * The manifest's object: the mapped object, with the namespace Terraform would apply it to and
 * the resource's `//` suppressions in the annotation the manifest reader reads (before those the
 * annotation held already, in the order the Terraform reader reads them).
 */
function manifestObject(entry: KubernetesEntry, object: Json, raw: Json | undefined): Json {
  const metadata: Json = isJsonObject(object.metadata) ? { ...object.metadata } : {};
  const namespace = entry.placement?.namespace;
  if (entry.placement?.namespaced && typeof namespace === 'string' && metadata.namespace === undefined) {
    metadata.namespace = namespace;
  }
  const meta = raw && isJsonObject(raw['//']) ? raw['//'] : {};
  const ours = isJsonObject(meta[METADATA_KEY]) ? meta[METADATA_KEY] : {};
  if (Array.isArray(ours.suppressions) && ours.suppressions.length) {
    const annotations: Json = isJsonObject(metadata.annotations) ? { ...metadata.annotations } : {};
    const existing = annotations[SUPPRESSIONS_ANNOTATION];
    const own = typeof existing === 'string' ? (JSON.parse(existing) as unknown[]) : [];
    annotations[SUPPRESSIONS_ANNOTATION] = JSON.stringify([...ours.suppressions, ...own]);
    metadata.annotations = annotations;
  }
  return apiOrder({ ...object, metadata });
}

/**
 * The YAML of the manifests, written here rather than by the `yaml` package: the package spent
 * about a millisecond per object (half a minute for the 6,826 objects of a 1,000-workload zone),
 * and kubectl reads YAML as go-yaml v2 does (YAML 1.1 and Go's integers), which the package's
 * choice of plain scalars does not follow (`0o17`, `y`). Block style throughout, keys in the
 * object's order, sequences indented under their key, no anchor, no folded line. A string is
 * written:
 *
 * - plain when YAML gives none of its characters a meaning there and go-yaml v2 resolves it to
 *   this very string (not `yes`, `on`, `~`, `0o17`, `1_000`, `2026-01-01`, `.5`);
 * - as a literal block (`|`, `|-`, `|+`) when it holds line breaks and only printable
 *   characters, so that a configuration file in a ConfigMap reads as itself;
 * - else double-quoted, with YAML's escapes (`\N`, `\L`, `\P`, `\xNN` for what JSON leaves raw),
 *   and checked: go-yaml's reading of the quoted text (kubernetes-yaml.ts) must give it back.
 */

/**
 * Characters YAML may not hold unescaped (YAML 1.1 §5.1): controls but tab and line feed, DEL,
 * C1 but NEL, the line and paragraph separators (line breaks in YAML 1.1), surrogates, the BOM
 * and the non-characters U+FFFE and U+FFFF.
 */
const NON_PRINTABLE = /[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;

/** A plain scalar: starts with no indicator, holds no `: ` nor ` #`, no line break, no outer space. */
const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^\t\n\r\u0085]*$/;

function isPlain(text: string): boolean {
  if (!PLAIN.test(text) || NON_PRINTABLE.test(text) || /\s$/.test(text) || text === '<<') return false;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':') || /[,[\]{}]/.test(text)) return false;
  if (text.startsWith('...')) return false;
  try {
    return resolveGoYamlScalar(text).tag === 'str';
  } catch {
    return false;
  }
}

/** YAML's escapes for what JSON.stringify leaves raw: C1 controls, NEL, LS, PS, BOM, DEL. */
function doubleQuoted(text: string): string {
  const quoted = JSON.stringify(text).replace(/[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => {
    if (c === '\u0085') return '\\N';
    if (c === '\u2028') return '\\L';
    if (c === '\u2029') return '\\P';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  if (goYamlDoubleQuoted(quoted) !== text) {
    throw new Error(`cannot write ${quoted} so that kubectl reads it back`);
  }
  return quoted;
}

/** True if a multi-line string can be a literal block: printable, first content line not indented, no blank-with-spaces line. */
function isLiteralBlock(text: string): boolean {
  if (!text.includes('\n') || NON_PRINTABLE.test(text) || /[\t\r\u0085]/.test(text)) return false;
  const lines = text.split('\n');
  if (lines.some((l) => l !== '' && l.trim() === '')) return false;
  const first = lines.find((l) => l !== '');
  return first !== undefined && !first.startsWith(' ');
}

/** A literal block: its indicator (strip `-`, clip, keep `+` by the trailing line breaks) and its lines. */
function literalBlock(text: string, indent: string): { indicator: string; lines: string[] } {
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  const indicator = trailing === 0 ? '|-' : trailing === 1 ? '|' : '|+';
  const lines = body.split('\n').map((l) => (l === '' ? '' : `${indent}${l}`));
  for (let i = 1; i < trailing; i++) lines.push('');
  return { indicator, lines };
}

function scalarText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return isPlain(value) ? value : doubleQuoted(value);
  throw new Error(`cannot write a ${typeof value} in a manifest`);
}

const isCollection = (v: unknown): v is object => typeof v === 'object' && v !== null;
const isEmpty = (v: object): boolean => (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);

/** The lines of a value under a key or a sequence dash: `: x`, `: |-` and its lines, or `:` and the nested lines. */
function nested(head: string, value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent + 2);
  if (typeof value === 'string' && isLiteralBlock(value)) {
    const block = literalBlock(value, pad);
    return [`${head} ${block.indicator}`, ...block.lines];
  }
  if (!isCollection(value) || isEmpty(value)) {
    return [`${head} ${isCollection(value) ? (Array.isArray(value) ? '[]' : '{}') : scalarText(value)}`];
  }
  return [head, ...yamlLines(value, indent + 2)];
}

/** The lines of a non-empty mapping or sequence at `indent` spaces. */
function yamlLines(value: object, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (!Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, v]) => nested(`${pad}${scalarText(key)}:`, v, indent));
  }
  return value.flatMap((item: unknown) => {
    if (!isCollection(item) || isEmpty(item)) return nested(`${pad}-`, item, indent);
    // Compact: the item's first line on the dash's line.
    const [first, ...rest] = yamlLines(item, indent + 2);
    return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
  });
}

/** A manifest's text: comment lines, then the object (a non-empty mapping) as YAML kubectl reads back as it. */
export function manifestYaml(value: Record<string, unknown>, header: readonly string[] = []): string {
  const comments = header.map((line) => `# ${shellComment(line)}\n`).join('');
  return `${comments}${yamlLines(value, 0).join('\n')}\n`;
}

/** A file name's part: lower case letters, digits, `.` and `-` (names such as `system:auth` keep a `-`). */
function namePart(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
}

/** True if a stack name can name a directory of its own. */
function isDirectoryName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0-\x1f\x7f]/.test(name);
}

/** Options of {@link siteManifests}. */
export interface SiteManifestsOptions {
  /** The stack's name (cdktf's `manifest.json` key). */
  readonly stack: string;
  /** Its Terraform JSON, relative to the output directory (`kubernetes/stacks/<stack>/cdk.tf.json`). */
  readonly artifact: string;
}

/**
 * The plain manifests of one Terraform stack (its parsed `cdk.tf.json`): every object, or why
 * none can be written. Throws a {@link SovereignLzError} where the compliance engine's reader
 * refuses the document (the check would refuse it too).
 */
export function siteManifests(doc: unknown, options: SiteManifestsOptions): SiteManifests {
  const { stack, artifact } = options;
  const directory = `kubernetes/${MANIFESTS_DIR}/${stack}`;
  const refuse = (refused: LocalizedText): SiteManifests => ({ stack, artifact, directory, files: [], refused });
  if (!isDirectoryName(stack)) {
    return refuse({
      en: `stack name '${stack}' cannot name a directory`,
      fr: `le nom de pile '${stack}' ne peut pas nommer un répertoire`,
    });
  }
  // Variables take their defaults only: what the environment or a tfvars file would give is refused below.
  const source = readTerraformJson(doc, { file: artifact, stackName: stack, variables: {} });
  const raw = isJsonObject(doc) ? rawResources(doc) : new Map<string, Json>();
  const objects: { entry: KubernetesEntry; object: Json; id: string; rank: number; order: string[] }[] = [];
  const seen = new Map<string, string>();
  const clusters = new Set<string>();
  for (const entry of source.entries) {
    const where = { en: `resource '${entry.id}'`, fr: `la ressource '${entry.id}'` };
    if (!entry.placement) {
      return refuse({
        en: `${where.en} (${entry.type}) creates no Kubernetes object of its own: a manifest cannot hold it`,
        fr: `${where.fr} (${entry.type}) ne crée aucun objet Kubernetes propre : un manifeste ne peut la contenir`,
      });
    }
    const config = raw.get(entry.id);
    const many = config && (['count', 'for_each'] as const).find((k) => config[k] !== undefined);
    if (many) {
      return refuse({
        en: `${where.en} uses ${many}: Terraform may create several objects from it, a manifest describes one`,
        fr: `${where.fr} utilise ${many} : Terraform peut en créer plusieurs objets, un manifeste en décrit un`,
      });
    }
    const copy = literalCopy(entry.properties, []);
    if ('refused' in copy) {
      return refuse({ en: `${where.en}: ${copy.refused.en}`, fr: `${where.fr} : ${copy.refused.fr}` });
    }
    clusters.add(entry.placement.cluster);
    const object = manifestObject(entry, copy.value as Json, config);
    const metadata = object.metadata as Json;
    if (typeof metadata.name !== 'string' || metadata.name === '') {
      return refuse({
        en: `${where.en} has no metadata.name: kubectl apply needs one`,
        fr: `${where.fr} n'a pas de metadata.name : kubectl apply en a besoin`,
      });
    }
    const kind = String(object.kind);
    const namespace = entry.placement.namespaced ? String(metadata.namespace) : '';
    const id = [kind, ...(entry.placement.namespaced ? [namespace] : []), metadata.name].join('/');
    // One object whatever its version: `apps/Deployment`, its namespace and name.
    const identity = `${entry.type}/${namespace}/${metadata.name}`;
    const twin = seen.get(identity);
    if (twin !== undefined) {
      return refuse({
        en: `resources '${twin}' and '${entry.id}' create the same object ${id}`,
        fr: `les ressources '${twin}' et '${entry.id}' créent le même objet ${id}`,
      });
    }
    seen.set(identity, entry.id);
    const order = [kind, String(object.apiVersion), namespace, metadata.name];
    objects.push({ entry, object, id, rank: rankOf(kind), order });
  }
  if (clusters.size > 1) {
    const providers = [...clusters].map((c) => c.slice(c.lastIndexOf('#') + 1)).sort(compare);
    return refuse({
      en: `the stack applies objects to ${clusters.size} clusters (providers ${providers.join(', ')}): one directory of manifests is one cluster`,
      fr: `la pile applique des objets à ${clusters.size} clusters (fournisseurs ${providers.join(', ')}) : un répertoire de manifestes est un cluster`,
    });
  }
  objects.sort((a, b) => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    for (let i = 0; i < a.order.length; i++) if (a.order[i] !== b.order[i]) return compare(a.order[i], b.order[i]);
    return 0;
  });
  const width = Math.max(2, String(objects.length).length);
  const files = objects.map((o, i): ManifestFile => {
    const metadata = o.object.metadata as Json;
    const parts = [String(o.object.kind), ...(o.entry.placement!.namespaced ? [String(metadata.namespace)] : [])];
    const name = `${String(i + 1).padStart(width, '0')}-${[...parts, String(metadata.name)].map(namePart).join('-')}.yaml`;
    const header = [`sovereign-lz: ${o.entry.id}${o.entry.path ? ` (${o.entry.path})` : ''} in ${artifact}`];
    return { name, id: o.id, address: o.entry.id, text: manifestYaml(o.object, header) };
  });
  const kustomization = manifestYaml(
    {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: KUSTOMIZATION_KIND,
      metadata: { name: stack },
      // Kustomize's own order would move the admission policy after the workloads: keep the files'.
      sortOptions: { order: 'fifo' },
      resources: files.map((f) => f.name),
    },
    [`sovereign-lz: the objects of ${artifact}, in apply order`],
  );
  return { stack, artifact, directory, files, kustomization };
}

/**
 * Writes the plain manifests of every Terraform stack of a synth output (`outDir/kubernetes`,
 * cdktf's layout: `manifest.json` lists the stacks) under `kubernetes/manifests/<stack>/`, and
 * returns what was written or refused, stack by stack in the manifest's order. Writes nothing
 * when the output has no Kubernetes side.
 */
export function writeKubernetesManifests(outDir: string): SiteManifests[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(outDir, 'kubernetes', 'manifest.json'), 'utf8'));
  } catch {
    return [];
  }
  const stacks = isJsonObject(manifest) && isJsonObject(manifest.stacks) ? manifest.stacks : {};
  const written: SiteManifests[] = [];
  for (const [name, stack] of Object.entries(stacks)) {
    const path = isJsonObject(stack) ? stack.synthesizedStackPath : undefined;
    if (typeof path !== 'string') continue;
    const artifact = `kubernetes/${path.replace(/^\.\//, '')}`;
    const doc: unknown = JSON.parse(readFileSync(join(outDir, artifact), 'utf8'));
    const site = siteManifests(doc, { stack: name, artifact });
    written.push(site);
    if (site.refused || site.kustomization === undefined) continue;
    const dir = join(outDir, site.directory);
    mkdirSync(dir, { recursive: true });
    for (const file of site.files) writeFileSync(join(dir, file.name), file.text);
    writeFileSync(join(dir, KUSTOMIZATION_FILE), site.kustomization);
  }
  return written;
}
