import { METADATA_KEY, SovereignLzError } from '../../core';
import { Unresolved } from '../normalize/intrinsics';
import { readSuppressionList } from './read-suppressions';
import { TERRAFORM_META_ARGUMENTS, terraformNumber, TerraformEvaluator } from './terraform-eval';
import { bindVariables, localsOf, type TerraformVariableInputs } from './terraform-variables';
import {
  terraformToKubernetesObject,
  TERRAFORM_KUBERNETES_KINDS,
  TERRAFORM_MANIFEST_TYPE,
} from '../normalize/kubernetes-objects';
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
 * Terraform expressions are evaluated before the mapping, as Terraform evaluates them (see
 * terraform-eval.ts): variables with their values from defaults, `TF_VAR_*`, tfvars files and
 * `--var-file` (terraform-variables.ts), locals, templates, `dynamic` blocks, and a namespace
 * given as `${kubernetes_namespace_v1.x.metadata[0].name}` takes that namespace's name; the
 * mapping then converts strings to the bools and numbers of the provider's schema. Anything
 * else is an `Unresolved` that the rules report as `cannot-prove`.
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

/** Meta-arguments and provider-only blocks, never part of the API object: not evaluated. */
const NOT_EVALUATED = new Set(TERRAFORM_META_ARGUMENTS);

/** True if `count = 0` or `for_each = {}`/`[]` (once evaluated) keeps the resource from being created. */
function notCreated(config: Json, evaluator: TerraformEvaluator): boolean {
  if (config.count !== undefined) {
    const count = evaluator.value(config.count);
    if (count === 0 || (typeof count === 'string' && terraformNumber(count) === 0)) return true;
  }
  if (config.for_each === undefined) return false;
  const forEach = evaluator.value(config.for_each);
  if (Array.isArray(forEach)) return forEach.length === 0;
  return isJsonObject(forEach) && Object.keys(forEach).length === 0;
}

/** The `metadata.name` of a resource's configuration, if it evaluates to a string. */
function literalName(type: string, config: Json, evaluator: TerraformEvaluator): string | undefined {
  const source = type === TERRAFORM_MANIFEST_TYPE ? config.manifest : config;
  const metadata = isJsonObject(source) ? source.metadata : undefined;
  const meta = Array.isArray(metadata) ? metadata[0] : metadata;
  const name = isJsonObject(meta) && meta.name !== undefined ? evaluator.value(meta.name) : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** True if the `id` of resources of `type` is their name (namespaces). */
function idIsName(type: string): boolean {
  return TERRAFORM_KUBERNETES_KINDS[type]?.kind === 'Namespace';
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
  /**
   * The values of the file's variables given from outside it (`TF_VAR_*`, `terraform.tfvars`,
   * `*.auto.tfvars`, `--var-file`), lowest precedence first (see terraform-variables.ts).
   * @default - none: variables take their defaults
   */
  readonly variables?: TerraformVariableInputs;
}

/**
 * Reads a parsed Terraform JSON document. Throws a one-line {@link SovereignLzError} naming
 * the file (and resource) when its structure is not Terraform's, or when a `kubernetes_*`
 * resource cannot be read as an API object.
 */
export function readTerraformJson(doc: unknown, ctx: TerraformJsonContext): KubernetesSource {
  const { file } = ctx;
  if (!isJsonObject(doc)) throw new SovereignLzError('INPUT_INVALID', `${file}: Terraform JSON must be an object`);
  const scope = { variables: bindVariables(doc, file, ctx.variables ?? {}), locals: localsOf(doc, file), idIsName };
  // First the names of the Kubernetes resources (which references to them take), then the rest.
  const first = new TerraformEvaluator(scope);
  const resources = resourcesOf(doc, file).filter(([, , config]) => !notCreated(config, first));
  const names = new Map<string, string>();
  for (const [type, name, config] of resources) {
    const literal = type.startsWith('kubernetes_') ? literalName(type, config, first) : undefined;
    if (literal !== undefined) names.set(`${type}.${name}`, literal);
  }
  const evaluator = new TerraformEvaluator({ ...scope, resourceNames: names });
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
    const evaluated = type.startsWith('kubernetes_') ? evaluator.body(config, NOT_EVALUATED) : undefined;
    const reading = evaluated ? terraformToKubernetesObject(type, evaluated) : { problems: [] };
    const problems = [...evaluator.problems.splice(0), ...reading.problems];
    if (problems.length) throw new SovereignLzError('INPUT_INVALID', `${where}: ${problems.join('; ')}`);
    if (!reading.object) {
      const { '//': _meta, ...properties } = config;
      entries.push({ id: address, type, properties, path, ...at, suppressions });
      continue;
    }
    const object = reading.object as unknown as Json;
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
