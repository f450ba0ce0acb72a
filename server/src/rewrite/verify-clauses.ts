// The verifier's clause layer: one policy per rewrite kind over the independent reading of
// clauses.ts (compared by clause-changes.ts). Every clause of the source a rewrite touches must be
// accounted for (kept, moved, or in a summary rendered with its report term), every clause of the
// candidate must rest on a source clause, and the pair must agree on certainty, polarity, time,
// severity, size, side, level and count. It rejects on its own: the findings comparison in
// verify.ts is a second, separate layer.
import type { Report, Span } from '../report/types';
import { SUMMARY_PARTS, type RewriteKind } from './kinds';
import {
  ANAPHORIC,
  CUES,
  cueSwapped,
  GENERIC,
  LEANING_ORGANS,
  fieldWords,
  clausesOf,
  findingTerms,
  headsOf,
  labelName,
  labelWordsOf,
  leansOn,
  deniedQualifiers,
  speaksBeyondLevel,
  parseRejoined,
  partsUnsaid,
  readClause,
  readText,
  rejoined,
  squash,
  stem,
  type Clause,
} from './clauses';
import { changesOf, clip, dropsOf, polarityLostBy, shareOf, sidesMovedBy } from './clause-changes';
import { summaryClauses } from './summary-lines';
import { impressionSections } from './verify-reading';
import { TEMPLATES } from '../templates';
import { stripListNumber } from './list-number';
import { GLOSSARY } from '../nlp/glossary';
import { BLANK_LINE, escapeRegExp } from '../report/regex';
import { knownSectionKind } from '../report/sections';

export interface VerifyReason {
  message: string;
  /** Where it stands in the source and in the candidate (offsets), when it stands somewhere. */
  source?: Span;
  candidate?: Span;
  /** The document is no report to rewrite (empty, not an imaging report): the one reason, nothing else is checked. */
  unrewritable?: true;
}

/** A candidate clause rests on a source clause when this share of its words is there. */
const RESTS_ON = 0.6;
/** A source clause is accounted for by a candidate clause holding this share of its words. */
const KEPT_BY = 0.6;

type Kind = RewriteKind;

export interface ClauseOptions {
  /** Output sentences containing this text are declared template text (restructure's pertinent negatives). */
  additionMarker?: string;
  /** Fixed lines of a summary that are not statements about the report (opening, closing). */
  summaryBoilerplate?: readonly RegExp[];
  /** Where the findings core reads a present or possible finding, significant or not: what a summary tells of the impression (else the findings). */
  presentAt?: readonly (Span & { concept?: string })[];
  /** Summary: the report sentences its writer tells in the report's own words (what plain words would misstate): each is told. */
  toldAsWritten?: readonly Span[];
}

// Words naming a kind of structure or a surface, which another organ's word may qualify ("nasal bones",
// "mastoid process", "bursal-sided").
const STRUCTURES: ReadonlySet<string> = new Set(CUES.structures.map(stem));

// The organs the templates' fields name (clauses.ts LEANING_ORGANS): "The spleen is enlarged." names its own.
export const ORGANS = LEANING_ORGANS;

/**
 * Two words name one organ: the same word, one beginning the other ("lymph" of "lymphadenopathy", "hila"
 * of "hilar"), Latin forms of one noun ("atrium"/"atria", "labrum"/"labra", "bursae"/"bursitis"), or
 * forms parting after five letters in a short ending ("mediastinal"/"mediastinum"). Not "medial" and
 * "mediastinum", "glenoid" and "glenohumeral", "spine" and "spinal" (cord).
 */
const NOUN_ENDINGS = new Set(['', 'a', 'ae', 'um', 'us', 'i', 'is', 'es', 'itis']);
// The names of one organ, lay, Latin and adjective ("testicle" / "testis", "renal" / "kidney"): cues.json organNames.
const ORGAN_NAME = new Map(CUES.organNames.flatMap((names, i) => names.map((n) => [stem(n), i] as const)));
function sameOrgan(a: string, b: string): boolean {
  if (a === b) return true;
  if (ORGAN_NAME.has(a) && ORGAN_NAME.get(a) === ORGAN_NAME.get(b)) return true;
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  if (n < 4) return false;
  const [x, y] = [a.slice(n), b.slice(n)];
  if (!x || !y || (NOUN_ENDINGS.has(x) && NOUN_ENDINGS.has(y))) return true;
  return n >= 5 && x.length <= 5 && y.length <= 5 && (x.length <= 2 || y.length <= 2);
}

/**
 * The source clause a candidate clause rests on: of those holding most of its words, one it changes nothing
 * of, else the closest. A clause holding all its words comes first: "moderate plaque in the bulb" raised to
 * "severe" is that sentence changed, not a borrowing of another vessel's severe plaque.
 */
function restingPlace(c: Clause, all: readonly Clause[], sizeBinds = false): { clause: Clause; share: number } | null {
  // A labelled line ("RCA: Mild plaque.") rests on what the report says under that label, when it says it there:
  // "LM: Mild calcific plaque" is another vessel's.
  const labelled = c.label.length ? all.filter((s) => sameWords(s.label, c.label) || sameWords(s.heading, c.label)) : [];
  return (labelled.length && placeAmong(c, labelled, sizeBinds)) || placeAmong(c, all, sizeBinds);
}

// The share of `c`'s words a report's clause says with the labels it stands under: "Upper pole: 4 cm solid enhancing
// mass." under "LEFT KIDNEY:" says the "4 cm solid enhancing mass in the upper pole of the left kidney".
function shareWithLabels(c: Clause, s: Clause): number {
  const share = shareOf(c, s);
  if (share === 1 || !c.words.length || (!s.label.length && !s.heading.length && !s.within.length)) return share;
  const theirs = new Set([...s.words, ...s.label, ...s.heading, ...s.within]);
  return Math.max(share, c.words.filter((w) => theirs.has(w)).length / c.words.length);
}

function placeAmong(c: Clause, sources: readonly Clause[], sizeBinds: boolean): { clause: Clause; share: number } | null {
  const whole = c.words.length > 0 && sources.some((s) => shareWithLabels(c, s) === 1);
  let best: { clause: Clause; share: number; changes: number } | null = null;
  for (const s of sources) {
    const share = shareWithLabels(c, s);
    if (share < (whole ? 1 : RESTS_ON)) continue;
    // A summary line's size names its finding ("a small round spot in the upper part of the right lung (nodule). It
    // measures about 3 millimeters." is the 3 mm nodule): another finding's sentence without that size is a worse
    // place than the sized one whose side the line changed, so the side is compared where it belongs.
    const changes = changesOf(s, c).reduce((n, x) => n + (sizeBinds && x.startsWith('changes size or number') ? 2 : 1), 0);
    if (
      !best ||
      changes < best.changes ||
      (changes === best.changes && (share > best.share || (share === best.share && shareOf(s, c) > shareOf(best.clause, c))))
    )
      best = { clause: s, share, changes };
  }
  return best;
}

const sameWords = (a: readonly string[], b: readonly string[]) => a.length > 0 && a.join(' ') === b.join(' ');

/** Why no rewrite applies to a document at all (empty, or not an imaging report), or null. */
export function unrewritable(source: Report, src: readonly Clause[] = clausesOf(source)): string | null {
  if (!src.some((c) => c.words.length || c.quantities.length)) return 'the report is empty: there is nothing to rewrite';
  // A case history or a procedure note is no imaging report: no template, impression or summary of one.
  if (source.document !== 'imaging')
    return `not an imaging report (it reads as a ${source.document.replace(/-/g, ' ')}): RadLint rewrites imaging reports only`;
  return null;
}

/**
 * Clause-level reasons why `candidate` is not a faithful `kind` rewrite of `source` (empty when it is).
 * `significantAt` adds the findings core's significant findings (their spans, or offsets, in source) to what the cue
 * words call significant, so the two readings only add to each other.
 */
