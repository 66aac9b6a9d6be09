import { describeGrouping, planDiagram } from './diagram';
import { formatMermaid } from './mermaid';
import type { DeploymentUnit, Flow, FlowEnd, Plan } from './model';

/**
 * The plan as people and programs read it: `plan.json` (the contract, `schemaVersion` 1),
 * `plan.md` (a table of units in order, the commands, and the Mermaid diagram), and the text
 * `sovereign-lz plan` prints.
 */

/** `plan.json`: the plan, pretty, with a final newline. */
export function formatPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** A Markdown table cell: pipes escaped, no line breaks. */
function cell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function target(unit: DeploymentUnit): string {
  return unit.target.description;
}

function complianceText(unit: DeploymentUnit): string {
  const c = unit.compliance;
  return `${c.status} (${c.errors} errors, ${c.warnings} warnings, ${c.suppressed} suppressed)`;
}

function residencyText(unit: DeploymentUnit): string {
  return { national: 'national territory', abroad: 'abroad', unknown: 'unknown' }[unit.residency];
}

function deployedByText(by: NonNullable<DeploymentUnit['deployedBy']>): string {
  return by.unit
    ? `deployed by the StackSet ${by.stackSet} of unit ${by.unit}`
    : `template of the StackSet ${by.stackSet}, which no unit of this output creates`;
}

function endText(end: FlowEnd): string {
  return 'endpoint' in end ? end.endpoint : end.namespace !== undefined ? `${end.unit}/${end.namespace}` : end.unit;
}

function flowText(flow: Flow): string {
  const what = [flow.ports.join(', '), flow.cidrs.join(', ')].filter(Boolean).join(' to ');
  return `${flow.kind}: ${endText(flow.from)} → ${endText(flow.to)}${what ? ` (${what})` : ''}${flow.crossesBoundary ? ' — crosses the residency boundary' : ''}`;
}

/** `plan.md`: the units in order, how to deploy them, and the diagram. */
export function formatPlanMarkdown(plan: Plan): string {
  const s = plan.summary;
  const lines = [
    `# Deployment plan: ${plan.profile.name}`,
    '',
    `Profile \`${plan.profile.id}\`, national territory ${plan.profile.territory.join(', ')}. ` +
      `${s.units} deployment units, ${s.resources} resources; compliance: ${s.errors} errors, ${s.warnings} warnings, ` +
      `${s.suppressed} suppressed (${s.zoneFindings} findings concern the zone as a whole: see compliance.md).`,
    '',
    `Deploy the units in this order, ${plan.outDir === '.' ? 'from the output directory (the one holding this plan)' : `from the directory that contains \`${plan.outDir}/\``}. ` +
      'A target "the deploying account" is the account of the credentials that run the command.',
    '',
    '| # | Unit | Kind | Target | Residency | Classification | Resources | Compliance | Artifact |',
    '|---|---|---|---|---|---|---|---|---|',
    ...plan.units.map(
      (u) =>
        `| ${u.order} | ${cell(u.id)} | ${u.kind} | ${cell(target(u))} | ${residencyText(u)} | ${u.classification ?? 'unclassified'} | ` +
        `${u.resources} | ${complianceText(u)} | \`${cell(u.artifact)}\` |`,
    ),
    '',
    '## Commands',
    '',
    '```sh',
    ...plan.units.flatMap((u) => [
      `# ${u.order}. ${u.id}${u.description ? `: ${u.description}` : ''}`,
      ...(u.deployedBy ? [`#   ${deployedByText(u.deployedBy)}: nothing to run`] : []),
      ...u.commands.filter((c) => c.tool !== 'tofu').map((c) => c.command),
      ...u.commands.filter((c) => c.tool === 'tofu').map((c) => `#   or with OpenTofu: ${c.command}`),
    ]),
    '```',
  ];
  if (plan.workloads.length) {
    lines.push(
      '',
      '## Workloads',
      '',
      'Where the landing-zone declaration placed each workload, and why (`landing-zone.json`).',
      '',
      '| Workload | Classification | Placed in | Unit | Why | Source |',
      '|---|---|---|---|---|---|',
      ...plan.workloads.map(
        (w) =>
          `| ${cell(w.name)} | ${w.classification} | ${cell(w.place)}${w.account ? ` (account ${w.account})` : ''}${w.pinned ? ', pinned' : ''} | ` +
          `${cell(w.unit)} | ${cell(w.reason)} | ${cell(w.source)} |`,
      ),
    );
  }
  const sets = plan.units.flatMap((u) => u.stackSets.map((set) => ({ unit: u, set })));
  if (sets.length) {
    lines.push(
      '',
      '## StackSets',
      '',
      '| Unit | StackSet | Permission model | Organizational units / accounts | Regions |',
      '|---|---|---|---|---|',
      ...sets.map(
        ({ unit, set }) =>
          `| ${cell(unit.id)} | ${cell(set.name ?? set.id)} | ${set.permissionModel ?? '—'} | ` +
          `${cell([...set.organizationalUnits, ...set.accounts].join(', ') || '—')} | ${cell(set.regions.join(', ') || '—')} |`,
      ),
    );
  }
  if (plan.flows.length) {
    lines.push('', '## Data flows', '', ...plan.flows.map((f) => `- ${cell(flowText(f))}`));
  }
  const diagram = planDiagram(plan);
  lines.push(
    '',
    '## Diagram',
    '',
    diagram.grouped
      ? `Regions and sites on each side of the residency boundary, grouped: ${describeGrouping(diagram.grouped)}; ` +
          'the units are listed above. Each box counts its units (CloudFormation, Terraform), resources, namespaces ' +
          'and findings, names the levels present and is coloured by the most restricted one. Data flows between ' +
          'places and destinations are solid arrows labelled with their number (thick red across the boundary; ' +
          'flows within a place are counted in its box), deployment dependencies between places dotted. ' +
          'The same diagram is in `plan.svg`.'
      : 'Regions and sites on each side of the residency boundary, the units in them (coloured by classification), ' +
          'data flows (solid arrows; thick red across the boundary) and deployment dependencies (dotted). ' +
          'The same diagram is in `plan.svg`.',
    '',
    '```mermaid',
    formatMermaid(diagram).trimEnd(),
    '```',
    '',
  );
  return lines.join('\n');
}

/** The plan as `sovereign-lz plan` prints it. */
export function formatPlanText(plan: Plan): string {
  const s = plan.summary;
  const width = Math.max(...plan.units.map((u) => u.id.length), 4);
  const lines = [
    `Deployment plan of ${plan.outDir === '.' ? 'the output directory' : `${plan.outDir}/`} under profile '${plan.profile.id}': ` +
      `${s.units} units, ${s.resources} resources, ${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed`,
    ...(plan.outDir === '.' ? ['(run the commands from the output directory)'] : []),
    '',
    ...plan.units.flatMap((u) => [
      `${String(u.order).padStart(2)}. ${u.id.padEnd(width)}  ${u.kind.padEnd(14)}  ${u.classification ?? 'unclassified'}, ` +
        `${u.resources} resources, ${complianceText(u)}`,
      `    ${target(u)} — ${residencyText(u)}`,
      ...(u.deployedBy ? [`    ${deployedByText(u.deployedBy)}`] : []),
      ...u.commands.map((c) => `    $ ${c.command}`),
    ]),
  ];
  if (plan.flows.length) lines.push('', 'Data flows:', ...plan.flows.map((f) => `  ${flowText(f)}`));
  return `${lines.join('\n')}\n`;
}
