import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnParameter, NestedStack, Stack } from 'aws-cdk-lib';
import { CfnSecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { parameterChoicesOf } from '../../constructs/compliance/read/cfn-parameters';
import { SAM_RESOURCES, translateServerless } from '../../constructs/compliance/read/cfn-sam';
import { checkInput, checkPaths } from '../../constructs/compliance/check';
import {
  deployedDocumentOf,
  isCloudFormationTemplate,
  readTemplate,
  whyUnread,
} from '../../constructs/compliance/read/cloudformation';
import { isUnresolved, Resolver } from '../../constructs/compliance/normalize/intrinsics';
import type { CheckResult, Finding, Resource, Template } from '../../constructs/compliance/normalize/model';
import { readInputs } from '../../constructs/compliance/read/read-inputs';
import type { Rule } from '../../constructs/compliance/judge/rule';
import { RULES } from '../../constructs/compliance/rules';
import { builtinProfile } from '../../constructs/core';

// What CloudFormation deploys is what is judged: Fn::ForEach expanded, parameters at their
// defaults (each allowed value), nested stacks read, SAM resources translated, fragments
// accepted, empty strings absent. The fixtures are under fixtures/cloudformation/.

const FIXTURES = join(__dirname, 'fixtures', 'cloudformation');
const OPTIONS = { cwd: FIXTURES, region: 'eu-west-3', classification: 'internal' as const, today: '2026-11-22' };

function check(paths: string[], rules: readonly Rule[] = RULES, language: 'en' | 'fr' = 'en'): CheckResult {
  const input = readInputs(paths, OPTIONS);
  return checkInput(input, builtinProfile('morocco'), { rules, today: OPTIONS.today, language });
}

function on(result: CheckResult, rule: string, resource: string): Finding[] {
  return result.findings.filter((f) => f.rule === rule && f.resource === resource);
}

function passed(result: CheckResult, rule: string, resource: string): boolean {
  return result.passes.some((p) => p.rule === rule && p.resource === resource);
}

function templates(...paths: string[]): Template[] {
  return [...readInputs(paths, OPTIONS).templates];
}

function resource(list: readonly Template[], id: string, file?: string): Resource {
  const found = list.flatMap((t) => t.resources).filter((r) => r.id === id && (!file || r.file === file));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('Fn::ForEach (AWS::LanguageExtensions)', () => {
  test('a literal collection gives one resource per item, judged like any', () => {
    const [t] = templates('foreach/buckets.yaml');
    expect(t.resources.map((r) => r.id).sort()).toEqual(['BucketArchive', 'BucketRecords', 'Key']);
    expect(resource([t], 'BucketRecords').properties.BucketName).toBe('ma-Records');
    const result = check(['foreach/buckets.yaml']);
    // Fn::FindInMap's DefaultValue: Archive is not in the mapping, so SSE-S3 (and no key: AWS::NoValue).
    expect(on(result, 'ENC-1/s3-bucket-cmk', 'BucketArchive')).toEqual([
      expect.objectContaining({ status: 'fail', message: expect.stringContaining('AES256') }),
    ]);
    expect(passed(result, 'ENC-1/s3-bucket-cmk', 'BucketRecords')).toBe(true);
  });

  test('a collection from a CommaDelimitedList parameter is expanded at its default; Outputs too', () => {
    const [t] = templates('foreach/collection-parameter.json');
    expect(t.resources.map((r) => r.id).sort()).toEqual(['Queueinvoices', 'Queueorders']);
    expect(resource([t], 'Queueorders').properties.QueueName).toBe('orders-queue');
    // The loop's key gives the line of what it generates.
    expect(resource([t], 'Queueorders').line).toBe(8);
    expect(resource([t], 'Queueinvoices').line).toBe(8);
    expect(t.deployment?.resourceCount).toBe(2);
    expect(t.deployment?.outputCount).toBe(2);
    expect(t.deployment?.exports.map((e) => e.name)).toEqual(['orders-url', 'invoices-url']);
    expect(parameterChoicesOf(resource([t], 'Queueorders'))?.assumptions).toEqual([
      { parameter: 'Queues', value: 'orders, invoices', origin: 'default' },
    ]);
    const result = check(['foreach/collection-parameter.json']);
    expect(on(result, 'ENC-1/sqs-cmk', 'Queueorders')[0].message).toMatch(
      /\(with parameter 'Queues' at its default value 'orders, invoices'\)$/,
    );
  });

  test('&{} drops the non-alphanumeric characters; loops nest; Ref to a Fn::Sub names a resource; Conditions', () => {
    const [t] = templates('foreach/cidrs.yaml');
    expect(t.resources.map((r) => r.id).sort()).toEqual([
      'Group00000',
      'Group100008',
      'Rule00000x3389',
      'Rule100008x3389',
    ]);
    const rule = resource([t], 'Rule00000x3389');
    expect(rule.properties.GroupId).toEqual(expect.objectContaining({ target: 'Group00000' }));
    expect(rule.properties.FromPort).toBe('3389');
    expect(Object.keys((deployedDocumentOf(t)?.Conditions ?? {}) as object)).toEqual(['Opens22', 'Opens443']);
    const result = check(['foreach/cidrs.yaml']);
    expect(on(result, 'NET-1/open-ingress', 'Group00000')).toEqual([expect.objectContaining({ status: 'fail' })]);
    expect(on(result, 'NET-1/open-ingress', 'Rule00000x3389')).toEqual([expect.objectContaining({ status: 'fail' })]);
    expect(passed(result, 'NET-1/open-ingress', 'Group100008')).toBe(true);
    expect(passed(result, 'NET-1/open-ingress', 'Rule100008x3389')).toBe(true);
  });

  test('a collection that cannot be known is reported, never a template of 0 resources', () => {
    const [t] = templates('foreach/unknown-collection.yaml');
    expect(t.resources).toHaveLength(1);
    const loop = t.resources[0];
    expect(loop).toEqual(expect.objectContaining({ id: 'Fn::ForEach::Buckets', type: 'Fn::ForEach' }));
    expect(whyUnread(loop)?.en).toBe(
      "the resources of the loop 'Fn::ForEach::Buckets' cannot be known: its collection is parameter 'Names'",
    );
    expect(whyUnread(loop)?.fr).toContain("paramètre 'Names'");
    const result = check(['foreach/unknown-collection.yaml']);
    expect(result.summary.resources).toBe(1);
    // Unread is never judged: cannot-prove, as serious as a failure (exit 1).
    expect(on(result, 'JUR-1/unread', 'Fn::ForEach::Buckets')).toEqual([
      expect.objectContaining({
        status: 'cannot-prove',
        severity: 'error',
        message: expect.stringContaining("its collection is parameter 'Names'"),
      }),
    ]);
    expect(on(result, 'JUR-1/not-assessed', 'Fn::ForEach::Buckets')).toEqual([]);
    expect(result.rules.map((r) => r.id)).toContain('JUR-1/unread');
  });

  test('loops nest 5 levels deep; deeper, or malformed, they are reported', () => {
    const loops = (levels: number): Record<string, unknown> => {
      const ids = Array.from({ length: levels }, (_, i) => `L${i}`);
      let fragment: Record<string, unknown> = {
        [`Q${ids.map((id) => `\${${id}}`).join('')}`]: { Type: 'AWS::SQS::Queue' },
      };
      for (const id of [...ids].reverse()) fragment = { [`Fn::ForEach::${id}`]: [id, ['x'], fragment] };
      return fragment;
    };
    const read = (resources: object): Template =>
      readTemplate({ Resources: resources }, { file: 't.json', format: 'cloudformation-json', stack: STACK });
    expect(read(loops(5)).resources.map((r) => r.id)).toEqual(['Qxxxxx']);
    const deep = read(loops(6));
    expect(deep.resources.map((r) => r.id)).toEqual(['Fn::ForEach::L0']);
    expect(whyUnread(deep.resources[0])?.en).toContain('nested more than 5 levels');
    const bad = read({ 'Fn::ForEach::X': ['Id', ['a']] });
    expect(whyUnread(bad.byId.get('Fn::ForEach::X')!)?.en).toContain('[Identifier, Collection');
  });

  test('loops in resource properties are expanded under the transform; an unknowable one is reported beside', () => {
    const doc = {
      Transform: ['AWS::LanguageExtensions'],
      Parameters: { Unknown: { Type: 'CommaDelimitedList' } },
      Resources: {
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: { 'Fn::ForEach::Props': ['P', ['DelaySeconds', 'MaximumMessageSize'], { '${P}': 5 }] },
        },
        Other: {
          Type: 'AWS::SQS::Queue',
          Properties: { 'Fn::ForEach::Props': ['P', { Ref: 'Unknown' }, { '${P}': 5 }] },
        },
      },
    };
    const t = readTemplate(doc, { file: 't.json', format: 'cloudformation-json', stack: STACK });
    expect(t.byId.get('Queue')?.properties).toEqual({ DelaySeconds: 5, MaximumMessageSize: 5 });
    expect(t.resources.map((r) => r.id)).toEqual(['Queue', 'Other', 'Other/Fn::ForEach::Props']);
    expect(whyUnread(t.byId.get('Other/Fn::ForEach::Props')!)?.en).toContain("parameter 'Unknown'");
  });

  test('Fn::Length, Fn::ToJsonString and Fn::FindInMap with DefaultValue resolve', () => {
    const r = new Resolver({
      resources: new Set(['Key']),
      parameters: new Set(['List']),
      parameterValues: new Map([['List', { value: ['a', 'b', 'c'] }]]),
      mappings: { M: { k: { v: 'found' } } },
      conditions: {},
    });
    expect(r.resolve({ 'Fn::Length': { Ref: 'List' } })).toBe(3);
    expect(r.resolve({ 'Fn::Length': { 'Fn::Split': ['|', 'a|b'] } })).toBe(2);
    expect(r.resolve({ 'Fn::ToJsonString': { a: 'b', c: [1, { Ref: 'List' }] } })).toBe(
      '{"a":"b","c":[1,["a","b","c"]]}',
    );
    expect(isUnresolved(r.resolve({ 'Fn::ToJsonString': { a: { Ref: 'Key' } } }))).toBe(true);
    expect(r.resolve({ 'Fn::FindInMap': ['M', 'k', 'v', { DefaultValue: 'd' }] })).toBe('found');
    expect(r.resolve({ 'Fn::FindInMap': ['M', 'x', 'v', { DefaultValue: 'd' }] })).toBe('d');
  });
});

const STACK = { region: 'eu-west-3', regionOrigin: 'environment' as const, environmentAgnostic: false, tags: {} };

describe('parameters are judged at their default', () => {
  test('SSH open to the default 0.0.0.0/0 fails as a literal would, saying it is the default', () => {
    const result = check(['parameters/ssh-default.yaml']);
    expect(on(result, 'NET-1/open-ingress', 'Bastion')).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'error',
        message: expect.stringMatching(
          /^ingress from 0\.0\.0\.0\/0 on port 22 .*\(with parameter 'SshCidr' at its default value '0\.0\.0\.0\/0'\)$/,
        ),
      }),
    ]);
    const fr = check(['parameters/ssh-default.yaml'], RULES, 'fr');
    expect(on(fr, 'NET-1/open-ingress', 'Bastion')[0].message).toContain(
      "(avec le paramètre 'SshCidr' à sa valeur par défaut '0.0.0.0/0')",
    );
  });

  test('a private default passes', () => {
    const result = check(['parameters/ssh-default-private.yaml']);
    expect(passed(result, 'NET-1/open-ingress', 'Bastion')).toBe(true);
    expect(on(result, 'NET-1/open-ingress', 'Bastion')).toEqual([]);
  });

  test('each allowed value is judged: a violation under any names the value', () => {
    const result = check(['parameters/allowed-values.yaml']);
    expect(on(result, 'NET-1/open-ingress', 'Admin')).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'error',
        message: expect.stringMatching(
          /^ingress from 0\.0\.0\.0\/0 on port 3389 .*\(with parameter 'Port' at its default value '3389', parameter 'AdminCidr' at its allowed value '0\.0\.0\.0\/0'\)$/,
        ),
      }),
    ]);
    // The resource as read keeps the choice open (the rule alone cannot prove it); the engine judges each value.
    const admin = resource(templates('parameters/allowed-values.yaml'), 'Admin');
    expect(parameterChoicesOf(admin)?.variants.length).toBeGreaterThan(1);
    const safe = check(['parameters/allowed-values-private.yaml']);
    expect(passed(safe, 'NET-1/open-ingress', 'Admin')).toBe(true);
    expect(on(safe, 'NET-1/open-ingress', 'Admin')).toEqual([]);
  });

  test('SSM parameter types, NoEcho and parameters without default stay cannot-prove', () => {
    const result = check(['parameters/unknowable.yaml']);
    expect(on(result, 'NET-1/open-ingress', 'Ssm')).toEqual([
      expect.objectContaining({
        status: 'cannot-prove',
        message: expect.stringContaining("SSM parameter '/network/admin-cidr'"),
      }),
    ]);
    expect(on(result, 'NET-1/open-ingress', 'Hidden')).toEqual([
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('NoEcho') }),
    ]);
    // A NoEcho default is never read, so never shown.
    expect(on(result, 'NET-1/open-ingress', 'Hidden')[0].message).not.toContain('0.0.0.0/0');
    expect(on(result, 'NET-1/open-ingress', 'Open')).toEqual([
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringMatching(/parameter 'NoDefault'$/) }),
    ]);
  });

  test('a condition on a parameter default is evaluated, and what it used is noted wherever it is used', () => {
    const doc = {
      Parameters: { Env: { Type: 'String', Default: 'prod' } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: {
        A: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: { 'Fn::If': ['IsProd', 1, 2] } } },
        B: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: { 'Fn::If': ['IsProd', 1, 2] } } },
        Dev: { Type: 'AWS::SQS::Queue', Condition: 'IsDev' },
      },
    };
    const t = readTemplate(
      { ...doc, Conditions: { ...doc.Conditions, IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] } } },
      { file: 't.json', format: 'cloudformation-json', stack: STACK },
    );
    expect(t.resources.map((r) => [r.id, r.properties.DelaySeconds])).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
    for (const id of ['A', 'B']) {
      expect(parameterChoicesOf(t.byId.get(id)!)?.assumptions).toEqual([
        { parameter: 'Env', value: 'prod', origin: 'default' },
      ]);
    }
  });
});

