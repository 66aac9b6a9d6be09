import {
  CLASSIFICATION_LEVELS,
  decidePlacement,
  decidePlacementText,
  TAG_KEYS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type LocalizedDecision,
  type LocalizedText,
  type PlacementDecision,
} from '../../core';
import type { Resource } from '../normalize/model';
import { cannotProve, type Problem } from '../judge/rule';

/** Shared pieces of the rules: classification, placement, wording. */

/** The resource's effective level, if any. */
export function levelOf(resource: Resource): ClassificationLevel | undefined {
  return resource.classification?.level;
}

/** How a level is given: on AWS resources by tags, on Kubernetes objects by labels. */
interface LevelWording {
  /** Why the level is unknown when the reader says nothing. */
  readonly missing: LocalizedText;
  /** How to give it, before the levels. */
  readonly remedy: LocalizedText;
}

const TAG_WORDING: LevelWording = {
  missing: {
    en: `no ${TAG_KEYS.classification} tag on the resource or its stack, and no --classification`,
    fr: `aucune balise ${TAG_KEYS.classification} sur la ressource ni sur sa pile, et pas de --classification`,
  },
  remedy: {
    en: `Tag it (or its stack) with ${TAG_KEYS.classification}: `,
    fr: `Baliser la ressource (ou sa pile) avec ${TAG_KEYS.classification} : `,
  },
};

const LABEL_WORDING: LevelWording = {
  missing: {
    en: `no ${TAG_KEYS.classification} label on the object or its namespace, and no --classification`,
    fr: `aucun label ${TAG_KEYS.classification} sur l'objet ni sur son espace de noms, et pas de --classification`,
  },
  remedy: {
    en: `Label it (or its namespace) with ${TAG_KEYS.classification}: `,
    fr: `Poser sur l'objet (ou sur son espace de noms) le label ${TAG_KEYS.classification} : `,
  },
};

/** Why the level is unknown, in words. */
export function unknownLevelReason(resource: Resource): LocalizedText {
  return resource.classificationProblem ?? TAG_WORDING.missing;
}

function unknownLevel(resource: Resource, what: LocalizedText, wording: LevelWording): Problem {
  const why = resource.classificationProblem ?? wording.missing;
  const levels = CLASSIFICATION_LEVELS.join(' | ');
  return cannotProve(
    {
      en: `its classification is unknown (${why.en}), so ${what.en} cannot be proven`,
      fr: `sa classification est inconnue (${why.fr}) : impossible donc de prouver ${what.fr}`,
    },
    { remediation: { en: `${wording.remedy.en}${levels}`, fr: `${wording.remedy.fr}${levels}` }, levelUnknown: true },
  );
}

/**
 * `cannot-prove` because the decision depends on a level that is unknown; `what` is what
 * cannot be proven (e.g. `its residency`, `sa résidence`).
 */
export function levelUnknown(resource: Resource, what: LocalizedText): Problem {
  return unknownLevel(resource, what, TAG_WORDING);
}

/** {@link levelUnknown} for a Kubernetes object, whose level is a label of the object or its namespace. */
export function kubernetesLevelUnknown(resource: Resource, what: LocalizedText): Problem {
  return unknownLevel(resource, what, LABEL_WORDING);
}

/** May data of `level` live in AWS region `region` under `profile`? */
export function placeInRegion(
  profile: JurisdictionProfile,
  level: ClassificationLevel,
  region: string,
): PlacementDecision {
  return decidePlacement(profile, level, { kind: 'cloud-region', region });
}

const regionDecisions = new WeakMap<JurisdictionProfile, Map<string, LocalizedDecision>>();

/**
 * {@link placeInRegion}, with the reason and remedy in both languages. Remembered per profile,
 * level and region: every taggable resource asks, and a zone has few levels and regions.
 */
export function placeInRegionText(
  profile: JurisdictionProfile,
  level: ClassificationLevel,
  region: string,
): LocalizedDecision {
  let decisions = regionDecisions.get(profile);
  if (!decisions) regionDecisions.set(profile, (decisions = new Map()));
  const key = `${level} ${region}`;
  let decided = decisions.get(key);
  if (!decided) decisions.set(key, (decided = decidePlacementText(profile, level, { kind: 'cloud-region', region })));
  return decided;
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
 * problem. `what` names the copy (e.g. `S3 replication`, and in French a label without
 * article, `réplication S3`); `region`
 * undefined means the destination's region is unknown (`why`).
 */
export function judgeCopyRegion(
  profile: JurisdictionProfile,
  resource: Resource,
  what: LocalizedText,
  region: string | undefined,
  why: LocalizedText,
): Problem | undefined {
  const level = levelOf(resource);
  if (level && mayLiveAnywhere(profile, level)) return undefined;
  if (region === undefined) {
    return cannotProve(
      {
        en: `${what.en}: the region of the destination is unknown (${why.en})`,
        fr: `${what.fr} : la région de la destination est inconnue (${why.fr})`,
      },
      { source: level ? profile.levels[level].source : undefined },
    );
  }
  if (!level) {
    return levelUnknown(resource, {
      en: `whether ${what.en} in '${region}' is allowed`,
      fr: `que la région '${region}' est autorisée (${what.fr})`,
    });
  }
  const { decision, reason, remedy } = placeInRegionText(profile, level, region);
  if (decision.status === 'allowed') return undefined;
  return {
    status: decision.status === 'denied' ? 'fail' : 'cannot-prove',
    message: { en: `${what.en}: ${reason.en}`, fr: `${what.fr} : ${reason.fr}` },
    source: decision.source,
    remediation: remedy
      ? { en: `${remedy.en}, or remove the copy`, fr: `${remedy.fr}, ou supprimer la copie` }
      : undefined,
  };
}
