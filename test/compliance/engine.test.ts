import { formatMarkdown } from '../../constructs/compliance/report/report-markdown';
import { formatText } from '../../constructs/compliance/report/report-text';
import { CLOUDFORMATION_RULES, RULES } from '../../constructs/compliance/rules';
import { NO_DATA_TYPES } from '../../constructs/compliance/rules/no-data-types';
import { checkInput } from '../../constructs/compliance/check';
import { readTemplate } from '../../constructs/compliance/read/cloudformation';
import type { ResourceRule } from '../../constructs/compliance/judge/rule';
import { extendProfile, morocco, type JurisdictionProfile } from '../../constructs/core';
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
      template({ F: { Type: 'AWS::AppMesh::Mesh', Properties: {} }, Meta: { Type: 'AWS::CDK::Metadata' } }),
    );
    expect(r.findings.filter((f) => f.status === 'not-assessed')).toEqual([
      expect.objectContaining({
        resource: 'F',
        control: 'JUR-1',
        severity: 'info',
        message: expect.stringContaining('AWS::AppMesh::Mesh'),
      }),
    ]);
    expect(r.summary.notAssessed).toBe(1);
    expect(r.summary.resources).toBe(1);
  });

  test('a type the catalog declares as holding no data is counted once per type with its reason, not reported', () => {
    const r = judge(
      template({
        A: { Type: 'AWS::EC2::EIP', Properties: {} },
        B: { Type: 'AWS::EC2::EIP', Properties: {} },
        O: { Type: 'AWS::Organizations::OrganizationalUnit', Properties: { Name: 'x', ParentId: 'r-1' } },
      }),
    );
    expect(r.findings.filter((f) => f.status === 'not-assessed')).toEqual([]);
    expect(r.noData).toEqual([
      { type: 'AWS::EC2::EIP', resources: 2, reason: expect.stringContaining('holds no data') },
      { type: 'AWS::Organizations::OrganizationalUnit', resources: 1, reason: expect.stringContaining('no data') },
    ]);
    expect(formatText(r)).toMatch(/Hold no data, not judged \(2 types\)\n {2}AWS::EC2::EIP ×2: a public IPv4 address/);
    expect(formatMarkdown(r)).toContain('| `AWS::EC2::EIP` | 2 | a public IPv4 address');
    expect(judge(template({ A: { Type: 'AWS::EC2::EIP' } }), { language: 'fr' }).noData?.[0].reason).toMatch(
      /^une adresse IPv4 publique/,
    );
  });

  test('the no-data catalog lists no type a rule judges, each once, with a reason in each language and a source', () => {
    const judged = new Set(
      RULES.flatMap((r) => [...(r.appliesTo === 'taggable' ? [] : r.appliesTo), ...(r.evidence ?? [])]),
    );
    const types = NO_DATA_TYPES.map((t) => t.type);
    expect(types.filter((t) => judged.has(t))).toEqual([]);
    expect(new Set(types).size).toBe(types.length);
    for (const t of NO_DATA_TYPES) {
      expect(t.reason.en.length).toBeGreaterThan(20);
      expect(t.reason.fr.length).toBeGreaterThan(20);
      expect(t.source).toMatch(/^https:\/\//);
    }
  });

  test("what the reader could not read is cannot-prove at the profile's most severe level, never a pass", () => {
    const doc = {
      Transform: 'AWS::LanguageExtensions',
      Parameters: { Names: { Type: 'CommaDelimitedList' } },
      Resources: { 'Fn::ForEach::Q': ['N', { Ref: 'Names' }, { 'Q${N}': { Type: 'AWS::SQS::Queue' } }] },
    };
    const r = judge(doc);
    expect(r.findings.filter((f) => f.resource === 'Fn::ForEach::Q')).toEqual([
      expect.objectContaining({ rule: 'JUR-1/unread', status: 'cannot-prove', severity: 'error' }),
    ]);
    expect(r.summary.errors).toBe(1);
    // Under a profile whose controls are at most warnings, a warning.
    const mild: JurisdictionProfile = {
      ...morocco,
      id: 'mild',
      controls: Object.fromEntries(
        Object.entries(morocco.controls).map(([id, c]) => [id, { ...c, severity: 'warning' }]),
      ) as JurisdictionProfile['controls'],
    };
    expect(judge(doc, { profile: mild }).findings.find((f) => f.rule === 'JUR-1/unread')?.severity).toBe('warning');
  });

  /** A rule on SQS queues, made by hand for what no catalog rule does. */
  const queueRule = (rule: Pick<ResourceRule, 'id' | 'check' | 'observe' | 'observes'>): ResourceRule => ({
    control: 'ENC-1',
    scope: 'resource',
    title: { en: 't', fr: 't' },
    description: 'd',
    remediation: { en: 'r', fr: 'r' },
    appliesTo: ['AWS::SQS::Queue'],
    ...rule,
  });
  /** A template of one queue `Q`, judged under `rule` alone. */
  const judgeQueue = (rule: ResourceRule, properties: Record<string, unknown> = {}) => {
    const t = readTemplate(template({ Q: { Type: 'AWS::SQS::Queue', Properties: properties } }), {
      file: 'x.json',
      format: 'cloudformation-json',
      stack: { environmentAgnostic: false, tags: {} },
    });
    return checkInput({ templates: [t], skipped: [] }, morocco, { rules: [rule] });
  };

  test('a rule that throws becomes a cannot-prove finding, not a crash', () => {
    const broken = queueRule({
      id: 'ENC-1/broken',
      observes: [],
      observe: () => ({}),
      check: () => {
        throw new Error('boom');
      },
    });
    const r = judgeQueue(broken);
    expect(r.findings).toEqual([
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('boom') }),
    ]);
  });

  test('a pass carries what its rule observed; a rule that cannot observe keeps its verdict and says so', () => {
    const run = (observe: ResourceRule['observe']) =>
      judgeQueue(queueRule({ id: 'ENC-1/observing', observes: ['key'], observe, check: () => 'pass' }), {
        KmsMasterKeyId: 'k-1',
      });
    const seen = run((q) => ({ key: q.properties.KmsMasterKeyId as string }));
    expect(seen.passes).toEqual([expect.objectContaining({ resource: 'Q', evidence: { key: 'k-1' } })]);
    const blind = run(() => {
      throw new Error('no eyes');
    });
    expect(blind.findings).toEqual([]);
    expect(blind.passes).toEqual([expect.objectContaining({ resource: 'Q', evidence: { unobserved: 'no eyes' } })]);
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
