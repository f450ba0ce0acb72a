// Assertion: which cues of context.json reach a mention (ConText-style scopes: pre cues before it in
// its clause, post cues after it), and what its section makes of it.
import { LIST_BREAKERS, type CueKind } from './lexicon';
import { COPULAS, HARD_BOUNDARY, LIST_JOINERS } from './grammar';
import { countWords, type Mention, type SentenceWords } from './scan';
import type { Assertion, Hedge } from './types';
import type { Word } from './words';

const isBreaker = (w: Word) => LIST_BREAKERS.has(w.norm) || w.kind === 'number';

/** Does the stretch words[from, to) start a new statement (so a denial before it does not reach past)? */
function breaksList(s: SentenceWords, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (s.mentionAt[k] >= 0) return false; // reached the next listed finding
    if (isBreaker(s.words[k])) return true;
  }
  return false;
}

// When several cues reach one mention: a denial wins, then a condition, then the weakest hedge.
const RANK: Record<CueKind, number> = {
  absent: 7,
  hypothetical: 6,
  possible: 5,
  differential: 4,
  probable: 3,
  historical: 2,
  neutral: 0,
  pseudo: 0,
  terminate: 0,
};
const kindRank = (kind: CueKind) => RANK[kind];

/** The cue kinds that reach a mention: pre cues before it in its clause, post cues after it. */
export function assertionOf(s: SentenceWords, m: Mention): { assertion: Assertion; hedge?: Hedge } {
  if (m.negatedInside) return { assertion: 'absent' };
  const { words, mentionAt, cueAt, cues } = s;
  let best: CueKind | null = null;
  const take = (kind: CueKind) => {
    if (kind === 'pseudo' || kind === 'terminate') return;
    if (!best || kindRank(kind) > kindRank(best)) best = kind;
  };

  // Backwards to the clause start, collecting pre cues. A terminator or hard boundary closes the scope;
  // a comma or "and" is crossed only while the stretch after it is a bare list of findings.
  let found = false;
  let distance = 0;
  for (let k = m.i - 1; k >= 0 && distance < 24; k--) {
    const w = words[k];
    // A colon right after a cue introduces what it governs: "Differential diagnosis: abscess, tumor".
    if (w.norm === ':' && k > 0 && cueAt[k - 1] >= 0 && cues[cueAt[k - 1]].entry.pre) continue;
    if (HARD_BOUNDARY.has(w.norm)) break;
    const c = cueAt[k];
    if (c >= 0) {
      const cue = cues[c];
      k = cue.i; // jump to the cue's first word
      const pre = cue.entry.pre;
      // Post-only and neutral cues ("has resolved", "consistent with") are passed over; pseudo cues
      // ("no change in") and terminators close the scope.
      if (!pre || pre.kind === 'neutral') continue;
      if (pre.kind === 'terminate' || pre.kind === 'pseudo') break;
      const gap = countWords(s, cue.j, m.i);
      if (pre.window === undefined || gap <= pre.window) {
        take(pre.kind);
        found = true;
        if (pre.kind === 'absent') break;
      }
      continue;
    }
    if (LIST_JOINERS.has(w.norm) && mentionAt[k] < 0) {
      // "possible effusion, no pneumothorax": the cue after the comma is this clause's own; but a hedge after
      // "or" still lies inside a denial before it ("no mass or appearance compatible with infiltration").
      if (found && w.norm !== 'or' && w.norm !== 'nor') break;
      // Alternatives share their cue ("may represent atelectasis or resolving pneumonia"); a comma or
      // "and" followed by a new modifier starts a statement of its own ("no effusion, mild atelectasis").
      if (w.norm !== 'or' && w.norm !== 'nor' && breaksList(s, k + 1, m.i)) break;
    }
    if (mentionAt[k] < 0) distance++;
  }

  // Forwards for a post cue: "pneumothorax is not seen", "effusion, edema or consolidation are not present".
  let crossedComma = false;
  let joined = false;
  let steps = 0;
  for (let k = m.j; k < words.length && steps < 12; k++) {
    const w = words[k];
    if (HARD_BOUNDARY.has(w.norm)) break;
    const c = cueAt[k];
    if (c >= 0) {
      const cue = cues[c];
      const post = cue.entry.post;
      if (post?.kind === 'neutral') {
        k = cue.j - 1;
        continue;
      }
      if (post && post.kind !== 'terminate' && post.kind !== 'pseudo') {
        const gap = countWords(s, m.j, cue.i);
        if ((post.window === undefined || gap <= post.window) && (!crossedComma || joined)) take(post.kind);
        break;
      }
      if (post?.kind === 'terminate' || cue.entry.pre) break;
      k = cue.j - 1;
      continue;
    }
    if (mentionAt[k] < 0) {
      if (w.norm === ',') crossedComma = true;
      else if (w.norm === 'and' || w.norm === 'or' || w.norm === 'nor') joined = true;
      else if (COPULAS.has(w.norm) && !nextIsCue(s, k + 1)) break;
      steps++;
    }
  }
  const kind = best as CueKind | null;
  switch (kind) {
    case 'absent':
    case 'hypothetical':
    case 'historical':
      return { assertion: kind };
    case 'possible':
    case 'probable':
    case 'differential':
      return { assertion: 'possible', hedge: kind };
    default:
      return { assertion: 'present' };
  }
}

function nextIsCue(s: SentenceWords, k: number): boolean {
  return k < s.words.length && s.cueAt[k] >= 0 && !!s.cues[s.cueAt[k]].entry.post;
}

/**
 * A finding named in the indication or exam title is the clinical question, not an imaging finding;
 * one named under COMPARISON belongs to a prior study.
 */
export function bySection(a: { assertion: Assertion; hedge?: Hedge }, kind: string | undefined): { assertion: Assertion; hedge?: Hedge } {
  if (a.assertion !== 'present') return a;
  if (kind === 'history' || kind === 'exam') return { assertion: 'hypothetical' };
  if (kind === 'comparison') return { assertion: 'historical' };
  return a;
}
