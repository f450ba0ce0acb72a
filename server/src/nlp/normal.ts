// Normal statements: "The lungs are clear", "Heart size is normal", "Unremarkable liver", "No acute
// cardiopulmonary abnormality", "Negative study". Each denies the findings its organ's normalDenies
// list (lexicon/organs.json), so the consistency rules can weigh "clear lungs" against an impression's
// "consolidation" as they weigh "no consolidation". The wording is data (organs.json normalStatements).
import { CONCEPT_BY_ID } from './lexicon';
import { NORMAL_STATEMENTS, ORGAN_BY_ID, ORGAN_FIRST_WORDS, organAt, organsNamed } from './organs';
import { firstWordBits, PhraseTrie } from './trie';
import type { Finding, Side } from './types';
import type { Report } from '../report/types';
import { wordsOf, type Word } from './words';

/** One normal statement: the words it spans and the concepts it denies. */
export interface NormalStatement {
  /** Word indexes [i, j) in the sentence. */
  i: number;
  j: number;
  organs: string[];
  concepts: readonly string[];
  side: Side | null;
  kind: 'organ' | 'study';
}

const keysOf = (phrase: string) => wordsOf(phrase).map((w) => w.norm);
function trieOf<T>(phrases: readonly string[], value: (phrase: string) => T): PhraseTrie<T> {
  const trie = new PhraseTrie<T>();
  for (const p of phrases) trie.add(keysOf(p), value(p));
  return trie;
}

const AFTER = trieOf(NORMAL_STATEMENTS.after, () => true);
const BEFORE = trieOf(NORMAL_STATEMENTS.before, () => true);
const EXCEPTIONS = trieOf(NORMAL_STATEMENTS.exceptions, () => true);
const FILLERS: ReadonlySet<string> = new Set(NORMAL_STATEMENTS.fillers.flatMap(keysOf));
const PARTIAL: ReadonlySet<string> = new Set(NORMAL_STATEMENTS.partialTerms.map((t) => keysOf(t).join(' ')));
const STUDIES = (() => {
  const trie = new PhraseTrie<{ organs: string[]; concepts: string[] }>();
  for (const s of NORMAL_STATEMENTS.studies) {
    const concepts = [...new Set(s.organs.flatMap((o) => ORGAN_BY_ID.get(o)?.normalDenies ?? []))].filter((id) => {
      if (!s.acuteOnly) return true;
      const c = CONCEPT_BY_ID.get(id);
      // "No acute ..." denies what is acute or urgent, not a chronic finding.
      return !!c && (c.flags.includes('acute') || c.critical === 'minutes' || c.critical === 'hours');
    });
    for (const p of s.phrases) trie.add(keysOf(p), { organs: s.organs, concepts });
  }
  return trie;
})();

// Words one of the phrases must contain: the first word of a state, the second of a study statement ("no acute").
const TRIGGERS: ReadonlySet<string> = new Set([
  ...[...NORMAL_STATEMENTS.after, ...NORMAL_STATEMENTS.before].map((p) => keysOf(p)[0]),
  ...NORMAL_STATEMENTS.studies.flatMap((st) => st.phrases.map((p) => keysOf(p)[1] ?? keysOf(p)[0])),
]);

// What a word can start, in one look-up: a sentence with a state word is walked word by word through four
// tries, and nearly every word starts none of them.
const EXCEPTION = 1;
const STUDY = 2;
const STATE_BEFORE = 4;
const ORGAN = 8;
const STARTS = firstWordBits([
  [EXCEPTIONS, EXCEPTION],
  [STUDIES, STUDY],
  [BEFORE, STATE_BEFORE],
  [ORGAN_FIRST_WORDS, ORGAN],
]);

const SIDES: Readonly<Record<string, Side>> = { left: 'left', right: 'right', bilateral: 'bilateral', both: 'bilateral' };
const JOINERS = new Set(['and', ',', 'the', 'both', '&']);

/** An organ term at words[k] that speaks for the whole organ, or null. */
function wholeOrganAt(words: readonly Word[], k: number): { end: number; organs: readonly string[] } | null {
  const hit = organAt(words, k);
  if (!hit) return null;
  const phrase = words
    .slice(k, hit.end)
    .map((w) => w.norm)
    .join(' ');
  return PARTIAL.has(phrase) ? null : hit;
}

