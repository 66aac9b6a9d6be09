#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { relative } from 'node:path';
import { LANGUAGE_ENV, LANGUAGES, parseLanguage, plural, SovereignLzError, terminalText } from '../core';
import { checkCommand } from './check';
import { diffCommand } from './diff';
import { reportError } from './errors';
import { hashTemplateCommand } from './hash-template';
import { initCommand } from './init';
import { planCommand } from './plan';
import { abandonPendingOutputs, OUTPUT_MARKER } from './output-dir';
import { DEFAULT_EXAMPLE, exampleNames, synthesize, synthInputsHelp } from './synth';

// The CLI's own version, read once (package.json sits two levels above lib/constructs/cli).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../../package.json') as { version: string };

// The exit code a command asks for (commander's actions return none).
let exitCode = 0;

function program(): Command {
  const examples = exampleNames();
  const cli = new Command('sovereign-lz')
    .description('Sovereign cloud landing zones: synthesize plans and prove them lawful (Morocco, EU)')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run sovereign-lz --help for usage)');

  cli
    .command('synth')
    .description(
      'synthesize an app into OUT: aws/ (CloudFormation cloud assembly), kubernetes/ (Terraform stacks, and the same objects as plain manifests with a kustomization.yaml), profile.json, the compliance reports, the deployment plan and evidence-manifest.json (the SHA-256 of every file and the canonical hash of every template) (exit 1 on an error finding)',
    )
    .argument(
      '[app]',
      examples.length
        ? `an example name (${examples.join(', ')}), a landing-zone declaration (.yaml, .json) or a path to an app module`
        : 'a landing-zone declaration (.yaml, .json) or a path to an app module (a .js file exporting build)',
      examples.includes(DEFAULT_EXAMPLE) ? DEFAULT_EXAMPLE : undefined,
    )
    .option(
      '-o, --out <dir>',
      `output directory, replaced atomically; only an absent or empty directory, or one an earlier synth wrote (marked by ${OUTPUT_MARKER}), is replaced: anything else is refused (exit 2), as are an empty path, /, the home or working directory or an ancestor of it, and a directory holding the app`,
      'out',
    )
    .option(
      '--lang <lang>',
      `language of the compliance reports and messages: ${LANGUAGES.join(', ')} (ids and keys are never translated)`,
      'en',
    )
    .addHelpText('after', synthInputsHelp(examples))
    .action(async (app: string | undefined, options: { out: string; lang: string }) => {
      const language = parseLanguage(options.lang, '--lang');
      // Construct validation messages follow the language too (core's currentLanguage).
      process.env[LANGUAGE_ENV] = language;
      const fr = language === 'fr';
      // An installed copy ships no examples (they are the repository's): what to synthesize must be named.
      if (app === undefined) {
        throw new SovereignLzError(
          'USAGE',
          'name what to synthesize: a declaration (sovereign-lz synth zone.yaml) or an app module (sovereign-lz synth ./my-zone.js); to start a project, sovereign-lz init my-zone',
        );
      }
      const started = Date.now();
      process.stderr.write(fr ? `sovereign-lz: synthèse de ${app} …\n` : `sovereign-lz: synthesizing ${app} …\n`);
      const result = await synthesize(app, options.out, { language });
      const out = relative(process.cwd(), result.outDir) || '.';
      const artifacts = result.files.filter((f) => f.endsWith('.template.json') || f.endsWith('/cdk.tf.json'));
      const { summary, findings } = result.compliance;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const units = result.plan.units.length;
      // Ids, paths and messages come from the app: no escape sequence of theirs reaches the terminal.
      const print = (text: string) => process.stdout.write(terminalText(text));
      // Counts in the language's plural rule (French: 0 and 1 singular).
      const n = (count: number, one: string, many: string) => plural(count, one, many, language);
      print(
        (fr
          ? `${app} synthétisé sous le profil '${result.profileId}' dans ${out}/ en ${seconds} s\n`
          : `synthesized ${app} under profile '${result.profileId}' into ${out}/ in ${seconds} s\n`) +
          artifacts.map((t) => `  ${out}/${t}\n`).join('') +
          result.manifests
            .filter((m) => !m.refused)
            .map((m) =>
              fr
                ? `  ${out}/${m.directory}/ : ${n(m.files.length, 'manifeste', 'manifestes')} et kustomization.yaml (kubectl apply --server-side -k, Argo CD, Flux)\n`
                : `  ${out}/${m.directory}/: ${n(m.files.length, 'manifest', 'manifests')} and kustomization.yaml (kubectl apply --server-side -k, Argo CD, Flux)\n`,
            )
            .join('') +
          `  ${out}/profile.json\n` +
          (fr
            ? `  ${out}/compliance.json, compliance.md, compliance.sarif, compliance.html : ${n(summary.resources, 'ressource', 'ressources')}, ` +
              `${n(summary.passed, 'contrôle réussi', 'contrôles réussis')}, ${n(summary.errors, 'erreur', 'erreurs')}, ${n(summary.warnings, 'avertissement', 'avertissements')}, ${n(summary.suppressed, 'dérogation', 'dérogations')}\n` +
              `  ${out}/plan.json, plan.md, plan.svg : ${n(units, 'unité de déploiement', 'unités de déploiement')} dans l'ordre (sovereign-lz plan ${out})\n`
            : `  ${out}/compliance.json, compliance.md, compliance.sarif, compliance.html: ${n(summary.resources, 'resource', 'resources')}, ` +
              `${n(summary.passed, 'check passed', 'checks passed')}, ${n(summary.errors, 'error', 'errors')}, ${n(summary.warnings, 'warning', 'warnings')}, ${summary.suppressed} suppressed\n` +
              `  ${out}/plan.json, plan.md, plan.svg: ${n(units, 'deployment unit', 'deployment units')} in order (sovereign-lz plan ${out})\n`) +
          (fr
            ? `  ${out}/evidence-manifest.json : SHA-256 de ${n(result.evidence.files.length, 'fichier', 'fichiers')}, empreinte canonique de ${n(result.evidence.templates.length, 'modèle', 'modèles')} CloudFormation (docs/evidence.md)\n`
            : `  ${out}/evidence-manifest.json: SHA-256 of ${n(result.evidence.files.length, 'file', 'files')}, canonical hash of ${n(result.evidence.templates.length, 'CloudFormation template', 'CloudFormation templates')} (docs/evidence.md)\n`),
      );
      // A stack whose objects a manifest cannot say (see gitops-manifests.ts) keeps its Terraform JSON only.
      for (const m of result.manifests.filter((s) => s.refused)) {
        process.stderr.write(
          `${terminalText(
            fr
              ? `sovereign-lz: pas de manifestes simples pour la pile ${m.stack} (${out}/${m.directory}/) : ${m.refused!.fr} ; son JSON Terraform est écrit comme toujours`
              : `sovereign-lz: no plain manifests for stack ${m.stack} (${out}/${m.directory}/): ${m.refused!.en}; its Terraform JSON is written as always`,
            { singleLine: true },
          )}\n`,
        );
      }
      const errors = findings.filter((f) => f.severity === 'error' && !f.suppressed);
      if (errors.length) {
        const colon = fr ? ' : ' : ': ';
        process.stderr.write(
          (fr
            ? `sovereign-lz: la zone d'atterrissage synthétisée enfreint ${errors.length} règle(s) du profil '${result.profileId}' :\n`
            : `sovereign-lz: the synthesized landing zone breaks ${errors.length} rule(s) of profile '${result.profileId}':\n`) +
            errors
              .map((f) => `  ${f.rule}  ${out}/${f.file}  ${f.path ?? f.resource}${colon}${f.message} (${f.source})`)
              .map((line) => `${terminalText(line, { singleLine: true })}\n`)
              .join(''),
        );
        exitCode = 1;
      }
    });
  cli.addCommand(checkCommand((code) => (exitCode = code)));
  cli.addCommand(planCommand((code) => (exitCode = code)));
  cli.addCommand(diffCommand((code) => (exitCode = code)));
  cli.addCommand(hashTemplateCommand((code) => (exitCode = code)));
  cli.addCommand(initCommand((code) => (exitCode = code)));
  return cli;
}

async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(e, (text) => process.stderr.write(text));
  }
}

// Ctrl-C, a terminal hang-up or a kill: remove the synth's temporary directory (the old output
// is still in place) and exit as a shell expects, 128 + the signal's number.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.once(signal, () => {
    abandonPendingOutputs();
    process.exit(code);
  });
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
