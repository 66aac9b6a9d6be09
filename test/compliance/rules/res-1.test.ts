import { judge, on, passed, template } from '../helpers/judge';
import { extendProfile, morocco } from '../../../constructs/core';

const RULE = 'RES-1/stack-region';
const QUEUE = template({ Q: { Type: 'AWS::SQS::Queue' } });

test('internal data in an allowlisted region passes under morocco', () => {
  expect(passed(judge(QUEUE, { region: 'eu-west-3', stackLevel: 'internal' }), RULE, 'Q')).toBe(true);
});

test('fails if internal data is in a region off the allowlist', () => {
  const r = judge(QUEUE, { region: 'us-east-1', stackLevel: 'internal' });
  expect(on(r, RULE, 'Q')).toEqual([expect.objectContaining({ status: 'fail', severity: 'error', control: 'RES-1' })]);
  expect(on(r, RULE, 'Q')[0].message).toContain("AWS region 'us-east-1'");
});

test('fails, absolutely, if sensitive data is in any AWS region under morocco', () => {
  const doc = template({
    Q: {
      Type: 'AWS::SQS::Queue',
      Metadata: { 'sovereign-lz': { suppressions: [{ id: 'RES-1', reason: 'we asked nicely for an exception' }] } },
    },
  });
  const [f] = on(judge(doc, { region: 'eu-west-3', stackLevel: 'sensitive' }), RULE, 'Q');
  expect(f).toEqual(
    expect.objectContaining({ status: 'fail', suppressed: false, source: expect.stringContaining('L05-20 Art. 11') }),
  );
  expect(f.message).toContain('suppression ignored: absolute rule');
});

test('an environment-agnostic stack cannot prove residency: a warning for internal, an error for personal', () => {
  expect(on(judge(QUEUE, { region: null, stackLevel: 'internal' }), RULE, 'Q')).toEqual([
    expect.objectContaining({
      status: 'cannot-prove',
      severity: 'warning',
      message: expect.stringContaining('environment-agnostic'),
    }),
  ]);
  expect(on(judge(QUEUE, { region: null, stackLevel: 'personal' }), RULE, 'Q')[0].severity).toBe('error');
});

test('public data may live anywhere, even environment-agnostic', () => {
  expect(passed(judge(QUEUE, { region: null, stackLevel: 'public' }), RULE, 'Q')).toBe(true);
});

test('personal data abroad passes only with a recorded transfer', () => {
  expect(on(judge(QUEUE, { region: 'eu-west-3', stackLevel: 'personal' }), RULE, 'Q')[0].status).toBe('fail');
  const withTransfer = extendProfile(morocco, {
    transfers: [{ level: 'personal', basis: 'cndp-authorization', countries: ['FR'], reference: 'CNDP D-123/2026' }],
  });
  expect(passed(judge(QUEUE, { region: 'eu-west-3', stackLevel: 'personal', profile: withTransfer }), RULE, 'Q')).toBe(
    true,
  );
});

test('an EU profile notes internal data outside the preferred EU countries as info', () => {
  const r = judge(QUEUE, { region: 'us-east-1', stackLevel: 'internal', profile: 'eu' });
  expect(on(r, RULE, 'Q')).toEqual([
    expect.objectContaining({ severity: 'info', message: expect.stringContaining('preferred') }),
  ]);
});

test('without a level, residency cannot be proven', () => {
  const [f] = on(judge(QUEUE, { stackLevel: null }), RULE, 'Q');
  expect(f).toEqual(
    expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('classification is unknown') }),
  );
});

test('a region assumed with --region is reported once per template as info', () => {
  const r = judge(QUEUE, { stack: { region: 'eu-west-3', regionOrigin: 'assumed', environmentAgnostic: false } });
  expect(passed(r, RULE, 'Q')).toBe(true);
  expect(r.findings.filter((f) => f.rule === 'RES-1/region-assumed')).toEqual([
    expect.objectContaining({
      severity: 'info',
      resource: '',
      message: expect.stringContaining("region 'eu-west-3' is assumed"),
    }),
  ]);
});

describe('RES-1/stack-set-regions', () => {
  const stackSet = (regions: unknown) =>
    template({
      Baseline: {
        Type: 'AWS::CloudFormation::StackSet',
        Properties: {
          StackSetName: 'baseline',
          PermissionModel: 'SERVICE_MANAGED',
          StackInstancesGroup: [
            { DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-cdef3456'] }, Regions: regions },
          ],
        },
      },
    });

  test('a StackSet deploying internal data to allowlisted regions passes', () => {
    expect(passed(judge(stackSet(['eu-west-3', 'eu-south-2'])), 'RES-1/stack-set-regions', 'Baseline')).toBe(true);
  });

  test('fails if a StackSet deploys internal data to a region the profile does not allow, naming the region', () => {
    expect(on(judge(stackSet(['eu-west-3', 'us-east-1'])), 'RES-1/stack-set-regions', 'Baseline')).toEqual([
      expect.objectContaining({
        control: 'RES-1',
        status: 'fail',
        severity: 'error',
        message: expect.stringContaining(
          "stack instances in us-east-1: level 'internal' may not be hosted in AWS region 'us-east-1'",
        ),
      }),
    ]);
  });

  test('a region given as a parameter cannot be proven', () => {
    const [f] = on(judge(stackSet([{ Ref: 'Region' }])), 'RES-1/stack-set-regions', 'Baseline');
    expect(f).toEqual(
      expect.objectContaining({
        status: 'cannot-prove',
        message: expect.stringContaining('a region of its stack instances is unknown'),
      }),
    );
  });
});
