import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  App,
  CfnResource,
  Stack,
  Stage,
  Tags,
  Validations,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EncryptedBucket } from '../../constructs/aws/encrypted-bucket';
import { SovereignLzValidation } from '../../constructs/aws/sovereign-lz-validation';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { TAG_KEYS, type ClassificationLevel, type Language } from '../../constructs/core';

// Each app is synthesized once for the whole file, with CDK's built-in CloudFormation schema
// plugin off (it costs ~3 s and ~350 MB per synth and is not what is tested here).

interface Synthesized {
  readonly app: App;
  readonly error?: Error;
  readonly printed: string;
  readonly report: ValidationReport;
}

interface ReportViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity?: string;
  readonly violatingConstructs: { readonly constructPath?: string; readonly resourceLogicalId?: string }[];
}

interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly conclusion: string;
    readonly metadata?: Record<string, string>;
    readonly violations: ReportViolation[];
    readonly suppressedViolations?: (ReportViolation & { readonly reason?: string })[];
  }[];
}

const dirs: string[] = [];

function newApp(): App {
  const outdir = mkdtempSync(join(tmpdir(), 'slz-validation-'));
  dirs.push(outdir);
  return new App({ outdir, builtinCloudFormationValidation: false });
}

/** Synthesizes `app` (CDK's report is printed to stderr: captured) and reads its validation report. */
function synthesize(app: App): Synthesized {
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    printed.push(args.join(' '));
  });
  let error: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  } finally {
    spy.mockRestore();
  }
  const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  return { app, error, printed: printed.join('\n'), report };
}

function ours(s: Synthesized): ValidationReport['pluginReports'][number] {
  const report = s.report.pluginReports.find((r) => r.pluginName === 'sovereign-lz');
  if (!report) throw new Error(`no sovereign-lz report in ${JSON.stringify(s.report)}`);
  return report;
}

