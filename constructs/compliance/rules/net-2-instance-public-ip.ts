import { TAG_KEYS } from '../../core';
import { tableRule } from './data-stores';

/** NET-2: instances get public IPs only in the public tier; databases are never public. */
export const net2InstancePublicIp = tableRule({
  id: 'NET-2/instance-public-ip',
  control: 'NET-2',
  title: {
    en: 'Instances and databases outside the public tier are not public',
    fr: 'Les instances et les bases de données hors du tiers public ne sont pas publiques',
  },
  description: `An AWS::EC2::Instance asks for a public IP only on a subnet tagged ${TAG_KEYS.tier}: public; an AWS::RDS::DBInstance is never PubliclyAccessible.`,
  remediation: {
    en: 'Remove the public IP (AssociatePublicIpAddress / PubliclyAccessible false); publish through a load balancer of the public tier',
    fr: "Supprimer l'IP publique (AssociatePublicIpAddress / PubliclyAccessible à false) ; publier par un équilibreur de charge du tiers public",
  },
  evidence: ['AWS::EC2::Subnet'],
});
