import { K8S, WORKLOAD_TYPES } from '../kubernetes-facts';
import { LOG_FORWARDER_ANNOTATIONS } from '../../core';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { allowlistedSink, forwarderSinks, isLogForwarder } from './log-forwarders';

/** RES-3: log forwarders ship only to the profile's allowlisted in-country sinks. */
export const res3LogSink: ResourceRule = {
  id: 'RES-3/log-sink-allowlisted',
  control: 'RES-3',
  scope: 'resource',
  title: 'Log forwarders ship to allowlisted in-country sinks',
  description: `Every destination of a log forwarder is on the profile's allowlists.logSinks (a host, host:port or URL). The destination is read from the annotation ${LOG_FORWARDER_ANNOTATIONS.sink} (LogForwarder writes it), else from the outputs of the Fluent Bit configuration the forwarder mounts; a forwarder whose destinations cannot be read, or a profile without an allowlist, cannot prove where the logs go.`,
  remediation: `Ship logs only to an in-country sink of the profile's allowlists.logSinks, and record it in the annotation ${LOG_FORWARDER_ANNOTATIONS.sink}`,
  appliesTo: WORKLOAD_TYPES,
  evidence: [K8S.configMap],
  check(workload: Resource, { profile, input }: RuleContext): Outcome {
    if (!isLogForwarder(workload, input)) return 'not-applicable';
    const { sinks, unknown } = forwarderSinks(workload, input);
    const allowlist = profile.allowlists.logSinks;
    const outcomes: Outcome[] = unknown.map((why) => cannotProve(`where the forwarder ships logs is unknown: ${why}`));
    for (const sink of sinks) {
      if (!allowlist.length) {
        outcomes.push(
          cannotProve(
            `profile '${profile.id}' declares no in-country log sinks, so whether '${sink.text}' keeps logs in the jurisdiction cannot be proven`,
            { remediation: "Declare the in-country log sinks in the profile's allowlists.logSinks" },
          ),
        );
      } else if (allowlistedSink(sink, allowlist)) {
        outcomes.push('pass');
      } else {
        outcomes.push(
          fail(
            `the forwarder ships logs to '${sink.text}', which is not on the profile's allowlist of in-country log sinks (${allowlist.join(', ')})`,
          ),
        );
      }
    }
    return combine(outcomes);
  },
};
