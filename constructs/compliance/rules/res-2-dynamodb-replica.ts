import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { combine, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { at, list, str } from '../values';
import { judgeCopyRegion } from './helpers';

/** RES-2: DynamoDB global-table replicas live only in allowed regions. */
export const res2DynamodbReplica: ResourceRule = {
  id: 'RES-2/dynamodb-replica-region',
  control: 'RES-2',
  scope: 'resource',
  title: {
    en: 'DynamoDB global-table replicas stay in allowed regions',
    fr: 'Les répliques des tables globales DynamoDB restent dans des régions autorisées',
  },
  description: "Every replica of an AWS::DynamoDB::GlobalTable is in a region allowed for the table's level.",
  remediation: {
    en: 'Remove the replicas in regions the profile does not allow for the level',
    fr: "Supprimer les répliques situées dans des régions que le profil n'autorise pas pour le niveau",
  },
  appliesTo: ['AWS::DynamoDB::GlobalTable'],
  check(table: Resource, { profile }: RuleContext): Outcome {
    const replicas = list(at(table.properties, 'Replicas'));
    if (replicas === undefined) return 'not-applicable';
    if (isUnresolved(replicas)) {
      const why = { en: replicas.describe('en'), fr: replicas.describe('fr') };
      return judgeCopyRegion(profile, table, { en: 'replicas', fr: 'répliques' }, undefined, why) ?? 'pass';
    }
    return combine(
      replicas.map((replica) => {
        const region = str(at(replica, 'Region'));
        const known = typeof region === 'string' ? region : undefined;
        const why = isUnresolved(region)
          ? { en: region.describe('en'), fr: region.describe('fr') }
          : { en: 'no Region', fr: 'pas de Region' };
        const what = {
          en: `replica in ${known ?? 'an unknown region'}`,
          fr: `réplique ${known ? `dans ${known}` : 'dans une région inconnue'}`,
        };
        return judgeCopyRegion(profile, table, what, known, why) ?? 'pass';
      }),
    );
  },
};
