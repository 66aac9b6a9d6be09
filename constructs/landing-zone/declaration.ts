import type { ClassificationLevel, JurisdictionProfile, Tier } from '../core';

/**
 * The declaration of a landing zone: one typed object (or a YAML/JSON file of the same
 * shape) from which sovereign-lz places every workload by its classification and builds both
 * worlds — AWS stacks for the allowlisted cloud regions, Terraform stacks for the in-country
 * Kubernetes sites. Framework-neutral: it is data, validated before anything is built.
 */
export interface LandingZoneDeclaration {
  /** The zone's name, a DNS label (e.g. `morocco-public-sector`): prefixes the SCP names. */
  readonly name: string;
  /**
   * The jurisdiction profile: a built-in id (`morocco`, `eu`) or a profile object. In a file,
   * an id or the path of a profile file, relative to the declaration.
   */
  readonly profile: JurisdictionProfile | string;
  /**
   * The AWS regions the zone uses, the home region first: the organization, log archive and
   * per-account baseline deploy from the home region. Each must be allowed by the profile for
   * the levels placed there; the order decides where an unpinned workload goes.
   * @default - no AWS region: every workload must live on an in-country site
   */
  readonly regions?: readonly string[];
  /** The AWS organization: its units, guardrails and per-account baseline. @default - none built */
  readonly organization?: OrganizationDeclaration;
  /** The AWS accounts of the multi-account layout, by role. @default - stacks name no account */
  readonly accounts?: AccountsDeclaration;
  /** The network of each region. @default - a /16 per region from 10.20.0.0 upwards in `regions` order */
  readonly network?: NetworkDeclaration;
  /** The in-country Kubernetes sites (clusters) of the zone. @default - none */
  readonly sites?: readonly SiteDeclaration[];
  /** The workloads, each placed where its classification may live. */
  readonly workloads: readonly WorkloadDeclaration[];
  /** The flows between workloads' tiers that the zone allows; every other flow is denied. @default - none */
  readonly flows?: readonly FlowDeclaration[];
}

/** The AWS organization of the zone. */
export interface OrganizationDeclaration {
  /** The organization's id (`o-…`): the organization trail's bucket policy admits its member accounts. */
  readonly id: string;
  /** The id of the organization's root (`r-…`) or of the unit under which the zone's units go (`ou-…`). */
  readonly rootId: string;
  /**
   * Roles exempt from the service control policies: the deployment and break-glass roles.
   * Each exemption is documented in the SCP's description.
   * @default ['SovereignLzDeployment', 'SovereignLzBreakGlass']
   */
  readonly exemptRoleNames?: readonly string[];
  /**
   * Deploy the per-account baseline (key, encrypted log group, audit role) to every account of
   * the workload units through a service-managed CloudFormation StackSet.
   * @default true
   */
  readonly baseline?: boolean;
}

/** The accounts of the multi-account layout (12-digit AWS account ids). */
export interface AccountsDeclaration {
  /** The management account: the organization stack (units, SCPs, the baseline StackSet). */
  readonly management?: string;
  /** The log archive account: the archive bucket and the organization trail (as delegated administrator). */
  readonly logArchive?: string;
  /** The audit (security tooling) account: assumes the read-only audit role of the baseline. */
  readonly audit?: string;
  /** The shared network account: one segmented VPC per region. */
  readonly network?: string;
  /** The workload accounts by name; a workload names its account with `account`. */
  readonly workloads?: Readonly<Record<string, string>>;
}

/** The network plan. */
export interface NetworkDeclaration {
  /** The CIDR of each region's VPC, by region. @default - 10.20.0.0/16, 10.21.0.0/16, … in `regions` order */
  readonly cidrs?: Readonly<Record<string, string>>;
  /**
   * The availability zones of each region, for stacks with an account: given here, synthesis
   * needs no AWS call (aws-cdk-lib would otherwise look them up with credentials).
   * @default - `<region>a`, `<region>b` and `<region>c`
   */
  readonly availabilityZones?: Readonly<Record<string, readonly string[]>>;
  /** Ranges used elsewhere (on-premises, in-country sites) that no VPC may overlap. @default - none */
  readonly reservedCidrs?: readonly string[];
}

/** An in-country site: a Kubernetes cluster on a site the profile declares. */
export interface SiteDeclaration {
  /** The name of a site of the profile (e.g. `ma-casablanca-1`). */
  readonly name: string;
  /** The kubeconfig context of the site's cluster. @default - the site's name */
  readonly kubeconfigContext?: string;
  /**
   * The highest classification the cluster may hold.
   * @default - the highest level the profile allows on the site whose volume keys the storage
   *   can keep (customer-exclusive custody needs Ceph with an allowlisted `kmsId`)
   */
  readonly classificationCeiling?: ClassificationLevel;
  /** The site's encrypted storage (a CSI driver whose keys stay on the site). */
  readonly storage: SiteStorageDeclaration;
  /** The site's log collector, where the cluster's logs are forwarded. */
  readonly logs: SiteLogsDeclaration;
  /**
   * Where Velero writes the backups of the site's data tiers (a location on the profile's
   * backup allowlist).
   * @default - the cluster's default Velero location
   */
  readonly backupLocation?: string;
  /**
   * The most nodes the site's cluster will have (1 to 5,000). The log forwarder runs one pod
   * per node, and its namespace's quota admits this many (plus one for a rolling update).
   * @default 100
   */
  readonly maxNodes?: number;
}

