// Finding mentions: lexicon match (scan.ts), then assertion (assertion.ts), side and site bound to
// the mention's own phrase (place.ts), interpretations and measurements bound to their mention
// (binding.ts); and the denials a sentence's normal statements make.
import type { Report } from '../report/types';
import type { Side } from './types';
import { CONCEPT_BY_ID, CONCEPT_TRIES, type Concept } from './lexicon';
import { DIFFERENTIAL_LINKS, NOT_ACUTE, NO_NORMAL_STATEMENTS } from './grammar';
import { assertionOf, bySection } from './assertion';
import {
  alternatives,
  attachMeasurements,
  deniedInterpretation,
  inOtherSense,
  interpretedBy,
  onlyCommaBetween,
  refined,
  refinedAtSite,
} from './binding';
import { findMeasurements, isUpperBound, shortAxisMm } from './measurements';
import { normalStatementsIn } from './normal';
import { ownSide, placeOf } from './place';
import { gestationalWeeks } from './patient';
import { scanSentence, type SentenceWords } from './scan';
import type { Finding, Measurement } from './types';

// Where "status post X with Y" is the request's history, not today's Y (rev16 #5, rev17 #2).
const NOT_TODAY: ReadonlySet<string> = new Set(['history', 'exam', 'comparison', 'technique']);
const REQUEST_LABEL = /^\s*(?:reason|indications?|history|clinical(?: history| information)?)\b[^:.]{0,30}:/i;
import type { PhraseTrie } from './trie';
import lymphNodeSizes from './lexicon/lymph-node-sizes.json';
import pressures from './lexicon/pressures.json';
import { escapeRegExp } from '../report/regex';
import type { Word } from './words';

const NONE: Finding[] = [];

/**
 * The denials a sentence's normal statements make ("The lungs are clear" denies consolidation): one
 * absent finding per denied concept, spanning the statement. A concept the sentence names itself keeps
 * its own mention; one it names as present or possible makes the statement partial, so it denies nothing.
 */
function normalFindings(
  s: SentenceWords,
  sentenceIndex: number,
  findings: readonly Finding[],
  from: number,
  section: { kind: string } | undefined,
  sectionIndex: number,
): Finding[] {
  const statements = normalStatementsIn(s.words);
  if (statements.length === 0) return NONE;
  // This sentence's mentions are the last ones made (linear in the report).
  const own = findings.slice(from).filter((f) => f.sentenceIndex === sentenceIndex);
  const out: Finding[] = [];
  for (const st of statements) {
    if (own.some((f) => (f.assertion === 'present' || f.assertion === 'possible') && st.concepts.includes(f.concept))) continue;
    for (const id of st.concepts) {
      const concept = CONCEPT_BY_ID.get(id);
      if (!concept || own.some((f) => f.concept === id)) continue;
      const denial: Finding = {
        start: s.words[st.i].start,
        end: s.words[st.j - 1].end,
        finding: concept.name,
        concept: id,
        assertion: 'absent',
        side: st.side,
        site: [],
        section: (section?.kind ?? 'preamble') as Finding['section'],
        sectionIndex,
        sentenceIndex,
        measurements: [],
        critical: concept.critical,
        significant: concept.significant,
      };
      // Assigned, not spread into the literal (see the mentions' findings below); the same key order.
      if (concept.sex) denial.sex = concept.sex;
      denial.normal = st.kind;
      out.push(denial);
    }
  }
  return out;
}

