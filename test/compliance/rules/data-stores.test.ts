import { checkInput } from '../../../constructs/compliance/check';
import { readTemplate } from '../../../constructs/compliance/read/cloudformation';
import { controlsReference } from '../../../constructs/compliance/report/controls-reference';
import type { CheckResult } from '../../../constructs/compliance/normalize/model';
import { CLOUDFORMATION_RULES } from '../../../constructs/compliance/rules';
import { DATA_STORE_ROWS, GENERIC_RULE_IDS, ruleOf, typesOf } from '../../../constructs/compliance/rules/data-stores';
import { builtinProfile, extendProfile, morocco, TAG_KEYS } from '../../../constructs/core';
import { judge, KEY, on, passed, template, type CfnResource } from '../helpers/judge';
import { FIXTURES, type TypeFixtures, type Violation } from './data-stores.fixtures';

const KEY_REF = { Ref: 'Key' };
const fixtures = new Map(FIXTURES.map((f) => [f.type, f]));
const rowOf = (type: string) => DATA_STORE_ROWS.find((r) => r.type === type)!;

function compliant(f: TypeFixtures): Record<string, unknown> {
  return template({ ...KEY, ...f.extra, R: { Type: f.type, Properties: f.good } });
}

function violating(f: TypeFixtures, v: Violation): Record<string, unknown> {
  const props = Object.fromEntries(
    Object.entries({ ...f.good, ...v.props }).filter(([, value]) => value !== undefined),
  );
  return template({ ...KEY, ...f.extra, ...v.extra, R: { Type: f.type, Properties: props } });
}

describe('the data-store table', () => {
  test('lists at least 60 types that hold customer data, each once', () => {
    const types = DATA_STORE_ROWS.map((r) => r.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.length).toBeGreaterThanOrEqual(60);
  });

  test('every check reports under a registered rule of its control, and every row cites its CloudFormation page first', () => {
    const rules = new Map(CLOUDFORMATION_RULES.map((r) => [r.id, r]));
    for (const row of DATA_STORE_ROWS) {
      expect(row.sources[0]).toMatch(/AWSCloudFormation\/latest\/TemplateReference\/aws-resource-/);
      for (const check of row.checks) {
        const rule = rules.get(ruleOf(check));
        expect(rule).toBeDefined();
        expect(rule!.control).toBe(check.control);
        expect(rule!.appliesTo).toContain(row.type);
      }
    }
    for (const id of Object.values(GENERIC_RULE_IDS)) expect(rules.has(id)).toBe(true);
  });

  test('KEY-1 judges every type ENC-1 reads at rest', () => {
    const key1 = CLOUDFORMATION_RULES.find((r) => r.id === 'KEY-1/external-key')!;
    const atRest = DATA_STORE_ROWS.filter((r) => r.checks.some((c) => c.control === 'ENC-1')).map((r) => r.type);
    expect([...(key1.appliesTo as string[])].sort()).toEqual([...atRest].sort());
  });

  test('every check of every row has a compliant and a violating fixture', () => {
    const missing: string[] = [];
    for (const row of DATA_STORE_ROWS) {
      const f = fixtures.get(row.type);
      row.checks.forEach((check, i) => {
        if (!f || !f.violations.some((v) => v.check === i)) missing.push(`${row.type} #${i} ${ruleOf(check)}`);
      });
    }
    expect(missing).toEqual([]);
    expect(FIXTURES.map((f) => f.type).filter((t) => !rowOf(t))).toEqual([]);
  });

  test('the controls reference lists every type each rule judges, with its sources', () => {
    const reference = controlsReference();
    for (const row of DATA_STORE_ROWS) {
      for (const check of row.checks) {
        expect(reference).toContain(`| \`${row.type}\` | \`${ruleOf(check)}\` |`);
      }
      expect(reference).toContain(`[1](${row.sources[0]})`);
    }
    expect(typesOf('ENC-1/data-store-cmk').length).toBeGreaterThan(40);
  });
});

describe.each(FIXTURES.map((f) => [f.type, f] as const))('%s', (_type, f) => {
  const row = rowOf(f.type);
  const rules = [...new Set(row.checks.map(ruleOf))];

  test.each(rules)('the compliant fixture passes %s', (rule) => {
    const r = judge(compliant(f), { stackLevel: f.level ?? 'internal' });
    expect(on(r, rule, 'R')).toEqual([]);
    if (!f.notApplicable?.includes(rule)) expect(passed(r, rule, 'R')).toBe(true);
    else expect(r.notApplicable.some((p) => p.rule === rule && p.resource === 'R')).toBe(true);
  });

  test.each(f.violations.map((v) => [`#${v.check} ${ruleOf(row.checks[v.check])}`, v] as const))(
    'the violating fixture of check %s is caught',
    (_name, v) => {
      const rule = ruleOf(row.checks[v.check]);
      const findings = on(judge(violating(f, v), { stackLevel: v.level ?? f.level ?? 'internal' }), rule, 'R');
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ status: v.status ?? 'fail', message: expect.stringContaining(v.message) }),
        ]),
      );
    },
  );
});

