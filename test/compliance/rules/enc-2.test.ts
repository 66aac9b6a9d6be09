import { judge, on, passed, template } from '../helpers/judge';

const S3 = 'ENC-2/s3-secure-transport';
const policy = (statement: Record<string, unknown>) => ({
  Type: 'AWS::S3::BucketPolicy',
  Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
});
const denyInsecure = {
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Resource: '*',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

test('a bucket whose policy denies requests without TLS passes', () => {
  expect(passed(judge(template({ B: { Type: 'AWS::S3::Bucket' }, P: policy(denyInsecure) })), S3, 'B')).toBe(true);
});

test('fails if the bucket has no policy, or one that does not deny insecure transport', () => {
  expect(on(judge(template({ B: { Type: 'AWS::S3::Bucket' } })), S3, 'B')[0].message).toContain('no bucket policy');
  const r = judge(template({ B: { Type: 'AWS::S3::Bucket' }, P: policy({ ...denyInsecure, Effect: 'Allow' }) }));
  expect(on(r, S3, 'B')[0].message).toContain('does not deny');
});

const listener = (props: Record<string, unknown>) =>
  template({
    L: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: { LoadBalancerArn: 'arn', DefaultActions: [], ...props },
    },
  });

test('an HTTPS listener with a TLS 1.2+ policy passes; an HTTP listener that redirects to HTTPS too', () => {
  expect(
    passed(
      judge(listener({ Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' })),
      'ENC-2/listener-tls',
      'L',
    ),
  ).toBe(true);
  const redirect = listener({
    Protocol: 'HTTP',
    DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS' } }],
  });
  expect(passed(judge(redirect), 'ENC-2/listener-tls', 'L')).toBe(true);
});

test('fails if a listener serves plain HTTP or allows TLS 1.0', () => {
  expect(on(judge(listener({ Protocol: 'HTTP' })), 'ENC-2/listener-tls', 'L')[0].status).toBe('fail');
  expect(
    on(judge(listener({ Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-2016-08' })), 'ENC-2/listener-tls', 'L')[0]
      .message,
  ).toContain('older than 1.2');
});
