import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `--lang en|fr` translates messages and reports, never ids or keys; an unknown language is
// a usage error (exit 2, one line). The CLI as a user runs it: the compiled bin.
const root = join(__dirname, '..', '..');
const bin = join(root, 'lib', 'constructs', 'cli', 'main.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SOVEREIGN_LZ_DEBUG: '', SOVEREIGN_LZ_LANG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-cli-lang-'));
  writeFileSync(
    join(work, 'queue.template.json'),
    JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' }, Fn: { Type: 'AWS::Lambda::Function' } } }),
  );
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const CHECK = ['check', 'queue.template.json', '--classification', 'internal', '--region', 'eu-west-3'];

test('check --lang de exits 2 with one line naming the languages', () => {
  const r = cli([...CHECK, '--lang', 'de'], work);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe("sovereign-lz: --lang: unknown language 'de'; use one of en, fr\n");
});

test('check --lang fr --format json: the same keys and ids, the messages in French', () => {
  const en = cli([...CHECK, '--format', 'json'], work);
  const fr = cli([...CHECK, '--format', 'json', '--lang', 'fr'], work);
  expect(fr.status).toBe(en.status);
  expect(fr.status).toBe(1);
  const [a, b] = [JSON.parse(en.stdout), JSON.parse(fr.stdout)];
  expect(Object.keys(b)).toEqual(Object.keys(a));
  expect(b.findings.map((f: object) => Object.keys(f))).toEqual(a.findings.map((f: object) => Object.keys(f)));
  const ids = (f: Record<string, unknown>) => [f.control, f.rule, f.status, f.severity, f.resource, f.file, f.source];
  expect(b.findings.map(ids)).toEqual(a.findings.map(ids));
  const queue = (doc: { findings: Array<Record<string, string>> }) =>
    doc.findings.find((f) => f.rule === 'ENC-1/sqs-cmk')!;
  expect(queue(a).message).toContain('the data is encrypted with a provider-managed key');
  expect(queue(b).message).toContain('les données sont chiffrées avec une clé gérée par le fournisseur');
  expect(queue(b).remediation).toBe('Définir KmsMasterKeyId sur une clé gérée par le client');
});

test('check --lang fr prints the text report in French; --output says so in French', () => {
  const r = cli([...CHECK, '--lang', 'fr'], work);
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('ENC-1  Les données au repos sont chiffrées avec une clé gérée par le client');
  expect(r.stdout).toMatch(/^ÉCHEC : \d+ erreurs? sans dérogation$/m);
  const written = cli([...CHECK, '--lang', 'fr', '--format', 'markdown', '--output', 'report.md'], work);
  expect(written.stderr).toMatch(/^sovereign-lz: report\.md écrit : \d+ erreur\(s\)/);
  expect(readFileSync(join(work, 'report.md'), 'utf8')).toMatch(/^# Matrice des preuves de conformité\n/);
});

test('synth --lang de exits 2 before building anything', () => {
  const r = cli(['synth', join(work, 'missing.js'), '--out', join(work, 'out'), '--lang', 'de'], work);
  expect(r.status).toBe(2);
  expect(r.stderr).toBe("sovereign-lz: --lang: unknown language 'de'; use one of en, fr\n");
  expect(existsSync(join(work, 'out'))).toBe(false);
});

test('synth --lang fr writes the reports in French and gives the language to the app', () => {
  const app = join(work, 'app.js');
  const seen = join(work, 'lang-seen.txt');
  writeFileSync(
    app,
    `const { writeFileSync } = require('node:fs');
const { App, aws_sqs } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});
const { SovereignStack } = require(${JSON.stringify(join(root, 'lib', 'constructs', 'aws'))});
const { builtinProfile } = require(${JSON.stringify(join(root, 'lib', 'constructs', 'core'))});
exports.build = ({ awsOutdir }) => {
  writeFileSync(${JSON.stringify(seen)}, process.env.SOVEREIGN_LZ_LANG || '');
  const app = new App({ outdir: awsOutdir });
  const stack = new SovereignStack(app, 'Records', { env: { region: 'eu-west-3' }, profile: 'morocco', classification: 'internal' });
  new aws_sqs.CfnQueue(stack, 'Queue');
  return { profile: builtinProfile('morocco'), aws: app };
};
`,
  );
  const out = join(work, 'out');
  const r = cli(['synth', app, '--out', out, '--lang', 'fr'], work);
  expect(r.stderr).toContain("sovereign-lz: la zone d'atterrissage synthétisée enfreint");
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/synthétisé sous le profil 'morocco'/);
  expect(readFileSync(seen, 'utf8')).toBe('fr');
  expect(readFileSync(join(out, 'compliance.md'), 'utf8')).toMatch(/^# Matrice des preuves de conformité\n/);
  const json = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8'));
  expect(Object.keys(json)).toEqual([
    'schemaVersion',
    'profile',
    'findings',
    'passes',
    'inputs',
    'summary',
    'noData',
    'paths',
  ]);
  const queue = json.findings.find((f: { rule: string }) => f.rule === 'ENC-1/sqs-cmk');
  expect(queue.message).toMatch(/^les données sont chiffrées avec une clé gérée par le fournisseur/);
  const sarif = JSON.parse(readFileSync(join(out, 'compliance.sarif'), 'utf8'));
  expect(sarif.runs[0].language).toBe('fr');
  const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'ENC-1/sqs-cmk');
  expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  // The plan beside the reports: plan.md and plan.svg in French, plan.json the contract in English.
  const plan = readFileSync(join(out, 'plan.md'), 'utf8');
  expect(plan).toMatch(/^# Plan de déploiement : /);
  expect(plan).toContain(
    '| # | Unité | Type | Cible | Résidence | Classification | Ressources | Conformité | Artefact |',
  );
  expect(plan).toContain(
    "| 1 | Records | cloudformation | le compte qui déploie, eu-west-3 · Paris, FR | à l'étranger | internal |",
  );
  expect(plan).toContain('\nnpx cdk deploy --app out/aws Records\n');
  expect(plan).not.toMatch(/Deployment plan|## Commands|the deploying account/);
  expect(readFileSync(join(out, 'plan.svg'), 'utf8')).toContain('sous le profil morocco');
  const planJson = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
  expect(planJson.units[0]).toMatchObject({
    id: 'Records',
    residency: 'abroad',
    compliance: { status: 'fails' },
    target: { description: 'the deploying account, eu-west-3 · Paris, FR' },
  });
});
