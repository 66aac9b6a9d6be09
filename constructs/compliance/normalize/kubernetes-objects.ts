/**
 * Reads the Terraform Kubernetes provider's resources (`kubernetes_*`, in Terraform JSON as
 * cdktf writes it or as a person writes it by hand) as the Kubernetes API objects they create.
 *
 * The provider spells the API in its own words: snake_case attributes, repeated blocks named
 * in the singular (`container`, `port`, `subject`), some integers as strings (`replicas`,
 * `run_as_user`, octal `default_mode`), int-or-string values as strings (`target_port`), and
 * Terraform-only arguments (`wait_for_rollout`, `timeouts`). This module undoes that, so that
 * the compliance engine judges one shape (the API object) whatever wrote the artifact, and
 * tests can check the objects against the Kubernetes OpenAPI schemas.
 *
 * Framework-neutral: it imports neither cdktf nor aws-cdk-lib. Blocks may appear as an object
 * or as an array of objects (Terraform accepts both; cdktf writes single blocks as objects).
 */
import { METADATA_KEY } from '../../core/conventions';
import { isUnresolved, Unresolved } from './intrinsics';
import { setOwn } from '../read/input-files';
import {
  copyAllOrigins,
  copyOrigins,
  describeOrigins,
  originsOf,
  terraformBool,
  TERRAFORM_META_ARGUMENTS,
  terraformNumber,
  type ValueOrigin,
} from '../read/terraform-eval';

/** The metadata of a Kubernetes object, as far as the rules read it. */
export interface KubernetesObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

/** A Kubernetes API object (camelCase fields, as `kubectl get -o json` shows it). */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: KubernetesObjectMeta;
  readonly [field: string]: unknown;
}

/** The API type a Terraform resource type creates. */
export interface KubernetesKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** True if objects of the kind live in a namespace. */
  readonly namespaced: boolean;
}

function kinds(apiVersion: string, kind: string, namespaced: boolean, ...types: string[]): [string, KubernetesKind][] {
  return types.map((t) => [t, { apiVersion, kind, namespaced }]);
}

/**
 * Terraform resource types of the Kubernetes provider (2.x) that create exactly one API
 * object, with the object's type. `kubernetes_manifest` is read from its `manifest`; types
 * that patch other objects (`kubernetes_labels`, `kubernetes_config_map_v1_data`, …) are not
 * objects of their own and are absent.
 */
