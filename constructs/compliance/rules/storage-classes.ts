import { mostRestricted, type ClassificationLevel } from '../../core';
import { isUnresolved } from '../normalize/intrinsics';
import { claimedStorageClasses, clusterOf, storageClassNamed } from '../normalize/kubernetes-facts';
import type { CheckInput, Resource } from '../normalize/model';

/**
 * The level of a StorageClass's data: its own label (or --classification), raised to the most
 * restricted level of the claims of its cluster that use it (a class is cluster-wide, and a
 * namespace of sensitive data may use a class labelled for less).
 */
export function storageClassLevel(storageClass: Resource, input: CheckInput): ClassificationLevel | undefined {
  const levels: ClassificationLevel[] = [];
  if (storageClass.classification) levels.push(storageClass.classification.level);
  for (const user of clusterOf(storageClass, input)?.objects ?? []) {
    const level = user.classification?.level;
    if (!level || user === storageClass) continue;
    const uses = claimedStorageClasses(user).some(
      (name) => !isUnresolved(name) && storageClassNamed(user, input, name) === storageClass,
    );
    if (uses) levels.push(level);
  }
  return mostRestricted(levels);
}
