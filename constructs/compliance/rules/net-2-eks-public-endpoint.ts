import { tableRule } from './data-stores';

/** NET-2: EKS API endpoints are private. */
export const net2EksPublicEndpoint = tableRule({
  id: 'NET-2/eks-public-endpoint',
  control: 'NET-2',
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
});
