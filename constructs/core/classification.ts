/**
 * Data classification levels, from least to most restricted.
 *
 * The same five levels serve every jurisdiction; a profile decides where each may be
 * hosted and who must hold its keys.
 */
export const CLASSIFICATION_LEVELS = ['public', 'internal', 'personal', 'sensitive', 'secret'] as const;

/** A data classification level. */
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];

/** True if `value` is one of {@link CLASSIFICATION_LEVELS}. */
export function isClassificationLevel(value: unknown): value is ClassificationLevel {
  return typeof value === 'string' && (CLASSIFICATION_LEVELS as readonly string[]).includes(value);
}

/** Position of a level in {@link CLASSIFICATION_LEVELS} (0 = public). */
export function classificationRank(level: ClassificationLevel): number {
  return CLASSIFICATION_LEVELS.indexOf(level);
}

/** True if `level` is at least as restricted as `minimum`. */
export function isAtLeast(level: ClassificationLevel, minimum: ClassificationLevel): boolean {
  return classificationRank(level) >= classificationRank(minimum);
}

/** The most restricted of the given levels (e.g. of the data stores a workload touches). */
export function mostRestricted(levels: readonly ClassificationLevel[]): ClassificationLevel | undefined {
  let result: ClassificationLevel | undefined;
  for (const level of levels) {
    if (result === undefined || classificationRank(level) > classificationRank(result)) result = level;
  }
  return result;
}
