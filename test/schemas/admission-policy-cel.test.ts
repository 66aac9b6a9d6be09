// The admission policies the examples create (InCountryAdmissionPolicy: a ValidatingAdmissionPolicy
// whose rules are CEL) compile against the Kubernetes 1.30 types and decide right on the pods our
// workloads create, and on hostile ones.
//
// The CEL library: @marcbachmann/cel-js 8.0.0, not @bufbuild/cel 0.6.1. Both evaluate what the
// policy uses today (has(), all/exists on lists, `in`, ternaries, size(), string functions),
// with the same error on reading an absent field. cel-js also has what Kubernetes CEL has and
// @bufbuild/cel lacks: optional fields (`object.spec.?affinity.orValue(…)`), cel.bind, and a type
// checker with declared object types, so the expressions are compiled as the API server compiles
// them when the policy is created, against the Pod of the 1.30 OpenAPI: a misspelled field or a
// comparison of a bool with a string is an error there, not a silent `false` (@bufbuild/cel types
// objects only through protobuf descriptors, which Kubernetes' JSON objects have none of).
// cel-js is an ES module only, which jest cannot load under Node 20: it runs in a child Node
// process (admission-cel.mjs), once per test file, with everything to compile and evaluate.
//
// The pods are built as the API server sees them on CREATE: the workload's pod template as its
// controller stamps it (the DaemonSet controller replaces the required node affinity by the
// node's name and adds its tolerations; the StatefulSet controller adds the claims' volumes),
// in the workload's namespace, with the defaults the API server sets before admission.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { celTypes, loadKubernetesOpenApi, type CelObjectType } from './kubernetes-openapi';
import {
  kubernetesObjects,
  synthesizeExamples,
  temporaryDirectory,
  type SynthesizedExample,
  type SynthesizedObject,
  timed as timedInto,
} from './synthesized-examples';

type Json = Record<string, any>;

const RUNNER = join(__dirname, 'admission-cel.mjs');
const POD = 'io.k8s.api.core.v1.Pod';
const NAMESPACE = 'io.k8s.api.core.v1.Namespace';
const REGION = 'topology.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';

/** The request's types, as Kubernetes declares them to CEL (kubernetes.AdmissionRequest). */
const REQUEST_TYPES: CelObjectType[] = [
  { name: 'kubernetes.GroupVersionKind', fields: { group: 'string', version: 'string', kind: 'string' } },
  { name: 'kubernetes.GroupVersionResource', fields: { group: 'string', version: 'string', resource: 'string' } },
  {
    name: 'kubernetes.UserInfo',
    fields: { username: 'string', uid: 'string', groups: 'list<string>', extra: 'map<string, list<string>>' },
  },
  {
    name: 'kubernetes.AdmissionRequest',
    fields: {
      kind: 'kubernetes.GroupVersionKind',
      resource: 'kubernetes.GroupVersionResource',
      subResource: 'string',
      requestKind: 'kubernetes.GroupVersionKind',
      requestResource: 'kubernetes.GroupVersionResource',
      requestSubResource: 'string',
      name: 'string',
      namespace: 'string',
      operation: 'string',
      userInfo: 'kubernetes.UserInfo',
      dryRun: 'bool',
      options: 'dyn',
    },
  },
];

/** The reasons the policy gives, by the words of its messages. */
const REASONS = {
  placement: /node affinity/,
  privileged: /privileged containers/,
  host: /host namespaces/,
};
type Reason = keyof typeof REASONS;

interface Policy {
  readonly id: string;
  readonly example: string;
  readonly name: string;
  readonly spec: Json;
  readonly bindings: Json[];
}

interface Admission {
  readonly id: string;
  readonly policy: string;
  readonly bindings: { object: Json; oldObject: Json | null; request: Json; namespaceObject: Json; params: null };
}

interface Decision {
  readonly id: string;
  readonly matched: boolean;
  readonly allowed: boolean;
  readonly denials: { validation: number; message: string; reason?: string; error?: string }[];
}

interface Answer {
  compiled: { policy: string; what: string; expression: string; type?: string; error?: string }[];
  checks: { id: string; type?: string; error?: string }[];
  decisions: Decision[];
}

