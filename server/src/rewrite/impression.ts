// Draft the impression from the findings, deterministically: the significant present (and hedged)
// findings of the FINDINGS section(s), critical first, each with its side, site and size, as a
// numbered list. Mentions of one finding are merged; normal statements and minor incidental
// findings are left out unless asked for; a report with nothing significant gets a normal
// statement for its exam. The wording is the report's own phrase around each finding, so the
// draft says nothing the findings do not (verifyRewrite kind 'impression' checks that it does not).
import {
  CONCEPT_BY_ID,
  coveredBy,
  covers,
  fitsExam,
  sameFinding,
  sitesAgree,
  sitesMatch,
  understand,
  type Finding,
  type Understanding,
} from '../nlp';
import { parseReport } from '../report';
import { CUES, clausesOf, readClause, type Clause } from './clauses';
import { changesOf, dropsOf, polarityLostBy, shareOf } from './clause-changes';
import type { Report, Section, Span, Token } from '../report/types';
import { isExplained, isMinor } from '../nlp/minor';
import { impressionWorthy } from '../nlp/impression-worthy';
import type { Side } from '../nlp/types';
import type { Edit } from '../problem';
import { placeText, type Placement } from './placement';

export interface DraftOptions {
  /** Keep minor, chronic and incidental findings (and lines and tubes) too. */
  includeMinor: boolean;
}

export interface ImpressionItem {
  text: string;
  /** The finding mentions the statement sums up, first the one it is written from. */
  findings: Finding[];
}

export interface ImpressionDraft {
  items: ImpressionItem[];
  /** The impression body: "1. ..." lines, or a normal statement when nothing significant was found. */
  text: string;
  /** The body of the existing impression, which the draft would replace; null when there is none. */
  replaces: Span | null;
  /** Where a new IMPRESSION section goes (after the last findings section) when there is none. */
  insertAt: number;
}

const URGENCY_RANK: Readonly<Record<string, number>> = { minutes: 0, hours: 1, days: 2 };
// Lines and tubes: named last, unless malpositioned (critical).
const HABIT_GROUPS = new Set(['device', 'postsurgical']);
const CHEST_PARTS = new Set(['chest', 'heart']);
// Signs the lexicon counts as minor that an impression names by what they show: a blunted
// costophrenic angle is the radiograph's small pleural effusion.
const SIGNS = new Set(['blunted-costophrenic-angle']);
// Words that explain a shadow away as something other than disease.
const EXPLAINED_AWAY =
  /\b(?:related to|due to|secondary to|attributab\w*|reflect\w*|overl[ay]\w*|overlying|superimpos\w*|projecting over|artifact\w*|nipple|soft tissues?(?! density| mass| lesion| nodule)|callus|skin fold)\b/i;
// Words that, bare, point back to a finding named before rather than name a new one.
const GENERIC = new Set(['lesion', 'opacity', 'mass']);

// ---------------------------------------------------------------------------------------------
// The report's own phrase for a finding: its modifiers before it and a locative phrase after it.

// Words that end the modifiers before a finding ("There is a | small left effusion").
const BACK_STOP = new Set(
  (
    'a an the this these that there is are was were be been has have had of with without and or but no not nor ' +
    'in at on to by from for as within along seen noted identified present again which who may might could ' +
    'likely probably possibly possible probable suggest suggests suggesting suspicious concerning consistent ' +
    'compatible represent represents representing versus vs due secondary related reflect reflects ' +
    'demonstrates demonstrate shows show reveals reveal containing contains contain also now than ' +
    'producing causing resulting including involving demonstrating showing compressing indenting abutting ' +
    'extending measuring question questionable suspected suspect suspicion equivocal definite definitely ' +
    'evidence concern worrisome cannot exclude excluded rule'
  ).split(' '),
);
// Words that open a place after a finding ("effusion | in the right hemithorax").
const LOCATIVE = new Set(['in', 'at', 'of', 'within', 'along', 'involving', 'overlying', 'over', 'throughout', 'near']);
// Words that end a place after a finding.
const FORWARD_STOP = new Set(
  (
    'with without and or but which that is are was were measuring measures measured may might could likely ' +
    'probably possibly consistent compatible suggesting suggestive concerning representing represents ' +
    'versus vs due secondary related causing resulting since from compared when as than there no not'
  ).split(' '),
);
const DANGLING = new Set(['in', 'at', 'of', 'within', 'along', 'the', 'a', 'an', 'and', 'to', 'on', 'over', 'near']);
const SIZE_WORDS = new Set(['x', 'by', 'mm', 'cm', 'ml', 'cc', 'millimeter', 'millimeters', 'centimeter', 'centimeters']);
const SIDE_TEXT =
  /\b(?:left|right|bilateral(?:ly)?|both|bibasilar|bibasal|biapical|bihilar|leftward|rightward|lt|rt|RLL|LLL|RUL|LUL|RML|levo\w*|dextro\w*)\b/i;

