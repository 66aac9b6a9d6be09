// zone.test.ts
import { rmSync } from 'node:fs';
import { LandingZone, type LandingZoneDeclaration } from 'sovereign-lz/landing-zone';
import { architectureSnapshot, planOf, synthesizeApp } from 'sovereign-lz/testing';
import 'sovereign-lz/testing/jest';

/** The landing zone under test: in your project, the declaration `sovereign-lz synth` builds. */
const zone: LandingZoneDeclaration = {
  name: 'records',
  profile: 'morocco',
  regions: ['eu-west-3'],
  workloads: [
    { name: 'portal', classification: 'public', stores: [{ name: 'content', kind: 'objects' }] },
    {
      name: 'records',
      classification: 'internal',
      stores: [
        { name: 'documents', kind: 'objects' },
        { name: 'app-logs', kind: 'logs', retentionDays: 400 },
      ],
    },
  ],
  flows: [{ from: 'portal', to: 'records', port: 443 }],
};

// Synthesized once for the file, laid out as `sovereign-lz synth --out DIR` writes it.
let out: string;
beforeAll(() => {
  out = synthesizeApp((context) => new LandingZone(zone).build(context));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('the architecture, in review as the lines a change touches', () => {
  const snapshot = architectureSnapshot(out);
  expect(snapshot).toContain('records: internal → aws:eu-west-3 · unit Records · placed by its classification');
  expect(snapshot).toContain('Records/AppLogs: log group · kept 400 days');
  expect(snapshot).toMatchSnapshot();
});

test('where each workload lives, and what may talk to what', () => {
  const plan = planOf(out);
  expect(plan).toPlaceWorkload('records', 'aws:eu-west-3');
  expect(plan).toAllowFlow('portal', 'records', 443);
  expect(plan).toDenyFlow('records', 'portal');
  expect(plan).toDenyFlow('portal', 'records', 22);
});
