// The verbatim reading of "the same report" (verify.ts), for deterministic rewrites that copy text:
// every sentence of the source is in the output, compared as lower-cased word and number tokens, so
// case, white space, punctuation, list numbers and header words do not count; the output adds no
// words except scaffolding (section headers, `[ ]` fields, snippet tab stops, sentences the caller
// declares as inserted template text).
import { parseReport, sentenceIndexAt } from '../report';
import type { Report } from '../report/types';
import { clip } from './clause-changes';
import { LIST_NUMBER } from './list-number';
import { note, type Diff, type Reading } from './verify-reading';

const SIDE_WORDS = new Set(['left', 'right', 'bilateral', 'lt', 'rt', 'both']);
// "Liver:", "Lungs and pleura:", "RIGHT:" at the start of a sentence: organ subheadings (kept when they are sides).
const LEADING_LABELS = /^(?:[ \t]*[A-Za-z][A-Za-z0-9 /&()'-]{0,40}?[ \t]*:(?!\/)[ \t]*)+/;
// Template scaffolding in an output: fields, snippet tab stops, blanks.
const SCAFFOLDING = /\$\{\d+(?::[^}\n]*)?\}|\$\d+|\[[^\]\n]*\]|_{3,}/g;

interface Words {
  /** Normalised word and number tokens, in text order. */
  words: string[];
  /** Per word: its offset in the text and its sentence index. */
  starts: number[];
  sentence: number[];
  /** Per word: the words of the label it was kept from (a side word of "RIGHT CAROTID SYSTEM:"), else null. */
  labels: (string[] | null)[];
  /** The words of every header and leading label of the text. */
  labelWords: Set<string>;
}

function wordsOf(report: Report): Words {
  const skip: { start: number; end: number; keepSides: boolean }[] = [];
  const labelWords = new Set<string>();
  const lowerWords = (t: string) => t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  for (const s of report.sections) {
    if (s.header) skip.push({ start: s.header.start, end: s.header.end, keepSides: false });
    for (const header of [s.header, ...s.subsections.map((x) => x.header)])
      if (header) for (const w of lowerWords(header.name)) labelWords.add(w);
    for (const item of s.items) skip.push({ start: item.marker.start, end: item.marker.end, keepSides: false });
  }
  for (const sentence of report.sentences) {
    const number = LIST_NUMBER.exec(sentence.text);
    const at = sentence.start + (number ? number[0].length : 0);
    if (number) skip.push({ start: sentence.start, end: at, keepSides: false });
    const label = LEADING_LABELS.exec(report.text.slice(at, sentence.end));
    if (label && label[0].split(/\s+/).filter(Boolean).length <= 8) {
      skip.push({ start: at, end: at + label[0].length, keepSides: true });
      for (const w of lowerWords(label[0])) labelWords.add(w);
    }
  }
  skip.sort((a, b) => a.start - b.start);
  const out: Words = { words: [], starts: [], sentence: [], labels: [], labelWords };
  let k = 0;
  for (const t of report.tokens) {
    if (t.kind === 'punct') continue;
    while (k < skip.length && skip[k].end <= t.start) k++;
    const inSkip = k < skip.length && skip[k].start <= t.start && t.end <= skip[k].end;
    if (inSkip && !(skip[k].keepSides && SIDE_WORDS.has(t.lower))) continue;
    out.words.push(t.lower);
    out.labels.push(inSkip ? lowerWords(report.text.slice(skip[k].start, skip[k].end)) : null);
    out.starts.push(t.start);
    out.sentence.push(sentenceIndexAt(report.sentences, t.start));
  }
  return out;
}

/** The normalised words of a piece of text (for declared additions). */
function normalisedWords(text: string): string {
  return wordsOf(parseReport(text)).words.join(' ');
}