/** `[rule, severity, construct path]` of each violating construct, sorted. */
function rows(violations: readonly ReportViolation[] | undefined): [string, string | undefined, string | undefined][] {
  return (violations ?? [])
    .flatMap((v) =>
      v.violatingConstructs.map((c): [string, string | undefined, string | undefined] => [
        v.ruleName,
        v.severity,
        c.constructPath,
      ]),
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** A plain stack (not a SovereignStack, which would refuse a forbidden region) at a level. */
function taggedStack(scope: App | Stage, id: string, region: string, level: string): Stack {
  const stack = new Stack(scope, id, { env: { account: '111111111111', region } });
  Tags.of(stack).add(TAG_KEYS.classification, level);
  return stack;
}

/** A bucket that breaks only ENC-1 (SSE-S3), unless `kms` (then a KMS key of its own). */
function bucket(scope: Stack, id: string, kms = false): s3.Bucket {
  return new s3.Bucket(scope, id, {
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    ...(kms ? { encryption: s3.BucketEncryption.KMS } : {}),
  });
}

const REASON = 'migrated from the legacy archive, re-encrypted in Q3';

let compliant: Synthesized;
let violating: Synthesized;

beforeAll(() => {
  // Compliant: a sovereign stack in an allowed region, and an escape hatch our suppression waives.
  const good = newApp();
  Validations.of(good).addPlugins(new SovereignLzValidation({ profile: 'morocco' }));
  const records = new SovereignStack(good, 'Records', {
    env: { account: '111111111111', region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  new EncryptedBucket(records, 'Documents');
  const waived = bucket(records, 'Legacy');
  (waived.node.defaultChild as CfnResource).addMetadata('sovereign-lz', {
    suppressions: [{ id: 'ENC-1', reason: REASON }],
  });
  compliant = synthesize(good);

  // Violating: ENC-1 in Paris, RES-1 in Virginia, an absolute rule in Paris, a Stage.
  const bad = newApp();
  Validations.of(bad).addPlugins(new SovereignLzValidation({ profile: 'morocco' }));
  const paris = taggedStack(bad, 'Paris', 'eu-west-3', 'internal');
  // A control id alone is not the rule id CDK matches: this acknowledges nothing.
  Validations.of(bucket(paris, 'Raw')).acknowledge({ id: 'sovereign-lz::ENC-1', reason: REASON });
  const acked = bucket(paris, 'Acked');
  Validations.of(acked).acknowledge({ id: 'sovereign-lz::ENC-1/s3-bucket-cmk', reason: REASON });
  const virginia = taggedStack(bad, 'Virginia', 'us-east-1', 'internal');
  bucket(virginia, 'Documents', true);
  const secrets = taggedStack(bad, 'Secrets', 'eu-west-3', 'sensitive');
  bucket(secrets, 'Registry', true);
  // An acknowledgement of an absolute rule: CDK refuses to apply it to a fatal violation.
  Validations.of(secrets).acknowledge({ id: 'sovereign-lz::RES-1/stack-region', reason: REASON });
  const prod = new Stage(bad, 'Prod', { env: { account: '111111111111', region: 'eu-west-3' } });
  bucket(taggedStack(prod, 'Store', 'eu-west-3', 'internal'), 'Raw');
  // A finding over the whole app (no SCP among its stacks) is acknowledged on the app.
  Validations.of(bad).acknowledge({ id: 'sovereign-lz::RES-4/region-deny-scp', reason: REASON });
  violating = synthesize(bad);
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test('a compliant app synthesizes; our suppression holds; warnings are reported without failing', () => {
  expect(compliant.error).toBeUndefined();
  const report = ours(compliant);
  expect(report.conclusion).toBe('success');
  // The waived bucket is no violation; the engine counted it as suppressed.
  expect(rows(report.violations).filter(([rule]) => rule.startsWith('ENC-1'))).toEqual([]);
  expect(Number(report.metadata?.suppressed)).toBeGreaterThanOrEqual(1);
  expect(report.metadata).toMatchObject({ profile: 'morocco', errors: '0' });
  // Residency was proven from the stack's environment (no cannot-prove RES-1).
  expect(rows(report.violations).filter(([rule]) => rule.startsWith('RES-1'))).toEqual([]);
  expect(new Set(report.violations.map((v) => v.severity))).toEqual(new Set(['warning']));
  expect(report.violations.map((v) => v.ruleName)).toEqual(
    expect.arrayContaining(['LOG-1/trail-present', 'RES-4/region-deny-scp']),
  );
});

test('a violating app fails synthesis, naming our rule and the construct path', () => {
  // In a test, CDK puts the whole report in the error; `cdk synth` prints it and exits 1.
  expect(violating.error?.message).toContain('(sovereign-lz)');
  expect(violating.error?.message).toContain('ENC-1/s3-bucket-cmk');
  expect(violating.error?.message).toContain('Paris/Raw/Resource');
  expect(ours(violating).conclusion).toBe('failure');
  expect(rows(ours(violating).violations).filter(([rule]) => rule.startsWith('ENC-1'))).toEqual([
    ['ENC-1/s3-bucket-cmk', 'error', 'Paris/Raw/Resource'],
    ['ENC-1/s3-bucket-cmk', 'error', 'Prod/Store/Raw/Resource'],
  ]);
});

test('each stack is judged in its own region: RES-1 in Virginia only, not in Paris', () => {
  const res1 = rows(ours(violating).violations).filter(([rule]) => rule === 'RES-1/stack-region');
  const virginia = res1.filter(([, , path]) => path?.startsWith('Virginia/'));
  expect(virginia.length).toBeGreaterThan(0);
  expect(new Set(virginia.map(([, severity]) => severity))).toEqual(new Set(['error']));
  expect(res1.filter(([, , path]) => path?.startsWith('Paris/') || path?.startsWith('Prod/'))).toEqual([]);
  const text = ours(violating).violations.find((v) => v.ruleName === 'RES-1/stack-region' && v.severity === 'error');
  expect(text?.description).toMatch(/us-east-1/);
});

test('an absolute rule is fatal: acknowledge() does not silence it', () => {
  const fatal = rows(ours(violating).violations).filter(([, severity]) => severity === 'fatal');
  expect(fatal.length).toBeGreaterThan(0);
  expect(fatal.every(([rule, , path]) => rule === 'RES-1/stack-region' && path?.startsWith('Secrets/'))).toBe(true);
  expect(rows(ours(violating).suppressedViolations).filter(([, , path]) => path?.startsWith('Secrets/'))).toEqual([]);
});

test("an acknowledged violation leaves the violations for CDK's suppressed list", () => {
  expect(rows(ours(violating).suppressedViolations)).toEqual([
    ['ENC-1/s3-bucket-cmk', 'error', 'Paris/Acked/Resource'],
    ['RES-4/region-deny-scp', 'warning', ''],
  ]);
  expect(ours(violating).violations.map((v) => v.ruleName)).not.toContain('RES-4/region-deny-scp');
  expect(
    rows(ours(violating).violations).filter(
      ([rule, , path]) => rule.startsWith('ENC-1') && path === 'Paris/Acked/Resource',
    ),
  ).toEqual([]);
});

/** The plugin context CDK would give for the root-level stacks `ids` of a synthesized app. */
function contextOf(s: Synthesized, ids: readonly string[], region?: string): IPolicyValidationContext {
  const manifest = JSON.parse(readFileSync(join(s.app.outdir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { environment: string; properties: { templateFile: string } }>;
  };
  const stackTemplates = ids.map((id) => {
    const [, account, stackRegion] = /^aws:\/\/([^/]+)\/(.+)$/.exec(manifest.artifacts[id].environment) ?? [];
    return {
      stackConstructPath: id,
      templatePath: join(s.app.outdir, manifest.artifacts[id].properties.templateFile),
      accountId: account,
      region: region ?? stackRegion,
    };
  });
  return { stackTemplates, templatePaths: stackTemplates.map((t) => t.templatePath), appConstruct: s.app };
}

function paths(report: PolicyValidationPluginReport): string[] {
  return [...new Set(report.violations.flatMap((v) => v.violatingResources.map((r) => r.constructPath ?? '')))].sort();
}

test('judges the stacks of its context only, not the rest of their cloud assembly', () => {
  const report = new SovereignLzValidation().validate(contextOf(violating, ['Paris']));
  expect(report.success).toBe(false);
  // '' is the whole input (no trail, no SCP among the stacks judged).
  expect(paths(report).every((p) => p === '' || p.startsWith('Paris/'))).toBe(true);
  expect(paths(report)).toEqual(expect.arrayContaining(['Paris/Raw/Resource', 'Paris/Acked/Resource']));
  // The plugin itself does not apply CDK's acknowledgements: CDK does, after it.
  expect(report.violations.find((v) => v.ruleName === 'ENC-1/s3-bucket-cmk')?.violatingResources).toHaveLength(2);
});

test("refuses to judge a stack whose environment in CDK's context is not its manifest's", () => {
  expect(() => new SovereignLzValidation().validate(contextOf(violating, ['Paris'], 'eu-west-1'))).toThrow(
    /^.*Paris\.template\.json: stack 'Paris' is in aws:\/\/111111111111\/eu-west-1 for CDK but aws:\/\/111111111111\/eu-west-3 in its manifest\.json: synthesize again$/,
  );
});

test('writes its descriptions in French on demand; rule ids stay', () => {
  const en = new SovereignLzValidation({ language: 'en' }).validate(contextOf(violating, ['Paris']));
  const fr = new SovereignLzValidation({ language: 'fr' }).validate(contextOf(violating, ['Paris']));
  expect(fr.violations.map((v) => v.ruleName)).toEqual(en.violations.map((v) => v.ruleName));
  const enc1 = (r: PolicyValidationPluginReport) => r.violations.find((v) => v.ruleName === 'ENC-1/s3-bucket-cmk');
  expect(enc1(en)?.description).toMatch(/^the data is encrypted with a provider-managed key/);
  expect(enc1(fr)?.description).toMatch(/^les données sont chiffrées avec une clé gérée par le fournisseur/);
});

test('refuses bad options when created, in one line', () => {
  expect(new SovereignLzValidation({ profile: 'eu' }).profile.id).toBe('eu');
  expect(() => new SovereignLzValidation({ profile: 'atlantis' })).toThrow(/atlantis/);
  expect(() => new SovereignLzValidation({ classification: 'top-secret' as ClassificationLevel })).toThrow(
    /^SovereignLzValidation: classification 'top-secret' is not a level: use public, internal, personal, sensitive or secret$/,
  );
  expect(() => new SovereignLzValidation({ language: 'de' as Language })).toThrow(
    /^SovereignLzValidation language: unknown language 'de'.*; use one of en, fr$/,
  );
});
