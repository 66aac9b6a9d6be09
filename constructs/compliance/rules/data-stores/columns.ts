import type { LocalizedText } from '../../../core';
import { isResourceRef, isUnresolved, type Unresolved } from '../../normalize/intrinsics';
import { resourcesOfType } from '../../normalize/facts';
import type { CheckInput, Resource } from '../../normalize/model';
import {
  cannotProve,
  combine,
  fail,
  isClean,
  unknownValue,
  type Outcome,
  type Problem,
  type RuleContext,
} from '../../judge/rule';
import { at, bool, list, show, str, type Maybe } from '../../normalize/values';
import { judgeAtRest } from '../encryption';
import { arnRegion, judgeCopyRegion, levelOf, levelUnknown } from '../helpers';
import { publicGrants } from './policies';
import { settingsEvidence } from './evidence';
import {
  getter,
  pick,
  present,
  type AtRestCheck,
  type AtRestPart,
  type AtRestReading,
  type Check,
  type CheckDoc,
} from './table';

/**
 * The builders of the table's checks: each takes the property paths, defaults and values of a
 * column, records them for the reference, and judges a resource by them.
 */

const code = (text: string) => `\`${text}\``;
const codes = (values: readonly string[]) => values.map(code).join(', ');

/** Why a value is unknown, in both languages. */
export function described(value: Unresolved): LocalizedText {
  return { en: value.describe('en'), fr: value.describe('fr') };
}

/** Prefixes the messages of an outcome with what part of the resource they are about. */
export function prefixed(outcome: Outcome, part: LocalizedText | undefined): Outcome {
  if (!part || isClean(outcome)) return outcome;
  const problems = Array.isArray(outcome) ? outcome : [outcome as Problem];
  return problems.map((p) => ({
    ...p,
    message: { en: `${part.en}: ${p.message.en}`, fr: `${part.fr} : ${p.message.fr}` },
  }));
}

// ---- ENC-1: at rest ----

/** Where a type keeps its at-rest switch and key, as data. */
export interface AtRestSpec {
  /** The rule id kept from before the table, if the type had one. */
  readonly rule?: string;
  /** Items judged one by one (`LaunchTemplateData.BlockDeviceMappings`); the switch and key are read in each. */
  readonly each?: string;
  /** Within each item, a property that must be present for it to hold data (`Ebs`: a virtual device holds none). */
  readonly only?: string;
  /** A property naming each item in messages (`DeviceName`). */
  readonly label?: string;
  /** A boolean switch (`StorageEncrypted`). */
  readonly enabled?: string;
  /** A property whose presence turns encryption on (`StreamEncryption`). */
  readonly on?: string;
  /** A boolean property that, true, selects a provider-managed key (`EncryptionOptions.UseAwsOwnedKey`). */
  readonly providerFlag?: string;
  /** An enumerated switch, and which of its values turn encryption off, on with a provider key, or on with the key. */
  readonly mode?: {
    readonly path: string;
    readonly off?: readonly string[];
    readonly provider?: readonly string[];
    readonly key?: readonly string[];
  };
  /** The property naming the key. */
  readonly key?: string;
  /** What the service does when the switch (and key) are absent. */
  readonly absent: 'provider-key' | 'unencrypted';
  /** Values of the key property naming a provider-managed key, besides `alias/aws/*` (e.g. `AWS_OWNED_KMS_KEY`). */
  readonly providerKeys?: readonly string[];
  /** Said of a provider key when the service offers no key property (e.g. DAX). */
  readonly noKeyChoice?: LocalizedText;
  /** The outcome when the resource holds no data of its own here (e.g. a function without environment variables). */
  readonly skip?: (resource: Resource, context: RuleContext) => Outcome | undefined;
  /** The outcome when `each` lists no item. @default 'not-applicable' */
  readonly none?: (resource: Resource) => Outcome;
  /** A sentence for the reference (a default that depends on something else, a limit of CloudFormation…). */
  readonly note?: string;
  /** What the reference says the check reads, when the switch and key do not say it (a store whose data is another's). */
  readonly reads?: string;
}

const NO_KEY_CHOICE: LocalizedText = {
  en: 'the service offers no customer-managed key',
  fr: 'le service ne propose aucune clé gérée par le client',
};

type Read = (value: unknown) => unknown;

/** The readers of a spec's paths, built once. */
interface Readers {
  readonly each?: Read;
  readonly only?: Read;
  readonly label?: Read;
  readonly enabled?: Read;
  readonly on?: Read;
  readonly providerFlag?: Read;
  readonly mode?: Read;
  readonly key?: Read;
}

