import { z } from 'zod';
import unitsData from './lexicon/units.json';
import type { Measurement } from './types';
import { escapeRegExp } from '../report/regex';
import { allMatches } from '../report/matches';

const NUM = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
const UNITS = z
  .object({
    note: z.string(),
    written: z.record(z.string().min(1), z.string().min(1)),
    lengthInMm: z.record(z.string(), z.number().positive()),
    quantitiesNote: z.string(),
    quantities: z.record(
      z.string().regex(/^[a-z-]+$/),
      z.object({ terms: z.array(z.string().regex(/^[a-z -]+$/)), abbreviations: z.array(z.string().regex(/^[A-Z]+$/)) }),
    ),
  })
  .parse(unitsData);
for (const unit of Object.keys(UNITS.lengthInMm))
  if (!Object.values(UNITS.written).includes(unit)) throw new Error(`units: lengthInMm names unknown unit ${unit}`);
/** Millimetres per length unit, by the engine's unit name. */
export const MM_PER: Readonly<Record<string, number>> = UNITS.lengthInMm;
const UNIT = `(${Object.keys(UNITS.written)
  .sort((x, y) => y.length - x.length)
  .map(escapeRegExp)
  .join('|')})`;
// "2.3 x 1.5 x 1.0 cm", "2.3 cm x 1.5 cm", "2-3 mm", "2 to 3 cm", "15 degrees", "-20 HU", "a 5-mm shift".
// Bounded gaps (never \s*\s*): the pattern stays linear on long runs of white space.
const GAP = String.raw`[ \t]{0,3}`;
const MEASUREMENT = new RegExp(
  String.raw`(?<![\w.])(-?${NUM}(?:${GAP}(?:(?:mm|cm)${GAP})?(?:x|×|\*|by)${GAP}${NUM}){1,2}|-?${NUM}${GAP}(?:-|–|to)${GAP}${NUM}|-?${NUM})(?:${GAP}|-)${UNIT}(?![\p{L}\d])`,
  'giu',
);

const UNIT_NAMES: Readonly<Record<string, string>> = UNITS.written;

/** Every measurement in text[from, to): values per dimension (or both ends of a range) and unit. */
export function findMeasurements(text: string, from = 0, to = text.length): Measurement[] {
  const out: Measurement[] = [];
  const slice = text.slice(from, to);
  for (const m of allMatches(MEASUREMENT, slice)) {
    const unit = UNIT_NAMES[m[2].toLowerCase()] ?? m[2];
    const numbers = m[1].match(/-?\d+(?:\.\d+)?|-?\.\d+/g) ?? [];
    // A leading minus is a sign only for attenuation; "2-3 mm" is a range, not 2 and -3.
    const value = numbers.map((n, i) => (i > 0 || unit !== 'HU' ? Math.abs(Number(n)) : Number(n)));
    out.push({ start: from + m.index, end: from + m.index + m[0].length, value, unit });
  }
  return out;
}

/** The short axis of a length in mm, its smallest dimension ("17 x 9.5 mm" -> 9.5); null for no length. */
export function shortAxisMm(m: Measurement): number | null {
  const per = MM_PER[m.unit];
  return per && m.value.length ? Math.min(...m.value) * per : null;
}

// "less than 1 cm", "< 10 mm", "up to 8 mm": the size is a bound the thing stays under, not its size.
const UPPER_BOUND = /(?:\b(?:less|smaller|shorter|lower)\s+than|\bunder|\bbelow|\bup\s+to|\bnot\s+exceeding|<|≤)\s*$/i;

/** Is the measurement an upper bound ("nodes less than 1 cm")? */
export function isUpperBound(text: string, m: Measurement): boolean {
  return UPPER_BOUND.test(text.slice(Math.max(0, m.start - 24), m.start));
}

// "3-4 cm from the ankle joint", "5 cm from the nipple", "2 o'clock 4 cm FN", "2 cm below the
// carina": how far a thing lies from a landmark, not how big it is.
const DISTANCE_AFTER =
  /^[ \t]*(?:(?:from|proximal to|distal to|above|below|beyond|superior to|inferior to|deep to|lateral to|medial to|away from)\b|(?:FN|FTN|from nipple)\b)/i;
const DISTANCE_BEFORE = /(?:\bN\s*\+|\bFN\s*)$/i;

/** Is the measurement a distance from a landmark rather than a size? */
export function isDistance(text: string, m: Measurement): boolean {
  return DISTANCE_AFTER.test(text.slice(m.end, m.end + 24)) || DISTANCE_BEFORE.test(text.slice(Math.max(0, m.start - 6), m.start));
}

// The named quantities (units.json): terms in any case, abbreviations in capitals only.
const QUANTITIES = Object.entries(UNITS.quantities).flatMap(([id, q]) => [
  ...(q.terms.length
    ? [{ id, pattern: new RegExp(String.raw`\b(?:${q.terms.map((t) => escapeRegExp(t).replace(/[ -]/g, '[ -]')).join('|')})\b`, 'gi') }]
    : []),
  ...(q.abbreviations.length ? [{ id, pattern: new RegExp(String.raw`\b(?:${q.abbreviations.join('|')})\b`, 'g') }] : []),
]);
// Where a measurement's own words begin: its sentence, after any measurement before it ("1.6 mm in twin A and 1.8 mm").
const WORDS_START = /(?:[.!?](?:\s|$)|\n|\d\s*(?:mm|cm)\b)(?![\s\S]*(?:[.!?](?:\s|$)|\n|\d\s*(?:mm|cm)\b))/i;

// "8 mm, previously 6 mm", "increased from 6 mm": the value the prior study gave.
const PRIOR_VALUE = /\b(?:previously|prior|from|before|was)\b/i;

/**
 * The quantity a measurement measures by name ("cervical length 2.4 cm", "nuchal translucency of 1.6 mm"):
 * the nearest name before it in its own words, within 60 characters; a prior study's value of the quantity
 * measured just before ("renal pelvis 8 mm, previously 6 mm") is that quantity's "(prior)"; null when none is named.
 */
export function measuredQuantity(text: string, m: Measurement, ofPrior = false): string | null {
  const from = Math.max(0, m.start - 60);
  let before = text.slice(from, m.start);
  const cut = WORDS_START.exec(before);
  const afterMeasurement = !!cut && /^\d/.test(cut[0]);
  if (cut) before = before.slice(cut.index + cut[0].length);
  let best: { id: string; at: number } | null = null;
  for (const q of QUANTITIES)
    for (const hit of allMatches(q.pattern, before)) if (!best || hit.index > best.at) best = { id: q.id, at: hit.index };
  if (best) return best.id;
  if (ofPrior || !afterMeasurement || !PRIOR_VALUE.test(before)) return null;
  const previous = findMeasurements(text, Math.max(0, from - 60), from + cut!.index + cut![0].length).pop();
  const quantity = previous && measuredQuantity(text, previous, true);
  return quantity ? `${quantity} (prior)` : null;
}
