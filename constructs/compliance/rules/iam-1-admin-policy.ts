import { statements } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule } from '../rule';
import { at, list, strings } from '../values';

const ADMIN_MANAGED_POLICY = /:iam::aws:policy\/AdministratorAccess$/;

function judgeDocument(document: unknown, where: string): Outcome {
  const found = statements(document);
  if (isUnresolved(found)) return cannotProve(`${where} is ${found.describe()}`);
  const admin = found.some(
    (s) => s.Effect === 'Allow' && strings(s.Action).includes('*') && strings(s.Resource).includes('*'),
  );
  return admin ? fail(`${where} allows every action on every resource ("Action": "*", "Resource": "*")`) : 'pass';
}

/** IAM-1: no policy grants every action on every resource. */
export const iam1AdminPolicy: ResourceRule = {
  id: 'IAM-1/admin-policy',
  control: 'IAM-1',
  scope: 'resource',
  title: 'No policy grants every action on every resource',
  description:
    'No IAM policy (AWS::IAM::Policy, ManagedPolicy, or the inline policies of a role, user or group) has an Allow statement with Action * and Resource *, and no role, user or group has the AdministratorAccess managed policy.',
  remediation:
    'Grant the actions and resources the principal needs (least privilege); keep administration to break-glass roles outside the workload',
  appliesTo: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  check(resource: Resource): Outcome {
    const p = resource.properties;
    if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
      return judgeDocument(p.PolicyDocument, 'the policy');
    }
    const outcomes: Outcome[] = ['pass'];
    const inline = list(p.Policies);
    if (isUnresolved(inline)) outcomes.push(cannotProve(`its inline policies are ${inline.describe()}`));
    for (const policy of isUnresolved(inline) ? [] : (inline ?? [])) {
      outcomes.push(judgeDocument(at(policy, 'PolicyDocument'), `inline policy '${String(at(policy, 'PolicyName'))}'`));
    }
    const arns = strings(p.ManagedPolicyArns).map((a) =>
      typeof a === 'string' ? a : isUnresolved(a) ? (a.text ?? '') : '',
    );
    if (arns.some((arn) => ADMIN_MANAGED_POLICY.test(arn))) {
      outcomes.push(fail('it has the AdministratorAccess managed policy'));
    }
    return combine(outcomes);
  },
};
