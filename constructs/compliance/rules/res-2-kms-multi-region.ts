import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule } from '../rule';
import { bool } from '../values';

/** RES-2: KMS keys are single-region, so that no replica of key material leaves the jurisdiction. */
export const res2KmsMultiRegion: ResourceRule = {
  id: 'RES-2/kms-multi-region',
  control: 'RES-2',
  scope: 'resource',
  title: 'KMS keys are single-region',
  description:
    'An AWS::KMS::Key has MultiRegion false (the default): a multi-region key can be replicated to any region, taking the key material out of the jurisdiction.',
  remediation: 'Set MultiRegion to false (create one key per region instead)',
  appliesTo: ['AWS::KMS::Key'],
  check(key: Resource): Outcome {
    const multi = bool(key.properties.MultiRegion);
    if (isUnresolved(multi)) return cannotProve(`MultiRegion is ${multi.describe()}`);
    return multi ? fail('the key is multi-region: its key material can be replicated to any region') : 'pass';
  },
};
