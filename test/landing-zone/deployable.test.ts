import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'shell-quote';
import type { ZoneSummary } from 'sovereign-lz/core';
import { LandingZone, type LandingZoneDeclaration } from 'sovereign-lz/landing-zone';
import { renderPlanFiles } from 'sovereign-lz/plan';
import { planOf, synthesizeApp } from 'sovereign-lz/testing';
import { moroccoPublicSector as moroccoZone } from '../../examples/morocco-public-sector/zone';
import { refusal, smallZone } from './helpers';

// The default example deploys as written on a real organization: each defect an independent
// review found at commit 2bfa34d has a test here that fails on that commit's behaviour.

type Resource = { Type: string; Properties?: Record<string, any> };
type Template = { Resources: Record<string, Resource>; Metadata?: Record<string, any> };

const out = synthesizeApp((context) => new LandingZone(moroccoZone).build(context));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const read = (file: string) => JSON.parse(readFileSync(join(out, file), 'utf8'));
const template = (stack: string): Template => read(`aws/${stack}.template.json`);
const manifest = read('aws/manifest.json') as { artifacts: Record<string, any> };
const summary = read('landing-zone.json') as ZoneSummary;

const ofType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const MANAGEMENT = moroccoZone.accounts!.management!;
const LOG_ARCHIVE = moroccoZone.accounts!.logArchive!;
const HOME = moroccoZone.regions![0];

/** The StackSets of the organization stack, with their parsed bodies. */
function stackSets(): { name: string; regions: string[]; body: Template }[] {
  return ofType(template('Organization'), 'AWS::CloudFormation::StackSet').map(([, r]) => ({
    name: r.Properties!.StackSetName,
    regions: r.Properties!.StackInstancesGroup.flatMap((g: { Regions: string[] }) => g.Regions),
    body: JSON.parse(r.Properties!.TemplateBody),
  }));
}

describe('StackSet bodies are region-neutral', () => {
  test('no body names a region literally; the one that goes to several regions fixes no IAM name', () => {
    const sets = stackSets();
    expect(sets.map((s) => [s.name, s.regions])).toEqual([
      ['morocco-public-sector-baseline', ['eu-west-3', 'eu-south-2']],
      ['morocco-public-sector-baseline-global', ['eu-west-3']],
    ]);
    for (const set of sets) {
      const text = JSON.stringify(set.body);
      for (const region of ['eu-west-3', 'eu-south-2']) expect(text).not.toContain(region);
      if (set.regions.length > 1) {
        for (const [, role] of ofType(set.body, 'AWS::IAM::Role')) expect(role.Properties?.RoleName).toBeUndefined();
      }
    }
  });

  test('the CloudWatch Logs grant of the baseline key names the region by AWS::Region', () => {
    const regional = stackSets().find((s) => s.regions.length > 1)!;
    const grants = ofType(regional.body, 'AWS::KMS::Key').flatMap(([, k]) =>
      (k.Properties!.KeyPolicy.Statement as Record<string, any>[]).filter((s) => s.Sid === 'AllowCloudWatchLogs'),
    );
    expect(grants).toHaveLength(1);
    expect(grants[0].Principal.Service).toEqual({
      'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
    });
    expect(JSON.stringify(grants[0].Condition)).toContain('{"Ref":"AWS::Region"}');
  });

  test('the audit role is in the single-region StackSet, named once per account', () => {
    const global = stackSets().find((s) => s.regions.length === 1)!;
    const roles = ofType(global.body, 'AWS::IAM::Role');
    expect(roles.map(([, r]) => r.Properties!.RoleName)).toEqual(['sovereign-lz-audit']);
  });
});

