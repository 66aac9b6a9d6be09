// Residency (RES-1, RES-4, CLS-1): the AWS regions a zone names must be regions whose country
// is known, once each; a workload's level must be a classification level and its pins (region,
// site, account) must name what the zone declares; the home region must be allowed to hold
// the shared stacks' level; and, with an organization, the residency guardrail must not leave
// open a used region where 'internal' data may not live. The law decides where data lives: a
// region or a pin it cannot judge is refused before anything is placed.
import {
  CLASSIFICATION_LEVELS,
  CLOUD_REGIONS,
  decidePlacementText,
  findCloudRegion,
  isClassificationLevel,
  localizedSuggestion,
  type ClassificationLevel,
  type JurisdictionProfile,
} from '../core';
import type { Checker } from './checker';
import type { LandingZoneDeclaration, WorkloadDeclaration } from './declaration';
import { text } from './declaration-error';

/** Each region: an AWS region whose country sovereign-lz knows (RES-1), declared once. */
export function checkRegions(c: Checker, regions: readonly string[]): void {
  regions.forEach((region, i) => {
    if (!findCloudRegion(region)) {
      const near = localizedSuggestion(
        region,
        CLOUD_REGIONS.map((r) => r.region),
      );
      c.add(
        `/regions/${i}`,
        'RES-1',
        text(
          `'${region}' is not an AWS region sovereign-lz knows the country of${near.en}`,
          `'${region}' n'est pas une région AWS dont sovereign-lz connaît le pays${near.fr}`,
        ),
        {
          remedy: text('Use an AWS region code such as eu-west-3', 'Utilisez un code de région AWS tel que eu-west-3'),
        },
      );
    }
  });
  const seen = new Set<string>();
  regions.forEach((region, i) => {
    if (seen.has(region)) {
      c.add(`/regions/${i}`, 'DECLARATION', text(`duplicate region '${region}'`, `région '${region}' en double`));
    }
    seen.add(region);
  });
}

/**
 * A workload's level (CLS-1) and where the declaration pins it: a region or a site (not both),
 * each one the zone declares, and an account of `accounts.workloads`.
 */
export function checkLevelAndPins(
  c: Checker,
  w: WorkloadDeclaration,
  at: string,
  regions: readonly string[],
  d: LandingZoneDeclaration,
): void {
  if (!isClassificationLevel(w.classification)) {
    const near = localizedSuggestion(String(w.classification), CLASSIFICATION_LEVELS);
    c.add(
      `${at}/classification`,
      'CLS-1',
      text(
        `${JSON.stringify(w.classification)} is not a classification level${near.en}`,
        `${JSON.stringify(w.classification)} n'est pas un niveau de classification${near.fr}`,
      ),
      {
        remedy: text(
          'Use public, internal, personal, sensitive or secret',
          'Utilisez public, internal, personal, sensitive ou secret',
        ),
      },
    );
  }
  if (w.region !== undefined && w.site !== undefined) {
    c.add(
      `${at}/site`,
      'DECLARATION',
      text(
        'a workload is pinned to a region or to a site, not both',
        'une charge de travail est épinglée à une région ou à un site, pas aux deux',
      ),
    );
  }
  if (w.region !== undefined && !regions.includes(w.region)) {
    const near = localizedSuggestion(w.region, regions);
    c.add(
      `${at}/region`,
      'DECLARATION',
      text(
        `'${w.region}' is not one of the zone's regions${near.en}`,
        `'${w.region}' n'est pas une région de la zone${near.fr}`,
      ),
      { remedy: text('Add it to `regions`, or pin another one', 'Ajoutez-la à `regions`, ou épinglez-en une autre') },
    );
  }
  if (w.site !== undefined && !(d.sites ?? []).some((s) => s.name === w.site)) {
    const near = localizedSuggestion(
      w.site,
      (d.sites ?? []).map((s) => s.name),
    );
    c.add(
      `${at}/site`,
      'DECLARATION',
      text(
        `'${w.site}' is not one of the zone's sites${near.en}`,
        `'${w.site}' n'est pas un site de la zone${near.fr}`,
      ),
      { remedy: text('Declare it in `sites`', 'Déclarez-le dans `sites`') },
    );
  }
  if (w.account !== undefined && d.accounts?.workloads?.[w.account] === undefined) {
    const near = localizedSuggestion(w.account, Object.keys(d.accounts?.workloads ?? {}));
    c.add(
      `${at}/account`,
      'DECLARATION',
      text(
        `'${w.account}' is not an account of \`accounts.workloads\`${near.en}`,
        `'${w.account}' n'est pas un compte de \`accounts.workloads\`${near.fr}`,
      ),
    );
  }
}

/**
 * The shared stacks (log archive, organization, baseline) live in the home region and hold
 * metadata of every cloud workload: the home region must be allowed to hold their level.
 */
export function checkHomeRegion(
  c: Checker,
  profile: JurisdictionProfile,
  regions: readonly string[],
  sharedLevel: ClassificationLevel,
): void {
  if (regions.length && findCloudRegion(regions[0])) {
    const home = decidePlacementText(profile, sharedLevel, { kind: 'cloud-region', region: regions[0] });
    if (home.decision.status !== 'allowed') {
      c.add(
        '/regions/0',
        'RES-1',
        text(
          `the home region holds the log archive and the organization's stacks, which are '${sharedLevel}' (the highest level in the cloud): ${home.reason.en}`,
          `la région d'origine accueille l'archive des journaux et les piles de l'organisation, de niveau '${sharedLevel}' (le plus élevé du cloud) : ${home.reason.fr}`,
        ),
        {
          source: home.decision.source,
          remedy: text(
            `Put first a region that may hold '${sharedLevel}' data`,
            `Placez en premier une région qui peut détenir des données '${sharedLevel}'`,
          ),
        },
      );
    }
  }
}

/**
 * RES-4's yardstick: the organization's residency guardrail may leave open only regions
 * where `internal` data may live (it applies to every account, whatever it holds).
 */
export function checkGuardrailRegions(
  c: Checker,
  profile: JurisdictionProfile,
  d: LandingZoneDeclaration,
  regions: readonly string[],
  usedRegions: readonly string[],
): void {
  if (d.organization) {
    for (const region of usedRegions) {
      if (!findCloudRegion(region)) continue;
      const internal = decidePlacementText(profile, 'internal', { kind: 'cloud-region', region });
      if (internal.decision.status === 'allowed') continue;
      c.add(
        `/regions/${regions.indexOf(region)}`,
        'RES-4',
        text(
          `the organization's residency guardrail would leave '${region}' open, where 'internal' data may not live: ${internal.reason.en}`,
          `le garde-fou de résidence de l'organisation laisserait '${region}' ouverte, où les données 'internal' ne peuvent pas résider : ${internal.reason.fr}`,
        ),
        {
          source: profile.controls['RES-4'].source,
          remedy: text(
            'Use regions where internal data may live, or keep that workload outside the organization',
            "Utilisez des régions où les données internes peuvent résider, ou gardez cette charge de travail hors de l'organisation",
          ),
        },
      );
    }
  }
}
