import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import {
  buildPlan,
  commandDirFor,
  dependencyOrder,
  formatDot,
  formatMermaid,
  formatPlanMarkdown,
  formatPlanText,
  planDiagram,
  readComplianceReport,
  renderSvg,
  writePlan,
  type Plan,
} from '../../constructs/plan';

// The plan of the Morocco example, synthesized once by the compiled CLI as `npm run synth`
// does; tests that change the output work on copies.
const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'slz-plan-'));
const out = join(work, 'out');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let plan: Plan;

/** The baseline StackSet of the example's organization, as the plan lists it. */
const BASELINE_STACK_SET = {
  id: 'Baseline013357C7',
  name: 'morocco-public-sector-baseline',
  permissionModel: 'SERVICE_MANAGED',
  // The organizational units the template creates, by name (not `GetAtt Units….Id`).
  organizationalUnits: ['LogArchive', 'Security', 'SharedNetwork', 'Workloads'],
  accounts: [],
  regions: ['eu-south-2', 'eu-west-3'],
};

/** The StackSet of the baseline's global part (the named audit role): the home region only. */
const BASELINE_GLOBAL_STACK_SET = {
  ...BASELINE_STACK_SET,
  id: 'BaselineGlobal6A71AB77',
  name: 'morocco-public-sector-baseline-global',
  regions: ['eu-west-3'],
};

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(root, 'lib/constructs/cli/main.js'), 'synth', '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  plan = buildPlan(out, readComplianceReport(out), { commandDir: 'out' });
});

/** A copy of the synth output, to change. */
function copy(name: string): string {
  const dir = join(work, name);
  cpSync(out, dir, { recursive: true });
  return dir;
}

function editJson(file: string, edit: (doc: any) => void): void {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  edit(doc);
  writeFileSync(file, JSON.stringify(doc, null, 2));
}

test('orders the units as the manifests do: the AWS stacks (log archive and organization first, the StackSet template of the nested assembly after the organization), then the in-country Terraform stack', () => {
  expect(plan.schemaVersion).toBe(2);
  // The organization trail after the archive it writes to (its bucket and key policies must exist first).
  expect(plan.units.map((u) => `${u.order} ${u.id} ${u.kind}`)).toEqual([
    '1 LogArchive cloudformation',
    '2 OrganizationTrail cloudformation',
    '3 Organization cloudformation',
    '4 StackSetTemplates/AccountBaseline cloudformation',
    '5 StackSetTemplates/AccountAccess cloudformation',
    '6 NetworkEuWest3 cloudformation',
    '7 NetworkEuSouth2 cloudformation',
    '8 CitizenPortal cloudformation',
    '9 Records cloudformation',
    '10 Analytics cloudformation',
    '11 ma-casablanca-1 terraform',
  ]);
  expect(plan.units.map((u) => u.artifact)).toEqual([
    'aws/LogArchive.template.json',
    'aws/OrganizationTrail.template.json',
    'aws/Organization.template.json',
    'aws/assembly-StackSetTemplates/StackSetTemplatesAccountBaseline551BE847.template.json',
    'aws/assembly-StackSetTemplates/StackSetTemplatesAccountAccessBB6A6629.template.json',
    'aws/NetworkEuWest3.template.json',
    'aws/NetworkEuSouth2.template.json',
    'aws/CitizenPortal.template.json',
    'aws/Records.template.json',
    'aws/Analytics.template.json',
    'kubernetes/stacks/ma-casablanca-1/cdk.tf.json',
  ]);
  // The nested assembly comes first in the manifest: the order follows the dependency on the organization.
  const manifest = JSON.parse(readFileSync(join(out, 'aws', 'manifest.json'), 'utf8'));
  expect(Object.keys(manifest.artifacts)[0]).toBe('assembly-StackSetTemplates');
});

