import { pushTo } from '../deployability/group';
import type { LocalizedText } from '../../core';
import { resourcesOfType, statements } from '../normalize/facts';
import { conditionHolds, globToRegExp, parseOperator, type Tri } from '../deployability/iam-match';
import { deployedTemplates, isDeployedStack, partitionOf, zoneOrganization } from '../deployability/organization';
import { isResourceRef, isUnresolved } from '../normalize/intrinsics';
import type { CheckInput, Resource, Template } from '../normalize/model';
import {
  cannotProve,
  fail,
  type InputRule,
  type LocatedPass,
  type LocatedProblem,
  type RuleContext,
} from '../judge/rule';
import { bool, str, strings } from '../normalize/values';
import { CLOUDTRAIL_PRINCIPAL } from './dep-3-organization-trail-account';
import { evidenceOf } from '../judge/evidence';

/** Condition keys that name the trail a CloudTrail grant admits (lower case: keys are case-insensitive). */
const ARN_KEYS = ['aws:sourcearn', 'kms:encryptioncontext:aws:cloudtrail:arn'];
const ACCOUNT_KEY = 'aws:sourceaccount';

/** Samples of an unknown part: a value decided the same for each does not depend on it. */
const SAMPLES = {
  partition: ['aws', 'aws-cn'],
  region: ['eu-west-3', 'us-east-1'],
  account: ['000000000000', '999999999999'],
  name: ['sovereign-lz-sample-a', 'other-sample-b'],
};

/** The ARN a trail will have, as samples (one value when every part is known). */
interface TrailIdentity {
  readonly trail: Resource;
  /** Two samples of the ARN and of its owner account, differing in every unknown part. */
  readonly samples: ReadonlyArray<{ readonly arn: string; readonly account: string }>;
  /** True if the owner is the account of the trail's own stack (`${AWS::AccountId}` there). */
  readonly ownStack: boolean;
  /** The ARN in words, unknown parts as `?`. */
  readonly shown: string;
  /** Why the owner is who it is, for an organization trail created by the delegated administrator. */
  readonly note?: LocalizedText;
  /** The trail's name, if literal. */
  readonly name?: string;
  /** True if every part of the ARN is known: a mismatch is then certain. */
  readonly known: boolean;
}

function identityOf(trail: Resource, input: CheckInput): TrailIdentity {
  const { region, account } = trail.template.stack;
  const nameValue = str(trail.properties.TrailName);
  const name = typeof nameValue === 'string' ? nameValue : undefined;
  let owner = account;
  let note: LocalizedText | undefined;
  const org = zoneOrganization(input);
  const organizationTrail = bool(trail.properties.IsOrganizationTrail) === true;
  if (
    organizationTrail &&
    account !== undefined &&
    org?.managementAccount &&
    org.delegatedAdministrators[CLOUDTRAIL_PRINCIPAL] === account
  ) {
    owner = org.managementAccount;
    note = {
      en: 'an organization trail created by the delegated administrator is owned by the management account',
      fr: "une piste d'organisation créée par l'administrateur délégué appartient au compte de gestion",
    };
  }
  const partitions = region ? [partitionOf(region)] : SAMPLES.partition;
  const regions = region ? [region] : SAMPLES.region;
  const accounts = owner ? [owner] : SAMPLES.account;
  const names = name !== undefined ? [name] : SAMPLES.name;
  // Two samples that differ in every unknown part: a verdict that holds for both does not depend on them.
  const samples = [0, 1].map(
    (i) =>
      `arn:${partitions[i % partitions.length]}:cloudtrail:${regions[i % regions.length]}:${accounts[i % accounts.length]}:trail/${names[i % names.length]}`,
  );
  const shown = `arn:${region ? partitionOf(region) : '?'}:cloudtrail:${region ?? '?'}:${owner ?? '?'}:trail/${name ?? '?'}`;
  return {
    trail,
    samples: samples.map((arn, i) => ({ arn, account: accounts[i % accounts.length] })),
    ownStack: note === undefined,
    shown,
    ...(note ? { note } : {}),
    ...(name !== undefined ? { name } : {}),
    known: region !== undefined && owner !== undefined && name !== undefined,
  };
}