export const TERRAFORM_KUBERNETES_KINDS: Readonly<Record<string, KubernetesKind>> = Object.fromEntries([
  ...kinds('v1', 'Namespace', false, 'kubernetes_namespace', 'kubernetes_namespace_v1'),
  ...kinds('v1', 'ConfigMap', true, 'kubernetes_config_map', 'kubernetes_config_map_v1'),
  ...kinds('v1', 'Secret', true, 'kubernetes_secret', 'kubernetes_secret_v1'),
  ...kinds('v1', 'ServiceAccount', true, 'kubernetes_service_account', 'kubernetes_service_account_v1'),
  ...kinds('v1', 'Service', true, 'kubernetes_service', 'kubernetes_service_v1'),
  ...kinds('v1', 'Pod', true, 'kubernetes_pod', 'kubernetes_pod_v1'),
  ...kinds('v1', 'ResourceQuota', true, 'kubernetes_resource_quota', 'kubernetes_resource_quota_v1'),
  ...kinds('v1', 'LimitRange', true, 'kubernetes_limit_range', 'kubernetes_limit_range_v1'),
  ...kinds(
    'v1',
    'PersistentVolumeClaim',
    true,
    'kubernetes_persistent_volume_claim',
    'kubernetes_persistent_volume_claim_v1',
  ),
  ...kinds('v1', 'PersistentVolume', false, 'kubernetes_persistent_volume', 'kubernetes_persistent_volume_v1'),
  ...kinds('v1', 'ReplicationController', true, 'kubernetes_replication_controller_v1'),
  ...kinds('apps/v1', 'Deployment', true, 'kubernetes_deployment', 'kubernetes_deployment_v1'),
  ...kinds('apps/v1', 'DaemonSet', true, 'kubernetes_daemonset', 'kubernetes_daemon_set_v1'),
  ...kinds('apps/v1', 'StatefulSet', true, 'kubernetes_stateful_set', 'kubernetes_stateful_set_v1'),
  ...kinds('batch/v1', 'Job', true, 'kubernetes_job', 'kubernetes_job_v1'),
  ...kinds('batch/v1', 'CronJob', true, 'kubernetes_cron_job_v1'),
  ...kinds('autoscaling/v2', 'HorizontalPodAutoscaler', true, 'kubernetes_horizontal_pod_autoscaler_v2'),
  ...kinds('networking.k8s.io/v1', 'NetworkPolicy', true, 'kubernetes_network_policy', 'kubernetes_network_policy_v1'),
  ...kinds('networking.k8s.io/v1', 'Ingress', true, 'kubernetes_ingress_v1'),
  ...kinds('networking.k8s.io/v1', 'IngressClass', false, 'kubernetes_ingress_class', 'kubernetes_ingress_class_v1'),
  ...kinds('rbac.authorization.k8s.io/v1', 'Role', true, 'kubernetes_role', 'kubernetes_role_v1'),
  ...kinds(
    'rbac.authorization.k8s.io/v1',
    'RoleBinding',
    true,
    'kubernetes_role_binding',
    'kubernetes_role_binding_v1',
  ),
  ...kinds(
    'rbac.authorization.k8s.io/v1',
    'ClusterRole',
    false,
    'kubernetes_cluster_role',
    'kubernetes_cluster_role_v1',
  ),
  ...kinds(
    'rbac.authorization.k8s.io/v1',
    'ClusterRoleBinding',
    false,
    'kubernetes_cluster_role_binding',
    'kubernetes_cluster_role_binding_v1',
  ),
  ...kinds('storage.k8s.io/v1', 'StorageClass', false, 'kubernetes_storage_class', 'kubernetes_storage_class_v1'),
  ...kinds('storage.k8s.io/v1', 'CSIDriver', false, 'kubernetes_csi_driver_v1'),
  ...kinds('scheduling.k8s.io/v1', 'PriorityClass', false, 'kubernetes_priority_class', 'kubernetes_priority_class_v1'),
  ...kinds('policy/v1', 'PodDisruptionBudget', true, 'kubernetes_pod_disruption_budget_v1'),
  ...kinds('node.k8s.io/v1', 'RuntimeClass', false, 'kubernetes_runtime_class_v1'),
  ...kinds(
    'admissionregistration.k8s.io/v1',
    'ValidatingWebhookConfiguration',
    false,
    'kubernetes_validating_webhook_configuration',
    'kubernetes_validating_webhook_configuration_v1',
  ),
  ...kinds(
    'admissionregistration.k8s.io/v1',
    'MutatingWebhookConfiguration',
    false,
    'kubernetes_mutating_webhook_configuration',
    'kubernetes_mutating_webhook_configuration_v1',
  ),
]);

/** The resource type whose `manifest` argument is the API object itself. */
export const TERRAFORM_MANIFEST_TYPE = 'kubernetes_manifest';

/** Terraform meta-arguments and provider-only arguments: not part of the API object. */
const TERRAFORM_ONLY = new Set([
  ...TERRAFORM_META_ARGUMENTS,
  'id',
  'wait_for_rollout',
  'wait_for_default_service_account',
  'wait_for_load_balancer',
  'wait_for_completion',
  'wait_until_bound',
  'wait_for_service_account_token',
  'target_state',
  // Write-only secret data never reaches the state: nothing of it is judged.
  'data_wo',
  'binary_data_wo',
  'data_wo_revision',
  'binary_data_wo_revision',
]);

/** Attributes whose value is a map with free keys (label keys, resource names): never renamed. */
const MAP_ATTRIBUTES = new Set([
  'labels',
  'annotations',
  'match_labels',
  'node_selector',
  'data',
  'binary_data',
  'string_data',
  'hard',
  'limits',
  'requests',
  'capacity',
  'default',
  'default_request',
  'max',
  'min',
  'max_limit_request_ratio',
  'volume_attributes',
  'pod_fixed',
]);

/** Fields the provider names differently from the API, by kind and provider path. */
const RENAMED_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  StorageClass: { storage_provisioner: 'provisioner' },
  DaemonSet: { 'spec.strategy': 'updateStrategy' },
  CronJob: { 'spec.timezone': 'timeZone' },
};

