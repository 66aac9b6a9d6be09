// `import 'sovereign-lz/testing/jest'` (e.g. in jest's setupFilesAfterEnv) registers the
// compliance, placement and flow matchers and their types.
import type { ControlId, JurisdictionProfile } from '../core';
import { complianceMatchers, placementMatchers } from './matchers';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** No unsuppressed `error` finding under the profile (default: `morocco`). */
      toBeCompliant(profile?: string | JurisdictionProfile): R;
      /** No unsuppressed finding of the control, whatever its severity. */
      toHaveNoFindingOf(control: ControlId, profile?: string | JurisdictionProfile): R;
      /** On a plan: the declaration placed the workload in `place` (`aws:REGION`, `site:NAME`, or the bare name), and its unit deploys there. */
      toPlaceWorkload(workload: string, place: string): R;
      /** On a plan: a NetworkPolicy or a declared flow allows traffic between the ends (`workload/tier`, `workload`), on `port` if given. */
      toAllowFlow(from: string, to: string, port?: number): R;
      /** On a plan: nothing allows traffic between the ends (on `port` if given): default deny. */
      toDenyFlow(from: string, to: string, port?: number): R;
    }
  }
}

// jest's global `expect`, reached without depending on jest's types at build time.
const jestExpect = (globalThis as { expect?: { extend(matchers: object): void } }).expect;
if (!jestExpect) throw new Error("sovereign-lz/testing/jest must be loaded by jest (e.g. in 'setupFilesAfterEnv')");
jestExpect.extend({ ...complianceMatchers, ...placementMatchers });
