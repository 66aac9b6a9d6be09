import { CLOUDFORMATION_RULES } from '../../constructs/compliance/rules';
import { checkInput } from '../../constructs/compliance/check';
import { readTemplate } from '../../constructs/compliance/cloudformation';
import type { ResourceRule } from '../../constructs/compliance/rule';
import { extendProfile, morocco } from '../../constructs/core';
import { judge, on, template } from './helpers/judge';

const LOG4 = 'LOG-4/s3-access-logging';
const bucket = (suppressions?: unknown[]) => ({
  Type: 'AWS::S3::Bucket',
  ...(suppressions ? { Metadata: { 'sovereign-lz': { suppressions } } } : {}),
});

describe('suppressions', () => {
  test('a justified suppression waives the finding, which stays in the report with its justification', () => {
    const r = judge(
      template({
        B: bucket([{ id: 'LOG-4', reason: 'DGSSI exception 2026-12 for this bucket', expires: '2027-06-30' }]),
      }),
    );
    expect(on(r, LOG4, 'B')).toEqual([
      expect.objectContaining({
        suppressed: true,
        justification: 'DGSSI exception 2026-12 for this bucket (until 2027-06-30)',
      }),
    ]);
    expect(r.summary.suppressed).toBeGreaterThanOrEqual(1);
  });

  test('a suppression naming the rule id works too; one naming another rule does not', () => {
    expect(
      on(judge(template({ B: bucket([{ id: LOG4, reason: 'reason long enough' }]) })), LOG4, 'B')[0].suppressed,
    ).toBe(true);
    expect(
      on(judge(template({ B: bucket([{ id: 'LOG-4/other', reason: 'reason long enough' }]) })), LOG4, 'B')[0]
        .suppressed,
    ).toBe(false);
  });

  test('an expired suppression no longer holds: the finding returns', () => {
    const r = judge(template({ B: bucket([{ id: 'LOG-4', reason: 'temporary exception', expires: '2026-01-31' }]) }), {
      today: '2026-11-22',
    });
    expect(on(r, LOG4, 'B')[0]).toEqual(
      expect.objectContaining({
        suppressed: false,
        message: expect.stringContaining('suppression expired on 2026-01-31'),
      }),
    );
  });

  test('a reason shorter than 10 characters suppresses nothing, and the finding says why', () => {
    const [f] = on(judge(template({ B: bucket([{ id: 'LOG-4', reason: 'because' }]) })), LOG4, 'B');
    expect(f.suppressed).toBe(false);
    expect(f.message).toContain('at least 10 letters or digits');
  });

  test("the template's top-level metadata suppresses for the resources it names, and only those", () => {
    const r = judge(
      template(
        { A: bucket(), B: bucket() },
        {
          Metadata: {
            'sovereign-lz': { suppressions: [{ id: 'LOG-4', reason: 'logged by the SIEM agent', resources: ['A'] }] },
          },
        },
      ),
    );
    expect(r.findings.filter((f) => f.rule === LOG4).map((f) => [f.resource, f.suppressed])).toEqual([
      ['A', true],
      ['B', false],
    ]);
  });

  test('secret data is never suppressed out of residency findings', () => {
    const doc = template({
      Q: {
        Type: 'AWS::SQS::Queue',
        Metadata: {
          'sovereign-lz': { suppressions: [{ id: 'RES-1/stack-region', reason: 'it is only a test queue' }] },
        },
      },
    });
    const [f] = on(judge(doc, { stackLevel: 'secret', profile: 'eu' }), 'RES-1/stack-region', 'Q');
    expect(f).toEqual(expect.objectContaining({ suppressed: false, status: 'fail' }));
  });
});

describe('the run', () => {
  test('a type no rule knows is reported as not assessed (info), once', () => {
    const r = judge(
      template({ F: { Type: 'AWS::Lambda::Function', Properties: {} }, Meta: { Type: 'AWS::CDK::Metadata' } }),
    );
    expect(r.findings.filter((f) => f.status === 'not-assessed')).toEqual([
      expect.objectContaining({
        resource: 'F',
        control: 'JUR-1',
        severity: 'info',
        message: expect.stringContaining('AWS::Lambda::Function'),
      }),
    ]);
    expect(r.summary.notAssessed).toBe(1);
    expect(r.summary.resources).toBe(1);
  });

  test('a rule that throws becomes a cannot-prove finding, not a crash', () => {
    const broken: ResourceRule = {
      id: 'ENC-1/broken',
      control: 'ENC-1',
      scope: 'resource',
      title: { en: 't', fr: 't' },
      description: 'd',
      remediation: { en: 'r', fr: 'r' },
      appliesTo: ['AWS::SQS::Queue'],
      check: () => {
        throw new Error('boom');
      },
    };
    const t = readTemplate(template({ Q: { Type: 'AWS::SQS::Queue' } }), {
      file: 'x.json',
      format: 'cloudformation-json',
      stack: { environmentAgnostic: false, tags: {} },
    });
    const r = checkInput({ templates: [t], skipped: [] }, morocco, { rules: [broken] });
    expect(r.findings).toEqual([
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('boom') }),
    ]);
  });

  test('a control the profile turns off is not judged', () => {
    const profile = {
      ...morocco,
      controls: { ...morocco.controls, 'LOG-4': { severity: 'off' as const, source: 'x' } },
    };
    expect(on(judge(template({ B: bucket() }), { profile }), LOG4, 'B')).toEqual([]);
  });

  test('findings are sorted by file, resource and rule', () => {
    const r = judge(template({ Z: bucket(), A: bucket(), M: { Type: 'AWS::SQS::Queue' } }));
    const keys = r.findings.map((f) => `${f.file}\u0000${f.resource}\u0000${f.rule}`);
    expect(keys).toEqual([...keys].sort());
  });

  test('every rule has an id CONTROL/slug of its control, a title, a description and a remediation', () => {
    const ids = CLOUDFORMATION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of CLOUDFORMATION_RULES) {
      expect(rule.id).toMatch(new RegExp(`^${rule.control}/[a-z0-9-]+$`));
      expect(rule.title && rule.description && rule.remediation).toBeTruthy();
    }
  });

  test('the profile gives the severity: a derived profile that raises a control raises its findings', () => {
    const strict = extendProfile(morocco, { controls: { 'LOG-4': { severity: 'error' } } });
    expect(on(judge(template({ B: bucket() }), { profile: strict }), LOG4, 'B')[0].severity).toBe('error');
  });
});
