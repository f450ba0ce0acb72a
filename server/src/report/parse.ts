import { documentKind } from './documents';
import { isRunOnExamTitle, knownSectionKind, labelsImpressionPart, normaliseHeaderName, opensSectionInsideFindings } from './sections';
import type { NumberedItem, Report, Section, SectionKind, Sentence, Span, Subsection, Token, TokenKind } from './types';
import { allMatches } from './matches';
import { normWord } from './norm';

// A header: at the start of a line, a name of letters (and a few joiners) ending in a colon.
// Group 1 is the name. Inline ("FINDINGS: The heart ...") and own-line forms both match.
// Up to 41 characters and 6 words; a label in capitals may run to 61 characters and 10 words, as a nuclear or
// vascular report heads its findings with the exam's full name ("NUCLEAR MYOCARDIAL PERFUSION SCAN WITH STANDARD
// PROTOCOL:"); a longer mixed-case run before a colon is a sentence leading into a list.
const HEADER_WITH_COLON = /^[ \t]*([A-Za-z][A-Za-z ,/&()'-]{0,60}?)[ \t]*:(?!\/)/gm;
const MAX_HEADER_CHARS = 41;
const MAX_HEADER_WORDS = 6;
const MAX_CAPITALS_HEADER_WORDS = 10;
/**
 * A range of vertebral levels ("C5-6", "L4/5", "L5-S1", "T12 to L1"), written once for the parser, the
 * laterality rule and the summary. Groups: first letter, number, second letter (optional), number.
 */
export const SPINE_LEVEL_RANGE = String.raw`([CTLS])[ \t]?(\d{1,2})[ \t]*(?:-|–|\/|to)[ \t]*([CTLS])?[ \t]?(\d{1,2})`;
// A level label's level: a range or one vertebra ("L5:").
export const LEVEL = String.raw`(?:${SPINE_LEVEL_RANGE}|[CTLS]\d{1,2})`;
const LEVEL_LABEL = new RegExp(String.raw`^[ \t]*(${LEVEL}(?:[ \t]*(?:,|&|and|to|through)[ \t]*${LEVEL})*)[ \t]*:(?!\d)`, 'gim');
// Own-line headers without a colon ("IMPRESSION" alone on its line): only known names, in capitals.
const HEADER_ALONE = /^[ \t]*([A-Z][A-Z /&-]{2,40}?)[ \t]*$/gm;
// Headers run into the text after a sentence ("...contrast.FINDINGS: ...", "...Gadavist IV. FINDINGS:",
// "...dated __. FINDINGS:"), after a title's colon or a blank to fill ("WITH CONTRAST: CLINICAL HISTORY:",
// "EXAM DATE: __ HISTORY:"): only known section names, in capitals.
// The lookahead first (what the name starts with) spares the lookbehind at most places.
const HEADER_RUN_IN = /(?=[A-Z])(?<=[A-Za-z0-9)\]_][.!?][ \t]{0,3}|[_:][ \t]{1,3}|\S[ \t]{2,6})([A-Z][A-Z /&-]{2,40}?)[ \t]*:(?!\/)/g;
// Headers glued to the word before them, or one space after a lower-case word, as dictation and generated
// reports run them together ("...WITH CONTRASTCLINICAL HISTORY:", "...weight lossTECHNIQUE:", "COMPARISON:
// ()FINDINGS:", "__HISTORY:", "DLP: 680 mGy-cm FINDINGS:", "LVEF: 55 % IMPRESSION:"): only the top-level
// names, in capitals, so a word that merely ends in one ("CONTRAINDICATIONS:") is not cut.
// The name alone is searched and what stands before it tested by code (gluedAfter): the same matches as
// the lookbehind /(?<=[A-Za-z)\]_]|[a-z0-9%][ \t])(?<!CONTRA)NAME/, at a fifth of the cost.
const HEADER_GLUED =
  /((?:CLINICAL )?(?:HISTORY|INDICATIONS?)|TECHNIQUE|COMPARISONS?|FINDINGS|(?:FINAL )?IMPRESSIONS?|CONCLUSIONS?)[ \t]*:(?!\/)/g;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/**
 * Is a glued header name at `at` glued: right after a letter, ")", "]" or "_", or one blank after [a-z0-9%],
 * or one blank after an exam title in capitals on its line ("CT ABDOMEN WITH CONTRAST FINDINGS:"); not after CONTRA?
 */
