import { METADATA_KEY, SovereignLzError } from '../core';
import { Unresolved } from './intrinsics';
import { setOwn } from './input-files';
import { readSuppressionList } from './read-suppressions';
import { terraformToKubernetesObject, TERRAFORM_KUBERNETES_KINDS, TERRAFORM_MANIFEST_TYPE } from './kubernetes-objects';
import {
  annotationSuppressions,
  isJsonObject,
  isNamespacedKind,
  kubernetesType,
  type KubernetesEntry,
  type KubernetesSource,
} from './kubernetes-source';

/**
 * Reads Terraform JSON (`*.tf.json`, cdktf's `stacks/<name>/cdk.tf.json`): every
 * `kubernetes_*` resource becomes the API object it creates (through the mapping of
 * kubernetes-objects.ts), so that the Kubernetes rules judge it exactly as the same object
 * in a manifest. Construct paths and suppressions come from each resource's `//` key (cdktf's
 * `metadata.path`, and `sovereign-lz.suppressions`). Resources of other providers are kept
 * under their Terraform type, which no rule knows: they are reported as not assessed.
 *
 * Terraform expressions are resolved where the file allows: a namespace given as
 * `${kubernetes_namespace_v1.x.metadata[0].name}` takes that namespace's literal name; any
 * other `${…}` is an `Unresolved` that the rules report as `cannot-prove`.
 */

type Json = Record<string, unknown>;

/** The provider each Kubernetes object is applied with defaults to `kubernetes`. */
const DEFAULT_PROVIDER = 'kubernetes';

/** True if a parsed document is Terraform JSON (or the file is named `*.tf.json`). */
export function isTerraformJson(doc: unknown, file: string): boolean {
  if (file.toLowerCase().endsWith('.tf.json')) return true;
  if (!isJsonObject(doc) || 'kind' in doc || 'Resources' in doc) return false;
  return ['resource', 'terraform'].some((k) => isJsonObject(doc[k]) || Array.isArray(doc[k]));
}

/** `resource` is an object of types, or (Terraform JSON allows it) an array of such objects. */
function blocks(value: unknown, where: string): [string, unknown][] {
  if (value === undefined || value === null) return [];
  const groups: unknown[] = Array.isArray(value) ? value : [value];
  return groups.flatMap((group) => {
    if (!isJsonObject(group)) throw new SovereignLzError('INPUT_INVALID', `${where} must be an object of types`);
    return Object.entries(group);
  });
}

/** The resources of a Terraform JSON document: `[type, name, configuration]`. */
function resourcesOf(doc: Json, file: string): [string, string, Json][] {
  const out: [string, string, Json][] = [];
  for (const [type, byName] of blocks(doc.resource, `${file}: resource`)) {
    const names: [string, unknown][] = Array.isArray(byName)
      ? byName.flatMap((b) => (isJsonObject(b) ? Object.entries(b) : []))
      : isJsonObject(byName)
        ? Object.entries(byName)
        : [];
    if (!isJsonObject(byName) && !Array.isArray(byName)) {
      throw new SovereignLzError('INPUT_INVALID', `${file}: resource.${type} must be an object of names`);
    }
    for (const [name, raw] of names) {
      const config = Array.isArray(raw) ? raw[0] : raw;
      if (!isJsonObject(config)) {
        throw new SovereignLzError('INPUT_INVALID', `${file}: resource '${type}.${name}' must be an object`);
      }
      out.push([type, name, config]);
    }
  }
  return out;
}

/** True if `count = 0` or `for_each = {}`/`[]` keeps the resource from being created. */
function notCreated(config: Json): boolean {
  const { count, for_each: forEach } = config;
  if (count === 0 || count === '0') return true;
  if (Array.isArray(forEach)) return forEach.length === 0;
  return isJsonObject(forEach) && Object.keys(forEach).length === 0;
}

/** The literal `metadata.name` of a resource's configuration, if any. */
function literalName(type: string, config: Json): string | undefined {
  const source = type === TERRAFORM_MANIFEST_TYPE ? config.manifest : config;
  const metadata = isJsonObject(source) ? source.metadata : undefined;
  const meta = Array.isArray(metadata) ? metadata[0] : metadata;
  const name = isJsonObject(meta) ? meta.name : undefined;
  return typeof name === 'string' && !name.includes('${') ? name : undefined;
}

