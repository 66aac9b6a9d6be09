/**
 * What each command's `--help` prints after its options: every input the command accepts, each
 * with a command line that gives it, so that nobody has to guess which files a PATH argument
 * reads. One layout for every command (commander's `addHelpText('after', …)`).
 */

/** An input a command accepts, and a command line that gives it. */
export interface HelpInput {
  /** What the input is, e.g. `a CloudFormation template, JSON or YAML`. */
  readonly what: string;
  /** A command line giving it, e.g. `sovereign-lz check template.yaml`. */
  readonly example: string;
}

/** The width help text is wrapped to (commander wraps its own columns to the terminal's). */
const WIDTH = 100;

/** `text` in lines of at most {@link WIDTH} columns: the first starting with `first`, the others with `rest`. */
function wrap(text: string, first: string, rest = first): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const indent = lines.length ? rest : first;
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push((lines.length ? rest : first) + line);
  return lines;
}

/**
 * The "Inputs" section of a command's help: `heading` (which argument, how many), then each
 * input with its example (`$ …`), then `notes` (what is not read, and what to do instead).
 */
export function inputsHelp(heading: string, inputs: readonly HelpInput[], notes: readonly string[] = []): string {
  const lines = ['', ...wrap(`Inputs: ${heading}`, '')];
  for (const input of inputs) lines.push(...wrap(input.what, '  - ', '    '), `      $ ${input.example}`);
  for (const note of notes) lines.push(...wrap(note, '  '));
  return lines.join('\n');
}
