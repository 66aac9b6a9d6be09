import type { LocalizedText } from '../../core';
import { Unresolved, type Assumption, type ParameterValue } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import type { Outcome, Problem } from '../judge/rule';

/**
 * The values a template's parameters take when the reader judges it (AWS CloudFormation User
 * Guide, "Parameters"): what deploys when nobody passes a value.
 *
 * - a parameter with a `Default` is judged at its default (the finding says "with parameter
 *   'P' at its default value 'v'"): a `Ref` to a `String` or `Number` gives a string, to a
 *   `CommaDelimitedList` or `List<…>` a list of strings, each member space-trimmed;
 * - a parameter with two or more `AllowedValues` is judged at each of them: the template's
 *   resources that use it are read once per value (at most {@link MAX_VARIANTS} combinations),
 *   and a violation under any value is a finding naming the value. The resource as read (what
 *   template- and input-wide rules see) keeps the parameter unresolved;
 * - an SSM parameter type (`AWS::SSM::Parameter::Value<…>`) stays unresolved: its default is
 *   the name of an SSM parameter, not its value;
 * - a `NoEcho` parameter stays unresolved: its value is never read, so never shown in a report;
 * - a parameter without a default (and fewer than two allowed values) stays unresolved, as a
 *   parameter always was: `cannot-prove`.
 *
 * A nested stack's parameters are bound to the values its parent passes (see
 * cfn-nested-stacks.ts), which carry the parent's own choices.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** At most this many combinations of allowed values are judged per resource (else it stays unresolved). */
export const MAX_VARIANTS = 32;

/** A value shown in a message: at most this many characters. */
const SHOWN_LENGTH = 80;

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

