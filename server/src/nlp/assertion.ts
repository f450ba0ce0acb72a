// Assertion: which cues of context.json reach a mention (ConText-style scopes: pre cues before it in
// its clause, post cues after it), and what its section makes of it.
import { LIST_BREAKERS, type CueKind } from './lexicon';
import { COPULAS, DENIAL_CARRIERS, HARD_BOUNDARY, LIST_JOINERS, LOCATIVE, RESOLUTION_WORDS } from './grammar';
import { countWords, type Mention, type SentenceWords } from './scan';
import type { Assertion, Hedge } from './types';
import type { Word } from './words';

const isBreaker = (w: Word) => LIST_BREAKERS.has(w.norm) || w.kind === 'number';

// Nouns among the list breakers: in a list closed by "or" ("no atrophy, denervation changes, or masses")
// they name one more denied item, not a new statement.
const ITEM_NOUNS: ReadonlySet<string> = new Set(['changes', 'findings']);

/** Does the stretch words[from, to) start a new statement (so a denial before it does not reach past)? */
function breaksList(s: SentenceWords, from: number, to: number, inOrList = false): boolean {
  for (let k = from; k < to; k++) {
    if (s.mentionAt[k] >= 0) return false; // reached the next listed finding
    if (isBreaker(s.words[k]) && !(inOrList && ITEM_NOUNS.has(s.words[k].norm))) return true;
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
// Cues naming a past operation: they govern the operation, not a finding it comes "with".
const OPERATION_CUE = /^(?:status post|s \/ p|s\/p|post-op|post - op|who underwent)$/;

/** How a mention is asserted; `known` when a hedge weighs a known history rather than a new finding. */
export interface Asserted {
  assertion: Assertion;
  hedge?: Hedge;
  known?: true;
}

/**
 * The cue kinds that reach a mention: pre cues before it in its clause, post cues after it. `today`: the sentence
 * tells this exam's findings (FINDINGS, IMPRESSION), where "status post X with Y" reads Y as today's.
 */
export function assertionOf(s: SentenceWords, m: Mention, today = true): Asserted {
  if (m.negatedInside) return { assertion: 'absent' };
  const { words, mentionAt, cueAt, cues } = s;
  let best: CueKind | null = null;
  let differential = false;
  const take = (kind: CueKind) => {
    if (kind === 'pseudo' || kind === 'terminate') return;
    if (kind === 'differential') differential = true;
    if (!best || kindRank(kind) > kindRank(best)) best = kind;
  };

  // Backwards to the clause start, collecting pre cues. A terminator or hard boundary closes the scope;
  // a comma or "and" is crossed only while the stretch after it is a bare list of findings.
  let found = false;
  let distance = 0;
  // "No abnormal susceptibility is noted on SWI to suggest hemorrhage": what a denied observation would
  // suggest is denied, so past "to suggest" a presence verb ("is noted") does not close the scope.
  let carried = false;
  let orList = false;
  let inHistory = false;
  let nearest: CueKind | null = null;
  // "Status post left pneumonectomy with mediastinal shift to the right": what the operation is "with" is today's.
  let withAt = -1;
  for (let k = m.i - 1; k >= 0 && distance < 24; k--) {
    const w = words[k];
    // A colon or comma right after a cue introduces what it governs: "Differential diagnosis: abscess,
    // tumor", "or less likely, an abscess".
    if ((w.norm === ':' || w.norm === ',') && k > 0 && cueAt[k - 1] >= 0 && cues[cueAt[k - 1]].entry.pre) continue;
    if (HARD_BOUNDARY.has(w.norm)) break;
    const c = cueAt[k];
    if (c >= 0) {
      const cue = cues[c];
      k = cue.i; // jump to the cue's first word
      const pre = cue.entry.pre;
      // Post-only and neutral cues ("has resolved", "consistent with") are passed over; pseudo cues
      // ("no change in") and terminators close the scope.
      if (!pre || pre.kind === 'neutral') {
        if (!found && words.slice(cue.i, cue.j).some((x) => DENIAL_CARRIERS.has(x.norm))) carried = true;
        continue;
      }
      if (pre.kind === 'terminate' && carried && COPULAS.has(words[cue.i].norm)) continue;
      if (pre.kind === 'terminate' || pre.kind === 'pseudo') break;
      if (
        pre.kind === 'historical' &&
        today &&
        withAt > cue.j &&
        OPERATION_CUE.test(
          words
            .slice(cue.i, cue.j)
            .map((x) => x.norm)
            .join(' '),
        )
      )
        break;
      const gap = countWords(s, cue.j, m.i);
      if (pre.window === undefined || gap <= pre.window) {
        nearest ??= pre.kind;
        take(pre.kind);
        found = true;
        if (pre.kind === 'absent') break;
      }
      continue;
    }
    // "no filling defect in the heart cavities and in the vessels in favor of embolism": "and" before a
    // preposition joins two places of one statement.
    if (w.norm === 'and' && LOCATIVE.has(words[k + 1]?.norm ?? '')) {
      distance++;
      continue;
    }
    if (LIST_JOINERS.has(w.norm) && mentionAt[k] < 0) {
      // "possible effusion, no pneumothorax": the cue after the comma is this clause's own; but a hedge after
      // "or" still lies inside a denial before it ("no mass or appearance compatible with infiltration").
      if (found && w.norm !== 'or' && w.norm !== 'nor') {
        // "the clinical history of gaze deviation and suspected seizure or stroke": the history's list
        // holds the hedged item too.
        if (w.norm === 'and' && historyBefore(s, k)) inHistory = true;
        break;
      }
      // Alternatives share their cue ("may represent atelectasis or resolving pneumonia"); a comma or
      // "and" followed by a new modifier starts a statement of its own ("no effusion, mild atelectasis").
      if (w.norm !== 'or' && w.norm !== 'nor' && breaksList(s, k + 1, m.i, orList)) break;
      if (w.norm === 'or' || w.norm === 'nor') orList = true;
    }
    if (w.norm === 'with' && mentionAt[k] < 0 && withAt < 0) withAt = k;
    if (mentionAt[k] < 0) distance++;
  }

  // Forwards for a post cue: "pneumothorax is not seen", "effusion, edema or consolidation are not present".
  let crossedComma = false;
  let crossedBefore = false;
  let gone = false;
  let joined = false;
  let steps = 0;
  for (let k = m.j; k < words.length && steps < 16; k++) {
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
        if ((post.window === undefined || gap <= post.window) && (!crossedComma || joined || bareList(s, m, cue.i))) {
          take(post.kind);
          // "Possible small effusion has resolved": whatever it was thought to be, it is gone.
          gone = post.kind === 'historical' && words.slice(cue.i, cue.j).some((x) => RESOLUTION_WORDS.has(x.norm));
        }
        break;
      }
      // "Pneumothorax, which was seen on the right before, was not detected now": a relative clause
      // between commas tells of its head and does not end the head's own statement.
      const closing = post?.kind === 'terminate' && words[cue.i - 1]?.norm === ',' ? relativeClauseEnd(s, cue.j) : -1;
      if (closing > 0) {
        crossedComma = crossedBefore; // the clause's opening comma is no list comma
        k = closing;
        continue;
      }
      // "A filling defect compatible with embolism was not detected": the interpretation is part of the
      // finding's phrase, and what denies the phrase denies the finding.
      if (cue.entry.pre?.kind === 'probable' && !post) {
        k = cue.j - 1;
        continue;
      }
      if (post?.kind === 'terminate' || cue.entry.pre) break;
      k = cue.j - 1;
      continue;
    }
    if (mentionAt[k] < 0) {
      if (w.norm === ',') {
        crossedBefore = crossedComma;
        crossedComma = true;
      } else if (w.norm === 'and' || w.norm === 'or' || w.norm === 'nor') joined = true;
      else if (COPULAS.has(w.norm) && !nextIsCue(s, k + 1)) break;
      steps++;
    }
  }
  const hedged = best === 'possible' || best === 'probable' || best === 'differential';
  const kind = (inHistory && best !== 'absent') || (gone && hedged) ? 'historical' : (best as CueKind | null);
  switch (kind) {
    case 'absent':
    case 'hypothetical':
    case 'historical':
      return { assertion: kind };
    case 'possible':
    case 'probable':
    case 'differential':
      // "consistent with the patient's history of ischemic stroke": the hedge reads today's image by a known
      // history (the nearer cue), which may still be there (a known malignancy) but is no new result.
      if (nearest === 'historical') return { assertion: 'possible', hedge: differential ? 'differential' : kind, known: true };
      // One item of a differential stays one, however else it is hedged ("or less likely, an abscess or other").
      return { assertion: 'possible', hedge: differential ? 'differential' : kind };
    default:
      return { assertion: 'present' };
  }
}

