import type { Resource } from '../model';
import { cannotProve, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';
import { levelOf, levelUnknown, mayLiveAnywhere, placeInRegion } from './helpers';

/** RES-1: the stack's region may host the resource's level. */
export const res1StackRegion: ResourceRule = {
  id: 'RES-1/stack-region',
  control: 'RES-1',
  scope: 'resource',
  title: "The stack's region may host the level of its data",
  description:
    "The region of the resource's stack (from the cloud assembly's environment, or assumed with --region) is allowed for its classification level by the profile. An environment-agnostic stack, or a template without an environment, cannot prove residency.",
  remediation: "Deploy the stack to a region the profile allows for the level: give it env: { region: '…' }",
  appliesTo: 'taggable',
  check(resource: Resource, { profile }: RuleContext): Outcome {
    const level = levelOf(resource);
    if (!level) return levelUnknown(resource, 'its residency');
    const { region, environmentAgnostic, name } = resource.template.stack;
    if (region === undefined) {
      if (mayLiveAnywhere(profile, level)) return 'pass';
      const policy = profile.levels[level];
      return cannotProve(
        environmentAgnostic
          ? `stack '${name}' is environment-agnostic, so the residency of level '${level}' cannot be proven`
          : `the template has no cloud-assembly environment, so the residency of level '${level}' cannot be proven`,
        {
          source: policy.source,
          remediation: environmentAgnostic
            ? "Give the stack an explicit region, e.g. env: { region: 'eu-west-3' }"
            : 'Check the cloud assembly instead of the bare template, or state the region with --region',
        },
      );
    }
    const decision = placeInRegion(profile, level, region);
    if (decision.status === 'denied') {
      return fail(decision.reason, { source: decision.source, remediation: decision.remedy });
    }
    if (decision.status === 'cannot-prove') {
      return cannotProve(decision.reason, { source: decision.source, remediation: decision.remedy });
    }
    if (decision.advisories.length && !decision.transfer) {
      return fail(decision.advisories.join('; '), { severity: 'info', source: decision.source });
    }
    return 'pass';
  },
};
