import {
  builtinProfile,
  closestName,
  localizedSuggestion,
  maxSuggestionDistance,
  parseAndValidate,
  parseLanguage,
  PROFILE_EXTENSION_SCHEMA,
  SovereignLzError,
  suppressionProblemTexts,
} from '../../constructs/core';
import { runCheck } from '../../constructs/cli/check';
import { checkPaths } from '../../constructs/compliance/check';
import { LANDING_ZONE_SCHEMA } from '../../constructs/landing-zone/declaration-schema';

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SovereignLzError);
    return (e as Error).message;
  }
  throw new Error('expected a SovereignLzError');
}

describe('closestName', () => {
  test('suggests the candidate a near word was meant to be, whatever its case', () => {
    expect(closestName('clodRegions', ['hostCountries', 'cloudRegions', 'keyCustody'])).toBe('cloudRegions');
    expect(closestName('secrt', ['public', 'internal', 'personal', 'sensitive', 'secret'])).toBe('secret');
    expect(closestName('Internal', ['public', 'internal'])).toBe('internal');
    expect(closestName('eu-west-33', ['eu-south-2', 'eu-west-3'])).toBe('eu-west-3');
  });

  test('suggests nothing for a far-off word, an exact name, an empty word or no candidate', () => {
    expect(closestName('atlantis', ['morocco', 'eu'])).toBeUndefined();
    expect(closestName('top-secret', ['public', 'internal', 'personal', 'sensitive', 'secret'])).toBeUndefined();
    expect(closestName('secret', ['secret', 'sensitive'])).toBeUndefined();
    expect(closestName('', ['a'])).toBeUndefined();
    expect(closestName('records', [])).toBeUndefined();
    expect(closestName(42 as unknown as string, ['42'])).toBeUndefined();
  });

  test('allows one edit up to five letters, a third of the length beyond', () => {
    expect(maxSuggestionDistance('eu')).toBe(1);
    expect(maxSuggestionDistance('records')).toBe(2);
    expect(maxSuggestionDistance('cloudRegions')).toBe(4);
    expect(closestName('ue', ['eu'])).toBeUndefined(); // two edits: too far for two letters
    expect(closestName('rcrds', ['records'])).toBeUndefined(); // two edits, but five letters typed
    expect(closestName('recrds', ['records'])).toBe('records');
  });

  test('of candidates equally near, the first given: the same answer on every run', () => {
    expect(closestName('ab', ['ac', 'bb'])).toBe('ac');
    expect(closestName('ab', ['bb', 'ac'])).toBe('bb');
  });

  test('the suggestion in English and French, empty when none is near', () => {
    expect(localizedSuggestion('recrds', ['records'])).toEqual({
      en: " (did you mean 'records'?)",
      fr: " (vouliez-vous dire 'records' ?)",
    });
    expect(localizedSuggestion('zzz', ['records'])).toEqual({ en: '', fr: '' });
  });
});

