import type { LocalizedText } from '../../core';
import { isUnresolved, Unresolved } from '../normalize/intrinsics';
import { setOwn } from './input-files';

/** Terraform's meta-arguments (and cdktf's `//` metadata): never part of a resource's object. */
export const TERRAFORM_META_ARGUMENTS: readonly string[] = [
  '//',
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
  'timeouts',
];

/**
 * Evaluation of Terraform JSON expressions, as far as the configuration and its variable
 * values allow, so that the checker judges the values Terraform would send to the provider.
 *
 * What is evaluated, after Terraform's documentation (language/syntax/json, expressions/
 * strings, expressions/types, values/variables, values/locals, expressions/dynamic-blocks)
 * and HCL's JSON specification:
 *
 * - a JSON string where an expression is expected is a string template: `$${` and `%%{` are
 *   the escapes of `${` and `%{`; a template that is only one interpolation (`"${var.x}"`)
 *   gives the expression's value with its type, any other is a string (numbers and bools
 *   turned into text; a null, a list or an object in it is an error at plan);
 * - in `${…}`: literals (numbers, `true`, `false`, `null`, quoted strings, which are
 *   templates too, tuples and objects), `var.NAME`, `local.NAME`, the iterator of a dynamic
 *   block (`<iterator>.key`, `<iterator>.value`), attribute access (`.name`, `.0`) and
 *   indexing (`[0]`, `["key"]`); a reference to the name of a Kubernetes resource of the file
 *   (`kubernetes_namespace_v1.x.metadata[0].name`, a namespace's `.id`);
 * - `dynamic` blocks (`"dynamic": {"container": {"for_each": …, "iterator": …, "content":
 *   {…}}}`): one block per element of `for_each` (a map in the lexical order of its keys),
 *   after the blocks given before it. An unknown `for_each` gives one block whose iterator
 *   key and value are unknown, as HCL's dynblock extension does at plan: every attribute
 *   built from them is unknown, the others hold for every block the real `for_each` makes.
 *
 * Everything else (a function call, an operator, a conditional, a `for` expression, a splat,
 * a template directive, a resource attribute known only after apply, `each` and `count`,
 * a variable without a value, a cycle of locals, an error Terraform would stop the plan on) is
 * an {@link Unresolved} naming the expression and why, which the rules report as
 * `cannot-prove`, never as a pass. A value derived from a `sensitive` variable is never shown:
 * it is an `Unresolved` saying so, unless it is a bool used as such (the verdict on it is the
 * point of the check).
 *
 * Where a value came from a variable, the object holding it records its origin (variable,
 * source, locals it went through): see {@link originsOf} and {@link describeOrigins}.
 */

type Json = Record<string, unknown>;

/** Where the value of a variable came from, for messages. */
export interface ValueOrigin {
  /** The variable, e.g. `privileged`. */
  readonly variable: string;
  /** Its source: `terraform.tfvars`, `TF_VAR_privileged`, `--var-file prod.tfvars`, its default. */
  readonly source: LocalizedText;
  /** The locals the value went through, outermost first, e.g. `local.flags`. */
  readonly via: readonly string[];
  /** True if the variable is `sensitive`: its value is never shown. */
  readonly sensitive: boolean;
}

const ORIGINS = new WeakMap<object, Map<string, readonly ValueOrigin[]>>();

/** The origins of the value under `key` of an evaluated (or mapped) object; none for literals. */
export function originsOf(object: unknown, key: string): readonly ValueOrigin[] {
  if (typeof object !== 'object' || object === null) return [];
  return ORIGINS.get(object)?.get(key) ?? [];
}

/** Records the origins of the value under `key` of `object`. */
export function setOrigins(object: object, key: string, origins: readonly ValueOrigin[]): void {
  if (!origins.length) return;
  let byKey = ORIGINS.get(object);
  if (!byKey) ORIGINS.set(object, (byKey = new Map()));
  byKey.set(key, origins);
}

/** Copies the origins of `from[fromKey]` to `to[toKey]` (a value copied or renamed). */
export function copyOrigins(from: object, fromKey: string, to: object, toKey: string): void {
  const byKey = ORIGINS.get(from);
  const origins = byKey?.get(fromKey);
  if (origins) setOrigins(to, toKey, origins);
}

