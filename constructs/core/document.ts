import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { SovereignLzError } from './errors';
import {
  checkYamlTokens,
  withoutStackTraces,
  yamlDuplicateKeyOffset,
  yamlTokensWithin,
  yamlToJs,
} from './read-bounded';
import { PRECOMPILED_VALIDATORS } from './schema-validators.generated';
import { suggestion } from './suggest';

/**
 * Parses a JSON or YAML document and validates it against a JSON Schema, reporting every
 * problem as `FILE:LINE:COL: /json/pointer message` so that a person can go straight to it.
 * Shared by profile files and (later) landing-zone declarations.
 */

/**
 * How schemas are compiled: every error at once; `$ref`s compiled once as functions of their
 * own rather than copied into each place that refers to them.
 */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true, allowUnionTypes: true, inlineRefs: false };

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * The validator of a schema: the one compiled ahead of time for a schema that ships with
 * sovereign-lz (by its `$id`, see schema-validators.generated.ts), else compiled at its first
 * use (AJV is loaded only then).
 */
function validatorFor(schema: object): ValidateFunction {
  const id = (schema as { $id?: unknown }).$id;
  const precompiled = typeof id === 'string' ? PRECOMPILED_VALIDATORS[id] : undefined;
  if (precompiled) return precompiled;
  let validate = compiled.get(schema);
  if (!validate) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for a schema not compiled ahead of time
    const { default: Ajv } = require('ajv') as typeof import('ajv');
    validate = new Ajv(AJV_OPTIONS).compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Finds the node at a path, or the key node of `key` inside it. */
function locate(doc: Document, segments: string[], key?: string): Node | undefined {
  let node: unknown = doc.contents;
  for (const segment of segments) {
    if (isMap(node)) node = node.items.find((p) => (p.key as { value?: unknown })?.value === segment)?.value;
    else if (isSeq(node)) node = node.items[Number(segment)];
    else return undefined;
  }
  if (key !== undefined && isMap(node)) {
    return (node.items.find((p) => (p.key as { value?: unknown })?.value === key)?.key as Node) ?? (node as Node);
  }
  return node as Node | undefined;
}

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A schema with its `$ref` (within `root`) followed and its `oneOf`/`anyOf`/`allOf` branches spread. */
function expand(root: Schema, schema: unknown, seen = new Set<unknown>()): Schema[] {
  if (!isSchema(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const out = [schema];
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: unknown = root;
    for (const segment of pointerSegments(ref.slice(1))) target = isSchema(target) ? target[segment] : undefined;
    out.push(...expand(root, target, seen));
  }
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) out.push(...expand(root, branch, seen));
  }
  return out;
}

/**
 * The fields the schema allows in the object at a JSON pointer of the document (what an
 * `additionalProperties` error could have meant). Found by walking the schema along the
 * pointer, since AJV's `schemaPath` inside a `$ref` is relative to the referred schema.
 */
function allowedKeys(root: Schema, pointer: string): string[] {
  let schemas = expand(root, root);
  for (const segment of pointerSegments(pointer)) {
    schemas = schemas.flatMap((s) => {
      const properties = isSchema(s.properties) ? s.properties : {};
      const next = Object.prototype.hasOwnProperty.call(properties, segment)
        ? properties[segment]
        : /^\d+$/.test(segment) && isSchema(s.items)
          ? s.items
          : s.additionalProperties;
      return expand(root, next);
    });
  }
  return schemas.flatMap((s) => (isSchema(s.properties) ? Object.keys(s.properties) : []));
}

/** The value at a JSON pointer of a parsed document. */
function valueAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const segment of pointerSegments(pointer)) {
    node = isSchema(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

/**
 * One problem in words, with a "did you mean" when a misspelt field or value is near one the
 * schema allows (core's suggest.ts).
 */
function describe(error: ErrorObject, schema: object, value: unknown): { path: string; key?: string; text: string } {
  const path = error.instancePath || '/';
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const near = suggestion(key, allowedKeys(schema as Schema, error.instancePath));
      return { path: error.instancePath, key, text: `unknown field '${key}' in ${path}${near}` };
    }
    case 'required':
      return {
        path: error.instancePath,
        text: `${path} is missing the field '${String(error.params.missingProperty)}'`,
      };
    case 'enum': {
      const allowed = error.params.allowedValues as unknown[];
      const given = valueAt(value, error.instancePath);
      const near =
        typeof given === 'string'
          ? suggestion(
              given,
              allowed.filter((v): v is string => typeof v === 'string'),
            )
          : '';
      return {
        path: error.instancePath,
        text: `${path} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${near}`,
      };
    }
    default:
      return { path: error.instancePath, text: `${path} ${error.message ?? 'is invalid'}` };
  }
}

