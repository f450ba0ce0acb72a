import type { Measurement } from './types';

const NUM = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
const UNIT = String.raw`(mm|cm|millimeters?|centimeters?|ml|cc|cm3|cm\^3|hu|hounsfield units?|degrees?|deg|°)`;
// "2.3 x 1.5 x 1.0 cm", "2.3 cm x 1.5 cm", "2-3 mm", "2 to 3 cm", "15 degrees", "-20 HU", "a 5-mm shift".
// Bounded gaps (never \s*\s*): the pattern stays linear on long runs of white space.
const GAP = String.raw`[ \t]{0,3}`;
const MEASUREMENT = new RegExp(
  String.raw`(?<![\w.])(-?${NUM}(?:${GAP}(?:(?:mm|cm)${GAP})?(?:x|×|\*|by)${GAP}${NUM}){1,2}|-?${NUM}${GAP}(?:-|–|to)${GAP}${NUM}|-?${NUM})(?:${GAP}|-)${UNIT}(?![\p{L}\d])`,
  'giu',
);

const UNIT_NAMES: Record<string, string> = {
  mm: 'mm',
  millimeter: 'mm',
  millimeters: 'mm',
  cm: 'cm',
  centimeter: 'cm',
  centimeters: 'cm',
  ml: 'mL',
  cc: 'cc',
  cm3: 'mL',
  'cm^3': 'mL',
  hu: 'HU',
  'hounsfield unit': 'HU',
  'hounsfield units': 'HU',
  degree: 'degrees',
  degrees: 'degrees',
  deg: 'degrees',
  '°': 'degrees',
};

/** Every measurement in text[from, to): values per dimension (or both ends of a range) and unit. */
export function findMeasurements(text: string, from = 0, to = text.length): Measurement[] {
  const out: Measurement[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(MEASUREMENT)) {
    const unit = UNIT_NAMES[m[2].toLowerCase()] ?? m[2];
    const numbers = m[1].match(/-?\d+(?:\.\d+)?|-?\.\d+/g) ?? [];
    // A leading minus is a sign only for attenuation; "2-3 mm" is a range, not 2 and -3.
    const value = numbers.map((n, i) => (i > 0 || unit !== 'HU' ? Math.abs(Number(n)) : Number(n)));
    out.push({ start: from + m.index, end: from + m.index + m[0].length, value, unit });
  }
  return out;
}
