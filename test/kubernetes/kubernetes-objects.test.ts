import {
  apiFieldName,
  kubernetesObjectsOf,
  terraformToKubernetesObject,
  type KubernetesObject,
} from '../../constructs/compliance/normalize/kubernetes-objects';
import { schemaProblems } from './helpers';

function read(type: string, config: unknown): KubernetesObject {
  const { object, problems } = terraformToKubernetesObject(type, config);
  expect(problems).toEqual([]);
  return object!;
}

const meta = { name: 'x', namespace: 'n', labels: { 'app.kubernetes.io/name': 'x', my_label: 'keep_me' } };

const podSpec = {
  service_account_name: 'x',
  automount_service_account_token: false,
  host_pid: false,
  host_ipc: false,
  node_selector: { 'topology.kubernetes.io/region': 'ma-casablanca' },
  security_context: {
    run_as_non_root: true,
    run_as_user: '10001',
    fs_group: '10001',
    seccomp_profile: { type: 'RuntimeDefault' },
    sysctl: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }],
  },
  affinity: {
    node_affinity: {
      required_during_scheduling_ignored_during_execution: {
        node_selector_term: [
          { match_expressions: [{ key: 'topology.kubernetes.io/region', operator: 'In', values: ['ma-casablanca'] }] },
        ],
      },
    },
    pod_anti_affinity: {
      required_during_scheduling_ignored_during_execution: [
        { label_selector: { match_labels: { app: 'x' } }, topology_key: 'kubernetes.io/hostname' },
      ],
      preferred_during_scheduling_ignored_during_execution: [
        {
          weight: 10,
          pod_affinity_term: {
            label_selector: { match_labels: { app: 'x' } },
            topology_key: 'topology.kubernetes.io/zone',
          },
        },
      ],
    },
  },
  toleration: [
    { key: 'dedicated', operator: 'Equal', value: 'sensitive', effect: 'NoExecute', toleration_seconds: '300' },
  ],
  topology_spread_constraint: [
    {
      max_skew: 1,
      topology_key: 'topology.kubernetes.io/zone',
      when_unsatisfiable: 'DoNotSchedule',
      label_selector: { match_labels: { app: 'x' } },
    },
  ],
  dns_config: { nameservers: ['10.0.0.10'], option: [{ name: 'ndots', value: '2' }] },
  host_aliases: [{ ip: '10.0.0.1', hostnames: ['db.local'] }],
  image_pull_secrets: [{ name: 'regcred' }],
  init_container: [{ name: 'init', image: 'registry.gov.ma/init@sha256:' + 'a'.repeat(64), command: ['true'] }],
  container: [
    {
      name: 'app',
      image: 'registry.gov.ma/app@sha256:' + 'b'.repeat(64),
      image_pull_policy: 'IfNotPresent',
      port: [{ container_port: 8080, name: 'http', protocol: 'TCP' }],
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value_from: { secret_key_ref: { name: 's', key: 'k' } } },
        { name: 'C', value_from: { field_ref: { field_path: 'metadata.name' } } },
      ],
      env_from: [{ config_map_ref: { name: 'cm' } }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      security_context: {
        allow_privilege_escalation: false,
        privileged: false,
        read_only_root_filesystem: true,
        run_as_non_root: true,
        capabilities: { drop: ['ALL'] },
        seccomp_profile: { type: 'RuntimeDefault' },
      },
      liveness_probe: {
        http_get: { path: '/healthz', port: '8080', http_header: [{ name: 'X', value: 'y' }] },
        initial_delay_seconds: 5,
      },
      readiness_probe: { tcp_socket: { port: 'http' } },
      startup_probe: { exec: { command: ['true'] } },
      lifecycle: { pre_stop: { exec: { command: ['sleep', '5'] } } },
      volume_mount: [
        { name: 'tmp', mount_path: '/tmp' },
        { name: 'cfg', mount_path: '/etc/app', read_only: true },
      ],
    },
  ],
  volume: [
    { name: 'tmp', empty_dir: { medium: 'Memory', size_limit: '64Mi' } },
    {
      name: 'cfg',
      config_map: { name: 'cm', default_mode: '0440', items: [{ key: 'a', path: 'a.yaml', mode: '0400' }] },
    },
    { name: 'sec', secret: { secret_name: 's', optional: true } },
    { name: 'data', persistent_volume_claim: { claim_name: 'pvc', read_only: false } },
  ],
};

