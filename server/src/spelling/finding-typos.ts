// A typo in a finding's name ("pnuemothorax" in the impression): the report is read as if the word
// were spelt as its nearest correction, when that correction makes a finding there, so the
// consistency rules see the pneumothorax instead of calling it missing from the impression; and the
// spelling rule says so, as a warning (rules/spelling.ts). Only unknown words one edit from a word of
// a finding term are tried; offsets never move (the token keeps its place, only its text is read
// as corrected).
import { CONCEPTS } from '../nlp/lexicon';
import { understand, type Understanding } from '../nlp';
import { wordsOf } from '../nlp/words';
import type { Report } from '../report/types';
import type { SpellChecker } from './checker';

/** A word read as its correction, and the finding that reading made. */
export interface FindingTypo {
  start: number;
  end: number;
  word: string;
  correction: string;
  finding: string;
}

// Short words are too near too many others to be read as anything but what they are.
const MIN_LENGTH = 5;

let findingWords: ReadonlySet<string> | undefined;
/** Every word of every finding term (lower case), built once. */
function wordsOfFindings(): ReadonlySet<string> {
  return (findingWords ??= new Set(
    CONCEPTS.flatMap((c) => c.terms.flatMap((t) => wordsOf(t).map((w) => w.norm))).filter((w) => w.length >= MIN_LENGTH),
  ));
}

/** Unknown words one edit from a word of a finding term: token index -> the correction (cheap: no understanding). */
export function typoCandidates(report: Report, checker: SpellChecker | undefined, accepted: ReadonlySet<string>): Map<number, string> {
  const candidates = new Map<number, string>();
  if (!checker) return candidates;
  const words = wordsOfFindings();
  report.tokens.forEach((t, i) => {
    // The memoised dictionary first: nearly every word is known, and the letters test is a Unicode regex.
    if (t.kind !== 'word' || t.text.length < MIN_LENGTH || checker.isKnown(t.text)) return;
    if (!/^\p{Ll}+$/u.test(t.lower) || accepted.has(t.lower)) return;
    const correction = checker.suggestNear(t.text, 1)[0]?.word;
    if (correction && words.has(correction.toLowerCase())) candidates.set(i, correction);
  });
  return candidates;
}

/**
 * The understanding of the report with its finding typos (typoCandidates) read as corrected, and
 * those typos: a candidate whose correction makes no finding there is read as written.
 */
export function understandThroughTypos(
  report: Report,
  found: ReadonlyMap<number, string>,
): { understanding: Understanding; typos: FindingTypo[] } {
  if (found.size === 0) return { understanding: understand(report), typos: [] };
  const candidates = new Map(found);
  const tokens = report.tokens.map((t, i) => {
    const correction = candidates.get(i);
    return correction ? { ...t, text: correction, lower: correction.toLowerCase() } : t;
  });
  let understanding = understand({ ...report, tokens });
  const typos: FindingTypo[] = [];
  for (const [i, correction] of candidates) {
    const { start, end, text } = report.tokens[i];
    const made = understanding.findings.find((f) => f.start <= start && end <= f.end);
    if (made) typos.push({ start, end, word: text, correction, finding: made.finding });
    else candidates.delete(i);
  }
  // A correction that made no finding is not read at all: the words stay as written.
  if (typos.length === 0) return { understanding: understand(report), typos };
  if (candidates.size < found.size)
    understanding = understand({ ...report, tokens: report.tokens.map((t, i) => (candidates.has(i) ? tokens[i] : t)) });
  return { understanding, typos };
}
