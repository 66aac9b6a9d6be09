import { extendProfile, morocco } from '../../../constructs/core';
import { judge, on, passed, template } from '../helpers/judge';

describe('BCK-1', () => {
  const RULE = 'BCK-1/backup-coverage';
  const selection = (spec: Record<string, unknown>) => ({
    Type: 'AWS::Backup::BackupSelection',
    Properties: { BackupPlanId: 'plan', BackupSelection: { SelectionName: 's', IamRoleArn: 'r', ...spec } },
  });
  test('a table selected by its classification tag passes', () => {
    const doc = template({
      T: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { Tags: [{ Key: 'sovereign-lz.io/classification', Value: 'internal' }] },
      },
      Sel: selection({
        ListOfTags: [
          { ConditionType: 'STRINGEQUALS', ConditionKey: 'sovereign-lz.io/classification', ConditionValue: 'internal' },
        ],
      }),
    });
    expect(passed(judge(doc), RULE, 'T')).toBe(true);
  });
  test('a database selected by reference passes', () => {
    const doc = template({
      D: { Type: 'AWS::RDS::DBCluster' },
      Sel: selection({ Resources: [{ 'Fn::GetAtt': ['D', 'DBClusterArn'] }] }),
    });
    expect(passed(judge(doc), RULE, 'D')).toBe(true);
  });
  test('fails if a data store of internal data is in no selection of the input', () => {
    const doc = template({
      D: { Type: 'AWS::RDS::DBCluster' },
      Other: { Type: 'AWS::EFS::FileSystem' },
      Sel: selection({ Resources: [{ 'Fn::GetAtt': ['Other', 'Arn'] }] }),
    });
    expect(on(judge(doc), RULE, 'D')).toEqual([expect.objectContaining({ control: 'BCK-1', status: 'fail' })]);
  });
  test('without any backup selection in the input, coverage cannot be proven', () => {
    expect(on(judge(template({ D: { Type: 'AWS::RDS::DBCluster' } })), RULE, 'D')[0].status).toBe('cannot-prove');
  });
  test('fails if a vault has no lock, or a lock in governance mode', () => {
    const vault = (lock?: Record<string, unknown>) =>
      template({
        V: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'v', LockConfiguration: lock } },
      });
    expect(on(judge(vault()), 'BCK-1/vault-lock', 'V')[0].message).toContain('no Vault Lock');
    expect(on(judge(vault({ MinRetentionDays: 35 })), 'BCK-1/vault-lock', 'V')[0].message).toContain('governance mode');
    expect(passed(judge(vault({ MinRetentionDays: 35, ChangeableForDays: 3 })), 'BCK-1/vault-lock', 'V')).toBe(true);
  });
});

describe('JUR-1', () => {
  test('every unattested obligation of the profile is an open manual check (info); an attested one passes', () => {
    const profile = extendProfile(morocco, {
      attestations: [{ id: 'moroccan-law-contract', reference: 'Contract 2026-042' }],
    });
    const r = judge(template({ Q: { Type: 'AWS::SQS::Queue' } }), { profile });
    const open = r.findings.filter((f) => f.rule === 'JUR-1/attestations');
    expect(open.map((f) => f.resource)).toEqual([
      'attestation/classification-review',
      'attestation/cndp-authorizations',
      'attestation/provider-qualification',
    ]);
    expect(open.every((f) => f.severity === 'info' && f.status === 'cannot-prove')).toBe(true);
    expect(r.passes.some((p) => p.resource === 'attestation/moroccan-law-contract')).toBe(true);
  });
});
