import { readFileSync, statSync } from 'node:fs';
import { SovereignLzError } from '../core';

/**
 * The limits every reader applies to the files it is given, so that bad, hostile or huge
 * input ends in a one-line {@link SovereignLzError} naming the file (exit code 2), never in a
 * hang, a stack overflow or an out-of-memory crash.
 *
 * Measured on 2 cores with Node 20 (docs/reliability.md): a 50 MiB CloudFormation JSON
 * template of 54,000 resources takes 3.5–4 s of CPU and a peak of 350–470 MiB resident; YAML
 * costs about eight times the memory and fifteen times the time of JSON per byte.
 */

/**
 * The largest input file read by default: 100 MiB. CloudFormation itself accepts templates of
 * at most 1 MB; the cap leaves room for Kubernetes exports and Terraform JSON while keeping a
 * run within about 1 GB of memory. Raise it with `maxFileBytes` (`--max-file-size` in the CLI).
 */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * How much more memory YAML costs than JSON per byte of text: the `yaml` package builds a
 * syntax tree first (measured: ~75 bytes resident per byte of YAML, 7–9 per byte of JSON). A
 * file read as YAML may hold at most `maxFileBytes / YAML_COST_FACTOR` bytes (12.5 MiB by
 * default), so that either format stays within about 1 GB of memory.
 */
export const YAML_COST_FACTOR = 8;

/**
 * Throws `INPUT_TOO_LARGE` if YAML `text` is over `maxFileBytes / YAML_COST_FACTOR` bytes.
 * @param maxFileBytes the cap of one input file; default {@link DEFAULT_MAX_FILE_BYTES}
 */
export function checkYamlSize(text: string, file: string, maxFileBytes = DEFAULT_MAX_FILE_BYTES): void {
  const limit = Math.floor(maxFileBytes / YAML_COST_FACTOR);
  // A UTF-16 unit takes at most three bytes in UTF-8: a short text needs no counting.
  if (text.length * 3 <= limit) return;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > limit) {
    throw new SovereignLzError(
      'INPUT_TOO_LARGE',
      `${file}: ${megabytes(size)} of YAML is over the limit of ${megabytes(limit)} for one YAML file (an eighth of --max-file-size, as YAML takes eight times the memory of JSON; raise it with --max-file-size MB)`,
    );
  }
}

/**
 * The deepest nesting of objects and arrays a document may have. Real templates and manifests
 * stay under 30 levels; the resolver and the rules recurse once per level.
 */
export const MAX_NESTING_DEPTH = 100;

/** A parser's message, on one line and at most 160 characters (binary input makes them long). */
export function clipMessage(message: string): string {
  const line = (message.split('\n')[0] ?? '').replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Reads an input file as UTF-8 text (a byte-order mark is dropped). Throws a one-line
 * {@link SovereignLzError}: `INPUT_UNREADABLE` if it cannot be read, `INPUT_TOO_LARGE` above
 * `maxBytes` (checked before reading), `INPUT_INVALID` for binary content or bytes that are not
 * UTF-8.
 *
 * @param file the file's path
 * @param shown the path as messages show it (relative to the working directory)
 * @param maxBytes the largest size read; default {@link DEFAULT_MAX_FILE_BYTES}
 */
export function readInputText(file: string, shown: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      throw new SovereignLzError(
        'INPUT_TOO_LARGE',
        `${shown}: ${megabytes(size)} is over the limit of ${megabytes(maxBytes)} for one input file (raise it with --max-file-size MB)`,
      );
    }
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof SovereignLzError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory'
            : clipMessage((e as Error).message);
    throw new SovereignLzError('INPUT_UNREADABLE', `${shown}: cannot read: ${reason}`);
  }
  // A NUL byte never occurs in JSON or YAML text (YAML forbids it even escaped-free).
  if (bytes.subarray(0, 64 * 1024).includes(0)) {
    throw new SovereignLzError('INPUT_INVALID', `${shown}: binary content, not a JSON or YAML text file`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SovereignLzError('INPUT_INVALID', `${shown}: not UTF-8 text (binary content?)`);
  }
}

/** A path into a document, as messages show it: `Resources.Bucket.Properties.Tags[0]`. */
function pathText(path: readonly (string | number)[]): string {
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return text.length > 120 ? `${text.slice(0, 119)}…` : text || '(top level)';
}

/**
 * Checks that a parsed document is a tree the readers can walk: no object contains itself (a
 * YAML alias to an enclosing anchor makes such a cycle) and nothing is nested deeper than
 * {@link MAX_NESTING_DEPTH}. Throws a one-line `INPUT_INVALID` {@link SovereignLzError} naming
 * the file and where. A hostile document cannot overflow the stack here: the fast check's
 * recursion stops at the limit, and the walk that names the problem is iterative.
 */
export function checkDocumentShape(doc: unknown, file: string): void {
  if (!tooDeep(doc, 0)) return;
  locateShapeProblem(doc, file);
}

/**
 * The fast check: true if anything lies deeper than {@link MAX_NESTING_DEPTH}, which a cycle
 * does too. Recursion is bounded by that depth; nothing is allocated.
 */
function tooDeep(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth >= MAX_NESTING_DEPTH) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (tooDeep(value[i], depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (tooDeep((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** The slow walk, only for a document the fast one refused: finds and names the cycle or the depth. */
function locateShapeProblem(doc: unknown, file: string): void {
  type Frame = { value: object; key: string | number; keys: readonly (string | number)[]; next: number };
  const ancestors = new Set<object>();
  const stack: Frame[] = [];
  // The path is built only for a message: the keys of the frames under the top one, and `key`.
  const where = (key: string | number | undefined) =>
    pathText([...stack.slice(1).map((f) => f.key), ...(key === undefined ? [] : [key])]);
  const enter = (value: unknown, key: string | number): void => {
    if (value === null || typeof value !== 'object') return;
    if (ancestors.has(value)) {
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${file}: ${where(key)} contains itself (a YAML alias to an anchor that encloses it): a cycle, which no template can hold`,
      );
    }
    if (stack.length >= MAX_NESTING_DEPTH) {
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${file}: ${where(key)}: nested more than ${MAX_NESTING_DEPTH} levels deep`,
      );
    }
    ancestors.add(value);
    stack.push({ value, key, keys: Array.isArray(value) ? [] : Object.keys(value), next: 0 });
  };
  enter(doc, '');
  while (stack.length) {
    const frame = stack[stack.length - 1];
    const length = Array.isArray(frame.value) ? frame.value.length : frame.keys.length;
    if (frame.next === length) {
      ancestors.delete(frame.value);
      stack.pop();
      continue;
    }
    const key = Array.isArray(frame.value) ? frame.next : frame.keys[frame.next];
    frame.next++;
    enter((frame.value as Record<string | number, unknown>)[key], key);
  }
}

/**
 * Sets an own property, even `__proto__` (which JSON.parse makes an own property, and plain
 * assignment would take as the prototype). Cheaper than building objects with Object.fromEntries.
 */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