test('maps a Deployment: repeated blocks, maps, acronyms, string integers, octal modes, int-or-string', () => {
  const object = read('kubernetes_deployment_v1', {
    '//': { metadata: { path: 'K/x' } },
    provider: 'kubernetes',
    depends_on: ['kubernetes_namespace_v1.n'],
    wait_for_rollout: true,
    timeouts: { create: '5m' },
    metadata: meta,
    spec: {
      replicas: '3',
      revision_history_limit: 5,
      selector: { match_labels: { app: 'x' } },
      strategy: { type: 'RollingUpdate', rolling_update: { max_surge: '25%', max_unavailable: '1' } },
      template: { metadata: { labels: { app: 'x' } }, spec: podSpec },
    },
  });
  expect(schemaProblems(object)).toEqual([]);
  const spec = object.spec as Record<string, never>;
  expect(spec.replicas).toBe(3);
  expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } });
  const pod = (spec.template as { spec: Record<string, never> }).spec;
  expect(pod.hostPID).toBe(false);
  expect(pod.securityContext).toMatchObject({
    runAsUser: 10001,
    fsGroup: 10001,
    sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }],
  });
  expect((pod.volumes as { configMap?: object }[])[1].configMap).toEqual({
    name: 'cm',
    defaultMode: 0o440,
    items: [{ key: 'a', path: 'a.yaml', mode: 0o400 }],
  });
  const [app] = pod.containers as Record<string, never>[];
  expect(app.ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
  expect(app.livenessProbe).toEqual({
    httpGet: { path: '/healthz', port: 8080, httpHeaders: [{ name: 'X', value: 'y' }] },
    initialDelaySeconds: 5,
  });
  expect(app.readinessProbe).toEqual({ tcpSocket: { port: 'http' } });
  expect(object.metadata?.labels).toEqual(meta.labels);
  expect(Object.keys(object)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
});

test('maps a Service: map selector, ports, cluster IP, target port', () => {
  const object = read('kubernetes_service_v1', {
    wait_for_load_balancer: false,
    metadata: meta,
    spec: {
      type: 'ClusterIP',
      cluster_ip: 'None',
      selector: { app: 'x', my_label: 'keep' },
      session_affinity: 'ClientIP',
      session_affinity_config: { client_ip: { timeout_seconds: 60 } },
      port: [{ name: 'http', port: 80, target_port: '8080', protocol: 'TCP', app_protocol: 'http' }],
    },
  });
  expect(schemaProblems(object)).toEqual([]);
  expect(object.spec).toMatchObject({
    clusterIP: 'None',
    selector: { app: 'x', my_label: 'keep' },
    sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' }],
  });
});

