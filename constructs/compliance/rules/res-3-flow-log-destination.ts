import type { Resource } from '../normalize/model';
import type { Outcome, ResourceRule, RuleContext } from '../judge/rule';
import { str } from '../normalize/values';
import { evidenceOf, placeEvidence } from '../judge/evidence';
import { levelOf } from './helpers';
import { destinationPlace, judgeLogDestination } from './log-destinations';
import { allowedPlaces } from './site-placement';

/** How the flow log's LogDestination is read: a bucket name or ARN for `s3`, else an ARN. */
function destinationKind(flowLog: Resource): 'bucket' | 'arn' {
  return str(flowLog.properties.LogDestinationType) === 's3' ? 'bucket' : 'arn';
}

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
  observes: ['destination', 'region', 'country'],
  observe(flowLog: Resource, { profile, input }: RuleContext) {
    const { LogDestination: destination, LogGroupName: group } = flowLog.properties;
    const level = levelOf(flowLog);
    return evidenceOf({
      destination: destination ?? group,
      // A LogGroupName is a log group of the flow log's own region.
      ...(destination === undefined
        ? placeEvidence(flowLog.template)
        : destinationPlace(flowLog, input, destination, destinationKind(flowLog))),
      level,
      ...allowedPlaces(profile, level),
    });
  },
  check(flowLog: Resource, { profile, input }: RuleContext): Outcome {
    const destination = flowLog.properties.LogDestination;
    if (destination === undefined) return flowLog.properties.LogGroupName !== undefined ? 'pass' : 'not-applicable';
    return judgeLogDestination(
      profile,
      flowLog,
      input,
      { en: 'the flow log destination', fr: 'destination du journal de flux' },
      destination,
      destinationKind(flowLog),
    );
  },
};
