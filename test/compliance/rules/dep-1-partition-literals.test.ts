import type { CheckResult } from '../../../constructs/compliance/normalize/model';
import { findingsOf, judge, template, type CfnResource } from '../helpers/judge';
import { dep, judgeStacks, passes, type TestStack } from '../fixtures/dep/judge';

const RULE = 'DEP-1/partition-literals';
const EUSC = 'eusc-de-east-1';

/** A template judged as a stack in `region` under the EU profile. */
const inRegion = (resources: Record<string, CfnResource>, region: string | null = EUSC) =>
  judge(template(resources), { profile: 'eu', region });
const messages = (r: CheckResult) => findingsOf(r, RULE).map((f) => f.message);
const templatePassed = (r: CheckResult) => r.passes.some((p) => p.rule === RULE && p.resource === '');

/** A bucket policy granting `principal` on `resource`, with an optional condition. */
const bucketPolicy = (principal: unknown, resource: unknown, condition?: unknown): CfnResource => ({
  Type: 'AWS::S3::BucketPolicy',
  Properties: {
    Bucket: 'archive',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: principal, Action: 's3:PutObject', Resource: resource, Condition: condition },
      ],
    },
  },
});

/** A function whose environment names `endpoint`. */
const fn = (endpoint: unknown): CfnResource => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Role: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app' },
    Code: { ZipFile: 'exports.handler = async () => 1;' },
    Environment: { Variables: { QUEUE_URL: endpoint } },
  },
});

