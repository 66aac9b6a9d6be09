import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import { DEFAULT_EXEMPT_ROLE_NAMES } from './service-control-policy';

/**
 * A stack synthesizer that deploys with the landing zone's deployment role, in the stack's own
 * account: the CDK CLI assumes it (`deployRoleArn`) and CloudFormation acts with it
 * (`cloudFormationExecutionRole`). The guardrails (`OrganizationGuardrails`) exempt this role
 * and never the CDK bootstrap roles, so a stack deployed with the bootstrap's
 * `cdk-hnb659fds-cfn-exec-role` into an account under the guardrails would be denied what they
 * protect (DEP-4). Give one to every stack of a governed account; the role must exist there
 * first (see docs/deploying.md), trusted by `cloudformation.amazonaws.com` and the deploying
 * account, and the account must still be CDK-bootstrapped for the templates' bucket.
 *
 * @param roleName the deployment role, one the guardrails exempt
 * @default roleName 'SovereignLzDeployment'
 *
 * @example
 * new SovereignStack(app, 'Records', { env, profile, classification: 'internal', synthesizer: deploymentRoleSynthesizer() });
 */
export function deploymentRoleSynthesizer(roleName: string = DEFAULT_EXEMPT_ROLE_NAMES[0]): DefaultStackSynthesizer {
  const arn = `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${roleName}`;
  return new DefaultStackSynthesizer({ deployRoleArn: arn, cloudFormationExecutionRole: arn });
}
