import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  loadProfileFile,
  shellQuote,
  SovereignLzError,
  ZONE_SUMMARY_FILE,
  type JurisdictionProfile,
  type ZoneSummary,
} from '../core';
import type { CheckResult, Finding } from '../compliance/normalize/model';
import { KUSTOMIZATION_FILE, MANIFESTS_DIR } from '../compliance/read/kubernetes-manifests';
import type {
  DeployCommand,
  DeploymentUnit,
  Endpoint,
  Flow,
  FlowEnd,
  Place,
  Plan,
  PlannedManifests,
  Residency,
  UnitCompliance,
  UnitTarget,
} from './model';
import { PLAN_SCHEMA_VERSION } from './model';
import { dependencyOrder } from './order';
import { readAwsUnits, type AwsUnit, type PlanReadContext } from './read-aws';
import { readTerraformUnits, type TerraformUnit } from './read-terraform';
import { readZoneSummary } from './read-zone';
import { planWords } from './plan-words';

/** What the plan needs of a compliance check: its result, or the `compliance.json` of a synth output. */
export type PlanCompliance = Pick<CheckResult, 'profile' | 'findings' | 'paths'>;

/** Options of {@link buildPlan}. */
export interface BuildPlanOptions {
  /**
   * How the deploy commands name the output directory, as seen from where they run (e.g. `out`
   * when they run from the project's root; `.` when they run from the output directory). Pass
   * it when the plan is built in a staging directory that is renamed afterwards.
   * @default - {@link commandDirFor}(outDir, cwd)
   */
  readonly commandDir?: string;
  /**
   * The directory error messages show paths relative to.
   * @default process.cwd()
   */
  readonly cwd?: string;
}

/** A path with `/` separators. */
function posix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * How a plan's commands name an output directory: its path relative to `cwd` when it lies
 * under it (`out`, `out/eu-regulated`), else `.`: the commands then run from the output
 * directory itself. Never an absolute path, so that the plan of an output is the same
 * wherever it was written.
 */
export function commandDirFor(outDir: string, cwd: string = process.cwd()): string {
  const rel = relative(resolve(cwd), resolve(cwd, outDir));
  return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? '.' : posix(rel);
}

/** True if `outDir` looks like a synth output: `profile.json` beside `aws/` and/or `kubernetes/`. */
export function isSynthOutput(outDir: string): boolean {
  const has = (p: string) => existsSync(join(outDir, p));
  return has('profile.json') && (has('aws/manifest.json') || has('kubernetes/manifest.json'));
}

function residencyOf(country: string | null, profile: JurisdictionProfile): Residency {
  if (country === null) return 'unknown';
  return profile.territory.includes(country) ? 'national' : 'abroad';
}

function unitCompliance(findings: readonly Finding[]): UnitCompliance {
  const errors = findings.filter((f) => !f.suppressed && f.severity === 'error').length;
  const warnings = findings.filter((f) => !f.suppressed && f.severity === 'warning').length;
  const suppressed = findings.filter((f) => f.suppressed).length;
  return { status: errors ? 'fails' : warnings ? 'warnings' : 'passes', errors, warnings, suppressed };
}

/** The findings of one artifact: the file is the artifact relative to the output directory, or a path ending with it. */
function findingsOf(artifact: string, findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.file === artifact || f.file.endsWith(`/${artifact}`));
}

/**
 * A command line from words, each quoted by {@link shellQuote}: a value the artifacts give (a
 * stack's name, a working directory) is one word of the command, whatever it holds. A word no
 * command line can hold (a line break, a control character) is refused, naming the artifact.
 */
function commandLine(artifact: string, words: readonly string[]): string {
  try {
    return words.map(shellQuote).join(' ');
  } catch (e) {
    if (e instanceof SovereignLzError) throw new SovereignLzError(e.code, `${artifact}: ${e.message}`);
    throw e;
  }
}

/**
 * `--app` takes the assembly as a path (`./aws`, never `aws`, which the CDK CLI would run as a
 * command). A stack named like an option (`--app=…`) is refused: the CDK CLI would read it as one.
 */
