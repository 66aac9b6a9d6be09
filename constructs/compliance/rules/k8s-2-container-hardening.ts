import { PURPOSES, TAG_KEYS, type LocalizedText } from '../../core';
import {
  isAbsent,
  K8S,
  namespaceLabel,
  namespaceOf,
  podTemplateOf,
  WORKLOAD_TYPES,
  wrongShape,
} from '../normalize/kubernetes-facts';
import { isJsonObject } from '../read/kubernetes-source';
import type { Resource } from '../normalize/model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { LOGS_NAMESPACE_EXCEPTION } from './builtin-exceptions';
import { evidenceOf, observed, type EvidenceValue } from '../judge/evidence';

type Json = Record<string, unknown>;

const HOST_NAMESPACES: ReadonlyArray<[string, LocalizedText]> = [
  ['hostNetwork', { en: 'network', fr: 'réseau' }],
  ['hostPID', { en: 'process IDs', fr: 'PID' }],
  ['hostIPC', { en: 'IPC', fr: 'IPC' }],
];

/** Capabilities Pod Security `restricted` lets a container add back. */
const ALLOWED_ADDED = new Set(['NET_BIND_SERVICE']);

const A_BOOLEAN = {
  en: 'a boolean (the API server refuses the object)',
  fr: "un booléen (le serveur d'API refuse l'objet)",
};
const AN_INTEGER = {
  en: 'an integer (the API server refuses the object)',
  fr: "un entier (le serveur d'API refuse l'objet)",
};
const A_LIST_OF_NAMES = {
  en: 'a list of capability names (the API server refuses the object)',
  fr: "une liste de noms de capacités (le serveur d'API refuse l'objet)",
};
const AN_OBJECT = {
  en: 'an object (the API server refuses the object)',
  fr: "un objet (le serveur d'API refuse l'objet)",
};

function underVarLog(path: unknown): boolean {
  return typeof path === 'string' && (path.replace(/\/+$/, '') === '/var/log' || path.startsWith('/var/log/'));
}

/** A value of the wrong type: reported as `cannot-prove`, never taken as either value. */
const UNREADABLE = Symbol('unreadable');
type Read<T> = T | undefined | typeof UNREADABLE;

/**
 * Reads the fields of security contexts: a field absent (or null, or an empty string) is
 * absent; a value of another type than the API's is {@link UNREADABLE}, and a `cannot-prove`
 * naming it.
 */
class Fields {
  readonly problems: Outcome[] = [];

  private read<T>(
    object: Json,
    key: string,
    path: string,
    expected: LocalizedText,
    ok: (v: unknown) => v is T,
  ): Read<T> {
    const value = object[key];
    if (isAbsent(value)) return undefined;
    if (ok(value)) return value;
    this.problems.push(cannotProve(wrongShape(`${path}.${key}`, value, expected)));
    return UNREADABLE;
  }

  flag(object: Json, key: string, path: string): Read<boolean> {
    return this.read(object, key, path, A_BOOLEAN, (v): v is boolean => typeof v === 'boolean');
  }

  integer(object: Json, key: string, path: string): Read<number> {
    return this.read(object, key, path, AN_INTEGER, (v): v is number => typeof v === 'number' && Number.isInteger(v));
  }

  object(object: Json, key: string, path: string): Read<Json> {
    return this.read(object, key, path, AN_OBJECT, isJsonObject);
  }

  /** A list of capability names, upper-cased. */
  names(object: Json, key: string, path: string): Read<string[]> {
    const names = this.read(
      object,
      key,
      path,
      A_LIST_OF_NAMES,
      (v): v is string[] => Array.isArray(v) && v.every((c) => typeof c === 'string'),
    );
    return Array.isArray(names) ? names.map((c) => c.toUpperCase()) : names;
  }
}

/**
 * What is missing from one container's hardening (its own security context over the pod's). A
 * value of the wrong type makes no gap: it is a `cannot-prove` of {@link Fields}.
 */
