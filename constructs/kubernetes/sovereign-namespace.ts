import { LimitRangeV1 } from '@cdktf/provider-kubernetes/lib/limit-range-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { ResourceQuotaV1 } from '@cdktf/provider-kubernetes/lib/resource-quota-v1';
import { RoleBindingV1, type RoleBindingV1Subject } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { RoleV1 } from '@cdktf/provider-kubernetes/lib/role-v1';
import type { Construct, IConstruct } from 'constructs';
import {
  PURPOSES,
  TAG_KEYS,
  TIERS,
  type Tier,
  type ValidationProblem,
  dnsLabelFromId,
  isDnsLabel,
  isQuantity,
  labelProblemTexts,
  NAMESPACE_NAME_LABEL,
  POD_SECURITY_VERSION,
  quantityValue,
} from '../core';
import { holdName, nameHolder } from './cluster-names';
import { OWNER_RULES, rbacProblems, VIEWER_RULES, type RbacSubject, type RoleReference } from './namespace-rbac';
import { kubernetesVersionPrerequisite, networkPolicyPrerequisite } from './prerequisites';
import { SovereignKubernetesConstruct, type SovereignKubernetesProps } from './sovereign-kubernetes-construct';

/** Caps of a namespace's ResourceQuota (K8S-3). Quantities in Kubernetes notation (`4`, `500m`, `8Gi`). */
export interface NamespaceQuota {
  /** Sum of CPU requests. @default '4' */
  readonly requestsCpu?: string;
  /** Sum of memory requests. @default '8Gi' */
  readonly requestsMemory?: string;
  /** Sum of CPU limits. @default '8' */
  readonly limitsCpu?: string;
  /** Sum of memory limits. @default '16Gi' */
  readonly limitsMemory?: string;
  /** Sum of storage requested by volume claims. @default '100Gi' */
  readonly requestsStorage?: string;
  /** Number of pods. @default 50 */
  readonly pods?: number;
  /** Number of persistent volume claims. @default 10 */
  readonly persistentVolumeClaims?: number;
  /**
   * Number of Services of type LoadBalancer. Outside the public tier it must stay 0 (NET-2).
   * @default - 0 outside the public tier; uncapped in it
   */
  readonly loadBalancers?: number;
  /**
   * Number of Services of type NodePort. Outside the public tier it must stay 0 (NET-2).
   * @default - 0 outside the public tier; uncapped in it
   */
  readonly nodePorts?: number;
}

/** Per-container defaults and bounds of a namespace's LimitRange (K8S-3). */
export interface ContainerLimits {
  /** CPU request given to a container that states none. @default '100m' */
  readonly defaultRequestCpu?: string;
  /** Memory request given to a container that states none. @default '128Mi' */
  readonly defaultRequestMemory?: string;
  /** CPU limit given to a container that states none. @default '500m' */
  readonly defaultLimitCpu?: string;
  /** Memory limit given to a container that states none. @default '512Mi' */
  readonly defaultLimitMemory?: string;
  /** The largest CPU limit a container may have. @default '2' */
  readonly maxCpu?: string;
  /** The largest memory limit a container may have. @default '4Gi' */
  readonly maxMemory?: string;
}

