import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as sarif from 'sarif';
import { formatSarif, sarifReport, sarifRuleName, toolVersion } from '../../constructs/compliance/report/report-sarif';
import type { CheckResult } from '../../constructs/compliance/normalize/model';
import { judge, template } from './helpers/judge';
import { COMPLIANT, sarifValidator, VIOLATING, VIOLATING_EXTRA } from './helpers/report-fixtures';

const validate = sarifValidator();
const violating = judge(template(VIOLATING, VIOLATING_EXTRA));
const compliant = judge(template(COMPLIANT));

function runOf(result: CheckResult): sarif.Run {
  return (JSON.parse(formatSarif(result)) as sarif.Log).runs[0];
}

function resultOf(run: sarif.Run, ruleId: string, resource: string): sarif.Result {
  const found = run.results!.filter(
    (r) => r.ruleId === ruleId && r.locations?.[0]?.logicalLocations?.[0]?.name === resource,
  );
  expect(found).toHaveLength(1);
  return found[0];
}

test('the report of a compliant and of a violating template is valid SARIF 2.1.0', () => {
  expect(compliant.summary.errors).toBe(0);
  expect(violating.summary.errors).toBeGreaterThan(0);
  for (const result of [compliant, violating]) {
    const log = JSON.parse(formatSarif(result));
    expect(validate(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
  }
});

test('the schema check catches an invalid log (the validator is not vacuous)', () => {
  const log = JSON.parse(formatSarif(violating));
  log.runs[0].results[0].level = 'fatal';
  delete log.runs[0].tool.driver.name;
  expect(validate(log).length).toBeGreaterThanOrEqual(2);
});

test("the driver is sovereign-lz at the package's version, with one descriptor per rule that ran", () => {
  const run = runOf(violating);
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  expect(toolVersion()).toBe(version);
  expect(run.tool.driver).toEqual(expect.objectContaining({ name: 'sovereign-lz', version, semanticVersion: version }));
  const rules = run.tool.driver.rules!;
  expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(violating.rules.map((r) => r.id)));
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  for (const r of rules) expect(r.id).toMatch(/^[A-Z0-9]+-\d\/[a-z0-9-]+$/);
  // Catalog order: CLS-1 first, JUR-1 last.
  expect(rules[0].id).toMatch(/^CLS-1\//);
  expect(rules[rules.length - 1].id).toMatch(/^JUR-1\//);
});

test('a descriptor carries the title, description, remediation, legal source and control', () => {
  const rule = runOf(violating).tool.driver.rules!.find((r) => r.id === 'KEY-2/kms-rotation')!;
  expect(rule).toEqual(
    expect.objectContaining({
      name: 'Key2KmsRotation',
      shortDescription: { text: expect.stringMatching(/rotat/i) },
      fullDescription: { text: expect.any(String) },
      defaultConfiguration: { level: 'error' },
      properties: expect.objectContaining({ control: 'KEY-2', source: 'RQC 3.6.3' }),
    }),
  );
  expect(rule.help!.text).toContain('EnableKeyRotation');
  expect(rule.help!.text).toContain('Source: RQC 3.6.3');
  expect(rule.help!.markdown).toContain('**Source:** RQC 3.6.3');
  expect(sarifRuleName('ENC-1/s3-bucket-cmk')).toBe('Enc1S3BucketCmk');
});

test('a failure has its rule, level, message, relative URI and logical location with the construct path', () => {
  const run = runOf(violating);
  const r = resultOf(run, 'NET-1/open-ingress', 'Open');
  expect(r.level).toBe('error');
  expect(run.tool.driver.rules![r.ruleIndex!].id).toBe('NET-1/open-ingress');
  expect(r.message.text).toMatch(/^Open \[S\/Open\/Resource\]: ingress from 0\.0\.0\.0\/0/);
  expect(r.locations![0].physicalLocation!.artifactLocation).toEqual({
    uri: 'S.template.json',
    uriBaseId: '%SRCROOT%',
    index: 0,
  });
  expect(run.artifacts![0].location!.uri).toBe('S.template.json');
  expect(r.locations![0].logicalLocations).toEqual([
    { name: 'Open', fullyQualifiedName: 'S/Open/Resource', kind: 'resource' },
  ]);
  expect(r.properties).toEqual(
    expect.objectContaining({ control: 'NET-1', status: 'fail', severity: 'error', source: 'DNSSI (filtrage)' }),
  );
  expect(r.suppressions).toBeUndefined();
});

test('a suppressed finding carries an inSource suppression with its justification', () => {
  const r = resultOf(runOf(violating), 'LOG-4/s3-access-logging', 'Data');
  expect(r.suppressions).toEqual([
    { kind: 'inSource', status: 'accepted', justification: 'logged by the SIEM agent | see runbook\nsection 4' },
  ]);
});

test('cannot-prove and not-assessed stay visible as such', () => {
  const run = runOf(violating);
  const unknown = resultOf(run, 'LOG-2/log-group-retention', 'Retention');
  expect(unknown.properties!.status).toBe('cannot-prove');
  expect(unknown.level).toBe('warning');
  expect(unknown.message.text).toMatch(/^Retention: cannot prove: RetentionInDays is parameter 'Days'/);
  const lambda = resultOf(run, 'JUR-1/not-assessed', 'Fn');
  expect(lambda.level).toBe('note');
  expect(lambda.properties!.status).toBe('not-assessed');
  expect(run.tool.driver.rules![lambda.ruleIndex!].id).toBe('JUR-1/not-assessed');
});

test('every result has a location (code scanning rejects a log with an unlocated result)', () => {
  const run = runOf(violating);
  const wholeInput = run.results!.filter((r) => r.properties!.scope === 'input');
  expect(wholeInput.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['RES-4/region-deny-scp']));
  for (const r of run.results!) expect(r.locations![0].physicalLocation!.artifactLocation!.uri).toBeTruthy();
});

test('paths with spaces and # are percent-encoded URI references, and still valid', () => {
  const result = judge(template(VIOLATING, VIOLATING_EXTRA), { file: 'my stacks/S #1.template.json' });
  const log = JSON.parse(formatSarif(result));
  expect(validate(log)).toEqual([]);
  expect(log.runs[0].artifacts[0].location.uri).toBe('my%20stacks/S%20%231.template.json');
});

test('the output is deterministic: no timestamps, the same bytes twice, unique stable fingerprints', () => {
  const a = formatSarif(judge(template(VIOLATING, VIOLATING_EXTRA)));
  const b = formatSarif(judge(template(VIOLATING, VIOLATING_EXTRA)));
  expect(a).toBe(b);
  expect(a).not.toMatch(/"(startTimeUtc|endTimeUtc|timeUtc)"/);
  const prints = runOf(violating).results!.map((r) => r.partialFingerprints!['sovereignLz/v1']);
  expect(new Set(prints).size).toBe(prints.length);
  expect(sarifReport(violating, { toolVersion: '9.9.9' }).runs).toEqual([
    expect.objectContaining({
      tool: expect.objectContaining({ driver: expect.objectContaining({ version: '9.9.9' }) }),
    }),
  ]);
});
