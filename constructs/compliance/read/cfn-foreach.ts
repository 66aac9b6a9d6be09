import type { LocalizedText } from '../../core';
import type { Assumption } from '../normalize/intrinsics';

/**
 * `Fn::ForEach` of the `AWS::LanguageExtensions` transform, expanded as CloudFormation expands
 * it before deploying (AWS CloudFormation Template Reference, "Fn::ForEach"):
 *
 * `"Fn::ForEach::LoopName": [Identifier, Collection, {OutputKey: OutputValue}]` is replaced, in
 * the object that holds it, by the fragment `{OutputKey: OutputValue}` once per item of the
 * collection, where every `${Identifier}` (and `&{Identifier}`, the item without its
 * non-alphanumeric characters, for logical ids) of the keys and strings of the fragment, and
 * every `Ref` to the identifier, becomes the item. The collection is a list, or a `Ref` to a
 * `CommaDelimitedList` parameter (read at its default). Loops nest (at most
 * {@link MAX_LOOP_DEPTH} levels); they may be used in `Resources` (and in resource properties),
 * `Conditions` and `Outputs`. A `Fn::Sub` left with nothing to substitute becomes its string,
 * so that `!Ref {Fn::Sub: 'Subnet${Name}'}` names a resource, as the transform resolves it.
 *
 * A loop whose collection cannot be known (a parameter without default, a malformed loop…) is
 * not expanded: the reader reports it, never a silent template of fewer resources.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The prefix of a loop's key. */
export const FOR_EACH = 'Fn::ForEach::';

/** How deep loops may nest (the outermost is level 1). */
export const MAX_LOOP_DEPTH = 5;

/** The values an expansion may create, beyond which a loop is not expanded (a guard against nested loops' products). */
export const MAX_EXPANDED_VALUES = 1_000_000;

/** The items of a collection, with the values chosen for it (a parameter's default), or why they are unknown. */
export type Collection =
  { readonly items: readonly string[]; readonly assumptions: readonly Assumption[] } | { readonly why: LocalizedText };

/** Resolves a collection (after its identifiers are substituted): a list of strings, or why not. */
export type CollectionResolver = (collection: unknown) => Collection;

/** A loop that was not expanded. */
export interface UnexpandedLoop {
  /** The loop's key, e.g. `Fn::ForEach::Buckets`. */
  readonly loop: string;
  /** Its key at the top of the section (the same, unless the loop is nested). */
  readonly top: string;
  readonly why: LocalizedText;
}

/** Where a key of an expanded section comes from. */
export interface KeyOrigin {
  /** The key of the loop at the top of the section that generated it. */
  readonly loop: string;
  /** The values chosen for the collections on the way (parameters' defaults). */
  readonly assumptions: readonly Assumption[];
}

/** A section with its loops expanded. */
export interface Expansion {
  readonly section: Json;
  /** The loop each generated key of the section comes from. */
  readonly origins: ReadonlyMap<string, KeyOrigin>;
  readonly unexpanded: readonly UnexpandedLoop[];
}

interface Scope {
  readonly values: ReadonlyMap<string, string>;
  readonly assumptions: readonly Assumption[];
  /** The key of the section being expanded: a loop's, or a resource's whose properties hold loops. */
  readonly top?: string;
}

class TooLarge extends Error {}

const PLACEHOLDER = /([$&])\{([^}]*)\}/g;

function alphanumeric(text: string): string {
  return text.replace(/[^0-9A-Za-z]/g, '');
}

/** True if `value` holds a loop's key anywhere (a walk without copying). */
export function hasLoop(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const current = stack.pop();
    if (Array.isArray(current)) stack.push(...current);
    else if (isObject(current)) {
      for (const key of Object.keys(current)) {
        if (key.startsWith(FOR_EACH)) return true;
        stack.push(current[key]);
      }
    }
  }
  return false;
}

class Expander {
  public readonly origins = new Map<string, KeyOrigin>();
  public readonly unexpanded: UnexpandedLoop[] = [];
  private created = 0;

  constructor(private readonly collection: CollectionResolver) {}

  private count(): void {
    if (++this.created > MAX_EXPANDED_VALUES) throw new TooLarge();
  }

  private text(value: string, scope: Scope): string {
    if (!scope.values.size || !value.includes('{')) return value;
    return value.replace(PLACEHOLDER, (whole, sigil: string, name: string) => {
      const item = scope.values.get(name);
      if (item === undefined) return whole;
      return sigil === '&' ? alphanumeric(item) : item;
    });
  }

