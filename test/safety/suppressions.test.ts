import { formatReport } from '../../constructs/compliance/report/reports';
import { isMeaningfulReason, suppressionProblems } from '../../constructs/core';
import { judge, on, template, type CfnResource } from '../compliance/helpers/judge';

// Suppressions fail closed: a template-wide waiver covers only the resources it names and
// says so in every report; a reason must say something; a level nobody gave keeps every
// level-dependent finding an error, whatever suppresses CLS-1.

const TAGGED = (level: string) => [{ Key: 'sovereign-lz.io/classification', Value: level }];

/** A queue without a customer-managed key: an ENC-1 error at level internal. */
const queue = (extra: Partial<CfnResource> = {}): CfnResource => ({
  Type: 'AWS::SQS::Queue',
  Properties: { Tags: TAGGED('internal') },
  ...extra,
});

const REASON = 'DGSSI exception 2026-14 for the migration window';

const wide = (suppression: Record<string, unknown>) => ({
  Metadata: { 'sovereign-lz': { suppressions: [suppression] } },
});

describe('a reason must say something', () => {
  test.each([
    ['ten zero-width spaces', '\u200b'.repeat(10)],
    ['one letter ten times', 'xxxxxxxxxx'],
    ['one long word', 'migrationwindow'],
    ['four distinct letters', 'abab abab abab'],
    ['punctuation and symbols', '---- ---- !!!! ✓✓✓✓'],
    ['nine letters in two words', 'abcd efghi'],
  ])('refused: %s', (_, reason) => {
    expect(isMeaningfulReason(reason)).toBe(false);
    expect(suppressionProblems([{ id: 'ENC-1', reason }])).toEqual([
      expect.stringContaining('suppressions[0].reason must say why: at least 10 letters or digits'),
    ]);
  });

  test.each([
    ['English', REASON],
    ['French with accents', 'Dérogation DGSSI accordée'],
    ['Arabic', 'استثناء مؤقت من المديرية'],
    ['digits count as characters', 'ticket 2026 0417 58'],
  ])('accepted: %s', (_, reason) => {
    expect(isMeaningfulReason(reason)).toBe(true);
  });

  test('a suppression with an empty reason does not waive the finding, and says why', () => {
    const result = judge(
      template({
        Q: queue({ Metadata: { 'sovereign-lz': { suppressions: [{ id: 'ENC-1', reason: 'xxxxxxxxxx' }] } } }),
      }),
    );
    const [finding] = on(result, 'ENC-1/sqs-cmk', 'Q');
    expect(finding).toMatchObject({ suppressed: false, severity: 'error' });
    expect(finding.message).toContain('suppression ignored: suppressions[0].reason must say why');
    expect(result.summary.errors).toBeGreaterThan(0);
  });
});

describe('a template-wide suppression covers only the resources it names', () => {
  test('without `resources` it waives nothing, and every finding says why', () => {
    const result = judge(template({ A: queue(), B: queue() }, wide({ id: 'ENC-1', reason: REASON })));
    for (const id of ['A', 'B']) {
      const [finding] = on(result, 'ENC-1/sqs-cmk', id);
      expect(finding.suppressed).toBe(false);
      expect(finding.message).toContain('suppressions[0].resources must list the logical ids it covers');
    }
  });

  test('with `resources` it waives the named resources only, and every report calls it template-wide', () => {
    const result = judge(template({ A: queue(), B: queue() }, wide({ id: 'ENC-1', reason: REASON, resources: ['A'] })));
    const [a] = on(result, 'ENC-1/sqs-cmk', 'A');
    const [b] = on(result, 'ENC-1/sqs-cmk', 'B');
    expect(a.suppressed).toBe(true);
    expect(a.justification).toBe(`template-wide suppression (the template's Metadata, resources: A): ${REASON}`);
    expect(b).toMatchObject({ suppressed: false, severity: 'error' });
    expect(formatReport(result, 'json')).toContain("template-wide suppression (the template's Metadata, resources: A)");
    expect(formatReport(result, 'markdown')).toContain('template-wide suppression');
    expect(formatReport(result, 'sarif')).toContain('template-wide suppression');
    expect(formatReport(result, 'text')).toContain('template-wide suppression');
  });

  test("a resource's own suppression may not carry `resources`", () => {
    expect(suppressionProblems([{ id: 'ENC-1', reason: REASON, resources: ['A'] }])).toEqual([
      expect.stringContaining('resources is only for a template-wide suppression'),
    ]);
  });
});

describe('an unknown level keeps every level-dependent finding an error', () => {
  /** An unclassified queue without a customer-managed key, its CLS-1 finding suppressed. */
  const unclassified = (level: string | null) =>
    judge(
      template({
        Q: {
          Type: 'AWS::SQS::Queue',
          Properties: {},
          Metadata: { 'sovereign-lz': { suppressions: [{ id: 'CLS-1', reason: 'classified later by the owner' }] } },
        },
      }),
      { stackLevel: level },
    );

  test('a CLS-1 suppression does not turn the cannot-prove of ENC-1 into a warning: the run fails', () => {
    const result = unclassified(null);
    expect(on(result, 'CLS-1/classification-tag', 'Q')[0].suppressed).toBe(true);
    const [enc] = on(result, 'ENC-1/sqs-cmk', 'Q');
    expect(enc).toMatchObject({ status: 'cannot-prove', severity: 'error', suppressed: false });
    expect(result.summary.errors).toBeGreaterThan(0);
  });

  test('with a level, the same queue is judged: public passes (provider keys allowed), internal fails', () => {
    expect(on(unclassified('public'), 'ENC-1/sqs-cmk', 'Q')).toEqual([]);
    expect(on(unclassified('internal'), 'ENC-1/sqs-cmk', 'Q')[0]).toMatchObject({ status: 'fail', severity: 'error' });
  });

  test('--classification is the way to judge at a level nobody tagged: CLS-1 then warns', () => {
    const result = judge(template({ Q: { Type: 'AWS::SQS::Queue', Properties: {} } }), {
      stackLevel: null,
      assumed: 'public',
    });
    expect(on(result, 'CLS-1/classification-tag', 'Q')[0].severity).toBe('warning');
    expect(on(result, 'ENC-1/sqs-cmk', 'Q')).toEqual([]);
    expect(result.summary.errors).toBe(0);
  });
});
