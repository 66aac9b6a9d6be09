import { SovereignLzError, suppressionProblems, type Suppression, type SuppressionScope } from '../../core';
import type { ReadSuppression } from '../normalize/model';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a list of suppressions (`{id, reason, expires?}`, and `resources` for a template-wide
 * one) as written in any artifact, keeping what is wrong with each: a suppression with a
 * problem still travels with its resource, so that the finding it meant to waive says why it
 * does not hold. An entry without an `id` waives nothing and is dropped.
 */
export function readSuppressionList(
  list: unknown,
  where: string,
  scope: SuppressionScope = 'resource',
): ReadSuppression[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new SovereignLzError('INPUT_INVALID', `${where}: suppressions must be a list`);
  return list.flatMap((entry: unknown, i: number): ReadSuppression[] => {
    if (!isObject(entry) || typeof entry.id !== 'string') return [];
    const problems = suppressionProblems([entry], scope).map((p) => p.replace('suppressions[0]', `suppressions[${i}]`));
    const resources = Array.isArray(entry.resources)
      ? entry.resources.filter((r): r is string => typeof r === 'string')
      : undefined;
    const suppression: Suppression = {
      id: entry.id,
      reason: typeof entry.reason === 'string' ? entry.reason : '',
      ...(typeof entry.expires === 'string' ? { expires: entry.expires } : {}),
      ...(resources ? { resources } : {}),
    };
    return [{ suppression, problems, scope }];
  });
}

/**
 * The template-wide suppressions that reach a resource: those whose `resources` name it, and
 * those that name none (invalid: they reach every resource so that each finding says why the
 * suppression does not hold, never to waive it).
 */
export function templateSuppressionsOf(id: string, suppressions: readonly ReadSuppression[]): ReadSuppression[] {
  return suppressions.filter((s) => s.problems.length > 0 || (s.suppression.resources ?? []).includes(id));
}
