import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planCommand, runPlan } from '../../constructs/cli/plan';
import {
  buildPlan,
  describeGrouping,
  formatDot,
  formatMermaid,
  formatPlanJson,
  formatPlanMarkdown,
  formatPlanText,
  planDiagram,
  readComplianceReport,
  renderPlanFiles,
  writePlan,
  type Plan,
} from '../../constructs/plan';
import { PLAN_WORDS } from '../../constructs/plan/plan-words';

// The plan in English and French: the words of plan.md, the text and the diagram follow the
// language; ids, keys, commands, stack names, levels and plan.json never do. On the Morocco
// example, synthesized once by the compiled CLI as `npm run synth` does.
const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'slz-plan-lang-'));
const out = join(work, 'out');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let plan: Plan;

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(root, 'lib/constructs/cli/main.js'), 'synth', '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  plan = buildPlan(out, readComplianceReport(out), { commandDir: 'out' });
});

/** Texts of plan.md translated: [English, French]. */
const MARKDOWN: readonly (readonly [string, string])[] = [
  ['# Deployment plan: ', '# Plan de déploiement : '],
  [
    'Profile `morocco-public-sector`, national territory MA. 11 deployment units',
    'Profil `morocco-public-sector`, territoire national MA. 11 unités de déploiement',
  ],
  [
    'findings concern the zone as a whole: see compliance.md',
    'constats concernent la zone dans son ensemble : voir compliance.md',
  ],
  [
    'Deploy the units in this order, from the directory that contains `out/`.',
    'Déployer les unités dans cet ordre, depuis le répertoire qui contient `out/`.',
  ],
  ['A target "the deploying account" is the account', 'Une cible "le compte qui déploie" est le compte'],
  [
    '| # | Unit | Kind | Target | Residency | Classification | Resources | Compliance | Artifact |',
    '| # | Unité | Type | Cible | Résidence | Classification | Ressources | Conformité | Artefact |',
  ],
  [
    '| 1 | LogArchive | cloudformation | account 222222222222, eu-west-3 · Paris, FR | abroad | internal | 6 | passes (0 errors, 0 warnings, 1 suppressed) |',
    "| 1 | LogArchive | cloudformation | compte 222222222222, eu-west-3 · Paris, FR | à l'étranger | internal | 6 | conforme (0 erreur, 0 avertissement, 1 dérogation) |",
  ],
  [
    '| every account the StackSet morocco-public-sector-baseline targets, in eu-south-2, eu-west-3 |',
    '| chaque compte que cible le StackSet morocco-public-sector-baseline, dans eu-south-2, eu-west-3 |',
  ],
  [
    '| cluster ma-casablanca-1 on site ma-casablanca-1 (MA) | national territory | sensitive |',
    '| cluster ma-casablanca-1 sur le site ma-casablanca-1 (MA) | territoire national | sensitive |',
  ],
  ['## Commands', '## Commandes'],
  ['# 1. LogArchive: ', '# 1. LogArchive : '],
  [
    '#   deployed by the StackSet morocco-public-sector-baseline of unit Organization: nothing to run',
    "#   déployée par le StackSet morocco-public-sector-baseline de l'unité Organization : rien à exécuter",
  ],
  ['#   or with OpenTofu: tofu ', '#   ou avec OpenTofu : tofu '],
  ['## Workloads', '## Charges de travail'],
  [
    'Where the landing-zone declaration placed each workload, and why',
    "Où la déclaration de la zone d'atterrissage a placé chaque charge de travail, et pourquoi",
  ],
  [
    '| Workload | Classification | Placed in | Unit | Why | Source |',
    '| Charge de travail | Classification | Placée dans | Unité | Pourquoi | Source |',
  ],
  [
    "| citizen-portal | public | aws:eu-west-3 (account 555555555555) | CitizenPortal | level 'public' may be hosted in AWS region 'eu-west-3' (FR) | DNSSI |",
    "| citizen-portal | public | aws:eu-west-3 (compte 555555555555) | CitizenPortal | le niveau 'public' peut être hébergé dans la région AWS 'eu-west-3' (FR) | DNSSI |",
  ],
  ['(account 666666666666), pinned |', '(compte 666666666666), épinglée |'],
  [
    "| level 'sensitive' may be hosted in site 'ma-casablanca-1' (MA) |",
    "| le niveau 'sensitive' peut être hébergé sur le site 'ma-casablanca-1' (MA) |",
  ],
  [
    '| Unit | StackSet | Permission model | Organizational units / accounts | Regions |',
    '| Unité | StackSet | Modèle de permissions | Unités organisationnelles / comptes | Régions |',
  ],
  ['## Data flows', '## Flux de données'],
  [
    '- logs: ma-casablanca-1/sovereign-lz-logs → log-sink:logs.casablanca.gov.ma (TCP 24224 to 10.30.0.0/24)',
    '- journaux : ma-casablanca-1/sovereign-lz-logs → log-sink:logs.casablanca.gov.ma (TCP 24224 vers 10.30.0.0/24)',
  ],
  [
    '- backup: ma-casablanca-1/civil-registry-data → backup:minio-casablanca',
    '- sauvegarde : ma-casablanca-1/civil-registry-data → backup:minio-casablanca',
  ],
  [
    '- declared: Records → ma-casablanca-1/civil-registry-application (TCP 8443) — crosses the residency boundary',
    '- déclaré : Records → ma-casablanca-1/civil-registry-application (TCP 8443) — franchit la frontière de résidence',
  ],
  ['## Diagram\n', '## Diagramme\n'],
  [
    'Regions and sites on each side of the residency boundary, the units in them',
    'Régions et sites de chaque côté de la frontière de résidence, les unités',
  ],
  ['The same diagram is in `plan.svg`.', 'Le même diagramme est dans `plan.svg`.'],
];

