import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule } from '../rule';
import { at, bool } from '../values';

/** NET-2: EKS API endpoints are private. */
export const net2EksPublicEndpoint: ResourceRule = {
  id: 'NET-2/eks-public-endpoint',
  control: 'NET-2',
  scope: 'resource',
  title: 'Kubernetes API endpoints are not public',
  description:
    'An AWS::EKS::Cluster has ResourcesVpcConfig.EndpointPublicAccess false (EKS makes it public by default).',
  remediation: 'Set EndpointPublicAccess: false and EndpointPrivateAccess: true',
  appliesTo: ['AWS::EKS::Cluster'],
  check(cluster: Resource): Outcome {
    const value = bool(at(cluster.properties, 'ResourcesVpcConfig.EndpointPublicAccess'));
    if (isUnresolved(value)) return cannotProve(`EndpointPublicAccess is ${value.describe()}`);
    return value === false
      ? 'pass'
      : fail(
          `the cluster's API endpoint is public (EndpointPublicAccess ${value === undefined ? 'not set: true by default' : 'true'})`,
        );
  },
};
