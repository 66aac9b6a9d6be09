import { App, Aws, Lazy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  exemptPrincipalArns,
  renderScp,
  SCP_MAX_CHARACTERS,
  scpCharacterCount,
  ServiceControlPolicy,
} from '../../constructs/aws/service-control-policy';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { nagErrors } from '../helpers/nag';

function stack(env: { region?: string; account?: string } = { region: 'eu-west-3' }, classification = 'internal') {
  return new SovereignStack(new App(), 'S', { env, profile: 'morocco', classification: classification as 'internal' });
}

const denyLeave = () =>
  new iam.PolicyStatement({
    sid: 'DenyLeave',
    effect: iam.Effect.DENY,
    actions: ['organizations:LeaveOrganization'],
    resources: ['*'],
  });

test('is a service control policy attached to the targets, with the exemption on every deny statement', () => {
  const s = stack();
  const scp = new ServiceControlPolicy(s, 'Scp', {
    policyName: 'deny-leave',
    description: 'deny leaving',
    targetIds: ['r-ab12', 'ou-ab12-cdef3456', '123456789012'],
    statements: [denyLeave()],
  });
  Template.fromStack(s).hasResourceProperties('AWS::Organizations::Policy', {
    Name: 'deny-leave',
    Description: 'deny leaving',
    Type: 'SERVICE_CONTROL_POLICY',
    TargetIds: ['r-ab12', 'ou-ab12-cdef3456', '123456789012'],
    Content: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyLeave',
          Effect: 'Deny',
          Action: 'organizations:LeaveOrganization',
          Resource: '*',
          Condition: {
            ArnNotLike: {
              'aws:PrincipalARN': [
                'arn:*:iam::*:role/SovereignLzDeployment',
                'arn:*:iam::*:role/SovereignLzBreakGlass',
                'arn:*:iam::*:role/stacksets-exec-*',
              ],
            },
          },
        },
      ],
    },
    Tags: Match.arrayWith([
      { Key: 'sovereign-lz.io/classification', Value: 'internal' },
      { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
    ]),
  });
  expect(scp.characterCount).toBe(JSON.stringify(scp.document).length);
  expect(scp.node.defaultChild).toBe(scp.policy);
});

test('merges the exemption with an ArnNotLike condition a statement already has, and leaves allows alone', () => {
  const doc = renderScp(
    [
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['s3:DeleteBucket'],
        resources: ['*'],
        conditions: { ArnNotLike: { 'aws:PrincipalARN': 'arn:*:iam::*:role/Pipeline' } },
      }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }),
    ],
    ['BreakGlass'],
  );
  expect(doc.Statement[0].Condition).toEqual({
    ArnNotLike: {
      'aws:PrincipalARN': [
        'arn:*:iam::*:role/Pipeline',
        'arn:*:iam::*:role/BreakGlass',
        'arn:*:iam::*:role/stacksets-exec-*',
      ],
    },
  });
  expect(doc.Statement[1].Condition).toBeUndefined();
  expect(exemptPrincipalArns(['stacksets-exec-*'])).toEqual(['arn:*:iam::*:role/stacksets-exec-*']);
});

test('counts an unresolved value as 100 characters', () => {
  const deny = (resources: string[]) =>
    new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:DeleteBucket'], resources });
  const withTokens = renderScp([deny([Aws.PARTITION, Lazy.string({ produce: () => 'bucket' })])], []);
  const literal = renderScp([deny(['a'.repeat(100), 'b'.repeat(100)])], []);
  expect(scpCharacterCount(withTokens)).toBe(scpCharacterCount(literal));
});

