import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize } from '../../constructs/cli/synth';
import { LandingZone, type LandingZoneDeclaration } from '../../constructs/landing-zone';
import { architectureSnapshot, synthesizeApp } from '../../constructs/testing';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';

// The architecture snapshot of the Morocco example: the same from `sovereign-lz synth` and from
// an in-process synth, and local: one changed placement or retention changes only the lines
// that name it. Four syntheses in all (the CLI's, and three in-process).
const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'slz-architecture-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function snapshotOf(name: string, declaration: LandingZoneDeclaration): string {
  return architectureSnapshot(
    synthesizeApp((context) => new LandingZone(declaration).build(context), join(work, name)),
  );
}

/** The declaration with one workload changed. */
function withWorkload(
  name: string,
  change: (w: LandingZoneDeclaration['workloads'][number]) => LandingZoneDeclaration['workloads'][number],
): LandingZoneDeclaration {
  return {
    ...moroccoPublicSector,
    workloads: moroccoPublicSector.workloads.map((w) => (w.name === name ? change(w) : w)),
  };
}

/** docs/testing.md shows the diffs of these tests: each line of a diff as `-line` or `+line`. */
function expectDocumented({ removed, added }: { removed: string[]; added: string[] }): void {
  const docs = readFileSync(join(root, 'docs', 'testing.md'), 'utf8');
  for (const line of removed) expect(docs).toContain(`\n-${line}\n`);
  for (const line of added) expect(docs).toContain(`\n+${line}\n`);
}

/** The lines only `before` has, and those only `after` has (as multisets). */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const minus = (a: string[], b: string[]) => {
    const left = [...b];
    return a.filter((line) => {
      const i = left.indexOf(line);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  };
  const [a, b] = [before.split('\n'), after.split('\n')];
  return { removed: minus(a, b), added: minus(b, a) };
}

let fromCli: string;
let inProcess: string;
let traceSettingsAfter: { limit: number; prepare: unknown };
const traceSettingsBefore = { limit: Error.stackTraceLimit, prepare: Error.prepareStackTrace };

beforeAll(async () => {
  const out = join(work, 'cli');
  await synthesize(join(root, 'examples', 'morocco-public-sector', 'app.ts'), out);
  traceSettingsAfter = { limit: Error.stackTraceLimit, prepare: Error.prepareStackTrace };
  fromCli = architectureSnapshot(out);
  inProcess = snapshotOf('in-process', moroccoPublicSector);
});

test('synthesize restores the stack-trace settings it turns off while the app is built and synthesized', () => {
  expect(traceSettingsAfter.limit).toBe(traceSettingsBefore.limit);
  expect(traceSettingsAfter.prepare).toBe(traceSettingsBefore.prepare);
  expect(new Error('still traced').stack).toMatch(/still traced\n\s+at /);
});

test('two syntheses of the example (the CLI, in process) give byte-identical snapshots, with no path and no hash', () => {
  expect(inProcess).toBe(fromCli);
  expect(fromCli).not.toContain(work);
  expect(fromCli).not.toContain(root);
  // CDK logical ids end with 8 hex digits of a hash; asset hashes have 64.
  expect(fromCli).not.toMatch(/[a-z][0-9A-F]{8}\b/);
  expect(fromCli).not.toMatch(/[0-9a-f]{64}/);
  // No count of the whole zone: only per-unit figures.
  expect(fromCli).not.toMatch(/\btotal\b/i);
});

test('the snapshot of the Morocco example, and the facts that matter in it', () => {
  const lines = fromCli.split('\n').map((l) => l.trim());
  expect(lines).toContainEqual(
    expect.stringMatching(/^civil-registry: sensitive → site:ma-casablanca-1 · unit ma-casablanca-1 · /),
  );
  expect(lines).toContainEqual(
    expect.stringMatching(/^records: internal → aws:eu-west-3 · account 666666666666 · unit Records · /),
  );
  expect(lines).toContainEqual(
    expect.stringMatching(
      /^ma-casablanca-1: Terraform stack · cluster ma-casablanca-1 · site ma-casablanca-1 \(MA; national\) · sensitive · /,
    ),
  );
  expect(lines).toContain('LogArchive/Archive: bucket · Object Lock COMPLIANCE 365 days');
  expect(lines).toContainEqual(
    expect.stringMatching(
      /^StackSetTemplates\/AccountBaseline\/Baseline\/Key: customer-managed AWS KMS key of each target account of StackSet morocco-public-sector-baseline · rotation every 365 days · single-region · /,
    ),
  );
  expect(lines).toContain(
    'ma-casablanca-1/Cluster/Encrypted: storage class encrypted · rbd.csi.ceph.com · encrypted · keys held by vault-casablanca (allowlisted in-country key manager)',
  );
  expect(lines).toContain('network civil-registry/application → civil-registry/data · TCP 5432 · within the boundary');
  expect(lines).toContainEqual(expect.stringMatching(/^Records: pass .*; suppressed ENC-1$/));
  expect(fromCli).toMatchSnapshot();
});

test('a workload moved to another region changes only the lines that name it, its unit, and the region it left', () => {
  const moved = snapshotOf(
    'analytics-in-paris',
    withWorkload('analytics', (w) => ({ ...w, region: 'eu-west-3' })),
  );
  const { removed, added } = lineDiff(fromCli, moved);
  expectDocumented({ removed, added });
  const names = (l: string) => /\banalytics\b|\bAnalytics\b/.test(l);
  expect(removed.filter(names).map((l) => l.trim())).toEqual([
    expect.stringMatching(/^Analytics: CloudFormation stack · account 666666666666 · eu-south-2 /),
    expect.stringMatching(/^analytics: internal → aws:eu-south-2 · .* · pinned by the declaration · /),
  ]);
  expect(added.filter(names).map((l) => l.trim())).toEqual([
    expect.stringMatching(/^Analytics: CloudFormation stack · account 666666666666 · eu-west-3 /),
    expect.stringMatching(/^analytics: internal → aws:eu-west-3 · .* · pinned by the declaration · /),
  ]);
  // Inherent, not incidental: eu-south-2 lost its last workload, so the zone no longer builds a
  // network there, nor rolls the account baseline out to it. Nothing else changes.
  expect(removed.filter((l) => !names(l)).every((l) => /\bNetworkEuSouth2\b|^ {2}Organization StackSet /.test(l))).toBe(
    true,
  );
  expect(removed.filter((l) => !names(l) && /NetworkEuSouth2/.test(l)).length).toBeGreaterThanOrEqual(4);
  expect(added.filter((l) => !names(l)).map((l) => l.trim())).toEqual([
    expect.stringMatching(/^Organization StackSet morocco-public-sector-baseline: .* · regions eu-west-3$/),
  ]);
});

test('a changed retention changes only the line of that log group', () => {
  const longer = snapshotOf(
    'records-logs-400',
    withWorkload('records', (w) => ({
      ...w,
      stores: w.stores?.map((s) => (s.name === 'app-logs' ? { ...s, retentionDays: 400 } : s)),
    })),
  );
  expectDocumented(lineDiff(fromCli, longer));
  expect(lineDiff(fromCli, longer)).toEqual({
    removed: ['  Records/AppLogs: log group · kept 365 days'],
    added: ['  Records/AppLogs: log group · kept 400 days'],
  });
});

test('what is not a synth output is refused in one line', () => {
  expect(() => architectureSnapshot(work)).toThrow(
    /not a synth output \(no profile\.json beside aws\/ or kubernetes\/\)/,
  );
});
