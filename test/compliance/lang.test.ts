import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths, type CheckOptions } from '../../constructs/compliance/check';
import { notAssessedType, NOT_ASSESSED_RULE } from '../../constructs/compliance/judge/engine';
import type { CheckResult, Finding } from '../../constructs/compliance/normalize/model';
import { formatJson } from '../../constructs/compliance/report/report-json';
import { formatMarkdown } from '../../constructs/compliance/report/report-markdown';
import { formatSarif } from '../../constructs/compliance/report/report-sarif';
import { formatText } from '../../constructs/compliance/report/report-text';
import { RULES } from '../../constructs/compliance/rules';
import { decidePlacementText } from '../../constructs/core';
import {
  builtinProfile,
  CONTROLS,
  decidePlacement,
  requirementOf,
  type JurisdictionProfile,
} from '../../constructs/core';
import { writeCorpus } from './helpers/lang-corpus';
import { isObservedValue } from '../../constructs/compliance/judge/evidence';
import { on, template } from './helpers/judge';
import { sarifValidator } from './helpers/report-fixtures';

// Every message is written in English and French side by side: the same run in both
// languages gives the same findings (ids, rules, resources, files, lines), with messages and
// remediations in each language.

const work = mkdtempSync(join(tmpdir(), 'slz-lang-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const files = writeCorpus(work);

const OPTIONS: CheckOptions = { cwd: work, classification: 'sensitive', region: 'eu-west-3', today: '2026-01-01' };

const runs = files.map((file) => ({
  file,
  en: checkPaths([file], { ...OPTIONS, language: 'en' }),
  fr: checkPaths([file], { ...OPTIONS, language: 'fr' }),
}));

/** What must not change with the language: everything but the prose. */
function identity(f: Finding) {
  const { message: _m, remediation: _r, justification, ...rest } = f;
  return { ...rest, justified: justification !== undefined };
}

test('the corpus breaks every rule of the engine at least once', () => {
  const found = new Set(runs.flatMap((r) => r.en.findings.map((f) => f.rule)));
  expect([...RULES.map((r) => r.id), NOT_ASSESSED_RULE].filter((id) => !found.has(id))).toEqual([]);
});

test('every finding of the corpus, of every rule, carries what its rule observed', () => {
  const bare = runs
    .flatMap((r) => r.en.findings)
    .filter((f) => !Object.values(f.evidence ?? {}).some(isObservedValue))
    .map((f) => `${f.rule} ${f.file} ${f.resource}`);
  expect(bare).toEqual([]);
  // The facts are data, never prose: the same in both languages (the test below compares them whole).
  expect(runs.flatMap((r) => r.en.findings).filter((f) => f.evidence?.unobserved)).toEqual([]);
});

test.each(runs.map((r) => [r.file, r] as const))(
  '%s: the same findings in French, each message and remediation in French',
  (_file, { en, fr }) => {
    expect(en.language).toBe('en');
    expect(fr.language).toBe('fr');
    expect(fr.findings.map(identity)).toEqual(en.findings.map(identity));
    expect(fr.summary).toEqual(en.summary);
    expect(fr.passes).toEqual(en.passes);
    fr.findings.forEach((f, i) => {
      const english = en.findings[i];
      expect({ rule: f.rule, resource: f.resource, fr: f.message }).not.toEqual({
        rule: f.rule,
        resource: f.resource,
        fr: english.message,
      });
      expect(f.message.trim()).not.toBe('');
      expect(f.remediation).not.toBe(english.remediation);
    });
  },
);

test('French messages leave no English sentence behind (profile data aside)', () => {
  const english = / (is|are) not | cannot be proven|^the | and no |: the /;
  const leftovers = runs
    .flatMap((r) => r.fr.findings)
    // The descriptions of a profile's levels and attestations are the profile's own words.
    .map((f) => ({ rule: f.rule, message: f.message.replace(/\((?:[^()]|\([^()]*\))*\)/g, '()') }))
    .filter((f) => f.rule !== 'JUR-1/attestations' && english.test(f.message));
  expect(leftovers).toEqual([]);
});

test('every rule has a French title and remediation, different from the English ones', () => {
  for (const rule of RULES) {
    expect({ id: rule.id, title: rule.title.fr.trim() !== '', remediation: rule.remediation.fr.trim() !== '' }).toEqual(
      { id: rule.id, title: true, remediation: true },
    );
    expect({ id: rule.id, title: rule.title.fr }).not.toEqual({ id: rule.id, title: rule.title.en });
    expect({ id: rule.id, remediation: rule.remediation.fr }).not.toEqual({
      id: rule.id,
      remediation: rule.remediation.en,
    });
  }
});

test('every control has a French requirement', () => {
  for (const control of CONTROLS) {
    expect(control.requirementFr.trim()).not.toBe('');
    expect(requirementOf(control, 'fr')).not.toBe(requirementOf(control, 'en'));
  }
});

test("the rules of a result carry the titles and remediations of the run's language", () => {
  const { en, fr } = runs[0];
  const key = (r: CheckResult) => r.rules.map((rule) => rule.id);
  expect(key(fr)).toEqual(key(en));
  const title = (r: CheckResult, id: string) => r.rules.find((rule) => rule.id === id)?.title;
  expect(title(fr, 'ENC-1/s3-bucket-cmk')).toBe('Les compartiments S3 sont chiffrés avec une clé gérée par le client');
  expect(title(en, 'ENC-1/s3-bucket-cmk')).toBe('S3 buckets are encrypted with a customer-managed key');
});

test('the type of a not-assessed finding is read from its message in either language', () => {
  for (const { en, fr } of runs) {
    const types = (r: CheckResult) =>
      r.findings.filter((f) => f.status === 'not-assessed').map((f) => notAssessedType(f));
    expect(types(fr)).toEqual(types(en));
  }
  expect(runs[0].fr.findings.filter((f) => f.status === 'not-assessed').map(notAssessedType)).toEqual([
    'AWS::AppMesh::Mesh',
  ]);
});

describe('suppressions and built-in exceptions', () => {
  const bucket = (suppressions: unknown[]) => ({
    Type: 'AWS::S3::Bucket',
    Metadata: { 'sovereign-lz': { suppressions } },
  });
  const doc = template({
    Waived: bucket([{ id: 'LOG-4', reason: 'logged by the SIEM agent', expires: '2027-01-01' }]),
    Expired: bucket([{ id: 'LOG-4', reason: 'logged by the SIEM agent', expires: '2025-01-01' }]),
    Logs: { Type: 'AWS::S3::Bucket' },
    Data: {
      Type: 'AWS::S3::Bucket',
      Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } },
    },
  });
  const fr = (d: Record<string, unknown>) => checkInFrench(d);

  test('a valid suppression keeps its reason, with its expiry in French', () => {
    expect(on(fr(doc), 'LOG-4/s3-access-logging', 'Waived')[0].justification).toBe(
      "logged by the SIEM agent (jusqu'au 2027-01-01)",
    );
  });

  test('an expired suppression is said so in French', () => {
    expect(on(fr(doc), 'LOG-4/s3-access-logging', 'Expired')[0].message).toMatch(
      /\(dérogation expirée le 2025-01-01\)$/,
    );
  });

  test('a built-in exception is justified in French', () => {
    expect(on(fr(doc), 'ENC-1/s3-bucket-cmk', 'Logs')[0].justification).toMatch(
      /^exception intégrée : les journaux d'accès au serveur S3 .* \(de 'Data'\)$/,
    );
  });
});