/** Copies the origins of every key of `from` to the same keys of `to` (a shallow copy). */
export function copyAllOrigins(from: object, to: object): void {
  const byKey = ORIGINS.get(from);
  if (byKey) for (const [key, origins] of byKey) setOrigins(to, key, origins);
}

/**
 * Where a value came from, in words, e.g. `from var.privileged, terraform.tfvars` (or `from
 * var.flags through local.hardening, its default`); undefined for a literal.
 */
export function describeOrigins(origins: readonly ValueOrigin[]): LocalizedText | undefined {
  const seen = new Set<string>();
  const unique = origins.filter((o) => {
    const key = `${o.variable}\u0000${o.source.en}\u0000${o.via.join(',')}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  if (!unique.length) return undefined;
  const one = (o: ValueOrigin, fr: boolean): string => {
    const via = o.via.length ? (fr ? ` (par ${o.via.join(', ')})` : ` (through ${o.via.join(', ')})`) : '';
    const sensitive = o.sensitive ? (fr ? ', sensible' : ', sensitive') : '';
    return `var.${o.variable}${via}${sensitive}, ${fr ? o.source.fr : o.source.en}`;
  };
  return {
    en: `from ${unique.map((o) => one(o, false)).join('; ')}`,
    fr: `issu de ${unique.map((o) => one(o, true)).join('; ')}`,
  };
}

/** The value of a declared variable, as Terraform would see it. */
export interface VariableBinding {
  /** False when no default, file, environment variable or `--var-file` gives it one. */
  readonly hasValue: boolean;
  /** The value (converted to the variable's type), or an `Unresolved`. */
  readonly value?: unknown;
  /** Where the value came from. */
  readonly source: LocalizedText;
  readonly sensitive: boolean;
}

/** What an expression may refer to. */
export interface EvaluationScope {
  /** Declared variables, by name. */
  readonly variables: ReadonlyMap<string, VariableBinding>;
  /** Local values, by name: their JSON expressions, evaluated when referred to. */
  readonly locals: ReadonlyMap<string, unknown>;
  /** The literal `metadata.name` of each Kubernetes resource of the file, by address `type.name`. */
  readonly resourceNames?: ReadonlyMap<string, string>;
  /** The names Kubernetes resource types whose `.id` is their name (namespaces). */
  readonly idIsName?: (type: string) => boolean;
}

/** The iterator of a dynamic block being expanded (and the ones around it). */
interface Frame {
  readonly name: string;
  readonly key: unknown;
  readonly value: unknown;
  readonly origins: readonly ValueOrigin[];
  readonly parent?: Frame;
}

// ---- Words ----

const NOT_EVALUATED: Record<string, LocalizedText> = {
  call: { en: 'a function call', fr: 'un appel de fonction' },
  conditional: { en: 'a conditional expression', fr: 'une expression conditionnelle' },
  for: { en: 'a for expression', fr: 'une expression for' },
  operation: { en: 'an operation', fr: 'une opération' },
  splat: { en: 'a splat expression', fr: 'une expression splat' },
  directive: { en: 'a template directive (%{…})', fr: 'une directive de modèle (%{…})' },
  heredoc: { en: 'a heredoc string', fr: 'une chaîne heredoc' },
  other: { en: 'an expression', fr: 'une expression' },
};

function notEvaluated(kind: string, detail?: string): LocalizedText {
  const what = NOT_EVALUATED[kind] ?? NOT_EVALUATED.other;
  const named = detail ? ` '${detail}'` : '';
  return {
    en: `${what.en}${named}, which the checker does not evaluate`,
    fr: `${what.fr}${named}, que le vérificateur n'évalue pas`,
  };
}

function planError(en: string, fr: string): LocalizedText {
  return { en: `an error at plan: ${en}`, fr: `une erreur au plan : ${fr}` };
}

/** `the Terraform expression 'TEXT'`, with why it is unknown when there is more to say. */
function expressionCause(text: string, why?: LocalizedText): LocalizedText {
  return why
    ? { en: `the Terraform expression '${text}' (${why.en})`, fr: `l'expression Terraform '${text}' (${why.fr})` }
    : { en: `the Terraform expression '${text}'`, fr: `l'expression Terraform '${text}'` };
}

/** Signals, inside an expression, why it cannot be evaluated (turned into an Unresolved by the template). */
class Unknown {
  constructor(public readonly why?: LocalizedText) {}
}

class NotEvaluated extends Error {
  constructor(public readonly why: LocalizedText) {
    super(why.en);
  }
}

// ---- Conversions (Terraform's, after go-cty's convert package) ----

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A string converted to a number as Terraform does (`"15"` → 15), else undefined. */
export function terraformNumber(text: string): number | undefined {
  if (!NUMBER_TEXT.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A string converted to a bool as Terraform does, else undefined: `"true"` and `"false"`, and
 * (go-cty's conversion, which Terraform uses) `"1"` and `"0"`; nothing else (`"yes"`, `"True"`).
 */
export function terraformBool(text: string): boolean | undefined {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

/** A number as Terraform writes it in a string. */
export function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/** A primitive as a template writes it; undefined for null, lists and objects (an error at plan). */
function templateText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/** True if `value` is a plain object (not an array, not null, not an Unresolved). */
export function isPlainJson(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Records `origins` on every key of every object inside a value taken from a variable. */
function tagDeep(value: unknown, origins: readonly ValueOrigin[], depth = 0): void {
  if (!origins.length || depth > 64) return;
  if (Array.isArray(value)) value.forEach((v) => tagDeep(v, origins, depth + 1));
  else if (isPlainJson(value)) {
    for (const key of Object.keys(value)) {
      setOrigins(value, key, origins);
      tagDeep(value[key], origins, depth + 1);
    }
  }
}

// ---- Scanning templates ----

/** The index of the `}` closing the interpolation whose content starts at `i`, or -1. */
function closeOfInterpolation(text: string, i: number): number {
  let depth = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = endOfQuoted(text, i + 1);
      if (i < 0) return -1;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
    i++;
  }
  return -1;
}

/** The index after the `"` closing the quoted string whose content starts at `i`, or -1. */
function endOfQuoted(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      if (text[i - 1] === c) {
        i += 2;
        continue;
      }
      const end = closeOfInterpolation(text, i + 2);
      if (end < 0) return -1;
      i = end + 1;
    } else i++;
  }
  return -1;
}

type TemplatePart = string | { readonly expr: string };

/** The parts of a template; undefined when it holds a directive or an unclosed interpolation. */
function templateParts(text: string): TemplatePart[] | 'directive' | 'unclosed' {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      literal += `${c}{`;
      i += 3;
    } else if (c === '%' && text[i + 1] === '{') {
      return 'directive';
    } else if (c === '$' && text[i + 1] === '{') {
      const end = closeOfInterpolation(text, i + 2);
      if (end < 0) return 'unclosed';
      let expr = text.slice(i + 2, end);
      if (expr.startsWith('~')) {
        literal = literal.replace(/\s+$/, '');
        expr = expr.slice(1);
      }
      let stripAfter = false;
      if (expr.endsWith('~')) {
        stripAfter = true;
        expr = expr.slice(0, -1);
      }
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ expr });
      i = end + 1;
      if (stripAfter) while (i < text.length && /\s/.test(text[i])) i++;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

// ---- Expressions ----

type Token =
  | { readonly t: 'num'; readonly v: number }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'id'; readonly v: string }
  | { readonly t: 'p'; readonly v: string };

const PUNCTUATION = ['...', '==', '!=', '<=', '>=', '&&', '||', '=>', '<<'];

function decodeEscapes(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === '"') {
      const end = endOfQuoted(text, i + 1);
      if (end < 0) throw new NotEvaluated(planError('an unterminated string', 'une chaîne non terminée'));
      tokens.push({ t: 'str', v: decodeEscapes(text.slice(i + 1, end - 1)) });
      i = end;
      continue;
    }
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (num) {
      tokens.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i, i + 256));
    if (id) {
      tokens.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const p = PUNCTUATION.find((q) => text.startsWith(q, i)) ?? c;
    if (p === '<<') throw new NotEvaluated(notEvaluated('heredoc'));
    tokens.push({ t: 'p', v: p });
    i += p.length;
  }
  return tokens;
}

