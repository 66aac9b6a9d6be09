import type { LocalizedText, ZonePrerequisite } from '../../core';
import { clusters, field, nameOf } from '../normalize/kubernetes-facts';
import type { CheckInput, Resource } from '../normalize/model';
import {
  cannotProve,
  fail,
  type InputRule,
  type LocatedPass,
  type LocatedProblem,
  type Problem,
  type RuleContext,
} from '../judge/rule';
import { evidenceOf } from '../judge/evidence';

/** API groups served by the Kubernetes API server itself (no CustomResourceDefinition behind them). */
export const BUILT_IN_GROUPS = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** Namespaces every cluster has. */
const BUILT_IN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

const CRD_TYPE = 'apiextensions.k8s.io/CustomResourceDefinition';

/** The names a CRD serving `kind` in `group` may have (`<plural>.<group>`), the plural guessed from the kind. */
function crdNames(kind: string, group: string): string[] {
  const lower = kind.toLowerCase();
  const plurals = [`${lower}s`, `${lower}es`, lower, lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : undefined];
  return plurals.filter((p): p is string => p !== undefined).map((p) => `${p}.${group}`);
}

/** The site a Kubernetes object is applied to, as prerequisites name it (`site:NAME`), if known. */
function siteOf(resource: Resource): string | undefined {
  const name = resource.template.stack.name;
  return name === undefined ? undefined : `site:${name}`;
}

function prerequisite(
  prerequisites: readonly ZonePrerequisite[],
  kind: ZonePrerequisite['kind'],
  names: readonly string[],
  site: string | undefined,
): boolean {
  return prerequisites.some(
    (p) =>
      p.kind === kind &&
      p.name !== null &&
      names.includes(p.name) &&
      (site === undefined || !p.target.startsWith('site:') || p.target === site),
  );
}

/** DEP-7: the CRDs and namespaces objects need exist in the input or are listed as prerequisites. */
export const dep7ClusterPrerequisites: InputRule = {
  id: 'DEP-7/cluster-prerequisites',
  control: 'DEP-7',
  scope: 'input',
  title: {
    en: 'Custom resources and namespaces exist before the objects that need them',
    fr: 'Les ressources personnalisées et les espaces de noms existent avant les objets qui en ont besoin',
  },
  description:
    'An object whose apiVersion is of a group the API server does not serve itself (e.g. velero.io/v1 Schedule) needs its CustomResourceDefinition (<plural>.<group>): in the input (same cluster), or listed as a kubernetes-crd prerequisite of the landing-zone summary (landing-zone.json). An object in a namespace needs the namespace: created in the input (same cluster), built in (default, kube-system, kube-public, kube-node-lease), or listed as a kubernetes-namespace prerequisite. Without a landing-zone summary it cannot be proven (a warning): a bare manifest stream may rely on the CRDs and namespaces of an existing cluster.',
  remediation: {
    en: 'Install the CRD (its operator or chart) and create the namespace before the objects, in the input or as listed prerequisites of the landing zone',
    fr: "Installer la CRD (son opérateur ou son chart) et créer l'espace de noms avant les objets, dans les artefacts ou comme prérequis déclarés de la zone d'atterrissage",
  },
  appliesTo: [],
  observes: ['apiVersion', 'kind', 'requires'],
  check(input: CheckInput, _context: RuleContext): Array<LocatedProblem | LocatedPass> {
    const zone = input.zone;
    const prerequisites = zone?.prerequisites ?? [];
    const results: Array<LocatedProblem | LocatedPass> = [];
    const missing = (message: LocalizedText): Problem =>
      zone
        ? fail(message)
        : cannotProve({
            en: `${message.en} (no landing-zone summary lists the cluster's prerequisites: an existing cluster may have it)`,
            fr: `${message.fr} (aucun résumé de zone d'atterrissage ne liste les prérequis du cluster : un cluster existant peut l'avoir)`,
          });
    for (const cluster of clusters(input).values()) {
      const crds = new Set<string>();
      // `group/Kind` → the name of the CRD serving it.
      const served = new Map<string, string>();
      for (const crd of cluster.byType.get(CRD_TYPE) ?? []) {
        const name = nameOf(crd);
        if (name) crds.add(name);
        const group = field(crd.properties, 'spec', 'group');
        const kind = field(crd.properties, 'spec', 'names', 'kind');
        if (typeof group === 'string' && typeof kind === 'string') served.set(`${group}/${kind}`, name ?? crd.id);
      }
      for (const object of cluster.objects) {
        const apiVersion = object.properties.apiVersion;
        const kind = object.properties.kind;
        if (typeof apiVersion !== 'string' || typeof kind !== 'string') continue;
        const slash = apiVersion.indexOf('/');
        const group = slash > 0 ? apiVersion.slice(0, slash) : '';
        const problems: Problem[] = [];
        // What the object needs (`crd:NAME`, `namespace:NAME`), and where each is found.
        const requires: string[] = [];
        const foundIn: string[] = [];
        if (!BUILT_IN_GROUPS.has(group)) {
          const names = crdNames(kind, group);
          const crd = served.get(`${group}/${kind}`) ?? names.find((n) => crds.has(n));
          const present = crd !== undefined || prerequisite(prerequisites, 'kubernetes-crd', names, siteOf(object));
          requires.push(`crd:${crd ?? names[0]}`);
          foundIn.push(crd !== undefined ? 'input' : present ? 'prerequisite' : 'missing');
          if (!present) {
            problems.push(
              missing({
                en: `its kind ${kind} (${apiVersion}) needs the CustomResourceDefinition ${names[0]}, which the input neither creates nor lists as a prerequisite: the API server refuses the object`,
                fr: `son type ${kind} (${apiVersion}) requiert la CustomResourceDefinition ${names[0]}, que les artefacts ne créent ni ne listent comme prérequis : le serveur d'API refuse l'objet`,
              }),
            );
          }
        }
        const ns = object.kubernetes?.namespaced ? object.kubernetes.namespace : undefined;
        if (typeof ns === 'string') {
          const where = BUILT_IN_NAMESPACES.has(ns)
            ? 'built-in'
            : cluster.namespaces.has(ns)
              ? 'input'
              : prerequisite(prerequisites, 'kubernetes-namespace', [ns], siteOf(object))
                ? 'prerequisite'
                : undefined;
          const present = where !== undefined;
          requires.push(`namespace:${ns}`);
          foundIn.push(where ?? 'missing');
          if (!present) {
            problems.push(
              missing({
                en: `its namespace '${ns}' is neither created in the input nor listed as a prerequisite: the API server refuses the object`,
                fr: `son espace de noms '${ns}' n'est ni créé dans les artefacts ni listé comme prérequis : le serveur d'API refuse l'objet`,
              }),
            );
          }
        }
        if (!requires.length) continue;
        const evidence = evidenceOf({ apiVersion, kind, requires, foundIn, landingZone: zone !== undefined });
        if (problems.length) results.push(...problems.map((p) => ({ ...p, resource: object, evidence })));
        else results.push({ pass: true, resource: object, evidence });
      }
    }
    return results;
  },
};
