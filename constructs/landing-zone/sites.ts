// Sites (RES-1, LOG-2, KEY-1, PROPS, DECLARATION): each declared site must be a site of the
// profile, keep its logs long enough and run a node count within the workload policy (its
// collector, backup location, key manager and images are checked against the allowlists:
// allowlists.ts); its classification ceiling must be one whose volume keys its storage can keep;
// a service has a data volume only in the data tier; and on a site, a workload's log stores
// take the site's retention and its object stores need a data-tier service to hold them. What
// a site may hold is decided here, before any workload is placed on it.
import {
  CLASSIFICATION_LEVELS,
  decidePlacement,
  isClassificationLevel,
  localizedSuggestion,
  type ClassificationLevel,
  type JurisdictionProfile,
  type Site,
} from '../core';
// The workload policy is framework-neutral: imported by file, so that no Kubernetes peer loads.
import {
  dataPathProblems,
  DEFAULT_DATA_PATH,
  maxNodesProblems,
  storageSizeProblems,
} from '../kubernetes/workload-policy';
import { checkBackupLocation, checkKeyManager, checkLogForwarderImage, checkLogSink, onList } from './allowlists';
import type { Checker } from './checker';
import type { LandingZoneDeclaration, ServiceDeclaration, SiteDeclaration, WorkloadDeclaration } from './declaration';
import { text } from './declaration-error';

/** The declared sites, in order, then their names unique; the profile's site and ceiling of each. */
export function checkSites(
  c: Checker,
  profile: JurisdictionProfile | undefined,
  d: LandingZoneDeclaration,
): { sites: Map<string, Site>; siteCeilings: Map<string, ClassificationLevel> } {
  const sites = new Map<string, Site>();
  const siteCeilings = new Map<string, ClassificationLevel>();
  (d.sites ?? []).forEach((site, i) => {
    const resolved = profile ? checkSite(c, profile, site, `/sites/${i}`) : undefined;
    if (resolved && !sites.has(site.name)) {
      sites.set(site.name, resolved.site);
      siteCeilings.set(site.name, resolved.ceiling);
    }
  });
  c.unique(
    (i) => `/sites/${i}/name`,
    (d.sites ?? []).map((s) => s.name),
    text('site', 'site'),
  );
  return { sites, siteCeilings };
}

/**
 * A site: declared by the profile, its collector, backup location, key manager and images
 * on the profile's allowlists, and the highest level its cluster may hold: the declared
 * ceiling, or the highest level the profile allows on the site whose volume keys the
 * storage can keep (customer-exclusive custody needs Ceph with an allowlisted key manager).
 */
function checkSite(
  c: Checker,
  profile: JurisdictionProfile,
  site: SiteDeclaration,
  at: string,
): { site: Site; ceiling: ClassificationLevel } | undefined {
  const known = profile.sites.find((s) => s.name === site.name);
  if (!known) {
    const names = profile.sites.map((s) => s.name).join(', ') || 'none';
    const near = localizedSuggestion(
      String(site.name),
      profile.sites.map((s) => s.name),
    );
    c.add(
      `${at}/name`,
      'RES-1',
      text(
        `site '${site.name}' is not a site of profile '${profile.id}' (its sites: ${names})${near.en}`,
        `le site '${site.name}' n'est pas un site du profil '${profile.id}' (ses sites : ${names})${near.fr}`,
      ),
      {
        remedy: text(
          "Declare the site in the profile's `sites`, with its country and node labels",
          'Déclarez le site dans les `sites` du profil, avec son pays et ses libellés de nœuds',
        ),
      },
    );
  }
  checkLogSink(c, profile, site, at);
  if (site.logs?.retentionDays !== undefined && site.logs.retentionDays < profile.logRetentionMinDays) {
    c.add(
      `${at}/logs/retentionDays`,
      'LOG-2',
      text(
        `${site.logs.retentionDays} days is below the minimum of ${profile.logRetentionMinDays} days under profile '${profile.id}'`,
        `${site.logs.retentionDays} jours est en deçà du minimum de ${profile.logRetentionMinDays} jours selon le profil '${profile.id}'`,
      ),
      { source: profile.figureSources.logRetention },
    );
  }
  checkLogForwarderImage(c, profile, site, at);
  checkBackupLocation(c, profile, site, at);
  checkKeyManager(c, profile, site, at);
  if (site.maxNodes !== undefined) c.fromValidation(`${at}/maxNodes`, maxNodesProblems(site.maxNodes));
  if (!known) return undefined;

  const { allowlists } = profile;
  const exclusiveKeys = site.storage?.driver === 'ceph-rbd' && onList(site.storage.kmsId, allowlists.inCountryKmsIds);
  const holds = (level: ClassificationLevel) =>
    decidePlacement(profile, level, { kind: 'site', site: known }).status === 'allowed' &&
    (profile.levels[level].keyCustody !== 'customer-exclusive' || exclusiveKeys);
  const possible = [...CLASSIFICATION_LEVELS].reverse().find(holds);
  const declared = site.classificationCeiling;
  if (declared !== undefined && isClassificationLevel(declared) && !holds(declared)) {
    c.add(
      `${at}/classificationCeiling`,
      'KEY-1',
      text(
        `the site cannot hold '${declared}' data: ${profile.levels[declared].keyCustody === 'customer-exclusive' && !exclusiveKeys ? "its volume keys must be known only to the customer, which needs storage.driver 'ceph-rbd' with an allowlisted kmsId" : `the profile does not allow it on site '${site.name}'`}`,
        `le site ne peut pas détenir de données '${declared}' : ${profile.levels[declared].keyCustody === 'customer-exclusive' && !exclusiveKeys ? "les clés de ses volumes doivent n'être connues que du client, ce qui requiert storage.driver 'ceph-rbd' avec un kmsId de la liste" : `le profil ne l'autorise pas sur le site '${site.name}'`}`,
      ),
      { source: profile.levels[declared].source },
    );
    return undefined;
  }
  return { site: known, ceiling: declared ?? possible ?? 'public' };
}

