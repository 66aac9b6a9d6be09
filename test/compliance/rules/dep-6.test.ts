import { dep, judgeStacks, passes, type TestStack } from '../fixtures/dep/judge';

const TEMPLATE_RULE = 'DEP-6/template-limits';
const BODY_RULE = 'DEP-6/stack-set-body';

const queues = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`Queue${i}`, { Type: 'AWS::SQS::Queue' }]));

const small: TestStack = { name: 'Small', doc: { Resources: queues(3) } };

test('a template within the quotas passes', () => {
  const r = judgeStacks([small]);
  expect(dep(r, TEMPLATE_RULE)).toEqual([]);
  expect(passes(r, TEMPLATE_RULE, '')).toBe(true);
});

test('fails more than 500 resources, 200 parameters or 200 outputs', () => {
  const parameters = Object.fromEntries(
    Array.from({ length: 201 }, (_, i) => [`P${i}`, { Type: 'String', Default: 'x' }]),
  );
  const outputs = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`O${i}`, { Value: 'x' }]));
  const r = judgeStacks([{ name: 'Big', doc: { Parameters: parameters, Resources: queues(501), Outputs: outputs } }]);
  expect(dep(r, TEMPLATE_RULE).map((f) => [f.status, f.severity, f.message])).toEqual([
    ['fail', 'error', "the template declares 201 outputs, above CloudFormation's quota of 200: it is refused"],
    ['fail', 'error', "the template declares 201 parameters, above CloudFormation's quota of 200: it is refused"],
    ['fail', 'error', "the template declares 501 resources, above CloudFormation's quota of 500: it is refused"],
  ]);
  expect(dep(r, TEMPLATE_RULE)[0].source).toBe('AWS CloudFormation User Guide: Understand CloudFormation quotas');
});

test('a stack of a cloud assembly above 51,200 bytes is a warning (cdk deploy uploads it), giving its minified size', () => {
  const text = JSON.stringify(small.doc, null, 1) + ' '.repeat(60_000);
  const [f] = dep(judgeStacks([{ ...small, text }]), TEMPLATE_RULE);
  expect(f).toEqual(expect.objectContaining({ status: 'fail', severity: 'warning' }));
  expect(f.message).toMatch(/^the template is 60,\d{3} bytes \(minified it is \d+ bytes\), above the 51,200 bytes/);
  expect(f.message).toContain('cdk deploy uploads it to the bootstrap bucket');
});

test('a stack whose manifest names its template asset is read from S3: above 51,200 bytes it passes', () => {
  const text = JSON.stringify(small.doc, null, 1) + ' '.repeat(60_000);
  const stack = { templateAssetUrl: 's3://cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}/abc.json' };
  const r = judgeStacks([{ ...small, text, stack }]);
  expect(dep(r, TEMPLATE_RULE)).toEqual([]);
  expect(passes(r, TEMPLATE_RULE, '')).toBe(true);
});

test('a template file above 51,200 bytes must be deployed from S3 (a warning); above 1 MB it is an error', () => {
  const file: TestStack = { ...small, stack: { artifactId: undefined }, text: ' '.repeat(52_000) };
  expect(dep(judgeStacks([file]), TEMPLATE_RULE)).toEqual([
    expect.objectContaining({
      severity: 'warning',
      message: expect.stringContaining('deploy it from S3 (--template-url'),
    }),
  ]);
  const huge: TestStack = { ...small, text: ' '.repeat(1_048_577) };
  expect(dep(judgeStacks([huge]), TEMPLATE_RULE)).toEqual([
    expect.objectContaining({
      status: 'fail',
      severity: 'error',
      message: expect.stringContaining('above the 1,048,576 bytes (1 MB) CloudFormation reads from S3'),
    }),
  ]);
});

const stackSet = (body: string): TestStack => ({
  name: 'Organization',
  account: '111111111111',
  doc: {
    Resources: {
      Baseline: {
        Type: 'AWS::CloudFormation::StackSet',
        Properties: {
          StackSetName: 'baseline',
          PermissionModel: 'SERVICE_MANAGED',
          TemplateBody: body,
          StackInstancesGroup: [
            { DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-cdef3456'] }, Regions: ['eu-west-3'] },
          ],
        },
      },
    },
  },
});

test("a StackSet's body within 51,200 bytes passes", () => {
  const r = judgeStacks([stackSet(JSON.stringify({ Resources: queues(2) }))]);
  expect(dep(r, BODY_RULE)).toEqual([]);
  expect(passes(r, BODY_RULE, 'Baseline')).toBe(true);
});

test("fails a StackSet's body above 51,200 bytes, sent inline (an error), saying when minifying would do", () => {
  const body = `${JSON.stringify({ Resources: queues(2) }, null, 2)}${' '.repeat(60_000)}`;
  const [f] = dep(judgeStacks([stackSet(body)]), BODY_RULE);
  expect(f).toEqual(expect.objectContaining({ status: 'fail', severity: 'error', resource: 'Baseline' }));
  expect(f.message).toMatch(/^its TemplateBody is [\d,]+ bytes; minified it would be \d+, above the 51,200 bytes/);
});
