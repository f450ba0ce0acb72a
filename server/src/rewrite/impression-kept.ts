// What the impression draft keeps beside its drafted items, so that it never drops what the report
// says: the report's sentences that state a significant finding no item accounts for, those that state
// a reading or a change the findings core reads no finding in, and the old impression's statements (a
// diagnosis, a recommendation, a call, a denial by name) no item carries in full, as written.
import { z } from 'zod';
import { CONCEPT_BY_ID, type Finding, type Understanding } from '../nlp';
import { runInAt } from '../report/run-in';
import keptData from './impression-kept.json';
import { CUES, GENERIC, findingHeads, partsUnsaid, readClause, readText, type Clause } from './clauses';
import { dropsOf, polarityLostBy, shareOf } from './clause-changes';
import type { NumberedItem, Report, Section } from '../report/types';
import { firstWord, placeBeforeBreak, tidy, windowOf, type Clauses } from './impression-excerpt';
import { stripListNumber } from './list-number';
import { adviceKindOf } from './advice';
import { sentenceKind } from '../templates/sentence-kinds';
import { readCategories } from '../guidelines/rads/index';
import { BLANK_LINE, escapeRegExp } from '../report/regex';
import { knownSectionKind } from '../report/sections';
import { organsNamed } from '../nlp/organs';
import { wordsOf } from '../nlp/words';

export interface ImpressionItem {
  text: string;
  /** The finding mentions the statement sums up, first the one it is written from. */
  findings: Finding[];
}

/**
 * Where a draft of nothing looks before it says "no acute …": every section but the exam title, the
 * history and the impression (a FINDINGS header run into "COMPARISON: None FINDINGS: …" is read too).
 */
export function statedSections(report: Report): number[] {
  return report.sections.flatMap((s, i) => (['exam', 'history', 'impression'].includes(s.kind) ? [] : [i]));
}

/**
 * The sections whose findings the impression sums up: FINDINGS; else an INTERPRETATION the report sums
 * up under a later IMPRESSION (only the last impression-like section is the one the draft replaces);
 * else the body of a report without headers.
 */
export function findingsSections(report: Report): number[] {
  const out: number[] = [];
  report.sections.forEach((s, i) => s.kind === 'findings' && out.push(i));
  if (out.length) return out;
  const last = report.sections.map((s) => s.kind).lastIndexOf('impression');
  report.sections.forEach((s, i) => s.kind === 'impression' && i < last && out.push(i));
  if (out.length) return out;
  report.sections.forEach((s, i) => (s.kind === 'preamble' || s.kind === 'other') && out.push(i));
  return out;
}

const KeptSchema = z.object({
  note: z.string(),
  conclusions: z.array(z.string().min(1)),
  changes: z.array(z.string().min(1)),
  caveats: z.array(z.string().min(1)),
  alteredNormals: z.array(z.string().min(1)),
  plainNormals: z.array(z.string().min(1)),
  technique: z.array(z.string().min(1)),
  scenes: z.array(z.string().min(1)),
  verdicts: z.array(z.string().min(1)),
  signOffs: z.array(z.string().min(1)),
  lesionCategories: z.array(z.string().min(1)),
  instructions: z.array(z.string().min(1)),
  proceedings: z.array(z.string().min(1)),
  limits: z.array(z.string().min(1)),
});
const KEPT = KeptSchema.parse(keptData);
for (const phrase of KEPT.conclusions)
  if (!CUES.hedges.some((h) => h.phrase === phrase)) throw new Error(`impression-kept.json: "${phrase}" is no hedge of cues.json`);
for (const time of KEPT.changes) if (!(time in CUES.time)) throw new Error(`impression-kept.json: "${time}" is no time of cues.json`);
// (Each a category system the verifier reads as a grade: cues.json `grades`, by its name or as an "…-RADS" or LI-RADS's "LR-".)
for (const system of KEPT.lesionCategories)
  if (!/rads$|^lr$/.test(system.replace(/-/g, '')) && !(system in CUES.grades))
    throw new Error(`impression-kept.json: "${system}" is no category system of cues.json grades`);
const CONCLUSIONS = new Set(KEPT.conclusions);
const ALTERED_NORMAL = new RegExp(`\\b(?:${KEPT.alteredNormals.map(escapeRegExp).join('|')})\\b`, 'i');
/** "Reversal of the normal cervical curvature": a finding, though it says "normal". */
export const altersNormal = (text: string) => ALTERED_NORMAL.test(text);
// A finding by the cue words' own name ("lesion", "collapse", "effusion"), not a grade alone ("a moderate-size vessel").
const FINDING_WORD = new RegExp(`\\b(?:${CUES.significant.map(escapeRegExp).join('|')})`, 'i');
// "The small and large bowel loops are normal, without obstruction, wall thickening …": a normal statement, whatever the cue words read in its list.
const NORMAL_WORDS = new RegExp(`\\b(?:${CUES.normal.map(escapeRegExp).join('|')})\\b`, 'i');
// "No pneumothorax, pleural effusion or suspicious focal air space opacity": a denial, whatever its hedge.
const DENIES = /^\s*(?:no|without|negative for)\b/i;
const TECHNIQUE = new RegExp(`\\b(?:${KEPT.technique.map(escapeRegExp).join('|')})\\b`, 'i');
const PLAIN_NORMAL = new RegExp(`\\b(?:${KEPT.plainNormals.map(escapeRegExp).join('|')})\\b`, 'i');
const CAVEAT = new RegExp(`\\b(?:${KEPT.caveats.map(escapeRegExp).join('|')})\\b`, 'i');
const VERDICT = new RegExp(`(?<![a-z])(?:${KEPT.verdicts.map(escapeRegExp).join('|')})(?![a-z])`, 'i');
const SIGN_OFF = new RegExp(`\\b(?:${KEPT.signOffs.map(escapeRegExp).join('|')})\\b`, 'i');
// "The patient tolerated the procedure well", "Report was saved to PACS": how the procedure went, no finding of the patient.
const PROCEEDING = new RegExp(`(?<![a-z])(?:${KEPT.proceedings.map(escapeRegExp).join('|')})(?![a-z])`, 'i');
// "The distal LAD could not be evaluated", "The pancreas is obscured by bowel gas": a part the study could not judge.
const LIMIT = new RegExp(`(?<![a-z])(?:${KEPT.limits.map(escapeRegExp).join('|')})(?![a-z])`, 'i');

/**
 * A category of a system that grades one lesion, said alone ("TI-RADS 4.", "ACR TI-RADS TR5.", "Bosniak IIF.", "LR-5."):
 * the finding's before it. Not an exam's category ("Lung-RADS 4A.", "BI-RADS 4."), which grades all its lesions.
 */
export const LESION_CATEGORY_ONLY = new RegExp(
  `^\\s*(?:acr\\s+)?(?:${KEPT.lesionCategories.map(escapeRegExp).join('|')})(?:\\b|(?=-?\\d))`,
  'i',
);

const INSTRUCTION = new RegExp(`\\b(?:${KEPT.instructions.map(escapeRegExp).join('|')})\\b`, 'i');
/** What the patient was told to watch for ("… was instructed to call for fever, new weakness …"): no finding of the patient. */
export const instructsPatient = (text: string) => INSTRUCTION.test(text);

