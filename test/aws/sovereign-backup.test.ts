import { App, Duration, Fn } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SovereignBackup, type SovereignBackupProps } from '../../constructs/aws/sovereign-backup';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { nagErrors } from '../helpers/nag';

const SPAIN_VAULT = 'arn:aws:backup:eu-south-2:111111111111:backup-vault:dr';
const US_VAULT = 'arn:aws:backup:us-east-1:111111111111:backup-vault:dr';
const FRANKFURT_VAULT = 'arn:aws:backup:eu-central-1:111111111111:backup-vault:dr';
const MOROCCO_RES2 = 'L05-20 Art. 11; L09-08 Art. 43-44';
const MOROCCO_BCK1 = 'DNSSI; L05-20 Art. 11';

function stack(profile: 'morocco' | 'eu' = 'morocco') {
  return new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile, classification: 'internal' });
}

function vault(s: SovereignStack, arn: string, id = 'Dr') {
  return backup.BackupVault.fromBackupVaultArn(s, id, arn);
}

const daily = (retentionDays: number, extra: object = {}) => ({
  ruleName: 'Daily',
  schedule: events.Schedule.cron({ hour: '5', minute: '0' }),
  retentionDays,
  ...extra,
});

/** Builds the construct with `props` on a fresh morocco stack, expecting it to throw. */
function failure(props: (s: SovereignStack) => SovereignBackupProps): () => SovereignBackup {
  const s = stack();
  return () => new SovereignBackup(s, 'Backup', props(s));
}

describe('defaults under morocco (internal, eu-west-3)', () => {
  const s = stack();
  const b = new SovereignBackup(s, 'Backup');
  const t = Template.fromStack(s);

  test('the vault is encrypted with its own customer key, locked in compliance mode after 3 days, retained', () => {
    const keys = t.findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(1);
    const keyId = Object.keys(keys)[0];
    t.hasResource('AWS::Backup::BackupVault', {
      Properties: {
        EncryptionKeyArn: { 'Fn::GetAtt': [keyId, 'Arn'] },
        LockConfiguration: { MinRetentionDays: 35, ChangeableForDays: 3, MaxRetentionDays: Match.absent() },
        BackupVaultTags: { 'sovereign-lz.io/classification': 'internal', 'sovereign-lz.io/jurisdiction': 'morocco' },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(keys[keyId].Properties).toMatchObject({ EnableKeyRotation: true, MultiRegion: false });
    expect(b.lockMinRetentionDays).toBe(35);
    expect(b.encryptionKey).toBeDefined();
  });

  test('the plan backs up daily for 35 days and monthly for 365 days into the vault, with no copy', () => {
    const vaultId = Object.keys(t.findResources('AWS::Backup::BackupVault'))[0];
    const target = { 'Fn::GetAtt': [vaultId, 'BackupVaultName'] };
    t.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          {
            RuleName: 'Daily',
            ScheduleExpression: 'cron(0 5 * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
            TargetBackupVault: target,
            CopyActions: Match.absent(),
          },
          {
            RuleName: 'Monthly',
            ScheduleExpression: 'cron(0 5 1 * ? *)',
            Lifecycle: { DeleteAfterDays: 365 },
            TargetBackupVault: target,
            CopyActions: Match.absent(),
          },
        ],
      },
      BackupPlanTags: { 'sovereign-lz.io/classification': 'internal', 'sovereign-lz.io/jurisdiction': 'morocco' },
    });
  });

  test('the selection covers data stores tagged internal, personal, sensitive and secret, not public', () => {
    const tag = (value: string) => ({
      ConditionKey: 'sovereign-lz.io/classification',
      ConditionType: 'STRINGEQUALS',
      ConditionValue: value,
    });
    t.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: {
        ListOfTags: [tag('internal'), tag('personal'), tag('sensitive'), tag('secret')],
        Resources: Match.absent(),
      },
    });
    expect(JSON.stringify(t.findResources('AWS::Backup::BackupSelection'))).not.toContain('"public"');
    expect(b.taggedLevels).toEqual(['internal', 'personal', 'sensitive', 'secret']);
  });

  test("the selection's role is AWS Backup's, with its service-role policies for backups and S3", () => {
    const roleId = Object.keys(t.findResources('AWS::IAM::Role'))[0];
    t.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: { IamRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } },
    });
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' } }],
      },
      ManagedPolicyArns: [
        {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup'],
          ],
        },
        {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup'],
          ],
        },
      ],
    });
  });

  test('no level at or above internal is left out, so no warning', () => {
    expect(Annotations.fromStack(s).findWarning('*', Match.stringLikeRegexp('BCK-1'))).toEqual([]);
  });
});

