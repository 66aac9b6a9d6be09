import {
  escalationPaths,
  policiesOf,
  POLICY_TYPES,
  type EscalationPath,
  type PolicySource,
} from '../normalize/iam-policies';
import type { Resource } from '../normalize/model';
import { cannotProve, combine, fail, type Outcome, type Problem, type ResourceRule } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

function judge(path: EscalationPath, whose: { en: string; fr: string }, plural: boolean): Problem {
  const { method } = path;
  const needed = [...method.onFamily.map((a) => a.action), ...(method.compute ? [method.compute.action] : [])];
  const actions = needed.join(' + ');
  const en = `${whose.en} ${plural ? 'allow' : 'allows'} ${actions}: the principal can ${method.what.en}`;
  const fr = `${whose.fr} ${plural ? 'autorisent' : 'autorise'} ${actions} : le principal peut ${method.what.fr}`;
  const extra = {
    ...(method.kind === 'indirect' ? ({ severity: 'warning' } as const) : {}),
    evidence: evidenceOf({ method: method.id, actions: needed }),
  };
  if (path.certainty === 'maybe') {
    return cannotProve(
      {
        en: `${en}, depending on values the template does not determine`,
        fr: `${fr}, selon des valeurs que le modèle ne détermine pas`,
      },
      extra,
    );
  }
  return fail({ en, fr }, extra);
}

/** IAM-1: no policy lets its principal raise its own privileges. */
export const iam1PrivilegeEscalation: ResourceRule = {
  id: 'IAM-1/privilege-escalation',
  control: 'IAM-1',
  scope: 'resource',
  title: {
    en: 'No policy lets its principal raise its own privileges',
    fr: "Aucune politique ne permet à son principal d'élever ses propres privilèges",
  },
  description:
    'The identity policies a resource carries or attaches (the same as IAM-1/admin-policy\'s), taken together, allow no known privilege-escalation method (Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation"; pathfinding.cloud). ' +
    'Direct methods are errors: on every policy, role, user or group of the account, iam:CreatePolicyVersion, SetDefaultPolicyVersion, Attach/Put Role/User/Group Policy, AddUserToGroup, UpdateAssumeRolePolicy, CreateAccessKey, CreateLoginProfile or UpdateLoginProfile: the principal can give itself any permission, whatever else exists. ' +
    'Indirect methods are warnings, since what they reach depends on roles and functions the template may not show: iam:PassRole on every role with a service that runs code as the role passed (lambda:CreateFunction, ec2:RunInstances, ecs:RegisterTaskDefinition, cloudformation:CreateStack, codebuild:CreateProject, glue:CreateDevEndpoint or CreateJob, datapipeline:CreatePipeline, sagemaker:CreateNotebookInstance, apprunner:CreateService; an iam:PassedToService condition limits the services), sts:AssumeRole on every role, lambda:UpdateFunctionCode on every function, glue:UpdateDevEndpoint on every endpoint. ' +
    "Actions and resources are computed as for IAM-1/admin-policy; other conditions do not lift the finding; statements that already make the principal an administrator are IAM-1/admin-policy's findings, not this rule's.",
  remediation: {
    en: 'Scope IAM write actions, iam:PassRole and sts:AssumeRole to the named roles and policies the principal needs (and iam:PassRole to one service with iam:PassedToService); give principals that manage IAM a permissions boundary',
    fr: "Restreindre les actions d'écriture IAM, iam:PassRole et sts:AssumeRole aux rôles et politiques nommés dont le principal a besoin (et iam:PassRole à un service avec iam:PassedToService) ; donner une limite d'autorisations (permissions boundary) aux principaux qui gèrent IAM",
  },
  appliesTo: POLICY_TYPES,
  observes: ['policies', 'statements'],
  observe(resource: Resource) {
    // Counts from the policies read once per resource (the check's), not a second analysis.
    const { sources } = policiesOf(resource);
    return evidenceOf({
      policies: sources.length,
      statements: sources.reduce((n, s) => n + s.view.statements.length, 0),
    });
  },
  check(resource: Resource): Outcome {
    const { sources } = policiesOf(resource);
    if (!sources.length) return 'pass';
    // A method one policy allows alone is reported on that policy; one only the policies
    // allow together, on all of them.
    const alone = new Map<string, PolicySource>();
    if (sources.length > 1) {
      for (const source of sources) {
        for (const path of escalationPaths([source.view])) {
          if (path.certainty === 'yes' && !alone.has(path.method.id)) alone.set(path.method.id, source);
        }
      }
    }
    const paths = escalationPaths(sources.map((s) => s.view));
    return combine([
      'pass',
      ...paths.map((path) => {
        const source = sources.length === 1 ? sources[0] : alone.get(path.method.id);
        return source
          ? judge(path, source.where, false)
          : judge(path, { en: 'its policies together', fr: 'ses politiques ensemble' }, true);
      }),
    ]);
  },
};
