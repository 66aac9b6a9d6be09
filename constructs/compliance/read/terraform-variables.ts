import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readDeclarationText, SovereignLzError, type LocalizedText } from '../../core';
import { isUnresolved, Unresolved } from '../normalize/intrinsics';
import { setOwn } from './input-files';
import { isJsonObject } from './kubernetes-source';
import {
  isPlainJson,
  numberText,
  terraformBool,
  terraformNumber,
  TerraformEvaluator,
  type VariableBinding,
} from './terraform-eval';

/**
 * The values of a Terraform configuration's input variables, as `terraform plan` would take
 * them in the directory of the file (Terraform's documentation, language/values/variables,
 * "Variable Definition Precedence"): later sources win, in this order —
 *
 * 1. the variable's `default` (a literal JSON value: its strings are not templates);
 * 2. `TF_VAR_<name>` environment variables (the name exactly as declared), taken as a literal
 *    string unless the variable's type is a list, set, map, object or tuple, when the text is
 *    parsed as in a variable definitions file;
 * 3. `terraform.tfvars`, then `terraform.tfvars.json`, beside the file;
 * 4. `*.auto.tfvars` and `*.auto.tfvars.json` beside the file, in the lexical order of their names;
 * 5. each `--var-file` given to `check`, in the order given.
 *
 * The value is then converted to the variable's `type` (`string`, `number`, `bool`, `list(…)`,
 * `set(…)`, `map(…)`; objects, tuples and `any` are taken as given): a value Terraform could not
 * convert is an error at plan, an {@link Unresolved}. A variable with no value at all is one
 * too (Terraform would ask for it). Values assigned to variables the file does not declare are
 * ignored, as Terraform ignores those of the environment (it warns about files).
 *
 * `.tfvars` files are HCL: this module reads the literal values such files hold (strings with
 * their escapes, heredocs, numbers, bools, null, lists and objects, comments). A value written as
 * any other expression (a function call, a template with `${…}`, an operator) is an
 * `Unresolved`, never guessed. No npm HCL parser fits: `@cdktf/hcl2json` is asynchronous (a Go
 * WebAssembly module of 2 MiB) while the checker reads synchronously, and the compliance engine
 * imports nothing of cdktf; `hcl2-parser` is a GopherJS build of several MiB by one author.
 */

type Json = Record<string, unknown>;

/** The values one source assigns to variables. */
export interface VariableValues {
  /** The source as messages name it, e.g. `terraform.tfvars`, `--var-file prod.tfvars`. */
  readonly source: string;
  /** The values by variable name: JSON values, or an `Unresolved` for an expression not evaluated. */
  readonly values: ReadonlyMap<string, unknown>;
}

/** The values of variables given from outside a Terraform configuration. */
export interface TerraformVariableInputs {
  /**
   * The environment, for `TF_VAR_<name>`.
   * @default - none
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Variable definitions files, lowest precedence first (`terraform.tfvars`, …, `--var-file`s).
   * @default - none
   */
  readonly files?: readonly VariableValues[];
}

const DEFAULT_SOURCE: LocalizedText = { en: 'its default', fr: 'sa valeur par défaut' };

// ---- Types ----

type TypeSpec =
  | 'string'
  | 'number'
  | 'bool'
  | 'any'
  | 'structural'
  | { readonly collection: 'list' | 'set' | 'map'; readonly element: TypeSpec };

