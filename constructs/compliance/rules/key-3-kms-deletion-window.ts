import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import {
  cannotProve,
  fail,
  jours,
  unknownValue,
  type Outcome,
  type ResourceRule,
  type RuleContext,
} from '../judge/rule';
import { int } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** KEY-3: a scheduled key deletion waits at least the profile's window. */
export const key3KmsDeletionWindow: ResourceRule = {
  id: 'KEY-3/kms-deletion-window',
  control: 'KEY-3',
  scope: 'resource',
  title: {
    en: "Key deletion waits at least the profile's window",
    fr: "La suppression d'une clé attend au moins le délai du profil",
  },
  description: "An AWS::KMS::Key's PendingWindowInDays (30 when absent) is at least the profile's key deletion window.",
  remediation: {
    en: "Set PendingWindowInDays to at least the profile's keyDeletionWindowDays (30 under both built-in profiles)",
    fr: 'Définir PendingWindowInDays à au moins keyDeletionWindowDays du profil (30 dans les deux profils intégrés)',
  },
  appliesTo: ['AWS::KMS::Key'],
  observes: ['deletionWindowDays', 'minimumDays'],
  observe(key: Resource, { profile }: RuleContext) {
    return evidenceOf({
      deletionWindowDays: key.properties.PendingWindowInDays ?? 30,
      minimumDays: profile.keyDeletionWindowDays,
    });
  },
  check(key: Resource, { profile }: RuleContext): Outcome {
    const source = profile.figureSources.keyDeletion;
    const window = int(key.properties.PendingWindowInDays);
    if (isUnresolved(window)) {
      return cannotProve(unknownValue('PendingWindowInDays', 'PendingWindowInDays', window), { source });
    }
    const days = window ?? 30;
    const min = profile.keyDeletionWindowDays;
    return days >= min
      ? 'pass'
      : fail(
          {
            en: `a deletion would wait ${days} days, less than the profile's ${min}`,
            fr: `une suppression n'attendrait que ${jours(days)}, moins que les ${jours(min)} du profil`,
          },
          { source },
        );
  },
};
