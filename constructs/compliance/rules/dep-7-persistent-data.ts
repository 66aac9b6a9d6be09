import { TAG_KEYS } from '../../core';
import { claimNames, claimsPersistentVolume, DATA_TIER, isDataTier } from '../deployability/workloads';
import { K8S, namespaceOf } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/** DEP-7: a data-tier Deployment or StatefulSet keeps its data on a persistent volume claim. */
export const dep7PersistentData: ResourceRule = {
  id: 'DEP-7/persistent-data',
  control: 'DEP-7',
  scope: 'resource',
  title: {
    en: 'Data-tier workloads keep their data on persistent volumes',
    fr: 'Les charges de travail du tiers de données conservent leurs données sur des volumes persistants',
  },
  description: `A Deployment or StatefulSet of the data tier (${TAG_KEYS.tier}: data on its namespace, itself or its pod template) has a PersistentVolumeClaim: volumeClaimTemplates, or a persistentVolumeClaim volume in its pod template. Without one its data lives in the container or an emptyDir, and is lost when the pod is rescheduled.`,
  remediation: {
    en: 'Give the workload a PersistentVolumeClaim (a StatefulSet with volumeClaimTemplates, or a claim volume) mounted where it keeps its data',
    fr: 'Donner à la charge de travail un PersistentVolumeClaim (un StatefulSet avec volumeClaimTemplates, ou un volume de revendication) monté là où elle garde ses données',
  },
  appliesTo: [K8S.deployment, K8S.statefulSet],
  observes: ['tier', 'persistentVolumeClaim'],
  observe(workload: Resource, { input }: RuleContext) {
    const claims = claimNames(workload);
    return evidenceOf({
      namespace: namespaceOf(workload),
      tier: isDataTier(workload, input) ? DATA_TIER : undefined,
      persistentVolumeClaim: claimsPersistentVolume(workload),
      claims: claims.length ? claims.slice(0, 20) : undefined,
    });
  },
  check(workload: Resource, { input }: RuleContext): Outcome {
    if (!isDataTier(workload, input)) return 'not-applicable';
    if (claimsPersistentVolume(workload)) return 'pass';
    const kind = workload.type.split('/').pop();
    return fail({
      en: `this ${kind} of the data tier has no PersistentVolumeClaim (no volumeClaimTemplates, no persistentVolumeClaim volume): its data is lost whenever its pod is replaced`,
      fr: `ce ${kind} du tiers de données n'a aucun PersistentVolumeClaim (ni volumeClaimTemplates, ni volume persistentVolumeClaim) : ses données sont perdues à chaque remplacement de son pod`,
    });
  },
};
