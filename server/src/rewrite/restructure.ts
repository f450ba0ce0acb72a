// Restructure a dictated report into a template. Deterministic and lossless by construction: every
// sentence of the source is written once, as written (white space normalised), into the section its
// header says and, under FINDINGS, into the subsection of the organ it talks about. What the source
// does not address stays a field to fill; the template's normal sentence goes in only when asked for,
// and then marked so the radiologist sees it and confirms or deletes it. This file lays out the
// template; which organ subsection a FINDINGS sentence goes under is restructure-subsection.ts.
import { knownSectionKind, parseReport } from '../report';
import type { Report, Sentence } from '../report/types';
import { denies, sameFinding, understand } from '../nlp';
import type { Understanding } from '../nlp/types';
import { ORGANS_OF_CONCEPT, organsNamed, type OrganHit } from '../nlp/organs';
import { BODY_PART_TRIE, CONCEPT_BY_ID, MODALITY_TRIE } from '../nlp/lexicon';
import { wordsFromTokens, wordsOf, type Word } from '../nlp/words';
import { OTHER_LABEL, templateById, type ReportTemplate, type TemplateSubsection } from '../templates/library';
import { chooseTemplate, type TemplateChoice } from '../templates/choose';
import { saysNarrativeStep } from '../templates/narrative';
import {
  inProtocolName,
  isNotice,
  saysCaveat,
  isNoticeHeader,
  isProcedureHeader,
  isResultsHeader,
  MATERIALS,
  sentenceKind,
  historyAt,
  observedAfterHistory,
  opensWithPatient,
  opensWithRequest,
  namesKnownBefore,
  PATIENT_STATES,
  saysAdvice,
  isComparisonHeader,
  CONTRAST_OPENERS,
} from '../templates/sentence-kinds';
import {
  BACK_REFERENCE,
  BEYOND_LEVEL,
  DATING,
  FINDING_REFERENCE,
  LEVEL_ALONGSIDE,
  LEVEL_FINDINGS,
  LEVEL_PARTS,
  LEVEL_SPACE,
  LIKE_REFERENCE,
  OTHER_REFERENCE,
  MEASURED_AFTER,
  NODE_STATION_REGIONS,
  PART_WORDS,
  PIECE_SUBJECT,
  RELATIVE_PLACE,
  WALL_FINDING,
  HOLLOW_ORGAN,
  PLACE_REFERENCE,
  READING,
  TECHNIQUE_HEADING,
  EDGE_FIELDS,
  REGION_WIDE,
  THING_NECKS,
  WHOLE_REPORT,
  WHOLE_STUDY,
} from '../templates/placement-words';
import { HEAD, MANY_PLACES, norm, OTHER, Router, type PlacedBy, type Target } from './restructure-subsection';
import { CUES, labelName, leansOn, readClause, stem } from './clauses';
import { phraseRegex } from '../templates/phrases';
import { BLANK_LINE, escapeRegExp } from '../report/regex';

export type { PlacedBy } from './restructure-subsection';

export interface RestructureOptions {
  /** Insert the template's pertinent negative into subsections the source does not address (marked). */
  fillPertinentNegatives: boolean;
  /** 'snippet': fields are VS Code tab stops (${1:}) and the text is snippet syntax; 'plain': fields are "[ ]". */
  fields: 'snippet' | 'plain';
  /** The report's understanding when the caller has it already (saves one pass). */
  understanding?: Understanding;
}

export interface Placement {
  /** Index into report.sentences. */
  sentence: number;
  /**
   * The sentence as written into the output: white space normalised, before snippet escaping, and
   * without its list number when it was filed by organ out of a numbered FINDINGS list.
   */
  text: string;
  /** The output section header, without colon: "FINDINGS". */
  section: string;
  /** The subsection label ("Lungs", "Other"), or null for a section body or the FINDINGS head. */
  subsection: string | null;
  by: PlacedBy;
}

export interface TemplateField {
  section: string;
  subsection: string | null;
  /** 'field': left to fill; 'pertinent-negative': the template's sentence, inserted and marked. */
  content: 'field' | 'pertinent-negative';
}

export interface Restructured {
  text: string;
  template: string;
  placed: Placement[];
  fields: TemplateField[];
}

/** Marks a template sentence inserted on request; the unfilled-placeholder rule flags it until removed. */
export const PERTINENT_NEGATIVE_MARK = '<<from template>>';

const HEADER_SECTIONS = [
  ['exam', 'EXAM'],
  ['history', 'CLINICAL HISTORY'],
  ['technique', 'TECHNIQUE'],
  ['comparison', 'COMPARISON'],
] as const;

// "Liver: ...", "L4-5: ...", "Gallbladder and bile ducts: ..." at the start of a sentence; not "at 14:35".
const LABEL = new RegExp(`^(${labelName(48)}?)[ \\t]*:(?!\\d)[ \\t]*`);
const TERMINAL = /[.!?]["')\]]*$/;
const SIDED = /\b(?:right|left|bilateral|rt|lt)\b/i;
// A paragraph opened by one side: "The left testicle measures …", "Right kidney: …", "On the left, …".
const SIDE_OPENING = /^\W*(?:(?:in|at|on)\s+)?(?:the\s+)?(left|right)\b/i;
// "The narrowing is more pronounced …" after "… the neural foramina are narrowed": the noun of the verb before.
// So does the noun of the sentence before again: "… where a subcutaneous nodule is identified. The nodule exhibits …".
const NOMINAL_SUBJECT =
  /^\W*(?:(?:however|also|additionally|in addition),?\s+)?the\s+([a-z]{4,})\s+(?:is|are|was|were|has|have|had|[a-z]+s|[a-z]+ed)\b/i;
const LESION_NOUN =
  /^(?:lesions?|areas?|focus|foci|abnormalit(?:y|ies)|mass(?:es)?|nodules?|collections?|opacit(?:y|ies)|densit(?:y|ies))$/i;
const MODIFIER = /^(?:right|left|bilateral|remaining|other|visualized|included|upper|lower|middle|small|large|previous|prior)$/i;
const STUDY_NOUN = /^(?:exam|study|studies|image|imaging|patient|report|procedure|scan|evaluation|sequence|series)/i;
const ROOT = (w: string) => w.toLowerCase().replace(/(?:ements?|ments?|ations?|ings?|ed|es|s|e)$/, '');
const TWIN = /^(?:twin|baby|fetus) [A-D1-4]\b/i;
// (Also one cut at a question mark that goes on after a comma: ", soft tissue densities … were thought …".)
// And a differential in brackets after its finding, cut off at the finding's full stop: "(secondary to opportunistic infections?, lymphoma)."
const FRAGMENT = /^(?:[a-z)\]]|[,;]\s|\()/;
// The first verb of a sentence, where its subject ends ("The nodule described above in the left thyroid lobe | is stable").
const SUBJECT_VERB =
  /\b(?:is|are|was|were|has|have|had|measures?|measuring|remains?|appears?|shows?|demonstrates?|extends?|abuts?|contains?)\b/i;
const POSITION = /^(?:left|right|upper|lower|middle|mid|bilateral|both|anterior|posterior|medial|lateral|superior|inferior)$/;
// A place phrase that ends at an organ's word ("… in the left", "within the right").
const PLACE_PHRASE = /\b(?:in|within|of|at|involving)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$/i;
const INTERPRETATION = /^\s*interpretations?\s*$/i;
/**
 * What this exam finds, told on a line that names a finding as known before or asks about it ("Previously noted
 * right lower lobe nodule has increased, now measuring 14 mm.", "Known left breast carcinoma, now with new 2 cm
 * axillary lymph node."): a change or time word (cues.json time, not the words of an onset: "recent diagnosis",
 * "acute") or a size. Such a line is a finding, never moved to the history.
 */
// The onset and now words are the verifier's (cues.json onsetWords, nowWords: one list, so what restructure keeps
// among the findings is what the verifier insists stays there). Also no change on a line of the history: a
// hyperacute onset, and the words that compare with an earlier episode ("similar symptoms again", "less pain").
const ONSET_WORDS = new Set([...CUES.onsetWords, 'hyperacute', 'less', 'similar', 'again']);
const TOLD_NOW = phraseRegex([
  ...[...CUES.time.new, ...CUES.time.unchanged, ...CUES.time.increased, ...CUES.time.decreased].filter((w) => !ONSET_WORDS.has(w)),
  ...CUES.nowWords,
]);
const SIZE_NOW = /\b\d+(?:\.\d+)?\s*(?:mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?)\b/i;
const toldNow = (text: string) => TOLD_NOW.test(text) || SIZE_NOW.test(text);
const DISCUSSION = /^\s*discussion\s*$/i;
// The start of a subject (nothing, "The", "Both") and the joints of a list of organs in it (", ", "and", ", and the").
const LIST_JOIN = /^\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or)\s+)(?:the\s+)?(?:bilateral\s+|both\s+)?$/i;
// Also a noun phrase that points back by its participle ("The identified changes are also present on the old CT",
// "The described appearance …") or the look of what was just told ("The appearance may represent infection or
// lymphoma", "These appearances are not specific"), its verb right after (not "The appearance of the liver is …").
// The words that point back to a thing told earlier ('the aforementioned', 'the above-described'): one list for
// the two readers below, the finding before as a subject (THIS_FINDING) and a thing told earlier (ABOVE_NAMED).
const ABOVE_WORDS = String.raw`aforementioned|afore-mentioned|above[- ]?mentioned|above[- ]?described|above[- ]?noted`;
const THIS_FINDING = new RegExp(
  String.raw`\b(?:(?:this|these|those)(?:\s+(?:described|identified|detected|observed))?|the\s+(?:identified|described|detected|observed|above|mentioned|${ABOVE_WORDS}))\s+(?:finding|findings|lesion|lesions|abnormality|abnormalities|nodule|nodules|mass|masses|changes?|appearances?)\s+(?:is|are|corresponds?|represents?|may|might|could|can|should|would|likely|probably|most|appears?|was|were|suggests?|needs?|requires?|warrants?)\b|^\W*(?:however,?\s+)?the\s+appearances?\s+(?:is|are|may|might|could|can|likely|probably|most|suggests?|was|were)\b`,
  'i',
);
// "this" alone as the subject of a reading or advice, at the start or after a comma: "There is no discrete fracture
// line, and this is of uncertain significance, but this should be correlated with radiographs."; "This may represent …".
const THIS_ALONE =
  /(?:^\W*|[,;]\s*(?:and\s+|but\s+|although\s+|though\s+|while\s+|however,?\s+)?)(?:this|these)\s+(?:is|are|may|might|could|can|should|would|likely|probably|most|represents?|corresponds?|suggests?|needs?|requires?|warrants?|was|were)\b/i;
// Words that may stand between the organs of a list: their sides and parts ("the anterior and posterior cruciate
// ligaments and the medial and lateral collateral ligaments").
const LIST_QUALIFIERS =
  /\b(?:(?:anterior|posterior|medial|lateral|left|right|bilateral|both|superior|inferior|visuali[sz]ed|imaged)\s+(?:and\s+)?)+$/i;
// A clause of its own after a comma or semicolon whose subject is an organ: ", and the labrum appears intact".
const CLAUSE_SUBJECT = /(?:,\s*(?:and|while|but|whereas)?|;)\s*(?:the\s+)?$/i;
const CLAUSE_VERB = /^\s+(?:is|are|appears?|remains?|looks?|seems?)\b/i;
const OTHERWISE = /\b(?:otherwise|remainder|rest of)\b/i;
// A sentence that opens by setting itself against the one before: "However, …", "But …", "Nevertheless, …".
// A finding told as this exam saw it, measured, graded or with a verb of seeing ("An 80-year-old man with a large acute
// left subdural hematoma causing 8 mm of midline shift."): an answer, never the question, even after who the patient is.
const TOLD_AS_SEEN =
  /\b\d+(?:\.\d+)?\s*(?:mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?)\b|\b(?:mild|moderate|severe|small|large|massive|marked|trace|minimal|acute|subacute)\b|\b(?:caus(?:es|ing)|measur(?:es|ing)|demonstrat(?:es|ing)|show(?:s|ing)|(?:is|are) (?:seen|noted|identified|present))\b/i;
