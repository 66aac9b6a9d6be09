import { KUBERNETES_RULES, RULES } from '../../../constructs/compliance/rules';
import { CONTROLS, morocco } from '../../../constructs/core';
import { cluster, find, judgeObjects, on, open, passed, PROFILE } from '../helpers/kubernetes';

const API = 'Deployment/records/api';

/** The cluster with `change` applied to its objects, judged. */
function judgeWith(change: (objects: any[]) => void, options: Parameters<typeof judgeObjects>[1] = {}) {
  const objects = cluster();
  change(objects);
  return judgeObjects(objects, options);
}

test('every control with Kubernetes evidence in the catalog has a Kubernetes rule; rule ids are unique', () => {
  const covered = new Set(KUBERNETES_RULES.map((r) => r.control));
  const expected = CONTROLS.filter((c) => c.kubernetes && c.id !== 'JUR-1').map((c) => c.id);
  expect(expected.filter((id) => !covered.has(id))).toEqual([]);
  const ids = RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of KUBERNETES_RULES) {
    expect(rule.id).toMatch(new RegExp(`^${rule.control}/[a-z0-9-]+$`));
    expect(rule.title && rule.description && rule.remediation).toBeTruthy();
  }
});

test('the hand-written cluster has no open finding, and its node-log forwarder is reported as an exception', () => {
  const r = judgeObjects(cluster());
  // Its Velero Schedule relies on a cluster that already has Velero: without a landing-zone
  // summary listing it as a prerequisite, that cannot be proven (DEP-7, a warning).
  expect(open(r).map((f) => [f.rule, f.status, f.severity, f.resource])).toEqual([
    ['DEP-7/cluster-prerequisites', 'cannot-prove', 'warning', 'Schedule/velero/records-daily'],
    ['DEP-7/cluster-prerequisites', 'cannot-prove', 'warning', 'Schedule/velero/records-daily'],
  ]);
  expect(r.summary).toEqual(expect.objectContaining({ errors: 0, warnings: 2, suppressed: 3, notAssessed: 0 }));
  expect(r.findings.filter((f) => f.suppressed).map((f) => f.rule)).toEqual([
    'K8S-2/container-hardening',
    'K8S-2/container-hardening',
    'K8S-1/pod-security-labels',
  ]);
});

describe('CLS-1', () => {
  test('a labelled namespace passes, and its workloads inherit the label', () => {
    const r = judgeObjects(cluster());
    expect(passed(r, 'CLS-1/namespace-label', 'Namespace/records')).toBe(true);
    expect(r.findings.find((f) => f.resource === API && f.control === 'CLS-1')).toBeUndefined();
  });
  test('fails if a namespace has no classification label', () => {
    const r = judgeWith(
      (o) => delete find(o, 'Namespace', 'records').metadata.labels['sovereign-lz.io/classification'],
    );
    expect(on(r, 'CLS-1/namespace-label', 'Namespace/records')).toEqual([
      expect.objectContaining({ control: 'CLS-1', status: 'fail', severity: 'error' }),
    ]);
    // Its workloads' level is unknown: level-dependent rules cannot prove anything.
    expect(on(r, 'RES-1/node-affinity', API)[0]).toEqual(
      expect.objectContaining({
        status: 'cannot-prove',
        message: expect.stringContaining('classification is unknown'),
      }),
    );
  });
  test('with --classification the missing label is a warning: "assumed LEVEL"', () => {
    const r = judgeWith(
      (o) => delete find(o, 'Namespace', 'records').metadata.labels['sovereign-lz.io/classification'],
      {
        assumed: 'internal',
      },
    );
    expect(on(r, 'CLS-1/namespace-label', 'Namespace/records')[0]).toEqual(
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining("level 'internal' assumed") }),
    );
  });
  test("fails if a label is not one of the profile's levels", () => {
    const r = judgeWith((o) => (find(o, 'Namespace', 'web').metadata.labels['sovereign-lz.io/classification'] = 'top'));
    expect(on(r, 'CLS-1/namespace-label', 'Namespace/web')[0].message).toContain("'top', which is not a level");
  });
  test("a workload's own label wins over its namespace's", () => {
    const r = judgeWith((o) => {
      find(o, 'Deployment', 'api').metadata.labels = { 'sovereign-lz.io/classification': 'public' };
      delete find(o, 'Deployment', 'api').spec.template.spec.affinity;
    });
    // Public data may run anywhere: no affinity needed.
    expect(passed(r, 'RES-1/node-affinity', API)).toBe(true);
  });
  test('fails if a workload outside any declared namespace carries no label (e.g. helm template output)', () => {
    const objects = cluster().filter((o) => o.kind === 'Deployment');
    const r = judgeObjects(objects);
    expect(on(r, 'CLS-1/workload-label', API)).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: expect.stringContaining("namespace 'records' is not declared"),
      }),
    ]);
  });
});

