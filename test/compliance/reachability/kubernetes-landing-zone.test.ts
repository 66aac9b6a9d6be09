import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { TerraformStack } from 'cdktf';
import { buildKubernetesTemplates } from '../../../constructs/compliance/read/kubernetes-source';
import { readTerraformJson } from '../../../constructs/compliance/read/terraform-json';
import {
  canReach,
  reachability,
  type KubernetesReachability,
  type ReachabilityOptions,
} from '../../../constructs/compliance/reachability/kubernetes-model';
import { smallLandingZone, synthJson, testCluster, type SmallLandingZone } from '../../kubernetes/helpers';

/**
 * The in-country landing zone of the real constructs (namespaces per tier with default deny,
 * TierFlows web → records on 8443 and records → records-data on 5432, a log forwarder with its
 * sink), synthesized by cdktf and read back from its Terraform JSON as the checker reads it.
 */
function landingZone(
  mutate: (lz: SmallLandingZone) => void = () => undefined,
  options: ReachabilityOptions = {},
): KubernetesReachability {
  const cluster = testCluster();
  const lz = smallLandingZone(cluster);
  mutate(lz);
  const doc = synthJson(TerraformStack.of(cluster));
  return reachability(buildKubernetesTemplates([readTerraformJson(doc, { file: 'cdk.tf.json' })], undefined), options);
}

const DATA = 'records-data';

/** Entries of the matrix into `to` from another namespace, as `from protocol first-last allowed by`. */
function into(r: KubernetesReachability, to: string): string[] {
  return r.namespaces
    .filter((n) => n.toNamespace === to && n.fromNamespace !== to)
    .map((n) => `${n.fromNamespace} ${n.protocol} ${n.from}-${n.to} ${n.allowed} ${n.by.join(',')}`);
}

describe('the landing zone of the in-country constructs', () => {
  let r: KubernetesReachability;
  beforeAll(() => {
    r = landingZone();
  });

  test('reads the namespaces with their tier and classification, and the workloads', () => {
    const data = r.model.namespaces.get(DATA)!;
    expect(data).toMatchObject({ declared: true, tier: 'data', classification: 'sensitive' });
    expect(r.model.namespaces.get('web')).toMatchObject({ tier: 'public', classification: 'public' });
    // kube-system is named by the DNS policies only.
    expect(r.model.namespaces.get('kube-system')).toMatchObject({ declared: false });
    expect(r.model.pods.find((p) => p.namespace === DATA)?.ports).toEqual([
      { port: 5432, protocol: 'TCP', name: 'postgres' },
    ]);
  });

  test('the sensitive data namespace is reachable only from the flow source, on the flow port', () => {
    expect(into(r, DATA)).toEqual([
      'records TCP 5432-5432 true records-data/api-to-db-ingress,records/api-to-db-egress',
    ]);
    expect(canReach(r, { fromNamespace: 'records', toNamespace: DATA, port: 5432 })).toEqual({
      allowed: true,
      by: ['records-data/api-to-db-ingress', 'records/api-to-db-egress'],
    });
    expect(canReach(r, { fromNamespace: 'records', toNamespace: DATA, port: 5433 })).toEqual({
      allowed: false,
      by: [],
      blockedBy: { layer: 'egress', policy: 'records/default-deny' },
    });
    expect(canReach(r, { fromNamespace: 'web', toNamespace: DATA, port: 5432 }).allowed).toBe(false);
    expect(canReach(r, { fromNamespace: 'kube-system', toNamespace: DATA, port: 5432 })).toEqual({
      allowed: false,
      by: [],
      blockedBy: { layer: 'ingress', policy: 'records-data/default-deny' },
    });
  });

  test('the declared flows and DNS are the only ways between namespaces; the log sink block may hold pods', () => {
    const between = (x: KubernetesReachability) =>
      x.namespaces
        .filter((n) => n.fromNamespace !== n.toNamespace && n.fromNamespace !== 'kube-system')
        .map((n) => `${n.fromNamespace} -> ${n.toNamespace} ${n.protocol} ${n.from}-${n.to} ${n.allowed}`)
        .filter((b) => !/ -> kube-system (UDP|TCP) 53-53 unknown$/.test(b));
    // DNS to kube-system is unknown (filtered out above): the input does not hold its pods, whose labels are unknown.
    // The forwarder's egress to the sink's block (10.20.0.0/24) reaches kube-system's pods if their
    // addresses are in it: unknown, since pod addresses are not in the objects (every other
    // namespace denies that ingress).
    expect(between(r)).toEqual([
      'records -> records-data TCP 5432-5432 true',
      'sovereign-lz-logs -> kube-system TCP 24224-24224 unknown',
      'web -> records TCP 8443-8443 true',
    ]);
    expect(between(landingZone(undefined, { podCidrs: ['100.64.0.0/16'] }))).toEqual([
      'records -> records-data TCP 5432-5432 true',
      'web -> records TCP 8443-8443 true',
    ]);
  });

  test('what leaves the cluster: the log sink, on its port, by its policy', () => {
    const out = r.egressToAddresses.filter((e) => e.namespace !== 'kube-system');
    expect(out).toEqual([
      expect.objectContaining({
        namespace: 'sovereign-lz-logs',
        allowed: true,
        to: [{ cidr: '10.20.0.0/24', except: [] }],
        by: 'sovereign-lz-logs/allow-log-sink',
      }),
    ]);
  });

  test('an allow-all ingress policy opens the data namespace, and the answer names it', () => {
    const opened = landingZone(({ data, cluster }) => {
      new NetworkPolicyV1(data, 'AllowAll', {
        provider: cluster.provider,
        metadata: { name: 'allow-all', namespace: data.namespaceName },
        spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] },
      });
    });
    expect(canReach(opened, { fromNamespace: 'kube-system', toNamespace: DATA, port: 5432 })).toEqual({
      allowed: true,
      by: ['records-data/allow-all'],
    });
    expect(into(opened, DATA)).toContain('kube-system TCP 1-65535 true records-data/allow-all');
    expect(canReach(opened, { fromNamespace: 'records', toNamespace: DATA, port: 5432 }).by).toEqual([
      'records-data/allow-all',
      'records-data/api-to-db-ingress',
      'records/api-to-db-egress',
    ]);
  });
});
