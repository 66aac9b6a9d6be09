import { Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** What the bare builders (bare.ts, bare-kubernetes.ts) share: tag keys, names, tiers. */

export const TAG = {
  classification: 'sovereign-lz.io/classification',
  jurisdiction: 'sovereign-lz.io/jurisdiction',
  tier: 'sovereign-lz.io/tier',
  purpose: 'sovereign-lz.io/purpose',
};
export const JURISDICTION = 'morocco-bench';
export const TIERS = ['public', 'application', 'data', 'management'] as const;
export type Tier = (typeof TIERS)[number];
export const GROUP: Record<Tier, string> = {
  public: 'Public',
  application: 'Application',
  data: 'Data',
  management: 'Management',
};
export const RANK = ['public', 'internal', 'personal', 'sensitive', 'secret'];

export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

export function tag(scope: Construct, classification: string): void {
  Tags.of(scope).add(TAG.classification, classification);
  Tags.of(scope).add(TAG.jurisdiction, JURISDICTION);
}

/** The endpoints of a flow: `workload` or `workload/tier`. */
export function endpoint(value: string): { workload: string; tier: Tier } {
  const [workload, tier = 'application'] = value.split('/');
  return { workload, tier: tier as Tier };
}
