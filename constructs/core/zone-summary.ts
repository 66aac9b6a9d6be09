import type { ClassificationLevel } from './classification';
import type { LocalizedText } from './i18n';

/**
 * What a landing-zone declaration decided, as data (`out/landing-zone.json`): where each
 * workload was placed and why, and the flows it declared. The plan and the architecture
 * snapshot read it beside the artifacts, which do not say why a workload is where it is, nor
 * show a flow that leaves a site (no artifact implements it).
 */

/** The version of `landing-zone.json`'s contract (2: a workload's reason in every language). */
export const ZONE_SUMMARY_SCHEMA_VERSION = 2;

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
}

/** The summary as stable, pretty JSON. */
export function serializeZoneSummary(summary: ZoneSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
