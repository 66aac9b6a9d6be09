import { K8S, mapField } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule } from '../judge/rule';
import { isUnresolved, type Unresolved } from '../normalize/intrinsics';
import { evidenceOf } from '../judge/evidence';

/**
 * StorageClass parameters that turn encryption at rest on, by the CSI driver's own word:
 * `encrypted: "true"` (ceph-csi RBD/CephFS, Longhorn, AWS EBS, OpenEBS…), Portworx's
 * `secure: "true"`, GCE PD's `disk-encryption-kms-key`, Azure Disk's `diskEncryptionSetID`.
 */
export function storageClassEncryption(storageClass: Resource): string | undefined {
  const parameters = mapField(storageClass.properties, 'parameters');
  const flag = (key: string) => String(parameters[key] ?? '').toLowerCase() === 'true';
  if (flag('encrypted')) return 'encrypted: "true"';
  if (flag('secure')) return 'secure: "true"';
  for (const key of ['disk-encryption-kms-key', 'diskEncryptionSetID']) {
    if (typeof parameters[key] === 'string' && parameters[key] !== '') return key;
  }
  return undefined;
}

/** ENC-1: every storage class declares encryption at rest. */
export const enc1StorageClassEncryption: ResourceRule = {
  id: 'ENC-1/storage-class-encryption',
  control: 'ENC-1',
  scope: 'resource',
  title: {
    en: 'Storage classes encrypt their volumes',
    fr: 'Les classes de stockage chiffrent leurs volumes',
  },
  description:
    'A StorageClass turns encryption at rest on in its parameters: encrypted: "true" (ceph-csi, Longhorn, and most CSI drivers), or the driver\'s equivalent (Portworx secure: "true", GCE PD disk-encryption-kms-key, Azure Disk diskEncryptionSetID).',
  remediation: {
    en: 'Set the CSI driver\'s encryption parameters, e.g. encrypted: "true" (EncryptedStorageClass does it)',
    fr: 'Définir les paramètres de chiffrement du pilote CSI, par exemple encrypted: "true" (EncryptedStorageClass le fait)',
  },
  appliesTo: [K8S.storageClass],
  observes: ['encryption'],
  observe(storageClass: Resource) {
    return evidenceOf({
      encryption: storageClassEncryption(storageClass),
      provisioner: storageClass.properties.provisioner,
    });
  },
  check(storageClass: Resource): Outcome {
    if (storageClassEncryption(storageClass)) return 'pass';
    const unknown = Object.entries(mapField(storageClass.properties, 'parameters')).find(([, v]) => isUnresolved(v));
    if (unknown) {
      return cannotProve(
        unknownValue(`parameter '${unknown[0]}'`, `le paramètre '${unknown[0]}'`, unknown[1] as Unresolved),
      );
    }
    const provisioner = storageClass.properties.provisioner;
    const named = typeof provisioner === 'string' ? `'${provisioner}'` : undefined;
    return fail({
      en: `the parameters of provisioner ${named ?? '(none)'} do not turn encryption at rest on`,
      fr: `les paramètres du provisionneur ${named ?? '(aucun)'} n'activent pas le chiffrement au repos`,
    });
  },
};
