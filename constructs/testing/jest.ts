// `import 'sovereign-lz/testing/jest'` (e.g. in jest's setupFilesAfterEnv) registers the
// compliance matchers and their types.
import type { ControlId, JurisdictionProfile } from '../core';
import { complianceMatchers } from './matchers';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** No unsuppressed `error` finding under the profile (default: `morocco`). */
      toBeCompliant(profile?: string | JurisdictionProfile): R;
      /** No unsuppressed finding of the control, whatever its severity. */
      toHaveNoFindingOf(control: ControlId, profile?: string | JurisdictionProfile): R;
    }
  }
}

// jest's global `expect`, reached without depending on jest's types at build time.
const jestExpect = (globalThis as { expect?: { extend(matchers: object): void } }).expect;
if (!jestExpect) throw new Error("sovereign-lz/testing/jest must be loaded by jest (e.g. in 'setupFilesAfterEnv')");
jestExpect.extend(complianceMatchers);
