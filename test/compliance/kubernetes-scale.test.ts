import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { checkPaths } from '../../constructs/compliance/check';
import type { CheckResult } from '../../constructs/compliance/normalize/model';
import { largeCluster } from './helpers/large-cluster';
import { PROFILE } from './helpers/kubernetes';

const OBJECTS = 4001;

/** Checks `text` written as `name`. */
function check(name: string, text: string): { result: CheckResult } {
  const dir = mkdtempSync(join(tmpdir(), 'slz-k8s-perf-'));
  try {
    writeFileSync(join(dir, name), text);
    const result = checkPaths([name], { cwd: dir, profile: PROFILE });
    return { result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Scale, not speed: speed is measured by the benchmarks, not asserted in tests.
test('a 4,000-object cluster is judged whole, from YAML and from a JSON List alike', () => {
  const objects = largeCluster(500);
  const yaml = check('cluster.yaml', objects.map((o) => stringify(o)).join('---\n'));
  const json = check('cluster.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  for (const { result } of [yaml, json]) {
    expect(result.summary.resources).toBe(OBJECTS);
    expect(result.findings.filter((f) => f.rule === 'NET-4/allow-all-rule')).toHaveLength(72);
    // One deployment in five has no affinity; a third of those hold internal data, which may run anywhere.
    expect(result.findings.filter((f) => f.rule === 'RES-1/node-affinity')).toHaveLength(66);
  }
});
