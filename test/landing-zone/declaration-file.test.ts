import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { morocco, SovereignLzError } from 'sovereign-lz/core';
import { LandingZone, loadLandingZone } from 'sovereign-lz/landing-zone';

const dir = mkdtempSync(join(tmpdir(), 'slz-decl-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const errorOf = (fn: () => unknown): SovereignLzError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SovereignLzError);
    return e as SovereignLzError;
  }
  throw new Error('no error');
};

const VALID = `name: files
profile: morocco
regions: [eu-west-3]
workloads:
  - name: records
    classification: internal
    stores: [{ name: documents, kind: objects }]
`;

test('a YAML declaration loads into the same zone as the typed one', () => {
  const zone = loadLandingZone(write('zone.yaml', VALID));
  const typed = new LandingZone({
    name: 'files',
    profile: 'morocco',
    regions: ['eu-west-3'],
    workloads: [{ name: 'records', classification: 'internal', stores: [{ name: 'documents', kind: 'objects' }] }],
  });
  expect(zone.placements).toEqual(typed.placements);
});

test('a JSON declaration loads, with a profile file read relative to it', () => {
  const profile = write('profile.json', JSON.stringify(morocco));
  const zone = loadLandingZone(
    write(
      'zone.json',
      JSON.stringify({
        name: 'json',
        profile: 'profile.json',
        regions: ['eu-west-3'],
        workloads: [{ name: 'a', classification: 'public' }],
      }),
    ),
  );
  expect(zone.profile.id).toBe('morocco');
  expect(profile).toContain(dir);
});

test('fails if a field is unknown, naming the file, line and field', () => {
  const file = write(
    'unknown-field.yaml',
    VALID.replace('    classification: internal', '    classification: internal\n    clasification: public'),
  );
  const error = errorOf(() => loadLandingZone(file));
  expect(error.message).toBe(
    `${file}:7:5: unknown field 'clasification' in /workloads/0 (did you mean 'classification'?)`,
  );
});

test('fails if a value has the wrong shape, naming the line', () => {
  const file = write('bad-level.yaml', VALID.replace('classification: internal', 'classification: top-secret'));
  const error = errorOf(() => loadLandingZone(file));
  expect(error.message).toMatch(
    new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:21: /workloads/0/classification must be one of`),
  );
});

test('fails if the law refuses a placement, naming the line of the declaration path, as a broken rule', () => {
  const file = write('secret.yaml', VALID.replace('classification: internal', 'classification: secret'));
  const error = errorOf(() => loadLandingZone(file));
  // Every problem names a control: a broken rule (exit 1), not bad input.
  expect(error.code).toBe('RULE_BROKEN');
  expect(error.message).toContain(`${file}:6:21 (workloads[0].classification): RES-1: workload 'records' is 'secret'`);
});

test('fails on malformed YAML and on a missing file, with one line naming the file', () => {
  const broken = write('broken.yaml', 'name: [unclosed\n');
  expect(errorOf(() => loadLandingZone(broken)).message).toMatch(/broken\.yaml:\d+:\d+: not valid YAML/);
  const missing = join(dir, 'missing.yaml');
  expect(errorOf(() => loadLandingZone(missing)).message).toBe(
    `${missing}: cannot read the landing-zone declaration: no such file`,
  );
});
