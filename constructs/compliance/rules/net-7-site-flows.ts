import type { InputRule } from '../judge/rule';
import { K8S } from '../normalize/kubernetes-facts';
import { FLOW_OBSERVES, pathVerdicts } from './network-path-rules';

/** NET-7 on Kubernetes: every declared flow between namespaces of one site is open. */
export const net7SiteFlows: InputRule = {
  id: 'NET-7/site-flows',
  control: 'NET-7',
  scope: 'input',
  title: {
    en: 'Every declared flow between namespaces is open',
    fr: 'Tout flux déclaré entre espaces de noms est ouvert',
  },
  description:
    "For each declared flow of landing-zone.json whose two workloads are placed on one site, some pod of the source namespace (WORKLOAD-TIER) can open TCP on the flow's port to some pod of the destination namespace: the source's egress policies and the destination's ingress policies both allow it. Fails naming the blocking direction and the policy that isolates it; what the objects do not tell is cannot-prove. A flow that leaves its site crosses gateways the zone does not build: reported as declared (info), not as blocked.",
  remediation: {
    en: 'Allow the flow on both sides (TierFlow builds the egress and the ingress policy), or remove it from the declaration',
    fr: 'Autoriser le flux des deux côtés (TierFlow construit la politique de sortie et celle d’entrée), ou le retirer de la déclaration',
  },
  appliesTo: [K8S.networkPolicy],
  observes: FLOW_OBSERVES,
  check: (input) => pathVerdicts(input, 'NET-7', 'kubernetes'),
};
