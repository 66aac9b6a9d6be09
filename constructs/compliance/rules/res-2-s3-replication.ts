import { tableRule } from './data-stores';

/** RES-2: S3 replication copies objects only to regions allowed for the bucket's level. */
export const res2S3Replication = tableRule({
  id: 'RES-2/s3-replication-region',
  control: 'RES-2',
  title: {
    en: 'S3 replication stays in allowed regions',
    fr: 'La réplication S3 reste dans des régions autorisées',
  },
  description:
    "Every enabled rule of a bucket's ReplicationConfiguration copies to a bucket in a region allowed for the bucket's level. S3 ARNs carry no region: a destination outside the input cannot be proven.",
  remediation: {
    en: 'Replicate only to a bucket of an allowed region (declared in the same input), or remove the replication',
    fr: "Ne répliquer que vers un compartiment d'une région autorisée (déclaré parmi les mêmes artefacts vérifiés), ou supprimer la réplication",
  },
});
