import type { InputRule } from '../judge/rule';
import { AWS_PATH_TYPES, PATH_OBSERVES, pathVerdicts } from './network-path-rules';

/** NET-6 on AWS: every path into a tier that holds security groups is declared or a built-in. */
export const net6TierPaths: InputRule = {
  id: 'NET-6/tier-paths',
  control: 'NET-6',
  scope: 'input',
  title: {
    en: 'Every path between tiers is a declared flow or a built-in',
    fr: 'Tout chemin entre tiers est un flux déclaré ou un usage intégré',
  },
  description:
    "For each template with subnets, the paths from each tier (sovereign-lz.io/tier) and from the internet to each other tier are computed through the routes, the network ACLs in both directions and the security groups of the destination tier (reachability/network-paths.ts). Into a tier where the artifacts place security groups (hosts), every open TCP or UDP port or ICMP type must be a declared flow of landing-zone.json between AWS workloads of the template's region on those tiers, or a built-in: HTTPS (TCP 443) and HTTP (TCP 80, which NET-1 admits for a redirect that ENC-2 judges) into the public tier, the entry, from the internet and the other tiers alike, TCP 443 to the security groups of interface VPC endpoints from inside the VPC (private service access). Fails on any other open path, naming the rule that opens it; a value the template does not fix is cannot-prove; a security group without a tier tag, in a template whose subnets are in tiers, is reported as unplaced (cannot-prove). Paths to tiers without security groups are shown as network-only in the matrix: no host of the artifacts is there. Paths within one tier are not judged.",
  remediation: {
    en: 'Narrow the security group rule to the declared flows, or declare the flow in the landing-zone declaration (flows)',
    fr: 'Restreindre la règle du groupe de sécurité aux flux déclarés, ou déclarer le flux dans la déclaration de la zone (flows)',
  },
  appliesTo: AWS_PATH_TYPES,
  observes: PATH_OBSERVES,
  check: (input) => pathVerdicts(input, 'NET-6', 'aws'),
};
