import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { bool, int, str } from '../values';

/** KEY-2: KMS keys rotate at least as often as the profile requires. */
export const key2KmsRotation: ResourceRule = {
  id: 'KEY-2/kms-rotation',
  control: 'KEY-2',
  scope: 'resource',
  title: 'KMS keys rotate',
  description:
    "An AWS::KMS::Key has EnableKeyRotation true and RotationPeriodInDays (365 when absent) at most the profile's maximum. Keys with imported material (Origin EXTERNAL) and keys that KMS cannot rotate (asymmetric, HMAC, CloudHSM) are reported as info: rotate them by hand.",
  remediation: "Set EnableKeyRotation: true and RotationPeriodInDays at most the profile's maximum (use SovereignKey)",
  appliesTo: ['AWS::KMS::Key'],
  evidence: ['AWS::KMS::Alias'],
  check(key: Resource, { profile }: RuleContext): Outcome {
    const source = profile.figureSources.keyRotation;
    const origin = str(key.properties.Origin);
    const spec = str(key.properties.KeySpec);
    if (isUnresolved(origin)) return cannotProve(`Origin is ${origin.describe()}`, { source });
    if (isUnresolved(spec)) return cannotProve(`KeySpec is ${spec.describe()}`, { source });
    if (origin === 'EXTERNAL' || origin === 'AWS_CLOUDHSM' || (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT')) {
      const why =
        origin === 'EXTERNAL'
          ? 'imported key material (Origin EXTERNAL)'
          : origin === 'AWS_CLOUDHSM'
            ? 'a CloudHSM key store'
            : `key spec ${spec}`;
      return fail(`KMS cannot rotate a key with ${why}: rotate it by hand`, { severity: 'info', source });
    }
    const enabled = bool(key.properties.EnableKeyRotation);
    if (isUnresolved(enabled)) return cannotProve(`EnableKeyRotation is ${enabled.describe()}`, { source });
    if (enabled !== true)
      return fail(`automatic rotation is off (EnableKeyRotation ${enabled === false ? 'false' : 'not set'})`, {
        source,
      });
    const period = int(key.properties.RotationPeriodInDays);
    if (isUnresolved(period)) return cannotProve(`RotationPeriodInDays is ${period.describe()}`, { source });
    const days = period ?? 365;
    if (days > profile.keyRotationMaxDays) {
      return fail(
        `the key rotates every ${days} days, more than the profile's maximum of ${profile.keyRotationMaxDays}`,
        { source },
      );
    }
    return 'pass';
  },
};
