import { iamActions, iamServices } from '../../../constructs/compliance/normalize/iam-policies';
import { ADMIN, NOT_ADMIN, type Statement } from '../fixtures/iam-1/statements';
import { judge, on, passed, template, type CfnResource } from '../helpers/judge';

const RULE = 'IAM-1/admin-policy';
const document = (...Statement: Statement[]) => ({ Version: '2012-10-17', Statement });
const managed = (...statements: Statement[]): CfnResource => ({
  Type: 'AWS::IAM::ManagedPolicy',
  Properties: { PolicyDocument: document(...statements) },
});
const judgeOne = (resource: CfnResource, extra: Record<string, unknown> = {}) =>
  judge(template({ P: resource }, extra), { account: '111122223333' });

describe('IAM-1/admin-policy: admin equivalence is computed from the statement', () => {
  test.each(ADMIN)('fails on %s', (_, statement, words) => {
    const [finding, ...more] = on(judgeOne(managed(statement)), RULE, 'P');
    expect(more).toEqual([]);
    expect(finding).toEqual(
      expect.objectContaining({
        control: 'IAM-1',
        status: 'fail',
        severity: 'error',
        message: expect.stringContaining(words),
      }),
    );
    expect(finding.message).toMatch(/^the policy allows /);
  });

  test.each(NOT_ADMIN)('passes on %s', (_, statement) => {
    expect(passed(judgeOne(managed(statement)), RULE, 'P')).toBe(true);
  });

  test('"every action but a few" is at least 90% of the services IAM knows', () => {
    const others = iamServices().filter((s) => !['iam', 'organizations', 'sso'].includes(s));
    const excluding = (n: number) => ({
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*', 'sso:*', ...others.slice(0, n).map((s) => `${s}:*`)],
      Resource: '*',
    });
    const few = on(judgeOne(managed(excluding(10))), RULE, 'P');
    expect(few.map((f) => f.message)).toEqual([
      expect.stringMatching(/every action on every resource but those of .* \(every action of \d+ of the \d+ services/),
    ]);
    // Every service but 53: less than 90% of them, and none that grants any permission.
    expect(passed(judgeOne(managed(excluding(50))), RULE, 'P')).toBe(true);
  });

  test('a list of every action of iam is every action of iam (from the action universe)', () => {
    const all = iamActions('iam')!;
    expect(all).toEqual(expect.arrayContaining(['iam:passrole', 'iam:putrolepolicy']));
    const statement = {
      Effect: 'Allow',
      Action: all.map((a) => a.replace('iam:', 'iam:').toUpperCase()),
      Resource: '*',
    };
    expect(on(judgeOne(managed(statement)), RULE, 'P')[0].message).toContain('every action of iam');
    const allButOne = { ...statement, Action: statement.Action.filter((a) => a !== 'IAM:PASSROLE') };
    expect(passed(judgeOne(managed(allButOne)), RULE, 'P')).toBe(true);
  });

  test('an unconditional Deny of the same policy is taken away; a conditional one is not', () => {
    const all = { Effect: 'Allow', Action: '*', Resource: '*' };
    expect(passed(judgeOne(managed(all, { Effect: 'Deny', Action: '*', Resource: '*' })), RULE, 'P')).toBe(true);
    expect(
      on(judgeOne(managed(all, { Effect: 'Deny', Action: 'iam:*', Resource: '*' })), RULE, 'P')[0].message,
    ).toContain('every action on every resource but those of iam');
    const conditional = {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
    };
    expect(on(judgeOne(managed(all, conditional)), RULE, 'P')[0].message).toContain('every action on every resource');
    const iamOnly = { Effect: 'Allow', Action: 'iam:*', Resource: '*' };
    expect(passed(judgeOne(managed(iamOnly, { Effect: 'Deny', Action: 'iam:Put*', Resource: '*' })), RULE, 'P')).toBe(
      true,
    );
  });
});

describe('IAM-1/admin-policy: every type that carries a policy or attaches one', () => {
  const admin = document({ Effect: 'Allow', Action: '*', Resource: '*' });
  const named = document({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
  const byType = (doc: unknown): Record<string, CfnResource> => ({
    Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: doc, Roles: ['r'] } },
    Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc } },
    RolePolicy: { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'p', RoleName: 'r', PolicyDocument: doc } },
    UserPolicy: { Type: 'AWS::IAM::UserPolicy', Properties: { PolicyName: 'p', UserName: 'u', PolicyDocument: doc } },
    GroupPolicy: {
      Type: 'AWS::IAM::GroupPolicy',
      Properties: { PolicyName: 'p', GroupName: 'g', PolicyDocument: doc },
    },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: {}, Policies: [{ PolicyName: 'inline', PolicyDocument: doc }] },
    },
    User: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'inline', PolicyDocument: doc }] } },
    Group: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'inline', PolicyDocument: doc }] } },
    // A permission set's inline policy is a JSON string.
    PermissionSet: {
      Type: 'AWS::SSO::PermissionSet',
      Properties: { InstanceArn: 'arn:aws:sso:::instance/ssoins-1', Name: 'ps', InlinePolicy: JSON.stringify(doc) },
    },
  });

  test.each(Object.keys(byType(admin)))('%s fails with an admin policy and passes with a named one', (id) => {
    const [finding] = on(judge(template(byType(admin))), RULE, id);
    expect(finding).toEqual(
      expect.objectContaining({ status: 'fail', message: expect.stringContaining('every action') }),
    );
    expect(passed(judge(template(byType(named))), RULE, id)).toBe(true);
  });

  const withManaged = (type: string, arns: unknown[]): CfnResource =>
    type === 'AWS::SSO::PermissionSet'
      ? { Type: type, Properties: { InstanceArn: 'i', Name: 'ps', ManagedPolicies: arns } }
      : { Type: type, Properties: { AssumeRolePolicyDocument: {}, ManagedPolicyArns: arns } };

  test.each([
    ['AdministratorAccess', 'every action on every resource'],
    ['PowerUserAccess', 'every action on every resource but those of account, iam, organizations'],
    ['IAMFullAccess', 'every action of iam'],
    ['AWSOrganizationsFullAccess', 'every action of organizations'],
  ])('the AWS managed policy %s is judged by its document', (name, words) => {
    for (const type of ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::SSO::PermissionSet']) {
      const arn = { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${name}` };
      const [finding] = on(judge(template({ R: withManaged(type, [arn]) })), RULE, 'R');
      expect(finding.message).toBe(
        expect.stringContaining(`the AWS managed policy ${name} allows ${words}`) && finding.message,
      );
      expect(finding.message).toContain(`the AWS managed policy ${name} allows ${words}`);
    }
  });

  test('other AWS managed policies, and policies of the template, pass on the role', () => {
    const r = judge(
      template({
        P: managed({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
        Named: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { ManagedPolicyName: 'named', PolicyDocument: document() },
        },
        R: withManaged('AWS::IAM::Role', [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
          { Ref: 'P' },
          { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/named' },
        ]),
      }),
    );
    expect(passed(r, RULE, 'R')).toBe(true);
  });

  test('cannot prove what the template does not show', () => {
    const r = judge(
      template(
        {
          Outside: withManaged('AWS::IAM::Role', ['arn:aws:iam::111122223333:policy/elsewhere']),
          Param: withManaged('AWS::IAM::Role', [{ Ref: 'PolicyArn' }]),
          Refs: {
            Type: 'AWS::SSO::PermissionSet',
            Properties: {
              InstanceArn: 'i',
              Name: 'ps',
              CustomerManagedPolicyReferences: [{ Name: 'team', Path: '/' }],
            },
          },
          ActionParam: managed({ Effect: 'Allow', Action: { Ref: 'Action' }, Resource: '*' }),
          ResourceParam: managed({ Effect: 'Allow', Action: '*', Resource: { Ref: 'Resource' } }),
          DocParam: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Ref: 'Doc' } } },
        },
        {
          Parameters: {
            PolicyArn: { Type: 'String' },
            Action: { Type: 'String' },
            Resource: { Type: 'String' },
            Doc: { Type: 'String' },
          },
        },
      ),
    );
    const messages = (id: string) => on(r, RULE, id).map((f) => `${f.status}: ${f.message}`);
    expect(messages('Outside')).toEqual([
      expect.stringMatching(
        /^cannot-prove: the managed policy 'arn:aws:iam::111122223333:policy\/elsewhere' is defined outside the template/,
      ),
    ]);
    expect(messages('Param')).toEqual([expect.stringContaining("a managed policy ARN is parameter 'PolicyArn'")]);
    expect(messages('Refs')).toEqual([
      expect.stringContaining("the customer managed policy 'team' is defined in each account"),
    ]);
    expect(messages('ActionParam')).toEqual([
      expect.stringMatching(
        /^cannot-prove: the policy may allow every action on every resource: statement 1: Action "\$\{Action\}"/,
      ),
    ]);
    expect(messages('ResourceParam')).toEqual([
      expect.stringMatching(/^cannot-prove: the policy may allow every action/),
    ]);
    expect(messages('DocParam')).toEqual([expect.stringContaining("parameter 'Doc'")]);
  });
});
