/**
 * IAM's matching of strings and ARNs in policy conditions (IAM User Guide: "IAM JSON policy
 * elements: Condition operators"), three-valued: a pattern with a policy variable (`${…}`)
 * cannot be decided without the request, and neither can a value with an unknown part.
 */

/** The outcome of a test: decided, or not decidable from the artifacts. */
export type Tri = true | false | 'unknown';

/** Compiled patterns: a zone's SCPs repeat a few patterns against thousands of stacks. */
const compiled = new Map<string, RegExp>();
const COMPILED_LIMIT = 10_000;

/**
 * `StringLike`: `*` matches any run of characters, `?` any one character (case-sensitive).
 * The RegExp is shared (no `g` or `y` flag may be given, so that `test` keeps no state).
 */
export function globToRegExp(pattern: string, flags = ''): RegExp {
  const key = `${flags}/${pattern}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${body}$`, flags.replace(/[gy]/g, ''));
  if (compiled.size >= COMPILED_LIMIT) compiled.clear();
  compiled.set(key, re);
  return re;
}

/** True if a pattern holds a policy variable (`${aws:username}`…), unknown before the request. */
export function hasPolicyVariable(pattern: string): boolean {
  return /\$\{[^}]*\}/.test(pattern);
}

/** `StringLike` of one value against one pattern. */
export function stringLike(value: string, pattern: string): Tri {
  if (hasPolicyVariable(pattern)) return 'unknown';
  return globToRegExp(pattern).test(value);
}

/**
 * `ArnLike`: each of the six colon-separated parts of the ARN is matched on its own, with `*`
 * and `?` wildcards that do not cross a colon (the last part keeps its colons).
 */
export function arnLike(value: string, pattern: string): Tri {
  if (hasPolicyVariable(pattern)) return 'unknown';
  const v = arnParts(value);
  let p = arnMatchers.get(pattern);
  if (p === undefined) {
    p = arnParts(pattern)?.map((part) => globToRegExp(part)) ?? null;
    if (arnMatchers.size >= COMPILED_LIMIT) arnMatchers.clear();
    arnMatchers.set(pattern, p);
  }
  if (!v || !p) return pattern === '*' ? true : stringLike(value, pattern);
  const matchers = p;
  return v.every((part, i) => matchers[i].test(part));
}

/** The six parts of an ARN (the last keeps its colons), or undefined if it has fewer. */
function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** The part matchers of each ARN pattern (null for a pattern that is not an ARN). */
const arnMatchers = new Map<string, RegExp[] | null>();

/** The parts of a condition operator: `ForAnyValue:StringNotLikeIfExists` and the like. */
export interface ConditionOperator {
  readonly qualifier?: 'ForAnyValue' | 'ForAllValues';
  /** `String`, `Arn`, `Bool`, `Numeric`, `Date`, `IpAddress`, `Null`, `BinaryEquals`… */
  readonly family: string;
  readonly negated: boolean;
  /** `Equals` or `Like` for strings and ARNs. */
  readonly mode: 'Equals' | 'Like' | 'EqualsIgnoreCase' | 'other';
  readonly ifExists: boolean;
}

/** Reads a condition operator (case-insensitively, as IAM does not: it is forgiving here). */
export function parseOperator(operator: string): ConditionOperator | undefined {
  let parsed = operators.get(operator);
  if (parsed === undefined) {
    parsed = readOperator(operator);
    if (operators.size >= COMPILED_LIMIT) operators.clear();
    operators.set(operator, parsed);
  }
  return parsed;
}

const operators = new Map<string, ConditionOperator>();

function readOperator(operator: string): ConditionOperator {
  const m = /^(?:(ForAnyValue|ForAllValues):)?(String|Arn)(Not)?(Equals|Like|EqualsIgnoreCase)(IfExists)?$/i.exec(
    operator,
  );
  if (!m) {
    return { family: operator, negated: /not/i.test(operator), mode: 'other', ifExists: /IfExists$/i.test(operator) };
  }
  const qualifier = m[1]?.toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : m[1] ? 'ForAllValues' : undefined;
  const mode = m[4].toLowerCase() === 'like' ? 'Like' : m[4].toLowerCase() === 'equals' ? 'Equals' : 'EqualsIgnoreCase';
  return {
    ...(qualifier ? { qualifier } : {}),
    family: m[2].toLowerCase() === 'arn' ? 'Arn' : 'String',
    negated: m[3] !== undefined,
    mode,
    ifExists: m[5] !== undefined,
  };
}

function or(values: readonly Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes('unknown') ? 'unknown' : false;
}

function not(value: Tri): Tri {
  return value === 'unknown' ? 'unknown' : !value;
}

/** True if `value` matches one of `patterns` under a string or ARN operator (negation ignored). */
export function matchesAny(value: string, patterns: readonly string[], op: ConditionOperator): Tri {
  return or(
    patterns.map((pattern): Tri => {
      if (op.mode === 'Equals') return hasPolicyVariable(pattern) ? 'unknown' : value === pattern;
      if (op.mode === 'EqualsIgnoreCase')
        return hasPolicyVariable(pattern) ? 'unknown' : value.toLowerCase() === pattern.toLowerCase();
      return op.family === 'Arn' ? arnLike(value, pattern) : stringLike(value, pattern);
    }),
  );
}

/**
 * Whether a string or ARN condition on a single-valued key holds for `value`, which may have
 * unknown parts: it is given as samples (the same value with different guesses for the
 * unknown parts); they must agree for the outcome to be decided.
 */
export function conditionHolds(samples: readonly string[], patterns: readonly string[], op: ConditionOperator): Tri {
  const outcomes = samples.map((value) => {
    const match = matchesAny(value, patterns, op);
    return op.negated ? not(match) : match;
  });
  if (outcomes.includes('unknown')) return 'unknown';
  return outcomes.every((o) => o === outcomes[0]) ? outcomes[0] : 'unknown';
}
