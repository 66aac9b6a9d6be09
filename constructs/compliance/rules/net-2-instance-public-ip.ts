import { TAG_KEYS } from '../../core';
import { referenced } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, combine, fail, unknownValue, type Outcome, type ResourceRule } from '../rule';
import { at, bool, list } from '../values';

/** NET-2: instances get public IPs only in the public tier; databases are never public. */
export const net2InstancePublicIp: ResourceRule = {
  id: 'NET-2/instance-public-ip',
  control: 'NET-2',
  scope: 'resource',
  title: {
    en: 'Instances and databases outside the public tier are not public',
    fr: 'Les instances et les bases de données hors du tiers public ne sont pas publiques',
  },
  description: `An AWS::EC2::Instance asks for a public IP only on a subnet tagged ${TAG_KEYS.tier}: public; an AWS::RDS::DBInstance is never PubliclyAccessible.`,
  remediation: {
    en: 'Remove the public IP (AssociatePublicIpAddress / PubliclyAccessible false); publish through a load balancer of the public tier',
    fr: "Supprimer l'IP publique (AssociatePublicIpAddress / PubliclyAccessible à false) ; publier par un équilibreur de charge du tiers public",
  },
  appliesTo: ['AWS::EC2::Instance', 'AWS::RDS::DBInstance'],
  evidence: ['AWS::EC2::Subnet'],
  check(resource: Resource): Outcome {
    if (resource.type === 'AWS::RDS::DBInstance') {
      const open = bool(resource.properties.PubliclyAccessible);
      if (isUnresolved(open)) return cannotProve(unknownValue('PubliclyAccessible', 'PubliclyAccessible', open));
      return open === true
        ? fail({ en: 'the database is publicly accessible', fr: 'la base de données est accessible publiquement' })
        : 'pass';
    }
    const interfaces = list(resource.properties.NetworkInterfaces);
    if (isUnresolved(interfaces)) {
      return cannotProve(unknownValue('its network interfaces', 'ses interfaces réseau', interfaces));
    }
    return combine(
      (interfaces ?? [])
        .map((nic): Outcome => {
          const wants = bool(at(nic, 'AssociatePublicIpAddress'));
          if (isUnresolved(wants)) {
            return cannotProve(unknownValue('AssociatePublicIpAddress', 'AssociatePublicIpAddress', wants));
          }
          if (wants !== true) return 'pass';
          const subnet = referenced(at(nic, 'SubnetId') ?? resource.properties.SubnetId, resource.template);
          const tier = subnet?.tags[TAG_KEYS.tier];
          if (tier === 'public') return 'pass';
          if (tier === undefined) {
            return cannotProve({
              en: `the instance asks for a public IP on a subnet of unknown tier`,
              fr: "l'instance demande une IP publique sur un sous-réseau de tiers inconnu",
            });
          }
          return fail({
            en: `the instance asks for a public IP on a subnet of tier '${tier}'`,
            fr: `l'instance demande une IP publique sur un sous-réseau du tiers '${tier}'`,
          });
        })
        .concat(['pass']),
    );
  },
};
