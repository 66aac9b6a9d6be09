import { jsonReport } from '../../constructs/compliance/report/report-json';
import {
  diffExitCode,
  diffResults,
  formatDiff,
  formatDiffJson,
  formatDiffMarkdown,
  formatDiffText,
  parseDiffInput,
  type DiffFinding,
  type DiffInput,
} from '../../constructs/compliance/report/report-diff';
import { CONTROL_IDS, extendProfile, morocco } from '../../constructs/core';
import { judge, ENCRYPTED_BUCKET, KEY, template, type CfnResource, type JudgeOptions } from './helpers/judge';

// `diffResults` compares two results by each finding's identity (rule, file, resource, path),
// never its message; the three formats print what changed per control.

const ENC = 'ENC-1/s3-bucket-cmk';

const encrypted = ENCRYPTED_BUCKET;
const unencrypted: CfnResource = { Type: 'AWS::S3::Bucket' };
const waived: CfnResource = {
  ...unencrypted,
  Metadata: {
    'sovereign-lz': { suppressions: [{ id: 'ENC-1', reason: 'approved by the DGSSI until the key migration' }] },
  },
};

/** The result of a template holding a key and bucket `B`. */
const run = (bucket: CfnResource, options: JudgeOptions = {}) => judge(template({ ...KEY, B: bucket }), options);

/** A finding made by hand, for what no template gives. */
function finding(overrides: Partial<DiffFinding> = {}): DiffFinding {
  return {
    control: 'ENC-1',
    rule: ENC,
    status: 'fail',
    severity: 'error',
    resource: 'B',
    file: 'S.template.json',
    path: null,
    message: 'the data is encrypted with a provider-managed key',
    suppressed: false,
    justification: null,
    ...overrides,
  };
}
const input = (...findings: DiffFinding[]): DiffInput => ({ profile: 'morocco', findings });

test('a bucket that loses its encryption: one new ENC-1 error, exit 1, named in every format', () => {
  const diff = diffResults(run(encrypted), run(unencrypted));
  expect(diff.controls.map((c) => c.control)).toEqual(['ENC-1']);
  const [enc] = diff.controls;
  expect(enc.new).toEqual([
    expect.objectContaining({ change: 'new', rule: ENC, resource: 'B', before: null, newError: true }),
  ]);
  expect(enc.new[0].after).toEqual(expect.objectContaining({ status: 'fail', severity: 'error', suppressed: false }));
  expect([enc.fixed, enc.changed, enc.suppressionsAdded, enc.suppressionsRemoved]).toEqual([[], [], [], []]);
  // B was judged by ENC-1 on both sides (a pass, then a finding): no resource added.
  expect(diff.resources).toBe('judged');
  expect(enc.resourcesAdded).toEqual([]);
  expect(diff.summary).toEqual({
    new: 1,
    fixed: 0,
    changed: 0,
    suppressionsAdded: 0,
    suppressionsRemoved: 0,
    resourcesAdded: 0,
    resourcesRemoved: 0,
    newErrors: 1,
  });
  expect(diffExitCode(diff)).toBe(1);
  const text = formatDiffText(diff, { sources: { old: 'old/compliance.json', new: 'new.json' } });
  expect(text.split('\n').slice(0, 3)).toEqual([
    "Compliance diff: old/compliance.json → new.json, profile 'morocco'",
    `  before: ${diff.old.findings} findings, 2 unsuppressed errors`,
    `  after: ${diff.new.findings} findings, 3 unsuppressed errors`,
  ]);
  expect(text).toContain('\nENC-1  Data at rest is encrypted with a customer-managed key\n');
  expect(text).toMatch(/^ {2}new +error {2}ENC-1\/s3-bucket-cmk {2}S\.template\.json {2}B$/m);
  expect(text).not.toContain('Resources judged added');
  expect(text).toMatch(/\nFAILED: 1 new unsuppressed error\n$/);
  const md = formatDiffMarkdown(diff);
  expect(md.split('\n')[0]).toBe(
    '**FAILED**: 1 new unsuppressed error. 1 new finding, 0 fixed, 0 changed, 0 suppressions added, 0 suppressions removed; 0 resources judged added, 0 removed.',
  );
  expect(md).toContain('\n### ENC-1: Data at rest is encrypted with a customer-managed key\n');
  expect(md).toMatch(
    /^\| \*\*new\*\* \| `ENC-1\/s3-bucket-cmk` \| `B` \| `S\.template\.json` \| \*\*error\*\* \| the data/m,
  );
  const json = JSON.parse(formatDiffJson(diff));
  expect(json.schemaVersion).toBe(1);
  expect(json.summary.newErrors).toBe(1);
  expect(json.controls[0].new[0]).toMatchObject({ rule: ENC, resource: 'B', before: null, newError: true });
});