/** Repeated blocks named in the singular by the provider, and their API field. */
const REPEATED_BLOCKS: Readonly<Record<string, string>> = {
  container: 'containers',
  init_container: 'initContainers',
  volume: 'volumes',
  volume_mount: 'volumeMounts',
  volume_device: 'volumeDevices',
  toleration: 'tolerations',
  subject: 'subjects',
  rule: 'rules',
  limit: 'limits',
  node_selector_term: 'nodeSelectorTerms',
  match_expression: 'matchExpressions',
  topology_spread_constraint: 'topologySpreadConstraints',
  readiness_gate: 'readinessGates',
  image_pull_secret: 'imagePullSecrets',
  sysctl: 'sysctls',
  option: 'options',
  http_header: 'httpHeaders',
  port: 'ports',
  path: 'paths',
  webhook: 'webhooks',
  metric: 'metrics',
  policy: 'policies',
  volume_claim_template: 'volumeClaimTemplates',
  on_pod_condition: 'onPodConditions',
};

/** API fields (camelCase) that are arrays of objects although the provider names them as the API does. */
const LIST_FIELDS = new Set([
  ...Object.values(REPEATED_BLOCKS),
  'imagePullSecrets',
  'hostAliases',
  'env',
  'envFrom',
  'items',
  'ingress',
  'egress',
  'from',
  'to',
  'allowedTopologies',
  'matchLabelExpressions',
  'matchFields',
  'sources',
  'preferredDuringSchedulingIgnoredDuringExecution',
  'clusterRoleSelectors',
  'tls',
  'secrets',
  'ownerReferences',
]);

/** Words spelled in capitals inside API field names (`cluster_ip` → `clusterIP`). */
const ACRONYMS: Readonly<Record<string, string>> = {
  ip: 'IP',
  ips: 'IPs',
  pid: 'PID',
  ipc: 'IPC',
  tls: 'TLS',
  urls: 'URLs',
  cidr: 'CIDR',
};

/** Integers the provider takes as strings (so that 0 differs from unset). */
const STRING_INTEGERS = new Set([
  'replicas',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
  'tolerationSeconds',
  'ttlSecondsAfterFinished',
  'revision',
]);

/** File modes the provider takes as octal strings (`"0644"`); the API takes the integer. */
const OCTAL_MODES = new Set(['defaultMode', 'mode']);

/** Int-or-string fields the provider takes as strings; it sends digits as an integer (`intstr.Parse`). */
const INT_OR_STRING = new Set(['port', 'targetPort', 'maxSurge', 'maxUnavailable', 'minAvailable', 'servicePort']);

/**
 * Fields the provider's schema types as bools (by API name): Terraform converts a string given
 * to them (`"true"`, `"false"`; go-cty also takes `"1"`, `"0"`) and refuses any other at plan.
 * The rules read several of them (privileged, host namespaces, read-only mounts…).
 */
const BOOLEAN_FIELDS = new Set([
  'privileged',
  'allowPrivilegeEscalation',
  'runAsNonRoot',
  'readOnlyRootFilesystem',
  'readOnly',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostUsers',
  'shareProcessNamespace',
  'automountServiceAccountToken',
  'enableServiceLinks',
  'setHostnameAsFQDN',
  'stdin',
  'stdinOnce',
  'tty',
  'optional',
  'immutable',
  'allowVolumeExpansion',
  'suspend',
  'paused',
  'manualSelector',
  'publishNotReadyAddresses',
  'allocateLoadBalancerNodePorts',
  'globalDefault',
]);

/** Fields the provider's schema types as numbers (by API name): a numeric string is converted. */
const NUMBER_FIELDS = new Set([
  'containerPort',
  'hostPort',
  'nodePort',
  'healthCheckNodePort',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'progressDeadlineSeconds',
  'minReadySeconds',
  'revisionHistoryLimit',
  'initialDelaySeconds',
  'periodSeconds',
  'timeoutSeconds',
  'successThreshold',
  'failureThreshold',
  'backoffLimit',
  'completions',
  'parallelism',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
  'startingDeadlineSeconds',
  'weight',
  'minReplicas',
  'maxReplicas',
  'targetCPUUtilizationPercentage',
  'averageUtilization',
  'maxSkew',
  'priority',
  'expirationSeconds',
]);

