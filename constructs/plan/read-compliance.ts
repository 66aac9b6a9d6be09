import { join } from 'node:path';
import { SovereignLzError } from '../core';
import { readJsonFile } from '../compliance/read/cloud-assembly';
import { displayPath } from '../compliance/read/read-options';
import { isJsonObject } from '../compliance/read/kubernetes-source';
import type { Finding } from '../compliance/normalize/model';
import { JSON_SCHEMA_VERSION } from '../compliance/report/report-json';
import type { PlanCompliance } from './build-plan';

/** The compliance report a synth output carries. */
export const COMPLIANCE_FILE = 'compliance.json';

/**
 * Reads the `compliance.json` of a synth output (the JSON report, `schemaVersion` 1) as the
 * plan needs it: the profile and the findings (file, severity, suppressed). Throws a
 * one-line {@link SovereignLzError} naming the file when it is missing or not such a report.
 */
export function readComplianceReport(outDir: string, cwd: string = process.cwd()): PlanCompliance {
  const file = join(outDir, COMPLIANCE_FILE);
  const doc = readJsonFile(file, { cwd });
  const valid =
    isJsonObject(doc) &&
    doc.schemaVersion === JSON_SCHEMA_VERSION &&
    typeof doc.profile === 'string' &&
    Array.isArray(doc.findings) &&
    doc.findings.every(
      (f) =>
        isJsonObject(f) &&
        typeof f.file === 'string' &&
        typeof f.severity === 'string' &&
        typeof f.suppressed === 'boolean',
    );
  if (!valid) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${displayPath(file, { cwd })}: not a compliance report of schemaVersion ${JSON_SCHEMA_VERSION} (run sovereign-lz synth again)`,
    );
  }
  return {
    profile: doc.profile as string,
    findings: (doc.findings as Record<string, unknown>[]).map(
      (f) =>
        ({
          ...f,
          path: typeof f.path === 'string' ? f.path : undefined,
          justification: typeof f.justification === 'string' ? f.justification : undefined,
        }) as unknown as Finding,
    ),
  };
}
