import { createHash } from 'node:crypto';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { DaemonSetV1 } from '@cdktf/provider-kubernetes/lib/daemon-set-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import type { Construct } from 'constructs';
import * as ipaddr from 'ipaddr.js';
import {
  isDnsLabel,
  isPortNumber,
  LOG_FORWARDER_ANNOTATIONS,
  TAG_KEYS,
  TOPOLOGY_KEYS,
  type ValidationProblem,
} from '../core';
import { imageProblems } from './image-policy';
import { placeholderImagePrerequisite } from './prerequisites';
import { SovereignKubernetesConstruct, type SovereignKubernetesProps } from './sovereign-kubernetes-construct';
import { SovereignNamespace } from './sovereign-namespace';
import { hasPlaceholderDigest, maxNodesProblems } from './workload-policy';

/** The in-country log sink the forwarder ships to, over TLS. */
export interface LogSink {
  /** The sink's host name, on the profile's `allowlists.logSinks` (RES-3). */
  readonly host: string;
  /**
   * The sink's port.
   * @default 24224 for `forward`, 443 for `http`
   */
  readonly port?: number;
  /**
   * The Fluent Bit output: `forward` (a Fluentd / Fluent Bit aggregator) or `http` (a JSON
   * HTTP endpoint, e.g. a SIEM collector).
   * @default 'forward'
   */
  readonly output?: 'forward' | 'http';
  /**
   * The HTTP path, for the `http` output.
   * @default '/'
   */
  readonly httpPath?: string;
  /**
   * The addresses of the sink (CIDR blocks): the forwarder may reach these, on the sink's
   * port, and nothing else but the cluster DNS.
   */
  readonly cidrs: readonly string[];
  /**
   * How many days the sink keeps the logs: at least the profile's minimum (LOG-2). Recorded
   * on the forwarder as the annotation `sovereign-lz.io/log-retention-days`.
   * @default - the profile's `logRetentionMinDays` (365 under `morocco`)
   */
  readonly retentionDays?: number;
}

/** Props of a {@link LogForwarder}. */
export interface LogForwarderProps extends SovereignKubernetesProps {
  /** The Fluent Bit image, from an allowlisted registry, pinned by digest (K8S-4). */
  readonly image: string;
  /** Where the logs go. */
  readonly sink: LogSink;
  /**
   * The name of the forwarder's own namespace.
   * @default 'sovereign-lz-logs'
   */
  readonly namespaceName?: string;
  /**
   * The most nodes the forwarder runs on (one pod per node, 1 to 5,000). Its namespace's
   * ResourceQuota admits that many pods plus the one a rolling update replaces at a time
   * (`maxUnavailable: 1`: the old pod counts until it has terminated), and their CPU and
   * memory: a node beyond it would get no forwarder, and its logs would not leave it.
   * @default - the cluster's `maxNodes` (100 by default)
   */
  readonly maxNodes?: number;
}

/** The CPU and memory of one forwarder pod. */
export const LOG_FORWARDER_RESOURCES = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '200m', memory: '256Mi' },
} as const;

/** Pods a rolling update of the DaemonSet adds at a time (its `maxUnavailable`; no surge). */
export const LOG_FORWARDER_ROLLOUT_PODS = 1;

/** `count` times a quantity in millicores (`50m`) or mebibytes (`64Mi`). */
function times(count: number, quantity: string): string {
  const [, value, unit] = /^(\d+)(m|Mi)$/.exec(quantity)!;
  return `${count * Number(value)}${unit}`;
}

const CONFIG_DIR = '/fluent-bit/etc/sovereign-lz';
const STATE_DIR = '/fluent-bit/state';

function sinkAllowed(sink: LogSink, port: number, allowlist: readonly string[]): boolean {
  return allowlist.some((entry) => {
    if (entry === sink.host) return true;
    try {
      const url = new URL(entry);
      return url.hostname === sink.host && (url.port === '' || Number(url.port) === port);
    } catch {
      return false;
    }
  });
}

