import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import { isUnresolved, type Unresolved } from '../../constructs/compliance/normalize/intrinsics';
import { terraformToKubernetesObject } from '../../constructs/compliance/normalize/kubernetes-objects';
import { buildKubernetesTemplates } from '../../constructs/compliance/read/kubernetes-source';
import type { CheckResult, Finding, Resource } from '../../constructs/compliance/normalize/model';
import {
  describeOrigins,
  originsOf,
  TerraformEvaluator,
  type VariableBinding,
} from '../../constructs/compliance/read/terraform-eval';
import { readTerraformJson } from '../../constructs/compliance/read/terraform-json';
import {
  autoVariableFiles,
  bindVariables,
  parseTfvars,
  parseTfvarsJson,
} from '../../constructs/compliance/read/terraform-variables';
import { PROFILE } from './helpers/kubernetes';
import { runCheckIn } from './helpers/run-check';

const FIXTURES = join(__dirname, 'fixtures', 'terraform');
const HARDENING = 'K8S-2/container-hardening';
const API = 'kubernetes_deployment_v1.api';

/** Checks `main.tf.json` of a fixture directory, as `check` run there would, without the ambient environment. */
function check(
  fixture: string,
  options: { env?: Record<string, string>; varFiles?: string[]; language?: 'en' | 'fr' } = {},
): CheckResult {
  return checkPaths(['main.tf.json'], {
    cwd: join(FIXTURES, fixture),
    profile: PROFILE,
    today: '2026-11-22',
    env: options.env ?? {},
    varFiles: options.varFiles,
    language: options.language,
  });
}

function on(result: CheckResult, rule: string, resource = API): Finding[] {
  return result.findings.filter((f) => f.rule === rule && f.resource === resource);
}

function passed(result: CheckResult, rule: string, resource = API): boolean {
  return result.passes.some((p) => p.rule === rule && p.resource === resource);
}

/** True if the api's containers are judged privileged. */
function privileged(result: CheckResult): boolean {
  return on(result, HARDENING).some((f) => f.status === 'fail' && /is privileged/.test(f.message));
}

/** The resources of a fixture, as the reader makes them. */
function read(fixture: string, env: Record<string, string> = {}): Map<string, Resource> {
  const dir = join(FIXTURES, fixture);
  const doc = JSON.parse(readFileSync(join(dir, 'main.tf.json'), 'utf8'));
  const files = autoVariableFiles(dir).map((name) => ({
    source: name,
    values: name.endsWith('.json')
      ? parseTfvarsJson(readFileSync(join(dir, name), 'utf8'), name)
      : parseTfvars(readFileSync(join(dir, name), 'utf8'), name),
  }));
  const [template] = buildKubernetesTemplates(
    [readTerraformJson(doc, { file: 'main.tf.json', variables: { env, files } })],
    undefined,
  );
  return new Map(template.resources.map((r) => [r.id, r]));
}

/** The first container of the api's pod template, and its security context. */
function apiContainer(resources: Map<string, Resource>, list = 'containers'): Record<string, any> {
  return (resources.get(API)!.properties as any).spec.template.spec[list][0];
}