/** The values of a condition, as patterns (unknown parts as `${…}`, which match nothing for sure). */
function patterns(value: unknown): string[] {
  return strings(value).map((v) =>
    typeof v === 'string' ? v : isUnresolved(v) ? (v.text ?? '${?}') : `\${${v.toString()}}`,
  );
}

/** True if the statement grants something to CloudTrail. */
function grantsCloudTrail(statement: Record<string, unknown>): boolean {
  if (statement.Effect !== 'Allow') return false;
  const principal = statement.Principal;
  if (typeof principal !== 'object' || principal === null) return false;
  const service = (principal as Record<string, unknown>).Service;
  return strings(service).some((s) => typeof s === 'string' && s.toLowerCase() === CLOUDTRAIL_PRINCIPAL);
}

/** The trail conditions of a statement: `[operator, key (lower case), patterns]`. */
function trailConditions(statement: Record<string, unknown>): Array<[string, string, string[]]> {
  const found: Array<[string, string, string[]]> = [];
  const condition = statement.Condition;
  if (typeof condition !== 'object' || condition === null) return found;
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof block !== 'object' || block === null) continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      const lower = key.toLowerCase();
      if (ARN_KEYS.includes(lower) || lower === ACCOUNT_KEY) found.push([operator, lower, patterns(value)]);
    }
  }
  return found;
}

