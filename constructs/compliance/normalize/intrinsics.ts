import {
  partitionOf,
  untranslated,
  urlSuffixOf,
  type AwsPartition,
  type Language,
  type LocalizedText,
} from '../../core';
import { setOwn } from '../read/input-files';

/**
 * Resolution of CloudFormation intrinsic functions inside one template, as far as the
 * template itself allows: a `Ref`/`Fn::GetAtt` to a resource of the same template becomes a
 * {@link ResourceRef} that rules can follow; strings built from known parts are joined; a
 * parameter, an import, a dangling `Ref` or an unknown pseudo parameter becomes an
 * {@link Unresolved} that rules report as `cannot-prove`, never as a pass.
 */

/** A reference to a resource of the same template (`Ref`, or `Fn::GetAtt` with an attribute). */
export class ResourceRef {
  constructor(
    /** The logical id referred to. */
    public readonly target: string,
    /** The attribute of `Fn::GetAtt`, e.g. `Arn`. */
    public readonly attribute?: string,
  ) {}

  public toString(): string {
    return this.attribute ? `${this.target}.${this.attribute}` : this.target;
  }
}

/** A value the template alone does not determine. */
export class Unresolved {
  /**
   * Why it cannot be known, in English, e.g. `parameter 'KeyArn'`, `dangling Ref 'Foo'`.
   * Empty when the value is only unknown because it embeds resources' runtime values (see `refs`).
   */
  public readonly causes: readonly string[];
  /** The causes in both languages. */
  public readonly localizedCauses: readonly LocalizedText[];

  constructor(
    /** The causes, in both languages (a plain string reads the same in both, e.g. `Fn::GetAZs`). */
    causes: ReadonlyArray<string | LocalizedText>,
    /** Logical ids of resources of the template the value embeds (e.g. in an ARN built with `Fn::Join`). */
    public readonly refs: readonly string[] = [],
    /** The value as text with unknown parts as `${…}`, when it is a string. */
    public readonly text?: string,
  ) {
    this.localizedCauses = causes.map((c) => (typeof c === 'string' ? untranslated(c) : c));
    this.causes = this.localizedCauses.map((c) => c.en);
  }

  /** True if nothing but resources of the template is unknown: the value is determined by them. */
  public get determined(): boolean {
    return this.causes.length === 0;
  }

  /** The causes in words, for messages, in `language` (English by default). */
  public describe(language: Language = 'en'): string {
    if (this.causes.length) return this.localizedCauses.map((c) => c[language]).join(', ');
    const refs = this.refs.map((r) => `'${r}'`).join(', ');
    if (this.refs.length) return language === 'fr' ? `une valeur d'exécution de ${refs}` : `a runtime value of ${refs}`;
    return language === 'fr' ? 'une valeur connue seulement au déploiement' : 'a value known only at deployment';
  }
}

