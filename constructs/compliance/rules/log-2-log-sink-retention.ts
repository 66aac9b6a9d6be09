import { WORKLOAD_TYPES, annotation } from '../kubernetes-facts';
import { LOG_FORWARDER_ANNOTATIONS } from '../../core';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { isLogForwarder } from './log-forwarders';

/** LOG-2: the sink of a log forwarder keeps logs at least the profile's minimum. */
export const log2LogSinkRetention: ResourceRule = {
  id: 'LOG-2/log-sink-retention',
  control: 'LOG-2',
  scope: 'resource',
  title: "Log sinks keep logs at least the profile's minimum",
  description: `A log forwarder records the retention of its sink in the annotation ${LOG_FORWARDER_ANNOTATIONS.retentionDays} (LogForwarder writes it), at least the profile's logRetentionMinDays. Without it the retention cannot be proven from the artifacts.`,
  remediation: `Keep logs at the sink at least the profile's minimum, and record it in the annotation ${LOG_FORWARDER_ANNOTATIONS.retentionDays}`,
  appliesTo: WORKLOAD_TYPES,
  check(workload: Resource, { profile, input }: RuleContext): Outcome {
    if (!isLogForwarder(workload, input)) return 'not-applicable';
    const source = profile.figureSources.logRetention;
    const min = profile.logRetentionMinDays;
    const recorded = annotation(workload, LOG_FORWARDER_ANNOTATIONS.retentionDays);
    if (recorded === undefined) {
      return cannotProve(
        `the retention of the forwarder's sink is not recorded (annotation ${LOG_FORWARDER_ANNOTATIONS.retentionDays}), so keeping logs ${min} days cannot be proven`,
        { source },
      );
    }
    if (!/^\d+$/.test(recorded.trim())) {
      return cannotProve(
        `the annotation ${LOG_FORWARDER_ANNOTATIONS.retentionDays} is '${recorded}', not a number of days`,
        {
          source,
        },
      );
    }
    const days = Number(recorded.trim());
    return days >= min
      ? 'pass'
      : fail(`the forwarder's sink keeps logs ${days} days, less than the profile's ${min}`, { source });
  },
};