// ---------------------------------------------------------------------------------------------
// Selection: which pods a policy guards (its matchConstraints and its bindings' matchResources).

interface Attributes {
  readonly resource: string;
  readonly subresource: string;
  readonly operation: string;
  readonly namespaceLabels: Record<string, string>;
  readonly labels: Record<string, string>;
}

function selects(selector: Json | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  const exprs = (selector.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[];
  return (
    Object.entries((selector.matchLabels ?? {}) as Record<string, string>).every(([k, v]) => labels[k] === v) &&
    exprs.every(({ key, operator, values = [] }) => {
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      if (operator === 'In') return has && values.includes(labels[key]);
      if (operator === 'NotIn') return !has || !values.includes(labels[key]);
      if (operator === 'Exists') return has;
      if (operator === 'DoesNotExist') return !has;
      throw new Error(`unknown selector operator ${operator}`);
    })
  );
}

/** A NamedRuleWithOperations matches a core/v1 request ('*' is every resource, not subresources). */
function ruleMatches(rule: Json, a: Attributes): boolean {
  const any = (list: string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));
  const resource = ((rule.resources ?? []) as string[]).some((r) => {
    const [res, sub] = r.split('/');
    if (sub === undefined) return a.subresource === '' && (res === '*' || res === a.resource);
    return (res === '*' || res === a.resource) && (sub === '*' || sub === a.subresource);
  });
  return any(rule.apiGroups, '') && any(rule.apiVersions, 'v1') && any(rule.operations, a.operation) && resource;
}

function matchesResources(match: Json | undefined, a: Attributes, requireRules: boolean): boolean {
  if (!match) return !requireRules;
  const rules = (match.resourceRules ?? []) as Json[];
  if (requireRules || rules.length) {
    if (!rules.some((r) => ruleMatches(r, a))) return false;
  }
  if (((match.excludeResourceRules ?? []) as Json[]).some((r) => ruleMatches(r, a))) return false;
  return selects(match.namespaceSelector, a.namespaceLabels) && selects(match.objectSelector, a.labels);
}

/** True if the policy, through a binding that denies, guards a request with these attributes. */
function guards(policy: Policy, a: Attributes): boolean {
  if (!matchesResources(policy.spec.matchConstraints, a, true)) return false;
  return policy.bindings.some(
    (b) =>
      ((b.spec.validationActions ?? []) as string[]).includes('Deny') &&
      (!b.spec.matchResources || matchesResources(b.spec.matchResources, a, false)),
  );
}

// ---------------------------------------------------------------------------------------------
// Pods as the controllers create them, and as the API server has them at admission.

interface OurPod {
  readonly example: string;
  readonly workload: string;
  readonly kind: string;
  readonly pod: Json;
}

/** The defaults the API server sets on a pod before admission that a policy could read. */
function withDefaults(pod: Json): Json {
  const spec = pod.spec;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default'; // the ServiceAccount admission plugin
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    // Always for an image without a digest whose tag is absent or `latest`.
    const image = String(c.image ?? '');
    const last = image.split('/').pop() ?? '';
    const tag = last.includes(':') ? last.slice(last.lastIndexOf(':') + 1) : '';
    c.imagePullPolicy ??= !image.includes('@') && (tag === '' || tag === 'latest') ? 'Always' : 'IfNotPresent';
    for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  }
  return pod;
}

