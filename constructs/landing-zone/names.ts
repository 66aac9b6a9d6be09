/** `civil-registry` → `CivilRegistry`, `eu-west-3` → `EuWest3`: construct ids from declared names. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Stack ids the zone uses for itself: a workload may not take one. */
export const RESERVED_STACK_IDS = ['Organization', 'OrganizationTrail', 'LogArchive', 'StackSetTemplates'];

/** Construct ids a workload stack uses for itself: a store may not take one. */
export const RESERVED_STORE_IDS = ['Backup'];