describe('nested stacks', () => {
  test("a cloud assembly's NestedStack templates are read with the parent's environment and values", () => {
    const list = templates('nested/assembly');
    expect(list.map((t) => t.file).sort()).toEqual([
      'nested/assembly/Parent.template.json',
      'nested/assembly/ParentClosed1C2D3E4F.nested.template.json',
      'nested/assembly/ParentOpen8B49BB45.nested.template.json',
    ]);
    const open = list.find((t) => t.file.endsWith('ParentOpen8B49BB45.nested.template.json'))!;
    expect(open.stack).toEqual(
      expect.objectContaining({
        account: '111111111111',
        region: 'eu-west-3',
        regionOrigin: 'environment',
        tags: { 'sovereign-lz.io/classification': 'internal', team: 'records' },
      }),
    );
    expect(open.stack.artifactId).toBeUndefined();
    // The stack resources whose templates are read leave the parent; the one elsewhere stays, not read.
    const parent = list.find((t) => t.file.endsWith('Parent.template.json'))!;
    expect(parent.resources.map((r) => r.id)).toEqual(['Key', 'ElsewhereNestedStackResource']);
    expect(parent.byId.has('OpenNestedStackResource')).toBe(true);
    expect(whyUnread(parent.byId.get('ElsewhereNestedStackResource')!)?.en).toBe(
      "the template of this nested stack is not read: its TemplateURL 'https://s3.eu-west-3.amazonaws.com/someone-elses-bucket/shared.json' is not an asset of the cloud assembly",
    );
    const result = checkPaths(['nested/assembly'], { cwd: FIXTURES, today: OPTIONS.today });
    const file = 'nested/assembly/ParentOpen8B49BB45.nested.template.json';
    expect(result.findings.filter((f) => f.file === file && f.rule === 'NET-1/open-ingress')).toEqual([
      expect.objectContaining({
        resource: 'Sg',
        status: 'fail',
        message: expect.stringMatching(
          /\(with parameter 'Cidr' of stack 'Parent' at its default value '0\.0\.0\.0\/0'\)$/,
        ),
      }),
    ]);
    // KmsMasterKeyId: "" in the nested template: no key.
    expect(result.findings.filter((f) => f.file === file && f.rule === 'ENC-1/sqs-cmk').map((f) => f.resource)).toEqual(
      ['Queue'],
    );
    // A reference to the parent's key is followed to it.
    expect(
      result.passes.some((p) => p.file === file && p.resource === 'QueueWithParentKey' && p.rule === 'ENC-1/sqs-cmk'),
    ).toBe(true);
    const closed = 'nested/assembly/ParentClosed1C2D3E4F.nested.template.json';
    expect(result.passes.some((p) => p.file === closed && p.rule === 'NET-1/open-ingress')).toBe(true);
    expect(result.findings.filter((f) => f.file === closed && f.status === 'fail')).toEqual([]);
  });

  test('an aws-cdk-lib NestedStack, as synthesized, is found through the asset manifest', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'slz-nested-'));
    try {
      const app = new App({ outdir });
      const parent = new Stack(app, 'Parent', { env: { account: '111111111111', region: 'eu-west-3' } });
      const cidr = new CfnParameter(parent, 'Cidr', { default: '0.0.0.0/0' });
      const child = new NestedStack(parent, 'Child');
      new CfnQueue(child, 'Queue', { kmsMasterKeyId: '' });
      new CfnSecurityGroup(child, 'Sg', {
        groupDescription: 'x',
        securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: cidr.valueAsString }],
      });
      app.synth();
      const result = checkPaths([outdir], {
        cwd: outdir,
        classification: 'internal',
        today: OPTIONS.today,
      });
      const nestedFile = result.inputs.find((f) => f.endsWith('.nested.template.json'));
      expect(nestedFile).toBeDefined();
      const failed = result.findings.filter((f) => f.file === nestedFile && f.status === 'fail');
      expect(failed.map((f) => `${f.rule} ${f.resource}`).sort()).toEqual(
        expect.arrayContaining(['ENC-1/sqs-cmk Queue', 'NET-1/open-ingress Sg']),
      );
      expect(failed.find((f) => f.rule === 'NET-1/open-ingress')?.message).toContain(
        "(with parameter 'Cidr' of stack 'Parent' at its default value '0.0.0.0/0')",
      );
      expect(
        result.findings.filter((f) => f.rule === 'JUR-1/not-assessed' && /CloudFormation::Stack/.test(f.message)),
      ).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('outside a cloud assembly, a TemplateURL beside the parent is read; a remote one is not', () => {
    const list = templates('nested/files/parent.yaml');
    expect(list.map((t) => t.file)).toEqual([
      'nested/files/parent.yaml',
      'nested/files/child.yaml',
      'nested/files/child.yaml',
    ]);
    const shared = resource(list, 'Shared');
    expect(whyUnread(shared)?.en).toContain(
      "its template is at 'https://s3.amazonaws.com/bucket/shared.yaml', outside the input",
    );
    const result = check(['nested/files/parent.yaml']);
    const child = result.findings.filter(
      (f) => f.file === 'nested/files/child.yaml' && f.rule === 'NET-1/open-ingress',
    );
    expect(child).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: expect.stringContaining("parameter 'SshCidr' of stack 'nested/files/parent.yaml'"),
      }),
    ]);
    // The directory holds both: the child is judged as the parent's nested stack, not on its own.
    const walked = templates('nested/files');
    expect(walked.map((t) => t.file)).toEqual([
      'nested/files/parent.yaml',
      'nested/files/child.yaml',
      'nested/files/child.yaml',
    ]);
  });
});