test('targets: the declared accounts in the allowlisted regions abroad, the Casablanca cluster on national territory', () => {
  const [logArchive, trail, organization, , , networkParis, networkSpain, portal, records, analytics, casablanca] =
    plan.units;
  // CloudTrail creates an organization trail only from the management account.
  expect(trail.target).toMatchObject({ kind: 'aws', account: '111111111111', region: 'eu-west-3' });
  expect(organization.target).toEqual({
    kind: 'aws',
    account: '111111111111',
    region: 'eu-west-3',
    country: 'FR',
    location: 'Paris',
    description: 'account 111111111111, eu-west-3 · Paris, FR',
  });
  expect(organization.residency).toBe('abroad');
  expect(
    [logArchive, networkParis, networkSpain, portal, records, analytics].map(
      (u) => `${u.id} ${u.target.kind === 'aws' && `${u.target.account} ${u.target.region} ${u.target.country}`}`,
    ),
  ).toEqual([
    'LogArchive 222222222222 eu-west-3 FR',
    'NetworkEuWest3 444444444444 eu-west-3 FR',
    'NetworkEuSouth2 444444444444 eu-south-2 ES',
    'CitizenPortal 555555555555 eu-west-3 FR',
    'Records 666666666666 eu-west-3 FR',
    'Analytics 666666666666 eu-south-2 ES',
  ]);
  expect(analytics.residency).toBe('abroad');
  expect(casablanca.target).toEqual({
    kind: 'kubernetes',
    contexts: ['ma-casablanca-1'],
    site: 'ma-casablanca-1',
    country: 'MA',
    operator: 'National data center (DGSSI-qualified, Level 2)',
    description: 'cluster ma-casablanca-1 on site ma-casablanca-1 (MA)',
  });
  expect(casablanca.residency).toBe('national');
  expect(plan.places.map((p) => `${p.id} ${p.residency} ${p.units.join(',')}`)).toEqual([
    'site:ma-casablanca-1 national ma-casablanca-1',
    'aws:eu-west-3 abroad LogArchive,OrganizationTrail,Organization,StackSetTemplates/AccountBaseline,StackSetTemplates/AccountAccess,NetworkEuWest3,CitizenPortal,Records',
    'aws:eu-south-2 abroad NetworkEuSouth2,Analytics',
  ]);
});

test('a stack of no declared account targets the deploying account', () => {
  const dir = copy('unpinned');
  editJson(join(dir, 'aws', 'manifest.json'), (m) => {
    m.artifacts.LogArchive.environment = 'aws://unknown-account/eu-west-3';
  });
  const logArchive = buildPlan(dir, readComplianceReport(dir)).units.find((u) => u.id === 'LogArchive')!;
  expect(logArchive.target).toEqual({
    kind: 'aws',
    account: null,
    region: 'eu-west-3',
    country: 'FR',
    location: 'Paris',
    description: 'the deploying account, eu-west-3 · Paris, FR',
  });
  expect(logArchive.residency).toBe('abroad');
});

test('classification, jurisdiction, resource counts and compliance of each unit come from the artifacts and the check', () => {
  expect(plan.units.map((u) => `${u.id} ${u.classification} ${u.resources}`)).toEqual([
    'LogArchive internal 6',
    'OrganizationTrail internal 5',
    'Organization internal 11',
    'StackSetTemplates/AccountBaseline internal 4',
    'StackSetTemplates/AccountAccess internal 1',
    'NetworkEuWest3 internal 87',
    'NetworkEuSouth2 internal 87',
    'CitizenPortal public 12',
    'Records internal 14',
    'Analytics internal 12',
    'ma-casablanca-1 sensitive 33',
  ]);
  expect(new Set(plan.units.map((u) => u.jurisdiction))).toEqual(new Set(['morocco-public-sector']));
  const report = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8'));
  expect(plan.summary.resources).toBe(report.summary.resources);
  expect(plan.summary).toMatchObject({ units: 11, errors: 0, warnings: 0, suppressed: report.summary.suppressed });
  expect(plan.units.every((u) => u.compliance.status === 'passes')).toBe(true);
  const casablanca = plan.units[10];
  expect(casablanca.compliance.suppressed).toBe(
    report.findings.filter((f: any) => f.suppressed && f.file === casablanca.artifact).length,
  );
  expect(casablanca.namespaces.map((n) => `${n.name} ${n.classification} ${n.tier} ${n.workloads.join(',')}`)).toEqual([
    'civil-registry-application sensitive application Deployment/api',
    'civil-registry-data sensitive data StatefulSet/database',
    'sovereign-lz-logs sensitive management DaemonSet/log-forwarder',
  ]);
});

