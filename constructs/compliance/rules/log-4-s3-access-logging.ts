import { logBuckets, refersTo, resourcesOfType } from '../normalize/facts';
import type { CheckInput, Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { at, items, str, strings } from '../normalize/values';
import { listed } from './site-placement';

const ALL_BUCKETS = /^arn:[a-z-]+:s3(:::)?$/;

/** True if a trail records S3 data events of this bucket. */
function trailCovers(trail: Resource, bucket: Resource): boolean {
  for (const selector of items(trail.properties.EventSelectors)) {
    for (const data of items(at(selector, 'DataResources'))) {
      if (str(at(data, 'Type')) !== 'AWS::S3::Object') continue;
      if (
        strings(at(data, 'Values')).some((v) =>
          typeof v === 'string' ? ALL_BUCKETS.test(v) : refersTo(v, bucket, trail.template),
        )
      ) {
        return true;
      }
    }
  }
  for (const selector of items(trail.properties.AdvancedEventSelectors)) {
    const fields = items(at(selector, 'FieldSelectors'));
    const field = (name: string): unknown => fields.find((f) => str(at(f, 'Field')) === name);
    if (!strings(at(field('resources.type'), 'Equals')).includes('AWS::S3::Object')) continue;
    const arns = field('resources.ARN');
    if (arns === undefined || strings(at(arns, 'StartsWith')).some((v) => refersTo(v, bucket, trail.template)))
      return true;
  }
  return false;
}

/** The trails of the input that record S3 data events of the bucket. */
function coveringTrails(bucket: Resource, input: CheckInput): Resource[] {
  return resourcesOfType(input, 'AWS::CloudTrail::Trail').filter((trail) => trailCovers(trail, bucket));
}

/** LOG-4: access to data buckets is logged. */
export const log4S3AccessLogging: ResourceRule = {
  id: 'LOG-4/s3-access-logging',
  control: 'LOG-4',
  scope: 'resource',
  title: {
    en: 'Access to data buckets is logged',
    fr: 'Les accès aux compartiments de données sont journalisés',
  },
  description:
    'Every bucket that is not a log bucket has a LoggingConfiguration (server access logs), or a trail of the input records its S3 data events.',
  remediation: {
    en: 'Set LoggingConfiguration to a log bucket (serverAccessLogsBucket in aws-cdk-lib), or record S3 data events in a trail',
    fr: 'Définir LoggingConfiguration vers un compartiment de journaux (serverAccessLogsBucket dans aws-cdk-lib), ou enregistrer les événements de données S3 dans un journal de suivi',
  },
  appliesTo: ['AWS::S3::Bucket'],
  evidence: ['AWS::CloudTrail::Trail'],
  observes: ['accessLogging', 'dataEventTrails'],
  observe(bucket: Resource, { input }: RuleContext) {
    const logging = bucket.properties.LoggingConfiguration;
    return evidenceOf({
      accessLogging: logging !== undefined,
      logBucket: at(logging, 'DestinationBucketName'),
      dataEventTrails: listed(coveringTrails(bucket, input).map((t) => t.id)),
    });
  },
  check(bucket: Resource, { input }: RuleContext): Outcome {
    if (logBuckets(input).has(bucket)) return 'not-applicable';
    if (bucket.properties.LoggingConfiguration !== undefined) return 'pass';
    return coveringTrails(bucket, input).length
      ? 'pass'
      : fail({
          en: 'neither server access logging nor a trail records access to the bucket',
          fr: "ni la journalisation des accès au serveur ni un journal de suivi n'enregistrent les accès au compartiment",
        });
  },
};
