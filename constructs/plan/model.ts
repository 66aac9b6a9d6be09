import type { ClassificationLevel, ZonePrerequisite, ZoneWorkload } from '../core';

/**
 * The deployment plan of a synth output: every deployment unit (CloudFormation stack,
 * Terraform stack) in the order to deploy it, where it lands, what it holds, whether it
 * passed the compliance check, and the command that deploys it. Read from the artifacts
 * alone (framework-neutral), so that `sovereign-lz plan` can rebuild it from any synth output.
 */

/** The version of `plan.json`'s contract; it changes only when the contract does. */
export const PLAN_SCHEMA_VERSION = 2;

/** What deploys a unit. */
export type UnitKind = 'cloudformation' | 'terraform';

/** Which side of the residency boundary a place is on. */
export type Residency =
  /** Inside the profile's territory (e.g. Morocco for `morocco`, the EU's member states for `eu`). */
  | 'national'
  /** Outside it. */
  | 'abroad'
  /** The artifacts do not say where (an environment-agnostic stack, a cluster on no declared site). */
  | 'unknown';

/** The AWS environment a CloudFormation stack deploys to. */
export interface AwsTarget {
  readonly kind: 'aws';
  /** The 12-digit account id; `null` for `unknown-account`: the account of the credentials that deploy it. */
  readonly account: string | null;
  /** The region; `null` for an environment-agnostic stack. */
  readonly region: string | null;
  /** ISO 3166-1 alpha-2 code of the region's country, when the region is known. */
  readonly country: string | null;
  /** The region's city or area, when known. */
  readonly location: string | null;
  /** For people: e.g. `the deploying account, eu-west-3 · Paris, FR`. */
  readonly description: string;
}

/** The Kubernetes cluster a Terraform stack applies to. */
export interface ClusterTarget {
  readonly kind: 'kubernetes';
  /** The kubeconfig context(s) of the stack's Kubernetes providers (`config_context`), sorted. */
  readonly contexts: readonly string[];
  /** The declared site of the cluster's nodes, from the workloads' required node affinity (or a context named after a site). */
  readonly site: string | null;
  /** The site's country (ISO 3166-1 alpha-2). */
  readonly country: string | null;
  /** Who operates the site, if the profile says. */
  readonly operator: string | null;
  /** For people: e.g. `cluster ma-casablanca-1 on site ma-casablanca-1 (MA)`. */
  readonly description: string;
}

/** Where a unit deploys. */
export type UnitTarget = AwsTarget | ClusterTarget;

/** The compliance status of a unit: the findings of the compliance check on its artifact. */
export interface UnitCompliance {
  /** `fails` with an unsuppressed error, else `warnings` with an unsuppressed warning, else `passes`. */
  readonly status: 'passes' | 'warnings' | 'fails';
  /** Unsuppressed findings of severity `error`. */
  readonly errors: number;
  /** Unsuppressed findings of severity `warning`. */
  readonly warnings: number;
  /** Suppressed findings (justified waivers, built-in exceptions). */
  readonly suppressed: number;
}

/** A deploy command, as run from the directory the plan's commands assume. */
export interface DeployCommand {
  /**
   * `cdk` for CloudFormation stacks; `terraform` or `tofu` (OpenTofu) for Terraform stacks;
   * `kubectl` for their plain manifests ({@link PlannedManifests}).
   */
  readonly tool: 'cdk' | 'terraform' | 'tofu' | 'kubectl';
  readonly command: string;
}

/**
 * The plain Kubernetes manifests of a Terraform unit, `kubernetes/manifests/<unit>/` (one file
 * per object and a `kustomization.yaml`): the same objects as its Terraform JSON, for kubectl
 * or a GitOps controller (Argo CD, Flux) instead of Terraform.
 */
export interface PlannedManifests {
  /** The directory, relative to the output directory (`/` separators). */
  readonly directory: string;
  /** How many objects it holds (one file each). */
  readonly objects: number;
  /** `kubectl apply --server-side -k DIR`, with the unit's kubeconfig context when it has one. */
  readonly commands: readonly DeployCommand[];
}

/** A StackSet a CloudFormation unit creates: the per-account baseline it rolls out. */
export interface PlannedStackSet {
  /** Its logical id in the unit's template. */
  readonly id: string;
  /** `StackSetName`, when literal. */
  readonly name: string | null;
  /** `SERVICE_MANAGED` (organization targets) or `SELF_MANAGED`. */
  readonly permissionModel: string | null;
  /** Target organizational units (ids, or `Ref LOGICAL_ID` of an OU of the template), sorted. */
  readonly organizationalUnits: readonly string[];
  /** Target accounts (self-managed), sorted. */
  readonly accounts: readonly string[];
  /** Regions of its stack instances, sorted. */
  readonly regions: readonly string[];
}

/** A Kubernetes namespace a Terraform unit creates, with what runs in it. */
export interface PlannedNamespace {
  readonly name: string;
  /** Its `sovereign-lz.io/classification` label. */
  readonly classification: ClassificationLevel | null;
  /** Its `sovereign-lz.io/tier` label. */
  readonly tier: string | null;
  /** Its `sovereign-lz.io/purpose` label (e.g. `logs`). */
  readonly purpose: string | null;
  /** Workloads in it, as `Kind/name`, sorted. */
  readonly workloads: readonly string[];
}

