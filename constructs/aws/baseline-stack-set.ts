import { Lazy, Stage, type Stack } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import type { Construct } from 'constructs';
import { ConstructValidationError, METADATA_KEY, type ValidationProblem } from '../core';
import { regionResidencyProblem } from './residency';
import { SovereignConstruct, type SovereignProps } from './sovereign-construct';

/** CloudFormation's limit on a StackSet's inline template body, in bytes. */
export const STACK_SET_TEMPLATE_BODY_MAX_BYTES = 51_200;

/**
 * Resource types whose physical name is global to an account (IAM), with the property naming
 * them: a body that fixes one cannot be deployed to two regions of one account (the second
 * stack instance fails with "already exists").
 */
export const ACCOUNT_GLOBAL_NAMES: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::OIDCProvider': 'Url',
  'AWS::IAM::SAMLProvider': 'Name',
};

/** The logical ids of a template's resources that fix an account-global name. */
export function accountGlobalNames(template: { Resources?: Record<string, unknown> }): string[] {
  return Object.entries(template.Resources ?? {})
    .filter(([, r]) => {
      const resource = r as { Type?: string; Properties?: Record<string, unknown> };
      const property = resource.Type ? ACCOUNT_GLOBAL_NAMES[resource.Type] : undefined;
      return property !== undefined && resource.Properties?.[property] !== undefined;
    })
    .map(([id]) => id)
    .sort();
}

/** Props of a {@link BaselineStackSet}. */
export interface BaselineStackSetProps extends SovereignProps {
  /**
   * The stack whose template every account receives. It must live in a `Stage` of its own
   * (so that it is synthesized but never deployed directly) and have no assets; give it a
   * `BootstraplessSynthesizer`, since target accounts are not CDK-bootstrapped.
   */
  readonly template: Stack;
  /** The organizational units whose accounts (present and future) receive the stack. */
  readonly organizationalUnitIds: readonly string[];
  /** The regions of each account where the stack is deployed: each must be allowed for the classification. */
  readonly regions: readonly string[];
  /** The StackSet's name. */
  readonly stackSetName: string;
  /** @default - the template stack's description */
  readonly description?: string;
}

/**
 * A CloudFormation StackSet with service-managed permissions that deploys one template to
 * every account of organizational units, in allowed regions, and to accounts that join them
 * later (automatic deployment): the engine AWS runs for hundreds of accounts, instead of one
 * stack per account by hand. Deployed from the management account (or a delegated
 * administrator). Each region is judged by RES-1 for the StackSet's classification.
 *
 * @example
 * new BaselineStackSet(organizationStack, 'Baseline', {
 *   template: baselineStack, stackSetName: 'sovereign-lz-baseline',
 *   organizationalUnitIds: [units.workloads.attrId], regions: ['eu-west-3'],
 * });
 */
export class BaselineStackSet extends SovereignConstruct {
  public readonly stackSet: cloudformation.CfnStackSet;

  constructor(scope: Construct, id: string, props: BaselineStackSetProps) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    if (!props.regions.length) {
      problems.push({
        rule: 'PROPS',
        message: { en: 'regions is empty', fr: 'regions est vide' },
        remedy: { en: 'Name at least one region', fr: 'Nommez au moins une région' },
      });
    }
    if (!props.organizationalUnitIds.length) {
      problems.push({
        rule: 'PROPS',
        message: { en: 'organizationalUnitIds is empty', fr: 'organizationalUnitIds est vide' },
        remedy: { en: 'Name at least one unit', fr: 'Nommez au moins une unité' },
      });
    }
    for (const region of props.regions) {
      const problem = regionResidencyProblem(
        this.profile,
        this.classification,
        region,
        `${props.stackSetName}@${region}`,
      );
      if (problem && (problem.absolute || !this.suppressionFor('RES-1'))) problems.push(problem);
    }
    const stage = Stage.of(props.template);
    if (!stage || stage === Stage.of(this)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `template stack '${props.template.node.path}' must live in a Stage of its own`,
          fr: `la pile modèle '${props.template.node.path}' doit se trouver dans un Stage qui lui est propre`,
        },
        remedy: {
          en: "Create it in `new Stage(app, 'StackSetTemplates')`",
          fr: "Créez-la dans `new Stage(app, 'StackSetTemplates')`",
        },
      });
    }
    this.validate(problems);

    // The template says which StackSet deploys it, so that the plan shows it as rolled out by
    // the StackSet rather than as a stack to deploy by hand.
    props.template.templateOptions.metadata = {
      ...props.template.templateOptions.metadata,
      [METADATA_KEY]: { stackSet: props.stackSetName },
    };
    const path = this.node.path;
    this.stackSet = new cloudformation.CfnStackSet(this, 'Resource', {
      stackSetName: props.stackSetName,
      description: props.description ?? props.template.templateOptions.description,
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      managedExecution: { Active: true },
      callAs: 'SELF',
      capabilities: ['CAPABILITY_NAMED_IAM'],
      operationPreferences: {
        failureTolerancePercentage: 0,
        maxConcurrentPercentage: 25,
        regionConcurrencyType: 'PARALLEL',
      },
      stackInstancesGroup: [
        {
          deploymentTargets: { organizationalUnitIds: [...props.organizationalUnitIds] },
          regions: [...props.regions],
        },
      ],
      // The template stage is synthesized before this template is rendered, so its
      // assembly is ready (and cached) when the body is produced.
      templateBody: Lazy.string({
        produce: () => {
          const template = stage!.synth().getStackByName(props.template.stackName).template as {
            Resources?: Record<string, unknown>;
          };
          const global = props.regions.length > 1 ? accountGlobalNames(template) : [];
          if (global.length) {
            throw new ConstructValidationError(path, [
              {
                rule: 'DEP-1',
                message: {
                  en: `the template of '${props.template.node.path}' fixes the name of account-global resources (${global.join(', ')}) and is deployed to ${props.regions.length} regions of each account: the second stack instance would fail with "already exists"`,
                  fr: `le modèle de '${props.template.node.path}' fixe le nom de ressources globales au compte (${global.join(', ')}) et est déployé dans ${props.regions.length} régions de chaque compte : la deuxième instance de pile échouerait ("already exists")`,
                },
                remedy: {
                  en: 'Move them to a StackSet deployed to one region (e.g. AccountAuditRole in the home region), or leave their names to CloudFormation',
                  fr: 'Placez-les dans un StackSet déployé dans une seule région (par exemple AccountAuditRole dans la région de référence), ou laissez CloudFormation les nommer',
                },
              },
            ]);
          }
          const body = JSON.stringify(template);
          if (Buffer.byteLength(body) > STACK_SET_TEMPLATE_BODY_MAX_BYTES) {
            throw new ConstructValidationError(path, [
              {
                rule: 'PROPS',
                message: {
                  en: `the template of '${props.template.node.path}' is ${Buffer.byteLength(body)} bytes, above the ${STACK_SET_TEMPLATE_BODY_MAX_BYTES}-byte limit of an inline StackSet template`,
                  fr: `le modèle de '${props.template.node.path}' fait ${Buffer.byteLength(body)} octets, au-delà de la limite de ${STACK_SET_TEMPLATE_BODY_MAX_BYTES} octets d'un modèle StackSet en ligne`,
                },
                remedy: {
                  en: 'Split the baseline into several StackSets',
                  fr: 'Répartissez la configuration de référence entre plusieurs StackSets',
                },
              },
            ]);
          }
          return body;
        },
      }),
    });
    this.finish();
  }
}
