import { suggestion, type ControlId, type JurisdictionProfile } from '../core';
import type { Plan } from '../plan/model';
import { checkApp, describeFindings, type SynthesizableApp } from './check-app';
import { allowingFlows, describeFlow, flowsBetweenWorkloads, placeOfUnit, resolveFlowEnd } from './plan-flows';

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

function isPlan(value: unknown): value is Plan {
  const plan = value as Plan;
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray(plan.units) &&
    Array.isArray(plan.flows) &&
    Array.isArray(plan.workloads)
  );
}

function notAPlan(name: string): MatcherResult {
  return {
    pass: false,
    message: () => `${name} expects a deployment plan: planOf(outDir), buildPlan(…), or the parsed plan.json`,
  };
}

/** True if `place` names the workload's place: `aws:REGION`, `site:NAME`, or the bare region or site. */
function samePlace(actual: string, place: string): boolean {
  return actual === place || actual === `aws:${place}` || actual === `site:${place}`;
}

function listed(lines: readonly string[]): string {
  return lines.length ? lines.map((l) => `\n  ${l}`).join('') : ' none';
}

/** toAllowFlow and toDenyFlow: the same question, opposite expectations. */
function flowMatcher(name: string, expectAllowed: boolean) {
  return (received: unknown, from: string, to: string, port?: number): MatcherResult => {
    if (!isPlan(received)) return notAPlan(name);
    // A reference to nothing fails whether or not the matcher is negated: `.not` must not pass on a typo.
    const source = resolveFlowEnd(received, from);
    if ('problem' in source) throw new Error(`${name}: ${source.problem}`);
    const target = resolveFlowEnd(received, to);
    if ('problem' in target) throw new Error(`${name}: ${target.problem}`);
    const what = `a flow from ${from} to ${to}${port === undefined ? '' : ` on port ${port}`}`;
    const allowing = allowingFlows(received, source, target, port);
    const allowed = allowing.length > 0;
    const evidence = allowing.map((f) => `${describeFlow(received, f)} (${f.evidence.join('; ')})`);
    return {
      pass: allowed === expectAllowed,
      message: () =>
        allowed
          ? `expected ${what} to be denied, but it is allowed by:${listed(evidence)}`
          : `expected ${what} to be allowed, but no network policy or declared flow allows it (default deny). ` +
            `Flows between workloads:${listed(flowsBetweenWorkloads(received))}`,
    };
  };
}

/**
 * Jest matchers over a deployment plan (`planOf(outDir)`, `buildPlan(…)`, or the parsed
 * `plan.json`), registered with `expect.extend(placementMatchers)` (or
 * `import 'sovereign-lz/testing/jest'`):
 *
 * - `expect(plan).toPlaceWorkload('records', 'aws:eu-west-3')`: the landing-zone declaration
 *   placed the workload there (`aws:REGION`, `site:NAME`, or the bare region or site name),
 *   and the unit that holds it deploys there;
 * - `expect(plan).toAllowFlow('civil-registry/application', 'civil-registry/data', 5432)`: a
 *   NetworkPolicy, or a declared flow that leaves a site, allows traffic from one end to the
 *   other (on that port, when given). Ends are `workload/tier` or `workload` (any of its tiers;
 *   in the cloud a workload is one unit, its tier is not checked), or, without a declaration,
 *   `unit` or `unit/namespace`;
 * - `expect(plan).toDenyFlow(from, to, port?)`: no such flow: what nothing allows is denied.
 */
export const placementMatchers = {
  toPlaceWorkload(received: unknown, workload: string, place: string): MatcherResult {
    if (!isPlan(received)) return notAPlan('toPlaceWorkload');
    const w = received.workloads.find((x) => x.name === workload);
    if (!w) {
      // Fails whether or not the matcher is negated: `.not` must not pass on a typo.
      const names = received.workloads.map((x) => x.name);
      throw new Error(
        names.length
          ? `toPlaceWorkload: no workload '${workload}' in the plan${suggestion(workload, names)} (workloads: ${names.join(', ')})`
          : 'toPlaceWorkload: the plan has no workload: it is not the output of a landing-zone declaration (no landing-zone.json)',
      );
    }
    const unit = received.units.find((u) => u.id === w.unit);
    const deploysTo = unit ? placeOfUnit(unit) : undefined;
    const where =
      `${w.place} (unit ${w.unit}${w.account ? `, account ${w.account}` : ''}, ` +
      `${w.pinned ? 'pinned by the declaration' : 'placed by its classification'}: ${w.reason.en})`;
    if (deploysTo !== w.place) {
      // The artifacts contradict the declaration: wrong whatever was expected.
      throw new Error(
        `toPlaceWorkload: the declaration places workload '${workload}' in ${where}, ` +
          `but ${unit ? `its unit deploys to ${deploysTo}` : `the plan has no unit ${w.unit}`}`,
      );
    }
    const pass = samePlace(w.place, place);
    return {
      pass,
      message: () =>
        pass
          ? `expected workload '${workload}' not to be placed in ${place}, but it is: ${where}`
          : `expected workload '${workload}' in ${place}, but it is in ${where}`,
    };
  },

  toAllowFlow: flowMatcher('toAllowFlow', true),

  toDenyFlow: flowMatcher('toDenyFlow', false),
};
