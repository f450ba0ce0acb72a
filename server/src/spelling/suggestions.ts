// Corrections for an unknown word, computed when the user asks for code actions rather than on
// every check: the search beyond one edit has a time budget, so its answer can depend on the
// machine's load, and a check must not.
import type { Fix } from '../problem';
import { getSpellChecker } from './load';

const MAX_SUGGESTIONS = 5;

/** Up to `limit` corrections for `word`, best first, in its case pattern; none before the dictionaries load. */
export function spellingSuggestions(word: string, limit = MAX_SUGGESTIONS): string[] {
  return (getSpellChecker()?.suggest(word, limit) ?? []).map((s) => s.word);
}

/** "Change to ..." fixes for the unknown word at [start, end): the best one preferred, none safe to apply in bulk. */
export function spellingFixes(word: string, start: number, end: number, limit = MAX_SUGGESTIONS): Fix[] {
  return spellingSuggestions(word, limit).map((s, i) => ({
    title: `Change to "${s}"`,
    edits: [{ start, end, newText: s }],
    applicability: 'unsafe',
    ...(i === 0 ? { isPreferred: true } : {}),
  }));
}