/** True if a string still holds an expression (a configuration read without evaluation). */
function hasExpression(text: string): boolean {
  return /(^|[^$])\$\{|(^|[^%])%\{/.test(text);
}

/**
 * The value a typed field takes once Terraform converted it (types.mdx "Type Conversion"), or
 * an {@link Unresolved} when Terraform refuses it at plan (`"yes"` for a bool).
 */
function typed(field: string, value: unknown, kind: 'bool' | 'number', origins: readonly ValueOrigin[]): unknown {
  const expected = kind === 'bool' ? 'boolean' : 'number';
  if (typeof value === expected || value === null || value === undefined || isUnresolved(value)) return value;
  if (typeof value === 'object') return value;
  if (typeof value === 'string') {
    if (hasExpression(value)) return value;
    const converted = kind === 'bool' ? terraformBool(value) : terraformNumber(value);
    if (converted !== undefined) return converted;
  }
  const from = describeOrigins(origins);
  const shown = JSON.stringify(value);
  return new Unresolved(
    [
      {
        en: `${shown}${from ? ` (${from.en})` : ''}, which Terraform refuses at plan: ${field} takes a ${kind === 'bool' ? 'bool' : 'number'}`,
        fr: `${shown}${from ? ` (${from.fr})` : ''}, que Terraform refuse au plan : ${field} prend ${kind === 'bool' ? 'un booléen' : 'un nombre'}`,
      },
    ],
    [],
    String(value),
  );
}

const fieldNames = new Map<string, string>();

/** snake_case → camelCase, with the API's acronyms (`load_balancer_ip` → `loadBalancerIP`). */
export function apiFieldName(snake: string): string {
  // Memoized: the provider's few hundred field names recur in every resource of a large stack.
  let name = fieldNames.get(snake);
  if (name === undefined) {
    const [first, ...rest] = snake.split('_');
    name = first + rest.map((w) => ACRONYMS[w] ?? (w ? w[0].toUpperCase() + w.slice(1) : '')).join('');
    fieldNames.set(snake, name);
  }
  return name;
}

/** True if `value` is a plain object: not an array, nor null, nor an `Unresolved`. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isBlockValue(value: unknown): boolean {
  return isPlainObject(value) || (Array.isArray(value) && value.length > 0 && value.every(isPlainObject));
}

interface Context {
  readonly kind: string;
  /** API field names from the object root down to the block being mapped. */
  readonly path: readonly string[];
  readonly problems: string[];
}

/** The API field for a provider key at this place of the object. */
function fieldFor(key: string, value: unknown, ctx: Context): { field: string; list: boolean } {
  const parent = ctx.path[ctx.path.length - 1];
  const top = ctx.path.length === 0;
  const renames = RENAMED_FIELDS[ctx.kind];
  const renamed = renames && renames[[...ctx.path, key].join('.')];
  if (renamed) return { field: renamed, list: false };
  if (top && ctx.kind === 'ServiceAccount' && key === 'secret') return { field: 'secrets', list: true };
  if (key === 'required_during_scheduling_ignored_during_execution') {
    const list = parent === 'podAffinity' || parent === 'podAntiAffinity';
    return { field: apiFieldName(key), list };
  }
  // IngressServiceBackend.port is one ServiceBackendPort block, not a list of ports.
  if (key === 'port' && parent === 'service') return { field: 'port', list: false };
  if (REPEATED_BLOCKS[key] && isBlockValue(value)) return { field: REPEATED_BLOCKS[key], list: true };
  const field = apiFieldName(key);
  return { field, list: LIST_FIELDS.has(field) };
}

/** Map attributes of one kind only, by provider path (elsewhere the same name is a block). */
const KIND_MAP_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  StorageClass: ['parameters'],
  Service: ['spec.selector'],
  ReplicationController: ['spec.selector'],
};

function isMapAttribute(key: string, ctx: Context): boolean {
  if (MAP_ATTRIBUTES.has(key)) return true;
  const paths = KIND_MAP_ATTRIBUTES[ctx.kind];
  return paths !== undefined && paths.includes([...ctx.path, key].join('.'));
}

function scalar(field: string, value: unknown, origins: readonly ValueOrigin[]): unknown {
  if (BOOLEAN_FIELDS.has(field)) return typed(field, value, 'bool', origins);
  if (NUMBER_FIELDS.has(field)) return typed(field, value, 'number', origins);
  if (typeof value !== 'string') return value;
  if (STRING_INTEGERS.has(field) && /^-?\d+$/.test(value)) return Number(value);
  if (OCTAL_MODES.has(field) && /^0?[0-7]{1,4}$/.test(value)) return parseInt(value, 8);
  if (INT_OR_STRING.has(field) && /^\d+$/.test(value)) return Number(value);
  return value;
}