/** A type constraint (`"list(string)"`, legacy `"map"`); `any` when absent or not understood. */
function parseType(text: unknown): TypeSpec {
  if (typeof text !== 'string') return 'any';
  const t = text.replace(/\s+/g, '');
  if (t === 'string' || t === 'number' || t === 'bool' || t === 'any') return t;
  if (t === 'list' || t === 'set' || t === 'map') return { collection: t, element: 'any' };
  const m = /^(list|set|map)\((.*)\)$/.exec(t);
  if (m) return { collection: m[1] as 'list' | 'set' | 'map', element: parseType(m[2]) };
  if (/^(object|tuple)\(/.test(t)) return 'structural';
  return 'any';
}

function typeName(type: TypeSpec): string {
  if (typeof type === 'string') return type === 'structural' ? 'object or tuple' : type;
  return `${type.collection}(${typeName(type.element)})`;
}

function isComplex(type: TypeSpec): boolean {
  return typeof type !== 'string' || type === 'structural';
}

const NOT_CONVERTIBLE = Symbol('not convertible');

/** `value` converted to `type` as Terraform converts it, or NOT_CONVERTIBLE. */
function convert(value: unknown, type: TypeSpec): unknown {
  if (value === null || isUnresolved(value) || type === 'any' || type === 'structural') return value;
  if (type === 'string') {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return numberText(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return NOT_CONVERTIBLE;
  }
  if (type === 'number') {
    if (typeof value === 'number') return value;
    return (typeof value === 'string' ? terraformNumber(value) : undefined) ?? NOT_CONVERTIBLE;
  }
  if (type === 'bool') {
    if (typeof value === 'boolean') return value;
    return (typeof value === 'string' ? terraformBool(value) : undefined) ?? NOT_CONVERTIBLE;
  }
  if (type.collection === 'map') {
    if (!isPlainJson(value)) return NOT_CONVERTIBLE;
    const out: Json = {};
    for (const key of Object.keys(value)) {
      const v = convert(value[key], type.element);
      if (v === NOT_CONVERTIBLE) return v;
      setOwn(out, key, v);
    }
    return out;
  }
  if (!Array.isArray(value)) return NOT_CONVERTIBLE;
  const items = value.map((v) => convert(v, type.element));
  return items.includes(NOT_CONVERTIBLE) ? NOT_CONVERTIBLE : items;
}

// ---- Declarations and values ----

/** `variable` (or `locals`) is an object, or (Terraform JSON allows it) an array of objects. */
function groups(value: unknown, where: string): [string, unknown][] {
  if (value === undefined || value === null) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.flatMap((group) => {
    if (!isJsonObject(group)) throw new SovereignLzError('INPUT_INVALID', `${where} must be an object`);
    return Object.entries(group);
  });
}

/** The local values of a Terraform JSON document (`locals`), by name: their expressions. */
export function localsOf(doc: Json, file: string): Map<string, unknown> {
  const locals = new Map<string, unknown>();
  for (const [name, expression] of groups(doc.locals, `${file}: locals`)) {
    if (!locals.has(name)) locals.set(name, expression);
  }
  return locals;
}

/**
 * The value of each variable the document declares, after the sources of `inputs` in
 * Terraform's order of precedence, converted to its type.
 */
export function bindVariables(doc: Json, file: string, inputs: TerraformVariableInputs): Map<string, VariableBinding> {
  const out = new Map<string, VariableBinding>();
  for (const [name, raw] of groups(doc.variable, `${file}: variable`)) {
    if (out.has(name)) continue;
    const body = Array.isArray(raw) ? raw[0] : raw;
    const declaration: Json = isJsonObject(body) ? body : {};
    const type = parseType(declaration.type);
    const sensitive = declaration.sensitive === true;
    const hasDefault = Object.prototype.hasOwnProperty.call(declaration, 'default');
    let value: unknown = hasDefault ? declaration.default : undefined;
    let source: LocalizedText | undefined = hasDefault ? DEFAULT_SOURCE : undefined;
    const env = inputs.env?.[`TF_VAR_${name}`];
    if (env !== undefined) {
      const key = `TF_VAR_${name}`;
      value = isComplex(type) ? parseHclValue(env, name, key) : env;
      source = { en: key, fr: key };
    }
    for (const f of inputs.files ?? []) {
      if (f.values.has(name)) {
        value = f.values.get(name);
        source = { en: f.source, fr: f.source };
      }
    }
    if (value === null && declaration.nullable === false && hasDefault) {
      value = declaration.default;
      source = DEFAULT_SOURCE;
    }
    if (source === undefined) {
      out.set(name, { hasValue: false, source: { en: 'no value', fr: 'aucune valeur' }, sensitive });
      continue;
    }
    let converted = convert(value, type);
    if (converted === NOT_CONVERTIBLE) {
      const shown = sensitive ? '' : ` (${JSON.stringify(value)})`;
      converted = new Unresolved([
        {
          en: `var.${name}: the value from ${source.en}${shown} is not a ${typeName(type)}, which Terraform refuses at plan`,
          fr: `var.${name} : la valeur venue de ${source.fr}${shown} n'est pas de type ${typeName(type)}, ce que Terraform refuse au plan`,
        },
      ]);
    }
    out.set(name, { hasValue: true, value: converted, source, sensitive });
  }
  return out;
}

// ---- Variable definitions files ----

/** Why a tfvars value is not read: an expression the checker does not evaluate. */
class NotLiteral extends Error {}

/**
 * Reads the literal values of HCL variable definitions (`name = value` lines), or the value
 * of one `TF_VAR_` of a complex type when `only` names it.
 */
class TfvarsParser {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly shown: string,
  ) {}

  private fail(what: string): never {
    const line = this.text.slice(0, this.i).split('\n').length;
    throw new SovereignLzError('INPUT_INVALID', `${this.shown}: line ${line}: ${what}`);
  }

  /** Skips spaces, tabs and comments; newlines too when `newlines`. */
  private skip(newlines: boolean): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i++;
      else if (c === '#' || (c === '/' && t[this.i + 1] === '/')) {
        while (this.i < t.length && t[this.i] !== '\n') this.i++;
      } else if (c === '/' && t[this.i + 1] === '*') {
        const end = t.indexOf('*/', this.i + 2);
        if (end < 0) this.fail('unterminated comment');
        this.i = end + 2;
      } else break;
    }
  }

  /** Every assignment of the file. */
  public assignments(): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (;;) {
      this.skip(true);
      if (this.i >= this.text.length) return out;
      const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.i, this.i + 256))?.[0];
      if (!name) this.fail('expected a variable name');
      this.i += name.length;
      this.skip(false);
      if (this.text[this.i] !== '=') this.fail(`expected '=' after ${name}`);
      this.i++;
      if (out.has(name)) this.fail(`variable ${name} is assigned twice (Terraform refuses it)`);
      out.set(name, this.assignedValue(name));
      this.skip(false);
      if (this.i < this.text.length && this.text[this.i] !== '\n')
        this.fail(`unexpected text after the value of ${name}`);
    }
  }

  /** One value, as a whole text (`TF_VAR_` of a complex type). */
  public single(name: string): unknown {
    const value = this.assignedValue(name);
    this.skip(true);
    if (this.i < this.text.length) {
      return this.notLiteral(name);
    }
    return value;
  }

  private notLiteral(name: string): Unresolved {
    return new Unresolved([
      {
        en: `the value of var.${name} in ${this.shown}, an expression the checker does not evaluate`,
        fr: `la valeur de var.${name} dans ${this.shown}, une expression que le vérificateur n'évalue pas`,
      },
    ]);
  }

  /** The value after `name =`: a literal, or an Unresolved for anything else (skipped to its end). */
  private assignedValue(name: string): unknown {
    this.skip(false);
    const start = this.i;
    try {
      const value = this.value();
      this.skip(false);
      const next = this.text[this.i];
      if (next !== undefined && next !== '\n') throw new NotLiteral();
      return value;
    } catch (e) {
      if (!(e instanceof NotLiteral)) throw e;
      this.i = start;
      this.skipExpression();
      return this.notLiteral(name);
    }
  }

  /** Skips an expression to the end of its line, across brackets and strings. */
  private skipExpression(): void {
    const t = this.text;
    let depth = 0;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '"') this.skipQuoted();
      else if (c === '<' && t[this.i + 1] === '<' && /^<<-?[A-Za-z_]/.test(t.slice(this.i, this.i + 4))) this.heredoc();
      else if (c === '#' || (c === '/' && (t[this.i + 1] === '/' || t[this.i + 1] === '*'))) this.skip(false);
      else if (c === '\n' && depth === 0) return;
      else {
        if ('([{'.includes(c)) depth++;
        else if (')]}'.includes(c)) depth--;
        this.i++;
      }
    }
  }

  private value(): unknown {
    const t = this.text;
    const c = t[this.i];
    if (c === '"') return this.quoted();
    if (c === '<' && t[this.i + 1] === '<') return this.heredoc();
    if (c === '[') {
      this.i++;
      const items: unknown[] = [];
      for (;;) {
        this.skip(true);
        if (t[this.i] === ']') break;
        items.push(this.value());
        this.skip(true);
        if (t[this.i] === ',') this.i++;
        else if (t[this.i] !== ']') throw new NotLiteral();
      }
      this.i++;
      return items;
    }
    if (c === '{') {
      this.i++;
      const out: Json = {};
      for (;;) {
        this.skip(true);
        if (t[this.i] === '}') break;
        let key: string;
        if (t[this.i] === '"') {
          const k = this.quoted();
          if (typeof k !== 'string') throw new NotLiteral();
          key = k;
        } else {
          const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(t.slice(this.i, this.i + 256))?.[0];
          if (!id) throw new NotLiteral();
          key = id;
          this.i += id.length;
        }
        this.skip(false);
        if (t[this.i] !== '=' && t[this.i] !== ':') throw new NotLiteral();
        this.i++;
        this.skip(false);
        setOwn(out, key, this.value());
        this.skip(false);
        if (t[this.i] === ',') this.i++;
        else if (t[this.i] !== '\n' && t[this.i] !== '}') throw new NotLiteral();
      }
      this.i++;
      return out;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(t.slice(this.i, this.i + 64));
    if (num && !/[A-Za-z0-9_.]/.test(t[this.i + num[0].length] ?? '')) {
      this.i += num[0].length;
      return Number(num[0]);
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(t.slice(this.i, this.i + 256))?.[0];
    const after = t[this.i + (word?.length ?? 0)] ?? '';
    if ((word === 'true' || word === 'false' || word === 'null') && !/[.[(]/.test(after)) {
      this.i += word.length;
      return word === 'null' ? null : word === 'true';
    }
    throw new NotLiteral();
  }

  /** A quoted string: its escapes decoded; a template with `${…}` or `%{…}` is not a literal. */
  private quoted(): string {
    const t = this.text;
    let out = '';
    this.i++;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\n') this.fail('unterminated string');
      if (c === '\\') {
        const e = t[this.i + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (simple[e] !== undefined) {
          out += simple[e];
          this.i += 2;
        } else if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8;
          const hex = t.slice(this.i + 2, this.i + 2 + len);
          if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) this.fail('invalid escape in a string');
          out += String.fromCodePoint(parseInt(hex, 16));
          this.i += 2 + len;
        } else this.fail('invalid escape in a string');
        continue;
      }
      if ((c === '$' || c === '%') && t[this.i + 1] === '{') {
        // A template: skip it to the end of the string, then say it is not a literal.
        this.skipTemplateString();
        throw new NotLiteral();
      }
      if ((c === '$' || c === '%') && t[this.i + 1] === c && t[this.i + 2] === '{') {
        out += `${c}{`;
        this.i += 3;
        continue;
      }
      out += c;
      this.i++;
    }
    return this.fail('unterminated string');
  }

  /** Skips a quoted string, templates included. */
  private skipQuoted(): void {
    this.i++;
    this.skipTemplateString();
  }

  private skipTemplateString(): void {
    const t = this.text;
    let depth = 0;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '{' && (t[this.i - 1] === '$' || t[this.i - 1] === '%')) {
        depth++;
        this.i++;
      } else if (c === '}' && depth > 0) {
        depth--;
        this.i++;
      } else if (c === '\n' && depth === 0) this.fail('unterminated string');
      else if (c === '"' && depth === 0) {
        this.i++;
        return;
      } else this.i++;
    }
  }

  /** A heredoc (`<<EOT` or `<<-EOT`, the latter without the lines' common indentation). */
  private heredoc(): string {
    const t = this.text;
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(t.slice(this.i, this.i + 300));
    if (!m) throw new NotLiteral();
    this.i += m[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.i >= t.length) this.fail(`heredoc ${m[2]} is not closed`);
      const end = t.indexOf('\n', this.i);
      const line = (end < 0 ? t.slice(this.i) : t.slice(this.i, end)).replace(/\r$/, '');
      this.i = end < 0 ? t.length : end + 1;
      if (line.trim() === m[2]) {
        // Leave the newline after the marker to end the assignment.
        if (end >= 0) this.i = end;
        break;
      }
      lines.push(line);
    }
    let body = lines;
    if (m[1] === '-') {
      const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
      const cut = indents.length ? Math.min(...indents) : 0;
      body = lines.map((l) => l.slice(cut));
    }
    const text = body.map((l) => `${l}\n`).join('');
    if (/(^|[^$])\$\{|(^|[^%])%\{/.test(text)) throw new NotLiteral();
    return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  }
}

