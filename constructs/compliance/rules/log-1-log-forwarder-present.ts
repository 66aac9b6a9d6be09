import { LOG_FORWARDER_ANNOTATIONS } from '../../core';
import { annotation, clusters, containersOf, K8S, podSpecOf } from '../normalize/kubernetes-facts';
import { MANIFESTS_CLUSTER } from '../read/kubernetes-manifests';
import type { CheckInput } from '../normalize/model';
import { cannotProve, type InputRule, type LocatedPass, type LocatedProblem } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { isLogForwarder } from './log-forwarders';
import { listed } from './site-placement';

/**
 * LOG-1: every Kubernetes cluster of the input runs a log forwarder DaemonSet (judged over the
 * whole input, as the trail: absent is cannot-prove, not a failure).
 */
export const log1LogForwarderPresent: InputRule = {
  id: 'LOG-1/log-forwarder-present',
  control: 'LOG-1',
  scope: 'input',
  title: {
    en: 'Every cluster ships its container logs',
    fr: 'Chaque cluster transmet les journaux de ses conteneurs',
  },
  description:
    "For each Kubernetes cluster of the input (a Terraform stack and provider, or the plain manifests of the run), a log forwarder DaemonSet ships container logs off the nodes. Judged over the whole input: manifests of one application checked alone are not failed for lacking the platform's forwarder, but the logging cannot be proven.",
  remediation: {
    en: 'Check the cluster together with its log forwarder, or deploy one (LogForwarder)',
    fr: 'Vérifier le cluster avec son transmetteur de journaux, ou en déployer un (LogForwarder)',
  },
  appliesTo: [],
  evidence: [K8S.daemonSet],
  observes: ['cluster', 'forwarders'],
  check(input: CheckInput): Array<LocatedProblem | LocatedPass> {
    const out: Array<LocatedProblem | LocatedPass> = [];
    for (const [cluster, objects] of clusters(input)) {
      const forwarders = (objects.byType.get(K8S.daemonSet) ?? []).filter((d) => isLogForwarder(d, input));
      if (forwarders.length) {
        out.push(
          ...forwarders.map((resource) => ({
            pass: true as const,
            resource,
            evidence: evidenceOf({
              cluster,
              forwarders: forwarders.length,
              images: listed(
                containersOf(podSpecOf(resource)).flatMap(({ container: { image } }) =>
                  typeof image === 'string' ? [image] : [],
                ),
              ),
              sink: annotation(resource, LOG_FORWARDER_ANNOTATIONS.sink),
            }),
          })),
        );
        continue;
      }
      const provider = cluster.slice(cluster.lastIndexOf('#') + 1);
      const problem = cannotProve(
        cluster === MANIFESTS_CLUSTER
          ? {
              en: 'no log forwarder DaemonSet among the manifests: the shipping of container logs cannot be proven',
              fr: "aucun DaemonSet de transmission de journaux parmi les manifestes : impossible de prouver l'envoi des journaux des conteneurs",
            }
          : {
              en: `no log forwarder DaemonSet for provider '${provider}': the shipping of container logs cannot be proven`,
              fr: `aucun DaemonSet de transmission de journaux pour le fournisseur Terraform '${provider}' : impossible de prouver l'envoi des journaux des conteneurs`,
            },
        { severity: 'warning', evidence: { cluster, forwarders: 0 } },
      );
      const template = objects.objects[0].template;
      out.push(
        cluster === MANIFESTS_CLUSTER ? { ...problem, subject: 'kubernetes-manifests' } : { ...problem, template },
      );
    }
    return out;
  },
};