describe('AWS SAM', () => {
  test('the table names the SAM types judged and the CloudFormation types each generates', () => {
    expect(
      Object.fromEntries(Object.entries(SAM_RESOURCES).map(([type, list]) => [type, list.map((g) => g.type)])),
    ).toEqual({
      'AWS::Serverless::Function': [
        'AWS::Lambda::Function',
        'AWS::IAM::Role',
        'AWS::Lambda::Url',
        'AWS::Lambda::Version',
        'AWS::Lambda::Alias',
        'AWS::CodeDeploy::DeploymentGroup',
      ],
      'AWS::Serverless::SimpleTable': ['AWS::DynamoDB::Table'],
      'AWS::Serverless::Api': [
        'AWS::ApiGateway::RestApi',
        'AWS::ApiGateway::Stage',
        'AWS::ApiGateway::Deployment',
        'AWS::ApiGateway::DomainName',
      ],
      'AWS::Serverless::HttpApi': [
        'AWS::ApiGatewayV2::Api',
        'AWS::ApiGatewayV2::Stage',
        'AWS::ApiGatewayV2::DomainName',
      ],
      'AWS::Serverless::StateMachine': ['AWS::StepFunctions::StateMachine', 'AWS::IAM::Role'],
    });
  });

  test('SAM resources become the resources SAM generates, with their properties', () => {
    const list = templates('sam/violating.yaml');
    const ids = list.flatMap((t) => t.resources.map((r) => `${r.id} ${r.type}`)).sort();
    expect(ids).toEqual([
      'Api AWS::ApiGateway::RestApi',
      'ApiDeployment AWS::ApiGateway::Deployment',
      'ApiGatewayDomainNameApi AWS::ApiGateway::DomainName',
      'ApiprodStage AWS::ApiGateway::Stage',
      'App AWS::Serverless::Application',
      'Fn AWS::Lambda::Function',
      'FnEventInvokeConfig AWS::Lambda::EventInvokeConfig',
      'FnOnFailureQueue AWS::SQS::Queue',
      'FnRole AWS::IAM::Role',
      'FnUrl AWS::Lambda::Url',
      'Http AWS::ApiGatewayV2::Api',
      'HttpApiGatewayDefaultStage AWS::ApiGatewayV2::Stage',
      'Machine AWS::StepFunctions::StateMachine',
      'MachineRole AWS::IAM::Role',
      'Table AWS::DynamoDB::Table',
    ]);
    expect(resource(list, 'FnUrl').properties).toEqual(
      expect.objectContaining({ AuthType: 'NONE', TargetFunctionArn: expect.objectContaining({ target: 'Fn' }) }),
    );
    expect(resource(list, 'ApiGatewayDomainNameApi').properties.SecurityPolicy).toBe('TLS_1_0');
    // Globals: the function's runtime and tags.
    expect(resource(list, 'Fn').properties.Runtime).toBe('nodejs20.x');
    expect(resource(list, 'Fn').tags).toEqual({
      'sovereign-lz.io/classification': 'internal',
      'lambda:createdBy': 'SAM',
    });
    expect(resource(list, 'Table').properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(whyUnread(resource(list, 'App'))?.en).toContain('AWS::Serverless::Application is not translated');
    // Each generated resource has the line of its SAM resource.
    expect(resource(list, 'FnRole').line).toBe(resource(list, 'Fn').line);
  });

  test('violations of the generated resources are found; the compliant template keeps the controls', () => {
    const bad = check(['sam/violating.yaml']);
    expect(on(bad, 'IAM-1/admin-policy', 'FnRole').map((f) => f.status)).toEqual(['fail', 'fail']);
    expect(on(bad, 'IAM-1/admin-policy', 'MachineRole')).toEqual([expect.objectContaining({ status: 'fail' })]);
    expect(on(bad, 'ENC-1/dynamodb-cmk', 'Table')).toEqual([expect.objectContaining({ status: 'fail' })]);
    expect(on(bad, 'ENC-1/sqs-cmk', 'FnOnFailureQueue')).toEqual([expect.objectContaining({ status: 'fail' })]);
    expect(on(bad, 'JUR-1/unread', 'App')).toEqual([
      expect.objectContaining({
        status: 'cannot-prove',
        message: expect.stringContaining('AWS::Serverless::Application'),
      }),
    ]);
    const good = check(['sam/compliant.yaml']);
    expect(good.findings.filter((f) => f.status === 'fail' && f.rule !== 'CLS-1/classification-tag')).toEqual([]);
    expect(passed(good, 'ENC-1/dynamodb-cmk', 'Table')).toBe(true);
    expect(passed(good, 'IAM-1/admin-policy', 'FnRole')).toBe(true);
    const [t] = templates('sam/compliant.yaml');
    expect(resource([t], 'Fn').properties.KmsKeyArn).toEqual(expect.objectContaining({ target: 'Key' }));
    expect(resource([t], 'FnQueue').type).toBe('AWS::Lambda::EventSourceMapping');
  });

  test('Globals merge as SAM merges them; implicit APIs are generated', () => {
    const { resources } = translateServerless(
      {
        F: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Environment: { Variables: { B: '2' } },
            VpcConfig: { SecurityGroupIds: ['sg-own'] },
            Events: { Get: { Type: 'Api', Properties: { Path: '/', Method: 'get' } } },
          },
        },
      },
      {
        Function: {
          Environment: { Variables: { A: '1', B: 'global' } },
          VpcConfig: { SecurityGroupIds: ['sg-global'] },
          Timeout: 3,
        },
      },
    );
    const f = (resources.F as { Properties: Record<string, unknown> }).Properties;
    expect(f.Environment).toEqual({ Variables: { A: '1', B: '2' } });
    expect(f.VpcConfig).toEqual({ SecurityGroupIds: ['sg-global', 'sg-own'] });
    expect(f.Timeout).toBe(3);
    expect(Object.keys(resources).sort()).toEqual([
      'F',
      'FRole',
      'ServerlessRestApi',
      'ServerlessRestApiDeployment',
      'ServerlessRestApiProdStage',
    ]);
  });
});