/** Checks a template document in French (level internal assumed, region eu-west-3). */
function checkInFrench(doc: Record<string, unknown>): CheckResult {
  const dir = mkdtempSync(join(work, 'doc-'));
  writeFileSync(join(dir, 'doc.template.json'), JSON.stringify(doc, null, 1));
  return checkPaths(['doc.template.json'], {
    cwd: dir,
    classification: 'internal',
    region: 'eu-west-3',
    today: '2026-11-22',
    language: 'fr',
  });
}

describe('placement decisions in French', () => {
  const morocco = builtinProfile('morocco');
  const withSite: JurisdictionProfile = {
    ...morocco,
    sites: [{ name: 'ma-casablanca-1', country: 'MA', regionValues: ['ma-casa'], zoneValues: [] }],
  } as JurisdictionProfile;
  const cases: Array<[string, Parameters<typeof decidePlacement>]> = [
    ['a region off the level list', [morocco, 'sensitive', { kind: 'cloud-region', region: 'eu-west-3' }]],
    ['an unknown country', [morocco, 'internal', { kind: 'cloud-region', region: 'xx-nowhere-9' }]],
    ['an allowed region', [morocco, 'public', { kind: 'cloud-region', region: 'eu-west-3' }]],
    ['a site', [withSite, 'sensitive', { kind: 'site', site: withSite.sites[0] }]],
  ];
  test.each(cases)('%s: the English is the decision’s own; the French differs', (_name, args) => {
    const decision = decidePlacement(...args);
    const text = decidePlacementText(...args);
    expect(text.decision).toEqual(decision);
    expect(text.reason.en).toBe(decision.reason);
    expect(text.reason.fr).not.toBe(decision.reason);
    expect(text.reason.fr).toMatch(/^le (niveau|pays) /);
    expect(text.remedy?.en).toBe(decision.remedy);
    if (decision.remedy) expect(text.remedy?.fr).not.toBe(decision.remedy);
    expect(text.advisories.map((a) => a.en)).toEqual(decision.advisories);
  });
});

