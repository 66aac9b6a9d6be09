import { NetworkPolicyV1, type NetworkPolicyV1SpecEgressPorts } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import type { Construct } from 'constructs';
import {
  isAtLeast,
  mostRestricted,
  TAG_KEYS,
  type ValidationProblem,
  dnsLabelFromId,
  isDnsLabel,
  isPortNumber,
  labelProblemTexts,
  NAMESPACE_NAME_LABEL,
  type LocalizedText,
} from '../core';
import { holdName, nameHolder } from './cluster-names';
import { SovereignKubernetesConstruct, type SovereignKubernetesProps } from './sovereign-kubernetes-construct';
import { SovereignNamespace } from './sovereign-namespace';

/** A transport protocol a NetworkPolicy can allow. */
export type FlowProtocol = 'TCP' | 'UDP' | 'SCTP';

/** A destination port (or port range) of a flow. */
export interface FlowPort {
  /** The destination port, 1–65535. */
  readonly port: number;
  /** The protocol. @default 'TCP' */
  readonly protocol?: FlowProtocol;
  /**
   * The last port of a range starting at `port`.
   * @default - the single port
   */
  readonly endPort?: number;
}

/** Props of a {@link TierFlow}. */
export interface TierFlowProps extends SovereignKubernetesProps {
  /** The namespace the connections start from. */
  readonly from: SovereignNamespace;
  /** The namespace the connections go to (in the same cluster; may be `from` itself). */
  readonly to: SovereignNamespace;
  /** The destination ports allowed; nothing else flows. */
  readonly ports: readonly FlowPort[];
  /**
   * Labels selecting the pods of `from` that may connect.
   * @default - every pod of `from`
   */
  readonly fromPods?: Readonly<Record<string, string>>;
  /**
   * Labels selecting the pods of `to` that may be reached.
   * @default - every pod of `to`
   */
  readonly toPods?: Readonly<Record<string, string>>;
  /**
   * The flow's name, unique in the cluster; its policies are `<name>-egress` (in `from`) and
   * `<name>-ingress` (in `to`).
   * @default - the construct id in kebab case (`AppToData` → `app-to-data`)
   */
  readonly name?: string;
}

const PROTOCOLS: readonly FlowProtocol[] = ['TCP', 'UDP', 'SCTP'];

/**
 * An explicit, typed flow between two namespaces (tiers), e.g. application → data on TCP
 * 5432, rendered as a pair of NetworkPolicies: egress from the source namespace and ingress
 * to the destination. With the namespaces' default deny, nothing else flows (NET-4).
 *
 * A flow from the public tier straight to a data-tier namespace holding `sensitive` (or more
 * restricted) data is refused (NET-2): put an application tier between them.
 *
 * @example
 * new TierFlow(cluster, 'AppToData', { from: app, to: data, ports: [{ port: 5432 }] });
 */
export class TierFlow extends SovereignKubernetesConstruct {
  /** The flow's name. */
  public readonly flowName: string;
  /** The egress policy in the source namespace. */
  public readonly egressPolicy: NetworkPolicyV1;
  /** The ingress policy in the destination namespace. */
  public readonly ingressPolicy: NetworkPolicyV1;

