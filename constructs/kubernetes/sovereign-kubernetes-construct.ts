import { Construct } from 'constructs';
import {
  CLASSIFICATION_LEVELS,
  classificationRank,
  ConstructValidationError,
  decidePlacementText,
  isClassificationLevel,
  localizedSuggestion,
  suppressionProblemTexts,
  waiverFor,
  TAG_KEYS,
  type ClassificationLevel,
  type ControlId,
  type JurisdictionProfile,
  type Suppression,
  type ValidationProblem,
} from '../core';
import { SovereignCluster } from './sovereign-cluster';
import { terraformElementsOf, writeSuppressions } from './terraform-metadata';

/** Props every sovereign Kubernetes construct takes. */
export interface SovereignKubernetesProps {
  /**
   * The classification of the data this construct holds or serves; at most the cluster's
   * classification ceiling.
   * @default - inherited from the nearest sovereign Kubernetes construct above it (its
   * namespace), else the cluster's classification ceiling
   */
  readonly classification?: ClassificationLevel;
  /**
   * Controls this construct would enforce that are waived here, each with its reason (at
   * least 10 characters) and an optional expiry; written under each resource's `//` key as
   * `{"sovereign-lz": {"suppressions": [...]}}` so that every report shows them. Absolute
   * rules (sensitive data abroad under `morocco`, any placement of `secret`) cannot be waived.
   * @default - none
   */
  readonly suppressions?: readonly Suppression[];
}

/**
 * Base of the Kubernetes constructs (cdktf): finds the {@link SovereignCluster} above it and
 * inherits its profile; takes its classification from its props, its namespace or the
 * cluster's ceiling; refuses a level above the ceiling or one the site may not host (RES-1);
 * validates suppressions; and collects every problem of the construct into one error raised
 * before any child exists. After the children are built, `finish()` writes the suppressions
 * under every resource's `//` key.
 */
export abstract class SovereignKubernetesConstruct extends Construct {
  /** The cluster the construct's objects are applied to. */
  public readonly cluster: SovereignCluster;
  /** The profile this construct obeys (the cluster's). */
  public readonly profile: JurisdictionProfile;
  /** The classification of its data. */
  public readonly classification: ClassificationLevel;
  /** The waivers given to this construct. */
  public readonly suppressions: readonly Suppression[];

  private readonly pending: ValidationProblem[] = [];

  protected constructor(scope: Construct, id: string, props: SovereignKubernetesProps) {
    super(scope, id);
    const problems: ValidationProblem[] = [];
    const cluster = SovereignCluster.of(this);
    if (!cluster) {
      problems.push({
        rule: 'PROPS',
        message: { en: 'not inside a SovereignCluster', fr: "n'est pas à l'intérieur d'un SovereignCluster" },
        remedy: {
          en: 'Create it under the cluster it belongs to, e.g. new SovereignNamespace(cluster, …)',
          fr: 'Créez-le sous le cluster auquel il appartient, par exemple new SovereignNamespace(cluster, …)',
        },
      });
    }
    let inherited: ClassificationLevel | undefined;
    for (const node of [...this.node.scopes].reverse().slice(1)) {
      if (node instanceof SovereignKubernetesConstruct) {
        inherited = node.classification;
        break;
      }
      if (node instanceof SovereignCluster) break;
    }
    const classification = props.classification ?? inherited ?? cluster?.classificationCeiling;
    if (cluster && !isClassificationLevel(classification)) {
      const near = localizedSuggestion(String(classification), CLASSIFICATION_LEVELS);
      problems.push({
        rule: 'CLS-1',
        message: {
          en: `unknown classification '${String(classification)}'${near.en}`,
          fr: `classification inconnue '${String(classification)}'${near.fr}`,
        },
        remedy: {
          en: "Use 'public', 'internal', 'personal', 'sensitive' or 'secret'",
          fr: "Utilisez 'public', 'internal', 'personal', 'sensitive' ou 'secret'",
        },
      });
    }
    this.suppressions = props.suppressions ?? [];
    for (const message of suppressionProblemTexts(this.suppressions)) problems.push({ rule: 'PROPS', message });
    if (problems.length) throw new ConstructValidationError(this.node.path, problems);

    this.cluster = cluster!;
    this.profile = cluster!.profile;
    this.classification = classification!;
    this.pending.push(...this.placementProblems());
  }

  /** RES-1: the level must not exceed the cluster's ceiling, and the site must be allowed to host it. */
  private placementProblems(): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    const { site, classificationCeiling: ceiling } = this.cluster;
    if (classificationRank(this.classification) > classificationRank(ceiling)) {
      problems.push({
        rule: 'RES-1',
        message: {
          en: `level '${this.classification}' is above the classification ceiling '${ceiling}' of cluster '${this.cluster.node.path}' (site '${site.name}')`,
          fr: `le niveau '${this.classification}' dépasse le plafond de classification '${ceiling}' du cluster '${this.cluster.node.path}' (site '${site.name}')`,
        },
        source: this.profile.levels[this.classification].source,
        remedy: {
          en: `Place it on a cluster whose ceiling is at least '${this.classification}'`,
          fr: `Placez-le sur un cluster dont le plafond est au moins '${this.classification}'`,
        },
      });
    }
    const { decision, reason, remedy } = decidePlacementText(this.profile, this.classification, { kind: 'site', site });
    if (decision.status !== 'allowed') {
      problems.push({ rule: 'RES-1', message: reason, source: decision.source, remedy });
    }
    return problems;
  }

  /** The suppression that waives `control` here, unless the control is absolute for this level. */
  protected suppressionFor(control: ControlId): Suppression | undefined {
    return waiverFor(this.suppressions, this.profile, this.classification, control);
  }

  /** The legal source of a control under the profile, for messages. */
  protected sourceOf(control: ControlId): string {
    return this.profile.controls[control].source;
  }

  /**
   * Throws one error listing the placement problems and `problems` (the construct's own
   * props checks), if any. Call before creating children.
   */
  protected validate(problems: readonly ValidationProblem[]): void {
    const all = [...this.pending, ...problems];
    if (all.length) throw new ConstructValidationError(this.node.path, all);
  }

  /** The labels every object of the construct carries: classification and jurisdiction (CLS-1), plus `extra`. */
  protected labels(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
    return { [TAG_KEYS.classification]: this.classification, [TAG_KEYS.jurisdiction]: this.profile.id, ...extra };
  }

  /**
   * Writes the construct's suppressions (and `extra`, e.g. a built-in exception) under the
   * `//` key of every resource it created. Call at the end of the subclass constructor.
   */
  protected finish(extra: readonly Suppression[] = []): void {
    const all = [...this.suppressions, ...extra];
    if (!all.length) return;
    for (const element of terraformElementsOf(this)) writeSuppressions(element, all);
  }
}
