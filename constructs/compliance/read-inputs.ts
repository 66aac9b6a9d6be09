import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SovereignLzError } from '../core';
import { readCloudAssembly } from './cloud-assembly';
import { isCloudFormationTemplate, parseTemplateText, readTemplate } from './cloudformation';
import type { CheckInput, SkippedFile, Template } from './model';
import { displayPath, type ReadOptions } from './read-options';

/**
 * Finds and reads the artifacts under the paths of one run, picking the reader by what each
 * path is: a cloud assembly (a directory with `manifest.json`), a synth output (`out/` with
 * `aws/` and `profile.json`), a CloudFormation template (JSON or YAML), or a directory to
 * walk. Malformed input throws a one-line {@link SovereignLzError} naming the file.
 */

const TEMPLATE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

interface Collected {
  templates: Template[];
  skipped: SkippedFile[];
  profileFiles: string[];
}

function hasExtension(file: string): boolean {
  const lower = file.toLowerCase();
  return TEMPLATE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** What kind of artifact a parsed document is, for the artifacts no reader judges yet. */
function otherKind(doc: unknown, file: string): string | undefined {
  if (file.toLowerCase().endsWith('.tf.json')) return 'Terraform JSON';
  const docs = Array.isArray(doc) ? doc : [doc];
  const first = docs[0] as Record<string, unknown> | undefined;
  if (!first || typeof first !== 'object') return undefined;
  if ('apiVersion' in first && 'kind' in first) return 'a Kubernetes manifest';
  if ('resource' in first || 'terraform' in first) return 'Terraform JSON';
  return undefined;
}

function readFileArtifact(file: string, explicit: boolean, options: ReadOptions, out: Collected): void {
  const shown = displayPath(file, options);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SovereignLzError(
      'INPUT_UNREADABLE',
      `${shown}: cannot read: ${code === 'EACCES' ? 'permission denied' : (e as Error).message}`,
    );
  }
  const { doc, format } = parseTemplateText(text, shown);
  if (isCloudFormationTemplate(doc)) {
    out.templates.push(
      readTemplate(doc, {
        file: shown,
        format,
        stack: {
          region: options.region,
          regionOrigin: options.region ? 'assumed' : undefined,
          environmentAgnostic: false,
          tags: {},
        },
        assumedClassification: options.classification,
      }),
    );
    return;
  }
  const kind = otherKind(doc, file);
  if (explicit) {
    throw new SovereignLzError(
      'INPUT_UNSUPPORTED',
      kind
        ? `${shown}: ${kind} is not checked yet (only CloudFormation templates and cloud assemblies)`
        : `${shown}: not a CloudFormation template (no Resources) nor a cloud assembly`,
    );
  }
  if (kind) out.skipped.push({ file: shown, reason: `${kind} is not checked yet` });
}

function readDirectory(dir: string, options: ReadOptions, out: Collected): void {
  if (existsSync(join(dir, 'manifest.json'))) {
    out.templates.push(...readCloudAssembly(dir, options));
    return;
  }
  if (existsSync(join(dir, 'profile.json')) && isDirectory(join(dir, 'aws'))) {
    out.profileFiles.push(join(dir, 'profile.json'));
  }
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (e) {
    throw new SovereignLzError(
      'INPUT_UNREADABLE',
      `${displayPath(dir, options)}: cannot read: ${(e as Error).message}`,
    );
  }
  for (const name of entries) {
    if (name.startsWith('.') || SKIPPED_DIRECTORIES.has(name)) continue;
    const path = join(dir, name);
    if (isDirectory(path)) readDirectory(path, options, out);
    else if (hasExtension(name) && name !== 'profile.json' && !name.endsWith('.assets.json')) {
      readFileArtifact(path, false, options, out);
    }
  }
}

/**
 * Reads every artifact under `paths` (files or directories). Throws a {@link SovereignLzError}
 * for a missing or unreadable path, malformed JSON/YAML, an unsupported file named
 * explicitly, or a run that finds nothing to check.
 */
export function readInputs(paths: readonly string[], options: ReadOptions): CheckInput {
  if (paths.length === 0) throw new SovereignLzError('USAGE', 'give at least one PATH to check');
  const out: Collected = { templates: [], skipped: [], profileFiles: [] };
  for (const given of paths) {
    const path = resolve(options.cwd, given);
    if (!existsSync(path)) throw new SovereignLzError('INPUT_UNREADABLE', `${given}: no such file or directory`);
    const before = { templates: out.templates.length, skipped: out.skipped.length };
    if (isDirectory(path)) readDirectory(path, options, out);
    else if (basename(path) === 'manifest.json') out.templates.push(...readCloudAssembly(dirname(path), options));
    else readFileArtifact(path, true, options, out);
    if (out.templates.length === before.templates) {
      const skipped = out.skipped.slice(before.skipped);
      const why = skipped.length ? ` (skipped: ${skipped.map((s) => `${s.file}: ${s.reason}`).join('; ')})` : '';
      throw new SovereignLzError(
        'INPUT_EMPTY',
        `${given}: no CloudFormation template or cloud assembly found, nothing to check${why}`,
      );
    }
  }
  const profiles = [...new Set(out.profileFiles)];
  if (profiles.length > 1) {
    const texts = new Set(profiles.map((p) => readFileSync(p, 'utf8')));
    if (texts.size > 1) {
      throw new SovereignLzError(
        'USAGE',
        `the inputs hold synth outputs with different profiles (${profiles.map((p) => displayPath(p, options)).join(', ')}): choose one with --profile`,
      );
    }
  }
  return { templates: out.templates, skipped: out.skipped, profileFile: profiles[0] };
}
