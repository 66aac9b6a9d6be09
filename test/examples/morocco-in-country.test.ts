import type { TerraformStack } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../examples/morocco-public-sector/app';
import { invalidObjects, renderedObjects, synthJson } from '../kubernetes/helpers';
import { VELERO_SCHEMAS } from '../kubernetes/velero-schedule-schema';

const outdir = mkdtempSync(join(tmpdir(), 'slz-in-country-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const app = build({ awsOutdir: join(outdir, 'aws'), kubernetesOutdir: outdir }).kubernetes!;
const stack = app.node.findChild('ma-casablanca-1') as TerraformStack;
const objects = renderedObjects(stack).map((m) => m.object!);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);

test('every rendered object is valid against the Kubernetes schemas', () => {
  expect(invalidObjects(stack, VELERO_SCHEMAS)).toEqual([]);
  expect(objects.length).toBeGreaterThan(25);
});

test('the civil registry is sensitive, on the Casablanca site only', () => {
  const namespaces = Object.fromEntries(ofKind('Namespace').map((n) => [n.metadata!.name, n.metadata!.labels]));
  expect(namespaces['civil-registry-application']).toMatchObject({
    'sovereign-lz.io/classification': 'sensitive',
    'sovereign-lz.io/jurisdiction': 'morocco-public-sector',
    'sovereign-lz.io/tier': 'application',
    'pod-security.kubernetes.io/enforce': 'restricted',
  });
  expect(namespaces['civil-registry-data']).toMatchObject({ 'sovereign-lz.io/tier': 'data' });
  for (const w of ofKind('Deployment')) {
    const affinity = (w.spec as any).template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    expect(affinity.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'topology.kubernetes.io/region', operator: 'In', values: ['ma-casablanca'] }] },
    ]);
  }
});

test('every namespace denies all traffic by default; only the API reaches the database, on 5432', () => {
  for (const ns of ofKind('Namespace')) {
    const deny = ofKind('NetworkPolicy').find(
      (p) => p.metadata!.namespace === ns.metadata!.name && p.metadata!.name === 'default-deny',
    );
    expect([ns.metadata!.name, deny?.spec]).toEqual([
      ns.metadata!.name,
      { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    ]);
  }
  const ingress = ofKind('NetworkPolicy').filter(
    (p) => p.metadata!.namespace === 'civil-registry-data' && JSON.stringify(p.spec).includes('"port":5432'),
  );
  expect(ingress).toHaveLength(1);
});

test('volumes are encrypted with the in-country key manager and workloads are hardened', () => {
  const [storageClass] = ofKind('StorageClass');
  expect((storageClass as any).parameters).toMatchObject({ encrypted: 'true', encryptionKMSID: 'vault-casablanca' });
  for (const w of ofKind('Deployment')) {
    for (const c of (w.spec as any).template.spec.containers) {
      expect(c.image).toMatch(/^registry\.gov\.ma\/.+@sha256:[0-9a-f]{64}$/);
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
    }
  }
});

test('the provider configuration names a kubeconfig context, never a credential, and state stays local', () => {
  const json = synthJson(stack) as any;
  expect(json.provider.kubernetes).toEqual([{ config_context: 'ma-casablanca-1', config_path: '~/.kube/config' }]);
  const text = JSON.stringify(json);
  expect(text.match(/-----BEGIN|"(token|client_key|client_certificate|password|cluster_ca_certificate)":/g)).toBeNull();
  expect(json.terraform.backend).toEqual({ local: { path: 'terraform.ma-casablanca-1.tfstate' } });
});

test('architecture summary (Kubernetes objects per namespace) matches the snapshot', () => {
  const summary = objects.map((o) => `${o.kind} ${o.metadata?.namespace ?? '-'}/${o.metadata?.name}`).sort();
  expect(summary).toMatchSnapshot();
});