type Step = { readonly attr: string } | { readonly index: Node } | { readonly legacy: number };

type Node =
  | { readonly k: 'lit'; readonly v: unknown }
  | { readonly k: 'tpl'; readonly v: string }
  | { readonly k: 'tuple'; readonly items: readonly Node[] }
  | { readonly k: 'object'; readonly items: ReadonlyArray<readonly [Node, Node]> }
  | { readonly k: 'ref'; readonly root: string; readonly steps: readonly Step[] };

const OPERATORS = new Set(['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!']);

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private isP(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.t === 'p' && t.v === v;
  }

  private expect(v: string): void {
    if (!this.isP(v)) this.unexpected();
    this.i++;
  }

  private unexpected(): never {
    const t = this.peek();
    if (t?.t === 'p' && t.v === '?') throw new NotEvaluated(notEvaluated('conditional'));
    if (t?.t === 'p' && OPERATORS.has(t.v)) throw new NotEvaluated(notEvaluated('operation'));
    throw new NotEvaluated(notEvaluated('other'));
  }

  public parseAll(): Node {
    const node = this.expression();
    if (this.i < this.tokens.length) this.unexpected();
    return node;
  }

  private expression(): Node {
    const node = this.postfix(this.primary());
    const next = this.peek();
    if (next?.t === 'p' && (next.v === '?' || OPERATORS.has(next.v))) this.unexpected();
    return node;
  }

  private primary(): Node {
    const t = this.peek();
    if (!t) this.unexpected();
    this.i++;
    if (t.t === 'num') return { k: 'lit', v: t.v };
    if (t.t === 'str') return { k: 'tpl', v: t.v };
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (this.isP('(') || (this.isP(':') && this.isP(':', 1))) {
        throw new NotEvaluated(notEvaluated('call', t.v));
      }
      return { k: 'ref', root: t.v, steps: [] };
    }
    switch (t.v) {
      case '(': {
        const inner = this.expression();
        this.expect(')');
        return inner;
      }
      case '-': {
        const n = this.peek();
        if (n?.t !== 'num') this.unexpected();
        this.i++;
        return { k: 'lit', v: -n.v };
      }
      case '[': {
        if (this.peek()?.t === 'id' && this.peek()?.v === 'for') throw new NotEvaluated(notEvaluated('for'));
        const items: Node[] = [];
        while (!this.isP(']')) {
          items.push(this.expression());
          if (!this.isP(']')) this.expect(',');
        }
        this.i++;
        return { k: 'tuple', items };
      }
      case '{': {
        if (this.peek()?.t === 'id' && this.peek()?.v === 'for') throw new NotEvaluated(notEvaluated('for'));
        const items: Array<[Node, Node]> = [];
        while (!this.isP('}')) {
          const k = this.peek();
          let key: Node;
          if (k?.t === 'id' && (this.isP('=', 1) || this.isP(':', 1))) {
            this.i++;
            key = { k: 'lit', v: k.v };
          } else key = this.expression();
          if (this.isP('=') || this.isP(':')) this.i++;
          else this.unexpected();
          items.push([key, this.expression()]);
          if (this.isP(',')) this.i++;
        }
        this.i++;
        return { k: 'object', items };
      }
      default:
        this.i--;
        return this.unexpected();
    }
  }

  private postfix(node: Node): Node {
    const steps: Step[] = [];
    for (;;) {
      if (this.isP('.')) {
        const next = this.peek(1);
        if (next?.t === 'id') steps.push({ attr: next.v });
        else if (next?.t === 'num' && Number.isInteger(next.v)) steps.push({ legacy: next.v });
        else if (next?.t === 'p' && next.v === '*') throw new NotEvaluated(notEvaluated('splat'));
        else this.unexpected();
        this.i += 2;
      } else if (this.isP('[')) {
        if (this.isP('*', 1)) throw new NotEvaluated(notEvaluated('splat'));
        this.i++;
        const index = this.expression();
        this.expect(']');
        steps.push({ index });
      } else break;
    }
    if (!steps.length) return node;
    if (node.k === 'ref') return { k: 'ref', root: node.root, steps: [...node.steps, ...steps] };
    // A literal indexed: `[1, 2][0]`, `{a = 1}.a`.
    return { k: 'ref', root: '', steps: [{ index: node }, ...steps] };
  }
}