describe('unknown values and levels', () => {
  const params = { Parameters: { P: { Type: 'String' } } };

  test.each([
    ['AWS::DocDB::DBCluster', { StorageEncrypted: { Ref: 'P' } }, 'ENC-1/data-store-cmk'],
    [
      'AWS::Kinesis::Stream',
      { StreamEncryption: { EncryptionType: 'KMS', KeyId: { Ref: 'P' } } },
      'ENC-1/data-store-cmk',
    ],
    [
      'AWS::Redshift::Cluster',
      { PubliclyAccessible: { Ref: 'P' }, Encrypted: true, KmsKeyId: KEY_REF },
      'NET-2/data-store-public-endpoint',
    ],
    [
      'AWS::SecretsManager::Secret',
      { KmsKeyId: KEY_REF, ReplicaRegions: [{ Region: { Ref: 'P' } }] },
      'RES-2/data-store-copy-region',
    ],
    ['AWS::ElastiCache::ReplicationGroup', { TransitEncryptionEnabled: { Ref: 'P' } }, 'ENC-2/data-store-tls'],
    ['AWS::SQS::QueuePolicy', { PolicyDocument: { Ref: 'P' } }, 'ACC-1/data-store-public-access'],
  ])('%s: a value given by a parameter cannot be proven, never passes', (type, props, rule) => {
    const r = judge(template({ ...KEY, R: { Type: type, Properties: props } }, params));
    expect(passed(r, rule, 'R')).toBe(false);
    expect(on(r, rule, 'R')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining("parameter 'P'") }),
      ]),
    );
  });

  test('a provider key is acceptable for public data only; no encryption fails at every level', () => {
    const stream = (props: Record<string, unknown>) =>
      template({ R: { Type: 'AWS::Kinesis::Stream', Properties: props } });
    const owned = stream({ StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' } });
    expect(passed(judge(owned, { stackLevel: 'public' }), 'ENC-1/data-store-cmk', 'R')).toBe(true);
    expect(on(judge(owned), 'ENC-1/data-store-cmk', 'R')[0].status).toBe('fail');
    expect(on(judge(stream({}), { stackLevel: 'public' }), 'ENC-1/data-store-cmk', 'R')[0].message).toContain(
      'not encrypted at rest',
    );
  });

  test('an unknown level keeps a provider key unproven, as an error', () => {
    const r = judge(template({ R: { Type: 'AWS::QLDB::Ledger', Properties: { KmsKey: 'AWS_OWNED_KMS_KEY' } } }), {
      stackLevel: null,
    });
    expect(on(r, 'ENC-1/data-store-cmk', 'R')).toEqual([
      expect.objectContaining({
        status: 'cannot-prove',
        severity: 'error',
        message: expect.stringContaining('classification is unknown'),
      }),
    ]);
  });

  test("unauthenticated access is allowed for data classified 'public', unproven when the level is unknown", () => {
    const url = template({ R: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: 'f', AuthType: 'NONE' } } });
    expect(passed(judge(url, { stackLevel: 'public' }), 'ACC-1/data-store-public-access', 'R')).toBe(true);
    expect(on(judge(url, { stackLevel: null }), 'ACC-1/data-store-public-access', 'R')[0].status).toBe('cannot-prove');
  });

  test('a CORS preflight method and a function without environment variables are not judged', () => {
    const r = judge(
      template({
        M: { Type: 'AWS::ApiGateway::Method', Properties: { HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' } },
        F: { Type: 'AWS::Lambda::Function', Properties: { Role: 'r', Code: { ZipFile: 'x' } } },
      }),
    );
    expect(r.notApplicable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'ACC-1/data-store-public-access', resource: 'M' }),
        expect.objectContaining({ rule: 'ENC-1/data-store-cmk', resource: 'F' }),
        expect.objectContaining({ rule: 'KEY-1/external-key', resource: 'F' }),
      ]),
    );
    expect(r.findings.filter((f) => f.resource === 'F' || f.resource === 'M')).toEqual([]);
  });
});