const REFERENCE = /^\$\{\s*(kubernetes_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(metadata(?:\[0\]|\.0)?\.name|id)\s*\}$/;

/** True if a string holds a Terraform expression or directive (not the escapes `$${` / `%%{`). */
function hasExpression(text: string): boolean {
  return /(^|[^$])\$\{/.test(text) || /(^|[^%])%\{/.test(text);
}

/**
 * Replaces Terraform expressions in a mapped API object: a reference to the name of a
 * Kubernetes resource of the file becomes that name; anything else an {@link Unresolved}.
 */
function resolveExpressions(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    // Most strings hold no `${` or `%{` at all (nor their escapes): returned as they are.
    if (!value.includes('{')) return value;
    if (!hasExpression(value)) return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
    const m = REFERENCE.exec(value);
    const address = m ? `${m[1]}.${m[2]}` : undefined;
    const isName = m && (m[3] !== 'id' || TERRAFORM_KUBERNETES_KINDS[m[1]]?.kind === 'Namespace');
    if (address && isName && names.has(address)) return names.get(address);
    return new Unresolved(
      [{ en: `the Terraform expression '${value}'`, fr: `l'expression Terraform '${value}'` }],
      [],
      value,
    );
  }
  if (Array.isArray(value)) return value.map((v) => resolveExpressions(v, names));
  if (isJsonObject(value)) {
    const out: Json = {};
    for (const key of Object.keys(value)) setOwn(out, key, resolveExpressions(value[key], names));
    return out;
  }
  return value;
}

/** What the reader knows of a Terraform JSON file beyond its content. */
export interface TerraformJsonContext {
  /** The file, relative to the working directory. */
  readonly file: string;
  /**
   * The stack's name.
   * @default - cdktf's `//.metadata.stackName`, if any
   */
  readonly stackName?: string;
  /**
   * The line of each resource in the file, by address `type.name` (see source-lines.ts).
   * @default - none: the resources have no line
   */
  readonly lines?: ReadonlyMap<string, number>;
}

/**
 * Reads a parsed Terraform JSON document. Throws a one-line {@link SovereignLzError} naming
 * the file (and resource) when its structure is not Terraform's, or when a `kubernetes_*`
 * resource cannot be read as an API object.
 */
export function readTerraformJson(doc: unknown, ctx: TerraformJsonContext): KubernetesSource {
  const { file } = ctx;
  if (!isJsonObject(doc)) throw new SovereignLzError('INPUT_INVALID', `${file}: Terraform JSON must be an object`);
  const resources = resourcesOf(doc, file).filter(([, , config]) => !notCreated(config));
  const names = new Map<string, string>();
  for (const [type, name, config] of resources) {
    const literal = type.startsWith('kubernetes_') ? literalName(type, config) : undefined;
    if (literal !== undefined) names.set(`${type}.${name}`, literal);
  }
  const entries: KubernetesEntry[] = [];
  for (const [type, name, config] of resources) {
    const address = `${type}.${name}`;
    const where = `${file}: resource '${address}'`;
    const line = ctx.lines?.get(address);
    const at = line !== undefined ? { line } : {};
    const meta = isJsonObject(config['//']) ? config['//'] : {};
    const cdktf = isJsonObject(meta.metadata) ? meta.metadata : {};
    const ours = isJsonObject(meta[METADATA_KEY]) ? meta[METADATA_KEY] : {};
    const path = typeof cdktf.path === 'string' ? cdktf.path : undefined;
    const suppressions = readSuppressionList(ours.suppressions, `${where}: //.${METADATA_KEY}`);
    const reading = type.startsWith('kubernetes_') ? terraformToKubernetesObject(type, config) : { problems: [] };
    if (reading.problems.length) {
      throw new SovereignLzError('INPUT_INVALID', `${where}: ${reading.problems.join('; ')}`);
    }
    if (!reading.object) {
      const { '//': _meta, ...properties } = config;
      entries.push({ id: address, type, properties, path, ...at, suppressions });
      continue;
    }
    const object = resolveExpressions(reading.object, names) as Json;
    const kind = String(object.kind);
    const namespaced = isNamespacedKind(kind);
    const metadata = isJsonObject(object.metadata) ? object.metadata : {};
    const provider = typeof config.provider === 'string' ? config.provider.replace(/^\$\{(.*)\}$/, '$1') : undefined;
    const namespace = metadata.namespace;
    entries.push({
      id: address,
      type: kubernetesType(String(object.apiVersion), kind),
      properties: object,
      path,
      ...at,
      placement: {
        cluster: `${file}#${provider ?? DEFAULT_PROVIDER}`,
        namespaced,
        // The provider applies a namespaced object without a namespace to `default`.
        ...(namespaced
          ? { namespace: typeof namespace === 'string' || namespace instanceof Unresolved ? namespace : 'default' }
          : {}),
      },
      suppressions: [...suppressions, ...annotationSuppressions(reading.object, where)],
    });
  }
  const stackMeta = isJsonObject(doc['//']) && isJsonObject(doc['//'].metadata) ? doc['//'].metadata : {};
  const stackName = ctx.stackName ?? (typeof stackMeta.stackName === 'string' ? stackMeta.stackName : undefined);
  return {
    file,
    format: 'terraform-json',
    stackName,
    parameters: blocks(doc.variable, `${file}: variable`).map(([n]) => n),
    entries,
  };
}