function containerGaps(container: Json, containerPath: string, pod: Json, podPath: string, fields: Fields) {
  const scPath = `${containerPath}.securityContext`;
  // A securityContext of the wrong shape is a problem of the pod template (podTemplateOf).
  const sc = isJsonObject(container.securityContext) ? container.securityContext : {};
  const runAsNonRoot = fields.flag(sc, 'runAsNonRoot', scPath) ?? fields.flag(pod, 'runAsNonRoot', podPath);
  const runAsUser = fields.integer(sc, 'runAsUser', scPath) ?? fields.integer(pod, 'runAsUser', podPath);
  const root: LocalizedText | undefined =
    runAsUser === 0
      ? { en: 'runs as root (runAsUser 0)', fr: "s'exécute en tant que root (runAsUser 0)" }
      : runAsNonRoot !== true && runAsNonRoot !== UNREADABLE
        ? {
            en: 'may run as root (runAsNonRoot is not true)',
            fr: "peut s'exécuter en tant que root (runAsNonRoot ne vaut pas true)",
          }
        : undefined;
  const gaps: LocalizedText[] = [];
  const privileged = fields.flag(sc, 'privileged', scPath);
  if (privileged === true) gaps.push({ en: 'is privileged', fr: 'est privilégié' });
  const escalation = fields.flag(sc, 'allowPrivilegeEscalation', scPath);
  if (escalation !== false && escalation !== UNREADABLE) {
    gaps.push({ en: 'allowPrivilegeEscalation is not false', fr: 'ne fixe pas allowPrivilegeEscalation à false' });
  }
  const capabilities = fields.object(sc, 'capabilities', scPath);
  const caps = capabilities === UNREADABLE ? undefined : (capabilities ?? {});
  const drop = caps && fields.names(caps, 'drop', `${scPath}.capabilities`);
  if (caps && drop !== UNREADABLE && !drop?.includes('ALL')) {
    gaps.push({ en: 'does not drop ALL capabilities', fr: 'ne retire pas toutes les capacités (ALL)' });
  }
  const add = caps && fields.names(caps, 'add', `${scPath}.capabilities`);
  const added = Array.isArray(add) ? add.filter((c) => !ALLOWED_ADDED.has(c)) : [];
  if (added.length) {
    gaps.push({ en: `adds capabilities ${added.join(', ')}`, fr: `ajoute les capacités ${added.join(', ')}` });
  }
  const readOnly = fields.flag(sc, 'readOnlyRootFilesystem', scPath);
  if (readOnly !== true && readOnly !== UNREADABLE) {
    gaps.push({
      en: 'has a writable root filesystem',
      fr: 'a un système de fichiers racine accessible en écriture',
    });
  }
  const listed = (names: Read<string[]> | undefined) =>
    names === UNREADABLE ? undefined : names?.length ? names : 'none';
  // The settings read, an absent one as the default that applies (an unreadable one is left out).
  const settings = {
    runAsNonRoot: known(runAsNonRoot, false),
    runAsUser: known(runAsUser, undefined),
    allowPrivilegeEscalation: known(escalation, true),
    privileged: known(privileged, false),
    capabilitiesDrop: caps && listed(drop),
    capabilitiesAdd: caps && listed(add),
    readOnlyRootFilesystem: known(readOnly, false),
  };
  return { root, gaps, settings };
}

function known<T>(value: Read<T>, absent: T | undefined): T | undefined {
  return value === UNREADABLE ? undefined : (value ?? absent);
}

