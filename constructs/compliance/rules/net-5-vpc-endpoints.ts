import { isAtLeast } from '../../core';
import { referenced, templateResourcesOfType } from '../normalize/facts';
import { isUnresolved } from '../normalize/intrinsics';
import type { Resource } from '../normalize/model';
import { fail, type Outcome, type ResourceRule } from '../judge/rule';
import { levelOf, levelUnknown } from './helpers';
import { evidenceOf } from '../judge/evidence';

/** Services every VPC of internal data reaches privately. */
export const PRIVATE_SERVICES: readonly string[] = ['s3', 'kms', 'logs', 'sts'];

/** The service of an endpoint's ServiceName (`com.amazonaws.eu-west-3.s3` → `s3`). */
function serviceOf(endpoint: Resource): string | undefined {
  const name = endpoint.properties.ServiceName;
  const text = typeof name === 'string' ? name : isUnresolved(name) ? name.text : undefined;
  return text?.split('.').pop();
}

/** The services of the VPC endpoints of `vpc` in its template. */
function endpointServices(vpc: Resource): Set<string | undefined> {
  return new Set(
    templateResourcesOfType(vpc.template, 'AWS::EC2::VPCEndpoint')
      .filter((e) => referenced(e.properties.VpcId, vpc.template) === vpc)
      .map(serviceOf),
  );
}

/** NET-5: VPCs of internal data and above reach AWS services through VPC endpoints. */
export const net5VpcEndpoints: ResourceRule = {
  id: 'NET-5/vpc-endpoints',
  control: 'NET-5',
  scope: 'resource',
  title: {
    en: 'VPCs reach AWS services privately',
    fr: 'Les VPC joignent les services AWS par un accès privé',
  },
  description: `A VPC of level 'internal' or above has VPC endpoints (in the same template) for ${PRIVATE_SERVICES.join(', ')}.`,
  remediation: {
    en: `Add VPC endpoints for ${PRIVATE_SERVICES.join(', ')} (gateway for S3, interface for the others)`,
    fr: `Ajouter des points de terminaison VPC pour ${PRIVATE_SERVICES.join(', ')} (de type passerelle pour S3, interface pour les autres)`,
  },
  appliesTo: ['AWS::EC2::VPC'],
  evidence: ['AWS::EC2::VPCEndpoint'],
  observes: ['endpoints', 'requiredServices'],
  observe(vpc: Resource) {
    const services = endpointServices(vpc);
    const missing = PRIVATE_SERVICES.filter((s) => !services.has(s));
    return evidenceOf({
      endpoints: [...services].filter((s): s is string => s !== undefined).sort(),
      requiredServices: PRIVATE_SERVICES,
      missing: missing.length ? missing : undefined,
      level: levelOf(vpc),
    });
  },
  check(vpc: Resource): Outcome {
    const services = endpointServices(vpc);
    const missing = PRIVATE_SERVICES.filter((s) => !services.has(s));
    if (!missing.length) return 'pass';
    const level = levelOf(vpc);
    if (!level) {
      return levelUnknown(vpc, {
        en: 'whether private endpoints are needed',
        fr: 'que des points de terminaison privés sont nécessaires',
      });
    }
    if (!isAtLeast(level, 'internal')) return 'not-applicable';
    return fail({
      en: `the VPC of level '${level}' has no endpoint for ${missing.join(', ')}: traffic to them leaves through the internet`,
      fr: `le VPC de niveau '${level}' n'a pas de point de terminaison pour ${missing.join(', ')} : le trafic vers ces services passe par Internet`,
    });
  },
};
