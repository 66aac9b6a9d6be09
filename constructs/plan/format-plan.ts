import type { Language } from '../core';
import { describeGrouping, planDiagram } from './diagram';
import { formatMermaid } from './mermaid';
import type { DeploymentUnit, Flow, FlowEnd, Plan } from './model';
import { planWords, targetFacts, type PlanWords } from './plan-words';

/**
 * The plan as people and programs read it: `plan.json` (the contract, `schemaVersion` 1),
 * `plan.md` (a table of units in order, the commands, and the Mermaid diagram), and the text
 * `sovereign-lz plan` prints. plan.md and the text are in English or French (plan-words.ts);
 * `plan.json` is the same in every language.
 */

/** `plan.json`: the plan, pretty, with a final newline. */
export function formatPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** A Markdown table cell: pipes escaped, no line breaks. */
function cell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function complianceText(unit: DeploymentUnit, words: PlanWords): string {
  return words.compliance(words.complianceStatus[unit.compliance.status], unit.compliance);
}

function endText(end: FlowEnd): string {
  return 'endpoint' in end ? end.endpoint : end.namespace !== undefined ? `${end.unit}/${end.namespace}` : end.unit;
}

function flowText(flow: Flow, words: PlanWords): string {
  const what = [flow.ports.join(', '), flow.cidrs.join(', ')].filter(Boolean).join(words.portsTo);
  return `${words.flowKind[flow.kind]}${words.colon}${endText(flow.from)} → ${endText(flow.to)}${what ? ` (${what})` : ''}${flow.crossesBoundary ? words.crossesBoundary : ''}`;
}

/** A Markdown table's header and separator. */
function tableHead(columns: readonly string[]): string[] {
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---|').join('')}`];
}

/** `plan.md`: the units in order, how to deploy them, and the diagram, in `language`. */
export function formatPlanMarkdown(plan: Plan, language: Language = 'en'): string {
  const words = planWords(language);
  const say = words.markdown;
  const lines = [
    `# ${say.title(plan.profile.name)}`,
    '',
    say.summary(plan.profile, plan.summary),
    '',
    say.order(plan.outDir),
    '',
    ...tableHead(say.unitColumns),
    ...plan.units.map(
      (u) =>
        `| ${u.order} | ${cell(u.id)} | ${u.kind} | ${cell(words.target(targetFacts(u, plan)))} | ${words.residency[u.residency]} | ${u.classification ?? words.unclassified} | ` +
        `${u.resources} | ${complianceText(u, words)} | \`${cell(u.artifact)}\` |`,
    ),
    '',
    `## ${say.commandsHeading}`,
    '',
    '```sh',
    ...plan.units.flatMap((u) => [
      `# ${u.order}. ${u.id}${u.description ? `${words.colon}${u.description}` : ''}`,
      ...(u.deployedBy ? [`#   ${words.deployedBy(u.deployedBy)}${words.colon}${say.nothingToRun}`] : []),
      ...u.commands.filter((c) => c.tool !== 'tofu').map((c) => c.command),
      ...u.commands.filter((c) => c.tool === 'tofu').map((c) => `#   ${say.orWithOpenTofu(c.command)}`),
    ]),
    '```',
  ];
  if (plan.workloads.length) {
    lines.push(
      '',
      `## ${say.workloadsHeading}`,
      '',
      say.workloadsIntro,
      '',
      ...tableHead(say.workloadColumns),
      ...plan.workloads.map(
        (w) =>
          `| ${cell(w.name)} | ${w.classification} | ${cell(w.place)}${w.account ? say.account(w.account) : ''}${w.pinned ? say.pinned : ''} | ` +
          `${cell(w.unit)} | ${cell(w.reason[language])} | ${cell(w.source)} |`,
      ),
    );
  }
  const sets = plan.units.flatMap((u) => u.stackSets.map((set) => ({ unit: u, set })));
  if (sets.length) {
    lines.push(
      '',
      `## ${say.stackSetsHeading}`,
      '',
      ...tableHead(say.stackSetColumns),
      ...sets.map(
        ({ unit, set }) =>
          `| ${cell(unit.id)} | ${cell(set.name ?? set.id)} | ${set.permissionModel ?? '—'} | ` +
          `${cell([...set.organizationalUnits, ...set.accounts].join(', ') || '—')} | ${cell(set.regions.join(', ') || '—')} |`,
      ),
    );
  }
  if (plan.flows.length) {
    lines.push('', `## ${say.flowsHeading}`, '', ...plan.flows.map((f) => `- ${cell(flowText(f, words))}`));
  }
  const diagram = planDiagram(plan, { language });
  lines.push(
    '',
    `## ${say.diagramHeading}`,
    '',
    diagram.grouped ? say.groupedDiagram(describeGrouping(diagram.grouped, language)) : say.detailedDiagram,
    '',
    '```mermaid',
    formatMermaid(diagram).trimEnd(),
    '```',
    '',
  );
  return lines.join('\n');
}

/** The plan as `sovereign-lz plan` prints it, in `language`. */
export function formatPlanText(plan: Plan, language: Language = 'en'): string {
  const words = planWords(language);
  const say = words.text;
  const width = Math.max(...plan.units.map((u) => u.id.length), 4);
  const lines = [
    say.title(plan.outDir, plan.profile.id, plan.summary),
    ...(plan.outDir === '.' ? [say.runFromOutput] : []),
    '',
    ...plan.units.flatMap((u) => [
      `${String(u.order).padStart(2)}. ${u.id.padEnd(width)}  ${u.kind.padEnd(14)}  ${u.classification ?? words.unclassified}, ` +
        `${say.resources(u.resources)}, ${complianceText(u, words)}`,
      `    ${words.target(targetFacts(u, plan))} — ${words.residency[u.residency]}`,
      ...(u.deployedBy ? [`    ${words.deployedBy(u.deployedBy)}`] : []),
      ...u.commands.map((c) => `    $ ${c.command}`),
    ]),
  ];
  if (plan.flows.length) lines.push('', say.flowsHeading, ...plan.flows.map((f) => `  ${flowText(f, words)}`));
  return `${lines.join('\n')}\n`;
}
