import { ESCALATION, NO_ESCALATION, type Statement } from '../fixtures/iam-1/statements';
import { judge, on, passed, template, type CfnResource } from '../helpers/judge';

const RULE = 'IAM-1/privilege-escalation';
const managed = (statements: readonly Statement[]): CfnResource => ({
  Type: 'AWS::IAM::ManagedPolicy',
  Properties: { PolicyDocument: { Version: '2012-10-17', Statement: statements } },
});
const judgeOne = (resource: CfnResource) => judge(template({ P: resource }), { account: '111122223333' });

describe('IAM-1/privilege-escalation', () => {
  test.each(ESCALATION)('fails on %s', (_, statements, severity, actions) => {
    const findings = on(judgeOne(managed(statements)), RULE, 'P');
    expect(findings).toContainEqual(
      expect.objectContaining({
        control: 'IAM-1',
        status: 'fail',
        severity,
        message: expect.stringMatching(
          new RegExp(`^the policy allows ${actions.replace(/\+/g, '\\+')}: the principal can `),
        ),
      }),
    );
    // Not an administrator: IAM-1/admin-policy passes.
    expect(passed(judgeOne(managed(statements)), 'IAM-1/admin-policy', 'P')).toBe(true);
  });

  test.each(NO_ESCALATION)('passes on %s', (_, statements) => {
    expect(passed(judgeOne(managed(statements)), RULE, 'P')).toBe(true);
  });

  test('direct methods are errors, indirect ones warnings, each method once', () => {
    const r = judgeOne(
      managed([
        { Effect: 'Allow', Action: ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'sts:AssumeRole'], Resource: '*' },
      ]),
    );
    expect(on(r, RULE, 'P').map((f) => [f.severity, f.message.split(':')[0] + ':' + f.message.split(':')[1]])).toEqual([
      ['error', 'the policy allows iam:AttachRolePolicy'],
      ['error', 'the policy allows iam:PutRolePolicy'],
      ['warning', 'the policy allows sts:AssumeRole'],
    ]);
  });

  test('the policies of one principal are judged together; a method one policy allows alone is named with it', () => {
    const inline = (name: string, ...Statement: Statement[]) => ({ PolicyName: name, PolicyDocument: { Statement } });
    const r = judge(
      template({
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {},
            Policies: [
              inline('pass', { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
              inline('build', { Effect: 'Allow', Action: 'codebuild:CreateProject', Resource: '*' }),
              inline('keys', { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }),
            ],
          },
        },
      }),
    );
    expect(on(r, RULE, 'Role').map((f) => f.message)).toEqual([
      expect.stringMatching(/^inline policy 'keys' allows iam:CreateAccessKey: the principal can create access keys/),
      expect.stringMatching(/^its policies together allow iam:PassRole \+ codebuild:CreateProject: /),
    ]);
  });

  test("statements that make the principal an administrator are IAM-1/admin-policy's, not this rule's", () => {
    const r = judgeOne(managed([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]));
    expect(on(r, 'IAM-1/admin-policy', 'P')).toHaveLength(1);
    expect(passed(r, RULE, 'P')).toBe(true);
    const powerUser = judge(
      template({
        R: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: {}, ManagedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] },
        },
      }),
    );
    expect(passed(powerUser, RULE, 'R')).toBe(true);
  });

  test('a permission set with an escalating inline policy fails', () => {
    const r = judge(
      template({
        PS: {
          Type: 'AWS::SSO::PermissionSet',
          Properties: {
            InstanceArn: 'i',
            Name: 'ops',
            InlinePolicy: { Statement: [{ Effect: 'Allow', Action: 'iam:AddUserToGroup', Resource: '*' }] },
          },
        },
      }),
    );
    expect(on(r, RULE, 'PS')[0].message).toContain('its inline policy allows iam:AddUserToGroup');
  });

  test('cannot prove a method on resources the template does not determine', () => {
    const r = judge(
      template(
        { P: managed([{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: { Ref: 'Target' } }]) },
        { Parameters: { Target: { Type: 'String' } } },
      ),
    );
    expect(on(r, RULE, 'P')).toEqual([
      expect.objectContaining({
        status: 'cannot-prove',
        message: expect.stringContaining('depending on values the template does not determine'),
      }),
    ]);
  });
});
