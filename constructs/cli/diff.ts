import { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJsonFile } from '../compliance/read/cloud-assembly';
import { displayPath } from '../compliance/read/read-options';
import {
  DIFF_FORMATS,
  diffExitCode,
  diffResults,
  formatDiff,
  formatDiffSummary,
  isDiffFormat,
  parseDiffInput,
  type DiffInput,
} from '../compliance/report/report-diff';
import { REPORT_FILES, writeReportFile } from '../compliance/report/reports';
import { LANGUAGES, parseLanguage, SovereignLzError, suggestion, terminalText } from '../core';
import { reportError } from './errors';
import { inputsHelp } from './help';
import { realPathOf } from './output-dir';

/** The flags of `sovereign-lz diff`, as commander parses them. */
export interface DiffCommandOptions {
  /** `text` (default), `markdown` or `json`. */
  readonly format?: string;
  /** Write the diff to this file instead of stdout. */
  readonly output?: string;
  /** The language of the diff's words: `en` (default) or `fr`. Findings' messages stay as their run wrote them. */
  readonly lang?: string;
  /** The largest compliance.json read, in MiB (a decimal number); default 100. */
  readonly maxFileSize?: string;
}

/** Where `diff` writes, and what it runs in. */
export interface DiffIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

function processIo(): DiffIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}

const WHAT_TO_GIVE = `give a synth output directory (holding ${REPORT_FILES.json}) or a ${REPORT_FILES.json} written by sovereign-lz check --format json`;

/** `--max-file-size MB` in bytes, as `check` reads it; a value that is not a positive number is a usage error. */
function maxFileBytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const mib = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(mib > 0)) throw new SovereignLzError('USAGE', `--max-file-size '${value}' is not a positive number of MiB`);
  return Math.floor(mib * 1024 * 1024);
}

/** The compliance.json an argument names: the file itself, or the one in the directory. */
function reportFile(arg: string, cwd: string): string {
  const path = resolve(cwd, arg);
  let directory: boolean;
  try {
    directory = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SovereignLzError('INPUT_UNREADABLE', `${arg}: no such file or directory: ${WHAT_TO_GIVE}`);
    }
    // Anything else (permission denied…): the bounded read below names it.
    return path;
  }
  if (!directory) return path;
  const file = join(path, REPORT_FILES.json);
  if (!existsSync(file)) {
    throw new SovereignLzError('INPUT_INVALID', `${arg}: a directory without ${REPORT_FILES.json}: ${WHAT_TO_GIVE}`);
  }
  return file;
}

/**
 * `sovereign-lz diff OLD NEW [--format text|markdown|json] [--output FILE] [--lang en|fr]`.
 * Returns the exit code: 1 when NEW has a new unsuppressed error finding (new, no longer
 * suppressed, or become an error), 0 otherwise, 2 on a usage or input error (one line on stderr
 * naming the file and what to do; nothing written). Both inputs are read and checked before
 * anything is written.
 */
export function runDiff(
  oldPath: string,
  newPath: string,
  options: DiffCommandOptions,
  io: Partial<DiffIo> = {},
): number {
  const { stdout, stderr, cwd } = { ...processIo(), ...io };
  try {
    const format = options.format ?? 'text';
    if (!isDiffFormat(format)) {
      throw new SovereignLzError(
        'USAGE',
        `--format '${format}' is unknown${suggestion(format, DIFF_FORMATS)}: use ${DIFF_FORMATS.join(', ')}`,
      );
    }
    const language = parseLanguage(options.lang ?? 'en', '--lang');
    const maxBytes = maxFileBytes(options.maxFileSize);
    const files = [reportFile(oldPath, cwd), reportFile(newPath, cwd)] as const;
    const [before, after] = files.map((file): DiffInput => {
      const doc = readJsonFile(file, { cwd, maxFileBytes: maxBytes });
      return parseDiffInput(doc, displayPath(file, { cwd }));
    });
    const diff = diffResults(before, after);
    const sources = { old: displayPath(files[0], { cwd }), new: displayPath(files[1], { cwd }) };
    const text = formatDiff(diff, format, { language, sources });
    if (options.output !== undefined) {
      const target = realPathOf(resolve(cwd, options.output));
      // Never an input: `diff a.json b.json --output b.json` would replace what it compared.
      if (files.some((file) => realPathOf(file) === target)) {
        throw new SovereignLzError(
          'OUTPUT_REFUSED',
          `--output ${options.output}: refused: it is an input of this run; write the diff to another file. Nothing was changed`,
        );
      }
      writeReportFile(resolve(cwd, options.output), text, options.output);
      // The path is the user's own, but may hold anything: no escape sequence reaches the terminal.
      const wrote = language === 'fr' ? `${options.output} écrit : ` : `wrote ${options.output}: `;
      stderr(`sovereign-lz: ${terminalText(wrote + formatDiffSummary(diff, language), { singleLine: true })}\n`);
    } else {
      stdout(text);
    }
    return diffExitCode(diff);
  } catch (e) {
    return reportError(e, stderr, { oneLine: true });
  }
}

/** What `sovereign-lz diff --help` says OLD and NEW may be (each either). */
export const DIFF_INPUTS_HELP = inputsHelp('OLD and NEW, each one of', [
  {
    what: `a synth output directory, whose ${REPORT_FILES.json} is read`,
    example: 'sovereign-lz diff out-before/ out/ --format markdown',
  },
  {
    what: `a ${REPORT_FILES.json} file, as sovereign-lz synth writes it or sovereign-lz check --format json --output FILE`,
    example: 'sovereign-lz diff main.json branch.json --output diff.md --format markdown',
  },
]);

/**
 * The `diff` subcommand for commander. `onExit` receives the exit code (commander's action
 * cannot return one), e.g. `cli.addCommand(diffCommand((code) => (exitCode = code)))`.
 */
export function diffCommand(onExit: (code: number) => void, io: Partial<DiffIo> = {}): Command {
  return new Command('diff')
    .description(
      'compare two compliance results: new, fixed and changed findings, suppressions and resources per control (exit 0: no new error, 1: a new unsuppressed error, 2: bad input)',
    )
    .argument('<old>', `the earlier result: a synth output directory or a ${REPORT_FILES.json}`)
    .argument('<new>', `the later result: a synth output directory or a ${REPORT_FILES.json}`)
    .option('--format <format>', DIFF_FORMATS.join(', '), 'text')
    .option(
      '--output <file>',
      'write the diff to FILE instead of stdout, atomically (a temporary file, then a rename); never one of the inputs',
    )
    .option(
      '--lang <lang>',
      `language of the diff's words: ${LANGUAGES.join(', ')} (findings' messages stay in the language of their run; ids and keys are never translated)`,
      'en',
    )
    .option('--max-file-size <MB>', `refuse a ${REPORT_FILES.json} larger than MB MiB (default 100)`)
    .addHelpText('after', DIFF_INPUTS_HELP)
    .exitOverride()
    .showHelpAfterError('(run sovereign-lz diff --help for usage)')
    .action((oldPath: string, newPath: string, options: DiffCommandOptions) =>
      onExit(runDiff(oldPath, newPath, options, io)),
    );
}
