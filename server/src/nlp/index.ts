import { rangeOf } from '../report/positions';
import type { Report } from '../report/types';
import { extractFindings } from './findings';
import { activeContexts } from './lexicon';
import { findExam, findPatient, findSexSpecific } from './patient';
import type { Finding, Understanding } from './types';
import { wordsFromTokens } from './words';
export * from './types';
export { CONCEPTS, CONCEPT_BY_ID, PAIRED_ANATOMY, READ_AS, SEX_SPECIFIC_TERMS, type Concept, type ConceptFlag, type Sex } from './lexicon';
export {
  DEGREE_ONLY_WORDS,
  NARROWING_WORDS,
  ORGAN_SIZES,
  QUALIFIERS,
  QUALIFIER_WORDS,
  STATEMENT_DOMAINS,
  checkRelations,
  conceptHas,
  coveredBy,
  covers,
  deniedBy,
  denies,
  fitsExam,
  examTitleParts,
  isOneSidedBodyPart,
  kinOf,
  knownConcept,
  listedByHabit,
  opposites,
  opposite,
  sameFinding,
  sameFindingKin,
  sideInSentence,
  sideOfWord,
  sideWordLike,
  sideWordOf,
  sideWordsIn,
  sitesAgree,
  sitesMatch,
  withinSite,
  wordsPattern,
  wordsRegex,
  type LexiconNames,
  type RelationsData,
  type SideWord,
} from './relations';
export { MM_PER, findMeasurements, isDistance, measuredQuantity } from './measurements';
export { reportParts, type ReportPart } from './parts';

/** What the report says: patient, exam and every finding mention with assertion, side and size. */
export function understand(report: Report): Understanding {
  const words = wordsFromTokens(report.tokens);
  const { contexts, ...exam } = findExam(report);
  const { findings, measurements } = extractFindings(report, words, activeContexts(contexts));
  const sexSpecific = findSexSpecific(words);
  return {
    patient: findPatient(report, sexSpecific),
    exam,
    findings,
    measurements,
    sexSpecific,
  };
}

/** The per-file object of `radlint findings --format json` (contract: docs/cli.md), without `path`. */
export function findingsJson(report: Report, understanding: Understanding = understand(report)) {
  const range = (span: { start: number; end: number }) => rangeOf(report.lineStarts, span);
  const { patient, exam } = understanding;
  return {
    patient: { sex: patient.sex, age: patient.age },
    exam: { modality: exam.modality, bodyPart: exam.bodyPart, side: exam.side },
    findings: understanding.findings.map((f) => ({
      finding: f.finding,
      assertion: f.assertion,
      side: f.side,
      section: f.section,
      range: range(f),
      measurements: f.measurements.map((m) => ({ value: m.value, unit: m.unit, range: range(m) })),
      critical: urgencyOf(f),
    })),
  };
}

/** A denied, past or hypothetical finding carries no urgency in the labeller's output (Finding.critical is the concept's). */
export function urgencyOf(f: Finding) {
  return f.assertion === 'present' || f.assertion === 'possible' ? f.critical : null;
}