describe('type conversion: the rules see the values Terraform sends to the provider', () => {
  test('privileged "true" (a string where the schema has a bool) is caught; "false" passes', () => {
    expect(privileged(check('string-bool/true'))).toBe(true);
    const safe = check('string-bool/false');
    expect(passed(safe, HARDENING)).toBe(true);
    expect(apiContainer(read('string-bool/false')).securityContext.privileged).toBe(false);
  });

  test('a string Terraform cannot convert ("yes") is an error at plan: unknown, never false', () => {
    const value = apiContainer(read('string-bool/yes')).securityContext.privileged as Unresolved;
    expect(isUnresolved(value)).toBe(true);
    expect(value.describe('en')).toBe('"yes", which Terraform refuses at plan: privileged takes a bool');
    expect(value.describe('fr')).toBe('"yes", que Terraform refuse au plan : privileged prend un booléen');
    const result = check('string-bool/yes');
    expect(passed(result, HARDENING)).toBe(false);
    expect(on(result, HARDENING)).toEqual([
      expect.objectContaining({
        status: 'cannot-prove',
        message: expect.stringContaining('which Terraform refuses at plan'),
      }),
    ]);
    // Where the value came from is part of the message.
    const doc = JSON.parse(readFileSync(join(FIXTURES, 'string-bool', 'yes', 'main.tf.json'), 'utf8'));
    doc.variable = { privileged: { default: true } };
    doc.resource.kubernetes_deployment_v1.api.spec.template.spec.container.security_context.privileged =
      '${var.privileged}';
    const [template] = buildKubernetesTemplates(
      [readTerraformJson(doc, { file: 'main.tf.json', variables: { env: { TF_VAR_privileged: 'yes' } } })],
      undefined,
    );
    const fromEnv = (template.byId.get(API)!.properties as any).spec.template.spec.containers[0].securityContext
      .privileged as Unresolved;
    expect(fromEnv.describe()).toBe(
      '"yes" (from var.privileged, TF_VAR_privileged), which Terraform refuses at plan: privileged takes a bool',
    );
  });

  test('numbers and bools of the provider schema: numeric strings become numbers, other types stay as given', () => {
    const { object } = terraformToKubernetesObject('kubernetes_pod_v1', {
      metadata: { name: 'p' },
      spec: {
        host_network: 'false',
        termination_grace_period_seconds: '30',
        container: { name: 'c', image: 'x', port: { container_port: '8080' }, tty: '1', stdin: 1 },
      },
    }) as { object: any };
    expect(object.spec.hostNetwork).toBe(false);
    expect(object.spec.terminationGracePeriodSeconds).toBe(30);
    expect(object.spec.containers[0].ports[0].containerPort).toBe(8080);
    // go-cty converts "1" and "0" to bools; a number is never converted to a bool.
    expect(object.spec.containers[0].tty).toBe(true);
    expect(isUnresolved(object.spec.containers[0].stdin)).toBe(true);
  });

  test('a kubernetes_manifest is converted as the provider converts it (Go ParseBool), only where the API wants a bool', () => {
    const doc = {
      resource: {
        kubernetes_manifest: {
          pod: {
            manifest: {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: 'p', namespace: 'app', labels: { privileged: 'true' } },
              spec: { containers: [{ name: 'c', image: 'x', securityContext: { privileged: 'True' } }] },
            },
          },
        },
      },
    };
    const [template] = buildKubernetesTemplates([readTerraformJson(doc, { file: 'main.tf.json' })], undefined);
    const pod = template.byId.get('kubernetes_manifest.pod')!.properties as any;
    expect(pod.spec.containers[0].securityContext.privileged).toBe(true);
    expect(pod.metadata.labels.privileged).toBe('true');
  });
});

