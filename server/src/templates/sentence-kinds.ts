// Technique and comparison sentences dictated among the findings (templates/sentence-kinds.json):
// restructure moves them to their sections. Checked with zod at load.
import { z } from 'zod';
import data from './sentence-kinds.json';
import { phraseRegex } from './phrases';

const Phrases = z.array(z.string().min(1)).min(1);
const Schema = z.object({
  note: z.string(),
  technique: Phrases,
  procedure: Phrases,
  imaging: Phrases,
  comparison: Phrases,
  findingWords: Phrases,
});
const KINDS = Schema.parse(data);

const TECHNIQUE = phraseRegex(KINDS.technique);
const PROCEDURE = phraseRegex(KINDS.procedure);
const IMAGING = phraseRegex(KINDS.imaging);
const COMPARISON = phraseRegex(KINDS.comparison);
const FINDING_WORDS = phraseRegex(KINDS.findingWords);

/**
 * The section a sentence that states no finding belongs to by its words, or null when it reads as a
 * finding. One that names an organ is technique only when it says the exam was done.
 */
export function sentenceKind(text: string, namesOrgan = false): 'technique' | 'comparison' | null {
  if (FINDING_WORDS.test(text)) return null;
  if (namesOrgan) return PROCEDURE.test(text) && IMAGING.test(text) ? 'technique' : null;
  if (COMPARISON.test(text)) return 'comparison';
  if (TECHNIQUE.test(text)) return 'technique';
  return null;
}
