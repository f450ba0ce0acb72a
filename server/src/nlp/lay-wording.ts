// The patient summary's own plain wording (lexicon/lay-wording.json), apart from the per-concept
// phrases of glossary.json: degree, amount, qualifier and change words, the fixed lines and exam
// names. Checked at load: every amount and size word is a plain degree, every site a known one.
import { z } from 'zod';
import wordingData from './lexicon/lay-wording.json';
import anatomyData from './lexicon/anatomy.json';
import unitsData from './lexicon/units.json';
import { CONCEPT_BY_ID } from './lexicon';
import { escapeRegExp as escape } from '../report/regex';

const Plain = z.string().min(1);
const WordingSchema = z.object({
  note: z.string(),
  lines: z.object({ opening: Plain, closing: Plain, nothingPlain: Plain }),
  degrees: z.record(z.string(), Plain),
  amounts: z.record(z.string(), Plain),
  sizeWords: z.array(Plain),
  amountPhrases: z.array(Plain),
  qualifiers: z.record(z.string(), Plain),
  denialHedges: z.array(Plain),
  changes: z.array(z.object({ words: z.array(Plain).min(1), plain: Plain })),
  sizeUnits: z.array(Plain),
  sizeBounds: z.record(z.string(), Plain),
  nearLungSites: z.array(Plain),
  communication: z.array(Plain),
  examNames: z.record(z.string(), Plain),
  states: z.object({ concepts: z.array(Plain), lead: Plain }),
  sideWords: z.object({ left: z.array(Plain), right: z.array(Plain), bilateral: z.array(Plain) }).strict(),
});

const wording = WordingSchema.parse(wordingData);

function check(): void {
  // A plain degree, or two of them joined ("small to large").
  const degrees = new Set(Object.values(wording.degrees));
  const isDegree = (w: string) => w.split(' to ').every((d) => degrees.has(d));
  for (const w of [...Object.keys(wording.amounts), ...wording.sizeWords])
    if (!isDegree(w)) throw new Error(`lay-wording: "${w}" is no plain degree of degrees`);
  for (const d of degrees) if (!isDegree(d) || !wording.amounts[d]) throw new Error(`lay-wording: no amount for degree "${d}"`);
  const sites = new Set((anatomyData as { sites: { site: string }[] }).sites.map((s) => s.site));
  for (const s of wording.nearLungSites) if (!sites.has(s)) throw new Error(`lay-wording: unknown site ${s}`);
  const units = new Set(Object.values((unitsData as { written: Record<string, string> }).written));
  for (const u of wording.sizeUnits) if (!units.has(u)) throw new Error(`lay-wording: unknown unit ${u}`);
  for (const c of wording.states.concepts) if (!CONCEPT_BY_ID.has(c)) throw new Error(`lay-wording: unknown concept ${c}`);
}
check();

/** One word list as a whole-word regex; a space matches any run of white space. */
export const wordsRe = (words: readonly string[], flags = 'i') =>
  new RegExp(`\\b(?:${words.map((w) => escape(w).replace(/ /g, '\\s+')).join('|')})\\b`, flags);

export const LAY_LINES = wording.lines;
export const DEGREE: Readonly<Record<string, string>> = wording.degrees;
export const AMOUNT: Readonly<Record<string, string>> = wording.amounts;
export const SIZE_WORDS: ReadonlySet<string> = new Set(wording.sizeWords);
export const AMOUNTS = new RegExp(`^(?:${wording.amountPhrases.map(escape).join('|')})\\b`);
export const QUALIFIER: Readonly<Record<string, string>> = wording.qualifiers;
export const DENIAL_HEDGE = wordsRe(wording.denialHedges);
export const CHANGE: readonly { re: RegExp; plain: string }[] = wording.changes.map((c) => ({ re: wordsRe(c.words), plain: c.plain }));
/** A bound right before a size ("less than 10 mm"), as the summary says it. */
export const SIZE_BOUND: { re: RegExp; plain: Readonly<Record<string, string>> } = {
  re: new RegExp(`(?:^|[^a-z])(${Object.keys(wording.sizeBounds).map(escape).join('|')})\\s*$`, 'i'),
  plain: wording.sizeBounds,
};
export const SIZE_UNITS: ReadonlySet<string> = new Set(wording.sizeUnits);
export const NEAR_LUNG: ReadonlySet<string> = new Set(wording.nearLungSites);
export const COMMUNICATION = wordsRe(wording.communication);
export const SIDE_WORDS: Readonly<Record<'left' | 'right' | 'bilateral', RegExp>> = {
  left: wordsRe(wording.sideWords.left),
  right: wordsRe(wording.sideWords.right),
  bilateral: wordsRe(wording.sideWords.bilateral),
};
/** Concepts that are a state the exam looks at, not a problem, and how a summary leads into one. */
export const STATES: ReadonlySet<string> = new Set(wording.states.concepts);
export const STATE_LEAD = wording.states.lead;
export const EXAM_NAMES: Readonly<Record<string, string>> = wording.examNames;
