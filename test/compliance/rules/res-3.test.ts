import { readTemplate } from '../../../constructs/compliance/read/cloudformation';
import { checkInput } from '../../../constructs/compliance/check';
import { builtinProfile } from '../../../constructs/core';
import { judge, KEY, on, passed, template } from '../helpers/judge';

const trail = (props: Record<string, unknown>) =>
  template({
    ...KEY,
    TrailBucket: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: true } },
    T: {
      Type: 'AWS::CloudTrail::Trail',
      Properties: { IsLogging: true, KMSKeyId: { Ref: 'Key' }, S3BucketName: { Ref: 'TrailBucket' }, ...props },
    },
  });

describe('RES-3 (CloudFormation)', () => {
  const TRAIL = 'RES-3/trail-destination';
  test('a trail delivering to a bucket and log group of its own template passes', () => {
    const doc = trail({ CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['Group', 'Arn'] } });
    (doc.Resources as Record<string, unknown>).Group = { Type: 'AWS::Logs::LogGroup', Properties: {} };
    expect(passed(judge(doc), TRAIL, 'T')).toBe(true);
  });
  test('fails if the trail log group is in a region not allowed for the level', () => {
    const r = judge(trail({ CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:trail:*' }));
    expect(on(r, TRAIL, 'T')).toEqual([
      expect.objectContaining({ control: 'RES-3', status: 'fail', message: expect.stringContaining("'us-east-1'") }),
    ]);
  });
  test('a trail bucket outside the input cannot prove its region (S3 names carry none)', () => {
    const r = judge(trail({ S3BucketName: 'org-trail-logs' }));
    expect(on(r, TRAIL, 'T')[0]).toEqual(
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining("'org-trail-logs'") }),
    );
  });
  test("a bucket of another stack of the input is judged by that stack's region", () => {
    const profile = builtinProfile('morocco');
    const logs = readTemplate(
      { Resources: { Logs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'org-trail-logs' } } } },
      {
        file: 'Logs.template.json',
        format: 'cloudformation-json',
        stack: { name: 'Logs', region: 'us-east-1', regionOrigin: 'environment', environmentAgnostic: false, tags: {} },
      },
    );
    const app = readTemplate(trail({ S3BucketName: 'org-trail-logs' }), {
      file: 'App.template.json',
      format: 'cloudformation-json',
      stack: {
        name: 'App',
        region: 'eu-west-3',
        regionOrigin: 'environment',
        environmentAgnostic: false,
        tags: { 'sovereign-lz.io/classification': 'internal' },
      },
    });
    const r = checkInput({ templates: [logs, app], skipped: [] }, profile, { today: '2026-11-22' });
    expect(on(r, TRAIL, 'T')[0].message).toContain("'us-east-1'");
  });

  const FLOW = 'RES-3/flow-log-destination';
  const flowLog = (props: Record<string, unknown>) =>
    template({ F: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: 'vpc-1', ResourceType: 'VPC', ...props } } });
  test('a flow log to a log group of its region passes', () => {
    expect(passed(judge(flowLog({ LogGroupName: 'flows' })), FLOW, 'F')).toBe(true);
  });
  test('fails if a flow log is delivered to a region not allowed for the level', () => {
    const r = judge(
      flowLog({
        LogDestinationType: 'cloud-watch-logs',
        LogDestination: 'arn:aws:logs:ap-south-1:111111111111:log-group:f',
      }),
    );
    expect(on(r, FLOW, 'F')[0]).toEqual(
      expect.objectContaining({ status: 'fail', message: expect.stringContaining("'ap-south-1'") }),
    );
  });
  test('a flow log to a bucket outside the input cannot be proven', () => {
    const r = judge(flowLog({ LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-logs/vpc' }));
    expect(on(r, FLOW, 'F')[0].status).toBe('cannot-prove');
  });

  const SUB = 'RES-3/log-subscription-destination';
  const subscription = (arn: unknown) =>
    template({
      S: {
        Type: 'AWS::Logs::SubscriptionFilter',
        Properties: { LogGroupName: 'app', FilterPattern: '', DestinationArn: arn },
      },
    });
  test('a subscription to a stream of an allowed region passes', () => {
    expect(passed(judge(subscription('arn:aws:kinesis:eu-west-3:111111111111:stream/logs')), SUB, 'S')).toBe(true);
  });
  test('fails if a subscription streams logs of personal data abroad', () => {
    const r = judge(subscription('arn:aws:firehose:us-west-2:111111111111:deliverystream/x'), {
      stackLevel: 'personal',
    });
    expect(on(r, SUB, 'S')[0]).toEqual(expect.objectContaining({ status: 'fail', severity: 'error' }));
  });
});
