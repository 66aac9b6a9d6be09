import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimOutputDir, OUTPUT_MARKER } from '../../constructs/cli/output-dir';
import { bin, root } from '../reliability/cli';

// `synth --out DIR` replaces DIR as a whole: it must never take a directory it did not write.
// Each scenario builds a small project (a git directory, a README, docs, the declaration being
// synthesized), runs the CLI as a user would, and asserts that every byte of the user's tree
// survives, the run exits 2 with one line saying why, and nothing new appears.

const MINIMAL = readFileSync(join(root, 'examples', 'minimal', 'zone.yaml'), 'utf8');

let work: string;
let project: string;
let home: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-own-'));
  project = join(work, 'project');
  home = join(work, 'home');
  mkdirSync(join(project, '.git', 'refs'), { recursive: true });
  writeFileSync(join(project, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(project, 'README.md'), '# Ministry landing zone\n');
  writeFileSync(join(project, 'zone.yaml'), MINIMAL);
  mkdirSync(join(project, 'docs'));
  writeFileSync(join(project, 'docs', 'runbook.md'), 'Do not delete.\n');
  writeFileSync(join(project, 'notes.txt'), 'notes\n');
  mkdirSync(join(home, 'keys'), { recursive: true });
  writeFileSync(join(home, 'keys', 'id'), 'secret\n');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Every file, directory and link under `dir`, with the content's hash: what must survive. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string, rel: string): void => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const key = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) out[key] = `link ${readlinkSync(full)}`;
      else if (stat.isDirectory()) {
        out[key] = 'dir';
        walk(full, key);
      } else out[key] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

function run(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SOVEREIGN_LZ_DEBUG: '', NO_COLOR: '1', HOME: home, ...env },
    timeout: 60_000,
  });
  const errors = r.stderr.split('\n').filter((l) => l && !/^sovereign-lz: synthesizing /.test(l));
  return { status: r.status, stderr: r.stderr, errors };
}

/** A synth into `out` from `cwd` is refused: exit 2, one line naming `--out` and why, and the whole work tree unchanged. */
function expectRefused(out: string, cwd: string, why: RegExp, app = join(project, 'zone.yaml')): void {
  const before = tree(work);
  const r = run(['synth', app, '--out', out], cwd);
  expect(r.status).toBe(2);
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]).toMatch(/^sovereign-lz: --out .*: refused: /);
  expect(r.errors[0]).toMatch(why);
  expect(r.errors[0]).toContain('Nothing was changed');
  expect(tree(work)).toEqual(before);
}

describe('synth refuses to replace what it did not write, and touches nothing', () => {
  test('--out . (the project being synthesized)', () => {
    expectRefused('.', project, /it is the working directory/);
  });

  test('--out .. (the parent tree)', () => {
    expectRefused('..', join(project, 'docs'), /it holds the working directory/);
  });

  test('--out docs (a directory of the user)', () => {
    expectRefused('docs', project, /not a sovereign-lz output \(it holds runbook\.md\)/);
  });

  test('--out "$OUTDIR" with the variable unset (an empty path)', () => {
    expectRefused('', project, /the path is empty/);
  });

  test('--out notes.txt (a file)', () => {
    expectRefused('notes.txt', project, /it is not a directory/);
  });

  test('--out / and the home directory, whatever they hold', () => {
    expectRefused('/', project, /it is the root directory/);
    writeFileSync(join(home, OUTPUT_MARKER), '{"tool":"sovereign-lz"}\n');
    expectRefused(home, project, /it is the home directory/);
  });

  test('the working directory or a directory holding the declaration, even when marked', () => {
    writeFileSync(join(project, OUTPUT_MARKER), '{"tool":"sovereign-lz"}\n');
    expectRefused('.', project, /working directory/);
    expectRefused('project', work, /it holds .*zone\.yaml, which this synth reads/);
  });

  test('a symbolic link or a dotted path to a refused directory is judged by its real path', () => {
    symlinkSync(join(project, 'docs'), join(work, 'link'));
    expectRefused(join(work, 'link'), work, /not a sovereign-lz output \(it holds runbook\.md\)/);
    expectRefused('project/docs/../docs/', work, /not a sovereign-lz output \(it holds runbook\.md\)/);
    symlinkSync(project, join(project, 'self'));
    expectRefused('self', project, /it is the working directory/);
  });

  test('a directory holding the app module (a .js file) is refused', () => {
    mkdirSync(join(work, 'app'));
    writeFileSync(join(work, 'app', OUTPUT_MARKER), '{"tool":"sovereign-lz"}\n');
    writeFileSync(join(work, 'app', 'app.js'), 'exports.build = () => { throw new Error("must not run"); };\n');
    expectRefused('app', work, /it holds .*app\.js, which this synth reads/, join(work, 'app', 'app.js'));
  });
});