describe('the organization trail is created where CloudTrail allows, and granted exactly', () => {
  const trailArn = {
    'Fn::Join': [
      '',
      ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:${HOME}:${MANAGEMENT}:trail/morocco-public-sector-organization`],
    ],
  };

  test('the trail is in the management account; the log archive holds no trail', () => {
    expect(manifest.artifacts.OrganizationTrail.environment).toBe(`aws://${MANAGEMENT}/${HOME}`);
    const [[, trail]] = ofType(template('OrganizationTrail'), 'AWS::CloudTrail::Trail');
    expect(trail.Properties).toMatchObject({
      IsOrganizationTrail: true,
      TrailName: 'morocco-public-sector-organization',
      S3BucketName: `morocco-public-sector-log-archive-${LOG_ARCHIVE}-${HOME}`,
    });
    expect(JSON.stringify(trail.Properties!.KMSKeyId)).toContain(
      `:kms:${HOME}:${LOG_ARCHIVE}:alias/sovereign-lz/log-archive`,
    );
    // Its CloudWatch Logs group is in the trail's account, as CloudTrail requires.
    expect(ofType(template('OrganizationTrail'), 'AWS::Logs::LogGroup')).toHaveLength(1);
    expect(ofType(template('LogArchive'), 'AWS::CloudTrail::Trail')).toEqual([]);
    expect(manifest.artifacts.OrganizationTrail.dependencies).toContain('LogArchive');
  });

  test("the archive's bucket and key policies grant CloudTrail the trail's ARN in the management account", () => {
    const archive = template('LogArchive');
    const [[, bucket]] = ofType(archive, 'AWS::S3::Bucket').filter(([, b]) => b.Properties!.ObjectLockEnabled);
    expect(bucket.Properties!.BucketName).toBe(`morocco-public-sector-log-archive-${LOG_ARCHIVE}-${HOME}`);
    const statements = ofType(archive, 'AWS::S3::BucketPolicy').flatMap(
      ([, p]) => p.Properties!.PolicyDocument.Statement as Record<string, any>[],
    );
    const writes = statements.filter((s) => s.Sid === `CloudTrailWrite${MANAGEMENT}`);
    expect(writes).toHaveLength(1);
    expect(writes[0].Condition.StringEquals['aws:SourceArn']).toEqual(trailArn);
    expect(JSON.stringify(writes[0].Resource)).toContain(`/AWSLogs/${MANAGEMENT}/*`);
    expect(JSON.stringify(writes[0].Resource)).toContain(`/AWSLogs/${moroccoZone.organization!.id}/*`);
    const keyStatements = ofType(archive, 'AWS::KMS::Key').flatMap(
      ([, k]) => k.Properties!.KeyPolicy.Statement as Record<string, any>[],
    );
    const encrypt = keyStatements.find((s) => s.Sid === `AllowTrailEncrypt${MANAGEMENT}`)!;
    expect(encrypt.Condition.StringLike['kms:EncryptionContext:aws:cloudtrail:arn']).toEqual(trailArn);
    // No grant admits a trail of the log archive account, which the organization trail is not.
    expect(JSON.stringify(keyStatements)).not.toContain(`:cloudtrail:*:${LOG_ARCHIVE}:trail/`);
  });

  test('an organization without its management or log archive account is refused at declaration', () => {
    const message = refusal(
      smallZone({ organization: { id: 'o-abcdefghij', rootId: 'r-abcd' }, accounts: { logArchive: '222222222222' } }),
    );
    expect(message).toContain('accounts: DECLARATION: an AWS organization needs accounts.management');
  });
});

describe('one deploying principal, exempted by every guardrail', () => {
  const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');

  test('every stack deploys with the deployment role of its own account, never a CDK bootstrap role', () => {
    expect(stacks.length).toBeGreaterThanOrEqual(8);
    for (const [, artifact] of stacks) {
      const account = /^aws:\/\/(\d{12})\//.exec(artifact.environment)![1];
      const role = `arn:\${AWS::Partition}:iam::${account}:role/SovereignLzDeployment`;
      expect(artifact.properties.cloudFormationExecutionRoleArn).toBe(role);
      expect(artifact.properties.assumeRoleArn).toBe(role);
    }
  });

  test("every SCP Deny exempts the deployment role and StackSets' execution role, never cdk-*", () => {
    const policies = ofType(template('Organization'), 'AWS::Organizations::Policy');
    expect(policies).toHaveLength(3);
    let denies = 0;
    for (const [, policy] of policies) {
      for (const statement of policy.Properties!.Content.Statement as Record<string, any>[]) {
        if (statement.Effect !== 'Deny') continue;
        denies++;
        const exempt = statement.Condition.ArnNotLike['aws:PrincipalARN'] as string[];
        expect(exempt).toEqual(
          expect.arrayContaining(['arn:*:iam::*:role/SovereignLzDeployment', 'arn:*:iam::*:role/stacksets-exec-*']),
        );
        expect(exempt.join(' ')).not.toMatch(/cdk-/);
      }
    }
    expect(denies).toBeGreaterThan(5);
  });

  test('nobody else may create or change a role of the exempted names', () => {
    const baseline = ofType(template('Organization'), 'AWS::Organizations::Policy').find(([, p]) =>
      String(p.Properties!.Name).endsWith('-baseline'),
    )!;
    const statement = (baseline[1].Properties!.Content.Statement as Record<string, any>[]).find(
      (s) => s.Sid === 'DenyExemptRoleTampering',
    )!;
    expect(statement.Action).toEqual(expect.arrayContaining(['iam:CreateRole', 'iam:UpdateAssumeRolePolicy']));
    expect(statement.Resource).toEqual(
      expect.arrayContaining(['arn:*:iam::*:role/SovereignLzDeployment', 'arn:*:iam::*:role/stacksets-exec-*']),
    );
  });
});

