import { type JurisdictionProfile, type ValidationProblem, allowlistedRegistry, parseImageReference } from '../core';

/**
 * K8S-4 for one container image: it must come from a registry on the profile's
 * `allowlists.imageRegistries` and be pinned by digest. With no registry declared, the
 * origin cannot be proven, which is refused too. Framework-neutral.
 */
export function imageProblems(profile: JurisdictionProfile, image: string, what = 'image'): ValidationProblem[] {
  const source = profile.controls['K8S-4'].source;
  const k8s4 = (message: string, remedy: string): ValidationProblem => ({ rule: 'K8S-4', message, source, remedy });
  const ref = parseImageReference(image);
  if (!ref) return [k8s4(`${what} '${String(image)}' is not an image reference`, 'Use registry/path@sha256:<digest>')];
  const allowlist = profile.allowlists.imageRegistries;
  const problems: ValidationProblem[] = [];
  if (allowlist.length === 0) {
    problems.push(
      k8s4(
        `profile '${profile.id}' declares no trusted image registries, so the origin of ${what} '${image}' cannot be proven`,
        "Add the in-country registries to the profile's allowlists.imageRegistries",
      ),
    );
  } else if (!allowlistedRegistry(ref, allowlist)) {
    problems.push(
      k8s4(
        `${what} '${image}' is not from a registry on the profile's allowlist (${allowlist.join(', ')})`,
        'Mirror the image into an allowlisted in-country registry',
      ),
    );
  }
  if (!ref.digest) {
    problems.push(
      k8s4(
        `${what} '${image}' is not pinned by digest: a tag can be moved to other content`,
        'Reference it as registry/path@sha256:<digest>',
      ),
    );
  }
  return problems;
}
