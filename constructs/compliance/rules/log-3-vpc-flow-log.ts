import { referenced, templateResourcesOfType } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, type Outcome, type ResourceRule } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { listed } from './site-placement';

/** The flow logs of the VPC's template whose ResourceId refers to it. */
function flowLogsOf(vpc: Resource): Resource[] {
  return templateResourcesOfType(vpc.template, 'AWS::EC2::FlowLog').filter(
    (f) => referenced(f.properties.ResourceId, vpc.template) === vpc,
  );
}

/** LOG-3: every VPC has a flow log. */
export const log3VpcFlowLog: ResourceRule = {
  id: 'LOG-3/vpc-flow-log',
  control: 'LOG-3',
  scope: 'resource',
  title: {
    en: 'Every VPC records its network flows',
    fr: 'Chaque VPC enregistre ses flux réseau',
  },
  description:
    'Each AWS::EC2::VPC has an AWS::EC2::FlowLog (ResourceType VPC) in the same template whose ResourceId refers to it.',
  remediation: {
    en: 'Add an AWS::EC2::FlowLog for the VPC (vpc.addFlowLog in aws-cdk-lib, or use SegmentedVpc)',
    fr: 'Ajouter un AWS::EC2::FlowLog pour le VPC (vpc.addFlowLog dans aws-cdk-lib, ou utiliser SegmentedVpc)',
  },
  appliesTo: ['AWS::EC2::VPC'],
  evidence: ['AWS::EC2::FlowLog'],
  observes: ['flowLogs'],
  observe(vpc: Resource) {
    return evidenceOf({ flowLogs: listed(flowLogsOf(vpc).map((f) => f.id)) });
  },
  check(vpc: Resource): Outcome {
    if (flowLogsOf(vpc).length) return 'pass';
    const unknown = templateResourcesOfType(vpc.template, 'AWS::EC2::FlowLog').filter((f) =>
      isUnresolved(f.properties.ResourceId),
    );
    if (unknown.length) {
      const ids = unknown.map((f) => `'${f.id}'`).join(', ');
      return cannotProve({
        en: `no flow log refers to the VPC, and the resource of ${ids} is unknown`,
        fr: `aucun journal de flux ne désigne le VPC, et la ressource de ${ids} est inconnue`,
      });
    }
    return fail({ en: 'the VPC has no flow log', fr: "le VPC n'a aucun journal de flux" });
  },
};
