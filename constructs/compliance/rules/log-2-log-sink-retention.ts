import { WORKLOAD_TYPES, annotation } from '../normalize/kubernetes-facts';
import { LOG_FORWARDER_ANNOTATIONS } from '../../core';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, jours, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { isLogForwarder } from './log-forwarders';

/** LOG-2: the sink of a log forwarder keeps logs at least the profile's minimum. */
export const log2LogSinkRetention: ResourceRule = {
  id: 'LOG-2/log-sink-retention',
  control: 'LOG-2',
  scope: 'resource',
  title: {
    en: "Log sinks keep logs at least the profile's minimum",
    fr: 'Les destinations de journaux conservent les journaux au moins pendant la durée minimale du profil',
  },
  description: `A log forwarder records the retention of its sink in the annotation ${LOG_FORWARDER_ANNOTATIONS.retentionDays} (LogForwarder writes it), at least the profile's logRetentionMinDays. Without it the retention cannot be proven from the artifacts.`,
  remediation: {
    en: `Keep logs at the sink at least the profile's minimum, and record it in the annotation ${LOG_FORWARDER_ANNOTATIONS.retentionDays}`,
    fr: `Conserver les journaux à destination au moins pendant la durée minimale du profil, et l'inscrire dans l'annotation ${LOG_FORWARDER_ANNOTATIONS.retentionDays}`,
  },
  appliesTo: WORKLOAD_TYPES,
  observes: ['retentionDays', 'minimumDays'],
  observe(workload: Resource, { profile }: RuleContext) {
    const recorded = annotation(workload, LOG_FORWARDER_ANNOTATIONS.retentionDays)?.trim();
    return evidenceOf({
      retentionDays: recorded !== undefined && /^\d+$/.test(recorded) ? Number(recorded) : recorded,
      minimumDays: profile.logRetentionMinDays,
      sink: annotation(workload, LOG_FORWARDER_ANNOTATIONS.sink),
    });
  },
  check(workload: Resource, { profile, input }: RuleContext): Outcome {
    if (!isLogForwarder(workload, input)) return 'not-applicable';
    const source = profile.figureSources.logRetention;
    const min = profile.logRetentionMinDays;
    const recorded = annotation(workload, LOG_FORWARDER_ANNOTATIONS.retentionDays);
    const key = LOG_FORWARDER_ANNOTATIONS.retentionDays;
    if (recorded === undefined) {
      return cannotProve(
        {
          en: `the retention of the forwarder's sink is not recorded (annotation ${key}), so keeping logs ${min} days cannot be proven`,
          fr: `la durée de conservation de la destination du transmetteur n'est pas consignée (annotation ${key}) : impossible donc de prouver la conservation des journaux pendant ${jours(min)}`,
        },
        { source },
      );
    }
    if (!/^\d+$/.test(recorded.trim())) {
      return cannotProve(
        {
          en: `the annotation ${key} is '${recorded}', not a number of days`,
          fr: `l'annotation ${key} vaut '${recorded}', qui n'est pas un nombre de jours`,
        },
        { source },
      );
    }
    const days = Number(recorded.trim());
    return days >= min
      ? 'pass'
      : fail(
          {
            en: `the forwarder's sink keeps logs ${days} days, less than the profile's ${min}`,
            fr: `la destination du transmetteur conserve les journaux ${jours(days)}, moins que les ${jours(min)} du profil`,
          },
          { source },
        );
  },
};