function gluedAfter(text: string, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  if (!(isAsciiLetter(c) || c === 41 || c === 93 || c === 95)) {
    if (c !== 32 && c !== 9) return false;
    const d = text.charCodeAt(at - 2);
    if (!((d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 37)) {
      if (!(d >= 65 && d <= 90) && d !== 41) return false;
      const lineStart = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
      if (!isRunOnExamTitle(text.slice(lineStart, at))) return false;
    }
  }
  return !(at >= 6 && text.startsWith('CONTRA', at - 6));
}
// The same names written in title case, glued to a title in capitals ("WITH CONTRASTComparison:") or run in
// after a sentence ("… chest tightness. Comparison: No prior CT."): only these names, so a sentence's own
// "Lungs:" or "Note:" stays text.
const HEADER_TITLE_CASE =
  /(Clinical (?:history|indications?)|History|Indications?|Technique|Comparisons?|Findings|Impressions?|Conclusions?)[ \t]*:(?!\/)/g;
const isGluedToCapitals = (text: string, at: number) => {
  const c = text.charCodeAt(at - 1);
  return (c >= 65 && c <= 90) || c === 41 || c === 93;
};
/**
 * Is `at` among the findings: after a findings or impression header, or before any section is named (the
 * headers found so far, in any order)?
 */
function amongFindings(headers: readonly { start: number; kind: SectionKind | null }[], at: number): boolean {
  const before = headers.filter((h) => h.kind !== null && h.start < at);
  return !before.length || before.some((h) => h.kind === 'findings' || h.kind === 'impression');
}
function titleCaseHeaders(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const m of allMatches(HEADER_TITLE_CASE, text)) {
    const glued = isGluedToCapitals(text, m.index);
    const runIn = /[A-Za-z0-9)\]%][.!?][ \t]{1,3}$/.test(text.slice(Math.max(0, m.index - 6), m.index));
    if (glued || runIn) out.push(m);
  }
  return out;
}
/** HEADER_GLUED's matches that are glued, in text order (a rejected place is searched again one on, as a regex does). */
function gluedHeaders(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  HEADER_GLUED.lastIndex = 0;
  for (let m = HEADER_GLUED.exec(text); m; m = HEADER_GLUED.exec(text)) {
    if (gluedAfter(text, m.index)) out.push(m);
    else HEADER_GLUED.lastIndex = m.index + 1;
  }
  HEADER_GLUED.lastIndex = 0;
  return out;
}

// Sticky: read from a given position (tokenize).
const TOKEN = /XXXX+|\p{L}[\p{L}\p{M}'’]*\p{L}|\p{L}|\d+(?:[.,]\d+)*|[^\s\p{L}\d]/uy;

// Words that end in a period without ending the sentence.
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'st',
  'vs',
  'approx',
  // An area's unit: "0.6 sq. cm", "4 sq. mm".
  'sq',
  'cf',
  'etc',
  'fig',
  'no',
  'nos',
  'ca',
  'incl',
  'sr',
  'jr',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'a.m',
  'p.m',
  'b.i.d',
  't.i.d',
  // Dotted clinical abbreviations, read mid-sentence ("kept n.p.o. since midnight", "the a.c. joint").
  'q.i.d',
  'q.d',
  'q.o.d',
  'q.h.s',
  'h.s',
  'p.r.n',
  'n.p.o',
  'p.o',
  'i.v',
  'i.m',
  's.c',
  'a.c',
  'ant',
  'post',
  'lat',
  'inf',
  'sup',
  'mid',
  'min',
  'max',
]);

// Clipped clinical words that may also end a sentence ("correlate with labs."): they go on only before a word in
// lower case or a number ("Clinic and lab. correlation is recommended", "approx. 2 cm", "prelim. read", "pt. was").
// Of those, the ones a measure follows ("diam. 3 cm", "prev. 2 cm"): any other before a number ends its sentence ("No
// acute rib fx. 8 mm nodule in the left lower lobe." is two: the nodule is not denied).
const CLIPPED_BEFORE_NUMBER = new Set(['diam', 'prev', 'vert']);
const CLIPPED = new Set([
  'lab',
  'labs',
  'prelim',
  'hx',
  'pt',
  'pts',
  'dx',
  'tx',
  'sx',
  'fx',
  'eval',
  'diam',
  'prev',
  'neg',
  'pos',
  'abd',
  'vert',
]);

// Units a report may write with a stop mid-phrase ("2 cm. in diameter").
const UNIT_STOPS = new Set(['cm', 'mm', 'ml', 'cc', 'sec', 'hr', 'hrs']);
// … when the words after it go on with the measure itself, on the same line. Only measure words: "4 mm. and the
// mass …" or "2 cm. in the liver" begin a new sentence in lower case (review rev11 #6).
const UNIT_GOES_ON =
  /^[ \t]+(?:in (?:(?:greatest|maximal|maximum|largest|short|long|transverse|craniocaudal|AP)(?:[ -]axis)? )?(?:diameter|dimension|size|length|width|thickness|depth|axis)|by|x|×|long|wide|thick|deep|apart)\b/u;

// Dotted country names: a noun only after "the" ("in the U.S."), else a modifier ("U.S. Radiology").
const DOTTED_COUNTRIES = new Set(['u.s', 'u.k', 'u.s.a']);

interface HeaderMatch {
  start: number;
  end: number; // after the colon (or the name, for own-line headers)
  name: string;
  kind: SectionKind | null;
  allCaps: boolean;
  words: number;
  /** Longer than a header's usual 41 characters or 6 words (a label in capitals). */
  long?: boolean;
}

const CAPITALS_LINE = 1;
const LEVEL_LINE = 2;
const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const OTHER_LINE_ENDS = /[\r\u2028\u2029]/;
// HEADER_ALONE's characters: capitals, blanks, "/", "&" and "-".
const isCapitalsLineChar = (c: number) => (c >= 65 && c <= 90) || c === 32 || c === 9 || c === 47 || c === 38 || c === 45;
/**
 * Which line-start patterns can match, read by code in one pass: a line of capitals and joiners only
 * (HEADER_ALONE), a line starting with a vertebra and a digit (LEVEL_LABEL). Most reports have neither,
 * and each pattern tried at every line start cost more than this.
 */
