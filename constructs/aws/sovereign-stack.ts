import { CfnResource, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  CLASSIFICATION_LEVELS,
  ConstructValidationError,
  isClassificationLevel,
  localizedSuggestion,
  localize,
  resolveProfile,
  TAG_KEYS,
  type ClassificationLevel,
  type JurisdictionProfile,
  type ValidationProblem,
} from '../core';
import { regionResidencyProblem } from './residency';
import { Sovereignty } from './sovereignty';

/** CloudFormation's limit of resources per stack. */
export const CLOUDFORMATION_MAX_RESOURCES = 500;

/** Props of a {@link SovereignStack}. */
export interface SovereignStackProps extends StackProps {
  /** The jurisdiction profile (an object, or a built-in id such as `morocco`). */
  readonly profile: JurisdictionProfile | string;
  /** The classification of the data in this stack; constructs inherit it. */
  readonly classification: ClassificationLevel;
}

/**
 * A CloudFormation stack with a jurisdiction and a classification. Its constructs inherit
 * both, its resources carry both as tags (CLS-1), and its region is checked against the
 * level's placement rule at construction (RES-1): an environment-agnostic stack cannot prove
 * residency, so every level but `public` needs an explicit `env.region`.
 *
 * @example
 * const stack = new SovereignStack(app, 'Records', {
 *   env: { region: 'eu-west-3' },
 *   profile: 'morocco',
 *   classification: 'internal',
 * });
 */
export class SovereignStack extends Stack {
  /** The profile of the stack. */
  public readonly profile: JurisdictionProfile;
  /** The classification of the stack. */
  public readonly classification: ClassificationLevel;

  constructor(scope: Construct, id: string, props: SovereignStackProps) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    let profile: JurisdictionProfile | undefined;
    try {
      profile = resolveProfile(props.profile);
    } catch (e) {
      problems.push({ rule: 'PROPS', message: (e as Error).message });
    }
    if (!isClassificationLevel(props.classification)) {
      const near = localizedSuggestion(String(props.classification), CLASSIFICATION_LEVELS);
      problems.push({
        rule: 'CLS-1',
        message: {
          en: `unknown classification '${String(props.classification)}'${near.en}`,
          fr: `classification inconnue '${String(props.classification)}'${near.fr}`,
        },
        remedy: {
          en: "Use 'public', 'internal', 'personal', 'sensitive' or 'secret'",
          fr: "Utilisez 'public', 'internal', 'personal', 'sensitive' ou 'secret'",
        },
      });
    }
    if (profile && isClassificationLevel(props.classification)) {
      const residency = regionResidencyProblem(profile, props.classification, this.region, this.stackName);
      if (residency) problems.push(residency);
    }
    if (problems.length) throw new ConstructValidationError(this.node.path, problems);
    this.profile = profile!;
    this.classification = props.classification;
    Sovereignty.set(this, { profile: this.profile, classification: this.classification });
    Tags.of(this).add(TAG_KEYS.classification, this.classification);
    Tags.of(this).add(TAG_KEYS.jurisdiction, this.profile.id);
    // CloudFormation refuses a stack of more than 500 resources at deploy time; say so at synth.
    this.node.addValidation({
      validate: () => {
        const count = this.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === this).length;
        return count > CLOUDFORMATION_MAX_RESOURCES
          ? [
              localize({
                en: `stack '${this.stackName}' has ${count} resources, above CloudFormation's limit of ${CLOUDFORMATION_MAX_RESOURCES} per stack: split it by workload (one stack per workload, account and region), never by count`,
                fr: `la pile '${this.stackName}' compte ${count} ressources, au-delà de la limite de CloudFormation de ${CLOUDFORMATION_MAX_RESOURCES} par pile : découpez-la par charge de travail (une pile par charge de travail, compte et région), jamais selon le nombre`,
              }),
            ]
          : [];
      },
    });
  }
}
