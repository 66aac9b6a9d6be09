import { statements } from '../facts';
import { isResourceRef, isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type Problem, type ResourceRule, type RuleContext } from '../rule';
import { at, strings } from '../values';
import { arnAccount } from './helpers';

const ACCOUNT = /^\d{12}$/;

/** The account a principal value names: an id, `own`, or undefined when it cannot be known. */
function principalAccount(value: unknown, ownAccount: string | undefined): string | 'own' | '*' | undefined {
  if (isResourceRef(value)) return 'own';
  if (isUnresolved(value)) {
    if (value.determined && value.text !== undefined) {
      const account = arnAccount(value.text);
      if (account === '${AWS::AccountId}' || (account === undefined && value.refs.length)) return 'own';
      return account && ACCOUNT.test(account) ? (account === ownAccount ? 'own' : account) : undefined;
    }
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (value === '*') return '*';
  const account = ACCOUNT.test(value) ? value : arnAccount(value);
  if (account === undefined) return undefined;
  return account === ownAccount ? 'own' : account;
}

/** KEY-3: key policies expose keys to no one: no unconditioned `*`, no foreign account. */
export const key3KmsPolicyPrincipals: ResourceRule = {
  id: 'KEY-3/kms-policy-principals',
  control: 'KEY-3',
  scope: 'resource',
  title: 'Key policies grant nothing to everyone or to foreign accounts',
  description:
    "No Allow statement of an AWS::KMS::Key's KeyPolicy has the principal * without a Condition, or an AWS principal of a foreign account (neither the template's own account nor one the profile declares).",
  remediation: "Grant the key only to principals of the landing zone's accounts, and condition any wildcard principal",
  appliesTo: ['AWS::KMS::Key'],
  check(key: Resource, { profile }: RuleContext): Outcome {
    if (key.properties.KeyPolicy === undefined) return 'pass';
    const found = statements(key.properties.KeyPolicy);
    if (isUnresolved(found)) return cannotProve(`its key policy is ${found.describe()}`);
    const own = key.template.stack.account;
    const problems: Problem[] = [];
    found.forEach((statement, i) => {
      if (statement.Effect !== 'Allow') return;
      const sid = typeof statement.Sid === 'string' ? `'${statement.Sid}'` : `#${i + 1}`;
      const principal = statement.Principal;
      const values = principal === '*' ? ['*'] : strings(at(principal, 'AWS'));
      for (const value of values) {
        const account = principalAccount(value, own);
        if (account === '*') {
          if (statement.Condition === undefined)
            problems.push(fail(`statement ${sid} allows the principal * without a condition`));
        } else if (account === undefined) {
          problems.push(
            cannotProve(
              `statement ${sid}: the account of principal ${isUnresolved(value) ? value.describe() : String(value)} cannot be known`,
            ),
          );
        } else if (account !== 'own' && !profile.accountIds.includes(account)) {
          problems.push(
            own === undefined
              ? cannotProve(`statement ${sid} grants account ${account}, and the template's own account is unknown`)
              : fail(`statement ${sid} grants the foreign account ${account}`),
          );
        }
      }
    });
    return combine(problems.length ? problems : ['pass']);
  },
};
