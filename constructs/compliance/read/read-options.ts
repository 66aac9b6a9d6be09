import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ClassificationLevel } from '../../core';

/** What every reader needs to know about the run. */
export interface ReadOptions {
  /** The working directory that file paths in findings are relative to. */
  readonly cwd: string;
  /** `--region`: the assumed region of templates without a cloud-assembly environment. */
  readonly region?: string;
  /** `--classification`: the assumed level of resources that carry none. */
  readonly classification?: ClassificationLevel;
  /**
   * The largest input file read, in bytes: a larger one is refused with `INPUT_TOO_LARGE`
   * (YAML: an eighth of it).
   * @default DEFAULT_MAX_FILE_BYTES (100 MiB, see input-files.ts)
   */
  readonly maxFileBytes?: number;
  /**
   * Called with the path of every file the readers read, as they read it (`check --output`
   * refuses to overwrite one of them).
   * @default - nothing is called
   */
  readonly onRead?: (file: string) => void;
  /**
   * `--var-file`s: Terraform variable definitions files, in the order given (later ones win),
   * for every Terraform JSON file read.
   * @default - none
   */
  readonly varFiles?: readonly string[];
  /**
   * The environment Terraform would run in, for `TF_VAR_<name>` variables.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A path as findings show it: relative to the working directory, with `/` separators. */
export function displayPath(file: string, options: Pick<ReadOptions, 'cwd'>): string {
  const absolute = isAbsolute(file) ? file : resolve(options.cwd, file);
  const rel = relative(options.cwd, absolute) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}
