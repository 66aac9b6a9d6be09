import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule } from '../rule';
import { at, bool } from '../values';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/** ACC-1: buckets block every form of public access. */
export const acc1S3PublicAccessBlock: ResourceRule = {
  id: 'ACC-1/s3-public-access-block',
  control: 'ACC-1',
  scope: 'resource',
  title: 'S3 buckets block public access',
  description: `An AWS::S3::Bucket declares PublicAccessBlockConfiguration with ${SETTINGS.join(', ')} all true.`,
  remediation:
    'Set PublicAccessBlockConfiguration with all four settings true (blockPublicAccess: BLOCK_ALL in aws-cdk-lib)',
  appliesTo: ['AWS::S3::Bucket'],
  check(bucket: Resource): Outcome {
    const config = bucket.properties.PublicAccessBlockConfiguration;
    if (config === undefined) return fail('the bucket declares no PublicAccessBlockConfiguration');
    if (isUnresolved(config)) return cannotProve(`PublicAccessBlockConfiguration is ${config.describe()}`);
    const off: string[] = [];
    for (const name of SETTINGS) {
      const value = bool(at(config, name));
      if (isUnresolved(value)) return cannotProve(`${name} is ${value.describe()}`);
      if (value !== true) off.push(name);
    }
    return off.length ? fail(`public access is not blocked: ${off.join(', ')} not true`) : 'pass';
  },
};
