import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as sarif from 'sarif';
import { checkPaths } from '../../constructs/compliance/check';
import { formatSarif } from '../../constructs/compliance/report/report-sarif';
import {
  jsonMemberLines,
  yamlDocuments,
  yamlItemLines,
  yamlMemberLines,
} from '../../constructs/compliance/read/source-lines';
import { sarifValidator } from './helpers/report-fixtures';

// SARIF results point at the line where their resource starts: its key under Resources
// (CloudFormation JSON or YAML), its name under resource.<type> (Terraform JSON), its
// document (Kubernetes manifests).

const work = mkdtempSync(join(tmpdir(), 'slz-sarif-lines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const validate = sarifValidator();

function write(name: string, text: string): string {
  mkdirSync(join(work, name, '..'), { recursive: true });
  writeFileSync(join(work, name), text);
  return name;
}

/** The 1-based line of the first line of `text` that `pattern` matches (after the line `after` matches). */
function lineOf(text: string, pattern: RegExp, after = /^/): number {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => after.test(l));
  const index = lines.findIndex((l, i) => i > start && pattern.test(l));
  if (index === -1) throw new Error(`no line matches ${pattern}`);
  return index + 1;
}

/** The SARIF of the check of `file`, validated, and the start line of each of its resources' results. */
function regions(file: string): Map<string, Set<number | undefined>> {
  const result = checkPaths([file], { cwd: work, classification: 'internal', region: 'eu-west-3' });
  const log = JSON.parse(formatSarif(result, { toolVersion: '1.0.0' })) as sarif.Log;
  expect(validate(log)).toEqual([]);
  const lines = new Map<string, Set<number | undefined>>();
  for (const r of log.runs[0].results ?? []) {
    const name = r.locations?.[0]?.logicalLocations?.[0]?.name;
    if (!name || r.properties?.scope !== 'resource') continue;
    const line = r.locations?.[0]?.physicalLocation?.region?.startLine;
    lines.set(name, new Set([...(lines.get(name) ?? []), line]));
  }
  return lines;
}

const TEMPLATE = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { Bucket: { Type: 'String' } },
  Resources: {
    // A property named like a later resource must not be taken for it.
    Policy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: [] } },
    },
    Bucket: { Type: 'AWS::S3::Bucket' },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'Queue', Value: 'x' }] } },
    Function: { Type: 'AWS::Lambda::Function', Properties: { Code: { ZipFile: 'x' }, Role: 'arn' } },
  },
};

test('a CloudFormation JSON template: each result starts at its resource key', () => {
  for (const [name, indent] of [
    ['pretty.template.json', ' '],
    ['tabs.template.json', '\t'],
    ['minified.template.json', ''],
  ]) {
    const text = JSON.stringify(TEMPLATE, null, indent);
    const found = regions(write(name, text));
    for (const id of ['Bucket', 'Queue', 'Function']) {
      // The key at the depth of the resources (the policy's property Bucket is deeper).
      const line = indent ? lineOf(text, new RegExp(`^${indent}${indent}"${id}": \\{`), /"Resources"/) : 1;
      expect({ id, lines: [...found.get(id)!] }).toEqual({ id, lines: [line] });
    }
  }
});

test('a cloud assembly: the results of its templates start at their resource keys', () => {
  const text = JSON.stringify(TEMPLATE, null, 1);
  write('cdk.out/S.template.json', text);
  write(
    'cdk.out/manifest.json',
    JSON.stringify({
      version: '36.0.0',
      artifacts: {
        S: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://111111111111/eu-west-3',
          properties: { templateFile: 'S.template.json' },
        },
      },
    }),
  );
  const found = regions('cdk.out');
  expect([...found.get('Queue')!]).toEqual([lineOf(text, /^ {2}"Queue": \{/, /"Resources"/)]);
});

test('a CloudFormation YAML template: each result starts at its resource key', () => {
  const text = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  # the policy first',
    '  Policy:',
    '    Type: AWS::S3::BucketPolicy',
    '    Properties:',
    '      Bucket: !Ref Bucket',
    '      PolicyDocument: { Statement: [] }',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
    '',
    '  "Queue":',
    '    Type: AWS::SQS::Queue',
    '  Function: { Type: AWS::Lambda::Function, Properties: { Role: arn } }',
    'Outputs:',
    '  Bucket:',
    '    Value: !Ref Bucket',
    '',
  ].join('\n');
  const found = regions(write('template.yaml', text));
  expect([...found.get('Bucket')!]).toEqual([9]);
  expect([...found.get('Queue')!]).toEqual([12]);
  expect([...found.get('Function')!]).toEqual([14]);
});

