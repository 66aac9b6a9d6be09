import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInput, checkPaths } from '../../constructs/compliance/check';
import { isUnresolved } from '../../constructs/compliance/normalize/intrinsics';
import { readKubernetesManifests } from '../../constructs/compliance/read/kubernetes-manifests';
import { buildKubernetesTemplates } from '../../constructs/compliance/read/kubernetes-source';
import type { CheckResult, Resource } from '../../constructs/compliance/normalize/model';
import { readInputs } from '../../constructs/compliance/read/read-inputs';
import { readTerraformJson } from '../../constructs/compliance/read/terraform-json';
import { serializeProfile } from '../../constructs/core';
import { cluster, judgeTerraform, on, passed, PROFILE } from './helpers/kubernetes';

const FIXTURES = join(__dirname, 'fixtures');
const terraform = () => JSON.parse(readFileSync(join(FIXTURES, 'records.tf.json'), 'utf8'));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slz-k8s-readers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** `Kind/namespace/name` of a Kubernetes object, whatever it was read from. */
function objectKey(r: Resource): string {
  const meta = (r.properties.metadata ?? {}) as Record<string, unknown>;
  return [r.properties.kind, r.kubernetes?.namespace, meta.name].filter((p) => typeof p === 'string').join('/');
}

/** The verdicts (`rule status`) of a run, by object key. */
function verdicts(result: CheckResult, resources: readonly Resource[]): Record<string, string[]> {
  const byId = new Map(resources.filter((r) => r.kubernetes).map((r) => [r.id, objectKey(r)]));
  const out: Record<string, string[]> = {};
  for (const p of result.passes) if (byId.has(p.resource)) (out[byId.get(p.resource)!] ??= []).push(`${p.rule} pass`);
  for (const f of result.findings) {
    if (byId.has(f.resource)) (out[byId.get(f.resource)!] ??= []).push(`${f.rule} ${f.status}`);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

describe('Terraform JSON', () => {
  const [template] = buildKubernetesTemplates([readTerraformJson(terraform(), { file: 'main.tf.json' })], undefined);

  test("a key named __proto__ stays data: an own field of the API object, never the object's prototype", () => {
    const doc = JSON.parse(
      '{"resource": {"kubernetes_config_map_v1": {"cm": {"metadata": [{"name": "cm", "namespace": "records", ' +
        '"labels": {"__proto__": "label"}}], "data": {"__proto__": "${var.x}", "plain": "y"}}}}}',
    );
    const [read] = buildKubernetesTemplates([readTerraformJson(doc, { file: 'cm.tf.json' })], undefined);
    const object = read.byId.get('kubernetes_config_map_v1.cm')!.properties as Record<string, any>;
    for (const map of [object.metadata.labels, object.data]) {
      expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
      expect(Object.keys(map)).toContain('__proto__');
    }
    expect(object.metadata.labels.__proto__).toBe('label');
    expect(isUnresolved(object.data.__proto__)).toBe(true);
    expect(object.data.plain).toBe('y');
  });

  test('each kubernetes_* resource is read as its API object, whether its blocks are objects or arrays', () => {
    const api = template.byId.get('kubernetes_deployment_v1.api')!;
    expect(api.type).toBe('apps/Deployment');
    expect(api.path).toBe('casablanca/Records/Api/Resource');
    expect(api.kubernetes).toEqual({ cluster: 'main.tf.json#kubernetes', namespaced: true, namespace: 'records' });
    expect((api.properties as any).spec.template.spec.affinity.nodeAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'topology.kubernetes.io/region', operator: 'In', values: ['ma-casablanca'] }] },
        ],
      },
    });
    expect(template.byId.get('kubernetes_storage_class_v1.encrypted')!.properties).toEqual(
      expect.objectContaining({ provisioner: 'rbd.csi.ceph.com', allowedTopologies: [expect.any(Object)] }),
    );
    expect(template.byId.get('kubernetes_manifest.backup')!.type).toBe('velero.io/Schedule');
  });

  test("a namespace given by reference takes the namespace's name; other expressions stay unknown", () => {
    expect(template.byId.get('kubernetes_network_policy_v1.default_deny')!.kubernetes?.namespace).toBe('records');
    expect(template.byId.get('kubernetes_resource_quota_v1.quota')!.kubernetes?.namespace).toBe('records');
    const image = (template.byId.get('kubernetes_deployment_v1.api')!.properties as any).spec.template.spec
      .containers[0].image;
    expect(isUnresolved(image) && image.describe()).toBe("the Terraform expression '${var.api_image}'");
    expect(template.parameters).toEqual(['api_image']);
  });

  test('objects inherit the label of their namespace; other resources are not assessed; count 0 is not created', () => {
    expect(template.byId.get('kubernetes_deployment_v1.api')!.classification).toEqual({
      level: 'sensitive',
      origin: 'stack',
    });
    const r = judgeTerraform(terraform());
    expect(r.findings.filter((f) => f.status === 'not-assessed').map((f) => f.resource)).toEqual([
      'aws_s3_bucket.exports',
      'kubernetes_annotations.extra',
    ]);
    expect(template.byId.has('null_resource.never')).toBe(false);
  });

  test('an expression is cannot-prove, never a pass; suppressions under // hold', () => {
    const r = judgeTerraform(terraform());
    const api = 'kubernetes_deployment_v1.api';
    expect(on(r, 'K8S-4/image-registry', api)[0]).toEqual(
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('${var.api_image}') }),
    );
    expect(on(r, 'K8S-4/image-pinned', api)[0]).toEqual(
      expect.objectContaining({
        suppressed: true,
        justification: 'the image is pinned by the release pipeline',
        path: 'casablanca/Records/Api/Resource',
      }),
    );
  });

  test('expressions where a rule looks are cannot-prove: a service type, a bound role, a backup selection', () => {
    const doc = terraform();
    doc.resource.kubernetes_service_v1 = {
      api: { metadata: { name: 'api', namespace: 'records' }, spec: { type: '${var.service_type}' } },
    };
    doc.resource.kubernetes_cluster_role_binding_v1 = {
      admins: {
        metadata: { name: 'admins' },
        role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: '${var.role}' },
        subject: [{ kind: 'Group', name: 'ops', api_group: 'rbac.authorization.k8s.io' }],
      },
    };
    doc.resource.kubernetes_manifest.backup.manifest.spec.template.includedNamespaces = ['${var.namespace}'];
    const r = judgeTerraform(doc);
    expect(on(r, 'NET-2/service-exposure', 'kubernetes_service_v1.api')[0].status).toBe('cannot-prove');
    expect(on(r, 'IAM-1/cluster-admin-binding', 'kubernetes_cluster_role_binding_v1.admins')[0].status).toBe(
      'cannot-prove',
    );
    expect(on(r, 'BCK-1/namespace-backup-schedule', 'kubernetes_namespace_v1.records')[0].status).toBe('cannot-prove');
  });

  test('a Kubernetes object reads the same from a manifest as from a kubernetes_* resource', () => {
    const fromTerraform = buildKubernetesTemplates(
      [readTerraformJson(terraform(), { file: 'main.tf.json' })],
      undefined,
    );
    const names = new Set(fromTerraform[0].resources.filter((r) => r.kubernetes).map(objectKey));
    const objects = cluster().filter((o) =>
      names.has([o.kind, o.metadata?.namespace, o.metadata?.name].filter(Boolean).join('/')),
    );
    const fromManifests = buildKubernetesTemplates(
      [readKubernetesManifests(objects, { file: 'cluster.yaml', format: 'kubernetes-yaml' })],
      undefined,
    );
    const judge = (templates: typeof fromManifests) =>
      verdicts(checkInput({ templates, skipped: [] }, PROFILE, { today: '2026-11-22' }), templates[0].resources);
    const [t, m] = [judge(fromTerraform), judge(fromManifests)];
    // The hand-written Terraform takes its image from a variable, and the manifest's pods carry a seccomp profile.
    const comparable = (v: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(v).map(([k, list]) => [k, list.filter((x) => !x.startsWith('K8S-4'))]));
    expect(Object.keys(t).sort()).toEqual(Object.keys(m).sort());
    expect(comparable(t)).toEqual(comparable(m));
    expect(t['Deployment/records/api']).toEqual(
      expect.arrayContaining(['RES-1/node-affinity pass', 'K8S-2/container-hardening pass']),
    );
  });

  test('each provider alias is its own cluster: a namespace of one does not serve the objects of another', () => {
    const doc = terraform();
    doc.resource.kubernetes_network_policy_v1.default_deny.provider = 'kubernetes.rabat';
    const r = judgeTerraform(doc);
    expect(on(r, 'NET-4/default-deny', 'kubernetes_namespace_v1.records')[0].status).toBe('fail');
    expect(r.findings.filter((f) => f.rule === 'LOG-1/log-forwarder-present').map((f) => f.message)).toEqual([
      expect.stringContaining("provider 'kubernetes'"),
      expect.stringContaining("provider 'kubernetes.rabat'"),
    ]);
  });
});