/**
 * A service's TLS flag, and its data volume: `dataPath` and `storageSize` apply to the data
 * tier only (its services are StatefulSets, each pod with its own volume); the path must not
 * overlap a writable path, the size must be a quantity.
 */
export function checkServiceVolume(c: Checker, s: ServiceDeclaration, at: string): void {
  if (s.tls !== undefined && typeof s.tls !== 'boolean') {
    c.add(`${at}/tls`, 'DECLARATION', text('`tls` must be true or false', '`tls` doit valoir true ou false'));
  }
  if (s.tier !== 'data') {
    for (const field of ['dataPath', 'storageSize'] as const) {
      if (s[field] === undefined) continue;
      c.add(
        `${at}/${field}`,
        'DECLARATION',
        text(
          `\`${field}\` applies to services of the data tier only: the others run without a volume`,
          `\`${field}\` ne s’applique qu’aux services du tiers de données : les autres fonctionnent sans volume`,
        ),
        {
          remedy: text(
            "Put the service in tier 'data', or remove the field",
            "Placez le service dans le tiers 'data', ou retirez le champ",
          ),
        },
      );
    }
    return;
  }
  c.fromValidation(
    `${at}/${s.dataPath === undefined ? 'writablePaths' : 'dataPath'}`,
    dataPathProblems(s.dataPath ?? DEFAULT_DATA_PATH, s.writablePaths ?? ['/tmp']),
  );
  if (s.storageSize !== undefined) c.fromValidation(`${at}/storageSize`, storageSizeProblems(s.storageSize));
}

/**
 * A workload placed on `site`: its log stores go to the site's collector (their retention is
 * the site's), and its object stores need a data-tier service to keep them.
 */
export function checkWorkloadOnSite(c: Checker, w: WorkloadDeclaration, at: string, site: string): void {
  (w.stores ?? []).forEach((s, j) => {
    if (s.kind === 'logs' && s.retentionDays !== undefined) {
      c.add(
        `${at}/stores/${j}/retentionDays`,
        'DECLARATION',
        text(
          `workload '${w.name}' is on site '${site}', whose logs go to the site's collector: their retention is the site's`,
          `la charge de travail '${w.name}' est sur un site, dont les journaux vont au collecteur du site : leur conservation est celle du site`,
        ),
        { remedy: text('Set `sites[].logs.retentionDays`', 'Réglez `sites[].logs.retentionDays`') },
      );
    }
  });
  checkStoresOnSite(c, w, at, site);
}

/**
 * On a site, a workload's `objects` stores are kept on the volumes of its data-tier services
 * (its `logs` stores are the site's forwarded logs): without such a service nothing would hold
 * them, and they are refused rather than dropped.
 */
function checkStoresOnSite(c: Checker, w: WorkloadDeclaration, at: string, site: string): void {
  if ((w.services ?? []).some((s) => s.tier === 'data')) return;
  (w.stores ?? []).forEach((s, j) => {
    if (s.kind !== 'objects') return;
    c.add(
      `${at}/stores/${j}`,
      'DECLARATION',
      text(
        `store '${s.name}' (objects) of workload '${w.name}' on site '${site}' is kept on the volumes of the workload's data-tier services, and it declares none: nothing would hold it`,
        `le stockage '${s.name}' (objects) de la charge de travail '${w.name}' sur le site '${site}' est conservé sur les volumes des services de son tiers de données, et elle n'en déclare aucun : rien ne le contiendrait`,
      ),
      {
        remedy: text(
          'Declare the service that keeps it in `services`, with `tier: data` and its `dataPath` (each of its pods gets an encrypted volume there, backed up by Velero); or place the workload in an AWS region, where the store is an S3 bucket',
          'Déclarez le service qui le conserve dans `services`, avec `tier: data` et son `dataPath` (chacun de ses pods y reçoit un volume chiffré, sauvegardé par Velero) ; ou placez la charge de travail dans une région AWS, où le stockage est un compartiment S3',
        ),
      },
    );
  });
}
