import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUILTIN_PROFILES,
  CLASSIFICATION_LEVELS,
  CONTROL_IDS,
  eu,
  extendProfile,
  loadProfileFile,
  morocco,
  parseProfile,
  profileProblems,
  resolveProfile,
  serializeProfile,
  SovereignLzError,
} from '../../constructs/core';

const casablanca = { name: 'ma-casablanca-1', country: 'MA', regionValues: ['ma-casablanca'], zoneValues: [] };

function errorOf(fn: () => unknown): SovereignLzError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SovereignLzError);
    return e as SovereignLzError;
  }
  throw new Error('expected an error');
}

describe('built-in profiles', () => {
  test.each(Object.values(BUILTIN_PROFILES))('$id is sound and round-trips through its own file format', (profile) => {
    expect(profileProblems(profile)).toEqual([]);
    expect(parseProfile(serializeProfile(profile), 'profile.json')).toEqual(JSON.parse(serializeProfile(profile)));
  });

  test('every profile sets every control and every level', () => {
    for (const profile of Object.values(BUILTIN_PROFILES)) {
      expect(Object.keys(profile.controls).sort()).toEqual([...CONTROL_IDS].sort());
      expect(Object.keys(profile.levels).sort()).toEqual([...CLASSIFICATION_LEVELS].sort());
    }
  });

  test('morocco carries the figures of Law 05-20 and the RQC', () => {
    expect(morocco.logRetentionMinDays).toBe(365);
    expect(morocco.figureSources.logRetention).toContain('L05-20 Art. 26');
    expect(morocco.keyRotationMaxDays).toBe(365);
    expect(morocco.keyDeletionWindowDays).toBe(30);
    expect(morocco.levels.sensitive.hostCountries).toEqual(['MA']);
    expect(morocco.levels.sensitive.keyCustody).toBe('customer-exclusive');
    expect(morocco.levels.sensitive.absoluteResidency).toBe(true);
    expect(morocco.sites).toEqual([]);
    expect(morocco.attestations.map((a) => a.id)).toEqual(
      expect.arrayContaining(['provider-qualification', 'moroccan-law-contract', 'cndp-authorizations']),
    );
  });

  test('eu keeps logs 180 days (SecNumCloud 12.6) and personal data in the EEA', () => {
    expect(eu.logRetentionMinDays).toBe(180);
    expect(eu.levels.personal.hostCountries).toContain('NO');
    expect(eu.levels.personal.hostCountries).not.toContain('GB');
  });

  test('resolveProfile knows the built-in ids and refuses others, naming the known ones', () => {
    expect(resolveProfile('morocco')).toBe(morocco);
    expect(errorOf(() => resolveProfile('atlantis')).message).toBe(
      "unknown profile 'atlantis': use one of morocco, eu, or a profile file (FILE.json)",
    );
  });
});

