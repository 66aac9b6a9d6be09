import type { Template } from '../model';
import type { LocatedPass, LocatedProblem, TemplateRule } from '../rule';

/** RES-1: a region given with --region is an assumption, reported as info. */
export const res1RegionAssumed: TemplateRule = {
  id: 'RES-1/region-assumed',
  control: 'RES-1',
  scope: 'template',
  title: 'The region of a template is proven, not assumed',
  description:
    'A template checked without a cloud-assembly environment takes its region from --region: residency then rests on that assumption, which the report states as info.',
  remediation: 'Check the cloud assembly (cdk.out, or out/aws), whose environment proves the region',
  appliesTo: [],
  check(template: Template): Array<LocatedProblem | LocatedPass> {
    const { region, regionOrigin } = template.stack;
    if (regionOrigin === 'environment') return [{ pass: true, template }];
    if (regionOrigin !== 'assumed') return [];
    return [
      {
        template,
        status: 'cannot-prove',
        severity: 'info',
        message: `region '${region}' is assumed from --region: the template has no cloud-assembly environment that proves it`,
      },
    ];
  },
};
