import { plural, type Language, type Severity } from '../../core';
import type { FindingStatus } from '../normalize/model';

/**
 * The words of the reports in each language: headings, column names, statuses, severities.
 * Keys, ids and the statuses of the JSON and SARIF contracts are never translated; only what
 * a reader reads. Each language is a complete {@link ReportWords}, so that the compiler
 * refuses a missing word.
 */

/** A status of the evidence matrix (a finding's status, or a check that passed or did not apply). */
export type ReportStatus = FindingStatus | 'pass' | 'suppressed' | 'not-applicable';

/** The words of the reports. */
export interface ReportWords {
  readonly status: Readonly<Record<ReportStatus, string>>;
  readonly severity: Readonly<Record<Severity, string>>;
  /** The label of a suppressed finding of a severity (already in words). */
  readonly suppressedLabel: (severity: string) => string;
  /** A subject that is a whole template, and the whole input. */
  readonly template: string;
  readonly wholeInput: string;
  readonly justification: string;
  readonly fix: string;
  readonly finding: string;
  readonly cannotProve: string;
  readonly notAssessed: string;
  readonly skipped: string;
  readonly none: string;
  /** `: ` in English, ` : ` in French (a space before the colon). */
  readonly colon: string;
  /** `; ` in English, ` ; ` in French. */
  readonly semicolon: string;
  /** The verdict: `FAILED` and why, or `PASSED` and why. */
  readonly failed: string;
  readonly failedDetail: (errors: number) => string;
  readonly passed: string;
  readonly passedDetail: string;
  readonly more: (n: number) => string;
  /** `N resources, N checks passed, …` of the summary line. */
  readonly summary: (profile: string, s: SummaryCounts) => string;
  readonly notAssessedHeading: (n: number) => string;
  /** The heading of the types that hold no data (counted, not judged). */
  readonly noDataHeading: (types: number) => string;
  readonly markdown: MarkdownWords;
  readonly html: HtmlWords;
  readonly sarif: SarifWords;
}

/** The counts of a summary line. */
export interface SummaryCounts {
  readonly resources: number;
  readonly passed: number;
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
  readonly notAssessed: number;
}

/** The words of the Markdown report (the evidence matrix). */
export interface MarkdownWords {
  readonly title: string;
  readonly profile: string;
  readonly tool: string;
  readonly inputs: string;
  readonly skipped: string;
  readonly verdict: string;
  readonly summaryHeading: string;
  readonly summaryColumns: readonly string[];
  readonly controlColumns: readonly string[];
  readonly off: string;
  readonly controlsHeading: string;
  readonly controlLine: (source: string, profile: string, severity: string, verdict: string) => string;
  readonly turnedOff: (control: string) => string;
  readonly manualChecksPointer: string;
  readonly noResource: string;
  /** The columns of a control's findings. */
  readonly evidenceColumns: readonly string[];
  /** A rule's passes: `RULE` (its code span), its title and their count. */
  readonly passesLine: (rule: string, title: string, n: number) => string;
  /** The summary of the collapsed list of a rule's passes. */
  readonly passesDetails: (n: number) => string;
  /** The columns of a rule's passes. */
  readonly passColumns: readonly string[];
  /** The rules that did not apply to some resources (a list of `RULE (N)`). */
  readonly notApplicableLine: (rules: string) => string;
  readonly inputsHeading: string;
  readonly inputColumns: readonly string[];
  /** The digest of an input the run did not hash (an in-process check of read input). */
  readonly noDigest: string;
  readonly notAssessedHeading: string;
  readonly allAssessed: string;
  readonly notAssessedIntro: (n: number) => string;
  readonly notAssessedColumns: readonly string[];
  readonly noDataIntro: string;
  readonly noDataColumns: readonly string[];
  readonly pathsHeading: string;
  readonly pathsIntro: string;
  readonly pathColumns: readonly string[];
  readonly flowColumns: readonly string[];
  /** The words of a path's verdict (undeclared, unknown, flow, built-in, permitted, network-only) and of a flow's (open, blocked, declared). */
  readonly pathVerdicts: Readonly<Record<string, string>>;
  readonly noPaths: string;
  readonly morePaths: (n: number) => string;
  readonly manualChecksHeading: string;
  readonly noAttestation: string;
  readonly attestationColumns: readonly string[];
  readonly attested: string;
  readonly open: string;
}

