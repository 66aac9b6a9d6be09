import { statements } from '../../normalize/facts';
import { isResourceRef, isUnresolved, type Unresolved } from '../../normalize/intrinsics';
import { at, show, strings } from '../../normalize/values';

/**
 * What makes a resource policy public, after the S3 user guide's "The meaning of public"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status):
 * an Allow to the principal `*` is public unless a condition pins a fixed source or principal
 * (`aws:SourceIp` other than the whole internet, `aws:SourceArn`, `aws:SourceVpc`,
 * `aws:SourceVpce`, `aws:SourceOwner`, `aws:SourceAccount`, a fixed KMS key, `aws:userid`), to
 * which IAM Access Analyzer adds the organization and principal keys. `aws:Referer` and
 * `aws:UserAgent` are set by the caller and restrict nothing.
 */

const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceIp',
    'aws:SourceArn',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceOwner',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:userid',
    's3:x-amz-server-side-encryption-aws-kms-key-id',
  ].map((k) => k.toLowerCase()),
);

/** Operators that pin a key to the values given (not their negations, not `…IfExists`). */
const PINNING_OPERATORS =
  /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/;

const WHOLE_INTERNET = new Set(['0.0.0.0/0', '::/0']);

/** True if a principal is everyone: `*`, `{ AWS: '*' }` or a list with `*`. */
export function isEveryone(principal: unknown): boolean {
  return principal === '*' || strings(at(principal, 'AWS')).includes('*');
}

/**
 * Whether a condition block pins a fixed source or principal: `true`, `false`, or the unknown
 * value that keeps it from being known.
 */
export function restricts(condition: unknown): boolean | Unresolved {
  if (isUnresolved(condition)) return condition;
  if (typeof condition !== 'object' || condition === null) return false;
  let unknown: Unresolved | undefined;
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!PINNING_OPERATORS.test(operator)) continue;
    if (isUnresolved(block)) {
      unknown ??= block;
      continue;
    }
    if (typeof block !== 'object' || block === null) continue;
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      if (!RESTRICTING_KEYS.has(key.toLowerCase())) continue;
      const values = strings(raw);
      if (!values.length) continue;
      let fixed = true;
      for (const v of values) {
        if (isResourceRef(v)) continue;
        if (isUnresolved(v)) {
          if (v.determined && !(v.text ?? '').includes('*')) continue;
          unknown ??= v;
          fixed = false;
          break;
        }
        if (v.includes('*') || v.includes('?') || WHOLE_INTERNET.has(v)) {
          fixed = false;
          break;
        }
      }
      if (fixed) return true;
    }
  }
  return unknown ?? false;
}

/** An Allow statement of a document that opens access to everyone. */
export interface PublicGrant {
  /** Its actions, as written, e.g. `s3:GetObject`. */
  readonly actions: string;
  /** True if it has a condition, which restricts no source or principal. */
  readonly conditioned: boolean;
  /** Set when a condition might restrict it but cannot be known. */
  readonly unknown?: Unresolved;
}

/** The public grants of a policy document, or why its statements cannot be read. */
export function publicGrants(document: unknown): PublicGrant[] | Unresolved {
  const found = statements(document);
  if (isUnresolved(found)) return found;
  const grants: PublicGrant[] = [];
  for (const s of found) {
    if (s.Effect !== 'Allow' || !isEveryone(s.Principal)) continue;
    const restricted = s.Condition === undefined ? false : restricts(s.Condition);
    if (restricted === true) continue;
    const actions = strings(s.Action)
      .map((a) => (typeof a === 'string' ? a : show(a)))
      .join(', ');
    grants.push({
      actions: actions || 'actions',
      conditioned: s.Condition !== undefined,
      unknown: isUnresolved(restricted) ? restricted : undefined,
    });
  }
  return grants;
}
