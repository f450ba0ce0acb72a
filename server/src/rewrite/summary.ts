// The patient summary, deterministic path: one plain sentence per finding of the impression (or of
// the findings when there is no impression) and per significant finding the impression leaves out,
// built from the findings core and the wording data (glossary.json, lay-wording.json), never from
// free text. Side, site, size, grade, level, hedge and change are carried from the finding's own
// phrase; nothing is added; advice, outlook and cause are said only as the report's own words. What
// the plain words cannot carry faithfully (the verifier says which) is quoted: summarizeChecked.
import { understand } from '../nlp';
import { glossOfMention, plainSite, plainTerm, plainUnit, withSide, PLAIN_STATEMENTS, PLAIN_WORDS, type PlainSite } from '../nlp/glossary';
import type { Finding, Measurement, Side, Understanding } from '../nlp/types';
import { sentencesIn } from '../report';
import type { Report, Section, Sentence } from '../report/types';
import {
  AMOUNT,
  AMOUNTS,
  CHANGE,
  COMMUNICATION,
  DEGREE,
  DENIAL_HEDGE,
  EXAM_NAMES,
  LAY_LINES,
  NEAR_LUNG,
  QUALIFIER,
  SIDE_WORDS,
  SIZE_WORDS,
  STATE_LEAD,
  STATES,
} from '../nlp/lay-wording';
import { adviceKindOf, squash } from './advice';
import { gradeOf } from './readability';

export { adviceKindOf, adviceSentences, lintSummary, type AdviceKind, type AdviceSentence } from './advice';

export interface GlossaryLine {
  term: string;
  meaning: string;
}

export interface Summary {
  text: string;
  /** Flesch-Kincaid grade of `text`, one decimal. */
  grade: number;
  glossary: GlossaryLine[];
  /** The source findings the summary states (present, possible and the denials it repeats). */
  covered: Finding[];
  /** Where each statement of `text` stands and the report sentences (indexes) it was written from. */
  from: { start: number; end: number; sentences: number[] }[];
}

export interface SummaryOptions {
  /** Report sentences (indexes) told in the report's own words, quoted, not rewritten. */
  quote?: ReadonlySet<number>;
  /** Report sentences left out: normal statements the summary may not pass on beside a finding. */
  omit?: ReadonlySet<number>;
}

export const SUMMARY_OPENING = LAY_LINES.opening;
export const SUMMARY_CLOSING = LAY_LINES.closing;
const SUMMARY_NOTHING_PLAIN = LAY_LINES.nothingPlain;
/** The summary's fixed lines, which say nothing about the report's findings (for the verifier). */
export const SUMMARY_FIXED_LINES: readonly RegExp[] = [
  ...[SUMMARY_OPENING, SUMMARY_CLOSING, SUMMARY_NOTHING_PLAIN].map(
    (l) => new RegExp(`^\\s*${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`),
  ),
  /^\s*The report is about your [\w -]+\.\s*$/,
];

// ---------------------------------------------------------------------------------------------
// From findings to plain sentences.

const DEGREE_RE = new RegExp(`\\b(${Object.keys(DEGREE).join('|')})(?:\\s*(?:to|-)\\s*(${Object.keys(DEGREE).join('|')}))?\\b`, 'gi');

interface Item {
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
}

/** "2.3 x 1.5 cm" -> "about 2.3 by 1.5 centimeters"; "2-3 mm" -> "about 2 to 3 millimeters". */
export function plainMeasurement(report: Report, m: Measurement): string {
  const raw = report.text.slice(m.start, m.end);
  const joiner = m.value.length > 1 && /\d\s*(-|–|to)\s*\d/.test(raw) && !/[x×*]|\bby\b/i.test(raw) ? ' to ' : ' by ';
  return `about ${m.value.map(String).join(joiner)} ${plainUnit(m.unit)}`;
}

const isPlural = (text: string) => /(?<![su])s$|(ae|ia|ii|ses|ices)$/i.test(text.trim().split(/\s+/).pop() ?? '');