/** The Fluent Bit configuration: tail the containers' logs, ship them over verified TLS. */
function fluentBitConfig(sink: LogSink, port: number): string {
  const output =
    (sink.output ?? 'forward') === 'forward'
      ? ['Name          forward']
      : ['Name          http', `URI           ${sink.httpPath ?? '/'}`, 'Format        json'];
  return [
    '[SERVICE]',
    '    Flush             5',
    '    Log_Level         info',
    '    HTTP_Server       On',
    '    HTTP_Listen       0.0.0.0',
    '    HTTP_Port         2020',
    `    storage.path      ${STATE_DIR}/buffer`,
    '',
    '[INPUT]',
    '    Name              tail',
    '    Tag               kube.*',
    '    Path              /var/log/containers/*.log',
    '    multiline.parser  cri, docker',
    `    DB                ${STATE_DIR}/tail.db`,
    '    Mem_Buf_Limit     50MB',
    '    Skip_Long_Lines   On',
    '    storage.type      filesystem',
    '',
    '[OUTPUT]',
    ...output.map((l) => `    ${l}`),
    '    Match         kube.*',
    `    Host          ${sink.host}`,
    `    Port          ${port}`,
    '    tls           On',
    '    tls.verify    On',
    '    Retry_Limit   False',
    '',
  ].join('\n');
}

/**
 * Ships every container's logs to an in-country sink over verified TLS (LOG-1, RES-3): a
 * Fluent Bit DaemonSet and its configuration, in its own namespace labelled
 * `sovereign-lz.io/purpose: logs` — the built-in exception of the controls, since reading
 * node logs needs a hostPath that Pod Security `restricted` forbids. The forwarder gets only
 * what it needs: `/var/log` mounted read-only, root without any capability (the log files
 * belong to root), a read-only root filesystem, no service account token and no Kubernetes
 * API access (the pod, namespace and container names travel in the tag), and egress only to
 * the sink's addresses and the cluster DNS. The sink's retention, at least the profile's
 * minimum (LOG-2), is recorded on the DaemonSet.
 *
 * @example
 * new LogForwarder(cluster, 'Logs', {
 *   image: 'registry.gov.ma/mirror/fluent-bit@sha256:…',
 *   sink: { host: 'logs.gov.ma', cidrs: ['10.20.0.0/24'] },
 * });
 */
export class LogForwarder extends SovereignKubernetesConstruct {
  /** The forwarder's namespace. */
  public readonly namespace: SovereignNamespace;
  /** The DaemonSet. */
  public readonly daemonSet: DaemonSetV1;
  /** The sink's retention in days. */
  public readonly retentionDays: number;
  /** The most nodes the forwarder's namespace quota admits a pod for. */
  public readonly maxNodes: number;

