import { TAG_KEYS } from '../../core';
import { describeNamespace, field, K8S, namespaceResourceOf, tierOf } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { isUnresolved } from '../normalize/intrinsics';
import { evidenceOf } from '../judge/evidence';

const EXPOSED = new Set(['LoadBalancer', 'NodePort']);

/** NET-2: only namespaces of the public tier expose services outside the cluster. */
export const net2ServiceExposure: ResourceRule = {
  id: 'NET-2/service-exposure',
  control: 'NET-2',
  scope: 'resource',
  title: {
    en: 'Only the public tier exposes services outside the cluster',
    fr: 'Seul le tiers public expose des services hors du cluster',
  },
  description: `A Service of type LoadBalancer or NodePort lives in a namespace labelled ${TAG_KEYS.tier}: public. Its namespace must be in the input for the tier to be known.`,
  remediation: {
    en: 'Keep the service ClusterIP, and expose it from a namespace of the public tier through a declared flow (TierFlow)',
    fr: "Garder le service en ClusterIP, et l'exposer depuis un espace de noms du tiers public par un flux déclaré (TierFlow)",
  },
  appliesTo: [K8S.service],
  observes: ['serviceType', 'namespace', 'tier'],
  observe(service: Resource, { input }: RuleContext) {
    const namespace = namespaceResourceOf(service, input);
    return evidenceOf({
      serviceType: field(service.properties, 'spec', 'type'),
      namespace: service.kubernetes?.namespace,
      tier: namespace && tierOf(namespace),
    });
  },
  check(service: Resource, { input }: RuleContext): Outcome {
    const type = field(service.properties, 'spec', 'type');
    if (isUnresolved(type)) return cannotProve(unknownValue("the Service's type", 'le type du Service', type));
    if (typeof type !== 'string' || !EXPOSED.has(type)) return 'not-applicable';
    const namespace = namespaceResourceOf(service, input);
    const where = describeNamespace(service.kubernetes?.namespace);
    if (!namespace) {
      return cannotProve({
        en: `a Service of type ${type} in ${where.en}, which the input does not declare: its tier is unknown`,
        fr: `un Service de type ${type} dans ${where.fr}, que les artefacts vérifiés ne déclarent pas : son tiers est inconnu`,
      });
    }
    const tier = tierOf(namespace);
    if (tier === 'public') return 'pass';
    return fail(
      tier
        ? {
            en: `a Service of type ${type} exposes ${where.en} of the '${tier}' tier outside the cluster; only the public tier may`,
            fr: `un Service de type ${type} expose hors du cluster ${where.fr}, qui relève du tiers '${tier}' ; seul le tiers public le peut`,
          }
        : {
            en: `a Service of type ${type} exposes ${where.en}, which has no ${TAG_KEYS.tier} label, outside the cluster; only the public tier may`,
            fr: `un Service de type ${type} expose hors du cluster ${where.fr}, qui n'a pas de label ${TAG_KEYS.tier} ; seul le tiers public le peut`,
          },
    );
  },
};
