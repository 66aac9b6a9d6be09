import { statements } from '../normalize/facts';
import { isResourceRef, isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import {
  cannotProve,
  combine,
  fail,
  unknownValue,
  type Outcome,
  type Problem,
  type ResourceRule,
  type RuleContext,
} from '../judge/rule';
import { at, strings } from '../normalize/values';
import { arnAccount } from './helpers';
import { evidenceOf, observed } from '../judge/evidence';

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

/**
 * The principals the Allow statements of a key policy name (AWS, Service, Federated… or `*`),
 * as evidence; without a KeyPolicy, the own account (its root), which KMS's default policy allows.
 */
function allowedPrincipals(key: Resource): unknown {
  const policy = key.properties.KeyPolicy;
  if (policy === undefined) return [key.template.stack.account ?? '${AWS::AccountId}'];
  const found = statements(policy);
  if (isUnresolved(found)) return found;
  const shown = found
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => {
      const principal = s.Principal;
      const plain = typeof principal === 'object' && principal !== null && !isUnresolved(principal);
      return plain && !isResourceRef(principal) ? Object.values(principal).flatMap(strings) : [principal];
    })
    .map((p) => observed(p))
    .filter((p): p is string => typeof p === 'string');
  return [...new Set(shown)];
}

/** KEY-3: key policies expose keys to no one: no unconditioned `*`, no foreign account. */
export const key3KmsPolicyPrincipals: ResourceRule = {
  id: 'KEY-3/kms-policy-principals',
  control: 'KEY-3',
  scope: 'resource',
  title: {
    en: 'Key policies grant nothing to everyone or to foreign accounts',
    fr: "Les politiques de clé n'accordent rien à tous ni à des comptes étrangers",
  },
  description:
    "No Allow statement of an AWS::KMS::Key's KeyPolicy has the principal * without a Condition, or an AWS principal of a foreign account (neither the template's own account nor one the profile declares).",
  remediation: {
    en: "Grant the key only to principals of the landing zone's accounts, and condition any wildcard principal",
    fr: "N'accorder la clé qu'aux principaux des comptes de la zone d'atterrissage, et assortir d'une condition tout principal générique",
  },
  appliesTo: ['AWS::KMS::Key'],
  observes: ['principals'],
  observe(key: Resource, { profile }: RuleContext) {
    const principals = allowedPrincipals(key);
    return evidenceOf({
      principals: Array.isArray(principals) ? principals.slice(0, 20) : principals,
      principalCount: Array.isArray(principals) && principals.length > 20 ? principals.length : undefined,
      defaultKeyPolicy: key.properties.KeyPolicy === undefined || undefined,
      account: key.template.stack.account,
      allowedAccounts: profile.accountIds.length ? profile.accountIds : undefined,
    });
  },
  check(key: Resource, { profile }: RuleContext): Outcome {
    if (key.properties.KeyPolicy === undefined) return 'pass';
    const found = statements(key.properties.KeyPolicy);
    if (isUnresolved(found)) return cannotProve(unknownValue('its key policy', 'sa politique de clé', found));
    const own = key.template.stack.account;
    const problems: Problem[] = [];
    found.forEach((statement, i) => {
      if (statement.Effect !== 'Allow') return;
      const sid = typeof statement.Sid === 'string' ? `'${statement.Sid}'` : `#${i + 1}`;
      const about = (value: unknown) => ({
        evidence: evidenceOf({
          statement: typeof statement.Sid === 'string' ? statement.Sid : `#${i + 1}`,
          principal: value,
        }),
      });
      const principal = statement.Principal;
      const values = principal === '*' ? ['*'] : strings(at(principal, 'AWS'));
      for (const value of values) {
        const account = principalAccount(value, own);
        if (account === '*') {
          if (statement.Condition === undefined) {
            problems.push(
              fail(
                {
                  en: `statement ${sid} allows the principal * without a condition`,
                  fr: `l'instruction ${sid} autorise le principal * sans condition`,
                },
                about(value),
              ),
            );
          }
        } else if (account === undefined) {
          const principal = (language: 'en' | 'fr') => (isUnresolved(value) ? value.describe(language) : String(value));
          problems.push(
            cannotProve(
              {
                en: `statement ${sid}: the account of principal ${principal('en')} cannot be known`,
                fr: `instruction ${sid} : impossible de connaître le compte du principal ${principal('fr')}`,
              },
              about(value),
            ),
          );
        } else if (account !== 'own' && !profile.accountIds.includes(account)) {
          problems.push(
            own === undefined
              ? cannotProve(
                  {
                    en: `statement ${sid} grants account ${account}, and the template's own account is unknown`,
                    fr: `l'instruction ${sid} accorde l'accès au compte ${account}, et le compte propre du modèle est inconnu`,
                  },
                  about(value),
                )
              : fail(
                  {
                    en: `statement ${sid} grants the foreign account ${account}`,
                    fr: `l'instruction ${sid} accorde l'accès au compte étranger ${account}`,
                  },
                  about(value),
                ),
          );
        }
      }
    });
    return combine(problems.length ? problems : ['pass']);
  },
};