/** Props of a {@link SovereignNamespace}. */
export interface SovereignNamespaceProps extends SovereignKubernetesProps {
  /**
   * The namespace's name (an RFC 1123 label).
   * @default - the construct id in kebab case (`Records` → `records`)
   */
  readonly name?: string;
  /**
   * The network tier of the namespace, labelled `sovereign-lz.io/tier`; flows between tiers
   * are declared with {@link TierFlow}.
   * @default 'application'
   */
  readonly tier?: Tier;
  /**
   * The ResourceQuota's caps.
   * @default - the defaults of {@link NamespaceQuota}
   */
  readonly quota?: NamespaceQuota;
  /**
   * The LimitRange's per-container defaults and bounds.
   * @default - the defaults of {@link ContainerLimits}
   */
  readonly containerLimits?: ContainerLimits;
  /**
   * The team that owns the namespace: bound with a RoleBinding to `ownerRole`.
   * @default - nobody: only cluster administrators manage the namespace
   */
  readonly owners?: readonly RbacSubject[];
  /**
   * The role the owners get. The default role manages workloads, services, config and
   * volume claims, and reads (never writes) network policies, quotas and RBAC, so the owners
   * cannot lift the namespace's guardrails. `cluster-admin` is refused (IAM-1), and so is
   * `admin` (it rewrites the namespace's RBAC) unless IAM-1 is suppressed with a reason.
   * @default - the namespace's own Role `sovereign-lz-owner`
   */
  readonly ownerRole?: RoleReference;
  /**
   * People and groups who may read the namespace (not its secrets), through the namespace's
   * own Role `sovereign-lz-viewer`.
   * @default - nobody
   */
  readonly viewers?: readonly RbacSubject[];
  /**
   * The namespace's purpose. `logs` marks the namespace of a node-log forwarder, the built-in
   * exception of the controls (K8S-1/K8S-2 waived there): a DaemonSet may mount `/var/log`
   * read-only, so Pod Security is enforced at `privileged` while audit and warn stay at
   * `restricted`, which keeps every deviation visible. {@link LogForwarder} creates such a
   * namespace; do not run anything else in it.
   * @default - none: `restricted` is enforced
   */
  readonly purpose?: 'logs';
  /**
   * Extra labels of the namespace. The sovereign-lz and pod-security labels cannot be overridden.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Names of the objects the namespace creates in itself. */
export const NAMESPACE_OBJECT_NAMES = {
  defaultDeny: 'default-deny',
  allowDns: 'allow-dns',
  quota: 'sovereign-lz-quota',
  limits: 'sovereign-lz-limits',
  ownerRole: 'sovereign-lz-owner',
  owners: 'sovereign-lz-owners',
  viewerRole: 'sovereign-lz-viewer',
  viewers: 'sovereign-lz-viewers',
} as const;

/**
 * A namespace that is safe to hand to a team: labelled with its classification, jurisdiction
 * and tier (CLS-1); Pod Security Admission `restricted` enforced, audited and warned (K8S-1);
 * a ResourceQuota and a LimitRange (K8S-3); a default-deny NetworkPolicy for ingress and
 * egress (NET-4) with one allowance, DNS to the cluster DNS only; and RBAC for the owning
 * team through a namespaced role, never `cluster-admin` (IAM-1). Other flows are declared
 * with {@link TierFlow}.
 *
 * @example
 * const records = new SovereignNamespace(cluster, 'Records', {
 *   tier: 'data',
 *   classification: 'sensitive',
 *   owners: [{ kind: 'Group', name: 'records-team' }],
 * });
 */
export class SovereignNamespace extends SovereignKubernetesConstruct {
  /** The nearest namespace at or above `scope`, if any. */
  public static of(scope: IConstruct): SovereignNamespace | undefined {
    for (const node of [...scope.node.scopes].reverse()) if (node instanceof SovereignNamespace) return node;
    return undefined;
  }

