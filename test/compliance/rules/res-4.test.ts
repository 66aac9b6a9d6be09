import { judge, template } from '../helpers/judge';

const RULE = 'RES-4/region-deny-scp';
const scp = (regions: string[], extra: Record<string, unknown> = {}) =>
  template({
    Scp: {
      Type: 'AWS::Organizations::Policy',
      Properties: {
        Name: 'deny-regions',
        Type: 'SERVICE_CONTROL_POLICY',
        TargetIds: ['ou-abcd-12345678'],
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              NotAction: ['iam:*', 'organizations:*', 'sts:*', 'route53:*', 'cloudfront:*', 'support:*'],
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': regions } },
            },
          ],
        }),
        ...extra,
      },
    },
  });

test('an attached SCP denying every region but allowed ones passes', () => {
  const r = judge(scp(['eu-west-3', 'eu-south-2']));
  expect(r.findings.filter((f) => f.rule === RULE)).toEqual([]);
  expect(r.passes.some((p) => p.rule === RULE && p.resource === 'Scp')).toBe(true);
});

test('fails if the SCP leaves a disallowed region open', () => {
  const [f] = judge(scp(['eu-west-3', 'us-east-1'])).findings.filter((x) => x.rule === RULE);
  expect(f).toEqual(
    expect.objectContaining({ status: 'fail', resource: 'Scp', message: expect.stringContaining('us-east-1') }),
  );
});

test('fails if the SCP is attached to nothing', () => {
  const messages = judge(scp(['eu-west-3'], { TargetIds: [] }))
    .findings.filter((x) => x.rule === RULE)
    .map((f) => f.message);
  expect(messages).toEqual([expect.stringContaining('attached to no OU')]);
});

test('a workload stack without the organization guardrail is cannot-prove (a warning), not a failure', () => {
  const [f] = judge(template({ Q: { Type: 'AWS::SQS::Queue' } })).findings.filter((x) => x.rule === RULE);
  expect(f).toEqual(expect.objectContaining({ status: 'cannot-prove', severity: 'warning', file: '', resource: '' }));
});
