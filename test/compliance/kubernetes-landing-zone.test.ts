import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { App, TerraformStack } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import type { CheckResult } from '../../constructs/compliance/normalize/model';
import { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { smallLandingZone, type SmallLandingZone } from '../kubernetes/helpers';
import { PROFILE } from './helpers/kubernetes';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slz-k8s-lz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type LandingZone = SmallLandingZone & { readonly stack: TerraformStack };

let runs = 0;

/**
 * A small in-country landing zone of the real constructs, synthesized by cdktf to a directory
 * (manifest.json + stacks/casablanca/cdk.tf.json) and checked there, as `check out/kubernetes` would.
 */
function check(mutate: (lz: LandingZone) => void = () => undefined): CheckResult {
  const outdir = join(dir, `run-${++runs}`);
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'casablanca');
  const cluster = new SovereignCluster(stack, 'Cluster', {
    profile: PROFILE,
    site: 'ma-casablanca-1',
    kubeconfigContext: 'casablanca',
  });
  const parts = smallLandingZone(cluster);
  mutate({ stack, ...parts });
  app.synth();
  return checkPaths([outdir], { cwd: dir, profile: PROFILE, today: '2026-11-22' });
}

/** Unsuppressed errors, as `control rule resource`. */
function errors(result: CheckResult): string[] {
  return result.findings
    .filter((f) => !f.suppressed && f.severity === 'error' && f.status !== 'not-assessed')
    .map((f) => `${f.rule} ${f.resource}`);
}

describe('the Kubernetes constructs, checked from their synthesized Terraform', () => {
  let result: CheckResult;
  beforeAll(() => {
    result = check();
  });

  test('have no unsuppressed error and no warning under a profile with a site and allowlists, but for the Velero prerequisites', () => {
    expect(errors(result)).toEqual([]);
    // Without the landing-zone summary that lists the site's prerequisites (the Velero CRD and
    // namespace), DEP-7 cannot prove they exist: a warning each.
    expect(
      result.findings.filter((f) => !f.suppressed && f.severity === 'warning').map((f) => [f.rule, f.status]),
    ).toEqual([
      ['DEP-7/cluster-prerequisites', 'cannot-prove'],
      ['DEP-7/cluster-prerequisites', 'cannot-prove'],
      // Nor, without the declaration's flows, that the two TierFlows' paths are declared (NET-6).
      ['NET-6/namespace-paths', 'cannot-prove'],
      ['NET-6/namespace-paths', 'cannot-prove'],
    ]);
    expect(result.findings.find((f) => f.file && !f.file.endsWith('stacks/casablanca/cdk.tf.json'))).toBeUndefined();
  });

  test("show the log forwarder's built-in exception, with its reason, and nothing else suppressed", () => {
    const suppressed = result.findings.filter((f) => f.suppressed);
    expect(suppressed.map((f) => [f.rule, f.path]).sort()).toEqual([
      ['K8S-1/pod-security-labels', 'casablanca/Cluster/Logs/Namespace/Resource'],
      ['K8S-2/container-hardening', 'casablanca/Cluster/Logs/Resource'],
      ['K8S-2/container-hardening', 'casablanca/Cluster/Logs/Resource'],
    ]);
    for (const f of suppressed)
      expect(f.justification).toMatch(/^built-in exception: a namespace labelled sovereign-lz.io\/purpose: logs/);
  });

  test('judge every control of the Kubernetes evidence column', () => {
    const controls = new Set(result.passes.map((p) => p.control));
    for (const control of [
      'CLS-1',
      'RES-1',
      'RES-2',
      'RES-3',
      'ENC-1',
      'KEY-1',
      'LOG-1',
      'LOG-2',
      'NET-2',
      'NET-4',
      'IAM-1',
      'K8S-1',
      'K8S-2',
      'K8S-3',
      'K8S-4',
      'BCK-1',
    ]) {
      expect(controls).toContain(control);
    }
  });

  test('leave nothing unassessed: the admission policy and its binding are counted as holding no data, with the reason', () => {
    expect(result.findings.filter((f) => f.status === 'not-assessed')).toEqual([]);
    expect(result.summary.notAssessed).toBe(0);
    expect(result.noData).toEqual([
      {
        type: 'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
        resources: 1,
        reason: expect.stringContaining('holds no data'),
      },
      {
        type: 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
        resources: 1,
        reason: expect.stringContaining('holds no data'),
      },
    ]);
  });
});

