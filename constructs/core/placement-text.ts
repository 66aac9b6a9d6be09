import type { ClassificationLevel } from './classification';
import type { LocalizedText } from './i18n';
import { decidePlacement, type PlacementDecision, type PlacementTarget } from './placement';
import type { JurisdictionProfile } from './profile';
import { findCloudRegion } from './regions';

/**
 * Placement decisions (core's `decidePlacement`) in both languages, for the findings of the
 * residency rules and the RES-1 messages of the constructs. The English is the decision's own text; the French follows the same
 * branches of the decision (a level hosted nowhere, a cloud region off the level's list, an
 * unknown country, a country that is no host country), read from the profile.
 */

/** A placement decision with its reason, remedy and advisories in both languages. */
export interface LocalizedDecision {
  readonly decision: PlacementDecision;
  /** The target in words, as the subject of a sentence (`AWS region 'eu-west-3' (FR)`, `la région AWS …`). */
  readonly target: LocalizedText;
  readonly reason: LocalizedText;
  /** What to do instead, when denied or unproven. */
  readonly remedy?: LocalizedText;
  readonly advisories: readonly LocalizedText[];
}

/** The target in French, as the subject of a sentence (`la région AWS 'eu-west-3' (FR)`). */
function targetFr(target: PlacementTarget, country: string | undefined): { the: string; in: string; of: string } {
  if (target.kind === 'site') {
    const name = `site '${target.site.name}' (${target.site.country})`;
    return { the: `le ${name}`, in: `sur le ${name}`, of: `du ${name}` };
  }
  const name = `région AWS '${target.region}'${country ? ` (${country})` : ''}`;
  return { the: `la ${name}`, in: `dans la ${name}`, of: `de la ${name}` };
}

/** Decides whether data of `level` may be hosted at `target`, with the texts in both languages. */
export function decidePlacementText(
  profile: JurisdictionProfile,
  level: ClassificationLevel,
  target: PlacementTarget,
): LocalizedDecision {
  const decision = decidePlacement(profile, level, target);
  const policy = profile.levels[level];
  const country = target.kind === 'site' ? target.site.country : findCloudRegion(target.region)?.country;
  const where = targetFr(target, country);
  const subject: LocalizedText = { en: decision.target, fr: where.the };
  const remedy = (fr: string): LocalizedText | undefined =>
    decision.remedy !== undefined ? { en: decision.remedy, fr } : undefined;
  const text = (fr: string): LocalizedText => ({ en: decision.reason, fr });
  // The advisories of an allowed placement, in the decision's order: a non-preferred country, a transfer.
  const advisoriesFr: string[] = [];
  const preferred = policy.preferredCountries;
  if (decision.status === 'allowed' && country !== undefined && preferred && !preferred.includes(country)) {
    advisoriesFr.push(`${where.the} est hors des pays préférés pour le niveau '${level}'`);
  }
  if (decision.transfer) {
    advisoriesFr.push(`repose sur le transfert ${decision.transfer.basis} '${decision.transfer.reference}'`);
  }
  const advisories = decision.advisories.map((en, i) => ({
    en,
    fr: advisoriesFr.length === decision.advisories.length ? advisoriesFr[i] : en,
  }));
  const under = `sous le profil '${profile.id}'`;

  if (decision.status === 'allowed') {
    const fr = decision.transfer
      ? `le niveau '${level}' peut être hébergé ${where.in} au titre du transfert ${decision.transfer.basis} enregistré '${decision.transfer.reference}'`
      : country === undefined
        ? `le niveau '${level}' peut être hébergé n'importe où`
        : `le niveau '${level}' peut être hébergé ${where.in}`;
    return { decision, target: subject, reason: text(fr), advisories };
  }
  if (decision.status === 'cannot-prove') {
    return {
      decision,
      target: subject,
      reason: text(`le pays ${where.of} est inconnu : la résidence du niveau '${level}' ne peut donc pas être prouvée`),
      remedy: remedy('Utiliser une région de la table des régions du noyau, ou un site déclaré'),
      advisories,
    };
  }
  if (policy.hostCountries !== '*' && policy.hostCountries.length === 0) {
    return {
      decision,
      target: subject,
      reason: text(`le niveau '${level}' ne peut être hébergé nulle part ${under} (${policy.description})`),
      remedy: remedy('Tenir ces données hors de tout cloud et de tout site gérés ici'),
      advisories,
    };
  }
  const inCountry = policy.hostCountries !== '*' && policy.hostCountries.every((c) => profile.territory.includes(c));
  if (
    target.kind === 'cloud-region' &&
    policy.cloudRegions !== undefined &&
    !policy.cloudRegions.includes(target.region)
  ) {
    const allowed = policy.cloudRegions.length ? policy.cloudRegions.join(', ') : 'aucune';
    return {
      decision,
      target: subject,
      reason: text(
        `le niveau '${level}' ne peut être hébergé ${where.in} ${under} (${policy.description} ; régions cloud autorisées : ${allowed})`,
      ),
      remedy: remedy(
        inCountry && policy.cloudRegions.length === 0
          ? 'Placer ces données sur un site situé dans le pays (un cluster Kubernetes sur le territoire national)'
          : `Utiliser une région autorisée, ou ajouter '${target.region}' aux cloudRegions du profil pour '${level}'`,
      ),
      advisories,
    };
  }
  const bases =
    policy.transferBases?.length && country !== undefined
      ? `, ou enregistrer dans le profil un transfert (${policy.transferBases.join(', ')}) couvrant ${country}`
      : '';
  const hosts = policy.hostCountries === '*' ? '*' : policy.hostCountries.join(', ');
  return {
    decision,
    target: subject,
    reason: text(`le niveau '${level}' ne peut être hébergé ${where.in} ${under} (${policy.description})`),
    remedy: remedy(
      target.kind === 'cloud-region' && inCountry
        ? `Placer ces données sur un site situé dans le pays${bases}`
        : `Héberger ces données dans l'un des pays ${hosts}${bases}`,
    ),
    advisories,
  };
}
