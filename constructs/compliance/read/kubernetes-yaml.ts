import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  Scalar,
  type Document,
  type Node,
  type YAMLMap,
} from 'yaml';
import { countYamlNodes, documentPathText, SovereignLzError, withoutStackTraces } from '../../core';
import { checkYamlSize, clipMessage, MAX_NESTING_DEPTH, maxYamlNodes, setOwn } from './input-files';

/**
 * Kubernetes manifests in YAML, decoded as kubectl decodes them, so that the checker judges
 * what the API server receives: kubectl converts each YAML document to JSON with
 * sigs.k8s.io/yaml, which reads it with go-yaml v2 (YAML 1.1 as go-yaml implements it) and
 * then marshals the result with encoding/json. That differs from the YAML 1.2 core schema the
 * rest of the checker reads (CloudFormation YAML, declarations):
 *
 * - plain scalars resolve as go-yaml v2's resolve.go does: `y`, `Y`, `yes`, `Yes`, `YES`,
 *   `on`, `On`, `ON` (and `true`, `True`, `TRUE`) are true, their negations false; `~`,
 *   `null`, `Null`, `NULL` and the empty scalar are null; integers as Go's
 *   `strconv.ParseInt(s, 0, 64)` reads them once every `_` is removed (`0777` and `0o777` are
 *   octal, `0x1F` hexadecimal, `0b101` binary), then as unsigned, then as floats
 *   (`[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `.5`); `.inf`, `.nan` and their
 *   case variants are floats that JSON cannot hold, so kubectl refuses the document;
 *   sexagesimal numbers (`1:20`) are strings (go-yaml dropped them); timestamps are strings (a
 *   timestamp decoded into `interface{}` is its text); quoted and block scalars are strings;
 * - merge keys (`<<: *base`, `<<: [*a, *b]`) merge in go-yaml v2's order: a mapping's pairs
 *   are applied in turn, so a merge overrides the keys written before it (YAML's merge
 *   specification, and the `yaml` package, keep them), and of several merged mappings the
 *   first wins;
 * - map keys become JSON member names as sigs.k8s.io/yaml makes them (`1` → `"1"`, `true` →
 *   `"true"`, a float in the shortest float32 form); a key JSON cannot name (null, a
 *   collection, an unsigned integer above 2^63) is refused, as kubectl refuses it;
 * - a double-quoted scalar takes go-yaml's escapes (`\'` is one, `\/` is not) and its line
 *   folding (an escaped line break followed by empty lines keeps them as line feeds), and its
 *   continuation lines need no indentation (go-yaml checks only that no document marker
 *   starts one, while the `yaml` package, following YAML 1.2, refused a continuation line
 *   indented less than its node: valid manifests failed to load).
 *
 * The `yaml` package still parses the text (its syntax is go-yaml's, but for the leniency
 * above); its composer resolves nothing (failsafe schema), and this module turns the syntax
 * tree into JSON values. Keys given twice in one mapping are refused, as the other readers
 * refuse them (go-yaml keeps the last, sigs.k8s.io/yaml's strict mode refuses).
 */

const TAG = 'tag:yaml.org,2002:';
const STR = `${TAG}str`;
const BOOL = `${TAG}bool`;
const INT = `${TAG}int`;
const FLOAT = `${TAG}float`;
const NULL = `${TAG}null`;
const TIMESTAMP = `${TAG}timestamp`;
const BINARY = `${TAG}binary`;
const MERGE = `${TAG}merge`;

/** A scalar as go-yaml v2 resolves it, before it becomes JSON. */
export type GoYamlScalar =
  | { readonly tag: 'null'; readonly value: null }
  | { readonly tag: 'bool'; readonly value: boolean }
  /** `int` fits int64; `uint` fits uint64 only; `big` fits neither (a *big.Int). */
  | { readonly tag: 'int'; readonly value: bigint; readonly size: 'int' | 'uint' | 'big' }
  | { readonly tag: 'float'; readonly value: number }
  | { readonly tag: 'timestamp'; readonly value: string }
  | { readonly tag: 'str'; readonly value: string };