/** A parsed, schema-valid document. */
export interface ValidDocument<T> {
  readonly value: T;
  /** The location (`FILE:LINE:COL`) of the value at a JSON pointer, for later semantic errors. */
  locate(pointer: string): string;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Whether a text that `JSON.parse` accepted has an object with the same key twice (which
 * `JSON.parse` resolves silently to the last). The text is known to be JSON, so a scan of its
 * strings and brackets suffices: a string is a key when the next token is `:`.
 */
export function hasDuplicateKey(json: string): boolean {
  const keys: (Set<string> | null)[] = []; // one entry per open object (a Set) or array (null)
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      let escaped = false;
      for (i++; json.charCodeAt(i) !== 0x22; i++) {
        if (json.charCodeAt(i) === 0x5c) {
          escaped = true;
          i++;
        }
      }
      const object = keys[keys.length - 1];
      if (!object) continue;
      let next = i + 1;
      while (isSpace(json.charCodeAt(next))) next++;
      if (json.charCodeAt(next) !== 0x3a) continue;
      // "\u0061" and "a" are the same key.
      const key = escaped ? (JSON.parse(json.slice(start, i + 1)) as string) : json.slice(start + 1, i);
      if (object.has(key)) return true;
      object.add(key);
    } else if (c === 0x7b) keys.push(new Set());
    else if (c === 0x5b) keys.push(null);
    else if (c === 0x7d || c === 0x5d) keys.pop();
  }
  return false;
}

/**
 * The YAML document of `text`, with the `FILE:LINE:COL` of its nodes; throws on a syntax error.
 * The caller has checked that the text is not too dense to parse ({@link checkYamlTokens}).
 */
function yamlDocument(text: string, file: string, code: string, isJson: boolean) {
  const lineCounter = new LineCounter();
  // Duplicate keys are checked below, in linear time (the package's own check is quadratic).
  // The parser records every problem and goes on: without their stack traces (see withoutStackTraces).
  const doc = withoutStackTraces(() => parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false }));
  const fail = (offset: number, message: string): never => {
    const pos = lineCounter.linePos(offset);
    throw new SovereignLzError(
      code,
      `${file}:${pos.line}:${pos.col}: not valid ${isJson ? 'JSON' : 'YAML'}: ${message.split('\n')[0]}`,
    );
  };
  if (doc.errors.length) fail(doc.errors[0].pos[0], doc.errors[0].message);
  const duplicate = yamlDuplicateKeyOffset(doc);
  if (duplicate !== undefined) fail(duplicate, 'Map keys must be unique');
  const at = (node: Node | undefined): string => {
    const offset = node?.range?.[0];
    if (offset === undefined) return file;
    const pos = lineCounter.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  return { doc, at };
}

/**
 * The error listing every problem `validate` found, each where `place` puts it (its
 * `FILE:LINE:COL` and its offset in the text), in the order of the file.
 */
function invalid(
  validate: ValidateFunction,
  { schema, value }: { schema: object; value: unknown },
  file: string,
  code: string,
  place: (problem: ReturnType<typeof describe>) => { where: string; offset: number },
): SovereignLzError {
  const found = new Map<string, number>();
  // oneOf/anyOf wrappers repeat their branches' errors; the branches say more.
  for (const error of (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')) {
    const d = describe(error, schema, value);
    const { where, offset } = place(d);
    found.set(`${where}: ${d.text}`, offset);
  }
  // In the order of the file, so that a person can read it top to bottom.
  const lines = [...found].sort((a, b) => a[1] - b[1]).map(([line]) => line);
  return new SovereignLzError(
    code,
    lines.length === 1 ? lines[0] : `${file}: ${lines.length} problems:\n  ${lines.join('\n  ')}`,
  );
}

/**
 * Parses `text` (JSON if `file` ends in `.json`, YAML otherwise) and validates it against
 * `schema`; throws a {@link SovereignLzError} with code `code` listing every problem.
 *
 * A JSON text that is valid is read by `JSON.parse` alone: the YAML parser, which gives the
 * lines of problems, is run only when there is a problem to locate (it took most of the time
 * of loading a profile file, which every `check` does), and not on a text too dense for it
 * (see {@link checkYamlTokens}): the problems of such a text are named without their lines.
 * YAML text that dense is refused, `INPUT_TOO_LARGE`, before it is parsed.
 */
export function parseAndValidate<T>(text: string, file: string, schema: object, code: string): ValidDocument<T> {
  const isJson = file.toLowerCase().endsWith('.json');
  const validate = validatorFor(schema);
  if (isJson) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new SovereignLzError(code, `${file}: not valid JSON: ${(e as Error).message}`);
    }
    const duplicate = hasDuplicateKey(text);
    if (!duplicate && validate(value)) {
      // null: too dense to locate anything in.
      let located: ReturnType<typeof yamlDocument> | null | undefined;
      return {
        value: value as T,
        locate: (pointer) => {
          if (located === undefined) located = yamlTokensWithin(text) ? yamlDocument(text, file, code, true) : null;
          return located ? located.at(locate(located.doc, pointerSegments(pointer))) : file;
        },
      };
    }
    // Too dense for the YAML parser, which finds the lines (see checkYamlTokens): the problems without them.
    if (!yamlTokensWithin(text)) {
      if (duplicate) throw new SovereignLzError(code, `${file}: not valid JSON: Map keys must be unique`);
      throw invalid(validate, { schema, value }, file, code, () => ({ where: file, offset: 0 }));
    }
  } else {
    checkYamlTokens(text, { file });
  }
  const { doc, at } = yamlDocument(text, file, code, isJson);
  // Aliases are expanded only if what they make stays under the limit (a "billion laughs").
  const value = yamlToJs(doc, { file, code });
  if (!validate(value)) {
    throw invalid(validate, { schema, value }, file, code, (d) => {
      const node = locate(doc, pointerSegments(d.path), d.key);
      return { where: at(node), offset: node?.range?.[0] ?? -1 };
    });
  }
  return { value: value as T, locate: (pointer) => at(locate(doc, pointerSegments(pointer))) };
}