describe('Kubernetes manifests', () => {
  test('multi-document YAML (helm template output) and JSON List kinds are read; a namespace may be in another file', () => {
    write(
      'manifests/namespace.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: cluster().filter((o) => o.kind === 'Namespace'),
      }),
    );
    write(
      'manifests/chart.yaml',
      [
        '---',
        '# Source: records/templates/quota.yaml',
        'apiVersion: v1',
        'kind: ResourceQuota',
        'metadata: { name: quota, namespace: records }',
        '---',
        '# Source: records/templates/deployment.yaml',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: api, namespace: records }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers: [{ name: api, image: "registry.gov.ma/records/api:1.0" }]',
        '---',
        '',
      ].join('\n'),
    );
    const input = readInputs(['manifests'], { cwd: dir });
    expect(input.templates.map((t) => [t.file, t.format, t.resources.length])).toEqual([
      ['manifests/chart.yaml', 'kubernetes-yaml', 2],
      ['manifests/namespace.json', 'kubernetes-json', 3],
    ]);
    const api = input.templates[0].byId.get('Deployment/records/api')!;
    expect(api.classification).toEqual({ level: 'sensitive', origin: 'stack' });
    const r = checkPaths(['manifests'], { cwd: dir, profile: PROFILE });
    expect(on(r, 'RES-1/node-affinity', 'Deployment/records/api')[0]).toEqual(
      expect.objectContaining({ file: 'manifests/chart.yaml', status: 'fail', severity: 'error' }),
    );
    expect(passed(r, 'K8S-3/quota-and-limits', 'Namespace/records')).toBe(false);
  });

  test('--classification gives objects outside a labelled namespace an assumed level', () => {
    const file = write('lone.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [] }\n');
    const [t] = readInputs([file], { cwd: dir, classification: 'internal' }).templates;
    expect(t.resources[0]).toEqual(
      expect.objectContaining({ id: 'Pod/(no namespace)/p', classification: { level: 'internal', origin: 'assumed' } }),
    );
  });

  test('a kind no rule knows is reported as not assessed; a kind that holds no data is counted once with its reason', () => {
    const file = write(
      'kinds.yaml',
      [
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, namespace: apps }',
        'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: { name: x }',
        'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: { name: y }',
      ].join('\n---\n'),
    );
    const r = checkPaths([file], { cwd: dir, profile: PROFILE });
    expect(r.findings.filter((f) => f.status === 'not-assessed')).toEqual([
      expect.objectContaining({
        resource: 'Widget/apps/w',
        message: expect.stringContaining('example.com/Widget'),
      }),
    ]);
    expect(r.noData).toEqual([
      { type: 'admissionregistration.k8s.io/ValidatingAdmissionPolicy', resources: 2, reason: expect.any(String) },
    ]);
  });
});