export function checkClauses(
  kind: Kind,
  report: Report,
  candidateText: string,
  options: ClauseOptions = {},
  significantAt: readonly (number | Span)[] = [],
  /** The candidate report as `parseRejoined` reads it, when the caller has it (restructure, impression). */
  parsed?: Report,
): VerifyReason[] {
  const source = rejoined(report);
  const sig = significantAt.map((x) => (typeof x === 'number' ? { start: x, end: x } : x));
  const reasons: VerifyReason[] = [];
  const say = (message: string, s?: Span, c?: Span) => {
    if (reasons.some((r) => r.message === message)) return;
    reasons.push({ message, source: s && { start: s.start, end: s.end }, candidate: c && { start: c.start, end: c.end } });
  };
  const src = clausesOf(source);
  const none = unrewritable(source, src);
  if (none) return [{ message: none, unrewritable: true }];
  // What the history, the exam title or (above a FINDINGS section) an unheaded first line names is the question.
  const hasFindings = source.sections.some((x) => x.kind === 'findings');
  const asks = (c: Clause) => QUESTION_SECTIONS.has(c.section) || (c.section === 'preamble' && hasFindings);
  // The findings core's significant findings: what a summary must tell (its sentences are significant too).
  // A sentence that states a finding and then advises ("… suspicious for a bladder neoplasm, and further
  // evaluation is warranted") still states it: the core's finding decides, not the advice cue.
  const told = new Set(
    src.filter(
      (c) =>
        (c.positive || (c.recommendation && c.words.some((w) => !c.negated.has(w)))) &&
        !asks(c) &&
        sig.some((f) => c.start <= f.start && f.start < c.end),
    ),
  );
  for (const c of told) c.significant = true;
  const significant = src.filter((c) => c.significant);
  const hasImpression = src.some((c) => c.section === 'impression');
  // A summary is read line by line; a report once, as a report.
  const candidateReport = kind === 'summary' ? null : (parsed ?? parseRejoined(candidateText));
  const candidateAll = candidateReport ? clausesOf(candidateReport) : [];
  const candidate = candidateReport
    ? candidateAll.filter((c) => !(options.additionMarker && c.text.includes(options.additionMarker)) && !scaffolding(c))
    : summaryClauses(candidateText, source.text, options.summaryBoilerplate ?? [], say);
  // A draft replaces the last impression-like section; an earlier one (INTERPRETATION before
  // IMPRESSION) is report text it moves, like the findings.
  if (kind === 'impression' && candidateReport) {
    // (With the labelled lines split off under its lead line: "Per-vessel analysis:" then "LAD: …".)
    for (const [clauses, report] of [
      [src, source],
      [candidate, candidateReport],
    ] as const) {
      const impression = impressionSections(report);
      for (const c of clauses)
        if (c.section === 'impression' && !impression.has(c.sectionIndex)) c.section = 'findings';
        else if (c.section !== 'impression' && impression.has(c.sectionIndex)) c.section = 'impression';
    }
  }

  // What each candidate clause rests on, and what it changes there.
  const restsOn = new Map<Clause, Clause[]>();
  // (And the one clause each written clause rests on.)
  const restingOf = new Map<Clause, Clause>();
  const inImpression = (c: Clause) => c.section === 'impression';
  // (Its labels too: "Placenta:" over "Anterior Grade I." is the report's word.)
  // (And its headings: "EDD BY CURRENT ULTRASOUND:" over a date is the report's wording, kept on the date's line.)
  const headings = source.sections.flatMap((x) => [x.header, ...x.subsections.map((u) => u.header)]).filter((h) => !!h);
  const sourceWords = new Set(
    [...src, ...headings.map((h) => readClause(h.name, h, 'findings', null))].flatMap((s) =>
      [...s.words, ...s.label].map((w) => w.slice(0, 5)),
    ),
  );
  // A summary may pass on the impression's own "no acute …" beside the significant findings it tells
  // (every one is required below); a drafted impression never writes one over them.
  const impressionSaysNormal = src.some((s) => inImpression(s) && allClear(s));
  const compare = (s: Clause, c: Clause) => {
    // Words the report has nowhere ("likely malignant"): a rewrite of a report speaks in its words.
    const novel = kind === 'summary' || globalNormal(c) ? [] : c.words.filter((w) => w.length > 3 && !sourceWords.has(w.slice(0, 5)));
    if (novel.length) say(`adds what the report does not say: "${novel.join(' ')}" in "${clip(c.text)}"`, s, c);
    const changes =
      kind === 'summary' ? changesOf(s, c).filter((x) => !x.startsWith('changes size or number') || !inSource(c, src)) : changesOf(s, c);
    for (const change of changes) say(`${change}: "${clip(s.text, 60)}" -> "${clip(c.text, 60)}"`, s, c);
  };

  // Sentences a rewrite moves but does not write (all of a restructure; all but the impression of a
  // drafted impression) are paired one to one with the report's: each is kept once, and says the same.
  // (A blank of the report's own template, "[None | CT dated ___]", is scaffolding there too.)
  const moved = (c: Clause) => (kind === 'restructure' || (kind === 'impression' && !inImpression(c))) && !scaffolding(c);
  const pairs = pairUp(src.filter(moved), candidate.filter(moved));
  const candidateWords = new Set(candidate.flatMap((c) => c.words));
  for (const [c, s] of pairs) {
    (restsOn.get(s) ?? restsOn.set(s, []).get(s)!).push(c);
    compare(s, c);
    // A moved sentence keeps its words, here or in the rest of the rewrite: "discussed with Dr." is not
    // the call it was cut from, nor "Alvarez, … by telephone" the call without "discussed with Dr.".
    const gone = s.words.filter((w) => !c.words.includes(w) && !candidateWords.has(w));
    if (gone.length) say(`drops "${gone.join(' ')}" of "${clip(s.text)}"`, s, c);
    if (s.communication && !c.communication) say(`drops the communication of "${clip(s.text)}"`, s, c);
    for (const lost of polarityLostBy(s, [c])) say(`${lost}: "${clip(s.text, 60)}"`, s, c);
    for (const drop of dropsOf(s, [c], { sizes: true, carried: true, compared: true }))
      say(`${drop}: "${clip(s.text, 60)}" -> "${clip(c.text, 60)}"`, s, c);
  }
  for (const s of src.filter(moved))
    if (!restsOn.has(s) && (s.words.length || s.quantities.length || s.key || s.communication || s.recommendation))
      say(`drops: "${clip(s.text)}"`, s);
  for (const c of candidate.filter(moved)) {
    if (pairs.has(c)) continue;
    if (globalNormal(c) && significant.length)
      say(`adds a normal statement while the report states "${clip(significant[0].text)}": "${clip(c.text)}"`, significant[0], c);
    else say(`adds: "${clip(c.text)}"`, undefined, c);
  }

  // Sentences the rewrite writes: each rests on a source clause.
  for (const c of candidate.filter((x) => !moved(x))) {
    // A sentence of the report said word for word but for a side or time word ("Normal left ventricular size" ->
    // "Normal right …", "No acute cardiopulmonary abnormality" -> "No chronic …") changes it, however else it reads.
    if (!src.some((x) => x.key === c.key))
      for (const x of src) {
        const swapped = cueSwapped(x.text, c.text);
        if (!swapped) continue;
        say(`changes ${swapped}: "${clip(x.text, 60)}" -> "${clip(c.text, 60)}"`, x, c);
        break;
      }
    // An organ's own normal statement copied from the report ("The mastoids and paranasal sinuses are
    // clear.") says what the report says; one about the whole study ("No acute abnormality.") may not stand
    // over a significant finding.
    // (A summary's quote of it too: "The menisci are intact, but a complete rupture of the ACL is noted." quoted whole.)
    const copiedOrganNormal = kind !== 'restructure' && namesOrgan(c) && src.some((s) => s.normal && s.key === c.key);
    const mayBeNormal =
      kind === 'summary' ? impressionSaysNormal || copiedOrganNormal : kind !== 'impression' || !inImpression(c) || copiedOrganNormal;
    if (globalNormal(c) && significant.length && !mayBeNormal) {
      say(`says nothing is wrong while the report states "${clip(significant[0].text)}": "${clip(c.text)}"`, significant[0], c);
      continue;
    }
    if (!c.words.length && !c.quantities.length) {
      // "Recommend biopsy.": all cue words, still a recommendation the report must have made.
      if (c.recommendation && !src.some((s) => [...c.recommends].every((r) => s.recommends.has(r))))
        say(`adds a recommendation: "${clip(c.text)}"`, undefined, c);
      // "Other findings are stable." -> "Other findings are new.": a time, grade, hedge or denial said of no word the
      // report names is still said; a copying rewrite finds it as written in a clause of the report that names none.
      else if (kind !== 'summary' && (c.time.size || c.severity.length || c.hedges.length || c.negated.size)) {
        const bare = src.filter((s) => !s.words.length && !s.quantities.length);
        if (!bare.some((s) => changesOf(s, c).length === 0))
          say(
            `changes what it says of no finding: "${clip(c.text)}"${bare.length ? ` (the report: "${clip(bare[0].text)}")` : ''}`,
            bare[0],
            c,
          );
      }
      continue;
    }
    // "No acute process in the brain." told as "no sign of active disease": an all-clear the report scopes to
    // new findings (its every one does) said of all time says more than the report.
    // (Of the whole study, naming no organ: "The ventricles are normal." is no all-clear.)
    // (The impression's, when it has one: "Clear lungs." in the findings does not unscope its "No acute …".)
    const anyClears = src.filter((x) => globalNormal(x) && !namesOrgan(x) && !asks(x));
    const allClears = anyClears.some(inImpression) ? anyClears.filter(inImpression) : anyClears;
    if (
      kind !== 'restructure' &&
      globalNormal(c) &&
      !namesOrgan(c) &&
      !c.deniedTime.size &&
      allClears.length &&
      allClears.every((x) => x.deniedTime.size)
    ) {
      const times = [...new Set(allClears.flatMap((x) => [...x.deniedTime]))].join('/');
      say(
        `widens the all-clear: the report denies only ${times} findings ("${clip(allClears[0].text, 60)}"): "${clip(c.text)}"`,
        allClears[0],
        c,
      );
      continue;
    }
    const place = restingPlace(c, src, kind === 'summary' && c.quantities.some((q) => !q.startsWith('n:')));
    if (!place) {
      // A normal statement may stand new in a drafted impression or summary of a report that states nothing significant,
      // denying no other time than the report's own ("no acute …" may say "nothing new", not "nothing unchanged").
      if (globalNormal(c) && (!significant.length || mayBeNormal)) {
        const time = [...c.deniedTime].filter((t) => t !== 'new' && !src.some((x) => allClear(x) && x.deniedTime.has(t)));
        if (time.length) say(`adds time to what is denied: no ${time.join(', ')} in "${clip(c.text)}"`, undefined, c);
        continue;
      }
      if (globalNormal(c) && significant.length && !mayBeNormal)
        say(`adds a normal statement while the report states "${clip(significant[0].text)}": "${clip(c.text)}"`, significant[0], c);
      else {
        // The report's own words under another time ("No acute …" told "No chronic …"): the time is what it adds.
        const retimed = src.find(
          (x) =>
            c.words.length &&
            shareOf(x, c) === 1 &&
            shareOf(c, x) === 1 &&
            [...c.time, ...c.deniedTime].some((t) => !x.time.has(t) && !x.deniedTime.has(t)),
        );
        // Or an all-clear of its own denying another time than the report's ("No chronic cardiopulmonary abnormality."
        // beside a drafted "No acute …"): the time is what it adds.
        const otherTime = [...c.deniedTime].filter((t) => t !== 'new' && !src.some((x) => x.deniedTime.has(t)));
        if (retimed) say(`changes time: "${clip(retimed.text, 60)}" -> "${clip(c.text, 60)}"`, retimed, c);
        else if (otherTime.length) say(`adds time to what is denied: no ${otherTime.join(', ')} in "${clip(c.text)}"`, undefined, c);
        else say(`adds: "${clip(c.text)}"`, undefined, c);
      }
      continue;
    }
    const s = place.clause;
    (restsOn.get(s) ?? restsOn.set(s, []).get(s)!).push(c);
    restingOf.set(c, s);
    compare(s, c);
    for (const lost of hedgeLostOn(c, src)) say(`${lost}: "${clip(c.text, 60)}"`, s, c);
    for (const lost of denialLostOn(c, src)) say(`${lost}: "${clip(c.text, 60)}"`, s, c);
  }

  // Every source clause the rewrite sums up is accounted for by what it writes.
  const written = candidate.filter((c) => !moved(c));
  if (kind === 'impression') checkStudyTimes(source, src, written, restingOf, say);
  // A finding the impression restates without the level or size the findings give it ("Moderate degenerative changes."
  // over "… disk space narrowing to a moderate degree at L3-4 and L4-5"; "Stable SEGA." over "… measuring 1.2 x 1.0
  // cm"): a summary tells the findings' sentence too, with its level and size (checked below as for any it tells).
  const conceptsIn = (c: Clause) =>
    (options.presentAt ?? []).filter((f) => f.concept && c.start <= f.start && f.start < c.end).map((f) => f.concept!);
  const detailsOf = (c: Clause) => [...c.levels, ...c.quantities.filter((q) => !q.startsWith('n:'))];
  const restatedWith = new Map<string, Set<string>>();
  for (const c of src.filter(inImpression))
    for (const concept of conceptsIn(c))
      for (const d of detailsOf(c)) (restatedWith.get(concept) ?? restatedWith.set(concept, new Set()).get(concept)!).add(d);
  for (const c of src.filter(inImpression))
    for (const concept of conceptsIn(c)) if (!restatedWith.has(concept)) restatedWith.set(concept, new Set());
  const detailRestated = (s: Clause) =>
    kind === 'summary' &&
    s.section === 'findings' &&
    s.positive &&
    conceptsIn(s).some((k) => restatedWith.has(k) && detailsOf(s).some((d) => !restatedWith.get(k)!.has(d)));
  // Whether a clause states a finding the findings core reads present or possible in it.
  const statesFinding = (c: Clause) => (options.presentAt ?? []).some((f) => c.start <= f.start && f.start < c.end);
  const required = src.filter((s) => {
    if (!s.words.length && !s.quantities.length) return false;
    if (kind === 'restructure') return false;
    if (kind === 'impression') return inImpression(s) ? s.positive || s.recommendation || s.significant : told.has(s) && !isOld(s);
    // A summary tells the impression and every significant finding; an impression sentence that states a finding and
    // advises on it ("This finding may indicate prostate cancer recurrence and requires further evaluation") states it.
    const statesAndAdvises = s.recommendation && (statesFinding(s) || statesBeforeAdvice(s));
    // And what the writer tells as written (a minor finding the findings state alone, "small osteophyte formation"
    // beside the impression's degenerative changes): asked of the report, whether or not this summary quotes it.
    // (A clause naming a finding the core reads there: not a lead-in "When examined in the lung window;", nor a
    // sentence telling only when it was seen before.)
    const asWritten =
      (options.toldAsWritten ?? []).some((x) => x.start <= s.start && s.start < x.end) && s.positive && !asks(s) && statesFinding(s);
    return (
      !s.communication &&
      (told.has(s) || asWritten || detailRestated(s) || (inImpression(s) && (s.positive || namesDenial(s) || statesAndAdvises)))
    );
  });
  // A line passing on the history or the question ("a history of hepatocellular carcinoma") tells no finding.
  const asked = new Set(src.filter(asks).flatMap((x) => restsOn.get(x) ?? []));
  for (const s of required) {
    // Kept by the clauses resting on it, and by any other clause that could (a finding told in the
    // summary from the impression's sentence is also the findings' sentence).
    const sameSide = (c: Clause) => !s.sides.size || !c.sides.size || [...c.sides].some((x) => s.sides.has(x));
    // A line at another level does not keep it ("C4-5: … stenosis" is not the stenosis at C6-7).
    const levels = (c: Clause) => [...c.levels, ...c.headingLevels];
    const sameLevel = (c: Clause) => !levels(s).length || !levels(c).length || levels(c).some((l) => levels(s).includes(l));
    const own = ownWord(source, s, sig);
    // A clause that says what no other does ("cavitation" beside "volume loss" in the right upper
    // lobe) is kept only by one that says it too.
    // The impression telling a finding again ("Interstitial sprain/partial tear of the anterior cruciate
    // ligament.") is the same finding: its words are no other finding's, so neither is kept by a line
    // of another finding sharing words with both ("There is a sprain of the fibular collateral ligament").
    // (In a summary; a drafted impression keeps the findings' sentences and the old items apart.)
    const sameStatement = (x: Clause) => kind === 'summary' && restates(x, s);
    const mine = s.words.filter((w) => !GENERIC.has(w) && !required.some((x) => x !== s && !sameStatement(x) && x.words.includes(w)));
    // Or one naming a finding the core found in it, whole, from a sentence saying no more than it ("Consistent
    // with acute appendicitis." of "Acute appendicitis with surrounding fat stranding …"; not the perinephric
    // stranding's line for a hernia's stranding).
    const terms = findingTerms(source, s, sig);
    const namesFinding = (c: Clause) =>
      kind === 'summary' &&
      terms.some((t) => t.every((w) => c.words.includes(w) && !c.negated.has(w))) &&
      [...restsOn].every(([r, on]) => r === s || !on.includes(c) || shareOf(r, s) === 1);
    // A summary line giving a size tells the finding of that size ("… (nodule). It measures about 2 millimeters." is
    // not the 3 mm nodule on the right fissure).
    const sized = (c: Clause) => c.quantities.some((q) => !q.startsWith('n:'));
    const sameFinding = (c: Clause) => kind !== 'summary' || !sized(c) || !sized(s) || sameSize(c, s);
    const keptBy = written.filter(
      (c) =>
        restsOn.get(s)?.includes(c) ||
        (!asked.has(c) &&
          sameSide(c) &&
          sameFinding(c) &&
          sameLevel(c) &&
          (!mine.length || mine.some((w) => c.words.includes(w)) || (!!own && c.words.includes(own)) || namesFinding(c)) &&
          (shareOf(c, s) >= 0.5 || shareOf(s, c) >= KEPT_BY || (shareOf(c, s) > 0 && sameSize(c, s)) || (!!own && c.words.includes(own)))),
    );
    if (!keptBy.length) {
      say(`drops: "${clip(s.text)}"`, s);
      continue;
    }
    // Each thing a list denies ("no consolidation, effusion or pneumothorax") is denied in turn.
    const denied = new Set(keptBy.flatMap((c) => [...c.negated]));
    for (const part of s.parts) {
      const named = part.words.filter((w) => s.negated.has(w) && !GENERIC.has(w));
      if (named.length && named.length === part.words.filter((w) => !GENERIC.has(w)).length && !named.some((w) => denied.has(w)))
        say(`drops the denial of "${named.join(' ')}" in "${clip(s.text)}"`, s, keptBy[0]);
    }
    // The impression's advice is kept with it: "A 2 cm right hilar mass, biopsy is recommended." is not kept by
    // "2 cm right hilar mass." (adding advice is refused elsewhere; losing it is as much a change).
    if (kind === 'impression' && s.recommendation && inImpression(s)) {
      const advised = new Set(keptBy.flatMap((c) => [...c.recommends]));
      const lost = [...s.recommends].filter((r) => !advised.has(r));
      if (lost.length) say(`drops the advice "${lost.join(', ')}" of "${clip(s.text)}"`, s, keptBy[0]);
    }
    // So is its hedged reading: "… lesion of the left kidney (hemorrhagic cyst?)." is not kept by the findings' "A lesion
    // is observed in the left kidney." (to-h16v: the "?" item dropped beside "No significant change in other findings").
    if (kind === 'impression' && inImpression(s)) {
      const said = new Set(keptBy.flatMap((c) => c.words));
      const reading = [...s.hedged].filter((w) => !GENERIC.has(w) && !s.negated.has(w) && !said.has(w));
      if (reading.length) say(`drops the reading "${reading.join(' ')}" of "${clip(s.text)}"`, s, keptBy[0]);
    }
    // Each significant finding it states is named by what keeps it ("atelectasis … and air
    // bronchograms" is not kept by "total atelectasis" alone): the finding, not only its sentence.
    if (kind !== 'restructure') {
      // Stated, not denied: "no sign of a lump (mass lesion)" does not tell the hypodense lesion.
      const said = new Set(keptBy.flatMap((c) => c.words.filter((w) => !c.negated.has(w))));
      const lost = headsOf(terms).filter((w) => !said.has(w));
      if (lost.length) say(`drops "${lost.join(' ')}" of "${clip(s.text)}"`, s, keptBy[0]);
      // Findings of one clause named by one word ("bursal effusion and … glenohumeral joint effusion"): each
      // is told by its own line, not by the line of the other.
      for (const own of ownWordsOfKin(terms))
        if (!own.some((w) => said.has(w))) say(`drops "${own.join(' ')}" of "${clip(s.text)}"`, s, keptBy[0]);
      // A finding word the statement alone has ("This mass results in … compression of the left lateral ventricle"
      // beside the findings' "mass effect upon the left lateral ventricle") is told by what keeps it: lines naming
      // the mass it speaks of, or the organ its finding is named after, do not tell it.
      if (kind === 'summary') {
        const untold = mine.filter((w) => terms.some((t) => t.includes(w)) && !said.has(w));
        if (untold.length) say(`drops "${untold.join(' ')}" of "${clip(s.text)}"`, s, keptBy[0]);
        // A statement about what the sentence before named ("The extrusion causes severe compression of the thecal
        // sac") is its own words, not the thing it points to: lines naming only that thing do not tell it.
        else if (mine.length && !mine.some((w) => said.has(w)) && pointsBack(s, sentenceBefore(src, src.indexOf(s))))
          say(`drops "${mine.join(' ')}" of "${clip(s.text)}"`, s, keptBy[0]);
      }
      // What the impression tells the patient is told whole: each report term of its item ("Low lung volumes
      // with airspace disease", "8mm nodule …, likely calcified granuloma"), significant or not.
      if (kind === 'summary' && inImpression(s))
        for (const term of termsIn(s))
          if (!term.words.every((w) => said.has(w))) say(`drops "${term.name}" of "${clip(s.text)}"`, s, keptBy[0]);
    }
    // Each thing an item of the old impression states ("low lung volumes with airspace disease") is
    // said in turn: more than half of its own words stand in what keeps it.
    if (kind === 'impression' && inImpression(s)) {
      const said = new Set(keptBy.flatMap((c) => c.words));
      for (const own of partsUnsaid(s, said)) say(`drops "${own.join(' ')}" of "${clip(s.text)}"`, s, keptBy[0]);
    }
    for (const moved of sidesMovedBy(s, keptBy)) say(`${moved} in "${clip(s.text, 60)}"`, s, keptBy[0]);
    // Its polarity and hedges: on the clauses resting on it, else on one saying its very words.
    const resting = restsOn.get(s)?.length ? restsOn.get(s)! : keptBy.filter((c) => shareOf(c, s) === 1 && shareOf(s, c) === 1);
    for (const lost of polarityLostBy(s, resting)) say(`${lost}: "${clip(s.text, 60)}"`, s, resting[0]);
    // The old impression's item copied word for word is the radiologist's own summary of the sentence:
    // what it leaves out of it ("minimal", the normal left foramen) the radiologist left out.
    const ownSummary =
      kind === 'impression' && !inImpression(s) && keptBy.every((c) => src.some((x) => inImpression(x) && x.key === c.key));
    if (ownSummary) continue;
    // A summary may give a size on another line than the finding's report term.
    for (const drop of dropsOf(
      s,
      kind === 'summary' ? [...keptBy, { ...keptBy[0], quantities: candidate.flatMap((c) => c.quantities) }] : keptBy,
      { sizes: true, carried: true, compared: kind !== 'summary' },
    ))
      say(`${drop}: "${clip(s.text, 60)}" -> "${clip(keptBy[0].text, 60)}"`, s, keptBy[0]);
  }
  // The old impression's verdict on the study ("No acute intracranial abnormality.", "Otherwise no acute cardiopulmonary
  // process.") is its conclusion: a draft that leaves it out no longer tells the reader the rest was read clear. (Over
  // no significant finding only: "Normal CT head." over a subdural hematoma is the draft's to leave out.)
  if (kind === 'impression' && !significant.length)
    for (const s of src.filter((x) => inImpression(x) && allClear(x) && !namesDenial(x)))
      if (!written.some((c) => globalNormal(c) && s.words.every((w) => GENERIC.has(w) || c.words.includes(w))))
        say(`drops the all-clear "${clip(s.text)}"`, s);
  // A summary does not tell a sentence leaning on the one before it ("However, a possible mass at this level …")
  // without that one, nor that one without it ("The aortic arch is 34 mm." without "It is wider than normal.").
  const writtenWords = new Set(written.flatMap((c) => c.words));
  if (kind === 'summary')
    for (let i = 1; i < src.length; i++) {
      // A statement after advice leans past it, on the statement the advice follows ("Findings may represent
      // infection. Clinical correlation is recommended. However, the pattern is not typical for COVID-19."):
      // the advice is the doctor's, not the patient's, and a summary tells it or not on its own.
      let k = i - 1;
      while (k > 0 && adviceOnly(src[k]) && !adviceOnly(src[i]) && src[k - 1].sectionIndex === src[i].sectionIndex) k--;
      const [p, s] = [src[k], src[i]];
      if (p.sectionIndex !== s.sectionIndex || asks(s) || !leansOn(s, sentenceBefore(src, i), ORGANS)) continue;
      const [onP, onS] = [restsOn.get(p) ?? [], restsOn.get(s) ?? []];
      // (Where it stands in the report only: what the summary must add.)
      // "… this lesion …" after a remark that names no lesion ("The V1 and V2 branches however can be identified.")
      // speaks on from the clause that does, a little further back: told with that one, it is told with what it leans on.
      const antecedents = [p, ...namedBefore(src, k, s, statesFinding)];
      if (onS.length && !antecedents.some((a) => restsOn.get(a)?.length))
        say(`tells "${clip(s.text, 60)}" without "${clip(p.text, 60)}" it speaks on from`, p);
      const own = s.words.filter((w) => !GENERIC.has(w));
      // (What it goes on to state: "Apart from this, ventilation is normal." adds nothing the summary must tell.)
      if (
        s.positive &&
        onP.length &&
        !onS.length &&
        own.filter((w) => !writtenWords.has(w)).length * 2 > own.length &&
        !written.some((c) => shareOf(s, c) >= KEPT_BY)
      )
        say(`tells "${clip(p.text, 60)}" without "${clip(s.text, 60)}" that goes on with it`, s);
    }
  // A summary denies no more than the report does: "no infiltrative lesion" is not "no abnormal area in the lung (lesion)".
  if (kind === 'summary')
    for (const c of written) {
      const term = /\(([^()]+)\)\W*$/.exec(c.text)?.[1];
      if (!term || !c.negated.size) continue;
      const head = stem(squash(term).split(' ').pop() ?? '');
      const deniers = src.filter((s) => !asks(s) && s.negated.has(head));
      const said = ` ${squash(c.text)} `;
      const widened = deniers.map((s) => deniedQualifiers(s.text, term).filter((q) => !said.includes(` ${q} `)));
      if (deniers.length && widened.every((w) => w.length))
        say(
          `widens the denial of "${term}": the report denies only "${widened[0].join(' ')}" ones in "${clip(deniers[0].text, 60)}"`,
          deniers[0],
          c,
        );
    }
  if (kind === 'summary') checkPossibleDenials(candidateText, say);
  if (kind === 'summary') checkSenses(source, candidateText, say);
  if (kind === 'summary') checkPlaces(source, candidateText, say);
  if (kind === 'summary') checkSiteParts(source, candidateText, say);
  // A caveat on what the exam may show ("CT can be false-negative early in a viral infection", "limited by
  // motion") stands over every normal statement: an impression or summary calling the study normal keeps it,
  // unless the report's own impression called it normal without it.
  // (A summary quoting it word for word keeps it, whatever its clauses read: "However, it cannot be ruled out." names
  // no word. Not a drafted impression: the whole report is its candidate, the findings' caveat in it.)
  const candidateSaid = kind === 'summary' ? ` ${squash(candidateText)} ` : '';
  if (kind !== 'restructure' && !impressionSaysNormal && written.some(globalNormal))
    for (const s of src.filter((x) => !QUESTION_SECTIONS.has(x.section) && CAVEAT.test(x.text)))
      if (!written.some((c) => restsOn.get(s)?.includes(c) || shareOf(s, c) >= KEPT_BY) && !candidateSaid.includes(` ${squash(s.text)} `))
        say(`drops the caveat "${clip(s.text)}" while saying all is well`, s);
  // A summary tells each thing the impression states, or without one the findings: each report term they state
  // ("There are degenerative changes in the bone structures") is named by some line, significant or not.
  const tells = (x: Clause) => (hasImpression ? inImpression(x) : x.section === 'findings') && x.positive && !x.communication;
  if (kind === 'summary')
    for (const s of src.filter(tells)) {
      const states = (c: Clause, w: string) => c.words.includes(w) && !c.negated.has(w);
      if (!hasImpression)
        for (const term of termsIn(s))
          if (!written.some((c) => !asked.has(c) && term.words.every((w) => states(c, w))))
            say(`drops "${term.name}" of "${clip(s.text)}"`, s);
      // And each finding the core reads there (the impression's, else the findings'), by its last word and most
      // of its words ("calcified atheromatous plaques" is not told by the aorta's "calcific atheroma plaques").
      for (const term of findingTerms(source, s, options.presentAt ?? []))
        if (
          !written.some(
            (c) => !asked.has(c) && states(c, term[term.length - 1]) && term.filter((w) => states(c, w)).length * 2 > term.length,
          )
        )
          say(`drops "${term.join(' ')}" of "${clip(s.text)}"`, s);
    }
  // A drafted impression item carries the side, severity, size, level and time of the sentence it was
  // taken from ("Stenosis." of "Severe plaque … stenosis around 70%" drops all of them).
  if (kind === 'impression')
    for (const [s, resting] of restsOn) {
      const items = resting.filter(inImpression);
      if (!items.length) continue;
      // An item of the old impression kept is the radiologist's own; only one leaning on the item before it ("Normal
      // MRI brain. Specifically, no infarct.") is held to that one: told without it, it says less or else.
      const own = inImpression(s);
      // "Exhibits wall thickening …", "This finding is suspicious …", "None of the remaining masses …": cut from what it speaks of.
      for (const c of items) {
        const first =
          stripListNumber(c.text)
            .split(/[\s,]+/)[0]
            ?.toLowerCase() ?? '';
        // Not right after, on its line, what the report says before it: "A subcarinal node is enlarged. It
        // measures 6 x 2 cm.", "Focal bud view …; It is recommended …" keep it with what it speaks of.
        const before = candidate[candidate.indexOf(c) - 1];
        // (What the report says before it, or before its repetition: the impression telling the findings' "…
        // lingular segment. The described appearance …" again, where the draft took either.)
        const told = src.filter((x) => x === s || (shareOf(x, s) === 1 && shareOf(s, x) === 1)).map((x) => src[src.indexOf(x) - 1]);
        // (Or the very words: an all-clear kept word for word rests on nothing it must align with.)
        const toldBefore = !!before && told.some((x) => !!x && (!!restsOn.get(x)?.includes(before) || (own && x.key === before.key)));
        const sameLine = !!before && !/\n/.test(candidateText.slice(before.end, c.start));
        const joined = sameLine && (/;\s*$/.test(candidateText.slice(before.end, c.start)) || toldBefore);
        // A pointing phrase ("The mass is …", "None of the remaining …") may also open the next item after it.
        const pointer = CUES.dangling.includes(first);
        const nextItem = toldBefore;
        const leans = leansOn(c, sentenceBefore(src, src.indexOf(s)), ORGANS, own);
        // (An all-clear the report's own finding contradicts is left out rightly: "Normal CT head. Specifically, no
        // mass." over a hematoma keeps only the denial.)
        const contradicted = !!told[0] && globalNormal(told[0]) && significant.length > 0;
        if (own ? leans && !joined && !nextItem && !contradicted : (pointer || leans) && !joined && (pointer || !nextItem))
          say(`cuts "${clip(c.text, 60)}" from what it speaks of in "${clip(s.text, 60)}"`, s, c);
      }
      if (own) continue;
      for (const drop of dropsOf(s, items, { sizes: true, carried: true, compared: true }))
        say(`${drop}: "${clip(s.text, 60)}" -> "${clip(items[0].text, 60)}"`, s, items[0]);
    }
  if (kind === 'restructure') {
    checkPlacement(candidate, candidateAll, pairs, src, new Set(source.sections.map((x) => x.header?.name.toLowerCase())), say);
    checkFieldLevels(candidateAll, src, say);
    checkBound(source.text, src, candidate, candidateAll, pairs, say);
    checkLabelWords(source, src, candidateText, say);
    // What the report finds before its impression (its findings, a measurement under a heading of its own:
    // "CI: 83 (70-86)") is not put after it.
    const [impressionAt, candidateImpressionAt] = [firstImpression(source), candidateReport ? firstImpression(candidateReport) : -1];
    if (impressionAt >= 0 && candidateImpressionAt >= 0)
      for (const [c, s] of pairs)
        if (
          s.sectionIndex < impressionAt &&
          c.sectionIndex > candidateImpressionAt &&
          (s.section === 'findings' || (s.section === 'other' && s.quantities.length > 0))
        )
          say(`moves "${clip(s.text, 60)}" from before the impression to after it`, s, c);
  }
  return reasons;
}