function readersOf(spec: AtRestSpec): Readers {
  const of = (path: string | undefined) => (path === undefined ? undefined : getter(path));
  return {
    each: of(spec.each),
    only: of(spec.only),
    label: of(spec.label),
    enabled: of(spec.enabled),
    on: of(spec.on),
    providerFlag: of(spec.providerFlag),
    mode: of(spec.mode?.path),
    key: of(spec.key),
  };
}

function readPart(
  spec: AtRestSpec,
  read: Readers,
  item: unknown,
  part: LocalizedText | undefined,
): AtRestPart | Problem {
  let enabled: Maybe<boolean>;
  let providerKey = false;
  let keyProperty: string | LocalizedText = spec.key ?? '';
  if (read.enabled) enabled = bool(read.enabled(item));
  if (read.on) {
    const block = read.on(item);
    if (isUnresolved(block)) return cannotProve(unknownValue(spec.on as string, spec.on as string, block));
    enabled = block === undefined ? undefined : true;
  }
  if (read.providerFlag) {
    const flag = spec.providerFlag as string;
    const owned = bool(read.providerFlag(item));
    if (isUnresolved(owned)) return cannotProve(unknownValue(flag, flag, owned));
    if (owned === true) {
      providerKey = true;
      keyProperty = `${flag} true`;
    }
  }
  if (spec.mode && read.mode) {
    const { path } = spec.mode;
    const value = str(read.mode(item));
    if (isUnresolved(value)) return cannotProve(unknownValue(path, path, value));
    if (value !== undefined) {
      if (spec.mode.off?.includes(value)) enabled = false;
      else if (spec.mode.provider?.includes(value)) {
        enabled = true;
        providerKey = true;
        keyProperty = `${path} ${value}`;
      } else if (spec.mode.key?.includes(value)) enabled = true;
      else {
        return cannotProve({
          en: `${path} is ${show(value)}, a value the data-store table does not know`,
          fr: `${path} vaut ${show(value, 'fr')}, une valeur que la table des magasins de données ne connaît pas`,
        });
      }
    }
  }
  const key = read.key && !providerKey ? read.key(item) : undefined;
  if (typeof key === 'string' && spec.providerKeys?.includes(key)) {
    providerKey = true;
    keyProperty = `${spec.key} ${key}`;
  }
  return {
    enabled,
    enabledProperty: spec.enabled ?? spec.on ?? spec.mode?.path,
    encryptedByDefault: spec.absent === 'provider-key',
    key: providerKey ? undefined : key,
    keyProperty,
    // A service without a key property encrypts, when it does, with a key of its own.
    providerKey:
      providerKey ||
      (spec.key === undefined && (enabled === true || (enabled === undefined && spec.absent === 'provider-key'))) ||
      undefined,
    how: spec.key === undefined && !providerKey ? (spec.noKeyChoice ?? NO_KEY_CHOICE) : undefined,
    part,
  };
}

const isProblem = (read: AtRestPart | Problem): read is Problem => 'status' in read;

/** Reads how a resource keeps its data at rest, by a spec and its readers. */
function readAtRest(spec: AtRestSpec, read: Readers, resource: Resource, context: RuleContext): AtRestReading {
  const skipped = spec.skip?.(resource, context);
  if (skipped) return { outcome: skipped };
  if (!read.each) {
    const whole = readPart(spec, read, resource.properties, undefined);
    return isProblem(whole) ? { outcome: whole } : { parts: [whole] };
  }
  const each = spec.each as string;
  const raw = list(read.each(resource.properties));
  if (isUnresolved(raw)) return { outcome: cannotProve(unknownValue(each, each, raw)) };
  const parts: AtRestPart[] = [];
  for (const [i, value] of (raw ?? []).entries()) {
    if (read.only && read.only(value) === undefined) continue;
    const name = read.label ? str(read.label(value)) : undefined;
    const label = `${each} ${typeof name === 'string' ? name : `#${i + 1}`}`;
    const part = { en: label, fr: label };
    const found = readPart(spec, read, value, part);
    if (isProblem(found)) return { outcome: prefixed(found, part) };
    parts.push(found);
  }
  return parts.length ? { parts } : { outcome: spec.none?.(resource) ?? 'not-applicable' };
}

