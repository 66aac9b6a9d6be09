import type { RoleV1Rule } from '@cdktf/provider-kubernetes/lib/role-v1';
import { type LocalizedText, type ValidationProblem, isDnsLabel } from '../core';

/** A person, group or service account bound to a role in the namespace. */
export interface RbacSubject {
  /** The kind of subject. */
  readonly kind: 'Group' | 'User' | 'ServiceAccount';
  /** Its name as the cluster's authenticator reports it (e.g. an OIDC group). */
  readonly name: string;
  /**
   * The namespace of a ServiceAccount.
   * @default - this namespace (ServiceAccount only)
   */
  readonly namespace?: string;
}

/** A role to bind the owners to, instead of the namespace's own owner role. */
export interface RoleReference {
  /** `Role` (in this namespace) or `ClusterRole` (bound only within this namespace). */
  readonly kind: 'Role' | 'ClusterRole';
  /** The role's name; never `cluster-admin` (IAM-1). */
  readonly name: string;
}

const WRITE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const READ = ['get', 'list', 'watch'];

/** What the owners of a namespace may do: run workloads, never lift its guardrails. */
export const OWNER_RULES: RoleV1Rule[] = [
  {
    apiGroups: [''],
    resources: ['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'serviceaccounts'],
    verbs: WRITE,
  },
  { apiGroups: [''], resources: ['pods/log', 'events', 'endpoints', 'resourcequotas', 'limitranges'], verbs: READ },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'deployments/scale', 'statefulsets', 'statefulsets/scale'],
    verbs: WRITE,
  },
  { apiGroups: ['apps'], resources: ['replicasets'], verbs: READ },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'], verbs: READ },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: READ },
];

/** What viewers may read: everything the owners manage except secrets. */
export const VIEWER_RULES: RoleV1Rule[] = [
  {
    apiGroups: [''],
    resources: ['pods', 'pods/log', 'services', 'configmaps', 'persistentvolumeclaims', 'events', 'endpoints'],
    verbs: READ,
  },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'replicasets'], verbs: READ },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
];

/** Group and user names no namespace owner may be: they stand for the cluster itself or everyone. */
const SYSTEM_SUBJECT = /^system:/;

/** What the RBAC props of a namespace grant, as far as the construct decides it. */
export interface NamespaceRbac {
  readonly owners?: readonly RbacSubject[];
  readonly ownerRole?: RoleReference;
  readonly viewers?: readonly RbacSubject[];
}

/**
 * Problems of a namespace's RBAC props: never `cluster-admin`, never a system identity
 * (IAM-1); `admin` only when IAM-1 is suppressed (`adminWaived`).
 */
export function rbacProblems(
  namespace: string,
  props: NamespaceRbac,
  iamSource: string,
  adminWaived: boolean,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const iam = (message: LocalizedText, remedy: LocalizedText) =>
    problems.push({ rule: 'IAM-1', message, source: iamSource, remedy });
  const role = props.ownerRole;
  if (role) {
    if (!props.owners?.length)
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'ownerRole is given but there are no owners',
          fr: "ownerRole est donné mais il n'y a aucun propriétaire (owners)",
        },
      });
    if (role.kind !== 'Role' && role.kind !== 'ClusterRole') {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `ownerRole.kind must be 'Role' or 'ClusterRole'`,
          fr: `ownerRole.kind doit valoir 'Role' ou 'ClusterRole'`,
        },
      });
    }
    if (typeof role.name !== 'string' || !/^[^\s/%]+$/.test(role.name)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `ownerRole.name '${String(role.name)}' is not a role name`,
          fr: `ownerRole.name '${String(role.name)}' n'est pas un nom de rôle`,
        },
      });
    }
    if (role.kind === 'ClusterRole' && role.name === 'cluster-admin') {
      iam(
        {
          en: `the owners of namespace '${namespace}' may not be bound to 'cluster-admin'`,
          fr: `les propriétaires de l'espace de noms '${namespace}' ne peuvent pas être liés à 'cluster-admin'`,
        },
        {
          en: 'Use the default owner role, or a namespaced Role that grants what the team needs',
          fr: "Utilisez le rôle de propriétaire par défaut, ou un Role d'espace de noms qui accorde ce dont l'équipe a besoin",
        },
      );
    }
    if (role.kind === 'ClusterRole' && role.name === 'admin' && !adminWaived) {
      iam(
        {
          en: `the owners of namespace '${namespace}' may not be bound to 'admin': it lets them rewrite the namespace's RBAC`,
          fr: `les propriétaires de l'espace de noms '${namespace}' ne peuvent pas être liés à 'admin' : il leur permet de réécrire le RBAC de l'espace de noms`,
        },
        {
          en: "Use the default owner role, or suppress IAM-1 with the reason the team needs 'admin'",
          fr: "Utilisez le rôle de propriétaire par défaut, ou levez IAM-1 par une dérogation indiquant pourquoi l'équipe a besoin de 'admin'",
        },
      );
    }
  }
  const subjects = [
    ...(props.owners ?? []).map((s, i) => [s, `owners[${i}]`] as const),
    ...(props.viewers ?? []).map((s, i) => [s, `viewers[${i}]`] as const),
  ];
  for (const [s, at] of subjects) {
    if (!['Group', 'User', 'ServiceAccount'].includes(s.kind)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `${at}.kind must be 'Group', 'User' or 'ServiceAccount'`,
          fr: `${at}.kind doit valoir 'Group', 'User' ou 'ServiceAccount'`,
        },
      });
    }
    if (typeof s.name !== 'string' || s.name.trim() === '' || /\s/.test(s.name)) {
      problems.push({
        rule: 'PROPS',
        message: { en: `${at}.name must name the subject`, fr: `${at}.name doit nommer le sujet` },
      });
    } else if (s.kind !== 'ServiceAccount' && SYSTEM_SUBJECT.test(s.name)) {
      iam(
        {
          en: `${at} '${s.name}' is a system identity (e.g. 'system:masters' bypasses RBAC, 'system:authenticated' is everyone)`,
          fr: `${at} '${s.name}' est une identité système (par exemple 'system:masters' contourne le RBAC, 'system:authenticated' désigne tout le monde)`,
        },
        { en: "Bind the team's own group", fr: "Liez le groupe propre à l'équipe" },
      );
    }
    if (
      s.kind === 'ServiceAccount' &&
      (!isDnsLabel(s.name) || (s.namespace !== undefined && !isDnsLabel(s.namespace)))
    ) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `${at} is not a service account name and namespace`,
          fr: `${at} n'est pas un nom de compte de service accompagné d'un espace de noms`,
        },
      });
    }
    if (s.kind !== 'ServiceAccount' && s.namespace !== undefined) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `${at}.namespace applies to a ServiceAccount only`,
          fr: `${at}.namespace ne s'applique qu'à un ServiceAccount`,
        },
      });
    }
  }
  return problems;
}
