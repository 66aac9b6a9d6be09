import { plural, type Language } from '../core';
import type { DiagramGrouping } from './diagram';
import type {
  AwsTarget,
  ClusterTarget,
  DeploymentUnit,
  Endpoint,
  Flow,
  Plan,
  PlanSummary,
  Residency,
  UnitCompliance,
} from './model';

/**
 * The words of the plan in each language: what a reader reads in plan.md, in the text
 * `sovereign-lz plan` prints and in the diagram (plan.md's Mermaid, plan.svg). Ids, keys, file
 * names, commands, stack names, resource types, classification levels and `plan.json` are never
 * translated; only the prose. Each language is a complete {@link PlanWords}, so that the
 * compiler refuses a missing word.
 *
 * The English words also write the texts `plan.json` carries for people (a unit's
 * `target.description`, the name of a place the artifacts do not locate), so that every language
 * says them from the same data.
 */

/** What a unit's target is described from: where it deploys, and for a StackSet template, who deploys it. */
export interface TargetFacts {
  readonly target: Omit<AwsTarget, 'description'> | Omit<ClusterTarget, 'description'>;
  /** The StackSet that deploys the unit's template: its creating unit (`null` if none) and regions. */
  readonly stackSet?: { readonly name: string; readonly unit: string | null; readonly regions: readonly string[] };
}

/** The places `buildPlan` makes when the artifacts do not locate a unit, by id. */
export type UnknownPlaceId = 'unknown:aws' | 'unknown:site';

/** The words of the plan. */
export interface PlanWords {
  /** `: ` in English, ` : ` in French (a space before the colon). */
  readonly colon: string;
  /** The level of a unit or namespace without one. */
  readonly unclassified: string;
  /** The side of the residency boundary, in a table cell or after a target. */
  readonly residency: Readonly<Record<Residency, string>>;
  /** A unit's compliance status (`plan.json`'s `passes`, `warnings`, `fails`). */
  readonly complianceStatus: Readonly<Record<UnitCompliance['status'], string>>;
  /** `passes (0 errors, 0 warnings, 1 suppressed)`, the status already in words. */
  readonly compliance: (status: string, c: UnitCompliance) => string;
  /** Where a unit deploys (in English, `plan.json`'s `target.description`). */
  readonly target: (facts: TargetFacts) => string;
  /** The name of a place the artifacts do not locate (in English, `plan.json`'s place `name`). */
  readonly unknownPlaces: Readonly<Record<UnknownPlaceId, string>>;
  /** Who deploys the template of a StackSet. */
  readonly deployedBy: (by: NonNullable<DeploymentUnit['deployedBy']>) => string;
  /** A flow's kind (`plan.json`'s `network`, `logs`, `backup`, `declared`). */
  readonly flowKind: Readonly<Record<Flow['kind'], string>>;
  /** Between a flow's ports and the network blocks it reaches: ` to `. */
  readonly portsTo: string;
  /** After a flow that crosses the residency boundary. */
  readonly crossesBoundary: string;
  /** After a flow the compliance check found undeclared (NET-6). */
  readonly undeclaredFlow: string;
  readonly markdown: PlanMarkdownWords;
  readonly text: PlanTextWords;
  readonly diagram: PlanDiagramWords;
}