/** ENC-1 on a reading: each part encrypted, with a customer key unless the level allows provider keys. */
export function judgeReading(resource: Resource, context: RuleContext, reading: AtRestReading): Outcome {
  if ('outcome' in reading) return reading.outcome;
  const { parts } = reading;
  if (parts.length === 1) return prefixed(judgeAtRest(resource, context, parts[0]), parts[0].part);
  return combine(parts.map((part) => prefixed(judgeAtRest(resource, context, part), part.part)));
}

function atRestDoc(spec: AtRestSpec): CheckDoc {
  const reads: string[] = [];
  if (spec.enabled) reads.push(`${code(spec.enabled)} true`);
  if (spec.on) reads.push(`${code(spec.on)} present`);
  if (spec.providerFlag) reads.push(`${code(spec.providerFlag)} true is a provider key`);
  if (spec.mode) {
    const on = [...(spec.mode.key ?? []), ...(spec.mode.provider ?? [])];
    const off = spec.mode.off?.length ? ` (${codes(spec.mode.off)}: not encrypted)` : '';
    reads.push(`${code(spec.mode.path)} ${on.map(code).join(' or ')}${off}`);
  }
  reads.push(spec.key ? `key ${code(spec.key)}` : 'no key property (the service chooses the key)');
  const each = spec.each ? `each ${code(spec.each)}${spec.only ? ` with ${code(spec.only)}` : ''}: ` : '';
  const provider = ['`alias/aws/*`', ...(spec.providerKeys ?? []).map(code), ...(spec.mode?.provider ?? []).map(code)];
  return {
    reads: spec.reads ?? `${each}${reads.join('; ')}${spec.note ? `. ${spec.note}` : ''}`,
    absent: spec.absent === 'provider-key' ? 'encrypted with a provider-managed key' : 'not encrypted',
    provider: spec.key || spec.mode?.provider ? provider.join(', ') : 'every key (none can be chosen)',
  };
}

/** The ENC-1 check of a row, from where its switch and key are. */
export function atRest(spec: AtRestSpec): AtRestCheck {
  const readers = readersOf(spec);
  return {
    control: 'ENC-1',
    rule: spec.rule,
    doc: atRestDoc(spec),
    read: (resource, context) => readAtRest(spec, readers, resource, context),
    judge: (resource, context) => judgeReading(resource, context, readAtRest(spec, readers, resource, context)),
  };
}

/** The ENC-1 check of a row whose data has several parts, each with its switch and key (`when`: a property that must be present). */
export function atRestAll(
  parts: ReadonlyArray<{ readonly part: LocalizedText; readonly when?: string; readonly spec: AtRestSpec }>,
  rule?: string,
): AtRestCheck {
  const compiled = parts.map((p) => ({
    ...p,
    readers: readersOf(p.spec),
    marker: p.when ? getter(p.when) : undefined,
  }));
  const read = (resource: Resource, context: RuleContext): AtRestReading => {
    const all: AtRestPart[] = [];
    for (const { part, when, spec, readers, marker: present_ } of compiled) {
      const marker = present_ ? present_(resource.properties) : true;
      if (isUnresolved(marker))
        return { outcome: prefixed(cannotProve(unknownValue(when ?? '', when ?? '', marker)), part) };
      if (marker === undefined) continue;
      const reading = readAtRest(spec, readers, resource, context);
      if ('outcome' in reading) {
        if (reading.outcome === 'not-applicable') continue;
        return { outcome: prefixed(reading.outcome, part) };
      }
      all.push(
        ...reading.parts.map((p) => ({
          ...p,
          part: p.part ? { en: `${part.en}, ${p.part.en}`, fr: `${part.fr}, ${p.part.fr}` } : part,
        })),
      );
    }
    return all.length ? { parts: all } : { outcome: 'not-applicable' };
  };
  const docs = parts.map(({ part, when, spec }) => ({ part, when, doc: atRestDoc(spec) }));
  return {
    control: 'ENC-1',
    rule,
    doc: {
      reads: docs.map((d) => `${d.part.en}${d.when ? ` (with ${code(d.when)})` : ''}: ${d.doc.reads}`).join('; '),
      absent: docs.map((d) => `${d.part.en}: ${d.doc.absent}`).join('; '),
      provider: [...new Set(docs.map((d) => d.doc.provider ?? ''))].filter(Boolean).join(', '),
    },
    read,
    judge: (resource, context) => judgeReading(resource, context, read(resource, context)),
  };
}

/**
 * The outcome for data the service cannot encrypt with a customer-managed key (e.g. an SSM
 * String parameter): acceptable where the level's key custody is the provider's.
 */