/** True if `value` is an object of members (not a list, not a function such as `{"Ref": …}`). */
function isMembers(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return !(keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::')));
}

/** True if `value` is an {@link Unresolved}. */
export function isUnresolved(value: unknown): value is Unresolved {
  return value instanceof Unresolved;
}

/** True if `value` is a {@link ResourceRef}. */
export function isResourceRef(value: unknown): value is ResourceRef {
  return value instanceof ResourceRef;
}

/**
 * A value the reader chose for a parameter, which the deployer may replace: the parameter's
 * `Default` ("what deploys when nobody passes a value"), or one of its `AllowedValues`.
 */
export interface Assumption {
  readonly parameter: string;
  /** The value, as text (a list's members joined with commas). */
  readonly value: string;
  readonly origin: 'default' | 'allowed';
  /** The stack whose parameter it is, when not the template's own (a nested stack's parent). */
  readonly stack?: string;
}

/** The value a `Ref` to a parameter resolves to, as the reader binds it (see cfn-parameters.ts). */
export interface ParameterValue {
  /** A string, a list of strings, or an {@link Unresolved} (or, from a parent stack, a {@link ResourceRef}). */
  readonly value: unknown;
  /** The values chosen on the way (the parameter's default, or a parent's defaults it was built from). */
  readonly assumptions?: readonly Assumption[];
  /**
   * The values the parameter may take (its `AllowedValues`, two or more): `value` is then an
   * {@link Unresolved}, and the resources that use it are judged under each (see cfn-parameters.ts).
   */
  readonly choices?: readonly string[];
}

/** What a resolution used: the values chosen for it, and the parameters with several allowed values met. */
export interface Used {
  readonly assumptions: readonly Assumption[];
  readonly choices: readonly string[];
}

/** What the resolver knows about the template and its deployment. */
export interface ResolverContext {
  /** Logical ids of the template's resources. */
  readonly resources: ReadonlySet<string>;
  /** Parameter names. */
  readonly parameters: ReadonlySet<string>;
  /**
   * The values bound to parameters (defaults, a parent stack's values): a parameter absent
   * from it is an {@link Unresolved}.
   * @default - none: every parameter is unresolved
   */
  readonly parameterValues?: ReadonlyMap<string, ParameterValue>;
  /** The template's `Mappings`. */
  readonly mappings: Readonly<Record<string, unknown>>;
  /** The template's `Conditions`. */
  readonly conditions: Readonly<Record<string, unknown>>;
  readonly region?: string;
  readonly account?: string;
  readonly stackName?: string;
}

const MALFORMED_CONDITION: LocalizedText = { en: 'a malformed condition', fr: 'une condition mal formée' };

/** How many mapping entries a `Fn::FindInMap` may go through (mappings hold literals in CloudFormation). */
const MAX_MAPPING_CHAIN = 32;

/** Marks a property that `AWS::NoValue` removes. */
const NO_VALUE = Symbol('AWS::NoValue');

type Condition = boolean | Unresolved;

/** A condition's value, with what its evaluation used (a condition is evaluated once, used many times). */
interface CachedCondition {
  readonly value: Condition;
  readonly assumptions: readonly Assumption[];
  readonly choices: readonly string[];
}

function assumptionKey(a: Assumption): string {
  return `${a.stack ?? ''}\u0000${a.parameter}\u0000${a.origin}\u0000${a.value}`;
}

function partition(region: string | undefined): AwsPartition | undefined {
  return region === undefined ? undefined : partitionOf(region);
}

/** The causes met, by their English text (so that one cause in both languages is kept once). */
type Causes = Map<string, LocalizedText>;

function collect(value: unknown, causes: Causes, refs: Set<string>): void {
  if (value instanceof Unresolved) {
    value.localizedCauses.forEach((c) => causes.set(c.en, c));
    value.refs.forEach((r) => refs.add(r));
  } else if (value instanceof ResourceRef) refs.add(value.target);
  else if (Array.isArray(value)) value.forEach((v) => collect(v, causes, refs));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => collect(v, causes, refs));
}