test('maps RBAC, quota, limit range, storage class and service account shapes', () => {
  const cases: [string, unknown][] = [
    [
      'kubernetes_role_v1',
      { metadata: meta, rule: [{ api_groups: [''], resources: ['pods'], verbs: ['get'], resource_names: ['a'] }] },
    ],
    [
      'kubernetes_cluster_role_v1',
      {
        metadata: { name: 'x' },
        rule: [{ non_resource_urls: ['/healthz'], verbs: ['get'] }],
        aggregation_rule: { cluster_role_selectors: [{ match_labels: { a: 'b' } }] },
      },
    ],
    [
      'kubernetes_role_binding_v1',
      {
        metadata: meta,
        role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
        subject: [{ kind: 'Group', name: 'g', api_group: 'rbac.authorization.k8s.io' }],
      },
    ],
    [
      'kubernetes_resource_quota_v1',
      {
        metadata: meta,
        spec: {
          hard: { 'requests.cpu': '4', pods: '10' },
          scopes: ['NotTerminating'],
          scope_selector: { match_expression: [{ scope_name: 'PriorityClass', operator: 'In', values: ['high'] }] },
        },
      },
    ],
    [
      'kubernetes_limit_range_v1',
      {
        metadata: meta,
        spec: { limit: { type: 'Container', default: { cpu: '1' }, max_limit_request_ratio: { cpu: '4' } } },
      },
    ],
    [
      'kubernetes_storage_class_v1',
      {
        metadata: { name: 'x' },
        storage_provisioner: 'rbd.csi.ceph.com',
        reclaim_policy: 'Retain',
        volume_binding_mode: 'WaitForFirstConsumer',
        allow_volume_expansion: true,
        parameters: { encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' },
        mount_options: ['discard'],
        allowed_topologies: {
          match_label_expressions: { key: 'topology.kubernetes.io/region', values: ['ma-casablanca'] },
        },
      },
    ],
    [
      'kubernetes_service_account_v1',
      {
        metadata: meta,
        automount_service_account_token: false,
        secret: [{ name: 's' }],
        image_pull_secret: [{ name: 'r' }],
      },
    ],
    ['kubernetes_config_map_v1', { metadata: meta, data: { 'app.yaml': 'a: 1', some_key: 'v' }, immutable: true }],
    [
      'kubernetes_persistent_volume_claim_v1',
      {
        metadata: meta,
        wait_until_bound: false,
        spec: { access_modes: ['ReadWriteOnce'], storage_class_name: 's', resources: { requests: { storage: '1Gi' } } },
      },
    ],
    [
      'kubernetes_persistent_volume_v1',
      {
        metadata: { name: 'x' },
        spec: {
          capacity: { storage: '1Gi' },
          access_modes: ['ReadWriteOnce'],
          persistent_volume_reclaim_policy: 'Retain',
          persistent_volume_source: {
            csi: { driver: 'rbd.csi.ceph.com', volume_handle: 'v', volume_attributes: { a: 'b' } },
          },
        },
      },
    ],
    [
      'kubernetes_ingress_v1',
      {
        metadata: meta,
        spec: {
          ingress_class_name: 'nginx',
          tls: [{ hosts: ['a.gov.ma'], secret_name: 'tls' }],
          rule: [
            {
              host: 'a.gov.ma',
              http: {
                path: [{ path: '/', path_type: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }],
              },
            },
          ],
        },
      },
    ],
    [
      'kubernetes_cron_job_v1',
      {
        metadata: meta,
        spec: {
          schedule: '0 1 * * *',
          concurrency_policy: 'Forbid',
          timezone: 'Africa/Casablanca',
          job_template: {
            metadata: {},
            spec: {
              backoff_limit: 2,
              ttl_seconds_after_finished: '600',
              template: { metadata: {}, spec: { restart_policy: 'Never', container: { name: 'c', image: 'i' } } },
            },
          },
        },
      },
    ],
    [
      'kubernetes_daemon_set_v1',
      {
        metadata: meta,
        spec: {
          selector: { match_labels: { app: 'x' } },
          strategy: { type: 'RollingUpdate', rolling_update: { max_unavailable: '1' } },
          template: {
            metadata: { labels: { app: 'x' } },
            spec: {
              container: {
                name: 'c',
                image: 'i',
                volume_mount: { name: 'log', mount_path: '/var/log', read_only: true },
              },
              volume: { name: 'log', host_path: { path: '/var/log', type: 'Directory' } },
            },
          },
        },
      },
    ],
    [
      'kubernetes_network_policy_v1',
      {
        metadata: meta,
        spec: {
          pod_selector: { match_expressions: { key: 'app', operator: 'In', values: ['x'] } },
          policy_types: ['Ingress', 'Egress'],
          ingress: [
            { from: [{ ip_block: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 'http' }] },
          ],
          egress: [{ to: [{ namespace_selector: {} }], ports: [{ port: '5432', protocol: 'TCP', end_port: 5433 }] }],
        },
      },
    ],
    [
      'kubernetes_stateful_set_v1',
      {
        metadata: meta,
        spec: {
          replicas: '2',
          service_name: 'x',
          pod_management_policy: 'Parallel',
          selector: { match_labels: { app: 'x' } },
          update_strategy: [{ type: 'RollingUpdate', rolling_update: [{ partition: 0 }] }],
          persistent_volume_claim_retention_policy: { when_deleted: 'Retain', when_scaled: 'Retain' },
          volume_claim_template: [
            {
              metadata: { name: 'data' },
              spec: { access_modes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
          template: { metadata: { labels: { app: 'x' } }, spec: { container: [{ name: 'c', image: 'i' }] } },
        },
      },
    ],
    [
      'kubernetes_job_v1',
      {
        metadata: meta,
        wait_for_completion: false,
        spec: {
          backoff_limit: 1,
          completions: 1,
          pod_failure_policy: {
            rule: [
              { action: 'FailJob', on_exit_codes: { container_name: 'c', operator: 'In', values: [42] } },
              { action: 'Ignore', on_pod_condition: [{ type: 'DisruptionTarget', status: 'True' }] },
            ],
          },
          template: { metadata: {}, spec: { restart_policy: 'Never', container: [{ name: 'c', image: 'i' }] } },
        },
      },
    ],
    [
      'kubernetes_pod_disruption_budget_v1',
      { metadata: meta, spec: { min_available: '50%', selector: { match_labels: { app: 'x' } } } },
    ],
    [
      'kubernetes_horizontal_pod_autoscaler_v2',
      {
        metadata: meta,
        spec: {
          min_replicas: 2,
          max_replicas: 5,
          scale_target_ref: { api_version: 'apps/v1', kind: 'Deployment', name: 'x' },
          metric: [
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 70 } } },
          ],
          behavior: { scale_down: { select_policy: 'Max', policy: [{ type: 'Pods', value: 1, period_seconds: 60 }] } },
        },
      },
    ],
    [
      'kubernetes_priority_class_v1',
      { metadata: { name: 'x' }, value: 1000, global_default: false, preemption_policy: 'Never', description: 'd' },
    ],
    [
      'kubernetes_validating_webhook_configuration_v1',
      {
        metadata: { name: 'x' },
        webhook: [
          {
            name: 'x.gov.ma',
            admission_review_versions: ['v1'],
            side_effects: 'None',
            failure_policy: 'Fail',
            client_config: { service: { namespace: 'n', name: 's', path: '/v', port: 8443 } },
            rule: [{ api_groups: [''], api_versions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: '*' }],
            namespace_selector: { match_labels: { a: 'b' } },
          },
        ],
      },
    ],
    [
      'kubernetes_ingress_class_v1',
      {
        metadata: { name: 'x' },
        spec: {
          controller: 'k8s.io/ingress-nginx',
          parameters: { api_group: 'k8s.example.com', kind: 'P', name: 'p' },
        },
      },
    ],
    [
      'kubernetes_csi_driver_v1',
      { metadata: { name: 'x' }, spec: { attach_required: true, volume_lifecycle_modes: ['Persistent'] } },
    ],
    ['kubernetes_runtime_class_v1', { metadata: { name: 'x' }, handler: 'runsc' }],
    ['kubernetes_secret_v1', { metadata: meta, type: 'Opaque', data: { a: 'b' }, data_wo_revision: 1 }],
    ['kubernetes_pod_v1', { metadata: meta, target_state: ['Running'], spec: podSpec }],
    [
      'kubernetes_cluster_role_binding_v1',
      {
        metadata: { name: 'x' },
        role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subject: { kind: 'ServiceAccount', name: 's', namespace: 'n' },
      },
    ],
  ];
  for (const [type, config] of cases) {
    const object = read(type, config);
    expect([type, schemaProblems(object)]).toEqual([type, []]);
  }
  expect(read('kubernetes_storage_class_v1', cases[5][1])).toMatchObject({
    provisioner: 'rbd.csi.ceph.com',
    allowedTopologies: [
      { matchLabelExpressions: [{ key: 'topology.kubernetes.io/region', values: ['ma-casablanca'] }] },
    ],
  });
  expect(read('kubernetes_persistent_volume_v1', cases[9][1]).spec).toMatchObject({ csi: { volumeHandle: 'v' } });
  expect(read('kubernetes_cluster_role_v1', cases[1][1]).rules).toEqual([
    { nonResourceURLs: ['/healthz'], verbs: ['get'] },
  ]);
  expect(read('kubernetes_daemon_set_v1', cases[12][1]).spec).toMatchObject({
    updateStrategy: { type: 'RollingUpdate' },
  });
  expect(read('kubernetes_cron_job_v1', cases[11][1]).spec).toMatchObject({ timeZone: 'Africa/Casablanca' });
  expect(read('kubernetes_secret_v1', { metadata: meta, data: { a: 'b' }, binary_data: { c: 'ZA==' } }).data).toEqual({
    a: 'Yg==',
    c: 'ZA==',
  });
});

test('kubernetes_manifest is read from its manifest', () => {
  const manifest = {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name: 's' },
    spec: { schedule: '@daily' },
  };
  expect(read('kubernetes_manifest', { manifest, field_manager: { name: 'tf' } })).toEqual(manifest);
  expect(terraformToKubernetesObject('kubernetes_manifest', { manifest: { kind: 'X' } }).problems).toEqual([
    'kubernetes_manifest: manifest must be an object with apiVersion and kind',
  ]);
});

