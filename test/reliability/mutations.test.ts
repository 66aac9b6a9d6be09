import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult, Finding } from '../../constructs/compliance/normalize/model';
import { CONTROL_IDS } from '../../constructs/core';
import { checkArtifacts, loadArtifacts, newFindings, synthExample, type Artifacts, type Json } from './artifacts';
import { BACKUP_SELECTION_REMOVED, MUTATIONS, type Mutation } from './mutations';

// Every control catches its violation: the compliant example is synthesized once, then each
// mutation of ./mutations.ts tampers with a copy of its artifacts, and the checker must report
// an unsuppressed finding of exactly the mutated control, and of no other.
const work = mkdtempSync(join(tmpdir(), 'slz-mutations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let original: Artifacts;
let baseline: CheckResult;

beforeAll(() => {
  const out = join(work, 'out');
  synthExample(out);
  original = loadArtifacts(out);
  baseline = checkArtifacts(original, work);
});

test('the unmutated example is compliant: no unsuppressed error or warning', () => {
  expect(baseline.summary.errors).toBe(0);
  // The artifacts are written back minified here: the network templates fit 51,200 bytes (DEP-6).
  expect(baseline.summary.warnings).toBe(0);
});

/** The unsuppressed findings a mutation adds that its control (or a declared consequence) does not explain. */
function unexplained(mutation: Mutation, found: readonly Finding[]): Finding[] {
  const entailed = (f: Finding) =>
    (mutation.entails ?? []).some((c) => c.control === f.control && c.status === f.status);
  return found.filter((f) => f.control !== mutation.control && !entailed(f));
}

function mutate(mutation: Mutation): Finding[] {
  const artifacts = structuredClone(original);
  mutation.apply(artifacts);
  return newFindings(baseline, checkArtifacts(artifacts, work));
}

test.each(MUTATIONS.map((m) => [m.control, m.description, m] as const))('%s: %s', (control, _description, mutation) => {
  const found = mutate(mutation);
  expect(found.filter((f) => f.control === control)).not.toEqual([]);
  // Exactly that control: any other finding must be a declared consequence of the mutation.
  expect(unexplained(mutation, found)).toEqual([]);
});

test('BCK-1: a backup plan of another region covers nothing here', () => {
  const found = mutate(BACKUP_SELECTION_REMOVED);
  expect(found.map((f) => [f.rule, f.path])).toEqual(
    expect.arrayContaining([['BCK-1/backup-coverage', 'Records/Documents/Resource/Resource']]),
  );
  expect(unexplained(BACKUP_SELECTION_REMOVED, found)).toEqual([]);
});

test('JUR-1: removing the reference of an attested obligation reopens exactly that manual check', () => {
  const attested = structuredClone(original);
  const profile = attested['profile.json'] as Json;
  for (const a of profile.attestations as Json[]) a.reference = `REF-${String(a.id)}`;
  const allAttested = checkArtifacts(attested, work);
  const open = (r: CheckResult) => r.findings.filter((f) => f.rule === 'JUR-1/attestations').map((f) => f.resource);
  expect(open(allAttested)).toEqual([]);
  const first = (profile.attestations as Json[])[0];
  delete first.reference;
  expect(open(checkArtifacts(attested, work))).toEqual([`attestation/${String(first.id)}`]);
});

test('every control of the catalog has a mutation', () => {
  const covered = new Set(MUTATIONS.map((m) => m.control));
  expect(CONTROL_IDS.filter((id) => !covered.has(id))).toEqual([]);
  expect(MUTATIONS.map((m) => m.control)).toEqual([...CONTROL_IDS]);
});