describe('fragments and empty strings', () => {
  test('a file of Parameters, Outputs or Mappings without Resources is a template of zero resources', () => {
    expect(isCloudFormationTemplate({ Parameters: { A: { Type: 'String' } } })).toBe(true);
    expect(isCloudFormationTemplate({ Mappings: {} })).toBe(true);
    // Not a template: other keys, or nothing of a template's.
    expect(isCloudFormationTemplate({ Parameters: {}, replicaCount: 2 })).toBe(false);
    expect(isCloudFormationTemplate({ Description: 'x' })).toBe(false);
    for (const file of ['fragments/parameters-only.yaml', 'fragments/mappings-only.json']) {
      const result = checkPaths([file], OPTIONS);
      expect(result.summary.resources).toBe(0);
      expect(result.inputs).toEqual([file]);
    }
  });

  test('an empty string is an absent value: KmsMasterKeyId "" names no key', () => {
    const result = check(['empty-strings/queue-topic.yaml']);
    expect(on(result, 'ENC-1/sqs-cmk', 'Queue')).toEqual([
      expect.objectContaining({ status: 'fail', message: expect.stringContaining('KmsMasterKeyId not set') }),
    ]);
    expect(on(result, 'ENC-1/sns-cmk', 'Topic')).toEqual([
      expect.objectContaining({ status: 'fail', message: 'the data is not encrypted at rest' }),
    ]);
    // A tag's value may be empty: it stays.
    expect(resource(templates('empty-strings/queue-topic.yaml'), 'Topic').tags).toEqual({ team: '' });
    const good = check(['empty-strings/queue-topic-cmk.yaml']);
    expect(passed(good, 'ENC-1/sqs-cmk', 'Queue')).toBe(true);
    expect(passed(good, 'ENC-1/sns-cmk', 'Topic')).toBe(true);
  });
});
