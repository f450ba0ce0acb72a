// The patient summary, deterministic path: one plain sentence per finding of the impression (or of
// the findings when there is no impression) and per significant finding the impression leaves out,
// built from the findings core and the wording data (glossary.json, lay-wording.json), never from
// free text. Side, site, size, grade, level, hedge and change are carried from the finding's own
// phrase; nothing is added; advice, outlook and cause are said only as the report's own words. What
// the plain words cannot carry faithfully (the verifier says which) is quoted: summarizeChecked.
// This file assembles the summary and runs the checked loop; the sentences told in the report's words
// are chosen in summary-quoted.ts, a finding's own words are read in summary-reading.ts and said in
// plain words in summary-wording.ts.
import { altersNormal } from './impression-kept';
import { understand } from '../nlp';
import { PLAIN_STATEMENTS } from '../nlp/glossary';
import type { Finding, Side, Understanding } from '../nlp/types';
import { sitesAgree } from '../nlp/relations';
import { parseReport, sentencesIn } from '../report';
import type { Report, Sentence } from '../report/types';
import {
  APPEARANCE_CHANGE,
  CHANGE,
  COMMUNICATION,
  COMPARED,
  EXAM_NAMES,
  LAY_LINES,
  OWN_WORDS,
  PRIOR_STUDY,
  QUALIFIER,
  SHAPES,
  SIDE_WORDS,
} from '../nlp/lay-wording';
import { CONCEPT_BY_ID } from '../nlp/lexicon';
import { asksOf, stepAskedAt } from './advice';
import { gradeOf } from './readability';
import {
  AGE_AFTER,
  DEGREE_RE,
  degreeOf,
  distancesIn,
  itemOf,
  runInLevels,
  measuredIn,
  ownStretch,
  ownWords,
  SPINE_LEVEL,
  type Item,
} from './summary-reading';
import {
  examAgentOf,
  impressionStatements,
  pointsOnlyUp,
  refersBack,
  sourceSections,
  stated,
  toldAsWritten,
  detailsUntold,
  withReferents,
  FELT,
  NEGATED,
  NOT_SHOWN_BY_EXAM,
} from './summary-quoted';
import { bare, denialSentence, findingSentences, glossaryOf, glossFor, termOf, type GlossaryLine } from './summary-wording';
import { LIST_NUMBER, stripListNumber } from './list-number';
import { escapeRegExp } from '../report/regex';
import { readClause } from './clauses';
import { LABEL_LEAD, ORGAN_LEAD } from './summary-lines';
import { organsNamed, ORGANS_OF_CONCEPT, type OrganHit } from '../nlp/organs';
import { wordsOf } from '../nlp/words';

export { adviceKindOf, adviceSentences, lintSummary, type AdviceKind, type AdviceSentence } from './advice';
export { plainMeasurement, type GlossaryLine } from './summary-wording';

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
  ...[SUMMARY_OPENING, SUMMARY_CLOSING, SUMMARY_NOTHING_PLAIN].map((l) => new RegExp(`^\\s*${escapeRegExp(l)}\\s*$`)),
  /^\s*The report is about your [\w -]+\.\s*$/,
];

// ---------------------------------------------------------------------------------------------

const pick = <T, K extends keyof T>(o: T, ...keys: K[]) => Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
// A grade said of a finding right after it: "… is small", "… appears mildly …".
const IS_GRADE = new RegExp(`^\\s*(?:is|are|was|were|appears?|remains?|seems?)\\s+(?:now\\s+|still\\s+)?(${DEGREE_RE.source})`, 'i');
// A change word used as an adjective of a noun ("decreased disc height", "increased signal"), not of a change since before.
const ATTRIBUTIVE_CHANGE =
  /\b(?:increased|decreased|diminished|increasing|decreasing)\s+(?!(?:in|since|from|compared|to|and|or|when|than|slightly|mildly|markedly)\b)(?=[a-z])/gi;
// "Several smaller nodules": a size among them, not a change since the last images ("is smaller than before" still is).
const COMPARATIVE_SIZE = /\b(?:smaller|larger)\s+(?!(?:than|since|in|compared|and|or)\b)(?=[a-z])/gi;
// One item a finding and sentence: each line carries its own sentence's side, grade, level, size and
// time (the same finding at two spine levels is two lines), so a line the check refuses quotes only its own sentence.
// Two mentions at two sites ("degenerative changes in the lumbar spine and mild degenerative changes in the hip
// joints") are two lines: the second site is not lost and its grade stays its own.
const itemKey = (f: Finding) => `${f.concept}|${f.side ?? ''}|${f.assertion}|${f.sentenceIndex}|${[...f.site].sort().join('+')}`;

// The impression's name of a finding and the findings' one, the same but for words that say it again
// ("Chronic left basal ganglia lacunar infarct" / "Chronic lacunar infarct in the left basal ganglia"): one
// name holds all the other's words.
const sameTerm = (a: string, b: string) => {
  const [x, y] = [a, b].map((t) => t.toLowerCase().split(/\s+/));
  return x.every((w) => y.includes(w)) || y.every((w) => x.includes(w));
};
// Told first: what the report's urgency tiers call urgent, sooner before later; an old one ("chronic
// infarct", "healed fracture") is no urgent news whatever its kind.
const URGENCY = { minutes: 0, hours: 1, days: 2 } as const;
const OLD = /\b(?:chronic|old|remote|healed|prior|sequela\w*|long-?standing)\b/i;
const urgencyOf = (report: Report, item: Item) => {
  const f = item.first;
  if (!f.critical || OLD.test(report.text.slice(f.start, f.end)) || (item.qualifier && OLD.test(item.qualifier))) return 3;
  return URGENCY[f.critical];
};
const stripNumber = (s: string) => stripListNumber(s).trim();
// Two words, or one a diagnosis may be ("Hepatosteatosis"), not a stray "None".
const STATES_SOMETHING = /\p{L}{2,}\P{L}+\p{L}{2,}|\p{L}{8,}/u;
/**
 * A clause that states a thing before it reads it through another ("… moderate thinning of the articular cartilage,
 * suggesting progressive degenerative changes"): the thing is found, only the reading is hedged, and the quote keeps
 * the hedge in its own words.
 */
function statesBeforeLink(piece: string): boolean {
  const link = [...piece.matchAll(OWN_WORDS.linker)][0];
  if (!link?.index) return false;
  const before = piece.slice(0, link.index).replace(/[\s,]+$/, '');
  if ((before.match(/\p{L}{3,}/gu)?.length ?? 0) < 3) return false;
  const clause = readClause(before, { start: 0, end: before.length }, 'impression', null);
  return clause.positive && !clause.normal && !clause.hedges.length && !clause.negated.size;
}
/**
 * A clause that states a finding of its own beside a possible one ("Partial tear of the ligament and possible
 * osteochondral lesion", "Complete tear … with a probable ganglion cyst"): one hedge does not make the definite
 * finding a "may be"; the quote, under what the report found, keeps the hedge in its own words. What stands before the
 * hedge that opens a second part (", and possible …", "with a probable …") names a finding the findings core reads as
 * present.
 */
