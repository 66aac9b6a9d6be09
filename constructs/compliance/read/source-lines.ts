/**
 * Where resources start in the text of their file, for the `region` of SARIF results: the
 * line of a resource's key under `Resources` (CloudFormation JSON or YAML), of its name under
 * `resource.<type>` (Terraform JSON), of a manifest's document (or a `List`'s item).
 *
 * These are cheap scans of the text the readers already hold, not a second parse: a linear
 * pass that tracks only the nesting and the strings, so that the line numbers cost a small
 * fraction of JSON.parse on a large template. A layout they do not recognize (flow-style
 * YAML, an array of `resource` blocks) gives no line, never a wrong one.
 */

/** Offsets (ascending) to 1-based line numbers, in one pass over the newlines. */
function linesOf(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let next = text.indexOf('\n');
  for (const offset of offsets) {
    while (next !== -1 && next < offset) {
      line++;
      next = text.indexOf('\n', next + 1);
    }
    lines.push(line);
  }
  return lines;
}

/** The index of the quote that closes the JSON string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    for (let k = end - 1; text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

const STRUCTURE = /["{}[\]]/g;

/** Texts at most this long are scanned whole when their layout is not the usual pretty-printed one. */
const FULL_SCAN_LIMIT = 4 * 1024 * 1024;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The fast path of {@link jsonMemberLines} for pretty-printed JSON (as aws-cdk-lib and cdktf
 * write it): a key at depth `d` starts a line indented `d` times the indentation of the
 * top-level keys, so a literal search per depth finds the members without reading the rest.
 * Undefined when the layout differs or the keys found are not exactly `expected`, in order.
 */
function prettyMemberLines(
  text: string,
  path: readonly string[],
  expected: readonly string[],
): Map<string, number> | undefined {
  const open = text.indexOf('{');
  // The indentation of the top-level keys: spaces or tabs, one kind only.
  const unit = open === -1 ? undefined : /^\r?\n( +|\t+)"/.exec(text.slice(open + 1, open + 200))?.[1];
  if (unit === undefined || path.length === 0 || path.slice(1).some((p) => p !== '*')) return undefined;
  const top = new RegExp(`\\n${unit}"${escapeRegExp(path[0])}"[ \\t]*:`).exec(text);
  if (!top) return undefined;
  const levels = path.length + 1;
  const found: Array<Array<{ key: string; offset: number }>> = [];
  for (let depth = 2; depth <= levels; depth++) {
    // A key at this depth starts a line with exactly this indentation, then a quote.
    const needle = `\n${unit.repeat(depth)}"`;
    const matches: Array<{ key: string; offset: number }> = [];
    const limit = depth === levels ? expected.length : Infinity;
    for (let at = text.indexOf(needle, top.index); at !== -1 && matches.length < limit;) {
      const quote = at + needle.length - 1;
      const end = stringEnd(text, quote);
      let next = end + 1;
      while (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9) next++;
      if (text.charCodeAt(next) === 58) {
        const raw = text.slice(quote + 1, end);
        matches.push({ key: raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw, offset: at + 1 });
      }
      at = text.indexOf(needle, end);
    }
    found.push(matches);
  }
  const members = found[found.length - 1];
  if (members.length !== expected.length) return undefined;
  const cursors = found.slice(0, -1).map(() => -1);
  const keys = members.map(({ key, offset }) => {
    const parents = found.slice(0, -1).map((level, l) => {
      while (cursors[l] + 1 < level.length && level[cursors[l] + 1].offset < offset) cursors[l]++;
      return level[cursors[l]]?.key ?? '';
    });
    return [...parents, key].join('.');
  });
  if (keys.some((key, i) => key !== expected[i])) return undefined;
  const lines = linesOf(
    text,
    members.map((m) => m.offset),
  );
  return new Map(keys.map((key, i) => [key, lines[i]]));
}

/**
 * The lines of the members of the JSON objects at `path` (`'*'` matches any key): e.g.
 * `['Resources']` gives each logical id's line, `['resource', '*']` each `type.name`'s (the
 * keys matched by `'*'` and the member's own key, joined with `.`); the elements of an array
 * at `path` that are objects or arrays are its members `0`, `1`… The text must be valid
 * JSON (the caller parsed it). With `expected` (the keys, in the document's order), a
 * pretty-printed text is read by its indentation; otherwise, or if that fails, a text of at
 * most 4 MiB is scanned whole, and a larger one gives no lines.
 */
export function jsonMemberLines(
  text: string,
  path: readonly string[],
  expected?: readonly string[],
): Map<string, number> {
  if (expected !== undefined) {
    if (expected.length === 0) return new Map();
    const pretty = prettyMemberLines(text, path, expected);
    if (pretty) return pretty;
  }
  return text.length <= FULL_SCAN_LIMIT ? scanMemberLines(text, path) : new Map();
}

