import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule } from '../judge/rule';
import { at, int } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** BCK-1: backup vaults are locked in compliance mode. */
export const bck1VaultLock: ResourceRule = {
  id: 'BCK-1/vault-lock',
  control: 'BCK-1',
  scope: 'resource',
  title: {
    en: 'Backup vaults are locked',
    fr: 'Les coffres de sauvegarde sont verrouillés',
  },
  description:
    'An AWS::Backup::BackupVault has a LockConfiguration with MinRetentionDays and ChangeableForDays (compliance mode: after the cooling-off period no one can delete recovery points early; without ChangeableForDays the lock is in governance mode and can be removed).',
  remediation: {
    en: 'Set LockConfiguration { MinRetentionDays, ChangeableForDays } (SovereignBackup does it)',
    fr: 'Définir LockConfiguration { MinRetentionDays, ChangeableForDays } (SovereignBackup le fait)',
  },
  appliesTo: ['AWS::Backup::BackupVault'],
  observes: ['lock', 'changeableForDays'],
  observe(vault: Resource) {
    const lock = vault.properties.LockConfiguration;
    return evidenceOf({
      lock: lock === undefined ? false : isUnresolved(lock) ? lock : true,
      changeableForDays: at(lock, 'ChangeableForDays'),
      minRetentionDays: at(lock, 'MinRetentionDays'),
      maxRetentionDays: at(lock, 'MaxRetentionDays'),
    });
  },
  check(vault: Resource): Outcome {
    const lock = vault.properties.LockConfiguration;
    if (lock === undefined) {
      return fail({
        en: 'the vault has no Vault Lock: recovery points can be deleted',
        fr: "le coffre n'a pas de verrou (Vault Lock) : les points de récupération peuvent être supprimés",
      });
    }
    if (isUnresolved(lock)) return cannotProve(unknownValue('LockConfiguration', 'LockConfiguration', lock));
    const changeable = int(at(lock, 'ChangeableForDays'));
    if (isUnresolved(changeable)) {
      return cannotProve(unknownValue('ChangeableForDays', 'ChangeableForDays', changeable));
    }
    return changeable === undefined
      ? fail({
          en: 'the Vault Lock is in governance mode (no ChangeableForDays): anyone allowed can remove it',
          fr: 'le verrou du coffre est en mode gouvernance (pas de ChangeableForDays) : toute personne autorisée peut le retirer',
        })
      : 'pass';
  },
};
