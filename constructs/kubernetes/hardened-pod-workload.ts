import type { DeploymentV1SpecTemplate } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import type { Construct } from 'constructs';
import {
  classificationRank,
  TAG_KEYS,
  type ValidationProblem,
  dnsLabelFromId,
  isDnsLabel,
  isPortNumber,
  isQuantity,
  labelProblemTexts,
  quantityValue,
  TOPOLOGY_KEYS,
} from '../core';
import { imageProblems } from './image-policy';
import { placeholderImagePrerequisite, secretPrerequisite } from './prerequisites';
import { SovereignKubernetesConstruct, type SovereignKubernetesProps } from './sovereign-kubernetes-construct';
import { SovereignNamespace } from './sovereign-namespace';
import { hasPlaceholderDigest, isMountPath, isTlsPort } from './workload-policy';

/** A port the container listens on, published by the workload's Service. */
export interface WorkloadPort {
  /** The container port. */
  readonly containerPort: number;
  /**
   * The port of the Service.
   * @default - the container port
   */
  readonly servicePort?: number;
  /**
   * The port's name (an RFC 1123 label of at most 15 characters).
   * @default - `port-<containerPort>`
   */
  readonly name?: string;
  /** The protocol. @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  /**
   * The port speaks TLS: an HTTP probe on it uses `scheme: HTTPS` (an HTTP request to a TLS
   * port fails, and the pod would never be ready).
   * @default - true for container ports 443 and 8443, false otherwise
   */
  readonly tls?: boolean;
}

/** CPU and memory of the container. Quantities in Kubernetes notation. */
export interface WorkloadResources {
  /** @default '100m' */
  readonly requestsCpu?: string;
  /** @default '128Mi' */
  readonly requestsMemory?: string;
  /** @default '500m' */
  readonly limitsCpu?: string;
  /** @default '512Mi' */
  readonly limitsMemory?: string;
}

/** An environment variable read from a Secret. */
export interface SecretKeyReference {
  /** The Secret, in the workload's namespace. */
  readonly secretName: string;
  /** The key in the Secret. */
  readonly key: string;
}