/** Verbatim: every source sentence in the output, nothing but scaffolding added. */
export function compareSentences(
  src: Reading,
  out: Reading,
  diff: Diff,
  keepSentence: (i: number) => boolean,
  checkOutputSentence: (i: number) => boolean,
  declared: Set<number>,
): void {
  const a = wordsOf(src.report);
  const b = wordsOf(out.report);
  // Source sentences as word runs, longest first so a short sentence cannot claim a long one's words.
  const runs = new Map<number, string[]>();
  a.words.forEach((w, i) => {
    const s = a.sentence[i];
    if (s < 0 || !keepSentence(s)) return;
    let run = runs.get(s);
    if (!run) runs.set(s, (run = []));
    run.push(w);
  });
  const used = new Uint8Array(b.words.length);
  const positions = new Map<string, number[]>();
  b.words.forEach((w, i) => {
    let list = positions.get(w);
    if (!list) positions.set(w, (list = []));
    list.push(i);
  });
  const order = [...runs].sort((x, y) => y[1].length - x[1].length);
  // A sentence moved whole starts a sentence of the output: try those places first, so that
  // "recurrent XXXX" and "XXXX XXXX, XXXX." do not claim each other's words.
  const startsSentence = (p: number) => p === 0 || b.sentence[p] !== b.sentence[p - 1];
  const endsSentence = (p: number) => p === b.words.length - 1 || b.sentence[p] !== b.sentence[p + 1];
  // 2: a whole output sentence, 1: the start of one, 0: anywhere.
  const place = (run: string[], aligned: number) => {
    for (const p of positions.get(run[0]) ?? []) {
      if (p + run.length > b.words.length) break;
      if (aligned > 0 && !startsSentence(p)) continue;
      if (aligned > 1 && !endsSentence(p + run.length - 1)) continue;
      let ok = true;
      for (let k = 0; k < run.length && ok; k++) ok = !used[p + k] && b.words[p + k] === run[k];
      if (ok) {
        used.fill(1, p, p + run.length);
        return true;
      }
    }
    return false;
  };
  const unplaced = order.filter(([, run]) => !place(run, 2)).filter(([, run]) => !place(run, 1));
  const dropped: number[] = [];
  for (const [s, run] of unplaced) if (!place(run, 0) && !diff.sourceSentences.has(s)) dropped.push(s);
  // Words of the output no source sentence accounts for, outside scaffolding.
  const scaffold: { start: number; end: number }[] = [];
  for (const m of out.report.text.matchAll(SCAFFOLDING)) scaffold.push({ start: m.index, end: m.index + m[0].length });
  const inScaffold = (at: number) => scaffold.some((r) => r.start <= at && at < r.end);
  const added = new Set<number>();
  b.words.forEach((_, i) => {
    const s = b.sentence[i];
    if (used[i] || s < 0 || declared.has(s) || !checkOutputSentence(s) || inScaffold(b.starts[i])) return;
    // A side word of a label made of the report's own headings and labels ("RIGHT CAROTID SYSTEM:" of the
    // report's heading, "RIGHT ICA:" of its "RIGHT:" and "ICA:") is the report's.
    if (b.labels[i]?.every((w) => a.labelWords.has(w))) return;
    added.add(s);
  });
  // A dropped sentence and an added one that share most of their words: the sentence was reworded.
  const bag = (words: Words, s: number) => words.words.filter((_, i) => words.sentence[i] === s);
  const fresh = [...added].filter((s) => !diff.outputSentences.has(s));
  for (const s of dropped.sort((x, y) => x - y)) {
    const mine = bag(a, s);
    let best = -1;
    let bestShare = 0.5;
    for (const o of fresh) {
      const theirs = new Set(bag(b, o));
      const share = mine.filter((w) => theirs.has(w)).length / Math.max(mine.length, theirs.size);
      if (share > bestShare) [best, bestShare] = [o, share];
    }
    if (best >= 0) {
      fresh.splice(fresh.indexOf(best), 1);
      note(diff, `rewords: "${clip(src.report.sentences[s].text, 60)}" as "${clip(out.report.sentences[best].text, 60)}"`);
    } else note(diff, `drops sentence: ${clip(src.report.sentences[s].text, 90)}`);
  }
  for (const o of fresh) note(diff, `adds sentence: ${clip(out.report.sentences[o].text, 90)}`);
}

/** What a caller may declare as inserted template text (VerifyOptions). */
export interface Declared {
  allowedAdditions?: readonly string[];
  additionMarker?: string;
}

/** Output sentences the caller declared as inserted template text. */
export function declaredSentences(out: Report, options: Declared): Set<number> {
  const set = new Set<number>();
  const allowed = new Set((options.allowedAdditions ?? []).map(normalisedWords).filter(Boolean));
  const marker = options.additionMarker;
  if (!allowed.size && !marker) return set;
  const w = wordsOf(out);
  const bySentence = new Map<number, string[]>();
  w.words.forEach((word, i) => {
    let list = bySentence.get(w.sentence[i]);
    if (!list) bySentence.set(w.sentence[i], (list = []));
    list.push(word);
  });
  out.sentences.forEach((s, i) => {
    if (!(marker && s.text.includes(marker)) && !allowed.has((bySentence.get(i) ?? []).join(' '))) return;
    set.add(i);
    // A marker standing alone after a sentence ("No effusion. (template)") marks that sentence.
    if (marker && i > 0 && s.text.replace(marker, '').replace(/[\s.;,]/g, '') === '') set.add(i - 1);
  });
  return set;
}
