import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// The Kubernetes API of the oldest supported version (1.30) and the custom resources the
// constructs write (Velero's Schedule), as JSON schemas for AJV, from the copies under
// test/fixtures/schemas (see the README there for their provenance).

const FIXTURES = join(__dirname, '..', 'fixtures', 'schemas');
export const KUBERNETES_OPENAPI_FILE = join(FIXTURES, 'kubernetes-openapi-v2-1.30.json');
export const CRD_FILES = [join(FIXTURES, 'velero-schedule-crd.yaml')];

/** SHA-256 of each fixture's parsed content (`JSON.stringify`), as the README gives them. */
const CONTENT_SHA256: Record<string, string> = {
  'kubernetes-openapi-v2-1.30.json': '4b202eb32fa65313e7af0f3ed194eed020497a4107a3b2e1e17bb4a7a1291c82',
  'velero-schedule-crd.yaml': 'fb60cd59eecbfaf8324cefe81a78c4b276ef265735c1ac47945fa07814e3d2de',
};

export type Schema = { [keyword: string]: unknown };

/** The OpenAPI v2 document: its definitions, keyed like `io.k8s.api.core.v1.Pod`. */
export interface OpenApiV2 {
  readonly definitions: Record<string, Schema>;
}

function checked<T>(file: string, content: T): T {
  const sha = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  const name = file.slice(FIXTURES.length + 1);
  if (sha !== CONTENT_SHA256[name]) throw new Error(`${file}: content differs from the README's (sha256 ${sha})`);
  return content;
}

/** The Kubernetes 1.30 OpenAPI v2 document (3 MB), parsed and checked against its recorded hash. */
export function loadKubernetesOpenApi(): OpenApiV2 {
  return checked(KUBERNETES_OPENAPI_FILE, JSON.parse(readFileSync(KUBERNETES_OPENAPI_FILE, 'utf8')) as OpenApiV2);
}

/** The `$id` under which the Kubernetes definitions are added to AJV. */
const K8S_ID = 'kubernetes-1.30';
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * What the API server's own parser accepts as a resource.Quantity (`ParseQuantity`), the
 * pattern Kubernetes publishes for quantities in its OpenAPI v3.
 */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

/**
 * A schema as the API server applies it, for AJV:
 * - an object with `properties` is closed (`additionalProperties: false`): the API server drops
 *   unknown fields or, with strict field validation, rejects them. Objects that declare their
 *   extra properties (maps, `additionalProperties: {…}`) or keep unknown fields
 *   (`x-kubernetes-preserve-unknown-fields`) are left open;
 * - int-or-string (`format: int-or-string` in v2, `x-kubernetes-int-or-string` in v3) is an
 *   integer or a string;
 * - `$ref: '#/definitions/…'` points into the Kubernetes document wherever the schema is added.
 * Walks schema keywords only, never the names of properties (`properties.format` is a field).
 */
export function asApiServerSchema(schema: Schema): Schema {
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'properties' || keyword === 'patternProperties') {
      out[keyword] = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, asApiServerSchema(v)]),
      );
    } else if (keyword === 'items' || keyword === 'not' || (keyword === 'additionalProperties' && isSchema(value))) {
      out[keyword] = asApiServerSchema(value as Schema);
    } else if (SCHEMA_LISTS.includes(keyword)) {
      out[keyword] = (value as Schema[]).map(asApiServerSchema);
    } else if (keyword === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
      out[keyword] = `${K8S_ID}${value}`;
    } else {
      out[keyword] = value;
    }
  }
  if (out.format === 'int-or-string' || (out['x-kubernetes-int-or-string'] === true && !out.anyOf)) {
    delete out.format;
    out.type = ['integer', 'string'];
  }
  if (
    out.properties &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The extension keywords (`x-kubernetes-…`) used anywhere in the schemas: annotations for AJV. */
function extensionKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => extensionKeywords(n, found));
  else if (isSchema(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-')) found.add(k);
      extensionKeywords(v, found);
    }
  }
  return found;
}

/** A problem of an object against its schema: where, and what. */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

export interface KubernetesValidator {
  /**
   * The problems of an API object against the schema of its apiVersion and kind; a single
   * problem when there is no schema for them.
   */
  problems(object: { apiVersion?: unknown; kind?: unknown }): SchemaProblem[];
  /** The definition a built-in apiVersion/kind validates against, e.g. `io.k8s.api.apps.v1.Deployment`. */
  definitionOf(apiVersion: string, kind: string): string | undefined;
  /** The custom resource kinds (`apiVersion/kind`) the CRDs add. */
  readonly customKinds: readonly string[];
  /** Milliseconds spent: reading and preparing the schemas, and compiling each kind's validator. */
  readonly timings: { load: number; compile: Record<string, number> };
}

/** `group/version` (or `version` for the core group) of an `x-kubernetes-group-version-kind` entry. */
function apiVersionOf(gvk: { group: string; version: string }): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/**
 * A validator of API objects against the Kubernetes 1.30 OpenAPI and the CRDs of the fixtures.
 * The 3 MB document is read and prepared once; each kind's validator is compiled on its first
 * use (AJV compiles only the definitions a kind reaches), then cached.
 */
