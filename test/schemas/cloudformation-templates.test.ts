// Every CloudFormation template the examples synthesize validates against the CloudFormation
// resource provider schemas, offline.
//
// The validator: @aws/cloudformation-validate 1.14.0 as aws-cdk-lib bundles it
// (node_modules/aws-cdk-lib/node_modules/@aws/cloudformation-validate, the WebAssembly engine
// behind the "CloudFormation Validate" plugin that `app.synth()` runs), called directly on the
// template files, and pinned through aws-cdk-lib's exact version in package.json and the
// lockfile. Not the registry's @aws/cloudformation-validate (1.9.0-beta, the newest there),
// tried side by side on these templates:
// - both report the same diagnostics on our templates and on the mutated copies below (unknown
//   property F3002, wrong type F3012, missing required property F3003, a number given for a
//   string W9003, a value outside an enum W3030, an unknown resource type F3006);
// - 1.9.0-beta's schemas are older (resource-provider-enhanced-schemas of 2026-09-08 against
//   2026-10-21, cfn-lint 1.56.0 against 1.57.2, 1766 compiled schemas against 1899): of the
//   1912 resource types aws-cdk-lib 2.276 can write, it does not know 160 (1.14.0: 30), and a
//   property added to a schema since is an unknown property to it (F3002: a false error on an
//   L1 property aws-cdk-lib already writes);
// - 1.9.0-beta only reads templates from files (no TemplateContent) and has no CompositeEngine.
// The bundled copy is what `cdk synth` itself runs: the schemas the test judges by are those of
// the aws-cdk-lib that wrote the templates, updated with it.
//
// What is asserted: no FATAL or ERROR diagnostic in any template, and no warning but the few
// accepted ones below (each with its reason, and narrowed to where it is expected); any other
// warning fails too, because CloudFormation's own coercions are warnings here (a number where a
// string is required is W9003, a value outside an enum W3030). Informational diagnostics
// (create-only properties, I9001…) are not judged.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as CfnValidate from 'aws-cdk-lib/node_modules/@aws/cloudformation-validate';
import {
  filesEndingWith,
  stackTemplates,
  synthesizeExamples,
  temporaryDirectory,
  type StackTemplate,
  type SynthesizedExample,
  timed as timedInto,
} from './synthesized-examples';

const CDK_LIB = dirname(require.resolve('aws-cdk-lib/package.json'));
// Resolved from aws-cdk-lib's own directory: its bundled copy, whatever else is installed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cfn = require(require.resolve('@aws/cloudformation-validate', { paths: [CDK_LIB] })) as typeof CfnValidate;