function lineCues(text: string): number {
  let cues = 0;
  // Lines end at "\n" alone in nearly every text: found by indexOf then.
  const onlyNewlines = !OTHER_LINE_ENDS.test(text);
  for (let at = 0; at <= text.length;) {
    while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
    const c = text.charCodeAt(at) | 32; // lower case of a letter
    if (c === 99 || c === 116 || c === 108 || c === 115) {
      let d = at + 1;
      if (text.charCodeAt(d) === 32 || text.charCodeAt(d) === 9) d++;
      if (isDigit(text.charCodeAt(d))) cues |= LEVEL_LINE;
    }
    let j = at;
    if (text.charCodeAt(j) >= 65 && text.charCodeAt(j) <= 90) {
      while (j < text.length && isCapitalsLineChar(text.charCodeAt(j))) j++;
      if (j >= text.length || isLineEnd(text.charCodeAt(j))) cues |= CAPITALS_LINE;
    }
    if (onlyNewlines) j = text.indexOf('\n', j);
    else while (j < text.length && !isLineEnd(text.charCodeAt(j))) j++;
    if (j < 0 || j >= text.length) break;
    at = j + 1;
  }
  return cues;
}

function findHeaders(text: string): HeaderMatch[] {
  const headers: HeaderMatch[] = [];
  for (const m of allMatches(HEADER_WITH_COLON, text)) {
    const name = m[1];
    const start = m.index + m[0].indexOf(name);
    const trimmed = name.trim();
    const words = wordCount(trimmed);
    const allCaps = name === name.toUpperCase() && /[A-Z]{2}/.test(name);
    const long = name.length > MAX_HEADER_CHARS || words > MAX_HEADER_WORDS;
    if (long && (!allCaps || words > MAX_CAPITALS_HEADER_WORDS)) continue;
    // "Dr. X" and times ("at 14:35") are not headers; the pattern already needs letters only.
    headers.push({ start, end: m.index + m[0].length, name: trimmed, kind: knownSectionKind(name), allCaps, words, long });
  }
  const lines = lineCues(text);
  for (const m of lines & CAPITALS_LINE ? allMatches(HEADER_ALONE, text) : []) {
    const name = m[1];
    const kind = knownSectionKind(name);
    if (!kind || kind === 'other') continue;
    const start = m.index + m[0].indexOf(name);
    headers.push({ start, end: start + name.length, name: name.trim(), kind, allCaps: true, words: name.trim().split(/\s+/).length });
  }
  // Spine level labels ("C5-6:", "L4-L5:", "C7-T1, T1-2:"): inside FINDINGS the level's field, like an
  // organ label; elsewhere plain text (allCaps false), so an impression's "L4-5: ..." opens nothing.
  for (const m of lines & LEVEL_LINE ? allMatches(LEVEL_LABEL, text) : []) {
    const name = m[1].trim();
    headers.push({ start: m.index + m[0].indexOf(name), end: m.index + m[0].length, name, kind: null, allCaps: false, words: 1 });
  }
  // Run-in and glued headers are rare: the starts so far are gathered only when one is found.
  const runIn = allMatches(HEADER_RUN_IN, text);
  const glued = gluedHeaders(text);
  const titleCase = titleCaseHeaders(text);
  const starts = runIn.length || glued.length || titleCase.length ? new Set(headers.map((h) => h.start)) : new Set<number>();
  for (const m of runIn) {
    const name = m[1].trim();
    const kind = knownSectionKind(name);
    if (!kind || kind === 'other' || starts.has(m.index)) continue;
    starts.add(m.index);
    headers.push({ start: m.index, end: m.index + m[0].length, name, kind, allCaps: true, words: name.split(/\s+/).length });
  }
  for (const m of titleCase) {
    const name = m[1];
    if (starts.has(m.index)) continue;
    const kind = knownSectionKind(name);
    // Run in after a sentence of the findings or the impression, or of a report with no section named yet, a
    // "Comparison:", "History:" or "Technique:" labels a remark there and opens no section: one would file the
    // findings after it as history or the prior study ("… clear. Comparison: None. Large right pneumothorax.").
    if (kind !== 'findings' && kind !== 'impression' && !isGluedToCapitals(text, m.index) && amongFindings(headers, m.index)) continue;
    starts.add(m.index);
    headers.push({
      start: m.index,
      end: m.index + m[0].length,
      name,
      kind,
      allCaps: false,
      words: name.split(' ').length,
    });
  }
  // The glued name replaces a header read from the line start up to the same colon ("CT CHEST WITH
  // CONTRASTCLINICAL HISTORY"): the first one ending there, looked up by its end (a splice per glued
  // header was quadratic in a long document).
  let byEnd: Map<number, number> | undefined;
  const replaced = new Set<number>();
  for (const m of glued) {
    const name = m[1];
    const end = m.index + m[0].length;
    if (starts.has(m.index)) continue;
    if (!byEnd) {
      byEnd = new Map();
      for (let i = headers.length - 1; i >= 0; i--) byEnd.set(headers[i].end, i);
    }
    const longer = byEnd.get(end);
    if (longer !== undefined) {
      replaced.add(longer);
      byEnd.delete(end);
    }
    headers.push({ start: m.index, end, name, kind: knownSectionKind(name), allCaps: true, words: name.split(' ').length });
  }
  if (replaced.size) {
    let k = 0;
    for (let i = 0; i < headers.length; i++) if (!replaced.has(i)) headers[k++] = headers[i];
    headers.length = k;
  }
  // Usually found in order already (the line-start headers alone).
  if (headers.some((h, i) => i > 0 && headers[i - 1].start > h.start)) headers.sort((a, b) => a.start - b.start);
  // A header said twice in a row ("INDICATION: INDICATION: Pain") is one header.
  return headers.filter((h, i) => i === 0 || h.name !== headers[i - 1].name || text.slice(headers[i - 1].end, h.start).trim() !== '');
}

