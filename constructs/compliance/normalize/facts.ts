import { TAG_KEYS, PURPOSES } from '../../core';
import { isResourceRef, isUnresolved, Unresolved } from './intrinsics';
import type { CheckInput, Resource, Template } from './model';
import { at, list, refTarget, str } from './values';

/**
 * Evidence that several rules read across resources (which buckets hold logs, which
 * policy protects which bucket, what a key reference points to), computed once per input.
 */

const cache = new WeakMap<object, Map<string, unknown>>();

function memo<T>(owner: object, key: string, compute: () => T): T {
  let entries = cache.get(owner);
  if (!entries) cache.set(owner, (entries = new Map()));
  if (!entries.has(key)) entries.set(key, compute());
  return entries.get(key) as T;
}

/** Appends in place: copying the list for each resource made grouping quadratic (minutes at 50,000 resources). */
function addByType(map: Map<string, Resource[]>, resource: Resource): void {
  const list = map.get(resource.type);
  if (list) list.push(resource);
  else map.set(resource.type, [resource]);
}

/** Every resource of the input of this type, in input order. */
export function resourcesOfType(input: CheckInput, type: string): readonly Resource[] {
  const byType = memo(input, 'byType', () => {
    const map = new Map<string, Resource[]>();
    for (const t of input.templates) {
      for (const r of t.resources) addByType(map, r);
    }
    return map;
  });
  return byType.get(type) ?? [];
}

/** The template's resources of this type. */
export function templateResourcesOfType(template: Template, type: string): readonly Resource[] {
  const byType = memo(template, 'byType', () => {
    const map = new Map<string, Resource[]>();
    for (const r of template.resources) addByType(map, r);
    return map;
  });
  return byType.get(type) ?? [];
}

/** The resource of the same template a value refers to (`Ref`, `Fn::GetAtt`, or a string built only from it). */
export function referenced(value: unknown, template: Template): Resource | undefined {
  const id = refTarget(value);
  return id === undefined ? undefined : template.byId.get(id);
}

/**
 * The bucket of the template a value names: a reference, a literal bucket name or an
 * `arn:…:s3:::name` ARN matched against the buckets' `BucketName`.
 */
export function bucketNamed(value: unknown, template: Template): Resource | undefined {
  const target = referenced(value, template);
  if (target) return target.type === 'AWS::S3::Bucket' ? target : undefined;
  const name = typeof value === 'string' ? value.replace(/^arn:[^:]+:s3:::/, '').split('/')[0] : undefined;
  if (!name) return undefined;
  return templateResourcesOfType(template, 'AWS::S3::Bucket').find((b) => b.properties.BucketName === name);
}

/** Why a bucket is a log bucket, by resource; buckets not in the map hold data. */
export function logBuckets(input: CheckInput): ReadonlyMap<Resource, string> {
  return memo(input, 'logBuckets', () => {
    const found = new Map<Resource, string>();
    const mark = (bucket: Resource | undefined, why: string): void => {
      if (bucket && !found.has(bucket)) found.set(bucket, why);
    };
    for (const bucket of resourcesOfType(input, 'AWS::S3::Bucket')) {
      if (bucket.tags[TAG_KEYS.purpose] === PURPOSES.logs) mark(bucket, `it is tagged ${TAG_KEYS.purpose}: logs`);
    }
    for (const [bucket, source] of accessLogDestinations(input)) {
      mark(bucket, `it receives the server access logs of '${source.id}'`);
    }
    for (const trail of resourcesOfType(input, 'AWS::CloudTrail::Trail')) {
      mark(bucketNamed(trail.properties.S3BucketName, trail.template), `it receives the trail '${trail.id}'`);
    }
    for (const flowLog of resourcesOfType(input, 'AWS::EC2::FlowLog')) {
      if (flowLog.properties.LogDestinationType === 's3') {
        mark(
          bucketNamed(flowLog.properties.LogDestination, flowLog.template),
          `it receives the flow log '${flowLog.id}'`,
        );
      }
    }
    return found;
  });
}

