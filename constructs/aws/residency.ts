import { Token } from 'aws-cdk-lib';
import {
  decidePlacementText,
  type ClassificationLevel,
  type JurisdictionProfile,
  type ValidationProblem,
} from '../core';

/** A RES-1 problem, and whether it falls under an absolute rule. */
export interface ResidencyProblem extends ValidationProblem {
  readonly absolute: boolean;
}

/**
 * RES-1 for a stack: may data of `level` live in `region` (a token when the stack is
 * environment-agnostic, which proves nothing unless the level may live anywhere)?
 */
export function regionResidencyProblem(
  profile: JurisdictionProfile,
  level: ClassificationLevel,
  region: string,
  stackName: string,
): ResidencyProblem | undefined {
  const policy = profile.levels[level];
  if (Token.isUnresolved(region)) {
    if (policy.hostCountries === '*' && policy.cloudRegions === undefined) return undefined;
    return {
      rule: 'RES-1',
      message: {
        en: `stack '${stackName}' is environment-agnostic, so the residency of level '${level}' cannot be proven`,
        fr: `la pile '${stackName}' est indépendante de tout environnement : la résidence du niveau '${level}' ne peut donc pas être prouvée`,
      },
      source: policy.source,
      remedy: {
        en: "Give the stack an explicit region, e.g. env: { region: 'eu-west-3' }",
        fr: "Donnez à la pile une région explicite, par exemple env: { region: 'eu-west-3' }",
      },
      absolute: false,
    };
  }
  const { decision, reason, remedy } = decidePlacementText(profile, level, { kind: 'cloud-region', region });
  if (decision.status === 'allowed') return undefined;
  return {
    rule: 'RES-1',
    message: reason,
    source: decision.source,
    remedy,
    absolute: decision.absolute,
  };
}
