import {
  type JurisdictionProfile,
  type LocalizedText,
  type ValidationProblem,
  allowlistedRegistry,
  parseImageReference,
} from '../core';

/** What an image is called in messages, by default. */
const IMAGE: LocalizedText = { en: 'image', fr: "l'image" };

/**
 * K8S-4 for one container image: it must come from a registry on the profile's
 * `allowlists.imageRegistries` and be pinned by digest. With no registry declared, the
 * origin cannot be proven, which is refused too. Framework-neutral. `what` names the image
 * in the messages (a plain string reads the same in every language).
 */
export function imageProblems(
  profile: JurisdictionProfile,
  image: string,
  what: string | LocalizedText = IMAGE,
): ValidationProblem[] {
  const name: LocalizedText = typeof what === 'string' ? { en: what, fr: what } : what;
  const source = profile.controls['K8S-4'].source;
  const k8s4 = (message: LocalizedText, remedy: LocalizedText): ValidationProblem => ({
    rule: 'K8S-4',
    message,
    source,
    remedy,
  });
  const ref = parseImageReference(image);
  if (!ref) {
    return [
      k8s4(
        {
          en: `${name.en} '${String(image)}' is not an image reference`,
          fr: `${name.fr} '${String(image)}' n'est pas une référence d'image`,
        },
        { en: 'Use registry/path@sha256:<digest>', fr: 'Utilisez registre/chemin@sha256:<digest>' },
      ),
    ];
  }
  const allowlist = profile.allowlists.imageRegistries;
  const problems: ValidationProblem[] = [];
  if (allowlist.length === 0) {
    problems.push(
      k8s4(
        {
          en: `profile '${profile.id}' declares no trusted image registries, so the origin of ${name.en} '${image}' cannot be proven`,
          fr: `le profil '${profile.id}' ne déclare aucun registre d'images de confiance : l'origine de ${name.fr} '${image}' ne peut donc pas être prouvée`,
        },
        {
          en: "Add the in-country registries to the profile's allowlists.imageRegistries",
          fr: 'Ajoutez les registres situés dans le pays à allowlists.imageRegistries du profil',
        },
      ),
    );
  } else if (!allowlistedRegistry(ref, allowlist)) {
    problems.push(
      k8s4(
        {
          en: `${name.en} '${image}' is not from a registry on the profile's allowlist (${allowlist.join(', ')})`,
          fr: `${name.fr} '${image}' ne provient pas d'un registre de la liste autorisée du profil (${allowlist.join(', ')})`,
        },
        {
          en: 'Mirror the image into an allowlisted in-country registry',
          fr: "Copiez l'image dans un registre autorisé situé dans le pays",
        },
      ),
    );
  }
  if (!ref.digest) {
    problems.push(
      k8s4(
        {
          en: `${name.en} '${image}' is not pinned by digest: a tag can be moved to other content`,
          fr: `${name.fr} '${image}' n'est pas épinglée par empreinte (digest) : une étiquette peut être déplacée vers un autre contenu`,
        },
        {
          en: 'Reference it as registry/path@sha256:<digest>',
          fr: 'Référencez-la sous la forme registre/chemin@sha256:<digest>',
        },
      ),
    );
  }
  return problems;
}
