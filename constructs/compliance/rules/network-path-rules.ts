import type { LocalizedText } from '../../core';
import { evidenceOf, type Evidence } from '../judge/evidence';
import type { LocatedPass, LocatedProblem } from '../judge/rule';
import type { CheckInput } from '../normalize/model';
import { networkPaths, type NetworkPaths, type PathJudgment, type PathMatrix } from '../reachability/network-paths';

/** What every pass of a NET-6 rule shows: its matrix and how many of its paths each verdict accounts for. */
export const PATH_OBSERVES = ['matrix', 'undeclaredPaths', 'unknownPaths', 'flowPaths', 'builtInPaths'];

/** What every pass of a NET-7 rule shows: its matrix, the flow, and how many flows of the matrix are open or not. */
export const FLOW_OBSERVES = ['matrix', 'flow', 'verdict', 'openFlows', 'blockedFlows', 'unknownFlows'];

const PATH_COUNTS: Readonly<Record<string, string>> = {
  undeclared: 'undeclaredPaths',
  unknown: 'unknownPaths',
  flow: 'flowPaths',
  'built-in': 'builtInPaths',
  permitted: 'permittedPaths',
  'network-only': 'networkOnlyPaths',
};
const FLOW_COUNTS: Readonly<Record<string, string>> = {
  open: 'openFlows',
  blocked: 'blockedFlows',
  unknown: 'unknownFlows',
  declared: 'declaredFlows',
};

/** The counts of `verdicts` under `names`: those of `always` even when 0, the others when some. */
function counts(
  rows: ReadonlyArray<{ readonly verdict: string }>,
  names: Readonly<Record<string, string>>,
  always: readonly string[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of always) out[name] = 0;
  for (const { verdict } of rows) out[names[verdict]] = (out[names[verdict]] ?? 0) + 1;
  return out;
}

/** The matrix of each judgment: its template's (AWS), its cluster's (Kubernetes) or its flow's. */
type MatrixOf = (j: PathJudgment) => PathMatrix | undefined;

const FINDERS = new WeakMap<NetworkPaths, MatrixOf>();

function matrixFinder(input: CheckInput, paths: NetworkPaths): MatrixOf {
  const cached = FINDERS.get(paths);
  if (cached) return cached;
  const byFile = new Map(paths.matrices.filter((m) => m.world === 'aws').map((m) => [m.file, m]));
  // A cluster's matrix is named after the stack of its first object, as networkPaths names it.
  const byCluster = new Map<string, PathMatrix | undefined>();
  for (const t of input.templates)
    for (const r of t.resources) {
      const cluster = r.kubernetes?.cluster;
      if (cluster === undefined || byCluster.has(cluster)) continue;
      const name = r.template.stack.name ?? cluster;
      byCluster.set(
        cluster,
        paths.matrices.find((m) => m.world === 'kubernetes' && m.name === name && m.file === r.file),
      );
    }
  const find: MatrixOf = (j) => {
    if (j.resource)
      return j.resource.kubernetes
        ? byCluster.get(j.resource.kubernetes.cluster)
        : byFile.get(j.resource.template.file);
    const [kind, name] = j.subject?.split(/\/(.*)/) ?? [];
    if (kind === 'cluster') return paths.matrices.find((m) => m.world === 'kubernetes' && m.name === name);
    // A flow that leaves its place: the matrix of the rule's world that shows it, else the other.
    const showing = paths.matrices.filter((m) => kind === 'flow' && m.flows.some((f) => f.flow === name));
    return showing.find((m) => m.world === j.world) ?? showing[0];
  };
  FINDERS.set(paths, find);
  return find;
}

/**
 * The observed facts of a judgment: its matrix (name, place) with the counts of its paths (NET-6)
 * or flows (NET-7) per verdict, and the facts networkPaths gives the judgment (the path or flow,
 * what opens or blocks it).
 */
function judgmentEvidence(j: PathJudgment, m: PathMatrix | undefined): Evidence {
  const counted =
    j.control === 'NET-6'
      ? m && counts(m.rows, PATH_COUNTS, PATH_OBSERVES.slice(1))
      : m && counts(m.flows, FLOW_COUNTS, FLOW_OBSERVES.slice(3));
  return evidenceOf({
    matrix: m?.name,
    place: m?.place !== '?' ? m?.place : undefined,
    ...counted,
    ...j.facts,
  });
}

/**
 * What the NET-6 and NET-7 rules of one world return: the verdicts networkPaths computed
 * (reachability/network-paths.ts) for that control and world, as located problems and passes,
 * with the facts of their matrix as evidence. A flow that leaves its VPC or site is reported
 * `declared`: an informational note, not a finding.
 */
export function pathVerdicts(
  input: CheckInput,
  control: 'NET-6' | 'NET-7',
  world: 'aws' | 'kubernetes',
): Array<LocatedProblem | LocatedPass> {
  const paths = networkPaths(input);
  const matrixOf = matrixFinder(input, paths);
  const out: Array<LocatedProblem | LocatedPass> = [];
  for (const j of paths.judgments) {
    if (j.control !== control || j.world !== world) continue;
    const evidence = judgmentEvidence(j, matrixOf(j));
    const at = j.resource ? { resource: j.resource } : j.subject ? { subject: j.subject } : {};
    if (j.status === 'pass') out.push({ pass: true, ...at, evidence });
    else
      out.push({
        status: j.status === 'fail' ? 'fail' : 'cannot-prove',
        message: j.message as LocalizedText,
        ...(j.status === 'declared' ? { severity: 'info' as const } : {}),
        ...at,
        evidence,
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
