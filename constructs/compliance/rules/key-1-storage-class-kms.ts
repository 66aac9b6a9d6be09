import { K8S, mapField } from '../kubernetes-facts';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { kubernetesLevelUnknown } from './site-placement';
import { storageClassLevel } from './storage-classes';
import { isUnresolved } from '../intrinsics';

/** The StorageClass parameter that names the key manager of its volumes (ceph-csi). */
export const KMS_ID_PARAMETER = 'encryptionKMSID';

/** KEY-1: volumes of data whose keys only the customer may know get them from an allowlisted in-country key manager. */
export const key1StorageClassKms: ResourceRule = {
  id: 'KEY-1/storage-class-kms',
  control: 'KEY-1',
  scope: 'resource',
  title: 'Volume keys of sensitive data come from an in-country key manager',
  description: `A StorageClass holding data of a level whose key custody is 'customer-exclusive' (its own label, or the most restricted level of the claims that use it) names its key manager in ${KMS_ID_PARAMETER} (ceph-csi), and the id is on the profile's allowlists.inCountryKmsIds. Without an allowlist, the key manager's location cannot be proven.`,
  remediation: `Set ${KMS_ID_PARAMETER} to an in-country key manager of the profile's allowlists.inCountryKmsIds (EncryptedStorageClass with ceph-rbd and kmsId does it)`,
  appliesTo: [K8S.storageClass],
  check(storageClass: Resource, { profile, input }: RuleContext): Outcome {
    const level = storageClassLevel(storageClass, input);
    if (!level)
      return kubernetesLevelUnknown(storageClass, 'whether its volume keys must be known only to the customer');
    if (profile.levels[level].keyCustody !== 'customer-exclusive') return 'not-applicable';
    const kmsId = mapField(storageClass.properties, 'parameters')[KMS_ID_PARAMETER];
    if (isUnresolved(kmsId)) return cannotProve(`${KMS_ID_PARAMETER} is ${kmsId.describe()}`);
    if (typeof kmsId !== 'string' || kmsId === '') {
      return fail(
        `level '${level}' needs volume keys known only to the customer, and the class names no key manager (${KMS_ID_PARAMETER})`,
      );
    }
    const allowed = profile.allowlists.inCountryKmsIds;
    if (!allowed.length) {
      return cannotProve(
        `profile '${profile.id}' declares no in-country key managers, so whether '${kmsId}' keeps the keys with the customer cannot be proven`,
        { remediation: "Declare the in-country key managers in the profile's allowlists.inCountryKmsIds" },
      );
    }
    return allowed.includes(kmsId)
      ? 'pass'
      : fail(
          `key manager '${kmsId}' is not on the profile's allowlist of in-country key managers (${allowed.join(', ')})`,
        );
  },
};
