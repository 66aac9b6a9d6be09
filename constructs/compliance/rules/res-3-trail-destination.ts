import type { Resource } from '../normalize/model';
import { combine, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { levelOf } from './helpers';
import { destinationPlace, judgeLogDestination } from './log-destinations';
import { allowedPlaces } from './site-placement';

/** RES-3: a trail delivers its events to a bucket and log group in allowed regions. */
export const res3TrailDestination: ResourceRule = {
  id: 'RES-3/trail-destination',
  control: 'RES-3',
  scope: 'resource',
  title: {
    en: 'Trails deliver to destinations in allowed regions',
    fr: 'Les journaux de suivi livrent à des destinations situées dans des régions autorisées',
  },
  description:
    "An AWS::CloudTrail::Trail's bucket (S3BucketName) and log group (CloudWatchLogsLogGroupArn) are in a region allowed for the trail's level: in its own template, in a stack of the input with a known region, or named by an ARN with its region. A bucket outside the input cannot prove its region (S3 names carry none).",
  remediation: {
    en: 'Deliver the trail to a bucket and log group of an allowed region, declared in the same input (AuditTrail does it)',
    fr: "Livrer le journal de suivi à un compartiment et à un groupe de journaux d'une région autorisée, déclarés parmi les mêmes artefacts vérifiés (AuditTrail le fait)",
  },
  appliesTo: ['AWS::CloudTrail::Trail'],
  observes: ['bucket', 'bucketRegion', 'bucketCountry'],
  observe(trail: Resource, { profile, input }: RuleContext) {
    const { S3BucketName: bucket, CloudWatchLogsLogGroupArn: logGroup } = trail.properties;
    const bucketPlace = destinationPlace(trail, input, bucket, 'bucket');
    const groupPlace = logGroup === undefined ? undefined : destinationPlace(trail, input, logGroup, 'arn');
    const level = levelOf(trail);
    return evidenceOf({
      bucket: bucket ?? 'none',
      bucketRegion: bucketPlace.region,
      bucketCountry: bucketPlace.country,
      logGroup,
      logGroupRegion: groupPlace?.region,
      logGroupCountry: groupPlace?.country,
      level,
      ...allowedPlaces(profile, level),
    });
  },
  check(trail: Resource, { profile, input }: RuleContext): Outcome {
    return combine([
      judgeLogDestination(
        profile,
        trail,
        input,
        { en: 'the trail bucket', fr: 'compartiment du journal de suivi' },
        trail.properties.S3BucketName,
        'bucket',
      ),
      judgeLogDestination(
        profile,
        trail,
        input,
        { en: 'the trail log group', fr: 'groupe de journaux du journal de suivi' },
        trail.properties.CloudWatchLogsLogGroupArn,
        'arn',
      ),
    ]);
  },
};