/** Buckets that receive S3 server access logs, each with (one of) the buckets that log to it. */
export function accessLogDestinations(input: CheckInput): ReadonlyMap<Resource, Resource> {
  return memo(input, 'accessLogDestinations', () => {
    const found = new Map<Resource, Resource>();
    for (const bucket of resourcesOfType(input, 'AWS::S3::Bucket')) {
      const destination = at(bucket.properties, 'LoggingConfiguration.DestinationBucketName');
      const target = destination === undefined ? undefined : bucketNamed(destination, bucket.template);
      if (target && target !== bucket && !found.has(target)) found.set(target, bucket);
    }
    return found;
  });
}

/** The bucket policies of a template by the bucket they protect, and those whose bucket is unknown. */
export function bucketPolicies(template: Template): {
  readonly byBucket: ReadonlyMap<Resource, readonly Resource[]>;
  readonly unknown: readonly Resource[];
} {
  return memo(template, 'bucketPolicies', () => {
    const byBucket = new Map<Resource, Resource[]>();
    const unknown: Resource[] = [];
    for (const policy of templateResourcesOfType(template, 'AWS::S3::BucketPolicy')) {
      const bucket = bucketNamed(policy.properties.Bucket, template);
      if (bucket) byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), policy]);
      else unknown.push(policy);
    }
    return { byBucket, unknown };
  });
}

/** The statements of a policy document (an object, or a JSON string as some tools write). */
export function statements(document: unknown): Array<Record<string, unknown>> | Unresolved {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch {
      return new Unresolved([
        { en: 'a policy document that is not valid JSON', fr: "un document de politique qui n'est pas du JSON valide" },
      ]);
    }
  }
  if (isUnresolved(doc)) return doc;
  const raw = list(at(doc, 'Statement'));
  if (isUnresolved(raw)) return raw;
  return (raw ?? []).filter(
    (s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !isResourceRef(s),
  );
}

/** Who holds a key: a customer-managed key, a provider-managed one, or unknown. */
export type KeyHolder = 'customer' | 'provider' | Unresolved;

/**
 * Who holds the key a property names: a reference to an `AWS::KMS::Key` (or an alias of one)
 * of the template, or a key ARN/id, is the customer's; `alias/aws/*` is the provider's.
 */
export function keyHolder(value: unknown, template: Template): KeyHolder | undefined {
  if (value === undefined || value === null) return undefined;
  const target = referenced(value, template);
  if (target) {
    if (target.type === 'AWS::KMS::Key' || target.type === 'AWS::KMS::ReplicaKey') return 'customer';
    if (target.type === 'AWS::KMS::Alias') {
      const name = str(target.properties.AliasName);
      return typeof name === 'string' && name.startsWith('alias/aws/') ? 'provider' : 'customer';
    }
    return new Unresolved([
      {
        en: `'${target.id}' (${target.type}) is not a KMS key`,
        fr: `'${target.id}' (${target.type}) n'est pas une clé KMS`,
      },
    ]);
  }
  const text = str(value);
  if (isUnresolved(text)) {
    if (text.text && /alias\/aws\//.test(text.text)) return 'provider';
    return text;
  }
  if (text === undefined) return undefined;
  if (/(^|:)alias\/aws\//.test(text)) return 'provider';
  return 'customer';
}

/**
 * True if a value read in `template` refers to `target`: a reference (or a string built from
 * one) when both are in the same template, or for a bucket, an S3 ARN naming its `BucketName`.
 */
export function refersTo(value: unknown, target: Resource, template: Template): boolean {
  if (isResourceRef(value)) return template === target.template && value.target === target.id;
  if (isUnresolved(value)) return template === target.template && value.refs.includes(target.id);
  if (typeof value !== 'string' || target.type !== 'AWS::S3::Bucket') return false;
  const name = target.properties.BucketName;
  return typeof name === 'string' && value.replace(/^arn:[^:]+:s3:::/, '').split('/')[0] === name;
}
