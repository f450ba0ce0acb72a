// Finding mentions: lexicon match, then assertion (ConText-style cue scopes), side and site bound to
// the mention's own phrase, and measurements attached to the nearest mention in the sentence.
import { sentenceIndexAt } from '../report';
import type { Report, Sentence } from '../report/types';
import type { Side } from './types';
import {
  CONCEPT_BY_ID,
  CONCEPT_TRIES,
  CUE_TRIE,
  LIST_BREAKERS,
  PREDICATE_TRIE,
  SIDE_TRIE,
  SITE_TRIES,
  sideOfSides,
  TERM_SIDES,
  type Concept,
  type CueEntry,
  type CueKind,
} from './lexicon';
import { findMeasurements } from './measurements';
import { normalStatementsIn } from './normal';
import type { Assertion, Finding, Hedge, Measurement } from './types';
import type { PhraseTrie } from './trie';
import type { Word } from './words';

interface Mention {
  i: number; // first word
  j: number; // after the last word
  concept: Concept;
  /** A denial inside the phrase itself: "heart is not enlarged". */
  negatedInside: boolean;
}

interface Cue {
  i: number;
  j: number;
  entry: CueEntry;
}

// Words between a predicate's subject and its state: "heart size is mildly enlarged".
const PREDICATE_FILLERS = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'appears',
  'appear',
  'remains',
  'remain',
  'again',
  'still',
  'now',
  'mildly',
  'moderately',
  'markedly',
  'slightly',
  'severely',
  'significantly',
  'somewhat',
  'minimally',
  'borderline',
  'not',
  'no',
  'top',
  'at',
  'least',
  'xxxx',
  'stably',
  'moderate',
  'mild',
  'chronically',
  'stable',
  'and',
  'size',
  'in',
  'progressively',
  'grossly',
  'likely',
  'probably',
  'possibly',
  'persistently',
  'unchanged',
  'diffusely',
  'globally',
  'very',
  'quite',
  'overall',
  'also',
  'considerably',
]);
const NEGATORS = new Set(['not', 'no']);
// Side words that may stand inside a lexicon phrase: "elevation of the left hemidiaphragm".
const INNER_SIDES = new Set(['left', 'right', 'bilateral', 'both']);
const HARD_BOUNDARY = new Set([';', ':', '.', '!', '(', ')', '[', ']', '•']);
// "with" joins like "and": "mass with obstructive atelectasis" shares its hedge, "no effusion with mild atelectasis" does not.
const LIST_JOINERS = new Set([',', 'and', 'or', 'nor', '/', 'and/or', 'with']);
const COPULAS = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'there']);
// Words that end a finding's own phrase when walking out from it to find its side and site.
const PHRASE_STOP = new Set([
  'and',
  'or',
  'but',
  'with',
  'without',
  'which',
  'that',
  'there',
  'no',
  'not',
  'versus',
  'vs',
  'as',
  'likely',
  'consistent',
  'compatible',
  'suggestive',
  'suggesting',
  'representing',
  'represents',
  'may',
  'could',
  'concerning',
  'due',
  'secondary',
  'compared',
  'since',
  'from',
  'while',
  'whereas',
  'although',
  'however',
  'if',
  'for',
  'nor',
  'without',
  'resulting',
  'causing',
  'obscuring',
  'obscures',
  'silhouetting',
  'abutting',
  'adjacent',
  'than',
  'including',
  'especially',
  'except',
]);
const BACK_STOP = new Set([
  ...PHRASE_STOP,
  'is',
  'are',
  'was',
  'were',
  'in',
  'at',
  'of',
  'on',
  'to',
  'within',
  'by',
  'over',
  'under',
  'along',
  'overlying',
  'involving',
  'seen',
  'noted',
  'present',
  'has',
  'have',
  'this',
  'these',
  'demonstrate',
  'demonstrates',
  'show',
  'shows',
  'reveal',
  'reveals',
  'contain',
  'contains',
  'containing',
  'appear',
  'appears',
  'remain',
  'remains',
  'near',
]);
const COMPARATIVES = new Set(['greater', 'more', 'larger', 'worse', 'less', 'smaller', 'much', 'slightly', 'somewhat', '>', '<']);
const HEART_PARTS = new Set(['heart', 'atrium', 'atrial', 'ventricle', 'ventricular', 'ventricles', 'atria']);

