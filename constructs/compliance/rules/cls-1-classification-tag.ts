import { CLASSIFICATION_LEVELS, TAG_KEYS } from '../../core';
import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/** CLS-1: every taggable resource carries a classification, its own or its stack's. */
export const cls1ClassificationTag: ResourceRule = {
  id: 'CLS-1/classification-tag',
  control: 'CLS-1',
  scope: 'resource',
  title: {
    en: 'Every resource carries a classification level',
    fr: 'Chaque ressource porte un niveau de classification',
  },
  description: `Every taggable resource carries the tag ${TAG_KEYS.classification} with a level of the profile, itself or through its stack's tags. With --classification the level is assumed and the finding is a warning.`,
  remediation: {
    en: `Tag the resource or its stack with ${TAG_KEYS.classification}: ${CLASSIFICATION_LEVELS.join(' | ')} (a SovereignStack does it)`,
    fr: `Baliser la ressource ou sa pile avec ${TAG_KEYS.classification} : ${CLASSIFICATION_LEVELS.join(' | ')} (une SovereignStack le fait)`,
  },
  appliesTo: 'taggable',
  observes: ['level', 'origin'],
  observe(resource: Resource) {
    return evidenceOf({
      level: resource.classification?.level,
      origin: resource.classification?.origin,
      // The resource's own tag as written (e.g. a level the profile does not know).
      tag: resource.tags[TAG_KEYS.classification],
    });
  },
  check(resource: Resource): Outcome {
    const c = resource.classification;
    if (c && c.origin !== 'assumed') return 'pass';
    if (c) {
      return fail(
        {
          en: `no ${TAG_KEYS.classification} tag: level '${c.level}' assumed from --classification`,
          fr: `aucune balise ${TAG_KEYS.classification} : niveau '${c.level}' supposé d'après --classification`,
        },
        { severity: 'warning' },
      );
    }
    return fail(
      resource.classificationProblem ?? {
        en: `no ${TAG_KEYS.classification} tag on the resource or its stack`,
        fr: `aucune balise ${TAG_KEYS.classification} sur la ressource ni sur sa pile`,
      },
    );
  },
};
