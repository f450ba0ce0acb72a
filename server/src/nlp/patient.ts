import { z } from 'zod';
import type { Report, Section } from '../report/types';
import patientData from './lexicon/patient.json';
import type { Side } from './types';
import { BODY_PART_TRIE, COVERAGE, MODALITY_TRIE, SEX_SPECIFIC_TERMS, SIDE_TRIE, SEX_TRIES, sideOfSides, type Sex } from './lexicon';
import type { Exam, Patient } from './types';
import { wordsOf, type Word } from './words';
import { allMatches } from '../report/matches';
import { sectionAt, spanIndexAt } from '../report';

const Words = z.array(z.string().regex(/^[a-z]+$/)).min(1);

// Sex words (lexicon/patient.json): every word alone, nouns and abbreviations after an age, nouns in a history.
const SEX_WORDS = z
  .object({
    note: z.string(),
    sexWords: z.record(
      z.enum(['female', 'male']),
      z.object({ nouns: Words, abbreviations: Words, others: Words, patterns: z.array(z.string()) }),
    ),
  })
  .parse(patientData).sexWords;
const SEX_ORGANS = z
  .object({ organs: z.record(z.enum(['female', 'male']), z.array(z.string().regex(/^[a-z ]+$/)).min(1)) })
  .parse(patientData).organs;
const ORGAN_SEX = new Map<string, Sex>(
  (['female', 'male'] as const).flatMap((sex) => SEX_ORGANS[sex].map((term) => [term, sex] as [string, Sex])),
);
for (const [term, sex] of ORGAN_SEX)
  if (!SEX_SPECIFIC_TERMS.some((t) => t.term === term && t.sex === sex))
    throw new Error(`patient.json: organ "${term}" is not a ${sex} term of anatomy.json sexSpecific`);
// In the organ's clause, words that take it away or deny it: "no uterus", "the prostate is not seen",
// "status post hysterectomy, the uterus is surgically absent" (a denial of another thing in the sentence is no matter).
const ORGAN_DENIED_BEFORE = /\b(?:no|not|without|absent|status post|s\/p)\b/i;
const ORGAN_DENIED_AFTER = /\b(?:not|absent|removed|resected|\w+ectomy)\b/i;
const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
const wordsRegex = (sex: Sex) => {
  const w = SEX_WORDS[sex];
  return new RegExp(`^(${alternation([...w.nouns, ...w.abbreviations, ...w.others])}${w.patterns.map((p) => `|${p}`).join('')})$`, 'i');
};
const FEMALE_WORDS = wordsRegex('female');
const MALE_WORDS = wordsRegex('male');
const SEX_NOUNS = alternation([...SEX_WORDS.female.nouns, ...SEX_WORDS.male.nouns]);
const SEX_AFTER_AGE = alternation([
  ...SEX_WORDS.female.nouns,
  ...SEX_WORDS.male.nouns,
  ...SEX_WORDS.female.abbreviations,
  ...SEX_WORDS.male.abbreviations,
]);

// "51 year old female", "51-year-old man", "XXXX-year-old male", "51 yo F", "51F", "age 51".
const AGE_SEX = new RegExp(
  String.raw`\b(\d{1,3}|XXXX)(?:[- ]?(?:years?|yrs?|y)[- ]?(?:old|o)\b|\s?(?:y\/o|yo|y\.o\.))[\s,-]{0,4}(?:(?:white|black|african[- ]american|hispanic|asian|caucasian|pregnant|postmenopausal)\s{1,3})?(${SEX_AFTER_AGE})?\b`,
  'gi',
);
const COMPACT_AGE_SEX = /\b(\d{1,3})\s?([MF])\b/g;
const AGE_LABEL = /\b(?:age|aged)[ \t]{0,3}:?[ \t]{0,3}(\d{1,3})\b/gi;
const SEX_LABEL = /\b(?:sex|gender)[ \t]{0,3}:?[ \t]{0,3}(female|male|f|m)\b/gi;
const TITLE = /\b(Mrs|Ms|Miss|Mr)\.?(?=\s+[A-Z])/g;
const PRONOUN = /\b(she|her|he|his|him)\b/gi;
const SEX_WORD = new RegExp(String.raw`\b(${SEX_NOUNS})\b`, 'i');
const SEX_PATTERNS = (['female', 'male'] as const)
  .filter((sex) => SEX_WORDS[sex].patterns.length)
  .map((sex) => [sex, new RegExp(String.raw`\b(?:${SEX_WORDS[sex].patterns.join('|')})\b`, 'i')] as const);
const LONE_SEX = /(?:^|[,;(/])[ \t]{0,3}([MF])[ \t]{0,3}(?=[,;)/]|$)/m;

