import { TOPOLOGY_KEYS } from '../../core';
import { K8S, listField } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import type { Outcome, ResourceRule, RuleContext } from '../judge/rule';
import { storageClassLevel } from './storage-classes';
import { kubernetesLevelUnknown } from './helpers';
import { judgeSitePlacement } from './site-placement';

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
  check(storageClass: Resource, { profile, input }: RuleContext): Outcome {
    const level = storageClassLevel(storageClass, input);
    if (!level) {
      return kubernetesLevelUnknown(storageClass, {
        en: 'where its volumes may be provisioned',
        fr: 'où ses volumes peuvent être provisionnés',
      });
    }
    const terms = listField(storageClass.properties, 'allowedTopologies').map((term) =>
      listField(term, 'matchLabelExpressions').map((e) => ({ key: e.key, operator: 'In', values: e.values })),
    );
    return judgeSitePlacement(
      profile,
      level,
      terms,
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