/** A parameter value as a `Ref` gives it: a list type's members, trimmed; any other type's string. */
export function parameterValueOf(type: string, text: string): string | string[] {
  return isListType(type) ? text.split(',').map((m) => m.trim()) : text;
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/**
 * The values bound to the parameters declared in `declarations` (a template's `Parameters`):
 * `given` values first (a nested stack's parent's), then each parameter's default. A parameter
 * left out is resolved as unknown.
 */
export function bindParameters(
  declarations: Json,
  given: ReadonlyMap<string, ParameterValue> = new Map(),
): Map<string, ParameterValue> {
  const values = new Map<string, ParameterValue>();
  for (const [name, declaration] of Object.entries(declarations)) {
    const passed = given.get(name);
    if (passed) {
      values.set(name, passed);
      continue;
    }
    if (!isObject(declaration)) continue;
    const type = typeof declaration.Type === 'string' ? declaration.Type : 'String';
    const fallback = scalar(declaration.Default);
    if (truthy(declaration.NoEcho)) {
      values.set(name, {
        value: new Unresolved(
          [
            {
              en: `parameter '${name}' (NoEcho: its value is not read)`,
              fr: `paramètre '${name}' (NoEcho : sa valeur n'est pas lue)`,
            },
          ],
          [],
          `\${${name}}`,
        ),
      });
      continue;
    }
    if (type.startsWith('AWS::SSM::Parameter::Value<')) {
      const where = fallback !== undefined ? ` '${fallback}'` : '';
      values.set(name, {
        value: new Unresolved(
          [
            {
              en: `parameter '${name}' (the value of the SSM parameter${where} at deployment)`,
              fr: `paramètre '${name}' (la valeur du paramètre SSM${where} au déploiement)`,
            },
          ],
          [],
          `\${${name}}`,
        ),
      });
      continue;
    }
    const allowed = Array.isArray(declaration.AllowedValues)
      ? [...new Set(declaration.AllowedValues.map(scalar).filter((v): v is string => v !== undefined))]
      : [];
    if (!isListType(type) && allowed.length >= 2) {
      const listed = allowed.map((v) => `'${clip(v)}'`).join(', ');
      values.set(name, {
        value: new Unresolved(
          [
            {
              en: `parameter '${name}' (one of its allowed values ${listed})`,
              fr: `paramètre '${name}' (l'une de ses valeurs autorisées ${listed})`,
            },
          ],
          [],
          `\${${name}}`,
        ),
        choices: allowed,
      });
      continue;
    }
    const chosen = fallback ?? (allowed.length === 1 ? allowed[0] : undefined);
    if (chosen === undefined) continue;
    const origin = fallback !== undefined ? 'default' : 'allowed';
    values.set(name, {
      value: parameterValueOf(type, chosen),
      assumptions: [{ parameter: name, value: chosen, origin }],
    });
  }
  return values;
}

/** The default of a parameter with allowed values, if it has one. */
function defaultOf(declarations: Json, name: string): string | undefined {
  const declaration = declarations[name];
  return isObject(declaration) ? scalar(declaration.Default) : undefined;
}

/**
 * The bindings under which a resource that uses parameters with allowed values (`choices`) is
 * judged: one per combination of their values, each value chosen noted. Empty when there are
 * more than {@link MAX_VARIANTS} combinations (the resource then stays unresolved).
 */
export function choiceBindings(
  declarations: Json,
  values: ReadonlyMap<string, ParameterValue>,
  choices: readonly string[],
): Array<Map<string, ParameterValue>> {
  let combinations: Array<Map<string, ParameterValue>> = [new Map(values)];
  for (const name of choices) {
    const options = values.get(name)?.choices ?? [];
    if (!options.length) continue;
    if (combinations.length * options.length > MAX_VARIANTS) return [];
    const fallback = defaultOf(declarations, name);
    combinations = combinations.flatMap((base) =>
      options.map((option) => {
        const next = new Map(base);
        next.set(name, {
          value: option,
          assumptions: [{ parameter: name, value: option, origin: option === fallback ? 'default' : 'allowed' }],
        });
        return next;
      }),
    );
  }
  return combinations;
}

function clip(text: string): string {
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

/** The values chosen, in words: `with parameter 'P' at its default value 'v'`. */
export function describeAssumptions(assumptions: readonly Assumption[]): LocalizedText {
  const en = assumptions.map((a) => {
    const which = a.stack ? `parameter '${a.parameter}' of stack '${a.stack}'` : `parameter '${a.parameter}'`;
    return `${which} at ${a.origin === 'default' ? 'its default value' : 'its allowed value'} '${clip(a.value)}'`;
  });
  const fr = assumptions.map((a) => {
    const which = a.stack ? `le paramètre '${a.parameter}' de la pile '${a.stack}'` : `le paramètre '${a.parameter}'`;
    return `${which} à ${a.origin === 'default' ? 'sa valeur par défaut' : 'sa valeur autorisée'} '${clip(a.value)}'`;
  });
  return { en: `with ${en.join(', ')}`, fr: `avec ${fr.join(', ')}` };
}

/** A resource as read under one combination of allowed values. */
export interface ResourceVariant {
  readonly resource: Resource;
  readonly assumptions: readonly Assumption[];
}

/** What the reader chose to judge a resource: the values it assumed, and its variants. */
export interface ParameterChoices {
  /** The values chosen for the resource as read (defaults). */
  readonly assumptions: readonly Assumption[];
  /** The resource under each combination of allowed values; empty when there are none. */
  readonly variants: readonly ResourceVariant[];
}

const chosen = new WeakMap<Resource, ParameterChoices>();

/** Records what the reader chose for a resource (the CloudFormation reader calls it). */
export function recordParameterChoices(resource: Resource, choices: ParameterChoices): void {
  if (choices.assumptions.length || choices.variants.length) chosen.set(resource, choices);
}

/** What the reader chose to judge `resource`, if it chose anything. */
export function parameterChoicesOf(resource: Resource): ParameterChoices | undefined {
  return chosen.get(resource);
}

function problemsOf(outcome: Outcome): readonly Problem[] {
  if (outcome === 'pass' || outcome === 'not-applicable') return [];
  return Array.isArray(outcome) ? (outcome as readonly Problem[]) : [outcome as Problem];
}

/** Each problem of `outcome`, its message saying which values it was judged with. */
function noted(outcome: Outcome, assumptions: readonly Assumption[]): Outcome {
  const problems = problemsOf(outcome);
  if (!problems.length || !assumptions.length) return outcome;
  const note = describeAssumptions(assumptions);
  return problems.map((p) => ({
    ...p,
    message: { en: `${p.message.en} (${note.en})`, fr: `${p.message.fr} (${note.fr})` },
  }));
}

/**
 * A resource rule's outcome on `resource`, judged as the reader chose: at the parameters'
 * defaults (each problem saying so, at the severity of a literal), or under each allowed value
 * of the parameters it uses (a problem under any is a problem, naming the value). The engine
 * runs every resource rule through it: `judgeWithParameters(resource, (r) => rule.check(r, context))`.
 */
export function judgeWithParameters(resource: Resource, check: (resource: Resource) => Outcome): Outcome {
  const choices = chosen.get(resource);
  if (!choices) return check(resource);
  if (!choices.variants.length) return noted(check(resource), choices.assumptions);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  let passed = false;
  for (const variant of choices.variants) {
    const outcome = noted(check(variant.resource), variant.assumptions);
    if (outcome === 'pass') passed = true;
    for (const problem of problemsOf(outcome)) {
      if (seen.has(problem.message.en)) continue;
      seen.add(problem.message.en);
      problems.push(problem);
    }
  }
  if (problems.length) return problems;
  return passed ? 'pass' : 'not-applicable';
}
