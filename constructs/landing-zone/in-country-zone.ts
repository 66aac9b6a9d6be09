// The kubernetes entry point first: it tells a user without the optional peers what to install.
import {
  BackupSchedule,
  EncryptedStorageClass,
  HardenedWorkload,
  InCountryAdmissionPolicy,
  LogForwarder,
  SovereignCluster,
  SovereignNamespace,
  TierFlow,
  type EncryptedCsiDriver,
} from '../kubernetes';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { createHash } from 'node:crypto';
import type { SiteDeclaration } from './declaration';
import { pascal } from './names';
import { workloadTiers, type ResolvedLandingZone } from './resolve';

/**
 * Builds the in-country side of a resolved landing zone into a cdktf `App`: one Terraform
 * stack per site (its own state, its own cluster), holding the cluster's guardrails
 * (admission policy, encrypted default storage class, log forwarding) and, for each workload
 * placed there, one namespace per tier it uses (default-deny, restricted pod security,
 * quotas), its services, the backup of its data tier, and the flows declared between tiers
 * of the same site. Loaded only when a workload is placed on a site, so that an AWS-only zone
 * never needs cdktf.
 */

/** What the in-country side of a zone built. */
export interface InCountryZone {
  readonly app: App;
  /** The Terraform stack of each site with workloads. */
  readonly sites: ReadonlyMap<string, TerraformStack>;
  /** The namespace of each workload's tier, by `workload/tier`. */
  readonly namespaces: ReadonlyMap<string, SovereignNamespace>;
}

function driverOf(site: SiteDeclaration): EncryptedCsiDriver {
  const s = site.storage;
  return s.driver === 'ceph-rbd'
    ? { type: 'ceph-rbd', clusterId: s.clusterId ?? site.name, pool: s.pool ?? 'sovereign-lz', kmsId: s.kmsId }
    : { type: 'longhorn', cryptoSecretName: s.cryptoSecretName };
}

/**
 * A flow's policy name: readable when it fits TierFlow's 55 characters, else cut and made
 * unique by a digest of the whole (names are DNS labels, and declared names can be long).
 */
export function flowName(name: string): string {
  if (name.length <= 55) return name;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 46).replace(/-+$/, '')}-${digest}`;
}

/** A cdktf app for the site stacks. */
export function createInCountryApp(outdir?: string): App {
  return new App({ outdir });
}

/** Builds the site stacks of `zone` into `app`. */
export function buildInCountryZone(zone: ResolvedLandingZone, app: App): InCountryZone {
  const { declaration: d, profile } = zone;
  const stacks = new Map<string, TerraformStack>();
  const namespaces = new Map<string, SovereignNamespace>();
  const onSite = zone.placements.filter((p) => p.target.kind === 'site');

  for (const site of d.sites ?? []) {
    const placed = onSite.filter((p) => p.target.kind === 'site' && p.target.site === site.name);
    if (!placed.length) continue;
    const stack = new TerraformStack(app, site.name);
    // Terraform state is technical data (RQC 3.15.2): keep it in-country. The relative local
    // path keeps the output identical everywhere; in production use a backend on the site.
    new LocalBackend(stack, { path: `terraform.${site.name}.tfstate` });
    const cluster = new SovereignCluster(stack, 'Cluster', {
      profile,
      site: site.name,
      kubeconfigContext: site.kubeconfigContext ?? site.name,
      classificationCeiling: zone.siteCeilings.get(site.name),
    });
    new InCountryAdmissionPolicy(cluster, 'Guardrail');
    new EncryptedStorageClass(cluster, 'Encrypted', { driver: driverOf(site), isDefault: true });
    new LogForwarder(cluster, 'Logs', {
      image: site.logs.image,
      sink: { host: site.logs.host, cidrs: site.logs.cidrs, retentionDays: site.logs.retentionDays },
    });

    for (const placement of placed) {
      const w = d.workloads.find((x) => x.name === placement.workload)!;
      for (const tier of workloadTiers(w, zone.flows)) {
        const name = `${w.name}-${tier}`;
        const namespace = new SovereignNamespace(cluster, pascal(name), {
          name,
          tier,
          classification: w.classification,
          owners: (w.owners ?? []).map((group) => ({ kind: 'Group' as const, name: group })),
        });
        namespaces.set(`${w.name}/${tier}`, namespace);
        for (const service of (w.services ?? []).filter((s) => s.tier === tier)) {
          new HardenedWorkload(namespace, pascal(service.name), {
            name: service.name,
            image: service.image,
            replicas: service.replicas,
            ports: [{ containerPort: service.port, name: 'main' }],
            healthCheckPath: service.healthCheckPath,
            writablePaths: service.writablePaths,
          });
        }
        if (tier === 'data') new BackupSchedule(namespace, 'Backup', { storageLocation: site.backupLocation });
      }
    }
    stacks.set(site.name, stack);
  }

  // Flows between namespaces of one site become network policies on both sides; a flow that
  // leaves a site crosses a gateway the zone does not build: it is validated for residency, and
  // the plan shows it as declared (from landing-zone.json).
  for (const flow of zone.flows) {
    const from = namespaces.get(`${flow.from.workload}/${flow.from.tier}`);
    const to = namespaces.get(`${flow.to.workload}/${flow.to.tier}`);
    if (!from || !to) continue;
    const fromSite = onSite.find((p) => p.workload === flow.from.workload)!.target;
    const toSite = onSite.find((p) => p.workload === flow.to.workload)!.target;
    if (fromSite.kind !== 'site' || toSite.kind !== 'site' || fromSite.site !== toSite.site) continue;
    const cluster = from.node.scope!;
    const name = `${flow.from.workload}-${flow.from.tier}-to-${flow.to.workload}-${flow.to.tier}-${flow.port}`;
    new TierFlow(cluster as SovereignCluster, pascal(name), {
      from,
      to,
      ports: [{ port: flow.port }],
      name: flowName(name),
    });
  }
  return { app, sites: stacks, namespaces };
}
