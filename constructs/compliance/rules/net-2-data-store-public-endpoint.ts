import { tableRule } from './data-stores';

/** NET-2 for the data stores of the table: no public endpoint, public IP or direct internet access. */
export const net2DataStorePublicEndpoint = tableRule({
  id: 'NET-2/data-store-public-endpoint',
  control: 'NET-2',
  title: {
    en: 'Data stores have no public endpoint',
    fr: "Les magasins de données n'ont pas de point de terminaison public",
  },
  description:
    'A data store is reachable only from its network: PubliclyAccessible not true (with the default of each type), no domain without VPCOptions, no public broker access, no direct internet access of a notebook or domain, and launch settings ask for a public IP only on the public tier.',
  remediation: {
    en: 'Keep the data store in private subnets (PubliclyAccessible false, VPC options); publish through a load balancer or API of the public tier',
    fr: 'Garder le magasin de données dans des sous-réseaux privés (PubliclyAccessible à false, options VPC) ; publier par un équilibreur de charge ou une API du tiers public',
  },
});
