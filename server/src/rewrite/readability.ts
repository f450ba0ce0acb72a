// Readability of patient text: Flesch-Kincaid grade (Kincaid et al. 1975) from the maintained
// `flesch-kincaid` and `syllable` packages. They are ESM-only; Node 20.19+ loads them with require(),
// and esbuild bundles them, so a plain require keeps this module CommonJS.
import type { fleschKincaid as FleschKincaid } from 'flesch-kincaid' with { 'resolution-mode': 'import' };
import type { syllable as Syllable } from 'syllable' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fleschKincaid } = require('flesch-kincaid') as { fleschKincaid: typeof FleschKincaid };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { syllable } = require('syllable') as { syllable: typeof Syllable };

export interface Readability {
  /** US school grade; NaN for text without words. */
  grade: number;
  sentences: number;
  words: number;
  syllables: number;
}

// A sentence ends at . ! ? or a line break (list items and headings are read as sentences).
// Decimal points ("2.3") do not end one.
const SENTENCE_END = /[.!?]+["”’')]*(?=\s|$)|\n+/;
const WORD = /[\p{L}][\p{L}'’-]*/gu;

// The package's count per word, remembered: summaries repeat the same plain words.
const SYLLABLES = new Map<string, number>();
function syllablesOf(word: string): number {
  const key = word.toLowerCase();
  let n = SYLLABLES.get(key);
  if (n === undefined) {
    if (SYLLABLES.size > 50_000) SYLLABLES.clear();
    n = Math.max(1, syllable(key));
    SYLLABLES.set(key, n);
  }
  return n;
}

/** Sentence spans of a text, as the grade counts them (empty stretches left out). */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = new RegExp(SENTENCE_END.source, 'g');
  let from = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if (/[\p{L}\d]/u.test(text.slice(from, end))) out.push({ start: from, end: m[0].startsWith('\n') ? m.index : end });
    from = end;
  }
  if (/[\p{L}\d]/u.test(text.slice(from))) out.push({ start: from, end: text.length });
  return out.map((s) => {
    const lead = /^\s*/.exec(text.slice(s.start, s.end))![0].length;
    return { start: s.start + lead, end: s.end };
  });
}

/** Flesch-Kincaid grade of a text. Numbers are not words here: the syllable package counts them as none. */
export function readability(text: string): Readability {
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  for (const part of text.split(SENTENCE_END)) {
    const ws = part.match(WORD);
    if (!ws) continue;
    sentences++;
    words += ws.length;
    for (const w of ws) syllables += syllablesOf(w);
  }
  return { grade: fleschKincaid({ sentence: sentences, word: words, syllable: syllables }), sentences, words, syllables };
}

/** The grade alone, rounded to one decimal. */
export function gradeOf(text: string): number {
  return Math.round(readability(text).grade * 10) / 10;
}