  /** The namespace's name. */
  public readonly namespaceName: string;
  /** Its network tier. */
  public readonly tier: Tier;
  /** Its purpose, if any. */
  public readonly purpose?: 'logs';
  /** The namespace resource: namespaced objects depend on it. */
  public readonly resource: NamespaceV1;
  /** The default-deny network policy. */
  public readonly defaultDeny: NetworkPolicyV1;
  /** The largest CPU and memory limit the LimitRange lets a container have. */
  public readonly containerMax: { readonly cpu: string; readonly memory: string };
  /** The ResourceQuota's caps, by resource (`requests.storage`, `persistentvolumeclaims`, `pods`, …). */
  public readonly quota: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: SovereignNamespaceProps = {}) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    const name = props.name ?? dnsLabelFromId(id);
    if (name === undefined || !isDnsLabel(name)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `name '${name ?? id}' is not a namespace name (an RFC 1123 label: a-z, 0-9, '-', at most 63)`,
          fr: `le nom '${name ?? id}' n'est pas un nom d'espace de noms (un label RFC 1123 : a-z, 0-9, '-', 63 caractères au plus)`,
        },
        remedy: { en: "Pass `name`, e.g. 'records'", fr: "Passez `name`, par exemple 'records'" },
      });
    } else if (name.startsWith('kube-') || name === 'default') {
      problems.push({
        rule: 'PROPS',
        message: { en: `name '${name}' is reserved by Kubernetes`, fr: `le nom '${name}' est réservé par Kubernetes` },
      });
    }
    const tier = props.tier ?? (props.purpose === PURPOSES.logs ? 'management' : 'application');
    if (props.purpose !== undefined && props.purpose !== PURPOSES.logs) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `purpose must be '${PURPOSES.logs}' if given`,
          fr: `purpose doit valoir '${PURPOSES.logs}' s'il est donné`,
        },
      });
    }
    if (!(TIERS as readonly string[]).includes(tier)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `unknown tier '${String(tier)}' (use ${TIERS.join(', ')})`,
          fr: `tiers inconnu '${String(tier)}' (utilisez ${TIERS.join(', ')})`,
        },
      });
    }
    const clash = name === undefined ? undefined : nameHolder(this.cluster, 'namespace', name);
    if (clash) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `namespace '${name}' is already declared by '${clash.node.path}'`,
          fr: `l'espace de noms '${name}' est déjà déclaré par '${clash.node.path}'`,
        },
      });
    }

    const quota = this.quotaHard(tier, props.quota ?? {}, problems);
    const limits = this.limitRange(props.containerLimits ?? {}, problems);
    const extra = props.labels ?? {};
    problems.push(...labelProblemTexts(extra, 'labels').map((message) => ({ rule: 'PROPS', message })));
    for (const key of Object.keys(extra)) {
      if (key.startsWith('sovereign-lz.io/') || key.startsWith('pod-security.kubernetes.io/')) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `labels may not set '${key}': the namespace sets it`,
            fr: `labels ne peut pas définir '${key}' : l'espace de noms le définit`,
          },
        });
      }
    }
    problems.push(
      ...rbacProblems(name ?? '', props, this.sourceOf('IAM-1'), this.suppressionFor('IAM-1') !== undefined),
    );
    this.validate(problems);

    this.namespaceName = name!;
    holdName(this.cluster, 'namespace', this.namespaceName, this);
    this.tier = tier;
    this.purpose = props.purpose;
    this.containerMax = limits.max;
    this.quota = { ...quota };
    // Pod Security is pinned to the minimum version, and the guardrails are NetworkPolicies.
    this.cluster.addPrerequisite(kubernetesVersionPrerequisite(this.cluster));
    this.cluster.addPrerequisite(networkPolicyPrerequisite(this.cluster));
    const provider = this.cluster.provider;
    this.resource = new NamespaceV1(this, 'Resource', {
      provider,
      metadata: {
        name: this.namespaceName,
        labels: {
          ...extra,
          ...this.labels({
            [TAG_KEYS.tier]: tier,
            ...(props.purpose ? { [TAG_KEYS.purpose]: props.purpose } : {}),
          }),
          ...podSecurityLabels(props.purpose === PURPOSES.logs ? 'privileged' : 'restricted'),
        },
      },
    });
    const meta = (objectName: string) => ({ name: objectName, namespace: this.namespaceName, labels: this.labels() });
    const namespaced = { provider, dependsOn: [this.resource] };

    this.defaultDeny = new NetworkPolicyV1(this, 'DefaultDeny', {
      ...namespaced,
      metadata: meta(NAMESPACE_OBJECT_NAMES.defaultDeny),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    const dns = this.cluster.clusterDns;
    new NetworkPolicyV1(this, 'AllowDns', {
      ...namespaced,
      metadata: meta(NAMESPACE_OBJECT_NAMES.allowDns),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: dns.namespace } },
                podSelector: { matchLabels: { ...dns.podLabels } },
              },
            ],
            ports: [
              { port: '53', protocol: 'UDP' },
              { port: '53', protocol: 'TCP' },
            ],
          },
        ],
      },
    });
    new ResourceQuotaV1(this, 'Quota', {
      ...namespaced,
      metadata: meta(NAMESPACE_OBJECT_NAMES.quota),
      spec: { hard: quota },
    });
    new LimitRangeV1(this, 'Limits', {
      ...namespaced,
      metadata: meta(NAMESPACE_OBJECT_NAMES.limits),
      spec: { limit: [{ type: 'Container', ...limits }] },
    });

    const subject = (s: RbacSubject): RoleBindingV1Subject =>
      s.kind === 'ServiceAccount'
        ? { kind: s.kind, name: s.name, namespace: s.namespace ?? this.namespaceName }
        : { kind: s.kind, name: s.name, apiGroup: 'rbac.authorization.k8s.io' };
    if (props.owners?.length) {
      let role = props.ownerRole;
      if (!role) {
        new RoleV1(this, 'OwnerRole', {
          ...namespaced,
          metadata: meta(NAMESPACE_OBJECT_NAMES.ownerRole),
          rule: OWNER_RULES,
        });
        role = { kind: 'Role', name: NAMESPACE_OBJECT_NAMES.ownerRole };
      }
      new RoleBindingV1(this, 'Owners', {
        ...namespaced,
        metadata: meta(NAMESPACE_OBJECT_NAMES.owners),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: role.kind, name: role.name },
        subject: props.owners.map(subject),
      });
    }
    if (props.viewers?.length) {
      new RoleV1(this, 'ViewerRole', {
        ...namespaced,
        metadata: meta(NAMESPACE_OBJECT_NAMES.viewerRole),
        rule: VIEWER_RULES,
      });
      new RoleBindingV1(this, 'Viewers', {
        ...namespaced,
        metadata: meta(NAMESPACE_OBJECT_NAMES.viewers),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAMESPACE_OBJECT_NAMES.viewerRole },
        subject: props.viewers.map(subject),
      });
    }
    this.finish();
  }

  private quotaHard(tier: Tier, q: NamespaceQuota, problems: ValidationProblem[]): Record<string, string> {
    const hard: Record<string, string> = {
      'requests.cpu': q.requestsCpu ?? '4',
      'requests.memory': q.requestsMemory ?? '8Gi',
      'limits.cpu': q.limitsCpu ?? '8',
      'limits.memory': q.limitsMemory ?? '16Gi',
      'requests.storage': q.requestsStorage ?? '100Gi',
    };
    for (const [key, value] of Object.entries(hard)) {
      if (!isQuantity(value)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `quota ${key} '${value}' is not a quantity`,
            fr: `le quota ${key} '${value}' n'est pas une quantité`,
          },
        });
      }
    }
    for (const r of ['cpu', 'memory']) {
      const req = quantityValue(hard[`requests.${r}`]);
      const lim = quantityValue(hard[`limits.${r}`]);
      if (req !== undefined && lim !== undefined && req > lim) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `quota requests.${r} exceeds limits.${r}`,
            fr: `le quota requests.${r} dépasse limits.${r}`,
          },
        });
      }
    }
    const counts: [string, number | undefined, string][] = [
      ['pods', q.pods ?? 50, 'pods'],
      ['persistentvolumeclaims', q.persistentVolumeClaims ?? 10, 'persistentVolumeClaims'],
      ['services.loadbalancers', q.loadBalancers ?? (tier === 'public' ? undefined : 0), 'loadBalancers'],
      ['services.nodeports', q.nodePorts ?? (tier === 'public' ? undefined : 0), 'nodePorts'],
    ];
    for (const [key, value, prop] of counts) {
      if (value === undefined) continue;
      if (!Number.isInteger(value) || value < 0) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `quota.${prop} must be a whole number ≥ 0, got ${value}`,
            fr: `quota.${prop} doit être un entier ≥ 0, reçu ${value}`,
          },
        });
      }
      hard[key] = String(value);
    }
    for (const [prop, value] of [
      ['loadBalancers', q.loadBalancers],
      ['nodePorts', q.nodePorts],
    ] as const) {
      if (tier !== 'public' && value !== undefined && value > 0 && !this.suppressionFor('NET-2')) {
        problems.push({
          rule: 'NET-2',
          message: {
            en: `quota.${prop} ${value} exposes services of the '${tier}' tier outside the cluster; only the public tier may`,
            fr: `quota.${prop} ${value} expose hors du cluster des services du tiers '${tier}' ; seul le tiers public le peut`,
          },
          source: this.sourceOf('NET-2'),
          remedy: {
            en: 'Expose the service from a namespace of the public tier and declare the flow with TierFlow',
            fr: 'Exposez le service depuis un espace de noms du tiers public et déclarez le flux avec TierFlow',
          },
        });
      }
    }
    return hard;
  }

  private limitRange(l: ContainerLimits, problems: ValidationProblem[]) {
    const cpu = [l.defaultRequestCpu ?? '100m', l.defaultLimitCpu ?? '500m', l.maxCpu ?? '2'];
    const memory = [l.defaultRequestMemory ?? '128Mi', l.defaultLimitMemory ?? '512Mi', l.maxMemory ?? '4Gi'];
    for (const [what, values] of [
      ['cpu', cpu],
      ['memory', memory],
    ] as const) {
      const [request, limit, max] = values.map((v) => quantityValue(v));
      values.forEach((v) => {
        if (!isQuantity(v)) {
          problems.push({
            rule: 'PROPS',
            message: {
              en: `containerLimits ${what} '${v}' is not a quantity`,
              fr: `containerLimits ${what} '${v}' n'est pas une quantité`,
            },
          });
        }
      });
      if (request !== undefined && limit !== undefined && max !== undefined && !(request <= limit && limit <= max)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `containerLimits ${what} must satisfy default request (${values[0]}) ≤ default limit (${values[1]}) ≤ max (${values[2]})`,
            fr: `containerLimits ${what} doit respecter demande par défaut (${values[0]}) ≤ limite par défaut (${values[1]}) ≤ maximum (${values[2]})`,
          },
        });
      }
    }
    return {
      defaultRequest: { cpu: cpu[0], memory: memory[0] },
      default: { cpu: cpu[1], memory: memory[1] },
      max: { cpu: cpu[2], memory: memory[2] },
    };
  }
}

/** The Pod Security Admission labels for `level`, enforced, audited and warned, pinned to the minimum version. */
export function podSecurityLabels(enforce: 'restricted' | 'baseline' | 'privileged'): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn']) {
    labels[`pod-security.kubernetes.io/${mode}`] = mode === 'enforce' ? enforce : 'restricted';
    labels[`pod-security.kubernetes.io/${mode}-version`] = POD_SECURITY_VERSION;
  }
  return labels;
}