/** A statement of something told as changed since the prior study ("There is a new 8 mm nodule", "The effusion has increased"). */
export const statesChange = (c: Clause) => c.positive && KEPT.changes.some((t) => c.time.has(t));
/** How the procedure went or where its report went, graded nothing and named no finding: never an item. */
const proceeds = (c: Clause) => PROCEEDING.test(c.text) && !c.significant && !c.severity.length;
/** "The distal LAD could not be evaluated because of motion artifact": what the study could not judge, not a denial ("No mass is seen"). */
const limitOf = (c: Clause) => LIMIT.test(c.text) && !DENIES.test(c.text);

/** The reader's attestation or the dictation's trailer ("I have personally reviewed the images and agree …"): no statement of the patient. */
const signsOff = (text: string) => SIGN_OFF.test(text);

// A full stop with no space after it before a number or a capital ("transcribed above.45-year-old female …"):
// the dictation ran the next text into the sentence.
const RUN_TOGETHER = /(?<=[a-z)])\.(?=[0-9A-Z])/;

/**
 * "I have personally reviewed the images and agree with the report.": the old impression's attestation, as
 * written up to any text the dictation ran into it, for the line after the draft's items (never an item).
 * Null when the old impression has none.
 */
export function signOffOf(impression: Section, clauses: Clauses): string | null {
  const said = clauses.all.find((c) => c.start >= impression.body.start && c.start < impression.body.end && signsOff(c.text));
  return said ? asWritten(said.text.split(RUN_TOGETHER)[0]) : null;
}
// "When examined in the lung parenchyma window", "When both lung parenchyma windows are evaluated", "On the post-contrast images", "In the mediastinal window",
// "On sagittal reformats", "As far as can be seen": how the images were looked at, with no finding in it.
const SCENE = new RegExp(
  `^(?:(?:when|as|once)\\s+(?:it\\s+(?:is|was)\\s+)?(?:examined|evaluated|viewed|assessed|reviewed|looked at)\\b[^.;:,]*\\b(?:${KEPT.scenes.map(escapeRegExp).join('|')})|(?:when|as|once)\\s+[^.;:,\\d]{0,40}\\b(?:${KEPT.scenes.map(escapeRegExp).join('|')})\\s+(?:is|are|was|were)\\s+(?:examined|evaluated|viewed|assessed|reviewed|looked at)|(?:on|in|at)\\s+(?:the\\s+)?[^.;:,\\d]{0,40}\\b(?:${KEPT.scenes.map(escapeRegExp).join('|')})|as far as (?:can be|it can be|could be|is)\\s+(?:seen|observed|evaluated|assessed|visualized))\\b(?:\\s+(?:obtained|acquired|performed|taken|provided|available|examined|evaluated|reviewed))?$`,
  'i',
);

/**
 * Whether a statement only tells how the images were looked at: an opening clause cut from what it introduces, no
 * finding. Only a participle may follow the scene ("On the images obtained"): "In the arterial phase there is
 * hyperenhancement" states what the lexicon does not know, and is kept.
 */
export function setsTheScene(text: string): boolean {
  const t = stripListNumber(text)
    .trim()
    .replace(/[.;:\s]+$/, '');
  return SCENE.test(t) && !readClause(t, { start: 0, end: t.length }, 'findings', null).significant;
}
// A sentence that qualifies the one before it: "However, it should be known that CT may be false negative …".
const QUALIFIES = /^(?:however|but|although|nevertheless)\b/i;

/**
 * The findings' caveats on what the exam can show ("CT may be false negative in the first few days"), as
 * written: with the statement they qualify ("No signs of infection were detected. However, …") and the
 * advice that follows ("Clinical and laboratory evaluation will be appropriate."). A draft's "no acute …"
 * never stands without its caveat.
 */
export function caveatItems(report: Report, items: readonly ImpressionItem[]): ImpressionItem[] {
  const sections = new Set(findingsSections(report));
  const out: ImpressionItem[] = [];
  report.sentences.forEach((s, i) => {
    if (!sections.has(s.section) || !CAVEAT.test(s.text)) return;
    const sameSection = (j: number) => report.sentences[j]?.section === s.section;
    const first = QUALIFIES.test(s.text.trim()) && sameSection(i - 1) ? i - 1 : i;
    let last = i;
    while (sameSection(last + 1) && adviceKindOf(report.sentences[last + 1].text)) last++;
    const text = tidy(report.text.slice(report.sentences[first].start, report.sentences[last].end));
    if (text && ![...items, ...out].some((item) => item.text.includes(text))) out.push({ text, findings: [] });
  });
  return out;
}

// A category said as a sentence of its own ("Lung-RADS 4A.", "BI-RADS 4.", "CAD-RADS 3.", "LR-5."), of any system.
const CATEGORY_ALONE = /^\s*(?:(?:overall|final)\s+)?(?:acr\s+)?(?:[a-z]{1,4}-?rads|bosniak|lr-?\d)\b/i;

/**
 * An exam's category said alone in the findings ("Lung-RADS 4A." after two nodules, "BI-RADS 4." after a mass and a
 * node) that no item says: an item of its own, as written. It grades all the lesions before it, so it is pinned on
 * none; a lesion's category ("TI-RADS 4.") goes with its finding's item instead (impression.ts).
 */
export function categoryItems(report: Report, items: readonly ImpressionItem[]): ImpressionItem[] {
  const sections = new Set(findingsSections(report));
  const out: ImpressionItem[] = [];
  const said = (phrase: string) => [...items, ...out].some((item) => item.text.toLowerCase().includes(phrase.toLowerCase()));
  for (const s of report.sentences) {
    const text = tidy(s.text);
    if (!sections.has(s.section) || !text || LESION_CATEGORY_ONLY.test(text)) continue;
    if (CATEGORY_ALONE.test(text) && text.split(/\s+/).length <= 12) {
      if (!said(text.replace(/[.\s]+$/, ''))) out.push({ text, findings: [] });
      continue;
    }
    // A lesion of category 3 or more in any system ("…, with a PI-RADS v2 score of 3", "LR-4 observation", "Bosniak III
    // cyst") is never left out: its sentence, as written, where no item says that category of it.
    const high = highCategories(text);
    if (high.length && !high.every(said)) out.push({ text, findings: [] });
  }
  return out;
}
// A category of 3 or more (a lesion that needs more than routine follow-up), of a system the RADS data holds, as its
// reader finds it wherever the report writes it ("PI-RADS assessment category 4", "O-RADS US 4", "LI-RADS v2018 LR-4",
// "BI-RADS category 4A", "Lung-RADS 4B", "TI-RADS TR4"): its rank in the data says how high.
// Bosniak and the systems the data does not hold ("CAD-RADS 3", "O-RADS MRI 4") by their shape.
const OTHER_HIGH_CATEGORY =
  /\b(?:(?:[a-z]{1,4}-?rads)(?:\s+(?:us|mri|ct))?(?:\s+v\s?\d(?:\.\d)?|\s+version\s+\d)?(?:\s+(?:score|category|assessment|classification)){0,2}(?:\s+(?:of|is|=|:))?\s*(?:[3-6][a-c]?|m)\b|bosniak(?:\s+(?:category|class|type))?\s+(?:iif|iii|iv|2f|3|4)\b)/gi;

