import { join, dirname } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import type { IConstruct } from 'constructs';
import {
  kubernetesObjectsOf,
  type KubernetesObject,
  type MappedKubernetesObject,
} from '../../constructs/compliance/normalize/kubernetes-objects';
import { extendProfile, morocco, type JurisdictionProfile, type Site } from '../../constructs/core';
import { BackupSchedule } from '../../constructs/kubernetes/backup-schedule';
import { EncryptedStorageClass } from '../../constructs/kubernetes/encrypted-storage-class';
import { HardenedStatefulWorkload } from '../../constructs/kubernetes/hardened-stateful-workload';
import { HardenedWorkload } from '../../constructs/kubernetes/hardened-workload';
import { InCountryAdmissionPolicy } from '../../constructs/kubernetes/in-country-admission-policy';
import { LogForwarder } from '../../constructs/kubernetes/log-forwarder';
import { SovereignCluster, type SovereignClusterProps } from '../../constructs/kubernetes/sovereign-cluster';
import { SovereignNamespace } from '../../constructs/kubernetes/sovereign-namespace';
import { TierFlow } from '../../constructs/kubernetes/tier-flow';

export const CASABLANCA: Site = {
  name: 'ma-casablanca-1',
  country: 'MA',
  regionValues: ['ma-casablanca'],
  zoneValues: ['ma-casablanca-a', 'ma-casablanca-b'],
  operator: 'a qualified Moroccan provider',
};

export const PARIS: Site = { name: 'fr-paris-1', country: 'FR', regionValues: ['fr-paris'], zoneValues: [] };

/** The Morocco profile with an in-country site, a foreign site, and allowlists. */
export const MOROCCO: JurisdictionProfile = extendProfile(morocco, {
  sites: [CASABLANCA, PARIS],
  allowlists: {
    imageRegistries: ['registry.gov.ma', 'harbor.dc1.example.ma/platform'],
    inCountryKmsIds: ['vault-casablanca'],
    logSinks: ['logs.gov.ma'],
    backupLocations: ['minio-casablanca'],
  },
});

/** A fresh cdktf app and Terraform stack (stubbed versions, deterministic). */
export function testStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'K');
}

/** A stack with a sensitive-ceiling cluster on the Casablanca site. */
export function testCluster(props: Partial<SovereignClusterProps> = {}): SovereignCluster {
  return new SovereignCluster(testStack(), 'Casablanca', {
    profile: MOROCCO,
    site: CASABLANCA.name,
    kubeconfigContext: 'casablanca',
    ...props,
  });
}

/** The stack's Terraform JSON including the `//` metadata (which `Testing.synth` strips). */
export function synthJson(stack: TerraformStack): Record<string, unknown> {
  return JSON.parse(JSON.stringify(stack.toTerraform())) as Record<string, unknown>;
}

/** The Terraform resources of one type, by name. */
export function resourcesOf(stack: TerraformStack, type: string): Record<string, Record<string, unknown>> {
  const resource = (synthJson(stack).resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  return resource[type] ?? {};
}

/** Every Kubernetes object the stack renders, read as API objects. */
export function renderedObjects(stack: TerraformStack): MappedKubernetesObject[] {
  return kubernetesObjectsOf(synthJson(stack));
}

/** The API objects of one kind. */
export function objectsOfKind(stack: TerraformStack, kind: string): KubernetesObject[] {
  return renderedObjects(stack)
    .map((m) => m.object)
    .filter((o): o is KubernetesObject => o?.kind === kind);
}

type ValidateFn = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string; keyword: string; params: unknown }[] | null;
};

/**
 * Top-level string fields the validators never read: kubernetes-models' generator drops every
 * OpenAPI `description` keyword, and with it the properties named `description` (checked by
 * scanning its schemas against its type declarations; only CRD schema types share the gap).
 */
const FIELDS_THE_VALIDATOR_SKIPS: Record<string, string[]> = { 'scheduling.k8s.io/v1/PriorityClass': ['description'] };

const MODELS_ROOT = dirname(require.resolve('kubernetes-models'));
const SCHEMAS = new Map<string, ValidateFn | undefined>();

/**
 * The validate function of the OpenAPI schema kubernetes-models ships for apiVersion/kind,
 * or undefined for a kind it does not know (a custom resource).
 */
function schemaFor(apiVersion: string, kind: string): ValidateFn | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!SCHEMAS.has(key)) {
    let fn: ValidateFn | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const model = require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, unknown>;
      const id = Object.keys(model).find((k) => k.startsWith('IoK8s'));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (id) fn = (require(join(MODELS_ROOT, '_schemas', `${id}.js`)) as { validate: ValidateFn }).validate;
    } catch {
      fn = undefined;
    }
    SCHEMAS.set(key, fn);
  }
  return SCHEMAS.get(key);
}

/**
 * Problems of an API object against the Kubernetes OpenAPI schema: wrong types, missing
 * required fields (kubernetes-models' own checks) and unknown fields, which those checks
 * accept. An unknown field is one the schema's validator never reads: the object is walked
 * through a proxy that records every field the validator looks at (it reads each property
 * its schema declares, and every key of a map), so a misspelled field is never read.
 */
