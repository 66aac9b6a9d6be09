import { LOG_FORWARDER_ANNOTATIONS, type JurisdictionProfile } from '../core';
import { isResourceRef, isUnresolved } from '../compliance/normalize/intrinsics';
import { field, K8S, mapField, WORKLOAD_TYPES } from '../compliance/normalize/kubernetes-facts';
import type { Resource, Template } from '../compliance/normalize/model';
import { KMS_ID_PARAMETER } from '../compliance/rules/key-1-storage-class-kms';
import { at, int, items, str } from '../compliance/normalize/values';

// The keys and retention sections of the architecture snapshot: facts read from the templates
// and Terraform stacks of a synth output, one line per resource, each line starting with the
// resource's construct path (which starts with its unit), never its hashed logical id.

/** A logical id's CDK hash: 8 upper-case hex digits ending an alphanumeric id. */
const CDK_ID_HASH = /(?<=[A-Za-z0-9])[0-9A-F]{8}$/;

/**
 * How the snapshot names a resource: its construct path without the trailing `Resource`
 * segments of L2 and sovereign constructs (`Records/Documents/Key/Resource/Resource` →
 * `Records/Documents/Key`); without a path, its unit and its logical id, hash removed.
 */
export function resourceName(resource: Resource, unit: string): string {
  if (resource.path) return resource.path.replace(/(\/Resource)+$/, '') || resource.path;
  const id = resource.id.includes('.') ? resource.id.slice(resource.id.indexOf('.') + 1) : resource.id;
  return `${unit}/${id.replace(/_?[0-9A-F]{8}$/, '').replace(CDK_ID_HASH, '')}`;
}

/** Replaces the logical ids of a template in a text (a justification, a message) with the resources' names. */
export function withResourceNames(text: string, template: Template, unit: string): string {
  return text.replace(/[A-Za-z][A-Za-z0-9_]*[0-9A-F]{8}\b/g, (id) => {
    const resource = template.byId.get(id);
    return resource ? resourceName(resource, unit) : id.replace(CDK_ID_HASH, '');
  });
}

/** Where a line of a template's resource is written: its template and unit. */
export interface UnitTemplate {
  readonly template: Template;
  readonly unit: string;
  /** Who holds the unit's KMS keys, e.g. `account 666666666666`. */
  readonly holder: string;
}

/** The subject of a line: what precedes its first `: `. */
function subject(line: string): string {
  const i = line.indexOf(': ');
  return i < 0 ? line : line.slice(0, i);
}

/** Lines sorted by subject, then by text (code units, whatever the machine's locale). */
export function bySubject(lines: readonly string[]): string[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...lines].sort((a, b) => cmp(subject(a), subject(b)) || cmp(a, b));
}

function text(value: unknown): string | undefined {
  const s = str(value);
  return typeof s === 'string' ? s : undefined;
}

function days(n: number | undefined, what: string): string | undefined {
  return n === undefined ? undefined : `${what} ${n} days`;
}

/** The value of a property as a number, when the template determines it. */
function num(value: unknown): number | undefined {
  const n = int(value);
  return typeof n === 'number' ? n : undefined;
}

/** Resources of the template that refer to `id` (`Ref`, `Fn::GetAtt`), anywhere in their properties. */
function referrers(template: Template, id: string): Resource[] {
  const refers = (value: unknown): boolean => {
    if (isResourceRef(value)) return value.target === id;
    if (isUnresolved(value)) return value.refs.includes(id);
    if (Array.isArray(value)) return value.some(refers);
    if (value && typeof value === 'object') return Object.values(value).some(refers);
    return false;
  };
  return template.resources.filter((r) => r.id !== id && refers(r.properties));
}

/** Types that use a key without being what it encrypts: policies, aliases, grants, roles. */
const NOT_ENCRYPTED = /^AWS::(IAM|KMS)::|Policy$|::Grant$/;

