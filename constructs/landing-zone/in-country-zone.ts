// The kubernetes entry point first: it tells a user without the optional peers what to install.
import {
  BackupSchedule,
  DEFAULT_STORAGE_SIZE,
  EncryptedStorageClass,
  HardenedStatefulWorkload,
  HardenedWorkload,
  InCountryAdmissionPolicy,
  LogForwarder,
  SovereignCluster,
  SovereignNamespace,
  TierFlow,
  type EncryptedCsiDriver,
  type NamespaceQuota,
} from '../kubernetes';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { createHash } from 'node:crypto';
import { quantityValue, type ZonePrerequisite } from '../core';
import type { ServiceDeclaration, SiteDeclaration } from './declaration';
import { pascal } from './names';
import { workloadTiers, type ResolvedLandingZone } from './resolve';

/**
 * Builds the in-country side of a resolved landing zone into a cdktf `App`: one Terraform
 * stack per site (its own state, its own cluster), holding the cluster's guardrails
 * (admission policy, encrypted default storage class, log forwarding) and, for each workload
 * placed there, one namespace per tier it uses (default-deny, restricted pod security,
 * quotas), its services, the backup of its data tier, and the flows declared between tiers
 * of the same site. Services of the data tier are StatefulSets whose every pod has its own
 * volume of the site's encrypted StorageClass: they hold the workload's `objects` stores, and
 * the data tier's Velero schedule backs their volumes up by CSI snapshot. Loaded only when a
 * workload is placed on a site, so that an AWS-only zone never needs cdktf.
 */

/** What the in-country side of a zone built. */
export interface InCountryZone {
  readonly app: App;
  /** The Terraform stack of each site with workloads. */
  readonly sites: ReadonlyMap<string, TerraformStack>;
  /** The cluster of each site with workloads, in declaration order. */
  readonly clusters: ReadonlyMap<string, SovereignCluster>;
  /** The namespace of each workload's tier, by `workload/tier`. */
  readonly namespaces: ReadonlyMap<string, SovereignNamespace>;
  /**
   * What holds each `objects` store of a workload on a site, by `workload/store`: the
   * data-tier services whose volumes keep it.
   */
  readonly stores: ReadonlyMap<string, readonly HardenedStatefulWorkload[]>;
}

/**
 * What the sites of the zone need before the first `terraform apply` of their stacks
 * (Kubernetes version, network plugin, CSI driver and topology, Velero with its CRD, namespace
 * and location, placeholder digests to replace), as the constructs registered them: site by
 * site in declaration order, each in its cluster's order (placeholders, the cluster, CRDs,
 * namespaces).
 */
export function sitePrerequisites(inCountryZone: InCountryZone): ZonePrerequisite[] {
  return [...inCountryZone.clusters.values()].flatMap((cluster) => [...cluster.prerequisites]);
}

/** The default quota of a namespace (SovereignNamespace's), for the caps a data tier may need to raise. */
const DEFAULT_QUOTA = { requestsStorage: '100Gi', persistentVolumeClaims: 10 } as const;

/** Bytes as a quantity: in GiB or MiB when whole, else in bytes. */
function bytesQuantity(bytes: number): string {
  if (bytes % 2 ** 30 === 0) return `${bytes / 2 ** 30}Gi`;
  if (bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20}Mi`;
  return String(Math.ceil(bytes));
}

/**
 * The quota of a data tier whose services' volumes would not fit the default one (100Gi of
 * claims, 10 claims): raised to hold every replica's volume; else none (the default).
 */
function dataTierQuota(services: readonly ServiceDeclaration[]): NamespaceQuota | undefined {
  const claims = services.reduce((n, s) => n + (s.replicas ?? 2), 0);
  const bytes = services.reduce(
    (n, s) => n + (s.replicas ?? 2) * (quantityValue(s.storageSize ?? DEFAULT_STORAGE_SIZE) ?? 0),
    0,
  );
  const storage = quantityValue(DEFAULT_QUOTA.requestsStorage)!;
  if (claims <= DEFAULT_QUOTA.persistentVolumeClaims && bytes <= storage) return undefined;
  return {
    requestsStorage: bytesQuantity(Math.max(bytes, storage)),
    persistentVolumeClaims: Math.max(claims, DEFAULT_QUOTA.persistentVolumeClaims),
  };
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
  const clusters = new Map<string, SovereignCluster>();
  const namespaces = new Map<string, SovereignNamespace>();
  const stores = new Map<string, HardenedStatefulWorkload[]>();
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
      maxNodes: site.maxNodes,
    });
    new InCountryAdmissionPolicy(cluster, 'Guardrail');
    const storage = new EncryptedStorageClass(cluster, 'Encrypted', { driver: driverOf(site), isDefault: true });
    new LogForwarder(cluster, 'Logs', {
      image: site.logs.image,
      sink: { host: site.logs.host, cidrs: site.logs.cidrs, retentionDays: site.logs.retentionDays },
    });

    for (const placement of placed) {
      const w = d.workloads.find((x) => x.name === placement.workload)!;
      for (const tier of workloadTiers(w, zone.flows)) {
        const name = `${w.name}-${tier}`;
        const services = (w.services ?? []).filter((s) => s.tier === tier);
        const namespace = new SovereignNamespace(cluster, pascal(name), {
          name,
          tier,
          classification: w.classification,
          owners: (w.owners ?? []).map((group) => ({ kind: 'Group' as const, name: group })),
          quota: tier === 'data' ? dataTierQuota(services) : undefined,
        });
        namespaces.set(`${w.name}/${tier}`, namespace);
        const stateful: HardenedStatefulWorkload[] = [];
        for (const service of services) {
          const common = {
            name: service.name,
            image: service.image,
            replicas: service.replicas,
            ports: [{ containerPort: service.port, name: 'main', tls: service.tls }],
            healthCheckPath: service.healthCheckPath,
            writablePaths: service.writablePaths,
            env: service.env,
            secretEnv: Object.fromEntries(
              Object.entries(service.secrets ?? {}).map(([name, s]) => [name, { secretName: s.secret, key: s.key }]),
            ),
          };
          if (tier !== 'data') {
            new HardenedWorkload(namespace, pascal(service.name), common);
            continue;
          }
          // The data tier keeps data: each pod has its own encrypted volume at its data path.
          stateful.push(
            new HardenedStatefulWorkload(namespace, pascal(service.name), {
              ...common,
              dataPath: service.dataPath,
              storageSize: service.storageSize,
              storageClass: storage,
            }),
          );
        }
        if (tier !== 'data') continue;
        for (const store of (w.stores ?? []).filter((x) => x.kind === 'objects'))
          stores.set(`${w.name}/${store.name}`, stateful);
        // CSI snapshots (Ceph RBD and Longhorn support them) are taken at one instant, so a
        // database restores from them; their data moves to the in-country location, so the
        // backup outlives the storage cluster.
        new BackupSchedule(namespace, 'Backup', { storageLocation: site.backupLocation, volumeBackup: 'snapshot' });
      }
    }
    stacks.set(site.name, stack);
    clusters.set(site.name, cluster);
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
  return { app, sites: stacks, clusters, namespaces, stores };
}