function copyMap(value: unknown): unknown {
  const map = Array.isArray(value) ? (value.length === 1 && isPlainObject(value[0]) ? value[0] : undefined) : value;
  if (!isPlainObject(map)) return value;
  const copy = { ...map };
  copyAllOrigins(map, copy);
  return copy;
}

const NO_SKIP: ReadonlySet<string> = new Set();

function mapBlock(block: Record<string, unknown>, ctx: Context, skip: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(block)) {
    const value = block[key];
    if (value === undefined || value === null || skip.has(key)) continue;
    if (isMapAttribute(key, ctx)) {
      setOwn(out, apiFieldName(key), copyMap(value));
      copyOrigins(block, key, out, apiFieldName(key));
      continue;
    }
    const { field, list } = fieldFor(key, value, ctx);
    if (!isBlockValue(value)) {
      if (Array.isArray(value) && value.length === 0 && list) continue;
      const origins = originsOf(block, key);
      setOwn(
        out,
        field,
        Array.isArray(value) ? value.map((v) => scalar(field, v, origins)) : scalar(field, value, origins),
      );
      copyOrigins(block, key, out, field);
      continue;
    }
    const inner: Context = { ...ctx, path: [...ctx.path, field] };
    const items = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
    // A PersistentVolume's source block is inlined into its spec in the API.
    if (ctx.kind === 'PersistentVolume' && key === 'persistent_volume_source') {
      Object.assign(out, mapBlock(items[0], { ...ctx }, NO_SKIP));
      continue;
    }
    if (list) {
      setOwn(
        out,
        field,
        items.map((item) => mapBlock(item, inner, NO_SKIP)),
      );
    } else {
      if (items.length > 1) {
        ctx.problems.push(`${[...ctx.path, field].join('.')}: the API takes one block, got ${items.length}`);
      }
      setOwn(out, field, mapBlock(items[0], inner, NO_SKIP));
    }
  }
  return out;
}

/**
 * A Secret's `data` is plain text for the provider and base64 for the API; its `binary_data`
 * is base64 already and joins `data`.
 */
function secretData(body: Record<string, unknown>): void {
  const data: Record<string, unknown> = {};
  if (isPlainObject(body.data)) {
    for (const [k, v] of Object.entries(body.data))
      data[k] = typeof v === 'string' ? Buffer.from(v).toString('base64') : v;
  }
  if (isPlainObject(body.binaryData)) Object.assign(data, body.binaryData);
  delete body.binaryData;
  if (Object.keys(data).length) body.data = data;
}

/** Fields of an API object whose keys are free (labels, data…): never converted. */
const API_MAP_FIELDS = new Set([
  ...[...MAP_ATTRIBUTES].map(apiFieldName),
  'parameters',
  'selector',
  'stringData',
  'binaryData',
]);

/**
 * Go's `strconv.ParseBool`, which the provider uses to turn a string into a bool where the
 * OpenAPI schema of a `kubernetes_manifest` wants one (manifest/morph).
 */
function goBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/**
 * A copy of a `kubernetes_manifest`'s object that keeps `Unresolved` values (and where values
 * came from). In objects of the built-in API groups, a string where the schema wants a bool or
 * a number is converted as the provider's morph does (Go's ParseBool and ParseFloat); one it
 * cannot convert fails the plan: an `Unresolved`.
 */