function sexOf(word: string | undefined): Sex | null {
  if (!word) return null;
  if (FEMALE_WORDS.test(word)) return 'female';
  if (MALE_WORDS.test(word)) return 'male';
  return null;
}

/** Where the header of a report talks about the patient: everything but findings and impression first. */
function headerText(report: Report): string {
  const parts = report.sections
    .filter((s) => s.kind !== 'findings' && s.kind !== 'impression')
    .map((s) => report.text.slice(s.start, s.end));
  return parts.join('\n');
}

/**
 * The sex of the organs the findings and impression name as present (lexicon/patient.json organs), if
 * they name only one sex's.
 */
function sexOfOrgans(report: Report, sexSpecific: readonly { start: number; end: number; term: string; sex: Sex }[]): Sex | null {
  const seen = new Set<Sex>();
  for (const m of sexSpecific) {
    const sex = ORGAN_SEX.get(m.term.toLowerCase());
    if (!sex) continue;
    const section = sectionAt(report, m.start);
    if (section?.kind !== 'findings' && section?.kind !== 'impression') continue;
    const sentence = report.sentences[spanIndexAt(report.sentences, m.start)];
    if (sentence) {
      const before = report.text.slice(sentence.start, m.start).split(/[,;]/).pop()!;
      const after = report.text.slice(m.end, sentence.end).split(/[,;]/)[0];
      if (ORGAN_DENIED_BEFORE.test(before) || ORGAN_DENIED_AFTER.test(after)) continue;
    }
    seen.add(sex);
  }
  return seen.size === 1 ? [...seen][0] : null;
}

/**
 * Sex and age from the header or history: explicit statements beat titles, titles beat the organs
 * the report names as present, and those beat pronouns.
 */
export function findPatient(report: Report, sexSpecific: readonly { start: number; end: number; term: string; sex: Sex }[] = []): Patient {
  const patient: Patient = { sex: null, age: null };
  const header = headerText(report);
  for (const text of [header, report.text]) {
    for (const m of allMatches(AGE_SEX, text)) {
      const age = /^\d+$/.test(m[1]) ? Number(m[1]) : null;
      if (patient.age === null && age !== null && age <= 120) patient.age = age;
      patient.sex ??= sexOf(m[2]);
    }
    // A pattern that can give only what is known already is not searched.
    if (!patient.sex) for (const m of allMatches(SEX_LABEL, text)) patient.sex ??= sexOf(m[1]);
    if (patient.age === null)
      for (const m of allMatches(AGE_LABEL, text)) if (patient.age === null && Number(m[1]) <= 120) patient.age = Number(m[1]);
    for (const m of allMatches(COMPACT_AGE_SEX, text)) {
      if (patient.age === null && Number(m[1]) <= 120) patient.age = Number(m[1]);
      patient.sex ??= sexOf(m[2]);
    }
    if (!patient.sex) for (const m of allMatches(TITLE, text)) patient.sex ??= sexOf(m[1]);
    if (patient.sex && patient.age !== null) return patient;
  }
  // "A middle-aged male with ...": a sex word in the history, outside findings (where "male breast" may stand).
  if (!patient.sex) patient.sex = sexOf(SEX_WORD.exec(header)?.[1]);
  // "Doe, Jane, F, 51": a lone capital F or M between commas in a header line.
  if (!patient.sex) patient.sex = sexOf(LONE_SEX.exec(header)?.[1]);
  // "34-year-old G3P2": the obstetric shorthand (patient.json patterns) names a woman.
  if (!patient.sex) patient.sex = SEX_PATTERNS.find(([, re]) => re.test(header))?.[0] ?? null;
  // A uterus and ovaries stated as present: the patient is a woman, whatever a pronoun says.
  if (!patient.sex) patient.sex = sexOfOrgans(report, sexSpecific);
  if (!patient.sex) {
    // Pronouns decide only when they all agree.
    const seen = new Set<Sex>();
    for (const m of allMatches(PRONOUN, report.text)) {
      const s = sexOf(m[1]);
      if (s) seen.add(s);
    }
    if (seen.size === 1) patient.sex = [...seen][0];
  }
  return patient;
}

interface TitleReading {
  modality: string | null;
  bodyPart: string | null;
  /** Every body part named ("right foot and ankle"). */
  parts: string[];
  /** Lexicon contexts of every body part the title names ("pelvis ... and chest"). */
  contexts: string[];
  side: Side | null;
}

