import type { InputRule } from '../judge/rule';
import { K8S } from '../normalize/kubernetes-facts';
import { PATH_OBSERVES, pathVerdicts } from './network-path-rules';

/** NET-6 on Kubernetes: every path between namespaces is declared or a built-in; sensitive egress stays in the site. */
export const net6NamespacePaths: InputRule = {
  id: 'NET-6/namespace-paths',
  control: 'NET-6',
  scope: 'input',
  title: {
    en: 'Every path between namespaces is a declared flow or a built-in',
    fr: 'Tout chemin entre espaces de noms est un flux déclaré ou un usage intégré',
  },
  description:
    "For each cluster, the paths between namespaces are computed from the NetworkPolicies (reachability/kubernetes-model.ts: egress of the source and ingress of the destination, policyTypes defaulting, selectors, named ports, endPort), ipBlocks taken as cluster-external addresses. Every open port between two namespaces must be a declared flow of landing-zone.json (its namespaces WORKLOAD-TIER, TCP, its port) or a built-in (DNS: TCP and UDP 53 to kube-system); a namespace labelled sensitive or secret reaches no address outside the cluster but its log forwarder's sink on the profile's allowlists.logSinks, on the sink's port. Fails on any other open path, naming the policy that opens it; what the objects do not tell is cannot-prove, and so is an open path when no landing-zone.json among the inputs declares the flows.",
  remediation: {
    en: 'Narrow the NetworkPolicy to the declared flows (TierFlow builds both sides), or declare the flow in the landing-zone declaration (flows)',
    fr: 'Restreindre la NetworkPolicy aux flux déclarés (TierFlow construit les deux côtés), ou déclarer le flux dans la déclaration de la zone (flows)',
  },
  appliesTo: [K8S.networkPolicy],
  observes: PATH_OBSERVES,
  check: (input) => pathVerdicts(input, 'NET-6', 'kubernetes'),
};