describe('variables: defaults, files, the environment and --var-file, in Terraform order', () => {
  test("a variable's default true is caught, and the value says where it came from", () => {
    expect(privileged(check('var-default'))).toBe(true);
    const sc = apiContainer(read('var-default')).securityContext;
    expect(describeOrigins(originsOf(sc, 'privileged'))).toEqual({
      en: 'from var.privileged, its default',
      fr: 'issu de var.privileged, sa valeur par défaut',
    });
  });

  test('terraform.tfvars beside the file overrides a safe default: caught', () => {
    expect(passed(check('safe-default'), HARDENING)).toBe(true);
    expect(privileged(check('tfvars'))).toBe(true);
    const sc = apiContainer(read('tfvars')).securityContext;
    expect(describeOrigins(originsOf(sc, 'privileged'))?.en).toBe('from var.privileged, terraform.tfvars');
  });

  test('TF_VAR_<name> overrides the default (a string, converted to the bool type); tfvars files win over it', () => {
    expect(privileged(check('safe-default', { env: { TF_VAR_privileged: 'true' } }))).toBe(true);
    expect(privileged(check('safe-default', { env: { TF_VAR_PRIVILEGED: 'true' } }))).toBe(false);
    expect(privileged(check('tfvars', { env: { TF_VAR_privileged: 'false' } }))).toBe(true);
    const sc = apiContainer(read('safe-default', { TF_VAR_privileged: 'true' })).securityContext;
    expect(describeOrigins(originsOf(sc, 'privileged'))?.en).toBe('from var.privileged, TF_VAR_privileged');
  });

  test('precedence: terraform.tfvars < terraform.tfvars.json < *.auto.tfvars(.json) in lexical order < --var-file in order', () => {
    expect(autoVariableFiles(join(FIXTURES, 'precedence'))).toEqual([
      'terraform.tfvars',
      'terraform.tfvars.json',
      'a.auto.tfvars',
      'b.auto.tfvars.json',
    ]);
    // The last of the files beside it (b.auto.tfvars.json) says false.
    expect(passed(check('precedence'), HARDENING)).toBe(true);
    expect(privileged(check('precedence', { varFiles: ['vars/on.tfvars'] }))).toBe(true);
    expect(passed(check('precedence', { varFiles: ['vars/on.tfvars', 'vars/off.tfvars.json'] }), HARDENING)).toBe(true);
    expect(privileged(check('precedence', { varFiles: ['vars/off.tfvars.json', 'vars/on.tfvars'] }))).toBe(true);
    // Each layer over the one before, as bindVariables sees them.
    const doc = JSON.parse(readFileSync(join(FIXTURES, 'precedence', 'main.tf.json'), 'utf8'));
    const bind = (env: Record<string, string>, ...files: Array<[string, string]>): VariableBinding =>
      bindVariables(doc, 'main.tf.json', {
        env,
        files: files.map(([source, text]) => ({
          source,
          values: source.endsWith('.json') ? parseTfvarsJson(text, source) : parseTfvars(text, source),
        })),
      }).get('privileged')!;
    expect(bind({})).toEqual(
      expect.objectContaining({ value: false, source: expect.objectContaining({ en: 'its default' }) }),
    );
    expect(bind({ TF_VAR_privileged: '1' }).value).toBe(true);
    expect(bind({ TF_VAR_privileged: 'true' }, ['terraform.tfvars', 'privileged = false']).value).toBe(false);
    expect(
      bind({}, ['terraform.tfvars', 'privileged = false'], ['terraform.tfvars.json', '{"privileged": true}']).value,
    ).toBe(true);
    expect(
      bind({}, ['a.auto.tfvars', 'privileged = true'], ['--var-file x.tfvars', 'privileged = false']).source.en,
    ).toBe('--var-file x.tfvars');
  });

  test('a value that does not convert to the variable type is an error at plan: unknown', () => {
    const doc = { variable: { privileged: { type: 'bool' }, ports: { type: 'list(number)' } } };
    const bound = bindVariables(doc, 'main.tf.json', {
      env: { TF_VAR_privileged: 'yes', TF_VAR_ports: '["80", "x"]' },
    });
    const value = bound.get('privileged')!.value as Unresolved;
    expect(isUnresolved(value) && value.describe()).toBe(
      'var.privileged: the value from TF_VAR_privileged ("yes") is not a bool, which Terraform refuses at plan',
    );
    expect(isUnresolved(bound.get('ports')!.value)).toBe(true);
    expect(bindVariables(doc, 'f', { env: { TF_VAR_ports: '[80, "443"]' } }).get('ports')!.value).toEqual([80, 443]);
  });

  test('a local that refers to a variable (through another local) is caught, and says which', () => {
    const result = check('locals');
    expect(privileged(result)).toBe(true);
    // The image built by a template from a local is a plain string the registry rule accepts.
    expect(passed(result, 'K8S-4/image-registry')).toBe(true);
    const container = apiContainer(read('locals'));
    expect(container.image).toBe(`registry.gov.ma/app/api@sha256:${'a'.repeat(64)}`);
    expect(describeOrigins(originsOf(container.securityContext, 'privileged'))?.en).toBe(
      'from var.privileged (through local.privileged, local.hardening), terraform.tfvars',
    );
  });

  test('a cycle of locals is unknown: cannot-prove, never a pass', () => {
    const result = check('local-cycle');
    const [finding] = on(result, 'K8S-4/image-registry');
    expect(finding).toEqual(expect.objectContaining({ status: 'cannot-prove' }));
    expect(finding.message).toContain('a cycle of locals (local.a → local.b → local.a)');
    expect(passed(result, 'K8S-4/image-registry')).toBe(false);
  });

  test('sensitive variables: a bool is judged, other values are unknown, and no value is ever printed', () => {
    const result = check('sensitive');
    expect(privileged(result)).toBe(true);
    const [image] = on(result, 'K8S-4/image-registry');
    expect(image.status).toBe('cannot-prove');
    expect(image.message).toContain('the sensitive variable var.image, whose value is not shown');
    const french = check('sensitive', { language: 'fr' });
    for (const f of [...result.findings, ...french.findings]) expect(f.message).not.toContain('s3cr3t');
  });
});