/** An error of go-yaml's, or of the conversion to JSON, in its own words. */
export class GoYamlError extends Error {}

/** resolve.go's resolveMap: the plain scalars looked up by their text. */
const RESOLVE_MAP = new Map<string, GoYamlScalar>();
for (const [value, texts] of [
  [true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
] as const) {
  for (const text of texts) RESOLVE_MAP.set(text, { tag: 'bool', value });
}
for (const text of ['', '~', 'null', 'Null', 'NULL']) RESOLVE_MAP.set(text, { tag: 'null', value: null });
for (const text of ['.nan', '.NaN', '.NAN']) RESOLVE_MAP.set(text, { tag: 'float', value: NaN });
for (const text of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) {
  RESOLVE_MAP.set(text, { tag: 'float', value: Infinity });
}
for (const text of ['-.inf', '-.Inf', '-.INF']) RESOLVE_MAP.set(text, { tag: 'float', value: -Infinity });

/** resolve.go's resolveTable: the hint the first character gives (`<` has none: `<<` is a string as a value). */
function hintOf(text: string): 'S' | 'D' | 'M' | '.' | 'N' | undefined {
  if (text === '') return 'N';
  const c = text[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  return c === '.' ? '.' : undefined;
}

/** resolve.go's yamlStyleFloat. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What strconv.ParseFloat accepts of a text starting with `.` (decimal only: no `_` without a base prefix). */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * An integer as Go's strconv reads it with base 0 (`ParseInt`, `ParseUint`, big.Int's
 * `SetString`): an optional sign, then `0x`, `0o` or `0b` (each followed by at least one
 * character), a leading `0` (octal), or decimal digits. Undefined when it is not one.
 */
function goInteger(text: string): { value: bigint; signed: boolean } | undefined {
  let s = text;
  let negative = false;
  let signed = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    signed = true;
    s = s.slice(1);
  }
  if (s === '') return undefined;
  let digits: RegExp = /^[0-9]+$/;
  let prefix = '';
  if (s[0] === '0') {
    const p = s[1]?.toLowerCase();
    if (s.length >= 3 && (p === 'x' || p === 'o' || p === 'b')) {
      digits = p === 'x' ? /^[0-9a-fA-F]+$/ : p === 'o' ? /^[0-7]+$/ : /^[01]+$/;
      prefix = `0${p}`;
      s = s.slice(2);
    } else {
      // A leading 0 is octal ("0" alone is zero).
      s = s.slice(1);
      if (s === '') return { value: 0n, signed };
      digits = /^[0-7]+$/;
      prefix = '0o';
    }
  }
  if (!digits.test(s)) return undefined;
  const magnitude = BigInt(prefix ? `${prefix}${s}` : s);
  return { value: negative ? -magnitude : magnitude, signed };
}

/** go-yaml v2's parseTimestamp: the formats it accepts (time.Parse also checks the ranges). */
const TIMESTAMP_FORMATS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[-+]\d{2}:\d{2})$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
];

function isTimestamp(text: string): boolean {
  for (const format of TIMESTAMP_FORMATS) {
    const m = format.exec(text);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const time = m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60);
    if (month >= 1 && month <= 12 && day >= 1 && day <= days && time) return true;
  }
  return false;
}

/** The integer, unsigned, float or big integer a `D`/`S`-hinted text is, if any (resolve.go). */
function resolveNumber(text: string): GoYamlScalar | undefined {
  const plain = text.replace(/_/g, '');
  const integer = goInteger(plain);
  if (integer && integer.value >= INT64_MIN && integer.value <= INT64_MAX) {
    return { tag: 'int', value: integer.value, size: 'int' };
  }
  // ParseUint takes no sign.
  if (integer && !integer.signed && integer.value <= UINT64_MAX) {
    return { tag: 'int', value: integer.value, size: 'uint' };
  }
  if (YAML_STYLE_FLOAT.test(plain)) {
    // ParseFloat fails (ErrRange) past the largest float64.
    const value = Number(plain);
    if (Number.isFinite(value)) return { tag: 'float', value };
  }
  // Out of range for ParseUint (not a syntax error: no sign), big.Int takes it.
  if (integer && !integer.signed) return { tag: 'int', value: integer.value, size: 'big' };
  return undefined;
}

