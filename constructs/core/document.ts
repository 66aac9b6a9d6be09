import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { SovereignLzError } from './errors';

/**
 * Parses a JSON or YAML document and validates it against a JSON Schema, reporting every
 * problem as `FILE:LINE:COL: /json/pointer message` so that a person can go straight to it.
 * Shared by profile files and (later) landing-zone declarations.
 */

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
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

function describe(error: ErrorObject): { path: string; key?: string; text: string } {
  const path = error.instancePath || '/';
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      return { path: error.instancePath, key, text: `unknown field '${key}' in ${path}` };
    }
    case 'required':
      return {
        path: error.instancePath,
        text: `${path} is missing the field '${String(error.params.missingProperty)}'`,
      };
    case 'enum':
      return {
        path: error.instancePath,
        text: `${path} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
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

/**
 * Parses `text` (JSON if `file` ends in `.json`, YAML otherwise) and validates it against
 * `schema`; throws a {@link SovereignLzError} with code `code` listing every problem.
 */
export function parseAndValidate<T>(text: string, file: string, schema: object, code: string): ValidDocument<T> {
  const lineCounter = new LineCounter();
  const isJson = file.toLowerCase().endsWith('.json');
  if (isJson) {
    try {
      JSON.parse(text);
    } catch (e) {
      throw new SovereignLzError(code, `${file}: not valid JSON: ${(e as Error).message}`);
    }
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const err = doc.errors[0];
    const pos = lineCounter.linePos(err.pos[0]);
    throw new SovereignLzError(
      code,
      `${file}:${pos.line}:${pos.col}: not valid ${isJson ? 'JSON' : 'YAML'}: ${err.message.split('\n')[0]}`,
    );
  }
  const value: unknown = doc.toJS();
  const at = (node: Node | undefined): string => {
    const offset = node?.range?.[0];
    if (offset === undefined) return file;
    const pos = lineCounter.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  const offsetOf = (node: Node | undefined): number => node?.range?.[0] ?? -1;
  const validate = validatorFor(schema);
  if (!validate(value)) {
    const found = new Map<string, number>();
    // oneOf/anyOf wrappers repeat their branches' errors; the branches say more.
    for (const error of (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')) {
      const d = describe(error);
      const node = locate(doc, pointerSegments(d.path), d.key);
      found.set(`${at(node)}: ${d.text}`, offsetOf(node));
    }
    // In the order of the file, so that a person can read it top to bottom.
    const lines = [...found].sort((a, b) => a[1] - b[1]).map(([line]) => line);
    throw new SovereignLzError(
      code,
      lines.length === 1 ? lines[0] : `${file}: ${lines.length} problems:\n  ${lines.join('\n  ')}`,
    );
  }
  return { value: value as T, locate: (pointer) => at(locate(doc, pointerSegments(pointer))) };
}
