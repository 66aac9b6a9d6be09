import { inNamespace, K8S, nameOf } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/** K8S-3: every namespace is bounded by a ResourceQuota and a LimitRange. */
export const k8s3QuotaAndLimits: ResourceRule = {
  id: 'K8S-3/quota-and-limits',
  control: 'K8S-3',
  scope: 'resource',
  title: {
    en: 'Namespaces are bounded by a quota and limits',
    fr: 'Les espaces de noms sont bornés par un quota et des limites',
  },
  description: 'Each Namespace holds a ResourceQuota and a LimitRange, so that no team exhausts the cluster.',
  remediation: {
    en: 'Add a ResourceQuota and a LimitRange to the namespace (SovereignNamespace does it)',
    fr: "Ajouter un ResourceQuota et un LimitRange à l'espace de noms (SovereignNamespace le fait)",
  },
  appliesTo: [K8S.namespace],
  evidence: [K8S.resourceQuota, K8S.limitRange],
  observes: ['namespace', 'resourceQuotas', 'limitRanges'],
  observe(namespace: Resource, { input }: RuleContext) {
    const name = nameOf(namespace);
    const names = (type: string) => {
      const found = name === undefined ? [] : inNamespace(namespace, input, name, type);
      return found.length ? found.map((r) => nameOf(r) ?? r.id) : undefined;
    };
    return evidenceOf({
      namespace: name,
      resourceQuotas: names(K8S.resourceQuota),
      limitRanges: names(K8S.limitRange),
    });
  },
  check(namespace: Resource, { input }: RuleContext): Outcome {
    const name = nameOf(namespace);
    if (name === undefined) return 'not-applicable';
    const missing = [K8S.resourceQuota, K8S.limitRange].filter(
      (type) => !inNamespace(namespace, input, name, type).length,
    );
    return missing.length
      ? fail({
          en: `the namespace has no ${missing.join(' and no ')}`,
          fr:
            missing.length > 1
              ? `l'espace de noms n'a ni ${missing.join(' ni ')}`
              : `l'espace de noms n'a pas de ${missing[0]}`,
        })
      : 'pass';
  },
};
