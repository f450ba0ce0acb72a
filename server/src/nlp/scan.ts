// The words of one sentence read once: each lexicon mention (longest match, a subject with its state a
// few words on) and each assertion cue, so assertion, place and binding index them by word.
import {
  CONCEPT_TRIES,
  CUE_ADVERBS,
  CUE_TRIE,
  PREDICATE_STATES,
  PREDICATE_TRIE,
  STARTS,
  scanStarts,
  type Concept,
  type CueEntry,
} from './lexicon';
import { COPULAS, INNER_SIDES, LOCATIVE, NEGATORS, PREDICATE_FILLERS, STATE_MODIFIERS } from './grammar';
import type { PhraseTrie } from './trie';
import type { Word } from './words';

export interface Mention {
  i: number; // first word
  j: number; // after the last word
  concept: Concept;
  /** A denial inside the phrase itself: "heart is not enlarged". */
  negatedInside: boolean;
}

export interface Cue {
  i: number;
  j: number;
  entry: CueEntry;
}

export interface SentenceWords {
  words: Word[];
  /** Per word: the mention that covers it, or -1. (Plain arrays: an Int32Array past 16 elements costs a backing store, some 0.5 us.) */
  mentionAt: number[];
  cueAt: number[];
  mentions: Mention[];
  cues: Cue[];
}

/**
 * The mention starting at words[i], if any. `starts`: what the word can start (scanStarts' bits) and
 * whether the exact trie has it first, when the caller knows: a trie the word cannot start is not walked.
 */
export function matchConcept(
  words: readonly Word[],
  i: number,
  contextTries: readonly PhraseTrie<{ concept: Concept }>[],
  starts = -1,
  exactStart = true,
): Mention | null {
  // The longest of the tries' matches, the first on a tie (no closure or object per word: called for every word).
  let found = starts & STARTS.concept ? CONCEPT_TRIES.base.match(words, i, words.length, INNER_SIDES) : null;
  const exact = exactStart ? CONCEPT_TRIES.exact.match(words, i) : null;
  if (exact && (!found || exact.end > found.end)) found = exact;
  if (starts & STARTS.contextConcept)
    for (const trie of contextTries) {
      const m = trie.match(words, i);
      if (m && (!found || m.end > found.end)) found = m;
    }
  // A subject with its state a few words on: "the cardiac silhouette is mildly enlarged".
  const subject = starts & STARTS.subject ? PREDICATE_TRIE.match(words, i) : null;
  if (subject) {
    let negated = false;
    let limit = subject.end + 6;
    for (let k = subject.end; k < Math.min(words.length, limit); k++) {
      const w = words[k].norm;
      const hit = subject.value.find((p) => p.states.has(w));
      if (hit) {
        if (!found || k + 1 > found.end) return { i, j: k + 1, concept: hit.concept, negatedInside: negated };
        break;
      }
      // "Lymph nodes on the left are enlarged", "the nodes in the left axilla are enlarged": the subject's own
      // place, right after it, up to the verb that takes the state.
      const verb = k === subject.end && LOCATIVE.has(w) ? placeEnd(words, k + 1) : -1;
      if (verb > 0) {
        k = verb - 1;
        limit = verb + 4;
        continue;
      }
      if (!PREDICATE_FILLERS.has(w)) break;
      if (NEGATORS.has(w)) negated = true;
    }
  }
  // The state before its subject, across the words that place it: "enlarged left level II lymph node".
  const state = words[i].norm;
  if (starts & STARTS.state && PREDICATE_STATES.has(state))
    for (let k = i + 1; k < Math.min(words.length, i + 6); k++) {
      const later = PREDICATE_TRIE.match(words, k);
      const hit = later?.value.find((p) => p.states.has(state));
      if (later && hit) {
        if (!found || later.end > found.end) return { i, j: later.end, concept: hit.concept, negatedInside: false };
        break;
      }
      if (words[k].kind !== 'number' && !STATE_MODIFIERS.has(words[k].norm)) break;
    }
  return found ? { i, j: found.end, concept: found.value.concept, negatedInside: false } : null;
}

// A place phrase is a few words ("the left", "the right axilla", "level 2"): no clause, aside or denial.
const PLACE_WORDS_AT_MOST = 5;
// The copulas a place phrase ends at: "there", "has" and "had" start no state.
const PLACE_VERBS: ReadonlySet<string> = new Set([...COPULAS].filter((w) => !['there', 'has', 'have', 'had'].includes(w)));

/** Where the copula after a place phrase starting at words[from] stands, or -1 when none ends it within a few words. */
function placeEnd(words: readonly Word[], from: number): number {
  for (let k = from; k < Math.min(words.length, from + PLACE_WORDS_AT_MOST + 1); k++) {
    const w = words[k];
    if ((w.kind !== 'word' && w.kind !== 'number') || NEGATORS.has(w.norm)) return -1;
    if (PLACE_VERBS.has(w.norm)) return k > from ? k : -1;
    // A finding is no place ("the heart in the setting of pericardial effusion is …").
    if (CONCEPT_TRIES.base.match(words, k) || CONCEPT_TRIES.exact.match(words, k)) return -1;
  }
  return -1;
}

// The first characters of the exact trie's phrases (abbreviations, nearly all capitals): a word starting
// otherwise is not looked up there.
const EXACT_FIRST = new Uint8Array(0x10000);
for (const key of CONCEPT_TRIES.exact.firstKeys()) EXACT_FIRST[key.charCodeAt(0)] = 1;

export function scanSentence(words: Word[], contextTries: readonly PhraseTrie<{ concept: Concept }>[]): SentenceWords {
  const mentionAt = new Array<number>(words.length).fill(-1);
  const cueAt = new Array<number>(words.length).fill(-1);
  const mentions: Mention[] = [];
  const cues: Cue[] = [];
  const starts = scanStarts();
  // Cues first where they are longer than a concept starting at the same word ("free of" vs "free air").
  for (let i = 0; i < words.length;) {
    const w = words[i];
    const skipped = w.kind === 'number' || w.kind === 'deid';
    const can = skipped ? 0 : (starts.get(w.norm) ?? 0);
    const exactStart = !skipped && EXACT_FIRST[w.text.charCodeAt(0)] === 1 && CONCEPT_TRIES.exact.startsWith(w.text);
    if (can === 0 && !exactStart) {
      i++;
      continue;
    }
    let cue = can & STARTS.cue ? CUE_TRIE.match(words, i, words.length, CUE_ADVERBS) : null;
    // A request ("Evaluate malignancy.") asks only when it opens the sentence; later the verb is the report's own.
    if (cue?.value.pre?.opening && !cue.value.post && !opensSentence(words, i)) cue = null;
    const mention = matchConcept(words, i, contextTries, can, exactStart);
    if (mention && (!cue || mention.j >= cue.end)) {
      for (let k = mention.i; k < mention.j; k++) mentionAt[k] = mentions.length;
      mentions.push(mention);
      i = mention.j;
    } else if (cue) {
      for (let k = i; k < cue.end; k++) cueAt[k] = cues.length;
      cues.push({ i, j: cue.end, entry: cue.value });
      i = cue.end;
    } else i++;
  }
  return { words, mentionAt, cueAt, mentions, cues };
}

/** Nothing but punctuation or a list number before words[i]. */
function opensSentence(words: Word[], i: number): boolean {
  for (let k = 0; k < i; k++) if (words[k].kind !== 'punct' && words[k].kind !== 'number') return false;
  return true;
}

export function countWords(s: SentenceWords, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (s.mentionAt[k] < 0) n++;
  return n;
}