/** The assignments of an HCL `.tfvars` text. Throws INPUT_INVALID naming the file and line. */
export function parseTfvars(text: string, shown: string): Map<string, unknown> {
  return new TfvarsParser(text.replace(/^\uFEFF/, ''), shown).assignments();
}

/** A value written as in a `.tfvars` file (`TF_VAR_` of a complex type); an `Unresolved` if not a literal. */
function parseHclValue(text: string, name: string, shown: string): unknown {
  try {
    return new TfvarsParser(text, shown).single(name);
  } catch (e) {
    if (!(e instanceof SovereignLzError)) throw e;
    return new Unresolved([
      {
        en: `var.${name}: the value of ${shown} is not a value Terraform can read (${e.message})`,
        fr: `var.${name} : la valeur de ${shown} n'est pas une valeur lisible par Terraform (${e.message})`,
      },
    ]);
  }
}

/** The assignments of a `.tfvars.json` text: literal values (a `${…}` in a string is not evaluated). */
export function parseTfvarsJson(text: string, shown: string): Map<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new SovereignLzError('INPUT_INVALID', `${shown}: not valid JSON: ${(e as Error).message}`);
  }
  if (!isJsonObject(doc)) throw new SovereignLzError('INPUT_INVALID', `${shown}: must be a JSON object of variables`);
  const evaluator = new TerraformEvaluator({ variables: new Map(), locals: new Map() });
  const out = new Map<string, unknown>();
  for (const name of Object.keys(doc)) out.set(name, evaluator.value(doc[name]));
  return out;
}

