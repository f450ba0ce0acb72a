// What the consistency rules (laterality, omission, insertion, contradiction, sex, measurement)
// share: the findings of each report part, problems and side fixes. Which concepts name the same
// finding or explain one another, sites and side words are nlp's (nlp/relations.ts, over
// lexicon/relations.json); what makes a finding minor is nlp/minor.ts.
import { knownConcept, sideWordLike, type Finding, type ReportPart, type SideWord, type Understanding } from '../../nlp';
import { sentenceIndexAt as sentenceIndexInReport, sentencesIn } from '../../report';
import type { Report, Section } from '../../report/types';
import { runInAt } from '../../report/run-in';
import type { Fix, Problem } from '../../problem';
import type { Rule, RuleContext } from '../types';

export type { ReportPart };

export interface Consistency {
  u: Understanding;
  parts: ReportPart[];
}

/** The understanding split into report parts, from the check's analysis (computed once for every rule). */
export function consistencyOf(context: RuleContext): Consistency {
  return { u: context.analysis.understanding, parts: context.analysis.parts };
}

/** Each report part's problems, in part order: a loop, as Array.prototype.flatMap is slow in Node 20 (about 2 us a call). */
export function problemsPerPart(context: RuleContext, problemsOf: (part: ReportPart) => Problem[]): Problem[] {
  const out: Problem[] = [];
  for (const part of consistencyOf(context).parts) out.push(...problemsOf(part));
  return out;
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

// An opacity called airspace or alveolar is the airspace disease that "no focal consolidation" denies.
export function conceptOf(report: Report, f: Finding): string {
  if (f.concept === OPACITY && /\b(?:air ?space|alveolar|consolidat\w*)\b/i.test(report.text.slice(f.start, f.end)))
    return AIRSPACE_DISEASE;
  return f.concept;
}

// An impression that calls the study normal or free of acute disease.
export const NORMAL_STATEMENT =
  /\b(?:no (?:evidence of )?(?:acute|active)(?: (?:cardiopulmonary|pulmonary|cardiac|intrathoracic|chest|thoracic|osseous|bony|intracranial|abdominal|pelvic|radiographic|radiologic))?(?: (?:process|processes|disease|abnormality|abnormalities|findings?|pathology|changes?|injury|issues?))|(?:normal|negative|unremarkable) (?:chest|study|exam|examination|radiograph|radiographs|film|films|ct|mri|ultrasound|x-?ray|x-XXXX|head ct|ct (?:of the )?head|abdomen)|(?:chest|study|examination|exam) (?:is )?(?:normal|negative|unremarkable)|^(?:normal|negative|unremarkable)\.?$)/i;

/** The conclusion run into a findings section after its findings, in a report with no impression section. */
export function runInConclusion(report: Report): { start: number; end: number } | undefined {
  if (report.sections.some((s) => s.kind === 'impression')) return undefined;
  for (const s of report.sections) {
    if (s.kind !== 'findings') continue;
    const at = runInAt(report.text.slice(s.body.start, s.body.end));
    if (at >= 0) return { start: s.body.start + at, end: s.body.end };
  }
  return undefined;
}

/** Statements of the impression: its numbered items, or else its sentences. */
export function impressionStatements(report: Report, impression: Section): { start: number; end: number; text: string }[] {
  if (impression.items.length >= 1) {
    return impression.items.map((i) => ({ start: i.marker.end, end: i.end, text: report.text.slice(i.marker.end, i.end).trim() }));
  }
  return sentencesIn(report, impression).map((s) => ({ start: s.start, end: s.end, text: s.text }));
}
