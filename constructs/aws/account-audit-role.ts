import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { ValidationProblem } from '../core';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';

/** Props of an {@link AccountAuditRole}. */
export interface AccountAuditRoleProps extends SovereignProps {
  /** The audit (security tooling) account that may assume the role. */
  readonly auditAccountId: string;
  /**
   * The role's name: the same in every account, so that auditors find it.
   * @default 'sovereign-lz-audit'
   */
  readonly roleName?: string;
}

/**
 * A read-only audit role (AWS's `SecurityAudit` policy) that the audit account may assume.
 * IAM is global to an account and the role has a fixed name, so its template belongs in a
 * single-region StackSet (the zone's home region): deployed to two regions of one account, the
 * second stack instance would fail with "already exists" (DEP-1).
 *
 * @example
 * new AccountAuditRole(globalBaselineStack, 'Audit', { auditAccountId: '222222222222' });
 */
export class AccountAuditRole extends SovereignConstruct {
  /** The role. */
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AccountAuditRoleProps) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    if (!/^\d{12}$/.test(props.auditAccountId)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `auditAccountId '${props.auditAccountId}' is not 12 digits`,
          fr: `auditAccountId '${props.auditAccountId}' ne compte pas 12 chiffres`,
        },
      });
    }
    this.validate(problems);
    this.role = new iam.Role(this, 'Resource', {
      roleName: props.roleName ?? 'sovereign-lz-audit',
      description: 'Read-only access for the landing zone audit account',
      assumedBy: new iam.AccountPrincipal(props.auditAccountId),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
    });
    this.finish([
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit]',
        reason:
          'SecurityAudit is the AWS-maintained read-only audit policy: a hand-written copy would fall behind new services',
      },
    ]);
  }
}