describe('extendProfile', () => {
  test('adds sites, narrows allowlists and attests obligations', () => {
    const p = extendProfile(morocco, {
      id: 'morocco-ministry',
      sites: [casablanca],
      levels: { internal: { cloudRegions: ['eu-west-3'] } },
      allowlists: { imageRegistries: ['registry.gov.ma'] },
      attestations: [{ id: 'moroccan-law-contract', reference: 'MA-CT-2026-118' }],
    });
    expect(p.id).toBe('morocco-ministry');
    expect(p.sites).toEqual([casablanca]);
    expect(p.levels.internal.cloudRegions).toEqual(['eu-west-3']);
    expect(p.levels.internal.keyCustody).toBe('customer');
    expect(p.allowlists.imageRegistries).toEqual(['registry.gov.ma']);
    expect(p.attestations.find((a) => a.id === 'moroccan-law-contract')?.reference).toBe('MA-CT-2026-118');
    expect(morocco.sites).toEqual([]);
  });

  test('fails if it weakens the law: shorter retention, wider hosting, lifted absolute rule, control off', () => {
    const e = errorOf(() =>
      extendProfile(morocco, {
        logRetentionMinDays: 180,
        levels: { sensitive: { hostCountries: ['MA', 'FR'], absoluteResidency: false } },
        controls: { 'LOG-3': { severity: 'off' } },
      }),
    );
    expect(e.code).toBe('PROFILE_INVALID');
    expect(e.message).toContain('logRetentionMinDays 180 is below 365');
    expect(e.message).toContain('L05-20 Art. 26');
    expect(e.message).toContain('levels.sensitive.hostCountries adds FR');
    expect(e.message).toContain('levels.sensitive.absoluteResidency may not be lifted');
    expect(e.message).toContain("controls.LOG-3.severity 'off' is below 'error'");
  });

  test('fails if a figure is not one the services accept', () => {
    expect(errorOf(() => extendProfile(morocco, { logRetentionMinDays: 366 })).message).toContain(
      'logRetentionMinDays 366 is not a value CloudWatch Logs accepts (use 400)',
    );
  });

  test('fails on an unknown region, a duplicate site, a transfer basis the level refuses', () => {
    const e = errorOf(() =>
      extendProfile(morocco, {
        sites: [casablanca, { ...casablanca }],
      }),
    );
    expect(e.message).toContain("site 'ma-casablanca-1'");
    const e2 = errorOf(() =>
      extendProfile(morocco, {
        levels: { internal: { cloudRegions: ['eu-wset-3'] } },
        transfers: [{ level: 'personal', basis: 'scc', countries: ['FR'], reference: 'SCC-1' }],
      }),
    );
    expect(e2.message).toContain("unknown cloud region 'eu-wset-3' (did you mean 'eu-west-3'?)");
    expect(e2.message).toContain("uses basis 'scc', which level 'personal' does not accept");
  });

  test("fails if a level's cloud regions go beyond the base's allowlist, or drop it; narrowing it is allowed", () => {
    const sensitive = errorOf(() => extendProfile(morocco, { levels: { sensitive: { cloudRegions: ['eu-west-3'] } } }));
    expect(sensitive.message).toBe(
      "extendProfile: profile 'morocco' (extends 'morocco') has a problem: levels.sensitive.cloudRegions adds eu-west-3 to profile 'morocco', which allows no cloud region for 'sensitive' (L05-20 Art. 11; RQC 3.15.2)",
    );
    expect(
      errorOf(() => extendProfile(morocco, { levels: { internal: { cloudRegions: ['eu-west-3', 'us-east-1'] } } }))
        .message,
    ).toContain(
      "levels.internal.cloudRegions adds us-east-1 to profile 'morocco', which allows only eu-south-2, eu-west-3, eu-west-1, eu-central-1 for 'internal'",
    );
    expect(
      errorOf(() => extendProfile(morocco, { levels: { internal: { cloudRegions: undefined } } })).message,
    ).toContain(
      "levels.internal.cloudRegions may not be removed: profile 'morocco' allows only eu-south-2, eu-west-3, eu-west-1, eu-central-1 for 'internal'",
    );
    expect(extendProfile(morocco, { levels: { personal: { cloudRegions: ['eu-west-3'] } } }).levels.personal).toEqual({
      ...morocco.levels.personal,
      cloudRegions: ['eu-west-3'],
    });
    // Where the base has no allowlist (any region of the host countries), a list only narrows.
    expect(
      extendProfile(eu, { levels: { personal: { cloudRegions: ['eu-west-3'] } } }).levels.personal.cloudRegions,
    ).toEqual(['eu-west-3']);
  });

  test('fails if the national territory grows; keeping or narrowing it is allowed', () => {
    expect(errorOf(() => extendProfile(morocco, { territory: ['MA', 'ES'] })).message).toContain(
      "territory adds ES to the territory of profile 'morocco' (MA)",
    );
    expect(extendProfile(eu, { territory: ['FR', 'DE'] }).territory).toEqual(['FR', 'DE']);
  });
});

