import { SovereignLzError } from './errors';
import { suggestion } from './suggest';

/**
 * Messages in English and French. French is the working language of the Moroccan
 * administration; ids, keys, rule ids and file paths are never translated, only the prose.
 *
 * A message is written once with both languages side by side (`{ en, fr }`), at the place
 * that builds it, so that the compiler refuses a message without its translation.
 */

/** The languages of reports and validation messages. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A message in every supported language. */
export interface LocalizedText {
  readonly en: string;
  readonly fr: string;
}

/** Environment variable that selects the language of validation messages (`en` or `fr`). */
export const LANGUAGE_ENV = 'SOVEREIGN_LZ_LANG';

/** Whether `value` is a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Checks a language given by a user (flag, option, environment), or explains what is allowed. */
export function parseLanguage(value: string, origin: string): Language {
  if (isLanguage(value)) return value;
  throw new SovereignLzError(
    'LANGUAGE_UNKNOWN',
    `${origin}: unknown language '${value}'${suggestion(value, LANGUAGES)}; use one of ${LANGUAGES.join(', ')}`,
  );
}

/** The language of validation messages: `SOVEREIGN_LZ_LANG`, else English. */
export function currentLanguage(): Language {
  const value = process.env[LANGUAGE_ENV];
  return isLanguage(value) ? value : 'en';
}

/** The text of a message in `language`; a plain string is returned as it is. */
export function localize(text: string | LocalizedText, language: Language = currentLanguage()): string {
  return typeof text === 'string' ? text : text[language];
}

/** A text that reads the same in every language: an id, a path, a command, a user's own words. */
export function untranslated(text: string): LocalizedText {
  return { en: text, fr: text };
}

/** True if `value` is a {@link LocalizedText} (an object with both languages). */
export function isLocalizedText(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalizedText).en === 'string' &&
    typeof (value as LocalizedText).fr === 'string'
  );
}

const PLURAL_RULES = new Map<Language, Intl.PluralRules>();

/**
 * `n` and the noun, by the language's plural rule (CLDR, `Intl.PluralRules`): English takes the
 * singular for 1 only (`1 error`, `0 errors`), French for 0 and 1 (`0 erreur`, `2 erreurs`).
 */
export function plural(n: number, one: string, many: string, language: Language = 'en'): string {
  let rules = PLURAL_RULES.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    PLURAL_RULES.set(language, rules);
  }
  return `${n} ${rules.select(n) === 'one' ? one : many}`;
}