function stepText(step: Step): string {
  if ('attr' in step) return `.${step.attr}`;
  if ('legacy' in step) return `.${step.legacy}`;
  return '[…]';
}

// ---- The evaluator ----

/**
 * Evaluates the expressions of one Terraform JSON configuration. One evaluator serves one
 * file: local values are evaluated once, when first referred to.
 */
export class TerraformEvaluator {
  private readonly localValues = new Map<string, { value: unknown; origins: readonly ValueOrigin[] }>();
  private readonly evaluating: string[] = [];
  /** What makes the configuration invalid (a malformed dynamic block…). */
  public readonly problems: string[] = [];

  constructor(private readonly scope: EvaluationScope) {}

  /**
   * Evaluates a block body (a resource's configuration, or a nested block): every attribute
   * value is an expression, every `dynamic` block is expanded. Keys in `skip` are left out.
   */
  public body(body: Json, skip?: ReadonlySet<string>): Json {
    return this.object(body, undefined, skip);
  }

  /** Evaluates one JSON value where an expression is expected; `origins` receives its variables. */
  public value(json: unknown, origins: ValueOrigin[] = []): unknown {
    return this.evaluate(json, undefined, origins);
  }

  private evaluate(json: unknown, frame: Frame | undefined, origins: ValueOrigin[]): unknown {
    if (typeof json === 'string') return this.template(json, frame, origins);
    if (Array.isArray(json)) return json.map((v) => this.evaluate(v, frame, origins));
    if (isPlainJson(json)) return this.object(json, frame);
    return json;
  }