/**
 * Restructure: a label of the report that says something ("CHEST W/CONTRAST CT EXAM DATE:" over a blank, "BIOMETRIC
 * DATA:", an organ's "Thrombosis:") keeps its words somewhere in the rewrite, on any line: a label line is report text
 * too. The section name it ends on ("… DATE", "INDICATION") is the template's to relabel ("FINDINGS:" as the
 * FINDINGS heading, "INDICATION:" as CLINICAL HISTORY), and says nothing of its own.
 */
const PART_NAMES: ReadonlySet<string> = new Set(CUES.partNames.map(stem));
function checkLabelWords(source: Report, src: readonly Clause[], candidateText: string, say: (m: string, s?: Span) => void): void {
  const said = new Set(labelWordsOf(candidateText));
  // (A heading alone on its line, "BIOMETRY:" over its values, is the template's to replace by its field.)
  const onItsLine = (h: Span) => /[^\s:]/.test(source.text.slice(h.end).split('\n')[0]);
  const headers = source.sections
    .flatMap((x) => [x.header, ...x.subsections.map((u) => u.header)])
    .filter((h): h is NonNullable<typeof h> => !!h && onItsLine(h));
  const labels = [
    ...headers.map((h) => ({ name: h.name, at: h as Span })),
    // A clause's own run-in label ("Placenta: Anterior Grade I.").
    ...src
      .filter((c) => c.label.length)
      .flatMap((c) => {
        const label = /^([^:\n]{1,80}):([^\n]*)/.exec(stripListNumber(c.text));
        return label && /[^\s:]/.test(label[2]) ? [{ name: label[1], at: c as Span }] : [];
      }),
  ];
  for (const { name, at } of labels) {
    const words = name.trim().split(/\s+/);
    // The longest section name it ends on is the label's kind, not its content.
    const named = words.findIndex((_, i) => knownSectionKind(words.slice(i).join(' ')) !== null);
    const own = labelWordsOf((named < 0 ? words : words.slice(0, named)).join(' ')).filter((w) => !PART_NAMES.has(w));
    const gone = [...new Set(own.filter((w) => !said.has(w)))];
    if (gone.length) say(`drops "${gone.join(' ')}" of the label "${clip(name, 60)}"`, at);
  }
}

