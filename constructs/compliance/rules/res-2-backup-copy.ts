import { tableRule } from './data-stores';

/** RES-2: AWS Backup copy actions copy recovery points only to allowed regions. */
export const res2BackupCopy = tableRule({
  id: 'RES-2/backup-copy-region',
  control: 'RES-2',
  title: {
    en: 'Backup copies stay in allowed regions',
    fr: 'Les copies de sauvegarde restent dans des régions autorisées',
  },
  description:
    "Every CopyActions destination of a backup plan's rules is a vault in a region allowed for the plan's level (the region of the vault ARN, or the stack's own region for a vault of the same template).",
  remediation: {
    en: 'Copy recovery points only to a vault in an allowed region, or remove the copy action',
    fr: "Ne copier les points de récupération que vers un coffre d'une région autorisée, ou supprimer l'action de copie",
  },
});
