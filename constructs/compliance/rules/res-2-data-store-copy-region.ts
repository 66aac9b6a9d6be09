import { tableRule } from './data-stores';

/** RES-2 for the copies the table knows beyond S3, DynamoDB and AWS Backup: replicas, global clusters, snapshot copies. */
export const res2DataStoreCopyRegion = tableRule({
  id: 'RES-2/data-store-copy-region',
  control: 'RES-2',
  title: {
    en: 'Replicas and copies of data stores stay in allowed regions',
    fr: 'Les répliques et copies des magasins de données restent dans des régions autorisées',
  },
  description:
    "Every destination of a replica, a global cluster or table, a cross-region snapshot or backup copy is in a region allowed for the resource's level: a region property, the region of an ARN, or the stack region of another member of the input. A destination whose region the input does not give cannot be proven.",
  remediation: {
    en: 'Copy or replicate only to regions the profile allows for the level, or remove the copy',
    fr: 'Ne copier ou répliquer que vers des régions que le profil autorise pour le niveau, ou supprimer la copie',
  },
});