/** The mention's own words: up to four right before it, within its clause, and the mention itself. */
function ownWords(report: Report, f: Finding, withMention = true): string {
  const sentence = report.sentences[f.sentenceIndex];
  const before = report.text.slice(sentence ? sentence.start : Math.max(0, f.start - 60), f.start);
  // Commas stay: "large, complex cystic mass" keeps its size.
  const clause = before.split(/[;:()]|\b(?:and|or|with|without|of|versus|vs)\b/i).pop() ?? '';
  const words = clause.trim().split(/\s+/).slice(-4).join(' ');
  return (withMention ? `${words} ${report.text.slice(f.start, f.end)}` : words).toLowerCase();
}

function degreeOf(words: string): { degree: string; word: string } | null {
  const all = [...words.matchAll(DEGREE_RE)];
  const m = all[all.length - 1];
  if (!m) return null;
  const a = DEGREE[m[1].toLowerCase()];
  const b = m[2] ? DEGREE[m[2].toLowerCase()] : undefined;
  return { degree: b && b !== a ? `${a} to ${b}` : a, word: m[0].toLowerCase() };
}

// "Healed" and "old" reach over a short list: "healed left clavicle and rib fractures".
const AGE = /^\W*(?:\S+\s+){0,2}(healed|old)\b(?:[\s,]+[a-z-]+){0,6}\s*$/i;

function qualifierOf(words: string, degree: string | null, sentencePrefix = ''): string | null {
  // "non-displaced" is not "displaced"; "well-healed" is "healed".
  for (const w of words.match(/[a-z]+(?:-[a-z]+)*/g) ?? []) {
    const q = QUALIFIER[w] ?? (/^non-?/.test(w) ? undefined : QUALIFIER[w.split('-').pop()!]);
    if (q && !(degree && degree.includes(q))) return q;
  }
  const age = AGE.exec(sentencePrefix)?.[1];
  return age ? QUALIFIER[age.toLowerCase()] : null;
}

// A spine level: a range ("L4-L5", "L5/S1") or one named as a level or vertebra ("T9 vertebral body"), not an MR sequence ("T2").
const SPINE_LEVEL = /\b[CTLS]\d{1,2}\s*[-/]\s*[CTLS]?\d{1,2}\b|\b[CTL]\d{1,2}\b(?=\s+(?:level|vertebra|vertebral|body|spinous))/g;
const AGE_AFTER = /\b(healed|healing|old|chronic|remote)\b/i;
// Where a finding's own phrase ends: a clause break, a comma, or a word joining another finding to it.
const PHRASE_END = /;|,|\s+(?:but|however|although|whereas|and|with|without|or)\b/gi;
// A size may follow its finding after a comma ("left renal cyst, 2.1 cm").
const SIZE_END = /;|\s+(?:but|however|although|whereas|and|with|without|or)\b/gi;