test('Kubernetes manifests: each object starts at its document, a List item at its item', () => {
  const text = [
    '# namespaces first',
    '---',
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    '  name: data',
    '---',
    '# an empty document',
    '---',
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: Service',
    '  metadata: { name: web, namespace: data }',
    '  spec: { type: ClusterIP }',
    '- apiVersion: apps/v1',
    '  kind: Deployment',
    '  metadata:',
    '    name: api',
    '    namespace: data',
    '  spec:',
    '    template:',
    '      spec:',
    '        containers:',
    '        - name: app',
    '          image: nginx:latest',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: settings, namespace: data }',
    '',
  ].join('\n');
  const found = regions(write('manifests.yaml', text));
  expect([...found.get('Namespace/data')!]).toEqual([3]);
  expect([...found.get('Deployment/data/api')!]).toEqual([17]);
});

test('Terraform JSON: each result starts at its resource name under resource.<type>', () => {
  const doc = {
    terraform: { required_providers: { kubernetes: { source: 'hashicorp/kubernetes' } } },
    resource: {
      kubernetes_namespace_v1: { data: { metadata: [{ name: 'data' }] } },
      kubernetes_deployment_v1: {
        api: {
          metadata: [{ name: 'api', namespace: '${kubernetes_namespace_v1.data.metadata[0].name}' }],
          spec: [
            {
              selector: [{ match_labels: { app: 'api' } }],
              template: [
                { metadata: [{ labels: { app: 'api' } }], spec: [{ container: [{ name: 'app', image: 'nginx' }] }] },
              ],
            },
          ],
        },
      },
    },
  };
  const text = JSON.stringify(doc, null, 2);
  const found = regions(write('stack/cdk.tf.json', text));
  expect([...found.get('kubernetes_namespace_v1.data')!]).toEqual([lineOf(text, /^ {6}"data": \{/)]);
  expect([...found.get('kubernetes_deployment_v1.api')!]).toEqual([lineOf(text, /^ {6}"api": \{/)]);
});

test('a finding about the whole input points at the first input without a line', () => {
  const result = checkPaths([write('alone.template.json', JSON.stringify(TEMPLATE, null, 1))], {
    cwd: work,
    classification: 'internal',
    region: 'eu-west-3',
  });
  const log = JSON.parse(formatSarif(result)) as sarif.Log;
  const wide = log.runs[0].results!.filter((r) => r.properties?.scope === 'input' && r.locations?.length);
  expect(wide.length).toBeGreaterThan(0);
  for (const r of wide) expect(r.locations![0].physicalLocation?.region).toBeUndefined();
});

describe('the scans', () => {
  test('JSON members by indentation agree with the full scan, escapes included', () => {
    const text = JSON.stringify({ Resources: { 'A"b': { x: { A: 1 } }, C: {} }, Outputs: { C: 1 } }, null, 2);
    const expected = new Map([
      ['A"b', 3],
      ['C', 8],
    ]);
    expect(jsonMemberLines(text, ['Resources'], ['A"b', 'C'])).toEqual(expected);
    expect(jsonMemberLines(text, ['Resources'])).toEqual(expected);
    // Keys that are not the document's (a stale `expected`): the full scan decides.
    expect(jsonMemberLines(text, ['Resources'], ['Z'])).toEqual(expected);
  });

  test('the elements of a JSON array at the path are its members 0, 1…', () => {
    const text = JSON.stringify({ kind: 'List', items: [{ a: [{}] }, { b: 1 }] }, null, 2);
    expect(jsonMemberLines(text, ['items'])).toEqual(
      new Map([
        ['0', 4],
        ['1', 9],
      ]),
    );
  });

  test('YAML documents, directives, markers with content, and the items of a List', () => {
    const text =
      '%YAML 1.2\n---\n# c\na: 1\n---\n\n---\n# only a comment\n--- {b: 2}\n...\nkind: List\nitems:\n- a: 1\n  b:\n  - x\n- a: 2\nc: {}\n';
    const docs = yamlDocuments(text);
    expect(docs.map((d) => d.line)).toEqual([4, 9, 11]);
    expect(yamlItemLines(text, docs[2])).toEqual([13, 16]);
    expect(yamlMemberLines('Resources: {A: {Type: X}}\n', 'Resources')).toEqual(new Map());
  });
});