// (Unless the finding is named as known before this exam: sentence-kinds.json knownBefore.)
const toldAsSeen = (text: string) => TOLD_AS_SEEN.test(text) && !namesKnownBefore(text);
// "However, …", "But …" (sentence-kinds.json contrastOpeners, the list the impression draft reads too).
const CONTRAST_OPENING = new RegExp(`^\\W*(?:${CONTRAST_OPENERS.map(escapeRegExp).join('|')})\\b`, 'i');
// (Digits and brackets too: "CI (BPD/OFD): (70-86) 73", "Fetal Heart (4 Chamber View): Normal".)
const RUN_IN = new RegExp(`^\\p{Lu}[\\p{L}\\d ,/&()-]{1,40}:[ \\t]+\\S`, 'u');
const HEADING_LINE = new RegExp(`^${labelName(48)}:$`);
/** How a sentence that names its own organ was placed: under a region's label it loses nothing by being filed. */
const OWN_ORGAN: ReadonlySet<PlacedBy> = new Set<PlacedBy>(['label', 'organ', 'other']);
const CONCLUSION_LABEL = /^\s*(?:conclusions?|results?|impressions?|opinion)\s*:\s*\S/i;
const INLINE_CONCLUSION = /^\s*(?:conclusions?|results?|impressions?|opinion)\s*[.:]?\s*$/i;
// How an exam named in a preamble line was done: "… with and without contrast", "… was performed", "… compared with …".
const EXAM_DONE = /\b(?:contrast|gadolinium|performed|obtained|acquired|compar(?:ed|ison))\b/i;
// A measure's short label ("CI", "FL/BPD", "S/D ratio") and a line that is only its value ("79    (70-86)", "2.4", "12 cm").
// The findings.json groups of findings named for their tissue: a vessel's, a bone's, the spine's (not a lesion of any organ).
const TISSUE_GROUPS: ReadonlySet<string> = new Set(['vascular', 'bone', 'spine']);
const MEASURE_LABEL = /^[A-Za-z][A-Za-z0-9/.-]{0,9}(?: [A-Za-z0-9/.-]{1,10}){0,2}$/;
const VALUE_ONLY =
  /^\s*[<>~]?\s*\d[\d.,]*\s*(?:%|mm|cm|g|grams?|kg|bpm|weeks?|days?|ratio)?\.?\s*(?:\(\s*\d[\d.,]*\s*(?:-|–|to)\s*\d[\d.,]*\s*\)\.?)?\s*$/i;
// What the images showed, told after the steps of a study: "… SPECT showed uniform uptake", "Gated images demonstrated …".
const RESULTS_TOLD = /\b(?:showed|shows|demonstrated|demonstrates|revealed|reveals)\b/i;
const THIS_LEVEL = /\b(?:this|that|the same|his) (?:disc |disk )?level\b/i;
// A word that points back to a thing told earlier in the report, before the noun it names: "the aforementioned
// presumed phleboliths", "the above-mentioned calcification", "the previously described nodule" (group 1: the words after).
const ABOVE_NAMED = new RegExp(
  String.raw`\b(?:${ABOVE_WORDS}|previously (?:described|mentioned|noted|reported)|earlier (?:described|mentioned))\s+((?:[a-z-]+\s+){0,3}[a-z-]+)|^\W*(?:this|these)\s+((?:[a-z-]+\s+){0,2}[a-z-]+)`,
  'i',
);
// Words after the pointer that name no thing of their own ("the aforementioned presumed phleboliths").
// (Nor do the words that end the noun: a verb, "not", a preposition: "the previously described cyst does not enhance".)
const NO_THING =
  /^(?:presumed|probable|possible|likely|small|large|tiny|left|right|bilateral|and|or|of|in|at|on|to|from|with|within|without|for|by|along|the|a|an|is|are|was|were|be|been|has|have|had|does|do|did|not|no|now|still|again|also|lies|lie|appears?|remains?|measures?|measuring|shows?|showing|demonstrates?|seems?|seen|noted|identified|described|mentioned|unchanged|stable|which|that|may|might|could|can|will|would|should|must|represents?|suggests?|likely|probably|most|requires?|needs?)$/i;
// Nouns "this" points with that name no thing of one sentence ("This finding", "this study", "these changes").
const GENERIC_NOUN =
  /^(?:findings?|study|studies|exams?|examinations?|scans?|levels?|times?|patients?|regions?|areas?|appearances?|changes?|features?|abnormalit(?:y|ies)|observations?|reports?|images?)$/i;
const SIZE_OR_SIDE = /^(?:presumed|probable|possible|small|large|tiny|left|right|bilateral)$/i;

/** The concepts a template's pertinent negative denies, read once per subsection. */
const DENIED = new WeakMap<TemplateSubsection, string[]>();
function deniedBy(sub: TemplateSubsection): string[] {
  let list = DENIED.get(sub);
  if (!list) {
    list = understand(parseReport(`FINDINGS: ${sub.normal ?? ''}`))
      .findings.filter((f) => f.assertion === 'absent')
      .map((f) => f.concept);
    DENIED.set(sub, list);
  }
  return list;
}

/** A label's words, lower case and singular ("Kidneys and ureters" → kidney, and, ureter). */
const wordsIn = (label: string) =>
  label
    .toLowerCase()
    .match(/[a-z0-9]+/g)
    ?.map((w) => w.replace(/s$/, '')) ?? [];

const snippetEscape = (s: string) => s.replace(/[\\$}]/g, (c) => '\\' + c);

/** Consecutive runs of sentences from the same source section. */
function groupBySection(list: readonly number[], sectionOf: (i: number) => number): number[][] {
  const groups: number[][] = [];
  for (const i of list) {
    const last = groups[groups.length - 1];
    if (last && sectionOf(last[last.length - 1]) === sectionOf(i)) last.push(i);
    else groups.push([i]);
  }
  return groups;
}

/**
 * Joins sentences gathered from several places: a space, or a line break after one without end punctuation
 * or before one that stood on a line of its own (`ownLine`).
 */
function joinGathered(texts: readonly string[], eol: string, ownLine: (k: number) => boolean = () => false): string {
  let out = '';
  for (const [k, t] of texts.entries()) {
    if (!out) out = t;
    // A sentence under a run-in label of its own ("Pelvis: Small amount of free fluid.") starts a line,
    // so the label is not read as a word of the sentence before.
    else if (TERMINAL.test(out) && !RUN_IN.test(t) && !ownLine(k)) out += ' ' + t;
    else if (TERMINAL.test(out)) out += eol + t;
    else out += (/^[\p{Lu}\d•*-]/u.test(t) ? eol : eol + eol) + t;
  }
  return out;
}

/** Joins sentences of one source section: a line break where the source had one, so lists stay lists. */
function joinAsWritten(report: Report, sentences: readonly Sentence[], texts: readonly string[], eol: string): string {
  let out = '';
  sentences.forEach((s, k) => {
    const t = texts[k];
    if (k === 0) {
      out = t;
      return;
    }
    const prev = sentences[k - 1];
    const gap = prev.end <= s.start ? report.text.slice(prev.end, s.start) : '';
    const brokeLine = /[\r\n]/.test(gap) || !TERMINAL.test(out);
    out += brokeLine ? (/^[\p{Lu}\d•*-]/u.test(t) ? eol : eol + eol) + t : ' ' + t;
  });
  return out;
}

/**
 * A line that is only an exam's name, set in capitals as titles are ("CT HEAD WITHOUT CONTRAST", not
 * "CT head was requested."): the modality first, a body part, a few words.
 */
function isTitleLine(text: string, s: Sentence, words: readonly Word[]): boolean {
  const alone = /(?:^|\n)[ \t]*$/.test(text.slice(0, s.start).slice(-40)) && /^[ \t.]*(?:\r?\n|$)/.test(text.slice(s.end));
  const capitals = !/[a-z]/.test(text.slice(s.start, s.end));
  return (
    alone && capitals && words.length <= 8 && MODALITY_TRIE.match(words, 0) !== null && words.some((_, k) => BODY_PART_TRIE.match(words, k))
  );
}

/**
 * The report restructured into the template. Every source sentence is in `placed` exactly once and
 * in `text` as written (white space normalised; in snippet mode with $, } and \ escaped).
 */