function statesUnhedged(piece: string): boolean {
  const hedge = JOINED_HEDGE.exec(piece);
  if (!hedge) return false;
  const before = piece.slice(0, hedge.index).trim();
  return (before.match(/\p{L}{3,}/gu)?.length ?? 0) >= 2 && pieceFindings(before).some((f) => f.assertion === 'present');
}
// A hedge that opens a second part of a clause ("… and possible …", "…, with a probable …").
const JOINED_HEDGE =
  /(?:,|\band\b|\bwith\b|\bplus\b)\s+(?:an?\s+|the\s+)?(?:possible|possibly|probable|probably|likely|questionable|suspected|suspicious for|presumed|equivocal)\b/i;
/** A report sentence in its own words, one piece a clause (quote marks inside made single). */
/** A report sentence as it is quoted: no list number, one space between words, quote marks inside made single. */
const quoteText = (text: string) =>
  stripNumber(text)
    .replace(/\s+/g, ' ')
    // A quotation mark opening or closing a run-in impression statement is no part of it.
    .replace(/^["“”]\s*|\s*["“”]$/g, '')
    .replace(/["“”]/g, "'");
const quotePieces = (text: string) =>
  // One line a clause, split where the verifier splits the report ("…, but …"), so a quote is read as the report is.
  quoteText(text)
    // Sentences run together ("fracture.Partial tear") are two.
    // ", and although …": the "and" goes with the clause it joins, not left dangling on the one before.
    .split(
      /(?=;|,?\s+and,?\s+(?:[Bb]ut|[Hh]owever|[Aa]lthough|[Ww]hereas)\b)|(?<!\band)(?=,?\s+(?:[Bb]ut|[Hh]owever|[Aa]lthough|[Ww]hereas)\b)|(?<=[a-z]\.)(?=[A-Z][a-z])/,
    )
    .map((piece) => piece.replace(/^(?:;\s*|,?\s*and\s*,?\s+(?=(?:but|however|although|whereas)\b))/i, '').trim())
    .filter((piece) => /[a-z0-9]/i.test(piece));
// A lead-in sets the scene ("When examined in …", "In the evaluation of …", "As far as can be seen"); a finding the
// findings core does not know ("Increase in the size of both thyroid lobes; examination with USG is recommended")
// does not.
const LEAD_IN = /^(?:in|on|at|when|while|within|as|after|during|upon|under|regarding|concerning|according|considering)\b/i;
/**
 * What each quoted clause of a sentence says (quotePieces), by its own words; a lead-in that names
 * nothing ("In the evaluation of both lung parenchyma; No …", "As far as can be seen; The diameter …")
 * is one quote with the clause it leads into, and says what that clause says: alone it would tell a
 * patient nothing, and the clause would lose its organ or its limit.
 */
function pieceKinds(text: string): { piece: string; kind: QuoteKind }[] {
  const pieces = quotePieces(text);
  const out: { piece: string; kind: QuoteKind }[] = [];
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i];
    while (
      i + 1 < pieces.length &&
      LEAD_IN.test(piece) &&
      !/[.!?]$/.test(piece) &&
      text.includes(`${piece};`) &&
      !pieceFindings(piece).length
    )
      piece = `${piece}; ${pieces[++i]}`;
    out.push({ piece, kind: pieceKind(pieces[i]) });
  }
  return joinedClauses(quoteText(text), out);
}
// A contrast with no subject of its own ("… is intact but demonstrates mild thickening …", "…, but is not enlarged"):
// its verb is said of the subject before the cut.
const SUBJECTLESS =
  /^(?:but|however|although|whereas),?\s+(?:(?:now|still|also|otherwise|mildly|slightly)\s+)?(?:is|are|was|were|has|have|had|shows?|showed|demonstrates?|demonstrated|appears?|remains?|contains?|measures?|exhibits?|reveals?)\b/i;
const CONTRAST = /^(?:but|although|though|whereas|however)\b/i;
/** Does a piece name an organ or place, in its words or by its findings (a pneumothorax is the pleura's; a mass is anyone's)? */
const namesPlace = (piece: string) =>
  organsNamed(wordsOf(piece), piece).length > 0 ||
  pieceFindings(piece).some((f) => f.site.length > 0 || ORGANS_OF_CONCEPT.get(f.concept)?.length === 1);
// A place or level the clause opens with, set off by a comma: what follows in the sentence is said there.
const SCOPE_LEAD = /^(?:at|in|within|on|along|of)\s+(?:the\s+)?[^,;]{2,40},/i;
/**
 * A contrast that cannot stand alone: a denial that names no place of its own ("The pancreas is atrophic, but no
 * focal mass": no mass of the pancreas; "synovitis of the tendon sheaths but no demonstrated tear"), or a caveat after
 * a possible or with no finding of its own ("Differential includes hemangioma or FNH, although a malignant process
 * cannot be completely excluded"). Cut off, the denial reads as of the whole body and the possible loses its caveat.
 */
function leansOnBefore(before: { piece: string; kind: QuoteKind }, p: { piece: string; kind: QuoteKind }): boolean {
  // A caveat of a finding ("…, likely degenerative, although a small tear cannot be excluded"): the hedge stays with
  // the finding it qualifies, told as the report wrote it.
  if (before.kind === 'found' && p.kind === 'may') return true;
  // The scope the clause before opens with ("At C5-C6, …", "In the left lobe, …") or its spine level, which the
  // contrast does not say again: cut off, "but no cord deformity" would lose where.
  const levels = (t: string) => new Set([...t.matchAll(SPINE_LEVEL)].map((m) => m[0].toUpperCase().replace(/\s+/g, '')));
  const [own, after] = [levels(before.piece), levels(p.piece)];
  if ([...own].some((l) => !after.has(l)) || SCOPE_LEAD.test(before.piece)) return true;
  if (p.kind === 'denied') return !namesPlace(p.piece);
  const hedged = readClause(p.piece, { start: 0, end: p.piece.length }, 'impression', null).hedges.length > 0;
  return hedged && (before.kind === 'may' || !pieceFindings(p.piece).some(stated));
}
// A relative clause left open before a cut: "…, in which small calcifications with lobulated contour" has its verb in
// the piece after ("but no spiculation are seen").
const OPEN_RELATIVE =
  /\b(?:in which|which|where|whose|of which)\b(?![^]*\b(?:is|are|was|were|has|have|shows?|seen|noted|observed|identified|detected|present)\b)[^]*$/i;