/** Texts of the diagram (in plan.md's Mermaid) translated: [English, French]. */
const DIAGRAM: readonly (readonly [string, string])[] = [
  ['subgraph g_national["National territory (MA)"]', 'subgraph g_national["Territoire national (MA)"]'],
  ['subgraph g_abroad["Abroad (outside MA)"]', 'subgraph g_abroad["À l\'étranger (hors de MA)"]'],
  [
    '["Terraform stack ma-casablanca-1 · context ma-casablanca-1"]',
    '["Pile Terraform ma-casablanca-1 · contexte ma-casablanca-1"]',
  ],
  [
    'Terraform · sensitive<br/>33 resources · compliant, 3 suppressed"]',
    'Terraform · sensitive<br/>33 ressources · conforme, 3 dérogations"]',
  ],
  [
    '11 resources · compliant<br/>StackSet morocco-public-sector-baseline → 4 targets in eu-south-2, eu-west-3<br/>StackSet morocco-public-sector-baseline-global → 4 targets in eu-west-3"]',
    '11 ressources · conforme<br/>StackSet morocco-public-sector-baseline → 4 cibles dans eu-south-2, eu-west-3<br/>StackSet morocco-public-sector-baseline-global → 4 cibles dans eu-west-3"]',
  ],
  [
    '("namespace civil-registry-application<br/>sensitive · application<br/>Deployment/api")',
    '("espace de noms civil-registry-application<br/>sensitive · application<br/>Deployment/api")',
  ],
  [
    '[("log sink logs.casablanca.gov.ma<br/>allowlisted by the profile")]',
    '[("destination des journaux logs.casablanca.gov.ma<br/>sur la liste d\'autorisation du profil")]',
  ],
  ['[("backup location minio-casablanca<br/>', '[("emplacement de sauvegarde minio-casablanca<br/>'],
  ['-->|"logs · TCP 24224 · 10.30.0.0/24"|', '-->|"journaux · TCP 24224 · 10.30.0.0/24"|'],
  ['-->|"backup"| ep_backup_minio_casablanca', '-->|"sauvegarde"| ep_backup_minio_casablanca'],
  ['unit_Records ==>|"declared · TCP 8443"|', 'unit_Records ==>|"déclaré · TCP 8443"|'],
  [
    'unit_Organization -.->|"deploy first"| unit_StackSetTemplates_AccountBaseline',
    'unit_Organization -.->|"déployer d\'abord"| unit_StackSetTemplates_AccountBaseline',
  ],
];

