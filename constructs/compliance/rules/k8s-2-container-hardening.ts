import { PURPOSES, TAG_KEYS, type LocalizedText } from '../../core';
import { containersOf, K8S, listField, mapField, namespaceLabel, podSpecOf, WORKLOAD_TYPES } from '../kubernetes-facts';
import type { Resource } from '../model';
import { combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { LOGS_NAMESPACE_EXCEPTION } from './builtin-exceptions';

const HOST_NAMESPACES: ReadonlyArray<[string, LocalizedText]> = [
  ['hostNetwork', { en: 'network', fr: 'réseau' }],
  ['hostPID', { en: 'process IDs', fr: 'PID' }],
  ['hostIPC', { en: 'IPC', fr: 'IPC' }],
];

/** Capabilities Pod Security `restricted` lets a container add back. */
const ALLOWED_ADDED = new Set(['NET_BIND_SERVICE']);

function underVarLog(path: unknown): boolean {
  return typeof path === 'string' && (path.replace(/\/+$/, '') === '/var/log' || path.startsWith('/var/log/'));
}

/** What is missing from one container's hardening (its own security context over the pod's). */
function containerGaps(container: Record<string, unknown>, pod: Readonly<Record<string, unknown>>) {
  const sc = mapField(container, 'securityContext');
  const runAsNonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
  const runAsUser = sc.runAsUser ?? pod.runAsUser;
  const root: LocalizedText | undefined =
    runAsUser === 0 || runAsUser === '0'
      ? { en: 'runs as root (runAsUser 0)', fr: "s'exécute en tant que root (runAsUser 0)" }
      : runAsNonRoot !== true
        ? {
            en: 'may run as root (runAsNonRoot is not true)',
            fr: "peut s'exécuter en tant que root (runAsNonRoot ne vaut pas true)",
          }
        : undefined;
  const gaps: LocalizedText[] = [];
  if (sc.privileged === true) gaps.push({ en: 'is privileged', fr: 'est privilégié' });
  if (sc.allowPrivilegeEscalation !== false) {
    gaps.push({ en: 'allowPrivilegeEscalation is not false', fr: 'ne fixe pas allowPrivilegeEscalation à false' });
  }
  const drop = mapField(sc, 'capabilities').drop;
  if (!Array.isArray(drop) || !drop.some((c) => String(c).toUpperCase() === 'ALL'))
    gaps.push({ en: 'does not drop ALL capabilities', fr: 'ne retire pas toutes les capacités (ALL)' });
  const add = mapField(sc, 'capabilities').add;
  const added = Array.isArray(add) ? add.map(String).filter((c) => !ALLOWED_ADDED.has(c.toUpperCase())) : [];
  if (added.length) {
    gaps.push({ en: `adds capabilities ${added.join(', ')}`, fr: `ajoute les capacités ${added.join(', ')}` });
  }
  if (sc.readOnlyRootFilesystem !== true) {
    gaps.push({
      en: 'has a writable root filesystem',
      fr: 'a un système de fichiers racine accessible en écriture',
    });
  }
  return { root, gaps };
}

/** K8S-2: containers run hardened, without host namespaces or host paths. */
export const k8s2ContainerHardening: ResourceRule = {
  id: 'K8S-2/container-hardening',
  control: 'K8S-2',
  scope: 'resource',
  title: {
    en: 'Containers are hardened',
    fr: 'Les conteneurs sont durcis',
  },
  description: `Every container (init and ephemeral ones too) runs as non-root (runAsNonRoot, never runAsUser 0), with allowPrivilegeEscalation false, not privileged, capabilities dropped (ALL; only NET_BIND_SERVICE added back) and a read-only root filesystem; the pods use no host network, PID or IPC namespace and no hostPath volume. Built-in exception: a DaemonSet of a namespace labelled ${TAG_KEYS.purpose}: ${PURPOSES.logs} may mount hostPath under /var/log read-only and run as root to read the node's logs, reported as suppressed.`,
  remediation: {
    en: 'Set runAsNonRoot, allowPrivilegeEscalation: false, capabilities.drop [ALL] and readOnlyRootFilesystem on every container, and drop host namespaces and hostPath volumes (HardenedWorkload does it)',
    fr: "Définir runAsNonRoot, allowPrivilegeEscalation: false, capabilities.drop [ALL] et readOnlyRootFilesystem sur chaque conteneur, et renoncer aux espaces de noms de l'hôte et aux volumes hostPath (HardenedWorkload le fait)",
  },
  appliesTo: WORKLOAD_TYPES,
  check(workload: Resource, { input }: RuleContext): Outcome {
    const podSpec = podSpecOf(workload);
    if (!podSpec) return 'not-applicable';
    const outcomes: Outcome[] = [];
    for (const [key, what] of HOST_NAMESPACES) {
      if (podSpec[key] === true) {
        outcomes.push(
          fail({
            en: `the pods share the node's ${what.en} namespace (${key})`,
            fr: `les pods partagent l'espace de noms ${what.fr} du nœud (${key})`,
          }),
        );
      }
    }
    const containers = containersOf(podSpec);
    const logsNamespace =
      workload.type === K8S.daemonSet && namespaceLabel(workload, input, TAG_KEYS.purpose) === PURPOSES.logs;
    const hostPaths = listField(podSpec, 'volumes').filter((v) => v.hostPath !== undefined);
    let allExempt = hostPaths.length > 0;
    for (const volume of hostPaths) {
      const path = mapField(volume, 'hostPath').path;
      const mounts = containers.flatMap((c) =>
        listField(c.container, 'volumeMounts').filter((m) => m.name === volume.name),
      );
      const exempt = logsNamespace && underVarLog(path) && mounts.every((m) => m.readOnly === true);
      allExempt &&= exempt;
      const readOnly = mounts.every((m) => m.readOnly === true);
      const name = String(volume.name);
      outcomes.push(
        fail(
          {
            en: `volume '${name}' mounts the node's ${typeof path === 'string' ? path : 'path'} (hostPath, ${readOnly ? 'read-only' : 'writable'})`,
            fr: `le volume '${name}' monte ${typeof path === 'string' ? `le chemin ${path}` : 'un chemin'} du nœud (hostPath, ${readOnly ? 'en lecture seule' : 'en écriture'})`,
          },
          exempt ? { exception: LOGS_NAMESPACE_EXCEPTION } : {},
        ),
      );
    }
    const podSecurity = mapField(podSpec, 'securityContext');
    for (const c of containers) {
      const { root, gaps } = containerGaps(c.container, podSecurity);
      if (root) {
        outcomes.push(
          fail(
            { en: `container '${c.name}' ${root.en}`, fr: `le conteneur '${c.name}' ${root.fr}` },
            allExempt ? { exception: LOGS_NAMESPACE_EXCEPTION } : {},
          ),
        );
      }
      if (gaps.length) {
        outcomes.push(
          fail({
            en: `container '${c.name}' ${gaps.map((g) => g.en).join(', ')}`,
            fr: `le conteneur '${c.name}' ${gaps.map((g) => g.fr).join(', ')}`,
          }),
        );
      }
    }
    return outcomes.length ? combine(outcomes) : 'pass';
  },
};
