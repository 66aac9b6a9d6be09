import { tableRule } from './data-stores';

/** RES-2: DynamoDB global-table replicas live only in allowed regions. */
export const res2DynamodbReplica = tableRule({
  id: 'RES-2/dynamodb-replica-region',
  control: 'RES-2',
  title: {
    en: 'DynamoDB global-table replicas stay in allowed regions',
    fr: 'Les répliques des tables globales DynamoDB restent dans des régions autorisées',
  },
  description: "Every replica of an AWS::DynamoDB::GlobalTable is in a region allowed for the table's level.",
  remediation: {
    en: 'Remove the replicas in regions the profile does not allow for the level',
    fr: "Supprimer les répliques situées dans des régions que le profil n'autorise pas pour le niveau",
  },
});
