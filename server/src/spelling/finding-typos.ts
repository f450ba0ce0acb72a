// A typo in a finding's name ("pnuemothorax" in the impression): the report is read as if the word
// were spelt as its nearest correction, when that correction makes a finding there, so the
// consistency rules see the pneumothorax instead of calling it missing from the impression; and the
// spelling rule says so, as a warning (rules/spelling.ts). Only unknown words one edit from a word of
// a finding term are tried; offsets never move (the token keeps its place, only its text is read
// as corrected).
import { CONCEPTS } from '../nlp/lexicon';
import { understand, type Understanding } from '../nlp';
import { normWord } from '../report/norm';
import { wordsOf } from '../nlp/words';
import { sentenceIndexAt, spanIndexAt } from '../report';
import type { Report, Sentence, Token } from '../report/types';
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
  const { tokens } = report;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // The memoised look-up first: nearly every word is known, and the letter test cost more.
    if (t.kind !== 'word' || t.text.length < MIN_LENGTH || checker.isKnown(t.text)) continue;
    if (!/^\p{Ll}+$/u.test(t.lower) || accepted.has(t.lower)) continue;
    const correction = checker.suggestNear(t.text, 1)[0]?.word;
    // The finding words are gathered only now: a report without an unknown word never needs them (start-up).
    if (correction && wordsOfFindings().has(correction.toLowerCase())) candidates.set(i, correction);
  }
  return candidates;
}

/**
 * The understanding of the report with its finding typos (typoCandidates) read as corrected, and
 * those typos: a candidate whose correction makes no finding there is read as written.
 *
 * Whether a correction makes a finding is decided from its own sentence (a mention never crosses a
 * sentence): only the sentences that hold a candidate are read through their corrections, so a long
 * document is read in full once, not two or three times.
 */
export function understandThroughTypos(
  report: Report,
  found: ReadonlyMap<number, string>,
): { understanding: Understanding; typos: FindingTypo[] } {
  if (found.size === 0) return { understanding: understand(report), typos: [] };
  const corrected = (i: number) => {
    const t = report.tokens[i];
    const correction = found.get(i);
    if (!correction) return t;
    const lower = correction.toLowerCase();
    // The norm too: the lexicon reads it, and the spread would keep the typo's. The end is the correction's, as
    // the words were made before tokens served as words: so a correction shorter than its typo ("denisities")
    // still makes no finding below (the finding ends before the typo does). That is a bug of its own, kept
    // here so that this change of plumbing leaves the output as it was.
    return { ...t, end: t.start + correction.length, text: correction, lower, norm: normWord(correction, lower) };
  };
  const theirs = understand(sentencesOf(report, [...found.keys()], corrected));
  const typos: FindingTypo[] = [];
  const kept = new Set<number>();
  // A word ends at its start plus its text's length, so a correction shorter than the typo
  // ("effussion" -> "effusion") ends its finding before the typo does: the finding is matched at
  // the end the correction reads to, then given the typo's own end.
  const readEnd = (i: number) => report.tokens[i].start + (found.get(i) ?? report.tokens[i].text).length;
  for (const [i, correction] of found) {
    const { start, end, text } = report.tokens[i];
    const made = theirs.findings.find((f) => f.start <= start && readEnd(i) <= f.end);
    if (!made) continue;
    typos.push({ start, end, word: text, correction, finding: made.finding });
    kept.add(i);
  }
  // A correction that made no finding is not read at all: the words stay as written.
  if (kept.size === 0) return { understanding: understand(report), typos };
  const understanding = understand({ ...report, tokens: report.tokens.map((t, i) => (kept.has(i) ? corrected(i) : t)) });
  // The finding spans the whole typo as written, not the length of its correction.
  for (const f of understanding.findings) {
    for (const i of kept) {
      if (f.start <= report.tokens[i].start && f.end === readEnd(i)) f.end = report.tokens[i].end;
    }
  }
  return { understanding, typos };
}

/**
 * The report cut down to the sentences that hold these tokens, with their tokens (through `token`)
 * and one token either side (a hyphen reads its neighbours); offsets and sections stay the report's.
 */
function sentencesOf(report: Report, tokenIndexes: number[], token: (i: number) => Token): Report {
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  let next = 0; // the first token index not yet taken
  for (const k of [...new Set(tokenIndexes.map((i) => sentenceIndexAt(report.sentences, report.tokens[i].start)))].sort((a, b) => a - b)) {
    if (k < 0) continue;
    const sentence = report.sentences[k];
    sentences.push(sentence);
    const first = spanIndexAt(report.tokens, sentence.start, true);
    let last = first;
    while (last < report.tokens.length && report.tokens[last].start < sentence.end) last++;
    for (let i = Math.max(next, first - 1); i <= Math.min(last, report.tokens.length - 1); i++) tokens.push(token(i));
    next = Math.max(next, last + 1);
  }
  return { ...report, sentences, tokens };
}