function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else if (tokens[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return lo;
}

interface Phrase {
  start: number;
  end: number;
  /** The words after the finding that belong to it: its place ("in the right middle lobe"). */
  after: string;
}

// "opacity | is present | in the right middle lobe": a predicate of being seen, passed over to the place.
const SEEN =
  /^[ \t]+(?:is|are)[ \t]+(?:present|seen|noted|identified|demonstrated|visualized|again seen)(?=[ \t]+(?:in|at|within|along|involving|of)\b)/i;

function phraseOf(report: Report, f: Finding): Phrase {
  const sentence = report.sentences[f.sentenceIndex];
  const tokens = report.tokens;
  const first = tokenAt(tokens, f.start);
  let start = f.start;
  // Backwards over modifiers, sizes and side words.
  for (let k = first - 1, n = 0; k >= 0 && n < 8; k--, n++) {
    const t = tokens[k];
    if (t.start < sentence.start) break;
    if (t.kind === 'deid') break;
    if (t.kind === 'punct' && t.text !== '-' && t.text !== '/' && !(t.text === '.' && tokens[k - 1]?.kind === 'number')) break;
    if (t.kind === 'word' && BACK_STOP.has(t.lower) && !SIZE_WORDS.has(t.lower)) break;
    // A subheading ("Kidneys:") is not a modifier; the colon already stopped the walk.
    start = t.start;
  }
  // Never start on a joiner.
  while (start < f.start && /^[-/.]/.test(report.text.slice(start, f.start))) start++;
  let end = f.end;
  let k = tokenAt(tokens, f.end);
  // An abbreviation names the head of a longer noun: "right IJ | dual-lumen central venous catheter".
  if (/^[A-Z]{2,4}$/.test(report.text.slice(f.start, f.end))) {
    for (let n = 0; k < tokens.length && n < 6; n++) {
      const t = tokens[k];
      if (t.end > sentence.end || t.kind === 'deid' || t.kind === 'number') break;
      if (t.kind === 'punct' && t.text !== '-') break;
      if (t.kind === 'word' && (FORWARD_STOP.has(t.lower) || LOCATIVE.has(t.lower) || BACK_STOP.has(t.lower))) break;
      if (t.kind === 'word') end = t.end;
      k++;
    }
  }
  const abbreviated = end;
  const seen = SEEN.exec(report.text.slice(end, sentence.end));
  if (seen) k = tokenAt(tokens, end + seen[0].length);
  // Forwards through one locative phrase: "in the upper pole of the left kidney".
  if (k < tokens.length && tokens[k].end <= sentence.end && tokens[k].kind === 'word' && LOCATIVE.has(tokens[k].lower)) {
    let last = -1;
    for (let n = 0; k < tokens.length && n < 14; k++, n++) {
      const t = tokens[k];
      if (t.end > sentence.end || t.kind === 'deid' || t.kind === 'number') break;
      if (t.kind === 'punct' && t.text !== '-') break;
      if (t.kind === 'word' && (FORWARD_STOP.has(t.lower) || (n > 0 && /ing$/.test(t.lower)))) break;
      if (t.kind === 'word' && !DANGLING.has(t.lower)) last = k;
    }
    if (last >= 0) end = tokens[last].end;
  }
  const placeFrom = seen && end > abbreviated ? abbreviated + seen[0].length : f.end;
  const after = report.text.slice(f.end, abbreviated) + (end > abbreviated ? report.text.slice(placeFrom, end) : '');
  return { start, end, after };
}

/** A size attached to the finding that its phrase does not already hold, when nothing else stands between them. */
function sizeOutside(report: Report, f: Finding, phrase: Phrase, all: readonly Finding[]): string | null {
  for (const m of f.measurements) {
    if (m.start >= phrase.start && m.end <= phrase.end) return null;
    const between = m.start >= phrase.end ? report.text.slice(phrase.end, m.start) : report.text.slice(m.end, phrase.start);
    if (/[;:]|\b(?:with|and|without|no|which|of the)\b/i.test(between) || between.length > 40) continue;
    if (
      all.some(
        (g) =>
          g !== f &&
          g.sentenceIndex === f.sentenceIndex &&
          g.start >= Math.min(m.end, phrase.end) &&
          g.end <= Math.max(m.start, phrase.start),
      )
    )
      continue;
    return report.text.slice(m.start, m.end).replace(/\s+/g, ' ');
  }
  return null;
}

// Chronicity words in the finding's clause or sentence that make it history rather than news.
const CHRONIC =
  /\b(?:benign(?:-appearing| appearing)?|old|healed|healing|remote|chronic\w*|calcified|granulomatous|sequelae?|postoperative|post-operative|postsurgical|post-surgical|status post|previously (?:seen|noted|visualized|described|demonstrated)|incidental(?:ly)?|of (?:doubtful|no) (?:clinical )?significance)\b/i;

/** The finding's own clause: from the comma or semicolon before it to the one after it. */
function clauseOf(report: Report, f: Finding): string {
  const sentence = report.sentences[f.sentenceIndex];
  if (!sentence) return '';
  const before = report.text.slice(sentence.start, f.start);
  const after = report.text.slice(f.end, sentence.end);
  const from = Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1;
  const to = after.search(/[,;]/);
  return before.slice(from) + report.text.slice(f.start, f.end) + (to < 0 ? after : after.slice(0, to));
}

function isChronic(report: Report, f: Finding): boolean {
  return CHRONIC.test(clauseOf(report, f));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
// Lower-case a phrase's first word to follow a hedge, unless it is an abbreviation ("RUL", "CT").
const decapitalise = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

function hedgeOf(f: Finding): string {
  return f.assertion !== 'possible' ? '' : f.hedge === 'probable' ? 'Probable ' : 'Possible ';
}

/** The finding in the report's words, with its side and size: "small left pleural effusion, 1.5 cm". */
function wordsFor(report: Report, f: Finding, side: Side | null, all: readonly Finding[], outsideSize = true): string {
  const phrase = phraseOf(report, f);
  const before = report.text.slice(phrase.start, f.start);
  const own = report.text.slice(f.start, f.end);
  const after = phrase.after;
  let text = before + own + after;
  // A side the sentence spells out but the phrase lacks is written in; one implied by a site ("lingula") is not.
  const sentence = report.sentences[f.sentenceIndex]?.text ?? '';
  if (side && !SIDE_TEXT.test(text) && SIDE_TEXT.test(sentence)) text = `${before}${side} ${own}${after}`;
  const size = outsideSize ? sizeOutside(report, f, phrase, all) : null;
  return text.replace(/\s+/g, ' ').trim() + (size ? `, ${size}` : '');
}

/** The statement for one finding: "Small left pleural effusion.", "Possible right lower lobe pneumonia." */
function statementOf(report: Report, f: Finding, side: Side | null, all: readonly Finding[], outsideSize = true): string {
  const hedge = hedgeOf(f);
  const text = wordsFor(report, f, side, all, outsideSize);
  return capitalise(hedge ? hedge + decapitalise(text) : text) + '.';
}

const COPULA = /\b(?:is|are|was|were|appears?|remains?|has become|have become|seems?)\b/i;

/** The clause of a one-word predicate mention ("Heart size is mildly enlarged"), as a statement. */
function predicateClause(report: Report, f: Finding): string | null {
  const own = report.text.slice(f.start, f.end);
  if (/\s/.test(own.trim())) return null;
  const clause = clauseOf(report, f)
    .trim()
    .replace(/^there (?:is|are|was|were)\s+/i, '');
  const upTo = clause.slice(0, clause.toLowerCase().lastIndexOf(own.toLowerCase()));
  // A subject worth naming before the copula ("Heart size is", not "XXXX are").
  const subject = upTo.split(COPULA)[0] ?? '';
  if (!COPULA.test(upTo) || !/[a-z]{3}/i.test(subject.replace(/XXXX/g, ''))) return null;
  const text = clause
    .replace(/^[A-Z][A-Za-z /&-]{0,30}:\s*/, '')
    .replace(/^(?:and|but|however|also)\s+/i, '')
    .replace(/[.\s]+$/, '');
  return text ? capitalise(text) + '.' : null;
}

/** The statement built from the finding's parts alone: "Possible right lower lobe pneumonia, 2 cm." */
function plainStatementOf(f: Finding, side: Side | null, name: string): string {
  const size = f.measurements[0] ? `, ${f.measurements[0].value.join(' x ')} ${f.measurements[0].unit}` : '';
  const words = [side, ...f.site.filter((site) => !name.includes(site)), name].filter(Boolean).join(' ');
  return capitalise(`${hedgeOf(f)}${words}${size}`) + '.';
}

// ---------------------------------------------------------------------------------------------
// Items cut from the report's own clauses (as the verifier reads them): the report's phrase for the
// finding when it says all its clause says, else the shortest run of the clause's comma-pieces around
// the finding that does: every time, hedge, severity, size, side and level word kept ("unchanged",
// "may represent", "of the left kidney"), and no size taken from another finding's words.

const tokens = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
// Words a phrase may leave out of its sentence: filler and the verbs of being seen.
const UNSAID = new Set(
  'there is are was were be been a an the seen noted identified present demonstrated visualized observed detected evident'.split(' '),
);

// Leading words an impression item does without: "and", "with", "There is".
const FILLER =
  /^(?:(?:and|but|with|also|however|additionally|furthermore)\b,?\s+)?(?:there (?:is|are|was|were)\s+(?:also\s+)?)?(?:an?\s+(?=\S))?/i;
// A piece that opens on these leans on the words before it ("suspicious for …", "which …", "measuring …").
const LINKING = new Set([
  ...CUES.dangling,
  ...CUES.hedges.map((h) => h.phrase.split(' ')[0]),
  ...'representing in of to for at from as most more less than or nor with without along accompanied'.split(' '),
]);

// Words that open the rest of a sentence's predicate.
const PREDICATE = new Set(
  'is are was were has have had remains remain appears appear measures measure shows show demonstrates demonstrate extends extend causes cause'.split(
    ' ',
  ),
);

const firstWord = (text: string) => text.toLowerCase().match(/[a-z0-9]+/)?.[0] ?? '';

/** A piece of report text as an item: list mark, leading filler and end punctuation off, capitalised, one full stop. */
function tidy(text: string): string {
  const t = text
    .replace(/^\s*\d{1,2}[.)]\s+/, '')
    .replace(/^[\s"'“”•*-]+/, '')
    // A quotation mark between two statements (CT-RATE's summary lines) is a dash: one clause still, as the verifier reads it.
    .replace(/\s+["“”]\s+(?=[A-Z])/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(FILLER, '')
    .replace(/[\s.,;:]+$/, '');
  // "(hemorrhagic ?" cut by the sentence break at its question mark: closed again.
  const open = (t.match(/\(/g) ?? []).length - (t.match(/\)/g) ?? []).length;
  return t ? capitalise(t) + ')'.repeat(Math.max(0, open)) + '.' : '';
}

/** Whether `text`, cut from clause `c`, still says everything `c` says of time, hedge, severity, size, side and level, and changes none of it. */
function carries(text: string, c: Clause): boolean {
  const read = readClause(text, c, 'impression', null);
  return (
    // Words to rest on, unless the clause has none either ("This is unchanged from prior.").
    (read.words.length > 0 || (!c.words.length && read.quantities.join() === c.quantities.join())) &&
    !(read.normal && !read.specificDenial) &&
    // Every hedge too: "likely representing a cyst" stays with its lesion.
    c.hedges.every((h) => read.hedges.includes(h)) &&
    !dropsOf(c, [read], { sizes: true }).length &&
    !changesOf(c, read).length &&
    !polarityLostBy(c, [read]).length
  );
}

/** The clause's pieces between commas (not a number's "1,200"), as spans of the report. */
function piecesOf(report: Report, c: Clause): Span[] {
  const out: Span[] = [];
  let from = c.start;
  for (const m of report.text.slice(c.start, c.end).matchAll(/,(?!\d)/g)) {
    out.push({ start: from, end: c.start + m.index });
    from = c.start + m.index + 1;
  }
  out.push({ start: from, end: c.end });
  return out;
}

interface Clauses {
  all: Clause[];
  /** The clause a report offset stands in. */
  at(offset: number): Clause | undefined;
}

function clausesFor(report: Report): Clauses {
  const all = clausesOf(report);
  return { all, at: (offset) => all.find((c) => c.start <= offset && offset < c.end) };
}

// "This is", "These lesions appeared", "It has remained": what opens a sentence that goes on about the one before.
// Before a modal only the pointer goes: "This could represent …" is "Could represent …".
const POINTER =
  /^(?:this|these|those|that|it|they)(?:\s+[a-z]+)?\s+(?:(?:(?:has|have|had)\s+(?:been|remained)|is|are|was|were|appears?|appeared|remains?|remained|seems?|seemed)\s+|(?=(?:may|might|could|would|can|cannot|likely|probably|possibly|most likely)\b))/i;

/** "This is unchanged from prior." as its own item sentence: "Unchanged from prior."; null when it will not stand alone. */
function withoutPointer(text: string): string | null {
  const t = tidy(text.trim().replace(POINTER, ''));
  return t && !CUES.dangling.includes(firstWord(t)) ? t : null;
}

/** The sentence before a clause that opens on "It"/"This" (what it speaks of), or '' when none is needed; null when none will do. */
function antecedentOf(clauses: Clauses, c: Clause): string | null {
  if (!CUES.dangling.includes(firstWord(c.text))) return '';
  const before = clauses.all.filter((x) => x.end <= c.start);
  const prev = before[before.length - 1];
  if (!prev || prev.section !== c.section || CUES.dangling.includes(firstWord(prev.text))) return null;
  const text = tidy(prev.text);
  return text && carries(text, prev) ? `${text} ` : null;
}

// A sentence that tells only the time of the one before: it points back, or says "no interval change".
const ASIDE = /^(?:(?:\S+\s+){0,8}?(?:they|it|this|these|them)\b|no (?:significant )?(?:interval )?change\b)/i;

/** The next sentence when it only goes on about this one ("This is unchanged from prior."), as "Unchanged from prior."; else ''. */
function sequelOf(report: Report, clauses: Clauses, c: Clause): string {
  const sentence = report.sentences.findIndex((s) => s.start <= c.start && c.end <= s.end);
  const next = report.sentences[sentence + 1];
  if (sentence < 0 || !next || next.section !== report.sentences[sentence].section) return '';
  if (clauses.all.some((x) => x.start > c.start && x.end <= report.sentences[sentence].end)) return '';
  const read = clauses.at(next.start);
  if (!read || read.end < next.end - 1 || read.communication || read.recommendation) return '';
  // "This is unchanged", "Compared to the previous examination, they are stable", "No interval change …".
  const pointing = CUES.dangling.includes(firstWord(read.text));
  const aside = read.time.size > 0 && !read.significant && (ASIDE.test(read.text) || !read.words.length);
  if (!pointing && !aside) return '';
  const says = read.words.length || read.time.size || read.hedges.length || read.severity.length || read.quantities.length;
  if (!says) return '';
  const text = pointing ? withoutPointer(next.text) : tidy(next.text);
  return text && carries(text, read) ? ` ${text}` : '';
}

// Sections whose header names no organ or measure of its own.
const PLAIN_SECTIONS = new Set(['findings', 'impression', 'preamble', 'history', 'exam', 'technique', 'comparison']);

/** "BPD: ", "Liver: ": the label a clause opens under, when the clause says nothing without it; else ''. */
function labelOf(report: Report, c: Clause): string {
  const sentence = report.sentences.find((x) => x.start <= c.start && c.start < x.end);
  const section = sentence && report.sections[sentence.section];
  if (!section) return '';
  const sub = section.subsections.find((x) => x.start <= c.start && c.start < x.end);
  const header = sub ? sub.header : !PLAIN_SECTIONS.has(section.kind) ? section.header : null;
  const opens = header && /^[\s\d.)-]*$/.test(report.text.slice(header.end, c.start));
  if (!header || !opens || header.name.split(/\s+/).length > 4 || c.text.toLowerCase().includes(header.name.toLowerCase())) return '';
  // Abbreviations stay as written ("BPD", "CT pelvis").
  const name = header.name
    .split(/\s+/)
    .map((w) => (w.length <= 3 ? w : w.toLowerCase()))
    .join(' ');
  return `${capitalise(name)}: `;
}

/** The shortest run of the clause's pieces over [start, end) that carries the clause, as an item; null when none does. */
function windowOf(report: Report, clauses: Clauses, c: Clause, start: number, end: number): string | null {
  const pieces = piecesOf(report, c);
  const first = pieces.findIndex((p) => p.end > start);
  const last = pieces.findIndex((p) => p.end >= end);
  if (first < 0 || last < 0) return null;
  const runs: [number, number][] = [];
  for (let i = 0; i <= first; i++) for (let j = last; j < pieces.length; j++) runs.push([i, j]);
  runs.sort(([a, b], [x, y]) => pieces[b].end - pieces[a].start - (pieces[y].end - pieces[x].start));
  // A side the clause takes from its heading ("RIGHT:" over a list) is written as the item's label.
  const written = readClause(c.text, c, c.section, null).sides;
  const sides = [...c.sides].filter((x) => !written.has(x));
  const heading = sides.length ? `${capitalise(sides.join(' and '))}: ` : labelOf(report, c);
  for (const [i, j] of runs) {
    const before = i === 0 ? antecedentOf(clauses, c) : '';
    if (before === null) continue;
    const piece = report.text.slice(pieces[i].start, pieces[j].end);
    const words = before ? withoutPointer(piece) : tidy(piece);
    if (!words) continue;
    const text = heading + words;
    // Never a subject cut from its verb: "the lesion …, which is observed …, | is observed as fragmented …".
    const rest = pieces[j + 1] && firstWord(report.text.slice(pieces[j + 1].start, pieces[j + 1].end));
    // Nor a later piece that points back ("…, and there is a collection area in it").
    const leans =
      i > 0 && (LINKING.has(firstWord(piece)) || LINKING.has(firstWord(words)) || /\b(?:it|its|they|them|their)\b/i.test(words));
    if (leans || (rest && PREDICATE.has(rest)) || !carries(text, c)) continue;
    return before + text + (j === pieces.length - 1 ? sequelOf(report, clauses, c) : '');
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

/** The sections whose findings the impression sums up: FINDINGS, or the body of a report without headers. */
function findingsSections(report: Report): number[] {
  const out: number[] = [];
  report.sections.forEach((s, i) => s.kind === 'findings' && out.push(i));
  if (out.length) return out;
  report.sections.forEach((s, i) => (s.kind === 'preamble' || s.kind === 'other') && out.push(i));
  return out;
}

const sidesCompatible = (a: Side | null, b: Side | null) => !a || !b || a === b;

/** How much a mention says: critical, certain, measured, sided, placed. */
function weight(f: Finding, side: Side | null): number {
  return (
    (f.significant ? 16 : 0) +
    (f.assertion === 'present' ? 8 : 0) +
    (f.measurements.length ? 4 : 0) +
    (side ? 2 : 0) +
    Math.min(f.site.length, 1)
  );
}

/**
 * Mentions of one finding: the same concept at a compatible place, or a kindred name in the same
 * sentence ("opacity, likely pneumonia") or at the very same named site. A meniscal tear and a
 * ligament sprain are kin, but two findings.
 */
function sameMention(report: Report, g: Group, f: Finding, side: Side | null): boolean {
  if (!sidesCompatible(g.side, side) || !sitesAgree(g.lead, f)) return false;
  if (g.lead.concept === f.concept) {
    // Two tears "of the anterior cruciate ligament" and "of the lateral collateral ligament" are two findings.
    const place = (x: Finding) => phraseOf(report, x).after.trim().toLowerCase();
    const bare = (x: Finding) => !x.side && !x.site.length && !x.measurements.length && !place(x);
    return g.findings.some((x) => x.sentenceIndex === f.sentenceIndex) || bare(f) || bare(g.lead) || place(f) === place(g.lead);
  }
  if (!sameFinding(g.lead.concept, f.concept)) return false;
  // A bare generic mention ("the lesion", "the opacity") refers back to the finding already named,
  // unless its sentence gives it a side or a size of its own.
  const sentence = report.sentences[f.sentenceIndex]?.text ?? '';
  const described = SIDE_TEXT.test(sentence) || /\d\s*(?:mm|cm)\b/i.test(sentence);
  if (GENERIC.has(f.concept) && !side && !f.site.length && !f.measurements.length && !described) return true;
  return g.findings.some((x) => x.sentenceIndex === f.sentenceIndex) || (!!side && side === g.side && sitesMatch(g.lead, f));
}

interface Group {
  lead: Finding;
  side: Side | null;
  findings: Finding[];
  /** Findings of the same sentence the lead accounts for ("with 4 mm of midline shift"). */
  withs: Finding[];
}

/** The findings the draft sums up, before merging. */
function candidatesOf(report: Report, u: Understanding, options: DraftOptions): Finding[] {
  const sections = new Set(findingsSections(report));
  return u.findings.filter((f) => {
    if (!sections.has(f.sectionIndex)) return false;
    if (f.assertion !== 'present' && f.assertion !== 'possible') return false;
    if (!fitsExam(u, f)) return false;
    if (options.includeMinor) return true;
    const urgent = f.critical === 'minutes' || f.critical === 'hours';
    if (!f.significant && !urgent && !SIGNS.has(f.concept)) return false;
    // A minor shadow explained away ("density related to the scapular tip", "overlying the rib") is
    // no finding; one offered with alternatives ("scarring or atelectasis") or interpreted ("opacity
    // compatible with atelectasis", which then goes with its interpretation) is.
    if (
      isExplained(report, f) &&
      isMinor(report, f) &&
      EXPLAINED_AWAY.test(report.sentences[f.sentenceIndex]?.text ?? '') &&
      !u.findings.some((g) => g !== f && g.sentenceIndex === f.sentenceIndex && g.assertion !== 'absent' && g.significant)
    )
      return false;
    // "Normal wall thickening": a normal statement the findings core read as a finding.
    const phrase = phraseOf(report, f);
    if (/\b(?:normal|unremarkable)\b/i.test(report.text.slice(phrase.start, f.start) + phrase.after)) return false;
    // Old, healed and calcified findings are history, not the impression's news.
    return urgent || !isChronic(report, f);
  });
}

// Critical first, then certain before hedged, lines and tubes last; ties in the order of the findings.
const rank = (f: Finding) =>
  (f.critical ? URGENCY_RANK[f.critical] : HABIT_GROUPS.has(CONCEPT_BY_ID.get(f.concept)?.group ?? '') ? 4 : 3) * 2 +
  (f.assertion === 'present' ? 0 : 1);

/** Mentions of one finding merged; findings the lead accounts for in its sentence joined to it. */
function groupsOf(report: Report, findings: readonly Finding[]): Group[] {
  // A shadow the sentence interprets ("opacities compatible with atelectasis") yields to its interpretation.
  const explained = (f: Finding) => isExplained(report, f);
  const ordered = [...findings].sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  const groups: Group[] = [];
  for (const f of ordered) {
    // The side the mention itself carries: a side elsewhere in the sentence may be another structure's.
    const side = f.side;
    const same = groups.find((g) => sameMention(report, g, f, side));
    if (same) {
      same.findings.push(f);
      // The better-described mention leads; a named finding leads a sign of it ("blunting ... suggesting effusions").
      const better = weight(f, side) > weight(same.lead, same.side);
      const interprets =
        f.assertion === 'present' && f.sentenceIndex === same.lead.sentenceIndex && f.start > same.lead.end && explained(same.lead);
      if ((better && rank(f) <= rank(same.lead)) || (f.significant && !same.lead.significant) || interprets) {
        same.lead = f;
        same.side = side ?? same.side;
      } else same.side ??= side;
      continue;
    }
    // A finding of the same sentence that one accounts for goes with it ("hematoma, with midline shift"),
    // whichever side it points to.
    const leader = groups.find((g) => g.lead.sentenceIndex === f.sentenceIndex && covers(g.lead.concept, f.concept));
    if (leader) {
      leader.findings.push(f);
      leader.withs.push(f);
      continue;
    }
    const follower = groups.find((g) => g.lead.sentenceIndex === f.sentenceIndex && !g.withs.length && covers(f.concept, g.lead.concept));
    if (follower) {
      follower.withs.push(follower.lead);
      follower.findings.unshift(f);
      follower.lead = f;
      follower.side = side;
      continue;
    }
    groups.push({ lead: f, side, findings: [f], withs: [] });
  }
  // Hedged alternatives of one sentence are one statement: "Possible atelectasis or pneumonia."
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const a = groups[i];
      const b = groups[j];
      if (
        a.lead.assertion === 'possible' &&
        b.lead.assertion === 'possible' &&
        a.lead.sentenceIndex === b.lead.sentenceIndex &&
        a.findings.length === 1 &&
        b.findings.length === 1 &&
        sidesCompatible(a.side, b.side) &&
        /^[\s,]*(?:or|versus|vs\.?|\/|and\/or)[\s]*$/i.test(report.text.slice(a.lead.end, b.lead.start))
      ) {
        a.withs.push(b.lead);
        a.findings.push(b.lead);
        groups.splice(j--, 1);
      }
    }
  }
  return groups;
}

/**
 * Ways to word a group, best first: the report's phrase (with what goes with it) when it says all its
 * clause says, else the shortest part of the clause that does; then the phrase anyway, and the bare parts.
 */
function wordings(report: Report, g: Group, all: readonly Finding[], clauses: Clauses): string[] {
  // The lead's own side: a side another mention gave the group may belong to other words.
  const side = g.lead.side;
  const compose = (outsideSize: boolean) => {
    let text = statementOf(report, g.lead, side, all, outsideSize);
    for (const w of g.withs) {
      if (text.toLowerCase().includes(report.text.slice(w.start, w.end).toLowerCase())) continue;
      const alternative = w.assertion === 'possible' && g.lead.assertion === 'possible';
      text = `${text.slice(0, -1)}${alternative ? ' or' : ', with'} ${decapitalise(wordsFor(report, w, null, all, outsideSize))}.`;
    }
    // What the sentence offers as its reading of the lead: "opacity, likely atelectasis or pneumonia".
    const readings = g.findings.filter(
      (f) =>
        f !== g.lead &&
        !g.withs.includes(f) &&
        f.sentenceIndex === g.lead.sentenceIndex &&
        f.assertion === 'possible' &&
        g.lead.assertion === 'present' &&
        f.concept !== g.lead.concept &&
        !text.toLowerCase().includes(report.text.slice(f.start, f.end).toLowerCase()),
    );
    if (readings.length) {
      const names = [...new Set(readings.map((f) => report.text.slice(f.start, f.end).replace(/\s+/g, ' ').toLowerCase()))];
      const hedge = readings.every((f) => f.hedge === 'probable') ? 'likely' : 'possibly';
      text = `${text.slice(0, -1)}, ${hedge} ${names.join(' or ')}.`;
    }
    return text;
  };
  const text = compose(true);
  const out: string[] = [];
  const clause = clauses.at(g.lead.start);
  if (clause) {
    const members = g.findings.filter((f) => f.start >= clause.start && f.end <= clause.end);
    const window = windowOf(report, clauses, clause, Math.min(...members.map((f) => f.start)), Math.max(...members.map((f) => f.end)));
    // The report's phrase, when it is in the report's words and leaves out of the window only "is seen" and the like.
    const phrase = compose(false);
    const said = new Set(tokens(clause.text));
    const kept = new Set(tokens(phrase));
    const fits =
      tokens(phrase).every((w) => said.has(w)) && (!window || tokens(window).every((w) => kept.has(w) || UNSAID.has(w) || !said.has(w)));
    const standsAlone = !CUES.dangling.includes(firstWord(phrase)) && antecedentOf(clauses, clause) === '';
    if (fits && standsAlone && carries(phrase, clause)) out.push(phrase + sequelOf(report, clauses, clause));
    if (window) out.push(window);
    // A sentence that points back ("These lesions show …") and no wording carries: it is the finding named before.
    else if (!out.length && CUES.dangling.includes(firstWord(clause.text))) return [];
  }
  out.push(text, statementOf(report, g.lead, side, all));
  // A finding read from a predicate ("the sternotomy wires are broken") is worded as its clause.
  const predicate = predicateClause(report, g.lead);
  if (predicate) out.splice(out.length - 2, 0, predicate);
  out.push(plainStatementOf(g.lead, side, g.lead.finding));
  for (const term of CONCEPT_BY_ID.get(g.lead.concept)?.terms ?? []) out.push(plainStatementOf(g.lead, side, term));
  return [...new Set(out)];
}

/**
 * Each statement must read back as the finding it was written from (same concept family, assertion
 * and side); where the report's phrase misleads the findings core (a cue word caught in it, a
 * de-identified word), the next wording is tried, and a group no wording reads back as is left out.
 */
function readBackItems(
  report: Report,
  u: Understanding,
  groups: readonly Group[],
  all: readonly Finding[],
  clauses: Clauses,
): ImpressionItem[] {
  const options = groups.map((g) => wordings(report, g, all, clauses));
  const choice = groups.map(() => 0);
  const done = groups.map(() => false);
  const exam = examLine(report, u);
  for (let round = 0; round < 12 && done.some((d) => !d); round++) {
    const trying = groups.map((_, i) => i).filter((i) => !done[i] && choice[i] < options[i].length);
    if (!trying.length) break;
    const reread = parseReport(
      `${exam}IMPRESSION:${report.eol}${trying.map((i, n) => `${n + 1}. ${options[i][choice[i]]}`).join(report.eol)}`,
    );
    const listed = reread.sections.find((s) => s.kind === 'impression')?.items ?? [];
    const readBack = understand(reread).findings;
    trying.forEach((i, n) => {
      const { lead } = groups[i];
      const side = lead.side;
      const span = listed[n];
      const ok =
        !!span &&
        readBack.some(
          (x) =>
            x.start >= span.start &&
            x.end <= span.end &&
            sameFinding(x.concept, lead.concept) &&
            x.assertion === lead.assertion &&
            (x.side ?? null) === (side ?? null),
        );
      if (ok) done[i] = true;
      else choice[i]++;
    });
  }
  return groups.flatMap((g, i) => (done[i] ? [{ text: options[i][choice[i]], findings: g.findings }] : []));
}

/** Draft an impression from the report's findings. */
export function draftImpression(
  report: Report,
  understanding: Understanding = understand(report),
  options: DraftOptions = { includeMinor: false },
): ImpressionDraft {
  const u = understanding;
  const clauses = clausesFor(report);
  const candidates = candidatesOf(report, u, options);
  let items = itemsOf(report, u, candidates, clauses);
  // What the omission rule asks of an impression (its own reading of minor and explained) and no item covers is added.
  const sections = findingsSections(report);
  const inFindings = new Set(sections);
  const said = items.map((i) => i.text.toLowerCase()).join('\n');
  const covered = new Set(items.flatMap((i) => i.findings.flatMap((f) => [...coveredBy(f.concept)])));
  const extra = u.findings.filter(
    (f) =>
      inFindings.has(f.sectionIndex) &&
      !candidates.includes(f) &&
      !covered.has(f.concept) &&
      !said.includes(report.text.slice(f.start, f.end).toLowerCase()) &&
      impressionWorthy(report, u, f),
  );
  if (extra.length) items = itemsOf(report, u, [...candidates, ...extra], clauses);

  const chest = CHEST_PARTS.has(u.exam.bodyPart ?? '') || (!u.exam.bodyPart && /\bchest\b/i.test(report.text.slice(0, 200)));
  const impression = [...report.sections].reverse().find((s) => s.kind === 'impression');
  const lastFindings = sections[sections.length - 1];
  const insertAt = lastFindings !== undefined ? report.sections[lastFindings].body.end : report.text.trimEnd().length;
  // What the old impression says that the draft does not (a diagnosis, a recommendation, a call, a
  // statement the findings core cannot read) is kept as written, never dropped.
  items = [...items, ...(impression ? keptFromImpression(report, impression, items, clauses) : [])];
  // Never "no acute abnormality" over a significant finding: the sentences stating one are listed as written.
  items = [...items, ...statedItems(report, u, clauses, items)];
  return {
    items,
    text: items.length
      ? items.map((item, i) => `${i + 1}. ${item.text}`).join(report.eol)
      : chest
        ? 'No acute cardiopulmonary abnormality.'
        : 'No acute abnormality.',
    replaces: impression ? { start: impression.body.start, end: impression.body.end } : null,
    insertAt,
  };
}

/** The items for these findings: grouped, worded, read back; one taken whole into another's words goes with it. */
function itemsOf(report: Report, u: Understanding, findings: readonly Finding[], clauses: Clauses): ImpressionItem[] {
  const items = readBackItems(report, u, groupsOf(report, findings), u.findings, clauses);
  const bare = (item: ImpressionItem) => item.text.toLowerCase().replace(/\.$/, '');
  return items.filter((item) => {
    const into = items.find((other) => other !== item && other.text.length > item.text.length && bare(other).includes(bare(item)));
    const same = items.find((other) => other.text === item.text);
    const host = into ?? (same !== item ? same : undefined);
    if (host) host.findings.push(...item.findings);
    return !host;
  });
}

// A clause that tells the question, not an answer: "XXXX-year-old with suspected pneumothorax".
const ASKED = /\byears?[- ]old\b|\bhistory\b|\bquestion\b|\brule out\b|\br\/o\b/i;

/**
 * The report's sentences that state a significant finding (outside the impression) and that no item
 * accounts for, each as an item: a finding the grouping merged or judged minor is still never dropped
 * ("Never 'no acute abnormality' over a significant finding" is the case of no items at all).
 */
function statedItems(report: Report, u: Understanding, clauses: Clauses, items: readonly ImpressionItem[]): ImpressionItem[] {
  const significant = u.findings.filter((f) => f.significant && !f.normal && (f.assertion === 'present' || f.assertion === 'possible'));
  const drafted = items.map((item) => readClause(item.text, { start: 0, end: item.text.length }, 'impression', null));
  const sections = new Set(findingsSections(report));
  const out: ImpressionItem[] = [];
  for (const c of clauses.all) {
    const own = significant.filter((f) => c.start <= f.start && f.start < c.end);
    // An old finding need not be named beside others, but a draft of nothing else names it rather than "no acute …".
    const old = items.length > 0 && c.time.has('old') && !c.time.has('new') && !c.time.has('increased');
    const sentence = report.sentences.find((x) => x.start <= c.start && c.start < x.end);
    if (!sentence || !sections.has(sentence.section) || ASKED.test(c.text) || old) continue;
    // The findings core's significant finding stated (what the verifier asks an impression to name); the
    // cue words' reading alone only where the draft would otherwise say "no acute …".
    if (!(c.positive && own.length) && (items.length > 0 || !c.significant)) continue;
    const sameSide = (d: Clause) => !c.sides.size || !d.sides.size || [...d.sides].some((x) => c.sides.has(x));
    // Accounted for by items that say its words and carry its time, severity, size, side and level.
    const alike = drafted.filter((d) => sameSide(d) && (shareOf(d, c) >= 0.5 || shareOf(c, d) >= 0.6));
    if (alike.length && !dropsOf(c, alike, { sizes: true }).length) continue;
    const text = windowOf(report, clauses, c, c.start, c.end);
    if (text && !out.some((item) => item.text.includes(text)) && !items.some((item) => item.text.includes(text)))
      out.push({ text, findings: own });
  }
  return out;
}

/**
 * The old impression's clauses that state something no draft item accounts for in full, as written
 * (its "no acute …" statements are not kept: a draft never says that beside a finding).
 */
function keptFromImpression(report: Report, impression: Section, items: readonly ImpressionItem[], clauses: Clauses): ImpressionItem[] {
  const drafted = items.map((item) => readClause(item.text, { start: 0, end: item.text.length }, 'impression', null));
  const out: ImpressionItem[] = [];
  for (const said of clauses.all) {
    if (said.start < impression.body.start || said.start >= impression.body.end) continue;
    if (!(said.positive || said.recommendation || said.communication || said.significant)) continue;
    // Accounted for only by items that carry its time, severity, size and level too ("a stable SEGA"); a
    // side the findings give otherwise is the draft's correction, not a loss.
    const alike = drafted.filter((c) => shareOf(said, c) >= 0.6 || shareOf(c, said) >= 0.6);
    const lost = [...dropsOf(said, alike, { sizes: true }), ...polarityLostBy(said, alike)].filter(
      (d) => !d.startsWith('drops side') || !alike.some((c) => c.sides.size),
    );
    // Nearly all its words too: "type 1 sprain in the lateral collateral ligament" is not the medial one's.
    const words = new Set(alike.flatMap((c) => c.words));
    const own = [...new Set(said.words)];
    const told = own.filter((w) => words.has(w)).length >= 0.85 * own.length;
    if (alike.length && told && !lost.length) continue;
    // Its sentence whole ("small for gestational age but equal to twin B"), unless it also says "no acute …".
    const sentence = report.sentences.find((x) => x.start <= said.start && said.end <= x.end);
    const whole = sentence && clauses.all.filter((c) => c.start >= sentence.start && c.end <= sentence.end);
    const text =
      whole && whole.length > 1 && !whole.some((c) => c.normal && !c.specificDenial) && !CUES.dangling.includes(firstWord(sentence.text))
        ? tidy(sentence.text)
        : (windowOf(report, clauses, said, said.start, said.end) ?? tidy(said.text));
    if (text && !out.some((item) => item.text.includes(text))) out.push({ text, findings: [] });
  }
  return out;
}

// The exam title and its context words ("chest" makes "effusion" pleural) for the re-read.
function examLine(report: Report, u: Understanding): string {
  return u.exam.span ? `EXAM: ${report.text.slice(u.exam.span.start, u.exam.span.end)}${report.eol}` : '';
}

/** Where the draft goes (rewrite/placement.ts): in place of the old impression's body, or a new section after the findings. */
export function draftPlacement(draft: ImpressionDraft): Placement {
  const inline = draft.items.length === 0;
  return draft.replaces ? { at: 'impression', body: draft.replaces, inline } : { at: 'new impression', offset: draft.insertAt, inline };
}

/** The one edit that puts the draft in place. For a code action's WorkspaceEdit; `withDraft` applies it. */
export function draftEdit(report: Report, draft: ImpressionDraft): Edit {
  return placeText(report, draftPlacement(draft), draft.text)!;
}

/** The whole report with the draft in place. */
export function withDraft(report: Report, draft: ImpressionDraft): string {
  const edit = draftEdit(report, draft);
  return report.text.slice(0, edit.start) + edit.newText + report.text.slice(edit.end);
}
