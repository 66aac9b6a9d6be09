import {
  checkYamlTokens,
  DEFAULT_MAX_YAML_NODES,
  DEFAULT_MAX_YAML_TOKENS,
  documentPathText,
  formatByteSize,
  readBoundedFile,
  SovereignLzError,
} from '../../core';

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
 * Throws `INPUT_TOO_LARGE` if YAML `text` is over `maxFileBytes / YAML_COST_FACTOR` bytes, or
 * holds more than {@link maxYamlTokens} tokens (dense YAML: see {@link checkYamlTokens}).
 * Checked before the text is parsed.
 * @param maxFileBytes the cap of one input file; default {@link DEFAULT_MAX_FILE_BYTES}
 */
export function checkYamlSize(text: string, file: string, maxFileBytes = DEFAULT_MAX_FILE_BYTES): void {
  const limit = Math.floor(maxFileBytes / YAML_COST_FACTOR);
  // A UTF-16 unit takes at most three bytes in UTF-8: a short text needs no counting.
  const size = text.length * 3 <= limit ? 0 : Buffer.byteLength(text, 'utf8');
  if (size > limit) {
    throw new SovereignLzError(
      'INPUT_TOO_LARGE',
      `${file}: ${formatByteSize(size)} of YAML is over the limit of ${formatByteSize(limit)} for one YAML file (an eighth of --max-file-size, as YAML takes eight times the memory of JSON; raise it with --max-file-size MB)`,
    );
  }
  // Then its tokens: dense text takes far more memory per byte (checkYamlTokens counts them only in a text long enough to matter).
  checkYamlTokens(text, {
    file,
    maxTokens: maxYamlTokens(maxFileBytes),
    raise: 'or raise the limit with --max-file-size MB',
  });
}

/**
 * The most tokens the YAML text of one input file may hold: {@link DEFAULT_MAX_YAML_TOKENS}
 * (1.6 million) under the default cap, in proportion to `maxFileBytes` otherwise, as the
 * limit of its bytes is. An ordinary template holds one token per 9.5 bytes (1.37 million in
 * 12.4 MiB); dense text up to one per byte.
 * @param maxFileBytes the cap of one input file; default {@link DEFAULT_MAX_FILE_BYTES}
 */
export function maxYamlTokens(maxFileBytes = DEFAULT_MAX_FILE_BYTES): number {
  return Math.ceil((DEFAULT_MAX_YAML_TOKENS * maxFileBytes) / DEFAULT_MAX_FILE_BYTES);
}

/**
 * The most nodes the YAML documents of one file may make once their aliases are expanded:
 * {@link DEFAULT_MAX_YAML_NODES} (10 million) under the default cap, in proportion to
 * `maxFileBytes` otherwise (0.76 nodes per byte of YAML allowed: no text without aliases makes
 * more than 0.5, see the measurements of {@link DEFAULT_MAX_YAML_NODES}).
 * @param maxFileBytes the cap of one input file; default {@link DEFAULT_MAX_FILE_BYTES}
 */
export function maxYamlNodes(maxFileBytes = DEFAULT_MAX_FILE_BYTES): number {
  return Math.ceil((DEFAULT_MAX_YAML_NODES * maxFileBytes) / DEFAULT_MAX_FILE_BYTES);
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

/**
 * Reads an input file as UTF-8 text (a byte-order mark is dropped). Throws a one-line
 * {@link SovereignLzError}: `INPUT_UNREADABLE` if it cannot be read or is not a regular file (a
 * FIFO, a socket, a device, also through a symbolic link: never opened, see
 * {@link readBoundedFile}), `INPUT_TOO_LARGE` above `maxBytes` (checked from its size before
 * reading, and on the bytes actually read), `INPUT_INVALID` for binary content or bytes that
 * are not UTF-8.
 *
 * @param file the file's path
 * @param shown the path as messages show it (relative to the working directory)
 * @param maxBytes the largest size read; default {@link DEFAULT_MAX_FILE_BYTES}
 */
export function readInputText(file: string, shown: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
  const bytes = readBoundedFile(file, {
    maxBytes,
    shown,
    unreadableCode: 'INPUT_UNREADABLE',
    limitText: 'for one input file (raise it with --max-file-size MB)',
  });
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
    documentPathText([...stack.slice(1).map((f) => f.key), ...(key === undefined ? [] : [key])]);
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