  /** `value` with the scope's identifiers substituted and its loops expanded; the same object when nothing changes. */
  public value(value: unknown, scope: Scope, depth: number): unknown {
    if (typeof value === 'string') return this.text(value, scope);
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((v) => {
        const next = this.value(v, scope, depth);
        if (next !== v) changed = true;
        return next;
      });
      if (changed) this.count();
      return changed ? out : value;
    }
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string') {
      const item = scope.values.get(value.Ref);
      return item ?? value;
    }
    if (keys.length === 1 && keys[0] === 'Fn::Sub') {
      const arg = this.value(value['Fn::Sub'], scope, depth);
      // Nothing left to substitute: the string itself (`!Ref {Fn::Sub: 'Subnet${Name}'}` names a resource).
      if (typeof arg === 'string' && !arg.includes('${')) return arg;
      return arg === value['Fn::Sub'] ? value : { 'Fn::Sub': arg };
    }
    return this.map(value, scope, depth);
  }

  /**
   * An object with its loops expanded in place and its keys and values substituted. `record`
   * is given for a section (and a section-level loop's fragment): its keys are logical ids.
   */
  public map(map: Json, scope: Scope, depth: number, record?: (key: string, scope: Scope) => void): Json {
    let changed = false;
    const out: Json = {};
    const put = (key: string, value: unknown): void => {
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        this.unexpanded.push({
          loop: scope.top ?? key,
          top: scope.top ?? key,
          why: { en: `it generates the key '${key}' twice`, fr: `elle produit deux fois la clé '${key}'` },
        });
        return;
      }
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      this.count();
    };
    for (const key of Object.keys(map)) {
      if (key.startsWith(FOR_EACH)) {
        changed = true;
        this.loop(key, map[key], scope, depth + 1, put, record);
        continue;
      }
      const newKey = this.text(key, scope);
      const newValue = this.value(map[key], scope, depth);
      if (newKey !== key || newValue !== map[key]) changed = true;
      put(newKey, newValue);
      record?.(newKey, scope);
    }
    return changed ? out : map;
  }

  private loop(
    key: string,
    arg: unknown,
    outer: Scope,
    depth: number,
    put: (key: string, value: unknown) => void,
    record?: (key: string, scope: Scope) => void,
  ): void {
    const top = outer.top ?? key;
    const refuse = (why: LocalizedText): void => {
      this.unexpanded.push({ loop: key, top, why });
    };
    if (depth > MAX_LOOP_DEPTH) {
      refuse({
        en: `loops are nested more than ${MAX_LOOP_DEPTH} levels deep, which CloudFormation refuses`,
        fr: `les boucles sont imbriquées sur plus de ${MAX_LOOP_DEPTH} niveaux, ce que CloudFormation refuse`,
      });
      return;
    }
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string' || !isObject(arg[2])) {
      refuse({
        en: 'it is not [Identifier, Collection, {OutputKey: OutputValue}]',
        fr: "elle n'est pas de la forme [Identifier, Collection, {OutputKey: OutputValue}]",
      });
      return;
    }
    const [identifier, rawCollection, fragment] = arg as [string, unknown, Json];
    const collection = this.collection(this.value(rawCollection, outer, depth));
    if ('why' in collection) {
      refuse(collection.why);
      return;
    }
    for (const item of collection.items) {
      const values = new Map(outer.values);
      values.set(identifier, item);
      const scope: Scope = { values, assumptions: [...outer.assumptions, ...collection.assumptions], top };
      const expanded = this.map(fragment, scope, depth, record);
      for (const k of Object.keys(expanded)) put(k, expanded[k]);
    }
  }
}

/**
 * Expands the loops of a section (`Resources`, `Conditions` or `Outputs`). With `deep`, loops
 * inside the section's values (resource properties) are expanded too; without, only those at
 * the top of the section and inside them (the `AWS::LanguageExtensions` transform is what
 * allows loops in properties: without it the reader does not walk every property).
 */
export function expandForEach(section: Json, collection: CollectionResolver, deep: boolean): Expansion {
  if (!deep && !Object.keys(section).some((k) => k.startsWith(FOR_EACH))) {
    return { section, origins: new Map(), unexpanded: [] };
  }
  const expander = new Expander(collection);
  const empty: Scope = { values: new Map(), assumptions: [] };
  const out: Json = {};
  let changed = false;
  for (const key of Object.keys(section)) {
    if (key.startsWith(FOR_EACH)) {
      changed = true;
      const before = expander.unexpanded.length;
      let generated: Json;
      try {
        generated = expander.map({ [key]: section[key] }, empty, 0, (k, scope) =>
          expander.origins.set(k, { loop: key, assumptions: scope.assumptions }),
        );
      } catch (e) {
        if (!(e instanceof TooLarge)) throw e;
        expander.unexpanded.splice(before);
        expander.unexpanded.push({
          loop: key,
          top: key,
          why: {
            en: `it expands to more than ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values`,
            fr: `elle produit plus de ${MAX_EXPANDED_VALUES.toLocaleString('fr-FR')} valeurs`,
          },
        });
        continue;
      }
      for (const k of Object.keys(generated)) {
        if (Object.prototype.hasOwnProperty.call(out, k) || Object.prototype.hasOwnProperty.call(section, k)) {
          expander.unexpanded.push({
            loop: key,
            top: key,
            why: {
              en: `it generates the key '${k}', already declared`,
              fr: `elle produit la clé '${k}', déjà déclarée`,
            },
          });
          continue;
        }
        Object.defineProperty(out, k, { value: generated[k], enumerable: true, writable: true, configurable: true });
      }
      continue;
    }
    let value = section[key];
    if (deep && hasLoop(value)) {
      try {
        value = expander.value(value, { ...empty, top: key }, 0);
        changed = true;
      } catch (e) {
        if (!(e instanceof TooLarge)) throw e;
        expander.unexpanded.push({
          loop: key,
          top: key,
          why: {
            en: `its loops expand to more than ${MAX_EXPANDED_VALUES.toLocaleString('en-US')} values`,
            fr: `ses boucles produisent plus de ${MAX_EXPANDED_VALUES.toLocaleString('fr-FR')} valeurs`,
          },
        });
      }
    }
    if (!Object.prototype.hasOwnProperty.call(out, key)) {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return { section: changed ? out : section, origins: expander.origins, unexpanded: expander.unexpanded };
}
