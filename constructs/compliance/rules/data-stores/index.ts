import type { ControlId, LocalizedText } from '../../../core';
import type { Resource } from '../../normalize/model';
import { combine, type Outcome, type ResourceRule, type RuleContext } from '../../judge/rule';
import { ANALYTICS_ROWS } from './analytics';
import { COMPUTE_ROWS } from './compute';
import { DATABASE_ROWS } from './databases';
import { STORAGE_ROWS } from './storage';
import { indexRows, ruleOf, type AtRestCheck, type Check, type DataStoreRow } from './table';
import { atRestEvidence, docEvidence } from './evidence';
import type { Evidence } from '../../judge/evidence';

export { GENERIC_RULE_IDS, ruleOf } from './table';
export type { AtRestCheck, Check, CheckDoc, DataStoreRow, TableControl } from './table';

/** Every row of the data-store table, by family. */
export const DATA_STORE_ROWS: readonly DataStoreRow[] = [
  ...STORAGE_ROWS,
  ...DATABASE_ROWS,
  ...ANALYTICS_ROWS,
  ...COMPUTE_ROWS,
];

/** The rows by type, indexed once. */
export const DATA_STORES: ReadonlyMap<string, DataStoreRow> = indexRows(DATA_STORE_ROWS);

/** The checks of each rule by type, indexed once: a rule finds a resource's checks in O(1). */
const CHECKS_BY_RULE = new Map<string, Map<string, Check[]>>();
/** The ENC-1 check of each type, which KEY-1 reads. */
const AT_REST = new Map<string, AtRestCheck>();
for (const row of DATA_STORE_ROWS) {
  for (const check of row.checks) {
    const id = ruleOf(check);
    let byType = CHECKS_BY_RULE.get(id);
    if (!byType) CHECKS_BY_RULE.set(id, (byType = new Map()));
    byType.set(row.type, [...(byType.get(row.type) ?? []), check]);
    if ('read' in check) {
      if (AT_REST.has(row.type)) throw new Error(`the data-store table gives ${row.type} two at-rest checks`);
      AT_REST.set(row.type, check as AtRestCheck);
    }
  }
}

/** The ENC-1 check of a type, if the table has one. */
export function atRestCheck(type: string): AtRestCheck | undefined {
  return AT_REST.get(type);
}

/** The types with an at-rest check (what KEY-1 judges). */
export function atRestTypes(): string[] {
  return [...AT_REST.keys()];
}

/** The rule ids the table's checks report under. */
export function tableRuleIds(): string[] {
  return [...CHECKS_BY_RULE.keys()];
}

/** The types whose checks report under a rule id, in table order. */
export function typesOf(rule: string): string[] {
  return [...(CHECKS_BY_RULE.get(rule)?.keys() ?? [])];
}

/** Metadata of a rule that judges the checks of the table reporting under its id. */
export interface TableRuleMetadata {
  readonly id: string;
  readonly control: ControlId;
  readonly title: LocalizedText;
  readonly description: string;
  readonly remediation: LocalizedText;
  /** Further types the rule reads, besides those its checks name. */
  readonly evidence?: readonly string[];
}

/** The rule that judges every check of the table reporting under `metadata.id`. */
export function tableRule(metadata: TableRuleMetadata): ResourceRule {
  const byType = CHECKS_BY_RULE.get(metadata.id) ?? new Map<string, Check[]>();
  const evidence = new Set(metadata.evidence ?? []);
  for (const checks of byType.values()) for (const c of checks) for (const e of c.evidence ?? []) evidence.add(e);
  return {
    id: metadata.id,
    control: metadata.control,
    scope: 'resource',
    title: metadata.title,
    description: metadata.description,
    remediation: metadata.remediation,
    appliesTo: [...byType.keys()],
    ...(evidence.size ? { evidence: [...evidence] } : {}),
    // ENC-1's key holder on every type; the other controls' fields are each type's property paths.
    observes: metadata.control === 'ENC-1' ? ['keyHolder'] : [],
    observe(resource: Resource, context: RuleContext): Evidence {
      const facts: Record<string, Evidence[string]> = {};
      for (const check of byType.get(resource.type) ?? []) {
        const found =
          'read' in check
            ? atRestEvidence(check as AtRestCheck, resource, context)
            : (check.observe?.(resource, context) ?? docEvidence(check.doc, resource));
        Object.assign(facts, found);
      }
      return facts;
    },
    check(resource: Resource, context: RuleContext): Outcome {
      const checks = byType.get(resource.type);
      if (!checks) return 'not-applicable';
      return checks.length === 1
        ? checks[0].judge(resource, context)
        : combine(checks.map((c) => c.judge(resource, context)));
    },
  };
}