test('uses a given key instead of creating one', () => {
  const s = stack();
  const key = new kms.Key(s, 'MyKey', { enableKeyRotation: true });
  const b = new SovereignBackup(s, 'Backup', { encryptionKey: key });
  const t = Template.fromStack(s);
  expect(Object.keys(t.findResources('AWS::KMS::Key'))).toHaveLength(1);
  t.hasResourceProperties('AWS::Backup::BackupVault', {
    EncryptionKeyArn: { 'Fn::GetAtt': [s.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
  });
  expect(b.encryptionKey).toBe(key);
});

test('takes its own rules, cold storage and lock figures; the lock minimum follows the shortest rule', () => {
  const s = stack();
  const b = new SovereignBackup(s, 'Backup', {
    rules: [
      daily(14),
      {
        ruleName: 'Yearly',
        schedule: events.Schedule.cron({ month: '1', day: '1', hour: '3', minute: '0' }),
        retentionDays: 3650,
        moveToColdStorageAfterDays: 30,
      },
    ],
    lockMaxRetentionDays: 3650,
    lockChangeableForDays: 7,
  });
  const t = Template.fromStack(s);
  t.hasResourceProperties('AWS::Backup::BackupVault', {
    LockConfiguration: { MinRetentionDays: 14, MaxRetentionDays: 3650, ChangeableForDays: 7 },
  });
  t.hasResourceProperties('AWS::Backup::BackupPlan', {
    BackupPlan: {
      BackupPlanRule: [
        Match.objectLike({ RuleName: 'Daily', Lifecycle: { DeleteAfterDays: 14 } }),
        Match.objectLike({
          RuleName: 'Yearly',
          ScheduleExpression: 'cron(0 3 1 1 ? *)',
          Lifecycle: { DeleteAfterDays: 3650, MoveToColdStorageAfterDays: 30 },
        }),
      ],
    },
  });
  expect(b.lockMinRetentionDays).toBe(14);
});

test('adds the given resources to the tagged ones', () => {
  const s = stack();
  new SovereignBackup(s, 'Backup', {
    resources: [backup.BackupResource.fromArn('arn:aws:dynamodb:eu-west-3:111111111111:table/records')],
  });
  Template.fromStack(s).hasResourceProperties('AWS::Backup::BackupSelection', {
    BackupSelection: {
      Resources: ['arn:aws:dynamodb:eu-west-3:111111111111:table/records'],
      ListOfTags: Match.arrayWith([Match.objectLike({ ConditionValue: 'internal' })]),
    },
  });
});

test('leaving a level at or above internal out of taggedLevels warns (BCK-1)', () => {
  const s = stack();
  new SovereignBackup(s, 'Backup', { taggedLevels: ['internal'] });
  Template.fromStack(s).hasResourceProperties('AWS::Backup::BackupSelection', {
    BackupSelection: { ListOfTags: [Match.objectLike({ ConditionValue: 'internal' })] },
  });
  const warnings = Annotations.fromStack(s).findWarning('/S/Backup', Match.stringLikeRegexp('BCK-1'));
  expect(warnings.map((w) => w.entry.data)).toEqual([
    expect.stringContaining("tagged 'personal' are not selected"),
    expect.stringContaining("tagged 'sensitive' are not selected"),
    expect.stringContaining("tagged 'secret' are not selected"),
  ]);
});

describe('copies (RES-2)', () => {
  test('a copy to an allowed region (eu-south-2) goes into every rule, kept as long as the rule by default', () => {
    const s = stack();
    new SovereignBackup(s, 'Backup', { copies: [{ vault: vault(s, SPAIN_VAULT) }] });
    Template.fromStack(s).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'Daily',
            CopyActions: [{ DestinationBackupVaultArn: SPAIN_VAULT, Lifecycle: { DeleteAfterDays: 35 } }],
          }),
          Match.objectLike({
            RuleName: 'Monthly',
            CopyActions: [{ DestinationBackupVaultArn: SPAIN_VAULT, Lifecycle: { DeleteAfterDays: 365 } }],
          }),
        ],
      },
    });
  });

  test("a copy's own retention and an explicit region that matches the ARN are taken", () => {
    const s = stack();
    new SovereignBackup(s, 'Backup', {
      rules: [daily(35)],
      copies: [{ vault: vault(s, SPAIN_VAULT), region: 'eu-south-2', retentionDays: 90 }],
    });
    Template.fromStack(s).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            CopyActions: [{ DestinationBackupVaultArn: SPAIN_VAULT, Lifecycle: { DeleteAfterDays: 90 } }],
          }),
        ],
      },
    });
  });

  test('fails if a copy leaves the allowed regions', () => {
    expect(failure((s) => ({ copies: [{ vault: vault(s, US_VAULT) }] }))).toThrow(
      `[S/Backup] RES-2: copies[0]: a copy to AWS region 'us-east-1' (US) would take backups of level 'internal' out of the allowed regions: level 'internal' may not be hosted in AWS region 'us-east-1' (US) under profile 'morocco'`,
    );
    expect(failure((s) => ({ copies: [{ vault: vault(s, US_VAULT) }] }))).toThrow(`(${MOROCCO_RES2})`);
  });

  test("an imported ARN whose region is unresolved is accepted with the copy's explicit region", () => {
    const s = stack();
    new SovereignBackup(s, 'Backup', {
      copies: [{ vault: vault(s, Fn.importValue('DrVaultArn')), region: 'eu-south-2' }],
    });
    Template.fromStack(s).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: Match.arrayWith([
          Match.objectLike({
            CopyActions: [Match.objectLike({ DestinationBackupVaultArn: { 'Fn::ImportValue': 'DrVaultArn' } })],
          }),
        ]),
      },
    });
  });

  test('fails if the destination region is unresolved', () => {
    expect(failure((s) => ({ copies: [{ vault: vault(s, Fn.importValue('DrVaultArn')) }] }))).toThrow(
      /^\[S\/Backup\] RES-2: copies\[0\]: the destination vault's region is unresolved/,
    );
  });

  test('fails if the destination region is unknown', () => {
    expect(
      failure((s) => ({ copies: [{ vault: vault(s, 'arn:aws:backup:xx-nowhere-1:111111111111:backup-vault:dr') }] })),
    ).toThrow(`[S/Backup] RES-2: copies[0]: the destination region 'xx-nowhere-1' is unknown`);
  });

  test("fails if a copy's region differs from its vault's ARN", () => {
    expect(failure((s) => ({ copies: [{ vault: vault(s, SPAIN_VAULT), region: 'eu-west-1' }] }))).toThrow(
      "[S/Backup] PROPS: copies[0].region 'eu-west-1' differs from the region of the vault's ARN ('eu-south-2')",
    );
  });

  test("fails if a copy's retention is not positive", () => {
    expect(failure((s) => ({ copies: [{ vault: vault(s, SPAIN_VAULT), retentionDays: 0 }] }))).toThrow(
      '[S/Backup] PROPS: copies[0].retentionDays 0 must be an integer of at least 1',
    );
  });

  test('a justified RES-2 suppression lets a copy out, and shows in the metadata', () => {
    const s = stack();
    const reason = 'DGSSI exception 2026-17: internal archive copy in us-east-1';
    new SovereignBackup(s, 'Backup', {
      taggedLevels: ['internal'],
      copies: [{ vault: vault(s, US_VAULT) }],
      suppressions: [{ id: 'RES-2', reason }],
    });
    Template.fromStack(s).hasResource('AWS::Backup::BackupPlan', {
      Metadata: { 'sovereign-lz': { suppressions: [{ id: 'RES-2', reason }] } },
    });
  });
});