test('reports of schema 1 list no passes: resources with findings added and removed instead', () => {
  const v1 = (r: DiffInput): DiffInput => ({ profile: r.profile, findings: r.findings });
  const diff = diffResults(v1(run(encrypted)), v1(run(unencrypted)));
  expect(diff.resources).toBe('with-findings');
  // B had findings of other controls before: new to ENC-1, not to the whole result.
  expect(diff.controls[0].resourcesAdded).toEqual([{ file: 'S.template.json', resource: 'B' }]);
  expect(diff.summary.resourcesAdded).toBe(0);
  expect(formatDiffText(diff)).toContain('  Resources with findings added: B (S.template.json)\n');
  // A schema-1 compliance.json is read as such.
  const { passes: _p, inputs: _i, ...report } = jsonReport(run(encrypted));
  expect(parseDiffInput({ ...report, schemaVersion: 1 }, 'old.json').passes).toBeUndefined();
});

test('a resource removed is a resource judged removed under each control that judged it', () => {
  const before = run(encrypted);
  const after = judge(template({ ...KEY }));
  const diff = diffResults(before, after);
  expect(diff.controls.find((c) => c.control === 'ENC-1')?.resourcesRemoved).toEqual([
    { file: 'S.template.json', resource: 'B' },
  ]);
  expect(diff.summary.resourcesRemoved).toBe(1);
  expect(formatDiffText(diff)).toContain('  Resources judged removed: B (S.template.json)\n');
});

test('a CheckResult and its compliance.json (parsed) give the same diff', () => {
  const [a, b] = [run(encrypted), run(unencrypted)];
  const parsed = (r: typeof a) => parseDiffInput(JSON.parse(JSON.stringify(jsonReport(r))), 'compliance.json');
  expect(diffResults(parsed(a), parsed(b))).toEqual(diffResults(a, b));
});

test('a bucket that gains its encryption: one fixed finding, exit 0 though NEW still has errors', () => {
  const diff = diffResults(run(unencrypted), run(encrypted));
  expect(diff.new.errors).toBeGreaterThan(0);
  expect(diff.controls.map((c) => c.control)).toEqual(['ENC-1']);
  expect(diff.controls[0].fixed).toEqual([
    expect.objectContaining({ change: 'fixed', rule: ENC, resource: 'B', after: null, newError: false }),
  ]);
  expect(diff.controls[0].resourcesRemoved).toEqual([]);
  expect(diff.summary).toMatchObject({ new: 0, fixed: 1, newErrors: 0 });
  expect(diffExitCode(diff)).toBe(0);
  expect(formatDiffText(diff)).toMatch(/^ {2}fixed +error {2}ENC-1\/s3-bucket-cmk/m);
  expect(formatDiffText(diff)).toMatch(/\nPASSED: no new unsuppressed error\n$/);
});

test('a suppression added is no new finding and no new error; removed, the error is back: exit 1', () => {
  const added = diffResults(run(unencrypted), run(waived));
  expect(added.controls).toHaveLength(1);
  const [entry] = added.controls[0].suppressionsAdded;
  expect(entry).toMatchObject({ change: 'suppression-added', rule: ENC, resource: 'B', newError: false });
  expect(entry.before).toMatchObject({ suppressed: false, severity: 'error' });
  expect(entry.after).toMatchObject({
    suppressed: true,
    justification: 'approved by the DGSSI until the key migration',
  });
  expect(added.summary).toMatchObject({ new: 0, suppressionsAdded: 1, suppressionsRemoved: 0, newErrors: 0 });
  expect(diffExitCode(added)).toBe(0);
  const text = formatDiffText(added);
  expect(text).toMatch(/^ {2}suppression added +error → suppressed error {2}ENC-1\/s3-bucket-cmk/m);
  expect(text).toContain('      justification: approved by the DGSSI until the key migration\n');

  const removed = diffResults(run(waived), run(unencrypted));
  expect(removed.controls[0].suppressionsRemoved).toEqual([
    expect.objectContaining({ change: 'suppression-removed', newError: true }),
  ]);
  expect(removed.summary).toMatchObject({ suppressionsRemoved: 1, newErrors: 1 });
  expect(diffExitCode(removed)).toBe(1);
});