test('gives the command that deploys each unit: cdk deploy for stacks, terraform and tofu for Terraform stacks', () => {
  expect(plan.units[2].commands).toEqual([{ tool: 'cdk', command: 'npx cdk deploy --app out/aws Organization' }]);
  expect(plan.units[9].commands).toEqual([{ tool: 'cdk', command: 'npx cdk deploy --app out/aws Analytics' }]);
  expect(plan.units[10].commands).toEqual([
    {
      tool: 'terraform',
      command:
        'terraform -chdir=out/kubernetes/stacks/ma-casablanca-1 init && terraform -chdir=out/kubernetes/stacks/ma-casablanca-1 apply',
    },
    {
      tool: 'tofu',
      command:
        'tofu -chdir=out/kubernetes/stacks/ma-casablanca-1 init && tofu -chdir=out/kubernetes/stacks/ma-casablanca-1 apply',
    },
  ]);
});

test('commands name the output directory relative to the working directory, or run from it when it lies elsewhere', () => {
  const compliance = readComplianceReport(out);
  expect(buildPlan('out', compliance, { cwd: work }).units[0].commands[0].command).toBe(
    'npx cdk deploy --app out/aws LogArchive',
  );
  const elsewhere = buildPlan(out, compliance, { cwd: root });
  expect(elsewhere.outDir).toBe('.');
  // The StackSet template has no command: its StackSet deploys it.
  expect(elsewhere.units.map((u) => u.commands[0]?.command ?? null)).toEqual([
    ...['LogArchive', 'OrganizationTrail', 'Organization'].map((s) => `npx cdk deploy --app ./aws ${s}`),
    null,
    null,
    ...['NetworkEuWest3', 'NetworkEuSouth2', 'CitizenPortal', 'Records', 'Analytics'].map(
      (s) => `npx cdk deploy --app ./aws ${s}`,
    ),
    'terraform -chdir=kubernetes/stacks/ma-casablanca-1 init && terraform -chdir=kubernetes/stacks/ma-casablanca-1 apply',
  ]);
  expect(formatPlanMarkdown(elsewhere)).toContain('Deploy the units in this order, from the output directory');
  expect(commandDirFor(join(work, 'out', 'eu'), work)).toBe('out/eu');
  expect(buildPlan(out, compliance, { commandDir: 'my zone' }).units[10].commands[0].command).toBe(
    "terraform '-chdir=my zone/kubernetes/stacks/ma-casablanca-1' init && terraform '-chdir=my zone/kubernetes/stacks/ma-casablanca-1' apply",
  );
});

test('shows the data flows the artifacts show — the tier flow, the log sink, the backups — and the declared flow that leaves the site', () => {
  expect(plan.flows).toEqual([
    {
      kind: 'logs',
      from: { unit: 'ma-casablanca-1', namespace: 'sovereign-lz-logs' },
      to: { endpoint: 'log-sink:logs.casablanca.gov.ma' },
      ports: ['TCP 24224'],
      cidrs: ['10.30.0.0/24'],
      evidence: ['DaemonSet sovereign-lz-logs/log-forwarder', 'NetworkPolicy sovereign-lz-logs/allow-log-sink'],
      crossesBoundary: false,
    },
    {
      kind: 'network',
      from: { unit: 'ma-casablanca-1', namespace: 'civil-registry-application' },
      to: { unit: 'ma-casablanca-1', namespace: 'civil-registry-data' },
      ports: ['TCP 5432'],
      cidrs: [],
      evidence: [
        'NetworkPolicy civil-registry-application/civil-registry-application-to-civil-registry-data-5432-egress',
        'NetworkPolicy civil-registry-data/civil-registry-application-to-civil-registry-data-5432-ingress',
      ],
      crossesBoundary: false,
    },
    {
      kind: 'backup',
      from: { unit: 'ma-casablanca-1', namespace: 'civil-registry-data' },
      to: { endpoint: 'backup:minio-casablanca' },
      ports: [],
      cidrs: [],
      evidence: ['Schedule velero/sovereign-lz-civil-registry-data'],
      crossesBoundary: false,
    },
    {
      // No artifact implements it (it crosses a gateway the zone does not build): landing-zone.json says so.
      kind: 'declared',
      from: { unit: 'Records' },
      to: { unit: 'ma-casablanca-1', namespace: 'civil-registry-application' },
      ports: ['TCP 8443'],
      cidrs: [],
      evidence: ['landing-zone.json: records/application → civil-registry/application carries internal'],
      crossesBoundary: true,
      declaration: { from: 'records/application', to: 'civil-registry/application', carries: 'internal' },
    },
  ]);
  expect(plan.workloads.map((w) => `${w.name} ${w.classification} ${w.place} ${w.unit}`)).toEqual([
    'citizen-portal public aws:eu-west-3 CitizenPortal',
    'records internal aws:eu-west-3 Records',
    'analytics internal aws:eu-south-2 Analytics',
    'civil-registry sensitive site:ma-casablanca-1 ma-casablanca-1',
  ]);
  expect(plan.endpoints.map((e) => `${e.id} ${e.allowlisted} ${e.residency}`)).toEqual([
    'backup:minio-casablanca true national',
    'log-sink:logs.casablanca.gov.ma true national',
  ]);
});