  private object(json: Json, frame: Frame | undefined, skip?: ReadonlySet<string>): Json {
    const out: Json = {};
    let expanded: Set<string> | undefined;
    for (const key of Object.keys(json)) {
      if (skip?.has(key)) continue;
      const raw = json[key];
      if (key === 'dynamic' && isDynamicBlocks(raw)) {
        expanded ??= new Set();
        this.expandDynamic(raw, out, frame, expanded);
        continue;
      }
      const origins: ValueOrigin[] = [];
      const value = this.evaluate(raw, frame, origins);
      if (expanded?.has(key)) {
        setOwn(out, key, [...blockList(out[key]), ...blockList(value)]);
        continue;
      }
      setOwn(out, key, value);
      setOrigins(out, key, origins);
    }
    return out;
  }

  /** Appends the blocks of a `dynamic` property to `out`, after the blocks of the same type before it. */
  private expandDynamic(raw: unknown, out: Json, frame: Frame | undefined, expanded: Set<string>): void {
    const groups = Array.isArray(raw) ? raw : [raw];
    for (const group of groups as Json[]) {
      for (const label of Object.keys(group)) {
        const specs = Array.isArray(group[label]) ? (group[label] as unknown[]) : [group[label]];
        for (const spec of specs) {
          const blocks = this.dynamicBlocks(label, spec, frame);
          if (!blocks.length && !Object.prototype.hasOwnProperty.call(out, label)) continue;
          setOwn(out, label, [...blockList(out[label]), ...blocks]);
          expanded.add(label);
        }
      }
    }
  }

