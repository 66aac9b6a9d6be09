import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule } from '../judge/rule';
import { bool } from '../normalize/values';
import { evidenceOf, placeEvidence } from '../judge/evidence';
import { levelOf } from './helpers';

/** RES-2: KMS keys are single-region, so that no replica of key material leaves the jurisdiction. */
export const res2KmsMultiRegion: ResourceRule = {
  id: 'RES-2/kms-multi-region',
  control: 'RES-2',
  scope: 'resource',
  title: {
    en: 'KMS keys are single-region',
    fr: 'Les clés KMS sont mono-régionales',
  },
  description:
    'An AWS::KMS::Key has MultiRegion false (the default): a multi-region key can be replicated to any region, taking the key material out of the jurisdiction.',
  remediation: {
    en: 'Set MultiRegion to false (create one key per region instead)',
    fr: 'Définir MultiRegion à false (créer plutôt une clé par région)',
  },
  appliesTo: ['AWS::KMS::Key'],
  observes: ['multiRegion', 'region', 'country'],
  observe(key: Resource) {
    return evidenceOf({
      multiRegion: key.properties.MultiRegion ?? false,
      ...placeEvidence(key.template),
      level: levelOf(key),
    });
  },
  check(key: Resource): Outcome {
    const multi = bool(key.properties.MultiRegion);
    if (isUnresolved(multi)) return cannotProve(unknownValue('MultiRegion', 'MultiRegion', multi));
    return multi
      ? fail({
          en: 'the key is multi-region: its key material can be replicated to any region',
          fr: "la clé est multirégion : son matériel de clé peut être répliqué dans n'importe quelle région",
        })
      : 'pass';
  },
};