/**
 * A plain scalar's text (or a tagged scalar's, with its tag) as go-yaml v2's `resolve(tag,
 * in)` resolves it, with the check its deferred function makes of an explicit tag. Throws a
 * {@link GoYamlError} where go-yaml fails (`!!int yes`).
 */
export function resolveGoYamlScalar(text: string, tag = ''): GoYamlScalar {
  if (tag !== '' && tag !== STR && tag !== BOOL && tag !== INT && tag !== FLOAT && tag !== NULL && tag !== TIMESTAMP) {
    // Not a resolvable tag: the text as is (an unknown tag, `!`, `!!binary` is decoded by the caller).
    return { tag: 'str', value: text };
  }
  const resolved = tag === STR ? { tag: 'str' as const, value: text } : resolveUntagged(text, tag);
  const wanted = tag === '' ? undefined : tag.slice(TAG.length);
  if (wanted === undefined || wanted === 'str' || wanted === resolved.tag) return resolved;
  if (wanted === 'float' && resolved.tag === 'int') return { tag: 'float', value: Number(resolved.value) };
  throw new GoYamlError(`cannot decode !!${resolved.tag} \`${text}\` as a !!${wanted}`);
}

function resolveUntagged(text: string, tag: string): GoYamlScalar {
  const hint = hintOf(text);
  if (hint === undefined) return { tag: 'str', value: text };
  const known = RESOLVE_MAP.get(text);
  if (known) return known;
  if (hint === '.') {
    if (DOT_FLOAT.test(text)) {
      const value = Number(text);
      if (Number.isFinite(value)) return { tag: 'float', value };
    }
  } else if (hint === 'D' || hint === 'S') {
    // A timestamp only when unquoted or tagged !!timestamp; decoded into interface{}, it is its text.
    if ((tag === '' || tag === TIMESTAMP) && isTimestamp(text)) return { tag: 'timestamp', value: text };
    const number = resolveNumber(text);
    if (number) return number;
  }
  return { tag: 'str', value: text };
}

/**
 * The JSON value of a resolved scalar, as encoding/json marshals it. Throws a
 * {@link GoYamlError} for the floats JSON cannot hold (`json: unsupported value: +Inf`).
 */
export function goYamlJsonValue(scalar: GoYamlScalar): null | boolean | number | string {
  switch (scalar.tag) {
    case 'null':
    case 'bool':
    case 'timestamp':
    case 'str':
      return scalar.value;
    case 'int':
      return Number(scalar.value);
    case 'float':
      if (!Number.isFinite(scalar.value)) {
        const shown = Number.isNaN(scalar.value) ? 'NaN' : scalar.value > 0 ? '+Inf' : '-Inf';
        throw new GoYamlError(`json: unsupported value: ${shown} (JSON has no such number)`);
      }
      return scalar.value;
  }
}

/**
 * strconv.FormatFloat(f, 'g', -1, 32): the shortest digits that give the same float32, in
 * exponent form when the exponent is below -4 or at least 6 (`1e+36`, `1.5e+06`).
 */