export function kubernetesValidator(openApi: OpenApiV2 = loadKubernetesOpenApi()): KubernetesValidator {
  const start = performance.now();
  const definitions: Record<string, Schema> = {};
  const byKind = new Map<string, string>();
  for (const [name, schema] of Object.entries(openApi.definitions)) {
    definitions[name] = asApiServerSchema(schema);
    const gvks = (schema['x-kubernetes-group-version-kind'] ?? []) as {
      group: string;
      version: string;
      kind: string;
    }[];
    for (const gvk of gvks) {
      const key = `${apiVersionOf(gvk)}/${gvk.kind}`;
      // Meta types (DeleteOptions, WatchEvent…) list every group: the kind's own definition wins.
      if (!byKind.has(key) || name.endsWith(`.${gvk.kind}`)) byKind.set(key, name);
    }
  }
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = {
    ...definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'],
    pattern: QUANTITY_PATTERN,
  };

  const custom = new Map<string, Schema>();
  for (const file of CRD_FILES) {
    const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Schema);
    checked(file, docs.length === 1 ? docs[0] : docs);
    for (const crd of docs.filter((d) => d.kind === 'CustomResourceDefinition')) {
      const spec = crd.spec as {
        group: string;
        names: { kind: string };
        versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[];
      };
      for (const version of spec.versions.filter((v) => v.served)) {
        const schema = asApiServerSchema(version.schema.openAPIV3Schema);
        // The API server validates a custom resource's metadata as any object's.
        const properties = { ...(schema.properties as Record<string, Schema>) };
        properties.metadata = { $ref: `${K8S_ID}#/definitions/${OBJECT_META}` };
        custom.set(`${spec.group}/${version.name}/${spec.names.kind}`, { ...schema, properties });
      }
    }
  }

  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: true });
  addFormats(ajv, ['date-time']);
  const int = (min: number, max: number) => ({
    type: 'number' as const,
    validate: (n: number) => Number.isInteger(n) && n >= min && n <= max,
  });
  ajv.addFormat('int32', int(-(2 ** 31), 2 ** 31 - 1));
  ajv.addFormat('int64', int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  ajv.addVocabulary([...extensionKeywords([definitions, [...custom.values()]])]);
  ajv.addSchema({ $id: K8S_ID, definitions });
  const load = Math.round(performance.now() - start);

  const compile: Record<string, number> = {};
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (key: string): ValidateFunction | undefined => {
    if (!validators.has(key)) {
      const definition = byKind.get(key);
      const schema = definition ? { $ref: `${K8S_ID}#/definitions/${definition}` } : custom.get(key);
      if (!schema) return undefined;
      const t = performance.now();
      validators.set(key, ajv.compile(schema));
      compile[key] = Math.round(performance.now() - t);
    }
    return validators.get(key);
  };

  return {
    customKinds: [...custom.keys()],
    timings: { load, compile },
    definitionOf: (apiVersion, kind) => byKind.get(`${apiVersion}/${kind}`),
    problems(object) {
      const key = `${String(object.apiVersion)}/${String(object.kind)}`;
      const validate = validatorFor(key);
      if (!validate) return [{ path: '/', message: `no schema for ${key} in Kubernetes 1.30 or the CRDs` }];
      if (validate(object)) return [];
      return (validate.errors ?? []).map((e: ErrorObject) => ({
        path: e.instancePath || '/',
        message: `${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` '${String((e.params as { additionalProperty: string }).additionalProperty)}'` : ''}`,
      }));
    },
  };
}

/** An object type for the CEL type checker: its fields' CEL types (`string`, `list<…>`, another type…). */
export interface CelObjectType {
  readonly name: string;
  readonly fields: Record<string, string>;
}

/**
 * The CEL types of Kubernetes definitions, as the API server declares them to CEL from the
 * OpenAPI: an object with properties is an object type named after its definition (each listed
 * after the types its fields use), a map is `map<string, …>`, an array `list<…>`, int-or-string
 * and free-form objects (`RawExtension`, `FieldsV1`) are `dyn`, `date-time` strings timestamps,
 * `byte` strings bytes, integers ints, numbers doubles.
 */
export function celTypes(openApi: OpenApiV2, roots: readonly string[]): CelObjectType[] {
  const types: CelObjectType[] = [];
  const state = new Map<string, 'pending' | 'done'>();
  const ref = (name: string): string => {
    const def = openApi.definitions[name];
    if (!def) throw new Error(`no definition ${name}`);
    if (!def.properties) return typeOf(def);
    if (state.get(name) === 'pending') return 'dyn'; // a recursive type: left dynamic
    if (!state.has(name)) {
      state.set(name, 'pending');
      const fields = Object.fromEntries(
        Object.entries(def.properties as Record<string, Schema>).map(([field, s]) => [field, typeOf(s)]),
      );
      types.push({ name, fields });
      state.set(name, 'done');
    }
    return name;
  };
  const typeOf = (s: Schema): string => {
    if (typeof s.$ref === 'string') return ref(s.$ref.replace('#/definitions/', ''));
    if (s.format === 'int-or-string' || s['x-kubernetes-int-or-string'] === true) return 'dyn';
    if (s['x-kubernetes-preserve-unknown-fields'] === true) return 'dyn';
    switch (s.type) {
      case 'string':
        return s.format === 'date-time' ? 'timestamp' : s.format === 'byte' ? 'bytes' : 'string';
      case 'integer':
        return 'int';
      case 'number':
        return 'double';
      case 'boolean':
        return 'bool';
      case 'array':
        return `list<${typeOf(s.items as Schema)}>`;
      case 'object':
        if (isSchema(s.additionalProperties)) return `map<string, ${typeOf(s.additionalProperties)}>`;
        if (s.properties) throw new Error('an inline object type: not in the Kubernetes definitions');
        return 'dyn';
      default:
        return 'dyn';
    }
  };
  roots.forEach(ref);
  return types;
}
