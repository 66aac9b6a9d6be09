import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConstructValidationError, exitCodeOf, RULE_BROKEN, SovereignLzError } from '../../constructs/core';
import { DeclarationError } from '../../constructs/landing-zone';
import { cli, errorLines, root } from '../reliability/cli';

// One meaning per exit code, for every command: 0 compliant, 1 a rule of the profile is
// broken (wherever it was found: a declaration, a construct's props, the artifacts), 2 a usage
// error or unreadable input. Nothing is written when a declaration or construct is refused.

const MINIMAL = readFileSync(join(root, 'examples', 'minimal', 'zone.yaml'), 'utf8');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'slz-exit-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(join(work, name), text);
  return join(work, name);
}

/** A declaration derived from the minimal example. */
const zone = (edit: (text: string) => string) => edit(MINIMAL);

describe('the library: a refusal whose every problem names a control carries RULE_BROKEN', () => {
  test('construct and declaration errors', () => {
    expect(new ConstructValidationError('A/B', [{ rule: 'RES-1', message: 'x' }]).code).toBe(RULE_BROKEN);
    expect(new ConstructValidationError('A/B', [{ rule: 'PROPS', message: 'x' }]).code).toBe('CONSTRUCT_INVALID');
    expect(
      new ConstructValidationError('A/B', [
        { rule: 'RES-1', message: 'x' },
        { rule: 'PROPS', message: 'y' },
      ]).code,
    ).toBe('CONSTRUCT_INVALID');
    expect(new DeclarationError([{ pointer: '/a', rule: 'KEY-1', message: { en: 'x', fr: 'x' } }]).code).toBe(
      RULE_BROKEN,
    );
    expect(new DeclarationError([{ pointer: '/a', rule: 'DECLARATION', message: { en: 'x', fr: 'x' } }]).code).toBe(
      'DECLARATION_INVALID',
    );
    expect(exitCodeOf(new SovereignLzError(RULE_BROKEN, 'x'))).toBe(1);
    expect(exitCodeOf(new SovereignLzError('INPUT_INVALID', 'x'))).toBe(2);
    expect(exitCodeOf(new Error('a bug'))).toBe(2);
  });
});

describe('synth: the same breach exits 1 wherever it is found', () => {
  test('a sensitive workload in Paris (a declaration) exits 1 and writes nothing', () => {
    const decl = file(
      'sensitive.yaml',
      zone((t) => t.replace('classification: internal', 'classification: sensitive')),
    );
    const out = join(work, 'out-sensitive');
    const r = cli(['synth', decl, '--out', out], work);
    expect(r.status).toBe(1);
    expect(errorLines(r.stderr).join('\n')).toMatch(/RES-1/);
    expect(existsSync(out)).toBe(false);
  });

  test('a malformed CIDR in a declaration is bad input: exit 2, nothing written', () => {
    const decl = file(
      'cidr.yaml',
      zone((t) =>
        t.replace('regions: [eu-west-3]', 'regions: [eu-west-3]\nnetwork:\n  cidrs: { eu-west-3: 10.0.0.0/99 }'),
      ),
    );
    const out = join(work, 'out-cidr');
    const r = cli(['synth', decl, '--out', out], work);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test("a construct's props that break a rule exit 1; props that are malformed exit 2", () => {
    const app = (name: string, stack: string) =>
      file(
        name,
        `const { App } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});
const { SovereignStack, SegmentedVpc } = require(${JSON.stringify(join(root, 'lib', 'constructs', 'aws'))});
exports.build = ({ awsOutdir }) => {
  const app = new App({ outdir: awsOutdir });
  ${stack}
  return { aws: app };
};
`,
      );
    const breach = app(
      'breach.js',
      "new SovereignStack(app, 'Records', { env: { region: 'eu-west-3' }, profile: 'morocco', classification: 'sensitive' });",
    );
    const r1 = cli(['synth', breach, '--out', join(work, 'out-breach')], work);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toContain("[Records] RES-1: level 'sensitive' may not be hosted in AWS region 'eu-west-3'");
    expect(existsSync(join(work, 'out-breach'))).toBe(false);
    const malformed = app(
      'malformed.js',
      "const s = new SovereignStack(app, 'Net', { env: { region: 'eu-west-3' }, profile: 'morocco', classification: 'internal' }); new SegmentedVpc(s, 'Vpc', { cidr: 'not-a-cidr' });",
    );
    const r2 = cli(['synth', malformed, '--out', join(work, 'out-malformed')], work);
    expect(r2.status).toBe(2);
    expect(existsSync(join(work, 'out-malformed'))).toBe(false);
  });

  test('check: the breach in an artifact exits 1, a missing file 2', () => {
    const template = file(
      'breach.json',
      JSON.stringify({
        Resources: {
          Q: {
            Type: 'AWS::SQS::Queue',
            Properties: { Tags: [{ Key: 'sovereign-lz.io/classification', Value: 'sensitive' }] },
          },
        },
      }),
    );
    expect(cli(['check', template, '--region', 'eu-west-3'], work).status).toBe(1);
    expect(cli(['check', join(work, 'absent.json')], work).status).toBe(2);
    expect(cli(['check', template, '--format', 'nonsense'], work).status).toBe(2);
  });
});
