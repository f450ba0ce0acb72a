// A finding's own words, for the patient summary: the grade, qualifier, side, spine level, size and
// change its own stretch of the sentence gives ("mild", "healed", "L4-L5"), never a neighbour's. The
// summary (summary.ts) tells these in plain words (summary-wording.ts).
import type { Finding, Measurement, Side, Understanding } from '../nlp/types';
import type { Report } from '../report/types';
import { DEGREE, DISTANCES, PRIOR_SIZE, QUALIFIER, TERM_QUALIFIER } from '../nlp/lay-wording';
import { LEVEL, SPINE_LEVEL_RANGE } from '../report/parse';
import { isDistance } from '../nlp/measurements';
import { stripListNumber } from './list-number';

export const DEGREE_RE = new RegExp(
  `\\b(${Object.keys(DEGREE).join('|')})(?:\\s*(?:to|-)\\s*(${Object.keys(DEGREE).join('|')}))?\\b`,
  'gi',
);

export interface Item {
  first: Finding;
  mentions: Finding[];
  hedged: 'may' | 'likely' | null;
  degree: string | null;
  /** The degree as the report says it ("minimal"), for the sentence that repeats it. */
  degreeWord: string | null;
  qualifier: string | null;
  plural: boolean;
  change: string | null;
  /** Sizes the impression leaves out, taken from the one findings mention of the same finding. */
  sizes: Measurement[];
  /** The side its own stretch of the clause gives, when the finding has none ("bilateral interstitial prominence"). */
  side?: Side;
  /** Spine levels its own stretch names ("L4-L5"). */
  levels: string[];
  /** The mentions' sizes that stand in their own phrase (not a neighbour's: "aorta 82 mm and a stent"). */
  measured: Measurement[];
  /** Distances from a landmark its own phrase gives ("3 cm from the nipple"): where it is, not its size. */
  distances: Measurement[];
}

const isPlural = (text: string) => /(?<![su])s$|(ae|ia|ii|ses|ices)$/i.test(text.trim().split(/\s+/).pop() ?? '');

/**
 * The mention's own words: up to four right before it, within its clause and after the finding before
 * it ("mild biliary sludge-millimetric calcifications": the grade is the sludge's), and the mention itself.
 */
export function ownWords(report: Report, f: Finding, withMention = true, understanding?: Understanding): string {
  const sentence = report.sentences[f.sentenceIndex];
  let from = sentence ? sentence.start : Math.max(0, f.start - 60);
  for (const g of understanding?.findings ?? []) if (g.sentenceIndex === f.sentenceIndex && g.end <= f.start) from = Math.max(from, g.end);
  const before = report.text.slice(from, f.start);
  // Commas stay: "large, complex cystic mass" keeps its size.
  const clause = before.split(/[;:()]|\b(?:and|or|with|without|of|versus|vs)\b/i).pop() ?? '';
  const words = clause.trim().split(/\s+/).slice(-4).join(' ');
  return (withMention ? `${words} ${report.text.slice(f.start, f.end)}` : words).toLowerCase();
}

export function degreeOf(words: string): { degree: string; word: string } | null {
  const all = [...words.matchAll(DEGREE_RE)];
  const m = all[all.length - 1];
  if (!m) return null;
  const a = DEGREE[m[1].toLowerCase()];
  const b = m[2] ? DEGREE[m[2].toLowerCase()] : undefined;
  // A graded adverb keeps the word it grades: "moderately advanced", "mild to moderately severe".
  const graded = /ly$/i.test(m[0]) ? /^\s*([a-z][a-z-]*)/i.exec(words.slice(m.index + m[0].length))?.[1] : undefined;
  const word = graded && !/^(?:and|or|to|with|of|in)$/i.test(graded) ? `${m[0]} ${graded}` : m[0];
  return { degree: b && b !== a ? `${a} to ${b}` : a, word: word.toLowerCase() };
}

// "Healed" and "old" reach over a short list: "healed left clavicle and rib fractures".
const AGE = /^\W*(?:\S+\s+){0,2}(healed|old)\b(?:[\s,]+[a-z-]+){0,6}\s*$/i;

