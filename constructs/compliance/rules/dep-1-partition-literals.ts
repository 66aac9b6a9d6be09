import { PARTITION_DNS_SUFFIXES, type AwsPartition, type LocalizedText } from '../../core';
import { pushTo } from '../deployability/group';
import { isDeployedStack, partitionOf, stackSetDeployment } from '../deployability/organization';
import { stackInstance } from '../deployability/stack-set-body';
import { isResourceRef, isUnresolved } from '../normalize/intrinsics';
import type { Resource, Template } from '../normalize/model';
import { evidenceOf } from '../judge/evidence';
import { fail, type LocatedPass, type LocatedProblem, type RuleContext, type TemplateRule } from '../judge/rule';

/**
 * A template deploys into the partition of its region, and names nothing of another: accounts,
 * IAM, organizations and endpoints do not cross partitions, so `arn:aws:` in a template bound for
 * the AWS European Sovereign Cloud (`aws-eusc`), or a host under `amazonaws.com` there, names
 * something that does not exist.
 */

const ARN_SOURCE = 'AWS IAM User Guide: Identify AWS resources with Amazon Resource Names (ARNs)';
const ENDPOINT_SOURCE = 'AWS General Reference: AWS service endpoints';

/** `arn:<partition>:` where an ARN starts (not inside a longer word); the partition is captured. */
const ARN = /(?<![A-Za-z0-9_-])arn:(aws(?:-[a-z]+)*):/g;

/** Each DNS suffix of endpoints, with the partitions whose endpoints it holds. */
const SUFFIX_PARTITIONS = new Map<string, AwsPartition[]>();
for (const [partition, suffixes] of Object.entries(PARTITION_DNS_SUFFIXES) as Array<[AwsPartition, string[]]>) {
  for (const suffix of suffixes) pushTo(SUFFIX_PARTITIONS, suffix, partition);
}

/**
 * A host under one of the suffixes, with at least one label before it (`${…}` placeholders of
 * values the template leaves open count as labels); the longest suffix wins, so `amazonaws.com.cn`
 * is never read as `amazonaws.com`.
 */
const LABEL = String.raw`(?:[A-Za-z0-9*-]|\$\{[^}]*\})+`;
const HOST = new RegExp(
  String.raw`(?<![A-Za-z0-9*.}-])(${LABEL}(?:\.${LABEL})*)\.(${[...SUFFIX_PARTITIONS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/\./g, '\\.'))
    .join('|')})(?![A-Za-z0-9-]|\.[A-Za-z0-9])`,
  'g',
);

/** Properties that never reach a service: descriptions and tags. */
const NEUTRAL_KEYS = new Set(['Description', 'Tags']);

/**
 * Keys whose value is a service principal (`<service>.amazonaws.com`), not an endpoint: a
 * policy's `Principal`, a Lambda permission's `Principal`, Organizations' `ServicePrincipal`, a
 * service-linked role's `AWSServiceName`. Their form is per service, not per partition.
 */
const PRINCIPAL_KEYS = new Set([
  'Principal',
  'NotPrincipal',
  'ServicePrincipal',
  'ServicePrincipals',
  'AWSServiceName',
]);

/** One string of a resource's properties, and where it is. */
interface Found {
  readonly path: string;
  readonly text: string;
  /** Under a principal key: a host there is a service principal. */
  readonly principal: boolean;
  /** In a policy statement, where a bare service name is a principal's (`kms:ViaService`, `aws:PrincipalServiceName`…). */
  readonly inStatement: boolean;
}

/** Every string of the resolved properties (unknown parts as their placeholders). */
function strings(properties: Readonly<Record<string, unknown>>, skip: ReadonlySet<string>): Found[] {
  const out: Found[] = [];
  const stack: Array<[unknown, string, boolean, boolean]> = [[properties, 'Properties', false, false]];
  while (stack.length) {
    const [value, path, principal, inStatement] = stack.pop()!;
    if (typeof value === 'string') out.push({ path, text: value, principal, inStatement });
    else if (isUnresolved(value)) {
      if (value.text !== undefined) out.push({ path, text: value.text, principal, inStatement });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, `${path}[${i}]`, principal, inStatement]));
    } else if (value !== null && typeof value === 'object' && !isResourceRef(value)) {
      for (const [key, v] of Object.entries(value)) {
        if (NEUTRAL_KEYS.has(key) || (path === 'Properties' && skip.has(key))) continue;
        stack.push([v, `${path}.${key}`, principal || PRINCIPAL_KEYS.has(key), inStatement || key === 'Statement']);
      }
    }
  }
  return out;
}

