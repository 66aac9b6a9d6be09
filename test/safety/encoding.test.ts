import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Element, type Node as XmlNode } from '@xmldom/xmldom';
import { parse as parseShell } from 'shell-quote';
import { synthesize } from '../../constructs/cli/synth';
import type { CheckResult } from '../../constructs/compliance/normalize/model';
import { formatMarkdown } from '../../constructs/compliance/report/report-markdown';
import { formatText } from '../../constructs/compliance/report/report-text';
import {
  markdownCell,
  markdownCode,
  markdownHeading,
  mermaidLabel,
  shellComment,
  shellQuote,
  SovereignLzError,
  terminalText,
  type JurisdictionProfile,
  type ZoneSummary,
} from '../../constructs/core';
import {
  buildPlan,
  formatDot,
  formatPlanMarkdown,
  formatPlanText,
  planDiagram,
  readComplianceReport,
  renderSvg,
  type Plan,
} from '../../constructs/plan';
import { publicSectorProfile } from '../../examples/morocco-public-sector/profile';
import { moroccoPublicSector } from '../../examples/morocco-public-sector/zone';
import { judge, template } from '../compliance/helpers/judge';

// A hostile value from a landing-zone declaration, a profile or an artifact must never become
// a command, a heading, an HTML tag or a terminal escape in what sovereign-lz writes: the
// encoders of core's output-encoding.ts one by one, then plan.md, plan.svg, compliance.md and
// the text outputs of a landing zone declared with hostile values, and of a cloud assembly
// edited by hand.

// CommonMark's reference implementation renders the Markdown as a viewer does (raw HTML kept, as
// GitHub would before sanitizing): what must not survive is a tag the value brought. It ships
// no types; it and @xmldom/xmldom are in node_modules through cdktf-cli and jsii.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmark = require('commonmark') as {
  Parser: new () => { parse(markdown: string): unknown };
  HtmlRenderer: new () => { render(document: unknown): string };
};

/** The HTML a CommonMark viewer makes of `markdown`. */
function html(markdown: string): string {
  return new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(markdown));
}

/** Every row of each table of `markdown` has as many cells as its header (cells split on unescaped pipes). */
function expectTablesOfEvenRows(markdown: string): void {
  let width = 0;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      width = 0;
      continue;
    }
    const cells = line.split(/(?<!\\)\|/).length - 2;
    if (!width) width = cells;
    else expect([line, cells]).toEqual([line, width]);
  }
}

/** Every line terminator a value may hold (CR LF, LF, CR, VT, FF, NEL, LS, PS). */
const LINE_BREAKS = ['\r\n', '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029'];
/** Any line terminator but LF, and any control character but LF and tab. */
const STRAY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const ANSI = '\u001b[31mred\u001b[0m\u001b[2J';
const OSC8 = '\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007';

const work = mkdtempSync(join(tmpdir(), 'slz-encoding-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('shellQuote', () => {
  test('leaves a word no shell reads specially as it is, and quotes every other with shell-quote', () => {
    expect(shellQuote('out/aws')).toBe('out/aws');
    expect(shellQuote('-chdir=out/kubernetes/stacks/ma-casablanca-1')).toBe(
      '-chdir=out/kubernetes/stacks/ma-casablanca-1',
    );
    expect(shellQuote('StackSetTemplates/AccountBaseline')).toBe('StackSetTemplates/AccountBaseline');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('=ls')).toBe('\\=ls');
    expect(shellQuote('$(rm -rf ~)')).toBe("'$(rm -rf ~)'");
    expect(shellQuote('`id`')).toBe('\\`id\\`');
    expect(shellQuote('$HOME')).toBe('\\$HOME');
    expect(shellQuote("it's")).toBe('"it\'s"');
    expect(shellQuote('say "hi"')).toBe('\'say "hi"\'');
    expect(shellQuote('a!b')).toBe('a\\!b');
    expect(shellQuote("it's $HOME `id` !")).toBe(`'it'"'"'s $HOME \`id\` !'`);
    expect(shellQuote('a;b|c&&d>e')).toBe('a\\;b\\|c\\&\\&d\\>e');
    expect(shellQuote('my zone/aws')).toBe("'my zone/aws'");
    expect(shellQuote('café/データ')).toBe('café/データ');
  });

  test('refuses a word with a line terminator or a control character, showing it escaped on one line', () => {
    for (const bad of [...LINE_BREAKS, '\t', '\u0000', '\u001b[31m', '\u0007', '\u007f', '\u009b']) {
      const word = `a${bad}b`;
      let error: unknown;
      try {
        shellQuote(word);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SovereignLzError);
      const message = (error as SovereignLzError).message;
      expect([JSON.stringify(word), (error as SovereignLzError).code]).toEqual([JSON.stringify(word), 'INPUT_INVALID']);
      expect(message).toMatch(
        /^"a\\.*b" cannot be a word of a shell command: it holds a line break or a control character$/,
      );
      expect([JSON.stringify(word), STRAY.test(message)]).toEqual([JSON.stringify(word), false]);
    }
  });

  // Each word the shells read back must be the word: bash as pasted into a terminal (history
  // expansion of `!` on), and dash, the POSIX sh of Debian.
  const WORDS = [
    '',
    'plain',
    'my zone',
    '$(rm -rf ~)',
    '`rm -rf ~`',
    "it's",
    'say "hi"',
    'a!b',
    "it's!",
    '!!',
    '!-1',
    'a\\b',
    '*',
    '?',
    '[ab]',
    '~',
    '~root',
    '#x',
    'a;b|c&&d',
    '>out',
    '<in',
    '-n',
    '=ls',
    'café',
    'データ 図',
    '{a,b}',
    "'",
    '"',
    '\\',
    '$HOME',
    '${HOME}',
    '$((1+1))',
    'a\u00a0b',
    'x=1',
    '%1',
    '^x',
  ];

  test.each([
    ['bash with history expansion', '/bin/bash', ['--noprofile', '--norc', '-s'], 'set -o history -H\n'],
    ['dash', '/bin/dash', ['-s'], ''],
  ])('%s reads every quoted word back as it was', (_name, shell, args, prelude) => {
    const home = mkdtempSync(join(work, 'home-'));
    const script = `${prelude}echo first\nprintf '%s\\036' ${WORDS.map(shellQuote).join(' ')}\n`;
    const r = spawnSync(shell, args, { input: script, encoding: 'utf8', cwd: home, env: { HOME: home, PATH: '' } });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('first');
    expect(r.stdout.slice('first\n'.length).split('\u001e').slice(0, -1)).toEqual(WORDS);
    expect(readdirSync(home)).toEqual([]);
  });
});

