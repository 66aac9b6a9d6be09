import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkPaths } from '../../constructs/compliance/check';

// Every artifact and report of every example is scanned for credentials, and IAM-1 passes on
// each without a suppression: what we generate grants no more than it needs.
const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'slz-secrets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const EXAMPLES = ['morocco-public-sector', 'eu-regulated', 'minimal'];

/** Patterns of credentials that must never be in an artifact or a report. */
const SECRETS: ReadonlyArray<[string, RegExp]> = [
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['AWS secret access key', /aws_secret_access_key|SecretAccessKey"?\s*[:=]\s*"?[A-Za-z0-9/+]{40}/i],
  ['private key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/],
  ['kubeconfig credential', /client-(?:key|certificate)-data|"(?:token|client_key|client_certificate|password)"\s*:/],
  ['bearer token or JWT', /\bBearer [A-Za-z0-9._-]{20,}|\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}/],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

function secretsIn(dir: string): string[] {
  const found: string[] = [];
  for (const file of files(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const [what, pattern] of SECRETS) {
      const m = pattern.exec(text);
      if (m) found.push(`${relative(dir, file)}: ${what} (${m[0].slice(0, 12)}…)`);
    }
  }
  return found;
}

const outs = new Map<string, string>();
beforeAll(() => {
  for (const example of EXAMPLES) {
    const out = join(work, example);
    const r = spawnSync(process.execPath, [join(root, 'lib/constructs/cli/main.js'), 'synth', example, '--out', out], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    outs.set(example, out);
  }
});

test.each(EXAMPLES)('no credential in any artifact or report of %s', (example) => {
  const out = outs.get(example)!;
  expect(files(out).length).toBeGreaterThan(10);
  expect(secretsIn(out)).toEqual([]);
});

test('the scan finds a credential planted in an artifact', () => {
  const out = outs.get('minimal')!;
  const planted = join(work, 'planted');
  cpSync(out, planted, { recursive: true });
  const template = join(planted, 'aws', 'Records.template.json');
  const doc = JSON.parse(readFileSync(template, 'utf8'));
  doc.Outputs = { Leak: { Value: 'AKIAIOSFODNN7EXAMPLE' } };
  writeFileSync(template, JSON.stringify(doc));
  expect(secretsIn(planted)).toEqual(['aws/Records.template.json: AWS access key id (AKIAIOSFODNN…)']);
});

// Every example creates IAM roles (backup, flow logs, trail delivery), so IAM-1 judges each.
test.each([
  ['morocco-public-sector', true],
  ['eu-regulated', true],
  ['minimal', true],
])('IAM-1 passes on %s without any suppression', (example, judged) => {
  const out = outs.get(example)!;
  const result = checkPaths([out], { cwd: out });
  expect(result.findings.filter((f) => f.control === 'IAM-1')).toEqual([]);
  expect(result.passes.some((p) => p.control === 'IAM-1')).toBe(judged);
});
