import type { CheckResult, Finding } from '../normalize/model';
import type { PathMatrix } from '../reachability/network-paths';
import type { Evidence } from '../judge/evidence';

/**
 * The JSON report: the contract of `sovereign-lz check --format json`. Every finding has all
 * thirteen keys (`path` and `justification` are `null` when absent, `evidence` `{}` when the
 * rule observed nothing); every pass has seven; both are sorted by file, resource and rule;
 * `schemaVersion` changes only when the contract does.
 *
 * Schema 2 (this one) added the passes with their observed evidence, the findings' `evidence`,
 * and the inputs' SHA-256; a reader of schema 1 finds every key of schema 1 unchanged.
 */

/** The version of the JSON report's contract. */
export const JSON_SCHEMA_VERSION = 2;

/** The versions of the contract this version reads (`diff` compares a report of either). */
export const READABLE_JSON_SCHEMA_VERSIONS: readonly number[] = [1, 2];

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
  /** The facts the rule observed, by field (the rule's `observes`). */
  readonly evidence: Evidence;
}

/** A check that passed, as the JSON report writes it. */
export interface JsonPass {
  readonly control: string;
  readonly rule: string;
  readonly status: 'pass';
  readonly resource: string;
  readonly file: string;
  readonly path: string | null;
  /** The facts that made it pass, by field (the rule's `observes`). */
  readonly evidence: Evidence;
}

/** The JSON report's document. */
export interface JsonReport {
  readonly schemaVersion: typeof JSON_SCHEMA_VERSION;
  readonly profile: string;
  readonly findings: readonly JsonFinding[];
  /** Every check that passed, with what was observed. */
  readonly passes: readonly JsonPass[];
  /** The files read, with the SHA-256 of their bytes, sorted by file. */
  readonly inputs: readonly { readonly file: string; readonly sha256: string | null }[];
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
      evidence: f.evidence ?? {},
    })),
    passes: result.passes.map((p) => ({
      control: p.control,
      rule: p.rule,
      status: 'pass' as const,
      resource: p.resource,
      file: p.file,
      path: p.path ?? null,
      evidence: p.evidence ?? {},
    })),
    inputs: inputsOf(result),
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

/**
 * The files of a result with their SHA-256: every file read when the result has digests (an
 * in-process check of already-read input has none: its `inputs` with `sha256` null).
 */
export function inputsOf(result: CheckResult): { file: string; sha256: string | null }[] {
  if (result.inputDigests) return result.inputDigests.map((d) => ({ file: d.file, sha256: d.sha256 }));
  return result.inputs.map((file) => ({ file, sha256: null }));
}

/** The JSON report of a result, as text (pretty, with a final newline). */
export function formatJson(result: CheckResult): string {
  return `${JSON.stringify(jsonReport(result), null, 2)}\n`;
}