test('follows stack dependencies of the manifest, whatever their order there', () => {
  const dir = copy('dependent');
  editJson(join(dir, 'aws', 'manifest.json'), (m) => {
    m.artifacts.Organization.dependencies.push('Analytics');
    m.artifacts.NetworkEuWest3.dependencies.push('Records');
  });
  const ids = buildPlan(dir, readComplianceReport(dir)).units.map((u) => u.id);
  // The StackSet template follows the organization wherever it goes.
  expect(ids).toEqual([
    'LogArchive',
    'OrganizationTrail',
    'NetworkEuSouth2',
    'CitizenPortal',
    'Records',
    'NetworkEuWest3',
    'Analytics',
    'Organization',
    'StackSetTemplates/AccountBaseline',
    'StackSetTemplates/AccountAccess',
    'ma-casablanca-1',
  ]);
});

test('dependencyOrder keeps the given order where it can and names a cycle', () => {
  const items = [
    { id: 'a', dependsOn: ['c'] },
    { id: 'b', dependsOn: [] },
    { id: 'c', dependsOn: ['elsewhere'] },
  ];
  expect(dependencyOrder(items, 'x').map((i) => i.id)).toEqual(['b', 'c', 'a']);
  expect(() =>
    dependencyOrder(
      [
        { id: 'a', dependsOn: ['b'] },
        { id: 'b', dependsOn: ['a'] },
      ],
      'aws/manifest.json',
    ),
  ).toThrow("aws/manifest.json: dependency cycle among 'a', 'b'");
});

test('lists the StackSets a unit creates and where they land', () => {
  const dir = copy('stacksets');
  editJson(join(dir, 'aws', 'Organization.template.json'), (t) => {
    t.Resources.Baseline = {
      Type: 'AWS::CloudFormation::StackSet',
      Properties: {
        StackSetName: 'sovereign-lz-baseline',
        PermissionModel: 'SERVICE_MANAGED',
        StackInstancesGroup: [
          {
            DeploymentTargets: { OrganizationalUnitIds: [{ Ref: 'UnitsWorkloads' }, 'ou-ab12-34cd5678'] },
            Regions: ['eu-west-3', 'eu-south-2'],
          },
        ],
      },
    };
  });
  const p = buildPlan(dir, readComplianceReport(dir), { commandDir: 'out' });
  const organization = p.units.find((u) => u.id === 'Organization')!;
  // The example's own baseline StackSet, and the one added here (sorted by logical id).
  expect(organization.stackSets).toEqual([
    {
      id: 'Baseline',
      name: 'sovereign-lz-baseline',
      permissionModel: 'SERVICE_MANAGED',
      organizationalUnits: ['Ref UnitsWorkloads', 'ou-ab12-34cd5678'],
      accounts: [],
      regions: ['eu-south-2', 'eu-west-3'],
    },
    BASELINE_STACK_SET,
    BASELINE_GLOBAL_STACK_SET,
  ]);
  expect(organization.resources).toBe(12);
  const md = formatPlanMarkdown(p);
  expect(md).toContain(
    '| Organization | sovereign-lz-baseline | SERVICE_MANAGED | Ref UnitsWorkloads, ou-ab12-34cd5678 | eu-south-2, eu-west-3 |',
  );
  expect(md).toContain(
    '| Organization | morocco-public-sector-baseline | SERVICE_MANAGED | LogArchive, Security, SharedNetwork, Workloads | eu-south-2, eu-west-3 |',
  );
  // Another StackSet in the same unit takes nothing from the template of the first.
  expect(p.units.find((u) => u.id === 'StackSetTemplates/AccountBaseline')!.deployedBy).toEqual({
    unit: 'Organization',
    stackSet: 'morocco-public-sector-baseline',
  });
});

