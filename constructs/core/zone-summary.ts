import type { ClassificationLevel } from './classification';
import type { LocalizedText } from './i18n';

/**
 * What a landing-zone declaration decided, as data (`out/landing-zone.json`): where each
 * workload was placed and why, and the flows it declared. The plan and the architecture
 * snapshot read it beside the artifacts, which do not say why a workload is where it is, nor
 * show a flow that leaves a site (no artifact implements it).
 */

/**
 * The version of `landing-zone.json`'s contract (2: a workload's reason in every language; 3:
 * the organization's accounts and their units, and the prerequisites of the first deployment).
 */
export const ZONE_SUMMARY_SCHEMA_VERSION = 3;

/** File name of the summary in a synth output. */
export const ZONE_SUMMARY_FILE = 'landing-zone.json';

/** Where a workload was placed. */
export interface ZoneWorkload {
  readonly name: string;
  readonly classification: ClassificationLevel;
  /** `aws:REGION` or `site:NAME`, as the plan names places. */
  readonly place: string;
  /** The AWS account, for a cloud workload with one. */
  readonly account: string | null;
  /** The deployment unit that holds it: its AWS stack, or its site's Terraform stack. */
  readonly unit: string;
  /** The namespaces it has on a site (one per tier), sorted; empty in the cloud. */
  readonly namespaces: readonly string[];
  /** True if the declaration pinned it. */
  readonly pinned: boolean;
  /** Why it may live there, in every language (`{ "en": …, "fr": … }`). */
  readonly reason: LocalizedText;
  /** The legal source of its level's placement rule. */
  readonly source: string;
}

/** A flow the declaration allows between two workloads' tiers. */
export interface ZoneFlow {
  /** `workload/tier`. */
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly carries: ClassificationLevel;
  /** True if the artifacts implement it (network policies between namespaces of one site). */
  readonly built: boolean;
}

/** The role of an account in the landing zone. */
export type ZoneAccountRole = 'management' | 'logArchive' | 'audit' | 'network' | 'workload';

/** An account of the organization, and the unit it must sit in. */
export interface ZoneAccount {
  /** The 12-digit account id. */
  readonly id: string;
  readonly role: ZoneAccountRole;
  /**
   * The path of names of the organizational unit the account must sit in, below the root,
   * e.g. `Workloads/Internal` (the `Name` of each `AWS::Organizations::OrganizationalUnit`);
   * null for the management account, which sits at the root and no SCP ever governs.
   */
  readonly organizationalUnit: string | null;
}

/** The AWS Organization a zone governs, as the declaration gives it. */
export interface ZoneOrganization {
  /** `o-…`. */
  readonly id: string;
  /** The management account's id, when declared. */
  readonly managementAccount: string | null;
  /**
   * Delegated administrators the plan registers, by service principal
   * (e.g. `{"cloudtrail.amazonaws.com": "222222222222"}`).
   */
  readonly delegatedAdministrators: Readonly<Record<string, string>>;
  /** Every declared account, sorted by id. */
  readonly accounts: readonly ZoneAccount[];
}

/** What must exist before the first deployment unit, and how to make it so. */
export interface ZonePrerequisite {
  /** A stable id, e.g. `organizations-all-features`, `cdk-bootstrap:111111111111:eu-west-3`, `crd:schedules.velero.io`. */
  readonly id: string;
  /**
   * What it is: `organization` (Organizations features, policy types, trusted access, delegated
   * administrators, account placement), `bootstrap` (CDK bootstrap of an account and region),
   * `role` (an IAM role to create), `kubernetes-crd`, `kubernetes-namespace`, `kubernetes`
   * (version, network plugin, CSI topology), `placeholder` (a value to replace).
   */
  readonly kind:
    'organization' | 'bootstrap' | 'role' | 'kubernetes-crd' | 'kubernetes-namespace' | 'kubernetes' | 'placeholder';
  /** Where: an account (`aws:ACCOUNT` or `aws:ACCOUNT:REGION`) or a site (`site:NAME`). */
  readonly target: string;
  /**
   * The Kubernetes name of a `kubernetes-crd` (`schedules.velero.io`) or `kubernetes-namespace`
   * (`velero`) prerequisite; the role name of a `role`; else null.
   */
  readonly name: string | null;
  /** What it is and why, in every language. */
  readonly description: LocalizedText;
  /**
   * The commands that make it so, run in order (the plan joins them with `&&`), each as its
   * words, unquoted: whoever prints them quotes every word (`shellQuote`), so that a value of
   * the declaration, or a hand-edited `landing-zone.json`, never becomes shell syntax. Empty
   * when there is no command to give.
   */
  readonly commands: readonly (readonly string[])[];
}

/** The summary of a declared landing zone. */
export interface ZoneSummary {
  readonly schemaVersion: typeof ZONE_SUMMARY_SCHEMA_VERSION;
  readonly name: string;
  readonly profile: string;
  /** AWS regions in use, home region first. */
  readonly regions: readonly string[];
  /** Declared sites. */
  readonly sites: readonly string[];
  readonly workloads: readonly ZoneWorkload[];
  readonly flows: readonly ZoneFlow[];
  /** The organization, when the declaration gives one. */
  readonly organization: ZoneOrganization | null;
  /** What must exist before the first unit, in order. */
  readonly prerequisites: readonly ZonePrerequisite[];
}

/** The summary as stable, pretty JSON. */
export function serializeZoneSummary(summary: ZoneSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