// An estimated pressure above its limit is a finding of its own ("RVSP 45 mmHg": pulmonary hypertension), and so
// is a measured fraction below its limit ("LVEF 30%": reduced systolic function). The lower end of a range is read.
const ESTIMATES = [
  ...pressures.estimates.map((e) => ({
    pattern: new RegExp(
      String.raw`\b(?:estimated\s+)?(?:${e.words.map(escapeRegExp).join('|')})\b[^.;:\n]{0,40}?\b(\d{2,3})(?:\.\d+)?(?:\s*(?:-|to)\s*\d{2,3})?\s*mm\s*Hg\b`,
      'gi',
    ),
    concept: conceptNamed(e.concept),
    isFinding: (value: number) => value > e.aboveMmHg,
    otherOrgan: null,
    otherChamber: null,
  })),
  ...pressures.fractions.map((e) => ({
    pattern: new RegExp(
      String.raw`\b(?:${e.words.map(escapeRegExp).join('|')})\b:?[^.;:\n]{0,40}?(?<![\d.])(\d{1,2})(?:\.\d+)?(?:\s*%?\s*(?:-|–|to)\s*\d{1,2}(?:\.\d+)?)?\s*%`,
      'gi',
    ),
    concept: conceptNamed(e.concept),
    isFinding: (value: number) => value < e.belowPercent,
    otherOrgan: new RegExp(String.raw`\b(?:${e.otherOrgans.map(escapeRegExp).join('|')})\b`, 'i'),
    otherChamber: new RegExp(String.raw`\b(?:${e.otherChambers.map(escapeRegExp).join('|')})\b`, 'i'),
  })),
];
const OTHER_STUDY = new RegExp(String.raw`\b(?:${pressures.otherStudy.map(escapeRegExp).join('|')})\b`, 'gi');
// "Compared to the prior study": the other study is what today's value is measured against, not its source.
const COMPARISON_LEAD = new RegExp(
  String.raw`\b(?:${pressures.comparisonLeads.map(escapeRegExp).join('|')})\s+(?:(?:the|a|an|that)\s+)?$`,
  'i',
);

/** Does the text quote another study ("on the prior echo"), other than as what a value is compared with? */
function quotesOtherStudy(text: string): boolean {
  for (const m of text.matchAll(OTHER_STUDY)) if (!COMPARISON_LEAD.test(text.slice(0, m.index))) return true;
  return false;
}

