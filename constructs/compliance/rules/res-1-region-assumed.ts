import type { Template } from '../normalize/model';
import type { LocatedPass, LocatedProblem, TemplateRule } from '../judge/rule';
import { evidenceOf, placeEvidence } from '../judge/evidence';

/** RES-1: a region given with --region is an assumption, reported as info. */
export const res1RegionAssumed: TemplateRule = {
  id: 'RES-1/region-assumed',
  control: 'RES-1',
  scope: 'template',
  title: {
    en: 'The region of a template is proven, not assumed',
    fr: "La région d'un modèle est prouvée, non supposée",
  },
  description:
    'A template checked without a cloud-assembly environment takes its region from --region: residency then rests on that assumption, which the report states as info.',
  remediation: {
    en: 'Check the cloud assembly (cdk.out, or out/aws), whose environment proves the region',
    fr: "Vérifier l'assemblage cloud (cdk.out, ou out/aws), dont l'environnement prouve la région",
  },
  appliesTo: [],
  observes: ['region', 'country', 'regionOrigin'],
  check(template: Template): Array<LocatedProblem | LocatedPass> {
    const { region, regionOrigin } = template.stack;
    if (regionOrigin === undefined) return [];
    const evidence = evidenceOf({ ...placeEvidence(template), regionOrigin });
    if (regionOrigin === 'environment') return [{ pass: true, template, evidence }];
    return [
      {
        template,
        evidence,
        status: 'cannot-prove',
        severity: 'info',
        message: {
          en: `region '${region}' is assumed from --region: the template has no cloud-assembly environment that proves it`,
          fr: `la région '${region}' est supposée d'après --region : le modèle n'a pas d'environnement d'assemblage cloud qui la prouve`,
        },
      },
    ];
  },
};
