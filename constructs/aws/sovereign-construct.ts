import { CfnResource, Stack, Tags, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  CLASSIFICATION_LEVELS,
  ConstructValidationError,
  isClassificationLevel,
  localizedSuggestion,
  METADATA_KEY,
  resolveProfile,
  suppressionProblemTexts,
  waiverFor,
  TAG_KEYS,
  type ClassificationLevel,
  type ControlId,
  type JurisdictionProfile,
  type Suppression,
  type ValidationProblem,
} from '../core';
import { regionResidencyProblem } from './residency';
import { Sovereignty } from './sovereignty';

/** Props every sovereign construct takes. */
export interface SovereignProps {
  /**
   * The classification of the data this construct holds or serves.
   * @default - inherited from the nearest scope given one with `Sovereignty.set` or a `SovereignStack`
   */
  readonly classification?: ClassificationLevel;
  /**
   * The jurisdiction profile (an object, or a built-in id such as `morocco`).
   * @default - inherited from the nearest scope given one with `Sovereignty.set` or a `SovereignStack`
   */
  readonly profile?: JurisdictionProfile | string;
  /**
   * Controls this construct would enforce that are waived here, each with its reason (at
   * least 10 characters) and an optional expiry; written into the resources' metadata so
   * that every report shows them. Absolute rules (sensitive data abroad under `morocco`,
   * any placement of `secret`) cannot be waived.
   * @default - none
   */
  readonly suppressions?: readonly Suppression[];
}

/** A cdk-nag rule acknowledged by a construct, with the reason it is right by design. */
export interface NagAcknowledgment {
  readonly id: string;
  readonly reason: string;
}

/**
 * Base of the AWS constructs: resolves the profile and classification, checks that the
 * stack's region may host the level (RES-1), validates suppressions, and collects every
 * problem of the construct into one error raised before any child exists. After the
 * children are built, `finish()` tags them and writes the suppressions into their metadata.
 */
export abstract class SovereignConstruct extends Construct {
  /** The profile this construct obeys. */
  public readonly profile: JurisdictionProfile;
  /** The classification of its data. */
  public readonly classification: ClassificationLevel;
  /** The waivers given to this construct. */
  public readonly suppressions: readonly Suppression[];

  private readonly pending: ValidationProblem[] = [];

  protected constructor(scope: Construct, id: string, props: SovereignProps) {
    super(scope, id);
    const inherited = Sovereignty.of(scope);
    const problems: ValidationProblem[] = [];
    let profile: JurisdictionProfile | undefined;
    try {
      profile = props.profile !== undefined ? resolveProfile(props.profile) : inherited.profile;
    } catch (e) {
      problems.push({ rule: 'PROPS', message: (e as Error).message });
    }
    const classification = props.classification ?? inherited.classification;
    if (!profile && problems.length === 0) {
      problems.push({
        rule: 'PROPS',
        message: { en: 'no jurisdiction profile', fr: 'aucun profil de juridiction' },
        remedy: {
          en: "Pass `profile` (e.g. 'morocco'), or use a SovereignStack or Sovereignty.set on a parent scope",
          fr: "Passez `profile` (par exemple 'morocco'), ou utilisez une SovereignStack ou Sovereignty.set sur une portée parente",
        },
      });
    }
    if (classification === undefined || !isClassificationLevel(classification)) {
      const near = localizedSuggestion(String(classification), CLASSIFICATION_LEVELS);
      problems.push({
        rule: 'CLS-1',
        message:
          classification === undefined
            ? { en: 'no classification', fr: 'aucune classification' }
            : {
                en: `unknown classification '${String(classification)}'${near.en}`,
                fr: `classification inconnue '${String(classification)}'${near.fr}`,
              },
        remedy: {
          en: "Pass `classification` ('public', 'internal', 'personal', 'sensitive' or 'secret'), or set it on a parent scope",
          fr: "Passez `classification` ('public', 'internal', 'personal', 'sensitive' ou 'secret'), ou définissez-la sur une portée parente",
        },
      });
    }
    this.suppressions = props.suppressions ?? [];
    for (const message of suppressionProblemTexts(this.suppressions)) problems.push({ rule: 'PROPS', message });
    if (problems.length) throw new ConstructValidationError(this.node.path, problems);

    this.profile = profile!;
    this.classification = classification!;
    this.pending.push(...this.residencyProblems());
  }

  /** The stack this construct is in. */
  protected get stack(): Stack {
    return Stack.of(this);
  }

  /** The suppression that waives `control` here, unless the control is absolute for this level. */
  protected suppressionFor(control: ControlId): Suppression | undefined {
    return waiverFor(this.suppressions, this.profile, this.classification, control);
  }

  /** RES-1: may this level live in the stack's region? A suppression lifts all but absolute rules. */
  private residencyProblems(): ValidationProblem[] {
    const problem = regionResidencyProblem(this.profile, this.classification, this.stack.region, this.stack.stackName);
    if (!problem || (!problem.absolute && this.suppressionFor('RES-1'))) return [];
    return [problem];
  }

  /**
   * Throws one error listing the residency problems and `problems` (the construct's own
   * props checks), if any. Call before creating children.
   */
  protected validate(problems: readonly ValidationProblem[]): void {
    const all = [...this.pending, ...problems];
    if (all.length) throw new ConstructValidationError(this.node.path, all);
  }

  /**
   * Tags every resource of the construct with its classification and jurisdiction, writes
   * its suppressions into each resource's `Metadata`, and acknowledges cdk-nag rules that
   * the design answers. Call at the end of the subclass constructor.
   */
  protected finish(nag: readonly NagAcknowledgment[] = [], extraTags: Record<string, string> = {}): void {
    Tags.of(this).add(TAG_KEYS.classification, this.classification);
    Tags.of(this).add(TAG_KEYS.jurisdiction, this.profile.id);
    for (const [key, value] of Object.entries(extraTags)) Tags.of(this).add(key, value);
    if (this.suppressions.length) {
      const entries = this.suppressions.map((s) => ({
        id: s.id,
        reason: s.reason,
        ...(s.expires ? { expires: s.expires } : {}),
      }));
      for (const child of this.node.findAll()) {
        if (!(child instanceof CfnResource)) continue;
        // A nested sovereign construct may have written its own: keep both.
        const existing =
          (child.getMetadata(METADATA_KEY) as { suppressions?: unknown[] } | undefined)?.suppressions ?? [];
        child.addMetadata(METADATA_KEY, { suppressions: [...existing, ...entries] });
      }
    }
    if (nag.length) Validations.of(this).acknowledge(...nag);
  }
}