/** The words of a trimmed header name (its only white space is the space): as name.split(/\s+/).length. */
function wordCount(name: string): number {
  let n = 1;
  for (let i = 1; i < name.length; i++) if (name.charCodeAt(i) === 32 && name.charCodeAt(i - 1) !== 32) n++;
  return n;
}

// The characters of a regex \s, tested by code: trimming runs over every sentence of every report.
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

// A mixed-case label inside FINDINGS ("Lungs:", "Gallbladder and bile ducts:") is short; a longer
// "Word word word:" at a line start is a sentence leading into a list.
const MAX_LABEL_WORDS = 5;
const DISCUSSION = /^DISCUSSION$/;

function buildSections(text: string): Section[] {
  const sections: Section[] = [];
  const headers = findHeaders(text);
  let current: Section = {
    kind: 'preamble',
    header: null,
    start: 0,
    end: text.length,
    body: { start: 0, end: text.length },
    items: [],
    subsections: [],
  };
  sections.push(current);
  for (const h of headers) {
    // A header found inside the one before it ("A  FINDINGS:" read as "A FINDINGS" and as "FINDINGS") is that header.
    if (current.header && h.start < current.header.end) continue;
    // A long label in capitals before any section, or under a header that holds no sentence yet ("EXAM: CTA
    // ABDOMEN⏎CT ABDOMEN AND PELVIS WITHOUT CONTRAST, LOW DOSE:"), is the exam's title line: it stays where the title is read.
    if (h.long && (current.kind === 'preamble' || !/[.!?]/.test(text.slice(current.body.start, h.start)))) continue;
    let kind = h.kind;
    if (current.kind === 'findings' && !(kind && opensSectionInsideFindings(h.name, h.allCaps))) {
      // Organ and topic labels inside FINDINGS ("LIVER:", "Lungs:", "Contrast: 7.5 mL") stay in
      // FINDINGS, as subsections, so the sentences after them keep their checks.
      if (h.allCaps || h.words <= MAX_LABEL_WORDS) addSubsection(text, current, h);
      continue;
    }
    // "RIGHT BREAST:", "LEFT:", "OVERALL:" inside IMPRESSION: text of the impression, as a mixed-case label is.
    if (!kind && current.kind === 'impression' && labelsImpressionPart(h.name)) continue;
    if (!kind) {
      // Elsewhere an unknown ALL-CAPS header opens a section of its own, and mixed-case words
      // followed by a colon ("Note: ...") are ordinary text.
      if (!h.allCaps) continue;
      kind = 'other';
    }
    current.end = h.start;
    current = {
      kind,
      header: { start: h.start, end: h.end, text: text.slice(h.start, h.end), name: h.name },
      start: h.start,
      end: text.length,
      body: { start: h.end, end: text.length },
      items: [],
      subsections: [],
    };
    sections.push(current);
  }
  discussionAsFindings(sections);
  interpretationAsFindings(text, sections);
  examNamedAsFindings(text, sections);
  endLateHistories(text, sections);
  for (const s of sections) {
    s.body = trimSpan(text, s.header ? s.header.end : s.start, s.end);
    // Each subsection runs to the next one, or to its section's end.
    s.subsections.forEach((sub, i) => {
      const end = i + 1 < s.subsections.length ? s.subsections[i + 1].start : s.end;
      sub.body = trimSpan(text, sub.header.end, end);
      sub.end = Math.max(sub.body.end, sub.header.end);
    });
  }
  // An empty preamble (the report starts with a header) is not a section.
  if (sections.length > 1 && sections[0].body.start === sections[0].body.end) sections.shift();
  return sections;
}

// Some departments write the body of a CT or MR report under "DISCUSSION:" beside its IMPRESSION (MTSamples): in
// a report with an impression and no findings section, it is the findings, and gets their checks (a critical finding
// left out of the impression). A procedure note's closing "DISCUSSION:" with no impression stays other text.
function discussionAsFindings(sections: Section[]): void {
  if (sections.some((s) => s.kind === 'findings') || !sections.some((s) => s.kind === 'impression')) return;
  const discussion = sections.find((s) => s.kind === 'other' && s.header && DISCUSSION.test(normaliseHeaderName(s.header.name)));
  if (discussion) discussion.kind = 'findings';
}

// An echo, vascular or nuclear report writes what it saw under "INTERPRETATION(S):" and its conclusion under
// "IMPRESSION:", "CONCLUSION:" or "SUMMARY:": with no findings section, the interpretation is the findings (one
// report, one impression), and gets their checks. Alone, it is the report's conclusion, an impression.
const INTERPRETATION = /^INTERPRETATIONS?$/;
// A conclusion that only records the call or gives advice ("CONCLUSION: Findings discussed with Dr Smith at 10:00.",
// "SUMMARY: Recommend follow-up in 6 weeks.") concludes nothing: beside it the interpretation stays the conclusion.
const CALL_OR_ADVICE =
  /\b(?:discuss|communicat|called|notified|telephon|paged|conveyed|informed|read back|recommend|advise|follow[- ]?up|correlat)/i;
// Its sentences, cut at a stop before white space (not after a title: "Dr. Lee").
const SENTENCE_CUT = /(?<!\b(?:Dr|Mr|Mrs|Ms|Prof))[.!?]\s+|\n/;
const concludesOnFindings = (text: string, s: Section) =>
  text
    .slice(s.header ? s.header.end : s.start, s.end)
    .split(SENTENCE_CUT)
    .some((part) => /\p{L}/u.test(part) && !CALL_OR_ADVICE.test(part));
