import { join } from 'node:path';
import { SovereignLzError } from '../core';
import { readJsonFile } from '../compliance/read/cloud-assembly';
import { displayPath } from '../compliance/read/read-options';
import { isJsonObject } from '../compliance/read/kubernetes-source';
import type { Finding } from '../compliance/normalize/model';
import { JSON_SCHEMA_VERSION } from '../compliance/report/report-json';
import type { PathMatrix, PathRow } from '../compliance/reachability/network-paths';
import type { PlanCompliance } from './build-plan';

/**
 * The path matrices of a report (`paths`, added to schema 1), as far as the plan reads them:
 * the Kubernetes rows' ends and verdicts, to mark undeclared flows. A report without them
 * (written before they existed) marks none.
 */
function pathMatrices(value: unknown): PathMatrix[] {
  if (!Array.isArray(value)) return [];
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return value.filter(isJsonObject).map((m) => ({
    world: m.world === 'aws' ? 'aws' : 'kubernetes',
    name: text(m.name),
    place: text(m.place),
    file: text(m.file),
    rows: (Array.isArray(m.rows) ? m.rows : []).filter(isJsonObject).map((r) => ({
      from: text(r.from),
      to: text(r.to),
      protocol: text(r.protocol),
      ports: text(r.ports),
      verdict: text(r.verdict) as PathRow['verdict'],
      by: [],
    })),
    flows: [],
  }));
}

/** The compliance report a synth output carries. */
export const COMPLIANCE_FILE = 'compliance.json';

/**
 * Reads the `compliance.json` of a synth output (the JSON report, `schemaVersion` 2) as the
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
    paths: pathMatrices(doc.paths),
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