/** Texts of `sovereign-lz plan`'s output translated: [English, French]. */
const TEXT: readonly (readonly [string, string])[] = [
  [
    "Deployment plan of out/ under profile 'morocco-public-sector': 11 units, 272 resources, 0 errors, 0 warnings, 6 suppressed\n",
    "Plan de déploiement de out/ sous le profil 'morocco-public-sector' : 11 unités, 272 ressources, 0 erreur, 0 avertissement, 6 dérogations\n",
  ],
  [
    '  internal, 6 resources, passes (0 errors, 0 warnings, 1 suppressed)\n    account 222222222222, eu-west-3 · Paris, FR — abroad\n',
    "  internal, 6 ressources, conforme (0 erreur, 0 avertissement, 1 dérogation)\n    compte 222222222222, eu-west-3 · Paris, FR — à l'étranger\n",
  ],
  [
    '    deployed by the StackSet morocco-public-sector-baseline of unit Organization\n',
    "    déployée par le StackSet morocco-public-sector-baseline de l'unité Organization\n",
  ],
  [
    '    cluster ma-casablanca-1 on site ma-casablanca-1 (MA) — national territory\n',
    '    cluster ma-casablanca-1 sur le site ma-casablanca-1 (MA) — territoire national\n',
  ],
  ['\nData flows:\n  logs: ', '\nFlux de données :\n  journaux : '],
  ['  network: ma-casablanca-1/civil-registry-application', '  réseau : ma-casablanca-1/civil-registry-application'],
];

/** Each text in its language's output, and none of the other language's. */
function expectLanguage(output: { en: string; fr: string }, texts: readonly (readonly [string, string])[]) {
  for (const [en, fr] of texts) {
    expect({ en, found: output.en.includes(en), fr: output.en.includes(fr) }).toEqual({ en, found: true, fr: false });
    expect({ fr, found: output.fr.includes(fr), en: output.fr.includes(en) }).toEqual({ fr, found: true, en: false });
  }
}

test('plan.md in French: headings, columns, sentences, targets, workloads and flows; none of the English left', () => {
  expectLanguage({ en: formatPlanMarkdown(plan), fr: formatPlanMarkdown(plan, 'fr') }, [...MARKDOWN, ...DIAGRAM]);
});

test('the default language is English, byte for byte', () => {
  expect(formatPlanMarkdown(plan, 'en')).toBe(formatPlanMarkdown(plan));
  expect(formatPlanText(plan, 'en')).toBe(formatPlanText(plan));
  expect(formatMermaid(planDiagram(plan, { language: 'en' }))).toBe(formatMermaid(planDiagram(plan)));
});

test('plan.md in French keeps ids, artifacts, commands, stack names, levels and StackSets as they are', () => {
  const fr = formatPlanMarkdown(plan, 'fr');
  for (const unit of plan.units) {
    expect(fr).toContain(`| ${unit.order} | ${unit.id} | ${unit.kind} | `);
    expect(fr).toContain(`| ${unit.classification} | ${unit.resources} | `);
    expect(fr).toContain(`| \`${unit.artifact}\` |`);
    for (const command of unit.commands) expect(fr).toContain(command.command);
  }
  for (const text of [
    '| Organization | morocco-public-sector-baseline | SERVICE_MANAGED | LogArchive, Security',
    '| records | internal | aws:eu-west-3 (compte 666666666666) | Records |',
    '| DNSSI; D2-24-921 |',
    '(`landing-zone.json`)',
    '```mermaid\nflowchart TB\n',
    'class unit_ma_casablanca_1 sensitive',
    'unit_LogArchive ~~~ unit_Organization',
  ]) {
    expect(fr).toContain(text);
  }
  // The same diagram, words aside: the ids, shapes, arrows, classes and styles.
  const shape = (mermaid: string) => mermaid.replace(/"[^"]*"/g, '""');
  expect(shape(formatMermaid(planDiagram(plan, { language: 'fr' })))).toBe(shape(formatMermaid(planDiagram(plan))));
  // Labels blanked, and the texts of the legend's HTML-like label.
  const dotShape = (dot: string) =>
    dot
      .replace(/label="(?:[^"\\]|\\.)*"/g, 'label=""')
      .replace(/^ {2}legend \[.*$/m, (line) => line.replace(/>[^<>]+</g, '><'));
  expect(dotShape(formatDot(planDiagram(plan, { language: 'fr' })))).toBe(dotShape(formatDot(planDiagram(plan))));
});