function interpretationAsFindings(text: string, sections: Section[]): void {
  if (sections.some((s) => s.kind === 'findings')) return;
  const told = (s: Section) => s.kind === 'impression' && !!s.header && INTERPRETATION.test(normaliseHeaderName(s.header.name));
  const interpretation = sections.find(told);
  // (One conclusion only: a two-part stress and nuclear report, "INTERPRETATION: <heart rate, ECG> IMPRESSION: …
  // NUCLEAR INTERPRETATION: … IMPRESSION: …", has a stress part that is no imaging finding.)
  const conclusions = sections.filter((s) => s.kind === 'impression' && !told(s));
  if (interpretation && conclusions.length === 1 && concludesOnFindings(text, conclusions[0])) interpretation.kind = 'findings';
}

// A nuclear or vascular report may head its results with the exam's full name ("NUCLEAR MYOCARDIAL PERFUSION SCAN WITH
// STANDARD PROTOCOL:", "CORONARY CTA:") beside its impression: with no findings section, the one section so named that
// says sentences (not a measure's label: "GESTATIONAL AGE BY CURRENT ULTRASOUND: 28 weeks") is the findings.
function examNamedAsFindings(text: string, sections: Section[]): void {
  if (sections.some((s) => s.kind === 'findings') || !sections.some((s) => s.kind === 'impression')) return;
  const says = (s: Section) => (text.slice(s.header!.end, s.end).match(/[.!?](?:\s|$)/g) ?? []).length >= 2;
  const named = sections.filter((s) => s.kind === 'other' && s.header && isRunOnExamTitle(s.header.name) && says(s));
  if (named.length === 1) named[0].kind = 'findings';
}

const BLANK_LINE = /\r?\n[ \t]*\r?\n/g;

// A history header met after the findings ("TECHNIQUE AND FINDINGS: ... HISTORY: Significant for
// high cholesterol⏎⏎The LAD has a moderate stenosis ...") holds its own paragraph only: what follows
// the blank line is findings again, not more history. So does a comparison no findings header follows
// ("… 3D reconstructions performed. COMPARISON: Previous MRI 10/13/2004.⏎⏎There is minimal curvature …"):
// the unheaded paragraphs after it are the findings, not more comparison.
function endLateHistories(text: string, sections: Section[]): void {
  let afterFindings = false;
  let lastFindings = -1;
  sections.forEach((s, i) => (lastFindings = s.kind === 'findings' ? i : lastFindings));
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    if (s.kind === 'findings') afterFindings = true;
    const lateHistory = s.kind === 'history' && afterFindings;
    const lastComparison = s.kind === 'comparison' && i > lastFindings;
    if (!(lateHistory || lastComparison) || !s.header) continue;
    let from = s.header.end;
    while (from < s.end && isSpace(text.charCodeAt(from))) from++;
    BLANK_LINE.lastIndex = from;
    const blank = BLANK_LINE.exec(text);
    if (!blank || blank.index >= s.end) continue;
    const start = blank.index + blank[0].length;
    if (trimSpan(text, start, s.end).start === s.end) continue;
    sections.splice(i + 1, 0, {
      kind: 'findings',
      header: null,
      start,
      end: s.end,
      body: { start, end: s.end },
      items: [],
      subsections: [],
    });
    s.end = blank.index;
  }
}

function addSubsection(text: string, section: Section, h: HeaderMatch): void {
  const sub: Subsection = {
    start: h.start,
    end: h.end,
    header: { start: h.start, end: h.end, text: text.slice(h.start, h.end), name: h.name },
    body: { start: h.end, end: h.end },
  };
  section.subsections.push(sub);
}

// "1. ", "2) " at the start of a line or after a sentence end, counting up from 1. The white space before
// the number is tested by hand: a look-behind tried at every character of the text cost more than the rest.
const ITEM_MARKER = /(\d{1,2})[.)](?=[ \t]+\S)/g;
const SPACE = /\s/;

function findItems(text: string, section: Section): NumberedItem[] {
  const bodyStart = section.body.start;
  const body = text.slice(bodyStart, section.body.end);
  const items: NumberedItem[] = [];
  let expected = 1;
  for (const m of allMatches(ITEM_MARKER, body)) {
    // A marker starts the body or follows white space (a match right after a digit hides no marker).
    if (m.index > 0 && !SPACE.test(body[m.index - 1])) continue;
    if (Number(m[1]) !== expected) continue;
    // At the start or after a sentence end or a line break: read back over the white space before it.
    let j = m.index - 1;
    let newline = false;
    for (; j >= 0 && SPACE.test(body[j]); j--) if (body[j] === '\n') newline = true;
    if (!(j < 0 || newline || '.!?:;'.includes(body[j]))) continue;
    const at = bodyStart + m.index;
    items.push({ number: expected, start: at, end: section.body.end, marker: { start: at, end: at + m[0].length } });
    expected++;
  }
  // A lone "1." is a number, not a list, unless it stands at the start of the section.
  if (items.length === 1 && items[0].start !== section.body.start) return [];
  for (let i = 0; i < items.length - 1; i++) items[i].end = items[i + 1].start;
  for (const item of items) Object.assign(item, trimSpan(text, item.start, item.end));
  return items;
}

// A quotation mark right after the stop, then a space: the quote ends with the sentence ("… right lobe." Increases …).
const closesQuote = (text: string, q: number, end: number) =>
  (text[q] === '"' || text[q] === '”') && (q + 1 >= end || isSpace(text.charCodeAt(q + 1)));

function wordOrStop(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return c === 46 || isAsciiLetter(c);
  return /[\p{L}.]/u.test(text[k]);
}