/**
 * A sentence is cut only where its clauses say different things (a finding, then "but no …" denied, or "… cannot be
 * excluded"): clauses that say the same kind of thing stay one quote, the way the report wrote them ("Right pleural
 * effusion; new since the prior study.", "Mild tricuspid regurgitation, but only mild increase in right heart
 * pressures.", "Please note, however, that …"), and a relative clause stays whole whatever its parts say. A sentence run
 * into the next without its space ("fracture.Partial tear") stays two.
 */
function joinedClauses(text: string, pieces: { piece: string; kind: QuoteKind }[]): { piece: string; kind: QuoteKind }[] {
  const out: { piece: string; kind: QuoteKind; start: number; end: number }[] = [];
  let at = 0;
  for (const p of pieces) {
    const start = text.indexOf(p.piece, at);
    if (start < 0) return pieces;
    const end = start + p.piece.length;
    at = end;
    const last = out[out.length - 1];
    const gap = last ? text.slice(last.end, start) : '';
    const cut = /;|^,?\s*$/.test(gap) && !/[.!?]$/.test(last?.piece ?? '.');
    const subjectless = SUBJECTLESS.test(p.piece);
    // A contrast after a comma that cannot stand alone stays with the clause it qualifies (leansOnBefore), told
    // under that clause's heading.
    // A limit of the exam said against a denial ("… are free of thrombus, but the subsegmental arteries are poorly
    // opacified", "No focal liver lesion, but the evaluation is limited"): it qualifies the denial, told with it.
    const limits = !!last && last.kind === 'denied' && CONTRAST.test(p.piece) && OWN_WORDS.limitation.test(p.piece);
    const contrast = limits || (!!last && CONTRAST.test(p.piece) && last.kind !== 'more' && p.kind !== 'more' && leansOnBefore(last, p));
    // A tail that only says how the clause before has changed ("Nodules in the left lung; no significant change …",
    // "…; stable (cyst?).") or which test the advice before asks for ("Recommend additional imaging; spot compression
    // views of the right breast") has no subject of its own: cut off, it would read as a finding or a denial by itself.
    const tail = !!last && (timeTail(p.piece) || (last.kind === 'more' && p.kind === 'found' && namesOnlyATest(p.piece)));
    if (last && cut && (last.kind === p.kind || OPEN_RELATIVE.test(last.piece) || subjectless || contrast || tail)) {
      last.piece = text.slice(last.start, end);
      last.end = end;
      // "The ligament is intact but demonstrates mild thickening …": said of what the contrast finds there.
      if (tail) continue;
      if (subjectless && last.kind === 'denied') last.kind = p.kind;
      else if (contrast && last.kind === 'denied' && !limits) last.kind = p.kind;
    } else out.push({ ...p, start, end });
  }
  return out.map(({ piece, kind }) => ({ piece, kind }));
}
// How a clause has changed since the study compared with, naming nothing else ("no significant change in size or
// number compared to the prior", "not significantly different from the prior study", "stable (cyst?)").
const TIME_TAIL =
  /^(?:(?:which|that|it|they|this|these|both|all)\s+)?(?:(?:is|are|was|were|has|have|remains?|remained)\s+(?:been\s+)?(?:also\s+)?)?(?:not\s+(?:\w+ly\s+)?(?:different|changed)\b|(?:stable|unchanged|similar|no\s+(?:[\p{L}-]+\s+){0,3}?(?:change|changes|difference|differences|progression))\b)/iu;
const timeTail = (piece: string) => TIME_TAIL.test(piece) && !pieceFindings(piece.replace(/\([^()]*\)/g, ' ')).some(stated);
// No verb and no finding: what follows advice after ";" is the test it asks for.
const FINITE_VERB = /\b(?:is|are|was|were|has|have|had|shows?|showed|demonstrates?|seen|noted|identified|measures?|measuring)\b/i;
const namesOnlyATest = (piece: string) => !FINITE_VERB.test(piece) && !pieceFindings(piece).some(stated);
const quoteLine = (piece: string, n: number, verb: 'says' | 'also says' = 'also says') =>
  `The report ${n ? 'also says' : verb}: "${piece}"`;

// What asks for a next step, not a word of a finding's own name ("post-treatment changes").
const ASKS = /\b(?:recommend\w*|advised?|needed|necessary|required|suggest\w*|recall(?:ed)? for|call[- ]?back|correlat\w*)\b/i;
type QuoteKind = 'found' | 'may' | 'denied' | 'more';
const READS_ABSENCE =
  /\b(?:consistent with|compatible with|in keeping with|diagnostic of|indicating|indicative of|suggesting|suggestive of|representing)\s+/i;
// A denial of the grounds for a reading, up to its end: "no findings", "No new or concerning lesions", "without evidence";
// or of a thing that would be there, read as what it would be ("No mass or filling defect compatible with thrombus", "no
// focus suggestive of metastasis"): unlike an absence read as a finding ("no fetal heart motion consistent with demise").
const DENIES_GROUNDS =
  /\b(?:no|without|negative\s+for)\s+(?:(?:[\p{L}-]+,?|or|and)\s+){0,4}?(?:findings?|evidence|signs?|features?|abnormalit(?:y|ies)|lesions?|changes?|appearances?|mass(?:es)?|defects?|nodules?|foci|focus|collections?|opacit(?:y|ies)|densit(?:y|ies)|areas?)\b(?:\s+(?:were|was|is|are|seen|identified|noted|detected|present)\b[^,;]*)?[\s.]*$/iu;
const PATIENT_HISTORY =
  /^\W*(?:the\s+)?(?:patient|pt)\s+(?:\w+ly\s+)?(?:(?:has|had)\s+(?:an?\s+)?(?:known\s+|prior\s+|previous\s+|remote\s+)?(?:history|allerg(?:y|ies)|diagnosis)|is\s+on|was\s+on|is\s+allergic|reports?|reported|states?|stated|takes?|took|underwent|received)\b/i;
const GENERAL_CAVEAT = /\b(?:percentage|proportion)\s+of\s+(?:\w+\s+)?cancers\b|\bshould\s+not\s+delay\b/i;
const DISCLAIMER = new RegExp(String.raw`${GENERAL_CAVEAT.source}|${NOT_SHOWN_BY_EXAM.source}`, 'i');
// A denial of any change since the images it compares with, naming nothing that did not change.
const DENIES_CHANGE =
  /^(?:(?:otherwise|overall|again),?\s+)?(?:there (?:is|are|has been|have been)\s+)?no\s+(?:(?:significant|appreciable|substantial|definite|major|measurable|visible|important|relevant|notable|radiographic|radiologic|further)\s+)*(?:interval\s+)?(?:change|changes|difference|differences|progression)\b(?!\s+(?:in|of)\b)/i;
