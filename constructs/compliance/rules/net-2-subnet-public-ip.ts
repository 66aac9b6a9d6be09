import { TAG_KEYS } from '../../core';
import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule } from '../judge/rule';
import { bool } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** NET-2: subnets of private tiers give no public IP at launch. */
export const net2SubnetPublicIp: ResourceRule = {
  id: 'NET-2/subnet-public-ip',
  control: 'NET-2',
  scope: 'resource',
  title: {
    en: 'Private subnets give no public IP',
    fr: "Les sous-réseaux privés n'attribuent pas d'IP publique",
  },
  description: `An AWS::EC2::Subnet with MapPublicIpOnLaunch true is tagged ${TAG_KEYS.tier}: public.`,
  remediation: {
    en: `Set MapPublicIpOnLaunch to false, or tag the subnet ${TAG_KEYS.tier}: public if it is the public tier`,
    fr: `Définir MapPublicIpOnLaunch à false, ou baliser le sous-réseau ${TAG_KEYS.tier} : public s'il s'agit du tiers public`,
  },
  appliesTo: ['AWS::EC2::Subnet'],
  observes: ['mapPublicIpOnLaunch'],
  observe(subnet: Resource) {
    return evidenceOf({
      // Absent, MapPublicIpOnLaunch is false.
      mapPublicIpOnLaunch: bool(subnet.properties.MapPublicIpOnLaunch) ?? false,
      tier: subnet.tags[TAG_KEYS.tier],
    });
  },
  check(subnet: Resource): Outcome {
    const map = bool(subnet.properties.MapPublicIpOnLaunch);
    if (isUnresolved(map)) return cannotProve(unknownValue('MapPublicIpOnLaunch', 'MapPublicIpOnLaunch', map));
    if (map !== true) return 'pass';
    const tier = subnet.tags[TAG_KEYS.tier];
    if (tier === 'public') return 'pass';
    if (tier === undefined) {
      return cannotProve({
        en: `the subnet gives public IPs at launch and has no ${TAG_KEYS.tier} tag`,
        fr: `le sous-réseau attribue des IP publiques au lancement et n'a pas de balise ${TAG_KEYS.tier}`,
      });
    }
    return fail({
      en: `the subnet of tier '${tier}' gives public IPs at launch (MapPublicIpOnLaunch true)`,
      fr: `le sous-réseau du tiers '${tier}' attribue des IP publiques au lancement (MapPublicIpOnLaunch vaut true)`,
    });
  },
};