function isSentenceEnd(text: string, i: number, end: number): boolean {
  const ch = text[i];
  if (ch === '!' || ch === '?') return true;
  if (ch !== '.') return false;
  const next = text[i + 1];
  // The word before the period (letters and periods; the letter pattern only past ASCII).
  let j = i;
  while (j > 0 && wordOrStop(text, j - 1)) j--;
  if (i + 1 < end && next !== undefined && !isSpace(text.charCodeAt(i + 1)) && !closesQuote(text, i + 1, end)) {
    // "2.3", "x-XXXX.", "e.g.," go on; a stop typed without its space ("mild edema.The", "Normal
    // liver.No mass") ends a sentence when a lower-case word that is no abbreviation ends before it
    // and a capital starts a word after it ("Dr.Smith", "U.S.", "e.g.The", "St.Mary", "n.p.o.Today" go on).
    // After a closing bracket or an abbreviation in capitals, a glued label ends it too: "… IVC (inferior vena
    // cava).Kidneys: …", "… the SMV.Anatomy: …".
    if (/[)\]]/.test(text[i - 1] ?? '') || /^\p{Lu}{2,}$/u.test(text.slice(j, i))) return GLUED_LABEL.test(text.slice(i + 1, i + 40));
    return gluedStop(text.slice(j, i), text, i + 1);
  }
  const word = text.slice(j, i).toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  if (
    CLIPPED.has(word) &&
    (CLIPPED_BEFORE_NUMBER.has(word) ? /^[ \t]+[\p{Ll}\d]/u : /^[ \t]+\p{Ll}/u).test(text.slice(i + 1, Math.min(end, i + 8)))
  )
    return false;
  // A unit written with a stop and the measure going on ("2 cm. in diameter", "0.9 sq. cm. by planimetry");
  // "measures 3 cm. The liver …" and "3 cm. liver normal." end there.
  if (UNIT_STOPS.has(word) && UNIT_GOES_ON.test(text.slice(i + 1, Math.min(end, i + 40)))) return false;
  // "at U.S. Radiology", "from U.S. Army Hospital": a dotted country without "the" names something of
  // it and goes on; "in the U.S." may end the sentence.
  if (DOTTED_COUNTRIES.has(word) && !/\bthe\s+$/i.test(text.slice(Math.max(0, j - 5), j))) return false;
  if (/^\p{L}$/u.test(word) && /\p{Lu}/u.test(text[j]) && !lettersEndSentence(text, j, i + 1)) return false; // an initial: "J. Smith"
  return true;
}

// Words a capital letter after them names a kind or a part of ("Type A", "vitamin B", "hepatitis C", "zone B"),
// not a person's initial.
const LETTER_CLASSES = new Set([
  'type',
  'vitamin',
  'hepatitis',
  'grade',
  'class',
  'zone',
  'group',
  'factor',
  'phase',
  'segment',
  'level',
  'stage',
  'category',
  'compartment',
  'channel',
  'view',
]);
// Capitalised words that open a report's sentence and name no person: after one, a capital letter with a
// stop ends its sentence ("… the vitamin B. No …"), where before a surname it is an initial ("Dr. J. Smith").
const SENTENCE_OPENERS = new Set([
  'the',
  'no',
  'not',
  'there',
  'this',
  'these',
  'that',
  'those',
  'it',
  'its',
  'otherwise',
  'again',
  'also',
  'additionally',
  'however',
  'both',
  'bilateral',
  'normal',
  'unchanged',
  'stable',
  'mild',
  'moderate',
  'severe',
  'small',
  'large',
  'left',
  'right',
  'multiple',
  'several',
  'few',
  'interval',
  'new',
  'status',
  'overall',
  'in',
  'on',
  'at',
  'within',
  'with',
  'without',
  'for',
  'is',
  'are',
  'was',
  'were',
  'limited',
  'visualized',
  'remaining',
  'probable',
  'possible',
  'likely',
  'findings',
  'impression',
  'recommend',
  'recommended',
  'clinical',
  'correlation',
  'follow',
  'minimal',
  'trace',
  'diffuse',
  'focal',
  'scattered',
  'prominent',
  'mildly',
  'moderately',
  'markedly',
  'unremarkable',
  'negative',
  'lungs',
  'heart',
  'liver',
  'kidneys',
  'spleen',
  'pancreas',
  'adrenal',
  'adrenals',
  'gallbladder',
  'bladder',
  'bowel',
  'bones',
  'osseous',
  'soft',
  'vascular',
  'aorta',
]);
/**
 * Does the capital letter at j, with its stop at k - 1, end a sentence rather than stand as an initial: after a
 * word it names a kind of ("Type A.", "vitamin B."), or before a word that opens a sentence ("segments 4A and 4B.
 * Bilateral …", "… B. The …", "… A. No …"). A category with its management after it ("Lung-RADS 4A. Continue
 * annual screening") stays one sentence, as the RADS rules read it.
 */
function lettersEndSentence(text: string, j: number, k: number): boolean {
  const before = /([A-Za-z]+)[ \t]+$/.exec(text.slice(Math.max(0, j - 20), j));
  if (before && LETTER_CLASSES.has(before[1].toLowerCase())) return true;
  const after = /^[ \t]+(\p{Lu}\p{Ll}*)\b/u.exec(text.slice(k, k + 30));
  return after !== null && SENTENCE_OPENERS.has(after[1].toLowerCase());
}

