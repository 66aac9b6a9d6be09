/**
 * Tag and label keys shared by AWS tags, Kubernetes labels and the compliance engine.
 * The same key serves both worlds, so a rule can judge either from the artifacts alone.
 */
export const TAG_KEYS = {
  /** The data classification level of the resource. */
  classification: 'sovereign-lz.io/classification',
  /** The id of the jurisdiction profile the resource was built under. */
  jurisdiction: 'sovereign-lz.io/jurisdiction',
  /** The network tier of a subnet, route table, security group or namespace. */
  tier: 'sovereign-lz.io/tier',
  /** The purpose of a resource, e.g. `logs` for log buckets and log namespaces. */
  purpose: 'sovereign-lz.io/purpose',
} as const;

/** Kubernetes annotation that carries suppressions (a JSON array) on manifests. */
export const SUPPRESSIONS_ANNOTATION = 'sovereign-lz.io/suppressions';

/** Key of the metadata object (CloudFormation `Metadata`, cdktf `//`) holding suppressions. */
export const METADATA_KEY = 'sovereign-lz';

/** Network tiers, from the edge inwards. */
export const TIERS = ['public', 'application', 'data', 'management'] as const;

/** A network tier. */
export type Tier = (typeof TIERS)[number];

/** Values of the purpose tag/label. */
export const PURPOSES = { logs: 'logs' } as const;

/**
 * Annotations that record a log forwarder's sink and the sink's retention on its workload:
 * written by the Kubernetes LogForwarder, read by the RES-3 and LOG-2 rules.
 */
export const LOG_FORWARDER_ANNOTATIONS = {
  sink: 'sovereign-lz.io/log-sink',
  retentionDays: 'sovereign-lz.io/log-retention-days',
} as const;