  constructor(scope: Construct, id: string, props: LogForwarderProps) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    const sink = props.sink ?? ({ host: '', cidrs: [] } as LogSink);
    const output = sink.output ?? 'forward';
    const port = sink.port ?? (output === 'forward' ? 24224 : 443);
    const allowlist = this.profile.allowlists.logSinks;
    if (!this.suppressionFor('RES-3') && !sinkAllowed(sink, port, allowlist)) {
      problems.push({
        rule: 'RES-3',
        message: {
          en: `log sink '${sink.host}:${port}' is not on the profile's allowlist of in-country log sinks (${allowlist.join(', ') || 'none declared'})`,
          fr: `la destination de journaux '${sink.host}:${port}' ne figure pas dans la liste autorisée du profil des destinations de journaux situées dans le pays (${allowlist.join(', ') || 'aucune déclarée'})`,
        },
        source: this.sourceOf('RES-3'),
        remedy: {
          en: "Ship to an allowlisted in-country sink, or add it to the profile's allowlists.logSinks",
          fr: 'Envoyez vers une destination autorisée située dans le pays, ou ajoutez-la à allowlists.logSinks du profil',
        },
      });
    }
    if (!/^[a-zA-Z0-9.-]+$/.test(sink.host ?? ''))
      problems.push({
        rule: 'PROPS',
        message: {
          en: `sink.host '${sink.host}' is not a host name`,
          fr: `sink.host '${sink.host}' n'est pas un nom d'hôte`,
        },
      });
    if (!isPortNumber(port))
      problems.push({
        rule: 'PROPS',
        message: {
          en: `sink.port ${port} is not a port number (1–65535)`,
          fr: `sink.port ${port} n'est pas un numéro de port (1–65535)`,
        },
      });
    if (output !== 'forward' && output !== 'http')
      problems.push({
        rule: 'PROPS',
        message: { en: "sink.output must be 'forward' or 'http'", fr: "sink.output doit valoir 'forward' ou 'http'" },
      });
    if (sink.httpPath !== undefined && !/^\/\S*$/.test(sink.httpPath)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `sink.httpPath '${sink.httpPath}' must be an absolute path`,
          fr: `sink.httpPath '${sink.httpPath}' doit être un chemin absolu`,
        },
      });
    }
    if (!Array.isArray(sink.cidrs) || sink.cidrs.length === 0) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'sink.cidrs must list the addresses of the sink (the only egress allowed)',
          fr: 'sink.cidrs doit lister les adresses de la destination (la seule sortie autorisée)',
        },
      });
    }
    for (const cidr of sink.cidrs ?? []) {
      if (!ipaddr.isValidCIDR(cidr)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `sink.cidrs '${cidr}' is not a CIDR block`,
            fr: `sink.cidrs '${cidr}' n'est pas un bloc CIDR`,
          },
        });
      } else if (ipaddr.parseCIDR(cidr)[1] === 0) {
        problems.push({
          rule: 'RES-3',
          message: {
            en: `sink.cidrs '${cidr}' lets the forwarder send logs anywhere`,
            fr: `sink.cidrs '${cidr}' permet au transmetteur d'envoyer les journaux n'importe où`,
          },
          source: this.sourceOf('RES-3'),
          remedy: { en: "Give the sink's own addresses", fr: 'Donnez les adresses propres à la destination' },
        });
      }
    }
    const min = this.profile.logRetentionMinDays;
    const retention = sink.retentionDays ?? min;
    if (!Number.isInteger(retention) || retention < 1) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `sink.retentionDays must be a whole number of days, got ${retention}`,
          fr: `sink.retentionDays doit être un nombre entier de jours, reçu ${retention}`,
        },
      });
    } else if (retention < min && !this.suppressionFor('LOG-2')) {
      problems.push({
        rule: 'LOG-2',
        message: {
          en: `the sink keeps logs ${retention} days, below the minimum of ${min} days under profile '${this.profile.id}'`,
          fr: `la destination conserve les journaux ${retention} jours, en deçà du minimum de ${min} jours selon le profil '${this.profile.id}'`,
        },
        source: this.profile.figureSources.logRetention,
        remedy: {
          en: `Keep them at least ${min} days at the sink`,
          fr: `Conservez-les au moins ${min} jours à la destination`,
        },
      });
    }
    if (!this.suppressionFor('K8S-4')) problems.push(...imageProblems(this.profile, props.image));
    const nsName = props.namespaceName ?? 'sovereign-lz-logs';
    if (!isDnsLabel(nsName))
      problems.push({
        rule: 'PROPS',
        message: {
          en: `namespaceName '${nsName}' is not a namespace name`,
          fr: `namespaceName '${nsName}' n'est pas un nom d'espace de noms`,
        },
      });
    const maxNodes = props.maxNodes ?? this.cluster.maxNodes;
    problems.push(...maxNodesProblems(maxNodes));
    // A DaemonSet's pods are pinned by nodeSelector, which holds one value per key.
    if (this.cluster.site.regionValues.length !== 1) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `site '${this.cluster.site.name}' has ${this.cluster.site.regionValues.length} region values: the forwarder's DaemonSet pins its pods with a nodeSelector (its controller replaces their node affinity), which holds one`,
          fr: `le site '${this.cluster.site.name}' a ${this.cluster.site.regionValues.length} valeurs de région : le DaemonSet du collecteur fixe ses pods par un nodeSelector (son contrôleur remplace leur affinité de nœud), qui n'en contient qu'une`,
        },
        remedy: {
          en: 'Declare the site with one region value (one site per region), or one LogForwarder per region',
          fr: 'Déclarez le site avec une seule valeur de région (un site par région), ou un LogForwarder par région',
        },
      });
    }
    this.validate(problems);

    this.retentionDays = retention;
    this.maxNodes = maxNodes;
    // A DaemonSet runs one pod per node: the quota admits one per node, plus those a rolling
    // update replaces at a time, and their requests and limits; a container gets exactly the
    // forwarder's resources.
    const pods = maxNodes + LOG_FORWARDER_ROLLOUT_PODS;
    const { requests, limits } = LOG_FORWARDER_RESOURCES;
    this.namespace = new SovereignNamespace(this, 'Namespace', {
      name: nsName,
      purpose: 'logs',
      tier: 'management',
      quota: {
        pods,
        requestsCpu: times(pods, requests.cpu),
        limitsCpu: times(pods, limits.cpu),
        requestsMemory: times(pods, requests.memory),
        limitsMemory: times(pods, limits.memory),
        persistentVolumeClaims: 0,
      },
      containerLimits: {
        defaultRequestCpu: requests.cpu,
        defaultRequestMemory: requests.memory,
        defaultLimitCpu: limits.cpu,
        defaultLimitMemory: limits.memory,
        maxCpu: limits.cpu,
        maxMemory: limits.memory,
      },
    });
    const namespace = this.namespace.namespaceName;
    const selector = { 'app.kubernetes.io/name': 'log-forwarder' };
    const labels = this.labels({ ...selector, [TAG_KEYS.purpose]: 'logs', [TAG_KEYS.tier]: 'management' });
    const common = { provider: this.cluster.provider, dependsOn: [this.namespace.resource] };
    const config = fluentBitConfig(sink, port);
    const configMap = new ConfigMapV1(this, 'Config', {
      ...common,
      metadata: { name: 'log-forwarder', namespace, labels },
      data: { 'fluent-bit.conf': config },
    });
    new NetworkPolicyV1(this, 'AllowSink', {
      ...common,
      metadata: { name: 'allow-log-sink', namespace, labels },
      spec: {
        podSelector: { matchLabels: { ...selector } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: sink.cidrs.map((cidr) => ({ ipBlock: { cidr } })),
            ports: [{ port: String(port), protocol: 'TCP' }],
          },
        ],
      },
    });
    const seccompProfile = { type: 'RuntimeDefault' };
    this.daemonSet = new DaemonSetV1(this, 'Resource', {
      ...common,
      dependsOn: [this.namespace.resource, configMap],
      metadata: {
        name: 'log-forwarder',
        namespace,
        labels,
        annotations: {
          [LOG_FORWARDER_ANNOTATIONS.sink]: `${output}+tls://${sink.host}:${port}`,
          [LOG_FORWARDER_ANNOTATIONS.retentionDays]: String(retention),
        },
      },
      spec: {
        selector: { matchLabels: { ...selector } },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: String(LOG_FORWARDER_ROLLOUT_PODS), maxSurge: '0' },
        },
        template: {
          metadata: {
            labels,
            annotations: { 'checksum/config': createHash('sha256').update(config).digest('hex') },
          },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            hostNetwork: false,
            hostPid: false,
            hostIpc: false,
            securityContext: { runAsUser: '0', runAsGroup: '0', seccompProfile },
            // The DaemonSet controller replaces each pod's required node affinity by its node's
            // name; the nodeSelector stays on the pod, and the admission guardrail accepts it.
            nodeSelector: { [TOPOLOGY_KEYS.region]: this.cluster.site.regionValues[0] },
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerm: [
                    {
                      matchExpressions: [
                        { key: TOPOLOGY_KEYS.region, operator: 'In', values: [...this.cluster.site.regionValues] },
                      ],
                    },
                  ],
                },
              },
            },
            toleration: [{ operator: 'Exists' }],
            container: [
              {
                name: 'fluent-bit',
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                args: ['--config', `${CONFIG_DIR}/fluent-bit.conf`],
                port: [{ name: 'metrics', containerPort: 2020, protocol: 'TCP' }],
                resources: {
                  requests: { ...LOG_FORWARDER_RESOURCES.requests },
                  limits: { ...LOG_FORWARDER_RESOURCES.limits },
                },
                securityContext: {
                  runAsNonRoot: false,
                  allowPrivilegeEscalation: false,
                  privileged: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile,
                },
                volumeMount: [
                  { name: 'varlog', mountPath: '/var/log', readOnly: true },
                  { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
                  { name: 'state', mountPath: STATE_DIR },
                ],
              },
            ],
            volume: [
              { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } },
              { name: 'config', configMap: { name: 'log-forwarder', defaultMode: '0444' } },
              { name: 'state', emptyDir: { sizeLimit: '512Mi' } },
            ],
          },
        },
      },
    });
    if (hasPlaceholderDigest(props.image)) {
      this.cluster.addPrerequisite(
        placeholderImagePrerequisite(this.cluster, props.image, {
          en: `of the log forwarder (namespace '${namespace}')`,
          fr: `du transmetteur de journaux (espace de noms '${namespace}')`,
        }),
      );
    }
    this.finish();
  }
}
