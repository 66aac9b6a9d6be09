import { K8S, memoized, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import { LOG_FORWARDER_ANNOTATIONS } from '../../core';
import type { CheckInput, Resource } from '../normalize/model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { allowlistedSink, forwarderSinks, isLogForwarder, type ForwarderSinks } from './log-forwarders';
import { listed } from './site-placement';

/** The forwarder's sinks, read once per input for the check and its evidence (they may parse its ConfigMaps). */
function sinksOf(workload: Resource, input: CheckInput): ForwarderSinks {
  const read = memoized(input, 'res3ForwarderSinks', () => new Map<Resource, ForwarderSinks>());
  let sinks = read.get(workload);
  if (!sinks) read.set(workload, (sinks = forwarderSinks(workload, input)));
  return sinks;
}

/** RES-3: log forwarders ship only to the profile's allowlisted in-country sinks. */
export const res3LogSink: ResourceRule = {
  id: 'RES-3/log-sink-allowlisted',
  control: 'RES-3',
  scope: 'resource',
  title: {
    en: 'Log forwarders ship to allowlisted in-country sinks',
    fr: "Les transmetteurs de journaux n'envoient qu'à des destinations autorisées situées dans le pays",
  },
  description: `Every destination of a log forwarder is on the profile's allowlists.logSinks (a host, host:port or URL). The destination is read from the annotation ${LOG_FORWARDER_ANNOTATIONS.sink} (LogForwarder writes it), else from the outputs of the Fluent Bit configuration the forwarder mounts; a forwarder whose destinations cannot be read, or a profile without an allowlist, cannot prove where the logs go.`,
  remediation: {
    en: `Ship logs only to an in-country sink of the profile's allowlists.logSinks, and record it in the annotation ${LOG_FORWARDER_ANNOTATIONS.sink}`,
    fr: `N'envoyer les journaux qu'à une destination située dans le pays et inscrite dans allowlists.logSinks du profil, et l'inscrire dans l'annotation ${LOG_FORWARDER_ANNOTATIONS.sink}`,
  },
  appliesTo: WORKLOAD_TYPES,
  evidence: [K8S.configMap],
  observes: ['sinks', 'allowedSinks'],
  observe(workload: Resource, { profile, input }: RuleContext) {
    const { sinks, unknown } = sinksOf(workload, input);
    return evidenceOf({
      sinks: listed(sinks.map((s) => s.text.trim())),
      unreadSinks: unknown.length || undefined,
      allowedSinks: listed(profile.allowlists.logSinks),
    });
  },
  check(workload: Resource, { profile, input }: RuleContext): Outcome {
    if (!isLogForwarder(workload, input)) return 'not-applicable';
    const { sinks, unknown } = sinksOf(workload, input);
    const allowlist = profile.allowlists.logSinks;
    const outcomes: Outcome[] = unknown.map((why) =>
      cannotProve({
        en: `where the forwarder ships logs is unknown: ${why.en}`,
        fr: `la destination des journaux du transmetteur est inconnue : ${why.fr}`,
      }),
    );
    for (const sink of sinks) {
      if (!allowlist.length) {
        outcomes.push(
          cannotProve(
            {
              en: `profile '${profile.id}' declares no in-country log sinks, so whether '${sink.text}' keeps logs in the jurisdiction cannot be proven`,
              fr: `le profil '${profile.id}' ne déclare aucune destination de journaux située dans le pays : impossible donc de prouver que '${sink.text}' garde les journaux dans la juridiction`,
            },
            {
              remediation: {
                en: "Declare the in-country log sinks in the profile's allowlists.logSinks",
                fr: 'Déclarer les destinations de journaux situées dans le pays dans allowlists.logSinks du profil',
              },
            },
          ),
        );
      } else if (allowlistedSink(sink, allowlist)) {
        outcomes.push('pass');
      } else {
        outcomes.push(
          fail({
            en: `the forwarder ships logs to '${sink.text}', which is not on the profile's allowlist of in-country log sinks (${allowlist.join(', ')})`,
            fr: `le transmetteur envoie les journaux à '${sink.text}', qui ne figure pas sur la liste d'autorisation du profil des destinations de journaux situées dans le pays (${allowlist.join(', ')})`,
          }),
        );
      }
    }
    return combine(outcomes);
  },
};
