import type { Resource } from '../normalize/model';
import type { Outcome, ResourceRule, RuleContext } from '../judge/rule';
import { str } from '../normalize/values';
import { judgeLogDestination } from './log-destinations';

/** RES-3: flow logs are delivered to destinations in allowed regions. */
export const res3FlowLogDestination: ResourceRule = {
  id: 'RES-3/flow-log-destination',
  control: 'RES-3',
  scope: 'resource',
  title: {
    en: 'Flow logs are delivered in allowed regions',
    fr: 'Les journaux de flux sont livrés dans des régions autorisées',
  },
  description:
    "An AWS::EC2::FlowLog's LogDestination (an S3 bucket, a log group or a Firehose stream) is in a region allowed for the flow log's level; a LogGroupName is a log group of the flow log's own region. A bucket outside the input cannot prove its region.",
  remediation: {
    en: 'Deliver flow logs to a log group or bucket of an allowed region, declared in the same input',
    fr: "Livrer les journaux de flux à un groupe de journaux ou à un compartiment d'une région autorisée, déclaré parmi les mêmes artefacts vérifiés",
  },
  appliesTo: ['AWS::EC2::FlowLog'],
  check(flowLog: Resource, { profile, input }: RuleContext): Outcome {
    const destination = flowLog.properties.LogDestination;
    if (destination === undefined) return flowLog.properties.LogGroupName !== undefined ? 'pass' : 'not-applicable';
    const type = str(flowLog.properties.LogDestinationType);
    return judgeLogDestination(
      profile,
      flowLog,
      input,
      { en: 'the flow log destination', fr: 'destination du journal de flux' },
      destination,
      type === 's3' ? 'bucket' : 'arn',
    );
  },
};
