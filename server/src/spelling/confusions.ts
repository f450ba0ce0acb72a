// Real-word confusions (confusions.json): both spellings are words, so a dictionary cannot object;
// the sentence around them can. Checked with zod at load; every cue must compile.
import { z } from 'zod';
import confusionsData from './confusions.json';

export interface Confusion {
  /** The word as it should not be used here (lower case). */
  wrong: string;
  right: string;
  /** Why, for the message. */
  meaning: string;
  /** Words in the same sentence that show `right` was meant. */
  cue: RegExp;
  /** Words that make the written form plausible after all: then stay silent. */
  unless?: RegExp;
}

const Pattern = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);
const LowerWord = z.string().regex(/^[a-z]+$/);
const ConfusionsSchema = z.object({
  note: z.string(),
  confusions: z.array(
    z.object({
      wrong: LowerWord,
      right: LowerWord,
      meaning: z.string().min(1),
      why: z.string().optional(),
      cue: Pattern,
      unless: Pattern.optional(),
      forms: z.array(LowerWord).default([]),
    }),
  ),
});

const data = ConfusionsSchema.parse(confusionsData);

// Cues are matched on the lower-cased sentence.
export const CONFUSIONS: readonly Confusion[] = data.confusions.map((c) => ({
  wrong: c.wrong,
  right: c.right,
  meaning: c.meaning,
  cue: new RegExp(c.cue),
  ...(c.unless ? { unless: new RegExp(c.unless) } : {}),
}));

export const CONFUSION_BY_WORD: ReadonlyMap<string, readonly Confusion[]> = (() => {
  const map = new Map<string, Confusion[]>();
  CONFUSIONS.forEach((c, i) => {
    // Other forms share the entry: "plural effusions" is caught by its own cue; "bowls" needs the key.
    for (const word of [c.wrong, ...data.confusions[i].forms]) map.set(word, [...(map.get(word) ?? []), c]);
  });
  return map;
})();
