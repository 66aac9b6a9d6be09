import { PURPOSES, TAG_KEYS } from '../../core';
import { field, K8S } from '../normalize/kubernetes-facts';
import type { Resource } from '../normalize/model';
import { cannotProve, combine, fail, type Outcome, type ResourceRule } from '../judge/rule';
import { LOGS_NAMESPACE_EXCEPTION } from './builtin-exceptions';
import { evidenceOf } from '../judge/evidence';

const MODES = ['enforce', 'audit', 'warn'] as const;

/** K8S-1: namespaces enforce, audit and warn Pod Security `restricted`. */
export const k8s1PodSecurityLabels: ResourceRule = {
  id: 'K8S-1/pod-security-labels',
  control: 'K8S-1',
  scope: 'resource',
  title: {
    en: "Namespaces enforce Pod Security 'restricted'",
    fr: "Les espaces de noms imposent Pod Security 'restricted'",
  },
  description: `A Namespace carries pod-security.kubernetes.io/enforce, audit and warn: restricted. Built-in exception: a namespace labelled ${TAG_KEYS.purpose}: ${PURPOSES.logs} may enforce less (its node-log DaemonSet needs a hostPath), reported as suppressed; audit and warn stay restricted there, so every deviation shows.`,
  remediation: {
    en: 'Label the namespace pod-security.kubernetes.io/enforce, audit and warn: restricted (SovereignNamespace does it)',
    fr: "Poser sur l'espace de noms les labels pod-security.kubernetes.io/enforce, audit et warn : restricted (SovereignNamespace le fait)",
  },
  appliesTo: [K8S.namespace],
  observes: ['namespace', ...MODES],
  observe(namespace: Resource) {
    // Each mode's label value, `not set` when absent (an unresolved one is left out).
    const modes = MODES.map((mode) => {
      const key = `pod-security.kubernetes.io/${mode}`;
      return [mode, namespace.unresolvedTags.includes(key) ? undefined : (namespace.tags[key] ?? 'not set')];
    });
    return evidenceOf({
      namespace: field(namespace.properties, 'metadata', 'name'),
      ...Object.fromEntries(modes),
      purpose: namespace.tags[TAG_KEYS.purpose],
    });
  },
  check(namespace: Resource): Outcome {
    const logs = namespace.tags[TAG_KEYS.purpose] === PURPOSES.logs;
    return combine(
      MODES.map((mode): Outcome => {
        const key = `pod-security.kubernetes.io/${mode}`;
        const value = namespace.tags[key];
        if (value === 'restricted') return 'pass';
        if (namespace.unresolvedTags.includes(key)) {
          return cannotProve({
            en: `${key} is not a literal value`,
            fr: `${key} n'est pas une valeur littérale`,
          });
        }
        const message = {
          en: `${key} is ${value === undefined ? 'not set' : `'${value}'`}, not 'restricted'`,
          fr:
            value === undefined
              ? `${key} n'est pas défini (attendu : 'restricted')`
              : `${key} vaut '${value}' au lieu de 'restricted'`,
        };
        return fail(message, mode === 'enforce' && logs ? { exception: LOGS_NAMESPACE_EXCEPTION } : {});
      }),
    );
  },
};