function formatFloat32(value: number): string {
  const f = Math.fround(value);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let digits = '';
  let exponent = 0;
  for (let precision = 1; precision <= 9; precision++) {
    const text = f.toExponential(precision - 1);
    if (Math.fround(Number(text)) === f) {
      const [mantissa, exp] = text.split('e');
      digits = mantissa.replace('-', '').replace('.', '');
      exponent = Number(exp);
      break;
    }
  }
  const sign = f < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The JSON member name of a resolved map key, as sigs.k8s.io/yaml's convertToJSONableObject
 * makes it. Throws a {@link GoYamlError} for the keys it refuses.
 */
export function goYamlJsonKey(scalar: GoYamlScalar): string {
  switch (scalar.tag) {
    case 'str':
    case 'timestamp':
      return scalar.value;
    case 'bool':
      return scalar.value ? 'true' : 'false';
    case 'int':
      if (scalar.size === 'int') return scalar.value.toString();
      throw new GoYamlError(`unsupported map key of type: ${scalar.size === 'uint' ? 'uint64' : '*big.Int'}`);
    case 'float': {
      // Formatted as a float32, whose range is smaller: 1e39 is `+Inf` there.
      const value = Math.fround(scalar.value);
      if (Number.isNaN(value)) return '.nan';
      if (value === Infinity) return '.inf';
      return value === -Infinity ? '-.inf' : formatFloat32(value);
    }
    case 'null':
      throw new GoYamlError('unsupported map key of type: <nil>');
  }
}

function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** go-yaml's read_line: a line break as it keeps it (CR LF, CR and NEL become LF; LS and PS stay). */
function lineBreakAt(raw: string, i: number): { text: string; length: number } {
  const c = raw[i];
  if (c === '\r') return { text: '\n', length: raw[i + 1] === '\n' ? 2 : 1 };
  if (c === '\u0085') return { text: '\n', length: 1 };
  return { text: c, length: 1 };
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  "'": "'",
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_LENGTHS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * The value of a double-quoted scalar from its text (quotes included), as go-yaml's scanner
 * (yaml_parser_scan_flow_scalar) reads it: its escapes, its line folding. Throws a
 * {@link GoYamlError} with the scanner's words, and the offset in `raw`.
 */
export function goYamlDoubleQuoted(raw: string): string {
  let s = '';
  let i = 1;
  let leadingBreak = '';
  let trailingBreaks = '';
  let whitespaces = '';
  for (;;) {
    let leadingBlanks = false;
    while (i < raw.length && !isBlank(raw[i]) && !isBreak(raw[i])) {
      const c = raw[i];
      if (c === '"') break;
      if (c === '\\' && isBreak(raw[i + 1])) {
        // An escaped line break.
        i += 1 + lineBreakAt(raw, i + 1).length;
        leadingBlanks = true;
        break;
      }
      if (c === '\\') {
        const e = raw[i + 1];
        const length = HEX_LENGTHS[e];
        if (length !== undefined) {
          const hex = raw.slice(i + 2, i + 2 + length);
          if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) {
            throw Object.assign(new GoYamlError('did not find expected hexdecimal number'), { offset: i });
          }
          const code = parseInt(hex, 16);
          if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
            throw Object.assign(new GoYamlError('found invalid Unicode character escape code'), { offset: i });
          }
          s += String.fromCodePoint(code);
          i += 2 + length;
        } else if (e !== undefined && Object.prototype.hasOwnProperty.call(ESCAPES, e)) {
          s += ESCAPES[e];
          i += 2;
        } else {
          throw Object.assign(new GoYamlError('found unknown escape character'), { offset: i });
        }
        continue;
      }
      s += c;
      i++;
    }
    if (i >= raw.length || raw[i] === '"') break;
    // Blanks and line breaks.
    while (isBlank(raw[i]) || isBreak(raw[i])) {
      if (isBlank(raw[i])) {
        if (!leadingBlanks) whitespaces += raw[i];
        i++;
      } else {
        const line = lineBreakAt(raw, i);
        if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak += line.text;
          leadingBlanks = true;
        } else {
          trailingBreaks += line.text;
        }
        i += line.length;
      }
    }
    if (leadingBlanks) {
      if (leadingBreak[0] === '\n') s += trailingBreaks === '' ? ' ' : trailingBreaks;
      else s += leadingBreak + trailingBreaks;
      leadingBreak = '';
      trailingBreaks = '';
    } else {
      s += whitespaces;
      whitespaces = '';
    }
  }
  return s;
}

