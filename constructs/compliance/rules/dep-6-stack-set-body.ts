import { stackSetBody } from '../deployability/stack-set-body';
import { deploymentFacts } from '../deployability/template-facts';
import { memoized } from '../normalize/kubernetes-facts';
import type { Resource, TemplateDeployment } from '../normalize/model';
import { cannotProve, fail, type Outcome, type Problem, type ResourceRule, type RuleContext } from '../judge/rule';
import { evidenceOf } from '../judge/evidence';
import { CLOUDFORMATION_QUOTAS, countProblems, limitsEvidence, LIMITS_OBSERVED } from './dep-6-template-limits';

/** The figures of a StackSet's inline body, measured once (for the check and its evidence). */
function bodyFacts(stackSet: Resource): TemplateDeployment | undefined {
  const body = stackSetBody(stackSet);
  if (body.kind !== 'body') return undefined;
  return memoized(stackSet, 'stackSetBodyFacts', () => deploymentFacts(body.doc, body.text, stackSet.template.stack));
}

const bytes = (n: number) => n.toLocaleString('en-US');
const octets = (n: number) => n.toLocaleString('fr-FR');

/** DEP-6: a StackSet's body, sent inline, fits CloudFormation's quotas. */
export const dep6StackSetBody: ResourceRule = {
  id: 'DEP-6/stack-set-body',
  control: 'DEP-6',
  scope: 'resource',
  title: {
    en: "StackSet bodies fit CloudFormation's quotas",
    fr: 'Les modèles des StackSets respectent les quotas de CloudFormation',
  },
  description: `The TemplateBody of an AWS::CloudFormation::StackSet is sent inline: it is at most ${bytes(CLOUDFORMATION_QUOTAS.bodyBytes)} bytes as written (the quota of a template body in a request), and declares at most ${CLOUDFORMATION_QUOTAS.resources} resources, ${CLOUDFORMATION_QUOTAS.parameters} parameters and ${CLOUDFORMATION_QUOTAS.outputs} outputs. A body at TemplateURL is not judged here.`,
  remediation: {
    en: 'Shorten the body (minified JSON), split it into several StackSets, or upload it to S3 and give TemplateURL',
    fr: 'Raccourcir le modèle (JSON minifié), le scinder en plusieurs StackSets, ou le téléverser dans S3 et donner TemplateURL',
  },
  appliesTo: ['AWS::CloudFormation::StackSet'],
  observes: LIMITS_OBSERVED,
  observe(stackSet: Resource) {
    const facts = bodyFacts(stackSet);
    if (facts) return limitsEvidence(facts, CLOUDFORMATION_QUOTAS.bodyBytes);
    return evidenceOf({ templateBody: stackSet.properties.TemplateBody, maxBytes: CLOUDFORMATION_QUOTAS.bodyBytes });
  },
  check(stackSet: Resource, _context: RuleContext): Outcome {
    if (stackSet.template.deployment?.stackSet !== undefined) return 'not-applicable';
    const body = stackSetBody(stackSet);
    if (body.kind === 'url' || body.kind === 'none' || body.kind === 'invalid') return 'not-applicable';
    if (body.kind === 'unknown') {
      return cannotProve({ en: `${body.why.en}: its size is unknown`, fr: `${body.why.fr} : sa taille est inconnue` });
    }
    const facts = bodyFacts(stackSet)!;
    const problems: Problem[] = countProblems(facts, { en: 'its TemplateBody', fr: 'son TemplateBody' });
    if (facts.bytes > CLOUDFORMATION_QUOTAS.bodyBytes) {
      const minified =
        facts.minifiedBytes <= CLOUDFORMATION_QUOTAS.bodyBytes
          ? {
              en: `; minified it would be ${bytes(facts.minifiedBytes)}`,
              fr: ` ; minifié il en ferait ${octets(facts.minifiedBytes)}`,
            }
          : { en: '', fr: '' };
      problems.push(
        fail(
          {
            en: `its TemplateBody is ${bytes(facts.bytes)} bytes${minified.en}, above the ${bytes(CLOUDFORMATION_QUOTAS.bodyBytes)} bytes of a template body sent in the request: CloudFormation refuses the StackSet`,
            fr: `son TemplateBody fait ${octets(facts.bytes)} octets${minified.fr}, au-delà des ${octets(CLOUDFORMATION_QUOTAS.bodyBytes)} octets d'un modèle envoyé dans la requête : CloudFormation refuse le StackSet`,
          },
          { evidence: { minifiedBytes: facts.minifiedBytes } },
        ),
      );
    }
    return problems.length ? problems : 'pass';
  },
};