export function schemaProblems(object: KubernetesObject, extraSchemas: Record<string, ValidateFn> = {}): string[] {
  const validate = extraSchemas[`${object.apiVersion}/${object.kind}`] ?? schemaFor(object.apiVersion, object.kind);
  if (!validate) return [`no schema for ${object.apiVersion} ${object.kind}`];
  const read = new Map<object, Set<string>>();
  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    let keys = read.get(value);
    if (!keys) read.set(value, (keys = new Set()));
    const seen = keys;
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === 'string') seen.add(key);
        return wrap(Reflect.get(target, key, receiver));
      },
    });
  };
  const problems: string[] = [];
  if (!validate(wrap(object))) {
    for (const e of validate.errors ?? []) {
      problems.push(`${e.instancePath || '/'}: ${e.keyword} ${JSON.stringify(e.params)}`);
    }
  }
  const unread = FIELDS_THE_VALIDATOR_SKIPS[`${object.apiVersion}/${object.kind}`] ?? [];
  for (const field of unread) {
    const value = object[field];
    if (value !== undefined && typeof value !== 'string') problems.push(`/${field}: type {"type":"string"}`);
  }
  const walk = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}/${i}`));
      return;
    }
    const seen = read.get(value) ?? new Set();
    for (const [key, v] of Object.entries(value)) {
      if (!seen.has(key) && !(path === '' && unread.includes(key))) problems.push(`${path}/${key}: unknown field`);
      else walk(v, `${path}/${key}`);
    }
  };
  walk(object, '');
  return problems;
}

/**
 * Every Kubernetes object of the stack with its schema problems; an empty array when all
 * are valid. Also fails for a resource that could not be read as an API object.
 */
export function invalidObjects(stack: TerraformStack, extraSchemas: Record<string, ValidateFn> = {}): string[] {
  const out: string[] = [];
  for (const m of renderedObjects(stack)) {
    for (const p of m.problems) out.push(`${m.address}: ${p}`);
    if (!m.object) {
      out.push(`${m.address}: not read as a Kubernetes object`);
      continue;
    }
    for (const p of schemaProblems(m.object, extraSchemas)) out.push(`${m.address} (${m.object.kind}) ${p}`);
  }
  return out;
}

/**
 * The Terraform resources the construct itself created (by their cdktf construct path), by
 * type and name, without cdktf's own `//` metadata: small, deterministic snapshots.
 */
export function ownResources(construct: IConstruct): Record<string, Record<string, unknown>> {
  const stack = TerraformStack.of(construct);
  const prefix = `${construct.node.path}/`;
  const out: Record<string, Record<string, unknown>> = {};
  const resource = (synthJson(stack).resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  for (const [type, byName] of Object.entries(resource)) {
    for (const [name, config] of Object.entries(byName)) {
      const { '//': meta, ...rest } = config as { '//'?: { metadata?: { path?: string } } };
      if (!meta?.metadata?.path?.startsWith(prefix)) continue;
      const { metadata: _cdktf, ...ours } = meta;
      (out[type] ??= {})[name] = Object.keys(ours).length ? { ...rest, '//': ours } : rest;
    }
  }
  return out;
}

const digest = (c: string) => `sha256:${c.repeat(64)}`;

/** The parts of a small landing zone, for tests that change one of them. */
export interface SmallLandingZone {
  readonly cluster: SovereignCluster;
  readonly storage: EncryptedStorageClass;
  readonly logs: LogForwarder;
  readonly web: SovereignNamespace;
  readonly records: SovereignNamespace;
  readonly data: SovereignNamespace;
  readonly api: HardenedWorkload;
  readonly db: HardenedStatefulWorkload;
  readonly backup: BackupSchedule;
}

/**
 * A small in-country landing zone with every Kubernetes construct, on `cluster` (whose profile
 * declares the Casablanca site and the allowlists of MOROCCO).
 */
export function smallLandingZone(cluster: SovereignCluster): SmallLandingZone {
  new InCountryAdmissionPolicy(cluster, 'Guardrail');
  const storage = new EncryptedStorageClass(cluster, 'Encrypted', {
    driver: { type: 'ceph-rbd', clusterId: 'ceph-casa', pool: 'sensitive', kmsId: 'vault-casablanca' },
    isDefault: true,
  });
  const logs = new LogForwarder(cluster, 'Logs', {
    image: `registry.gov.ma/mirror/fluent-bit@${digest('f')}`,
    sink: { host: 'logs.gov.ma', cidrs: ['10.20.0.0/24'] },
  });
  const web = new SovereignNamespace(cluster, 'Web', { tier: 'public', classification: 'public' });
  const records = new SovereignNamespace(cluster, 'Records', {
    tier: 'application',
    owners: [{ kind: 'Group', name: 'records-team' }],
  });
  const data = new SovereignNamespace(cluster, 'RecordsData', { tier: 'data' });
  new HardenedWorkload(web, 'Portal', {
    image: `registry.gov.ma/portal/web@${digest('a')}`,
    ports: [{ containerPort: 8080, servicePort: 80, name: 'http' }],
    serviceType: 'LoadBalancer',
  });
  const api = new HardenedWorkload(records, 'Api', {
    image: `registry.gov.ma/records/api@${digest('b')}`,
    ports: [{ containerPort: 8443, name: 'https' }],
    healthCheckPath: '/healthz',
  });
  const db = new HardenedStatefulWorkload(data, 'Db', {
    image: `registry.gov.ma/records/postgres@${digest('c')}`,
    ports: [{ containerPort: 5432, name: 'postgres' }],
    replicas: 1,
    writablePaths: ['/tmp', '/var/run/postgresql'],
    dataPath: '/var/lib/postgresql/data',
    storageClass: storage,
  });
  const backup = new BackupSchedule(data, 'Backup');
  new TierFlow(cluster, 'WebToApi', { from: web, to: records, ports: [{ port: 8443 }] });
  new TierFlow(cluster, 'ApiToDb', { from: records, to: data, ports: [{ port: 5432 }] });
  return { cluster, storage, logs, web, records, data, api, db, backup };
}
