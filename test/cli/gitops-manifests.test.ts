import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseShell } from 'shell-quote';
import fc from 'fast-check';
import {
  manifestYaml,
  siteManifests,
  writeKubernetesManifests,
  type SiteManifests,
} from '../../constructs/cli/gitops-manifests';
import { synthesize, type SynthResult } from '../../constructs/cli/synth';
import { checkPaths } from '../../constructs/compliance/check';
import type { CheckResult, Finding, Pass } from '../../constructs/compliance/normalize/model';
import { parseKubernetesYaml } from '../../constructs/compliance/read/kubernetes-yaml';
import { readTerraformJson } from '../../constructs/compliance/read/terraform-json';
import { SovereignLzError } from '../../constructs/core';
import { LandingZone } from '../../constructs/landing-zone';
import { buildPlan, formatPlanMarkdown, formatPlanText, type Plan } from '../../constructs/plan';
import { synthesizeApp } from '../../constructs/testing';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';

// The GitOps output (issue #18): each site's Kubernetes objects also as plain manifests,
// `kubernetes/manifests/<site>/`, judged as the Terraform JSON is. The default example is
// synthesized once in process by `synthesize` (what `npm run synth` runs: it writes the
// manifests, the reports and the plan); refusals are tested on small Terraform documents.

const root = join(__dirname, '..', '..');
const SITE = 'ma-casablanca-1';
const STACK = `kubernetes/stacks/${SITE}/cdk.tf.json`;
const MANIFESTS = `kubernetes/manifests/${SITE}`;

let work: string;
let out: string;
let synth: SynthResult;
let site: SiteManifests;
let stackDoc: Record<string, any>;
let profile: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'slz-gitops-'));
  out = join(work, 'out');
  synth = await synthesize(join(root, 'examples', 'morocco-public-sector', 'app.ts'), out);
  site = synth.manifests.find((m) => m.stack === SITE)!;
  stackDoc = JSON.parse(readFileSync(join(out, STACK), 'utf8'));
  profile = join(out, 'profile.json');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const yamlOf = (file: string) => parseKubernetesYaml(readFileSync(join(out, MANIFESTS, file), 'utf8'), file)[0] as any;
const kustomization = () => yamlOf('kustomization.yaml');

/** The objects the compliance engine reads from the site's Terraform JSON, by address. */
function terraformObjects(): Map<string, Record<string, unknown>> {
  const source = readTerraformJson(stackDoc, { file: STACK, stackName: SITE });
  return new Map(source.entries.map((e) => [e.id, JSON.parse(JSON.stringify(e.properties))]));
}

