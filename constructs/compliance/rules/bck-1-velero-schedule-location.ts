import { isUnresolved } from '../intrinsics';
import { field, K8S } from '../kubernetes-facts';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';

/** BCK-1: Velero backups go to an allowlisted in-country location. */
export const bck1VeleroScheduleLocation: ResourceRule = {
  id: 'BCK-1/velero-schedule-location',
  control: 'BCK-1',
  scope: 'resource',
  title: 'Backups go to an in-country location',
  description:
    "A Velero Schedule names its BackupStorageLocation (spec.template.storageLocation), on the profile's allowlists.backupLocations. Velero's default location, or a profile without an allowlist, cannot prove where the backups go.",
  remediation:
    "Name an in-country BackupStorageLocation of the profile's allowlists.backupLocations (BackupSchedule does it)",
  appliesTo: [K8S.veleroSchedule],
  check(schedule: Resource, { profile }: RuleContext): Outcome {
    const location = field(schedule.properties, 'spec', 'template', 'storageLocation');
    const allowlist = profile.allowlists.backupLocations;
    if (isUnresolved(location)) return cannotProve(`the storage location is ${location.describe()}`);
    if (typeof location !== 'string' || location === '') {
      return cannotProve("the schedule uses Velero's default storage location, whose place the input does not show");
    }
    if (!allowlist.length) {
      return cannotProve(
        `profile '${profile.id}' declares no in-country backup locations, so where '${location}' keeps the backups cannot be proven`,
        { remediation: "Declare the in-country backup locations in the profile's allowlists.backupLocations" },
      );
    }
    return allowlist.includes(location)
      ? 'pass'
      : fail(
          `storage location '${location}' is not on the profile's allowlist of in-country backup locations (${allowlist.join(', ')})`,
        );
  },
};
