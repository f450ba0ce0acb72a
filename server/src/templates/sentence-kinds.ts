// Technique and comparison sentences dictated among the findings (templates/sentence-kinds.json):
// restructure moves them to their sections. Checked with zod at load.
import { z } from 'zod';
import data from './sentence-kinds.json';

const Phrases = z.array(z.string().min(1)).min(1);
const Schema = z.object({ note: z.string(), technique: Phrases, comparison: Phrases, findingWords: Phrases });
const KINDS = Schema.parse(data);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (phrases: readonly string[]) => new RegExp(`(?<![\\w-])(?:${phrases.map(escape).join('|')})(?![\\w-])`, 'i');
const TECHNIQUE = anyOf(KINDS.technique);
const COMPARISON = anyOf(KINDS.comparison);
const FINDING_WORDS = anyOf(KINDS.findingWords);

/** The section a sentence that states no finding belongs to by its words, or null when it reads as a finding. */
export function sentenceKind(text: string): 'technique' | 'comparison' | null {
  if (FINDING_WORDS.test(text)) return null;
  if (COMPARISON.test(text)) return 'comparison';
  if (TECHNIQUE.test(text)) return 'technique';
  return null;
}
