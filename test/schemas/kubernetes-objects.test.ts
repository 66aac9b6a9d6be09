// Every Kubernetes object the examples create validates against the Kubernetes OpenAPI of the
// oldest supported version (1.30), closed as the API server applies it (unknown fields are
// errors, int-or-string is an integer or a string, quantities are what the API server parses),
// and Velero's Schedule against its CRD's openAPIV3Schema. The objects are read from the
// synthesized Terraform JSON by the compliance engine's own reader (readTerraformJson: each
// `kubernetes_*` resource as the API object it creates, `kubernetes_manifest` as its manifest).
import { join } from 'node:path';
import {
  kubernetesValidator,
  loadKubernetesOpenApi,
  QUANTITY_PATTERN,
  type KubernetesValidator,
  type Schema,
} from './kubernetes-openapi';
import {
  filesEndingWith,
  kubernetesObjects,
  synthesizeExamples,
  temporaryDirectory,
  type SynthesizedExample,
  type SynthesizedObject,
  timed as timedInto,
} from './synthesized-examples';

type Json = Record<string, any>;

let tmp: ReturnType<typeof temporaryDirectory>;
let examples: SynthesizedExample[];
let objects: SynthesizedObject[];
let validator: KubernetesValidator;
const timings: Record<string, number> = {};

const timed = <T>(name: string, f: () => T): T => timedInto(timings, name, f);

beforeAll(() => {
  tmp = temporaryDirectory('slz-k8s-schemas-');
  examples = timed('synthesize the examples', () => synthesizeExamples(tmp.dir));
  objects = examples.flatMap(kubernetesObjects);
  const openApi = timed('read the 3 MB OpenAPI document', () => loadKubernetesOpenApi());
  validator = timed('prepare the schemas', () => kubernetesValidator(openApi));
});

afterAll(() => tmp?.remove());

function problemsOf(object: unknown): string[] {
  return validator
    .problems(object as Schema)
    .map((p) => `${p.path}: ${p.message}`)
    .sort();
}

test('the examples create Kubernetes objects: every example with a Terraform stack contributes', () => {
  for (const example of examples) {
    const stacks = filesEndingWith(join(example.out, 'kubernetes'), '.tf.json');
    const own = objects.filter((o) => o.example === example.name);
    expect([example.name, stacks.length > 0, own.length > 0]).toEqual([
      example.name,
      stacks.length > 0,
      stacks.length > 0,
    ]);
  }
  // 31 today, all from the Casablanca site of the Morocco example: an output without them fails.
  expect(objects.filter((o) => o.example === 'morocco-public-sector').length).toBeGreaterThanOrEqual(25);
  const kinds = new Set(objects.map((o) => o.object.kind));
  expect(kinds.size).toBeGreaterThanOrEqual(8);
  // A custom resource (the CRD's schema) and the admission policy (the CEL test's subject) are among them.
  expect([...kinds]).toEqual(expect.arrayContaining(['Schedule', 'ValidatingAdmissionPolicy']));
});

test('every object validates against the Kubernetes 1.30 OpenAPI, custom resources against their CRD', () => {
  const problems = objects.flatMap(({ example, file, address, object }) =>
    problemsOf(object).map((p) => `${example} ${file} ${address} (${object.apiVersion} ${object.kind}) ${p}`),
  );
  expect(problems).toEqual([]);
  if (process.env.SOVEREIGN_LZ_SCHEMA_TIMINGS) console.log({ ...timings, ...validator.timings });
});

test('ValidatingAdmissionPolicy and its binding are admissionregistration.k8s.io/v1 in 1.30, and so are ours', () => {
  for (const kind of ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']) {
    expect(validator.definitionOf('admissionregistration.k8s.io/v1', kind)).toBe(
      `io.k8s.api.admissionregistration.v1.${kind}`,
    );
    const ours = objects.filter((o) => o.object.kind === kind);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.map((o) => o.object.apiVersion)).toEqual(ours.map(() => 'admissionregistration.k8s.io/v1'));
  }
  expect(validator.customKinds).toEqual(['velero.io/v1/Schedule']);
});

