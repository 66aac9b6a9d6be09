import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { Alias, isAlias, isMap, isNode, isScalar, isSeq, Lexer, type Document } from 'yaml';
import { SovereignLzError } from './errors';

/**
 * Reading with bounds: every file sovereign-lz reads (artifacts, declarations, profiles) and
 * every YAML document it turns into values goes through here, so that hostile input ends in a
 * one-line {@link SovereignLzError} naming the file, never in a hang, a stack overflow or an
 * out-of-memory crash:
 *
 * - only regular files are read (after following symbolic links): a FIFO would block the read
 *   (its `open` waits for a writer), a device such as `/dev/zero` never ends;
 * - the cap is on the bytes actually read, not on the size the file system reports (0 for
 *   `/proc` files, a file may grow while it is read);
 * - YAML text is parsed only if it holds at most {@link DEFAULT_MAX_YAML_TOKENS} tokens:
 *   dense text (`[[],[],…]`) takes up to 500 bytes of memory per byte to parse, and is
 *   refused from a count that takes next to none;
 * - YAML aliases are expanded only if the document they make stays under a number of nodes
 *   ({@link DEFAULT_MAX_YAML_NODES}): a "billion laughs" is refused before it is built.
 */

/**
 * The largest declaration or profile file read: 10 MiB. Neither is generated: a person writes
 * them. The built-in profiles take 5–6 KiB as JSON; a declaration of 1,000 workloads, each with
 * two stores and a service, 400 KiB of YAML (600 KiB of JSON). 10 MiB is 25 times that, and
 * parsing 10 MiB of YAML already takes about 750 MiB of memory (the `yaml` package's syntax
 * tree, ~75 bytes per byte of text): beyond it, the file is a mistake or an attack.
 */
export const MAX_DECLARATION_FILE_BYTES = 10 * 1024 * 1024;

/** How a bounded read names the file and words its errors. */
export interface BoundedReadOptions {
  /** The most bytes read; one more is an error (`INPUT_TOO_LARGE`). */
  readonly maxBytes: number;
  /** The path as messages show it. @default - the path read */
  readonly shown?: string;
  /** The code of a file that cannot be read or is not a regular file, e.g. `INPUT_UNREADABLE`. */
  readonly unreadableCode: string;
  /**
   * What is read, as the message names it after `cannot read`: `the profile file` gives
   * `FILE: cannot read the profile file: no such file`. @default - none (`FILE: cannot read: …`)
   */
  readonly what?: string;
  /**
   * What the limit applies to, and how to raise it, after `over the limit of SIZE`: e.g.
   * `for one input file (raise it with --max-file-size MB)`.
   */
  readonly limitText: string;
}

/** A size in KiB or MiB, with one decimal: `4.0 KiB`, `100.0 MiB`. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** What kind of file a non-regular file is, for messages; undefined for a regular file. */
function irregularKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFIFO()) return 'not a regular file but a FIFO (named pipe)';
  if (stats.isSocket()) return 'not a regular file but a socket';
  if (stats.isCharacterDevice()) return 'not a regular file but a character device';
  if (stats.isBlockDevice()) return 'not a regular file but a block device';
  return 'not a regular file';
}

/** One line of a system error's message (binary paths make them long). */
function oneLine(message: string): string {
  const line = (message.split('\n')[0] ?? '').replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function reasonOf(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return oneLine((e as Error).message);
  }
}

/** The smallest buffer read into before the file's size is known (or when it says 0). */
const FIRST_CHUNK = 64 * 1024;

/**
 * Reads a regular file whole, reading at most `maxBytes` bytes. Throws a one-line
 * {@link SovereignLzError}:
 * - `unreadableCode` if the file is missing, unreadable, or not a regular file (a directory, a
 *   FIFO, a socket, a device; also through a symbolic link): its type is checked before it is
 *   opened, as opening a FIFO blocks until a writer comes; it is opened non-blocking and
 *   checked again, should it have been replaced in between;
 * - `INPUT_TOO_LARGE` as soon as its size, or the count of the bytes read, is over `maxBytes`
 *   (a file may grow while it is read; `/proc` files report a size of 0).
 */