test('the text of `sovereign-lz plan` in French, the same lines and commands', () => {
  const output = { en: formatPlanText(plan), fr: formatPlanText(plan, 'fr') };
  expectLanguage(output, TEXT);
  const lines = (text: string) => text.split('\n');
  expect(lines(output.fr)).toHaveLength(lines(output.en).length);
  const commands = (text: string) => lines(text).filter((l) => l.startsWith('    $ '));
  expect(commands(output.fr)).toEqual(commands(output.en));
  const units = (text: string) =>
    lines(text)
      .filter((l) => /^ ?\d+\. /.test(l))
      .map((l) => l.trim().split(/\s+/).slice(0, 4).join(' '));
  expect(units(output.fr)).toEqual(units(output.en));
});

test('the text run from the output directory itself says so in French', () => {
  const here = { ...plan, outDir: '.' };
  expectLanguage({ en: formatPlanText(here), fr: formatPlanText(here, 'fr') }, [
    [
      'Deployment plan of the output directory under profile',
      'Plan de déploiement du répertoire de sortie sous le profil',
    ],
    ['(run the commands from the output directory)', '(exécuter les commandes depuis le répertoire de sortie)'],
  ]);
  expectLanguage({ en: formatPlanMarkdown(here), fr: formatPlanMarkdown(here, 'fr') }, [
    [
      'Deploy the units in this order, from the output directory (the one holding this plan).',
      'Déployer les unités dans cet ordre, depuis le répertoire de sortie (celui qui contient ce plan).',
    ],
  ]);
});

test('targets and places the artifacts do not locate, in French', () => {
  const [logArchive, , template, , , , , , casablanca] = plan.units;
  const elsewhere: Plan = {
    ...plan,
    units: [
      {
        ...logArchive,
        target: {
          kind: 'aws',
          account: null,
          region: 'eu-west-3',
          country: 'FR',
          location: 'Paris',
          description: 'the deploying account, eu-west-3 · Paris, FR',
        },
      },
      { ...template, deployedBy: { unit: null, stackSet: 'morocco-public-sector-baseline' } },
      {
        ...casablanca,
        target: {
          kind: 'kubernetes',
          contexts: [],
          site: null,
          country: null,
          operator: null,
          description: 'the current kubeconfig context on no declared site',
        },
        residency: 'unknown',
      },
    ],
    places: [
      {
        id: 'unknown:site',
        kind: 'unknown',
        name: 'no declared site',
        country: null,
        detail: null,
        residency: 'unknown',
        units: [casablanca.id],
      },
    ],
    flows: [],
    workloads: [],
  };
  const md = formatPlanMarkdown(elsewhere, 'fr');
  expect(md).toContain("| le compte qui déploie, eu-west-3 · Paris, FR | à l'étranger |");
  expect(md).toContain("| le StackSet morocco-public-sector-baseline, qu'aucune unité de cette sortie ne crée |");
  expect(md).toContain(
    "#   modèle du StackSet morocco-public-sector-baseline, qu'aucune unité de cette sortie ne crée : rien à exécuter",
  );
  expect(md).toContain('| le contexte kubeconfig courant sur aucun site déclaré | inconnue |');
  expect(md).toContain('subgraph g_unknown["Emplacement non indiqué par les artefacts"]');
  expect(md).toContain('["aucun site déclaré"]');
  expect(formatPlanMarkdown(elsewhere)).toContain('subgraph g_unknown["Location not shown by the artifacts"]');
});

