import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { checkPaths } from '../../constructs/compliance/check';
import {
  DEFAULT_MAX_FILE_BYTES,
  MAX_NESTING_DEPTH,
  YAML_COST_FACTOR,
} from '../../constructs/compliance/read/input-files';
import { bigTemplate } from './big-template';
import { bin, libraryError, root } from './cli';

// Big input is checked whole, in bounded time and memory, up to a documented cap per file
// (DEFAULT_MAX_FILE_BYTES, 100 MiB; YAML an eighth of it); above it, one clear line and exit 2.
// The suite checks a few MiB; the 50 MB figures of docs/reliability.md come from the same test
// run by hand: SOVEREIGN_LZ_BIG_INPUT_MB=50 npx jest test/reliability/big-input.test.ts
const dir = mkdtempSync(join(tmpdir(), 'slz-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MIB = 1024 * 1024;
const sizeMb = Number(process.env.SOVEREIGN_LZ_BIG_INPUT_MB ?? 4);

test(`a ${sizeMb} MiB CloudFormation template is checked whole by the CLI, within bounded memory`, () => {
  const big = bigTemplate(sizeMb * MIB);
  writeFileSync(join(dir, 'big.template.json'), big.text);
  // The child records its own wall time and peak resident memory as it exits.
  const measure = join(dir, 'measure.json');
  writeFileSync(
    join(dir, 'measure.js'),
    `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(${JSON.stringify(measure)}, JSON.stringify({ seconds: process.uptime(), cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6, maxRssKiB: u.maxRSS })); });\n`,
  );
  const args = ['check', 'big.template.json', '--region', 'eu-west-3', '--format', 'json', '--output', 'report.json'];
  const r = spawnSync(process.execPath, ['-r', join(dir, 'measure.js'), bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SOVEREIGN_LZ_DEBUG: '' },
    timeout: 300_000,
  });
  expect(r.stderr).toMatch(/^sovereign-lz: wrote report\.json: \d+ errors/);
  expect(r.status).toBe(1);

  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(report.summary.resources).toBe(big.groups * 4);
  const count = (rule: string) => report.findings.filter((f: { rule: string }) => f.rule === rule).length;
  expect(count('KEY-2/kms-rotation')).toBe(big.keysWithoutRotation);
  expect(count('LOG-2/log-group-retention')).toBe(big.shortRetentionGroups);

  const { seconds, cpuSeconds, maxRssKiB } = JSON.parse(readFileSync(measure, 'utf8')) as Record<string, number>;
  if (process.env.SOVEREIGN_LZ_BIG_INPUT_MB) {
    process.stdout.write(
      `big input: ${(big.text.length / MIB).toFixed(1)} MiB, ${big.groups * 4} resources: ` +
        `${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, peak RSS ${(maxRssKiB / 1024).toFixed(0)} MiB\n`,
    );
  }
  // Memory, not speed (speed depends on the machine's load): about 10 bytes per byte of JSON
  // were measured, plus the runtime; 16 per byte plus 250 MiB leaves room and still catches a
  // reader that keeps copies.
  expect(maxRssKiB * 1024).toBeLessThan(16 * big.text.length + 250 * MIB);
});

test('a file over the cap is refused before it is read: a sparse 2 GiB file, at once', () => {
  const file = join(dir, 'sparse.json');
  writeFileSync(file, '');
  truncateSync(file, 2048 * MIB);
  const started = Date.now();
  const error = libraryError(() => checkPaths(['sparse.json'], { cwd: dir }));
  expect(error).toEqual({
    code: 'INPUT_TOO_LARGE',
    message: `sparse.json: 2048.0 MiB is over the limit of ${DEFAULT_MAX_FILE_BYTES / MIB}.0 MiB for one input file (raise it with --max-file-size MB)`,
  });
  // Refused from its size alone: reading 2 GiB would take seconds (and fail: no string is that long).
  expect(Date.now() - started).toBeLessThan(2000);
});

test('the cap is an option; YAML may hold an eighth of it', () => {
  const big = bigTemplate(MIB / 4);
  writeFileSync(join(dir, 'one.template.json'), big.text);
  expect(checkPaths(['one.template.json'], { cwd: dir, region: 'eu-west-3' }).summary.resources).toBe(big.groups * 4);
  expect(libraryError(() => checkPaths(['one.template.json'], { cwd: dir, maxFileBytes: MIB / 8 })).code).toBe(
    'INPUT_TOO_LARGE',
  );
  // The same template in YAML (~170 KiB) fits under the default cap (12.5 MiB of YAML), not
  // under an eighth of 1 MiB.
  writeFileSync(join(dir, 'one.template.yaml'), stringify(JSON.parse(big.text)));
  expect(checkPaths(['one.template.yaml'], { cwd: dir, region: 'eu-west-3' }).summary.resources).toBe(big.groups * 4);
  expect(libraryError(() => checkPaths(['one.template.yaml'], { cwd: dir, maxFileBytes: MIB }))).toEqual({
    code: 'INPUT_TOO_LARGE',
    message: expect.stringMatching(
      /^one\.template\.yaml: [\d.]+ KiB of YAML is over the limit of 128\.0 KiB for one YAML file/,
    ),
  });
});

test('a YAML mapping of 5,000 keys is read in linear time (duplicate keys are still refused)', () => {
  const keys = Array.from({ length: 5000 }, (_, i) => `  Queue${i}:\n    Type: AWS::SQS::Queue\n`).join('');
  writeFileSync(join(dir, 'wide.yaml'), `Resources:\n${keys}`);
  expect(checkPaths(['wide.yaml'], { cwd: dir, region: 'eu-west-3' }).summary.resources).toBe(5000);
  writeFileSync(join(dir, 'wide-duplicate.yaml'), `Resources:\n${keys}  Queue4999:\n    Type: AWS::SNS::Topic\n`);
  expect(libraryError(() => checkPaths(['wide-duplicate.yaml'], { cwd: dir }))).toEqual({
    code: 'INPUT_INVALID',
    message: 'wide-duplicate.yaml:10002:3: not valid YAML: Map keys must be unique',
  });
});

test('docs/reliability.md states the limits as the code has them', () => {
  const doc = readFileSync(join(root, 'docs', 'reliability.md'), 'utf8');
  expect(doc).toContain(`at most **${DEFAULT_MAX_FILE_BYTES / MIB} MiB** (\`DEFAULT_MAX_FILE_BYTES\``);
  expect(doc).toContain(
    `(**${DEFAULT_MAX_FILE_BYTES / YAML_COST_FACTOR / MIB} MiB** by default, \`YAML_COST_FACTOR\`)`,
  );
  expect(doc).toContain(`more than ${MAX_NESTING_DEPTH} levels deep are refused (\`MAX_NESTING_DEPTH\`)`);
});
