import { CLASSIFICATION_LEVELS, TAG_KEYS } from '../../core';
import type { Resource } from '../model';
import { fail, type Outcome, type ResourceRule } from '../rule';

/** CLS-1: every taggable resource carries a classification, its own or its stack's. */
export const cls1ClassificationTag: ResourceRule = {
  id: 'CLS-1/classification-tag',
  control: 'CLS-1',
  scope: 'resource',
  title: 'Every resource carries a classification level',
  description: `Every taggable resource carries the tag ${TAG_KEYS.classification} with a level of the profile, itself or through its stack's tags. With --classification the level is assumed and the finding is a warning.`,
  remediation: `Tag the resource or its stack with ${TAG_KEYS.classification}: ${CLASSIFICATION_LEVELS.join(' | ')} (a SovereignStack does it)`,
  appliesTo: 'taggable',
  check(resource: Resource): Outcome {
    const c = resource.classification;
    if (c && c.origin !== 'assumed') return 'pass';
    if (c) {
      return fail(`no ${TAG_KEYS.classification} tag: level '${c.level}' assumed from --classification`, {
        severity: 'warning',
      });
    }
    return fail(resource.classificationProblem ?? `no ${TAG_KEYS.classification} tag on the resource or its stack`);
  },
};