test('fails if a target id is malformed, listed twice or the management account', () => {
  expect(
    () =>
      new ServiceControlPolicy(stack({ region: 'eu-west-3', account: '111111111111' }), 'Scp', {
        policyName: 'p',
        targetIds: ['ou-ab12-cdef3456', 'ou-bad', 'r-ab12', '12345', 'ou-ab12-cdef3456', '111111111111'],
        statements: [denyLeave()],
      }),
  ).toThrow(
    /\[S\/Scp\] 4 problems:\n {2}- PROPS: targetIds\[1\] 'ou-bad' is not a root id \(r-…\), an OU id \(ou-…-…\) or a 12-digit account id\n {2}- PROPS: targetIds\[3\] '12345' is not .*\n {2}- PROPS: targetIds\[4\] 'ou-ab12-cdef3456' is listed twice\n {2}- PROPS: targetIds\[5\] '111111111111' is the management account/,
  );
});

test('fails if attached to nothing', () => {
  expect(
    () => new ServiceControlPolicy(stack(), 'Scp', { policyName: 'p', targetIds: [], statements: [denyLeave()] }),
  ).toThrow(/\[S\/Scp\] PROPS: targetIds is empty/);
});

test('fails if the policy is over 5,120 characters, naming the policy', () => {
  const actions = Array.from({ length: 300 }, (_, i) => `ec2:Action${String(i).padStart(4, '0')}`);
  expect(
    () =>
      new ServiceControlPolicy(stack(), 'Scp', {
        policyName: 'too-big',
        targetIds: ['r-ab12'],
        statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions, resources: ['*'] })],
      }),
  ).toThrow(
    new RegExp(
      `\\[S/Scp\\] PROPS: policy 'too-big' is \\d+ characters \\(minified\\), over the ${SCP_MAX_CHARACTERS} that AWS Organizations accepts`,
    ),
  );
});

test('fails if a statement names a principal or no resource, or the name and roles are invalid', () => {
  expect(
    () =>
      new ServiceControlPolicy(stack(), 'Scp', {
        policyName: '',
        targetIds: ['r-ab12'],
        exemptRoleNames: ['bad name'],
        statements: [
          new iam.PolicyStatement({
            effect: iam.Effect.DENY,
            actions: ['s3:*'],
            principals: [new iam.AccountRootPrincipal()],
          }),
        ],
      }),
  ).toThrow(
    /\[S\/Scp\] 4 problems:\n {2}- PROPS: policyName '' must be 1 to 128 printable ASCII characters\n {2}- PROPS: exemptRoleNames\[0\] 'bad name' is not an IAM role name.*\n {2}- PROPS: policy '' statement 0 names a principal.*\n {2}- PROPS: policy '' statement 0 has no resource/,
  );
});

test('fails if no role is exempted', () => {
  expect(
    () =>
      new ServiceControlPolicy(stack(), 'Scp', {
        policyName: 'p',
        targetIds: ['r-ab12'],
        exemptRoleNames: [],
        statements: [denyLeave()],
      }),
  ).toThrow(/\[S\/Scp\] PROPS: exemptRoleNames is empty/);
});

test("fails if its stack has no concrete region allowed for 'internal' (RES-1), even at level public", () => {
  expect(
    () =>
      new ServiceControlPolicy(stack({}, 'public'), 'Scp', {
        policyName: 'p',
        targetIds: ['r-ab12'],
        statements: [denyLeave()],
      }),
  ).toThrow(
    /\[S\/Scp\] RES-1: an organization stack deploys to the management account's home region, which must be allowed for 'internal' data: stack 'S' is environment-agnostic/,
  );
  expect(
    () =>
      new ServiceControlPolicy(stack({ region: 'us-east-1' }, 'public'), 'Scp', {
        policyName: 'p',
        targetIds: ['r-ab12'],
        statements: [denyLeave()],
      }),
  ).toThrow(/\[S\/Scp\] RES-1: .*level 'internal' may not be hosted in AWS region 'us-east-1'/);
});

test('cdk-nag finds no error', () => {
  const s = stack();
  new ServiceControlPolicy(s, 'Scp', { policyName: 'p', targetIds: ['r-ab12'], statements: [denyLeave()] });
  expect(nagErrors(s)).toEqual([]);
});
