import { TOPOLOGY_KEYS, type ClassificationLevel } from '../../core';
import { K8S, listField, memoized } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import type { Outcome, ResourceRule, RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { storageClassLevel } from './storage-classes';
import { kubernetesLevelUnknown } from './helpers';
import { judgeSitePlacement, sitePlacementEvidence } from './site-placement';

/** The alternatives of the class's allowedTopologies, as topology requirements. */
function allowedTopologies(storageClass: Resource) {
  return listField(storageClass.properties, 'allowedTopologies').map((term) =>
    listField(term, 'matchLabelExpressions').map((e) => ({ key: e.key, operator: 'In', values: e.values })),
  );
}

/** The level of the class's data, found once per input for the check and its evidence (it scans the cluster's claims). */
function dataLevel(storageClass: Resource, { input }: RuleContext): ClassificationLevel | undefined {
  const levels = memoized(input, 'res2StorageClassLevels', () => new Map<Resource, ClassificationLevel | undefined>());
  if (!levels.has(storageClass)) levels.set(storageClass, storageClassLevel(storageClass, input));
  return levels.get(storageClass);
}

/** RES-2: a storage class provisions volumes only on sites that may host its data. */
export const res2StorageClassTopology: ResourceRule = {
  id: 'RES-2/storage-class-topology',
  control: 'RES-2',
  scope: 'resource',
  title: {
    en: 'Storage classes provision volumes only on allowed sites',
    fr: 'Les classes de stockage ne provisionnent des volumes que sur des sites autorisés',
  },
  description: `A StorageClass whose data (its own label, or the most restricted level of the claims of the input that use it) may live only in some countries restricts provisioning with allowedTopologies to ${TOPOLOGY_KEYS.region} (or ${TOPOLOGY_KEYS.zone}) values of the profile's sites allowed for that level, so that no volume, and no copy of it, is made elsewhere.`,
  remediation: {
    en: `Set allowedTopologies to ${TOPOLOGY_KEYS.region} In the values of an allowed site (EncryptedStorageClass does it)`,
    fr: `Définir allowedTopologies à ${TOPOLOGY_KEYS.region} In les valeurs d'un site autorisé (EncryptedStorageClass le fait)`,
  },
  appliesTo: [K8S.storageClass],
  observes: ['sites', 'countries', 'level'],
  observe(storageClass: Resource, context: RuleContext) {
    const level = dataLevel(storageClass, context);
    return evidenceOf({ ...sitePlacementEvidence(context.profile, level, allowedTopologies(storageClass)), level });
  },
  check(storageClass: Resource, context: RuleContext): Outcome {
    const { profile } = context;
    const level = dataLevel(storageClass, context);
    if (!level) {
      return kubernetesLevelUnknown(storageClass, {
        en: 'where its volumes may be provisioned',
        fr: 'où ses volumes peuvent être provisionnés',
      });
    }
    return judgeSitePlacement(
      profile,
      level,
      allowedTopologies(storageClass),
      {
        what: { en: 'its volumes', fr: 'ses volumes' },
        verb: { en: 'be provisioned', fr: 'peuvent être provisionnés' },
      },
      (allowed) => ({
        en: `Set allowedTopologies to matchLabelExpressions ${allowed} (EncryptedStorageClass does it)`,
        fr: `Définir allowedTopologies à matchLabelExpressions ${allowed} (EncryptedStorageClass le fait)`,
      }),
    );
  },
};
