import type { LocalizedText } from '../../core';
import { isCloudFormationTemplate, parseTemplateText, readTemplate } from '../read/cloudformation';
import { isUnresolved } from '../normalize/intrinsics';
import { memoized } from '../normalize/kubernetes-facts';
import { resourcesOfType } from '../normalize/facts';
import type { CheckInput, Resource, Template } from '../normalize/model';
import { stackSetDeployment, type InstanceTarget, type StackSetDeployment } from './organization';
import { items, str } from '../normalize/values';

/**
 * The body of an `AWS::CloudFormation::StackSet` (its `TemplateBody`, a JSON or YAML string)
 * and its stack instances: the body read in the context of each target region, with the
 * StackSet's parameter values (else the body's defaults) in place of its parameters.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A StackSet's body: its parsed document and its text, or why it cannot be judged. */
export type StackSetBody =
  | { readonly kind: 'body'; readonly doc: Json; readonly text: string }
  /** The body is at `TemplateURL`, outside the input. */
  | { readonly kind: 'url' }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly why: LocalizedText }
  | { readonly kind: 'invalid'; readonly why: LocalizedText };

/** The body of a StackSet, parsed once. */
export function stackSetBody(stackSet: Resource): StackSetBody {
  return memoized(stackSet, 'stackSetBody', (): StackSetBody => {
    const raw = stackSet.properties.TemplateBody;
    if (raw === undefined || raw === null) {
      return stackSet.properties.TemplateURL !== undefined ? { kind: 'url' } : { kind: 'none' };
    }
    if (isUnresolved(raw)) {
      return {
        kind: 'unknown',
        why: {
          en: `its TemplateBody is ${raw.describe('en')}`,
          fr: `impossible de déterminer son TemplateBody (${raw.describe('fr')})`,
        },
      };
    }
    if (typeof raw !== 'string') {
      // Some tools write the body as an object: CloudFormation takes a string.
      if (isObject(raw)) return { kind: 'body', doc: raw, text: JSON.stringify(raw) };
      return {
        kind: 'invalid',
        why: { en: 'its TemplateBody is not a string', fr: "son TemplateBody n'est pas une chaîne" },
      };
    }
    try {
      const { doc } = parseTemplateText(raw, `${stackSet.file}: ${stackSet.id}.TemplateBody`);
      if (!isObject(doc) || !isCloudFormationTemplate(doc)) {
        return {
          kind: 'invalid',
          why: { en: 'its TemplateBody is not a template', fr: "son TemplateBody n'est pas un modèle" },
        };
      }
      return { kind: 'body', doc, text: raw };
    } catch (e) {
      const why = (e as Error).message;
      return {
        kind: 'invalid',
        why: { en: `its TemplateBody cannot be read: ${why}`, fr: `son TemplateBody est illisible : ${why}` },
      };
    }
  });
}

/** The values the StackSet gives its body's parameters (`Parameters`: `ParameterKey`/`ParameterValue`). */
function parameterValues(stackSet: Resource, doc: Json): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const declared = isObject(doc.Parameters) ? doc.Parameters : {};
  for (const [name, declaration] of Object.entries(declared)) {
    if (!isObject(declaration)) continue;
    const type = typeof declaration.Type === 'string' ? declaration.Type : 'String';
    // Values read from SSM at deployment are unknown here.
    if (type.startsWith('AWS::SSM::Parameter::Value')) continue;
    const given = items(stackSet.properties.Parameters).find((p) => isObject(p) && str(p.ParameterKey) === name) as
      Json | undefined;
    const value = given ? given.ParameterValue : declaration.Default;
    if (value === undefined || isUnresolved(value) || (typeof value !== 'string' && typeof value !== 'number'))
      continue;
    const text = String(value);
    values.set(name, type === 'CommaDelimitedList' || type.startsWith('List<') ? text.split(',') : text);
  }
  return values;
}