/** The start of a document's content: a top-level key of interest, a document marker, other content. */
const FIRST_DOCUMENT =
  /^(?:(---|\.\.\.)(?=[ \t\r\n]|$)|(["']?)(apiVersion|kind|Resources)\2[ \t]*:(?=[ \t\r\n]|$)|[^\s#%])/gm;

/**
 * A cheap look at YAML text, before it is parsed: true if its first document (the first with
 * content) has the top-level keys `apiVersion` and `kind`, written in block style at the
 * start of their lines, and no `Resources` before them: a Kubernetes manifest, for
 * {@link parseKubernetesYaml}. A layout it does not recognize (flow style, an indented
 * document) gives false: the reader then parses the text as before and decodes it again if
 * it is a manifest after all.
 */
export function looksLikeKubernetesYaml(text: string): boolean {
  let content = false;
  let apiVersion = false;
  let kind = false;
  const re = new RegExp(FIRST_DOCUMENT.source, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) {
      // A document marker ends the first document once it has content.
      if (content) return false;
      continue;
    }
    content = true;
    if (m[3] === 'Resources') return false;
    if (m[3] === 'apiVersion') apiVersion = true;
    else if (m[3] === 'kind') kind = true;
    if (apiVersion && kind) return true;
  }
  return false;
}

interface LexerInternals {
  buffer: string;
  continueScalar(offset: number): number;
  parseQuotedScalar(): Generator<string, string>;
}

/**
 * A parser of the `yaml` package whose lexer continues a quoted scalar on any line, as
 * go-yaml's scanner does (it stops only at a document marker at the start of a line), where
 * YAML 1.2 and the package want the line indented more than the scalar's node. The package's
 * lexer has no option for it: its two methods are wrapped (`yaml` is pinned; the tests of
 * kubernetes-decoding pin the behaviour, so that an upgrade that moves them fails loudly).
 */
function goYamlParser(onNewLine: (offset: number) => void): Parser {
  const parser = new Parser(onNewLine);
  const lexer = (parser as unknown as { lexer?: LexerInternals }).lexer;
  if (!lexer || typeof lexer.continueScalar !== 'function' || typeof lexer.parseQuotedScalar !== 'function') {
    return parser;
  }
  const continueScalar = lexer.continueScalar;
  const parseQuotedScalar = lexer.parseQuotedScalar;
  let quoted = false;
  lexer.parseQuotedScalar = function* (this: LexerInternals) {
    quoted = true;
    try {
      return yield* parseQuotedScalar.call(this);
    } finally {
      quoted = false;
    }
  };
  lexer.continueScalar = function (this: LexerInternals, offset: number): number {
    if (!quoted) return continueScalar.call(this, offset);
    const marker = this.buffer.substr(offset, 3);
    const after = this.buffer[offset + 3];
    const blank = after === undefined || after === ' ' || after === '\t' || after === '\n' || after === '\r';
    return (marker === '---' || marker === '...') && blank ? -1 : offset;
  };
  return parser;
}

type Json = Record<string, unknown>;

/** Turns the syntax tree of one file's documents into JSON values, as kubectl would send them. */
class Decoder {
  private readonly anchors = new Map<string, Node>();
  private readonly values = new Map<Node, unknown>();
  private readonly open = new Set<Node>();
  private readonly path: (string | number)[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lines: LineCounter,
    /** True if the text holds a backslash: double-quoted scalars are then read again from their text. */
    private readonly escapes: boolean,
  ) {}

  /** Throws the one-line error of the readers: `FILE:LINE:COL: what`. */
  fail(offset: number, message: string): never {
    const pos = this.lines.linePos(offset);
    throw new SovereignLzError('INPUT_INVALID', `${this.file}:${pos.line}:${pos.col}: ${clipMessage(message)}`);
  }

  document(doc: Document): unknown {
    this.anchors.clear();
    this.values.clear();
    return this.value(doc.contents, 0);
  }

  private offsetOf(node: unknown): number {
    return (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  }

  private target(node: unknown): unknown {
    if (!isAlias(node)) return node;
    const target = this.anchors.get(node.source);
    if (target === undefined)
      this.fail(this.offsetOf(node), `not valid YAML: unknown anchor '${node.source}' referenced`);
    if (this.open.has(target)) {
      this.fail(this.offsetOf(node), `not valid YAML: anchor '${node.source}' value contains itself`);
    }
    return target;
  }

  private enter(node: Node): void {
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) this.anchors.set(anchor, node);
  }

  value(node: unknown, depth: number): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      // The anchored node, converted once (or now, if it was only merged so far).
      const target = this.target(node) as Node;
      return this.values.has(target) ? this.values.get(target) : this.convert(target, depth);
    }
    this.enter(node as Node);
    return this.convert(node as Node, depth);
  }

  private convert(n: Node, depth: number): unknown {
    if (depth > MAX_NESTING_DEPTH) {
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${this.file}: ${documentPathText(this.path)}: nested more than ${MAX_NESTING_DEPTH} levels deep`,
      );
    }
    let value: unknown;
    if (isScalar(n)) {
      value = this.scalarValue(n);
    } else if (isMap(n)) {
      this.open.add(n);
      const out: Json = {};
      this.fill(out, n, depth, new Set());
      this.open.delete(n);
      value = out;
    } else if (isSeq(n)) {
      this.open.add(n);
      value = n.items.map((item, i) => {
        this.path.push(i);
        const v = this.value(item, depth + 1);
        this.path.pop();
        return v;
      });
      this.open.delete(n);
    } else {
      this.fail(this.offsetOf(n), 'not valid YAML: an unexpected node');
    }
    if ((n as { anchor?: string }).anchor) this.values.set(n, value);
    return value;
  }

  /** Applies the pairs of `map` to `out` in turn, as go-yaml v2's decoder.mapping does. */
  private fill(out: Json, map: YAMLMap, depth: number, written: Set<string>): void {
    for (const pair of map.items) {
      if (this.isMerge(pair.key)) {
        this.merge(out, pair.value ?? pair.key, depth);
        continue;
      }
      const key = this.key(pair.key);
      if (written.has(key))
        this.fail(this.offsetOf(pair.key) || this.offsetOf(map), 'not valid YAML: Map keys must be unique');
      written.add(key);
      this.path.push(key);
      setOwn(out, key, this.value(pair.value, depth + 1));
      this.path.pop();
    }
  }

  /** decoder.merge: a mapping, or a sequence of mappings applied from the last (the first wins). */
  private merge(out: Json, node: unknown, depth: number): void {
    const wantMap = (at: unknown): never =>
      this.fail(this.offsetOf(at), 'not valid YAML: map merge requires map or sequence of maps as the value');
    const mapping = (item: unknown): YAMLMap => {
      const target = this.target(item);
      if (!isMap(target)) return wantMap(item);
      if (!isAlias(item)) this.enter(target);
      return target;
    };
    if (isSeq(node)) {
      this.enter(node);
      const maps = node.items.map(mapping);
      for (let i = maps.length - 1; i >= 0; i--) this.fill(out, maps[i], depth, new Set());
      return;
    }
    const map = isAlias(node) || isMap(node) ? mapping(node) : wantMap(node);
    this.open.add(map);
    this.fill(out, map, depth, new Set());
    this.open.delete(map);
  }

  /** isMerge: a plain `<<` without a tag, or any `<<` tagged !!merge. */
  private isMerge(key: unknown): boolean {
    if (!isScalar(key) || key.source !== '<<') return false;
    return key.tag === MERGE || (key.tag === undefined && key.type === Scalar.PLAIN);
  }

  private key(node: unknown): string {
    const target = this.target(node);
    if (target === null || target === undefined) {
      this.fail(this.offsetOf(node), 'kubectl cannot convert this YAML to JSON: unsupported map key of type: <nil>');
    }
    if (!isScalar(target)) this.fail(this.offsetOf(node), 'not valid YAML: invalid map key: a mapping or a sequence');
    try {
      return goYamlJsonKey(this.resolve(target));
    } catch (e) {
      if (e instanceof GoYamlError)
        this.fail(this.offsetOf(node), `kubectl cannot convert this YAML to JSON: ${e.message}`);
      throw e;
    }
  }

  private scalarValue(node: Scalar): unknown {
    try {
      return goYamlJsonValue(this.resolve(node));
    } catch (e) {
      if (e instanceof GoYamlError)
        this.fail(this.offsetOf(node), `kubectl cannot convert this YAML to JSON: ${e.message}`);
      throw e;
    }
  }

  /** decoder.scalar: an untagged quoted or block scalar is a string; the rest is resolved. */
  private resolve(node: Scalar): GoYamlScalar {
    const source = this.source(node);
    const tag = node.tag;
    if (tag === undefined && node.type !== Scalar.PLAIN) return { tag: 'str', value: source };
    if (tag === BINARY) {
      const base64 = source.replace(/[\r\n]/g, '');
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(base64)) {
        throw new GoYamlError('!!binary value contains invalid base64 data');
      }
      return { tag: 'str', value: Buffer.from(base64, 'base64').toString('utf8') };
    }
    return resolveGoYamlScalar(source, tag ?? '');
  }

  /** The scalar's text: a double-quoted one with a backslash read again from the file, as go-yaml reads it. */
  private source(node: Scalar): string {
    const source = typeof node.source === 'string' ? node.source : String(node.value);
    if (!this.escapes || node.type !== Scalar.QUOTE_DOUBLE || !node.range) return source;
    const [start, end] = node.range;
    // The scalar's own text only: a search of the rest of the file for each scalar would be quadratic.
    const raw = this.text.slice(start, end);
    if (!raw.includes('\\')) return source;
    try {
      return goYamlDoubleQuoted(raw);
    } catch (e) {
      if (!(e instanceof GoYamlError)) throw e;
      this.fail(start + ((e as { offset?: number }).offset ?? 0), `not valid YAML: ${e.message}`);
    }
  }
}

function thousands(count: number): string {
  if (count > Number.MAX_SAFE_INTEGER) return `more than 10^${Math.min(308, Math.floor(Math.log10(count)))}`;
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Parses the YAML text of a Kubernetes manifest file (every document) into the JSON values
 * kubectl would send to the API server; empty documents are left out. Throws a one-line
 * {@link SovereignLzError}: `FILE:LINE:COL: not valid YAML: …` for what go-yaml refuses,
 * `FILE:LINE:COL: kubectl cannot convert this YAML to JSON: …` for what sigs.k8s.io/yaml
 * refuses (`.inf`, a null key), and the bounds of the other readers (`INPUT_TOO_LARGE`, aliases
 * that would expand past {@link maxYamlNodes} nodes, nesting past {@link MAX_NESTING_DEPTH}).
 */
export function parseKubernetesYaml(text: string, file: string, maxFileBytes?: number): unknown[] {
  checkYamlSize(text, file, maxFileBytes);
  const lines = new LineCounter();
  const docs = withoutStackTraces(() => {
    const parser = goYamlParser(lines.addNewLine);
    const composer = new Composer({ schema: 'failsafe', uniqueKeys: false });
    return Array.from(composer.compose(parser.parse(text)));
  });
  const decoder = new Decoder(text, file, lines, text.includes('\\'));
  for (const doc of docs) {
    // go-yaml's escapes are checked when the scalar is read again (the package refuses `\'`).
    const error = doc.errors.find((e) => e.code !== 'BAD_DQ_ESCAPE');
    if (error) decoder.fail(error.pos[0], `not valid YAML: ${error.message}`);
  }
  const bounds = { file, code: 'INPUT_INVALID', kind: 'manifest' };
  const nodes = docs.reduce((sum, doc) => sum + countYamlNodes(doc, bounds), 0);
  const limit = maxYamlNodes(maxFileBytes);
  if (nodes > limit) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${file}: YAML aliases would expand to ${thousands(nodes)} nodes, over the limit of ${thousands(limit)} (a "billion laughs"?)`,
    );
  }
  return docs.map((doc) => decoder.document(doc)).filter((v) => v !== null);
}
