// What the consistency rules (laterality, omission, insertion, contradiction, sex, measurement)
// share: the findings of each report part and the qualifiers that make a finding minor. Which
// concepts name the same finding or explain one another, sites and side words are nlp's
// (nlp/relations.ts, over lexicon/relations.json).
import {
  QUALIFIERS,
  QUALIFIER_WORDS,
  conceptHas,
  knownConcept,
  sideWordLike,
  wordsPattern,
  type Finding,
  type ReportPart,
  type SideWord,
  type Understanding,
} from '../../nlp';
import { sentenceIndexAt as sentenceIndexInReport, sentencesIn } from '../../report';
import type { Report, Section } from '../../report/types';
import type { Fix, Problem } from '../../problem';
import type { Rule, RuleContext } from '../types';

export type { ReportPart };

export interface Consistency {
  u: Understanding;
  parts: ReportPart[];
}

/** The understanding split into report parts, from the check's analysis (computed once for every rule). */
export function consistencyOf(_report: Report, context: RuleContext): Consistency {
  return { u: context.analysis.understanding, parts: context.analysis.parts };
}

/** The index of the sentence that holds an offset, or -1. */
export const sentenceIndexAt = (report: Report, offset: number): number => sentenceIndexInReport(report.sentences, offset);

export function problemOf(rule: Rule, fields: Omit<Problem, 'rule' | 'category' | 'severity'>): Problem {
  return { rule: rule.id, category: rule.category, severity: rule.severity, ...fields };
}

/** "the impression", "the findings": where a mention stands, for messages. */
export const sectionLabel = (f: Finding): string =>
  f.section === 'impression' ? 'the impression' : f.section === 'findings' ? 'the findings' : `the ${f.section}`;

/** A fix writing the other side in a side word's place, in the writer's capitals. */
export function changeSideFix(word: SideWord, side: 'left' | 'right', title: string, isPreferred: boolean): Fix {
  return {
    title,
    edits: [{ start: word.start, end: word.end, newText: sideWordLike(word.text, side) }],
    applicability: 'unsafe',
    isPreferred,
  };
}

/** Mentions grouped by concept, so rules look up kin instead of scanning every mention. */
export function byConcept(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = map.get(f.concept);
    if (!list) map.set(f.concept, (list = []));
    list.push(f);
  }
  return map;
}

/** The mentions of any of the concepts. */
export function mentionsOf(map: ReadonlyMap<string, Finding[]>, concepts: Iterable<string>): Finding[] {
  const out: Finding[] = [];
  for (const c of concepts) {
    const list = map.get(c);
    if (list) out.push(...list);
  }
  return out;
}

const OPACITY = knownConcept('opacity', 'conceptOf');
const AIRSPACE_DISEASE = knownConcept('airspace-disease', 'conceptOf');
const ATELECTASIS = knownConcept('atelectasis', 'isMinor');
const NODULE = knownConcept('nodule', 'isMinor');

// An opacity called airspace or alveolar is the airspace disease that "no focal consolidation" denies.
export function conceptOf(report: Report, f: Finding): string {
  if (f.concept === OPACITY && /\b(?:air ?space|alveolar|consolidat\w*)\b/i.test(report.text.slice(f.start, f.end)))
    return AIRSPACE_DISEASE;
  return f.concept;
}

// ---------------------------------------------------------------------------------------------
// Qualifiers.

// Qualifier words (lexicon/qualifiers.json): size and chronicity, explanations, overlapping shadows,
// strength, a shallow breath.
const {
  minorBefore: MINOR_BEFORE,
  explained: EXPLAINED,
  overlap: OVERLAP,
  strong: STRONG,
  marked: MARKED,
  lowVolumes: LOW_VOLUMES,
} = QUALIFIERS;
// Minor anywhere in the sentence, or the sequela of something past ("from a previous infection").
const MINOR_ANYWHERE = new RegExp(
  String.raw`\b(?:${wordsPattern(QUALIFIER_WORDS.minorAnywhere)}|(?:from|of|due to|secondary to|related to) (?:a |the )?(?:previous|prior|old|remote))\b`,
  'i',
);

