import { TAG_KEYS } from '../../core';
import { referenced, templateResourcesOfType } from '../facts';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule } from '../rule';
import { str } from '../values';

/** The tiers of a route table: its own tag, or the tags of the subnets associated with it. */
function tiersOf(table: Resource): string[] {
  const own = table.tags[TAG_KEYS.tier];
  if (own) return [own];
  return templateResourcesOfType(table.template, 'AWS::EC2::SubnetRouteTableAssociation')
    .filter((a) => referenced(a.properties.RouteTableId, table.template) === table)
    .map((a) => referenced(a.properties.SubnetId, table.template)?.tags[TAG_KEYS.tier])
    .filter((t): t is string => t !== undefined);
}

/** What a route leads to, if it is the internet. */
function internetTarget(route: Resource): string | undefined {
  const p = route.properties;
  if (p.NatGatewayId !== undefined) return 'a NAT gateway';
  if (p.EgressOnlyInternetGatewayId !== undefined) return 'an egress-only internet gateway';
  if (p.GatewayId === undefined) return undefined;
  const target = referenced(p.GatewayId, route.template);
  if (target) return target.type === 'AWS::EC2::InternetGateway' ? 'an internet gateway' : undefined;
  const id = str(p.GatewayId);
  return typeof id === 'string' && id.startsWith('igw-') ? 'an internet gateway' : undefined;
}

/** NET-3: the data tier has no route to the internet. */
export const net3DataTierInternetRoute: ResourceRule = {
  id: 'NET-3/data-tier-internet-route',
  control: 'NET-3',
  scope: 'resource',
  title: 'The data tier has no route to the internet',
  description: `No AWS::EC2::Route of a route table of the data tier (tagged ${TAG_KEYS.tier}: data, or associated with subnets so tagged) leads to an internet gateway, an egress-only internet gateway or a NAT gateway.`,
  remediation: 'Remove the route; reach AWS services from the data tier through VPC endpoints',
  appliesTo: ['AWS::EC2::Route'],
  evidence: [
    'AWS::EC2::RouteTable',
    'AWS::EC2::SubnetRouteTableAssociation',
    'AWS::EC2::InternetGateway',
    'AWS::EC2::NatGateway',
  ],
  check(route: Resource): Outcome {
    const target = internetTarget(route);
    if (!target) return 'pass';
    const table = referenced(route.properties.RouteTableId, route.template);
    if (!table) {
      const id = route.properties.RouteTableId;
      return isUnresolved(id) && !id.determined
        ? cannotProve(`the route leads to ${target} from a route table that is ${id.describe()}`)
        : 'not-applicable';
    }
    const tiers = tiersOf(table);
    if (tiers.includes('data')) return fail(`route table '${table.id}' of the data tier has a route to ${target}`);
    if (!tiers.length)
      return cannotProve(
        `route table '${table.id}' leads to ${target} and its tier is unknown (no ${TAG_KEYS.tier} tag on it or its subnets)`,
      );
    return 'pass';
  },
};