describe('the default example', () => {
  test('writes one manifest per Kubernetes object of the site, in apply order, and a kustomization listing each once', () => {
    expect(site.refused).toBeUndefined();
    const addresses = [...terraformObjects().keys()];
    expect(addresses.length).toBe(33);
    expect(site.files.map((f) => f.address).sort()).toEqual([...addresses].sort());
    const k = kustomization();
    expect(k).toMatchObject({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      sortOptions: { order: 'fifo' },
    });
    // Every file but the kustomization is listed, once, in name order: kubectl -f and -k agree.
    const files = readdirSync(join(out, MANIFESTS)).sort();
    expect(files).toEqual([...k.resources, 'kustomization.yaml'].sort());
    expect(k.resources).toEqual([...k.resources].sort());
    expect(k.resources).toEqual(site.files.map((f) => f.name));
    expect(k.resources.map((f: string) => f.slice(0, 3))).toEqual(
      addresses.map((_, i) => `${String(i + 1).padStart(2, '0')}-`),
    );
    // Namespaces first; the admission guardrail before the pods it judges; Velero's Schedule (a CRD's object) last.
    const kinds = k.resources.map((f: string) => yamlOf(f).kind as string);
    expect(kinds.slice(0, 3)).toEqual(['Namespace', 'Namespace', 'Namespace']);
    const at = (kind: string) => kinds.indexOf(kind);
    for (const workload of ['DaemonSet', 'Deployment', 'StatefulSet']) {
      expect([
        workload,
        at('ValidatingAdmissionPolicy') < at(workload),
        at('ValidatingAdmissionPolicyBinding') < at(workload),
      ]).toEqual([workload, true, true]);
    }
    expect(kinds[kinds.length - 1]).toBe('Schedule');
    expect(k.resources).toContain('31-deployment-civil-registry-application-api.yaml');
  });

  test('each manifest is the object the checker reads from the Terraform JSON, as kubectl decodes it, keys as the API writes them', () => {
    const objects = terraformObjects();
    for (const file of site.files) {
      const text = readFileSync(join(out, MANIFESTS, file.name), 'utf8');
      expect(text).toBe(file.text);
      const [object] = parseKubernetesYaml(text, file.name) as Record<string, any>[];
      expect([file.name, object]).toEqual([file.name, objects.get(file.address)]);
      expect(Object.keys(object).slice(0, 3)).toEqual(['apiVersion', 'kind', 'metadata']);
      // Where it comes from: the Terraform address and the construct path.
      expect(text.split('\n')[0]).toMatch(
        new RegExp(`^# sovereign-lz: ${file.address.replace(/\./g, '\\.')} \\(${SITE}/Cluster/`),
      );
      // One plain document: no anchor, no alias a reader would have to expand.
      expect(text).not.toMatch(/(^|\s)[&*][A-Za-z0-9]/m);
    }
    expect(site.files.find((f) => f.id === 'Deployment/civil-registry-application/api')!.text).toContain(
      '\n  replicas: 2\n',
    );
  });

  test('the evidence manifest lists every manifest with its hash', () => {
    const listed = new Map(synth.evidence.files.map((f) => [f.path, f.sha256]));
    for (const file of [...site.files.map((f) => f.name), 'kustomization.yaml']) {
      expect(listed.has(`${MANIFESTS}/${file}`)).toBe(true);
    }
    expect(synth.files.filter((f) => f.startsWith(`${MANIFESTS}/`))).toHaveLength(34);
  });

  test('the check of the manifests alone gives the findings of the Terraform JSON alone: same rules, statuses, severities, messages, paths', () => {
    const terraform = checkPaths([STACK], { cwd: out, profile, today: '2026-12-06' });
    const manifests = checkPaths([MANIFESTS], { cwd: out, profile, today: '2026-12-06' });
    const idOf = new Map(site.files.map((f) => [f.address, f.id]));
    const mapped = (id: string | undefined) => (id !== undefined ? (idOf.get(id) ?? id) : id);
    const findings = (r: CheckResult, map: (id: string | undefined) => string | undefined) =>
      r.findings
        .map((f: Finding) => JSON.stringify([f.rule, f.status, f.severity, f.suppressed, map(f.resource), f.message]))
        .sort();
    const passes = (r: CheckResult, map: (id: string | undefined) => string | undefined) =>
      r.passes.map((p: Pass) => JSON.stringify([p.rule, map(p.resource)])).sort();
    const same = (id: string | undefined) => id;
    expect(terraform.findings.length).toBeGreaterThan(5);
    expect(findings(manifests, same)).toEqual(findings(terraform, mapped));
    expect(passes(manifests, same)).toEqual(passes(terraform, mapped));
    // The sensitive namespaces' paths (NET-6): the same matrix, row for row.
    const rows = (r: CheckResult) => r.paths!.filter((m) => m.world === 'kubernetes').map((m) => [m.rows, m.flows]);
    expect(rows(manifests)).toEqual(rows(terraform));
    expect(rows(terraform)[0][0].length).toBeGreaterThan(0);
    // The kustomization is configuration, named as skipped, never judged as an object.
    expect(manifests.skipped).toEqual([
      {
        file: `${MANIFESTS}/kustomization.yaml`,
        reason: expect.stringMatching(/^kustomize's configuration, not an object/),
      },
    ]);
    expect(manifests.summary.resources).toBe(terraform.summary.resources);
  });

  test('check out/ judges each object once: the manifests are skipped as the same objects as the stack, findings and paths as without them', () => {
    const withoutManifests = join(work, 'without-manifests');
    cpSync(out, withoutManifests, { recursive: true });
    rmSync(join(withoutManifests, 'kubernetes', 'manifests'), { recursive: true });
    const options = { today: '2026-12-06' };
    const whole = checkPaths([out], { ...options, cwd: out });
    const before = checkPaths([withoutManifests], { ...options, cwd: withoutManifests });
    expect(whole.findings).toEqual(before.findings);
    expect(whole.passes).toEqual(before.passes);
    expect(whole.paths).toEqual(before.paths);
    expect(whole.summary).toEqual(before.summary);
    expect(whole.inputDigests).toEqual(before.inputDigests);
    expect(before.skipped).toEqual([]);
    expect(whole.skipped).toEqual([{ file: MANIFESTS, reason: `the same objects as ${STACK}` }]);
    expect(checkPaths([out], { ...options, cwd: out, language: 'fr' }).skipped).toEqual([
      { file: MANIFESTS, reason: `les mêmes objets que ${STACK}` },
    ]);
    // The synth's own reports say so too.
    expect(synth.compliance.skipped).toEqual(whole.skipped);
    expect(readFileSync(join(out, 'compliance.md'), 'utf8')).toContain(
      `\`${MANIFESTS}\` (the same objects as ${STACK})`,
    );
    // The default example's network paths, NET-7 flows included, untouched.
    const site = whole.paths!.find((m) => m.place === `site:${SITE}`)!;
    expect(site.flows.map((f) => [f.flow, f.verdict])).toEqual([
      ['civil-registry/application -> civil-registry/data:5432', 'open'],
      ['records/application -> civil-registry/application:8443', 'declared'],
    ]);
  });

  test('a manifests directory that names no stack is listed as such, and checked on its own it is judged', () => {
    const copy = join(work, 'stray');
    cpSync(out, copy, { recursive: true });
    cpSync(join(copy, MANIFESTS), join(copy, 'kubernetes', 'manifests', 'other-site'), { recursive: true });
    const r = checkPaths([copy], { cwd: copy, today: '2026-12-06' });
    expect(r.skipped).toEqual([
      { file: MANIFESTS, reason: `the same objects as ${STACK}` },
      {
        file: 'kubernetes/manifests/other-site',
        reason: 'no stack of kubernetes/manifest.json is named so: check it on its own',
      },
    ]);
  });

  test('a second synthesis writes byte-identical manifests', () => {
    const again = synthesizeApp((context) => new LandingZone(moroccoPublicSector).build(context), join(work, 'again'));
    expect(readFileSync(join(again, STACK), 'utf8')).toBe(readFileSync(join(out, STACK), 'utf8'));
    const written = writeKubernetesManifests(again);
    expect(written.map((m) => [m.stack, m.refused])).toEqual([[SITE, undefined]]);
    const names = readdirSync(join(again, MANIFESTS)).sort();
    expect(names).toEqual(readdirSync(join(out, MANIFESTS)).sort());
    for (const name of names) {
      expect([name, readFileSync(join(again, MANIFESTS, name), 'utf8')]).toEqual([
        name,
        readFileSync(join(out, MANIFESTS, name), 'utf8'),
      ]);
    }
  });
});

describe('the plan', () => {
  let plan: Plan;
  beforeAll(() => {
    plan = buildPlan(out, synth.compliance, { commandDir: 'out' });
  });

  const KUBECTL = `kubectl --context=${SITE} apply --server-side -k out/${MANIFESTS}`;

  test('records the site manifests: directory, objects, the kubectl command for its kubeconfig context', () => {
    const unit = plan.units.find((u) => u.id === SITE)!;
    expect(unit.manifests).toEqual({
      directory: MANIFESTS,
      objects: 33,
      commands: [{ tool: 'kubectl', command: KUBECTL }],
    });
    expect(plan.units.filter((u) => u.manifests).map((u) => u.id)).toEqual([SITE]);
    // The synth's plan names the output directory as its commands run from it.
    expect(synth.plan.units.find((u) => u.id === SITE)!.manifests!.commands[0].command).toBe(
      `kubectl --context=${SITE} apply --server-side -k ${MANIFESTS}`,
    );
    expect(formatPlanText(plan)).toContain(`\n    or its plain manifests: $ ${KUBECTL}\n`);
  });

  test('plan.md gives kubectl and an Argo CD Application for each site, after the Terraform commands, in English and French', () => {
    for (const [language, heading] of [
      ['en', '## Without Terraform: plain manifests'],
      ['fr', '## Sans Terraform : manifestes simples'],
    ] as const) {
      const md = formatPlanMarkdown(plan, language);
      const lines = md.split('\n');
      const start = lines.indexOf(heading);
      expect(start).toBeGreaterThan(lines.indexOf(language === 'en' ? '## Commands' : '## Commandes'));
      const block = (fence: string) => {
        const from = lines.indexOf(fence, start);
        return lines.slice(from + 1, lines.indexOf('```', from));
      };
      const sh = block('```sh');
      expect(sh.filter((l) => !l.startsWith('#'))).toEqual([KUBECTL]);
      expect(parseShell(KUBECTL)).toEqual([
        'kubectl',
        `--context=${SITE}`,
        'apply',
        '--server-side',
        '-k',
        `out/${MANIFESTS}`,
      ]);
      expect(sh[0]).toBe(language === 'en' ? `# 11. ${SITE}: 33 objects` : `# 11. ${SITE} : 33 objets`);
      const [application] = parseKubernetesYaml(block('```yaml').join('\n'), 'plan.md') as any[];
      expect(application).toEqual({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: SITE, namespace: 'argocd' },
        spec: {
          project: 'default',
          source: {
            repoURL: 'https://git.example.org/your-zone.git',
            targetRevision: 'main',
            path: `out/${MANIFESTS}`,
          },
          destination: { server: 'https://kubernetes.default.svc' },
          syncPolicy: { syncOptions: ['ServerSideApply=true'] },
        },
      });
      expect(md).toContain(language === 'en' ? 'REPLACE: the Git repository' : 'À REMPLACER : le dépôt Git');
    }
  });

  test('an output without manifests has no such section, and its site no manifests', () => {
    const bare = join(work, 'bare');
    cpSync(out, bare, { recursive: true });
    rmSync(join(bare, 'kubernetes', 'manifests'), { recursive: true });
    const p = buildPlan(bare, synth.compliance, { commandDir: 'out' });
    expect(p.units.some((u) => u.manifests)).toBe(false);
    expect(formatPlanMarkdown(p)).not.toContain('plain manifests');
    expect(JSON.stringify(p.units.find((u) => u.id === SITE))).not.toContain('manifests');
  });
});