/** The stretch of a finding's clause that is its own: its phrase, never reaching the finding before or after it. */
function ownStretch(report: Report, understanding: Understanding, f: Finding, ends = PHRASE_END): { start: number; end: number } {
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

/** A finding's sizes that stand in its own phrase. */
function measuredIn(report: Report, understanding: Understanding, f: Finding): Measurement[] {
  const own = ownStretch(report, understanding, f, SIZE_END);
  return f.measurements.filter((m) => m.start >= own.start && m.end <= own.end);
}

function sentencePrefix(report: Report, f: Finding): string {
  const sentence = report.sentences[f.sentenceIndex];
  return sentence ? report.text.slice(sentence.start, f.start) : '';
}

function itemOf(report: Report, f: Finding): Item {
  const words = ownWords(report, f);
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
    qualifier: qualifierOf(ownWords(report, f, false), degree, sentencePrefix(report, f)),
    plural: isPlural(report.text.slice(f.start, f.end)),
    change: null,
    sizes: [],
    levels: [],
    measured: [],
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const article = (phrase: string) => (/^[aeiou]/i.test(phrase) && !/^(u[nr]i|one)/i.test(phrase) ? 'an ' : 'a ') + phrase;

const glossFor = (report: Report, f: Finding) => glossOfMention(f.concept, report.text.slice(f.start, f.end))!;
const bare = (phrase: string) => withSide(phrase, null).toLowerCase();

/** The plain noun phrase of a finding with its side and site: "fluid around the bottom of the left lung". */
function phraseOf(
  report: Report,
  f: Finding,
  opts: { degree: string | null; qualifier: string | null; plural: boolean; denial?: boolean; side?: Side },
): { text: string; plural: boolean; degreeSaid: boolean } {
  const gloss = glossFor(report, f);
  let side: Side | null = gloss.noSide ? null : (f.side ?? opts.side ?? null);
  // A left or right only the anatomy implies (the lingula) is not said as the report's; "effusions" says both.
  const sentence = report.sentences[f.sentenceIndex]?.text ?? '';
  if (side && side !== 'bilateral' && !SIDE_WORDS[side].test(sentence)) side = null;
  // "No pleural effusions": none on either side, said without one.
  if (opts.denial && side === 'bilateral') side = null;
  const usePl = opts.plural && !!gloss.pl;
  let lay = usePl ? gloss.pl! : gloss.lay;
  // A single organ's finding says no site; a site the lay phrase already names is not said twice.
  const places = (gloss.noSide ? [] : f.site)
    .map((s) => plainSite(s, side, opts.plural))
    .filter((p): p is PlainSite => !!p)
    .filter(
      (p) =>
        !bare(lay).includes(bare(p.template).replace(/^(the|an?) /, '')) &&
        !(p.organ && bare(p.template) === `the ${p.organ}` && new RegExp(`\\b${p.organ.replace(/y$/, '')}`).test(lay)),
    );
  // A site of the organ the lay phrase ends on takes that organ's place in it: "fluid around the bottom of the left lung".
  const inPlace = places.find((p) => p.organ && lay.endsWith(`the {side} ${p.organ}`));
  let place = '';
  let sideDone = false;
  if (inPlace) {
    lay = lay.slice(0, lay.length - `the {side} ${inPlace.organ}`.length) + inPlace.np;
    sideDone = inPlace.saysSide || !side;
  } else if (places.length) {
    place = ` ${places[0].where}`;
    sideDone = places[0].saysSide;
    // "Opacity in the posterior mediastinum" is not on the lung: a site away from the lay phrase's
    // organ takes the organ's place.
    const tail = / (?:on|in|of|around) the \{side\} lung$/.exec(lay);
    if (tail && !NEAR_LUNG.has(f.site.find((s) => plainSite(s, side))!)) lay = lay.slice(0, tail.index);
  }
  let tail = '';
  if (side && !sideDone) {
    if (gloss.sideAs) tail = ` ${gloss.sideAs.replace('{side}', side === 'bilateral' ? 'both sides' : side)}`;
    else if (side !== 'bilateral' && lay.includes('{side}')) lay = withSide(lay, side);
    else if (side === 'bilateral' && /the \{side\} [a-z]+$/.test(lay))
      lay = lay.replace(/the \{side\} ([a-z]+)$/, (_, organ: string) => `both ${organ.replace(/([^aeiou])y$/, '$1ie')}s`);
    else tail = side === 'bilateral' ? ' on both sides' : ` on the ${side} side`;
  }
  lay = withSide(lay, null);
  const plural = usePl || gloss.plural;
  const mass = gloss.mass || plural;
  const qualifier = opts.qualifier && !lay.split(' ').includes(opts.qualifier) ? `${opts.qualifier} ` : '';
  let head: string;
  let degreeSaid = true;
  if (opts.degree && gloss.mass && !plural && AMOUNTS.test(lay))
    head = `${AMOUNT[opts.degree] ?? `a ${opts.degree} amount of`} ${qualifier}${lay}`;
  else if (opts.degree && !mass && SIZE_WORDS.has(opts.degree)) head = `${opts.degree} ${qualifier}${lay}`;
  else {
    // "a mild worn tendon", "mild swollen lymph nodes" read wrong: the grade is said in a sentence of its own.
    head = `${qualifier}${lay}`;
    degreeSaid = !opts.degree;
  }
  if (!mass && !/^an? /.test(head)) head = article(head);
  return { text: `${head}${tail}${place}`, plural, degreeSaid };
}

const CAPITALS = new WeakMap<Report, boolean>();
function inCapitals(report: Report): boolean {
  let caps = CAPITALS.get(report);
  if (caps === undefined) {
    const letters = report.text.match(/\p{L}/gu)?.length ?? 0;
    caps = (report.text.match(/\p{Ll}/gu)?.length ?? 0) < 0.3 * letters;
    CAPITALS.set(report, caps);
  }
  return caps;
}

function termOf(report: Report, f: Finding): string {
  // Abbreviations keep their capitals ("DJD", "COPD"); other words, and all of a report in capitals, are lower-cased.
  if (inCapitals(report)) return report.text.slice(f.start, f.end).toLowerCase().replace(/\s+/g, ' ');
  return report.text
    .slice(f.start, f.end)
    .replace(/\s+/g, ' ')
    .split(' ')
    .map((w) => (/^[A-Z]{2,6}s?$/.test(w) && !/^[A-Z][a-z]/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

function findingSentences(report: Report, item: Item): string[] {
  const f = item.first;
  const gloss = glossFor(report, f);
  const { text: phrase, plural, degreeSaid } = phraseOf(report, f, item);
  const verb = plural ? 'are' : 'is';
  const term = termOf(report, f);
  const named = squash(term) === squash(bare(gloss.lay)) ? '' : ` (${term})`;
  let lead: string;
  const state = STATES.has(f.concept) && !item.hedged;
  if (state) lead = `${STATE_LEAD} ${phrase}${named}.`;
  else if (item.hedged === 'may') lead = `There may be ${phrase}${named}.`;
  else if (item.hedged === 'likely') lead = `There ${verb} likely ${phrase}${named}.`;
  else lead = `There ${verb} ${phrase}${named}.`;
  const out = [capitalise(lead)];
  if (!degreeSaid) out.push(`The report calls ${plural ? 'them' : 'it'} ${item.degreeWord ?? item.degree}.`);
  const own = item.measured;
  // A state's numbers are measurements of something else (a pregnancy's are the baby's).
  const sizes = state ? [] : [...new Set((own.length ? own : item.sizes).map((m) => plainMeasurement(report, m)))];
  if (sizes.length) out.push(`${plural ? 'They measure' : 'It measures'} ${sizes.join(' and ')}.`);
  if (item.levels.length) out.push(`The report places ${plural ? 'them' : 'it'} at ${item.levels.join(' and ')}.`);
  if (item.change) out.push(item.change);
  return out;
}

function denialSentence(report: Report, f: Finding): string {
  const words = ownWords(report, f);
  const hedge = DENIAL_HEDGE.test(words) ? 'clear ' : '';
  const degree = degreeOf(words)?.degree ?? null;
  const { text, degreeSaid } = phraseOf(report, f, {
    degree,
    qualifier: qualifierOf(ownWords(report, f, false), degree),
    plural: false,
    denial: true,
  });
  // "No significant stenosis": a grade the phrase cannot carry is kept as the qualifier it is.
  // The report's term in brackets, as for a finding: the reader (and the verifier) sees what is denied.
  const said = degreeSaid ? text : `${degree} ${text.replace(/^an? /, '')}`;
  return `There is no ${hedge}sign of ${said} (${termOf(report, f)}).`;
}

// ---------------------------------------------------------------------------------------------

const hasBody = (s: Section) => s.body.end > s.body.start;
const pick = <T, K extends keyof T>(o: T, ...keys: K[]) => Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
const stated = (f: Finding) => f.assertion === 'present' || f.assertion === 'possible';
const itemKey = (f: Finding) => `${f.concept}|${f.side ?? ''}|${f.assertion}`;

/** The sections the summary is written from: the impressions, or else the findings (or the whole text). */
function sourceSections(report: Report): { sections: Section[]; fromImpression: boolean } {
  const impressions = report.sections.filter((s) => s.kind === 'impression' && hasBody(s));
  if (impressions.length) return { sections: impressions, fromImpression: true };
  const findings = report.sections.filter((s) => s.kind === 'findings' && hasBody(s));
  if (findings.length) return { sections: findings, fromImpression: false };
  return { sections: report.sections.filter((s) => (s.kind === 'preamble' || s.kind === 'other') && hasBody(s)), fromImpression: false };
}

// A list number before a space ("2. "), not a decimal ("3.5cm") nor one glued to its word ("1.Normal", read as the report has it).
const stripNumber = (s: string) => s.replace(/^\s*(\d+[.)](?=\s)|[-*•])\s*/, '').trim();
/** A report sentence in its own words, on a line of its own (quote marks inside made single). */
const quoteLines = (text: string, verb: 'says' | 'also says' = 'also says') =>
  // One line a clause, split where the verifier splits the report ("…, but …"), so a quote is read as the report is.
  stripNumber(text)
    .replace(/\s+/g, ' ')
    .replace(/["“”]/g, "'")
    .split(/(?=;|,?\s+(?:but|however|although|whereas)\b)/i)
    .map((piece) => piece.replace(/^;\s*/, '').trim())
    .filter((piece) => /[a-z0-9]/i.test(piece))
    .map((piece, n) => `The report ${n ? 'also says' : verb}: "${piece}"`);

/** A patient-friendly summary of a report, with its grade and a "Words in your report" list. */
export function summarize(report: Report, understanding: Understanding = understand(report), options: SummaryOptions = {}): Summary {
  const { sections, fromImpression } = sourceSections(report);
  const indexes = new Set(sections.map((s) => report.sections.indexOf(s)));
  const omit = options.omit ?? new Set<number>();
  const quote = new Set([...(options.quote ?? [])].filter((i) => !omit.has(i)));
  const unquoted = (f: Finding) => !quote.has(f.sentenceIndex) && !omit.has(f.sentenceIndex);
  // A normal statement's implied denials are rendered as the statement itself ("no sign of a new problem").
  const source = understanding.findings.filter((f) => indexes.has(f.sectionIndex) && !f.normal && unquoted(f));
  const sentences: Sentence[] = sections.flatMap((s) => sentencesIn(report, s));

  // Present and possible findings, one item per finding, side and assertion.
  const items = new Map<string, Item>();
  for (const f of source) {
    if (!stated(f)) continue;
    const key = itemKey(f);
    const item = items.get(key);
    if (item) {
      item.mentions.push(f);
      if (!item.degree) Object.assign(item, pick(itemOf(report, f), 'degree', 'degreeWord'));
    } else items.set(key, itemOf(report, f));
  }
  // The whole report's significant findings: one the impression leaves out is still told (a
  // pneumothorax stated in the findings only).
  if (fromImpression) {
    for (const f of understanding.findings) {
      if (f.section !== 'findings' || !stated(f) || !f.significant || f.normal || !unquoted(f)) continue;
      const told = [...items.values()].some((i) => i.first.concept === f.concept && (!f.side || !i.first.side || i.first.side === f.side));
      if (!told) items.set(itemKey(f), itemOf(report, f));
      else items.get(itemKey(f))?.mentions.push(f);
    }
  }
  // A mention with no side is the one mention of the finding that has a side ("left subdural
  // hematoma ... the hematoma"), when there is only one.
  for (const [key, item] of items) {
    const f = item.first;
    // Only a bare re-mention: one with its own size or site may be another finding.
    if (f.side || item.mentions.some((m) => m.measurements.length || m.site.length)) continue;
    const sided = [...items.values()].filter(
      (i) => i !== item && i.first.side && i.first.concept === f.concept && i.first.assertion === f.assertion,
    );
    if (sided.length !== 1) continue;
    sided[0].mentions.push(...item.mentions);
    items.delete(key);
  }
  // Sizes the impression leaves out: from the findings, when one mention there is this finding.
  if (fromImpression) {
    for (const item of items.values()) {
      const f = item.first;
      if (item.mentions.some((m) => m.measurements.length)) continue;
      const same = understanding.findings.filter(
        (g) => g.section === 'findings' && g.concept === f.concept && g.side === f.side && stated(g),
      );
      if (same.length === 1) item.sizes = measuredIn(report, understanding, same[0]);
    }
  }
  // Change words belong to a finding when they stand in its own phrase ("stable cardiomegaly with …",
  // "the effusion is unchanged"), or in a sentence that names no other finding; any mention may say
  // them, and two kinds of change say none (the report's words then tell it).
  const changeOf = (m: Finding) => {
    const st = ownStretch(report, understanding, m);
    const kinds = CHANGE.filter((c) => c.re.test(report.text.slice(st.start, st.end)));
    const sentence = report.sentences[m.sentenceIndex];
    const alone = understanding.findings.filter((g) => g.sentenceIndex === m.sentenceIndex && stated(g) && !g.normal).length === 1;
    return kinds.length || !alone || !sentence ? kinds : CHANGE.filter((c) => c.re.test(sentence.text));
  };
  for (const item of items.values()) {
    const f = item.first;
    const kinds = new Set(item.mentions.flatMap(changeOf));
    item.change = kinds.size === 1 ? [...kinds][0].plain : null;
    item.measured = item.mentions.flatMap((m) => measuredIn(report, understanding, m));
    const stretch = ownStretch(report, understanding, f);
    const own = report.text.slice(stretch.start, stretch.end);
    // A grade said once for the stretch ("mild bursal-sided fraying and tendinopathy"), when its own words give none.
    const grades = [...own.matchAll(DEGREE_RE)];
    if (!item.degree && grades.length === 1)
      Object.assign(item, { degree: degreeOf(grades[0][0])!.degree, degreeWord: grades[0][0].toLowerCase() });
    item.levels = [...new Set([...own.matchAll(SPINE_LEVEL)].map((m) => m[0].toUpperCase().replace(/\s+/g, '')))];
    // Only the words up to the finding's end: a side after it ("… with bilateral narrowing") is another's.
    const upTo = report.text.slice(stretch.start, Math.max(stretch.start, f.end));
    const sides = Object.entries(SIDE_WORDS).filter(([, re]) => re.test(upTo));
    if (!f.side && sides.length === 1) item.side = sides[0][0] as Side;
    // "Rib fracture, healed": an age word after the finding is its qualifier too.
    const age = AGE_AFTER.exec(report.text.slice(f.end, Math.max(f.end, stretch.end)))?.[1];
    if (!item.qualifier && age) item.qualifier = QUALIFIER[age.toLowerCase()] ?? null;
  }

  // Denials: those of the impression; with no impression, the significant ones of the findings.
  const denied = new Map<string, Finding>();
  const told = [
    ...[...items.values()].map((i) => i.first),
    ...understanding.findings.filter((g) => quote.has(g.sentenceIndex) && stated(g) && !g.normal),
  ];
  for (const f of source) {
    if (f.assertion !== 'absent') continue;
    if (!fromImpression && !f.significant) continue;
    // Never "no sign of a lump" beside a lump the summary tells, in plain words or the report's own
    // (an unchanged nodule): same concept or same plain words, on a side that does not differ.
    const within = (a: string, b: string) => ` ${b} `.includes(` ${a} `);
    const said = (g: Finding) => {
      const [x, y] = [bare(glossFor(report, g).lay), bare(glossFor(report, f).lay)];
      return (g.concept === f.concept || within(x, y) || within(y, x)) && (!f.side || !g.side || g.side === f.side);
    };
    if (told.some(said)) continue;
    const key = `${f.concept}|${f.side ?? ''}`;
    if (!denied.has(key)) denied.set(key, f);
  }

  // Impression statements with no finding in them that have a plain rendering ("No acute ...").
  const statements: { plain: string; sentence: number }[] = [];
  const carried: { line: string; sentence: number }[] = [];
  const withFinding = new Set(source.map((f) => f.sentenceIndex));
  for (const s of sentences) {
    const text = stripNumber(s.text);
    const index = report.sentences.indexOf(s);
    if (!text || quote.has(index) || omit.has(index)) continue;
    const kind = adviceKindOf(text);
    if ((kind === 'treatment' || kind === 'prognosis') && !COMMUNICATION.test(text)) {
      for (const line of quoteLines(text, 'says')) carried.push({ line, sentence: index });
      continue;
    }
    if (withFinding.has(index) || !fromImpression) continue;
    const plain = PLAIN_STATEMENTS.find((p) => p.pattern.test(text))?.plain;
    if (plain) {
      if (!statements.some((st) => st.plain === plain)) statements.push({ plain, sentence: index });
    } else if (!COMMUNICATION.test(text) && (text.replace(/\bX{2,}\b/g, '').match(/\p{L}{2,}/gu)?.length ?? 0) >= 2) {
      // An impression statement the findings core cannot read is given in the report's words, not dropped.
      for (const line of quoteLines(text)) carried.push({ line, sentence: index });
    }
  }

  const lines: string[] = [SUMMARY_OPENING];
  const from = new Map<number, number[]>();
  const say = (line: string, sentences: number[]) => {
    from.set(lines.length, sentences);
    lines.push(line);
  };
  const exam = understanding.exam;
  if (exam.modality && EXAM_NAMES[exam.modality]) {
    const part = exam.bodyPart ? `${exam.bodyPart} ` : '';
    lines.push(`The report is about your ${part}${EXAM_NAMES[exam.modality]}.`);
  }
  lines.push('');
  const found = [...items.values()];
  // Sentences told in the report's words: those the plain words could not carry faithfully.
  const quoted = [...quote].sort((a, b) => a - b).filter((i) => report.sentences[i]);
  if (found.length || quoted.length) {
    lines.push('What the report found:');
    for (const item of found)
      say(
        `- ${findingSentences(report, item).join(' ')}`,
        item.mentions.map((m) => m.sentenceIndex),
      );
    for (const i of quoted) for (const line of quoteLines(report.sentences[i].text)) say(line, [i]);
    lines.push('');
  }
  if (denied.size || statements.length) {
    lines.push(found.length || quoted.length ? 'What the report did not find:' : 'What the report says:');
    for (const st of statements) say(`- ${st.plain}`, [st.sentence]);
    for (const f of denied.values()) say(`- ${denialSentence(report, f)}`, [f.sentenceIndex]);
    lines.push('');
  }
  if (!found.length && !quoted.length && !denied.size && !statements.length && !carried.length) {
    lines.push(SUMMARY_NOTHING_PLAIN);
    lines.push('');
  }
  if (carried.length) {
    for (const c of carried) say(c.line, [c.sentence]);
    lines.push('');
  }
  lines.push(SUMMARY_CLOSING);

  const inQuotes = understanding.findings.filter((f) => quote.has(f.sentenceIndex) && stated(f) && !f.normal);
  const glossary = glossaryOf(report, found, [...denied.values(), ...inQuotes], sentences);
  if (glossary.length) {
    lines.push('', 'Words in your report:');
    for (const g of glossary) lines.push(`- ${g.term}: ${g.meaning}`);
  }
  const text = lines.join('\n') + '\n';
  const covered = [...found.flatMap((i) => i.mentions), ...denied.values(), ...inQuotes].sort((a, b) => a.start - b.start);
  const spans: Summary['from'] = [];
  let at = 0;
  lines.forEach((line, n) => {
    const sentences = from.get(n);
    if (sentences) spans.push({ start: at, end: at + line.length, sentences });
    at += line.length + 1;
  });
  return { text, grade: gradeOf(text), glossary, covered, from: spans };
}

const WORD_RES = PLAIN_WORDS.map((word) => ({ word, re: new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) }));

/** The medical terms the summary names, and the report words around them, with their plain meaning. */
function glossaryOf(report: Report, found: readonly Item[], denied: readonly Finding[], sentences: readonly Sentence[]): GlossaryLine[] {
  const out: GlossaryLine[] = [];
  const seen = new Set<string>();
  const add = (term: string, meaning: string) => {
    const key = squash(term);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ term, meaning });
  };
  for (const f of [...found.map((i) => i.first), ...denied]) {
    const gloss = glossFor(report, f);
    add(termOf(report, f), `${capitalise(withSide(gloss.lay, null))}. ${gloss.means}`);
  }
  // Anatomy and report words in the sentences summarised ("hilar", "costophrenic angle").
  const used = new Set([...found.flatMap((i) => i.mentions), ...denied].map((f) => f.sentenceIndex));
  const text = sentences
    .filter((s) => used.has(report.sentences.indexOf(s)))
    .map((s) => s.text.toLowerCase())
    .join(' ');
  for (const { word, re } of WORD_RES) {
    if (re.test(text) && ![...seen].some((t) => t.includes(squash(word)))) add(word, capitalise(plainTerm(word)!) + '.');
  }
  return out;
}

interface Checked {
  ok: boolean;
  details?: readonly { message: string; source?: { start: number; end: number }; candidate?: { start: number; end: number } }[];
}
// Reasons no rewording can answer: the summary is rightly not offered.
const UNANSWERABLE = /^(?:not offered while|the report is empty|not an imaging report)/;
const NORMAL_OVER = /^(?:says nothing is wrong|adds a normal statement)/;
// The finding a reason of the findings comparison names ("adds: left renal cyst").
const NAMED = [
  /^(?:adds|drops|denies what the report describes): (.+)$/,
  /^changes possible (.+) to certain$/,
  /^changes side of: (.+?) \(/,
  /^adds size: .* \((.+)\)$/,
];
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * The summary the check passes: the report sentences whose plain rendering the check refuses (by where
 * its reasons stand, in the report or in the summary) are told in the report's own words instead, for
 * at most four rounds. What the check still refuses is refused: the check decides, not this.
 */
export function summarizeChecked<V extends Checked>(
  report: Report,
  understanding: Understanding,
  check: (text: string) => V,
): { summary: Summary; verification: V } {
  const quote = new Set<number>();
  const omit = new Set<number>();
  let summary = summarize(report, understanding);
  let verification = check(summary.text);
  for (let round = 0; round < 4 && !verification.ok; round++) {
    const before = quote.size + omit.size;
    // Plain words, then the report's words, then (a sentence the verifier refuses even quoted) left out.
    const quotedBefore = new Set(quote);
    const blame = (i: number) => {
      if (omit.has(i)) return;
      if (quotedBefore.has(i)) {
        quote.delete(i);
        omit.add(i);
      } else quote.add(i);
    };
    for (const d of verification.details ?? []) {
      if (UNANSWERABLE.test(d.message)) return { summary, verification };
      const written = new Set<number>();
      const fromReport = new Set<number>();
      if (d.candidate) for (const f of summary.from) if (overlaps(f, d.candidate)) f.sentences.forEach((i) => written.add(i));
      if (d.source) report.sentences.forEach((s, i) => overlaps(s, d.source!) && fromReport.add(i));
      // A reason of the findings comparison names the finding only: the lines and sentences naming it.
      const name = d.candidate || d.source ? undefined : NAMED.map((re) => re.exec(d.message)?.[1]).find(Boolean);
      if (name) {
        const term = name.toLowerCase().replace(/^(?:no|left|right|bilateral|possible) /, '');
        for (const f of summary.from)
          if (summary.text.slice(f.start, f.end).toLowerCase().includes(term)) f.sentences.forEach((i) => written.add(i));
        report.sentences.forEach((s, i) => s.text.toLowerCase().includes(term) && fromReport.add(i));
      }
      // A normal statement beside a finding is left out; anything else is told in the report's words.
      if (NORMAL_OVER.test(d.message)) written.forEach((i) => omit.add(i));
      else written.forEach(blame);
      fromReport.forEach((i) => !written.has(i) && blame(i));
    }
    if (quote.size + omit.size === before && [...quotedBefore].every((i) => quote.has(i))) break;
    summary = summarize(report, understanding, { quote, omit });
    verification = check(summary.text);
  }
  return { summary, verification };
}