/** One deployment unit. */
export interface DeploymentUnit {
  /** Position in the deployment order, from 1. */
  readonly order: number;
  /** The stack's id: the CDK CLI's stack selector, or the cdktf stack name. */
  readonly id: string;
  readonly kind: UnitKind;
  /** The stack's description (CloudFormation `Description`), if any. */
  readonly description: string | null;
  readonly target: UnitTarget;
  /** Which side of the residency boundary the target is on. */
  readonly residency: Residency;
  /** The unit's classification: its stack tag, else the most restricted of its resources' tags or labels. */
  readonly classification: ClassificationLevel | null;
  /** Its `sovereign-lz.io/jurisdiction` tag or label. */
  readonly jurisdiction: string | null;
  /** Resources the unit creates (CloudFormation resources, Terraform resources). */
  readonly resources: number;
  readonly compliance: UnitCompliance;
  /** The artifact, relative to the output directory (`/` separators). */
  readonly artifact: string;
  /** Ids of the units it depends on (deployed before it). */
  readonly dependsOn: readonly string[];
  /** The commands that deploy it; for Terraform, with `terraform` and with `tofu`. */
  readonly commands: readonly DeployCommand[];
  /** StackSets it creates (CloudFormation). */
  readonly stackSets: readonly PlannedStackSet[];
  /**
   * For the template of a StackSet (a stack of a nested assembly whose template says so): the
   * unit and StackSet that deploy it to every target account (`unit` null when no unit of the
   * output creates that StackSet); it has no command of its own.
   */
  readonly deployedBy: { readonly unit: string | null; readonly stackSet: string } | null;
  /** Namespaces it creates (Terraform). */
  readonly namespaces: readonly PlannedNamespace[];
  /** Its plain manifests, when the output has them (Terraform units of `sovereign-lz synth`). */
  readonly manifests?: PlannedManifests;
}

/** A region or a site that hosts units. */
export interface Place {
  /** `aws:REGION`, `site:NAME`, or `unknown:…`. */
  readonly id: string;
  readonly kind: 'aws-region' | 'site' | 'unknown';
  /** The region code or site name. */
  readonly name: string;
  readonly country: string | null;
  /** The region's location, or the site's operator. */
  readonly detail: string | null;
  readonly residency: Residency;
  /** Ids of the units it hosts, in deployment order. */
  readonly units: readonly string[];
}

/** One end of a data flow. */
export type FlowEnd =
  /** A unit, or a namespace of a Terraform unit. */
  | { readonly unit: string; readonly namespace?: string }
  /** A destination outside the units: a log sink, a backup location, a network block. */
  | { readonly endpoint: string };

/** A destination outside the units that flows reach. */
export interface Endpoint {
  /** Its key: e.g. `log-sink:logs.casablanca.gov.ma`, `backup:minio-casablanca`, `cidr:10.0.0.0/8`. */
  readonly id: string;
  readonly kind: 'log-sink' | 'backup-location' | 'network';
  /** The host, location name or CIDR. */
  readonly name: string;
  /** True if the profile allowlists it (as an in-jurisdiction log sink or backup location). */
  readonly allowlisted: boolean;
  /** `national` when allowlisted by the profile, else `unknown`. */
  readonly residency: Residency;
}

/** A data flow the artifacts show. */
export interface Flow {
  /**
   * `network` (a NetworkPolicy allows it), `logs` (a log forwarder's sink), `backup` (a backup
   * schedule), or `declared`: a flow of the landing-zone declaration that leaves a site (to
   * the cloud or another site), which no artifact implements — it crosses a gateway the zone
   * does not build.
   */
  readonly kind: 'network' | 'logs' | 'backup' | 'declared';
  readonly from: FlowEnd;
  readonly to: FlowEnd;
  /** Ports, as `TCP 5432`, sorted; empty when any. */
  readonly ports: readonly string[];
  /** Network blocks the flow is allowed to (egress to `ipBlock`), sorted. */
  readonly cidrs: readonly string[];
  /** The objects that show it (`NetworkPolicy civil-registry/api-to-database-egress`), sorted. */
  readonly evidence: readonly string[];
  /** True if the two ends are on different sides of the residency boundary (or one side is unknown). */
  readonly crossesBoundary: boolean;
  /**
   * True for a `network` flow between namespaces that the compliance check found undeclared
   * (NET-6: no declared flow or built-in accounts for some of its ports).
   */
  readonly undeclared?: boolean;
  /** For a `declared` flow: its ends as the declaration names them (`workload/tier`) and what it carries. */
  readonly declaration?: { readonly from: string; readonly to: string; readonly carries: ClassificationLevel };
}

/** Counts of the whole plan. */
export interface PlanSummary {
  readonly units: number;
  readonly resources: number;
  /** Unsuppressed errors, warnings and suppressed findings, over every unit and the zone-wide findings. */
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
  /** Zone-wide findings (e.g. attestations, the organization's residency policy), on no single unit. */
  readonly zoneFindings: number;
}

/** The plan of a synth output. */
export interface Plan {
  readonly schemaVersion: typeof PLAN_SCHEMA_VERSION;
  readonly profile: {
    readonly id: string;
    readonly name: string;
    /** ISO alpha-2 codes of the national territory. */
    readonly territory: readonly string[];
  };
  /** How the commands name the output directory (they run from the directory it is relative to; `.`: from the output directory). */
  readonly outDir: string;
  readonly summary: PlanSummary;
  /** Units in deployment order. */
  readonly units: readonly DeploymentUnit[];
  /** Regions and sites hosting units: national ones first, then abroad, then unknown; each side in the order of its first unit. */
  readonly places: readonly Place[];
  readonly endpoints: readonly Endpoint[];
  readonly flows: readonly Flow[];
  /** Where the landing-zone declaration placed each workload, and why (`landing-zone.json`); empty for a plain app. */
  readonly workloads: readonly ZoneWorkload[];
  /**
   * What must exist before the first unit, in order, with the command of each (`landing-zone.json`);
   * empty for a plain app.
   */
  readonly prerequisites: readonly ZonePrerequisite[];
}
