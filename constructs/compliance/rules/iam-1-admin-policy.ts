import { statements } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import type { LocalizedText } from '../../core';
import { cannotProve, combine, fail, unknownValue, type Outcome, type ResourceRule } from '../rule';
import { at, list, strings } from '../values';

const ADMIN_MANAGED_POLICY = /:iam::aws:policy\/AdministratorAccess$/;

function judgeDocument(document: unknown, where: LocalizedText): Outcome {
  const found = statements(document);
  if (isUnresolved(found)) return cannotProve(unknownValue(where.en, where.fr, found));
  const admin = found.some(
    (s) => s.Effect === 'Allow' && strings(s.Action).includes('*') && strings(s.Resource).includes('*'),
  );
  return admin
    ? fail({
        en: `${where.en} allows every action on every resource ("Action": "*", "Resource": "*")`,
        fr: `${where.fr} autorise toutes les actions sur toutes les ressources ("Action": "*", "Resource": "*")`,
      })
    : 'pass';
}

/** IAM-1: no policy grants every action on every resource. */
export const iam1AdminPolicy: ResourceRule = {
  id: 'IAM-1/admin-policy',
  control: 'IAM-1',
  scope: 'resource',
  title: {
    en: 'No policy grants every action on every resource',
    fr: "Aucune politique n'accorde toutes les actions sur toutes les ressources",
  },
  description:
    'No IAM policy (AWS::IAM::Policy, ManagedPolicy, or the inline policies of a role, user or group) has an Allow statement with Action * and Resource *, and no role, user or group has the AdministratorAccess managed policy.',
  remediation: {
    en: 'Grant the actions and resources the principal needs (least privilege); keep administration to break-glass roles outside the workload',
    fr: "N'accorder que les actions et les ressources dont le principal a besoin (moindre privilège) ; réserver l'administration à des rôles d'urgence (break-glass) hors de la charge de travail",
  },
  appliesTo: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  check(resource: Resource): Outcome {
    const p = resource.properties;
    if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
      return judgeDocument(p.PolicyDocument, { en: 'the policy', fr: 'la politique' });
    }
    const outcomes: Outcome[] = ['pass'];
    const inline = list(p.Policies);
    if (isUnresolved(inline)) {
      outcomes.push(cannotProve(unknownValue('its inline policies', 'ses politiques intégrées', inline)));
    }
    for (const policy of isUnresolved(inline) ? [] : (inline ?? [])) {
      const name = String(at(policy, 'PolicyName'));
      outcomes.push(
        judgeDocument(at(policy, 'PolicyDocument'), {
          en: `inline policy '${name}'`,
          fr: `la politique intégrée '${name}'`,
        }),
      );
    }
    const arns = strings(p.ManagedPolicyArns).map((a) =>
      typeof a === 'string' ? a : isUnresolved(a) ? (a.text ?? '') : '',
    );
    if (arns.some((arn) => ADMIN_MANAGED_POLICY.test(arn))) {
      outcomes.push(
        fail({
          en: 'it has the AdministratorAccess managed policy',
          fr: 'il dispose de la politique gérée AdministratorAccess',
        }),
      );
    }
    return combine(outcomes);
  },
};
