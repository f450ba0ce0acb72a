// Sentences dictated among the findings that belong elsewhere (templates/sentence-kinds.json):
// technique, comparison and patient history, which restructure moves to their sections, and the
// breast imaging notice, which is no organ's. Checked with zod at load.
import { z } from 'zod';
import data from './sentence-kinds.json';
import { phraseRegex } from './phrases';
import { CONCEPT_BY_ID } from '../nlp/lexicon';

const Phrases = z.array(z.string().min(1)).min(1);
const Schema = z.object({
  note: z.string(),
  technique: Phrases,
  procedure: Phrases,
  protocolWords: Phrases,
  imaging: Phrases,
  comparison: Phrases,
  advice: Phrases,
  adviceAnywhere: Phrases,
  findingWords: Phrases,
  history: Phrases,
  knownBefore: Phrases,
  historyPatterns: Phrases,
  comparisonHeaders: Phrases,
  observations: Phrases,
  clauseObservations: Phrases,
  contrastStatements: Phrases,
  noComparison: Phrases,
  communication: Phrases,
  procedureCourse: Phrases,
  contrastOpeners: Phrases,
  notice: Phrases,
  caveats: Phrases,
  noticeHeaders: Phrases,
  procedureHeaders: Phrases,
  requests: Phrases,
  resultsHeaders: Phrases,
  doses: z.string().min(1),
  giving: Phrases,
  materials: Phrases,
  patientStates: Phrases,
  quality: Phrases,
});
const KINDS = Schema.parse(data);
for (const id of [...KINDS.materials, ...KINDS.patientStates])
  if (!CONCEPT_BY_ID.has(id)) throw new Error(`sentence-kinds: unknown finding ${id}`);

/** Findings that are what the exam gives the patient (contrast), not what it finds. */
export const MATERIALS: ReadonlySet<string> = new Set(KINDS.materials);

/** Findings that tell the patient's state ("pregnant"), not a question the exam answers. */
export const PATIENT_STATES: ReadonlySet<string> = new Set(KINDS.patientStates);
/** The words a sentence opens with to set itself against the one before (restructure; the impression draft adds "still"). */
export const CONTRAST_OPENERS: readonly string[] = KINDS.contrastOpeners;

const TECHNIQUE = phraseRegex(KINDS.technique);
const PROCEDURE = phraseRegex(KINDS.procedure);
const IMAGING = phraseRegex(KINDS.imaging);
const COMPARISON = phraseRegex(KINDS.comparison);
const FINDING_WORDS = phraseRegex(KINDS.findingWords);
const QUALITY = new RegExp(phraseRegex(KINDS.quality).source, 'gi');
const ADVICE_ANYWHERE = phraseRegex(KINDS.adviceAnywhere);
const ADVICE = new RegExp(`^\\s*${phraseRegex(KINDS.advice).source}`, 'i');
const HISTORY = new RegExp([phraseRegex(KINDS.history).source, ...KINDS.historyPatterns].join('|'), 'i');
const OBSERVED = phraseRegex(KINDS.observations);
const NO_COMPARISON = phraseRegex(KINDS.noComparison);
const HISTORY_WORDS = phraseRegex(KINDS.history);
const KNOWN_BEFORE = phraseRegex(KINDS.knownBefore);
const CLAUSE_OBSERVED = phraseRegex([...KINDS.observations, ...KINDS.clauseObservations]);
// "The patient was given 50 mg oral metoprolol", "80 mL Omnipaque 350 was injected": a drug given for the exam, by its dose.
const DOSE = new RegExp(KINDS.doses, 'i');
const GIVING = phraseRegex(KINDS.giving);
const CONTRAST_STATEMENT = new RegExp(KINDS.contrastStatements.join('|'), 'gi');
// Where a second clause starts: "History of X, and Y is seen at C3-4", "Status post X; the duct measures 9 mm".
const CLAUSE_BREAK = /;|,\s*(?:and|but|while|whereas|however)\b|\.\s/gi;
// Who the patient is, said first: "This is a middle-aged female with …", "A 65-year-old man with …".
const PATIENT_OPENING = new RegExp(
  `^\\W*(?:(?:this|the patient|patient) (?:is|was) )?(?:(?:a|an) )?(?:${KINDS.historyPatterns.filter((p) => !p.includes('P\\d')).join('|')})`,
  'i',
);
// "In the case with a history of trauma, …": a lead-in phrase that ends at its comma.
const LEAD_IN = /^\W*(?:in|for|given)\b[^,]{0,80},/i;
const NOTICE = phraseRegex([...KINDS.notice, ...KINDS.communication, ...KINDS.procedureCourse]);
const NOTICE_HEADER = phraseRegex(KINDS.noticeHeaders);
const CAVEAT = phraseRegex(KINDS.caveats);

/**
 * The section a sentence that states no finding belongs to by its words, or null when it reads as a
 * finding. One that names an organ is technique only when it says the exam was done. Who the patient
 * is ("L M P: not given") is history whatever else the sentence says: the caller decides whether a
 * sentence that states a finding may move.
 */
