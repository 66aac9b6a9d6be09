import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/** IAM-1: people sign in through federation, not IAM users with long-lived keys. */
export const iam1IamUser: ResourceRule = {
  id: 'IAM-1/iam-user',
  control: 'IAM-1',
  scope: 'resource',
  title: {
    en: 'No IAM users or access keys for people',
    fr: "Aucun utilisateur IAM ni clé d'accès pour les personnes",
  },
  description:
    'The templates create no AWS::IAM::User or AWS::IAM::AccessKey: people sign in through federation (IAM Identity Center) with short-lived credentials.',
  remediation: {
    en: 'Use IAM Identity Center (or another federation) for people, and roles for workloads; suppress with a reason for a technical user that cannot use a role',
    fr: 'Utiliser IAM Identity Center (ou une autre fédération) pour les personnes, et des rôles pour les charges de travail ; déroger, avec un motif, pour un utilisateur technique qui ne peut pas utiliser de rôle',
  },
  appliesTo: ['AWS::IAM::User', 'AWS::IAM::AccessKey'],
  observes: ['type'],
  observe(resource: Resource) {
    const p = resource.properties;
    const user = resource.type === 'AWS::IAM::User';
    return evidenceOf({
      type: resource.type,
      user: p.UserName,
      loginProfile: user ? p.LoginProfile !== undefined : undefined,
      status: user ? undefined : (p.Status ?? 'Active'),
    });
  },
  check(resource: Resource): Outcome {
    return fail(
      resource.type === 'AWS::IAM::User'
        ? {
            en: 'an IAM user: long-lived credentials outside federation',
            fr: 'un utilisateur IAM : des identifiants de longue durée hors fédération',
          }
        : {
            en: 'an IAM access key: a long-lived credential',
            fr: "une clé d'accès IAM : un identifiant de longue durée",
          },
    );
  },
};