export function readBoundedFile(file: string, options: BoundedReadOptions): Buffer {
  const shown = options.shown ?? file;
  const unreadable = (reason: string): SovereignLzError =>
    new SovereignLzError(
      options.unreadableCode,
      `${shown}: cannot read${options.what ? ` ${options.what}` : ''}: ${reason}`,
    );
  const tooLarge = (what: string): SovereignLzError =>
    new SovereignLzError(
      'INPUT_TOO_LARGE',
      `${shown}: ${what} over the limit of ${formatByteSize(options.maxBytes)} ${options.limitText}`,
    );
  const checked = (stats: Stats): Stats => {
    const kind = irregularKind(stats);
    if (kind) throw unreadable(kind);
    // From the size alone, before reading: a sparse file of gigabytes is refused at once.
    if (stats.size > options.maxBytes) throw tooLarge(`${formatByteSize(stats.size)} is`);
    return stats;
  };
  let fd: number;
  try {
    // stat follows symbolic links: a link to /dev/zero is a character device.
    checked(statSync(file));
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if (e instanceof SovereignLzError) throw e;
    throw unreadable(reasonOf(e));
  }
  try {
    const { size } = checked(fstatSync(fd));
    const cap = options.maxBytes + 1;
    // One byte more than the file's size: the read that returns 0 ends it without growing.
    let buffer = Buffer.allocUnsafe(Math.min(cap, Math.max(size + 1, FIRST_CHUNK)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= cap) throw tooLarge(`more than ${formatByteSize(options.maxBytes)} read,`);
        const grown = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } catch (e) {
    if (e instanceof SovereignLzError) throw e;
    throw unreadable(reasonOf(e));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a declaration or profile file as UTF-8 text (as `readFileSync(file, 'utf8')` does), with
 * the bounds of {@link readBoundedFile} and a cap of {@link MAX_DECLARATION_FILE_BYTES}.
 * @param what the file as messages name it, e.g. `the profile file`
 * @param unreadableCode e.g. `PROFILE_UNREADABLE`
 * @param shown the path as messages show it; default `file`
 */
export function readDeclarationText(file: string, what: string, unreadableCode: string, shown?: string): string {
  return readBoundedFile(file, {
    maxBytes: MAX_DECLARATION_FILE_BYTES,
    shown,
    unreadableCode,
    what,
    limitText: `for ${what} (no legitimate one is that large)`,
  }).toString('utf8');
}

/**
 * The most nodes (mappings, sequences, scalars, keys included) the YAML documents of one file
 * may make once their aliases are expanded: 10 million. Measured on 2 cores, Node 20
 * (docs/reliability.md):
 *
 * - a CloudFormation template of 12.4 MiB of YAML (about the largest YAML file read by default)
 *   makes 960,000 nodes; `check` takes 11.4 s of CPU and 890 MiB;
 * - the densest text possible (`[1,1,…]`) makes 0.5 nodes per byte: 6.5 million in 12.5 MiB.
 *   No text without aliases under the cap reaches the limit;
 * - 9.8 million nodes made by aliases (one mapping of 100,000 keys, reused 48 times) take 6.7 s
 *   and 510 MiB: aliases can make no more work than the largest file without them;
 * - a PyYAML dump of 20,000 aliases to a two-key mapping makes 260,000 nodes (as many as the
 *   same file without aliases), and is read;
 * - one mapping of 100,000 keys reused 999 times makes 200 million nodes, a "billion laughs"
 *   (nine aliases nine levels deep) 103 million: refused after a walk of the syntax tree (20 ms
 *   for the first), before anything is built. Under the `yaml` package's alias count the first
 *   took 33 s of CPU to check, and the PyYAML dump was refused.
 */
export const DEFAULT_MAX_YAML_NODES = 10_000_000;

/**
 * The most tokens the YAML text of one file may hold (see {@link countYamlTokens}): 1.6 million.
 * Checked before the text is parsed, as parsing is what takes the memory: the `yaml` package
 * builds a syntax tree whose every token takes about 500 bytes, whatever its length, and dense
 * text holds up to one token per byte. Measured on 2 cores, Node 20 (docs/reliability.md):
 *
 * - a CloudFormation template of 12.4 MiB of YAML (about the largest YAML file read by default)
 *   holds 1.37 million tokens (one per 9.5 bytes); `check` takes 12.3–13.6 s of CPU, 870 MiB;
 * - at the limit, the densest texts measured take no more: 780 MiB to check `[[],[],…]`, 830
 *   MiB `[1,1,…]`, 845 MiB aliases (`*a,*a,…`), 855 MiB lines of nested sequences (`- - - -`);
 * - above it, `[[],[],…]` took 1.9 GB at 4 MiB, and at 12 MiB exhausted the 4 GB heap after
 *   87 s (an abort, not an error); it is now refused in 5 s, within 85 MiB;
 * - the count takes 0.1–0.15 s per MiB (1.2–1.9 s for the 12.4 MiB template: a seventh of its
 *   parse, 8.4 s) and next to no memory: the lexer yields each token as a string, keeps none.
 */
export const DEFAULT_MAX_YAML_TOKENS = 1_600_000;

/**
 * What one document (`---`, `...`) counts in {@link countYamlTokens}: 10 tokens. The `yaml`
 * package makes a Document of each, which takes 2 KiB and 70 µs to make (1 MiB of `---` lines:
 * 590 MiB, 21 s), as much as ten other tokens.
 */
const DOCUMENT_TOKENS = 10;

/**
 * What the item of a block sequence (`-`) and an alias (`*name`) count in
 * {@link countYamlTokens}: 2 tokens. They take twice the memory of the others: 0.9 KiB for
 * each `-` of lines of nested sequences (`- - - -`), 1.5 KiB for each alias, as their values
 * are built; a comma or a bracket takes 0.4–0.5 KiB.
 */
const COSTLY_TOKENS = 2;

/**
 * The number of tokens the `yaml` package's parser will make of `text`: every token of its
 * lexer but spaces, line breaks and comments (brackets, commas, `-`, `:`, `?`, scalars, quoted
 * or not, anchors, aliases, tags, directives), a document counting {@link DOCUMENT_TOKENS}, an
 * item of a block sequence and an alias {@link COSTLY_TOKENS}, as they take more memory. Each
 * such token becomes a node of the syntax tree, or a problem the parser records (1 MiB of `]`
 * makes a million errors): what the parse takes grows with this count, not with the size of
 * the text. Linear in the length of the text, and it allocates next to nothing: the lexer is
 * the parser's own, and the tokens are counted as it yields them.
 */
export function countYamlTokens(text: string): number {
  let count = 0;
  // The lexer yields a scalar as a marker (\x1f), then its source, which may start with anything.
  let scalarSource = false;
  for (const token of new Lexer().lex(text)) {
    if (scalarSource) {
      scalarSource = false;
      continue;
    }
    switch (token.charCodeAt(0)) {
      case 0x20: // spaces (indentation)
      case 0x09:
      case 0x0a: // line breaks ('' too: NaN)
      case 0x0d:
      case 0x23: // a comment
      case 0x02: // the start of a document's content (after `...`, at the start): a mode, no node
        break;
      case 0x1f:
        scalarSource = true;
        count++;
        break;
      case 0x2d: // `-`, `---`
      case 0x2e: // `...`
        count += token === '---' || token === '...' ? DOCUMENT_TOKENS : token === '-' ? COSTLY_TOKENS : 1;
        break;
      case 0x2a: // `*name`
        count += COSTLY_TOKENS;
        break;
      default:
        if (token.length) count++;
    }
  }
  return count;
}

/**
 * Whether YAML `text` holds at most `maxTokens` tokens ({@link countYamlTokens}). No text holds
 * more than 10 per 3 characters (a token takes at least one character but a scalar's marker,
 * which follows one that does; a document's 10 take at least its `---` or `...`): a text of at
 * most `maxTokens / 4` characters needs no counting.
 */
export function yamlTokensWithin(text: string, maxTokens = DEFAULT_MAX_YAML_TOKENS): boolean {
  return text.length * 4 <= maxTokens || countYamlTokens(text) <= maxTokens;
}

/** How {@link checkYamlTokens} names the file and words its error. */
export interface YamlTextBounds {
  /** The file as messages show it. */
  readonly file: string;
  /** The most tokens. @default DEFAULT_MAX_YAML_TOKENS */
  readonly maxTokens?: number;
  /** How to raise the limit, if it can be, after the advice to write JSON: e.g. `or raise the limit with --max-file-size MB`. */
  readonly raise?: string;
}

/**
 * Throws a one-line `INPUT_TOO_LARGE` {@link SovereignLzError} naming the file, the count and
 * the limit if YAML `text` holds more than `bounds.maxTokens` tokens ({@link countYamlTokens}),
 * before anything is parsed. Every YAML text read (artifacts, declarations, profile files) is
 * checked here before it is parsed.
 */
export function checkYamlTokens(text: string, bounds: YamlTextBounds): void {
  const limit = bounds.maxTokens ?? DEFAULT_MAX_YAML_TOKENS;
  // A short text needs no counting (see yamlTokensWithin).
  if (text.length * 4 <= limit) return;
  const count = countYamlTokens(text);
  if (count <= limit) return;
  throw new SovereignLzError(
    'INPUT_TOO_LARGE',
    `${bounds.file}: ${thousands(count)} YAML tokens (brackets, commas, keys, values) are over the limit of ${thousands(limit)} for one YAML file (dense YAML takes about 500 bytes of memory per token to parse; write it as JSON, which takes a tenth of the memory${bounds.raise ? `, ${bounds.raise}` : ''})`,
  );
}

/**
 * Runs `parse` (the `yaml` package's parser) without stack traces for the errors it makes: it
 * makes an Error for every problem it finds and goes on, and each trace took 1 KiB (1 MiB of `]`
 * made a million errors: 1.4 GB and 16 s; 400 MiB and 4 s without). The messages and positions,
 * all that is shown of them, are kept.
 */
export function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** How {@link yamlToJs} names the document and words its errors. */
export interface YamlBounds {
  /** The file as messages show it. */
  readonly file: string;
  /** The code of the errors, e.g. `INPUT_INVALID` or `DECLARATION_INVALID`. */
  readonly code: string;
  /** The most nodes the expanded document may have. @default DEFAULT_MAX_YAML_NODES */
  readonly maxNodes?: number;
  /** What a cycle cannot be part of, as the message says: `a cycle, which no template can hold`. @default 'document' */
  readonly kind?: string;
}

/** A path into a document, as messages show it: `Resources.Bucket.Properties.Tags[0]`. */
export function documentPathText(path: readonly (string | number)[]): string {
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return text.length > 120 ? `${text.slice(0, 119)}…` : text || '(top level)';
}

/** The number of values in a plain JavaScript value (what a custom tag resolved a collection to). */
function valueCount(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    count++;
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (v !== null && typeof v === 'object') for (const key in v) stack.push((v as Record<string, unknown>)[key]);
  }
  return count;
}

/** A count with thousands separators; a count too large to be exact (a deep "billion laughs") as a power of ten. */
function thousands(count: number): string {
  if (count > Number.MAX_SAFE_INTEGER) return `more than 10^${Math.min(308, Math.floor(Math.log10(count)))}`;
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** One open collection of the walk: its children, the next to count, and the count so far. */
interface Frame {
  readonly node: object;
  readonly children: readonly unknown[];
  /** For a mapping: the JavaScript key of child 2i and 2i+1 (the pair's key, then its value). */
  readonly keys?: readonly (string | number)[];
  next: number;
  count: number;
}

/**
 * The number of nodes `doc` makes once its aliases are expanded, in one walk of its syntax
 * tree (linear in its size, iterative): each alias counts the nodes of its anchor's node,
 * counted once (an anchor's node comes before its aliases). Throws a one-line
 * {@link SovereignLzError} `bounds.code` for an alias inside the node of its own anchor (a
 * cycle, named where it is, as the readers' shape check names it).
 */
export function countYamlNodes(doc: Document, bounds: Pick<YamlBounds, 'file' | 'code' | 'kind'>): number {
  return measureYaml(doc, bounds).count;
}

/** The walk of {@link countYamlNodes}; also gives the node each alias refers to. */
function measureYaml(
  doc: Document,
  bounds: Pick<YamlBounds, 'file' | 'code' | 'kind'>,
): { count: number; targets: Map<Alias, object> } {
  const targets = new Map<Alias, object>();
  const anchors = new Map<string, object>();
  // The counts of anchored nodes whose walk is done; an anchored node open is on the stack.
  const counted = new Map<object, number>();
  const open = new Set<object>();
  const stack: Frame[] = [];
  const where = (): string => {
    const path: (string | number)[] = [];
    for (const frame of stack) path.push(frame.keys ? frame.keys[frame.next - 1] : frame.next - 1);
    return documentPathText(path);
  };
  /** Counts a node: its count if known now (a leaf, an alias), else opens it and returns undefined. */
  const enter = (node: unknown): number | undefined => {
    if (node === null || node === undefined) return 0;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      // An alias without an anchor before it: toJS says so.
      if (target === undefined) return 1;
      if (open.has(target)) {
        throw new SovereignLzError(
          bounds.code,
          `${bounds.file}: ${where()} contains itself (a YAML alias to an anchor that encloses it): a cycle, which no ${bounds.kind ?? 'document'} can hold`,
        );
      }
      targets.set(node, target);
      return counted.get(target) ?? 1;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as object);
    if (isMap(node)) {
      const children: unknown[] = [];
      const keys: (string | number)[] = [];
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        children.push(pair.key, pair.value);
        keys.push(key, key);
      }
      if (anchor) open.add(node);
      stack.push({ node, children, keys, next: 0, count: 1 });
      return undefined;
    }
    if (isSeq(node)) {
      if (anchor) open.add(node);
      stack.push({ node, children: node.items, next: 0, count: 1 });
      return undefined;
    }
    if (isScalar(node)) {
      const value = node.value;
      const count = value !== null && typeof value === 'object' ? valueCount(value) : 1;
      if (anchor) counted.set(node, count);
      return count;
    }
    return 1;
  };
  let total = enter(doc.contents);
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next === frame.children.length) {
      stack.pop();
      if (open.delete(frame.node)) counted.set(frame.node, frame.count);
      if (stack.length) stack[stack.length - 1].count += frame.count;
      else total = frame.count;
      continue;
    }
    const child = frame.children[frame.next++];
    const count = enter(child);
    if (count !== undefined) frame.count += count;
  }
  return { count: total ?? 0, targets };
}

