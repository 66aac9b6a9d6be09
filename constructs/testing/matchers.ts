import type { ControlId, JurisdictionProfile } from '../core';
import { checkApp, describeFindings, type SynthesizableApp } from './check-app';

/** What a jest matcher returns. */
export interface MatcherResult {
  readonly pass: boolean;
  message(): string;
}

type Profile = string | JurisdictionProfile;

function isApp(value: unknown): value is SynthesizableApp {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SynthesizableApp).synth === 'function' &&
    typeof (value as SynthesizableApp).outdir === 'string'
  );
}

function notAnApp(name: string): MatcherResult {
  return {
    pass: false,
    message: () => `${name} expects an aws-cdk-lib or cdktf App (something with synth() and outdir)`,
  };
}

/**
 * Jest matchers over an app's compliance, registered with `expect.extend(complianceMatchers)`
 * (or `import 'sovereign-lz/testing/jest'` in a setup file):
 *
 * - `expect(app).toBeCompliant('morocco')`: no unsuppressed `error` finding under the profile;
 * - `expect(app).toHaveNoFindingOf('ENC-1', 'morocco')`: no unsuppressed finding of that control,
 *   whatever its severity.
 */
export const complianceMatchers = {
  toBeCompliant(received: unknown, profile?: Profile): MatcherResult {
    if (!isApp(received)) return notAnApp('toBeCompliant');
    const result = checkApp(received, { profile });
    const errors = result.findings.filter((f) => f.severity === 'error' && !f.suppressed);
    return {
      pass: errors.length === 0,
      message: () =>
        errors.length === 0
          ? `expected the app to break profile '${result.profile}', but it has no unsuppressed error finding`
          : `expected the app to be compliant under profile '${result.profile}', but it has ${errors.length} error finding(s):\n${describeFindings(errors)}`,
    };
  },

  toHaveNoFindingOf(received: unknown, control: ControlId, profile?: Profile): MatcherResult {
    if (!isApp(received)) return notAnApp('toHaveNoFindingOf');
    const result = checkApp(received, { profile });
    const found = result.findings.filter((f) => f.control === control && !f.suppressed);
    return {
      pass: found.length === 0,
      message: () =>
        found.length === 0
          ? `expected a finding of ${control} under profile '${result.profile}', but there is none`
          : `expected no finding of ${control} under profile '${result.profile}', but found:\n${describeFindings(found)}`,
    };
  },
};