test('a finding that appears or disappears suppressed is a suppression added or removed, not new or fixed', () => {
  const waivedFinding = finding({ suppressed: true, justification: 'approved by the DGSSI' });
  const appears = diffResults(input(), input(waivedFinding));
  expect(appears.summary).toMatchObject({ new: 0, suppressionsAdded: 1, newErrors: 0 });
  expect(appears.controls[0].suppressionsAdded[0]).toMatchObject({ before: null, newError: false });
  const disappears = diffResults(input(waivedFinding), input());
  expect(disappears.summary).toMatchObject({ fixed: 0, suppressionsRemoved: 1, newErrors: 0 });
});

test('a changed severity (LOG-4 raised to error by the profile) is a changed finding that makes a new error', () => {
  const strict = extendProfile(morocco, { controls: { 'LOG-4': { severity: 'error' } } });
  const diff = diffResults(run(encrypted), run(encrypted, { profile: strict }));
  expect(diff.controls.map((c) => c.control)).toEqual(['LOG-4']);
  const [entry] = diff.controls[0].changed;
  expect(entry).toMatchObject({ change: 'changed', rule: 'LOG-4/s3-access-logging', resource: 'B', newError: true });
  expect([entry.before?.severity, entry.after?.severity]).toEqual(['warning', 'error']);
  expect(diff.summary).toMatchObject({ new: 0, fixed: 0, changed: 1, newErrors: 1 });
  expect(diffExitCode(diff)).toBe(1);
  expect(formatDiffText(diff)).toMatch(
    /^ {2}changed +warning → error {2}LOG-4\/s3-access-logging {2}S\.template\.json {2}B$/m,
  );
  expect(formatDiffMarkdown(diff)).toMatch(
    /^\| changed \| `LOG-4\/s3-access-logging` \| `B` \| `S\.template\.json` \| \*\*warning → error\*\* \|/m,
  );
  // Back down to a warning: changed again, no new error.
  expect(diffExitCode(diffResults(run(encrypted, { profile: strict }), run(encrypted)))).toBe(0);
});

test('identity ignores the message: a new message is a change, and an existing error changed stays no new error', () => {
  const diff = diffResults(input(finding({ message: 'key alias/a' })), input(finding({ message: 'key alias/b' })));
  expect(diff.summary).toMatchObject({ new: 0, fixed: 0, changed: 1, newErrors: 0 });
  const text = formatDiffText(diff);
  expect(text).toContain('      before: key alias/a\n      after: key alias/b\n');
  // The construct path is part of the identity.
  const moved = diffResults(input(finding({ path: 'S/B/Resource' })), input(finding({ path: 'S/C/Resource' })));
  expect(moved.summary).toMatchObject({ new: 1, fixed: 1, changed: 0, newErrors: 1 });
  // A justification alone is no difference.
  const j = (text: string) => finding({ suppressed: true, justification: text });
  expect(diffResults(input(j('approved by the DGSSI')), input(j('approved by the CNDP'))).controls).toEqual([]);
});

test('findings of one identity are paired by state, then message: one more of them is one new finding', () => {
  const a = finding({ message: 'at parameter value a' });
  const b = finding({ message: 'at parameter value b' });
  const diff = diffResults(input(a), input(b, a));
  expect(diff.summary).toMatchObject({ new: 1, fixed: 0, changed: 0, newErrors: 1 });
  expect(diff.controls[0].new[0].after?.message).toBe('at parameter value b');
});

