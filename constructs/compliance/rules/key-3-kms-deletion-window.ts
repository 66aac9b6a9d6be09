import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { int } from '../values';

/** KEY-3: a scheduled key deletion waits at least the profile's window. */
export const key3KmsDeletionWindow: ResourceRule = {
  id: 'KEY-3/kms-deletion-window',
  control: 'KEY-3',
  scope: 'resource',
  title: "Key deletion waits at least the profile's window",
  description: "An AWS::KMS::Key's PendingWindowInDays (30 when absent) is at least the profile's key deletion window.",
  remediation:
    "Set PendingWindowInDays to at least the profile's keyDeletionWindowDays (30 under both built-in profiles)",
  appliesTo: ['AWS::KMS::Key'],
  check(key: Resource, { profile }: RuleContext): Outcome {
    const source = profile.figureSources.keyDeletion;
    const window = int(key.properties.PendingWindowInDays);
    if (isUnresolved(window)) return cannotProve(`PendingWindowInDays is ${window.describe()}`, { source });
    const days = window ?? 30;
    return days >= profile.keyDeletionWindowDays
      ? 'pass'
      : fail(`a deletion would wait ${days} days, less than the profile's ${profile.keyDeletionWindowDays}`, {
          source,
        });
  },
};