test('patch-only types create no object', () => {
  expect(terraformToKubernetesObject('kubernetes_labels', { metadata: { name: 'x' } })).toEqual({ problems: [] });
});

test('a block given twice where the API takes one is a problem', () => {
  const { problems } = terraformToKubernetesObject('kubernetes_network_policy_v1', {
    metadata: [{ name: 'a' }, { name: 'b' }],
    spec: { pod_selector: {} },
  });
  expect(problems).toEqual(['metadata: the API takes one block, got 2']);
});

test('reads every kubernetes_* resource of a Terraform document, with its construct path and suppressions', () => {
  const doc = {
    resource: {
      kubernetes_namespace_v1: {
        records: {
          metadata: { name: 'records' },
          '//': {
            metadata: { path: 'K/Casablanca/Records/Resource' },
            'sovereign-lz': { suppressions: [{ id: 'K8S-3', reason: 'bounded by the cluster quota' }] },
          },
        },
      },
      null_resource: { x: {} },
    },
  };
  expect(kubernetesObjectsOf(doc)).toEqual([
    {
      address: 'kubernetes_namespace_v1.records',
      type: 'kubernetes_namespace_v1',
      name: 'records',
      constructPath: 'K/Casablanca/Records/Resource',
      suppressions: [{ id: 'K8S-3', reason: 'bounded by the cluster quota' }],
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'records' } },
      problems: [],
    },
  ]);
  expect(kubernetesObjectsOf('nonsense')).toEqual([]);
});