describe('RES-1', () => {
  const RULE = 'RES-1/node-affinity';
  test('sensitive pods that require the region of the in-country site pass', () => {
    expect(passed(judgeObjects(cluster()), RULE, API)).toBe(true);
  });
  test('fails if sensitive pods have no required node affinity', () => {
    const r = judgeWith((o) => delete find(o, 'Deployment', 'api').spec.template.spec.affinity);
    expect(on(r, RULE, API)).toEqual([
      expect.objectContaining({
        control: 'RES-1',
        status: 'fail',
        severity: 'error',
        message: expect.stringContaining('may run on any node'),
        source: 'L05-20 Art. 11; RQC 3.15.2',
      }),
    ]);
  });
  test('fails if the affinity names the region of a site abroad', () => {
    const r = judgeWith((o) => {
      find(
        o,
        'Deployment',
        'api',
      ).spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values =
        ['ma-casablanca', 'fr-paris'];
    });
    expect(on(r, RULE, API)[0].message).toContain("site 'fr-paris-1' (FR)");
  });
  test('fails if one alternative of the affinity is not confined', () => {
    const r = judgeWith((o) => {
      find(
        o,
        'Deployment',
        'api',
      ).spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.push({
        matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }],
      });
    });
    expect(on(r, RULE, API)[0].message).toContain('(alternative 2) may run on any node');
  });
  test('a zone of the site, or a nodeSelector, confines the pods too', () => {
    const r = judgeWith((o) => {
      const spec = find(o, 'Deployment', 'api').spec.template.spec;
      spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions =
        [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['ma-casablanca-a'] }];
      const forwarder = find(o, 'DaemonSet', 'log-forwarder').spec.template.spec;
      delete forwarder.affinity;
      forwarder.nodeSelector = { 'topology.kubernetes.io/region': 'ma-casablanca' };
    });
    expect(passed(r, RULE, API)).toBe(true);
    expect(passed(r, RULE, 'DaemonSet/logging/log-forwarder')).toBe(true);
  });
  test('a value of no declared site cannot be proven', () => {
    const r = judgeWith((o) => {
      find(
        o,
        'Deployment',
        'api',
      ).spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values =
        ['somewhere'];
    });
    expect(on(r, RULE, API)[0]).toEqual(
      expect.objectContaining({
        status: 'cannot-prove',
        severity: 'error',
        message: expect.stringContaining("'somewhere'"),
      }),
    );
  });
  test('the built-in morocco profile declares no site: sensitive placement cannot be proven (an error)', () => {
    const r = judgeObjects(cluster(), { profile: morocco });
    expect(on(r, RULE, API)[0]).toEqual(
      expect.objectContaining({
        status: 'cannot-prove',
        severity: 'error',
        message: expect.stringContaining("declares no site where level 'sensitive' may be hosted"),
      }),
    );
  });
  test('secret data may be placed nowhere', () => {
    const r = judgeWith(
      (o) => (find(o, 'Namespace', 'records').metadata.labels['sovereign-lz.io/classification'] = 'secret'),
    );
    expect(on(r, RULE, API)[0].message).toContain("level 'secret' may not be hosted anywhere");
  });
  test('a suppression does not lift the absolute rule for sensitive data', () => {
    const r = judgeWith((o) => {
      const api = find(o, 'Deployment', 'api');
      delete api.spec.template.spec.affinity;
      api.metadata.annotations = {
        'sovereign-lz.io/suppressions': JSON.stringify([
          { id: 'RES-1', reason: 'the nodes are all in Casablanca anyway' },
        ]),
      };
    });
    expect(on(r, RULE, API)[0]).toEqual(
      expect.objectContaining({ suppressed: false, message: expect.stringContaining('absolute rule') }),
    );
  });
});

