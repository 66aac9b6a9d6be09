import { isUnresolved } from '../normalize/intrinsics';
import { field, K8S } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/** BCK-1: Velero backups go to an allowlisted in-country location. */
export const bck1VeleroScheduleLocation: ResourceRule = {
  id: 'BCK-1/velero-schedule-location',
  control: 'BCK-1',
  scope: 'resource',
  title: {
    en: 'Backups go to an in-country location',
    fr: 'Les sauvegardes vont vers un emplacement situé dans le pays',
  },
  description:
    "A Velero Schedule names its BackupStorageLocation (spec.template.storageLocation), on the profile's allowlists.backupLocations. Velero's default location, or a profile without an allowlist, cannot prove where the backups go.",
  remediation: {
    en: "Name an in-country BackupStorageLocation of the profile's allowlists.backupLocations (BackupSchedule does it)",
    fr: 'Désigner un BackupStorageLocation situé dans le pays et inscrit dans allowlists.backupLocations du profil (BackupSchedule le fait)',
  },
  appliesTo: [K8S.veleroSchedule],
  observes: ['location', 'allowedLocations'],
  observe(schedule: Resource, { profile }: RuleContext) {
    const location = field(schedule.properties, 'spec', 'template', 'storageLocation');
    return evidenceOf({
      // Velero's default location when none is named (as the check reads it).
      location: isUnresolved(location) || (typeof location === 'string' && location !== '') ? location : 'default',
      allowedLocations: profile.allowlists.backupLocations,
    });
  },
  check(schedule: Resource, { profile }: RuleContext): Outcome {
    const location = field(schedule.properties, 'spec', 'template', 'storageLocation');
    const allowlist = profile.allowlists.backupLocations;
    if (isUnresolved(location)) {
      return cannotProve(unknownValue('the storage location', "l'emplacement de stockage", location));
    }
    if (typeof location !== 'string' || location === '') {
      return cannotProve({
        en: "the schedule uses Velero's default storage location, whose place the input does not show",
        fr: "la planification utilise l'emplacement de stockage par défaut de Velero, dont les artefacts vérifiés ne montrent pas la situation",
      });
    }
    if (!allowlist.length) {
      return cannotProve(
        {
          en: `profile '${profile.id}' declares no in-country backup locations, so where '${location}' keeps the backups cannot be proven`,
          fr: `le profil '${profile.id}' ne déclare aucun emplacement de sauvegarde situé dans le pays : impossible donc de prouver où '${location}' conserve les sauvegardes`,
        },
        {
          remediation: {
            en: "Declare the in-country backup locations in the profile's allowlists.backupLocations",
            fr: 'Déclarer les emplacements de sauvegarde situés dans le pays dans allowlists.backupLocations du profil',
          },
        },
      );
    }
    return allowlist.includes(location)
      ? 'pass'
      : fail({
          en: `storage location '${location}' is not on the profile's allowlist of in-country backup locations (${allowlist.join(', ')})`,
          fr: `l'emplacement de stockage '${location}' ne figure pas sur la liste d'autorisation du profil des emplacements de sauvegarde situés dans le pays (${allowlist.join(', ')})`,
        });
  },
};