/** One value of the containers' values of a setting, or `container:value` of each when they differ. */
function merged(values: ReadonlyArray<[string, unknown]>): EvidenceValue | undefined {
  const shown = values.flatMap(([name, value]) => {
    const v = observed(value);
    return v === undefined ? [] : [{ name, v, text: Array.isArray(v) ? v.join('+') : String(v) }];
  });
  if (!shown.length) return undefined;
  return shown.every((s) => s.text === shown[0].text) ? shown[0].v : shown.map((s) => `${s.name}:${s.text}`);
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
  observes: [
    'containers',
    'runAsNonRoot',
    'allowPrivilegeEscalation',
    'privileged',
    'capabilitiesDrop',
    'readOnlyRootFilesystem',
    ...HOST_NAMESPACES.map(([key]) => key),
    'hostPathVolumes',
  ],
  observe(workload: Resource) {
    const pod = podTemplateOf(workload);
    const podSpec = pod?.spec;
    if (!pod || !podSpec) return evidenceOf({ namespace: namespaceOf(workload) });
    const fields = new Fields();
    const podSecurity = isJsonObject(podSpec.securityContext) ? podSpec.securityContext : {};
    const podPath = `${pod.path}.securityContext`;
    const containers = pod.containers.filter(
      (c) => isAbsent(c.container.securityContext) || isJsonObject(c.container.securityContext),
    );
    const settings = containers.map(
      (c) => [c.name, containerGaps(c.container, c.path ?? c.name, podSecurity, podPath, fields).settings] as const,
    );
    const setting = (key: keyof (typeof settings)[number][1]) => merged(settings.map(([name, s]) => [name, s[key]]));
    const names = pod.containers.map((c) => c.name);
    return evidenceOf({
      namespace: namespaceOf(workload),
      containers: names.length ? names.slice(0, 20) : undefined,
      containerCount: names.length > 20 ? names.length : undefined,
      runAsNonRoot: setting('runAsNonRoot'),
      runAsUser: setting('runAsUser'),
      allowPrivilegeEscalation: setting('allowPrivilegeEscalation'),
      privileged: setting('privileged'),
      capabilitiesDrop: setting('capabilitiesDrop'),
      capabilitiesAdd: setting('capabilitiesAdd'),
      readOnlyRootFilesystem: setting('readOnlyRootFilesystem'),
      ...Object.fromEntries(HOST_NAMESPACES.map(([key]) => [key, known(fields.flag(podSpec, key, pod.path), false)])),
      hostPathVolumes: pod.volumes.filter((v) => !isAbsent(v.hostPath)).length,
    });
  },
  check(workload: Resource, { input }: RuleContext): Outcome {
    const pod = podTemplateOf(workload);
    if (!pod) return 'not-applicable';
    const outcomes: Outcome[] = pod.problems.map((p) => cannotProve(p));
    const podSpec = pod.spec;
    if (!podSpec) return combine(outcomes);
    const fields = new Fields();
    for (const [key, what] of HOST_NAMESPACES) {
      if (fields.flag(podSpec, key, pod.path) === true) {
        outcomes.push(
          fail({
            en: `the pods share the node's ${what.en} namespace (${key})`,
            fr: `les pods partagent l'espace de noms ${what.fr} du nœud (${key})`,
          }),
        );
      }
    }
    const { containers } = pod;
    const logsNamespace =
      workload.type === K8S.daemonSet && namespaceLabel(workload, input, TAG_KEYS.purpose) === PURPOSES.logs;
    const hostPaths = pod.volumes.filter((v) => !isAbsent(v.hostPath));
    let allExempt = hostPaths.length > 0;
    for (const volume of hostPaths) {
      const hostPath = volume.hostPath;
      const path = isJsonObject(hostPath) ? hostPath.path : undefined;
      const mounts = containers.flatMap((c) => {
        const list = c.container.volumeMounts;
        return Array.isArray(list) ? list.filter((m): m is Json => isJsonObject(m) && m.name === volume.name) : [];
      });
      const readOnly = mounts.every((m) => m.readOnly === true);
      const exempt = logsNamespace && underVarLog(path) && readOnly;
      allExempt &&= exempt;
      const name = String(volume.name);
      const evidence = evidenceOf({ volume: name, hostPath: path, readOnly });
      outcomes.push(
        fail(
          {
            en: `volume '${name}' mounts the node's ${typeof path === 'string' ? path : 'path'} (hostPath, ${readOnly ? 'read-only' : 'writable'})`,
            fr: `le volume '${name}' monte ${typeof path === 'string' ? `le chemin ${path}` : 'un chemin'} du nœud (hostPath, ${readOnly ? 'en lecture seule' : 'en écriture'})`,
          },
          exempt ? { exception: LOGS_NAMESPACE_EXCEPTION, evidence } : { evidence },
        ),
      );
    }
    const podPath = `${pod.path}.securityContext`;
    const podSecurity = isJsonObject(podSpec.securityContext) ? podSpec.securityContext : {};
    for (const c of containers) {
      // A security context of the wrong shape is a problem of the pod template: nothing to judge.
      if (!isAbsent(c.container.securityContext) && !isJsonObject(c.container.securityContext)) continue;
      const { root, gaps, settings } = containerGaps(c.container, c.path ?? c.name, podSecurity, podPath, fields);
      // This container's own settings, over the merged ones of the workload's evidence.
      const evidence = evidenceOf({ container: c.name, ...settings });
      if (root) {
        outcomes.push(
          fail(
            { en: `container '${c.name}' ${root.en}`, fr: `le conteneur '${c.name}' ${root.fr}` },
            allExempt ? { exception: LOGS_NAMESPACE_EXCEPTION, evidence } : { evidence },
          ),
        );
      }
      if (gaps.length) {
        outcomes.push(
          fail(
            {
              en: `container '${c.name}' ${gaps.map((g) => g.en).join(', ')}`,
              fr: `le conteneur '${c.name}' ${gaps.map((g) => g.fr).join(', ')}`,
            },
            { evidence },
          ),
        );
      }
    }
    // A value read twice (the pod's securityContext, for each container) is reported once.
    const seen = new Set<string>();
    for (const problem of fields.problems) {
      const key = JSON.stringify(problem);
      if (!seen.has(key)) outcomes.push(problem);
      seen.add(key);
    }
    return outcomes.length ? combine(outcomes) : 'pass';
  },
};
