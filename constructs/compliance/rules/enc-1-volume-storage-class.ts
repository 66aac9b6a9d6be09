import { isUnresolved } from '../normalize/intrinsics';
import { claimedStorageClasses, K8S, nameOf, storageClassNamed, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import {
  cannotProve,
  combine,
  fail,
  unknownValue,
  type Outcome,
  type ResourceRule,
  type RuleContext,
} from '../judge/rule';
import { storageClassEncryption } from './enc-1-storage-class-encryption';
import { evidenceOf, observed } from '../judge/evidence';

/** ENC-1: the volumes a namespace claims come from a storage class of the input that encrypts them. */
export const enc1VolumeStorageClass: ResourceRule = {
  id: 'ENC-1/volume-storage-class',
  control: 'ENC-1',
  scope: 'resource',
  title: {
    en: 'Volume claims use an encrypting storage class',
    fr: 'Les demandes de volume utilisent une classe de stockage qui chiffre',
  },
  description:
    'Each PersistentVolumeClaim, StatefulSet volume claim template and ephemeral volume names a StorageClass of the same cluster (or relies on its default class) that declares encryption. A class outside the input, or a claim of a pre-provisioned volume (storageClassName ""), cannot prove the volume\'s encryption.',
  remediation: {
    en: 'Claim volumes from an encrypting StorageClass declared with the cluster (EncryptedStorageClass)',
    fr: 'Demander les volumes à une StorageClass qui chiffre, déclarée avec le cluster (EncryptedStorageClass)',
  },
  appliesTo: [K8S.persistentVolumeClaim, ...WORKLOAD_TYPES],
  observes: ['storageClasses', 'encryption'],
  observe(claimant: Resource, { input }: RuleContext) {
    // Each class claimed, with its encryption parameter: `none` if it declares none, `unknown` if not in the input.
    const classes = new Map<string, string>();
    for (const name of claimedStorageClasses(claimant)) {
      if (isUnresolved(name)) {
        classes.set(String(observed(name)), 'unknown');
        continue;
      }
      const storageClass = name === '' ? undefined : storageClassNamed(claimant, input, name);
      const shown = (storageClass && nameOf(storageClass)) ?? (name === '' ? '""' : (name ?? 'default'));
      classes.set(shown, storageClass ? (storageClassEncryption(storageClass) ?? 'none') : 'unknown');
    }
    return evidenceOf({ storageClasses: [...classes.keys()], encryption: [...classes.values()] });
  },
  check(claimant: Resource, { input }: RuleContext): Outcome {
    const claims = claimedStorageClasses(claimant);
    if (!claims.length) return 'not-applicable';
    return combine(
      claims.map((name): Outcome => {
        if (isUnresolved(name)) {
          return cannotProve(unknownValue('the storage class of a claim', "la classe de stockage d'une demande", name));
        }
        if (name === '') {
          return cannotProve({
            en: 'a claim binds a pre-provisioned volume (storageClassName ""), whose encryption is not in the input',
            fr: 'une demande lie un volume provisionné à l\'avance (storageClassName ""), dont le chiffrement ne figure pas dans les artefacts vérifiés',
          });
        }
        const storageClass = storageClassNamed(claimant, input, name);
        if (!storageClass) {
          return cannotProve(
            name === null
              ? {
                  en: 'a claim relies on the default storage class, and the input declares none',
                  fr: "une demande s'appuie sur la classe de stockage par défaut, et les artefacts vérifiés n'en déclarent aucune",
                }
              : {
                  en: `a claim uses storage class '${name}', which the input does not declare`,
                  fr: `une demande utilise la classe de stockage '${name}', que les artefacts vérifiés ne déclarent pas`,
                },
          );
        }
        const used = nameOf(storageClass);
        return storageClassEncryption(storageClass)
          ? 'pass'
          : fail({
              en: `a claim uses storage class '${used}', which does not declare encryption at rest`,
              fr: `une demande utilise la classe de stockage '${used}', qui ne déclare pas de chiffrement au repos`,
            });
      }),
    );
  },
};