export function noCustomerKey(resource: Resource, { profile }: RuleContext, why: LocalizedText): Outcome {
  const level = levelOf(resource);
  if (level && profile.levels[level].keyCustody === 'provider') return 'pass';
  if (!level) {
    return levelUnknown(resource, {
      en: 'whether data without a customer-managed key is acceptable',
      fr: 'que des données sans clé gérée par le client sont acceptables',
    });
  }
  return fail({
    en: `${why.en}, and level '${level}' needs a customer-managed key`,
    fr: `${why.fr}, alors que le niveau '${level}' exige une clé gérée par le client`,
  });
}

/** An ENC-1 check whose reading is written by hand (S3's algorithms, a global table's replicas…). */
export function atRestBy(
  doc: CheckDoc,
  read: (resource: Resource, context: RuleContext) => AtRestReading,
  rule?: string,
): AtRestCheck {
  return {
    control: 'ENC-1',
    rule,
    doc,
    read,
    judge: (resource, context) => judgeReading(resource, context, read(resource, context)),
  };
}

const namesByInput = new WeakMap<CheckInput, Map<string, Set<string>>>();

/** The literal identifiers (`DBClusterIdentifier`…) of the resources of a type in the input, lowercase: indexed once. */
function namedIn(input: CheckInput, type: string, idProperty: string): ReadonlySet<string> {
  let byKey = namesByInput.get(input);
  if (!byKey) namesByInput.set(input, (byKey = new Map()));
  const key = `${type} ${idProperty}`;
  let names = byKey.get(key);
  if (!names) {
    byKey.set(key, (names = new Set()));
    for (const r of resourcesOfType(input, type)) {
      const id = present(r.properties[idProperty]);
      if (typeof id === 'string') names.add(id.toLowerCase());
    }
  }
  return names;
}

/**
 * The outcome for a resource whose data is kept by another (an instance of a cluster, an
 * access point of a file system): not applicable when that one is in the input, where it is
 * judged; cannot-prove otherwise.
 */
export function keptBy(
  resource: Resource,
  context: RuleContext,
  property: string,
  types: readonly string[],
  /** The property of those types that `property` names them by, when it can name them by a literal identifier. */
  idProperty?: string,
): Outcome | undefined {
  const value = present(resource.properties[property]);
  if (value === undefined) return undefined;
  if (isResourceRef(value) && types.includes(resource.template.byId.get(value.target)?.type ?? '')) {
    return 'not-applicable';
  }
  if (isUnresolved(value)) {
    if (value.determined && value.refs.some((r) => types.includes(resource.template.byId.get(r)?.type ?? ''))) {
      return 'not-applicable';
    }
    return cannotProve(unknownValue(property, property, value));
  }
  const name = String(value);
  if (idProperty && types.some((type) => namedIn(context.input, type, idProperty).has(name.toLowerCase()))) {
    return 'not-applicable';
  }
  return cannotProve({
    en: `its data is kept by ${show(name)} (${property}), which is not in the input: its encryption is judged there`,
    fr: `ses données sont gardées par ${show(name, 'fr')} (${property}), absent des artefacts vérifiés : son chiffrement y est jugé`,
  });
}

// ---- RES-2: copies ----

/** Where the copies of a type go, as data. */
export interface CopySpec {
  readonly rule?: string;
  /** The copy, in messages, e.g. `cross-region snapshot copy` / `copie interrégionale d'instantanés`. */
  readonly what: LocalizedText;
  /** Paths to destination regions (`ReplicaRegions[].Region`). */
  readonly regions?: readonly string[];
  /** Paths to destination ARNs (a vault, a peer cluster): the region of the ARN. */
  readonly arns?: readonly string[];
  /** Paths to destinations given as a region or an ARN (an Outpost): the region, or that of the ARN. */
  readonly places?: readonly string[];
  /** Whether the copies are on at all (e.g. `ReplicationStrategy` `MULTI_REGION`); @default on when a destination is named */
  readonly when?: (resource: Resource) => boolean | Unresolved;
  readonly note?: string;
}

/**
 * RES-2 on one destination of a copy: a region (or an ARN carrying one) allowed for the
 * resource's level. A reference to a resource of the same template, or the stack's own region,
 * is where RES-1 judges the data already.
 */