export function sentenceKind(text: string, namesOrgan = false): 'technique' | 'comparison' | 'history' | null {
  // Advice stays with the findings it is about ("Correlate with history of recent surgery.").
  if (ADVICE.test(text)) return null;
  // (Not a finding told after a lead-in of the history: "In the case with a history of trauma, slight
  // corrugation is observed in the 6th rib.")
  const leadIn = LEAD_IN.exec(text);
  const history = HISTORY.exec(text);
  if (history && !(leadIn && history.index < leadIn[0].length && OBSERVED.test(text.slice(leadIn[0].length)))) return 'history';
  if (!namesOrgan && NO_COMPARISON.test(text)) return 'comparison';
  // "… echocardiogram was performed of technically limited quality.": how well it was done, still technique.
  const done = PROCEDURE.test(text) && IMAGING.test(text);
  // "No contrast agent was given.", "Intravenous contrast was not administered.": how the exam was done,
  // though it says "no"; only when nothing else in the sentence reads as a finding.
  const contrast = !namesOrgan && CONTRAST_STATEMENT.test(text);
  CONTRAST_STATEMENT.lastIndex = 0;
  const rest = contrast ? text.replace(CONTRAST_STATEMENT, ' ') : text;
  if (FINDING_WORDS.test(done ? rest.replace(QUALITY, ' ') : rest)) return null;
  if (contrast) return 'technique';
  if (namesOrgan) return PROCEDURE.test(text) && IMAGING.test(text) ? 'technique' : null;
  if (COMPARISON.test(text)) return 'comparison';
  if (TECHNIQUE.test(text) || (DOSE.test(text) && GIVING.test(text))) return 'technique';
  return null;
}

/** Advice or a request, wherever its words stand ("Ultrasound correlation is recommended.", "CT follow-up is advised."). */
export const saysAdvice = (text: string) => ADVICE.test(text) || ADVICE_ANYWHERE.test(text);

/**
 * A sentence that opens with the history and goes on, in a clause of its own, to tell what this exam
 * shows ("History of craniotomy, and ossification of the posterior longitudinal ligament is seen at C3-6."):
 * a finding, never moved out of the findings as history.
 */
export function observedAfterHistory(text: string): boolean {
  const history = HISTORY_WORDS.exec(text);
  if (!history) return false;
  for (const m of text.matchAll(CLAUSE_BREAK))
    if (m.index > history.index && CLAUSE_OBSERVED.test(text.slice(m.index + m[0].length))) return true;
  return false;
}

/** Does the sentence name its finding as known before this exam ("with a history of …", "known …", "for staging")? */
export const namesKnownBefore = (text: string) => KNOWN_BEFORE.test(text);

const REQUEST_OPENING = new RegExp(`^\\W*${phraseRegex(KINDS.requests).source}`, 'i');

/** A line that opens by asking what the exam is for ("Evaluate malignancy.", "Rule out multicentric disease."): the question. */
export const opensWithRequest = (text: string) => REQUEST_OPENING.test(text);

/** A line that opens by saying who the patient is ("This is a middle-aged female with …", "A 65-year-old man …"). */
export const opensWithPatient = (text: string) => PATIENT_OPENING.test(text);

/** Where a sentence's words of the history start ("… in keeping with the patient's history of …"), or -1. */
export function historyAt(text: string): number {
  return HISTORY.exec(text)?.index ?? -1;
}

/**
 * Breast imaging boilerplate ("... should not delay a biopsy", the letter to the patient), or who was
 * told the results ("Preliminary report given to emergency room …"): no organ's finding.
 */
export const isNotice = (text: string) => NOTICE.test(text);

/** A caveat on what the exam can show ("CT may be false negative in the first few days"), said of the finding before. */
export const saysCaveat = (text: string) => CAVEAT.test(text);

const COMPARISON_HEADER = new RegExp(`^\\s*${phraseRegex(KINDS.comparisonHeaders).source}\\s*$`, 'i');

/** A heading naming the prior study itself ("DATE OF PREVIOUS ULTRASOUND"), which the parser reads as no known section. */
export const isComparisonHeader = (name: string) => COMPARISON_HEADER.test(name);

const PROCEDURE_HEADER = new RegExp(`^\\s*${phraseRegex(KINDS.procedureHeaders).source}\\s*$`, 'i');

/** A header naming the procedure done ("PROCEDURE PERFORMED"), which may tell the technique rather than the exam. */
export const isProcedureHeader = (name: string) => PROCEDURE_HEADER.test(name);

// (The exam's own name may carry its protocol: "NUCLEAR MYOCARDIAL PERFUSION SCAN WITH STANDARD PROTOCOL".)
const RESULTS_HEADER = new RegExp(`^\\s*${phraseRegex(KINDS.resultsHeaders).source}(?:\\s+(?:with|using|by)\\s[^:]*)?\\s*$`, 'i');

/**
 * A header over what a nuclear study's images showed ("NARRATIVE", "NUCLEAR INTERPRETATION", "GATED SPECT"), or naming the
 * nuclear exam itself ("NUCLEAR MYOCARDIAL PERFUSION SCAN WITH STANDARD PROTOCOL"), which
 * the parser reads as no known section: restructure files its lines by organ, as findings.
 */
export const isResultsHeader = (name: string) => RESULTS_HEADER.test(name);

/** A section header over such boilerplate ("MAMMOGRAPHY INFORMATION"): not a region of the findings. */
export const isNoticeHeader = (name: string) => NOTICE_HEADER.test(name);

// "per renal stone protocol", "for the pulmonary embolism protocol": the words before the protocol word name it.
const PROTOCOL_NAME = new RegExp(
  `\\b(?:per|for|using)\\s+(?:(?:the|a|an|standard)\\s+)?(?:[\\w-]+\\s+){1,4}${phraseRegex(KINDS.protocolWords).source}`,
  'gi',
);

/** Whether the text offset `at` of a sentence lies in the name of a protocol the exam followed. */
export function inProtocolName(sentence: { text: string; start: number } | undefined, at: number): boolean {
  if (!sentence) return false;
  for (const m of sentence.text.matchAll(PROTOCOL_NAME)) {
    const start = sentence.start + m.index;
    if (start <= at && at < start + m[0].length) return true;
  }
  return false;
}
