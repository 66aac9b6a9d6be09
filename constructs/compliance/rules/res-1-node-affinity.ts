import { TOPOLOGY_KEYS } from '../../core';
import { listField, mapField, podSpecOf, WORKLOAD_TYPES } from '../kubernetes-facts';
import type { Resource } from '../model';
import type { Outcome, ResourceRule, RuleContext } from '../rule';
import { kubernetesLevelUnknown } from './helpers';
import { judgeSitePlacement, type TopologyRequirement } from './site-placement';

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
  check(workload: Resource, { profile }: RuleContext): Outcome {
    const level = workload.classification?.level;
    if (!level) {
      return kubernetesLevelUnknown(workload, { en: 'where its pods may run', fr: "où ses pods peuvent s'exécuter" });
    }
    return judgeSitePlacement(
      profile,
      level,
      requiredNodeTopology(podSpecOf(workload)),
      { what: { en: 'the pods', fr: 'les pods' }, verb: { en: 'run', fr: "peuvent s'exécuter" } },
      (allowed) => ({
        en: `Require node affinity ${allowed} in requiredDuringSchedulingIgnoredDuringExecution (HardenedWorkload does it)`,
        fr: `Exiger l'affinité de nœud ${allowed} dans requiredDuringSchedulingIgnoredDuringExecution (HardenedWorkload le fait)`,
      }),
    );
  },
};
