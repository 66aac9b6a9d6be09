import { isDeployedStack, zoneOrganization } from '../deployability/organization';
import type { Resource } from '../normalize/model';
import { cannotProve, fail, unknownValue, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { bool } from '../normalize/values';
import { evidenceOf } from '../judge/evidence';

/** The service principal CloudTrail's delegated administrator is registered for. */
export const CLOUDTRAIL_PRINCIPAL = 'cloudtrail.amazonaws.com';

/** DEP-3: an organization trail is created in an account CloudTrail lets create one. */
export const dep3OrganizationTrailAccount: ResourceRule = {
  id: 'DEP-3/organization-trail-account',
  control: 'DEP-3',
  scope: 'resource',
  title: {
    en: 'Organization trails are created in the management account or by the delegated administrator',
    fr: "Les pistes d'organisation sont créées dans le compte de gestion ou par l'administrateur délégué",
  },
  description: `An AWS::CloudTrail::Trail with IsOrganizationTrail true is in a stack of the organization's management account, or of the account the landing-zone summary (landing-zone.json) declares as delegated administrator for ${CLOUDTRAIL_PRINCIPAL}: CloudTrail refuses to create an organization trail anywhere else. Without the summary's organization (or its management account), or without the stack's account, it cannot be proven.`,
  remediation: {
    en: `Create the organization trail in a stack of the management account, or register the stack's account as CloudTrail's delegated administrator (aws organizations register-delegated-administrator --service-principal ${CLOUDTRAIL_PRINCIPAL}, then aws cloudtrail register-organization-delegated-admin) and declare it`,
    fr: `Créer la piste d'organisation dans une pile du compte de gestion, ou enregistrer le compte de la pile comme administrateur délégué de CloudTrail (aws organizations register-delegated-administrator --service-principal ${CLOUDTRAIL_PRINCIPAL}, puis aws cloudtrail register-organization-delegated-admin) et le déclarer`,
  },
  appliesTo: ['AWS::CloudTrail::Trail'],
  observes: ['organizationTrail', 'account', 'managementAccount'],
  observe(trail: Resource, { input }: RuleContext) {
    const org = zoneOrganization(input);
    return evidenceOf({
      organizationTrail: trail.properties.IsOrganizationTrail,
      account: trail.template.stack.account,
      managementAccount: org?.managementAccount,
      delegatedAdministrator: org?.delegatedAdministrators[CLOUDTRAIL_PRINCIPAL],
    });
  },
  check(trail: Resource, { input }: RuleContext): Outcome {
    if (!isDeployedStack(trail.template)) return 'not-applicable';
    const organizationTrail = bool(trail.properties.IsOrganizationTrail);
    if (organizationTrail === undefined || organizationTrail === false) return 'not-applicable';
    if (typeof organizationTrail !== 'boolean') {
      return cannotProve(unknownValue('IsOrganizationTrail', 'IsOrganizationTrail', organizationTrail));
    }
    const account = trail.template.stack.account;
    if (account === undefined) {
      return cannotProve({
        en: 'it is an organization trail in a stack whose account is unknown: whether CloudTrail lets that account create it cannot be proven',
        fr: "c'est une piste d'organisation dans une pile dont le compte est inconnu : que CloudTrail permette à ce compte de la créer ne peut être prouvé",
      });
    }
    const org = zoneOrganization(input);
    const management = org?.managementAccount ?? undefined;
    if (!org || management === undefined) {
      return cannotProve({
        en: `it is an organization trail in account ${account}, but no landing-zone summary says which account is the management account or CloudTrail's delegated administrator`,
        fr: `c'est une piste d'organisation dans le compte ${account}, mais aucun résumé de zone d'atterrissage ne dit quel compte est le compte de gestion ou l'administrateur délégué de CloudTrail`,
      });
    }
    const delegated = org.delegatedAdministrators[CLOUDTRAIL_PRINCIPAL];
    if (account === management || account === delegated) return 'pass';
    return fail({
      en: `it is an organization trail in a stack of account ${account}, which is neither the management account (${management}) nor CloudTrail's delegated administrator (${delegated ?? 'none declared'}): CloudTrail refuses to create it there`,
      fr: `c'est une piste d'organisation dans une pile du compte ${account}, qui n'est ni le compte de gestion (${management}) ni l'administrateur délégué de CloudTrail (${delegated ?? 'aucun déclaré'}) : CloudTrail refuse de l'y créer`,
    });
  },
};
