import type { PathMatrix } from '../reachability/network-paths';
import type {
  ClassificationLevel,
  ControlId,
  JurisdictionProfile,
  Language,
  LocalizedText,
  Severity,
  Suppression,
  ZoneSummary,
} from '../../core';
import type { Unresolved } from './intrinsics';
import type { Evidence } from '../judge/evidence';

/**
 * The normalized resource view the rules judge, and the findings they produce. Every reader
 * (CloudFormation JSON/YAML, cloud assemblies, Terraform JSON, Kubernetes manifests)
 * produces these shapes, so that one rule serves every artifact of its world.
 */

/** The artifact a resource was read from. */
export type ArtifactFormat =
  'cloudformation-json' | 'cloudformation-yaml' | 'terraform-json' | 'kubernetes-yaml' | 'kubernetes-json';

/** Where a resource's effective classification comes from, in order of precedence. */
export type ClassificationOrigin =
  /** The resource's own tag or label. */
  | 'resource'
  /** Its stack's tag (cloud-assembly manifest) or its namespace's label. */
  | 'stack'
  /** `--classification`: an assumption, which CLS-1 reports as a warning. */
  | 'assumed';

/** A resource's effective classification and where it comes from. */
export interface EffectiveClassification {
  readonly level: ClassificationLevel;
  readonly origin: ClassificationOrigin;
}

/** How a template's region is known. */
export type RegionOrigin =
  /** A cloud-assembly environment with a concrete region: proves residency. */
  | 'environment'
  /** `--region`: an assumption, reported as `info`. */
  | 'assumed';

/** The deployment unit a resource belongs to: a stack (or, later, a Terraform stack). */
export interface StackInfo {
  /** The stack name (cloud-assembly artifact), if known. */
  readonly name?: string;
  /** The AWS account id, if the environment gives a concrete one. */
  readonly account?: string;
  /** The region, if known. */
  readonly region?: string;
  /** How the region is known; absent when it is not. */
  readonly regionOrigin?: RegionOrigin;
  /** True for a cloud-assembly stack whose environment has no concrete region. */
  readonly environmentAgnostic: boolean;
  /** The stack's own tags (cloud-assembly manifest), which CloudFormation gives every resource. */
  readonly tags: Readonly<Record<string, string>>;
  /** The artifact id of a cloud-assembly stack: what the manifest's `dependencies` name. */
  readonly artifactId?: string;
  /**
   * The manifest of its cloud assembly (as shown, relative to the working directory): artifact
   * ids and dependencies hold within one assembly only.
   */
  readonly assembly?: string;
  /** The artifact ids the stack depends on (the manifest's `dependencies`), as written. */
  readonly dependencies?: readonly string[];
  /**
   * The role CloudFormation deploys the stack with (the artifact's
   * `cloudFormationExecutionRoleArn`), as written: `${AWS::Partition}`, `${AWS::AccountId}` and
   * `${AWS::Region}` are left for the reader to substitute.
   */
  readonly cloudFormationExecutionRoleArn?: string;
  /** The role the CDK CLI assumes to deploy the stack (the artifact's `assumeRoleArn`), as written. */
  readonly assumeRoleArn?: string;
  /**
   * Where the CDK CLI uploads the template before deploying it (the artifact's
   * `stackTemplateAssetObjectUrl`): CloudFormation then reads it from S3, never inline.
   */
  readonly templateAssetUrl?: string;
}

/** An `Outputs.*.Export.Name` of a template. */
export interface ExportDeclaration {
  /** The output's logical id. */
  readonly output: string;
  /** The export name, resolved as far as the template allows. */
  readonly name: string | Unresolved;
}

/** An `Fn::ImportValue` of a template. */
export interface ImportUse {
  /** The logical id of the resource that holds it; absent for an output. */
  readonly resource?: string;
  /** Where it is, e.g. `Properties.Environment.Variables.QUEUE` or `Outputs.Url.Value`. */
  readonly path: string;
  /** The imported export's name, resolved as far as the template allows. */
  readonly name: string | Unresolved;
}

/**
 * What deploying a CloudFormation template involves beyond its resources, as read from the
 * file itself (the DEP controls): its size, counts against the service quotas, and the
 * exports and imports that tie it to other stacks.
 */
export interface TemplateDeployment {
  /** The size of the file as written, in bytes (UTF-8). */
  readonly bytes: number;
  /** The size of the template minified (`JSON.stringify` of the parsed document), in bytes. */
  readonly minifiedBytes: number;
  /** Entries of `Resources` (`AWS::CDK::Metadata` included: CloudFormation counts it). */
  readonly resourceCount: number;
  readonly parameterCount: number;
  readonly outputCount: number;
  readonly exports: readonly ExportDeclaration[];
  readonly imports: readonly ImportUse[];
  /**
   * The StackSet whose body this template is a copy of (`Metadata.sovereign-lz.stackSet`): it
   * is synthesized for review, never deployed as a stack of its own; the StackSet's
   * `TemplateBody` is what is judged.
   */
  readonly stackSet?: string;
}

