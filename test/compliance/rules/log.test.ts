import { judge, KEY, on, passed, template } from '../helpers/judge';

const trail = (props: Record<string, unknown> = {}, bucket: Record<string, unknown> = { ObjectLockEnabled: true }) =>
  template({
    ...KEY,
    TrailBucket: { Type: 'AWS::S3::Bucket', Properties: bucket },
    T: {
      Type: 'AWS::CloudTrail::Trail',
      Properties: {
        IsLogging: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        KMSKeyId: { Ref: 'Key' },
        S3BucketName: { Ref: 'TrailBucket' },
        ...props,
      },
    },
  });

describe('LOG-1', () => {
  test('a trail with every setting, to a locked bucket, passes', () => {
    const r = judge(trail());
    expect(passed(r, 'LOG-1/trail-settings', 'T')).toBe(true);
    expect(r.findings.filter((f) => f.rule === 'LOG-1/trail-present')).toEqual([]);
  });
  test('fails if the trail does not validate its log files', () => {
    expect(on(judge(trail({ EnableLogFileValidation: false })), 'LOG-1/trail-settings', 'T')).toEqual([
      expect.objectContaining({ control: 'LOG-1', status: 'fail', message: expect.stringContaining('not validated') }),
    ]);
  });
  test("fails if the trail's bucket has no Object Lock", () => {
    expect(on(judge(trail({}, {})), 'LOG-1/trail-settings', 'T')[0].message).toContain('no Object Lock');
  });
  test('an input without a trail is cannot-prove (a warning), not a failure', () => {
    const [f] = judge(template({ Q: { Type: 'AWS::SQS::Queue' } })).findings.filter(
      (x) => x.rule === 'LOG-1/trail-present',
    );
    expect(f).toEqual(expect.objectContaining({ status: 'cannot-prove', severity: 'warning' }));
  });
});

describe('LOG-2', () => {
  const RULE = 'LOG-2/log-group-retention';
  const group = (props: Record<string, unknown>) => template({ G: { Type: 'AWS::Logs::LogGroup', Properties: props } });
  test('a log group kept 365 days (given as a string) passes under morocco', () => {
    expect(passed(judge(group({ RetentionInDays: '365' })), RULE, 'G')).toBe(true);
  });
  test('fails if the log group keeps logs 30 days', () => {
    expect(on(judge(group({ RetentionInDays: 30 })), RULE, 'G')).toEqual([
      expect.objectContaining({
        control: 'LOG-2',
        severity: 'error',
        source: expect.stringContaining('L05-20 Art. 26'),
      }),
    ]);
  });
  test('180 days is enough under the EU profile', () => {
    expect(passed(judge(group({ RetentionInDays: 180 }), { profile: 'eu' }), RULE, 'G')).toBe(true);
  });
  test('a log group that never expires is an error for personal data and a warning otherwise', () => {
    expect(on(judge(group({}), { stackLevel: 'personal' }), RULE, 'G')[0].severity).toBe('error');
    expect(on(judge(group({}), { stackLevel: 'internal' }), RULE, 'G')[0].severity).toBe('warning');
  });
  test('fails if a log bucket expires logs before the minimum', () => {
    const doc = template({
      Logs: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          Tags: [{ Key: 'sovereign-lz.io/purpose', Value: 'logs' }],
          LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 90 }] },
        },
      },
    });
    expect(on(judge(doc), 'LOG-2/log-bucket-retention', 'Logs')[0].message).toContain('after 90 days');
  });
});

describe('LOG-3', () => {
  const vpc = { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } };
  test('a VPC with a flow log passes', () => {
    const doc = template({
      ...vpc,
      Flow: {
        Type: 'AWS::EC2::FlowLog',
        Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL' },
      },
    });
    expect(passed(judge(doc), 'LOG-3/vpc-flow-log', 'Vpc')).toBe(true);
  });
  test('fails if a VPC has no flow log', () => {
    expect(on(judge(template(vpc)), 'LOG-3/vpc-flow-log', 'Vpc')).toEqual([
      expect.objectContaining({ control: 'LOG-3', status: 'fail' }),
    ]);
  });
});

describe('LOG-4', () => {
  test('a data bucket with server access logs passes; its log bucket is not judged', () => {
    const doc = template({
      Logs: { Type: 'AWS::S3::Bucket' },
      Data: {
        Type: 'AWS::S3::Bucket',
        Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } },
      },
    });
    const r = judge(doc);
    expect(passed(r, 'LOG-4/s3-access-logging', 'Data')).toBe(true);
    expect(on(r, 'LOG-4/s3-access-logging', 'Logs')).toEqual([]);
  });
  test('a trail recording S3 data events of every bucket covers them', () => {
    const doc = trail({ EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] });
    const r = judge({ Resources: { ...(doc.Resources as object), Data: { Type: 'AWS::S3::Bucket' } } });
    expect(passed(r, 'LOG-4/s3-access-logging', 'Data')).toBe(true);
  });
  test('fails (a warning under morocco) if access to a data bucket is not logged', () => {
    expect(on(judge(template({ Data: { Type: 'AWS::S3::Bucket' } })), 'LOG-4/s3-access-logging', 'Data')).toEqual([
      expect.objectContaining({ control: 'LOG-4', severity: 'warning' }),
    ]);
  });
});