// A label glued after a stop: a capitalised word or two and a colon ("Kidneys:", "Metastatic disease:").
const GLUED_LABEL = /^\p{Lu}\p{Ll}+(?:[ \t]+\p{L}+){0,2}:/u;
/** A stop typed without its space: a word of 2+ lower-case letters, no abbreviation, then a capital that starts a word (not an initial "J."). */
function gluedStop(word: string, text: string, k: number): boolean {
  if (!/^\p{Ll}{2,}$/u.test(word) || ABBREVIATIONS.has(word)) return false;
  return /\p{Lu}/u.test(text[k]) && text[k + 1] !== '.';
}

// A line that ends in a joining word goes on after the break, blank line or not: "either A or⏎⏎B",
// "discussed with⏎Dr. X by telephone".
const CONTINUES = /\b(or|and|nor|versus|vs\.?|either|with|of|to|by|the|a|an|at|from|for|than)[ \t]*$/;

// A line in lower case that is no list item ("a.", "b)") or label ("liver:").
const LOWER_CASE_LINE = /^\p{Ll}(?![.)])(?![\p{L} ]{0,40}:)/u;
/**
 * Does a blank line at `at` sit inside a sentence: the line before ends in a word or a comma, with no stop, and the
 * line after goes on in lower case ("There are no demonstrated myocardial⏎⏎bridges.", "a small effusion on the⏎⏎
 * left, and …") — an export that wrapped its lines put a blank between them. A capital after the blank still ends
 * the sentence: a list written without stops puts one statement on each line.
 */
function wrappedAcrossBlank(text: string, from: number, at: number, next: number): boolean {
  let j = at - 1;
  while (j >= from && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j--;
  if (j < from || !/[\p{Ll},]/u.test(text[j]) || !LOWER_CASE_LINE.test(text.slice(next, next + 45))) return false;
  // (A stop-less list dictated in lower case puts a statement on each line: "no pneumothorax⏎⏎small left pleural
  // effusion" is two — joined, the denial would reach the effusion. So a line that opens like a statement is never
  // joined, and after a denial only a word or two closing the sentence is: "no demonstrated myocardial⏎⏎bridges.")
  if (STATEMENT_OPENING.test(text.slice(next, next + 20))) return false;
  return !DENIAL_IN_LINE.test(text.slice(text.lastIndexOf('\n', j) + 1, j + 1)) || SHORT_CLOSE.test(text.slice(next, next + 40));
}
const STATEMENT_OPENING =
  /^(?:no|not|mild|mildly|moderate|moderately|severe|severely|small|large|trace|minimal|tiny|left|right|bilateral|normal|there|status|stable|unchanged|new)\b/i;
const DENIAL_IN_LINE = /\b(?:no|not|without|negative|free of)\b/i;
const SHORT_CLOSE = /^[\p{L}-]+(?:[ \t]+[\p{L}-]+)?[ \t]*[.!?](?:[ \t]|$)/u;

// What can end a sentence (isSentenceEnd and the line-break rule decide whether it does), and the
// round bracket, whose stops end nothing: "lesions (cyst?) in both kidneys".
const BREAK = /[.!?("\n\r•]/g;
// What ends a round bracket: its ")", or the line, when it stays open (then its stops count again).
const BRACKET_END = /[)\n\r]/g;

/**
 * The first match of re at or after i (text.length when none): one regex search per match over the
 * whole text, the sections asking in text order, so a text without stops is searched once, not once
 * per section.
 */
function finder(text: string, re: RegExp): (i: number) => number {
  let searchedFrom = Infinity;
  let found = -1;
  return (i) => {
    if (searchedFrom <= i && i <= found) return found;
    re.lastIndex = searchedFrom = i;
    return (found = re.exec(text)?.index ?? text.length);
  };
}

interface Finders {
  nextBreak: (i: number) => number;
  bracketEnd: (i: number) => number;
}

function splitSentences(text: string, section: Section, sectionIndex: number, out: Sentence[], { nextBreak, bracketEnd }: Finders): void {
  const { start, end } = section.body;
  let closeAt = -1; // the ")" of the bracket the scan is in, closed on its own line
  // Item starts and markers in text order, each passed once (the scan only moves forward).
  const cuts = section.items.map((item) => item.start).sort((a, b) => a - b);
  const markers = section.items.map((item) => item.marker).sort((a, b) => a.start - b.start);
  let cut = 0;
  let marker = 0;
  let from = start;
  const push = (to: number) => {
    const { start, end } = trimSpan(text, from, to);
    // A literal, not a spread of the span: V8 clones a spread object with extra keys slowly (a third of the parse).
    if (end > start) out.push({ start, end, section: sectionIndex, text: text.slice(start, end) });
    from = to;
  };
  for (let i = start; i < end; i++) {
    while (cut < cuts.length && cuts[cut] < i) cut++;
    while (marker < markers.length && markers[marker].start < i) marker++;
    // On to the next place where a sentence can end: a stop, a line break, an item or its marker
    // (one regex search per stop, not a look at every character).
    let next = nextBreak(i);
    if (cut < cuts.length && cuts[cut] < next) next = cuts[cut];
    if (marker < markers.length && markers[marker].start < next) next = markers[marker].start;
    if (next >= end) break;
    i = next;
    if (cuts[cut] === i && i > from) push(i);
    if (markers[marker]?.start === i) {
      i = markers[marker].end - 1; // the "1." of a list item does not end a sentence
      continue;
    }
    const ch = text[i];
    if (ch === '(') {
      if (i > closeAt) {
        const close = bracketEnd(i);
        if (text[close] === ')') closeAt = close;
      }
      continue;
    }
    if (ch === '"') {
      // A quotation mark standing alone before a capital opens the next item of a list run on without
      // stops ('… in the aorta " Millimetric nodules in both lungs " Emphysema …').
      if (i > from && text[i - 1] === ' ' && text[i + 1] === ' ' && /\p{Lu}/u.test(text[i + 2] ?? '')) push(i);
      continue;
    }
    if (ch === '•') {
      // A bullet inside a line opens the next item of a list run on without stops ("• Hiatal hernia • Pleural effusion on the left").
      // (Not after a clause that introduces it: "In the patient with operated colon cancer; • Moderate …" is one item.)
      const before = text.slice(from, i).trimEnd();
      if (before && !/[;:,]$/.test(before) && /\s/.test(text[i - 1]) && /^\s[\p{Lu}\d]/u.test(text.slice(i + 1, i + 3))) push(i);
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      // A blank line ends a sentence unless a wrapped export put it inside one (wrappedAcrossBlank); a single line
      // break does when the next line starts like a new statement (capital, digit, bullet).
      let k = i + 1;
      if (ch === '\r' && text[k] === '\n') k++;
      let blank = false;
      let m = k;
      while (m < end && /[ \t\r\n]/.test(text[m])) {
        if (text[m] === '\n') blank = true;
        m++;
      }
      const ends = blank ? !wrappedAcrossBlank(text, from, i, m) : /[\p{Lu}\d•*-]/u.test(text[m] ?? '');
      if (ends && !CONTINUES.test(text.slice(Math.max(from, i - 12), i))) push(k);
      i = k - 1;
      continue;
    }
    // A question or stop in brackets, or right before a ")" whose "(" is on an earlier line, belongs to the bracket.
    if (i < closeAt || text[i + 1] === ')') continue;
    if (isSentenceEnd(text, i, end)) push(closesQuote(text, i + 1, end) ? i + 2 : i + 1);
  }
  push(end);
}

/** A token's kind by its first characters; the letter pattern only past ASCII (one test per token, not three regexes). */
export function kindOf(t: string): TokenKind {
  if (t.startsWith('XXXX')) return 'deid';
  const c = t.charCodeAt(0);
  if (c >= 48 && c <= 57) return 'number';
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 'word';
  if (c < 128) return 'punct';
  return /^\p{L}/u.test(t) ? 'word' : 'punct';
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/**
 * The end of TOKEN's match at `at` (a character that is no white space), or -1: read by code for ASCII,
 * the pattern only where a character past ASCII may take part (its \p{L} tests cost most of the parse).
 */
function tokenEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c < 128) {
    if (c === 88 && text.startsWith('XXXX', at)) {
      let j = at + 4;
      while (text.charCodeAt(j) === 88) j++;
      return j;
    }
    if (isAsciiLetter(c)) {
      // Letters and apostrophes, back to the last letter, as the pattern backtracks.
      let j = at + 1;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d >= 128) return tokenEndByPattern(text, at);
        if (!(isAsciiLetter(d) || d === 39)) break;
      }
      while (text.charCodeAt(j - 1) === 39) j--;
      return j;
    }
    if (isDigit(c)) {
      // \d+(?:[.,]\d+)*
      let j = at + 1;
      for (;;) {
        while (isDigit(text.charCodeAt(j))) j++;
        const d = text.charCodeAt(j);
        if ((d === 46 || d === 44) && isDigit(text.charCodeAt(j + 1))) j += 2;
        else return j;
      }
    }
    return at + 1;
  }
  return tokenEndByPattern(text, at);
}