/** The body with every `Ref` to (and `${…}` of) a parameter of known value replaced by the value. */
function substitute(value: unknown, values: ReadonlyMap<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, values));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string' && values.has(value.Ref)) {
    return values.get(value.Ref);
  }
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const arg = value['Fn::Sub'];
    const local = Array.isArray(arg) && isObject(arg[1]) ? new Set(Object.keys(arg[1])) : new Set<string>();
    const replace = (text: string) =>
      text.replace(/\$\{([^!}][^}]*)\}/g, (whole, name: string) => {
        const v = values.get(name.trim());
        return !local.has(name.trim()) && typeof v === 'string' ? v : whole;
      });
    if (typeof arg === 'string') return { 'Fn::Sub': replace(arg) };
    if (Array.isArray(arg) && typeof arg[0] === 'string') {
      return { 'Fn::Sub': [replace(arg[0]), substitute(arg[1], values)] };
    }
  }
  const out: Json = {};
  for (const key of keys)
    Object.defineProperty(out, key, {
      value: substitute(value[key], values),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/**
 * The body as a stack instance in `region` reads it (account unknown: `AWS::AccountId` stays
 * a placeholder, the same in every instance of one account), or undefined if the body cannot
 * be judged. Read once per StackSet and region.
 */
export function stackInstance(stackSet: Resource, region: string): Template | undefined {
  return memoized(stackSet, `stackInstance:${region}`, () => {
    const body = stackSetBody(stackSet);
    if (body.kind !== 'body') return undefined;
    const values = parameterValues(stackSet, body.doc);
    const doc: Json = { ...body.doc };
    for (const section of ['Resources', 'Outputs', 'Conditions']) {
      if (doc[section] !== undefined) doc[section] = substitute(doc[section], values);
    }
    try {
      return readTemplate(doc, {
        file: `${stackSet.file}#${stackSet.id}`,
        format: 'cloudformation-json',
        stack: { region, regionOrigin: 'environment', environmentAgnostic: false, tags: {} },
      });
    } catch {
      return undefined;
    }
  });
}

/** Why a body's instance could not be read, for a body that parsed (a malformed resource…). */
export function instanceProblem(stackSet: Resource): LocalizedText | undefined {
  const body = stackSetBody(stackSet);
  if (body.kind !== 'body') return undefined;
  try {
    readTemplate(body.doc, {
      file: `${stackSet.id}.TemplateBody`,
      format: 'cloudformation-json',
      stack: { environmentAgnostic: true, tags: {} },
    });
    return undefined;
  } catch (e) {
    const why = (e as Error).message;
    return {
      en: `its TemplateBody is not a valid template: ${why}`,
      fr: `son TemplateBody n'est pas un modèle valide : ${why}`,
    };
  }
}

/** One stack instance a StackSet of the input creates: in a region, for a known target. */
export interface StackSetInstance {
  readonly stackSet: Resource;
  readonly deployment: StackSetDeployment;
  readonly region: string;
  /** The StackSet's body as instantiated in that region. */
  readonly instance: Template;
  readonly target: Exclude<InstanceTarget, { kind: 'unknown' }>;
}

/**
 * Every stack instance the StackSets of the input create whose region and target are known
 * (the StackSet templates' own stage excluded: they are these bodies), in the order of the
 * StackSets, their groups, regions and targets.
 */
export function* stackSetInstances(input: CheckInput): Generator<StackSetInstance> {
  for (const stackSet of resourcesOfType(input, 'AWS::CloudFormation::StackSet')) {
    if (stackSet.template.deployment?.stackSet !== undefined) continue;
    const deployment = stackSetDeployment(stackSet, input);
    for (const group of deployment.groups) {
      for (const region of group.regions) {
        const instance = stackInstance(stackSet, region);
        if (!instance) continue;
        for (const target of group.targets) {
          if (target.kind !== 'unknown') yield { stackSet, deployment, region, instance, target };
        }
      }
    }
  }
}