/** The words of the HTML report (its header, table and filters; the rest is the Markdown report's). */
export interface HtmlWords {
  /** The name of the report's language, in that language. */
  readonly languageName: string;
  readonly language: string;
  /** The label of the reproducible date (`SOURCE_DATE_EPOCH`). */
  readonly date: string;
  readonly rowsHeading: string;
  /** The table's columns: control, status, severity, stack or site, resource, rule, observed evidence, message. */
  readonly columns: {
    readonly control: string;
    readonly status: string;
    readonly severity: string;
    readonly stack: string;
    readonly resource: string;
    readonly rule: string;
    readonly evidence: string;
    readonly message: string;
  };
  readonly filters: string;
  /** The choice of a filter that keeps every row. */
  readonly all: string;
  readonly searchResource: string;
  readonly reset: string;
  /** Before `N / M`. */
  readonly rowsShown: string;
  readonly noRowMatches: string;
  readonly sortHint: string;
}

/** The words of the SARIF report. */
export interface SarifWords {
  readonly remediation: string;
  readonly source: string;
  readonly control: string;
  /** SARIF's `run.language` (BCP 47). */
  readonly tag: string;
}

const EN: ReportWords = {
  status: {
    fail: 'fail',
    'cannot-prove': 'cannot-prove',
    'not-assessed': 'not-assessed',
    pass: 'pass',
    suppressed: 'suppressed',
    'not-applicable': 'not-applicable',
  },
  severity: { error: 'error', warning: 'warning', info: 'info' },
  suppressedLabel: (severity) => `suppressed ${severity}`,
  template: '(template)',
  wholeInput: '(whole input)',
  justification: 'justification: ',
  fix: 'fix: ',
  finding: 'finding: ',
  cannotProve: 'cannot prove',
  notAssessed: 'not assessed',
  skipped: 'skipped',
  none: 'none',
  colon: ': ',
  semicolon: '; ',
  failed: 'FAILED',
  failedDetail: (n) => plural(n, 'unsuppressed error', 'unsuppressed errors'),
  passed: 'PASSED',
  passedDetail: 'no unsuppressed error',
  more: (n) => `${n} more`,
  summary: (profile, s) =>
    `profile '${profile}': ${plural(s.resources, 'resource', 'resources')}, ${plural(s.passed, 'check', 'checks')} passed, ${plural(s.errors, 'error', 'errors')}, ${plural(s.warnings, 'warning', 'warnings')}, ${s.suppressed} suppressed, ${s.notAssessed} not assessed`,
  notAssessedHeading: (n) => `Not assessed: no rule knows these types, review them by hand (${n})`,
  noDataHeading: (n) => `Hold no data, not judged (${plural(n, 'type', 'types')})`,
  markdown: {
    title: 'Compliance evidence matrix',
    profile: 'Profile',
    tool: 'Tool',
    inputs: 'Inputs',
    skipped: 'Skipped',
    verdict: 'Verdict',
    summaryHeading: 'Summary',
    summaryColumns: ['resources', 'checks passed', 'errors', 'warnings', 'suppressed', 'not assessed'],
    controlColumns: ['control', 'requirement', 'verdict'],
    off: 'off',
    controlsHeading: 'Controls',
    controlLine: (source, profile, severity, verdict) =>
      `Source: ${source}. Severity under ${profile}: ${severity}. Verdict: **${verdict}**.`,
    turnedOff: (control) => `Not applicable: the profile turns ${control} off.`,
    manualChecksPointer:
      'Manual checks: see [Manual checks](#manual-checks-jur-1) and [Not assessed](#not-assessed) below.',
    noResource: 'Not applicable: no resource of the inputs falls under this control.',
    evidenceColumns: ['resource', 'file', 'construct path', 'rule', 'status', 'observed', 'finding'],
    passesLine: (rule, title, n) => `${rule} ${title}: ${plural(n, 'pass', 'passes')}`,
    passesDetails: (n) => `${plural(n, 'resource', 'resources')} and what was observed`,
    passColumns: ['resource', 'file', 'construct path', 'observed'],
    notApplicableLine: (rules) => `Not applicable: ${rules}.`,
    inputsHeading: 'Inputs',
    inputColumns: ['file', 'SHA-256'],
    noDigest: 'not hashed',
    notAssessedHeading: 'Not assessed',
    allAssessed: 'Every resource read is of a type some rule judges.',
    notAssessedIntro: (n) =>
      `${plural(n, 'resource', 'resources')} of a type no rule knows: review encryption, residency and access by hand and record the result.`,
    notAssessedColumns: ['type', 'resource', 'file', 'construct path'],
    noDataIntro: 'Types the catalog declares as holding no data: no rule judges them, for the reason given.',
    noDataColumns: ['type', 'resources', 'why'],
    pathsHeading: 'Network paths (NET-6, NET-7)',
    pathsIntro:
      'Paths computed from the artifacts: routes, network ACLs both ways and security groups per VPC, NetworkPolicies per cluster; undeclared paths first. Network-only paths lead to a tier where the artifacts place no security group (no host). The model does not see host firewalls, service meshes or on-premises routers (docs/reachability.md).',
    pathColumns: ['from', 'to', 'protocol', 'ports', 'verdict', 'accounted for by', 'opened by'],
    flowColumns: ['declared flow', 'verdict', 'detail'],
    pathVerdicts: {
      undeclared: '**undeclared**',
      unknown: 'unknown',
      flow: 'declared flow',
      'built-in': 'built-in',
      permitted: 'permitted',
      'network-only': 'network only',
      open: 'open',
      blocked: '**blocked**',
      declared: 'declared (leaves through gateways the zone does not build)',
    },
    noPaths: 'No path between tiers or namespaces.',
    morePaths: (n) => `… and ${plural(n, 'more path', 'more paths')}: see \`compliance.json\` (\`paths\`).`,
    manualChecksHeading: 'Manual checks (JUR-1)',
    noAttestation: 'The profile records no attestation.',
    attestationColumns: ['attestation', 'obligation', 'source', 'status'],
    attested: 'attested',
    open: '**open**: not attested',
  },
  html: {
    languageName: 'English',
    language: 'Language',
    date: 'Date',
    rowsHeading: 'Findings and checks passed',
    columns: {
      control: 'control',
      status: 'status',
      severity: 'severity',
      stack: 'stack or site',
      resource: 'resource',
      rule: 'rule',
      evidence: 'observed',
      message: 'finding',
    },
    filters: 'Filters',
    all: 'all',
    searchResource: 'resource',
    reset: 'Reset',
    rowsShown: 'Rows shown:',
    noRowMatches: 'No row matches the filters.',
    sortHint: 'Click a column heading to sort.',
  },
  sarif: { remediation: 'Remediation', source: 'Source', control: 'Control', tag: 'en' },
};

