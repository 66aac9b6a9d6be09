import { Command } from 'commander';
import { resolve } from 'node:path';
import { checkPaths } from '../compliance/check';
import { formatReport, isReportFormat, REPORT_FORMATS, writeReportFile } from '../compliance/report/reports';
import { LANGUAGES, parseLanguage, SovereignLzError, suggestion, type ClassificationLevel } from '../core';
import { reportError } from './errors';
import { inputsHelp } from './help';
import { realPathOf } from './output-dir';

/** The flags of `sovereign-lz check`, as commander parses them. */
export interface CheckCommandOptions {
  /** `morocco`, `eu` or a profile file; default: the synth output's `profile.json`, else `morocco`. */
  readonly profile?: string;
  /** The assumed level of resources without a classification. */
  readonly classification?: string;
  /** The assumed region of templates without a cloud-assembly environment. */
  readonly region?: string;
  /** `text` (default), `json`, `markdown`, `sarif` or `html`. */
  readonly format?: string;
  /** Write the report to this file instead of stdout. */
  readonly output?: string;
  /** The language of the messages and reports: `en` (default) or `fr`. Ids and keys are never translated. */
  readonly lang?: string;
  /** The largest input file read, in MiB (a decimal number); default 100. */
  readonly maxFileSize?: string;
  /** `--var-file FILE`, repeatable: Terraform variable definitions files, later ones winning. */
  readonly varFile?: readonly string[];
}

/** `--max-file-size MB` in bytes; a value that is not a positive number is a usage error. */
function maxFileBytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const mib = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(mib > 0)) throw new SovereignLzError('USAGE', `--max-file-size '${value}' is not a positive number of MiB`);
  return Math.floor(mib * 1024 * 1024);
}

/** Where `check` writes, and what it runs in. */
export interface CheckIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour the text report (stdout is a TTY and NO_COLOR is unset). */
  readonly color: boolean;
  readonly cwd: string;
}

function processIo(): CheckIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
    cwd: process.cwd(),
  };
}

/**
 * `sovereign-lz check PATH... [--profile] [--classification] [--region] [--format text|json|markdown|sarif|html] [--output] [--lang en|fr] [--var-file FILE]...`.
 * Returns the exit code: 0 when no unsuppressed `error` finding, 1 when at least one, 2 on a
 * usage or input error (one line on stderr naming the file and the problem; nothing written).
 */
export function runCheck(paths: readonly string[], options: CheckCommandOptions, io: Partial<CheckIo> = {}): number {
  const { stdout, stderr, color, cwd } = { ...processIo(), ...io };
  try {
    const format = options.format ?? 'text';
    if (!isReportFormat(format)) {
      throw new SovereignLzError(
        'USAGE',
        `--format '${format}' is unknown${suggestion(format, REPORT_FORMATS)}: use ${REPORT_FORMATS.join(', ')}`,
      );
    }
    const language = parseLanguage(options.lang ?? 'en', '--lang');
    const read: string[] = [];
    const result = checkPaths(paths, {
      onRead: (file) => read.push(file),
      language,
      profile: options.profile,
      classification: options.classification as ClassificationLevel | undefined,
      region: options.region,
      maxFileBytes: maxFileBytes(options.maxFileSize),
      varFiles: options.varFile,
      cwd,
    });
    const code = result.summary.errors ? 1 : 0;
    if (options.output !== undefined) {
      const output = resolve(cwd, options.output);
      // Never the run's own input: `check x.json --output x.json` once replaced the template.
      const inputs = [...paths.map((p) => resolve(cwd, p)), ...read];
      if (typeof options.profile === 'string' && options.profile.toLowerCase().endsWith('.json')) {
        inputs.push(resolve(cwd, options.profile));
      }
      const target = realPathOf(output);
      if (inputs.some((input) => realPathOf(input) === target)) {
        throw new SovereignLzError(
          'OUTPUT_REFUSED',
          `--output ${options.output}: refused: it is an input of this run; write the report to another file. Nothing was changed`,
        );
      }
      writeReportFile(output, formatReport(result, format), options.output);
      const s = result.summary;
      stderr(
        language === 'fr'
          ? `sovereign-lz: ${options.output} écrit : ${s.errors} erreur(s), ${s.warnings} avertissement(s), ${s.suppressed} dérogation(s)\n`
          : `sovereign-lz: wrote ${options.output}: ${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed\n`,
      );
    } else {
      stdout(formatReport(result, format, { color }));
    }
    return code;
  } catch (e) {
    return reportError(e, stderr, { oneLine: true });
  }
}

