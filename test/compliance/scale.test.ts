import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import { largeTemplate } from './helpers/large-template';

// Scale, not speed: speed is measured by the benchmarks, not asserted in tests.
test('a 10,000-resource template is judged whole: every seeded violation is found', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slz-perf-'));
  try {
    const file = join(dir, 'large.template.json');
    writeFileSync(file, JSON.stringify(largeTemplate(1000)));
    const result = checkPaths([file], { cwd: dir, region: 'eu-west-3' });
    expect(result.summary.resources).toBe(10000);
    // Every group of ten has its seeded violations: rotation off (1/7), 30-day logs (1/5), SSH open (1/11).
    expect(result.findings.filter((f) => f.rule === 'KEY-2/kms-rotation')).toHaveLength(143);
    expect(result.findings.filter((f) => f.rule === 'NET-1/open-ingress')).toHaveLength(91);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
