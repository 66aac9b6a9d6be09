import { allowlistedRegistry, parseImageReference } from '../../core';
import { isUnresolved } from '../intrinsics';
import { containersOf, podSpecOf, WORKLOAD_TYPES } from '../kubernetes-facts';
import type { Resource } from '../model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';

/** K8S-4: images come from the profile's trusted in-country registries. */
export const k8s4ImageRegistry: ResourceRule = {
  id: 'K8S-4/image-registry',
  control: 'K8S-4',
  scope: 'resource',
  title: 'Images come from trusted in-country registries',
  description:
    "Every container image (init and ephemeral ones too) is pulled from a registry (or registry path) on the profile's allowlists.imageRegistries. Without an allowlist, the origin of images cannot be proven.",
  remediation: "Mirror the image into an in-country registry of the profile's allowlists.imageRegistries",
  appliesTo: WORKLOAD_TYPES,
  check(workload: Resource, { profile }: RuleContext): Outcome {
    const containers = containersOf(podSpecOf(workload));
    if (!containers.length) return 'not-applicable';
    const allowlist = profile.allowlists.imageRegistries;
    if (!allowlist.length) {
      return cannotProve(
        `profile '${profile.id}' declares no trusted image registries, so the origin of ${containers.map((c) => `'${String(c.container.image)}'`).join(', ')} cannot be proven`,
        { remediation: "Declare the in-country registries in the profile's allowlists.imageRegistries" },
      );
    }
    return combine(
      containers.map(({ container, name }): Outcome => {
        const image = container.image;
        if (isUnresolved(image)) return cannotProve(`the image of container '${name}' is ${image.describe()}`);
        const ref = typeof image === 'string' ? parseImageReference(image) : undefined;
        if (!ref) return fail(`container '${name}' has no valid image reference (${JSON.stringify(image)})`);
        return allowlistedRegistry(ref, allowlist)
          ? 'pass'
          : fail(
              `image '${image}' of container '${name}' is not from a registry on the profile's allowlist (${allowlist.join(', ')})`,
            );
      }),
    );
  },
};
