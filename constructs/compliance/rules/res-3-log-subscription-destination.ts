import type { Resource } from '../normalize/model';
import type { Outcome, ResourceRule, RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { levelOf } from './helpers';
import { destinationPlace, judgeLogDestination } from './log-destinations';
import { allowedPlaces } from './site-placement';

/** RES-3: log subscriptions stream to destinations in allowed regions. */
export const res3LogSubscriptionDestination: ResourceRule = {
  id: 'RES-3/log-subscription-destination',
  control: 'RES-3',
  scope: 'resource',
  title: {
    en: 'Log subscriptions stream to allowed regions',
    fr: 'Les abonnements aux journaux diffusent vers des régions autorisées',
  },
  description:
    "An AWS::Logs::SubscriptionFilter's DestinationArn (a Kinesis or Firehose stream, a Lambda function, a log destination) is in a region allowed for the filter's level.",
  remediation: {
    en: 'Stream log events only to a destination of an allowed region',
    fr: "Ne diffuser les événements de journaux que vers une destination d'une région autorisée",
  },
  appliesTo: ['AWS::Logs::SubscriptionFilter'],
  observes: ['destination', 'region', 'country'],
  observe(filter: Resource, { profile, input }: RuleContext) {
    const destination = filter.properties.DestinationArn;
    const level = levelOf(filter);
    return evidenceOf({
      destination,
      ...destinationPlace(filter, input, destination, 'arn'),
      level,
      ...allowedPlaces(profile, level),
    });
  },
  check(filter: Resource, { profile, input }: RuleContext): Outcome {
    return judgeLogDestination(
      profile,
      filter,
      input,
      { en: 'the subscription destination', fr: "destination de l'abonnement" },
      filter.properties.DestinationArn,
      'arn',
    );
  },
};