/** A count and its noun by the French plural rule (0 and 1 take the singular). */
const pluralFr = (n: number, one: string, many: string): string => plural(n, one, many, 'fr');

const FR: ReportWords = {
  status: {
    fail: 'non conforme',
    'cannot-prove': 'non prouvable',
    'not-assessed': 'non évalué',
    pass: 'conforme',
    suppressed: 'dérogation',
    'not-applicable': 'sans objet',
  },
  severity: { error: 'erreur', warning: 'avertissement', info: 'information' },
  suppressedLabel: (severity) => `${severity} (dérogation)`,
  template: '(modèle)',
  wholeInput: '(ensemble des entrées)',
  justification: 'justification : ',
  fix: 'correction : ',
  finding: 'constat : ',
  cannotProve: 'non prouvable',
  notAssessed: 'non évalué',
  skipped: 'ignoré',
  none: 'aucune',
  colon: ' : ',
  semicolon: ' ; ',
  failed: 'ÉCHEC',
  failedDetail: (n) => pluralFr(n, 'erreur sans dérogation', 'erreurs sans dérogation'),
  passed: 'RÉUSSITE',
  passedDetail: 'aucune erreur sans dérogation',
  more: (n) => `${n} de plus`,
  summary: (profile, s) =>
    `profil '${profile}' : ${pluralFr(s.resources, 'ressource', 'ressources')}, ${pluralFr(s.passed, 'contrôle réussi', 'contrôles réussis')}, ${pluralFr(s.errors, 'erreur', 'erreurs')}, ${pluralFr(s.warnings, 'avertissement', 'avertissements')}, ${pluralFr(s.suppressed, 'dérogation', 'dérogations')}, ${pluralFr(s.notAssessed, 'non évalué', 'non évalués')}`,
  notAssessedHeading: (n) => `Non évalué : aucune règle ne connaît ces types, à examiner à la main (${n})`,
  noDataHeading: (n) => `Sans données, non jugés (${n} type${n > 1 ? 's' : ''})`,
  markdown: {
    title: 'Matrice des preuves de conformité',
    profile: 'Profil',
    tool: 'Outil',
    inputs: 'Entrées',
    skipped: 'Ignorés',
    verdict: 'Verdict',
    summaryHeading: 'Synthèse',
    summaryColumns: ['ressources', 'contrôles réussis', 'erreurs', 'avertissements', 'dérogations', 'non évalués'],
    controlColumns: ['contrôle', 'exigence', 'verdict'],
    off: 'désactivé',
    controlsHeading: 'Contrôles',
    controlLine: (source, profile, severity, verdict) =>
      `Source : ${source}. Sévérité sous ${profile} : ${severity}. Verdict : **${verdict}**.`,
    turnedOff: (control) => `Sans objet : le profil désactive ${control}.`,
    manualChecksPointer:
      'Contrôles manuels : voir [Contrôles manuels](#contrôles-manuels-jur-1) et [Non évalués](#non-évalués) ci-dessous.',
    noResource: 'Sans objet : aucune ressource des entrées ne relève de ce contrôle.',
    evidenceColumns: ['ressource', 'fichier', 'chemin de construction', 'règle', 'statut', 'observé', 'constat'],
    passesLine: (rule, title, n) => `${rule} ${title} : ${pluralFr(n, 'contrôle réussi', 'contrôles réussis')}`,
    passesDetails: (n) => `${pluralFr(n, 'ressource', 'ressources')} et ce qui a été observé`,
    passColumns: ['ressource', 'fichier', 'chemin de construction', 'observé'],
    notApplicableLine: (rules) => `Sans objet : ${rules}.`,
    inputsHeading: 'Entrées',
    inputColumns: ['fichier', 'SHA-256'],
    noDigest: 'non calculé',
    notAssessedHeading: 'Non évalués',
    allAssessed: "Chaque ressource lue est d'un type qu'au moins une règle juge.",
    notAssessedIntro: (n) =>
      `${pluralFr(n, 'ressource', 'ressources')} d'un type qu'aucune règle ne connaît : examiner à la main le chiffrement, la résidence et les accès, et consigner le résultat.`,
    notAssessedColumns: ['type', 'ressource', 'fichier', 'chemin de construction'],
    noDataIntro: 'Types que le catalogue déclare sans données : aucune règle ne les juge, pour la raison donnée.',
    noDataColumns: ['type', 'ressources', 'raison'],
    pathsHeading: 'Chemins réseau (NET-6, NET-7)',
    pathsIntro:
      "Chemins calculés à partir des artefacts : routes, ACL réseau dans les deux sens et groupes de sécurité par VPC, NetworkPolicies par cluster ; chemins non déclarés en tête. Les chemins réseau seul mènent à un tiers où les artefacts ne placent aucun groupe de sécurité (aucun hôte). Le modèle ne voit ni pare-feu d'hôte, ni maillage de services, ni routeur sur site (docs/reachability.md).",
    pathColumns: ['depuis', 'vers', 'protocole', 'ports', 'verdict', 'justifié par', 'ouvert par'],
    flowColumns: ['flux déclaré', 'verdict', 'détail'],
    pathVerdicts: {
      undeclared: '**non déclaré**',
      unknown: 'inconnu',
      flow: 'flux déclaré',
      'built-in': 'usage intégré',
      permitted: 'permis',
      'network-only': 'réseau seul',
      open: 'ouvert',
      blocked: '**bloqué**',
      declared: 'déclaré (sort par des passerelles que la zone ne construit pas)',
    },
    noPaths: 'Aucun chemin entre tiers ou espaces de noms.',
    morePaths: (n) => `… et ${pluralFr(n, 'autre chemin', 'autres chemins')} : voir \`compliance.json\` (\`paths\`).`,
    manualChecksHeading: 'Contrôles manuels (JUR-1)',
    noAttestation: 'Le profil ne consigne aucune attestation.',
    attestationColumns: ['attestation', 'obligation', 'source', 'statut'],
    attested: 'attestée',
    open: '**ouverte** : non attestée',
  },
  html: {
    languageName: 'français',
    language: 'Langue',
    date: 'Date',
    rowsHeading: 'Constats et contrôles réussis',
    columns: {
      control: 'contrôle',
      status: 'statut',
      severity: 'sévérité',
      stack: 'pile ou site',
      resource: 'ressource',
      rule: 'règle',
      evidence: 'observé',
      message: 'constat',
    },
    filters: 'Filtres',
    all: 'tous',
    searchResource: 'ressource',
    reset: 'Réinitialiser',
    rowsShown: 'Lignes affichées :',
    noRowMatches: 'Aucune ligne ne correspond aux filtres.',
    sortHint: 'Cliquer sur un en-tête de colonne pour trier.',
  },
  sarif: { remediation: 'Correction', source: 'Source', control: 'Contrôle', tag: 'fr' },
};

const WORDS: Readonly<Record<Language, ReportWords>> = { en: EN, fr: FR };

/** The words of the reports in `language`. */
export function reportWords(language: Language = 'en'): ReportWords {
  return WORDS[language];
}
