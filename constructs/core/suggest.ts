import { closest, distance } from 'fastest-levenshtein';
import type { Language, LocalizedText } from './i18n';

/**
 * "Did you mean" for a misspelt key or name: the candidate nearest to what was written, by
 * edit distance (Levenshtein, `fastest-levenshtein`), when it is near enough to be what was
 * meant. One helper for every message that names an unknown field, workload, site, region,
 * profile, level or control, so that they all suggest alike.
 */

/**
 * The most edits a suggestion may be from what was written: one for a word of up to five
 * characters, a third of its length beyond (`clodRegions` → `cloudRegions` is one edit;
 * `atlantis` is too far from `morocco` to suggest anything).
 */
export function maxSuggestionDistance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * The candidate `word` was probably meant to be, or `undefined` when none is near enough (or
 * `word` is one of them). Compared without case (`Internal` → `internal`); of candidates
 * equally near, the first in the order given, so that the answer is the same on every run.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  // A value from JavaScript or a file may be anything: only a word gets a suggestion.
  if (typeof word !== 'string' || word === '') return undefined;
  const names = [...new Set(candidates)];
  if (!names.length || names.includes(word)) return undefined;
  const lower = names.map((n) => n.toLowerCase());
  const wanted = word.toLowerCase();
  const best = closest(wanted, lower);
  if (distance(wanted, best) > maxSuggestionDistance(word)) return undefined;
  return names[lower.indexOf(best)];
}

/**
 * ` (did you mean 'x'?)`, to append to a message naming `word`, or `''` when no candidate is
 * near: `unknown field 'clodRegions'${suggestion('clodRegions', keys)}`.
 */
export function suggestion(word: string, candidates: Iterable<string>, language: Language = 'en'): string {
  return localizedSuggestion(word, candidates)[language];
}

/** {@link suggestion} in both languages, to append to a {@link LocalizedText}. */
export function localizedSuggestion(word: string, candidates: Iterable<string>): LocalizedText {
  return suggesting(closestName(word, candidates));
}

/** ` (did you mean 'x'?)` in both languages for a name already chosen, or `''` for none. */
export function suggesting(name: string | undefined): LocalizedText {
  return name === undefined
    ? { en: '', fr: '' }
    : { en: ` (did you mean '${name}'?)`, fr: ` (vouliez-vous dire '${name}' ?)` };
}
