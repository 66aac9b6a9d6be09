import type { IConstruct } from 'constructs';

/**
 * The names that must be unique within one cluster (namespaces, flows), kept per cluster.
 * A new construct checks its name here in constant time; walking the cluster's tree instead
 * (`node.findAll()`) made a site of n namespaces cost O(n²) to construct.
 */
const claims = new WeakMap<IConstruct, Map<string, IConstruct>>();

function claimsOf(cluster: IConstruct): Map<string, IConstruct> {
  let names = claims.get(cluster);
  if (!names) claims.set(cluster, (names = new Map()));
  return names;
}

/** The construct that already holds `name` of this kind in the cluster, if any. */
export function nameHolder(cluster: IConstruct, kind: 'namespace' | 'flow', name: string): IConstruct | undefined {
  return claimsOf(cluster).get(`${kind}/${name}`);
}

/** Records that `holder` holds `name` of this kind in the cluster (once it is validated). */
export function holdName(cluster: IConstruct, kind: 'namespace' | 'flow', name: string, holder: IConstruct): void {
  claimsOf(cluster).set(`${kind}/${name}`, holder);
}
