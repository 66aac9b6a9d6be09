import type { Resource } from '../normalize/model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf, placeEvidence } from '../judge/evidence';
import { levelOf, levelUnknown, mayLiveAnywhere, placeInRegionText } from './helpers';
import { allowedPlaces } from './site-placement';

/** RES-1: the stack's region may host the resource's level. */
export const res1StackRegion: ResourceRule = {
  id: 'RES-1/stack-region',
  control: 'RES-1',
  scope: 'resource',
  title: {
    en: "The stack's region may host the level of its data",
    fr: 'La région de la pile peut héberger le niveau de ses données',
  },
  description:
    "The region of the resource's stack (from the cloud assembly's environment, or assumed with --region) is allowed for its classification level by the profile. An environment-agnostic stack, or a template without an environment, cannot prove residency.",
  remediation: {
    en: "Deploy the stack to a region the profile allows for the level: give it env: { region: '…' }",
    fr: "Déployer la pile dans une région que le profil autorise pour le niveau : lui donner env: { region: '…' }",
  },
  appliesTo: 'taggable',
  observes: ['region', 'country', 'level'],
  observe(resource: Resource, { profile }: RuleContext) {
    const level = levelOf(resource);
    const { region, regionOrigin } = resource.template.stack;
    // The decision is remembered per level and region: reading its transfer costs nothing.
    const transfer =
      level && region !== undefined ? placeInRegionText(profile, level, region).decision.transfer : undefined;
    return evidenceOf({
      ...placeEvidence(resource.template),
      level,
      regionOrigin,
      transfer: transfer?.reference,
      ...allowedPlaces(profile, level),
    });
  },
  check(resource: Resource, { profile }: RuleContext): Outcome {
    const level = levelOf(resource);
    if (!level) return levelUnknown(resource, { en: 'its residency', fr: 'sa résidence' });
    const { region, environmentAgnostic, name } = resource.template.stack;
    if (region === undefined) {
      if (mayLiveAnywhere(profile, level)) return 'pass';
      const policy = profile.levels[level];
      return cannotProve(
        environmentAgnostic
          ? {
              en: `stack '${name}' is environment-agnostic, so the residency of level '${level}' cannot be proven`,
              fr: `la pile '${name}' est indépendante de tout environnement : impossible donc de prouver la résidence du niveau '${level}'`,
            }
          : {
              en: `the template has no cloud-assembly environment, so the residency of level '${level}' cannot be proven`,
              fr: `le modèle n'a pas d'environnement d'assemblage cloud : impossible donc de prouver la résidence du niveau '${level}'`,
            },
        {
          source: policy.source,
          remediation: environmentAgnostic
            ? {
                en: "Give the stack an explicit region, e.g. env: { region: 'eu-west-3' }",
                fr: "Donner à la pile une région explicite, par exemple env: { region: 'eu-west-3' }",
              }
            : {
                en: 'Check the cloud assembly instead of the bare template, or state the region with --region',
                fr: "Vérifier l'assemblage cloud plutôt que le modèle seul, ou indiquer la région avec --region",
              },
        },
      );
    }
    const { decision, reason, remedy, advisories } = placeInRegionText(profile, level, region);
    if (decision.status === 'denied') {
      return fail(reason, { source: decision.source, remediation: remedy });
    }
    if (decision.status === 'cannot-prove') {
      return cannotProve(reason, { source: decision.source, remediation: remedy });
    }
    if (advisories.length && !decision.transfer) {
      return fail(
        { en: advisories.map((a) => a.en).join('; '), fr: advisories.map((a) => a.fr).join(' ; ') },
        { severity: 'info', source: decision.source },
      );
    }
    return 'pass';
  },
};