describe('RES-2', () => {
  const RULE = 'RES-2/storage-class-topology';
  const SC = 'StorageClass/encrypted';
  test('a storage class confined to the in-country site passes', () => {
    expect(passed(judgeObjects(cluster()), RULE, SC)).toBe(true);
  });
  test('fails if a storage class of sensitive data has no allowed topologies', () => {
    const r = judgeWith((o) => delete find(o, 'StorageClass', 'encrypted').allowedTopologies);
    expect(on(r, RULE, SC)).toEqual([
      expect.objectContaining({
        control: 'RES-2',
        status: 'fail',
        message: expect.stringContaining('its volumes may be provisioned on any node'),
      }),
    ]);
  });
  test('fails if its topology reaches a site abroad', () => {
    const r = judgeWith(
      (o) => (find(o, 'StorageClass', 'encrypted').allowedTopologies[0].matchLabelExpressions[0].values = ['fr-paris']),
    );
    expect(on(r, RULE, SC)[0].message).toContain("site 'fr-paris-1' (FR)");
  });
  test('an unlabelled class takes the level of the claims that use it', () => {
    const r = judgeWith((o) => {
      const sc = find(o, 'StorageClass', 'encrypted');
      delete sc.metadata.labels;
      delete sc.allowedTopologies;
    });
    expect(on(r, RULE, SC)[0]).toEqual(expect.objectContaining({ status: 'fail', severity: 'error' }));
  });
});

describe('RES-3 (Kubernetes)', () => {
  const RULE = 'RES-3/log-sink-allowlisted';
  const DS = 'DaemonSet/logging/log-forwarder';
  test('a forwarder whose recorded sink is allowlisted passes', () => {
    expect(passed(judgeObjects(cluster()), RULE, DS)).toBe(true);
  });
  test('fails if the sink is not on the allowlist', () => {
    const r = judgeWith(
      (o) =>
        (find(o, 'DaemonSet', 'log-forwarder').metadata.annotations['sovereign-lz.io/log-sink'] =
          'https://logs.example.com'),
    );
    expect(on(r, RULE, DS)).toEqual([
      expect.objectContaining({
        control: 'RES-3',
        status: 'fail',
        message: expect.stringContaining("'https://logs.example.com'"),
      }),
    ]);
  });
  test('an allowlist entry with a port admits that port only', () => {
    const profile = { ...PROFILE, allowlists: { ...PROFILE.allowlists, logSinks: ['logs.gov.ma:443'] } };
    expect(on(judgeObjects(cluster(), { profile }), RULE, DS)[0].status).toBe('fail');
  });
  test('without an allowlist, where logs go cannot be proven', () => {
    const profile = { ...PROFILE, allowlists: { ...PROFILE.allowlists, logSinks: [] } };
    expect(on(judgeObjects(cluster(), { profile }), RULE, DS)[0].status).toBe('cannot-prove');
  });
  test("another tool's Fluent Bit is judged from the outputs of its configuration", () => {
    const r = judgeWith((o) => {
      const ds = find(o, 'DaemonSet', 'log-forwarder');
      delete ds.metadata.annotations;
      ds.spec.template.spec.volumes.push({ name: 'config', configMap: { name: 'fluent-bit' } });
      o.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'fluent-bit', namespace: 'logging' },
        data: {
          'fluent-bit.conf':
            '[INPUT]\n    Name tail\n[OUTPUT]\n    Name  stdout\n[OUTPUT]\n    Name  es\n    Host  es.example.com\n    Port  9200\n',
        },
      });
    });
    expect(on(r, RULE, DS)).toEqual([
      expect.objectContaining({ status: 'fail', message: expect.stringContaining("'es://es.example.com:9200'") }),
    ]);
  });
  test('a forwarder whose sink cannot be read cannot be proven', () => {
    const r = judgeWith((o) => delete find(o, 'DaemonSet', 'log-forwarder').metadata.annotations);
    expect(on(r, RULE, DS)[0]).toEqual(
      expect.objectContaining({ status: 'cannot-prove', message: expect.stringContaining('its sink is not recorded') }),
    );
  });
});
