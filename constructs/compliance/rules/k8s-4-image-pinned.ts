import { parseImageReference } from '../../core';
import { isUnresolved } from '../normalize/intrinsics';
import { imageOf, podTemplateOf, WORKLOAD_TYPES } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { cannotProve, combine, fail, unknownValue, type Outcome, type ResourceRule } from '../judge/rule';

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
        if (ref.tag === undefined || ref.tag === 'latest') {
          return fail({
            en: `image '${image}' of container '${name}' is not pinned (${ref.tag ? "tag 'latest'" : 'no tag'}): it can change under the same name`,
            fr: `l'image '${image}' du conteneur '${name}' n'est pas épinglée (${ref.tag ? "étiquette 'latest'" : "pas d'étiquette"}) : elle peut changer sous le même nom`,
          });
        }
        return cannotProve({
          en: `image '${image}' of container '${name}' is pinned by tag '${ref.tag}', which stays put only if the registry makes tags immutable`,
          fr: `l'image '${image}' du conteneur '${name}' est épinglée par l'étiquette '${ref.tag}', qui ne reste fixe que si le registre rend les étiquettes immuables`,
        });
      }),
    ]);
  },
};