/** The categories of 3 or more the text writes, each as written. */
export function highCategories(text: string): string[] {
  const read = readCategories(text);
  const high = read.filter((m) => (m.category.rank ?? 0) >= 3).map((m) => text.slice(m.start, m.end));
  // By shape only where the data's reader read nothing: its rank decides ("PI-RADS 5" once; an "O-RADS US 3" it ranks low stays low).
  const byShape = [...text.matchAll(OTHER_HIGH_CATEGORY)].filter(
    (m) => !read.some((r) => r.start < m.index + m[0].length && m.index < r.end),
  );
  return [...high, ...byShape.map((m) => m[0])];
}

/**
 * The impression run into the findings after them (a report with no IMPRESSION header): read as the old
 * impression, so that its statements are kept like one's.
 */
export function runInImpression(report: Report): Section | undefined {
  if (report.sections.some((s) => s.kind === 'impression')) return undefined;
  for (const i of findingsSections(report)) {
    const s = report.sections[i];
    const at = runInAt(report.text.slice(s.body.start, s.body.end));
    if (at >= 0) return { ...s, body: { start: s.body.start + at, end: s.body.end } };
  }
  // Else a list typed with no marks at all after the findings' last full stop ('… L1 vertebral body. Tracheostomy
  // cannula Pacemaker in anterior thoracic wall Atherosclerosis …'): the radiologist's own list, read the same way.
  for (const i of findingsSections(report)) {
    const s = report.sections[i];
    const last = report.sentences.filter((x) => x.section === i && x.start > s.body.start).at(-1);
    if (last && runTogetherParts(last.text).length >= 3) return { ...s, body: { start: last.start, end: s.body.end } };
  }
  return undefined;
}

// "Emphysema Nodule in the right lower lobe Coronary artery atherosclerosis": a list typed with nothing between its members
// but the capital that opens each. (Not a name after a word that leads into one: "consistent with Chiari", "by Dr Smith".)
const RUN_TOGETHER_AT = /(?<=[a-z0-9)])(?<!\b(?:of|with|and|or|the|a|an|to|in|by|for|from|at|on|dr|mr|mrs|ms)) (?=[A-Z][a-z])/;
const RUN_TOGETHER_ALL = new RegExp(RUN_TOGETHER_AT.source, 'g');

