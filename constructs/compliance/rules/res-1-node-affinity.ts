import { TOPOLOGY_KEYS, type LocalizedText } from '../../core';
import { isUnresolved } from '../normalize/intrinsics';
import {
  isAbsent,
  listField,
  mapField,
  podTemplateOf,
  WORKLOAD_TYPES,
  wrongShape,
} from '../normalize/kubernetes-facts';
import { isJsonObject } from '../read/kubernetes-source';
import type { Resource } from '../normalize/model';
import { cannotProve, combine, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { kubernetesLevelUnknown } from './helpers';
import { judgeSitePlacement, sitePlacementEvidence, type TopologyRequirement } from './site-placement';
import { evidenceOf } from '../judge/evidence';

/** The alternatives of the pods' required placement: affinity terms (ORed), each ANDed with the nodeSelector. */
export function requiredNodeTopology(podSpec: Record<string, unknown> | undefined): TopologyRequirement[][] {
  const selector: TopologyRequirement[] = Object.entries(mapField(podSpec, 'nodeSelector')).map(([key, value]) => ({
    key,
    operator: 'In',
    values: [value],
  }));
  const terms = listField(
    podSpec,
    'affinity',
    'nodeAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
    'nodeSelectorTerms',
  ).map((term) =>
    listField(term, 'matchExpressions').map((e) => ({ key: e.key, operator: e.operator, values: e.values })),
  );
  if (!terms.length) return selector.length ? [selector] : [];
  return terms.map((term) => [...term, ...selector]);
}

const REFUSED = { en: 'the API server refuses the object', fr: "le serveur d'API refuse l'objet" };
const expected = (en: string, fr: string): LocalizedText => ({
  en: `${en} (${REFUSED.en})`,
  fr: `${fr} (${REFUSED.fr})`,
});

/**
 * What of the pods' required placement has the wrong shape (the nodeSelector's values, the
 * required terms and their expressions): read as they are, they would drop out of the
 * alternatives, and a placement could pass on what the API server never accepts.
 */
export function nodeTopologyProblems(podSpec: Record<string, unknown>, path: string): LocalizedText[] {
  const problems: LocalizedText[] = [];
  for (const [key, value] of Object.entries(mapField(podSpec, 'nodeSelector'))) {
    if (typeof value !== 'string' && !isUnresolved(value)) {
      problems.push(wrongShape(`${path}.nodeSelector['${key}']`, value, expected('a string', 'une chaîne')));
    }
  }
  const required = mapField(podSpec, 'affinity', 'nodeAffinity').requiredDuringSchedulingIgnoredDuringExecution;
  if (isAbsent(required)) return problems;
  const at = `${path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
  if (!isJsonObject(required)) return [...problems, wrongShape(at, required, expected('an object', 'un objet'))];
  const terms = required.nodeSelectorTerms;
  if (!Array.isArray(terms)) {
    return isAbsent(terms)
      ? problems
      : [...problems, wrongShape(`${at}.nodeSelectorTerms`, terms, expected('a list', 'une liste'))];
  }
  terms.forEach((term, i) => {
    const termAt = `${at}.nodeSelectorTerms[${i}]`;
    if (!isJsonObject(term)) {
      problems.push(
        wrongShape(
          termAt,
          term,
          expected('an object (a node selector term)', 'un objet (un terme de sélection de nœuds)'),
        ),
      );
      return;
    }
    const expressions = term.matchExpressions;
    if (isAbsent(expressions)) return;
    if (!Array.isArray(expressions)) {
      problems.push(wrongShape(`${termAt}.matchExpressions`, expressions, expected('a list', 'une liste')));
      return;
    }
    expressions.forEach((e, j) => {
      const eAt = `${termAt}.matchExpressions[${j}]`;
      if (!isJsonObject(e))
        problems.push(wrongShape(eAt, e, expected('an object (a requirement)', 'un objet (une exigence)')));
      else if (!isAbsent(e.values) && !Array.isArray(e.values) && !isUnresolved(e.values)) {
        problems.push(wrongShape(`${eAt}.values`, e.values, expected('a list', 'une liste')));
      }
    });
  });
  return problems;
}

/** RES-1: pods of a level kept in-country require nodes of a site that may host it. */
export const res1NodeAffinity: ResourceRule = {
  id: 'RES-1/node-affinity',
  control: 'RES-1',
  scope: 'resource',
  title: {
    en: 'Pods require nodes of a site that may host their level',
    fr: "Les pods exigent des nœuds d'un site autorisé pour leur niveau",
  },
  description: `A workload whose level may live only in some countries requires, in every alternative of its required node affinity (or its nodeSelector), ${TOPOLOGY_KEYS.region} (or ${TOPOLOGY_KEYS.zone}) In values of the profile's sites allowed for the level. A profile that declares no such site cannot prove the placement.`,
  remediation: {
    en: `Require node affinity ${TOPOLOGY_KEYS.region} In the values of an allowed site (HardenedWorkload does it)`,
    fr: `Exiger l'affinité de nœud ${TOPOLOGY_KEYS.region} In les valeurs d'un site autorisé (HardenedWorkload le fait)`,
  },
  appliesTo: WORKLOAD_TYPES,
  observes: ['sites', 'countries', 'level'],
  observe(workload: Resource, { profile }: RuleContext) {
    const level = workload.classification?.level;
    const spec = podTemplateOf(workload)?.spec;
    return evidenceOf({ ...sitePlacementEvidence(profile, level, requiredNodeTopology(spec)), level });
  },
  check(workload: Resource, { profile }: RuleContext): Outcome {
    const pod = podTemplateOf(workload);
    if (!pod) return 'not-applicable';
    const unjudged = [...pod.problems, ...(pod.spec ? nodeTopologyProblems(pod.spec, pod.path) : [])].map((p) =>
      cannotProve(p),
    );
    const level = workload.classification?.level;
    if (!level) {
      return combine([
        ...unjudged,
        kubernetesLevelUnknown(workload, { en: 'where its pods may run', fr: "où ses pods peuvent s'exécuter" }),
      ]);
    }
    // Pods that cannot be read run nobody knows where: their placement is not judged.
    if (unjudged.length) return combine(unjudged);
    return judgeSitePlacement(
      profile,
      level,
      requiredNodeTopology(pod.spec),
      { what: { en: 'the pods', fr: 'les pods' }, verb: { en: 'run', fr: "peuvent s'exécuter" } },
      (allowed) => ({
        en: `Require node affinity ${allowed} in requiredDuringSchedulingIgnoredDuringExecution (HardenedWorkload does it)`,
        fr: `Exiger l'affinité de nœud ${allowed} dans requiredDuringSchedulingIgnoredDuringExecution (HardenedWorkload le fait)`,
      }),
    );
  },
};
