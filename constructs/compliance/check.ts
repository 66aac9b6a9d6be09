import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import {
  builtinProfile,
  CLASSIFICATION_LEVELS,
  readBoundedFile,
  isClassificationLevel,
  loadProfileFile,
  resolveProfile,
  SovereignLzError,
  suggestion,
  type ClassificationLevel,
  type JurisdictionProfile,
} from '../core';
import { runRules, type EngineOptions } from './judge/engine';
import type { CheckInput, CheckResult, InputDigest } from './normalize/model';
import { readInputs } from './read/read-inputs';
import { displayPath } from './read/read-options';
import { DEFAULT_MAX_FILE_BYTES } from './read/input-files';
import type { Rule } from './judge/rule';
import { RULES } from './rules';

/** Options of {@link checkPaths}: the flags of `sovereign-lz check`. */
export interface CheckOptions extends EngineOptions {
  /**
   * The profile: a built-in id (`morocco`, `eu`), a profile file (`FILE.json`), or an object.
   * @default - the `profile.json` of a synth output among the paths, else `morocco`
   */
  readonly profile?: string | JurisdictionProfile;
  /**
   * The level of resources that carry no classification (CLS-1 then warns "assumed LEVEL").
   * @default - none: CLS-1 is an error and level-dependent rules cannot prove anything
   */
  readonly classification?: ClassificationLevel;
  /**
   * The region of templates without a cloud-assembly environment (reported as info).
   * @default - none: their residency cannot be proven
   */
  readonly region?: string;
  /**
   * The directory that file paths in findings are relative to.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * The largest input file read, in bytes: a larger one is an `INPUT_TOO_LARGE` error. A file
   * read as YAML may hold an eighth of it (YAML takes eight times the memory of JSON).
   * @default DEFAULT_MAX_FILE_BYTES (100 MiB)
   */
  readonly maxFileBytes?: number;
  /**
   * Called with the path of every file read (artifacts, manifests, the synth output's profile).
   * @default - nothing is called
   */
  readonly onRead?: (file: string) => void;
  /**
   * `--var-file`: Terraform variable definitions files (`.tfvars`, `.tfvars.json`), in the
   * order given (later ones win over earlier ones, and over the files Terraform loads itself).
   * @default - none
   */
  readonly varFiles?: readonly string[];
  /**
   * The environment Terraform would run in, for `TF_VAR_<name>` variables.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The rules to run.
   * @default - every rule of the engine
   */
  readonly rules?: readonly Rule[];
}

const REGION_CODE = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/** The profile of a run: the one given, else the synth output's, else `morocco`. */
export function profileFor(
  input: CheckInput,
  given: CheckOptions['profile'],
  onRead?: (file: string) => void,
): JurisdictionProfile {
  if (given !== undefined) return resolveProfile(given);
  if (input.profileFile) {
    onRead?.(input.profileFile);
    return loadProfileFile(input.profileFile);
  }
  return builtinProfile('morocco');
}

/** Throws a usage error if an option is not one `check` accepts. */
export function validateCheckOptions(options: CheckOptions): void {
  if (options.classification !== undefined && !isClassificationLevel(options.classification)) {
    throw new SovereignLzError(
      'USAGE',
      `--classification '${String(options.classification)}' is not a level${suggestion(String(options.classification), CLASSIFICATION_LEVELS)}: use public, internal, personal, sensitive or secret`,
    );
  }
  if (options.region !== undefined && !REGION_CODE.test(options.region)) {
    throw new SovereignLzError('USAGE', `--region '${options.region}' is not an AWS region code (e.g. eu-west-3)`);
  }
  const max = options.maxFileBytes;
  if (max !== undefined && !(Number.isFinite(max) && max > 0)) {
    throw new SovereignLzError('USAGE', `--max-file-size '${String(max)}' is not a positive size`);
  }
}

/** Judges already-read input (for tests and in-process callers). */
export function checkInput(input: CheckInput, profile: JurisdictionProfile, options: CheckOptions = {}): CheckResult {
  return runRules(input, profile, options.rules ?? RULES, options);
}

/**
 * Reads the artifacts under `paths` (templates, cloud assemblies, synth outputs) and judges
 * them under the profile: the engine behind `sovereign-lz check`. Throws a one-line
 * {@link SovereignLzError} on bad options or input (unknown profile, missing or malformed file).
 *
 * @example
 * const result = checkPaths(['out/'], { classification: 'internal' });
 * if (result.summary.errors) process.exitCode = 1;
 */
export function checkPaths(paths: readonly string[], options: CheckOptions = {}): CheckResult {
  validateCheckOptions(options);
  // A profile given by the caller is resolved first, so that a bad one is reported before the input is read.
  const given = options.profile !== undefined ? resolveProfile(options.profile) : undefined;
  const cwd = options.cwd ?? process.cwd();
  const read = new Set<string>();
  const onRead = (file: string): void => {
    read.add(resolve(cwd, file));
    options.onRead?.(file);
  };
  const input = readInputs(paths, {
    cwd,
    region: options.region,
    classification: options.classification,
    maxFileBytes: options.maxFileBytes,
    onRead,
    varFiles: options.varFiles,
    env: options.env,
  });
  const result = checkInput(input, given ?? profileFor(input, undefined, onRead), options);
  // What was read and passed over (an earlier report, a plan) informed nothing: it has no digest.
  const skipped = new Set(input.skipped.map((k) => k.file));
  const judged = [...read].filter((file) => !skipped.has(displayPath(file, { cwd })));
  return { ...result, inputDigests: digestsOf(judged, cwd, options.maxFileBytes) };
}

/**
 * The SHA-256 of each file read, sorted by the path shown. The files are hashed once the check
 * has read them, with the same bound (a file that changed in between is the user's race).
 */
function digestsOf(files: readonly string[], cwd: string, maxBytes = DEFAULT_MAX_FILE_BYTES): InputDigest[] {
  return files
    .map((file) => {
      const shown = displayPath(file, { cwd });
      const bytes = readBoundedFile(file, {
        maxBytes,
        shown,
        unreadableCode: 'INPUT_UNREADABLE',
        limitText: 'for one input file (raise it with --max-file-size MB)',
      });
      return { file: shown, sha256: createHash('sha256').update(bytes).digest('hex') };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