describe('copies under eu (internal, eu-west-3)', () => {
  test('a copy to another EU region is accepted', () => {
    const s = stack('eu');
    new SovereignBackup(s, 'Backup', { copies: [{ vault: vault(s, FRANKFURT_VAULT) }] });
    Template.fromStack(s).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: Match.arrayWith([
          Match.objectLike({ CopyActions: [Match.objectLike({ DestinationBackupVaultArn: FRANKFURT_VAULT })] }),
        ]),
      },
    });
  });

  test('fails if a copy takes the selected personal data out of the EEA (GDPR Chapter V)', () => {
    const s = stack('eu');
    expect(() => new SovereignBackup(s, 'Backup', { copies: [{ vault: vault(s, US_VAULT) }] })).toThrow(
      /^\[S\/Backup\] RES-2: copies\[0\]: a copy to AWS region 'us-east-1' \(US\) would take backups of level 'personal' \(and 'sensitive'\) out of the allowed regions: .* \(GDPR Chapter V; SecNumCloud 19\.2\)\. .*leave 'personal' out of taggedLevels/,
    );
  });

  test('internal backups alone may be copied there (internal may live anywhere under eu)', () => {
    const s = stack('eu');
    expect(
      () => new SovereignBackup(s, 'Backup', { taggedLevels: ['internal'], copies: [{ vault: vault(s, US_VAULT) }] }),
    ).not.toThrow();
  });
});