  private dynamicBlocks(label: string, spec: unknown, frame: Frame | undefined): Json[] {
    if (!isPlainJson(spec) || !isPlainJson(spec.content)) {
      this.problems.push(`dynamic "${label}": a dynamic block needs a content block`);
      return [];
    }
    const content = spec.content;
    const iterator = spec.iterator === undefined ? label : spec.iterator;
    if (typeof iterator !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(iterator)) {
      this.problems.push(`dynamic "${label}": iterator must name a variable`);
      return [];
    }
    const origins: ValueOrigin[] = [];
    const collection = spec.for_each === undefined ? undefined : this.evaluate(spec.for_each, frame, origins);
    const block = (key: unknown, value: unknown): Json =>
      this.object(content, { name: iterator, key, value, origins, parent: frame });
    if (Array.isArray(collection)) return collection.map((v, i) => block(i, v));
    if (isPlainJson(collection)) {
      return Object.keys(collection)
        .sort()
        .map((k) => block(k, collection[k]));
    }
    // Unknown, or an error at plan (no for_each, null, a single value): one block of unknowns.
    const why: LocalizedText = isUnresolved(collection)
      ? {
          en: `a value of the dynamic blocks '${label}', whose for_each is ${collection.describe('en')}`,
          fr: `une valeur des blocs dynamiques '${label}', dont le for_each est ${collection.describe('fr')}`,
        }
      : {
          en: `a value of the dynamic blocks '${label}', whose for_each is not a list or a map (an error at plan)`,
          fr: `une valeur des blocs dynamiques '${label}', dont le for_each n'est ni une liste ni une table (une erreur au plan)`,
        };
    const unknown = new Unresolved([why], [], `\${${iterator}.value}`);
    return [block(unknown, unknown)];
  }