// --- Refusals and faithful details, on small Terraform documents ---------------------------

const NS = { metadata: { name: 'records', labels: { 'sovereign-lz.io/classification': 'internal' } } };
const stack = (resource: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}) => ({
  resource: { kubernetes_namespace_v1: { ns: NS }, ...resource },
  ...extra,
});
const manifestsOf = (doc: unknown) =>
  siteManifests(doc, { stack: 'site-1', artifact: 'kubernetes/stacks/site-1/cdk.tf.json' });
const configMap = (data: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  kubernetes_config_map_v1: { cm: { metadata: { name: 'settings', namespace: 'records', ...metadata }, data } },
});

describe('what a manifest cannot say is refused for the whole stack, naming the resource and why', () => {
  test.each<[string, unknown, RegExp, RegExp]>([
    [
      'a value from a variable (Terraform takes it at apply time)',
      stack(configMap({ mode: '${var.mode}' }), { variable: { mode: { default: 'strict' } } }),
      /^resource 'kubernetes_config_map_v1\.cm': data\.mode comes from var\.mode, which Terraform takes at apply time: a manifest holds literals only$/,
      /^la ressource 'kubernetes_config_map_v1\.cm' : data\.mode vient de var\.mode, que Terraform prend à l'application/,
    ],
    [
      'an expression the engine cannot evaluate',
      stack(configMap({ mode: '${upper("strict")}' })),
      /^resource 'kubernetes_config_map_v1\.cm': data\.mode is not a literal \(.*upper/,
      /^la ressource 'kubernetes_config_map_v1\.cm' : data\.mode n'est pas une valeur littérale/,
    ],
    [
      'count (several objects from one block)',
      stack({ kubernetes_config_map_v1: { cm: { count: 2, metadata: { name: 'settings', namespace: 'records' } } } }),
      /^resource 'kubernetes_config_map_v1\.cm' uses count: Terraform may create several objects from it, a manifest describes one$/,
      /utilise count : Terraform peut en créer plusieurs objets/,
    ],
    [
      'a resource that creates no object of its own',
      stack({
        kubernetes_labels: {
          l: { api_version: 'v1', kind: 'Namespace', metadata: { name: 'records' }, labels: { a: 'b' } },
        },
      }),
      /^resource 'kubernetes_labels\.l' \(kubernetes_labels\) creates no Kubernetes object of its own: a manifest cannot hold it$/,
      /ne crée aucun objet Kubernetes propre/,
    ],
    [
      "another provider's resource",
      stack({ null_resource: { wait: {} } }),
      /^resource 'null_resource\.wait' \(null_resource\) creates no Kubernetes object/,
      /^la ressource 'null_resource\.wait'/,
    ],
    [
      'objects for two clusters',
      stack({
        kubernetes_namespace_v1: { ns: NS, other: { provider: 'kubernetes.rabat', metadata: { name: 'other' } } },
      }),
      /^the stack applies objects to 2 clusters \(providers kubernetes, kubernetes\.rabat\): one directory of manifests is one cluster$/,
      /^la pile applique des objets à 2 clusters/,
    ],
    [
      'two resources creating one object',
      stack({ kubernetes_namespace_v1: { ns: NS, again: NS } }),
      /^resources 'kubernetes_namespace_v1\.ns' and 'kubernetes_namespace_v1\.again' create the same object Namespace\/records$/,
      /^les ressources .* créent le même objet Namespace\/records$/,
    ],
    [
      'one object under two API versions',
      stack({
        kubernetes_deployment_v1: { d: { metadata: { name: 'api', namespace: 'records' }, spec: {} } },
        kubernetes_manifest: {
          m: {
            manifest: {
              apiVersion: 'extensions/v1beta1',
              kind: 'Deployment',
              metadata: { name: 'api', namespace: 'records' },
            },
          },
        },
      }),
      /^resources 'kubernetes_deployment_v1\.d' and 'kubernetes_manifest\.m' create the same object Deployment\/records\/api$/,
      /créent le même objet Deployment\/records\/api$/,
    ],
    [
      'an object without a name (generateName)',
      stack({
        kubernetes_manifest: {
          job: {
            manifest: {
              apiVersion: 'batch/v1',
              kind: 'Job',
              metadata: { generateName: 'migrate-', namespace: 'records' },
            },
          },
        },
      }),
      /^resource 'kubernetes_manifest\.job' has no metadata\.name: kubectl apply needs one$/,
      /^la ressource 'kubernetes_manifest\.job' n'a pas de metadata\.name : kubectl apply en a besoin$/,
    ],
  ])('%s', (_what, doc, en, fr) => {
    const refused = manifestsOf(doc);
    expect(refused.files).toEqual([]);
    expect(refused.kustomization).toBeUndefined();
    expect(refused.refused!.en).toMatch(en);
    expect(refused.refused!.fr).toMatch(fr);
  });

  test('writeKubernetesManifests writes no directory for a refused stack, and says why', () => {
    const dir = join(work, 'refused');
    const file = join(dir, 'kubernetes', 'stacks', 'site-1', 'cdk.tf.json');
    cpSync(join(out, 'kubernetes'), join(dir, 'kubernetes'), { recursive: true });
    rmSync(join(dir, 'kubernetes', 'manifests'), { recursive: true });
    cpSync(join(dir, 'kubernetes', 'stacks', SITE), join(dir, 'kubernetes', 'stacks', 'site-1'), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify(stack(configMap({ mode: '${var.mode}' }), { variable: { mode: { default: 'x' } } })),
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'kubernetes', 'manifest.json'), 'utf8'));
    manifest.stacks['site-1'] = {
      ...manifest.stacks[SITE],
      name: 'site-1',
      synthesizedStackPath: 'stacks/site-1/cdk.tf.json',
    };
    writeFileSync(join(dir, 'kubernetes', 'manifest.json'), JSON.stringify(manifest));
    const written = writeKubernetesManifests(dir);
    expect(written.map((m) => [m.stack, m.refused?.en.replace(/:.*/, '')])).toEqual([
      [SITE, undefined],
      ['site-1', "resource 'kubernetes_config_map_v1.cm'"],
    ]);
    expect(readdirSync(join(dir, 'kubernetes', 'manifests'))).toEqual([SITE]);
  });
});

