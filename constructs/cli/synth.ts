import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkPaths } from '../compliance/check';
import type { CheckResult } from '../compliance/normalize/model';
import { writeReports } from '../compliance/report/reports';
import {
  serializeProfile,
  serializeZoneSummary,
  SovereignLzError,
  suggestion,
  ZONE_SUMMARY_FILE,
  type Language,
} from '../core';
import { commandDirFor, writePlan, type Plan } from '../plan';
import type { AppModule, BuiltApp } from './app-definition';
import {
  buildEvidenceManifest,
  EVIDENCE_MANIFEST_FILE,
  serializeEvidenceManifest,
  type EvidenceManifest,
} from './evidence-manifest';
import { writeKubernetesManifests, type SiteManifests } from './gitops-manifests';
import { inputsHelp } from './help';
import {
  claimOutputDir,
  createStaging,
  discardStaging,
  OUTPUT_MARKER,
  outputMarker,
  recoverInterrupted,
  replaceOutput,
} from './output-dir';

/** Where the examples shipped with the repository live (lib/examples after the build). */
const EXAMPLES_DIR = resolve(__dirname, '..', '..', 'examples');

/** The example `npm run synth` synthesizes when no app is named. */
export const DEFAULT_EXAMPLE = 'morocco-public-sector';

/** Names of the examples that can be synthesized by name. */
export function exampleNames(): string[] {
  if (!existsSync(EXAMPLES_DIR)) return [];
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => existsSync(join(EXAMPLES_DIR, name, 'app.js')))
    .sort();
}

/** What `sovereign-lz synth --help` says APP may be, with the examples of this installation. */
export function synthInputsHelp(examples: readonly string[]): string {
  return inputsHelp(
    'APP, one of',
    [
      ...(examples.length
        ? [
            {
              what: `an example that ships with sovereign-lz: ${examples.join(', ')}`,
              example: `sovereign-lz synth ${examples.includes('eu-regulated') ? 'eu-regulated' : examples[0]} --out out-example`,
            },
          ]
        : []),
      {
        what: 'a landing-zone declaration, YAML or JSON (.yaml, .yml, .json; docs/landing-zone.md); its profile is a built-in id or a profile file (.json, relative to the declaration)',
        example: 'sovereign-lz synth zone.yaml --out out',
      },
      {
        what: 'an app module exporting build(context) (docs/getting-started.md): a JavaScript file, or a directory holding app.js',
        example: 'sovereign-lz synth dist/zone.js --out out',
      },
      {
        what: 'a TypeScript module (.ts, .mts, .cts) runs only with a TypeScript loader registered; otherwise compile it first',
        example: 'npx tsc && sovereign-lz synth dist/zone.js',
      },
    ],
    ['Also read: the profile file a declaration names.'],
  );
}

function directoryModule(dir: string): string {
  const js = join(dir, 'app.js');
  return existsSync(js) || !existsSync(join(dir, 'app.ts')) ? js : join(dir, 'app.ts');
}

/** The module file of an app reference: an example name, or a path to a JavaScript module. */
export function resolveAppModule(ref: string): string {
  if (/^[a-z0-9-]+$/.test(ref) && !existsSync(ref)) {
    const file = join(EXAMPLES_DIR, ref, 'app.js');
    if (existsSync(file)) return file;
    throw new SovereignLzError(
      'APP_UNKNOWN',
      exampleNames().length
        ? `unknown example '${ref}'${suggestion(ref, exampleNames())}: use one of ${exampleNames().join(', ')}, or a path to an app module (.js)`
        : `no example named '${ref}' in this installation: the examples are in the repository (examples/), not in the package; synthesize a declaration (sovereign-lz synth zone.yaml) or an app module (sovereign-lz synth ./my-zone.js), or start a project with sovereign-lz init my-zone`,
    );
  }
  const file = resolve(ref);
  if (!existsSync(file)) throw new SovereignLzError('APP_UNREADABLE', `${ref}: no such app module`);
  // A directory: its app.js, else (a project not compiled yet) its app.ts, which loadAppModule runs or refuses.
  const module = statSync(file).isDirectory() ? directoryModule(file) : file;
  // require() of a FIFO or a device would block or read forever.
  if (existsSync(module) && !statSync(module).isFile()) {
    throw new SovereignLzError('APP_UNREADABLE', `${ref}: not a regular file: give the app module's .js file`);
  }
  return module;
}

/** A TypeScript source file (`.ts`, `.mts`, `.cts`; not a declaration file). */
const TYPESCRIPT_MODULE = /(?<!\.d)\.[cm]?ts$/i;

/**
 * Node's errors for a TypeScript module it read as JavaScript (`Unexpected token ':'`, an
 * `import` statement in CommonJS) or could not strip the types of. With a TypeScript loader
 * registered for the extension (ts-node, tsx), a syntax error is the module's own.
 */