function tokenEndByPattern(text: string, at: number): number {
  TOKEN.lastIndex = at;
  return TOKEN.test(text) ? TOKEN.lastIndex : -1;
}

/** Tokens; a word run into a header ("CONTRASTCLINICAL HISTORY:") is cut where the header starts. */
function tokenize(text: string, cuts: readonly number[] = []): Token[] {
  const tokens: Token[] = [];
  const push = (start: number, t: string) => {
    const kind = kindOf(t);
    const lower = t.toLowerCase();
    tokens.push({ start, end: start + t.length, text: t, kind, lower, norm: kind === 'deid' ? 'xxxx' : normWord(t, lower) });
  };
  let c = 0;
  // Every character but white space starts a token (the last alternative takes any other sign), so the
  // tokens are read from each such position with the sticky pattern's test(): no match object per token.
  for (let at = 0; at < text.length;) {
    const ch = text.charCodeAt(at);
    if (ch === 32 || (ch >= 9 && ch <= 13) || (ch >= 128 && SPACE.test(text[at]))) {
      at++;
      continue;
    }
    const end = tokenEnd(text, at);
    if (end < 0) {
      at++;
      continue;
    }
    while (c < cuts.length && cuts[c] <= at) c++;
    let from = at;
    for (; c < cuts.length && cuts[c] < end; c++) {
      push(from, text.slice(from, cuts[c]));
      from = cuts[c];
    }
    push(from, text.slice(from, end));
    at = end;
  }
  return tokens;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** Parse report text into sections, numbered items, sentences and tokens. Never throws. */
export function parseReport(text: string): Report {
  const sections = buildSections(text);
  const sentences: Sentence[] = [];
  const finders: Finders = { nextBreak: finder(text, BREAK), bracketEnd: finder(text, BRACKET_END) };
  sections.forEach((section, index) => {
    section.items = findItems(text, section);
    splitSentences(text, section, index, sentences, finders);
  });
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
  return {
    text,
    document: documentKind(text, sections),
    sections,
    sentences,
    tokens: tokenize(
      text,
      sections.filter((s) => s.header).map((s) => s.header!.start),
    ),
    lineStarts: lineStartsOf(text),
    eol: crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n',
  };
}