function readTitle(words: Word[]): TitleReading {
  const r: TitleReading = { modality: null, bodyPart: null, parts: [], contexts: [], side: null };
  const sides = new Set<Side>();
  for (let i = 0; i < words.length;) {
    const m = MODALITY_TRIE.match(words, i);
    const b = BODY_PART_TRIE.match(words, i);
    const s = SIDE_TRIE.match(words, i);
    const ends = [m?.end ?? 0, b?.end ?? 0, s?.end ?? 0];
    const end = Math.max(...ends);
    if (end === 0) {
      i++;
      continue;
    }
    if (m && m.end === end) r.modality ??= m.value;
    // A body part that names its modality too ("screening mammogram"): the modality inside its words.
    for (let j = i + 1; !r.modality && j < end; j++) r.modality = MODALITY_TRIE.match(words, j)?.value ?? null;
    if (b && b.end === end) {
      r.bodyPart ??= b.value.part;
      if (!r.parts.includes(b.value.part)) r.parts.push(b.value.part);
      if (!r.contexts.includes(b.value.context)) r.contexts.push(b.value.context);
    }
    if (s && s.end === end) sides.add(s.value.side);
    i = end;
  }
  r.side = sideOfSides(sides);
  return r;
}

// Titles read before, by their text: most reports of a service share a handful of titles, and reading one
// (its words, three trie walks per word) cost more than the rest of findExam. Bounded: cleared when full.
const TITLES = new Map<string, TitleReading>();
function readTitleText(text: string): TitleReading {
  let r = TITLES.get(text);
  if (r) return r;
  if (TITLES.size >= 500) TITLES.clear();
  r = readTitle(wordsOf(text));
  Object.freeze(r.contexts); // shared by every report with this title
  Object.freeze(r.parts);
  TITLES.set(text, r);
  return r;
}

// "from the base of the brain to the upper abdomen": the ends of what a scan covers.
const RANGE =
  /\bfrom\s+(?:the\s+)?(.{3,60}?)\s+(?:to|through)\s+(?:the\s+)?(.{3,60}?)(?=\s+(?:following|after|with|without|using|before|in)\b|[,.;]|$)/i;

/**
 * A technique or procedure sentence read for the exam: a range's ends name the body parts around the one
 * scanned, so the range reads as what lies between them (data: anatomy.json coverage), or as nothing.
 */
function readStatement(text: string): TitleReading {
  const range = RANGE.exec(text);
  if (range) {
    const [from, to] = [range[1], range[2]].map((end) => readTitleText(end).bodyPart);
    if (from && to && from !== to) {
      const between = COVERAGE.get(`${from}|${to}`) ?? '';
      return readTitleText(text.slice(0, range.index) + between + text.slice(range.index + range[0].length));
    }
  }
  return readTitleText(text);
}

/** A section's first sentence, if short: "Axial CT images of the head were obtained without contrast." */
function firstSentence(report: Report, s: Section): { start: number; end: number } | null {
  const body = report.text.slice(s.body.start, s.body.end);
  const stop = body.search(/\.(?:\s|$)|\r?\n/);
  const end = stop < 0 ? s.body.end : s.body.start + stop;
  return report.text.slice(s.body.start, end).split(/\s+/).length <= 40 ? { start: s.body.start, end } : null;
}

/** The technique's first sentence. */
function techniqueLine(report: Report): { start: number; end: number } | null {
  const s = report.sections.find((x) => x.kind === 'technique' && x.body.end > x.body.start);
  return s ? firstSentence(report, s) : null;
}

/**
 * A title that names the body part but no side ("MRI HIP"): the side from the sentence that states what was
 * imaged, in the procedure or technique ("imaging of the right hip was performed"), if it names the same part.
 */
function statedSide(
  report: Report,
  bodyPart: string,
  title: { start: number; end: number },
): { side: Side; span: { start: number; end: number } } | null {
  for (const s of report.sections as Section[]) {
    // The title's own line goes on there too ("ANKLE MRI: MRI OF THE RIGHT ANKLE").
    const titled = s.header?.start === title.start;
    if ((s.kind !== 'exam' && s.kind !== 'technique' && !titled) || s.body.end <= s.body.start) continue;
    const line = firstSentence(report, s);
    if (!line || (line.start < title.end && title.start < line.end)) continue;
    const r = readStatement(report.text.slice(line.start, line.end));
    if (r.parts.includes(bodyPart) && (r.side === 'left' || r.side === 'right')) return { side: r.side, span: line };
  }
  return null;
}

/**
 * Exam modality, body part and side from the exam title (EXAM section, or a short first line), and from
 * the technique where the title leaves them out ("EXAM: CT WITHOUT CONTRAST" over "CT of the head").
 */
