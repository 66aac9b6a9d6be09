import { isAtLeast } from '../../core';
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
import { levelOf, levelUnknown } from './helpers';
import { evidenceOf } from '../judge/evidence';

/** LOG-2: log groups keep logs at least the profile's minimum. */
export const log2LogGroupRetention: ResourceRule = {
  id: 'LOG-2/log-group-retention',
  control: 'LOG-2',
  scope: 'resource',
  title: {
    en: "Log groups keep logs at least the profile's minimum",
    fr: 'Les groupes de journaux conservent les journaux au moins pendant la durée minimale du profil',
  },
  description:
    "An AWS::Logs::LogGroup has RetentionInDays at least the profile's minimum. Without it, logs never expire: a finding for personal data and above (kept without limit), a warning otherwise.",
  remediation: {
    en: "Set RetentionInDays to at least the profile's logRetentionMinDays (e.g. use EncryptedLogGroup)",
    fr: 'Définir RetentionInDays à au moins logRetentionMinDays du profil (par exemple avec EncryptedLogGroup)',
  },
  appliesTo: ['AWS::Logs::LogGroup'],
  observes: ['retentionDays', 'minimumDays'],
  observe(group: Resource, { profile }: RuleContext) {
    return evidenceOf({
      retentionDays: group.properties.RetentionInDays ?? 'never expires',
      minimumDays: profile.logRetentionMinDays,
      level: levelOf(group),
    });
  },
  check(group: Resource, { profile }: RuleContext): Outcome {
    const source = profile.figureSources.logRetention;
    const min = profile.logRetentionMinDays;
    const days = int(group.properties.RetentionInDays);
    if (isUnresolved(days)) return cannotProve(unknownValue('RetentionInDays', 'RetentionInDays', days), { source });
    if (days === undefined) {
      const level = levelOf(group);
      if (!level) {
        return levelUnknown(group, {
          en: 'whether logs kept forever are acceptable',
          fr: 'que des journaux conservés sans limite sont acceptables',
        });
      }
      return isAtLeast(level, 'personal')
        ? fail(
            {
              en: `RetentionInDays is not set: logs of level '${level}' would be kept without limit`,
              fr: `RetentionInDays n'est pas défini : les journaux de niveau '${level}' seraient conservés sans limite`,
            },
            { source },
          )
        : fail(
            {
              en: 'RetentionInDays is not set: logs never expire',
              fr: "RetentionInDays n'est pas défini : les journaux n'expirent jamais",
            },
            { severity: 'warning', source },
          );
    }
    return days >= min
      ? 'pass'
      : fail(
          {
            en: `logs are kept ${days} days, less than the profile's ${min}`,
            fr: `les journaux sont conservés ${jours(days)}, moins que les ${jours(min)} du profil`,
          },
          { source },
        );
  },
};