describe('a template bound for the AWS European Sovereign Cloud (aws-eusc)', () => {
  test('written partition-neutral, with service principals in their own form, passes', () => {
    const r = inRegion({
      Policy: bucketPolicy(
        { Service: 'cloudtrail.amazonaws.com' },
        { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::archive/*' },
        // A bare service name in a condition is a principal's, not an endpoint.
        { StringEquals: { 'kms:ViaService': `s3.${EUSC}.amazonaws.com` } },
      ),
      Logs: {
        Type: 'AWS::KMS::Key',
        Properties: {
          Description: 'Written for arn:aws: first, then moved (a description reaches no service)',
          KeyPolicy: {
            Statement: [
              { Effect: 'Allow', Principal: { Service: `logs.${EUSC}.amazonaws.com` }, Action: 'kms:*', Resource: '*' },
            ],
          },
        },
      },
      Invoke: {
        Type: 'AWS::Lambda::Permission',
        Properties: { FunctionName: 'app', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' },
      },
      // AWS::URLSuffix is amazonaws.eu there: the host is the partition's own.
      App: fn({ 'Fn::Sub': 'https://sqs.${AWS::Region}.${AWS::URLSuffix}/111111111111/jobs' }),
      S3Endpoint: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: { VpcId: 'vpc-1', ServiceName: `com.amazonaws.${EUSC}.s3` },
      },
    });
    expect(findingsOf(r, RULE)).toEqual([]);
    expect(r.passes.find((p) => p.rule === RULE)).toEqual(
      expect.objectContaining({ resource: '', evidence: { region: EUSC, partition: 'aws-eusc' } }),
    );
  });

  test('fails an arn:aws: ARN, naming the resource, the property and both partitions', () => {
    const r = inRegion({ Policy: bucketPolicy({ Service: 'cloudtrail.amazonaws.com' }, 'arn:aws:s3:::archive/*') });
    const [f] = findingsOf(r, RULE);
    expect(f).toEqual(
      expect.objectContaining({
        status: 'fail',
        severity: 'error',
        control: 'DEP-1',
        resource: 'Policy',
        source: 'AWS IAM User Guide: Identify AWS resources with Amazon Resource Names (ARNs)',
        evidence: expect.objectContaining({ partition: 'aws-eusc', literal: 'arn:aws:', namedPartition: ['aws'] }),
      }),
    );
    expect(f.message).toBe(
      "'Policy' (AWS::S3::BucketPolicy) Properties.PolicyDocument.Statement[0].Resource names an ARN of partition aws ('arn:aws:s3:::archive/*'), but the stack deploys to eusc-de-east-1, in partition aws-eusc: an ARN of another partition names nothing there (accounts, IAM and resources do not cross partitions)",
    );
    expect(templatePassed(r)).toBe(false);
  });

  test('reads the literal parts of Fn::Sub and Fn::Join, and an ARN in a principal', () => {
    const r = inRegion({
      Bucket: { Type: 'AWS::S3::Bucket' },
      Policy: bucketPolicy(
        // A principal's ARN is an ARN: only service principals keep a commercial form.
        { AWS: 'arn:aws:iam::111111111111:root' },
        [
          { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'Bucket' }, '/*']] },
          { 'Fn::Sub': 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*' },
        ],
      ),
    });
    expect(findingsOf(r, RULE).map((f) => f.evidence?.path)).toEqual([
      'Properties.PolicyDocument.Statement[0].Principal.AWS',
      'Properties.PolicyDocument.Statement[0].Resource[0]',
      'Properties.PolicyDocument.Statement[0].Resource[1]',
    ]);
    expect(messages(r)[1]).toContain("('arn:aws:s3:::${Bucket}/*')");
    expect(messages(r)[2]).toContain(`('arn:aws:kms:${EUSC}:`);
  });

  test('fails an endpoint host under amazonaws.com, of the commercial and GovCloud partitions', () => {
    const r = inRegion({ App: fn(`https://sqs.${EUSC}.amazonaws.com/111111111111/jobs`) });
    const [f] = findingsOf(r, RULE);
    expect(f.message).toBe(
      `'App' (AWS::Lambda::Function) Properties.Environment.Variables.QUEUE_URL names the endpoint host sqs.${EUSC}.amazonaws.com of partition aws or aws-us-gov ('https://sqs.${EUSC}.amazonaws.com/111111111111/jobs'), but the stack deploys to ${EUSC}, in partition aws-eusc: its endpoints are under amazonaws.eu and api.amazonwebservices.eu`,
    );
    expect(f.source).toBe('AWS General Reference: AWS service endpoints');
    // An endpoint left open by a parameter is read as written around it.
    const open = inRegion({ App: fn({ 'Fn::Sub': 'https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/q' }) });
    expect(messages(open)).toEqual([expect.stringContaining(`endpoint host sqs.${EUSC}.amazonaws.com of`)]);
  });

  test('says so in French', () => {
    const doc = template({ Policy: bucketPolicy({ Service: 'cloudtrail.amazonaws.com' }, 'arn:aws:s3:::a/*') });
    const [f] = findingsOf(judge(doc, { profile: 'eu', region: EUSC, language: 'fr' }), RULE);
    expect(f.message).toContain(
      "nomme un ARN de la partition aws ('arn:aws:s3:::a/*'), mais la pile se déploie dans eusc-de-east-1, dans la partition aws-eusc",
    );
  });
});

describe('every partition is judged by its own', () => {
  test('a commercial template is fine in a commercial region, and fails in the European Sovereign Cloud', () => {
    const resources = { Policy: bucketPolicy({ Service: 'cloudtrail.amazonaws.com' }, 'arn:aws:s3:::archive/*') };
    expect(findingsOf(inRegion(resources, 'eu-central-1'), RULE)).toEqual([]);
    expect(templatePassed(inRegion(resources, 'eu-central-1'))).toBe(true);
    expect(findingsOf(inRegion(resources, EUSC), RULE)).toHaveLength(1);
  });

  test('a host of the European Sovereign Cloud or of China fails in the commercial partition', () => {
    const r = inRegion(
      {
        Eu: fn('https://sqs.eusc-de-east-1.amazonaws.eu/1/q'),
        Cn: fn('https://sqs.cn-north-1.amazonaws.com.cn/1/q'),
        Dual: fn('https://sqs.eusc-de-east-1.api.amazonwebservices.eu/1/q'),
      },
      'eu-west-3',
    );
    expect(findingsOf(r, RULE).map((f) => [f.resource, f.evidence?.literal, f.evidence?.namedPartition])).toEqual([
      ['Cn', 'sqs.cn-north-1.amazonaws.com.cn', ['aws-cn']],
      ['Dual', 'sqs.eusc-de-east-1.api.amazonwebservices.eu', ['aws-eusc']],
      ['Eu', 'sqs.eusc-de-east-1.amazonaws.eu', ['aws-eusc']],
    ]);
  });

  test("China's amazonaws.com.cn is its own, never read as amazonaws.com; GovCloud shares amazonaws.com", () => {
    expect(findingsOf(inRegion({ Cn: fn('https://sqs.cn-north-1.amazonaws.com.cn/1/q') }, 'cn-north-1'), RULE)).toEqual(
      [],
    );
    const gov = { Gov: fn('https://sqs.us-gov-west-1.amazonaws.com/1/q') };
    expect(findingsOf(inRegion(gov, 'us-gov-west-1'), RULE)).toEqual([]);
    expect(
      messages(inRegion({ P: bucketPolicy({ Service: 'x.amazonaws.com' }, 'arn:aws:s3:::b') }, 'us-gov-west-1')),
    ).toEqual([expect.stringContaining('in partition aws-us-gov')]);
  });

  test('a template whose region is unknown is not judged (RES-1 reports it)', () => {
    const r = inRegion({ Policy: bucketPolicy({ Service: 'cloudtrail.amazonaws.com' }, 'arn:aws:s3:::a') }, null);
    expect(findingsOf(r, RULE)).toEqual([]);
    expect(r.passes.filter((p) => p.rule === RULE)).toEqual([]);
  });
});

describe('StackSet bodies, read in the region of each instance', () => {
  const body = (resource: unknown) => ({
    Resources: {
      Reader: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] },
        },
      },
    },
  });
  const organization = (resource: unknown): TestStack => ({
    name: 'Organization',
    account: '111111111111',
    region: EUSC,
    doc: {
      Resources: {
        Baseline: {
          Type: 'AWS::CloudFormation::StackSet',
          Properties: {
            StackSetName: 'baseline',
            PermissionModel: 'SERVICE_MANAGED',
            TemplateBody: JSON.stringify(body(resource)),
            StackInstancesGroup: [
              { DeploymentTargets: { OrganizationalUnitIds: ['ou-a1b2-workloads'] }, Regions: [EUSC] },
            ],
          },
        },
      },
    },
  });

  test("fails a body's arn:aws: on the StackSet, naming the body's resource and the instances' region", () => {
    const findings = dep(judgeStacks([organization('arn:aws:s3:::archive/*')]), RULE);
    expect(findings).toEqual([
      expect.objectContaining({
        resource: 'Baseline',
        evidence: expect.objectContaining({ bodyResource: 'Reader', instanceRegions: [EUSC] }),
      }),
    ]);
    expect(findings[0].message).toBe(
      "its body's 'Reader' (AWS::IAM::ManagedPolicy) Properties.PolicyDocument.Statement[0].Resource names an ARN of partition aws ('arn:aws:s3:::archive/*'), but its stack instances in eusc-de-east-1 are in partition aws-eusc: an ARN of another partition names nothing there (accounts, IAM and resources do not cross partitions)",
    );
  });

  test('a body written with ${AWS::Partition} passes', () => {
    const r = judgeStacks([organization({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::archive/*' })]);
    expect(dep(r, RULE)).toEqual([]);
    expect(passes(r, RULE, '')).toBe(true);
  });
});
