// Allowlists (RES-3, BCK-1, KEY-1, K8S-4): what a site sends its logs to, backs up to and keeps
// its volume keys with, and the images it runs, must be on the profile's allowlists of
// in-country log sinks, backup locations, key managers and image registries: the profile names
// the places the law lets data go, and anything else would carry data out of them.
import type { JurisdictionProfile } from '../core';
// The image policy is framework-neutral: imported by file, so that no Kubernetes peer loads.
import { imageProblems } from '../kubernetes/image-policy';
import type { Checker } from './checker';
import type { ServiceDeclaration, SiteDeclaration } from './declaration';
import { text } from './declaration-error';

/** Whether `value` is declared and on `list`. */
export function onList(value: string | undefined, list: readonly string[]): boolean {
  return value !== undefined && list.includes(value);
}

/** RES-3: a site's log collector is an allowlisted in-country log sink. */
export function checkLogSink(c: Checker, profile: JurisdictionProfile, site: SiteDeclaration, at: string): void {
  const { allowlists } = profile;
  if (site.logs && !onList(site.logs.host, allowlists.logSinks)) {
    c.add(
      `${at}/logs/host`,
      'RES-3',
      text(
        `log collector '${site.logs.host}' is not on the profile's allowlist of in-country log sinks (${allowlists.logSinks.join(', ') || 'none declared'})`,
        `le collecteur de journaux '${site.logs.host}' n'est pas sur la liste des destinations de journaux nationales du profil (${allowlists.logSinks.join(', ') || 'aucune déclarée'})`,
      ),
      { source: profile.controls['RES-3'].source },
    );
  }
}

/** K8S-4: a site's log forwarder image comes from an allowlisted registry. */
export function checkLogForwarderImage(
  c: Checker,
  profile: JurisdictionProfile,
  site: SiteDeclaration,
  at: string,
): void {
  if (!site.logs) return;
  c.fromValidation(
    `${at}/logs/image`,
    imageProblems(profile, site.logs.image, {
      en: 'the log forwarder image',
      fr: "l'image du transmetteur de journaux",
    }),
  );
}

/** BCK-1: a site's backup location is on the profile's allowlist. */
export function checkBackupLocation(c: Checker, profile: JurisdictionProfile, site: SiteDeclaration, at: string): void {
  const { allowlists } = profile;
  if (site.backupLocation !== undefined && !onList(site.backupLocation, allowlists.backupLocations)) {
    c.add(
      `${at}/backupLocation`,
      'BCK-1',
      text(
        `backup location '${site.backupLocation}' is not on the profile's allowlist (${allowlists.backupLocations.join(', ') || 'none declared'})`,
        `l'emplacement de sauvegarde '${site.backupLocation}' n'est pas sur la liste du profil (${allowlists.backupLocations.join(', ') || 'aucun déclaré'})`,
      ),
      { source: profile.controls['BCK-1'].source },
    );
  }
}

/** KEY-1: a site's key manager is an allowlisted in-country key manager. */
export function checkKeyManager(c: Checker, profile: JurisdictionProfile, site: SiteDeclaration, at: string): void {
  const { allowlists } = profile;
  if (site.storage?.kmsId !== undefined && !onList(site.storage.kmsId, allowlists.inCountryKmsIds)) {
    c.add(
      `${at}/storage/kmsId`,
      'KEY-1',
      text(
        `key manager '${site.storage.kmsId}' is not on the profile's allowlist of in-country key managers (${allowlists.inCountryKmsIds.join(', ') || 'none declared'})`,
        `le gestionnaire de clés '${site.storage.kmsId}' n'est pas sur la liste des gestionnaires de clés nationaux du profil (${allowlists.inCountryKmsIds.join(', ') || 'aucun déclaré'})`,
      ),
      { source: profile.controls['KEY-1'].source },
    );
  }
}

/** K8S-4: a service's image comes from an allowlisted registry. */
export function checkServiceImage(
  c: Checker,
  profile: JurisdictionProfile,
  s: ServiceDeclaration,
  where: string,
): void {
  c.fromValidation(`${where}/image`, imageProblems(profile, s.image));
}