/**
 * The values of parsed YAML documents (the documents of one file), their aliases expanded once
 * {@link countYamlNodes} has found that all of them together stay under `bounds.maxNodes`.
 * The `yaml` package's own limit counts aliases, not what they make: it refused a PyYAML dump
 * of 20,000 aliases to a small mapping, and let one mapping of 100,000 keys be reused 999
 * times. Throws a one-line {@link SovereignLzError} `bounds.code` naming the file: over the
 * limit, a cycle, an alias without its anchor.
 */
export function yamlDocumentsToJs(docs: readonly Document[], bounds: YamlBounds): unknown[] {
  const limit = bounds.maxNodes ?? DEFAULT_MAX_YAML_NODES;
  const measured = docs.map((doc) => measureYaml(doc, bounds));
  const total = measured.reduce((sum, m) => sum + m.count, 0);
  if (total > limit) {
    throw new SovereignLzError(
      bounds.code,
      `${bounds.file}: YAML aliases would expand to ${thousands(total)} nodes, over the limit of ${thousands(limit)} (a "billion laughs"?)`,
    );
  }
  return docs.map((doc, i) => {
    resolveAliases(measured[i].targets);
    try {
      // The alias count no longer matters: what the aliases make is bounded above.
      return doc.toJS({ maxAliasCount: -1 }) as unknown;
    } catch (e) {
      throw new SovereignLzError(bounds.code, `${bounds.file}: not valid YAML: ${oneLine((e as Error).message)}`);
    }
  });
}