/** True if a statement's ARN conditions are about the trail (their trail name part may be its name). */
function isAbout(conditions: ReadonlyArray<[string, string, string[]]>, identity: TrailIdentity): boolean {
  const arnPatterns = conditions.filter(([, key]) => ARN_KEYS.includes(key)).flatMap(([, , p]) => p);
  if (!arnPatterns.length || identity.name === undefined) return true;
  return arnPatterns.some((p) => {
    const name = /:trail\/(.*)$/.exec(p)?.[1];
    if (name === undefined || /\$\{/.test(name)) return true;
    return globToRegExp(name).test(identity.name!);
  });
}

/**
 * Whether every trail condition of a statement admits the trail. In the trail's own template
 * (`sameStack`), `${AWS::AccountId}` and `${AWS::Region}` of a grant are the trail's account
 * and region, whatever they are.
 */
function admits(
  conditions: ReadonlyArray<[string, string, string[]]>,
  identity: TrailIdentity,
  sameStack: boolean,
): Tri {
  const region = identity.trail.template.stack.region;
  const outcomes = identity.samples.map((sample): Tri => {
    let outcome: Tri = true;
    for (const [operator, key, values] of conditions) {
      const op = parseOperator(operator);
      if (!op || op.mode === 'other' || op.negated) continue;
      const patterns = values.map((v) =>
        sameStack
          ? v
              .replace(/\$\{AWS::AccountId\}/g, identity.ownStack ? sample.account : '${AWS::AccountId}')
              .replace(/\$\{AWS::Region\}/g, region ?? '${AWS::Region}')
          : v,
      );
      const holds = conditionHolds([key === ACCOUNT_KEY ? sample.account : sample.arn], patterns, op);
      if (holds === false) return false;
      if (holds === 'unknown') outcome = 'unknown';
    }
    return outcome;
  });
  if (outcomes.includes('unknown')) return 'unknown';
  return outcomes.every((o) => o === outcomes[0]) ? outcomes[0] : 'unknown';
}

/** Bucket policies by the bucket resource they protect, and by literal bucket name. */
function bucketPolicyIndex(input: CheckInput) {
  const byBucket = new Map<Resource, Resource[]>();
  const byName = new Map<string, Resource[]>();
  for (const template of deployedTemplates(input)) {
    for (const policy of template.resources) {
      if (policy.type !== 'AWS::S3::BucketPolicy') continue;
      const bucket = policy.properties.Bucket;
      if (isResourceRef(bucket)) {
        const target = template.byId.get(bucket.target);
        if (target) pushTo(byBucket, target, policy);
      } else if (typeof bucket === 'string') {
        pushTo(byName, bucket, policy);
      }
    }
  }
  return { byBucket, byName };
}

type Found<T> = { readonly found: T[] } | { readonly unknown: LocalizedText };

/** The bucket policies of a trail's bucket (in its template by reference, else by literal name). */
function policiesOfBucket(
  trail: Resource,
  index: ReturnType<typeof bucketPolicyIndex>,
  bucketsByName: ReadonlyMap<string, Resource>,
): Found<[Resource, string]> {
  const value = trail.properties.S3BucketName;
  if (isResourceRef(value)) {
    const bucket = trail.template.byId.get(value.target);
    const name = bucket ? str(bucket.properties.BucketName) : undefined;
    const shown = typeof name === 'string' ? name : value.target;
    return { found: (bucket ? (index.byBucket.get(bucket) ?? []) : []).map((p) => [p, shown]) };
  }
  if (typeof value === 'string') {
    const bucket = bucketsByName.get(value);
    const policies = [...(bucket ? (index.byBucket.get(bucket) ?? []) : []), ...(index.byName.get(value) ?? [])];
    return { found: policies.map((p) => [p, value]) };
  }
  if (value === undefined) return { found: [] };
  const why = isUnresolved(value) ? value : undefined;
  return {
    unknown: {
      en: `its bucket is ${why?.describe('en') ?? 'not a name'}: the bucket policy cannot be found across stacks`,
      fr: `son compartiment est inconnu (${why?.describe('fr') ?? 'pas un nom'}) : la politique du compartiment est introuvable d'une pile à l'autre`,
    },
  };
}

/** The key a trail encrypts with (in its template by reference, else by literal alias ARN), if in the input. */
function keyOf(trail: Resource, aliases: ReadonlyMap<string, Resource[]>): Found<Resource> {
  const value = trail.properties.KMSKeyId;
  const follow = (target: Resource | undefined): Resource[] => {
    if (!target) return [];
    if (target.type === 'AWS::KMS::Key') return [target];
    if (target.type === 'AWS::KMS::Alias') {
      const key = target.properties.TargetKeyId;
      const next = isResourceRef(key) ? target.template.byId.get(key.target) : undefined;
      return next?.type === 'AWS::KMS::Key' ? [next] : [];
    }
    return [];
  };
  if (isResourceRef(value)) return { found: follow(trail.template.byId.get(value.target)) };
  if (typeof value === 'string') {
    const alias = /(?:^|:)(alias\/.+)$/.exec(value)?.[1];
    if (!alias) return { found: [] };
    const arn = /^arn:[^:]+:kms:([^:]*):(\d{12}):alias\//.exec(value);
    const candidates = (aliases.get(alias) ?? []).filter(
      (a) => !arn || (a.template.stack.region === arn[1] && a.template.stack.account === arn[2]),
    );
    return { found: candidates.flatMap((a) => follow(a)) };
  }
  if (value === undefined) return { found: [] };
  const why = isUnresolved(value) ? value : undefined;
  return {
    unknown: {
      en: `its key is ${why?.describe('en') ?? 'not a key id'}: the key policy cannot be found across stacks`,
      fr: `sa clé est inconnue (${why?.describe('fr') ?? 'pas un identifiant de clé'}) : la politique de clé est introuvable d'une pile à l'autre`,
    },
  };
}

function judgeStatements(
  owner: Resource,
  document: unknown,
  what: LocalizedText,
  identities: readonly TrailIdentity[],
): LocatedProblem[] {
  const found = statements(document);
  if (isUnresolved(found)) {
    return [
      {
        resource: owner,
        ...cannotProve(
          {
            en: `${what.en} is ${found.describe('en')}: whether it admits the trail cannot be proven`,
            fr: `${what.fr} est inconnue (${found.describe('fr')}) : qu'elle admette la piste ne peut être prouvé`,
          },
          { evidence: evidenceOf({ policy: document, trails: identities.map((t) => t.shown) }) },
        ),
      },
    ];
  }
  const problems: LocatedProblem[] = [];
  found.forEach((statement, i) => {
    if (!grantsCloudTrail(statement)) return;
    const conditions = trailConditions(statement);
    if (!conditions.length) return;
    const about = identities.filter((identity) => isAbout(conditions, identity));
    if (!about.length) return;
    const outcomes = about.map((identity) => admits(conditions, identity, identity.trail.template === owner.template));
    if (outcomes.includes(true)) return;
    const sid = typeof statement.Sid === 'string' ? `'${statement.Sid}'` : `#${i + 1}`;
    const shown = conditions.map(([op, key, values]) => `${op} ${key} ${values.join(', ')}`).join('; ');
    const evidence = evidenceOf({
      statement: typeof statement.Sid === 'string' ? statement.Sid : `#${i + 1}`,
      conditions: conditions.map(([op, key, values]) => `${op} ${key} ${values.join(',')}`),
      trails: about.map((t) => t.shown),
    });
    const expected = about.map((t) => `'${t.trail.id}' ${t.shown}`).join(', ');
    const notes = about.flatMap((t) => (t.note ? [t.note] : []));
    const note = notes.length ? { en: ` (${notes[0].en})`, fr: ` (${notes[0].fr})` } : { en: '', fr: '' };
    // A mismatch with an ARN of unknown parts is not certain: the unknown part may match.
    if (outcomes.includes('unknown') || about.some((t, i) => !t.known && outcomes[i] !== true)) {
      problems.push({
        resource: owner,
        ...cannotProve(
          {
            en: `statement ${sid} of ${what.en} grants ${CLOUDTRAIL_PRINCIPAL} under ${shown}: whether it matches the ARN of trail ${expected} cannot be proven`,
            fr: `la déclaration ${sid} de ${what.fr} autorise ${CLOUDTRAIL_PRINCIPAL} sous ${shown} : qu'elle corresponde à l'ARN de la piste ${expected} ne peut être prouvé`,
          },
          { evidence },
        ),
      });
      return;
    }
    problems.push({
      resource: owner,
      ...fail(
        {
          en: `statement ${sid} of ${what.en} grants ${CLOUDTRAIL_PRINCIPAL} under ${shown}, which never matches the ARN of trail ${expected}${note.en}: CloudTrail is refused`,
          fr: `la déclaration ${sid} de ${what.fr} autorise ${CLOUDTRAIL_PRINCIPAL} sous ${shown}, qui ne correspond jamais à l'ARN de la piste ${expected}${note.fr} : CloudTrail est refusé`,
        },
        { evidence },
      ),
    });
  });
  return problems;
}

/** DEP-3: the bucket and key policies granting CloudTrail admit the ARN the trail will have. */
export const dep3TrailGrants: InputRule = {
  id: 'DEP-3/trail-grants',
  control: 'DEP-3',
  scope: 'input',
  title: {
    en: "CloudTrail's bucket and key grants admit the trail's ARN",
    fr: "Les autorisations du compartiment et de la clé de CloudTrail admettent l'ARN de la piste",
  },
  description: `For each AWS::CloudTrail::Trail, the statements of its bucket's policy (AWS::S3::BucketPolicy) and of its key's policy (AWS::KMS::Key) that allow ${CLOUDTRAIL_PRINCIPAL} under aws:SourceArn, aws:SourceAccount or kms:EncryptionContext:aws:cloudtrail:arn conditions (StringEquals/Like, ArnEquals/Like) can match the ARN the trail will have: arn:PARTITION:cloudtrail:HOME_REGION:OWNER:trail/NAME, where OWNER is the account of the trail's stack, or the management account for an organization trail created by CloudTrail's delegated administrator (landing-zone.json), which the management account owns. Statements naming another trail are not judged; object key prefixes are not judged. The bucket and key are found by reference in the trail's template, else by literal bucket name or alias ARN in the other stacks; a reference that cannot be followed across stacks cannot be proven.`,
  remediation: {
    en: "Condition the grants on the ARN the trail will have (the management account's id for an organization trail created by the delegated administrator), e.g. arn:${AWS::Partition}:cloudtrail:REGION:OWNER:trail/NAME",
    fr: "Conditionner les autorisations sur l'ARN qu'aura la piste (l'identifiant du compte de gestion pour une piste d'organisation créée par l'administrateur délégué), par exemple arn:${AWS::Partition}:cloudtrail:REGION:PROPRIÉTAIRE:trail/NOM",
  },
  appliesTo: ['AWS::CloudTrail::Trail'],
  evidence: ['AWS::S3::BucketPolicy', 'AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::S3::Bucket'],
  observes: ['trail', 'policies'],
  check(input: CheckInput, _context: RuleContext): Array<LocatedProblem | LocatedPass> {
    const trails = resourcesOfType(input, 'AWS::CloudTrail::Trail').filter((t) => isDeployedStack(t.template));
    if (!trails.length) return [];
    const index = bucketPolicyIndex(input);
    const bucketsByName = new Map<string, Resource>();
    const aliases = new Map<string, Resource[]>();
    for (const template of deployedTemplates(input)) collect(template, bucketsByName, aliases);
    // Trails by the policy owner (bucket policy or key) they write through.
    const byOwner = new Map<Resource, { what: LocalizedText; document: unknown; identities: TrailIdentity[] }>();
    const results: Array<LocatedProblem | LocatedPass> = [];
    const unknown = new Set<Resource>();
    // The ids of the bucket policies and keys judged for each trail, and its ARN, for the evidence.
    const judged = new Map<Resource, string[]>();
    const arns = new Map<Resource, string>();
    for (const trail of trails) {
      const identity = identityOf(trail, input);
      arns.set(trail, identity.shown);
      const policies = policiesOfBucket(trail, index, bucketsByName);
      if ('unknown' in policies) {
        unknown.add(trail);
        const evidence = evidenceOf({ trail: identity.shown, bucket: trail.properties.S3BucketName });
        results.push({ resource: trail, ...cannotProve(policies.unknown, { evidence }) });
      } else {
        for (const [policy, bucket] of policies.found) {
          const entry = byOwner.get(policy) ?? {
            what: { en: `the policy of bucket '${bucket}'`, fr: `la politique du compartiment '${bucket}'` },
            document: policy.properties.PolicyDocument,
            identities: [],
          };
          entry.identities.push(identity);
          byOwner.set(policy, entry);
          pushTo(judged, trail, policy.id);
        }
      }
      const keys = keyOf(trail, aliases);
      if ('unknown' in keys) {
        unknown.add(trail);
        const evidence = evidenceOf({ trail: identity.shown, key: trail.properties.KMSKeyId });
        results.push({ resource: trail, ...cannotProve(keys.unknown, { evidence }) });
      } else {
        for (const key of keys.found) {
          const entry = byOwner.get(key) ?? {
            what: { en: `the key policy of '${key.id}'`, fr: `la politique de la clé '${key.id}'` },
            document: key.properties.KeyPolicy,
            identities: [],
          };
          entry.identities.push(identity);
          byOwner.set(key, entry);
          pushTo(judged, trail, key.id);
        }
      }
    }
    const failedTrails = new Set<Resource>();
    for (const [owner, { what, document, identities }] of byOwner) {
      const problems = judgeStatements(owner, document, what, identities);
      results.push(...problems);
      if (problems.length) identities.forEach((i) => failedTrails.add(i.trail));
    }
    for (const trail of trails) {
      if (failedTrails.has(trail) || unknown.has(trail)) continue;
      const evidence = evidenceOf({
        trail: arns.get(trail),
        // `none`: no bucket policy or key policy of the input grants through this trail's bucket or key.
        policies: judged.has(trail) ? [...new Set(judged.get(trail))] : 'none',
        bucket: trail.properties.S3BucketName,
        key: trail.properties.KMSKeyId,
      });
      results.push({ pass: true, resource: trail, evidence });
    }
    return results;
  },
};

function collect(template: Template, buckets: Map<string, Resource>, aliases: Map<string, Resource[]>): void {
  for (const resource of template.resources) {
    if (resource.type === 'AWS::S3::Bucket') {
      const name = resource.properties.BucketName;
      if (typeof name === 'string' && !buckets.has(name)) buckets.set(name, resource);
    } else if (resource.type === 'AWS::KMS::Alias') {
      const name = resource.properties.AliasName;
      if (typeof name === 'string') pushTo(aliases, name, resource);
    }
  }
}
