import type { LocalizedText } from '../../../core';
import { isResourceRef, isUnresolved, type Unresolved } from '../../normalize/intrinsics';
import type { Resource } from '../../normalize/model';
import type { Outcome, RuleContext } from '../../judge/rule';
import type { Evidence } from '../../judge/evidence';
import { at, list } from '../../normalize/values';
import type { AtRest } from '../encryption';

/**
 * The data-store table: for each CloudFormation type that holds customer data, where its
 * at-rest switch and key are, where its copies go, what makes it public and what enforces TLS
 * in transit. ENC-1, KEY-1, RES-2, NET-2, ACC-1 and ENC-2 read it; docs/controls.md lists it.
 *
 * A row is data: its checks are built by the small builders of columns.ts from property paths,
 * defaults and values, and each records what it reads for the reference. A new type is a row
 * here (in the file of its family), plus a compliant and a violating fixture for every check
 * it fills (test/compliance/rules/data-stores.fixtures.ts).
 */

/** The controls the table serves (KEY-1 reads the ENC-1 check's keys). */
export type TableControl = 'ENC-1' | 'RES-2' | 'NET-2' | 'ACC-1' | 'ENC-2';

/** What a check reads, for the controls reference (English, the reference's language). */
export interface CheckDoc {
  /** The properties read and the values that count, e.g. "`StorageEncrypted` true, key `KmsKeyId`". */
  readonly reads: string;
  /** What the service does when the properties are absent, e.g. "not encrypted". */
  readonly absent?: string;
  /** Values naming a provider-managed key, e.g. "`alias/aws/*`, `AWS_OWNED_KMS_KEY`". */
  readonly provider?: string;
}

/** One check of a row: a control, the rule that reports it, what it reads, and the judgment. */
export interface Check {
  readonly control: TableControl;
  /**
   * The rule id reporting it: a per-type id kept from before the table (`ENC-1/s3-bucket-cmk`),
   * else the control's generic id ({@link GENERIC_RULE_IDS}).
   */
  readonly rule?: string;
  readonly doc: CheckDoc;
  /** Further types it reads (a parameter group, a subnet…), so that they are not reported as not assessed. */
  readonly evidence?: readonly string[];
  judge(resource: Resource, context: RuleContext): Outcome;
  /**
   * The facts it reads on a resource, for the observed evidence (see evidence.ts).
   * @default - the properties its reference names that the resource sets
   */
  observe?(resource: Resource, context: RuleContext): Evidence;
}

/** One part of a resource's data at rest (a block device, a replica, a catalog…), as {@link AtRest} reads it. */
export interface AtRestPart extends AtRest {
  /** What the part is, prefixed to its messages (e.g. `block device /dev/xvda`); absent for the whole resource. */
  readonly part?: LocalizedText;
}

/** How a resource keeps its data at rest: its parts, or an outcome (not applicable, unknown…). */
export type AtRestReading = { readonly parts: readonly AtRestPart[] } | { readonly outcome: Outcome };

/** The ENC-1 check of a row, which KEY-1 also reads for the keys it names. */
export interface AtRestCheck extends Check {
  readonly control: 'ENC-1';
  read(resource: Resource, context: RuleContext): AtRestReading;
}

/** A row of the table: a CloudFormation type and its checks. */
export interface DataStoreRow {
  readonly type: string;
  /** The documentation each check was written from: the CloudFormation reference page first. */
  readonly sources: readonly string[];
  /** Its checks: at rest, copies, exposure, in transit. */
  readonly checks: readonly Check[];
}

/** The generic rule id of each control, for the checks of rows that had no per-type rule before the table. */
export const GENERIC_RULE_IDS: Readonly<Record<TableControl, string>> = {
  'ENC-1': 'ENC-1/data-store-cmk',
  'RES-2': 'RES-2/data-store-copy-region',
  'NET-2': 'NET-2/data-store-public-endpoint',
  'ACC-1': 'ACC-1/data-store-public-access',
  'ENC-2': 'ENC-2/data-store-tls',
};

/** The rule id of a check. */
export function ruleOf(check: Check): string {
  return check.rule ?? GENERIC_RULE_IDS[check.control];
}

/** The CloudFormation reference page of a type, e.g. `AWS::DocDB::DBCluster` → `…/aws-resource-docdb-dbcluster.html`. */
export function cfnPage(type: string): string {
  const [, service, resource] = type.split('::');
  return `https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-${service.toLowerCase()}-${resource.toLowerCase()}.html`;
}

// ---- Reading property paths ----

/** A value as CloudFormation treats it: an empty string is an absent value. */
export function present(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

/**
 * A reader of the value at a dotted path (as `at` of values.ts, the path split once), with an
 * empty string read as absent: the table's checks are built once and run on every resource.
 */
export function getter(path: string): (value: unknown) => unknown {
  const keys = path.split('.');
  return (value) => {
    let current: unknown = value;
    for (const key of keys) {
      if (current === undefined || current === null) return undefined;
      if (isUnresolved(current)) return current;
      if (typeof current !== 'object' || Array.isArray(current) || isResourceRef(current)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current === '' || current === null ? undefined : current;
  };
}

/**
 * The values at a path where `[]` flattens a list (`Replicas[].Region`): each leaf value (absent
 * ones left out), or the `Unresolved` met on the way, as a value of its own.
 */
export function pick(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const segment of path.split('.')) {
    const many = segment.endsWith('[]');
    const key = many ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    for (const v of current) {
      const found = isUnresolved(v) ? v : present(at(v, key));
      if (found === undefined) continue;
      if (!many || isUnresolved(found)) next.push(found);
      else {
        const items = list(found);
        if (isUnresolved(items)) next.push(items);
        else next.push(...(items ?? []).map(present).filter((i) => i !== undefined));
      }
    }
    current = next;
  }
  return current;
}

/** The first `Unresolved` of values, if any. */
export function firstUnresolved(values: readonly unknown[]): Unresolved | undefined {
  return values.find(isUnresolved);
}

// ---- The registry ----

/** Builds the index of rows by type, refusing a type listed twice. */
export function indexRows(rows: readonly DataStoreRow[]): ReadonlyMap<string, DataStoreRow> {
  const byType = new Map<string, DataStoreRow>();
  for (const row of rows) {
    if (byType.has(row.type)) throw new Error(`the data-store table lists ${row.type} twice`);
    byType.set(row.type, row);
  }
  return byType;
}