describe('profile files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'slz-profile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  test('a file that extends morocco declares sites and narrows the allowlist', () => {
    const file = write(
      'ministry.json',
      JSON.stringify({
        extends: 'morocco',
        id: 'morocco-ministry',
        sites: [casablanca],
        levels: { internal: { cloudRegions: ['eu-west-3', 'eu-south-2'] } },
        accountIds: ['111111111111'],
      }),
    );
    const p = loadProfileFile(file);
    expect(p.id).toBe('morocco-ministry');
    expect(p.sites[0].name).toBe('ma-casablanca-1');
    expect(p.levels.internal.cloudRegions).toEqual(['eu-west-3', 'eu-south-2']);
    expect(p.logRetentionMinDays).toBe(365);
    expect(resolveProfile(file)).toEqual(p);
  });

  test('fails with the file, line and column of a misspelled field', () => {
    const file = write(
      'typo.json',
      '{\n  "extends": "morocco",\n  "levels": {\n    "internal": { "clodRegions": ["eu-west-3"] }\n  }\n}\n',
    );
    const e = errorOf(() => loadProfileFile(file));
    expect(e.code).toBe('PROFILE_INVALID');
    expect(e.message).toBe(
      `${file}:4:19: unknown field 'clodRegions' in /levels/internal (did you mean 'cloudRegions'?)`,
    );
  });

  test('fails listing every problem of a file, each with its line', () => {
    const file = write(
      'bad.json',
      '{\n  "extends": "morocco",\n  "accountIds": ["12345"],\n  "sites": [{"name": "Casa", "country": "Morocco", "regionValues": [], "zoneValues": []}]\n}\n',
    );
    const e = errorOf(() => loadProfileFile(file));
    expect(e.message).toContain(`${file}:3:18: /accountIds/0 must match pattern`);
    expect(e.message).toContain(`${file}:4:22: /sites/0/name must match pattern`);
    expect(e.message).toContain(`${file}:4:41: /sites/0/country must match pattern "^[A-Z]{2}$"`);
  });

  test('fails if the file is not JSON, names an unknown base, or weakens it', () => {
    expect(errorOf(() => loadProfileFile(write('trunc.json', '{"extends": "moro'))).message).toMatch(
      /trunc\.json: not valid JSON: /,
    );
    expect(errorOf(() => loadProfileFile(write('base.json', '{"extends": "atlantis"}'))).message).toBe(
      `${join(dir, 'base.json')}:1:13: unknown profile 'atlantis': use one of morocco, eu, or a profile file (FILE.json)`,
    );
    expect(
      errorOf(() => loadProfileFile(write('weak.json', '{"extends": "morocco", "logRetentionMinDays": 90}'))).message,
    ).toContain('logRetentionMinDays 90 is below 365');
  });

  test('fails if the file widens a level of its base, naming the file, line and field', () => {
    const file = write(
      'lax.json',
      [
        '{',
        '  "extends": "morocco",',
        '  "id": "morocco-lax",',
        '  "levels": {',
        '    "internal": { "cloudRegions": ["eu-west-3"] },',
        '    "sensitive": { "cloudRegions": ["eu-west-3"] }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const e = errorOf(() => loadProfileFile(file));
    expect(e.code).toBe('PROFILE_INVALID');
    expect(e.message).toBe(
      `${file}:6:37: levels.sensitive.cloudRegions adds eu-west-3 to profile 'morocco', which allows no cloud region for 'sensitive' (L05-20 Art. 11; RQC 3.15.2)`,
    );
  });

  test('lists every widening and unsound field of a file, each at its line', () => {
    const file = write(
      'wide.json',
      [
        '{',
        '  "extends": "morocco",',
        '  "territory": ["MA", "ES"],',
        '  "levels": {',
        '    "internal": { "cloudRegions": ["eu-west-3", "us-east-1", "eu-wset-3"] },',
        '    "sensitive": { "hostCountries": ["MA", "FR"], "keyCustody": "customer" }',
        '  },',
        '  "attestations": [{ "id": "moroccan-law-contrat", "reference": "MA-CT-1" }]',
        '}',
        '',
      ].join('\n'),
    );
    expect(errorOf(() => loadProfileFile(file)).message).toBe(
      `${file}:8:28: attestation 'moroccan-law-contrat' is not one of profile 'morocco' (did you mean 'moroccan-law-contract'?) (${morocco.attestations.map((a) => a.id).join(', ')}); a new one needs a description and a source`,
    );
    const fixed = write('wide.json', readFileSync(file, 'utf8').replace('contrat', 'contract'));
    expect(errorOf(() => loadProfileFile(fixed)).message).toBe(
      [
        `${fixed}: profile 'morocco' (extends 'morocco') has 5 problems:`,
        `  ${fixed}:3:23: territory adds ES to the territory of profile 'morocco' (MA)`,
        `  ${fixed}:5:49: levels.internal.cloudRegions adds us-east-1, eu-wset-3 to profile 'morocco', which allows only eu-south-2, eu-west-3, eu-west-1, eu-central-1 for 'internal' (DNSSI; D2-24-921)`,
        `  ${fixed}:5:62: levels.internal.cloudRegions: unknown cloud region 'eu-wset-3' (did you mean 'eu-west-3'?)`,
        `  ${fixed}:6:44: levels.sensitive.hostCountries adds FR to profile 'morocco' (L05-20 Art. 11; RQC 3.15.2)`,
        `  ${fixed}:6:65: levels.sensitive.keyCustody 'customer' is weaker than 'customer-exclusive' (L05-20 Art. 11; RQC 3.15.2)`,
      ].join('\n'),
    );
  });

  test('a complete profile file names the line of each unsound field', () => {
    const profile = JSON.parse(serializeProfile(morocco));
    profile.logRetentionMinDays = 366;
    profile.levels.internal.cloudRegions = ['eu-west-3', 'eu-wset-3'];
    const file = write('complete.json', JSON.stringify(profile, null, 2));
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(errorOf(() => loadProfileFile(file)).message).toBe(
      [
        `${file}: 2 problems:`,
        `  ${file}:${lineOf('eu-wset-3')}:9: levels.internal.cloudRegions: unknown cloud region 'eu-wset-3' (did you mean 'eu-west-3'?)`,
        `  ${file}:${lineOf('366')}:26: logRetentionMinDays 366 is not a value CloudWatch Logs accepts (use 400)`,
      ].join('\n'),
    );
  });

  test('fails if a complete profile misses a field, naming it', () => {
    const { controls: _c, ...partial } = JSON.parse(serializeProfile(morocco));
    const e = errorOf(() => loadProfileFile(write('partial.json', JSON.stringify(partial))));
    expect(e.message).toContain("/ is missing the field 'controls'");
  });

  test('fails clearly if the file does not exist', () => {
    const e = errorOf(() => loadProfileFile(join(dir, 'missing.json')));
    expect(e.code).toBe('PROFILE_UNREADABLE');
    expect(e.message).toBe(`${join(dir, 'missing.json')}: cannot read the profile file: no such file`);
  });
});
