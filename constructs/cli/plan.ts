import { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LANGUAGES, parseLanguage, SovereignLzError, suggestion } from '../core';
import { buildPlan, isSynthOutput } from '../plan/build-plan';
import { formatPlanJson, formatPlanMarkdown, formatPlanText } from '../plan/format-plan';
import { planWords } from '../plan/plan-words';
import { COMPLIANCE_FILE, readComplianceReport } from '../plan/read-compliance';
import { PLAN_FILES, writePlan } from '../plan/write-plan';
import { inputsHelp } from './help';

/** The formats `sovereign-lz plan --format` prints. */
export const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;

/** The flags of `sovereign-lz plan`, as commander parses them. */
export interface PlanCommandOptions {
  /** Also write plan.json, plan.md and plan.svg into OUT. */
  readonly write?: boolean;
  /** `text` (default), `json` or `markdown`. */
  readonly format?: string;
  /**
   * The language of the text, plan.md and plan.svg: `en` (default) or `fr`. plan.json, ids and
   * commands are never translated.
   */
  readonly lang?: string;
}

/** Where `plan` writes, and what it runs in. */
export interface PlanIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

function processIo(): PlanIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}

function oneLine(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ');
}

/**
 * `sovereign-lz plan [OUT] [--format text|json|markdown] [--write] [--lang en|fr]`: the
 * deployment plan of an existing synth output, rebuilt from its artifacts and its
 * `compliance.json`. Returns the exit code: 0 when no unit breaks a rule, 1 when the compliance
 * check found errors (the plan is still printed), 2 on a usage error or when OUT is not a synth
 * output or cannot be read (one line on stderr).
 */
export async function runPlan(out: string, options: PlanCommandOptions, io: Partial<PlanIo> = {}): Promise<number> {
  const { stdout, stderr, cwd } = { ...processIo(), ...io };
  try {
    const format = options.format ?? 'text';
    if (!(PLAN_FORMATS as readonly string[]).includes(format)) {
      throw new SovereignLzError(
        'USAGE',
        `--format '${format}' is unknown${suggestion(format, PLAN_FORMATS)}: use ${PLAN_FORMATS.join(', ')}`,
      );
    }
    const language = parseLanguage(options.lang ?? 'en', '--lang');
    const dir = resolve(cwd, out);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new SovereignLzError('INPUT_UNREADABLE', `${out}: no such directory (run sovereign-lz synth --out ${out})`);
    }
    if (!isSynthOutput(dir) || !existsSync(join(dir, COMPLIANCE_FILE))) {
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${out}: not a synth output (it needs profile.json, ${COMPLIANCE_FILE} and aws/ or kubernetes/): run sovereign-lz synth --out ${out}`,
      );
    }
    const compliance = readComplianceReport(dir, cwd);
    const plan = buildPlan(dir, compliance, { cwd });
    const text =
      format === 'json'
        ? formatPlanJson(plan)
        : format === 'markdown'
          ? formatPlanMarkdown(plan, language)
          : formatPlanText(plan, language);
    if (options.write) {
      await writePlan(dir, compliance, { cwd, language });
      const shown = relative(cwd, dir) || '.';
      const files = [PLAN_FILES.json, PLAN_FILES.markdown, PLAN_FILES.svg].map((f) => join(shown, f));
      stderr(`sovereign-lz: ${planWords(language).text.wrote(files)}\n`);
    }
    stdout(text);
    return plan.summary.errors ? 1 : 0;
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

/** What `sovereign-lz plan --help` says OUT may be. */
export const PLAN_INPUTS_HELP = inputsHelp('OUT, one directory (default: out)', [
  {
    what: `a synth output: profile.json, ${COMPLIANCE_FILE} and aws/ and/or kubernetes/, as sovereign-lz synth --out OUT writes them (and landing-zone.json for a declaration: the workloads and flows)`,
    example: 'sovereign-lz plan out-eu --format markdown --lang fr',
  },
]);

/**
 * The `plan` subcommand for commander. `onExit` receives the exit code (commander's action
 * cannot return one), e.g. `cli.addCommand(planCommand((code) => (exitCode = code)))`; run the
 * program with `parseAsync`, as the action is asynchronous.
 */
export function planCommand(onExit: (code: number) => void, io: Partial<PlanIo> = {}): Command {
  return new Command('plan')
    .description(
      'print the deployment plan of a synth output: units in dependency order, targets, classification, compliance, deploy commands (exit 0: compliant, 1: errors, 2: bad input)',
    )
    .argument('[out]', 'a synth output directory', 'out')
    .option('--format <format>', PLAN_FORMATS.join(', '), 'text')
    .option('--write', `also write ${PLAN_FILES.json}, ${PLAN_FILES.markdown} and ${PLAN_FILES.svg} into OUT`)
    .option(
      '--lang <lang>',
      `language of the text, ${PLAN_FILES.markdown} and ${PLAN_FILES.svg}: ${LANGUAGES.join(', ')} (${PLAN_FILES.json}, ids and commands are never translated)`,
      'en',
    )
    .addHelpText('after', PLAN_INPUTS_HELP)
    .exitOverride()
    .showHelpAfterError('(run sovereign-lz plan --help for usage)')
    .action(async (out: string, options: PlanCommandOptions) => onExit(await runPlan(out, options, io)));
}