test('the StackSet template is deployed by the StackSet of the organization: no command of its own, ordered after the organization', () => {
  const organization = plan.units.find((u) => u.id === 'Organization')!;
  const template = plan.units.find((u) => u.id === 'StackSetTemplates/AccountBaseline')!;
  const access = plan.units.find((u) => u.id === 'StackSetTemplates/AccountAccess')!;
  expect(organization.stackSets).toEqual([BASELINE_STACK_SET, BASELINE_GLOBAL_STACK_SET]);
  expect(organization.deployedBy).toBeNull();
  expect(template).toMatchObject({
    kind: 'cloudformation',
    description:
      'morocco-public-sector: the regional baseline of every account (deployed by the StackSet morocco-public-sector-baseline)',
    classification: 'internal',
    artifact: 'aws/assembly-StackSetTemplates/StackSetTemplatesAccountBaseline551BE847.template.json',
    deployedBy: { unit: 'Organization', stackSet: 'morocco-public-sector-baseline' },
    dependsOn: ['Organization'],
    commands: [],
    stackSets: [],
  });
  expect(template.target).toMatchObject({
    kind: 'aws',
    account: null,
    description: 'every account the StackSet morocco-public-sector-baseline targets, in eu-south-2, eu-west-3',
  });
  expect(template.order).toBe(organization.order + 1);
  expect(access).toMatchObject({
    deployedBy: { unit: 'Organization', stackSet: 'morocco-public-sector-baseline-global' },
    commands: [],
  });
  expect(access.target).toMatchObject({
    description: 'every account the StackSet morocco-public-sector-baseline-global targets, in eu-west-3',
  });
  // They are the only units without a command, and the only ones deployed by another.
  expect(plan.units.filter((u) => u.deployedBy !== null).map((u) => u.id)).toEqual([template.id, access.id]);
  expect(plan.units.filter((u) => u.commands.length === 0).map((u) => u.id)).toEqual([template.id, access.id]);

  const md = formatPlanMarkdown(plan);
  expect(md).toContain(
    '| 4 | StackSetTemplates/AccountBaseline | cloudformation | every account the StackSet morocco-public-sector-baseline targets, in eu-south-2, eu-west-3 | abroad | internal | 4 |',
  );
  // In the commands: the unit's heading, then the line saying so, then straight the next unit.
  expect(md).toContain(
    [
      '# 4. StackSetTemplates/AccountBaseline: morocco-public-sector: the regional baseline of every account (deployed by the StackSet morocco-public-sector-baseline)',
      '#   deployed by the StackSet morocco-public-sector-baseline of unit Organization: nothing to run',
      '# 5. StackSetTemplates/AccountAccess: morocco-public-sector: the audit access of every account (deployed by the StackSet morocco-public-sector-baseline-global)',
      '#   deployed by the StackSet morocco-public-sector-baseline-global of unit Organization: nothing to run',
      '# 6. NetworkEuWest3: ',
    ].join('\n'),
  );
  expect(md).not.toContain('cdk deploy --app out/aws StackSetTemplates');
  const text = formatPlanText(plan);
  expect(text).toContain(
    [
      '    every account the StackSet morocco-public-sector-baseline targets, in eu-south-2, eu-west-3 — abroad',
      '    deployed by the StackSet morocco-public-sector-baseline of unit Organization',
      ' 5. StackSetTemplates/AccountAccess ',
    ].join('\n'),
  );
  expect(formatMermaid(planDiagram(plan))).toContain(
    'unit_Organization -.->|"deploy first"| unit_StackSetTemplates_AccountBaseline',
  );
});

test('a cluster on no declared site is placed outside both sides of the boundary', () => {
  const dir = copy('nosite');
  editJson(join(dir, 'profile.json'), (p) => {
    p.sites = p.sites.filter((s: any) => s.name !== 'ma-casablanca-1');
  });
  const p = buildPlan(dir, readComplianceReport(dir), { commandDir: 'out' });
  expect(p.units[10].target).toMatchObject({ site: null, description: 'cluster ma-casablanca-1 on no declared site' });
  expect(p.units[10].residency).toBe('unknown');
  expect(formatMermaid(planDiagram(p))).toContain('subgraph g_unknown["Location not shown by the artifacts"]');
});

