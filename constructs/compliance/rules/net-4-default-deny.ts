import { inNamespace, K8S, listField, mapField, nameOf } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { isJsonObject } from '../read/kubernetes-source';
import { evidenceOf } from '../judge/evidence';

const DIRECTIONS = ['Ingress', 'Egress'] as const;

/** The directions a NetworkPolicy governs (`policyTypes`, or what the API defaults it to). */
export function policyDirections(policy: Resource): string[] {
  const spec = mapField(policy.properties, 'spec');
  // The API server defaults an empty list like an absent one (SetDefaults_NetworkPolicySpec).
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length)
    return spec.policyTypes.filter((t): t is string => typeof t === 'string');
  return ['Ingress', ...(Array.isArray(spec.egress) && spec.egress.length ? ['Egress'] : [])];
}

/** True if the policy selects every pod of its namespace (an empty podSelector). */
export function selectsAllPods(policy: Resource): boolean {
  const selector = mapField(policy.properties, 'spec').podSelector;
  // podSelector is a struct, not a pointer, in the API: null decodes to the empty selector.
  if (selector === undefined || selector === null) return true;
  if (!isJsonObject(selector)) return false;
  return (
    listField(selector, 'matchExpressions').length === 0 && Object.keys(mapField(selector, 'matchLabels')).length === 0
  );
}

/** True if the policy denies `direction` to every pod: it selects all pods, governs the direction, and allows nothing. */
function deniesAll(policy: Resource, direction: (typeof DIRECTIONS)[number]): boolean {
  const rules = mapField(policy.properties, 'spec')[direction.toLowerCase()];
  return (
    selectsAllPods(policy) &&
    policyDirections(policy).includes(direction) &&
    (rules === undefined || (Array.isArray(rules) && rules.length === 0))
  );
}

/** The directions some of `policies` denies to every pod by default. */
function denied(policies: readonly Resource[]): string[] {
  return DIRECTIONS.filter((d) => policies.some((p) => deniesAll(p, d)));
}

/** NET-4: every namespace denies ingress and egress by default. */
export const net4DefaultDeny: ResourceRule = {
  id: 'NET-4/default-deny',
  control: 'NET-4',
  scope: 'resource',
  title: {
    en: 'Namespaces deny ingress and egress by default',
    fr: 'Les espaces de noms refusent par défaut le trafic entrant et sortant',
  },
  description:
    'Each Namespace holds a NetworkPolicy with an empty podSelector, policyTypes Ingress and Egress, and no rules (one policy, or one per direction), so that only declared flows pass.',
  remediation: {
    en: "Add a NetworkPolicy with podSelector {}, policyTypes ['Ingress', 'Egress'] and no rules (SovereignNamespace does it)",
    fr: "Ajouter une NetworkPolicy avec podSelector {}, policyTypes ['Ingress', 'Egress'] et aucune règle (SovereignNamespace le fait)",
  },
  appliesTo: [K8S.namespace],
  evidence: [K8S.networkPolicy],
  observes: ['namespace', 'denyPolicies', 'deniedByDefault'],
  observe(namespace: Resource, { input }: RuleContext) {
    const name = nameOf(namespace);
    const policies = name === undefined ? [] : inNamespace(namespace, input, name, K8S.networkPolicy);
    return evidenceOf({
      namespace: name,
      policyCount: policies.length,
      denyPolicies: policies
        .filter((p) => DIRECTIONS.some((d) => deniesAll(p, d)))
        .slice(0, 20)
        .map((p) => nameOf(p) ?? p.id),
      deniedByDefault: denied(policies),
    });
  },
  check(namespace: Resource, { input }: RuleContext): Outcome {
    const name = nameOf(namespace);
    if (name === undefined) return 'not-applicable';
    const policies = inNamespace(namespace, input, name, K8S.networkPolicy);
    const denies = denied(policies);
    const missing = DIRECTIONS.filter((d) => !denies.includes(d));
    if (!missing.length) return 'pass';
    const fr = { Ingress: 'entrant', Egress: 'sortant' } as const;
    return fail({
      en: `no NetworkPolicy of the namespace denies all ${missing.join(' and ').toLowerCase()} by default${policies.length ? '' : ' (it has no NetworkPolicy)'}`,
      fr: `aucune NetworkPolicy de l'espace de noms ne refuse par défaut tout le trafic ${missing.map((d) => fr[d]).join(' et ')}${policies.length ? '' : " (il n'a aucune NetworkPolicy)"}`,
    });
  },
};