describe('synth outputs', () => {
  test("out/ with kubernetes/ in cdktf's layout is read through its manifest, with out/profile.json as the profile", () => {
    write('out/profile.json', serializeProfile(PROFILE));
    write(
      'out/kubernetes/manifest.json',
      JSON.stringify({
        version: '0.21.0',
        stacks: { casablanca: { name: 'casablanca', synthesizedStackPath: 'stacks/casablanca/cdk.tf.json' } },
      }),
    );
    write('out/kubernetes/stacks/casablanca/cdk.tf.json', JSON.stringify(terraform()));
    const input = readInputs(['out'], { cwd: dir });
    expect(input.templates.map((t) => [t.file, t.stack.name])).toEqual([
      ['out/kubernetes/stacks/casablanca/cdk.tf.json', 'casablanca'],
    ]);
    expect(input.profileFile).toBe(join(dir, 'out', 'profile.json'));
    const r = checkPaths(['out'], { cwd: dir });
    expect(r.profile).toBe(PROFILE.id);
    expect(passed(r, 'RES-1/node-affinity', 'kubernetes_deployment_v1.api')).toBe(true);
  });
});

describe('malformed input is one line naming the file', () => {
  test.each([
    [
      'bad.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\nreplicas: 2\n',
      /^bad\.yaml: document 2 is not a Kubernetes object \(no apiVersion\/kind\)$/,
    ],
    [
      'bad.tf.json',
      '{"resource": {"kubernetes_namespace_v1": {"x": 3}}}',
      /^bad\.tf\.json: resource 'kubernetes_namespace_v1\.x' must be an object$/,
    ],
    [
      'twice.tf.json',
      '{"resource": {"kubernetes_namespace_v1": {"x": {"metadata": [{"name": "a"}, {"name": "b"}]}}}}',
      /^twice\.tf\.json: resource 'kubernetes_namespace_v1\.x': metadata: the API takes one block, got 2$/,
    ],
    [
      'annotated.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  annotations: { sovereign-lz.io/suppressions: "not json" }\n',
      /^annotated\.yaml: Namespace\/a: annotation sovereign-lz\.io\/suppressions must hold a JSON array/,
    ],
    ['broken.yml', 'apiVersion: v1\nkind: [\n', /^broken\.yml:\d+:\d+: not valid YAML/],
  ])('%s', (name, text, expected) => {
    const file = write(name, text);
    expect(() => readInputs([file], { cwd: dir })).toThrow(expected);
  });
});