const NORMAL_WORDS = /\b(?:intact|normal|unremarkable|patent|preserved|within normal limits)\b/i;
const OPENS_DENIAL = /^(?:(?:but|and|however),?\s+)?(?:there (?:is|are|was|were)\s+)?(?:no|without)\b/i;
// What a few words read as on their own (the findings core), kept as quotes repeat across reports (bounded).
const PIECE_HEAD = 'IMPRESSION:\n';
const PIECE_READ = new Map<string, Finding[]>();
function pieceFindings(piece: string): Finding[] {
  let fs = PIECE_READ.get(piece);
  if (!fs) {
    fs = understand(parseReport(`${PIECE_HEAD}${piece.replace(/[.;:,]*$/, '')}.\n`)).findings.filter((f) => !f.normal);
    if (PIECE_READ.size > 5000) PIECE_READ.clear();
    PIECE_READ.set(piece, fs);
  }
  return fs;
}
/**
 * What a quoted clause says, by its own words: it denies (all it names is denied, or it reads as a
 * denial and states nothing), it says what may be there (all it states is possible, or every word of it
 * is under a hedge), or else it is found.
 */
function pieceKind(piece: string): QuoteKind {
  const clause = readClause(piece, { start: 0, end: piece.length }, 'impression', null);
  const fs = pieceFindings(piece);
  const said = fs.filter(stated);
  // Advice the report gives that names no finding stands with the rest of its advice, apart from what it found.
  // Advice that names the finding it is for ("Additional imaging evaluation needed for a right breast mass",
  // "Recommend biopsy of the left thyroid nodule") is advice all the same: the finding is told on its own line.
  // Only advice that leads, in its first words: "…nodule, TI-RADS 1, no follow-up needed" tells the nodule first,
  // "Soft tissue densities are observed …, and it is recommended …" a finding before its advice.
  const asks = ASKS.exec(piece);
  const leads = asks && piece.slice(0, asks.index).split(/\s+/).length <= 6 && said.every((f) => asks.index < f.start - PIECE_HEAD.length);
  // Or a test named first and asked for after it ("Dedicated ultrasonography of the left breast should be performed for
  // further evaluation of the mass", "PET scanning may be necessary"): the finding it names after is what it is for.
  const step = stepAskedAt(piece);
  const brackets = [...piece.matchAll(/\([^()]*\)/g)].map((b) => [b.index, b.index + b[0].length]);
  const aside = (at: number) => brackets.some(([from, to]) => from <= at && at < to);
  const stepFirst = step >= 0 && said.every((f) => step <= f.start - PIECE_HEAD.length || aside(f.start - PIECE_HEAD.length));
  if ((!said.length || leads || stepFirst) && asksOf(piece) === 'treatment' && !COMMUNICATION.test(piece)) return 'more';
  // "See above.", "Other findings as described above.": the findings it points to are told (sourceSections); the
  // pointer itself is no finding.
  if (!said.length && pointsOnlyUp(piece)) return 'more';
  // What the writer says of their own visit ("We discussed …", "I performed …", "… which we have the most concern
  // regarding …") is the letter's talk, no finding.
  if (/^(?:we|i)\s/i.test(piece) || (!said.length && /\bwe\b/i.test(piece))) return 'more';
  // Who the patient is and what was done before ("This is a 22-year-old pregnant female.") is history, no finding.
  if (OWN_WORDS.patient.test(piece)) return 'more';
  // What the patient has or takes apart from this exam ("The patient has a known allergy to iodinated contrast.", "The
  // patient is on anticoagulation"), naming no finding, is history; so is what an exam can miss in general ("A
  // percentage of breast cancers are not detected by mammography.", "… should not delay a biopsy"), a caveat of the exam.
  if (!said.length && PATIENT_HISTORY.test(piece)) return 'more';
  // (Only one of cancers in general, or naming no finding: "The palpable mass … is not visible on mammography" names a
  // mass that is there, felt, though these images do not show it: found, rev17 #6.)
  if (DISCLAIMER.test(piece) && (GENERAL_CAVEAT.test(piece) || (!fs.length && !OWN_WORDS.growth.test(piece) && !FELT.test(piece))))
    return 'more';
  if (DISCLAIMER.test(piece)) return 'found';
  // A caveat of the exam that names no finding ("However, CT may be negative in the early phase of the disease.") tells
  // how far the images can be trusted, nothing found.
  if (
    !said.length &&
    !fs.length &&
    OWN_WORDS.limitation.test(piece) &&
    /^(?:however|but|it should be (?:noted|known|remembered)|note|please note)\b/i.test(piece)
  )
    return 'more';
  // A letter's thanks or sign-off ("Thank you for referring this patient to us.") is no finding.
  if (!said.length && OWN_WORDS.courtesy.test(piece)) return 'more';
  // "Operated bladder tumor on follow-up.", "Status post right nephrectomy.": what was done before, no finding now.
  // ("Postoperative changes in the pelvis without free fluid" is what the images show after it: a finding.)
  if (
    said.length <= 1 &&
    /^(?:operated|status post|s\/p|post-?operative|history of|known)\b/i.test(piece) &&
    !/\b(?:with|without|and|but|new|recurren\w*|residual|changes?|seen|noted|identified|demonstrated)\b/i.test(piece)
  )
    return 'more';
  // A step of the procedure ("a wire was then advanced into the aorta") is no finding, whatever device it names.
  if (OWN_WORDS.procedureStep.test(piece) && said.every((f) => CONCEPT_BY_ID.get(f.concept)?.group === 'device')) return 'more';
  // A denial names what it denies, opens on "no" or denies most of its words: "the pancreas could not be
  // seen" is a limit, no denial.
  const mostly = /\b(?:no|free of)\b/i.test(piece) && clause.words.filter((w) => clause.negated.has(w)).length * 3 >= clause.words.length;
  // "There is a laceration … of the scalp without underlying calvarial fractures": a thing it states, unread, before its denial.
  const statesFirst =
    /\bwithout\b/i.test(piece) &&
    !/\b(?:no|not|free of|negative for)\b/i.test(piece) &&
    !OPENS_DENIAL.test(piece) &&
    clause.positive &&
    !clause.normal;
  // "… but no fetal heart motion consistent with fetal demise", "absent flow, compatible with torsion": what is not
  // seen is read as something that is, which no denial tells.
  const readsAbsence = READS_ABSENCE.exec(piece);
  // (Unless the denial holds the link: "No findings compatible with pneumonia", "no evidence suggestive of recurrence"
  // deny the reading, with the "findings" or "evidence" it would be read from.)
  const statesReading =
    !!readsAbsence &&
    !NEGATED.test(piece.slice(readsAbsence.index + readsAbsence[0].length)) &&
    !DENIES_GROUNDS.test(piece.slice(0, readsAbsence.index));
  if (!said.length && clause.negated.size > 0 && (fs.length > 0 || OPENS_DENIAL.test(piece) || mostly) && !statesFirst && !statesReading)
    return 'denied';
  // "No significant interval change compared to prior", "No change since the previous study": it denies a change, and
  // names nothing found; the study it compares with is no finding.
  if (!said.length && DENIES_CHANGE.test(piece)) return 'denied';
  if (said.length && said.every((f) => f.assertion === 'possible') && !statesBeforeLink(piece) && !statesUnhedged(piece)) return 'may';
  // A normal statement ("Unremarkable exam", "The ulnotrochlear articulation is normal.") finds nothing wrong.
  // "… is 33 mm wider than normal" measures against normal: no normal statement.
  // ("Reversal of the normal cervical curvature" says "normal" of what it lost.)
  const abnormal = (OWN_WORDS.unread.test(piece) && !clause.negated.size) || altersNormal(piece);
  if (!said.length && !clause.hedges.length && clause.normal && !clause.positive && !abnormal && !OWN_WORDS.limitation.test(piece))
    return 'denied';
  // "… is grossly intact" hedges a normal statement: nothing is said to be there.
  // "No new or concerning findings were identified.", "No suspicious lesions are seen": the hedge word is what the
  // denial is of ("concerning", "suspicious"), nothing said to be maybe there.
  if (!said.length && !fs.length && DENIES_GROUNDS.test(piece) && OPENS_DENIAL.test(piece) && !clause.positive) return 'denied';
  if (!said.length && clause.hedges.length && clause.words.every((w) => clause.hedged.has(w)) && !NORMAL_WORDS.test(piece)) return 'may';
  return 'found';
}

