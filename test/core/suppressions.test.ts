import {
  absoluteRuleSource,
  eu,
  isSuppressionExpired,
  morocco,
  suppressionCovers,
  suppressionProblems,
} from '../../constructs/core';

test('a well-formed suppression has no problems', () => {
  expect(
    suppressionProblems([{ id: 'LOG-4', reason: 'DGSSI exception 2026-12 for this bucket', expires: '2027-06-30' }]),
  ).toEqual([]);
  expect(suppressionProblems([{ id: 'LOG-4/s3-access-logging', reason: 'reason long enough' }])).toEqual([]);
});

test('fails if the reason is shorter than 10 characters, the id unknown, the date malformed', () => {
  const problems = suppressionProblems([
    { id: 'LOG-4', reason: 'because' },
    { id: 'XYZ-1', reason: 'a reason that is long' },
    { id: 'ENC-1', reason: 'a reason that is long', expires: '2027-02-30' },
    { id: 'ENC-1', reason: 'a reason that is long', until: '2027-01-01' },
    'LOG-4',
  ]);
  expect(problems).toEqual([
    expect.stringContaining('suppressions[0].reason'),
    expect.stringContaining('suppressions[1].id must name a control'),
    expect.stringContaining('suppressions[2].expires must be a date'),
    expect.stringContaining("unknown field 'until'"),
    expect.stringContaining('suppressions[4] must be an object'),
  ]);
});

test('a suppression covers its control and every rule of it, not other controls', () => {
  expect(suppressionCovers({ id: 'ENC-1', reason: 'x'.repeat(10) }, 'ENC-1/s3-bucket-cmk')).toBe(true);
  expect(suppressionCovers({ id: 'ENC-1/s3-bucket-cmk', reason: 'x'.repeat(10) }, 'ENC-1/s3-bucket-cmk')).toBe(true);
  expect(suppressionCovers({ id: 'ENC-1/ebs-cmk', reason: 'x'.repeat(10) }, 'ENC-1/s3-bucket-cmk')).toBe(false);
  expect(suppressionCovers({ id: 'ENC-2', reason: 'x'.repeat(10) }, 'ENC-1')).toBe(false);
});

test('an expired suppression no longer holds; the expiry day itself still does', () => {
  const s = { id: 'LOG-4', reason: 'x'.repeat(10), expires: '2026-11-22' };
  expect(isSuppressionExpired(s, '2026-11-22')).toBe(false);
  expect(isSuppressionExpired(s, '2026-11-23')).toBe(true);
  expect(isSuppressionExpired({ id: 'LOG-4', reason: 'x'.repeat(10) }, '2099-01-01')).toBe(false);
});

test('residency of sensitive data under morocco and of secret data anywhere is absolute', () => {
  expect(absoluteRuleSource(morocco, 'RES-1', 'sensitive')).toContain('L05-20 Art. 11');
  expect(absoluteRuleSource(morocco, 'RES-2', 'sensitive')).toContain('L05-20 Art. 11');
  expect(absoluteRuleSource(eu, 'RES-1', 'secret')).toBeDefined();
  expect(absoluteRuleSource(morocco, 'RES-1', 'internal')).toBeUndefined();
  expect(absoluteRuleSource(eu, 'RES-1', 'sensitive')).toBeUndefined();
  // Only residency is absolute: encryption findings on sensitive data can be waived with a reason.
  expect(absoluteRuleSource(morocco, 'ENC-1', 'sensitive')).toBeUndefined();
});