  /** A JSON string in an expression: a template. */
  private template(text: string, frame: Frame | undefined, origins: ValueOrigin[]): unknown {
    // Most strings hold no `${` or `%{` at all (nor their escapes): returned as they are.
    if (!text.includes('{')) return text;
    const parts = templateParts(text);
    if (parts === 'directive') return new Unresolved([expressionCause(text, notEvaluated('directive'))], [], text);
    if (parts === 'unclosed') {
      return new Unresolved(
        [expressionCause(text, planError('an unclosed interpolation', 'une interpolation non fermée'))],
        [],
        text,
      );
    }
    if (parts.length === 1 && typeof parts[0] !== 'string') {
      const value = this.interpolation(parts[0].expr, text, frame, origins);
      return isUnresolved(value) ? new Unresolved(value.localizedCauses, value.refs, text) : value;
    }
    let out = '';
    const unknown: Unresolved[] = [];
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const own: ValueOrigin[] = [];
      const value = this.interpolation(part.expr, text, frame, own);
      origins.push(...own);
      if (isUnresolved(value)) unknown.push(value);
      else if (own.some((o) => o.sensitive)) unknown.push(this.sensitive(text, own));
      else {
        const piece = templateText(value);
        if (piece === undefined) {
          const what =
            value === null ? ['a null value', 'une valeur nulle'] : ['a list or an object', 'une liste ou un objet'];
          unknown.push(
            new Unresolved([
              expressionCause(
                text,
                planError(`${what[0]} cannot be part of a string`, `${what[1]} ne peut faire partie d'une chaîne`),
              ),
            ]),
          );
        } else out += piece;
      }
    }
    if (!unknown.length) return out;
    const causes = new Map<string, LocalizedText>();
    const refs = new Set<string>();
    for (const u of unknown) {
      u.localizedCauses.forEach((c) => causes.set(c.en, c));
      u.refs.forEach((r) => refs.add(r));
    }
    return new Unresolved([...causes.values()], [...refs], text);
  }

  private sensitive(text: string, origins: readonly ValueOrigin[]): Unresolved {
    const names = [...new Set(origins.filter((o) => o.sensitive).map((o) => `var.${o.variable}`))].join(', ');
    return new Unresolved(
      [
        expressionCause(text, {
          en: `it holds the sensitive variable ${names}, whose value is not shown`,
          fr: `elle contient la variable sensible ${names}, dont la valeur n'est pas montrée`,
        }),
      ],
      [],
      text,
    );
  }

  /** The value of the expression of one `${…}` of `text`. */
  private interpolation(expr: string, text: string, frame: Frame | undefined, origins: ValueOrigin[]): unknown {
    let node: Node;
    try {
      node = new Parser(tokenize(expr)).parseAll();
    } catch (e) {
      if (e instanceof NotEvaluated) return new Unresolved([expressionCause(text, e.why)], [], text);
      throw e;
    }
    const own: ValueOrigin[] = [];
    const value = this.node(node, frame, own);
    origins.push(...own);
    if (value instanceof Unknown) return new Unresolved([expressionCause(text, value.why)], [], text);
    if (isUnresolved(value)) return value;
    if (typeof value !== 'boolean' && own.some((o) => o.sensitive)) return this.sensitive(text, own);
    return value;
  }

  private node(node: Node, frame: Frame | undefined, origins: ValueOrigin[]): unknown {
    switch (node.k) {
      case 'lit':
        return node.v;
      case 'tpl':
        return this.template(node.v, frame, origins);
      case 'tuple': {
        const items = node.items.map((n) => this.node(n, frame, origins));
        return items.find((v) => v instanceof Unknown) ?? items;
      }
      case 'object': {
        const out: Json = {};
        for (const [k, v] of node.items) {
          const key = this.node(k, frame, origins);
          if (key instanceof Unknown || isUnresolved(key)) return key;
          const text = templateText(key);
          if (text === undefined)
            return new Unknown(planError('an object key must be a string', 'une clé doit être une chaîne'));
          const value = this.node(v, frame, origins);
          if (value instanceof Unknown) return value;
          setOwn(out, text, value);
        }
        return out;
      }
      case 'ref':
        return this.reference(node, frame, origins);
    }
  }

  private reference(node: Extract<Node, { k: 'ref' }>, frame: Frame | undefined, origins: ValueOrigin[]): unknown {
    const { root, steps } = node;
    const first = steps[0];
    const name = first && 'attr' in first ? first.attr : undefined;
    let value: unknown;
    const rest = steps.slice(1);
    let own: readonly ValueOrigin[] = [];
    if (root === '') {
      value = this.node((first as { index: Node }).index, frame, origins);
      if (value instanceof Unknown) return value;
    } else if (root === 'var') {
      if (name === undefined)
        return new Unknown(planError('var must be followed by a name', 'var doit être suivi d’un nom'));
      const binding = this.scope.variables.get(name);
      if (!binding) {
        return new Unknown({
          en: `var.${name} is declared in no variable block of this file`,
          fr: `var.${name} n'est déclarée dans aucun bloc variable de ce fichier`,
        });
      }
      if (!binding.hasValue) return new Unknown();
      own = [{ variable: name, source: binding.source, via: [], sensitive: binding.sensitive }];
      value = binding.value;
    } else if (root === 'local') {
      if (name === undefined)
        return new Unknown(planError('local must be followed by a name', 'local doit être suivi d’un nom'));
      const local = this.local(name);
      if (local instanceof Unknown) return local;
      value = local.value;
      own = local.origins.map((o) => ({ ...o, via: [`local.${name}`, ...o.via] }));
    } else {
      let f = frame;
      while (f && f.name !== root) f = f.parent;
      if (f) {
        if (name !== 'key' && name !== 'value') {
          return new Unknown(planError(`${root} has only key and value`, `${root} n'a que key et value`));
        }
        value = name === 'key' ? f.key : f.value;
        own = f.origins;
      } else return this.outside(root, steps);
    }
    const fromSteps: ValueOrigin[] = [];
    for (const step of rest) {
      if (isUnresolved(value)) break;
      value = this.step(value, step, frame, fromSteps);
      if (value instanceof Unknown) return value;
    }
    // A value read inside a local's object came from the variables of that object's keys.
    own = [
      ...own,
      ...(root === 'local' ? fromSteps.map((o) => ({ ...o, via: [`local.${name}`, ...o.via] })) : fromSteps),
    ];
    origins.push(...own);
    if (!isUnresolved(value) && typeof value === 'object' && value !== null) tagDeep(value, own);
    return value;
  }

  /** One attribute access or index on a known value. */
  private step(value: unknown, step: Step, frame: Frame | undefined, origins: ValueOrigin[]): unknown {
    let key: unknown;
    if ('attr' in step) key = step.attr;
    else if ('legacy' in step) key = step.legacy;
    else {
      key = this.node(step.index, frame, origins);
      if (key instanceof Unknown || isUnresolved(key)) return key;
    }
    if (Array.isArray(value)) {
      const n = typeof key === 'number' ? key : typeof key === 'string' ? terraformNumber(key) : undefined;
      if (n === undefined || !Number.isInteger(n) || n < 0 || n >= value.length) {
        return new Unknown(
          planError(`index ${String(key)} is not in the list`, `l'indice ${String(key)} n'est pas dans la liste`),
        );
      }
      return value[n];
    }
    if (isPlainJson(value)) {
      const k = templateText(key);
      if (k !== undefined && Object.prototype.hasOwnProperty.call(value, k)) {
        origins.push(...originsOf(value, k));
        return value[k];
      }
      return new Unknown(planError(`no attribute or key '${String(key)}'`, `aucun attribut ni clé '${String(key)}'`));
    }
    return new Unknown(
      planError(`'${stepText(step)}' on a value that has none`, `'${stepText(step)}' sur une valeur qui n'en a pas`),
    );
  }

  /** A reference to something outside the configuration's values: a resource, data, each, count… */
  private outside(root: string, steps: readonly Step[]): unknown {
    const name = steps[0] && 'attr' in steps[0] ? steps[0].attr : undefined;
    if (root === 'each' || root === 'count') {
      return new Unknown({
        en: `${root}.* of a resource with ${root === 'each' ? 'for_each' : 'count'}: its instances are not expanded`,
        fr: `${root}.* d'une ressource avec ${root === 'each' ? 'for_each' : 'count'} : ses instances ne sont pas développées`,
      });
    }
    if (name !== undefined && /^kubernetes_/.test(root)) {
      const address = `${root}.${name}`;
      const path = steps.slice(1).map(stepText).join('');
      const isName = /^\.metadata(\[…\]|\.0)?\.name$/.test(path) && this.isFirst(steps);
      const isId = path === '.id' && (this.scope.idIsName?.(root) ?? false);
      const known = this.scope.resourceNames?.get(address);
      if ((isName || isId) && known !== undefined) return known;
    }
    if (root === 'path' || root === 'terraform') {
      return new Unknown({
        en: `${root}.${name ?? ''}, which depends on where and how Terraform runs`,
        fr: `${root}.${name ?? ''}, qui dépend d'où et de comment Terraform s'exécute`,
      });
    }
    const second = steps[1] && 'attr' in steps[1] ? `.${steps[1].attr}` : '';
    const what = name === undefined ? root : root === 'data' ? `data.${name}${second}` : `${root}.${name}`;
    return new Unknown({
      en: `a value of ${what}, known only when Terraform applies the configuration`,
      fr: `une valeur de ${what}, connue seulement quand Terraform applique la configuration`,
    });
  }

  /** True if the index step of `metadata[…]` (if any) is the literal 0. */
  private isFirst(steps: readonly Step[]): boolean {
    const index = steps[2];
    if (!index || !('index' in index)) return true;
    return index.index.k === 'lit' && index.index.v === 0;
  }

  private local(name: string): { value: unknown; origins: readonly ValueOrigin[] } | Unknown {
    const done = this.localValues.get(name);
    if (done) return done;
    if (!this.scope.locals.has(name)) {
      return new Unknown({
        en: `local.${name} is defined in no locals block of this file`,
        fr: `local.${name} n'est définie dans aucun bloc locals de ce fichier`,
      });
    }
    const at = this.evaluating.indexOf(name);
    if (at >= 0) {
      const cycle = [...this.evaluating.slice(at), name].map((n) => `local.${n}`).join(' → ');
      return new Unknown(planError(`a cycle of locals (${cycle})`, `un cycle de locals (${cycle})`));
    }
    this.evaluating.push(name);
    const origins: ValueOrigin[] = [];
    let value: unknown;
    try {
      value = this.evaluate(this.scope.locals.get(name), undefined, origins);
    } finally {
      this.evaluating.pop();
    }
    const result = { value, origins };
    this.localValues.set(name, result);
    return result;
  }
}

/** True if a `dynamic` property holds dynamic blocks (`{label: {for_each, content}}`), not data. */
function isDynamicBlocks(value: unknown): boolean {
  const groups = Array.isArray(value) ? value : [value];
  return (
    groups.length > 0 &&
    groups.every(
      (g) =>
        isPlainJson(g) &&
        Object.values(g).every((spec) =>
          (Array.isArray(spec) ? spec : [spec]).every((s) => isPlainJson(s) && ('content' in s || 'for_each' in s)),
        ),
    )
  );
}

/** Blocks given as one object or as a list, as a list. */
function blockList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