export function judgeDestination(
  resource: Resource,
  context: RuleContext,
  what: LocalizedText,
  value: unknown,
  kind: 'region' | 'arn' | 'place',
): Outcome {
  const stackRegion = resource.template.stack.region;
  if (isResourceRef(value)) return 'pass';
  let text: string | undefined;
  if (isUnresolved(value)) {
    if (value.determined && value.refs.length) return 'pass';
    text = value.text;
  } else text = typeof value === 'string' ? value : undefined;
  const arn = kind === 'arn' || (kind === 'place' && text?.startsWith('arn:'));
  const raw = text === undefined ? undefined : arn ? arnRegion(text) : text;
  const region = raw && !raw.includes('${') ? raw : undefined;
  if (region && region === stackRegion) return 'pass';
  const where = region ?? (text !== undefined ? show(text) : undefined);
  const copy = {
    en: `${what.en} to ${where ?? 'an unknown destination'}`,
    fr: `${what.fr} vers ${where ?? 'une destination inconnue'}`,
  };
  const why = isUnresolved(value)
    ? described(value)
    : { en: `${show(value)} names no region`, fr: `${show(value, 'fr')} ne nomme aucune région` };
  return judgeCopyRegion(context.profile, resource, copy, region, why) ?? 'pass';
}

function copyDoc(spec: CopySpec): CheckDoc {
  const reads = [
    ...(spec.regions ?? []).map(code),
    ...(spec.arns ?? []).map((a) => `the region of ${code(a)}`),
    ...(spec.places ?? []).map((a) => `${code(a)} (a region, or the region of an ARN)`),
  ];
  return {
    reads: `${spec.what.en}: ${reads.join(', ')}${spec.note ? `. ${spec.note}` : ''}`,
    absent: 'no copy',
  };
}

/** The RES-2 check of a row, from where its copies go. */
export function copies(spec: CopySpec): Check {
  return {
    control: 'RES-2',
    rule: spec.rule,
    doc: copyDoc(spec),
    observe: (resource) => ({
      ...settingsEvidence(resource, [...(spec.regions ?? []), ...(spec.arns ?? []), ...(spec.places ?? [])]),
      stackRegion: resource.template.stack.region ?? 'unknown',
    }),
    judge(resource, context) {
      const on = spec.when?.(resource);
      if (on === false) return 'not-applicable';
      if (isUnresolved(on))
        return judgeCopyRegion(context.profile, resource, spec.what, undefined, described(on)) ?? 'pass';
      const outcomes: Outcome[] = [];
      for (const [paths, kind] of [
        [spec.regions ?? [], 'region'],
        [spec.arns ?? [], 'arn'],
        [spec.places ?? [], 'place'],
      ] as const) {
        for (const path of paths) {
          for (const value of pick(resource.properties, path)) {
            outcomes.push(judgeDestination(resource, context, spec.what, value, kind));
          }
        }
      }
      return outcomes.length ? combine(outcomes) : 'not-applicable';
    },
  };
}

/** A RES-2 check written by hand (S3 replication to a bucket, global database membership…). */
export function copiesBy(doc: CheckDoc, judge: Check['judge'], rule?: string, observe?: Check['observe']): Check {
  return { control: 'RES-2', rule, doc, judge, ...(observe ? { observe } : {}) };
}

// ---- NET-2 and ACC-1: exposure ----

/** What makes a type public, as data. */
interface ExposureSpec {
  readonly control: 'NET-2' | 'ACC-1';
  readonly rule?: string;
  readonly path: string;
  /** What is public, in messages, e.g. `the broker accepts connections from the internet`. */
  readonly what: LocalizedText;
  /**
   * True for an unauthenticated access that data classified `public` may have (an API method
   * without authorization, a function URL without IAM): allowed at level `public` only.
   */
  readonly publicLevelMay?: boolean;
  readonly note?: string;
}

/** The outcome of a public setting: a failure, or for a switch `public` data may use, a decision by level. */
function exposed(resource: Resource, spec: ExposureSpec, why: LocalizedText): Outcome {
  const message = { en: `${spec.what.en} (${why.en})`, fr: `${spec.what.fr} (${why.fr})` };
  if (!spec.publicLevelMay) return fail(message);
  const level = levelOf(resource);
  if (level === 'public') return 'pass';
  if (!level) {
    return levelUnknown(resource, {
      en: `whether ${spec.what.en} is acceptable`,
      fr: `que l'accès public est acceptable (${spec.what.fr})`,
    });
  }
  return fail({
    en: `${message.en}, and level '${level}' is not public`,
    fr: `${message.fr}, alors que le niveau '${level}' n'est pas public`,
  });
}

function exposureDoc(spec: ExposureSpec, reads: string, absent: string): CheckDoc {
  const level = spec.publicLevelMay ? " (allowed for 'public' data)" : '';
  return { reads: `${reads}${level}${spec.note ? `. ${spec.note}` : ''}`, absent };
}

