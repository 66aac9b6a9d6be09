import { App, BootstraplessSynthesizer, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AccountAuditRole, AccountBaseline, BaselineStackSet, SovereignStack } from 'sovereign-lz/aws';
import { nagErrors } from '../helpers/nag';

function setup() {
  const app = new App();
  const stage = new Stage(app, 'Templates');
  const template = new SovereignStack(stage, 'Baseline', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
    synthesizer: new BootstraplessSynthesizer(),
  });
  const organization = new SovereignStack(app, 'Org', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  return { app, stage, template, organization };
}

test('AccountBaseline: a rotating key, a log group kept the profile retention, an audit role for the audit account; cdk-nag clean', () => {
  const { template } = setup();
  new AccountBaseline(template, 'Baseline', { auditAccountId: '333333333333' });
  const t = Template.fromStack(template);
  t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/sovereign-lz/baseline' });
  t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/sovereign-lz/baseline', RetentionInDays: 365 });
  t.hasResourceProperties('AWS::IAM::Role', { RoleName: 'sovereign-lz-audit' });
  expect(JSON.stringify(t.toJSON())).toContain('333333333333');
  expect(nagErrors(template)).toEqual([]);
});

test('AccountBaseline fails if the audit account id is not 12 digits', () => {
  const { template } = setup();
  expect(() => new AccountBaseline(template, 'Baseline', { auditAccountId: '3333' })).toThrow(
    "[Templates/Baseline/Baseline] PROPS: auditAccountId '3333' is not 12 digits",
  );
});

test('BaselineStackSet: service-managed, automatic deployment, the synthesized template as its body; cdk-nag clean', () => {
  const { app, template, organization } = setup();
  new AccountBaseline(template, 'Baseline');
  new BaselineStackSet(organization, 'Set', {
    template,
    stackSetName: 'baseline',
    organizationalUnitIds: ['ou-ab12-cdef3456'],
    regions: ['eu-west-3'],
  });
  const assembly = app.synth();
  const set = Object.values(assembly.getStackByName('Org').template.Resources as Record<string, any>).find(
    (r) => r.Type === 'AWS::CloudFormation::StackSet',
  );
  expect(set.Properties).toMatchObject({
    PermissionModel: 'SERVICE_MANAGED',
    AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
    StackInstancesGroup: [
      { DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-cdef3456'] }, Regions: ['eu-west-3'] },
    ],
  });
  const body = JSON.parse(set.Properties.TemplateBody);
  expect(Object.values(body.Resources as Record<string, any>).map((r) => r.Type)).toContain('AWS::KMS::Key');
  expect(body.Metadata).toEqual({ 'sovereign-lz': { stackSet: 'baseline' } });
  expect(nagErrors(organization)).toEqual([]);
});

test('BaselineStackSet fails if a region may not hold its level (RES-1), or the template is not in a stage of its own', () => {
  const { organization } = setup();
  const sameStage = new SovereignStack(organization.node.scope!, 'Inline', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  let message = '';
  try {
    new BaselineStackSet(organization, 'Set', {
      template: sameStage,
      stackSetName: 'baseline',
      organizationalUnitIds: ['ou-ab12-cdef3456'],
      regions: ['us-east-1'],
    });
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain('[Org/Set] 2 problems');
  expect(message).toContain("RES-1: level 'internal' may not be hosted in AWS region 'us-east-1'");
  expect(message).toContain("PROPS: template stack 'Inline' must live in a Stage of its own");
});

test('AccountBaseline names the region by AWS::Region in its key policy: one body serves every region', () => {
  const { template } = setup();
  new AccountBaseline(template, 'Baseline');
  const json = JSON.stringify(Template.fromStack(template).toJSON());
  expect(json).not.toContain('eu-west-3');
  expect(json).toContain('{"Fn::Join":["",["logs.",{"Ref":"AWS::Region"},".amazonaws.com"]]}');
});

test('BaselineStackSet fails at synth if a body deployed to several regions fixes an IAM name (DEP-1); one region is fine', () => {
  const multi = setup();
  new AccountBaseline(multi.template, 'Baseline', { auditAccountId: '333333333333' });
  new BaselineStackSet(multi.organization, 'Set', {
    template: multi.template,
    stackSetName: 'baseline',
    organizationalUnitIds: ['ou-ab12-cdef3456'],
    regions: ['eu-west-3', 'eu-south-2'],
  });
  expect(() => multi.app.synth()).toThrow(
    /\[Org\/Set\] DEP-1: the template of 'Templates\/Baseline' fixes the name of account-global resources \(BaselineAuditRole[0-9A-F]+\) and is deployed to 2 regions/,
  );

  const single = setup();
  new AccountAuditRole(single.template, 'Audit', { auditAccountId: '333333333333' });
  new BaselineStackSet(single.organization, 'Set', {
    template: single.template,
    stackSetName: 'baseline-global',
    organizationalUnitIds: ['ou-ab12-cdef3456'],
    regions: ['eu-west-3'],
  });
  const set = Object.values(single.app.synth().getStackByName('Org').template.Resources as Record<string, any>).find(
    (r) => r.Type === 'AWS::CloudFormation::StackSet',
  );
  const body = JSON.parse(set.Properties.TemplateBody);
  expect(Object.values(body.Resources as Record<string, any>).map((r) => [r.Type, r.Properties.RoleName])).toEqual([
    ['AWS::IAM::Role', 'sovereign-lz-audit'],
  ]);
});
