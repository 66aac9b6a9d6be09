import { App } from 'aws-cdk-lib';
import { pascal } from './names';
import { WORKLOAD_UNIT_NAMES } from '../aws/organizational-units';
import {
  mostRestricted,
  ZONE_SUMMARY_SCHEMA_VERSION,
  type JurisdictionProfile,
  type ZoneAccount,
  type ZoneOrganization,
  type ZonePrerequisite,
  type ZoneSummary,
} from '../core';
import { buildAwsZone, type AwsZone } from './aws-zone';
import type { LandingZoneDeclaration } from './declaration';
import { DeclarationError, declarationPath } from './declaration-error';
import type { InCountryZone } from './in-country-zone';
import { awsPrerequisites } from './prerequisites';
import {
  resolveLandingZone,
  workloadTiers,
  type ResolvedFlow,
  type ResolvedLandingZone,
  type WorkloadPlacement,
} from './resolve';

/** Options of a {@link LandingZone}. */
export interface LandingZoneOptions {
  /**
   * How a problem's location is written (declaration files map JSON pointers to `file:line:col`).
   * @default - the declaration path, e.g. `workloads[2].site`
   */
  readonly locate?: (pointer: string) => string;
}

/** Where {@link LandingZone.build} synthesizes each world (the `SynthContext` of `sovereign-lz synth`). */
export interface LandingZoneOutdirs {
  /** @default - aws-cdk-lib's default (a temporary directory) */
  readonly awsOutdir?: string;
  /** @default - cdktf's default (`cdktf.out`) */
  readonly kubernetesOutdir?: string;
}

/** Both worlds of a built landing zone: what `sovereign-lz synth` and the testing kit take. */
export interface BuiltLandingZone {
  readonly profile: JurisdictionProfile;
  /** The AWS app (always created; it holds no stack when the zone has no region). */
  readonly aws: App;
  /** The in-country cdktf app, when a workload is placed on a site. */
  readonly kubernetes?: InCountryZone['app'];
  /** The AWS stacks by role. */
  readonly awsZone: AwsZone;
  /** The site stacks and namespaces, when a workload is placed on a site. */
  readonly inCountryZone?: InCountryZone;
  /** What the declaration decided, written by `sovereign-lz synth` to `landing-zone.json`. */
  readonly zone: ZoneSummary;
}

/**
 * A landing zone from one declaration: validated, every workload placed where its
 * classification may live under the profile (or refused with the law cited), then built
 * into AWS stacks (aws-cdk-lib) and in-country Terraform stacks (cdktf).
 *
 * @example
 * const zone = new LandingZone({
 *   name: 'records', profile: 'morocco', regions: ['eu-west-3'],
 *   workloads: [{ name: 'records', classification: 'internal', stores: [{ name: 'documents', kind: 'objects' }] }],
 * });
 * zone.placementOf('records'); // { target: { kind: 'cloud-region', region: 'eu-west-3' }, … }
 * export const build = (context) => zone.build(context); // for `sovereign-lz synth`
 */
export class LandingZone {
  public readonly declaration: LandingZoneDeclaration;
  public readonly profile: JurisdictionProfile;
  /** Where each workload lives, in declaration order. */
  public readonly placements: readonly WorkloadPlacement[];
  /** The allowed flows between tiers. */
  public readonly flows: readonly ResolvedFlow[];
  private readonly resolved: ResolvedLandingZone;

  /** @throws DeclarationError listing every problem, each with its declaration path */
  constructor(declaration: LandingZoneDeclaration, options: LandingZoneOptions = {}) {
    const { problems, zone } = resolveLandingZone(declaration);
    if (problems.length || !zone) throw new DeclarationError(problems, options.locate ?? declarationPath);
    this.resolved = zone;
    this.declaration = declaration;
    this.profile = zone.profile;
    this.placements = zone.placements;
    this.flows = zone.flows;
  }

  /** The placement of workload `name`. */
  public placementOf(name: string): WorkloadPlacement {
    const placement = this.placements.find((p) => p.workload === name);
    if (!placement) throw new Error(`no workload named '${name}' in landing zone '${this.declaration.name}'`);
    return placement;
  }

