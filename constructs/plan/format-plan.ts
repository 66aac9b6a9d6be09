import {
  markdownCell,
  markdownCode,
  markdownHeading,
  shellComment,
  shellQuote,
  terminalText,
  type Language,
} from '../core';
import { resolveGoYamlScalar } from '../compliance/read/kubernetes-yaml';
import { describeGrouping, planDiagram } from './diagram';
import { formatMermaid } from './mermaid';
import type { DeploymentUnit, Flow, FlowEnd, Plan } from './model';
import { planWords, targetFacts, type PlanMarkdownWords, type PlanWords } from './plan-words';

/**
 * The plan as people and programs read it: `plan.json` (the contract, `schemaVersion` 1),
 * `plan.md` (a table of units in order, the commands, and the Mermaid diagram), and the text
 * `sovereign-lz plan` prints. plan.md and the text are in English or French (plan-words.ts);
 * `plan.json` is the same in every language.
 *
 * Every value the artifacts, the profile or the landing-zone declaration give goes through the
 * encoder of the format it lands in (core's output-encoding.ts): in plan.md, table cells and list
 * items through `markdownCell`, code through `markdownCode`, headings through `markdownHeading`,
 * the comments of the commands block through `shellComment` (the commands are built of words
 * quoted by `shellQuote`); in the text, every value through `terminalText`.
 */

/** `plan.json`: the plan, pretty, with a final newline. */
export function formatPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

function complianceText(unit: DeploymentUnit, words: PlanWords): string {
  return words.compliance(words.complianceStatus[unit.compliance.status], unit.compliance);
}

function endText(end: FlowEnd): string {
  return 'endpoint' in end ? end.endpoint : end.namespace !== undefined ? `${end.unit}/${end.namespace}` : end.unit;
}

function flowText(flow: Flow, words: PlanWords): string {
  const what = [flow.ports.join(', '), flow.cidrs.join(', ')].filter(Boolean).join(words.portsTo);
  return `${words.flowKind[flow.kind]}${words.colon}${endText(flow.from)} → ${endText(flow.to)}${what ? ` (${what})` : ''}${flow.crossesBoundary ? words.crossesBoundary : ''}${flow.undeclared ? words.undeclaredFlow : ''}`;
}

/** Commands given as words, each word quoted, run one after the other (`&&`). */
export function shellCommands(commands: readonly (readonly string[])[]): string {
  return commands.map((words) => words.map(shellQuote).join(' ')).join(' && ');
}

/** A string as a YAML value kubectl reads back as that string: plain when nothing in it has a meaning, else JSON-quoted (one line). */
function yamlValue(text: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(text) && resolveGoYamlScalar(text).tag === 'str'
    ? text
    : JSON.stringify(text);
}

/**
 * The Argo CD Application that applies a unit's plain manifests from a Git repository, with
 * server-side apply (as the kubectl command does): the repository is a placeholder, the
 * destination the cluster Argo CD runs in (an in-country site keeps its controller on site).
 */
function argoCdApplication(unit: DeploymentUnit, outDir: string, say: PlanMarkdownWords): string[] {
  const path = `${outDir === '.' ? '' : `${outDir}/`}${unit.manifests!.directory}`;
  const comment = (text: string) => `  # ${shellComment(text)}`;
  return [
    `# ${shellComment(`${unit.order}. ${unit.id}`)}`,
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${yamlValue(unit.id)}`,
    '  namespace: argocd',
    'spec:',
    '  project: default',
    '  source:',
    `    repoURL: https://git.example.org/your-zone.git${comment(say.argoCdComments.repoURL)}`,
    '    targetRevision: main',
    `    path: ${yamlValue(path)}${comment(say.argoCdComments.path)}`,
    '  destination:',
    `    server: https://kubernetes.default.svc${comment(say.argoCdComments.destination)}`,
    '  syncPolicy:',
    '    syncOptions:',
    '      - ServerSideApply=true',
  ];
}

/** A Markdown table's header and separator. */
function tableHead(columns: readonly string[]): string[] {
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---|').join('')}`];
}