/** The words of plan.md. */
export interface PlanMarkdownWords {
  /** The title, of a profile's name already escaped for a heading (`markdownHeading`). */
  readonly title: (profileName: string) => string;
  /**
   * The paragraph under the title: the profile, the counts, the compliance. The profile's id
   * comes as Markdown code (`markdownCode`), its countries as Markdown text (`markdownCell`).
   */
  readonly summary: (profileId: string, territory: readonly string[], s: PlanSummary) => string;
  /**
   * Where the commands run from, and who "the deploying account" is: the directory that holds
   * the output directory, named by `outDir/` as Markdown code (`markdownCode`), or `null` for
   * the output directory itself.
   */
  readonly order: (outDir: string | null) => string;
  readonly unitColumns: readonly string[];
  readonly commandsHeading: string;
  readonly prerequisitesHeading: string;
  /** The paragraph under the prerequisites heading. */
  readonly prerequisitesIntro: string;
  /** A prerequisite without a command. */
  readonly noCommand: string;
  /** After who deploys a StackSet template: there is no command. */
  readonly nothingToRun: string;
  /** The OpenTofu command of a Terraform unit, in a comment. */
  readonly orWithOpenTofu: (command: string) => string;
  /** The heading of the plain manifests' section (kubectl, Argo CD). */
  readonly manifestsHeading: string;
  /** The paragraph under it, `docs` the page that says when to choose which (`docs/kubernetes.md`). */
  readonly manifestsIntro: (docs: string) => string;
  /** After a unit's heading in the kubectl block: how many objects its manifests hold. */
  readonly manifestsObjects: (n: number) => string;
  /** The paragraph above the Argo CD Applications. */
  readonly argoCdIntro: string;
  /** The comments of an Application's lines: the repository, the directory's path in it, the destination cluster. */
  readonly argoCdComments: { readonly repoURL: string; readonly path: string; readonly destination: string };
  readonly workloadsHeading: string;
  readonly workloadsIntro: string;
  readonly workloadColumns: readonly string[];
  /** After a workload's place: its account. */
  readonly account: (account: string) => string;
  /** After a workload's place, when the declaration pinned it. */
  readonly pinned: string;
  readonly stackSetsHeading: string;
  readonly stackSetColumns: readonly string[];
  readonly flowsHeading: string;
  readonly diagramHeading: string;
  /** The paragraph above the grouped diagram, `why` from {@link PlanDiagramWords.grouping}. */
  readonly groupedDiagram: (why: string) => string;
  /** The paragraph above the detailed diagram. */
  readonly detailedDiagram: string;
}

/** The words of the text `sovereign-lz plan` prints. */
export interface PlanTextWords {
  /** The first line: the output directory (`.` for the output directory itself), the profile, the counts. */
  readonly title: (outDir: string, profile: string, s: PlanSummary) => string;
  /** The second line when the commands run from the output directory itself. */
  readonly runFromOutput: string;
  /** The heading of the prerequisites, with their count. */
  readonly prerequisites: (n: number) => string;
  readonly resources: (n: number) => string;
  readonly flowsHeading: string;
  /** The kubectl command of a unit's plain manifests, after its Terraform commands. */
  readonly orManifests: (command: string) => string;
  /** What `--write` wrote, on stderr. */
  readonly wrote: (files: readonly string[]) => string;
}

/** The words of the diagram: frames, boxes and arrows. */
export interface PlanDiagramWords {
  readonly title: (profile: string) => string;
  readonly groupedTitle: (profile: string, why: string) => string;
  /** Instead of the territory's countries when there are more than four. */
  readonly countries: (n: number, profile: string) => string;
  /** The frames of the residency boundary's sides, `named` the territory. */
  readonly national: (named: string) => string;
  readonly abroad: (named: string) => string;
  readonly unknownLocation: string;
  /** A declared site, as its frame or box names it. */
  readonly site: (name: string, country: string | null) => string;
  /** A unit's box. */
  readonly resources: (n: number) => string;
  readonly errors: (n: number) => string;
  readonly warnings: (n: number) => string;
  readonly compliant: string;
  readonly waived: (n: number) => string;
  /** Before the label of a flow the compliance check found undeclared (NET-6). */
  readonly undeclared: string;
  readonly stackSet: (name: string, targets: number, regions: readonly string[]) => string;
  /** A namespace's box. */
  readonly namespace: (name: string) => string;
  readonly moreWorkloads: (n: number) => string;
  /** The frame of a Terraform unit, and the kubeconfig contexts it applies to. */
  readonly terraformStack: (id: string) => string;
  readonly context: (contexts: readonly string[]) => string;
  /** An endpoint's box. */
  readonly endpointKind: Readonly<Record<Endpoint['kind'], string>>;
  readonly allowlisted: string;
  readonly notAllowlisted: string;
  /** The label of a deployment dependency. */
  readonly deployFirst: string;
  /** Why a diagram is grouped (`describeGrouping`). */
  readonly grouping: (g: DiagramGrouping) => string;
  /** The box of the units a plan places nowhere, in the grouped diagram. */
  readonly unplaced: string;
  readonly group: GroupedWords;
  readonly legend: LegendWords;
}

