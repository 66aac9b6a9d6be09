import { evidenceMatrix, escapeMarkdown, formatMarkdown } from '../../constructs/compliance/report/report-markdown';
import { builtinProfile, CONTROL_IDS, type JurisdictionProfile } from '../../constructs/core';
import { judge, template } from './helpers/judge';
import { COMPLIANT, VIOLATING, VIOLATING_EXTRA } from './helpers/report-fixtures';

const violating = judge(template(VIOLATING, VIOLATING_EXTRA));
const md = formatMarkdown(violating);

/** The lines of the section under a heading, up to the next heading of the same or a higher level. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= level);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** The cells of a table row, split on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

test('the header names the profile (id and name), the tool, the inputs and the verdict, and no date', () => {
  const head = md.split('\n## ')[0];
  expect(head).toContain('# Compliance evidence matrix');
  expect(head).toContain('- **Profile:** Morocco (Law 05-20, DNSSI, Law 09-08): `morocco`');
  expect(head).toMatch(/- \*\*Tool:\*\* sovereign-lz \d+\.\d+\.\d+/);
  expect(head).toContain('- **Inputs (1):** `S.template.json`');
  expect(head).toContain('- **Verdict:** **FAILED**: 4 unsuppressed errors');
  expect(md).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  expect(formatMarkdown(judge(template(COMPLIANT)))).toContain('- **Verdict:** **PASSED**: no unsuppressed error');
});

test('the summary gives the counts and one row per control of the catalog, in order, with its verdict', () => {
  const summary = section(md, '## Summary');
  expect(summary).toContain('| 5 | 18 | 4 | 4 | 1 | 1 |');
  const rows = summary.filter((l) => /^\| [A-Z0-9]+-\d \|/.test(l)).map(cells);
  expect(rows.map((r) => r[0])).toEqual([...CONTROL_IDS]);
  const verdict = Object.fromEntries(rows.map((r) => [r[0], r[2]]));
  expect(verdict).toEqual(
    expect.objectContaining({
      'KEY-2': 'fail',
      'LOG-2': 'cannot-prove',
      'LOG-4': 'suppressed',
      'KEY-3': 'pass',
      'NET-3': 'not-applicable',
    }),
  );
});

test("a violating resource's control row shows fail with the resource, the rule, the message and the fix", () => {
  const rows = section(md, '### KEY-2: Keys rotate');
  expect(rows).toContain('Source: RQC 3.6.3. Severity under `morocco`: error. Verdict: **fail**.');
  const row = rows.find((l) => l.startsWith('| `Key` |'))!;
  expect(cells(row)).toEqual([
    '`Key`',
    '`S.template.json`',
    '`S/Key/Resource`',
    '`KEY-2/kms-rotation`',
    '**fail (error)**',
    'rotationEnabled=false; maximumDays=365',
    expect.stringMatching(/^automatic rotation is off \(EnableKeyRotation false\)\. Fix: Set EnableKeyRotation: true/),
  ]);
  const open = section(md, '### NET-1: No open ingress').find((l) => l.startsWith('| `Open` |'))!;
  expect(cells(open)[4]).toBe('**fail (error)**');
});

test('a suppressed finding shows its justification, with | and newlines escaped', () => {
  const row = section(md, '### LOG-4: Data-bucket access is logged').find((l) => l.startsWith('| `Data` |'))!;
  expect(cells(row)).toEqual([
    '`Data`',
    '`S.template.json`',
    '',
    '`LOG-4/s3-access-logging`',
    'suppressed (warning)',
    'accessLogging=false; dataEventTrails=none',
    'justification: logged by the SIEM agent \\| see runbook<br>section 4; finding: neither server access logging nor a trail records access to the bucket',
  ]);
});

test('findings are rows, passes are counted per rule with their resources and observed values folded, not-applicable rules listed; a control with no resource in scope says so', () => {
  const log2 = section(md, "### LOG-2: Logs are kept at least the profile's minimum");
  expect(log2.find((l) => l.includes('`LOG-2/log-group-retention`'))).toContain('| **cannot-prove (warning)** |');
  expect(log2).toContain('Not applicable: `LOG-2/log-bucket-retention` (1).');
  const key3 = section(md, '### KEY-3: Keys are not shared or exposed');
  const deletion = key3.indexOf(
    "**`KEY-3/kms-deletion-window` Key deletion waits at least the profile's window: 1 pass**",
  );
  expect(deletion).toBeGreaterThan(-1);
  expect(key3.slice(deletion + 1, deletion + 6)).toEqual([
    '',
    '<details>',
    '<summary>1 resource and what was observed</summary>',
    '',
    '| resource | file | construct path | observed |',
  ]);
  expect(key3[deletion + 7]).toMatch(
    /^\| `Key` \| `S\.template\.json` \| `S\/Key\/Resource` \| deletionWindowDays=30; minimumDays=\d+ \|$/,
  );
  expect(section(md, '### NET-3: The data tier has no route to the internet')).toContain(
    'Not applicable: no resource of the inputs falls under this control.',
  );
  const res4 = section(md, '### RES-4: The organization denies requests outside allowed regions');
  expect(res4.find((l) => l.includes('RES-4/region-deny-scp'))).toMatch(/^\| \(whole input\) \| {2}\| {2}\|/);
});

test('every control of the catalog has a section, in order, with its legal source', () => {
  const headings = md.split('\n').filter((l) => l.startsWith('### '));
  expect(headings.map((h) => h.slice(4).split(':')[0])).toEqual([...CONTROL_IDS]);
  const morocco = builtinProfile('morocco');
  for (const id of CONTROL_IDS) {
    expect(md).toContain(`Source: ${escapeMarkdown(morocco.controls[id].source)}. Severity under \`morocco\``);
  }
});

test('resources no rule knows and the manual checks close the report', () => {
  expect(section(md, '## Not assessed')).toContain('| `AWS::AppMesh::Mesh` | `Fn` | `S.template.json` |  |');
  const manual = section(md, '## Manual checks (JUR-1)');
  expect(manual).toContain(
    '| `moroccan-law-contract` | The outsourcing contract is governed by Moroccan law | L05-20 Art. 12 | **open**: not attested |',
  );
  const morocco = builtinProfile('morocco');
  const attested: JurisdictionProfile = {
    ...morocco,
    attestations: morocco.attestations.map((a) =>
      a.id === 'moroccan-law-contract' ? { ...a, reference: 'Contract 2026/17 | annex B' } : a,
    ),
  };
  const text = formatMarkdown(judge(template(VIOLATING, VIOLATING_EXTRA), { profile: attested }));
  expect(section(text, '## Manual checks (JUR-1)').find((l) => l.includes('moroccan-law-contract'))).toMatch(
    /\| attested: Contract 2026\/17 \\\| annex B \|$/,
  );
});

test('a control the profile turns off is not applicable, and says why', () => {
  const morocco = builtinProfile('morocco');
  const relaxed: JurisdictionProfile = {
    ...morocco,
    controls: { ...morocco.controls, 'NET-1': { ...morocco.controls['NET-1'], severity: 'off' } },
  };
  const text = formatMarkdown(judge(template(VIOLATING, VIOLATING_EXTRA), { profile: relaxed }));
  expect(section(text, '### NET-1: No open ingress')).toContain('Not applicable: the profile turns NET-1 off.');
  expect(section(text, '## Summary').find((l) => l.startsWith('| NET-1 |'))).toContain('| not-applicable (off) |');
});

test('every table row has as many cells as its header (escaping keeps tables whole)', () => {
  let width = 0;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      width = 0;
      continue;
    }
    if (!width) width = cells(line).length;
    else expect([line, cells(line).length]).toEqual([line, width]);
  }
});

test('the evidence matrix holds every finding, pass and not-applicable check but the not-assessed ones', () => {
  const rows = [...evidenceMatrix(violating).values()].flat();
  const judged = violating.findings.filter((f) => f.status !== 'not-assessed').length;
  expect(rows).toHaveLength(judged + violating.passes.length + violating.notApplicable.length);
});

test('escapeMarkdown escapes inline syntax, pipes and newlines', () => {
  expect(escapeMarkdown('a|b\nc\r\nd *e* _f_ `g` <h> [i] \\')).toBe(
    'a\\|b<br>c<br>d \\*e\\* \\_f\\_ \\`g\\` \\<h\\> \\[i\\] \\\\',
  );
});

test('the output is deterministic: the same bytes twice', () => {
  expect(formatMarkdown(judge(template(VIOLATING, VIOLATING_EXTRA)))).toBe(md);
});
