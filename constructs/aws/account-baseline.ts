import type * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { AccountAuditRole } from './account-audit-role';
import type { ValidationProblem } from '../core';
import { EncryptedLogGroup } from './encrypted-log-group';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';
import { SovereignKey } from './sovereign-key';

/** Props of an {@link AccountBaseline}. */
export interface AccountBaselineProps extends SovereignProps {
  /**
   * The audit (security tooling) account that may assume the read-only audit role. The role is
   * global to the account and has a fixed name: a baseline with it must be deployed to one region
   * per account ({@link BaselineStackSet} refuses more); for several regions, put an
   * {@link AccountAuditRole} in a single-region StackSet of its own instead.
   * @default - no audit role
   */
  readonly auditAccountId?: string;
  /**
   * The name of the audit role (the same in every account, so that auditors can find it).
   * @default 'sovereign-lz-audit'
   */
  readonly auditRoleName?: string;
  /**
   * Days to keep the baseline log group's events.
   * @default - the profile's minimum log retention
   */
  readonly logRetentionDays?: number;
}

/**
 * What every account of the landing zone starts with: the account's data key (a rotating
 * customer-managed key, alias `alias/sovereign-lz/baseline`), an encrypted log group kept the
 * profile's retention, and (optionally) a read-only audit role for the audit account. Written
 * once and deployed to every account of the workload units by a {@link BaselineStackSet}. Its
 * policies name the region through the `AWS::Region` pseudo parameter, so that one template
 * serves every region.
 *
 * @example
 * new AccountBaseline(baselineStack, 'Baseline', { auditAccountId: '222222222222' });
 */
export class AccountBaseline extends SovereignConstruct {
  /** The account's data key. */
  public readonly key: SovereignKey;
  /** The account's baseline log group. */
  public readonly logGroup: EncryptedLogGroup;
  /** The read-only audit role, when an audit account is given. */
  public readonly auditRole?: iam.Role;

  constructor(scope: Construct, id: string, props: AccountBaselineProps = {}) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    if (props.auditAccountId !== undefined && !/^\d{12}$/.test(props.auditAccountId)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `auditAccountId '${props.auditAccountId}' is not 12 digits`,
          fr: `auditAccountId '${props.auditAccountId}' ne compte pas 12 chiffres`,
        },
      });
    }
    this.validate(problems);

    const inherited = { profile: this.profile, classification: this.classification };
    this.key = new SovereignKey(this, 'Key', {
      ...inherited,
      alias: 'sovereign-lz/baseline',
      description: 'sovereign-lz baseline key of the account',
    });
    this.logGroup = new EncryptedLogGroup(this, 'Logs', {
      ...inherited,
      logGroupName: '/sovereign-lz/baseline',
      retentionDays: props.logRetentionDays,
    });
    if (props.auditAccountId) {
      this.auditRole = new AccountAuditRole(this, 'AuditRole', {
        ...inherited,
        auditAccountId: props.auditAccountId,
        roleName: props.auditRoleName,
      }).role;
    }
    this.finish();
  }
}
