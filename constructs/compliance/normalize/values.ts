import type { Language, LocalizedText } from '../../core';
import { isResourceRef, isUnresolved, ResourceRef, Unresolved } from './intrinsics';

/**
 * Reading resolved property values as CloudFormation does: `"true"` is a boolean, `"365"` a
 * number. Each reader returns the value, `undefined` when absent, or an {@link Unresolved}
 * when the template does not determine it (or gives something CloudFormation would refuse).
 */

/** A value, its absence, or why it cannot be known. */
export type Maybe<T> = T | undefined | Unresolved;

function invalid(value: unknown, expected: LocalizedText): Unresolved {
  const [en, fr] = isResourceRef(value)
    ? [`a reference to '${value.target}'`, `une référence à '${value.target}'`]
    : [JSON.stringify(value), JSON.stringify(value)];
  return new Unresolved([{ en: `${en} is not ${expected.en}`, fr: `${fr} n'est pas ${expected.fr}` }]);
}

/** A boolean property: `true`, `"true"`, `"True"`… */
export function bool(value: unknown): Maybe<boolean> {
  if (value === undefined || value === null) return undefined;
  if (isUnresolved(value)) return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return invalid(value, { en: 'a boolean', fr: 'un booléen' });
}

/** An integer property: `365` or `"365"`. */
export function int(value: unknown): Maybe<number> {
  if (value === undefined || value === null) return undefined;
  if (isUnresolved(value)) return value;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(n) ? n : invalid(value, { en: 'an integer', fr: 'un entier' });
}

/** A string property (numbers and booleans are written as CloudFormation writes them). */
export function str(value: unknown): Maybe<string> {
  if (value === undefined || value === null) return undefined;
  if (isUnresolved(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isResourceRef(value)) return new Unresolved([], [value.target], `\${${value.toString()}}`);
  return invalid(value, { en: 'a string', fr: 'une chaîne' });
}

/** A list property; a single value is read as a list of one (as some tools write). */
export function list(value: unknown): Maybe<readonly unknown[]> {
  if (value === undefined || value === null) return undefined;
  if (isUnresolved(value)) return value;
  return Array.isArray(value) ? value : [value];
}

/** The items of a list property; none when it is absent or unresolved (check that separately). */
export function items(value: unknown): readonly unknown[] {
  const l = list(value);
  return Array.isArray(l) ? l : [];
}

/** An object property. */
export function obj(value: unknown): Maybe<Readonly<Record<string, unknown>>> {
  if (value === undefined || value === null) return undefined;
  if (isUnresolved(value)) return value;
  if (typeof value === 'object' && !Array.isArray(value) && !isResourceRef(value)) {
    return value as Record<string, unknown>;
  }
  return invalid(value, { en: 'an object', fr: 'un objet' });
}

/**
 * The value at a dotted path (`BucketEncryption.ServerSideEncryptionConfiguration`), or
 * `undefined` if a step is absent, or the `Unresolved` met on the way.
 */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === undefined || current === null) return undefined;
    if (isUnresolved(current)) return current;
    if (typeof current !== 'object' || Array.isArray(current) || isResourceRef(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The values of a string-or-list field (IAM `Action`, `Resource`, principals). */
export function strings(value: unknown): Array<string | Unresolved | ResourceRef> {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((v) => (typeof v === 'string' || isUnresolved(v) || isResourceRef(v) ? v : String(v)));
}

/** The logical id `value` refers to (`Ref`/`Fn::GetAtt`, or a string built only from it), if any. */
export function refTarget(value: unknown): string | undefined {
  if (isResourceRef(value)) return value.target;
  if (isUnresolved(value) && value.determined && value.refs.length === 1) return value.refs[0];
  return undefined;
}

/** Shows a value in a message in `language`: strings quoted, unresolved parts described. */
export function show(value: unknown, language: Language = 'en'): string {
  if (isUnresolved(value)) return value.text !== undefined ? `'${value.text}'` : `(${value.describe(language)})`;
  if (isResourceRef(value)) {
    return language === 'fr' ? `une référence à '${value.toString()}'` : `a reference to '${value.toString()}'`;
  }
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/** {@link show} in both languages. */
export function shown(value: unknown): LocalizedText {
  return { en: show(value, 'en'), fr: show(value, 'fr') };
}