/** The legend of plan.svg: what its colours, arrows and words mean. */
export interface LegendWords {
  readonly title: string;
  /** After the levels' colours, in the detailed diagram. */
  readonly level: string;
  /** After the levels' colours, in the grouped diagram (one box per place). */
  readonly placeLevel: string;
  /** After an arrow: a flow, one across the boundary, an undeclared one (NET-6), a deployment dependency. */
  readonly edge: Readonly<Record<'flow' | 'crossing' | 'undeclared' | 'dependency', string>>;
  /** The word of the boxes, as they write it (`n suppressed`), and what it means. */
  readonly suppressedWord: string;
  readonly suppressed: string;
}

/** The counts of the grouped diagram: boxes of places and aggregated arrows. */
export interface GroupedWords {
  /** `352 units: 352 CloudFormation`: the count of each kind is already in words. */
  readonly units: (n: number, kinds: readonly string[]) => string;
  /** `352 CloudFormation`, `1 Terraform`. */
  readonly kind: (n: number, kind: string) => string;
  readonly resources: (n: number) => string;
  readonly namespaces: (n: number) => string;
  readonly errors: (n: number) => string;
  readonly warnings: (n: number) => string;
  readonly waived: (n: number) => string;
  readonly levels: (levels: readonly string[]) => string;
  readonly flowsWithin: (n: number, crossing: number) => string;
  readonly flows: (n: number) => string;
  readonly dependencies: (n: number) => string;
}

