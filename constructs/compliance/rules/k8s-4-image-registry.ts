import { allowlistedRegistry, parseImageReference } from '../../core';
import { isUnresolved } from '../normalize/intrinsics';
import { imageOf, podTemplateOf, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import {
  cannotProve,
  combine,
  fail,
  unknownValue,
  type Outcome,
  type ResourceRule,
  type RuleContext,
} from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { imagesEvidence, workloadImages } from './k8s-4-image-pinned';

/** The registry Docker Hub shorthand (`nginx:1.27`) pulls from. */
const DEFAULT_REGISTRY = 'docker.io';

/** K8S-4: images come from the profile's trusted in-country registries. */
export const k8s4ImageRegistry: ResourceRule = {
  id: 'K8S-4/image-registry',
  control: 'K8S-4',
  scope: 'resource',
  title: {
    en: 'Images come from trusted in-country registries',
    fr: 'Les images proviennent de registres de confiance situés dans le pays',
  },
  description:
    "Every container image (init and ephemeral ones too) is pulled from a registry (or registry path) on the profile's allowlists.imageRegistries. Without an allowlist, the origin of images cannot be proven.",
  remediation: {
    en: "Mirror the image into an in-country registry of the profile's allowlists.imageRegistries",
    fr: "Copier l'image dans un registre situé dans le pays et inscrit dans allowlists.imageRegistries du profil",
  },
  appliesTo: WORKLOAD_TYPES,
  observes: ['images', 'registries', 'allowedRegistries'],
  observe(workload: Resource, { profile }: RuleContext) {
    const images = workloadImages(workload);
    const registries = [...new Set(images.flatMap((i) => (i.ref ? [i.ref.registry ?? DEFAULT_REGISTRY] : [])))];
    const allowed = profile.allowlists.imageRegistries;
    return evidenceOf({
      ...imagesEvidence(workload, images),
      registries: registries.length ? registries : undefined,
      allowedRegistries: allowed.length ? allowed.slice(0, 20) : undefined,
    });
  },
  check(workload: Resource, { profile }: RuleContext): Outcome {
    const pod = podTemplateOf(workload);
    if (!pod) return 'not-applicable';
    const unjudged = pod.problems.map((p) => cannotProve(p));
    const { containers } = pod;
    if (!containers.length) return unjudged.length ? combine(unjudged) : 'not-applicable';
    const allowlist = profile.allowlists.imageRegistries;
    if (!allowlist.length) {
      const images = containers.map((c) => `'${String(c.container.image)}'`).join(', ');
      return combine([
        ...unjudged,
        cannotProve(
          {
            en: `profile '${profile.id}' declares no trusted image registries, so the origin of ${images} cannot be proven`,
            fr: `le profil '${profile.id}' ne déclare aucun registre d'images de confiance : impossible donc de prouver l'origine de ${images}`,
          },
          {
            remediation: {
              en: "Declare the in-country registries in the profile's allowlists.imageRegistries",
              fr: 'Déclarer les registres situés dans le pays dans allowlists.imageRegistries du profil',
            },
          },
        ),
      ]);
    }
    return combine([
      ...unjudged,
      ...containers.map((c): Outcome => {
        const { name } = c;
        if (isUnresolved(c.container.image)) {
          return cannotProve(
            unknownValue(`the image of container '${name}'`, `l'image du conteneur '${name}'`, c.container.image),
          );
        }
        const read = imageOf(c);
        if ('problem' in read) return cannotProve(read.problem);
        const { image } = read;
        const ref = parseImageReference(image);
        if (!ref) {
          return fail(
            {
              en: `container '${name}' has no valid image reference (${JSON.stringify(image)})`,
              fr: `le conteneur '${name}' n'a pas de référence d'image valide (${JSON.stringify(image)})`,
            },
            { evidence: evidenceOf({ container: name, image }) },
          );
        }
        return allowlistedRegistry(ref, allowlist)
          ? 'pass'
          : fail(
              {
                en: `image '${image}' of container '${name}' is not from a registry on the profile's allowlist (${allowlist.join(', ')})`,
                fr: `l'image '${image}' du conteneur '${name}' ne provient pas d'un registre de la liste d'autorisation du profil (${allowlist.join(', ')})`,
              },
              { evidence: evidenceOf({ container: name, image, registry: ref.registry ?? DEFAULT_REGISTRY }) },
            );
      }),
    ]);
  },
};
