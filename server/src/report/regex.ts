// Text taken literally in a regex, and words found as words without one: shared by every layer above.

/** A blank line between paragraphs, LF or CRLF, spaces or tabs on it (tested, never global). */
export const BLANK_LINE = /\n[ \t]*\r?\n/;

/** `text` as a regex source that matches it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const inWord = (c: string | undefined) => c !== undefined && /[\w-]/.test(c);

/**
 * Whether `words` stand in `text` as words ("tear" is not in "tearing"), a plural "s" or "es" allowed;
 * case as given. No regex is compiled: rules ask this per finding on every check.
 */
export function hasWords(text: string, words: string): boolean {
  for (let i = text.indexOf(words); i >= 0; i = text.indexOf(words, i + 1)) {
    if (inWord(text[i - 1])) continue;
    const end = i + words.length;
    if (!inWord(text[end]) || (text[end] === 's' && !inWord(text[end + 1])) || (text.startsWith('es', end) && !inWord(text[end + 2])))
      return true;
  }
  return false;
}
