import { TAG_KEYS, type LocalizedText } from '../../core';
import { referenced, templateResourcesOfType } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, type Outcome, type ResourceRule } from '../judge/rule';
import { str } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** The tiers of a route table: its own tag, or the tags of the subnets associated with it. */
function tiersOf(table: Resource): string[] {
  const own = table.tags[TAG_KEYS.tier];
  if (own) return [own];
  return templateResourcesOfType(table.template, 'AWS::EC2::SubnetRouteTableAssociation')
    .filter((a) => referenced(a.properties.RouteTableId, table.template) === table)
    .map((a) => referenced(a.properties.SubnetId, table.template)?.tags[TAG_KEYS.tier])
    .filter((t): t is string => t !== undefined);
}

/** An internet target, in words and as evidence (its property). */
type Target = LocalizedText & { readonly property: string };

const NAT_GATEWAY: Target = { en: 'a NAT gateway', fr: 'une passerelle NAT', property: 'NatGatewayId' };
const EGRESS_ONLY: Target = {
  en: 'an egress-only internet gateway',
  fr: 'une passerelle Internet de sortie uniquement',
  property: 'EgressOnlyInternetGatewayId',
};
const INTERNET_GATEWAY: Target = { en: 'an internet gateway', fr: 'une passerelle Internet', property: 'GatewayId' };

/** What a route leads to, if it is the internet. */
function internetTarget(route: Resource): Target | undefined {
  const p = route.properties;
  if (p.NatGatewayId !== undefined) return NAT_GATEWAY;
  if (p.EgressOnlyInternetGatewayId !== undefined) return EGRESS_ONLY;
  if (p.GatewayId === undefined) return undefined;
  const target = referenced(p.GatewayId, route.template);
  if (target) return target.type === 'AWS::EC2::InternetGateway' ? INTERNET_GATEWAY : undefined;
  const id = str(p.GatewayId);
  return typeof id === 'string' && id.startsWith('igw-') ? INTERNET_GATEWAY : undefined;
}

/** NET-3: the data tier has no route to the internet. */
export const net3DataTierInternetRoute: ResourceRule = {
  id: 'NET-3/data-tier-internet-route',
  control: 'NET-3',
  scope: 'resource',
  title: {
    en: 'The data tier has no route to the internet',
    fr: "Le tiers de données n'a aucune route vers Internet",
  },
  description: `No AWS::EC2::Route of a route table of the data tier (tagged ${TAG_KEYS.tier}: data, or associated with subnets so tagged) leads to an internet gateway, an egress-only internet gateway or a NAT gateway.`,
  remediation: {
    en: 'Remove the route; reach AWS services from the data tier through VPC endpoints',
    fr: 'Supprimer la route ; atteindre les services AWS depuis le tiers de données par des points de terminaison VPC',
  },
  appliesTo: ['AWS::EC2::Route'],
  evidence: [
    'AWS::EC2::RouteTable',
    'AWS::EC2::SubnetRouteTableAssociation',
    'AWS::EC2::InternetGateway',
    'AWS::EC2::NatGateway',
  ],
  observes: ['routeTable', 'internetRoute'],
  observe(route: Resource) {
    const target = internetTarget(route);
    const table = target && referenced(route.properties.RouteTableId, route.template);
    const tiers = table ? tiersOf(table) : [];
    return evidenceOf({
      routeTable: route.properties.RouteTableId,
      internetRoute: target !== undefined,
      gateway: target && route.properties[target.property],
      destination:
        route.properties.DestinationCidrBlock ??
        route.properties.DestinationIpv6CidrBlock ??
        route.properties.DestinationPrefixListId,
      tiers: tiers.length ? tiers : undefined,
    });
  },
  check(route: Resource): Outcome {
    const target = internetTarget(route);
    if (!target) return 'pass';
    const table = referenced(route.properties.RouteTableId, route.template);
    if (!table) {
      const id = route.properties.RouteTableId;
      return isUnresolved(id) && !id.determined
        ? cannotProve({
            en: `the route leads to ${target.en} from a route table that is ${id.describe('en')}`,
            fr: `la route mène à ${target.fr} depuis une table de routage indéterminée (${id.describe('fr')})`,
          })
        : 'not-applicable';
    }
    const tiers = tiersOf(table);
    if (tiers.includes('data')) {
      return fail({
        en: `route table '${table.id}' of the data tier has a route to ${target.en}`,
        fr: `la table de routage '${table.id}' du tiers de données a une route vers ${target.fr}`,
      });
    }
    if (!tiers.length) {
      return cannotProve({
        en: `route table '${table.id}' leads to ${target.en} and its tier is unknown (no ${TAG_KEYS.tier} tag on it or its subnets)`,
        fr: `la table de routage '${table.id}' mène à ${target.fr} et son tiers est inconnu (pas de balise ${TAG_KEYS.tier} sur elle ni sur ses sous-réseaux)`,
      });
    }
    return 'pass';
  },
};