/** A history cue ("history of") opening the stretch before words[at], with no comma or boundary between. */
function historyBefore(s: SentenceWords, at: number): boolean {
  for (let k = at - 1; k >= 0 && at - k <= 12; k--) {
    const w = s.words[k].norm;
    if (w === ',' || HARD_BOUNDARY.has(w)) return false;
    const c = s.cueAt[k];
    if (c >= 0) return s.cues[c].entry.pre?.kind === 'historical';
  }
  return false;
}

/**
 * "Active infiltration, mass lesion is not detected": findings listed bare by commas from the sentence's start up
 * to the cue at `to` share it. A modifier, a cue or any other word in the list ("Mild cardiomegaly, effusion is
 * not seen") makes the first item a statement of its own.
 */
function bareList(s: SentenceWords, m: Mention, to: number): boolean {
  for (let k = 0; k < m.i; k++) if (isBreaker(s.words[k]) || s.cueAt[k] >= 0 || s.mentionAt[k] >= 0) return false;
  for (let k = m.j; k < to; k++) {
    if (s.mentionAt[k] >= 0) continue;
    const w = s.words[k].norm;
    if (w !== ',' && !COPULAS.has(w)) return false;
  }
  return true;
}

const RELATIVES: ReadonlySet<string> = new Set(['which', 'who']);

/** The comma closing a relative clause that opens at words[from - 1] ("which ... ,"), or -1. */
function relativeClauseEnd(s: SentenceWords, from: number): number {
  if (!RELATIVES.has(s.words[from - 1]?.norm ?? '')) return -1;
  for (let k = from; k < s.words.length; k++) {
    const w = s.words[k].norm;
    if (w === ',') return k;
    if (HARD_BOUNDARY.has(w)) return -1;
  }
  return -1;
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
