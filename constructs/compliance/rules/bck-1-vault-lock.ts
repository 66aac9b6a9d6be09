import { isUnresolved } from '../intrinsics';
import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule } from '../rule';
import { at, int } from '../values';

/** BCK-1: backup vaults are locked in compliance mode. */
export const bck1VaultLock: ResourceRule = {
  id: 'BCK-1/vault-lock',
  control: 'BCK-1',
  scope: 'resource',
  title: 'Backup vaults are locked',
  description:
    'An AWS::Backup::BackupVault has a LockConfiguration with MinRetentionDays and ChangeableForDays (compliance mode: after the cooling-off period no one can delete recovery points early; without ChangeableForDays the lock is in governance mode and can be removed).',
  remediation: 'Set LockConfiguration { MinRetentionDays, ChangeableForDays } (SovereignBackup does it)',
  appliesTo: ['AWS::Backup::BackupVault'],
  check(vault: Resource): Outcome {
    const lock = vault.properties.LockConfiguration;
    if (lock === undefined) return fail('the vault has no Vault Lock: recovery points can be deleted');
    if (isUnresolved(lock)) return cannotProve(`LockConfiguration is ${lock.describe()}`);
    const changeable = int(at(lock, 'ChangeableForDays'));
    if (isUnresolved(changeable)) return cannotProve(`ChangeableForDays is ${changeable.describe()}`);
    return changeable === undefined
      ? fail('the Vault Lock is in governance mode (no ChangeableForDays): anyone allowed can remove it')
      : 'pass';
  },
};