/** A number with thousands separated by commas (`1,402`), whatever the locale. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `n` and the noun, singular or plural: `1 unit`, `1,402 boxes`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${thousands(n)} ${n === 1 ? noun : plural}`;
}

const EN: PlanWords = {
  colon: ': ',
  unclassified: 'unclassified',
  residency: { national: 'national territory', abroad: 'abroad', unknown: 'unknown' },
  complianceStatus: { passes: 'passes', warnings: 'warnings', fails: 'fails' },
  compliance: (status, c) =>
    `${status} (${plural(c.errors, 'error', 'errors')}, ${plural(c.warnings, 'warning', 'warnings')}, ${c.suppressed} suppressed)`,
  target: ({ target: t, stackSet }) => {
    if (stackSet) {
      return stackSet.unit
        ? `every account the StackSet ${stackSet.name} targets, in ${stackSet.regions.join(', ') || 'no region'}`
        : `the StackSet ${stackSet.name}, which no unit of this output creates`;
    }
    if (t.kind === 'aws') {
      const where = t.region
        ? `${t.region}${t.location !== null ? ` · ${t.location}, ${t.country}` : ''}`
        : 'any region';
      return `${t.account ? `account ${t.account}` : 'the deploying account'}, ${where}`;
    }
    const cluster = t.contexts.length ? `cluster ${t.contexts.join(', ')}` : 'the current kubeconfig context';
    return `${cluster} on ${t.site ? `site ${t.site} (${t.country})` : 'no declared site'}`;
  },
  unknownPlaces: { 'unknown:aws': 'any AWS region', 'unknown:site': 'no declared site' },
  deployedBy: (by) =>
    by.unit
      ? `deployed by the StackSet ${by.stackSet} of unit ${by.unit}`
      : `template of the StackSet ${by.stackSet}, which no unit of this output creates`,
  flowKind: { network: 'network', logs: 'logs', backup: 'backup', declared: 'declared' },
  portsTo: ' to ',
  crossesBoundary: ' — crosses the residency boundary',
  undeclaredFlow: ' — undeclared (NET-6)',
  markdown: {
    title: (name) => `Deployment plan: ${name}`,
    summary: (profileId, territory, s) =>
      `Profile ${profileId}, national territory ${territory.join(', ')}. ` +
      `${plural(s.units, 'deployment unit', 'deployment units')}, ${plural(s.resources, 'resource', 'resources')}; compliance: ${plural(s.errors, 'error', 'errors')}, ${plural(s.warnings, 'warning', 'warnings')}, ` +
      `${s.suppressed} suppressed (${s.zoneFindings === 1 ? '1 finding concerns' : `${s.zoneFindings} findings concern`} the zone as a whole: see compliance.md).`,
    order: (outDir) =>
      `Deploy the units in this order, ${outDir === null ? 'from the output directory (the one holding this plan)' : `from the directory that contains ${outDir}`}. ` +
      'A target "the deploying account" is the account of the credentials that run the command.',
    unitColumns: ['#', 'Unit', 'Kind', 'Target', 'Residency', 'Classification', 'Resources', 'Compliance', 'Artifact'],
    commandsHeading: 'Commands',
    prerequisitesHeading: 'Prerequisites',
    prerequisitesIntro:
      'What must exist before the first unit, in this order, each with the command that makes it so: run each with credentials for its target (sovereign-lz runs none of them). Replace the placeholders (ACCOUNT_ID, ROOT_ID, OU_ID, stand-in account ids and image digests) first.',
    noCommand: 'no command: do it by hand',
    nothingToRun: 'nothing to run',
    orWithOpenTofu: (command) => `or with OpenTofu: ${command}`,
    manifestsHeading: 'Without Terraform: plain manifests',
    manifestsIntro: (docs) =>
      "Each site's objects are also plain manifests, the same objects as its Terraform stack: one file per object in apply order and a `kustomization.yaml`, " +
      `for sites run with kubectl or by a GitOps controller (Argo CD, Flux). Apply a site with one tool only: Terraform, kubectl or the controller (${docs}).`,
    manifestsObjects: (n) => plural(n, 'object', 'objects'),
    argoCdIntro:
      'Or commit the output to a Git repository and let Argo CD apply each site, one Application per site (Flux: a Kustomization whose `path` is the same directory):',
    argoCdComments: {
      repoURL: 'REPLACE: the Git repository the output is committed to',
      path: "the site's directory, from the repository's root",
      destination: "Argo CD inside the site's cluster; else the name Argo CD knows it by (name: …)",
    },
    workloadsHeading: 'Workloads',
    workloadsIntro: 'Where the landing-zone declaration placed each workload, and why (`landing-zone.json`).',
    workloadColumns: ['Workload', 'Classification', 'Placed in', 'Unit', 'Why', 'Source'],
    account: (account) => ` (account ${account})`,
    pinned: ', pinned',
    stackSetsHeading: 'StackSets',
    stackSetColumns: ['Unit', 'StackSet', 'Permission model', 'Organizational units / accounts', 'Regions'],
    flowsHeading: 'Data flows',
    diagramHeading: 'Diagram',
    groupedDiagram: (why) =>
      `Regions and sites on each side of the residency boundary, grouped: ${why}; ` +
      'the units are listed above. Each box counts its units (CloudFormation, Terraform), resources, namespaces ' +
      'and findings, names the levels present and is coloured by the most restricted one. Data flows between ' +
      'places and destinations are solid arrows labelled with their number (thick red across the boundary; ' +
      'flows within a place are counted in its box), deployment dependencies between places dotted. ' +
      'The same diagram is in `plan.svg`.',
    detailedDiagram:
      'Regions and sites on each side of the residency boundary, the units in them (coloured by classification), ' +
      'data flows (solid arrows; thick red across the boundary) and deployment dependencies (dotted). ' +
      'The same diagram is in `plan.svg`.',
  },
  text: {
    title: (outDir, profile, s) =>
      `Deployment plan of ${outDir === '.' ? 'the output directory' : `${outDir}/`} under profile '${profile}': ` +
      `${plural(s.units, 'unit', 'units')}, ${plural(s.resources, 'resource', 'resources')}, ${plural(s.errors, 'error', 'errors')}, ${plural(s.warnings, 'warning', 'warnings')}, ${s.suppressed} suppressed`,
    runFromOutput: '(run the commands from the output directory)',
    prerequisites: (n) => `Prerequisites (${n}, before the first unit; plan.md gives each with its command):`,
    resources: (n) => plural(n, 'resource', 'resources'),
    flowsHeading: 'Data flows:',
    orManifests: (command) => `or its plain manifests: $ ${command}`,
    wrote: (files) => `wrote ${files.join(', ')}`,
  },
  diagram: {
    title: (profile) => `Landing zone under profile ${profile}`,
    groupedTitle: (profile, why) => `Landing zone under profile ${profile}, grouped: ${why}`,
    countries: (n, profile) => `${n} countries of profile ${profile}`,
    national: (named) => `National territory (${named})`,
    abroad: (named) => `Abroad (outside ${named})`,
    unknownLocation: 'Location not shown by the artifacts',
    site: (name, country) => `Site ${name} (${country})`,
    resources: (n) => plural(n, 'resource', 'resources'),
    errors: (n) => plural(n, 'error', 'errors'),
    warnings: (n) => plural(n, 'warning', 'warnings'),
    compliant: 'compliant',
    undeclared: 'UNDECLARED',
    waived: (n) => `${n} suppressed`,
    stackSet: (name, targets, regions) =>
      `StackSet ${name} → ${plural(targets, 'target', 'targets')} in ${regions.join(', ') || 'no region'}`,
    namespace: (name) => `namespace ${name}`,
    moreWorkloads: (n) => `+${n} more`,
    terraformStack: (id) => `Terraform stack ${id}`,
    context: (contexts) => ` · context ${contexts.join(', ')}`,
    endpointKind: { 'log-sink': 'log sink', 'backup-location': 'backup location', network: 'network' },
    allowlisted: 'allowlisted by the profile',
    notAllowlisted: 'not on an allowlist',
    deployFirst: 'deploy first',
    grouping: (g) =>
      `${count(g.units, 'unit')} in ${count(g.places, 'place')}: one box per place ` +
      `(the detailed diagram would draw ${count(g.detailedBoxes, 'box', 'boxes')}, above ${thousands(g.maxBoxes)})`,
    unplaced: 'Units on no region or site',
    group: {
      units: (n, kinds) => `${count(n, 'unit')}${kinds.length ? `: ${kinds.join(', ')}` : ''}`,
      kind: (n, kind) => `${thousands(n)} ${kind}`,
      resources: (n) => count(n, 'resource'),
      namespaces: (n) => count(n, 'namespace'),
      errors: (n) => count(n, 'error'),
      warnings: (n) => count(n, 'warning'),
      waived: (n) => `${thousands(n)} suppressed`,
      levels: (levels) => `levels: ${levels.join(', ') || 'none'}`,
      flowsWithin: (n, crossing) =>
        `${count(n, 'flow')} within${crossing ? ` (${thousands(crossing)} across the boundary)` : ''}`,
      flows: (n) => count(n, 'flow'),
      dependencies: (n) => count(n, 'dependency', 'dependencies'),
    },
    legend: {
      title: 'Legend',
      level: 'classification of a unit or namespace (box colour)',
      placeLevel: 'most restricted level in a region or site (box colour)',
      edge: {
        flow: 'data flow',
        crossing: 'data flow that crosses the residency boundary',
        undeclared: 'UNDECLARED: a path that no declared flow accounts for (NET-6)',
        dependency: "deployment dependency: deploy the arrow's origin first",
      },
      suppressedWord: 'n suppressed',
      suppressed: 'findings suppressed with a justification (see compliance.md)',
    },
  },
};

/** The facts of a unit's target: for a StackSet template, the regions of its creating unit's StackSet. */
export function targetFacts(unit: DeploymentUnit, plan: Plan): TargetFacts {
  const by = unit.deployedBy;
  if (!by) return { target: unit.target };
  const set = plan.units.find((u) => u.id === by.unit)?.stackSets.find((x) => x.name === by.stackSet);
  return { target: unit.target, stackSet: { name: by.stackSet, unit: by.unit, regions: set?.regions ?? [] } };
}