/** {@link jsonMemberLines} by a scan of the whole text. */
function scanMemberLines(text: string, path: readonly string[]): Map<string, number> {
  const keys: string[] = [];
  const offsets: number[] = [];
  // One entry per open container: true for an object.
  const objects: boolean[] = [];
  // The keys `'*'` matched, for a container on `path`; undefined off the path.
  const captures: Array<string[] | undefined> = [];
  // The elements seen so far of each open array.
  const elements: number[] = [];
  let pendingKey: string | undefined;
  const re = new RegExp(STRUCTURE.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const code = text.charCodeAt(start);
    const depth = objects.length;
    if (code === 34) {
      const end = stringEnd(text, start);
      re.lastIndex = end + 1;
      const capture = captures[depth - 1];
      if (depth === 0 || depth > path.length + 1 || capture === undefined || !objects[depth - 1]) continue;
      let next = end + 1;
      while (isSpace(text.charCodeAt(next))) next++;
      if (text.charCodeAt(next) !== 58) continue;
      const raw = text.slice(start + 1, end);
      const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      if (depth === path.length + 1) {
        keys.push([...capture, key].join('.'));
        offsets.push(start);
      } else pendingKey = key;
    } else if (code === 123 || code === 91) {
      // An object or array element of an array on `path`: its index is its key.
      if (depth === path.length + 1 && !objects[depth - 1] && captures[depth - 1] !== undefined) {
        keys.push([...captures[depth - 1]!, String(elements[depth - 1])].join('.'));
        offsets.push(start);
      }
      if (depth > 0 && !objects[depth - 1]) elements[depth - 1]++;
      let capture: string[] | undefined;
      if (depth === 0) capture = code === 123 ? [] : undefined;
      else if (depth <= path.length && objects[depth - 1] && pendingKey !== undefined) {
        const parent = captures[depth - 1];
        const segment = path[depth - 1];
        if (parent !== undefined && segment === '*') capture = [...parent, pendingKey];
        else if (parent !== undefined && segment === pendingKey) capture = parent;
      }
      pendingKey = undefined;
      objects.push(code === 123);
      captures.push(capture);
      elements.push(0);
    } else {
      objects.pop();
      captures.pop();
      elements.pop();
      pendingKey = undefined;
    }
  }
  const lines = linesOf(text, offsets);
  const result = new Map<string, number>();
  keys.forEach((key, i) => {
    if (!result.has(key)) result.set(key, lines[i]);
  });
  return result;
}

/** The line where the JSON text's top-level value starts. */
export function jsonDocumentLine(text: string): number {
  const start = text.search(/\S/);
  return start === -1 ? 1 : linesOf(text, [start])[0];
}

/** Where a YAML document starts and ends in its text. */
export interface YamlDocument {
  /** The line of the document's first content (as the `yaml` package numbers lines: from 1). */
  readonly line: number;
  /** The offsets of its text: from its first content to the next document marker (or the end). */
  readonly start: number;
  readonly end: number;
}

const MARKER = /^(---|\.\.\.)(?=\s|$)/gm;
const CONTENT = /^[ \t]*[^\s#]/gm;

interface Segment {
  readonly from: number;
  readonly to: number;
  /** The offset of the `---` that opens it, if one does. */
  readonly marker?: number;
}

/** The offset of the line where a segment's content starts, if it has any. */
function firstContent(text: string, { from, to, marker }: Segment, first: boolean): number | undefined {
  if (marker !== undefined) {
    const eol = text.indexOf('\n', from);
    const rest = text.slice(from, eol === -1 || eol > to ? to : eol).trim();
    if (rest !== '' && !rest.startsWith('#')) return marker;
  }
  const re = new RegExp(CONTENT.source, 'gm');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    // Directives (`%YAML 1.2`) come before the first document.
    if (first && text.startsWith('%', m.index)) continue;
    return m.index;
  }
  return undefined;
}

/**
 * The non-empty documents of YAML text, in order, with the line each starts at: its first
 * content line after `---` (or the marker's own line when content follows it, `--- {a: 1}`).
 * Documents holding only comments or blank lines are left out, as the readers leave out
 * empty documents.
 */
export function yamlDocuments(text: string): YamlDocument[] {
  const segments: Segment[] = [];
  let from = 0;
  let marker: number | undefined;
  const re = new RegExp(MARKER.source, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    segments.push({ from, to: m.index, marker });
    from = m.index + 3;
    marker = m[1] === '---' ? m.index : undefined;
  }
  segments.push({ from, to: text.length, marker });
  const starts: number[] = [];
  const ends: number[] = [];
  segments.forEach((segment, i) => {
    const start = firstContent(text, segment, i === 0);
    if (start === undefined) return;
    starts.push(start);
    ends.push(segment.to);
  });
  const lines = linesOf(text, starts);
  return starts.map((start, i) => ({ line: lines[i], start, end: ends[i] }));
}