/** Reads one variable definitions file (HCL, or JSON if its name ends with `.json`). */
function readVariableFile(
  file: string,
  source: string,
  shown: string,
  onRead?: (file: string) => void,
): VariableValues {
  onRead?.(file);
  const text = readDeclarationText(file, 'the variable definitions file', 'INPUT_UNREADABLE', shown);
  const values = file.toLowerCase().endsWith('.json') ? parseTfvarsJson(text, shown) : parseTfvars(text, shown);
  return { source, values };
}

/** The files Terraform loads by itself from a directory, in its order. */
export function autoVariableFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const auto = names
    .filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)), ...auto];
}

/** What {@link TerraformVariableReader} needs of the run. */
export interface TerraformVariableOptions {
  /** The working directory: `--var-file` paths are relative to it. */
  readonly cwd: string;
  /** `--var-file`s, in the order given. @default - none */
  readonly varFiles?: readonly string[];
  /** The environment, for `TF_VAR_<name>`. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called with the path of every file read. @default - nothing is called */
  readonly onRead?: (file: string) => void;
  /** How a path is shown in messages. @default - as given */
  readonly display?: (file: string) => string;
}

/**
 * The variable values of a run: the `--var-file`s (read once, when the reader is made: a
 * missing one is an error even if no Terraform file is read, as it is for Terraform), the
 * environment, and the files beside each Terraform file (read once per directory), with the
 * bounded reader of declarations: only regular files, 10 MiB at most.
 */
export class TerraformVariableReader {
  private readonly varFiles: readonly VariableValues[];
  private readonly byDirectory = new Map<string, readonly VariableValues[]>();
  private readonly env: Readonly<Record<string, string | undefined>>;

  constructor(private readonly options: TerraformVariableOptions) {
    this.env = options.env ?? process.env;
    this.varFiles = (options.varFiles ?? []).map((given) => {
      const file = resolve(options.cwd, given);
      return readVariableFile(file, `--var-file ${given}`, given, options.onRead);
    });
  }

  /** The variable inputs of the Terraform file `file` (an absolute path). */
  public inputsFor(file: string): TerraformVariableInputs {
    const dir = dirname(file);
    let beside = this.byDirectory.get(dir);
    if (!beside) {
      const display = this.options.display ?? ((f: string) => f);
      beside = autoVariableFiles(dir).map((name) =>
        readVariableFile(join(dir, name), basename(name), display(join(dir, name)), this.options.onRead),
      );
      this.byDirectory.set(dir, beside);
    }
    return { env: this.env, files: [...beside, ...this.varFiles] };
  }
}