/** pkg/controller/daemon/util: AddOrUpdateDaemonPodTolerations. */
function addDaemonTolerations(spec: Json): void {
  const tolerations: Json[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ...(spec.hostNetwork
      ? [{ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' }]
      : []),
  ];
  const own = (spec.tolerations ??= []) as Json[];
  for (const t of tolerations) {
    const i = own.findIndex((o) => o.key === t.key && o.operator === t.operator && o.effect === t.effect);
    if (i >= 0) own[i] = t;
    else own.push(t);
  }
}

/**
 * pkg/controller/daemon/util: ReplaceDaemonSetPodNodeNameNodeAffinity. The DaemonSet controller
 * binds each pod to its node by replacing the required node affinity's terms with one term,
 * `metadata.name In [node]` (matchFields): the template's own terms are gone from the pod.
 */
function replaceDaemonSetPodNodeNameNodeAffinity(spec: Json, node: string): void {
  const selector = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
  };
  spec.affinity ??= {};
  spec.affinity.nodeAffinity ??= {};
  spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = selector;
}

const TEMPLATE_OF: Record<string, (spec: Json) => Json | undefined> = {
  Deployment: (s) => s.template,
  ReplicaSet: (s) => s.template,
  ReplicationController: (s) => s.template,
  StatefulSet: (s) => s.template,
  DaemonSet: (s) => s.template,
  Job: (s) => s.template,
  CronJob: (s) => s.jobTemplate?.spec?.template,
};

/** The pod an object of the examples creates (its first one), or undefined if it creates none. */
function podOf(o: SynthesizedObject): OurPod | undefined {
  const { object } = o;
  const name = String(object.metadata?.name);
  const namespace = object.metadata?.namespace ?? 'default';
  if (object.kind === 'Pod') {
    return { example: o.example, workload: o.address, kind: 'Pod', pod: withDefaults(structuredClone(object)) };
  }
  const template = TEMPLATE_OF[object.kind]?.((object.spec ?? {}) as Json);
  if (!template) return undefined;
  const spec = structuredClone(template.spec) as Json;
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
  let podName = `${name}-7d4b9c8f6d-x2k9p`;
  switch (object.kind) {
    case 'Deployment':
      labels['pod-template-hash'] = '7d4b9c8f6d';
      break;
    case 'StatefulSet': {
      podName = `${name}-0`;
      Object.assign(labels, {
        'apps.kubernetes.io/pod-index': '0',
        'controller-revision-hash': `${name}-5c9f7b6d8`,
        'statefulset.kubernetes.io/pod-name': podName,
      });
      spec.hostname ??= podName;
      if ((object.spec as Json).serviceName) spec.subdomain ??= (object.spec as Json).serviceName;
      const volumes = (spec.volumes ??= []) as Json[];
      for (const claim of ((object.spec as Json).volumeClaimTemplates ?? []) as Json[]) {
        const claimName = String(claim.metadata?.name);
        if (volumes.some((v) => v.name === claimName)) continue;
        volumes.push({ name: claimName, persistentVolumeClaim: { claimName: `${claimName}-${podName}` } });
      }
      break;
    }
    case 'DaemonSet':
      podName = `${name}-x2k9p`;
      Object.assign(labels, { 'controller-revision-hash': '5c9f7b6d8', 'pod-template-generation': '1' });
      addDaemonTolerations(spec);
      replaceDaemonSetPodNodeNameNodeAffinity(spec, 'node-1');
      break;
    case 'Job':
    case 'CronJob':
      Object.assign(labels, { 'batch.kubernetes.io/job-name': name, 'job-name': name });
      break;
  }
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...structuredClone(template.metadata ?? {}),
      name: podName,
      namespace,
      labels,
      ownerReferences: [
        {
          apiVersion: object.apiVersion,
          kind: object.kind,
          name,
          uid: 'uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec,
  };
  return { example: o.example, workload: o.address, kind: object.kind, pod: withDefaults(pod) };
}

// ---------------------------------------------------------------------------------------------
// Hostile pods: one of ours, changed one way, and the reason the policy must give.

interface Variant {
  readonly name: string;
  /** The reason the policy must deny it for; undefined: it must be admitted. */
  readonly deny?: Reason;
  readonly change: (pod: Json, site: Site) => void;
  /** An update of the pod's ephemeral containers, not a creation. */
  readonly ephemeral?: boolean;
}

interface Site {
  readonly regionValues: string[];
  readonly zoneValues: string[];
  /** Region values of other sites of the profile, and one abroad. */
  readonly elsewhere: string[];
}

// A nodeSelector on the site pins a pod whatever its affinity (the log forwarder's DaemonSet has
// one): the affinity variants drop it, so that the affinity alone decides.
const terms = (pod: Json): Json[] => {
  delete pod.spec.nodeSelector;
  return pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
};
const pinTo = (pod: Json, key: string, operator: string, values: string[]) => {
  delete pod.spec.nodeSelector;
  pod.spec.affinity = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key, operator, values }] }],
      },
    },
  };
};
const privileged = { privileged: true };