/** The members of such a list (three at least), else the text alone. */
export function runTogetherParts(text: string): string[] {
  const body = text.replace(/[.\s]+$/, '');
  const marks = (body.match(RUN_TOGETHER_ALL) ?? []).length;
  if (/[.,;:?!"\u201c\u201d]/.test(body) || marks < 2) return [text];
  // (Written in words, not in title case: "Fetal Cardiac Activity" is one heading.)
  if ((body.match(/(?:^|\s)[a-z]/g) ?? []).length < marks) return [text];
  return body.split(RUN_TOGETHER_AT).map((part) => part.trim());
}

// A spine level opening a line: "L4-5:", "At C5-6,", "2. L5-S1 -".
const LEVEL_LINE = /^\s*(?:\d+[.)]\s+)?(?:at\s+)?[CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?\b/i;

/** The words of the statement before this sentence on a line that opens on a spine level, as an item would say them; else ''. */
function levelStatementBefore(report: Report, sentence: { start: number; section: number }): string {
  const at = report.sentences.findIndex((x) => x.start === sentence.start);
  const prev = report.sentences[at - 1];
  if (!prev || prev.section !== sentence.section || report.text.slice(prev.end, sentence.start).includes('\n')) return '';
  const lineStart = report.text.lastIndexOf('\n', prev.start) + 1;
  if (!LEVEL_LINE.test(report.text.slice(lineStart, prev.end))) return '';
  // (Its last words: the item may have dropped the label or the opening "There is".)
  return tidy(prev.text)
    .replace(/[.\s]+$/, '')
    .slice(-40);
}

// A measure under its name: "Calcium score: 88.", "LVEF: 35%.", "Agatston score 0.", "Ejection fraction of 55%".
const LABELLED_VALUE =
  /^\s*(?:\d+[.)]\s+)?[A-Za-z][A-Za-z ()/-]{1,40}?(?:\s*:\s*|\s+(?:of\s+|is\s+|was\s+|=\s*)?)[<>~\u2248\u2264\u2265]?\s*\d[\d.,]*\s*(?:%|mm|cm|ml|mL|HU|AU|units?)?\.?\s*$/;

// A lead line that opens a list ("Single vessel coronary artery analysis:", "CORONARY ARTERIES:"): the body's last line.
const LEAD_IN = /(?:^|\n)[^\n.]*:\s*$/;

/**
 * The impression with the labelled list its lead line opens ("Single vessel coronary artery analysis:" then "LM: …",
 * "LAD: …"), which the report reader takes for sections of their own: each labelled item is the impression's, kept with
 * its label, and the draft replaces them with it (a draft that does not keep them is refused, not offered with the list
 * cut from its lead). An impression that ends on no lead line (or is followed by no such labels) is as it stands.
 */
export function withItsLabelledList(report: Report, impression: Section): Section {
  const at = report.sections.indexOf(impression);
  const body = report.text.slice(impression.body.start, impression.body.end);
  // (An empty impression before "RECOMMENDATIONS:" or "ADDENDUM:" opens no list: only a lead line written in it does.)
  if (at < 0 || !body.trim() || !LEAD_IN.test(body)) return impression;
  let last = at;
  // Up to the first section the report names ("RECOMMENDATIONS:", "ADDENDUM:"), which is no label of the list and stays
  // where it stands, after the draft.
  const label = (s: Section | undefined) => s?.kind === 'other' && !!s.header && !knownSectionKind(s.header.name);
  while (label(report.sections[last + 1])) last++;
  if (last === at) return impression;
  const end = report.sections[last];
  return { ...impression, end: end.end, body: { start: impression.body.start, end: end.body.end } };
}

/**
 * The findings' advice no item carries ("Clinical and laboratory evaluation will be appropriate."), as
 * written: after the item that says the sentence before it, which it speaks of, else an item of its own.
 * (A draft of nothing keeps only the advice that goes with a caveat: caveatItems.)
 */
export function adviceItems(report: Report, clauses: Clauses, items: readonly ImpressionItem[]): ImpressionItem[] {
  const sections = new Set(findingsSections(report));
  const out: ImpressionItem[] = [];
  const says = (text: string) => [...items, ...out].find((item) => item.text.toLowerCase().includes(text.toLowerCase()));
  for (const c of clauses.all) {
    // Advice by its words ("recommended", "follow-up", "will be appropriate"), not a bare "should" ("He should be n.p.o.").
    const advises = c.recommendation && [...c.recommends].some((r) => r !== 'should');
    if (!advises || readingNotAdvice(c) || c.negated.size) continue;
    const at = report.sentences.findIndex((x) => x.start <= c.start && c.start < x.end);
    const sentence = report.sentences[at];
    if (!sentence || !sections.has(sentence.section) || says(tidy(c.text).slice(0, -1))) continue;
    const prev = report.sentences[at - 1];
    const told = prev && prev.section === sentence.section ? tidy(prev.text).slice(0, -1).slice(-40) : '';
    // (One that points back, "It is recommended …", takes its antecedent with it instead: windowOf.)
    const host = told && c.start === sentence.start && !CUES.dangling.includes(firstWord(c.text)) ? says(told) : undefined;
    if (host) host.text = `${host.text} ${asWritten(c.text)}`;
    else {
      const text = windowOf(report, clauses, c, c.start, c.end);
      if (text) out.push({ text, findings: [] });
    }
  }
  return out;
}

// A template's blank left unfilled ("measured * cm", "__ mm", "[ ]"): no measurement to report.
const BLANK = /(?:^|\s)\*+(?=\s)|_{2,}|\[\s*\]/;
// A clause that tells the question, not an answer: "XXXX-year-old with suspected pneumothorax".
const ASKED = /\byears?[- ]old\b|\bhistory\b|\bquestion\b|\brule out\b|\br\/o\b/i;

/**
 * The report's sentences that state a significant finding (outside the impression) and that no item
 * accounts for, each as an item: a finding the grouping merged or judged minor is still never dropped
 * ("Never 'no acute abnormality' over a significant finding" is the case of no items at all).
 */
export function statedItems(
  report: Report,
  u: Understanding,
  clauses: Clauses,
  items: readonly ImpressionItem[],
  read: readonly number[] = findingsSections(report),
): ImpressionItem[] {
  const significant = significantOf(u);
  const drafted = items.map((item) => readClause(item.text, { start: 0, end: item.text.length }, 'impression', null));
  const sections = new Set(read);
  const out: ImpressionItem[] = [];
  for (const c of clauses.all) {
    const own = significant.filter((f) => c.start <= f.start && f.start < c.end);
    // An old finding need not be named beside others, but a draft of nothing else names it rather than "no acute …".
    const old = items.length > 0 && c.time.has('old') && !c.time.has('new') && !c.time.has('increased');
    const sentence = report.sentences.find((x) => x.start <= c.start && c.start < x.end);
    if (!sentence || !sections.has(sentence.section) || ASKED.test(c.text) || old) continue;
    // The findings core's significant finding stated (what the verifier asks an impression to name); the
    // cue words' reading alone only where the draft would otherwise say "no acute …".
    const sameSide = (d: Clause) => !c.sides.size || !d.sides.size || [...d.sides].some((x) => c.sides.has(x));
    // Accounted for by items that say its words and carry its time, severity, size, side and level; a
    // recommendation's words ("ultrasound … at the 6:00 position") state no finding.
    const alike = drafted.filter((d) => sameSide(d) && !d.recommendation && (shareOf(d, c) >= 0.5 || shareOf(c, d) >= 0.6));
    const named = findingHeads(report, c, own).every((w) => alike.some((d) => d.words.includes(w)));
    // The grade, side and size are the closest item's to carry (the verifier reads the statement there),
    // not any item's: another level's "minimal … left neural foramen" carries nothing for this one.
    const closest = alike.reduce<Clause | undefined>((best, d) => (!best || shareOf(d, c) > shareOf(best, c) ? d : best), undefined);
    const lost = closest ? dropsOf(c, [closest], { sizes: true }) : [];
    // (Each of its sizes, as often as it says it: "26 x 12 x 10 mm" of one node does not carry another's "12 x 10 x 10 mm".)
    if (closest && !eachSizeOf(c, closest)) lost.push('drops size');
    // And each alternative it offers, by most of its words ("… and organizing pneumonia" is not said by
    // "viral pneumonia"); a description told with less ("The effusion layers posteriorly") is the item's.
    const parts = !c.hedged.size || !partsUnsaid(c, new Set(alike.flatMap((d) => d.words))).length;
    // A statement that names an item's finding to place another by it ("extensive rib destruction in the region of the
    // chest wall mass") is not told by that item, written from another sentence: what it alone adds goes unsaid.
    const writtenHere = items.some((item) => item.findings[0] && c.start <= item.findings[0].start && item.findings[0].start < c.end);
    // (Told before the finding it names, as its subject: "The effusion layers posteriorly" only describes the effusion.)
    const itemWords = new Set(alike.flatMap((d) => d.words));
    const subject = own.length ? report.text.slice(c.start, Math.min(...own.map((f) => f.start))) : '';
    const subjectWords = subject ? readClause(subject, { start: 0, end: subject.length }, 'findings', null).words : [];
    const adds = !writtenHere && subjectWords.filter((w) => !GENERIC.has(w) && !itemWords.has(w)).length >= 2;
    if (closest && named && parts && !lost.length && !adds) continue;
    // The cue words' reading of significant counts too where an item says it with less ("Retention cyst
    // versus polyp" for the findings' "large retention cyst versus polyp"); and any statement an item
    // says without its size, grade or time ("Dilated common duct … as described" for "… up to 1 cm").
    // (Under a findings header: a headerless body holds the addenda and notes too.)
    const underHeader = c.section === 'findings' || c.section === 'impression';
    // (Not how the images were made: "Resting and stress images were obtained with 10.4 mCi …" beside "Normal … perfusion scan".)
    const technique = TECHNIQUE.test(c.text) && !c.significant;
    const lessened = alike.length > 0 && c.positive && !technique && (c.significant || (lost.length > 0 && underHeader));
    // A differential told as advice ("Other viral pneumonias and organizing pneumonia can be considered in
    // the differential diagnosis") states the findings it names like any other sentence.
    const states = c.positive || (c.recommendation && !c.negated.size);
    // And one the cue words read as significant that no item says at all ("hypodense lesions in the liver that
    // could not be characterized" beside lung masses): a finding the lexicon does not list is still told.
    const untold =
      !alike.length &&
      c.positive &&
      c.significant &&
      !c.negated.size &&
      underHeader &&
      FINDING_WORD.test(c.text) &&
      !NORMAL_WORDS.test(c.text);
    if (!(states && own.length) && !lessened && !untold && (items.length > 0 || !c.significant)) continue;
    const text = windowOf(report, clauses, c, c.start, c.end);
    if (text && !out.some((item) => item.text.includes(text)) && !items.some((item) => item.text.includes(text)))
      out.push({ text, findings: own });
  }
  return out;
}

/** Whether `by` says each of `c`'s sizes as often as `c` does. */
function eachSizeOf(c: Clause, by: Clause): boolean {
  const left = [...by.quantities];
  return c.quantities.every((q) => {
    const k = left.indexOf(q);
    return k >= 0 && left.splice(k, 1).length > 0;
  });
}

/**
 * The items' clauses, as the verifier reads them: an item of several sentences is several clauses, and
 * an old impression's statement is said only if the clauses like it say its words (not a later sentence
 * of a long item).
 */
const draftedClauses = (items: readonly ImpressionItem[]) => items.flatMap((item) => readText(item.text));

/** The findings the verifier asks a rewrite to name: significant, stated as present or possible. */
export const significantOf = (u: Understanding) =>
  u.findings.filter((f) => f.significant && !f.normal && (f.assertion === 'present' || f.assertion === 'possible'));

/**
 * The findings' statements of something the findings core reads no finding in at all, as written. Whatever
 * else the draft says: a conclusion ("The findings were evaluated in favor of stable disease", a reading
 * of the disease course) and a change ("increased enhancement … measuring 1.2 cm").
 * Before a draft says "no acute abnormality", anything described too ("The thyroid gland is enlarged.",
 * "A fragment of the left 6th rib."). What the lexicon does not know is kept, never judged normal.
 */
export function unreadItems(report: Report, u: Understanding, clauses: Clauses, items: readonly ImpressionItem[] = []): ImpressionItem[] {
  const sections = new Set(findingsSections(report));
  const drafted = draftedClauses(items);
  const out: ImpressionItem[] = [];
  const introducing: { c: Clause; next: number }[] = [];
  for (const c of clauses.all) {
    const reading = readingNotAdvice(c);
    if (!(c.positive || reading) || c.normal || (c.recommendation && !reading) || c.communication) continue;
    if (ASKED.test(c.text) || BLANK.test(c.text) || setsTheScene(c.text) || signsOff(c.text) || proceeds(c)) continue;
    const sentence = report.sentences.find((x) => x.start <= c.start && c.start < x.end);
    if (!sentence || !sections.has(sentence.section)) continue;
    if (u.findings.some((f) => f.start < c.end && f.end > c.start)) continue;
    // Something described, not an organ called open or natural nor how the images were made: a size or
    // a share, a grade, a rib, a change.
    const sized = c.quantities.some((q) => /^(?:length|area|percent):/.test(q));
    const changed = KEPT.changes.some((t) => c.time.has(t));
    // A reading of something, not a denial of it ("no ST depression suggestive of ischemia").
    const concluded = (reading || c.hedges.some((h) => CONCLUSIONS.has(h))) && !c.negated.size && c.words.some((w) => !GENERIC.has(w));
    const described = sized || c.severity.length > 0 || changed || c.levels.some((l) => l.startsWith('#'));
    // A change told in the findings is news ("Increased fluid was observed in all quadrants"); in a body
    // without a FINDINGS header only a measured one ("increased every 2 to 3 minutes" is a protocol).
    // (One word is no statement: a dictation command left in, "new paragraph".)
    const news = changed && c.text.trim().split(/\s+/).length > 2 && (sized || c.section === 'findings');
    // A measured thing the lexicon has no name for, told right before a sentence the draft lists that goes on about it
    // ("A 95 mm defect is observed in the anterior abdominal wall. There is herniation of transverse colon …"): its size
    // and site are the listed finding's, never left for a smaller sibling to carry alone (r20i #18). Decided once the
    // sentence after it is known to be listed (below).
    const k = report.sentences.indexOf(sentence);
    if (items.length && !(concluded || news)) {
      // (A thing measured, "a 95 mm defect", "… measuring 4.4 cm"; not the patient's height and weight.)
      const measured = (!!measuredHead(c.text) || /\bmeasur/i.test(c.text)) && !/\b(?:kg|bsa|lbs?)\b/i.test(c.text);
      if (sized && measured && !c.negated.size && !ORGAN_MEASURED.test(c.text) && report.sentences[k + 1]?.section === sentence.section)
        introducing.push({ c, next: k + 1 });
      continue;
    }
    if (!(items.length ? concluded || news : described || concluded)) continue;
    // Said already by an item in its words, with its time, grade and size.
    if (drafted.some((d) => shareOf(c, d) >= 0.85 && !dropsOf(c, [d], { sizes: true }).length)) continue;
    const text = windowOf(report, clauses, c, c.start, c.end);
    if (text && !out.some((item) => item.text.includes(text)) && !items.some((item) => item.text.includes(text)))
      out.push({ text, findings: [] });
  }
  for (const { c, next } of introducing) {
    // (Or a sibling of it is listed, the same thing measured again: "In addition, a 2 cm gap …" after "A 4.5 cm gap …".)
    const head = measuredHead(c.text);
    const host = [...items, ...out].find(
      (item) =>
        item.findings.some((f) => f.sentenceIndex === next) ||
        says(item.text, report.sentences[next].text) ||
        (!!head && measuredHead(item.text) === head),
    );
    if (!host || drafted.some((d) => shareOf(c, d) >= 0.85 && !dropsOf(c, [d], { sizes: true }).length)) continue;
    const text = windowOf(report, clauses, c, c.start, c.end);
    if (!text || [...items, ...out].some((item) => item.text.includes(text))) continue;
    const at = out.indexOf(host);
    out.splice(at >= 0 ? at : out.length, 0, { text, findings: [] });
  }
  return out;
}

// "a 95 mm defect is observed", "a 4.5 cm gap is seen": the thing a size measures, named right after it.
const MEASURED_HEAD =
  /\b\d+(?:\.\d+)?\s*(?:mm|cm)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\s+(?:is|are|was|were|in|of|at|seen|noted|observed|present|measuring|with)\b/i;
const measuredHead = (text: string) => MEASURED_HEAD.exec(text)?.[1].toLowerCase();

/** Whether an item says a sentence: most of its longer words. */
function says(item: string, sentence: string): boolean {
  const own = new Set(item.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const words = (sentence.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length >= 4);
  return words.length >= 2 && words.filter((w) => own.has(w)).length >= 0.8 * words.length;
}

// "The liver measures 15 cm.", "The spleen is 11 cm in length": an organ's own measure, no finding.
const ORGAN_MEASURED = /^\s*(?:the\s+)?(?:[a-z]+\s+){1,3}(?:measures?|measuring|is\s+\d|spans?)\b/i;

// "The left kidney is absent.", "Absent spleen.": an organ and its absence, nothing else.
const ABSENT = /^(?:the\s+)?[\p{L}\s-]{3,40}?\s+(?:is|are)\s+(?:congenitally\s+)?absent$|^(?:congenitally\s+)?absent\s+[\p{L}\s-]{3,40}$/iu;
const OPERATED = /\b(?:post|status|prior|previous|resected|resection|\w+ectomy|surgical(?:ly)?|removed|removal|operat\w*)\b/i;
/**
 * An organ the report finds missing, with no operation named for it ("The left kidney is absent.", "Absent spleen."):
 * a finding (an agenesis, an unexplained absence), though the clause reader takes "absent" for a denial.
 */
function absentOrgan(report: Report, c: Clause): boolean {
  const text = c.text.trim().replace(/[.\s]+$/, '');
  if (c.positive || !ABSENT.test(text) || !organsNamed(wordsOf(text), text).length) return false;
  const sentence = report.sentences.find((x) => x.start <= c.start && c.start < x.end);
  return !!sentence && !OPERATED.test(sentence.text);
}

// A clause that opens on where or when it looks ("In the evaluation of …", "On the lung window", "When examined …").
const LEADS_IN = /^\s*(?:in|on|at|when|during|upon|within)\b/i;

/**
 * Before a draft of nothing says "no acute …": every statement of the findings that is not read as normal or
 * negative, as written ("There is a laceration in the left occipital scalp", "The liver shows a nutmeg
 * pattern"). `refused` says why there is no draft when one of them cannot be cut out to stand alone.
 * With `beside` (a draft from the findings, no old impression to hold it to): the statements the findings core
 * reads no finding in that no item says ("The left atrium appears moderately dilated." beside the one finding the
 * lexicon named) — one recognised finding never stands for the report's other abnormal sentences.
 */
export function otherStatements(
  report: Report,
  clauses: Clauses,
  beside?: { u: Understanding; items: readonly ImpressionItem[] },
): { items: ImpressionItem[]; refused?: string } {
  const sections = new Set(findingsSections(report));
  const items: ImpressionItem[] = [];
  const drafted = beside ? draftedClauses(beside.items) : [];
  const saidBy = (c: Clause, text: string) =>
    [...(beside?.items ?? []), ...items].some((item) => item.text.includes(text)) ||
    drafted.some((d) => shareOf(c, d) >= 0.85 && !dropsOf(c, [d], { sizes: true }).length);
  for (const c of clauses.all) {
    // Beside the findings a draft lists, a part the study could not judge is said too (never a denial of a finding).
    const limit = !!beside && limitOf(c);
    // A connective the clause reader cut off on its own ("Additionally" before ", although …") states nothing.
    if (CONNECTIVE_ONLY.test(c.text)) continue;
    const conceded = concededStatement(report, c);
    if (
      (!c.positive && !absentOrgan(report, c) && !limit && !conceded) ||
      c.communication ||
      !c.words.length ||
      ASKED.test(c.text) ||
      BLANK.test(c.text) ||
      (DENIES.test(c.text) && !conceded) ||
      signsOff(c.text) ||
      proceeds(c)
    )
      continue;
    // Words taken out by de-identification where the statement's verb stood ("have XXXX XXXX in the interval"): unreadable.
    if (report.tokens.some((t, k) => t.kind === 'deid' && t.start >= c.start && t.end <= c.end && report.tokens[k + 1]?.kind === 'deid'))
      continue;
    // "Bone structures are natural": as it should be, with nothing measured, graded, timed or hedged.
    // (A hedge that reaches only what the clause denies, "no ST depression suggestive of ischemia", hedges nothing stated.)
    const plain = !c.severity.length && (!c.hedges.length || [...c.hedged].every((w) => c.negated.has(w)));
    // "Both lungs are clear and expanded", "Stable normal cardiac size", "Duplex imaging was carried out according
    // to normal protocol with a 7.5 MHz probe": a normal statement, whatever its other words.
    if (plain && (c.normal || (!c.time.size && !c.quantities.length && PLAIN_NORMAL.test(c.text)))) continue;
    // How the images were made, and a title line ("DUPLEX ULTRASOUND OF LEGS").
    if ((plain && TECHNIQUE.test(c.text)) || !/[a-z]/.test(c.text) || setsTheScene(c.text)) continue;
    const sentence = report.sentences.find((x) => x.start <= c.start && c.start < x.end);
    if (!sentence || !sections.has(sentence.section)) continue;
    // (Beside the draft: a statement the findings core reads a finding in is the candidates' to judge, minor or not.)
    // (Nor what the report compared with, how it was made or why it was asked, unless it tells a grade or a change.)
    const aside = !!sentenceKind(c.text) && !c.severity.length && !KEPT.changes.some((t) => c.time.has(t));
    // (Nor a place that only leads into the clause after it: "In the evaluation of both lung parenchyma; No … nodule".)
    // (Nor the place a sentence opens on before its "however": "At the level of the posterior horn, however, there is …".)
    const next = clauses.all[clauses.all.indexOf(c) + 1];
    const leadsIn =
      (LEADS_IN.test(c.text) && /^\s*[;:]/.test(report.text.slice(c.end, c.end + 2))) ||
      (!!next && placeBeforeBreak(report, clauses, next) === c);
    // A finding the lexicon grades ("significant when moderate or worse") stated below its grade ("Mild mitral
    // regurgitation.", "Trace tricuspid regurgitation.", "The left atrium is mildly dilated."): not significant, yet a draft
    // with no old impression to hold to lists it with the rest (h17c: by this rule, not by the significance flag).
    const own = beside ? beside.u.findings.filter((f) => f.start < c.end && f.end > c.start) : [];
    const gradedBelow = (f: Finding) =>
      f.assertion === 'present' && !f.significant && (CONCEPT_BY_ID.get(f.concept)?.significantWhen.length ?? 0) > 0;
    const drafted = (f: Finding) => beside?.items.some((item) => item.findings.includes(f));
    const gradedMinor = !c.negated.size && own.length > 0 && own.every((f) => gradedBelow(f) && !drafted(f));
    if (
      beside &&
      // (Of a conceded denial, only a finding it states is the candidates': "no surrounding edema" is not the focus after it.)
      ((!gradedMinor &&
        own.some((f) => (!conceded || f.assertion !== 'absent') && (!limit || (f.significant && f.assertion !== 'absent')))) ||
        c.recommendation ||
        CAVEAT.test(c.text) ||
        (aside && !limit) ||
        leadsIn)
    )
      continue;
    const text = conceded ?? windowOf(report, clauses, c, c.start, c.end);
    if (!text)
      return {
        items: [],
        refused: beside
          ? `cannot list "${c.text.slice(0, 60)}" with the findings the draft names (it does not stand alone)`
          : `cannot say the study is normal: "${c.text.slice(0, 60)}" states something it cannot list`,
      };
    if (!saidBy(c, text)) items.push({ text, findings: [] });
  }
  return { items };
}

// A clause of nothing but a connective: "Additionally", "Also", "In addition".
const CONNECTIVE_ONLY = /^\s*(?:additionally|also|furthermore|moreover|in addition|however|but|and|then|finally|lastly|besides)[\s,.;:]*$/i;
// A denial conceded before the statement of the sentence: "Although no washout is seen, there is …", "While there is no edema, …".
const CONCEDES = /\b(?:although|though|while|whereas|despite)\b[^,;]*$/i;

/**
 * The sentence whole, as written, where the clause denies something only as a concession before what it states ("Additionally,
 * although no washout is seen, there is a 1.4 cm arterially enhancing observation in segment 8"): the clause reader reads the
 * whole as a denial, but what follows the comma is a finding, never left out. Null for any other clause.
 */
function concededStatement(report: Report, c: Clause): string | null {
  // (The clause reader ends the denial at the concession's comma, so the clause may read positive: its "no" still
  // must not make it a denial here.)
  const sentence = report.sentences.find((x) => x.start <= c.start && c.start < x.end);
  const comma = c.text.indexOf(',');
  if (!sentence || comma < 0 || !CONCEDES.test(report.text.slice(sentence.start, c.start + comma))) return null;
  const rest = c.text.slice(comma + 1);
  const read = readClause(rest, { start: 0, end: rest.length }, 'findings', null);
  return read.positive && !read.normal && read.words.length > 0 ? fromConcession(sentence.text) : null;
}

/** A sentence from its concession on, as written ("Also, although there is no …, there is …" → "Although there is no …, there is …."). */
export function fromConcession(sentence: string): string | null {
  const m = /^(.*?)\b(?:although|though|even though|while|whereas|despite)\b/i.exec(stripListNumber(sentence).trim());
  // (Only a concession that opens the sentence, after a connective at most: "There is a mass, although …" keeps its mass.)
  if (!m || !/^(?:(?:additionally|also|furthermore|moreover|in addition)\s*,?\s*)?$/i.test(m[1])) return null;
  const text = stripListNumber(sentence).trim().slice(m[1].length);
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/[\s.,;:]*$/, '.');
}

/**
 * "The described manifestations primarily suggest infective pathology": "suggest" is a recommendation cue
 * of cues.json, but with no advice (advice.json: "suggest further imaging", "suggest correlation") it is
 * the radiologist's reading.
 */
const readingNotAdvice = (c: Clause) =>
  c.recommendation && [...c.recommends].every((r) => /^suggest/.test(r)) && adviceKindOf(c.text) !== 'treatment';

// The study compared with, by cues.json's own words ('on a prior study', 'previous examination').
const PRIOR = new RegExp(`\\b(?:${CUES.references.map(escapeRegExp).join('|')})\\b`, 'i');

/** `more` after `text`, without the sentences it opens with that `text` says already (an antecedent taken along twice). */
function onceEach(text: string, more: string): string {
  const sentences = more.split(/(?<=[.?!])\s+(?=[A-Z])/);
  while (sentences.length > 1 && text.toLowerCase().includes(sentences[0].toLowerCase().replace(/\.$/, ''))) sentences.shift();
  return `${text} ${sentences.join(' ')}`;
}

// A statement's words to compare, without its opening contrast and its closing marks.
const bareOf = (text: string) =>
  stripListNumber(text)
    .replace(/^\s*(?:however|but|nevertheless|nonetheless)\b[\s,]*/i, '')
    .replace(/[\s.;,:]+$/, '')
    .toLowerCase();

/** A clause as written, list mark off, with its full stop. */
const asWritten = (text: string) =>
  stripListNumber(text)
    .replace(/^[\s"“”]+/, '')
    .trim()
    .replace(/[\s.,;:]*$/, '.');

// Words that deny everything at once ("no other significant abnormality"), not one thing by name.
const CATCH_ALL = /^(?:abnormalit|process|patholog|disease|complication|finding)/;

/** "No evidence of hydronephrosis", "No focal fluid collection": the answer to the question asked, by name. */
const pertinentDenial = (c: Clause) =>
  !c.positive &&
  (c.negated.size > 0 || (c.normal && SPLIT_NEGATIVE.test(c.text))) &&
  c.words.some((w) => !GENERIC.has(w) && !CATCH_ALL.test(w)) &&
  // "No visualized fetal abnormalities" names what it denies; "no acute intracranial abnormality" is the exam's all-clear.
  (!c.words.some((w) => CATCH_ALL.test(w)) || !c.deniedTime.has('new'));
// "Negative EKG criteria for ischemia": "negative for" with the test between, read as a normal statement.
const SPLIT_NEGATIVE = /\bnegative\b[^.;]*\bfor\b/i;

/**
 * "The posterior cruciate ligament is intact.": a line of the old impression calling a structure normal by
 * name is the radiologist's answer and never dropped; only the exam's all-clear ("no acute process") goes.
 */
const namedNormal = (c: Clause) =>
  c.normal &&
  !c.positive &&
  !EXAM_WORDS.test(c.text) &&
  // "It may be negative in the early period": a caveat on the statement before, not a structure called normal.
  !c.hedges.length &&
  !/^\s*(?:it|they|this|these|those)\b/i.test(c.text) &&
  c.words.some((w) => !GENERIC.has(w) && !CATCH_ALL.test(w)) &&
  !c.words.some((w) => CATCH_ALL.test(w));
// "Normal renal ultrasound.", "Normal treadmill test.": the exam's all-clear, not a structure's.
const EXAM_WORDS = /\b(?:ultrasound|sonogram|study|exam\w*|ct|mri|scan|test|radiograph\w*|mammogra\w*|x-?ray)\b/i;

/**
 * "Normal myocardial perfusion scan.", "Normal ventilation perfusion study.", "Normal MRI of the brain for age.": the
 * exam's normal statement that is its result (a functional study's answer, or the reader's verdict on the minor
 * findings beside it), kept as written like a structure called normal by name.
 */
const studyVerdict = (c: Clause) => c.normal && !c.positive && !c.hedges.length && EXAM_WORDS.test(c.text) && VERDICT.test(c.text);

// What opens a sentence that spells out the one before it: "Specifically, …", "In particular, …", "Namely, …".
const SPELLS_OUT = /^\s*(?:(?:more\s+)?specifically|in particular|particularly|namely|in detail|that is|i\.e\.)(?=[\s,:])/i;

/**
 * "Normal MRI brain. Specifically, no findings to explain the headaches." and "Unremarkable CT of the abdomen. In
 * particular, no appendicitis.": the exam's all-clear that the next sentence spells out is the answer it gives, kept as
 * written with it (dropped, the "Specifically" sentence specifies nothing and the report no longer says the study is normal).
 */
// (Not "Normal CT head." beside a finding the draft names: only "Otherwise normal …" stands with one.)
function spelledOut(report: Report, said: Clause, alone: boolean): boolean {
  if (!said.normal || said.positive || said.hedges.length || (!alone && !/^\W*otherwise\b/i.test(said.text))) return false;
  const at = report.sentences.findIndex((x) => x.start <= said.start && said.end <= x.end);
  const next = report.sentences[at + 1];
  return at >= 0 && !!next && next.section === report.sentences[at].section && SPELLS_OUT.test(next.text);
}

/**
 * "Normal appendix." under "REASON FOR EXAM: rule out appendicitis": a normal statement naming what the
 * question asks about (a word of it, or one of the same stem) is the answer, kept like a denial by name.
 */
function answersQuestion(report: Report, c: Clause): boolean {
  if (!c.normal || c.positive) return false;
  const asked = report.sections
    .filter((s) => s.kind === 'history')
    .map((s) => report.text.slice(s.start, s.end).toLowerCase())
    .join(' ');
  return c.words.some((w) => w.length >= 5 && !GENERIC.has(w) && new RegExp(`\\b${escapeRegExp(w.slice(0, 6))}`).test(asked));
}

/**
 * The old impression's clauses that state something no draft item accounts for in full, as written
 * (its "no acute …" statements are not kept: a draft never says that beside a finding).
 */
export function keptFromImpression(
  report: Report,
  u: Understanding,
  impression: Section,
  items: readonly ImpressionItem[],
  clauses: Clauses,
  earlier = false,
): ImpressionItem[] {
  const significant = significantOf(u);
  const drafted = draftedClauses(items);
  const out: ImpressionItem[] = [];
  const itemOf = new Map<ImpressionItem, NumberedItem | undefined>();
  for (const said of clauses.all) {
    if (said.start < impression.body.start || said.start >= impression.body.end || signsOff(said.text)) continue;
    // An earlier impression (the draft does not replace it) runs on to the next exam's title ("CT CERVICAL SPINE WITHOUT
    // CONTRAST"), which is no statement of it.
    if (earlier && !/[a-z]/.test(said.text)) continue;
    // "This was also seen on a prior study": no word the cue reading counts, but the time of what it points to.
    const sincePrior = !said.words.length && PRIOR.test(said.text);
    const denial =
      pertinentDenial(said) ||
      answersQuestion(report, said) ||
      namedNormal(said) ||
      studyVerdict(said) ||
      spelledOut(report, said, !significant.length);
    // "Straightening of the normal cervical lordosis …" states a finding, "normal" or not.
    const altered = altersNormal(said.text);
    // A measure given under its name ("Calcium score: 88.", "LVEF: 35%", "Agatston score 0") is a result, normal or not.
    const valued = LABELLED_VALUE.test(said.text);
    if (!(said.positive || said.recommendation || said.communication || said.significant || denial || sincePrior || altered || valued))
      continue;
    // Accounted for only by items that carry its time, severity, size and level too ("a stable SEGA"); a
    // side the findings give otherwise is the draft's correction, not a loss.
    // A recommendation accounts for a recommendation only: its words state no finding.
    const alike = drafted.filter((c) => (!c.recommendation || said.recommendation) && (shareOf(said, c) >= 0.6 || shareOf(c, said) >= 0.6));
    // (Its severity from the statement most like it: another tendon's "mild" does not carry this one's.)
    const closest = alike.reduce<Clause | undefined>((best, c) => (!best || shareOf(said, c) > shareOf(said, best) ? c : best), undefined);
    const lost = [
      ...dropsOf(said, alike, { sizes: true }),
      ...polarityLostBy(said, alike),
      ...(closest ? dropsOf(said, [closest], { sizes: false }).filter((d) => d.startsWith('drops severity')) : []),
    ].filter((d) => !d.startsWith('drops side') || !alike.some((c) => c.sides.size));
    // Nearly all its words too: "type 1 sprain in the lateral collateral ligament" is not the medial one's.
    const words = new Set(alike.flatMap((c) => c.words));
    const own = [...new Set(said.words)];
    const told = own.filter((w) => words.has(w)).length >= 0.85 * own.length;
    // As the verifier asks: each finding it names by its own word ("tendinosis", "cancer"), and most
    // words of each part it states ("status post cholecystectomy").
    const heads = findingHeads(report, said, significant);
    const parts = !partsUnsaid(said, words).length;
    // And each word it alone says ("outlet"): no other statement of the report carries that for it.
    const alone = own.filter((w) => !GENERIC.has(w) && !clauses.all.some((x) => x !== said && x.words.includes(w)));
    // And its advice by an item that advises too: "A 2 cm right hilar mass, biopsy is recommended." is not told by
    // "2 cm right hilar mass." (the clause reader counts no word of "biopsy is recommended").
    const advised = !said.recommendation || readingNotAdvice(said) || alike.some((c) => c.recommendation);
    if (alike.length && told && parts && advised && alone.every((w) => words.has(w)) && heads.every((w) => words.has(w)) && !lost.length)
      continue;
    // Its sentence whole ("small for gestational age but equal to twin B"), unless it also says "no acute …".
    const sentence = report.sentences.find((x) => x.start <= said.start && said.end <= x.end);
    const whole = sentence && clauses.all.filter((c) => c.start >= sentence.start && c.end <= sentence.end);
    // A denial by name word for word ("There is no evidence of a rotator cuff tear"): so the verifier reads
    // it as the impression's own, not a "nothing is wrong" the draft adds.
    // "This was also seen on a prior study" after the statement it speaks of.
    const before = sincePrior && clauses.all.filter((c) => c.end <= said.start && c.start >= impression.body.start).pop();
    const host = before && out.find((item) => item.text.includes(tidy(before.text).replace(/\.$/, '')));
    if (host) {
      host.text = `${host.text} ${asWritten(said.text)}`;
      continue;
    }
    // A denial after a level's statement on the level's line ("L4-5: Disc protrusion … . No significant neural
    // foraminal stenosis."): the level's, kept with the item that tells that statement, never as the whole spine's.
    // "Specifically, no findings to explain the headaches" goes with the exam's verdict it spells out, kept just before it.
    const verdict = sentence && SPELLS_OUT.test(sentence.text) && out.length ? out[out.length - 1] : undefined;
    const spelled = verdict && sentence && report.sentences[report.sentences.indexOf(sentence) - 1];
    if (spelled && verdict.text === asWritten(spelled.text)) {
      verdict.text = `${verdict.text} ${tidy(sentence.text)}`;
      continue;
    }
    const levelHost = denial && sentence && levelStatementBefore(report, sentence);
    const atLevel = levelHost && [...items, ...out].find((item) => item.text.includes(levelHost));
    if (atLevel && !atLevel.text.includes(tidy(said.text).slice(0, -1))) {
      atLevel.text = `${atLevel.text} ${asWritten(said.text)}`;
      continue;
    }
    // A denial that answers the clause before it in its sentence ("L3-4 extrusion but no thecal sac compression") is
    // kept with it, its level and finding: alone, "no thecal sac compression" reads as the whole spine's.
    const tail = !!whole && whole.length > 1 && whole[0] !== said && !CUES.dangling.includes(firstWord(sentence.text));
    const text = before
      ? `${tidy(before.text)} ${asWritten(said.text)}`
      : denial && !tail
        ? asWritten(said.text)
        : whole &&
            whole.length > 1 &&
            !whole.some((c) => c.normal && !c.specificDenial) &&
            !CUES.dangling.includes(firstWord(sentence.text))
          ? tidy(sentence.text)
          : (windowOf(report, clauses, said, said.start, said.end) ?? tidy(said.text));
    // '… there is a significant difference. not detected.': a sentence broken by a stray full stop goes on in lower case.
    const next = sentence && report.sentences[report.sentences.indexOf(sentence) + 1];
    const goesOn = next && next.section === sentence.section && /^[a-z]/.test(next.text) ? ` ${next.text.trim()}` : '';
    const joined = goesOn && text ? `${text}${goesOn}` : text;
    // A member of the labelled list under the impression's lead line ("RCA: No plaque."), which the report reader made a
    // section of its own: its label is that section's header, and says which vessel or level the line speaks of.
    const home = sentence && report.sections[sentence.section];
    const label = home && home.kind === 'other' && home.header && sentence.start <= home.body.start + 1 ? home.header.name.trim() : '';
    const kept = label && joined && !joined.toLowerCase().startsWith(label.toLowerCase()) ? `${label}: ${joined}` : joined;
    if (!kept || out.some((item) => item.text.includes(kept))) continue;
    // A clause kept before as a piece of this sentence ("However, the ovaries are not visualized and evaluation is limited"
    // before the sentence whole with its "; MRI could be considered"): the whole stands for it, never both (r19i #4).
    const piece = out.findIndex((item) => item.findings.length === 0 && bareOf(kept).includes(bareOf(item.text)));
    if (piece >= 0 && bareOf(out[piece].text).length > 0) {
      out[piece] = { ...out[piece], text: kept };
      continue;
    }
    // The sentences kept of one numbered item stay one item ("Mild septal ischemia. Likely due to the left
    // bundle-branch block."): what follows the first speaks of it.
    // A paragraph of its own after the list ("BI-RADS Category 2 - Benign.") speaks of the whole exam, not the last item.
    const listed = impression.items.find(
      (x) => x.start <= said.start && said.start < x.end && !BLANK_LINE.test(report.text.slice(x.marker.end, said.start)),
    );
    if (listed && listed === itemOf.get(out[out.length - 1])) out[out.length - 1].text = onceEach(out[out.length - 1].text, kept);
    else {
      // And with the item's first sentences, told already or not: "Mass within the right lobe of the liver.
      // … Further evaluation with MRI is recommended." (the advice is the mass's, not the item's before).
      const opening = listed && sentence ? tidy(report.text.slice(listed.marker.end, sentence.start)) : '';
      out.push({ text: opening && !kept.startsWith(opening.slice(0, -1)) ? `${opening} ${kept}` : kept, findings: [] });
      itemOf.set(out[out.length - 1], listed);
    }
  }
  return out;
}