describe('shellComment', () => {
  test('keeps a comment on one line: every run of line terminators and control characters is one space', () => {
    expect(shellComment(`a${LINE_BREAKS.join('b')}c`)).toBe(`a${LINE_BREAKS.map(() => ' ').join('b')}c`);
    expect(shellComment('one\nrm -rf ~\r\n\n\u2028two')).toBe('one rm -rf ~ two');
    expect(shellComment(`  ${ANSI}$(rm -rf ~)\u0007  `)).toBe('[31mred [0m [2J$(rm -rf ~)');
    expect(shellComment('3. Records: Internal records')).toBe('3. Records: Internal records');
    expect(shellComment('')).toBe('');
    expect(shellComment('\n\t\u0085')).toBe('');
  });

  test('drops bidirectional controls, which would show the comment otherwise than it reads', () => {
    expect(shellComment('ok \u202e;hsab | moc.live//:ptth lruc\u202c end')).toBe('ok ;hsab | moc.live//:ptth lruc end');
    expect(shellComment('\u2066a\u2069\u2067b\u2068')).toBe('ab');
  });
});

describe('markdownCell', () => {
  test('escapes inline syntax and HTML, writes line breaks as <br> and control characters as spaces', () => {
    expect(markdownCell('a|b')).toBe('a\\|b');
    expect(markdownCell(SCRIPT)).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(markdownCell(IMG)).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(markdownCell(`a${LINE_BREAKS.join('b')}c`)).toBe(`a${LINE_BREAKS.map(() => '<br>').join('b')}c`);
    expect(markdownCell('`code` \\ *em* _em_ [link](javascript:alert(1))')).toBe(
      '\\`code\\` \\\\ \\*em\\* \\_em\\_ \\[link\\](javascript:alert(1))',
    );
    expect(markdownCell('\u001b[31mred\u0007')).toBe(' \\[31mred ');
    expect(markdownCell('&lt;script&gt; &#60; &#x3C; R&D a & b')).toBe('\\&lt;script\\&gt; \\&#60; \\&#x3C; R&D a & b');
    expect(markdownCell('<http://evil.example>')).toBe('\\<http://evil.example\\>');
    // Ordinary text stays as it was: an `_` inside a word can never start emphasis.
    expect(markdownCell('SERVICE_MANAGED, eu-west-3 · Paris (FR)')).toBe('SERVICE_MANAGED, eu-west-3 · Paris (FR)');
    expect(markdownCell('')).toBe('');
  });

  test('renders as the text itself in a table cell: no tag, no link, no extra cell', () => {
    const hostile = `${SCRIPT} ${IMG} | [x](javascript:alert(1)) \`${SCRIPT}\` &lt;b&gt;\n# Heading\n---`;
    const table = `| a | b |\n|---|---|\n| ${markdownCell(hostile)} | z |\n`;
    const out = html(table);
    expect(out).not.toMatch(/<(script|img|a|code|h\d|hr)\b/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&amp;lt;b&amp;gt;');
    // GitHub splits the row on unescaped pipes: still two cells.
    expect(
      table
        .split('\n')[2]
        .split(/(?<!\\)\|/)
        .slice(1, -1),
    ).toHaveLength(2);
  });
});

describe('markdownHeading', () => {
  test('keeps a heading on one line and escapes what would start or close one', () => {
    expect(markdownHeading('Evil\n# Forged\r\n## Again\u2028===\u2029---')).toBe('Evil # Forged ## Again === ---');
    expect(markdownHeading('# x')).toBe('\\# x');
    expect(markdownHeading('=== x')).toBe('\\=== x');
    expect(markdownHeading('- x')).toBe('\\- x');
    expect(markdownHeading('x #')).toBe('x \\#');
    expect(markdownHeading(`  ${SCRIPT}  `)).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(markdownHeading('Morocco (Law 05-20, DNSSI, Law 09-08)')).toBe('Morocco (Law 05-20, DNSSI, Law 09-08)');
    expect(markdownHeading('')).toBe('');
  });

  test('renders one heading whatever the value holds', () => {
    const out = html(`# Plan: ${markdownHeading(`x\n# Forged\n===\n${IMG} #`)}\n\ntext\n`);
    expect(out.match(/<h\d>/g)).toEqual(['<h1>']);
    expect(out).not.toMatch(/<img/);
    expect(out).toContain(`<h1>Plan: x # Forged === &lt;img src=x onerror=alert(1)&gt; #</h1>`);
  });
});

describe('markdownCode', () => {
  test('a code span where one can hold the value, else escaped text', () => {
    expect(markdownCode('aws/Records.template.json')).toBe('`aws/Records.template.json`');
    expect(markdownCode(SCRIPT)).toBe(`\`${SCRIPT}\``);
    expect(markdownCode('a|b')).toBe('`a\\|b`');
    expect(markdownCode('a|b', 'inline')).toBe('`a|b`');
    expect(markdownCode(`x\`${IMG}\``)).toBe('x\\`\\<img src=x onerror=alert(1)\\>\\`');
    expect(markdownCode('a\nb')).toBe('a<br>b');
    expect(markdownCode('a\u001b[2Jb')).toBe('a \\[2Jb');
    expect(markdownCode('')).toBe('');
    expect(html(markdownCode(`x\`${IMG}\``))).not.toMatch(/<img/);
    expect(html(markdownCode(SCRIPT))).toBe('<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>\n');
  });
});

describe('mermaidLabel', () => {
  test('keeps a label on one line inside its quotes, with entity codes for what would end it or bring HTML', () => {
    expect(mermaidLabel('a"b')).toBe('a#quot;b');
    expect(mermaidLabel(SCRIPT)).toBe('#lt;script#gt;alert(1)#lt;/script#gt;');
    expect(mermaidLabel('x\n```\n%%{init: {}}%%\ny')).toBe('x #96;#96;#96; %%{init: {}}%% y');
    expect(mermaidLabel('a|b&c #35;')).toBe('a#124;b#38;c #35;35;');
    expect(mermaidLabel(`a${LINE_BREAKS.join('')}b\u001b[31m`)).toBe('a b [31m');
    expect(mermaidLabel('9. ma-casablanca-1')).toBe('9. ma-casablanca-1');
  });
});

describe('terminalText', () => {
  test('strips ANSI and OSC sequences whole, and every other control character but tab and line feed', () => {
    expect(terminalText(ANSI)).toBe('red');
    expect(terminalText(OSC8)).toBe('click me');
    expect(terminalText('\u001b]0;owned-title\u0007x')).toBe('x');
    expect(terminalText('a\u0007b\u0008c\u0000d\u001be\u009b')).toBe('abcde');
    expect(terminalText('a\tb\nc')).toBe('a\tb\nc');
    expect(terminalText('plain text, 1 error')).toBe('plain text, 1 error');
    expect(terminalText('')).toBe('');
  });

  test('writes every line terminator as a line feed, or as a space on one line: a CR cannot overwrite the line', () => {
    expect(terminalText(`a${LINE_BREAKS.join('b')}c`)).toBe(`a${LINE_BREAKS.map(() => '\n').join('b')}c`);
    expect(terminalText('safe\rEVIL')).toBe('safe\nEVIL');
    expect(terminalText('a\nb\r\nc', { singleLine: true })).toBe('a b c');
    expect(terminalText(`id${OSC8}\n 2. Forged`, { singleLine: true })).toBe('idclick me  2. Forged');
  });

  test('drops bidirectional controls', () => {
    expect(terminalText('Records\u202egpj.exe\u202c')).toBe('Recordsgpj.exe');
  });
});

// ---------------------------------------------------------------------------------------------
// A landing zone declared with hostile values, synthesized as `sovereign-lz synth zone.json` does.

/** Shell payloads that leave a trace in $LOG if a shell ever runs them. */
const RUN = (tag: string) => `echo X-${tag} >>"$LOG"`;
const SHELL_PAYLOAD = `$(${RUN('s')}) \`${RUN('b')}\`; ${RUN('c')} | && '"`;

/**
 * A description with every line terminator, each followed by a command, and a fence closing the
 * code block (short: aws-cdk-lib takes 512 characters).
 */
function hostileDescription(tag: string): string {
  return [
    `Workload ${tag}`,
    ...LINE_BREAKS.map((br, i) => `${br}${RUN(`${tag}${i}`)}`),
    '\n```\n# Forged\n```sh\n',
    RUN(`${tag}f`),
    ` ${SHELL_PAYLOAD}`,
  ].join('');
}

const PROFILE_NAME = `Evil\n# Forged H1\n## Forged H2\r\n===\n${SCRIPT} #`;
const CONTEXT = `ctx-${SCRIPT}`;
const OPERATOR = `${IMG} & <b onmouseover=alert(1)>`;
const LEVEL_SOURCE = `${IMG} | ${SCRIPT}`;

const hostileProfile: JurisdictionProfile = {
  ...publicSectorProfile,
  name: PROFILE_NAME,
  levels: {
    ...publicSectorProfile.levels,
    public: { ...publicSectorProfile.levels.public, source: LEVEL_SOURCE },
    internal: { ...publicSectorProfile.levels.internal, source: LEVEL_SOURCE },
  },
  sites: publicSectorProfile.sites.map((s) => ({ ...s, operator: OPERATOR })),
  controls: {
    ...publicSectorProfile.controls,
    'RES-1': { ...publicSectorProfile.controls['RES-1'], source: `${SCRIPT}\n# Forged` },
  },
  attestations: [{ id: 'hostile', description: `${IMG}\n## Forged`, source: `${SCRIPT}|x|y`, reference: '`x` <b>' }],
};

const out = join(work, 'out');
let plan: Plan;

beforeAll(async () => {
  const dir = join(work, 'declaration');
  mkdirSync(dir);
  writeFileSync(join(dir, 'profile.json'), JSON.stringify(hostileProfile));
  const declaration = {
    ...moroccoPublicSector,
    profile: 'profile.json',
    sites: moroccoPublicSector.sites!.map((s) => ({ ...s, kubeconfigContext: CONTEXT })),
    workloads: moroccoPublicSector.workloads.map((w) => ({
      ...w,
      description: hostileDescription(w.name.slice(0, 3)),
    })),
  };
  writeFileSync(join(dir, 'zone.json'), JSON.stringify(declaration, null, 2));
  plan = (await synthesize(join(dir, 'zone.json'), out)).plan;
});

/** The lines of the ```sh block under a heading of plan.md (by default, the commands of the units). */
function commandsBlock(md: string, heading = '## Commands'): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf('```sh', Math.max(0, lines.indexOf(heading)));
  const end = lines.indexOf('```', start);
  expect([lines.indexOf(heading) >= 0, start > 0, end > start]).toEqual([true, true, true]);
  return lines.slice(start + 1, end);
}

/** The argument vectors each unit's commands run: `npx cdk deploy …`, `terraform … init`, `terraform … apply`. */
function expectedRuns(p: Plan): string[][] {
  return p.units.flatMap((u) => {
    if (u.kind === 'cloudformation') {
      return u.commands.length ? [['npx', 'cdk', 'deploy', '--app', `${p.outDir}/aws`, u.id]] : [];
    }
    const chdir = `-chdir=${p.outDir === '.' ? '' : `${p.outDir}/`}kubernetes/stacks/${u.id}`;
    return [
      ['terraform', chdir, 'init'],
      ['terraform', chdir, 'apply'],
    ];
  });
}

/**
 * The commands of the block as shell-quote parses them, comments left out: a list of argument
 * vectors; anything else (an operator but the `&&` between `terraform init` and `apply`, a
 * variable or command substitution, a glob, a comment after a command) fails the test.
 */
function parsedRuns(block: readonly string[]): string[][] {
  const runs: string[][] = [];
  for (const line of block) {
    const entries = parseShell(line, (name: string) => ({ substitution: name }));
    if (line.startsWith('#')) {
      expect([line, entries]).toEqual([line, [{ comment: line.slice(1) }]]);
      continue;
    }
    let run: string[] = [];
    for (const entry of entries) {
      if (typeof entry === 'string') run.push(entry);
      else if ('op' in entry && entry.op === '&&' && run[0] === 'terraform' && run[2] === 'init') {
        runs.push(run);
        run = [];
      } else throw new Error(`line ${JSON.stringify(line)}: ${JSON.stringify(entry)} is not a word`);
    }
    runs.push(run);
  }
  return runs;
}

/** Stand-ins for npx and terraform that log their arguments (separated by RS, each call ending with a line feed). */
function stubs(): { bin: string; log: string } {
  const bin = mkdtempSync(join(work, 'bin-'));
  for (const name of ['npx', 'terraform']) {
    writeFileSync(join(bin, name), `#!/bin/sh\nprintf '%s\\036' "\${0##*/}" "$@" >> "$LOG"\nprintf '\\n' >> "$LOG"\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { bin, log: join(bin, 'log') };
}

/**
 * What bash runs when the block is pasted into it (read line by line, history expansion on),
 * with only the stand-ins on the PATH: the argument vectors they logged, and what else the block
 * wrote (an injected `echo … >> "$LOG"` lands in the log too).
 */
function bashRuns(block: readonly string[]): { runs: string[][]; stderr: string; files: string[] } {
  const { bin, log } = stubs();
  const cwd = mkdtempSync(join(work, 'cwd-'));
  const r = spawnSync('/bin/bash', ['--noprofile', '--norc', '-s'], {
    input: `set -o history -H\n${block.join('\n')}\n`,
    encoding: 'utf8',
    cwd,
    env: { PATH: bin, LOG: log, HOME: cwd },
  });
  const text = readFileSync(log, 'utf8');
  return {
    runs: text
      .split(/(?<=\u001e)\n/)
      .filter(Boolean)
      .map((call) => call.split('\u001e').slice(0, -1)),
    stderr: r.stderr,
    files: readdirSync(cwd),
  };
}

describe('plan.md of a declaration with hostile values', () => {
  let md: string;
  beforeAll(() => {
    md = readFileSync(join(out, 'plan.md'), 'utf8');
  });

  test('the declared descriptions reach the plan whole (the test injects what it means to)', () => {
    const records = plan.units.find((u) => u.id === 'Records')!;
    expect(records.description).toContain(hostileDescription('rec'));
    expect(plan.units.find((u) => u.kind === 'terraform')!.target).toMatchObject({ contexts: [CONTEXT] });
  });

  test('the commands block holds exactly the deploy commands of the units, as shell-quote parses it', () => {
    const block = commandsBlock(md);
    expect(block.join('\n')).not.toMatch(STRAY);
    expect(parsedRuns(block)).toEqual(expectedRuns(plan));
    // Every line is a comment or one of the plan's commands.
    const commands = plan.units.flatMap((u) => u.commands.filter((c) => c.tool !== 'tofu').map((c) => c.command));
    expect(block.filter((l) => !l.startsWith('#'))).toEqual(commands);
    // The comments still say which unit is which, with its description on the same line.
    const records = block.find((l) =>
      l.startsWith(`# ${plan.units.find((u) => u.id === 'Records')!.order}. Records: `),
    )!;
    expect(records).toContain(`Workload rec ${RUN('rec0')} ${RUN('rec1')} ${RUN('rec2')}`);
  });

  test('the prerequisites block holds exactly the prerequisites’ commands, as shell-quote parses them', () => {
    const zone = JSON.parse(readFileSync(join(out, 'landing-zone.json'), 'utf8')) as ZoneSummary;
    const block = commandsBlock(md, '## Prerequisites');
    expect(block.join('\n')).not.toMatch(STRAY);
    const parsed = block
      .filter((l) => !l.startsWith('#'))
      .map((l) => parseShell(l).map((t) => (typeof t === 'string' ? t : (t as { op: string }).op)));
    const expected = zone.prerequisites
      .filter((p) => p.commands.length)
      .map((p) => p.commands.flatMap((words, i) => (i ? ['&&', ...words] : [...words])));
    expect(parsed).toEqual(expected);
    // The site's hostile kubeconfig context reaches a kubectl command as one word.
    expect(parsed.some((words) => words[0] === 'kubectl' && words.includes(CONTEXT))).toBe(true);
    // Every comment is one line: a description cannot open a line of its own.
    expect(block.filter((l) => l.startsWith('#')).length).toBe(
      zone.prerequisites.length + zone.prerequisites.filter((p) => !p.commands.length).length,
    );
  });

  test('the plain manifests block holds exactly the kubectl commands, the hostile context one word', () => {
    const block = commandsBlock(md, '## Without Terraform: plain manifests');
    expect(block.join('\n')).not.toMatch(STRAY);
    const site = plan.units.find((u) => u.kind === 'terraform')!;
    expect(block.filter((l) => !l.startsWith('#')).map((l) => parseShell(l))).toEqual([
      [
        'kubectl',
        `--context=${CONTEXT}`,
        'apply',
        '--server-side',
        '-k',
        `${plan.outDir === '.' ? '' : `${plan.outDir}/`}${site.manifests!.directory}`,
      ],
    ]);
  });

  test('bash, given the block as pasted, runs exactly the deploy commands and nothing injected', () => {
    const { runs, stderr, files } = bashRuns(commandsBlock(md));
    expect(stderr).toBe('');
    expect(files).toEqual([]);
    expect(runs).toEqual(expectedRuns(plan));
  });

  test('the profile name makes one heading: plan.md has exactly its own headings', () => {
    const outside = md.split(/^```[\s\S]*?^```$/m).join('');
    const headings = outside.split('\n').filter((l) => /^#{1,6} /.test(l));
    expect(headings).toEqual([
      '# Deployment plan: Evil # Forged H1 ## Forged H2 === \\<script\\>alert(1)\\</script\\> \\#',
      '## Prerequisites',
      '## Commands',
      '## Without Terraform: plain manifests',
      '## Workloads',
      '## StackSets',
      '## Data flows',
      '## Diagram',
    ]);
    const rendered = html(md);
    expect(rendered.match(/<h\d>/g)).toEqual(['<h1>', '<h2>', '<h2>', '<h2>', '<h2>', '<h2>', '<h2>', '<h2>']);
    expect(rendered).toContain('<h1>Deployment plan: Evil # Forged H1 ## Forged H2 === &lt;script&gt;');
  });

  test('no raw tag of a value survives: the context, the operator and the level source are text', () => {
    const outside = md.split(/^```[\s\S]*?^```$/m).join('');
    expect(outside).not.toMatch(/(?<!\\)<(script|img|b)\b/i);
    const rendered = html(md);
    expect(rendered).not.toMatch(/<(script|img|b)\b/i);
    expect(rendered).toContain('cluster ctx-&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered).toContain('&lt;img src=x onerror=alert(1)&gt; | &lt;script&gt;alert(1)&lt;/script&gt;');
    // Each row of each table still has the cells of its header.
    const rows = outside.split('\n').filter((l) => /^\| [a-z-]+ \| (public|internal|sensitive) \|/.test(l));
    expect(rows).toHaveLength(moroccoPublicSector.workloads.length);
    expectTablesOfEvenRows(outside);
  });

  test('the Mermaid block holds only Mermaid statements, and the fences are ours', () => {
    expect(md.split('\n').filter((l) => l.startsWith('```'))).toEqual([
      '```sh',
      '```',
      '```sh',
      '```',
      '```sh',
      '```',
      '```yaml',
      '```',
      '```mermaid',
      '```',
    ]);
    const mermaid = md.slice(md.indexOf('```mermaid\n') + 11, md.lastIndexOf('\n```'));
    for (const line of mermaid.split('\n')) {
      expect(line).toMatch(
        /^\s*(flowchart TB|subgraph \w+\["[^"]*"\]|end|class \w+ \w+|classDef |style \w+ |linkStyle \d+ |\w+(\[|\(|\[\()"[^"]*"(\]|\)|\)\])$|\w+ (-->|==>|-\.->|~~~)(\|"[^"]*"\|)? \w+$)/,
      );
    }
    for (const label of mermaid.match(/"[^"]*"/g)!) expect(label.replace(/<br\/>/g, '')).not.toMatch(/[<>`&]/);
    expect(mermaid).toContain('context ctx-#lt;script#gt;alert(1)#lt;/script#gt;');
  });
});

