import type { CheckInput } from '../model';
import type { InputRule, LocatedPass, LocatedProblem, RuleContext } from '../rule';

/** JUR-1: the profile's non-technical obligations are attested; each is a manual check. */
export const jur1Attestations: InputRule = {
  id: 'JUR-1/attestations',
  control: 'JUR-1',
  scope: 'input',
  title: 'Non-technical obligations are attested',
  description:
    'Each attestation of the profile (provider qualification, contract law, transfer authorizations, classification review) is a manual check: reported as open until the profile records its reference.',
  remediation: "Record the attestation's reference (decision, contract or authorization number) in the profile file",
  appliesTo: [],
  check(_input: CheckInput, { profile }: RuleContext): Array<LocatedProblem | LocatedPass> {
    return profile.attestations.map((a) => {
      const subject = `attestation/${a.id}`;
      if (a.reference) return { pass: true as const, subject };
      return {
        subject,
        status: 'cannot-prove' as const,
        severity: 'info' as const,
        message: `manual check, not attested: ${a.description}`,
        source: a.source,
      };
    });
  },
};
