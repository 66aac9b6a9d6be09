import { isUnresolved } from '../intrinsics';
import { referenced } from '../facts';
import type { Resource } from '../model';
import { combine, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { at, list, show, str } from '../values';
import { arnRegion, judgeCopyRegion } from './helpers';

/** RES-2: AWS Backup copy actions copy recovery points only to allowed regions. */
export const res2BackupCopy: ResourceRule = {
  id: 'RES-2/backup-copy-region',
  control: 'RES-2',
  scope: 'resource',
  title: 'Backup copies stay in allowed regions',
  description:
    "Every CopyActions destination of a backup plan's rules is a vault in a region allowed for the plan's level (the region of the vault ARN, or the stack's own region for a vault of the same template).",
  remediation: 'Copy recovery points only to a vault in an allowed region, or remove the copy action',
  appliesTo: ['AWS::Backup::BackupPlan'],
  check(plan: Resource, { profile }: RuleContext): Outcome {
    const rules = list(at(plan.properties, 'BackupPlan.BackupPlanRule'));
    if (rules === undefined) return 'not-applicable';
    if (isUnresolved(rules))
      return judgeCopyRegion(profile, plan, 'backup copies', undefined, rules.describe()) ?? 'pass';
    const outcomes: Outcome[] = [];
    for (const rule of rules) {
      const copies = list(at(rule, 'CopyActions'));
      if (copies === undefined) continue;
      if (isUnresolved(copies)) {
        outcomes.push(judgeCopyRegion(profile, plan, 'backup copies', undefined, copies.describe()) ?? 'pass');
        continue;
      }
      for (const copy of copies) {
        const arn = at(copy, 'DestinationBackupVaultArn');
        const what = `copy of rule '${String(str(at(rule, 'RuleName')) ?? '?')}' to ${show(arn)}`;
        if (referenced(arn, plan.template)) {
          // A vault of the same template is in the same region, which RES-1 judges.
          outcomes.push('pass');
          continue;
        }
        const text = str(arn);
        const region =
          typeof text === 'string'
            ? arnRegion(text)
            : isUnresolved(text) && text.text
              ? arnRegion(text.text)
              : undefined;
        const known = region && !region.includes('${') ? region : undefined;
        const why = isUnresolved(text) ? text.describe() : 'not a vault ARN';
        outcomes.push(judgeCopyRegion(profile, plan, what, known, why) ?? 'pass');
      }
    }
    return outcomes.length ? combine(outcomes) : 'not-applicable';
  },
};
