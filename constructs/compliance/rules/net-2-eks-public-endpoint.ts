import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule } from '../rule';
import { at, bool } from '../values';

/** NET-2: EKS API endpoints are private. */
export const net2EksPublicEndpoint: ResourceRule = {
  id: 'NET-2/eks-public-endpoint',
  control: 'NET-2',
  scope: 'resource',
  title: {
    en: 'Kubernetes API endpoints are not public',
    fr: "Les points de terminaison de l'API Kubernetes ne sont pas publics",
  },
  description:
    'An AWS::EKS::Cluster has ResourcesVpcConfig.EndpointPublicAccess false (EKS makes it public by default).',
  remediation: {
    en: 'Set EndpointPublicAccess: false and EndpointPrivateAccess: true',
    fr: 'Définir EndpointPublicAccess: false et EndpointPrivateAccess: true',
  },
  appliesTo: ['AWS::EKS::Cluster'],
  check(cluster: Resource): Outcome {
    const value = bool(at(cluster.properties, 'ResourcesVpcConfig.EndpointPublicAccess'));
    if (isUnresolved(value)) return cannotProve(unknownValue('EndpointPublicAccess', 'EndpointPublicAccess', value));
    return value === false
      ? 'pass'
      : fail({
          en: `the cluster's API endpoint is public (EndpointPublicAccess ${value === undefined ? 'not set: true by default' : 'true'})`,
          fr: `le point de terminaison de l'API du cluster est public (EndpointPublicAccess ${value === undefined ? 'non défini : true par défaut' : 'vaut true'})`,
        });
  },
};