export function restructure(report: Report, template: ReportTemplate, options: RestructureOptions): Restructured {
  const u = options.understanding ?? understand(report);
  const eol = report.eol;
  const snippet = options.fields === 'snippet';
  const words = wordsFromTokens(report.tokens);
  const router = new Router(template);
  const conceptsBySentence = new Map<number, { concept: string; start: number }[]>();
  // What leaning() read of each sentence.
  const leanings = new Map<number, 'subject' | 'place' | false>();
  /** Sentences that state a finding: "Oral contrast was also administered" states none. */
  // The finding a protocol is named for ("per renal stone protocol") is what was looked for, not found.
  const statesFinding = new Set(
    u.findings
      .filter((f) => !MATERIALS.has(f.concept) && !inProtocolName(report.sentences[f.sentenceIndex], f.start))
      .map((f) => f.sentenceIndex),
  );
  for (const f of u.findings) {
    const list = conceptsBySentence.get(f.sentenceIndex) ?? [];
    list.push({ concept: f.concept, start: f.start });
    conceptsBySentence.set(f.sentenceIndex, list);
  }
  /**
   * Sections read as the exam by their header ("PROCEDURE:", "PROCEDURE PERFORMED:") whose lines tell
   * how the study was done ("… was performed", "images were obtained …"; not the exam's name alone,
   * "CT chest without contrast."): the technique. Not the steps of an intervention (consent, needle,
   * sheath, catheters): no technique field holds them, they stay as written.
   */
  const procedureSections = new Set(
    report.sections.flatMap((x, k) =>
      x.kind === 'exam' &&
      x.header &&
      isProcedureHeader(x.header.name) &&
      !saysNarrativeStep(report.text.slice(x.start, x.end)) &&
      report.sentences.some((y) => y.section === k && sentenceKind(y.text, true) === 'technique')
        ? [k]
        : [],
    ),
  );
  const hasExamSection = report.sections.some((s, k) => s.kind === 'exam' && !procedureSections.has(k));
  /** Sentences that state a finding present or possible: under a history header they would read as a question. */
  const stating = new Set(u.findings.filter((f) => f.assertion === 'present' || f.assertion === 'possible').map((f) => f.sentenceIndex));
  /** Those stating the patient's state ("This is a 22-year-old pregnant female."): a fact, never a question. */
  const statingState = new Set(
    u.findings.filter((f) => f.assertion === 'present' && PATIENT_STATES.has(f.concept)).map((f) => f.sentenceIndex),
  );

  // "CT ABDOMEN:", "PELVIS:" outside FINDINGS: a region of the findings under its own heading, not a
  // section of another kind. Its sentences are filed by organ like any finding.
  const anatomyHeaders = new Set<number>();
  /**
   * A heading naming a region of another exam ("CERVICAL SPINE:" in a head CT): its paragraph stays
   * together under Other, opened by the heading. Filed one by one, "There is mild generalized
   * osteopenia" would become the skull's. A region a general word names ("PELVIS") is not one.
   */
  // (An organ word that is not itself the region's name: "spine" in "CERVICAL SPINE" is a region, the bones only by the way.)
  const namesOwnField = (name: string) => {
    const hw = wordsOf(name);
    const regions = hw.flatMap((w, j) => {
      const m = BODY_PART_TRIE.match(hw, j);
      return m ? [{ start: w.start, end: hw[m.end - 1].end }] : [];
    });
    return organsNamed(hw, name).some(
      (h) => router.subsOf(h.organ).length > 0 && !regions.some((r) => r.start <= h.start && h.end <= r.end),
    );
  };
  const otherExam = (name: string) => {
    const hw = wordsOf(name);
    const parts = hw.flatMap((_, j) => BODY_PART_TRIE.match(hw, j)?.value ?? []);
    const covers = (p: { part: string; context: string }) => template.bodyParts.includes(p.part) || template.bodyParts.includes(p.context);
    return parts.length > 0 && parts.every((p) => p.context !== 'other' && !covers(p));
  };
  /** Sections headed by an exam's title that state no finding: the exam. */
  const examTitles = new Set<number>();
  /** Headings that are one field's label: the field, and the section's first sentence (which the heading opens). */
  const headedBy = new Map<number, { sub: number; first: number }>();
  report.sections.forEach((section, k) => {
    if (section.kind !== 'other' || !section.header || knownSectionKind(section.header.name) !== null) return;
    // "MAMMOGRAPHY INFORMATION:" names a body part over boilerplate, not a region of the findings: it stays as written.
    if (isNoticeHeader(section.header.name)) return;
    // "NARRATIVE:", "NUCLEAR INTERPRETATION:" over a nuclear study's images: its findings, filed by organ.
    if (isResultsHeader(section.header.name)) {
      anatomyHeaders.add(k);
      return;
    }
    // A sided heading ("RIGHT LEG:", "LEFT KIDNEY:") keeps its sentences under it: filed by organ they would lose their side.
    if (SIDED.test(section.header.name)) return;
    const hw = wordsOf(section.header.name);
    const named = organsNamed(hw, section.header.name);
    const bodyPart = hw.some((_, j) => BODY_PART_TRIE.match(hw, j));
    if (named.length || bodyPart) anatomyHeaders.add(k);
    // A heading of a technique alone ("DOPPLER:", "COLOR FLOW:" in an echocardiogram) over lines that
    // name this template's organs ("Mild mitral and tricuspid regurgitation.") is findings told by that
    // technique: filed by organ, never the exam's title.
    // (All its words but one are the technique's: not "REASON FOR CT SCAN:".)
    const techniqueWords = hw.reduce((n, _, j) => Math.max(n, (MODALITY_TRIE.match(hw, j)?.end ?? j) - j), 0);
    const techniqueOnly = !bodyPart && techniqueWords > 0 && hw.length - techniqueWords <= 1;
    const inSection = report.sentences.filter((x) => x.section === k);
    const namesField = (x: Sentence) => {
      const xw = wordsOf(x.text);
      return organsNamed(xw, x.text).some((h) => router.subsOf(h.organ).length > 0);
    };
    if (techniqueOnly && inSection.some(namesField)) anatomyHeaders.add(k);
    // A heading that names no region over lines opened by this template's field names ("GENERAL EVALUATION:
    // Placenta: … Cervix: …") is part of the findings: its lines are filed by field, not left after the impression.
    const labelled = inSection.filter((x) => {
      const label = /^\s*([^:]{1,40}):/.exec(x.text)?.[1];
      return label !== undefined && organsNamed(wordsOf(label), label).some((h) => router.subsOf(h.organ).length > 0);
    });
    if (inSection.length >= 2 && labelled.length * 2 >= inSection.length) anatomyHeaders.add(k);
    // A heading that names one field's organ ("BPD:", "HC:" in an obstetric scan) is that field's label:
    // its sentences go there, and the heading opens the first of them, so "8.4 cm" stays the BPD's.
    const fields = new Set(named.flatMap((h) => router.subsOf(h.organ)));
    // Only a heading over a line or two ("BPD: 8.4 cm ..."), not an exam title ("MRI BRAIN:") nor a
    // region's paragraph ("FACIAL BONES: ... orbits ... sinuses ..."), whose sentences are filed one by one.
    const lines = report.sentences.filter((x) => x.section === k).length;
    // (An exam's title names a body part: "MRI BRAIN:", not "DOPPLER:".)
    const titled = MODALITY_TRIE.match(hw, 0) !== null && (bodyPart || !anatomyHeaders.has(k));
    const sub = fields.size === 1 && lines <= 2 && !titled ? [...fields][0] : -1;
    // The field's own name as the heading ("FETAL ANATOMY:") is said by the field's label.
    const own = sub >= 0 && norm(section.header.name).toLowerCase() === template.findings[sub].label.toLowerCase();
    const first = report.sentences.findIndex((x) => x.section === k);
    // "MRI BRAIN WITH AND WITHOUT CONTRAST: __": an exam's title set as a heading over no finding is the
    // exam, its words kept with its line; filed by organ, the heading would be lost.
    // So is a title that opens on the body part and names its modality after ("CHEST W/CONTRAST CT EXAM DATE: __").
    const titleAnywhere = titled || (bodyPart && hw.some((_, j) => MODALITY_TRIE.match(hw, j)));
    if (titleAnywhere && report.sentences.every((x, i) => x.section !== k || !conceptsBySentence.has(i))) {
      examTitles.add(k);
      headedBy.set(k, { sub: HEAD, first });
    } else if (sub >= 0) headedBy.set(k, { sub, first: own ? -1 : first });
    else if (otherExam(section.header.name)) headedBy.set(k, { sub: OTHER, first });
    // A region's heading over a line or two that say nothing without it ("EJECTION FRACTION: 72%."):
    // the heading stays with its line, in the general field, so the value keeps its name.
    // (Not an exam's name, "ANKLE MRI:", over the exam's title line: that line says what it is.)
    else if (
      anatomyHeaders.has(k) &&
      lines <= 2 &&
      first >= 0 &&
      !conceptsBySentence.has(first) &&
      !hw.some((_, j) => MODALITY_TRIE.match(hw, j))
    ) {
      const fw = wordsOf(report.sentences[first].text);
      if (!organsNamed(fw, report.sentences[first].text).length) headedBy.set(k, { sub: HEAD, first });
    }
  });
  // A short label over a value alone ("CI: 83    (70-86)", the cephalic index, between "HC:" and "FL/BPD:") inside a
  // list of one field's measures is one more of them: that field's, its label kept on its line, not a loose block after
  // the findings. Only a value (a number, a unit, a normal range), under a label of one to three short words.
  report.sections.forEach((section, k) => {
    if (section.kind !== 'other' || !section.header || headedBy.has(k) || anatomyHeaders.has(k)) return;
    if (knownSectionKind(section.header.name) !== null || !MEASURE_LABEL.test(section.header.name.trim())) return;
    const inSection = report.sentences.flatMap((x, i) => (x.section === k ? [i] : []));
    if (inSection.length !== 1 || !VALUE_ONLY.test(report.sentences[inSection[0]].text)) return;
    const list = [headedBy.get(k - 1), headedBy.get(k + 1)].find((h) => h !== undefined && h.sub >= 0);
    if (!list) return;
    anatomyHeaders.add(k);
    headedBy.set(k, { sub: list.sub, first: inSection[0] });
  });
  // The same heading inside FINDINGS ("FINDINGS: HEAD: … CERVICAL SPINE: …"): its sentences, the heading's own line first.
  const otherRegion = new Set<number>();
  for (const section of report.sections)
    for (const part of section.kind === 'findings' ? section.subsections : [])
      // (Not a label naming an organ of a field here: "Lung bases:" in an abdomen CT is its Lower chest.)
      if (!SIDED.test(part.header.name) && otherExam(part.header.name) && !namesOwnField(part.header.name))
        report.sentences.forEach((x, i) => x.start >= part.start && x.start < part.end && otherRegion.add(i));
  const header = new Map<string, number[]>(HEADER_SECTIONS.map(([kind]) => [kind, []]));
  const impression: number[] = [];
  const extra = new Map<number, number[]>(); // source section index -> sentences (communication, other)
  const subs: number[][] = template.findings.map(() => []);
  const other: number[] = [];
  const head: number[] = [];
  const placedBy = new Map<number, PlacedBy>();
  /** The field each FINDINGS sentence was filed under, as filed (a back-reference follows it). */
  const filedUnder = new Map<number, number>();
  /** Organs the findings name anywhere ("The liver, gallbladder and spleen are unremarkable" names three). */
  const namedInFindings = new Set<string>();
  const labelOf = new Map<number, string>();
  /** A prior study's heading moved to COMPARISON, by its section: the first sentence, which the heading opens. */
  const priorHeaded = new Map<number, number>();

  let w = 0;
  /** A heading line waiting for the sentence it heads. */
  let heading: { i: number; target: Target; section: number } | null = null;
  let flowSection = -1;
  let previous: Target | null = null;
  /** The level field the last sentence at a level went to: "at this level" speaks of it. */
  let lastLevel: number | null = null;
  /**
   * The level a level label opened ("C5-6: … . No cord compression."): its line stays under it. A
   * sentence at one level opens its paragraph ("At the L4-5 level, … . There is broad based disk
   * bulging …"): what follows in it at no other level and of the level's own parts stays there too.
   */
  let openLevel: { sub: number; end: number; paragraph?: true } | null = null;
  // "INTERPRETATION: Real-time exam demonstrates a single intrauterine fetus …" above the IMPRESSION,
  // and "DISCUSSION: No acute intracranial abnormalities …" in a report without FINDINGS: the findings.
  const lastImpression = report.sections.map((x) => x.kind).lastIndexOf('impression');
  const noFindings = !report.sections.some((x) => x.kind === 'findings');
  // "INTERPRETATION: Resting heart rate … IMPRESSION: Nondiagnostic stress test. NUCLEAR INTERPRETATION: …": an
  // interpretation a findings section follows is a part of its own (the stress ECG's): kept as written, under its heading.
  const partBefore = new Set(
    report.sections.flatMap((x, k) =>
      x.kind === 'impression' &&
      k < lastImpression &&
      INTERPRETATION.test(x.header?.name ?? '') &&
      report.sections.some((y, j) => j > k && (y.kind === 'findings' || (y.kind === 'other' && isResultsHeader(y.header?.name ?? ''))))
        ? [k]
        : [],
    ),
  );
  const interpretation = new Set(
    report.sections.flatMap((x, k) =>
      // (Not one telling a procedure's steps: "INTERPRETATION: … consent was obtained … Probe was introduced …" stays as written.)
      (x.kind === 'impression' &&
        k < lastImpression &&
        !partBefore.has(k) &&
        INTERPRETATION.test(x.header?.name ?? '') &&
        !saysNarrativeStep(report.text.slice(x.start, x.end))) ||
      (x.kind === 'other' && noFindings && DISCUSSION.test(x.header?.name ?? ''))
        ? [k]
        : [],
    ),
  );
  // "INTERPRETATION: Informed consent was obtained. … The probe was introduced without difficulty. The patient
  // tolerated the procedure well." (a TEE), "DESCRIPTION OF PROCEDURE: …": the steps of how the study was done,
  // stating no finding, are its technique, not a block of their own after the findings with TECHNIQUE empty.
  const procedureSteps = new Set(
    report.sections.flatMap((x, k) =>
      ((x.kind === 'other' && !anatomyHeaders.has(k) && !isComparisonHeader(x.header?.name ?? '')) ||
        (x.kind === 'impression' && k < lastImpression && INTERPRETATION.test(x.header?.name ?? ''))) &&
      saysNarrativeStep(report.text.slice(x.start, x.end)) &&
      report.sentences.some((y) => y.section === k) &&
      !report.sentences.some((y, j) => y.section === k && statesFinding.has(j))
        ? [k]
        : [],
    ),
  );
  const hasFindings = !noFindings || interpretation.size > 0;
  // A FINDINGS section with sentences of its own: only then is a patient's line above it the question, not the answer.
  const findingsWritten = interpretation.size > 0 || report.sentences.some((y) => report.sections[y.section]?.kind === 'findings');
  // "… in bone structures. Conclusion. There are ground glass densities …": an impression's heading written
  // as a sentence of its own inside the findings' run (translated CT reports): what follows it in that
  // section is the impression. Only where the report has no IMPRESSION of its own.
  const concludedFrom = new Map<number, number>();
  if (lastImpression < 0)
    report.sentences.forEach((x, i) => {
      if (report.sections[x.section]?.kind !== 'findings' || concludedFrom.has(x.section)) return;
      const alone = INLINE_CONCLUSION.test(x.text) && report.sentences[i + 1]?.section === x.section;
      if (alone || CONCLUSION_LABEL.test(x.text)) concludedFrom.set(x.section, i);
    });
  /** TECHNIQUE sections the findings are dictated on in. */
  const techniqueFindings = new Set<number>();
  report.sentences.forEach((s, i) => {
    while (w < words.length && words[w].start < s.start) w++;
    let w1 = w;
    while (w1 < words.length && words[w1].end <= s.end) w1++;
    const sw = words.slice(w, w1);
    // "PROCEDURE: Complete 2D, M-mode and Doppler echocardiogram was performed.": how the study was done
    // fills TECHNIQUE, not a section of its own beside an empty one (its findings still go by organ).
    const kind = procedureSections.has(s.section) ? 'technique' : (report.sections[s.section]?.kind ?? 'preamble');
    // "EXAM: Bilateral diagnostic mammogram.⏎⏎History of palpable abnormality …": the exam is its first line, the rest history.
    // (Not a finding told as seen after who the patient is, "A 70-year-old woman with a small right parietal hemorrhage
    // is seen.": under the history it would read as the question; it stays where it was written.)
    const examHistory =
      kind === 'exam' &&
      report.sentences[i - 1]?.section === s.section &&
      sentenceKind(s.text) === 'history' &&
      !(statesFinding.has(i) && toldAsSeen(s.text));
    if (examHistory) {
      header.get('history')!.push(i);
      placedBy.set(i, 'section');
      return;
    }
    if (examTitles.has(s.section)) {
      header.get('exam')!.push(i);
      placedBy.set(i, 'title');
      return;
    }
    // An exam title on a line of its own below the history ("CT HEAD WITHOUT CONTRAST") is the exam.
    const titleBelow = kind === 'history' && report.sentences[i - 1]?.section === s.section && !conceptsBySentence.has(i);
    if (titleBelow && isTitleLine(report.text, s, sw)) {
      header.get('exam')!.push(i);
      placedBy.set(i, 'title');
      return;
    }
    // Findings dictated on in the TECHNIQUE paragraph ("… was performed with contrast. There has been no
    // change in the aneurysm …"): from the first sentence stating a finding, what is not technique is the findings'.
    // (So does a paragraph of its own after the steps that opens on what the images showed: "PROCEDURE: … was injected …
    // ⏎⏎ Resting Myoview and adenosine Myoview SPECT showed uniform uptake …", a stress test's results.)
    const prev = report.sentences[i - 1];
    const resultsParagraph =
      procedureSections.has(s.section) &&
      prev?.section === s.section &&
      BLANK_LINE.test(report.text.slice(prev.end, s.start)) &&
      RESULTS_TOLD.test(s.text);
    const findingInTechnique =
      kind === 'technique' &&
      (statesFinding.has(i) || techniqueFindings.has(s.section) || resultsParagraph) &&
      sentenceKind(s.text, organsNamed(sw, s.text, s.start).length > 0) === null;
    if (findingInTechnique) techniqueFindings.add(s.section);
    else if (kind === 'exam' || kind === 'history' || kind === 'technique' || kind === 'comparison') {
      // "TECHNIQUE: CT of the head was performed without contrast. There are no comparison studies.": the comparison's.
      const own =
        kind === 'technique' && sentenceKind(s.text, organsNamed(sw, s.text, s.start).length > 0) === 'comparison' ? 'comparison' : kind;
      header.get(own)!.push(i);
      placedBy.set(i, 'section');
      return;
    }
    // (Only the steps: a sentence of the section that states something of an organ and is no step, "Dense spontaneous echo
    // contrast was present in the left atrial appendage", may be a finding the lexicon does not know: it stays put.)
    const ofOrgan = () => readClause(s.text, s, 'findings', null).positive && organsNamed(sw, s.text, s.start).length > 0;
    if (procedureSteps.has(s.section) && (saysNarrativeStep(s.text) || !ofOrgan())) {
      header.get('technique')!.push(i);
      placedBy.set(i, 'section');
      return;
    }
    if (
      (kind === 'impression' && !interpretation.has(s.section) && !partBefore.has(s.section)) ||
      (concludedFrom.get(s.section) ?? Infinity) <= i
    ) {
      impression.push(i);
      placedBy.set(i, 'section');
      return;
    }
    // "DATE OF PREVIOUS ULTRASOUND: 03/05/07." among an obstetric worksheet's dating lines: the comparison, its heading kept as its label.
    const sectionHeader = report.sections[s.section].header;
    if (kind === 'other' && sectionHeader && isComparisonHeader(sectionHeader.name)) {
      header.get('comparison')!.push(i);
      placedBy.set(i, 'section');
      if (report.sections[s.section].items.length === 0 && !priorHeaded.has(s.section)) priorHeaded.set(s.section, i);
      return;
    }
    if (
      kind === 'communication' ||
      partBefore.has(s.section) ||
      (kind === 'other' && !anatomyHeaders.has(s.section) && !interpretation.has(s.section))
    ) {
      extra.set(s.section, [...(extra.get(s.section) ?? []), i]);
      placedBy.set(i, 'section');
      return;
    }
    // A title line above the headers ("CT ABDOMEN WITH CONTRAST") is the exam, unless it states a finding.
    const span = u.exam.span;
    if (kind === 'preamble' && !hasExamSection && span && s.start <= span.start && span.end <= s.end && !conceptsBySentence.has(i)) {
      header.get('exam')!.push(i);
      placedBy.set(i, 'title');
      return;
    }
    // How the exam was done and what it was compared with, dictated among the findings or above the
    // headers, go to their sections; other lines above the headers of a report that has its FINDINGS
    // ("This is a 22-year-old female.") are its history. Only sentences that state no finding move.
    // The organs a sentence names, read once: what moves it to a header section and where it is filed.
    const organs = router.organsNamed(sw, s.text, s.start);
    // "In non-contrast sections, the gallbladder appears operated" names an organ: a finding.
    // Among the findings, an organ's finding told with the history it bears out ("The left kidney shows multicystic
    // change, in keeping with the patient's history of dysplastic kidney.") is that organ's: its organ comes first.
    const read = sentenceKind(s.text, organs.length > 0);
    // So is one that opens with the history and goes on to what this exam shows ("History of craniotomy, and
    // ossification of the posterior longitudinal ligament is seen at C3-6."): the whole sentence stays a finding.
    const bearsOutHistory =
      read === 'history' &&
      kind === 'findings' &&
      ((organs.some((h) => router.subsOf(h.organ).length > 0) && organs[0].start - s.start < historyAt(s.text)) ||
        observedAfterHistory(s.text));
    const sentence = bearsOutHistory ? null : read;
    // Who the patient is, above the headers, is the history even when it names a finding ("This is a
    // 34-year-old female with no fetal heart motion noted on office scan"), or states the one asked about
    // ("This is a middle-aged female with … a growth on the arm", the question); among the findings only a
    // line that states none moves ("L M P: not given").
    // (Not a change in the finding before, told against the prior: "When compared with the previous
    // examination, minimal regression was detected in the described appearance." is that finding's.)
    // An unlabelled preamble above the report's own FINDINGS is sorted by kind before organ: a finding named as known
    // before this exam ("Known right breast carcinoma.", "Recent diagnosis of left breast cancer.") or the question
    // ("Evaluate malignancy.") is the history; the exam's line telling how it was done ("Bilateral breast MRI with and
    // without contrast, compared with the study of …") the technique.
    if (kind === 'preamble' && findingsWritten) {
      const examDone = !statesFinding.has(i) && examsNamed(sw).length > 0 && names(sw) && EXAM_DONE.test(s.text);
      const asked = (namesKnownBefore(s.text) || (opensWithRequest(s.text) && !stating.has(i))) && !toldNow(s.text);
      const byKind = asked ? 'history' : examDone ? 'technique' : null;
      if (byKind) {
        header.get(byKind)!.push(i);
        placedBy.set(i, 'section');
        return;
      }
    }
    const moved =
      sentence === 'history' &&
      kind === 'preamble' &&
      (opensWithPatient(s.text) && statesFinding.has(i) ? !statingState.has(i) && findingsWritten && !toldAsSeen(s.text) : !stating.has(i))
        ? sentence
        : statesFinding.has(i) || (sentence === 'comparison' && (!!leaning(s, i, organs) || pointsBack(s, organs)))
          ? null
          : (sentence ?? (kind === 'preamble' && hasFindings && !(organs.length > 0 && toldNow(s.text)) ? 'history' : null));
    if (moved) {
      header.get(moved)!.push(i);
      placedBy.set(i, 'section');
      return;
    }
    // "This is a 22-year-old pregnant female.": who the patient is, stating a finding that under a
    // history header would read as the clinical question; in the findings' general field, no organ's.
    // Not the reading of the finding before ("It was evaluated as compatible with respiratory
    // bronchiolitis in the case with a history of smoking."): that stays with it.
    const leansOnBefore = previous !== null && s.section === flowSection && !!leaning(s, i, organs);
    if (sentence === 'history' && !leansOnBefore) {
      head.push(i);
      placedBy.set(i, 'unplaced');
      return;
    }
    // FINDINGS (or a report without headers): file by organ.
    if (s.section !== flowSection) {
      flowSection = s.section;
      previous = null;
      openLevel = null;
      lastLevel = null;
    }
    const routed = route(s, i, sw, organs);
    const target = routed.by === 'context' ? { ...routed, sub: router.toldOnFrom(routed.sub) } : routed;
    // A heading line of its own ("BIOMETRIC DATA:") that names no field heads the lines after it: it
    // waits for the next sentence of its section and goes where that one goes.
    // A region's heading ("CT ABDOMEN:") is the general field's: its paragraph is filed organ by organ.
    const headingLine = HEADING_LINE.test(s.text) && (target.by === 'context' || target.by === 'unplaced');
    if (headingLine && names(sw)) {
      file({ i, target: { sub: HEAD, by: 'unplaced' } });
      return;
    }
    if (headingLine) {
      file(heading);
      heading = { i, target, section: s.section };
      return;
    }
    if (heading?.section === s.section && target.sub !== HEAD) heading.target = { sub: target.sub, by: 'context' };
    file(heading);
    heading = null;
    file({ i, target });
    previous = target;
    if (router.isLevel(target.sub)) lastLevel = target.sub;
  });
  file(heading);
  /** The first sentences of paragraphs by side kept whole in the general field. */
  const sidedOpenings = new Set<number>();
  /** The first sentences of sides kept whole in a field: each starts a line there. */
  const sidesInField = new Set<number>();
  /** Runs under a technique's heading kept whole, by their heading: written as in the source, list numbers and lines. */
  const writtenWhole = new Map<number, number[]>();
  keepSidedParagraphs();
  keepRegionRuns();
  keepTechniqueRuns();

  /** The runs of listed sentences each `opens` begins (the sentences right after it in its section), by section. */
  function runsBySection(listOf: Map<number, unknown>, opens: (i: number) => boolean): Map<number, number[][]> {
    const runs: number[][] = [];
    for (const i of [...listOf.keys()].sort((a, b) => a - b)) {
      const last = runs[runs.length - 1];
      const p = last?.[last.length - 1];
      if (opens(i)) runs.push([i]);
      else if (last && p === i - 1 && report.sentences[p].section === report.sentences[i].section) last.push(i);
    }
    const bySection = new Map<number, number[][]>();
    for (const run of runs) {
      const k = report.sentences[run[0]].section;
      bySection.set(k, [...(bySection.get(k) ?? []), run]);
    }
    return bySection;
  }

  /**
   * Findings told technique by technique under headings of their own ("2-D STUDY ⏎ 1. Mild aortic stenosis …
   * ⏎⏎ DOPPLER ⏎ 1. … but no aortic stenosis."): each item says what that technique showed. Filed by organ,
   * "Mild aortic stenosis" and "no aortic stenosis" would stand side by side with neither's technique, and
   * each list's numbers would be cut loose; so where one section has two such headings, each heading's run
   * stays whole, as written, numbers and all, on lines of its own in the findings' general field.
   */
  function keepTechniqueRuns() {
    const listOf = listsByIndex();
    const bySection = runsBySection(listOf, (i) => TECHNIQUE_HEADING.test(report.sentences[i].text));
    for (const list of bySection.values()) {
      if (list.length < 2) continue;
      for (const run of list) {
        keepWhole(run, listOf);
        writtenWhole.set(run[0], run);
      }
    }
    head.sort((a, b) => a - b);
  }

  /**
   * Findings told region by region under run-in labels ("FINDINGS: Abdomen: The lung bases are clear … Pelvis:
   * The ureters … No free air, free fluid, or inflammatory change is present."): a sentence naming no region
   * has the region of its label. Filed by organ, "No free fluid" of the pelvis would read as a repeat of the
   * abdomen's, so where one section has two regions' runs, such a run stays whole, as written, on a line of
   * its own in the findings' general field, opened by its label. A run whose every sentence names its own
   * organ loses nothing by its label ("Abdomen: The liver is normal. There is a 2 cm cyst in the left
   * kidney."): the region is no organ, and each sentence is filed under its organ's field.
   */
  function keepRegionRuns() {
    const listOf = listsByIndex();
    // (A run-in label, on the line of its first sentence: a heading on a line of its own heads its lines as headings do.)
    const regionLabel = (i: number) => {
      if (HEADING_LINE.test(report.sentences[i].text)) return null;
      const name = LABEL.exec(report.sentences[i].text)?.[1];
      if (!name || name.trim().split(/\s+/).length > 3) return null;
      const lw = wordsOf(name);
      return lw.some((_, j) => BODY_PART_TRIE.match(lw, j)) && organsNamed(lw, name).length === 0 ? name.trim().toLowerCase() : null;
    };
    // Placed by what it says itself: an organ it names, or a finding of one organ no region shares ("No pleural effusion.").
    // (Not a field of organs every region has: "No free fluid." is the pelvis's or the abdomen's by its label.)
    const regionWideField = (i: number) => {
      const k = subs.findIndex((list) => list.includes(i));
      return k >= 0 && template.findings[k].organs.every((o) => REGION_WIDE.has(o));
    };
    const placedOwn = (i: number) => {
      const by = placedBy.get(i);
      if (regionWideField(i)) return false;
      if (by !== undefined && OWN_ORGAN.has(by)) return true;
      const concepts = conceptsBySentence.get(i) ?? [];
      return (
        by === 'finding' &&
        concepts.length > 0 &&
        concepts.every((c) => {
          const of = ORGANS_OF_CONCEPT.get(c.concept) ?? [];
          return of.length === 1 && !REGION_WIDE.has(of[0]);
        })
      );
    };
    const bySection = runsBySection(listOf, (i) => regionLabel(i) !== null);
    for (const list of bySection.values()) {
      if (new Set(list.map((run) => regionLabel(run[0]))).size < 2) continue;
      for (const run of list) if (!run.every(placedOwn)) keepWhole(run, listOf);
    }
    head.sort((a, b) => a - b);
  }

  /**
   * Findings told side by side, a paragraph each ("The left testicle measures … There is a trace
   * hydrocele.⏎⏎The right testicle measures … The epididymis has normal appearance."): a sentence
   * naming no side has the side of its paragraph. Filed under another organ's field than the
   * paragraph's opening, it would lose that side (the right epididymis read as a repeat of the left),
   * so such a paragraph stays whole, as written, in the findings' general field.
   */
  function keepSidedParagraphs() {
    const listOf = listsByIndex();
    const paragraphs: number[][] = [];
    for (const i of [...listOf.keys()].sort((a, b) => a - b)) {
      const last = paragraphs[paragraphs.length - 1];
      const p = last?.[last.length - 1];
      const [a, b] = [report.sentences[p ?? -1], report.sentences[i]];
      if (last && p === i - 1 && a.section === b.section && !BLANK_LINE.test(report.text.slice(a.end, b.start))) last.push(i);
      else paragraphs.push([i]);
    }
    const sideOf = (p: number[]) => SIDE_OPENING.exec(report.sentences[p[0]].text)?.[1].toLowerCase();
    const sided = paragraphs.filter((p) => p.length > 1 && sideOf(p));
    if (new Set(sided.map(sideOf)).size < 2) return;
    // One side told over several paragraphs in a row ("On the left, … See the velocity measurements below: ⏎⏎
    // Left carotid ECA … ⏎⏎ Left internal carotid artery again demonstrates …"): kept whole, they are kept
    // whole together, so a lead-in still leads to its lines and "again" still follows what it repeats.
    const bySide: number[][][] = [];
    for (const p of sided) {
      const run = bySide[bySide.length - 1];
      const last = run?.[run.length - 1];
      if (run && sideOf(last) === sideOf(p) && paragraphs.indexOf(last) === paragraphs.indexOf(p) - 1) run.push(p);
      else bySide.push([p]);
    }
    for (const run of bySide) {
      const whole = (p: number[]) => {
        const opening = listOf.get(p[0]);
        return p.every((i) => SIDED.test(report.sentences[i].text) || listOf.get(i) === opening);
      };
      if (run.every(whole)) continue;
      // Where the side's sentences filed by organ all stand in one field (the rest in no field), the field of both sides' vessels
      // ("Carotid and vertebral arteries"), the side is kept whole there, in its place after (or before) the
      // other side's, not at the head of the findings above it.
      const all = run.flat();
      const fieldsOf = new Set(all.map((i) => listOf.get(i)).filter((l) => l !== head && l !== other));
      const [field] = fieldsOf;
      if (fieldsOf.size === 1 && subs.includes(field!)) {
        for (const i of all) {
          const from = listOf.get(i)!;
          if (from === field) continue;
          from.splice(from.indexOf(i), 1);
          field!.push(i);
          placedBy.set(i, 'context');
        }
        field!.sort((a, b) => a - b);
        for (const p of sided) if (field!.includes(p[0])) sidesInField.add(p[0]);
        continue;
      }
      for (const p of run) keepWhole(p, listOf);
    }
    head.sort((a, b) => a - b);
  }

  /** Which field's list (or Other, or the findings' head) each sentence now stands in. */
  function listsByIndex() {
    const listOf = new Map<number, number[]>();
    for (const list of [...subs, other, head]) for (const i of list) listOf.set(i, list);
    return listOf;
  }

  /** A run of sentences taken out of their fields and kept whole, as written, at the findings' head. */
  function keepWhole(run: number[], listOf: Map<number, number[]>) {
    sidedOpenings.add(run[0]);
    for (const i of run) {
      const from = listOf.get(i)!;
      from.splice(from.indexOf(i), 1);
      head.push(i);
      placedBy.set(i, i === run[0] ? 'unplaced' : 'context');
    }
  }

  /** Words that name a body part or a modality ("CT ABDOMEN", "PELVIS"). */
  // (Not a technique that measured the organ before: "There is normal Doppler blood flow.")
  /** Whether an organ word stands next to a modality word, in an exam's name ("breast MRI", "MRI of the breast", "chest CT"). */
  function inExamName(ws: readonly Word[], h: OrganHit): boolean {
    return ws.some((w, j) => {
      const m = MODALITY_TRIE.match(ws, j);
      if (!m) return false;
      const end = ws[m.end - 1].end;
      return (
        /^[\s-]*$/.test(report.text.slice(end, h.start)) ||
        /^[\s-]*(?:of\s+(?:the\s+)?(?:left\s+|right\s+|both\s+|bilateral\s+)?)?$/i.test(report.text.slice(end, h.start)) ||
        /^[\s-]*$/.test(report.text.slice(h.end, w.start))
      );
    });
  }

  /** The modalities a sentence names ("CT", "MG"). */
  function examsNamed(ws: readonly Word[]): string[] {
    return ws.flatMap((_, j) => MODALITY_TRIE.match(ws, j)?.value ?? []);
  }

  function names(ws: readonly Word[]): boolean {
    const exam = (j: number) => {
      const m = MODALITY_TRIE.match(ws, j);
      return m !== null && !MEASURED_AFTER.test(report.text.slice(ws[m.end - 1].end));
    };
    // "The hernia neck measures 2.7 cm.", "the neck of the aneurysm": a thing's neck, not the region.
    const thingNeck = (j: number) => ws[j].norm === 'neck' && ((j > 0 && THING_NECKS.has(ws[j - 1].norm)) || ws[j + 1]?.norm === 'of');
    return ws.some((_, j) => (BODY_PART_TRIE.match(ws, j) && !thingNeck(j)) || exam(j));
  }

  /**
   * Whether a FINDINGS sentence points back to the one before it in its section, as the verifier reads it
   * (`leansOn`: "The nodule exhibits …", "This finding …", "… in this localization", "the described
   * appearance"), or names by a noun what the one before said by its verb ("… are narrowed. The
   * narrowing is more pronounced …"). Filed apart from it, it would speak of something else.
   */
  function leaning(s: Sentence, i: number, organs: readonly OrganHit[]): 'subject' | 'place' | false {
    // Read once per sentence (its organs are read once too): placing a sentence may ask up to three times, and
    // each reading parses its clause anew (a fifth of restructure's time on IU reports).
    let read = leanings.get(i);
    if (read === undefined) leanings.set(i, (read = leaningOf(s, i, organs)));
    return read;
  }
  function leaningOf(s: Sentence, i: number, organs: readonly OrganHit[]): 'subject' | 'place' | false {
    const prev = report.sentences[i - 1];
    if (!prev || prev.section !== s.section) return false;
    // The organ words of the sentence itself: "The spleen is enlarged." names its own organ.
    const own = new Set(
      organs.flatMap((h) =>
        (
          report.text
            .slice(h.start, h.end)
            .toLowerCase()
            .match(/[a-z]+/g) ?? []
        ).map(stem),
      ),
    );
    if (leansOn(readClause(s.text, s, 'findings', null), prev.text, own)) return 'subject';
    // "… in this localization", naming no place of its own before it.
    const place = PLACE_REFERENCE.exec(s.text);
    // (A part word is how the thing looks, no place: "The boundaries of the soft tissue density observed in the described localization …".)
    const partWord = (h: OrganHit) => PART_WORDS.has(report.text.slice(h.start, h.end).toLowerCase());
    if (place && !organs.some((h) => h.start < s.start + place.index && !partWord(h))) return 'place';
    const nominal = NOMINAL_SUBJECT.exec(s.text);
    const noun = nominal?.[1];
    // (A word before an organ's name is no noun of its own: "The right epididymis is normal.")
    const verbAt = nominal ? s.start + nominal[0].length - 1 : -1;
    if (organs.some((h) => h.start <= verbAt && verbAt < h.end) || (noun && MODIFIER.test(noun))) return false;
    // (Not the exam itself: "The examination is limited" after "… was examined".)
    if (!noun || own.has(stem(noun.toLowerCase())) || STUDY_NOUN.test(noun)) return false;
    const before = prev.text.toLowerCase().match(/[a-z]+/g) ?? [];
    // (Or a word for a lesion after another: "… a focal area of T2 hypointensity … . The lesion shows restricted diffusion".
    // A short root is no reason against it: "The mass surrounds the subclavian artery" after the lung mass is that mass's.)
    const lesion = LESION_NOUN.test(noun) && before.some((w) => LESION_NOUN.test(w));
    if (lesion) return 'subject';
    return ROOT(noun).length >= 4 && before.some((w) => ROOT(w) === ROOT(noun)) ? 'subject' : false;
  }

  /** Whether a sentence is a later one of the numbered item the sentence before it opened or went on. */
  function sameItem(i: number): boolean {
    const [s, prev] = [report.sentences[i], report.sentences[i - 1]];
    if (!prev || prev.section !== s.section) return false;
    const item = report.sections[s.section].items.find((x) => x.start <= prev.start && s.end <= x.end);
    return !!item && item.marker.start !== s.start;
  }

  /**
   * The field of the latest earlier sentence of the section that names the thing a sentence points back to with
   * "the aforementioned / above-mentioned / previously described …" (its head noun, the last of the words after the
   * pointer before a verb or preposition); undefined when none does (a prior exam's, say) or it was filed at the head.
   */
  function toldEarlier(s: Sentence, i: number): number | undefined {
    const pointer = ABOVE_NAMED.exec(s.text);
    if (!pointer) return undefined;
    const words = (pointer[1] ?? pointer[2]).split(/\s+/);
    // ("This represents a cyst": "this" is the subject, no pointer to a cyst told earlier; "This small nodule" is one.)
    if (pointer[2] !== undefined && NO_THING.test(words[0]) && !SIZE_OR_SIDE.test(words[0])) return undefined;
    const first = words.findIndex((w) => !NO_THING.test(w));
    if (first < 0) return undefined;
    const run = words.slice(first);
    const stop = run.findIndex((w) => NO_THING.test(w));
    // The head noun is the last of the run ("renal cyst"), else a word before it ("cyst" of "cyst enhancement").
    const said = (stop < 0 ? run : run.slice(0, stop)).reverse();
    if (said.some((w) => GENERIC_NOUN.test(w))) return undefined;
    const nouns = said.map(ROOT).filter((n) => n.length >= 4);
    for (const noun of nouns)
      for (let j = i - 1; j >= 0 && report.sentences[j].section === s.section; j--) {
        const sub = filedUnder.get(j);
        if (sub === undefined || !(report.sentences[j].text.toLowerCase().match(/[a-z]+/g) ?? []).some((w) => ROOT(w) === noun)) continue;
        return sub === HEAD ? undefined : sub;
      }
    return undefined;
  }

  /** A sentence whose subject is the finding before, pointed to before any organ it names (THIS_FINDING). */
  function pointsBack(s: Sentence, organs: readonly OrganHit[]): boolean {
    const pointed = THIS_FINDING.exec(s.text);
    if (pointed) return !organs.some((h) => h.start < s.start + pointed.index);
    // (A bare "this" after an organ with a field here is that organ's finding: "A cyst is seen in the liver, and this
    // is likely benign." Words of no field here are no place of its own: the "line" of "no discrete fracture line".)
    const alone = THIS_ALONE.exec(s.text);
    return !!alone && !organs.some((h) => h.start < s.start + alone.index && router.subsOf(h.organ).length > 0);
  }

  function file(x: { i: number; target: Target } | null) {
    if (!x) return;
    filedUnder.set(x.i, x.target.sub);
    (x.target.sub === OTHER ? other : x.target.sub === HEAD ? head : subs[x.target.sub]).push(x.i);
    placedBy.set(x.i, x.target.by);
  }

  function route(s: Sentence, i: number, sw: Word[], organs: readonly OrganHit[]): Target {
    const heading = headedBy.get(s.section);
    if (heading) return { sub: heading.sub, by: 'label' };
    if (otherRegion.has(i)) return { sub: OTHER, by: 'label' };
    // "Lack of radiographic evidence of malignancy should not delay a biopsy …" speaks of no organ of this patient.
    // (Not a caveat of another exam: "However, CT may be false negative in the first few days." is said of the finding before.)
    if (isNotice(s.text) && !(saysCaveat(s.text) && examsNamed(sw).some((m) => m !== 'MG'))) return { sub: HEAD, by: 'unplaced' };
    const label = LABEL.exec(s.text);
    const gap = openLevel === null ? '' : report.text.slice(openLevel.end, s.start);
    const sameLine = openLevel !== null && !openLevel.paragraph && !/[\r\n]/.test(gap);
    const sameParagraph =
      !!openLevel?.paragraph &&
      !BLANK_LINE.test(gap) &&
      !BEYOND_LEVEL.test(s.text) &&
      organs.every(
        (h) =>
          LEVEL_PARTS.has(h.organ) ||
          LEVEL_SPACE.test(report.text.slice(h.start, h.end)) ||
          (LEVEL_ALONGSIDE.has(h.organ) &&
            (organs.some((g) => LEVEL_PARTS.has(g.organ)) || (conceptsBySentence.get(i) ?? []).some((c) => LEVEL_FINDINGS.has(c.concept)))),
      );
    if (!label && (sameLine || sameParagraph) && !organs.some((h) => h.by === 'pattern')) {
      openLevel!.end = s.end;
      return { sub: openLevel!.sub, by: sameLine ? 'label' : 'context' };
    }
    openLevel = null;
    // "The remaining levels are unremarkable." after a level speaks of the other levels, not the one before.
    const before = previous && router.isLevel(previous.sub) && BEYOND_LEVEL.test(s.text) ? null : previous;
    // "There is foraminal narrowing at this level." speaks of the last level named, also across a
    // sentence of another field between ("At C4-5, … . A cord signal abnormality is not identified. … at this level").
    if (!label && lastLevel !== null && THIS_LEVEL.test(s.text)) return { sub: lastLevel, by: 'context' };
    // "Dedicated scan to the pelvis disclosed the aforementioned presumed phleboliths.": what it points back to is
    // the thing an earlier sentence told ("… calcifications about the pelvis … favored to represent phleboliths"):
    // filed with that sentence, not by organ words of its own, where it would read as another finding.
    const antecedent = label ? undefined : toldEarlier(s, i);
    if (antecedent !== undefined) return { sub: antecedent, by: 'context' };
    if (label && label[1].trim().split(/\s+/).length <= 6) {
      const labelEnd = s.start + label[0].length;
      const exact = router.labelled(label[1]);
      const ev = router.evidence(
        sw.filter((x) => x.end <= labelEnd),
        label[1],
        s.start,
        [],
      );
      const target = exact !== null ? { sub: exact, by: 'label' as const } : router.pick(ev, before);
      if (target && target.sub >= 0) {
        labelOf.set(i, label[1]);
        // A sentence whose subject is an organ with a field of its own here, other than the label's
        // ("Bowel: The appendix is dilated …", "Chest: The heart is enlarged"): that organ's field.
        // (Not a level's label: "C5-6: Disc desiccation." is that level's disc.)
        const levelLabel = organsNamed(wordsOf(label[1]), label[1]).some((h) => h.by === 'pattern');
        const subject = levelLabel ? undefined : organs.find((h) => h.start >= labelEnd);
        const subjectField = subject && subject.by === 'term' ? router.subsOf(subject.organ) : [];
        if (
          subject &&
          /^\s*(?:the\s+)?$/i.test(report.text.slice(labelEnd, subject.start)) &&
          subjectField.length === 1 &&
          subjectField[0] !== target.sub &&
          template.findings[subjectField[0]].organs.length === 1 &&
          !ev.clues.some((c) => c.organ === subject.organ)
        )
          return { sub: subjectField[0], by: 'organ' };
        if (organsNamed(wordsOf(label[1]), label[1]).some((h) => h.by === 'pattern')) openLevel = { sub: target.sub, end: s.end };
        return { sub: target.sub, by: 'label' };
      }
      if (ev.known && !ev.inTemplate) return { sub: OTHER, by: 'other' };
    }
    const ev = router.evidence(sw, s.text, s.start, conceptsBySentence.get(i) ?? [], namedInFindings, organs);
    // "There is a fetal pole measuring 7mm consistent with 6 weeks 4 days.": the pregnancy's dating, its biometry.
    const biometry = router.subsOf('fetal-biometry');
    if (biometry.length && DATING.test(s.text)) return { sub: biometry[0], by: 'organ' };
    // "There was no difference in other findings when compared with the previous examination.": the whole exam's.
    if (!label && !organs.length && WHOLE_REPORT.test(s.text)) return { sub: HEAD, by: 'unplaced' };
    // "Findings within normal limits.", "Thorax CT examination within normal limits except for hiatal
    // hernia.": the study's conclusion, not the organ's before it nor the one its exception names.
    const except = /\bexcept(?:ion)?\b/i.exec(s.text)?.index ?? s.text.length;
    const ahead = (at: number) => at - s.start < except;
    if (
      !label &&
      WHOLE_STUDY.test(s.text.slice(0, except)) &&
      !organs.some((h) => ahead(h.start)) &&
      !(conceptsBySentence.get(i) ?? []).some((c) => ahead(c.start)) &&
      // (Not a later sentence of a numbered item: "6. Atrial septum intact. Study was negative." is the septum's
      // bubble study; "Otherwise normal study." there still speaks of the whole exam.)
      !(before && before.sub >= 0 && sameItem(i) && !OTHERWISE.test(s.text))
    )
      return { sub: HEAD, by: 'unplaced' };
    // "It causes narrowing of the lumen.": a sentence about the one before, naming no organ (or only a
    // differential in brackets: "However, it was evaluated in favor of benign pathologies (pericardial
    // cyst?)."), stays with it; so does the reading of that finding ("Primary consideration is of a
    // benign mixed tumor (pleomorphic adenoma)"), not under the organ a diagnosis of it is listed for.
    const bracketed = (h: OrganHit) => /\([^()]*$/.test(report.text.slice(s.start, h.start));
    // (Nor one that speaks on of the finding before in its own words: "The nodule exhibits a lobulated contour"
    // in a neck MRI is that neck nodule's, not the lung apices'; so is "The thickening is more pronounced in
    // the lower lobes" after the bronchial walls, where the lobes only say where.)
    const partOnly = (h: OrganHit) => PART_WORDS.has(report.text.slice(h.start, h.end).toLowerCase().split(/\s+/).pop() ?? '');
    // A sentence whose subject is the thing the one before told ("The mass extends cranially from the
    // periphery of the trachea …"), or that opens on its place ("In these localizations, the borders of
    // the mass cannot be distinguished from the trachea"), stays with it whatever organs it reaches.
    const leans = label ? false : READING.test(s.text) || leaning(s, i, organs);
    const beforeField = (h: OrganHit) => before !== null && before.sub >= 0 && router.subsOf(h.organ).includes(before.sub);
    // (Not one whose subject is put in another organ by a place phrase of its own, before its verb: "The nodule
    // described above in the left thyroid lobe is stable" after the lung nodules is the thyroid's.)
    const verbAt = s.start + (SUBJECT_VERB.exec(s.text)?.index ?? 0);
    // (An organ's own name with a part, "the left thyroid lobe", is that organ; "the lower lobes" alone is no place of its own.)
    const onlyPart = (h: OrganHit) =>
      (
        report.text
          .slice(h.start, h.end)
          .toLowerCase()
          .match(/[a-z-]+/g) ?? []
      ).every((w) => PART_WORDS.has(w) || POSITION.test(w));
    const ownPlace = organs.some(
      (h) =>
        h.start < verbAt &&
        !bracketed(h) &&
        !onlyPart(h) &&
        !beforeField(h) &&
        router.subsOf(h.organ).length > 0 &&
        PLACE_PHRASE.test(report.text.slice(s.start, h.start)),
    );
    if (
      before &&
      leans &&
      !(leans === 'subject' && ownPlace) &&
      (leans !== true || organs.every((h) => bracketed(h) || partOnly(h) || beforeField(h)))
    )
      return { sub: before.sub, by: 'context' };
    // "Similar findings noted on the aortic valve as well": after what it compares with, never read before it.
    if (before && before.sub >= 0 && !label && LIKE_REFERENCE.test(s.text)) return { sub: before.sub, by: 'context' };
    // "(small airway disease? small vessel disease?)." cut at its question marks: the pieces are the sentence's before.
    if (before && FRAGMENT.test(s.text) && (/^[,;]/.test(s.text) || !ev.clues.some((c) => c.by === 'organ')))
      return { sub: before.sub, by: 'context' };
    // "… and the ligament has a celery stick appearance" after the cruciate ligament: the same ligament;
    // "The mass was measured 27 mm" after the sigmoid colon's mass (Other): the colon's, not the lungs'.
    // Not one that names an organ this template has no field for ("The pituitary gland is not identified,
    // suggesting the mass arises from it" in a head CT): that goes to Other.
    // (The referent's own word, "the ligament", is no other organ.)
    const referent = BACK_REFERENCE.exec(s.text);
    const otherOrgan =
      ev.namedOutside &&
      !(referent && s.start + referent.index <= ev.outsideAt && ev.outsideAt < s.start + referent.index + referent[0].length);
    if (referent && before && !otherOrgan && !ev.clues.some((c) => c.by === 'organ' && !c.landmark))
      return { sub: before.sub, by: 'context' };
    // "… there is a regression in the findings." naming nothing of its own: the finding before's.
    if (before && !label && !organs.length && !ev.clues.length && FINDING_REFERENCE.test(s.text)) return { sub: before.sub, by: 'context' };
    // "…, this finding corresponds to a lymph node …": a sentence whose subject is the finding before, named
    // with "this"/"these" before any organ, tells what that finding is: it stays with it, not ahead of it under the organ it names.
    if (before && before.sub !== HEAD && !label && pointsBack(s, organs)) return { sub: before.sub, by: 'context' };
    // "However, intraluminal content on CT appears hypodense." after the gallbladder: a contrast drawn with
    // the sentence before, naming no organ, is said of that one's organ; its modality word makes it no whole-study line.
    if (before && before.sub !== HEAD && !label && !organs.length && CONTRAST_OPENING.test(s.text) && !ev.clues.some((c) => c.strong))
      return { sub: before.sub, by: 'context' };
    // "A displaced fragment is noted in the intercondylar notch." after a meniscal tear: the piece is the torn
    // meniscus's, wherever it lies; so is a flap (named before any organ of its own: not "A meniscal flap …" after the cartilage).
    const piece = PIECE_SUBJECT.exec(s.text);
    // (A part word is what a component is made of, no organ of its own: "Soft tissue components accompanying the compression …".)
    const tissue = (h: OrganHit) => PART_WORDS.has(report.text.slice(h.start, h.end).toLowerCase());
    if (before && before.sub >= 0 && !label && piece && !organs.some((h) => h.start < s.start + piece[0].length && !tissue(h)))
      return { sub: before.sub, by: 'context' };
    // "No significant wall thickening was detected." after the oesophagus, "No wall thickening." after the gallbladder: a
    // wall's finding naming no organ is the wall of the hollow organ the sentence before named, not the bowel's it is listed under.
    if (
      before &&
      before.sub >= 0 &&
      !label &&
      !organs.length &&
      WALL_FINDING.test(s.text) &&
      i > 0 &&
      report.sentences[i - 1].section === s.section &&
      HOLLOW_ORGAN.test(report.sentences[i - 1].text)
    )
      return { sub: before.sub, by: 'context' };
    // "There is no abnormal adjacent stranding." after a pancreatic tail cyst: placed only beside the thing the sentence
    // before told, it is that thing's, not the body wall's its stranding is listed under (nodes aside: a field of their own).
    const tissueOnly = organs.every(
      (h) =>
        PART_WORDS.has(report.text.slice(h.start, h.end).toLowerCase()) ||
        (h.organ === 'bowel' && /^fat\b/i.test(report.text.slice(h.start, h.end))),
    );
    if (
      before &&
      before.sub >= 0 &&
      !label &&
      tissueOnly &&
      RELATIVE_PLACE.test(s.text) &&
      !(conceptsBySentence.get(i) ?? []).some((c) => ORGANS_OF_CONCEPT.get(c.concept)?.includes('lymph-nodes'))
    )
      return { sub: before.sub, by: 'context' };
    // "Parenchyma is homogeneous." after the prostate: a part of the organ the sentence before spoke of.
    if (before && ev.partsOnly && !ev.clues.some((c) => c.by === 'finding' && c.strong)) {
      // (Not a part several organs have, of none the sentence before spoke of: "No cortical abnormality." after the
      // cruciate ligaments of a knee is the bones' cortex, in a head CT the brain's: the exam's first field with one.)
      const own = ev.partOrgans.flatMap((o) => router.subsOf(o)).filter((k) => !EDGE_FIELDS.has(template.findings[k].label.toLowerCase()));
      if (own.length > 0 && !own.includes(before.sub)) return { sub: Math.min(...own), by: 'organ' };
      return { sub: before.sub, by: 'context' };
    }
    // "Non-contrast CT of the thorax within normal limits.": the whole exam, no organ's field. Not a
    // finding of one place the modality only qualifies ("no CT evidence of acute diverticulitis").
    // So is a sentence of a whole region ("Concerning the remainder of the pelvis, no acute pathology is
    // identified."): the sentence before (the lung bases) does not place it.
    // (Not the nodes of the region the exam is of: "No cervical lymphadenopathy." in a neck MRI is its Lymph nodes'.)
    const nodeField = router.subsOf('lymph-nodes').find((k) => template.findings[k].organs.length === 1);
    // ("cervical" before nodes is the neck's, not the cervical spine's.)
    const parts = sw.flatMap((w, j) => {
      const region = NODE_STATION_REGIONS.get(w.norm);
      return region ? [{ part: region, context: region }] : (BODY_PART_TRIE.match(sw, j)?.value ?? []);
    });
    const nodes =
      nodeField !== undefined &&
      parts.length > 0 &&
      parts.every((p) => template.bodyParts.includes(p.part) || template.bodyParts.includes(p.context)) &&
      ev.clues.some((c) => c.by === 'finding' && (ORGANS_OF_CONCEPT.get(c.concept ?? '') ?? []).includes('lymph-nodes'));
    // "4. Atrial septum is intact. Bubble study was negative.": a later sentence of a numbered item naming no
    // organ of its own is said of the item's, though it names the study; it is no line of the whole exam.
    if (before && before.sub >= 0 && !label && !organs.length && !ev.clues.some((c) => c.strong) && sameItem(i))
      return { sub: before.sub, by: 'context' };
    // "Ultrasound correlation is recommended." after a thyroid nodule, "CT follow-up in 12 months is suggested.": advice
    // naming only the modality to follow with is the finding before's, not a line of the whole exam cut from what it is for.
    // (An organ word in the name of the exam advised, "Recommend 6-month follow-up breast MRI." after an axillary node, names
    // the exam, not the organ the advice is about.)
    const examNamed = organs.filter((h) => inExamName(sw, h));
    const ofExam = (c: { at: number }) => examNamed.some((h) => h.start <= c.at && c.at < h.end);
    if (
      before &&
      before.sub >= 0 &&
      !label &&
      organs.length === examNamed.length &&
      !ev.clues.some((c) => c.strong && !ofExam(c)) &&
      saysAdvice(s.text)
    )
      return { sub: before.sub, by: 'context' };
    // "However, it should be known that CT may be false negative in the first few days." after "No signs of infection
    // were detected in the lungs.": a caveat on what the exam shows is said of the finding before, whatever it names of that
    // finding; lifted to the findings' head by its modality word, the negative would read unqualified.
    if (before && before.sub >= 0 && !label && !organs.length && saysCaveat(s.text)) return { sub: before.sub, by: 'context' };
    // "No other masses are detected in the neck." after the parotid mass: what "other" excludes more of is that
    // mass, so the sentence follows it, not read ahead of it as a line of the whole exam.
    // (Only one excluding more of a finding, the one told before or a lesion of many places: "No acute findings are
    // identified elsewhere in the abdomen." speaks of the whole region, not of the sentence before.)
    const excludesMore = (conceptsBySentence.get(i) ?? []).some(
      (c) =>
        (ORGANS_OF_CONCEPT.get(c.concept)?.length ?? 0) >= MANY_PLACES ||
        (i > 0 &&
          report.sentences[i - 1].section === s.section &&
          (conceptsBySentence.get(i - 1) ?? []).some((b) => b.concept === c.concept)),
    );
    if (before && before.sub >= 0 && !label && !organs.length && !nodes && excludesMore && OTHER_REFERENCE.test(s.text))
      return { sub: before.sub, by: 'context' };
    // "• Atherosclerotic changes.", "Bridging osteophytes are present at the lower thoracic level.": a finding named for
    // its tissue (a vessel's, a bone's: no lesion that may be in any organ, findings.json group 'general'), naming no
    // organ, is in the one field here that holds its tissue, not the sentence before's nor the whole exam's for a region word.
    const tissueFields = new Set(ev.clues.flatMap((c) => c.subs));
    const tissueFinding = (c: { by: string; concept?: string }) =>
      c.by === 'finding' && TISSUE_GROUPS.has(CONCEPT_BY_ID.get(c.concept ?? '')?.group ?? '');
    // (Not one said of a region this exam only reaches, "a fracture in the pelvis" on a chest CT, nor a glimpse field.)
    const regionsNamed = sw.flatMap((_, j) => BODY_PART_TRIE.match(sw, j)?.value ?? []);
    const ownRegions = regionsNamed.every((p) => template.bodyParts.includes(p.part) || template.bodyParts.includes(p.context));
    if (!label && !organs.length && ownRegions && ev.clues.length && ev.clues.every(tissueFinding) && tissueFields.size === 1) {
      const [sub] = tissueFields;
      if (sub >= 0 && !EDGE_FIELDS.has(template.findings[sub].label.toLowerCase())) return { sub, by: 'finding' };
    }
    if (!label && !organs.length && !nodes && !ev.clues.some((c) => c.strong) && names(sw)) return { sub: HEAD, by: 'unplaced' };
    // A finding of many places and no organ named ("There is an infiltrative mass extending into the
    // pre-epiglottic space" after the epiglottis) is where the sentence before is, not in some field a
    // mass may be in (the brain's).
    const manyPlaces = (c: { concept?: string }) => (ORGANS_OF_CONCEPT.get(c.concept ?? '')?.length ?? 0) >= MANY_PLACES;
    if (before && !label && !organs.length && ev.clues.length && ev.clues.every((c) => c.by === 'finding' && manyPlaces(c)))
      return { sub: before.sub, by: 'context' };
    // So is one whose many places have no field here ("No associated mass." after breast calcifications).
    const own = conceptsBySentence.get(i) ?? [];
    if (before && before.sub >= 0 && !label && !organs.length && !ev.clues.length && own.length && own.every((c) => manyPlaces(c)))
      return { sub: before.sub, by: 'context' };
    // "The hernia neck measures 2.7 cm." after "There is a left inguinal hernia …": naming no organ, a
    // finding the sentence before told, told on, is where that one is.
    const toldBefore = new Set(
      i > 0 && report.sentences[i - 1].section === s.section ? (conceptsBySentence.get(i - 1) ?? []).map((c) => c.concept) : [],
    );
    if (
      before &&
      !label &&
      !organs.length &&
      ev.clues.length &&
      ev.clues.every((c) => c.by === 'finding' && toldBefore.has(c.concept ?? ''))
    )
      return { sub: before.sub, by: 'context' };
    const target = router.pick(ev, before);
    // "Twin A is cephalic ... Estimated fetal weight 640 grams.": the rest of the twin's line stays with it.
    if (target && target.sub >= 0 && TWIN.test(s.text)) openLevel = { sub: target.sub, end: s.end };
    // (Also where one field holds every level, "Disc levels and spinal canal": the paragraph stays whole there.)
    const levels = new Set(ev.clues.flatMap((c) => (c.level ? c.subs : [])));
    if (target && !label && levels.size === 1 && levels.has(target.sub)) openLevel = { sub: target.sub, end: s.end, paragraph: true };
    if (target) return target;
    if (ev.known) return { sub: OTHER, by: 'other' };
    if (before) return { sub: before.sub, by: 'context' };
    return { sub: HEAD, by: 'unplaced' };
  }

  // Writing out.
  const placed: Placement[] = [];
  const fields: TemplateField[] = [];
  let tabStop = 1;
  const textOf = (i: number) => norm(report.sentences[i].text);
  // Sentences filed by organ leave their list ("3. The liver ...") and so its number: "Liver: 3. The liver"
  // would be read as a list of its own. Header sections and the impression keep their numbers.
  const itemStarts = new Map<number, number>();
  for (const section of report.sections) for (const item of section.items) itemStarts.set(item.marker.start, item.marker.end);
  const filedTextOf = (i: number) => {
    const s = report.sentences[i];
    const markerEnd = itemStarts.get(s.start);
    const text = markerEnd === undefined ? textOf(i) : norm(report.text.slice(markerEnd, s.end));
    const heading = headedBy.get(s.section);
    return heading?.first === i || priorHeaded.get(s.section) === i ? `${norm(report.sections[s.section].header!.name)}: ${text}` : text;
  };
  const esc = (t: string) => (snippet ? snippetEscape(t) : t);
  const field = (section: string, subsection: string | null): string => {
    fields.push({ section, subsection, content: 'field' });
    return snippet ? `\${${tabStop++}:}` : '[ ]';
  };
  const record = (list: readonly number[], section: string, subsection: string | null, text = textOf) => {
    for (const i of list) placed.push({ sentence: i, text: text(i), section, subsection, by: placedBy.get(i)! });
  };
  const asWritten = (list: readonly number[], text = textOf) =>
    joinAsWritten(
      report,
      list.map((i) => report.sentences[i]),
      list.map((i) => esc(text(i))),
      eol,
    );
  // A sentence moved into a header section out of a numbered list of another ("3. These images were
  // obtained ..." after the impression) leaves its number there: in its new place it would read as a count.
  const movedTextOf = (kind: string) => (i: number) =>
    report.sections[report.sentences[i].section]?.kind === kind ? textOf(i) : filedTextOf(i);

  /**
   * Sentences of one kind from several source sections, merged under one header, except that a
   * section keeps its own header when merging would change how it reads: a second exam-kind section
   * ("PROCEDURE:" after "EXAM:"; the exam title is the first line of each) or a numbered list (its
   * numbers restart at 1, and a list is only read as one from 1).
   */
  const openingLabel = (text: string) => {
    const name = LABEL.exec(text)?.[1];
    return !!name && (knownSectionKind(name) !== null || organsNamed(wordsOf(name), name).length > 0);
  };
  const blocksOf = (list: readonly number[], kind: string, everySection: boolean) => {
    const out: { header: string; sentences: number[] }[] = [];
    for (const run of groupBySection(list, (i) => report.sentences[i].section)) {
      const section = report.sections[report.sentences[run[0]].section];
      // A sentence moved in from another kind of section (technique dictated in FINDINGS) joins the block before it.
      const own = section.kind === kind && (everySection || section.items.length > 0);
      // (A second section under the same header, "EXAM: CT CHEST ⏎ EXAM: ⏎ CHEST CT SCAN WITH CONTRAST", is one
      // section told on two lines: two "EXAM:" headers would read as two exams.)
      const again =
        out.length > 0 &&
        !!section.header &&
        norm(section.header.name).toUpperCase() === out[out.length - 1].header &&
        [section, report.sections[report.sentences[out[out.length - 1].sentences[0]].section]].every((x) => x.items.length === 0) &&
        // (Not a line that opens on a label of an organ or a section: under the first header it would read as a header.)
        !openingLabel(report.sentences[run[0]].text);
      if (out.length && (!(own && section.header) || again)) out[out.length - 1].sentences.push(...run);
      else out.push({ header: section.header ? norm(section.header.name).toUpperCase() : '', sentences: [...run] });
    }
    return out;
  };

  const blocks: string[] = [];
  for (const [kind, name] of HEADER_SECTIONS) {
    const list = header.get(kind)!;
    if (list.length === 0) {
      blocks.push(`${name}: ${field(name, null)}`);
      continue;
    }
    for (const [k, group] of blocksOf(list, kind, kind === 'exam').entries()) {
      const title = k === 0 ? name : group.header;
      record(group.sentences, title, null, movedTextOf(kind));
      blocks.push(`${title}: ${asWritten(group.sentences, movedTextOf(kind))}`);
    }
  }

  const findingLines: string[] = ['FINDINGS:'];
  if (head.length) {
    const whole = new Set([...writtenWhole.values()].flat());
    record(head, 'FINDINGS', null, (i) => (whole.has(i) ? textOf(i) : filedTextOf(i)));
    // (A side's paragraph kept whole starts a line of its own, as it did in the report.)
    const runs: number[][] = [];
    for (const i of head)
      if (runs.length && !sidedOpenings.has(i)) runs[runs.length - 1].push(i);
      else runs.push([i]);
    findingLines.push(
      runs
        .map((run) =>
          writtenWhole.has(run[0])
            ? asWritten(run)
            : joinGathered(
                run.map((i) => esc(filedTextOf(i))),
                eol,
              ),
        )
        .join(eol),
    );
  }
  // Organs the report speaks of anywhere outside the clinical question: a subsection whose organ the
  // findings name, or whose organ holds a finding filed elsewhere ("left pleural effusion" under
  // Lungs), gets no pertinent negative. It stays a field: one sentence is filed in one place.
  // And none that denies what the report states anywhere ("without focal lesion" beside a nodule).
  // A normal statement's implied denials ("lungs are clear" denies a mass) speak of no other organ.
  const stated = u.findings.filter((f) => f.section !== 'history' && f.section !== 'exam' && !f.normal);
  const spokenOf = new Set([...namedInFindings, ...stated.flatMap((f) => ORGANS_OF_CONCEPT.get(f.concept) ?? [])]);
  const contradicts = (sub: TemplateSubsection) =>
    deniedBy(sub).some((d) =>
      stated.some((f) => (f.assertion === 'present' || f.assertion === 'possible') && (denies(d, f.concept) || sameFinding(d, f.concept))),
    );
  // A line that names several fields' organs in its label ("Pancreas, spleen, adrenals: Unremarkable.")
  // speaks for each: it stands as written in the first one's place, and the others it names, with nothing
  // of their own, are not printed empty beside it (an empty Spleen would read as not reported on).
  const spokenFor = new Set<number>();
  const sharedLine = new Set<number>();
  template.findings.forEach((_, k) => {
    const own = subs[k].length ? labelOf.get(subs[k][0]) : undefined;
    // (A list of organs by their words, not a level that names its disc: "C5-6:".)
    if (own === undefined || !/,|&|\/|\band\b/i.test(own)) return;
    const terms = organsNamed(wordsOf(own), own).filter((h) => h.by === 'term');
    if (new Set(terms.map((h) => h.organ)).size < 2) return;
    const named = new Set(terms.flatMap((h) => router.subsOf(h.organ)));
    const others = [...named].filter((j) => j !== k && subs[j].length === 0 && !spokenFor.has(j));
    if (!named.has(k) || others.length === 0) return;
    sharedLine.add(k);
    for (const j of others) spokenFor.add(j);
  });
  // So does a sentence that names such a list, as its subject or anywhere ("The liver, gallbladder, pancreas, spleen, and
  // adrenal glands are unremarkable.", "Normal appearance of the tricuspid and mitral valves.", "The cruciate and the medial
  // and lateral collateral ligaments are intact."), or an organ as the subject of a clause of its own ("The biceps tendon
  // is normal, and the labrum appears intact."), under the first one's label: the others it names, with nothing of their
  // own, go unprinted ("Labrum: [ ]" would read as not reported on).
  template.findings.forEach((_, k) => {
    if (!subs[k].length || sharedLine.has(k) || spokenFor.has(k)) return;
    for (const i of subs[k]) {
      if (labelOf.has(i)) continue;
      const s = report.sentences[i];
      const hits = organsNamed(wordsOf(s.text), s.text).filter((h) => h.by === 'term');
      const runs: OrganHit[][] = [];
      for (const [n, h] of hits.entries()) {
        const last = runs.at(-1)?.at(-1);
        // (One span, one thing: "collateral ligaments", "thoracic spine alignment".)
        if (last && h.start < last.end) continue;
        const between = n > 0 ? s.text.slice(hits[n - 1].end, h.start) : '';
        const clause = CLAUSE_SUBJECT.test(between) && CLAUSE_VERB.test(s.text.slice(h.end));
        if (last && (LIST_JOIN.test(between.replace(LIST_QUALIFIERS, '')) || clause)) runs.at(-1)!.push(h);
        else runs.push([h]);
      }
      for (const run of runs) {
        const listed = new Set(run.map((h) => h.organ));
        const named = new Set([...listed].flatMap((o) => router.subsOf(o)));
        if (listed.size < 2 || !named.has(k)) continue;
        for (const j of named) if (j !== k && subs[j].length === 0) spokenFor.add(j);
      }
    }
  });
  // A field whose organ a technique's run kept whole speaks of is spoken for there: printed empty below
  // it, "Atria: [ ]" would read as not reported on.
  for (const i of [...writtenWhole.values()].flat()) {
    const s = report.sentences[i];
    for (const h of router.organsNamed(wordsOf(s.text), s.text, 0))
      for (const j of router.subsOf(h.organ)) if (subs[j].length === 0) spokenFor.add(j);
  }
  template.findings.forEach((sub, k) => {
    const list = subs[k];
    if (spokenFor.has(k)) return;
    if (sharedLine.has(k)) {
      record(list, 'FINDINGS', sub.label, filedTextOf);
      findingLines.push(
        joinGathered(
          list.map((i) => esc(filedTextOf(i))),
          eol,
        ),
      );
      return;
    }
    if (list.length === 0) {
      if (options.fillPertinentNegatives && sub.normal && !sub.organs.some((o) => spokenOf.has(o)) && !contradicts(sub)) {
        fields.push({ section: 'FINDINGS', subsection: sub.label, content: 'pertinent-negative' });
        const negative = `${PERTINENT_NEGATIVE_MARK} ${sub.normal}`;
        findingLines.push(`${sub.label}: ${snippet ? `\${${tabStop++}:${snippetEscape(negative)}}` : negative}`);
      } else findingLines.push(`${sub.label}: ${field('FINDINGS', sub.label)}`);
      return;
    }
    record(list, 'FINDINGS', sub.label, filedTextOf);
    findingLines.push(subsectionLine(sub.label, list, router.isLevel(k)));
  });
  if (other.length) {
    record(other, 'FINDINGS', OTHER_LABEL, filedTextOf);
    findingLines.push(subsectionLine(OTHER_LABEL, other));
  }
  blocks.push(findingLines.join(eol));

  function subsectionLine(label: string, list: readonly number[], level = false): string {
    const texts = list.map((i) => esc(filedTextOf(i)));
    // A worksheet's value line with no end punctuation on a line of its own in the source ("FL/AC (20-24) 21")
    // keeps its line: run on after a sentence it would read as that one's words.
    const ownLine = (k: number) => {
      const s = report.sentences[list[k]];
      const before = report.sentences[list[k] - 1];
      if (k > 0 && sidesInField.has(list[k])) return true;
      return !TERMINAL.test(s.text) && !!before && /[\r\n]/.test(report.text.slice(before.end, s.start));
    };
    // The source's own label for this subsection opens the line in its place ("Kidneys: ...", not "Kidneys and ureters: Kidneys: ...").
    // Only a label the field's own names hold ("Kidneys" under "Kidneys and ureters"): a part's label
    // ("Fetal Ventricles:" under "Fetal anatomy") is no name for the field: the field's label goes on a line of its own.
    const own = labelOf.get(list[0]);
    if (own !== undefined)
      return wordsIn(own).every((w) => wordsIn(label).includes(w))
        ? joinGathered(texts, eol, ownLine)
        : `${label}:${eol}${joinGathered(texts, eol, ownLine)}`;
    // A level's field over a sentence that names its level in its own words ("At C4-5, ..."): the
    // label on a line of its own, so the level is not read twice, or in two spellings, in one sentence.
    if (level) return `${label}:${eol}${joinGathered(texts, eol, ownLine)}`;
    // A sentence with a lead-in label of its own ("As far as can be observed: Heart size is normal.")
    // starts the line under the field's label when the two would be too long to read as labels of one
    // line, or when the field is Other ("Other: Grade I: ..." reads as one label).
    // So does a region's label, naming no organ ("Pelvis: The ureters have a normal course."): after the field's label,
    // "Kidneys and ureters: Pelvis:" would read as the renal pelvis.
    const leadIn = LABEL.exec(texts[0]);
    const region = (name: string) => {
      const lw = wordsOf(name);
      return lw.some((_, j) => BODY_PART_TRIE.match(lw, j)) && organsNamed(lw, name).length === 0;
    };
    if (
      leadIn &&
      (label === OTHER_LABEL || HEADING_LINE.test(texts[0]) || `${label} ${leadIn[1]}`.split(/\s+/).length > 8 || region(leadIn[1]))
    )
      return `${label}:${eol}${joinGathered(texts, eol, ownLine)}`;
    return `${label}: ${joinGathered(texts, eol, ownLine)}`;
  }

  // A section of no known kind keeps its side of the impression in an imaging report: "DIMENSIONS:"
  // or a biometry line dictated before the IMPRESSION stays before it; a note after it stays after.
  const firstImpression = impression.length && report.document === 'imaging' ? report.sentences[impression[0]].section : -1;
  const extraBlock = ([sectionIndex, list]: [number, number[]]) => {
    const section = report.sections[sectionIndex];
    const name = norm(section.header?.name ?? section.kind).toUpperCase();
    record(list, name, null);
    blocks.push(`${name}: ${asWritten(list)}`);
  };
  const extras = [...extra].sort((a, b) => a[0] - b[0]);
  extras.filter(([k]) => k < firstImpression).forEach(extraBlock);

  if (impression.length === 0) blocks.push(`IMPRESSION:${eol}${field('IMPRESSION', null)}`);
  const impressionBlocks = blocksOf(impression, 'impression', false);
  for (const [k, group] of impressionBlocks.entries()) {
    // Several impression-kind sections ("INTERPRETATION:" then "IMPRESSION:") keep their own headers.
    const title = k === 0 && (impressionBlocks.length === 1 || !impressionBlocks[0].header) ? 'IMPRESSION' : group.header;
    record(group.sentences, title, null);
    blocks.push(`${title}:${eol}${asWritten(group.sentences)}`);
  }

  extras.filter(([k]) => k >= firstImpression).forEach(extraBlock);

  placed.sort((a, b) => a.sentence - b.sentence);
  return { text: blocks.join(eol + eol) + eol, template: template.id, placed, fields };
}

/**
 * Text in, restructured text out, for the code action and the CLI: the template by id (`--template`),
 * else the one the report's exam chooses. Throws on an unknown id, naming it and the ids there are.
 */
export function restructureText(
  text: string,
  options: RestructureOptions & { templateId?: string },
): Restructured & { choice: TemplateChoice | null } {
  const report = parseReport(text);
  let template: ReportTemplate | undefined;
  let choice: TemplateChoice | null = null;
  if (options.templateId !== undefined) {
    template = templateById(options.templateId);
    if (!template) throw new Error(`unknown template ${options.templateId}`);
  } else {
    choice = chooseTemplate(report);
    template = choice.template;
  }
  return { ...restructure(report, template, options), choice };
}
