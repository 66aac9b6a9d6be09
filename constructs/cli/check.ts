import { Command } from 'commander';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkPaths } from '../compliance/check';
import type { CheckResult } from '../compliance/model';
import { formatJson } from '../compliance/report-json';
import { formatText } from '../compliance/report-text';
import { SovereignLzError, type ClassificationLevel } from '../core';

/** The flags of `sovereign-lz check`, as commander parses them. */
export interface CheckCommandOptions {
  /** `morocco`, `eu` or a profile file; default: the synth output's `profile.json`, else `morocco`. */
  readonly profile?: string;
  /** The assumed level of resources without a classification. */
  readonly classification?: string;
  /** The assumed region of templates without a cloud-assembly environment. */
  readonly region?: string;
  /** `text` (default) or `json`. */
  readonly format?: string;
  /** Write the report to this file instead of stdout. */
  readonly output?: string;
}

/** Where `check` writes, and what it runs in. */
export interface CheckIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour the text report (stdout is a TTY and NO_COLOR is unset). */
  readonly color: boolean;
  readonly cwd: string;
}

const FORMATS: Record<string, (result: CheckResult, color: boolean) => string> = {
  text: (result, color) => formatText(result, { color }),
  json: (result) => formatJson(result),
};
const LATER_FORMATS = ['markdown', 'sarif'];

function processIo(): CheckIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
    cwd: process.cwd(),
  };
}

/** Writes `text` to `file` through a temporary sibling, so that a failure leaves nothing half-written. */
function writeAtomically(file: string, text: string): void {
  const target = resolve(file);
  let staging: string | undefined;
  try {
    staging = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
    writeFileSync(join(staging, 'report'), text);
    renameSync(join(staging, 'report'), target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : code;
    throw new SovereignLzError(
      'OUTPUT_UNWRITABLE',
      `${file}: cannot write the report: ${reason ?? (e as Error).message}`,
    );
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
}

function oneLine(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ');
}

/**
 * `sovereign-lz check PATH... [--profile] [--classification] [--region] [--format text|json] [--output]`.
 * Returns the exit code: 0 when no unsuppressed `error` finding, 1 when at least one, 2 on a
 * usage or input error (one line on stderr naming the file and the problem; nothing written).
 */
export function runCheck(paths: readonly string[], options: CheckCommandOptions, io: Partial<CheckIo> = {}): number {
  const { stdout, stderr, color, cwd } = { ...processIo(), ...io };
  try {
    const format = options.format ?? 'text';
    if (!FORMATS[format]) {
      throw new SovereignLzError(
        'USAGE',
        LATER_FORMATS.includes(format)
          ? `--format ${format} is not available yet: use text or json`
          : `--format '${format}' is unknown: use text or json`,
      );
    }
    const result = checkPaths(paths, {
      profile: options.profile,
      classification: options.classification as ClassificationLevel | undefined,
      region: options.region,
      cwd,
    });
    const code = result.summary.errors ? 1 : 0;
    if (options.output !== undefined) {
      writeAtomically(resolve(cwd, options.output), FORMATS[format](result, false));
      const s = result.summary;
      stderr(
        `sovereign-lz: wrote ${options.output}: ${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed\n`,
      );
    } else {
      stdout(FORMATS[format](result, color && format === 'text'));
    }
    return code;
  } catch (e) {
    if (e instanceof SovereignLzError) {
      stderr(`sovereign-lz: ${oneLine(e.message)}\n`);
      return 2;
    }
    stderr(`sovereign-lz: ${oneLine((e as Error)?.message ?? String(e))}\n`);
    if (process.env.SOVEREIGN_LZ_DEBUG) stderr(`${(e as Error)?.stack}\n`);
    else stderr('(set SOVEREIGN_LZ_DEBUG=1 for the stack trace)\n');
    return 2;
  }
}

/**
 * The `check` subcommand for commander. `onExit` receives the exit code (commander's action
 * cannot return one), e.g. `cli.addCommand(checkCommand((code) => (exitCode = code)))`.
 */
export function checkCommand(onExit: (code: number) => void, io: Partial<CheckIo> = {}): Command {
  return new Command('check')
    .description('prove that synthesized artifacts obey the jurisdiction (exit 0: no error, 1: errors, 2: bad input)')
    .argument('<paths...>', 'CloudFormation templates (JSON/YAML), cloud assemblies, or a synth output directory')
    .option(
      '--profile <profile>',
      'morocco, eu or FILE.json (default: OUT/profile.json of a synth output, else morocco)',
    )
    .option('--classification <level>', 'level of resources without a classification tag (CLS-1 then warns)')
    .option('--region <region>', 'region of templates without a cloud-assembly environment (an assumption, reported)')
    .option('--format <format>', 'text or json', 'text')
    .option('--output <file>', 'write the report to FILE instead of stdout')
    .exitOverride()
    .showHelpAfterError('(run sovereign-lz check --help for usage)')
    .action((paths: string[], options: CheckCommandOptions) => onExit(runCheck(paths, options, io)));
}
