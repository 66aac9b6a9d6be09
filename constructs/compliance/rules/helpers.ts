import {
  CLASSIFICATION_LEVELS,
  decidePlacement,
  TAG_KEYS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type PlacementDecision,
} from '../../core';
import type { Resource } from '../model';
import { cannotProve, type Problem } from '../rule';

/** Shared pieces of the rules: classification, placement, wording. */

/** The resource's effective level, if any. */
export function levelOf(resource: Resource): ClassificationLevel | undefined {
  return resource.classification?.level;
}

/** Why the level is unknown, in words. */
export function unknownLevelReason(resource: Resource): string {
  return (
    resource.classificationProblem ??
    `no ${TAG_KEYS.classification} tag on the resource or its stack, and no --classification`
  );
}

/** `cannot-prove` because the decision depends on a level that is unknown. */
export function levelUnknown(resource: Resource, what: string): Problem {
  return cannotProve(`its classification is unknown (${unknownLevelReason(resource)}), so ${what} cannot be proven`, {
    remediation: `Tag it (or its stack) with ${TAG_KEYS.classification}: ${CLASSIFICATION_LEVELS.join(' | ')}`,
  });
}

/** May data of `level` live in AWS region `region` under `profile`? */
export function placeInRegion(
  profile: JurisdictionProfile,
  level: ClassificationLevel,
  region: string,
): PlacementDecision {
  return decidePlacement(profile, level, { kind: 'cloud-region', region });
}

/** True if the level may live anywhere, so that an unknown region proves nothing wrong. */
export function mayLiveAnywhere(profile: JurisdictionProfile, level: ClassificationLevel): boolean {
  const policy = profile.levels[level];
  return policy.hostCountries === '*' && policy.cloudRegions === undefined;
}

/** The colon-separated parts of an ARN, keeping `${AWS::AccountId}`-style placeholders whole. */
function arnParts(arn: string): string[] | undefined {
  const parts = arn
    .replace(/\$\{[^}]*\}/g, (m) => m.replace(/:/g, '\u0000'))
    .split(':')
    .map((p) => p.replace(/\u0000/g, ':'));
  return parts.length >= 6 && parts[0] === 'arn' ? parts : undefined;
}

/** The region of an ARN (`arn:aws:backup:eu-west-3:…`), or undefined if it has none or is not an ARN. */
export function arnRegion(arn: string): string | undefined {
  return arnParts(arn)?.[3] || undefined;
}

/** The account of an ARN (possibly a placeholder such as `${AWS::AccountId}`), or undefined. */
export function arnAccount(arn: string): string | undefined {
  return arnParts(arn)?.[4] || undefined;
}

/**
 * Judges a copy of the resource's data to `region` (RES-2): allowed for its level, or a
 * problem. `region` undefined means the destination's region is unknown (`why`).
 */
export function judgeCopyRegion(
  profile: JurisdictionProfile,
  resource: Resource,
  what: string,
  region: string | undefined,
  why: string,
): Problem | undefined {
  const level = levelOf(resource);
  if (level && mayLiveAnywhere(profile, level)) return undefined;
  if (region === undefined) {
    return cannotProve(`${what}: the region of the destination is unknown (${why})`, {
      source: level ? profile.levels[level].source : undefined,
    });
  }
  if (!level) return levelUnknown(resource, `whether ${what} in '${region}' is allowed`);
  const decision = placeInRegion(profile, level, region);
  if (decision.status === 'allowed') return undefined;
  return {
    status: decision.status === 'denied' ? 'fail' : 'cannot-prove',
    message: `${what}: ${decision.reason}`,
    source: decision.source,
    remediation: decision.remedy ? `${decision.remedy}, or remove the copy` : undefined,
  };
}
