import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule } from '../rule';
import { at, bool } from '../values';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/** ACC-1: buckets block every form of public access. */
export const acc1S3PublicAccessBlock: ResourceRule = {
  id: 'ACC-1/s3-public-access-block',
  control: 'ACC-1',
  scope: 'resource',
  title: {
    en: 'S3 buckets block public access',
    fr: "Les compartiments S3 bloquent l'accès public",
  },
  description: `An AWS::S3::Bucket declares PublicAccessBlockConfiguration with ${SETTINGS.join(', ')} all true.`,
  remediation: {
    en: 'Set PublicAccessBlockConfiguration with all four settings true (blockPublicAccess: BLOCK_ALL in aws-cdk-lib)',
    fr: 'Définir PublicAccessBlockConfiguration avec ses quatre paramètres à true (blockPublicAccess: BLOCK_ALL dans aws-cdk-lib)',
  },
  appliesTo: ['AWS::S3::Bucket'],
  check(bucket: Resource): Outcome {
    const config = bucket.properties.PublicAccessBlockConfiguration;
    if (config === undefined) {
      return fail({
        en: 'the bucket declares no PublicAccessBlockConfiguration',
        fr: 'le compartiment ne déclare aucune PublicAccessBlockConfiguration',
      });
    }
    if (isUnresolved(config)) {
      return cannotProve(unknownValue('PublicAccessBlockConfiguration', 'PublicAccessBlockConfiguration', config));
    }
    const off: string[] = [];
    for (const name of SETTINGS) {
      const value = bool(at(config, name));
      if (isUnresolved(value)) return cannotProve(unknownValue(name, name, value));
      if (value !== true) off.push(name);
    }
    return off.length
      ? fail({
          en: `public access is not blocked: ${off.join(', ')} not true`,
          fr: `l'accès public n'est pas bloqué : ${off.join(', ')} ne ${off.length > 1 ? 'valent' : 'vaut'} pas true`,
        })
      : 'pass';
  },
};
