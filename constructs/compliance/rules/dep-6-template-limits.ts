import type { LocalizedText } from '../../core';
import { isDeployedStack } from '../deployability/organization';
import type { Template, TemplateDeployment } from '../normalize/model';
import { evidenceOf, type Evidence } from '../judge/evidence';
import {
  fail,
  type LocatedPass,
  type LocatedProblem,
  type Problem,
  type RuleContext,
  type TemplateRule,
} from '../judge/rule';

/**
 * CloudFormation's quotas on one template (AWS CloudFormation User Guide, "Understand
 * CloudFormation quotas"; they were raised in 2020 from 200 resources, 60 parameters and 60
 * outputs, and 460,800 bytes in S3).
 */
export const CLOUDFORMATION_QUOTAS = {
  /** Template body size in a request (`--template-body`, a StackSet's `TemplateBody`). */
  bodyBytes: 51_200,
  /** Template body size in an Amazon S3 object (`--template-url`, what `cdk deploy` uploads). */
  s3Bytes: 1_048_576,
  resources: 500,
  parameters: 200,
  outputs: 200,
} as const;

/** The counts of a template against the quotas, as problems. */
export function countProblems(facts: TemplateDeployment, what: LocalizedText): Problem[] {
  const problems: Problem[] = [];
  const counts: Array<[number, number, string, string]> = [
    [facts.resourceCount, CLOUDFORMATION_QUOTAS.resources, 'resources', 'ressources'],
    [facts.parameterCount, CLOUDFORMATION_QUOTAS.parameters, 'parameters', 'paramètres'],
    [facts.outputCount, CLOUDFORMATION_QUOTAS.outputs, 'outputs', 'sorties'],
  ];
  for (const [count, quota, en, fr] of counts) {
    if (count > quota) {
      problems.push(
        fail({
          en: `${what.en} declares ${count} ${en}, above CloudFormation's quota of ${quota}: it is refused`,
          fr: `${what.fr} déclare ${count} ${fr}, au-delà du quota de ${quota} de CloudFormation : il est refusé`,
        }),
      );
    }
  }
  return problems;
}

/** A template's measured figures and the quotas they are held to (`maxBytes`: the size quota that applies). */
export function limitsEvidence(facts: TemplateDeployment, maxBytes: number): Evidence {
  return evidenceOf({
    bytes: facts.bytes,
    maxBytes,
    resources: facts.resourceCount,
    maxResources: CLOUDFORMATION_QUOTAS.resources,
    parameters: facts.parameterCount,
    maxParameters: CLOUDFORMATION_QUOTAS.parameters,
    outputs: facts.outputCount,
    maxOutputs: CLOUDFORMATION_QUOTAS.outputs,
  });
}

/** The fields of {@link limitsEvidence}. */
export const LIMITS_OBSERVED = [
  'bytes',
  'maxBytes',
  'resources',
  'maxResources',
  'parameters',
  'maxParameters',
  'outputs',
  'maxOutputs',
] as const;

const bytes = (n: number) => n.toLocaleString('en-US');
const octets = (n: number) => n.toLocaleString('fr-FR');

