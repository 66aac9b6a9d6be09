import { METADATA_KEY } from '../../core';
import { Resolver, type Unresolved } from '../normalize/intrinsics';
import type { ExportDeclaration, ImportUse, StackInfo, Template, TemplateDeployment } from '../normalize/model';

/**
 * What deploying a CloudFormation template involves beyond its resources, read from the
 * parsed document and its text once, when the template is read (see model.ts's
 * `TemplateDeployment`): the rules of the DEP family do no I/O.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function section(doc: Json, name: string): Json {
  const value = doc[name];
  return isObject(value) ? value : {};
}

/** A resolver of the template's intrinsics in its stack's context (as the template's reader has it). */
export function resolverOf(doc: Json, stack: Pick<StackInfo, 'region' | 'account' | 'name'>): Resolver {
  return new Resolver({
    resources: new Set(Object.keys(section(doc, 'Resources'))),
    parameters: new Set(Object.keys(section(doc, 'Parameters'))),
    mappings: section(doc, 'Mappings'),
    conditions: section(doc, 'Conditions'),
    region: stack.region,
    account: stack.account,
    stackName: stack.name,
  });
}

/** A path built only when an import is found: most of a template holds none. */
interface PathNode {
  readonly parent?: PathNode;
  readonly key: string | number;
}

function pathText(node: PathNode | undefined, root: string): string {
  const keys: Array<string | number> = [];
  for (let n = node; n; n = n.parent) keys.push(n.key);
  let text = root;
  for (const key of keys.reverse()) text = typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key;
  return text;
}

/** Every `Fn::ImportValue` under `value`, with its path; the walk is linear in the value's size. */
function findImports(value: unknown, path: string, out: Array<[string, unknown]>): void {
  // An explicit stack: no recursion, so that a deep document cannot overflow the call stack.
  const stack: Array<[unknown, PathNode | undefined]> = [[value, undefined]];
  while (stack.length) {
    const [current, where] = stack.pop()!;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        const item: unknown = current[i];
        if (typeof item === 'object' && item !== null) stack.push([item, { parent: where, key: i }]);
      }
    } else if (isObject(current)) {
      const keys = Object.keys(current);
      if (keys.length === 1 && keys[0] === 'Fn::ImportValue') {
        out.push([pathText(where, path), current['Fn::ImportValue']]);
        continue;
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const item = current[keys[i]];
        if (typeof item === 'object' && item !== null) stack.push([item, { parent: where, key: keys[i] }]);
      }
    }
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The deployment facts of a parsed template: `text` is the file as written (its size is what
 * a deployment sends or uploads), `stack` the context its intrinsics are resolved in.
 */
export function deploymentFacts(doc: unknown, text: string | undefined, stack: StackInfo): TemplateDeployment {
  const json = isObject(doc) ? doc : {};
  const minified = JSON.stringify(json) ?? '';
  const resolver = resolverOf(json, stack);
  const resolveName = (value: unknown): string | Unresolved => {
    const resolved = resolver.resolve(value);
    return typeof resolved === 'string' ? resolved : (resolved as Unresolved);
  };
  const exports: ExportDeclaration[] = [];
  const outputs = section(json, 'Outputs');
  for (const [id, output] of Object.entries(outputs)) {
    const name = isObject(output) && isObject(output.Export) ? output.Export.Name : undefined;
    if (name !== undefined) exports.push({ output: id, name: resolveName(name) });
  }
  const imports: ImportUse[] = [];
  for (const [id, resource] of Object.entries(section(json, 'Resources'))) {
    if (!isObject(resource)) continue;
    const found: Array<[string, unknown]> = [];
    findImports(resource.Properties, 'Properties', found);
    for (const [path, arg] of found) imports.push({ resource: id, path, name: resolveName(arg) });
  }
  for (const [id, output] of Object.entries(outputs)) {
    const found: Array<[string, unknown]> = [];
    findImports(output, `Outputs.${id}`, found);
    for (const [path, arg] of found) imports.push({ path, name: resolveName(arg) });
  }
  const metadata = json.Metadata;
  const own = isObject(metadata) ? metadata[METADATA_KEY] : undefined;
  const stackSet = isObject(own) && typeof own.stackSet === 'string' ? own.stackSet : undefined;
  return {
    bytes: text === undefined ? byteLength(minified) : byteLength(text),
    minifiedBytes: byteLength(minified),
    resourceCount: Object.keys(section(json, 'Resources')).length,
    parameterCount: Object.keys(section(json, 'Parameters')).length,
    outputCount: Object.keys(outputs).length,
    exports,
    imports,
    ...(stackSet !== undefined ? { stackSet } : {}),
  };
}

/**
 * Gives a template just read its deployment facts. The template is the reader's own fresh
 * object (its resources point at it), so it is completed in place rather than copied.
 */
export function withDeploymentFacts(template: Template, doc: unknown, text: string | undefined): Template {
  Object.assign(template as { deployment?: TemplateDeployment }, {
    deployment: deploymentFacts(doc, text, template.stack),
  });
  return template;
}