function kmsKeyLine({ template, unit, holder }: UnitTemplate, key: Resource): string {
  const p = key.properties;
  const rotation = p.EnableKeyRotation === true || p.EnableKeyRotation === 'true';
  const period = num(p.RotationPeriodInDays);
  const origin = text(p.Origin);
  const spec = text(p.KeySpec);
  const encrypts = referrers(template, key.id)
    .filter((r) => !NOT_ENCRYPTED.test(r.type))
    .map((r) => resourceName(r, unit))
    .sort();
  return [
    `${resourceName(key, unit)}: customer-managed AWS KMS key of ${holder}`,
    ...(origin && origin !== 'AWS_KMS' ? [`origin ${origin}`] : []),
    ...(spec && spec !== 'SYMMETRIC_DEFAULT' ? [spec] : []),
    rotation ? `rotation every ${period ?? 365} days` : 'no rotation',
    p.MultiRegion === true || p.MultiRegion === 'true' ? 'multi-region' : 'single-region',
    ...(num(p.PendingWindowInDays) !== undefined ? [`deletion window ${num(p.PendingWindowInDays)} days`] : []),
    ...(encrypts.length ? [`encrypts ${[...new Set(encrypts)].join(' ')}`] : []),
  ].join(' · ');
}

function storageClassLine({ unit }: UnitTemplate, storageClass: Resource, profile: JurisdictionProfile): string {
  const parameters = mapField(storageClass.properties, 'parameters');
  const kmsId = text(parameters[KMS_ID_PARAMETER]);
  const encrypted = ['encrypted', 'secure'].some((k) => String(parameters[k] ?? '').toLowerCase() === 'true');
  const name = text(field(storageClass.properties, 'metadata', 'name'));
  return [
    `${resourceName(storageClass, unit)}: storage class ${name ?? '(unnamed)'}`,
    text(storageClass.properties.provisioner) ?? 'no provisioner',
    encrypted ? 'encrypted' : 'not encrypted',
    kmsId
      ? `keys held by ${kmsId}${profile.allowlists.inCountryKmsIds.includes(kmsId) ? ' (allowlisted in-country key manager)' : ' (not on the allowlist)'}`
      : 'no key manager named',
  ].join(' · ');
}

/** Literal KMS key ARNs the resources use: keys the templates do not create (external key stores, HSMs, other accounts). */
function externalKeyLines(units: readonly UnitTemplate[], profile: JurisdictionProfile): string[] {
  const users = new Map<string, Set<string>>();
  const visit = (value: unknown, user: string) => {
    if (typeof value === 'string' && /^arn:aws[a-z-]*:kms:/.test(value)) {
      users.set(value, (users.get(value) ?? new Set()).add(user));
    } else if (Array.isArray(value)) value.forEach((v) => visit(v, user));
    else if (value && typeof value === 'object' && !isResourceRef(value) && !isUnresolved(value)) {
      Object.values(value).forEach((v) => visit(v, user));
    }
  };
  for (const { template, unit } of units) {
    for (const r of template.resources.filter((x) => !NOT_ENCRYPTED.test(x.type))) {
      visit(r.properties, resourceName(r, unit));
    }
  }
  return [...users].map(
    ([arn, by]) =>
      `${arn}: external key · ${profile.allowlists.externalKeyArns.includes(arn) ? 'on the profile allowlist' : 'not on the profile allowlist'} · used by ${[...by].sort().join(' ')}`,
  );
}

/** The keys section: each KMS key, each in-country storage class and its key manager, each external key used. */
export function keyLines(units: readonly UnitTemplate[], profile: JurisdictionProfile): string[] {
  const lines: string[] = [];
  for (const unit of units) {
    for (const r of unit.template.resources) {
      if (r.type === 'AWS::KMS::Key') lines.push(kmsKeyLine(unit, r));
      else if (r.type === K8S.storageClass) lines.push(storageClassLine(unit, r, profile));
    }
  }
  return bySubject([...lines, ...externalKeyLines(units, profile)]);
}

function lifecycleParts(bucket: Resource): string[] {
  const parts: string[] = [];
  for (const rule of items(at(bucket.properties, 'LifecycleConfiguration.Rules'))) {
    if (text(at(rule, 'Status')) === 'Disabled') continue;
    const id = text(at(rule, 'Id'));
    const prefix = id ? `${id}: ` : '';
    const current = days(num(at(rule, 'ExpirationInDays')), 'objects expire after');
    const noncurrent = days(
      num(at(rule, 'NoncurrentVersionExpiration.NoncurrentDays') ?? at(rule, 'NoncurrentVersionExpirationInDays')),
      'noncurrent versions after',
    );
    if (current || noncurrent) parts.push(`${prefix}${[current, noncurrent].filter(Boolean).join(', ')}`);
  }
  return parts;
}

