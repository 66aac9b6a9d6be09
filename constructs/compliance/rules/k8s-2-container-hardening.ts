import { PURPOSES, TAG_KEYS } from '../../core';
import { containersOf, K8S, listField, mapField, namespaceLabel, podSpecOf, WORKLOAD_TYPES } from '../kubernetes-facts';
import type { Resource } from '../model';
import { combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { LOGS_NAMESPACE_EXCEPTION } from './builtin-exceptions';

const HOST_NAMESPACES: ReadonlyArray<[string, string]> = [
  ['hostNetwork', 'network'],
  ['hostPID', 'process IDs'],
  ['hostIPC', 'IPC'],
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
  const root =
    runAsUser === 0 || runAsUser === '0'
      ? 'runs as root (runAsUser 0)'
      : runAsNonRoot !== true
        ? 'may run as root (runAsNonRoot is not true)'
        : undefined;
  const gaps: string[] = [];
  if (sc.privileged === true) gaps.push('is privileged');
  if (sc.allowPrivilegeEscalation !== false) gaps.push('allowPrivilegeEscalation is not false');
  const drop = mapField(sc, 'capabilities').drop;
  if (!Array.isArray(drop) || !drop.some((c) => String(c).toUpperCase() === 'ALL'))
    gaps.push('does not drop ALL capabilities');
  const add = mapField(sc, 'capabilities').add;
  const added = Array.isArray(add) ? add.map(String).filter((c) => !ALLOWED_ADDED.has(c.toUpperCase())) : [];
  if (added.length) gaps.push(`adds capabilities ${added.join(', ')}`);
  if (sc.readOnlyRootFilesystem !== true) gaps.push('has a writable root filesystem');
  return { root, gaps };
}

/** K8S-2: containers run hardened, without host namespaces or host paths. */
export const k8s2ContainerHardening: ResourceRule = {
  id: 'K8S-2/container-hardening',
  control: 'K8S-2',
  scope: 'resource',
  title: 'Containers are hardened',
  description: `Every container (init and ephemeral ones too) runs as non-root (runAsNonRoot, never runAsUser 0), with allowPrivilegeEscalation false, not privileged, capabilities dropped (ALL; only NET_BIND_SERVICE added back) and a read-only root filesystem; the pods use no host network, PID or IPC namespace and no hostPath volume. Built-in exception: a DaemonSet of a namespace labelled ${TAG_KEYS.purpose}: ${PURPOSES.logs} may mount hostPath under /var/log read-only and run as root to read the node's logs, reported as suppressed.`,
  remediation:
    'Set runAsNonRoot, allowPrivilegeEscalation: false, capabilities.drop [ALL] and readOnlyRootFilesystem on every container, and drop host namespaces and hostPath volumes (HardenedWorkload does it)',
  appliesTo: WORKLOAD_TYPES,
  check(workload: Resource, { input }: RuleContext): Outcome {
    const podSpec = podSpecOf(workload);
    if (!podSpec) return 'not-applicable';
    const outcomes: Outcome[] = [];
    for (const [key, what] of HOST_NAMESPACES) {
      if (podSpec[key] === true) outcomes.push(fail(`the pods share the node's ${what} namespace (${key})`));
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
      const readOnly = mounts.every((m) => m.readOnly === true) ? 'read-only' : 'writable';
      outcomes.push(
        fail(
          `volume '${String(volume.name)}' mounts the node's ${typeof path === 'string' ? path : 'path'} (hostPath, ${readOnly})`,
          exempt ? { exception: LOGS_NAMESPACE_EXCEPTION } : {},
        ),
      );
    }
    const podSecurity = mapField(podSpec, 'securityContext');
    for (const c of containers) {
      const { root, gaps } = containerGaps(c.container, podSecurity);
      if (root)
        outcomes.push(fail(`container '${c.name}' ${root}`, allExempt ? { exception: LOGS_NAMESPACE_EXCEPTION } : {}));
      if (gaps.length) outcomes.push(fail(`container '${c.name}' ${gaps.join(', ')}`));
    }
    return outcomes.length ? combine(outcomes) : 'pass';
  },
};