type Diagnostic = CfnValidate.Diagnostic;
type Template = { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/** A literal ARN of a KMS key. */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\//;

function resourceOf(template: Template, d: Diagnostic) {
  return d.entity?.entityType === 'Resource' ? template.Resources?.[d.entity.logicalId] : undefined;
}

/** Warnings the examples are known to raise, why each is accepted, and where only. */
const ACCEPTED_WARNINGS: {
  rule: string;
  why: string;
  applies: (d: Diagnostic, template: Template) => boolean;
}[] = [
  {
    rule: 'W3005',
    why: 'aws-cdk-lib writes an explicit DependsOn beside a GetAtt of the same resource (redundant, harmless); aws-cdk-lib ignores the rule',
    applies: (d) => d.propertyPath === 'DependsOn',
  },
  {
    rule: 'W3010',
    why: "subnets take the literal availability zones of stack.availabilityZones; aws-cdk-lib's Vpc acknowledges the rule",
    applies: (d) => d.entity?.resourceType === 'AWS::EC2::Subnet' && d.propertyPath === 'Properties.AvailabilityZone',
  },
  {
    rule: 'W9002',
    why: "an external key (XKS) is given by its ARN on the profile's allowlist: a literal ARN by design; aws-cdk-lib ignores the rule",
    applies: (d, t) => {
      const name = d.propertyPath?.replace(/^Properties\./, '');
      const value = name ? resourceOf(t, d)?.Properties?.[name] : undefined;
      return typeof value === 'string' && KMS_KEY_ARN.test(value);
    },
  },
  {
    rule: 'W9013',
    why: "the account in that external key's ARN is the key owner's; aws-cdk-lib ignores the rule",
    applies: (d, t) => Object.values(resourceOf(t, d)?.Properties ?? {}).some((v) => KMS_KEY_ARN.test(String(v))),
  },
];

let tmp: ReturnType<typeof temporaryDirectory>;
let examples: SynthesizedExample[];
let templates: StackTemplate[];
let engine: CfnValidate.Engine;
const timings: Record<string, number> = {};
let results: { template: StackTemplate; status: string; diagnostics: Diagnostic[] }[];

const timed = <T>(name: string, f: () => T): T => timedInto(timings, name, f);

/** Diagnostics at WARN and above of a template given as JSON text, in the stack's environment. */
function validate(text: string, name: string, env: { account?: string; region?: string } = {}) {
  return engine.validateTemplate(new cfn.TemplateContent(text, name), {
    severityLevel: 'WARN',
    pseudoParameterOverrides: { accountId: env.account, region: env.region },
  });
}

function describeDiagnostic(name: string, d: Diagnostic): string {
  const where = d.entity ? `${d.entity.logicalId} (${d.entity.resourceType ?? d.entity.entityType})` : '-';
  return `${name} ${where} ${d.propertyPath ?? ''}: ${d.severity} ${d.ruleId} ${d.message}`;
}

beforeAll(() => {
  tmp = temporaryDirectory('slz-cfn-schemas-');
  examples = timed('synthesize the examples', () => synthesizeExamples(tmp.dir));
  templates = examples.flatMap((e) => stackTemplates(e));
  engine = timed('load the validator', () => new cfn.CompositeEngine());
  results = timed('validate every template', () =>
    templates.map((template) => {
      const report = validate(readFileSync(template.file, 'utf8'), template.name, template);
      return { template, status: report.status, diagnostics: report.diagnostics };
    }),
  );
});

afterAll(() => {
  engine?.free();
  tmp?.remove();
});

test('every example contributes templates, and the manifests list every template written', () => {
  for (const example of examples) {
    const listed = stackTemplates(example).map((t) => t.file);
    expect([example.name, listed.length > 0]).toEqual([example.name, true]);
    expect(listed.sort()).toEqual(filesEndingWith(`${example.out}/aws`, '.template.json'));
  }
  expect(examples.map((e) => e.name)).toEqual(
    expect.arrayContaining(['eu-regulated', 'minimal', 'morocco-public-sector']),
  );
  // 18 today (6 + 3 + 8 stacks and the StackSet's template): a synthesis that writes nothing fails.
  expect(templates.length).toBeGreaterThanOrEqual(15);
  expect(templates.every((t) => t.region)).toBe(true);
});

test('the validator is the copy aws-cdk-lib bundles, at the version aws-cdk-lib pins', () => {
  const pinned = (
    JSON.parse(readFileSync(`${CDK_LIB}/package.json`, 'utf8')) as { dependencies: Record<string, string> }
  ).dependencies['@aws/cloudformation-validate'];
  expect(cfn.version()).toBe(pinned);
});

test('every template validates against the resource provider schemas: no error', () => {
  const errors = results.flatMap(({ template, status, diagnostics }) => [
    ...(status === 'OK' ? [] : [`${template.name}: report status ${status}`]),
    ...diagnostics
      .filter((d) => d.severity === 'FATAL' || d.severity === 'ERROR')
      .map((d) => describeDiagnostic(template.name, d)),
  ]);
  expect(errors).toEqual([]);
  if (process.env.SOVEREIGN_LZ_SCHEMA_TIMINGS) console.log(timings);
});

test('every warning is one of the accepted ones, where it is expected', () => {
  const unexpected = results.flatMap(({ template, diagnostics }) => {
    const json = JSON.parse(readFileSync(template.file, 'utf8')) as Template;
    return diagnostics
      .filter((d) => d.severity === 'WARN')
      .filter((d) => !ACCEPTED_WARNINGS.some((a) => a.rule === d.ruleId && a.applies(d, json)))
      .map((d) => describeDiagnostic(template.name, d));
  });
  expect(unexpected).toEqual([]);
});

describe('a mutated copy of a template is reported', () => {
  // The first template with a bucket, whichever it is; each mutation on its own copy.
  function withBucket(): { template: StackTemplate; json: Template; bucket: string } {
    for (const template of templates) {
      const json = JSON.parse(readFileSync(template.file, 'utf8')) as Template;
      const bucket = Object.keys(json.Resources ?? {}).find((id) => json.Resources![id].Type === 'AWS::S3::Bucket');
      if (bucket) return { template, json, bucket };
    }
    throw new Error('no template of the examples has an AWS::S3::Bucket');
  }

  function reported(mutate: (json: Template, bucket: string) => void) {
    const { template, json, bucket } = withBucket();
    mutate(json, bucket);
    const report = validate(JSON.stringify(json, null, 1), `mutated-${template.name}`, template);
    return report.diagnostics.map((d) => ({
      rule: d.ruleId,
      severity: d.severity,
      resource: d.entity?.logicalId,
      path: d.propertyPath,
    }));
  }

  test('a bucket with an unknown property', () => {
    let id = '';
    const found = reported((json, bucket) => {
      id = bucket;
      json.Resources![bucket].Properties = { ...json.Resources![bucket].Properties, Colour: 'blue' };
    });
    expect(found).toContainEqual({ rule: 'F3002', severity: 'FATAL', resource: id, path: 'Properties.Colour' });
  });

  test('an unknown property inside a bucket property', () => {
    let id = '';
    const found = reported((json, bucket) => {
      id = bucket;
      json.Resources![bucket].Properties = {
        ...json.Resources![bucket].Properties,
        VersioningConfiguration: { Status: 'Enabled', Mode: 'strict' },
      };
    });
    expect(found).toContainEqual({
      rule: 'F3002',
      severity: 'FATAL',
      resource: id,
      path: 'Properties.VersioningConfiguration.Mode',
    });
  });

  test('a number where a string is required: a warning (CloudFormation coerces it), which the tests refuse', () => {
    let id = '';
    const found = reported((json, bucket) => {
      id = bucket;
      json.Resources![bucket].Properties = { ...json.Resources![bucket].Properties, BucketName: 12345 };
    });
    expect(found).toContainEqual({ rule: 'W9003', severity: 'WARN', resource: id, path: 'Properties.BucketName' });
    expect(ACCEPTED_WARNINGS.map((a) => a.rule)).not.toContain('W9003');
  });

  test('an object or a string where a string or a list is required', () => {
    let id = '';
    const found = reported((json, bucket) => {
      id = bucket;
      json.Resources![bucket].Properties = {
        ...json.Resources![bucket].Properties,
        BucketName: { name: 'x' },
        Tags: 'x',
      };
    });
    expect(found).toContainEqual({ rule: 'F3012', severity: 'FATAL', resource: id, path: 'Properties.BucketName' });
    expect(found).toContainEqual({ rule: 'F3012', severity: 'FATAL', resource: id, path: 'Properties.Tags' });
  });

  test('a value outside an enum', () => {
    let id = '';
    const found = reported((json, bucket) => {
      id = bucket;
      json.Resources![bucket].Properties = {
        ...json.Resources![bucket].Properties,
        VersioningConfiguration: { Status: 'Sometimes' },
      };
    });
    expect(found).toContainEqual({
      rule: 'W3030',
      severity: 'WARN',
      resource: id,
      path: 'Properties.VersioningConfiguration.Status',
    });
  });

  test('a missing required property (a bucket policy without its document)', () => {
    const found = reported((json, bucket) => {
      json.Resources!.MutatedPolicy = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: bucket } } };
    });
    expect(found).toContainEqual({ rule: 'F3003', severity: 'FATAL', resource: 'MutatedPolicy', path: 'Properties' });
  });

  test('an unknown resource type', () => {
    const found = reported((json, bucket) => {
      json.Resources![bucket].Type = 'AWS::S3::Buckett';
    });
    expect(found.map((f) => f.rule)).toContain('F3006');
  });
});
