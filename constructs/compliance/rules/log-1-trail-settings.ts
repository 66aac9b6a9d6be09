import { bucketNamed, keyHolder, resourcesOfType } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import type { LocalizedText } from '../../core';
import {
  cannotProve,
  combine,
  fail,
  unknownValue,
  type Outcome,
  type ResourceRule,
  type RuleContext,
} from '../judge/rule';
import { bool, show } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

function setting(trail: Resource, name: string, defaultValue: boolean, what: LocalizedText): Outcome {
  const value = bool(trail.properties[name]);
  if (isUnresolved(value)) return cannotProve(unknownValue(name, name, value));
  return (value ?? defaultValue)
    ? 'pass'
    : fail({
        en: `${what.en} (${name} ${value === undefined ? 'not set' : 'false'})`,
        fr: `${what.fr} (${name} ${value === undefined ? 'non défini' : 'vaut false'})`,
      });
}

/** The trail's bucket, in the same template or anywhere in the input. */
function trailBucket(trail: Resource, { input }: RuleContext): Resource | undefined {
  const name = trail.properties.S3BucketName;
  return (
    bucketNamed(name, trail.template) ??
    resourcesOfType(input, 'AWS::S3::Bucket').find((b) => typeof name === 'string' && b.properties.BucketName === name)
  );
}

/** LOG-1: trails log everywhere, with validation, encryption, to a locked bucket. */
export const log1TrailSettings: ResourceRule = {
  id: 'LOG-1/trail-settings',
  control: 'LOG-1',
  scope: 'resource',
  title: {
    en: 'Trails are logging, multi-region, validated, encrypted and locked',
    fr: 'Les journaux de suivi sont actifs, multirégions, validés, chiffrés et verrouillés',
  },
  description:
    'An AWS::CloudTrail::Trail has IsLogging, IsMultiRegionTrail, IncludeGlobalServiceEvents (true when absent) and EnableLogFileValidation true, a KMSKeyId naming a customer-managed key, and writes to a bucket with Object Lock enabled.',
  remediation: {
    en: 'Set IsLogging, IsMultiRegionTrail, IncludeGlobalServiceEvents and EnableLogFileValidation to true, KMSKeyId to a customer-managed key, and write to a bucket with ObjectLockEnabled',
    fr: 'Définir IsLogging, IsMultiRegionTrail, IncludeGlobalServiceEvents et EnableLogFileValidation à true, KMSKeyId sur une clé gérée par le client, et écrire dans un compartiment avec ObjectLockEnabled',
  },
  appliesTo: ['AWS::CloudTrail::Trail'],
  observes: [
    'logging',
    'multiRegion',
    'globalServiceEvents',
    'logFileValidation',
    'key',
    'keyHolder',
    'bucket',
    'objectLock',
  ],
  observe(trail: Resource, context: RuleContext) {
    const flag = (name: string, defaultValue: boolean) => bool(trail.properties[name]) ?? defaultValue;
    const key = trail.properties.KMSKeyId;
    const bucket = trailBucket(trail, context);
    return evidenceOf({
      logging: flag('IsLogging', false),
      multiRegion: flag('IsMultiRegionTrail', false),
      globalServiceEvents: flag('IncludeGlobalServiceEvents', true),
      logFileValidation: flag('EnableLogFileValidation', false),
      key: key ?? 'none',
      keyHolder: keyHolder(key, trail.template) ?? 'none',
      bucket: bucket?.id ?? trail.properties.S3BucketName,
      objectLock: bucket && (bool(bucket.properties.ObjectLockEnabled) ?? false),
    });
  },
  check(trail: Resource, context: RuleContext): Outcome {
    const outcomes: Outcome[] = [
      setting(trail, 'IsLogging', false, {
        en: 'the trail is not logging',
        fr: "le journal de suivi n'enregistre pas",
      }),
      setting(trail, 'IsMultiRegionTrail', false, {
        en: 'the trail covers one region only',
        fr: "le journal de suivi ne couvre qu'une seule région",
      }),
      setting(trail, 'IncludeGlobalServiceEvents', true, {
        en: 'the trail leaves out global service events (IAM, STS…)',
        fr: 'le journal de suivi omet les événements des services globaux (IAM, STS…)',
      }),
      setting(trail, 'EnableLogFileValidation', false, {
        en: 'log files are not validated, so tampering would go unseen',
        fr: 'les fichiers journaux ne sont pas validés : une altération passerait inaperçue',
      }),
    ];
    const holder = keyHolder(trail.properties.KMSKeyId, trail.template);
    if (holder === undefined) {
      outcomes.push(
        fail({
          en: 'the trail is not encrypted with a KMS key (KMSKeyId not set)',
          fr: "le journal de suivi n'est pas chiffré avec une clé KMS (KMSKeyId non défini)",
        }),
      );
    } else if (isUnresolved(holder)) outcomes.push(cannotProve(unknownValue('KMSKeyId', 'KMSKeyId', holder)));
    else if (holder === 'provider') {
      outcomes.push(
        fail({
          en: 'KMSKeyId names a provider-managed key',
          fr: 'KMSKeyId désigne une clé gérée par le fournisseur',
        }),
      );
    }
    const bucket = trailBucket(trail, context);
    if (!bucket) {
      const name = trail.properties.S3BucketName;
      outcomes.push(
        cannotProve({
          en: `the trail's bucket ${show(name)} is not in the input, so its Object Lock cannot be proven`,
          fr: `le compartiment ${show(name, 'fr')} du journal de suivi ne figure pas parmi les artefacts vérifiés : impossible donc de prouver son verrouillage d'objet (Object Lock)`,
        }),
      );
    } else {
      const locked = bool(bucket.properties.ObjectLockEnabled);
      if (isUnresolved(locked)) {
        outcomes.push(
          cannotProve(
            unknownValue(
              `ObjectLockEnabled of bucket '${bucket.id}'`,
              `ObjectLockEnabled du compartiment '${bucket.id}'`,
              locked,
            ),
          ),
        );
      } else if (locked !== true) {
        outcomes.push(
          fail({
            en: `the trail's bucket '${bucket.id}' has no Object Lock, so its logs can be altered`,
            fr: `le compartiment '${bucket.id}' du journal de suivi n'a pas de verrouillage d'objet (Object Lock) : ses journaux peuvent être altérés`,
          }),
        );
      }
    }
    return combine(outcomes);
  },
};