function cdkCommand(dir: string, unit: AwsUnit): DeployCommand[] {
  const command = commandLine(unit.artifact, ['npx', 'cdk', 'deploy', '--app', `${dir}/aws`, unit.id]);
  if (unit.id.startsWith('-')) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${unit.artifact}: stack '${unit.id}' starts with '-': cdk deploy would read it as an option`,
    );
  }
  return [{ tool: 'cdk', command }];
}

function terraformCommands(dir: string, unit: TerraformUnit): DeployCommand[] {
  const chdir = commandLine(unit.artifact, [`-chdir=${dir === '.' ? '' : `${dir}/`}${unit.workingDirectory}`]);
  return (['terraform', 'tofu'] as const).map((tool) => ({
    tool,
    command: `${tool} ${chdir} init && ${tool} ${chdir} apply`,
  }));
}

/**
 * The plain manifests `sovereign-lz synth` wrote for a Terraform unit (`kubernetes/manifests/<id>/`
 * with its `kustomization.yaml`), and the kubectl command that applies them to the unit's
 * cluster: its kubeconfig context, as Terraform's provider names it.
 */
function manifestsOf(outDir: string, dir: string, unit: TerraformUnit): PlannedManifests | undefined {
  if (unit.id === '.' || unit.id === '..' || /[/\\]/.test(unit.id)) return undefined;
  const directory = `kubernetes/${MANIFESTS_DIR}/${unit.id}`;
  const path = join(outDir, directory);
  if (!existsSync(join(path, KUSTOMIZATION_FILE))) return undefined;
  const objects = readdirSync(path).filter((f) => f !== KUSTOMIZATION_FILE && /\.ya?ml$/.test(f)).length;
  const context = unit.target.contexts.length === 1 ? [`--context=${unit.target.contexts[0]}`] : [];
  const target = `${dir === '.' ? '' : `${dir}/`}${directory}`;
  const words = ['kubectl', ...context, 'apply', '--server-side', '-k', target];
  return { directory, objects, commands: [{ tool: 'kubectl', command: commandLine(unit.artifact, words) }] };
}

function placeOf(target: UnitTarget, profile: JurisdictionProfile): Omit<Place, 'units'> {
  if (target.kind === 'aws') {
    if (target.region === null) {
      return {
        id: 'unknown:aws',
        kind: 'unknown',
        name: planWords('en').unknownPlaces['unknown:aws'],
        country: null,
        detail: null,
        residency: 'unknown',
      };
    }
    return {
      id: `aws:${target.region}`,
      kind: 'aws-region',
      name: target.region,
      country: target.country,
      detail: target.location,
      residency: residencyOf(target.country, profile),
    };
  }
  if (target.site === null) {
    return {
      id: 'unknown:site',
      kind: 'unknown',
      name: planWords('en').unknownPlaces['unknown:site'],
      country: null,
      detail: null,
      residency: 'unknown',
    };
  }
  return {
    id: `site:${target.site}`,
    kind: 'site',
    name: target.site,
    country: target.country,
    detail: target.operator,
    residency: residencyOf(target.country, profile),
  };
}

const RESIDENCY_ORDER: readonly Residency[] = ['national', 'abroad', 'unknown'];

function placesOf(units: readonly DeploymentUnit[], profile: JurisdictionProfile): Place[] {
  const places = new Map<string, Omit<Place, 'units'> & { units: string[] }>();
  for (const unit of units) {
    const place = placeOf(unit.target, profile);
    const entry = places.get(place.id) ?? { ...place, units: [] };
    entry.units.push(unit.id);
    places.set(place.id, entry);
  }
  // Within a side of the boundary, in the order of the first unit each hosts.
  return [...places.values()].sort(
    (a, b) => RESIDENCY_ORDER.indexOf(a.residency) - RESIDENCY_ORDER.indexOf(b.residency),
  );
}

function endResidency(
  end: FlowEnd,
  units: ReadonlyMap<string, DeploymentUnit>,
  endpoints: ReadonlyMap<string, Endpoint>,
): Residency {
  return 'endpoint' in end
    ? (endpoints.get(end.endpoint)?.residency ?? 'unknown')
    : (units.get(end.unit)?.residency ?? 'unknown');
}

/** The unit that creates each StackSet template's StackSet, as a dependency: the template deploys with it. */
function withStackSetDeployers(
  units: AwsUnit[],
): (AwsUnit & { readonly deployer: { unit: string | null; regions: readonly string[] } | null })[] {
  return units.map((unit) => {
    if (!unit.stackSetTemplateOf) return { ...unit, deployer: null };
    const deployer = units.find((u) => u.stackSets.some((set) => set.name === unit.stackSetTemplateOf));
    // A template whose StackSet no unit of this output creates is deployed by none of them:
    // it gets no command either (deploying it as a stack would be wrong).
    if (!deployer) return { ...unit, deployer: { unit: null, regions: [] } };
    const regions = deployer.stackSets.find((set) => set.name === unit.stackSetTemplateOf)!.regions;
    return { ...unit, deployer: { unit: deployer.id, regions }, dependsOn: [...unit.dependsOn, deployer.id] };
  });
}

/**
 * Builds the deployment plan of a synth output from its artifacts: the cloud assembly
 * (`aws/manifest.json`), the cdktf output (`kubernetes/manifest.json`), the effective profile
 * (`profile.json`), and the compliance check of those artifacts. CloudFormation stacks come
 * first, in the manifest's order wherever their dependencies allow (the organization and log
 * archive first, as the app declares them); Terraform stacks follow, ordered by their own
 * dependencies. Deterministic: the same output gives the same plan.
 *
 * Throws a one-line {@link SovereignLzError} when `outDir` is not a synth output or an
 * artifact is malformed.
 *
 * @example
 * const plan = buildPlan('out', result.compliance);
 * for (const unit of plan.units) console.log(unit.order, unit.id, unit.commands[0].command);
 */
export function buildPlan(outDir: string, compliance: PlanCompliance, options: BuildPlanOptions = {}): Plan {
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, outDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new SovereignLzError('INPUT_UNREADABLE', `${outDir}: no such directory`);
  }
  if (!isSynthOutput(dir)) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${outDir}: not a synth output (no profile.json beside aws/ or kubernetes/): run sovereign-lz synth --out ${outDir}`,
    );
  }
  const commandDir = options.commandDir ?? commandDirFor(dir, cwd);
  const profile = loadProfileFile(join(dir, 'profile.json'));
  const ctx: PlanReadContext = { outDir: dir, cwd };
  const aws = withStackSetDeployers(existsSync(join(dir, 'aws', 'manifest.json')) ? readAwsUnits('aws', ctx) : []);
  const terraform = existsSync(join(dir, 'kubernetes', 'manifest.json')) ? readTerraformUnits(ctx, profile) : [];
  const ordered = [
    ...dependencyOrder(aws, 'aws/manifest.json'),
    ...dependencyOrder(terraform, 'kubernetes/manifest.json'),
  ];
  const units: DeploymentUnit[] = ordered.map((unit, i) => {
    const common = {
      order: i + 1,
      id: unit.id,
      target: unit.target,
      residency: residencyOf(unit.target.country, profile),
      classification: unit.classification,
      jurisdiction: unit.jurisdiction,
      resources: unit.resources,
      compliance: unitCompliance(findingsOf(unit.artifact, compliance.findings)),
      artifact: unit.artifact,
      dependsOn: [...unit.dependsOn].sort(),
    };
    if ('workingDirectory' in unit) {
      const manifests = manifestsOf(dir, commandDir, unit);
      return {
        ...common,
        kind: 'terraform' as const,
        description: null,
        commands: terraformCommands(commandDir, unit),
        stackSets: [],
        deployedBy: null,
        namespaces: unit.namespaces,
        ...(manifests ? { manifests } : {}),
      };
    }
    return {
      ...common,
      kind: 'cloudformation' as const,
      description: unit.description,
      ...(unit.deployer
        ? {
            // A StackSet template: the deploying unit's StackSet rolls it out; nothing to run.
            commands: [],
            deployedBy: { unit: unit.deployer.unit, stackSet: unit.stackSetTemplateOf! },
            target: {
              ...unit.target,
              description: planWords('en').target({
                target: unit.target,
                stackSet: { name: unit.stackSetTemplateOf!, ...unit.deployer },
              }),
            },
          }
        : { commands: cdkCommand(commandDir, unit), deployedBy: null }),
      stackSets: unit.stackSets,
      namespaces: [],
    };
  });
  // Keys in a fixed order, whatever built the object, so that plan.json is stable.
  const ordering = (u: DeploymentUnit): DeploymentUnit => ({
    order: u.order,
    id: u.id,
    kind: u.kind,
    description: u.description,
    target: u.target,
    residency: u.residency,
    classification: u.classification,
    jurisdiction: u.jurisdiction,
    resources: u.resources,
    compliance: u.compliance,
    artifact: u.artifact,
    dependsOn: u.dependsOn,
    commands: u.commands,
    stackSets: u.stackSets,
    deployedBy: u.deployedBy,
    namespaces: u.namespaces,
    ...(u.manifests ? { manifests: u.manifests } : {}),
  });
  const byId = new Map(units.map((u) => [u.id, u]));
  const endpoints = new Map<string, Endpoint>();
  for (const unit of terraform) for (const e of unit.endpoints) endpoints.set(e.id, e);
  // Namespace pairs of a site the compliance check found undeclared (NET-6's path matrices).
  const undeclared = new Set(
    (compliance.paths ?? [])
      .filter((m) => m.world === 'kubernetes')
      .flatMap((m) =>
        m.rows.filter((r) => r.verdict === 'undeclared').map((r) => JSON.stringify([m.name, r.from, r.to])),
      ),
  );
  const flows: Flow[] = terraform.flatMap((unit) =>
    unit.flows.map((flow) => {
      const from = endResidency(flow.from, byId, endpoints);
      const to = endResidency(flow.to, byId, endpoints);
      const between =
        flow.kind === 'network' && 'unit' in flow.from && 'unit' in flow.to
          ? JSON.stringify([unit.id, flow.from.namespace, flow.to.namespace])
          : undefined;
      return {
        ...flow,
        crossesBoundary: from !== to || from === 'unknown',
        ...(between !== undefined && undeclared.has(between) ? { undeclared: true } : {}),
      };
    }),
  );
  const declared = readZoneSummary(dir, cwd);
  flows.push(...declaredFlows(declared, byId, endpoints));
  const zone = compliance.findings.filter((f) => !units.some((u) => findingsOf(u.artifact, [f]).length));
  const all = unitCompliance(compliance.findings);
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    profile: { id: profile.id, name: profile.name, territory: [...profile.territory] },
    outDir: commandDir,
    summary: {
      units: units.length,
      resources: units.reduce((n, u) => n + u.resources, 0),
      errors: all.errors,
      warnings: all.warnings,
      suppressed: all.suppressed,
      zoneFindings: zone.length,
    },
    units: units.map(ordering),
    places: placesOf(units, profile),
    endpoints: [...endpoints.values()].sort((a, b) => a.id.localeCompare(b.id)),
    flows,
    workloads: declared?.workloads ?? [],
    prerequisites: declared?.prerequisites ?? [],
  };
}

