import { TAG_KEYS } from '../../core';
import { describeNamespace, K8S, namespaceResourceOf, WORKLOAD_TYPES } from '../kubernetes-facts';
import type { Resource } from '../model';
import { fail, type Outcome, type ResourceRule, type RuleContext } from '../rule';

/**
 * CLS-1: a workload (or volume claim) whose namespace the input does not declare carries its
 * own classification label; in a declared namespace, the namespace's finding covers it.
 */
export const cls1WorkloadLabel: ResourceRule = {
  id: 'CLS-1/workload-label',
  control: 'CLS-1',
  scope: 'resource',
  title: 'Workloads outside a declared namespace carry a classification level',
  description: `A workload or PersistentVolumeClaim takes its level from its own ${TAG_KEYS.classification} label, else from its namespace's. When the input does not declare its namespace (e.g. the output of helm template), it must carry the label itself; with --classification the level is assumed and the finding is a warning.`,
  remediation: `Label the workload with ${TAG_KEYS.classification}, or check it together with its namespace`,
  appliesTo: [...WORKLOAD_TYPES, K8S.persistentVolumeClaim],
  check(workload: Resource, { input }: RuleContext): Outcome {
    const c = workload.classification;
    if (c && c.origin !== 'assumed') return 'pass';
    if (!workload.classificationProblem && namespaceResourceOf(workload, input)) return 'not-applicable';
    const ns = workload.kubernetes?.namespace;
    const where = ns === undefined ? 'it names no namespace' : `${describeNamespace(ns)} is not declared in the input`;
    if (c) {
      return fail(
        `no ${TAG_KEYS.classification} label on the object, and ${where}: level '${c.level}' assumed from --classification`,
        { severity: 'warning' },
      );
    }
    return fail(workload.classificationProblem ?? `no ${TAG_KEYS.classification} label on the object, and ${where}`);
  },
};