describe('reports in French', () => {
  const { en, fr } = runs[0];

  test('the text report: requirements, severities, verdict and summary in French', () => {
    const text = formatText(fr);
    expect(text).toContain('ENC-1  Les données au repos sont chiffrées avec une clé gérée par le client');
    expect(text).toContain('  erreur  ENC-1/s3-bucket-cmk  bad.template.json  Data');
    expect(text).toContain('      correction : Définir BucketEncryption à aws:kms');
    expect(text).toMatch(/^profil 'morocco' : \d+ ressources, \d+ contrôles réussis, \d+ erreurs, /m);
    expect(text).toMatch(/^ÉCHEC : \d+ erreurs sans dérogation$/m);
    expect(text).toContain('Non évalué : aucune règle ne connaît ces types, à examiner à la main (1)');
    expect(formatText(en)).toMatch(/^FAILED: \d+ unsuppressed errors$/m);
  });

  test('the evidence matrix: headings, columns, statuses and summary in French', () => {
    const md = formatMarkdown(fr, { toolVersion: '1.0.0' });
    expect(md.startsWith('# Matrice des preuves de conformité\n')).toBe(true);
    for (const heading of [
      '## Synthèse',
      '## Contrôles',
      '### ENC-1 : Les données au repos sont chiffrées avec une clé gérée par le client',
      '## Non évalués',
      '## Contrôles manuels (JUR-1)',
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain('- **Profil :** ');
    expect(md).toMatch(/- \*\*Verdict :\*\* \*\*ÉCHEC\*\* : \d+ erreurs sans dérogation/);
    expect(md).toContain(
      '| contrôle | exigence | verdict | non conforme | non prouvable | dérogation | conforme | sans objet |',
    );
    expect(md).toContain('| ressource | fichier | chemin de construction | règle | statut | observé | constat |');
    expect(md).toContain('**non conforme (erreur)**');
    expect(md).toContain('**ouverte** : non attestée');
    expect(md).not.toMatch(/\| (fail|pass|suppressed|not-applicable) \|/);
    // Ids are never translated.
    expect(md).toContain('`ENC-1/s3-bucket-cmk`');
    expect(formatMarkdown(en, { toolVersion: '1.0.0' }).startsWith('# Compliance evidence matrix\n')).toBe(true);
  });

  test('SARIF: messages, rule descriptions and help in French, valid against the schema', () => {
    const log = JSON.parse(formatSarif(fr, { toolVersion: '1.0.0' }));
    expect(sarifValidator()(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.language).toBe('fr');
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'ENC-1/s3-bucket-cmk');
    expect(rule.shortDescription.text).toBe('Les compartiments S3 sont chiffrés avec une clé gérée par le client.');
    expect(rule.help.markdown).toContain('**Correction :** Définir BucketEncryption');
    expect(rule.properties.requirement).toBe('Les données au repos sont chiffrées avec une clé gérée par le client');
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'RES-2/s3-replication-region');
    expect(result.message.text).toMatch(/^Data : non prouvable : réplication vers /);
    expect(JSON.parse(formatSarif(en)).runs[0].language).toBe('en');
  });

  test('JSON: the same keys and values but the prose', () => {
    const [jsonEn, jsonFr] = [JSON.parse(formatJson(en)), JSON.parse(formatJson(fr))];
    expect(Object.keys(jsonFr)).toEqual(Object.keys(jsonEn));
    expect(jsonFr.findings.map((f: object) => Object.keys(f))).toEqual(
      jsonEn.findings.map((f: object) => Object.keys(f)),
    );
    const prose = ({ message: _m, remediation: _r, ...rest }: Record<string, unknown>) => rest;
    expect(jsonFr.findings.map(prose)).toEqual(jsonEn.findings.map(prose));
    expect(jsonFr.summary).toEqual(jsonEn.summary);
  });
});