describe('validation', () => {
  test('fails if there are no rules (BCK-1)', () => {
    expect(failure(() => ({ rules: [] }))).toThrow(
      `[S/Backup] BCK-1: rules is empty, so nothing would ever be backed up (${MOROCCO_BCK1})`,
    );
  });

  test('fails if a retention is not positive', () => {
    expect(failure(() => ({ rules: [daily(0)] }))).toThrow(
      '[S/Backup] PROPS: rules[0].retentionDays 0 must be an integer of at least 1',
    );
  });

  test('fails if a rule name is invalid', () => {
    expect(failure(() => ({ rules: [{ ...daily(35), ruleName: 'daily backup!' }] }))).toThrow(
      "[S/Backup] PROPS: rules[0].ruleName 'daily backup!' must be 1-50 letters, digits, '-', '_' or '.'",
    );
  });

  test('fails if two rules share a name', () => {
    expect(failure(() => ({ rules: [daily(35), daily(90)] }))).toThrow(
      "[S/Backup] PROPS: rules[1].ruleName 'Daily' is used by another rule",
    );
  });

  test('fails if a schedule is not a cron expression', () => {
    expect(failure(() => ({ rules: [{ ...daily(35), schedule: events.Schedule.rate(Duration.days(1)) }] }))).toThrow(
      "[S/Backup] PROPS: rules[0].schedule 'rate(1 day)' must be a cron expression",
    );
  });

  test('fails if cold storage starts on a non-positive day', () => {
    expect(failure(() => ({ rules: [daily(365, { moveToColdStorageAfterDays: 0 })] }))).toThrow(
      '[S/Backup] PROPS: rules[0].moveToColdStorageAfterDays 0 must be an integer of at least 1',
    );
  });

  test('fails if a cold recovery point would be kept less than 90 days', () => {
    expect(failure(() => ({ rules: [daily(100, { moveToColdStorageAfterDays: 30 })] }))).toThrow(
      '[S/Backup] PROPS: rules[0].retentionDays 100 must be at least moveToColdStorageAfterDays + 90 (120)',
    );
  });

  test("fails if the lock's minimum is above the shortest rule retention (BCK-1)", () => {
    expect(failure(() => ({ lockMinRetentionDays: 90 }))).toThrow(
      `[S/Backup] BCK-1: lockMinRetentionDays 90 is above the shortest rule retention (35 days), so the vault would refuse that rule's backups (${MOROCCO_BCK1}). Use at most 35`,
    );
  });

  test("fails if the lock's minimum is not positive", () => {
    expect(failure(() => ({ lockMinRetentionDays: 0 }))).toThrow(
      '[S/Backup] PROPS: lockMinRetentionDays 0 must be an integer of at least 1',
    );
  });

  test("fails if the lock's maximum is below the longest rule retention", () => {
    expect(failure(() => ({ lockMaxRetentionDays: 100 }))).toThrow(
      '[S/Backup] PROPS: lockMaxRetentionDays 100 must be an integer above lockMinRetentionDays (35), at least the longest rule retention (365) and at most 36500',
    );
  });

  test("fails if the lock's maximum is above 36500 days", () => {
    expect(failure(() => ({ lockMaxRetentionDays: 40000 }))).toThrow(
      /^\[S\/Backup\] PROPS: lockMaxRetentionDays 40000 must be/,
    );
  });

  test('fails if the lock can be changed for less than the 3-day cooling-off period', () => {
    expect(failure(() => ({ lockChangeableForDays: 1 }))).toThrow(
      "[S/Backup] PROPS: lockChangeableForDays 1 must be an integer of at least 3 (AWS Backup's cooling-off period)",
    );
  });

  test('fails if taggedLevels names an unknown level', () => {
    expect(failure(() => ({ taggedLevels: ['confidential' as never] }))).toThrow(
      "[S/Backup] PROPS: taggedLevels has an unknown level 'confidential'",
    );
  });

  test('fails if the plan selects nothing (BCK-1)', () => {
    expect(failure(() => ({ taggedLevels: [] }))).toThrow(
      `[S/Backup] BCK-1: the plan selects nothing: taggedLevels is empty and no resources are given (${MOROCCO_BCK1})`,
    );
  });

  test('lists every problem at once, before creating anything', () => {
    const s = stack();
    expect(
      () =>
        new SovereignBackup(s, 'Backup', {
          rules: [daily(-1)],
          lockChangeableForDays: 2,
          copies: [{ vault: vault(s, US_VAULT) }],
        }),
    ).toThrow(
      /^\[S\/Backup\] 3 problems:\n {2}- PROPS: rules\[0\]\.retentionDays -1 .*\n {2}- PROPS: lockChangeableForDays 2 .*\n {2}- RES-2: copies\[0\]/,
    );
    expect(s.node.findAll().filter((c) => c.node.path.startsWith('S/Backup/'))).toEqual([]);
  });
});

test('cdk-nag finds no error, by default and with a copy', () => {
  const s = stack();
  new SovereignBackup(s, 'Backup');
  expect(nagErrors(s)).toEqual([]);
  const withCopy = stack();
  new SovereignBackup(withCopy, 'Backup', { copies: [{ vault: vault(withCopy, SPAIN_VAULT) }] });
  expect(nagErrors(withCopy)).toEqual([]);
});