interface SentenceWords {
  words: Word[];
  /** Per word: the mention that covers it, or -1. */
  mentionAt: Int32Array;
  cueAt: Int32Array;
  mentions: Mention[];
  cues: Cue[];
}

function matchConcept(words: readonly Word[], i: number, contextTries: readonly PhraseTrie<{ concept: Concept }>[]): Mention | null {
  let best: { end: number; concept: Concept } | null = null;
  const consider = (m: { end: number; value: { concept: Concept } } | null) => {
    if (m && (!best || m.end > best.end)) best = { end: m.end, concept: m.value.concept };
  };
  consider(CONCEPT_TRIES.base.match(words, i, words.length, INNER_SIDES));
  consider(CONCEPT_TRIES.exact.match(words, i));
  for (const trie of contextTries) consider(trie.match(words, i));
  const found = best as { end: number; concept: Concept } | null;
  // A subject with its state a few words on: "the cardiac silhouette is mildly enlarged".
  const subject = PREDICATE_TRIE.match(words, i);
  if (subject) {
    let negated = false;
    for (let k = subject.end; k < Math.min(words.length, subject.end + 6); k++) {
      const w = words[k].norm;
      const hit = subject.value.find((p) => p.states.has(w));
      if (hit) {
        if (!found || k + 1 > found.end) return { i, j: k + 1, concept: hit.concept, negatedInside: negated };
        break;
      }
      if (!PREDICATE_FILLERS.has(w)) break;
      if (NEGATORS.has(w)) negated = true;
    }
  }
  return found ? { i, j: found.end, concept: found.concept, negatedInside: false } : null;
}