// How many words either side of a term may name the organ it is said of.
const WINDOW = 5;

/**
 * Summary: each word explanation ("- diverticulum: Small pouches in the bowel wall …") that names an organ
 * fits how the report uses the word: the words around it where the report says it name that organ, or no organ
 * at all. One of the trachea's, the stomach's or the liver's told as the bowel's, the spine's or the lungs' is refused.
 */
function checkSenses(source: Report, text: string, say: (m: string, s?: Span) => void): void {
  const organs = Object.entries(CUES.senseOrgans);
  // A short word only as itself ("disc", not "disclose"); a longer one as the start of a word too ("cardi" of "cardiac").
  const naming = (said: string, words: readonly string[]) =>
    words.some((w) => (w.length > 4 ? said.includes(` ${w}`) : said.includes(` ${w} `) || said.includes(` ${w}s `)));
  const part = text.split(/^\s*Words in your report\s*:?\s*$/im)[1] ?? '';
  for (const line of part.split('\n')) {
    const entry = /^\s*-\s*([^:]+):\s*(.+)$/.exec(line);
    if (!entry) continue;
    // An organ named as where something comes from or goes to ("carries blood from the heart to the body") is not
    // the word's organ: "aorta" is not a word of the heart.
    const sense = ` ${squash(entry[2])} `.replace(ROUTES, ' ');
    const told = organs.filter(([, o]) => o.sense.some((w) => sense.includes(` ${w} `)));
    if (told.length !== 1) continue;
    // An explanation giving another sense beside the organ's ("Of the chest, or the middle part of the spine") is
    // not that organ's alone.
    const senses = entry[2].split(/,?\s+or\s+/i).map((x) => ` ${squash(x)} `);
    if (senses.length > 1 && senses.some((x) => !organs.some(([, o]) => o.sense.some((w) => x.includes(` ${w} `))))) continue;
    // The words around the term where the report says it ("tracheal diverticulum", "curvature of the stomach").
    const term = squash(entry[1]).split(' ');
    // (Within its own item of a list: "Mild cardiomegaly and moderate hiatal hernia" says the hernia of no organ.)
    // (The whole item, when the words near the term name no organ, may bear the explanation out: "Effusion reaching
    // 2 cm in its thickest part was observed in both pleural spaces" names the pleura at its end.)
    const around = (x: { text: string }, window: number) => {
      const words = x.text.toLowerCase().match(/[a-z0-9]+|[,;:"•]/g) ?? [];
      const i = words.findIndex((_, k) => term.every((w, j) => words[k + j]?.startsWith(w)));
      if (i < 0) return null;
      const stop = (w: string | undefined) => !w || /^[,;:"•]$/.test(w) || w === 'and' || w === 'or';
      let [from, to] = [i, i + term.length];
      while (i - from < window && !stop(words[from - 1])) from--;
      while (to - i - term.length < window && !stop(words[to])) to++;
      return ` ${words.slice(from, to).join(' ')} `;
    };
    const of = (said: string) => organs.filter(([, o]) => naming(said, o.report)).map(([name]) => name);
    // A term naming its organ ("deviation of the trachea") is that organ's, whatever else its explanation names.
    if (of(` ${term.join(' ')} `).length) continue;
    const spoken = source.sentences.flatMap((x) => {
      const said = around(x, WINDOW);
      return said ? [{ x, organs: of(said), item: of(around(x, Infinity) ?? '') }] : [];
    });
    for (const [organ] of told)
      if (
        spoken.some((s) => s.organs.length) &&
        !spoken.some((s) => s.organs.includes(organ) || (!s.organs.length && s.item.includes(organ)))
      ) {
        const { x, organs: others } = spoken.find((s) => s.organs.length)!;
        say(
          `explains "${entry[1].trim()}" as of the ${organ}, but the report says it of the ${others.join(', ')}: "${clip(x.text, 60)}"`,
          x,
        );
      }
  }
}

// The part of an organ a site names ("wall" of "chest wall"), by each of its words, and the lay words telling it.
const SITE_PART = new Map(
  Object.entries(CUES.siteParts).flatMap(([part, lay]) =>
    lay.filter((w) => w === part || w.startsWith(part)).map((w) => [stem(w), lay.map(stem)] as const),
  ),
);
const STOPWORDS: ReadonlySet<string> = new Set(CUES.stopwords);

/**
 * Summary: a line naming the organ and the finding of a site the report names with the organ's part ("chest wall
 * mass", "aortic root dilatation", "lung base opacity") names that part too, in its words or lay ones ("bottom"):
 * "a lump in the chest (mass)" moves the chest wall's mass into the chest. Read by the report's words in a row, not
 * by the lexicon; not where another sentence of the report says the organ and the finding without the part.
 */
function checkSiteParts(source: Report, text: string, say: (m: string, s?: Span) => void): void {
  const wordsOf = (s: string) => squash(s).split(' ').filter(Boolean).map(stem);
  const sentences = source.sentences.map((x) => ({ x, w: wordsOf(x.text) }));
  const part = text.split(/^\s*Words in your report\s*:?\s*$/im)[0];
  for (const line of part.split('\n')) {
    if (!/^\s*-\s/.test(line)) continue;
    const said = new Set(wordsOf(line));
    for (const { x, w } of sentences)
      for (let i = 0; i + 2 < w.length; i++) {
        const [organ, site, finding] = [w[i], w[i + 1], w[i + 2]];
        const lay = SITE_PART.get(site);
        if (!lay || STOPWORDS.has(organ) || STOPWORDS.has(finding) || /\d/.test(organ + finding)) continue;
        if (!said.has(organ) || !said.has(finding) || lay.some((l) => said.has(l))) continue;
        if (sentences.some((o) => o.w.includes(organ) && o.w.includes(finding) && !o.w.includes(site))) continue;
        say(`drops "${site}" of "${organ} ${site} ${finding}" in "${clip(x.text, 60)}": "${clip(line.replace(/^\s*-\s*/, ''), 60)}"`, x);
      }
  }
}

/**
 * Summary: a plain line placing its finding in an organ ("- There is a swollen gland in the right lung (lymph
 * node).") places it where the report does: the report's item naming the line's term names that organ, or no
 * organ at all. A hilar node told as in the lung, a pleural effusion told as in the liver, is refused.
 */
function checkPlaces(source: Report, text: string, say: (m: string, s?: Span) => void): void {
  const organs = Object.entries(CUES.senseOrgans);
  const naming = (said: string, words: readonly string[]) =>
    words.some((w) => (w.length > 4 ? said.includes(` ${w}`) : said.includes(` ${w} `) || said.includes(` ${w}s `)));
  const part = text.split(/^\s*Words in your report\s*:?\s*$/im)[0];
  for (const line of part.split('\n')) {
    if (!/^\s*-\s/.test(line)) continue;
    const terms = [...line.matchAll(/\(([^()]+)\)/g)].map((m) => squash(m[1]));
    // The plain words, where the line puts the finding ("in the right lung", "of the liver").
    const plain = ` ${squash(line.replace(/\([^()]*\)/g, ' '))} `.replace(ROUTES, ' ');
    const placed = organs.filter(([, o]) =>
      o.sense.some((w) =>
        new RegExp(` (?:in|inside|within) (?:(?:the|your|left|right|upper|lower|both|middle|top|bottom|part|parts|of) )*${w} `).test(plain),
      ),
    );
    if (placed.length !== 1 || !terms.length) continue;
    const [organ] = placed[0];
    // The report's items saying the term (between commas, "and", "or").
    const items = source.sentences.flatMap((x) => {
      const said = ` ${squash(x.text)} `;
      return terms.some((t) => t && said.includes(` ${t} `))
        ? x.text
            .split(/[,;]|\band\b|\bor\b/i)
            .map((i) => ` ${squash(i)} `)
            .filter((i) => terms.some((t) => i.includes(` ${t} `)))
        : [];
    });
    const of = (said: string) => organs.filter(([, o]) => naming(said, o.report)).map(([name]) => name);
    if (!items.length || items.some((i) => !of(i).length || of(i).includes(organ))) continue;
    const first = source.sentences.find((x) => terms.some((t) => ` ${squash(x.text)} `.includes(` ${t} `)));
    say(
      `places "${terms[0]}" in the ${organ}, but the report says it of the ${of(items[0]).join(', ')}: "${clip(first?.text ?? '', 60)}"`,
      first,
    );
  }
}

const firstImpression = (r: Report) => r.sections.findIndex((x) => x.kind === 'impression');

const CAVEAT = new RegExp(`\\b(?:${CUES.caveats.map(escapeRegExp).join('|')})\\b`, 'i');

/** Two clauses saying one thing, each holding most of the other's words (a finding and its impression item). */
const restates = (a: Clause, b: Clause) => shareOf(a, b) >= KEPT_BY && shareOf(b, a) >= KEPT_BY;

// Where a glossary explanation says something comes from or goes to ("from the heart").
const ROUTES = new RegExp(` (?:${CUES.senseRoutes.join('|')}) (?:the |your |a )?[a-z]+(?= )`, 'g');
// The glossary's report terms as clause words ("low lung volumes": low lung volume), those naming more than "lung disease".
const TERMS = GLOSSARY.flatMap((g) => [g.term, ...Object.keys(g.terms)])
  .map((name) => ({ name: name.toLowerCase(), words: readClause(name, { start: 0, end: 0 }, 'findings', null).words }))
  .filter((t) => t.words.some((w) => !GENERIC.has(w)));

/** The report terms a clause states (not denies), word for word. */
function termsIn(s: Clause): { name: string; words: string[] }[] {
  const at = (t: { words: string[] }, i: number) => t.words.every((w, k) => s.words[i + k] === w);
  return TERMS.filter((t) => !t.words.some((w) => s.negated.has(w)) && s.words.some((_, i) => at(t, i)));
}

/** A clause about what the sentence before named: a pointer ("This mass …") or the same noun again ("The extrusion causes …"). */
function pointsBack(s: Clause, before: string): boolean {
  if (leansOn(s, before, ORGANS)) return true;
  const subject = /^\s*(?:\d+[.)]\s*)?the\s+([a-z]+)\b/i.exec(s.text)?.[1]?.toLowerCase();
  return !!subject && ` ${squash(before)} `.includes(` ${subject} `);
}

/**
 * A clause stating something before it advises ("The appearance is suspicious for a bladder neoplasm, and further
 * evaluation with cystoscopy is recommended"): one of its pieces before the advice states a word of its own. Advice
 * that comes first ("Recommend MRI of the brain and pituitary …") states nothing.
 */
function statesBeforeAdvice(s: Clause): boolean {
  for (const piece of s.text.split(/,\s*(?:and\s+)?|\s+and\s+/)) {
    const read = readClause(piece, s, s.section, null);
    if (read.recommendation) return false;
    // ("If clinically indicated, …", "For further characterization, …": the advice's condition or purpose.)
    if (/^\s*(?:\d+[.)]\s*)?(?:if|when|unless|should|for|to|as)\b/i.test(piece)) continue;
    if (read.positive && read.words.some((w) => !GENERIC.has(w) && !read.negated.has(w))) return true;
  }
  return false;
}

/** Old news: a finding the report calls old, chronic or healed and not new or grown. */
const isOld = (s: Clause) => s.time.has('old') && !s.time.has('new') && !s.time.has('increased');

/** The word the findings core found a significant finding at, in this clause ("atelectasis"). */
function ownWord(report: Report, s: Clause, found: readonly Span[]): string | null {
  const at = found.find((f) => s.start <= f.start && f.start < s.end);
  if (!at) return null;
  const word = /^[A-Za-z][A-Za-z'-]*/.exec(report.text.slice(at.start))?.[0];
  return word ? stem(word.toLowerCase()) : null;
}

/**
 * The significant findings of a clause that share their last word with another of its findings
 * ("bursal effusion", "glenohumeral joint effusion"): for each, the words the others do not have.
 */
function ownWordsOfKin(terms: readonly string[][]): string[][] {
  const out: string[][] = [];
  for (const t of terms) {
    const kin = terms.filter((x) => x.join() !== t.join() && x[x.length - 1] === t[t.length - 1]);
    const own = t.filter((w) => !kin.some((x) => x.includes(w)));
    if (kin.length && own.length) out.push(own);
  }
  return out;
}

/** A clause with a word of its own beside the generic ones ("mastoids"; not "no acute cardiopulmonary abnormality"). */
const namesOrgan = (c: Clause) => c.words.some((w) => !GENERIC.has(w));

/** A denial of something by name ("No pneumothorax"), not of all that is wrong ("No acute abnormality"). */
const namesDenial = (s: Clause) => [...s.negated].some((w) => !GENERIC.has(w));

/**
 * A word the report hedges wherever it says it, said without a hedge ("Probable pneumonia" drafted
 * as "pneumonia"): whichever sentence the candidate rests on, the report never states it as fact.
 */
function hedgeLostOn(c: Clause, src: readonly Clause[]): string[] {
  const stated = src.filter((s) => !QUESTION_SECTIONS.has(s.section));
  const lost = c.words.filter((w) => {
    if (c.hedged.has(w) || c.negated.has(w)) return false;
    const saying = stated.filter((s) => s.words.includes(w));
    return saying.length > 0 && saying.every((s) => s.hedged.has(w) || s.negated.has(w)) && saying.some((s) => s.hedged.has(w));
  });
  return lost.length ? [`drops the hedge on "${lost.join(' ')}" (the report never states it as certain)`] : [];
}
const QUESTION_SECTIONS = new Set(['history', 'exam', 'technique', 'comparison']);

/**
 * A finding word the report denies wherever it states anything of it, said without a denial ("No evidence of
 * tuberculosis." drafted as "Evidence of tuberculosis."): whatever clause the candidate rests on (the history's
 * "rule out tuberculosis" asks, it does not state), the report never says it is there.
 */
function denialLostOn(c: Clause, src: readonly Clause[]): string[] {
  const stated = src.filter((s) => !QUESTION_SECTIONS.has(s.section));
  // The study's own words ("CT scan", "contrast") name what was done, not a finding: "No abnormality in the CT scan"
  // denies no scan.
  const done = new Set(src.filter((s) => s.section !== 'history' && QUESTION_SECTIONS.has(s.section)).flatMap((s) => s.words));
  const lost = c.words.filter((w) => {
    if (c.negated.has(w) || GENERIC.has(w) || w.length < 4) return false;
    const saying = stated.filter((s) => s.words.includes(w));
    return saying.length > 0 && saying.every((s) => s.negated.has(w)) && !done.has(w);
  });
  return lost.length ? [`states what the report denies: "${lost.join(' ')}" (the report never states it)`] : [];
}

/**
 * Pairs the sentences a rewrite moves with the report's, one to one: the same words first, then the
 * closest. Returns candidate -> source.
 */
function pairUp(src: readonly Clause[], candidate: readonly Clause[]): Map<Clause, Clause> {
  const pairs = new Map<Clause, Clause>();
  const used = new Set<Clause>();
  const byKey = new Map<string, Clause[]>();
  for (const c of candidate) if (c.key) (byKey.get(c.key) ?? byKey.set(c.key, []).get(c.key)!).push(c);
  const rest: Clause[] = [];
  for (const s of src) {
    // The same words at the same level first: "L5-S1: … patent." and "L4-L5: … patent." are two lines.
    const same = byKey.get(s.key)?.filter((x) => !pairs.has(x)) ?? [];
    const c = same.find((x) => x.levels.join() === s.levels.join()) ?? same[0];
    if (c && s.key) {
      pairs.set(c, s);
      used.add(s);
    } else rest.push(s);
  }
  const options: { s: Clause; c: Clause; score: number }[] = [];
  const keyShare = (a: Clause, b: Clause) => {
    const x = a.key.split(' ');
    const y = new Set(b.key.split(' '));
    return x.filter((w) => y.has(w)).length / Math.max(x.length, y.size);
  };
  for (const s of rest)
    for (const c of candidate) {
      if (pairs.has(c)) continue;
      const close = shareOf(c, s) >= RESTS_ON || shareOf(s, c) >= KEPT_BY || (shareOf(c, s) > 0 && sameSize(c, s));
      const score = s.words.length || c.words.length ? shareOf(c, s) + shareOf(s, c) : 2 * keyShare(s, c);
      if (close || (!s.words.length && !c.words.length && score >= 1)) options.push({ s, c, score });
    }
  options.sort((a, b) => b.score - a.score);
  for (const o of options) {
    if (used.has(o.s) || pairs.has(o.c)) continue;
    pairs.set(o.c, o.s);
    used.add(o.s);
  }
  return pairs;
}

// Template scaffolding: "[ ]" fields, snippet tab stops, blanks; and the label a field stands after.
const SCAFFOLDING = /\$\{\d+(?::[^}\n]*)?\}|\$\d+|\[[^\]\n]*\]|_{3,}/g;
const LABEL_OPENING = new RegExp(`^[ \\t]*${labelName(48)}?[ \\t]*:(?!\\d)`);

