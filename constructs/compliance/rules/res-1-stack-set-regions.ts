import { findCloudRegion } from '../../core';
import { isUnresolved, type Unresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { cannotProve, combine, type Outcome, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf, observed } from '../judge/evidence';
import { at, list, str } from '../normalize/values';
import { levelOf, levelUnknown, mayLiveAnywhere, placeInRegionText } from './helpers';
import { allowedPlaces, listed } from './site-placement';

/** The StackInstancesGroup (undefined without one), and the regions of its groups as written. */
function stackInstances(stackSet: Resource): {
  groups: readonly unknown[] | Unresolved | undefined;
  regions: Array<string | Unresolved | undefined>;
} {
  const groups = list(at(stackSet.properties, 'StackInstancesGroup'));
  const regions = isUnresolved(groups)
    ? []
    : (groups ?? []).flatMap((group) => {
        const named = list(at(group, 'Regions'));
        return named === undefined ? [] : isUnresolved(named) ? [named] : named.map((r) => str(r));
      });
  return { groups, regions };
}

/**
 * RES-1: a StackSet deploys its template to every region of its stack instances, so each
 * region must be allowed for the StackSet's level — the same rule as for a stack, applied to
 * every place the StackSet lands.
 */
export const res1StackSetRegions: ResourceRule = {
  id: 'RES-1/stack-set-regions',
  control: 'RES-1',
  scope: 'resource',
  title: {
    en: 'StackSets deploy only to regions allowed for their level',
    fr: 'Les StackSets ne se déploient que dans des régions autorisées pour leur niveau',
  },
  description:
    "Every region of an AWS::CloudFormation::StackSet's stack instances (StackInstancesGroup) is allowed for the StackSet's level: its template lands in each.",
  remediation: {
    en: 'Deploy the StackSet only to regions the profile allows for its level',
    fr: 'Ne déployer le StackSet que dans des régions que le profil autorise pour son niveau',
  },
  appliesTo: ['AWS::CloudFormation::StackSet'],
  observes: ['regions', 'countries', 'level'],
  observe(stackSet: Resource, { profile }: RuleContext) {
    const { groups, regions } = stackInstances(stackSet);
    const shown = regions.map((r) => String(observed(r) ?? 'unknown'));
    const countries = regions.map((r) =>
      typeof r === 'string' ? (findCloudRegion(r)?.country ?? 'unknown') : 'unknown',
    );
    const level = levelOf(stackSet);
    return evidenceOf({
      regions: isUnresolved(groups) ? groups : listed([...new Set(shown)]),
      countries: isUnresolved(groups) ? 'unknown' : listed([...new Set(countries)]),
      level,
      ...allowedPlaces(profile, level),
    });
  },
  check(stackSet: Resource, { profile }: RuleContext): Outcome {
    const { groups, regions } = stackInstances(stackSet);
    // A StackSet with no instances deploys nothing (yet).
    if (groups === undefined) return 'not-applicable';
    const level = levelOf(stackSet);
    if (level && mayLiveAnywhere(profile, level)) return 'pass';
    if (!level)
      return levelUnknown(stackSet, {
        en: 'the residency of its stack instances',
        fr: 'la résidence de ses instances de pile',
      });
    if (isUnresolved(groups)) {
      return cannotProve({
        en: `the regions of its stack instances are unknown (${groups.describe('en')})`,
        fr: `les régions de ses instances de pile sont inconnues (${groups.describe('fr')})`,
      });
    }
    if (!regions.length) return 'not-applicable';
    return combine(
      regions.map((region): Outcome => {
        if (typeof region !== 'string') {
          const why = isUnresolved(region)
            ? { en: region.describe('en'), fr: region.describe('fr') }
            : { en: 'not a string', fr: 'pas une chaîne' };
          return cannotProve({
            en: `a region of its stack instances is unknown (${why.en})`,
            fr: `une région de ses instances de pile est inconnue (${why.fr})`,
          });
        }
        const { decision, reason, remedy } = placeInRegionText(profile, level, region);
        if (decision.status === 'allowed') return 'pass';
        return {
          status: decision.status === 'denied' ? 'fail' : 'cannot-prove',
          message: {
            en: `stack instances in ${region}: ${reason.en}`,
            fr: `instances de pile dans ${region} : ${reason.fr}`,
          },
          source: decision.source,
          remediation: remedy,
        };
      }),
    );
  },
};
