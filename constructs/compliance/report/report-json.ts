import type { CheckResult, Finding } from '../normalize/model';
import type { PathMatrix } from '../reachability/network-paths';

/**
 * The JSON report: the contract of `sovereign-lz check --format json`. Every finding has all
 * twelve keys (`path` and `justification` are `null` when absent); findings are sorted by
 * file, resource and rule; `schemaVersion` changes only when the contract does.
 */

/** The version of the JSON report's contract. */
export const JSON_SCHEMA_VERSION = 1;

/** A finding as the JSON report writes it. */
export interface JsonFinding {
  readonly control: string;
  readonly rule: string;
  readonly status: Finding['status'];
  readonly severity: Finding['severity'];
  readonly resource: string;
  readonly file: string;
  readonly path: string | null;
  readonly message: string;
  readonly remediation: string;
  readonly source: string;
  readonly suppressed: boolean;
  readonly justification: string | null;
}

/** The JSON report's document. */
export interface JsonReport {
  readonly schemaVersion: typeof JSON_SCHEMA_VERSION;
  readonly profile: string;
  readonly findings: readonly JsonFinding[];
  readonly summary: CheckResult['summary'];
  /** The types that hold no data, once each with its count and reason (an addition to schema 1 that older readers ignore). */
  readonly noData: readonly { readonly type: string; readonly resources: number; readonly reason: string }[];
  /**
   * The computed paths per VPC template and per cluster (NET-6, NET-7): rows `from`, `to`,
   * `protocol`, `ports`, `verdict` (undeclared, unknown, flow, built-in, permitted,
   * network-only), `reason`, `by`, undeclared first; and the declared flows with their verdict
   * (open, blocked, unknown, declared). An addition to schema 1 that older readers ignore.
   */
  readonly paths: readonly PathMatrix[];
}

/** The JSON report of a result, as an object. */
export function jsonReport(result: CheckResult): JsonReport {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    profile: result.profile,
    findings: result.findings.map((f) => ({
      control: f.control,
      rule: f.rule,
      status: f.status,
      severity: f.severity,
      resource: f.resource,
      file: f.file,
      path: f.path ?? null,
      message: f.message,
      remediation: f.remediation,
      source: f.source,
      suppressed: f.suppressed,
      justification: f.justification ?? null,
    })),
    summary: { ...result.summary },
    noData: (result.noData ?? []).map((t) => ({ type: t.type, resources: t.resources, reason: t.reason })),
    paths: (result.paths ?? []).map((m) => ({
      world: m.world,
      name: m.name,
      place: m.place,
      file: m.file,
      rows: m.rows.map((r) => ({
        from: r.from,
        to: r.to,
        protocol: r.protocol,
        ports: r.ports,
        verdict: r.verdict,
        ...(r.reason !== undefined ? { reason: r.reason } : {}),
        by: [...r.by],
      })),
      flows: m.flows.map((f) => ({ flow: f.flow, verdict: f.verdict, detail: f.detail })),
    })),
  };
}

/** The JSON report of a result, as text (pretty, with a final newline). */
export function formatJson(result: CheckResult): string {
  return `${JSON.stringify(jsonReport(result), null, 2)}\n`;
}