describe('KEY-1 on the new rows', () => {
  const xks = 'arn:aws:kms:eu-west-3:111111111111:key/xks-1';
  const profile = extendProfile(morocco, { allowlists: { externalKeyArns: [xks] } });
  const sensitive = (type: string, props: Record<string, unknown>, extra: Record<string, CfnResource> = {}) =>
    judge(template({ ...KEY, ...extra, R: { Type: type, Properties: props } }), { stackLevel: 'sensitive', profile });

  test('an allowlisted external key passes; a key of the template, or none to choose, fails', () => {
    expect(passed(sensitive('AWS::MemoryDB::Cluster', { KmsKeyId: xks }), 'KEY-1/external-key', 'R')).toBe(true);
    expect(
      on(sensitive('AWS::MemoryDB::Cluster', { KmsKeyId: { Ref: 'Key' } }), 'KEY-1/external-key', 'R')[0].message,
    ).toContain("key 'Key' is a KMS key of the template");
    expect(
      on(
        sensitive('AWS::AutoScaling::LaunchConfiguration', {
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true } }],
        }),
        'KEY-1/external-key',
        'R',
      )[0].message,
    ).toContain('no key is named');
  });

  test('every block device of a launch template names the key', () => {
    const lt = sensitive('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: {
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, KmsKeyId: xks } },
          { DeviceName: '/dev/xvdb', Ebs: { Encrypted: true } },
        ],
      },
    });
    expect(on(lt, 'KEY-1/external-key', 'R')).toHaveLength(1);
  });

  test('an instance of a cluster of the template is judged on its cluster', () => {
    const r = sensitive(
      'AWS::DocDB::DBInstance',
      { DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: { Ref: 'C' } },
      { C: { Type: 'AWS::DocDB::DBCluster', Properties: { StorageEncrypted: true, KmsKeyId: xks } } },
    );
    expect(on(r, 'KEY-1/external-key', 'R')).toEqual([]);
    expect(passed(r, 'KEY-1/external-key', 'C')).toBe(true);
  });
});

/** Judges several stacks together, each in its region, at level internal. */
function judgeStacks(
  stacks: ReadonlyArray<{ name: string; region: string; doc: Record<string, unknown> }>,
): CheckResult {
  const templates = stacks.map(({ name, region, doc }) =>
    readTemplate(doc, {
      file: `${name}.template.json`,
      format: 'cloudformation-json',
      stack: {
        name,
        region,
        regionOrigin: 'environment',
        environmentAgnostic: false,
        tags: { [TAG_KEYS.classification]: 'internal' },
      },
    }),
  );
  return checkInput({ templates, skipped: [] }, builtinProfile('morocco'), { today: '2026-11-22' });
}

describe('RES-2 across stacks: the members of a global database', () => {
  const member = (props: Record<string, unknown> = {}) =>
    template({
      ...KEY,
      C: { Type: 'AWS::DocDB::DBCluster', Properties: { StorageEncrypted: true, KmsKeyId: { Ref: 'Key' }, ...props } },
    });

  test('a member in a disallowed region fails on every other member', () => {
    const r = judgeStacks([
      { name: 'Paris', region: 'eu-west-3', doc: member({ GlobalClusterIdentifier: 'records' }) },
      { name: 'Virginia', region: 'us-east-1', doc: member({ GlobalClusterIdentifier: 'records' }) },
    ]);
    const paris = r.findings.filter(
      (f) => f.rule === 'RES-2/data-store-copy-region' && f.file === 'Paris.template.json',
    );
    expect(paris).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('us-east-1') })]);
  });

  test('members in allowed regions pass; a global cluster resource names its members by reference', () => {
    const primary = template({
      ...KEY,
      G: {
        Type: 'AWS::DocDB::GlobalCluster',
        Properties: { GlobalClusterIdentifier: 'records', SourceDBClusterIdentifier: { Ref: 'C' } },
      },
      C: { Type: 'AWS::DocDB::DBCluster', Properties: { StorageEncrypted: true, KmsKeyId: { Ref: 'Key' } } },
    });
    const r = judgeStacks([
      { name: 'Paris', region: 'eu-west-3', doc: primary },
      { name: 'Madrid', region: 'eu-south-2', doc: member({ GlobalClusterIdentifier: 'records' }) },
    ]);
    expect(r.passes.filter((p) => p.rule === 'RES-2/data-store-copy-region').map((p) => p.file)).toEqual([
      'Madrid.template.json',
      'Paris.template.json',
    ]);
    expect(r.findings.filter((f) => f.rule === 'RES-2/data-store-copy-region')).toEqual([]);
  });
});

