import { inCluster, K8S, listField, mapField, nameOf } from '../normalize/kubernetes-facts';
import type { CheckInput, Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { isUnresolved } from '../normalize/intrinsics';
import { evidenceOf, observed } from '../judge/evidence';

/** True if a subject is one of the cluster's own (`system:` users and groups, service accounts of kube-system). */
export function isSystemSubject(subject: Record<string, unknown>): boolean {
  const name = typeof subject.name === 'string' ? subject.name : '';
  if (subject.kind === 'ServiceAccount') return subject.namespace === 'kube-system';
  return name.startsWith('system:');
}

/** True if a role's rules grant every verb on every resource of every API group. */
function grantsEverything(role: Resource): boolean {
  const all = (v: unknown) => Array.isArray(v) && v.includes('*');
  return listField(role.properties, 'rules').some((r) => all(r.apiGroups) && all(r.resources) && all(r.verbs));
}

/** True if the role a binding names is cluster-admin, or a role of the input granting every verb on every resource. */
function bindsAdmin(binding: Resource, input: CheckInput): boolean {
  const roleRef = mapField(binding.properties, 'roleRef');
  const roleName = typeof roleRef.name === 'string' ? roleRef.name : undefined;
  const roleType = roleRef.kind === 'Role' ? K8S.role : K8S.clusterRole;
  if (roleType === K8S.clusterRole && roleName === 'cluster-admin') return true;
  const role = inCluster(binding, input, roleType).find(
    (r) =>
      nameOf(r) === roleName &&
      (roleType === K8S.clusterRole || r.kubernetes?.namespace === binding.kubernetes?.namespace),
  );
  return role !== undefined && grantsEverything(role);
}

/** IAM-1: cluster-admin (or a role granting * on *) is bound to no one but the cluster's own subjects. */
export const iam1ClusterAdminBinding: ResourceRule = {
  id: 'IAM-1/cluster-admin-binding',
  control: 'IAM-1',
  scope: 'resource',
  title: {
    en: 'No one but the system is bound to cluster-admin',
    fr: 'Seul le système est lié à cluster-admin',
  },
  description:
    "A ClusterRoleBinding or RoleBinding to the ClusterRole cluster-admin (or to a role of the input granting every verb on every resource) binds only the cluster's own subjects: system: users and groups, service accounts of kube-system. A RoleBinding to it still gives a namespace's RBAC away.",
  remediation: {
    en: "Bind people and teams to a role of least privilege in their namespace (SovereignNamespace's owner role), never cluster-admin",
    fr: 'Lier les personnes et les équipes à un rôle de moindre privilège dans leur espace de noms (le rôle de propriétaire de SovereignNamespace), jamais à cluster-admin',
  },
  appliesTo: [K8S.clusterRoleBinding, K8S.roleBinding],
  evidence: [K8S.clusterRole, K8S.role],
  observes: ['role', 'grantsEverything'],
  observe(binding: Resource, { input }: RuleContext) {
    const roleRef = mapField(binding.properties, 'roleRef');
    const subjects = listField(binding.properties, 'subjects');
    const shown = (...values: unknown[]) =>
      values
        .map((v) => observed(v))
        .filter((v) => v !== undefined)
        .join('/');
    return evidenceOf({
      role: shown(roleRef.kind === 'Role' ? 'Role' : 'ClusterRole', roleRef.name),
      grantsEverything: isUnresolved(roleRef.name) ? undefined : bindsAdmin(binding, input),
      subjects: subjects.length ? subjects.slice(0, 20).map((s) => shown(s.kind, s.namespace, s.name)) : undefined,
      subjectCount: subjects.length > 20 ? subjects.length : undefined,
    });
  },
  check(binding: Resource, { input }: RuleContext): Outcome {
    const roleRef = mapField(binding.properties, 'roleRef');
    if (isUnresolved(roleRef.name)) return cannotProve(unknownValue('the role bound', 'le rôle lié', roleRef.name));
    const roleName = typeof roleRef.name === 'string' ? roleRef.name : undefined;
    if (!bindsAdmin(binding, input)) return 'pass';
    const subjects = listField(binding.properties, 'subjects');
    const unknown = subjects.find((s) => isUnresolved(s.name) || isUnresolved(s.namespace));
    if (unknown) {
      return cannotProve({
        en: `a subject bound to ${roleName} is given by a Terraform expression`,
        fr: `un sujet lié à ${roleName} est donné par une expression Terraform`,
      });
    }
    const others = subjects.filter((s) => !isSystemSubject(s));
    if (!others.length) return 'pass';
    const who = others.map((s) => `${String(s.kind)} '${String(s.name)}'`).join(', ');
    const what =
      roleName === 'cluster-admin'
        ? { en: 'cluster-admin', fr: 'cluster-admin' }
        : {
            en: `${String(roleRef.kind)} '${roleName}' (it grants every verb on every resource)`,
            fr: `${String(roleRef.kind)} '${roleName}' (qui accorde tous les verbes sur toutes les ressources)`,
          };
    const inNamespace = binding.type === K8S.roleBinding;
    const plural = others.length > 1;
    return fail({
      en: `${who} ${plural ? 'are' : 'is'} bound to ${what.en}${inNamespace ? ' in its namespace' : ''}`,
      fr: `${who} ${plural ? 'sont liés' : 'est lié'} à ${what.fr}${inNamespace ? ' dans son espace de noms' : ''}`,
    });
  },
};