function copyManifest(value: unknown, convert: boolean, field: string | undefined, depth: number): unknown {
  if (Array.isArray(value)) return value.map((v) => copyManifest(v, convert, field, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    const free = field !== undefined && API_MAP_FIELDS.has(field);
    for (const key of Object.keys(value)) {
      setOwn(out, key, copyManifest(value[key], convert && !free && depth < 64, free ? undefined : key, depth + 1));
      copyOrigins(value, key, out, key);
    }
    return out;
  }
  if (!convert || field === undefined || typeof value !== 'string' || hasExpression(value)) return value;
  const kind = BOOLEAN_FIELDS.has(field)
    ? 'bool'
    : NUMBER_FIELDS.has(field) || STRING_INTEGERS.has(field)
      ? 'number'
      : undefined;
  if (!kind) return value;
  const converted =
    kind === 'bool' ? goBool(value) : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : undefined;
  return converted ?? typed(field, value, kind, []);
}

/** The result of reading one Terraform resource as a Kubernetes API object. */
export interface KubernetesObjectReading {
  /** The API object, or undefined when the resource type creates none this module knows. */
  readonly object?: KubernetesObject;
  /** What could not be read faithfully (a block given twice where the API takes one, …). */
  readonly problems: readonly string[];
}

/**
 * Reads the configuration of one Terraform resource (`type` e.g. `kubernetes_deployment_v1`)
 * as the Kubernetes API object it creates.
 *
 * @example
 * terraformToKubernetesObject('kubernetes_namespace_v1', { metadata: { name: 'records' } }).object
 * // → { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'records' } }
 */
export function terraformToKubernetesObject(type: string, config: unknown): KubernetesObjectReading {
  if (!isPlainObject(config)) return { problems: [`${type}: the configuration is not an object`] };
  if (type === TERRAFORM_MANIFEST_TYPE) {
    const manifest = config.manifest;
    if (!isPlainObject(manifest) || typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string') {
      return { problems: [`${type}: manifest must be an object with apiVersion and kind`] };
    }
    const builtIn = /^([a-z0-9]+\/)?v\d/.test(manifest.apiVersion) || /^[^/]*\.k8s\.io\//.test(manifest.apiVersion);
    return { object: copyManifest(manifest, builtIn, undefined, 0) as KubernetesObject, problems: [] };
  }
  const kind = Object.prototype.hasOwnProperty.call(TERRAFORM_KUBERNETES_KINDS, type)
    ? TERRAFORM_KUBERNETES_KINDS[type]
    : undefined;
  if (!kind) return { problems: [] };
  const problems: string[] = [];
  const body = mapBlock(config, { kind: kind.kind, path: [], problems }, TERRAFORM_ONLY);
  if (kind.kind === 'Secret') secretData(body);
  return { object: { apiVersion: kind.apiVersion, kind: kind.kind, ...body } as KubernetesObject, problems };
}

/** One `kubernetes_*` resource of a Terraform JSON document, read as an API object. */
export interface MappedKubernetesObject {
  /** The Terraform address, e.g. `kubernetes_namespace_v1.records`. */
  readonly address: string;
  /** The resource type, e.g. `kubernetes_namespace_v1`. */
  readonly type: string;
  /** The resource name, e.g. `records`. */
  readonly name: string;
  /** The construct path cdktf recorded under the resource's `//` key, if any. */
  readonly constructPath?: string;
  /** The suppressions written under `//` → `sovereign-lz` → `suppressions` (unvalidated). */
  readonly suppressions: readonly unknown[];
  /** The API object; undefined for types that create none (e.g. `kubernetes_labels`). */
  readonly object?: KubernetesObject;
  /** What could not be read faithfully. */
  readonly problems: readonly string[];
}

/** `resource` is an object of types, or (Terraform JSON allows it) an array of such objects. */
function resourceBlocks(resource: unknown): [string, unknown][] {
  const groups: unknown[] = Array.isArray(resource) ? resource : [resource];
  return groups.flatMap((group) => (isPlainObject(group) ? Object.entries(group) : []));
}

/**
 * Every `kubernetes_*` resource of a Terraform JSON document (a cdktf `cdk.tf.json`), in the
 * document's order, with the API object it creates.
 */
export function kubernetesObjectsOf(terraform: unknown): MappedKubernetesObject[] {
  if (!isPlainObject(terraform)) return [];
  const out: MappedKubernetesObject[] = [];
  for (const [type, byName] of resourceBlocks(terraform.resource)) {
    if (!type.startsWith('kubernetes_') || !isPlainObject(byName)) continue;
    for (const [name, raw] of Object.entries(byName)) {
      const config = Array.isArray(raw) ? raw[0] : raw;
      const meta = isPlainObject(config) && isPlainObject(config['//']) ? config['//'] : {};
      const cdktf = isPlainObject(meta.metadata) ? meta.metadata : {};
      const ours = isPlainObject(meta[METADATA_KEY]) ? meta[METADATA_KEY] : {};
      const reading = terraformToKubernetesObject(type, config);
      out.push({
        address: `${type}.${name}`,
        type,
        name,
        constructPath: typeof cdktf.path === 'string' ? cdktf.path : undefined,
        suppressions: Array.isArray(ours.suppressions) ? ours.suppressions : [],
        object: reading.object,
        problems: reading.problems,
      });
    }
  }
  return out;
}