describe('ACC-1: bucket policies and their conditions', () => {
  const policy = (bucket: unknown, condition?: Record<string, unknown>) => ({
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: bucket,
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 's3:GetObject',
            Resource: '*',
            ...(condition ? { Condition: condition } : {}),
          },
        ],
      },
    },
  });

  test('a policy granting * on a bucket outside the template fails, even with an aws:Referer condition', () => {
    const referer = { StringLike: { 'aws:Referer': ['https://example.ma/*'] } };
    const r = judge(template({ P: policy('arn:aws:s3:::partner-bucket/*', referer) }));
    expect(on(r, 'ACC-1/s3-public-grant', 'P')).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: expect.stringContaining("on bucket 'partner-bucket', outside the template"),
      }),
    ]);
  });

  test('the bucket is matched by name in another stack of the input', () => {
    const r = judgeStacks([
      {
        name: 'Data',
        region: 'eu-west-3',
        doc: template({ B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'shared' } } }),
      },
      { name: 'Grants', region: 'eu-west-3', doc: template({ P: policy('shared') }) },
    ]);
    expect(r.findings.filter((f) => f.rule === 'ACC-1/s3-public-grant' && f.resource === 'P')).toEqual([
      expect.objectContaining({ message: expect.stringContaining("('B' of Data.template.json)") }),
    ]);
  });

  test('a policy of a bucket of the same template is judged on the bucket, where a Referer condition fails too', () => {
    const r = judge(
      template({ B: { Type: 'AWS::S3::Bucket' }, P: policy({ Ref: 'B' }, { StringEquals: { 'aws:Referer': 'x' } }) }),
    );
    expect(on(r, 'ACC-1/s3-public-grant', 'P')).toEqual([]);
    expect(on(r, 'ACC-1/s3-public-grant', 'B')[0].message).toContain('restricts no source or principal');
  });

  test('a condition pinning a fixed VPC endpoint, account or organization passes; a wildcard does not', () => {
    for (const condition of [
      { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
      { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
      { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['B', 'Arn'] } } },
    ]) {
      const r = judge(template({ B: { Type: 'AWS::S3::Bucket' }, P: policy({ Ref: 'B' }, condition) }));
      expect(on(r, 'ACC-1/s3-public-grant', 'B')).toEqual([]);
    }
    const wildcard = judge(
      template({ B: { Type: 'AWS::S3::Bucket' }, P: policy({ Ref: 'B' }, { StringLike: { 'aws:SourceArn': '*' } }) }),
    );
    expect(on(wildcard, 'ACC-1/s3-public-grant', 'B')[0].status).toBe('fail');
  });
});

describe('ENC-2: load-balancer listeners, by what each protocol can do', () => {
  const listener = (props: Record<string, unknown>, lbType?: string) =>
    template({
      LB: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: lbType ? { Type: lbType } : {} },
      L: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: { LoadBalancerArn: { Ref: 'LB' }, DefaultActions: [], ...props },
      },
    });
  const RULE = 'ENC-2/listener-tls';

  test('an HTTPS or TLS listener without SslPolicy fails: CloudFormation gets ELBSecurityPolicy-2016-08 (TLS 1.0)', () => {
    for (const protocol of ['HTTPS', 'TLS']) {
      expect(on(judge(listener({ Protocol: protocol })), RULE, 'L')).toEqual([
        expect.objectContaining({ status: 'fail', message: expect.stringContaining('ELBSecurityPolicy-2016-08') }),
      ]);
    }
    expect(on(judge(listener({ Protocol: 'TLS', SslPolicy: '' })), RULE, 'L')[0].status).toBe('fail');
    expect(
      passed(
        judge(listener({ Protocol: 'TLS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' }, 'network')),
        RULE,
        'L',
      ),
    ).toBe(true);
  });

  test('a TCP (or TCP_UDP) listener passes traffic through: cannot be proven, a warning', () => {
    for (const protocol of ['TCP', 'TCP_UDP']) {
      expect(on(judge(listener({ Protocol: protocol }, 'network')), RULE, 'L')).toEqual([
        expect.objectContaining({
          status: 'cannot-prove',
          severity: 'warning',
          message: expect.stringContaining('passes traffic through'),
        }),
      ]);
    }
  });

  test('a UDP listener cannot carry TLS: reported as info, never as a failure', () => {
    expect(on(judge(listener({ Protocol: 'UDP' }, 'network')), RULE, 'L')).toEqual([
      expect.objectContaining({
        status: 'cannot-prove',
        severity: 'info',
        message: expect.stringContaining('cannot carry TLS'),
      }),
    ]);
  });

  test('a Gateway Load Balancer listener carries no traffic of its own', () => {
    expect(on(judge(listener({}, 'gateway')), RULE, 'L')).toEqual([]);
    expect(on(judge(listener({ Protocol: 'GENEVE' }, 'gateway')), RULE, 'L')).toEqual([]);
    expect(on(judge(listener({})), RULE, 'L')[0].status).toBe('cannot-prove');
  });
});
