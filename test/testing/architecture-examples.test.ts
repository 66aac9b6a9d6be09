import { rmSync } from 'node:fs';
import { architectureSnapshot, synthesizeApp } from '../../constructs/testing';
import { build as euRegulated } from '../../examples/eu-regulated/app';
import { build as minimal } from '../../examples/minimal/app';

// The architecture snapshot of the other examples (the Morocco example's is in
// architecture-snapshot.test.ts): committed, so that any change to them shows in review.
const outs: string[] = [];
afterAll(() => outs.forEach((out) => rmSync(out, { recursive: true, force: true })));

function snapshotOf(build: Parameters<typeof synthesizeApp>[0]): string {
  const out = synthesizeApp(build);
  outs.push(out);
  return architectureSnapshot(out);
}

test('minimal: one internal workload in Paris, from a YAML declaration', () => {
  const snapshot = snapshotOf(minimal);
  expect(snapshot).toContain('records: internal → aws:eu-west-3 · unit Records · placed by its classification');
  expect(snapshot).toMatchSnapshot();
});

test('eu-regulated: an app of constructs, without a declaration, and an external key', () => {
  const snapshot = snapshotOf(euRegulated);
  expect(snapshot).toMatch(/^architecture under profile /);
  expect(snapshot).toContain('workloads\n  (no landing-zone declaration)\n');
  expect(snapshot).toMatch(/\n {2}arn:aws:kms:[^ ]+: external key · on the profile allowlist · used by Payments\//);
  expect(snapshot).toMatchSnapshot();
});