/** A patient-friendly summary of a report, with its grade and a "Words in your report" list. */
export function summarize(report: Report, understanding: Understanding = understand(report), options: SummaryOptions = {}): Summary {
  const { sections, fromImpression } = sourceSections(report);
  const indexes = new Set(sections.map((s) => report.sections.indexOf(s)));
  const omit = options.omit ?? new Set<number>();
  // A sentence pointing back to a quoted one is quoted after it, whoever chose the quote; one that names no
  // finding of its own ("However, it cannot be ruled out.", "… for this finding.") is told in the report's
  // words all the same, so it is quoted, with the sentence it points back to.
  const leaning = sections
    .flatMap((s) => sentencesIn(report, s))
    .map((s) => report.sentences.indexOf(s))
    .filter(
      (j) =>
        !omit.has(j) &&
        refersBack(report, understanding, j) &&
        !understanding.findings.some((f) => f.sentenceIndex === j && !f.normal && (stated(f) || f.assertion === 'absent')),
    );
  const quote = new Set(
    [...withReferents(report, understanding, new Set([...(options.quote ?? toldAsWritten(report, understanding)), ...leaning]))].filter(
      (i) => !omit.has(i),
    ),
  );
  const unquoted = (f: Finding) => !quote.has(f.sentenceIndex) && !omit.has(f.sentenceIndex);
  // A normal statement's implied denials are rendered as the statement itself ("no sign of a new problem").
  // The agent a study is named by ("Normal barium enema", "Unremarkable barium swallow") is no finding of it.
  const examAgent = (f: Finding) => examAgentOf(report, f);
  const source = understanding.findings.filter((f) => indexes.has(f.sectionIndex) && !f.normal && unquoted(f) && !examAgent(f));
  const sentences: Sentence[] = sections.flatMap((s) => sentencesIn(report, s));

  // Present and possible findings, one item per finding, side and assertion.
  const items = new Map<string, Item>();
  for (const f of source) {
    if (!stated(f)) continue;
    const key = itemKey(f);
    const item = items.get(key);
    if (item) {
      item.mentions.push(f);
      if (!item.degree) Object.assign(item, pick(itemOf(report, f, understanding), 'degree', 'degreeWord'));
    } else items.set(key, itemOf(report, f, understanding));
  }
  // The whole report's significant findings: one the impression leaves out is still told (a
  // pneumothorax stated in the findings only).
  if (fromImpression) {
    for (const f of understanding.findings) {
      if (f.section !== 'findings' || !stated(f) || !f.significant || f.normal || !unquoted(f) || examAgent(f)) continue;
      // Told on a line of its own, with its own sentence's grade, level and size; the impression's
      // line of the same finding that says none of these is this line ("small left pleural effusion").
      const key = itemKey(f);
      if (items.has(key)) {
        items.get(key)!.mentions.push(f);
        continue;
      }
      const item = itemOf(report, f, understanding);
      const plainer = [...items].find(
        ([, i]) =>
          i.first.section === 'impression' &&
          i.first.concept === f.concept &&
          i.first.assertion === f.assertion &&
          i.first.side === f.side &&
          sitesAgree(i.first, f) &&
          sameTerm(termOf(report, i.first), termOf(report, f)) &&
          !i.degree &&
          i.mentions.every((m) => !m.measurements.length),
      );
      if (plainer) {
        item.mentions.push(...plainer[1].mentions);
        items.delete(plainer[0]);
      }
      items.set(key, item);
    }
  }
  // A mention with no side is the one mention of the finding that has a side ("left subdural
  // hematoma ... the hematoma"), when there is only one.
  for (const [key, item] of items) {
    const f = item.first;
    // Only a bare re-mention: one with its own size or site may be another finding, unless it points back
    // ("This lesion measures 1.2 cm") to the one finding that has no size of its own.
    const sentence = report.sentences[f.sentenceIndex];
    const pointsBack = /^(?:this|that|the|these|those)\s+$/i.test(stripListNumber(sentence.text.slice(0, f.start - sentence.start)));
    if (f.side || item.mentions.some((m) => m.site.length || (m.measurements.length && !pointsBack))) continue;
    const sided = [...items.values()].filter(
      (i) => i !== item && i.first.side && i.first.concept === f.concept && i.first.assertion === f.assertion,
    );
    if (sided.length !== 1 || (pointsBack && sided[0].mentions.some((m) => m.measurements.length))) continue;
    sided[0].mentions.push(...item.mentions);
    items.delete(key);
  }
  // Sizes the impression leaves out: from the findings, when one mention there is this finding.
  if (fromImpression) {
    for (const item of items.values()) {
      const f = item.first;
      if (item.mentions.some((m) => m.measurements.length)) continue;
      const same = understanding.findings.filter(
        // In the same place: a left renal nodule's size is not the left lung nodule's.
        (g) => g.section === 'findings' && g.concept === f.concept && g.side === f.side && stated(g) && sitesAgree(g, f),
      );
      if (same.length === 1) item.sizes = measuredIn(report, understanding, same[0]);
    }
  }
  // Change words belong to a finding when they stand in its own phrase ("stable cardiomegaly with …",
  // "the effusion is unchanged"), or in a sentence that names no other finding; any mention may say
  // them, and two kinds of change say none (the report's words then tell it).
  // A change word inside the finding's own name is the finding, not a change: "heart size increased"
  // is an enlarged heart, not one that grew since the last images, unless its sentence compares.
  // "Increased attenuation" is how a finding looks on this exam, even when the finding's name is the density itself.
  const looks = report.text.replace(APPEARANCE_CHANGE, (w) => ' '.repeat(w.length));
  const withoutName = (m: Finding, start: number, end: number) =>
    COMPARED.test(report.sentences[m.sentenceIndex]?.text ?? '')
      ? looks.slice(start, end)
      : looks.slice(start, Math.max(start, m.start)) + ' ' + looks.slice(Math.min(end, m.end), end);
  // With no earlier study named, "Heart size has increased" says the heart is big, not that it grew since the last images.
  const priorSeen = report.sentences.some((s) => {
    const kind = report.sections[s.section]?.kind;
    return kind === 'comparison' ? !PRIOR_STUDY.none.test(s.text) : kind !== 'history' && PRIOR_STUDY.re.test(s.text);
  });
  const changes = CHANGE.filter((c) => priorSeen || !c.needsPrior);
  const changeOf = (m: Finding) => {
    if (SHAPES.has(m.concept) && !COMPARED.test(report.sentences[m.sentenceIndex]?.text ?? '')) return [];
    const st = ownStretch(report, understanding, m);
    const kinds = changes.filter((c) => c.re.test(withoutName(m, st.start, st.end).replace(COMPARATIVE_SIZE, ' ')));
    const sentence = report.sentences[m.sentenceIndex];
    const alone = understanding.findings.filter((g) => g.sentenceIndex === m.sentenceIndex && stated(g) && !g.normal).length === 1;
    // Elsewhere in the sentence, "decreased disc height" describes another thing, not a change of this finding.
    const rest = withoutName(m, sentence?.start ?? 0, sentence?.end ?? 0)
      .replace(ATTRIBUTIVE_CHANGE, ' ')
      .replace(COMPARATIVE_SIZE, ' ');
    return kinds.length || !alone || !sentence ? kinds : changes.filter((c) => c.re.test(rest));
  };
  for (const item of items.values()) {
    const f = item.first;
    const kinds = new Set(item.mentions.flatMap(changeOf));
    item.change = kinds.size === 1 ? [...kinds][0].plain : null;
    item.measured = item.mentions.flatMap((m) => measuredIn(report, understanding, m));
    item.distances = item.mentions.flatMap((m) => distancesIn(report, understanding, m));
    const stretch = ownStretch(report, understanding, f);
    const own = report.text.slice(stretch.start, stretch.end);
    // A grade said once for the stretch ("mild bursal-sided fraying and tendinopathy"), when its own words
    // give none: before the finding, or right after it as what it is ("the effusion is small"); one later
    // in the stretch grades something else ("the protrusion produces minimal … flattening").
    const after = IS_GRADE.exec(report.text.slice(f.end, Math.max(f.end, stretch.end)));
    const grades = [
      ...report.text.slice(stretch.start, Math.max(stretch.start, f.end)).matchAll(DEGREE_RE),
      ...(after ? [[after[1]]] : []),
    ];
    if (!item.degree && grades.length === 1)
      Object.assign(item, { degree: degreeOf(grades[0][0])!.degree, degreeWord: grades[0][0].toLowerCase() });
    const lead = runInLevels(report, f.sentenceIndex);
    item.levels = [...new Set([...lead, ...[...own.matchAll(SPINE_LEVEL)].map((m) => m[0].toUpperCase().replace(/\s+/g, ''))])];
    // Only the finding's own words before it: a side after it ("… with bilateral narrowing") or before
    // another noun ("bilateral pars defects with spondylolisthesis") is another's.
    // Nor one before a comma: "changes in both lungs, giant bullae in apical" gives the bullae no side.
    const upTo = `${ownWords(report, f, false, understanding).split(',').pop()} ${report.text.slice(f.start, f.end)}`.toLowerCase();
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
  // A findings sentence the summary tells a finding of is told whole: its denials too ("…, with no disc protrusion").
  const toldFrom = new Set(
    [...items.values()].flatMap((i) => i.mentions.filter((m) => m.section === 'findings').map((m) => m.sentenceIndex)),
  );
  const deniedBeside = understanding.findings.filter(
    (f) => fromImpression && f.section === 'findings' && toldFrom.has(f.sentenceIndex) && !f.normal && unquoted(f),
  );
  for (const f of [...source, ...deniedBeside]) {
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
  const carried: { line: string; kind: QuoteKind; sentence: number; advice?: true }[] = [];
  // A sentence whose findings are told (stated or denied); one with only a past or hypothetical finding
  // ("Operated stomach ca.") is given in the report's words.
  const impressionStatement = impressionStatements(report);
  const withFinding = new Set(source.filter((f) => stated(f) || f.assertion === 'absent').map((f) => f.sentenceIndex));
  const listFrom = new Map<number, number>();
  for (const s of sentences) if (LIST_NUMBER.test(s.text) && !listFrom.has(s.section)) listFrom.set(s.section, s.start);
  for (const s of sentences) {
    const text = stripNumber(s.text);
    const index = report.sentences.indexOf(s);
    if (!text || quote.has(index) || omit.has(index)) continue;
    // A one-word assessment the report says again with its label ("Incomplete." beside "BI-RADS 0: Incomplete.") is
    // told once, with its label: alone it tells a patient nothing.
    const word = /^\p{L}+[.!]?$/u.exec(text) ? text.replace(/[.!]$/, '').toLowerCase() : null;
    const labelled = (o: Sentence) => o !== s && o.section === s.section && o.text.length > text.length + 2;
    if (word && sentences.some((o) => labelled(o) && new RegExp(`\\b${word}\\b`, 'i').test(o.text))) continue;
    const kind = asksOf(text);
    if ((kind === 'treatment' || kind === 'prognosis') && !COMMUNICATION.test(text)) {
      // A finding before the advice ("Increase in the size of both thyroid lobes; examination with USG is
      // recommended.") stands with the findings, the advice apart.
      pieceKinds(text).forEach(({ piece, kind: said }, n) => {
        const advice = ['treatment', 'prognosis'].includes(asksOf(piece) ?? '') || said === 'more';
        carried.push({ line: quoteLine(piece, n, 'says'), kind: advice ? 'more' : said, sentence: index, ...(advice && { advice: true }) });
      });
      continue;
    }
    // With no impression section, a listed item ("• Changes secondary to …", and each sentence after its
    // number) is an impression item all the same, and so is a statement of an impression run into the
    // findings ('… preserved. " Hepatosteatosis " …').
    // Without an impression, the findings' closing sentence that calls the whole study normal ("Findings within
    // normal limits") is the report's conclusion all the same.
    const closing =
      !fromImpression && report.sentences[index + 1]?.section !== s.section && PLAIN_STATEMENTS.some((p) => p.pattern.test(text));
    const item = impressionStatement(s) || closing || s.start >= (listFrom.get(s.section) ?? Infinity);
    if (withFinding.has(index) || !item) continue;
    const plain = PLAIN_STATEMENTS.find((p) => p.pattern.test(text))?.plain;
    if (plain) {
      if (!statements.some((st) => st.plain === plain)) statements.push({ plain, sentence: index });
    } else if (!COMMUNICATION.test(text) && STATES_SOMETHING.test(text.replace(/\bX{2,}\b/g, ''))) {
      // An impression statement the findings core cannot read is given in the report's words, not dropped.
      pieceKinds(text.replace(/\s+/g, ' ')).forEach(({ piece, kind }, n) =>
        carried.push({ line: quoteLine(piece, n), kind, sentence: index }),
      );
    }
  }

  const lines: string[] = [SUMMARY_OPENING];
  const from = new Map<number, number[]>();
  const say = (line: string, sentences: number[]) => {
    // A sentence the report writes twice is told once.
    const twice = lines.indexOf(line);
    if (from.has(twice)) return void from.get(twice)!.push(...sentences);
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
  // Sentences told in the report's words: those the plain words could not carry faithfully. Each clause
  // of a quote stands under the heading of what it says: a denial ("… are free of embolus") with the
  // denials, a possible ("… cannot be excluded") with the possibles, never listed as found.
  const allQuoted = [...quote].sort((a, b) => a - b).filter((i) => report.sentences[i]);
  type Quoted = { line: string; sentence: number; leans?: boolean; organ?: string; label?: string };
  // A template's short label on the sentence's own line ("BPD: 3.5cm consistent with 16 weeks") is quoted with it:
  // without it nothing says what measures 3.5 cm.
  const labelOf = (i: number) => {
    const s = report.sentences[i];
    const section = report.sections[s.section];
    const header = section?.kind === 'other' ? section.header : null;
    const onLine = header && header.name.split(/\s+/).length <= 3 && /^[ \t]*$/.test(report.text.slice(header.end, s.start));
    return onLine ? header.name : undefined;
  };
  /** The organ the sentence before quoted denial i names, in its words, when i names none. */
  const organBefore = (i: number): string | undefined => {
    const [s, before] = [report.sentences[i], report.sentences[i - 1]];
    if (!before || before.section !== s.section) return undefined;
    const hits = (t: string) => organsNamed(wordsOf(t), t).filter((h) => h.by === 'term');
    if (hits(s.text).length || LIST_NUMBER.test(s.text) !== LIST_NUMBER.test(before.text)) return undefined;
    // Only a denial of a lump or abnormal area, which is the organ's ("No lymphadenopathy" after the kidneys is not theirs).
    const denies = understanding.findings.filter((f) => f.sentenceIndex === i && !f.normal);
    if (!denies.length || denies.some((f) => f.assertion !== 'absent' || !OWN_WORDS.genericDenials.has(f.concept))) return undefined;
    // The organ by its own name, not a word of its tissue or part ("parenchymal", "attenuation", "both lobes of the liver").
    const written = (h: OrganHit) => before.text.slice(h.start, h.end).toLowerCase().replace(/\s+/g, ' ');
    const words = [
      ...new Set(
        hits(before.text)
          .filter((h) => written(h).includes(h.organ.slice(0, 4)))
          .map(written),
      ),
    ];
    return words.length ? words.join(' and ') : undefined;
  };
  const groups: Record<QuoteKind, Quoted[]> = { found: [], may: [], denied: [], more: [] };
  let last: QuoteKind = 'found';
  for (const i of allQuoted)
    pieceKinds(report.sentences[i].text.replace(/\s+/g, ' ')).forEach(({ piece, kind }, n, all) => {
      // A denial that names no organ is the organ's the sentence before names ("The liver is normal in size.
      // No space-occupying lesion was detected."): quoted with it, never as a denial of the whole body.
      const organ = all.length === 1 && kind === 'denied' ? organBefore(i) : undefined;
      const label = n === 0 && !organ ? labelOf(i) : undefined;
      // A sentence that points back ("This is above the normal range.") stands with the one it completes.
      // Not onto advice or history: "Apart from this, no mass … was detected in both lungs." after "It is recommended to be
      // evaluated …" is a denial of its own, told with the denials.
      // Nor onto a denial when it states something: "this finding" is never what a denial said is not there ("No mass
      // effect. Less likely, this finding could be secondary to calcification." speaks of the finding before the denial).
      const leans =
        n === 0 &&
        last !== 'more' &&
        !(last === 'denied' && kind !== 'denied') &&
        allQuoted.includes(i - 1) &&
        refersBack(report, understanding, i);
      last = leans ? last : kind;
      groups[last].push({ line: quoteLine(piece, 0), sentence: i, leans, organ, label });
    });
  // An impression statement the findings core cannot read, too; advice, outlook and cause stay apart, in the report's words.
  for (const c of carried) groups[c.advice ? 'more' : c.kind].push({ line: c.line, sentence: c.sentence });
  const apart = groups.more;
  const certain = found.filter((item) => !item.hedged);
  const possible = found.filter((item) => item.hedged);
  // Two sentences that say the same thing in plain words are one line.
  const sayItems = (list: Item[]) => {
    const byLine = new Map<string, number[]>();
    const ranked = list.map((item, n) => ({ item, n, rank: urgencyOf(report, item) })).sort((a, b) => a.rank - b.rank || a.n - b.n);
    for (const { item } of ranked) {
      const line = `- ${findingSentences(report, item).join(' ')}`;
      byLine.set(line, [...(byLine.get(line) ?? []), ...item.mentions.map((m) => m.sentenceIndex)]);
    }
    for (const [line, sentences] of byLine) say(line, [...new Set(sentences)]);
  };
  // A sentence leaning on the one before it stands right after it: that one is said again if it was said elsewhere.
  // Quotes told of an organ or a label ("About your pancreas:") come last in their part, so no quote after one reads as
  // that organ's ("No renal mass …" under "About your pancreas:"); the part's blank line closes the last.
  const sayQuotes = (list: Quoted[]) =>
    [...list.filter((q) => !q.organ && !q.label), ...list.filter((q) => q.organ || q.label)].forEach((q) => {
      const before = list[list.indexOf(q) - 1];
      if (q.leans && before && lines[lines.length - 1] !== before.line && !lines.includes(q.line)) {
        from.set(lines.length, [before.sentence]);
        lines.push(before.line);
      }
      // A denial told of the organ the sentence before it names, or a value of the label it stands under: that
      // organ or label, then the quote (said again if it was).
      if (q.organ || q.label) {
        lines.push(q.organ ? `${ORGAN_LEAD}${q.organ}:` : `${LABEL_LEAD}"${q.label}":`);
        from.set(lines.length, [q.sentence]);
        lines.push(q.line);
        return;
      }
      say(q.line, [q.sentence]);
    });
  if (certain.length || groups.found.length) {
    lines.push(LAY_LINES.found);
    sayItems(certain);
    sayQuotes(groups.found);
    lines.push('');
  }
  if (possible.length || groups.may.length) {
    lines.push(LAY_LINES.possible);
    sayItems(possible);
    sayQuotes(groups.may);
    lines.push('');
  }
  const anyFound = certain.length || groups.found.length || possible.length || groups.may.length;
  if (denied.size || statements.length || groups.denied.length) {
    lines.push(anyFound ? LAY_LINES.denied : LAY_LINES.says);
    for (const st of statements) say(`- ${st.plain}`, [st.sentence]);
    for (const f of denied.values()) say(`- ${denialSentence(report, f)}`, [f.sentenceIndex]);
    sayQuotes(groups.denied);
    lines.push('');
  }
  if (!found.length && !allQuoted.length && !denied.size && !statements.length && !carried.length) {
    lines.push(SUMMARY_NOTHING_PLAIN);
    lines.push('');
  }
  if (apart.length) {
    if (lines.length > 3) lines.push(LAY_LINES.more);
    for (const c of apart) say(c.line, [c.sentence]);
    lines.push('');
  }
  lines.push(SUMMARY_CLOSING);

  const inQuotes = understanding.findings.filter((f) => quote.has(f.sentenceIndex) && stated(f) && !f.normal);
  const glossary = glossaryOf(report, found, [...denied.values(), ...inQuotes], sentences, understanding.findings);
  if (glossary.length) {
    lines.push('', LAY_LINES.words);
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

interface Checked {
  ok: boolean;
  details?: readonly { message: string; source?: { start: number; end: number }; candidate?: { start: number; end: number } }[];
}
// Reasons no rewording can answer: the summary is rightly not offered.
const UNANSWERABLE = /^(?:not offered while|the report is empty|not an imaging report)/;
const NORMAL_OVER = /^(?:says nothing is wrong|adds a normal statement)/;
const CAVEAT_DROPPED = /^drops the caveat /;
const LEANS_WITHOUT = /^tells "(.+?)" without ".*" it speaks on from$/;
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
  const told = checkedFrom(report, understanding, check, true);
  if (told.verification.ok) return told;
  // The findings sentences quoted only because they state something the findings core does not know are told in
  // doubt: when the check cannot pass the summary with them (one leans on a sentence it cannot be told beside), the
  // summary without them is offered if it passes.
  const without = checkedFrom(report, understanding, check, false);
  return without.verification.ok ? without : told;
}

function checkedFrom<V extends Checked>(
  report: Report,
  understanding: Understanding,
  check: (text: string) => V,
  unknown: boolean,
): { summary: Summary; verification: V } {
  // Sentences quoted because plain words would misstate them; one the check refuses even quoted (a
  // verifier reading of its own) goes back to plain words once, before it is left out.
  const asWritten = toldAsWritten(report, understanding, unknown);
  const quote = new Set(asWritten);
  const omit = new Set<number>();
  // A denial goes rather than be told without its organ.
  const onlyDenies = (i: number) => understanding.findings.every((f) => f.sentenceIndex !== i || f.normal || f.assertion === 'absent');
  const leaveOut = (i: number) => {
    quote.delete(i);
    if (asWritten.delete(i) && !onlyDenies(i)) return;
    omit.add(i);
  };
  let summary = summarize(report, understanding, { quote, omit });
  // A size or grade the findings give a finding the impression restates without it is quoted, not lost.
  const untold = detailsUntold(report, understanding, summary.text).filter((i) => !quote.has(i));
  if (untold.length) {
    for (const i of untold) [quote, asWritten].forEach((set) => set.add(i));
    summary = summarize(report, understanding, { quote, omit });
  }
  let verification = check(summary.text);
  for (let round = 0; round < 4 && !verification.ok; round++) {
    const before = quote.size + omit.size;
    // Plain words, then the report's words, then (a sentence the verifier refuses even quoted) left out.
    const quotedBefore = new Set(quote);
    const blame = (i: number) => {
      if (omit.has(i)) return;
      if (quotedBefore.has(i)) leaveOut(i);
      else quote.add(i);
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
      // A sentence that states nothing, told without the one it leans on, which is already left out (a normal
      // statement that may not stand beside a finding): it goes too, as it cannot be told alone.
      const alone = LEANS_WITHOUT.exec(d.message)?.[1].replace(/…$/, '').replace(/\s+/g, ' ');
      if (alone && fromReport.size && [...fromReport].every((i) => omit.has(i))) {
        report.sentences.forEach((s, i) => {
          if (!stripListNumber(s.text).replace(/\s+/g, ' ').startsWith(alone) || !onlyDenies(i)) return;
          quote.delete(i);
          asWritten.delete(i);
          omit.add(i);
        });
        continue;
      }
      // A normal statement beside a finding is left out; anything else is told in the report's words.
      // A report sentence the check pairs with another sentence's line: both are told in their own words.
      // The finding a normal statement is wrong beside is not at fault: it stays as it is told.
      if (NORMAL_OVER.test(d.message)) written.forEach((i) => (asWritten.has(i) ? leaveOut(i) : omit.add(i)));
      else {
        written.forEach(blame);
        // A caveat already told in the report's words is not at fault: the all-is-well line beside it is (its own reason).
        const told = (i: number) => CAVEAT_DROPPED.test(d.message) && quotedBefore.has(i);
        fromReport.forEach((i) => !written.has(i) && !told(i) && blame(i));
      }
    }
    if (quote.size + omit.size === before && [...quotedBefore].every((i) => quote.has(i))) break;
    summary = summarize(report, understanding, { quote, omit });
    verification = check(summary.text);
  }
  return { summary, verification };
}
