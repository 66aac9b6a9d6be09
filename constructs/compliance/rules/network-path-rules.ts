import type { LocalizedText } from '../../core';
import type { LocatedPass, LocatedProblem } from '../judge/rule';
import type { CheckInput } from '../normalize/model';
import { networkPaths } from '../reachability/network-paths';

/**
 * What the NET-6 and NET-7 rules of one world return: the verdicts networkPaths computed
 * (reachability/network-paths.ts) for that control and world, as located problems and passes.
 * A flow that leaves its VPC or site is reported `declared`: an informational note, not a finding.
 */
export function pathVerdicts(
  input: CheckInput,
  control: 'NET-6' | 'NET-7',
  world: 'aws' | 'kubernetes',
): Array<LocatedProblem | LocatedPass> {
  const out: Array<LocatedProblem | LocatedPass> = [];
  for (const j of networkPaths(input).judgments) {
    if (j.control !== control || j.world !== world) continue;
    const at = j.resource ? { resource: j.resource } : j.subject ? { subject: j.subject } : {};
    if (j.status === 'pass') out.push({ pass: true, ...at });
    else
      out.push({
        status: j.status === 'fail' ? 'fail' : 'cannot-prove',
        message: j.message as LocalizedText,
        ...(j.status === 'declared' ? { severity: 'info' as const } : {}),
        ...at,
      });
  }
  return out;
}

/** The types the path rules read: what opens a path in each world. */
export const AWS_PATH_TYPES = [
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
];