export function qualifierOf(words: string, degree: string | null, sentencePrefix = ''): string | null {
  // "non-displaced" is not "displaced"; "well-healed" is "healed".
  for (const w of words.match(/[a-z]+(?:-[a-z]+)*/g) ?? []) {
    const q = QUALIFIER[w] ?? (/^non-?/.test(w) ? undefined : QUALIFIER[w.split('-').pop()!]);
    if (q && !(degree && degree.includes(q))) return q;
  }
  const age = AGE.exec(sentencePrefix)?.[1];
  return age ? QUALIFIER[age.toLowerCase()] : null;
}

// A spine level: a range ("L4-L5", "L5/S1") or one named as a level or vertebra ("T9 vertebral body"), not an MR sequence ("T2").
export const SPINE_LEVEL = /\b[CTLS]\d{1,2}\s*[-/]\s*[CTLS]?\d{1,2}\b|\b[CTL]\d{1,2}\b(?=\s+(?:level|vertebra|vertebral|body|spinous))/g;
// Spine levels that open a sentence as its label ("L5-S1: …", "2. C5-6 disc protrusion …"): the level
// of every finding the sentence names.
// The level is the report parser's range or one vertebra, read after the sentence's list mark ("2. C5-6 …").
// A level also leads as a place the sentence opens with ("At C5-C6, disc protrusion with … stenosis",
// "At the L4-5 level there is …"): every finding of the clause is at it, not only the first.
const LEVEL_LEAD = new RegExp(
  `^\\s*(?<at>[Aa]t\\s+(?:the\\s+)?)?(?<lv>(?:${LEVEL}(?:\\s*,\\s*(?=${LEVEL})|\\s+and\\s+|\\s*(?=[:,\\s])))+)(?<word>\\s+(?:disc\\s+)?(?:levels?|interspaces?))?(?=\\s*[:,]|\\s)`,
);
const A_RANGE = new RegExp(SPINE_LEVEL_RANGE);
const LEVELS = new RegExp(LEVEL, 'g');
export function leadLevels(sentence: string): string[] {
  const text = stripListNumber(sentence);
  const m = LEVEL_LEAD.exec(text);
  // A single vertebra only as a label ("L5:", "At L5, …", "T12 level:"), not an MR sequence ("T2 signal").
  const label =
    m && /^\s*[:,]/.test(text.slice(m.index + m[0].length)) && (m.groups?.at || m.groups?.word || text[m.index + m[0].length] === ':');
  const lead = m && (A_RANGE.test(m.groups!.lv) || label) ? m.groups!.lv : '';
  return [...lead.matchAll(LEVELS)].map((l) =>
    l[0]
      .replace(/\s*(?:–|\bto\b)\s*/gi, '-')
      .replace(/\s+/g, '')
      .toUpperCase(),
  );
}
/**
 * The level a run-in label gives a sentence that follows it on the same line ("L4-L5: Disc bulge … Moderate
 * canal stenosis. Mild left foraminal narrowing."; "C5-6: … . Severe right foraminal stenosis."): the label
 * covers every sentence of its run, up to the line's end; its own levels when the sentence leads with one.
 */
