import type { LocalizedText } from '../../core';
import type { LocatedPass, LocatedProblem, TemplateRule } from '../judge/rule';
import { templateResourcesOfType } from '../normalize/facts';
import type { Resource, Template } from '../normalize/model';
import { refTarget } from '../normalize/values';
import { awsModel } from '../reachability/aws-model';
import { protocolReach, type Endpoint, type ProtocolReach } from '../reachability/aws-reachability';
import type { PortSet } from '../reachability/aws-ports';
import { evidenceOf } from '../judge/evidence';

/** The types the rule judges: the network ACLs are the boundary between tiers. */
const ACL_TYPES = ['AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkAclEntry', 'AWS::EC2::SubnetNetworkAclAssociation'];

const PROTOCOLS: ReadonlyArray<readonly [number, string]> = [
  [6, 'tcp'],
  [17, 'udp'],
  [1, 'icmp'],
];

const rangesOf = (ports: PortSet): string[] => ports.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));

function describePorts(protocol: number, ports: PortSet): string {
  const ranges = rangesOf(ports).join(', ');
  return protocol === 1 ? `ICMP types ${ranges}` : `ports ${ranges}`;
}

function describeSource(from: Endpoint): LocalizedText {
  return from === 'internet'
    ? { en: 'the internet', fr: 'Internet' }
    : { en: "the 'public' tier", fr: "le tiers 'public'" };
}

/**
 * NET-3: no path reaches the data tier from the internet or from the public tier, computed from
 * the template alone (reachability/aws-*.ts): the routes, the network ACLs in both directions
 * (return traffic to the source's ephemeral ports included) and the security groups placed in
 * each tier by their tier tag.
 */
