import { stripVTControlCharacters } from 'node:util';
import { quote } from 'shell-quote';
import { SovereignLzError } from './errors';

/**
 * How a value from a declaration, a profile or an artifact is written into each output a
 * person reads or runs: one function per format, so that a hostile value (a line break that
 * starts a new shell command or a Markdown heading, a raw `<script>`, a terminal escape)
 * becomes text in every output, and every writer of a format escapes it the same way.
 * JSON and SARIF are data, written by `JSON.stringify`: nothing here.
 *
 * The line terminators are LF, CR, CR LF, VT, FF, NEL (U+0085), LS (U+2028) and PS (U+2029);
 * the control characters C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
 */

/** One line terminator, CR LF counting as one. */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
/** A run of control characters and line terminators. */
const CONTROLS_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/**
 * Unicode's bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
 * invisible, they reorder what a terminal or an editor shows ("Trojan Source"), so that a
 * command or a comment reads otherwise than it runs.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
/** A run of control characters (used once the line terminators are split off). */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;
/** Any control character, line terminator or bidirectional control. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A value quoted as a JSON string, with DEL, C1 and LS/PS escaped too: printable on one line anywhere. */
function visible(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A word that sh, bash and zsh all read as itself, unquoted: letters, digits and `_./@:+,-`,
 * and `=` but not first (zsh expands a leading `=`). shell-quote escapes `=`, `@`, `:` and `,`
 * as well, which is correct but would write `-chdir\=out/…` for the plain `-chdir=out/…`.
 */
const PLAIN_WORD = /^[A-Za-z0-9_./@:+,-][A-Za-z0-9_./@:+=,-]*$/;

/**
 * A word of a command a person pastes into a POSIX shell (sh, bash, zsh): the value as it is
 * when no shell gives any character of it a meaning, else quoted by shell-quote's `quote`
 * (`''` for the empty word; `$`, backticks, `!`, quotes, globs and spaces lose their meaning).
 *
 * Throws a {@link SovereignLzError} (`INPUT_INVALID`) for a word with a line terminator or a
 * control character: quoting keeps a line break inside the word for the shell, but the line
 * would still break the command's line in plan.md (where a line starting with three backticks
 * closes the code block), and a control character reaches the terminal of whoever reads it.
 * No stack, file or directory that a deploy command names has a reason to hold one.
 */
export function shellQuote(word: string): string {
  if (UNPRINTABLE.test(word)) {
    throw new SovereignLzError(
      'INPUT_INVALID',
      `${visible(word)} cannot be a word of a shell command: it holds a line break or a control character`,
    );
  }
  return PLAIN_WORD.test(word) ? word : quote([word]);
}

/**
 * Text for a comment line of a shell script or code block, after `# `: on one line whatever
 * the value holds, since a line break would end the comment and run the rest as a command.
 * Each run of line terminators and control characters becomes one space; the result is trimmed.
 */
export function shellComment(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(CONTROLS_AND_BREAKS, ' ').trim();
}

/** Text on one line: each run of control characters becomes one space. */
function withoutControls(text: string): string {
  return text.replace(CONTROLS, ' ');
}

/** An entity or numeric character reference, which CommonMark would decode: `&lt;`, `&#60;`, `&#x3C;`. */
const CHARACTER_REFERENCE = /^&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);/;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * Escapes the inline syntax of CommonMark and GitHub Flavored Markdown with backslashes:
 * `\`, backticks (code spans), `*` and `_` (emphasis; not an `_` between two letters or digits,
 * which never is), `[` and `]` (links, images), `<` and `>` (raw HTML, autolinks), `|` (table
 * cells), and `&` where it starts a character reference (`&lt;script&gt;` stays those letters).
 */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|&]/g, (c, offset: number) => {
    if (c === '_' && LETTER_OR_DIGIT.test(text[offset - 1] ?? '') && LETTER_OR_DIGIT.test(text[offset + 1] ?? '')) {
      return c;
    }
    if (c === '&' && !CHARACTER_REFERENCE.test(text.slice(offset))) return c;
    return `\\${c}`;
  });
}

/**
 * Text for a cell of a Markdown table, or inline after text of ours (a list item, a sentence):
 * the inline syntax escaped (no raw HTML tag, link, code span or emphasis of the value's own,
 * no `|` that ends the cell), each line terminator written `<br>` so that the row stays on one
 * line, other control characters as spaces. The value must not start a line: a `#` or `-` there
 * would still start a block.
 */
export function markdownCell(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) => escapeInline(withoutControls(line)))
    .join('<br>');
}

/**
 * Text for a Markdown heading (`# …`), or part of one: on one line (line terminators and control
 * characters as spaces, trimmed), the inline syntax escaped as in {@link markdownCell}, a leading
 * `#`, `=`, `+` or `-` and a trailing `#` escaped too (a trailing `#` would be read as the
 * heading's closing sequence).
 */
export function markdownHeading(text: string): string {
  return escapeInline(text.replace(CONTROLS_AND_BREAKS, ' ').trim())
    .replace(/^[#=+-]/, (c) => `\\${c}`)
    .replace(/(?<!\\)#$/, '\\#');
}

/**
 * A value as Markdown code (`` `out/aws` ``), where a code span can hold it: not empty, and no
 * backtick, line terminator or control character; else the value as {@link markdownCell} text.
 * Inside a table cell (`place` `'cell'`, the default), `|` is written `\|` as GitHub requires.
 */
export function markdownCode(text: string, place: 'cell' | 'inline' = 'cell'): string {
  if (text === '' || text.includes('`') || UNPRINTABLE.test(text)) return markdownCell(text);
  return `\`${place === 'cell' ? text.replace(/\|/g, '\\|') : text}\``;
}

/** Characters with a meaning in a quoted Mermaid label, as Mermaid's entity codes (`#35;` first). */
const MERMAID_CODES: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#38;',
  '`': '#96;',
  '|': '#124;',
};

/**
 * Text inside a quoted Mermaid label (`["…"]`, `|"…"|`): on one line (line terminators and
 * control characters as spaces), so that it can neither end the statement nor the Markdown
 * code block around the diagram, and `#`, `"`, `<`, `>`, `&`, backticks and `|` as Mermaid
 * entity codes, so that it can neither end the label nor bring HTML or a Markdown string.
 */
export function mermaidLabel(text: string): string {
  return text.replace(CONTROLS_AND_BREAKS, ' ').replace(/[#"<>&`|]/g, (c) => MERMAID_CODES[c]);
}

/** Options of {@link terminalText}. */
export interface TerminalTextOptions {
  /**
   * Write the value's line terminators as spaces: for a value printed within a line of ours,
   * where a line break would let it print a line that seems ours.
   * @default false
   */
  readonly singleLine?: boolean;
}

/**
 * Text for a terminal: no escape sequence of the value's own (colours, cursor moves, screen
 * clears, OSC 8 hyperlinks, window titles) and no other control character but tab and line
 * feed, and no bidirectional control. Node's `stripVTControlCharacters` removes the ANSI/VT
 * sequences whole; the control characters left (a lone ESC, BEL, backspace, C1…) are removed. Every line terminator,
 * a carriage return included, becomes a line feed (or a space with `singleLine`): a lone CR
 * would move the cursor back and let the rest of the value overwrite what was printed before it.
 */
export function terminalText(text: string, options: TerminalTextOptions = {}): string {
  return stripVTControlCharacters(text)
    .replace(BIDI_CONTROLS, '')
    .split(LINE_BREAK)
    .map((line) => line.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, ''))
    .join(options.singleLine ? ' ' : '\n');
}
