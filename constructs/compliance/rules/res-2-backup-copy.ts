import type { LocalizedText } from '../../core';
import { isUnresolved, type Unresolved } from '../intrinsics';
import { referenced } from '../facts';
import type { Resource } from '../model';
import { combine, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { at, list, shown, str } from '../values';
import { arnRegion, judgeCopyRegion } from './helpers';

const COPIES = { en: 'backup copies', fr: 'copies de sauvegarde' };

/** Why a value is unknown, in both languages. */
function described(value: Unresolved): LocalizedText {
  return { en: value.describe('en'), fr: value.describe('fr') };
}

/** RES-2: AWS Backup copy actions copy recovery points only to allowed regions. */
export const res2BackupCopy: ResourceRule = {
  id: 'RES-2/backup-copy-region',
  control: 'RES-2',
  scope: 'resource',
  title: {
    en: 'Backup copies stay in allowed regions',
    fr: 'Les copies de sauvegarde restent dans des régions autorisées',
  },
  description:
    "Every CopyActions destination of a backup plan's rules is a vault in a region allowed for the plan's level (the region of the vault ARN, or the stack's own region for a vault of the same template).",
  remediation: {
    en: 'Copy recovery points only to a vault in an allowed region, or remove the copy action',
    fr: "Ne copier les points de récupération que vers un coffre d'une région autorisée, ou supprimer l'action de copie",
  },
  appliesTo: ['AWS::Backup::BackupPlan'],
  check(plan: Resource, { profile }: RuleContext): Outcome {
    const rules = list(at(plan.properties, 'BackupPlan.BackupPlanRule'));
    if (rules === undefined) return 'not-applicable';
    if (isUnresolved(rules)) return judgeCopyRegion(profile, plan, COPIES, undefined, described(rules)) ?? 'pass';
    const outcomes: Outcome[] = [];
    for (const rule of rules) {
      const copies = list(at(rule, 'CopyActions'));
      if (copies === undefined) continue;
      if (isUnresolved(copies)) {
        outcomes.push(judgeCopyRegion(profile, plan, COPIES, undefined, described(copies)) ?? 'pass');
        continue;
      }
      for (const copy of copies) {
        const arn = at(copy, 'DestinationBackupVaultArn');
        const ruleName = String(str(at(rule, 'RuleName')) ?? '?');
        const to = shown(arn);
        const what = {
          en: `copy of rule '${ruleName}' to ${to.en}`,
          fr: `copie de la règle '${ruleName}' vers ${to.fr}`,
        };
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
        const why = isUnresolved(text)
          ? described(text)
          : { en: 'not a vault ARN', fr: "ce n'est pas l'ARN d'un coffre" };
        outcomes.push(judgeCopyRegion(profile, plan, what, known, why) ?? 'pass');
      }
    }
    return outcomes.length ? combine(outcomes) : 'not-applicable';
  },
};
