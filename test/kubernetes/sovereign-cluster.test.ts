import 'cdktf/lib/testing/adapters/jest';
import { DataKubernetesServerVersion } from '@cdktf/provider-kubernetes/lib/data-kubernetes-server-version';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Testing, type TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { SovereignCluster } from '../../constructs/kubernetes/sovereign-cluster';
import { SovereignNamespace } from '../../constructs/kubernetes/sovereign-namespace';
import { CASABLANCA, MOROCCO, PARIS, smallLandingZone, synthJson, testCluster, testStack } from './helpers';

Testing.setupJest();

test('configures the provider with the kubeconfig path and context only', () => {
  const cluster = testCluster({ kubeconfigPath: '/etc/sovereign/kubeconfig' });
  const synth = Testing.synth(cluster.node.scope as TerraformStack);
  expect(synth).toHaveProviderWithProperties(KubernetesProvider, {
    config_path: '/etc/sovereign/kubeconfig',
    config_context: 'casablanca',
  });
  const provider = (synthJson(cluster.node.scope as TerraformStack).provider as Record<string, object[]>).kubernetes[0];
  expect(Object.keys(provider).sort()).toEqual(['config_context', 'config_path']);
});

test('resolves a site declared in the profile, by name', () => {
  const cluster = testCluster();
  expect(cluster.site).toEqual(CASABLANCA);
  expect(cluster.classificationCeiling).toBe('sensitive');
  expect(cluster.profile.id).toBe('morocco');
});

test('accepts a Site object and adds it to its effective profile', () => {
  const site = { name: 'ma-rabat-1', country: 'MA', regionValues: ['ma-rabat'], zoneValues: [] };
  const cluster = new SovereignCluster(testStack(), 'Rabat', {
    profile: 'morocco',
    site,
    kubeconfigContext: 'rabat',
  });
  expect(cluster.profile.sites).toEqual([site]);
});

test('checks at plan time that the server runs Kubernetes >= 1.30', () => {
  const cluster = testCluster();
  expect(Testing.synth(cluster.node.scope as TerraformStack)).toHaveDataSourceWithProperties(
    DataKubernetesServerVersion,
    {
      lifecycle: {
        postcondition: [
          {
            condition:
              '${tonumber(self.major) > 1 || (tonumber(self.major) == 1 && tonumber(regex("^[0-9]+", self.minor)) >= 30)}',
            error_message: expect.stringContaining('Kubernetes >= 1.30'),
          },
        ],
      },
    },
  );
});

test('two clusters in one stack each get their provider alias', () => {
  const stack = testStack();
  const common = { profile: MOROCCO, site: CASABLANCA.name, checkServerVersion: false };
  new SovereignCluster(stack, 'A', { ...common, kubeconfigContext: 'a', providerAlias: 'a' });
  const b = new SovereignCluster(stack, 'B', { ...common, kubeconfigContext: 'b', providerAlias: 'b' });
  new SovereignNamespace(b, 'Records');
  const ns = (synthJson(stack).resource as Record<string, Record<string, { provider: string }>>)
    .kubernetes_namespace_v1;
  expect(Object.values(ns)[0].provider).toBe('kubernetes.b');
});

test('fails if the site is abroad for a sensitive ceiling (RES-1, L05-20 Art. 11)', () => {
  expect(() => testCluster({ site: PARIS.name })).toThrow(
    "[K/Casablanca] RES-1: level 'sensitive' may not be hosted in site 'fr-paris-1' (FR) under profile 'morocco' (Moroccan territory only (in-country sites); keys known only to the customer) (L05-20 Art. 11; RQC 3.15.2). Host it in MA; or lower classificationCeiling to a level the site may host",
  );
});

test('a foreign site may host a ceiling its country is allowed for', () => {
  expect(testCluster({ site: PARIS.name, classificationCeiling: 'internal' }).site.country).toBe('FR');
});

test('fails if the ceiling is secret, which no site may host (RES-1)', () => {
  expect(() => testCluster({ classificationCeiling: 'secret' })).toThrow(
    /^\[K\/Casablanca\] RES-1: level 'secret' may not be hosted anywhere under profile 'morocco'/,
  );
});

test('fails if the site is not declared in the profile', () => {
  expect(() => testCluster({ site: 'ma-tanger-1' })).toThrow(
    "[K/Casablanca] PROPS: site 'ma-tanger-1' is not declared in profile 'morocco' (declared: ma-casablanca-1, fr-paris-1)",
  );
});

test('fails if a Site object is malformed, listing every problem', () => {
  expect(() =>
    testCluster({ site: { name: 'Bad Site', country: 'Morocco', regionValues: [], zoneValues: [] } }),
  ).toThrow(
    /\[K\/Casablanca\] 3 problems:\n {2}- PROPS: site name 'Bad Site'.*\n {2}- PROPS: site country 'Morocco'.*\n {2}- PROPS: site regionValues/,
  );
});

test('fails if a Site object contradicts the declared site of that name', () => {
  expect(() => testCluster({ site: { ...CASABLANCA, country: 'FR' } })).toThrow(
    /\[K\/Casablanca\] PROPS: site 'ma-casablanca-1' differs from the site of that name declared in profile 'morocco'/,
  );
});

test('fails if the kubeconfig path carries a credential instead of a path', () => {
  expect(() => testCluster({ kubeconfigPath: 'apiVersion: v1\nclusters: []' })).toThrow(
    /\[K\/Casablanca\] PROPS: kubeconfigPath must be the path of a kubeconfig file, never its content or a credential/,
  );
});