test('plan.md has the table of units in order and a Mermaid diagram of the sites, regions, units and flows', () => {
  const md = formatPlanMarkdown(plan);
  expect(md).toContain('| # | Unit | Kind | Target | Residency | Classification | Resources | Compliance | Artifact |');
  const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
  expect(rows.map((r) => r.split('|')[2].trim())).toEqual(plan.units.map((u) => u.id));
  expect(rows[10]).toContain(
    '| 11 | ma-casablanca-1 | terraform | cluster ma-casablanca-1 on site ma-casablanca-1 (MA) |',
  );
  expect(md).toContain('npx cdk deploy --app out/aws Organization');
  const mermaid = md.slice(md.indexOf('```mermaid'));
  expect(mermaid).toMatch(/^```mermaid\nflowchart TB\n/);
  for (const text of [
    'subgraph g_national["National territory (MA)"]',
    'subgraph g_abroad["Abroad (outside MA)"]',
    'Site ma-casablanca-1 (MA)',
    'AWS eu-west-3 · Paris, FR',
    'AWS eu-south-2',
    'namespace civil-registry-application<br/>sensitive · application',
    'ns_ma_casablanca_1_civil_registry_application -->|"TCP 5432"| ns_ma_casablanca_1_civil_registry_data',
    'class unit_CitizenPortal public',
    'unit_LogArchive ~~~ unit_Organization',
  ]) {
    expect(mermaid).toContain(text);
  }
  for (const unit of plan.units) expect(mermaid).toContain(`${unit.order}. ${unit.id}`);
  // The national territory holds the site, and abroad the regions.
  const national = mermaid.slice(mermaid.indexOf('g_national'), mermaid.indexOf('g_abroad'));
  expect(national).toContain('11. ma-casablanca-1');
  expect(national).not.toContain('eu-west-3');
  expect(national).not.toContain('eu-south-2');
});

test("the diagram's legend says what its colours, arrows and words mean, only those it draws, below the side with fewer boxes", () => {
  const diagram = planDiagram(plan);
  const level = 'classification of a unit or namespace (box colour)';
  expect(diagram.legend).toEqual({
    title: 'Legend',
    entries: [
      { sample: { type: 'level', level: 'public' }, label: 'public', text: level },
      { sample: { type: 'level', level: 'internal' }, label: 'internal', text: level },
      { sample: { type: 'level', level: 'sensitive' }, label: 'sensitive', text: level },
      { sample: { type: 'edge', edge: 'flow' }, label: '', text: 'data flow' },
      { sample: { type: 'edge', edge: 'crossing' }, label: '', text: 'data flow that crosses the residency boundary' },
      {
        sample: { type: 'edge', edge: 'dependency' },
        label: '',
        text: "deployment dependency: deploy the arrow's origin first",
      },
      {
        sample: { type: 'word', word: 'suppressed' },
        label: 'n suppressed',
        text: 'findings suppressed with a justification (see compliance.md)',
      },
    ],
  });
  const dot = formatDot(diagram);
  // The arrow across the boundary ranks neither end: each side is drawn from the top.
  expect(dot).toContain(
    'unit_Records -> ns_ma_casablanca_1_civil_registry_application [label="declared · TCP 8443", color="#c62828", penwidth=3, fontcolor="#c62828", constraint="false"];',
  );
  expect(dot).toContain(
    'ns_ma_casablanca_1_civil_registry_application -> ns_ma_casablanca_1_civil_registry_data [label="TCP 5432"];',
  );
  expect(dot).toMatch(/^ {2}legend \[shape="plain", label=<<TABLE .*<B>Legend<\/B>.*<\/TABLE>>\];$/m);
  // Below the national side, which has 6 boxes (abroad 10).
  expect([...dot.matchAll(/^ {2}(\w+) -> legend \[style=invis\];$/gm)].map((m) => m[1])).toEqual([
    'unit_ma_casablanca_1',
    'ns_ma_casablanca_1_civil_registry_application',
    'ns_ma_casablanca_1_civil_registry_data',
    'ns_ma_casablanca_1_sovereign_lz_logs',
    'ep_backup_minio_casablanca',
    'ep_log_sink_logs_casablanca_gov_ma',
  ]);

  // An undeclared flow (NET-6) adds its dashed orange arrow; without suppressed findings, no word.
  const other: Plan = {
    ...plan,
    flows: plan.flows.map((f) => (f.ports.includes('TCP 5432') ? { ...f, undeclared: true } : f)),
    units: plan.units.map((u) => ({ ...u, compliance: { ...u.compliance, suppressed: 0 } })),
  };
  const legend = planDiagram(other).legend!;
  expect(legend.entries.map((e) => Object.values(e.sample)[1])).toEqual([
    'public',
    'internal',
    'sensitive',
    'flow',
    'crossing',
    'undeclared',
    'dependency',
  ]);
  expect(legend.entries[5].text).toBe('UNDECLARED: a path that no declared flow accounts for (NET-6)');
  // Six dashes of 5 with gaps of 2, 3 high: the arrow's dashes and width.
  const dashes = formatDot(planDiagram(other)).match(
    /<TD FIXEDSIZE="TRUE" WIDTH="5" HEIGHT="3" BGCOLOR="#e65100"><\/TD>/g,
  );
  expect(dashes).toHaveLength(6);
});

/** Start and end tags balance, and nothing follows the root: enough to catch a truncated or broken SVG. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[3] === '/') continue;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0 && body.trimEnd().endsWith('</svg>');
}

test('writePlan writes plan.json, plan.md and a well-formed plan.svg rendered in-process, leaving no temporary file', async () => {
  const dir = copy('written');
  const written = await writePlan(dir, readComplianceReport(dir), { commandDir: 'out' });
  expect(written).toEqual({
    json: join(dir, 'plan.json'),
    markdown: join(dir, 'plan.md'),
    svg: join(dir, 'plan.svg'),
    plan,
  });
  expect(JSON.parse(readFileSync(written.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(plan)));
  expect(readFileSync(written.markdown, 'utf8')).toBe(formatPlanMarkdown(plan));
  const svg = readFileSync(written.svg, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(wellFormed(svg)).toBe(true);
  // Graphviz writes '-' as '&#45;'.
  for (const unit of plan.units) expect(svg).toContain(`${unit.order}. ${unit.id.replace(/-/g, '&#45;')}`);
  for (const text of ['National territory (MA)', 'Abroad (outside MA)', 'Site ma&#45;casablanca&#45;1 (MA)']) {
    expect(svg).toContain(text);
  }
  expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  // `check` still reads the output as before: the plan's files are no artifacts.
  expect(checkPaths([dir], { cwd: dir }).summary).toEqual(checkPaths([out], { cwd: out }).summary);
});

test('is deterministic: two outputs of the same app give byte-identical plan files', async () => {
  const first = copy('first');
  const second = copy('second');
  await writePlan(first, readComplianceReport(first), { commandDir: 'out' });
  await writePlan(second, readComplianceReport(second), { commandDir: 'out' });
  for (const file of ['plan.json', 'plan.md', 'plan.svg']) {
    expect(readFileSync(join(second, file))).toEqual(readFileSync(join(first, file)));
  }
});

test('renderSvg fails with Graphviz message on invalid DOT', async () => {
  await expect(renderSvg('digraph {')).rejects.toThrow(/^cannot render the diagram: /);
});

test('buildPlan refuses a directory that is not a synth output, in one line', () => {
  expect(() => buildPlan(work, { profile: 'x', findings: [] })).toThrow(
    `${work}: not a synth output (no profile.json beside aws/ or kubernetes/): run sovereign-lz synth --out ${work}`,
  );
});

test('a StackSet template whose StackSet no unit creates gets no command: deploying it as a stack would be wrong', () => {
  const dir = copy('orphan-template');
  editJson(join(dir, 'aws', 'Organization.template.json'), (t) => {
    for (const r of Object.values(t.Resources as Record<string, any>)) {
      if (r.Type === 'AWS::CloudFormation::StackSet') r.Properties.StackSetName = 'renamed';
    }
  });
  const p = buildPlan(dir, readComplianceReport(dir), { commandDir: 'out' });
  const template = p.units.find((u) => u.id === 'StackSetTemplates/AccountBaseline')!;
  expect(template.deployedBy).toEqual({ unit: null, stackSet: 'morocco-public-sector-baseline' });
  expect(template.commands).toEqual([]);
  expect(template.target.description).toBe(
    'the StackSet morocco-public-sector-baseline, which no unit of this output creates',
  );
  expect(formatPlanMarkdown(p)).toContain(
    '#   template of the StackSet morocco-public-sector-baseline, which no unit of this output creates: nothing to run',
  );
});