describe('schema errors of declarations and profile files', () => {
  test("an unknown field suggests the allowed one, found through the schema's $ref", () => {
    const text =
      '{\n  "extends": "morocco",\n  "levels": { "internal": { "clodRegions": [] } },\n  "alowlists": {}\n}\n';
    expect(failure(() => parseAndValidate(text, 'p.json', PROFILE_EXTENSION_SCHEMA, 'PROFILE_INVALID'))).toBe(
      [
        'p.json: 2 problems:',
        "  p.json:3:29: unknown field 'clodRegions' in /levels/internal (did you mean 'cloudRegions'?)",
        "  p.json:4:3: unknown field 'alowlists' in / (did you mean 'allowlists'?)",
      ].join('\n'),
    );
  });

  test('an unknown field of an array item or of a map value suggests from its own schema, a far-off one nothing', () => {
    const yaml = [
      'name: zone',
      'profile: morocco',
      'workloads:',
      '  - name: records',
      '    classification: internal',
      '    stors: []',
      '    services:',
      '      - { name: api, tier: application, image: i, port: 443, secrets: { db: { secret: db, kee: password } } }',
      '    colour: blue',
      '',
    ].join('\n');
    const message = failure(() => parseAndValidate(yaml, 'zone.yaml', LANDING_ZONE_SCHEMA, 'DECLARATION_INVALID'));
    expect(message).toContain("zone.yaml:6:5: unknown field 'stors' in /workloads/0 (did you mean 'stores'?)");
    expect(message).toContain("unknown field 'kee' in /workloads/0/services/0/secrets/db (did you mean 'key'?)");
    expect(message).toMatch(/zone\.yaml:9:5: unknown field 'colour' in \/workloads\/0$/m);
  });

  test('a misspelt value of an enumeration suggests the allowed one; a far-off value only lists them', () => {
    const zone = (level: string) =>
      `name: zone\nprofile: morocco\nworkloads:\n  - name: records\n    classification: ${level}\n`;
    expect(failure(() => parseAndValidate(zone('secrt'), 'z.yaml', LANDING_ZONE_SCHEMA, 'DECLARATION_INVALID'))).toBe(
      `z.yaml:5:21: /workloads/0/classification must be one of "public", "internal", "personal", "sensitive", "secret" (did you mean 'secret'?)`,
    );
    expect(
      failure(() => parseAndValidate(zone('top-secret'), 'z.yaml', LANDING_ZONE_SCHEMA, 'DECLARATION_INVALID')),
    ).toMatch(/must be one of "public", "internal", "personal", "sensitive", "secret"$/);
    // In JSON, validated without the YAML parser, the suggestion is the same.
    const json = JSON.stringify({
      name: 'zone',
      profile: 'morocco',
      workloads: [{ name: 'a', classification: 'Secret' }],
    });
    expect(failure(() => parseAndValidate(json, 'z.json', LANDING_ZONE_SCHEMA, 'DECLARATION_INVALID'))).toContain(
      "(did you mean 'secret'?)",
    );
  });
});

describe('unknown names elsewhere in core', () => {
  test('a profile id', () => {
    expect(failure(() => builtinProfile('moroco'))).toBe(
      "unknown profile 'moroco' (did you mean 'morocco'?): use one of morocco, eu, or a profile file (FILE.json)",
    );
  });

  test("a suppression's control, with its rule kept, and a suppression's field", () => {
    const problems = suppressionProblemTexts([
      { id: 'LOG4', reason: 'a reason that is long' },
      { id: 'ENC-l/s3-bucket-cmk', reason: 'a reason that is long' },
      { id: 'XYZ-99', reason: 'a reason that is long' },
      { id: 'ENC-1', reason: 'a reason that is long', expire: '2027-01-01' },
    ]);
    expect(problems.map((p) => p.en)).toEqual([
      expect.stringMatching(/^suppressions\[0\]\.id must name a control .*, got "LOG4" \(did you mean 'LOG-4'\?\)$/),
      expect.stringMatching(/got "ENC-l\/s3-bucket-cmk" \(did you mean 'ENC-1\/s3-bucket-cmk'\?\)$/),
      expect.stringMatching(/got "XYZ-99"$/),
      "suppressions[3] has an unknown field 'expire' (did you mean 'expires'?)",
    ]);
    expect(problems[0].fr).toContain("(vouliez-vous dire 'LOG-4' ?)");
  });

  test('a command line option: --classification, --format', () => {
    expect(failure(() => checkPaths(['nothing.json'], { classification: 'secrt' as 'secret' }))).toBe(
      "--classification 'secrt' is not a level (did you mean 'secret'?): use public, internal, personal, sensitive or secret",
    );
    let stderr = '';
    expect(
      runCheck(['nothing.json'], { format: 'sarf' }, { stderr: (t) => (stderr += t), stdout: () => undefined }),
    ).toBe(2);
    expect(stderr).toBe(
      "sovereign-lz: --format 'sarf' is unknown (did you mean 'sarif'?): use text, json, markdown, sarif, html\n",
    );
  });

  test('a language', () => {
    expect(failure(() => parseLanguage('fre', '--lang'))).toBe(
      "--lang: unknown language 'fre' (did you mean 'fr'?); use one of en, fr",
    );
    expect(failure(() => parseLanguage('de', '--lang'))).toBe("--lang: unknown language 'de'; use one of en, fr");
  });
});
