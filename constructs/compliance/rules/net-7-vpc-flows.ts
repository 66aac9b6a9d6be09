import type { InputRule } from '../judge/rule';
import { AWS_PATH_TYPES, FLOW_OBSERVES, pathVerdicts } from './network-path-rules';

/** NET-7 on AWS: every declared flow between tiers of one VPC passes every layer. */
export const net7VpcFlows: InputRule = {
  id: 'NET-7/vpc-flows',
  control: 'NET-7',
  scope: 'input',
  title: {
    en: 'Every declared flow between AWS tiers is open',
    fr: 'Tout flux déclaré entre tiers AWS est ouvert',
  },
  description:
    "For each declared flow of landing-zone.json whose two workloads are placed in one AWS region, the template of that region with subnets must let it through (TCP, the flow's port): a route, the source's network ACL outbound and the destination's inbound, both ACLs letting the reply back to ports 1024-65535, and the security groups of the tiers where the artifacts place some. Fails naming the blocking layer and entry; a value the template does not fix is cannot-prove. A flow whose ends are in different regions or worlds crosses gateways the zone does not build: reported as declared (info).",
  remediation: {
    en: "Open the flow in the layer named (the tier's network ACL or security group), or remove the flow from the declaration",
    fr: 'Ouvrir le flux dans la couche nommée (ACL réseau ou groupe de sécurité du tiers), ou retirer le flux de la déclaration',
  },
  appliesTo: AWS_PATH_TYPES,
  evidence: ['AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkAclEntry'],
  observes: FLOW_OBSERVES,
  check: (input) => pathVerdicts(input, 'NET-7', 'aws'),
};