test('the grouped diagram in French: its title, paragraph, place boxes and arrows', () => {
  // 11 units, 120 namespaces on the site and 2 endpoints: above the cap, one box per place.
  const site = plan.units.find((u) => u.kind === 'terraform')!;
  const namespaces = Array.from({ length: 120 }, (_, i) => ({ ...site.namespaces[0], name: `ns-${i}` }));
  const big: Plan = { ...plan, units: plan.units.map((u) => (u === site ? { ...u, namespaces } : u)) };
  const en = planDiagram(big);
  const fr = planDiagram(big, { language: 'fr' });
  expect(en.grouped).toEqual({ detailedBoxes: 133, maxBoxes: 120, units: 11, places: 3 });
  expect(fr.grouped).toEqual(en.grouped);
  expect(describeGrouping(en.grouped!, 'fr')).toBe(
    '11 unités dans 3 lieux : une boîte par lieu (le diagramme détaillé dessinerait 133 boîtes, au-delà de 120)',
  );
  expect(fr.title).toBe(
    `Zone d'atterrissage sous le profil morocco-public-sector, regroupée : ${describeGrouping(en.grouped!, 'fr')}`,
  );
  expectLanguage({ en: formatPlanMarkdown(big), fr: formatPlanMarkdown(big, 'fr') }, [
    [
      'Regions and sites on each side of the residency boundary, grouped: 11 units in 3 places: one box per place',
      'Régions et sites de chaque côté de la frontière de résidence, regroupés : 11 unités dans 3 lieux : une boîte par lieu',
    ],
    ['flows within a place are counted in its box', 'les flux internes à un lieu sont comptés dans sa boîte'],
    [
      '<br/>1 unit: 1 Terraform<br/>33 resources · 120 namespaces<br/>0 errors · 0 warnings · 3 suppressed<br/>levels: sensitive<br/>1 flow within"]',
      '<br/>1 unité : 1 Terraform<br/>33 ressources · 120 espaces de noms<br/>0 erreur · 0 avertissement · 3 dérogations<br/>niveaux : sensitive<br/>1 flux interne"]',
    ],
    [
      '<br/>8 units: 8 CloudFormation<br/>140 resources<br/>',
      '<br/>8 unités : 8 CloudFormation<br/>140 ressources<br/>',
    ],
    ['levels: public, internal"]', 'niveaux : public, internal"]'],
    ['==>|"1 flow · declared"| place_site_ma_casablanca_1', '==>|"1 flux · déclaré"| place_site_ma_casablanca_1'],
    ['-->|"1 flow · logs"|', '-->|"1 flux · journaux"|'],
  ]);
});

test('plan.json is the same in both languages; plan.md and plan.svg follow the language', async () => {
  const [en, fr] = await Promise.all([renderPlanFiles(plan), renderPlanFiles(plan, 'fr')]);
  expect(fr.json).toBe(en.json);
  expect(fr.json).toBe(formatPlanJson(plan));
  expect(fr.markdown).toBe(formatPlanMarkdown(plan, 'fr'));
  expect(fr.svg.startsWith('<svg')).toBe(true);
  // Graphviz writes '-' as '&#45;'.
  for (const [english, french] of [
    ['National territory (MA)', 'Territoire national (MA)'],
    ['Terraform stack ma&#45;casablanca&#45;1', 'Pile Terraform ma&#45;casablanca&#45;1'],
    ['33 resources · compliant, 3 suppressed', '33 ressources · conforme, 3 dérogations'],
  ]) {
    expect({ english, en: en.svg.includes(english), fr: fr.svg.includes(english) }).toEqual({
      english,
      en: true,
      fr: false,
    });
    expect({ french, en: en.svg.includes(french), fr: fr.svg.includes(french) }).toEqual({
      french,
      en: false,
      fr: true,
    });
  }

  const dir = join(work, 'written-fr');
  cpSync(out, dir, { recursive: true });
  const written = await writePlan(dir, readComplianceReport(dir), { commandDir: 'out', language: 'fr' });
  expect(written.plan).toEqual(plan);
  expect(readFileSync(written.json, 'utf8')).toBe(en.json);
  expect(readFileSync(written.markdown, 'utf8')).toBe(fr.markdown);
  expect(readFileSync(written.svg, 'utf8')).toBe(fr.svg);
});

