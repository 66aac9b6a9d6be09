import type { TerraformStack } from 'cdktf';
import { InCountryAdmissionPolicy } from '../../constructs/kubernetes/in-country-admission-policy';
import { invalidObjects, objectsOfKind, ownResources, resourcesOf, testCluster } from './helpers';

function guardrail(props: ConstructorParameters<typeof InCountryAdmissionPolicy>[2] = {}) {
  const cluster = testCluster();
  const policy = new InCountryAdmissionPolicy(cluster, 'Guardrail', props);
  return { policy, stack: cluster.node.scope as TerraformStack };
}

type Validation = { expression: string; message: string; reason: string };

test('refuses, in sensitive namespaces, pods without the in-country region affinity (RES-1)', () => {
  const { stack } = guardrail();
  const [policy] = objectsOfKind(stack, 'ValidatingAdmissionPolicy');
  const spec = policy.spec as {
    failurePolicy: string;
    matchConstraints: unknown;
    variables: unknown;
    validations: Validation[];
  };
  expect(spec.failurePolicy).toBe('Fail');
  expect(spec.matchConstraints).toEqual({
    resourceRules: [
      {
        apiGroups: [''],
        apiVersions: ['v1'],
        operations: ['CREATE', 'UPDATE'],
        resources: ['pods', 'pods/ephemeralcontainers'],
      },
    ],
  });
  expect(spec.variables).toContainEqual({ name: 'allowedRegions', expression: "['ma-casablanca']" });
  expect(spec.variables).toContainEqual({ name: 'allowedZones', expression: "['ma-casablanca-a', 'ma-casablanca-b']" });
  // A nodeSelector on the site's region or zone (what a DaemonSet's pods keep), or the affinity.
  expect(spec.validations[0].expression).toBe(
    "(has(object.spec.nodeSelector) && (('topology.kubernetes.io/region' in object.spec.nodeSelector && object.spec.nodeSelector['topology.kubernetes.io/region'] in variables.allowedRegions) || ('topology.kubernetes.io/zone' in object.spec.nodeSelector && object.spec.nodeSelector['topology.kubernetes.io/zone'] in variables.allowedZones))) || (size(variables.terms) > 0 && variables.terms.all(t, has(t.matchExpressions) && t.matchExpressions.exists(e, (e.key == 'topology.kubernetes.io/region' && e.operator == 'In' && has(e.values) && size(e.values) > 0 && e.values.all(v, v in variables.allowedRegions)) || (e.key == 'topology.kubernetes.io/zone' && e.operator == 'In' && has(e.values) && size(e.values) > 0 && e.values.all(v, v in variables.allowedZones)))))",
  );
  expect(spec.validations[0].message).toBe(
    'pods of sensitive/secret data must require node affinity topology.kubernetes.io/region In ma-casablanca (or topology.kubernetes.io/zone In ma-casablanca-a, ma-casablanca-b), or select such a node with nodeSelector (site ma-casablanca-1; L05-20 Art. 11; RQC 3.15.2)',
  );
});

test('matches the snapshot of its default', () => {
  expect(ownResources(guardrail().policy)).toMatchSnapshot();
});

test('refuses privileged containers (all kinds) and host namespaces (K8S-2)', () => {
  const { stack } = guardrail();
  const [policy] = objectsOfKind(stack, 'ValidatingAdmissionPolicy');
  const [, privileged, host] = (policy.spec as { validations: Validation[] }).validations;
  for (const field of ['containers', 'initContainers', 'ephemeralContainers']) {
    expect(privileged.expression).toContain(`(!has(object.spec.${field}) || object.spec.${field}.all(c, `);
  }
  expect(host.expression).toBe(
    '(!has(object.spec.hostNetwork) || object.spec.hostNetwork == false) && (!has(object.spec.hostPID) || object.spec.hostPID == false) && (!has(object.spec.hostIPC) || object.spec.hostIPC == false)',
  );
});

test('binds to namespaces labelled sensitive or above, denying', () => {
  const { stack } = guardrail();
  const [binding] = objectsOfKind(stack, 'ValidatingAdmissionPolicyBinding');
  expect(binding.spec).toEqual({
    policyName: 'sovereign-lz-in-country',
    validationActions: ['Deny'],
    matchResources: {
      namespaceSelector: {
        matchExpressions: [{ key: 'sovereign-lz.io/classification', operator: 'In', values: ['sensitive', 'secret'] }],
      },
    },
  });
  const [, bindingResource] = Object.values(resourcesOf(stack, 'kubernetes_manifest'));
  expect(bindingResource.depends_on).toHaveLength(1);
});

test('a lower minimum level guards more namespaces', () => {
  const { stack } = guardrail({ minimumLevel: 'personal' });
  const [binding] = objectsOfKind(stack, 'ValidatingAdmissionPolicyBinding');
  expect(JSON.stringify(binding.spec)).toContain('["personal","sensitive","secret"]');
});

test('renders objects valid against the Kubernetes OpenAPI schemas (through kubernetes_manifest)', () => {
  expect(invalidObjects(guardrail().stack)).toEqual([]);
});

test('fails if the minimum level is unknown', () => {
  expect(() => guardrail({ minimumLevel: 'top-secret' as never })).toThrow(
    "[K/Casablanca/Guardrail] PROPS: minimumLevel 'top-secret' is not a classification level",
  );
});

test('fails if declared twice with the same name', () => {
  const { policy } = guardrail();
  expect(() => new InCountryAdmissionPolicy(policy.cluster, 'Again')).toThrow(
    "[K/Casablanca/Again] PROPS: policy 'sovereign-lz-in-country' is already declared by 'K/Casablanca/Guardrail'",
  );
});
