import { TAG_KEYS } from '../../core';
import { describeNamespace, K8S, namespaceResourceOf, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/**
 * CLS-1: a workload (or volume claim) whose namespace the input does not declare carries its
 * own classification label; in a declared namespace, the namespace's finding covers it.
 */
export const cls1WorkloadLabel: ResourceRule = {
  id: 'CLS-1/workload-label',
  control: 'CLS-1',
  scope: 'resource',
  title: {
    en: 'Workloads outside a declared namespace carry a classification level',
    fr: "Les charges de travail hors d'un espace de noms déclaré portent un niveau de classification",
  },
  description: `A workload or PersistentVolumeClaim takes its level from its own ${TAG_KEYS.classification} label, else from its namespace's. When the input does not declare its namespace (e.g. the output of helm template), it must carry the label itself; with --classification the level is assumed and the finding is a warning.`,
  remediation: {
    en: `Label the workload with ${TAG_KEYS.classification}, or check it together with its namespace`,
    fr: `Poser sur la charge de travail le label ${TAG_KEYS.classification}, ou la vérifier avec son espace de noms`,
  },
  appliesTo: [...WORKLOAD_TYPES, K8S.persistentVolumeClaim],
  observes: ['level', 'origin'],
  observe(workload: Resource) {
    return evidenceOf({
      level: workload.classification?.level,
      origin: workload.classification?.origin,
      label: workload.tags[TAG_KEYS.classification],
      namespace: workload.kubernetes?.namespace,
    });
  },
  check(workload: Resource, { input }: RuleContext): Outcome {
    const c = workload.classification;
    if (c && c.origin !== 'assumed') return 'pass';
    if (!workload.classificationProblem && namespaceResourceOf(workload, input)) return 'not-applicable';
    const ns = workload.kubernetes?.namespace;
    const described = describeNamespace(ns);
    const where =
      ns === undefined
        ? { en: 'it names no namespace', fr: 'il ne nomme aucun espace de noms' }
        : {
            en: `${described.en} is not declared in the input`,
            fr: `${described.fr} n'est pas déclaré parmi les artefacts vérifiés`,
          };
    const missing = {
      en: `no ${TAG_KEYS.classification} label on the object, and ${where.en}`,
      fr: `aucun label ${TAG_KEYS.classification} sur l'objet, et ${where.fr}`,
    };
    if (c) {
      return fail(
        {
          en: `${missing.en}: level '${c.level}' assumed from --classification`,
          fr: `${missing.fr} : niveau '${c.level}' supposé d'après --classification`,
        },
        { severity: 'warning' },
      );
    }
    return fail(workload.classificationProblem ?? missing);
  },
};
