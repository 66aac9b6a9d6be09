import type { JurisdictionProfile, ZoneSummary } from '../core';

/** What `sovereign-lz synth` hands to an app module. */
export interface SynthContext {
  /** Directory for the AWS cloud assembly: create the aws-cdk-lib `App` with this `outdir`. */
  readonly awsOutdir: string;
  /** Directory for the in-country Terraform stacks: create the cdktf `App` with this `outdir`. */
  readonly kubernetesOutdir: string;
}

/** Something with a `synth()`, such as an aws-cdk-lib or cdktf `App` (kept structural: the CLI loads no framework). */
export interface Synthesizable {
  synth(): unknown;
}

/** What an app module's `build` returns. */
export interface BuiltApp {
  /** The effective profile, written to `out/profile.json` for `check` to use. */
  readonly profile: JurisdictionProfile;
  /** The AWS app, created with `outdir: context.awsOutdir`. */
  readonly aws?: Synthesizable;
  /** The in-country cdktf app, created with `outdir: context.kubernetesOutdir`. */
  readonly kubernetes?: Synthesizable;
  /** What a landing-zone declaration decided (a `LandingZone` build returns it), written to `landing-zone.json`. */
  readonly zone?: ZoneSummary;
}

/**
 * An app module for `sovereign-lz synth APP`: a CommonJS module exporting `build`.
 *
 * @example
 * // my-zone.js
 * exports.build = ({ awsOutdir }) => {
 *   const app = new App({ outdir: awsOutdir });
 *   new SovereignStack(app, 'Records', { env: { region: 'eu-west-3' }, profile: 'morocco', classification: 'internal' });
 *   return { profile: morocco, aws: app };
 * };
 */
export interface AppModule {
  build(context: SynthContext): BuiltApp | Promise<BuiltApp>;
}