describe('the validator refuses what the API server refuses', () => {
  // Objects of the examples (the first of a kind, the first workload), changed one way at a time.
  function ofKind(kind: string): Json {
    const found = objects.find((o) => o.object.kind === kind);
    if (!found) throw new Error(`no ${kind} among the objects`);
    return structuredClone(found.object) as Json;
  }
  function workload(): Json {
    const w = objects.find((o) => Array.isArray((o.object as Json).spec?.template?.spec?.containers));
    if (!w) throw new Error('no workload with a pod template among the objects');
    return structuredClone(w.object) as Json;
  }
  const container = (w: Json): Json => w.spec.template.spec.containers[0];

  test('ours first: the workload is valid as it is', () => {
    expect(problemsOf(workload())).toEqual([]);
  });

  test('an unknown field in a container', () => {
    const w = workload();
    container(w).imagePullPolicyy = 'Always';
    expect(problemsOf(w)).toEqual([
      "/spec/template/spec/containers/0: must NOT have additional properties 'imagePullPolicyy'",
    ]);
  });

  test('an unknown field in the metadata, in the pod spec, at the top', () => {
    const w = workload();
    w.metadata.label = { a: 'b' };
    w.spec.template.spec.hostNetwerk = false;
    w.status2 = {};
    expect(problemsOf(w)).toEqual([
      "/: must NOT have additional properties 'status2'",
      "/metadata: must NOT have additional properties 'label'",
      "/spec/template/spec: must NOT have additional properties 'hostNetwerk'",
    ]);
  });

  test('a wrong type: a number for a string, a string for an integer, an int32 out of range', () => {
    const w = workload();
    container(w).name = 42;
    w.spec.template.spec.terminationGracePeriodSeconds = '30';
    container(w).ports = [{ containerPort: 2 ** 33 }];
    expect(problemsOf(w)).toEqual([
      '/spec/template/spec/containers/0/name: must be string',
      '/spec/template/spec/containers/0/ports/0/containerPort: must match format "int32"',
      '/spec/template/spec/terminationGracePeriodSeconds: must be integer',
    ]);
  });

  test('a missing required field: a container without a name', () => {
    const w = workload();
    delete container(w).name;
    expect(problemsOf(w)).toEqual(["/spec/template/spec/containers/0: must have required property 'name'"]);
  });

  test('a quantity the API server cannot parse', () => {
    const w = workload();
    container(w).resources = { limits: { memory: '512MB' }, requests: { cpu: '100m', memory: '1.5Gi' } };
    expect(problemsOf(w)).toEqual([
      `/spec/template/spec/containers/0/resources/limits/memory: must match pattern "${QUANTITY_PATTERN}"`,
    ]);
  });

  test('maps stay open to any key, not to any value', () => {
    const w = workload();
    w.metadata.labels = { 'example.org/any-key': 'x' };
    expect(problemsOf(w)).toEqual([]);
    w.metadata.labels = { replicas: 2 };
    expect(problemsOf(w)).toEqual(['/metadata/labels/replicas: must be string']);
  });

  test('int-or-string is an integer or a string, nothing else', () => {
    const service = (targetPort: unknown) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'n' },
      spec: { ports: [{ port: 443, targetPort }] },
    });
    expect(problemsOf(service('https'))).toEqual([]);
    expect(problemsOf(service(8443))).toEqual([]);
    expect(problemsOf(service(true))).toEqual(['/spec/ports/0/targetPort: must be integer,string']);
  });

  test("the Velero Schedule: an unknown field in its backup template, a wrong type, the CRD's own fields", () => {
    const schedule = ofKind('Schedule');
    expect(problemsOf(schedule)).toEqual([]);
    schedule.spec.template.includeNamespaces = ['x'];
    schedule.spec.template.ttl = 720;
    schedule.metadata.nmae = 'x';
    expect(problemsOf(schedule)).toEqual([
      "/metadata: must NOT have additional properties 'nmae'",
      '/spec/template/ttl: must be string',
      "/spec/template: must NOT have additional properties 'includeNamespaces'",
    ]);
  });

  test('the admission policy: a validation without its expression, a misspelled field', () => {
    const policy = ofKind('ValidatingAdmissionPolicy');
    expect(problemsOf(policy)).toEqual([]);
    delete policy.spec.validations[0].expression;
    policy.spec.failurePolicies = 'Fail';
    expect(problemsOf(policy)).toEqual([
      "/spec/validations/0: must have required property 'expression'",
      "/spec: must NOT have additional properties 'failurePolicies'",
    ]);
  });

  test('a kind Kubernetes 1.30 does not have', () => {
    expect(problemsOf({ apiVersion: 'admissionregistration.k8s.io/v2', kind: 'ValidatingAdmissionPolicy' })).toEqual([
      '/: no schema for admissionregistration.k8s.io/v2/ValidatingAdmissionPolicy in Kubernetes 1.30 or the CRDs',
    ]);
  });
});