/** A suppression as read from an artifact, with what is wrong with it (if anything). */
export interface ReadSuppression {
  readonly suppression: Suppression;
  /** Problems that keep it from applying (short reason, malformed expiry…); empty when valid. */
  readonly problems: readonly string[];
  /** Where it was written: on the resource, or for the whole template. */
  readonly scope: 'resource' | 'template';
}

/** One resource of an artifact, normalized. */
export interface Resource {
  /** The file it was read from, relative to the working directory (`/` separators). */
  readonly file: string;
  readonly format: ArtifactFormat;
  /** The logical id (CloudFormation) or address (Terraform). */
  readonly id: string;
  /** The resource type, e.g. `AWS::S3::Bucket`. */
  readonly type: string;
  /**
   * Its properties with intrinsics resolved where they can be: a reference to a resource of
   * the same template is a `ResourceRef`, anything unknowable an `Unresolved` (see intrinsics.ts).
   */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The construct path (`aws:cdk:path`, or the cloud assembly's metadata), if known. */
  readonly path?: string;
  /**
   * The line (1-based) where the resource starts in its file: its key under `Resources`
   * (CloudFormation), under `resource.<type>` (Terraform JSON), or its document (a manifest).
   * @default - unknown
   */
  readonly line?: number;
  /** Its own tags whose key and value are plain strings. */
  readonly tags: Readonly<Record<string, string>>;
  /** Tag keys whose value cannot be resolved (e.g. a `Ref` to a parameter). */
  readonly unresolvedTags: readonly string[];
  /** True if the type can carry tags (or the resource has a tag property). */
  readonly taggable: boolean;
  /** The effective classification, per the precedence contract; absent when none applies. */
  readonly classification?: EffectiveClassification;
  /** Why the resource's own classification tag could not be used (unknown level, unresolved value). */
  readonly classificationProblem?: LocalizedText;
  /** Suppressions from its metadata and from its template's metadata. */
  readonly suppressions: readonly ReadSuppression[];
  /** The template it belongs to. */
  readonly template: Template;
  /**
   * For a Kubernetes object (from a manifest or a `kubernetes_*` Terraform resource, whose
   * `properties` are then the API object): the cluster and namespace it is applied to.
   */
  readonly kubernetes?: KubernetesPlacement;
}

/** Where a Kubernetes object is applied, as far as the input tells. */
export interface KubernetesPlacement {
  /**
   * The cluster, as a key: a Terraform file and provider (`out/…/cdk.tf.json#kubernetes.casa`),
   * or `manifests` for every plain manifest of the run. Namespaces are looked up within it.
   */
  readonly cluster: string;
  /** True if the kind lives in a namespace. */
  readonly namespaced: boolean;
  /**
   * Its namespace: absent for a cluster-scoped object, and for a manifest that names none
   * (kubectl would use the context's); an `Unresolved` for a Terraform expression.
   */
  readonly namespace?: string | Unresolved;
}

/** One template (a stack) as read: its context and its resources. */
export interface Template {
  readonly file: string;
  readonly format: ArtifactFormat;
  readonly stack: StackInfo;
  /** Parameter names of the template. */
  readonly parameters: readonly string[];
  /** Its resources, in the template's order. */
  readonly resources: readonly Resource[];
  /** Its resources by logical id. */
  readonly byId: ReadonlyMap<string, Resource>;
  /** Suppressions from the template's top-level metadata (they also apply to each resource). */
  readonly suppressions: readonly ReadSuppression[];
  /**
   * What deploying it involves (size, quotas, exports and imports), for a CloudFormation
   * template read from a file or a cloud assembly.
   * @default - unknown (e.g. a template built in memory)
   */
  readonly deployment?: TemplateDeployment;
}

/** A file given (or found) that no reader judged, and why. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
  /**
   * The reason in each language; the result of a check keeps `reason` in its language only.
   * @default - `reason` in every language
   */
  readonly reasons?: LocalizedText;
}

/** Everything one run reads. Whole-input controls (RES-4, LOG-1's trail) are judged over it. */
export interface CheckInput {
  readonly templates: readonly Template[];
  /** Files seen but not judged (e.g. a YAML file that is neither a template nor a manifest). */
  readonly skipped: readonly SkippedFile[];
  /** The `profile.json` of a synth output among the inputs, if any (absolute path). */
  readonly profileFile?: string;
  /**
   * The `landing-zone.json` of a synth output among the inputs, if any: the organization's
   * accounts, their units and delegated administrators, and the prerequisites of the first
   * deployment, which the deployability controls (DEP) read.
   */
  readonly zone?: ZoneSummary;
  /** The file `zone` was read from (as shown, relative to the working directory). */
  readonly zoneFile?: string;
  /**
   * The SHA-256 of every file the readers read (as shown, relative to the working directory),
   * of the bytes judged: what the reports' headers cite, so that an auditor can tell the input.
   */
  readonly digests?: readonly InputDigest[];
}

