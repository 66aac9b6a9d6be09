import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** One cdk-nag rule violated somewhere under a scope. */
export interface NagViolation {
  readonly rule: string;
  readonly severity: string;
  readonly resources: string[];
}

/**
 * Runs cdk-nag's AwsSolutions and NIST 800-53 R5 packs over `scope` and returns the
 * violations that no acknowledgment (Validations.acknowledge) covers.
 */
export function nagViolations(scope: IConstruct): NagViolation[] {
  const out: NagViolation[] = [];
  for (const pack of [new AwsSolutionsChecks(), new NIST80053R5Checks()]) {
    const report = pack.validateScope(scope);
    for (const v of report.violations) {
      out.push({
        rule: v.ruleName,
        severity: String(v.severity ?? ''),
        // cdk-nag v3 names resources by construct path (resourceLogicalId is optional and unset).
        resources: v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? '?'),
      });
    }
  }
  return out.sort((a, b) => a.rule.localeCompare(b.rule));
}

/** Only the violations of error severity (cdk-nag's warnings are advisories). */
export function nagErrors(scope: IConstruct): NagViolation[] {
  return nagViolations(scope).filter((v) => v.severity.toLowerCase() === 'error');
}