/** Props of a {@link HardenedWorkload} (and of a {@link HardenedStatefulWorkload}). */
export interface HardenedWorkloadProps extends SovereignKubernetesProps {
  /**
   * The container image, from a registry on the profile's `allowlists.imageRegistries` and
   * pinned by digest: `registry.gov.ma/records/api@sha256:…` (K8S-4).
   */
  readonly image: string;
  /**
   * The name of the workload and its Service (an RFC 1123 label).
   * @default - the construct id in kebab case
   */
  readonly name?: string;
  /** Number of pods. @default 2 */
  readonly replicas?: number;
  /**
   * Ports published by a ClusterIP Service.
   * @default - none, and no Service
   */
  readonly ports?: readonly WorkloadPort[];
  /**
   * The Service type. LoadBalancer and NodePort are only for namespaces of the public tier (NET-2).
   * @default 'ClusterIP'
   */
  readonly serviceType?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  /**
   * CPU and memory requests and limits, within the namespace's LimitRange.
   * @default - the defaults of {@link WorkloadResources}
   */
  readonly resources?: WorkloadResources;
  /**
   * The command (entrypoint) of the container.
   * @default - the image's
   */
  readonly command?: readonly string[];
  /**
   * The arguments of the container.
   * @default - the image's
   */
  readonly args?: readonly string[];
  /**
   * Plain environment variables (never secrets: use `secretEnv`).
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Environment variables read from Secrets.
   * @default - none
   */
  readonly secretEnv?: Readonly<Record<string, SecretKeyReference>>;
  /**
   * The numeric user (and group) the container runs as: never 0.
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Paths the container may write to (memory-backed `emptyDir` volumes), since its root
   * filesystem is read-only.
   * @default ['/tmp']
   */
  readonly writablePaths?: readonly string[];
  /**
   * Zones of the site to pin the pods to, in addition to its regions.
   * @default - any zone of the site's regions
   */
  readonly zones?: readonly string[];
  /**
   * An HTTP path probed (startup, readiness, liveness) on the first port, over HTTPS when the
   * port speaks TLS (`tls`, by default ports 443 and 8443).
   * @default - a TCP probe on the first TCP port (no probe without one)
   */
  readonly healthCheckPath?: string;
  /**
   * A ServiceAccount of the namespace whose token the pods mount.
   * @default - none: no service account token is mounted
   */
  readonly serviceAccountName?: string;
  /**
   * Extra labels of the pods (e.g. to be selected by a {@link TierFlow}).
   * @default - none
   */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/** The label that selects a workload's pods. */
export const WORKLOAD_NAME_LABEL = 'app.kubernetes.io/name';

/** The pod annotation that lists the volumes Velero's file-system backup leaves out. */
export const VELERO_EXCLUDES_ANNOTATION = 'backup.velero.io/backup-volumes-excludes';

/** A pod's volume and where the container mounts it, beyond the writable paths. */
export interface ExtraMount {
  /** The mount (`name`, `mountPath`). */
  readonly mount: { readonly name: string; readonly mountPath: string };
  /** The pod volume, or none when the controller provides it (a StatefulSet's claim template). */
  readonly volume?: Record<string, unknown> & { readonly name: string };
}

/** A normalized port. */
interface Port {
  readonly name: string;
  readonly containerPort: number;
  readonly servicePort: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly tls: boolean;
}

/**
 * The hardened pod shared by {@link HardenedWorkload} (a Deployment) and
 * {@link HardenedStatefulWorkload} (a StatefulSet): validation of the props, with every
 * problem collected before anything is created; the pod template (Pod Security `restricted`
 * and more, requests and limits, the site's node affinity, probes on the port's scheme); and
 * the ClusterIP Service of its ports. A subclass adds its own checks in
 * `controllerProblems` and creates its controller.
 */
export abstract class HardenedPodWorkload extends SovereignKubernetesConstruct {
  /** The namespace of the workload. */
  public readonly namespace: SovereignNamespace;
  /** The name of the workload (and its Service). */
  public readonly workloadName: string;
  /** The labels that select its pods. */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** The number of pods. */
  public readonly replicas: number;

  private readonly podProps: HardenedWorkloadProps;
  private readonly ports: readonly Port[];