/** A literal of another partition than the deployment's. */
interface Literal {
  readonly path: string;
  /** The ARN prefix (`arn:aws:`) or the host (`s3.eu-west-3.amazonaws.com`). */
  readonly literal: string;
  readonly kind: 'arn' | 'host';
  /** The partitions the literal belongs to (a host under `amazonaws.com`: aws and aws-us-gov). */
  readonly named: readonly string[];
  /** The string it was found in. */
  readonly text: string;
}

/** The literals of `resource` that name another partition than `partition`. */
function foreignLiterals(resource: Resource, partition: AwsPartition, skip: ReadonlySet<string> = new Set()) {
  const found: Literal[] = [];
  for (const { path, text, principal, inStatement } of strings(resource.properties, skip)) {
    for (const m of text.matchAll(ARN)) {
      if (m[1] !== partition) found.push({ path, literal: `arn:${m[1]}:`, kind: 'arn', named: [m[1]], text });
    }
    if (principal) continue;
    for (const m of text.matchAll(HOST)) {
      const named = SUFFIX_PARTITIONS.get(m[2])!;
      if (named.includes(partition)) continue;
      // A bare service name in a statement's condition is a principal's, not an endpoint.
      if (inStatement && m[0] === text.trim()) continue;
      found.push({ path, literal: m[0], kind: 'host', named, text });
    }
  }
  return found;
}

const shorten = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

/** What a literal names, in words: `an ARN of partition aws` / `the endpoint host … of partition aws or aws-us-gov`. */
function named(l: Literal): LocalizedText {
  const en = l.named.join(' or ');
  const fr = l.named.join(' ou ');
  return l.kind === 'arn'
    ? {
        en: `an ARN of partition ${en} ('${shorten(l.text)}')`,
        fr: `un ARN de la partition ${fr} ('${shorten(l.text)}')`,
      }
    : {
        en: `the endpoint host ${l.literal} of partition ${en}${l.text === l.literal ? '' : ` ('${shorten(l.text)}')`}`,
        fr: `l'hôte de point de terminaison ${l.literal} de la partition ${fr}${l.text === l.literal ? '' : ` ('${shorten(l.text)}')`}`,
      };
}

/** Why it cannot deploy there, by kind. */
function why(l: Literal, partition: AwsPartition): LocalizedText {
  return l.kind === 'arn'
    ? {
        en: 'an ARN of another partition names nothing there (accounts, IAM and resources do not cross partitions)',
        fr: "un ARN d'une autre partition n'y désigne rien (comptes, IAM et ressources ne traversent pas les partitions)",
      }
    : {
        en: `its endpoints are under ${PARTITION_DNS_SUFFIXES[partition].join(' and ')}`,
        fr: `ses points de terminaison sont sous ${PARTITION_DNS_SUFFIXES[partition].join(' et ')}`,
      };
}

/** The problems of a deployed stack's own resources. */
function stackProblems(template: Template, region: string, partition: AwsPartition): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  for (const resource of template.resources) {
    // A StackSet's body is judged in its instances' regions (below), not as a string here.
    const skip = resource.type === 'AWS::CloudFormation::StackSet' ? new Set(['TemplateBody']) : undefined;
    const seen = new Set<string>();
    for (const l of foreignLiterals(resource, partition, skip)) {
      const key = `${l.path}|${l.literal}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const what = named(l);
      const because = why(l, partition);
      problems.push({
        ...fail(
          {
            en: `'${resource.id}' (${resource.type}) ${l.path} names ${what.en}, but the stack deploys to ${region}, in partition ${partition}: ${because.en}`,
            fr: `'${resource.id}' (${resource.type}) ${l.path} nomme ${what.fr}, mais la pile se déploie dans ${region}, dans la partition ${partition} : ${because.fr}`,
          },
          {
            source: l.kind === 'arn' ? ARN_SOURCE : ENDPOINT_SOURCE,
            evidence: evidenceOf({ path: l.path, literal: l.literal, namedPartition: [...l.named] }),
          },
        ),
        resource,
      });
    }
  }
  return problems;
}

/** The problems of the bodies of the template's StackSets, each read in the regions of its instances. */
function stackSetProblems(template: Template, context: RuleContext): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  for (const stackSet of template.resources.filter((r) => r.type === 'AWS::CloudFormation::StackSet')) {
    const regions = [...new Set(stackSetDeployment(stackSet, context.input).groups.flatMap((g) => g.regions))];
    // body resource, path, literal → the literal and the instance regions where it is foreign
    const found = new Map<string, { resource: Resource; literal: Literal; regions: string[] }>();
    for (const region of regions) {
      const instance = stackInstance(stackSet, region);
      if (!instance) continue;
      for (const resource of instance.resources) {
        for (const literal of foreignLiterals(resource, partitionOf(region))) {
          const key = `${resource.id}|${literal.path}|${literal.literal}`;
          if (!found.has(key)) found.set(key, { resource, literal, regions: [] });
          found.get(key)!.regions.push(region);
        }
      }
    }
    for (const { resource, literal: l, regions: where } of found.values()) {
      const partitions = [...new Set(where.map(partitionOf))];
      const what = named(l);
      const because = why(l, partitions[0]);
      problems.push({
        ...fail(
          {
            en: `its body's '${resource.id}' (${resource.type}) ${l.path} names ${what.en}, but its stack instances in ${where.join(', ')} are in partition ${partitions.join(', ')}: ${because.en}`,
            fr: `dans son modèle, '${resource.id}' (${resource.type}) ${l.path} nomme ${what.fr}, mais ses instances de pile dans ${where.join(', ')} sont dans la partition ${partitions.join(', ')} : ${because.fr}`,
          },
          {
            source: l.kind === 'arn' ? ARN_SOURCE : ENDPOINT_SOURCE,
            evidence: evidenceOf({
              bodyResource: resource.id,
              path: l.path,
              literal: l.literal,
              namedPartition: [...l.named],
              instanceRegions: where,
            }),
          },
        ),
        resource: stackSet,
      });
    }
  }
  return problems;
}