const VARIANTS: Variant[] = [
  {
    name: 'no node affinity and no nodeSelector at all',
    deny: 'placement',
    change: (p) => {
      delete p.spec.affinity;
      delete p.spec.nodeSelector;
    },
  },
  {
    name: 'the in-country affinity only preferred, not required',
    deny: 'placement',
    change: (p) => {
      delete p.spec.nodeSelector;
      const required = p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
      p.spec.affinity.nodeAffinity = {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: required.nodeSelectorTerms[0] }],
      };
    },
  },
  {
    name: 'a nodeSelector on another region, and no node affinity',
    deny: 'placement',
    change: (p, s) => {
      delete p.spec.affinity;
      p.spec.nodeSelector = { [REGION]: s.elsewhere[0] };
    },
  },
  {
    name: 'a nodeSelector on another key only',
    deny: 'placement',
    change: (p) => {
      delete p.spec.affinity;
      p.spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
    },
  },
  { name: 'pinned to another region', deny: 'placement', change: (p, s) => pinTo(p, REGION, 'In', [s.elsewhere[0]]) },
  {
    name: 'pinned to the region or another one',
    deny: 'placement',
    change: (p, s) => pinTo(p, REGION, 'In', [...s.regionValues, s.elsewhere[0]]),
  },
  {
    name: 'anywhere but another region (NotIn)',
    deny: 'placement',
    change: (p, s) => pinTo(p, REGION, 'NotIn', [s.elsewhere[0]]),
  },
  { name: 'a region key with no value (Exists)', deny: 'placement', change: (p) => pinTo(p, REGION, 'Exists', []) },
  {
    name: 'a second node selector term outside the region (terms are ORed)',
    deny: 'placement',
    change: (p, s) => terms(p).push({ matchExpressions: [{ key: REGION, operator: 'In', values: [s.elsewhere[0]] }] }),
  },
  {
    name: 'a second term that selects nodes by name only',
    deny: 'placement',
    change: (p) => terms(p).push({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-abroad'] }] }),
  },
  {
    name: 'pinned to a zone of another site',
    deny: 'placement',
    change: (p) => pinTo(p, ZONE, 'In', ['elsewhere-1a']),
  },
  {
    name: 'a privileged container',
    deny: 'privileged',
    change: (p) => Object.assign((p.spec.containers[0].securityContext ??= {}), privileged),
  },
  {
    name: 'a privileged init container',
    deny: 'privileged',
    change: (p) =>
      (p.spec.initContainers = [{ name: 'setup', image: p.spec.containers[0].image, securityContext: privileged }]),
  },
  {
    name: 'a privileged ephemeral container added to the running pod (pods/ephemeralcontainers)',
    deny: 'privileged',
    ephemeral: true,
    change: (p) =>
      (p.spec.ephemeralContainers = [
        { name: 'debug', image: p.spec.containers[0].image, securityContext: privileged },
      ]),
  },
  { name: 'the host network', deny: 'host', change: (p) => (p.spec.hostNetwork = true) },
  { name: "the host's PID namespace", deny: 'host', change: (p) => (p.spec.hostPID = true) },
  { name: "the host's IPC namespace", deny: 'host', change: (p) => (p.spec.hostIPC = true) },
  // Within the rules, another way: admitted.
  {
    name: 'a nodeSelector on the region instead of a node affinity (what a DaemonSet keeps)',
    change: (p, s) => {
      delete p.spec.affinity;
      p.spec.nodeSelector = { [REGION]: s.regionValues[0] };
    },
  },
  {
    name: "pinned to the site's zones instead of its region",
    change: (p, s) =>
      s.zoneValues.length ? pinTo(p, ZONE, 'In', s.zoneValues) : pinTo(p, REGION, 'In', s.regionValues),
  },
  {
    name: 'two terms, both in the region',
    change: (p, s) => terms(p).push({ matchExpressions: [{ key: REGION, operator: 'In', values: s.regionValues }] }),
  },
  {
    name: 'an unprivileged ephemeral container',
    ephemeral: true,
    change: (p) => (p.spec.ephemeralContainers = [{ name: 'debug', image: p.spec.containers[0].image }]),
  },
];

// ---------------------------------------------------------------------------------------------

let tmp: ReturnType<typeof temporaryDirectory>;
let examples: SynthesizedExample[];
let policies: Policy[];
let pods: OurPod[];
let guarded: { pod: OurPod; policy: Policy; id: string }[];
let hostile: { base: OurPod; policy: Policy; variant: Variant; site: Site; id: string }[];
let answer: Answer;
const timings: Record<string, number> = {};
/** A rule that compiles but reads a field absent from a pod without affinity: an evaluation error. */
const ERRORING =
  'size(object.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms) > 0';
/** Extra expressions compiled in the first policy's environment: the type checker at work. */
const CHECKS = {
  misspelled: 'object.spec.hostNetwerk == false',
  mismatched: "object.spec.hostNetwork == 'false'",
  optional: 'object.spec.?hostNetwork.orValue(false) == false',
  request: "request.operation == 'CREATE' && request.userInfo.groups.exists(g, g == 'system:masters')",
};

function labelsOf(objects: SynthesizedObject[], namespace: string): Record<string, string> {
  const ns = objects.find((o) => o.object.kind === 'Namespace' && o.object.metadata?.name === namespace);
  // The API server labels every namespace with its name.
  return { ...(ns?.object.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': namespace };
}

function namespaceObject(objects: SynthesizedObject[], namespace: string): Json {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: labelsOf(objects, namespace) } };
}

function requestFor(pod: Json, operation: string, subResource = ''): Json {
  const gvk = { group: '', version: 'v1', kind: 'Pod' };
  const gvr = { group: '', version: 'v1', resource: 'pods' };
  return {
    kind: gvk,
    resource: gvr,
    subResource,
    requestKind: gvk,
    requestResource: gvr,
    requestSubResource: subResource,
    name: pod.metadata.name,
    namespace: pod.metadata.namespace,
    operation,
    userInfo: {
      username: 'system:serviceaccount:kube-system:replicaset-controller',
      uid: 'u',
      groups: ['system:serviceaccounts'],
    },
    dryRun: false,
  };
}

function siteOf(example: SynthesizedExample, pod: Json): Site {
  const profile = JSON.parse(readFileSync(join(example.out, 'profile.json'), 'utf8')) as {
    sites?: { regionValues: string[]; zoneValues: string[] }[];
  };
  // The values the pod requires (in its first term), by key.
  const required = (key: string) =>
    ((terms(pod)[0].matchExpressions ?? []) as Json[])
      .filter((e) => e.key === key)
      .flatMap((e) => e.values as string[]);
  const [regions, zones] = [required(REGION), required(ZONE)];
  const sites = profile.sites ?? [];
  const own = sites.find(
    (s) =>
      (regions.length > 0 && regions.every((v) => s.regionValues.includes(v))) ||
      (zones.length > 0 && zones.every((v) => s.zoneValues.includes(v))),
  );
  if (!own) throw new Error(`no site of the profile has the values ${JSON.stringify({ regions, zones })}`);
  const elsewhere = [...sites.filter((s) => s !== own).flatMap((s) => s.regionValues), 'eu-west-3'];
  return { regionValues: own.regionValues, zoneValues: own.zoneValues, elsewhere };
}

function runCel(input: unknown): Answer {
  const r = spawnSync(process.execPath, [RUNNER], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${RUNNER} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Answer;
}

const timed = <T>(name: string, f: () => T): T => timedInto(timings, name, f);

beforeAll(() => {
  tmp = temporaryDirectory('slz-cel-');
  examples = timed('synthesize the examples', () => synthesizeExamples(tmp.dir));
  const byExample = new Map(examples.map((e) => [e.name, kubernetesObjects(e)]));
  const all = [...byExample.values()].flat();
  policies = all
    .filter((o) => o.object.kind === 'ValidatingAdmissionPolicy')
    .map((o) => {
      const name = String(o.object.metadata?.name);
      const bindings = all
        .filter((b) => b.example === o.example && b.object.kind === 'ValidatingAdmissionPolicyBinding')
        .map((b) => b.object as Json)
        .filter((b) => b.spec?.policyName === name);
      return { id: `${o.example}/${name}`, example: o.example, name, spec: o.object.spec as Json, bindings };
    });
  pods = all.map(podOf).filter((p): p is OurPod => p !== undefined);

  const admissions: Admission[] = [];
  guarded = [];
  hostile = [];
  for (const pod of pods) {
    const objects = byExample.get(pod.example)!;
    const namespace = String(pod.pod.metadata.namespace);
    const attributes = (operation: string, subresource = ''): Attributes => ({
      resource: 'pods',
      subresource,
      operation,
      namespaceLabels: labelsOf(objects, namespace),
      labels: pod.pod.metadata.labels ?? {},
    });
    const bindings = (object: Json, oldObject: Json | null, operation: string, sub = '') => ({
      object,
      oldObject,
      request: requestFor(object, operation, sub),
      namespaceObject: namespaceObject(objects, namespace),
      params: null,
    });
    for (const policy of policies.filter((p) => p.example === pod.example && guards(p, attributes('CREATE')))) {
      const id = `${pod.workload} → pod ${pod.pod.metadata.name} in ${namespace} (${policy.id})`;
      guarded.push({ pod, policy, id });
      admissions.push({ id, policy: policy.id, bindings: bindings(pod.pod, null, 'CREATE') });
      // Hostile variants of the pods the controllers stamp with the template's own placement.
      if (pod.kind === 'DaemonSet') continue;
      const site = siteOf(
        examples.find((e) => e.name === pod.example)!,
        pod.pod,
      );
      for (const variant of VARIANTS) {
        const changed = structuredClone(pod.pod);
        variant.change(changed, site);
        const vid = `${id}: ${variant.name}`;
        if (variant.ephemeral && !guards(policy, attributes('UPDATE', 'ephemeralcontainers'))) {
          throw new Error(`${policy.id} does not match pods/ephemeralcontainers updates`);
        }
        hostile.push({ base: pod, policy, variant, site, id: vid });
        admissions.push({
          id: vid,
          policy: policy.id,
          bindings: variant.ephemeral
            ? bindings(changed, pod.pod, 'UPDATE', 'ephemeralcontainers')
            : bindings(changed, null, 'CREATE'),
        });
      }
    }
  }

  // An expression that errors is a failure: a copy of the first policy with a rule that reads an
  // absent field, under each failure policy, on a pod without affinity.
  if (policies.length && hostile.length) {
    const base = hostile[0];
    const bare = structuredClone(base.base.pod);
    delete bare.spec.affinity;
    for (const failurePolicy of ['Fail', 'Ignore']) {
      const spec = {
        ...base.policy.spec,
        failurePolicy,
        validations: [{ expression: ERRORING, message: 'reads an absent field' }],
      };
      policies.push({ ...base.policy, id: `erroring-${failurePolicy}`, spec });
      const objects = byExample.get(base.base.example)!;
      admissions.push({
        id: `erroring-${failurePolicy}`,
        policy: `erroring-${failurePolicy}`,
        bindings: {
          object: bare,
          oldObject: null,
          request: requestFor(bare, 'CREATE'),
          namespaceObject: namespaceObject(objects, bare.metadata.namespace),
          params: null,
        },
      });
    }
  }

  const openApi = timed('read the OpenAPI document', () => loadKubernetesOpenApi());
  const types = [...celTypes(openApi, [POD, NAMESPACE]), ...REQUEST_TYPES];
  answer = timed('compile and evaluate (child process)', () =>
    runCel({
      types,
      bindings: {
        object: POD,
        oldObject: POD,
        request: 'kubernetes.AdmissionRequest',
        namespaceObject: NAMESPACE,
        params: 'dyn',
      },
      policies: policies.map((p) => ({ id: p.id, ...p.spec })),
      checks: policies.length
        ? Object.entries(CHECKS).map(([id, expression]) => ({ id, policy: policies[0].id, expression }))
        : [],
      requests: admissions,
    }),
  );
});

afterAll(() => tmp?.remove());

const decision = (id: string) => answer.decisions.find((d) => d.id === id)!;
const ours = () => policies.filter((p) => !p.id.startsWith('erroring-'));

test('the examples create admission policies, bound to deny, that guard the pods of their workloads', () => {
  expect(ours().length).toBeGreaterThan(0);
  for (const policy of ours()) {
    expect([policy.id, policy.bindings.length > 0]).toEqual([policy.id, true]);
    // Parameters are not bound by this test: a policy with a paramKind needs it taught how.
    expect([policy.id, policy.spec.paramKind]).toEqual([policy.id, undefined]);
    expect([policy.id, guarded.filter((g) => g.policy === policy).length > 0]).toEqual([policy.id, true]);
    for (const reason of Object.keys(REASONS) as Reason[]) {
      const index = (policy.spec.validations as Json[]).findIndex((v) => REASONS[reason].test(String(v.message)));
      expect([policy.id, reason, index >= 0]).toEqual([policy.id, reason, true]);
    }
  }
  // Today: the Deployment, the StatefulSet and the log forwarder's DaemonSet of the Casablanca site.
  expect(guarded.length).toBeGreaterThanOrEqual(3);
  expect(new Set(guarded.map((g) => g.pod.kind)).size).toBeGreaterThanOrEqual(2);
});

test('every expression compiles against the Kubernetes 1.30 types: validations give a bool', () => {
  const compiled = answer.compiled.filter((c) => ours().some((p) => p.id === c.policy));
  expect(compiled.length).toBeGreaterThan(0);
  expect(compiled.filter((c) => c.error).map((c) => `${c.policy} ${c.what}: ${c.error} in ${c.expression}`)).toEqual(
    [],
  );
  for (const c of compiled.filter((c) => /^(validation|matchCondition)/.test(c.what))) {
    expect([c.policy, c.what, c.type]).toEqual([c.policy, c.what, 'bool']);
  }
  if (process.env.SOVEREIGN_LZ_SCHEMA_TIMINGS) console.log(timings);
});

test('the compilation is typed as the API server types it: a misspelled field or a bool compared with a string fails', () => {
  const check = (id: keyof typeof CHECKS) => answer.checks.find((c) => c.id === id)!;
  expect(check('misspelled').error).toMatch(/hostNetwerk/);
  expect(check('mismatched').error).toMatch(/bool == string/);
  expect(check('optional')).toEqual({ id: 'optional', type: 'bool' });
  expect(check('request')).toEqual({ id: 'request', type: 'bool' });
});

test('every pod the examples create is admitted, as the controllers create it', () => {
  const denied = guarded
    .map((g) => ({ g, d: decision(g.id) }))
    .filter(({ d }) => !d.allowed)
    .map(({ g, d }) => `${g.id}: ${d.denials.map((x) => x.error ?? x.message).join('; ')}`);
  expect(denied).toEqual([]);
});

test("hostile pods are denied, each for the reason the policy's message gives; pods within the rules are admitted", () => {
  expect(hostile.length).toBeGreaterThanOrEqual(VARIANTS.length);
  const wrong: string[] = [];
  for (const h of hostile) {
    const d = decision(h.id);
    const validations = h.policy.spec.validations as Json[];
    if (!h.variant.deny) {
      if (!d.allowed) wrong.push(`${h.id}: denied (${d.denials.map((x) => x.error ?? x.message).join('; ')})`);
      continue;
    }
    const expected = validations.findIndex((v) => REASONS[h.variant.deny!].test(String(v.message)));
    const got = d.denials.map((x) => x.validation);
    if (d.allowed || got.join() !== String(expected) || d.denials.some((x) => x.error)) {
      wrong.push(
        `${h.id}: expected a denial by validation ${expected} (${h.variant.deny}), got ${JSON.stringify(d.denials)}`,
      );
      continue;
    }
    const message = d.denials[0].message;
    if (!REASONS[h.variant.deny].test(message)) wrong.push(`${h.id}: message '${message}'`);
    // The placement message names what is allowed: the site's region values.
    if (h.variant.deny === 'placement' && !h.site.regionValues.every((v) => message.includes(v))) {
      wrong.push(`${h.id}: the message '${message}' does not name the region values ${h.site.regionValues.join(', ')}`);
    }
  }
  expect(wrong).toEqual([]);
});

test('an expression that errors is a failure: it denies under failurePolicy Fail, not under Ignore', () => {
  expect(answer.compiled.filter((c) => c.expression === ERRORING).map((c) => c.type)).toEqual(['bool', 'bool']);
  expect(decision('erroring-Fail')).toMatchObject({
    allowed: false,
    denials: [{ validation: 0, error: expect.stringMatching(/affinity/) }],
  });
  expect(decision('erroring-Ignore')).toMatchObject({ allowed: true, denials: [] });
});
