import { CLASSIFICATION_LEVELS, TAG_KEYS } from '../../core';
import { K8S, nameOf } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/** CLS-1: every Kubernetes namespace carries a classification label; its objects inherit it. */
export const cls1NamespaceLabel: ResourceRule = {
  id: 'CLS-1/namespace-label',
  control: 'CLS-1',
  scope: 'resource',
  title: {
    en: 'Every namespace carries a classification level',
    fr: 'Chaque espace de noms porte un niveau de classification',
  },
  description: `Every Namespace carries the label ${TAG_KEYS.classification} with a level of the profile; the objects in it inherit the level unless they carry their own label. With --classification the level is assumed and the finding is a warning.`,
  remediation: {
    en: `Label the namespace with ${TAG_KEYS.classification}: ${CLASSIFICATION_LEVELS.join(' | ')} (a SovereignNamespace does it)`,
    fr: `Poser sur l'espace de noms le label ${TAG_KEYS.classification} : ${CLASSIFICATION_LEVELS.join(' | ')} (un SovereignNamespace le fait)`,
  },
  appliesTo: [K8S.namespace],
  observes: ['level', 'origin'],
  observe(namespace: Resource) {
    return evidenceOf({
      namespace: nameOf(namespace),
      level: namespace.classification?.level,
      origin: namespace.classification?.origin,
      label: namespace.tags[TAG_KEYS.classification],
    });
  },
  check(namespace: Resource): Outcome {
    const c = namespace.classification;
    if (c && c.origin !== 'assumed') return 'pass';
    if (c) {
      return fail(
        {
          en: `no ${TAG_KEYS.classification} label: level '${c.level}' assumed from --classification`,
          fr: `aucun label ${TAG_KEYS.classification} : niveau '${c.level}' supposé d'après --classification`,
        },
        { severity: 'warning' },
      );
    }
    return fail(
      namespace.classificationProblem ?? {
        en: `no ${TAG_KEYS.classification} label on the namespace`,
        fr: `aucun label ${TAG_KEYS.classification} sur l'espace de noms`,
      },
    );
  },
};
