import { isAtLeast } from '../../core';
import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { int } from '../values';
import { levelOf, levelUnknown } from './helpers';

/** LOG-2: log groups keep logs at least the profile's minimum. */
export const log2LogGroupRetention: ResourceRule = {
  id: 'LOG-2/log-group-retention',
  control: 'LOG-2',
  scope: 'resource',
  title: "Log groups keep logs at least the profile's minimum",
  description:
    "An AWS::Logs::LogGroup has RetentionInDays at least the profile's minimum. Without it, logs never expire: a finding for personal data and above (kept without limit), a warning otherwise.",
  remediation: "Set RetentionInDays to at least the profile's logRetentionMinDays (e.g. use EncryptedLogGroup)",
  appliesTo: ['AWS::Logs::LogGroup'],
  check(group: Resource, { profile }: RuleContext): Outcome {
    const source = profile.figureSources.logRetention;
    const min = profile.logRetentionMinDays;
    const days = int(group.properties.RetentionInDays);
    if (isUnresolved(days)) return cannotProve(`RetentionInDays is ${days.describe()}`, { source });
    if (days === undefined) {
      const level = levelOf(group);
      if (!level) return levelUnknown(group, 'whether logs kept forever are acceptable');
      return isAtLeast(level, 'personal')
        ? fail(`RetentionInDays is not set: logs of level '${level}' would be kept without limit`, { source })
        : fail('RetentionInDays is not set: logs never expire', { severity: 'warning', source });
    }
    return days >= min ? 'pass' : fail(`logs are kept ${days} days, less than the profile's ${min}`, { source });
  },
};