export function findExam(report: Report): Exam & { contexts: string[] } {
  const candidates: { start: number; end: number; firstLine?: true }[] = [];
  for (const s of report.sections as Section[]) {
    if (s.kind === 'exam' && s.body.end > s.body.start) {
      const firstBreak = report.text.slice(s.body.start, s.body.end).search(/\r?\n/);
      const end = firstBreak < 0 ? s.body.end : s.body.start + firstBreak;
      // A long paragraph under EXAM is a physical examination, not an imaging exam title.
      if (report.text.slice(s.body.start, end).split(/\s+/).length <= 16) candidates.push({ start: s.body.start, end });
    }
  }
  // A title written as the first header ("MRI HIP: ..."): its name, if it names a modality.
  const headed = report.sections.find((s) => s.header);
  const titleHeader = headed?.header;
  const opensReport = !!titleHeader && !report.text.slice(0, titleHeader.start).trim();
  if (titleHeader && opensReport)
    candidates.push({ start: titleHeader.start, end: titleHeader.start + titleHeader.name.length, firstLine: true });
  // No EXAM header: the first non-empty line, if it reads like a title rather than a sentence (not a
  // technique or history opening the report: "TECHNIQUE: CT images from the neck to the pelvis.").
  const first = opensReport && headed.kind !== 'exam' && headed.kind !== 'other' ? null : /^\s*([^\r\n]{3,120})/.exec(report.text);
  if (first) {
    const start = first.index + first[0].indexOf(first[1]);
    const line = first[1].replace(/\s+$/, '');
    if (line.split(/\s+/).length <= 14 && !/[a-z]\.\s+[A-Z]/.test(line))
      candidates.push({ start, end: start + line.length, firstLine: true });
  }
  const technique = techniqueLine(report);
  const fromTechnique = technique ? readStatement(report.text.slice(technique.start, technique.end)) : null;
  for (const span of candidates) {
    const r = readTitleText(report.text.slice(span.start, span.end));
    // A first line without a header is a title only if it names a modality ("CC: Left hand weakness" is not).
    if ('firstLine' in span ? r.modality : r.modality || r.bodyPart) {
      // The technique names what the title leaves out: the body part, and then its side too.
      if (!r.bodyPart && fromTechnique?.bodyPart && technique) {
        return {
          modality: r.modality ?? fromTechnique.modality,
          bodyPart: fromTechnique.bodyPart,
          side: r.side ?? fromTechnique.side,
          span: r.side ? { start: span.start, end: span.end } : fromTechnique.side ? technique : { start: span.start, end: span.end },
          contexts: fromTechnique.contexts,
        };
      }
      const stated = !r.side && r.bodyPart ? statedSide(report, r.bodyPart, span) : null;
      return {
        modality: r.modality,
        bodyPart: r.bodyPart,
        side: stated?.side ?? r.side,
        span: { start: span.start, end: span.end },
        ...(stated ? { sideSpan: stated.span } : {}),
        contexts: r.contexts,
      };
    }
  }
  // No title: the technique, if it names a body part.
  if (fromTechnique?.bodyPart && technique) {
    const { modality, bodyPart, side, contexts } = fromTechnique;
    return { modality, bodyPart, side, contexts, span: technique };
  }
  return { modality: null, bodyPart: null, side: null, span: null, contexts: [] };
}

/** Sex-specific words in the text (organs, conditions, procedures), for the sex-mismatch rule. */
export function findSexSpecific(words: readonly Word[]): { start: number; end: number; term: string; sex: Sex }[] {
  const out: { start: number; end: number; term: string; sex: Sex }[] = [];
  for (let i = 0; i < words.length;) {
    // Nearly no word starts a term: the tries' first keys asked before a walk of each (the exact trie
    // holds only all-capital abbreviations, so only a word starting with a capital is looked up there).
    const first = words[i].text.charCodeAt(0);
    if (!SEX_TRIES.base.startsWith(words[i].norm) && !(first >= 65 && first <= 90 && SEX_TRIES.exact.startsWith(words[i].text))) {
      i++;
      continue;
    }
    const a = SEX_TRIES.base.match(words, i);
    const b = SEX_TRIES.exact.match(words, i);
    const hit = a && (!b || a.end >= b.end) ? a : b;
    if (!hit) {
      i++;
      continue;
    }
    out.push({ start: words[i].start, end: words[hit.end - 1].end, term: hit.value.term, sex: hit.value.sex });
    i = hit.end;
  }
  return out;
}

// "at 36 weeks 3 days", "37weeks and 4days", "34 weeks gestation": a gestational age in weeks (a pregnancy
// lasts at most some 44 weeks; "+/- 2 weeks" and "follow-up in 4 weeks" are never the largest).
const GESTATION_WEEKS = /\b(\d{1,2})[ \t-]*(?:weeks?|wks?)\b/gi;

/** The latest gestational age the report states, in whole weeks (the current one: prior scans were earlier); null when none. */
export function gestationalWeeks(text: string): number | null {
  let weeks: number | null = null;
  for (const m of allMatches(GESTATION_WEEKS, text)) {
    const n = Number(m[1]);
    if (n <= 44 && (weeks === null || n > weeks)) weeks = n;
  }
  return weeks;
}
