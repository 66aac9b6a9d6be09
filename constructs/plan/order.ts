import { SovereignLzError } from '../core';

/** Something with an id and the ids it must come after. */
export interface Ordered {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

/**
 * Orders items so that each comes after what it depends on, keeping the given order wherever
 * the dependencies allow (the earliest ready item goes first): the order of the manifest, as
 * the CDK CLI deploys. Dependencies on ids not among the items are ignored. Throws a
 * {@link SovereignLzError} naming the items of a dependency cycle.
 */
export function dependencyOrder<T extends Ordered>(items: readonly T[], where: string): T[] {
  const ids = new Set(items.map((i) => i.id));
  const done = new Set<string>();
  const result: T[] = [];
  const pending = [...items];
  while (pending.length) {
    const next = pending.findIndex((i) => i.dependsOn.every((d) => !ids.has(d) || done.has(d)));
    if (next < 0) {
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${where}: dependency cycle among ${pending.map((i) => `'${i.id}'`).join(', ')}`,
      );
    }
    const [item] = pending.splice(next, 1);
    done.add(item.id);
    result.push(item);
  }
  return result;
}
