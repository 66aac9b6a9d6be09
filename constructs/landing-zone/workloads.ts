// Workloads (DECLARATION, CLS-1, LOG-2, NET-4, K8S-4, PROPS): at least one workload, each
// named by a unique DNS label that takes none of the zone's own stack ids, with its level and
// pins (residency.ts), its stores (unique names, known kinds, a log retention the profile and
// CloudWatch Logs accept) and its services (unique names, a tier, a port, an allowlisted image,
// a data volume only in the data tier). Checked before placement, for every workload.
import { LOG_RETENTION_DAYS_ACCEPTED, TIERS, type JurisdictionProfile } from '../core';
import { checkServiceImage } from './allowlists';
import { isPort, type Checker } from './checker';
import type { LandingZoneDeclaration, WorkloadDeclaration } from './declaration';
import { text } from './declaration-error';
import { pascal, RESERVED_STACK_IDS, RESERVED_STORE_IDS } from './names';
import { checkLevelAndPins } from './residency';
import { checkServiceVolume } from './sites';

/** The zone's workloads: at least one, each checked in order, then their names unique. */
export function checkWorkloads(
  c: Checker,
  profile: JurisdictionProfile | undefined,
  workloads: readonly WorkloadDeclaration[],
  regions: readonly string[],
  d: LandingZoneDeclaration,
): void {
  if (!workloads.length) {
    c.add(
      '/workloads',
      'DECLARATION',
      text('the zone declares no workload', 'la zone ne déclare aucune charge de travail'),
    );
  }
  workloads.forEach((w, i) => checkWorkload(c, profile, w, `/workloads/${i}`, regions, d));
  c.unique(
    (i) => `/workloads/${i}/name`,
    workloads.map((w) => w.name),
    text('workload', 'charge de travail'),
  );
}

function checkWorkload(
  c: Checker,
  profile: JurisdictionProfile | undefined,
  w: WorkloadDeclaration,
  at: string,
  regions: readonly string[],
  d: LandingZoneDeclaration,
): void {
  c.label(`${at}/name`, w.name, text('the workload name', 'le nom de la charge de travail'));
  const stackId = pascal(String(w.name));
  if (RESERVED_STACK_IDS.includes(stackId) || regions.some((r) => `Network${pascal(r)}` === stackId)) {
    c.add(
      `${at}/name`,
      'DECLARATION',
      text(
        `workload name '${w.name}' would take the zone's own stack '${stackId}'`,
        `le nom de charge de travail '${w.name}' prendrait la pile '${stackId}' de la zone elle-même`,
      ),
      { remedy: text('Rename the workload', 'Renommez la charge de travail') },
    );
  }
  checkLevelAndPins(c, w, at, regions, d);
  (w.stores ?? []).forEach((s, j) => {
    const where = `${at}/stores/${j}`;
    c.label(`${where}/name`, s.name, text('the store name', 'le nom du stockage'));
    if (RESERVED_STORE_IDS.includes(pascal(String(s.name)))) {
      c.add(
        `${where}/name`,
        'DECLARATION',
        text(`store name '${s.name}' is reserved`, `le nom de stockage '${s.name}' est réservé`),
        { remedy: text('Rename the store', 'Renommez le stockage') },
      );
    }
    if (s.kind !== 'objects' && s.kind !== 'logs') {
      c.add(
        `${where}/kind`,
        'DECLARATION',
        text(
          `store kind ${JSON.stringify(s.kind)} is not 'objects' or 'logs'`,
          `le type de stockage ${JSON.stringify(s.kind)} n'est ni 'objects' ni 'logs'`,
        ),
      );
    }
    if (s.retentionDays === undefined) return;
    if (s.kind !== 'logs') {
      c.add(
        `${where}/retentionDays`,
        'DECLARATION',
        text(
          '`retentionDays` applies to log stores only',
          '`retentionDays` ne s’applique qu’aux stockages de journaux',
        ),
      );
    } else if (profile && s.retentionDays < profile.logRetentionMinDays) {
      c.add(
        `${where}/retentionDays`,
        'LOG-2',
        text(
          `${s.retentionDays} days is below the minimum of ${profile.logRetentionMinDays} days under profile '${profile.id}'`,
          `${s.retentionDays} jours est en deçà du minimum de ${profile.logRetentionMinDays} jours selon le profil '${profile.id}'`,
        ),
        { source: profile.figureSources.logRetention },
      );
    } else if (!LOG_RETENTION_DAYS_ACCEPTED.includes(s.retentionDays)) {
      c.add(
        `${where}/retentionDays`,
        'DECLARATION',
        text(
          `${s.retentionDays} days is not a retention CloudWatch Logs accepts (e.g. 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)`,
          `${s.retentionDays} jours n'est pas une durée de conservation acceptée par CloudWatch Logs (p. ex. 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)`,
        ),
      );
    }
  });
  c.unique(
    (j) => `${at}/stores/${j}/name`,
    (w.stores ?? []).map((s) => s.name),
    text('store', 'stockage'),
  );
  (w.services ?? []).forEach((s, j) => {
    const where = `${at}/services/${j}`;
    c.label(`${where}/name`, s.name, text('the service name', 'le nom du service'));
    if (!(TIERS as readonly string[]).includes(s.tier)) {
      c.add(
        `${where}/tier`,
        'NET-4',
        text(
          `'${s.tier}' is not a tier (${TIERS.join(', ')})`,
          `'${s.tier}' n'est pas un niveau réseau (${TIERS.join(', ')})`,
        ),
      );
    }
    if (!isPort(s.port)) {
      c.add(
        `${where}/port`,
        'DECLARATION',
        text(`port ${s.port} is not 1–65535`, `le port ${s.port} n'est pas entre 1 et 65535`),
      );
    }
    if (profile) checkServiceImage(c, profile, s, where);
    checkServiceVolume(c, s, where);
  });
  c.unique(
    (j) => `${at}/services/${j}/name`,
    (w.services ?? []).map((s) => s.name),
    text('service', 'service'),
  );
}