/** The SHA-256 (lower-case hex) of a file read. */
export interface InputDigest {
  readonly file: string;
  readonly sha256: string;
}

/** The status of a finding. The evidence matrix adds `pass` and `not-applicable`. */
export type FindingStatus =
  /** The evidence shows the control is broken. */
  | 'fail'
  /** Evidence is missing or unresolvable (a dangling `Ref`, a parameter, an unknown region…). */
  | 'cannot-prove'
  /** No rule knows the resource's type: review it by hand. */
  | 'not-assessed';

/** One finding: a rule's verdict on a resource (or on a template, or on the whole input). */
export interface Finding {
  /** The catalog id, e.g. `ENC-1`. */
  readonly control: ControlId;
  /** The rule id, `CONTROL/slug`, e.g. `ENC-1/s3-bucket-cmk`. */
  readonly rule: string;
  readonly status: FindingStatus;
  readonly severity: Severity;
  /** The logical id or Terraform address; empty for a template-wide or input-wide finding. */
  readonly resource: string;
  /** The file, relative to the working directory; empty for an input-wide finding. */
  readonly file: string;
  /** The construct path, when known. */
  readonly path?: string;
  /** The line (1-based) of the resource in its file, when known (SARIF's region). */
  readonly line?: number;
  /** What was found, in the language of the run. */
  readonly message: string;
  /** What to do, in the language of the run. */
  readonly remediation: string;
  /** The legal or normative source, e.g. `L05-20 Art. 11`. */
  readonly source: string;
  /** True if a valid suppression or a built-in exception waives it; it still appears in every report. */
  readonly suppressed: boolean;
  /** The reason of the suppression or built-in exception, when suppressed. */
  readonly justification?: string;
  /** The facts the rule observed (see judge/evidence.ts); absent in reports of schemaVersion 1. */
  readonly evidence?: Evidence;
}

/** A check that passed, for the evidence matrix, with the facts that made it pass. */
export interface Pass {
  readonly control: ControlId;
  readonly rule: string;
  readonly resource: string;
  readonly file: string;
  readonly path?: string;
  /** The facts the rule observed (see judge/evidence.ts). */
  readonly evidence?: Evidence;
}

/** A rule's metadata, as the reports describe it (SARIF's rules, the evidence matrix). */
export interface RuleInfo {
  /** `CONTROL/slug`. */
  readonly id: string;
  readonly control: ControlId;
  /** In the language of the run. */
  readonly title: string;
  /** In English (the controls reference's language). */
  readonly description: string;
  /** In the language of the run. */
  readonly remediation: string;
}

/** Counts of a run, as in the JSON report's `summary`. */
export interface Summary {
  /** Resources read. */
  readonly resources: number;
  /** Checks (rule × resource, or rule × input) that passed. */
  readonly passed: number;
  /** Unsuppressed findings of severity `error`. */
  readonly errors: number;
  /** Unsuppressed findings of severity `warning`. */
  readonly warnings: number;
  /** Suppressed findings (justified waivers and built-in exceptions). */
  readonly suppressed: number;
  /** Findings with status `not-assessed`. */
  readonly notAssessed: number;
}

/** How many resources of a type that holds no data the input has, and why it holds none. */
export interface NoDataCount {
  readonly type: string;
  readonly resources: number;
  /** In the language of the result. */
  readonly reason: string;
}

/** The result of a run. */
export interface CheckResult {
  /** The id of the profile the input was judged under. */
  readonly profile: string;
  /** Findings sorted by file, resource and rule. */
  readonly findings: readonly Finding[];
  /** Checks that passed, in the same order. */
  readonly passes: readonly Pass[];
  readonly summary: Summary;
  readonly skipped: readonly SkippedFile[];
  /** Checks that did not apply to a resource the rule judged (e.g. provider keys at level `public`), same order. */
  readonly notApplicable: readonly Pass[];
  /**
   * The resources of types the catalog declares as holding no data (rules/no-data-types.ts),
   * counted once per type with the reason, sorted by type: judged by no rule, and not reported
   * as not assessed.
   */
  readonly noData?: readonly NoDataCount[];
  /** The files judged (relative, sorted): the inputs the reports name. */
  readonly inputs: readonly string[];
  /** The SHA-256 of every file read (templates, manifests, profile.json, landing-zone.json), sorted by file. */
  readonly inputDigests?: readonly InputDigest[];
  /**
   * The paths between tiers and namespaces the NET-6 and NET-7 rules judged, one matrix per
   * template with subnets and per cluster, undeclared paths first; absent when those rules did
   * not run.
   */
  readonly paths?: readonly PathMatrix[];
  /** The metadata of the rules that ran, and of the rule of not-assessed resources. */
  readonly rules: readonly RuleInfo[];
  /** The profile as applied (its name, each control's severity and source, attestations): what the reports cite. */
  readonly effectiveProfile: JurisdictionProfile;
  /**
   * The language of the messages, remediations and rule titles, and of the reports' prose.
   * @default 'en'
   */
  readonly language?: Language;
}
