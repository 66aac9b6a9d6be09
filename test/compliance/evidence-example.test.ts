import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import { isObservedValue } from '../../constructs/compliance/judge/evidence';
import type { CheckResult } from '../../constructs/compliance/normalize/model';
import { writeReports } from '../../constructs/compliance/report/reports';
import { RULES } from '../../constructs/compliance/rules';
import { LandingZone } from '../../constructs/landing-zone';
import { synthesizeApp } from '../../constructs/testing';
import { publicSectorProfile } from '../../examples/morocco-public-sector/profile';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';

// Issue #17's "done when" for observed evidence: the default example's compliance.md and
// compliance.json show what each rule observed on every row, pass or finding; every pass has
// the fields its rule declares (`observes`), each with a value.

const out = synthesizeApp((context) => new LandingZone(moroccoPublicSector).build(context));
const reports = mkdtempSync(join(tmpdir(), 'slz-evidence-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(reports, { recursive: true, force: true });
});
const result: CheckResult = checkPaths([out], { profile: publicSectorProfile, cwd: out, today: '2026-12-06' });
writeReports(result, reports);
const json = JSON.parse(readFileSync(join(reports, 'compliance.json'), 'utf8'));
const markdown = readFileSync(join(reports, 'compliance.md'), 'utf8');
const observes = new Map(RULES.map((r) => [r.id, r.observes]));

test('every pass has each field its rule declares, with a value', () => {
  expect(result.passes.length).toBeGreaterThan(500);
  const missing = result.passes.flatMap((p) =>
    (observes.get(p.rule) ?? ['?'])
      .filter((field) => !isObservedValue(p.evidence?.[field]))
      .map((f) => `${p.rule} ${p.resource}: ${f}`),
  );
  expect(missing).toEqual([]);
  // Rules whose fields are each type's properties (the data-store table) still observe something.
  expect(result.passes.filter((p) => !Object.values(p.evidence ?? {}).some(isObservedValue))).toEqual([]);
});

test('every finding carries what was observed', () => {
  expect(result.findings.length).toBeGreaterThan(0);
  expect(result.findings.filter((f) => !Object.values(f.evidence ?? {}).some(isObservedValue))).toEqual([]);
});

test('the observed values are the facts: keys, rotation, retention, places', () => {
  const of = (rule: string) => result.passes.filter((p) => p.rule === rule).map((p) => p.evidence ?? {});
  const buckets = of('ENC-1/s3-bucket-cmk');
  expect(buckets.filter((e) => e.keyHolder === 'customer' && e.key).length).toBeGreaterThan(0);
  // A provider's key passes only where the level's key custody is the provider's.
  for (const e of buckets) if (e.keyHolder !== 'customer') expect(e.keyCustody).toBe('provider');
  for (const e of of('KEY-2/kms-rotation')) {
    expect(e.rotationEnabled).toBe(true);
    expect(e.rotationDays).toBeLessThanOrEqual(e.maximumDays as number);
  }
  for (const e of of('LOG-2/log-group-retention')) {
    expect(e.retentionDays).toBeGreaterThanOrEqual(e.minimumDays as number);
  }
  const places = of('RES-1/stack-region');
  expect(places.length).toBeGreaterThan(0);
  for (const e of places)
    expect(e).toEqual(expect.objectContaining({ region: expect.any(String), country: expect.any(String) }));
});

test('compliance.json: schema 2, passes with their evidence, inputs with their SHA-256', () => {
  expect(json.schemaVersion).toBe(2);
  expect(json.passes).toHaveLength(result.passes.length);
  for (const p of json.passes) {
    expect(p.status).toBe('pass');
    expect(Object.keys(p.evidence).length).toBeGreaterThan(0);
  }
  for (const f of json.findings) expect(Object.keys(f.evidence).length).toBeGreaterThan(0);
  expect(json.inputs.length).toBeGreaterThan(result.inputs.length); // profile.json, landing-zone.json besides
  for (const input of json.inputs) {
    expect(input.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(out, input.file)))
        .digest('hex'),
    );
  }
});

test('compliance.md: findings with what was observed, then passes per rule with their values, collapsed', () => {
  // No passing row repeats the rule's title as its evidence any more.
  expect(markdown).not.toMatch(/\| pass \| KMS keys rotate/);
  const key2 = markdown.slice(markdown.indexOf('### KEY-2'), markdown.indexOf('### KEY-3'));
  expect(key2).toMatch(/\*\*`KEY-2\/kms-rotation` .*: 16 passes\*\*/);
  expect(key2).toContain('<details>');
  expect(key2).toMatch(/rotationEnabled=true; rotationDays=\d+; maximumDays=\d+/);
  // Every row of a passes table has an observed cell with a value.
  const passRows = markdown
    .split('<details>')
    .slice(1)
    .flatMap((block) => block.split('</details>')[0].split('\n'))
    .filter((line) => line.startsWith('| ') && !line.startsWith('| resource |'));
  expect(passRows.length).toBe(result.passes.length);
  for (const row of passRows) expect(row.split(' | ').at(-1)).toMatch(/\w=\S/);
  expect(markdown).toMatch(/## Inputs\n\n\| file \| SHA-256 \|/);
});