function io() {
  const captured = { stdout: '', stderr: '' };
  return {
    captured,
    io: { stdout: (t: string) => (captured.stdout += t), stderr: (t: string) => (captured.stderr += t), cwd: work },
  };
}

test('`sovereign-lz plan --lang fr` prints the plan in French; --format json is the same in both languages', async () => {
  const { captured, io: plainIo } = io();
  let code: number | undefined;
  await planCommand((c) => (code = c), plainIo).parseAsync(['out', '--lang', 'fr'], { from: 'user' });
  expect(code).toBe(0);
  expect(captured.stderr).toBe('');
  expect(captured.stdout).toBe(formatPlanText(buildPlan(out, readComplianceReport(out), { cwd: work }), 'fr'));
  expect(captured.stdout).toMatch(/^Plan de déploiement de out\/ sous le profil 'morocco-public-sector' : 11 unités/);

  const markdown = io();
  expect(await runPlan('out', { format: 'markdown', lang: 'fr' }, markdown.io)).toBe(0);
  expect(markdown.captured.stdout).toMatch(/^# Plan de déploiement : /);

  const [en, fr] = [io(), io()];
  expect(await runPlan('out', { format: 'json' }, en.io)).toBe(0);
  expect(await runPlan('out', { format: 'json', lang: 'fr' }, fr.io)).toBe(0);
  expect(fr.captured.stdout).toBe(en.captured.stdout);
});

test('`sovereign-lz plan --write --lang fr` writes plan.md in French and says so in French', async () => {
  cpSync(out, join(work, 'cli-fr'), { recursive: true });
  const { captured, io: plainIo } = io();
  expect(await runPlan('cli-fr', { write: true, lang: 'fr' }, plainIo)).toBe(0);
  expect(captured.stderr).toBe('sovereign-lz: cli-fr/plan.json, cli-fr/plan.md, cli-fr/plan.svg écrits\n');
  expect(readFileSync(join(work, 'cli-fr', 'plan.md'), 'utf8')).toMatch(/^# Plan de déploiement : /);
  const again = buildPlan(join(work, 'cli-fr'), readComplianceReport(join(work, 'cli-fr')), { cwd: work });
  expect(readFileSync(join(work, 'cli-fr', 'plan.json'), 'utf8')).toBe(formatPlanJson(again));
});

test('`sovereign-lz plan --lang de` exits 2 with one line naming the languages, printing nothing', async () => {
  const { captured, io: plainIo } = io();
  let code: number | undefined;
  await planCommand((c) => (code = c), plainIo).parseAsync(['out', '--lang', 'de'], { from: 'user' });
  expect(code).toBe(2);
  expect(captured.stdout).toBe('');
  expect(captured.stderr).toBe("sovereign-lz: --lang: unknown language 'de'; use one of en, fr\n");
});

test('the help of `sovereign-lz plan` names --lang, in English', () => {
  const help = planCommand(() => undefined)
    .helpInformation()
    .replace(/\s+/g, ' ');
  expect(help).toContain(
    '--lang <lang> language of the text, plan.md and plan.svg: en, fr (plan.json, ids and commands are never translated) (default: "en")',
  );
});

/** Every string of a words object, by path (functions aside: the outputs above test them). */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

test('every word of the French plan differs from the English one, but for the few French spells the same', () => {
  // Words French spells as English does, and names that are never translated.
  const same = new Map([
    ['markdown.unitColumns.0', '#'],
    ['markdown.unitColumns.5', 'Classification'],
    ['markdown.workloadColumns.1', 'Classification'],
    ['markdown.workloadColumns.5', 'Source'],
    ['markdown.stackSetsHeading', 'StackSets'],
    ['markdown.stackSetColumns.1', 'StackSet'],
  ]);
  const en = new Map(strings(PLAN_WORDS.en));
  const fr = strings(PLAN_WORDS.fr);
  expect(fr.map(([path]) => path)).toEqual([...en.keys()]);
  expect(fr.length).toBeGreaterThan(40);
  const untranslated = fr.filter(([path, word]) => word === en.get(path) && same.get(path) !== word);
  expect(untranslated).toEqual([]);
  expect(fr.filter(([, word]) => word.trim() === '')).toEqual([]);
});
