import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SovereignLzError, type JurisdictionProfile, type ZoneSummary } from '../core';
import { checkInput, profileFor } from '../compliance/check';
import type { CheckInput, CheckResult, Finding, Pass, Template } from '../compliance/normalize/model';
import { readInputs } from '../compliance/read/read-inputs';
import { buildPlan, isSynthOutput } from '../plan/build-plan';
import type { DeploymentUnit, Plan, PlannedStackSet } from '../plan/model';
import { readZoneSummary } from '../plan/read-zone';
import {
  bySubject,
  keyLines,
  resourceName,
  retentionLines,
  withResourceNames,
  type UnitTemplate,
} from './architecture-resources';
import { describeFlow } from './plan-flows';

/**
 * The architecture snapshot: a compact, deterministic, human-readable summary of a synth
 * output, one fact per line, each line naming its subject (a unit, a workload, a resource by
 * its construct path, a flow by its ends), so that a change touches only its own lines and a
 * pull request's snapshot diff reads as the change itself. No count of the whole zone, no
 * hash, no path of the machine.
 */

/** What the snapshot and the plan matchers read from a synth output. */
interface Architecture {
  readonly plan: Plan;
  readonly compliance: CheckResult;
  readonly input: CheckInput;
  readonly profile: JurisdictionProfile;
  readonly zone: ZoneSummary | undefined;
}

