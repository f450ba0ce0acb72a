// Corrections for an unknown word, computed when the user asks for code actions rather than on
// every check: the search beyond one edit has a time budget, so its answer can depend on the
// machine's load, and a check must not.
import type { Fix } from '../problem';
import { getSpellChecker } from './load';

const MAX_SUGGESTIONS = 5;

/**
 * Misspellings that exercise every part of the search once (one edit, two edits, nothing near),
 * so the first word the user asks about does not pay for compiling it: the language server looks
 * them up while it is idle, one a step (lsp/warm-up.ts).
 */
export const WARM_UP_WORDS = ['effusoin', 'cardiomegly', 'pnuemothroax', 'hyperexpnaded', 'mediastinmu', 'zqvxtrplk'];

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
