import { TAG_KEYS } from '../../core';
import { describeNamespace, field, K8S, namespaceResourceOf, tierOf } from '../kubernetes-facts';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { isUnresolved } from '../intrinsics';

const EXPOSED = new Set(['LoadBalancer', 'NodePort']);

/** NET-2: only namespaces of the public tier expose services outside the cluster. */
export const net2ServiceExposure: ResourceRule = {
  id: 'NET-2/service-exposure',
  control: 'NET-2',
  scope: 'resource',
  title: 'Only the public tier exposes services outside the cluster',
  description: `A Service of type LoadBalancer or NodePort lives in a namespace labelled ${TAG_KEYS.tier}: public. Its namespace must be in the input for the tier to be known.`,
  remediation:
    'Keep the service ClusterIP, and expose it from a namespace of the public tier through a declared flow (TierFlow)',
  appliesTo: [K8S.service],
  check(service: Resource, { input }: RuleContext): Outcome {
    const type = field(service.properties, 'spec', 'type');
    if (isUnresolved(type)) return cannotProve(`the Service's type is ${type.describe()}`);
    if (typeof type !== 'string' || !EXPOSED.has(type)) return 'not-applicable';
    const namespace = namespaceResourceOf(service, input);
    const where = describeNamespace(service.kubernetes?.namespace);
    if (!namespace) {
      return cannotProve(
        `a Service of type ${type} in ${where}, which the input does not declare: its tier is unknown`,
      );
    }
    const tier = tierOf(namespace);
    if (tier === 'public') return 'pass';
    return fail(
      tier
        ? `a Service of type ${type} exposes ${where} of the '${tier}' tier outside the cluster; only the public tier may`
        : `a Service of type ${type} exposes ${where}, which has no ${TAG_KEYS.tier} label, outside the cluster; only the public tier may`,
    );
  },
};