export function runInLevels(report: Report, index: number): string[] {
  const own = leadLevels(report.sentences[index]?.text ?? '');
  if (own.length) return own;
  for (let j = index - 1; j >= 0; j--) {
    const [s, next] = [report.sentences[j], report.sentences[j + 1]];
    if (s.section !== report.sentences[index].section || /\n/.test(report.text.slice(s.start, next.start))) return [];
    const lead = leadLevels(s.text);
    if (lead.length) return /^[^:]{1,24}:/.test(stripListNumber(s.text)) ? lead : [];
  }
  return [];
}
export const AGE_AFTER = /\b(healed|healing|old|chronic|remote)\b/i;
// Where a finding's own phrase ends: a clause break, a comma, a quote mark (CT-RATE quotes its impression items)
// or a word joining another finding to it.
const PHRASE_END = /;|,|["“”]|\s+(?:but|however|although|whereas|and|with|without|or)\b/gi;
// A size may follow its finding after a comma ("left renal cyst, 2.1 cm").
const SIZE_END = /;|["“”]|\s+(?:but|however|although|whereas|and|with|without|or)\b/gi;

/** The stretch of a finding's clause that is its own: its phrase, never reaching the finding before or after it. */
export function ownStretch(report: Report, understanding: Understanding, f: Finding, ends = PHRASE_END): { start: number; end: number } {
  const sentence = report.sentences[f.sentenceIndex];
  let from = sentence.start;
  let to = sentence.end;
  for (const g of understanding.findings) {
    if (g.sentenceIndex !== f.sentenceIndex || g === f || (g.start < f.end && f.start < g.end)) continue;
    if (g.end <= f.start) from = Math.max(from, g.end);
    else if (g.start >= f.end) to = Math.min(to, g.start);
  }
  for (const m of report.text.slice(from, to).matchAll(ends)) {
    const at = from + m.index;
    if (at + m[0].length <= f.start) from = Math.max(from, at + m[0].length);
    else if (at >= f.end) to = Math.min(to, at);
  }
  return { start: from, end: to };
}

/**
 * The landmark a distance is from, in plain words ("N+5.5 cm", "3 cm from the nipple"), or else in the
 * report's own words up to the clause end ("distal to its origin", "from the right apex").
 */
export function landmarkOf(report: Report, m: Measurement): string {
  const before = report.text.slice(Math.max(0, m.start - 6), m.start);
  const after = report.text.slice(m.end, m.end + 40);
  const plain = DISTANCES.find((d) => d.before?.test(before) || d.after.test(after))?.plain;
  if (plain) return plain;
  const own = /^[^.;:,()\n]*/.exec(report.text.slice(m.end, m.end + 60))![0];
  return own
    .trim()
    .split(/\s+/)
    .slice(0, 6)
    .join(' ')
    .replace(/\b(the) \1\b/gi, '$1');
}

const ownMeasurements = (report: Report, understanding: Understanding, f: Finding) => {
  const own = ownStretch(report, understanding, f, SIZE_END);
  return f.measurements.filter((m) => m.start >= own.start && m.end <= own.end);
};
/** A finding's sizes that stand in its own phrase; a distance from a landmark (the parser's isDistance) is none. */
export const measuredIn = (report: Report, understanding: Understanding, f: Finding): Measurement[] =>
  ownMeasurements(report, understanding, f).filter(
    // A size on earlier images is not the size now: told with it as two sizes, it reads as two things.
    (m) => !isDistance(report.text, m) && !PRIOR_SIZE.test(report.text.slice(m.end, m.end + 30)),
  );
/** The distances from a landmark its own phrase gives ("at 2 o'clock, 3 cm from the nipple"). */
export const distancesIn = (report: Report, understanding: Understanding, f: Finding): Measurement[] =>
  ownMeasurements(report, understanding, f).filter((m) => isDistance(report.text, m));

// A qualifier the term itself says ("high-grade partial tear"): kept whatever plain phrase the concept has.
const termQualifier = (report: Report, f: Finding) =>
  (
    report.text
      .slice(f.start, f.end)
      .toLowerCase()
      .match(/[a-z]+/g) ?? []
  )
    .map((w) => TERM_QUALIFIER[w])
    .find(Boolean) ?? null;

function sentencePrefix(report: Report, f: Finding): string {
  const sentence = report.sentences[f.sentenceIndex];
  return sentence ? report.text.slice(sentence.start, f.start) : '';
}

export function itemOf(report: Report, f: Finding, understanding?: Understanding): Item {
  const words = ownWords(report, f, true, understanding);
  const found = degreeOf(words);
  const degree = found?.degree ?? null;
  const hedged = f.assertion === 'possible' ? (f.hedge === 'probable' ? 'likely' : 'may') : null;
  return {
    first: f,
    mentions: [f],
    hedged,
    degree,
    degreeWord: found?.word ?? null,
    // Not from the term itself: "chronic" in "chronic obstructive pulmonary disease" is its name.
    qualifier: qualifierOf(ownWords(report, f, false, understanding), degree, sentencePrefix(report, f)) ?? termQualifier(report, f),
    plural: isPlural(report.text.slice(f.start, f.end)),
    change: null,
    sizes: [],
    levels: [],
    measured: [],
    distances: [],
  };
}
