import type { Command } from 'commander';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand } from '../../constructs/cli/check';
import { diffCommand } from '../../constructs/cli/diff';
import { hashTemplateCommand } from '../../constructs/cli/hash-template';
import { planCommand } from '../../constructs/cli/plan';
import { synthesize, synthInputsHelp } from '../../constructs/cli/synth';
import { exitCodeOf, SovereignLzError } from '../../constructs/core';

/** What `sovereign-lz <command> --help` prints, the command built in-process. */
function helpOf(command: Command): string {
  let out = '';
  command.configureOutput({ writeOut: (text) => (out += text) });
  command.outputHelp();
  return out;
}

/** The inputs the help lists: each `- what` line with the `$ example` under it. */
function inputsOf(help: string): { what: string; example: string }[] {
  const section = help.slice(help.indexOf('\nInputs: '));
  return [...section.matchAll(/^ {2}- (.+(?:\n {4}\S.*)*)\n {6}\$ (.+)$/gm)].map((m) => ({
    what: m[1].replace(/\n\s+/g, ' '),
    example: m[2],
  }));
}

describe('each command’s --help lists every input it accepts, each with an example', () => {
  const noop = () => undefined;

  test('check: templates, cloud assemblies, cdktf outputs, Terraform JSON, manifests, synth outputs, directories', () => {
    const help = helpOf(checkCommand(noop));
    const inputs = inputsOf(help);
    expect(inputs.map((i) => i.what)).toEqual([
      expect.stringMatching(/^a CloudFormation template, JSON or YAML \(\.json, \.yaml, \.yml, \.template;/),
      expect.stringMatching(/^an AWS CDK cloud assembly: a directory holding manifest\.json/),
      expect.stringMatching(/^a cdktf output: .*stacks\/<name>\/cdk\.tf\.json$/),
      expect.stringMatching(/^Terraform JSON \(\*\.tf\.json\).*--var-file$/),
      expect.stringMatching(/^Kubernetes manifests, YAML or JSON, several documents per file, List kinds/),
      expect.stringMatching(/^a synth output directory \(profile\.json beside aws\/ and kubernetes\/\)/),
      expect.stringMatching(/^any other directory, walked for the above/),
    ]);
    for (const input of inputs) expect(input.example).toMatch(/^sovereign-lz check \S/);
    expect(inputs.map((i) => i.example)).toEqual(
      expect.arrayContaining([
        'sovereign-lz check cdk.out',
        'sovereign-lz check cdktf.out',
        'sovereign-lz check out/',
        'sovereign-lz check main.tf.json --var-file prod.tfvars',
      ]),
    );
    // What is not read says what to do instead.
    expect(help).toContain('kubectl kustomize DIR > rendered.yaml');
    expect(help).toContain('Terraform HCL (.tf; only Terraform JSON is)');
  });

  test('plan, diff and hash-template', () => {
    expect(inputsOf(helpOf(planCommand(noop)))).toEqual([
      expect.objectContaining({ what: expect.stringMatching(/^a synth output: profile\.json, compliance\.json/) }),
    ]);
    expect(inputsOf(helpOf(planCommand(noop)))[0].example).toMatch(/^sovereign-lz plan \S/);
    const diff = inputsOf(helpOf(diffCommand(noop)));
    expect(diff.map((i) => i.what)).toEqual([
      'a synth output directory, whose compliance.json is read',
      'a compliance.json file, as sovereign-lz synth writes it or sovereign-lz check --format json --output FILE',
    ]);
    for (const input of diff) expect(input.example).toMatch(/^sovereign-lz diff \S+ \S+/);
    const hash = inputsOf(helpOf(hashTemplateCommand(noop)));
    expect(hash.map((i) => i.what)).toEqual([
      expect.stringMatching(/^a CloudFormation template in JSON/),
      expect.stringMatching(/^what aws cloudformation get-template printed/),
      expect.stringMatching(/^what aws cloudformation describe-stack-set printed/),
    ]);
    for (const input of hash) expect(input.example).toContain('sovereign-lz hash-template ');
  });

  test('synth: an example, a declaration, an app module, and what to do with TypeScript', () => {
    const inputs = inputsOf(synthInputsHelp(['eu-regulated', 'minimal', 'morocco-public-sector']));
    expect(inputs.map((i) => [i.what, i.example])).toEqual([
      [
        expect.stringMatching(/^an example that ships with sovereign-lz: /),
        'sovereign-lz synth eu-regulated --out out-example',
      ],
      [expect.stringMatching(/^a landing-zone declaration, YAML or JSON /), 'sovereign-lz synth zone.yaml --out out'],
      [expect.stringMatching(/^an app module exporting build\(context\)/), 'sovereign-lz synth dist/zone.js --out out'],
      [
        expect.stringMatching(/^a TypeScript module .* compile it first$/),
        'npx tsc && sovereign-lz synth dist/zone.js',
      ],
    ]);
    expect(inputs[0].what).toContain('eu-regulated, minimal, morocco-public-sector');
    // An installation without examples does not offer one.
    expect(inputsOf(synthInputsHelp([])).map((i) => i.example)).not.toContain(
      'sovereign-lz synth eu-regulated --out out-example',
    );
  });
});

describe('a TypeScript app module', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'slz-ts-app-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function refusal(file: string): Promise<SovereignLzError> {
    const out = join(work, 'out');
    try {
      await synthesize(file, out);
    } catch (e) {
      expect(e).toBeInstanceOf(SovereignLzError);
      expect(readdirSync(work)).not.toContain('out');
      return e as SovereignLzError;
    }
    throw new Error('expected the synth to be refused');
  }

  // jest transforms TypeScript, except under node_modules: a module there is read as plain Node
  // reads one without a TypeScript loader.
  const project = () => {
    const dir = join(work, 'node_modules', 'zone');
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  test.each(['zone.ts', 'zone.cts'])('%s is refused, exit 2, with "compile it first (tsc)"', async (name) => {
    const file = join(project(), name);
    writeFileSync(
      file,
      "import type { SynthContext } from 'sovereign-lz';\nexport const build = (c: SynthContext) => c;\n",
    );
    const e = await refusal(file);
    expect(e.code).toBe('APP_INVALID');
    expect(exitCodeOf(e)).toBe(2);
    expect(e.message).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: a TypeScript module, which Node cannot run as it is \\(.+\\): compile it first \\(tsc\\) and give the \\.js, or run sovereign-lz with a TypeScript loader registered`,
      ),
    );
    expect(e.message).not.toContain('\n');
  });

  test('a directory holding app.ts but no app.js is read through its app.ts', async () => {
    const dir = project();
    writeFileSync(join(dir, 'app.ts'), 'export const build = (): number => 1;\n');
    expect((await refusal(dir)).message).toContain(`${join(dir, 'app.ts')}: a TypeScript module`);
  });

  test('a JavaScript module with a syntax error is not taken for TypeScript', async () => {
    const file = join(project(), 'broken.js');
    writeFileSync(file, 'exports.build = (;\n');
    expect((await refusal(file)).message).toMatch(/broken\.js: cannot load the app module: /);
  });
});
