import type { Resource } from '../model';
import { combine, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { judgeLogDestination } from './log-destinations';

/** RES-3: a trail delivers its events to a bucket and log group in allowed regions. */
export const res3TrailDestination: ResourceRule = {
  id: 'RES-3/trail-destination',
  control: 'RES-3',
  scope: 'resource',
  title: 'Trails deliver to destinations in allowed regions',
  description:
    "An AWS::CloudTrail::Trail's bucket (S3BucketName) and log group (CloudWatchLogsLogGroupArn) are in a region allowed for the trail's level: in its own template, in a stack of the input with a known region, or named by an ARN with its region. A bucket outside the input cannot prove its region (S3 names carry none).",
  remediation:
    'Deliver the trail to a bucket and log group of an allowed region, declared in the same input (AuditTrail does it)',
  appliesTo: ['AWS::CloudTrail::Trail'],
  check(trail: Resource, { profile, input }: RuleContext): Outcome {
    return combine([
      judgeLogDestination(profile, trail, input, 'the trail bucket', trail.properties.S3BucketName, 'bucket'),
      judgeLogDestination(
        profile,
        trail,
        input,
        'the trail log group',
        trail.properties.CloudWatchLogsLogGroupArn,
        'arn',
      ),
    ]);
  },
};
