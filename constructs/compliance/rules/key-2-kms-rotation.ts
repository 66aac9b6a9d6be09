import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import {
  cannotProve,
  fail,
  jours,
  unknownValue,
  type Outcome,
  type ResourceRule,
  type RuleContext,
} from '../judge/rule';
import { bool, int, str } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** KEY-2: KMS keys rotate at least as often as the profile requires. */
export const key2KmsRotation: ResourceRule = {
  id: 'KEY-2/kms-rotation',
  control: 'KEY-2',
  scope: 'resource',
  title: {
    en: 'KMS keys rotate',
    fr: "Les clés KMS font l'objet d'une rotation",
  },
  description:
    "An AWS::KMS::Key has EnableKeyRotation true and RotationPeriodInDays (365 when absent) at most the profile's maximum. Keys with imported material (Origin EXTERNAL) and keys that KMS cannot rotate (asymmetric, HMAC, CloudHSM) are reported as info: rotate them by hand.",
  remediation: {
    en: "Set EnableKeyRotation: true and RotationPeriodInDays at most the profile's maximum (use SovereignKey)",
    fr: 'Définir EnableKeyRotation: true et RotationPeriodInDays au plus égal au maximum du profil (utiliser SovereignKey)',
  },
  appliesTo: ['AWS::KMS::Key'],
  evidence: ['AWS::KMS::Alias'],
  observes: ['rotationEnabled', 'rotationDays', 'maximumDays'],
  observe(key: Resource, { profile }: RuleContext) {
    const p = key.properties;
    const enabled = bool(p.EnableKeyRotation) ?? false;
    return evidenceOf({
      rotationEnabled: enabled,
      // The period applies only to a rotating key; KMS's default is 365 days.
      rotationDays: enabled === false ? undefined : (p.RotationPeriodInDays ?? 365),
      maximumDays: profile.keyRotationMaxDays,
      origin: p.Origin,
      keySpec: p.KeySpec,
    });
  },
  check(key: Resource, { profile }: RuleContext): Outcome {
    const source = profile.figureSources.keyRotation;
    const origin = str(key.properties.Origin);
    const spec = str(key.properties.KeySpec);
    if (isUnresolved(origin)) return cannotProve(unknownValue('Origin', 'Origin', origin), { source });
    if (isUnresolved(spec)) return cannotProve(unknownValue('KeySpec', 'KeySpec', spec), { source });
    if (origin === 'EXTERNAL' || origin === 'AWS_CLOUDHSM' || (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT')) {
      const why =
        origin === 'EXTERNAL'
          ? { en: 'imported key material (Origin EXTERNAL)', fr: 'un matériel de clé importé (Origin EXTERNAL)' }
          : origin === 'AWS_CLOUDHSM'
            ? { en: 'a CloudHSM key store', fr: 'un magasin de clés CloudHSM' }
            : { en: `key spec ${spec}`, fr: `la spécification de clé ${spec}` };
      return fail(
        {
          en: `KMS cannot rotate a key with ${why.en}: rotate it by hand`,
          fr: `KMS ne peut pas assurer la rotation d'une clé avec ${why.fr} : effectuer la rotation manuellement`,
        },
        { severity: 'info', source },
      );
    }
    const enabled = bool(key.properties.EnableKeyRotation);
    if (isUnresolved(enabled)) {
      return cannotProve(unknownValue('EnableKeyRotation', 'EnableKeyRotation', enabled), { source });
    }
    if (enabled !== true) {
      return fail(
        {
          en: `automatic rotation is off (EnableKeyRotation ${enabled === false ? 'false' : 'not set'})`,
          fr: `la rotation automatique est désactivée (EnableKeyRotation ${enabled === false ? 'vaut false' : 'non défini'})`,
        },
        { source },
      );
    }
    const period = int(key.properties.RotationPeriodInDays);
    if (isUnresolved(period)) {
      return cannotProve(unknownValue('RotationPeriodInDays', 'RotationPeriodInDays', period), { source });
    }
    const days = period ?? 365;
    const max = profile.keyRotationMaxDays;
    if (days > max) {
      return fail(
        {
          en: `the key rotates every ${days} days, more than the profile's maximum of ${max}`,
          fr: `la rotation de la clé a lieu tous les ${jours(days)}, au-delà du maximum de ${jours(max)} du profil`,
        },
        { source },
      );
    }
    return 'pass';
  },
};