describe('what Terraform does implicitly is written out, and every value reads back as kubectl decodes it', () => {
  test("a namespaced object without a namespace goes to 'default', as the provider applies it", () => {
    const written = manifestsOf(
      stack({ kubernetes_config_map_v1: { cm: { metadata: { name: 'loose' }, data: { a: 'b' } } } }),
    );
    const file = written.files.find((f) => f.id === 'ConfigMap/default/loose')!;
    expect(parseKubernetesYaml(file.text, file.name)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'loose', namespace: 'default' }, data: { a: 'b' } },
    ]);
    expect(file.name).toBe('02-configmap-default-loose.yaml');
  });

  test("a reference to a namespace's name is written as the name", () => {
    const written = manifestsOf(
      stack({
        kubernetes_config_map_v1: {
          cm: { metadata: { name: 'settings', namespace: '${kubernetes_namespace_v1.ns.metadata[0].name}' }, data: {} },
        },
      }),
    );
    expect(written.refused).toBeUndefined();
    expect(written.files.map((f) => f.id)).toEqual(['Namespace/records', 'ConfigMap/records/settings']);
  });

  test('strings YAML 1.1 would read as bools, numbers or nulls stay strings; text with line breaks and quotes too', () => {
    const data = {
      yes: 'yes',
      on: 'On',
      y: 'y',
      octal: '0o17',
      underscores: '1_000',
      tilde: '~',
      empty: '',
      hex: '0x1F',
      float: '.5',
      sexagesimal: '1:20',
      script: 'line one\nline "two": #not a comment\n  indented\n',
      crlf: 'a\r\nb',
      nel: 'x\u0085y\u2028z',
      fence: '```\n# heading\n---\n...',
      kept: 'last lines\n\n\n',
      indentedFirst: '  starts indented\nthen not',
      tab: 'a\tb\nc',
      controls: '\u0000\u007f\u0085\u009f\ufeff',
      emoji: 'sécurité 🇲🇦',
      indicators: '- x',
      colon: 'a: b',
      hash: 'a #b',
      flow: '[x, {y}]',
      at: '@x',
      bang: '!x',
      quote: "'x",
      spaces: ' x ',
      dots: '...',
      '<<': 'merge',
      '': 'empty key',
      date: '2026-12-06',
      cel: "object.spec.containers.all(c, c.image.startsWith('registry.gov.ma/'))",
    };
    const written = manifestsOf(stack(configMap(data, { labels: { 'example.org/true': 'true', enabled: 'off' } })));
    const file = written.files.find((f) => f.id === 'ConfigMap/records/settings')!;
    const [object] = parseKubernetesYaml(file.text, file.name) as any[];
    expect(object.data).toEqual(data);
    expect(object.metadata.labels).toEqual({ 'example.org/true': 'true', enabled: 'off' });
    // Keys too: `on:` would be the key true for kubectl.
    expect(file.text).toContain('\n  "yes": "yes"\n  "on": "On"\n');
    expect(file.text).toContain('\n  octal: "0o17"\n');
    // A configuration file reads as itself: a literal block.
    expect(file.text).toContain('\n  script: |\n    line one\n    line "two": #not a comment\n      indented\n');
    expect(file.text).toContain('\n  kept: |+\n    last lines\n\n\n');
    expect(file.text).toContain('\n  "<<": merge\n');
  });

  test('any string, as key or value, reads back as itself (property)', () => {
    const tricky = fc.constantFrom(
      // Code points, not UTF-16 units: a lone surrogate is refused before any YAML is written.
      ...Array.from('aZ09 -?:,[]{}#&*!|>\'"%@`.~_=+<\\/\t\n\r\u0000\u0085\u2028\u2029\ufeff\u00e9\u{1F1F2}'),
      'yes',
      'On',
      '0o',
      '0x',
      '1_0',
      '---',
      '...',
      '<<',
      '\n\n',
      '🇲🇦',
    );
    const text = fc.string({ unit: tricky, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.dictionary(text, text, { minKeys: 1, maxKeys: 4 }),
        fc.array(text, { maxLength: 3 }),
        (data, list) => {
          const object = {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'x', annotations: data },
            data,
            list,
          };
          expect(parseKubernetesYaml(manifestYaml(object), 'x.yaml')).toEqual([object]);
        },
      ),
      { numRuns: 300, seed: 20261206 },
    );
  });

  test('a lone half of a surrogate pair is refused, in a value or a key', () => {
    for (const data of [{ a: 'x\ud800' }, { ['k\udc00']: 'x' }]) {
      expect(manifestsOf(stack(configMap(data))).refused!.en).toMatch(
        /^resource 'kubernetes_config_map_v1\.cm': data(\.a)?.* holds half of a UTF-16 surrogate pair, which no YAML file can hold$/,
      );
    }
  });

  test('the suppressions of a resource move to the annotation the manifest reader reads: the finding is suppressed in both', () => {
    const suppression = { id: 'K8S-1', reason: 'the logging agent needs privileged pods on this node pool' };
    const doc = {
      resource: {
        kubernetes_namespace_v1: {
          ns: {
            '//': { 'sovereign-lz': { suppressions: [suppression] } },
            metadata: {
              name: 'logs',
              labels: {
                'sovereign-lz.io/classification': 'internal',
                'pod-security.kubernetes.io/enforce': 'privileged',
              },
            },
          },
        },
      },
    };
    const written = manifestsOf(doc);
    const [object] = parseKubernetesYaml(written.files[0].text, 'ns.yaml') as any[];
    expect(JSON.parse(object.metadata.annotations['sovereign-lz.io/suppressions'])).toEqual([suppression]);
    const dir = mkdtempSync(join(work, 'suppressed-'));
    writeFileSync(join(dir, 'site.tf.json'), JSON.stringify(doc));
    writeFileSync(join(dir, written.files[0].name), written.files[0].text);
    const k8s1 = (file: string) =>
      checkPaths([file], { cwd: dir, today: '2026-12-06' })
        .findings.filter((f) => f.control === 'K8S-1')
        .map((f) => [f.rule, f.status, f.suppressed, f.message]);
    expect(k8s1(written.files[0].name)).toEqual(k8s1('site.tf.json'));
    expect(k8s1('site.tf.json').map(([, , suppressed]) => suppressed)).toContain(true);
  });

  test('a stack whose name cannot name a directory is refused', () => {
    expect(siteManifests(stack({}), { stack: '../up', artifact: 'x' }).refused!.en).toBe(
      "stack name '../up' cannot name a directory",
    );
  });
});

describe('the reader and kustomize files', () => {
  test('a kustomization named alone is skipped as configuration, with nothing left to check', () => {
    const dir = mkdtempSync(join(work, 'kustomize-'));
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
    );
    let error: unknown;
    try {
      checkPaths(['kustomization.yaml'], { cwd: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SovereignLzError);
    expect((error as SovereignLzError).message).toMatch(
      /^kustomization\.yaml: no CloudFormation template, .* nothing to check \(skipped: kustomization\.yaml: kustomize's configuration, not an object of the cluster: /,
    );
  });

  test('a Kustomization in JSON, or in flow style, is skipped too', () => {
    const dir = mkdtempSync(join(work, 'kustomize-json-'));
    writeFileSync(
      join(dir, 'kustomization.json'),
      JSON.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' }),
    );
    writeFileSync(join(dir, 'flow.yaml'), '{apiVersion: kustomize.config.k8s.io/v1beta1, kind: Kustomization}\n');
    writeFileSync(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: records\n');
    const r = checkPaths([dir], { cwd: dir, classification: 'internal' });
    expect(r.skipped.map((s) => s.file)).toEqual(['flow.yaml', 'kustomization.json']);
    expect(r.inputs).toEqual(['ns.yaml']);
  });
});
