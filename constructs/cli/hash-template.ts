import { Command } from 'commander';
import { resolve } from 'node:path';
import { readJsonFile } from '../compliance/read/cloud-assembly';
import { displayPath } from '../compliance/read/read-options';
import { SovereignLzError, terminalText } from '../core';
import { reportError } from './errors';
import { inputsHelp } from './help';
import { canonicalTemplateSha256, deployedTemplateOf, EVIDENCE_MANIFEST_FILE } from './evidence-manifest';

/** The flags of `sovereign-lz hash-template`, as commander parses them. */
export interface HashTemplateOptions {
  /** The canonical SHA-256 the template must have (64 hex digits, `sha256:` prefix allowed): exit 1 if it differs. */
  readonly expect?: string;
}

/** Where `hash-template` writes, and what it runs in. */
export interface HashTemplateIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

function processIo(): HashTemplateIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}

/** `--expect`'s value as lowercase hex; a value that is no SHA-256 is a usage error. */
function expectedHash(value: string): string {
  const hex = value
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new SovereignLzError(
      'USAGE',
      `--expect '${value}' is not a SHA-256 (64 hexadecimal digits, as canonicalSha256 in ${EVIDENCE_MANIFEST_FILE})`,
    );
  }
  return hex;
}

/**
 * `sovereign-lz hash-template FILE [--expect HEX]`: prints `sha256:HEX  FILE`, the SHA-256 of
 * the RFC 8785 canonical JSON of the template FILE holds (the template itself, or what
 * `aws cloudformation get-template` or `describe-stack-set` printed: see
 * {@link deployedTemplateOf}), the value `canonicalSha256` of `evidence-manifest.json`. Returns
 * the exit code: 0, or with `--expect` 0 when equal and 1 when different (one line on stderr);
 * 2 on bad usage or input (one line naming the file).
 */
export function runHashTemplate(file: string, options: HashTemplateOptions, io: Partial<HashTemplateIo> = {}): number {
  const { stdout, stderr, cwd } = { ...processIo(), ...io };
  try {
    const expected = options.expect === undefined ? undefined : expectedHash(options.expect);
    const path = resolve(cwd, file);
    const shown = displayPath(path, { cwd });
    const template = deployedTemplateOf(readJsonFile(path, { cwd }), shown);
    const actual = canonicalTemplateSha256(template);
    // The path is the user's own, but may hold anything: no escape sequence reaches the terminal.
    stdout(`sha256:${actual}  ${terminalText(shown, { singleLine: true })}\n`);
    if (expected !== undefined && expected !== actual) {
      stderr(
        `sovereign-lz: ${terminalText(shown, { singleLine: true })}: the canonical SHA-256 is ${actual}, not the expected ${expected}: this template is not the one recorded\n`,
      );
      return 1;
    }
    return 0;
  } catch (e) {
    return reportError(e, stderr, { oneLine: true });
  }
}

/** What `sovereign-lz hash-template --help` says FILE may be (see {@link deployedTemplateOf}). */
export const HASH_TEMPLATE_INPUTS_HELP = inputsHelp(
  'FILE, one JSON file',
  [
    {
      what: 'a CloudFormation template in JSON, e.g. one sovereign-lz synth wrote',
      example: 'sovereign-lz hash-template out/aws/Records.template.json',
    },
    {
      what: 'what aws cloudformation get-template printed, with or without --query TemplateBody',
      example: `aws cloudformation get-template --stack-name Records --template-stage Original --query TemplateBody --output json > deployed.json && sovereign-lz hash-template deployed.json --expect SHA256`,
    },
    {
      what: 'what aws cloudformation describe-stack-set printed (the StackSet, or its TemplateBody)',
      example: 'sovereign-lz hash-template stack-set.json --expect SHA256',
    },
  ],
  [
    `Not read: a YAML template (hash-template hashes JSON templates). SHA256 is canonicalSha256 in ${EVIDENCE_MANIFEST_FILE}.`,
  ],
);

/**
 * The `hash-template` subcommand for commander. `onExit` receives the exit code, e.g.
 * `cli.addCommand(hashTemplateCommand((code) => (exitCode = code)))`.
 */
export function hashTemplateCommand(onExit: (code: number) => void, io: Partial<HashTemplateIo> = {}): Command {
  return new Command('hash-template')
    .description(
      `print the SHA-256 of a CloudFormation template's canonical JSON (RFC 8785), as canonicalSha256 in ${EVIDENCE_MANIFEST_FILE}: the same for any serialization of the same template (exit 0; with --expect, 1 when it differs; 2: bad input)`,
    )
    .argument(
      '<file>',
      'a JSON template, or what aws cloudformation get-template or describe-stack-set printed (with or without --query ...TemplateBody)',
    )
    .option('--expect <sha256>', `the hash the template must have (canonicalSha256 of ${EVIDENCE_MANIFEST_FILE})`)
    .addHelpText('after', HASH_TEMPLATE_INPUTS_HELP)
    .exitOverride()
    .showHelpAfterError('(run sovereign-lz hash-template --help for usage)')
    .action((file: string, options: HashTemplateOptions) => onExit(runHashTemplate(file, options, io)));
}