/** The SVG parsed as XML, with the parser's errors and warnings. */
function parseSvg(svg: string): { doc: ReturnType<DOMParser['parseFromString']>; problems: string[] } {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(
    svg,
    'image/svg+xml',
  );
  return { doc, problems };
}

function elements(node: XmlNode): Element[] {
  const children = Array.from(node.childNodes ?? []);
  return children.flatMap((c) => (c.nodeType === 1 ? [c as Element, ...elements(c)] : elements(c)));
}

/** Characters XML 1.0 forbids (a browser refuses the whole SVG). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

describe('plan.svg of a declaration with hostile values', () => {
  test('is well-formed XML with the values as text: no script, no event handler', () => {
    const svg = readFileSync(join(out, 'plan.svg'), 'utf8');
    expect(svg).not.toMatch(NOT_XML);
    const { doc, problems } = parseSvg(svg);
    expect(problems).toEqual([]);
    const all = elements(doc);
    expect(all[0].tagName).toBe('svg');
    expect(
      all.map((e) => e.tagName).filter((t) => !/^(svg|g|title|text|path|polygon|ellipse|polyline)$/.test(t)),
    ).toEqual([]);
    const handlers = all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)));
    expect(handlers).toEqual([]);
    const text = all
      .filter((e) => e.tagName === 'text')
      .map((e) => e.textContent)
      .join('\n');
    expect(text).toContain(`context ctx-${SCRIPT}`);
    expect(text).toContain(IMG);
  });

  // Graphviz writes a label's characters into the SVG as they are and decodes `&…;` references:
  // dot.ts turns control characters into spaces and writes `&` as `&amp;`.
  test('stays well-formed XML with a control character in a label', async () => {
    const hostile: Plan = {
      ...plan,
      places: plan.places.map((p) => ({ ...p, detail: `x\u001b[2J&#x1b;${ANSI}` })),
    };
    const svg = await renderSvg(formatDot(planDiagram(hostile)));
    expect(svg).not.toMatch(NOT_XML);
  });
});

describe('compliance.md of a declaration with hostile values', () => {
  test('the profile texts are text: no tag, no heading, rows of the same width', () => {
    const md = readFileSync(join(out, 'compliance.md'), 'utf8');
    const rendered = html(md);
    expect(rendered).not.toMatch(/<(script|img|b)\b/i);
    expect(md).toContain(
      `- **Profile:** Evil<br># Forged H1<br>## Forged H2<br>===<br>\\<script\\>alert(1)\\</script\\> #: \`morocco-public-sector\``,
    );
    expect(md).toContain(
      'Source: \\<script\\>alert(1)\\</script\\><br># Forged. Severity under `morocco-public-sector`',
    );
    expect(md).toContain(
      '| `hostile` | \\<img src=x onerror=alert(1)\\><br>## Forged | \\<script\\>alert(1)\\</script\\>\\|x\\|y | attested: \\`x\\` \\<b\\> |',
    );
    const headings = md.split('\n').filter((l) => /^#{1,6} /.test(l));
    expect(headings.filter((h) => /Forged|script/.test(h))).toEqual([]);
    expect(rendered.match(/<h1>/g)).toHaveLength(1);
    expectTablesOfEvenRows(md);
  });
});

// ---------------------------------------------------------------------------------------------
// A synth output edited by hand: a stack named to run commands, template descriptions with line
// breaks, a Terraform working directory with a substitution, as `sovereign-lz plan` reads them.

function editJson(file: string, edit: (doc: any) => void): void {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  edit(doc);
  writeFileSync(file, JSON.stringify(doc, null, 2));
}

function edited(name: string, edit: (dir: string) => void): string {
  const dir = join(work, name);
  cpSync(out, dir, { recursive: true });
  edit(dir);
  return dir;
}

const STACK_NAME = `Records $(${RUN('stack-subst')}) \`${RUN('stack-backtick')}\`; ${RUN('stack-semicolon')} && it's "x" !! *`;

describe('the plan of a hand-edited cloud assembly', () => {
  let hostile: Plan;
  let md: string;
  beforeAll(() => {
    const dir = edited('assembly', (d) => {
      editJson(join(d, 'aws', 'manifest.json'), (m) => {
        m.artifacts.Records.displayName = STACK_NAME;
      });
      for (const stack of ['Records', 'Analytics']) {
        editJson(join(d, 'aws', `${stack}.template.json`), (t) => {
          t.Description = hostileDescription(`t${stack}`);
        });
      }
      editJson(join(d, 'kubernetes', 'manifest.json'), (m) => {
        for (const stack of Object.values(m.stacks) as { workingDirectory: string }[]) {
          stack.workingDirectory = `${stack.workingDirectory} $(${RUN('chdir')})`;
        }
      });
    });
    hostile = buildPlan(dir, readComplianceReport(dir), { commandDir: 'out dir' });
    md = formatPlanMarkdown(hostile);
  });

  test('quotes the stack name and the working directory as one word each', () => {
    expect(hostile.units.find((u) => u.id === STACK_NAME)!.commands).toEqual([
      {
        tool: 'cdk',
        command: `npx cdk deploy --app 'out dir/aws' 'Records $(${RUN('stack-subst')}) \`${RUN('stack-backtick')}\`; ${RUN('stack-semicolon')} && it'"'"'s "x" !! *'`,
      },
    ]);
  });

  test('shell-quote and bash read the commands block as exactly the deploy commands', () => {
    const block = commandsBlock(md);
    expect(block.join('\n')).not.toMatch(STRAY);
    const expected = expectedRuns(hostile).map((run) =>
      run.map((w) => (w.startsWith('-chdir=') ? `${w} $(${RUN('chdir')})` : w)),
    );
    expect(expected.flat()).toContain(STACK_NAME);
    expect(parsedRuns(block)).toEqual(expected);
    const { runs, stderr, files } = bashRuns(block);
    expect([stderr, files]).toEqual(['', []]);
    expect(runs).toEqual(expected);
  });

  test('the text output shows the same commands, on their own lines', () => {
    const text = formatPlanText(hostile);
    for (const u of hostile.units) for (const c of u.commands) expect(text).toContain(`\n    $ ${c.command}\n`);
  });

  test.each([
    [
      'a line break',
      'Records\nrm -rf ~',
      /^aws\/Records\.template\.json: "Records\\nrm -rf ~" cannot be a word of a shell command: it holds a line break or a control character$/,
    ],
    ['a line separator', 'Records\u2028x', /^aws\/Records\.template\.json: "Records\\u2028x" cannot be a word/],
    ['an escape sequence', 'Records\u001b[2J', /^aws\/Records\.template\.json: "Records\\u001b\[2J" cannot be a word/],
    [
      'a leading dash',
      '--app=sh -c evil',
      /^aws\/Records\.template\.json: stack '--app=sh -c evil' starts with '-': cdk deploy would read it as an option$/,
    ],
  ])('refuses a stack whose name holds %s, naming its template', (what, name, message) => {
    const dir = edited(`refused ${what}`, (d) =>
      editJson(join(d, 'aws', 'manifest.json'), (m) => {
        m.artifacts.Records.displayName = name;
      }),
    );
    let error: unknown;
    try {
      buildPlan(dir, readComplianceReport(dir));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SovereignLzError);
    expect((error as SovereignLzError).code).toBe('INPUT_INVALID');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(STRAY);
  });
});

// ---------------------------------------------------------------------------------------------
// The text outputs: escape sequences in ids, paths and messages.

/** What is left of a text once the report's own colours are taken out: no ESC, no control character but LF and tab. */
function withoutOwnColours(text: string): string {
  return text.replace(/\u001b\[(0|1|31|32|33|34|90)m/g, '');
}

const ESCAPES = `${ANSI}${OSC8}\u001b]0;title\u0007\u009b2J\rFORGED\n 9. Forged`;

describe('terminal outputs', () => {
  test('formatPlanText prints no escape sequence and no line of a value', () => {
    const hostile: Plan = {
      ...plan,
      outDir: `out${ANSI}`,
      units: plan.units.map((u) => ({
        ...u,
        id: `${u.id}${ESCAPES}`,
        commands: u.commands.map((c) => ({ ...c, command: `${c.command}${OSC8}` })),
        target:
          u.target.kind === 'kubernetes'
            ? { ...u.target, contexts: [`ctx${ESCAPES}`] }
            : { ...u.target, description: `${u.target.description}${ESCAPES}` },
        deployedBy: u.deployedBy && { ...u.deployedBy, stackSet: `${u.deployedBy.stackSet}${ESCAPES}` },
      })),
      flows: plan.flows.map((f) => ({ ...f, ports: f.ports.map((p) => `${p}${ESCAPES}`) })),
    };
    const text = formatPlanText(hostile);
    expect(text).not.toMatch(STRAY);
    expect(text).toContain('LogArchivered');
    expect(text).toContain('click me');
    // As many lines as the plan of the same units with plain ids.
    expect(text.split('\n')).toHaveLength(formatPlanText({ ...plan, outDir: 'out' }).split('\n').length);
    expect(text.split('\n').filter((l) => /^ ?\d+\. /.test(l))).toHaveLength(plan.units.length);
  });

  const doc = template({
    [`Open${ESCAPES}`]: {
      Type: 'AWS::EC2::SecurityGroup',
      Metadata: { 'aws:cdk:path': `S/Open${OSC8}/Resource` },
      Properties: {
        GroupDescription: 'g',
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }],
      },
    },
    [`Data${ANSI}`]: {
      Type: 'AWS::S3::Bucket',
      Metadata: { 'sovereign-lz': { suppressions: [{ id: 'LOG-4', reason: `logged${ESCAPES}` }] } },
    },
    [`Unknown${OSC8}`]: { Type: 'AWS::Unknown::Thing' },
  });
  let result: CheckResult;
  beforeAll(() => {
    result = judge(doc, { file: `dir${ANSI}/S.template.json` });
  });

  test('the check finds the hostile resources (the test reaches the report)', () => {
    expect(result.findings.some((f) => f.resource.startsWith('Open\u001b'))).toBe(true);
    expect(result.findings.some((f) => f.suppressed && f.justification?.startsWith('logged\u001b'))).toBe(true);
  });

  test.each([false, true])('the text report (color %s) prints no escape sequence of a value', (color) => {
    const text = formatText(result, { color });
    expect(withoutOwnColours(text)).not.toMatch(STRAY);
    expect(text).not.toContain('FORGED\n');
    expect(text).toContain('Openredclick me');
    if (color) expect(text).toMatch(/\u001b\[31m/);
    else expect(text).not.toContain('\u001b');
  });

  test('compliance.md of the same result: no escape character, no tag, rows of the same width', () => {
    const md = formatMarkdown(result);
    expect(md).not.toMatch(STRAY);
    expect(html(md)).not.toMatch(/<(script|img)\b/i);
    expect(md).toContain('- **Inputs (1):** dir \\[31mred \\[0m \\[2J/S.template.json\n');
    expectTablesOfEvenRows(md);
  });
});