/** Public when a boolean property is true (`PubliclyAccessible`), or absent if the service defaults to true. */
export function publicFlag(spec: ExposureSpec & { readonly publicWhenAbsent: boolean }): Check {
  return {
    control: spec.control,
    rule: spec.rule,
    doc: exposureDoc(spec, `${code(spec.path)} true is public`, spec.publicWhenAbsent ? 'public' : 'not public'),
    observe: (resource) => settingsEvidence(resource, [spec.path], { [spec.path]: spec.publicWhenAbsent }),
    judge(resource) {
      const value = bool(present(pick(resource.properties, spec.path)[0]));
      if (isUnresolved(value)) return cannotProve(unknownValue(spec.path, spec.path, value));
      const open = value ?? spec.publicWhenAbsent;
      if (!open) return 'pass';
      return exposed(
        resource,
        spec,
        value === undefined
          ? { en: `${spec.path} not set: true by default`, fr: `${spec.path} non défini : true par défaut` }
          : { en: `${spec.path} true`, fr: `${spec.path} vaut true` },
      );
    },
  };
}

/** Public when a property has one of some values (`AuthType` `NONE`), or is absent and its default is one. */
export function publicValue(
  spec: ExposureSpec & {
    readonly publicValues: readonly string[];
    /** The service's value when the property is absent. */
    readonly absentValue?: string;
    /** The outcome before the value is read (e.g. a CORS preflight method). */
    readonly skip?: (resource: Resource) => Outcome | undefined;
  },
): Check {
  const absent = spec.absentValue === undefined ? 'not public' : `${code(spec.absentValue)}`;
  return {
    control: spec.control,
    rule: spec.rule,
    doc: exposureDoc(spec, `${code(spec.path)} ${spec.publicValues.map(code).join(' or ')} is public`, absent),
    observe: (resource) =>
      settingsEvidence(resource, [spec.path], spec.absentValue === undefined ? {} : { [spec.path]: spec.absentValue }),
    judge(resource) {
      const skipped = spec.skip?.(resource);
      if (skipped) return skipped;
      const found = pick(resource.properties, spec.path);
      const values = found.length ? found : [undefined];
      return combine(
        values.map((v): Outcome => {
          const raw = str(v);
          if (isUnresolved(raw)) return cannotProve(unknownValue(spec.path, spec.path, raw));
          const value = raw ?? spec.absentValue;
          if (value === undefined || !spec.publicValues.includes(value)) return 'pass';
          return exposed(
            resource,
            spec,
            raw === undefined
              ? { en: `${spec.path} not set: ${value} by default`, fr: `${spec.path} non défini : ${value} par défaut` }
              : { en: `${spec.path} ${value}`, fr: `${spec.path} vaut ${value}` },
          );
        }),
      );
    },
  };
}

/** Public unless a property is present (`VPCOptions`: a domain without it has a public endpoint). */
export function publicUnless(spec: ExposureSpec): Check {
  return {
    control: spec.control,
    rule: spec.rule,
    doc: exposureDoc(spec, `without ${code(spec.path)}, the endpoint is public`, 'public'),
    observe: (resource) => settingsEvidence(resource, [spec.path]),
    judge(resource) {
      const value = present(at(resource.properties, spec.path));
      if (isUnresolved(value)) return cannotProve(unknownValue(spec.path, spec.path, value));
      return value === undefined
        ? exposed(resource, spec, { en: `no ${spec.path}`, fr: `pas de ${spec.path}` })
        : 'pass';
    },
  };
}

