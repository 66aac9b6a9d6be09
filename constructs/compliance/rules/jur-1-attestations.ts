import type { CheckInput } from '../normalize/model';
import type { InputRule, LocatedPass, LocatedProblem, RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/** JUR-1: the profile's non-technical obligations are attested; each is a manual check. */
export const jur1Attestations: InputRule = {
  id: 'JUR-1/attestations',
  control: 'JUR-1',
  scope: 'input',
  title: {
    en: 'Non-technical obligations are attested',
    fr: 'Les obligations non techniques sont attestées',
  },
  description:
    'Each attestation of the profile (provider qualification, contract law, transfer authorizations, classification review) is a manual check: reported as open until the profile records its reference.',
  remediation: {
    en: "Record the attestation's reference (decision, contract or authorization number) in the profile file",
    fr: "Consigner la référence de l'attestation (numéro de décision, de contrat ou d'autorisation) dans le fichier du profil",
  },
  appliesTo: [],
  observes: ['attestation', 'reference'],
  check(_input: CheckInput, { profile }: RuleContext): Array<LocatedProblem | LocatedPass> {
    return profile.attestations.map((a): LocatedProblem | LocatedPass => {
      const subject = `attestation/${a.id}`;
      if (a.reference)
        return { pass: true, subject, evidence: evidenceOf({ attestation: a.id, reference: a.reference }) };
      return {
        subject,
        evidence: { attestation: a.id },
        status: 'cannot-prove',
        severity: 'info',
        message: {
          en: `manual check, not attested: ${a.description}`,
          fr: `contrôle manuel, non attesté : ${a.description}`,
        },
        source: a.source,
      };
    });
  },
};