/** What `sovereign-lz check --help` says each PATH may be (compliance/read/read-inputs.ts reads them). */
export const CHECK_INPUTS_HELP = inputsHelp(
  'PATHS, files and directories, any number, in any mix; each is read by what it is',
  [
    {
      what: 'a CloudFormation template, JSON or YAML (.json, .yaml, .yml, .template; short-form tags, Fn::ForEach, AWS SAM; nested stacks whose template is a file beside it)',
      example: 'sovereign-lz check template.yaml --region eu-west-3',
    },
    {
      what: "an AWS CDK cloud assembly: a directory holding manifest.json (cdk.out), or that manifest.json; each stack's environment gives its region",
      example: 'sovereign-lz check cdk.out',
    },
    {
      what: 'a cdktf output: a directory whose manifest.json lists stacks (cdktf.out), read through each stacks/<name>/cdk.tf.json',
      example: 'sovereign-lz check cdktf.out',
    },
    {
      what: 'Terraform JSON (*.tf.json), its kubernetes_* resources; variables from terraform.tfvars, *.auto.tfvars beside it, TF_VAR_name and --var-file',
      example: 'sovereign-lz check main.tf.json --var-file prod.tfvars',
    },
    {
      what: 'Kubernetes manifests, YAML or JSON, several documents per file, List kinds (the output of helm template or kubectl kustomize)',
      example: 'sovereign-lz check manifests.yaml --classification internal',
    },
    {
      what: 'a synth output directory (profile.json beside aws/ and kubernetes/): its profile.json is the profile unless --profile is given',
      example: 'sovereign-lz check out/',
    },
    {
      what: 'any other directory, walked for the above (.json, .yaml, .yml, .template files; dot-files, node_modules and .git are skipped)',
      example: 'sovereign-lz check infra/ --profile ministry.json --format sarif --output report.sarif',
    },
  ],
  [
    'Not read as such: Terraform HCL (.tf; only Terraform JSON is), helm charts and kustomizations: render them first (helm template CHART > rendered.yaml, kubectl kustomize DIR > rendered.yaml) and check what they render.',
  ],
);

/**
 * The `check` subcommand for commander. `onExit` receives the exit code (commander's action
 * cannot return one), e.g. `cli.addCommand(checkCommand((code) => (exitCode = code)))`.
 */
export function checkCommand(onExit: (code: number) => void, io: Partial<CheckIo> = {}): Command {
  return new Command('check')
    .description('prove that synthesized artifacts obey the jurisdiction (exit 0: no error, 1: errors, 2: bad input)')
    .argument(
      '<paths...>',
      'CloudFormation templates (JSON/YAML), cloud assemblies, Terraform JSON (*.tf.json, cdktf.out), Kubernetes manifests, or a synth output directory',
    )
    .option(
      '--profile <profile>',
      'morocco, eu or FILE.json (default: OUT/profile.json of a synth output, else morocco)',
    )
    .option('--classification <level>', 'level of resources without a classification tag (CLS-1 then warns)')
    .option('--region <region>', 'region of templates without a cloud-assembly environment (an assumption, reported)')
    .option('--format <format>', REPORT_FORMATS.join(', '), 'text')
    .option(
      '--output <file>',
      'write the report to FILE instead of stdout, atomically (a temporary file, then a rename); never one of the inputs of the run',
    )
    .option(
      '--lang <lang>',
      `language of the messages and reports: ${LANGUAGES.join(', ')} (ids and keys are never translated)`,
      'en',
    )
    .option('--max-file-size <MB>', 'refuse input files larger than MB MiB (default 100; YAML files: an eighth of it)')
    .option(
      '--var-file <file>',
      'Terraform variable definitions (.tfvars, .tfvars.json) as terraform plan -var-file; repeatable: later files win, over *.auto.tfvars, terraform.tfvars(.json) beside the Terraform JSON and TF_VAR_name',
      (file: string, previous: string[] = []) => [...previous, file],
    )
    .addHelpText('after', CHECK_INPUTS_HELP)
    .exitOverride()
    .showHelpAfterError('(run sovereign-lz check --help for usage)')
    .action((paths: string[], options: CheckCommandOptions) => onExit(runCheck(paths, options, io)));
}