/** DEP-6: every stack's template fits CloudFormation's quotas. */
export const dep6TemplateLimits: TemplateRule = {
  id: 'DEP-6/template-limits',
  control: 'DEP-6',
  scope: 'template',
  title: {
    en: "Templates fit CloudFormation's quotas",
    fr: 'Les modèles respectent les quotas de CloudFormation',
  },
  description: `Every CloudFormation template of the input (a stack of a cloud assembly, or a template file) declares at most ${CLOUDFORMATION_QUOTAS.resources} resources, ${CLOUDFORMATION_QUOTAS.parameters} parameters and ${CLOUDFORMATION_QUOTAS.outputs} outputs, and its file is at most ${bytes(CLOUDFORMATION_QUOTAS.s3Bytes)} bytes (1 MB, the quota of a template in S3): errors. Above ${bytes(CLOUDFORMATION_QUOTAS.bodyBytes)} bytes, the quota of a template body sent in the request, a warning (the template cannot be passed with --template-body; its minified size is given), except for a cloud-assembly stack whose manifest names the template's asset (stackTemplateAssetObjectUrl): the CDK CLI uploads it and CloudFormation reads it from S3. The bodies of StackSets are judged by DEP-6/stack-set-body.`,
  remediation: {
    en: 'Split the stack (nested stacks, or several stacks), or deploy the template from S3 (--template-url, or cdk deploy)',
    fr: 'Scinder la pile (piles imbriquées, ou plusieurs piles), ou déployer le modèle depuis S3 (--template-url, ou cdk deploy)',
  },
  appliesTo: [],
  observes: LIMITS_OBSERVED,
  check(template: Template, _context: RuleContext): Array<LocatedProblem | LocatedPass> {
    const facts = template.deployment;
    if (!facts || !isDeployedStack(template)) return [];
    const what = { en: 'the template', fr: 'le modèle' };
    const problems: Problem[] = countProblems(facts, what);
    if (facts.bytes > CLOUDFORMATION_QUOTAS.s3Bytes) {
      problems.push(
        fail({
          en: `the template is ${bytes(facts.bytes)} bytes, above the ${bytes(CLOUDFORMATION_QUOTAS.s3Bytes)} bytes (1 MB) CloudFormation reads from S3: it cannot be deployed`,
          fr: `le modèle fait ${octets(facts.bytes)} octets, au-delà des ${octets(CLOUDFORMATION_QUOTAS.s3Bytes)} octets (1 Mo) que CloudFormation lit depuis S3 : il ne peut être déployé`,
        }),
      );
    } else if (facts.bytes > CLOUDFORMATION_QUOTAS.bodyBytes && !template.stack.templateAssetUrl) {
      // A cloud-assembly stack that names its template's asset (the DefaultStackSynthesizer's)
      // is uploaded by the CDK CLI and read by CloudFormation from S3: the body's quota does not apply.
      const minified =
        facts.minifiedBytes <= CLOUDFORMATION_QUOTAS.bodyBytes
          ? {
              en: `minified it is ${bytes(facts.minifiedBytes)} bytes`,
              fr: `minifié il fait ${octets(facts.minifiedBytes)} octets`,
            }
          : {
              en: `${bytes(facts.minifiedBytes)} bytes even minified`,
              fr: `${octets(facts.minifiedBytes)} octets même minifié`,
            };
      const how = template.stack.artifactId
        ? {
            en: 'cdk deploy uploads it to the bootstrap bucket, but it cannot be passed with --template-body',
            fr: "cdk deploy le téléverse dans le compartiment d'amorçage, mais il ne peut être passé avec --template-body",
          }
        : {
            en: 'deploy it from S3 (--template-url, or --s3-bucket): it cannot be passed with --template-body',
            fr: 'le déployer depuis S3 (--template-url, ou --s3-bucket) : il ne peut être passé avec --template-body',
          };
      problems.push(
        fail(
          {
            en: `the template is ${bytes(facts.bytes)} bytes (${minified.en}), above the ${bytes(CLOUDFORMATION_QUOTAS.bodyBytes)} bytes of a template body sent in the request: ${how.en}`,
            fr: `le modèle fait ${octets(facts.bytes)} octets (${minified.fr}), au-delà des ${octets(CLOUDFORMATION_QUOTAS.bodyBytes)} octets d'un modèle envoyé dans la requête : ${how.fr}`,
          },
          { severity: 'warning', evidence: { minifiedBytes: facts.minifiedBytes } },
        ),
      );
    }
    // maxBytes: the quota that decides, S3's for a template read from S3 or above it, else the request body's.
    const s3 = !!template.stack.templateAssetUrl || facts.bytes > CLOUDFORMATION_QUOTAS.s3Bytes;
    const evidence = limitsEvidence(facts, s3 ? CLOUDFORMATION_QUOTAS.s3Bytes : CLOUDFORMATION_QUOTAS.bodyBytes);
    if (!problems.length) return [{ pass: true, template, evidence }];
    return problems.map((p) => ({ ...p, template, evidence: { ...evidence, ...p.evidence } }));
  },
};