function readArchitecture(outDir: string): Architecture {
  const dir = resolve(outDir);
  if (!isSynthOutput(dir)) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${outDir}: not a synth output (no profile.json beside aws/ or kubernetes/): run sovereign-lz synth --out ${outDir}, or synthesizeApp`,
    );
  }
  // The same engine as `sovereign-lz check`, run again: compliance.json holds no passes.
  const input = readInputs([dir], { cwd: dir });
  const profile = profileFor(input, undefined);
  const compliance = checkInput(input, profile);
  const plan = buildPlan(dir, compliance, { cwd: dir, commandDir: '.' });
  return { plan, compliance, input, profile, zone: readZoneSummary(dir, dir) };
}

/** What a synth output holds, read for a test: both worlds' artifacts, the findings and the plan. */
export interface SynthOutput {
  /** The output directory (absolute). */
  readonly dir: string;
  readonly profile: JurisdictionProfile;
  /** Each CloudFormation template, by its unit (the CDK CLI's stack selector, e.g. `Records`). */
  readonly templates: Readonly<Record<string, Record<string, unknown>>>;
  /** Each Terraform stack (`cdk.tf.json`), by its name (e.g. `ma-casablanca-1`). */
  readonly terraform: Readonly<Record<string, Record<string, unknown>>>;
  /** The compliance check of the artifacts (findings and passes), as `sovereign-lz check` gives it. */
  readonly result: CheckResult;
  /** The deployment plan. */
  readonly plan: Plan;
  /** What the landing-zone declaration decided, for a declared zone. */
  readonly zone?: ZoneSummary;
}

/**
 * Reads a synth output (of `sovereign-lz synth` or {@link synthesizeApp}) for a test: the AWS
 * templates, the Terraform stacks, the findings and the plan, from the artifacts alone.
 *
 * @example
 * const { templates, result, plan } = readSynthOutput(synthesizeApp(build));
 * expect(result.summary.errors).toBe(0);
 * expect(plan).toPlaceWorkload('civil-registry', 'site:ma-casablanca-1');
 */
export function readSynthOutput(outDir: string): SynthOutput {
  const { plan, compliance, profile, zone } = readArchitecture(outDir);
  const dir = resolve(outDir);
  const read = (artifact: string) => JSON.parse(readFileSync(join(dir, artifact), 'utf8')) as Record<string, unknown>;
  const templates: Record<string, Record<string, unknown>> = {};
  const terraform: Record<string, Record<string, unknown>> = {};
  for (const unit of plan.units)
    (unit.kind === 'cloudformation' ? templates : terraform)[unit.id] = read(unit.artifact);
  return { dir, profile, templates, terraform, result: compliance, plan, zone };
}

/**
 * The deployment plan of a synth output (as `plan.json` holds it), for the placement and flow
 * matchers: `expect(planOf('out')).toPlaceWorkload('records', 'aws:eu-west-3')`.
 */
export function planOf(outDir: string): Plan {
  return readArchitecture(outDir).plan;
}

function section(title: string, lines: readonly string[], none = '(none)'): string[] {
  return [title, ...(lines.length ? lines.map((l) => `  ${l}`) : [`  ${none}`])];
}

function targetText(unit: DeploymentUnit): string[] {
  const residency = unit.residency === 'unknown' ? 'residency unknown' : unit.residency;
  if (unit.deployedBy) {
    return [`deployed by StackSet ${unit.deployedBy.stackSet} of ${unit.deployedBy.unit} to each target account`];
  }
  const t = unit.target;
  if (t.kind === 'aws') {
    const where = [t.location, t.country].filter(Boolean).join(', ');
    return [
      t.account ? `account ${t.account}` : 'the deploying account',
      t.region ? `${t.region} (${where ? `${where}; ` : ''}${residency})` : 'any region (environment-agnostic)',
    ];
  }
  const cluster = t.contexts.length ? `cluster ${t.contexts.join(' ')}` : 'the current kubeconfig context';
  const site = t.site ? `site ${t.site} (${t.country ? `${t.country}; ` : ''}${residency})` : 'no declared site';
  return [cluster, site];
}

/** Who holds a unit's KMS keys: its account, or each account its StackSet targets. */
function holderOf(unit: DeploymentUnit | undefined): string {
  if (unit?.deployedBy) return `each target account of StackSet ${unit.deployedBy.stackSet}`;
  return unit?.target.kind === 'aws' && unit.target.account
    ? `account ${unit.target.account}`
    : 'the deploying account';
}

function complianceText(unit: DeploymentUnit): string {
  const c = unit.compliance;
  const counts = [
    ...(c.errors ? [`${c.errors} error${c.errors === 1 ? '' : 's'}`] : []),
    ...(c.warnings ? [`${c.warnings} warning${c.warnings === 1 ? '' : 's'}`] : []),
    ...(c.suppressed ? [`${c.suppressed} suppressed`] : []),
  ];
  return `${c.status}${counts.length ? ` (${counts.join(', ')})` : ''}`;
}

/**
 * A StackSet's target as the plan names it: an organizational unit of the template by its names
 * (`Workloads`); another reference by the construct path of what it names.
 */
function targetName(value: string, template: Template | undefined, unit: string): string {
  const ref = /^(?:Ref|GetAtt) ([^.\s]+)(?:\.\w+)?$/.exec(value);
  const resource = ref && template ? template.byId.get(ref[1]) : undefined;
  return resource ? resourceName(resource, unit) : value;
}

function stackSetLine(unit: DeploymentUnit, set: PlannedStackSet, template: Template | undefined): string {
  const targets = [
    ...set.organizationalUnits.map((ou) => targetName(ou, template, unit.id)),
    ...set.accounts.map((a) => `account ${a}`),
  ].sort();
  return [
    `${unit.id} StackSet ${set.name ?? targetName(`Ref ${set.id}`, template, unit.id)}: ${set.permissionModel ?? 'permission model unset'}`,
    `to ${targets.length ? targets.join(' ') : 'no target'}`,
    `regions ${set.regions.length ? set.regions.join(' ') : 'none'}`,
  ].join(' · ');
}

function unitLines(a: Architecture, templates: ReadonlyMap<string, Template>): string[] {
  const lines: string[] = [];
  for (const unit of a.plan.units) {
    const kind =
      unit.kind === 'terraform'
        ? 'Terraform stack'
        : unit.deployedBy
          ? 'CloudFormation template'
          : 'CloudFormation stack';
    const after = unit.dependsOn.filter((d) => d !== unit.deployedBy?.unit);
    lines.push(
      [
        `${unit.id}: ${kind}`,
        ...targetText(unit),
        unit.classification ?? 'unclassified',
        ...(unit.jurisdiction && unit.jurisdiction !== a.profile.id ? [`jurisdiction ${unit.jurisdiction}`] : []),
        `${unit.resources} resource${unit.resources === 1 ? '' : 's'}`,
        complianceText(unit),
        ...(after.length ? [`after ${after.join(' ')}`] : []),
      ].join(' · '),
    );
    for (const set of unit.stackSets) lines.push(stackSetLine(unit, set, templates.get(unit.artifact)));
    for (const ns of unit.namespaces) {
      lines.push(
        [
          `${unit.id} namespace ${ns.name}: ${ns.classification ?? 'unclassified'}`,
          ...(ns.tier ? [`tier ${ns.tier}`] : []),
          ...(ns.purpose ? [`purpose ${ns.purpose}`] : []),
          ns.workloads.length ? ns.workloads.join(' ') : 'no workload',
        ].join(' · '),
      );
    }
  }
  return lines;
}

function workloadLines(plan: Plan): string[] {
  return [...plan.workloads]
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .map((w) =>
      [
        `${w.name}: ${w.classification} → ${w.place}`,
        ...(w.account ? [`account ${w.account}`] : []),
        `unit ${w.unit}`,
        ...(w.namespaces.length ? [`namespaces ${w.namespaces.join(' ')}`] : []),
        w.pinned ? 'pinned by the declaration' : 'placed by its classification',
        `${w.reason.en} [${w.source}]`,
      ].join(' · '),
    );
}

type ControlStatus = 'fail' | 'warn' | 'suppressed' | 'review' | 'pass';
/** Worst first: a control takes the worst status of its results on the unit. */
const STATUS_ORDER: readonly ControlStatus[] = ['fail', 'warn', 'suppressed', 'review', 'pass'];
/** The order of a controls line. */
const LINE_ORDER: readonly ControlStatus[] = ['pass', 'suppressed', 'review', 'warn', 'fail'];

function statusOf(finding: Finding): ControlStatus {
  if (finding.suppressed) return 'suppressed';
  return finding.severity === 'error' ? 'fail' : finding.severity === 'warning' ? 'warn' : 'review';
}

/** `pass CLS-1 ENC-1 …; suppressed ENC-1; review JUR-1 (27)`: each control once, with its worst status. */
function controlsText(findings: readonly Finding[], passes: readonly Pass[]): string {
  const worst = new Map<string, ControlStatus>();
  const reviews = new Map<string, number>();
  const note = (control: string, status: ControlStatus) => {
    const current = worst.get(control);
    if (current === undefined || STATUS_ORDER.indexOf(status) < STATUS_ORDER.indexOf(current)) {
      worst.set(control, status);
    }
  };
  for (const p of passes) note(p.control, 'pass');
  for (const f of findings) {
    note(f.control, statusOf(f));
    if (statusOf(f) === 'review') reviews.set(f.control, (reviews.get(f.control) ?? 0) + 1);
  }
  const parts = LINE_ORDER.flatMap((status) => {
    const controls = [...worst].filter(([, s]) => s === status).map(([c]) => c);
    if (!controls.length) return [];
    const named = controls.sort().map((c) => (status === 'review' ? `${c} (${reviews.get(c)})` : c));
    return [`${status} ${named.join(' ')}`];
  });
  return parts.length ? parts.join('; ') : 'no control applies';
}

function findingLine(f: Finding, name: string, template: Template | undefined, unit: string): string {
  const why = f.suppressed ? (f.justification ?? '') : f.message;
  return `${name}: ${statusOf(f)} ${f.rule} · ${template ? withResourceNames(why, template, unit) : why}`;
}

function controlLines(a: Architecture, templates: ReadonlyMap<string, Template>): string[] {
  const lines: string[] = [];
  const ofUnit = new Set<Finding | Pass>();
  for (const unit of a.plan.units) {
    const findings = a.compliance.findings.filter((f) => f.file === unit.artifact);
    const passes = a.compliance.passes.filter((p) => p.file === unit.artifact);
    [...findings, ...passes].forEach((x) => ofUnit.add(x));
    lines.push(`${unit.id}: ${controlsText(findings, passes)}`);
    const template = templates.get(unit.artifact);
    // Each failure, warning and waiver on its own line; `review` findings (resources no rule knows) are counted above.
    const detailed = findings
      .filter((f) => statusOf(f) !== 'review')
      .map((f) => {
        const resource = template?.byId.get(f.resource);
        return findingLine(f, resource ? resourceName(resource, unit.id) : unit.id, template, unit.id);
      });
    lines.push(...bySubject([...new Set(detailed)]));
  }
  // Zone-wide results: whole-input rules (RES-4, LOG-1's trail), attestations.
  const zoneFindings = a.compliance.findings.filter((f) => !ofUnit.has(f));
  const zonePasses = a.compliance.passes.filter((p) => !ofUnit.has(p));
  lines.push(`zone: ${controlsText(zoneFindings, zonePasses)}`);
  const zoneLines = zoneFindings.map((f) => findingLine(f, `zone ${f.resource || f.file || 'input'}`, undefined, ''));
  lines.push(...bySubject([...new Set(zoneLines)]));
  return lines;
}

function header(a: Architecture): string[] {
  const profile = `profile ${a.profile.id} (national territory ${a.profile.territory.join(' ') || 'none'})`;
  if (!a.zone) return [`architecture under ${profile}`];
  const [home, ...others] = a.zone.regions;
  return [
    `architecture of landing zone ${a.zone.name} under ${profile}`,
    [
      `regions ${home ? [`${home} (home)`, ...others].join(' ') : 'none'}`,
      `sites ${a.zone.sites.length ? a.zone.sites.join(' ') : 'none'}`,
    ].join(' · '),
  ];
}

/**
 * The architecture snapshot of a synth output (`sovereign-lz synth --out DIR`, or
 * {@link synthesizeApp}): one fact per line, in sections — `units` (in deployment order: kind,
 * target, classification, resources, compliance; StackSets; namespaces), `workloads` (where the
 * declaration placed each, and why), `flows` (what is allowed between tiers and to endpoints;
 * anything else is denied), `keys` (KMS keys, in-country storage classes and their key
 * managers, external keys), `retention` (log groups, Object Lock, lifecycle, backup vaults and
 * plans, in-country log forwarders and backup schedules) and `controls` (per unit, each control
 * once with its worst status, then each failure and waiver). Resources are named by construct
 * path, never by hashed logical id; lines are sorted or in deployment order; no line counts
 * the whole zone. Designed for `toMatchSnapshot()`: a changed placement or retention shows as
 * the few lines that name it.
 *
 * Reads the artifacts and runs the compliance engine on them again (`compliance.json` holds no
 * passes). Throws a one-line `SovereignLzError` if `outDir` is not a synth output.
 *
 * @example
 * expect(architectureSnapshot('out')).toMatchSnapshot();
 */
export function architectureSnapshot(outDir: string): string {
  const a = readArchitecture(outDir);
  const templates = new Map(a.input.templates.map((t) => [t.file, t]));
  const units: UnitTemplate[] = a.input.templates.map((template) => {
    const unit = a.plan.units.find((u) => u.artifact === template.file);
    return { template, unit: unit?.id ?? template.stack.name ?? template.file, holder: holderOf(unit) };
  });
  return [
    ...header(a),
    '',
    ...section('units (in deployment order)', unitLines(a, templates)),
    '',
    ...section('workloads', workloadLines(a.plan), a.zone ? '(none)' : '(no landing-zone declaration)'),
    '',
    ...section('flows (allowed; anything else is denied)', bySubject(a.plan.flows.map((f) => describeFlow(a.plan, f)))),
    '',
    ...section('keys', keyLines(units, a.profile)),
    '',
    ...section('retention', retentionLines(units)),
    '',
    ...section('controls', controlLines(a, templates)),
    '',
  ].join('\n');
}
