import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';
import { largeTemplate } from './helpers/large-template';

test('checking reads a 10,000-resource template once and judges it in one pass, quickly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slz-perf-'));
  try {
    const file = join(dir, 'large.template.json');
    writeFileSync(file, JSON.stringify(largeTemplate(1000)));
    const started = process.hrtime.bigint();
    const result = checkPaths([file], { cwd: dir, region: 'eu-west-3' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(result.summary.resources).toBe(10000);
    // Every group of ten has its seeded violations: rotation off (1/7), 30-day logs (1/5), SSH open (1/11).
    expect(result.findings.filter((f) => f.rule === 'KEY-2/kms-rotation')).toHaveLength(143);
    expect(result.findings.filter((f) => f.rule === 'NET-1/open-ingress')).toHaveLength(91);
    // A generous floor so that a loaded CI machine does not fail it; the note reports the measured figure.
    expect(10000 / seconds).toBeGreaterThan(2000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