function scanSentence(words: Word[], contextTries: readonly PhraseTrie<{ concept: Concept }>[]): SentenceWords {
  const mentionAt = new Int32Array(words.length).fill(-1);
  const cueAt = new Int32Array(words.length).fill(-1);
  const mentions: Mention[] = [];
  const cues: Cue[] = [];
  // Cues first where they are longer than a concept starting at the same word ("free of" vs "free air").
  for (let i = 0; i < words.length;) {
    if (words[i].kind === 'number' || words[i].kind === 'deid') {
      i++;
      continue;
    }
    const cue = CUE_TRIE.match(words, i);
    const mention = matchConcept(words, i, contextTries);
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
function assertionOf(s: SentenceWords, m: Mention): { assertion: Assertion; hedge?: Hedge } {
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
      if (found) break; // "possible effusion, no pneumothorax": the cue after the comma is this clause's own
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

function countWords(s: SentenceWords, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (s.mentionAt[k] < 0) n++;
  return n;
}

interface Place {
  sides: Set<Side>;
  sites: string[];
}

/** A side or site phrase at words[k], or null. Side words naming heart chambers are not laterality. */
function placeAt(words: readonly Word[], k: number): { end: number; side?: Side; site?: string } | null {
  const site = SITE_TRIES.base.match(words, k) ?? SITE_TRIES.exact.match(words, k);
  const side = SIDE_TRIE.match(words, k);
  if (side && (!site || side.end > site.end)) {
    const next = words[side.end]?.norm;
    if (next && HEART_PARTS.has(next)) return { end: side.end + 1 };
    return { end: side.end, side: side.value.side };
  }
  if (site)
    return { end: site.end, side: site.value.side ?? (side && side.end === site.end ? side.value.side : undefined), site: site.value.site };
  return null;
}

function addPlace(place: Place, p: { side?: Side; site?: string }) {
  if (p.side) place.sides.add(p.side);
  if (p.site && !place.sites.includes(p.site)) place.sites.push(p.site);
}

/** Side and site words of the mention's own phrase: modifiers before it, and a locative phrase after it. */
function placeOf(s: SentenceWords, m: Mention): { side: Side | null; site: string[]; phraseStart: number; phraseEnd: number } {
  const { words, mentionAt, cueAt } = s;
  const before: Place = { sides: new Set(), sites: [] };
  const after: Place = { sides: new Set(), sites: [] };

  // Words of the mention itself may name a site ("apical pneumothorax").
  for (let k = m.i; k < m.j;) {
    const p = placeAt(words, k);
    if (p) {
      addPlace(before, p);
      k = p.end;
    } else k++;
  }

  // Backwards over modifiers: "right lower lobe patchy opacity", "right greater than left effusions".
  let count = 0;
  let phraseStart = m.i;
  for (let k = m.i - 1; k >= 0 && count < 7; k--, count++) {
    const w = words[k];
    if (mentionAt[k] >= 0 || (w.kind === 'punct' && w.norm !== '/')) break;
    phraseStart = k;
    const norm = w.norm;
    if (COMPARATIVES.has(norm) || norm === 'than') continue;
    if (norm === 'and' && before.sides.size > 0 && k > 0 && SIDE_TRIE.match(words, k - 1)) continue;
    if (BACK_STOP.has(norm)) break;
    if (cueAt[k] >= 0) break;
    // Phrases read forwards: find the one that ends here.
    for (let start = Math.max(0, k - 3); start <= k; start++) {
      const p = placeAt(words, start);
      if (p && p.end === k + 1) {
        addPlace(before, p);
        count += k - start;
        k = start;
        break;
      }
    }
  }

  // Forwards through a locative phrase: "opacity at the left base", "effusion is seen on the right",
  // "an opacity which appears to be within the right lower lobe", "effusion, on the left".
  count = 0;
  let phraseEnd = m.j;
  for (let k = m.j; k < words.length && count < 9; count++) {
    if (after.sides.size > 0 || after.sites.length > 0) phraseEnd = k;
    const w = words[k];
    if (mentionAt[k] >= 0) break;
    if (w.norm === ',' && k === m.j && placeAfterComma(s, k)) {
      k++;
      continue;
    }
    if (w.kind === 'punct' && w.norm !== '/' && w.norm !== '-') break;
    const norm = w.norm;
    if ((norm === 'which' || norm === 'that') && after.sides.size === 0 && after.sites.length === 0) {
      const past = pastRelativeLink(words, k + 1);
      if (past > k + 1) {
        k = past;
        continue;
      }
    }
    if (cueAt[k] >= 0 && s.cues[cueAt[k]].entry.pre?.kind !== 'terminate') break;
    if (norm === 'and' && after.sides.size > 0 && SIDE_TRIE.match(words, k + 1)) {
      k++;
      continue;
    }
    if (norm === 'than' && after.sides.size > 0) {
      k++;
      continue;
    }
    if (PHRASE_STOP.has(norm)) break;
    const p = placeAt(words, k);
    if (p) {
      addPlace(after, p);
      k = p.end;
      phraseEnd = k;
    } else k++;
  }

  const merged = before.sides.size > 0 ? before : { sides: after.sides, sites: before.sites };
  const sites = [...before.sites];
  for (const site of after.sites) if (!sites.includes(site)) sites.push(site);
  const sides = merged.sides;
  const side = sideOfSides(sides);
  return { side, site: sites, phraseStart, phraseEnd };
}

// "which appears to be within", "that is located in": a relative clause that only says where the finding is.
const RELATIVE_LINK = new Set([
  'appears',
  'appear',
  'is',
  'are',
  'was',
  'were',
  'seems',
  'seem',
  'to',
  'be',
  'located',
  'situated',
  'seen',
  'present',
  'centered',
  'centred',
  'lies',
  'lie',
  'projects',
  'projecting',
]);
const LOCATIVE = new Set(['in', 'within', 'at', 'on', 'involving', 'along', 'over', 'overlying', 'projecting']);

/** The first word after "which"/"that" and its linking words, if a locative preposition follows them; else `k`. */
function pastRelativeLink(words: readonly Word[], k: number): number {
  let i = k;
  while (i < words.length && i - k < 5 && RELATIVE_LINK.has(words[i].norm)) i++;
  return i > k && i < words.length && LOCATIVE.has(words[i].norm) ? i : k;
}

/**
 * "effusion, on the left", "consolidation, right lower lobe": a place after a comma belongs to the finding
 * before it when it starts with a preposition or a side and runs to the next punctuation with no finding
 * and no verb of its own ("effusion, right lung is clear" is a new clause).
 */
function placeAfterComma(s: SentenceWords, comma: number): boolean {
  const { words, mentionAt } = s;
  const first = words[comma + 1];
  if (!first || !(LOCATIVE.has(first.norm) || SIDE_TRIE.match(words, comma + 1))) return false;
  let placed = false;
  for (let k = comma + 1; k < words.length && words[k].kind !== 'punct'; k++) {
    if (mentionAt[k] >= 0 || COPULAS.has(words[k].norm) || RELATIVE_LINK.has(words[k].norm)) return false;
    if (placeAt(words, k)) placed = true;
  }
  return placed;
}

/** A side carried by the words of the mention itself: "levoscoliosis", "pleural effusions". */
function ownSide(s: SentenceWords, m: Mention): Side | null {
  const phrase = s.words
    .slice(m.i, m.j)
    .map((w) => w.norm)
    .join(' ');
  const side = TERM_SIDES.get(`${m.concept.id}|${phrase}`);
  if (side) return side;
  if (m.concept.pluralBilateral && /s$/.test(s.words[m.j - 1].norm) && !/(sis|ss)$/.test(s.words[m.j - 1].norm)) return 'bilateral';
  return null;
}

// Words that make a finding an interpretation or an alternative of the one before it.
const INTERPRETIVE_LINKS = new Set([
  'represent',
  'represents',
  'representing',
  'consistent',
  'compatible',
  'likely',
  'probably',
  'probable',
  'suggestive',
  'suggesting',
  'suggests',
  'possibly',
  'possible',
  'may',
  'might',
  'could',
  'versus',
  'vs',
  'or',
  '/',
  'reflect',
  'reflects',
  'reflecting',
  'favor',
  'favoring',
  'due',
  'secondary',
  'concerning',
  'suspicious',
  'either',
  'adjacent',
  'associated',
  'underlying',
  'compressive',
  'passive',
]);
const LINK_FILLERS = new Set([
  ',',
  'which',
  'that',
  'this',
  'most',
  'with',
  'of',
  'to',
  'for',
  'be',
  'is',
  'are',
  'and',
  'xxxx',
  'a',
  'an',
  'the',
  'mild',
  'minimal',
  'small',
  'subsegmental',
  'early',
  'chronic',
  'focal',
  'patchy',
  'streaky',
  'some',
  'either',
  'in',
  'part',
  'areas',
  'area',
  'linear',
  'discoid',
  'platelike',
  'plate',
  'like',
  'superimposed',
]);

/**
 * A finding named in the indication or exam title is the clinical question, not an imaging finding;
 * one named under COMPARISON belongs to a prior study.
 */
function bySection(a: { assertion: Assertion; hedge?: Hedge }, kind: string | undefined): { assertion: Assertion; hedge?: Hedge } {
  if (a.assertion !== 'present') return a;
  if (kind === 'history' || kind === 'exam') return { assertion: 'hypothetical' };
  if (kind === 'comparison') return { assertion: 'historical' };
  return a;
}

function onlyCommaBetween(s: SentenceWords, from: number, to: number): boolean {
  let comma = false;
  for (let k = from; k < to; k++) {
    const w = s.words[k].norm;
    if (w === ',') comma = true;
    else if (w !== 'xxxx' && !LINK_FILLERS.has(w)) return false;
  }
  return comma;
}

/** Is `next` the interpretation or alternative of `prev` ("opacity ... may represent atelectasis", "atelectasis/infiltrate")? */
function interpretedBy(s: SentenceWords, prevEnd: number, next: Mention): boolean {
  if (next.i - prevEnd > 8) return false;
  let linked = false;
  for (let k = prevEnd; k < next.i; k++) {
    const w = s.words[k].norm;
    // An apposition hidden by de-identification ("opacity in the left base, XXXX atelectasis") is a hedge word.
    if (w === 'xxxx' && s.words[k - 1]?.norm === ',') linked = true;
    if (INTERPRETIVE_LINKS.has(w)) {
      linked = true;
      continue;
    }
    if (LINK_FILLERS.has(w)) continue;
    if (s.cueAt[k] < 0) return false;
    {
      const cue = s.cues[s.cueAt[k]].entry;
      const kind = cue.pre?.kind ?? cue.post?.kind;
      if (kind === 'absent' || kind === 'terminate' || kind === 'historical' || kind === 'hypothetical') return false;
      linked = true;
    }
  }
  return linked;
}

/**
 * A neighbour that makes the finding another's: a device next to a fracture ("catheter fracture", "screw is
 * fractured"), an organ next to a bare infarct or dissection ("infarct of the left kidney", "dissection of
 * the right vertebral artery"). `terms`, when given, are the only words of the mention that may be refined.
 */
function refinedNear(s: SentenceWords, m: Mention): Concept | null {
  let phrase: string | undefined;
  for (const r of m.concept.refineNear) {
    if (r.terms.length) {
      phrase ??= s.words
        .slice(m.i, m.j)
        .map((w) => w.norm)
        .join(' ');
      if (!r.terms.includes(phrase)) continue;
    }
    for (let k = Math.max(0, m.i - 3); k < Math.min(s.words.length, m.j + 4); k++) {
      if (k >= m.i && k < m.j) continue;
      const other = s.mentionAt[k] >= 0 ? s.mentions[s.mentionAt[k]] : null;
      if ((other && r.groups.includes(other.concept.group)) || r.words.includes(s.words[k].norm))
        return CONCEPT_BY_ID.get(r.concept) ?? null;
    }
  }
  return null;
}

/** The more specific concept a modifier in the mention's own phrase calls for, if any. */
function refined(s: SentenceWords, m: Mention, phraseStart: number): Concept {
  const near = refinedNear(s, m);
  if (near) return near;
  for (const r of m.concept.refine) {
    for (let k = phraseStart; k < m.i; k++) {
      if (r.words.includes(s.words[k].norm)) return CONCEPT_BY_ID.get(r.concept) ?? m.concept;
    }
  }
  return m.concept;
}

// Words that hand a finding its size: "dilated to", "measuring", "measures up to approximately".
const MEASUREMENT_INTRO = /\b(?:measur\w*|to|of)\s+(?:(?:up to|approximately|about|roughly|nearly)\s+)*$/i;
const MEASUREMENT_JOINED = /\b(?:and|with|or|but|without|plus)\b/i;

/** The mention each measurement measures: nearest in its sentence, reading "2 cm nodule" before "nodule ... 2 cm". */
function attachMeasurements(findings: Finding[], measurements: Measurement[], sentences: readonly Sentence[], report: Report): void {
  let f0 = 0;
  for (const meas of measurements) {
    const si = sentenceIndexAt(sentences, meas.start);
    if (si < 0) continue;
    while (f0 < findings.length && findings[f0].sentenceIndex < si) f0++;
    let best: Finding | null = null;
    let bestCost = Infinity;
    for (let k = f0; k < findings.length && findings[k].sentenceIndex === si; k++) {
      const f = findings[k];
      const between = f.start >= meas.end ? report.text.slice(meas.end, f.start) : report.text.slice(f.end, meas.start);
      if (/[;:]/.test(between)) continue;
      // A measurement reads onto the noun it precedes ("3 mm nodule") more than onto one it follows, unless
      // the words before it introduce it ("appendix dilated to 11 mm", "nodule measuring 8 mm"); a finding
      // joined on after it ("... 11 mm with fat stranding", "8 mm and small effusion") is another finding.
      const after = f.start >= meas.end;
      const introduced = !after && MEASUREMENT_INTRO.test(between);
      const joined = after && MEASUREMENT_JOINED.test(between);
      const cost = (after ? 1 : introduced ? 0.5 : 1.5) * between.length + (/,/.test(between) || joined ? 40 : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = f;
      }
    }
    best?.measurements.push(meas);
  }
}

// A normal statement under HISTORY or COMPARISON is the question or a prior study, not this report's reading.
const NO_NORMAL_STATEMENTS = new Set(['history', 'exam', 'comparison', 'technique']);

/**
 * The denials a sentence's normal statements make ("The lungs are clear" denies consolidation): one
 * absent finding per denied concept, spanning the statement. A concept the sentence names itself keeps
 * its own mention; one it names as present or possible makes the statement partial, so it denies nothing.
 */
function normalFindings(
  s: SentenceWords,
  sentenceIndex: number,
  findings: readonly Finding[],
  section: { kind: string } | undefined,
  sectionIndex: number,
): Finding[] {
  const statements = normalStatementsIn(s.words);
  if (statements.length === 0) return [];
  const own = findings.filter((f) => f.sentenceIndex === sentenceIndex);
  const out: Finding[] = [];
  for (const st of statements) {
    if (own.some((f) => (f.assertion === 'present' || f.assertion === 'possible') && st.concepts.includes(f.concept))) continue;
    for (const id of st.concepts) {
      const concept = CONCEPT_BY_ID.get(id);
      if (!concept || own.some((f) => f.concept === id)) continue;
      out.push({
        start: s.words[st.i].start,
        end: s.words[st.j - 1].end,
        finding: concept.name,
        concept: id,
        assertion: 'absent',
        side: st.side,
        site: [],
        section: (section?.kind ?? 'preamble') as Finding['section'],
        sectionIndex,
        sentenceIndex,
        measurements: [],
        critical: concept.critical,
        significant: concept.significant,
        ...(concept.sex ? { sex: concept.sex } : {}),
        normal: st.kind,
      });
    }
  }
  return out;
}

/** Every finding mention of the report, in text order. */
export function extractFindings(
  report: Report,
  words: readonly Word[],
  contexts: readonly string[],
): { findings: Finding[]; measurements: Measurement[] } {
  const contextTries = contexts.map((c) => CONCEPT_TRIES.byContext.get(c)).filter((t): t is PhraseTrie<{ concept: Concept }> => !!t);
  const findings: Finding[] = [];
  const normals: Finding[] = [];
  let w0 = 0;
  report.sentences.forEach((sentence, sentenceIndex) => {
    while (w0 < words.length && words[w0].start < sentence.start) w0++;
    let w1 = w0;
    while (w1 < words.length && words[w1].end <= sentence.end) w1++;
    const s = scanSentence(words.slice(w0, w1), contextTries);
    const section = report.sections[sentence.section];
    const places: { side: Side | null; site: string[]; phraseEnd: number }[] = [];
    const firstOfSentence = findings.length; // normalFindings looks at this sentence's only (linear in the report)
    for (const [index, mention] of s.mentions.entries()) {
      const place = placeOf(s, mention);
      const m = { ...mention, concept: refined(s, mention, place.phraseStart) };
      if (!place.side) place.side = ownSide(s, m);
      // "Left basilar opacity, likely atelectasis": the interpretation shares the place of what it interprets.
      const assertion = assertionOf(s, m);
      const prevEnd = index > 0 ? Math.max(s.mentions[index - 1].j, places[index - 1].phraseEnd) : 0;
      // "Left basilar opacity, atelectasis versus infiltrate": a hedged apposition interprets what it follows.
      const antecedent =
        index > 0 && (interpretedBy(s, prevEnd, m) || (assertion.assertion === 'possible' && onlyCommaBetween(s, prevEnd, m.i)));
      if (antecedent && !place.side && places[index - 1].side) place.side = places[index - 1].side;
      if (antecedent && place.site.length === 0) place.site = [...places[index - 1].site];
      places.push(place);
      findings.push({
        start: s.words[m.i].start,
        end: s.words[m.j - 1].end,
        finding: m.concept.name,
        concept: m.concept.id,
        ...bySection(assertion, section?.kind),
        side: place.side,
        site: place.site,
        section: section?.kind ?? 'preamble',
        sectionIndex: sentence.section,
        sentenceIndex,
        measurements: [],
        critical: m.concept.critical,
        significant: m.concept.significant,
        ...(m.concept.sex ? { sex: m.concept.sex } : {}),
      });
    }
    if (!NO_NORMAL_STATEMENTS.has(section?.kind ?? ''))
      normals.push(...normalFindings(s, sentenceIndex, findings.slice(firstOfSentence), section, sentence.section));
    w0 = w1;
  });
  const measurements = findMeasurements(report.text);
  attachMeasurements(findings, measurements, report.sentences, report);
  if (normals.length === 0) return { findings, measurements };
  // Normal statements carry no measurements; merged into text order after the attachment.
  const all = [...findings, ...normals].sort((a, b) => a.sentenceIndex - b.sentenceIndex || a.start - b.start);
  return { findings: all, measurements };
}
