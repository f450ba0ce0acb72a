// Whether a finding is minor or explained as written: what the consistency rules, the impression
// draft and the comparison agree to leave out of an impression. Qualifier words are lexicon data
// (lexicon/qualifiers.json); this reads them against the finding's sentence.
import type { Report, Sentence } from '../report/types';
import { QUALIFIERS, QUALIFIER_WORDS, conceptHas, knownConcept, wordsPattern, wordsRegex } from './relations';
import { CONCEPT_BY_ID } from './lexicon';
import type { Finding } from './types';
import degenerative from './lexicon/degenerative.json';

const ATELECTASIS = knownConcept('atelectasis', 'isMinor');
const NODULE = knownConcept('nodule', 'isMinor');

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
const minorAnywhere = (words: readonly string[]) =>
  new RegExp(
    String.raw`\b(?:${wordsPattern(words)}|(?:from|of|due to|secondary to|related to) (?:a |the )?(?:previous|prior|old|remote))\b`,
    'i',
  );
const MINOR_ANYWHERE = minorAnywhere(QUALIFIER_WORDS.minorAnywhere);
// An acute or critical finding seen "incidentally" is beside the question, not minor.
const notIncidental = (words: readonly string[]) => words.filter((w) => !QUALIFIER_WORDS.incidental.includes(w));
const MINOR_ANYWHERE_ACUTE = minorAnywhere(notIncidental(QUALIFIER_WORDS.minorAnywhere));
const MINOR_BEFORE_ACUTE = wordsRegex(notIncidental(QUALIFIER_WORDS.minorBefore));
// A faint or tiny cluster of breast calcifications is what screening looks for: size and subtlety grade nothing down.
const MINOR_BEFORE_SUBTLE = wordsRegex(notIncidental(QUALIFIER_WORDS.minorBefore).filter((w) => !QUALIFIER_WORDS.subtle.includes(w)));

// Marrow edema and cartilage loss at a joint their sentence calls arthritic are the arthritis (lexicon/degenerative.json).
const AT_ARTHRITIC_JOINT: ReadonlySet<string> = new Set(degenerative.findings.map((id) => knownConcept(id, 'degenerative.json')));
const ARTHRITIC = wordsRegex(
  degenerative.processes.flatMap((id) => {
    const concept = CONCEPT_BY_ID.get(knownConcept(id, 'degenerative.json'));
    return concept ? concept.terms : [];
  }),
);
const NOT_DEGENERATIVE = wordsRegex(degenerative.notWith);
// A grade on the edema itself, up to two of its own words before it ("extensive subchondral marrow edema").
const GRADED_BEYOND = new RegExp(
  String.raw`\b(?:${degenerative.gradedBeyond.join('|')})\s+(?:(?!(?:with|and|of|in|at)\b)[\w-]+\s+){0,2}$`,
  'i',
);

/** "Facet arthropathy with marrow edema": part of the degenerative joint its sentence names, unless graded beyond it. */
function partOfArthritis(report: Report, sentence: Sentence, finding: Finding): boolean {
  return (
    AT_ARTHRITIC_JOINT.has(finding.concept) &&
    ARTHRITIC.test(sentence.text) &&
    !NOT_DEGENERATIVE.test(sentence.text) &&
    !GRADED_BEYOND.test(report.text.slice(sentence.start, finding.start))
  );
}

// Descriptive findings (an opacity, a density) that the sentence explains or hedges: the
// explanation, when it matters, is a finding of its own.
const descriptive = (f: Finding) => conceptHas(f.concept, 'descriptive');

/** A denied reading explains nothing ("not likely due to technique", "rather than atelectasis"): shared with critical/. */
export const DENIED_READING = /\b(?:not|no|nor|without|rather than|instead of)\s+(?:\w+\s+)?$/i;
const EXPLAINED_ALL = new RegExp(EXPLAINED.source, 'gi');

/** The sentence explains or hedges what it names, by a reading it does not deny. */
function explains(sentence: string): boolean {
  for (const m of sentence.matchAll(EXPLAINED_ALL)) if (!DENIED_READING.test(sentence.slice(0, m.index))) return true;
  return false;
}

/** A descriptive finding the sentence explains away (a widened mediastinum "secondary to a tortuous aorta"). */
export function isExplained(report: Report, finding: Finding): boolean {
  const sentence = report.sentences[finding.sentenceIndex];
  return !!sentence && descriptive(finding) && (explains(sentence.text) || OVERLAP.test(sentence.text));
}

// The procedures after which a concept's finding is expected (lexicon minorAfter), per concept.
const EXPECTED_AFTER: ReadonlyMap<string, RegExp> = new Map(
  [...CONCEPT_BY_ID.values()].filter((c) => c.minorAfter.length).map((c) => [c.id, new RegExp(wordsRegex(c.minorAfter).source, 'gi')]),
);
// A denial earlier in the procedure's clause ("new pneumobilia without prior sphincterotomy or biliary stent", "no
// history of ERCP"): the finding is then unexplained, the case that matters (gallstone ileus, emphysematous cholangitis).
const DENIED_BEFORE = /\b(?:no|not|without|never|nor|absent|denies|negative for)\b[^,;:]*$/i;

/** Does the sentence name a procedure after which the finding is expected, not denied? */
function expectedAfter(concept: string, text: string): boolean {
  const procedures = EXPECTED_AFTER.get(concept);
  if (!procedures) return false;
  for (const m of text.matchAll(procedures)) if (!DENIED_BEFORE.test(text.slice(0, m.index))) return true;
  return false;
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
  const acute = !!finding.critical || conceptHas(finding.concept, 'acute');
  const minorBefore = conceptHas(finding.concept, 'subtle-significant') ? MINOR_BEFORE_SUBTLE : acute ? MINOR_BEFORE_ACUTE : MINOR_BEFORE;
  if (minorBefore.test(clause) || (acute ? MINOR_ANYWHERE_ACUTE : MINOR_ANYWHERE).test(sentence.text)) return true;
  if (expectedAfter(finding.concept, sentence.text)) return true;
  // A de-identification token where a qualifier would stand ("XXXX opacities", "XXXX atelectasis"):
  // the word it hides may have been "streaky" or "likely", so nothing can be concluded.
  if (
    (descriptive(finding) || finding.concept === ATELECTASIS) &&
    !STRONG.test(clause) &&
    /XXXX(?:[ \t]+[\w-]+){0,2}[ \t]+$/.test(report.text.slice(Math.max(sentence.start, finding.start - 40), finding.start))
  )
    return true;
  if (descriptive(finding) && explains(sentence.text)) return true;
  if (descriptive(finding) && finding.concept !== NODULE && OVERLAP.test(sentence.text)) return true;
  if (finding.concept === ATELECTASIS && LOW_VOLUMES.test(sentence.text)) return true;
  if (partOfArthritis(report, sentence, finding)) return true;
  return conceptHas(finding.concept, 'incidental-unless-marked') && !MARKED.test(sentence.text);
}