describe('expressions the checker does not evaluate are cannot-prove, never a pass', () => {
  test('a function call, a conditional', () => {
    const result = check('function');
    const [image] = on(result, 'K8S-4/image-registry');
    expect(image.status).toBe('cannot-prove');
    expect(image.message).toContain("a function call 'format', which the checker does not evaluate");
    expect(passed(result, 'K8S-4/image-registry')).toBe(false);
    const [exposure] = on(result, 'NET-2/service-exposure', 'kubernetes_service_v1.api');
    expect(exposure.status).toBe('cannot-prove');
    expect(exposure.message).toContain('a conditional expression');
  });

  test('templates: one interpolation keeps its type, text around it makes a string, escapes stay text', () => {
    const variables = new Map<string, VariableBinding>([
      ['n', { hasValue: true, value: 3, source: { en: 'its default', fr: 'sa valeur par défaut' }, sensitive: false }],
      ['m', { hasValue: true, value: { a: [1, 2] }, source: { en: 'x', fr: 'x' }, sensitive: false }],
    ]);
    const e = new TerraformEvaluator({ variables, locals: new Map([['l', '${var.n}']]) });
    expect(e.value('${var.n}')).toBe(3);
    expect(e.value('${ var.n }')).toBe(3);
    expect(e.value('n=${var.n}')).toBe('n=3');
    expect(e.value('${var.m.a[1]}')).toBe(2);
    expect(e.value('${var.m["a"].0}')).toBe(1);
    expect(e.value('$${var.n} %%{x}')).toBe('${var.n} %{x}');
    expect(e.value('a ${~ var.n ~} b')).toBe('a3b');
    expect(e.value('${local.l}${local.l}')).toBe('33');
    expect(e.value('${[1, "b", true]}')).toEqual([1, 'b', true]);
    expect(e.value('${{ k = "v", "x": 1 }}')).toEqual({ k: 'v', x: 1 });
    expect(e.value('${"in ${var.n}"}')).toBe('in 3');
    for (const [text, why] of [
      ['${var.n + 1}', 'an operation'],
      ['${upper("a")}', "a function call 'upper'"],
      ['${var.m.a[*]}', 'a splat expression'],
      ['${[for x in var.m.a : x]}', 'a for expression'],
      ['%{ if true }x%{ endif }', 'a template directive'],
      ['x-${var.m}', 'a list or an object cannot be part of a string'],
      ['${var.m.b}', "no attribute or key 'b'"],
      ['${var.undeclared}', 'var.undeclared is declared in no variable block of this file'],
      ['${each.value}', 'its instances are not expanded'],
      ['${aws_s3_bucket.b.arn}', 'a value of aws_s3_bucket.b, known only when Terraform applies the configuration'],
    ]) {
      const value = e.value(text);
      expect(isUnresolved(value)).toBe(true);
      expect((value as Unresolved).describe()).toContain(why);
      expect((value as Unresolved).text).toBe(text);
    }
  });
});

describe('dynamic blocks', () => {
  test('a dynamic container block over a variable: the privileged container is caught, by name', () => {
    const result = check('dynamic');
    const [finding] = on(result, HARDENING).filter((f) => /is privileged/.test(f.message));
    expect(finding.message).toContain("container 'sidecar'");
    expect(finding.message).not.toContain("container 'app'");
    const containers = (read('dynamic').get(API)!.properties as any).spec.template.spec.containers;
    expect(containers.map((c: any) => [c.name, c.securityContext.privileged])).toEqual([
      ['app', false],
      ['sidecar', true],
    ]);
  });

  test('a dynamic block over a literal list, with the default iterator, after the static blocks', () => {
    const result = check('dynamic-literal');
    expect(on(result, HARDENING).some((f) => /container 'migrate' is privileged/.test(f.message))).toBe(true);
    expect(apiContainer(read('dynamic-literal'), 'initContainers').name).toBe('migrate');
  });

  test('an unevaluable for_each: the blocks are unknown, cannot-prove, not a pass', () => {
    const result = check('dynamic-unknown');
    for (const rule of ['K8S-4/image-registry', 'K8S-4/image-pinned']) {
      expect(on(result, rule)[0]).toEqual(expect.objectContaining({ status: 'cannot-prove' }));
      expect(passed(result, rule)).toBe(false);
    }
    expect(on(result, 'K8S-4/image-registry')[0].message).toContain(
      "a value of the dynamic blocks 'container', whose for_each is the Terraform expression '${var.containers}'",
    );
  });

  test('a dynamic block without content is invalid Terraform: refused, naming the resource', () => {
    const doc = {
      resource: {
        kubernetes_pod_v1: { p: { metadata: { name: 'p' }, spec: { dynamic: { container: { for_each: [] } } } } },
      },
    };
    expect(() => readTerraformJson(doc, { file: 'main.tf.json' })).toThrow(
      'main.tf.json: resource \'kubernetes_pod_v1.p\': dynamic "container": a dynamic block needs a content block',
    );
  });

  test('count and for_each evaluated: 0 and empty keep the resource from being created', () => {
    const doc = {
      variable: { enabled: { default: 0 }, names: { default: [] } },
      resource: {
        kubernetes_namespace_v1: {
          off: { count: '${var.enabled}', metadata: { name: 'off' } },
          none: { for_each: '${var.names}', metadata: { name: 'none' } },
          on: { count: '${var.enabled == 0 ? 1 : 0}', metadata: { name: 'on' } },
        },
      },
    };
    const source = readTerraformJson(doc, { file: 'main.tf.json' });
    expect(source.entries.map((e) => e.id)).toEqual(['kubernetes_namespace_v1.on']);
  });
});