/** `plan.md`: the units in order, how to deploy them, and the diagram, in `language`. */
export function formatPlanMarkdown(plan: Plan, language: Language = 'en'): string {
  const words = planWords(language);
  const say = words.markdown;
  const cell = markdownCell;
  // A line of the commands block that no value can end: the shell would run what follows.
  const comment = (indent: string, text: string) => `#${indent}${shellComment(text)}`;
  const lines = [
    `# ${say.title(markdownHeading(plan.profile.name))}`,
    '',
    say.summary(markdownCode(plan.profile.id, 'inline'), plan.profile.territory.map(cell), plan.summary),
    '',
    say.order(plan.outDir === '.' ? null : markdownCode(`${plan.outDir}/`, 'inline')),
    '',
    ...tableHead(say.unitColumns),
    ...plan.units.map(
      (u) =>
        `| ${u.order} | ${cell(u.id)} | ${cell(u.kind)} | ${cell(words.target(targetFacts(u, plan)))} | ${words.residency[u.residency]} | ${cell(u.classification ?? words.unclassified)} | ` +
        `${u.resources} | ${complianceText(u, words)} | ${markdownCode(u.artifact)} |`,
    ),
    '',
    ...(plan.prerequisites.length
      ? [
          `## ${say.prerequisitesHeading}`,
          '',
          say.prerequisitesIntro,
          '',
          '```sh',
          ...plan.prerequisites.flatMap((p, i) => [
            `# ${i + 1}. ${shellComment(`${p.target}: ${p.description[language]}`)}`,
            p.commands.length ? shellCommands(p.commands) : `#   ${say.noCommand}`,
          ]),
          '```',
          '',
        ]
      : []),
    `## ${say.commandsHeading}`,
    '',
    '```sh',
    // The commands are words quoted by shellQuote (build-plan.ts); all the rest is comments.
    ...plan.units.flatMap((u) => [
      comment(' ', `${u.order}. ${u.id}${u.description ? `${words.colon}${u.description}` : ''}`),
      ...(u.deployedBy ? [comment('   ', `${words.deployedBy(u.deployedBy)}${words.colon}${say.nothingToRun}`)] : []),
      ...u.commands.filter((c) => c.tool !== 'tofu').map((c) => c.command),
      ...u.commands.filter((c) => c.tool === 'tofu').map((c) => comment('   ', say.orWithOpenTofu(c.command))),
    ]),
    '```',
  ];
  const sites = plan.units.filter((u) => u.manifests);
  if (sites.length) {
    lines.push(
      '',
      `## ${say.manifestsHeading}`,
      '',
      say.manifestsIntro('docs/kubernetes.md'),
      '',
      '```sh',
      // As in the commands block: the commands are quoted words, the rest comments.
      ...sites.flatMap((u) => [
        comment(' ', `${u.order}. ${u.id}${words.colon}${say.manifestsObjects(u.manifests!.objects)}`),
        ...u.manifests!.commands.map((c) => c.command),
      ]),
      '```',
      '',
      say.argoCdIntro,
      '',
      '```yaml',
      ...sites.flatMap((u, i) => [...(i ? ['---'] : []), ...argoCdApplication(u, plan.outDir, say)]),
      '```',
    );
  }
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
          `| ${cell(w.name)} | ${cell(w.classification)} | ${cell(w.place)}${w.account ? say.account(cell(w.account)) : ''}${w.pinned ? say.pinned : ''} | ` +
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
          `| ${cell(unit.id)} | ${cell(set.name ?? set.id)} | ${cell(set.permissionModel ?? '—')} | ` +
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

/** A copy of `value` (plain data) with every string through `f`. */
function mapStrings<T>(value: T, f: (text: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, f)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  }
  return value;
}

/**
 * The plan as `sovereign-lz plan` prints it, in `language`. Every string of the plan goes
 * through `terminalText` on one line first: no value moves the cursor, colours the terminal,
 * or prints a line of its own.
 */
export function formatPlanText(input: Plan, language: Language = 'en'): string {
  const plan = mapStrings(input, (text) => terminalText(text, { singleLine: true }));
  const words = planWords(language);
  const say = words.text;
  const width = Math.max(...plan.units.map((u) => u.id.length), 4);
  const lines = [
    say.title(plan.outDir, plan.profile.id, plan.summary),
    ...(plan.outDir === '.' ? [say.runFromOutput] : []),
    '',
    ...(plan.prerequisites.length
      ? [
          say.prerequisites(plan.prerequisites.length),
          ...plan.prerequisites.map((p, i) => `  ${String(i + 1).padStart(2)}. ${p.id}`),
          '',
        ]
      : []),
    ...plan.units.flatMap((u) => [
      `${String(u.order).padStart(2)}. ${u.id.padEnd(width)}  ${u.kind.padEnd(14)}  ${u.classification ?? words.unclassified}, ` +
        `${say.resources(u.resources)}, ${complianceText(u, words)}`,
      `    ${words.target(targetFacts(u, plan))} — ${words.residency[u.residency]}`,
      ...(u.deployedBy ? [`    ${words.deployedBy(u.deployedBy)}`] : []),
      ...u.commands.map((c) => `    $ ${c.command}`),
      ...(u.manifests?.commands ?? []).map((c) => `    ${say.orManifests(c.command)}`),
    ]),
  ];
  if (plan.flows.length) lines.push('', say.flowsHeading, ...plan.flows.map((f) => `  ${flowText(f, words)}`));
  return `${lines.join('\n')}\n`;
}
