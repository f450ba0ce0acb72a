// Documents a template cannot hold (templates/narrative-cues.json): a consult letter or a procedure
// note tells a visit or the steps of a procedure, and restructure would file each step under an organ.
import { z } from 'zod';
import data from './narrative-cues.json';
import { phraseRegex } from './phrases';

const Schema = z.object({
  note: z.string(),
  kinds: z
    .array(
      z.object({
        name: z.string().min(1),
        least: z.number().int().min(1),
        steps: z.boolean().optional(),
        phrases: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
});

const KINDS = Schema.parse(data).kinds.map((k) => ({ ...k, re: phraseRegex(k.phrases, 'gi') }));

/** "a consult letter" / "a procedure note" / "a radiation therapy note" when the text reads as one, else null. */
export function narrativeKind(text: string): string | null {
  for (const k of KINDS) {
    const found = new Set([...text.matchAll(k.re)].map((m) => m[0].toLowerCase()));
    if (found.size >= k.least) return k.name;
  }
  return null;
}

/** Whether the text says any step of such a document ("informed consent", "local anesthesia"): a part of one, not an exam's technique. */
export function saysNarrativeStep(text: string): boolean {
  // (Not a kind told only as a whole: "history of radiation therapy" is no step.)
  return KINDS.some((k) => k.steps !== false && text.match(k.re) !== null);
}