/** A count and its noun by the French plural rule (0 and 1 take the singular). */
const pluralFr = (n: number, one: string, many: string): string => plural(n, one, many, 'fr');

const FR: PlanWords = {
  colon: ' : ',
  unclassified: 'non classifié',
  residency: { national: 'territoire national', abroad: "à l'étranger", unknown: 'inconnue' },
  complianceStatus: { passes: 'conforme', warnings: 'avec avertissements', fails: 'non conforme' },
  compliance: (status, c) =>
    `${status} (${pluralFr(c.errors, 'erreur', 'erreurs')}, ${pluralFr(c.warnings, 'avertissement', 'avertissements')}, ${pluralFr(c.suppressed, 'dérogation', 'dérogations')})`,
  target: ({ target: t, stackSet }) => {
    if (stackSet) {
      return stackSet.unit
        ? `chaque compte que cible le StackSet ${stackSet.name}, dans ${stackSet.regions.join(', ') || 'aucune région'}`
        : `le StackSet ${stackSet.name}, qu'aucune unité de cette sortie ne crée`;
    }
    if (t.kind === 'aws') {
      const where = t.region
        ? `${t.region}${t.location !== null ? ` · ${t.location}, ${t.country}` : ''}`
        : "n'importe quelle région";
      return `${t.account ? `compte ${t.account}` : 'le compte qui déploie'}, ${where}`;
    }
    const cluster = t.contexts.length ? `cluster ${t.contexts.join(', ')}` : 'le contexte kubeconfig courant';
    return `${cluster} sur ${t.site ? `le site ${t.site} (${t.country})` : 'aucun site déclaré'}`;
  },
  unknownPlaces: { 'unknown:aws': "n'importe quelle région AWS", 'unknown:site': 'aucun site déclaré' },
  deployedBy: (by) =>
    by.unit
      ? `déployée par le StackSet ${by.stackSet} de l'unité ${by.unit}`
      : `modèle du StackSet ${by.stackSet}, qu'aucune unité de cette sortie ne crée`,
  flowKind: { network: 'réseau', logs: 'journaux', backup: 'sauvegarde', declared: 'déclaré' },
  portsTo: ' vers ',
  crossesBoundary: ' — franchit la frontière de résidence',
  undeclaredFlow: ' — non déclaré (NET-6)',
  markdown: {
    title: (name) => `Plan de déploiement : ${name}`,
    summary: (profileId, territory, s) =>
      `Profil ${profileId}, territoire national ${territory.join(', ')}. ` +
      `${pluralFr(s.units, 'unité de déploiement', 'unités de déploiement')}, ${pluralFr(s.resources, 'ressource', 'ressources')} ; ` +
      `conformité : ${pluralFr(s.errors, 'erreur', 'erreurs')}, ${pluralFr(s.warnings, 'avertissement', 'avertissements')}, ` +
      `${pluralFr(s.suppressed, 'dérogation', 'dérogations')} (${s.zoneFindings === 1 ? '1 constat concerne' : `${s.zoneFindings} constats concernent`} ` +
      'la zone dans son ensemble : voir compliance.md).',
    order: (outDir) =>
      `Déployer les unités dans cet ordre, ${outDir === null ? 'depuis le répertoire de sortie (celui qui contient ce plan)' : `depuis le répertoire qui contient ${outDir}`}. ` +
      'Une cible "le compte qui déploie" est le compte des identifiants qui exécutent la commande.',
    unitColumns: ['#', 'Unité', 'Type', 'Cible', 'Résidence', 'Classification', 'Ressources', 'Conformité', 'Artefact'],
    commandsHeading: 'Commandes',
    prerequisitesHeading: 'Prérequis',
    prerequisitesIntro:
      "Ce qui doit exister avant la première unité, dans cet ordre, chacun avec la commande qui l'établit : exécuter chacune avec des identifiants de sa cible (sovereign-lz n'en exécute aucune). Remplacer d'abord les valeurs à substituer (ACCOUNT_ID, ROOT_ID, OU_ID, identifiants de compte et empreintes d'image d'exemple).",
    noCommand: 'pas de commande : à faire à la main',
    nothingToRun: 'rien à exécuter',
    orWithOpenTofu: (command) => `ou avec OpenTofu : ${command}`,
    manifestsHeading: 'Sans Terraform : manifestes simples',
    manifestsIntro: (docs) =>
      "Les objets de chaque site sont aussi des manifestes simples, les mêmes objets que sa pile Terraform : un fichier par objet dans l'ordre d'application et un `kustomization.yaml`, " +
      `pour les sites gérés avec kubectl ou par un contrôleur GitOps (Argo CD, Flux). N'appliquer un site qu'avec un seul outil : Terraform, kubectl ou le contrôleur (${docs}).`,
    manifestsObjects: (n) => pluralFr(n, 'objet', 'objets'),
    argoCdIntro:
      'Ou versionner la sortie dans un dépôt Git et laisser Argo CD appliquer chaque site, une Application par site (Flux : une Kustomization dont le `path` est le même répertoire) :',
    argoCdComments: {
      repoURL: 'À REMPLACER : le dépôt Git où la sortie est versionnée',
      path: 'le répertoire du site, depuis la racine du dépôt',
      destination: 'Argo CD dans le cluster du site ; sinon le nom sous lequel Argo CD le connaît (name: …)',
    },
    workloadsHeading: 'Charges de travail',
    workloadsIntro:
      "Où la déclaration de la zone d'atterrissage a placé chaque charge de travail, et pourquoi (`landing-zone.json`).",
    workloadColumns: ['Charge de travail', 'Classification', 'Placée dans', 'Unité', 'Pourquoi', 'Source'],
    account: (account) => ` (compte ${account})`,
    pinned: ', épinglée',
    stackSetsHeading: 'StackSets',
    stackSetColumns: ['Unité', 'StackSet', 'Modèle de permissions', 'Unités organisationnelles / comptes', 'Régions'],
    flowsHeading: 'Flux de données',
    diagramHeading: 'Diagramme',
    groupedDiagram: (why) =>
      `Régions et sites de chaque côté de la frontière de résidence, regroupés : ${why} ; ` +
      'les unités sont listées ci-dessus. Chaque boîte compte ses unités (CloudFormation, Terraform), ressources, ' +
      'espaces de noms et constats, nomme les niveaux présents et prend la couleur du plus restreint. Les flux de ' +
      'données entre lieux et destinations sont des flèches pleines portant leur nombre (épaisses et rouges à travers ' +
      'la frontière ; les flux internes à un lieu sont comptés dans sa boîte), les dépendances de déploiement entre ' +
      'lieux en pointillés. Le même diagramme est dans `plan.svg`.',
    detailedDiagram:
      "Régions et sites de chaque côté de la frontière de résidence, les unités qu'ils accueillent (colorées selon " +
      'leur classification), les flux de données (flèches pleines ; épaisses et rouges à travers la frontière) et les ' +
      'dépendances de déploiement (en pointillés). Le même diagramme est dans `plan.svg`.',
  },
  text: {
    title: (outDir, profile, s) =>
      `Plan de déploiement ${outDir === '.' ? 'du répertoire de sortie' : `de ${outDir}/`} sous le profil '${profile}' : ` +
      `${pluralFr(s.units, 'unité', 'unités')}, ${pluralFr(s.resources, 'ressource', 'ressources')}, ${pluralFr(s.errors, 'erreur', 'erreurs')}, ` +
      `${pluralFr(s.warnings, 'avertissement', 'avertissements')}, ${pluralFr(s.suppressed, 'dérogation', 'dérogations')}`,
    runFromOutput: '(exécuter les commandes depuis le répertoire de sortie)',
    prerequisites: (n) => `Prérequis (${n}, avant la première unité ; plan.md donne la commande de chacun) :`,
    resources: (n) => pluralFr(n, 'ressource', 'ressources'),
    flowsHeading: 'Flux de données :',
    orManifests: (command) => `ou ses manifestes simples : $ ${command}`,
    wrote: (files) => `${files.join(', ')} écrits`,
  },
  diagram: {
    title: (profile) => `Zone d'atterrissage sous le profil ${profile}`,
    groupedTitle: (profile, why) => `Zone d'atterrissage sous le profil ${profile}, regroupée : ${why}`,
    countries: (n, profile) => `${n} pays du profil ${profile}`,
    national: (named) => `Territoire national (${named})`,
    abroad: (named) => `À l'étranger (hors de ${named})`,
    unknownLocation: 'Emplacement non indiqué par les artefacts',
    site: (name, country) => `Site ${name} (${country})`,
    resources: (n) => pluralFr(n, 'ressource', 'ressources'),
    errors: (n) => pluralFr(n, 'erreur', 'erreurs'),
    warnings: (n) => pluralFr(n, 'avertissement', 'avertissements'),
    compliant: 'conforme',
    undeclared: 'NON DÉCLARÉ',
    waived: (n) => pluralFr(n, 'dérogation', 'dérogations'),
    stackSet: (name, targets, regions) =>
      `StackSet ${name} → ${pluralFr(targets, 'cible', 'cibles')} dans ${regions.join(', ') || 'aucune région'}`,
    namespace: (name) => `espace de noms ${name}`,
    moreWorkloads: (n) => `+${n} de plus`,
    terraformStack: (id) => `Pile Terraform ${id}`,
    context: (contexts) => ` · contexte ${contexts.join(', ')}`,
    endpointKind: {
      'log-sink': 'destination des journaux',
      'backup-location': 'emplacement de sauvegarde',
      network: 'réseau',
    },
    allowlisted: "sur la liste d'autorisation du profil",
    notAllowlisted: "sur aucune liste d'autorisation",
    deployFirst: "déployer d'abord",
    grouping: (g) =>
      `${pluralFr(g.units, 'unité', 'unités')} dans ${pluralFr(g.places, 'lieu', 'lieux')} : une boîte par lieu ` +
      `(le diagramme détaillé dessinerait ${pluralFr(g.detailedBoxes, 'boîte', 'boîtes')}, au-delà de ${g.maxBoxes})`,
    unplaced: 'Unités sans région ni site',
    group: {
      units: (n, kinds) => `${pluralFr(n, 'unité', 'unités')}${kinds.length ? ` : ${kinds.join(', ')}` : ''}`,
      kind: (n, kind) => `${n} ${kind}`,
      resources: (n) => pluralFr(n, 'ressource', 'ressources'),
      namespaces: (n) => pluralFr(n, 'espace de noms', 'espaces de noms'),
      errors: (n) => pluralFr(n, 'erreur', 'erreurs'),
      warnings: (n) => pluralFr(n, 'avertissement', 'avertissements'),
      waived: (n) => pluralFr(n, 'dérogation', 'dérogations'),
      levels: (levels) => `niveaux : ${levels.join(', ') || 'aucun'}`,
      flowsWithin: (n, crossing) =>
        `${pluralFr(n, 'flux interne', 'flux internes')}${crossing ? ` (${crossing} à travers la frontière)` : ''}`,
      flows: (n) => pluralFr(n, 'flux', 'flux'),
      dependencies: (n) => pluralFr(n, 'dépendance', 'dépendances'),
    },
    legend: {
      title: 'Légende',
      level: "classification d'une unité ou d'un espace de noms (couleur de la boîte)",
      placeLevel: "niveau le plus restreint d'une région ou d'un site (couleur de la boîte)",
      edge: {
        flow: 'flux de données',
        crossing: 'flux de données qui franchit la frontière de résidence',
        undeclared: "NON DÉCLARÉ : un chemin qu'aucun flux déclaré n'explique (NET-6)",
        dependency: "dépendance de déploiement : déployer d'abord l'origine de la flèche",
      },
      suppressedWord: 'n dérogations',
      suppressed: 'constats couverts par une dérogation justifiée (voir compliance.md)',
    },
  },
};

/** The words of the plan in every language. */
export const PLAN_WORDS: Readonly<Record<Language, PlanWords>> = { en: EN, fr: FR };

/** The words of the plan in `language`. */
export function planWords(language: Language = 'en'): PlanWords {
  return PLAN_WORDS[language];
}