/** Public when a policy document (`AccessPolicies`, `RepositoryPolicyText`…) allows `*` without a restricting condition. */
export function publicPolicy(spec: ExposureSpec): Check {
  return {
    control: spec.control,
    rule: spec.rule,
    doc: exposureDoc(
      spec,
      `${code(spec.path)}: an Allow to principal \`*\` without a condition on a fixed source or principal (\`aws:SourceArn\`, \`aws:SourceAccount\`, \`aws:SourceVpce\`, \`aws:PrincipalOrgID\`…; \`aws:Referer\` does not restrict) is public`,
      'no policy',
    ),
    observe(resource) {
      const grants = publicGrants(present(at(resource.properties, spec.path)));
      return { publicGrants: isUnresolved(grants) ? 'unknown' : grants.length };
    },
    judge(resource) {
      const document = present(at(resource.properties, spec.path));
      if (document === undefined) return 'not-applicable';
      const grants = publicGrants(document);
      if (isUnresolved(grants)) return cannotProve(unknownValue(spec.path, spec.path, grants));
      return combine([
        'pass',
        ...grants.map((g): Outcome => {
          if (g.unknown) {
            return cannotProve({
              en: `${spec.path} allows ${g.actions} to principal * under a condition that cannot be known (${g.unknown.describe('en')})`,
              fr: `${spec.path} autorise ${g.actions} au principal * sous une condition impossible à connaître (${g.unknown.describe('fr')})`,
            });
          }
          return exposed(resource, spec, {
            en: `${spec.path} allows ${g.actions} to principal *${g.conditioned ? ' under a condition that restricts no source or principal' : ''}`,
            fr: `${spec.path} autorise ${g.actions} au principal *${g.conditioned ? ' sous une condition qui ne restreint ni source ni principal' : ''}`,
          });
        }),
      ]);
    },
  };
}

/** An exposure check written by hand (public IPs outside the public tier, a bucket's grants…). */
export function exposureBy(
  control: 'NET-2' | 'ACC-1',
  doc: CheckDoc,
  judge: Check['judge'],
  rule?: string,
  evidence?: readonly string[],
  observe?: Check['observe'],
): Check {
  return { control, rule, doc, judge, evidence, ...(observe ? { observe } : {}) };
}

// ---- ENC-2: in transit ----

interface TransitSpec {
  readonly rule?: string;
  readonly path: string;
  /** What happens when the setting is off, e.g. `clients may connect without TLS`. */
  readonly what: LocalizedText;
  readonly note?: string;
}

function transitDoc(spec: TransitSpec, reads: string, absent: string): CheckDoc {
  return { reads: `${reads}${spec.note ? `. ${spec.note}` : ''}`, absent };
}

/** TLS enforced when a boolean property is true (`TransitEncryptionEnabled`); `absent` is the service default. */
export function tlsFlag(spec: TransitSpec & { readonly absent: boolean }): Check {
  return {
    control: 'ENC-2',
    rule: spec.rule,
    doc: transitDoc(spec, `${code(spec.path)} true`, spec.absent ? 'TLS enforced' : 'TLS not enforced'),
    observe: (resource) => settingsEvidence(resource, [spec.path], { [spec.path]: spec.absent }),
    judge(resource) {
      const value = bool(present(at(resource.properties, spec.path)));
      if (isUnresolved(value)) return cannotProve(unknownValue(spec.path, spec.path, value));
      if (value ?? spec.absent) return 'pass';
      return fail({
        en: `${spec.what.en} (${spec.path} ${value === undefined ? 'not set: false by default' : 'false'})`,
        fr: `${spec.what.fr} (${spec.path} ${value === undefined ? 'non défini : false par défaut' : 'vaut false'})`,
      });
    },
  };
}

/** TLS enforced when a property has a good value (`TLSSecurityPolicy`, `SslMode`…). */
export function tlsValue(
  spec: TransitSpec & {
    readonly good: (value: string) => boolean;
    /** The good values, for the reference. */
    readonly goodText: string;
    /** The service's value when the property is absent; undefined when no documented default exists. */
    readonly absentValue?: string;
    /** The outcome before the value is read (e.g. no TLS setting applies). */
    readonly skip?: (resource: Resource) => Outcome | undefined;
  },
): Check {
  return {
    control: 'ENC-2',
    rule: spec.rule,
    doc: transitDoc(
      spec,
      `${code(spec.path)} ${spec.goodText}`,
      spec.absentValue === undefined ? 'unknown (cannot be proven)' : code(spec.absentValue),
    ),
    observe: (resource) =>
      settingsEvidence(resource, [spec.path], spec.absentValue === undefined ? {} : { [spec.path]: spec.absentValue }),
    judge(resource) {
      const skipped = spec.skip?.(resource);
      if (skipped) return skipped;
      const outcomes = pick(resource.properties, spec.path).map((raw): Outcome => {
        const value = str(raw);
        if (isUnresolved(value)) return cannotProve(unknownValue(spec.path, spec.path, value));
        return spec.good(String(value))
          ? 'pass'
          : fail({
              en: `${spec.what.en} (${spec.path} ${show(value)})`,
              fr: `${spec.what.fr} (${spec.path} ${show(value, 'fr')})`,
            });
      });
      if (outcomes.length) return combine(outcomes);
      if (spec.absentValue === undefined) {
        return cannotProve({
          en: `${spec.path} not set, and the service's default is not documented as enforcing TLS 1.2`,
          fr: `${spec.path} non défini, et la valeur par défaut du service n'est pas documentée comme imposant TLS 1.2`,
        });
      }
      return spec.good(spec.absentValue)
        ? 'pass'
        : fail({
            en: `${spec.what.en} (${spec.path} not set: ${spec.absentValue} by default)`,
            fr: `${spec.what.fr} (${spec.path} non défini : ${spec.absentValue} par défaut)`,
          });
    },
  };
}

