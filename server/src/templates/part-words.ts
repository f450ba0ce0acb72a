// Organ words that name a part of several organs (templates/part-words.json): restructure files a
// sentence with one under the organ the sentence names in words of its own. Checked at load: each
// is an organ term, so a rename in organs.json cannot leave one behind unnoticed.
import { z } from 'zod';
import data from './part-words.json';
import { organAt } from '../nlp/organs';
import { wordsOf } from '../nlp/words';

const Schema = z.object({ note: z.string(), partWords: z.array(z.string().min(1)).min(1) });

/** Parses and checks the part words; throws naming one that is no organ term. Exported for the tests. */
export function loadPartWords(input: unknown): ReadonlySet<string> {
  const { partWords } = Schema.parse(input);
  for (const w of partWords) {
    const words = wordsOf(w);
    if (organAt(words, 0)?.end !== words.length) throw new Error(`part-words: ${w} is no organ term of organs.json`);
  }
  return new Set(partWords.map((w) => w.toLowerCase()));
}

export const PART_WORDS = loadPartWords(data);