/** DEP-1: a template names no ARN or endpoint of another partition than its region's. */
export const dep1PartitionLiterals: TemplateRule = {
  id: 'DEP-1/partition-literals',
  control: 'DEP-1',
  scope: 'template',
  title: {
    en: 'Templates name no ARN or endpoint of another partition',
    fr: "Les modèles ne nomment aucun ARN ni point de terminaison d'une autre partition",
  },
  description:
    "Every CloudFormation template whose stack's region is known (the cloud assembly's environment, or --region) is read in that region's partition (aws; aws-cn for cn-*; aws-us-gov for us-gov-*; aws-eusc, the AWS European Sovereign Cloud, for eusc-*), with AWS::Partition and AWS::URLSuffix resolved there, and each StackSet body in the region of each of its stack instances. Fails when a resource property (Description and Tags aside, the literal parts of Fn::Sub and Fn::Join included) names another partition: an ARN arn:P: of another partition P, or an endpoint host under another partition's DNS suffix (amazonaws.com for aws and aws-us-gov, amazonaws.com.cn for aws-cn, amazonaws.eu for aws-eusc, and their dual-stack suffixes api.aws, api.amazonwebservices.com.cn, api.amazonwebservices.eu): accounts, IAM, organizations, StackSets and endpoints do not cross partitions. Service principals (<service>.amazonaws.com) are not endpoints and are not judged for their host: a policy's Principal or NotPrincipal, a ServicePrincipal, AWSServiceName or Lambda permission's Principal, and a bare service name in a statement's condition (kms:ViaService, aws:PrincipalServiceName…); an ARN is judged wherever it is. VPC endpoint service names (com.amazonaws.<region>.<service>) are not hosts. A template whose region is unknown is not judged (RES-1 reports it).",
  remediation: {
    en: 'Write ARNs with ${AWS::Partition} and endpoint hosts with ${AWS::URLSuffix} (in aws-cdk-lib: Aws.PARTITION or Stack.of(this).partition, and Aws.URL_SUFFIX); keep service principals as the service documents them',
    fr: 'Écrire les ARN avec ${AWS::Partition} et les hôtes des points de terminaison avec ${AWS::URLSuffix} (dans aws-cdk-lib : Aws.PARTITION ou Stack.of(this).partition, et Aws.URL_SUFFIX) ; garder les principaux de service tels que le service les documente',
  },
  appliesTo: [],
  observes: ['region', 'partition'],
  check(template: Template, context: RuleContext): Array<LocatedProblem | LocatedPass> {
    const region = template.stack.region;
    if (!isDeployedStack(template) || region === undefined) return [];
    const partition = partitionOf(region);
    const evidence = evidenceOf({ region, partition });
    const problems = [...stackProblems(template, region, partition), ...stackSetProblems(template, context)];
    if (!problems.length) return [{ pass: true, template, evidence }];
    return problems.map((p) => ({ ...p, evidence: { ...evidence, ...p.evidence } }));
  },
};
