import { TAG_KEYS } from '../../core';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule } from '../rule';
import { bool } from '../values';

/** NET-2: subnets of private tiers give no public IP at launch. */
export const net2SubnetPublicIp: ResourceRule = {
  id: 'NET-2/subnet-public-ip',
  control: 'NET-2',
  scope: 'resource',
  title: 'Private subnets give no public IP',
  description: `An AWS::EC2::Subnet with MapPublicIpOnLaunch true is tagged ${TAG_KEYS.tier}: public.`,
  remediation: `Set MapPublicIpOnLaunch to false, or tag the subnet ${TAG_KEYS.tier}: public if it is the public tier`,
  appliesTo: ['AWS::EC2::Subnet'],
  check(subnet: Resource): Outcome {
    const map = bool(subnet.properties.MapPublicIpOnLaunch);
    if (isUnresolved(map)) return cannotProve(`MapPublicIpOnLaunch is ${map.describe()}`);
    if (map !== true) return 'pass';
    const tier = subnet.tags[TAG_KEYS.tier];
    if (tier === 'public') return 'pass';
    if (tier === undefined) return cannotProve(`the subnet gives public IPs at launch and has no ${TAG_KEYS.tier} tag`);
    return fail(`the subnet of tier '${tier}' gives public IPs at launch (MapPublicIpOnLaunch true)`);
  },
};