/** Both clauses give one size ("2.1 cm simple cyst" and "renal cyst, 2.1 cm"). */
const sameSize = (a: Clause, b: Clause) => a.quantities.some((q) => !q.startsWith('n:') && b.quantities.includes(q));

/** A normal statement about the whole exam or an organ ("no acute abnormality"), not a denial of a named finding. */
const globalNormal = (c: Clause) => c.normal && !c.specificDenial;
/**
 * The report's own all-clear, which may excuse a rewrite's: a normal statement stating nothing beside it ("Normal
 * heart size with mild aortic tortuosity" clears nothing else). (A rewrite's normal statement is checked as one
 * whenever it has a normal cue, `globalNormal`.)
 */
const allClear = (c: Clause) => globalNormal(c) && !c.positive;

/** A summary may give a size the findings state beside another finding's name ("appendix dilated to 11 mm"). */
function inSource(c: Clause, src: readonly Clause[]): boolean {
  const all = src.flatMap((s) => s.quantities);
  return c.quantities.every((q) => all.includes(q));
}

const scaffolding = (c: Clause) => !/[a-z0-9]/i.test(c.text.replace(LABEL_OPENING, '').replace(SCAFFOLDING, ''));

// The levels the templates' fields name ("C4-C5:"), read as the clauses read them.
const TEMPLATE_LEVELS = new Set(
  TEMPLATES.flatMap((t) => t.findings.flatMap((f) => readClause(`${f.label}:`, { start: 0, end: 0 }, 'findings', null).levels)),
);