test('identical inputs: nothing new, exit 0, and every format says so', () => {
  const r = run(unencrypted);
  const diff = diffResults(r, r);
  expect(diff.controls).toEqual([]);
  expect(Object.values(diff.summary).every((n) => n === 0)).toBe(true);
  expect(diffExitCode(diff)).toBe(0);
  expect(formatDiffText(diff)).toContain('\nNo change in findings.\n');
  expect(formatDiffMarkdown(diff)).toContain('\nNo change in findings.\n');
  expect(formatDiffMarkdown(diff)).not.toContain('###');
  expect(JSON.parse(formatDiffJson(diff)).controls).toEqual([]);
});

test('controls come in catalog order; the same findings in any order give byte-identical reports', () => {
  const findings = [
    finding({ control: 'JUR-1', rule: 'JUR-1/not-assessed', severity: 'info', status: 'not-assessed', resource: 'Z' }),
    finding({ control: 'LOG-4', rule: 'LOG-4/s3-access-logging', severity: 'warning', resource: 'C' }),
    finding({ resource: 'A' }),
    finding({ control: 'CLS-1', rule: 'CLS-1/classification-tag', resource: '', file: '' }),
    finding({ resource: 'B' }),
  ];
  const diff = diffResults(input(), input(...findings));
  const order = diff.controls.map((c) => CONTROL_IDS.indexOf(c.control as (typeof CONTROL_IDS)[number]));
  expect(order).toEqual([...order].sort((x, y) => x - y));
  expect(diff.controls.find((c) => c.control === 'ENC-1')?.new.map((e) => e.resource)).toEqual(['A', 'B']);
  const shuffled = diffResults(input(), input(...[...findings].reverse()));
  for (const format of ['text', 'markdown', 'json'] as const) {
    expect(formatDiff(shuffled, format, { language: 'fr' })).toBe(formatDiff(diff, format, { language: 'fr' }));
  }
  // An input-wide finding names no resource: the whole input, not a resource added.
  const cls = diff.controls.find((c) => c.control === 'CLS-1')!;
  expect(cls.resourcesAdded).toEqual([]);
  expect(formatDiffText(diff)).toMatch(/CLS-1\/classification-tag {2}\(whole input\)$/m);
});

