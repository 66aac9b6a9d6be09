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
  title: 'DynamoDB global-table replicas stay in allowed regions',
  description: "Every replica of an AWS::DynamoDB::GlobalTable is in a region allowed for the table's level.",
  remediation: 'Remove the replicas in regions the profile does not allow for the level',
  appliesTo: ['AWS::DynamoDB::GlobalTable'],
  check(table: Resource, { profile }: RuleContext): Outcome {
    const replicas = list(at(table.properties, 'Replicas'));
    if (replicas === undefined) return 'not-applicable';
    if (isUnresolved(replicas))
      return judgeCopyRegion(profile, table, 'replicas', undefined, replicas.describe()) ?? 'pass';
    return combine(
      replicas.map((replica) => {
        const region = str(at(replica, 'Region'));
        const known = typeof region === 'string' ? region : undefined;
        const why = isUnresolved(region) ? region.describe() : 'no Region';
        return judgeCopyRegion(profile, table, `replica in ${known ?? 'an unknown region'}`, known, why) ?? 'pass';
      }),
    );
  },
};
