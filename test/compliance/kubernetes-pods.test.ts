import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import type { CheckResult, Finding } from '../../constructs/compliance/normalize/model';
import { readInputs } from '../../constructs/compliance/read/read-inputs';
import { on, passed, PROFILE } from './helpers/kubernetes';

/**
 * The pod rules judge what kubectl deploys: YAML 1.1 booleans and merge keys as go-yaml v2
 * reads them, every kind that runs pods, and malformed pods as `cannot-prove`, never a pass.
 * The manifests are written by hand in fixtures/kubernetes/; their namespace (namespace.yaml)
 * holds sensitive data, which must stay in Morocco.
 */

const DIR = join(__dirname, 'fixtures', 'kubernetes');
const POD_RULES = ['K8S-2/container-hardening', 'K8S-4/image-pinned', 'K8S-4/image-registry', 'RES-1/node-affinity'];
const K8S_2 = 'K8S-2/container-hardening';

function check(...files: string[]): CheckResult {
  return checkPaths(files, { cwd: DIR, profile: PROFILE });
}

type Seen = Pick<Finding, 'status' | 'message'>;

/** Findings in the order of their messages. */
function byMessage(list: Seen[]): Seen[] {
  return [...list].sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

/** The status and English message of each finding of `rule` on `resource`, by message. */
function findings(result: CheckResult, rule: string, resource: string): Seen[] {
  return byMessage(on(result, rule, resource).map(({ status, message }) => ({ status, message })));
}

describe('booleans are read as kubectl reads them (yes, on, y are true; no, off, n false)', () => {
  let result: CheckResult;
  beforeAll(() => {
    result = check('yaml-booleans.yaml', 'namespace.yaml');
  });

  test.each([
    ['privileged-yes', "container 'app' is privileged"],
    ['privileged-on', "container 'app' is privileged"],
    ['escalation-y', "container 'app' allowPrivilegeEscalation is not false"],
    ['non-root-no', "container 'app' may run as root (runAsNonRoot is not true)"],
    // Empty values are absent: runAsNonRoot is not set, privileged is not either.
    ['empty-values', "container 'app' may run as root (runAsNonRoot is not true)"],
  ])('%s is caught: %s', (name, message) => {
    expect(findings(result, K8S_2, `Pod/records/${name}`)).toEqual([{ status: 'fail', message }]);
  });

  test('the values are the booleans kubectl sends (not the words)', () => {
    const input = readInputs(['yaml-booleans.yaml'], { cwd: DIR });
    const pods = new Map(input.templates[0].resources.map((r) => [r.id, r.properties.spec as any]));
    expect(pods.get('Pod/records/escalation-y').containers[0].securityContext.allowPrivilegeEscalation).toBe(true);
    expect(pods.get('Pod/records/non-root-no').securityContext.runAsNonRoot).toBe(false);
    expect(pods.get('Pod/records/hardened-yes-no').containers[0].securityContext).toEqual({
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  test('yes, off, n and Yes where the API wants them pass', () => {
    expect(findings(result, K8S_2, 'Pod/records/hardened-yes-no')).toEqual([]);
    expect(passed(result, K8S_2, 'Pod/records/hardened-yes-no')).toBe(true);
  });

  test('quoted, they are strings, which the API server refuses: cannot-prove, naming the path', () => {
    const refused = '(the API server refuses the object)';
    expect(findings(result, K8S_2, 'Pod/records/quoted-strings')).toEqual(
      byMessage([
        {
          status: 'cannot-prove',
          message: `spec.securityContext.runAsNonRoot is the string "yes", not a boolean ${refused}`,
        },
        {
          status: 'cannot-prove',
          message: `spec.containers[0].securityContext.privileged is the string "no", not a boolean ${refused}`,
        },
        {
          status: 'cannot-prove',
          message: `spec.containers[0].securityContext.allowPrivilegeEscalation is the string "false", not a boolean ${refused}`,
        },
      ]),
    );
  });
});

describe('merge keys merge as kubectl merges them', () => {
  let result: CheckResult;
  beforeAll(() => {
    result = check('merge-keys.yaml', 'namespace.yaml');
  });

  test.each(['merged-privileged', 'merged-over-explicit', 'first-merge-wins'])(
    '%s: the merge brings privileged: true, caught',
    (name) => {
      expect(findings(result, K8S_2, `Pod/records/${name}`)).toEqual([
        { status: 'fail', message: "container 'app' is privileged" },
      ]);
    },
  );

  test.each(['merged-hardened', 'explicit-over-merged'])('%s: hardened once merged, passes', (name) => {
    expect(findings(result, K8S_2, `Pod/records/${name}`)).toEqual([]);
    expect(passed(result, K8S_2, `Pod/records/${name}`)).toBe(true);
  });
});

describe('a double-quoted string continued with a backslash loads', () => {
  // The fixture is kept as .txt (Prettier, reading YAML 1.2, refuses it): checked as a .yaml file.
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slz-k8s-continuation-'));
    copyFileSync(join(DIR, 'continuation-yaml.txt'), join(dir, 'continuation.yaml'));
    copyFileSync(join(DIR, 'namespace.yaml'), join(dir, 'namespace.yaml'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('its lines join as kubectl joins them, and the workload is judged', () => {
    const input = readInputs(['continuation.yaml'], { cwd: dir });
    const deployment = input.templates[0].resources[0].properties as any;
    expect(deployment.metadata.annotations.description).toBe('Runs the schema migrations, then waits for the database');
    expect(deployment.spec.template.spec.containers[0].command[2]).toBe(
      'migrate --database "$DATABASE_URL" up && echo done',
    );
    const result = checkPaths(['continuation.yaml', 'namespace.yaml'], { cwd: dir, profile: PROFILE });
    for (const rule of POD_RULES) expect(passed(result, rule, 'Deployment/records/migrate')).toBe(true);
  });
});

/** The workloads of workload-kinds-*.yaml: their ids and the type they are judged as. */
const KINDS: ReadonlyArray<[string, string]> = [
  ['Deployment/records/ext-deployment', 'apps/Deployment'],
  ['DaemonSet/records/ext-daemonset', 'apps/DaemonSet'],
  ['ReplicaSet/records/ext-replicaset', 'apps/ReplicaSet'],
  ['Deployment/records/beta1-deployment', 'apps/Deployment'],
  ['StatefulSet/records/beta1-statefulset', 'apps/StatefulSet'],
  ['Deployment/records/beta2-deployment', 'apps/Deployment'],
  ['DaemonSet/records/beta2-daemonset', 'apps/DaemonSet'],
  ['StatefulSet/records/beta2-statefulset', 'apps/StatefulSet'],
  ['ReplicaSet/records/beta2-replicaset', 'apps/ReplicaSet'],
  ['CronJob/records/beta1-cronjob', 'batch/CronJob'],
  ['PodTemplate/records/pod-template', 'PodTemplate'],
  ['Rollout/records/rollout', 'argoproj.io/Rollout'],
  ['DeploymentConfig/records/deployment-config', 'apps.openshift.io/DeploymentConfig'],
  ['DeploymentConfig/records/legacy-deployment-config', 'apps.openshift.io/DeploymentConfig'],
];

describe('every kind that runs pods is judged by the pod rules', () => {
  let hardened: CheckResult;
  let privileged: CheckResult;
  beforeAll(() => {
    hardened = check('workload-kinds-hardened.yaml', 'namespace.yaml');
    privileged = check('workload-kinds-privileged.yaml', 'namespace.yaml');
  });

  test('each is read as the type of its current API group', () => {
    const input = readInputs(['workload-kinds-hardened.yaml'], { cwd: DIR });
    expect(input.templates[0].resources.map((r) => [r.id, r.type])).toEqual(KINDS);
  });

  test.each(KINDS)('%s (%s), hardened, passes every pod rule', (id) => {
    for (const rule of POD_RULES) {
      expect(findings(hardened, rule, id)).toEqual([]);
      expect(passed(hardened, rule, id)).toBe(true);
    }
  });

  test.each(KINDS)('%s (%s), with a privileged container, is caught', (id) => {
    expect(findings(privileged, K8S_2, id)).toEqual([{ status: 'fail', message: "container 'app' is privileged" }]);
  });

  test.each(KINDS)('%s (%s), outside a declared namespace and unlabelled, fails CLS-1', (id) => {
    const alone = check('workload-kinds-hardened.yaml');
    expect(findings(alone, 'CLS-1/workload-label', id)).toEqual([
      {
        status: 'fail',
        message:
          "no sovereign-lz.io/classification label on the object, and namespace 'records' is not declared in the input",
      },
    ]);
  });

  test('a Rollout that runs the pods of spec.workloadRef cannot be proven by any pod rule', () => {
    const result = check('rollout-workload-ref.yaml', 'namespace.yaml');
    for (const rule of POD_RULES) {
      expect(findings(result, rule, 'Rollout/records/rollout-ref')).toEqual([
        {
          status: 'cannot-prove',
          message:
            "its pods cannot be judged: they are those of the workload spec.workloadRef names (Deployment 'web'), which is judged on its own if the input holds it",
        },
      ]);
    }
  });
});

describe('a malformed pod is cannot-prove in every pod rule, naming the path and what was expected', () => {
  let result: CheckResult;
  beforeAll(() => {
    result = check('malformed-pods.yaml', 'namespace.yaml');
  });

  test.each([
    ['Pod/records/spec-list', 'spec is a list, not an object (a pod spec)'],
    ['Pod/records/containers-map', 'spec.containers is an object, not a list (containers)'],
    [
      'Pod/records/container-string',
      `spec.containers[0] is the string "registry.gov.ma/records/app@sha256:${'a'.repeat(64)}", not an object (a container)`,
    ],
    [
      'Pod/records/security-context-string',
      'spec.containers[0].securityContext is the string "privileged", not an object (a security context)',
    ],
    ['Pod/records/no-containers', 'spec.containers is absent: a pod has at least one container'],
    [
      'Deployment/records/template-spec-string',
      'spec.template.spec is the string "containers: [{name: app, securityContext: {privileged: true}}]", not an object (a pod spec)',
    ],
    ['CronJob/records/job-template-list', 'spec.jobTemplate is a list, not an object (a mapping)'],
  ])('%s: %s', (id, problem) => {
    for (const rule of POD_RULES) {
      expect(findings(result, rule, id)).toContainEqual({
        status: 'cannot-prove',
        message: `its pods cannot be judged: ${problem}`,
      });
      expect(findings(result, rule, id).every((f) => f.status === 'cannot-prove')).toBe(true);
      expect(passed(result, rule, id)).toBe(false);
    }
  });

  test('a required node affinity term that is no object: RES-1 cannot prove the placement', () => {
    expect(findings(result, 'RES-1/node-affinity', 'Pod/records/affinity-term-string')).toEqual([
      {
        status: 'cannot-prove',
        message:
          'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1] is the string "topology.kubernetes.io/region in (fr-paris)", not an object (a node selector term) (the API server refuses the object)',
      },
    ]);
    expect(passed(result, 'RES-1/node-affinity', 'Pod/records/affinity-term-string')).toBe(false);
  });

  test('an image that is no string, or empty, cannot be proven', () => {
    for (const rule of ['K8S-4/image-pinned', 'K8S-4/image-registry']) {
      expect(findings(result, rule, 'Pod/records/images')).toEqual(
        byMessage([
          {
            status: 'cannot-prove',
            message: 'spec.containers[0].image is the number 42, not an image reference (a string)',
          },
          {
            status: 'cannot-prove',
            message:
              "container 'empty' names no image (spec.containers[1].image is absent): the image it runs is set elsewhere, if anywhere",
          },
        ]),
      );
    }
  });

  test('fields of the wrong type are cannot-prove, not taken for a value (runAsUser "0", drop "ALL")', () => {
    const refused = '(the API server refuses the object)';
    expect(findings(result, K8S_2, 'Pod/records/field-types')).toEqual(
      byMessage([
        {
          status: 'cannot-prove',
          message: `spec.securityContext.runAsUser is the string "0", not an integer ${refused}`,
        },
        {
          status: 'cannot-prove',
          message: `spec.containers[0].securityContext.capabilities.drop is the string "ALL", not a list of capability names ${refused}`,
        },
      ]),
    );
  });
});
