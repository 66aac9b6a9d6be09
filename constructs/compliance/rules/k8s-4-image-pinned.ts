import { parseImageReference, type ImageReference } from '../../core';
import { isUnresolved } from '../normalize/intrinsics';
import { imageOf, namespaceOf, podTemplateOf, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { cannotProve, combine, fail, unknownValue, type Outcome, type ResourceRule } from '../judge/rule';
import { evidenceOf, observed } from '../judge/evidence';

/** The images of a workload's containers as written (an unresolved one as its expression), parsed. */
export function workloadImages(workload: Resource): Array<{ shown: string; ref?: ImageReference }> {
  return (podTemplateOf(workload)?.containers ?? []).flatMap(({ container }) => {
    const shown = observed(container.image);
    if (typeof shown !== 'string' || !shown) return [];
    const ref = typeof container.image === 'string' ? parseImageReference(container.image) : undefined;
    return [{ shown, ...(ref ? { ref } : {}) }];
  });
}

/** The first 20 images of a workload, the count when there are more, and its namespace. */
export function imagesEvidence(workload: Resource, images: ReadonlyArray<{ shown: string }>) {
  const shown = [...new Set(images.map((i) => i.shown))];
  return {
    namespace: namespaceOf(workload),
    images: shown.length ? shown.slice(0, 20) : undefined,
    imageCount: shown.length > 20 ? shown.length : undefined,
  };
}

/** How an image is pinned: by `digest`, by `tag`, by `latest`, or `none` (no tag). */
function pinning(ref: ImageReference): string {
  return ref.digest ? 'digest' : ref.tag === undefined ? 'none' : ref.tag === 'latest' ? 'latest' : 'tag';
}

/** K8S-4: images are pinned, so that what runs is what was reviewed. */
export const k8s4ImagePinned: ResourceRule = {
  id: 'K8S-4/image-pinned',
  control: 'K8S-4',
  scope: 'resource',
  title: {
    en: 'Images are pinned by digest',
    fr: 'Les images sont épinglées par empreinte (digest)',
  },
  description:
    "Every container image is pinned by digest (@sha256:…). No tag or 'latest' is mutable by definition and fails; another tag is immutable only if the registry enforces it, which the artifacts cannot show (cannot-prove).",
  remediation: {
    en: 'Reference the image as registry/path@sha256:<digest>',
    fr: "Référencer l'image sous la forme registre/chemin@sha256:<empreinte>",
  },
  appliesTo: WORKLOAD_TYPES,
  observes: ['images', 'pinning'],
  observe(workload: Resource) {
    const images = workloadImages(workload);
    const pinnings = [...new Set(images.flatMap((i) => (i.ref ? [pinning(i.ref)] : [])))];
    return evidenceOf({ ...imagesEvidence(workload, images), pinning: pinnings.length ? pinnings : undefined });
  },
  check(workload: Resource): Outcome {
    const pod = podTemplateOf(workload);
    if (!pod) return 'not-applicable';
    const unjudged = pod.problems.map((p) => cannotProve(p));
    if (!pod.containers.length) return unjudged.length ? combine(unjudged) : 'not-applicable';
    return combine([
      ...unjudged,
      ...pod.containers.map((c): Outcome => {
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
        if (!ref) return 'not-applicable';
        if (ref.digest) return 'pass';
        const evidence = evidenceOf({ container: name, image, pinning: pinning(ref) });
        if (ref.tag === undefined || ref.tag === 'latest') {
          return fail(
            {
              en: `image '${image}' of container '${name}' is not pinned (${ref.tag ? "tag 'latest'" : 'no tag'}): it can change under the same name`,
              fr: `l'image '${image}' du conteneur '${name}' n'est pas épinglée (${ref.tag ? "étiquette 'latest'" : "pas d'étiquette"}) : elle peut changer sous le même nom`,
            },
            { evidence },
          );
        }
        return cannotProve(
          {
            en: `image '${image}' of container '${name}' is pinned by tag '${ref.tag}', which stays put only if the registry makes tags immutable`,
            fr: `l'image '${image}' du conteneur '${name}' est épinglée par l'étiquette '${ref.tag}', qui ne reste fixe que si le registre rend les étiquettes immuables`,
          },
          { evidence: { ...evidence, tag: ref.tag } },
        );
      }),
    ]);
  },
};