describe('synth replaces an absent, empty or marked directory', () => {
  test('an absent directory is written and marked; a second run replaces it; an empty one is taken', () => {
    const first = run(['synth', 'zone.yaml', '--out', 'out'], project);
    expect(first.status).toBe(0);
    const marker = JSON.parse(readFileSync(join(project, 'out', OUTPUT_MARKER), 'utf8'));
    expect(marker).toEqual({ tool: 'sovereign-lz', version: expect.any(String), format: 1 });
    const written = tree(join(project, 'out'));
    expect(run(['synth', 'zone.yaml', '--out', 'out'], project).status).toBe(0);
    expect(tree(join(project, 'out'))).toEqual(written);
    mkdirSync(join(project, 'empty'));
    expect(run(['synth', 'zone.yaml', '--out', 'empty'], project).status).toBe(0);
    expect(existsSync(join(project, 'empty', 'compliance.json'))).toBe(true);
    expect(readdirSync(project).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  test('an unmarked directory with exactly the layout of an earlier synth counts as marked; one more file does not', () => {
    const legacy = join(project, 'legacy');
    mkdirSync(join(legacy, 'aws'), { recursive: true });
    writeFileSync(join(legacy, 'aws', 'manifest.json'), '{"version":"48.0.0","artifacts":{}}\n');
    writeFileSync(join(legacy, 'profile.json'), '{}\n');
    writeFileSync(join(legacy, 'compliance.json'), '{"schemaVersion":1,"findings":[]}\n');
    writeFileSync(join(legacy, 'plan.md'), '# plan\n');
    writeFileSync(join(legacy, 'keep.txt'), 'mine\n');
    expectRefused('legacy', project, /not a sovereign-lz output/);
    rmSync(join(legacy, 'keep.txt'));
    expect(run(['synth', 'zone.yaml', '--out', 'legacy'], project).status).toBe(0);
    expect(existsSync(join(legacy, OUTPUT_MARKER))).toBe(true);
  });

  test('a compliance.json without schemaVersion is not an earlier output', () => {
    const other = join(project, 'other');
    mkdirSync(join(other, 'aws'), { recursive: true });
    writeFileSync(join(other, 'aws', 'manifest.json'), '{}\n');
    writeFileSync(join(other, 'profile.json'), '{}\n');
    writeFileSync(join(other, 'compliance.json'), '{"mine":true}\n');
    expect(() => claimOutputDir(other, { cwd: project })).toThrow(/not a sovereign-lz output/);
  });
});

describe('check --output and plan --write never overwrite an input of the same run', () => {
  const TEMPLATE = `${JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: {} } } }, null, 2)}\n`;

  test('check x.json --output x.json is refused, directly and through a link, and the template survives', () => {
    writeFileSync(join(project, 'x.json'), TEMPLATE);
    symlinkSync(join(project, 'x.json'), join(project, 'alias.json'));
    for (const output of ['x.json', './x.json', 'alias.json']) {
      const before = tree(work);
      const r = run(['check', 'x.json', '--classification', 'public', '--output', output], project);
      expect(r.status).toBe(2);
      expect(r.errors).toEqual([expect.stringMatching(/--output .*: refused: it is an input of this run/)]);
      expect(tree(work)).toEqual(before);
    }
  });

  test('check DIR --output DIR/t.json (a template read from the directory) is refused', () => {
    mkdirSync(join(project, 'cfn'));
    writeFileSync(join(project, 'cfn', 't.json'), TEMPLATE);
    const before = tree(work);
    const r = run(['check', 'cfn', '--classification', 'public', '--output', 'cfn/t.json'], project);
    expect(r.status).toBe(2);
    expect(tree(work)).toEqual(before);
  });

  test('check --output to a new file is written whole (atomically), leaving no temporary file', () => {
    writeFileSync(join(project, 'x.json'), TEMPLATE);
    const r = run(['check', 'x.json', '--classification', 'public', '--format', 'json', '--output', 'r.json'], project);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(project, 'r.json'), 'utf8')).schemaVersion).toBeDefined();
    expect(readdirSync(project).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  test('plan --write replaces a plan file that links to an input by a file, and the input survives', () => {
    expect(run(['synth', 'zone.yaml', '--out', 'out'], project).status).toBe(0);
    rmSync(join(project, 'out', 'plan.md'));
    symlinkSync(join(project, 'zone.yaml'), join(project, 'out', 'plan.md'));
    const zone = readFileSync(join(project, 'zone.yaml'));
    const r = run(['plan', 'out', '--write'], project);
    expect(r.status).toBe(0);
    expect(readFileSync(join(project, 'zone.yaml'))).toEqual(zone);
    expect(lstatSync(join(project, 'out', 'plan.md')).isSymbolicLink()).toBe(false);
  });
});
