import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDiff } from '../../constructs/cli/diff';
import { checkPaths } from '../../constructs/compliance/check';
import type { CheckResult } from '../../constructs/compliance/normalize/model';
import { writeReports } from '../../constructs/compliance/report/reports';
import { LandingZone } from '../../constructs/landing-zone';
import { buildPlan, formatMermaid, formatPlanText, planDiagram, readComplianceReport } from '../../constructs/plan';
import { synthesizeApp } from '../../constructs/testing';
import { publicSectorProfile } from '../../examples/morocco-public-sector/profile';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';

// The default example, synthesized once and mutated in copies. Its segmented VPCs and site
// judged as paths (issue #16's "done when"): untouched, every path is accounted for; an
// undeclared port opened on both policies of a flow, and a declared flow whose ingress policy is
// gone, are errors naming the policy; the plan marks the undeclared flow. And `diff` on two of
// its outputs (issue #17's): a bucket's encryption removed is the new ENC-1 error, exit 1.

const out = synthesizeApp((context) => new LandingZone(moroccoPublicSector).build(context));
const work = mkdtempSync(join(tmpdir(), 'slz-paths-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const SITE_FILE = join('kubernetes', 'stacks', 'ma-casablanca-1', 'cdk.tf.json');
type Policies = Record<string, { metadata: { name: string }; spec: Record<string, any> }>;

/** Checks a copy of the output whose site's network policies `change` edits. */
function check(name: string, change: (policies: Policies) => void = () => undefined): CheckResult {
  const dir = dirOf(name);
  cpSync(out, dir, { recursive: true });
  const doc = JSON.parse(readFileSync(join(dir, SITE_FILE), 'utf8'));
  change(doc.resource.kubernetes_network_policy_v1);
  writeFileSync(join(dir, SITE_FILE), JSON.stringify(doc));
  return checkPaths([dir], { profile: publicSectorProfile, cwd: dir, today: '2026-12-06' });
}

const dirOf = (name: string) => join(work, name);
const policyNamed = (policies: Policies, name: string) =>
  Object.entries(policies).find(([, p]) => p.metadata.name === name)!;
const FLOW = 'civil-registry-application-to-civil-registry-data-5432';
const net = (r: CheckResult) => r.findings.filter((f) => /^NET-[67]$/.test(f.control) && !f.suppressed);

test('untouched: every path of the VPCs and the site is accounted for, the site flow is open, the cross-world flow declared', () => {
  const r = check('untouched');
  expect(net(r).map((f) => [f.rule, f.severity, f.message])).toEqual([
    [
      'NET-7/site-flows',
      'info',
      expect.stringMatching(
        /^declared flow records\/application -> civil-registry\/application:8443 leaves its place \(aws:eu-west-3 -> site:ma-casablanca-1\)/,
      ),
    ],
  ]);
  // The network ACLs are judged as paths (NET-3), and so are the site's policies (NET-6).
  expect(r.findings.filter((f) => f.status === 'not-assessed')).toEqual([]);
  expect(r.passes.filter((p) => p.rule === 'NET-3/data-tier-reachability').length).toBeGreaterThan(0);
  expect(r.passes.filter((p) => p.rule === 'NET-6/namespace-paths').length).toBe(9);
  const site = r.paths!.find((m) => m.place === 'site:ma-casablanca-1')!;
  expect(site.rows.filter((row) => row.verdict === 'undeclared' || row.verdict === 'unknown')).toEqual([]);
  expect(site.flows.map((f) => [f.flow, f.verdict])).toEqual([
    ['civil-registry/application -> civil-registry/data:5432', 'open'],
    ['records/application -> civil-registry/application:8443', 'declared'],
  ]);
  expect(r.paths!.filter((m) => m.world === 'aws').map((m) => m.place)).toEqual(['aws:eu-west-3', 'aws:eu-south-2']);
});

test('an undeclared port opened on both policies of the flow is an error naming the opening policy', () => {
  const r = check('undeclared', (policies) => {
    policyNamed(policies, `${FLOW}-egress`)[1].spec.egress[0].ports.push({ port: '22', protocol: 'TCP' });
    policyNamed(policies, `${FLOW}-ingress`)[1].spec.ingress[0].ports.push({ port: '22', protocol: 'TCP' });
  });
  const [address] = policyNamed(
    JSON.parse(readFileSync(join(out, SITE_FILE), 'utf8')).resource.kubernetes_network_policy_v1,
    `${FLOW}-ingress`,
  );
  expect(
    net(r)
      .filter((f) => f.rule === 'NET-6/namespace-paths')
      .map((f) => [f.severity, f.resource, f.message]),
  ).toEqual([
    [
      'error',
      `kubernetes_network_policy_v1.${address}`,
      expect.stringMatching(/^undeclared path civil-registry-application -> civil-registry-data TCP 22, opened by /),
    ],
  ]);
  expect(r.summary.errors).toBe(1);
});

test('a declared flow without its ingress policy is an error naming the blocking layer', () => {
  const r = check('blocked', (policies) => {
    delete policies[policyNamed(policies, `${FLOW}-ingress`)[0]];
  });
  expect(
    net(r)
      .filter((f) => f.rule === 'NET-7/site-flows' && f.severity === 'error')
      .map((f) => f.message),
  ).toEqual([
    'declared flow civil-registry/application -> civil-registry/data:5432 (TCP) is blocked by the ingress of civil-registry-data (civil-registry-data/default-deny isolates it and no rule allows TCP 5432)',
  ]);
});

test("the plan marks the undeclared path's flow, from the check and from the compliance.json it wrote", () => {
  const r = check('plan', (policies) => {
    policyNamed(policies, `${FLOW}-egress`)[1].spec.egress[0].ports.push({ port: '22', protocol: 'TCP' });
    policyNamed(policies, `${FLOW}-ingress`)[1].spec.ingress[0].ports.push({ port: '22', protocol: 'TCP' });
  });
  const dir = dirOf('plan');
  writeReports(r, dir);
  for (const compliance of [r, readComplianceReport(dir, dir)]) {
    const plan = buildPlan(dir, compliance, { cwd: dir });
    const marked = plan.flows.filter((f) => f.undeclared);
    expect(marked.map((f) => [f.from, f.to, f.ports])).toEqual([
      [
        { unit: 'ma-casablanca-1', namespace: 'civil-registry-application' },
        { unit: 'ma-casablanca-1', namespace: 'civil-registry-data' },
        ['TCP 22', 'TCP 5432'],
      ],
    ]);
    const mermaid = formatMermaid(planDiagram(plan));
    expect(mermaid).toMatch(/-->\|"UNDECLARED · TCP 22, TCP 5432"\|/);
    expect(mermaid).toMatch(/linkStyle \d+ stroke:#e65100,stroke-width:3px,stroke-dasharray:6 3/);
    expect(formatPlanText(plan)).toContain('— undeclared (NET-6)');
  }
  // The untouched zone marks none.
  const clean = check('plan-clean');
  expect(buildPlan(dirOf('plan-clean'), clean, { cwd: dirOf('plan-clean') }).flows.some((f) => f.undeclared)).toBe(
    false,
  );
});

test('diff on two synth outputs, one with a bucket encryption removed: the new ENC-1 error, exit 1', () => {
  const write = (name: string, change: (dir: string) => void) => {
    const dir = dirOf(name);
    cpSync(out, dir, { recursive: true });
    change(dir);
    writeReports(checkPaths([dir], { profile: publicSectorProfile, cwd: dir, today: '2026-12-06' }), dir);
  };
  write('diff-old', () => undefined);
  write('diff-new', (dir) => {
    const file = join(dir, 'aws', 'Records.template.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const [id] = Object.entries(doc.Resources as Record<string, { Type: string }>).find(
      ([key, r]) => r.Type === 'AWS::S3::Bucket' && /^Documents[0-9A-F]{8}$/.test(key),
    )!;
    delete doc.Resources[id].Properties.BucketEncryption;
    writeFileSync(file, JSON.stringify(doc));
  });
  let text = '';
  const code = runDiff(
    'diff-old',
    'diff-new',
    { format: 'json' },
    {
      stdout: (t) => (text += t),
      stderr: () => undefined,
      cwd: work,
    },
  );
  expect(code).toBe(1);
  const diff = JSON.parse(text);
  const enc1 = diff.controls.find((c: { control: string }) => c.control === 'ENC-1');
  expect(enc1.new).toEqual([
    expect.objectContaining({ rule: 'ENC-1/s3-bucket-cmk', file: 'aws/Records.template.json', newError: true }),
  ]);
  expect(diff.summary).toMatchObject({ newErrors: 1 });
});
