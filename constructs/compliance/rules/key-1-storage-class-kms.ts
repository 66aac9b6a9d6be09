import { K8S, mapField, memoized } from '../normalize/kubernetes-facts';
import type { CheckInput, Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { kubernetesLevelUnknown } from './helpers';
import { storageClassLevel } from './storage-classes';
import { isUnresolved } from '../normalize/intrinsics';
import { evidenceOf } from '../judge/evidence';

/** The StorageClass parameter that names the key manager of its volumes (ceph-csi). */
export const KMS_ID_PARAMETER = 'encryptionKMSID';

/** The class's level, computed once for the check and its evidence (it reads every claim of the cluster). */
function levelOfClass(storageClass: Resource, input: CheckInput) {
  return memoized(storageClass, 'key1StorageClassLevel', () => storageClassLevel(storageClass, input));
}

/** KEY-1: volumes of data whose keys only the customer may know get them from an allowlisted in-country key manager. */
export const key1StorageClassKms: ResourceRule = {
  id: 'KEY-1/storage-class-kms',
  control: 'KEY-1',
  scope: 'resource',
  title: {
    en: 'Volume keys of sensitive data come from an in-country key manager',
    fr: "Les clés des volumes de données sensibles proviennent d'un gestionnaire de clés situé dans le pays",
  },
  description: `A StorageClass holding data of a level whose key custody is 'customer-exclusive' (its own label, or the most restricted level of the claims that use it) names its key manager in ${KMS_ID_PARAMETER} (ceph-csi), and the id is on the profile's allowlists.inCountryKmsIds. Without an allowlist, the key manager's location cannot be proven.`,
  remediation: {
    en: `Set ${KMS_ID_PARAMETER} to an in-country key manager of the profile's allowlists.inCountryKmsIds (EncryptedStorageClass with ceph-rbd and kmsId does it)`,
    fr: `Définir ${KMS_ID_PARAMETER} sur un gestionnaire de clés situé dans le pays et inscrit dans allowlists.inCountryKmsIds du profil (EncryptedStorageClass avec ceph-rbd et kmsId le fait)`,
  },
  appliesTo: [K8S.storageClass],
  observes: ['level', 'keyCustody', 'kmsId', 'allowedKmsIds'],
  observe(storageClass: Resource, { profile, input }: RuleContext) {
    const level = levelOfClass(storageClass, input);
    return evidenceOf({
      level,
      keyCustody: level && profile.levels[level].keyCustody,
      kmsId: mapField(storageClass.properties, 'parameters')[KMS_ID_PARAMETER],
      allowedKmsIds: profile.allowlists.inCountryKmsIds,
    });
  },
  check(storageClass: Resource, { profile, input }: RuleContext): Outcome {
    const level = levelOfClass(storageClass, input);
    if (!level) {
      return kubernetesLevelUnknown(storageClass, {
        en: 'whether its volume keys must be known only to the customer',
        fr: 'que les clés de ses volumes doivent être connues du seul client',
      });
    }
    if (profile.levels[level].keyCustody !== 'customer-exclusive') return 'not-applicable';
    const kmsId = mapField(storageClass.properties, 'parameters')[KMS_ID_PARAMETER];
    if (isUnresolved(kmsId)) return cannotProve(unknownValue(KMS_ID_PARAMETER, KMS_ID_PARAMETER, kmsId));
    if (typeof kmsId !== 'string' || kmsId === '') {
      return fail({
        en: `level '${level}' needs volume keys known only to the customer, and the class names no key manager (${KMS_ID_PARAMETER})`,
        fr: `le niveau '${level}' exige des clés de volume connues du seul client, et la classe ne désigne aucun gestionnaire de clés (${KMS_ID_PARAMETER})`,
      });
    }
    const allowed = profile.allowlists.inCountryKmsIds;
    if (!allowed.length) {
      return cannotProve(
        {
          en: `profile '${profile.id}' declares no in-country key managers, so whether '${kmsId}' keeps the keys with the customer cannot be proven`,
          fr: `le profil '${profile.id}' ne déclare aucun gestionnaire de clés situé dans le pays : impossible donc de prouver que '${kmsId}' garde les clés chez le client`,
        },
        {
          remediation: {
            en: "Declare the in-country key managers in the profile's allowlists.inCountryKmsIds",
            fr: 'Déclarer les gestionnaires de clés situés dans le pays dans allowlists.inCountryKmsIds du profil',
          },
        },
      );
    }
    return allowed.includes(kmsId)
      ? 'pass'
      : fail({
          en: `key manager '${kmsId}' is not on the profile's allowlist of in-country key managers (${allowed.join(', ')})`,
          fr: `le gestionnaire de clés '${kmsId}' ne figure pas sur la liste d'autorisation du profil des gestionnaires de clés situés dans le pays (${allowed.join(', ')})`,
        });
  },
};
