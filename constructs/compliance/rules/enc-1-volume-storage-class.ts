import { isUnresolved } from '../intrinsics';
import { claimedStorageClasses, K8S, nameOf, storageClassNamed, WORKLOAD_TYPES } from '../kubernetes-facts';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { storageClassEncryption } from './enc-1-storage-class-encryption';

/** ENC-1: the volumes a namespace claims come from a storage class of the input that encrypts them. */
export const enc1VolumeStorageClass: ResourceRule = {
  id: 'ENC-1/volume-storage-class',
  control: 'ENC-1',
  scope: 'resource',
  title: 'Volume claims use an encrypting storage class',
  description:
    'Each PersistentVolumeClaim, StatefulSet volume claim template and ephemeral volume names a StorageClass of the same cluster (or relies on its default class) that declares encryption. A class outside the input, or a claim of a pre-provisioned volume (storageClassName ""), cannot prove the volume\'s encryption.',
  remediation: 'Claim volumes from an encrypting StorageClass declared with the cluster (EncryptedStorageClass)',
  appliesTo: [K8S.persistentVolumeClaim, ...WORKLOAD_TYPES],
  check(claimant: Resource, { input }: RuleContext): Outcome {
    const claims = claimedStorageClasses(claimant);
    if (!claims.length) return 'not-applicable';
    return combine(
      claims.map((name): Outcome => {
        if (isUnresolved(name)) return cannotProve(`the storage class of a claim is ${name.describe()}`);
        if (name === '') {
          return cannotProve(
            'a claim binds a pre-provisioned volume (storageClassName ""), whose encryption is not in the input',
          );
        }
        const storageClass = storageClassNamed(claimant, input, name);
        if (!storageClass) {
          return cannotProve(
            name === null
              ? 'a claim relies on the default storage class, and the input declares none'
              : `a claim uses storage class '${name}', which the input does not declare`,
          );
        }
        return storageClassEncryption(storageClass)
          ? 'pass'
          : fail(`a claim uses storage class '${nameOf(storageClass)}', which does not declare encryption at rest`);
      }),
    );
  },
};
