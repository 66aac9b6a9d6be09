// Compiles and evaluates ValidatingAdmissionPolicy CEL with @marcbachmann/cel-js, as the
// Kubernetes API server does. A child process of admission-policy-cel.test.ts: the library is an
// ES module only, which jest (CommonJS, Node 20) cannot load. Reads one JSON request on stdin,
// writes one JSON answer on stdout.
//
// Request: {
//   types: [{ name, fields: { field: 'cel type' } }]   object types, each after the types it uses
//   bindings: { name: 'cel type' }                      the policy's variables: object, request…
//   policies: [{ id, failurePolicy, variables, matchConditions, validations }]   their spec
//   checks: [{ id, policy, expression }]                more expressions to compile in a policy's env
//   requests: [{ id, policy, bindings: { object, oldObject, request, namespaceObject, params } }]
// }
// Answer: {
//   compiled: [{ policy, what, expression, type } | { …, error }]   every expression of every policy
//   checks: [{ id, type } | { id, error }]
//   decisions: [{ id, matched, allowed, denials: [{ validation, message, reason, error? }] }]
// }
//
// Compilation is typed, as the API server compiles a policy when it is created: `object` and
// `oldObject` are the Pod of the Kubernetes OpenAPI, `request` an AdmissionRequest, and
// `variables` has each variable with the type of its expression (a variable sees those before
// it). Evaluation is on the objects as JSON (integers as CEL ints), as the API server evaluates
// on unstructured objects: reading an absent field is an error, which `has()` avoids.
// Semantics: variables are evaluated when first used and once; an expression that errors, or
// does not give a bool, is a failure, which the failure policy (Fail by default) turns into a
// denial; a matchCondition that is false means the policy does not apply; a validation that is
// false denies, with its messageExpression, else its message, else the expression.
import { Environment } from '@marcbachmann/cel-js';

const OPTIONS = { enableOptionalTypes: true, homogeneousAggregateLiterals: false };
let environmentCount = 0;

function read(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/** JSON values as CEL values: integers as ints (BigInt), the rest as they are. */
function toCel(value) {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  }
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
}

function errorText(e) {
  return String(e && e.message ? e.message : e).split('\n')[0];
}

/**
 * The environment of the policy's types and bindings; a child of it per set of variables. The
 * types are for the checker only (values are evaluated untyped): each gets a class of its own,
 * which spares cel-js from generating converters (which fail on timestamp fields).
 */
function baseEnvironment(input) {
  const env = new Environment(OPTIONS);
  for (const t of input.types) env.registerType(t.name, { ctor: class {}, fields: t.fields });
  for (const [name, type] of Object.entries(input.bindings)) env.registerVariable(name, type);
  return env;
}

function withVariables(base, variableTypes, name) {
  const env = base.clone();
  env.registerType(name, { ctor: class {}, fields: Object.fromEntries(variableTypes) });
  env.registerVariable('variables', name);
  return env;
}

function compilePolicy(base, policy, compiled) {
  const variableTypes = [];
  const check = (env, what, expression, expected) => {
    const result = env.check(expression);
    const entry = { policy: policy.id, what, expression };
    if (!result.valid) entry.error = errorText(result.error);
    else if (expected && !['dyn', expected].includes(String(result.type))) {
      entry.error = `the expression gives ${result.type}, not ${expected}`;
    } else entry.type = String(result.type);
    compiled.push(entry);
    return entry;
  };
  for (const v of policy.variables ?? []) {
    const env = withVariables(base, variableTypes, `kubernetes.Variables${environmentCount++}`);
    const entry = check(env, `variable ${v.name}`, v.expression);
    variableTypes.push([v.name, entry.type ?? 'dyn']);
  }
  const env = withVariables(base, variableTypes, `kubernetes.Variables${environmentCount++}`);
  (policy.matchConditions ?? []).forEach((m) => check(env, `matchCondition ${m.name}`, m.expression, 'bool'));
  (policy.validations ?? []).forEach((v, i) => {
    check(env, `validation ${i}`, v.expression, 'bool');
    if (v.messageExpression) check(env, `messageExpression ${i}`, v.messageExpression, 'string');
  });
  return env;
}

function evaluator(policy) {
  const env = new Environment({ ...OPTIONS, unlistedVariablesAreDyn: true });
  const programs = new Map();
  const run = (expression, context) => {
    if (!programs.has(expression)) programs.set(expression, env.parse(expression));
    return programs.get(expression)(context);
  };
  return (bindings) => {
    const context = Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, toCel(v)]));
    const variables = {};
    for (const v of policy.variables ?? []) {
      let state;
      Object.defineProperty(variables, v.name, {
        enumerable: true,
        get() {
          if (!state) {
            try {
              state = { value: run(v.expression, context) };
            } catch (e) {
              state = { error: `variable ${v.name}: ${errorText(e)}` };
            }
          }
          if (state.error) throw new Error(state.error);
          return state.value;
        },
      });
    }
    context.variables = variables;
    const outcome = (expression) => {
      try {
        const value = run(expression, context);
        return typeof value === 'boolean' ? { value } : { error: `gives ${typeof value}, not a bool` };
      } catch (e) {
        return { error: errorText(e) };
      }
    };
    const enforced = policy.failurePolicy !== 'Ignore';
    const denials = [];
    let matched = true;
    for (const m of policy.matchConditions ?? []) {
      const r = outcome(m.expression);
      if (r.error && enforced) denials.push({ validation: -1, message: `matchCondition ${m.name}`, error: r.error });
      if (r.value === false) matched = false;
    }
    if (!matched) return { matched: false, allowed: true, denials: [] };
    if (denials.length) return { matched, allowed: false, denials };
    (policy.validations ?? []).forEach((v, i) => {
      const r = outcome(v.expression);
      if (r.value === true || (r.error && !enforced)) return;
      let message = v.message || `failed expression: ${v.expression}`;
      if (r.value === false && v.messageExpression) {
        try {
          const m = run(v.messageExpression, context);
          if (typeof m === 'string' && m.trim()) message = m;
        } catch {
          // The API server falls back on the static message.
        }
      }
      denials.push({ validation: i, message, reason: v.reason || 'Invalid', ...(r.error ? { error: r.error } : {}) });
    });
    return { matched, allowed: denials.length === 0, denials };
  };
}

const input = JSON.parse(await read(process.stdin));
const base = baseEnvironment(input);
const compiled = [];
const environments = new Map();
const evaluators = new Map();
for (const policy of input.policies) {
  environments.set(policy.id, compilePolicy(base, policy, compiled));
  evaluators.set(policy.id, evaluator(policy));
}
const checks = (input.checks ?? []).map(({ id, policy, expression }) => {
  const result = environments.get(policy).check(expression);
  return result.valid ? { id, type: String(result.type) } : { id, error: errorText(result.error) };
});
const decisions = (input.requests ?? []).map(({ id, policy, bindings }) => ({
  id,
  ...evaluators.get(policy)(bindings),
}));
process.stdout.write(JSON.stringify({ compiled, checks, decisions }));