  constructor(scope: Construct, id: string, props: TierFlowProps) {
    const ends = props.from instanceof SovereignNamespace && props.to instanceof SovereignNamespace;
    super(scope, id, {
      ...props,
      classification:
        props.classification ??
        (ends ? mostRestricted([props.from.classification, props.to.classification]) : undefined),
    });
    const problems: ValidationProblem[] = [];
    if (!ends) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'from and to must be SovereignNamespaces',
          fr: 'from et to doivent être des SovereignNamespace',
        },
      });
      this.validate(problems);
    }
    const { from, to } = props;
    for (const [end, ns] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (ns.cluster !== this.cluster) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `${end} namespace '${ns.namespaceName}' belongs to cluster '${ns.cluster.node.path}', not '${this.cluster.node.path}'`,
            fr: `l'espace de noms ${end} '${ns.namespaceName}' appartient au cluster '${ns.cluster.node.path}', et non à '${this.cluster.node.path}'`,
          },
          remedy: {
            en: 'A NetworkPolicy only reaches pods of its own cluster',
            fr: "Une NetworkPolicy n'atteint que les pods de son propre cluster",
          },
        });
      }
    }
    const name = props.name ?? dnsLabelFromId(id);
    if (name === undefined || !isDnsLabel(name) || name.length > 55) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `name '${name ?? id}' must be a DNS label of at most 55 characters`,
          fr: `le nom '${name ?? id}' doit être un label DNS de 55 caractères au plus`,
        },
        remedy: { en: "Pass `name`, e.g. 'app-to-data'", fr: "Passez `name`, par exemple 'app-to-data'" },
      });
    }
    const clash = name === undefined ? undefined : nameHolder(this.cluster, 'flow', name);
    if (clash)
      problems.push({
        rule: 'PROPS',
        message: {
          en: `flow '${name}' is already declared by '${clash.node.path}'`,
          fr: `le flux '${name}' est déjà déclaré par '${clash.node.path}'`,
        },
      });
    problems.push(...this.portProblems(props.ports));
    for (const [what, labels] of [
      ['fromPods', props.fromPods],
      ['toPods', props.toPods],
    ] as const) {
      if (labels) problems.push(...labelProblemTexts(labels, what).map((message) => ({ rule: 'PROPS', message })));
    }
    if (
      from.tier === 'public' &&
      to.tier === 'data' &&
      isAtLeast(to.classification, 'sensitive') &&
      !this.suppressionFor('NET-2')
    ) {
      problems.push({
        rule: 'NET-2',
        message: {
          en: `the public tier ('${from.namespaceName}') may not reach the data tier of '${to.classification}' data ('${to.namespaceName}') directly`,
          fr: `le tiers public ('${from.namespaceName}') ne peut pas atteindre directement le tiers de données des données '${to.classification}' ('${to.namespaceName}')`,
        },
        source: this.sourceOf('NET-2'),
        remedy: {
          en: 'Route it through a namespace of the application tier: public → application, application → data',
          fr: 'Faites-le passer par un espace de noms du tiers application : public → application, application → données',
        },
      });
    }
    this.validate(problems);

    this.flowName = name!;
    holdName(this.cluster, 'flow', this.flowName, this);
    const ports: NetworkPolicyV1SpecEgressPorts[] = props.ports.map((p) => ({
      port: String(p.port),
      protocol: p.protocol ?? 'TCP',
      ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
    }));
    const selector = (labels?: Readonly<Record<string, string>>) => (labels ? { matchLabels: { ...labels } } : {});
    const peer = (ns: SovereignNamespace, pods?: Readonly<Record<string, string>>) => ({
      namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ns.namespaceName } },
      podSelector: selector(pods),
    });
    const labels = this.labels({ [TAG_KEYS.tier]: from.tier });
    const common = { provider: this.cluster.provider, dependsOn: [from.resource, to.resource] };
    this.egressPolicy = new NetworkPolicyV1(this, 'Egress', {
      ...common,
      metadata: { name: `${this.flowName}-egress`, namespace: from.namespaceName, labels },
      spec: {
        podSelector: selector(props.fromPods),
        policyTypes: ['Egress'],
        egress: [{ to: [peer(to, props.toPods)], ports }],
      },
    });
    this.ingressPolicy = new NetworkPolicyV1(this, 'Ingress', {
      ...common,
      metadata: {
        name: `${this.flowName}-ingress`,
        namespace: to.namespaceName,
        labels: { ...labels, [TAG_KEYS.tier]: to.tier },
      },
      spec: {
        podSelector: selector(props.toPods),
        policyTypes: ['Ingress'],
        ingress: [{ from: [peer(from, props.fromPods)], ports }],
      },
    });
    this.finish();
  }

  private portProblems(ports: readonly FlowPort[] | undefined): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    const bad = (message: LocalizedText) =>
      problems.push({
        rule: 'PROPS',
        message,
        remedy: {
          en: 'Give each port as { port: 1–65535, protocol?, endPort? }',
          fr: 'Donnez chaque port sous la forme { port: 1–65535, protocol?, endPort? }',
        },
      });
    if (!Array.isArray(ports) || ports.length === 0) {
      bad({
        en: 'ports must list at least one destination port: a flow on every port is not a declared flow',
        fr: "ports doit lister au moins un port de destination : un flux sur tous les ports n'est pas un flux déclaré",
      });
      return problems;
    }
    const seen = new Set<string>();
    ports.forEach((p, i) => {
      if (!isPortNumber(p.port))
        bad({
          en: `ports[${i}].port ${String(p.port)} is not a port number (1–65535)`,
          fr: `ports[${i}].port ${String(p.port)} n'est pas un numéro de port (1–65535)`,
        });
      if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) {
        bad({
          en: `ports[${i}].protocol '${String(p.protocol)}' is not one of ${PROTOCOLS.join(', ')}`,
          fr: `ports[${i}].protocol '${String(p.protocol)}' n'est pas l'un de ${PROTOCOLS.join(', ')}`,
        });
      }
      if (p.endPort !== undefined && (!isPortNumber(p.endPort) || p.endPort < p.port)) {
        bad({
          en: `ports[${i}].endPort ${String(p.endPort)} must be a port number ≥ port ${String(p.port)}`,
          fr: `ports[${i}].endPort ${String(p.endPort)} doit être un numéro de port ≥ port ${String(p.port)}`,
        });
      }
      const key = `${p.protocol ?? 'TCP'}/${p.port}-${p.endPort ?? p.port}`;
      if (seen.has(key)) bad({ en: `ports[${i}] repeats ${key}`, fr: `ports[${i}] répète ${key}` });
      seen.add(key);
    });
    return problems;
  }
}