test('hostile messages and ids: no escape sequence in text or Markdown, pipes and line breaks escaped', () => {
  const hostile = finding({
    resource: 'B|`x`',
    path: 'S/B\u001b]8;;https://evil.example\u0007',
    message: '\u001b[31mred\u001b[0m | injected | cell\n### heading\r\u001b[2Jcleared <script>',
  });
  const diff = diffResults(input(), input(hostile));
  const text = formatDiffText(diff, { sources: { old: 'a\u001b[1m.json', new: 'b.json' } });
  expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(text).toContain('red | injected | cell ### heading cleared <script>');
  const md = formatDiffMarkdown(diff, { sources: { old: 'a|b.json', new: 'b.json' } });
  expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  const row = md.split('\n').find((l) => l.startsWith('| **new**'))!;
  // Six cells: every pipe of the values is escaped, the line breaks are <br>, HTML is text.
  expect(row.split(/(?<!\\)\|/).slice(1, -1)).toHaveLength(6);
  // The escape characters become spaces, as in compliance.md; what is left of them is text.
  expect(row).toContain('\\[31mred \\[0m \\| injected \\| cell<br>### heading<br> \\[2Jcleared');
  expect(row).toContain('\\<script\\>');
  expect(md).not.toMatch(/^#+ heading/m);
  expect(md).toContain('`a|b.json`');
});

test('French: the words, the plural rule (0 and 1 singular) and the verdict; ids and messages untouched', () => {
  const diff = diffResults(run(encrypted, { language: 'fr' }), run(unencrypted, { language: 'fr' }));
  const text = formatDiffText(diff, { language: 'fr', sources: { old: 'a.json', new: 'b.json' } });
  expect(text).toContain("Comparaison de conformité : a.json → b.json, profil 'morocco'\n");
  expect(text).toContain('  avant : 10 constats, 2 erreurs sans dérogation\n');
  expect(text).toContain('ENC-1  Les données au repos sont chiffrées avec une clé gérée par le client\n');
  expect(text).toMatch(/^ {2}nouveau +erreur {2}ENC-1\/s3-bucket-cmk {2}S\.template\.json {2}B$/m);
  expect(text).toContain('les données sont chiffrées avec une clé gérée par le fournisseur');
  expect(text).toContain(
    '1 nouveau constat, 0 corrigé, 0 modifié, 0 dérogation ajoutée, 0 dérogation retirée ; 0 ressource jugée en plus, 0 en moins\n',
  );
  expect(text).toMatch(/\nÉCHEC : 1 nouvelle erreur sans dérogation\n$/);
  const md = formatDiffMarkdown(diff, { language: 'fr' });
  expect(md.split('\n')[0]).toMatch(/^\*\*ÉCHEC\*\* : 1 nouvelle erreur sans dérogation\. /);
  expect(md).toContain('| changement | règle | ressource | fichier | sévérité | constat |');
  // English plurals for comparison: 0 takes the plural.
  expect(formatDiffText(diff)).toContain('0 suppressions added');
  const two = diffResults(input(), input(finding({ resource: 'A' }), finding({ resource: 'B' })));
  expect(formatDiffText(two, { language: 'fr' })).toMatch(
    /^2 nouveaux constats, .*; 2 ressources avec constats en plus, 0 en moins\nÉCHEC : 2 nouvelles erreurs sans dérogation$/m,
  );
});

test('parseDiffInput refuses what is not a compliance report of schema 1 or 2, in one line naming the file', () => {
  const report = JSON.parse(JSON.stringify(jsonReport(run(unencrypted))));
  expect(parseDiffInput(report, 'out/compliance.json').findings).toHaveLength(report.findings.length);
  const cases: [unknown, string][] = [
    [[], 'not a JSON object'],
    [{ ...report, schemaVersion: 3 }, 'schemaVersion 3'],
    [{ ...report, passes: undefined }, 'no passes list'],
    [{ ...report, passes: [{ ...report.passes[0], resource: 7 }] }, "pass 1 has no string 'resource'"],
    [{ Resources: {} }, 'no schemaVersion'],
    [{ ...report, profile: 3 }, 'no profile'],
    [{ ...report, findings: {} }, 'no findings list'],
    [{ ...report, findings: [{ ...report.findings[0], rule: 1 }] }, "finding 1 has no string 'rule'"],
    [
      { ...report, findings: [report.findings[0], { ...report.findings[0], severity: 'fatal' }] },
      'finding 2 has no severity',
    ],
    [{ ...report, findings: [{ ...report.findings[0], suppressed: 'no' }] }, "finding 1 has no boolean 'suppressed'"],
  ];
  for (const [doc, why] of cases) {
    expect(() => parseDiffInput(doc, 'out/compliance.json')).toThrow(
      expect.objectContaining({
        code: 'INPUT_INVALID',
        message: expect.stringMatching(
          new RegExp(
            `^out/compliance\\.json: not a compliance report of schemaVersion 1 or 2 \\(${why.replace(/[()]/g, '\\$&')}`,
          ),
        ),
      }),
    );
  }
  expect(() => parseDiffInput([], 'x.json')).toThrow(/^[^\n]*$/);
});

test('linear in the findings: 20,000 of one identity, or of 20,000 controls no catalog knows, take well under the limit', () => {
  const many = (n: number, make: (i: number) => Partial<DiffFinding>) =>
    input(...Array.from({ length: n }, (_, i) => finding(make(i))));
  const started = Date.now();
  const same = diffResults(
    many(20_000, (i) => ({ message: `value ${i}` })),
    many(20_001, (i) => ({ message: `value ${i + 1}` })),
  );
  expect(same.summary).toMatchObject({ new: 1, fixed: 0, changed: 1, newErrors: 1 });
  const controls = diffResults(
    input(),
    many(20_000, (i) => ({ control: `X-${i}`, rule: `X-${i}/r` })),
  );
  expect(controls.controls).toHaveLength(20_000);
  expect(controls.controls.at(-1)?.control).toBe('X-9999');
  expect(formatDiffText(controls)).toContain('\nX-0\n');
  expect(Date.now() - started).toBeLessThan(10_000);
});