/** The encrypted storage of a site. */
export interface SiteStorageDeclaration {
  /** `ceph-rbd` (Ceph RBD CSI, keys in the site's KMS) or `longhorn` (keys in a Kubernetes secret). */
  readonly driver: 'ceph-rbd' | 'longhorn';
  /** Ceph: the id of the site's key manager that holds the volume keys, on the profile's allowlist. @default - none (Ceph needs one for KEY-1) */
  readonly kmsId?: string;
  /** Ceph: the Ceph cluster id. @default - the site's name */
  readonly clusterId?: string;
  /** Ceph: the pool. @default 'sovereign-lz' */
  readonly pool?: string;
  /** Longhorn: the secret holding the volume encryption passphrase. @default - Longhorn's default */
  readonly cryptoSecretName?: string;
}

/** The log collector of a site. */
export interface SiteLogsDeclaration {
  /** The collector's host name: on the profile's log sink allowlist. */
  readonly host: string;
  /** The collector's address ranges, for the forwarder's egress policy. */
  readonly cidrs: readonly string[];
  /** The log forwarder's image, pinned by digest, from a registry on the profile's allowlist. */
  readonly image: string;
  /** How long the collector keeps the logs (declared, for LOG-2). @default - the profile's minimum log retention */
  readonly retentionDays?: number;
}

/** What a workload keeps: an object store or a log store. */
export interface StoreDeclaration {
  /** A DNS label, unique within the workload. */
  readonly name: string;
  /**
   * `objects` (AWS: an S3 bucket with its own key; on a site: the encrypted volumes of the
   * workload's data-tier services, one per pod at their `dataPath`, backed up by Velero — a
   * workload on a site with an `objects` store must declare a data-tier service) or `logs`
   * (AWS: a CloudWatch log group with its own key; on a site: the cluster's logs, forwarded to
   * the site's collector, which keeps them `sites[].logs.retentionDays`).
   */
  readonly kind: 'objects' | 'logs';
  /** Log stores: how long logs are kept. @default - the profile's minimum log retention */
  readonly retentionDays?: number;
}

/**
 * A containerized service of a workload, built on an in-country site: a hardened Deployment,
 * or in the `data` tier a StatefulSet whose every pod has its own encrypted volume.
 */
export interface ServiceDeclaration {
  /** A DNS label, unique within the workload. */
  readonly name: string;
  /** The tier it runs in. */
  readonly tier: Tier;
  /** The image, pinned by digest, from a registry on the profile's allowlist. */
  readonly image: string;
  /** The port it listens on. */
  readonly port: number;
  /**
   * The port speaks TLS: the HTTP probe of `healthCheckPath` uses HTTPS.
   * @default - true for ports 443 and 8443, false otherwise
   */
  readonly tls?: boolean;
  /** @default 2 (in the data tier, each replica has its own volume and data) */
  readonly replicas?: number;
  /** An HTTP path answering the probes, over HTTPS when the port speaks TLS. @default - a TCP probe on the port */
  readonly healthCheckPath?: string;
  /** Paths the service may write (the root file system is read-only). @default ['/tmp'] */
  readonly writablePaths?: readonly string[];
  /**
   * Data tier only: the directory where the image keeps its data, where each pod's encrypted
   * volume is mounted (writable; the root file system stays read-only). For the official
   * PostgreSQL image, `/var/lib/postgresql/data`.
   * @default '/data'
   */
  readonly dataPath?: string;
  /**
   * Data tier only: the size of each pod's volume, a Kubernetes quantity.
   * @default '10Gi'
   */
  readonly storageSize?: string;
  /**
   * Plain environment variables (never secrets: use `secrets`), e.g. the official PostgreSQL
   * image's `PGDATA`, a subdirectory of its volume.
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Environment variables read from Secrets of the service's namespace, by variable name. The
   * Secrets are listed in the plan's prerequisites (never written into an artifact).
   * @default - none
   */
  readonly secrets?: Readonly<Record<string, { readonly secret: string; readonly key: string }>>;
}

/** A workload: data of one classification, with its stores and (on a site) its services. */
export interface WorkloadDeclaration {
  /** A DNS label, unique in the zone (e.g. `civil-registry`). */
  readonly name: string;
  /** The classification of its data: decides where it may live. */
  readonly classification: ClassificationLevel;
  /** One line saying what it is. @default - none */
  readonly description?: string;
  /** Pin it to an AWS region of the zone. @default - placed by classification */
  readonly region?: string;
  /** Pin it to a site of the zone. @default - placed by classification */
  readonly site?: string;
  /** AWS: the name of its account in `accounts.workloads`. @default - the stack names no account */
  readonly account?: string;
  /** What it stores. @default - none */
  readonly stores?: readonly StoreDeclaration[];
  /** Its services: built on in-country sites only (the AWS side builds its landing, not its compute). @default - none */
  readonly services?: readonly ServiceDeclaration[];
  /** Groups that administer its namespaces on a site. @default - none */
  readonly owners?: readonly string[];
}

/**
 * A flow the zone allows: from a workload's tier to another workload's tier (or within one
 * workload, between its tiers). Written `workload` or `workload/tier`.
 */
export interface FlowDeclaration {
  /** The initiating side, `workload` or `workload/tier`. The tier defaults to `application`. */
  readonly from: string;
  /** The receiving side, `workload` or `workload/tier`. The tier defaults to `application`. */
  readonly to: string;
  /** The TCP port on the receiving side. */
  readonly port: number;
  /**
   * The highest classification of the data the flow carries (both ways). A flow between two
   * placements carries data out of one of them: that place must be allowed to hold it.
   * @default - the higher classification of the two workloads
   */
  readonly carries?: ClassificationLevel;
}
