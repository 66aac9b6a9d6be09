import { rmSync } from 'node:fs';
import { LandingZone } from '../../constructs/landing-zone';
import type { Plan } from '../../constructs/plan/model';
import { placementMatchers, planOf, readSynthOutput, synthesizeApp } from '../../constructs/testing';
import '../../constructs/testing/jest';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';

// The placement and flow matchers, on the plan of the Morocco example (one synthesis).
let out: string;
let plan: Plan;

beforeAll(() => {
  out = synthesizeApp((context) => new LandingZone(moroccoPublicSector).build(context));
  plan = planOf(out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('toPlaceWorkload', () => {
  test('passes where the declaration placed the workload and its unit deploys', () => {
    expect(plan).toPlaceWorkload('records', 'aws:eu-west-3');
    expect(plan).toPlaceWorkload('analytics', 'eu-south-2');
    expect(plan).toPlaceWorkload('civil-registry', 'site:ma-casablanca-1');
    expect(plan).toPlaceWorkload('civil-registry', 'ma-casablanca-1');
    expect(plan).not.toPlaceWorkload('records', 'site:ma-casablanca-1');
  });

  test('fails saying where the workload is, and why', () => {
    expect(() => expect(plan).toPlaceWorkload('analytics', 'aws:eu-west-3')).toThrow(
      "expected workload 'analytics' in aws:eu-west-3, but it is in aws:eu-south-2 (unit Analytics, account 666666666666, " +
        "pinned by the declaration: level 'internal' may be hosted in AWS region 'eu-south-2' (ES))",
    );
    expect(() => expect(plan).not.toPlaceWorkload('civil-registry', 'ma-casablanca-1')).toThrow(
      "expected workload 'civil-registry' not to be placed in ma-casablanca-1, but it is: site:ma-casablanca-1 " +
        "(unit ma-casablanca-1, placed by its classification: level 'sensitive' may be hosted in site 'ma-casablanca-1' (MA))",
    );
  });

  test('fails, negated or not, on an unknown workload or a unit that contradicts the declaration', () => {
    expect(() => expect(plan).not.toPlaceWorkload('recrods', 'eu-west-3')).toThrow(
      "toPlaceWorkload: no workload 'recrods' in the plan (did you mean 'records'?) (workloads: citizen-portal, records, analytics, civil-registry)",
    );
    const moved: Plan = {
      ...plan,
      units: plan.units.map((u) =>
        u.id === 'Records' && u.target.kind === 'aws' ? { ...u, target: { ...u.target, region: 'eu-south-2' } } : u,
      ),
    };
    expect(() => expect(moved).toPlaceWorkload('records', 'eu-west-3')).toThrow(
      /the declaration places workload 'records' in aws:eu-west-3 .*, but its unit deploys to aws:eu-south-2$/,
    );
    expect(() => expect({ ...plan, workloads: [] }).toPlaceWorkload('records', 'eu-west-3')).toThrow(
      'it is not the output of a landing-zone declaration (no landing-zone.json)',
    );
  });

  test('refuses what is not a plan', () => {
    expect(() => expect(out).toPlaceWorkload('records', 'eu-west-3')).toThrow(
      'toPlaceWorkload expects a deployment plan: planOf(outDir), buildPlan(…), or the parsed plan.json',
    );
  });
});

describe('toAllowFlow and toDenyFlow', () => {
  test('a NetworkPolicy between tiers allows its direction and port, nothing else', () => {
    expect(plan).toAllowFlow('civil-registry/application', 'civil-registry/data', 5432);
    expect(plan).toAllowFlow('civil-registry/application', 'civil-registry/data');
    expect(plan).toAllowFlow('civil-registry', 'civil-registry/data', 5432);
    expect(plan).toDenyFlow('civil-registry/data', 'civil-registry/application');
    expect(plan).toDenyFlow('civil-registry/application', 'civil-registry/data', 5433);
    expect(plan).not.toAllowFlow('civil-registry/application', 'civil-registry/data', 5433);
  });

  test('a declared flow that leaves the site is allowed; what no artifact or declaration allows is denied', () => {
    expect(plan).toAllowFlow('records/application', 'civil-registry/application', 8443);
    expect(plan).toAllowFlow('records', 'civil-registry', 8443);
    expect(plan).toDenyFlow('records', 'civil-registry/data');
    expect(plan).toDenyFlow('civil-registry/application', 'records');
    expect(plan).toDenyFlow('analytics', 'civil-registry/application', 8443);
    expect(plan).toDenyFlow('analytics', 'records');
  });

  test('fail saying which flows exist, or what allows the flow', () => {
    expect(() => expect(plan).toAllowFlow('analytics', 'civil-registry/application', 8443)).toThrow(
      'expected a flow from analytics to civil-registry/application on port 8443 to be allowed, but no network policy ' +
        'or declared flow allows it (default deny). Flows between workloads:\n' +
        '  network civil-registry/application → civil-registry/data · TCP 5432 · within the boundary\n' +
        '  declared records/application → civil-registry/application · TCP 8443 · carries internal · ' +
        'crosses the residency boundary · no artifact implements it',
    );
    // The policies' names, whatever they are: NetworkPolicy NAMESPACE/NAME.
    expect(() => expect(plan).toDenyFlow('civil-registry/application', 'civil-registry/data', 5432)).toThrow(
      new RegExp(
        '^expected a flow from civil-registry/application to civil-registry/data on port 5432 to be denied, but it is allowed by:\n' +
          '  network civil-registry/application → civil-registry/data · TCP 5432 · within the boundary ' +
          '\\(NetworkPolicy civil-registry-application/\\S+-egress; NetworkPolicy civil-registry-data/\\S+-ingress\\)$',
      ),
    );
  });

  test('fail, negated or not, on an end that names nothing', () => {
    expect(() => expect(plan).not.toAllowFlow('civil-registry/cache', 'civil-registry/data')).toThrow(
      "toAllowFlow: workload 'civil-registry' has no tier 'cache' (its tiers: application, data)",
    );
    expect(() => expect(plan).toDenyFlow('records', 'payments')).toThrow(
      "toDenyFlow: no workload or unit 'payments' in the plan (workloads: citizen-portal, records, analytics, civil-registry)",
    );
    // A misspelt end names the one meant, its tier kept.
    expect(() => expect(plan).not.toAllowFlow('civil-registy/application', 'civil-registry/dta')).toThrow(
      "toAllowFlow: no workload or unit 'civil-registy/application' in the plan (did you mean 'civil-registry/application'?) (workloads: ",
    );
    expect(() => expect(plan).not.toAllowFlow('civil-registry/application', 'civil-registry/dta')).toThrow(
      "toAllowFlow: workload 'civil-registry' has no tier 'dta' (did you mean 'data'?) (its tiers: application, data)",
    );
  });

  test('without a declaration, ends are units and namespaces', () => {
    const bare: Plan = { ...plan, workloads: [] };
    expect(bare).toAllowFlow('ma-casablanca-1/civil-registry-application', 'ma-casablanca-1/civil-registry-data', 5432);
    expect(bare).toDenyFlow('ma-casablanca-1/civil-registry-data', 'ma-casablanca-1/civil-registry-application');
  });

  test('are plain functions too, for expect.extend', () => {
    const result = placementMatchers.toAllowFlow(plan, 'civil-registry/application', 'civil-registry/data', 5432);
    expect(result.pass).toBe(true);
  });
});

test('readSynthOutput gives both worlds, the findings and the plan of a synthesized zone', () => {
  const output = readSynthOutput(out);
  expect(Object.keys(output.templates)).toEqual(plan.units.filter((u) => u.kind === 'cloudformation').map((u) => u.id));
  expect(Object.keys(output.terraform)).toEqual(['ma-casablanca-1']);
  const records = output.templates.Records as { Resources: Record<string, { Type: string }> };
  expect(Object.values(records.Resources).some((r) => r.Type === 'AWS::S3::Bucket')).toBe(true);
  expect(output.result.summary.errors).toBe(0);
  expect(output.result.summary.resources).toBe(plan.summary.resources);
  expect(output.profile.id).toBe('morocco-public-sector');
  expect(output.zone?.workloads.map((w) => w.name)).toEqual([
    'citizen-portal',
    'records',
    'analytics',
    'civil-registry',
  ]);
  expect(output.plan).toPlaceWorkload('civil-registry', 'site:ma-casablanca-1');
});