describe('mutations of the landing zone are caught with the right control', () => {
  test.each<[string, string, (lz: LandingZone) => void]>([
    [
      'RES-1/node-affinity',
      'a sensitive workload pinned to the Paris site',
      ({ api }) =>
        api.deployment.addOverride(
          'spec.template.spec.affinity.node_affinity.required_during_scheduling_ignored_during_execution.node_selector_term.0.match_expressions.0.values',
          ['fr-paris'],
        ),
    ],
    [
      'RES-1/node-affinity',
      'a raw Deployment without in-country affinity in a sensitive namespace',
      ({ records, cluster }) =>
        new DeploymentV1(records, 'Raw', {
          provider: cluster.provider,
          metadata: { name: 'raw', namespace: records.namespaceName },
          spec: {
            selector: { matchLabels: { app: 'raw' } },
            template: {
              metadata: { labels: { app: 'raw' } },
              spec: { container: [{ name: 'raw', image: `registry.gov.ma/raw@${digest('d')}` }] },
            },
          },
        }),
    ],
    [
      'RES-2/storage-class-topology',
      'a storage class reaching the Paris site',
      ({ storage }) =>
        storage.resource.addOverride('allowed_topologies.match_label_expressions.0.values', ['fr-paris']),
    ],
    [
      'RES-3/log-sink-allowlisted',
      'a log sink abroad',
      ({ logs }) =>
        logs.daemonSet.addOverride('metadata.annotations', {
          'sovereign-lz.io/log-sink': 'forward+tls://logs.example.com:24224',
          'sovereign-lz.io/log-retention-days': '365',
        }),
    ],
    [
      'ENC-1/storage-class-encryption',
      'an unencrypted storage class',
      ({ storage }) => storage.resource.addOverride('parameters.encrypted', 'false'),
    ],
    [
      'KEY-1/storage-class-kms',
      'a key manager off the allowlist',
      ({ storage }) => storage.resource.addOverride('parameters.encryptionKMSID', 'vault-paris'),
    ],
    [
      'LOG-2/log-sink-retention',
      'a sink keeping logs 30 days',
      ({ logs }) =>
        logs.daemonSet.addOverride('metadata.annotations', {
          'sovereign-lz.io/log-sink': 'forward+tls://logs.gov.ma:24224',
          'sovereign-lz.io/log-retention-days': '30',
        }),
    ],
    [
      'NET-2/service-exposure',
      'a data-tier service of type NodePort',
      ({ db }) => db.service!.addOverride('spec.type', 'NodePort'),
    ],
    [
      'NET-4/default-deny',
      'a default deny that lets ingress through',
      ({ data }) => data.defaultDeny.addOverride('spec.ingress', [{}]),
    ],
    ['NET-4/allow-all-rule', 'an empty ingress rule', ({ data }) => data.defaultDeny.addOverride('spec.ingress', [{}])],
    [
      'IAM-1/cluster-admin-binding',
      'cluster-admin bound to a team',
      ({ cluster }) =>
        new ClusterRoleBindingV1(cluster, 'Admins', {
          provider: cluster.provider,
          metadata: { name: 'records-admins' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
          subject: [{ kind: 'Group', name: 'records-team', apiGroup: 'rbac.authorization.k8s.io' }],
        }),
    ],
    [
      'K8S-1/pod-security-labels',
      'a namespace enforcing baseline',
      ({ data }) =>
        data.resource.addOverride('metadata.labels', {
          'sovereign-lz.io/classification': 'sensitive',
          'sovereign-lz.io/tier': 'data',
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        }),
    ],
    [
      'K8S-2/container-hardening',
      'a privileged container',
      ({ api }) => api.deployment.addOverride('spec.template.spec.container.0.security_context.privileged', true),
    ],
    [
      'K8S-4/image-registry',
      'an image from Docker Hub',
      ({ api }) =>
        api.deployment.addOverride('spec.template.spec.container.0.image', `docker.io/library/nginx@${digest('e')}`),
    ],
    [
      'K8S-4/image-pinned',
      'an image by tag latest',
      ({ api }) =>
        api.deployment.addOverride('spec.template.spec.container.0.image', 'registry.gov.ma/records/api:latest'),
    ],
    [
      'BCK-1/velero-schedule-location',
      'backups to a location abroad',
      ({ backup }) => backup.resource.addOverride('manifest.spec.template.storageLocation', 's3-frankfurt'),
    ],
  ])('%s: %s', (rule, what, mutate) => {
    const found = errors(check(mutate));
    expect(found.filter((e) => e.startsWith(`${rule} `))).toHaveLength(1);
    // Nothing but the mutation's control breaks (a raw Deployment breaks the hardening too).
    const controls = new Set(found.map((e) => e.split('/')[0]));
    const expected = [rule.split('/')[0], ...(what.startsWith('a raw Deployment') ? ['K8S-2'] : [])];
    expect([...controls].filter((c) => !expected.includes(c))).toEqual([]);
  });

  test('K8S-3: a namespace whose quota is removed (count 0)', () => {
    const r = check(
      ({ web }) => web.node.findChild('Quota') && (web.node.findChild('Quota') as any).addOverride('count', 0),
    );
    expect(r.findings.filter((f) => f.rule === 'K8S-3/quota-and-limits' && !f.suppressed)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'the namespace has no ResourceQuota',
        path: 'casablanca/Cluster/Web/Resource',
      }),
    ]);
  });
});