const QUOTED_LINE = /^\s*(?:-\s*)?The report (?:also )?says:? ["\u201c]([^"\u201d]+)["\u201d]\s*$/;
/**
 * Summary: what is told under "What the report says may be there" states something, if only as possible. A denial
 * there ("No findings compatible with pneumonia were detected.", "No new or concerning findings were identified.")
 * reads to a patient as the thing it denies maybe being there: its hedge word qualifies what is denied, the denial wins.
 */
function checkPossibleDenials(candidateText: string, say: (m: string, s?: Span, c?: Span) => void): void {
  let part = '';
  let at = 0;
  for (const line of candidateText.split('\n')) {
    const span = { start: at, end: at + line.length };
    at += line.length + 1;
    const heading = Object.entries(SUMMARY_PARTS).find(([, h]) => line.trim() === h);
    if (heading) part = heading[0];
    if (heading || part !== 'possible' || !line.trim()) continue;
    const said = QUOTED_LINE.exec(line)?.[1] ?? line.replace(/^\s*-\s*/, '');
    const clauses = readText(`IMPRESSION: ${said}`).filter((c) => c.words.length || c.quantities.length || c.denials);
    if (clauses.length && clauses.every((c) => !c.positive && (c.denials > 0 || c.negated.size > 0)))
      say(`tells a denial as what may be there: "${clip(said)}"`, undefined, span);
  }
}

/** Restructure: an empty field names a level some template or the report names ("C5-C5: [ ]" is neither). */
function checkFieldLevels(candidate: readonly Clause[], src: readonly Clause[], say: (m: string, s?: Clause, c?: Clause) => void): void {
  const known = new Set([...TEMPLATE_LEVELS, ...src.flatMap((s) => s.levels)]);
  for (const c of candidate) {
    const odd = scaffolding(c) ? c.levels.filter((l) => !known.has(l)) : [];
    if (odd.length) say(`changes level: ${odd.join(', ')} is a field of no template and not in the report`, undefined, c);
  }
}

const names = (organs: readonly string[], said: readonly string[]) => said.some((w) => organs.some((o) => sameOrgan(w, o)));

/** The template's fields (every field of the candidate, its empty ones too) and the organ words of each label, all and its own. */
function templateWords(all: readonly Clause[]) {
  const template = [...new Set(all.map((c) => c.field).filter((f): f is string => !!f))];
  const wordsOf = new Map(template.map((f) => [f, fieldWords(f)]));
  // A word of several fields' labels ("ligament" of the cruciate and of the collateral ligaments) names neither by itself.
  const fieldsNaming = new Map<string, number>();
  for (const f of template) for (const w of new Set(wordsOf.get(f))) fieldsNaming.set(w, (fieldsNaming.get(w) ?? 0) + 1);
  const ownWordsOf = new Map(template.map((f) => [f, wordsOf.get(f)!.filter((w) => fieldsNaming.get(w) === 1)]));
  return { wordsOf, ownWordsOf };
}

/** The words before clause `i` a pointing word may point to: the clause before and the one before that, in its section. */
/** Advice and nothing else ("Clinical correlation is recommended."). */
const adviceOnly = (c: Clause) => c.recommendation && !c.positive;

const sentenceBefore = (src: readonly Clause[], i: number) =>
  src
    .slice(Math.max(0, i - 2), i)
    .filter((x) => x.sectionIndex === src[i].sectionIndex)
    .map((x) => x.text)
    .join(' ');

// A sentence opening on a spinal level ("L2-L3 shows …", "At C5-6, …"): the sentences after it speak of that level.
const LEVEL_OPENING = /^(?:at\s+(?:the\s+)?)?[CTLS]\d{1,2}\b/i;
const SPINAL_LEVEL = /^[ctls]\d/i;

/**
 * Restructure: a sentence that leans on the one before it in the report ("However, it was …", "The
 * remaining masses …", `leansOn`), or goes on with the level the one before it opened ("L2-L3 shows … .
 * Spinal canal is patent.", the sentences on a "L5-S1:" line), stands right after that one in the rewrite
 * (or, for a level, on a line or under a field of that level): filed apart, it speaks of something else.
 * A level's run ends at a blank line or a sentence of another level; opened within a paragraph, also at one
 * naming another field's organ.
 */
function checkBound(
  text: string,
  src: readonly Clause[],
  candidate: readonly Clause[],
  all: readonly Clause[],
  sourceOf: ReadonlyMap<Clause, Clause>,
  say: (m: string, s?: Clause, c?: Clause) => void,
): void {
  const pairOf = new Map([...sourceOf].map(([c, s]) => [s, c]));
  const { ownWordsOf } = templateWords(all);
  const fieldLevels = (c: Clause) => (c.field ? readClause(`${c.field}:`, c, c.section, null).levels : []);
  const after = (s: Clause, p: Clause) => {
    const [c, cp] = [pairOf.get(s), pairOf.get(p)];
    if (!c || !cp) return true;
    // (Or after a sentence of the same words: two like sentences may pair crosswise.) Under the next field's
    // label it is filed apart, though it follows in the text ("Airways: … are thickened. Lungs: The thickening …").
    const before = candidate[candidate.indexOf(c) - 1];
    return (before === cp || (!!p.key && before?.key === p.key)) && !c.label.length && before.field === c.field;
  };
  // (A report read by level names several: one "T2" in a shoulder MRI opens no run.)
  const byLevel = new Set(src.flatMap((s) => s.levels.filter((l) => SPINAL_LEVEL.test(l)))).size > 1;
  let run: { levels: string[]; field: string | null; paragraph: boolean } | null = null;
  for (let i = 1; i < src.length; i++) {
    const [p, s] = [src[i - 1], src[i]];
    const c = pairOf.get(s);
    const opensParagraph = p.sectionIndex !== s.sectionIndex || BLANK_LINE.test(text.slice(p.end, s.start));
    const spinal = byLevel ? s.levels.filter((l) => SPINAL_LEVEL.test(l)) : [];
    if (opensParagraph || spinal.length) run = null;
    if (spinal.length && (opensParagraph || LEVEL_OPENING.test(stripListNumber(s.text))))
      run = { levels: spinal, field: pairOf.get(s)?.field ?? null, paragraph: opensParagraph };
    // (A sentence of another section the rewrite files under a findings field is held to it too.)
    if (!c || spinal.length || (s.section !== 'findings' && c.section !== 'findings')) continue;
    // A sentence of the whole spine or beyond it ends the level's run; within a paragraph of other sentences,
    // so does one naming an organ another field is for.
    const own = [...ownWordsOf].filter(([f]) => f !== run?.field).flatMap(([, w]) => w);
    if (run && (speaksBeyondLevel(s) || (!run.paragraph && names(own, s.words)))) run = null;
    const levels = s.headingLevels.length ? s.headingLevels : (run?.levels ?? []);
    const atLevel = [...c.levels, ...c.headingLevels, ...fieldLevels(c)].some((l) => levels.includes(l));
    if (levels.length && !atLevel && !after(s, p)) say(`moves "${clip(s.text, 60)}" away from its level (${levels.join(', ')})`, s, c);
    else if (
      p.sectionIndex === s.sectionIndex &&
      leansOn(s, sentenceBefore(src, i), ORGANS) &&
      !after(s, p) &&
      // Filed with it, or under the field its own words name ("The surrounding muscles …" under Muscles).
      c.field !== pairOf.get(p)?.field &&
      !(c.field && /^the\b/i.test(s.text) && names(fieldWords(c.field), s.words))
    )
      say(`moves "${clip(s.text, 60)}" away from "${clip(p.text, 60)}" it speaks on from`, s, c);
  }
}

const WHOLE_STUDY: ReadonlySet<string> = new Set(CUES.wholeStudy.map(stem));
/**
 * Impression of a report of two studies, each with its FINDINGS (a radiograph and an ultrasound): a time statement of the
 * whole study ("Overall findings are stable versus the most recent exam.") speaks of its own study's findings. Drafted
 * after another study's finding, it tells that one unchanged (r19i #19): it follows one of its own study or is refused.
 */
function checkStudyTimes(
  source: Report,
  src: readonly Clause[],
  written: readonly Clause[],
  restingOf: ReadonlyMap<Clause, Clause>,
  say: (m: string, s?: Clause, c?: Clause) => void,
): void {
  const starts = source.sections.flatMap((x, i) => (x.kind === 'findings' ? [i] : []));
  if (starts.length < 2) return;
  const study = (s: Clause) => starts.filter((i) => i <= s.sectionIndex).length;
  // (One naming no word rests on none: "Stable compared with the prior exam." is found by its words as written.)
  const asWritten = (c: Clause) => src.find((s) => squash(stripListNumber(s.text)) === squash(stripListNumber(c.text)));
  written.forEach((c, k) => {
    const s = restingOf.get(c) ?? asWritten(c);
    if (!s || !c.time.size || c.sides.size || c.levels.length || !c.words.every((w) => WHOLE_STUDY.has(w))) return;
    const before = k > 0 ? restingOf.get(written[k - 1]) : undefined;
    if (!before || study(before) !== study(s))
      say(`moves "${clip(c.text, 60)}" (a time word of one study) onto another study's findings`, s, c);
  });
}

/**
 * Restructure: a sentence stands under the field of the organ it speaks of. One that names another
 * field's organ and none of its own field's (nor stood under its label in the source) is misplaced.
 */
function checkPlacement(
  candidate: readonly Clause[],
  /** Every clause of the candidate, its empty fields too ("Collateral ligaments: [ ]"). */
  all: readonly Clause[],
  sourceOf: ReadonlyMap<Clause, Clause>,
  src: readonly Clause[],
  sourceHeadings: ReadonlySet<string | undefined>,
  say: (m: string, s?: Clause, c?: Clause) => void,
): void {
  const fields = [...new Set(candidate.map((c) => c.field).filter((f): f is string => !!f))];
  const { wordsOf, ownWordsOf } = templateWords(all);
  const labelOf = (f: string) => f.split(/[^a-z]+/).map(stem);
  for (const c of candidate) {
    if (!c.field) continue;
    const own = wordsOf.get(c.field)!;
    // Its words and its label; under its own field also the label or field it stood under in the report
    // ("Biometry:" of the fetal weight's line), which may name no organ of another field ("MRI brain:"),
    // and the words of its cues ("in both lungs").
    const source = sourceOf.get(c);
    const words = [...c.words, ...(source?.label ?? [])];
    const stoodUnder = [...(source?.heading ?? []), ...(source?.field ? fieldWords(source.field) : [])];
    const cueWords = squash(c.text.replace(LABEL_OPENING, '')).split(' ').map(stem);
    if (!own.length || names(own, [...words, ...stoodUnder, ...cueWords])) continue;
    // Right after what it leans on, in its field ("The lungs are clear. Specifically, no … pleural effusion."): a denial
    // speaks on from that sentence, wherever else its words point. (A finding it states is placed by its own words:
    // "… Specifically, there is a small pericardial effusion." under Lungs is misplaced: rev17 #4.)
    const i = source ? src.indexOf(source) : -1;
    const before = candidate[candidate.indexOf(c) - 1];
    if (
      !c.positive &&
      i > 0 &&
      before?.field === c.field &&
      sourceOf.get(before) === src[i - 1] &&
      src[i - 1].sectionIndex === source!.sectionIndex &&
      leansOn(source!, sentenceBefore(src, i), ORGANS, true)
    )
      continue;
    // A differential in brackets ("mosaic attenuation (small airway disease?)") places nothing; nor an organ after a
    // landmark ("extend to the mediastinal inlet", "mass effect on the lateral ventricle"), where the finding reaches
    // or presses, nor the part a word before "of" names of its whole ("posteromedial corner of the tibia").
    const aside = c.text
      .replace(/\([^()]*\?[^()]*\)/g, ' ')
      .replace(LANDMARK, ' ')
      .replace(PART_OF, ' ');
    const said = aside === c.text ? c.words : readClause(aside, c, c.section, c.field).words;
    // A kind of structure named after another organ's word ("nasal bones", "mastoid process") is that
    // organ's field's only when its label names that kind too; under its own field's kind ("Facial bones") never.
    const ownKinds = labelOf(c.field).filter((w) => STRUCTURES.has(w));
    const qualifies = (i: number, f: string) => {
      const next = said[i + 1] ?? '';
      return STRUCTURES.has(next) && (ownKinds.includes(next) || !labelOf(f).includes(next));
    };
    // A vessel or structure the label names with its own qualifier ("Coronary arteries") is another kind after another
    // organ's word: "the main pulmonary artery" on a cardiac CT is no coronary artery (its field is the extracardiac one).
    const otherKind = (i: number, f: string) => {
      const label = labelOf(f);
      const k = label.findIndex((w) => sameOrgan(said[i], w));
      const before = said[i - 1];
      const organWord = (w: string | undefined) => !!w && (LEANING_ORGANS.has(w) || GENERIC.has(w));
      return k > 0 && organWord(label[k - 1]) && organWord(before) && !sameOrgan(before, label[k - 1]);
    };
    // A word many organs share ("pulmonary" nodule, "spinal" canal) names no other field by itself; a heading
    // the report has itself ("FL/BPD:" kept on its line) is no other organ's field.
    const other = fields.find(
      (f) =>
        f !== c.field &&
        !sourceHeadings.has(f) &&
        names(ownWordsOf.get(f)!, [
          ...said.filter((w, i) => !GENERIC.has(w) && !qualifies(i, f) && !otherKind(i, f)),
          ...(source?.label ?? []).filter((w) => !GENERIC.has(w)),
        ]),
    );
    if (other) say(`places "${clip(c.text, 60)}" under ${c.field}, but it speaks of ${other}`, undefined, c);
  }
}

// A landmark cue and the words after it to the next comma, semicolon or full stop (cues.json landmarks).
const LANDMARK = new RegExp(`\\b(?:${CUES.landmarks.map((p) => p.replace(/ /g, '\\s+')).join('|')})\\b[^,;.]*`, 'gi');
// A word naming a part of the whole after "of": "corner of the tibia", "body of the pancreas", "neck of the gallbladder".
const PART_OF = /\b[A-Za-z]+(?=\s+of\s+(?:the\s+|its\s+|a\s+)?[A-Za-z])/g;

/**
 * Whether a quick fix (an AI suggestion replacing a span) may be offered: every clause it changes
 * says what some clause of the report already says (the fix of a side conflict takes the side the
 * findings give), it denies nothing the report states and says no "normal" over a significant finding.
 */
export function checkFix(text: string, edit: { start: number; end: number; newText: string }): VerifyReason[] {
  const after = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  const src = readText(text);
  const out = readText(after);
  const touched = (c: Clause, from: number, to: number) => c.start <= to && c.end >= from;
  const reasons: VerifyReason[] = [];
  const significant = src.filter((c) => c.significant);
  const changed = out.filter((c) => touched(c, edit.start, edit.start + edit.newText.length));
  for (const c of changed) {
    if (!c.words.length && !c.quantities.length) continue;
    const at = { start: c.start, end: c.end };
    if (globalNormal(c) && significant.length) {
      reasons.push({ message: `says nothing is wrong while the report states "${clip(significant[0].text)}"`, candidate: at });
      continue;
    }
    const kin = src.filter((s) => shareOf(c, s) >= RESTS_ON);
    if (kin.some((s) => changesOf(s, c).length === 0)) continue;
    const original = src.find((s) => touched(s, edit.start, edit.end)) ?? kin[0];
    const why = original ? changesOf(original, c)[0] : undefined;
    reasons.push({
      message: `the fix says what the report does not: ${why ?? `"${clip(c.text)}"`}`,
      source: original && { start: original.start, end: original.end },
      candidate: at,
    });
  }
  for (const s of src.filter((s) => s.significant && touched(s, edit.start, edit.end)))
    if (!changed.some((c) => shareOf(c, s) >= 0.5 || shareOf(s, c) >= KEPT_BY))
      reasons.push({ message: `the fix drops "${clip(s.text)}"`, source: { start: s.start, end: s.end } });
  return reasons;
}

/**
 * The clause a pointer ("this lesion", "these nodules", "the described mass") names its noun in, when the clause just
 * before `src[k]` does not: the nearest one of the same section, at most three back.
 */
function namedBefore(src: readonly Clause[], k: number, s: Clause, statesFinding: (c: Clause) => boolean): Clause[] {
  const noun = / (?:this|these|that|those|the described) ([a-z]{4,}) /.exec(` ${squash(s.text)} `)?.[1];
  if (!noun) return [];
  const root = stem(noun);
  const said = (c: Clause) => ` ${squash(c.text)} `.includes(` ${root}`);
  // ("This lesion", "this finding" name no finding of their own: further back, a clause stating one is what they point to.)
  const names = (c: Clause) => said(c) || (ANAPHORIC.has(noun) && c.positive && !c.normal);
  // (Nearest only: when the clause just before states a finding the core reads there, "this finding" is that one; a
  // remark stating none, "The V1 and V2 branches however can be identified.", is passed over.)
  if (said(src[k]) || (ANAPHORIC.has(noun) && names(src[k]) && statesFinding(src[k]))) return [];
  for (let j = k - 1; j >= Math.max(0, k - 3); j--) {
    if (src[j].sectionIndex !== s.sectionIndex) break;
    if (names(src[j])) return [src[j]];
  }
  return [];
}
