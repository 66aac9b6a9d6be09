import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { Construct } from 'constructs';
import {
  CLASSIFICATION_LEVELS,
  isAtLeast,
  isClassificationLevel,
  TAG_KEYS,
  type ClassificationLevel,
  type ValidationProblem,
  isDnsSubdomain,
  TOPOLOGY_KEYS,
} from '../core';
import { kubernetesVersionPrerequisite } from './prerequisites';
import { SovereignKubernetesConstruct, type SovereignKubernetesProps } from './sovereign-kubernetes-construct';

/** Props of an {@link InCountryAdmissionPolicy}. */
export interface InCountryAdmissionPolicyProps extends SovereignKubernetesProps {
  /**
   * Namespaces labelled with this level or a more restricted one are guarded.
   * @default 'sensitive'
   */
  readonly minimumLevel?: ClassificationLevel;
  /**
   * The name of the policy and of its binding.
   * @default 'sovereign-lz-in-country'
   */
  readonly name?: string;
}

/** A CEL string literal. */
function cel(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** CEL: every container of a list variable `list` satisfies `test` (on `c`); an absent list passes. */
function allContainers(test: string): string {
  return ['containers', 'initContainers', 'ephemeralContainers']
    .map((f) => `(!has(object.spec.${f}) || object.spec.${f}.all(c, ${test}))`)
    .join(' && ');
}

/**
 * The cluster itself refuses, in namespaces of `sensitive` data (the `minimumLevel`), pods
 * that do not require the in-country node affinity (`topology.kubernetes.io/region` In the
 * site's region values, or `topology.kubernetes.io/zone` In its zone values, in every node
 * selector term, RES-1), privileged containers, and host namespaces (K8S-2) — so the rule holds
 * even for manifests that never pass through this library. A ValidatingAdmissionPolicy and
 * its binding (`admissionregistration.k8s.io/v1`, GA in Kubernetes 1.30), written through
 * `kubernetes_manifest` (the provider has no resource for them), which needs a reachable
 * cluster at plan time. Namespaces are matched by their `sovereign-lz.io/classification`
 * label.
 *
 * @example
 * new InCountryAdmissionPolicy(cluster, 'Guardrail');
 */
export class InCountryAdmissionPolicy extends SovereignKubernetesConstruct {
  /** The policy's name. */
  public readonly policyName: string;
  /** The policy. */
  public readonly policy: Manifest;
  /** Its binding. */
  public readonly binding: Manifest;

  constructor(scope: Construct, id: string, props: InCountryAdmissionPolicyProps = {}) {
    super(scope, id, props);
    const problems: ValidationProblem[] = [];
    const minimum = props.minimumLevel ?? 'sensitive';
    if (!isClassificationLevel(minimum)) {
      problems.push({
        rule: 'PROPS',
        message: {
          en: `minimumLevel '${String(minimum)}' is not a classification level`,
          fr: `minimumLevel '${String(minimum)}' n'est pas un niveau de classification`,
        },
      });
    }
    const name = props.name ?? 'sovereign-lz-in-country';
    if (!isDnsSubdomain(name))
      problems.push({
        rule: 'PROPS',
        message: { en: `name '${name}' is not an object name`, fr: `le nom '${name}' n'est pas un nom d'objet` },
      });
    const clash = this.cluster.node
      .findAll()
      .find((c) => c instanceof InCountryAdmissionPolicy && c !== this && c.policyName === name);
    if (clash)
      problems.push({
        rule: 'PROPS',
        message: {
          en: `policy '${name}' is already declared by '${clash.node.path}'`,
          fr: `la politique '${name}' est déjà déclarée par '${clash.node.path}'`,
        },
      });
    this.validate(problems);

    this.policyName = name;
    // ValidatingAdmissionPolicy v1 is GA in Kubernetes 1.30.
    this.cluster.addPrerequisite(kubernetesVersionPrerequisite(this.cluster));
    const site = this.cluster.site;
    const levels = CLASSIFICATION_LEVELS.filter((l) => isAtLeast(l, minimum));
    const regions = `[${site.regionValues.map(cel).join(', ')}]`;
    const zones = `[${site.zoneValues.map(cel).join(', ')}]`;
    const within = (key: string, allowed: string) =>
      `(e.key == ${cel(key)} && e.operator == 'In' && has(e.values) && size(e.values) > 0 && e.values.all(v, v in variables.${allowed}))`;
    const source = this.profile.levels[minimum].source;
    const common = { provider: this.cluster.provider };
    const metadata = { name, labels: this.labels() };
    const required = 'object.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';

    this.policy = new Manifest(this, 'Policy', {
      ...common,
      manifest: {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata,
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: {
            resourceRules: [
              {
                apiGroups: [''],
                apiVersions: ['v1'],
                operations: ['CREATE', 'UPDATE'],
                resources: ['pods', 'pods/ephemeralcontainers'],
              },
            ],
          },
          variables: [
            {
              name: 'terms',
              expression: `has(object.spec.affinity) && has(object.spec.affinity.nodeAffinity) && has(${required}) ? ${required}.nodeSelectorTerms : []`,
            },
            { name: 'allowedRegions', expression: regions },
            { name: 'allowedZones', expression: zones },
          ],
          validations: [
            {
              // A nodeSelector on the site's region or zone pins a pod too, and is the only way
              // for a DaemonSet: its controller replaces the pods' required node affinity by a
              // single `metadata.name` term, but keeps their nodeSelector.
              expression:
                `(has(object.spec.nodeSelector) && ((${cel(TOPOLOGY_KEYS.region)} in object.spec.nodeSelector && object.spec.nodeSelector[${cel(TOPOLOGY_KEYS.region)}] in variables.allowedRegions) || (${cel(TOPOLOGY_KEYS.zone)} in object.spec.nodeSelector && object.spec.nodeSelector[${cel(TOPOLOGY_KEYS.zone)}] in variables.allowedZones))) || ` +
                `(size(variables.terms) > 0 && variables.terms.all(t, has(t.matchExpressions) && t.matchExpressions.exists(e, ${within(TOPOLOGY_KEYS.region, 'allowedRegions')} || ${within(TOPOLOGY_KEYS.zone, 'allowedZones')})))`,
              message: `pods of ${levels.join('/')} data must require node affinity ${TOPOLOGY_KEYS.region} In ${site.regionValues.join(', ')}${site.zoneValues.length ? ` (or ${TOPOLOGY_KEYS.zone} In ${site.zoneValues.join(', ')})` : ''}, or select such a node with nodeSelector (site ${site.name}; ${source})`,
              reason: 'Forbidden',
            },
            {
              expression: allContainers(
                '!has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false',
              ),
              message: `privileged containers are forbidden for ${levels.join('/')} data`,
              reason: 'Forbidden',
            },
            {
              expression: ['hostNetwork', 'hostPID', 'hostIPC']
                .map((f) => `(!has(object.spec.${f}) || object.spec.${f} == false)`)
                .join(' && '),
              message: `host namespaces (network, PID, IPC) are forbidden for ${levels.join('/')} data`,
              reason: 'Forbidden',
            },
          ],
        },
      },
    });
    this.binding = new Manifest(this, 'Binding', {
      ...common,
      dependsOn: [this.policy],
      manifest: {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata,
        spec: {
          policyName: name,
          validationActions: ['Deny'],
          matchResources: {
            namespaceSelector: {
              matchExpressions: [{ key: TAG_KEYS.classification, operator: 'In', values: levels }],
            },
          },
        },
      },
    });
    this.finish();
  }
}