test('field names follow the API spelling of acronyms', () => {
  expect(apiFieldName('load_balancer_ip')).toBe('loadBalancerIP');
  expect(apiFieldName('external_ips')).toBe('externalIPs');
  expect(apiFieldName('insecure_skip_tls_verify')).toBe('insecureSkipTLSVerify');
  expect(apiFieldName('ip_families')).toBe('ipFamilies');
});

describe('the schema check', () => {
  test('fails on a misspelled field, which kubernetes-models alone accepts', () => {
    const object = read('kubernetes_network_policy_v1', {
      metadata: { name: 'x', lables: { a: 'b' } },
      spec: { pod_selector: {}, policy_type: ['Ingress'], egress: [{ ports: [{ port: '53', protocl: 'UDP' }] }] },
    });
    expect(schemaProblems(object)).toEqual([
      '/metadata/lables: unknown field',
      '/spec/policyType: unknown field',
      '/spec/egress/0/ports/0/protocl: unknown field',
    ]);
  });

  test('fails on a wrong type and a missing required field', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'x' },
      spec: { limits: [{ max: { cpu: '1' } }] },
    };
    expect(schemaProblems(object)).toEqual(['/spec/limits/0: required {"missingProperty":"type"}']);
    const string = read('kubernetes_deployment_v1', {
      metadata: { name: 'x' },
      spec: { replicas: 'many', selector: {}, template: { spec: { container: { name: 'c' } } } },
    });
    expect(schemaProblems(string)).toContainEqual('/spec/replicas: type {"type":"integer"}');
  });

  test('names an object of a kind it has no schema for', () => {
    expect(schemaProblems({ apiVersion: 'velero.io/v1', kind: 'Schedule' })).toEqual([
      'no schema for velero.io/v1 Schedule',
    ]);
  });
});