/**
 * TLS enforced by a parameter of a parameter group (`tls` of a DocumentDB cluster parameter
 * group, `require_ssl` of a Redshift one): the group of the template the property refers to, or
 * the default group; a group outside the template cannot be read.
 */
export function tlsParameter(spec: {
  readonly rule?: string;
  /** The property naming the group (`DBClusterParameterGroupName`). */
  readonly group: string;
  readonly groupTypes: readonly string[];
  /** The parameter (`tls`). */
  readonly name: string;
  readonly good: (value: string) => boolean;
  readonly goodText: string;
  /** Its value in the default group, and in a group that does not set it. */
  readonly defaultValue: string;
  /** How the group lists its parameters: a map (`{ tls: enabled }`) or a list of `ParameterName`/`ParameterValue`. */
  readonly shape: 'map' | 'list';
  readonly what: LocalizedText;
  readonly note?: string;
}): Check {
  const verdict = (value: string, where: LocalizedText): Outcome =>
    spec.good(value)
      ? 'pass'
      : fail({
          en: `${spec.what.en} (${spec.name} is ${show(value)} ${where.en})`,
          fr: `${spec.what.fr} (${spec.name} vaut ${show(value, 'fr')} ${where.fr})`,
        });
  return {
    control: 'ENC-2',
    rule: spec.rule,
    evidence: spec.groupTypes,
    doc: {
      reads: `${code(spec.name)} ${spec.goodText} in the parameter group ${code(spec.group)} names${spec.note ? `. ${spec.note}` : ''}`,
      absent: `the default group: ${code(spec.name)} ${code(spec.defaultValue)}`,
    },
    observe: (resource) => settingsEvidence(resource, [spec.group], { [spec.group]: 'default' }),
    judge(resource) {
      const named = present(resource.properties[spec.group]);
      const inDefault = { en: 'in the default parameter group', fr: 'dans le groupe de paramètres par défaut' };
      if (named === undefined) return verdict(spec.defaultValue, inDefault);
      if (typeof named === 'string' && named.startsWith('default.')) return verdict(spec.defaultValue, inDefault);
      const target =
        isResourceRef(named) || (isUnresolved(named) && named.determined && named.refs.length === 1)
          ? resource.template.byId.get(isResourceRef(named) ? named.target : (named as Unresolved).refs[0])
          : undefined;
      if (!target || !spec.groupTypes.includes(target.type)) {
        return cannotProve({
          en: `its parameter group ${show(named)} is not in the template: whether it sets ${spec.name} cannot be known`,
          fr: `son groupe de paramètres ${show(named, 'fr')} ne figure pas dans le modèle : impossible de savoir s'il définit ${spec.name}`,
        });
      }
      const parameters = present(target.properties.Parameters);
      if (isUnresolved(parameters)) return cannotProve(unknownValue('Parameters', 'Parameters', parameters));
      let value: unknown;
      if (spec.shape === 'map') value = at(parameters, spec.name);
      else {
        const entries = list(parameters);
        if (isUnresolved(entries)) return cannotProve(unknownValue('Parameters', 'Parameters', entries));
        const entry = (entries ?? []).find((e) => at(e, 'ParameterName') === spec.name);
        value = entry === undefined ? undefined : at(entry, 'ParameterValue');
      }
      const text = str(present(value));
      if (isUnresolved(text)) return cannotProve(unknownValue(spec.name, spec.name, text));
      const where = { en: `in '${target.id}'`, fr: `dans '${target.id}'` };
      return text === undefined
        ? verdict(spec.defaultValue, {
            en: `by default (not set in '${target.id}')`,
            fr: `par défaut (non défini dans '${target.id}')`,
          })
        : verdict(text, where);
    },
  };
}

/** An ENC-2 check written by hand (CloudFront's behaviors and origins, S3's policy…). */
export function transitBy(doc: CheckDoc, judge: Check['judge'], rule?: string, observe?: Check['observe']): Check {
  return { control: 'ENC-2', rule, doc, judge, ...(observe ? { observe } : {}) };
}