describe('variable definitions files', () => {
  test('HCL: strings and escapes, numbers, bools, null, lists, maps, heredocs, comments', () => {
    const values = parseTfvars(
      [
        '# a comment',
        'name = "a \\"quoted\\" \\u00e9 $${literal}" // trailing',
        'port = 8080',
        'ratio = -1.5e2',
        'on = true',
        'off = false /* block */',
        'none = null',
        'list = [',
        '  "a", 2,',
        '  [true],',
        ']',
        'map = { a = 1, "b.c" : "d"',
        '  nested = { x = [] } }',
        'text = <<-EOT',
        '    line one',
        '      line two',
        '    EOT',
        'expr = upper("x")',
        'tpl = "${var.other}"',
        'after = 1',
      ].join('\n'),
      'terraform.tfvars',
    );
    expect(Object.fromEntries([...values].filter(([, v]) => !isUnresolved(v)))).toEqual({
      name: 'a "quoted" é ${literal}',
      port: 8080,
      ratio: -150,
      on: true,
      off: false,
      none: null,
      list: ['a', 2, [true]],
      map: { a: 1, 'b.c': 'd', nested: { x: [] } },
      text: 'line one\n  line two\n',
      after: 1,
    });
    expect((values.get('expr') as Unresolved).describe()).toBe(
      'the value of var.expr in terraform.tfvars, an expression the checker does not evaluate',
    );
    expect(isUnresolved(values.get('tpl'))).toBe(true);
  });

  test('HCL: what Terraform refuses is refused, naming the file and line', () => {
    expect(() => parseTfvars('a = 1\na = 2\n', 'x.tfvars')).toThrow(
      'x.tfvars: line 2: variable a is assigned twice (Terraform refuses it)',
    );
    expect(() => parseTfvars('a = "open\n', 'x.tfvars')).toThrow('x.tfvars: line 1: unterminated string');
    expect(() => parseTfvars('= 1\n', 'x.tfvars')).toThrow('x.tfvars: line 1: expected a variable name');
    expect(() => parseTfvarsJson('[1]', 'x.tfvars.json')).toThrow('x.tfvars.json: must be a JSON object of variables');
  });

  test('a missing --var-file is a usage error (exit 2) naming it; a FIFO beside the file is never opened', () => {
    const missing = runCheckIn(join(FIXTURES, 'safe-default'), ['main.tf.json'], { varFile: ['nope.tfvars'] });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.tfvars: cannot read the variable definitions file: no such file');
    const dir = mkdtempSync(join(tmpdir(), 'slz-tfvars-'));
    try {
      writeFileSync(join(dir, 'main.tf.json'), readFileSync(join(FIXTURES, 'safe-default', 'main.tf.json')));
      execFileSync('mkfifo', [join(dir, 'terraform.tfvars')]);
      const fifo = runCheckIn(dir, ['main.tf.json'], {});
      expect(fifo.code).toBe(2);
      expect(fifo.err).toContain(
        'terraform.tfvars: cannot read the variable definitions file: not a regular file but a FIFO',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sovereign-lz check --var-file', () => {
  const cli = join(__dirname, '..', '..', 'lib', 'constructs', 'cli', 'main.js');
  const built = existsSync(cli);

  (built ? test : test.skip)('repeatable, later files winning; TF_VAR_ from the environment; in --help', () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [cli, 'check', 'main.tf.json', '--format', 'json', ...args], {
        cwd: join(FIXTURES, 'precedence'),
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      });
    const privilegedIn = (stdout: string) =>
      (JSON.parse(stdout).findings as Finding[]).some((f) => f.rule === HARDENING && /is privileged/.test(f.message));
    const on = run(['--var-file', 'vars/off.tfvars.json', '--var-file', 'vars/on.tfvars']);
    expect(on.status).toBe(1);
    expect(privilegedIn(on.stdout)).toBe(true);
    const off = run(['--var-file', 'vars/on.tfvars', '--var-file', 'vars/off.tfvars.json'], {
      TF_VAR_privileged: 'true',
    });
    expect(privilegedIn(off.stdout)).toBe(false);
    const help = spawnSync(process.execPath, [cli, 'check', '--help'], { encoding: 'utf8' });
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('--var-file <file> Terraform variable definitions (.tfvars, .tfvars.json)');
    expect(text).toContain('repeatable: later files win');
    expect(text).toContain('Terraform JSON (*.tf.json, cdktf.out)');
  });
});
