import type { ClassificationLevel } from './classification';
import type { ControlId } from './controls';

/** How strictly a control is enforced under a profile. `off` means it does not apply. */
export type Severity = 'error' | 'warning' | 'info';

/** Who must hold the keys of a level's data. */
export type KeyCustody =
  /** Provider-managed keys (e.g. `alias/aws/s3`) are acceptable. */
  | 'provider'
  /** A customer-managed key (KMS key the customer controls). */
  | 'customer'
  /** Keys known only to the customer: an external key store or customer HSM outside the provider. */
  | 'customer-exclusive';

/** A legal basis that lets data of a level be hosted outside its home territory once recorded. */
export type TransferBasis =
  /** A CNDP authorization (L09-08 Art. 44). */
  | 'cndp-authorization'
  /** The destination ensures an adequate level of protection (L09-08 Art. 43, GDPR Art. 45). */
  | 'adequacy'
  /** The data subjects' express consent (L09-08 Art. 44). */
  | 'consent'
  /** Standard contractual clauses (GDPR Art. 46). */
  | 'scc'
  /** Binding corporate rules (GDPR Art. 47). */
  | 'bcr';

/** Where a classification level may live and who holds its keys. */
export interface LevelPolicy {
  /** One sentence for reports, e.g. "Moroccan territory only". */
  readonly description: string;
  /** Countries (ISO 3166-1 alpha-2) whose territory may host the level, or `'*'` for anywhere. */
  readonly hostCountries: readonly string[] | '*';
  /**
   * The cloud regions allowed for the level (the allowlist).
   * @default - any region located in `hostCountries`
   */
  readonly cloudRegions?: readonly string[];
  /**
   * Countries where hosting is preferred; elsewhere is allowed with an advisory.
   * @default - no preference
   */
  readonly preferredCountries?: readonly string[];
  /**
   * Legal bases that allow hosting outside `hostCountries` once a transfer is recorded in
   * the profile's `transfers`.
   * @default - none: outside `hostCountries` is never allowed
   */
  readonly transferBases?: readonly TransferBasis[];
  /** Who must hold the keys. */
  readonly keyCustody: KeyCustody;
  /** If true, a residency violation of this level is an absolute rule: no suppression lifts it. */
  readonly absoluteResidency: boolean;
  /** The legal source of the placement rule, e.g. "L05-20 Art. 11". */
  readonly source: string;
}

/**
 * A declared in-country site: a data center or qualified provider hosting Kubernetes nodes.
 * Its nodes carry the given `topology.kubernetes.io/region` and `zone` label values.
 */
export interface Site {
  /** A unique name, e.g. `ma-casablanca-1`. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 country code of the site, e.g. `MA`. */
  readonly country: string;
  /** Values of `topology.kubernetes.io/region` carried by the site's nodes. */
  readonly regionValues: readonly string[];
  /** Values of `topology.kubernetes.io/zone` carried by the site's nodes. */
  readonly zoneValues: readonly string[];
  /**
   * Who operates the site, for reports.
   * @default - not stated
   */
  readonly operator?: string;
}

/** A recorded legal basis for hosting a level outside its home territory. */
export interface Transfer {
  /** The level the transfer covers, e.g. `personal`. */
  readonly level: ClassificationLevel;
  /** The legal basis. */
  readonly basis: TransferBasis;
  /** Destination countries (ISO alpha-2). */
  readonly countries: readonly string[];
  /** The reference of the authorization or decision, e.g. a CNDP deliberation number. */
  readonly reference: string;
}

/** A non-technical obligation to attest (control JUR-1), reported as a manual check. */
export interface Attestation {
  /** A stable id, e.g. `provider-qualification`. */
  readonly id: string;
  /** What must be attested. */
  readonly description: string;
  /** The legal source. */
  readonly source: string;
  /**
   * The reference that attests it (a qualification decision, a contract number).
   * @default - not yet attested: reported as an open manual check
   */
  readonly reference?: string;
}

/** How a control applies under a profile. */
export interface ControlSetting {
  /** Severity of an unsuppressed finding, or `off` if the control does not apply. */
  readonly severity: Severity | 'off';
  /** The legal or normative source cited in findings and reports. */
  readonly source: string;
}

/** Identifiers the compliance engine and constructs accept as in-jurisdiction or trusted. */
export interface Allowlists {
  /** ARNs of KMS keys backed by an external key store or customer HSM (KEY-1). */
  readonly externalKeyArns: readonly string[];
  /** Ids of in-country key managers for Kubernetes storage (e.g. ceph-csi `encryptionKMSID`). */
  readonly inCountryKmsIds: readonly string[];
  /** In-country log sinks (host names or URLs) for log forwarders (RES-3). */
  readonly logSinks: readonly string[];
  /** Trusted in-country container registries (K8S-4). */
  readonly imageRegistries: readonly string[];
  /** In-country backup locations (BCK-1). */
  readonly backupLocations: readonly string[];
}

/**
 * A jurisdiction profile: the law of a territory as data. A new jurisdiction is a new
 * profile object, not a new code path.
 */
export interface JurisdictionProfile {
  /** A stable id, e.g. `morocco`. Written into the jurisdiction tag of every resource. */
  readonly id: string;
  /** A human name. */
  readonly name: string;
  /** ISO alpha-2 codes of the national territory (for Morocco `MA`; for the EU its member states). */
  readonly territory: readonly string[];
  /** Placement and key custody per classification level. */
  readonly levels: Readonly<Record<ClassificationLevel, LevelPolicy>>;
  /** Minimum retention of logs and technical data, in days; a value CloudWatch Logs accepts. */
  readonly logRetentionMinDays: number;
  /** Maximum interval between key rotations, in days. */
  readonly keyRotationMaxDays: number;
  /** Waiting period before a scheduled key deletion, in days (KMS accepts 7–30). */
  readonly keyDeletionWindowDays: number;
  /** Legal sources of the figures above, for messages. */
  readonly figureSources: {
    readonly logRetention: string;
    readonly keyRotation: string;
    readonly keyDeletion: string;
  };
  /** Declared in-country sites. */
  readonly sites: readonly Site[];
  /** Allowlists of keys, sinks, registries and backup locations. */
  readonly allowlists: Allowlists;
  /** AWS account ids of the landing zone (12 digits); other accounts are foreign. */
  readonly accountIds: readonly string[];
  /** Recorded legal bases for hosting outside the territory. */
  readonly transfers: readonly Transfer[];
  /** Non-technical obligations, reported as manual checks (JUR-1). */
  readonly attestations: readonly Attestation[];
  /** Severity and source of every control of the catalog. */
  readonly controls: Readonly<Record<ControlId, ControlSetting>>;
}