function bucketLine(name: string, bucket: Resource): string | undefined {
  const lock = at(bucket.properties, 'ObjectLockConfiguration.Rule.DefaultRetention');
  const mode = text(at(lock, 'Mode'));
  const lockDays = num(at(lock, 'Days'));
  const lockYears = num(at(lock, 'Years'));
  const parts = [
    ...(mode ? [`Object Lock ${mode} ${lockDays !== undefined ? `${lockDays} days` : `${lockYears} years`}`] : []),
    ...lifecycleParts(bucket),
  ];
  return parts.length ? `${name}: bucket · ${parts.join(' · ')}` : undefined;
}

function backupVaultLine(name: string, vault: Resource): string | undefined {
  const lock = at(vault.properties, 'LockConfiguration');
  if (lock === undefined) return undefined;
  const min = num(at(lock, 'MinRetentionDays'));
  const max = num(at(lock, 'MaxRetentionDays'));
  const changeable = num(at(lock, 'ChangeableForDays'));
  return [
    `${name}: backup vault lock`,
    ...(min !== undefined ? [`recovery points kept at least ${min} days`] : []),
    ...(max !== undefined ? [`at most ${max} days`] : []),
    changeable !== undefined ? `lock changeable for ${changeable} days` : 'governance mode',
  ].join(' · ');
}

function backupPlanLine(name: string, plan: Resource): string {
  const rules = items(at(plan.properties, 'BackupPlan.BackupPlanRule')).map((rule) => {
    const kept = num(at(rule, 'Lifecycle.DeleteAfterDays'));
    const cold = num(at(rule, 'Lifecycle.MoveToColdStorageAfterDays'));
    return [
      `${text(at(rule, 'RuleName')) ?? 'rule'} ${text(at(rule, 'ScheduleExpression')) ?? '(no schedule)'}`,
      kept !== undefined ? `kept ${kept} days` : 'kept until deleted',
      ...(cold !== undefined ? [`cold after ${cold} days`] : []),
    ].join(' ');
  });
  return `${name}: backup plan · ${rules.length ? rules.join(' · ') : 'no rule'}`;
}

function kubernetesLine(name: string, r: Resource): string | undefined {
  if (WORKLOAD_TYPES.includes(r.type)) {
    const annotations = mapField(r.properties, 'metadata', 'annotations');
    const retention = text(annotations[LOG_FORWARDER_ANNOTATIONS.retentionDays]);
    const sink = text(annotations[LOG_FORWARDER_ANNOTATIONS.sink]);
    if (retention === undefined && sink === undefined) return undefined;
    return [
      `${name}: log forwarder`,
      ...(sink ? [`to ${sink}`] : []),
      retention !== undefined ? `retention ${retention} days` : 'no retention declared',
    ].join(' · ');
  }
  if (r.type === K8S.veleroSchedule) {
    const template = field(r.properties, 'spec', 'template');
    const namespaces = field(template, 'includedNamespaces');
    return [
      `${name}: Velero schedule ${text(field(r.properties, 'spec', 'schedule')) ?? '(no schedule)'}`,
      `of ${Array.isArray(namespaces) ? namespaces.join(' ') : 'every namespace'}`,
      `to ${text(field(template, 'storageLocation')) ?? 'the default location'}`,
      `kept ${text(field(template, 'ttl')) ?? "Velero's default (720h)"}`,
    ].join(' · ');
  }
  return undefined;
}

/** The retention section: log groups, Object Lock and lifecycle of buckets, backup vault locks and plans, in-country log forwarders and backup schedules. */
export function retentionLines(units: readonly UnitTemplate[]): string[] {
  const lines: string[] = [];
  for (const { template, unit } of units) {
    for (const r of template.resources) {
      const name = resourceName(r, unit);
      let line: string | undefined;
      if (r.type === 'AWS::Logs::LogGroup') {
        const retention = num(r.properties.RetentionInDays);
        line = `${name}: log group · ${retention !== undefined ? `kept ${retention} days` : 'kept forever (no RetentionInDays)'}`;
      } else if (r.type === 'AWS::S3::Bucket') line = bucketLine(name, r);
      else if (r.type === 'AWS::Backup::BackupVault') line = backupVaultLine(name, r);
      else if (r.type === 'AWS::Backup::BackupPlan') line = backupPlanLine(name, r);
      else if (r.kubernetes) line = kubernetesLine(name, r);
      if (line) lines.push(line);
    }
  }
  return bySubject(lines);
}
