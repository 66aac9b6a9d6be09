import { resourcesOfType } from '../normalize/facts';
import type { CheckInput } from '../normalize/model';
import { cannotProve, type InputRule, type LocatedPass, type LocatedProblem } from '../judge/rule';
import { evidenceOf, placeEvidence } from '../judge/evidence';
import { hasCloudFormation } from './worlds';

/** LOG-1: the input holds a trail (whole input: absent is cannot-prove, not a failure). */
export const log1TrailPresent: InputRule = {
  id: 'LOG-1/trail-present',
  control: 'LOG-1',
  scope: 'input',
  title: {
    en: 'Security events are recorded by a trail',
    fr: 'Les événements de sécurité sont enregistrés par un journal de suivi',
  },
  description:
    "Somewhere in the input an AWS::CloudTrail::Trail records the management events. Judged over the whole input: a workload stack checked alone is not failed for lacking the organization's trail, but the trail cannot be proven.",
  remediation: {
    en: 'Check the landing zone together with its audit trail (e.g. the whole cloud assembly), or deploy a trail',
    fr: "Vérifier la zone d'atterrissage avec son journal d'audit (par exemple l'assemblage cloud entier), ou déployer un journal de suivi",
  },
  appliesTo: ['AWS::CloudTrail::Trail'],
  observes: ['trail', 'region'],
  check(input: CheckInput): Array<LocatedProblem | LocatedPass> {
    if (!hasCloudFormation(input)) return [];
    const trails = resourcesOfType(input, 'AWS::CloudTrail::Trail');
    if (trails.length) {
      return trails.map((resource) => ({
        pass: true as const,
        resource,
        evidence: evidenceOf({
          trail: resource.properties.TrailName ?? resource.id,
          region: placeEvidence(resource.template).region,
          trails: trails.length,
        }),
      }));
    }
    return [
      cannotProve(
        {
          en: 'no CloudTrail trail in the input: the recording of security events cannot be proven',
          fr: "aucun journal de suivi CloudTrail parmi les artefacts vérifiés : impossible de prouver l'enregistrement des événements de sécurité",
        },
        { evidence: { trails: 0 } },
      ),
    ];
  },
};