function cannotRunTypeScript(file: string, error: unknown): boolean {
  if (!TYPESCRIPT_MODULE.test(file)) return false;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' || code === 'ERR_REQUIRE_ESM' || code?.startsWith('ERR_UNSUPPORTED_')) {
    return true;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Node's own table of loaders, not jest's
  const loaders = (require('node:module') as { _extensions?: Record<string, unknown> })._extensions ?? {};
  const extension = /\.[cm]?ts$/i.exec(file)![0].toLowerCase();
  return (error as Error | undefined)?.name === 'SyntaxError' && !(extension in loaders);
}

/**
 * Loads an app module. A TypeScript module is run when this process can load it (a loader
 * such as ts-node is registered, or Node strips types), and refused otherwise with what to do:
 * Node alone reads it as JavaScript and would say only "Unexpected token".
 */
function loadAppModule(file: string): AppModule {
  let mod: Partial<AppModule>;
  try {
    // The app is a CommonJS module the user names at run time: require is the loader here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(file) as Partial<AppModule>;
  } catch (e) {
    if (e instanceof SovereignLzError) throw e;
    if (cannotRunTypeScript(file, e)) {
      throw new SovereignLzError(
        'APP_INVALID',
        `${file}: a TypeScript module, which Node cannot run as it is (${(e as Error).message.split('\n')[0]}): compile it first (tsc) and give the .js, or run sovereign-lz with a TypeScript loader registered (e.g. node -r ts-node/register node_modules/.bin/sovereign-lz synth …)`,
      );
    }
    throw new SovereignLzError(
      'APP_INVALID',
      `${file}: cannot load the app module: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  if (typeof mod.build !== 'function') {
    throw new SovereignLzError(
      'APP_INVALID',
      `${file}: an app module must export a function 'build' (see docs/getting-started.md)`,
    );
  }
  return mod as AppModule;
}

/** A landing-zone declaration file (YAML/JSON) as an app module. */
function declarationModule(file: string): AppModule {
  // Loaded on demand: the landing-zone facade loads aws-cdk-lib, which `check` never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadLandingZone } = require('../landing-zone') as typeof import('../landing-zone');
  return { build: (context) => loadLandingZone(file).build(context) };
}

/** Options of {@link synthesize}. */
export interface SynthOptions {
  /**
   * The language of the compliance reports' messages and prose, and of plan.md and plan.svg (`en` or `fr`).
   * @default 'en'
   */
  readonly language?: Language;
}

/**
 * aws-cdk-lib records the context lookups it could not do (availability zones of an explicit
 * account, VPC lookups…) and synthesizes with placeholders (`dummy1a`); the CDK CLI would ask
 * AWS, but this synth runs without credentials. Placeholders must never reach a plan: refuse.
 */
function refuseMissingLookups(manifestFile: string, app: string): void {
  if (!existsSync(manifestFile)) return;
  const missing = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { missing?: { key: string }[] }).missing ?? [];
  if (!missing.length) return;
  throw new SovereignLzError(
    'APP_LOOKUPS',
    `${app}: the AWS app needs context lookups that sovereign-lz synth does not perform (no AWS access): ${missing
      .map((m) => m.key)
      .sort()
      .join(', ')}; give them in the app's context or cdk.context.json (see docs/landing-zone.md, availabilityZones)`,
  );
}

/**
 * Lets the event loop turn, so that a pending SIGINT or SIGTERM is handled (the CLI's handler
 * removes the staging directory and exits). Building and checking are synchronous, and the
 * rest resolves in microtasks: without these turns, a Ctrl-C would wait for the whole synth.
 */
const yieldToSignals = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a synth wrote. */
export interface SynthResult {
  readonly outDir: string;
  readonly profileId: string;
  /** Files written, relative to `outDir`, sorted. */
  readonly files: readonly string[];
  /** The compliance check of what was written (also in `compliance.json`, `.md`, `.sarif`). */
  readonly compliance: CheckResult;
  /** The deployment plan (also in `plan.json`, `plan.md`, `plan.svg`). */
  readonly plan: Plan;
  /** The evidence manifest (also in `evidence-manifest.json`): every file's SHA-256, every template's canonical hash. */
  readonly evidence: EvidenceManifest;
  /** Each Terraform stack's plain manifests (`kubernetes/manifests/<stack>/`), or why they were not written. */
  readonly manifests: readonly SiteManifests[];
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/**
 * The context the AWS CDK CLI gives an app (through CDK_CONTEXT_JSON), so that `sovereign-lz
 * synth` and `cdk synth` write the same templates: each resource's construct path in its
 * Metadata (`aws:cdk:path`), which findings cite, and no version-reporting resource.
 */
const CDK_CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': false,
};

/**
 * Runs `fn` with the CDK CLI's context and without stack traces (unless SOVEREIGN_LZ_DEBUG is
 * set). aws-cdk-lib writes traces into the cloud assembly (creation stacks, acknowledgments)
 * with local file paths, so without them the output is identical on every machine. cdktf
 * captures a full trace for every token it creates, forcing the limit to its maximum, into a
 * plain object it never shows unless resolution fails; formatting those traces as '' took a
 * third of the construction time of a large zone and half its memory. An Error keeps its
 * "Name: message" line.
 */
async function asCdkCli<T>(fn: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  const context = process.env.CDK_CONTEXT_JSON;
  if (!process.env.SOVEREIGN_LZ_DEBUG) {
    Error.stackTraceLimit = 0;
    Error.prepareStackTrace = (error: unknown) => (error instanceof Error ? String(error) : '');
  }
  process.env.CDK_CONTEXT_JSON = JSON.stringify({ ...(context ? JSON.parse(context) : {}), ...CDK_CLI_CONTEXT });
  try {
    return await fn();
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
    if (context === undefined) delete process.env.CDK_CONTEXT_JSON;
    else process.env.CDK_CONTEXT_JSON = context;
  }
}

/**
 * Synthesizes an app into `outDir`: `aws/` (the cloud assembly), `kubernetes/` (cdktf's
 * Terraform stacks, `stacks/<name>/cdk.tf.json`, and the same objects as plain manifests,
 * `manifests/<name>/`, see gitops-manifests.ts), `profile.json`, and the compliance reports
 * of those artifacts (`compliance.json`, `.md`, `.sarif`, `.html`), the
 * deployment plan (`plan.json`, `plan.md`, `plan.svg`) and, last, the evidence manifest of
 * them all (`evidence-manifest.json`, see evidence-manifest.ts). Writes
 * into a temporary sibling directory and renames it into place, so that a failure never
 * leaves a half-written `outDir` and an earlier output stays intact. `outDir` must be absent,
 * empty or an earlier output (see output-dir.ts): anything else is refused before the app runs
 * (`OUTPUT_REFUSED`).
 */
export async function synthesize(appRef: string, outDir: string, options: SynthOptions = {}): Promise<SynthResult> {
  const declaration = /\.(ya?ml|json)$/i.test(appRef);
  const file = declaration ? resolve(appRef) : resolveAppModule(appRef);
  // Before anything runs: the output must be ours to replace (output-dir.ts).
  const claim = () => claimOutputDir(outDir, { protect: [file] });
  const target = claim();
  recoverInterrupted(target);
  const mod = declaration ? declarationModule(file) : loadAppModule(file);
  const staging = createStaging(target);
  try {
    await yieldToSignals();
    const built = await asCdkCli(async () => {
      const result: BuiltApp = await mod.build({
        awsOutdir: join(staging, 'aws'),
        kubernetesOutdir: join(staging, 'kubernetes'),
      });
      if (!result || typeof result !== 'object' || !result.profile) {
        throw new SovereignLzError('APP_INVALID', `${file}: build() must return { profile, aws }`);
      }
      result.aws?.synth();
      result.kubernetes?.synth();
      return result;
    });
    await yieldToSignals();
    refuseMissingLookups(join(staging, 'aws', 'manifest.json'), file);
    // Before the check, which lists them as the same objects as the Terraform stacks.
    const manifests = writeKubernetesManifests(staging);
    writeFileSync(join(staging, 'profile.json'), serializeProfile(built.profile));
    if (built.zone) writeFileSync(join(staging, ZONE_SUMMARY_FILE), serializeZoneSummary(built.zone));
    // The same engine as `sovereign-lz check`, on what was just written; file paths in the
    // reports are relative to the output directory, wherever it lives.
    const compliance = checkPaths([staging], { profile: built.profile, cwd: staging, language: options.language });
    writeReports(compliance, staging);
    await yieldToSignals();
    // Built in the staging directory; its commands name the final one.
    const { plan } = await writePlan(staging, compliance, {
      commandDir: commandDirFor(target),
      language: options.language,
    });
    await yieldToSignals();
    // The marker is written now rather than only by replaceOutput (which writes it again, with
    // the same bytes), so that the manifest lists every file of the output.
    writeFileSync(join(staging, OUTPUT_MARKER), outputMarker());
    // Last: it hashes everything written before it, and never lists itself.
    const evidence = buildEvidenceManifest(staging);
    writeFileSync(join(staging, EVIDENCE_MANIFEST_FILE), serializeEvidenceManifest(evidence));
    const files = listFiles(staging).filter((f) => f !== OUTPUT_MARKER);
    // mkdtemp creates the directory private (0700); the output is an ordinary directory.
    chmodSync(staging, 0o777 & ~process.umask());
    replaceOutput(staging, target, claim);
    return { outDir: target, profileId: built.profile.id, files, compliance, plan, evidence, manifests };
  } catch (e) {
    discardStaging(staging);
    throw e;
  }
}