/** An {@link Unresolved} that carries the causes and references found anywhere in `parts`. */
function merge(parts: readonly unknown[], text?: string): Unresolved {
  const causes: Causes = new Map();
  const refs = new Set<string>();
  collect(parts, causes, refs);
  return new Unresolved([...causes.values()], [...refs], text);
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function placeholder(value: unknown): string {
  if (value instanceof Unresolved) return value.text ?? '${?}';
  if (value instanceof ResourceRef) return `\${${value.toString()}}`;
  return '${?}';
}

const NOTHING_USED: Used = { assumptions: [], choices: [] };

/** Options of {@link Resolver.resolve}. */
export interface ResolveOptions {
  /**
   * Keep members whose value is the empty string. By default they are removed: CloudFormation's
   * resource providers treat an empty string given to an optional property as the property not
   * set (`KmsMasterKeyId: ""` names no key). Tags keep theirs (a tag's value may be empty).
   * @default false
   */
  readonly keepEmptyStrings?: boolean;
  /**
   * A member of the (object) value under which empty strings are kept, e.g. a resource's `Tags`.
   * @default - none
   */
  readonly keepEmptyStringsIn?: string;
}

/** Resolves intrinsics in template values. One instance per template. */
export class Resolver {
  private readonly conditionCache = new Map<string, CachedCondition>();
  private readonly evaluating = new Set<string>();
  /** Mapping entries being resolved (CloudFormation allows no intrinsic in Mappings: a value that leads back is a cycle). */
  private readonly inMapping = new Set<string>();
  /** The values chosen for parameters met since the last {@link takeUsed}, by key. */
  private assumed = new Map<string, Assumption>();
  /** The parameters with several allowed values met since the last {@link takeUsed}. */
  private choices = new Set<string>();
  private dropEmpty = true;

  constructor(private readonly ctx: ResolverContext) {}

  /** Resolves every intrinsic in `value`, recursively; removes properties set to `AWS::NoValue`. */
  public resolve(value: unknown, options: ResolveOptions = {}): unknown {
    this.dropEmpty = !options.keepEmptyStrings;
    try {
      const keep = options.keepEmptyStringsIn;
      const out =
        keep !== undefined && isMembers(value) && Object.prototype.hasOwnProperty.call(value, keep)
          ? this.members(value, keep)
          : this.walk(value);
      return out === NO_VALUE ? undefined : out;
    } finally {
      this.dropEmpty = true;
    }
  }

  /** An object's members resolved, the empty strings under `keep` kept. */
  private members(object: Record<string, unknown>, keep: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const drop = this.dropEmpty;
      if (key === keep) this.dropEmpty = false;
      const resolved = this.walk(object[key]);
      this.dropEmpty = drop;
      if (resolved !== NO_VALUE && !(resolved === '' && this.dropEmpty)) setOwn(out, key, resolved);
    }
    return out;
  }

  /**
   * What the resolutions since the last call used: the values the reader chose for parameters
   * (their defaults), and the parameters with several allowed values. Starts a new record.
   */
  public takeUsed(): Used {
    if (!this.assumed.size && !this.choices.size) return NOTHING_USED;
    const used = { assumptions: [...this.assumed.values()], choices: [...this.choices] };
    this.assumed = new Map();
    this.choices = new Set();
    return used;
  }

  private use(bound: ParameterValue, name: string): void {
    bound.assumptions?.forEach((a) => this.assumed.set(assumptionKey(a), a));
    if (bound.choices) this.choices.add(name);
  }

  private walk(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.walk(v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1) {
      const key = keys[0];
      const arg = object[key];
      if (key === 'Ref') return this.ref(arg);
      if (key === 'Condition' && typeof arg === 'string') return this.condition(arg);
      if (key.startsWith('Fn::')) return this.fn(key, arg);
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const resolved = this.walk(object[key]);
      // A key `__proto__` stays a property (CloudFormation refuses it), never the prototype.
      if (resolved !== NO_VALUE && !(resolved === '' && this.dropEmpty)) setOwn(out, key, resolved);
    }
    return out;
  }

  private ref(name: unknown): unknown {
    // The language extensions resolve a `Ref` to a name built by a function (`!Ref {Fn::Sub: …}`).
    if (name !== null && typeof name === 'object') {
      const built = this.walk(name);
      if (typeof built === 'string') return this.ref(built);
      if (built instanceof Unresolved) return merge([built], built.text);
    }
    if (typeof name !== 'string')
      return new Unresolved([
        { en: `malformed Ref ${JSON.stringify(name)}`, fr: `Ref mal formée ${JSON.stringify(name)}` },
      ]);
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::Region':
        return (
          this.ctx.region ??
          new Unresolved(
            [{ en: 'the region (AWS::Region)', fr: 'la région de déploiement (AWS::Region)' }],
            [],
            '${AWS::Region}',
          )
        );
      case 'AWS::AccountId':
        return this.ctx.account ?? new Unresolved([], [], '${AWS::AccountId}');
      case 'AWS::Partition':
        return partition(this.ctx.region) ?? 'aws';
      case 'AWS::URLSuffix':
        // The partition's: amazonaws.eu in the AWS European Sovereign Cloud, not amazonaws.com.
        return urlSuffixOf(partition(this.ctx.region) ?? 'aws');
      case 'AWS::StackName':
        return this.ctx.stackName ?? new Unresolved([], [], '${AWS::StackName}');
      case 'AWS::StackId':
      case 'AWS::NotificationARNs':
        return new Unresolved([], [], `\${${name}}`);
    }
    if (this.ctx.resources.has(name)) return new ResourceRef(name);
    const bound = this.ctx.parameterValues?.get(name);
    if (bound) {
      this.use(bound, name);
      return bound.value;
    }
    if (this.ctx.parameters.has(name))
      return new Unresolved([{ en: `parameter '${name}'`, fr: `paramètre '${name}'` }], [], `\${${name}}`);
    return new Unresolved([{ en: `dangling Ref '${name}'`, fr: `Ref '${name}' sans cible` }], [], `\${${name}}`);
  }

  private getAtt(arg: unknown): unknown {
    let parts: unknown[] | undefined;
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      parts = dot > 0 ? [arg.slice(0, dot), arg.slice(dot + 1)] : undefined;
    } else if (Array.isArray(arg) && arg.length === 2) {
      // The language extensions allow the logical id to be built by a function (`!Sub 'Gw${Name}'`).
      const target = typeof arg[0] === 'string' ? arg[0] : this.walk(arg[0]);
      parts = [target, this.walk(arg[1])];
    }
    if (!parts || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') {
      return new Unresolved([
        { en: `malformed Fn::GetAtt ${JSON.stringify(arg)}`, fr: `Fn::GetAtt mal formé ${JSON.stringify(arg)}` },
      ]);
    }
    const [target, attribute] = parts as [string, string];
    if (this.ctx.resources.has(target)) return new ResourceRef(target, attribute);
    return new Unresolved(
      [{ en: `dangling Fn::GetAtt '${target}.${attribute}'`, fr: `Fn::GetAtt '${target}.${attribute}' sans cible` }],
      [],
      `\${${target}.${attribute}}`,
    );
  }

  private fn(name: string, arg: unknown): unknown {
    switch (name) {
      case 'Fn::GetAtt':
        return this.getAtt(arg);
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Join':
        return this.join(arg);
      case 'Fn::If':
        return this.ifFn(arg);
      case 'Fn::Select':
        return this.select(arg);
      case 'Fn::Split':
        return this.split(arg);
      case 'Fn::FindInMap':
        return this.findInMap(arg);
      case 'Fn::Base64':
        return this.walk(arg);
      case 'Fn::ImportValue': {
        const exported = this.walk(arg);
        const shown = asText(exported) ?? placeholder(exported);
        return new Unresolved([{ en: `import '${shown}'`, fr: `valeur importée '${shown}'` }]);
      }
      case 'Fn::GetAZs':
        return new Unresolved(['Fn::GetAZs']);
      case 'Fn::Length':
        return this.length(arg);
      case 'Fn::ToJsonString':
        return this.toJsonString(arg);
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return this.evaluate({ [name]: arg });
      default:
        // Fn::Cidr, Fn::Transform…: not needed by any rule.
        return merge([this.walk(arg), new Unresolved([name])]);
    }
  }

  /** `Fn::Length` (language extensions): the number of elements of a list, or of a function that returns one. */
  private length(arg: unknown): unknown {
    const list = this.walk(arg);
    if (Array.isArray(list)) return list.length;
    if (list instanceof Unresolved) return merge([list]);
    return new Unresolved([
      { en: 'Fn::Length of a value that is not a list', fr: "Fn::Length d'une valeur qui n'est pas une liste" },
    ]);
  }

  /** `Fn::ToJsonString` (language extensions): an object or a list as compact JSON, when every part is known. */
  private toJsonString(arg: unknown): unknown {
    const value = this.walk(arg);
    const causes: Causes = new Map();
    const refs = new Set<string>();
    collect(value, causes, refs);
    if (causes.size || refs.size) return merge([value]);
    if (value === null || typeof value !== 'object') {
      return new Unresolved([
        {
          en: 'Fn::ToJsonString of a value that is neither an object nor a list',
          fr: "Fn::ToJsonString d'une valeur qui n'est ni un objet ni une liste",
        },
      ]);
    }
    return JSON.stringify(value);
  }

  private sub(arg: unknown): unknown {
    let template: unknown;
    let vars: Record<string, unknown> = {};
    if (typeof arg === 'string') template = arg;
    else if (Array.isArray(arg) && arg.length === 2 && typeof arg[1] === 'object' && arg[1] !== null) {
      template = arg[0];
      vars = arg[1] as Record<string, unknown>;
    }
    if (typeof template !== 'string')
      return new Unresolved([
        { en: `malformed Fn::Sub ${JSON.stringify(arg)}`, fr: `Fn::Sub mal formé ${JSON.stringify(arg)}` },
      ]);
    const unknowns: unknown[] = [];
    const text = template.replace(/\$\{([^}]*)\}/g, (whole, expr: string) => {
      if (expr.startsWith('!')) return `\${${expr.slice(1)}}`;
      const name = expr.trim();
      let value: unknown;
      if (Object.prototype.hasOwnProperty.call(vars, name)) value = this.walk(vars[name]);
      else if (name.includes('.') && !name.startsWith('AWS::')) value = this.getAtt(name);
      else value = this.ref(name);
      const str = asText(value);
      if (str !== undefined) return str;
      unknowns.push(value);
      return value instanceof Unresolved && value.text !== undefined && value.text.startsWith('${')
        ? value.text
        : value instanceof ResourceRef
          ? placeholder(value)
          : whole;
    });
    return unknowns.length ? merge(unknowns, text) : text;
  }

  private join(arg: unknown): unknown {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') {
      return new Unresolved([
        { en: `malformed Fn::Join ${JSON.stringify(arg)}`, fr: `Fn::Join mal formé ${JSON.stringify(arg)}` },
      ]);
    }
    const list = this.walk(arg[1]);
    if (!Array.isArray(list)) return merge([list], placeholder(list));
    const strings = list.map(asText);
    if (strings.every((s) => s !== undefined)) return strings.join(arg[0]);
    return merge(list, list.map((v, i) => strings[i] ?? placeholder(v)).join(arg[0]));
  }

  private select(arg: unknown): unknown {
    if (!Array.isArray(arg) || arg.length !== 2)
      return new Unresolved([{ en: 'malformed Fn::Select', fr: 'Fn::Select mal formé' }]);
    const index = this.walk(arg[0]);
    const list = this.walk(arg[1]);
    const i = typeof index === 'number' ? index : typeof index === 'string' ? Number(index) : NaN;
    if (Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length) return list[i];
    return merge([index, list]);
  }

  private split(arg: unknown): unknown {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') {
      return new Unresolved([{ en: 'malformed Fn::Split', fr: 'Fn::Split mal formé' }]);
    }
    const source = this.walk(arg[1]);
    return typeof source === 'string' ? source.split(arg[0]) : merge([source]);
  }

  private findInMap(arg: unknown): unknown {
    if (!Array.isArray(arg) || arg.length < 3)
      return new Unresolved([{ en: 'malformed Fn::FindInMap', fr: 'Fn::FindInMap mal formé' }]);
    const [map, top, second] = arg.slice(0, 3).map((a) => this.walk(a));
    const keys = [map, top, second].map(asText);
    if (keys.some((k) => k === undefined)) return merge([map, top, second]);
    const mapping = this.ctx.mappings[keys[0]!] as Record<string, Record<string, unknown>> | undefined;
    const value = mapping?.[keys[1]!]?.[keys[2]!];
    if (value === undefined) {
      // A fourth argument may give a default (Fn::FindInMap enhancements).
      const fallback = (arg[3] as { DefaultValue?: unknown } | undefined)?.DefaultValue;
      if (fallback !== undefined) return this.walk(fallback);
      return new Unresolved([
        { en: `missing mapping entry ${keys.join('.')}`, fr: `entrée de mapping absente ${keys.join('.')}` },
      ]);
    }
    const entry = keys.join('.');
    if (this.inMapping.has(entry)) {
      return new Unresolved([
        { en: `mapping entry ${entry} refers to itself`, fr: `l'entrée de mapping ${entry} renvoie à elle-même` },
      ]);
    }
    if (this.inMapping.size >= MAX_MAPPING_CHAIN) {
      return new Unresolved([
        {
          en: `mapping entry ${entry} is reached through more than ${MAX_MAPPING_CHAIN} other entries`,
          fr: `l'entrée de mapping ${entry} n'est atteinte qu'au travers de plus de ${MAX_MAPPING_CHAIN} autres entrées`,
        },
      ]);
    }
    this.inMapping.add(entry);
    try {
      return this.walk(value);
    } finally {
      this.inMapping.delete(entry);
    }
  }

  private ifFn(arg: unknown): unknown {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
      return new Unresolved([{ en: 'malformed Fn::If', fr: 'Fn::If mal formé' }]);
    }
    const cond = this.conditionValue(arg[0]);
    if (cond === true) return this.walk(arg[1]);
    if (cond === false) return this.walk(arg[2]);
    const a = this.walk(arg[1]);
    const b = this.walk(arg[2]);
    if (JSON.stringify(a) === JSON.stringify(b) && !(a instanceof Unresolved)) return a;
    return merge([cond, a, b].filter((v) => v !== NO_VALUE));
  }

  private condition(name: string): unknown {
    return this.conditionValue(name);
  }

  private conditionValue(name: string): Condition {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) {
      // What the condition used is used again by whatever uses it.
      cached.assumptions.forEach((a) => this.assumed.set(assumptionKey(a), a));
      cached.choices.forEach((c) => this.choices.add(c));
      return cached.value;
    }
    if (this.evaluating.has(name)) {
      return new Unresolved([
        { en: `condition '${name}' depends on itself`, fr: `la condition '${name}' dépend d'elle-même` },
      ]);
    }
    if (!Object.prototype.hasOwnProperty.call(this.ctx.conditions, name)) {
      return new Unresolved([{ en: `condition '${name}'`, fr: `condition '${name}'` }]);
    }
    const [outerAssumed, outerChoices] = [this.assumed, this.choices];
    this.assumed = new Map();
    this.choices = new Set();
    this.evaluating.add(name);
    let used: CachedCondition;
    try {
      const value = this.evaluate(this.ctx.conditions[name]);
      const result: Condition =
        typeof value === 'boolean'
          ? value
          : merge([value, new Unresolved([{ en: `condition '${name}'`, fr: `condition '${name}'` }])]);
      used = { value: result, assumptions: [...this.assumed.values()], choices: [...this.choices] };
    } finally {
      this.evaluating.delete(name);
      this.assumed = outerAssumed;
      this.choices = outerChoices;
    }
    this.conditionCache.set(name, used);
    return this.conditionValue(name);
  }

  private evaluate(expr: unknown): Condition {
    if (typeof expr === 'boolean') return expr;
    if (typeof expr === 'string') return expr === 'true' ? true : expr === 'false' ? false : new Unresolved([expr]);
    if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) return new Unresolved([MALFORMED_CONDITION]);
    const [[name, arg]] = Object.entries(expr as Record<string, unknown>);
    const list = Array.isArray(arg) ? arg : [arg];
    switch (name) {
      case 'Condition':
        return typeof arg === 'string' ? this.conditionValue(arg) : new Unresolved([MALFORMED_CONDITION]);
      case 'Fn::Equals': {
        const [a, b] = list.map((v) => this.walk(v));
        const [sa, sb] = [asText(a), asText(b)];
        if (sa !== undefined && sb !== undefined) return sa === sb;
        return merge([a, b]);
      }
      case 'Fn::Not': {
        const v = this.evaluate(list[0]);
        return typeof v === 'boolean' ? !v : v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = list.map((v) => this.evaluate(v));
        const decisive = name === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        const unknown = values.filter((v): v is Unresolved => v instanceof Unresolved);
        return unknown.length ? merge(unknown) : !decisive;
      }
      default:
        return new Unresolved([{ en: `condition function ${name}`, fr: `fonction de condition ${name}` }]);
    }
  }
}