test('fails if the kubeconfig path is a token', () => {
  expect(() => testCluster({ kubeconfigPath: 'eyJhbGciOiJSUzI1NiIs.eyJpc3MiOiJrdWJlcm5ldGVz.sig' })).toThrow(
    /\[K\/Casablanca\] PROPS: kubeconfigPath must be the path of a kubeconfig file/,
  );
  expect(testCluster({ kubeconfigPath: '/etc/tokens/kubeconfig' }).site.name).toBe('ma-casablanca-1');
});

test('fails if the kubeconfig context is empty', () => {
  expect(() => testCluster({ kubeconfigContext: '' })).toThrow(/\[K\/Casablanca\] PROPS: kubeconfigContext must name/);
});

test('fails if the kubeconfig context holds a control character (it is written into shell commands)', () => {
  expect(() => testCluster({ kubeconfigContext: 'casablanca\u001b[2J' })).toThrow(
    /\[K\/Casablanca\] PROPS: kubeconfigContext must name/,
  );
});

test('is sized for 100 nodes by default, at most 5,000', () => {
  expect(testCluster().maxNodes).toBe(100);
  expect(testCluster({ maxNodes: 5000 }).maxNodes).toBe(5000);
  expect(() => testCluster({ maxNodes: 5001 })).toThrow(
    "[K/Casablanca] PROPS: maxNodes must be a whole number from 1 to 5000 (Kubernetes' largest cluster), got 5001",
  );
});

describe('lists what its site needs before the first terraform apply', () => {
  const cluster = testCluster({ kubeconfigContext: 'casablanca-prod', kubeconfigPath: '/etc/sovereign/kubeconfig' });
  smallLandingZone(cluster);
  const prerequisites = cluster.prerequisites;

  test('as registered by the constructs, placeholders first, then the cluster, its CRDs, its namespaces', () => {
    expect(prerequisites.map((p) => [p.kind, p.id])).toEqual([
      ['placeholder', `placeholder-image:ma-casablanca-1:registry.gov.ma/mirror/fluent-bit@sha256:${'f'.repeat(64)}`],
      ['placeholder', `placeholder-image:ma-casablanca-1:registry.gov.ma/portal/web@sha256:${'a'.repeat(64)}`],
      ['placeholder', `placeholder-image:ma-casablanca-1:registry.gov.ma/records/api@sha256:${'b'.repeat(64)}`],
      ['placeholder', `placeholder-image:ma-casablanca-1:registry.gov.ma/records/postgres@sha256:${'c'.repeat(64)}`],
      ['kubernetes', 'kubernetes-version:ma-casablanca-1'],
      ['kubernetes', 'csi-driver:ma-casablanca-1:rbd.csi.ceph.com'],
      ['kubernetes', 'network-policy:ma-casablanca-1'],
      ['kubernetes', 'velero:ma-casablanca-1'],
      ['kubernetes', 'backup-location:ma-casablanca-1:minio-casablanca'],
      ['kubernetes-crd', 'crd:ma-casablanca-1:schedules.velero.io'],
      ['kubernetes-namespace', 'namespace:ma-casablanca-1:velero'],
    ]);
    for (const p of prerequisites) expect(p.target).toBe('site:ma-casablanca-1');
  });

  test('each described in English and French', () => {
    for (const p of prerequisites) {
      expect(p.description.en).not.toBe('');
      expect(p.description.fr).not.toBe(p.description.en);
    }
    const version = prerequisites.find((p) => p.id === 'kubernetes-version:ma-casablanca-1')!;
    expect(version.description.en).toMatch(/^Kubernetes ≥ 1\.30 .*ValidatingAdmissionPolicy/);
    const csi = prerequisites.find((p) => p.id === 'csi-driver:ma-casablanca-1:rbd.csi.ceph.com')!;
    expect(csi.description.en).toContain("key manager 'vault-casablanca'");
    expect(csi.description.en).toContain('topology.kubernetes.io/region');
  });

  test('commands reach the cluster through its context and kubeconfig file', () => {
    expect(prerequisites.find((p) => p.kind === 'kubernetes-namespace')!.commands).toEqual([
      [
        'kubectl',
        '--context',
        'casablanca-prod',
        '--kubeconfig',
        '/etc/sovereign/kubeconfig',
        'create',
        'namespace',
        'velero',
      ],
    ]);
  });
});

test('fails if two clusters of a stack share the default provider', () => {
  const stack = testStack();
  new SovereignCluster(stack, 'A', { profile: MOROCCO, site: CASABLANCA.name, kubeconfigContext: 'a' });
  expect(
    () => new SovereignCluster(stack, 'B', { profile: MOROCCO, site: CASABLANCA.name, kubeconfigContext: 'b' }),
  ).toThrow(
    "[K/B] PROPS: cluster 'K/A' in the same stack already uses the default provider. Give each cluster of a stack its own providerAlias",
  );
});

test('fails if the profile is unknown', () => {
  expect(() => testCluster({ profile: 'atlantis' })).toThrow(/\[K\/Casablanca\] PROPS: unknown profile 'atlantis'/);
});

test('fails outside a TerraformStack', () => {
  expect(
    () =>
      new SovereignCluster(new Construct(undefined as never, 'Root'), 'C', {
        profile: MOROCCO,
        site: CASABLANCA.name,
        kubeconfigContext: 'c',
      }),
  ).toThrow(/PROPS: a SovereignCluster must be created inside a cdktf TerraformStack/);
});
