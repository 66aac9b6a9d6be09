import type { Resource } from '../model';
import { fail, type Outcome, type ResourceRule } from '../rule';

/** IAM-1: people sign in through federation, not IAM users with long-lived keys. */
export const iam1IamUser: ResourceRule = {
  id: 'IAM-1/iam-user',
  control: 'IAM-1',
  scope: 'resource',
  title: 'No IAM users or access keys for people',
  description:
    'The templates create no AWS::IAM::User or AWS::IAM::AccessKey: people sign in through federation (IAM Identity Center) with short-lived credentials.',
  remediation:
    'Use IAM Identity Center (or another federation) for people, and roles for workloads; suppress with a reason for a technical user that cannot use a role',
  appliesTo: ['AWS::IAM::User', 'AWS::IAM::AccessKey'],
  check(resource: Resource): Outcome {
    return fail(
      resource.type === 'AWS::IAM::User'
        ? 'an IAM user: long-lived credentials outside federation'
        : 'an IAM access key: a long-lived credential',
    );
  },
};