/**
 * Gives each alias the node it refers to, as the walk found it. The `yaml` package finds it
 * anew for each alias, by a scan of every anchor and alias before it: quadratic in the number
 * of aliases (20,000 aliases took 4.3 s, 100,000 would take nearly two minutes). The node has
 * always been converted before its aliases (it comes first); were it not, the package's own
 * search runs.
 */
function resolveAliases(targets: ReadonlyMap<Alias, object>): void {
  for (const [alias, target] of targets) {
    Object.defineProperty(alias, 'resolve', {
      configurable: true,
      writable: true,
      value(this: Alias, doc: Document, ctx?: { anchors: Map<unknown, unknown> }) {
        if (ctx && !ctx.anchors.has(target)) return Alias.prototype.resolve.call(this, doc, ctx as never);
        return target;
      },
    });
  }
}

/** The value of one parsed YAML document, with the bounds of {@link yamlDocumentsToJs}. */
export function yamlToJs(doc: Document, bounds: YamlBounds): unknown {
  return yamlDocumentsToJs([doc], bounds)[0];
}

/**
 * The offset of the first duplicate key in a mapping of `doc`, if any. The `yaml` package's own
 * check (`uniqueKeys`) compares each key with every earlier one of its mapping: quadratic, a
 * minute for a template of 35,000 resources, 11 s for a declaration of 40,000 accounts (1 MiB).
 * This one is linear, and iterative.
 */
export function yamlDuplicateKeyOffset(doc: Document): number | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) return (isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? node.range?.[0] ?? 0;
        seen.add(key);
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}
