import { formatJson, jsonReport } from '../../constructs/compliance/report/report-json';
import { formatText } from '../../constructs/compliance/report/report-text';
import { judge, template } from './helpers/judge';

const doc = template({
  Open: {
    Type: 'AWS::EC2::SecurityGroup',
    Metadata: { 'aws:cdk:path': 'S/Open/Resource' },
    Properties: {
      GroupDescription: 'g',
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }],
    },
  },
  Data: {
    Type: 'AWS::S3::Bucket',
    Metadata: { 'sovereign-lz': { suppressions: [{ id: 'LOG-4', reason: 'logged by the SIEM agent' }] } },
  },
  Fn: { Type: 'AWS::AppMesh::Mesh' },
});

test('the JSON report follows the contract: schemaVersion, profile, findings with thirteen keys, passes, inputs, summary', () => {
  const result = judge(doc);
  const report = JSON.parse(formatJson(result)) as ReturnType<typeof jsonReport>;
  expect(Object.keys(report)).toEqual([
    'schemaVersion',
    'profile',
    'findings',
    'passes',
    'inputs',
    'summary',
    'noData',
    'paths',
  ]);
  // No subnet and no cluster in this template: no path matrix.
  expect(report.paths).toEqual([]);
  expect(report.schemaVersion).toBe(2);
  // Judged in process, from read input: the file without a digest.
  expect(report.inputs).toEqual([{ file: 'S.template.json', sha256: null }]);
  expect(report.passes.length).toBe(result.summary.passed);
  for (const p of report.passes) {
    expect(Object.keys(p)).toEqual(['control', 'rule', 'status', 'resource', 'file', 'path', 'evidence']);
    expect(p.status).toBe('pass');
  }
  expect(report.passes.find((p) => p.rule === 'RES-1/stack-region' && p.resource === 'Data')?.evidence).toEqual(
    expect.objectContaining({ region: 'eu-west-3', country: 'FR', level: 'internal' }),
  );
  expect(report.profile).toBe('morocco');
  for (const f of report.findings) {
    expect(Object.keys(f)).toEqual([
      'control',
      'rule',
      'status',
      'severity',
      'resource',
      'file',
      'path',
      'message',
      'remediation',
      'source',
      'suppressed',
      'justification',
      'evidence',
    ]);
  }
  expect(report.findings.find((f) => f.rule === 'NET-1/open-ingress')).toEqual(
    expect.objectContaining({
      path: 'S/Open/Resource',
      suppressed: false,
      justification: null,
      source: 'DNSSI (filtrage)',
    }),
  );
  expect(report.findings.find((f) => f.rule === 'LOG-4/s3-access-logging')).toEqual(
    expect.objectContaining({ path: null, suppressed: true, justification: 'logged by the SIEM agent' }),
  );
  expect(Object.keys(report.summary)).toEqual([
    'resources',
    'passed',
    'errors',
    'warnings',
    'suppressed',
    'notAssessed',
  ]);
  expect(report.summary).toEqual(expect.objectContaining({ resources: 3, notAssessed: 1, suppressed: 1 }));
});

test('the text report groups by control, shows remediation and source, justifications, and the verdict', () => {
  const text = formatText(judge(doc));
  expect(text).toContain('NET-1  No open ingress');
  expect(text).toMatch(/error {2}NET-1\/open-ingress {2}S\.template\.json {2}Open \[S\/Open\/Resource\]/);
  expect(text).toContain('includes administration port(s) 22');
  expect(text).toContain('fix: Restrict the source');
  expect(text).toContain('justification: logged by the SIEM agent');
  expect(text).toContain('AWS::AppMesh::Mesh ×1: Fn');
  expect(text).toMatch(/FAILED: \d+ unsuppressed errors?\n$/);
  expect(text).not.toContain('\u001b[');
  expect(formatText(judge(doc), { color: true })).toContain('\u001b[31m');
  // Controls appear in catalog order.
  expect(text.indexOf('CLS-1') === -1 || text.indexOf('CLS-1') < text.indexOf('NET-1')).toBe(true);
});