describe('the prerequisites of the first deployment', () => {
  test('landing-zone.json places every account in its unit and lists what must exist first', () => {
    expect(summary.schemaVersion).toBe(3);
    expect(summary.organization?.accounts.map((a) => [a.id, a.organizationalUnit])).toEqual([
      ['111111111111', null],
      ['222222222222', 'LogArchive'],
      ['333333333333', 'Security'],
      ['444444444444', 'SharedNetwork'],
      ['555555555555', 'Workloads/Public'],
      ['666666666666', 'Workloads/Internal'],
    ]);
    const ids = summary.prerequisites.map((p) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'organization:all-features',
        'organization:scp-policy-type',
        'organization:trusted-access:stacksets',
        'organization:trusted-access:cloudtrail',
        `role:SovereignLzDeployment:${MANAGEMENT}`,
        `cdk-bootstrap:${MANAGEMENT}:${HOME}`,
        'cdk-bootstrap:444444444444:eu-south-2',
        'organization:move-account:666666666666',
      ]),
    );
    // One bootstrap per account and region a stack deploys to, none for the StackSets' targets.
    const envs = new Set(
      Object.values(manifest.artifacts)
        .filter((a: any) => a.type === 'aws:cloudformation:stack')
        .map((a: any) => a.environment.replace('aws://', '').replace('/', ':')),
    );
    expect(ids.filter((id) => id.startsWith('cdk-bootstrap:')).map((id) => id.slice('cdk-bootstrap:'.length))).toEqual(
      [...envs].sort(),
    );
  });

  test("plan.md's prerequisites block holds exactly their commands, as a shell reads it", async () => {
    const plan = planOf(out);
    expect(plan.prerequisites).toEqual(summary.prerequisites);
    const { markdown } = await renderPlanFiles(plan);
    const block = /## Prerequisites\n\n[^\n]*\n\n```sh\n([\s\S]*?)\n```/.exec(markdown)![1];
    const commands = block
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .map((line) => parse(line).map((t) => (typeof t === 'string' ? t : (t as { op: string }).op)));
    const expected = summary.prerequisites
      .filter((p) => p.commands.length)
      .map((p) => p.commands.flatMap((words, i) => (i ? ['&&', ...words] : [...words])));
    expect(commands).toEqual(expected);
    expect(commands.length).toBeGreaterThan(10);
  });
});

describe('the other examples', () => {
  test('a zone without an organization keeps its trail with its archive, and the default synthesizer', () => {
    const dir = synthesizeApp((context) => new LandingZone(smallZone() as LandingZoneDeclaration).build(context));
    try {
      const files = readdirSync(join(dir, 'aws'));
      expect(files).not.toContain('OrganizationTrail.template.json');
      const archive = JSON.parse(readFileSync(join(dir, 'aws', 'LogArchive.template.json'), 'utf8')) as Template;
      expect(ofType(archive, 'AWS::CloudTrail::Trail')).toHaveLength(1);
      const m = JSON.parse(readFileSync(join(dir, 'aws', 'manifest.json'), 'utf8'));
      expect(m.artifacts.LogArchive.properties.cloudFormationExecutionRoleArn).toMatch(/cdk-hnb659fds-cfn-exec-role/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