/**
 * The flows of a landing-zone declaration that leave a site: no artifact implements them
 * (they cross a gateway the zone does not build), so the plan shows them as declared.
 */
function declaredFlows(
  summary: ZoneSummary | undefined,
  units: ReadonlyMap<string, DeploymentUnit>,
  endpoints: ReadonlyMap<string, Endpoint>,
): Flow[] {
  if (!summary) return [];
  const workloads = new Map(summary.workloads.map((w) => [w.name, w]));
  const endOf = (ref: string): FlowEnd | undefined => {
    const [name, tier] = ref.split('/');
    const w = workloads.get(name);
    if (!w || !units.has(w.unit)) return undefined;
    return w.place.startsWith('site:') ? { unit: w.unit, namespace: `${name}-${tier}` } : { unit: w.unit };
  };
  return summary.flows.flatMap((flow) => {
    const [from, to] = [endOf(flow.from), endOf(flow.to)];
    if (flow.built || !from || !to) return [];
    const [a, b] = [endResidency(from, units, endpoints), endResidency(to, units, endpoints)];
    return [
      {
        kind: 'declared' as const,
        from,
        to,
        ports: [`TCP ${flow.port}`],
        cidrs: [],
        evidence: [`${ZONE_SUMMARY_FILE}: ${flow.from} → ${flow.to} carries ${flow.carries}`],
        crossesBoundary: a !== b || a === 'unknown',
        declaration: { from: flow.from, to: flow.to, carries: flow.carries },
      },
    ];
  });
}
