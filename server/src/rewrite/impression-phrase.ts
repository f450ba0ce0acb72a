// The report's own phrase for a finding, for the impression draft: its modifiers before it (size,
// side, severity) and a locative phrase after it ("small left effusion | in the right hemithorax"), a
// size attached outside the phrase, its hedge, and whether its clause calls it old (chronic, healed,
// incidental). From these come the statements the draft tries when no clause of the report will do.
import type { Finding } from '../nlp';
import { spanIndexAt } from '../report';
import type { Report, Token } from '../report/types';
import { labelName } from './clauses';
import type { Side } from '../nlp/types';

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
export const SIDE_TEXT =
  /\b(?:left|right|bilateral(?:ly)?|both|bibasilar|bibasal|biapical|bihilar|leftward|rightward|lt|rt|RLL|LLL|RUL|LUL|RML|levo\w*|dextro\w*)\b/i;

// The token holding an offset, or the first after it.
const tokenAt = (tokens: readonly Token[], offset: number): number => spanIndexAt(tokens, offset, true);

/** A capitalised word straight after a lower-case one ("hernia Bilateral"): the next member of a list run together. */
const opensMember = (tokens: readonly Token[], k: number) =>
  tokens[k].kind === 'word' &&
  /^[A-Z][a-z]/.test(tokens[k].text) &&
  tokens[k - 1]?.kind === 'word' &&
  /^[a-z]+$/.test(tokens[k - 1].text) &&
  tokens[k - 1].end < tokens[k].start;

export interface Phrase {
  start: number;
  end: number;
  /** The words after the finding that belong to it: its place ("in the right middle lobe"). */
  after: string;
}

// "opacity | is present | in the right middle lobe": a predicate of being seen, passed over to the place.
const SEEN =
  /^[ \t]+(?:is|are)[ \t]+(?:present|seen|noted|identified|demonstrated|visualized|again seen)(?=[ \t]+(?:in|at|within|along|involving|of)\b)/i;

export function phraseOf(report: Report, f: Finding): Phrase {
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
    // A list typed with no marks ("Hiatal hernia Bilateral small pleural effusions"): a member opens on its capital.
    if (opensMember(tokens, k)) break;
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
      // A number written onto the word before it is part of the place: a level ("at T9", "at L4-5").
      const level = t.kind === 'number' && t.start === tokens[k - 1]?.end;
      if (t.end > sentence.end || t.kind === 'deid' || (t.kind === 'number' && !level)) break;
      if (t.kind === 'punct' && t.text !== '-') break;
      if (t.kind === 'word' && (FORWARD_STOP.has(t.lower) || (n > 0 && /ing$/.test(t.lower)))) break;
      if (opensMember(tokens, k)) break;
      if (level || (t.kind === 'word' && !DANGLING.has(t.lower))) last = k;
    }
    if (last >= 0) end = tokens[last].end;
  }
  // "The heart is larger than normal": the comparison is the finding's ("Heart is larger." reads as grown).
  const than = /^\s+than (?:normal|expected|usual)\b/i.exec(report.text.slice(end, sentence.end));
  if (than) end += than[0].length;
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

export function isChronic(report: Report, f: Finding): boolean {
  return CHRONIC.test(clauseOf(report, f));
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
// Lower-case a phrase's first word to follow a hedge, unless it is an abbreviation ("RUL", "CT").
export const decapitalise = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

function hedgeOf(f: Finding): string {
  return f.assertion !== 'possible' ? '' : f.hedge === 'probable' ? 'Probable ' : 'Possible ';
}

/** The finding in the report's words, with its side and size: "small left pleural effusion, 1.5 cm". */
export function wordsFor(report: Report, f: Finding, side: Side | null, all: readonly Finding[], outsideSize = true): string {
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
export function statementOf(report: Report, f: Finding, side: Side | null, all: readonly Finding[], outsideSize = true): string {
  const hedge = hedgeOf(f);
  const text = wordsFor(report, f, side, all, outsideSize);
  return capitalise(hedge ? hedge + decapitalise(text) : text) + '.';
}

// A subheading before the clause ("Kidneys: "), by clauses.ts's one label pattern.
const LABEL = new RegExp(`^${labelName(30)}:\\s*`);
const COPULA = /\b(?:is|are|was|were|appears?|remains?|has become|have become|seems?)\b/i;

/** The clause of a one-word predicate mention ("Heart size is mildly enlarged"), as a statement. */
export function predicateClause(report: Report, f: Finding): string | null {
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
    // (A spine level's label stays: "L3-4: There is normal disc height …" speaks of that level.)
    .replace(LABEL, (label) => (/\d/.test(label) ? label : ''))
    .replace(/^(?:and|but|however|also)\s+/i, '')
    .replace(/[.\s]+$/, '');
  return text ? capitalise(text) + '.' : null;
}

/** The statement built from the finding's parts alone: "Possible right lower lobe pneumonia, 2 cm." */
export function plainStatementOf(f: Finding, side: Side | null, name: string): string {
  const size = f.measurements[0] ? `, ${f.measurements[0].value.join(' x ')} ${f.measurements[0].unit}` : '';
  const words = [side, ...f.site.filter((site) => !name.includes(site)), name].filter(Boolean).join(' ');
  return capitalise(`${hedgeOf(f)}${words}${size}`) + '.';
}