  /**
   * Builds both worlds: the AWS app into `context.awsOutdir`, the in-country app (only when
   * a workload is placed on a site) into `context.kubernetesOutdir`. Add your own constructs
   * to the returned stacks before synthesizing.
   */
  public build(context: LandingZoneOutdirs = {}): BuiltLandingZone {
    const aws = new App({ outdir: context.awsOutdir });
    const awsZone = buildAwsZone(this.resolved, aws);
    let inCountryZone: InCountryZone | undefined;
    let sitePrerequisites: ZonePrerequisite[] = [];
    if (this.placements.some((p) => p.target.kind === 'site')) {
      // Loaded here, not at the top: an AWS-only zone never needs cdktf (an optional peer).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const inCountry = require('./in-country-zone') as typeof import('./in-country-zone');
      inCountryZone = inCountry.buildInCountryZone(
        this.resolved,
        inCountry.createInCountryApp(context.kubernetesOutdir),
      );
      sitePrerequisites = inCountry.sitePrerequisites(inCountryZone);
    }
    return {
      profile: this.profile,
      aws,
      kubernetes: inCountryZone?.app,
      awsZone,
      inCountryZone,
      zone: this.summary({ awsZone, sitePrerequisites }),
    };
  }

  /**
   * What the declaration decided: placements with their reasons, the flows, the organization's
   * accounts and their units; and, given what `build` built, the prerequisites of the first
   * deployment (without it, none are listed).
   */
  public summary(built?: {
    readonly awsZone: AwsZone;
    readonly sitePrerequisites?: readonly ZonePrerequisite[];
  }): ZoneSummary {
    const d = this.declaration;
    const siteOf = (workload: string) => {
      const target = this.placementOf(workload).target;
      return target.kind === 'site' ? target.site : undefined;
    };
    const namespacesOf = (workload: string): string[] => {
      if (!siteOf(workload)) return [];
      const w = d.workloads.find((x) => x.name === workload)!;
      return workloadTiers(w, this.flows).map((tier) => `${workload}-${tier}`);
    };
    const organization = this.organizationSummary();
    return {
      schemaVersion: ZONE_SUMMARY_SCHEMA_VERSION,
      name: d.name,
      profile: this.profile.id,
      regions: [...(d.regions ?? [])],
      sites: (d.sites ?? []).map((s) => s.name),
      workloads: this.placements.map((p) => ({
        name: p.workload,
        classification: p.classification,
        place: p.target.kind === 'site' ? `site:${p.target.site}` : `aws:${p.target.region}`,
        account: p.target.kind === 'cloud-region' ? (p.target.account ?? null) : null,
        unit: p.target.kind === 'site' ? p.target.site : pascal(p.workload),
        namespaces: namespacesOf(p.workload),
        pinned: p.pinned,
        reason: p.reason,
        source: p.source,
      })),
      flows: this.flows.map((f) => ({
        from: `${f.from.workload}/${f.from.tier}`,
        to: `${f.to.workload}/${f.to.tier}`,
        port: f.port,
        carries: f.carries,
        built: siteOf(f.from.workload) !== undefined && siteOf(f.from.workload) === siteOf(f.to.workload),
      })),
      organization,
      prerequisites: built
        ? [...awsPrerequisites(d, built.awsZone, organization), ...(built.sitePrerequisites ?? [])]
        : [],
    };
  }

  /**
   * The organization's accounts and the unit each must sit in: the shared accounts in their
   * units, a workload account in the unit of the most restricted level it hosts (whose
   * guardrails are the strictest), the management account at the root.
   */
  private organizationSummary(): ZoneOrganization | null {
    const d = this.declaration;
    if (!d.organization) return null;
    const a = d.accounts ?? {};
    const accounts = new Map<string, ZoneAccount>();
    const add = (id: string | undefined, role: ZoneAccount['role'], organizationalUnit: string | null) => {
      if (id && !accounts.has(id)) accounts.set(id, { id, role, organizationalUnit });
    };
    add(a.management, 'management', null);
    add(a.logArchive, 'logArchive', 'LogArchive');
    add(a.audit, 'audit', 'Security');
    add(a.network, 'network', 'SharedNetwork');
    for (const id of Object.values(a.workloads ?? {})) {
      const level = mostRestricted(
        this.placements.flatMap((p) =>
          p.target.kind === 'cloud-region' && p.target.account === id ? [p.classification] : [],
        ),
      );
      add(id, 'workload', level ? `Workloads/${WORKLOAD_UNIT_NAMES[level]}` : 'Workloads');
    }
    return {
      id: d.organization.id,
      managementAccount: a.management ?? null,
      delegatedAdministrators: {},
      accounts: [...accounts.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    };
  }
}