/** The findings the sentence's estimated pressures state by their value alone. */
function pressureFindings(
  report: Report,
  sentence: { start: number; end: number },
  sentenceIndex: number,
  section: { kind: string } | undefined,
  sectionIndex: number,
): Finding[] {
  const text = report.text.slice(sentence.start, sentence.end);
  if (!/hg|%/i.test(text)) return NONE;
  const out: Finding[] = [];
  for (const e of ESTIMATES) {
    // "Gallbladder ejection fraction 32%" on a hepatobiliary scan is no heart's.
    if (e.otherOrgan?.test(text)) continue;
    for (const m of text.matchAll(e.pattern)) {
      if (!e.isFinding(Number(m[1]))) continue;
      // Another chamber's fraction ("RV EF 30%") in the value's own clause; "LVEF 25%, RV function normal" is the LV's.
      const end = m.index + m[0].length;
      if (e.otherChamber?.test(text.slice(0, end).split(/[,;]/).pop() ?? '')) continue;
      // A value quoted from another study ("RVSP was 40 mmHg on that study", "on the prior echo, the RVSP was
      // 45 mmHg") is that study's finding; one compared with it ("compared to the prior study, the RVSP has
      // increased to 55 mmHg") is today's. After the value, only up to the next clause, aside or number ("55 mmHg,
      // up from 40 mmHg on the prior", "55 mmHg (previously 30 mmHg)").
      const rest = text.slice(end);
      const stop = rest.search(/[,;(]|\d/);
      const quoted = quotesOtherStudy(text.slice(0, end)) || quotesOtherStudy(stop < 0 ? rest : rest.slice(0, stop));
      const own = quoted ? { assertion: 'historical' as const } : bySection({ assertion: 'present' }, section?.kind);
      const f: Finding = {
        start: sentence.start + m.index,
        end: sentence.start + end,
        finding: e.concept.name,
        concept: e.concept.id,
        assertion: own.assertion,
        side: null,
        site: [],
        section: (section?.kind ?? 'preamble') as Finding['section'],
        sectionIndex,
        sentenceIndex,
        measurements: [],
        critical: e.concept.critical,
        significant: e.concept.significant,
      };
      out.push(f);
    }
  }
  return out;
}

/** Does the finding's own phrase call it old ("remote lacunar infarct", "chronic cholecystitis")? */
function oldNews(s: SentenceWords, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (NOT_ACUTE.has(s.words[k].norm)) return true;
  return false;
}

// Lymph-node stations and the short axis up to which their nodes are normal (sources in the data).
const NODE_SIZES = {
  adenopathy: conceptNamed(lymphNodeSizes.adenopathy),
  node: conceptNamed(lymphNodeSizes.node),
  subcentimeter: new RegExp(String.raw`\b(?:${lymphNodeSizes.subcentimeterWords.map(escapeRegExp).join('|')})\b`, 'i'),
  keep: new RegExp(String.raw`\b(?:${lymphNodeSizes.keepWords.map(escapeRegExp).join('|')})\b`, 'i'),
  stations: lymphNodeSizes.stations.map((st) => ({
    words: new RegExp(String.raw`\b(?:${st.words.map(escapeRegExp).join('|')})\b`, 'gi'),
    normalUpToMm: st.normalUpToMm,
  })),
};
function conceptNamed(id: string): Concept {
  const c = CONCEPT_BY_ID.get(id);
  if (!c) throw new Error(`lymph-node-sizes.json: unknown concept '${id}'`);
  return c;
}

/**
 * "Subcentimeter mesenteric lymphadenopathy", "external iliac adenopathy measuring up to 7 mm": adenopathy
 * the report itself measures at or under its station's normal short axis is a lymph node, not adenopathy;
 * unless the clause calls it necrotic, conglomerate, pathological or the like.
 */
function nodeAtNormalSize(f: Finding, report: Report): boolean {
  if (f.concept !== NODE_SIZES.adenopathy.id) return false;
  const read = stationOf(f, report);
  // Of no listed station, adenopathy stays as the radiologist wrote it.
  if (!read || read.limitMm === null || NODE_SIZES.keep.test(read.clause)) return false;
  const limit = read.limitMm;
  const sizes = f.measurements.map((m) => shortAxisMm(m)).filter((mm): mm is number => mm !== null);
  if (sizes.length) return Math.max(...sizes) <= limit;
  return limit >= 9 && NODE_SIZES.subcentimeter.test(read.clause);
}

/** The clause of a node mention and the smallest normal short axis of the stations it names (null: none named). */
function stationOf(f: Finding, report: Report): { clause: string; limitMm: number | null } | null {
  const sentence = report.sentences[f.sentenceIndex];
  if (!sentence) return null;
  const text = report.text;
  const before = text.slice(sentence.start, f.start);
  const from = sentence.start + Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1;
  const after = text.slice(f.end, sentence.end).search(/[;]/);
  const clause = text.slice(from, after < 0 ? sentence.end : f.end + after);
  let rest = clause;
  let limitMm: number | null = null;
  for (const st of NODE_SIZES.stations) {
    const left = rest.replace(st.words, ' ');
    if (left !== rest) limitMm = Math.min(limitMm ?? Infinity, st.normalUpToMm);
    rest = left;
  }
  return { clause, limitMm };
}

/**
 * "Lymph nodes, the largest 17 x 12 mm": a short axis at the concept's threshold makes it the more specific
 * concept; a lymph node of a named station is enlarged only past that station's normal short axis ("two
 * small external iliac lymph nodes up to 1.0 cm" are nodes; a 9 mm internal iliac node is adenopathy).
 */
function refineAtSize(f: Finding, report: Report): void {
  const text = report.text;
  if (nodeAtNormalSize(f, report)) {
    const to = NODE_SIZES.node;
    Object.assign(f, { concept: to.id, finding: to.name, critical: to.critical, significant: to.significant });
    return;
  }
  const rules = CONCEPT_BY_ID.get(f.concept)?.refineAtSize;
  if (!rules?.length) return;
  const size = Math.max(0, ...f.measurements.map((m) => (isUpperBound(text, m) ? 0 : (shortAxisMm(m) ?? 0))));
  const limitMm = f.concept === NODE_SIZES.node.id ? stationOf(f, report)?.limitMm : null;
  const rule =
    limitMm !== null && limitMm !== undefined
      ? size > limitMm
        ? rules.find((r) => r.concept === NODE_SIZES.adenopathy.id)
        : undefined
      : rules.find((r) => size >= r.shortAxisMm);
  const to = rule && CONCEPT_BY_ID.get(rule.concept);
  if (to) Object.assign(f, { concept: to.id, finding: to.name, critical: to.critical, significant: to.significant });
}

/** "Lymph nodes: none enlarged": a concept that names an organ too, as the label that opens a line, is a heading. */
function asHeading(s: SentenceWords, m: { i: number; j: number; concept: Concept }): boolean {
  return m.concept.flags.includes('heading') && m.i === 0 && s.words[m.j]?.norm === ':';
}

// "BI-RADS 5: Highly suggestive of malignancy", "BI-RADS 6: Known biopsy-proven malignancy": the words right
// after a category are its label, which names no finding of this report (the category is read on its own).
const CATEGORY_LABEL_BEFORE = /\b(?:BI|Lung|TI|LI|PI|O)-?RADS\b[^.\n]{0,25}?\b[0-6][ABC]?\s*[:\-\u2013\u2014(]\s*(?:[\w-]+\s+){0,3}$/i;
function categoryLabel(report: Report, s: SentenceWords, i: number): boolean {
  const at = s.words[i].start;
  const before = report.text.slice(Math.max(0, at - 70), at);
  // Nearly no stretch names a category: the literal test first, the anchored pattern only then.
  return /rads/i.test(before) && CATEGORY_LABEL_BEFORE.test(before);
}

/** Every finding mention of the report, in text order. */
export function extractFindings(
  report: Report,
  words: readonly Word[],
  contexts: readonly string[],
): { findings: Finding[]; measurements: Measurement[] } {
  const contextTries = contexts.map((c) => CONCEPT_TRIES.byContext.get(c)).filter((t): t is PhraseTrie<{ concept: Concept }> => !!t);
  const findings: Finding[] = [];
  const normals: Finding[] = [];
  // Findings that matter only from some week of gestation, with that week (a breech fetus near term).
  const byGestation: [Finding, number][] = [];
  let w0 = 0;
  report.sentences.forEach((sentence, sentenceIndex) => {
    while (w0 < words.length && words[w0].start < sentence.start) w0++;
    let w1 = w0;
    while (w1 < words.length && words[w1].end <= sentence.end) w1++;
    const s = scanSentence(words.slice(w0, w1), contextTries);
    const section = report.sections[sentence.section];
    // "Reason: s/p fall with subdural hematoma": what an operation or event comes "with" is today's except in the
    // request's history (rev16 #5): a history, exam, comparison or technique section, or a line labelled as the reason.
    // An unheaded paragraph of findings before the impression tells today's (rev17 #2).
    const today =
      !(section && NOT_TODAY.has(section.kind)) && !((!section || section.kind === 'preamble') && REQUEST_LABEL.test(sentence.text));
    const places: { side: Side | null; site: string[]; phraseEnd: number }[] = [];
    // Per mention, its finding (none for a term used in another sense).
    const byMention: (Finding | undefined)[] = [];
    const firstOfSentence = findings.length;
    for (const [index, mention] of s.mentions.entries()) {
      const place = placeOf(s, mention);
      const concept = refinedAtSite(refined(s, mention, place.phraseStart), place.site);
      const m = { i: mention.i, j: mention.j, concept, negatedInside: mention.negatedInside };
      if (!place.side) place.side = ownSide(s, m);
      // "Left basilar opacity, likely atelectasis": the interpretation shares the place of what it interprets.
      const assertion = assertionOf(s, m, today);
      const prevEnd = index > 0 ? Math.max(s.mentions[index - 1].j, places[index - 1].phraseEnd) : 0;
      // "Left basilar opacity, atelectasis versus infiltrate": a hedged apposition interprets what it follows.
      const antecedent =
        index > 0 && (interpretedBy(s, prevEnd, m) || (assertion.assertion === 'possible' && onlyCommaBetween(s, prevEnd, m.i)));
      if (antecedent && !place.side && places[index - 1].side) place.side = places[index - 1].side;
      if (antecedent && place.site.length === 0) place.site = [...places[index - 1].site];
      places.push(place);
      if (inOtherSense(s, mention) || asHeading(s, mention) || categoryLabel(report, s, mention.i)) {
        byMention.push(undefined);
        continue;
      }
      const own = { ...bySection(assertion, section?.kind) };
      const prev = byMention[index - 1];
      // "No focal consolidation is seen to suggest pneumonia": what a denied finding would suggest is denied too.
      if (prev && prev.assertion === 'absent' && deniedInterpretation(s, s.mentions[index - 1].j, m.i, place.phraseStart))
        own.assertion = 'absent';
      // "atelectasis or pneumonia": alternatives are each possible.
      if (
        prev &&
        own.assertion === 'present' &&
        prev.assertion === 'present' &&
        alternatives(s, s.mentions[index - 1].j, m.i, undefined, place.phraseStart)
      ) {
        own.assertion = prev.assertion = 'possible';
        own.hedge = prev.hedge = 'differential';
      }
      // "could represent a hemorrhagic cyst versus abscess": hedged alternatives are one differential.
      if (
        prev &&
        own.assertion === 'possible' &&
        prev.assertion === 'possible' &&
        alternatives(s, s.mentions[index - 1].j, m.i, DIFFERENTIAL_LINKS, place.phraseStart)
      )
        own.hedge = prev.hedge = 'differential';
      // Key by key, in the order a spread of `own` gave them (hedge and sex only when set): V8 builds a
      // literal with a spread among other keys some twenty times slower, and every mention makes one.
      const finding = { start: s.words[m.i].start, end: s.words[m.j - 1].end, finding: m.concept.name, concept: m.concept.id } as Finding;
      finding.assertion = own.assertion;
      if ('hedge' in own) finding.hedge = own.hedge;
      finding.side = place.side;
      finding.site = place.site;
      finding.section = section?.kind ?? 'preamble';
      finding.sectionIndex = sentence.section;
      finding.sentenceIndex = sentenceIndex;
      finding.measurements = [];
      finding.critical = m.concept.critical && !assertion.known && !oldNews(s, place.phraseStart, m.i) ? m.concept.critical : null;
      // The grade may be the term's own first word ("moderate TR" is one abbreviation).
      finding.significant = m.concept.significant || gradedUp(s, place.phraseStart, m.j, m.concept.significantWhen);
      if (m.concept.significantFromWeek && !m.concept.significant) byGestation.push([finding, m.concept.significantFromWeek]);
      if (m.concept.sex) finding.sex = m.concept.sex;
      byMention.push(finding);
      findings.push(finding);
    }
    // A pressure the sentence names in words of its own is read from those words.
    for (const p of pressureFindings(report, sentence, sentenceIndex, section, sentence.section))
      if (!findings.some((f) => f.sentenceIndex === sentenceIndex && f.concept === p.concept)) normals.push(p);
    if (!NO_NORMAL_STATEMENTS.has(section?.kind ?? ''))
      for (const denial of normalFindings(s, sentenceIndex, findings, firstOfSentence, section, sentence.section)) normals.push(denial);
    w0 = w1;
  });
  const measurements = findMeasurements(report.text);
  attachMeasurements(findings, measurements, report.sentences, report);
  for (const f of findings) refineAtSize(f, report);
  if (byGestation.length) {
    const weeks = gestationalWeeks(report.text);
    for (const [f, from] of byGestation) if (weeks !== null && weeks >= from) f.significant = true;
  }
  if (normals.length === 0) return { findings, measurements };
  // Normal statements carry no measurements; merged into text order after the attachment.
  return { findings: inTextOrder(findings, normals), measurements };
}

/** A grade of the concept's `significantWhen` among the words of the mention's phrase up to its end. */
function gradedUp(s: { words: readonly { norm: string }[] }, from: number, to: number, grades: readonly string[]): boolean {
  if (!grades.length) return false;
  for (let k = from; k < to; k++) if (grades.includes(s.words[k].norm)) return true;
  return false;
}

const textOrder = (a: Finding, b: Finding) => a.sentenceIndex - b.sentenceIndex || a.start - b.start;
const sorted = (list: readonly Finding[]) => list.every((f, i) => i === 0 || textOrder(list[i - 1], f) <= 0);
/**
 * Mentions and denials in text order, as a stable sort of the two would give them (mentions first on a
 * tie): a merge, as both lists nearly always come in order already (the sort cost more than some rules).
 */
function inTextOrder(findings: Finding[], normals: Finding[]): Finding[] {
  if (!sorted(findings) || !sorted(normals)) return [...findings, ...normals].sort(textOrder);
  const all: Finding[] = [];
  let a = 0;
  let b = 0;
  while (a < findings.length && b < normals.length) all.push(textOrder(findings[a], normals[b]) <= 0 ? findings[a++] : normals[b++]);
  while (a < findings.length) all.push(findings[a++]);
  while (b < normals.length) all.push(normals[b++]);
  return all;
}