// Descriptive findings (an opacity, a density) that the sentence explains or hedges: the
// explanation, when it matters, is a finding of its own.
const descriptive = (f: Finding) => conceptHas(f.concept, 'descriptive');

/** A descriptive finding the sentence explains away (a widened mediastinum "secondary to a tortuous aorta"). */
export function isExplained(report: Report, finding: Finding): boolean {
  const sentence = report.sentences[finding.sentenceIndex];
  return !!sentence && descriptive(finding) && (EXPLAINED.test(sentence.text) || OVERLAP.test(sentence.text));
}

/** Minor, chronic, explained or unchanged as written: radiologists routinely leave these out of impressions. */
export function isMinor(report: Report, finding: Finding): boolean {
  const sentence = report.sentences[finding.sentenceIndex];
  if (!sentence) return false;
  const before = report.text.slice(Math.max(sentence.start, finding.start - 60), finding.end);
  const clauseStart = Math.max(before.lastIndexOf(';'), before.lastIndexOf(','));
  // "Minimally displaced" grades the displacement, not the fracture.
  const clause = (clauseStart >= 0 ? before.slice(clauseStart) : before).replace(
    /\b(?:minimal(?:ly)?|mild(?:ly)?|slight(?:ly)?)[\s-]+(?:displaced|angulated|comminuted|depressed|impacted)\b/gi,
    '',
  );
  if (MINOR_BEFORE.test(clause) || MINOR_ANYWHERE.test(sentence.text)) return true;
  // A de-identification token where a qualifier would stand ("XXXX opacities", "XXXX atelectasis"):
  // the word it hides may have been "streaky" or "likely", so nothing can be concluded.
  if (
    (descriptive(finding) || finding.concept === ATELECTASIS) &&
    !STRONG.test(clause) &&
    /XXXX(?:[ \t]+[\w-]+){0,2}[ \t]+$/.test(report.text.slice(Math.max(sentence.start, finding.start - 40), finding.start))
  )
    return true;
  if (descriptive(finding) && EXPLAINED.test(sentence.text)) return true;
  if (descriptive(finding) && finding.concept !== NODULE && OVERLAP.test(sentence.text)) return true;
  if (finding.concept === ATELECTASIS && LOW_VOLUMES.test(sentence.text)) return true;
  return conceptHas(finding.concept, 'incidental-unless-marked') && !MARKED.test(sentence.text);
}

// An impression that calls the study normal or free of acute disease.
export const NORMAL_STATEMENT =
  /\b(?:no (?:evidence of )?(?:acute|active)(?: (?:cardiopulmonary|pulmonary|cardiac|intrathoracic|chest|thoracic|osseous|bony|intracranial|abdominal|pelvic|radiographic|radiologic))?(?: (?:process|processes|disease|abnormality|abnormalities|findings?|pathology|changes?|injury|issues?))|(?:normal|negative|unremarkable) (?:chest|study|exam|examination|radiograph|radiographs|film|films|ct|mri|ultrasound|x-?ray|x-XXXX|head ct|ct (?:of the )?head|abdomen)|(?:chest|study|examination|exam) (?:is )?(?:normal|negative|unremarkable)|^(?:normal|negative|unremarkable)\.?$)/i;

/** Statements of the impression: its numbered items, or else its sentences. */
export function impressionStatements(report: Report, impression: Section): { start: number; end: number; text: string }[] {
  if (impression.items.length >= 1) {
    return impression.items.map((i) => ({ start: i.marker.end, end: i.end, text: report.text.slice(i.marker.end, i.end).trim() }));
  }
  return sentencesIn(report, impression).map((s) => ({ start: s.start, end: s.end, text: s.text }));
}