/** Organs listed from words[k]: "heart and lungs", "the heart, mediastinum and hila". */
function organList(words: readonly Word[], k: number): { end: number; organs: string[] } | null {
  const first = wholeOrganAt(words, k);
  if (!first) return null;
  const organs = [...first.organs];
  let end = first.end;
  for (let m = end; m < words.length;) {
    let n = m;
    while (n < words.length && JOINERS.has(words[n].norm)) n++;
    if (n === m) break;
    const next = wholeOrganAt(words, n);
    if (!next) break;
    for (const o of next.organs) if (!organs.includes(o)) organs.push(o);
    end = m = next.end;
  }
  return { end, organs };
}

// The denials of an organ list, kept per list: "the lungs are clear" denies dozens of concepts, and
// nearly every report says it (a set of them built per statement cost more than finding the statement).
const DENIALS = new Map<string, readonly string[]>();
function deniesOf(organs: readonly string[]): readonly string[] {
  const key = organs.join('|');
  let concepts = DENIALS.get(key);
  if (!concepts) {
    concepts = [...new Set(organs.flatMap((o) => ORGAN_BY_ID.get(o)?.normalDenies ?? []))];
    if (DENIALS.size < 10_000) DENIALS.set(key, concepts);
  }
  return concepts;
}

function sideBefore(words: readonly Word[], k: number): Side | null {
  return k > 0 ? (SIDES[words[k - 1].norm] ?? null) : null;
}

/**
 * The normal statements of one sentence's words. A sentence with an exception ("otherwise clear",
 * "clear except for ...") states none: what it leaves out is said elsewhere.
 */
export function normalStatementsIn(words: readonly Word[]): NormalStatement[] {
  // Most sentences hold no state word at all: leave them after one set lookup per word.
  if (!words.some((w) => TRIGGERS.has(w.norm))) return [];
  const out: NormalStatement[] = [];
  for (let i = 0; i < words.length;) {
    // A study statement, a state before its organ and an organ list all start with a word of their tries.
    const can = STARTS.get(words[i].norm) ?? 0;
    if (can === 0) {
      i++;
      continue;
    }
    const study = can & STUDY ? STUDIES.match(words, i) : null;
    if (study) {
      out.push({ i, j: study.end, organs: study.value.organs, concepts: study.value.concepts, side: null, kind: 'study' });
      i = study.end;
      continue;
    }
    // "Unremarkable liver", "normal right kidney", "clear lungs".
    const before = can & STATE_BEFORE ? BEFORE.match(words, i) : null;
    if (before) {
      let k = before.end;
      const side = SIDES[words[k]?.norm ?? ''] ?? null;
      if (side) k++;
      const list = k < words.length ? organList(words, k) : null;
      if (list) {
        out.push({ i, j: list.end, organs: list.organs, concepts: deniesOf(list.organs), side, kind: 'organ' });
        i = list.end;
        continue;
      }
    }
    // "The lungs are clear", "Heart size is normal", "The heart and lungs are within normal limits".
    const list = can & ORGAN ? organList(words, i) : null;
    if (list) {
      let k = list.end;
      while (k < words.length && FILLERS.has(words[k].norm) && !AFTER.match(words, k)) k++;
      const state = k < words.length ? AFTER.match(words, k) : null;
      if (state) {
        out.push({ i, j: state.end, organs: list.organs, concepts: deniesOf(list.organs), side: sideBefore(words, i), kind: 'organ' });
        i = state.end;
        continue;
      }
      i = list.end;
      continue;
    }
    i++;
  }
  const stated = out.filter((s) => s.concepts.length > 0);
  // The exception is looked for only in a sentence that states something: most sentences with a state
  // word state nothing, and this walk over every word was the hottest line here.
  if (stated.length > 0)
    for (let k = 0; k < words.length; k++) if ((STARTS.get(words[k].norm) ?? 0) & EXCEPTION && EXCEPTIONS.match(words, k)) return [];
  return stated;
}

/** The organs a stretch of the report names. */
export function organsIn(report: Report, start: number, end: number): Set<string> {
  const text = report.text.slice(start, end);
  return new Set(organsNamed(wordsOf(text), text).map((h) => h.organ));
}

/** "Lungs clear" and a "right hilar mass": the finding's own words place it in another organ than the statement's. */
export function otherOrgan(report: Report, d: Finding, p: Finding): boolean {
  const sentence = report.sentences[p.sentenceIndex];
  const from = Math.max(sentence?.start ?? 0, p.start - 40);
  const before = report.text.slice(from, p.start);
  const clause = from + Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), -1) + 1;
  const own = organsIn(report, clause, p.end);
  if (own.size === 0) return false;
  const stated = organsIn(report, d.start, d.end);
  return ![...own].some((o) => stated.has(o));
}