  protected constructor(scope: Construct, id: string, props: HardenedWorkloadProps) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    const namespace = SovereignNamespace.of(this);
    if (!namespace) {
      problems.push({
        rule: 'PROPS',
        message: { en: 'not inside a SovereignNamespace', fr: "n'est pas à l'intérieur d'un SovereignNamespace" },
        remedy: {
          en: `Create it in its namespace: new ${this.constructor.name}(namespace, …)`,
          fr: `Créez-le dans son espace de noms : new ${this.constructor.name}(namespace, …)`,
        },
      });
      this.validate(problems);
    }
    const ns = namespace!;
    if (classificationRank(this.classification) > classificationRank(ns.classification)) {
      problems.push({
        rule: 'CLS-1',
        message: {
          en: `level '${this.classification}' is above the level '${ns.classification}' of namespace '${ns.namespaceName}', whose guardrails follow its label`,
          fr: `le niveau '${this.classification}' dépasse le niveau '${ns.classification}' de l'espace de noms '${ns.namespaceName}', dont les garde-fous suivent l'étiquette`,
        },
        source: this.sourceOf('CLS-1'),
        remedy: {
          en: `Run it in a namespace of level '${this.classification}'`,
          fr: `Exécutez-le dans un espace de noms de niveau '${this.classification}'`,
        },
      });
    }
    const name = props.name ?? dnsLabelFromId(id);
    if (name === undefined || !isDnsLabel(name)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `name '${name ?? id}' is not an RFC 1123 label`,
          fr: `le nom '${name ?? id}' n'est pas un label RFC 1123`,
        },
        remedy: { en: 'Pass `name`', fr: 'Passez `name`' },
      });
    }
    if (!this.suppressionFor('K8S-4')) problems.push(...imageProblems(this.profile, props.image));
    this.checkResources(props.resources ?? {}, ns, problems);
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 0) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `replicas must be a whole number ≥ 0, got ${replicas}`,
          fr: `replicas doit être un entier ≥ 0, reçu ${replicas}`,
        },
      });
    }
    const user = props.runAsUser ?? 10001;
    if (!Number.isInteger(user) || user < 1) {
      problems.push({
        rule: 'K8S-2',
        message: {
          en: `runAsUser ${user} is not a non-root user id`,
          fr: `runAsUser ${user} n'est pas un identifiant d'utilisateur non root`,
        },
        source: this.sourceOf('K8S-2'),
        remedy: {
          en: 'Use a user id of 1 or more (the default is 10001)',
          fr: "Utilisez un identifiant d'utilisateur de 1 ou plus (10001 par défaut)",
        },
      });
    }
    problems.push(...this.portProblems(props.ports ?? []));
    const serviceType = props.serviceType ?? 'ClusterIP';
    if (serviceType !== 'ClusterIP' && !props.ports?.length) {
      problems.push({
        rule: 'PROPS',
        message: { en: `serviceType '${serviceType}' needs ports`, fr: `serviceType '${serviceType}' exige des ports` },
      });
    }
    if (serviceType !== 'ClusterIP' && ns.tier !== 'public' && !this.suppressionFor('NET-2')) {
      problems.push({
        rule: 'NET-2',
        message: {
          en: `a Service of type ${serviceType} exposes namespace '${ns.namespaceName}' of the '${ns.tier}' tier outside the cluster; only the public tier may`,
          fr: `un Service de type ${serviceType} expose hors du cluster l'espace de noms '${ns.namespaceName}' du tiers '${ns.tier}' ; seul le tiers public le peut`,
        },
        source: this.sourceOf('NET-2'),
        remedy: {
          en: 'Keep it ClusterIP and expose it from the public tier through a TierFlow',
          fr: 'Gardez-le en ClusterIP et exposez-le depuis le tiers public par un TierFlow',
        },
      });
    }
    const site = this.cluster.site;
    for (const zone of props.zones ?? []) {
      if (!site.zoneValues.includes(zone)) {
        problems.push({
          rule: 'RES-1',
          message: {
            en: `zone '${zone}' is not a zone of site '${site.name}' (${site.zoneValues.join(', ') || 'none declared'})`,
            fr: `la zone '${zone}' n'est pas une zone du site '${site.name}' (${site.zoneValues.join(', ') || 'aucune déclarée'})`,
          },
          source: this.profile.levels[this.classification].source,
          remedy: { en: "Use the site's zones", fr: 'Utilisez les zones du site' },
        });
      }
    }
    for (const path of props.writablePaths ?? ['/tmp']) {
      if (!isMountPath(path)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `writablePaths '${path}' must be an absolute path below /`,
            fr: `writablePaths '${path}' doit être un chemin absolu sous /`,
          },
        });
      }
    }
    if (
      props.healthCheckPath !== undefined &&
      (!props.healthCheckPath.startsWith('/') || !props.ports?.length || (props.ports[0].protocol ?? 'TCP') !== 'TCP')
    ) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: 'healthCheckPath must be an absolute HTTP path, and needs a first port on TCP',
          fr: 'healthCheckPath doit être un chemin HTTP absolu, et exige un premier port en TCP',
        },
      });
    }
    if (props.serviceAccountName !== undefined && !isDnsLabel(props.serviceAccountName)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `serviceAccountName '${props.serviceAccountName}' is not a name`,
          fr: `serviceAccountName '${props.serviceAccountName}' n'est pas un nom`,
        },
      });
    }
    for (const key of Object.keys({ ...props.env, ...props.secretEnv })) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
        problems.push({
          rule: 'PROPS',
          message: { en: `env '${key}' is not a variable name`, fr: `env '${key}' n'est pas un nom de variable` },
        });
    }
    for (const [key, ref] of Object.entries(props.secretEnv ?? {})) {
      if (!isDnsLabel(ref.secretName) || !ref.key)
        problems.push({
          rule: 'PROPS',
          message: {
            en: `secretEnv '${key}' must name a Secret and a key`,
            fr: `secretEnv '${key}' doit nommer un Secret et une clé`,
          },
        });
    }
    const podLabels = props.podLabels ?? {};
    problems.push(...labelProblemTexts(podLabels, 'podLabels').map((message) => ({ rule: 'PROPS', message })));
    for (const key of Object.keys(podLabels)) {
      if (key === WORKLOAD_NAME_LABEL || key.startsWith('sovereign-lz.io/')) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `podLabels may not set '${key}': the workload sets it`,
            fr: `podLabels ne peut pas définir '${key}' : la charge de travail le définit`,
          },
        });
      }
    }
    problems.push(...this.controllerProblems(props, ns, name ?? id));
    this.validate(problems);

    this.namespace = ns;
    this.workloadName = name!;
    this.replicas = replicas;
    this.selectorLabels = { [WORKLOAD_NAME_LABEL]: this.workloadName };
    this.podProps = props;
    this.ports = (props.ports ?? []).map((p) => ({
      name: p.name ?? `port-${p.containerPort}`,
      containerPort: p.containerPort,
      servicePort: p.servicePort ?? p.containerPort,
      protocol: p.protocol ?? 'TCP',
      tls: isTlsPort(p.containerPort, p.tls),
    }));
    const secrets = new Map<string, Set<string>>();
    for (const ref of Object.values(props.secretEnv ?? {})) {
      secrets.set(ref.secretName, (secrets.get(ref.secretName) ?? new Set()).add(ref.key));
    }
    for (const [secretName, keys] of [...secrets].sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.cluster.addPrerequisite(
        secretPrerequisite(this.cluster, ns.namespaceName, secretName, [...keys].sort(), {
          en: `by workload '${this.workloadName}'`,
          fr: `par la charge de travail '${this.workloadName}'`,
        }),
      );
    }
    if (hasPlaceholderDigest(props.image)) {
      this.cluster.addPrerequisite(
        placeholderImagePrerequisite(this.cluster, props.image, {
          en: `of workload '${this.workloadName}' (namespace '${ns.namespaceName}')`,
          fr: `de la charge de travail '${this.workloadName}' (espace de noms '${ns.namespaceName}')`,
        }),
      );
    }
  }

  /**
   * The subclass's own problems, collected with the others before anything is created (its
   * fields are not set yet: read `props`).
   */
  protected controllerProblems(
    _props: HardenedWorkloadProps,
    _namespace: SovereignNamespace,
    _name: string,
  ): ValidationProblem[] {
    return [];
  }

  /** The labels of the workload's objects: classification, jurisdiction, name and tier. */
  protected objectLabels(): Record<string, string> {
    return this.labels({ ...this.selectorLabels, [TAG_KEYS.tier]: this.namespace.tier });
  }

  /** The metadata of the workload's objects. */
  protected objectMetadata(name: string = this.workloadName) {
    return { name, namespace: this.namespace.namespaceName, labels: this.objectLabels() };
  }

  /** The provider and the namespace every object of the workload depends on. */
  protected common() {
    return { provider: this.cluster.provider, dependsOn: [this.namespace.resource] };
  }

  /**
   * The hardened pod template: `restricted` security contexts, read-only root filesystem with
   * memory-backed writable paths (and `extra` mounts), the site's required node affinity,
   * spread over its zones, probes on the first port with its scheme.
   */
  protected podTemplate(extra: readonly ExtraMount[] = [], fsGroupChangePolicy?: 'OnRootMismatch') {
    const props = this.podProps;
    const site = this.cluster.site;
    const placement: { key: string; operator: string; values: string[] }[] = [
      { key: TOPOLOGY_KEYS.region, operator: 'In', values: [...site.regionValues] },
    ];
    if (props.zones?.length) placement.push({ key: TOPOLOGY_KEYS.zone, operator: 'In', values: [...props.zones] });
    const user = String(props.runAsUser ?? 10001);
    const seccompProfile = { type: 'RuntimeDefault' };
    const env = [
      ...Object.entries(props.env ?? {}).map(([envName, value]) => ({ name: envName, value })),
      ...Object.entries(props.secretEnv ?? {}).map(([envName, ref]) => ({
        name: envName,
        valueFrom: { secretKeyRef: { name: ref.secretName, key: ref.key } },
      })),
    ];
    const writable = props.writablePaths ?? ['/tmp'];
    const probe = this.probeHandler();
    const template: DeploymentV1SpecTemplate = {
      metadata: {
        labels: { ...(props.podLabels ?? {}), ...this.objectLabels() },
        // Memory-backed scratch directories hold nothing to restore: Velero's file-system
        // backup (which takes every pod volume by default) leaves them out.
        annotations: writable.length
          ? { [VELERO_EXCLUDES_ANNOTATION]: writable.map((_path, i) => `writable-${i}`).join(',') }
          : undefined,
      },
      spec: {
        automountServiceAccountToken: props.serviceAccountName !== undefined,
        serviceAccountName: props.serviceAccountName,
        enableServiceLinks: false,
        hostNetwork: false,
        hostPid: false,
        hostIpc: false,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: user,
          runAsGroup: user,
          fsGroup: user,
          fsGroupChangePolicy,
          seccompProfile,
        },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerm: [{ matchExpressions: placement }],
            },
          },
        },
        topologySpreadConstraint:
          site.zoneValues.length > 1
            ? [
                {
                  maxSkew: 1,
                  topologyKey: TOPOLOGY_KEYS.zone,
                  whenUnsatisfiable: 'ScheduleAnyway',
                  labelSelector: [{ matchLabels: { ...this.selectorLabels } }],
                },
              ]
            : undefined,
        container: [
          {
            name: this.workloadName,
            image: props.image,
            imagePullPolicy: 'IfNotPresent',
            command: props.command ? [...props.command] : undefined,
            args: props.args ? [...props.args] : undefined,
            port: this.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
            env: env.length ? env : undefined,
            resources: this.containerResources(props.resources ?? {}),
            securityContext: {
              runAsNonRoot: true,
              allowPrivilegeEscalation: false,
              privileged: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
              seccompProfile,
            },
            // The startup probe gives a slow start (a database's recovery) five minutes before
            // the liveness probe may restart the container.
            startupProbe: probe ? { ...probe, periodSeconds: 10, failureThreshold: 30 } : undefined,
            readinessProbe: probe ? { ...probe, periodSeconds: 10 } : undefined,
            livenessProbe: probe ? { ...probe, periodSeconds: 10 } : undefined,
            volumeMount: [
              ...writable.map((path, i) => ({ name: `writable-${i}`, mountPath: path })),
              ...extra.map((e) => ({ ...e.mount })),
            ],
          },
        ],
        volume: [
          ...writable.map((_path, i) => ({ name: `writable-${i}`, emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } })),
          ...extra.flatMap((e) => (e.volume ? [{ ...e.volume }] : [])),
        ],
      },
    };
    return template;
  }

  /**
   * The probe's handler: HTTP(S) on `healthCheckPath` at the first port, with the port's
   * scheme; else TCP on the first TCP port; else none.
   */
  private probeHandler() {
    const path = this.podProps.healthCheckPath;
    if (path !== undefined) {
      const [port] = this.ports;
      return { httpGet: { path, port: port.name, scheme: port.tls ? 'HTTPS' : 'HTTP' } };
    }
    const tcp = this.ports.find((p) => p.protocol === 'TCP');
    return tcp ? { tcpSocket: [{ port: tcp.name }] } : undefined;
  }

  /** The Service of the workload's ports (none without ports), of the declared type. */
  protected portService(): ServiceV1 | undefined {
    if (!this.ports.length) return undefined;
    return new ServiceV1(this, 'Service', {
      ...this.common(),
      metadata: this.objectMetadata(),
      spec: {
        type: this.podProps.serviceType ?? 'ClusterIP',
        selector: { ...this.selectorLabels },
        port: this.servicePorts(),
      },
    });
  }

  /** The Service ports, by name. */
  protected servicePorts() {
    return this.ports.map((p) => ({ name: p.name, port: p.servicePort, targetPort: p.name, protocol: p.protocol }));
  }

  private containerResources(r: WorkloadResources) {
    return {
      requests: { cpu: r.requestsCpu ?? '100m', memory: r.requestsMemory ?? '128Mi' },
      limits: { cpu: r.limitsCpu ?? '500m', memory: r.limitsMemory ?? '512Mi' },
    };
  }

  private checkResources(r: WorkloadResources, ns: SovereignNamespace, problems: ValidationProblem[]): void {
    const { requests, limits } = this.containerResources(r);
    for (const what of ['cpu', 'memory'] as const) {
      const [request, limit, max] = [requests[what], limits[what], ns.containerMax[what]];
      if (!isQuantity(request) || !isQuantity(limit)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `resources ${what} '${request}'/'${limit}' are not quantities`,
            fr: `resources ${what} '${request}'/'${limit}' ne sont pas des quantités`,
          },
        });
        continue;
      }
      if (quantityValue(request)! > quantityValue(limit)!) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `resources ${what} request ${request} exceeds its limit ${limit}`,
            fr: `resources ${what} : la demande ${request} dépasse sa limite ${limit}`,
          },
        });
      }
      if (quantityValue(limit)! > quantityValue(max)!) {
        problems.push({
          rule: 'K8S-3',
          message: {
            en: `resources ${what} limit ${limit} exceeds the maximum ${max} of namespace '${ns.namespaceName}': the pods would be refused`,
            fr: `resources ${what} : la limite ${limit} dépasse le maximum ${max} de l'espace de noms '${ns.namespaceName}' : les pods seraient refusés`,
          },
          source: this.sourceOf('K8S-3'),
          remedy: {
            en: "Lower the limit, or raise the namespace's containerLimits",
            fr: "Abaissez la limite, ou relevez les containerLimits de l'espace de noms",
          },
        });
      }
    }
  }

  private portProblems(ports: readonly WorkloadPort[]): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    const names = new Set<string>();
    ports.forEach((p, i) => {
      if (!isPortNumber(p.containerPort)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `ports[${i}].containerPort ${p.containerPort} is not a port number (1–65535)`,
            fr: `ports[${i}].containerPort ${p.containerPort} n'est pas un numéro de port (1–65535)`,
          },
        });
      }
      if (p.servicePort !== undefined && !isPortNumber(p.servicePort)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `ports[${i}].servicePort ${p.servicePort} is not a port number (1–65535)`,
            fr: `ports[${i}].servicePort ${p.servicePort} n'est pas un numéro de port (1–65535)`,
          },
        });
      }
      const name = p.name ?? `port-${p.containerPort}`;
      if (!isDnsLabel(name) || name.length > 15 || !/[a-z]/.test(name)) {
        problems.push({
          rule: 'PROPS',
          message: {
            en: `ports[${i}].name '${name}' is not a port name (a label of ≤ 15 characters with a letter)`,
            fr: `ports[${i}].name '${name}' n'est pas un nom de port (un label de 15 caractères au plus contenant une lettre)`,
          },
        });
      }
      if (names.has(name))
        problems.push({
          rule: 'PROPS',
          message: {
            en: `ports[${i}].name '${name}' is used twice`,
            fr: `ports[${i}].name '${name}' est utilisé deux fois`,
          },
        });
      names.add(name);
      if (p.tls !== undefined && typeof p.tls !== 'boolean') {
        problems.push({
          rule: 'PROPS',
          message: { en: `ports[${i}].tls must be true or false`, fr: `ports[${i}].tls doit valoir true ou false` },
        });
      }
    });
    return problems;
  }
}