export const net3DataTierReachability: TemplateRule = {
  id: 'NET-3/data-tier-reachability',
  control: 'NET-3',
  scope: 'template',
  title: {
    en: 'No path reaches the data tier from the internet or the public tier',
    fr: "Aucun chemin n'atteint le tiers de données depuis Internet ou le tiers public",
  },
  description:
    "For each VPC of a template, the subnets' tiers (sovereign-lz.io/tier), their routes, their network ACLs and the security groups of each tier are combined into the flows that can open: a flow passes when a route carries it, the source's ACL lets it out and the destination's ACL lets it in (rules in order, first match, implicit deny), both ACLs let the reply back on the source's ephemeral ports 1024-65535 (ACLs are stateless), and, where the tiers hold security groups, an ingress rule of the destination's admits it (a subnet without an ACL association uses the VPC's default ACL, which allows everything). Fails when a TCP or UDP port or an ICMP type of the data tier can be reached from the internet or from the public tier, naming the entries that let it through; a value the template does not fix (a parameter, a prefix list) that may open one is cannot-prove.",
  remediation: {
    en: "Deny the public tier and the internet in the data tier's network ACL (SegmentedVpc does it), and keep internet routes off the data tier",
    fr: "Refuser le tiers public et Internet dans l'ACL réseau du tiers de données (SegmentedVpc le fait), et ne laisser aucune route Internet au tiers de données",
  },
  appliesTo: ACL_TYPES,
  evidence: [
    'AWS::EC2::SubnetRouteTableAssociation',
    'AWS::EC2::Route',
    'AWS::EC2::RouteTable',
    'AWS::EC2::InternetGateway',
  ],
  observes: ['dataSubnets', 'unreachableFrom'],
  check(template: Template): ReadonlyArray<LocatedProblem | LocatedPass> {
    const acls = ACL_TYPES.flatMap((type) => templateResourcesOfType(template, type));
    const subnets = templateResourcesOfType(template, 'AWS::EC2::Subnet');
    if (!acls.length && !subnets.length) return [];
    const model = awsModel(template);
    const tiers = new Set([...model.subnets.values()].map((s) => s.tier));
    // Without ACLs (every subnet on the VPC's default ACL, which allows all), a pass sits on the data subnets.
    const judged = acls.length
      ? acls
      : subnets.filter((s) => [...model.subnets.values()].some((m) => m.id === s.id && m.tier === 'data'));
    const sources: Array<'internet' | { tier: string }> = [
      'internet',
      ...(tiers.has('public') ? [{ tier: 'public' }] : []),
    ];
    const sourceName = (from: (typeof sources)[number]) => (from === 'internet' ? 'internet' : from.tier);
    const data = [...model.subnets.values()].filter((s) => s.tier === 'data');
    // The ACLs of the data tier (an unresolved association as '').
    const dataAcls = new Set(data.map((s) => (typeof s.acl === 'string' ? s.acl : '')));
    // The passes' evidence, small (there is one per ACL resource): the data tier's size and ACLs,
    // and the tiers whose subnets use the resource's ACL.
    const aclTiers = new Map<string, Set<string>>();
    for (const s of model.subnets.values())
      if (typeof s.acl === 'string' && s.tier !== undefined)
        aclTiers.set(s.acl, (aclTiers.get(s.acl) ?? new Set()).add(s.tier));
    const shared = {
      dataSubnets: data.length,
      // With no data tier, vacuously: the sources the rule would check.
      unreachableFrom: sources.map(sourceName),
      dataAcls: data.length ? [...dataAcls].filter((a) => a !== '').sort() : undefined,
    };
    const passes = (resources: readonly Resource[]): LocatedPass[] =>
      resources.map((resource) => {
        const acl =
          resource.type === 'AWS::EC2::NetworkAcl' ? resource.id : refTarget(resource.properties.NetworkAclId);
        const served = resource.type === 'AWS::EC2::Subnet' ? ['data'] : [...(aclTiers.get(acl ?? '') ?? [])].sort();
        return {
          pass: true,
          resource,
          evidence: evidenceOf({ ...shared, tier: served.length ? served : undefined }),
        };
      });
    // No data tier in this template: nothing to keep unreachable; the ACLs were read.
    if (!tiers.has('data')) return passes(acls);
    // The finding sits on the entry that lets the flow into the data tier, else on the first
    // resource of the path found in this template.
    const located = (ids: readonly string[]): Resource | undefined => {
      const resources = ids.map((id) => template.byId.get(id.split('#')[0])).filter((r): r is Resource => !!r);
      return (
        resources.find(
          (r) => r.type === 'AWS::EC2::NetworkAclEntry' && dataAcls.has(refTarget(r.properties.NetworkAclId) ?? ''),
        ) ?? resources[0]
      );
    };
    const out: Array<LocatedProblem | LocatedPass> = [];
    for (const from of sources) {
      for (const [protocol, name] of PROTOCOLS) {
        const reach: ProtocolReach = protocolReach(model, from, 'data', protocol, true);
        const source = describeSource(from);
        if (reach.allowed.ranges.length) {
          const open = reach.ranges.find((r) => r.answer.allowed === true)!.answer;
          const resource = located(open.by) ?? judged[0];
          out.push({
            status: 'fail',
            resource,
            evidence: evidenceOf({
              from: sourceName(from),
              to: 'data',
              protocol: name,
              ports: rangesOf(reach.allowed).slice(0, 20),
              by: open.by.slice(0, 20),
            }),
            message: {
              en: `the data tier can be reached from ${source.en} over ${name}, ${describePorts(protocol, reach.allowed)}, through ${open.by.join(', ')}`,
              fr: `le tiers de données est joignable depuis ${source.fr} en ${name}, ${describePorts(protocol, reach.allowed)}, par ${open.by.join(', ')}`,
            },
          });
        } else if (reach.unknown.ranges.length) {
          const maybe = reach.ranges.find((r) => r.answer.allowed === 'unknown')!.answer;
          const why = [...(maybe.unknown ?? [])];
          out.push({
            status: 'cannot-prove',
            resource: located(why) ?? judged[0],
            evidence: evidenceOf({
              from: sourceName(from),
              to: 'data',
              protocol: name,
              ports: rangesOf(reach.unknown).slice(0, 20),
              // The ids only, without the words the model adds (`Subnet (its network ACL is not known)`).
              unknown: why.length ? why.slice(0, 20).map((id) => id.replace(/ \(.*\)$/, '')) : undefined,
            }),
            message: {
              en: `the data tier may be reachable from ${source.en} over ${name}, ${describePorts(protocol, reach.unknown)}: the template does not fix ${why.join(', ') || 'every value'}`,
              fr: `le tiers de données est peut-être joignable depuis ${source.fr} en ${name}, ${describePorts(protocol, reach.unknown)} : le modèle ne fixe pas ${why.join(', ') || 'toutes les valeurs'}`,
            },
          });
        }
      }
    }
    if (!out.length) return passes(judged);
    return out;
  },
};
