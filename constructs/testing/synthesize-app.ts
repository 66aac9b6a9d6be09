import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BuiltApp, SynthContext } from '..';
import { serializeProfile, serializeZoneSummary, SovereignLzError, ZONE_SUMMARY_FILE } from '../core';

/**
 * Synthesizes an app in the test's own process into a synth output directory, laid out as
 * `sovereign-lz synth` lays it out: `aws/` (the cloud assembly), `kubernetes/` (the Terraform
 * stacks), `profile.json` and, for a landing-zone declaration, `landing-zone.json` — what
 * {@link architectureSnapshot}, {@link planOf} and `checkPaths` read. `build` is an app module's
 * `build` (the contract of `sovereign-lz synth`): it gets the directories to create its apps in.
 * Loads no framework: the app brings its own. Writes no report and no plan (the snapshot and
 * `planOf` judge the artifacts themselves). The templates carry no `aws:cdk:path` metadata
 * (the CDK CLI adds it): construct paths come from the cloud assembly's metadata, as `check` reads them.
 *
 * @param build - an app module's `build`, synchronous
 * @param outDir - an absent or empty directory; by default a new directory under `os.tmpdir()` (yours to remove)
 * @returns the output directory (absolute)
 *
 * @example
 * const out = synthesizeApp((context) => new LandingZone(zone).build(context));
 * expect(architectureSnapshot(out)).toMatchSnapshot();
 */
export function synthesizeApp(build: (context: SynthContext) => BuiltApp, outDir?: string): string {
  const dir = resolve(outDir ?? mkdtempSync(join(tmpdir(), 'sovereign-lz-synth-')));
  if (existsSync(dir) && readdirSync(dir).length) {
    throw new SovereignLzError('USAGE', `${outDir}: not empty: synthesizeApp writes into an absent or empty directory`);
  }
  mkdirSync(dir, { recursive: true });
  const built = build({ awsOutdir: join(dir, 'aws'), kubernetesOutdir: join(dir, 'kubernetes') });
  if (built && typeof (built as unknown as Promise<unknown>).then === 'function') {
    throw new SovereignLzError(
      'APP_INVALID',
      'synthesizeApp takes a build that returns { profile, aws }, not a promise',
    );
  }
  if (!built || typeof built !== 'object' || !built.profile) {
    throw new SovereignLzError('APP_INVALID', 'build() must return { profile, aws }');
  }
  built.aws?.synth();
  built.kubernetes?.synth();
  writeFileSync(join(dir, 'profile.json'), serializeProfile(built.profile));
  if (built.zone) writeFileSync(join(dir, ZONE_SUMMARY_FILE), serializeZoneSummary(built.zone));
  return dir;
}