/**
 * The lines of the items of the top-level `items:` block sequence of a YAML document (a
 * `List` kind), in order; empty if it has none in block style.
 */
export function yamlItemLines(text: string, doc: YamlDocument): number[] {
  const body = text.slice(doc.start, doc.end);
  const items = /^items[ \t]*:[ \t]*(#.*)?$/m.exec(body);
  if (!items) return [];
  const first = /^([ \t]*)-(?=\s)/m.exec(body.slice(items.index));
  if (!first) return [];
  const indent = first[1];
  const offsets: number[] = [];
  const re = /^([ \t]*)(-(?=\s)|[^\s#])/gm;
  re.lastIndex = items.index + first.index;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[1] === indent && m[2] === '-') offsets.push(doc.start + m.index);
    else if (m[1].length < indent.length || (m[1].length === 0 && m[2] !== '-')) break;
  }
  return linesOf(text, offsets);
}

/**
 * The lines of the keys of the block mapping under the top-level key `key` of single-document
 * YAML (e.g. the logical ids under `Resources` of a CloudFormation template). A flow-style
 * mapping gives none.
 */
export function yamlMemberLines(text: string, key: string): Map<string, number> {
  const result = new Map<string, number>();
  const top = new RegExp(`^(${key}|"${key}"|'${key}')[ \\t]*:[ \\t]*(#.*)?$`, 'm').exec(text);
  if (!top) return result;
  const from = top.index + top[0].length;
  const child = /^([ \t]+)[^\s#]/m.exec(text.slice(from));
  const end = /^[^\s#]/m.exec(text.slice(from));
  if (!child || (end && end.index < child.index)) return result;
  const limit = end ? from + end.index : text.length;
  const indent = child[1];
  const re = new RegExp(
    `^${indent}(?:"((?:[^"\\\\\\n]|\\\\.)*)"|'((?:[^'\\n]|'')*)'|([^\\s#'"{[\\-?][^:#\\n]*?))[ \\t]*:(?=\\s|$)`,
    'gm',
  );
  re.lastIndex = from;
  const names: string[] = [];
  const offsets: number[] = [];
  for (let m = re.exec(text); m && m.index < limit; m = re.exec(text)) {
    const name = m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : (m[2]?.replace(/''/g, "'") ?? m[3]);
    names.push(name);
    offsets.push(m.index);
  }
  const lines = linesOf(text, offsets);
  names.forEach((name, i) => {
    if (!result.has(name)) result.set(name, lines[i]);
  });
  return result;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The line of each resource of a parsed CloudFormation template, by logical id. */
export function templateLines(text: string, doc: unknown, yaml: boolean): Map<string, number> {
  if (yaml) return yamlMemberLines(text, 'Resources');
  const resources = isObject(doc) && isObject(doc.Resources) ? Object.keys(doc.Resources) : [];
  return jsonMemberLines(text, ['Resources'], resources);
}

/** The line of each resource of parsed Terraform JSON, by address (`type.name`). */
export function terraformLines(text: string, doc: unknown): Map<string, number> {
  const blocks = isObject(doc) && isObject(doc.resource) ? doc.resource : undefined;
  if (!blocks) return new Map();
  const expected = Object.entries(blocks).flatMap(([type, byName]) =>
    isObject(byName) ? Object.keys(byName).map((name) => `${type}.${name}`) : [],
  );
  return jsonMemberLines(text, ['resource', '*'], expected);
}

/** Where a manifest document starts, and where the items of a `List` do. */
export interface ManifestLines {
  readonly line: number;
  /** The lines of its `items`, for a `List` kind. */
  readonly items?: readonly number[];
}

function isList(doc: unknown): boolean {
  return isObject(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items);
}

/**
 * The lines of the documents of a manifest file (and of the items of its `List` documents),
 * aligned with `docs`; undefined when the documents of the text and `docs` do not match.
 */
export function manifestLines(text: string, docs: readonly unknown[], yaml: boolean): ManifestLines[] | undefined {
  if (!yaml) {
    if (docs.length !== 1) return undefined;
    const items = isList(docs[0]) ? [...jsonMemberLines(text, ['items']).values()] : undefined;
    return [{ line: jsonDocumentLine(text), ...(items ? { items } : {}) }];
  }
  const found = yamlDocuments(text);
  if (found.length !== docs.length) return undefined;
  return found.map((doc, i) =>
    isList(docs[i]) ? { line: doc.line, items: yamlItemLines(text, doc) } : { line: doc.line },
  );
}
